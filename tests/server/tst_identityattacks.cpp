// Attacks on who is who: forged and borrowed device tokens, replayed votes, one address minting tokens, the
// moderator token guessed, moderator routes and messages from a phone. The audience server runs in this process on
// 127.0.0.1; clients connect from loopback addresses of their own (127.0.0.x) where an attack concerns addresses.
#include "event/audienceroom.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "server/audienceserver.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/pollstore.h"
#include "timer/clock.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 5000;

template<class T>
QByteArray reason(const Result<T> &result)
{
    return result ? QByteArray() : result.error().toLocal8Bit();
}

#define VERIFY_OK(expression)                                                                                          \
    do {                                                                                                               \
        const auto result_ = (expression);                                                                             \
        QVERIFY2(result_, reason(result_).constData());                                                                \
    } while (false)

QJsonObject jsonObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Poll choicePoll(const QString &id)
{
    Poll poll;
    poll.id = id;
    poll.question = id + u'?';
    poll.kind = Poll::Kind::SingleChoice;
    poll.options = {{u"yes"_s, u"Yes"_s}, {u"no"_s, u"No"_s}};
    poll.resultsVisibility = Poll::ResultsVisibility::AfterVoting;
    return poll;
}

Event meetup()
{
    Session session;
    session.title = u"Identity"_s;
    session.polls = {choicePoll(u"first"_s), choicePoll(u"second"_s)};
    Event event;
    event.title = u"Attacks evening"_s;
    event.sessions = {session};
    return event;
}

/** A loopback address of its own for a client: 127.0.0.n. */
QHostAddress loopback(int n)
{
    return QHostAddress(u"127.0.0.%1"_s.arg(n));
}

struct HttpAnswer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QString code() const { return jsonObject(body).value("code"_L1).toString(); }
};

/**
 * A client from a loopback address of its choice, speaking HTTP or (after upgrade()) WebSocket by hand over a
 * QTcpSocket: QWebSocket and QNetworkAccessManager cannot choose the address they connect from.
 */
class Client
{
public:
    explicit Client(QHostAddress from = QHostAddress(QHostAddress::LocalHost))
        : m_from(std::move(from))
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] {
            m_received += m_socket.readAll();
            if (m_upgraded)
                parseFrames();
        });
    }

    bool connectTo(quint16 port)
    {
        if (!m_socket.bind(m_from))
            return false;
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, kTimeoutMs);
    }

    HttpAnswer request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                       const QByteArray &extraHeaders = {})
    {
        m_received.clear();
        QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders;
        if (!body.isEmpty() || method == "POST")
            request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        m_socket.write(request + "\r\n" + body);
        HttpAnswer answer;
        const bool ended = QTest::qWaitFor(
            [&] { return parseAnswer(answer) || m_socket.state() != QAbstractSocket::ConnectedState; }, kTimeoutMs);
        return ended ? answer : HttpAnswer{};
    }

    bool upgrade()
    {
        m_socket.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        if (!QTest::qWaitFor([this] { return m_received.contains("\r\n\r\n"); }, kTimeoutMs))
            return false;
        if (!m_received.startsWith("HTTP/1.1 101"))
            return false;
        m_received.remove(0, m_received.indexOf("\r\n\r\n") + 4);
        m_upgraded = true;
        parseFrames();
        return true;
    }

    /** Sends a text message, masked as a client must. */
    void send(const QJsonObject &message) { sendText(compact(message)); }
    void sendText(const QByteArray &payload)
    {
        QByteArray frame;
        frame.append(char(0x81));
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else {
            frame.append(char(0x80 | 126));
            frame.append(char(payload.size() >> 8));
            frame.append(char(payload.size() & 0xff));
        }
        const char mask[4] = {0x12, 0x34, 0x56, 0x78};
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload.at(i) ^ mask[i % 4]));
        m_socket.write(frame);
    }
    void hello(const QString &room, const QString &device)
    {
        send({{"type"_L1, u"hello"_s}, {"protocol"_L1, 1}, {"room"_L1, room}, {"device"_L1, device}});
    }
    void moderatorHello(const QString &token)
    {
        send({{"type"_L1, u"moderator"_s}, {"protocol"_L1, 1}, {"token"_L1, token}});
    }
    void vote(int id, const QString &poll, const QString &answer)
    {
        send({{"type"_L1, u"vote"_s}, {"id"_L1, id}, {"poll"_L1, poll}, {"answer"_L1, QJsonArray{answer}}});
    }

    /** Waits for a message of this type (with this id, when given) and removes it; empty when none came. */
    QJsonObject take(const QString &type, std::optional<qint64> id = {}, int timeoutMs = kTimeoutMs)
    {
        QJsonObject found;
        const bool arrived = QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < m_messages.size(); ++i) {
                    const QJsonObject &message = m_messages.at(i);
                    if (message.value("type"_L1).toString() == type &&
                        (!id || message.value("id"_L1).toInteger() == *id)) {
                        found = m_messages.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return arrived ? found : QJsonObject();
    }
    /** Everything the server sent before it read this ping has arrived when this returns true. */
    bool sync()
    {
        send({{"type"_L1, u"ping"_s}});
        return !take(u"pong"_s).isEmpty();
    }
    int count(const QString &type) const
    {
        return int(std::count_if(m_messages.cbegin(), m_messages.cend(), [&](const QJsonObject &message) {
            return message.value("type"_L1).toString() == type;
        }));
    }
    /** Every message received, as text. */
    const QByteArray &texts() const { return m_texts; }
    bool waitClosed()
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, kTimeoutMs);
    }
    std::optional<int> closeCode() const { return m_closeCode; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    bool parseAnswer(HttpAnswer &answer) const
    {
        const qsizetype headEnd = m_received.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return false;
        const QByteArray head = m_received.left(headEnd);
        const qsizetype lengthAt = head.toLower().indexOf("content-length:");
        const qsizetype lineEnd = head.indexOf("\r\n", lengthAt);
        const qsizetype length =
            lengthAt < 0 ? 0
                         : head.mid(lengthAt + 15, lineEnd < 0 ? -1 : lineEnd - lengthAt - 15).trimmed().toLongLong();
        if (m_received.size() < headEnd + 4 + length)
            return false;
        answer.head = head;
        const QList<QByteArray> statusLine = head.left(head.indexOf('\r')).split(' ');
        answer.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
        answer.body = m_received.mid(headEnd + 4, length);
        return true;
    }

    void parseFrames()
    {
        for (;;) {
            if (m_received.size() < 2)
                return;
            const auto byte = [this](qsizetype i) { return quint8(m_received.at(i)); };
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
            // The server sends each message in one frame.
            if (opcode == 0x1) {
                m_messages.append(jsonObject(payload));
                m_texts += payload + '\n';
            } else if (opcode == 0x8) {
                m_closeCode = payload.size() >= 2 ? (quint8(payload.at(0)) << 8) | quint8(payload.at(1)) : 1005;
            }
        }
    }

    QHostAddress m_from;
    QTcpSocket m_socket;
    QByteArray m_received;
    bool m_upgraded = false;
    QList<QJsonObject> m_messages;
    QByteArray m_texts;
    std::optional<int> m_closeCode;
};

