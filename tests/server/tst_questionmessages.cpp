#include "server/questionmessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Lectern;
using namespace Lectern::QuestionMessages;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Lectern::QuestionMessages::ClientMessage)
Q_DECLARE_METATYPE(Lectern::QuestionRecord)

namespace {

QJsonObject parsed(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qWarning() << "not a JSON object:" << json << error.errorString();
    return document.object();
}

QuestionRecord record(qint64 id, Question::State state, const QString &text, int votes = 0)
{
    QuestionRecord record;
    record.question.id = id;
    record.question.sessionIndex = 0;
    record.question.text = text;
    record.question.displayName = u"Aiko"_s;
    record.question.deviceToken = u"device-token-%1"_s.arg(id);
    record.question.state = state;
    if (state == Question::State::Merged)
        record.question.mergedInto = 1;
    record.question.createdAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + id, Qt::UTC);
    record.votes = votes;
    return record;
}

QList<qint64> ids(const QJsonArray &questions)
{
    QList<qint64> list;
    for (const QJsonValue &question : questions)
        list.append(question.toObject().value("id"_L1).toInteger());
    return list;
}

const QList<Question::State> kAllStates{
    Question::State::Waiting, Question::State::Shown,  Question::State::Pinned,    Question::State::Answered,
    Question::State::Hidden,  Question::State::Merged, Question::State::Withdrawn, Question::State::Unanswered,
};

} // namespace

class TestQuestionMessages : public QObject
{
    Q_OBJECT

private slots:
    void actionNamesAreSpelledAsInTheProtocol();
    void messageTypesAreSortedIntoPhoneAndModeratorOnes();

    void parsesValidClientMessages_data();
    void parsesValidClientMessages();
    void refusesMalformedClientMessages_data();
    void refusesMalformedClientMessages();

    void visibleQuestionsCarryTheirTextOthersOnlyTheirState_data();
    void visibleQuestionsCarryTheirTextOthersOnlyTheirState();
    void questionsMessageJoinsTheSharedPartAndThePhonesOwn();
    void questionUpdatesCarryNoTextOfQuestionsOthersMayNotSee();
    void questionUpdatesCarryTheVotesAloneOfVisibleQuestionsWhoseVotesAloneChanged();
    void publicPartIsWhatPhonesSeeButTheVotes();
    void yoursListsEveryStateButWithdrawnWithText();
    void moderationListsEveryQuestionWithoutDeviceTokens();
    void acknowledgementsHaveTheirFields();

    void hostileTextSurvivesAJsonRoundTripAsText_data();
    void hostileTextSurvivesAJsonRoundTripAsText();
};

void TestQuestionMessages::actionNamesAreSpelledAsInTheProtocol()
{
    const QList<std::pair<Action, QString>> names{
        {Action::Approve, u"approve"_s}, {Action::Hide, u"hide"_s},       {Action::Answer, u"answer"_s},
        {Action::Pin, u"pin"_s},         {Action::Unpin, u"unpin"_s},     {Action::Merge, u"merge"_s},
        {Action::Block, u"block"_s},     {Action::Unblock, u"unblock"_s},
    };
    for (const auto &[action, name] : names) {
        QCOMPARE(actionName(action), name);
        QCOMPARE(actionFromName(name), std::optional<Action>(action));
    }
    QCOMPARE(actionFromName(u"Approve"_s), std::nullopt);
    QCOMPARE(actionFromName(u"delete"_s), std::nullopt);
    QCOMPARE(actionFromName(u""_s), std::nullopt);
}

void TestQuestionMessages::messageTypesAreSortedIntoPhoneAndModeratorOnes()
{
    for (const QString &type : {u"ask"_s, u"upvote"_s, u"withdraw"_s}) {
        QVERIFY(isQuestionMessageType(type));
        QVERIFY(!isModeratorMessageType(type));
    }
    for (const QString &type : {u"moderator"_s, u"moderate"_s, u"settings"_s}) {
        QVERIFY(isQuestionMessageType(type));
        QVERIFY(isModeratorMessageType(type));
    }
    for (const QString &type : {u"hello"_s, u"vote"_s, u"ping"_s, u"Ask"_s, u""_s}) {
        QVERIFY(!isQuestionMessageType(type));
        QVERIFY(!isModeratorMessageType(type));
    }
}

