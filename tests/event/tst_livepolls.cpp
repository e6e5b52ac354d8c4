#include "event/livepolls.h"
#include "model/eventfile.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/pollstore.h"
#include "timer/clock.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

Poll choicePoll(const QString &id, Poll::Kind kind, const QStringList &optionIds)
{
    Poll poll;
    poll.id = id;
    poll.question = id + u'?';
    poll.kind = kind;
    for (const QString &option : optionIds)
        poll.options.append({option, option.toUpper()});
    return poll;
}

Poll textPoll(const QString &id, Poll::Kind kind)
{
    Poll poll;
    poll.id = id;
    poll.question = id + u'?';
    poll.kind = kind;
    return poll;
}

/** Session 0: the meetup's polls, tied to slides "18" and "20"; session 1: one other poll. */
Event meetup()
{
    Poll usesUv = choicePoll(u"uses-uv"_s, Poll::Kind::SingleChoice, {u"yes"_s, u"no"_s, u"what-is-uv"_s});
    usesUv.slideLabel = u"18"_s;
    usesUv.onSlide = Poll::SlideAction::Open;
    Poll nix = choicePoll(u"nix"_s, Poll::Kind::MultipleChoice, {u"use-it"_s, u"heard-of-it"_s, u"never-heard"_s});
    nix.maxChoices = 2;
    nix.slideLabel = u"20"_s;
    nix.onSlide = Poll::SlideAction::Offer;
    Poll rating = textPoll(u"rating"_s, Poll::Kind::Rating);
    rating.slideLabel = u"20"_s;
    rating.onSlide = Poll::SlideAction::Open;
    const Poll words = textPoll(u"words"_s, Poll::Kind::WordCloud);
    const Poll feedback = textPoll(u"feedback"_s, Poll::Kind::OpenText);

    Event event;
    event.title = u"Robust Python evening"_s;
    Session first;
    first.title = u"uv and Nix"_s;
    first.polls = {usesUv, nix, rating, words, feedback};
    Session second;
    second.title = u"Typing"_s;
    second.polls = {choicePoll(u"later"_s, Poll::Kind::SingleChoice, {u"a"_s, u"b"_s})};
    event.sessions = {first, second};
    return event;
}

/** The message of a failed Result, for QVERIFY2 (which evaluates its message even when the check passes). */
template<class T>
QByteArray reason(const Result<T> &result)
{
    return result ? QByteArray() : result.error().toLocal8Bit();
}

/** The acknowledgements of votes, in the order they arrived. */
struct Acknowledgements
{
    QList<Result<QStringList>> results;

    LivePolls::Acknowledge next()
    {
        return [this](Result<QStringList> result) { results.append(std::move(result)); };
    }
    int errorCount() const
    {
        return int(std::count_if(results.cbegin(), results.cend(), [](const Result<QStringList> &r) { return !r; }));
    }
};

} // namespace

class TestLivePolls : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<PollStore> m_store;
    std::unique_ptr<DeviceStore> m_devices;
    std::unique_ptr<LivePolls> m_polls;

    QStringList newDevices(int count)
    {
        QStringList tokens;
        for (int i = 0; i < count; ++i)
            tokens.append(m_devices->createDevice(m_clock.now()).value_or(QString()));
        return tokens;
    }

    /** Casts one vote and waits for its acknowledgement: the answer as recorded, or the error. */
    Result<QStringList> vote(const QString &device, const QString &poll, const QStringList &answer)
    {
        std::optional<Result<QStringList>> outcome;
        const Result<> queued =
            m_polls->castVote(device, poll, answer, [&](Result<QStringList> result) { outcome = std::move(result); });
        if (!queued)
            return fail(u"refused: "_s + queued.error());
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 5000))
            return fail(u"no acknowledgement"_s);
        return *outcome;
    }

    /** Casts one vote that must be refused at once, and returns the reason; the refusal is never acknowledged. */
    QString refusal(const QString &device, const QString &poll, const QStringList &answer)
    {
        int acknowledgements = 0;
        const Result<> queued =
            m_polls->castVote(device, poll, answer, [&](Result<QStringList>) { ++acknowledgements; });
        m_polls->flushVotes();
        if (acknowledgements > 0)
            return u"<acknowledged>"_s;
        if (queued)
            return u"<accepted>"_s;
        return queued.error();
    }

    PollState stateOf(const QString &poll) { return m_polls->results(poll).value().state; }

    int countOf(const QString &poll, const QString &answer)
    {
        const PollResults results = m_polls->results(poll).value();
        for (const AnswerCount &count : results.counts) {
            if (count.answer == answer)
                return count.count;
        }
        return -1;
    }

