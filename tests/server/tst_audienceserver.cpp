#include "event/audienceroom.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "server/audienceserver.h"
#include "storage/database.h"
#include "storage/pollstore.h"
#include "storage/questionstore.h"
#include "timer/clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <memory>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 5000;

Poll choicePoll(const QString &id, Poll::Kind kind, const QStringList &optionIds, Poll::ResultsVisibility visibility)
{
    Poll poll;
    poll.id = id;
    poll.question = id + u'?';
    poll.kind = kind;
    for (const QString &option : optionIds)
        poll.options.append({option, option.toUpper()});
    poll.resultsVisibility = visibility;
    return poll;
}

Poll otherPoll(const QString &id, Poll::Kind kind, Poll::ResultsVisibility visibility)
{
    Poll poll;
    poll.id = id;
    poll.question = id + u'?';
    poll.kind = kind;
    poll.resultsVisibility = visibility;
    if (kind == Poll::Kind::Rating) {
        poll.ratingLowLabel = u"Boring"_s;
        poll.ratingHighLabel = u"Great"_s;
    }
    return poll;
}

/** One session with a poll of each kind. */
Event meetup()
{
    Poll nix = choicePoll(u"nix"_s, Poll::Kind::MultipleChoice, {u"use-it"_s, u"heard-of-it"_s, u"never-heard"_s},
                          Poll::ResultsVisibility::AfterReveal);
    nix.maxChoices = 2;
    Session session;
    session.title = u"uv and Nix"_s;
    session.polls = {
        choicePoll(u"uses-uv"_s, Poll::Kind::SingleChoice, {u"yes"_s, u"no"_s, u"what-is-uv"_s},
                   Poll::ResultsVisibility::AfterVoting),
        nix,
        otherPoll(u"rating"_s, Poll::Kind::Rating, Poll::ResultsVisibility::AfterReveal),
        otherPoll(u"words"_s, Poll::Kind::WordCloud, Poll::ResultsVisibility::Never),
        otherPoll(u"feedback"_s, Poll::Kind::OpenText, Poll::ResultsVisibility::AfterVoting),
    };
    Event event;
    event.title = u"Robust Python evening"_s;
    event.sessions = {session};
    return event;
}

template<class T>
QByteArray reason(const Result<T> &result)
{
    return result ? QByteArray() : result.error().toLocal8Bit();
}

/** Checks that a Result succeeded, printing its message when it did not. */
#define VERIFY_OK(expression)                                                                                          \
    do {                                                                                                               \
        const auto result_ = (expression);                                                                             \
        QVERIFY2(result_, reason(result_).constData());                                                                \
    } while (false)

QJsonObject jsonObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

/** An answer over HTTP, read whole. */
struct HttpAnswer
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< names lower-case

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QString code() const { return jsonObject(body).value("code"_L1).toString(); }
};

/** A phone's WebSocket: keeps every message received, in order, for the test to take. */
class Phone
{
public:
    Phone()
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &text) {
            const QJsonObject message = jsonObject(text.toUtf8());
            if (m_onMessage)
                m_onMessage(message);
            m_messages.append(message);
            m_texts.append(text);
        });
    }

    bool connectTo(quint16 port)
    {
        m_socket.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port)));
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, kTimeoutMs);
    }
    void send(const QJsonObject &message)
    {
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    void hello(const QString &room, const QString &device)
    {
        send({{"type"_L1, u"hello"_s}, {"protocol"_L1, 1}, {"room"_L1, room}, {"device"_L1, device}});
    }
    void vote(int id, const QString &poll, const QStringList &answer)
    {
        send({{"type"_L1, u"vote"_s},
              {"id"_L1, id},
              {"poll"_L1, poll},
              {"answer"_L1, QJsonArray::fromStringList(answer)}});
    }
    void ask(int id, const QString &text, const QString &name = QString())
    {
        QJsonObject message{{"type"_L1, u"ask"_s}, {"id"_L1, id}, {"text"_L1, text}};
        if (!name.isNull())
            message.insert("name"_L1, name);
        send(message);
    }
    void upvote(int id, qint64 question, bool on = true)
    {
        send({{"type"_L1, u"upvote"_s}, {"id"_L1, id}, {"question"_L1, question}, {"on"_L1, on}});
    }
    void withdraw(int id, qint64 question)
    {
        send({{"type"_L1, u"withdraw"_s}, {"id"_L1, id}, {"question"_L1, question}});
    }
    void moderatorHello(const QString &token)
    {
        send({{"type"_L1, u"moderator"_s}, {"protocol"_L1, 1}, {"token"_L1, token}});
    }
    void moderate(int id, const QString &action, qint64 question, qint64 into = 0)
    {
        QJsonObject message{
            {"type"_L1, u"moderate"_s}, {"id"_L1, id}, {"action"_L1, action}, {"question"_L1, question}};
        if (into)
            message.insert("into"_L1, into);
        send(message);
    }
    /** Every message received, as the text that arrived. */
    const QStringList &texts() const { return m_texts; }

    /** Everything the server sent before it read this ping has arrived when this returns true. */
    bool sync()
    {
        const int pongs = count(u"pong"_s);
        send({{"type"_L1, u"ping"_s}});
        return QTest::qWaitFor([&] { return count(u"pong"_s) > pongs; }, kTimeoutMs);
    }

    /** Waits for a message of this type and removes the first one from those kept; empty when none came. */
    QJsonObject take(const QString &type)
    {
        QJsonObject found;
        const bool arrived = QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < m_messages.size(); ++i) {
                    if (m_messages.at(i).value("type"_L1).toString() == type) {
                        found = m_messages.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            kTimeoutMs);
        return arrived ? found : QJsonObject();
    }
    /** The latest message of this type received so far; empty when none. */
    QJsonObject last(const QString &type) const
    {
        for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
            if (m_messages.at(i).value("type"_L1).toString() == type)
                return m_messages.at(i);
        }
        return {};
    }
    int count(const QString &type) const
    {
        return int(std::count_if(m_messages.cbegin(), m_messages.cend(), [&](const QJsonObject &message) {
            return message.value("type"_L1).toString() == type;
        }));
    }
    bool waitClosed()
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, kTimeoutMs);
    }
    int closeCode() const { return int(m_socket.closeCode()); }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QWebSocket &socket() { return m_socket; }
    void onMessage(std::function<void(const QJsonObject &)> handler) { m_onMessage = std::move(handler); }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    QStringList m_texts;
    std::function<void(const QJsonObject &)> m_onMessage;
};

/**
 * A phone's WebSocket spoken by hand over a plain socket that reads only when told to: it can stop reading, as a
 * phone on a weak network (or a page frozen in the background) does. Its receive buffer is small and it asks for
 * small segments, so that the network takes little before the server has to keep the rest.
 */
class SlowPhone
{
public:
    SlowPhone() = default;
    SlowPhone(const SlowPhone &) = delete;
    SlowPhone &operator=(const SlowPhone &) = delete;
    ~SlowPhone()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    /** Connects and completes the WebSocket handshake. */
    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0)
            return false;
        const int receiveBuffer = 4096;
        const int segment = 536;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_MAXSEG, &segment, sizeof segment);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        // The kernel completes the connection for the listening socket: this returns without the event loop.
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            return false;
        if (::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK) != 0)
            return false;
        if (!write(QByteArray("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")))
            return false;
        if (!QTest::qWaitFor([this] { return read() && m_data.contains("\r\n\r\n"); }, kTimeoutMs))
            return false;
        const qsizetype headEnd = m_data.indexOf("\r\n\r\n");
        m_upgraded = m_data.startsWith("HTTP/1.1 101");
        if (!m_upgraded)
            qWarning() << "the server did not upgrade:" << m_data.left(headEnd);
        m_data.remove(0, headEnd + 4);
        parseFrames();
        return m_upgraded;
    }
    /** Sends one text message, masked as a client must. */
    bool send(const QJsonObject &message)
    {
        const QByteArray payload = QJsonDocument(message).toJson(QJsonDocument::Compact);
        Q_ASSERT(payload.size() < 126);
        const char mask[4] = {0x1d, 0x2e, 0x3f, 0x40};
        QByteArray frame;
        frame.append(char(0x81));
        frame.append(char(0x80 | payload.size()));
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload.at(i) ^ mask[i % 4]));
        return write(frame);
    }
    /** Takes what the network holds for it now, and returns true (the form QTest::qWaitFor wants). */
    bool read()
    {
        char buffer[64 * 1024];
        for (;;) {
            const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (got <= 0)
                break;
            m_data.append(buffer, got);
        }
        if (m_upgraded)
            parseFrames();
        return true;
    }
    /** The text messages read so far, in order. */
    const QList<QJsonObject> &messages() const { return m_messages; }
    int count(const QString &type) const
    {
        return int(std::count_if(m_messages.cbegin(), m_messages.cend(), [&](const QJsonObject &message) {
            return message.value("type"_L1).toString() == type;
        }));
    }

private:
    bool write(const QByteArray &bytes)
    {
        qsizetype written = 0;
        const bool done = QTest::qWaitFor(
            [&] {
                const ssize_t sent = ::send(m_fd, bytes.constData() + written, size_t(bytes.size() - written), 0);
                if (sent > 0)
                    written += sent;
                return written == bytes.size() || (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
            },
            kTimeoutMs);
        return done && written == bytes.size();
    }
    /** The server's frames are not masked; a message may span frames (continuations). */
    void parseFrames()
    {
        for (;;) {
            if (m_data.size() < 2)
                return;
            const auto byte = [this](qsizetype i) { return quint8(m_data.at(i)); };
            const bool last = byte(0) & 0x80;
            const int opcode = byte(0) & 0x0f;
            quint64 length = byte(1) & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (m_data.size() < 4)
                    return;
                length = (quint64(byte(2)) << 8) | byte(3);
                header = 4;
            } else if (length == 127) {
                if (m_data.size() < 10)
                    return;
                length = 0;
                for (int i = 2; i < 10; ++i)
                    length = (length << 8) | byte(i);
                header = 10;
            }
            if (quint64(m_data.size() - header) < length)
                return;
            const QByteArray payload = m_data.mid(header, qsizetype(length));
            m_data.remove(0, header + qsizetype(length));
            if (opcode == 0x1 || opcode == 0x0) {
                m_partial += payload;
                if (last)
                    m_messages.append(jsonObject(std::exchange(m_partial, QByteArray())));
            }
        }
    }

    int m_fd = -1;
    bool m_upgraded = false;
    QByteArray m_data;
    QByteArray m_partial;
    QList<QJsonObject> m_messages;
};

QStringList answerOf(const QJsonObject &pollMessage)
{
    const QJsonValue answer = pollMessage.value("poll"_L1).toObject().value("yourAnswer"_L1);
    QStringList strings;
    for (const QJsonValue &part : answer.toArray())
        strings.append(part.toString());
    return strings;
}

/** The question with this id in a list of question objects; empty when it is not there. */
QJsonObject questionIn(const QJsonArray &questions, qint64 id)
{
    for (const QJsonValue &question : questions) {
        if (question.toObject().value("id"_L1).toInteger() == id)
            return question.toObject();
    }
    return {};
}

int countOf(const QJsonObject &results, const QString &answer)
{
    const QJsonArray counts = results.value("counts"_L1).toArray();
    for (const QJsonValue &count : counts) {
        if (count.toObject().value("answer"_L1).toString() == answer)
            return count.toObject().value("count"_L1).toInt();
    }
    return -1;
}

} // namespace