/**
 * Whether reading a character on a page that forbids reading happened: the page is made readable again by the
 * handler and the read goes on, so that a compare that reads every character runs to its end.
 */
struct ReadTrap
{
    static inline char *page = nullptr;
    static inline long pageSize = 0;
    static inline volatile sig_atomic_t tripped = 0;
    static inline struct sigaction previous
    {};

    static void handler(int signal, siginfo_t *info, void *context)
    {
        char *address = static_cast<char *>(info->si_addr);
        if (page && address >= page && address < page + pageSize) {
            tripped = 1;
            ::mprotect(page, size_t(pageSize), PROT_READ | PROT_WRITE);
            return;
        }
        // Not ours: whatever handled it before does.
        ::sigaction(SIGSEGV, &previous, nullptr);
        if (previous.sa_flags & SA_SIGINFO) {
            if (previous.sa_sigaction)
                previous.sa_sigaction(signal, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            previous.sa_handler(signal);
        }
    }
};

} // namespace

class TestIdentityAttacks : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<LivePolls> m_polls;
    std::unique_ptr<LiveQuestions> m_questions;
    std::unique_ptr<AudienceRoom> m_room;
    std::unique_ptr<AudienceServer> m_server;

    QString databasePath() const { return m_dir->filePath(u"event.sqlite"_s); }

    Result<> openEvent()
    {
        m_database = std::make_unique<Database>();
        if (const Result<> opened = m_database->open(databasePath()); !opened)
            return opened;
        m_polls = std::make_unique<LivePolls>(*m_database, m_clock);
        if (const Result<> loaded = m_polls->load(meetup(), 0); !loaded)
            return loaded;
        m_questions = std::make_unique<LiveQuestions>(*m_database, m_clock);
        if (const Result<> loaded = m_questions->load(0); !loaded)
            return loaded;
        m_room = std::make_unique<AudienceRoom>(*m_database, m_clock);
        return m_room->load();
    }
    void closeEvent()
    {
        m_server.reset();
        m_room.reset();
        m_questions.reset();
        m_polls.reset();
        m_database.reset();
    }
    Result<> startServer(const ServerLimits &limits = {})
    {
        m_server = std::make_unique<AudienceServer>(*m_polls, *m_room, limits);
        m_server->setQuestions(m_questions.get());
        return m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), quint16(0)});
    }
    Result<> openPoll(const QString &pollId)
    {
        m_clock.advance(1s);
        return m_polls->open(pollId);
    }
    QString roomCode() const { return m_room->roomCode(); }

    HttpAnswer request(const QHostAddress &from, const QByteArray &method, const QByteArray &target,
                       const QByteArray &body = {}, const QByteArray &extraHeaders = {})
    {
        Client client(from);
        if (!client.connectTo(m_server->port()))
            return {};
        return client.request(method, target, body, extraHeaders);
    }
    HttpAnswer join(const QHostAddress &from, const QString &device = {})
    {
        QJsonObject body{{"room"_L1, roomCode()}};
        if (!device.isNull())
            body.insert("device"_L1, device);
        return request(from, "POST", "/api/v1/join", compact(body));
    }
    QString newDevice(const QHostAddress &from = QHostAddress(QHostAddress::LocalHost))
    {
        return jsonObject(join(from).body).value("device"_L1).toString();
    }
    /** A WebSocket from from that said hello with device; null when it was not welcomed. */
    std::unique_ptr<Client> phone(const QString &device,
                                  const QHostAddress &from = QHostAddress(QHostAddress::LocalHost))
    {
        auto client = std::make_unique<Client>(from);
        if (!client->connectTo(m_server->port()) || !client->upgrade())
            return nullptr;
        client->hello(roomCode(), device);
        if (client->take(u"welcome"_s).isEmpty())
            return nullptr;
        return client;
    }
    int votersOf(const QString &pollId)
    {
        const Result<PollResults> results = m_polls->results(pollId);
        return results ? results->voterCount : -1;
    }
    /** The votes the database holds for a poll, whoever cast them. */
    qsizetype storedVotes(const QString &pollId)
    {
        m_polls->flushVotes();
        const Result<QList<VoteRecord>> votes = PollStore(*m_database).votes(pollId);
        return votes ? votes->size() : -1;
    }

