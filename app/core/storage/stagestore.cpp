#include "storage/stagestore.h"
#include "storage/database.h"

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

QVariant msecsOf(const std::optional<QDateTime> &time)
{
    return time ? QVariant(time->toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<QDateTime> timeOf(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace

StageStore::StageStore(Database &database)
    : m_database(database)
{}

Result<> StageStore::savePlan(const StoredPlan &plan)
{
    const Result<QSqlQuery> query =
        m_database.exec(u"INSERT INTO event_plan (id, source_path, json, saved_at) VALUES (1, ?, ?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET source_path = excluded.source_path, json = excluded.json, "
                        "saved_at = excluded.saved_at"_s,
                        {plan.sourcePath.isNull() ? u""_s : plan.sourcePath, QString::fromUtf8(plan.json),
                         plan.savedAt.toMSecsSinceEpoch()});
    if (!query)
        return fail(tr("Cannot record the event's plan: %1").arg(query.error()));
    return {};
}

Result<std::optional<StoredPlan>> StageStore::plan() const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT source_path, json, saved_at FROM event_plan WHERE id = 1"_s);
    if (!query)
        return fail(tr("Cannot read the event's plan: %1").arg(query.error()));
    if (!query->next())
        return std::optional<StoredPlan>();
    return std::optional<StoredPlan>(
        StoredPlan{query->value(0).toString(), query->value(1).toString().toUtf8(), *timeOf(query->value(2))});
}

Result<> StageStore::setSessionOnStage(int sessionIndex)
{
    const Result<QSqlQuery> query =
        m_database.exec(u"INSERT INTO stage (id, session_index) VALUES (1, ?) "
                        "ON CONFLICT (id) DO UPDATE SET session_index = excluded.session_index"_s,
                        {sessionIndex});
    if (!query)
        return fail(tr("Cannot record the session on stage: %1").arg(query.error()));
    return {};
}

Result<std::optional<int>> StageStore::sessionOnStage() const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT session_index FROM stage WHERE id = 1"_s);
    if (!query)
        return fail(tr("Cannot read the session on stage: %1").arg(query.error()));
    if (!query->next())
        return std::optional<int>();
    return std::optional<int>(query->value(0).toInt());
}

Result<> StageStore::saveSessionStage(const SessionStage &stage)
{
    const Result<QSqlQuery> query = m_database.exec(
        u"INSERT INTO session_stage (session_index, page_index, timer_started_at, timer_paused_at, timer_paused_ms, "
        "talk_time_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_index) DO UPDATE SET "
        "page_index = excluded.page_index, timer_started_at = excluded.timer_started_at, "
        "timer_paused_at = excluded.timer_paused_at, timer_paused_ms = excluded.timer_paused_ms, "
        "talk_time_ms = excluded.talk_time_ms"_s,
        {stage.sessionIndex, stage.pageIndex, msecsOf(stage.timer.startedAt), msecsOf(stage.timer.pausedAt),
         qint64(stage.timer.pausedTotal.count()), qint64(stage.timer.talkTimeAtStart.count())});
    if (!query)
        return fail(tr("Cannot record where session %1 stands: %2").arg(stage.sessionIndex + 1).arg(query.error()));
    return {};
}

Result<std::optional<SessionStage>> StageStore::sessionStage(int sessionIndex) const
{
    Result<QSqlQuery> query =
        m_database.exec(u"SELECT page_index, timer_started_at, timer_paused_at, timer_paused_ms, talk_time_ms "
                        "FROM session_stage WHERE session_index = ?"_s,
                        {sessionIndex});
    if (!query)
        return fail(tr("Cannot read where session %1 stands: %2").arg(sessionIndex + 1).arg(query.error()));
    if (!query->next())
        return std::optional<SessionStage>();
    SessionStage stage;
    stage.sessionIndex = sessionIndex;
    stage.pageIndex = query->value(0).toInt();
    stage.timer.startedAt = timeOf(query->value(1));
    stage.timer.pausedAt = timeOf(query->value(2));
    stage.timer.pausedTotal = std::chrono::milliseconds(query->value(3).toLongLong());
    stage.timer.talkTimeAtStart = std::chrono::milliseconds(query->value(4).toLongLong());
    return std::optional<SessionStage>(stage);
}

Result<> StageStore::recordSessionStart(int sessionIndex, const QDateTime &at)
{
    const Result<QSqlQuery> query = m_database.exec(
        u"INSERT INTO session_runs (session_index, started_at) VALUES (?, ?) ON CONFLICT (session_index) "
        "DO UPDATE SET started_at = coalesce(started_at, excluded.started_at)"_s,
        {sessionIndex, at.toMSecsSinceEpoch()});
    if (!query)
        return fail(tr("Cannot record the start of session %1: %2").arg(sessionIndex + 1).arg(query.error()));
    return {};
}

Result<> StageStore::recordSessionEnd(int sessionIndex, const QDateTime &at)
{
    const Result<QSqlQuery> query =
        m_database.exec(u"INSERT INTO session_runs (session_index, ended_at) VALUES (?, ?) ON CONFLICT (session_index) "
                        "DO UPDATE SET ended_at = excluded.ended_at"_s,
                        {sessionIndex, at.toMSecsSinceEpoch()});
    if (!query)
        return fail(tr("Cannot record the end of session %1: %2").arg(sessionIndex + 1).arg(query.error()));
    return {};
}

Result<> StageStore::clearSessionRun(int sessionIndex)
{
    return m_database.transaction([&]() -> Result<> {
        for (const QString &sql : {u"DELETE FROM session_runs WHERE session_index = ?"_s,
                                   u"DELETE FROM slide_visits WHERE session_index = ?"_s}) {
            if (const Result<QSqlQuery> query = m_database.exec(sql, {sessionIndex}); !query)
                return fail(tr("Cannot forget the run of session %1: %2").arg(sessionIndex + 1).arg(query.error()));
        }
        return {};
    });
}

Result<QList<SessionRun>> StageStore::runs() const
{
    Result<QSqlQuery> query =
        m_database.exec(u"SELECT session_index, started_at, ended_at FROM session_runs ORDER BY session_index"_s);
    if (!query)
        return fail(tr("Cannot read the sessions' times: %1").arg(query.error()));
    QList<SessionRun> runs;
    while (query->next())
        runs.append(SessionRun{query->value(0).toInt(), timeOf(query->value(1)), timeOf(query->value(2))});
    return runs;
}

Result<> StageStore::recordVisit(int sessionIndex, int pageIndex, const QString &label, const QDateTime &at)
{
    return m_database.transaction([&]() -> Result<> {
        if (const Result<> closed = closeVisit(sessionIndex, at); !closed)
            return closed;
        const Result<QSqlQuery> query = m_database.exec(
            u"INSERT INTO slide_visits (session_index, page_index, label, shown_at) VALUES (?, ?, ?, ?)"_s,
            {sessionIndex, pageIndex, label, at.toMSecsSinceEpoch()});
        if (!query)
            return fail(tr("Cannot record the slide shown: %1").arg(query.error()));
        return {};
    });
}

Result<> StageStore::closeVisit(int sessionIndex, const QDateTime &at)
{
    const Result<QSqlQuery> query =
        m_database.exec(u"UPDATE slide_visits SET left_at = ? WHERE session_index = ? AND left_at IS NULL"_s,
                        {at.toMSecsSinceEpoch(), sessionIndex});
    if (!query)
        return fail(tr("Cannot record the slide left: %1").arg(query.error()));
    return {};
}

Result<QList<RecordedVisit>> StageStore::visits(int sessionIndex) const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT page_index, label, shown_at, left_at FROM slide_visits "
                                              "WHERE session_index = ? ORDER BY shown_at, id"_s,
                                              {sessionIndex});
    if (!query)
        return fail(tr("Cannot read the slide times: %1").arg(query.error()));
    QList<RecordedVisit> visits;
    while (query->next())
        visits.append(RecordedVisit{sessionIndex, query->value(0).toInt(), query->value(1).toString(),
                                    *timeOf(query->value(2)), timeOf(query->value(3))});
    return visits;
}