void TestQuestionMessages::parsesValidClientMessages_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ClientMessage>("expected");

    QTest::newRow("ask, anonymous") << R"({"type":"ask","id":1,"text":"Why uv?"})"_ba
                                    << ClientMessage(Ask{1, u"Why uv?"_s, QString()});
    QTest::newRow("ask, with a name") << R"({"type":"ask","id":2,"text":"Why?","name":"Aiko"})"_ba
                                      << ClientMessage(Ask{2, u"Why?"_s, u"Aiko"_s});
    QTest::newRow("ask, name null") << R"({"type":"ask","id":3,"text":"Why?","name":null})"_ba
                                    << ClientMessage(Ask{3, u"Why?"_s, QString()});
    QTest::newRow("ask, empty text (the event refuses it)")
        << R"({"type":"ask","id":4,"text":""})"_ba << ClientMessage(Ask{4, QString(), QString()});
    QTest::newRow("ask, markup is only text")
        << R"({"type":"ask","id":5,"text":"<script>alert(1)</script>","name":"<b>x</b>"})"_ba
        << ClientMessage(Ask{5, u"<script>alert(1)</script>"_s, u"<b>x</b>"_s});
    QTest::newRow("ask, largest request id")
        << R"({"type":"ask","id":2147483647,"text":"?"})"_ba << ClientMessage(Ask{2147483647, u"?"_s, QString()});
    QTest::newRow("upvote") << R"({"type":"upvote","id":6,"question":12,"on":true})"_ba
                            << ClientMessage(Upvote{6, 12, true});
    QTest::newRow("upvote taken back") << R"({"type":"upvote","id":7,"question":12,"on":false})"_ba
                                       << ClientMessage(Upvote{7, 12, false});
    QTest::newRow("upvote, largest question id")
        << R"({"type":"upvote","id":8,"question":9007199254740991,"on":true})"_ba
        << ClientMessage(Upvote{8, 9007199254740991, true});
    QTest::newRow("withdraw") << R"({"type":"withdraw","id":9,"question":3})"_ba << ClientMessage(Withdraw{9, 3});
    QTest::newRow("moderator") << R"({"type":"moderator","protocol":1,"token":"abc_-XYZ"})"_ba
                               << ClientMessage(ModeratorHello{1, u"abc_-XYZ"_s});
    QTest::newRow("moderator, other protocol (the server decides)")
        << R"({"type":"moderator","protocol":2,"token":"t"})"_ba << ClientMessage(ModeratorHello{2, u"t"_s});
    for (const QString &name : {u"approve"_s, u"hide"_s, u"answer"_s, u"pin"_s, u"unpin"_s, u"block"_s, u"unblock"_s}) {
        QTest::addRow("moderate %s", qPrintable(name))
            << QByteArray(R"({"type":"moderate","id":10,"action":")" + name.toUtf8() + R"(","question":4})")
            << ClientMessage(Moderate{10, *actionFromName(name), 4, std::nullopt});
    }
    QTest::newRow("moderate, into ignored but for merge")
        << R"({"type":"moderate","id":11,"action":"hide","question":4,"into":5})"_ba
        << ClientMessage(Moderate{11, Action::Hide, 4, std::nullopt});
    QTest::newRow("moderate merge") << R"({"type":"moderate","id":12,"action":"merge","question":4,"into":2})"_ba
                                    << ClientMessage(Moderate{12, Action::Merge, 4, 2});
    QTest::newRow("settings, approval") << R"({"type":"settings","id":13,"approval":true})"_ba
                                        << ClientMessage(Settings{13, true, std::nullopt});
    QTest::newRow("settings, blocked words")
        << R"({"type":"settings","id":14,"blockedWords":["spam","ｓｐａｍ"]})"_ba
        << ClientMessage(Settings{14, std::nullopt, QStringList{u"spam"_s, u"ｓｐａｍ"_s}});
    QTest::newRow("settings, no blocked words") << R"({"type":"settings","id":15,"blockedWords":[]})"_ba
                                                << ClientMessage(Settings{15, std::nullopt, QStringList()});
    QTest::newRow("settings, both") << R"({"type":"settings","id":16,"approval":false,"blockedWords":["x"]})"_ba
                                    << ClientMessage(Settings{16, false, QStringList{u"x"_s}});
    QStringList longest;
    QByteArray words;
    for (int i = 0; i < kMaxBlockedWords; ++i) {
        const QString word = QString(kMaxBlockedWordLength - 3, u'w') + u"%1"_s.arg(i, 3, 10, QChar(u'0'));
        longest.append(word);
        words += (i ? ",\"" : "\"") + word.toUtf8() + '"';
    }
    QTest::newRow("settings, as many blocked words as allowed, each as long as allowed")
        << QByteArray(R"({"type":"settings","id":17,"blockedWords":[)" + words + "]}")
        << ClientMessage(Settings{17, std::nullopt, longest});
}

