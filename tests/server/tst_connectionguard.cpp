#include "server/connectionguard.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>
#include <vector>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kRequest = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

/** A raw TCP client on 127.0.0.1 that keeps everything it receives. */
class RawClient
{
public:
    /** Connects from 127.0.0.1, or from the loopback address `from` (127.0.0.2…) when one is given. */
    explicit RawClient(quint16 port, const QByteArray &sendOnConnect = {}, const QHostAddress &from = {})
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_received += m_socket.readAll(); });
        if (!sendOnConnect.isEmpty()) {
            QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket,
                             [this, sendOnConnect] { m_socket.write(sendOnConnect); });
        }
        if (!from.isNull())
            m_socket.bind(from);
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    void send(const QByteArray &data) { m_socket.write(data); }
    void leave() { m_socket.disconnectFromHost(); }
    const QByteArray &received() const { return m_received; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool isClosed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    quint16 localPort() const { return m_socket.localPort(); }
    int answers(const QByteArray &statusLine) const { return int(m_received.count(statusLine)); }

    /** The JSON body of the first answer received. */
    QJsonObject jsonBody() const
    {
        const qsizetype bodyStart = m_received.indexOf("\r\n\r\n");
        return bodyStart < 0 ? QJsonObject() : QJsonDocument::fromJson(m_received.mid(bodyStart + 4)).object();
    }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

/** A QHttpServer with one route (/hello) and a WebSocket echo, listening through a ConnectionGuard. */
class GuardedServer
{
public:
    explicit GuardedServer(const ServerLimits &limits)
        : guard(new ConnectionGuard(limits))
        , countChanges(guard, &ConnectionGuard::connectionCountChanged)
        , drops(guard, &ConnectionGuard::connectionDropped)
    {
        http.route(u"/hello"_s, [] { return u"hello"_s; });
        // Qt 6.4 hands a WebSocket upgrade over only when a route takes the request and writes nothing.
        http.route(u"/ws"_s, [](QHttpServerResponder &&) {});
        QObject::connect(&http, &QAbstractHttpServer::newWebSocketConnection, &http, [this] {
            while (http.hasPendingWebSocketConnections()) {
                QWebSocket *webSocket = http.nextPendingWebSocketConnection().release();
                webSocket->setParent(&http);
                ++webSockets;
                QObject::connect(webSocket, &QWebSocket::textMessageReceived, webSocket,
                                 [webSocket](const QString &message) { webSocket->sendTextMessage(message); });
                QObject::connect(webSocket, &QWebSocket::disconnected, webSocket, [this, webSocket] {
                    --webSockets;
                    webSocket->deleteLater();
                });
            }
        });
        listening = guard->listen(QHostAddress::LocalHost, 0);
        http.bind(guard);
    }

    quint16 port() const { return guard->serverPort(); }
    /** Server-side sockets not deleted yet, wherever they went (the guard makes them, a QWebSocket may adopt them). */
    int socketsAlive() const { return int(http.findChildren<QTcpSocket *>().size()); }
    QString lastDropReason() const { return drops.isEmpty() ? QString() : drops.last().at(0).toString(); }

    QHttpServer http;
    ConnectionGuard *guard; // owned by http
    QSignalSpy countChanges;
    QSignalSpy drops;
    bool listening = false;
    int webSockets = 0;
};

ServerLimits relaxed()
{
    ServerLimits limits;
    limits.requestTimeout = 60s;
    limits.httpIdleTimeout = 60s;
    return limits;
}

} // namespace

class TestConnectionGuard : public QObject
{
    Q_OBJECT

private slots:
    void wellFormedRequestsAreAnswered();
    void countReturnsToZeroWhenClientsLeave();
    void aBurstOfConnectionsWaitsToBeAcceptedInsteadOfBeingDropped();
    void connectionsOverTheCapAreRefusedWith503();
    void refusedClientThatSentItsRequestStillReads503();
    void connectionsOverTheCapOfOneAddressAreRefusedWith503();
    void refusalsBeyondTheLingeringCapAreClosedAtOnce();
    void slowRequestIsClosed();
    void idleConnectionIsClosed();
    void unansweredBytesOverTheLimitCloseWith413();
    void markedUpgradedConnectionKeepsNoHttpLimits();
    void webSocketIsNotClosedAsIdleHttp();
};

