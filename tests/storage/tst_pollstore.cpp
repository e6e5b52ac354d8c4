#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/pollstore.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart(QDate(2026, 11, 26), QTime(19, 0), Qt::UTC);

VoteRecord vote(const QString &poll, const QString &device, const QStringList &answer, int second = 0)
{
    return {poll, device, answer, kStart.addSecs(second)};
}

} // namespace

class TestPollStore : public QObject
{
    Q_OBJECT

private:
    Database m_database;
    std::unique_ptr<PollStore> m_polls;
    std::unique_ptr<DeviceStore> m_devices;

    QString newDevice()
    {
        const Result<QString> token = m_devices->createDevice(kStart);
        return token.value_or(QString());
    }

    int count(const QString &poll, const QString &answer) { return m_polls->answerCounts(poll).value().value(answer); }

private slots:
    void init()
    {
        const Result<> opened = m_database.open(Database::kInMemory);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        m_polls = std::make_unique<PollStore>(m_database);
        m_devices = std::make_unique<DeviceStore>(m_database);
        QVERIFY(m_polls->registerPoll(u"uses-uv"_s, 0));
        QVERIFY(m_polls->registerPoll(u"nix"_s, 0));
    }

    void cleanup()
    {
        m_polls.reset();
        m_devices.reset();
        m_database.close();
    }

    void registeredPollStartsAsAHiddenDraft()
    {
        const std::optional<PollRecord> poll = m_polls->poll(u"uses-uv"_s).value();
        QVERIFY(poll);
        QCOMPARE(poll->state, PollState::Draft);
        QVERIFY(!poll->revealed);
        QVERIFY(!poll->openedAt);
        QVERIFY(!m_polls->poll(u"unknown"_s).value());
        QCOMPARE(m_polls->polls().value().size(), 2);
    }

    void registeringAgainKeepsTheState()
    {
        QVERIFY(m_polls->setState(u"uses-uv"_s, PollState::Open, kStart));
        QVERIFY(m_polls->registerPoll(u"uses-uv"_s, 1, u"{\"kind\":\"single\"}"_s));
        const PollRecord poll = *m_polls->poll(u"uses-uv"_s).value();
        QCOMPARE(poll.state, PollState::Open);
        QCOMPARE(poll.sessionIndex, 1);
        QCOMPARE(poll.definition, u"{\"kind\":\"single\"}"_s);
    }

    void stateChangesRecordWhenThePollOpenedAndClosed()
    {
        QVERIFY(m_polls->setState(u"nix"_s, PollState::Open, kStart));
        PollRecord poll = *m_polls->poll(u"nix"_s).value();
        QCOMPARE(poll.state, PollState::Open);
        QCOMPARE(poll.openedAt, kStart);
        QVERIFY(!poll.closedAt);

        QVERIFY(m_polls->setState(u"nix"_s, PollState::Closed, kStart.addSecs(60)));
        poll = *m_polls->poll(u"nix"_s).value();
        QCOMPARE(poll.state, PollState::Closed);
        QCOMPARE(poll.closedAt, kStart.addSecs(60));

        QVERIFY(m_polls->setState(u"nix"_s, PollState::Open, kStart.addSecs(120))); // reopened
        poll = *m_polls->poll(u"nix"_s).value();
        QCOMPARE(poll.state, PollState::Open);
        QCOMPARE(poll.openedAt, kStart.addSecs(120));
        QVERIFY(!poll.closedAt);

        QVERIFY(m_polls->setRevealed(u"nix"_s, true));
        QVERIFY(m_polls->poll(u"nix"_s).value()->revealed);
    }

    void changesToAnUnknownPollAreErrors()
    {
        const Result<> state = m_polls->setState(u"ghost"_s, PollState::Open, kStart);
        QVERIFY(!state);
        QVERIFY2(state.error().contains(u"\"ghost\""_s), qPrintable(state.error()));
        QVERIFY(!m_polls->setRevealed(u"ghost"_s, true));
        QVERIFY(!m_polls->resetPoll(u"ghost"_s));
    }

