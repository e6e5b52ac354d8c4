#include "slides/rendercache.h"

#include "slides/inmemorypdf.h"
#include "slides/slidedeck.h"
#include "slides/slideslogging.h"

#include <poppler-qt6.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <QHashFunctions>
#include <QMutex>
#include <QThread>
#include <QTimer>
#include <QVariant>
#include <QWaitCondition>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

struct CacheKey
{
    int deckGeneration = 0;
    int page = -1;
    QSize size;

    friend bool operator==(const CacheKey &a, const CacheKey &b)
    {
        return a.deckGeneration == b.deckGeneration && a.page == b.page && a.size == b.size;
    }
};

size_t qHash(const CacheKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.deckGeneration, key.page, key.size.width(), key.size.height());
}

/** Sizes of one page are fitted to the same aspect, so a size at least as large both ways can be scaled down. */
bool isAtLeast(QSize size, QSize other)
{
    return size.width() >= other.width() && size.height() >= other.height();
}

bool isSamePage(const CacheKey &a, const CacheKey &b)
{
    return a.deckGeneration == b.deckGeneration && a.page == b.page;
}

struct ScaledWaiter
{
    int viewId = 0;
    QSize size; ///< smaller than the job's, made from its image
};

/**
 * One page to render with poppler (and then to scale down to derivedSizes), or, for a Scale job, one image to
 * scale down to key.size without poppler. The worker reads the fields set at creation, the atomic flag and,
 * under the cache's mutex, derivedSizes; everything else belongs to the cache's thread.
 */
struct RenderJob
{
    enum class Kind { Render, Scale };

    Kind kind = Kind::Render;
    CacheKey key;
    QByteArray data; ///< Render: the deck's bytes (SlideDeck::data()), shared read-only
    QByteArray password;
    QImage source; ///< Scale: a larger image of the page
    const std::atomic<int> *liveDeckGeneration = nullptr;
    std::atomic<bool> cancelled{false};

    QList<QSize> derivedSizes; ///< Render: smaller images to make from the rendered one; guarded by the mutex

    QList<int> waitingViews;           ///< get pageRendered with the image at key.size
    QList<ScaledWaiter> scaledWaiters; ///< get pageRendered with an image scaled down from it
    QList<int> wantedBy;               ///< views that keep this job going: asked for it, or want it as a neighbour

    bool isStale() const
    {
        return cancelled.load(std::memory_order_relaxed) ||
               key.deckGeneration != liveDeckGeneration->load(std::memory_order_relaxed);
    }
    bool hasWaiters() const { return !waitingViews.isEmpty() || !scaledWaiters.isEmpty(); }
    /** Whether this job yields the page at wanted's size: exactly, or (a render) scaled down from a larger one. */
    bool covers(const CacheKey &wanted) const
    {
        return key == wanted || (kind == Kind::Render && isSamePage(key, wanted) && isAtLeast(key.size, wanted.size));
    }
};

using JobPointer = std::shared_ptr<RenderJob>;

struct RenderOutcome
{
    QImage image;
    QList<QImage> derived; ///< the job's derivedSizes, scaled down from image
    QString error;
    bool aborted = false;
};

/** The cache stores RGB32 (see render()); smooth scaling averages the pixels a downscaled one covers. */
QImage scaledDown(const QImage &image, QSize size)
{
    QImage scaled = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    if (scaled.format() != QImage::Format_RGB32)
        scaled.convertTo(QImage::Format_RGB32);
    return scaled;
}

bool shouldAbortRender(const QVariant &payload)
{
    return static_cast<const RenderJob *>(payload.value<void *>())->isStale();
}

QImage withDevicePixelRatio(const QImage &image, qreal devicePixelRatio)
{
    if (qFuzzyCompare(image.devicePixelRatio(), devicePixelRatio))
        return image;
    QImage copy = image;
    copy.setDevicePixelRatio(devicePixelRatio);
    return copy;
}

} // namespace

class RenderCache::Private
{
public:
    struct Entry
    {
        QImage image;
        quint64 lastUse = 0;
    };

    struct View
    {
        std::optional<CacheKey> displayed; ///< the image the view shows now: kept in the cache if possible
        std::optional<CacheKey> requested; ///< the page the view asked for last
        QSize box;
        qreal devicePixelRatio = 1.0;
    };