class TestAudienceServer : public QObject
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
    QNetworkAccessManager m_network;

    QString databasePath() const { return m_dir->filePath(u"event.sqlite"_s); }

    /** Opens the event's database, polls and room as a start of Lectern does. */
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
        m_network.clearConnectionCache();
        m_server.reset();
        m_room.reset();
        m_questions.reset();
        m_polls.reset();
        m_database.reset();
    }
    Result<> startServer(const ServerLimits &limits = {}, quint16 port = 0)
    {
        m_server = std::make_unique<AudienceServer>(*m_polls, *m_room, limits);
        m_server->setQuestions(m_questions.get());
        return m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), port});
    }
    QUrl url(const QString &path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server->port()).arg(path)); }
    QString roomCode() const { return m_room->roomCode(); }
    /** Ends the HTTP connections the network manager keeps open, so that only the test's own are counted. */
    bool dropHttpConnections()
    {
        m_network.clearConnectionCache();
        return QTest::qWaitFor([this] { return m_server->connectionCount() == 0; }, kTimeoutMs);
    }

    HttpAnswer finish(QNetworkReply *reply)
    {
        std::unique_ptr<QNetworkReply> owned(reply);
        HttpAnswer answer;
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kTimeoutMs))
            return answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        const QList<QNetworkReply::RawHeaderPair> headers = reply->rawHeaderPairs();
        for (const auto &header : headers)
            answer.headers.insert(header.first.toLower(), header.second);
        return answer;
    }
    HttpAnswer get(const QString &path) { return finish(m_network.get(QNetworkRequest(url(path)))); }
    HttpAnswer post(const QString &path, const QByteArray &body, const QByteArray &contentType = "application/json"_ba)
    {
        QNetworkRequest request(url(path));
        request.setRawHeader("Content-Type"_ba, contentType);
        return finish(m_network.post(request, body));
    }
    HttpAnswer join(const QString &room, const QString &device = QString())
    {
        QJsonObject body{{"room"_L1, room}};
        if (!device.isEmpty())
            body.insert("device"_L1, device);
        return post(u"/api/v1/join"_s, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    QString newDevice()
    {
        const HttpAnswer answer = join(roomCode());
        return jsonObject(answer.body).value("device"_L1).toString();
    }

    /** Sends bytes as they are (paths a client library would clean up) and reads the answer whole. */
    HttpAnswer raw(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, kTimeoutMs))
            return {};
        socket.write(request);
        QByteArray data;
        const auto complete = [&] {
            const qsizetype headEnd = data.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return false;
            const QByteArray head = data.left(headEnd).toLower();
            const qsizetype length = head.indexOf("content-length:");
            if (length < 0)
                return true;
            const qsizetype lineEnd = head.indexOf("\r\n", length);
            const int bodyLength = head.mid(length + 15, lineEnd < 0 ? -1 : lineEnd - length - 15).trimmed().toInt();
            return data.size() >= headEnd + 4 + bodyLength;
        };
        const bool answered = QTest::qWaitFor(
            [&] {
                data += socket.readAll();
                return complete() || socket.state() == QAbstractSocket::UnconnectedState;
            },
            kTimeoutMs);
        if (!answered)
            qWarning() << "no whole answer to" << request.left(request.indexOf('\r'));
        data += socket.readAll();

        HttpAnswer answer;
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        const QList<QByteArray> lines = data.left(headEnd).split('\n');
        if (lines.isEmpty())
            return answer;
        const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
        answer.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                answer.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                      lines.at(i).mid(colon + 1).trimmed());
        }
        answer.body = headEnd < 0 ? QByteArray() : data.mid(headEnd + 4);
        return answer;
    }

    /** A phone that joined and said hello, its welcome and first poll message taken. */
    std::unique_ptr<Phone> greetedPhone(const QString &device)
    {
        auto phone = std::make_unique<Phone>();
        if (!phone->connectTo(m_server->port()))
            return nullptr;
        phone->hello(roomCode(), device);
        if (phone->take(u"welcome"_s).isEmpty())
            return nullptr;
        return phone;
    }

    /** A moderator page's WebSocket, its token accepted and its first `moderation` message taken. */
    std::unique_ptr<Phone> moderator(QJsonObject *snapshot = nullptr)
    {
        auto moderator = std::make_unique<Phone>();
        if (!moderator->connectTo(m_server->port()))
            return nullptr;
        moderator->moderatorHello(m_room->moderatorToken());
        const QJsonObject moderation = moderator->take(u"moderation"_s);
        if (moderation.isEmpty())
            return nullptr;
        if (snapshot)
            *snapshot = moderation;
        return moderator;
    }

    /** Asks a question from phone and returns its id (0 when it was not acknowledged). */
    qint64 askFrom(Phone &phone, int requestId, const QString &text)
    {
        phone.ask(requestId, text);
        const QJsonObject asked = phone.take(u"asked"_s);
        if (asked.value("id"_L1).toInt() != requestId)
            return 0;
        return asked.value("question"_L1).toObject().value("id"_L1).toInteger();
    }

    Result<> openPoll(const QString &pollId)
    {
        m_clock.advance(1s);
        return m_polls->open(pollId);
    }

    void verifySecurityHeaders(const HttpAnswer &answer, const QByteArray &cacheControl)
    {
        QCOMPARE(answer.header("Content-Security-Policy"_ba), "default-src 'self'"_ba);
        QCOMPARE(answer.header("X-Content-Type-Options"_ba), "nosniff"_ba);
        QCOMPARE(answer.header("Referrer-Policy"_ba), "no-referrer"_ba);
        QCOMPARE(answer.header("Cache-Control"_ba), cacheControl);
        for (auto it = answer.headers.cbegin(); it != answer.headers.cend(); ++it)
            QVERIFY2(!it.key().startsWith("access-control-"), it.key().constData());
    }

private slots:
    void init();
    void cleanup();

    void servesThePhonePageAtRootAndJoinAddress_data();
    void servesThePhonePageAtRootAndJoinAddress();
    void servesTheStaticFilesWithTheirTypes_data();
    void servesTheStaticFilesWithTheirTypes();
    void answersUnknownFilesAndTraversalWith404_data();
    void answersUnknownFilesAndTraversalWith404();
    void answersAnotherMethodWith405();
    void answersAPlainGetOnTheWebSocketAddressWith400();

    void joinWithTheRoomCodeIssuesAToken();
    void joinWithAnotherRoomsCodeIsRefused();
    void joinKeepsAnIssuedTokenAndReplacesAnUnknownOne();
    void joinRefusesMalformedRequests_data();
    void joinRefusesMalformedRequests();
    void joinRefusesAnOversizedBody();
    void joinsAreRateLimitedPerAddress();
    void requestsAreRateLimitedPerAddress();
    void webSocketUpgradesAreRateLimitedPerAddress();
    void connectionsOverTheCapAreRefused();

    void webSocketMustSayHelloFirst();
    void helloWithAnotherRoomOrAnUnknownDeviceCloses_data();
    void helloWithAnotherRoomOrAnUnknownDeviceCloses();
    void helloMustComeInTime();
    void helloIsAnsweredWithWelcomeAndTheCurrentPoll();
    void phoneCountCountsDevicesThatSaidHelloNotSockets();
    void helloWithAWrongRoomCodeCostsAJoin();

    void voteIsAcknowledgedOnlyAfterItIsCommitted();
    void voteForAnotherPollIsRefused();
    void voteForAClosedPollIsRefused();
    void invalidAnswerIsRefusedWithTheReason();
    void voteThatCannotBeSavedIsReportedAsAStorageFailure();
    void duplicateAndConcurrentVotesFromOneDeviceCountOnce();
    void changingAVoteReplacesIt();
    void answersOfEachKindAreRecorded_data();
    void answersOfEachKindAreRecorded();
    void resultsGoOnlyToPhonesThatMaySeeThem();
    void resultsOfAPollShownAfterRevealWaitForTheReveal();
    void audienceTextReachesPhonesOnlyAfterTheReveal();
    void pollChangesReachEveryPhone();

    void webSocketMessagesAreRateLimitedPerDevice();
    void webSocketMessagesAreRateLimitedPerAddress();
    void idleWebSocketIsClosed();
    void oversizedWebSocketMessageClosesTheConnection();
    void binaryMessagesAreRefused();
    void webSocketOnAnotherAddressIsClosed();

    void helloIsFollowedByTheSessionsQuestions();
    void askedQuestionIsAcknowledgedAfterItIsCommittedAndReachesEveryPhone();
    void upvoteCountsOnceAndCanBeTakenBack();
    void duplicateUpvotesFromTwoConnectionsOfOneDeviceCountOnce();
    void upvoteOfAQuestionThatCannotBeUpvotedIsRefused();
    void authorWithdrawsOwnQuestionOnly();
    void invalidQuestionIsRefusedWithTheReason_data();
    void invalidQuestionIsRefusedWithTheReason();
    void oversizedQuestionClosesTheConnection();
    void questionTextIsStoredNormalisedAndSentAsText();
    void questionsAreRateLimitedPerDevice();
    void questionsAreRateLimitedPerAddress();
    void questionThatCannotBeSavedIsReportedAsAStorageFailure();
    void approvalQueueKeepsTheTextWithTheAuthor();
    void changesInOneTurnGoOutAsOneSharedUpdate();
    void questionWhoseVotesAloneChangedGoesOutWithoutItsText();
    void phoneThatFallsBehindIsSkippedThenResyncedWhenDrained();
    void anotherSessionSendsEveryPhoneItsQuestions();
    void questionMessagesNeedHelloFirst();
    void askingWithNoSessionOnStageIsRefused();

    void moderatorPageNeedsTheToken_data();
    void moderatorPageNeedsTheToken();
    void wrongModeratorTokensCostJoins();
    void moderatorWebSocketWithAWrongTokenIsForbidden();
    void moderatorGetsTheSnapshotWithoutDeviceTokens();
    void moderatorApprovalReachesPhones();
    void moderatorActionsAreDoneOrRefused();
    void mergeTellsTheDuplicatesUpvotersTheyUpvoteItsTarget();
    void moderatorSettingsChangeApprovalAndBlockedWords();
    void moderatorActionThatCannotBeSavedIsReportedAsAStorageFailure();
    void moderatorTakesNoPhoneMessages();
    void phoneCannotModerate();
    void withoutQuestionsQuestionMessagesAreRefused();

    void restartKeepsVotesRoomCodeAndTokens();
    void explicitPortInUseIsAnError();
    void withoutAnExplicitPortTheNextFreeOneIsUsedAndRemembered();
    void stopClosesEveryConnection();
    void joinUrlNamesTheAddressPortAndRoom();
};

void TestAudienceServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const Result<> opened = openEvent();
    QVERIFY2(opened, reason(opened).constData());
}

void TestAudienceServer::cleanup()
{
    closeEvent();
    m_dir.reset();
}

void TestAudienceServer::servesThePhonePageAtRootAndJoinAddress_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("root") << u"/"_s;
    QTest::newRow("join address") << u"/j/K7P2QX"_s;
    QTest::newRow("join address with any code") << u"/j/not-a-code"_s;
}

void TestAudienceServer::servesThePhonePageAtRootAndJoinAddress()
{
    QFETCH(QString, path);
    VERIFY_OK(startServer());
    QFile index(u":/web/index.html"_s);
    QVERIFY(index.open(QIODevice::ReadOnly));

    const HttpAnswer answer = get(path);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Content-Type"_ba), "text/html; charset=utf-8"_ba);
    QCOMPARE(answer.body, index.readAll());
    verifySecurityHeaders(answer, "no-cache"_ba);
}

void TestAudienceServer::servesTheStaticFilesWithTheirTypes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("shared script") << u"/static/common.js"_s << u":/web/common.js"_s
                                   << "text/javascript; charset=utf-8"_ba;
    QTest::newRow("script") << u"/static/app.js"_s << u":/web/app.js"_s << "text/javascript; charset=utf-8"_ba;
    QTest::newRow("style") << u"/static/app.css"_s << u":/web/app.css"_s << "text/css; charset=utf-8"_ba;
    QTest::newRow("icon") << u"/static/icon.svg"_s << u":/web/icon.svg"_s << "image/svg+xml"_ba;
    QTest::newRow("English") << u"/static/i18n/en.json"_s << u":/web/i18n/en.json"_s
                             << "application/json; charset=utf-8"_ba;
    QTest::newRow("Japanese") << u"/static/i18n/ja.json"_s << u":/web/i18n/ja.json"_s
                              << "application/json; charset=utf-8"_ba;
    QTest::newRow("moderator script") << u"/static/moderator.js"_s << u":/web/moderator.js"_s
                                      << "text/javascript; charset=utf-8"_ba;
    QTest::newRow("moderator style") << u"/static/moderator.css"_s << u":/web/moderator.css"_s
                                     << "text/css; charset=utf-8"_ba;
}

void TestAudienceServer::servesTheStaticFilesWithTheirTypes()
{
    QFETCH(QString, path);
    QFETCH(QString, resource);
    QFETCH(QByteArray, contentType);
    VERIFY_OK(startServer());
    QFile file(resource);
    QVERIFY(file.open(QIODevice::ReadOnly));

    const HttpAnswer answer = get(path);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Content-Type"_ba), contentType);
    QCOMPARE(answer.body, file.readAll());
    verifySecurityHeaders(answer, "no-cache"_ba);
}

void TestAudienceServer::answersUnknownFilesAndTraversalWith404_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("unknown file") << "/static/secret.txt"_ba;
    QTest::newRow("resource folder") << "/static/i18n"_ba;
    QTest::newRow("index by name") << "/static/index.html"_ba;
    QTest::newRow("moderator page by name") << "/static/moderator.html"_ba;
    QTest::newRow("dot dot") << "/static/../x"_ba;
    QTest::newRow("dot dot to a served file") << "/static/i18n/../app.js"_ba;
    QTest::newRow("encoded dot dot") << "/static/%2e%2e/x"_ba;
    QTest::newRow("encoded slash") << "/static/..%2f..%2fetc%2fpasswd"_ba;
    QTest::newRow("absolute resource path") << "/static/:/web/app.js"_ba;
    QTest::newRow("trailing slash") << "/static/app.js/"_ba;
    QTest::newRow("no such route") << "/admin"_ba;
    QTest::newRow("join without code") << "/j/"_ba;
}

void TestAudienceServer::answersUnknownFilesAndTraversalWith404()
{
    QFETCH(QByteArray, target);
    VERIFY_OK(startServer());
    const HttpAnswer answer = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.code(), u"not-found"_s);
    QVERIFY(!jsonObject(answer.body).value("error"_L1).toString().isEmpty());
    verifySecurityHeaders(answer, "no-store"_ba);
}

void TestAudienceServer::answersAnotherMethodWith405()
{
    VERIFY_OK(startServer());
    const HttpAnswer postToPage = post(u"/"_s, "{}"_ba);
    QCOMPARE(postToPage.status, 405);
    QCOMPARE(postToPage.code(), u"bad-method"_s);
    QCOMPARE(postToPage.header("Allow"_ba), "GET"_ba);
    verifySecurityHeaders(postToPage, "no-store"_ba);

    const HttpAnswer getJoin = get(u"/api/v1/join"_s);
    QCOMPARE(getJoin.status, 405);
    QCOMPARE(getJoin.header("Allow"_ba), "POST"_ba);

    const HttpAnswer deleteFile = finish(m_network.deleteResource(QNetworkRequest(url(u"/static/app.js"_s))));
    QCOMPARE(deleteFile.status, 405);
}

void TestAudienceServer::answersAPlainGetOnTheWebSocketAddressWith400()
{
    VERIFY_OK(startServer());
    const HttpAnswer answer = get(u"/ws"_s);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.code(), u"bad-request"_s);
    verifySecurityHeaders(answer, "no-store"_ba);
}