void TestConnectionGuard::wellFormedRequestsAreAnswered()
{
    GuardedServer server(relaxed());
    QVERIFY(server.listening);

    RawClient client(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 1);
    client.send(kRequest);
    QTRY_COMPARE(client.answers("HTTP/1.1 200 OK"), 1);
    QVERIFY(client.received().endsWith("hello"));

    // The same connection, kept alive: a second request and a POST with a body under every limit.
    client.send(kRequest);
    QTRY_COMPARE(client.answers("HTTP/1.1 200 OK"), 2);
    const QByteArray body(500, 'x');
    client.send("POST /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\n" +
                body);
    QTRY_COMPARE(client.answers("HTTP/1.1 200 OK"), 3);
    QVERIFY(client.isConnected());
    QCOMPARE(server.guard->connectionCount(), 1);
    QCOMPARE(server.drops.count(), 0);
    QCOMPARE(server.guard->refusedCount(), 0);
}

void TestConnectionGuard::countReturnsToZeroWhenClientsLeave()
{
    GuardedServer server(relaxed());
    QVERIFY(server.listening);

    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 20; ++i)
        clients.push_back(std::make_unique<RawClient>(server.port()));
    QTRY_COMPARE(server.guard->connectionCount(), 20);
    QCOMPARE(server.countChanges.last().at(0).toInt(), 20);

    clients.at(0)->send(kRequest);
    QTRY_COMPARE(clients.at(0)->answers("HTTP/1.1 200 OK"), 1);

    for (const auto &client : clients)
        client->leave();
    QTRY_COMPARE(server.guard->connectionCount(), 0);
    QTRY_COMPARE(server.socketsAlive(), 0);
    QCOMPARE(server.countChanges.last().at(0).toInt(), 0);
    QCOMPARE(server.countChanges.count(), 40);
    QCOMPARE(server.drops.count(), 0);
}

void TestConnectionGuard::aBurstOfConnectionsWaitsToBeAcceptedInsteadOfBeingDropped()
{
    ServerLimits limits = relaxed();
    limits.maxConnectionsPerAddress = 400;
    GuardedServer server(limits);
    QVERIFY(server.listening);

    // A room joining at once: every handshake completes while the event loop is busy (here, before it runs at
    // all), so each waits in the kernel's queue of connections to accept. A queue shorter than the burst drops
    // the handshakes beyond it, and their phones try again only after a second.
    constexpr int burst = 300;
    // The kernel's own figure for the queue (min of the listen() backlog and net.core.somaxconn): checked on the
    // listening socket, not by timing the burst, which a slow machine would fail without any handshake dropped.
    tcp_info info{};
    socklen_t infoSize = sizeof info;
    QCOMPARE(::getsockopt(int(server.guard->socketDescriptor()), IPPROTO_TCP, TCP_INFO, &info, &infoSize), 0);
    QVERIFY2(info.tcpi_sacked >= unsigned(burst),
             qPrintable(u"the kernel holds %1 connections for accepting"_s.arg(info.tcpi_sacked)));
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < burst; ++i)
        clients.push_back(std::make_unique<RawClient>(server.port()));
    QTRY_COMPARE_WITH_TIMEOUT(server.guard->connectionCount(), burst, 10000);
    QCOMPARE(server.guard->refusedCount(), 0);
}

void TestConnectionGuard::connectionsOverTheCapAreRefusedWith503()
{
    ServerLimits limits = relaxed();
    limits.maxConnections = 2;
    GuardedServer server(limits);
    QVERIFY(server.listening);

    RawClient first(server.port());
    RawClient second(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 2);

    RawClient third(server.port());
    QTRY_VERIFY(third.received().startsWith("HTTP/1.1 503 Service Unavailable\r\n"));
    QTRY_VERIFY(third.isClosed());
    QCOMPARE(third.jsonBody().value(u"code"_s).toString(), u"server-busy"_s);
    QCOMPARE(third.jsonBody().value(u"error"_s).toString(), u"The server is full; try again in a minute."_s);
    QVERIFY(third.received().contains("Content-Type: application/json\r\n"));
    QCOMPARE(server.guard->refusedCount(), 1);
    QCOMPARE(server.drops.count(), 1);
    QCOMPARE(server.guard->connectionCount(), 2);

    // Those inside are still served.
    first.send(kRequest);
    QTRY_COMPARE(first.answers("HTTP/1.1 200 OK"), 1);

    // A place freed is a place taken.
    second.leave();
    QTRY_COMPARE(server.guard->connectionCount(), 1);
    RawClient fourth(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 2);
    fourth.send(kRequest);
    QTRY_COMPARE(fourth.answers("HTTP/1.1 200 OK"), 1);
    QCOMPARE(server.guard->refusedCount(), 1);
    QTRY_COMPARE(server.socketsAlive(), 2); // the refused one is gone too
}

void TestConnectionGuard::refusedClientThatSentItsRequestStillReads503()
{
    ServerLimits limits = relaxed();
    limits.maxConnections = 1;
    GuardedServer server(limits);
    QVERIFY(server.listening);

    RawClient inside(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 1);

    // Like a browser: the request goes out as soon as the connection is made.
    RawClient browser(server.port(), kRequest);
    QTRY_VERIFY(browser.isClosed());
    QVERIFY(browser.received().startsWith("HTTP/1.1 503 Service Unavailable\r\n"));
    QCOMPARE(browser.jsonBody().value(u"code"_s).toString(), u"server-busy"_s);
    QCOMPARE(server.guard->refusedCount(), 1);
}

