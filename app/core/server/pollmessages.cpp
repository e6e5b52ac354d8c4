#include "server/pollmessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lectern::PollMessages {

std::optional<qint64> wholeNumber(const QJsonValue &value, qint64 lowest, qint64 highest)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number || number < double(lowest) || number > double(highest))
        return std::nullopt;
    return qint64(number);
}

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonArray stringArray(const QStringList &strings)
{
    QJsonArray array;
    for (const QString &string : strings)
        array.append(string);
    return array;
}

tl::unexpected<Refusal> refuse(ErrorCode code, const QString &message, std::optional<qint64> requestId = {})
{
    return tl::unexpected<Refusal>(Refusal{code, message, requestId, {}, {}});
}

/** A string field that must be there, not empty and at most maxLength characters long. */
std::optional<QString> boundedString(const QJsonObject &object, QLatin1StringView key, int maxLength)
{
    const QJsonValue value = object.value(key);
    if (!value.isString())
        return std::nullopt;
    const QString string = value.toString();
    if (string.isEmpty() || string.size() > maxLength)
        return std::nullopt;
    return string;
}

tl::expected<ClientMessage, Refusal> parseHello(const QJsonObject &object)
{
    const std::optional<qint64> protocol = wholeNumber(object.value("protocol"_L1), 0, kMaxVoteId);
    if (!protocol)
        return refuse(ErrorCode::BadMessage, u"hello needs \"protocol\", a whole number."_s);
    const std::optional<QString> room = boundedString(object, "room"_L1, kMaxTokenLength);
    if (!room)
        return refuse(ErrorCode::BadMessage, u"hello needs \"room\", the room code."_s);
    const std::optional<QString> device = boundedString(object, "device"_L1, kMaxTokenLength);
    if (!device)
        return refuse(ErrorCode::BadMessage, u"hello needs \"device\", the token from join."_s);
    return Hello{int(*protocol), *room, *device};
}

tl::expected<ClientMessage, Refusal> parseVote(const QJsonObject &object)
{
    const std::optional<qint64> id = wholeNumber(object.value("id"_L1), 1, kMaxVoteId);
    if (!id)
        return refuse(ErrorCode::BadMessage, u"A vote needs \"id\", a whole number from 1 to 2147483647."_s);
    const std::optional<QString> pollId = boundedString(object, "poll"_L1, Poll::kMaxIdLength);
    if (!pollId)
        return refuse(ErrorCode::BadMessage, u"A vote needs \"poll\", the id of the poll."_s, id);
    const QJsonValue answerValue = object.value("answer"_L1);
    if (!answerValue.isArray())
        return refuse(ErrorCode::BadMessage, u"A vote needs \"answer\", an array of strings."_s, id);
    const QJsonArray answerArray = answerValue.toArray();
    QStringList answer;
    answer.reserve(answerArray.size());
    for (const QJsonValue &part : answerArray) {
        if (!part.isString())
            return refuse(ErrorCode::BadMessage, u"Every entry of \"answer\" must be a string."_s, id);
        answer.append(part.toString());
    }
    // No poll has more options than this: a longer answer cannot be right, whatever the poll.
    if (answer.size() > Poll::kMaxOptions)
        return refuse(ErrorCode::InvalidAnswer, u"That answer has too many parts."_s, id);
    return Vote{*id, *pollId, answer};
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadMessage:
        return u"bad-message"_s;
    case ErrorCode::WrongRoom:
        return u"wrong-room"_s;
    case ErrorCode::UnknownDevice:
        return u"unknown-device"_s;
    case ErrorCode::HelloFirst:
        return u"hello-first"_s;
    case ErrorCode::UnknownPoll:
        return u"unknown-poll"_s;
    case ErrorCode::PollClosed:
        return u"poll-closed"_s;
    case ErrorCode::InvalidAnswer:
        return u"invalid-answer"_s;
    case ErrorCode::RateLimited:
        return u"rate-limited"_s;
    case ErrorCode::StorageFailed:
        return u"storage-failed"_s;
    case ErrorCode::InvalidQuestion:
        return u"invalid-question"_s;
    case ErrorCode::UnknownQuestion:
        return u"unknown-question"_s;
    case ErrorCode::NotYours:
        return u"not-yours"_s;
    case ErrorCode::QuestionClosed:
        return u"question-closed"_s;
    case ErrorCode::Forbidden:
        return u"forbidden"_s;
    case ErrorCode::InvalidAction:
        return u"invalid-action"_s;
    }
    Q_UNREACHABLE();
}

