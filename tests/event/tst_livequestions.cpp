#include "event/livequestions.h"
#include "model/question.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/questionstore.h"
#include "storage/settingsstore.h"
#include "timer/clock.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

using State = Question::State;

namespace {

/** The message of a failed Result, for QVERIFY2 (which evaluates its message even when the check passes). */
template<class T>
QByteArray reason(const Result<T> &result)
{
    return result ? QByteArray() : result.error().toLocal8Bit();
}

/** The ids carried by each questionsChanged() a spy saw. */
QList<QList<qint64>> changedIds(const QSignalSpy &spy)
{
    QList<QList<qint64>> ids;
    for (const QList<QVariant> &arguments : spy)
        ids.append(arguments.at(0).value<QList<qint64>>());
    return ids;
}

/** What a moderation command does, by name: for table-driven tests. */
using Command = std::function<Result<>(LiveQuestions &, qint64 id)>;

Command commandNamed(const QString &name)
{
    if (name == u"approve")
        return [](LiveQuestions &q, qint64 id) { return q.approve(id); };
    if (name == u"hide")
        return [](LiveQuestions &q, qint64 id) { return q.hide(id); };
    if (name == u"answer")
        return [](LiveQuestions &q, qint64 id) { return q.markAnswered(id); };
    if (name == u"pin")
        return [](LiveQuestions &q, qint64 id) { return q.pin(id); };
    if (name == u"unpin")
        return [](LiveQuestions &q, qint64 id) { return q.unpin(id); };
    return {};
}

const QList<std::pair<State, QString>> kStates = {
    {State::Waiting, u"waiting"_s},     {State::Shown, u"shown"_s},           {State::Pinned, u"pinned"_s},
    {State::Answered, u"answered"_s},   {State::Hidden, u"hidden"_s},         {State::Merged, u"merged"_s},
    {State::Withdrawn, u"withdrawn"_s}, {State::Unanswered, u"unanswered"_s},
};

} // namespace

