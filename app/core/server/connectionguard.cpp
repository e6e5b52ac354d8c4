#include "server/connectionguard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QTcpSocket>

#include <algorithm>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace Lectern {

namespace {

constexpr milliseconds kLongestSweepInterval{1000};
constexpr milliseconds kShortestSweepInterval{20};
/** Out of file descriptors, QTcpServer stops accepting for good; it is asked to try again after this. */
constexpr milliseconds kResumeAcceptingAfter{1000};
/** A refused connection is closed once its request has come in (and been thrown away), or after this. */
constexpr milliseconds kRefusalLinger{1000};
/** ... and cut if its 503 has still not gone out after this. */
constexpr milliseconds kRefusalGrace{5000};

QHostAddress normalised(const QHostAddress &address)
{
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4);
    return isIPv4 ? QHostAddress(ipv4) : address;
}

void closeDescriptor(qintptr descriptor)
{
#ifdef Q_OS_WIN
    ::closesocket(SOCKET(descriptor));
#else
    ::close(int(descriptor));
#endif
}

/** A whole HTTP/1.1 answer that ends the connection, with the protocol's JSON error body (PROTOCOL.md). */
QByteArray errorAnswer(const char *status, const QString &code, const QString &error,
                       const QByteArray &extraHeaders = {})
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"error"_s, error}, {u"code"_s, code}}).toJson(QJsonDocument::Compact);
    QByteArray answer;
    answer.reserve(400 + body.size());
    answer.append("HTTP/1.1 ").append(status).append("\r\n");
    answer.append("Content-Type: application/json\r\n");
    answer.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    answer.append("Connection: close\r\n");
    answer.append("Cache-Control: no-store\r\n");
    answer.append("Content-Security-Policy: default-src 'self'\r\n");
    answer.append("X-Content-Type-Options: nosniff\r\n");
    answer.append("Referrer-Policy: no-referrer\r\n");
    answer.append(extraHeaders);
    answer.append("\r\n");
    answer.append(body);
    return answer;
}

/** Throws away what the peer sends from now on, so that closing does not reset the connection. */
void discardInput(QTcpSocket *socket)
{
    // The HTTP server keeps a partial request buffered in a transaction; end it so the bytes can go.
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->skip(socket->bytesAvailable());
}

} // namespace

ConnectionGuard::ConnectionGuard(const ServerLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
    m_clock.start();
    setListenBacklogSize(kListenBacklog);
    // Once a second for the real limits; more often when tests make them tiny, so they are kept to ±25 %.
    const milliseconds shortestTimeout = std::min(m_limits.requestTimeout, m_limits.httpIdleTimeout);
    m_sweepTimer.setInterval(std::clamp(shortestTimeout / 4, kShortestSweepInterval, kLongestSweepInterval));
    connect(&m_sweepTimer, &QTimer::timeout, this, &ConnectionGuard::sweep);

    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        Q_EMIT connectionDropped(
            u"cannot accept a connection: "_s +
            QString::fromLatin1(QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error)));
        QTimer::singleShot(kResumeAcceptingAfter, this, &QTcpServer::resumeAccepting);
    });
}

ConnectionGuard::~ConnectionGuard()
{
    m_sweepTimer.stop();
    for (const Tracked &tracked : std::as_const(m_connections)) {
        if (tracked.socket)
            tracked.socket->disconnect(this);
    }
}

void ConnectionGuard::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        Q_EMIT connectionDropped(u"cannot take a connection: "_s + socket->errorString());
        delete socket;
        closeDescriptor(socketDescriptor);
        return;
    }
    if (connectionCount() >= m_limits.maxConnections) {
        refuse(socket, u"refused: the limit of %1 connections is reached"_s.arg(m_limits.maxConnections));
        return;
    }
    const QHostAddress peer = normalised(socket->peerAddress());
    if (m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress) {
        refuse(socket, u"refused: %1 has the limit of %2 connections from one address"_s.arg(peer.toString())
                           .arg(m_limits.maxConnectionsPerAddress));
        return;
    }
    // Connected before addPendingConnection(), which hands the socket to the HTTP server at once: these slots
    // run before the server's on every readyRead.
    track(socket);
    addPendingConnection(socket);
}

