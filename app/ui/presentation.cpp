#include "presentation.h"

#include "event/liveevent.h"
#include "keydispatcher.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "serverpanel.h"
#include "slides/rendercache.h"

#include <QGuiApplication>
#include <QLoggingCategory>
#include <QScreen>
#include <QTimer>
#include <QWidget>
#include <QWindow>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcUi, "lectern.ui")

namespace Lectern {

Presentation::Presentation(LiveEvent &event, RenderCache &cache, const KeyMap &keys, AudienceServer *server,
                           const AudienceRoom *room, QObject *parent)
    : QObject(parent)
    , m_event(event)
    , m_cache(cache)
{
    // Connected before the windows exist, so the cache holds the new deck before any view asks it for a page.
    connect(&m_event, &LiveEvent::deckChanged, this, [this] { m_cache.setDeck(m_event.deck()); });
    if (m_event.hasDeck())
        m_cache.setDeck(m_event.deck());

    m_projector = std::make_unique<ProjectorWindow>(m_event, m_cache, server);
    m_console = std::make_unique<PresenterWindow>(m_event, m_cache, keys, server, room);
    m_console->keyDispatcher()->watchWindow(m_projector.get());
    if (ServerPanel *panel = m_console->serverPanel()) {
        m_projector->setJoinAddress(panel->joinAddress());
        connect(panel, &ServerPanel::joinAddressChanged, m_projector.get(), &ProjectorWindow::setJoinAddress);
    }

    connect(m_console.get(), &PresenterWindow::swapScreensRequested, this, &Presentation::swapScreens);
    connect(m_console.get(), &PresenterWindow::quitRequested, this, [this] {
        m_projector->close();
        m_console->close();
        QCoreApplication::quit();
    });
    connect(m_console.get(), &PresenterWindow::closed, this, [this] { m_projector->close(); });

    connect(qGuiApp, &QGuiApplication::screenAdded, this, &Presentation::schedulePlacement);
    connect(qGuiApp, &QGuiApplication::screenRemoved, this, &Presentation::schedulePlacement);
    connect(qGuiApp, &QGuiApplication::primaryScreenChanged, this, &Presentation::schedulePlacement);
}

Presentation::~Presentation()
{
    // The console's key filter watches the projector: the projector goes last.
    m_console.reset();
    m_projector.reset();
}

void Presentation::setListenAddress(const ListenAddress &listen)
{
    if (ServerPanel *panel = m_console->serverPanel())
        panel->setListenAddress(listen);
}

void Presentation::setDatabasePath(const QString &path)
{
    m_console->setDatabasePath(path);
}

void Presentation::setProjectorScreen(const QString &name)
{
    m_projectorScreen = name;
    if (m_shown)
        updatePlacement();
}

void Presentation::show()
{
    m_shown = true;
    updatePlacement();
    m_console->raise();
    m_console->activateWindow();
}

void Presentation::swapScreens()
{
    m_swapped = !m_swapped;
    if (m_shown)
        updatePlacement();
}

void Presentation::schedulePlacement()
{
    // A removed screen is still listed while its signal is delivered; place once the list has settled.
    if (!m_shown || m_placementScheduled)
        return;
    m_placementScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_placementScheduled = false;
        updatePlacement();
    });
}

void Presentation::updatePlacement()
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    QList<ScreenInfo> infos;
    infos.reserve(screens.size());
    for (const QScreen *screen : screens)
        infos.append(ScreenInfo::fromScreen(*screen));
    m_placement = ScreenPlacement::decide(infos, m_swapped, m_projectorScreen);
    if (!m_placement) {
        qCWarning(lcUi) << "No screen to place the windows on";
        return;
    }
    qCDebug(lcUi) << "Console on" << infos.at(m_placement->console.screenIndex).name << "projector on"
                  << infos.at(m_placement->projector.screenIndex).name;
    applyPlacement(m_console.get(), screens.at(m_placement->console.screenIndex), m_placement->console);
    applyPlacement(m_projector.get(), screens.at(m_placement->projector.screenIndex), m_placement->projector);
    if (m_placement->projector.mode == WindowPlacement::Mode::FullScreen)
        m_projector->setCursor(Qt::BlankCursor);
    else
        m_projector->unsetCursor();
}

void Presentation::applyPlacement(QWidget *window, QScreen *screen, const WindowPlacement &placement)
{
    window->winId(); // the native window must exist to be put on a screen
    QWindow *handle = window->windowHandle();
    if (handle->screen() != screen) {
        // A full-screen or maximized window keeps to its screen; release it before moving it.
        if (window->windowState() & (Qt::WindowFullScreen | Qt::WindowMaximized))
            window->showNormal();
        handle->setScreen(screen);
    }
    window->setGeometry(placement.geometry);
    switch (placement.mode) {
    case WindowPlacement::Mode::FullScreen:
        window->showFullScreen();
        break;
    case WindowPlacement::Mode::Maximized:
        window->showMaximized();
        break;
    case WindowPlacement::Mode::Windowed:
        window->showNormal();
        window->setGeometry(placement.geometry);
        break;
    }
}

} // namespace Lectern
