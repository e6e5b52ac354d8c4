#include "timer/sessionclock.h"

#include <QTime>
#include <QTimeZone>

using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace Lectern {

SessionClock::SessionClock(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

void SessionClock::setPlan(const TimingPlan &plan)
{
    m_plan = plan;
    Q_EMIT stateChanged();
}

void SessionClock::start()
{
    if (m_startedAt)
        return;
    m_startedAt = m_clock.now();
    m_pausedAt.reset();
    m_pausedTotal = 0ms;
    m_talkTimeAtStart = duration_cast<milliseconds>(m_plan.talkTime);
    if (m_plan.talkEndsAt) {
        // pdfpc's endTime: the talk ends at that local wall-clock time today.
        const QDateTime localStart = m_startedAt->toLocalTime();
        QDateTime end(localStart.date(), *m_plan.talkEndsAt, localStart.timeZone());
        const qint64 untilEnd = localStart.msecsTo(end);
        m_talkTimeAtStart = milliseconds(qMax<qint64>(0, untilEnd));
    }
    Q_EMIT stateChanged();
}

void SessionClock::pause()
{
    if (!m_startedAt || m_pausedAt)
        return;
    m_pausedAt = m_clock.now();
    Q_EMIT stateChanged();
}

void SessionClock::resume()
{
    if (!m_pausedAt)
        return;
    m_pausedTotal += milliseconds(m_pausedAt->msecsTo(m_clock.now()));
    m_pausedAt.reset();
    Q_EMIT stateChanged();
}

void SessionClock::togglePause()
{
    if (!m_startedAt)
        start();
    else if (m_pausedAt)
        resume();
    else
        pause();
}

void SessionClock::reset()
{
    m_startedAt.reset();
    m_pausedAt.reset();
    m_pausedTotal = 0ms;
    m_talkTimeAtStart = 0ms;
    Q_EMIT stateChanged();
}

TimerState SessionClock::state() const
{
    return TimerState{m_startedAt, m_pausedAt, m_pausedTotal, m_talkTimeAtStart};
}

void SessionClock::restore(const TimerState &state)
{
    m_startedAt = state.startedAt;
    m_pausedAt = state.startedAt ? state.pausedAt : std::nullopt;
    m_pausedTotal = state.startedAt ? state.pausedTotal : 0ms;
    m_talkTimeAtStart = state.startedAt ? state.talkTimeAtStart : 0ms;
    Q_EMIT stateChanged();
}

milliseconds SessionClock::elapsed() const
{
    if (!m_startedAt)
        return 0ms;
    const QDateTime until = m_pausedAt ? *m_pausedAt : m_clock.now();
    return qMax(0ms, milliseconds(m_startedAt->msecsTo(until)) - m_pausedTotal);
}

milliseconds SessionClock::talkTime() const
{
    if (m_startedAt)
        return m_talkTimeAtStart;
    return duration_cast<milliseconds>(m_plan.talkTime);
}

milliseconds SessionClock::qaTime() const
{
    return duration_cast<milliseconds>(m_plan.qaTime);
}

SessionClock::Phase SessionClock::phase() const
{
    if (!m_startedAt)
        return Phase::BeforeStart;
    const milliseconds used = elapsed();
    if (used < talkTime())
        return Phase::Talk;
    if (used < talkTime() + qaTime())
        return Phase::QA;
    return Phase::Overtime;
}

milliseconds SessionClock::remainingInPhase() const
{
    const milliseconds used = elapsed();
    switch (phase()) {
    case Phase::BeforeStart:
    case Phase::Talk:
        return talkTime() - used;
    case Phase::QA:
        return talkTime() + qaTime() - used;
    case Phase::Overtime:
        return used - talkTime() - qaTime();
    }
    Q_UNREACHABLE();
    return 0ms;
}

milliseconds SessionClock::remainingSession() const
{
    return talkTime() + qaTime() - elapsed();
}

bool SessionClock::isWarning() const
{
    if (phase() != Phase::Talk)
        return false;
    return remainingInPhase() <= duration_cast<milliseconds>(m_plan.warningTime);
}

SessionClock::Pace SessionClock::pace(int slideNumber, int slideCount) const
{
    if (!m_startedAt || slideCount <= 1 || talkTime() <= 0ms)
        return Pace::OnTime;
    const double fractionOfTalk = qMin(1.0, double(elapsed().count()) / double(talkTime().count()));
    // Slide 1 at the start, the last slide at the end of the talk.
    const double expectedSlide = 1.0 + fractionOfTalk * double(slideCount - 1);
    if (slideNumber > expectedSlide + 1.0)
        return Pace::Ahead;
    if (slideNumber < expectedSlide - 1.0)
        return Pace::Behind;
    return Pace::OnTime;
}

QString formatDuration(milliseconds duration)
{
    const bool negative = duration < 0ms;
    const qint64 totalSeconds = (negative ? -duration.count() : duration.count()) / 1000;
    const qint64 hours = totalSeconds / 3600;
    const qint64 minutes = (totalSeconds / 60) % 60;
    const qint64 seconds = totalSeconds % 60;
    const QLatin1Char zero('0');
    QString text = hours > 0 ? u"%1:%2:%3"_s.arg(hours).arg(minutes, 2, 10, zero).arg(seconds, 2, 10, zero)
                             : u"%1:%2"_s.arg(minutes).arg(seconds, 2, 10, zero);
    if (negative && totalSeconds > 0)
        text.prepend(QChar(0x2212)); // minus sign
    return text;
}

} // namespace Lectern