void TestAudienceServer::joinWithTheRoomCodeIssuesAToken()
{
    VERIFY_OK(startServer());
    // As a person may type it: lower case, with a dash.
    const QString typed = roomCode().left(3).toLower() + u'-' + roomCode().mid(3).toLower();
    const HttpAnswer answer = join(typed);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Content-Type"_ba), "application/json; charset=utf-8"_ba);
    verifySecurityHeaders(answer, "no-store"_ba);
    const QJsonObject body = jsonObject(answer.body);
    QCOMPARE(body.value("protocol"_L1).toInt(), 1);
    QCOMPARE(body.value("room"_L1).toString(), roomCode());
    QCOMPARE(body.value("event"_L1).toString(), u"Robust Python evening"_s);
    QCOMPARE(body.value("session"_L1).toString(), u"uv and Nix"_s);
    const QString device = body.value("device"_L1).toString();
    QCOMPARE(device.size(), 22);
    QVERIFY(m_room->isKnownDevice(device));
}

void TestAudienceServer::joinWithAnotherRoomsCodeIsRefused()
{
    VERIFY_OK(startServer());
    const int devices = m_room->deviceCount();
    const QString other = roomCode() == u"AAAAAA"_s ? u"BBBBBB"_s : u"AAAAAA"_s;
    const HttpAnswer answer = join(other);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.code(), u"wrong-room"_s);
    QCOMPARE(m_room->deviceCount(), devices);
}

void TestAudienceServer::joinKeepsAnIssuedTokenAndReplacesAnUnknownOne()
{
    VERIFY_OK(startServer());
    const QString device = newDevice();
    QVERIFY(!device.isEmpty());

    const HttpAnswer again = join(roomCode(), device);
    QCOMPARE(again.status, 200);
    QCOMPARE(jsonObject(again.body).value("device"_L1).toString(), device);

    const HttpAnswer forged = join(roomCode(), u"AAAAAAAAAAAAAAAAAAAAAA"_s);
    QCOMPARE(forged.status, 200);
    const QString reissued = jsonObject(forged.body).value("device"_L1).toString();
    QVERIFY(reissued != u"AAAAAAAAAAAAAAAAAAAAAA"_s);
    QVERIFY(reissued != device);
    QVERIFY(m_room->isKnownDevice(reissued));
    QVERIFY(!m_room->isKnownDevice(u"AAAAAAAAAAAAAAAAAAAAAA"_s));
}

void TestAudienceServer::joinRefusesMalformedRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("not JSON") << "{room: K7P2QX"_ba
                              << "application/json"_ba;
    QTest::newRow("array") << R"(["K7P2QX"])"_ba
                           << "application/json"_ba;
    QTest::newRow("room missing") << R"({"device":"x"})"_ba
                                  << "application/json"_ba;
    QTest::newRow("room a number") << R"({"room":42})"_ba
                                   << "application/json"_ba;
    QTest::newRow("device an object") << R"({"room":"K7P2QX","device":{}})"_ba
                                      << "application/json"_ba;
    QTest::newRow("form content type") << R"({"room":"K7P2QX"})"_ba
                                       << "application/x-www-form-urlencoded"_ba;
    QTest::newRow("text content type") << R"({"room":"K7P2QX"})"_ba
                                       << "text/plain"_ba;
}

void TestAudienceServer::joinRefusesMalformedRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    VERIFY_OK(startServer());
    const HttpAnswer answer = post(u"/api/v1/join"_s, body, contentType);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.code(), u"bad-request"_s);
    QVERIFY(!jsonObject(answer.body).value("error"_L1).toString().isEmpty());
    QCOMPARE(m_room->deviceCount(), 0);
}

void TestAudienceServer::joinRefusesAnOversizedBody()
{
    VERIFY_OK(startServer());
    const QByteArray padding(17 * 1024, 'x');
    const HttpAnswer answer = post(u"/api/v1/join"_s, R"({"room":")" + padding + R"("})");
    QCOMPARE(answer.status, 413);
    QCOMPARE(answer.code(), u"too-large"_s);
    verifySecurityHeaders(answer, "no-store"_ba);

    // A body at the limit is read and judged on its content.
    const QByteArray atLimit = R"({"room":")" + roomCode().toUtf8() + R"(","x":")";
    const HttpAnswer fits =
        post(u"/api/v1/join"_s, atLimit + QByteArray(16 * 1024 - atLimit.size() - 2, 'y') + R"("})");
    QCOMPARE(fits.status, 200);
}

void TestAudienceServer::joinsAreRateLimitedPerAddress()
{
    ServerLimits limits;
    limits.joinsPerAddress = {2, 0.01};
    VERIFY_OK(startServer(limits));
    QCOMPARE(join(roomCode()).status, 200);
    QCOMPARE(join(u"WRONG1"_s).status, 403); // guesses count too
    const HttpAnswer limited = join(roomCode());
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.code(), u"rate-limited"_s);
    QVERIFY(limited.header("Retry-After"_ba).toInt() >= 1);
    verifySecurityHeaders(limited, "no-store"_ba);
    QCOMPARE(m_room->deviceCount(), 1);
    // The page itself is not a join.
    QCOMPARE(get(u"/"_s).status, 200);
}

void TestAudienceServer::requestsAreRateLimitedPerAddress()
{
    ServerLimits limits;
    limits.requestsPerAddress = {3, 0.01};
    VERIFY_OK(startServer(limits));
    QCOMPARE(get(u"/"_s).status, 200);
    QCOMPARE(get(u"/static/app.js"_s).status, 200);
    QCOMPARE(get(u"/nothing"_s).status, 404);
    const HttpAnswer limited = get(u"/static/app.css"_s);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.code(), u"rate-limited"_s);
    QVERIFY(limited.header("Retry-After"_ba).toInt() >= 1);
}

void TestAudienceServer::webSocketUpgradesAreRateLimitedPerAddress()
{
    ServerLimits limits;
    limits.requestsPerAddress = {3, 0.01};
    VERIFY_OK(startServer(limits));
    std::vector<std::unique_ptr<Phone>> phones;
    for (int i = 0; i < 3; ++i) {
        phones.push_back(std::make_unique<Phone>());
        QVERIFY(phones.back()->connectTo(m_server->port()));
    }
    // The fourth upgrade from this address is refused with 429 and never becomes a WebSocket.
    Phone refused;
    QSignalSpy errors(&refused.socket(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    refused.socket().open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_server->port())));
    QVERIFY(refused.waitClosed());
    QVERIFY(errors.size() > 0);
    QVERIFY2(refused.socket().errorString().contains(u"429"_s), qPrintable(refused.socket().errorString()));
    for (const auto &phone : phones)
        QVERIFY(phone->isConnected());
    // And it cost the address its requests like any other: the page is refused too.
    QCOMPARE(get(u"/"_s).status, 429);
}

void TestAudienceServer::connectionsOverTheCapAreRefused()
{
    ServerLimits limits;
    limits.maxConnections = 3;
    VERIFY_OK(startServer(limits));
    const QString device = newDevice();
    QVERIFY(dropHttpConnections());
    std::vector<std::unique_ptr<Phone>> phones;
    for (int i = 0; i < 3; ++i) {
        phones.push_back(greetedPhone(device));
        QVERIFY(phones.back());
    }
    QTRY_COMPARE(m_server->connectionCount(), 3);

    const HttpAnswer refused = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.code(), u"server-busy"_s);
    for (const auto &phone : phones)
        QVERIFY(phone->isConnected());

    // A place that frees up is taken again.
    phones.pop_back();
    QTRY_COMPARE(m_server->connectionCount(), 2);
    QCOMPARE(raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status, 200);
}

void TestAudienceServer::webSocketMustSayHelloFirst()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    Phone phone;
    QVERIFY(phone.connectTo(m_server->port()));
    phone.vote(1, u"uses-uv"_s, {u"yes"_s});
    const QJsonObject error = phone.take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"hello-first"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 1);
    QVERIFY(phone.waitClosed());
    QCOMPARE(phone.closeCode(), 4000);
    QCOMPARE(m_polls->results(u"uses-uv"_s)->voterCount, 0);
}

void TestAudienceServer::helloWithAnotherRoomOrAnUnknownDeviceCloses_data()
{
    QTest::addColumn<bool>("rightRoom");
    QTest::addColumn<bool>("knownDevice");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("closeCode");
    QTest::newRow("another room") << false << true << u"wrong-room"_s << 4003;
    QTest::newRow("unknown device") << true << false << u"unknown-device"_s << 4004;
}

void TestAudienceServer::helloWithAnotherRoomOrAnUnknownDeviceCloses()
{
    QFETCH(bool, rightRoom);
    QFETCH(bool, knownDevice);
    QFETCH(QString, code);
    QFETCH(int, closeCode);
    VERIFY_OK(startServer());
    const QString device = knownDevice ? newDevice() : u"BBBBBBBBBBBBBBBBBBBBBB"_s;
    const QString room = rightRoom ? roomCode() : (roomCode() == u"AAAAAA"_s ? u"BBBBBB"_s : u"AAAAAA"_s);

    Phone phone;
    QVERIFY(phone.connectTo(m_server->port()));
    phone.hello(room, device);
    QCOMPARE(phone.take(u"error"_s).value("code"_L1).toString(), code);
    QVERIFY(phone.waitClosed());
    QCOMPARE(phone.closeCode(), closeCode);
    QCOMPARE(phone.count(u"welcome"_s), 0);
    QCOMPARE(m_server->phoneCount(), 0);
}

void TestAudienceServer::helloMustComeInTime()
{
    ServerLimits limits;
    limits.helloTimeout = 1000ms; // the greeted phone's hello must come within it too, on a loaded machine
    VERIFY_OK(startServer(limits));
    const QString device = newDevice();
    Phone silent;
    QVERIFY(silent.connectTo(m_server->port()));
    const std::unique_ptr<Phone> greeted = greetedPhone(device);
    QVERIFY(greeted);

    QVERIFY(silent.waitClosed());
    QCOMPARE(silent.closeCode(), 4008);
    QVERIFY(greeted->sync());
    QVERIFY(greeted->isConnected());
}

void TestAudienceServer::helloIsAnsweredWithWelcomeAndTheCurrentPoll()
{
    VERIFY_OK(startServer());
    const QString device = newDevice();

    // No poll yet: null.
    std::unique_ptr<Phone> early = greetedPhone(device);
    QVERIFY(early);
    QVERIFY(early->take(u"poll"_s).value("poll"_L1).isNull());
    early.reset();

    VERIFY_OK(openPoll(u"uses-uv"_s));
    Phone phone;
    QVERIFY(phone.connectTo(m_server->port()));
    phone.hello(roomCode(), device);
    const QJsonObject welcome = phone.take(u"welcome"_s);
    QCOMPARE(welcome.value("protocol"_L1).toInt(), 1);
    QCOMPARE(welcome.value("room"_L1).toString(), roomCode());
    QCOMPARE(welcome.value("event"_L1).toString(), u"Robust Python evening"_s);
    QCOMPARE(welcome.value("session"_L1).toString(), u"uv and Nix"_s);
    const QJsonObject poll = phone.take(u"poll"_s).value("poll"_L1).toObject();
    QCOMPARE(poll.value("id"_L1).toString(), u"uses-uv"_s);
    QCOMPARE(poll.value("kind"_L1).toString(), u"single"_s);
    QCOMPARE(poll.value("state"_L1).toString(), u"open"_s);
    QCOMPARE(poll.value("showResults"_L1).toString(), u"afterVoting"_s);
    QCOMPARE(poll.value("options"_L1).toArray().size(), 3);
    QVERIFY(poll.contains("yourAnswer"_L1));
    QVERIFY(poll.value("yourAnswer"_L1).isNull());
    // Not answered yet, results only after voting: none.
    QVERIFY(phone.sync());
    QCOMPARE(phone.count(u"results"_s), 0);
}

void TestAudienceServer::phoneCountCountsDevicesThatSaidHelloNotSockets()
{
    VERIFY_OK(startServer());
    QSignalSpy counts(m_server.get(), &AudienceServer::phoneCountChanged);
    const QString device = newDevice();
    const QString other = newDevice();
    QVERIFY(dropHttpConnections());
    Phone silent;
    QVERIFY(silent.connectTo(m_server->port()));
    // One phone with two tabs, and another phone: two phones.
    std::unique_ptr<Phone> first = greetedPhone(device);
    std::unique_ptr<Phone> second = greetedPhone(device);
    std::unique_ptr<Phone> third = greetedPhone(other);
    QVERIFY(first && second && third);
    QCOMPARE(m_server->phoneCount(), 2);
    QTRY_COMPARE(m_server->connectionCount(), 4);

    // A tab closed: the phone is still there.
    first.reset();
    QTRY_COMPARE(m_server->connectionCount(), 3);
    QVERIFY(second->sync());
    QCOMPARE(m_server->phoneCount(), 2);
    second.reset();
    QTRY_COMPARE(m_server->phoneCount(), 1);
    QCOMPARE(counts.size(), 3);
    QCOMPARE(counts.at(0).at(0).toInt(), 1);
    QCOMPARE(counts.at(1).at(0).toInt(), 2);
    QCOMPARE(counts.at(2).at(0).toInt(), 1);
}

void TestAudienceServer::helloWithAWrongRoomCodeCostsAJoin()
{
    ServerLimits limits;
    limits.joinsPerAddress = {3, 0.01};
    VERIFY_OK(startServer(limits));
    const QString device = newDevice(); // one join
    const QString wrong = roomCode() == u"AAAAAA"_s ? u"BBBBBB"_s : u"AAAAAA"_s;
    for (int i = 0; i < 2; ++i) {
        Phone guesser;
        QVERIFY(guesser.connectTo(m_server->port()));
        guesser.hello(wrong, device);
        QCOMPARE(guesser.take(u"error"_s).value("code"_L1).toString(), u"wrong-room"_s);
        QVERIFY(guesser.waitClosed());
    }

    // Out of joins: no answer about any code, the right one included, and no join either.
    Phone late;
    QVERIFY(late.connectTo(m_server->port()));
    late.hello(roomCode(), device);
    QCOMPARE(late.take(u"error"_s).value("code"_L1).toString(), u"rate-limited"_s);
    QCOMPARE(late.count(u"welcome"_s), 0);
    QCOMPARE(m_server->phoneCount(), 0);
    QCOMPARE(join(roomCode(), device).status, 429);
}