private slots:
    void init();
    void cleanup();

    void forgedDeviceTokensAreRefusedEverywhere_data();
    void forgedDeviceTokensAreRefusedEverywhere();
    void tokenFromAnotherRoomIsRefused();
    void tokenFromAPreviousDatabaseIsRefused();
    void borrowedTokenActsAsItsOneDeviceOnly();
    void replayedVotesCountOnce();
    void replayedVoteAfterThePollClosedIsRefused();
    void phonesAreNeverSentAnotherDevicesToken();
    void oneAddressMintsABoundedNumberOfTokens();
    void moderatorTokenComparedInFullWithoutEarlyExit();
    void moderatorTokenComparisonReadsEveryCharacter();
    void moderatorTokenGuessesAreLimitedAndTheRightOneWaits();
    void moderatorGuessingFromOneAddressDoesNotLockOutAnother();
    void moderatorRoutesRefuseAudienceCredentials_data();
    void moderatorRoutesRefuseAudienceCredentials();
    void phoneSocketCannotModerateOrBecomeAModerator();
};

void TestIdentityAttacks::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    VERIFY_OK(openEvent());
}

void TestIdentityAttacks::cleanup()
{
    closeEvent();
    m_dir.reset();
}

void TestIdentityAttacks::forgedDeviceTokensAreRefusedEverywhere_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("random, well-formed") << u"Zm9yZ2VkLXRva2VuLTEyMw"_s;
    QTest::newRow("too short") << u"Zm9yZ2VkLXRva2VuLTEyM"_s;
    QTest::newRow("too long") << u"Zm9yZ2VkLXRva2VuLTEyMwA"_s;
    QTest::newRow("4,000 characters") << QString(4000, u'A');
    QTest::newRow("hexadecimal") << u"00112233445566778899aabbccddeeff"_s;
    QTest::newRow("not base64url") << u"*/..\\%00<script>$(){};"_s;
    QString controls;
    for (const char16_t c : {0x0000, 0x0001, 0x001b, 0x005b, 0x202e, 0x200b, 0xfeff, 0xd800})
        controls += QChar(c);
    QTest::newRow("control characters") << controls.leftJustified(22, QChar(0));
    QTest::newRow("SQL") << u"' OR '1'='1' --"_s;
    QTest::newRow("a glob") << u"%"_s;
    QTest::newRow("empty") << QString();
}

void TestIdentityAttacks::forgedDeviceTokensAreRefusedEverywhere()
{
    QFETCH(QString, token);
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"first"_s));
    const int devices = m_room->deviceCount();

    // A hello with it is refused: as unknown and closed (4004), or as malformed (a token no room issues: empty, too
    // long), after which the connection has still not said hello, so that a vote closes it (4000).
    Client forged;
    QVERIFY(forged.connectTo(m_server->port()));
    QVERIFY(forged.upgrade());
    forged.hello(roomCode(), token);
    const QString code = forged.take(u"error"_s).value("code"_L1).toString();
    QVERIFY2(code == u"unknown-device"_s || code == u"bad-message"_s, qPrintable(code));
    if (code == u"bad-message"_s) {
        forged.vote(1, u"first"_s, u"yes"_s);
        QCOMPARE(forged.take(u"error"_s, 1).value("code"_L1).toString(), u"hello-first"_s);
    }
    QVERIFY(forged.waitClosed());
    QCOMPARE(forged.closeCode(), std::optional<int>(code == u"bad-message"_s ? 4000 : 4004));
    QCOMPARE(m_server->phoneCount(), 0);

    // A join with it is given a new token, never the forged one.
    const HttpAnswer joined = join(loopback(2), token);
    QCOMPARE(joined.status, 200);
    const QString issued = jsonObject(joined.body).value("device"_L1).toString();
    QVERIFY(!issued.isEmpty());
    QVERIFY(issued != token);
    QVERIFY(!m_room->isKnownDevice(token));
    QCOMPARE(m_room->deviceCount(), devices + 1);

    // A deck download with it is refused.
    const HttpAnswer deck = request(loopback(3), "GET", "/deck/0?device=" + QUrl::toPercentEncoding(token));
    QCOMPARE(deck.status, 403);

    // Nothing was recorded in its name.
    QCOMPARE(votersOf(u"first"_s), 0);
    QCOMPARE(m_questions->questions().size(), 0);
}