private slots:
    void init()
    {
        m_database = std::make_unique<Database>();
        const Result<> opened = m_database->open(Database::kInMemory);
        QVERIFY2(opened, reason(opened).constData());
        m_store = std::make_unique<PollStore>(*m_database);
        m_devices = std::make_unique<DeviceStore>(*m_database);
        m_polls = std::make_unique<LivePolls>(*m_database, m_clock);
        const Result<> loaded = m_polls->load(meetup(), 0);
        QVERIFY2(loaded, reason(loaded).constData());
    }

    void cleanup()
    {
        m_polls.reset();
        m_devices.reset();
        m_store.reset();
        m_database.reset();
    }

    void loadRecordsTheSessionsPollsAsDrafts()
    {
        QCOMPARE(m_polls->sessionIndex(), 0);
        QCOMPARE(m_polls->polls().size(), 5);
        const QList<PollRecord> records = m_store->polls().value();
        QCOMPARE(records.size(), 5); // session 1's poll is not on stage
        for (const PollRecord &record : records) {
            QCOMPARE(record.state, PollState::Draft);
            QCOMPARE(record.sessionIndex, 0);
        }
        QVERIFY(!m_polls->openPollId().value());

        const Result<> missing = m_polls->load(meetup(), 2);
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(u"session 3"_s), qPrintable(missing.error()));
        QCOMPARE(m_polls->sessionIndex(), 0);
    }

    void pollGoesFromDraftToOpenToClosedAndIsReopened()
    {
        QSignalSpy stateChanges(m_polls.get(), &LivePolls::pollStateChanged);
        QVERIFY(m_polls->open(u"uses-uv"_s));
        QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
        QCOMPARE(m_store->poll(u"uses-uv"_s).value()->openedAt, m_clock.now());
        QCOMPARE(m_polls->openPollId().value(), u"uses-uv"_s);

        m_clock.advance(minutes(2));
        QVERIFY(m_polls->close(u"uses-uv"_s));
        QCOMPARE(stateOf(u"uses-uv"_s), PollState::Closed);
        QCOMPARE(m_store->poll(u"uses-uv"_s).value()->closedAt, m_clock.now());
        QVERIFY(!m_polls->openPollId().value());

        QVERIFY(m_polls->reopen(u"uses-uv"_s));
        QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
        QCOMPARE(stateChanges.size(), 3);
        QCOMPARE(stateChanges.at(2).at(0).toString(), u"uses-uv"_s);
    }

    void invalidTransitionsAreRefusedWithAReason()
    {
        QSignalSpy stateChanges(m_polls.get(), &LivePolls::pollStateChanged);
        Result<> result = m_polls->close(u"uses-uv"_s);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"not been opened"_s), qPrintable(result.error()));
        result = m_polls->reopen(u"uses-uv"_s);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"open it first"_s), qPrintable(result.error()));

        QVERIFY(m_polls->open(u"uses-uv"_s));
        result = m_polls->open(u"uses-uv"_s);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"already open"_s), qPrintable(result.error()));
        result = m_polls->reopen(u"uses-uv"_s);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"already open"_s), qPrintable(result.error()));

        QVERIFY(m_polls->close(u"uses-uv"_s));
        result = m_polls->close(u"uses-uv"_s);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"already closed"_s), qPrintable(result.error()));
        result = m_polls->open(u"uses-uv"_s);
        QVERIFY(!result);
        QVERIFY2(result.error().contains(u"reopen"_s), qPrintable(result.error()));
        QCOMPARE(stateOf(u"uses-uv"_s), PollState::Closed);
        QCOMPARE(stateChanges.size(), 2); // the open and the close, nothing for the refusals
    }

    void commandsOnPollsOutsideTheSessionAreErrors_data()
    {
        QTest::addColumn<QString>("pollId");
        QTest::newRow("unknown") << u"ghost"_s;
        QTest::newRow("another session's") << u"later"_s;
    }

    void commandsOnPollsOutsideTheSessionAreErrors()
    {
        QFETCH(QString, pollId);
        const QList<Result<>> results{m_polls->open(pollId),         m_polls->close(pollId),
                                      m_polls->reopen(pollId),       m_polls->setRevealed(pollId, true),
                                      m_polls->resetResults(pollId), m_polls->setAnswerHidden(pollId, u"x"_s, true)};
        for (const Result<> &result : results) {
            QVERIFY(!result);
            QVERIFY2(result.error().contains(u"no poll \""_s + pollId), qPrintable(result.error()));
        }
        QVERIFY(!m_polls->results(pollId));
        QVERIFY(!m_store->poll(u"later"_s).value());
    }

    void openingAPollClosesTheOneThatIsOpen()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        QSignalSpy stateChanges(m_polls.get(), &LivePolls::pollStateChanged);
        QVERIFY(m_polls->open(u"nix"_s));
        QCOMPARE(stateOf(u"uses-uv"_s), PollState::Closed);
        QCOMPARE(stateOf(u"nix"_s), PollState::Open);
        QCOMPARE(m_polls->openPollId().value(), u"nix"_s);
        QCOMPARE(stateChanges.size(), 2);
        QCOMPARE(stateChanges.at(0).at(0).toString(), u"uses-uv"_s);
        QCOMPARE(stateChanges.at(1).at(0).toString(), u"nix"_s);

        QVERIFY(m_polls->reopen(u"uses-uv"_s)); // reopening does the same
        QCOMPARE(stateOf(u"nix"_s), PollState::Closed);
        QCOMPARE(m_polls->openPollId().value(), u"uses-uv"_s);
    }

    void revealingNeedsAPollThatHasBeenOpened()
    {
        const Result<> draft = m_polls->setRevealed(u"uses-uv"_s, true);
        QVERIFY(!draft);
        QVERIFY2(draft.error().contains(u"before it has been opened"_s), qPrintable(draft.error()));

        QVERIFY(m_polls->open(u"uses-uv"_s));
        QSignalSpy stateChanges(m_polls.get(), &LivePolls::pollStateChanged);
        QVERIFY(m_polls->setRevealed(u"uses-uv"_s, true));
        QVERIFY(m_polls->results(u"uses-uv"_s).value().revealed);
        QVERIFY(m_polls->setRevealed(u"uses-uv"_s, true)); // no change, no signal
        QVERIFY(m_polls->close(u"uses-uv"_s));
        QVERIFY(m_polls->setRevealed(u"uses-uv"_s, false));
        QVERIFY(!m_polls->results(u"uses-uv"_s).value().revealed);
        QCOMPARE(stateChanges.size(), 3);
    }

    void votesOnPollsThatAreNotOpenAreRefused_data()
    {
        QTest::addColumn<QString>("pollId");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown") << u"ghost"_s << u"no poll \"ghost\""_s;
        QTest::newRow("another session's") << u"later"_s << u"no poll \"later\""_s;
        QTest::newRow("draft") << u"nix"_s << u"not started"_s;
        QTest::newRow("closed") << u"uses-uv"_s << u"closed"_s;
    }

    void votesOnPollsThatAreNotOpenAreRefused()
    {
        QFETCH(QString, pollId);
        QFETCH(QString, reason);
        QVERIFY(m_polls->open(u"uses-uv"_s));
        QVERIFY(m_polls->close(u"uses-uv"_s));
        const QString phone = newDevices(1).constFirst();
        const QString message = refusal(phone, pollId, {u"yes"_s});
        QVERIFY2(message.contains(reason), qPrintable(message));
        QCOMPARE(m_polls->queuedVoteCount(), 0);
        QCOMPARE(m_store->voterCount(pollId).value(), 0);
    }

    void voteFromAnUnregisteredDeviceIsRefused()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        const QString message = refusal(u"made-up-token"_s, u"uses-uv"_s, {u"yes"_s});
        QVERIFY2(message.contains(u"not registered"_s), qPrintable(message));
        QCOMPARE(m_polls->queuedVoteCount(), 0);
    }

    void invalidAnswersAreRefusedAtOnceWithAMessage_data()
    {
        QTest::addColumn<QString>("pollId");
        QTest::addColumn<QStringList>("answer");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no answer") << u"uses-uv"_s << QStringList() << u"Choose an answer"_s;
        QTest::newRow("single: two options")
            << u"uses-uv"_s << QStringList{u"yes"_s, u"no"_s} << u"Choose one answer"_s;
        QTest::newRow("single: not an option")
            << u"uses-uv"_s << QStringList{u"maybe"_s} << u"not one of the answers"_s;
        QTest::newRow("single: a label, not an id")
            << u"uses-uv"_s << QStringList{u"YES"_s} << u"not one of the answers"_s;
        QTest::newRow("multiple: more than maxChoices")
            << u"nix"_s << QStringList{u"use-it"_s, u"heard-of-it"_s, u"never-heard"_s} << u"at most 2 answers"_s;
        QTest::newRow("multiple: an option twice")
            << u"nix"_s << QStringList{u"use-it"_s, u"use-it"_s} << u"only once"_s;
        QTest::newRow("rating: 0") << u"rating"_s << QStringList{u"0"_s} << u"from 1 to 5"_s;
        QTest::newRow("rating: 6") << u"rating"_s << QStringList{u"6"_s} << u"from 1 to 5"_s;
        QTest::newRow("rating: not a number") << u"rating"_s << QStringList{u"four"_s} << u"from 1 to 5"_s;
        QTest::newRow("rating: two values") << u"rating"_s << QStringList{u"4"_s, u"5"_s} << u"from 1 to 5"_s;
        QTest::newRow("word cloud: blank") << u"words"_s << QStringList{u"  \t "_s} << u"Type a word"_s;
        QTest::newRow("word cloud: too long") << u"words"_s << QStringList{QString(41, u'x')} << u"40 characters"_s;
        QTest::newRow("word cloud: two answers") << u"words"_s << QStringList{u"a"_s, u"b"_s} << u"one answer"_s;
        QTest::newRow("open text: blank") << u"feedback"_s << QStringList{u"   "_s} << u"Write an answer"_s;
        QTest::newRow("open text: 301 characters")
            << u"feedback"_s << QStringList{QString(301, u'x')} << u"300 characters or fewer (this is 301)"_s;
        QTest::newRow("open text: two answers") << u"feedback"_s << QStringList{u"a"_s, u"b"_s} << u"one answer"_s;
    }

    void invalidAnswersAreRefusedAtOnceWithAMessage()
    {
        QFETCH(QString, pollId);
        QFETCH(QStringList, answer);
        QFETCH(QString, reason);
        QVERIFY(m_polls->open(pollId));
        const QString message = refusal(newDevices(1).constFirst(), pollId, answer);
        QVERIFY2(message.contains(reason), qPrintable(message));
        QCOMPARE(m_polls->queuedVoteCount(), 0);
        QCOMPARE(m_store->voterCount(pollId).value(), 0);
        // The same check without casting, as the server makes it to tell a wrong answer from other refusals.
        const Result<QStringList> checked = m_polls->answerAsRecorded(pollId, answer);
        QVERIFY(!checked);
        QCOMPARE(checked.error(), message);
    }

    void answerAsRecordedIsTheFormCastVoteStores()
    {
        QCOMPARE(m_polls->answerAsRecorded(u"words"_s, {u"  Flaky \t  TESTS "_s}).value(),
                 QStringList{u"flaky tests"_s});
        QCOMPARE(m_polls->answerAsRecorded(u"uses-uv"_s, {u"yes"_s}).value(), QStringList{u"yes"_s});
        const Result<QStringList> unknown = m_polls->answerAsRecorded(u"no-such-poll"_s, {u"yes"_s});
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().contains(u"no-such-poll"_s), qPrintable(unknown.error()));
    }

    void validAnswersAreStoredInTheirCountedForm_data()
    {
        QTest::addColumn<QString>("pollId");
        QTest::addColumn<QStringList>("answer");
        QTest::addColumn<QStringList>("stored");
        QTest::newRow("multiple") << u"nix"_s << QStringList{u"never-heard"_s, u"use-it"_s}
                                  << QStringList{u"never-heard"_s, u"use-it"_s};
        QTest::newRow("rating") << u"rating"_s << QStringList{u"4"_s} << QStringList{u"4"_s};
        QTest::newRow("word cloud") << u"words"_s << QStringList{u"  Flaky \t  TESTS "_s}
                                    << QStringList{u"flaky tests"_s};
        QTest::newRow("word cloud, full width") << u"words"_s << QStringList{u"ＵＶ"_s} << QStringList{u"uv"_s};
        QTest::newRow("open text") << u"feedback"_s << QStringList{u"  More demos, please!\n"_s}
                                   << QStringList{u"More demos, please!"_s};
        QTest::newRow("open text, 300 characters")
            << u"feedback"_s << QStringList{QString(300, u'y')} << QStringList{QString(300, u'y')};
    }

    void validAnswersAreStoredInTheirCountedForm()
    {
        QFETCH(QString, pollId);
        QFETCH(QStringList, answer);
        QFETCH(QStringList, stored);
        QVERIFY(m_polls->open(pollId));
        const QString phone = newDevices(1).constFirst();
        const Result<QStringList> cast = vote(phone, pollId, answer);
        QVERIFY2(cast, reason(cast).constData());
        QCOMPARE(*cast, stored); // acknowledged with the answer as recorded
        QCOMPARE(m_store->answerOf(pollId, phone).value(), stored);
    }

    void aQueuedVoteIsAcknowledgedOnlyAfterItsBatchIsCommitted()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        const QString phone = newDevices(1).constFirst();
        std::optional<Result<QStringList>> outcome;
        std::optional<QStringList> storedWhenAcknowledged;
        const Result<> queued = m_polls->castVote(phone, u"uses-uv"_s, {u"yes"_s}, [&](Result<QStringList> result) {
            storedWhenAcknowledged = m_store->answerOf(u"uses-uv"_s, phone).value();
            outcome = std::move(result);
        });
        QVERIFY2(queued, reason(queued).constData());
        QVERIFY(!outcome);
        QCOMPARE(m_polls->queuedVoteCount(), 1);
        QCOMPARE(m_store->voterCount(u"uses-uv"_s).value(), 0);

        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(*outcome, Result<QStringList>(QStringList{u"yes"_s}));
        QCOMPARE(storedWhenAcknowledged, QStringList{u"yes"_s});
        QCOMPARE(m_polls->queuedVoteCount(), 0);
    }

    void aDeviceChangingItsVoteIsCountedOnce()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        const QStringList phones = newDevices(2);
        QVERIFY(vote(phones.at(0), u"uses-uv"_s, {u"yes"_s}));
        QVERIFY(vote(phones.at(1), u"uses-uv"_s, {u"yes"_s}));
        QVERIFY(vote(phones.at(0), u"uses-uv"_s, {u"no"_s}));
        QCOMPARE(m_polls->results(u"uses-uv"_s).value().voterCount, 2);
        QCOMPARE(countOf(u"uses-uv"_s, u"yes"_s), 1);
        QCOMPARE(countOf(u"uses-uv"_s, u"no"_s), 1);

        // Several answers from one device in the same batch: each acknowledged with the answer recorded, the
        // last one, which alone is counted.
        Acknowledgements acknowledgements;
        QVERIFY(m_polls->castVote(phones.at(1), u"uses-uv"_s, {u"no"_s}, acknowledgements.next()));
        QVERIFY(m_polls->castVote(phones.at(1), u"uses-uv"_s, {u"what-is-uv"_s}, acknowledgements.next()));
        QVERIFY(m_polls->castVote(phones.at(1), u"uses-uv"_s, {u"what-is-uv"_s}, acknowledgements.next()));
        QCOMPARE(m_polls->queuedVoteCount(), 3);
        QTRY_COMPARE(acknowledgements.results.size(), 3);
        QCOMPARE(acknowledgements.errorCount(), 0);
        for (const Result<QStringList> &acknowledged : std::as_const(acknowledgements.results))
            QCOMPARE(*acknowledged, QStringList{u"what-is-uv"_s});
        const PollResults results = m_polls->results(u"uses-uv"_s).value();
        QCOMPARE(results.voterCount, 2);
        QCOMPARE(results.counts, (QList<AnswerCount>{{u"yes"_s, 0}, {u"no"_s, 1}, {u"what-is-uv"_s, 1}}));
    }

    void aThousandVotesAreAcknowledgedOnlyOnceCommittedAndCounted()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        const QStringList phones = newDevices(1000);
        const QStringList options{u"yes"_s, u"no"_s, u"what-is-uv"_s};
        int acknowledged = 0;
        int acknowledgedBeforeStored = 0;
        int errors = 0;
        for (int i = 0; i < phones.size(); ++i) {
            const QString phone = phones.at(i);
            const QString answer = options.at(i % 3);
            const Result<> queued =
                m_polls->castVote(phone, u"uses-uv"_s, {answer}, [&, phone, answer](Result<QStringList> result) {
                    if (!result || *result != QStringList{answer})
                        ++errors;
                    ++acknowledged;
                    if (m_store->answerOf(u"uses-uv"_s, phone).value() != QStringList{answer} ||
                        m_store->voterCount(u"uses-uv"_s).value() < acknowledged)
                        ++acknowledgedBeforeStored;
                });
            QVERIFY(queued);
        }
        QTRY_COMPARE(acknowledged, 1000);
        QCOMPARE(errors, 0);
        QCOMPARE(acknowledgedBeforeStored, 0);

        const PollResults results = m_polls->results(u"uses-uv"_s).value();
        QCOMPARE(results.voterCount, 1000);
        QCOMPARE(results.state, PollState::Open);
        QCOMPARE(results.counts, (QList<AnswerCount>{{u"yes"_s, 334}, {u"no"_s, 333}, {u"what-is-uv"_s, 333}}));
    }

    void aFailingDatabaseAcknowledgesEveryVoteOfTheBatchWithAnError()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        const QStringList phones = newDevices(10);
        QSignalSpy failures(m_polls.get(), &LivePolls::votesFailed);
        QSignalSpy resultChanges(m_polls.get(), &LivePolls::resultsChanged);
        QVERIFY(m_database->exec(u"PRAGMA query_only = ON"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"a batch of 10 votes failed: .*readonly"_s));

        Acknowledgements acknowledgements;
        for (const QString &phone : phones)
            QVERIFY(m_polls->castVote(phone, u"uses-uv"_s, {u"yes"_s}, acknowledgements.next()));
        QCOMPARE(acknowledgements.results.size(), 0);
        QTRY_COMPARE(acknowledgements.results.size(), 10);
        QCOMPARE(acknowledgements.errorCount(), 10);
        QVERIFY2(acknowledgements.results.constFirst().error().contains(u"could not be saved"_s),
                 qPrintable(acknowledgements.results.constFirst().error()));
        QCOMPARE(failures.size(), 1);
        QCOMPARE(resultChanges.size(), 0);

        QVERIFY(m_database->exec(u"PRAGMA query_only = OFF"_s));
        QCOMPARE(m_store->voterCount(u"uses-uv"_s).value(), 0);
        QVERIFY(vote(phones.constFirst(), u"uses-uv"_s, {u"no"_s})); // and voting works again
        QCOMPARE(m_store->voterCount(u"uses-uv"_s).value(), 1);
    }

    void closingWritesTheVotesAcceptedBefore()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        Acknowledgements acknowledgements;
        for (const QString &phone : newDevices(5))
            QVERIFY(m_polls->castVote(phone, u"uses-uv"_s, {u"no"_s}, acknowledgements.next()));
        QCOMPARE(acknowledgements.results.size(), 0);
        QVERIFY(m_polls->close(u"uses-uv"_s));
        QCOMPARE(acknowledgements.results.size(), 5);
        QCOMPARE(acknowledgements.errorCount(), 0);
        QCOMPARE(countOf(u"uses-uv"_s, u"no"_s), 5);
    }

    void aRestartKeepsStatesVotesAndQueuedVotes()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString path = directory.filePath(u"event.sqlite"_s);
        QStringList phones;
        {
            Database database;
            QVERIFY(database.open(path));
            DeviceStore devices(database);
            for (int i = 0; i < 3; ++i)
                phones.append(devices.createDevice(m_clock.now()).value());
            LivePolls polls(database, m_clock);
            QVERIFY(polls.load(meetup(), 0));
            QVERIFY(polls.open(u"nix"_s));
            bool acknowledged = false;
            QVERIFY(polls.castVote(phones.at(0), u"nix"_s, {u"use-it"_s, u"heard-of-it"_s},
                                   [&](Result<QStringList> result) { acknowledged = bool(result); }));
            QTRY_VERIFY(acknowledged);
            QVERIFY(polls.setRevealed(u"nix"_s, true));
            // Still queued when the laptop shuts down: written, not acknowledged.
            QVERIFY(polls.castVote(phones.at(1), u"nix"_s, {u"use-it"_s},
                                   [](Result<QStringList>) { QFAIL("acknowledged at exit"); }));
        }
        Database database;
        QVERIFY(database.open(path));
        LivePolls polls(database, m_clock);
        QVERIFY(polls.load(meetup(), 0));
        PollResults results = polls.results(u"nix"_s).value();
        QCOMPARE(results.state, PollState::Open);
        QVERIFY(results.revealed);
        QCOMPARE(results.voterCount, 2);
        QCOMPARE(results.counts, (QList<AnswerCount>{{u"use-it"_s, 2}, {u"heard-of-it"_s, 1}, {u"never-heard"_s, 0}}));
        QCOMPARE(polls.openPollId().value(), u"nix"_s);

        // The same phone votes again after the restart: still one voter.
        bool acknowledged = false;
        QVERIFY(polls.castVote(phones.at(0), u"nix"_s, {u"never-heard"_s},
                               [&](Result<QStringList> result) { acknowledged = bool(result); }));
        QTRY_VERIFY(acknowledged);
        results = polls.results(u"nix"_s).value();
        QCOMPARE(results.voterCount, 2);
        QCOMPARE(results.counts, (QList<AnswerCount>{{u"use-it"_s, 1}, {u"heard-of-it"_s, 0}, {u"never-heard"_s, 1}}));
    }

    void reachingASlideOpensOrOffersItsPolls()
    {
        QSignalSpy offers(m_polls.get(), &LivePolls::pollOffered);
        QVERIFY(m_polls->slideReached(u"18"_s));
        QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
        QCOMPARE(offers.size(), 0);

        // Slide 20: "rating" opens (closing uv), "nix" is offered and stays a draft.
        QVERIFY(m_polls->slideReached(u"20"_s));
        QCOMPARE(stateOf(u"rating"_s), PollState::Open);
        QCOMPARE(stateOf(u"uses-uv"_s), PollState::Closed);
        QCOMPARE(stateOf(u"nix"_s), PollState::Draft);
        QCOMPARE(offers.size(), 1);
        QCOMPARE(offers.at(0).at(0).toString(), u"nix"_s);

        // Back on 18: the closed poll is offered, not reopened behind the speaker's back.
        QVERIFY(m_polls->slideReached(u"18"_s));
        QCOMPARE(stateOf(u"uses-uv"_s), PollState::Closed);
        QCOMPARE(stateOf(u"rating"_s), PollState::Open);
        QCOMPARE(offers.size(), 2);
        QCOMPARE(offers.at(1).at(0).toString(), u"uses-uv"_s);

        // Slides without polls change nothing.
        QVERIFY(m_polls->slideReached(u"19"_s));
        QVERIFY(m_polls->slideReached(QString()));
        QCOMPARE(offers.size(), 2);
        QCOMPARE(m_polls->openPollId().value(), u"rating"_s);
    }

    void resultsChangedIsCoalescedWhileVotesArrive()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        const QStringList phones = newDevices(LivePolls::kMaxBatchSize + 1000);
        QList<int> votersWhenSignalled;
        connect(m_polls.get(), &LivePolls::resultsChanged, this, [&](const QString &pollId) {
            QCOMPARE(pollId, u"uses-uv"_s);
            votersWhenSignalled.append(m_polls->results(pollId).value().voterCount); // as a view would pull
        });
        int acknowledged = 0;
        const auto cast = [&](const QString &phone, const QString &answer) {
            return bool(m_polls->castVote(phone, u"uses-uv"_s, {answer},
                                          [&](Result<QStringList> result) { acknowledged += result ? 1 : 0; }));
        };

        // 100 batches of 10 votes: each commit is signalled once, at once, and the model then has all of it.
        for (int batch = 0; batch < 100; ++batch) {
            for (int i = 0; i < 10; ++i)
                QVERIFY(cast(phones.at(batch * 10 + i), u"yes"_s));
            QCOMPARE(votersWhenSignalled.size(), batch); // nothing before the commit
            m_polls->flushVotes();
            QCOMPARE(votersWhenSignalled.size(), batch + 1);
            QCOMPARE(votersWhenSignalled.constLast(), (batch + 1) * 10);
        }
        QCOMPARE(acknowledged, 1000);

        // A batch that fills up is written the moment it is full: one signal for all of its votes.
        for (int i = 0; i < LivePolls::kMaxBatchSize; ++i)
            QVERIFY(cast(phones.at(1000 + i), u"no"_s));
        QCOMPARE(m_polls->queuedVoteCount(), 0);
        QCOMPARE(votersWhenSignalled.size(), 101);
        QCOMPARE(votersWhenSignalled.constLast(), 1000 + LivePolls::kMaxBatchSize);

        // Votes left to the batch timer: one batch, one signal, the changed votes counted once.
        for (int i = 0; i < 10; ++i)
            QVERIFY(cast(phones.at(i), u"no"_s));
        QTRY_COMPARE(acknowledged, 1010 + LivePolls::kMaxBatchSize);
        QCOMPARE(votersWhenSignalled.size(), 102);
        QCOMPARE(votersWhenSignalled.constLast(), 1000 + LivePolls::kMaxBatchSize);
        QCOMPARE(countOf(u"uses-uv"_s, u"no"_s), 10 + LivePolls::kMaxBatchSize);
    }

    void resetForgetsTheVotesAndMakesTheUsedPollADraftAgain()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        const QStringList phones = newDevices(3);
        for (const QString &phone : phones)
            QVERIFY(vote(phone, u"uses-uv"_s, {u"yes"_s}));
        QVERIFY(m_polls->setRevealed(u"uses-uv"_s, true));
        QVERIFY(m_polls->close(u"uses-uv"_s));

        QSignalSpy stateChanges(m_polls.get(), &LivePolls::pollStateChanged);
        QSignalSpy resultChanges(m_polls.get(), &LivePolls::resultsChanged);
        QVERIFY(m_polls->resetResults(u"uses-uv"_s));
        QCOMPARE(stateChanges.size(), 1);
        QCOMPARE(resultChanges.size(), 1);
        const PollResults results = m_polls->results(u"uses-uv"_s).value();
        QCOMPARE(results.state, PollState::Draft);
        QVERIFY(!results.revealed);
        QCOMPARE(results.voterCount, 0);
        QCOMPARE(countOf(u"uses-uv"_s, u"yes"_s), 0);

        // The real talk: the same phones vote again from scratch.
        QVERIFY(m_polls->open(u"uses-uv"_s));
        QVERIFY(vote(phones.at(0), u"uses-uv"_s, {u"no"_s}));
        QCOMPARE(m_polls->results(u"uses-uv"_s).value().voterCount, 1);
    }

    void hiddenWordCloudAnswersAreLeftOutOfTheResults()
    {
        QVERIFY(m_polls->open(u"words"_s));
        const QStringList phones = newDevices(5);
        const QStringList words{u"Flaky"_s, u"flaky "_s, u"Rust"_s, u"<b>rude</b>"_s, u"uv"_s};
        for (int i = 0; i < phones.size(); ++i)
            QVERIFY(vote(phones.at(i), u"words"_s, {words.at(i)}));
        QCOMPARE(m_polls->results(u"words"_s).value().counts,
                 (QList<AnswerCount>{{u"flaky"_s, 2}, {u"<b>rude</b>"_s, 1}, {u"rust"_s, 1}, {u"uv"_s, 1}}));

        QSignalSpy resultChanges(m_polls.get(), &LivePolls::resultsChanged);
        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"<B>RUDE</B>"_s, true)); // hidden in its counted form
        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"rust"_s, true));
        QCOMPARE(resultChanges.size(), 2); // each change signalled after its commit
        PollResults results = m_polls->results(u"words"_s).value();
        QCOMPARE(results.counts, (QList<AnswerCount>{{u"flaky"_s, 2}, {u"uv"_s, 1}}));
        QCOMPARE(results.hiddenAnswers, (QStringList{u"<b>rude</b>"_s, u"rust"_s}));
        QCOMPARE(results.voterCount, 5);

        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"Rust"_s, false));
        results = m_polls->results(u"words"_s).value();
        QCOMPARE(results.counts, (QList<AnswerCount>{{u"flaky"_s, 2}, {u"rust"_s, 1}, {u"uv"_s, 1}}));

        const Result<> choice = m_polls->setAnswerHidden(u"uses-uv"_s, u"yes"_s, true);
        QVERIFY(!choice);
        QVERIFY2(choice.error().contains(u"Only word-cloud and open-text"_s), qPrintable(choice.error()));
    }

    void createdPollsGetLiveIdsAreStoredAndSignalled()
    {
        QSignalSpy pollsChanged(m_polls.get(), &LivePolls::pollsChanged);
        Poll question = textPoll(QString(), Poll::Kind::Rating);
        question.question = u"How was the talk?"_s;
        const Result<QString> first = m_polls->createPoll(question);
        QVERIFY2(first, qPrintable(first ? QString() : first.error()));
        QCOMPARE(*first, u"live-1"_s);
        QCOMPARE(pollsChanged.size(), 1);
        QCOMPARE(m_polls->polls().size(), 6);
        QCOMPARE(m_polls->polls().constLast().id, u"live-1"_s);
        QCOMPARE(m_polls->poll(u"live-1"_s)->question, u"How was the talk?"_s);

        const PollRecord record = *m_store->poll(u"live-1"_s).value();
        QCOMPARE(record.state, PollState::Draft);
        QCOMPARE(record.sessionIndex, 0);
        const Result<Poll> stored = EventFile::parsePoll(record.definition.toUtf8());
        QVERIFY2(stored, qPrintable(stored ? QString() : stored.error()));
        QCOMPARE(*stored, *m_polls->poll(u"live-1"_s));

        // The next one skips ids taken anywhere in the database.
        QVERIFY(m_store->registerPoll(u"live-2"_s, 1));
        QCOMPARE(m_polls->createPoll(question).value(), u"live-3"_s);
        QCOMPARE(pollsChanged.size(), 2);

        // A created poll works like a declared one.
        QVERIFY(m_polls->open(u"live-3"_s));
        QVERIFY(vote(newDevices(1).constFirst(), u"live-3"_s, {u"4"_s}));
        QCOMPARE(countOf(u"live-3"_s, u"4"_s), 1);
    }

    void createdChoiceOptionsWithoutIdsGetThemFromTheirLabels()
    {
        Poll poll;
        poll.id = u"tools"_s;
        poll.question = u"Which tool?"_s;
        poll.options = {{QString(), u"uv"_s}, {QString(), u"What is uv?"_s}, {u"own"_s, u"Something else"_s}};
        QCOMPARE(m_polls->createPoll(poll).value(), u"tools"_s);
        const QList<PollOption> options = m_polls->poll(u"tools"_s)->options;
        QCOMPARE(options,
                 (QList<PollOption>{
                     {u"uv"_s, u"uv"_s}, {u"what-is-uv"_s, u"What is uv?"_s}, {u"own"_s, u"Something else"_s}}));
    }

    void invalidOrTakenCreatedPollsAreRefused_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("question");
        QTest::addColumn<int>("optionCount");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no question") << QString() << QString() << 2 << u"no question"_s;
        QTest::newRow("one option") << QString() << u"Q?"_s << 1 << u"at least two options"_s;
        QTest::newRow("bad id") << u"not an id!"_s << u"Q?"_s << 2 << u"letters, digits"_s;
        QTest::newRow("a poll of this session") << u"nix"_s << u"Q?"_s << 2 << u"already used"_s;
        QTest::newRow("a poll of another session") << u"later"_s << u"Q?"_s << 2 << u"already used"_s;
    }

    void invalidOrTakenCreatedPollsAreRefused()
    {
        QFETCH(QString, id);
        QFETCH(QString, question);
        QFETCH(int, optionCount);
        QFETCH(QString, reason);
        QSignalSpy pollsChanged(m_polls.get(), &LivePolls::pollsChanged);
        Poll poll = choicePoll(id, Poll::Kind::SingleChoice, QStringList{u"a"_s, u"b"_s}.first(optionCount));
        poll.question = question;
        const Result<QString> created = m_polls->createPoll(poll);
        QVERIFY(!created);
        QVERIFY2(created.error().contains(reason), qPrintable(created.error()));
        QCOMPARE(pollsChanged.size(), 0);
        QCOMPARE(m_polls->polls().size(), 5);
        QCOMPARE(m_store->polls().value().size(), 5);
    }

    void createdPollsAreRestoredForTheirSessionAfterARestart()
    {
        Poll question = choicePoll(QString(), Poll::Kind::MultipleChoice, {u"a"_s, u"b"_s, u"c"_s});
        question.question = u"Which ones?"_s;
        question.maxChoices = 2;
        question.slideLabel = u"21"_s;
        const QString id = m_polls->createPoll(question).value();
        const Poll created = *m_polls->poll(id);
        QVERIFY(m_polls->open(id));

        // A new LivePolls on the same database, as after a restart: the plan has only the declared polls.
        m_polls = std::make_unique<LivePolls>(*m_database, m_clock);
        QSignalSpy pollsChanged(m_polls.get(), &LivePolls::pollsChanged);
        QVERIFY(m_polls->load(meetup(), 0));
        QCOMPARE(pollsChanged.size(), 1);
        QCOMPARE(m_polls->polls().size(), 6);
        QCOMPARE(m_polls->polls().constLast(), created);
        QCOMPARE(stateOf(id), PollState::Open);
        QCOMPARE(m_polls->currentPollId().value(), id);

        // Session 1 does not get session 0's live poll.
        QVERIFY(m_polls->load(meetup(), 1));
        QCOMPARE(m_polls->polls().size(), 1);
        QVERIFY(!m_polls->poll(id));
        // Back to session 0: loading again does not lose its definition.
        QVERIFY(m_polls->load(meetup(), 0));
        QCOMPARE(m_polls->polls().constLast(), created);
    }

    void aCreatedPollDeclaredLaterByThePlanIsTheDeclaredOne()
    {
        const QString id = m_polls->createPoll(textPoll(QString(), Poll::Kind::OpenText)).value();
        Event plan = meetup();
        Poll declared = textPoll(id, Poll::Kind::WordCloud);
        plan.sessions[0].polls.append(declared);
        QVERIFY(m_polls->load(plan, 0));
        QCOMPARE(m_polls->polls().size(), 6);
        QCOMPARE(m_polls->poll(id)->kind, Poll::Kind::WordCloud);
    }

    void creatingAPollNeedsALoadedSession()
    {
        LivePolls unloaded(*m_database, m_clock);
        const Result<QString> created = unloaded.createPoll(textPoll(QString(), Poll::Kind::Rating));
        QVERIFY(!created);
        QVERIFY2(created.error().contains(u"No session"_s), qPrintable(created.error()));
    }

    void theCurrentPollIsTheOpenOneElseTheLatestOpened()
    {
        QVERIFY(!m_polls->currentPollId().value()); // drafts are never current
        QVERIFY(m_polls->open(u"nix"_s));
        QCOMPARE(m_polls->currentPollId().value(), u"nix"_s);
        m_clock.advance(1min);
        QVERIFY(m_polls->open(u"uses-uv"_s)); // closes nix
        QCOMPARE(m_polls->currentPollId().value(), u"uses-uv"_s);
        m_clock.advance(1min);
        QVERIFY(m_polls->close(u"uses-uv"_s));
        QCOMPARE(m_polls->currentPollId().value(), u"uses-uv"_s); // closed, with its results

        m_clock.advance(1min);
        QVERIFY(m_polls->reopen(u"nix"_s));
        QVERIFY(m_polls->close(u"nix"_s));
        QCOMPARE(m_polls->currentPollId().value(), u"nix"_s); // opened most recently

        QVERIFY(m_polls->resetResults(u"nix"_s)); // a draft again
        QCOMPARE(m_polls->currentPollId().value(), u"uses-uv"_s);

        // Another session's polls never count.
        QVERIFY(m_polls->load(meetup(), 1));
        QVERIFY(!m_polls->currentPollId().value());
    }

    void answerOfAndAnswersReadTheCommittedAnswers()
    {
        QVERIFY(m_polls->open(u"nix"_s));
        const QStringList phones = newDevices(2);
        QVERIFY(vote(phones.at(0), u"nix"_s, {u"use-it"_s, u"never-heard"_s}));
        QCOMPARE(m_polls->answerOf(u"nix"_s, phones.at(0)).value(), (QStringList{u"use-it"_s, u"never-heard"_s}));
        QVERIFY(!m_polls->answerOf(u"nix"_s, phones.at(1)).value());
        QVERIFY(!m_polls->answerOf(u"nix"_s, u"made-up"_s).value());

        // Queued, not yet written: not seen.
        QVERIFY(m_polls->castVote(phones.at(1), u"nix"_s, {u"use-it"_s}, [](Result<QStringList>) {}));
        QVERIFY(!m_polls->answerOf(u"nix"_s, phones.at(1)).value());
        QVERIFY(!m_polls->answers(u"nix"_s).value().contains(phones.at(1)));
        m_polls->flushVotes();
        QCOMPARE(m_polls->answerOf(u"nix"_s, phones.at(1)).value(), QStringList{u"use-it"_s});
        QCOMPARE(m_polls->answers(u"nix"_s).value(),
                 (QHash<QString, QStringList>{{phones.at(0), {u"use-it"_s, u"never-heard"_s}},
                                              {phones.at(1), {u"use-it"_s}}}));

        const Result<std::optional<QStringList>> foreign = m_polls->answerOf(u"later"_s, phones.at(0));
        QVERIFY(!foreign);
        QVERIFY2(foreign.error().contains(u"no poll \"later\""_s), qPrintable(foreign.error()));
        const Result<QHash<QString, QStringList>> foreignAnswers = m_polls->answers(u"later"_s);
        QVERIFY(!foreignAnswers);
        QVERIFY2(foreignAnswers.error().contains(u"no poll \"later\""_s), qPrintable(foreignAnswers.error()));
    }

    void aFailedResetChangesNothing()
    {
        QVERIFY(m_polls->open(u"uses-uv"_s));
        const QString phone = newDevices(1).constFirst();
        QVERIFY(vote(phone, u"uses-uv"_s, {u"yes"_s}));
        QVERIFY(m_polls->setRevealed(u"uses-uv"_s, true));
        // Making the poll a draft again fails after the votes were deleted: the deletion must not stay.
        QVERIFY(m_database->exec(u"CREATE TEMP TRIGGER no_drafts BEFORE UPDATE OF state ON polls "
                                 "WHEN NEW.state = 'draft' BEGIN SELECT RAISE(ABORT, 'drafts refused'); END"_s));
        QSignalSpy stateChanges(m_polls.get(), &LivePolls::pollStateChanged);
        const Result<> reset = m_polls->resetResults(u"uses-uv"_s);
        QVERIFY(!reset);
        QVERIFY2(reset.error().contains(u"drafts refused"_s), qPrintable(reset.error()));
        QCOMPARE(stateChanges.size(), 0);
        const PollResults results = m_polls->results(u"uses-uv"_s).value();
        QCOMPARE(results.state, PollState::Open);
        QVERIFY(results.revealed);
        QCOMPARE(results.voterCount, 1);
        QCOMPARE(m_polls->answerOf(u"uses-uv"_s, phone).value(), QStringList{u"yes"_s});
    }

    void ratingResultsListEveryValue()
    {
        QVERIFY(m_polls->open(u"rating"_s));
        const QStringList phones = newDevices(3);
        QVERIFY(vote(phones.at(0), u"rating"_s, {u"5"_s}));
        QVERIFY(vote(phones.at(1), u"rating"_s, {u"5"_s}));
        QVERIFY(vote(phones.at(2), u"rating"_s, {u"2"_s}));
        QCOMPARE(m_polls->results(u"rating"_s).value().counts,
                 (QList<AnswerCount>{{u"1"_s, 0}, {u"2"_s, 1}, {u"3"_s, 0}, {u"4"_s, 0}, {u"5"_s, 2}}));
    }
};

QTEST_GUILESS_MAIN(TestLivePolls)
#include "tst_livepolls.moc"
