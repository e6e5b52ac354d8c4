// Hostile requests against the audience server in a process of its own (lectern-benchserver), so that the memory
// measured is the server's alone: path traversal, oversized and malformed requests, slowloris, WebSockets that never
// read, broken frames, and storms of connections. After each, well-formed phones are still served in time and, for
// the storms, the server's RSS comes back to where it was after an identical warm-up storm.
//
// Every client speaks by hand over a plain socket, from its own loopback address (127.0.0.x) so that the rate
// limits per address of one attack do not refuse the next one or the well-formed phones. One case runs a server in
// this process instead, with a limit small enough to reach at once (webSocketThatAsksWithoutReading...).
#include "event/audienceroom.h"
#include "event/livepolls.h"
#include "model/event.h"
#include "server/audienceserver.h"
#include "storage/database.h"
#include "timer/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

/** How long a server has to answer a request, or to close a connection it refuses. */
constexpr milliseconds kAnswerTimeout{5000};
/**
 * The latency bound for a well-formed phone's vote acknowledgement (and join). README's target on loopback is a
 * p99 under about 200 ms; this test runs next to other tests on a loaded 2-core CI machine, in a debug build, so
 * it allows five times that for the slowest of a probe's votes.
 */
constexpr double kVoteAckBoundMs = 1000;
/** The server's RSS after a storm may exceed its RSS after an identical warm-up storm by this fraction at most. */
constexpr double kRssTolerance = 0.10;
/** ServerLimits' defaults, which lectern-benchserver keeps: an HTTP request must arrive within this. */
constexpr milliseconds kRequestTimeout{10'000};
constexpr qint64 kMaxWebSocketMessageBytes = 4 * 1024;
const QString kPollId = u"bench"_s;

QHostAddress loopback(int third, int fourth)
{
    return QHostAddress(u"127.0.%1.%2"_s.arg(third).arg(fourth));
}

QJsonObject jsonObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/** depth objects, each the value of the one before, never closed. */
QByteArray nestedObjects(int depth)
{
    QByteArray nested;
    for (int i = 0; i < depth; ++i)
        nested += R"({"a":)";
    return nested;
}

/** A process's resident memory from /proc/PID/status, in KiB; -1 when it cannot be read. */
qint64 residentKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

double millisecondsSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

/** An answer over HTTP. */
struct HttpAnswer
{
    int status = 0; ///< 0: the connection closed (or timed out) without an answer
    QByteArray head;
    QByteArray body;

    QString code() const { return jsonObject(body).value("code"_L1).toString(); }
};

/** Where a client's frame departs from a well-formed one. */
struct FrameShape
{
    bool fin = true;
    bool masked = true;
    quint8 rsv = 0;                        ///< the three RSV bits, already shifted (0x40, 0x20, 0x10)
    std::optional<quint64> declaredLength; ///< a length other than the payload's
};

/** A WebSocket frame as a client sends it (RFC 6455 section 5.2), shaped as asked. */
QByteArray frame(quint8 opcode, const QByteArray &payload, const FrameShape &shape = {})
{
    QByteArray bytes;
    bytes.append(char((shape.fin ? 0x80 : 0) | shape.rsv | (opcode & 0x0f)));
    const quint64 length = shape.declaredLength.value_or(quint64(payload.size()));
    const char maskBit = shape.masked ? char(0x80) : char(0);
    if (length < 126) {
        bytes.append(char(maskBit | char(length)));
    } else if (length <= 0xffff) {
        bytes.append(char(maskBit | 126));
        bytes.append(char(length >> 8));
        bytes.append(char(length & 0xff));
    } else {
        bytes.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            bytes.append(char((length >> shift) & 0xff));
    }
    if (!shape.masked)
        return bytes + payload;
    const char mask[4] = {0x37, 0x5a, 0x11, 0x6c};
    bytes.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        bytes.append(char(payload.at(i) ^ mask[i % 4]));
    return bytes;
}

constexpr quint8 kText = 0x1;
constexpr quint8 kContinuation = 0x0;
constexpr quint8 kClose = 0x8;
constexpr quint8 kPing = 0x9;

/**
 * A client speaking HTTP and WebSocket by hand over a non-blocking socket from a loopback address of its own. It
 * reads only when told to (pump(), and the waits), so it can stop reading like a phone whose page froze.
 */
class WireClient
{
public:
    /** receiveBuffer > 0: the kernel's receive buffer for this socket, so that little is taken off the server. */
    explicit WireClient(QHostAddress from, int receiveBuffer = 0)
        : m_from(std::move(from))
        , m_receiveBuffer(receiveBuffer)
    {}
    WireClient(const WireClient &) = delete;
    WireClient &operator=(const WireClient &) = delete;
    ~WireClient() { close(); }

    /** Connects to 127.0.0.1:port. The kernel completes a loopback connection at once: no event loop is needed. */
    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return false;
        if (m_receiveBuffer > 0)
            ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &m_receiveBuffer, sizeof m_receiveBuffer);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl(m_from.toIPv4Address());
        if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0)
            return false;
        sockaddr_in remote{};
        remote.sin_family = AF_INET;
        remote.sin_port = htons(port);
        remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&remote), sizeof remote) != 0)
            return false;
        return ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK) == 0;
    }

    /** Closes; with reset, at once with a TCP reset instead of a goodbye. */
    void close(bool reset = false)
    {
        if (m_fd < 0)
            return;
        if (reset) {
            const linger abortive{1, 0};
            ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
        }
        ::close(m_fd);
        m_fd = -1;
    }

    /** The server runs in this process: waiting runs its event loop. */
    void setServedInThisProcess(bool served) { m_servedHere = served; }
    int descriptor() const { return m_fd; }
    bool isClosedByServer() const { return m_closedByServer; }
    const QByteArray &received() const { return m_received; }

    /** Sends all of bytes, reading meanwhile; false when the server closed the connection first. */
    bool send(const QByteArray &bytes, milliseconds timeout = kAnswerTimeout)
    {
        QElapsedTimer timer;
        timer.start();
        qsizetype written = 0;
        while (written < bytes.size()) {
            const qsizetype sent = sendSome(bytes.mid(written));
            if (sent < 0)
                return false;
            written += sent;
            if (written == bytes.size())
                break;
            const qint64 left = timeout.count() - timer.elapsed();
            if (left <= 0)
                return false;
            pollFor(POLLOUT | POLLIN, int(std::min<qint64>(left, 100)));
            pump();
        }
        return true;
    }

    /** Writes what the network takes now; -1 when the connection is gone. */
    qsizetype sendSome(const QByteArray &bytes)
    {
        if (m_fd < 0 || bytes.isEmpty())
            return m_fd < 0 ? -1 : 0;
        const ssize_t sent = ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent >= 0)
            return sent;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        m_closedByServer = true;
        return -1;
    }

    /** Takes what the network holds for this client now. */
    void pump()
    {
        if (m_fd < 0)
            return;
        char buffer[64 * 1024];
        for (;;) {
            const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (got > 0) {
                m_received.append(buffer, got);
                continue;
            }
            if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
                m_closedByServer = true;
            break;
        }
        if (m_upgraded)
            parseFrames();
    }

    /** Reads until done() holds, the server closes the connection, or timeout; returns done(). */
    bool waitFor(const std::function<bool()> &done, milliseconds timeout = kAnswerTimeout)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            pump();
            if (done())
                return true;
            const qint64 left = timeout.count() - timer.elapsed();
            if (m_closedByServer || m_fd < 0 || left <= 0)
                return done();
            pollFor(POLLIN, int(left));
        }
    }

    bool waitClosed(milliseconds timeout = kAnswerTimeout)
    {
        return waitFor([this] { return m_closedByServer; }, timeout);
    }

    // ---- HTTP ----

    /** The answer received so far when it is whole. */
    std::optional<HttpAnswer> answer() const
    {
        const qsizetype headEnd = m_received.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return std::nullopt;
        HttpAnswer answer;
        answer.head = m_received.left(headEnd);
        const QList<QByteArray> statusLine = answer.head.left(answer.head.indexOf('\r')).split(' ');
        answer.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
        const QByteArray lowerHead = answer.head.toLower();
        const qsizetype lengthAt = lowerHead.indexOf("\r\ncontent-length:");
        if (lengthAt < 0) {
            if (!m_closedByServer)
                return std::nullopt;
            answer.body = m_received.mid(headEnd + 4);
            return answer;
        }
        const qsizetype lineEnd = lowerHead.indexOf("\r\n", lengthAt + 2);
        const qsizetype length =
            lowerHead.mid(lengthAt + 17, lineEnd < 0 ? -1 : lineEnd - lengthAt - 17).trimmed().toLongLong();
        if (m_received.size() < headEnd + 4 + length)
            return std::nullopt;
        answer.body = m_received.mid(headEnd + 4, length);
        return answer;
    }

    /** Sends a request and waits for its answer; status 0 when the server closed without one. */
    HttpAnswer request(const QByteArray &bytes, milliseconds timeout = kAnswerTimeout)
    {
        send(bytes, timeout);
        waitFor([this] { return answer().has_value(); }, timeout);
        return answer().value_or(HttpAnswer{});
    }

    // ---- WebSocket ----

    /** Asks to upgrade at /ws and waits for the 101; the frames that follow are parsed from then on. */
    bool upgrade()
    {
        const QByteArray request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                   "Sec-WebSocket-Version: 13\r\n\r\n";
        if (!send(request) || !waitFor([this] { return m_received.contains("\r\n\r\n"); }))
            return false;
        const qsizetype headEnd = m_received.indexOf("\r\n\r\n");
        if (!m_received.startsWith("HTTP/1.1 101")) {
            qWarning() << "the server did not upgrade:" << m_received.left(headEnd);
            return false;
        }
        m_received.remove(0, headEnd + 4);
        m_upgraded = true;
        parseFrames();
        return true;
    }

    bool sendMessage(const QJsonObject &message) { return send(frame(kText, compact(message))); }
    bool hello(const QString &room, const QString &device)
    {
        return sendMessage({{"type"_L1, u"hello"_s}, {"protocol"_L1, 1}, {"room"_L1, room}, {"device"_L1, device}});
    }

    /** Waits for a message of this type (and, when given, this id) and removes it; empty when none came. */
    QJsonObject take(const QString &type, std::optional<qint64> id = {}, milliseconds timeout = kAnswerTimeout)
    {
        QJsonObject found;
        const auto arrived = [&] {
            for (qsizetype i = 0; i < m_messages.size(); ++i) {
                const QJsonObject &message = m_messages.at(i);
                if (message.value("type"_L1).toString() == type && (!id || message.value("id"_L1).toInteger() == *id)) {
                    found = m_messages.takeAt(i);
                    return true;
                }
            }
            return false;
        };
        waitFor(arrived, timeout);
        return found;
    }
    int count(const QString &type) const
    {
        return int(std::count_if(m_messages.cbegin(), m_messages.cend(), [&](const QJsonObject &message) {
            return message.value("type"_L1).toString() == type;
        }));
    }
    /** Forgets the messages kept so far (a long-lived client would otherwise keep every broadcast). */
    void clearMessages() { m_messages.clear(); }
    /** The code of the server's close frame; nullopt when none came (yet). */
    std::optional<int> closeCode() const { return m_closeCode; }
    /** The server closed the WebSocket: a close frame, or the connection ended. */
    bool waitWebSocketClosed(milliseconds timeout = kAnswerTimeout)
    {
        return waitFor([this] { return m_closeCode.has_value() || m_closedByServer; }, timeout);
    }

