#include "storage/pollstore.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

PollState stateFromName(const QString &name)
{
    if (name == u"open")
        return PollState::Open;
    if (name == u"closed")
        return PollState::Closed;
    return PollState::Draft;
}

QVariant millisecondsOf(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

std::optional<QDateTime> timeOf(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString answerJson(const QStringList &answer)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(answer)).toJson(QJsonDocument::Compact));
}

QStringList answerFromJson(const QString &json)
{
    QStringList answer;
    for (const QJsonValue &value : QJsonDocument::fromJson(json.toUtf8()).array())
        answer.append(value.toString());
    return answer;
}

const QString kPollColumns = u"id, session_index, state, revealed, opened_at, closed_at, definition"_s;

PollRecord pollFromRow(const QSqlQuery &query)
{
    PollRecord record;
    record.pollId = query.value(0).toString();
    record.sessionIndex = query.value(1).toInt();
    record.state = stateFromName(query.value(2).toString());
    record.revealed = query.value(3).toBool();
    record.openedAt = timeOf(query.value(4));
    record.closedAt = timeOf(query.value(5));
    record.definition = query.value(6).toString();
    return record;
}

} // namespace

PollStore::PollStore(Database &database)
    : m_database(database)
{}

Result<QSqlQuery *> PollStore::kept(const QString &sql) const
{
    auto found = m_kept.find(sql);
    // A statement of a database closed since has lost its driver: prepared again on the open one, if any.
    if (found != m_kept.end() && found->second.driver() && found->second.driver()->isOpen())
        return &found->second;
    Result<QSqlQuery> prepared = m_database.prepare(sql);
    if (!prepared)
        return fail(prepared.error());
    prepared->setForwardOnly(true);
    if (found == m_kept.end())
        found = m_kept.emplace(sql, std::move(*prepared)).first;
    else
        found->second = std::move(*prepared);
    return &found->second;
}

Result<QSqlQuery *> PollStore::runKept(const QString &sql, const QVariantList &values) const
{
    const Result<QSqlQuery *> query = kept(sql);
    if (!query)
        return query;
    if (const Result<> ran = Database::run(**query, values); !ran) {
        (*query)->finish();
        return fail(ran.error());
    }
    return query;
}

Result<> PollStore::registerPoll(const QString &pollId, int sessionIndex, const QString &definition)
{
    const Result<QSqlQuery> query =
        m_database.exec(u"INSERT INTO polls (id, session_index, definition) VALUES (?, ?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET session_index = excluded.session_index, "
                        "definition = COALESCE(excluded.definition, polls.definition)"_s,
                        {pollId, sessionIndex, definition.isEmpty() ? QVariant() : QVariant(definition)});
    if (!query)
        return fail(tr("Cannot record the poll \"%1\": %2").arg(pollId, query.error()));
    return {};
}

Result<std::optional<PollRecord>> PollStore::poll(const QString &pollId) const
{
    static const QString sql = u"SELECT "_s + kPollColumns + u" FROM polls WHERE id = ?"_s;
    const Result<QSqlQuery *> query = runKept(sql, {pollId});
    if (!query)
        return fail(tr("Cannot read the poll \"%1\": %2").arg(pollId, query.error()));
    std::optional<PollRecord> record;
    if ((*query)->next())
        record = pollFromRow(**query);
    (*query)->finish();
    return record;
}

Result<QList<PollRecord>> PollStore::polls() const
{
    Result<QSqlQuery> query =
        m_database.exec(u"SELECT "_s + kPollColumns + u" FROM polls ORDER BY session_index, rowid"_s);
    if (!query)
        return fail(tr("Cannot read the polls: %1").arg(query.error()));
    QList<PollRecord> records;
    while (query->next())
        records.append(pollFromRow(*query));
    return records;
}

Result<> PollStore::requirePoll(const QString &pollId) const
{
    const Result<std::optional<PollRecord>> found = poll(pollId);
    if (!found)
        return fail(found.error());
    if (!*found)
        return fail(tr("There is no poll \"%1\" in this event.").arg(pollId));
    return {};
}

