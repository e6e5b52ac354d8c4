#pragma once

#include "event/livepolls.h"
#include "model/poll.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <tl/expected.hpp>

#include <optional>
#include <variant>

namespace Lectern {

/**
 * The JSON of the audience protocol (server/PROTOCOL.md) in both directions: what phones send, parsed and
 * checked for shape into typed messages, and what the server sends, built from the event's polls and
 * results. Pure functions of their arguments, with no I/O and no state, so that they can be fuzzed.
 *
 * The server's texts for the network are fixed English on purpose: the page shows its own words, picked by
 * the stable error code, and the texts are for logs and other clients. One exception: the message of an
 * `invalid-answer` error is the event's reason (LivePolls), in the laptop's language, since only it knows
 * what was wrong with the answer.
 */
namespace PollMessages {

/** A WebSocket error code of the protocol. */
enum class ErrorCode {
    BadMessage,
    WrongRoom,
    UnknownDevice,
    HelloFirst,
    UnknownPoll,
    PollClosed,
    InvalidAnswer,
    RateLimited,
    StorageFailed,
    // Questions and moderation (QuestionMessages).
    InvalidQuestion,
    UnknownQuestion,
    NotYours,
    QuestionClosed,
    Forbidden,
    InvalidAction,
};
/** The code as the protocol spells it: "bad-message", "wrong-room"… */
QString errorCodeName(ErrorCode code);

/** A message from a phone refused, with what the phone is told. */
struct Refusal
{
    ErrorCode code = ErrorCode::BadMessage;
    QString message;
    /** The id of the request (vote, ask, moderate…) refused, when the message had one that could be read. */
    std::optional<qint64> requestId;
    /** For `invalid-question`: why, as the protocol spells it ("empty", "too-long", "name-too-long"). */
    QString reason;
    /** For `rate-limited`: whole seconds until the request would be taken. */
    std::optional<int> retryAfterSeconds;

    friend bool operator==(const Refusal &, const Refusal &) = default;
};

/** `hello`: the first message of every connection. */
struct Hello
{
    int protocol = 0;
    QString room;
    QString device;

    friend bool operator==(const Hello &, const Hello &) = default;
};

/** `vote`: an answer to a poll, checked for shape only (whether it fits the poll is the event's call). */
struct Vote
{
    qint64 id = 0;
    QString pollId;
    QStringList answer;

    friend bool operator==(const Vote &, const Vote &) = default;
};

/** `ping`: keeps the connection alive. */
struct Ping
{
    friend bool operator==(const Ping &, const Ping &) = default;
};

using ClientMessage = std::variant<Hello, Vote, Ping>;

/** The largest request (vote, ask…) id a page may choose (2³¹ − 1). */
inline constexpr qint64 kMaxVoteId = 2147483647;
/** The longest device token or room code accepted in a message; issued ones are far shorter. */
inline constexpr int kMaxTokenLength = 64;
/** Word-cloud and open-text results list this many answers at most. */
inline constexpr int kMaxListedAnswers = 100;

/** A JSON number that is a whole number in [lowest, highest] (ids, versions); nothing for anything else. */
std::optional<qint64> wholeNumber(const QJsonValue &value, qint64 lowest, qint64 highest);

/** Parses one WebSocket text message. Anything but a well-formed message of the protocol is refused. */
tl::expected<ClientMessage, Refusal> parseClientMessage(const QByteArray &json);
/**
 * Reads a WebSocket text message as a JSON object with a string `type`, the first step of every message
 * (QuestionMessages reads the types it knows from the object); anything else is refused with `bad-message`.
 */
tl::expected<QJsonObject, Refusal> parseMessageObject(const QByteArray &json);
/** parseClientMessage() of a message already read by parseMessageObject(). */
tl::expected<ClientMessage, Refusal> parseClientMessage(const QJsonObject &object);
/** The message's request id (`id`, a whole number 1…kMaxVoteId), when it has one. */
std::optional<qint64> requestIdOf(const QJsonObject &object);

/** The body of `POST /api/v1/join`. */
struct JoinRequest
{
    QString room;
    QString device; ///< empty on a first visit

    friend bool operator==(const JoinRequest &, const JoinRequest &) = default;
};
/** Parses a join body; the error says in words what is wrong with it (HTTP 400, "bad-request"). */
Result<JoinRequest> parseJoinRequest(const QByteArray &body);

/** The answer to a successful join. */
QByteArray joinAnswer(int protocol, const QString &room, const QString &device, const QString &event,
                      const QString &session);
/** The body of a failed HTTP request: `{"error": message, "code": code}`. */
QByteArray httpError(const QString &code, const QString &message);

/** "single", "multiple", "rating", "wordcloud" or "text". */
QString kindName(Poll::Kind kind);
/** "never", "afterVoting" or "afterReveal". */
QString showResultsName(Poll::ResultsVisibility visibility);

/**
 * The poll object of a `poll` message, without `yourAnswer` (which differs from phone to phone). For polls
 * that are open or closed: drafts are never sent.
 */
QJsonObject pollObject(const Poll &poll, PollState state, bool revealed);
/** A `poll` message: the poll object given (none: `null`) with this phone's recorded answer. */
QByteArray pollMessage(const std::optional<QJsonObject> &poll, const std::optional<QStringList> &yourAnswer);
/**
 * A `results` message: choice polls every option with its label, ratings 1…5, word-cloud and open-text polls
 * the most frequent shown answers, but only once revealed: before, audience text is not sent and the message
 * has `voters` without `counts`.
 */
QByteArray resultsMessage(const Poll &poll, const PollResults &results);
/** Whether a phone may see a poll's results (PROTOCOL.md: "A phone may see results when…"). */
bool maySeeResults(Poll::ResultsVisibility visibility, bool revealed, bool answered);

QByteArray welcomeMessage(int protocol, const QString &room, const QString &event, const QString &session);
QByteArray ackMessage(qint64 voteId, const QString &pollId, const QStringList &answer);
QByteArray errorMessage(const Refusal &refusal);
QByteArray pongMessage();

} // namespace PollMessages
} // namespace Lectern
