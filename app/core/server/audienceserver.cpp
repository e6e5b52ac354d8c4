#include "server/audienceserver.h"
#include "event/audienceroom.h"
#include "event/livepolls.h"
#include "server/connectionguard.h"
#include "server/pollmessages.h"
#include "server/ratelimiter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QHttpServerRouterRule>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace Lectern {

Q_LOGGING_CATEGORY(lcServer, "lectern.server")

namespace {

using StatusCode = QHttpServerResponder::StatusCode;
using PollMessages::ErrorCode;

const QByteArray kJsonType = "application/json; charset=utf-8"_ba;

/** The protocol's close codes for refusals that end a connection (PROTOCOL.md). */
constexpr int kCloseHelloFirst = 4000;
constexpr int kCloseWrongRoom = 4003;
constexpr int kCloseUnknownDevice = 4004;
constexpr int kCloseHelloTimeout = 4008;

QWebSocketProtocol::CloseCode closeCode(int code)
{
    // The protocol's own codes (4000–4999) are valid on the wire but not named by the enum.
    return static_cast<QWebSocketProtocol::CloseCode>(code);
}

/** A file of the phone page: what it is and its bytes, read from the resources once. */
struct StaticFile
{
    QByteArray contentType;
    QByteArray data;
};

/** The request paths served from resources, and nothing else: a request path never becomes a file path. */
QHash<QString, StaticFile> loadStaticFiles()
{
    struct Entry
    {
        QString resource;
        QByteArray contentType;
        QStringList paths;
    };
    const QList<Entry> entries{
        {u":/web/index.html"_s, "text/html; charset=utf-8"_ba, {u"/"_s}},
        {u":/web/app.js"_s, "text/javascript; charset=utf-8"_ba, {u"/static/app.js"_s}},
        {u":/web/app.css"_s, "text/css; charset=utf-8"_ba, {u"/static/app.css"_s}},
        {u":/web/icon.svg"_s, "image/svg+xml"_ba, {u"/static/icon.svg"_s}},
        {u":/web/i18n/en.json"_s, kJsonType, {u"/static/i18n/en.json"_s}},
        {u":/web/i18n/ja.json"_s, kJsonType, {u"/static/i18n/ja.json"_s}},
    };
    QHash<QString, StaticFile> files;
    for (const Entry &entry : entries) {
        QFile file(entry.resource);
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcServer) << "the phone page's file" << entry.resource << "is missing from the resources";
            continue;
        }
        const QByteArray data = file.readAll();
        for (const QString &path : entry.paths)
            files.insert(path, StaticFile{entry.contentType, data});
    }
    return files;
}

/** Raises the soft limit of open files to the hard one: each phone holds a socket. Once per process. */
void raiseOpenFilesLimit()
{
    static std::once_flag once;
    std::call_once(once, [] {
        rlimit limit{};
        if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
            qCWarning(lcServer) << "cannot read the open-files limit:" << std::strerror(errno);
            return;
        }
        // An unlimited hard limit cannot be the soft one for files (Linux caps it at nr_open).
        const rlim_t wanted =
            limit.rlim_max == RLIM_INFINITY ? std::max<rlim_t>(limit.rlim_cur, 65536) : limit.rlim_max;
        if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur >= wanted)
            return;
        const rlim_t previous = limit.rlim_cur;
        limit.rlim_cur = wanted;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            qCWarning(lcServer) << "cannot raise the open-files limit:" << std::strerror(errno);
        else
            qCInfo(lcServer) << "open-files limit raised from" << previous << "to" << wanted;
    });
}

/** A header's value, its name compared without case. */
QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    const QList<QPair<QByteArray, QByteArray>> headers = request.headers();
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return headerValue(request, "Upgrade"_ba).trimmed().compare("websocket"_ba, Qt::CaseInsensitive) == 0;
}

void addSecurityHeaders(QHttpServerResponse &response)
{
    response.setHeader("Content-Security-Policy"_ba, "default-src 'self'"_ba);
    response.setHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
    response.setHeader("Referrer-Policy"_ba, "no-referrer"_ba);
    if (!response.hasHeader("Cache-Control"_ba))
        response.setHeader("Cache-Control"_ba, "no-store"_ba);
}

QHttpServerResponse jsonError(StatusCode status, const QString &code, const QString &message)
{
    return QHttpServerResponse(kJsonType, PollMessages::httpError(code, message), status);
}

/**
 * A route that does not match the WebSocket upgrades its predicate turns away. Qt 6.4 upgrades every upgrade
 * request a route matched, whatever the route answered; one no route matches goes to the missing handler,
 * which answers it, and Qt then closes the connection.
 */
class WebSocketRouteRule : public QHttpServerRouterRule
{
public:
    using Admits = std::function<bool(const QHttpServerRequest &)>;

