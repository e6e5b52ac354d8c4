#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "event/sessionsetup.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/questionstore.h"
#include "timer/clock.h"

#include <QDir>
#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

/**
 * Writes a deck of pageCount pages and a .pdfpc giving the labels (pages sharing a label are overlay
 * steps) and hidden pages: labels "1","2","2","2","3","4"… as given.
 */
QString writeDeck(const QString &directory, const QStringList &labels, const QList<int> &hidden = {},
                  const QByteArray &extraPdfpcFields = {})
{
    const QString path = directory + u"/deck.pdf"_s;
    {
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QSizeF(160, 90), QPageSize::Millimeter));
        writer.setResolution(72);
        QPainter painter(&writer);
        for (int i = 0; i < labels.size(); ++i) {
            if (i > 0)
                writer.newPage();
            painter.drawText(QPointF(20, 40), u"page %1"_s.arg(i));
        }
    }
    QByteArray pages;
    for (int i = 0; i < labels.size(); ++i) {
        const bool overlay = i > 0 && labels[i] == labels[i - 1];
        pages += (i > 0 ? "," : "") +
                 u"{\"idx\":%1,\"label\":\"%2\",\"overlay\":%3,\"hidden\":%4}"_s.arg(i)
                     .arg(labels[i], overlay ? u"true"_s : u"false"_s, hidden.contains(i) ? u"true"_s : u"false"_s)
                     .toUtf8();
    }
    QFile pdfpc(directory + u"/deck.pdfpc"_s);
    if (!pdfpc.open(QIODevice::WriteOnly))
        return {};
    pdfpc.write("{\"pdfpcFormat\":2," + extraPdfpcFields + "\"pages\":[" + pages + "]}");
    return path;
}

std::shared_ptr<const SlideDeck> openDeck(const QString &path)
{
    auto deck = SlideDeck::open(path);
    if (!deck)
        qWarning() << deck.error().message;
    return deck ? *deck : nullptr;
}

Poll ratingPoll(const QString &id, const QString &slideLabel, Poll::SlideAction onSlide)
{
    Poll poll;
    poll.id = id;
    poll.question = id + u'?';
    poll.kind = Poll::Kind::Rating;
    poll.slideLabel = slideLabel;
    poll.onSlide = onSlide;
    return poll;
}

/** A LiveEvent wired to LivePolls on an in-memory database, for the poll tests. */
struct Stage
{
    ManualClock time;
    Database database;
    std::unique_ptr<LivePolls> polls;
    std::unique_ptr<LiveEvent> event;

    bool open()
    {
        if (!database.open(Database::kInMemory))
            return false;
        polls = std::make_unique<LivePolls>(database, time);
        event = std::make_unique<LiveEvent>(time);
        event->setPolls(polls.get());
        return true;
    }
    PollState stateOf(const QString &pollId) const { return polls->results(pollId).value().state; }
    bool isRevealed(const QString &pollId) const { return polls->results(pollId).value().revealed; }
};

} // namespace