void TestAudienceServer::voteIsAcknowledgedOnlyAfterItIsCommitted()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    const QString device = newDevice();
    std::unique_ptr<Phone> phone = greetedPhone(device);
    QVERIFY(phone);
    QSignalSpy received(m_server.get(), &AudienceServer::voteReceived);

    // Checked the moment the ack arrives: the vote must be in the database already.
    PollStore store(*m_database);
    std::optional<QStringList> storedAtAck;
    phone->onMessage([&](const QJsonObject &message) {
        if (message.value("type"_L1).toString() == u"ack"_s)
            storedAtAck = store.answerOf(u"uses-uv"_s, device).value_or(std::nullopt);
    });
    phone->vote(41, u"uses-uv"_s, {u"yes"_s});
    const QJsonObject ack = phone->take(u"ack"_s);
    QCOMPARE(ack.value("id"_L1).toInt(), 41);
    QCOMPARE(ack.value("poll"_L1).toString(), u"uses-uv"_s);
    QCOMPARE(ack.value("answer"_L1).toArray(), QJsonArray{u"yes"_s});
    QCOMPARE(storedAtAck, std::optional<QStringList>(QStringList{u"yes"_s}));
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toString(), u"uses-uv"_s);

    // Results only after voting: this phone may see them now.
    const QJsonObject results = phone->take(u"results"_s);
    QCOMPARE(results.value("poll"_L1).toString(), u"uses-uv"_s);
    QCOMPARE(results.value("voters"_L1).toInt(), 1);
    QCOMPARE(countOf(results, u"yes"_s), 1);
}

void TestAudienceServer::voteForAnotherPollIsRefused()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QSignalSpy received(m_server.get(), &AudienceServer::voteReceived);

    phone->vote(2, u"nix"_s, {u"use-it"_s});
    QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"unknown-poll"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 2);

    phone->vote(3, u"no-such-poll"_s, {u"yes"_s});
    error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"unknown-poll"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 3);
    QVERIFY(phone->isConnected());
    QCOMPARE(received.size(), 0);
    QCOMPARE(m_polls->results(u"nix"_s)->voterCount, 0);
}

void TestAudienceServer::voteForAClosedPollIsRefused()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QCOMPARE(phone->take(u"poll"_s).value("poll"_L1).toObject().value("state"_L1).toString(), u"open"_s);
    VERIFY_OK(m_polls->close(u"uses-uv"_s));
    const QJsonObject closed = phone->take(u"poll"_s);
    QVERIFY(!closed.isEmpty());
    QCOMPARE(closed.value("poll"_L1).toObject().value("state"_L1).toString(), u"closed"_s);

    phone->vote(5, u"uses-uv"_s, {u"yes"_s});
    const QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"poll-closed"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 5);
    QCOMPARE(m_polls->results(u"uses-uv"_s)->voterCount, 0);
}

void TestAudienceServer::invalidAnswerIsRefusedWithTheReason()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);

    phone->vote(6, u"uses-uv"_s, {u"maybe"_s});
    QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"invalid-answer"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 6);
    QVERIFY(!error.value("message"_L1).toString().isEmpty());

    phone->vote(7, u"uses-uv"_s, {u"yes"_s, u"no"_s});
    error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"invalid-answer"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 7);

    phone->send({{"type"_L1, u"vote"_s}, {"id"_L1, 8}, {"poll"_L1, u"uses-uv"_s}, {"answer"_L1, u"yes"_s}});
    error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"bad-message"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 8);
    QVERIFY(phone->isConnected());
    QCOMPARE(m_polls->results(u"uses-uv"_s)->voterCount, 0);
}

void TestAudienceServer::voteThatCannotBeSavedIsReportedAsAStorageFailure()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"a batch of 1 votes failed"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"a vote was not saved"_s));
    // The database refuses every vote from now on, as a full disk would.
    VERIFY_OK(m_database->exec(
        u"CREATE TRIGGER refuse_votes BEFORE INSERT ON votes BEGIN SELECT RAISE(ABORT, 'disk full'); END"_s));

    phone->vote(13, u"uses-uv"_s, {u"yes"_s});
    const QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"storage-failed"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 13);
    QVERIFY(phone->sync());
    QCOMPARE(phone->count(u"ack"_s), 0);
    QVERIFY(phone->isConnected());
}

void TestAudienceServer::duplicateAndConcurrentVotesFromOneDeviceCountOnce()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    const QString device = newDevice();
    std::unique_ptr<Phone> first = greetedPhone(device);
    std::unique_ptr<Phone> second = greetedPhone(device);
    QVERIFY(first && second);

    // The same vote sent again (a reconnect's resend) and at once from a second tab.
    for (int id = 1; id <= 3; ++id) {
        first->vote(id, u"uses-uv"_s, {u"yes"_s});
        second->vote(100 + id, u"uses-uv"_s, {u"yes"_s});
    }
    for (int i = 0; i < 3; ++i) {
        QVERIFY(!first->take(u"ack"_s).isEmpty());
        QVERIFY(!second->take(u"ack"_s).isEmpty());
    }
    const Result<PollResults> results = m_polls->results(u"uses-uv"_s);
    QVERIFY(results);
    QCOMPARE(results->voterCount, 1);
    QCOMPARE(results->counts.at(0), (AnswerCount{u"yes"_s, 1}));
    QCOMPARE(first->count(u"error"_s), 0);
    QCOMPARE(second->count(u"error"_s), 0);
}

void TestAudienceServer::changingAVoteReplacesIt()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    const QString device = newDevice();
    std::unique_ptr<Phone> phone = greetedPhone(device);
    QVERIFY(phone);

    phone->vote(1, u"uses-uv"_s, {u"yes"_s});
    QVERIFY(!phone->take(u"ack"_s).isEmpty());
    phone->vote(2, u"uses-uv"_s, {u"no"_s});
    QCOMPARE(phone->take(u"ack"_s).value("answer"_L1).toArray(), QJsonArray{u"no"_s});

    const Result<PollResults> results = m_polls->results(u"uses-uv"_s);
    QVERIFY(results);
    QCOMPARE(results->voterCount, 1);
    QCOMPARE(results->counts.at(0), (AnswerCount{u"yes"_s, 0}));
    QCOMPARE(results->counts.at(1), (AnswerCount{u"no"_s, 1}));
    QTRY_COMPARE(countOf(phone->last(u"results"_s), u"no"_s), 1);
    QCOMPARE(countOf(phone->last(u"results"_s), u"yes"_s), 0);
    QCOMPARE(phone->last(u"results"_s).value("voters"_L1).toInt(), 1);

    // The poll as a reconnecting phone of this device sees it: its answer is the new one.
    std::unique_ptr<Phone> again = greetedPhone(device);
    QVERIFY(again);
    QCOMPARE(answerOf(again->take(u"poll"_s)), QStringList{u"no"_s});
}

void TestAudienceServer::answersOfEachKindAreRecorded_data()
{
    QTest::addColumn<QString>("poll");
    QTest::addColumn<QStringList>("sent");
    QTest::addColumn<QStringList>("recorded");
    QTest::newRow("multiple") << u"nix"_s << QStringList{u"use-it"_s, u"heard-of-it"_s}
                              << QStringList{u"use-it"_s, u"heard-of-it"_s};
    QTest::newRow("rating") << u"rating"_s << QStringList{u"4"_s} << QStringList{u"4"_s};
    QTest::newRow("word cloud, normalised")
        << u"words"_s << QStringList{u"  Type  Hints "_s} << QStringList{u"type hints"_s};
    QTest::newRow("open text, markup kept as text")
        << u"feedback"_s << QStringList{u"<script>alert(1)</script>"_s} << QStringList{u"<script>alert(1)</script>"_s};
}

void TestAudienceServer::answersOfEachKindAreRecorded()
{
    QFETCH(QString, poll);
    QFETCH(QStringList, sent);
    QFETCH(QStringList, recorded);
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(poll));
    const QString device = newDevice();
    std::unique_ptr<Phone> phone = greetedPhone(device);
    QVERIFY(phone);
    QCOMPARE(phone->take(u"poll"_s).value("poll"_L1).toObject().value("id"_L1).toString(), poll);

    phone->vote(9, poll, sent);
    const QJsonObject ack = phone->take(u"ack"_s);
    QCOMPARE(ack.value("answer"_L1).toArray(), QJsonArray::fromStringList(recorded));
    QCOMPARE(m_polls->answerOf(poll, device).value_or(std::nullopt), std::optional<QStringList>(recorded));
}

void TestAudienceServer::resultsGoOnlyToPhonesThatMaySeeThem()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s)); // results after voting
    std::unique_ptr<Phone> voter = greetedPhone(newDevice());
    std::unique_ptr<Phone> waiting = greetedPhone(newDevice());
    QVERIFY(voter && waiting);
    QVERIFY(answerOf(voter->take(u"poll"_s)).isEmpty());
    QVERIFY(answerOf(waiting->take(u"poll"_s)).isEmpty());

    voter->vote(1, u"uses-uv"_s, {u"what-is-uv"_s});
    QVERIFY(!voter->take(u"ack"_s).isEmpty());
    QCOMPARE(countOf(voter->take(u"results"_s), u"what-is-uv"_s), 1);
    QVERIFY(waiting->sync());
    QCOMPARE(waiting->count(u"results"_s), 0);

    // Revealed: every phone may see them.
    VERIFY_OK(m_polls->setRevealed(u"uses-uv"_s, true));
    const QJsonObject revealed = waiting->take(u"poll"_s);
    QCOMPARE(revealed.value("poll"_L1).toObject().value("revealed"_L1).toBool(), true);
    QVERIFY(revealed.value("poll"_L1).toObject().value("yourAnswer"_L1).isNull());
    QCOMPARE(countOf(waiting->take(u"results"_s), u"what-is-uv"_s), 1);
    QCOMPARE(answerOf(voter->take(u"poll"_s)), QStringList{u"what-is-uv"_s});
}

void TestAudienceServer::resultsOfAPollShownAfterRevealWaitForTheReveal()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"nix"_s)); // results after reveal
    std::unique_ptr<Phone> voter = greetedPhone(newDevice());
    std::unique_ptr<Phone> other = greetedPhone(newDevice());
    QVERIFY(voter && other);

    voter->vote(1, u"nix"_s, {u"use-it"_s, u"never-heard"_s});
    QVERIFY(!voter->take(u"ack"_s).isEmpty());
    // The vote's results went out (to nobody): a phone that synchronises now has seen all there was.
    QTRY_COMPARE(m_polls->results(u"nix"_s)->voterCount, 1);
    QVERIFY(voter->sync());
    QVERIFY(other->sync());
    QCOMPARE(voter->count(u"results"_s), 0);
    QCOMPARE(other->count(u"results"_s), 0);

    VERIFY_OK(m_polls->setRevealed(u"nix"_s, true));
    for (Phone *phone : {voter.get(), other.get()}) {
        const QJsonObject results = phone->take(u"results"_s);
        QCOMPARE(results.value("voters"_L1).toInt(), 1);
        QCOMPARE(countOf(results, u"use-it"_s), 1);
        QCOMPARE(countOf(results, u"heard-of-it"_s), 0);
        QCOMPARE(countOf(results, u"never-heard"_s), 1);
        QCOMPARE(results.value("counts"_L1).toArray().at(0).toObject().value("label"_L1).toString(), u"USE-IT"_s);
    }

    // Hidden again: no more results for anybody.
    VERIFY_OK(m_polls->setRevealed(u"nix"_s, false));
    QCOMPARE(other->take(u"poll"_s).value("poll"_L1).toObject().value("revealed"_L1).toBool(), false);
    voter->vote(2, u"nix"_s, {u"heard-of-it"_s});
    QVERIFY(!voter->take(u"ack"_s).isEmpty());
    QVERIFY(voter->sync());
    QVERIFY(other->sync());
    QCOMPARE(voter->count(u"results"_s), 0);
    QCOMPARE(other->count(u"results"_s), 0);
}

void TestAudienceServer::audienceTextReachesPhonesOnlyAfterTheReveal()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"feedback"_s)); // open text, results after voting
    std::unique_ptr<Phone> voter = greetedPhone(newDevice());
    std::unique_ptr<Phone> other = greetedPhone(newDevice());
    QVERIFY(voter && other);

    // After voting, before the reveal: how many answered, not what they wrote.
    voter->vote(1, u"feedback"_s, {u"More demos, please!"_s});
    QVERIFY(!voter->take(u"ack"_s).isEmpty());
    const QJsonObject early = voter->take(u"results"_s);
    QCOMPARE(early.value("voters"_L1).toInt(), 1);
    QVERIFY(!early.contains("counts"_L1));
    QVERIFY(other->sync());
    QCOMPARE(other->count(u"results"_s), 0);

    // A hidden answer stays off the phones after the reveal too.
    VERIFY_OK(m_polls->setAnswerHidden(u"feedback"_s, u"More demos, please!"_s, true));
    std::unique_ptr<Phone> hider = greetedPhone(newDevice());
    QVERIFY(hider);
    hider->vote(2, u"feedback"_s, {u"Slower, please"_s});
    QVERIFY(!hider->take(u"ack"_s).isEmpty());
    QVERIFY(!hider->take(u"results"_s).contains("counts"_L1));

    VERIFY_OK(m_polls->setRevealed(u"feedback"_s, true));
    for (Phone *phone : {voter.get(), other.get(), hider.get()}) {
        QJsonObject results;
        QTRY_VERIFY((results = phone->last(u"results"_s)).contains("counts"_L1));
        QCOMPARE(results.value("voters"_L1).toInt(), 2);
        QCOMPARE(countOf(results, u"Slower, please"_s), 1);
        QCOMPARE(countOf(results, u"More demos, please!"_s), -1);
    }
}

