// SlideView: sharp images at the widget's device-pixel size, no flashing, error cards, blanking.

#include "slides/rendercache.h"
#include "slides/slidedeck.h"
#include "slideview.h"
#include "uitestdeck.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

class TestSlideView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void requestsImageAtSizeTimesDevicePixelRatio();
    void asksAgainAfterResize();
    void keepsPreviousImageWhileNextPageRenders();
    void renderFailureShowsErrorCardForThatPageOnly();
    void blankedViewIsBlack();
    void letterboxesOnBlack();
    void noPageShowsCardText();
    void invalidatedImageStaysButIsStaleUntilTheNewDeckRenders();
    void destroyedViewLetsTheCacheEvictWhatItShowed();

private:
    static bool isBlack(const QImage &image, QPoint at) { return image.pixelColor(at) == QColor(Qt::black); }

    QTemporaryDir m_dir;
    std::shared_ptr<const SlideDeck> m_deck;
    std::unique_ptr<RenderCache> m_cache;
    std::unique_ptr<SlideView> m_view;
};

void TestSlideView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"deck.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(path, 5, QSizeF(800, 600)));
    auto deck = SlideDeck::open(path);
    QVERIFY(deck);
    m_deck = *deck;
}

void TestSlideView::init()
{
    m_cache = std::make_unique<RenderCache>();
    m_cache->setDeck(m_deck);
    m_view = std::make_unique<SlideView>(*m_cache);
    m_view->resize(400, 300);
    m_view->setPage(0);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestSlideView::cleanup()
{
    m_view.reset();
    m_cache.reset();
}

void TestSlideView::requestsImageAtSizeTimesDevicePixelRatio()
{
    QTRY_COMPARE(m_view->shownImagePage(), 0);
    const qreal dpr = m_view->devicePixelRatioF();
    const QSize expected(qRound(400 * dpr), qRound(300 * dpr));
    QCOMPARE(m_view->requestedPixelSize(), expected);
    QCOMPARE(m_view->requestedDevicePixelRatio(), dpr);
    QCOMPARE(m_view->shownImage().size(), m_cache->fittedSize(0, expected));
}

void TestSlideView::asksAgainAfterResize()
{
    QTRY_COMPARE(m_view->shownImagePage(), 0);
    m_view->resize(800, 600);
    const QSize expected = QSize(800, 600) * m_view->devicePixelRatioF();
    QTRY_COMPARE(m_view->shownImage().size(), m_cache->fittedSize(0, expected));
    QCOMPARE(m_view->requestedPixelSize(), expected);
}

void TestSlideView::keepsPreviousImageWhileNextPageRenders()
{
    QTRY_COMPARE(m_view->shownImagePage(), 0);
    m_view->setPage(3); // not a neighbour of page 0, so not pre-rendered
    m_view->repaint();  // asks the cache; the image arrives later, by signal
    QCOMPARE(m_view->shownImagePage(), 0);
    QVERIFY(!m_view->shownImage().isNull());
    QTRY_COMPARE(m_view->shownImagePage(), 3);
}

void TestSlideView::renderFailureShowsErrorCardForThatPageOnly()
{
    m_view->setPage(1);
    QTRY_COMPARE(m_view->shownImagePage(), 1);
    Q_EMIT m_cache->renderFailed(m_view->viewId(), 1, u"the page is damaged"_s);
    QVERIFY(m_view->isShowingError());
    QCOMPARE(m_view->errorText(), u"This slide could not be drawn: the page is damaged"_s);
    const QImage card = m_view->grab().toImage();

    // A failure reported for another view or another page is not ours.
    Q_EMIT m_cache->renderFailed(m_view->viewId() + 1000, 1, u"someone else's"_s);
    QCOMPARE(m_view->errorText(), u"This slide could not be drawn: the page is damaged"_s);

    m_view->setPage(2);
    QVERIFY(!m_view->isShowingError());
    QTRY_COMPARE(m_view->shownImagePage(), 2);
    QVERIFY(m_view->errorText().isEmpty());
    QVERIFY(m_view->grab().toImage() != card);
}

void TestSlideView::blankedViewIsBlack()
{
    QTRY_COMPARE(m_view->shownImagePage(), 0);
    const QImage shown = m_view->grab().toImage();
    QVERIFY(!isBlack(shown, QPoint(shown.width() / 2, 10))); // above the page number
    m_view->setBlanked(true);
    const QImage blank = m_view->grab().toImage();
    for (int y = 0; y < blank.height(); y += 7) {
        for (int x = 0; x < blank.width(); x += 7)
            QVERIFY(isBlack(blank, QPoint(x, y)));
    }
}

void TestSlideView::letterboxesOnBlack()
{
    m_view->resize(800, 300); // a 4:3 page in a wide view: black bars left and right
    QTRY_COMPARE(m_view->shownImage().size(), m_cache->fittedSize(0, QSize(800, 300) * m_view->devicePixelRatioF()));
    const QImage shown = m_view->grab().toImage();
    const int y = shown.height() / 2;
    QVERIFY(isBlack(shown, QPoint(5, y)));
    QVERIFY(isBlack(shown, QPoint(shown.width() - 5, y)));
    QVERIFY(!isBlack(shown, QPoint(shown.width() / 2, 10))); // above the page number
}

void TestSlideView::noPageShowsCardText()
{
    m_view->setCardText(u"End of deck"_s);
    m_view->setPage(-1);
    const QImage card = m_view->grab().toImage();
    QVERIFY(isBlack(card, QPoint(1, 1)));
    QVERIFY(!isBlack(card, QPoint(card.width() / 2, card.height() / 2)));
    QCOMPARE(m_view->cardText(), u"End of deck"_s);
}

void TestSlideView::invalidatedImageStaysButIsStaleUntilTheNewDeckRenders()
{
    QTRY_COMPARE(m_view->shownImagePage(), 0);
    const QImage oldImage = m_view->shownImage();
    QTRY_COMPARE(m_view->paintedPage(), 0); // painted in the paint event after the image came

    // The reloaded deck has wide pages: its image of page 0 has another shape.
    const QString path = m_dir.filePath(u"reloaded.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(path, 5, QSizeF(1200, 400)));
    auto reloaded = SlideDeck::open(path);
    QVERIFY(reloaded);
    m_cache->setDeck(*reloaded);
    m_view->invalidate();
    QSignalSpy framePainted(m_view.get(), &SlideView::framePainted);

    QCOMPARE(m_view->shownImagePage(), -1);
    QCOMPARE(m_view->paintedPage(), -1);
    QCOMPARE(m_view->shownImage(), oldImage); // no flash to black while the new page renders
    m_view->repaint();
    QVERIFY(framePainted.isEmpty());

    QTRY_COMPARE(m_view->shownImagePage(), 0);
    const QSize expected = m_cache->fittedSize(0, m_view->requestedPixelSize());
    QCOMPARE(m_view->shownImage().size(), expected);
    QVERIFY(expected != oldImage.size());
    QTRY_COMPARE(framePainted.size(), 1);
    QCOMPARE(m_view->paintedPage(), 0);
}

void TestSlideView::destroyedViewLetsTheCacheEvictWhatItShowed()
{
    // A cache that holds two images of this size: the ones views show are the last to go.
    QTRY_COMPARE(m_view->shownImagePage(), 0);
    const qsizetype imageBytes = m_view->shownImage().sizeInBytes();
    m_view.reset();
    m_cache = std::make_unique<RenderCache>(imageBytes * 5 / 2);
    m_cache->setDeck(m_deck);
    const auto showView = [this](int page) {
        auto view = std::make_unique<SlideView>(*m_cache);
        view->resize(400, 300);
        view->setPage(page);
        view->show();
        return view;
    };
    auto leaving = showView(0);
    QTRY_COMPARE(leaving->shownImagePage(), 0);
    const QSize size = leaving->requestedPixelSize();
    auto staying = showView(2);
    QTRY_COMPARE(staying->shownImagePage(), 2);
    QVERIFY(!m_cache->cached(0, size).isNull());

    leaving.reset();
    staying->setPage(4);
    QTRY_COMPARE(staying->shownImagePage(), 4);
    // Page 0 is shown by no view now and is the oldest image: it goes first, not page 2 or 4.
    QVERIFY(m_cache->cached(0, size).isNull());
    QVERIFY(!m_cache->cached(4, size).isNull());
}

QTEST_MAIN(TestSlideView)
#include "tst_slideview.moc"
