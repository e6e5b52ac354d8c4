#pragma once

#include "model/session.h"
#include "model/stage.h"
#include "timer/clock.h"

#include <QObject>

#include <chrono>
#include <optional>

namespace Lectern {

/**
 * The per-session timer: talk time, then Q&A time, then overtime. It runs on an injected Clock and computes
 * everything from the start time and the paused spans, so it never drifts and never needs a tick; views poll
 * it (for example four times a second) and listen to stateChanged for start/pause/reset.
 */
class SessionClock : public QObject
{
    Q_OBJECT

public:
    enum class Phase { BeforeStart, Talk, QA, Overtime };
    Q_ENUM(Phase)
    enum class Pace { OnTime, Ahead, Behind };
    Q_ENUM(Pace)

    explicit SessionClock(const Clock &clock, QObject *parent = nullptr);

    void setPlan(const TimingPlan &plan);
    const TimingPlan &plan() const { return m_plan; }

    /** Starts the session; does nothing when it already started. */
    void start();
    void pause();
    void resume();
    /** Pauses when running, resumes when paused, starts when not started. */
    void togglePause();
    /** Back to "before start". */
    void reset();

    /** The timer as recorded: what restore() needs to go on after a restart. */
    TimerState state() const;
    /**
     * Takes up a recorded timer (keep the plan set first): a running one goes on from its wall-clock start, so the
     * time since counts; a paused one stays paused.
     */
    void restore(const TimerState &state);

    bool isStarted() const { return m_startedAt.has_value(); }
    bool isPaused() const { return m_pausedAt.has_value(); }

    /** Running time since start, pauses excluded. */
    std::chrono::milliseconds elapsed() const;
    /** The talk time in force: the plan's, or derived from `talkEndsAt` at start. */
    std::chrono::milliseconds talkTime() const;
    std::chrono::milliseconds qaTime() const;

    Phase phase() const;
    /** Time left in the current phase; in overtime, how long it has run over (positive). */
    std::chrono::milliseconds remainingInPhase() const;
    /** Time left of the whole session (talk + Q&A); negative in overtime. */
    std::chrono::milliseconds remainingSession() const;
    /** Within the warning time before the end of the talk (and not yet past it). */
    bool isWarning() const;
    /**
     * Compares the slide reached (1-based) with the time used, as pdfpc does: ahead when more than one slide
     * ahead of an even pace through the talk, behind when more than one slide behind.
     */
    Pace pace(int slideNumber, int slideCount) const;

Q_SIGNALS:
    /** Started, paused, resumed, reset or the plan changed (not emitted per tick). */
    void stateChanged();

private:
    const Clock &m_clock;
    TimingPlan m_plan;
    std::optional<QDateTime> m_startedAt;
    std::optional<QDateTime> m_pausedAt;
    std::chrono::milliseconds m_pausedTotal{0};
    std::chrono::milliseconds m_talkTimeAtStart{0};
};

/** Formats a duration as "m:ss" or "h:mm:ss", with a leading "−" when negative. */
QString formatDuration(std::chrono::milliseconds duration);

} // namespace Lectern
