#include "slides/rendercache.h"
#include "slides/slidedeck.h"

#include "testpdf.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;
using LecternTest::MinimalPage;

class TestRenderCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void renderedImageHasFittedSizeAndDevicePixelRatio();
    void cachedPageIsReturnedAtOnce();
    void fittedSizeKeepsThePageAspect_data();
    void fittedSizeKeepsThePageAspect();
    void neighboursArePreRendered();
    void byteBudgetIsRespected();
    void displayedImageIsKeptWhenOthersCanGo();
    void burstOfRequestsRendersOnlyTheLastPage();
    void pressesAt20PerSecondAbortRunningRenders();
    void resizeRendersTheNewSize();
    void pageOutOfRangeFailsWithSignal();
    void damagedPageFailsAloneAndTheOtherPagesRender();
    void fileRewrittenAfterOpeningStillRendersTheOriginal();
    void movingToTheNextPageKeepsRunningNeighbourRenders();
    void unregisteredViewStopsItsRenders();
    void unregisteredViewsImageCanBeEvicted();
    void setDeckClearsTheCache();
    void reloadedDeckDoesNotShowStaleImages();
    void encryptedDeckRendersWithItsPassword();
    void destructionWhileRenderingStopsCleanly();
    void twoViewsShareOneRenderAtTheLargerSize_data();
    void twoViewsShareOneRenderAtTheLargerSize();
    void smallerSizeOfACachedPageIsScaledNotRendered();
    void largerSizeThanCachedIsRenderedNotUpscaled();
    void viewThatMovedOnGetsNothingFromTheSharedRender();
    void neighboursOfTwoViewsAreRenderedOnceEach();

private:
    std::shared_ptr<const SlideDeck> openDeck(const QString &path, const QByteArray &password = {});
    /** How long one render of page at box takes with the workers otherwise idle, in milliseconds. */
    qint64 fullRenderTime(const std::shared_ptr<const SlideDeck> &deck, int page, QSize box);

    /** A one-page deck of four coloured quadrants, so scaled images can be compared by their pixels. */
    std::shared_ptr<const SlideDeck> quadrantDeck();

    QTemporaryDir m_dir;
    std::shared_ptr<const SlideDeck> m_deck;      // 8 pages, 640×480 points
    std::shared_ptr<const SlideDeck> m_heavyDeck; // 10 vector-heavy 1920×1080 pages
    qint64 m_heavyRenderMs = 0;                   // one heavy page at 960×540
    int m_heavyPaths = 12000;                     // vector paths per heavy page, raised on a fast machine
};

std::shared_ptr<const SlideDeck> TestRenderCache::openDeck(const QString &path, const QByteArray &password)
{
    auto deck = SlideDeck::open(path, password);
    if (!deck)
        qFatal("cannot open test deck %s: %s", qPrintable(path), qPrintable(deck.error().message));
    return *deck;
}

void TestRenderCache::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"deck.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 8));
    m_deck = openDeck(path);
    // Enough paths per page that poppler needs far longer than the 50 ms between two key presses, so renders
    // are surely running when the next request comes: twice as many paths until a page takes long enough on
    // this machine, however fast it is.
    for (int attempt = 0; attempt < 4 && m_heavyRenderMs < 300; ++attempt) {
        if (attempt > 0)
            m_heavyPaths *= 2;
        const QString heavyPath = m_dir.filePath(u"heavy-%1.pdf"_s.arg(m_heavyPaths));
        QVERIFY(LecternTest::writeHeavyDeck(heavyPath, 10, m_heavyPaths));
        m_heavyDeck = openDeck(heavyPath);
        m_heavyRenderMs = fullRenderTime(m_heavyDeck, 0, QSize(960, 540));
        qInfo() << "one heavy page of" << m_heavyPaths << "paths renders in" << m_heavyRenderMs << "ms";
    }
    QVERIFY2(m_heavyRenderMs >= 200, "the heavy deck renders too fast for the timing tests");
}