Result<SessionRecordCounts> StageStore::recordCounts(int sessionIndex) const
{
    Result<QSqlQuery> query = m_database.exec(
        u"SELECT (SELECT count(*) FROM questions WHERE session_index = ?), "
        "(SELECT count(*) FROM polls WHERE session_index = ? AND opened_at IS NOT NULL), "
        "(SELECT count(*) FROM votes JOIN polls ON polls.id = votes.poll_id WHERE polls.session_index = ?), "
        "(SELECT count(*) FROM session_runs WHERE session_index = ? AND started_at IS NOT NULL)"_s,
        {sessionIndex, sessionIndex, sessionIndex, sessionIndex});
    if (!query || !query->next())
        return fail(tr("Cannot read what session %1 recorded: %2")
                        .arg(sessionIndex + 1)
                        .arg(query ? Database::errorText(*query) : query.error()));
    return SessionRecordCounts{query->value(0).toInt(), query->value(1).toInt(), query->value(2).toInt(),
                               query->value(3).toInt() > 0};
}

Result<std::optional<QDateTime>> StageStore::lastActivity() const
{
    Result<QSqlQuery> query = m_database.exec(
        u"SELECT max(t) FROM ("
        "SELECT max(shown_at) AS t FROM slide_visits UNION ALL SELECT max(left_at) FROM slide_visits "
        "UNION ALL SELECT max(started_at) FROM session_runs UNION ALL SELECT max(ended_at) FROM session_runs "
        "UNION ALL SELECT max(updated_at) FROM votes "
        "UNION ALL SELECT max(created_at) FROM questions UNION ALL SELECT max(pinned_at) FROM questions "
        "UNION ALL SELECT max(answered_at) FROM questions "
        "UNION ALL SELECT max(opened_at) FROM polls UNION ALL SELECT max(closed_at) FROM polls)"_s);
    if (!query || !query->next())
        return fail(
            tr("Cannot read when the event last changed: %1").arg(query ? Database::errorText(*query) : query.error()));
    return timeOf(query->value(0));
}