void TestIdentityAttacks::tokenFromAnotherRoomIsRefused()
{
    // Another event's room, with a token it issued.
    QTemporaryDir otherDir;
    Database other;
    VERIFY_OK(other.open(otherDir.filePath(u"other.sqlite"_s)));
    AudienceRoom otherRoom(other, m_clock);
    VERIFY_OK(otherRoom.load());
    const Result<QString> foreign = otherRoom.admitDevice({});
    VERIFY_OK(foreign);
    QVERIFY(otherRoom.isKnownDevice(*foreign));

    VERIFY_OK(startServer());
    QVERIFY(!m_room->isKnownDevice(*foreign));
    Client phone;
    QVERIFY(phone.connectTo(m_server->port()));
    QVERIFY(phone.upgrade());
    // With this room's code and with the other room's code.
    phone.hello(roomCode(), *foreign);
    QCOMPARE(phone.take(u"error"_s).value("code"_L1).toString(), u"unknown-device"_s);
    QVERIFY(phone.waitClosed());

    Client withItsCode;
    QVERIFY(withItsCode.connectTo(m_server->port()));
    QVERIFY(withItsCode.upgrade());
    withItsCode.hello(otherRoom.roomCode(), *foreign);
    const QString code = withItsCode.take(u"error"_s).value("code"_L1).toString();
    QVERIFY2(otherRoom.roomCode() == roomCode() ? code == u"unknown-device"_s : code == u"wrong-room"_s,
             qPrintable(code));
    QVERIFY(withItsCode.waitClosed());
    QCOMPARE(m_server->phoneCount(), 0);

    const HttpAnswer joined = join(loopback(2), *foreign);
    QVERIFY(jsonObject(joined.body).value("device"_L1).toString() != *foreign);
}

void TestIdentityAttacks::tokenFromAPreviousDatabaseIsRefused()
{
    // A phone that joined the event as it was, before the organizer started over with a new database in its place.
    VERIFY_OK(startServer());
    const QString old = newDevice();
    QVERIFY(m_room->isKnownDevice(old));
    closeEvent();
    QVERIFY(QFile::remove(databasePath()));
    QFile::remove(databasePath() + u"-wal"_s);
    QFile::remove(databasePath() + u"-shm"_s);
    VERIFY_OK(openEvent());
    VERIFY_OK(startServer());
    QVERIFY(!m_room->isKnownDevice(old));

    Client phone;
    QVERIFY(phone.connectTo(m_server->port()));
    QVERIFY(phone.upgrade());
    phone.hello(roomCode(), old);
    QCOMPARE(phone.take(u"error"_s).value("code"_L1).toString(), u"unknown-device"_s);
    QVERIFY(phone.waitClosed());
    QCOMPARE(phone.closeCode(), std::optional<int>(4004));
    // Joining again gives it a token of the new database.
    const QString fresh = jsonObject(join(loopback(2), old).body).value("device"_L1).toString();
    QVERIFY(!fresh.isEmpty());
    QVERIFY(fresh != old);
    QVERIFY(m_room->isKnownDevice(fresh));
}

void TestIdentityAttacks::borrowedTokenActsAsItsOneDeviceOnly()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"first"_s));
    const QString device = newDevice();
    // The owner, and the same token from another address on two sockets.
    std::unique_ptr<Client> owner = phone(device, loopback(1));
    std::unique_ptr<Client> borrower = phone(device, loopback(2));
    std::unique_ptr<Client> borrowerAgain = phone(device, loopback(2));
    QVERIFY(owner && borrower && borrowerAgain);
    QCOMPARE(m_server->phoneCount(), 1);

    owner->vote(1, u"first"_s, u"yes"_s);
    QVERIFY(!owner->take(u"ack"_s, 1).isEmpty());
    borrower->vote(1, u"first"_s, u"no"_s);
    QVERIFY(!borrower->take(u"ack"_s, 1).isEmpty());
    borrowerAgain->vote(2, u"first"_s, u"no"_s);
    QVERIFY(!borrowerAgain->take(u"ack"_s, 2).isEmpty());
    // One device, one vote: the latest.
    QCOMPARE(votersOf(u"first"_s), 1);
    QCOMPARE(storedVotes(u"first"_s), 1);
    QCOMPARE(*m_polls->answerOf(u"first"_s, device), std::optional<QStringList>(QStringList{u"no"_s}));

    // Its questions: three a minute for the device, whichever address sends them.
    for (int id = 1; id <= 4; ++id) {
        Client &sender = id == 4 ? *borrowerAgain : id % 2 ? *owner : *borrower;
        sender.send(
            {{"type"_L1, u"ask"_s}, {"id"_L1, id}, {"text"_L1, u"Question number %1 from one device"_s.arg(id)}});
        if (id < 4)
            QVERIFY(!sender.take(u"asked"_s, id).isEmpty());
        else
            QCOMPARE(sender.take(u"error"_s, id).value("code"_L1).toString(), u"rate-limited"_s);
    }
    QCOMPARE(m_questions->questions().size(), 3);
}