void ConnectionGuard::track(QTcpSocket *socket)
{
    Tracked tracked;
    tracked.socket = socket;
    tracked.lastActivityMs = m_clock.elapsed();
    tracked.peer = normalised(socket->peerAddress());
    tracked.peerPort = socket->peerPort();
    tracked.readyReadConnection =
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { onBytesWritten(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { forget(socket); });

    m_byPeer.insert({tracked.peer, tracked.peerPort}, socket);
    m_perAddress[tracked.peer] += 1;
    m_connections.insert(socket, tracked);
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
    Q_EMIT connectionCountChanged(connectionCount());
}

int ConnectionGuard::connectionCount(const QHostAddress &address) const
{
    return m_perAddress.value(normalised(address));
}

void ConnectionGuard::refuse(QTcpSocket *socket, const QString &reason)
{
    ++m_refused;
    Q_EMIT connectionDropped(reason);
    // Each refusal below holds a descriptor for up to kRefusalGrace: a flood of them would exhaust the process's.
    if (m_lingeringRefusals >= m_limits.maxLingeringRefusals) {
        socket->abort();
        delete socket;
        return;
    }
    ++m_lingeringRefusals;
    connect(socket, &QObject::destroyed, this, [this] { --m_lingeringRefusals; });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    // Closing with the peer's request unread would reset the connection and could lose the answer: read the
    // request first (a browser sends it at once), then close.
    connect(socket, &QTcpSocket::readyRead, socket, [socket] {
        discardInput(socket);
        socket->disconnectFromHost();
    });
    QTimer::singleShot(kRefusalLinger, socket, [socket] { socket->disconnectFromHost(); });
    QTimer::singleShot(kRefusalGrace, socket, &QTcpSocket::abort);
    socket->write(errorAnswer("503 Service Unavailable", u"server-busy"_s,
                              u"The server is full; try again in a minute."_s, "Retry-After: 60\r\n"));
}

void ConnectionGuard::onReadyRead(QTcpSocket *socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end() || found->upgraded || found->closing)
        return;
    const qint64 now = m_clock.elapsed();
    found->lastActivityMs = now;
    if (found->requestStartedMs < 0)
        found->requestStartedMs = now;
    // Qt 6.4's HTTP server reads all that is available on each readyRead (keeping a partial request in the
    // socket's buffer), so what is available now came in since the last time. Should a server leave bytes
    // unread, they would be counted twice: the limit would then close early, never late.
    found->unansweredBytes += socket->bytesAvailable();
    if (found->unansweredBytes <= m_limits.maxUnansweredBytes)
        return;

    const QString reason = u"%1 bytes received without an answer (limit %2)"_s.arg(found->unansweredBytes)
                               .arg(m_limits.maxUnansweredBytes);
    // An answer still going out must not be cut into by a second one.
    if (socket->bytesToWrite() > 0)
        drop(socket, reason);
    else
        drop(socket, reason, errorAnswer("413 Payload Too Large", u"too-large"_s, u"The request is too large."_s));
}

void ConnectionGuard::onBytesWritten(QTcpSocket *socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    found->lastActivityMs = m_clock.elapsed();
    if (found->upgraded || found->closing)
        return;
    // An answer went out: the request it answers is complete.
    found->requestStartedMs = -1;
    found->unansweredBytes = 0;
}

void ConnectionGuard::markUpgraded(const QHostAddress &peer, quint16 peerPort)
{
    QTcpSocket *socket = m_byPeer.value({normalised(peer), peerPort});
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    found->upgraded = true;
    found->requestStartedMs = -1;
    found->unansweredBytes = 0;
    // Taken in chunks (any message fits in one), and looked at after each: a WebSocket that keeps sending while it
    // reads none of the answers (pongs to its pings, refusals of its messages) is closed soon after it holds more
    // than maxWebSocketBacklogBytes unsent, however fast it sends.
    socket->setReadBufferSize(2 * std::max(m_limits.maxWebSocketMessageBytes, m_limits.maxModeratorMessageBytes));
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { closeIfBacklogged(socket); });
}

