// The projector screen chosen in the settings: ScreenPlacement with a screen name, and a Presentation applying it
// on two offscreen screens.
#include "event/liveevent.h"
#include "presentation.h"
#include "projectorwindow.h"
#include "screenplacement.h"
#include "slides/rendercache.h"
#include "slides/slidedeck.h"
#include "timer/clock.h"
#include "uitestdeck.h"

#include <QScreen>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

ScreenInfo laptop()
{
    return {u"laptop"_s, QRect(0, 0, 1280, 800), QRect(0, 0, 1280, 770), true};
}

ScreenInfo projector()
{
    return {u"projector"_s, QRect(1280, 0, 1920, 1080), QRect(1280, 0, 1920, 1080), false};
}

ScreenInfo monitor()
{
    return {u"monitor"_s, QRect(3200, 0, 2560, 1440), QRect(3200, 0, 2560, 1440), false};
}

} // namespace

class TestProjectorScreen : public QObject
{
    Q_OBJECT

private slots:
    void theNamedScreenGetsTheProjector_data();
    void theNamedScreenGetsTheProjector();
    void aNamedScreenNotConnectedFallsBackToAutomatic();
    void swapStillExchangesTheChosenScreens();
    void onOneScreenTheNameChangesNothing();
    void thePresentationPutsTheProjectorOnTheChosenScreen();
};

void TestProjectorScreen::theNamedScreenGetsTheProjector_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("console");
    QTest::addColumn<int>("projector");
    QTest::newRow("automatic: the first other than the primary") << QString() << 0 << 1;
    QTest::newRow("the third screen") << u"monitor"_s << 0 << 2;
    QTest::newRow("the second screen") << u"projector"_s << 0 << 1;
    // The primary named: the console goes to the first other screen.
    QTest::newRow("the primary") << u"laptop"_s << 1 << 0;
}

void TestProjectorScreen::theNamedScreenGetsTheProjector()
{
    QFETCH(QString, name);
    QFETCH(int, console);
    QFETCH(int, projector);
    const auto placement = ScreenPlacement::decide({laptop(), ::projector(), monitor()}, false, name);
    QVERIFY(placement);
    QCOMPARE(placement->console.screenIndex, console);
    QCOMPARE(placement->projector.screenIndex, projector);
    QCOMPARE(placement->projector.mode, WindowPlacement::Mode::FullScreen);
    QCOMPARE(placement->console.mode, WindowPlacement::Mode::Maximized);
}

void TestProjectorScreen::aNamedScreenNotConnectedFallsBackToAutomatic()
{
    QCOMPARE(ScreenPlacement::decide({laptop(), projector(), monitor()}, false, u"HDMI-9"_s),
             ScreenPlacement::decide({laptop(), projector(), monitor()}, false));
}

void TestProjectorScreen::swapStillExchangesTheChosenScreens()
{
    const auto placement = ScreenPlacement::decide({laptop(), projector(), monitor()}, true, u"monitor"_s);
    QVERIFY(placement);
    QCOMPARE(placement->console.screenIndex, 2);
    QCOMPARE(placement->projector.screenIndex, 0);
}

void TestProjectorScreen::onOneScreenTheNameChangesNothing()
{
    QCOMPARE(ScreenPlacement::decide({laptop()}, false, u"laptop"_s), ScreenPlacement::decide({laptop()}, false));
}

void TestProjectorScreen::thePresentationPutsTheProjectorOnTheChosenScreen()
{
    // Three offscreen screens (see CMakeLists.txt): the laptop first and primary, then two outputs.
    const QList<QScreen *> screens = QGuiApplication::screens();
    QCOMPARE(screens.size(), 3);
    QTemporaryDir dir;
    const QString deckPath = dir.filePath(u"talk.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(deckPath, 2));
    auto deck = SlideDeck::open(deckPath);
    QVERIFY(deck);
    ManualClock clock;
    LiveEvent event(clock);
    RenderCache cache;
    Session session;
    session.deckPath = deckPath;
    event.present(session, *deck);
    Presentation presentation(event, cache, KeyMap::defaults());
    presentation.setProjectorScreen(u"right"_s);
    presentation.show();
    QVERIFY(QTest::qWaitForWindowExposed(presentation.projector()));
    QTRY_COMPARE(presentation.projector()->windowHandle()->screen()->name(), u"right"_s);
    // Chosen again while presenting: the projector moves.
    presentation.setProjectorScreen(u"middle"_s);
    QTRY_COMPARE(presentation.projector()->windowHandle()->screen()->name(), u"middle"_s);
    QCOMPARE(presentation.placement()->projector.screenIndex, 1);
}

QTEST_MAIN(TestProjectorScreen)
#include "tst_projectorscreen.moc"