void TestIdentityAttacks::replayedVotesCountOnce()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"first"_s));
    const QString device = newDevice();
    std::unique_ptr<Client> client = phone(device);
    QVERIFY(client);
    const QByteArray vote =
        compact({{"type"_L1, u"vote"_s}, {"id"_L1, 7}, {"poll"_L1, u"first"_s}, {"answer"_L1, QJsonArray{u"yes"_s}}});

    // The same bytes, again and again on one connection, all in one batch and then one by one.
    for (int i = 0; i < 5; ++i)
        client->sendText(vote);
    for (int i = 0; i < 5; ++i)
        QVERIFY(!client->take(u"ack"_s, 7).isEmpty());
    client->sendText(vote);
    QVERIFY(!client->take(u"ack"_s, 7).isEmpty());
    QCOMPARE(votersOf(u"first"_s), 1);

    // After reconnecting, as a page that lost its connection does; and from another address.
    client.reset();
    QTRY_COMPARE(m_server->phoneCount(), 0);
    std::unique_ptr<Client> again = phone(device, loopback(9));
    QVERIFY(again);
    again->sendText(vote);
    QCOMPARE(again->take(u"ack"_s, 7).value("answer"_L1).toArray(), QJsonArray{u"yes"_s});
    QCOMPARE(votersOf(u"first"_s), 1);
    QCOMPARE(storedVotes(u"first"_s), 1);
    const Result<PollResults> results = m_polls->results(u"first"_s);
    VERIFY_OK(results);
    QCOMPARE(results->counts.constFirst().count, 1);

    // Replayed by another device (its own token in the hello), it is that device's vote, not a second one of this.
    const QString other = newDevice();
    std::unique_ptr<Client> replayer = phone(other);
    QVERIFY(replayer);
    replayer->sendText(vote);
    QVERIFY(!replayer->take(u"ack"_s, 7).isEmpty());
    QCOMPARE(votersOf(u"first"_s), 2);
    QCOMPARE(*m_polls->answerOf(u"first"_s, device), std::optional<QStringList>(QStringList{u"yes"_s}));
}

void TestIdentityAttacks::replayedVoteAfterThePollClosedIsRefused()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"first"_s));
    const QString device = newDevice();
    std::unique_ptr<Client> client = phone(device);
    QVERIFY(client);
    client->vote(1, u"first"_s, u"yes"_s);
    QVERIFY(!client->take(u"ack"_s, 1).isEmpty());

    m_clock.advance(1s);
    VERIFY_OK(m_polls->close(u"first"_s));
    QVERIFY(client->sync());
    // The same vote, and a changed one, on the same connection and after reconnecting.
    client->vote(1, u"first"_s, u"yes"_s);
    QCOMPARE(client->take(u"error"_s, 1).value("code"_L1).toString(), u"poll-closed"_s);
    client->vote(2, u"first"_s, u"no"_s);
    QCOMPARE(client->take(u"error"_s, 2).value("code"_L1).toString(), u"poll-closed"_s);
    client.reset();
    std::unique_ptr<Client> again = phone(device, loopback(5));
    QVERIFY(again);
    again->vote(2, u"first"_s, u"no"_s);
    QCOMPARE(again->take(u"error"_s, 2).value("code"_L1).toString(), u"poll-closed"_s);

    // Nor into the next poll: its id is not the one running.
    VERIFY_OK(openPoll(u"second"_s));
    QVERIFY(again->sync());
    again->vote(3, u"first"_s, u"no"_s);
    QCOMPARE(again->take(u"error"_s, 3).value("code"_L1).toString(), u"unknown-poll"_s);
    QCOMPARE(votersOf(u"second"_s), 0);
    QCOMPARE(*m_polls->answerOf(u"first"_s, device), std::optional<QStringList>(QStringList{u"yes"_s}));
    QCOMPARE(storedVotes(u"first"_s), 1);
}

void TestIdentityAttacks::phonesAreNeverSentAnotherDevicesToken()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"first"_s));
    const QString author = newDevice();
    const QString watcher = newDevice();
    std::unique_ptr<Client> watching = phone(watcher, loopback(2));
    std::unique_ptr<Client> asking = phone(author, loopback(3));
    QVERIFY(watching && asking);
    asking->send({{"type"_L1, u"ask"_s}, {"id"_L1, 1}, {"text"_L1, u"Whose question is this?"_s}});
    QVERIFY(!asking->take(u"asked"_s, 1).isEmpty());
    asking->vote(2, u"first"_s, u"yes"_s);
    QVERIFY(!asking->take(u"ack"_s, 2).isEmpty());
    QVERIFY(!watching->take(u"questionUpdates"_s).isEmpty());
    // A newcomer gets the whole Q&A at once.
    std::unique_ptr<Client> late = phone(newDevice(), loopback(4));
    QVERIFY(late);
    QVERIFY(!late->take(u"questions"_s).isEmpty());
    QVERIFY(watching->sync() && late->sync());
    QVERIFY(!watching->texts().contains(author.toUtf8()));
    QVERIFY(!late->texts().contains(author.toUtf8()));
    QVERIFY(!asking->texts().contains(watcher.toUtf8()));
}

