#include "timer/slidetimelog.h"

using namespace std::chrono;

namespace Lectern {

void SlideTimeLog::recordShown(int pageIndex, const QString &label, const QDateTime &at)
{
    if (m_open && m_visits.last().pageIndex == pageIndex)
        return;
    close(at);
    m_visits.append(SlideVisit{pageIndex, label, at, 0ms});
    m_open = true;
}

void SlideTimeLog::close(const QDateTime &at)
{
    if (!m_open)
        return;
    SlideVisit &visit = m_visits.last();
    visit.duration = milliseconds(qMax<qint64>(0, visit.shownAt.msecsTo(at)));
    m_open = false;
}

void SlideTimeLog::clear()
{
    m_visits.clear();
    m_open = false;
}

void SlideTimeLog::restore(const QList<RecordedVisit> &recorded)
{
    clear();
    for (const RecordedVisit &visit : recorded) {
        const qint64 lasted = visit.leftAt ? qMax<qint64>(0, visit.shownAt.msecsTo(*visit.leftAt)) : 0;
        m_visits.append(SlideVisit{visit.pageIndex, visit.label, visit.shownAt, milliseconds(lasted)});
    }
    m_open = !recorded.isEmpty() && !recorded.constLast().leftAt;
}

QList<SlideVisit> SlideTimeLog::visits(const QDateTime &now) const
{
    QList<SlideVisit> result = m_visits;
    if (m_open) {
        SlideVisit &open = result.last();
        open.duration = milliseconds(qMax<qint64>(0, open.shownAt.msecsTo(now)));
    }
    return result;
}

QList<std::pair<QString, milliseconds>> SlideTimeLog::totalsByLabel(const QDateTime &now) const
{
    QList<std::pair<QString, milliseconds>> totals;
    const QList<SlideVisit> all = visits(now);
    for (const SlideVisit &visit : all) {
        auto it =
            std::find_if(totals.begin(), totals.end(), [&](const auto &entry) { return entry.first == visit.label; });
        if (it == totals.end())
            totals.append({visit.label, visit.duration});
        else
            it->second += visit.duration;
    }
    return totals;
}

} // namespace Lectern