    explicit Private(RenderCache *cache)
        : q(cache)
    {
        preRenderDelay.setSingleShot(true);
        preRenderDelay.setInterval(40);
        QObject::connect(&preRenderDelay, &QTimer::timeout, q, [this] {
            const QList<std::pair<int, int>> pending = std::exchange(preRenderPending, {});
            for (const auto &[viewId, pageIndex] : pending) {
                const auto view = views.constFind(viewId);
                if (view != views.cend() && view->requested && view->requested->page == pageIndex)
                    preRenderNeighbours(viewId, pageIndex);
            }
        });
    }

    void startWorkers();
    void stopWorkers();
    void workerLoop();
    RenderOutcome render(RenderJob &job, std::unique_ptr<InMemoryPdf> &pdf, int &documentGeneration);
    void deriveSmaller(RenderJob &job, RenderOutcome &outcome);
    static RenderOutcome scale(const RenderJob &job);
    void finished(const JobPointer &job, RenderOutcome outcome);

    JobPointer makeJob(RenderJob::Kind kind, const CacheKey &key) const;
    JobPointer activeJob(const CacheKey &key) const;
    JobPointer largerActiveRender(const CacheKey &key) const;
    QImage cachedLarger(const CacheKey &key);
    QSize largestShownSize(int pageIndex) const;
    void addScaledWaiter(const JobPointer &job, int viewId, QSize size);
    void addDerivedSize(const JobPointer &job, QSize size);
    void absorbSmallerQueuedRenders(const JobPointer &job);
    void enqueue(const JobPointer &job, bool current);
    void handOverHeldJobs();
    bool takeQueued(const JobPointer &job);
    void promote(const JobPointer &job);
    void demote(const JobPointer &job);
    void dropOrAbort(const JobPointer &job);
    void cancelAll();
    void releaseViewJobs(int viewId, const QList<CacheKey> &keep);
    QList<CacheKey> neighbourKeys(int pageIndex, QSize box) const;
    void preRenderNeighbours(int viewId, int pageIndex);
    void schedulePreRender(int viewId, int pageIndex);
    void insert(const CacheKey &key, const QImage &image);
    void evict();
    void postFailure(int viewId, int pageIndex, const QString &message);

    RenderCache *q;
    std::shared_ptr<const SlideDeck> deck;
    std::atomic<int> deckGeneration{0};

    // Owned by the cache's thread.
    QHash<CacheKey, Entry> entries;
    qsizetype bytes = 0;
    quint64 useCounter = 0;
    QHash<int, View> views;
    int nextViewId = 1;
    QList<JobPointer> activeJobs; // queued or running, not cancelled by setDeck
    // Pages views asked for in this event-loop pass reach the workers at its end, together: a window asking for a
    // page after another window asked for it smaller replaces that render instead of racing it.
    QList<JobPointer> heldJobs;
    bool handOverPosted = false;
    // Neighbours are queued a moment after a page is handed out, so the workers do not compete for the CPU
    // with the paint of the page the speaker just moved to.
    QTimer preRenderDelay;
    QList<std::pair<int, int>> preRenderPending; // (view id, the page whose neighbours it wants), oldest first
    int renderCount = 0;
    int abortCount = 0;
    int scaledCount = 0;
    std::atomic<int> runningCount{0}; // poppler renders a worker is busy with

    // Shared with the workers, guarded by mutex.
    QMutex mutex;
    QWaitCondition jobAvailable;
    QList<JobPointer> currentQueue;   // pages views are waiting for
    QList<JobPointer> preRenderQueue; // neighbours, only when no view waits
    bool stopping = false;

    std::vector<std::unique_ptr<QThread>> workers;
};

void RenderCache::Private::startWorkers()
{
    const int count = qBound(2, QThread::idealThreadCount(), 4);
    for (int i = 0; i < count; ++i) {
        std::unique_ptr<QThread> thread(QThread::create([this] { workerLoop(); }));
        thread->setObjectName(u"lectern-render-%1"_s.arg(i));
        thread->start();
        workers.push_back(std::move(thread));
    }
}

void RenderCache::Private::stopWorkers()
{
    heldJobs.clear();
    {
        QMutexLocker locker(&mutex);
        stopping = true;
        currentQueue.clear();
        preRenderQueue.clear();
        for (const JobPointer &job : std::as_const(activeJobs))
            job->cancelled = true;
        jobAvailable.wakeAll();
    }
    for (const std::unique_ptr<QThread> &thread : workers)
        thread->wait();
    workers.clear();
}

