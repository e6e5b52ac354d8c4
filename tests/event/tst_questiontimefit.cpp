#include "event/questiontimefit.h"
#include "timer/clock.h"
#include "timer/sessionclock.h"

#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

using State = Question::State;

namespace {

const QDateTime kStart(QDate(2026, 11, 26), QTime(19, 0), Qt::UTC);

QuestionRecord questionIn(State state, std::optional<seconds> pinnedAt = {}, std::optional<seconds> answeredAt = {})
{
    static qint64 nextId = 1;
    QuestionRecord record;
    record.question.id = nextId++;
    record.question.text = u"Why?"_s;
    record.question.state = state;
    record.question.createdAt = kStart;
    if (pinnedAt)
        record.question.pinnedAt = kStart.addSecs(pinnedAt->count());
    if (answeredAt)
        record.question.answeredAt = kStart.addSecs(answeredAt->count());
    return record;
}

/** count Shown questions, and one of each state that does not wait. */
QList<QuestionRecord> sessionWithShown(int count)
{
    QList<QuestionRecord> records;
    for (int i = 0; i < count; ++i)
        records.append(questionIn(State::Shown));
    for (const State other :
         {State::Waiting, State::Pinned, State::Hidden, State::Merged, State::Withdrawn, State::Unanswered})
        records.append(questionIn(other));
    return records;
}

TimingPlan fifteenAndFive()
{
    TimingPlan plan;
    plan.talkTime = 15min;
    plan.qaTime = 5min;
    return plan;
}

} // namespace

class TestQuestionTimeFit : public QObject
{
    Q_OBJECT

private slots:
    void meanAnswerTimeAveragesTheAnsweredQuestions_data()
    {
        QTest::addColumn<QList<QuestionRecord>>("questions");
        QTest::addColumn<milliseconds>("expected");
        QTest::newRow("none: 90 s") << QList<QuestionRecord>() << milliseconds(90s);
        QTest::newRow("nothing answered: 90 s")
            << QList<QuestionRecord>{questionIn(State::Shown), questionIn(State::Pinned, 10s)} << milliseconds(90s);
        QTest::newRow("one in 60 s") << QList<QuestionRecord>{questionIn(State::Answered, 0s, 60s)}
                                     << milliseconds(60s);
        QTest::newRow("60 s and 2 min") << QList<QuestionRecord>{questionIn(State::Answered, 0s, 60s),
                                                                 questionIn(State::Answered, 100s, 220s)}
                                        << milliseconds(90s);
        QTest::newRow("mean of 1 s and 2 s, in milliseconds")
            << QList<QuestionRecord>{questionIn(State::Answered, 0s, 1s), questionIn(State::Answered, 5s, 7s)}
            << milliseconds(1500);
        QTest::newRow("answered without being pinned is not counted")
            << QList<QuestionRecord>{questionIn(State::Answered, {}, 30s), questionIn(State::Answered, 0s, 40s)}
            << milliseconds(40s);
        QTest::newRow("answered before pinned is not counted")
            << QList<QuestionRecord>{questionIn(State::Answered, 50s, 20s), questionIn(State::Answered, 0s, 40s)}
            << milliseconds(40s);
        QTest::newRow("answered, then hidden, is not counted")
            << QList<QuestionRecord>{questionIn(State::Hidden, 0s, 500s), questionIn(State::Answered, 0s, 40s)}
            << milliseconds(40s);
    }

    void meanAnswerTimeAveragesTheAnsweredQuestions()
    {
        QFETCH(QList<QuestionRecord>, questions);
        QFETCH(milliseconds, expected);
        QCOMPARE(meanAnswerTime(questions), expected);
    }

    void fitCountsWholeQuestionsInTheTimeLeft_data()
    {
        QTest::addColumn<int>("waiting");
        QTest::addColumn<milliseconds>("perQuestion");
        QTest::addColumn<milliseconds>("timeLeft");
        QTest::addColumn<int>("fitting");
        QTest::addColumn<milliseconds>("reportedTimeLeft");
        QTest::newRow("3 of 7 fit in 4:30") << 7 << milliseconds(90s) << milliseconds(270s) << 3 << milliseconds(270s);
        QTest::newRow("a second short of the third")
            << 7 << milliseconds(90s) << milliseconds(269s) << 2 << milliseconds(269s);
        QTest::newRow("all fit") << 2 << milliseconds(90s) << milliseconds(10min) << 2 << milliseconds(10min);
        QTest::newRow("none waiting") << 0 << milliseconds(90s) << milliseconds(10min) << 0 << milliseconds(10min);
        QTest::newRow("no time") << 4 << milliseconds(90s) << milliseconds(0) << 0 << milliseconds(0);
        QTest::newRow("negative time reads as none")
            << 4 << milliseconds(90s) << milliseconds(-30s) << 0 << milliseconds(0);
        QTest::newRow("answered in no time") << 4 << milliseconds(0) << milliseconds(1s) << 4 << milliseconds(1s);
    }

