#include "server/pollmessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Lectern;
using namespace Lectern::PollMessages;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Lectern::Poll)
Q_DECLARE_METATYPE(Lectern::PollResults)
Q_DECLARE_METATYPE(Lectern::PollMessages::ClientMessage)

namespace {

QJsonObject parsed(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qWarning() << "not a JSON object:" << json << error.errorString();
    return document.object();
}

Poll pollOfKind(Poll::Kind kind)
{
    Poll poll;
    poll.id = u"p1"_s;
    poll.question = u"Do you use uv?"_s;
    poll.kind = kind;
    if (poll.isChoice())
        poll.options = {{u"yes"_s, u"Yes"_s}, {u"no"_s, u"No"_s}, {u"what-is-uv"_s, u"What is uv?"_s}};
    if (kind == Poll::Kind::MultipleChoice)
        poll.maxChoices = 2;
    if (kind == Poll::Kind::Rating) {
        poll.ratingLowLabel = u"Boring"_s;
        poll.ratingHighLabel = u"Great"_s;
    }
    poll.resultsVisibility = Poll::ResultsVisibility::AfterVoting;
    return poll;
}

} // namespace

class TestPollMessages : public QObject
{
    Q_OBJECT

private slots:
    void errorCodesAreSpelledAsInTheProtocol();

    void parsesValidClientMessages_data();
    void parsesValidClientMessages();
    void refusesInvalidClientMessages_data();
    void refusesInvalidClientMessages();

    void parsesJoinRequests_data();
    void parsesJoinRequests();

    void pollObjectHasTheFieldsOfItsKind_data();
    void pollObjectHasTheFieldsOfItsKind();
    void pollMessageCarriesThePhonesAnswerOrNull();
    void pollMessageWithoutPollIsNull();

    void resultsMessageListsCountsByKind_data();
    void resultsMessageListsCountsByKind();
    void resultsMessageListsAtMostAHundredAnswers();

    void resultsVisibilityFollowsThePollsSetting_data();
    void resultsVisibilityFollowsThePollsSetting();

    void serverMessagesHaveTheirFields();
};

void TestPollMessages::errorCodesAreSpelledAsInTheProtocol()
{
    QCOMPARE(errorCodeName(ErrorCode::BadMessage), u"bad-message"_s);
    QCOMPARE(errorCodeName(ErrorCode::WrongRoom), u"wrong-room"_s);
    QCOMPARE(errorCodeName(ErrorCode::UnknownDevice), u"unknown-device"_s);
    QCOMPARE(errorCodeName(ErrorCode::HelloFirst), u"hello-first"_s);
    QCOMPARE(errorCodeName(ErrorCode::UnknownPoll), u"unknown-poll"_s);
    QCOMPARE(errorCodeName(ErrorCode::PollClosed), u"poll-closed"_s);
    QCOMPARE(errorCodeName(ErrorCode::InvalidAnswer), u"invalid-answer"_s);
    QCOMPARE(errorCodeName(ErrorCode::RateLimited), u"rate-limited"_s);
    QCOMPARE(errorCodeName(ErrorCode::StorageFailed), u"storage-failed"_s);
    QCOMPARE(errorCodeName(ErrorCode::InvalidQuestion), u"invalid-question"_s);
    QCOMPARE(errorCodeName(ErrorCode::UnknownQuestion), u"unknown-question"_s);
    QCOMPARE(errorCodeName(ErrorCode::NotYours), u"not-yours"_s);
    QCOMPARE(errorCodeName(ErrorCode::QuestionClosed), u"question-closed"_s);
    QCOMPARE(errorCodeName(ErrorCode::Forbidden), u"forbidden"_s);
    QCOMPARE(errorCodeName(ErrorCode::InvalidAction), u"invalid-action"_s);
}

