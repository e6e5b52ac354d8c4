#pragma once

#include "keymap.h"
#include "screenplacement.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QScreen;
class QWidget;

namespace Lectern {

class AudienceRoom;
class AudienceServer;
class LiveEvent;
struct ListenAddress;
class PresenterWindow;
class ProjectorWindow;
class RenderCache;

/**
 * The two windows of a talk: the presenter console and the projector. Places them on the screens (projector
 * full-screen on the second screen when there is one, both side by side on a single screen), follows screens
 * being plugged, unplugged or made primary, and swaps them on `x`. Keeps the RenderCache's deck the one on
 * stage. Quitting from the console (Ctrl+Q, confirmed) or closing it quits the application. With audience
 * features, the join card on the projector shows the address chosen on the console's server panel.
 */
class Presentation : public QObject
{
    Q_OBJECT

public:
    /**
     * Polls come from event.polls() (null: no poll panel or chart) and questions from event.questions() (null: no
     * question panel or pinned question), which must be set before this is made. server may be null (no server
     * panel; the join card says phones cannot join); room, with the server, gives the console the moderator link
     * and the moderation window. All must outlive this.
     */
    Presentation(LiveEvent &event, RenderCache &cache, const KeyMap &keys, AudienceServer *server = nullptr,
                 const AudienceRoom *room = nullptr, QObject *parent = nullptr);
    ~Presentation() override;

    /** Places both windows on the screens and shows them. */
    void show();

    PresenterWindow *console() const { return m_console.get(); }
    ProjectorWindow *projector() const { return m_projector.get(); }

    bool isSwapped() const { return m_swapped; }
    /** Exchanges the windows' screens (or their sides on a single screen) and places them again. */
    void swapScreens();
    /** The placement applied last, nullopt before show(). */
    std::optional<ScreenPlacement> placement() const { return m_placement; }
    /** Places the windows again for the screens there are now (called on screen changes). */
    void updatePlacement();
    /** Where the console's "Let phones join" switch starts the server (--listen); no effect without a server. */
    void setListenAddress(const ListenAddress &listen);
    /** The event's database, which the console's exports read (see PresenterWindow::setDatabasePath()). */
    void setDatabasePath(const QString &path);
    /** The screen the projector goes to when connected (Preferences::projectorScreen); empty: automatic. */
    void setProjectorScreen(const QString &name);

private:
    void schedulePlacement();
    static void applyPlacement(QWidget *window, QScreen *screen, const WindowPlacement &placement);

    LiveEvent &m_event;
    RenderCache &m_cache;
    std::unique_ptr<ProjectorWindow> m_projector;
    std::unique_ptr<PresenterWindow> m_console;
    std::optional<ScreenPlacement> m_placement;
    QString m_projectorScreen;
    bool m_swapped = false;
    bool m_shown = false;
    bool m_placementScheduled = false;
};

} // namespace Lectern