void TestAudienceServer::pollChangesReachEveryPhone()
{
    VERIFY_OK(startServer());
    std::vector<std::unique_ptr<Phone>> phones;
    for (int i = 0; i < 3; ++i) {
        phones.push_back(greetedPhone(newDevice()));
        QVERIFY(phones.back());
        QVERIFY(phones.back()->take(u"poll"_s).value("poll"_L1).isNull());
    }
    VERIFY_OK(openPoll(u"rating"_s));
    for (const auto &phone : phones) {
        const QJsonObject poll = phone->take(u"poll"_s).value("poll"_L1).toObject();
        QCOMPARE(poll.value("id"_L1).toString(), u"rating"_s);
        QCOMPARE(poll.value("ratingLabels"_L1).toObject().value("high"_L1).toString(), u"Great"_s);
    }
    // Opening another poll closes this one: one message, for the new poll.
    VERIFY_OK(openPoll(u"feedback"_s));
    for (const auto &phone : phones) {
        QCOMPARE(phone->take(u"poll"_s).value("poll"_L1).toObject().value("id"_L1).toString(), u"feedback"_s);
        QVERIFY(phone->sync());
        QCOMPARE(phone->count(u"poll"_s), 0);
    }
}

void TestAudienceServer::webSocketMessagesAreRateLimitedPerDevice()
{
    ServerLimits limits;
    limits.messagesPerDevice = {3, 0.01};
    VERIFY_OK(startServer(limits));
    VERIFY_OK(openPoll(u"uses-uv"_s));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    for (int i = 0; i < 3; ++i)
        QVERIFY(phone->sync());
    phone->vote(12, u"uses-uv"_s, {u"yes"_s});
    const QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"rate-limited"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 12);
    QVERIFY(phone->isConnected());
    QCOMPARE(m_polls->results(u"uses-uv"_s)->voterCount, 0);
}

void TestAudienceServer::webSocketMessagesAreRateLimitedPerAddress()
{
    ServerLimits limits;
    limits.messagesPerAddress = {3, 0.01};
    VERIFY_OK(startServer(limits));
    const QString device = newDevice();
    Phone first;
    Phone second;
    QVERIFY(first.connectTo(m_server->port()));
    QVERIFY(second.connectTo(m_server->port()));
    first.hello(roomCode(), device);
    QVERIFY(!first.take(u"welcome"_s).isEmpty());
    QVERIFY(first.sync());
    // Another connection from the same address shares the address's bucket.
    second.hello(roomCode(), device);
    QVERIFY(!second.take(u"welcome"_s).isEmpty());
    second.send({{"type"_L1, u"ping"_s}});
    QCOMPARE(second.take(u"error"_s).value("code"_L1).toString(), u"rate-limited"_s);
    QCOMPARE(second.count(u"pong"_s), 0);
    QVERIFY(second.isConnected());
}

void TestAudienceServer::idleWebSocketIsClosed()
{
    ServerLimits limits;
    limits.webSocketIdleTimeout = 1000ms; // long enough for the hello to come first, on a loaded machine
    VERIFY_OK(startServer(limits));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QVERIFY(phone->waitClosed());
    QCOMPARE(phone->closeCode(), int(QWebSocketProtocol::CloseCodeGoingAway));
    QTRY_COMPARE(m_server->phoneCount(), 0);
}

void TestAudienceServer::oversizedWebSocketMessageClosesTheConnection()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QVERIFY(phone->sync());
    phone->socket().sendTextMessage(QString(4 * 1024 + 1, u'x'));
    QVERIFY(phone->waitClosed());
    QCOMPARE(phone->closeCode(), int(QWebSocketProtocol::CloseCodeTooMuchData));
    QTRY_COMPARE(m_server->phoneCount(), 0);
}

void TestAudienceServer::binaryMessagesAreRefused()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    phone->socket().sendBinaryMessage(R"({"type":"ping"})"_ba);
    QCOMPARE(phone->take(u"error"_s).value("code"_L1).toString(), u"bad-message"_s);
    QVERIFY(phone->sync());
}

void TestAudienceServer::webSocketOnAnotherAddressIsClosed()
{
    VERIFY_OK(startServer());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, kTimeoutMs));
    socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, kTimeoutMs));
    QCOMPARE(m_server->phoneCount(), 0);
}

void TestAudienceServer::helloIsFollowedByTheSessionsQuestions()
{
    VERIFY_OK(startServer());
    const QString author = newDevice();
    const QString reader = newDevice();
    const Result<QuestionRecord> asked = m_questions->ask(author, u"Does uv replace pip?"_s, u"Aiko"_s);
    VERIFY_OK(asked);
    VERIFY_OK(m_questions->setUpvoted(reader, asked->question.id, true));

    std::unique_ptr<Phone> phone = greetedPhone(reader);
    QVERIFY(phone);
    const QJsonObject questions = phone->take(u"questions"_s);
    QCOMPARE(questions.value("session"_L1).toString(), u"uv and Nix"_s);
    QCOMPARE(questions.value("approval"_L1), QJsonValue(false));
    const QJsonObject question = questionIn(questions.value("questions"_L1).toArray(), asked->question.id);
    QCOMPARE(question.value("text"_L1).toString(), u"Does uv replace pip?"_s);
    QCOMPARE(question.value("name"_L1).toString(), u"Aiko"_s);
    QCOMPARE(question.value("votes"_L1).toInt(), 1);
    QCOMPARE(question.value("state"_L1).toString(), u"shown"_s);
    QCOMPARE(questions.value("yours"_L1).toArray().size(), 0);
    QCOMPARE(questions.value("upvoted"_L1).toArray(), QJsonArray{asked->question.id});
    // After the poll, as PROTOCOL.md says.
    const auto typeAt = [&](qsizetype i) { return jsonObject(phone->texts().at(i).toUtf8()).value("type"_L1); };
    QCOMPARE(typeAt(0).toString(), u"welcome"_s);
    QCOMPARE(typeAt(1).toString(), u"poll"_s);
    QCOMPARE(typeAt(2).toString(), u"questions"_s);

    std::unique_ptr<Phone> own = greetedPhone(author);
    QVERIFY(own);
    const QJsonObject mine = own->take(u"questions"_s);
    QCOMPARE(questionIn(mine.value("yours"_L1).toArray(), asked->question.id).value("text"_L1).toString(),
             u"Does uv replace pip?"_s);
    QCOMPARE(mine.value("upvoted"_L1).toArray().size(), 0);
}

void TestAudienceServer::askedQuestionIsAcknowledgedAfterItIsCommittedAndReachesEveryPhone()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> reader = greetedPhone(newDevice());
    QVERIFY(author && reader);

    // Checked the moment the acknowledgement arrives: the question must be in the database already.
    QuestionStore store(*m_database);
    std::optional<QuestionRecord> storedAtAck;
    author->onMessage([&](const QJsonObject &message) {
        if (message.value("type"_L1).toString() == u"asked"_s)
            storedAtAck = store.question(message.value("question"_L1).toObject().value("id"_L1).toInteger())
                              .value_or(std::nullopt);
    });
    author->ask(31, u"Is uv fast on Windows?"_s, u"Aiko"_s);
    const QJsonObject asked = author->take(u"asked"_s);
    QCOMPARE(asked.value("id"_L1).toInt(), 31);
    const QJsonObject question = asked.value("question"_L1).toObject();
    const qint64 id = question.value("id"_L1).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(question.value("text"_L1).toString(), u"Is uv fast on Windows?"_s);
    QCOMPARE(question.value("name"_L1).toString(), u"Aiko"_s);
    QCOMPARE(question.value("votes"_L1).toInt(), 0);
    QCOMPARE(question.value("state"_L1).toString(), u"shown"_s);
    QVERIFY(storedAtAck);
    QCOMPARE(storedAtAck->question.text, u"Is uv fast on Windows?"_s);

    const QJsonObject update = reader->take(u"questionUpdates"_s);
    QCOMPARE(questionIn(update.value("questions"_L1).toArray(), id), question);
    const QJsonObject yours = author->take(u"yours"_s);
    QCOMPARE(questionIn(yours.value("questions"_L1).toArray(), id), question);
    QCOMPARE(m_questions->questions().size(), 1);
}

void TestAudienceServer::upvoteCountsOnceAndCanBeTakenBack()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    const QString voterDevice = newDevice();
    std::unique_ptr<Phone> voter = greetedPhone(voterDevice);
    QVERIFY(author && voter);
    const qint64 id = askFrom(*author, 1, u"What does Nix pin?"_s);
    QVERIFY(id > 0);
    const auto votesSeenBy = [&](Phone &phone) {
        const QJsonObject question = questionIn(phone.last(u"questionUpdates"_s).value("questions"_L1).toArray(), id);
        return question.isEmpty() ? -1 : question.value("votes"_L1).toInt();
    };

    voter->upvote(5, id);
    QJsonObject upvoted = voter->take(u"upvoted"_s);
    QCOMPARE(upvoted.value("id"_L1).toInt(), 5);
    QCOMPARE(upvoted.value("question"_L1).toInteger(), id);
    QCOMPARE(upvoted.value("on"_L1), QJsonValue(true));
    QCOMPARE(m_questions->question(id)->votes, 1);
    QVERIFY(m_questions->hasUpvoted(id, voterDevice));
    QTRY_COMPARE(votesSeenBy(*author), 1);
    QTRY_COMPARE(votesSeenBy(*voter), 1);

    // Again: nothing changes, and the answer says what the database holds.
    voter->upvote(6, id);
    upvoted = voter->take(u"upvoted"_s);
    QCOMPARE(upvoted.value("id"_L1).toInt(), 6);
    QCOMPARE(upvoted.value("on"_L1), QJsonValue(true));
    QCOMPARE(m_questions->question(id)->votes, 1);

    voter->upvote(7, id, false);
    upvoted = voter->take(u"upvoted"_s);
    QCOMPARE(upvoted.value("id"_L1).toInt(), 7);
    QCOMPARE(upvoted.value("on"_L1), QJsonValue(false));
    QCOMPARE(m_questions->question(id)->votes, 0);
    QVERIFY(!m_questions->hasUpvoted(id, voterDevice));
    QTRY_COMPARE(votesSeenBy(*author), 0);
    QCOMPARE(QuestionStore(*m_database).question(id)->value().votes, 0);
}

void TestAudienceServer::duplicateUpvotesFromTwoConnectionsOfOneDeviceCountOnce()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    QVERIFY(author);
    const qint64 id = askFrom(*author, 1, u"Flakes or channels?"_s);
    QVERIFY(id > 0);
    const QString device = newDevice();
    std::unique_ptr<Phone> first = greetedPhone(device);
    std::unique_ptr<Phone> second = greetedPhone(device);
    QVERIFY(first && second);

    // Sent at once from two tabs, and again (a reconnect's resend).
    for (int request = 1; request <= 2; ++request) {
        first->upvote(request, id);
        second->upvote(100 + request, id);
    }
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(first->take(u"upvoted"_s).value("on"_L1), QJsonValue(true));
        QCOMPARE(second->take(u"upvoted"_s).value("on"_L1), QJsonValue(true));
    }
    QCOMPARE(m_questions->question(id)->votes, 1);
    QCOMPARE(QuestionStore(*m_database).question(id)->value().votes, 1);
    QTRY_COMPARE(
        questionIn(author->last(u"questionUpdates"_s).value("questions"_L1).toArray(), id).value("votes"_L1).toInt(),
        1);
    QCOMPARE(first->count(u"error"_s), 0);
    QCOMPARE(second->count(u"error"_s), 0);
}

void TestAudienceServer::upvoteOfAQuestionThatCannotBeUpvotedIsRefused()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> voter = greetedPhone(newDevice());
    QVERIFY(author && voter);
    const qint64 id = askFrom(*author, 1, u"Hidden soon?"_s);
    QVERIFY(id > 0);
    VERIFY_OK(m_questions->hide(id));

    voter->upvote(2, id);
    QJsonObject error = voter->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"unknown-question"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 2);
    voter->upvote(3, 999'999);
    error = voter->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"unknown-question"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 3);
    QCOMPARE(m_questions->question(id)->votes, 0);
    QVERIFY(voter->isConnected());
}

void TestAudienceServer::authorWithdrawsOwnQuestionOnly()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> other = greetedPhone(newDevice());
    QVERIFY(author && other);
    const qint64 id = askFrom(*author, 1, u"Can I take this back?"_s);
    QVERIFY(id > 0);
    QVERIFY(!other->take(u"questionUpdates"_s).isEmpty());

    other->withdraw(2, id);
    QJsonObject error = other->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"not-yours"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 2);
    QCOMPARE(m_questions->question(id)->question.state, Question::State::Shown);

    author->withdraw(3, id);
    const QJsonObject withdrawn = author->take(u"withdrawn"_s);
    QCOMPARE(withdrawn.value("id"_L1).toInt(), 3);
    QCOMPARE(withdrawn.value("question"_L1).toInteger(), id);
    QCOMPARE(m_questions->question(id)->question.state, Question::State::Withdrawn);
    // Everyone learns it is gone, without its text.
    const QJsonObject update = other->take(u"questionUpdates"_s);
    QCOMPARE(questionIn(update.value("questions"_L1).toArray(), id),
             (QJsonObject{{"id"_L1, id}, {"state"_L1, u"withdrawn"_s}}));
    // The author's own list leaves it out.
    QTRY_VERIFY(!author->last(u"yours"_s).isEmpty() &&
                questionIn(author->last(u"yours"_s).value("questions"_L1).toArray(), id).isEmpty());

    author->withdraw(4, id);
    error = author->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"question-closed"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 4);
    author->withdraw(5, 999'999);
    QCOMPARE(author->take(u"error"_s).value("code"_L1).toString(), u"unknown-question"_s);
    QVERIFY(author->isConnected());
}