void RenderCache::Private::workerLoop()
{
    // Poppler documents are not shared between threads: each worker opens its own, on the deck's bytes.
    std::unique_ptr<InMemoryPdf> pdf;
    int documentGeneration = -1;
    for (;;) {
        JobPointer job;
        {
            QMutexLocker locker(&mutex);
            while (!stopping && currentQueue.isEmpty() && preRenderQueue.isEmpty()) {
                if (pdf && documentGeneration != deckGeneration.load()) {
                    // The deck was replaced or closed: free the old document's memory while idle.
                    locker.unlock();
                    pdf.reset();
                    locker.relock();
                    continue;
                }
                jobAvailable.wait(&mutex);
            }
            if (stopping)
                return;
            job = !currentQueue.isEmpty() ? currentQueue.takeFirst() : preRenderQueue.takeFirst();
            if (job->kind == RenderJob::Kind::Render)
                runningCount.fetch_add(1);
        }
        RenderOutcome outcome;
        if (job->kind == RenderJob::Kind::Render) {
            outcome = render(*job, pdf, documentGeneration);
            deriveSmaller(*job, outcome);
            runningCount.fetch_sub(1);
        } else {
            outcome = scale(*job);
        }
        QMetaObject::invokeMethod(
            q, [this, job, outcome = std::move(outcome)]() mutable { finished(job, std::move(outcome)); },
            Qt::QueuedConnection);
    }
}

RenderOutcome RenderCache::Private::render(RenderJob &job, std::unique_ptr<InMemoryPdf> &pdf, int &documentGeneration)
{
    RenderOutcome outcome;
    if (job.isStale()) {
        outcome.aborted = true;
        return outcome;
    }
    if (!pdf || documentGeneration != job.key.deckGeneration) {
        pdf.reset(); // before loading the next one, so two documents are never held at once
        pdf = std::make_unique<InMemoryPdf>(job.data, job.password);
        documentGeneration = job.key.deckGeneration;
        if (Poppler::Document *document = pdf->document()) {
            document->setRenderHint(Poppler::Document::Antialiasing);
            document->setRenderHint(Poppler::Document::TextAntialiasing);
        }
    }
    Poppler::Document *document = pdf->document();
    if (!document || document->isLocked()) {
        outcome.error = RenderCache::tr("The PDF cannot be read.");
        return outcome;
    }
    const std::unique_ptr<Poppler::Page> page = document->page(job.key.page);
    if (!page) {
        outcome.error = RenderCache::tr("Page %1 cannot be read from the PDF file.").arg(job.key.page + 1);
        return outcome;
    }
    const QSizeF points = page->pageSizeF();
    const QSize size = job.key.size;
    if (points.isEmpty() || size.isEmpty()) {
        outcome.error = RenderCache::tr("Page %1 has no size.").arg(job.key.page + 1);
        return outcome;
    }
    // The resolution that maps the page exactly onto the fitted pixel size, so nothing is scaled afterwards.
    const double xDpi = 72.0 * size.width() / points.width();
    const double yDpi = 72.0 * size.height() / points.height();
    QImage image = page->renderToImage(xDpi, yDpi, 0, 0, size.width(), size.height(), Poppler::Page::Rotate0, nullptr,
                                       nullptr, shouldAbortRender, QVariant::fromValue(static_cast<void *>(&job)));
    if (job.isStale()) {
        outcome.aborted = true;
        return outcome;
    }
    if (image.isNull()) {
        outcome.error = RenderCache::tr("Page %1 could not be drawn.").arg(job.key.page + 1);
        return outcome;
    }
    if (image.size() != size)
        image = image.copy(QRect(QPoint(0, 0), size));
    // Poppler paints the paper, so a page is opaque. Stored as RGB32, the format of window backing stores, a
    // page is painted with a plain copy instead of a conversion (and an 8 MB temporary) on the UI thread.
    if (image.format() != QImage::Format_RGB32)
        image.convertTo(QImage::Format_RGB32);
    outcome.image = std::move(image);
    return outcome;
}

void RenderCache::Private::deriveSmaller(RenderJob &job, RenderOutcome &outcome)
{
    if (outcome.aborted || !outcome.error.isEmpty())
        return;
    QList<QSize> sizes;
    {
        QMutexLocker locker(&mutex);
        sizes = job.derivedSizes;
    }
    // Sizes added after this point are scaled in a job of their own (see finished()).
    for (const QSize size : std::as_const(sizes)) {
        if (job.isStale()) {
            outcome = RenderOutcome();
            outcome.aborted = true;
            return;
        }
        outcome.derived.append(scaledDown(outcome.image, size));
    }
}

