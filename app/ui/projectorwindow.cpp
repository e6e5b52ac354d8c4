#include "projectorwindow.h"

#include "event/liveevent.h"
#include "joincard.h"
#include "pinnedquestioncard.h"
#include "pollchart.h"
#include "slides/slidedeck.h"
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
    m_view->setAccessibleName(tr("Slide on the projector"));
    m_view->setFocusPolicy(Qt::NoFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    // Overlays over the slide, in stacking order: the join card above the chart, the chart above the pinned
    // question, all above a blank screen (a blanked room still gets to see what the speaker asks for). The pinned
    // question stays for the whole answer, while the speaker may reveal a chart or the join card for a moment
    // (Esc closes those): they cover it, and it shows again when they close.
    if (LiveQuestions *questions = m_event.questions())
        m_pinnedQuestion = new PinnedQuestionCard(*questions, this);
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
    // What the room sees, in words: the slide by number, or that the screen is black.
    const std::shared_ptr<const SlideDeck> deck = m_event.deck();
    QString shown = deck ? tr("Slide %1 of %2").arg(deck->slideNumber(m_event.projectorPage())).arg(deck->slideCount())
                         : tr("No deck open");
    if (m_event.isBlanked())
        shown = tr("Blanked: the projector shows black");
    else if (m_event.isFrozen())
        shown = tr("%1, frozen").arg(shown);
    m_view->setAccessibleDescription(shown);
    m_joinCard->setVisible(m_event.isJoinCardShown());
    m_joinCard->raise();
}

void ProjectorWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_pinnedQuestion)
        m_pinnedQuestion->setGeometry(rect());
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