Result<> PollStore::setState(const QString &pollId, PollState state, const QDateTime &at)
{
    QString sql;
    switch (state) {
    case PollState::Draft:
        sql = u"UPDATE polls SET state = ? WHERE id = ?"_s;
        break;
    case PollState::Open:
        sql = u"UPDATE polls SET state = ?, opened_at = ?, closed_at = NULL WHERE id = ?"_s;
        break;
    case PollState::Closed:
        sql = u"UPDATE polls SET state = ?, closed_at = ? WHERE id = ?"_s;
        break;
    }
    const QVariantList values = state == PollState::Draft
                                    ? QVariantList{pollStateName(state), pollId}
                                    : QVariantList{pollStateName(state), millisecondsOf(at), pollId};
    const Result<QSqlQuery> query = m_database.exec(sql, values);
    if (!query)
        return fail(tr("Cannot change the state of the poll \"%1\": %2").arg(pollId, query.error()));
    if (query->numRowsAffected() == 0)
        return fail(tr("There is no poll \"%1\" in this event.").arg(pollId));
    return {};
}

Result<> PollStore::setRevealed(const QString &pollId, bool revealed)
{
    const Result<QSqlQuery> query =
        m_database.exec(u"UPDATE polls SET revealed = ? WHERE id = ?"_s, {revealed ? 1 : 0, pollId});
    if (!query)
        return fail(tr("Cannot reveal or hide the poll \"%1\": %2").arg(pollId, query.error()));
    if (query->numRowsAffected() == 0)
        return fail(tr("There is no poll \"%1\" in this event.").arg(pollId));
    return {};
}

Result<> PollStore::castVote(const VoteRecord &vote)
{
    return castVotes({vote});
}

Result<> PollStore::castVotes(const QList<VoteRecord> &votes)
{
    if (votes.isEmpty())
        return {};
    const Result<> written = m_database.transaction([&]() -> Result<> {
        const Result<QSqlQuery *> upsert =
            kept(u"INSERT INTO votes (poll_id, device_token, answer, updated_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (poll_id, device_token) DO UPDATE SET answer = excluded.answer, "
                 "updated_at = excluded.updated_at"_s);
        if (!upsert)
            return fail(upsert.error());
        for (qsizetype i = 0; i < votes.size(); ++i) {
            const VoteRecord &vote = votes.at(i);
            if (vote.answer.isEmpty())
                return fail(tr("vote %1 (poll \"%2\") has no answer").arg(i + 1).arg(vote.pollId));
            const Result<> ran = Database::run(
                **upsert, {vote.pollId, vote.deviceToken, answerJson(vote.answer), millisecondsOf(vote.castAt)});
            if (!ran) {
                (*upsert)->finish();
                return fail(tr("vote %1 (poll \"%2\"): %3").arg(i + 1).arg(vote.pollId, ran.error()));
            }
        }
        (*upsert)->finish();
        return {};
    });
    if (!written)
        return fail(tr("No vote of this batch of %n was saved: %1", nullptr, int(votes.size())).arg(written.error()));
    return {};
}

Result<std::optional<QStringList>> PollStore::answerOf(const QString &pollId, const QString &deviceToken) const
{
    const Result<QSqlQuery *> query =
        runKept(u"SELECT answer FROM votes WHERE poll_id = ? AND device_token = ?"_s, {pollId, deviceToken});
    if (!query)
        return fail(tr("Cannot read the vote: %1").arg(query.error()));
    std::optional<QStringList> answer;
    if ((*query)->next())
        answer = answerFromJson((*query)->value(0).toString());
    (*query)->finish();
    return answer;
}

Result<QHash<QString, QStringList>> PollStore::answers(const QString &pollId) const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT device_token, answer FROM votes WHERE poll_id = ?"_s, {pollId});
    if (!query)
        return fail(tr("Cannot read the votes of the poll \"%1\": %2").arg(pollId, query.error()));
    QHash<QString, QStringList> answers;
    while (query->next())
        answers.insert(query->value(0).toString(), answerFromJson(query->value(1).toString()));
    return answers;
}

