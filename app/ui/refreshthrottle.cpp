#include "refreshthrottle.h"

#include <utility>

namespace Lectern {

RefreshThrottle::RefreshThrottle(std::chrono::milliseconds interval, std::function<void()> draw)
    : m_draw(std::move(draw))
{
    Q_ASSERT(m_draw);
    m_timer.setSingleShot(true);
    m_timer.setInterval(interval);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { onIntervalOver(); });
}

void RefreshThrottle::request()
{
    if (m_timer.isActive()) {
        m_pending = true;
        return;
    }
    m_timer.start();
    m_pending = false;
    m_draw();
}

void RefreshThrottle::onIntervalOver()
{
    if (!m_pending)
        return;
    m_pending = false;
    m_timer.start();
    m_draw();
}

} // namespace Lectern