void TestConnectionGuard::connectionsOverTheCapOfOneAddressAreRefusedWith503()
{
    ServerLimits limits = relaxed();
    limits.maxConnectionsPerAddress = 2;
    GuardedServer server(limits);
    QVERIFY(server.listening);
    const QHostAddress other(u"127.0.0.2"_s);

    RawClient first(server.port());
    RawClient second(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 2);
    QCOMPARE(server.guard->connectionCount(QHostAddress::LocalHost), 2);

    RawClient third(server.port());
    QTRY_VERIFY(third.received().startsWith("HTTP/1.1 503 Service Unavailable\r\n"));
    QCOMPARE(third.jsonBody().value(u"code"_s).toString(), u"server-busy"_s);
    QTRY_VERIFY(third.isClosed());
    QCOMPARE(server.guard->refusedCount(), 1);
    QVERIFY2(server.lastDropReason().contains(u"one address"_s), qPrintable(server.lastDropReason()));

    // Another machine still gets in, and is served.
    RawClient elsewhere(server.port(), kRequest, other);
    QTRY_COMPARE(elsewhere.answers("HTTP/1.1 200 OK"), 1);
    QCOMPARE(server.guard->connectionCount(), 3);
    QCOMPARE(server.guard->connectionCount(other), 1);

    // A place freed at the address is a place taken.
    second.leave();
    QTRY_COMPARE(server.guard->connectionCount(QHostAddress::LocalHost), 1);
    RawClient fourth(server.port(), kRequest);
    QTRY_COMPARE(fourth.answers("HTTP/1.1 200 OK"), 1);
    QCOMPARE(server.guard->refusedCount(), 1);
}

void TestConnectionGuard::refusalsBeyondTheLingeringCapAreClosedAtOnce()
{
    ServerLimits limits = relaxed();
    limits.maxConnections = 1;
    limits.maxLingeringRefusals = 2;
    GuardedServer server(limits);
    QVERIFY(server.listening);
    RawClient inside(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 1);

    // Refused clients that send nothing: the first two are kept a while to read their 503.
    std::vector<std::unique_ptr<RawClient>> lingering;
    for (int i = 0; i < 2; ++i) {
        lingering.push_back(std::make_unique<RawClient>(server.port()));
        QTRY_COMPARE(server.guard->refusedCount(), i + 1);
    }
    RawClient flood(server.port());
    QTRY_COMPARE(server.guard->refusedCount(), 3);
    QTRY_VERIFY(flood.isClosed());
    QVERIFY(flood.received().isEmpty());
    for (const auto &client : lingering) {
        QTRY_VERIFY(client->received().startsWith("HTTP/1.1 503 Service Unavailable\r\n"));
        QTRY_VERIFY(client->isClosed());
    }

    // Once they are gone, a refused client reads its 503 again.
    QTRY_COMPARE(server.socketsAlive(), 1);
    RawClient later(server.port());
    QTRY_VERIFY(later.received().startsWith("HTTP/1.1 503 Service Unavailable\r\n"));
    QCOMPARE(server.guard->refusedCount(), 4);
}