RenderOutcome RenderCache::Private::scale(const RenderJob &job)
{
    RenderOutcome outcome;
    if (!job.isStale())
        outcome.image = scaledDown(job.source, job.key.size);
    outcome.aborted = job.isStale();
    return outcome;
}

void RenderCache::Private::finished(const JobPointer &job, RenderOutcome outcome)
{
    activeJobs.removeOne(job);
    if (job->key.deckGeneration != deckGeneration.load())
        return; // the deck changed meanwhile; nobody waits for this page any more
    const bool rendered = job->kind == RenderJob::Kind::Render;
    if (outcome.aborted) {
        if (rendered)
            ++abortCount;
        return;
    }
    const int pageIndex = job->key.page;
    if (!outcome.error.isEmpty()) {
        qCWarning(lcSlides) << "rendering page" << pageIndex + 1 << "failed:" << outcome.error;
        for (const int viewId : std::as_const(job->waitingViews))
            Q_EMIT q->renderFailed(viewId, pageIndex, outcome.error);
        for (const ScaledWaiter &waiter : std::as_const(job->scaledWaiters))
            Q_EMIT q->renderFailed(waiter.viewId, pageIndex, outcome.error);
        return;
    }
    (rendered ? renderCount : scaledCount) += 1;
    scaledCount += int(outcome.derived.size());

    QList<QImage> images = std::move(outcome.derived);
    images.prepend(std::move(outcome.image));
    // Each image takes the pixel ratio of the first view it goes to while nothing else shares it yet: setting
    // the ratio of a shared QImage copies all its pixels, on this (the UI) thread.
    for (QImage &image : images) {
        const auto ratioOf = [this](int viewId) { return views.value(viewId).devicePixelRatio; };
        if (image.size() == job->key.size && !job->waitingViews.isEmpty()) {
            image.setDevicePixelRatio(ratioOf(job->waitingViews.first()));
            continue;
        }
        for (const ScaledWaiter &waiter : std::as_const(job->scaledWaiters)) {
            if (waiter.size == image.size()) {
                image.setDevicePixelRatio(ratioOf(waiter.viewId));
                break;
            }
        }
    }
    const auto imageOfSize = [&images](QSize size) {
        const auto image = std::find_if(images.cbegin(), images.cend(),
                                        [size](const QImage &candidate) { return candidate.size() == size; });
        return image == images.cend() ? QImage() : *image;
    };
    // Registered views only: unregisterView() removes its id from every job.
    QList<std::pair<int, QImage>> deliveries;
    for (const int viewId : std::as_const(job->waitingViews))
        deliveries.append({viewId, images.first()});
    QList<ScaledWaiter> unserved;
    for (const ScaledWaiter &waiter : std::as_const(job->scaledWaiters)) {
        const QImage image = imageOfSize(waiter.size);
        if (image.isNull())
            unserved.append(waiter);
        else
            deliveries.append({waiter.viewId, image});
    }
    const auto keyOfSize = [&job](QSize size) { return CacheKey{job->key.deckGeneration, job->key.page, size}; };
    for (const auto &[viewId, image] : std::as_const(deliveries)) {
        if (const auto view = views.find(viewId); view != views.end())
            view->displayed = keyOfSize(image.size());
    }
    for (const QImage &image : std::as_const(images))
        insert(keyOfSize(image.size()), image);

    // Smaller sizes asked for after the worker had scaled (or while it did): scaled down now, on a worker too.
    QList<QSize> missing;
    for (const QSize size : std::as_const(job->derivedSizes)) {
        if (imageOfSize(size).isNull() && !missing.contains(size))
            missing.append(size);
    }
    for (const ScaledWaiter &waiter : std::as_const(unserved)) {
        if (!missing.contains(waiter.size))
            missing.append(waiter.size);
    }
    for (const QSize size : std::as_const(missing)) {
        const JobPointer scaleJob = makeJob(RenderJob::Kind::Scale, keyOfSize(size));
        scaleJob->source = images.first();
        scaleJob->wantedBy = job->wantedBy;
        for (const ScaledWaiter &waiter : std::as_const(unserved)) {
            if (waiter.size == size)
                scaleJob->waitingViews.append(waiter.viewId);
        }
        enqueue(scaleJob, scaleJob->hasWaiters());
    }

    for (const auto &[viewId, image] : std::as_const(deliveries))
        Q_EMIT q->pageRendered(viewId, pageIndex, withDevicePixelRatio(image, views.value(viewId).devicePixelRatio));
    // After the signals, as a receiver may already have asked for another page (or another deck).
    for (const auto &[viewId, image] : std::as_const(deliveries)) {
        const auto view = views.constFind(viewId);
        if (view != views.cend() && view->requested == keyOfSize(image.size()))
            schedulePreRender(viewId, pageIndex);
    }
}