qint64 TestRenderCache::fullRenderTime(const std::shared_ptr<const SlideDeck> &deck, int page, QSize box)
{
    RenderCache cache;
    cache.setDeck(deck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    QElapsedTimer timer;
    timer.start();
    cache.request(view, page, box, 1.0);
    if (!rendered.wait(60000))
        qFatal("page %d did not render", page);
    return timer.elapsed();
}

void TestRenderCache::renderedImageHasFittedSizeAndDevicePixelRatio()
{
    RenderCache cache;
    cache.setDeck(m_deck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);

    QVERIFY(cache.request(view, 1, QSize(1000, 1000), 2.0).isNull());
    QVERIFY(rendered.wait());
    QCOMPARE(rendered.count(), 1);
    QCOMPARE(rendered.at(0).at(0).toInt(), view);
    QCOMPARE(rendered.at(0).at(1).toInt(), 1);
    const QImage image = rendered.at(0).at(2).value<QImage>();
    QCOMPARE(cache.fittedSize(1, QSize(1000, 1000)), QSize(1000, 750));
    QCOMPARE(image.size(), QSize(1000, 750));
    QCOMPARE(image.devicePixelRatio(), 2.0);
    // The page is drawn, not left blank: its background is the deck's dark blue.
    QCOMPARE(image.pixelColor(5, 5).blue(), 120);
}

void TestRenderCache::cachedPageIsReturnedAtOnce()
{
    RenderCache cache;
    cache.setDeck(m_deck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    cache.request(view, 0, QSize(320, 240), 1.0);
    QVERIFY(rendered.wait());
    const int renders = cache.renderCount();

    const QImage again = cache.request(view, 0, QSize(320, 240), 1.5);
    QCOMPARE(again.size(), QSize(320, 240));
    QCOMPARE(again.devicePixelRatio(), 1.5);
    QCOMPARE(cache.renderCount(), renders);
    QCOMPARE(rendered.count(), 1);
}

void TestRenderCache::fittedSizeKeepsThePageAspect_data()
{
    QTest::addColumn<QSize>("box");
    QTest::addColumn<QSize>("expected");
    QTest::newRow("wide box") << QSize(1920, 1080) << QSize(1440, 1080);
    QTest::newRow("tall box") << QSize(400, 1000) << QSize(400, 300);
    QTest::newRow("exact") << QSize(640, 480) << QSize(640, 480);
    QTest::newRow("tiny") << QSize(1, 1) << QSize(1, 1);
    QTest::newRow("empty") << QSize(0, 100) << QSize();
}

void TestRenderCache::fittedSizeKeepsThePageAspect()
{
    QFETCH(QSize, box);
    QFETCH(QSize, expected);
    RenderCache cache;
    cache.setDeck(m_deck);
    QCOMPARE(cache.fittedSize(0, box), expected);
    QCOMPARE(cache.fittedSize(99, box), QSize());
}

void TestRenderCache::neighboursArePreRendered()
{
    QList<MinimalPage> pages;
    for (const QString &label : {u"a"_s, u"b"_s, u"b"_s, u"b"_s, u"c"_s, u"d"_s})
        pages.append(MinimalPage{QSizeF(400, 300), label, {}, 0});
    const QString path = m_dir.filePath(u"overlays.pdf"_s);
    QVERIFY(LecternTest::writeFile(path, LecternTest::minimalPdf(pages)));
    RenderCache cache;
    cache.setDeck(openDeck(path));
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    const QSize box(400, 300);

    cache.request(view, 1, box, 1.0);
    QVERIFY(rendered.wait());
    // Next overlay step, previous page, and the last step of the next slide (the "next slide" preview).
    QTRY_VERIFY(!cache.cached(2, box).isNull());
    QTRY_VERIFY(!cache.cached(0, box).isNull());
    QTRY_VERIFY(!cache.cached(4, box).isNull());
    QTRY_COMPARE(cache.renderCount(), 4);
    QVERIFY(cache.cached(3, box).isNull());
    QVERIFY(cache.cached(5, box).isNull());
    QCOMPARE(rendered.count(), 1); // pre-renders are not announced to the view

    // Moving on finds the page ready.
    QVERIFY(!cache.request(view, 2, box, 1.0).isNull());
}

void TestRenderCache::byteBudgetIsRespected()
{
    const QSize box(320, 240);
    const qsizetype imageBytes = 320 * 240 * 4;
    RenderCache cache(3 * imageBytes);
    cache.setDeck(m_deck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    for (int page = 0; page < m_deck->pageCount(); ++page) {
        if (cache.request(view, page, box, 1.0).isNull())
            QTRY_VERIFY(!rendered.isEmpty() && rendered.constLast().at(1).toInt() == page);
        QTRY_VERIFY(cache.renderCount() >= page + 1);
        QVERIFY2(cache.bytesUsed() <= cache.byteBudget(), qPrintable(QString::number(cache.bytesUsed())));
    }
    QTRY_COMPARE(cache.renderCount(), m_deck->pageCount());
    QVERIFY(cache.bytesUsed() <= cache.byteBudget());
    QVERIFY(cache.bytesUsed() > 0);
}

void TestRenderCache::displayedImageIsKeptWhenOthersCanGo()
{
    const QSize small(160, 120);
    const QSize large(640, 480);
    // Room for one large image and a few small ones.
    RenderCache cache(640 * 480 * 4 + 4 * 160 * 120 * 4);
    cache.setDeck(m_deck);
    const int projector = cache.registerView();
    const int console = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);

    cache.request(projector, 0, large, 1.0);
    QTRY_COMPARE(rendered.count(), 1);
    for (int page = 1; page < m_deck->pageCount(); ++page) {
        if (cache.request(console, page, small, 1.0).isNull())
            QTRY_VERIFY(rendered.constLast().at(1).toInt() == page);
    }
    QTRY_VERIFY(cache.renderCount() >= m_deck->pageCount());
    // The projector shows page 0 at the large size the whole time: it is the oldest entry, but not evicted.
    QVERIFY(!cache.cached(0, large).isNull());
    QVERIFY(cache.bytesUsed() <= cache.byteBudget());
}

void TestRenderCache::burstOfRequestsRendersOnlyTheLastPage()
{
    RenderCache cache;
    cache.setDeck(m_heavyDeck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    QSignalSpy failed(&cache, &RenderCache::renderFailed);
    const QSize box(960, 540);

    // Every request supersedes the one before, which is dropped if waiting and aborted if running.
    const int last = m_heavyDeck->pageCount() - 1;
    for (int page = 0; page <= last; ++page)
        QVERIFY(cache.request(view, page, box, 1.0).isNull());
    QTRY_VERIFY_WITH_TIMEOUT(!rendered.isEmpty(), 20000);
    QTRY_VERIFY(cache.renderCount() >= 2); // the last page, then its previous page as a neighbour
    QCOMPARE(rendered.count(), 1);
    QCOMPARE(rendered.at(0).at(1).toInt(), last);
    QVERIFY(failed.isEmpty());
    QCOMPARE(cache.renderCount(), 2);
    QVERIFY(!cache.cached(last - 1, box).isNull());
    QVERIFY(cache.cached(3, box).isNull());
}

void TestRenderCache::pressesAt20PerSecondAbortRunningRenders()
{
    RenderCache cache;
    cache.setDeck(m_heavyDeck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    const QSize box(960, 540);

    // Key presses 50 ms apart (the speaker's pace, not a wait for the cache) while each page takes poppler at
    // least four times longer (checked in initTestCase): no page passed over can finish before the press after
    // next, so its running render is aborted and the workers are free for the page the speaker lands on.
    const int last = m_heavyDeck->pageCount() - 1;
    for (int page = 0; page <= last; ++page) {
        cache.request(view, page, box, 1.0);
        if (page < last)
            QTest::qWait(50);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!rendered.isEmpty(), 20000);
    QCOMPARE(rendered.count(), 1);
    QCOMPARE(rendered.at(0).at(1).toInt(), last);
    QVERIFY2(cache.abortCount() > 0, "renders superseded while running were not aborted");
    // Completed renders: the last page and, kept as its neighbour, the page before it (two on an idle machine;
    // a press delayed by a loaded machine may let one more finish). Most pages passed over never complete.
    // The neighbour may still be running, or only be queued (neighbours are queued a moment after the page is
    // handed out, when nothing is running): wait for it to be there before counting.
    QTRY_VERIFY_WITH_TIMEOUT(!cache.cached(last - 1, box).isNull(), 20000);
    QTRY_COMPARE(cache.runningRenderCount(), 0);
    QVERIFY2(cache.renderCount() >= 2 && cache.renderCount() <= last / 2,
             qPrintable(u"%1 renders completed for a burst over %2 pages"_s.arg(cache.renderCount()).arg(last + 1)));
}

void TestRenderCache::resizeRendersTheNewSize()
{
    RenderCache cache;
    cache.setDeck(m_deck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);

    cache.request(view, 2, QSize(400, 300), 1.0);
    QTRY_COMPARE(rendered.count(), 1);
    QVERIFY(cache.request(view, 2, QSize(800, 800), 1.0).isNull());
    QTRY_COMPARE(rendered.count(), 2);
    QCOMPARE(rendered.at(1).at(2).value<QImage>().size(), QSize(800, 600));
    QVERIFY(!cache.cached(2, QSize(800, 600)).isNull());
    QTRY_VERIFY(!cache.cached(3, QSize(800, 800)).isNull()); // neighbours follow at the new size
}

void TestRenderCache::pageOutOfRangeFailsWithSignal()
{
    RenderCache cache;
    cache.setDeck(m_deck);
    const int view = cache.registerView();
    QSignalSpy failed(&cache, &RenderCache::renderFailed);
    QVERIFY(cache.request(view, 99, QSize(400, 300), 1.0).isNull());
    QCOMPARE(failed.count(), 0); // delivered later, never from inside request()
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(0).at(0).toInt(), view);
    QCOMPARE(failed.at(0).at(1).toInt(), 99);
    QVERIFY(!failed.at(0).at(2).toString().isEmpty());
}

void TestRenderCache::damagedPageFailsAloneAndTheOtherPagesRender()
{
    // One page object of the PDF is broken (see tst_slidedeck's damagedPageKeepsItsPlaceAndTheDeckOpens).
    const QString path = m_dir.filePath(u"damaged-page.pdf"_s);
    QVERIFY(LecternTest::writeFile(path, LecternTest::minimalPdf({MinimalPage{QSizeF(400, 300), {}, {}, 0},
                                                                  MinimalPage{QSizeF(400, 300), {}, {}, 0, true},
                                                                  MinimalPage{QSizeF(400, 300), {}, {}, 0},
                                                                  MinimalPage{QSizeF(400, 300), {}, {}, 0}})));
    const auto deck = openDeck(path);
    int bad = -1;
    for (int index = 0; index < deck->pageCount(); ++index) {
        if (!deck->page(index).readable)
            bad = index;
    }
    QVERIFY(bad >= 0);

    RenderCache cache;
    cache.setDeck(deck);
    const int view = cache.registerView();
    QSignalSpy failed(&cache, &RenderCache::renderFailed);
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    const QSize box(400, 300);
    for (int index = 0; index < deck->pageCount(); ++index) {
        const int failures = int(failed.count());
        const int renders = int(rendered.count());
        if (!cache.request(view, index, box, 1.0).isNull())
            continue; // pre-rendered as a neighbour of the page before
        QTRY_VERIFY(failed.count() > failures || rendered.count() > renders);
        if (index == bad) {
            QCOMPARE(failed.count(), failures + 1);
            QCOMPARE(failed.constLast().at(0).toInt(), view);
            QCOMPARE(failed.constLast().at(1).toInt(), bad);
            const QString message = failed.constLast().at(2).toString();
            QVERIFY2(message.contains(QString::number(bad + 1)) && message.contains(u"damaged"_s), qPrintable(message));
        } else {
            QCOMPARE(rendered.constLast().at(1).toInt(), index);
        }
    }
    QCOMPARE(failed.count(), 1);
    for (int index = 0; index < deck->pageCount(); ++index) {
        if (index != bad)
            QVERIFY(!cache.cached(index, box).isNull());
    }
}

void TestRenderCache::fileRewrittenAfterOpeningStillRendersTheOriginal()
{
    const QString path = m_dir.filePath(u"rewritten.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 3)); // 640×480, dark blue
    const auto deck = openDeck(path);
    RenderCache cache;
    cache.setDeck(deck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    QSignalSpy failed(&cache, &RenderCache::renderFailed);
    const QSize box(800, 800);

    // pdflatex truncates and rewrites the file in place: for a while it holds a different, partial PDF.
    QVERIFY(LecternTest::writeFile(path, LecternTest::minimalPdf({MinimalPage{QSizeF(300, 600), {}, {}, 0}})));
    QVERIFY(cache.request(view, 2, box, 1.0).isNull());
    QVERIFY(rendered.wait());
    QImage image = rendered.constLast().at(2).value<QImage>();
    QCOMPARE(image.size(), QSize(800, 600)); // the original page's 4:3, not the new file's 1:2
    QCOMPARE(image.pixelColor(5, 5).blue(), 120);

    // Even with the file gone, the deck still renders what it opened.
    QVERIFY(QFile::remove(path));
    QVERIFY(cache.request(view, 1, QSize(400, 400), 1.0).isNull());
    QTRY_COMPARE(rendered.count(), 2);
    image = rendered.constLast().at(2).value<QImage>();
    QCOMPARE(image.size(), QSize(400, 300));
    QCOMPARE(image.pixelColor(5, 5).blue(), 120);
    QVERIFY(failed.isEmpty());
}

void TestRenderCache::movingToTheNextPageKeepsRunningNeighbourRenders()
{
    // Pages 1 and 2 are the two steps of slide 2: at page 0 the neighbours are page 1 (next) and page 2 (the
    // next-slide preview); page 2 is a neighbour of page 1 too (its next page).
    const QString path = m_dir.filePath(u"heavy-overlays.pdf"_s);
    QVERIFY(LecternTest::writeHeavyDeck(path, 5, m_heavyPaths));
    QVERIFY(LecternTest::writeFile(PdfpcFile::sidecarPath(path), R"({"pages": [{"idx": 2, "overlay": 1}]})"));
    const auto deck = openDeck(path);
    QCOMPARE(deck->nextSlidePreviewPage(0), 2);
    RenderCache cache;
    cache.setDeck(deck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    const QSize box(960, 540);

    cache.request(view, 0, box, 1.0);
    QTRY_VERIFY_WITH_TIMEOUT(!rendered.isEmpty(), 20000);
    QTRY_COMPARE(cache.runningRenderCount(), 2); // pages 1 and 2 are being pre-rendered
    const int renders = cache.renderCount();

    QVERIFY(cache.request(view, 1, box, 1.0).isNull()); // page 1 is not finished yet: the view waits for it
    QTRY_VERIFY_WITH_TIMEOUT(rendered.count() == 2, 20000);
    QCOMPARE(rendered.constLast().at(1).toInt(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!cache.cached(2, box).isNull(), 20000);
    QCOMPARE(cache.abortCount(), 0);
    // Pages 1 and 2 each rendered once, then page 3 (page 1's next-slide preview); page 0 was already there.
    QTRY_VERIFY_WITH_TIMEOUT(!cache.cached(3, box).isNull(), 20000);
    QTRY_COMPARE(cache.runningRenderCount(), 0);
    QCOMPARE(cache.renderCount(), renders + 3);
    QCOMPARE(cache.abortCount(), 0);
}

void TestRenderCache::unregisteredViewStopsItsRenders()
{
    RenderCache cache;
    cache.setDeck(m_heavyDeck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    QSignalSpy failed(&cache, &RenderCache::renderFailed);

    cache.request(view, 3, QSize(960, 540), 1.0);
    QTRY_COMPARE(cache.runningRenderCount(), 1);
    cache.unregisterView(view);
    QTRY_COMPARE(cache.abortCount(), 1);
    QCOMPARE(cache.runningRenderCount(), 0);
    QCOMPARE(cache.renderCount(), 0);
    QVERIFY(rendered.isEmpty());
    QVERIFY(failed.isEmpty());

    // A render another view still waits for goes on.
    const int first = cache.registerView();
    const int second = cache.registerView();
    cache.request(first, 4, QSize(960, 540), 1.0);
    cache.request(second, 4, QSize(960, 540), 1.0);
    cache.unregisterView(first);
    QTRY_VERIFY_WITH_TIMEOUT(!rendered.isEmpty(), 20000);
    QCOMPARE(rendered.count(), 1);
    QCOMPARE(rendered.at(0).at(0).toInt(), second);
    QCOMPARE(cache.abortCount(), 1);
}

void TestRenderCache::unregisteredViewsImageCanBeEvicted()
{
    const QSize small(160, 120);
    const QSize large(640, 480);
    // Room for one large image and a few small ones, as in displayedImageIsKeptWhenOthersCanGo.
    RenderCache cache(640 * 480 * 4 + 4 * 160 * 120 * 4);
    cache.setDeck(m_deck);
    const int projector = cache.registerView();
    const int console = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);

    cache.request(projector, 0, large, 1.0);
    QTRY_COMPARE(rendered.count(), 1);
    cache.unregisterView(projector); // the projector window closed
    for (int page = 1; page < m_deck->pageCount(); ++page) {
        if (cache.request(console, page, small, 1.0).isNull())
            QTRY_VERIFY(rendered.constLast().at(1).toInt() == page);
    }
    QTRY_VERIFY(cache.renderCount() >= m_deck->pageCount());
    QVERIFY(cache.cached(0, large).isNull());
    QVERIFY(cache.bytesUsed() <= cache.byteBudget());
}

void TestRenderCache::setDeckClearsTheCache()
{
    RenderCache cache;
    cache.setDeck(m_deck);
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    cache.request(view, 0, QSize(400, 300), 1.0);
    QVERIFY(rendered.wait());
    QVERIFY(cache.bytesUsed() > 0);

    cache.setDeck(nullptr);
    QCOMPARE(cache.bytesUsed(), 0);
    QVERIFY(cache.cached(0, QSize(400, 300)).isNull());
    QCOMPARE(cache.fittedSize(0, QSize(400, 300)), QSize());
}

void TestRenderCache::reloadedDeckDoesNotShowStaleImages()
{
    const QString path = m_dir.filePath(u"edited.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 2));
    RenderCache cache;
    cache.setDeck(openDeck(path));
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    cache.request(view, 0, QSize(400, 300), 1.0);
    QVERIFY(rendered.wait());

    // The speaker fixes the deck: same path, same page size, new content.
    QVERIFY(LecternTest::writeFile(path, LecternTest::minimalPdf({MinimalPage{QSizeF(640, 480), {}, {}, 0}})));
    cache.setDeck(openDeck(path));
    QVERIFY(cache.request(view, 0, QSize(400, 300), 1.0).isNull());
    QVERIFY(rendered.wait());
    const QImage image = rendered.constLast().at(2).value<QImage>();
    QCOMPARE(image.pixelColor(5, 5), QColor(Qt::white));
}

void TestRenderCache::encryptedDeckRendersWithItsPassword()
{
    const QString path = m_dir.filePath(u"secret.pdf"_s);
    QVERIFY(LecternTest::writeFile(path, LecternTest::minimalPdf({MinimalPage(), MinimalPage()}, "opensesame")));
    RenderCache cache;
    cache.setDeck(openDeck(path, "opensesame"));
    const int view = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    QSignalSpy failed(&cache, &RenderCache::renderFailed);
    cache.request(view, 1, QSize(400, 300), 1.0);
    QVERIFY(rendered.wait());
    QVERIFY(failed.isEmpty());
}

void TestRenderCache::destructionWhileRenderingStopsCleanly()
{
    const qint64 oneRender = fullRenderTime(m_heavyDeck, 0, QSize(1920, 1080));
    QElapsedTimer timer;
    {
        RenderCache cache;
        cache.setDeck(m_heavyDeck);
        const int first = cache.registerView();
        const int second = cache.registerView();
        cache.request(first, 0, QSize(1920, 1080), 1.0);
        cache.request(second, 5, QSize(1920, 1080), 1.0);
        // Both pages are being rendered, so the destructor has to abort them rather than wait for them.
        QTRY_COMPARE(cache.runningRenderCount(), 2);
        timer.start();
    }
    // Aborting is prompt: far less than finishing even one of the two renders would take.
    const qint64 destruction = timer.elapsed();
    QVERIFY2(destruction < oneRender / 4,
             qPrintable(u"destruction took %1 ms, one render %2 ms"_s.arg(destruction).arg(oneRender)));
}

std::shared_ptr<const SlideDeck> TestRenderCache::quadrantDeck()
{
    const QString path = m_dir.filePath(u"quadrants.pdf"_s);
    if (!QFile::exists(path)) {
        QPdfWriter writer(path);
        writer.setResolution(72);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setPageSize(QPageSize(QSizeF(640, 480), QPageSize::Point));
        QPainter painter(&writer);
        painter.fillRect(QRectF(0, 0, 320, 240), QColor(200, 30, 30));
        painter.fillRect(QRectF(320, 0, 320, 240), QColor(30, 160, 60));
        painter.fillRect(QRectF(0, 240, 320, 240), QColor(40, 60, 200));
        painter.fillRect(QRectF(320, 240, 320, 240), QColor(230, 210, 40));
        if (!painter.end())
            qFatal("cannot write %s", qPrintable(path));
    }
    return openDeck(path);
}

namespace {

/** The colours at the centres of the four quadrants, wherever they are in an image of any size. */
QList<QColor> sampledColours(const QImage &image)
{
    QList<QColor> colours;
    for (const QPointF at : {QPointF(0.25, 0.25), QPointF(0.75, 0.25), QPointF(0.25, 0.75), QPointF(0.75, 0.75)})
        colours.append(image.pixelColor(int(at.x() * image.width()), int(at.y() * image.height())));
    return colours;
}

bool coloursMatch(const QList<QColor> &a, const QList<QColor> &b, int tolerance)
{
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (std::abs(a.at(i).red() - b.at(i).red()) > tolerance ||
            std::abs(a.at(i).green() - b.at(i).green()) > tolerance ||
            std::abs(a.at(i).blue() - b.at(i).blue()) > tolerance)
            return false;
    }
    return true;
}

} // namespace

void TestRenderCache::twoViewsShareOneRenderAtTheLargerSize_data()
{
    QTest::addColumn<bool>("largerFirst");
    QTest::newRow("smaller view asks first") << false;
    QTest::newRow("larger view asks first") << true;
}

void TestRenderCache::twoViewsShareOneRenderAtTheLargerSize()
{
    QFETCH(bool, largerFirst);
    RenderCache cache;
    cache.setDeck(quadrantDeck()); // one page: no neighbours to pre-render
    const int projector = cache.registerView();
    const int console = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    const QSize projectorBox(1920, 1080);
    const QSize consoleBox(1536, 864);

    // The two windows paint in the same pass of the event loop, in either order.
    if (largerFirst)
        QVERIFY(cache.request(projector, 0, projectorBox, 1.0).isNull());
    QVERIFY(cache.request(console, 0, consoleBox, 2.0).isNull());
    if (!largerFirst)
        QVERIFY(cache.request(projector, 0, projectorBox, 1.0).isNull());
    QTRY_COMPARE(rendered.count(), 2);

    QCOMPARE(cache.renderCount(), 1);
    QCOMPARE(cache.scaledCount(), 1);
    QImage projectorImage;
    QImage consoleImage;
    for (const QList<QVariant> &signal : std::as_const(rendered)) {
        QCOMPARE(signal.at(1).toInt(), 0);
        (signal.at(0).toInt() == projector ? projectorImage : consoleImage) = signal.at(2).value<QImage>();
    }
    QCOMPARE(projectorImage.size(), cache.fittedSize(0, projectorBox));
    QCOMPARE(projectorImage.size(), QSize(1440, 1080));
    QCOMPARE(projectorImage.devicePixelRatio(), 1.0);
    QCOMPARE(consoleImage.size(), cache.fittedSize(0, consoleBox));
    QCOMPARE(consoleImage.size(), QSize(1152, 864));
    QCOMPARE(consoleImage.devicePixelRatio(), 2.0);
    QCOMPARE(consoleImage.format(), QImage::Format_RGB32);
    // The console's image is the projector's scaled down: the same colours in the same places.
    const QList<QColor> colours = sampledColours(projectorImage);
    QVERIFY(coloursMatch(colours, {QColor(200, 30, 30), QColor(30, 160, 60), QColor(40, 60, 200), QColor(230, 210, 40)},
                         12));
    QVERIFY(coloursMatch(sampledColours(consoleImage), colours, 6));
    QVERIFY(!cache.cached(0, consoleBox).isNull());
    QVERIFY(!cache.cached(0, projectorBox).isNull());
}

void TestRenderCache::smallerSizeOfACachedPageIsScaledNotRendered()
{
    RenderCache cache;
    cache.setDeck(quadrantDeck());
    const int projector = cache.registerView();
    const int console = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    cache.request(projector, 0, QSize(1280, 960), 1.0);
    QVERIFY(rendered.wait());
    QCOMPARE(cache.renderCount(), 1);

    // Delivered later, by signal: the scaling runs on a worker, not inside request().
    QVERIFY(cache.request(console, 0, QSize(400, 400), 1.0).isNull());
    QCOMPARE(rendered.count(), 1);
    QTRY_COMPARE(rendered.count(), 2);
    QCOMPARE(rendered.at(1).at(0).toInt(), console);
    const QImage image = rendered.at(1).at(2).value<QImage>();
    QCOMPARE(image.size(), QSize(400, 300));
    QVERIFY(coloursMatch(sampledColours(image), sampledColours(rendered.at(0).at(2).value<QImage>()), 6));
    QCOMPARE(cache.renderCount(), 1);
    QCOMPARE(cache.scaledCount(), 1);
    // And kept: asking again is answered at once.
    QCOMPARE(cache.request(console, 0, QSize(400, 400), 1.0).size(), QSize(400, 300));
}

void TestRenderCache::largerSizeThanCachedIsRenderedNotUpscaled()
{
    RenderCache cache;
    cache.setDeck(quadrantDeck());
    const int console = cache.registerView();
    const int projector = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    cache.request(console, 0, QSize(400, 300), 1.0);
    QVERIFY(rendered.wait());

    QVERIFY(cache.request(projector, 0, QSize(1280, 960), 1.0).isNull());
    QTRY_COMPARE(rendered.count(), 2);
    QCOMPARE(rendered.at(1).at(2).value<QImage>().size(), QSize(1280, 960));
    QCOMPARE(cache.renderCount(), 2);
    QCOMPARE(cache.scaledCount(), 0);
}

void TestRenderCache::viewThatMovedOnGetsNothingFromTheSharedRender()
{
    RenderCache cache;
    cache.setDeck(m_heavyDeck);
    const int projector = cache.registerView();
    const int console = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    QSignalSpy failed(&cache, &RenderCache::renderFailed);

    cache.request(projector, 3, QSize(960, 540), 1.0);
    cache.request(console, 3, QSize(640, 360), 1.0);
    QTRY_COMPARE(cache.runningRenderCount(), 1); // one render for both
    cache.request(console, 7, QSize(640, 360), 1.0);

    const auto deliveredTo = [&rendered](int viewId) {
        QList<int> pages;
        for (const QList<QVariant> &signal : std::as_const(rendered)) {
            if (signal.at(0).toInt() == viewId)
                pages.append(signal.at(1).toInt());
        }
        return pages;
    };
    QTRY_VERIFY_WITH_TIMEOUT(deliveredTo(projector).size() == 1 && deliveredTo(console).size() == 1, 20000);
    QCOMPARE(deliveredTo(projector), QList<int>{3});
    QCOMPARE(deliveredTo(console), QList<int>{7});
    QCOMPARE(rendered.count(), 2);
    QVERIFY(failed.isEmpty());
    QCOMPARE(cache.abortCount(), 0); // the projector still waited for page 3
}

void TestRenderCache::neighboursOfTwoViewsAreRenderedOnceEach()
{
    QList<MinimalPage> pages;
    for (const QString &label : {u"a"_s, u"b"_s, u"b"_s, u"b"_s, u"c"_s, u"d"_s})
        pages.append(MinimalPage{QSizeF(400, 300), label, {}, 0});
    const QString path = m_dir.filePath(u"overlays-two-views.pdf"_s);
    QVERIFY(LecternTest::writeFile(path, LecternTest::minimalPdf(pages)));
    RenderCache cache;
    cache.setDeck(openDeck(path));
    const int console = cache.registerView();
    const int projector = cache.registerView();
    QSignalSpy rendered(&cache, &RenderCache::pageRendered);
    const QSize consoleBox(400, 300);
    const QSize projectorBox(800, 600);

    cache.request(console, 1, consoleBox, 1.0);
    cache.request(projector, 1, projectorBox, 1.0);
    QTRY_COMPARE(rendered.count(), 2);
    // Page 1, then its neighbours 2, 0 and 4, each rendered once at the projector's size and scaled down for the
    // console.
    for (const int neighbour : {2, 0, 4}) {
        QTRY_VERIFY(!cache.cached(neighbour, projectorBox).isNull());
        QTRY_VERIFY(!cache.cached(neighbour, consoleBox).isNull());
    }
    QTRY_COMPARE(cache.scaledCount(), 4);
    QCOMPARE(cache.renderCount(), 4);
    QCOMPARE(cache.runningRenderCount(), 0);
    QVERIFY(cache.cached(3, consoleBox).isNull());
    QVERIFY(cache.cached(5, projectorBox).isNull());
    QCOMPARE(rendered.count(), 2);

    // Moving on finds the page ready in both windows.
    QCOMPARE(cache.request(console, 2, consoleBox, 1.0).size(), QSize(400, 300));
    QCOMPARE(cache.request(projector, 2, projectorBox, 1.0).size(), QSize(800, 600));
}

QTEST_MAIN(TestRenderCache)
#include "tst_rendercache.moc"