private:
    void pollFor(short events, int timeoutMs)
    {
        if (m_servedHere) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            timeoutMs = std::min(timeoutMs, 5);
        }
        pollfd entry{m_fd, events, 0};
        ::poll(&entry, 1, timeoutMs);
    }

    /** The server's frames are not masked; a message may span frames. */
    void parseFrames()
    {
        for (;;) {
            if (m_received.size() < 2)
                return;
            const auto byte = [this](qsizetype i) { return quint8(m_received.at(i)); };
            const bool last = byte(0) & 0x80;
            const int opcode = byte(0) & 0x0f;
            quint64 length = byte(1) & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (m_received.size() < 4)
                    return;
                length = (quint64(byte(2)) << 8) | byte(3);
                header = 4;
            } else if (length == 127) {
                if (m_received.size() < 10)
                    return;
                length = 0;
                for (int i = 2; i < 10; ++i)
                    length = (length << 8) | byte(i);
                header = 10;
            }
            if (quint64(m_received.size() - header) < length)
                return;
            const QByteArray payload = m_received.mid(header, qsizetype(length));
            m_received.remove(0, header + qsizetype(length));
            if (opcode == kText || opcode == kContinuation) {
                m_partial += payload;
                if (last)
                    m_messages.append(jsonObject(std::exchange(m_partial, QByteArray())));
            } else if (opcode == kClose) {
                m_closeCode = payload.size() >= 2 ? (quint8(payload.at(0)) << 8) | quint8(payload.at(1)) : 1005;
            }
        }
    }

    QHostAddress m_from;
    int m_receiveBuffer = 0;
    bool m_servedHere = false;
    int m_fd = -1;
    bool m_closedByServer = false;
    bool m_upgraded = false;
    QByteArray m_received;
    QByteArray m_partial;
    QList<QJsonObject> m_messages;
    std::optional<int> m_closeCode;
};

/** What a well-formed phone saw: how long its join and each of its votes' acknowledgements took. */
struct ProbeResult
{
    QString failure; ///< empty when every step was answered as it should be
    double joinMs = 0;
    std::vector<double> voteAckMs;

    double slowestMs() const
    {
        return std::max(joinMs, voteAckMs.empty() ? 0.0 : *std::max_element(voteAckMs.cbegin(), voteAckMs.cend()));
    }
};

} // namespace