void TestIdentityAttacks::oneAddressMintsABoundedNumberOfTokens()
{
    // The default burst of joins, refilled so slowly that none comes back during the test: the count is exact, and
    // the address stays out of joins for the hello below. Requests are not what is measured here.
    ServerLimits limits;
    limits.joinsPerAddress = {20, 0.001};
    limits.requestsPerAddress = {1000, 100};
    VERIFY_OK(startServer(limits));
    QElapsedTimer timer;
    timer.start();
    int issued = 0;
    int refused = 0;
    for (int i = 0; i < 200; ++i) {
        // Without a token, with a forged one, with a wrong room code: each may mint or guess, each costs a join.
        const QByteArray body = i % 3 == 0   ? compact({{"room"_L1, roomCode()}})
                                : i % 3 == 1 ? compact({{"room"_L1, roomCode()}, {"device"_L1, u"forged%1"_s.arg(i)}})
                                             : compact({{"room"_L1, u"WRONG%1"_s.arg(i)}});
        const HttpAnswer answer = request(loopback(7), "POST", "/api/v1/join", body);
        if (answer.status == 200)
            ++issued;
        else if (answer.status == 429)
            ++refused;
        else
            QCOMPARE(answer.status, 403);
        if (answer.status == 429)
            QVERIFY(answer.head.toLower().contains("retry-after:"));
    }
    const double seconds = double(timer.elapsed()) / 1000.0;
    const int allowed = int(limits.joinsPerAddress.burst + limits.joinsPerAddress.perSecond * seconds) + 1;
    qInfo("200 joins from one address in %.1f s: %d tokens issued, %d refused", seconds, issued, refused);
    QVERIFY2(m_room->deviceCount() <= allowed, qPrintable(QString::number(m_room->deviceCount())));
    QCOMPARE(m_room->deviceCount(), issued);
    QVERIFY(refused >= 200 - allowed);

    // Its hellos are refused too while it has no join left (a wrong room code is a guess): another address is not.
    const QString device = jsonObject(join(loopback(8)).body).value("device"_L1).toString();
    QVERIFY(!device.isEmpty());
    Client guesser(loopback(7));
    QVERIFY(guesser.connectTo(m_server->port()));
    QVERIFY(guesser.upgrade());
    guesser.hello(roomCode(), device);
    QCOMPARE(guesser.take(u"error"_s).value("code"_L1).toString(), u"rate-limited"_s);
    QVERIFY(phone(device, loopback(8)));
}

void TestIdentityAttacks::moderatorTokenComparedInFullWithoutEarlyExit()
{
    const QString token = m_room->moderatorToken();
    QCOMPARE(token.size(), 22);
    QVERIFY(m_room->acceptsModeratorToken(token));
    QVERIFY(m_room->acceptsModeratorToken(QString(token))); // another copy, not the same buffer
    QVERIFY(!m_room->acceptsModeratorToken(QString()));
    QVERIFY(!m_room->acceptsModeratorToken(token.left(21)));
    QVERIFY(!m_room->acceptsModeratorToken(QString(token + u'A')));
    QVERIFY(!m_room->acceptsModeratorToken(QString(token + QChar(0))));
    QVERIFY(!m_room->acceptsModeratorToken(token.toUpper() == token ? token.toLower() : token.toUpper()));
    // One character off, at each place, by one bit and by a character whose low byte is the same.
    for (qsizetype i = 0; i < token.size(); ++i) {
        QString flipped = token;
        flipped[i] = QChar(token.at(i).unicode() ^ 1);
        QVERIFY2(!m_room->acceptsModeratorToken(flipped), qPrintable(QString::number(i)));
        QString wide = token;
        wide[i] = QChar(token.at(i).unicode() | 0x100);
        QVERIFY2(!m_room->acceptsModeratorToken(wide), qPrintable(QString::number(i)));
    }
}

