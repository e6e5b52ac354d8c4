#include "model/question.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/questionstore.h"

#include <QHash>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart(QDate(2026, 11, 26), QTime(19, 0), Qt::UTC);

} // namespace

class TestQuestionStore : public QObject
{
    Q_OBJECT

private:
    Database m_database;
    std::unique_ptr<QuestionStore> m_questions;
    std::unique_ptr<DeviceStore> m_devices;
    QString m_asker;

    QString newDevice()
    {
        const Result<QString> token = m_devices->createDevice(kStart);
        return token.value_or(QString());
    }

    qint64 ask(const QString &text, int sessionIndex = 0, int second = 0)
    {
        Question question;
        question.sessionIndex = sessionIndex;
        question.text = text;
        question.deviceToken = m_asker;
        question.createdAt = kStart.addSecs(second);
        const Result<qint64> id = m_questions->add(question);
        if (!id)
            qWarning("cannot add a question: %s", qPrintable(id.error()));
        return id.value_or(0);
    }

    int votes(qint64 id) { return m_questions->question(id).value().value_or(QuestionRecord{}).votes; }

    void upvoteAll(qint64 id, const QStringList &devices)
    {
        for (const QString &device : devices) {
            const Result<bool> upvoted = m_questions->upvote(id, device);
            QVERIFY2(upvoted, qPrintable(upvoted ? QString() : upvoted.error()));
            QVERIFY(*upvoted);
        }
    }

private slots:
    void init()
    {
        const Result<> opened = m_database.open(Database::kInMemory);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        m_questions = std::make_unique<QuestionStore>(m_database);
        m_devices = std::make_unique<DeviceStore>(m_database);
        m_asker = newDevice();
        QVERIFY(!m_asker.isEmpty());
    }

    void cleanup()
    {
        m_questions.reset();
        m_devices.reset();
        m_database.close();
    }

    void addedQuestionReadsBackAsGiven()
    {
        Question question;
        question.id = 999; // ignored: the database gives the id
        question.sessionIndex = 2;
        question.text = u"Is <b>this</b> bold?"_s;
        question.displayName = u"山田"_s;
        question.deviceToken = m_asker;
        question.state = Question::State::Waiting;
        question.createdAt = kStart.addMSecs(1234);
        const Result<qint64> id = m_questions->add(question);
        QVERIFY2(id, qPrintable(id ? QString() : id.error()));
        QVERIFY(*id > 0);
        QVERIFY(*id != 999);

        const std::optional<QuestionRecord> read = m_questions->question(*id).value();
        QVERIFY(read);
        question.id = *id;
        QCOMPARE(read->question, question);
        QCOMPARE(read->votes, 0);
    }

    void addingWithoutATimeOrAKnownDeviceFails()
    {
        Question question;
        question.text = u"Why?"_s;
        question.deviceToken = m_asker;
        const Result<qint64> untimed = m_questions->add(question);
        QVERIFY(!untimed);
        QVERIFY2(untimed.error().contains(u"time"_s), qPrintable(untimed.error()));

        question.createdAt = kStart;
        question.deviceToken = u"not-a-device"_s;
        QVERIFY(!m_questions->add(question));
        QVERIFY(m_questions->questions(0).value().isEmpty());
    }

    void sessionListHasItsQuestionsInOrderWithCounts()
    {
        const qint64 first = ask(u"First?"_s, 0, 0);
        const qint64 other = ask(u"Other session?"_s, 1, 1);
        const qint64 second = ask(u"Second?"_s, 0, 2);
        upvoteAll(second, {newDevice(), newDevice()});
        upvoteAll(other, {newDevice()});

        const QList<QuestionRecord> session = m_questions->questions(0).value();
        QCOMPARE(session.size(), 2);
        QCOMPARE(session.at(0).question.id, first);
        QCOMPARE(session.at(0).question.text, u"First?"_s);
        QCOMPARE(session.at(0).votes, 0);
        QCOMPARE(session.at(1).question.id, second);
        QCOMPARE(session.at(1).votes, 2);

        const QList<QuestionRecord> otherSession = m_questions->questions(1).value();
        QCOMPARE(otherSession.size(), 1);
        QCOMPARE(otherSession.at(0).question.id, other);
        QCOMPARE(otherSession.at(0).votes, 1);
        QVERIFY(m_questions->questions(7).value().isEmpty());
    }