void TestQuestionMessages::parsesValidClientMessages()
{
    QFETCH(QByteArray, json);
    QFETCH(ClientMessage, expected);
    const auto message = parseClientMessage(json);
    QVERIFY2(message, qPrintable(message ? QString() : message.error().message));
    QVERIFY(*message == expected);
}

void TestQuestionMessages::refusesMalformedClientMessages_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("requestId"); ///< 0: none expected

    QTest::newRow("not JSON") << "ask"_ba << qint64(0);
    QTest::newRow("array") << R"([{"type":"ask","id":1,"text":"x"}])"_ba << qint64(0);
    QTest::newRow("no type") << R"({"id":1,"text":"x"})"_ba << qint64(1);
    QTest::newRow("type not ours") << R"({"type":"vote","id":2})"_ba << qint64(2);
    QTest::newRow("type in capitals") << R"({"type":"ASK","id":2,"text":"x"})"_ba << qint64(2);

    QTest::newRow("ask without id") << R"({"type":"ask","text":"x"})"_ba << qint64(0);
    QTest::newRow("ask, id 0") << R"({"type":"ask","id":0,"text":"x"})"_ba << qint64(0);
    QTest::newRow("ask, id 2^31") << R"({"type":"ask","id":2147483648,"text":"x"})"_ba << qint64(0);
    QTest::newRow("ask, id a string") << R"({"type":"ask","id":"3","text":"x"})"_ba << qint64(0);
    QTest::newRow("ask, id 1.5") << R"({"type":"ask","id":1.5,"text":"x"})"_ba << qint64(0);
    QTest::newRow("ask without text") << R"({"type":"ask","id":3})"_ba << qint64(3);
    QTest::newRow("ask, text a number") << R"({"type":"ask","id":3,"text":42})"_ba << qint64(3);
    QTest::newRow("ask, text null") << R"({"type":"ask","id":3,"text":null})"_ba << qint64(3);
    QTest::newRow("ask, text an array") << R"({"type":"ask","id":3,"text":["x"]})"_ba << qint64(3);
    QTest::newRow("ask, name a number") << R"({"type":"ask","id":3,"text":"x","name":7})"_ba << qint64(3);
    QTest::newRow("ask, name an object") << R"({"type":"ask","id":3,"text":"x","name":{}})"_ba << qint64(3);

    QTest::newRow("upvote without id") << R"({"type":"upvote","question":1,"on":true})"_ba << qint64(0);
    QTest::newRow("upvote without question") << R"({"type":"upvote","id":4,"on":true})"_ba << qint64(4);
    QTest::newRow("upvote, question 0") << R"({"type":"upvote","id":4,"question":0,"on":true})"_ba << qint64(4);
    QTest::newRow("upvote, question negative") << R"({"type":"upvote","id":4,"question":-1,"on":true})"_ba << qint64(4);
    QTest::newRow("upvote, question 2^53")
        << R"({"type":"upvote","id":4,"question":9007199254740992,"on":true})"_ba << qint64(4);
    QTest::newRow("upvote, question a string")
        << R"({"type":"upvote","id":4,"question":"1","on":true})"_ba << qint64(4);
    QTest::newRow("upvote without on") << R"({"type":"upvote","id":4,"question":1})"_ba << qint64(4);
    QTest::newRow("upvote, on a number") << R"({"type":"upvote","id":4,"question":1,"on":1})"_ba << qint64(4);
    QTest::newRow("upvote, on a string") << R"({"type":"upvote","id":4,"question":1,"on":"true"})"_ba << qint64(4);

    QTest::newRow("withdraw without id") << R"({"type":"withdraw","question":1})"_ba << qint64(0);
    QTest::newRow("withdraw without question") << R"({"type":"withdraw","id":5})"_ba << qint64(5);
    QTest::newRow("withdraw, question 1.5") << R"({"type":"withdraw","id":5,"question":1.5})"_ba << qint64(5);

    QTest::newRow("moderator without token") << R"({"type":"moderator","protocol":1})"_ba << qint64(0);
    QTest::newRow("moderator, empty token") << R"({"type":"moderator","protocol":1,"token":""})"_ba << qint64(0);
    QTest::newRow("moderator, token a number") << R"({"type":"moderator","protocol":1,"token":5})"_ba << qint64(0);
    QTest::newRow("moderator, token too long")
        << QByteArray(R"({"type":"moderator","protocol":1,"token":")" + QByteArray(65, 't') + R"("})") << qint64(0);
    QTest::newRow("moderator without protocol") << R"({"type":"moderator","token":"t"})"_ba << qint64(0);
    QTest::newRow("moderator, protocol a string")
        << R"({"type":"moderator","protocol":"1","token":"t"})"_ba << qint64(0);

    QTest::newRow("moderate without id") << R"({"type":"moderate","action":"hide","question":1})"_ba << qint64(0);
    QTest::newRow("moderate without action") << R"({"type":"moderate","id":6,"question":1})"_ba << qint64(6);
    QTest::newRow("moderate, unknown action")
        << R"({"type":"moderate","id":6,"action":"delete","question":1})"_ba << qint64(6);
    QTest::newRow("moderate, action a number")
        << R"({"type":"moderate","id":6,"action":1,"question":1})"_ba << qint64(6);
    QTest::newRow("moderate without question") << R"({"type":"moderate","id":6,"action":"hide"})"_ba << qint64(6);
    QTest::newRow("moderate, question a string")
        << R"({"type":"moderate","id":6,"action":"hide","question":"1"})"_ba << qint64(6);
    QTest::newRow("merge without into") << R"({"type":"moderate","id":6,"action":"merge","question":1})"_ba
                                        << qint64(6);
    QTest::newRow("merge, into 0") << R"({"type":"moderate","id":6,"action":"merge","question":1,"into":0})"_ba
                                   << qint64(6);
    QTest::newRow("merge, into a string")
        << R"({"type":"moderate","id":6,"action":"merge","question":1,"into":"2"})"_ba << qint64(6);

    QTest::newRow("settings without id") << R"({"type":"settings","approval":true})"_ba << qint64(0);
    QTest::newRow("settings with nothing to set") << R"({"type":"settings","id":7})"_ba << qint64(7);
    QTest::newRow("settings, approval a number") << R"({"type":"settings","id":7,"approval":1})"_ba << qint64(7);
    QTest::newRow("settings, approval null") << R"({"type":"settings","id":7,"approval":null})"_ba << qint64(7);
    QTest::newRow("settings, blocked words a string")
        << R"({"type":"settings","id":7,"blockedWords":"spam"})"_ba << qint64(7);
    QTest::newRow("settings, a blocked word a number")
        << R"({"type":"settings","id":7,"blockedWords":["a",1]})"_ba << qint64(7);
    QTest::newRow("settings, a blocked word too long")
        << QByteArray(R"({"type":"settings","id":7,"blockedWords":[")" + QByteArray(kMaxBlockedWordLength + 1, 'w') +
                      R"("]})")
        << qint64(7);
    QByteArray tooMany;
    for (int i = 0; i <= kMaxBlockedWords; ++i)
        tooMany += (i ? ",\"" : "\"") + QByteArray::number(i) + '"';
    QTest::newRow("settings, too many blocked words")
        << QByteArray(R"({"type":"settings","id":7,"blockedWords":[)" + tooMany + "]}") << qint64(7);
}

