#include "server/questionmessages.h"
#include "model/poll.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lectern::QuestionMessages {

namespace {

const std::pair<Action, QLatin1StringView> kActionNames[] = {
    {Action::Approve, "approve"_L1}, {Action::Hide, "hide"_L1},       {Action::Answer, "answer"_L1},
    {Action::Pin, "pin"_L1},         {Action::Unpin, "unpin"_L1},     {Action::Merge, "merge"_L1},
    {Action::Block, "block"_L1},     {Action::Unblock, "unblock"_L1},
};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

tl::unexpected<Refusal> refuse(const QString &message, std::optional<qint64> requestId = {})
{
    return tl::unexpected<Refusal>(Refusal{ErrorCode::BadMessage, message, requestId, {}, {}});
}

std::optional<qint64> questionId(const QJsonObject &object, QLatin1StringView key)
{
    return PollMessages::wholeNumber(object.value(key), 1, kMaxQuestionId);
}

/** The request id every message but `moderator` must carry. */
tl::expected<qint64, Refusal> requestId(const QJsonObject &object, const QString &type)
{
    const std::optional<qint64> id = PollMessages::requestIdOf(object);
    if (!id)
        return refuse(u"%1 needs \"id\", a whole number from 1 to 2147483647."_s.arg(type));
    return *id;
}

tl::expected<ClientMessage, Refusal> parseAsk(const QJsonObject &object)
{
    const auto id = requestId(object, u"ask"_s);
    if (!id)
        return tl::unexpected<Refusal>(id.error());
    const QJsonValue text = object.value("text"_L1);
    if (!text.isString())
        return refuse(u"ask needs \"text\", a string."_s, *id);
    const QJsonValue name = object.value("name"_L1);
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return refuse(u"\"name\" must be a string."_s, *id);
    return Ask{*id, text.toString(), name.toString()};
}

tl::expected<ClientMessage, Refusal> parseUpvote(const QJsonObject &object)
{
    const auto id = requestId(object, u"upvote"_s);
    if (!id)
        return tl::unexpected<Refusal>(id.error());
    const std::optional<qint64> question = questionId(object, "question"_L1);
    if (!question)
        return refuse(u"upvote needs \"question\", a question id."_s, *id);
    const QJsonValue on = object.value("on"_L1);
    if (!on.isBool())
        return refuse(u"upvote needs \"on\", true or false."_s, *id);
    return Upvote{*id, *question, on.toBool()};
}

tl::expected<ClientMessage, Refusal> parseWithdraw(const QJsonObject &object)
{
    const auto id = requestId(object, u"withdraw"_s);
    if (!id)
        return tl::unexpected<Refusal>(id.error());
    const std::optional<qint64> question = questionId(object, "question"_L1);
    if (!question)
        return refuse(u"withdraw needs \"question\", a question id."_s, *id);
    return Withdraw{*id, *question};
}

tl::expected<ClientMessage, Refusal> parseModeratorHello(const QJsonObject &object)
{
    const std::optional<qint64> protocol =
        PollMessages::wholeNumber(object.value("protocol"_L1), 0, PollMessages::kMaxVoteId);
    if (!protocol)
        return refuse(u"moderator needs \"protocol\", a whole number."_s);
    const QJsonValue token = object.value("token"_L1);
    if (!token.isString() || token.toString().isEmpty() || token.toString().size() > PollMessages::kMaxTokenLength)
        return refuse(u"moderator needs \"token\", the secret from the page's address."_s);
    return ModeratorHello{int(*protocol), token.toString()};
}

tl::expected<ClientMessage, Refusal> parseModerate(const QJsonObject &object)
{
    const auto id = requestId(object, u"moderate"_s);
    if (!id)
        return tl::unexpected<Refusal>(id.error());
    const QJsonValue actionValue = object.value("action"_L1);
    const std::optional<Action> action =
        actionValue.isString() ? actionFromName(actionValue.toString()) : std::optional<Action>();
    if (!action)
        return refuse(u"moderate needs \"action\": approve, hide, answer, pin, unpin, merge, block or unblock."_s, *id);
    const std::optional<qint64> question = questionId(object, "question"_L1);
    if (!question)
        return refuse(u"moderate needs \"question\", a question id."_s, *id);
    Moderate moderate{*id, *action, *question, std::nullopt};
    if (*action == Action::Merge) {
        moderate.into = questionId(object, "into"_L1);
        if (!moderate.into)
            return refuse(u"merge needs \"into\", the id of the question to merge into."_s, *id);
    }
    return moderate;
}

tl::expected<ClientMessage, Refusal> parseSettings(const QJsonObject &object)
{
    const auto id = requestId(object, u"settings"_s);
    if (!id)
        return tl::unexpected<Refusal>(id.error());
    Settings settings{*id, std::nullopt, std::nullopt};
    const QJsonValue approval = object.value("approval"_L1);
    if (!approval.isUndefined()) {
        if (!approval.isBool())
            return refuse(u"\"approval\" must be true or false."_s, *id);
        settings.approval = approval.toBool();
    }
    const QJsonValue words = object.value("blockedWords"_L1);
    if (!words.isUndefined()) {
        if (!words.isArray())
            return refuse(u"\"blockedWords\" must be an array of strings."_s, *id);
        const QJsonArray array = words.toArray();
        if (array.size() > kMaxBlockedWords)
            return refuse(u"At most %1 blocked words."_s.arg(kMaxBlockedWords), *id);
        QStringList list;
        list.reserve(array.size());
        for (const QJsonValue &word : array) {
            if (!word.isString())
                return refuse(u"Every blocked word must be a string."_s, *id);
            if (characterCount(word.toString()) > kMaxBlockedWordLength)
                return refuse(u"A blocked word has at most %1 characters."_s.arg(kMaxBlockedWordLength), *id);
            list.append(word.toString());
        }
        settings.blockedWords = list;
    }
    if (!settings.approval && !settings.blockedWords)
        return refuse(u"settings needs \"approval\" or \"blockedWords\"."_s, *id);
    return settings;
}

QJsonValue millisecondsOrNull(const std::optional<QDateTime> &time)
{
    return time ? QJsonValue(time->toMSecsSinceEpoch()) : QJsonValue();
}

QJsonArray yoursArray(const QList<QuestionRecord> &yours)
{
    QJsonArray array;
    for (const QuestionRecord &record : yours) {
        if (record.question.state != Question::State::Withdrawn)
            array.append(questionObject(record));
    }
    return array;
}

} // namespace

