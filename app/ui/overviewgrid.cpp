#include "overviewgrid.h"

#include "event/liveevent.h"
#include "slideview.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lectern {

OverviewThumbnail::OverviewThumbnail(RenderCache &cache, QWidget *parent)
    : QFrame(parent)
    , m_view(new SlideView(cache, this))
    , m_caption(new QLabel(this))
{
    setObjectName(u"overviewThumbnail"_s);
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::PointingHandCursor);
    m_view->setFixedSize(OverviewGrid::thumbnailSize);
    m_view->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_caption->setObjectName(u"overviewCaption"_s);
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->setSpacing(4);
    layout->addWidget(m_view);
    layout->addWidget(m_caption);
    setMarks(false, false);
}

void OverviewThumbnail::setSlide(int slideNumber, int pageIndex, const QString &label)
{
    m_pageIndex = pageIndex;
    m_view->setPage(pageIndex);
    m_view->invalidate();
    const QString number = QString::number(slideNumber);
    m_caption->setText(label == number ? number : tr("%1 · %2").arg(number, label));
    const QString name = label == number ? tr("Slide %1").arg(number) : tr("Slide %1 (%2)").arg(number, label);
    setAccessibleName(name);
    m_view->setAccessibleName(name);
}

void OverviewThumbnail::setMarks(bool current, bool selected)
{
    // Repolishing restyles the thumbnail: skip it when nothing changed (every slide change comes here).
    if (property("current").toBool() == current && property("selected").toBool() == selected &&
        property("current").isValid())
        return;
    setProperty("current", current);
    setProperty("selected", selected);
    setAccessibleDescription(current && selected ? tr("Current slide, selected")
                             : current           ? tr("Current slide")
                             : selected          ? tr("Selected")
                                                 : QString());
    style()->unpolish(this);
    style()->polish(this);
}

void OverviewThumbnail::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        event->accept();
        Q_EMIT clicked();
        return;
    }
    QFrame::mousePressEvent(event);
}

OverviewGrid::OverviewGrid(LiveEvent &event, RenderCache &cache, QWidget *parent)
    : QWidget(parent)
    , m_event(event)
    , m_cache(cache)
{
    setObjectName(u"overviewGrid"_s);
    setAccessibleName(tr("Slide overview"));
    setAccessibleDescription(tr("Arrow keys pick a slide, Enter goes there, Esc closes"));
    setFocusPolicy(Qt::NoFocus);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(u"overviewScroll"_s);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->viewport()->setAutoFillBackground(false);
    m_scroll->viewport()->installEventFilter(this);

    m_gridHost = new QWidget;
    m_gridHost->setObjectName(u"overviewHost"_s);
    m_gridHost->setAutoFillBackground(false);
    m_grid = new QGridLayout(m_gridHost);
    m_grid->setSpacing(16);
    m_grid->setContentsMargins(24, 24, 24, 24);
    m_grid->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_scroll->setWidget(m_gridHost);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);

    // The current-slide mark follows the talk while the overview is open (a clicker, the projector window);
    // reset() marks it afresh on opening.
    connect(&m_event, &LiveEvent::slideChanged, this, [this] {
        if (isVisible())
            updateMarks();
    });
}

