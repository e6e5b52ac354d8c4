#pragma once

#include <QList>
#include <QRect>
#include <QString>

#include <optional>

class QScreen;

namespace Lectern {

/** What the placement logic needs to know about one screen. */
struct ScreenInfo
{
    QString name;
    QRect geometry;
    QRect availableGeometry; ///< without panels and docks; empty means the same as geometry
    bool primary = false;

    static ScreenInfo fromScreen(const QScreen &screen);
};

/** Where one window goes: which screen (index into the list given), its geometry and how it is shown. */
struct WindowPlacement
{
    enum class Mode { Windowed, Maximized, FullScreen };

    int screenIndex = 0;
    QRect geometry;
    Mode mode = Mode::Windowed;

    friend bool operator==(const WindowPlacement &, const WindowPlacement &) = default;
};

/**
 * Decides the screens of the presenter console and the projector window: with two or more screens the console
 * goes maximized on the primary screen and the projector full-screen on another one (the one named in the settings
 * when it is connected; swapped exchanges them); with one screen both open windowed, side by side, each on half of
 * it. Pure logic, no windows touched.
 */
class ScreenPlacement
{
public:
    WindowPlacement console;
    WindowPlacement projector;

    /**
     * nullopt when there is no screen at all. projectorScreen names the projector's screen (Preferences); empty,
     * or not among the screens: chosen as above. Named, the console goes to the primary or else the first other.
     */
    static std::optional<ScreenPlacement> decide(const QList<ScreenInfo> &screens, bool swapped,
                                                 const QString &projectorScreen = {});

    bool hasSeparateScreens() const { return console.screenIndex != projector.screenIndex; }

    friend bool operator==(const ScreenPlacement &, const ScreenPlacement &) = default;
};

} // namespace Lectern
