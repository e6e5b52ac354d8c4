#include "projectorwindow.h"

#include "event/liveevent.h"
#include "joincard.h"
#include "pollchart.h"
#include "slideview.h"

#include <QCloseEvent>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lectern {

ProjectorWindow::ProjectorWindow(LiveEvent &event, RenderCache &cache, AudienceServer *server, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_event(event)
    , m_view(new SlideView(cache, this))
{
    setObjectName(u"projectorWindow"_s);
    setWindowTitle(tr("Lectern — Projector"));
    setFocusPolicy(Qt::StrongFocus);
    setStyleSheet(u"background: black;"_s);
    m_view->setObjectName(u"projectorSlide"_s);
    m_view->setFocusPolicy(Qt::NoFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    // Overlays over the slide, in stacking order: the join card above the chart, both above a blank screen
    // (a blanked room still gets to see the join card or the results when the speaker asks for them).
    if (LivePolls *polls = m_event.polls())
        m_chart = new PollChart(*polls, this);
    m_joinCard = new JoinCard(server, this);
    resize(960, 540);

    connect(&m_event, &LiveEvent::projectorChanged, this, &ProjectorWindow::refresh);
    connect(&m_event, &LiveEvent::slideChanged, this, &ProjectorWindow::refresh);
    connect(&m_event, &LiveEvent::deckChanged, this, [this] {
        m_view->invalidate();
        refresh();
        if (m_chart)
            m_chart->refresh(); // another session's polls
    });
    refresh();
}

void ProjectorWindow::setJoinAddress(const QHostAddress &address)
{
    m_joinCard->setJoinAddress(address);
}

void ProjectorWindow::refresh()
{
    m_view->setPage(m_event.hasDeck() ? m_event.projectorPage() : -1);
    m_view->setBlanked(m_event.isBlanked());
    m_joinCard->setVisible(m_event.isJoinCardShown());
    m_joinCard->raise();
}

void ProjectorWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_chart)
        m_chart->setGeometry(rect());
    m_joinCard->setGeometry(rect());
}

void ProjectorWindow::closeEvent(QCloseEvent *event)
{
    QWidget::closeEvent(event);
    Q_EMIT closed();
}

} // namespace Lectern