    void deviceVotingTwiceCountsOnceAndTheChangeMovesTheCount()
    {
        const QString phone = newDevice();
        QVERIFY(m_polls->castVote(vote(u"uses-uv"_s, phone, {u"yes"_s})));
        QVERIFY(m_polls->castVote(vote(u"uses-uv"_s, phone, {u"yes"_s}, 1)));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 1);
        QCOMPARE(count(u"uses-uv"_s, u"yes"_s), 1);

        QVERIFY(m_polls->castVote(vote(u"uses-uv"_s, phone, {u"no"_s}, 2)));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 1);
        QCOMPARE(count(u"uses-uv"_s, u"yes"_s), 0);
        QCOMPARE(count(u"uses-uv"_s, u"no"_s), 1);
        QCOMPARE(m_polls->answerOf(u"uses-uv"_s, phone).value(), QStringList{u"no"_s});
        QCOMPARE(m_polls->votes(u"uses-uv"_s).value().constFirst().castAt, kStart.addSecs(2));
    }

    void oneDeviceMayAnswerEachPollOnce()
    {
        const QString phone = newDevice();
        QVERIFY(m_polls->castVotes({vote(u"uses-uv"_s, phone, {u"yes"_s}), vote(u"nix"_s, phone, {u"use-it"_s})}));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 1);
        QCOMPARE(m_polls->voterCount(u"nix"_s).value(), 1);
        QVERIFY(!m_polls->answerOf(u"nix"_s, u"someone-else"_s).value());
    }

    void theDatabaseItselfRefusesASecondRowForADevice()
    {
        const QString phone = newDevice();
        QVERIFY(m_polls->castVote(vote(u"uses-uv"_s, phone, {u"yes"_s})));
        const Result<QSqlQuery> sneaky =
            m_database.exec(u"INSERT INTO votes (poll_id, device_token, answer, updated_at) VALUES (?, ?, ?, 0)"_s,
                            {u"uses-uv"_s, phone, u"[\"no\"]"_s});
        QVERIFY(!sneaky);
        QVERIFY2(sneaky.error().contains(u"UNIQUE"_s), qPrintable(sneaky.error()));
    }

    void multipleChoiceAnswersCountEachOption()
    {
        const QString a = newDevice();
        const QString b = newDevice();
        QVERIFY(m_polls->castVotes(
            {vote(u"nix"_s, a, {u"use-it"_s, u"heard-of-it"_s}), vote(u"nix"_s, b, {u"heard-of-it"_s})}));
        const QMap<QString, int> counts = m_polls->answerCounts(u"nix"_s).value();
        QCOMPARE(counts, (QMap<QString, int>{{u"use-it"_s, 1}, {u"heard-of-it"_s, 2}}));
        QCOMPARE(m_polls->voterCount(u"nix"_s).value(), 2);
    }

    void batchOfAThousandVotesFromFiveHundredDevicesCommitsTogether()
    {
        QStringList phones;
        for (int i = 0; i < 500; ++i)
            phones.append(newDevice());
        QCOMPARE(QSet<QString>(phones.cbegin(), phones.cend()).size(), 500);

        // Each device answers both polls: uv by its index mod 3, nix mod 2.
        const QStringList uvAnswers{u"yes"_s, u"no"_s, u"what-is-uv"_s};
        const QStringList nixAnswers{u"use-it"_s, u"never-heard"_s};
        QList<VoteRecord> batch;
        for (int i = 0; i < 500; ++i) {
            batch.append(vote(u"uses-uv"_s, phones.at(i), {uvAnswers.at(i % 3)}, i));
            batch.append(vote(u"nix"_s, phones.at(i), {nixAnswers.at(i % 2)}, i));
        }
        QCOMPARE(batch.size(), 1000);
        const Result<> cast = m_polls->castVotes(batch);
        QVERIFY2(cast, qPrintable(cast ? QString() : cast.error()));

        QCOMPARE(m_polls->answerCounts(u"uses-uv"_s).value(),
                 (QMap<QString, int>{{u"yes"_s, 167}, {u"no"_s, 167}, {u"what-is-uv"_s, 166}}));
        QCOMPARE(m_polls->answerCounts(u"nix"_s).value(),
                 (QMap<QString, int>{{u"use-it"_s, 250}, {u"never-heard"_s, 250}}));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 500);
    }

    void batchWithOneBadVoteSavesNothing_data()
    {
        QTest::addColumn<int>("breakage");
        QTest::newRow("unknown poll") << 0;
        QTest::newRow("unknown device") << 1;
        QTest::newRow("empty answer") << 2;
    }

    void batchWithOneBadVoteSavesNothing()
    {
        QFETCH(int, breakage);
        QList<VoteRecord> batch;
        for (int i = 0; i < 20; ++i)
            batch.append(vote(u"uses-uv"_s, newDevice(), {u"yes"_s}));
        VoteRecord &bad = batch[17];
        if (breakage == 0)
            bad.pollId = u"ghost"_s;
        else if (breakage == 1)
            bad.deviceToken = u"never-issued"_s;
        else
            bad.answer.clear();

        const Result<> cast = m_polls->castVotes(batch);
        QVERIFY(!cast);
        QVERIFY2(cast.error().contains(u"vote 18"_s), qPrintable(cast.error()));
        QVERIFY2(cast.error().contains(u"No vote"_s), qPrintable(cast.error()));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 0);
    }

    void duplicateSubmissionsInOneBatchCountOnceAndTheLastWins()
    {
        const QString phone = newDevice();
        const QString other = newDevice();
        const Result<> cast = m_polls->castVotes(
            {vote(u"uses-uv"_s, phone, {u"yes"_s}, 1), vote(u"uses-uv"_s, other, {u"yes"_s}, 1),
             vote(u"uses-uv"_s, phone, {u"yes"_s}, 1), vote(u"uses-uv"_s, phone, {u"what-is-uv"_s}, 2)});
        QVERIFY2(cast, qPrintable(cast ? QString() : cast.error()));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 2);
        QCOMPARE(m_polls->answerCounts(u"uses-uv"_s).value(),
                 (QMap<QString, int>{{u"yes"_s, 1}, {u"what-is-uv"_s, 1}}));
        QCOMPARE(m_polls->answerOf(u"uses-uv"_s, phone).value(), QStringList{u"what-is-uv"_s});
    }

    void answersGivesEveryDevicesAnswerToOnePoll()
    {
        const QString phone = newDevice();
        const QString other = newDevice();
        const QString silent = newDevice();
        QVERIFY(m_polls->castVotes({vote(u"uses-uv"_s, phone, {u"yes"_s}), vote(u"uses-uv"_s, other, {u"no"_s}),
                                    vote(u"nix"_s, silent, {u"use-it"_s, u"heard-of-it"_s}),
                                    vote(u"uses-uv"_s, phone, {u"what-is-uv"_s}, 1)}));
        QCOMPARE(m_polls->answers(u"uses-uv"_s).value(),
                 (QHash<QString, QStringList>{{phone, {u"what-is-uv"_s}}, {other, {u"no"_s}}}));
        QCOMPARE(m_polls->answers(u"nix"_s).value(),
                 (QHash<QString, QStringList>{{silent, {u"use-it"_s, u"heard-of-it"_s}}}));
        QVERIFY(m_polls->answers(u"ghost"_s).value().isEmpty());
    }

    void failingWriteReturnsAnErrorAndSavesNothing()
    {
        const QString phone = newDevice();
        QVERIFY(m_database.exec(u"PRAGMA query_only = ON"_s));
        const Result<> cast = m_polls->castVotes({vote(u"uses-uv"_s, phone, {u"yes"_s})});
        QVERIFY(!cast);
        QVERIFY2(cast.error().contains(u"No vote"_s), qPrintable(cast.error()));
        QVERIFY(!m_polls->setState(u"uses-uv"_s, PollState::Open, kStart));
        QVERIFY(!m_polls->resetPoll(u"uses-uv"_s));

        QVERIFY(m_database.exec(u"PRAGMA query_only = OFF"_s));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 0);
        QCOMPARE(m_polls->poll(u"uses-uv"_s).value()->state, PollState::Draft);
        QVERIFY(m_polls->castVote(vote(u"uses-uv"_s, phone, {u"yes"_s}))); // and the store still works
    }

    void keptStatementsFollowTheDatabaseWhenItIsReopened()
    {
        const QString phone = newDevice();
        QVERIFY(m_polls->castVote(vote(u"uses-uv"_s, phone, {u"yes"_s})));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 1);
        QVERIFY(m_devices->contains(phone).value());

        // Another database in its place: the statements prepared on the first one must not read or write it.
        QVERIFY(m_database.open(Database::kInMemory));
        QVERIFY(m_polls->registerPoll(u"uses-uv"_s, 0));
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 0);
        QVERIFY(!m_devices->contains(phone).value());
        const QString other = newDevice();
        QVERIFY(m_polls->castVote(vote(u"uses-uv"_s, other, {u"no"_s})));
        QCOMPARE(m_polls->answerCounts(u"uses-uv"_s).value(), (QMap<QString, int>{{u"no"_s, 1}}));
        QCOMPARE(m_polls->answerOf(u"uses-uv"_s, other).value(), QStringList{u"no"_s});
        QVERIFY(m_devices->contains(other).value());
    }

    void writesToAClosedDatabaseFail()
    {
        const QString phone = newDevice();
        m_database.close();
        const Result<> cast = m_polls->castVote(vote(u"uses-uv"_s, phone, {u"yes"_s}));
        QVERIFY(!cast);
        QVERIFY2(cast.error().contains(u"not open"_s), qPrintable(cast.error()));
        QVERIFY(!m_polls->voterCount(u"uses-uv"_s));
        QVERIFY(!m_devices->createDevice(kStart));
    }

    void resetForgetsVotesAndHiddenAnswersAndMakesAHiddenDraft()
    {
        QVERIFY(m_polls->registerPoll(u"words"_s, 0));
        const QString phone = newDevice();
        QVERIFY(m_polls->setState(u"words"_s, PollState::Open, kStart));
        QVERIFY(m_polls->castVotes({vote(u"words"_s, phone, {u"flaky"_s}), vote(u"uses-uv"_s, phone, {u"no"_s})}));
        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"flaky"_s, true, kStart));
        QVERIFY(m_polls->setRevealed(u"words"_s, true));
        QVERIFY(m_polls->setState(u"words"_s, PollState::Closed, kStart.addSecs(60)));

        QVERIFY(m_polls->resetPoll(u"words"_s));
        QCOMPARE(m_polls->voterCount(u"words"_s).value(), 0);
        QVERIFY(m_polls->hiddenAnswers(u"words"_s).value().isEmpty());
        const PollRecord record = *m_polls->poll(u"words"_s).value();
        QVERIFY(!record.revealed);
        QCOMPARE(record.state, PollState::Draft);
        QVERIFY(!record.openedAt);
        QVERIFY(!record.closedAt);
        QCOMPARE(m_polls->voterCount(u"uses-uv"_s).value(), 1); // other polls keep theirs
    }

    void resetIsAllOrNothing()
    {
        QVERIFY(m_polls->registerPoll(u"words"_s, 0));
        const QString phone = newDevice();
        QVERIFY(m_polls->setState(u"words"_s, PollState::Open, kStart));
        QVERIFY(m_polls->castVote(vote(u"words"_s, phone, {u"flaky"_s})));
        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"flaky"_s, true, kStart));
        QVERIFY(m_polls->setRevealed(u"words"_s, true));
        // The last step of the reset (back to draft) fails: the votes and hidden answers deleted before must stay.
        QVERIFY(m_database.exec(u"CREATE TEMP TRIGGER no_drafts BEFORE UPDATE OF state ON polls "
                                "WHEN NEW.state = 'draft' BEGIN SELECT RAISE(ABORT, 'drafts refused'); END"_s));

        const Result<> reset = m_polls->resetPoll(u"words"_s);
        QVERIFY(!reset);
        QVERIFY2(reset.error().contains(u"drafts refused"_s), qPrintable(reset.error()));
        QCOMPARE(m_polls->voterCount(u"words"_s).value(), 1);
        QCOMPARE(m_polls->hiddenAnswers(u"words"_s).value(), QStringList{u"flaky"_s});
        const PollRecord record = *m_polls->poll(u"words"_s).value();
        QVERIFY(record.revealed);
        QCOMPARE(record.state, PollState::Open);
    }

    void registeringWithoutADefinitionKeepsTheStoredOne()
    {
        const QString definition = u"{\"id\":\"live-1\",\"kind\":\"rating\",\"question\":\"Q?\"}"_s;
        QVERIFY(m_polls->registerPoll(u"live-1"_s, 0, definition));
        QVERIFY(m_polls->registerPoll(u"live-1"_s, 0)); // as loading the session's declared polls does
        QCOMPARE(m_polls->poll(u"live-1"_s).value()->definition, definition);
        QVERIFY(m_polls->poll(u"uses-uv"_s).value()->definition.isEmpty());
    }

    void answersCanBeHiddenAndShownAgain()
    {
        QVERIFY(m_polls->registerPoll(u"words"_s, 0));
        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"<script>"_s, true, kStart));
        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"<script>"_s, true, kStart.addSecs(1))); // twice is once
        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"rude"_s, true, kStart.addSecs(2)));
        QCOMPARE(m_polls->hiddenAnswers(u"words"_s).value(), (QStringList{u"<script>"_s, u"rude"_s}));
        QVERIFY(m_polls->setAnswerHidden(u"words"_s, u"<script>"_s, false, kStart));
        QCOMPARE(m_polls->hiddenAnswers(u"words"_s).value(), QStringList{u"rude"_s});
        QVERIFY(!m_polls->setAnswerHidden(u"ghost"_s, u"x"_s, true, kStart));
    }

    void deviceTokensAreLongRandomAndRemembered()
    {
        const QString first = newDevice();
        const QString second = newDevice();
        QCOMPARE(first.size(), 22); // 128 bits in base64url
        QVERIFY(first != second);
        QVERIFY(m_devices->contains(first).value());
        QVERIFY(!m_devices->contains(u"made-up"_s).value());
        QCOMPARE(m_devices->createdAt(first).value(), kStart);
        QCOMPARE(m_devices->count().value(), 2);
        QStringList issued{first, second};
        issued.sort(); // both created at kStart: then by token
        QCOMPARE(m_devices->tokens().value(), issued);
        const QString earlier = m_devices->createDevice(kStart.addSecs(-1)).value();
        QCOMPARE(m_devices->tokens().value().constFirst(), earlier); // oldest first
    }

    void votesAndStatesSurviveClosingAndReopeningAFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"event.sqlite"_s);
        QString phone;
        {
            Database database;
            QVERIFY(database.open(path));
            PollStore polls(database);
            DeviceStore devices(database);
            phone = devices.createDevice(kStart).value();
            QVERIFY(polls.registerPoll(u"uses-uv"_s, 0));
            QVERIFY(polls.setState(u"uses-uv"_s, PollState::Open, kStart));
            QVERIFY(polls.castVote(vote(u"uses-uv"_s, phone, {u"what-is-uv"_s})));
        }
        Database database;
        QVERIFY(database.open(path));
        PollStore polls(database);
        DeviceStore devices(database);
        QVERIFY(devices.contains(phone).value());
        QCOMPARE(polls.poll(u"uses-uv"_s).value()->state, PollState::Open);
        QCOMPARE(polls.answerCounts(u"uses-uv"_s).value(), (QMap<QString, int>{{u"what-is-uv"_s, 1}}));
        // The same phone after the restart changes its answer and is still counted once.
        QVERIFY(polls.castVote(vote(u"uses-uv"_s, phone, {u"yes"_s}, 5)));
        QCOMPARE(polls.voterCount(u"uses-uv"_s).value(), 1);
    }
};

QTEST_GUILESS_MAIN(TestPollStore)
#include "tst_pollstore.moc"