Result<QList<VoteRecord>> PollStore::votes(const QString &pollId) const
{
    Result<QSqlQuery> query = m_database.exec(
        u"SELECT device_token, answer, updated_at FROM votes WHERE poll_id = ? ORDER BY updated_at, rowid"_s, {pollId});
    if (!query)
        return fail(tr("Cannot read the votes of the poll \"%1\": %2").arg(pollId, query.error()));
    QList<VoteRecord> records;
    while (query->next())
        records.append(
            {pollId, query->value(0).toString(), answerFromJson(query->value(1).toString()), *timeOf(query->value(2))});
    return records;
}

Result<QMap<QString, int>> PollStore::answerCounts(const QString &pollId) const
{
    const Result<QSqlQuery *> query =
        runKept(u"SELECT choice.value, COUNT(DISTINCT votes.device_token) FROM votes, json_each(votes.answer) AS "
                "choice WHERE votes.poll_id = ? GROUP BY choice.value"_s,
                {pollId});
    if (!query)
        return fail(tr("Cannot count the votes of the poll \"%1\": %2").arg(pollId, query.error()));
    QMap<QString, int> counts;
    while ((*query)->next())
        counts.insert((*query)->value(0).toString(), (*query)->value(1).toInt());
    (*query)->finish();
    return counts;
}

Result<int> PollStore::voterCount(const QString &pollId) const
{
    const Result<QSqlQuery *> query = runKept(u"SELECT COUNT(*) FROM votes WHERE poll_id = ?"_s, {pollId});
    if (!query)
        return fail(tr("Cannot count the votes of the poll \"%1\": %2").arg(pollId, query.error()));
    const int count = (*query)->next() ? (*query)->value(0).toInt() : 0;
    (*query)->finish();
    return count;
}

Result<> PollStore::resetPoll(const QString &pollId)
{
    const Result<> reset = m_database.transaction([&]() -> Result<> {
        if (const Result<> exists = requirePoll(pollId); !exists)
            return exists;
        for (const QString &sql :
             {u"DELETE FROM votes WHERE poll_id = ?"_s, u"DELETE FROM hidden_answers WHERE poll_id = ?"_s,
              u"UPDATE polls SET revealed = 0, state = 'draft', opened_at = NULL, closed_at = NULL WHERE id = ?"_s}) {
            if (const Result<QSqlQuery> query = m_database.exec(sql, {pollId}); !query)
                return fail(query.error());
        }
        return {};
    });
    if (!reset)
        return fail(tr("Cannot reset the poll \"%1\": %2").arg(pollId, reset.error()));
    return {};
}

Result<> PollStore::setAnswerHidden(const QString &pollId, const QString &answer, bool hidden, const QDateTime &at)
{
    const Result<QSqlQuery> query =
        hidden ? m_database.exec(u"INSERT INTO hidden_answers (poll_id, answer, hidden_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT (poll_id, answer) DO NOTHING"_s,
                                 {pollId, answer, millisecondsOf(at)})
               : m_database.exec(u"DELETE FROM hidden_answers WHERE poll_id = ? AND answer = ?"_s, {pollId, answer});
    if (!query)
        return fail(tr("Cannot hide or show the answer in the poll \"%1\": %2").arg(pollId, query.error()));
    return {};
}

Result<QStringList> PollStore::hiddenAnswers(const QString &pollId) const
{
    const Result<QSqlQuery *> query =
        runKept(u"SELECT answer FROM hidden_answers WHERE poll_id = ? ORDER BY hidden_at, answer"_s, {pollId});
    if (!query)
        return fail(tr("Cannot read the hidden answers of the poll \"%1\": %2").arg(pollId, query.error()));
    QStringList answers;
    while ((*query)->next())
        answers.append((*query)->value(0).toString());
    (*query)->finish();
    return answers;
}

} // namespace Lectern