Result<> StageStore::renumberSessions(const QList<int> &newIndexOf)
{
    // Rows move in two steps, through indexes past any real one, so that no step collides with a row not moved yet.
    static const QStringList tables = {u"polls"_s,        u"questions"_s,    u"session_stage"_s,
                                       u"session_runs"_s, u"slide_visits"_s, u"stage"_s};
    constexpr int kParked = 1 << 24;
    return m_database.transaction([&]() -> Result<> {
        const auto run = [&](const QString &sql, const QVariantList &values) -> Result<> {
            if (const Result<QSqlQuery> query = m_database.exec(sql, values); !query)
                return fail(tr("Cannot renumber the sessions: %1").arg(query.error()));
            return {};
        };
        for (int old = 0; old < newIndexOf.size(); ++old) {
            if (newIndexOf.at(old) >= 0)
                continue;
            for (const QString &sql : {u"DELETE FROM polls WHERE session_index = ? AND opened_at IS NULL AND NOT "
                                       "EXISTS (SELECT 1 FROM votes WHERE votes.poll_id = polls.id)"_s,
                                       u"DELETE FROM session_stage WHERE session_index = ?"_s,
                                       u"DELETE FROM session_runs WHERE session_index = ?"_s,
                                       u"DELETE FROM slide_visits WHERE session_index = ?"_s}) {
                if (const Result<> done = run(sql, {old}); !done)
                    return done;
            }
        }
        for (const QString &table : tables) {
            for (int old = 0; old < newIndexOf.size(); ++old) {
                if (newIndexOf.at(old) < 0 || newIndexOf.at(old) == old)
                    continue;
                const QString sql = u"UPDATE "_s + table + u" SET session_index = ? WHERE session_index = ?"_s;
                if (const Result<> done = run(sql, {kParked + newIndexOf.at(old), old}); !done)
                    return done;
            }
            const QString sql =
                u"UPDATE "_s + table + u" SET session_index = session_index - ? WHERE session_index >= ?"_s;
            if (const Result<> done = run(sql, {kParked, kParked}); !done)
                return done;
        }
        // Per-session settings (a session's approval queue, LiveQuestions) are named after the session's index.
        const QString approval = u"questions/approval/"_s;
        const QString moving = approval + u"moving/"_s;
        for (int old = 0; old < newIndexOf.size(); ++old) {
            if (newIndexOf.at(old) == old)
                continue;
            const QString key = approval + QString::number(old);
            const Result<> done = newIndexOf.at(old) < 0
                                      ? run(u"DELETE FROM settings WHERE key = ?"_s, QVariantList{key})
                                      : run(u"UPDATE settings SET key = ? WHERE key = ?"_s,
                                            QVariantList{QString(moving + QString::number(newIndexOf.at(old))), key});
            if (!done)
                return done;
        }
        return run(u"UPDATE settings SET key = ? || substr(key, ?) WHERE key LIKE ?"_s,
                   QVariantList{approval, int(moving.size()) + 1, QString(moving + u"%"_s)});
    });
}

} // namespace Lectern
