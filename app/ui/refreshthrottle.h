#pragma once

#include <QTimer>

#include <chrono>
#include <functional>

namespace Lectern {

/**
 * Redraws at once on the first change, then at most once per interval: changes that arrive while the interval
 * runs are drawn together, once, when it is over. The interval restarts with each draw it makes (a single-shot
 * timer, not a periodic one, which would keep its own phase), so a quiet spell always ends with one draw at once.
 */
class RefreshThrottle
{
public:
    /** draw is called on this thread, from request() or from the timer; it must outlive this. */
    RefreshThrottle(std::chrono::milliseconds interval, std::function<void()> draw);

    /** A change arrived: draws now when the last draw is an interval old, else once when the interval is over. */
    void request();
    /** A draw made outside the throttle covered the changes waiting; the interval runs on and keeps the pace. */
    void discardPending() { m_pending = false; }

private:
    void onIntervalOver();

    std::function<void()> m_draw;
    QTimer m_timer;
    bool m_pending = false; ///< a change arrived while m_timer ran
};

} // namespace Lectern
