#pragma once

#include "model/stage.h"
#include "result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Lectern {

class Database;

/** The plan an event's database was last opened with. */
struct StoredPlan
{
    QString sourcePath; ///< the event file (or the deck, for a one-session event) it came from
    QByteArray json;    ///< event-file JSON with absolute deck paths (EventFile::serialize without a base)
    QDateTime savedAt;

    friend bool operator==(const StoredPlan &, const StoredPlan &) = default;
};

/** What the record holds for one session: what an edit of the plan must not lose. */
struct SessionRecordCounts
{
    int questions = 0;
    int pollsRun = 0; ///< polls opened at least once
    int votes = 0;
    bool started = false; ///< its talk began (a run is recorded)

    bool isEmpty() const { return questions == 0 && pollsRun == 0 && votes == 0 && !started; }
};

/**
 * The stage's record in the event database: the plan, the session on stage, each session's page and timer, the
 * sessions' actual runs and the per-slide time log. It stores what it is told; LiveEvent decides. Every write
 * is committed before the call returns (one short statement or transaction each: a slide change costs one).
 */
class StageStore
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::StageStore)

public:
    explicit StageStore(Database &database);

    Result<> savePlan(const StoredPlan &plan);
    Result<std::optional<StoredPlan>> plan() const;

    Result<> setSessionOnStage(int sessionIndex);
    /** The session on stage last; nullopt for a database that never had one. */
    Result<std::optional<int>> sessionOnStage() const;

    /** Records (replacing) a session's page and timer. */
    Result<> saveSessionStage(const SessionStage &stage);
    Result<std::optional<SessionStage>> sessionStage(int sessionIndex) const;

    /** Records when a session's talk began; a session that already began keeps its first start. */
    Result<> recordSessionStart(int sessionIndex, const QDateTime &at);
    /** Records when a session left the stage (replacing an earlier end: the last one counts). */
    Result<> recordSessionEnd(int sessionIndex, const QDateTime &at);
    /** Forgets a session's run and its time log (its timer was reset: a rehearsal). */
    Result<> clearSessionRun(int sessionIndex);
    /** Every recorded run, by session index. */
    Result<QList<SessionRun>> runs() const;

    /** Closes the session's open visit (if any) at `at` and opens one for this page, in one transaction. */
    Result<> recordVisit(int sessionIndex, int pageIndex, const QString &label, const QDateTime &at);
    /** Closes the session's open visit, if any. */
    Result<> closeVisit(int sessionIndex, const QDateTime &at);
    /** The session's visits in the order shown. */
    Result<QList<RecordedVisit>> visits(int sessionIndex) const;

    Result<SessionRecordCounts> recordCounts(int sessionIndex) const;
    /**
     * When the event last recorded anything (a slide shown or left, a session's start or end, a vote, a question
     * asked, pinned or answered, a poll opened or closed); nullopt when nothing was. Exports made after the event
     * judge its timing as of then.
     */
    Result<std::optional<QDateTime>> lastActivity() const;
    /**
     * Renumbers the sessions after the plan was edited, in one transaction: newIndexOf[old] is the new index of
     * the session that had index old, or -1 when it was removed. Everything keyed by session (polls, questions,
     * pages and timers, runs, time logs, the session on stage, its approval setting) moves; what a removed session left (draft polls,
     * a page) is deleted. The caller makes sure removed sessions have nothing worth keeping (recordCounts()).
     */
    Result<> renumberSessions(const QList<int> &newIndexOf);

private:
    Database &m_database;
};

} // namespace Lectern