JobPointer RenderCache::Private::makeJob(RenderJob::Kind kind, const CacheKey &key) const
{
    auto job = std::make_shared<RenderJob>();
    job->kind = kind;
    job->key = key;
    if (kind == RenderJob::Kind::Render) {
        job->data = deck->data();
        job->password = deck->password();
    }
    job->liveDeckGeneration = &deckGeneration;
    return job;
}

JobPointer RenderCache::Private::activeJob(const CacheKey &key) const
{
    for (const JobPointer &job : activeJobs) {
        if (job->key == key && !job->cancelled.load())
            return job;
    }
    return {};
}

JobPointer RenderCache::Private::largerActiveRender(const CacheKey &key) const
{
    JobPointer smallest;
    for (const JobPointer &job : activeJobs) {
        if (job->cancelled.load() || job->key == key || !job->covers(key))
            continue;
        if (!smallest || isAtLeast(smallest->key.size, job->key.size))
            smallest = job;
    }
    return smallest;
}

QImage RenderCache::Private::cachedLarger(const CacheKey &key)
{
    auto smallest = entries.end();
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        if (isSamePage(it.key(), key) && it.key().size != key.size && isAtLeast(it.key().size, key.size) &&
            (smallest == entries.end() || isAtLeast(smallest.key().size, it.key().size)))
            smallest = it;
    }
    if (smallest == entries.end())
        return {};
    smallest->lastUse = ++useCounter;
    return smallest->image;
}

QSize RenderCache::Private::largestShownSize(int pageIndex) const
{
    QSize largest;
    const int generation = deckGeneration.load();
    for (const View &view : views) {
        if (!view.requested || view.requested->deckGeneration != generation)
            continue;
        const QSize size = q->fittedSize(pageIndex, view.box);
        if (qint64(size.width()) * size.height() > qint64(largest.width()) * largest.height())
            largest = size;
    }
    return largest;
}

void RenderCache::Private::addScaledWaiter(const JobPointer &job, int viewId, QSize size)
{
    job->scaledWaiters.removeIf([viewId](const ScaledWaiter &waiter) { return waiter.viewId == viewId; });
    job->scaledWaiters.append({viewId, size});
    addDerivedSize(job, size);
}

void RenderCache::Private::addDerivedSize(const JobPointer &job, QSize size)
{
    QMutexLocker locker(&mutex);
    if (!job->derivedSizes.contains(size))
        job->derivedSizes.append(size);
}

void RenderCache::Private::absorbSmallerQueuedRenders(const JobPointer &job)
{
    // Not for a render a worker has started: that one finishes, and this job renders on the other worker.
    const QList<JobPointer> jobs = activeJobs;
    for (const JobPointer &smaller : jobs) {
        if (smaller == job || smaller->kind != RenderJob::Kind::Render || smaller->cancelled.load() ||
            !job->covers(smaller->key) || !takeQueued(smaller))
            continue;
        activeJobs.removeOne(smaller);
        for (const int viewId : std::as_const(smaller->waitingViews))
            addScaledWaiter(job, viewId, smaller->key.size);
        for (const ScaledWaiter &waiter : std::as_const(smaller->scaledWaiters))
            addScaledWaiter(job, waiter.viewId, waiter.size);
        addDerivedSize(job, smaller->key.size);
        for (const QSize size : std::as_const(smaller->derivedSizes))
            addDerivedSize(job, size);
        for (const int viewId : std::as_const(smaller->wantedBy)) {
            if (!job->wantedBy.contains(viewId))
                job->wantedBy.append(viewId);
        }
    }
}

void RenderCache::Private::enqueue(const JobPointer &job, bool current)
{
    activeJobs.append(job);
    if (current) {
        heldJobs.append(job);
        if (!std::exchange(handOverPosted, true))
            QMetaObject::invokeMethod(
                q, [this] { handOverHeldJobs(); }, Qt::QueuedConnection);
        return;
    }
    QMutexLocker locker(&mutex);
    preRenderQueue.append(job);
    jobAvailable.wakeOne();
}

void RenderCache::Private::handOverHeldJobs()
{
    handOverPosted = false;
    if (heldJobs.isEmpty())
        return;
    QMutexLocker locker(&mutex);
    currentQueue.append(std::exchange(heldJobs, {}));
    jobAvailable.wakeAll();
}