void TestIdentityAttacks::moderatorTokenComparisonReadsEveryCharacter()
{
    // A guess whose first character is wrong, laid out so that every character after the first lies on a page that
    // may not be read: a compare that stops at the first difference never touches that page, one in constant time
    // reads it (the trap records it and lets the read go on).
    const QString token = m_room->moderatorToken();
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    void *memory = ::mmap(nullptr, size_t(2 * pageSize), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    QVERIFY(memory != MAP_FAILED);
    char *second = static_cast<char *>(memory) + pageSize;
    auto *guess = reinterpret_cast<char16_t *>(second) - 1;
    for (qsizetype i = 0; i < token.size(); ++i)
        guess[i] = token.at(i).unicode();
    guess[0] = char16_t(guess[0] ^ 1);

    struct sigaction trap
    {
    };
    trap.sa_sigaction = &ReadTrap::handler;
    trap.sa_flags = SA_SIGINFO;
    sigemptyset(&trap.sa_mask);
    ReadTrap::page = second;
    ReadTrap::pageSize = pageSize;
    ReadTrap::tripped = 0;
    QCOMPARE(::sigaction(SIGSEGV, &trap, &ReadTrap::previous), 0);
    QCOMPARE(::mprotect(second, size_t(pageSize), PROT_NONE), 0);
    const bool accepted = m_room->acceptsModeratorToken(QStringView(guess, token.size()));
    const bool readPastTheDifference = ReadTrap::tripped != 0;
    ::mprotect(second, size_t(pageSize), PROT_READ | PROT_WRITE);
    ::sigaction(SIGSEGV, &ReadTrap::previous, nullptr);
    ReadTrap::page = nullptr;

    // The same layout with the right characters is accepted: the trap itself does not change the answer.
    guess[0] = token.at(0).unicode();
    const bool rightAccepted = m_room->acceptsModeratorToken(QStringView(guess, token.size()));
    ::munmap(memory, size_t(2 * pageSize));
    QVERIFY(!accepted);
    QVERIFY2(readPastTheDifference, "the compare stopped at the first character that differs");
    QVERIFY(rightAccepted);
}

void TestIdentityAttacks::moderatorTokenGuessesAreLimitedAndTheRightOneWaits()
{
    ServerLimits limits;
    limits.joinsPerAddress = {6, 0.1}; // a guess back every 10 s
    VERIFY_OK(startServer(limits));
    QElapsedTimer timer;
    timer.start();
    const QString token = m_room->moderatorToken();
    const QHostAddress guesser = loopback(11);
    // Guesses over HTTP (the page, an export) and over the WebSocket cost the same.
    QString wrong = token;
    wrong[5] = wrong.at(5) == u'A' ? u'B' : u'A';
    QCOMPARE(request(guesser, "GET", "/m/" + wrong.toUtf8()).status, 403);
    QCOMPARE(request(guesser, "GET", "/m/" + wrong.toUtf8() + "/export/csv").status, 403);
    QCOMPARE(request(guesser, "GET", "/m/").status, 403);
    Client socketGuess(guesser);
    QVERIFY(socketGuess.connectTo(m_server->port()));
    QVERIFY(socketGuess.upgrade());
    socketGuess.moderatorHello(wrong);
    QCOMPARE(socketGuess.take(u"error"_s).value("code"_L1).toString(), u"forbidden"_s);
    QVERIFY(socketGuess.waitClosed());
    QCOMPARE(socketGuess.closeCode(), std::optional<int>(4001));
    int forbidden = 4;
    while (forbidden < 20) {
        const HttpAnswer answer = request(guesser, "GET", "/m/" + DeviceStore::newToken().toUtf8());
        if (answer.status == 429)
            break;
        QCOMPARE(answer.status, 403);
        ++forbidden;
    }
    // The limit bit after the burst (and what refilled meanwhile).
    const int allowed = 6 + int(0.1 * double(timer.elapsed()) / 1000.0);
    QVERIFY2(forbidden <= allowed, qPrintable(QString::number(forbidden)));

    // The right token now: refused over HTTP and over the WebSocket, telling nothing about it.
    const HttpAnswer page = request(guesser, "GET", "/m/" + token.toUtf8());
    QCOMPARE(page.status, 429);
    QCOMPARE(page.code(), u"rate-limited"_s);
    QVERIFY(!page.body.contains("<html"));
    Client socketRight(guesser);
    QVERIFY(socketRight.connectTo(m_server->port()));
    QVERIFY(socketRight.upgrade());
    socketRight.moderatorHello(token);
    QCOMPARE(socketRight.take(u"error"_s).value("code"_L1).toString(), u"rate-limited"_s);
    // Still not greeted: anything else now is answered hello-first, after whatever the server sent before.
    socketRight.send({{"type"_L1, u"ping"_s}});
    QCOMPARE(socketRight.take(u"error"_s).value("code"_L1).toString(), u"hello-first"_s);
    QCOMPARE(socketRight.count(u"moderation"_s), 0);

    // Once the window has passed, the right token works.
    QTRY_COMPARE_WITH_TIMEOUT(request(guesser, "GET", "/m/" + token.toUtf8()).status, 200, 15'000);
}

void TestIdentityAttacks::moderatorGuessingFromOneAddressDoesNotLockOutAnother()
{
    ServerLimits limits;
    limits.joinsPerAddress = {3, 0.01};
    VERIFY_OK(startServer(limits));
    for (int i = 0; i < 10; ++i)
        request(loopback(12), "GET", "/m/" + DeviceStore::newToken().toUtf8());
    QCOMPARE(request(loopback(12), "GET", "/m/" + m_room->moderatorToken().toUtf8()).status, 429);
    // The organizer's laptop or phone, elsewhere in the room.
    QCOMPARE(request(loopback(13), "GET", "/m/" + m_room->moderatorToken().toUtf8()).status, 200);
    Client moderator(loopback(13));
    QVERIFY(moderator.connectTo(m_server->port()));
    QVERIFY(moderator.upgrade());
    moderator.moderatorHello(m_room->moderatorToken());
    QVERIFY(!moderator.take(u"moderation"_s).isEmpty());
}

void TestIdentityAttacks::moderatorRoutesRefuseAudienceCredentials_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("headers");
    QTest::newRow("page with a device token") << "/m/DEVICE"_ba << QByteArray();
    QTest::newRow("page with the room code") << "/m/ROOM"_ba << QByteArray();
    QTest::newRow("page from the phone page") << "/m/DEVICE"_ba
                                              << "Referer: http://127.0.0.1/j/ROOM\r\nOrigin: http://127.0.0.1\r\n"_ba;
    QTest::newRow("page with the device as a bearer") << "/m/"_ba
                                                      << "Authorization: Bearer DEVICE\r\n"_ba;
    QTest::newRow("page with the device in a cookie") << "/m/"_ba
                                                      << "Cookie: device=DEVICE\r\n"_ba;
    QTest::newRow("page with the device in the query") << "/m/?device=DEVICE&token=DEVICE"_ba << QByteArray();
    QTest::newRow("export with a device token") << "/m/DEVICE/export/csv"_ba << QByteArray();
    QTest::newRow("export with the device in the query") << "/m/x/export/json?device=DEVICE"_ba << QByteArray();
    QTest::newRow("export of names") << "/m/DEVICE/export/csv?names=1"_ba << QByteArray();
}

void TestIdentityAttacks::moderatorRoutesRefuseAudienceCredentials()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, headers);
    VERIFY_OK(startServer());
    const QString device = newDevice();
    target.replace("DEVICE", device.toUtf8()).replace("ROOM", roomCode().toUtf8());
    headers.replace("DEVICE", device.toUtf8()).replace("ROOM", roomCode().toUtf8());
    const HttpAnswer answer = request(QHostAddress(QHostAddress::LocalHost), "GET", target, {}, headers);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.code(), u"forbidden"_s);
    QVERIFY(!answer.body.contains("<html"));
    QVERIFY(!answer.body.contains(m_room->moderatorToken().toUtf8()));
    QVERIFY(!answer.head.toLower().contains("content-disposition"));
}