tl::expected<QJsonObject, Refusal> parseMessageObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return refuse(ErrorCode::BadMessage, u"The message is not JSON: %1."_s.arg(error.errorString()));
    if (!document.isObject())
        return refuse(ErrorCode::BadMessage, u"The message is not a JSON object."_s);
    QJsonObject object = document.object();
    if (!object.value("type"_L1).isString())
        return refuse(ErrorCode::BadMessage, u"The message has no \"type\"."_s, requestIdOf(object));
    return object;
}

tl::expected<ClientMessage, Refusal> parseClientMessage(const QJsonObject &object)
{
    const QString typeName = object.value("type"_L1).toString();
    if (typeName == "hello"_L1)
        return parseHello(object);
    if (typeName == "vote"_L1)
        return parseVote(object);
    if (typeName == "ping"_L1)
        return Ping{};
    return refuse(ErrorCode::BadMessage, u"Unknown message type."_s, requestIdOf(object));
}

tl::expected<ClientMessage, Refusal> parseClientMessage(const QByteArray &json)
{
    const tl::expected<QJsonObject, Refusal> object = parseMessageObject(json);
    if (!object)
        return tl::unexpected<Refusal>(object.error());
    return parseClientMessage(*object);
}

std::optional<qint64> requestIdOf(const QJsonObject &object)
{
    return wholeNumber(object.value("id"_L1), 1, kMaxVoteId);
}