bool RenderCache::Private::takeQueued(const JobPointer &job)
{
    if (heldJobs.removeOne(job))
        return true;
    QMutexLocker locker(&mutex);
    return currentQueue.removeOne(job) || preRenderQueue.removeOne(job);
}

void RenderCache::Private::promote(const JobPointer &job)
{
    {
        QMutexLocker locker(&mutex);
        if (!preRenderQueue.removeOne(job))
            return;
    }
    activeJobs.removeOne(job);
    enqueue(job, true);
}

void RenderCache::Private::demote(const JobPointer &job)
{
    const bool held = heldJobs.removeOne(job);
    QMutexLocker locker(&mutex);
    if (held || currentQueue.removeOne(job)) {
        preRenderQueue.prepend(job);
        jobAvailable.wakeOne();
    }
}

void RenderCache::Private::dropOrAbort(const JobPointer &job)
{
    if (takeQueued(job)) {
        activeJobs.removeOne(job);
        return;
    }
    // Running: the worker's abort callback sees the flag and stops poppler; finished() counts the abort.
    job->cancelled = true;
}

void RenderCache::Private::cancelAll()
{
    heldJobs.clear();
    {
        QMutexLocker locker(&mutex);
        currentQueue.clear();
        preRenderQueue.clear();
    }
    for (const JobPointer &job : std::as_const(activeJobs))
        job->cancelled = true;
    activeJobs.clear();
}

void RenderCache::Private::releaseViewJobs(int viewId, const QList<CacheKey> &keep)
{
    const QList<JobPointer> jobs = activeJobs;
    for (const JobPointer &job : jobs) {
        if (job->cancelled.load())
            continue;
        const qsizetype waits = job->waitingViews.removeAll(viewId);
        const qsizetype scaledWaits =
            job->scaledWaiters.removeIf([viewId](const ScaledWaiter &waiter) { return waiter.viewId == viewId; });
        const bool wasWaiting = waits + scaledWaits > 0;
        if (!wasWaiting && !job->wantedBy.contains(viewId))
            continue;
        // Still useful (the new page or one of its neighbours): a running render goes on, and a queued one the
        // view waited for becomes a pre-render, behind the pages views wait for.
        const bool kept =
            std::any_of(keep.cbegin(), keep.cend(), [&job](const CacheKey &key) { return job->covers(key); });
        if (!kept)
            job->wantedBy.removeAll(viewId);
        else if (!job->wantedBy.contains(viewId))
            job->wantedBy.append(viewId);
        if (job->hasWaiters())
            continue;
        if (!job->wantedBy.isEmpty()) {
            if (wasWaiting)
                demote(job);
            continue;
        }
        dropOrAbort(job);
    }
}

QList<CacheKey> RenderCache::Private::neighbourKeys(int pageIndex, QSize box) const
{
    QList<CacheKey> keys;
    if (!deck || box.isEmpty())
        return keys;
    const int neighbours[] = {deck->nextPage(pageIndex), deck->nextSlidePreviewPage(pageIndex),
                              deck->previousPage(pageIndex)};
    for (const int neighbour : neighbours) {
        if (neighbour < 0 || neighbour == pageIndex || !deck->page(neighbour).readable)
            continue;
        const CacheKey key{deckGeneration.load(), neighbour, q->fittedSize(neighbour, box)};
        if (!key.size.isEmpty() && !keys.contains(key))
            keys.append(key);
    }
    return keys;
}

void RenderCache::Private::schedulePreRender(int viewId, int pageIndex)
{
    preRenderPending.removeIf([viewId](const std::pair<int, int> &entry) { return entry.first == viewId; });
    preRenderPending.append({viewId, pageIndex});
    if (!preRenderDelay.isActive())
        preRenderDelay.start();
}

