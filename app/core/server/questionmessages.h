#pragma once

#include "model/question.h"
#include "server/pollmessages.h"
#include "storage/questionstore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <tl/expected.hpp>

#include <functional>
#include <optional>
#include <variant>

namespace Lectern {

/**
 * The JSON of the Q&A and moderator parts of the audience protocol (server/PROTOCOL.md, "Questions (Q&A)" and
 * "Moderator"): what phones and moderator pages send, parsed and checked for shape into typed messages, and what
 * the server sends, built from the event's question records. Pure functions of their arguments, with no I/O and
 * no state, so that they can be fuzzed. Errors share PollMessages' codes and `error` message.
 */
namespace QuestionMessages {

using PollMessages::ErrorCode;
using PollMessages::Refusal;

/** Question ids are SQLite row ids; a page holds them as JavaScript numbers, exact up to 2⁵³ − 1. */
inline constexpr qint64 kMaxQuestionId = 9007199254740991;
/** The most blocked words one `settings` message may set, and the longest of them (characters). */
inline constexpr int kMaxBlockedWords = 200;
inline constexpr int kMaxBlockedWordLength = 40;

/** `ask`: a question for the session on stage, checked for shape only (normalising it is the event's). */
struct Ask
{
    qint64 id = 0; ///< the request id
    QString text;
    QString name; ///< empty: anonymous

    friend bool operator==(const Ask &, const Ask &) = default;
};

/** `upvote`: on true upvotes a question, false takes the upvote back. */
struct Upvote
{
    qint64 id = 0;
    qint64 question = 0;
    bool on = true;

    friend bool operator==(const Upvote &, const Upvote &) = default;
};

/** `withdraw`: the author takes their question back. */
struct Withdraw
{
    qint64 id = 0;
    qint64 question = 0;

    friend bool operator==(const Withdraw &, const Withdraw &) = default;
};

/** `moderator`: the first message of a moderator page's connection, instead of `hello`. */
struct ModeratorHello
{
    int protocol = 0;
    QString token;

    friend bool operator==(const ModeratorHello &, const ModeratorHello &) = default;
};

/** What a moderator does to a question (`moderate`'s `action`). */
enum class Action { Approve, Hide, Answer, Pin, Unpin, Merge, Block, Unblock };
/** The action as the protocol spells it: "approve", "hide"… */
QString actionName(Action action);
std::optional<Action> actionFromName(QStringView name);

/** `moderate`: an action on a question; `into` is set exactly for Merge. */
struct Moderate
{
    qint64 id = 0;
    Action action = Action::Approve;
    qint64 question = 0;
    std::optional<qint64> into;

    friend bool operator==(const Moderate &, const Moderate &) = default;
};

/** `settings`: the session's approval queue and/or the event's blocked words; at least one of them. */
struct Settings
{
    qint64 id = 0;
    std::optional<bool> approval;
    std::optional<QStringList> blockedWords;

    friend bool operator==(const Settings &, const Settings &) = default;
};

using ClientMessage = std::variant<Ask, Upvote, Withdraw, ModeratorHello, Moderate, Settings>;

/** True for the message types this codec reads: ask, upvote, withdraw, moderator, moderate, settings. */
bool isQuestionMessageType(QStringView type);
/** True for the types only a moderator's connection may send: moderator, moderate, settings. */
bool isModeratorMessageType(QStringView type);

/**
 * Parses one message already read as a JSON object (PollMessages::parseMessageObject). Anything but a
 * well-formed message of a type isQuestionMessageType() names is refused with `bad-message`, with the request
 * id when it could be read.
 */
tl::expected<ClientMessage, Refusal> parseClientMessage(const QJsonObject &object);
/** The same from the bytes of a WebSocket text message. */
tl::expected<ClientMessage, Refusal> parseClientMessage(const QByteArray &json);

/** States everyone sees a question in, with its text: shown, pinned, answered, unanswered. */
bool isVisible(Question::State state);

/** The question with its text: `{"id", "text", "name", "votes", "state"}`, and `mergedInto` when merged. */
QJsonObject questionObject(const QuestionRecord &record);
/**
 * The question as every phone may see it: questionObject() when visible, else only `{"id", "state"}` (and
 * `mergedInto`): its text stays with its author and the moderators.
 */
QJsonObject publicQuestionObject(const QuestionRecord &record);
/** A visible question whose vote count alone changed: `{"id", "votes"}`. */
QJsonObject votesObject(const QuestionRecord &record);

/**
 * What every phone is sent of a question besides its votes (publicQuestionObject()). The server keeps it per
 * question, so that it knows which changes were votes alone and may go out as votesObject().
 */
struct PublicPart
{
    Question::State state = Question::State::Waiting;
    std::optional<qint64> mergedInto;
    QString text;
    QString name;

    friend bool operator==(const PublicPart &, const PublicPart &) = default;
};
PublicPart publicPartOf(const Question &question);
/** The moderator's view of a question: every field but the device that asked (PROTOCOL.md, `moderation`). */
QJsonObject moderationQuestionObject(const QuestionRecord &record, bool authorBlocked);

/**
 * The part of a `questions` message every phone shares: `type`, `session`, `approval` and `questions` (the
 * visible questions among those given, in their order). Serialised once, then finished per phone by
 * questionsMessage().
 */
QByteArray sharedQuestionsPart(const QString &session, bool approval, const QList<QuestionRecord> &questions);
/**
 * A `questions` message: the shared part with this phone's `yours` (its questions, withdrawn ones left out,
 * with their text) and `upvoted` (question ids).
 */
QByteArray questionsMessage(const QByteArray &sharedPart, const QList<QuestionRecord> &yours,
                            const QList<qint64> &upvoted);
/**
 * `questionUpdates`: the questions given, each as publicQuestionObject(), but as votesObject() those in
 * votesChangedOnly that are visible (the votes of a question phones do not see are never sent).
 */
QByteArray questionUpdatesMessage(const QList<QuestionRecord> &changed, const QSet<qint64> &votesChangedOnly = {});
/** `yours`: this phone's questions (withdrawn ones left out), with their text. */
QByteArray yoursMessage(const QList<QuestionRecord> &yours);
QByteArray askedMessage(qint64 requestId, const QuestionRecord &record);
QByteArray upvotedMessage(qint64 requestId, qint64 question, bool on);
QByteArray withdrawnMessage(qint64 requestId, qint64 question);

/**
 * `moderation`: the session's questions in every state, in the order given, with the approval setting and the
 * blocked words. isAuthorBlocked tells for a device token whether it is blocked; tokens are never written.
 */
QByteArray moderationMessage(const QString &session, bool approval, const QStringList &blockedWords,
                             const QList<QuestionRecord> &questions,
                             const std::function<bool(const QString &deviceToken)> &isAuthorBlocked);
QByteArray doneMessage(qint64 requestId);

} // namespace QuestionMessages
} // namespace Lectern
