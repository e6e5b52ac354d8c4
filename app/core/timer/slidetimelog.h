#pragma once

#include "model/stage.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>

namespace Lectern {

/** One time a slide was on screen. */
struct SlideVisit
{
    int pageIndex = 0;
    QString label;
    QDateTime shownAt;
    /** How long it stayed; for the visit still open, up to the time asked about. */
    std::chrono::milliseconds duration{0};
};

/** The per-slide time log of a session: when each slide was shown and for how long. */
class SlideTimeLog
{
public:
    /** Closes the open visit (if any) at `at` and opens one for this page. Same page twice: no new visit. */
    void recordShown(int pageIndex, const QString &label, const QDateTime &at);
    /** Closes the open visit at `at` (session paused, ended). */
    void close(const QDateTime &at);
    void clear();
    /** Takes up a recorded log (a restart): the visit without leftAt, if last, stays open. */
    void restore(const QList<RecordedVisit> &recorded);

    /** Every visit in order; the open one lasts until `now`. */
    QList<SlideVisit> visits(const QDateTime &now) const;
    /** Total time per slide label, in first-shown order. */
    QList<std::pair<QString, std::chrono::milliseconds>> totalsByLabel(const QDateTime &now) const;

private:
    QList<SlideVisit> m_visits;
    bool m_open = false;
};

} // namespace Lectern
