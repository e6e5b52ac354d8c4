#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QSize>

#include <memory>

namespace Lectern {

class SlideDeck;

/**
 * Renders deck pages off the UI thread and keeps the results, bounded in bytes.
 *
 * Each view (a window's slide area) registers once and then asks for the page it shows at its exact pixel
 * size (logical size × device pixel ratio). A newer request from the same view drops that view's request
 * not yet started and aborts the one running (poppler's abort callback), so a burst of key presses renders
 * the page the speaker lands on; renders of the new page's neighbours are kept. After a view's page is ready,
 * its neighbours (previous and next visible pages, and the next-slide preview page) are pre-rendered, after any
 * page a view waits for. A page the deck could not read gets renderFailed, never a render.
 *
 * Poppler renders a page once, at the largest size the views want it; smaller sizes are downscaled from that
 * image on a worker (never upscaled). A view asking for a page that is being rendered at least as large waits for
 * that render; one asking for a page cached at a larger size gets it scaled down, without poppler. Requests made
 * in the same event-loop pass reach the workers together, so two windows asking for a page at once share a
 * render.
 * Workers own their own Poppler::Document each, read from the deck's bytes (SlideDeck::data()), never the file. The
 * byte budget evicts least recently used images first and keeps the images views show while anything else can go.
 *
 * Memory: slide images are large and allocated on several threads, so constructing a RenderCache fixes
 * glibc's mmap threshold for the whole process (mallopt), keeping every image in its own mapping that goes back
 * to the system when it is evicted; otherwise freed images stay in per-thread heap arenas.
 *
 * All public functions are called on the thread that owns the cache (the UI thread); signals arrive there.
 */
class RenderCache : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype defaultByteBudget = 96 * 1024 * 1024;

    explicit RenderCache(qsizetype byteBudget = defaultByteBudget, QObject *parent = nullptr);
    ~RenderCache() override;

    /** Replaces the deck: cancels all work, empties the cache. A null deck just clears. */
    void setDeck(std::shared_ptr<const SlideDeck> deck);

    /** A new view id for request(). */
    int registerView();
    /**
     * Forgets a view (call it when the view goes away): its queued renders are dropped, its running ones
     * aborted unless another view waits for them, and the image it showed may be evicted like any other.
     */
    void unregisterView(int viewId);

    /**
     * Asks for page at pixelSize (device pixels; the image is that size or fits inside it keeping the page's
     * aspect). Returns the image at once when cached (no signal then); otherwise a null image, and
     * pageRendered or renderFailed follows for this view. Supersedes the view's earlier request.
     */
    QImage request(int viewId, int pageIndex, QSize pixelSize, qreal devicePixelRatio);

    /** The cached image, or a null image; never renders. */
    QImage cached(int pageIndex, QSize pixelSize) const;

    /** The pixel size page will be rendered at to fit inside box (keeping its aspect ratio). */
    QSize fittedSize(int pageIndex, QSize box) const;

    qsizetype byteBudget() const { return m_byteBudget; }
    qsizetype bytesUsed() const;
    /** Pages rendered to completion so far, aborted ones not counted (for tests and benchmarks). */
    int renderCount() const;
    /** Renders aborted because a newer request superseded them. */
    int abortCount() const;
    /** Images made by downscaling a larger rendered page instead of rendering (for tests and benchmarks). */
    int scaledCount() const;
    /** Poppler renders the workers are busy with at this moment (for tests and benchmarks). */
    int runningRenderCount() const;

Q_SIGNALS:
    /** The page this view asked for is ready (image.devicePixelRatio() is set). */
    void pageRendered(int viewId, int pageIndex, const QImage &image);
    /** The page could not be rendered; the view shows an error card for that page only. */
    void renderFailed(int viewId, int pageIndex, const QString &message);

private:
    class Private;
    std::unique_ptr<Private> d;
    qsizetype m_byteBudget;
};

} // namespace Lectern