void TestQuestionMessages::refusesMalformedClientMessages()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, requestId);
    const auto message = parseClientMessage(json);
    QVERIFY(!message);
    QCOMPARE(PollMessages::errorCodeName(message.error().code), u"bad-message"_s);
    QVERIFY(!message.error().message.isEmpty());
    QCOMPARE(message.error().requestId, requestId ? std::optional<qint64>(requestId) : std::nullopt);
}

void TestQuestionMessages::visibleQuestionsCarryTheirTextOthersOnlyTheirState_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("visible");
    for (const Question::State state : kAllStates) {
        const bool visible = state == Question::State::Shown || state == Question::State::Pinned ||
                             state == Question::State::Answered || state == Question::State::Unanswered;
        QTest::addRow("%s", qPrintable(questionStateName(state))) << int(state) << visible;
    }
}

void TestQuestionMessages::visibleQuestionsCarryTheirTextOthersOnlyTheirState()
{
    QFETCH(int, state);
    QFETCH(bool, visible);
    const QuestionRecord question = record(12, Question::State(state), u"Is uv fast?"_s, 5);
    QCOMPARE(isVisible(Question::State(state)), visible);

    QJsonObject full{{"id"_L1, 12},
                     {"text"_L1, u"Is uv fast?"_s},
                     {"name"_L1, u"Aiko"_s},
                     {"votes"_L1, 5},
                     {"state"_L1, questionStateName(Question::State(state))}};
    QJsonObject bare{{"id"_L1, 12}, {"state"_L1, questionStateName(Question::State(state))}};
    if (Question::State(state) == Question::State::Merged) {
        full.insert("mergedInto"_L1, 1);
        bare.insert("mergedInto"_L1, 1);
    }
    QCOMPARE(questionObject(question), full);
    QCOMPARE(publicQuestionObject(question), visible ? full : bare);
}