    WebSocketRouteRule(const QString &pathPattern, QHttpServerRequest::Methods methods, Admits admits,
                       RouterHandler routerHandler)
        : QHttpServerRouterRule(pathPattern, methods, std::move(routerHandler))
        , m_admits(std::move(admits))
    {}

protected:
    bool matches(const QHttpServerRequest &request, QRegularExpressionMatch *match) const override
    {
        return QHttpServerRouterRule::matches(request, match) && (!isWebSocketUpgrade(request) || m_admits(request));
    }

private:
    Admits m_admits;
};

/** The rate limiters' key for a peer: its address, an IPv4-mapped IPv6 one as plain IPv4 (one machine, one key). */
QString addressKey(const QHostAddress &address)
{
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4);
    return isIPv4 ? QHostAddress(ipv4).toString() : address.toString();
}

} // namespace

class AudienceServer::Private
{
public:
    /** One WebSocket: a phone once it said hello. */
    struct Phone
    {
        std::unique_ptr<QWebSocket> socket;
        QString address;
        QString device; ///< empty until hello
        qint64 openedAtMs = 0;
        qint64 lastMessageAtMs = 0;
    };

    /** A device with at least one phone connection, and its answer to the current poll. */
    struct Device
    {
        int connections = 0;
        std::optional<QStringList> answer;
    };

    /** The current poll as last read from LivePolls, with the bytes every phone gets. */
    struct CurrentPoll
    {
        std::optional<Poll> poll;
        PollResults results;
        std::optional<QJsonObject> object; ///< the poll object without yourAnswer
        QString resultsMessage;
    };

    Private(AudienceServer *q, LivePolls &polls, AudienceRoom &room, const ServerLimits &limits)
        : q(q)
        , polls(polls)
        , room(room)
        , limits(limits)
        , files(loadStaticFiles())
        , joinLimiter(limits.joinsPerAddress)
        , requestLimiter(limits.requestsPerAddress)
        , addressMessageLimiter(limits.messagesPerAddress)
        , deviceMessageLimiter(limits.messagesPerDevice)
    {
        clock.start();
    }

    AudienceServer *q;
    LivePolls &polls;
    AudienceRoom &room;
    const ServerLimits limits;
    const QHash<QString, StaticFile> files;

    std::unique_ptr<QHttpServer> http; ///< null while stopped
    QPointer<ConnectionGuard> guard;
    QHostAddress address;
    quint16 port = 0;

    QElapsedTimer clock;
    RateLimiter joinLimiter;
    RateLimiter requestLimiter;
    RateLimiter addressMessageLimiter;
    RateLimiter deviceMessageLimiter;

    std::unordered_map<QWebSocket *, Phone> phones;
    QHash<QString, Device> devices;
    int phoneCount = 0;

    CurrentPoll current;
    std::optional<QJsonObject> lastBroadcastObject;
    bool pollBroadcastPending = false;
    bool resultsDirty = false;
    QTimer resultsTimer;
    QTimer sweepTimer;

    milliseconds now() const { return milliseconds(clock.elapsed()); }

    // HTTP
    void createHttpServer();
    /** Why listening failed: the socket's error, and the message for the person who asked. */
    struct ListenFailure
    {
        QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
        QString message;
    };
    tl::expected<void, ListenFailure> listenOn(const QHostAddress &on, quint16 wantedPort);
    /** Spends one of the address's requests; the 429 answer when it has none left. */
    std::optional<QHttpServerResponse> refusedByRate(const QHttpServerRequest &request);
    QHttpServerResponse tooManyRequests(const QString &peer, milliseconds at) const;
    QHttpServerResponse serveFile(const QString &path, const QHttpServerRequest &request);
    QHttpServerResponse join(const QHttpServerRequest &request);
    QHttpServerResponse wrongMethod(const QHttpServerRequest &request, const QByteArray &allowed);
    static void respond(QHttpServerResponder &&responder, QHttpServerResponse &&response);

    // WebSockets
    void acceptWebSockets();
    void receive(QWebSocket *socket, const QString &text);
    void hello(Phone &phone, const PollMessages::Hello &hello);
    void vote(Phone &phone, const PollMessages::Vote &vote);
    void voteCommitted(const QString &device, const QString &pollId, const QStringList &answer);
    void refuse(Phone &phone, ErrorCode code, const QString &message, std::optional<qint64> voteId = {});
    void closePhone(QWebSocket *socket, int code, const QString &reason);
    void forget(QWebSocket *socket);
    void sweep();
    void closeAll(bool deleteNow);
    QList<QWebSocket *> greetedSockets() const;
    void setPhoneCount(int count);

    // The current poll, its broadcasts
    void refreshCurrent();
    void reloadAnswers();
    std::optional<QStringList> recordedAnswerOf(const QString &device) const;
    bool maySeeResults(const Device &device) const;
    void schedulePollBroadcast();
    void broadcastPoll();
    void markResultsDirty();
    void broadcastResults();
    void sendCurrentTo(Phone &phone);
};

// ---- HTTP ----