void TestPollMessages::parsesValidClientMessages_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ClientMessage>("expected");

    QTest::newRow("hello") << R"({"type":"hello","protocol":1,"room":"K7P2QX","device":"abc"})"_ba
                           << ClientMessage(Hello{1, u"K7P2QX"_s, u"abc"_s});
    QTest::newRow("hello, other protocol (the server decides)")
        << R"({"type":"hello","protocol":2,"room":"k7p-2qx","device":"abc"})"_ba
        << ClientMessage(Hello{2, u"k7p-2qx"_s, u"abc"_s});
    QTest::newRow("ping") << R"({"type":"ping"})"_ba << ClientMessage(Ping{});
    QTest::newRow("ping with extra fields") << R"({"type":"ping","x":[1,2]})"_ba << ClientMessage(Ping{});
    QTest::newRow("vote, one option") << R"({"type":"vote","id":7,"poll":"uses-uv","answer":["yes"]})"_ba
                                      << ClientMessage(Vote{7, u"uses-uv"_s, {u"yes"_s}});
    QTest::newRow("vote, several options") << R"({"type":"vote","id":8,"poll":"nix","answer":["a","b"]})"_ba
                                           << ClientMessage(Vote{8, u"nix"_s, {u"a"_s, u"b"_s}});
    QTest::newRow("vote, empty answer (the event refuses it)")
        << R"({"type":"vote","id":9,"poll":"nix","answer":[]})"_ba << ClientMessage(Vote{9, u"nix"_s, {}});
    QTest::newRow("vote, largest id") << R"({"type":"vote","id":2147483647,"poll":"p","answer":["1"]})"_ba
                                      << ClientMessage(Vote{2147483647, u"p"_s, {u"1"_s}});
    QTest::newRow("vote, id written as 3.0")
        << R"({"type":"vote","id":3.0,"poll":"p","answer":["x"]})"_ba << ClientMessage(Vote{3, u"p"_s, {u"x"_s}});
    QTest::newRow("vote, markup is only text")
        << R"({"type":"vote","id":4,"poll":"w","answer":["<img src=x onerror=alert(1)>"]})"_ba
        << ClientMessage(Vote{4, u"w"_s, {u"<img src=x onerror=alert(1)>"_s}});
}

void TestPollMessages::parsesValidClientMessages()
{
    QFETCH(QByteArray, json);
    QFETCH(ClientMessage, expected);
    const auto message = parseClientMessage(json);
    QVERIFY2(message, qPrintable(message ? QString() : message.error().message));
    QVERIFY(*message == expected);
}