void TestIdentityAttacks::phoneSocketCannotModerateOrBecomeAModerator()
{
    VERIFY_OK(startServer());
    VERIFY_OK(m_questions->setApprovalRequired(true));
    const QString device = newDevice();
    std::unique_ptr<Client> client = phone(device);
    QVERIFY(client);
    client->send({{"type"_L1, u"ask"_s}, {"id"_L1, 1}, {"text"_L1, u"Approve me, please"_s}});
    const QJsonObject asked = client->take(u"asked"_s, 1);
    const qint64 question = asked.value("question"_L1).toObject().value("id"_L1).toInteger();
    QVERIFY(question > 0);
    QCOMPARE(m_questions->question(question)->question.state, Question::State::Waiting);

    // Every moderator message, well-formed or not: forbidden, nothing changes.
    const QList<QJsonObject> messages{
        {{"type"_L1, u"moderate"_s}, {"id"_L1, 2}, {"action"_L1, u"approve"_s}, {"question"_L1, question}},
        {{"type"_L1, u"moderate"_s}, {"id"_L1, 3}, {"action"_L1, u"pin"_s}, {"question"_L1, question}},
        {{"type"_L1, u"moderate"_s}, {"id"_L1, 4}, {"action"_L1, u"block"_s}, {"question"_L1, question}},
        {{"type"_L1, u"moderate"_s}, {"id"_L1, 5}},
        {{"type"_L1, u"settings"_s}, {"id"_L1, 6}, {"approval"_L1, false}},
        {{"type"_L1, u"settings"_s}, {"id"_L1, 7}, {"blockedWords"_L1, QJsonArray{u"the"_s}}},
    };
    for (const QJsonObject &message : messages) {
        client->send(message);
        const qint64 id = message.value("id"_L1).toInteger();
        QCOMPARE(client->take(u"error"_s, id).value("code"_L1).toString(), u"forbidden"_s);
    }
    // Its own token, then the room code, as a moderator's: not a moderator.
    client->moderatorHello(device);
    client->moderatorHello(roomCode());
    QVERIFY(client->sync());
    QCOMPARE(client->count(u"moderation"_s), 0);
    QVERIFY(client->isConnected());

    QCOMPARE(m_questions->question(question)->question.state, Question::State::Waiting);
    QVERIFY(m_questions->isApprovalRequired());
    QVERIFY(m_questions->blockedWords().isEmpty());
    QVERIFY(!m_questions->isDeviceBlocked(device));

    // A socket that greets as a moderator with a device token is closed, and one that greeted as a phone cannot turn
    // moderator even with the right token.
    Client pretender;
    QVERIFY(pretender.connectTo(m_server->port()));
    QVERIFY(pretender.upgrade());
    pretender.moderatorHello(device);
    QCOMPARE(pretender.take(u"error"_s).value("code"_L1).toString(), u"forbidden"_s);
    QVERIFY(pretender.waitClosed());
    client->moderatorHello(m_room->moderatorToken());
    QVERIFY(client->sync());
    QCOMPARE(client->count(u"moderation"_s), 0);
    client->send({{"type"_L1, u"moderate"_s}, {"id"_L1, 8}, {"action"_L1, u"approve"_s}, {"question"_L1, question}});
    QCOMPARE(client->take(u"error"_s, 8).value("code"_L1).toString(), u"forbidden"_s);
    QCOMPARE(m_questions->question(question)->question.state, Question::State::Waiting);
}

QTEST_GUILESS_MAIN(TestIdentityAttacks)

#include "tst_identityattacks.moc"