    void upvotingTwiceCountsOnce()
    {
        const qint64 id = ask(u"Why uv?"_s);
        const QString device = newDevice();
        const Result<bool> first = m_questions->upvote(id, device);
        QVERIFY2(first, qPrintable(first ? QString() : first.error()));
        QVERIFY(*first);
        const Result<bool> second = m_questions->upvote(id, device);
        QVERIFY2(second, qPrintable(second ? QString() : second.error()));
        QVERIFY(!*second);
        QCOMPARE(votes(id), 1);
        QVERIFY(m_questions->upvote(id, newDevice()).value());
        QCOMPARE(votes(id), 2);
    }

    void removingAnUpvoteTakesOnlyThatDevicesVote()
    {
        const qint64 id = ask(u"Why uv?"_s);
        const QString device = newDevice();
        upvoteAll(id, {device, newDevice()});
        QCOMPARE(m_questions->removeUpvote(id, device), Result<bool>(true));
        QCOMPARE(votes(id), 1);
        QCOMPARE(m_questions->removeUpvote(id, device), Result<bool>(false));
        QCOMPARE(votes(id), 1);
        QVERIFY(m_questions->upvote(id, device).value());
        QCOMPARE(votes(id), 2);
    }

    void mergeAddsVotesOncePerDevice()
    {
        const qint64 into = ask(u"How fast is uv?"_s, 0, 0);
        const qint64 from = ask(u"Is uv fast?"_s, 0, 1);
        const qint64 bystander = ask(u"Unrelated?"_s, 0, 2);
        const QString both = newDevice();
        const QString onlyInto = newDevice();
        const QString onlyFrom = newDevice();
        upvoteAll(into, {both, onlyInto});
        upvoteAll(from, {both, onlyFrom, newDevice()});
        upvoteAll(bystander, {both});

        const Result<> merged = m_questions->merge(from, into);
        QVERIFY2(merged, qPrintable(merged ? QString() : merged.error()));

        const QuestionRecord target = *m_questions->question(into).value();
        QCOMPARE(target.votes, 4); // both, onlyInto, onlyFrom and the fourth device: both counts once
        QCOMPARE(target.question.state, Question::State::Shown);
        const QuestionRecord duplicate = *m_questions->question(from).value();
        QCOMPARE(duplicate.question.state, Question::State::Merged);
        QCOMPARE(duplicate.question.mergedInto, std::optional<qint64>(into));
        QCOMPARE(duplicate.votes, 0);
        QCOMPARE(votes(bystander), 1);
        // The moved vote is the device's one vote on into: upvoting again changes nothing, taking it back works.
        QCOMPARE(m_questions->upvote(into, onlyFrom), Result<bool>(false));
        QCOMPARE(m_questions->removeUpvote(into, onlyFrom), Result<bool>(true));
        QCOMPARE(votes(into), 3);
    }