class TestRequestAttacks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;
    qint64 m_pid = 0;
    QString m_room;
    int m_probes = 0;
    int m_voteIds = 0;

    QString databasePath() const { return m_dir.filePath(u"event.sqlite"_s); }
    QString serverLogPath() const { return m_dir.filePath(u"benchserver.log"_s); }

    /** The server's last lines of output, for a failure's message. */
    QByteArray serverLog() const
    {
        QFile log(serverLogPath());
        if (!log.open(QIODevice::ReadOnly))
            return {};
        return log.readAll().right(2000);
    }

    bool serverIsRunning() const { return m_server.state() == QProcess::Running; }

    /** One line of figures from the server (`stats`); empty when it does not answer. */
    QJsonObject stats()
    {
        m_server.write("stats\n");
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < kAnswerTimeout.count()) {
            if (!m_server.canReadLine() && !m_server.waitForReadyRead(int(kAnswerTimeout.count() - timer.elapsed())))
                break;
            while (m_server.canReadLine()) {
                const QJsonObject line = jsonObject(m_server.readLine());
                if (line.value("type"_L1).toString() == "stats"_L1)
                    return line;
            }
        }
        return {};
    }
    int serverConnections() { return stats().value("connections"_L1).toInt(-1); }
    qint64 serverRssKiB() const { return residentKiB(m_pid); }

    /**
     * A well-formed phone from an address of its own: joins, opens its WebSocket, says hello and votes several times,
     * each vote waiting for its acknowledgement.
     */
    ProbeResult probe(int votes = 8)
    {
        ProbeResult result;
        const QHostAddress from = loopback(0, 200 + (m_probes++ % 40));
        WireClient http(from);
        if (!http.connectTo(m_port)) {
            result.failure = u"cannot connect"_s;
            return result;
        }
        const QByteArray body = compact({{"room"_L1, m_room}});
        QElapsedTimer timer;
        timer.start();
        const HttpAnswer joined = http.request("POST /api/v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                               "Content-Type: application/json\r\nContent-Length: " +
                                               QByteArray::number(body.size()) + "\r\n\r\n" + body);
        result.joinMs = millisecondsSince(timer);
        const QString device = jsonObject(joined.body).value("device"_L1).toString();
        if (joined.status != 200 || device.isEmpty()) {
            result.failure = u"join answered %1: %2"_s.arg(joined.status).arg(QString::fromUtf8(joined.body));
            return result;
        }
        WireClient phone(from);
        if (!phone.connectTo(m_port) || !phone.upgrade()) {
            result.failure = u"no WebSocket"_s;
            return result;
        }
        phone.hello(m_room, device);
        if (phone.take(u"welcome"_s).isEmpty()) {
            result.failure = u"no welcome"_s;
            return result;
        }
        for (int i = 0; i < votes; ++i) {
            const int id = ++m_voteIds;
            const QString option = u"option-%1"_s.arg(1 + i % 4);
            timer.restart();
            phone.sendMessage(
                {{"type"_L1, u"vote"_s}, {"id"_L1, id}, {"poll"_L1, kPollId}, {"answer"_L1, QJsonArray{option}}});
            const QJsonObject ack = phone.take(u"ack"_s, id);
            result.voteAckMs.push_back(millisecondsSince(timer));
            if (ack.value("answer"_L1).toArray() != QJsonArray{option}) {
                const QJsonObject error = phone.take(u"error"_s, id, 0ms);
                result.failure = u"vote %1 not acknowledged: %2"_s.arg(id).arg(QString::fromUtf8(compact(error)));
                return result;
            }
        }
        return result;
    }

    /** The server is alive and a well-formed phone is served within the latency bound. */
    void verifyServed(const char *after)
    {
        QVERIFY2(serverIsRunning(), serverLog().constData());
        const ProbeResult result = probe();
        QVERIFY2(result.failure.isEmpty(),
                 qPrintable(u"after %1: %2"_s.arg(QString::fromLatin1(after), result.failure)));
        qInfo("after %s: join %.1f ms, slowest vote ack %.1f ms", after, result.joinMs, result.slowestMs());
        QVERIFY2(
            result.slowestMs() < kVoteAckBoundMs,
            qPrintable(u"after %1 a phone waited %2 ms"_s.arg(QString::fromLatin1(after)).arg(result.slowestMs())));
    }

    /**
     * Runs storm twice (a warm-up, then the one measured): the server's RSS once the second one is over and its
     * connections are closed is within kRssTolerance of its RSS after the first; then a phone is still served.
     */
    void verifyStormLeavesNoTrace(const char *name, const std::function<void()> &storm)
    {
        storm();
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(serverConnections(), 0, 20'000);
        const qint64 baseline = serverRssKiB();
        storm();
        if (QTest::currentTestFailed())
            return;
        QTRY_COMPARE_WITH_TIMEOUT(serverConnections(), 0, 20'000);
        const qint64 after = serverRssKiB();
        qInfo("%s: server RSS %lld KiB after the warm-up storm, %lld KiB after the measured one (%+.1f %%)", name,
              baseline, after, 100.0 * double(after - baseline) / double(baseline));
        QVERIFY2(double(after) <= double(baseline) * (1 + kRssTolerance),
                 qPrintable(
                     u"%1: RSS %2 KiB after, %3 KiB before"_s.arg(QString::fromLatin1(name)).arg(after).arg(baseline)));
        verifyServed(name);
    }

    /** Sends request from from and gives the answer (status 0: closed without one). */
    HttpAnswer rawRequest(const QHostAddress &from, const QByteArray &request)
    {
        WireClient client(from);
        if (!client.connectTo(m_port))
            return {};
        return client.request(request);
    }

    /** A phone's WebSocket from from, joined and greeted; null when any step failed. */
    std::unique_ptr<WireClient> greetedPhone(const QHostAddress &from, int receiveBuffer = 0,
                                             QString *deviceOut = nullptr)
    {
        const QByteArray body = compact({{"room"_L1, m_room}});
        const HttpAnswer joined =
            rawRequest(from, "POST /api/v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Content-Length: " +
                                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const QString device = jsonObject(joined.body).value("device"_L1).toString();
        if (device.isEmpty())
            return nullptr;
        auto phone = std::make_unique<WireClient>(from, receiveBuffer);
        if (!phone->connectTo(m_port) || !phone->upgrade() || !phone->hello(m_room, device))
            return nullptr;
        if (deviceOut)
            *deviceOut = device;
        return phone;
    }

    /** The moderator token, read from the event database as the console would show it. */
    QString moderatorToken()
    {
        Database database;
        if (!database.open(databasePath()))
            return {};
        SystemClock clock;
        AudienceRoom room(database, clock);
        return room.load() ? room.moderatorToken() : QString();
    }

    /**
     * A client that never reads (a phone, or a plain HTTP connection) floods the server for a few seconds with unit
     * over and over, while well-formed phones are served; the server's RSS grows by a bounded amount.
     */
    void verifyFloodIsContained(const char *name, std::unique_ptr<WireClient> phone, const QByteArray &unit)
    {
        QVERIFY(phone);
        const qint64 before = serverRssKiB();
        const double cpuBefore = stats().value("cpuSeconds"_L1).toDouble();
        QByteArray batch;
        while (batch.size() < 64 * 1024)
            batch += unit;
        qint64 sent = 0;
        qint64 peak = before;
        std::vector<ProbeResult> probes;
        QElapsedTimer timer;
        timer.start();
        qint64 nextProbeAt = 200;
        while (timer.elapsed() < 6000) {
            const qsizetype written = phone->sendSome(batch);
            if (written < 0)
                break;
            sent += written;
            peak = std::max(peak, serverRssKiB());
            // Meanwhile the server works through what the kernel holds of the flood.
            if (timer.elapsed() >= nextProbeAt) {
                probes.push_back(probe(3));
                nextProbeAt = timer.elapsed() + 2000;
            }
            // Until the server takes more (this never reads its answers).
            pollfd entry{phone->descriptor(), POLLOUT, 0};
            ::poll(&entry, 1, int(std::max<qint64>(1, std::min<qint64>(100, nextProbeAt - timer.elapsed()))));
        }
        peak = std::max(peak, serverRssKiB());
        const bool closed = phone->sendSome(batch) < 0 || phone->isClosedByServer();
        const double cpu = stats().value("cpuSeconds"_L1).toDouble() - cpuBefore;
        qInfo("%s: %lld bytes in %lld ms from a client that never reads; server RSS %lld KiB before, peak %lld KiB, "
              "%.1f s of CPU; closed by the server: %s",
              name, sent, timer.elapsed(), before, peak, cpu, closed ? "yes" : "no");
        for (const ProbeResult &result : probes) {
            QVERIFY2(result.failure.isEmpty(), qPrintable(result.failure));
            QVERIFY2(result.slowestMs() < kVoteAckBoundMs, qPrintable(QString::number(result.slowestMs())));
        }
        QVERIFY2(peak - before < 16 * 1024, qPrintable(u"RSS grew by %1 KiB"_s.arg(peak - before)));
        phone.reset();
        verifyServed(name);
    }

private slots:
    void initTestCase();
    void cleanupTestCase();

    void pathTraversalNeverLeavesTheServedFiles_data();
    void pathTraversalNeverLeavesTheServedFiles();
    void oversizedRequestLinesAndHeadersAreRefused();
    void oversizedAndMalformedBodiesAreRefused_data();
    void oversizedAndMalformedBodiesAreRefused();
    void malformedJsonAndContentTypesAreRefused_data();
    void malformedJsonAndContentTypesAreRefused();
    void malformedWebSocketJsonIsRefusedAndTheConnectionKept();
    void slowlorisConnectionsAreCutWhileOthersAreServed();
    void brokenWebSocketFramesCloseTheConnection_data();
    void brokenWebSocketFramesCloseTheConnection();
    void fragmentedMessageWithinTheLimitIsTaken();
    void trickledWebSocketFrameBlocksNoOne();
    void webSocketsThatNeverReadAreSkippedAndMemoryStaysBounded();
    void pingFloodFromAPhoneThatNeverReadsIsContained();
    void messageFloodFromAPhoneThatNeverReadsIsContained();
    void pipelinedRequestsFromAClientThatNeverReadsAreContained();
    void webSocketThatAsksWithoutReadingIsClosedAtItsBacklogLimit_data();
    void webSocketThatAsksWithoutReadingIsClosedAtItsBacklogLimit();
    void thousandsOfConnectsAndDisconnectsLeaveNoTrace();
};

void TestRequestAttacks::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server.setProgram(QStringLiteral(LECTERN_BENCHSERVER));
    m_server.setArguments(
        {u"--db"_s, databasePath(), u"--port"_s, u"0"_s, u"--questions"_s, u"--max-seconds"_s, u"600"_s});
    // The server's log goes to a file: a pipe nobody reads would fill and stop it.
    m_server.setStandardErrorFile(serverLogPath());
    m_server.start();
    QVERIFY2(m_server.waitForStarted(), qPrintable(m_server.errorString()));
    QElapsedTimer timer;
    timer.start();
    while (!m_server.canReadLine() && timer.elapsed() < 30'000)
        m_server.waitForReadyRead(1000);
    const QJsonObject ready = jsonObject(m_server.readLine());
    QVERIFY2(ready.value("type"_L1).toString() == "ready"_L1, serverLog().constData());
    m_port = quint16(ready.value("port"_L1).toInt());
    m_pid = ready.value("pid"_L1).toInteger();
    m_room = ready.value("room"_L1).toString();
    QVERIFY(m_port > 0);
    QVERIFY(!m_room.isEmpty());
    // Warm-up: the first phones load what every later one uses.
    verifyServed("start");
    qInfo("server RSS at start: %lld KiB", serverRssKiB());
}

void TestRequestAttacks::cleanupTestCase()
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    m_server.write("quit\n");
    if (!m_server.waitForFinished(10'000)) {
        m_server.kill();
        m_server.waitForFinished();
    }
}

void TestRequestAttacks::pathTraversalNeverLeavesTheServedFiles_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("dot dot") << "/static/../../../../etc/passwd"_ba;
    QTest::newRow("dot dot from the root") << "/../../../../etc/passwd"_ba;
    QTest::newRow("encoded dots") << "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd"_ba;
    QTest::newRow("encoded upper-case dots") << "/static/%2E%2E/%2E%2E/etc/passwd"_ba;
    QTest::newRow("encoded slashes") << "/static/..%2f..%2f..%2f..%2fetc%2fpasswd"_ba;
    QTest::newRow("all encoded") << "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd"_ba;
    QTest::newRow("double encoded") << "/static/%252e%252e%252f%252e%252e%252fetc%252fpasswd"_ba;
    QTest::newRow("backslashes") << "/static/..\\..\\..\\etc\\passwd"_ba;
    QTest::newRow("encoded backslashes") << "/static/..%5c..%5c..%5cetc%5cpasswd"_ba;
    QTest::newRow("absolute path") << "/etc/passwd"_ba;
    QTest::newRow("double slash absolute") << "//etc/passwd"_ba;
    QTest::newRow("absolute under static") << "/static//etc/passwd"_ba;
    QTest::newRow("absolute form") << "http://127.0.0.1/../../etc/passwd"_ba;
    QTest::newRow("file scheme") << "file:///etc/passwd"_ba;
    QTest::newRow("overlong UTF-8 dots") << "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd"_ba;
    QTest::newRow("overlong UTF-8 slash") << "/static/..%c0%af..%c0%afetc%c0%afpasswd"_ba;
    QTest::newRow("raw overlong UTF-8") << "/static/\xc0\xae\xc0\xae/\xc0\xae\xc0\xae/etc/passwd"_ba;
    QTest::newRow("encoded NUL") << "/static/app.js%00/../../../etc/passwd"_ba;
    QTest::newRow("raw NUL") << QByteArray("/static/app.js\0/../../etc/passwd", 32);
    QTest::newRow("dots and slashes doubled") << "/static/....//....//....//etc/passwd"_ba;
    QTest::newRow("semicolon") << "/static/..;/..;/etc/passwd"_ba;
    QTest::newRow("resource path") << "/static/:/web/../../etc/passwd"_ba;
    QTest::newRow("qrc scheme") << "/static/qrc:/web/moderator.html"_ba;
    QTest::newRow("moderator page by resource name") << "/static/../moderator.html"_ba;
    QTest::newRow("deck with dots") << "/deck/../../../etc/passwd"_ba;
    QTest::newRow("deck with an encoded path") << "/deck/%2e%2e%2f%2e%2e%2fetc%2fpasswd"_ba;
    QTest::newRow("export with dots") << "/m/x/export/../../../../etc/passwd"_ba;
    QTest::newRow("proc") << "/static/../../../../proc/self/environ"_ba;
}

void TestRequestAttacks::pathTraversalNeverLeavesTheServedFiles()
{
    QFETCH(QByteArray, target);
    QFile passwd(u"/etc/passwd"_s);
    QVERIFY(passwd.open(QIODevice::ReadOnly));
    const QByteArray firstLine = passwd.readLine().trimmed();
    QVERIFY(!firstLine.isEmpty());

    const HttpAnswer answer = rawRequest(loopback(0, 10), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    // A refusal in words, or a connection closed on a request that is not HTTP; never a file.
    QVERIFY2(answer.status == 0 || answer.status == 400 || answer.status == 403 || answer.status == 404,
             answer.head.constData());
    QVERIFY(!answer.body.contains(firstLine));
    QVERIFY(!answer.body.contains("root:"));
    QVERIFY(!answer.body.contains("PATH="));
    QVERIFY(!answer.body.contains("<html"));
    if (answer.status == 403 || answer.status == 404)
        QVERIFY2(!jsonObject(answer.body).value("error"_L1).toString().isEmpty(), answer.body.constData());
    QVERIFY(serverIsRunning());
}

void TestRequestAttacks::oversizedRequestLinesAndHeadersAreRefused()
{
    // Each over the 64 KiB a request may take before it is answered: refused (413) or cut, never read whole.
    struct Case
    {
        const char *name;
        QByteArray request;
    };
    const QByteArray longTarget(1024 * 1024, 'a');
    QByteArray manyHeaders;
    for (int i = 0; i < 20'000; ++i)
        manyHeaders += "X-Header-" + QByteArray::number(i) + ": value\r\n";
    const std::vector<Case> cases{
        {"a request line of 1 MiB", "GET /static/" + longTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"},
        {"a header of 1 MiB", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + longTarget + "\r\n\r\n"},
        {"20,000 headers", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + manyHeaders + "\r\n"},
        {"a method of 1 MiB", longTarget + " / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"},
        {"a request line without end", "GET /" + longTarget},
    };
    const auto storm = [&] {
        // Twenty of each at once, from five addresses.
        std::vector<std::unique_ptr<WireClient>> clients;
        for (int round = 0; round < 20; ++round) {
            for (const Case &attack : cases) {
                auto client = std::make_unique<WireClient>(loopback(0, 20 + round % 5));
                QVERIFY(client->connectTo(m_port));
                // Written until the server stops taking it: it closes the connection long before the end.
                client->send(attack.request, kAnswerTimeout);
                clients.push_back(std::move(client));
            }
        }
        for (qsizetype i = 0; i < qsizetype(clients.size()); ++i) {
            WireClient &client = *clients.at(size_t(i));
            const Case &attack = cases.at(size_t(i) % cases.size());
            QVERIFY2(client.waitClosed(), attack.name);
            const std::optional<HttpAnswer> answer = client.answer();
            if (answer) {
                QVERIFY2(answer->status == 413 || answer->status == 400 || answer->status == 431,
                         qPrintable(QString::fromLatin1(attack.name) + u": "_s + QString::fromUtf8(answer->head)));
            }
        }
    };
    verifyStormLeavesNoTrace("oversized request lines and headers", storm);

    // Under the limit, many headers are still a request like any other.
    QByteArray someHeaders;
    for (int i = 0; i < 500; ++i)
        someHeaders += "X-Header-" + QByteArray::number(i) + ": value\r\n";
    const HttpAnswer answer =
        rawRequest(loopback(0, 25), "GET /static/app.css HTTP/1.1\r\nHost: 127.0.0.1\r\n" + someHeaders + "\r\n");
    QCOMPARE(answer.status, 200);
}

void TestRequestAttacks::oversizedAndMalformedBodiesAreRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QList<int>>("statuses"); ///< the answers allowed; 0: closed without one
    const QByteArray post = "POST /api/v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"_ba;
    const QByteArray json17KiB = R"({"room":")" + QByteArray(17 * 1024, 'x') + R"("})";
    QTest::newRow("17 KiB declared and sent")
        << post + "Content-Length: " + QByteArray::number(json17KiB.size()) + "\r\n\r\n" + json17KiB << QList<int>{413};
    const QByteArray oneMiB(1024 * 1024, 'x');
    QTest::newRow("1 MiB declared and sent") << post + "Content-Length: 1048576\r\n\r\n" + oneMiB << QList<int>{413, 0};
    QTest::newRow("1 MiB sent under a small declared length")
        << post + "Content-Length: 10\r\n\r\n" + oneMiB << QList<int>{400, 413, 0};
    QByteArray chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 256; ++i)
        chunked += "1000\r\n" + QByteArray(4096, 'x') + "\r\n";
    chunked += "0\r\n\r\n";
    QTest::newRow("1 MiB chunked") << chunked << QList<int>{400, 413, 0};
    QTest::newRow("a chunk of 2^64 - 1") << post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nxx"
                                         << QList<int>{400, 413, 0};
    QTest::newRow("a chunk size that overflows")
        << post + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffffffffffff\r\nxx" << QList<int>{400, 413, 0};
    QTest::newRow("a negative length") << post + "Content-Length: -1\r\n\r\n{}" << QList<int>{400, 0};
    QTest::newRow("a length that overflows")
        << post + "Content-Length: 99999999999999999999999999\r\n\r\n{}" << QList<int>{400, 413, 0};
    QTest::newRow("two different lengths")
        << post + "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}" << QList<int>{400, 0};
    QTest::newRow("a length and chunks")
        << post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
        << QList<int>{400, 0};
}

void TestRequestAttacks::oversizedAndMalformedBodiesAreRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(QList<int>, statuses);
    static int address = 0;
    WireClient client(loopback(0, 30 + address++ % 10));
    QVERIFY(client.connectTo(m_port));
    client.send(request);
    // Answered, or cut, at once: never left waiting for the rest of a body that may never fit.
    QVERIFY(client.waitFor([&] { return client.answer().has_value() || client.isClosedByServer(); }));
    const HttpAnswer answer = client.answer().value_or(HttpAnswer{});
    QVERIFY2(statuses.contains(answer.status), answer.head.constData());
    QVERIFY(!answer.body.contains("\"device\""));
    if (answer.status == 413)
        QCOMPARE(answer.code(), u"too-large"_s);
    QVERIFY(serverIsRunning());
}

void TestRequestAttacks::malformedJsonAndContentTypesAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentTypeHeader");
    QTest::addColumn<int>("status");
    const QByteArray json = "Content-Type: application/json\r\n"_ba;
    QTest::newRow("not closed") << R"({"room":)"_ba << json << 400;
    QTest::newRow("not JSON") << "room=K7P2QX"_ba << json << 400;
    QTest::newRow("null") << "null"_ba << json << 400;
    QTest::newRow("a string") << R"("K7P2QX")"_ba << json << 400;
    QTest::newRow("empty") << QByteArray() << json << 400;
    QTest::newRow("16,000 arrays deep") << QByteArray(16'000, '[') << json << 400;
    QTest::newRow("16,000 arrays deep, closed") << QByteArray(8'000, '[') + QByteArray(8'000, ']') << json << 400;
    QTest::newRow("1,600 objects deep") << nestedObjects(1'600) << json << 400;
    QTest::newRow("100,000 arrays deep") << QByteArray(100'000, '[') << json << 413;
    QTest::newRow("a huge number for the room") << R"({"room":1e999999999})"_ba << json << 400;
    QTest::newRow("a 400-digit number") << R"({"room":)" + QByteArray(400, '9') + "}" << json << 400;
    QTest::newRow("a huge number for the device")
        << R"({"room":"K7P2QX","device":123456789012345678901234567890e300})"_ba << json << 400;
    QTest::newRow("invalid UTF-8") << "{\"room\":\"\xff\xfe\xc0\xaf\"}"_ba << json << 400;
    QTest::newRow("no content type") << R"({"room":"K7P2QX"})"_ba << QByteArray() << 400;
    QTest::newRow("text") << R"({"room":"K7P2QX"})"_ba
                          << "Content-Type: text/plain\r\n"_ba << 400;
    QTest::newRow("a form") << "room=K7P2QX"_ba
                            << "Content-Type: application/x-www-form-urlencoded\r\n"_ba << 400;
    QTest::newRow("multipart") << "--b\r\n\r\n{}\r\n--b--"_ba
                               << "Content-Type: multipart/form-data; boundary=b\r\n"_ba << 400;
    QTest::newRow("JSON's look-alike") << R"({"room":"K7P2QX"})"_ba
                                       << "Content-Type: application/jsonx\r\n"_ba << 400;
    QTest::newRow("two content types") << R"({"room":"K7P2QX"})"_ba
                                       << "Content-Type: text/plain\r\nContent-Type: text/html\r\n"_ba << 400;
}

void TestRequestAttacks::malformedJsonAndContentTypesAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentTypeHeader);
    QFETCH(int, status);
    // The room code is the server's in every body that has one, so that only the shape is wrong.
    body.replace("K7P2QX", m_room.toUtf8());
    static int address = 0;
    const HttpAnswer answer = rawRequest(loopback(0, 40 + address++ % 5),
                                         "POST /api/v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\n" + contentTypeHeader +
                                             "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY2(answer.status == status, answer.head.constData());
    QVERIFY(!jsonObject(answer.body).value("error"_L1).toString().isEmpty());
    QVERIFY(!answer.body.contains("\"device\""));
    QVERIFY(serverIsRunning());
}

void TestRequestAttacks::malformedWebSocketJsonIsRefusedAndTheConnectionKept()
{
    std::unique_ptr<WireClient> phone = greetedPhone(loopback(0, 45));
    QVERIFY(phone);
    QVERIFY(!phone->take(u"welcome"_s).isEmpty());
    const std::vector<QByteArray> payloads{
        QByteArray(4000, '['),
        QByteArray(2000, '[') + QByteArray(2000, ']'),
        nestedObjects(800),
        R"({"type":"vote","id":1e999999,"poll":"bench","answer":["option-1"]})"_ba,
        R"({"type":"vote","id":)" + QByteArray(1000, '9') + R"(,"poll":"bench","answer":["option-1"]})",
        R"({"type":"vote","id":-1,"poll":"bench","answer":["option-1"]})"_ba,
        R"({"type":"vote","id":9007199254740993,"poll":"bench","answer":["option-1"]})"_ba,
        R"({"type":"vote","id":1,"poll":"bench","answer":)" + QByteArray(1500, '[') + "}",
        R"({"type":"upvote","id":1,"question":1e308,"on":true})"_ba,
        R"({"type":["hello"]})"_ba,
        "null"_ba,
        "\"\""_ba,
    };
    for (const QByteArray &payload : payloads) {
        const int errors = phone->count(u"error"_s);
        QVERIFY(phone->send(frame(kText, payload)));
        QVERIFY2(phone->waitFor([&] { return phone->count(u"error"_s) > errors; }), payload.left(80).constData());
    }
    // Still open, and still a phone.
    QVERIFY(phone->sendMessage({{"type"_L1, u"ping"_s}}));
    QVERIFY(!phone->take(u"pong"_s).isEmpty());
    QVERIFY(!phone->isClosedByServer());
    verifyServed("malformed WebSocket JSON");
}

void TestRequestAttacks::slowlorisConnectionsAreCutWhileOthersAreServed()
{
    const auto storm = [&] {
        struct Slow
        {
            std::unique_ptr<WireClient> client;
            QByteArray toTrickle;
            qsizetype sent = 0;
            double closedAfterMs = -1;
        };
        std::vector<Slow> slow;
        // Headers that never end, a byte at a time, on 30 connections from each of five addresses (the cap per
        // address is 32)...
        QByteArray endlessHead = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "_ba;
        endlessHead += QByteArray(4096, 'a');
        for (int address = 0; address < 5; ++address) {
            for (int i = 0; i < 30; ++i) {
                auto client = std::make_unique<WireClient>(loopback(0, 50 + address));
                QVERIFY(client->connectTo(m_port));
                slow.push_back({std::move(client), endlessHead, 0, -1});
            }
        }
        // ... and bodies announced at 1 TiB, trickled after whole headers.
        const QByteArray head = "POST /api/v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                "Content-Length: 1099511627776\r\n\r\n"_ba;
        for (int i = 0; i < 20; ++i) {
            auto client = std::make_unique<WireClient>(loopback(0, 55));
            QVERIFY(client->connectTo(m_port));
            QVERIFY(client->send(head));
            slow.push_back({std::move(client), QByteArray(4096, ' '), 0, -1});
        }

        QElapsedTimer timer;
        timer.start();
        std::vector<ProbeResult> probes;
        qint64 nextByteAt = 0;
        qint64 nextProbeAt = 2000;
        const qint64 giveUpAt = kRequestTimeout.count() + 10'000;
        const auto open = [&] {
            return std::count_if(slow.cbegin(), slow.cend(), [](const Slow &s) { return s.closedAfterMs < 0; });
        };
        while (open() > 0 && timer.elapsed() < giveUpAt) {
            if (timer.elapsed() >= nextByteAt) {
                // One byte on each connection every 200 ms: each stays busy, none ever completes its request.
                for (Slow &s : slow) {
                    if (s.closedAfterMs < 0 && s.client->sendSome(s.toTrickle.mid(s.sent % s.toTrickle.size(), 1)) > 0)
                        ++s.sent;
                }
                nextByteAt = timer.elapsed() + 200;
            }
            if (timer.elapsed() >= nextProbeAt) {
                probes.push_back(probe(3));
                nextProbeAt = timer.elapsed() + 2500;
            }
            // Wait for the server to close any of them, until the next byte is due.
            std::vector<pollfd> entries;
            for (const Slow &s : slow) {
                if (s.closedAfterMs < 0)
                    entries.push_back({s.client->descriptor(), POLLIN, 0});
            }
            ::poll(entries.data(), entries.size(), int(std::max<qint64>(1, nextByteAt - timer.elapsed())));
            for (Slow &s : slow) {
                if (s.closedAfterMs >= 0)
                    continue;
                s.client->pump();
                if (s.client->isClosedByServer())
                    s.closedAfterMs = millisecondsSince(timer);
            }
        }
        double latest = 0;
        for (const Slow &s : slow) {
            QVERIFY2(s.closedAfterMs >= 0, "a slow connection was still open");
            QVERIFY(!s.client->received().startsWith("HTTP/1.1 200"));
            latest = std::max(latest, s.closedAfterMs);
        }
        // The request timeout, and a sweep a second: the last cut at most a few seconds after the timeout.
        QVERIFY2(latest < double(kRequestTimeout.count()) + 5000, qPrintable(QString::number(latest)));
        QVERIFY(!probes.empty());
        double slowest = 0;
        for (const ProbeResult &result : probes) {
            QVERIFY2(result.failure.isEmpty(), qPrintable(result.failure));
            slowest = std::max(slowest, result.slowestMs());
        }
        qInfo("slowloris: %zu connections trickling, all cut within %.0f ms; %zu phones served meanwhile, the slowest "
              "answer in %.1f ms",
              slow.size(), latest, probes.size(), slowest);
        QVERIFY(slowest < kVoteAckBoundMs);
    };
    verifyStormLeavesNoTrace("slowloris", storm);
}

void TestRequestAttacks::brokenWebSocketFramesCloseTheConnection_data()
{
    QTest::addColumn<QByteArray>("frames");
    const QByteArray ping = compact({{"type"_L1, u"ping"_s}});
    QTest::newRow("length 2^63") << frame(kText, "{}"_ba, {true, true, 0, quint64(1) << 63});
    QTest::newRow("length 2^64 - 1") << frame(kText, "{}"_ba, {true, true, 0, ~quint64(0)});
    QTest::newRow("length 2^62, little sent") << frame(kText, QByteArray(100, ' '), {true, true, 0, quint64(1) << 62});
    QTest::newRow("a frame over 4 KiB") << frame(kText, QByteArray(kMaxWebSocketMessageBytes + 1000, ' '));
    QTest::newRow("a frame of 1 MiB") << frame(kText, QByteArray(1024 * 1024, ' '));
    QByteArray fragments = frame(kText, QByteArray(1000, ' '), {false, true, 0, {}});
    for (int i = 0; i < 6; ++i)
        fragments += frame(kContinuation, QByteArray(1000, ' '), {false, true, 0, {}});
    fragments += frame(kContinuation, ping);
    QTest::newRow("fragments adding up to over 4 KiB") << fragments;
    QByteArray endless = frame(kText, QByteArray(100, ' '), {false, true, 0, {}});
    for (int i = 0; i < 2000; ++i)
        endless += frame(kContinuation, QByteArray(100, ' '), {false, true, 0, {}});
    QTest::newRow("fragments without end") << endless;
    QTest::newRow("a continuation without a start") << frame(kContinuation, ping);
    QTest::newRow("a new message inside a fragmented one")
        << frame(kText, "{\"type\":"_ba, {false, true, 0, {}}) + frame(kText, ping);
    QTest::newRow("a ping of 126 bytes") << frame(kPing, QByteArray(126, 'p'));
    QTest::newRow("a ping of 64 KiB") << frame(kPing, QByteArray(65'536, 'p'));
    QTest::newRow("a fragmented ping") << frame(kPing, "p"_ba, {false, true, 0, {}});
    QTest::newRow("a close of one byte") << frame(kClose, "x"_ba);
    QTest::newRow("a reserved opcode 3") << frame(0x3, ping);
    QTest::newRow("a reserved control opcode 11") << frame(0xb, "x"_ba);
    QTest::newRow("RSV1 without an extension") << frame(kText, ping, {true, true, 0x40, {}});
    QTest::newRow("RSV3 without an extension") << frame(kText, ping, {true, true, 0x10, {}});
    QTest::newRow("text that is not UTF-8") << frame(kText, "{\"type\":\"\xc0\xaf\xff\"}"_ba);
}

void TestRequestAttacks::brokenWebSocketFramesCloseTheConnection()
{
    QFETCH(QByteArray, frames);
    static int address = 0;
    std::unique_ptr<WireClient> phone = greetedPhone(loopback(0, 80 + address++ % 10));
    QVERIFY(phone);
    QVERIFY(!phone->take(u"welcome"_s).isEmpty());
    QElapsedTimer timer;
    timer.start();
    // Written until the server stops taking it: it may close before the end.
    phone->send(frames);
    QVERIFY2(phone->waitWebSocketClosed(), "the connection is still open");
    qInfo("closed after %lld ms with code %d", timer.elapsed(), phone->closeCode().value_or(-1));
    QCOMPARE(phone->count(u"pong"_s), 0);
    if (phone->closeCode())
        QVERIFY2(*phone->closeCode() >= 1000 && *phone->closeCode() < 1016,
                 qPrintable(QString::number(*phone->closeCode())));
    QVERIFY(serverIsRunning());
}

void TestRequestAttacks::fragmentedMessageWithinTheLimitIsTaken()
{
    std::unique_ptr<WireClient> phone = greetedPhone(loopback(0, 79));
    QVERIFY(phone);
    QVERIFY(!phone->take(u"welcome"_s).isEmpty());
    // A message in three frames, a control frame between them, within the limit: the counterpart of the cases above.
    const QByteArray message = R"({"type":"ping","padding":")" + QByteArray(3000, ' ') + R"("})";
    const qsizetype third = message.size() / 3;
    QVERIFY(phone->send(frame(kText, message.left(third), {false, true, 0, {}}) + frame(kPing, "p"_ba) +
                        frame(kContinuation, message.mid(third, third), {false, true, 0, {}}) +
                        frame(kContinuation, message.mid(2 * third))));
    QVERIFY(!phone->take(u"pong"_s).isEmpty());
    QVERIFY(!phone->isClosedByServer());
}

void TestRequestAttacks::webSocketsThatNeverReadAreSkippedAndMemoryStaysBounded()
{
    // A Q&A of 120 long questions: every phone's whole `questions` message is then about 110 KB.
    const QString text = QString(290, QChar(0x8cea)); // 質
    for (int address = 0; address < 5; ++address) {
        for (int author = 0; author < 8; ++author) {
            std::unique_ptr<WireClient> phone = greetedPhone(loopback(0, 60 + address));
            QVERIFY(phone);
            for (int i = 1; i <= 3; ++i) {
                QVERIFY(
                    phone->sendMessage({{"type"_L1, u"ask"_s},
                                        {"id"_L1, i},
                                        {"text"_L1, QString(u"%1 %2 %3 "_s.arg(address).arg(author).arg(i) + text)}}));
                if (phone->take(u"asked"_s, i).isEmpty())
                    QFAIL(compact(phone->take(u"error"_s)).constData());
            }
        }
    }
    const QString token = moderatorToken();
    QVERIFY(!token.isEmpty());
    WireClient moderator(loopback(0, 71));
    QVERIFY(moderator.connectTo(m_port));
    QVERIFY(moderator.upgrade());
    QVERIFY(moderator.sendMessage({{"type"_L1, u"moderator"_s}, {"protocol"_L1, 1}, {"token"_L1, token}}));
    QVERIFY(!moderator.take(u"moderation"_s).isEmpty());
    std::unique_ptr<WireClient> reader = greetedPhone(loopback(0, 72));
    QVERIFY(reader);
    const QJsonObject first = reader->take(u"questions"_s);
    const qsizetype messageBytes = compact(first).size();
    QVERIFY2(first.value("questions"_L1).toArray().size() >= 120,
             qPrintable(QString::fromUtf8(compact(first).left(200))));
    QVERIFY(messageBytes > 100'000);

    constexpr int kSlowPhones = 24;
    constexpr int kToggles = 16;
    int settingsId = 0;
    bool approval = false;
    const auto storm = [&] {
        std::vector<std::unique_ptr<WireClient>> slow;
        for (int i = 0; i < kSlowPhones; ++i) {
            // They never read: not even the welcome.
            slow.push_back(greetedPhone(loopback(0, 73 + i % 3), 4096));
            QVERIFY(slow.back());
        }
        const qint64 before = serverRssKiB();
        qint64 peak = before;
        std::vector<ProbeResult> probes;
        for (int toggle = 0; toggle < kToggles; ++toggle) {
            // Each change of the approval setting sends every phone its whole Q&A again.
            const int questions = reader->count(u"questions"_s);
            approval = !approval;
            const int id = ++settingsId;
            QVERIFY(moderator.sendMessage({{"type"_L1, u"settings"_s}, {"id"_L1, id}, {"approval"_L1, approval}}));
            QVERIFY(!moderator.take(u"done"_s, id).isEmpty());
            QVERIFY2(reader->waitFor([&] { return reader->count(u"questions"_s) > questions; }),
                     "the reading phone missed a broadcast");
            reader->clearMessages();
            moderator.clearMessages();
            peak = std::max(peak, serverRssKiB());
            if (toggle % 5 == 4)
                probes.push_back(probe(3));
        }
        const qint64 unbounded = qint64(kSlowPhones) * kToggles * messageBytes / 1024;
        qInfo("%d phones that never read, %d broadcasts of %lld bytes: server RSS %lld KiB before, peak %lld KiB "
              "(queuing everything would take %lld KiB more)",
              kSlowPhones, kToggles, qint64(messageBytes), before, peak, unbounded);
        // The slow phones are held to about 256 KiB each, not to everything broadcast.
        QVERIFY2(peak - before < unbounded / 3, qPrintable(u"RSS grew by %1 KiB"_s.arg(peak - before)));
        for (const ProbeResult &result : probes) {
            QVERIFY2(result.failure.isEmpty(), qPrintable(result.failure));
            QVERIFY2(result.slowestMs() < kVoteAckBoundMs, qPrintable(QString::number(result.slowestMs())));
        }
        QVERIFY(!reader->isClosedByServer());
    };
    // The moderator and the reading phone stay through both storms; settledRssKiB() waits for no connection at all.
    storm();
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(serverConnections(), 2, 20'000);
    const qint64 baseline = serverRssKiB();
    storm();
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(serverConnections(), 2, 20'000);
    const qint64 after = serverRssKiB();
    qInfo("phones that never read: server RSS %lld KiB after the warm-up storm, %lld KiB after the measured one",
          baseline, after);
    QVERIFY(double(after) <= double(baseline) * (1 + kRssTolerance));
    verifyServed("phones that never read");
}

void TestRequestAttacks::pingFloodFromAPhoneThatNeverReadsIsContained()
{
    // Every ping is answered with a pong the phone never reads.
    verifyFloodIsContained("a ping flood", greetedPhone(loopback(0, 90), 4096), frame(kPing, QByteArray(125, 'p')));
}

void TestRequestAttacks::messageFloodFromAPhoneThatNeverReadsIsContained()
{
    // Over the rate limit, each message is answered `rate-limited`: answers the phone never reads either.
    verifyFloodIsContained("a message flood", greetedPhone(loopback(0, 91), 4096),
                           frame(kText, R"({"type":"ping"})"_ba));
}

void TestRequestAttacks::pipelinedRequestsFromAClientThatNeverReadsAreContained()
{
    // Requests one after the other on one connection, none of the answers read: the phone page's script, whose
    // answer is far larger than the request.
    auto client = std::make_unique<WireClient>(loopback(0, 95), 4096);
    QVERIFY(client->connectTo(m_port));
    verifyFloodIsContained("pipelined requests", std::move(client),
                           "GET /static/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba);
}

void TestRequestAttacks::webSocketThatAsksWithoutReadingIsClosedAtItsBacklogLimit_data()
{
    QTest::addColumn<QByteArray>("unit");
    QTest::newRow("pings") << frame(kPing, QByteArray(125, 'p'));
    QTest::newRow("messages") << frame(kText, R"({"type":"ping"})"_ba);
    QTest::newRow("votes") << frame(kText, R"({"type":"vote","id":1,"poll":"nope","answer":["x"]})"_ba);
}

void TestRequestAttacks::webSocketThatAsksWithoutReadingIsClosedAtItsBacklogLimit()
{
    // In this process, with a backlog limit small enough to reach in a moment (the server in its own process reads
    // a flood slowly enough that its default 4 MiB take long to fill): the limit itself is what is tested here.
    QFETCH(QByteArray, unit);
    QTemporaryDir dir;
    Database database;
    QVERIFY(database.open(dir.filePath(u"event.sqlite"_s)));
    ManualClock clock;
    LivePolls polls(database, clock);
    Session session;
    session.title = u"Backlog"_s;
    Event event;
    event.title = u"Backlog"_s;
    event.sessions = {session};
    QVERIFY(polls.load(event, 0));
    AudienceRoom room(database, clock);
    QVERIFY(room.load());
    ServerLimits limits;
    limits.maxWebSocketBacklogBytes = 64 * 1024;
    AudienceServer server(polls, room, limits);
    QVERIFY(server.start(ListenAddress{QHostAddress(QHostAddress::LocalHost), quint16(0)}));
    const Result<QString> device = room.admitDevice({});
    QVERIFY(device);

    WireClient phone(loopback(0, 94), 4096);
    phone.setServedInThisProcess(true);
    QVERIFY(phone.connectTo(server.port()));
    QVERIFY(phone.upgrade());
    QVERIFY(phone.hello(room.roomCode(), *device));
    QTRY_COMPARE(server.phoneCount(), 1);
    QByteArray batch;
    while (batch.size() < 16 * 1024)
        batch += unit;
    qint64 sent = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20'000) {
        const qsizetype written = phone.sendSome(batch);
        if (written < 0)
            break;
        sent += written;
        QCoreApplication::processEvents();
    }
    qInfo("closed after %lld bytes in %lld ms", sent, timer.elapsed());
    QVERIFY2(phone.sendSome(batch) < 0, "the server still takes what a phone that reads nothing sends");
    QTRY_COMPARE(server.phoneCount(), 0);
    QTRY_COMPARE(server.connectionCount(), 0);
}

void TestRequestAttacks::thousandsOfConnectsAndDisconnectsLeaveNoTrace()
{
    constexpr int kConnections = 5000;
    constexpr int kBatch = 100;
    const QByteArray upgrade = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"_ba;
    const auto storm = [&] {
        QElapsedTimer timer;
        timer.start();
        int upgraded = 0;
        int refused = 0;
        for (int first = 0; first < kConnections; first += kBatch) {
            // One kind of connection per batch, one connection at a time per address, from a hundred addresses.
            const int kind = (first / kBatch) % 5;
            std::vector<std::unique_ptr<WireClient>> batch;
            for (int n = first; n < first + kBatch; ++n) {
                auto client = std::make_unique<WireClient>(loopback(1, 1 + n % kBatch));
                QVERIFY(client->connectTo(m_port));
                switch (kind) {
                case 0:
                case 1:
                    break; // connects and goes
                case 2:
                    client->close(true); // with a reset
                    break;
                case 3:
                    client->sendSome("GET / HTTP/1.1\r\nHost: 12"_ba); // half a request
                    break;
                case 4:
                    client->sendSome(upgrade); // becomes a WebSocket, then goes without a word
                    break;
                }
                batch.push_back(std::move(client));
            }
            for (int n = first; n < first + kBatch && kind == 4; ++n) {
                WireClient &client = *batch.at(size_t(n - first));
                client.waitFor([&] { return client.received().contains("\r\n\r\n"); });
                if (client.received().startsWith("HTTP/1.1 101"))
                    ++upgraded;
                else
                    ++refused;
            }
        }
        qInfo("%d connects and disconnects in %lld ms; %d became WebSockets, %d were refused", kConnections,
              timer.elapsed(), upgraded, refused);
        QCOMPARE(refused, 0);
        QCOMPARE(upgraded, kConnections / 5);
        QVERIFY2(timer.elapsed() < 120'000, "the storm took too long");
    };
    verifyStormLeavesNoTrace("5,000 connects and disconnects", storm);
}

void TestRequestAttacks::trickledWebSocketFrameBlocksNoOne()
{
    std::unique_ptr<WireClient> phone = greetedPhone(loopback(0, 93));
    QVERIFY(phone);
    QVERIFY(!phone->take(u"welcome"_s).isEmpty());
    // A message whose frame comes a byte every 100 ms: the server must wait for it without waiting on it.
    const QByteArray whole = frame(kText, R"({"type":"ping","padding":")" + QByteArray(200, ' ') + R"("})");
    QElapsedTimer timer;
    timer.start();
    qsizetype sent = 0;
    qint64 nextByteAt = 0;
    qint64 nextProbeAt = 500;
    std::vector<ProbeResult> probes;
    while (timer.elapsed() < 3000) {
        if (timer.elapsed() >= nextByteAt) {
            QCOMPARE(phone->sendSome(whole.mid(sent, 1)), 1);
            ++sent;
            nextByteAt = timer.elapsed() + 100;
        }
        if (timer.elapsed() >= nextProbeAt) {
            probes.push_back(probe(2));
            nextProbeAt = timer.elapsed() + 1000;
        }
        pollfd entry{phone->descriptor(), POLLIN, 0};
        ::poll(&entry, 1, int(std::max<qint64>(1, nextByteAt - timer.elapsed())));
    }
    QVERIFY(sent < whole.size());
    for (const ProbeResult &result : probes) {
        QVERIFY2(result.failure.isEmpty(), qPrintable(result.failure));
        QVERIFY2(result.slowestMs() < kVoteAckBoundMs, qPrintable(QString::number(result.slowestMs())));
    }
    // The rest at once: the message is whole and answered.
    QVERIFY(phone->send(whole.mid(sent)));
    QVERIFY(!phone->take(u"pong"_s).isEmpty());
    qInfo("a frame trickled over %lld ms while %zu phones were served", timer.elapsed(), probes.size());
}

QTEST_GUILESS_MAIN(TestRequestAttacks)

#include "tst_requestattacks.moc"