void TestQuestionMessages::questionsMessageJoinsTheSharedPartAndThePhonesOwn()
{
    QList<QuestionRecord> questions;
    for (const Question::State state : kAllStates)
        questions.append(record(questions.size() + 1, state, u"Question %1"_s.arg(questions.size() + 1)));
    const QByteArray shared = sharedQuestionsPart(u"uv and Nix"_s, true, questions);
    const QJsonObject sharedObject = parsed(shared);
    QCOMPARE(sharedObject.value("type"_L1).toString(), u"questions"_s);
    QCOMPARE(ids(sharedObject.value("questions"_L1).toArray()), (QList<qint64>{2, 3, 4, 8}));

    // This phone asked the waiting (1), hidden (5) and withdrawn (7) ones, and upvoted 2 and 3.
    const QList<QuestionRecord> yours{questions.at(0), questions.at(4), questions.at(6)};
    const QJsonObject message = parsed(questionsMessage(shared, yours, {2, 3}));
    QCOMPARE(message.value("type"_L1).toString(), u"questions"_s);
    QCOMPARE(message.value("session"_L1).toString(), u"uv and Nix"_s);
    QCOMPARE(message.value("approval"_L1), QJsonValue(true));
    QCOMPARE(message.value("questions"_L1), sharedObject.value("questions"_L1));
    QCOMPARE(message.value("questions"_L1).toArray().at(0).toObject(), questionObject(questions.at(1)));
    const QJsonArray own = message.value("yours"_L1).toArray();
    QCOMPARE(ids(own), (QList<qint64>{1, 5}));
    QCOMPARE(own.at(0).toObject().value("text"_L1).toString(), u"Question 1"_s);
    QCOMPARE(own.at(1).toObject().value("state"_L1).toString(), u"hidden"_s);
    QCOMPARE(message.value("upvoted"_L1).toArray(), (QJsonArray{2, 3}));
    QCOMPARE(message.size(), 6);

    const QJsonObject empty = parsed(questionsMessage(sharedQuestionsPart(QString(), false, {}), {}, {}));
    QCOMPARE(empty.value("questions"_L1).toArray().size(), 0);
    QCOMPARE(empty.value("yours"_L1).toArray().size(), 0);
    QCOMPARE(empty.value("upvoted"_L1).toArray().size(), 0);
    QCOMPARE(empty.value("approval"_L1), QJsonValue(false));
}

