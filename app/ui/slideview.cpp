#include "slideview.h"

#include "slides/rendercache.h"

#include <QEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lectern {

SlideView::SlideView(RenderCache &cache, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_viewId(cache.registerView())
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumSize(32, 18);
    connect(&m_cache, &RenderCache::pageRendered, this, &SlideView::onPageRendered);
    connect(&m_cache, &RenderCache::renderFailed, this, &SlideView::onRenderFailed);
}

SlideView::~SlideView()
{
    m_cache.unregisterView(m_viewId);
}

void SlideView::setPage(int pageIndex)
{
    if (pageIndex == m_page)
        return;
    m_page = pageIndex;
    update();
}

void SlideView::setCardText(const QString &text)
{
    if (text == m_cardText)
        return;
    m_cardText = text;
    update();
}

void SlideView::setBlanked(bool blanked)
{
    if (blanked == m_blanked)
        return;
    m_blanked = blanked;
    update();
}

void SlideView::invalidate()
{
    // The old image stays on screen until the new one arrives, but it is no page of the deck now on stage.
    m_imagePage = -1;
    m_paintedPage = -1;
    m_requestedPage = -1;
    m_requestedSize = {};
    m_requestedDpr = 0;
    m_errorPage = -1;
    m_errorMessage.clear();
    update();
}

QString SlideView::errorText() const
{
    return isShowingError() ? tr("This slide could not be drawn: %1").arg(m_errorMessage) : QString();
}

void SlideView::ensureRequested()
{
    if (m_page < 0)
        return;
    const qreal dpr = devicePixelRatioF();
    const QSize pixelSize(qRound(width() * dpr), qRound(height() * dpr));
    if (pixelSize.isEmpty())
        return;
    if (m_page == m_requestedPage && pixelSize == m_requestedSize && qFuzzyCompare(dpr, m_requestedDpr))
        return;
    m_requestedPage = m_page;
    m_requestedSize = pixelSize;
    m_requestedDpr = dpr;
    if (m_errorPage != m_page) {
        m_errorPage = -1;
        m_errorMessage.clear();
    }
    const QImage image = m_cache.request(m_viewId, m_page, pixelSize, dpr);
    if (!image.isNull()) {
        m_image = image;
        m_imagePage = m_page;
        m_errorPage = -1;
    }
}

void SlideView::onPageRendered(int viewId, int pageIndex, const QImage &image)
{
    if (viewId != m_viewId || image.isNull())
        return;
    // Anything this view asked for is better than what it shows now, but an image of a page the view has
    // since left must not replace the current page's image.
    if (pageIndex != m_page && m_imagePage == m_page)
        return;
    m_image = image;
    m_imagePage = pageIndex;
    if (pageIndex == m_errorPage)
        m_errorPage = -1;
    update();
}

void SlideView::onRenderFailed(int viewId, int pageIndex, const QString &message)
{
    if (viewId != m_viewId || pageIndex != m_page)
        return;
    m_errorPage = pageIndex;
    m_errorMessage = message;
    update();
}

bool SlideView::event(QEvent *event)
{
    // A move to a screen with another pixel ratio repaints; paintEvent compares the ratio and asks again.
    if (event->type() == QEvent::ScreenChangeInternal)
        update();
    return QWidget::event(event);
}

void SlideView::paintCard(QPainter &painter, const QString &text, const QColor &border)
{
    const QRectF area = QRectF(rect()).adjusted(8, 8, -8, -8);
    if (area.width() < 16 || area.height() < 16)
        return;
    // Keep the card slide-shaped (16:9) so it reads as "a slide" rather than a dialog.
    QSizeF cardSize(16, 9);
    cardSize.scale(area.size(), Qt::KeepAspectRatio);
    QRectF card(QPointF(), cardSize);
    card.moveCenter(area.center());

    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(border, 2));
    painter.setBrush(QColor(0x1e, 0x21, 0x26));
    painter.drawRoundedRect(card, 8, 8);

    QFont font = painter.font();
    font.setPixelSize(std::max(10, int(card.height() / 12)));
    painter.setFont(font);
    painter.setPen(QColor(0xd0, 0xd4, 0xda));
    painter.drawText(card.adjusted(card.width() / 12, 0, -card.width() / 12, 0), Qt::AlignCenter | Qt::TextWordWrap,
                     text);
}

void SlideView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (m_blanked)
        return;
    if (m_page < 0) {
        if (!m_cardText.isEmpty())
            paintCard(painter, m_cardText, QColor(0x3a, 0x3f, 0x47));
        return;
    }
    ensureRequested();
    if (isShowingError()) {
        paintCard(painter, errorText(), QColor(0xe0, 0x4f, 0x4f));
        return;
    }
    if (m_image.isNull())
        return;

    // Letterbox: fit the image's aspect into the widget. The image asked for already fits the widget's
    // device-pixel box exactly and is drawn 1:1; an older one (another page or size) is scaled meanwhile.
    const qreal dpr = devicePixelRatioF();
    const QSizeF box(width() * dpr, height() * dpr);
    QSizeF fitted = QSizeF(m_image.size());
    const bool fitsExactly =
        fitted.width() <= std::ceil(box.width()) && fitted.height() <= std::ceil(box.height()) &&
        (std::abs(fitted.width() - box.width()) <= 1 || std::abs(fitted.height() - box.height()) <= 1);
    if (!fitsExactly)
        fitted.scale(box, Qt::KeepAspectRatio);
    QRectF target(QPointF(), fitted / dpr);
    target.moveCenter(QRectF(rect()).center());
    // Align to device pixels so the 1:1 image is not resampled by half a pixel.
    target.moveTopLeft(QPointF(std::round(target.left() * dpr) / dpr, std::round(target.top() * dpr) / dpr));
    painter.setRenderHint(QPainter::SmoothPixmapTransform, fitted != QSizeF(m_image.size()));
    painter.drawImage(target, m_image, QRectF(QPointF(), QSizeF(m_image.size())));
    if (m_imagePage == m_page && fitsExactly) {
        m_paintedPage = m_page;
        Q_EMIT framePainted(m_page);
    }
}

} // namespace Lectern
