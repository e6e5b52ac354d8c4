#include "timer/clock.h"
#include "timer/sessionclock.h"

#include <QSignalSpy>
#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

class TestSessionClock : public QObject
{
    Q_OBJECT

private:
    static TimingPlan plan(minutes talk, minutes qa, minutes warning = 3min)
    {
        TimingPlan p;
        p.talkTime = talk;
        p.qaTime = qa;
        p.warningTime = warning;
        return p;
    }

private slots:
    void beforeStartShowsTheFullTalkTime()
    {
        ManualClock time;
        SessionClock clock(time);
        clock.setPlan(plan(15min, 5min));
        time.advance(10min);
        QCOMPARE(clock.phase(), SessionClock::Phase::BeforeStart);
        QCOMPARE(clock.remainingInPhase(), milliseconds(15min));
        QCOMPARE(clock.remainingSession(), milliseconds(20min));
        QVERIFY(!clock.isWarning());
    }

    void phasesFollowElapsedTime_data()
    {
        QTest::addColumn<int>("elapsedSeconds");
        QTest::addColumn<SessionClock::Phase>("phase");
        QTest::addColumn<int>("remainingInPhaseSeconds");
        QTest::addColumn<int>("remainingSessionSeconds");
        QTest::addColumn<bool>("warning");

        QTest::newRow("just started") << 0 << SessionClock::Phase::Talk << 900 << 1200 << false;
        QTest::newRow("mid talk") << 600 << SessionClock::Phase::Talk << 300 << 600 << false;
        QTest::newRow("one second before warning") << 719 << SessionClock::Phase::Talk << 181 << 481 << false;
        QTest::newRow("warning begins 3 min before end") << 720 << SessionClock::Phase::Talk << 180 << 480 << true;
        QTest::newRow("last second of talk") << 899 << SessionClock::Phase::Talk << 1 << 301 << true;
        QTest::newRow("Q&A begins") << 900 << SessionClock::Phase::QA << 300 << 300 << false;
        QTest::newRow("Q&A nearly over") << 1199 << SessionClock::Phase::QA << 1 << 1 << false;
        QTest::newRow("overtime counts up") << 1260 << SessionClock::Phase::Overtime << 60 << -60 << false;
    }

    void phasesFollowElapsedTime()
    {
        QFETCH(int, elapsedSeconds);
        QFETCH(SessionClock::Phase, phase);
        QFETCH(int, remainingInPhaseSeconds);
        QFETCH(int, remainingSessionSeconds);
        QFETCH(bool, warning);

        ManualClock time;
        SessionClock clock(time);
        clock.setPlan(plan(15min, 5min));
        clock.start();
        time.advance(seconds(elapsedSeconds));
        QCOMPARE(clock.phase(), phase);
        QCOMPARE(clock.remainingInPhase(), milliseconds(seconds(remainingInPhaseSeconds)));
        QCOMPARE(clock.remainingSession(), milliseconds(seconds(remainingSessionSeconds)));
        QCOMPARE(clock.isWarning(), warning);
    }

    void pausedTimeDoesNotCount()
    {
        ManualClock time;
        SessionClock clock(time);
        clock.setPlan(plan(15min, 5min));
        clock.start();
        time.advance(2min);
        clock.pause();
        QVERIFY(clock.isPaused());
        time.advance(30min);
        QCOMPARE(clock.elapsed(), milliseconds(2min));
        QCOMPARE(clock.phase(), SessionClock::Phase::Talk);
        clock.resume();
        time.advance(1min);
        QCOMPARE(clock.elapsed(), milliseconds(3min));
    }

    void togglePauseStartsPausesAndResumes()
    {
        ManualClock time;
        SessionClock clock(time);
        QSignalSpy changed(&clock, &SessionClock::stateChanged);
        clock.togglePause();
        QVERIFY(clock.isStarted());
        QVERIFY(!clock.isPaused());
        clock.togglePause();
        QVERIFY(clock.isPaused());
        clock.togglePause();
        QVERIFY(!clock.isPaused());
        QCOMPARE(changed.count(), 3);
    }