void ConnectionGuard::closeIfBacklogged(QTcpSocket *socket)
{
    const qint64 unsent = socket->bytesToWrite();
    if (unsent <= m_limits.maxWebSocketBacklogBytes || socket->state() != QAbstractSocket::ConnectedState)
        return;
    Q_EMIT connectionDropped(
        u"a WebSocket holds %1 bytes unsent (limit %2)"_s.arg(unsent).arg(m_limits.maxWebSocketBacklogBytes));
    // Not inside the signal the WebSocket reads in.
    QMetaObject::invokeMethod(socket, &QTcpSocket::abort, Qt::QueuedConnection);
}

void ConnectionGuard::sweep()
{
    const qint64 now = m_clock.elapsed();
    const qint64 requestTimeoutMs = m_limits.requestTimeout.count();
    const qint64 idleTimeoutMs = m_limits.httpIdleTimeout.count();

    QList<QTcpSocket *> gone;
    QList<std::pair<QPointer<QTcpSocket>, QString>> overdue;
    QList<QPointer<QTcpSocket>> stuck;
    QList<QPointer<QTcpSocket>> backlogged;
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        Tracked &tracked = *it;
        // Whoever owns a socket may cut our connections to it (QWebSocket does when it lets go of one), so
        // "destroyed" and "disconnected" are not relied on alone.
        if (!tracked.socket || tracked.socket->state() == QAbstractSocket::UnconnectedState) {
            gone.append(it.key());
            continue;
        }
        if (tracked.upgraded) {
            // A moderator page is sent every change, whether it reads or not.
            if (tracked.socket->bytesToWrite() > m_limits.maxWebSocketBacklogBytes)
                backlogged.append(tracked.socket);
            continue;
        }
        if (tracked.closing) {
            if (now - tracked.lastActivityMs > requestTimeoutMs)
                stuck.append(tracked.socket);
            continue;
        }
        // The HTTP server disconnects every readyRead slot when it hands a socket to its WebSocket server: a
        // WebSocket whose markUpgraded() has not come (yet) must not be closed as an idle HTTP connection.
        if (!tracked.readyReadConnection) {
            tracked.upgraded = true;
            continue;
        }
        if (tracked.requestStartedMs >= 0 && now - tracked.requestStartedMs > requestTimeoutMs)
            overdue.append({tracked.socket, u"request not complete within %1 ms"_s.arg(requestTimeoutMs)});
        else if (now - tracked.lastActivityMs > idleTimeoutMs)
            overdue.append({tracked.socket, u"idle for %1 ms"_s.arg(idleTimeoutMs)});
    }

    // Closing emits "disconnected" at once, which changes m_connections: only after the loop.
    for (QTcpSocket *socket : std::as_const(gone))
        forget(socket);
    for (const auto &[socket, reason] : std::as_const(overdue)) {
        if (socket)
            drop(socket, reason);
    }
    for (const QPointer<QTcpSocket> &socket : std::as_const(stuck)) {
        if (socket)
            socket->abort();
    }
    for (const QPointer<QTcpSocket> &socket : std::as_const(backlogged)) {
        if (socket)
            closeIfBacklogged(socket);
    }
}

void ConnectionGuard::forget(QTcpSocket *socket)
{
    const auto found = m_connections.constFind(socket);
    if (found == m_connections.cend())
        return;
    const Peer peer{found->peer, found->peerPort};
    if (m_byPeer.value(peer) == socket)
        m_byPeer.remove(peer);
    if (const auto count = m_perAddress.find(found->peer); count != m_perAddress.end() && --*count <= 0)
        m_perAddress.erase(count);
    m_connections.erase(found);
    if (m_connections.isEmpty())
        m_sweepTimer.stop();
    Q_EMIT connectionCountChanged(connectionCount());
}

void ConnectionGuard::drop(QTcpSocket *socket, const QString &reason, const QByteArray &farewell)
{
    // Nothing after the limit reaches the HTTP server: it must not answer (or buffer) any more of it.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    Q_EMIT connectionDropped(reason);
    if (farewell.isEmpty()) {
        socket->abort();
        return;
    }
    if (const auto found = m_connections.find(socket); found != m_connections.end()) {
        found->closing = true;
        found->lastActivityMs = m_clock.elapsed();
    }
    discardInput(socket);
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { discardInput(socket); });
    socket->write(farewell);
    socket->disconnectFromHost();
}

} // namespace Lectern
