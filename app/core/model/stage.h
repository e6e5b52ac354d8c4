#pragma once

#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

namespace Lectern {

/**
 * A session timer as recorded: everything SessionClock needs to go on after a restart. A running timer is kept
 * by its wall-clock start, so the time the app was down counts as time passed.
 */
struct TimerState
{
    std::optional<QDateTime> startedAt; ///< unset: not started
    std::optional<QDateTime> pausedAt;  ///< set while paused
    std::chrono::milliseconds pausedTotal{0};
    /** The talk time fixed at start (the plan's, or derived from an end time). */
    std::chrono::milliseconds talkTimeAtStart{0};

    friend bool operator==(const TimerState &, const TimerState &) = default;
};

/** Where one session stood when it was last on stage: its page and its timer. */
struct SessionStage
{
    int sessionIndex = 0;
    int pageIndex = 0;
    TimerState timer;

    friend bool operator==(const SessionStage &, const SessionStage &) = default;
};

/** When a session actually ran: its talk began (its timer started) and it left the stage. */
struct SessionRun
{
    int sessionIndex = 0;
    std::optional<QDateTime> startedAt;
    std::optional<QDateTime> endedAt;

    friend bool operator==(const SessionRun &, const SessionRun &) = default;
};

/** One time a slide was on screen, as recorded; leftAt is unset while it still is. */
struct RecordedVisit
{
    int sessionIndex = 0;
    int pageIndex = 0;
    QString label;
    QDateTime shownAt;
    std::optional<QDateTime> leftAt;

    friend bool operator==(const RecordedVisit &, const RecordedVisit &) = default;
};

} // namespace Lectern