class TestLiveQuestions : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<DeviceStore> m_devices;
    std::unique_ptr<QuestionStore> m_store;
    std::unique_ptr<LiveQuestions> m_questions;

    QString databasePath() const { return m_dir->filePath(u"event.sqlite"_s); }

    QString newDevice() { return m_devices->createDevice(m_clock.now()).value_or(QString()); }

    /** Asks and returns the new id (0, with a warning, when refused). */
    qint64 ask(const QString &device, const QString &text, const QString &name = {})
    {
        const Result<QuestionRecord> asked = m_questions->ask(device, text, name);
        if (!asked) {
            qWarning("ask refused: %s", qPrintable(asked.error()));
            return 0;
        }
        return asked->question.id;
    }

    State stateOf(qint64 id) const { return m_questions->question(id).value_or(QuestionRecord{}).question.state; }
    int votesOf(qint64 id) const { return m_questions->question(id).value_or(QuestionRecord{}).votes; }

    /** What the database holds for the session: memory must agree with it after every command. */
    QList<QuestionRecord> stored(int sessionIndex = 0) const { return m_store->questions(sessionIndex).value(); }

    void upvoteBy(qint64 id, const QStringList &devices)
    {
        for (const QString &device : devices) {
            const Result<bool> upvoted = m_questions->setUpvoted(device, id, true);
            QVERIFY2(upvoted, reason(upvoted).constData());
            QVERIFY(*upvoted);
        }
    }

    /** Moves question id (asked by author) to state through the commands; other is a second question to merge into. */
    Result<> bringTo(qint64 id, const QString &author, qint64 other, State state)
    {
        switch (state) {
        case State::Waiting:
        case State::Shown:
            return {};
        case State::Pinned:
            return m_questions->pin(id);
        case State::Answered:
            return m_questions->markAnswered(id);
        case State::Hidden:
            return m_questions->hide(id);
        case State::Merged:
            return m_questions->merge(id, other);
        case State::Withdrawn:
            return m_questions->withdraw(author, id);
        case State::Unanswered:
            return m_questions->endSession();
        }
        return fail(u"unknown state"_s);
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_database = std::make_unique<Database>();
        const Result<> opened = m_database->open(databasePath());
        QVERIFY2(opened, reason(opened).constData());
        m_devices = std::make_unique<DeviceStore>(*m_database);
        m_store = std::make_unique<QuestionStore>(*m_database);
        m_questions = std::make_unique<LiveQuestions>(*m_database, m_clock);
        const Result<> loaded = m_questions->load(0);
        QVERIFY2(loaded, reason(loaded).constData());
    }

    void cleanup()
    {
        m_questions.reset();
        m_store.reset();
        m_devices.reset();
        m_database.reset();
        m_dir.reset();
    }

    // Asking

    void anAskedQuestionIsShownStoredAndSignalledOnce()
    {
        const QString device = newDevice();
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);
        m_clock.advance(90s);
        const Result<QuestionRecord> asked = m_questions->ask(device, u"  Is uv\u202E fast?\n"_s, u" Aiko\u200B "_s);
        QVERIFY2(asked, reason(asked).constData());
        const Question &question = asked->question;
        QVERIFY(question.id > 0);
        QCOMPARE(question.state, State::Shown);
        QCOMPARE(question.text, u"Is uv fast?"_s);
        QCOMPARE(question.displayName, u"Aiko"_s);
        QCOMPARE(question.deviceToken, device);
        QCOMPARE(question.sessionIndex, 0);
        QCOMPARE(question.createdAt, std::optional(m_clock.now()));
        QVERIFY(!question.pinnedAt && !question.answeredAt && !question.mergedInto);
        QCOMPARE(asked->votes, 0);

        QCOMPARE(m_questions->questions(), QList<QuestionRecord>{*asked});
        QCOMPARE(stored(), m_questions->questions());
        QCOMPARE(changedIds(changed), QList<QList<qint64>>{{question.id}});
        QCOMPARE(m_questions->queue(), QList<QuestionRecord>{*asked});
    }

    void anonymousQuestionsHaveAnEmptyName()
    {
        const Result<QuestionRecord> asked = m_questions->ask(newDevice(), u"Why?"_s);
        QVERIFY2(asked, reason(asked).constData());
        QVERIFY(asked->question.displayName.isEmpty());
        QCOMPARE(stored().constFirst().question.displayName, QString());
    }

    void questionsWaitForApprovalWhenTheRulesSaySo_data()
    {
        QTest::addColumn<bool>("approval");
        QTest::addColumn<bool>("deviceBlocked");
        QTest::addColumn<QStringList>("blockedWords");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<State>("expected");
        const QStringList spam{u"spam"_s};
        QTest::newRow("no rule") << false << false << spam << u"Why uv?"_s << QString() << State::Shown;
        QTest::newRow("approval queue on")
            << true << false << QStringList() << u"Why uv?"_s << QString() << State::Waiting;
        QTest::newRow("blocked device") << false << true << QStringList() << u"Why uv?"_s << QString()
                                        << State::Waiting;
        QTest::newRow("blocked word") << false << false << spam << u"Buy spam now"_s << QString() << State::Waiting;
        QTest::newRow("blocked word, other case")
            << false << false << spam << u"Buy SpAm now"_s << QString() << State::Waiting;
        QTest::newRow("blocked word inside a word")
            << false << false << spam << u"antispammer?"_s << QString() << State::Waiting;
        QTest::newRow("blocked word in full-width letters (NFKC)")
            << false << false << spam << u"Buy \uFF53\uFF50\uFF41\uFF4D"_s << QString() << State::Waiting;
        QTest::newRow("blocked word with a ligature (NFKC)")
            << false << false << QStringList{u"fish"_s} << u"Any \uFB01sh?"_s << QString() << State::Waiting;
        QTest::newRow("blocked word typed upper case")
            << false << false << QStringList{u"SPAM"_s} << u"spam?"_s << QString() << State::Waiting;
        QTest::newRow("blocked word with sharp s (case folding)")
            << false << false << QStringList{u"STRASSE"_s} << u"Welche Stra\u00DFe?"_s << QString() << State::Waiting;
        QTest::newRow("blocked word split by a zero-width space")
            << false << false << spam << u"sp\u200Bam"_s << QString() << State::Waiting;
        QTest::newRow("blocked word with accents composed differently")
            << false << false << QStringList{u"caf\u00E9"_s} << u"Cafe\u0301 later?"_s << QString() << State::Waiting;
        QTest::newRow("blocked word in the name")
            << false << false << spam << u"Why uv?"_s << u"Mr Spam"_s << State::Waiting;
        QTest::newRow("letters apart") << false << false << spam << u"spa m?"_s << QString() << State::Shown;
    }

    void questionsWaitForApprovalWhenTheRulesSaySo()
    {
        QFETCH(bool, approval);
        QFETCH(bool, deviceBlocked);
        QFETCH(QStringList, blockedWords);
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(State, expected);
        const QString device = newDevice();
        if (deviceBlocked) {
            const qint64 earlier = ask(device, u"An earlier question"_s);
            QVERIFY(m_questions->setAuthorBlocked(earlier, true));
        }
        QVERIFY(m_questions->setApprovalRequired(approval));
        QVERIFY(m_questions->setBlockedWords(blockedWords));
        const Result<QuestionRecord> asked = m_questions->ask(device, text, name);
        QVERIFY2(asked, reason(asked).constData());
        QCOMPARE(asked->question.state, expected);
        QCOMPARE(stateOf(asked->question.id), expected);
        QCOMPARE(stored().constLast().question.state, expected);
        // Another device, with a harmless question, is not held back by a blocked device or word.
        if (!approval)
            QCOMPARE(m_questions->ask(newDevice(), u"Why uv?"_s)->question.state, State::Shown);
    }

    void hostileTextIsStoredExactlyAsNormalised_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("kept");
        QTest::newRow("script tag") << u"<script>alert(1)</script>"_s << u"<script>alert(1)</script>"_s;
        QTest::newRow("img onerror") << u"<img src=x onerror=alert(document.cookie)>"_s
                                     << u"<img src=x onerror=alert(document.cookie)>"_s;
        QTest::newRow("attribute breakout") << u"\"><svg/onload=alert(1)>"_s << u"\"><svg/onload=alert(1)>"_s;
        QTest::newRow("javascript URL") << u"javascript:alert(1)//"_s << u"javascript:alert(1)//"_s;
        QTest::newRow("template injection")
            << u"{{constructor.constructor('alert(1)')()}}"_s << u"{{constructor.constructor('alert(1)')()}}"_s;
        QTest::newRow("SQL") << u"'); DROP TABLE questions; --"_s << u"'); DROP TABLE questions; --"_s;
        QTest::newRow("HTML entities") << u"&lt;b&gt; &amp; &#x202E;"_s << u"&lt;b&gt; &amp; &#x202E;"_s;
        QTest::newRow("RTL override") << u"Is this \u202Etxt.exe\u202C safe?"_s << u"Is this txt.exe safe?"_s;
        QTest::newRow("RTL isolate and marks") << u"\u2067abc\u2069 \u200Fdef"_s << u"abc def"_s;
        QTest::newRow("zero-width characters") << u"z\u200Bero\u2060 w\uFEFFidth"_s << u"zero width"_s;
        QTest::newRow("zero-width joiner alone kept") << u"a\u200Db"_s << u"a\u200Db"_s;
        QTest::newRow("control characters") << u"bell\u0007 esc\u001B[31m"_s << u"bell esc[31m"_s;
        QTest::newRow("emoji") << u"Great talk \U0001F44D\U0001F3FD!"_s << u"Great talk \U0001F44D\U0001F3FD!"_s;
        QTest::newRow("emoji ZWJ family") << u"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 kids?"_s
                                          << u"\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 kids?"_s;
        QTest::newRow("emoji ZWJ profession")
            << u"\U0001F469\U0001F3FF\u200D\U0001F4BB"_s << u"\U0001F469\U0001F3FF\u200D\U0001F4BB"_s;
        QTest::newRow("flags") << u"\U0001F1EF\U0001F1F5 \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063"
                                  "\U000E0074\U000E007F"_s
                               << u"\U0001F1EF\U0001F1F5 \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063"
                                  "\U000E0074\U000E007F"_s;
        QTest::newRow("Japanese") << u"型ヒントは本番でも役に立ちますか？"_s << u"型ヒントは本番でも役に立ちますか？"_s;
        QTest::newRow("Japanese decomposed (NFC)")
            << u"\u30CF\u309A\u30A4\u30BD\u3099\u30F3"_s << u"\u30D1\u30A4\u30BE\u30F3"_s;
        QTest::newRow("Arabic with its own direction") << u"هل uv سريع؟"_s << u"هل uv سريع؟"_s;
        QTest::newRow("combining accents (NFC)") << u"Cafe\u0301 na\u0131\u0308ve"_s << u"Caf\u00E9 na\u0131\u0308ve"_s;
        QTest::newRow("300 characters exactly") << u"x"_s.repeated(300) << u"x"_s.repeated(300);
    }

    void hostileTextIsStoredExactlyAsNormalised()
    {
        QFETCH(QString, typed);
        QFETCH(QString, kept);
        const QString device = newDevice();
        const Result<QuestionRecord> asked = m_questions->ask(device, typed, u"<b>Eve</b>\u202E"_s);
        QVERIFY2(asked, reason(asked).constData());
        QCOMPARE(asked->question.text, kept);
        QCOMPARE(asked->question.displayName, u"<b>Eve</b>"_s);
        // What the server checks against is what is stored.
        QCOMPARE(normalizeQuestionText(typed).value(), kept);
        const QuestionRecord read = *m_store->question(asked->question.id).value();
        QCOMPARE(read.question.text, kept);
        QCOMPARE(read.question.displayName, u"<b>Eve</b>"_s);

        LiveQuestions reread(*m_database, m_clock);
        QVERIFY(reread.load(0));
        QCOMPARE(reread.questions(), m_questions->questions());
    }

    void emptyOrOverlongQuestionsAreRefusedAndNothingIsStored_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("spaces and line breaks") << u" \n\t\u3000 "_s << QString();
        QTest::newRow("only invisible characters") << u"\u202E\u200B\u2066\uFEFF\u0000"_s << QString();
        QTest::newRow("301 characters") << u"x"_s.repeated(301) << QString();
        QTest::newRow("301 emoji") << u"\U0001F600"_s.repeated(301) << QString();
        QTest::newRow("10 kB") << u"<script>alert(1)</script>"_s.repeated(410) << QString();
        QTest::newRow("name of 41 characters") << u"Why?"_s << u"n"_s.repeated(41);
    }

    void emptyOrOverlongQuestionsAreRefusedAndNothingIsStored()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);
        const Result<QuestionRecord> asked = m_questions->ask(newDevice(), text, name);
        QVERIFY(!asked);
        // The same words the normalisation gives: the server maps them to its reasons with the same functions.
        const Result<QString> textCheck = normalizeQuestionText(text);
        const QString expected = textCheck ? normalizeDisplayName(name).error() : textCheck.error();
        QCOMPARE(asked.error(), expected);
        QVERIFY(m_questions->questions().isEmpty());
        QVERIFY(stored().isEmpty());
        QCOMPARE(changed.size(), 0);
    }

    void askingBeforeLoadIsRefused()
    {
        LiveQuestions unloaded(*m_database, m_clock);
        QCOMPARE(unloaded.sessionIndex(), -1);
        const Result<QuestionRecord> asked = unloaded.ask(newDevice(), u"Why?"_s);
        QVERIFY(!asked);
        QVERIFY(stored().isEmpty());
    }

    // Withdrawing

    void theAuthorWithdrawsOwnQuestionsOnly()
    {
        const QString author = newDevice();
        const QString other = newDevice();
        const qint64 id = ask(author, u"Why uv?"_s);
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);

        const Result<> notYours = m_questions->withdraw(other, id);
        QVERIFY(!notYours);
        QVERIFY2(notYours.error().contains(u"only its author"_s), reason(notYours).constData());
        QCOMPARE(stateOf(id), State::Shown);
        QCOMPARE(changed.size(), 0);

        const Result<> withdrawn = m_questions->withdraw(author, id);
        QVERIFY2(withdrawn, reason(withdrawn).constData());
        QCOMPARE(stateOf(id), State::Withdrawn);
        QCOMPARE(stored().constFirst().question.state, State::Withdrawn);
        QCOMPARE(changedIds(changed), QList<QList<qint64>>{{id}});
        QVERIFY(m_questions->queue().isEmpty());
        QVERIFY(!m_questions->withdraw(author, id + 100));
    }

    void withdrawingDependsOnTheState_data()
    {
        QTest::addColumn<State>("from");
        QTest::addColumn<bool>("allowed");
        for (const auto &[state, name] : kStates) {
            const bool allowed = state == State::Waiting || state == State::Shown || state == State::Pinned;
            QTest::newRow(qPrintable(name)) << state << allowed;
        }
    }

    void withdrawingDependsOnTheState()
    {
        QFETCH(State, from);
        QFETCH(bool, allowed);
        const QString author = newDevice();
        QVERIFY(m_questions->setApprovalRequired(from == State::Waiting));
        const qint64 id = ask(author, u"Why uv?"_s);
        const qint64 other = ask(newDevice(), u"Why Nix?"_s);
        QVERIFY(bringTo(id, author, other, from));
        QCOMPARE(stateOf(id), from);
        const Result<> withdrawn = m_questions->withdraw(author, id);
        QCOMPARE(bool(withdrawn), allowed);
        QCOMPARE(stateOf(id), allowed ? State::Withdrawn : from);
        QCOMPARE(stored(), m_questions->questions());
        if (allowed)
            QVERIFY(!m_questions->pinnedId());
    }

    // Upvotes

    void aDeviceUpvotesOnceAndCanTakeItBack()
    {
        const qint64 id = ask(newDevice(), u"Why uv?"_s);
        const QString voter = newDevice();
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);

        QCOMPARE(m_questions->setUpvoted(voter, id, true), Result<bool>(true));
        QCOMPARE(votesOf(id), 1);
        QVERIFY(m_questions->hasUpvoted(id, voter));
        QCOMPARE(m_questions->upvotedBy(voter), QSet<qint64>{id});
        // The same upvote again, as a phone resending it or a double tap: nothing changes, nothing is signalled.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_questions->setUpvoted(voter, id, true), Result<bool>(false));
        QCOMPARE(votesOf(id), 1);
        QCOMPARE(stored().constFirst().votes, 1);
        QCOMPARE(changedIds(changed), QList<QList<qint64>>{{id}});

        upvoteBy(id, {newDevice(), newDevice()});
        QCOMPARE(votesOf(id), 3);
        QCOMPARE(m_questions->setUpvoted(voter, id, false), Result<bool>(true));
        QCOMPARE(m_questions->setUpvoted(voter, id, false), Result<bool>(false));
        QCOMPARE(votesOf(id), 2);
        QVERIFY(!m_questions->hasUpvoted(id, voter));
        QVERIFY(m_questions->upvotedBy(voter).isEmpty());
        QCOMPARE(stored(), m_questions->questions());
        QCOMPARE(changed.size(), 4);
    }

    void onlyShownAndPinnedQuestionsCanBeUpvoted_data()
    {
        QTest::addColumn<State>("state");
        QTest::addColumn<bool>("allowed");
        for (const auto &[state, name] : kStates)
            QTest::newRow(qPrintable(name)) << state << (state == State::Shown || state == State::Pinned);
    }

    void onlyShownAndPinnedQuestionsCanBeUpvoted()
    {
        QFETCH(State, state);
        QFETCH(bool, allowed);
        const QString author = newDevice();
        QVERIFY(m_questions->setApprovalRequired(state == State::Waiting));
        const qint64 id = ask(author, u"Why uv?"_s);
        const qint64 other = ask(newDevice(), u"Why Nix?"_s);
        QVERIFY(bringTo(id, author, other, state));
        QCOMPARE(stateOf(id), state);
        const QString voter = newDevice();
        const Result<bool> upvoted = m_questions->setUpvoted(voter, id, true);
        QCOMPARE(bool(upvoted), allowed);
        if (!allowed)
            QVERIFY2(upvoted.error().contains(u"only shown and pinned"_s), reason(upvoted).constData());
        QCOMPARE(votesOf(id), allowed ? 1 : 0);
        QCOMPARE(stored(), m_questions->questions());
    }

    void aQuestionOfAnotherSessionCannotBeUpvoted()
    {
        LiveQuestions secondSession(*m_database, m_clock);
        QVERIFY(secondSession.load(1));
        const qint64 elsewhere = secondSession.ask(newDevice(), u"Later?"_s)->question.id;
        const Result<bool> upvoted = m_questions->setUpvoted(newDevice(), elsewhere, true);
        QVERIFY(!upvoted);
        QVERIFY2(upvoted.error().contains(u"no question %1 in this session"_s.arg(elsewhere)),
                 reason(upvoted).constData());
        QCOMPARE(m_store->question(elsewhere).value()->votes, 0);
        QVERIFY(!m_questions->setUpvoted(newDevice(), 4242, true));
    }

    // Moderation

    void moderationCommandsFollowTheStateTable_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<State>("from");
        QTest::addColumn<std::optional<State>>("to"); // nothing: refused
        const std::optional<State> refused;
        const QHash<QString, std::function<std::optional<State>(State)>> table = {
            {u"approve"_s,
             [&](State s) {
                 return s == State::Waiting || s == State::Hidden || s == State::Shown ? std::optional(State::Shown)
                                                                                       : refused;
             }},
            {u"hide"_s,
             [&](State s) {
                 return s == State::Merged || s == State::Withdrawn ? refused : std::optional(State::Hidden);
             }},
            {u"answer"_s,
             [&](State s) {
                 return s == State::Shown || s == State::Pinned || s == State::Waiting || s == State::Unanswered ||
                                s == State::Answered
                            ? std::optional(State::Answered)
                            : refused;
             }},
            {u"pin"_s,
             [&](State s) {
                 return s == State::Shown || s == State::Waiting || s == State::Pinned ? std::optional(State::Pinned)
                                                                                       : refused;
             }},
            {u"unpin"_s,
             [&](State s) { return s == State::Pinned || s == State::Shown ? std::optional(State::Shown) : refused; }},
        };
        for (const QString &command : {u"approve"_s, u"hide"_s, u"answer"_s, u"pin"_s, u"unpin"_s}) {
            for (const auto &[state, name] : kStates)
                QTest::addRow("%s %s", qPrintable(command), qPrintable(name))
                    << command << state << table.value(command)(state);
        }
    }

    void moderationCommandsFollowTheStateTable()
    {
        QFETCH(QString, command);
        QFETCH(State, from);
        QFETCH(std::optional<State>, to);
        const QString author = newDevice();
        QVERIFY(m_questions->setApprovalRequired(from == State::Waiting));
        const qint64 id = ask(author, u"Why uv?"_s);
        const qint64 other = ask(newDevice(), u"Why Nix?"_s);
        const Result<> prepared = bringTo(id, author, other, from);
        QVERIFY2(prepared, reason(prepared).constData());
        QCOMPARE(stateOf(id), from);
        const QList<QuestionRecord> before = m_questions->questions();
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);

        m_clock.advance(1min);
        // The rules alone (what the server asks before acting) say what the command then does.
        const QHash<QString, LiveQuestions::Moderation> moderations = {
            {u"approve"_s, LiveQuestions::Moderation::Approve},
            {u"hide"_s, LiveQuestions::Moderation::Hide},
            {u"answer"_s, LiveQuestions::Moderation::MarkAnswered},
            {u"pin"_s, LiveQuestions::Moderation::Pin},
            {u"unpin"_s, LiveQuestions::Moderation::Unpin}};
        QCOMPARE(m_questions->mayModerate(moderations.value(command), id).has_value(), to.has_value());
        const Result<> result = commandNamed(command)(*m_questions, id);
        QCOMPARE(stored(), m_questions->questions());
        if (!to) {
            QVERIFY(!result);
            QVERIFY2(result.error().contains(u"Question %1 cannot be"_s.arg(id)), reason(result).constData());
            QCOMPARE(m_questions->questions(), before);
            QCOMPARE(changed.size(), 0);
            return;
        }
        QVERIFY2(result, reason(result).constData());
        QCOMPARE(stateOf(id), *to);
        if (from == *to) {
            // Already there (two moderators pressing the same button): nothing changes, nothing is signalled.
            QCOMPARE(m_questions->questions(), before);
            QCOMPARE(changed.size(), 0);
            return;
        }
        QCOMPARE(changedIds(changed), QList<QList<qint64>>{{id}});
        const Question question = m_questions->question(id)->question;
        if (*to == State::Pinned) {
            QCOMPARE(question.pinnedAt, std::optional(m_clock.now()));
            QVERIFY(!question.answeredAt);
        }
        if (*to == State::Answered)
            QCOMPARE(question.answeredAt, std::optional(m_clock.now()));
        QVERIFY(!question.mergedInto);
    }

    void pinningAnotherQuestionPutsThePinnedOneBack()
    {
        const qint64 first = ask(newDevice(), u"First?"_s);
        const qint64 second = ask(newDevice(), u"Second?"_s);
        QVERIFY(m_questions->pin(first));
        QCOMPARE(m_questions->pinnedId(), std::optional(first));
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);
        m_clock.advance(30s);
        QVERIFY(m_questions->pin(second));
        QCOMPARE(m_questions->pinnedId(), std::optional(second));
        QCOMPARE(stateOf(first), State::Shown);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(QSet<qint64>(changedIds(changed).constFirst().cbegin(), changedIds(changed).constFirst().cend()),
                 (QSet<qint64>{first, second}));
        QCOMPARE(m_questions->queue().constFirst().question.id, second);
        QCOMPARE(stored(), m_questions->questions());
    }

    void answeringRecordsTheTimeSpentSincePinning()
    {
        const qint64 id = ask(newDevice(), u"Why uv?"_s);
        m_clock.advance(10s);
        const QDateTime pinnedAt = m_clock.now();
        QVERIFY(m_questions->pin(id));
        m_clock.advance(75s);
        QVERIFY(m_questions->markAnswered(id));
        const Question question = m_questions->question(id)->question;
        QCOMPARE(question.pinnedAt, std::optional(pinnedAt));
        QCOMPARE(question.answeredAt, std::optional(m_clock.now()));
        QCOMPARE(meanAnswerTime(m_questions->questions()), milliseconds(75s));
    }

    void answeringAfterUnpinningDoesNotCountTheTimeOffScreen()
    {
        const qint64 id = ask(newDevice(), u"Why uv?"_s);
        QVERIFY(m_questions->pin(id));
        m_clock.advance(30s);
        QVERIFY(m_questions->unpin(id));
        QVERIFY(!m_questions->question(id)->question.pinnedAt);
        m_clock.advance(20min);
        QVERIFY(m_questions->markAnswered(id));
        // Answered without being on screen: no answering time, so the default stands.
        QCOMPARE(meanAnswerTime(m_questions->questions()), QuestionTimeFit::kDefaultTimePerQuestion);
    }

    void theQueueIsPinnedFirstThenByVotesThenByAge()
    {
        const qint64 old = ask(newDevice(), u"Old, one vote"_s);
        m_clock.advance(1s);
        const qint64 popular = ask(newDevice(), u"Two votes"_s);
        m_clock.advance(1s);
        const qint64 tie = ask(newDevice(), u"Two votes, later"_s);
        m_clock.advance(1s);
        const qint64 pinned = ask(newDevice(), u"Pinned, no votes"_s);
        const qint64 hidden = ask(newDevice(), u"Hidden, many votes"_s);
        QVERIFY(m_questions->setApprovalRequired(true));
        const qint64 waiting = ask(newDevice(), u"Waiting"_s);
        upvoteBy(old, {newDevice()});
        upvoteBy(tie, {newDevice(), newDevice()});
        upvoteBy(popular, {newDevice(), newDevice()});
        upvoteBy(hidden, {newDevice(), newDevice(), newDevice()});
        QVERIFY(m_questions->hide(hidden));
        QVERIFY(m_questions->pin(pinned));

        QList<qint64> order;
        for (const QuestionRecord &record : m_questions->queue())
            order.append(record.question.id);
        QCOMPARE(order, (QList<qint64>{pinned, popular, tie, old}));
        QVERIFY(!order.contains(waiting));
        QCOMPARE(m_questions->questions().size(), 6); // every state, in the order asked
        QCOMPARE(m_questions->questions().constLast().question.id, waiting);
    }

    void mergeAddsUpvotesOncePerDevice()
    {
        const QString author = newDevice();
        const qint64 into = ask(newDevice(), u"How fast is uv?"_s);
        const qint64 from = ask(author, u"Is uv fast?"_s);
        const QString both = newDevice();
        const QString onlyFrom = newDevice();
        upvoteBy(into, {both, newDevice()});
        upvoteBy(from, {both, onlyFrom});
        QVERIFY(m_questions->pin(from));
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);

        const Result<> merged = m_questions->merge(from, into);
        QVERIFY2(merged, reason(merged).constData());
        QCOMPARE(votesOf(into), 3);
        QCOMPARE(votesOf(from), 0);
        QCOMPARE(stateOf(from), State::Merged);
        QCOMPARE(m_questions->question(from)->question.mergedInto, std::optional(into));
        QCOMPARE(stateOf(into), State::Shown);
        QVERIFY(!m_questions->pinnedId());
        QCOMPARE(m_questions->upvotedBy(onlyFrom), QSet<qint64>{into});
        QCOMPARE(m_questions->upvotedBy(both), QSet<qint64>{into});
        QCOMPARE(changedIds(changed), (QList<QList<qint64>>{{from, into}}));
        QCOMPARE(stored(), m_questions->questions());
        // The moved upvote is the device's one upvote on into.
        QCOMPARE(m_questions->setUpvoted(onlyFrom, into, true), Result<bool>(false));
        // The author of the duplicate can no longer withdraw it.
        QVERIFY(!m_questions->withdraw(author, from));
    }

    void mergeIsRefusedWhenTheStatesDoNotAllowIt_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("into itself") << u"self"_s << u"itself"_s;
        QTest::newRow("withdrawn duplicate") << u"withdrawn from"_s << u"cannot be merged"_s;
        QTest::newRow("into a withdrawn question") << u"withdrawn into"_s << u"cannot be merged into"_s;
        QTest::newRow("merged duplicate") << u"merged from"_s << u"cannot be merged"_s;
        QTest::newRow("into a merged question") << u"merged into"_s << u"cannot be merged into"_s;
        QTest::newRow("another session's") << u"session"_s << u"no question"_s;
        QTest::newRow("unknown") << u"unknown"_s << u"no question 4242"_s;
    }

    void mergeIsRefusedWhenTheStatesDoNotAllowIt()
    {
        QFETCH(QString, which);
        QFETCH(QString, messagePart);
        const QString author = newDevice();
        qint64 from = ask(author, u"Is uv fast?"_s);
        qint64 into = ask(author, u"How fast is uv?"_s);
        const qint64 third = ask(newDevice(), u"Is uv quick?"_s);
        upvoteBy(from, {newDevice()});
        if (which == u"self") {
            into = from;
        } else if (which == u"withdrawn from") {
            QVERIFY(m_questions->withdraw(author, from));
        } else if (which == u"withdrawn into") {
            QVERIFY(m_questions->withdraw(author, into));
        } else if (which == u"merged from") {
            QVERIFY(m_questions->merge(from, third));
        } else if (which == u"merged into") {
            QVERIFY(m_questions->merge(into, third));
        } else if (which == u"session") {
            LiveQuestions secondSession(*m_database, m_clock);
            QVERIFY(secondSession.load(1));
            into = secondSession.ask(author, u"Later?"_s)->question.id;
        } else {
            into = 4242;
        }
        const QList<QuestionRecord> before = m_questions->questions();
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);
        const Result<> permitted = m_questions->mayModerate(LiveQuestions::Moderation::Merge, from, into);
        QVERIFY(!permitted);
        const Result<> merged = m_questions->merge(from, into);
        QVERIFY(!merged);
        QCOMPARE(merged.error(), permitted.error());
        QVERIFY2(merged.error().contains(messagePart), reason(merged).constData());
        QCOMPARE(m_questions->questions(), before);
        QCOMPARE(stored(), before);
        QCOMPARE(changed.size(), 0);
    }

    void blockingAnAuthorSendsOnlyTheirFutureQuestionsToTheQueue()
    {
        const QString troll = newDevice();
        const QString friendly = newDevice();
        const qint64 earlier = ask(troll, u"First!"_s);
        QSignalSpy moderation(m_questions.get(), &LiveQuestions::moderationChanged);
        QVERIFY(m_questions->setAuthorBlocked(earlier, true));
        QVERIFY(m_questions->isDeviceBlocked(troll));
        QVERIFY(!m_questions->isDeviceBlocked(friendly));
        QCOMPARE(stateOf(earlier), State::Shown); // what was asked before stays
        QCOMPARE(moderation.size(), 1);
        QVERIFY(m_questions->setAuthorBlocked(earlier, true)); // again: nothing changes
        QCOMPARE(moderation.size(), 1);

        QCOMPARE(m_questions->ask(troll, u"Second!"_s)->question.state, State::Waiting);
        QCOMPARE(m_questions->ask(friendly, u"Why uv?"_s)->question.state, State::Shown);

        QVERIFY(m_questions->setAuthorBlocked(earlier, false));
        QVERIFY(!m_questions->isDeviceBlocked(troll));
        QCOMPARE(moderation.size(), 2);
        QCOMPARE(m_questions->ask(troll, u"Third!"_s)->question.state, State::Shown);
        QVERIFY(!m_questions->setAuthorBlocked(4242, true));
    }

    void blockedWordsAreTrimmedAndKeptOnce()
    {
        QSignalSpy moderation(m_questions.get(), &LiveQuestions::moderationChanged);
        QVERIFY(m_questions->setBlockedWords({u" spam "_s, QString(), u"  "_s, u"SPAM"_s, u"\uFF53pam"_s, u"eggs"_s}));
        QCOMPARE(m_questions->blockedWords(), (QStringList{u"spam"_s, u"eggs"_s}));
        QCOMPARE(moderation.size(), 1);
        QVERIFY(m_questions->setBlockedWords({u"spam"_s, u"eggs"_s}));
        QCOMPARE(moderation.size(), 1);
        QVERIFY(m_questions->setBlockedWords({}));
        QVERIFY(m_questions->blockedWords().isEmpty());
        QCOMPARE(moderation.size(), 2);
        QCOMPARE(m_questions->ask(newDevice(), u"spam?"_s)->question.state, State::Shown);
    }

    void approvalIsPerSessionAndSignalled()
    {
        QSignalSpy moderation(m_questions.get(), &LiveQuestions::moderationChanged);
        QVERIFY(!m_questions->isApprovalRequired());
        QVERIFY(m_questions->setApprovalRequired(true));
        QVERIFY(m_questions->isApprovalRequired());
        QVERIFY(m_questions->setApprovalRequired(true));
        QCOMPARE(moderation.size(), 1);
        QVERIFY(m_questions->load(1));
        QVERIFY(!m_questions->isApprovalRequired());
        QVERIFY(m_questions->load(0));
        QVERIFY(m_questions->isApprovalRequired());
    }

    // The speaker's keys

    void pinNextAnswersThePinnedAndPinsTheTopOfTheQueue()
    {
        const qint64 one = ask(newDevice(), u"One vote"_s);
        m_clock.advance(1s);
        const qint64 two = ask(newDevice(), u"Two votes"_s);
        m_clock.advance(1s);
        const qint64 twoLater = ask(newDevice(), u"Two votes, asked later"_s);
        upvoteBy(one, {newDevice()});
        upvoteBy(two, {newDevice(), newDevice()});
        upvoteBy(twoLater, {newDevice(), newDevice()});
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);
        QSignalSpy undo(m_questions.get(), &LiveQuestions::undoChanged);

        m_clock.advance(1min);
        const QDateTime firstPin = m_clock.now();
        QVERIFY(m_questions->pinNext());
        QCOMPARE(m_questions->pinnedId(), std::optional(two));
        QCOMPARE(m_questions->question(two)->question.pinnedAt, std::optional(firstPin));
        QCOMPARE(changedIds(changed).constLast(), QList<qint64>{two});
        QVERIFY(m_questions->canUndo());
        QCOMPARE(undo.size(), 1);
        QCOMPARE(undo.at(0).at(0).toBool(), true);

        m_clock.advance(80s);
        QVERIFY(m_questions->pinNext());
        QCOMPARE(stateOf(two), State::Answered);
        QCOMPARE(m_questions->question(two)->question.answeredAt, std::optional(m_clock.now()));
        QCOMPARE(m_questions->question(two)->question.pinnedAt, std::optional(firstPin));
        QCOMPARE(m_questions->pinnedId(), std::optional(twoLater));
        QCOMPARE(changedIds(changed).constLast(), (QList<qint64>{two, twoLater}));
        QCOMPARE(changed.size(), 2);

        m_clock.advance(100s);
        QVERIFY(m_questions->pinNext());
        QCOMPARE(m_questions->pinnedId(), std::optional(one));
        QCOMPARE(meanAnswerTime(m_questions->questions()), milliseconds(90s));

        QVERIFY(m_questions->pinNext()); // the last one answered, nothing left to pin
        QCOMPARE(stateOf(one), State::Answered);
        QVERIFY(!m_questions->pinnedId());
        const Result<> nothing = m_questions->pinNext();
        QVERIFY(!nothing);
        QVERIFY2(nothing.error().contains(u"none is waiting"_s), reason(nothing).constData());
        QCOMPARE(changed.size(), 4);
        QCOMPARE(undo.size(), 1); // canUndo stayed true
        QCOMPARE(stored(), m_questions->questions());
    }

    void unpinCurrentPutsThePinnedQuestionBack()
    {
        const Result<> none = m_questions->unpinCurrent();
        QVERIFY(!none);
        QVERIFY2(none.error().contains(u"No question is pinned"_s), reason(none).constData());
        QVERIFY(!m_questions->canUndo());

        const qint64 id = ask(newDevice(), u"Why uv?"_s);
        QVERIFY(m_questions->pinNext());
        QVERIFY(m_questions->unpinCurrent());
        QCOMPARE(stateOf(id), State::Shown);
        QVERIFY(!m_questions->question(id)->question.answeredAt);
        QVERIFY(!m_questions->pinnedId());
        QCOMPARE(stored(), m_questions->questions());
        QVERIFY(m_questions->canUndo());
    }

    void undoRestoresStatesAndTimesStepByStep()
    {
        const qint64 first = ask(newDevice(), u"First"_s);
        const qint64 second = ask(newDevice(), u"Second"_s);
        upvoteBy(first, {newDevice()});
        m_clock.advance(1min);
        QVERIFY(m_questions->pinNext()); // first pinned
        const QList<QuestionRecord> afterFirstStep = m_questions->questions();
        m_clock.advance(2min);
        QVERIFY(m_questions->pinNext()); // first answered, second pinned
        m_clock.advance(1min);
        QVERIFY(m_questions->unpinCurrent()); // second back to shown, keeping its pin time
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);
        QSignalSpy undo(m_questions.get(), &LiveQuestions::undoChanged);

        QVERIFY(m_questions->undo()); // second pinned again, with its pin time
        QCOMPARE(m_questions->pinnedId(), std::optional(second));
        QCOMPARE(changedIds(changed).constLast(), QList<qint64>{second});
        QVERIFY(m_questions->undo()); // first pinned, unanswered, second shown without a pin time
        QCOMPARE(m_questions->questions(), afterFirstStep);
        QCOMPARE(stored(), afterFirstStep);
        QVERIFY(!m_questions->question(second)->question.pinnedAt);
        QVERIFY(!m_questions->question(first)->question.answeredAt);
        QCOMPARE(changedIds(changed).constLast(), (QList<qint64>{first, second}));
        QCOMPARE(undo.size(), 0);

        QVERIFY(m_questions->undo()); // first shown, as asked
        QCOMPARE(stateOf(first), State::Shown);
        QVERIFY(!m_questions->question(first)->question.pinnedAt);
        QVERIFY(!m_questions->canUndo());
        QCOMPARE(undo.size(), 1);
        QCOMPARE(undo.at(0).at(0).toBool(), false);
        const Result<> nothing = m_questions->undo();
        QVERIFY(!nothing);
        QCOMPARE(changed.size(), 3);
        QCOMPARE(stored(), m_questions->questions());
    }

    void undoIsRefusedAndForgottenAfterAModeratorChange()
    {
        const qint64 first = ask(newDevice(), u"First"_s);
        ask(newDevice(), u"Second"_s);
        QVERIFY(m_questions->pinNext()); // first pinned: an earlier step to keep
        QVERIFY(m_questions->pinNext()); // first answered, second pinned
        const qint64 second = *m_questions->pinnedId();
        QVERIFY(m_questions->hide(second)); // the moderator acts on it
        const QList<QuestionRecord> before = m_questions->questions();
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);

        const Result<> undone = m_questions->undo();
        QVERIFY(!undone);
        QVERIFY2(undone.error().contains(u"changed since"_s), reason(undone).constData());
        QCOMPARE(m_questions->questions(), before);
        QCOMPARE(changed.size(), 0);
        // The refused step is forgotten; the one before it is still there, and also refused: first was answered.
        QVERIFY(m_questions->canUndo());
        QVERIFY(!m_questions->undo());
        QCOMPARE(stateOf(first), State::Answered);
        QVERIFY(!m_questions->canUndo());
    }

    void undoIsRefusedWhenItWouldPinASecondQuestion()
    {
        const qint64 first = ask(newDevice(), u"First"_s);
        const qint64 second = ask(newDevice(), u"Second"_s);
        QVERIFY(m_questions->pinNext());
        QVERIFY(m_questions->unpinCurrent());
        QVERIFY(m_questions->pin(second)); // a moderator pins another; first is untouched
        const Result<> undone = m_questions->undo();
        QVERIFY(!undone);
        QVERIFY2(undone.error().contains(u"pinned since"_s), reason(undone).constData());
        QCOMPARE(m_questions->pinnedId(), std::optional(second));
        QCOMPARE(stateOf(first), State::Shown);
    }

    void upvotesSinceDoNotBlockUndo()
    {
        const qint64 id = ask(newDevice(), u"Why uv?"_s);
        QVERIFY(m_questions->pinNext());
        upvoteBy(id, {newDevice()});
        QVERIFY(m_questions->undo());
        QCOMPARE(stateOf(id), State::Shown);
        QCOMPARE(votesOf(id), 1);
    }

    void undoKeepsTheLastStepsOnly()
    {
        ask(newDevice(), u"Why uv?"_s);
        for (int i = 0; i < LiveQuestions::kUndoDepth + 5; ++i) {
            QVERIFY(m_questions->pinNext());
            QVERIFY(m_questions->unpinCurrent());
        }
        int undone = 0;
        while (m_questions->canUndo()) {
            QVERIFY(m_questions->undo());
            ++undone;
        }
        QCOMPARE(undone, LiveQuestions::kUndoDepth);
    }

    void endingTheSessionLeavesShownAndPinnedQuestionsUnanswered()
    {
        const QString author = newDevice();
        const qint64 shown = ask(author, u"Shown"_s);
        const qint64 pinned = ask(author, u"Pinned"_s);
        const qint64 answered = ask(author, u"Answered"_s);
        const qint64 hidden = ask(author, u"Hidden"_s);
        const qint64 withdrawn = ask(author, u"Withdrawn"_s);
        QVERIFY(m_questions->setApprovalRequired(true));
        const qint64 waiting = ask(author, u"Waiting"_s);
        QVERIFY(m_questions->markAnswered(answered));
        QVERIFY(m_questions->hide(hidden));
        QVERIFY(m_questions->withdraw(author, withdrawn));
        QVERIFY(m_questions->pinNext());
        QVERIFY(m_questions->pin(pinned));
        QVERIFY(m_questions->canUndo());
        QVERIFY(m_questions->question(pinned)->question.pinnedAt);
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);
        QSignalSpy undo(m_questions.get(), &LiveQuestions::undoChanged);

        m_clock.advance(5min);
        const Result<> ended = m_questions->endSession();
        QVERIFY2(ended, reason(ended).constData());
        QCOMPARE(stateOf(shown), State::Unanswered);
        QCOMPARE(stateOf(pinned), State::Unanswered);
        // Not answered on screen: no answering time to count if it is marked answered later.
        QVERIFY(!m_questions->question(pinned)->question.pinnedAt);
        QCOMPARE(stateOf(answered), State::Answered);
        QCOMPARE(stateOf(hidden), State::Hidden);
        QCOMPARE(stateOf(withdrawn), State::Withdrawn);
        QCOMPARE(stateOf(waiting), State::Waiting);
        QCOMPARE(changedIds(changed), (QList<QList<qint64>>{{shown, pinned}}));
        QVERIFY(!m_questions->canUndo());
        QCOMPARE(undo.size(), 1);
        QVERIFY(m_questions->queue().isEmpty());
        QCOMPARE(stored(), m_questions->questions());

        QVERIFY(m_questions->endSession()); // nothing left to close: no error, no signal
        QCOMPARE(changed.size(), 1);
        // Answered afterwards, from the export's list.
        QVERIFY(m_questions->markAnswered(shown));
    }

    // Sessions, persistence, failures

    void eachSessionHasItsOwnQuestions()
    {
        const QString device = newDevice();
        const qint64 first = ask(device, u"About uv?"_s);
        QVERIFY(m_questions->setBlockedWords({u"spam"_s}));
        QSignalSpy reset(m_questions.get(), &LiveQuestions::questionsReset);
        QVERIFY(m_questions->load(1));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(m_questions->sessionIndex(), 1);
        QVERIFY(m_questions->questions().isEmpty());
        QCOMPARE(m_questions->blockedWords(), QStringList{u"spam"_s}); // per event
        const qint64 second = ask(device, u"About typing?"_s);
        QCOMPARE(m_questions->question(second)->question.sessionIndex, 1);
        QVERIFY(!m_questions->question(first));
        QVERIFY(!m_questions->approve(first));

        QVERIFY(m_questions->load(0));
        QCOMPARE(reset.size(), 2);
        QCOMPARE(m_questions->questions().size(), 1);
        QCOMPARE(m_questions->questions().constFirst().question.id, first);
        QCOMPARE(stored(1).size(), 1);
        QCOMPARE(stored(1).constFirst().question.id, second);
    }

    void loadingForgetsTheUndoHistory()
    {
        ask(newDevice(), u"Why uv?"_s);
        QVERIFY(m_questions->pinNext());
        QSignalSpy undo(m_questions.get(), &LiveQuestions::undoChanged);
        QVERIFY(m_questions->load(0));
        QVERIFY(!m_questions->canUndo());
        QCOMPARE(undo.size(), 1);
    }

    void anotherLiveQuestionsOnTheSameFileSeesEverything()
    {
        const QString author = newDevice();
        const QString voter = newDevice();
        const qint64 kept = ask(author, u"Why uv?"_s, u"Aiko"_s);
        const qint64 other = ask(newDevice(), u"Why Nix?"_s);
        upvoteBy(kept, {voter, newDevice()});
        upvoteBy(other, {voter});
        QVERIFY(m_questions->pinNext());
        QVERIFY(m_questions->setApprovalRequired(true));
        QVERIFY(m_questions->setBlockedWords({u"spam"_s, u"\u30B9\u30D1\u30E0"_s}));
        QVERIFY(m_questions->setAuthorBlocked(kept, true));
        const qint64 waiting = ask(author, u"Third?"_s);
        QCOMPARE(stateOf(waiting), State::Waiting);

        Database database;
        QVERIFY(database.open(databasePath()));
        LiveQuestions reopened(database, m_clock);
        QVERIFY(reopened.load(0));
        QCOMPARE(reopened.questions(), m_questions->questions());
        QCOMPARE(reopened.queue(), m_questions->queue());
        QCOMPARE(reopened.upvotedBy(voter), (QSet<qint64>{kept, other}));
        QVERIFY(reopened.isApprovalRequired());
        QCOMPARE(reopened.blockedWords(), m_questions->blockedWords());
        QVERIFY(reopened.isDeviceBlocked(author));
        QVERIFY(!reopened.isDeviceBlocked(voter));
        QVERIFY(!reopened.canUndo());
        // The votes, the blocked device and the words still act: the same upvote is no change, the author waits.
        QCOMPARE(reopened.setUpvoted(voter, kept, true), Result<bool>(false));
        QVERIFY(reopened.setApprovalRequired(false));
        QCOMPARE(reopened.ask(author, u"Fourth?"_s)->question.state, State::Waiting);
        QCOMPARE(reopened.ask(voter, u"Is \uFF53\uFF30\uFF21\uFF2D ok?"_s)->question.state, State::Waiting);
        QCOMPARE(reopened.ask(voter, u"\u30B9\u30D1\u30E0\uFF1F"_s)->question.state, State::Waiting);
        QCOMPARE(reopened.ask(voter, u"Is uv ok?"_s)->question.state, State::Shown);
    }

    void damagedModerationSettingsFailTheLoadAndKeepTheSession()
    {
        const qint64 id = ask(newDevice(), u"Why uv?"_s);
        QVERIFY(SettingsStore(*m_database).setValue(u"questions/blocked_words"_s, u"{not a list"_s));
        QSignalSpy reset(m_questions.get(), &LiveQuestions::questionsReset);
        const Result<> loaded = m_questions->load(1);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().contains(u"blocked words"_s), reason(loaded).constData());
        QCOMPARE(m_questions->sessionIndex(), 0);
        QVERIFY(m_questions->question(id));
        QCOMPARE(reset.size(), 0);
    }

    void aFailedCommandChangesNothing_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString &command :
             {u"ask"_s, u"withdraw"_s, u"upvote"_s, u"unvote"_s, u"approve"_s, u"hide"_s, u"answer"_s, u"pin"_s,
              u"pin another"_s, u"unpin"_s, u"merge"_s, u"pinNext"_s, u"unpinCurrent"_s, u"undo"_s, u"endSession"_s,
              u"approval"_s, u"blockedWords"_s, u"block"_s})
            QTest::newRow(qPrintable(command)) << command;
    }

    void aFailedCommandChangesNothing()
    {
        QFETCH(QString, command);
        const QString author = newDevice();
        const QString voter = newDevice();
        const qint64 pinned = ask(author, u"Pinned, upvoted"_s);
        const qint64 shown = ask(author, u"Shown"_s);
        QVERIFY(m_questions->setApprovalRequired(true));
        const qint64 waiting = ask(author, u"Waiting"_s);
        QVERIFY(m_questions->setApprovalRequired(false));
        upvoteBy(pinned, {voter});
        QVERIFY(m_questions->pinNext());
        QCOMPARE(m_questions->pinnedId(), std::optional(pinned));

        const QList<QuestionRecord> before = m_questions->questions();
        QSignalSpy changed(m_questions.get(), &LiveQuestions::questionsChanged);
        QSignalSpy moderation(m_questions.get(), &LiveQuestions::moderationChanged);
        QSignalSpy undo(m_questions.get(), &LiveQuestions::undoChanged);
        QVERIFY(m_database->exec(u"PRAGMA query_only = ON"_s));
        m_clock.advance(1min);

        const QHash<QString, std::function<Result<>()>> commands = {
            {u"ask"_s,
             [&]() -> Result<> {
                 const Result<QuestionRecord> asked = m_questions->ask(author, u"Why?"_s);
                 return asked ? Result<>() : fail(asked.error());
             }},
            {u"withdraw"_s, [&] { return m_questions->withdraw(author, shown); }},
            {u"upvote"_s,
             [&]() -> Result<> {
                 const Result<bool> upvoted = m_questions->setUpvoted(voter, shown, true);
                 return upvoted ? Result<>() : fail(upvoted.error());
             }},
            {u"unvote"_s,
             [&]() -> Result<> {
                 const Result<bool> removed = m_questions->setUpvoted(voter, pinned, false);
                 return removed ? Result<>() : fail(removed.error());
             }},
            {u"approve"_s, [&] { return m_questions->approve(waiting); }},
            {u"hide"_s, [&] { return m_questions->hide(shown); }},
            {u"answer"_s, [&] { return m_questions->markAnswered(shown); }},
            {u"pin"_s, [&] { return m_questions->pin(waiting); }},
            {u"pin another"_s, [&] { return m_questions->pin(shown); }},
            {u"unpin"_s, [&] { return m_questions->unpin(pinned); }},
            {u"merge"_s, [&] { return m_questions->merge(pinned, shown); }},
            {u"pinNext"_s, [&] { return m_questions->pinNext(); }},
            {u"unpinCurrent"_s, [&] { return m_questions->unpinCurrent(); }},
            {u"undo"_s, [&] { return m_questions->undo(); }},
            {u"endSession"_s, [&] { return m_questions->endSession(); }},
            {u"approval"_s, [&] { return m_questions->setApprovalRequired(true); }},
            {u"blockedWords"_s, [&] { return m_questions->setBlockedWords({u"spam"_s}); }},
            {u"block"_s, [&] { return m_questions->setAuthorBlocked(shown, true); }},
        };
        const Result<> result = commands.value(command)();
        QVERIFY(!result);
        QVERIFY2(!result.error().isEmpty(), "a failure says why");
        QCOMPARE(m_questions->questions(), before);
        QCOMPARE(m_questions->upvotedBy(voter), QSet<qint64>{pinned});
        QCOMPARE(m_questions->pinnedId(), std::optional(pinned));
        QVERIFY(!m_questions->isApprovalRequired());
        QVERIFY(m_questions->blockedWords().isEmpty());
        QVERIFY(!m_questions->isDeviceBlocked(author));
        QVERIFY(m_questions->canUndo()); // a step that could not be undone for lack of storage is kept
        QCOMPARE(changed.size(), 0);
        QCOMPARE(moderation.size(), 0);
        QCOMPARE(undo.size(), 0);

        // Once the database takes writes again, the same command works.
        QVERIFY(m_database->exec(u"PRAGMA query_only = OFF"_s));
        const Result<> retried = commands.value(command)();
        QVERIFY2(retried, reason(retried).constData());
        QCOMPARE(stored(), m_questions->questions());
    }

    void timeFitCountsTheShownQuestions()
    {
        for (int i = 0; i < 7; ++i)
            ask(newDevice(), u"Question %1"_s.arg(i));
        QVERIFY(m_questions->pinNext()); // pinned: no longer waiting
        TimingPlan plan;
        plan.talkTime = 15min;
        plan.qaTime = 5min;
        SessionClock clock(m_clock);
        clock.setPlan(plan);
        const QuestionTimeFit fit = m_questions->timeFit(clock);
        QCOMPARE(fit.waiting, 6);
        QCOMPARE(fit.fitting, 3); // 5 minutes / 90 s
        QVERIFY(fit.forecast);
        QCOMPARE(fit, fitQuestions(m_questions->questions(), clock));
    }
};

QTEST_GUILESS_MAIN(TestLiveQuestions)
#include "tst_livequestions.moc"
