// Where the console and the projector go as screens come and go (pure logic).

#include "screenplacement.h"

#include <QTest>

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
    return {u"monitor"_s, QRect(-2560, 0, 2560, 1440), QRect(-2560, 0, 2560, 1440), false};
}

} // namespace

class TestScreenPlacement : public QObject
{
    Q_OBJECT

private slots:
    void noScreenGivesNoPlacement();
    void twoScreensPutProjectorFullScreenOnTheOtherOne();
    void primaryScreenHoldsConsoleWhereverItIsListed();
    void swapExchangesTheScreens();
    void oneScreenPutsBothWindowsSideBySide();
    void swapOnOneScreenExchangesTheSides();
    void projectorRemovedThenAddedBack();
    void threeScreensUseTheFirstNonPrimaryForProjector();
    void missingAvailableGeometryFallsBackToGeometry();
};

void TestScreenPlacement::noScreenGivesNoPlacement()
{
    QVERIFY(!ScreenPlacement::decide({}, false));
}

void TestScreenPlacement::twoScreensPutProjectorFullScreenOnTheOtherOne()
{
    const auto placement = ScreenPlacement::decide({laptop(), projector()}, false);
    QVERIFY(placement);
    QVERIFY(placement->hasSeparateScreens());
    QCOMPARE(placement->console.screenIndex, 0);
    QCOMPARE(placement->console.mode, WindowPlacement::Mode::Maximized);
    QCOMPARE(placement->console.geometry, laptop().availableGeometry);
    QCOMPARE(placement->projector.screenIndex, 1);
    QCOMPARE(placement->projector.mode, WindowPlacement::Mode::FullScreen);
    QCOMPARE(placement->projector.geometry, projector().geometry);
}

void TestScreenPlacement::primaryScreenHoldsConsoleWhereverItIsListed()
{
    const auto placement = ScreenPlacement::decide({projector(), laptop()}, false);
    QVERIFY(placement);
    QCOMPARE(placement->console.screenIndex, 1);
    QCOMPARE(placement->projector.screenIndex, 0);
    QCOMPARE(placement->projector.geometry, projector().geometry);
}

void TestScreenPlacement::swapExchangesTheScreens()
{
    const auto placement = ScreenPlacement::decide({laptop(), projector()}, true);
    QVERIFY(placement);
    QCOMPARE(placement->console.screenIndex, 1);
    QCOMPARE(placement->console.geometry, projector().availableGeometry);
    QCOMPARE(placement->console.mode, WindowPlacement::Mode::Maximized);
    QCOMPARE(placement->projector.screenIndex, 0);
    QCOMPARE(placement->projector.geometry, laptop().geometry);
    QCOMPARE(placement->projector.mode, WindowPlacement::Mode::FullScreen);
}

void TestScreenPlacement::oneScreenPutsBothWindowsSideBySide()
{
    const auto placement = ScreenPlacement::decide({laptop()}, false);
    QVERIFY(placement);
    QVERIFY(!placement->hasSeparateScreens());
    QCOMPARE(placement->console.mode, WindowPlacement::Mode::Windowed);
    QCOMPARE(placement->projector.mode, WindowPlacement::Mode::Windowed);
    QCOMPARE(placement->console.geometry, QRect(0, 0, 640, 770));
    QCOMPARE(placement->projector.geometry, QRect(640, 0, 640, 770));
    QVERIFY(!placement->console.geometry.intersects(placement->projector.geometry));
}

void TestScreenPlacement::swapOnOneScreenExchangesTheSides()
{
    const auto placement = ScreenPlacement::decide({laptop()}, true);
    QVERIFY(placement);
    QCOMPARE(placement->console.geometry, QRect(640, 0, 640, 770));
    QCOMPARE(placement->projector.geometry, QRect(0, 0, 640, 770));
}

void TestScreenPlacement::projectorRemovedThenAddedBack()
{
    QList<ScreenInfo> screens{laptop(), projector()};
    const auto both = ScreenPlacement::decide(screens, false);
    QCOMPARE(both->projector.mode, WindowPlacement::Mode::FullScreen);

    screens.removeLast(); // the projector cable is pulled
    const auto alone = ScreenPlacement::decide(screens, false);
    QVERIFY(alone);
    QCOMPARE(alone->projector.screenIndex, 0);
    QCOMPARE(alone->projector.mode, WindowPlacement::Mode::Windowed);
    QVERIFY(laptop().availableGeometry.contains(alone->projector.geometry));
    QVERIFY(laptop().availableGeometry.contains(alone->console.geometry));

    screens.append(projector()); // and plugged in again
    QCOMPARE(ScreenPlacement::decide(screens, false), both);
}

void TestScreenPlacement::threeScreensUseTheFirstNonPrimaryForProjector()
{
    const auto placement = ScreenPlacement::decide({monitor(), laptop(), projector()}, false);
    QVERIFY(placement);
    QCOMPARE(placement->console.screenIndex, 1);
    QCOMPARE(placement->projector.screenIndex, 0);
    QCOMPARE(placement->projector.mode, WindowPlacement::Mode::FullScreen);
}

void TestScreenPlacement::missingAvailableGeometryFallsBackToGeometry()
{
    const ScreenInfo bare{u"bare"_s, QRect(0, 0, 1000, 600), QRect(), true};
    const auto placement = ScreenPlacement::decide({bare}, false);
    QVERIFY(placement);
    QCOMPARE(placement->console.geometry, QRect(0, 0, 500, 600));
    QCOMPARE(placement->projector.geometry, QRect(500, 0, 500, 600));
}

QTEST_GUILESS_MAIN(TestScreenPlacement)
#include "tst_screenplacement.moc"