void AudienceServer::Private::createHttpServer()
{
    http = std::make_unique<QHttpServer>();
    using Method = QHttpServerRequest::Method;

    http->route(u"/"_s, Method::Get, [this](const QHttpServerRequest &request) { return serveFile(u"/"_s, request); });
    // The room code is checked by join, not here: the page reads it from its own address.
    http->route(u"/j/<arg>"_s, Method::Get,
                [this](const QString &, const QHttpServerRequest &request) { return serveFile(u"/"_s, request); });
    http->route(u"/static/<arg>"_s, Method::Get, [this](const QUrl &, const QHttpServerRequest &request) {
        return serveFile(request.url().path(), request);
    });
    http->route(u"/api/v1/join"_s, Method::Post, [this](const QHttpServerRequest &request) { return join(request); });
    // Qt 6.4 upgrades a WebSocket only on a path whose route takes the responder and writes nothing; it then
    // hands the connection to its WebSocket server (newWebSocketConnection). Without the upgrade: 400.
    // An upgrade is a request too, or reconnecting in a loop would cost an address nothing. One over the limit
    // is not matched here, so that Qt does not upgrade it: the missing handler answers 429.
    const WebSocketRouteRule::Admits upgradeWithinRate = [this](const QHttpServerRequest &request) {
        return requestLimiter.retryAfterSeconds(addressKey(request.remoteAddress()), now()) == 0;
    };
    http->route<WebSocketRouteRule>(u"/ws"_s, Method::Get, upgradeWithinRate,
                                    [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                                        if (isWebSocketUpgrade(request)) {
                                            // A token is there (the rule checked, and buckets only fill up meanwhile):
                                            // spend it.
                                            requestLimiter.allow(addressKey(request.remoteAddress()), now());
                                            return;
                                        }
                                        if (std::optional<QHttpServerResponse> refused = refusedByRate(request)) {
                                            respond(std::move(responder), std::move(*refused));
                                            return;
                                        }
                                        respond(std::move(responder),
                                                jsonError(StatusCode::BadRequest, u"bad-request"_s,
                                                          u"This address takes WebSocket connections only."_s));
                                    });

    // The same paths with any other method.
    const auto get = "GET"_ba;
    http->route(u"/"_s, Method::AnyKnown,
                [this, get](const QHttpServerRequest &request) { return wrongMethod(request, get); });
    http->route(u"/j/<arg>"_s, Method::AnyKnown,
                [this, get](const QString &, const QHttpServerRequest &request) { return wrongMethod(request, get); });
    http->route(u"/static/<arg>"_s, Method::AnyKnown,
                [this, get](const QUrl &, const QHttpServerRequest &request) { return wrongMethod(request, get); });
    http->route(u"/api/v1/join"_s, Method::AnyKnown,
                [this](const QHttpServerRequest &request) { return wrongMethod(request, "POST"_ba); });
    http->route<WebSocketRouteRule>(
        u"/ws"_s, Method::AnyKnown, WebSocketRouteRule::Admits([](const QHttpServerRequest &) { return false; }),
        [this, get](const QHttpServerRequest &request) { return wrongMethod(request, get); });

    http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        if (isWebSocketUpgrade(request) && request.url().path() == "/ws"_L1) {
            // The upgrade the route turned away, its address over the rate.
            respond(std::move(responder), tooManyRequests(addressKey(request.remoteAddress()), now()));
            return;
        }
        std::optional<QHttpServerResponse> refused = refusedByRate(request);
        respond(std::move(responder),
                refused ? std::move(*refused)
                        : jsonError(StatusCode::NotFound, u"not-found"_s, u"There is nothing at this address."_s));
    });
    // Runs for every response a route returns; responses written through a responder add the headers in respond().
    http->afterRequest([](QHttpServerResponse &&response, const QHttpServerRequest &) -> QHttpServerResponse {
        addSecurityHeaders(response);
        return std::move(response);
    });

    QObject::connect(http.get(), &QAbstractHttpServer::newWebSocketConnection, q, [this] { acceptWebSockets(); });
}

void AudienceServer::Private::respond(QHttpServerResponder &&responder, QHttpServerResponse &&response)
{
    addSecurityHeaders(response);
    response.write(std::move(responder));
}

tl::expected<void, AudienceServer::Private::ListenFailure> AudienceServer::Private::listenOn(const QHostAddress &on,
                                                                                             quint16 wantedPort)
{
    auto *listener = new ConnectionGuard(limits, http.get());
    if (!listener->listen(on, wantedPort)) {
        ListenFailure failure{listener->serverError(), QString()};
        if (failure.error == QAbstractSocket::AddressInUseError) {
            failure.message = AudienceServer::tr("Port %1 on %2 is in use by another program; choose another with "
                                                 "--listen.")
                                  .arg(wantedPort)
                                  .arg(on.toString());
        } else {
            failure.message = AudienceServer::tr("Cannot listen on port %1 of %2: %3")
                                  .arg(wantedPort)
                                  .arg(on.toString(), listener->errorString());
        }
        delete listener;
        return tl::unexpected<ListenFailure>(failure);
    }
    http->bind(listener);
    guard = listener;
    port = listener->serverPort();
    address = on;
    return {};
}

