// The event's sessions on stage and their record: switching sessions, and going on after a restart or a crash.
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/questionstore.h"
#include "storage/stagestore.h"
#include "timer/clock.h"

#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

QString writeDeck(const QString &path, int pages)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QSizeF(160, 90), QPageSize::Millimeter));
    writer.setResolution(72);
    QPainter painter(&writer);
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer.newPage();
        painter.drawText(QPointF(20, 40), u"page %1"_s.arg(i + 1));
    }
    return path;
}

std::shared_ptr<const SlideDeck> openDeck(const QString &path)
{
    auto deck = SlideDeck::open(path);
    return deck ? *deck : nullptr;
}

Poll ratingPoll(const QString &id, const QString &slide)
{
    Poll poll;
    poll.id = id;
    poll.question = id + u'?';
    poll.kind = Poll::Kind::Rating;
    poll.slideLabel = slide;
    return poll;
}

/** A three-session evening, decks of 5, 4 and 3 pages, on a database file: the app as main() wires it. */
struct Evening
{
    QTemporaryDir dir;
    ManualClock time{QDateTime(QDate(2026, 11, 26), QTime(18, 0), Qt::UTC)};
    Event plan;
    QList<std::shared_ptr<const SlideDeck>> decks;

    Evening()
    {
        plan.title = u"Robust Python evening"_s;
        const QList<int> pages = {5, 4, 3};
        for (int i = 0; i < pages.size(); ++i) {
            Session session;
            session.title = u"Talk %1"_s.arg(i + 1);
            session.deckPath = writeDeck(dir.filePath(u"talk%1.pdf"_s.arg(i + 1)), pages.at(i));
            session.timing.talkTime = minutes(15);
            session.timing.qaTime = minutes(5);
            session.polls = {ratingPoll(u"poll-%1"_s.arg(i + 1), u"2"_s)};
            plan.sessions.append(session);
            decks.append(openDeck(session.deckPath));
        }
    }
    QString databasePath() const { return dir.filePath(u"evening.sqlite"_s); }
};

/** One run of the app on the evening's database: what main() builds. */
struct App
{
    Database database;
    std::unique_ptr<LivePolls> polls;
    std::unique_ptr<LiveQuestions> questions;
    std::unique_ptr<LiveEvent> event;

    bool open(Evening &evening)
    {
        if (!database.open(evening.databasePath()))
            return false;
        polls = std::make_unique<LivePolls>(database, evening.time);
        questions = std::make_unique<LiveQuestions>(database, evening.time);
        event = std::make_unique<LiveEvent>(evening.time);
        event->setDatabase(&database);
        event->setPlan(evening.plan, evening.dir.filePath(u"evening.lectern.json"_s));
        event->setPolls(polls.get());
        event->setQuestions(questions.get());
        return true;
    }
    void presentRecordedSession(const Evening &evening)
    {
        const int index = event->recordedSessionIndex().value_or(0);
        event->present(index, evening.decks.at(index));
    }
    ~App()
    {
        if (event) {
            event->setPolls(nullptr);
            event->setQuestions(nullptr);
        }
    }
};

} // namespace

class TestEventStage : public QObject
{
    Q_OBJECT

private slots:
    void switchingSessionsSwitchesDeckTimerPollsAndQuestions()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        QCOMPARE(app.event->sessionIndex(), 0);
        const QString device = DeviceStore(app.database).createDevice(evening.time.now()).value();
        const qint64 asked = app.questions->ask(device, u"Why uv?"_s).value().question.id;
        app.event->next();
        QVERIFY(app.event->clock().isStarted());