void TestAudienceServer::invalidQuestionIsRefusedWithTheReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expectedReason");
    QTest::newRow("empty") << QString() << QString() << u"empty"_s;
    QTest::newRow("only spaces") << u"  \t \n "_s << QString() << u"empty"_s;
    QTest::newRow("only invisible characters") << u"\u200B\u202E\u2066\uFEFF\u0007"_s << QString() << u"empty"_s;
    QTest::newRow("301 characters") << QString(301, u'a') << QString() << u"too-long"_s;
    QTest::newRow("301 Japanese characters") << QString(301, QChar(0x8CEA)) << QString() << u"too-long"_s;
    QTest::newRow("name of 41 characters") << u"Fine question?"_s << QString(41, u'n') << u"name-too-long"_s;
}

void TestAudienceServer::invalidQuestionIsRefusedWithTheReason()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(QString, expectedReason);
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);

    phone->ask(9, text, name);
    const QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"invalid-question"_s);
    QCOMPARE(error.value("reason"_L1).toString(), expectedReason);
    QCOMPARE(error.value("id"_L1).toInt(), 9);
    QVERIFY(!error.value("message"_L1).toString().isEmpty());
    QVERIFY(phone->isConnected());
    QCOMPARE(m_questions->questions().size(), 0);
    QCOMPARE(phone->count(u"asked"_s), 0);
}

void TestAudienceServer::oversizedQuestionClosesTheConnection()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    phone->ask(1, QString(10'000, u'x'));
    QVERIFY(phone->waitClosed());
    QCOMPARE(phone->closeCode(), int(QWebSocketProtocol::CloseCodeTooMuchData));
    QCOMPARE(m_questions->questions().size(), 0);
}

void TestAudienceServer::questionTextIsStoredNormalisedAndSentAsText()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> reader = greetedPhone(newDevice());
    QVERIFY(author && reader);

    // Bidi overrides and zero-width spaces go; markup, emoji and Japanese stay, as text.
    author->ask(1, u"  Why\u202E does <img src=x onerror=alert(1)> z\u200Bero-width 型ヒント 👍🏽 work?  "_s,
                u"\u202Eevil\u200B"_s);
    const QJsonObject question = author->take(u"asked"_s).value("question"_L1).toObject();
    const QString expected = u"Why does <img src=x onerror=alert(1)> zero-width 型ヒント 👍🏽 work?"_s;
    QCOMPARE(question.value("text"_L1).toString(), expected);
    QCOMPARE(question.value("name"_L1).toString(), u"evil"_s);
    const qint64 id = question.value("id"_L1).toInteger();
    QCOMPARE(m_questions->question(id)->question.text, expected);
    const QJsonObject update = reader->take(u"questionUpdates"_s);
    QCOMPARE(questionIn(update.value("questions"_L1).toArray(), id).value("text"_L1).toString(), expected);
}

void TestAudienceServer::questionsAreRateLimitedPerDevice()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    std::unique_ptr<Phone> neighbour = greetedPhone(newDevice());
    QVERIFY(phone && neighbour);
    for (int request = 1; request <= 3; ++request)
        QVERIFY(askFrom(*phone, request, u"Question number %1?"_s.arg(request)) > 0);

    phone->ask(4, u"One more?"_s);
    const QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"rate-limited"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 4);
    QVERIFY(error.value("retryAfter"_L1).toInt() > 0);
    QVERIFY(error.value("retryAfter"_L1).toInt() <= 20);
    QVERIFY(!error.value("message"_L1).toString().isEmpty());
    QCOMPARE(m_questions->questions().size(), 3);
    QVERIFY(phone->isConnected());

    // Another phone at the same address asks as usual: the per-address limit is far higher.
    QVERIFY(askFrom(*neighbour, 1, u"And mine?"_s) > 0);
}

void TestAudienceServer::questionsAreRateLimitedPerAddress()
{
    ServerLimits limits;
    limits.questionsPerAddress = {2, 0.001};
    VERIFY_OK(startServer(limits));
    std::unique_ptr<Phone> first = greetedPhone(newDevice());
    std::unique_ptr<Phone> second = greetedPhone(newDevice());
    std::unique_ptr<Phone> third = greetedPhone(newDevice());
    QVERIFY(first && second && third);
    QVERIFY(askFrom(*first, 1, u"First?"_s) > 0);
    QVERIFY(askFrom(*second, 1, u"Second?"_s) > 0);

    third->ask(1, u"Third?"_s);
    const QJsonObject error = third->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"rate-limited"_s);
    QVERIFY(error.value("retryAfter"_L1).toInt() > 0);
    QCOMPARE(m_questions->questions().size(), 2);
}

void TestAudienceServer::questionThatCannotBeSavedIsReportedAsAStorageFailure()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"a question was not saved"_s));
    VERIFY_OK(m_database->exec(
        u"CREATE TRIGGER refuse_questions BEFORE INSERT ON questions BEGIN SELECT RAISE(ABORT, 'disk full'); END"_s));

    phone->ask(12, u"Will this be kept?"_s);
    const QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"storage-failed"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 12);
    QVERIFY(phone->sync());
    QCOMPARE(phone->count(u"asked"_s), 0);
    QCOMPARE(m_questions->questions().size(), 0);
}

void TestAudienceServer::approvalQueueKeepsTheTextWithTheAuthor()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> reader = greetedPhone(newDevice());
    QVERIFY(author && reader);
    QCOMPARE(reader->take(u"questions"_s).value("approval"_L1), QJsonValue(false));

    VERIFY_OK(m_questions->setApprovalRequired(true));
    QCOMPARE(reader->take(u"questions"_s).value("approval"_L1), QJsonValue(true));
    QTRY_COMPARE(author->last(u"questions"_s).value("approval"_L1), QJsonValue(true));

    author->ask(1, u"A secret until approved"_s);
    const QJsonObject asked = author->take(u"asked"_s).value("question"_L1).toObject();
    QCOMPARE(asked.value("state"_L1).toString(), u"waiting"_s);
    const qint64 id = asked.value("id"_L1).toInteger();
    const QJsonObject yours = questionIn(author->take(u"yours"_s).value("questions"_L1).toArray(), id);
    QCOMPARE(yours.value("state"_L1).toString(), u"waiting"_s);
    QCOMPARE(yours.value("text"_L1).toString(), u"A secret until approved"_s);

    const QJsonObject update = reader->take(u"questionUpdates"_s);
    QCOMPARE(questionIn(update.value("questions"_L1).toArray(), id),
             (QJsonObject{{"id"_L1, id}, {"state"_L1, u"waiting"_s}}));
    QVERIFY(reader->sync());
    for (const QString &text : reader->texts())
        QVERIFY2(!text.contains(u"A secret"_s), qPrintable(text));
}

void TestAudienceServer::changesInOneTurnGoOutAsOneSharedUpdate()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> reader = greetedPhone(newDevice());
    QVERIFY(author && reader);
    const qint64 first = askFrom(*author, 1, u"First?"_s);
    const qint64 second = askFrom(*author, 2, u"Second?"_s);
    QVERIFY(first > 0 && second > 0);
    QTRY_VERIFY(!questionIn(reader->last(u"questionUpdates"_s).value("questions"_L1).toArray(), second).isEmpty());
    QVERIFY(reader->sync());
    const int updatesBefore = reader->count(u"questionUpdates"_s);

    // Seven upvotes committed in one turn of the event loop, as a burst from many phones would be.
    for (int i = 0; i < 6; ++i) {
        const Result<QString> device = m_room->admitDevice(QString());
        VERIFY_OK(device);
        VERIFY_OK(m_questions->setUpvoted(*device, first, true));
        if (i == 0)
            VERIFY_OK(m_questions->setUpvoted(*device, second, true));
    }
    QTRY_COMPARE(reader->count(u"questionUpdates"_s), updatesBefore + 1);
    const QJsonArray questions = reader->last(u"questionUpdates"_s).value("questions"_L1).toArray();
    QCOMPARE(questionIn(questions, first).value("votes"_L1).toInt(), 6);
    QCOMPARE(questionIn(questions, second).value("votes"_L1).toInt(), 1);
    QVERIFY(reader->sync());
    QCOMPARE(reader->count(u"questionUpdates"_s), updatesBefore + 1);
    // The same bytes for the author, who also gets its own list.
    QTRY_COMPARE(author->texts().filter(u"\"questionUpdates\""_s).constLast(),
                 reader->texts().filter(u"\"questionUpdates\""_s).constLast());
    QTRY_COMPARE(questionIn(author->last(u"yours"_s).value("questions"_L1).toArray(), first).value("votes"_L1).toInt(),
                 6);
}

void TestAudienceServer::questionWhoseVotesAloneChangedGoesOutWithoutItsText()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> reader = greetedPhone(newDevice());
    QVERIFY(author && reader);
    const qint64 id = askFrom(*author, 1, u"Does Nix cache builds?"_s);
    QVERIFY(id > 0);
    QTRY_VERIFY(!questionIn(reader->last(u"questionUpdates"_s).value("questions"_L1).toArray(), id).isEmpty());
    QVERIFY(reader->sync());
    // The update that follows each change below, as the reader has it.
    const auto nextUpdate = [&](const std::function<Result<>()> &change) {
        const int before = reader->count(u"questionUpdates"_s);
        if (const Result<> changed = change(); !changed)
            qWarning() << changed.error();
        if (!QTest::qWaitFor([&] { return reader->count(u"questionUpdates"_s) > before; }, kTimeoutMs))
            return QJsonObject();
        return questionIn(reader->last(u"questionUpdates"_s).value("questions"_L1).toArray(), id);
    };
    const auto upvoteFromNewDevice = [&] {
        const Result<QString> device = m_room->admitDevice(QString());
        return device ? m_questions->setUpvoted(*device, id, true).map([](bool) {}) : Result<>(fail(device.error()));
    };
    QJsonObject whole{{"id"_L1, id},
                      {"text"_L1, u"Does Nix cache builds?"_s},
                      {"name"_L1, QString()},
                      {"votes"_L1, 1},
                      {"state"_L1, u"shown"_s}};

    QCOMPARE(nextUpdate(upvoteFromNewDevice), (QJsonObject{{"id"_L1, id}, {"votes"_L1, 1}}));
    QCOMPARE(nextUpdate([&] { return m_questions->hide(id); }),
             (QJsonObject{{"id"_L1, id}, {"state"_L1, u"hidden"_s}}));
    QCOMPARE(nextUpdate([&] { return m_questions->approve(id); }), whole);
    QCOMPARE(nextUpdate([&] { return m_questions->pin(id); }).value("state"_L1).toString(), u"pinned"_s);
    QCOMPARE(nextUpdate(upvoteFromNewDevice), (QJsonObject{{"id"_L1, id}, {"votes"_L1, 2}}));
    // Hidden and shown again between two updates, the votes changed too: whole, for a phone that said hello
    // meanwhile does not have it.
    whole.insert("votes"_L1, 3);
    QCOMPARE(nextUpdate([&] {
                 if (const Result<> hidden = m_questions->hide(id); !hidden)
                     return hidden;
                 if (const Result<> shown = m_questions->approve(id); !shown)
                     return shown;
                 return upvoteFromNewDevice();
             }),
             whole);
    // The author's own list keeps the text with the votes.
    QTRY_COMPARE(questionIn(author->last(u"yours"_s).value("questions"_L1).toArray(), id), whole);
}

void TestAudienceServer::phoneThatFallsBehindIsSkippedThenResyncedWhenDrained()
{
    ServerLimits limits;
    limits.maxUnsentBytes = 16 * 1024;
    limits.resyncBelowBytes = 4 * 1024;
    VERIFY_OK(startServer(limits));
    std::unique_ptr<Phone> reader = greetedPhone(newDevice());
    QVERIFY(reader);
    SlowPhone slow;
    QVERIFY(slow.connectTo(m_server->port()));
    QVERIFY(
        slow.send({{"type"_L1, u"hello"_s}, {"protocol"_L1, 1}, {"room"_L1, roomCode()}, {"device"_L1, newDevice()}}));
    QTRY_VERIFY(slow.read() && slow.count(u"questions"_s) == 1);
    QSignalSpy behindChanges(m_server.get(), &AudienceServer::phonesBehindChanged);

    // The slow phone stops reading; questions of 300 characters keep coming, until the network holds all it will
    // and the server more than it keeps for a phone.
    QList<qint64> asked;
    const QString author = newDevice();
    const QString filler(280, u'q');
    for (int round = 0; round < 200 && m_server->phonesBehind() == 0; ++round) {
        for (int i = 0; i < 50; ++i) {
            const Result<QuestionRecord> question =
                m_questions->ask(author, u"Question %1 %2"_s.arg(asked.size()).arg(filler));
            VERIFY_OK(question);
            asked.append(question->question.id);
        }
        QTRY_VERIFY(!questionIn(reader->last(u"questionUpdates"_s).value("questions"_L1).toArray(), asked.constLast())
                         .isEmpty());
    }
    QCOMPARE(m_server->phonesBehind(), 1);
    QCOMPARE(behindChanges.size(), 1);
    QCOMPARE(behindChanges.constFirst().constFirst().toInt(), 1);

    // Behind, it is skipped: the others get the change.
    const qint64 upvoted = asked.constFirst();
    const Result<QString> voter = m_room->admitDevice(QString());
    VERIFY_OK(voter);
    VERIFY_OK(m_questions->setUpvoted(*voter, upvoted, true));
    QTRY_COMPARE(questionIn(reader->last(u"questionUpdates"_s).value("questions"_L1).toArray(), upvoted),
                 (QJsonObject{{"id"_L1, upvoted}, {"votes"_L1, 1}}));
    QCOMPARE(m_server->phonesBehind(), 1);

    // It reads again: once it has drained it gets the state as it is now, in one `questions`.
    QTRY_VERIFY(slow.read() && slow.count(u"questions"_s) == 2);
    QCOMPARE(m_server->phonesBehind(), 0);
    QCOMPARE(behindChanges.size(), 2);
    const QJsonObject resync = slow.messages().constLast();
    QCOMPARE(resync.value("type"_L1).toString(), u"questions"_s);
    const QJsonArray questions = resync.value("questions"_L1).toArray();
    QCOMPARE(questions.size(), asked.size());
    QCOMPARE(questionIn(questions, upvoted).value("votes"_L1).toInt(), 1);
    // What it was sent before the resync never named the upvote: that broadcast skipped it.
    for (const QJsonObject &message : slow.messages()) {
        if (message.value("type"_L1).toString() == u"questionUpdates"_s)
            QVERIFY(questionIn(message.value("questions"_L1).toArray(), upvoted).value("votes"_L1).toInt() == 0);
    }

    // Caught up, it is in the broadcasts again.
    const Result<QString> another = m_room->admitDevice(QString());
    VERIFY_OK(another);
    VERIFY_OK(m_questions->setUpvoted(*another, upvoted, true));
    QTRY_VERIFY(slow.read() && slow.messages().constLast().value("type"_L1).toString() == u"questionUpdates"_s);
    QCOMPARE(slow.messages().constLast().value("questions"_L1).toArray(),
             (QJsonArray{QJsonObject{{"id"_L1, upvoted}, {"votes"_L1, 2}}}));
}