std::optional<QHttpServerResponse> AudienceServer::Private::refusedByRate(const QHttpServerRequest &request)
{
    const QString peer = addressKey(request.remoteAddress());
    const milliseconds at = now();
    if (requestLimiter.allow(peer, at))
        return std::nullopt;
    return tooManyRequests(peer, at);
}

QHttpServerResponse AudienceServer::Private::tooManyRequests(const QString &peer, milliseconds at) const
{
    QHttpServerResponse response = jsonError(StatusCode::TooManyRequests, u"rate-limited"_s,
                                             u"Too many requests from this address; wait a moment."_s);
    response.setHeader("Retry-After"_ba, QByteArray::number(std::max(1, requestLimiter.retryAfterSeconds(peer, at))));
    return response;
}

QHttpServerResponse AudienceServer::Private::serveFile(const QString &path, const QHttpServerRequest &request)
{
    if (std::optional<QHttpServerResponse> refused = refusedByRate(request))
        return std::move(*refused);
    const auto file = files.constFind(path);
    if (file == files.cend())
        return jsonError(StatusCode::NotFound, u"not-found"_s, u"There is no such file."_s);
    QHttpServerResponse response(file->contentType, file->data);
    response.setHeader("Cache-Control"_ba, "no-cache"_ba);
    return response;
}

QHttpServerResponse AudienceServer::Private::wrongMethod(const QHttpServerRequest &request, const QByteArray &allowed)
{
    if (std::optional<QHttpServerResponse> refused = refusedByRate(request))
        return std::move(*refused);
    QHttpServerResponse response =
        jsonError(StatusCode::MethodNotAllowed, u"bad-method"_s,
                  u"This address does not take that method; use %1."_s.arg(QString::fromLatin1(allowed)));
    response.setHeader("Allow"_ba, allowed);
    return response;
}

QHttpServerResponse AudienceServer::Private::join(const QHttpServerRequest &request)
{
    if (std::optional<QHttpServerResponse> refused = refusedByRate(request))
        return std::move(*refused);

    bool hasLength = false;
    const qint64 declaredLength = headerValue(request, "Content-Length"_ba).trimmed().toLongLong(&hasLength);
    if ((hasLength && declaredLength > limits.maxRequestBodyBytes) ||
        request.body().size() > limits.maxRequestBodyBytes) {
        return jsonError(StatusCode::PayloadTooLarge, u"too-large"_s,
                         u"The body is larger than %1 bytes."_s.arg(limits.maxRequestBodyBytes));
    }
    const QByteArray mediaType = headerValue(request, "Content-Type"_ba).split(';').constFirst().trimmed();
    if (mediaType.compare("application/json"_ba, Qt::CaseInsensitive) != 0)
        return jsonError(StatusCode::BadRequest, u"bad-request"_s,
                         u"The body must be JSON (Content-Type: application/json)."_s);

    // Each join may mint a token, and wrong codes are guesses: both count against the address.
    const QString peer = addressKey(request.remoteAddress());
    const milliseconds at = now();
    if (!joinLimiter.allow(peer, at)) {
        QHttpServerResponse response = jsonError(StatusCode::TooManyRequests, u"rate-limited"_s,
                                                 u"Too many joins from this address; wait a moment."_s);
        response.setHeader("Retry-After"_ba, QByteArray::number(std::max(1, joinLimiter.retryAfterSeconds(peer, at))));
        return response;
    }

    const Result<PollMessages::JoinRequest> parsed = PollMessages::parseJoinRequest(request.body());
    if (!parsed)
        return jsonError(StatusCode::BadRequest, u"bad-request"_s, parsed.error());
    if (!room.acceptsRoomCode(parsed->room))
        return jsonError(StatusCode::Forbidden, u"wrong-room"_s, u"The room code is not this room's."_s);
    const Result<QString> device = room.admitDevice(parsed->device);
    if (!device) {
        qCWarning(lcServer) << "a phone could not join:" << device.error();
        return jsonError(StatusCode::InternalServerError, u"storage-failed"_s,
                         u"The event database refused the write; nothing was recorded."_s);
    }
    return QHttpServerResponse(kJsonType, PollMessages::joinAnswer(kProtocolVersion, room.roomCode(), *device,
                                                                   polls.eventTitle(), polls.sessionTitle()));
}

// ---- WebSockets ----