        QSignalSpy sessions(app.event.get(), &LiveEvent::sessionChanged);
        app.event->present(1, evening.decks.at(1));
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.at(0).at(0).toInt(), 1);
        QCOMPARE(app.event->session().title, u"Talk 2"_s);
        QCOMPARE(app.event->deck()->pageCount(), 4);
        QCOMPARE(app.event->currentPage(), 0);
        QVERIFY(!app.event->clock().isStarted());
        QCOMPARE(app.polls->sessionIndex(), 1);
        QCOMPARE(app.polls->polls().constFirst().id, u"poll-2"_s);
        QCOMPARE(app.questions->sessionIndex(), 1);
        QVERIFY(app.questions->questions().isEmpty());
        // The talk before left the stage: its questions still shown are kept as unanswered, never lost.
        QCOMPARE(QuestionStore(app.database).question(asked).value()->question.state, Question::State::Unanswered);
    }

    void aRestartGoesOnWithTheSameSessionSlideAndTimerAsTimePassed()
    {
        Evening evening;
        {
            App app;
            QVERIFY(app.open(evening));
            app.presentRecordedSession(evening);
            app.event->present(1, evening.decks.at(1));
            app.event->next(); // starts the timer
            evening.time.advance(seconds(70));
            app.event->next();
            QCOMPARE(app.event->currentPage(), 2);
            QCOMPARE(app.event->clock().elapsed(), seconds(70));
        } // the app is gone without a word, as after kill -9: nothing is written at exit

        evening.time.advance(seconds(30)); // down for half a minute
        App again;
        QVERIFY(again.open(evening));
        QCOMPARE(again.event->recordedSessionIndex(), std::optional<int>(1));
        again.presentRecordedSession(evening);
        QCOMPARE(again.event->sessionIndex(), 1);
        QCOMPARE(again.event->currentPage(), 2);
        QVERIFY(again.event->clock().isStarted());
        QVERIFY(!again.event->clock().isPaused());
        QCOMPARE(again.event->clock().elapsed(), seconds(100));
        // The time log goes on too: the slide shown at the crash is still open.
        const QList<SlideVisit> visits = again.event->timeLog().visits(evening.time.now());
        QCOMPARE(visits.size(), 2);
        QCOMPARE(visits.at(0).duration, seconds(70));
        QCOMPARE(visits.at(1).pageIndex, 2);
        QCOMPARE(visits.at(1).duration, seconds(30));
    }

    void aPausedTimerStaysPausedAcrossARestart()
    {
        Evening evening;
        {
            App app;
            QVERIFY(app.open(evening));
            app.presentRecordedSession(evening);
            app.event->next();
            evening.time.advance(seconds(40));
            app.event->clock().pause();
        }
        evening.time.advance(minutes(5));
        App again;
        QVERIFY(again.open(evening));
        again.presentRecordedSession(evening);
        QVERIFY(again.event->clock().isPaused());
        QCOMPARE(again.event->clock().elapsed(), seconds(40));
        again.event->clock().resume();
        evening.time.advance(seconds(2));
        QCOMPARE(again.event->clock().elapsed(), seconds(42));
    }

    void leavingASessionPausesItsTimerAndComingBackRestoresIt()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        app.event->next();
        app.event->next();
        evening.time.advance(minutes(16));
        app.event->present(1, evening.decks.at(1));
        evening.time.advance(minutes(3));
        app.event->present(0, evening.decks.at(0));
        QCOMPARE(app.event->currentPage(), 2);
        QVERIFY(app.event->clock().isPaused());
        QCOMPARE(app.event->clock().elapsed(), minutes(16));
        QCOMPARE(app.event->clock().phase(), SessionClock::Phase::QA);
    }

    void theAgendaRecordsActualStartsAndEnds()
    {
        Evening evening;
        evening.plan.date = QDate(2026, 11, 26);
        evening.plan.startTime = QTime(19, 0);
        evening.time.setNow(QDateTime(QDate(2026, 11, 26), QTime(19, 0)).toUTC());
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        QSignalSpy agenda(app.event.get(), &LiveEvent::agendaChanged);
        evening.time.advance(minutes(2));
        const QDateTime talkStarted = evening.time.now();
        app.event->next();
        QCOMPARE(agenda.size(), 1);
        evening.time.advance(minutes(22));
        const QDateTime talkEnded = evening.time.now();
        app.event->present(1, evening.decks.at(1));

        const Agenda now = app.event->agenda();
        QCOMPARE(now.entries.size(), 3);
        QCOMPARE(now.entries.at(0).actualStart, std::optional<QDateTime>(talkStarted));
        QCOMPARE(now.entries.at(0).actualEnd, std::optional<QDateTime>(talkEnded));
        QVERIFY(now.entries.at(1).onStage);
        QVERIFY(!now.entries.at(1).actualStart);
        QCOMPARE(app.event->agenda(), now);

        // The record has them too: a restart shows the same agenda.
        App again;
        QVERIFY(again.open(evening));
        again.presentRecordedSession(evening);
        QCOMPARE(again.event->agenda(), now);
    }

    void resettingTheTimerForgetsTheRunAsARehearsal()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        app.event->next();
        QVERIFY(app.event->agenda().entries.at(0).actualStart);
        app.event->clock().reset();
        QVERIFY(!app.event->agenda().entries.at(0).actualStart);
        QVERIFY(app.event->timeLog().visits(evening.time.now()).isEmpty());
        StageStore store(app.database);
        QVERIFY(store.runs().value().isEmpty());
        QVERIFY(store.visits(0).value().isEmpty());
    }

    void thePlanIsStoredForExports()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        const std::optional<StoredPlan> stored = StageStore(app.database).plan().value();
        QVERIFY(stored);
        QCOMPARE(stored->sourcePath, evening.dir.filePath(u"evening.lectern.json"_s));
        QVERIFY(stored->json.contains("Talk 3"));
        QVERIFY(stored->json.contains(evening.plan.sessions.at(2).deckPath.toUtf8()));
    }

    void reorderingSessionsMovesTheirRecordWithThem()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        const QString device = DeviceStore(app.database).createDevice(evening.time.now()).value();
        const qint64 asked = app.questions->ask(device, u"About talk 1"_s).value().question.id;
        app.event->next();

        Event edited = evening.plan;
        edited.sessions.move(0, 2); // talk 1 now last: 2, 3, 1
        QSignalSpy sessions(app.event.get(), &LiveEvent::sessionChanged);
        QVERIFY(app.event->replacePlan(edited, {1, 2, 0}));
        QCOMPARE(app.event->sessionIndex(), 2);
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(app.questions->sessionIndex(), 2);
        QCOMPARE(app.questions->question(asked)->question.state, Question::State::Shown);
        QCOMPARE(QuestionStore(app.database).question(asked).value()->question.sessionIndex, 2);
        QCOMPARE(app.event->agenda().entries.at(2).title, u"Talk 1"_s);
        QVERIFY(app.event->agenda().entries.at(2).actualStart);
        QCOMPARE(StageStore(app.database).sessionOnStage().value(), std::optional<int>(2));
    }

    void aSessionWithARecordOrOnStageCannotBeRemoved()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        const QString device = DeviceStore(app.database).createDevice(evening.time.now()).value();
        app.event->present(1, evening.decks.at(1));
        QVERIFY(app.questions->ask(device, u"About talk 2"_s));
        app.event->present(2, evening.decks.at(2));

        Event withoutTalk2 = evening.plan;
        withoutTalk2.sessions.removeAt(1);
        const Result<> refused = app.event->replacePlan(withoutTalk2, {0, 2});
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"Talk 2"_s) && refused.error().contains(u"questions: 1"_s),
                 qPrintable(refused.error()));
        QCOMPARE(app.event->plan(), evening.plan);

        Event withoutTalk3 = evening.plan;
        withoutTalk3.sessions.removeAt(2);
        QVERIFY(!app.event->replacePlan(withoutTalk3, {0, 1}));

        // Talk 1 was on stage but never began: nothing recorded, so it may go.
        Event withoutTalk1 = evening.plan;
        withoutTalk1.sessions.removeAt(0);
        QVERIFY(app.event->replacePlan(withoutTalk1, {1, 2}));
        QCOMPARE(app.event->sessionIndex(), 1);
        QCOMPARE(app.event->session().title, u"Talk 3"_s);
        QCOMPARE(QuestionStore(app.database).questions(0).value().size(), 1);
    }

    void reopeningWithTheFilesSessionsReorderedKeepsEachSessionsRecord()
    {
        Evening evening;
        qint64 asked = 0;
        {
            App app;
            QVERIFY(app.open(evening));
            app.presentRecordedSession(evening);
            const QString device = DeviceStore(app.database).createDevice(evening.time.now()).value();
            QVERIFY(app.questions->setApprovalRequired(true));
            asked = app.questions->ask(device, u"About talk 1"_s).value().question.id;
            app.event->next();
        }
        // The organizer moved talk 1 to the end of the file: 2, 3, 1.
        Event reordered = evening.plan;
        reordered.sessions.move(0, 2);
        Database database;
        QVERIFY(database.open(evening.databasePath()));
        LiveQuestions questions(database, evening.time);
        LiveEvent event(evening.time);
        event.setDatabase(&database);
        event.setQuestions(&questions);
        QVERIFY(event.openPlan(reordered, evening.dir.filePath(u"evening.lectern.json"_s)));
        QCOMPARE(event.recordedSessionIndex(), std::optional<int>(2));
        event.present(2, evening.decks.at(0));
        QCOMPARE(event.session().title, u"Talk 1"_s);
        QCOMPARE(event.currentPage(), 1);
        QCOMPARE(questions.question(asked)->question.state, Question::State::Waiting);
        QVERIFY(questions.isApprovalRequired());
        QCOMPARE(QuestionStore(database).question(asked).value()->question.sessionIndex, 2);

        // A session with a record that the file no longer has: refused, nothing changes.
        Event without = reordered;
        without.sessions.removeAt(2);
        Database again;
        QVERIFY(again.open(evening.databasePath()));
        LiveEvent other(evening.time);
        other.setDatabase(&again);
        const Result<> refused = other.openPlan(without, evening.dir.filePath(u"evening.lectern.json"_s));
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"Talk 1"_s), qPrintable(refused.error()));
        event.setQuestions(nullptr);
    }

    void anotherDeckForTheSessionForgetsTheRunOfTheDeckBefore()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        app.event->next();
        evening.time.advance(seconds(30));
        app.event->presentOtherDeck(evening.decks.at(1));
        QVERIFY(!app.event->clock().isStarted());
        QVERIFY(!app.event->agenda().entries.at(0).actualStart);
        StageStore store(app.database);
        QVERIFY(store.runs().value().isEmpty());
        QVERIFY(store.visits(0).value().isEmpty());
        QCOMPARE(store.sessionStage(0).value()->timer, TimerState{});
    }

    void anEditedPlanBreakingTheEventFileRulesIsRefused()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        Event edited = evening.plan;
        edited.sessions[1].materials.append(Material{u"Free stickers"_s, QUrl(u"javascript:alert(1)"_s)});
        const Result<> refused = app.event->replacePlan(edited, {0, 1, 2});
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"only http and https"_s), qPrintable(refused.error()));
        QCOMPARE(app.event->plan(), evening.plan);
        QVERIFY(!StageStore(app.database).plan().value()->json.contains("javascript"));
    }

    void aDatabaseThatRefusesWritesIsReportedAndTheTalkGoesOn()
    {
        Evening evening;
        App app;
        QVERIFY(app.open(evening));
        app.presentRecordedSession(evening);
        QVERIFY(app.database.exec(u"PRAGMA query_only = ON"_s));
        QSignalSpy failed(app.event.get(), &LiveEvent::stageFailed);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the stage was not recorded"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the stage was not recorded"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the stage was not recorded"_s));
        app.event->next();
        QCOMPARE(app.event->currentPage(), 1);
        QVERIFY(app.event->clock().isStarted());
        QVERIFY(!failed.isEmpty());
        QVERIFY2(failed.at(0).at(0).toString().contains(u"readonly"_s) ||
                     failed.at(0).at(0).toString().contains(u"read-only"_s) ||
                     failed.at(0).at(0).toString().contains(u"query_only"_s),
                 qPrintable(failed.at(0).at(0).toString()));
    }
};

QTEST_MAIN(TestEventStage)
#include "tst_eventstage.moc"