void TestPollMessages::refusesInvalidClientMessages_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<qint64>("requestId"); ///< 0: none expected

    const QString badMessage = u"bad-message"_s;
    QTest::newRow("empty") << QByteArray() << badMessage << qint64(0);
    QTest::newRow("not JSON") << "hello"_ba << badMessage << qint64(0);
    QTest::newRow("truncated") << R"({"type":"vote","id":1,)"_ba << badMessage << qint64(0);
    QTest::newRow("array") << R"([{"type":"ping"}])"_ba << badMessage << qint64(0);
    QTest::newRow("string") << R"("ping")"_ba << badMessage << qint64(0);
    QTest::newRow("no type") << R"({"id":1})"_ba << badMessage << qint64(1);
    QTest::newRow("type not a string") << R"({"type":1})"_ba << badMessage << qint64(0);
    QTest::newRow("unknown type") << R"({"type":"results"})"_ba << badMessage << qint64(0);
    QTest::newRow("unknown type, with an id") << R"({"type":"results","id":4})"_ba << badMessage << qint64(4);
    QTest::newRow("question message (QuestionMessages reads it)")
        << R"({"type":"ask","id":5,"text":"Why?"})"_ba << badMessage << qint64(5);
    QTest::newRow("hello without device")
        << R"({"type":"hello","protocol":1,"room":"K7P2QX"})"_ba << badMessage << qint64(0);
    QTest::newRow("hello, empty device") << R"({"type":"hello","protocol":1,"room":"K","device":""})"_ba << badMessage
                                         << qint64(0);
    QTest::newRow("hello, device a number")
        << R"({"type":"hello","protocol":1,"room":"K","device":5})"_ba << badMessage << qint64(0);
    QTest::newRow("hello, device too long")
        << QByteArray(R"({"type":"hello","protocol":1,"room":"K","device":")" + QByteArray(65, 'a') + R"("})")
        << badMessage << qint64(0);
    QTest::newRow("hello without room") << R"({"type":"hello","protocol":1,"device":"abc"})"_ba << badMessage
                                        << qint64(0);
    QTest::newRow("hello, protocol a string")
        << R"({"type":"hello","protocol":"1","room":"K","device":"d"})"_ba << badMessage << qint64(0);
    QTest::newRow("hello, protocol 1.5") << R"({"type":"hello","protocol":1.5,"room":"K","device":"d"})"_ba
                                         << badMessage << qint64(0);
    QTest::newRow("vote without id") << R"({"type":"vote","poll":"p","answer":["a"]})"_ba << badMessage << qint64(0);
    QTest::newRow("vote, id 0") << R"({"type":"vote","id":0,"poll":"p","answer":["a"]})"_ba << badMessage << qint64(0);
    QTest::newRow("vote, id negative") << R"({"type":"vote","id":-3,"poll":"p","answer":["a"]})"_ba << badMessage
                                       << qint64(0);
    QTest::newRow("vote, id 2^31") << R"({"type":"vote","id":2147483648,"poll":"p","answer":["a"]})"_ba << badMessage
                                   << qint64(0);
    QTest::newRow("vote, id 1.5") << R"({"type":"vote","id":1.5,"poll":"p","answer":["a"]})"_ba << badMessage
                                  << qint64(0);
    QTest::newRow("vote, id a string") << R"({"type":"vote","id":"1","poll":"p","answer":["a"]})"_ba << badMessage
                                       << qint64(0);
    QTest::newRow("vote, id 1e300") << R"({"type":"vote","id":1e300,"poll":"p","answer":["a"]})"_ba << badMessage
                                    << qint64(0);
    QTest::newRow("vote without poll") << R"({"type":"vote","id":5,"answer":["a"]})"_ba << badMessage << qint64(5);
    QTest::newRow("vote, empty poll") << R"({"type":"vote","id":5,"poll":"","answer":["a"]})"_ba << badMessage
                                      << qint64(5);
    QTest::newRow("vote, poll id too long")
        << QByteArray(R"({"type":"vote","id":5,"poll":")" + QByteArray(65, 'p') + R"(","answer":["a"]})") << badMessage
        << qint64(5);
    QTest::newRow("vote, answer a string")
        << R"({"type":"vote","id":6,"poll":"p","answer":"yes"})"_ba << badMessage << qint64(6);
    QTest::newRow("vote, answer missing") << R"({"type":"vote","id":6,"poll":"p"})"_ba << badMessage << qint64(6);
    QTest::newRow("vote, answer with a number")
        << R"({"type":"vote","id":6,"poll":"p","answer":["a",2]})"_ba << badMessage << qint64(6);
    QTest::newRow("vote, answer with null")
        << R"({"type":"vote","id":6,"poll":"p","answer":[null]})"_ba << badMessage << qint64(6);
    QTest::newRow("vote, more parts than any poll has")
        << R"({"type":"vote","id":7,"poll":"p","answer":["1","2","3","4","5","6","7","8","9","10","11","12","13"]})"_ba
        << u"invalid-answer"_s << qint64(7);
}

void TestPollMessages::refusesInvalidClientMessages()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(qint64, requestId);
    const auto message = parseClientMessage(json);
    QVERIFY(!message);
    QCOMPARE(errorCodeName(message.error().code), code);
    QVERIFY(!message.error().message.isEmpty());
    QCOMPARE(message.error().requestId, requestId ? std::optional<qint64>(requestId) : std::nullopt);
}

void TestPollMessages::parsesJoinRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("room");
    QTest::addColumn<QString>("device");

    QTest::newRow("first visit") << R"({"room":"K7P2QX"})"_ba << true << u"K7P2QX"_s << QString();
    QTest::newRow("with token") << R"({"room":"k7p-2qx","device":"tok"})"_ba << true << u"k7p-2qx"_s << u"tok"_s;
    QTest::newRow("device null") << R"({"room":"K7P2QX","device":null})"_ba << true << u"K7P2QX"_s << QString();
    QTest::newRow("device too long: a new one")
        << QByteArray(R"({"room":"K7P2QX","device":")" + QByteArray(100, 'x') + R"("})") << true << u"K7P2QX"_s
        << QString();
    QTest::newRow("device a number") << R"({"room":"K7P2QX","device":12})"_ba << false << QString() << QString();
    QTest::newRow("room missing") << R"({"device":"tok"})"_ba << false << QString() << QString();
    QTest::newRow("room a number") << R"({"room":123456})"_ba << false << QString() << QString();
    QTest::newRow("room too long") << QByteArray(R"({"room":")" + QByteArray(65, 'K') + R"("})") << false << QString()
                                   << QString();
    QTest::newRow("not JSON") << "room=K7P2QX"_ba << false << QString() << QString();
    QTest::newRow("array") << R"(["K7P2QX"])"_ba << false << QString() << QString();
    QTest::newRow("empty") << QByteArray() << false << QString() << QString();
}