void AudienceServer::Private::acceptWebSockets()
{
    if (!http)
        return;
    while (http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = http->nextPendingWebSocketConnection();
        if (!socket)
            break;
        QWebSocket *raw = socket.get();
        // Qt upgrades on any path whose route answered (having written that answer first): only /ws is ours.
        if (raw->requestUrl().path() != "/ws"_L1) {
            // Closed once Qt's handshake code, still on the stack, is done with the socket.
            socket.release();
            QMetaObject::invokeMethod(
                raw,
                [raw] {
                    raw->close(QWebSocketProtocol::CloseCodePolicyViolated, u"WebSockets connect at /ws."_s);
                    raw->deleteLater();
                },
                Qt::QueuedConnection);
            continue;
        }
        raw->setMaxAllowedIncomingMessageSize(quint64(limits.maxWebSocketMessageBytes));
        raw->setMaxAllowedIncomingFrameSize(quint64(limits.maxWebSocketMessageBytes));
        if (guard)
            guard->markUpgraded(raw->peerAddress(), raw->peerPort());

        QObject::connect(raw, &QWebSocket::textMessageReceived, q,
                         [this, raw](const QString &text) { receive(raw, text); });
        QObject::connect(raw, &QWebSocket::binaryMessageReceived, q, [this, raw](const QByteArray &) {
            if (const auto phone = phones.find(raw); phone != phones.end())
                refuse(phone->second, ErrorCode::BadMessage, u"Messages are JSON text, not binary."_s);
        });
        QObject::connect(raw, &QWebSocket::disconnected, q, [this, raw] { forget(raw); });

        Phone phone;
        phone.socket = std::move(socket);
        phone.address = addressKey(raw->peerAddress());
        phone.openedAtMs = phone.lastMessageAtMs = clock.elapsed();
        phones.emplace(raw, std::move(phone));
    }
}

void AudienceServer::Private::receive(QWebSocket *socket, const QString &text)
{
    const auto found = phones.find(socket);
    if (found == phones.end())
        return;
    Phone &phone = found->second;
    const milliseconds at = now();
    phone.lastMessageAtMs = at.count();

    const tl::expected<PollMessages::ClientMessage, PollMessages::Refusal> message =
        PollMessages::parseClientMessage(text.toUtf8());
    const auto *vote = message ? std::get_if<PollMessages::Vote>(&*message) : nullptr;
    const std::optional<qint64> voteId = vote ? std::optional<qint64>(vote->id) : std::nullopt;
    if (!addressMessageLimiter.allow(phone.address, at) ||
        (!phone.device.isEmpty() && !deviceMessageLimiter.allow(phone.device, at))) {
        refuse(phone, ErrorCode::RateLimited, u"Too many messages; wait a moment and try again."_s, voteId);
        return;
    }
    if (!message) {
        refuse(phone, message.error().code, message.error().message, message.error().voteId);
        return;
    }
    if (const auto *hello = std::get_if<PollMessages::Hello>(&*message)) {
        this->hello(phone, *hello);
        return;
    }
    if (phone.device.isEmpty()) {
        refuse(phone, ErrorCode::HelloFirst, u"Say hello first."_s, voteId);
        closePhone(socket, kCloseHelloFirst, u"hello first"_s);
        return;
    }
    if (vote) {
        this->vote(phone, *vote);
        return;
    }
    phone.socket->sendTextMessage(QString::fromUtf8(PollMessages::pongMessage()));
}

void AudienceServer::Private::hello(Phone &phone, const PollMessages::Hello &hello)
{
    if (!phone.device.isEmpty()) {
        refuse(phone, ErrorCode::BadMessage, u"This connection has said hello already."_s);
        return;
    }
    if (hello.protocol != kProtocolVersion) {
        refuse(phone, ErrorCode::BadMessage,
               u"This server speaks protocol %1, the page %2; reload the page."_s.arg(kProtocolVersion)
                   .arg(hello.protocol));
        return;
    }
    QWebSocket *socket = phone.socket.get();
    // A wrong room code is a guess, as in a join, and costs the address a join. An address out of joins gets no
    // answer about its code at all, or guessing would go on at the message rate.
    const milliseconds at = now();
    if (joinLimiter.retryAfterSeconds(phone.address, at) > 0) {
        refuse(phone, ErrorCode::RateLimited, u"Too many wrong room codes from this address; wait a moment."_s);
        return;
    }
    if (!room.acceptsRoomCode(hello.room)) {
        joinLimiter.allow(phone.address, at);
        refuse(phone, ErrorCode::WrongRoom, u"The room code is not this room's."_s);
        closePhone(socket, kCloseWrongRoom, u"wrong room"_s);
        return;
    }
    if (!room.isKnownDevice(hello.device)) {
        refuse(phone, ErrorCode::UnknownDevice, u"This phone is not known here; join again."_s);
        closePhone(socket, kCloseUnknownDevice, u"unknown device"_s);
        return;
    }

    phone.device = hello.device;
    Device &device = devices[hello.device];
    if (device.connections++ == 0)
        device.answer = recordedAnswerOf(hello.device);
    setPhoneCount(int(devices.size()));

    socket->sendTextMessage(QString::fromUtf8(
        PollMessages::welcomeMessage(kProtocolVersion, room.roomCode(), polls.eventTitle(), polls.sessionTitle())));
    sendCurrentTo(phone);
}

