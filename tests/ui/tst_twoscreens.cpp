// The presentation on two screens: run with -platform offscreen:configfile=two-screens.json (see CMakeLists.txt),
// a HiDPI laptop (dpr 2) next to a 1080p projector.

#include "event/liveevent.h"
#include "keymap.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "slides/rendercache.h"
#include "slideview.h"
#include "uitestdeck.h"

#include <QGuiApplication>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

class TestTwoScreens : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void projectorGoesFullScreenOnTheProjectorScreen();
    void consoleSlideIsRenderedAtTwiceItsSizeOnTheHiDpiLaptop();
    void projectorSlideIsRenderedAtItsSizeOnTheProjector();
    void swapKeyExchangesTheScreens();
    void keysInTheProjectorWindowWork();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const SlideDeck> m_deck;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<LiveEvent> m_event;
    std::unique_ptr<RenderCache> m_cache;
    std::unique_ptr<Presentation> m_presentation;
};

void TestTwoScreens::initTestCase()
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    QVERIFY2(screens.size() == 2, "run with -platform offscreen:configfile=two-screens.json");
    QCOMPARE(screens.at(0)->name(), u"laptop"_s);
    QCOMPARE(screens.at(0)->devicePixelRatio(), 2.0);
    QCOMPARE(QGuiApplication::primaryScreen()->name(), u"laptop"_s);
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"wide.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(path, 4, QSizeF(1600, 900)));
    auto deck = SlideDeck::open(path);
    QVERIFY(deck);
    m_deck = *deck;
}

void TestTwoScreens::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_event = std::make_unique<LiveEvent>(*m_clock);
    m_cache = std::make_unique<RenderCache>();
    Session session;
    session.title = u"Reproducible environments"_s;
    session.deckPath = m_deck->path();
    m_event->present(session, m_deck);
    m_presentation = std::make_unique<Presentation>(*m_event, *m_cache, KeyMap::defaults());
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_presentation->console()));
    QVERIFY(QTest::qWaitForWindowExposed(m_presentation->projector()));
}

void TestTwoScreens::cleanup()
{
    m_presentation.reset();
    m_cache.reset();
    m_event.reset();
    m_clock.reset();
}

void TestTwoScreens::projectorGoesFullScreenOnTheProjectorScreen()
{
    ProjectorWindow *projector = m_presentation->projector();
    PresenterWindow *console = m_presentation->console();
    QCOMPARE(projector->screen()->name(), u"projector"_s);
    QVERIFY(projector->isFullScreen());
    QTRY_COMPARE(projector->geometry(), QRect(1280, 0, 1920, 1080));
    QCOMPARE(console->screen()->name(), u"laptop"_s);
    QVERIFY(!console->isFullScreen());
    QVERIFY(QRect(0, 0, 1280, 800).contains(console->geometry()));
}

void TestTwoScreens::consoleSlideIsRenderedAtTwiceItsSizeOnTheHiDpiLaptop()
{
    SlideView *view = m_presentation->console()->currentSlideView();
    QTRY_COMPARE(view->shownImagePage(), 0);
    QCOMPARE(view->devicePixelRatioF(), 2.0);
    QCOMPARE(view->requestedDevicePixelRatio(), 2.0);
    QCOMPARE(view->requestedPixelSize(), view->size() * 2);
    QTRY_COMPARE(view->shownImage().size(), m_cache->fittedSize(0, view->size() * 2));
}

void TestTwoScreens::projectorSlideIsRenderedAtItsSizeOnTheProjector()
{
    SlideView *view = m_presentation->projector()->slideView();
    QTRY_COMPARE(view->size(), QSize(1920, 1080));
    QTRY_COMPARE(view->shownImage().size(), QSize(1920, 1080));
    QCOMPARE(view->requestedDevicePixelRatio(), 1.0);
}

void TestTwoScreens::swapKeyExchangesTheScreens()
{
    QTest::keyClick(m_presentation->console(), Qt::Key_X);
    QVERIFY(m_presentation->isSwapped());
    QTRY_COMPARE(m_presentation->projector()->screen()->name(), u"laptop"_s);
    QVERIFY(m_presentation->projector()->isFullScreen());
    QTRY_COMPARE(m_presentation->projector()->geometry(), QRect(0, 0, 1280, 800));
    QTRY_COMPARE(m_presentation->console()->screen()->name(), u"projector"_s);
    // On the laptop the projector's slide is now rendered for dpr 2.
    SlideView *view = m_presentation->projector()->slideView();
    QTRY_COMPARE(view->requestedPixelSize(), QSize(2560, 1600));

    QTest::keyClick(m_presentation->projector(), Qt::Key_X);
    QVERIFY(!m_presentation->isSwapped());
    QTRY_COMPARE(m_presentation->projector()->screen()->name(), u"projector"_s);
    QTRY_COMPARE(m_presentation->console()->screen()->name(), u"laptop"_s);
}

void TestTwoScreens::keysInTheProjectorWindowWork()
{
    QTest::keyClick(m_presentation->projector(), Qt::Key_Space);
    QCOMPARE(m_event->currentPage(), 1);
    QCOMPARE(m_presentation->projector()->slideView()->page(), 1);
}

QTEST_MAIN(TestTwoScreens)
#include "tst_twoscreens.moc"