QString actionName(Action action)
{
    for (const auto &[known, name] : kActionNames) {
        if (known == action)
            return name;
    }
    Q_UNREACHABLE();
}

std::optional<Action> actionFromName(QStringView name)
{
    for (const auto &[action, known] : kActionNames) {
        if (name == known)
            return action;
    }
    return std::nullopt;
}

bool isQuestionMessageType(QStringView type)
{
    return type == "ask"_L1 || type == "upvote"_L1 || type == "withdraw"_L1 || isModeratorMessageType(type);
}

bool isModeratorMessageType(QStringView type)
{
    return type == "moderator"_L1 || type == "moderate"_L1 || type == "settings"_L1;
}

tl::expected<ClientMessage, Refusal> parseClientMessage(const QJsonObject &object)
{
    const QString type = object.value("type"_L1).toString();
    if (type == "ask"_L1)
        return parseAsk(object);
    if (type == "upvote"_L1)
        return parseUpvote(object);
    if (type == "withdraw"_L1)
        return parseWithdraw(object);
    if (type == "moderator"_L1)
        return parseModeratorHello(object);
    if (type == "moderate"_L1)
        return parseModerate(object);
    if (type == "settings"_L1)
        return parseSettings(object);
    return refuse(u"Unknown message type."_s, PollMessages::requestIdOf(object));
}

tl::expected<ClientMessage, Refusal> parseClientMessage(const QByteArray &json)
{
    const tl::expected<QJsonObject, Refusal> object = PollMessages::parseMessageObject(json);
    if (!object)
        return tl::unexpected<Refusal>(object.error());
    return parseClientMessage(*object);
}

bool isVisible(Question::State state)
{
    switch (state) {
    case Question::State::Shown:
    case Question::State::Pinned:
    case Question::State::Answered:
    case Question::State::Unanswered:
        return true;
    case Question::State::Waiting:
    case Question::State::Hidden:
    case Question::State::Merged:
    case Question::State::Withdrawn:
        return false;
    }
    Q_UNREACHABLE();
}

QJsonObject questionObject(const QuestionRecord &record)
{
    const Question &question = record.question;
    QJsonObject object{
        {"id"_L1, question.id},
        {"text"_L1, question.text},
        {"name"_L1, question.displayName},
        {"votes"_L1, record.votes},
        {"state"_L1, questionStateName(question.state)},
    };
    if (question.mergedInto)
        object.insert("mergedInto"_L1, *question.mergedInto);
    return object;
}

QJsonObject publicQuestionObject(const QuestionRecord &record)
{
    if (isVisible(record.question.state))
        return questionObject(record);
    QJsonObject object{{"id"_L1, record.question.id}, {"state"_L1, questionStateName(record.question.state)}};
    if (record.question.mergedInto)
        object.insert("mergedInto"_L1, *record.question.mergedInto);
    return object;
}

QJsonObject votesObject(const QuestionRecord &record)
{
    Q_ASSERT(isVisible(record.question.state));
    return QJsonObject{{"id"_L1, record.question.id}, {"votes"_L1, record.votes}};
}