void AudienceServer::Private::vote(Phone &phone, const PollMessages::Vote &vote)
{
    if (!current.poll || current.poll->id != vote.pollId) {
        refuse(phone, ErrorCode::UnknownPoll, u"That poll is not the one running now."_s, vote.id);
        return;
    }
    if (current.results.state != PollState::Open) {
        refuse(phone, ErrorCode::PollClosed, u"This poll is closed."_s, vote.id);
        return;
    }

    if (const Result<QStringList> valid = polls.answerAsRecorded(vote.pollId, vote.answer); !valid) {
        refuse(phone, ErrorCode::InvalidAnswer, valid.error(), vote.id);
        return;
    }

    Q_EMIT q->voteReceived(vote.pollId);
    const QPointer<AudienceServer> server(q);
    const QPointer<QWebSocket> socket(phone.socket.get());
    const QString device = phone.device;
    const QString pollId = vote.pollId;
    const qint64 voteId = vote.id;
    // Called only for a vote LivePolls queued, once its batch is committed or has failed; possibly before
    // castVote() returns (a vote that fills a batch), never for a vote refused at once.
    const Result<> queued = polls.castVote(
        device, pollId, vote.answer, [this, server, socket, device, pollId, voteId](Result<QStringList> recorded) {
            if (!server)
                return;
            if (!recorded) {
                qCWarning(lcServer) << "a vote was not saved:" << recorded.error();
                if (socket)
                    socket->sendTextMessage(QString::fromUtf8(PollMessages::errorMessage(
                        {ErrorCode::StorageFailed, u"The vote could not be saved; send it again."_s, voteId})));
                return;
            }
            voteCommitted(device, pollId, *recorded);
            if (socket)
                socket->sendTextMessage(QString::fromUtf8(PollMessages::ackMessage(voteId, pollId, *recorded)));
        });
    if (queued)
        return;
    // Refused at once although the poll, its state and the answer were checked above: the poll changed in the
    // meantime, or the device could not be looked up in the database.
    const Result<std::optional<QString>> open = polls.openPollId();
    if (!polls.poll(pollId)) {
        refuse(phone, ErrorCode::UnknownPoll, u"That poll is not the one running now."_s, voteId);
    } else if (open && *open != pollId) {
        refuse(phone, ErrorCode::PollClosed, u"This poll is closed."_s, voteId);
    } else {
        qCWarning(lcServer) << "a vote was refused:" << queued.error();
        refuse(phone, ErrorCode::StorageFailed, u"The vote could not be saved; send it again."_s, voteId);
    }
}

void AudienceServer::Private::voteCommitted(const QString &device, const QString &pollId, const QStringList &answer)
{
    if (!current.poll || current.poll->id != pollId)
        return;
    const auto known = devices.find(device);
    if (known != devices.end())
        known->answer = answer;
}

void AudienceServer::Private::refuse(Phone &phone, ErrorCode code, const QString &message, std::optional<qint64> voteId)
{
    phone.socket->sendTextMessage(
        QString::fromUtf8(PollMessages::errorMessage(PollMessages::Refusal{code, message, voteId})));
}

void AudienceServer::Private::closePhone(QWebSocket *socket, int code, const QString &reason)
{
    socket->close(closeCode(code), reason);
}

void AudienceServer::Private::forget(QWebSocket *socket)
{
    const auto found = phones.find(socket);
    if (found == phones.end())
        return;
    const QString device = found->second.device;
    // Deleted later: this runs inside the socket's own signal.
    found->second.socket.release()->deleteLater();
    phones.erase(found);
    if (device.isEmpty())
        return;
    if (const auto known = devices.find(device); known != devices.end() && --known->connections <= 0)
        devices.erase(known);
    setPhoneCount(int(devices.size()));
}

void AudienceServer::Private::sweep()
{
    const qint64 at = clock.elapsed();
    QList<QPair<QWebSocket *, int>> closing;
    for (const auto &[socket, phone] : phones) {
        if (phone.device.isEmpty() && at - phone.openedAtMs > limits.helloTimeout.count())
            closing.append({socket, kCloseHelloTimeout});
        else if (at - phone.lastMessageAtMs > limits.webSocketIdleTimeout.count())
            closing.append({socket, int(QWebSocketProtocol::CloseCodeGoingAway)});
    }
    for (const auto &[socket, code] : std::as_const(closing)) {
        if (phones.find(socket) != phones.end())
            closePhone(socket, code, code == kCloseHelloTimeout ? u"no hello"_s : u"idle"_s);
    }
    joinLimiter.prune(milliseconds(at));
    requestLimiter.prune(milliseconds(at));
    addressMessageLimiter.prune(milliseconds(at));
    deviceMessageLimiter.prune(milliseconds(at));
}

void AudienceServer::Private::closeAll(bool deleteNow)
{
    std::unordered_map<QWebSocket *, Phone> closing = std::exchange(phones, {});
    devices.clear();
    for (auto &[raw, phone] : closing) {
        QObject::disconnect(raw, nullptr, q, nullptr);
        raw->close(QWebSocketProtocol::CloseCodeGoingAway, u"The server stopped."_s);
        raw->flush();
        if (deleteNow)
            phone.socket.reset();
        else
            phone.socket.release()->deleteLater();
    }
}

QList<QWebSocket *> AudienceServer::Private::greetedSockets() const
{
    QList<QWebSocket *> sockets;
    sockets.reserve(qsizetype(phones.size()));
    for (const auto &[socket, phone] : phones) {
        if (!phone.device.isEmpty())
            sockets.append(socket);
    }
    return sockets;
}