void RenderCache::Private::preRenderNeighbours(int viewId, int pageIndex)
{
    const auto keys = neighbourKeys(pageIndex, views.value(viewId).box);
    for (const CacheKey &key : keys) {
        const auto entry = entries.find(key);
        if (entry != entries.end()) {
            entry->lastUse = ++useCounter;
            continue;
        }
        JobPointer job = activeJob(key);
        if (!job) {
            if (const QImage larger = cachedLarger(key); !larger.isNull()) {
                job = makeJob(RenderJob::Kind::Scale, key);
                job->source = larger;
                job->wantedBy.append(viewId);
                enqueue(job, false);
                continue;
            }
            job = largerActiveRender(key);
            if (job)
                addDerivedSize(job, key.size);
        }
        if (job) {
            if (!job->wantedBy.contains(viewId))
                job->wantedBy.append(viewId);
            continue;
        }
        // Rendered once, at the largest size a view shows; this view's size is scaled down from it.
        CacheKey renderKey = key;
        if (const QSize largest = largestShownSize(key.page); isAtLeast(largest, key.size))
            renderKey.size = largest;
        job = makeJob(RenderJob::Kind::Render, renderKey);
        job->wantedBy.append(viewId);
        if (renderKey.size != key.size)
            addDerivedSize(job, key.size);
        absorbSmallerQueuedRenders(job);
        enqueue(job, job->hasWaiters());
    }
}

void RenderCache::Private::insert(const CacheKey &key, const QImage &image)
{
    Entry &entry = entries[key];
    bytes -= entry.image.sizeInBytes();
    entry.image = image;
    entry.lastUse = ++useCounter;
    bytes += image.sizeInBytes();
    evict();
}

void RenderCache::Private::evict()
{
    QSet<CacheKey> displayed;
    for (const View &view : std::as_const(views)) {
        if (view.displayed)
            displayed.insert(*view.displayed);
    }
    while (bytes > q->m_byteBudget && !entries.isEmpty()) {
        // Least recently used first, sparing what a view shows unless nothing else is left.
        auto victim = entries.end();
        bool victimDisplayed = true;
        for (auto it = entries.begin(); it != entries.end(); ++it) {
            const bool isDisplayed = displayed.contains(it.key());
            if (victim == entries.end() || (victimDisplayed && !isDisplayed) ||
                (victimDisplayed == isDisplayed && it->lastUse < victim->lastUse)) {
                victim = it;
                victimDisplayed = isDisplayed;
            }
        }
        bytes -= victim->image.sizeInBytes();
        entries.erase(victim);
    }
}

void RenderCache::Private::postFailure(int viewId, int pageIndex, const QString &message)
{
    const int generation = deckGeneration.load();
    QMetaObject::invokeMethod(
        q,
        [this, viewId, pageIndex, message, generation] {
            if (generation == deckGeneration.load())
                Q_EMIT q->renderFailed(viewId, pageIndex, message);
        },
        Qt::QueuedConnection);
}

namespace {

/**
 * Slide images are large (8 MB at 1920x1080) and are allocated and freed on several threads. glibc raises its
 * mmap threshold after the first large free, after which such images come from per-thread heap arenas that
 * keep the memory when they are freed: the process grows well past the cache's byte budget. A fixed
 * threshold keeps every image in its own mapping, returned to the system when it is evicted.
 */
void keepLargeImagesInTheirOwnMappings()
{
#ifdef __GLIBC__
    static std::once_flag once;
    std::call_once(once, [] { mallopt(M_MMAP_THRESHOLD, 512 * 1024); });
#endif
}

} // namespace