void TestPollMessages::parsesJoinRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    QFETCH(QString, room);
    QFETCH(QString, device);
    const Result<JoinRequest> request = parseJoinRequest(body);
    QCOMPARE(bool(request), valid);
    if (!valid) {
        QVERIFY(!request.error().isEmpty());
        return;
    }
    QCOMPARE(request->room, room);
    QCOMPARE(request->device, device);
}

void TestPollMessages::pollObjectHasTheFieldsOfItsKind_data()
{
    QTest::addColumn<Poll>("poll");
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("revealed");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray options =
        R"("options":[{"id":"yes","label":"Yes"},{"id":"no","label":"No"},{"id":"what-is-uv","label":"What is uv?"}])";
    QTest::newRow("single") << pollOfKind(Poll::Kind::SingleChoice) << int(PollState::Open) << false
                            << QByteArray(R"({"id":"p1","question":"Do you use uv?","kind":"single","state":"open",)"
                                          R"("showResults":"afterVoting","revealed":false,)" +
                                          options + R"(,"maxChoices":1})");
    QTest::newRow("multiple") << pollOfKind(Poll::Kind::MultipleChoice) << int(PollState::Closed) << true
                              << QByteArray(R"({"id":"p1","question":"Do you use uv?","kind":"multiple",)"
                                            R"("state":"closed","showResults":"afterVoting","revealed":true,)" +
                                            options + R"(,"maxChoices":2})");
    Poll unlimited = pollOfKind(Poll::Kind::MultipleChoice);
    unlimited.maxChoices = 0;
    unlimited.resultsVisibility = Poll::ResultsVisibility::Never;
    QTest::newRow("multiple, no limit: every option") << unlimited << int(PollState::Open) << false
                                                      << QByteArray(R"({"id":"p1","question":"Do you use uv?",)"
                                                                    R"("kind":"multiple","state":"open",)"
                                                                    R"("showResults":"never","revealed":false,)" +
                                                                    options + R"(,"maxChoices":3})");
    QTest::newRow("rating") << pollOfKind(Poll::Kind::Rating) << int(PollState::Open) << false
                            << R"({"id":"p1","question":"Do you use uv?","kind":"rating","state":"open",)"
                               R"("showResults":"afterVoting","revealed":false,)"
                               R"("ratingLabels":{"low":"Boring","high":"Great"}})"_ba;
    Poll words = pollOfKind(Poll::Kind::WordCloud);
    words.resultsVisibility = Poll::ResultsVisibility::AfterReveal;
    QTest::newRow("wordcloud") << words << int(PollState::Open) << false
                               << R"({"id":"p1","question":"Do you use uv?","kind":"wordcloud","state":"open",)"
                                  R"("showResults":"afterReveal","revealed":false})"_ba;
    QTest::newRow("text") << pollOfKind(Poll::Kind::OpenText) << int(PollState::Closed) << false
                          << R"({"id":"p1","question":"Do you use uv?","kind":"text","state":"closed",)"
                             R"("showResults":"afterVoting","revealed":false})"_ba;
}

void TestPollMessages::pollObjectHasTheFieldsOfItsKind()
{
    QFETCH(Poll, poll);
    QFETCH(int, state);
    QFETCH(bool, revealed);
    QFETCH(QByteArray, expected);
    QCOMPARE(pollObject(poll, PollState(state), revealed), parsed(expected));
}

void TestPollMessages::pollMessageCarriesThePhonesAnswerOrNull()
{
    const QJsonObject poll = pollObject(pollOfKind(Poll::Kind::MultipleChoice), PollState::Open, false);

    const QJsonObject answered = parsed(pollMessage(poll, QStringList{u"yes"_s, u"no"_s}));
    QCOMPARE(answered.value("type"_L1).toString(), u"poll"_s);
    QJsonObject expected = poll;
    expected.insert("yourAnswer"_L1, QJsonArray{u"yes"_s, u"no"_s});
    QCOMPARE(answered.value("poll"_L1).toObject(), expected);

    const QJsonObject notAnswered = parsed(pollMessage(poll, std::nullopt));
    QVERIFY(notAnswered.value("poll"_L1).toObject().contains("yourAnswer"_L1));
    QVERIFY(notAnswered.value("poll"_L1).toObject().value("yourAnswer"_L1).isNull());
}

