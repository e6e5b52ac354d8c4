#pragma once

#include "server/serverlimits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

#include <utility>

class QTcpSocket;

namespace Lectern {

/**
 * The listening socket handed to QAbstractHttpServer::bind(): it puts the limits Qt 6.4's HTTP server lacks
 * around every connection before the server sees it. Over the connection cap, or over the cap for its
 * address, a newcomer gets "503" and is closed (at once, without it, when maxLingeringRefusals refused
 * connections are still saying goodbye); an HTTP connection is closed when a request takes longer than requestTimeout
 * to arrive (slowloris), when it idles longer than httpIdleTimeout, or when it sends more than maxUnansweredBytes
 * without an answer. Connections that became WebSockets (markUpgraded()) are only counted, the WebSocket layer limiting
 * them, and closed when they hold more than maxWebSocketBacklogBytes unsent.
 *
 * One timer sweeps all connections once a second, so there is no per-connection timer; a socket's state is
 * updated from its own readyRead/bytesWritten, connected before the HTTP server's slots.
 */
class ConnectionGuard : public QTcpServer
{
    Q_OBJECT

public:
    /**
     * Connections the kernel holds for accepting (Qt's default: 50). A room joining at once overflows a short
     * queue, and the kernel drops the handshakes beyond it: those phones try again only after a second.
     */
    static constexpr int kListenBacklog = 1024;

    explicit ConnectionGuard(const ServerLimits &limits, QObject *parent = nullptr);
    ~ConnectionGuard() override;

    /** Connections open now (HTTP and WebSocket). */
    int connectionCount() const { return int(m_connections.size()); }
    /** Connections refused since start because a cap was reached. */
    int refusedCount() const { return m_refused; }
    /** Connections open now from address (normalised to IPv4 where it is one). */
    int connectionCount(const QHostAddress &address) const;
    /**
     * The connection from peer became a WebSocket: stop applying the HTTP limits to it (it still counts
     * towards the cap until it closes).
     */
    void markUpgraded(const QHostAddress &peer, quint16 peerPort);
    /** Sweeps now instead of waiting for the timer (tests). */
    void sweep();

Q_SIGNALS:
    /** The number of open connections changed. */
    void connectionCountChanged(int count);
    /** A connection was refused or closed by a limit; reason is for the log. */
    void connectionDropped(const QString &reason);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Tracked
    {
        QPointer<QTcpSocket> socket;
        qint64 lastActivityMs = 0;
        qint64 requestStartedMs = -1; ///< first byte of a request not yet answered; -1 when none
        qint64 unansweredBytes = 0;
        bool upgraded = false;
        bool closing = false; ///< dropped, its last answer still going out
        QHostAddress peer;    ///< normalised to IPv4 where it is one
        quint16 peerPort = 0;
        QMetaObject::Connection readyReadConnection;
    };
    using Peer = std::pair<QHostAddress, quint16>;

    void track(QTcpSocket *socket);
    /** Answers 503 and closes: socket is connected, not tracked, and deleted when done. */
    void refuse(QTcpSocket *socket, const QString &reason);
    void onReadyRead(QTcpSocket *socket);
    void onBytesWritten(QTcpSocket *socket);
    /** Closes (soon: queued) a WebSocket that holds more than maxWebSocketBacklogBytes unsent. */
    void closeIfBacklogged(QTcpSocket *socket);
    void forget(QTcpSocket *socket);
    /** Stops the HTTP server reading from socket, then closes it: after sending farewell, or at once if none. */
    void drop(QTcpSocket *socket, const QString &reason, const QByteArray &farewell = {});

    ServerLimits m_limits;
    QElapsedTimer m_clock;
    QHash<QTcpSocket *, Tracked> m_connections;
    QHash<Peer, QTcpSocket *> m_byPeer;
    QHash<QHostAddress, int> m_perAddress;
    QTimer m_sweepTimer;
    int m_refused = 0;
    int m_lingeringRefusals = 0;
};

} // namespace Lectern
