#pragma once

#include <QHostAddress>
#include <QString>
#include <QUrl>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QWebEngineView;

namespace Lectern {

class AudienceRoom;
class AudienceServer;

/**
 * The app's moderation window: the audience server's moderator page (server/PROTOCOL.md, "Moderator") in a Qt
 * WebEngine view, so that the organizer moderates in the app with the same page a tablet shows. It loads
 * `http://HOST:PORT/m/TOKEN` from this laptop (loopback when the server listens on every address) and follows
 * the server starting and stopping; while it is stopped the window says so, with a button to start it.
 *
 * Made only when first opened: Qt WebEngine starts its own processes, which start-up should not wait for. The
 * page may not navigate away from the server, and opens no other windows.
 */
class ModerationWindow : public QWidget
{
    Q_OBJECT

public:
    /** server and room must outlive this; room must be loaded (it holds the moderator token). */
    ModerationWindow(AudienceServer &server, const AudienceRoom &room, QWidget *parent = nullptr);
    ~ModerationWindow() override;

    /** `http://ADDRESS:PORT/m/TOKEN`: the moderator page for a device that reaches the server at address. */
    static QUrl moderatorUrl(const AudienceServer &server, const QHostAddress &address);
    /** Where this laptop reaches its own server: loopback when it listens on every address, else that address. */
    static QHostAddress localAddress(const AudienceServer &server);

    /** The page loaded or loading; empty while the server is stopped. */
    QUrl pageUrl() const { return m_url; }
    QWebEngineView *view() const { return m_view; }
    /** What the window says instead of the page (the server is off, or would not start); empty with the page. */
    QString messageText() const;
    /** Shows why the server did not start, with the button to try again. */
    void showStartError(const QString &message);

    /** Loads the page when the server listens (again, when its address changed), else shows why not. */
    void refresh();

Q_SIGNALS:
    /** The "Start the audience server" button was clicked. */
    void startServerRequested();
    /** The moderator page finished loading (ok false: it did not load). */
    void pageLoaded(bool ok);

private:
    AudienceServer &m_server;
    const AudienceRoom &m_room;
    QUrl m_url;
    QString m_startError;

    QStackedWidget *m_stack = nullptr;
    QWidget *m_messagePage = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_startButton = nullptr;
    QWebEngineView *m_view = nullptr;
};

} // namespace Lectern