void TestPollMessages::pollMessageWithoutPollIsNull()
{
    const QJsonObject message = parsed(pollMessage(std::nullopt, QStringList{u"yes"_s}));
    QCOMPARE(message, parsed(R"({"type":"poll","poll":null})"_ba));
}

void TestPollMessages::resultsMessageListsCountsByKind_data()
{
    QTest::addColumn<Poll>("poll");
    QTest::addColumn<PollResults>("results");
    QTest::addColumn<QByteArray>("expected");

    PollResults choice;
    choice.pollId = u"p1"_s;
    choice.voterCount = 5;
    choice.counts = {{u"yes"_s, 3}, {u"no"_s, 0}, {u"what-is-uv"_s, 2}};
    QTest::newRow("single: every option with its label")
        << pollOfKind(Poll::Kind::SingleChoice) << choice
        << R"({"type":"results","poll":"p1","voters":5,"counts":[{"answer":"yes","label":"Yes","count":3},)"
           R"({"answer":"no","label":"No","count":0},{"answer":"what-is-uv","label":"What is uv?","count":2}]})"_ba;

    PollResults rating;
    rating.voterCount = 3;
    rating.counts = {{u"1"_s, 0}, {u"2"_s, 0}, {u"3"_s, 1}, {u"4"_s, 0}, {u"5"_s, 2}};
    QTest::newRow("rating: 1 to 5, no labels")
        << pollOfKind(Poll::Kind::Rating) << rating
        << R"({"type":"results","poll":"p1","voters":3,"counts":[{"answer":"1","count":0},{"answer":"2","count":0},)"
           R"({"answer":"3","count":1},{"answer":"4","count":0},{"answer":"5","count":2}]})"_ba;

    PollResults words;
    words.revealed = true;
    words.voterCount = 4; // one hidden answer is counted among the voters, not listed
    words.counts = {{u"rust"_s, 2}, {u"<b>go</b>"_s, 1}};
    words.hiddenAnswers = {u"spam"_s};
    QTest::newRow("wordcloud, revealed: shown answers only")
        << pollOfKind(Poll::Kind::WordCloud) << words
        << R"({"type":"results","poll":"p1","voters":4,"counts":[{"answer":"rust","count":2},)"
           R"({"answer":"<b>go</b>","count":1}]})"_ba;

    PollResults unrevealedWords = words;
    unrevealedWords.revealed = false;
    QTest::newRow("wordcloud, not revealed: voters, no audience text")
        << pollOfKind(Poll::Kind::WordCloud) << unrevealedWords << R"({"type":"results","poll":"p1","voters":4})"_ba;

    PollResults texts;
    texts.voterCount = 1;
    texts.counts = {{u"More demos, please!"_s, 1}};
    QTest::newRow("text, not revealed: voters, no audience text")
        << pollOfKind(Poll::Kind::OpenText) << texts << R"({"type":"results","poll":"p1","voters":1})"_ba;

    PollResults noTexts;
    noTexts.revealed = true;
    QTest::newRow("text, revealed: no answers yet")
        << pollOfKind(Poll::Kind::OpenText) << noTexts << R"({"type":"results","poll":"p1","voters":0,"counts":[]})"_ba;

    PollResults unrevealedChoice = choice;
    QTest::newRow("single, not revealed: counts all the same")
        << pollOfKind(Poll::Kind::SingleChoice) << unrevealedChoice
        << R"({"type":"results","poll":"p1","voters":5,"counts":[{"answer":"yes","label":"Yes","count":3},)"
           R"({"answer":"no","label":"No","count":0},{"answer":"what-is-uv","label":"What is uv?","count":2}]})"_ba;
}

void TestPollMessages::resultsMessageListsCountsByKind()
{
    QFETCH(Poll, poll);
    QFETCH(PollResults, results);
    QFETCH(QByteArray, expected);
    QCOMPARE(parsed(resultsMessage(poll, results)), parsed(expected));
}

