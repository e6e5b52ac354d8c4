#include "storage/questionstore.h"
#include "storage/database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

QVariant millisecondsOf(const std::optional<QDateTime> &time)
{
    return time ? QVariant(time->toMSecsSinceEpoch()) : QVariant();
}

std::optional<QDateTime> timeOf(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

const QString kQuestionColumns =
    u"q.id, q.session_index, q.device_token, q.text, q.display_name, q.state, q.merged_into, q.created_at, "
    "q.pinned_at, q.answered_at, (SELECT COUNT(*) FROM question_votes AS v WHERE v.question_id = q.id)"_s;

QuestionRecord questionFromRow(const QSqlQuery &query)
{
    QuestionRecord record;
    Question &question = record.question;
    question.id = query.value(0).toLongLong();
    question.sessionIndex = query.value(1).toInt();
    question.deviceToken = query.value(2).toString();
    question.text = query.value(3).toString();
    question.displayName = query.value(4).toString();
    // The schema's CHECK admits only known names.
    question.state = questionStateFromName(query.value(5).toString()).value_or(Question::State::Hidden);
    if (!query.value(6).isNull())
        question.mergedInto = query.value(6).toLongLong();
    question.createdAt = timeOf(query.value(7));
    question.pinnedAt = timeOf(query.value(8));
    question.answeredAt = timeOf(query.value(9));
    record.votes = query.value(10).toInt();
    return record;
}

} // namespace

QuestionStore::QuestionStore(Database &database)
    : m_database(database)
{}

Result<qint64> QuestionStore::add(const Question &question)
{
    if (!question.createdAt)
        return fail(tr("Cannot record a question without the time it was asked."));
    // COALESCE: an anonymous question's name may be a null QString, which binds as NULL.
    const Result<QSqlQuery> query = m_database.exec(
        u"INSERT INTO questions (session_index, device_token, text, display_name, state, merged_into, created_at, "
        "pinned_at, answered_at) VALUES (?, ?, ?, COALESCE(?, ''), ?, ?, ?, ?, ?)"_s,
        {question.sessionIndex, question.deviceToken, question.text, question.displayName,
         questionStateName(question.state), question.mergedInto ? QVariant(*question.mergedInto) : QVariant(),
         millisecondsOf(question.createdAt), millisecondsOf(question.pinnedAt), millisecondsOf(question.answeredAt)});
    if (!query)
        return fail(tr("Cannot record the question: %1").arg(query.error()));
    return query->lastInsertId().toLongLong();
}

Result<std::optional<QuestionRecord>> QuestionStore::question(qint64 id) const
{
    Result<QSqlQuery> query =
        m_database.exec(u"SELECT "_s + kQuestionColumns + u" FROM questions AS q WHERE q.id = ?"_s, {id});
    if (!query)
        return fail(tr("Cannot read question %1: %2").arg(id).arg(query.error()));
    std::optional<QuestionRecord> record;
    if (query->next())
        record = questionFromRow(*query);
    return record;
}

Result<QList<QuestionRecord>> QuestionStore::questions(int sessionIndex) const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT "_s + kQuestionColumns +
                                                  u" FROM questions AS q WHERE q.session_index = ? ORDER BY q.id"_s,
                                              {sessionIndex});
    if (!query)
        return fail(tr("Cannot read the questions of session %1: %2").arg(sessionIndex + 1).arg(query.error()));
    QList<QuestionRecord> records;
    while (query->next())
        records.append(questionFromRow(*query));
    return records;
}

Result<QHash<qint64, QSet<QString>>> QuestionStore::upvoters(int sessionIndex) const
{
    Result<QSqlQuery> query = m_database.exec(
        u"SELECT v.question_id, v.device_token FROM question_votes AS v JOIN questions AS q ON q.id = v.question_id "
        "WHERE q.session_index = ?"_s,
        {sessionIndex});
    if (!query)
        return fail(tr("Cannot read the upvotes of session %1: %2").arg(sessionIndex + 1).arg(query.error()));
    QHash<qint64, QSet<QString>> upvoters;
    while (query->next())
        upvoters[query->value(0).toLongLong()].insert(query->value(1).toString());
    return upvoters;
}

Result<QuestionRecord> QuestionStore::requireQuestion(qint64 id) const
{
    const Result<std::optional<QuestionRecord>> found = question(id);
    if (!found)
        return fail(found.error());
    if (!*found)
        return fail(tr("There is no question %1 in this event.").arg(id));
    return **found;
}