    void mergeIsRefusedWithoutChangingAnything_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("into itself") << u"self"_s << u"itself"_s;
        QTest::newRow("unknown target") << u"unknown"_s << u"no question 4242"_s;
        QTest::newRow("other session") << u"session"_s << u"different sessions"_s;
        QTest::newRow("already merged") << u"again"_s << u"already merged"_s;
    }

    void mergeIsRefusedWithoutChangingAnything()
    {
        QFETCH(QString, which);
        QFETCH(QString, messagePart);
        const qint64 from = ask(u"Is uv fast?"_s, 0, 0);
        const qint64 sameSession = ask(u"How fast is uv?"_s, 0, 1);
        const qint64 otherSession = ask(u"And pip?"_s, 1, 2);
        const qint64 third = ask(u"Is uv quick?"_s, 0, 3);
        upvoteAll(from, {newDevice()});
        qint64 into = sameSession;
        if (which == u"self")
            into = from;
        else if (which == u"unknown")
            into = 4242;
        else if (which == u"session")
            into = otherSession;
        else
            QVERIFY(m_questions->merge(from, third));
        const QList<QuestionRecord> before = m_questions->questions(0).value();

        const Result<> merged = m_questions->merge(from, into);
        QVERIFY(!merged);
        QVERIFY2(merged.error().contains(messagePart), qPrintable(merged.error()));
        QCOMPARE(m_questions->questions(0).value(), before);
        QCOMPARE(votes(otherSession), 0);
    }

    void statesRoundTripWithTheirTimes_data()
    {
        QTest::addColumn<Question::State>("state");
        QTest::newRow("waiting") << Question::State::Waiting;
        QTest::newRow("shown") << Question::State::Shown;
        QTest::newRow("pinned") << Question::State::Pinned;
        QTest::newRow("answered") << Question::State::Answered;
        QTest::newRow("hidden") << Question::State::Hidden;
        QTest::newRow("withdrawn") << Question::State::Withdrawn;
        QTest::newRow("unanswered") << Question::State::Unanswered;
    }

    void statesRoundTripWithTheirTimes()
    {
        QFETCH(Question::State, state);
        const qint64 id = ask(u"Why uv?"_s);
        const QDateTime at = kStart.addSecs(60);
        const Result<> changed = m_questions->setState(id, state, at);
        QVERIFY2(changed, qPrintable(changed ? QString() : changed.error()));
        const Question question = m_questions->question(id).value()->question;
        QCOMPARE(question.state, state);
        QCOMPARE(question.pinnedAt, state == Question::State::Pinned ? std::optional(at) : std::nullopt);
        QCOMPARE(question.answeredAt, state == Question::State::Answered ? std::optional(at) : std::nullopt);
        QCOMPARE(question.createdAt, std::optional(kStart));
        QVERIFY(!question.mergedInto);
    }

    void answeringKeepsThePinTimeAndPinningAgainClearsTheAnswer()
    {
        const qint64 id = ask(u"Why uv?"_s);
        QVERIFY(m_questions->setState(id, Question::State::Pinned, kStart.addSecs(10)));
        QVERIFY(m_questions->setState(id, Question::State::Answered, kStart.addSecs(70)));
        Question question = m_questions->question(id).value()->question;
        QCOMPARE(question.pinnedAt, std::optional(kStart.addSecs(10)));
        QCOMPARE(question.answeredAt, std::optional(kStart.addSecs(70)));

        QVERIFY(m_questions->setState(id, Question::State::Pinned, kStart.addSecs(100)));
        question = m_questions->question(id).value()->question;
        QCOMPARE(question.pinnedAt, std::optional(kStart.addSecs(100)));
        QVERIFY(!question.answeredAt);
    }

    void leavingMergedClearsMergedIntoAndSettingMergedDirectlyIsRefused()
    {
        const qint64 into = ask(u"How fast is uv?"_s);
        const qint64 from = ask(u"Is uv fast?"_s);
        QVERIFY(!m_questions->setState(from, Question::State::Merged, kStart));
        QCOMPARE(m_questions->question(from).value()->question.state, Question::State::Shown);

        QVERIFY(m_questions->merge(from, into));
        QVERIFY(m_questions->setState(from, Question::State::Shown, kStart));
        const Question question = m_questions->question(from).value()->question;
        QCOMPARE(question.state, Question::State::Shown);
        QVERIFY(!question.mergedInto);
    }

    void unknownQuestionIdsAreErrors()
    {
        const qint64 known = ask(u"Why uv?"_s);
        const qint64 unknown = known + 1000;
        const QString device = newDevice();
        QVERIFY(!m_questions->question(unknown).value());

        const Result<> state = m_questions->setState(unknown, Question::State::Hidden, kStart);
        QVERIFY(!state);
        QVERIFY2(state.error().contains(u"no question %1"_s.arg(unknown)), qPrintable(state.error()));
        const Result<bool> upvote = m_questions->upvote(unknown, device);
        QVERIFY(!upvote);
        QVERIFY2(upvote.error().contains(u"no question %1"_s.arg(unknown)), qPrintable(upvote.error()));
        const Result<bool> removal = m_questions->removeUpvote(unknown, device);
        QVERIFY(!removal);
        QVERIFY2(removal.error().contains(u"no question %1"_s.arg(unknown)), qPrintable(removal.error()));
        const Result<> merged = m_questions->merge(unknown, known);
        QVERIFY(!merged);
        QVERIFY2(merged.error().contains(u"no question %1"_s.arg(unknown)), qPrintable(merged.error()));
    }

    void upvotersOfASessionAreReadAtOnce()
    {
        const qint64 first = ask(u"First?"_s, 0, 0);
        const qint64 unvoted = ask(u"No votes?"_s, 0, 1);
        const qint64 other = ask(u"Other session?"_s, 1, 2);
        const QString a = newDevice();
        const QString b = newDevice();
        upvoteAll(first, {a, b});
        upvoteAll(other, {a});

        const Result<QHash<qint64, QSet<QString>>> upvoters = m_questions->upvoters(0);
        QVERIFY2(upvoters, qPrintable(upvoters ? QString() : upvoters.error()));
        QCOMPARE(*upvoters, (QHash<qint64, QSet<QString>>{{first, {a, b}}}));
        QVERIFY(!upvoters->contains(unvoted));
        QCOMPARE(m_questions->upvoters(1).value(), (QHash<qint64, QSet<QString>>{{other, {a}}}));
        QVERIFY(m_questions->upvoters(5).value().isEmpty());
    }

    void writeStatesRecordsStatesAndTimesExactly()
    {
        const qint64 first = ask(u"First?"_s, 0, 0);
        ask(u"Second?"_s, 0, 1);
        const qint64 into = ask(u"Into?"_s, 0, 2);
        upvoteAll(first, {newDevice()});
        QVERIFY(m_questions->setState(first, Question::State::Pinned, kStart.addSecs(30)));
        const QList<QuestionRecord> before = m_questions->questions(0).value();

        Question answered = before.at(0).question;
        answered.state = Question::State::Answered;
        answered.answeredAt = kStart.addMSecs(95'123);
        Question merged = before.at(1).question;
        merged.state = Question::State::Merged;
        merged.mergedInto = into;
        merged.pinnedAt = kStart.addSecs(5); // times as given, even for states that do not set them
        const Result<> written = m_questions->writeStates({answered, merged});
        QVERIFY2(written, qPrintable(written ? QString() : written.error()));

        const QList<QuestionRecord> after = m_questions->questions(0).value();
        QCOMPARE(after.at(0).question, answered);
        QCOMPARE(after.at(0).votes, 1);
        QCOMPARE(after.at(1).question, merged);
        QCOMPARE(after.at(2), before.at(2));

        // And back, exactly: what an undo does.
        QVERIFY(m_questions->writeStates({before.at(0).question, before.at(1).question}));
        QCOMPARE(m_questions->questions(0).value(), before);
        QVERIFY(m_questions->writeStates({})); // nothing to write is no error
    }

    void writeStatesIsAllOrNothing_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown question") << u"unknown"_s << u"no question 4242"_s;
        QTest::newRow("merged without a target") << u"merged"_s << u"question"_s;
    }

    void writeStatesIsAllOrNothing()
    {
        QFETCH(QString, which);
        QFETCH(QString, messagePart);
        ask(u"First?"_s, 0, 0);
        ask(u"Second?"_s, 0, 1);
        const QList<QuestionRecord> before = m_questions->questions(0).value();
        Question hidden = before.at(0).question;
        hidden.state = Question::State::Hidden;
        Question bad = before.at(1).question;
        if (which == u"unknown")
            bad.id = 4242;
        else
            bad.state = Question::State::Merged; // the schema wants mergedInto with it
        const Result<> written = m_questions->writeStates({hidden, bad});
        QVERIFY(!written);
        QVERIFY2(written.error().contains(messagePart), qPrintable(written.error()));
        QCOMPARE(m_questions->questions(0).value(), before);
    }

    void upvoteFromAnUnknownDeviceIsAnError()
    {
        const qint64 id = ask(u"Why uv?"_s);
        QVERIFY(!m_questions->upvote(id, u"not-a-device"_s));
        QCOMPARE(votes(id), 0);
    }
};

QTEST_GUILESS_MAIN(TestQuestionStore)

#include "tst_questionstore.moc"