void TestPollMessages::resultsMessageListsAtMostAHundredAnswers()
{
    PollResults results;
    for (int i = 0; i < 150; ++i)
        results.counts.append({u"word%1"_s.arg(i), 150 - i});
    results.voterCount = 150;
    results.revealed = true;
    const QJsonObject message = parsed(resultsMessage(pollOfKind(Poll::Kind::WordCloud), results));
    const QJsonArray counts = message.value("counts"_L1).toArray();
    QCOMPARE(counts.size(), kMaxListedAnswers);
    QCOMPARE(counts.first().toObject().value("answer"_L1).toString(), u"word0"_s);
    QCOMPARE(counts.last().toObject().value("answer"_L1).toString(), u"word99"_s);
    QCOMPARE(message.value("voters"_L1).toInt(), 150);
}

void TestPollMessages::resultsVisibilityFollowsThePollsSetting_data()
{
    QTest::addColumn<int>("visibility");
    QTest::addColumn<bool>("revealed");
    QTest::addColumn<bool>("answered");
    QTest::addColumn<bool>("visible");

    const int never = int(Poll::ResultsVisibility::Never);
    const int afterVoting = int(Poll::ResultsVisibility::AfterVoting);
    const int afterReveal = int(Poll::ResultsVisibility::AfterReveal);
    QTest::newRow("never, revealed and answered") << never << true << true << false;
    QTest::newRow("after voting, not answered") << afterVoting << false << false << false;
    QTest::newRow("after voting, answered") << afterVoting << false << true << true;
    QTest::newRow("after voting, revealed") << afterVoting << true << false << true;
    QTest::newRow("after reveal, answered") << afterReveal << false << true << false;
    QTest::newRow("after reveal, revealed") << afterReveal << true << false << true;
}

void TestPollMessages::resultsVisibilityFollowsThePollsSetting()
{
    QFETCH(int, visibility);
    QFETCH(bool, revealed);
    QFETCH(bool, answered);
    QFETCH(bool, visible);
    QCOMPARE(maySeeResults(Poll::ResultsVisibility(visibility), revealed, answered), visible);
}

void TestPollMessages::serverMessagesHaveTheirFields()
{
    QCOMPARE(parsed(welcomeMessage(1, u"K7P2QX"_s, u"Evening"_s, u"Talk"_s)),
             parsed(R"({"type":"welcome","protocol":1,"room":"K7P2QX","event":"Evening","session":"Talk"})"_ba));
    QCOMPARE(parsed(ackMessage(2147483647, u"p1"_s, {u"yes"_s})),
             parsed(R"({"type":"ack","id":2147483647,"poll":"p1","answer":["yes"]})"_ba));
    QCOMPARE(parsed(errorMessage(Refusal{ErrorCode::PollClosed, u"Closed."_s, 12, {}, {}})),
             parsed(R"({"type":"error","code":"poll-closed","message":"Closed.","id":12})"_ba));
    QCOMPARE(parsed(errorMessage(Refusal{ErrorCode::HelloFirst, u"Hello."_s, std::nullopt, {}, {}})),
             parsed(R"({"type":"error","code":"hello-first","message":"Hello."})"_ba));
    QCOMPARE(parsed(errorMessage(Refusal{ErrorCode::InvalidQuestion, u"Type."_s, 3, u"empty"_s, {}})),
             parsed(R"({"type":"error","code":"invalid-question","message":"Type.","id":3,"reason":"empty"})"_ba));
    QCOMPARE(parsed(errorMessage(Refusal{ErrorCode::RateLimited, u"Wait."_s, 4, {}, 17})),
             parsed(R"({"type":"error","code":"rate-limited","message":"Wait.","id":4,"retryAfter":17})"_ba));
    QCOMPARE(parsed(pongMessage()), parsed(R"({"type":"pong"})"_ba));
    QCOMPARE(parsed(joinAnswer(1, u"K7P2QX"_s, u"tok"_s, u"E"_s, u"S"_s)),
             parsed(R"({"protocol":1,"room":"K7P2QX","device":"tok","event":"E","session":"S"})"_ba));
    QCOMPARE(parsed(httpError(u"wrong-room"_s, u"No."_s)), parsed(R"({"error":"No.","code":"wrong-room"})"_ba));
}

QTEST_GUILESS_MAIN(TestPollMessages)
#include "tst_pollmessages.moc"
