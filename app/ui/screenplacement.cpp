#include "screenplacement.h"

#include <QGuiApplication>
#include <QScreen>

#include <algorithm>

namespace Lectern {

ScreenInfo ScreenInfo::fromScreen(const QScreen &screen)
{
    return ScreenInfo{screen.name(), screen.geometry(), screen.availableGeometry(),
                      &screen == QGuiApplication::primaryScreen()};
}

namespace {

QRect usableArea(const ScreenInfo &screen)
{
    return screen.availableGeometry.isEmpty() ? screen.geometry : screen.availableGeometry;
}

int primaryIndex(const QList<ScreenInfo> &screens)
{
    for (int i = 0; i < screens.size(); ++i) {
        if (screens.at(i).primary)
            return i;
    }
    return 0;
}

} // namespace

std::optional<ScreenPlacement> ScreenPlacement::decide(const QList<ScreenInfo> &screens, bool swapped,
                                                       const QString &projectorScreen)
{
    if (screens.isEmpty())
        return std::nullopt;

    ScreenPlacement placement;
    if (screens.size() == 1) {
        // One screen (a laptop rehearsing): both windows side by side, so the speaker sees what the room would.
        const QRect area = usableArea(screens.first());
        const int half = area.width() / 2;
        const QRect left(area.left(), area.top(), half, area.height());
        const QRect right(area.left() + half, area.top(), area.width() - half, area.height());
        placement.console = {0, swapped ? right : left, WindowPlacement::Mode::Windowed};
        placement.projector = {0, swapped ? left : right, WindowPlacement::Mode::Windowed};
        return placement;
    }

    int consoleIndex = primaryIndex(screens);
    int projectorIndex = consoleIndex == 0 ? 1 : 0;
    const auto named = std::find_if(screens.cbegin(), screens.cend(), [&projectorScreen](const ScreenInfo &screen) {
        return !projectorScreen.isEmpty() && screen.name == projectorScreen;
    });
    if (named != screens.cend()) {
        projectorIndex = int(named - screens.cbegin());
        if (consoleIndex == projectorIndex)
            consoleIndex = projectorIndex == 0 ? 1 : 0;
    }
    if (swapped)
        std::swap(consoleIndex, projectorIndex);
    placement.console = {consoleIndex, usableArea(screens.at(consoleIndex)), WindowPlacement::Mode::Maximized};
    placement.projector = {projectorIndex, screens.at(projectorIndex).geometry, WindowPlacement::Mode::FullScreen};
    return placement;
}

} // namespace Lectern
