#pragma once

#include <QImage>
#include <QWidget>

namespace Lectern {

class RenderCache;

/**
 * Shows one deck page, letterboxed on black, rendered by the RenderCache at exactly the widget's size in
 * device pixels (so it stays sharp on HiDPI screens and is never upscaled). While a page is being rendered
 * the previous image stays (scaled) instead of flashing; a page that fails to render shows an error card
 * for that page only. Asks for pages lazily, when painted, so hidden or scrolled-away views cost nothing.
 */
class SlideView : public QWidget
{
    Q_OBJECT

public:
    /** The cache must outlive the view. */
    explicit SlideView(RenderCache &cache, QWidget *parent = nullptr);
    /** Unregisters from the cache: its renders for this view stop and what it showed may be evicted. */
    ~SlideView() override;

    /** The page to show (0-based), or -1 for none (then the card text, if any, is shown). */
    void setPage(int pageIndex);
    int page() const { return m_page; }
    /** Text shown on a card instead of a page when the page is -1 ("End of deck"). */
    void setCardText(const QString &text);
    QString cardText() const { return m_cardText; }
    void setBlanked(bool blanked);
    bool isBlanked() const { return m_blanked; }
    /**
     * Asks again for a reloaded deck. The old image stays on screen until the new one arrives, but as stale:
     * shownImagePage() is -1 and framePainted is not emitted for it.
     */
    void invalidate();

    int viewId() const { return m_viewId; }
    /** The device-pixel box last asked of the cache (size() × devicePixelRatioF()); empty before painting. */
    QSize requestedPixelSize() const { return m_requestedSize; }
    qreal requestedDevicePixelRatio() const { return m_requestedDpr; }
    /**
     * The page of the image on screen, -1 when none or when it is stale (of the deck before invalidate()); it
     * differs from page() while a new page renders.
     */
    int shownImagePage() const { return m_imagePage; }
    QImage shownImage() const { return m_image; }
    /** True while the error card is shown for the current page. */
    bool isShowingError() const { return m_errorPage >= 0 && m_errorPage == m_page; }
    QString errorText() const;

    /** The page last painted sharp (its own image at the asked size), -1 before that. */
    int paintedPage() const { return m_paintedPage; }

    QSize sizeHint() const override { return {480, 270}; }

Q_SIGNALS:
    /** The page's own image, rendered for this view's size, has just been painted (benchmarks wait on it). */
    void framePainted(int pageIndex);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    void ensureRequested();
    void onPageRendered(int viewId, int pageIndex, const QImage &image);
    void onRenderFailed(int viewId, int pageIndex, const QString &message);
    void paintCard(QPainter &painter, const QString &text, const QColor &border);

    RenderCache &m_cache;
    int m_viewId = -1;
    int m_page = -1;
    bool m_blanked = false;
    QString m_cardText;

    int m_requestedPage = -1;
    QSize m_requestedSize;
    qreal m_requestedDpr = 0;

    QImage m_image;
    int m_imagePage = -1;
    int m_errorPage = -1;
    int m_paintedPage = -1;
    QString m_errorMessage;
};

} // namespace Lectern