void TestQuestionMessages::questionUpdatesCarryNoTextOfQuestionsOthersMayNotSee()
{
    QList<QuestionRecord> changed;
    for (const Question::State state : kAllStates)
        changed.append(record(changed.size() + 1, state, u"secret %1"_s.arg(changed.size() + 1)));
    const QByteArray bytes = questionUpdatesMessage(changed);
    const QJsonObject message = parsed(bytes);
    QCOMPARE(message.value("type"_L1).toString(), u"questionUpdates"_s);
    const QJsonArray questions = message.value("questions"_L1).toArray();
    QCOMPARE(questions.size(), changed.size());
    for (qsizetype i = 0; i < changed.size(); ++i) {
        QCOMPARE(questions.at(i).toObject(), publicQuestionObject(changed.at(i)));
        QCOMPARE(bytes.contains(QByteArray("secret " + QByteArray::number(i + 1))),
                 isVisible(changed.at(i).question.state));
    }
    QVERIFY(!bytes.contains("device-token"));
}

void TestQuestionMessages::questionUpdatesCarryTheVotesAloneOfVisibleQuestionsWhoseVotesAloneChanged()
{
    QList<QuestionRecord> changed;
    QSet<qint64> votesChangedOnly;
    for (const Question::State state : kAllStates) {
        const qint64 id = changed.size() + 1;
        changed.append(record(id, state, u"text %1."_s.arg(id), int(id) * 10));
        votesChangedOnly.insert(id);
    }
    // Question 20 changed in more than its votes: it goes whole.
    changed.append(record(20, Question::State::Shown, u"text 20."_s, 3));

    const QByteArray bytes = questionUpdatesMessage(changed, votesChangedOnly);
    const QJsonArray questions = parsed(bytes).value("questions"_L1).toArray();
    QCOMPARE(questions.size(), changed.size());
    for (qsizetype i = 0; i < changed.size(); ++i) {
        const QuestionRecord &question = changed.at(i);
        const QJsonObject object = questions.at(i).toObject();
        if (question.question.id == 20)
            QCOMPARE(object, questionObject(question));
        else if (isVisible(question.question.state))
            QCOMPARE(object, (QJsonObject{{"id"_L1, question.question.id}, {"votes"_L1, question.votes}}));
        else
            QCOMPARE(object, publicQuestionObject(question));
        QCOMPARE(bytes.contains(QByteArray("text " + QByteArray::number(question.question.id) + '.')),
                 question.question.id == 20);
    }
    QCOMPARE(votesObject(changed.at(1)), (QJsonObject{{"id"_L1, 2}, {"votes"_L1, 20}}));
}

void TestQuestionMessages::publicPartIsWhatPhonesSeeButTheVotes()
{
    const QuestionRecord question = record(4, Question::State::Shown, u"Is uv fast?"_s, 2);
    const PublicPart part = publicPartOf(question.question);
    QCOMPARE(part.state, Question::State::Shown);
    QCOMPARE(part.text, u"Is uv fast?"_s);
    QCOMPARE(part.name, u"Aiko"_s);
    QVERIFY(!part.mergedInto);

    QuestionRecord other = question;
    other.votes = 9;
    other.question.pinnedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'100'000, Qt::UTC);
    QCOMPARE(publicPartOf(other.question), part);

    other = question;
    other.question.state = Question::State::Pinned;
    QVERIFY(publicPartOf(other.question) != part);
    other = question;
    other.question.text = u"Is uv slow?"_s;
    QVERIFY(publicPartOf(other.question) != part);
    other = question;
    other.question.displayName = QString();
    QVERIFY(publicPartOf(other.question) != part);
    other = record(4, Question::State::Merged, u"Is uv fast?"_s, 2);
    QVERIFY(publicPartOf(other.question) != part);
}