void TestConnectionGuard::slowRequestIsClosed()
{
    ServerLimits limits = relaxed();
    limits.requestTimeout = 200ms;
    GuardedServer server(limits);
    QVERIFY(server.listening);

    RawClient slow(server.port());
    RawClient answered(server.port());
    RawClient quiet(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 3);
    answered.send(kRequest);
    QTRY_COMPARE(answered.answers("HTTP/1.1 200 OK"), 1);

    QElapsedTimer elapsed;
    elapsed.start();
    slow.send("GET /hel");
    QTRY_VERIFY(slow.isClosed());
    QVERIFY2(elapsed.elapsed() >= 200, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(slow.received().isEmpty());
    QVERIFY2(server.lastDropReason().contains(u"request not complete"_s), qPrintable(server.lastDropReason()));

    // The request timeout is about requests under way, not connections that are answered or have sent nothing.
    QVERIFY(answered.isConnected());
    QVERIFY(quiet.isConnected());
    QTRY_COMPARE(server.guard->connectionCount(), 2);
    QCOMPARE(server.drops.count(), 1);
}

void TestConnectionGuard::idleConnectionIsClosed()
{
    ServerLimits limits = relaxed();
    limits.httpIdleTimeout = 200ms;
    GuardedServer server(limits);
    QVERIFY(server.listening);

    QElapsedTimer elapsed;
    elapsed.start();
    RawClient quiet(server.port());
    RawClient answered(server.port(), kRequest);
    QTRY_VERIFY(quiet.isClosed());
    QTRY_VERIFY(answered.isClosed());
    QVERIFY2(elapsed.elapsed() >= 200, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(answered.answers("HTTP/1.1 200 OK"), 1);
    QCOMPARE(server.drops.count(), 2);
    QVERIFY2(server.lastDropReason().contains(u"idle"_s), qPrintable(server.lastDropReason()));
    QTRY_COMPARE(server.guard->connectionCount(), 0);
    QTRY_COMPARE(server.socketsAlive(), 0);
}

void TestConnectionGuard::unansweredBytesOverTheLimitCloseWith413()
{
    ServerLimits limits = relaxed();
    limits.maxUnansweredBytes = 1024;
    GuardedServer server(limits);
    QVERIFY(server.listening);

    RawClient modest(server.port());
    RawClient greedy(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 2);

    // Under the limit: answered, and the count starts again after each answer.
    const QByteArray smallPost =
        "POST /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 600\r\n\r\n" + QByteArray(600, 'x');
    modest.send(smallPost);
    QTRY_COMPARE(modest.answers("HTTP/1.1 200 OK"), 1);
    modest.send(smallPost);
    QTRY_COMPARE(modest.answers("HTTP/1.1 200 OK"), 2);

    // Over it: a body that would never end.
    greedy.send("POST /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n" + QByteArray(4096, 'x'));
    QTRY_VERIFY(greedy.isClosed());
    QVERIFY2(greedy.received().startsWith("HTTP/1.1 413 "), greedy.received().constData());
    QCOMPARE(greedy.jsonBody().value(u"code"_s).toString(), u"too-large"_s);
    QCOMPARE(greedy.answers("HTTP/1.1 200 OK"), 0);
    QVERIFY2(server.lastDropReason().contains(u"without an answer"_s), qPrintable(server.lastDropReason()));

    QVERIFY(modest.isConnected());
    QTRY_COMPARE(server.guard->connectionCount(), 1);
    QTRY_COMPARE(server.socketsAlive(), 1);
}

void TestConnectionGuard::markedUpgradedConnectionKeepsNoHttpLimits()
{
    ServerLimits limits = relaxed();
    // Long enough that `marked` is marked before its idle time can run out, even on a loaded machine.
    limits.requestTimeout = 500ms;
    limits.httpIdleTimeout = 500ms;
    GuardedServer server(limits);
    QVERIFY(server.listening);

    RawClient marked(server.port());
    RawClient control(server.port());
    QTRY_COMPARE(server.guard->connectionCount(), 2);
    // The peer address as a dual-stack socket would report it.
    server.guard->markUpgraded(QHostAddress(u"::ffff:127.0.0.1"_s), marked.localPort());

    marked.send("GET /hel");
    control.send("GET /hel");
    QTRY_VERIFY(control.isClosed());
    QVERIFY(marked.isConnected());
    QTRY_COMPARE(server.guard->connectionCount(), 1);

    // Marking a peer that is not connected changes nothing.
    server.guard->markUpgraded(QHostAddress::LocalHost, 1);
    marked.leave();
    QTRY_COMPARE(server.guard->connectionCount(), 0);
}

void TestConnectionGuard::webSocketIsNotClosedAsIdleHttp()
{
    ServerLimits limits = relaxed();
    limits.requestTimeout = 200ms;
    limits.httpIdleTimeout = 200ms;
    GuardedServer server(limits);
    QVERIFY(server.listening);

    // Not marked with markUpgraded(): the guard must notice the hand-over to the WebSocket server itself.
    QWebSocket webSocket;
    QStringList echoes;
    connect(&webSocket, &QWebSocket::textMessageReceived, this,
            [&](const QString &message) { echoes.append(message); });
    webSocket.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(server.port())));
    QTRY_COMPARE(webSocket.state(), QAbstractSocket::ConnectedState);
    QTRY_COMPARE(server.webSockets, 1);

    RawClient idle(server.port());
    QTRY_VERIFY(idle.isClosed());
    QTRY_COMPARE(server.guard->connectionCount(), 1);
    QCOMPARE(webSocket.state(), QAbstractSocket::ConnectedState);

    webSocket.sendTextMessage(u"still here"_s);
    QTRY_COMPARE(echoes, QStringList{u"still here"_s});

    webSocket.close();
    QTRY_COMPARE(server.webSockets, 0);
    QTRY_COMPARE(server.guard->connectionCount(), 0);
    QTRY_COMPARE(server.socketsAlive(), 0);
}

QTEST_GUILESS_MAIN(TestConnectionGuard)
#include "tst_connectionguard.moc"