void AudienceServer::Private::setPhoneCount(int count)
{
    if (count == phoneCount)
        return;
    phoneCount = count;
    Q_EMIT q->phoneCountChanged(count);
}

// ---- The current poll ----

void AudienceServer::Private::refreshCurrent()
{
    const QString previousId = current.poll ? current.poll->id : QString();
    const Result<std::optional<QString>> id = polls.currentPollId();
    if (!id) {
        qCWarning(lcServer) << "cannot read the current poll:" << id.error();
        return;
    }
    CurrentPoll next;
    if (*id) {
        next.poll = polls.poll(**id);
        const Result<PollResults> results = polls.results(**id);
        if (!next.poll || !results) {
            qCWarning(lcServer) << "cannot read the current poll" << **id << (results ? QString() : results.error());
            return;
        }
        next.results = *results;
        next.object = PollMessages::pollObject(*next.poll, next.results.state, next.results.revealed);
        next.resultsMessage = QString::fromUtf8(PollMessages::resultsMessage(*next.poll, next.results));
    }
    current = std::move(next);
    if ((current.poll ? current.poll->id : QString()) != previousId)
        reloadAnswers();
}

void AudienceServer::Private::reloadAnswers()
{
    // One query for every phone, and none for a poll nobody answered.
    QHash<QString, QStringList> answers;
    if (current.poll && current.results.voterCount > 0) {
        const Result<QHash<QString, QStringList>> recorded = polls.answers(current.poll->id);
        if (recorded)
            answers = *recorded;
        else
            qCWarning(lcServer) << "cannot read the phones' answers:" << recorded.error();
    }
    for (auto device = devices.begin(); device != devices.end(); ++device) {
        const auto answer = answers.constFind(device.key());
        device->answer = answer == answers.cend() ? std::nullopt : std::optional<QStringList>(*answer);
    }
}

std::optional<QStringList> AudienceServer::Private::recordedAnswerOf(const QString &device) const
{
    if (!current.poll)
        return std::nullopt;
    const Result<std::optional<QStringList>> answer = polls.answerOf(current.poll->id, device);
    if (!answer) {
        qCWarning(lcServer) << "cannot read a phone's answer:" << answer.error();
        return std::nullopt;
    }
    return *answer;
}

bool AudienceServer::Private::maySeeResults(const Device &device) const
{
    return current.poll && PollMessages::maySeeResults(current.poll->resultsVisibility, current.results.revealed,
                                                       device.answer.has_value());
}

void AudienceServer::Private::schedulePollBroadcast()
{
    if (pollBroadcastPending)
        return;
    // LivePolls signals each poll a change touches (opening one closes another): one broadcast for them all.
    pollBroadcastPending = true;
    QTimer::singleShot(0, q, [this] {
        pollBroadcastPending = false;
        broadcastPoll();
    });
}

void AudienceServer::Private::broadcastPoll()
{
    if (!http || current.object == lastBroadcastObject)
        return;
    lastBroadcastObject = current.object;
    // Phones with the same answer get the same bytes: serialised once per distinct answer.
    QHash<QString, QString> messages;
    const QList<QWebSocket *> sockets = greetedSockets();
    for (QWebSocket *socket : sockets) {
        const auto phone = phones.find(socket);
        if (phone == phones.end())
            continue;
        const Device device = devices.value(phone->second.device);
        const QString key = device.answer ? u'+' + device.answer->join(QChar(0x1f)) : u"-"_s;
        auto message = messages.find(key);
        if (message == messages.end())
            message = messages.insert(key, QString::fromUtf8(PollMessages::pollMessage(current.object, device.answer)));
        socket->sendTextMessage(*message);
        if (maySeeResults(device))
            socket->sendTextMessage(current.resultsMessage);
    }
}

void AudienceServer::Private::markResultsDirty()
{
    resultsDirty = true;
    // Leading edge: the first change goes out at once, further ones at most once per interval.
    if (!resultsTimer.isActive()) {
        broadcastResults();
        resultsTimer.start();
    }
}

void AudienceServer::Private::broadcastResults()
{
    resultsDirty = false;
    if (!current.poll)
        return;
    const Result<PollResults> results = polls.results(current.poll->id);
    if (!results) {
        qCWarning(lcServer) << "cannot read the results of" << current.poll->id << ':' << results.error();
        return;
    }
    current.results = *results;
    current.resultsMessage = QString::fromUtf8(PollMessages::resultsMessage(*current.poll, current.results));
    if (current.poll->resultsVisibility == Poll::ResultsVisibility::Never)
        return;
    const QList<QWebSocket *> sockets = greetedSockets();
    for (QWebSocket *socket : sockets) {
        const auto phone = phones.find(socket);
        if (phone != phones.end() && maySeeResults(devices.value(phone->second.device)))
            socket->sendTextMessage(current.resultsMessage);
    }
}