class TestLiveEvent : public QObject
{
    Q_OBJECT

private slots:
    void presentStartsOnTheFirstVisiblePageWithTheTimerReset()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s, u"3"_s}, {0}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        QSignalSpy changed(&event, &LiveEvent::slideChanged);
        event.present(Session{}, deck);
        QCOMPARE(event.currentPage(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(event.clock().phase(), SessionClock::Phase::BeforeStart);
    }

    void navigationSkipsHiddenPagesAndStopsAtTheEnds()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s, u"3"_s, u"4"_s}, {2}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        event.next();
        QCOMPARE(event.currentPage(), 1);
        event.next();
        QCOMPARE(event.currentPage(), 3);
        event.next();
        QCOMPARE(event.currentPage(), 3);
        event.previous();
        QCOMPARE(event.currentPage(), 1);
        event.first();
        QCOMPARE(event.currentPage(), 0);
        event.last();
        QCOMPARE(event.currentPage(), 3);
        event.goToPage(2);
        QVERIFY(event.currentPage() != 2);
    }

    void theFirstSlideChangeStartsTheTimer()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        time.advance(5min);
        QVERIFY(!event.clock().isStarted());
        event.next();
        QVERIFY(event.clock().isStarted());
        time.advance(1min);
        QCOMPARE(event.clock().elapsed(), milliseconds(1min));
    }

    void goToSlideCountsSlidesByLabel()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s, u"2"_s, u"2"_s, u"3"_s}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        QVERIFY(event.goToSlide(3));
        QCOMPARE(event.currentPage(), 4);
        QVERIFY(event.goToSlide(2));
        QCOMPARE(event.currentPage(), 1);
        const Result<> outOfRange = event.goToSlide(4);
        QVERIFY(!outOfRange);
        QVERIFY(outOfRange.error().contains(u"1 to 3"_s));
        QCOMPARE(event.currentPage(), 1);
        QVERIFY(!event.goToSlide(0));
    }

    void freezeKeepsTheProjectorWhileTheConsoleMovesOn()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s, u"3"_s}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        QSignalSpy projector(&event, &LiveEvent::projectorChanged);
        event.setFrozen(true);
        event.next();
        event.next();
        QCOMPARE(event.currentPage(), 2);
        QCOMPARE(event.projectorPage(), 0);
        QCOMPARE(projector.count(), 1); // only the freeze itself
        event.setFrozen(false);
        QCOMPARE(event.projectorPage(), 2);
    }

    void blankIsAProjectorStateOnly()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        QSignalSpy projector(&event, &LiveEvent::projectorChanged);
        event.toggleBlanked();
        QVERIFY(event.isBlanked());
        event.next();
        QVERIFY(event.isBlanked());
        event.toggleBlanked();
        QVERIFY(!event.isBlanked());
        QCOMPARE(projector.count(), 3);
    }

    void replaceDeckStaysOnTheSameSlideLabel()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        const auto oldDeck = openDeck(writeDeck(before.path(), {u"intro"_s, u"a"_s, u"b"_s, u"b"_s, u"c"_s}));
        // A slide was inserted before "b": its pages moved by one.
        const auto newDeck = openDeck(writeDeck(after.path(), {u"intro"_s, u"a"_s, u"new"_s, u"b"_s, u"b"_s, u"c"_s}));
        QVERIFY(oldDeck && newDeck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, oldDeck);
        event.goToPage(3); // second step of "b"
        event.replaceDeck(newDeck);
        QCOMPARE(event.currentPage(), 4);
        QCOMPARE(event.deck()->page(event.currentPage()).label, u"b"_s);
    }

    void replaceDeckWithTheLabelGoneKeepsTheNearestPage()
    {
        QTemporaryDir before;
        QTemporaryDir after;
        const auto oldDeck = openDeck(writeDeck(before.path(), {u"1"_s, u"2"_s, u"3"_s, u"4"_s}));
        const auto newDeck = openDeck(writeDeck(after.path(), {u"x"_s, u"y"_s}));
        QVERIFY(oldDeck && newDeck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, oldDeck);
        event.last();
        event.replaceDeck(newDeck);
        QCOMPARE(event.currentPage(), 1);
    }

    void reloadDeckReadsTheEditedFileAndStaysOnTheSlide()
    {
        QTemporaryDir dir;
        const QString path = writeDeck(dir.path(), {u"1"_s, u"2"_s, u"3"_s});
        const auto deck = openDeck(path);
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        event.goToPage(2);
        writeDeck(dir.path(), {u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s});
        QSignalSpy changed(&event, &LiveEvent::deckChanged);
        event.reloadDeck();
        QVERIFY(changed.wait(10000));
        QCOMPARE(event.deck()->pageCount(), 5);
        QCOMPARE(event.currentPage(), 3);
    }

    void anEditedDeckFileIsReloadedByItself()
    {
        QTemporaryDir dir;
        const QString path = writeDeck(dir.path(), {u"a"_s, u"b"_s, u"c"_s});
        const auto deck = openDeck(path);
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        event.goToPage(1);
        QSignalSpy changed(&event, &LiveEvent::deckChanged);
        writeDeck(dir.path(), {u"intro"_s, u"a"_s, u"b"_s, u"c"_s});
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1 && event.deck()->pageCount() == 4, 10000);
        QCOMPARE(event.deck()->page(event.currentPage()).label, u"b"_s);
    }

    void aFailedReloadKeepsTheDeckAndSaysWhy()
    {
        QTemporaryDir dir;
        const QString path = writeDeck(dir.path(), {u"1"_s, u"2"_s});
        const auto deck = openDeck(path);
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        event.next();
        QFile broken(path);
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("%PDF-1.4\nthis is not the rest of a pdf");
        broken.close();
        QSignalSpy failed(&event, &LiveEvent::deckReloadFailed);
        event.reloadDeck();
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(u"deck.pdf"_s));
        QCOMPARE(event.deck(), deck);
        QCOMPARE(event.currentPage(), 1);
    }

    void theTimeLogFollowsSlidesWhileTheTimerRuns()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s, u"3"_s}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        event.next(); // starts the timer on slide 2
        time.advance(30s);
        event.clock().pause();
        time.advance(10min);
        event.clock().resume();
        time.advance(5s);
        event.next();
        time.advance(20s);
        const QList<SlideVisit> visits = event.timeLog().visits(time.now());
        QCOMPARE(visits.size(), 3);
        QCOMPARE(visits[0].label, u"2"_s);
        QCOMPARE(visits[0].duration, milliseconds(30s));
        QCOMPARE(visits[1].label, u"2"_s);
        QCOMPARE(visits[1].duration, milliseconds(5s));
        QCOMPARE(visits[2].label, u"3"_s);
        QCOMPARE(visits[2].duration, milliseconds(20s));
        const auto totals = event.timeLog().totalsByLabel(time.now());
        QCOMPARE(totals.first().second, milliseconds(35s));
    }

    void presentLoadsTheSessionsPollsAndReachesTheFirstSlide()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        Stage stage;
        QVERIFY(stage.open());
        QCOMPARE(stage.event->polls(), stage.polls.get());
        Session session;
        session.polls = {ratingPoll(u"welcome"_s, u"1"_s, Poll::SlideAction::Open),
                         ratingPoll(u"later"_s, u"2"_s, Poll::SlideAction::Open)};
        QSignalSpy failures(stage.event.get(), &LiveEvent::pollsFailed);
        QSignalSpy pollsChanged(stage.polls.get(), &LivePolls::pollsChanged);
        stage.event->present(session, deck);
        QCOMPARE(pollsChanged.size(), 1);
        QCOMPARE(stage.polls->polls(), session.polls);
        QCOMPARE(stage.polls->sessionIndex(), 0);
        QCOMPARE(stage.stateOf(u"welcome"_s), PollState::Open);
        QCOMPARE(stage.stateOf(u"later"_s), PollState::Draft);
        QCOMPARE(failures.size(), 0);
    }

    void reachingASlideOpensItsPollOnceWhateverItsOverlaySteps()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s, u"2"_s, u"3"_s}));
        QVERIFY(deck);
        Stage stage;
        QVERIFY(stage.open());
        Session session;
        session.polls = {ratingPoll(u"uses-uv"_s, u"2"_s, Poll::SlideAction::Open),
                         ratingPoll(u"nix"_s, u"2"_s, Poll::SlideAction::Offer)};
        stage.event->present(session, deck);
        QCOMPARE(stage.stateOf(u"uses-uv"_s), PollState::Draft);
        QSignalSpy offers(stage.polls.get(), &LivePolls::pollOffered);

        stage.event->next();
        QCOMPARE(stage.stateOf(u"uses-uv"_s), PollState::Open);
        QCOMPARE(offers.size(), 1);
        QCOMPARE(offers.at(0).at(0).toString(), u"nix"_s);
        stage.event->next(); // the second overlay step of the same slide: reached already
        QCOMPARE(stage.event->currentPage(), 2);
        QCOMPARE(offers.size(), 1);

        QVERIFY(stage.polls->close(u"uses-uv"_s));
        stage.event->next();
        stage.event->goToPage(1); // back on the slide: offered again, not reopened
        QCOMPARE(stage.stateOf(u"uses-uv"_s), PollState::Closed);
        QCOMPARE(offers.size(), 3);
    }

    void pollsSetAfterPresentAreLoadedAtOnce()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        ManualClock time;
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        LivePolls polls(database, time);
        LiveEvent event(time);
        Session session;
        session.polls = {ratingPoll(u"welcome"_s, u"1"_s, Poll::SlideAction::Open)};
        event.present(session, deck);
        event.setPolls(&polls);
        QCOMPARE(polls.polls().size(), 1);
        QCOMPARE(polls.openPollId().value(), u"welcome"_s);
    }

    void pollFailuresAreSignalledAndTheSlidesKeepWorking()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        Stage stage;
        QVERIFY(stage.open());
        stage.database.close();
        Session session;
        session.polls = {ratingPoll(u"welcome"_s, u"1"_s, Poll::SlideAction::Open)};
        QSignalSpy failures(stage.event.get(), &LiveEvent::pollsFailed);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"polls not loaded"_s));
        stage.event->present(session, deck);
        QCOMPARE(failures.size(), 1);
        QVERIFY2(failures.at(0).at(0).toString().contains(u"polls of session 1"_s),
                 qPrintable(failures.at(0).at(0).toString()));
        stage.event->next();
        QCOMPARE(stage.event->currentPage(), 1);
    }

    void presentLoadsTheSessionsQuestions()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        Stage stage;
        QVERIFY(stage.open());
        const QString device = DeviceStore(stage.database).createDevice(stage.time.now()).value();
        qint64 asked = 0;
        {
            LiveQuestions earlier(stage.database, stage.time); // a run before this one
            QVERIFY(earlier.load(0));
            asked = earlier.ask(device, u"Why uv?"_s).value().question.id;
        }
        LiveQuestions questions(stage.database, stage.time);
        stage.event->setQuestions(&questions);
        QCOMPARE(stage.event->questions(), &questions);
        QCOMPARE(questions.sessionIndex(), -1); // nothing on stage yet
        QSignalSpy reset(&questions, &LiveQuestions::questionsReset);
        QSignalSpy failures(stage.event.get(), &LiveEvent::questionsFailed);

        stage.event->present(Session(), deck);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(questions.sessionIndex(), stage.event->sessionIndex());
        QCOMPARE(questions.questions().size(), 1);
        QCOMPARE(questions.questions().constFirst().question.id, asked);
        QCOMPARE(questions.questions().constFirst().question.state, Question::State::Shown);
        QCOMPARE(failures.size(), 0);
        stage.event->setQuestions(nullptr);
    }

    void questionsSetAfterPresentAreLoadedAtOnce()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s}));
        QVERIFY(deck);
        Stage stage;
        QVERIFY(stage.open());
        stage.event->present(Session(), deck);
        LiveQuestions questions(stage.database, stage.time);
        QSignalSpy reset(&questions, &LiveQuestions::questionsReset);
        stage.event->setQuestions(&questions);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(questions.sessionIndex(), 0);
        stage.event->setQuestions(nullptr);
    }

    void presentingEndsTheSessionLoadedBeforeWhenItIsAnother()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s}));
        QVERIFY(deck);
        Stage stage;
        QVERIFY(stage.open());
        const QString device = DeviceStore(stage.database).createDevice(stage.time.now()).value();
        LiveQuestions questions(stage.database, stage.time);
        QVERIFY(questions.load(1));
        const qint64 shown = questions.ask(device, u"Still shown"_s).value().question.id;
        const qint64 pinned = questions.ask(device, u"Pinned"_s).value().question.id;
        QVERIFY(questions.pin(pinned));
        const qint64 answered = questions.ask(device, u"Answered"_s).value().question.id;
        QVERIFY(questions.markAnswered(answered));

        stage.event->setQuestions(&questions);
        stage.event->present(Session(), deck);
        QCOMPARE(questions.sessionIndex(), 0);
        QuestionStore store(stage.database);
        QCOMPARE(store.question(shown).value()->question.state, Question::State::Unanswered);
        QCOMPARE(store.question(pinned).value()->question.state, Question::State::Unanswered);
        QCOMPARE(store.question(answered).value()->question.state, Question::State::Answered);

        // Presenting the same session again (another deck for it) keeps its questions as they are.
        QVERIFY(questions.ask(device, u"Session 0"_s));
        stage.event->present(Session(), deck);
        QCOMPARE(questions.questions().size(), 1);
        QCOMPARE(questions.questions().constFirst().question.state, Question::State::Shown);
        stage.event->setQuestions(nullptr);
    }

    void anotherDeckForTheSessionKeepsItsQuestionsAndTheNextSessionEndsThem()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(u"first"_s) && QDir(dir.path()).mkpath(u"second"_s));
        const auto first = openDeck(writeDeck(dir.path() + u"/first"_s, {u"1"_s}));
        const auto second = openDeck(writeDeck(dir.path() + u"/second"_s, {u"1"_s}));
        QVERIFY(first);
        QVERIFY(second);
        Stage stage;
        QVERIFY(stage.open());
        const QString device = DeviceStore(stage.database).createDevice(stage.time.now()).value();
        LiveQuestions questions(stage.database, stage.time);
        stage.event->setQuestions(&questions);
        Event plan;
        plan.sessions = {Session{}, Session{}};
        stage.event->setPlan(plan);
        stage.event->present(0, first);
        const qint64 asked = questions.ask(device, u"About the first talk"_s).value().question.id;

        // Another deck for the same session (Ctrl+O) keeps the session's questions.
        stage.event->presentOtherDeck(second);
        QCOMPARE(questions.question(asked)->question.state, Question::State::Shown);
        QCOMPARE(stage.event->plan().sessions.at(0).deckPath, second->path());

        stage.event->present(1, first);
        QCOMPARE(questions.sessionIndex(), 1);
        QCOMPARE(QuestionStore(stage.database).question(asked).value()->question.state, Question::State::Unanswered);
        QVERIFY(questions.queue().isEmpty());
        stage.event->setQuestions(nullptr);
    }

    void questionFailuresAreSignalledAndTheSlidesKeepWorking()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        Stage stage;
        QVERIFY(stage.open());
        stage.event->setPolls(nullptr);
        LiveQuestions questions(stage.database, stage.time);
        stage.event->setQuestions(&questions);
        stage.database.close();
        QSignalSpy failures(stage.event.get(), &LiveEvent::questionsFailed);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"questions not loaded"_s));
        stage.event->present(Session(), deck);
        QCOMPARE(failures.size(), 1);
        QVERIFY2(failures.at(0).at(0).toString().contains(u"questions of session 1"_s),
                 qPrintable(failures.at(0).at(0).toString()));
        stage.event->next();
        QCOMPARE(stage.event->currentPage(), 1);
        stage.event->setQuestions(nullptr);
    }

    void theJoinCardIsAProjectorState()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        QSignalSpy projector(&event, &LiveEvent::projectorChanged);
        QVERIFY(!event.isJoinCardShown());
        event.toggleJoinCard();
        QVERIFY(event.isJoinCardShown());
        QCOMPARE(projector.size(), 1);
        event.setJoinCardShown(true); // no change, no signal
        QCOMPARE(projector.size(), 1);
        event.next(); // the card stays over the next slide
        QVERIFY(event.isJoinCardShown());
        event.toggleJoinCard();
        QVERIFY(!event.isJoinCardShown());
        QCOMPARE(projector.size(), 3);
    }

    void escapeClosesTheJoinCardThenTheRevealedChart()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}));
        QVERIFY(deck);
        Stage stage;
        QVERIFY(stage.open());
        Session session;
        session.polls = {ratingPoll(u"welcome"_s, u"1"_s, Poll::SlideAction::Open),
                         ratingPoll(u"other"_s, QString(), Poll::SlideAction::Offer)};
        stage.event->present(session, deck);
        QVERIFY(!stage.event->closeTopProjectorOverlay()); // nothing over the slide

        QVERIFY(stage.polls->setRevealed(u"welcome"_s, true));
        stage.event->setJoinCardShown(true);
        QVERIFY(stage.event->closeTopProjectorOverlay());
        QVERIFY(!stage.event->isJoinCardShown());
        QVERIFY(stage.isRevealed(u"welcome"_s)); // the card first

        QVERIFY(stage.event->closeTopProjectorOverlay());
        QVERIFY(!stage.isRevealed(u"welcome"_s));
        QCOMPARE(stage.stateOf(u"welcome"_s), PollState::Open);
        QVERIFY(!stage.event->closeTopProjectorOverlay()); // then Esc may unblank

        // Only the current poll's chart is on the projector: a revealed older poll is not closed by Esc.
        QVERIFY(stage.polls->setRevealed(u"welcome"_s, true));
        stage.time.advance(1min);
        QVERIFY(stage.polls->open(u"other"_s));
        QVERIFY(!stage.event->closeTopProjectorOverlay());
        QVERIFY(stage.isRevealed(u"welcome"_s));
    }

    void escapeWithoutPollsClosesOnlyTheJoinCard()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s}));
        QVERIFY(deck);
        ManualClock time;
        LiveEvent event(time);
        event.present(Session{}, deck);
        event.setJoinCardShown(true);
        QVERIFY(event.closeTopProjectorOverlay());
        QVERIFY(!event.isJoinCardShown());
        QVERIFY(!event.closeTopProjectorOverlay());
    }

    void sessionTimingComesFromTheCommandLineOverThePdfpc()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s, u"2"_s}, {}, "\"duration\":25,\"lastMinutes\":4,"));
        QVERIFY(deck);
        QCOMPARE(sessionForDeck(*deck, {}).timing.talkTime, seconds(25min));
        QCOMPARE(sessionForDeck(*deck, {}).timing.warningTime, seconds(4min));
        TimingOverrides commandLine;
        commandLine.talkTime = 10min;
        commandLine.qaTime = 2min;
        const Session session = sessionForDeck(*deck, commandLine);
        QCOMPARE(session.timing.talkTime, seconds(10min));
        QCOMPARE(session.timing.qaTime, seconds(2min));
        QCOMPARE(session.timing.warningTime, seconds(4min));
        QCOMPARE(session.title, u"deck"_s);
    }

    void sessionForDeckKeepsThePlansTitleAndSpeaker()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s}, {}, "\"duration\":25,"));
        QVERIFY(deck);
        Session plan;
        plan.title = u"Reproducible environments with uv and Nix"_s;
        plan.speaker = u"Lena"_s;
        const Session session = sessionForDeck(*deck, {}, plan);
        QCOMPARE(session.title, plan.title);
        QCOMPARE(session.speaker, plan.speaker);
        QCOMPARE(session.deckPath, deck->path());
        QCOMPARE(session.timing.talkTime, seconds(25min));
    }

    void pdfpcEndTimeSetsTheTalkEndWhenNoDurationIsGiven()
    {
        QTemporaryDir dir;
        const auto deck = openDeck(writeDeck(dir.path(), {u"1"_s}, {}, "\"endTime\":\"19:45\","));
        QVERIFY(deck);
        QCOMPARE(sessionForDeck(*deck, {}).timing.talkEndsAt, QTime(19, 45));
    }
};

QTEST_MAIN(TestLiveEvent)
#include "tst_liveevent.moc"