PublicPart publicPartOf(const Question &question)
{
    return PublicPart{question.state, question.mergedInto, question.text, question.displayName};
}

QJsonObject moderationQuestionObject(const QuestionRecord &record, bool authorBlocked)
{
    const Question &question = record.question;
    return QJsonObject{
        {"id"_L1, question.id},
        {"text"_L1, question.text},
        {"name"_L1, question.displayName},
        {"votes"_L1, record.votes},
        {"state"_L1, questionStateName(question.state)},
        {"askedAt"_L1, millisecondsOrNull(question.createdAt)},
        {"pinnedAt"_L1, millisecondsOrNull(question.pinnedAt)},
        {"answeredAt"_L1, millisecondsOrNull(question.answeredAt)},
        {"mergedInto"_L1, question.mergedInto ? QJsonValue(*question.mergedInto) : QJsonValue()},
        {"authorBlocked"_L1, authorBlocked},
    };
}

QByteArray sharedQuestionsPart(const QString &session, bool approval, const QList<QuestionRecord> &questions)
{
    QJsonArray visible;
    for (const QuestionRecord &record : questions) {
        if (isVisible(record.question.state))
            visible.append(questionObject(record));
    }
    return compact(QJsonObject{
        {"type"_L1, u"questions"_s}, {"session"_L1, session}, {"approval"_L1, approval}, {"questions"_L1, visible}});
}

QByteArray questionsMessage(const QByteArray &sharedPart, const QList<QuestionRecord> &yours,
                            const QList<qint64> &upvoted)
{
    QJsonArray upvotedArray;
    for (const qint64 id : upvoted)
        upvotedArray.append(id);
    const QByteArray own = compact(QJsonObject{{"yours"_L1, yoursArray(yours)}, {"upvoted"_L1, upvotedArray}});
    // Both are compact JSON objects with members: "{shared…}" and "{own…}" join into "{shared…,own…}", so that
    // the questions every phone shares are serialised once, not once per phone.
    Q_ASSERT(sharedPart.startsWith('{') && sharedPart.endsWith('}') && sharedPart.size() > 2);
    QByteArray message;
    message.reserve(sharedPart.size() + own.size());
    message.append(QByteArrayView(sharedPart).chopped(1));
    message.append(',');
    message.append(QByteArrayView(own).sliced(1));
    return message;
}

QByteArray questionUpdatesMessage(const QList<QuestionRecord> &changed, const QSet<qint64> &votesChangedOnly)
{
    QJsonArray questions;
    for (const QuestionRecord &record : changed) {
        const bool votesAlone = isVisible(record.question.state) && votesChangedOnly.contains(record.question.id);
        questions.append(votesAlone ? votesObject(record) : publicQuestionObject(record));
    }
    return compact(QJsonObject{{"type"_L1, u"questionUpdates"_s}, {"questions"_L1, questions}});
}

QByteArray yoursMessage(const QList<QuestionRecord> &yours)
{
    return compact(QJsonObject{{"type"_L1, u"yours"_s}, {"questions"_L1, yoursArray(yours)}});
}

QByteArray askedMessage(qint64 requestId, const QuestionRecord &record)
{
    return compact(QJsonObject{{"type"_L1, u"asked"_s}, {"id"_L1, requestId}, {"question"_L1, questionObject(record)}});
}

QByteArray upvotedMessage(qint64 requestId, qint64 question, bool on)
{
    return compact(
        QJsonObject{{"type"_L1, u"upvoted"_s}, {"id"_L1, requestId}, {"question"_L1, question}, {"on"_L1, on}});
}

QByteArray withdrawnMessage(qint64 requestId, qint64 question)
{
    return compact(QJsonObject{{"type"_L1, u"withdrawn"_s}, {"id"_L1, requestId}, {"question"_L1, question}});
}

QByteArray moderationMessage(const QString &session, bool approval, const QStringList &blockedWords,
                             const QList<QuestionRecord> &questions,
                             const std::function<bool(const QString &deviceToken)> &isAuthorBlocked)
{
    QJsonArray array;
    for (const QuestionRecord &record : questions)
        array.append(moderationQuestionObject(record, isAuthorBlocked(record.question.deviceToken)));
    return compact(QJsonObject{{"type"_L1, u"moderation"_s},
                               {"session"_L1, session},
                               {"approval"_L1, approval},
                               {"blockedWords"_L1, QJsonArray::fromStringList(blockedWords)},
                               {"questions"_L1, array}});
}

QByteArray doneMessage(qint64 requestId)
{
    return compact(QJsonObject{{"type"_L1, u"done"_s}, {"id"_L1, requestId}});
}

} // namespace Lectern::QuestionMessages