    void startTwiceKeepsTheFirstStart()
    {
        ManualClock time;
        SessionClock clock(time);
        clock.start();
        time.advance(1min);
        clock.start();
        QCOMPARE(clock.elapsed(), milliseconds(1min));
    }

    void resetGoesBackToBeforeStart()
    {
        ManualClock time;
        SessionClock clock(time);
        clock.start();
        time.advance(20min);
        clock.reset();
        QCOMPARE(clock.phase(), SessionClock::Phase::BeforeStart);
        QCOMPARE(clock.elapsed(), 0ms);
        QVERIFY(!clock.isStarted());
    }

    void endTimeDerivesTheTalkTimeAtStart()
    {
        // pdfpc's endTime: 19:00 local start, talk should end at 19:12 → 12 minutes of talk.
        const QDateTime localSeven(QDate(2026, 11, 24), QTime(19, 0));
        ManualClock time(localSeven.toUTC());
        SessionClock clock(time);
        TimingPlan p = plan(15min, 5min);
        p.talkEndsAt = QTime(19, 12);
        clock.setPlan(p);
        clock.start();
        QCOMPARE(clock.talkTime(), milliseconds(12min));
        time.advance(12min);
        QCOMPARE(clock.phase(), SessionClock::Phase::QA);
    }

    void endTimeAlreadyPassedMeansNoTalkTimeLeft()
    {
        const QDateTime localSeven(QDate(2026, 11, 24), QTime(19, 30));
        ManualClock time(localSeven.toUTC());
        SessionClock clock(time);
        TimingPlan p = plan(15min, 5min);
        p.talkEndsAt = QTime(19, 12);
        clock.setPlan(p);
        clock.start();
        QCOMPARE(clock.talkTime(), 0ms);
        QCOMPARE(clock.phase(), SessionClock::Phase::QA);
    }

    void paceComparesSlideWithTime_data()
    {
        QTest::addColumn<int>("elapsedMinutes");
        QTest::addColumn<int>("slide");
        QTest::addColumn<SessionClock::Pace>("pace");
        // 10-minute talk over 11 slides: one slide a minute.
        QTest::newRow("start, slide 1") << 0 << 1 << SessionClock::Pace::OnTime;
        QTest::newRow("5 min, slide 6") << 5 << 6 << SessionClock::Pace::OnTime;
        QTest::newRow("5 min, slide 9: ahead") << 5 << 9 << SessionClock::Pace::Ahead;
        QTest::newRow("5 min, slide 3: behind") << 5 << 3 << SessionClock::Pace::Behind;
        QTest::newRow("end, slide 11") << 10 << 11 << SessionClock::Pace::OnTime;
    }

    void paceComparesSlideWithTime()
    {
        QFETCH(int, elapsedMinutes);
        QFETCH(int, slide);
        QFETCH(SessionClock::Pace, pace);
        ManualClock time;
        SessionClock clock(time);
        clock.setPlan(plan(10min, 5min));
        clock.start();
        time.advance(minutes(elapsedMinutes));
        QCOMPARE(clock.pace(slide, 11), pace);
    }

    void paceIsOnTimeBeforeStart()
    {
        ManualClock time;
        SessionClock clock(time);
        QCOMPARE(clock.pace(20, 21), SessionClock::Pace::OnTime);
    }

    void formatDurationShowsMinutesSecondsAndSign_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << u"0:00"_s;
        QTest::newRow("fifteen minutes") << qint64(900000) << u"15:00"_s;
        QTest::newRow("partial second floors") << qint64(61999) << u"1:01"_s;
        QTest::newRow("hours") << qint64(3723000) << u"1:02:03"_s;
        QTest::newRow("negative") << qint64(-65000) << u"\u22121:05"_s;
        QTest::newRow("negative below a second has no sign") << qint64(-400) << u"0:00"_s;
    }

    void formatDurationShowsMinutesSecondsAndSign()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(formatDuration(milliseconds(ms)), text);
    }
};

QTEST_GUILESS_MAIN(TestSessionClock)
#include "tst_sessionclock.moc"