void TestAudienceServer::anotherSessionSendsEveryPhoneItsQuestions()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    QVERIFY(author);
    const qint64 id = askFrom(*author, 1, u"Still here after a reload?"_s);
    QVERIFY(id > 0);
    QVERIFY(!author->take(u"questions"_s).isEmpty());

    VERIFY_OK(m_questions->load(0));
    const QJsonObject questions = author->take(u"questions"_s);
    QVERIFY(!questions.isEmpty());
    QCOMPARE(questionIn(questions.value("questions"_L1).toArray(), id).value("text"_L1).toString(),
             u"Still here after a reload?"_s);
    QCOMPARE(questionIn(questions.value("yours"_L1).toArray(), id).value("state"_L1).toString(), u"shown"_s);
}

void TestAudienceServer::questionMessagesNeedHelloFirst()
{
    VERIFY_OK(startServer());
    Phone phone;
    QVERIFY(phone.connectTo(m_server->port()));
    phone.ask(1, u"Before hello?"_s);
    const QJsonObject error = phone.take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"hello-first"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 1);
    QVERIFY(phone.waitClosed());
    QCOMPARE(phone.closeCode(), 4000);
    QCOMPARE(m_questions->questions().size(), 0);
}

void TestAudienceServer::askingWithNoSessionOnStageIsRefused()
{
    LiveQuestions unloaded(*m_database, m_clock);
    m_server = std::make_unique<AudienceServer>(*m_polls, *m_room);
    m_server->setQuestions(&unloaded);
    VERIFY_OK(m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), 0}));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QCOMPARE(phone->take(u"questions"_s).value("questions"_L1).toArray().size(), 0);
    phone->ask(1, u"Too early?"_s);
    const QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"question-closed"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 1);
    QCOMPARE(unloaded.questions().size(), 0);
    m_server.reset();
}

void TestAudienceServer::moderatorPageNeedsTheToken_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<int>("status");
    QTest::newRow("no token") << u"none"_s << 403;
    QTest::newRow("no token, trailing slash") << u"slash"_s << 403;
    QTest::newRow("wrong token") << u"wrong"_s << 403;
    QTest::newRow("the token but its last character") << u"prefix"_s << 403;
    QTest::newRow("the token and more") << u"longer"_s << 403;
    QTest::newRow("the room code") << u"room"_s << 403;
    QTest::newRow("the token") << u"right"_s << 200;
}

void TestAudienceServer::moderatorPageNeedsTheToken()
{
    QFETCH(QString, which);
    QFETCH(int, status);
    VERIFY_OK(startServer());
    const QString token = m_room->moderatorToken();
    QVERIFY(token.size() >= 22);
    const QHash<QString, QString> paths{
        {u"none"_s, u"/m"_s},
        {u"slash"_s, u"/m/"_s},
        {u"wrong"_s, u"/m/AAAAAAAAAAAAAAAAAAAAAA"_s},
        {u"prefix"_s, u"/m/"_s + token.chopped(1)},
        {u"longer"_s, u"/m/"_s + token + u'A'},
        {u"room"_s, u"/m/"_s + roomCode()},
        {u"right"_s, u"/m/"_s + token},
    };

    const HttpAnswer answer = get(paths.value(which));
    QCOMPARE(answer.status, status);
    verifySecurityHeaders(answer, "no-store"_ba);
    if (status == 200) {
        QFile page(u":/web/moderator.html"_s);
        QVERIFY(page.open(QIODevice::ReadOnly));
        QCOMPARE(answer.header("Content-Type"_ba), "text/html; charset=utf-8"_ba);
        QCOMPARE(answer.body, page.readAll());
    } else {
        QCOMPARE(answer.code(), u"forbidden"_s);
        QVERIFY(!jsonObject(answer.body).value("error"_L1).toString().isEmpty());
        QVERIFY(!answer.body.contains(token.toUtf8()));
    }
}

void TestAudienceServer::wrongModeratorTokensCostJoins()
{
    ServerLimits limits;
    limits.joinsPerAddress = {2, 0.001};
    VERIFY_OK(startServer(limits));
    QCOMPARE(get(u"/m/wrong-guess-1"_s).status, 403);
    QCOMPARE(get(u"/m/"_s).status, 403);

    // Out of joins: told nothing about the token, even the right one, and joining waits too.
    const HttpAnswer right = get(u"/m/"_s + m_room->moderatorToken());
    QCOMPARE(right.status, 429);
    QCOMPARE(right.code(), u"rate-limited"_s);
    QVERIFY(right.header("Retry-After"_ba).toInt() >= 1);
    QCOMPARE(join(roomCode()).status, 429);
    Phone moderator;
    QVERIFY(moderator.connectTo(m_server->port()));
    moderator.moderatorHello(m_room->moderatorToken());
    QCOMPARE(moderator.take(u"error"_s).value("code"_L1).toString(), u"rate-limited"_s);
    QCOMPARE(moderator.count(u"moderation"_s), 0);
}

void TestAudienceServer::moderatorWebSocketWithAWrongTokenIsForbidden()
{
    ServerLimits limits;
    limits.joinsPerAddress = {1, 0.001};
    VERIFY_OK(startServer(limits));
    Phone moderator;
    QVERIFY(moderator.connectTo(m_server->port()));
    moderator.moderatorHello(m_room->moderatorToken().chopped(1) + u'x');
    QCOMPARE(moderator.take(u"error"_s).value("code"_L1).toString(), u"forbidden"_s);
    QVERIFY(moderator.waitClosed());
    QCOMPARE(moderator.closeCode(), 4001);
    QCOMPARE(moderator.count(u"moderation"_s), 0);
    // It cost the address its one join.
    QCOMPARE(join(roomCode()).status, 429);
}

void TestAudienceServer::moderatorGetsTheSnapshotWithoutDeviceTokens()
{
    VERIFY_OK(startServer());
    const QString authorDevice = newDevice();
    std::unique_ptr<Phone> author = greetedPhone(authorDevice);
    QVERIFY(author);
    const qint64 shown = askFrom(*author, 1, u"Plain question"_s);
    VERIFY_OK(m_questions->setBlockedWords({u"spam"_s}));
    author->ask(2, u"Buy SPAM now"_s, u"Spammer"_s);
    const QJsonObject asked = author->take(u"asked"_s).value("question"_L1).toObject();
    QCOMPARE(asked.value("state"_L1).toString(), u"waiting"_s);
    const qint64 waiting = asked.value("id"_L1).toInteger();

    QJsonObject snapshot;
    std::unique_ptr<Phone> moderator = this->moderator(&snapshot);
    QVERIFY(moderator);
    QCOMPARE(snapshot.value("session"_L1).toString(), u"uv and Nix"_s);
    QCOMPARE(snapshot.value("approval"_L1), QJsonValue(false));
    QCOMPARE(snapshot.value("blockedWords"_L1).toArray(), QJsonArray{u"spam"_s});
    const QJsonArray questions = snapshot.value("questions"_L1).toArray();
    QCOMPARE(questions.size(), 2);
    QCOMPARE(questions.at(0).toObject().value("id"_L1).toInteger(), shown);
    const QJsonObject held = questions.at(1).toObject();
    QCOMPARE(held.value("id"_L1).toInteger(), waiting);
    QCOMPARE(held.value("text"_L1).toString(), u"Buy SPAM now"_s);
    QCOMPARE(held.value("name"_L1).toString(), u"Spammer"_s);
    QCOMPARE(held.value("state"_L1).toString(), u"waiting"_s);
    QCOMPARE(held.value("votes"_L1).toInt(), 0);
    QCOMPARE(held.value("askedAt"_L1).toInteger(), m_clock.now().toMSecsSinceEpoch());
    QCOMPARE(held.value("pinnedAt"_L1), QJsonValue());
    QCOMPARE(held.value("answeredAt"_L1), QJsonValue());
    QCOMPARE(held.value("mergedInto"_L1), QJsonValue());
    QCOMPARE(held.value("authorBlocked"_L1), QJsonValue(false));
    for (const QString &text : moderator->texts())
        QVERIFY2(!text.contains(authorDevice), qPrintable(text));
    // A moderator page is not a phone.
    QCOMPARE(m_server->phoneCount(), 1);
}

void TestAudienceServer::moderatorApprovalReachesPhones()
{
    VERIFY_OK(startServer());
    VERIFY_OK(m_questions->setApprovalRequired(true));
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> reader = greetedPhone(newDevice());
    std::unique_ptr<Phone> moderator = this->moderator();
    QVERIFY(author && reader && moderator);
    const qint64 id = askFrom(*author, 1, u"Approve me?"_s);
    QVERIFY(id > 0);
    QCOMPARE(m_questions->question(id)->question.state, Question::State::Waiting);
    QTRY_COMPARE(
        questionIn(moderator->last(u"moderation"_s).value("questions"_L1).toArray(), id).value("state"_L1).toString(),
        u"waiting"_s);

    moderator->moderate(70, u"approve"_s, id);
    QCOMPARE(moderator->take(u"done"_s).value("id"_L1).toInt(), 70);
    QCOMPARE(m_questions->question(id)->question.state, Question::State::Shown);
    QTRY_COMPARE(
        questionIn(reader->last(u"questionUpdates"_s).value("questions"_L1).toArray(), id).value("text"_L1).toString(),
        u"Approve me?"_s);
    QCOMPARE(
        questionIn(reader->last(u"questionUpdates"_s).value("questions"_L1).toArray(), id).value("state"_L1).toString(),
        u"shown"_s);
    QTRY_COMPARE(questionIn(author->last(u"yours"_s).value("questions"_L1).toArray(), id).value("state"_L1).toString(),
                 u"shown"_s);
    QTRY_COMPARE(
        questionIn(moderator->last(u"moderation"_s).value("questions"_L1).toArray(), id).value("state"_L1).toString(),
        u"shown"_s);
}

void TestAudienceServer::mergeTellsTheDuplicatesUpvotersTheyUpvoteItsTarget()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> voter = greetedPhone(newDevice());
    std::unique_ptr<Phone> moderator = this->moderator();
    QVERIFY(author && voter && moderator);
    const qint64 original = askFrom(*author, 1, u"Is uv fast?"_s);
    const qint64 duplicate = askFrom(*author, 2, u"How fast is uv?"_s);
    QVERIFY(original > 0 && duplicate > 0);
    voter->upvote(5, duplicate);
    QCOMPARE(voter->take(u"upvoted"_s).value("on"_L1), QJsonValue(true));
    const int wholeQuestionsBefore = voter->count(u"questions"_s);

    moderator->moderate(70, u"merge"_s, duplicate, original);
    QCOMPARE(moderator->take(u"done"_s).value("id"_L1).toInt(), 70);
    // The voter's page learns that its upvote now counts for the question the duplicate went into.
    QTRY_VERIFY(voter->count(u"questions"_s) > wholeQuestionsBefore);
    QVERIFY(voter->last(u"questions"_s).value("upvoted"_L1).toArray().contains(QJsonValue(original)));
    QCOMPARE(m_questions->question(original)->votes, 1);
}