RenderCache::RenderCache(qsizetype byteBudget, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
    , m_byteBudget(byteBudget)
{
    keepLargeImagesInTheirOwnMappings();
    d->startWorkers();
}

RenderCache::~RenderCache()
{
    d->stopWorkers();
}

void RenderCache::setDeck(std::shared_ptr<const SlideDeck> deck)
{
    d->deckGeneration.fetch_add(1);
    d->cancelAll();
    d->deck = std::move(deck);
    d->entries.clear();
    d->bytes = 0;
    for (Private::View &view : d->views) {
        view.displayed.reset();
        view.requested.reset();
    }
    QMutexLocker locker(&d->mutex);
    d->jobAvailable.wakeAll(); // idle workers drop their documents of the old deck
}

int RenderCache::registerView()
{
    const int viewId = d->nextViewId++;
    d->views.insert(viewId, Private::View());
    return viewId;
}

void RenderCache::unregisterView(int viewId)
{
    if (!d->views.contains(viewId))
        return;
    d->releaseViewJobs(viewId, {});
    d->preRenderPending.removeIf([viewId](const std::pair<int, int> &entry) { return entry.first == viewId; });
    d->views.remove(viewId);
    d->evict(); // what the view showed may now go, if the cache is over its budget
}

QImage RenderCache::request(int viewId, int pageIndex, QSize pixelSize, qreal devicePixelRatio)
{
    Private::View &view = d->views[viewId];
    view.box = pixelSize;
    view.devicePixelRatio = devicePixelRatio > 0 ? devicePixelRatio : 1.0;

    const std::optional<CacheKey> previous = std::exchange(view.requested, std::nullopt);
    if (!d->deck || pageIndex < 0 || pageIndex >= d->deck->pageCount()) {
        d->releaseViewJobs(viewId, {});
        d->postFailure(viewId, pageIndex,
                       d->deck ? tr("Page %1 does not exist in this deck.").arg(pageIndex + 1)
                               : tr("No deck is open."));
        return {};
    }
    const QSize fitted = fittedSize(pageIndex, pixelSize);
    if (fitted.isEmpty()) {
        d->releaseViewJobs(viewId, {});
        d->postFailure(viewId, pageIndex, tr("There is no room to draw page %1.").arg(pageIndex + 1));
        return {};
    }
    // Neighbours already being rendered for this view stay: going from page p to p + 1 must not throw away the
    // nearly finished render of p + 2.
    QList<CacheKey> keep = d->neighbourKeys(pageIndex, pixelSize);
    if (!d->deck->page(pageIndex).readable) {
        d->releaseViewJobs(viewId, keep);
        d->postFailure(viewId, pageIndex, tr("Page %1 of the PDF is damaged and cannot be shown.").arg(pageIndex + 1));
        return {};
    }

    const CacheKey key{d->deckGeneration.load(), pageIndex, fitted};
    view.requested = key;
    // The same page at the same size again (a repaint, a resize that keeps the fitted size): keep waiting in
    // place instead of leaving the job and queueing again behind the others.
    if (previous == key) {
        if (const JobPointer job = d->activeJob(key); job && job->waitingViews.contains(viewId))
            return {};
    }
    keep.append(key);
    d->releaseViewJobs(viewId, keep);

    const auto entry = d->entries.find(key);
    if (entry != d->entries.end()) {
        entry->lastUse = ++d->useCounter;
        view.displayed = key;
        // Kept in the entry: only the first hit with another pixel ratio pays for the copy.
        entry->image = withDevicePixelRatio(entry->image, view.devicePixelRatio);
        const QImage image = entry->image;
        d->schedulePreRender(viewId, pageIndex);
        return image;
    }

    if (const JobPointer job = d->activeJob(key)) {
        if (!job->waitingViews.contains(viewId))
            job->waitingViews.append(viewId);
        if (!job->wantedBy.contains(viewId))
            job->wantedBy.append(viewId);
        d->promote(job);
        return {};
    }
    // Never on this thread: scaling a slide takes milliseconds.
    if (const QImage larger = d->cachedLarger(key); !larger.isNull()) {
        const JobPointer job = d->makeJob(RenderJob::Kind::Scale, key);
        job->source = larger;
        job->waitingViews.append(viewId);
        job->wantedBy.append(viewId);
        d->enqueue(job, true);
        return {};
    }
    if (const JobPointer job = d->largerActiveRender(key)) {
        d->addScaledWaiter(job, viewId, fitted);
        if (!job->wantedBy.contains(viewId))
            job->wantedBy.append(viewId);
        d->promote(job);
        return {};
    }
    const JobPointer job = d->makeJob(RenderJob::Kind::Render, key);
    job->waitingViews.append(viewId);
    job->wantedBy.append(viewId);
    d->absorbSmallerQueuedRenders(job);
    d->enqueue(job, true);
    return {};
}

QImage RenderCache::cached(int pageIndex, QSize pixelSize) const
{
    const CacheKey key{d->deckGeneration.load(), pageIndex, fittedSize(pageIndex, pixelSize)};
    const auto entry = d->entries.constFind(key);
    return entry == d->entries.cend() ? QImage() : entry->image;
}

QSize RenderCache::fittedSize(int pageIndex, QSize box) const
{
    if (!d->deck || pageIndex < 0 || pageIndex >= d->deck->pageCount() || box.isEmpty())
        return {};
    const QSizeF points = d->deck->page(pageIndex).sizePoints;
    if (points.isEmpty())
        return {};
    const double scale = std::min(box.width() / points.width(), box.height() / points.height());
    return QSize(qBound(1, qRound(points.width() * scale), box.width()),
                 qBound(1, qRound(points.height() * scale), box.height()));
}

qsizetype RenderCache::bytesUsed() const
{
    return d->bytes;
}

int RenderCache::renderCount() const
{
    return d->renderCount;
}

int RenderCache::abortCount() const
{
    return d->abortCount;
}

int RenderCache::scaledCount() const
{
    return d->scaledCount;
}

int RenderCache::runningRenderCount() const
{
    return d->runningCount.load();
}

} // namespace Lectern