void TestQuestionMessages::yoursListsEveryStateButWithdrawnWithText()
{
    QList<QuestionRecord> yours;
    for (const Question::State state : kAllStates)
        yours.append(record(yours.size() + 1, state, u"mine %1"_s.arg(yours.size() + 1)));
    const QByteArray bytes = yoursMessage(yours);
    const QJsonObject message = parsed(bytes);
    QCOMPARE(message.value("type"_L1).toString(), u"yours"_s);
    const QJsonArray questions = message.value("questions"_L1).toArray();
    QCOMPARE(ids(questions), (QList<qint64>{1, 2, 3, 4, 5, 6, 8}));
    for (const QJsonValue &question : questions) {
        const qint64 id = question.toObject().value("id"_L1).toInteger();
        QCOMPARE(question.toObject(), questionObject(yours.at(id - 1)));
    }
    QVERIFY(!bytes.contains("device-token"));
}

void TestQuestionMessages::moderationListsEveryQuestionWithoutDeviceTokens()
{
    QList<QuestionRecord> questions;
    for (const Question::State state : kAllStates)
        questions.append(record(questions.size() + 1, state, u"Q%1"_s.arg(questions.size() + 1), 2));
    questions[2].question.pinnedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'100'000, Qt::UTC);
    questions[3].question.pinnedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'100'000, Qt::UTC);
    questions[3].question.answeredAt = QDateTime::fromMSecsSinceEpoch(1'700'000'190'000, Qt::UTC);
    const QByteArray bytes = moderationMessage(u"uv and Nix"_s, true, {u"spam"_s, u"crypto"_s}, questions,
                                               [](const QString &device) { return device == u"device-token-5"_s; });
    QVERIFY(!bytes.contains("device-token"));
    const QJsonObject message = parsed(bytes);
    QCOMPARE(message.value("type"_L1).toString(), u"moderation"_s);
    QCOMPARE(message.value("session"_L1).toString(), u"uv and Nix"_s);
    QCOMPARE(message.value("approval"_L1), QJsonValue(true));
    QCOMPARE(message.value("blockedWords"_L1).toArray(), (QJsonArray{u"spam"_s, u"crypto"_s}));
    const QJsonArray list = message.value("questions"_L1).toArray();
    QCOMPARE(ids(list), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8}));
    for (const QJsonValue &value : list) {
        const QJsonObject question = value.toObject();
        const qint64 id = question.value("id"_L1).toInteger();
        QCOMPARE(question.value("text"_L1).toString(), u"Q%1"_s.arg(id));
        QCOMPARE(question.value("name"_L1).toString(), u"Aiko"_s);
        QCOMPARE(question.value("votes"_L1).toInt(), 2);
        QCOMPARE(question.value("state"_L1).toString(), questionStateName(kAllStates.at(id - 1)));
        QCOMPARE(question.value("askedAt"_L1).toInteger(), 1'700'000'000'000 + id);
        QCOMPARE(question.value("authorBlocked"_L1).toBool(), id == 5);
        QCOMPARE(question.value("mergedInto"_L1), id == 6 ? QJsonValue(1) : QJsonValue());
        QVERIFY(question.contains("pinnedAt"_L1));
        QVERIFY(question.contains("answeredAt"_L1));
        QCOMPARE(question.size(), 10);
    }
    QCOMPARE(list.at(1).toObject().value("pinnedAt"_L1), QJsonValue());
    QCOMPARE(list.at(3).toObject().value("pinnedAt"_L1).toInteger(), 1'700'000'100'000);
    QCOMPARE(list.at(3).toObject().value("answeredAt"_L1).toInteger(), 1'700'000'190'000);
    QCOMPARE(list.at(2).toObject().value("answeredAt"_L1), QJsonValue());
}

void TestQuestionMessages::acknowledgementsHaveTheirFields()
{
    const QuestionRecord waiting = record(7, Question::State::Waiting, u"Why Nix?"_s);
    QCOMPARE(parsed(askedMessage(41, waiting)),
             parsed(R"({"type":"asked","id":41,"question":{"id":7,"text":"Why Nix?","name":"Aiko","votes":0,)"
                    R"("state":"waiting"}})"_ba));
    QCOMPARE(parsed(upvotedMessage(42, 7, true)), parsed(R"({"type":"upvoted","id":42,"question":7,"on":true})"_ba));
    QCOMPARE(parsed(upvotedMessage(43, 7, false)), parsed(R"({"type":"upvoted","id":43,"question":7,"on":false})"_ba));
    QCOMPARE(parsed(withdrawnMessage(44, 7)), parsed(R"({"type":"withdrawn","id":44,"question":7})"_ba));
    QCOMPARE(parsed(doneMessage(45)), parsed(R"({"type":"done","id":45})"_ba));
}