void OverviewGrid::reset()
{
    m_slidePages.clear();
    const std::shared_ptr<const SlideDeck> deck = m_event.deck();
    if (deck) {
        const int count = deck->slideCount();
        for (int slide = 1; slide <= count; ++slide) {
            // The last overlay step of a slide is the visible page just before the next slide starts.
            const int lastStep =
                slide < count ? deck->previousPage(deck->firstPageOfSlide(slide + 1)) : deck->lastVisiblePage();
            m_slidePages.append(lastStep);
        }
    }

    while (m_thumbnails.size() < m_slidePages.size()) {
        auto *thumbnail = new OverviewThumbnail(m_cache, m_gridHost);
        const int index = int(m_thumbnails.size());
        thumbnail->setObjectName(u"overviewThumbnail%1"_s.arg(index + 1));
        connect(thumbnail, &OverviewThumbnail::clicked, this, [this, index] { activate(index); });
        m_thumbnails.append(thumbnail);
    }
    for (int i = 0; i < m_thumbnails.size(); ++i) {
        OverviewThumbnail *thumbnail = m_thumbnails.at(i);
        if (i < m_slidePages.size()) {
            const int page = m_slidePages.at(i);
            thumbnail->setSlide(i + 1, page, deck->page(page).label);
        }
        thumbnail->setVisible(i < m_slidePages.size());
    }
    m_columns = 0;
    relayout();
    select(deck && !m_slidePages.isEmpty() ? deck->slideNumber(m_event.currentPage()) - 1 : -1);
}

int OverviewGrid::columnCount() const
{
    const int available = m_scroll->viewport()->width() - 48;
    const int cell = thumbnailSize.width() + 12 + m_grid->horizontalSpacing();
    return std::max(1, (available + m_grid->horizontalSpacing()) / cell);
}

void OverviewGrid::relayout()
{
    const int columns = columnCount();
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (OverviewThumbnail *thumbnail : std::as_const(m_thumbnails))
        m_grid->removeWidget(thumbnail);
    for (int i = 0; i < m_slidePages.size(); ++i)
        m_grid->addWidget(m_thumbnails.at(i), i / columns, i % columns);
}

void OverviewGrid::updateMarks()
{
    const std::shared_ptr<const SlideDeck> deck = m_event.deck();
    const int currentSlide = deck ? deck->slideNumber(m_event.currentPage()) - 1 : -1;
    for (int i = 0; i < m_slidePages.size(); ++i)
        m_thumbnails.at(i)->setMarks(i == currentSlide, i == m_selected);
}

void OverviewGrid::select(int slideIndex)
{
    if (m_slidePages.isEmpty()) {
        m_selected = -1;
        return;
    }
    m_selected = std::clamp(slideIndex, 0, int(m_slidePages.size()) - 1);
    updateMarks();
    m_scroll->ensureWidgetVisible(m_thumbnails.at(m_selected), 24, 24);
}

void OverviewGrid::activate(int slideIndex)
{
    if (slideIndex < 0 || slideIndex >= m_slidePages.size())
        return;
    select(slideIndex);
    m_event.goToPage(m_slidePages.at(slideIndex));
    Q_EMIT closeRequested();
}

bool OverviewGrid::handleKey(const QKeyEvent &event)
{
    if (event.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    const int columns = std::max(1, m_columns);
    const int rowsPerPage = std::max(1, m_scroll->viewport()->height() / (thumbnailSize.height() + 40));
    switch (event.key()) {
    case Qt::Key_Left:
        select(m_selected - 1);
        return true;
    case Qt::Key_Right:
        select(m_selected + 1);
        return true;
    case Qt::Key_Up:
        select(m_selected - columns);
        return true;
    case Qt::Key_Down:
        select(m_selected + columns);
        return true;
    case Qt::Key_PageUp:
        select(m_selected - columns * rowsPerPage);
        return true;
    case Qt::Key_PageDown:
        select(m_selected + columns * rowsPerPage);
        return true;
    case Qt::Key_Home:
        select(0);
        return true;
    case Qt::Key_End:
        select(int(m_slidePages.size()) - 1);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        activate(m_selected);
        return true;
    default:
        return false;
    }
}

void OverviewGrid::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x10, 0x12, 0x16));
}

bool OverviewGrid::eventFilter(QObject *watched, QEvent *event)
{
    // The number of columns follows the viewport's width, known only once the scroll area has laid out.
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize) {
        relayout();
        if (m_selected >= 0)
            m_scroll->ensureWidgetVisible(m_thumbnails.at(m_selected), 24, 24);
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Lectern