    void fitCountsWholeQuestionsInTheTimeLeft()
    {
        QFETCH(int, waiting);
        QFETCH(milliseconds, perQuestion);
        QFETCH(milliseconds, timeLeft);
        QFETCH(int, fitting);
        QFETCH(milliseconds, reportedTimeLeft);
        const QuestionTimeFit fit = fitQuestions(waiting, perQuestion, timeLeft, false);
        QCOMPARE(fit.waiting, waiting);
        QCOMPARE(fit.fitting, fitting);
        QCOMPARE(fit.perQuestion, perQuestion);
        QCOMPARE(fit.timeLeft, reportedTimeLeft);
        QVERIFY(!fit.forecast);
        QVERIFY(fitQuestions(waiting, perQuestion, timeLeft, true).forecast);
    }

    void beforeAndDuringTheTalkTheWholeQaTimeIsForecast()
    {
        ManualClock time(kStart);
        SessionClock clock(time);
        clock.setPlan(fifteenAndFive());
        const QList<QuestionRecord> questions = sessionWithShown(7);

        QCOMPARE(clock.phase(), SessionClock::Phase::BeforeStart);
        QuestionTimeFit fit = fitQuestions(questions, clock);
        QCOMPARE(fit, fitQuestions(7, 90s, 5min, true));
        QCOMPARE(fit.fitting, 3); // 300 s / 90 s

        clock.start();
        time.advance(14min);
        QCOMPARE(clock.phase(), SessionClock::Phase::Talk);
        fit = fitQuestions(questions, clock);
        QVERIFY(fit.forecast);
        QCOMPARE(fit.timeLeft, milliseconds(5min));
        QCOMPARE(fit.waiting, 7);
        QCOMPARE(fit.fitting, 3);
    }

    void duringQaTheTimeLeftOnTheTimerCounts()
    {
        ManualClock time(kStart);
        SessionClock clock(time);
        clock.setPlan(fifteenAndFive());
        const QList<QuestionRecord> questions = sessionWithShown(7);
        clock.start();
        time.advance(15min + 30s);
        QCOMPARE(clock.phase(), SessionClock::Phase::QA);
        QuestionTimeFit fit = fitQuestions(questions, clock);
        // "about 3 of 7 fit in 4:30"
        QCOMPARE(fit, fitQuestions(7, 90s, 270s, false));
        QCOMPARE(fit.fitting, 3);
        QCOMPARE(formatDuration(fit.timeLeft), u"4:30"_s);

        time.advance(91s);
        fit = fitQuestions(questions, clock);
        QCOMPARE(fit.timeLeft, milliseconds(179s));
        QCOMPARE(fit.fitting, 1);

        clock.pause();
        time.advance(10min); // a paused timer leaves the Q&A time as it was
        QCOMPARE(fitQuestions(questions, clock).timeLeft, milliseconds(179s));
    }

    void theMeasuredAnswerTimeReplacesTheDefault()
    {
        ManualClock time(kStart);
        SessionClock clock(time);
        clock.setPlan(fifteenAndFive());
        QList<QuestionRecord> questions = sessionWithShown(7);
        questions.append(questionIn(State::Answered, 0s, 50s));
        questions.append(questionIn(State::Answered, 100s, 170s));
        clock.start();
        time.advance(16min);
        const QuestionTimeFit fit = fitQuestions(questions, clock);
        QCOMPARE(fit.perQuestion, milliseconds(60s));
        QCOMPARE(fit.timeLeft, milliseconds(4min));
        QCOMPARE(fit.fitting, 4);
        QCOMPARE(fit.waiting, 7);
    }

    void inOvertimeNothingFits()
    {
        ManualClock time(kStart);
        SessionClock clock(time);
        clock.setPlan(fifteenAndFive());
        clock.start();
        time.advance(21min);
        QCOMPARE(clock.phase(), SessionClock::Phase::Overtime);
        const QuestionTimeFit fit = fitQuestions(sessionWithShown(7), clock);
        QCOMPARE(fit, fitQuestions(7, 90s, 0ms, false));
        QCOMPARE(fit.fitting, 0);
        QCOMPARE(fit.waiting, 7);
    }

    void theDefaultIsNinetySeconds()
    {
        QCOMPARE(QuestionTimeFit::kDefaultTimePerQuestion, milliseconds(90s));
        QCOMPARE(QuestionTimeFit().perQuestion, milliseconds(90s));
    }
};

QTEST_GUILESS_MAIN(TestQuestionTimeFit)
#include "tst_questiontimefit.moc"