Result<> QuestionStore::setState(qint64 id, Question::State state, const QDateTime &at)
{
    QString sql;
    QVariantList values{questionStateName(state)};
    switch (state) {
    case Question::State::Merged:
        return fail(tr("Question %1 can only become merged by merging it into another.").arg(id));
    case Question::State::Pinned:
        sql = u"UPDATE questions SET state = ?, merged_into = NULL, pinned_at = ?, answered_at = NULL WHERE id = ?"_s;
        values.append(millisecondsOf(at));
        break;
    case Question::State::Answered:
        sql = u"UPDATE questions SET state = ?, merged_into = NULL, answered_at = ? WHERE id = ?"_s;
        values.append(millisecondsOf(at));
        break;
    case Question::State::Waiting:
    case Question::State::Shown:
    case Question::State::Hidden:
    case Question::State::Withdrawn:
    case Question::State::Unanswered:
        sql = u"UPDATE questions SET state = ?, merged_into = NULL WHERE id = ?"_s;
        break;
    }
    values.append(id);
    const Result<QSqlQuery> query = m_database.exec(sql, values);
    if (!query)
        return fail(tr("Cannot change the state of question %1: %2").arg(id).arg(query.error()));
    if (query->numRowsAffected() == 0)
        return fail(tr("There is no question %1 in this event.").arg(id));
    return {};
}

Result<> QuestionStore::writeStates(const QList<Question> &questions)
{
    if (questions.isEmpty())
        return {};
    const Result<> written = m_database.transaction([&]() -> Result<> {
        Result<QSqlQuery> update = m_database.prepare(
            u"UPDATE questions SET state = ?, merged_into = ?, pinned_at = ?, answered_at = ? WHERE id = ?"_s);
        if (!update)
            return fail(update.error());
        for (const Question &question : questions) {
            const QVariant mergedInto = question.mergedInto ? QVariant(*question.mergedInto) : QVariant();
            if (const Result<> ran = Database::run(*update, {questionStateName(question.state), mergedInto,
                                                             millisecondsOf(question.pinnedAt),
                                                             millisecondsOf(question.answeredAt), question.id});
                !ran)
                return fail(tr("question %1: %2").arg(question.id).arg(ran.error()));
            if (update->numRowsAffected() == 0)
                return fail(tr("There is no question %1 in this event.").arg(question.id));
        }
        return {};
    });
    if (!written)
        return fail(tr("Cannot change the state of the questions: %1").arg(written.error()));
    return {};
}

Result<bool> QuestionStore::upvote(qint64 id, const QString &deviceToken)
{
    const Result<QSqlQuery> query = m_database.exec(
        u"INSERT OR IGNORE INTO question_votes (question_id, device_token) VALUES (?, ?)"_s, {id, deviceToken});
    if (!query) {
        // A foreign key failed: say which, when it is the question.
        if (const Result<QuestionRecord> exists = requireQuestion(id); !exists)
            return fail(exists.error());
        return fail(tr("Cannot record the upvote of question %1: %2").arg(id).arg(query.error()));
    }
    return query->numRowsAffected() > 0;
}

Result<bool> QuestionStore::removeUpvote(qint64 id, const QString &deviceToken)
{
    const Result<QSqlQuery> query =
        m_database.exec(u"DELETE FROM question_votes WHERE question_id = ? AND device_token = ?"_s, {id, deviceToken});
    if (!query)
        return fail(tr("Cannot take back the upvote of question %1: %2").arg(id).arg(query.error()));
    if (query->numRowsAffected() > 0)
        return true;
    if (const Result<QuestionRecord> exists = requireQuestion(id); !exists)
        return fail(exists.error());
    return false;
}

Result<> QuestionStore::merge(qint64 from, qint64 into)
{
    const Result<> merged = m_database.transaction([&]() -> Result<> {
        if (from == into)
            return fail(tr("a question cannot be merged into itself"));
        const Result<QuestionRecord> duplicate = requireQuestion(from);
        if (!duplicate)
            return fail(duplicate.error());
        const Result<QuestionRecord> target = requireQuestion(into);
        if (!target)
            return fail(target.error());
        if (duplicate->question.sessionIndex != target->question.sessionIndex)
            return fail(tr("the questions belong to different sessions"));
        if (duplicate->question.state == Question::State::Merged)
            return fail(tr("question %1 is already merged into question %2")
                            .arg(from)
                            .arg(duplicate->question.mergedInto.value_or(0)));
        if (target->question.state == Question::State::Merged)
            return fail(tr("question %1 is itself merged into question %2")
                            .arg(into)
                            .arg(target->question.mergedInto.value_or(0)));
        const std::pair<QString, QVariantList> steps[] = {
            // OR IGNORE: a device that upvoted both keeps its one upvote on into.
            {u"INSERT OR IGNORE INTO question_votes (question_id, device_token) "
             "SELECT ?, device_token FROM question_votes WHERE question_id = ?"_s,
             {into, from}},
            {u"DELETE FROM question_votes WHERE question_id = ?"_s, {from}},
            {u"UPDATE questions SET state = ?, merged_into = ? WHERE id = ?"_s,
             {questionStateName(Question::State::Merged), into, from}},
        };
        for (const auto &[sql, values] : steps) {
            if (const Result<QSqlQuery> query = m_database.exec(sql, values); !query)
                return fail(query.error());
        }
        return {};
    });
    if (!merged)
        return fail(tr("Cannot merge question %1 into question %2: %3").arg(from).arg(into).arg(merged.error()));
    return {};
}

} // namespace Lectern
