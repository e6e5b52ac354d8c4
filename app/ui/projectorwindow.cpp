#include "projectorwindow.h"

#include "event/liveevent.h"
#include "slideview.h"

#include <QCloseEvent>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lectern {

ProjectorWindow::ProjectorWindow(LiveEvent &event, RenderCache &cache, QWidget *parent)
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
    resize(960, 540);

    connect(&m_event, &LiveEvent::projectorChanged, this, &ProjectorWindow::refresh);
    connect(&m_event, &LiveEvent::slideChanged, this, &ProjectorWindow::refresh);
    connect(&m_event, &LiveEvent::deckChanged, this, [this] {
        m_view->invalidate();
        refresh();
    });
    refresh();
}

void ProjectorWindow::refresh()
{
    m_view->setPage(m_event.hasDeck() ? m_event.projectorPage() : -1);
    m_view->setBlanked(m_event.isBlanked());
}

void ProjectorWindow::closeEvent(QCloseEvent *event)
{
    QWidget::closeEvent(event);
    Q_EMIT closed();
}

} // namespace Lectern