void TestQuestionMessages::hostileTextSurvivesAJsonRoundTripAsText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("script tag") << u"<script>alert(document.cookie)</script>"_s;
    QTest::newRow("image with onerror") << u"<img src=x onerror=\"alert(1)\">"_s;
    QTest::newRow("closing script in a string") << u"</script><script>alert(1)</script>"_s;
    QTest::newRow("javascript URL") << u"<a href=\"javascript:alert(1)\">click</a>"_s;
    QTest::newRow("JSON breakout") << u"\",\"state\":\"pinned\",\"votes\":999,\"x\":\""_s;
    QTest::newRow("backslashes and quotes") << u"\\\"\\\\'`${1+1}"_s;
    QTest::newRow("template and entity") << u"{{constructor.constructor('alert(1)')()}} &lt;b&gt;"_s;
    QTest::newRow("10 kB of text") << QString(10'000, u'a');
    QTest::newRow("RTL override") << u"abc\u202Egnp.exe"_s;
    QTest::newRow("zero-width characters") << u"sp\u200Bam\u200C\u200D\uFEFF"_s;
    QTest::newRow("line separators") << u"a\u2028b\u2029c\r\nd"_s;
    QTest::newRow("control characters") << u"a\u0001\u0007\u001Bb\u007F"_s;
    QTest::newRow("NUL") << QString(u"a\0b"_s);
    QTest::newRow("emoji") << u"👍🏽 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿 🇯🇵"_s;
    QTest::newRow("Japanese") << u"型ヒントは実行時に何をしますか？"_s;
    QTest::newRow("combining marks") << u"Ame\u0301lie Z\u0335\u0321a\u0336lgo"_s;
}

void TestQuestionMessages::hostileTextSurvivesAJsonRoundTripAsText()
{
    QFETCH(QString, text);

    // From a phone: the text arrives as it was typed, for the event to normalise.
    const QByteArray ask =
        QJsonDocument(QJsonObject{{"type"_L1, u"ask"_s}, {"id"_L1, 1}, {"text"_L1, text}, {"name"_L1, text}})
            .toJson(QJsonDocument::Compact);
    const auto message = parseClientMessage(ask);
    QVERIFY(message);
    QVERIFY(*message == ClientMessage(Ask{1, text, text}));

    // To every page: the text is one JSON string, whatever it holds, and reads back the same.
    QuestionRecord question = record(3, Question::State::Shown, text);
    question.question.displayName = text;
    const QJsonObject update = parsed(questionUpdatesMessage({question}));
    const QJsonArray questions = update.value("questions"_L1).toArray();
    QCOMPARE(questions.size(), 1);
    const QJsonObject object = questions.at(0).toObject();
    QCOMPARE(object.value("text"_L1).toString(), text);
    QCOMPARE(object.value("name"_L1).toString(), text);
    QCOMPARE(object.value("state"_L1).toString(), u"shown"_s);
    QCOMPARE(object.value("votes"_L1).toInt(), 0);
    QCOMPARE(object.size(), 5);

    const QJsonObject moderation =
        parsed(moderationMessage(text, false, {text}, {question}, [](const QString &) { return false; }));
    QCOMPARE(moderation.value("session"_L1).toString(), text);
    QCOMPARE(moderation.value("blockedWords"_L1).toArray(), QJsonArray{text});
    QCOMPARE(moderation.value("questions"_L1).toArray().at(0).toObject().value("text"_L1).toString(), text);

    // What the server sends is normalised text: that too reads back the same.
    const Result<QString> normalised = normalizeQuestionText(text.left(Question::kMaxTextLength));
    if (normalised) {
        question.question.text = *normalised;
        const QJsonObject asked = parsed(askedMessage(2, question)).value("question"_L1).toObject();
        QCOMPARE(asked.value("text"_L1).toString(), *normalised);
    }
}

QTEST_GUILESS_MAIN(TestQuestionMessages)
#include "tst_questionmessages.moc"