Result<JoinRequest> parseJoinRequest(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(u"The body is not JSON: %1 at character %2."_s.arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return fail(u"The body is not a JSON object."_s);
    const QJsonObject object = document.object();
    const QJsonValue room = object.value("room"_L1);
    if (!room.isString())
        return fail(u"The field \"room\" (the room code, a string) is missing."_s);
    if (room.toString().size() > kMaxTokenLength)
        return fail(u"The field \"room\" is too long to be a room code."_s);
    const QJsonValue device = object.value("device"_L1);
    if (!device.isUndefined() && !device.isNull() && !device.isString())
        return fail(u"The field \"device\" must be a string."_s);
    // A token of any other length was not issued here: the phone gets a new one, as for a first visit.
    QString token = device.toString();
    if (token.size() > kMaxTokenLength)
        token.clear();
    return JoinRequest{room.toString(), token};
}

QByteArray joinAnswer(int protocol, const QString &room, const QString &device, const QString &event,
                      const QString &session)
{
    return compact(QJsonObject{{"protocol"_L1, protocol},
                               {"room"_L1, room},
                               {"device"_L1, device},
                               {"event"_L1, event},
                               {"session"_L1, session}});
}

QByteArray httpError(const QString &code, const QString &message)
{
    return compact(QJsonObject{{"error"_L1, message}, {"code"_L1, code}});
}

QString kindName(Poll::Kind kind)
{
    switch (kind) {
    case Poll::Kind::SingleChoice:
        return u"single"_s;
    case Poll::Kind::MultipleChoice:
        return u"multiple"_s;
    case Poll::Kind::Rating:
        return u"rating"_s;
    case Poll::Kind::WordCloud:
        return u"wordcloud"_s;
    case Poll::Kind::OpenText:
        return u"text"_s;
    }
    Q_UNREACHABLE();
}

QString showResultsName(Poll::ResultsVisibility visibility)
{
    switch (visibility) {
    case Poll::ResultsVisibility::Never:
        return u"never"_s;
    case Poll::ResultsVisibility::AfterVoting:
        return u"afterVoting"_s;
    case Poll::ResultsVisibility::AfterReveal:
        return u"afterReveal"_s;
    }
    Q_UNREACHABLE();
}

QJsonObject pollObject(const Poll &poll, PollState state, bool revealed)
{
    QJsonObject object{
        {"id"_L1, poll.id},
        {"question"_L1, poll.question},
        {"kind"_L1, kindName(poll.kind)},
        {"state"_L1, state == PollState::Open ? u"open"_s : u"closed"_s},
        {"showResults"_L1, showResultsName(poll.resultsVisibility)},
        {"revealed"_L1, revealed},
    };
    if (poll.isChoice()) {
        QJsonArray options;
        for (const PollOption &option : poll.options)
            options.append(QJsonObject{{"id"_L1, option.id}, {"label"_L1, option.label}});
        object.insert("options"_L1, options);
        object.insert("maxChoices"_L1, poll.choiceLimit());
    } else if (poll.kind == Poll::Kind::Rating) {
        object.insert("ratingLabels"_L1,
                      QJsonObject{{"low"_L1, poll.ratingLowLabel}, {"high"_L1, poll.ratingHighLabel}});
    }
    return object;
}

QByteArray pollMessage(const std::optional<QJsonObject> &poll, const std::optional<QStringList> &yourAnswer)
{
    QJsonObject message{{"type"_L1, u"poll"_s}};
    if (poll) {
        QJsonObject withAnswer = *poll;
        withAnswer.insert("yourAnswer"_L1, yourAnswer ? QJsonValue(stringArray(*yourAnswer)) : QJsonValue());
        message.insert("poll"_L1, withAnswer);
    } else {
        message.insert("poll"_L1, QJsonValue());
    }
    return compact(message);
}

QByteArray resultsMessage(const Poll &poll, const PollResults &results)
{
    QJsonArray counts;
    if (poll.isChoice()) {
        for (const AnswerCount &count : results.counts) {
            const auto option = std::find_if(poll.options.cbegin(), poll.options.cend(),
                                             [&](const PollOption &candidate) { return candidate.id == count.answer; });
            counts.append(QJsonObject{{"answer"_L1, count.answer},
                                      {"label"_L1, option == poll.options.cend() ? count.answer : option->label},
                                      {"count"_L1, count.count}});
        }
    } else if (poll.kind == Poll::Kind::Rating) {
        for (const AnswerCount &count : results.counts)
            counts.append(QJsonObject{{"answer"_L1, count.answer}, {"count"_L1, count.count}});
    } else {
        // Audience text reaches phones only after the speaker has seen it and revealed it.
        if (!results.revealed)
            return compact(
                QJsonObject{{"type"_L1, u"results"_s}, {"poll"_L1, poll.id}, {"voters"_L1, results.voterCount}});
        for (const AnswerCount &count : results.counts) {
            if (counts.size() >= kMaxListedAnswers)
                break;
            counts.append(QJsonObject{{"answer"_L1, count.answer}, {"count"_L1, count.count}});
        }
    }
    return compact(QJsonObject{
        {"type"_L1, u"results"_s}, {"poll"_L1, poll.id}, {"voters"_L1, results.voterCount}, {"counts"_L1, counts}});
}

bool maySeeResults(Poll::ResultsVisibility visibility, bool revealed, bool answered)
{
    switch (visibility) {
    case Poll::ResultsVisibility::Never:
        return false;
    case Poll::ResultsVisibility::AfterVoting:
        return answered || revealed;
    case Poll::ResultsVisibility::AfterReveal:
        return revealed;
    }
    Q_UNREACHABLE();
}

QByteArray welcomeMessage(int protocol, const QString &room, const QString &event, const QString &session)
{
    return compact(QJsonObject{{"type"_L1, u"welcome"_s},
                               {"protocol"_L1, protocol},
                               {"room"_L1, room},
                               {"event"_L1, event},
                               {"session"_L1, session}});
}

QByteArray ackMessage(qint64 voteId, const QString &pollId, const QStringList &answer)
{
    return compact(
        QJsonObject{{"type"_L1, u"ack"_s}, {"id"_L1, voteId}, {"poll"_L1, pollId}, {"answer"_L1, stringArray(answer)}});
}

QByteArray errorMessage(const Refusal &refusal)
{
    QJsonObject message{
        {"type"_L1, u"error"_s}, {"code"_L1, errorCodeName(refusal.code)}, {"message"_L1, refusal.message}};
    if (refusal.requestId)
        message.insert("id"_L1, *refusal.requestId);
    if (!refusal.reason.isEmpty())
        message.insert("reason"_L1, refusal.reason);
    if (refusal.retryAfterSeconds)
        message.insert("retryAfter"_L1, *refusal.retryAfterSeconds);
    return compact(message);
}

QByteArray pongMessage()
{
    return compact(QJsonObject{{"type"_L1, u"pong"_s}});
}

} // namespace Lectern::PollMessages
