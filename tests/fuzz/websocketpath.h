#pragma once

#include "fuzzcheck.h"
#include "server/pollmessages.h"
#include "server/questionmessages.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <variant>

/**
 * What AudienceServer does with a WebSocket text frame before anything reaches the event (receive() and
 * receiveQuestionMessage() in server/audienceserver.cpp), with the rules every step must keep. Shared by the phone
 * and the moderator targets, which differ in the connection's role and in their seeds.
 */
namespace Lectern::Fuzz {

enum class Role { Phone, Moderator };

using namespace Qt::StringLiterals;

inline QJsonArray stringArray(const QStringList &strings)
{
    QJsonArray array;
    for (const QString &string : strings)
        array.append(string);
    return array;
}

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/** A message as a page would send it: what the parser read from it must read back the same. */
inline QJsonObject encoded(const PollMessages::ClientMessage &message)
{
    if (const auto *hello = std::get_if<PollMessages::Hello>(&message))
        return {{"type"_L1, u"hello"_s},
                {"protocol"_L1, hello->protocol},
                {"room"_L1, hello->room},
                {"device"_L1, hello->device}};
    if (const auto *vote = std::get_if<PollMessages::Vote>(&message))
        return {{"type"_L1, u"vote"_s},
                {"id"_L1, vote->id},
                {"poll"_L1, vote->pollId},
                {"answer"_L1, stringArray(vote->answer)}};
    return {{"type"_L1, u"ping"_s}};
}

inline QJsonObject encoded(const QuestionMessages::ClientMessage &message)
{
    if (const auto *ask = std::get_if<QuestionMessages::Ask>(&message))
        return {{"type"_L1, u"ask"_s}, {"id"_L1, ask->id}, {"text"_L1, ask->text}, {"name"_L1, ask->name}};
    if (const auto *upvote = std::get_if<QuestionMessages::Upvote>(&message))
        return {
            {"type"_L1, u"upvote"_s}, {"id"_L1, upvote->id}, {"question"_L1, upvote->question}, {"on"_L1, upvote->on}};
    if (const auto *withdraw = std::get_if<QuestionMessages::Withdraw>(&message))
        return {{"type"_L1, u"withdraw"_s}, {"id"_L1, withdraw->id}, {"question"_L1, withdraw->question}};
    if (const auto *hello = std::get_if<QuestionMessages::ModeratorHello>(&message))
        return {{"type"_L1, u"moderator"_s}, {"protocol"_L1, hello->protocol}, {"token"_L1, hello->token}};
    if (const auto *moderate = std::get_if<QuestionMessages::Moderate>(&message)) {
        QJsonObject object{{"type"_L1, u"moderate"_s},
                           {"id"_L1, moderate->id},
                           {"action"_L1, QuestionMessages::actionName(moderate->action)},
                           {"question"_L1, moderate->question}};
        if (moderate->into)
            object.insert("into"_L1, *moderate->into);
        return object;
    }
    const auto &settings = std::get<QuestionMessages::Settings>(message);
    QJsonObject object{{"type"_L1, u"settings"_s}, {"id"_L1, settings.id}};
    if (settings.approval)
        object.insert("approval"_L1, *settings.approval);
    if (settings.blockedWords)
        object.insert("blockedWords"_L1, stringArray(*settings.blockedWords));
    return object;
}

/** The `error` message a refusal is sent as: a JSON object with the protocol's code and the request's id. */
inline void checkRefusal(const PollMessages::Refusal &refusal, const std::optional<QJsonObject> &message)
{
    require(!refusal.message.isEmpty(), "a refusal says why");
    if (refusal.requestId) {
        require(*refusal.requestId >= 1 && *refusal.requestId <= PollMessages::kMaxVoteId,
                "a refusal's request id is one a page may choose");
        // Without the message object (not JSON, no type), the id was read from what there was.
        require(!message || PollMessages::requestIdOf(*message) == refusal.requestId,
                "a refusal carries the id of the message refused");
    }
    const QJsonObject sent = writtenObject(PollMessages::errorMessage(refusal), "an error message is a JSON object");
    require(sent.value("type"_L1) == u"error"_s, "an error message has type error");
    require(sent.value("code"_L1) == PollMessages::errorCodeName(refusal.code), "an error message has its code");
    require(PollMessages::requestIdOf(sent) == refusal.requestId, "an error message carries the request id");
}

inline void checkPollMessage(const PollMessages::ClientMessage &message)
{
    const QByteArray json = compact(encoded(message));
    const auto again = PollMessages::parseClientMessage(json);
    require(again && (*again == message || hasStringStartingWithByteOrderMark(json)),
            "a phone message read by PollMessages reads back the same once re-encoded");
    if (const auto *hello = std::get_if<PollMessages::Hello>(&message)) {
        require(!hello->room.isEmpty() && hello->room.size() <= PollMessages::kMaxTokenLength,
                "hello's room code is bounded");
        require(!hello->device.isEmpty() && hello->device.size() <= PollMessages::kMaxTokenLength,
                "hello's device token is bounded");
    } else if (const auto *vote = std::get_if<PollMessages::Vote>(&message)) {
        require(vote->id >= 1 && vote->id <= PollMessages::kMaxVoteId, "a vote's id is in range");
        require(!vote->pollId.isEmpty() && vote->pollId.size() <= Poll::kMaxIdLength, "a vote's poll id is bounded");
        require(vote->answer.size() <= Poll::kMaxOptions, "a vote has at most as many parts as a poll has options");
        // What LivePolls does with the answer of a word-cloud poll before counting it.
        for (const QString &part : vote->answer)
            checkWordCloudAnswer(part);
        const QByteArray ackJson = PollMessages::ackMessage(vote->id, vote->pollId, vote->answer);
        const QJsonObject ack = writtenObject(ackJson, "an ack is a JSON object");
        require(PollMessages::requestIdOf(ack) == vote->id, "an ack carries the vote's id");
        require(ack.value("answer"_L1).toArray() == stringArray(vote->answer) ||
                    hasStringStartingWithByteOrderMark(ackJson),
                "an ack carries the vote's answer");
    }
}

inline void checkQuestionMessage(const QuestionMessages::ClientMessage &message)
{
    const QByteArray json = compact(encoded(message));
    const auto again = QuestionMessages::parseClientMessage(json);
    require(again && (*again == message || hasStringStartingWithByteOrderMark(json)),
            "a message read by QuestionMessages reads back the same once re-encoded");
    if (const auto *ask = std::get_if<QuestionMessages::Ask>(&message)) {
        // AudienceServer::Private::ask() normalises both before the event does.
        checkQuestionText(ask->text);
        checkQuestionText(ask->name);
    } else if (const auto *upvote = std::get_if<QuestionMessages::Upvote>(&message)) {
        require(upvote->question >= 1 && upvote->question <= QuestionMessages::kMaxQuestionId,
                "an upvote names a question id");
    } else if (const auto *hello = std::get_if<QuestionMessages::ModeratorHello>(&message)) {
        require(!hello->token.isEmpty() && hello->token.size() <= PollMessages::kMaxTokenLength,
                "a moderator token is bounded");
    } else if (const auto *moderate = std::get_if<QuestionMessages::Moderate>(&message)) {
        require(moderate->into.has_value() == (moderate->action == QuestionMessages::Action::Merge),
                "a moderate message has into exactly for merge");
        require(QuestionMessages::actionFromName(QuestionMessages::actionName(moderate->action)) == moderate->action,
                "an action's name reads back as the action");
    } else if (const auto *settings = std::get_if<QuestionMessages::Settings>(&message)) {
        require(settings->approval || settings->blockedWords, "a settings message changes something");
        if (settings->blockedWords) {
            require(settings->blockedWords->size() <= QuestionMessages::kMaxBlockedWords,
                    "a settings message has a bounded number of blocked words");
            for (const QString &word : *settings->blockedWords)
                require(characterCount(word) <= QuestionMessages::kMaxBlockedWordLength, "blocked words are bounded");
        }
    }
}

/** AudienceServer's receive() of one text frame on a connection of the role given, past the rate limits. */
inline void receiveTextFrame(const QByteArray &frame, Role role)
{
    const QByteArray json = asTextFrame(frame);
    const tl::expected<QJsonObject, PollMessages::Refusal> object = PollMessages::parseMessageObject(json);
    if (!object) {
        checkRefusal(object.error(), std::nullopt);
        require(!PollMessages::parseClientMessage(json) && !QuestionMessages::parseClientMessage(json),
                "what is not a message object is refused by both codecs");
        return;
    }
    const std::optional<qint64> requestId = PollMessages::requestIdOf(*object);
    if (requestId)
        require(*requestId >= 1 && *requestId <= PollMessages::kMaxVoteId, "request ids are in range");

    const QString type = object->value("type"_L1).toString();
    const bool questionType = QuestionMessages::isQuestionMessageType(type);
    const bool moderatorType = QuestionMessages::isModeratorMessageType(type);
    require(!moderatorType || questionType, "moderator messages are read by QuestionMessages");

    // Both codecs see every message here, though the server hands it to one: they must split the types.
    const auto pollMessage = PollMessages::parseClientMessage(*object);
    const auto questionMessage = QuestionMessages::parseClientMessage(*object);
    require(!pollMessage || !questionType, "PollMessages reads no question message type");
    require(!questionMessage || questionType, "QuestionMessages reads only its own message types");
    require(PollMessages::parseClientMessage(json) == pollMessage, "PollMessages reads bytes as their object");
    require(QuestionMessages::parseClientMessage(json) == questionMessage,
            "QuestionMessages reads bytes as their object");

    if (questionType) {
        // A phone is told it may not, whatever the shape of the message.
        if (role == Role::Phone && moderatorType)
            return;
        if (questionMessage)
            checkQuestionMessage(*questionMessage);
        else
            checkRefusal(questionMessage.error(), *object);
        return;
    }
    if (pollMessage)
        checkPollMessage(*pollMessage);
    else
        checkRefusal(pollMessage.error(), *object);
}

} // namespace Lectern::Fuzz
