#pragma once

#include "model/event.h"
#include "model/stage.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace Lectern {

/** One session in the agenda: planned and actual times. */
struct AgendaEntry
{
    int sessionIndex = 0;
    QString title;
    QString speaker;
    /** Unset when the event has no date and start time and the first session has not started yet. */
    std::optional<QDateTime> plannedStart;
    std::optional<QDateTime> plannedEnd;
    std::optional<QDateTime> actualStart;
    std::optional<QDateTime> actualEnd;
    bool onStage = false;

    friend bool operator==(const AgendaEntry &, const AgendaEntry &) = default;
};

/**
 * The event's agenda: each session's planned start and end (back to back from the event's date and start time,
 * or, without them, from the first session's actual start) beside its actual ones, and how far the event runs
 * behind. A value computed from the plan, the recorded runs and the time now; no I/O.
 */
struct Agenda
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::Agenda)

public:
    QList<AgendaEntry> entries;
    /**
     * How far the event runs behind its plan now (negative: ahead), in whole seconds, judged at the session on
     * stage alone (sessions before it are in the past, sessions after it follow it back to back):
     * - started (it has an actual start): actualStart − plannedStart, or now − plannedEnd when now is past its
     *   planned end and that is larger (a session that overruns keeps the event falling behind until it leaves).
     *   A session that started early and has not overrun gives a negative value: the event is ahead.
     * - not started yet: now − plannedStart once that has passed, else zero (on stage early is not ahead: the
     *   talk can still begin at any moment up to its planned start).
     * Zero when nothing can be compared: no session on stage, no planned times, or an invalid now.
     */
    std::chrono::seconds behind{0};

    /**
     * Computes the agenda. runs are the recorded runs (any order, sessions without one absent; a session should
     * have at most one, else the last in the list counts; runs of sessions not in the plan are ignored); onStage
     * is the session on stage (-1: none); now is the time asked about.
     *
     * Planned times: with the event's date and startTime, session 0 starts at that date and time in the local
     * time zone; without them (either one missing), at session 0's actual start; when it has none either, no
     * session has planned times. Each next session is planned to start when the previous one is planned to end,
     * its plannedEnd being its plannedStart + talkTime + qaTime (a talkEndsAt in the timing is not used: the plan
     * is in durations). Actual times come from the runs unchanged.
     */
    static Agenda compute(const Event &event, const QList<SessionRun> &runs, int onStage, const QDateTime &now);

    /**
     * "+4 min" (behind), "−2 min" (ahead, U+2212 minus sign) or "on time" when less than a whole minute either
     * way: whole minutes, rounded toward zero. Translated (context Lectern::Agenda, plural forms by %n).
     */
    static QString formatBehind(std::chrono::seconds behind);

    friend bool operator==(const Agenda &, const Agenda &) = default;
};

} // namespace Lectern
