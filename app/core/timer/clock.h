#pragma once

#include <QDateTime>

namespace Lectern {

/** The source of the current time, injected so that timing logic is tested without sleeping. */
class Clock
{
public:
    virtual ~Clock() = default;
    /** The current wall-clock time, UTC, millisecond precision. */
    virtual QDateTime now() const = 0;
};

/** The real clock. */
class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

/** A clock that moves only when told to: for tests and benchmarks. */
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 11, 24), QTime(19, 0), Qt::UTC))
        : m_now(std::move(start))
    {}
    QDateTime now() const override { return m_now; }
    void setNow(const QDateTime &now) { m_now = now; }
    void advance(std::chrono::milliseconds by) { m_now = m_now.addMSecs(by.count()); }

private:
    QDateTime m_now;
};

} // namespace Lectern