void TestAudienceServer::moderatorActionsAreDoneOrRefused()
{
    VERIFY_OK(startServer());
    const QString authorDevice = newDevice();
    std::unique_ptr<Phone> author = greetedPhone(authorDevice);
    std::unique_ptr<Phone> moderator = this->moderator();
    QVERIFY(author && moderator);
    const qint64 first = askFrom(*author, 1, u"First"_s);
    const qint64 second = askFrom(*author, 2, u"Second"_s);
    const qint64 third = askFrom(*author, 3, u"Third, a duplicate of the first"_s);
    QVERIFY(first > 0 && second > 0 && third > 0);
    const auto stateOf = [&](qint64 id) { return m_questions->question(id)->question.state; };
    int request = 10;
    const auto act = [&](const QString &action, qint64 id, qint64 into = 0) {
        moderator->moderate(++request, action, id, into);
        const QJsonObject done = moderator->take(u"done"_s);
        if (done.value("id"_L1).toInt() != request)
            qWarning() << action << "was not done:" << moderator->last(u"error"_s);
        return done.value("id"_L1).toInt() == request;
    };

    QVERIFY(act(u"pin"_s, first));
    QCOMPARE(stateOf(first), Question::State::Pinned);
    QVERIFY(act(u"unpin"_s, first));
    QCOMPARE(stateOf(first), Question::State::Shown);
    QVERIFY(act(u"answer"_s, first));
    QCOMPARE(stateOf(first), Question::State::Answered);
    QVERIFY(act(u"hide"_s, second));
    QCOMPARE(stateOf(second), Question::State::Hidden);
    QVERIFY(act(u"merge"_s, third, first));
    QCOMPARE(stateOf(third), Question::State::Merged);
    QCOMPARE(m_questions->question(third)->question.mergedInto, std::optional<qint64>(first));
    QVERIFY(act(u"block"_s, first));
    QVERIFY(m_questions->isDeviceBlocked(authorDevice));
    QTRY_COMPARE(
        questionIn(moderator->last(u"moderation"_s).value("questions"_L1).toArray(), second).value("authorBlocked"_L1),
        QJsonValue(true));
    QVERIFY(act(u"unblock"_s, second));
    QVERIFY(!m_questions->isDeviceBlocked(authorDevice));
    QTRY_COMPARE(
        questionIn(moderator->last(u"moderation"_s).value("questions"_L1).toArray(), second).value("authorBlocked"_L1),
        QJsonValue(false));
    QTRY_COMPARE(questionIn(moderator->last(u"moderation"_s).value("questions"_L1).toArray(), third)
                     .value("mergedInto"_L1)
                     .toInteger(),
                 first);

    // Refusals: the rules (with LiveQuestions' words), unknown questions, malformed requests.
    moderator->moderate(50, u"unpin"_s, second);
    QJsonObject error = moderator->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"invalid-action"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 50);
    QVERIFY(!error.value("message"_L1).toString().isEmpty());
    QCOMPARE(stateOf(second), Question::State::Hidden);
    moderator->moderate(51, u"merge"_s, first, first);
    error = moderator->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"invalid-action"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 51);
    moderator->moderate(52, u"approve"_s, 999'999);
    error = moderator->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"unknown-question"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 52);
    moderator->moderate(53, u"merge"_s, second, 999'999);
    QCOMPARE(moderator->take(u"error"_s).value("code"_L1).toString(), u"unknown-question"_s);
    moderator->send({{"type"_L1, u"moderate"_s}, {"id"_L1, 54}, {"action"_L1, u"delete"_s}, {"question"_L1, first}});
    error = moderator->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"bad-message"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 54);
    QVERIFY(moderator->isConnected());
}

void TestAudienceServer::moderatorSettingsChangeApprovalAndBlockedWords()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    std::unique_ptr<Phone> moderator = this->moderator();
    QVERIFY(phone && moderator);
    QCOMPARE(phone->take(u"questions"_s).value("approval"_L1), QJsonValue(false));

    moderator->send({{"type"_L1, u"settings"_s}, {"id"_L1, 20}, {"approval"_L1, true}});
    QCOMPARE(moderator->take(u"done"_s).value("id"_L1).toInt(), 20);
    QVERIFY(m_questions->isApprovalRequired());
    QCOMPARE(phone->take(u"questions"_s).value("approval"_L1), QJsonValue(true));
    QTRY_COMPARE(moderator->last(u"moderation"_s).value("approval"_L1), QJsonValue(true));

    // As many words as allowed, each as long as allowed: more than a phone's 4 KiB in one message.
    QJsonArray words;
    for (int i = 0; i < 200; ++i)
        words.append(QString(QString(37, QChar(u'a' + i % 26)) + u"%1"_s.arg(i, 3, 10, QChar(u'0'))));
    moderator->send({{"type"_L1, u"settings"_s}, {"id"_L1, 21}, {"blockedWords"_L1, words}});
    QCOMPARE(moderator->take(u"done"_s).value("id"_L1).toInt(), 21);
    QCOMPARE(m_questions->blockedWords().size(), 200);
    QTRY_COMPARE(moderator->last(u"moderation"_s).value("blockedWords"_L1).toArray().size(), 200);

    moderator->send({{"type"_L1, u"settings"_s}, {"id"_L1, 22}, {"blockedWords"_L1, QJsonArray{u"crypto"_s}}});
    QCOMPARE(moderator->take(u"done"_s).value("id"_L1).toInt(), 22);
    QCOMPARE(m_questions->blockedWords(), QStringList{u"crypto"_s});
    QTRY_COMPARE(moderator->last(u"moderation"_s).value("blockedWords"_L1).toArray(), QJsonArray{u"crypto"_s});

    moderator->send({{"type"_L1, u"settings"_s}, {"id"_L1, 23}});
    const QJsonObject error = moderator->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"bad-message"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 23);
    QVERIFY(moderator->isConnected());
}

void TestAudienceServer::moderatorActionThatCannotBeSavedIsReportedAsAStorageFailure()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> author = greetedPhone(newDevice());
    std::unique_ptr<Phone> moderator = this->moderator();
    QVERIFY(author && moderator);
    const qint64 id = askFrom(*author, 1, u"Hide me, if you can"_s);
    QVERIFY(id > 0);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"was not saved"_s));
    VERIFY_OK(m_database->exec(
        u"CREATE TRIGGER refuse_changes BEFORE UPDATE ON questions BEGIN SELECT RAISE(ABORT, 'disk full'); END"_s));

    moderator->moderate(30, u"hide"_s, id);
    const QJsonObject error = moderator->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"storage-failed"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 30);
    QCOMPARE(m_questions->question(id)->question.state, Question::State::Shown);
}

void TestAudienceServer::moderatorTakesNoPhoneMessages()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    std::unique_ptr<Phone> moderator = this->moderator();
    QVERIFY(moderator);
    moderator->ask(1, u"A moderator's question?"_s);
    QCOMPARE(moderator->take(u"error"_s).value("code"_L1).toString(), u"bad-message"_s);
    moderator->upvote(2, 1);
    QCOMPARE(moderator->take(u"error"_s).value("code"_L1).toString(), u"bad-message"_s);
    moderator->vote(3, u"uses-uv"_s, {u"yes"_s});
    QCOMPARE(moderator->take(u"error"_s).value("code"_L1).toString(), u"bad-message"_s);
    moderator->hello(roomCode(), newDevice());
    QCOMPARE(moderator->take(u"error"_s).value("code"_L1).toString(), u"bad-message"_s);
    moderator->moderatorHello(m_room->moderatorToken());
    QCOMPARE(moderator->take(u"error"_s).value("code"_L1).toString(), u"bad-message"_s);
    QVERIFY(moderator->sync());
    QVERIFY(moderator->isConnected());
    QCOMPARE(m_questions->questions().size(), 0);
    QCOMPARE(m_polls->results(u"uses-uv"_s)->voterCount, 0);
    QCOMPARE(m_server->phoneCount(), 0);
}

void TestAudienceServer::phoneCannotModerate()
{
    VERIFY_OK(startServer());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    const qint64 id = askFrom(*phone, 1, u"Pin my own question?"_s);
    QVERIFY(id > 0);

    phone->moderate(2, u"pin"_s, id);
    QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"forbidden"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 2);
    phone->send({{"type"_L1, u"settings"_s}, {"id"_L1, 3}, {"approval"_L1, true}});
    error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"forbidden"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 3);
    phone->moderatorHello(m_room->moderatorToken());
    QCOMPARE(phone->take(u"error"_s).value("code"_L1).toString(), u"forbidden"_s);
    QVERIFY(phone->sync());
    QCOMPARE(phone->count(u"moderation"_s), 0);
    QCOMPARE(m_questions->question(id)->question.state, Question::State::Shown);
    QVERIFY(!m_questions->isApprovalRequired());
    QVERIFY(phone->isConnected());
}

void TestAudienceServer::withoutQuestionsQuestionMessagesAreRefused()
{
    m_server = std::make_unique<AudienceServer>(*m_polls, *m_room);
    VERIFY_OK(m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), 0}));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    phone->ask(1, u"Anyone there?"_s);
    const QJsonObject error = phone->take(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), u"bad-message"_s);
    QCOMPARE(error.value("id"_L1).toInt(), 1);
    QVERIFY(phone->sync());
    QCOMPARE(phone->count(u"questions"_s), 0);
    QCOMPARE(m_questions->questions().size(), 0);

    Phone moderator;
    QVERIFY(moderator.connectTo(m_server->port()));
    moderator.moderatorHello(m_room->moderatorToken());
    QCOMPARE(moderator.take(u"error"_s).value("code"_L1).toString(), u"bad-message"_s);
    QCOMPARE(moderator.count(u"moderation"_s), 0);
}

void TestAudienceServer::restartKeepsVotesRoomCodeAndTokens()
{
    VERIFY_OK(startServer());
    VERIFY_OK(openPoll(u"uses-uv"_s));
    const QString room = roomCode();
    const quint16 port = m_server->port();
    const QString device = newDevice();
    {
        std::unique_ptr<Phone> phone = greetedPhone(device);
        QVERIFY(phone);
        phone->vote(1, u"uses-uv"_s, {u"no"_s});
        QVERIFY(!phone->take(u"ack"_s).isEmpty());
    }

    closeEvent();
    const Result<> reopened = openEvent();
    QVERIFY2(reopened, reason(reopened).constData());
    QCOMPARE(roomCode(), room);
    QVERIFY(m_room->isKnownDevice(device));
    VERIFY_OK(startServer({}, port));
    QCOMPARE(m_server->port(), port);

    // The phone's token still works: same device, its vote kept, no second vote.
    const HttpAnswer rejoined = join(room, device);
    QCOMPARE(jsonObject(rejoined.body).value("device"_L1).toString(), device);
    std::unique_ptr<Phone> phone = greetedPhone(device);
    QVERIFY(phone);
    const QJsonObject poll = phone->take(u"poll"_s);
    QCOMPARE(poll.value("poll"_L1).toObject().value("id"_L1).toString(), u"uses-uv"_s);
    QCOMPARE(answerOf(poll), QStringList{u"no"_s});
    QCOMPARE(phone->take(u"results"_s).value("voters"_L1).toInt(), 1);
    phone->vote(2, u"uses-uv"_s, {u"no"_s});
    QVERIFY(!phone->take(u"ack"_s).isEmpty());
    QCOMPARE(m_polls->results(u"uses-uv"_s)->voterCount, 1);
}

void TestAudienceServer::explicitPortInUseIsAnError()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost));
    m_server = std::make_unique<AudienceServer>(*m_polls, *m_room);
    QSignalSpy listening(m_server.get(), &AudienceServer::listeningChanged);
    const Result<> started = m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), taken.serverPort()});
    QVERIFY(!started);
    QVERIFY2(started.error().contains(QString::number(taken.serverPort())), qPrintable(started.error()));
    QVERIFY2(started.error().contains(u"127.0.0.1"_s), qPrintable(started.error()));
    QVERIFY2(started.error().contains(u"--listen"_s), qPrintable(started.error()));
    QVERIFY(!m_server->isListening());
    QCOMPARE(m_server->port(), quint16(0));
    QCOMPARE(listening.size(), 0);
}

void TestAudienceServer::withoutAnExplicitPortTheNextFreeOneIsUsedAndRemembered()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost));
    VERIFY_OK(m_room->rememberPort(taken.serverPort()));
    m_server = std::make_unique<AudienceServer>(*m_polls, *m_room);
    QSignalSpy listening(m_server.get(), &AudienceServer::listeningChanged);
    const Result<> started = m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), std::nullopt});
    QVERIFY2(started, reason(started).constData());
    QVERIFY(m_server->isListening());
    QVERIFY(m_server->port() > taken.serverPort());
    QVERIFY(m_server->port() < taken.serverPort() + AudienceServer::kPortsToTry);
    QCOMPARE(m_room->rememberedPort(), std::optional<quint16>(m_server->port()));
    QCOMPARE(listening.size(), 1);
    QCOMPARE(get(u"/"_s).status, 200);

    // Kept across a restart of the event: the next start takes the same port again.
    const quint16 port = m_server->port();
    closeEvent();
    VERIFY_OK(openEvent());
    QCOMPARE(m_room->rememberedPort(), std::optional<quint16>(port));
    m_server = std::make_unique<AudienceServer>(*m_polls, *m_room);
    VERIFY_OK(m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), std::nullopt}));
    QCOMPARE(m_server->port(), port);
}

void TestAudienceServer::stopClosesEveryConnection()
{
    VERIFY_OK(startServer());
    QSignalSpy listening(m_server.get(), &AudienceServer::listeningChanged);
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    const quint16 port = m_server->port();

    m_server->stop();
    QVERIFY(!m_server->isListening());
    QCOMPARE(m_server->port(), quint16(0));
    QCOMPARE(m_server->phoneCount(), 0);
    QCOMPARE(listening.size(), 1);
    QCOMPARE(listening.at(0).at(0).toBool(), false);
    QVERIFY(phone->waitClosed());

    // The port is free again, and the server starts on it once more.
    VERIFY_OK(m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), port}));
    QCOMPARE(get(u"/"_s).status, 200);
}

void TestAudienceServer::joinUrlNamesTheAddressPortAndRoom()
{
    VERIFY_OK(startServer());
    QCOMPARE(m_server->joinUrl(QHostAddress(u"192.168.1.20"_s)),
             u"http://192.168.1.20:%1/j/%2"_s.arg(m_server->port()).arg(roomCode()));
    QCOMPARE(m_server->moderatorUrl(QHostAddress(u"192.168.1.20"_s)),
             u"http://192.168.1.20:%1/m/%2"_s.arg(m_server->port()).arg(m_room->moderatorToken()));
}

QTEST_GUILESS_MAIN(TestAudienceServer)
#include "tst_audienceserver.moc"
