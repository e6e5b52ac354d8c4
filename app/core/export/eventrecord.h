#pragma once

#include "event/livepolls.h"
#include "model/agenda.h"
#include "model/event.h"
#include "model/poll.h"
#include "model/stage.h"
#include "result.h"
#include "storage/questionstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace Lectern {

class Database;

/** A poll of a session as recorded: its definition, where it stands and its counts. */
struct PollOutcome
{
    Poll poll;
    PollResults results; ///< counts as LivePolls::results() gives them; hidden answers are not counted
    std::optional<QDateTime> openedAt;
    std::optional<QDateTime> closedAt;

    friend bool operator==(const PollOutcome &, const PollOutcome &) = default;
};

/** A session as recorded: its plan, actual times, polls and every question (hidden, merged, unanswered too). */
struct SessionOutcome
{
    Session session;
    AgendaEntry timing;
    QList<PollOutcome> polls;        ///< declared ones in declared order, then those created live
    QList<QuestionRecord> questions; ///< in the order asked
    QList<RecordedVisit> visits;     ///< the per-slide time log

    friend bool operator==(const SessionOutcome &, const SessionOutcome &) = default;
};

/**
 * Everything an export shows, read from an event's database at one moment (one read transaction): the plan
 * stored with it (StoredPlan), the runs, polls with counts and questions of every session. Device tokens and
 * addresses are never read into it.
 */
struct EventRecord
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::EventRecord)

public:
    Event event;
    QList<SessionOutcome> sessions;
    std::chrono::seconds behind{0};
    QDateTime readAt;

    /**
     * Reads the record from an open database. A database without a stored plan (never opened by an event) is an
     * error in words. now dates the reading and the agenda.
     */
    static Result<EventRecord> read(Database &database, const QDateTime &now);

    friend bool operator==(const EventRecord &, const EventRecord &) = default;
};

} // namespace Lectern