void AudienceServer::Private::sendCurrentTo(Phone &phone)
{
    const Device device = devices.value(phone.device);
    phone.socket->sendTextMessage(QString::fromUtf8(PollMessages::pollMessage(current.object, device.answer)));
    if (maySeeResults(device))
        phone.socket->sendTextMessage(current.resultsMessage);
}

// ---- AudienceServer ----

AudienceServer::AudienceServer(LivePolls &polls, AudienceRoom &room, const ServerLimits &limits, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, polls, room, limits))
{
    d->resultsTimer.setInterval(100ms);
    connect(&d->resultsTimer, &QTimer::timeout, this, [this] {
        if (d->resultsDirty)
            d->broadcastResults();
        else
            d->resultsTimer.stop();
    });
    // One timer for every connection's hello and idle deadlines.
    const milliseconds shortest = std::min(limits.helloTimeout, limits.webSocketIdleTimeout);
    d->sweepTimer.setInterval(std::clamp(shortest / 4, milliseconds(25), milliseconds(1000)));
    connect(&d->sweepTimer, &QTimer::timeout, this, [this] { d->sweep(); });

    connect(&polls, &LivePolls::pollStateChanged, this, [this] {
        if (!d->http)
            return;
        d->refreshCurrent();
        d->schedulePollBroadcast();
    });
    connect(&polls, &LivePolls::pollsChanged, this, [this] {
        if (!d->http)
            return;
        d->refreshCurrent();
        d->schedulePollBroadcast();
    });
    connect(&polls, &LivePolls::resultsChanged, this, [this](const QString &pollId) {
        if (d->http && d->current.poll && d->current.poll->id == pollId)
            d->markResultsDirty();
    });
}

AudienceServer::~AudienceServer()
{
    if (!d->http)
        return;
    d->closeAll(true);
    if (d->guard)
        d->guard->close();
    d->http.reset();
}

Result<> AudienceServer::start(const ListenAddress &listen)
{
    stop();
    raiseOpenFilesLimit();
    d->createHttpServer();

    Result<> listening;
    if (listen.port) {
        // An explicit port, 0 included (any free port, for tests): it is used or it is an error.
        if (const auto listened = d->listenOn(listen.address, *listen.port); !listened)
            listening = fail(listened.error().message);
    } else {
        const quint16 first = d->room.rememberedPort().value_or(kDefaultPort);
        const int last = std::min(int(first) + kPortsToTry - 1, 65535);
        listening = fail(tr("Ports %1 to %2 on %3 are all in use; choose a port with --listen.")
                             .arg(first)
                             .arg(last)
                             .arg(listen.address.toString()));
        for (int candidate = first; candidate <= last; ++candidate) {
            const auto listened = d->listenOn(listen.address, quint16(candidate));
            if (listened) {
                listening = {};
                break;
            }
            // Only a taken port is worth skipping; any other failure would repeat on the next one.
            if (listened.error().error != QAbstractSocket::AddressInUseError) {
                listening = fail(listened.error().message);
                break;
            }
        }
        if (listening && d->room.rememberedPort() != d->port) {
            if (const Result<> remembered = d->room.rememberPort(d->port); !remembered)
                qCWarning(lcServer) << "cannot remember the port" << d->port << ':' << remembered.error();
        }
    }
    if (!listening) {
        d->http.reset();
        d->port = 0;
        return listening;
    }

    qCInfo(lcServer) << "listening on" << d->address.toString() << "port" << d->port;
    d->refreshCurrent();
    // Phones get the current poll with their welcome; broadcasts are for changes from here on.
    d->lastBroadcastObject = d->current.object;
    d->sweepTimer.start();
    Q_EMIT listeningChanged(true);
    return {};
}

void AudienceServer::stop()
{
    if (!d->http)
        return;
    d->sweepTimer.stop();
    d->resultsTimer.stop();
    d->resultsDirty = false;
    d->closeAll(false);
    d->setPhoneCount(0);
    if (d->guard) {
        // Open HTTP connections end now rather than when the server object is deleted.
        const QList<QTcpSocket *> sockets = d->guard->findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->abort();
        d->guard->close();
    }
    d->http.release()->deleteLater();
    d->port = 0;
    qCInfo(lcServer) << "stopped";
    Q_EMIT listeningChanged(false);
}

bool AudienceServer::isListening() const
{
    return d->http && d->guard && d->guard->isListening();
}

quint16 AudienceServer::port() const
{
    return isListening() ? d->port : 0;
}

QHostAddress AudienceServer::listenAddress() const
{
    return d->address;
}

QString AudienceServer::joinUrl(const QHostAddress &address) const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(address.toString());
    url.setPort(d->port);
    url.setPath(u"/j/"_s + d->room.roomCode());
    return url.toString();
}

int AudienceServer::phoneCount() const
{
    return d->phoneCount;
}

int AudienceServer::connectionCount() const
{
    return d->guard ? d->guard->connectionCount() : 0;
}

const ServerLimits &AudienceServer::limits() const
{
    return d->limits;
}

} // namespace Lectern
