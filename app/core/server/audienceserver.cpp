#include "server/audienceserver.h"
#include "event/audienceroom.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "export/eventexport.h"
#include "server/agendamessages.h"
#include "server/connectionguard.h"
#include "server/pollmessages.h"
#include "server/questionmessages.h"
#include "server/ratelimiter.h"
#include "storage/database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QHttpServerRouterRule>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
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
const QString kModeratorPage = u"moderator.html"_s;

/** The agenda goes out at most once per this; and is looked at again this often, for "behind" moves with time. */
constexpr milliseconds kAgendaInterval{1000};
constexpr milliseconds kAgendaRefreshInterval{15'000};

/** A deck download reads the file this much at a time, and holds at most about kStreamWindow of it unsent. */
constexpr qint64 kStreamChunk = 64 * 1024;
constexpr qint64 kStreamWindow = 256 * 1024;

/** The protocol's close codes for refusals that end a connection (PROTOCOL.md). */
constexpr int kCloseHelloFirst = 4000;
constexpr int kCloseForbidden = 4001;
constexpr int kCloseWrongRoom = 4003;
constexpr int kCloseUnknownDevice = 4004;
constexpr int kCloseHelloTimeout = 4008;

QWebSocketProtocol::CloseCode closeCode(int code)
{
    // The protocol's own codes (4000–4999) are valid on the wire but not named by the enum.
    return static_cast<QWebSocketProtocol::CloseCode>(code);
}

/** A file of the phone or moderator page: what it is and its bytes, read from the resources once. */
struct StaticFile
{
    QByteArray contentType;
    QByteArray data;
};

/**
 * The request paths served from resources, and nothing else: a request path never becomes a file path. The
 * moderator page is kept under kModeratorPage, which no request path equals (they start with a slash).
 */
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
        {u":/web/common.js"_s, "text/javascript; charset=utf-8"_ba, {u"/static/common.js"_s}},
        {u":/web/app.js"_s, "text/javascript; charset=utf-8"_ba, {u"/static/app.js"_s}},
        {u":/web/app.css"_s, "text/css; charset=utf-8"_ba, {u"/static/app.css"_s}},
        {u":/web/icon.svg"_s, "image/svg+xml"_ba, {u"/static/icon.svg"_s}},
        {u":/web/i18n/en.json"_s, kJsonType, {u"/static/i18n/en.json"_s}},
        {u":/web/i18n/ja.json"_s, kJsonType, {u"/static/i18n/ja.json"_s}},
        {u":/web/moderator.html"_s, "text/html; charset=utf-8"_ba, {kModeratorPage}},
        {u":/web/moderator.js"_s, "text/javascript; charset=utf-8"_ba, {u"/static/moderator.js"_s}},
        {u":/web/moderator.css"_s, "text/css; charset=utf-8"_ba, {u"/static/moderator.css"_s}},
    };
    QHash<QString, StaticFile> files;
    for (const Entry &entry : entries) {
        QFile file(entry.resource);
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcServer) << "the page's file" << entry.resource << "is missing from the resources";
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

/** The headers every answer carries (PROTOCOL.md); Cache-Control is the default, some answers set their own. */
const QList<std::pair<QByteArray, QByteArray>> &securityHeaders()
{
    static const QList<std::pair<QByteArray, QByteArray>> headers{
        {"Content-Security-Policy"_ba, "default-src 'self'"_ba},
        {"X-Content-Type-Options"_ba, "nosniff"_ba},
        {"Referrer-Policy"_ba, "no-referrer"_ba},
        {"Cache-Control"_ba, "no-store"_ba},
    };
    return headers;
}

void addSecurityHeaders(QHttpServerResponse &response)
{
    for (const auto &[name, value] : securityHeaders()) {
        if (name != "Cache-Control"_ba || !response.hasHeader(name))
            response.setHeader(name, value);
    }
}

QHttpServerResponse jsonError(StatusCode status, const QString &code, const QString &message)
{
    return QHttpServerResponse(kJsonType, PollMessages::httpError(code, message), status);
}

/** A number in a path or query as a person writes it: 1 to 9 ASCII digits, nothing else (no sign, no spaces). */
std::optional<int> plainNumber(const QString &text)
{
    if (text.isEmpty() || text.size() > 9)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return text.toInt();
}

/**
 * Sends a file as the body of an HTTP answer whose head the responder has written, a chunk at a time: the next
 * chunk is read only once the network has taken all but kStreamWindow bytes, so that a phone that reads slowly
 * makes the laptop hold at most about that much of the file. (Qt 6.4's QHttpServerResponder::write(QIODevice *)
 * reads in chunks too, but writes each into the socket as soon as it is read, whatever the network has taken: a
 * slow phone would have the whole file copied into the socket's buffer.) A child of the socket: it ends with the
 * connection, and deletes itself once the file is sent.
 */
class FileStream : public QObject
{
public:
    FileStream(QHttpServerResponder &&responder, std::unique_ptr<QFile> file)
        : QObject(responder.socket())
        , m_responder(std::move(responder))
        , m_file(std::move(file))
        , m_left(m_file->size())
    {
        // The head ends here, whatever the body.
        m_responder.writeBody(QByteArray());
        connect(m_responder.socket(), &QTcpSocket::bytesWritten, this, [this] { pump(); });
        pump();
    }

private:
    void pump()
    {
        QTcpSocket *socket = m_responder.socket();
        while (m_left > 0 && socket->bytesToWrite() < kStreamWindow) {
            const QByteArray chunk = m_file->read(std::min(m_left, kStreamChunk));
            if (chunk.isEmpty()) {
                // The file shrank or cannot be read any more: the length announced cannot be kept, so the connection
                // ends and the phone sees a download cut short rather than a wrong one.
                qCWarning(lcServer) << "a deck download stopped:" << m_file->fileName() << "cannot be read further"
                                    << m_file->errorString();
                m_left = 0;
                socket->abort();
                return;
            }
            m_left -= chunk.size();
            m_responder.writeBody(chunk);
        }
        if (m_left == 0) {
            disconnect(socket, nullptr, this, nullptr);
            deleteLater();
        }
    }

    QHttpServerResponder m_responder;
    std::unique_ptr<QFile> m_file;
    qint64 m_left = 0;
};

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

/**
 * Why normalizeQuestionText() refused text: "empty" or "too-long". It fails for exactly those two; a name may be
 * empty, so normalizeDisplayName() of the same text tells which: it cleans text the same way and gives "" for
 * text with nothing left.
 */
QString invalidQuestionReason(const QString &text)
{
    const Result<QString> cleaned = normalizeDisplayName(text);
    return cleaned && cleaned->isEmpty() ? u"empty"_s : u"too-long"_s;
}

/** The event's name for a moderator's action. */
LiveQuestions::Moderation moderationOf(QuestionMessages::Action action)
{
    using Action = QuestionMessages::Action;
    using Moderation = LiveQuestions::Moderation;
    switch (action) {
    case Action::Approve:
        return Moderation::Approve;
    case Action::Hide:
        return Moderation::Hide;
    case Action::Answer:
        return Moderation::MarkAnswered;
    case Action::Pin:
        return Moderation::Pin;
    case Action::Unpin:
        return Moderation::Unpin;
    case Action::Merge:
        return Moderation::Merge;
    case Action::Block:
        return Moderation::BlockAuthor;
    case Action::Unblock:
        return Moderation::UnblockAuthor;
    }
    Q_UNREACHABLE();
}

} // namespace

class AudienceServer::Private
{
public:
    /** One WebSocket: a phone once it said hello, a moderator page once its token was accepted. */
    struct Connection
    {
        enum class Role { Unknown, Phone, Moderator };

        std::unique_ptr<QWebSocket> socket;
        QString address;
        Role role = Role::Unknown;
        QString device; ///< a phone's token; empty for other roles
        qint64 openedAtMs = 0;
        qint64 lastMessageAtMs = 0;
        /** Skipped by shared broadcasts until it drains (ServerLimits::maxUnsentBytes); then resynced. */
        bool behind = false;
        QMetaObject::Connection drainWatch; ///< its bytesWritten while behind
    };
    using Role = Connection::Role;

    /** A device with at least one phone connection, and its answer to the current poll. */
    struct Device
    {
        QList<QWebSocket *> sockets; ///< its phone connections: never empty
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

    /** What changed in the Q&A since the last broadcast (questionsTimer). */
    struct PendingQuestions
    {
        QSet<qint64> changed; ///< each phone gets them in one `questionUpdates`
        /** Of changed: new, or their state, text or merge changed meanwhile: sent whole (the others: votes alone). */
        QSet<qint64> publicPartChanged;
        bool everything = false; ///< each phone gets a whole `questions` (another session)
        bool moderation = false; ///< each moderator gets a `moderation`
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
        , deviceQuestionLimiter(limits.questionsPerDevice)
        , addressQuestionLimiter(limits.questionsPerAddress)
    {
        clock.start();
    }

    AudienceServer *q;
    LivePolls &polls;
    AudienceRoom &room;
    LiveQuestions *questions = nullptr;
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
    RateLimiter deviceQuestionLimiter;
    RateLimiter addressQuestionLimiter;

    std::unordered_map<QWebSocket *, Connection> connections;
    QHash<QString, Device> devices;
    QList<QWebSocket *> moderators;
    int phoneCount = 0;
    int phonesBehind = 0;

    CurrentPoll current;
    std::optional<QJsonObject> lastBroadcastObject;
    bool pollBroadcastPending = false;
    bool resultsDirty = false;
    QTimer resultsTimer;
    QTimer sweepTimer;

    PendingQuestions pendingQuestions;
    /**
     * What phones know of each question of the session besides its votes, as of the last change signalled: per
     * question, not per phone. A phone that says hello between two broadcasts is sent the questions as they are
     * then, so a change is compared here when it is signalled, not when it is broadcast.
     */
    QHash<qint64, QuestionMessages::PublicPart> publicParts;
    /** The approval setting the phones were last sent: when it changes, they get their whole `questions`. */
    std::optional<bool> approvalSentToPhones;
    QTimer questionsTimer;
    qint64 lastQuestionsBroadcastMs = std::numeric_limits<qint32>::min();
    /** Serialised once per change and shared: the common part of `questions`, and `moderation`. */
    std::optional<QByteArray> sharedQuestions;
    std::optional<QByteArray> moderationSnapshot;

    LiveEvent *event = nullptr;
    QString databasePath;
    /** The agenda as it is now, serialised once and shared; reset by every change. */
    std::optional<QByteArray> agendaSnapshot;
    /** The agenda phones were last sent by a broadcast (or had with their welcome). */
    QByteArray agendaSentToPhones;
    QTimer agendaTimer;
    QTimer agendaRefreshTimer;
    qint64 lastAgendaBroadcastMs = std::numeric_limits<qint32>::min();

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
    QHttpServerResponse moderatorPage(const QString &token, const QHttpServerRequest &request);
    /**
     * The checks of every address that holds the moderator token: the request rate, joins left, the token itself
     * (a wrong one costs a join). The answer for a request refused; none when it may go on.
     */
    std::optional<QHttpServerResponse> refusedModerator(const QString &token, const QHttpServerRequest &request);
    void serveDeck(const QString &index, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void exportRecord(const QString &token, const QString &formatName, const QHttpServerRequest &request,
                      QHttpServerResponder &&responder);
    QHttpServerResponse join(const QHttpServerRequest &request);
    QHttpServerResponse wrongMethod(const QHttpServerRequest &request, const QByteArray &allowed);
    static void respond(QHttpServerResponder &&responder, QHttpServerResponse &&response);

    // WebSockets
    void acceptWebSockets();
    void receive(QWebSocket *socket, const QString &text);
    void receiveQuestionMessage(Connection &connection, const QJsonObject &object, const QString &type);
    /**
     * The checks every first message (a phone's hello, a moderator's) passes before its secret is looked at: not
     * greeted yet, our protocol, and joins left for the address (a wrong secret is a guess and costs a join, so
     * an address out of joins gets no answer about its secret). False when the message was refused.
     */
    bool mayGreet(Connection &connection, int protocol, const QString &outOfJoins);
    void hello(Connection &connection, const PollMessages::Hello &hello);
    void moderatorHello(Connection &connection, const QuestionMessages::ModeratorHello &hello);
    void vote(Connection &connection, const PollMessages::Vote &vote);
    void voteCommitted(const QString &device, const QString &pollId, const QStringList &answer);
    void refuse(Connection &connection, ErrorCode code, const QString &message, std::optional<qint64> requestId = {});
    void refuse(Connection &connection, const PollMessages::Refusal &refusal);
    void closeConnection(QWebSocket *socket, int code, const QString &reason);
    void forget(QWebSocket *socket);
    void sweep();
    void closeAll(bool deleteNow);
    QList<QWebSocket *> phoneSockets() const;
    void setPhoneCount(int count);

    // Phones that fall behind
    /**
     * Whether a broadcast every phone shares may be sent to this phone now. Not when it holds more than
     * limits.maxUnsentBytes unsent: it is then marked behind, skipped until it has drained to
     * limits.resyncBelowBytes, and resynced.
     */
    bool keepsUp(Connection &connection);
    void checkDrained(QWebSocket *socket);
    /** Everything a phone behind missed, as it is now: the results it may see, and its whole `questions`. */
    void resync(Connection &connection);
    void setPhonesBehind(int count);

    // The current poll, its broadcasts
    void refreshCurrent();
    void reloadAnswers();
    std::optional<QStringList> recordedAnswerOf(const QString &device) const;
    bool maySeeResults(const Device &device) const;
    void schedulePollBroadcast();
    void broadcastPoll();
    void markResultsDirty();
    void broadcastResults();
    void sendCurrentTo(Connection &connection);

    // Questions from phones, moderation
    void ask(Connection &connection, const QuestionMessages::Ask &ask);
    void upvote(Connection &connection, const QuestionMessages::Upvote &upvote);
    void withdraw(Connection &connection, const QuestionMessages::Withdraw &withdraw);
    void moderate(Connection &connection, const QuestionMessages::Moderate &moderate);
    void changeSettings(Connection &connection, const QuestionMessages::Settings &settings);

    // The Q&A's broadcasts
    void questionsChanged(const QList<qint64> &ids);
    void questionsReset();
    void rememberPublicParts();
    void moderationChanged();
    void scheduleQuestionsBroadcast();
    void broadcastQuestions();
    QByteArray sharedQuestionsPart();
    QByteArray moderationMessage();
    QList<QuestionRecord> questionsOf(const QString &device) const;
    void sendQuestionsTo(QWebSocket *socket, const QString &device);

    // The agenda
    /** The file of a session's deck when phones may download it now: allowed by the plan, and a readable file. */
    std::optional<QString> downloadableDeck(int sessionIndex) const;
    /** The agenda changed, or may have (time passes, deck files come and go): a broadcast is scheduled. */
    void agendaOutdated();
    void scheduleAgendaBroadcast();
    void broadcastAgenda();
    QByteArray agendaMessage();
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
    // The moderator page: its address holds the secret. Without one (/m, /m/) it is a wrong one.
    http->route(u"/m/<arg>"_s, Method::Get, [this](const QString &token, const QHttpServerRequest &request) {
        return moderatorPage(token, request);
    });
    for (const QString &path : {u"/m"_s, u"/m/"_s}) {
        http->route(path, Method::Get,
                    [this](const QHttpServerRequest &request) { return moderatorPage(QString(), request); });
    }
    http->route(
        u"/m/<arg>/export/<arg>"_s, Method::Get,
        [this](const QString &token, const QString &format, const QHttpServerRequest &request,
               QHttpServerResponder &&responder) { exportRecord(token, format, request, std::move(responder)); });
    http->route(u"/deck/<arg>"_s, Method::Get,
                [this](const QString &index, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                    serveDeck(index, request, std::move(responder));
                });
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
    http->route(u"/m/<arg>"_s, Method::AnyKnown,
                [this, get](const QString &, const QHttpServerRequest &request) { return wrongMethod(request, get); });
    for (const QString &path : {u"/m"_s, u"/m/"_s}) {
        http->route(path, Method::AnyKnown,
                    [this, get](const QHttpServerRequest &request) { return wrongMethod(request, get); });
    }
    http->route(u"/m/<arg>/export/<arg>"_s, Method::AnyKnown,
                [this, get](const QString &, const QString &, const QHttpServerRequest &request) {
                    return wrongMethod(request, get);
                });
    http->route(u"/deck/<arg>"_s, Method::AnyKnown,
                [this, get](const QString &, const QHttpServerRequest &request) { return wrongMethod(request, get); });
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

std::optional<QHttpServerResponse> AudienceServer::Private::refusedModerator(const QString &token,
                                                                             const QHttpServerRequest &request)
{
    if (std::optional<QHttpServerResponse> refused = refusedByRate(request))
        return refused;
    // A wrong token is a guess, and costs the address a join as a wrong room code does; an address out of joins
    // is told nothing about its token, or guessing would go on at the request rate.
    const QString peer = addressKey(request.remoteAddress());
    const milliseconds at = now();
    if (const int wait = joinLimiter.retryAfterSeconds(peer, at); wait > 0) {
        QHttpServerResponse response = jsonError(StatusCode::TooManyRequests, u"rate-limited"_s,
                                                 u"Too many wrong addresses from this address; wait a moment."_s);
        response.setHeader("Retry-After"_ba, QByteArray::number(wait));
        return response;
    }
    if (token.isEmpty() || !room.acceptsModeratorToken(token)) {
        joinLimiter.allow(peer, at);
        return jsonError(StatusCode::Forbidden, u"forbidden"_s, u"This is not the moderator's address."_s);
    }
    return std::nullopt;
}

QHttpServerResponse AudienceServer::Private::moderatorPage(const QString &token, const QHttpServerRequest &request)
{
    if (std::optional<QHttpServerResponse> refused = refusedModerator(token, request))
        return std::move(*refused);
    const auto file = files.constFind(kModeratorPage);
    if (file == files.cend())
        return jsonError(StatusCode::NotFound, u"not-found"_s, u"There is no such file."_s);
    // no-store (the default): the page's address is the secret.
    return QHttpServerResponse(file->contentType, file->data);
}

void AudienceServer::Private::serveDeck(const QString &index, const QHttpServerRequest &request,
                                        QHttpServerResponder &&responder)
{
    if (std::optional<QHttpServerResponse> refused = refusedByRate(request)) {
        respond(std::move(responder), std::move(*refused));
        return;
    }
    // For phones that joined the room: the address alone is guessable, a device token is not.
    const QString device = QUrlQuery(request.url()).queryItemValue(u"device"_s);
    if (device.isEmpty() || !room.isKnownDevice(device)) {
        respond(std::move(responder), jsonError(StatusCode::Forbidden, u"forbidden"_s,
                                                u"Join the room first: decks are for the phones in it."_s));
        return;
    }
    const std::optional<int> sessionIndex = plainNumber(index);
    const std::optional<QString> path = sessionIndex ? downloadableDeck(*sessionIndex) : std::nullopt;
    auto file = path ? std::make_unique<QFile>(*path) : nullptr;
    if (!file || !file->open(QIODevice::ReadOnly)) {
        respond(std::move(responder),
                jsonError(StatusCode::NotFound, u"not-found"_s, u"There is no deck to download at this address."_s));
        return;
    }
    responder.writeStatusLine(StatusCode::Ok);
    responder.writeHeader("Content-Type"_ba, "application/pdf"_ba);
    responder.writeHeader("Content-Length"_ba, QByteArray::number(file->size()));
    responder.writeHeader("Content-Disposition"_ba, AgendaMessages::attachmentDisposition(QFileInfo(*path).fileName()));
    for (const auto &[name, value] : securityHeaders())
        responder.writeHeader(name, value);
    new FileStream(std::move(responder), std::move(file));
}

void AudienceServer::Private::exportRecord(const QString &token, const QString &formatName,
                                           const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (std::optional<QHttpServerResponse> refused = refusedModerator(token, request)) {
        respond(std::move(responder), std::move(*refused));
        return;
    }
    if (!event || databasePath.isEmpty() || databasePath == Database::kInMemory) {
        respond(std::move(responder),
                jsonError(StatusCode::NotFound, u"not-found"_s, u"This server offers no exports."_s));
        return;
    }
    const Result<ExportFormat> format = EventExport::parseFormat(formatName);
    if (!format) {
        respond(std::move(responder), jsonError(StatusCode::NotFound, u"not-found"_s,
                                                u"There is no such export; the formats are csv, json, pdf and "
                                                u"handout."_s));
        return;
    }
    const QUrlQuery query(request.url());
    ExportOptions options;
    if (query.hasQueryItem(u"session"_s)) {
        const std::optional<int> number = plainNumber(query.queryItemValue(u"session"_s));
        if (!number || *number < 1 || *number > event->sessionCount()) {
            respond(std::move(responder),
                    jsonError(StatusCode::BadRequest, u"bad-request"_s,
                              u"session must be a session's number, from 1 to %1."_s.arg(event->sessionCount())));
            return;
        }
        options.sessionIndex = *number - 1;
    }
    if (query.hasQueryItem(u"names"_s)) {
        const QString names = query.queryItemValue(u"names"_s);
        if (names != "0"_L1 && names != "1"_L1) {
            respond(std::move(responder),
                    jsonError(StatusCode::BadRequest, u"bad-request"_s, u"names must be 0 (leave names out) or 1."_s));
            return;
        }
        options.includeNames = names == "1"_L1;
    }

    // The responder waits on the heap for the render, the socket watched: a moderator page that went away
    // meanwhile (its socket closed and deleted by the HTTP server) is not answered. The watcher is the HTTP
    // server's: stopping the server drops what is still rendering.
    const QPointer<QTcpSocket> socket(responder.socket());
    const auto waiting = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QByteArray mimeType = EventExport::mimeType(*format);
    const QString fileName = EventExport::suggestedFileName(event->plan(), *format, options);
    auto *watcher = new QFutureWatcher<Result<QByteArray>>(http.get());
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, waiting, socket, mimeType, fileName] {
        watcher->deleteLater();
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            qCInfo(lcServer) << "an export was made for a moderator page that went away";
            return;
        }
        const Result<QByteArray> bytes = watcher->result();
        if (!bytes) {
            qCWarning(lcServer) << "an export failed:" << bytes.error();
            respond(std::move(*waiting), jsonError(StatusCode::InternalServerError, u"export-failed"_s,
                                                   u"The export could not be made: %1"_s.arg(bytes.error())));
            return;
        }
        QHttpServerResponse response(mimeType, *bytes);
        response.setHeader("Content-Disposition"_ba, AgendaMessages::attachmentDisposition(fileName));
        respond(std::move(*waiting), std::move(response));
    });
    watcher->setFuture(EventExport::renderInBackground(databasePath, *format, options));
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
        Q_EMIT q->joinFailed(device.error());
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
            if (const auto connection = connections.find(raw); connection != connections.end())
                refuse(connection->second, ErrorCode::BadMessage, u"Messages are JSON text, not binary."_s);
        });
        QObject::connect(raw, &QWebSocket::disconnected, q, [this, raw] { forget(raw); });

        Connection connection;
        connection.socket = std::move(socket);
        connection.address = addressKey(raw->peerAddress());
        connection.openedAtMs = connection.lastMessageAtMs = clock.elapsed();
        connections.emplace(raw, std::move(connection));
    }
}

void AudienceServer::Private::receive(QWebSocket *socket, const QString &text)
{
    const auto found = connections.find(socket);
    if (found == connections.end())
        return;
    Connection &connection = found->second;
    // It reads none of its answers: it gets no more, and the guard closes it (ServerLimits::maxWebSocketBacklogBytes).
    if (socket->bytesToWrite() > limits.maxWebSocketBacklogBytes)
        return;
    const milliseconds at = now();
    connection.lastMessageAtMs = at.count();

    const tl::expected<QJsonObject, PollMessages::Refusal> object = PollMessages::parseMessageObject(text.toUtf8());
    const std::optional<qint64> requestId = object ? PollMessages::requestIdOf(*object) : std::nullopt;
    if (!addressMessageLimiter.allow(connection.address, at) ||
        (connection.role == Role::Phone && !deviceMessageLimiter.allow(connection.device, at))) {
        refuse(connection, ErrorCode::RateLimited, u"Too many messages; wait a moment and try again."_s, requestId);
        return;
    }
    if (!object) {
        refuse(connection, object.error());
        return;
    }
    const QString type = object->value("type"_L1).toString();
    if (QuestionMessages::isQuestionMessageType(type)) {
        receiveQuestionMessage(connection, *object, type);
        return;
    }

    const tl::expected<PollMessages::ClientMessage, PollMessages::Refusal> message =
        PollMessages::parseClientMessage(*object);
    if (!message) {
        refuse(connection, message.error());
        return;
    }
    if (const auto *hello = std::get_if<PollMessages::Hello>(&*message)) {
        this->hello(connection, *hello);
        return;
    }
    if (connection.role == Role::Unknown) {
        refuse(connection, ErrorCode::HelloFirst, u"Say hello first."_s, requestId);
        closeConnection(socket, kCloseHelloFirst, u"hello first"_s);
        return;
    }
    if (const auto *vote = std::get_if<PollMessages::Vote>(&*message)) {
        if (connection.role == Role::Moderator)
            refuse(connection, ErrorCode::BadMessage, u"A moderator's connection takes no votes."_s, vote->id);
        else
            this->vote(connection, *vote);
        return;
    }
    connection.socket->sendTextMessage(QString::fromUtf8(PollMessages::pongMessage()));
}

void AudienceServer::Private::receiveQuestionMessage(Connection &connection, const QJsonObject &object,
                                                     const QString &type)
{
    const std::optional<qint64> requestId = PollMessages::requestIdOf(object);
    // Whatever its shape: a phone is told it may not, rather than how to spell it.
    if (connection.role == Role::Phone && QuestionMessages::isModeratorMessageType(type)) {
        refuse(connection, ErrorCode::Forbidden, u"Only the moderator's page may send this."_s, requestId);
        return;
    }
    const tl::expected<QuestionMessages::ClientMessage, PollMessages::Refusal> message =
        QuestionMessages::parseClientMessage(object);
    if (!message) {
        refuse(connection, message.error());
        return;
    }
    if (const auto *hello = std::get_if<QuestionMessages::ModeratorHello>(&*message)) {
        moderatorHello(connection, *hello);
        return;
    }
    if (connection.role == Role::Unknown) {
        refuse(connection, ErrorCode::HelloFirst, u"Say hello first."_s, requestId);
        closeConnection(connection.socket.get(), kCloseHelloFirst, u"hello first"_s);
        return;
    }
    if (!questions) {
        refuse(connection, ErrorCode::BadMessage, u"This server takes no questions."_s, requestId);
        return;
    }
    if (connection.role == Role::Moderator) {
        if (const auto *moderate = std::get_if<QuestionMessages::Moderate>(&*message))
            this->moderate(connection, *moderate);
        else if (const auto *settings = std::get_if<QuestionMessages::Settings>(&*message))
            changeSettings(connection, *settings);
        else
            refuse(connection, ErrorCode::BadMessage, u"A moderator's connection takes no questions or upvotes."_s,
                   requestId);
        return;
    }
    if (const auto *ask = std::get_if<QuestionMessages::Ask>(&*message))
        this->ask(connection, *ask);
    else if (const auto *upvote = std::get_if<QuestionMessages::Upvote>(&*message))
        this->upvote(connection, *upvote);
    else if (const auto *withdraw = std::get_if<QuestionMessages::Withdraw>(&*message))
        this->withdraw(connection, *withdraw);
}

bool AudienceServer::Private::mayGreet(Connection &connection, int protocol, const QString &outOfJoins)
{
    if (connection.role != Role::Unknown) {
        refuse(connection, ErrorCode::BadMessage, u"This connection has said hello already."_s);
        return false;
    }
    if (protocol != kProtocolVersion) {
        refuse(connection, ErrorCode::BadMessage,
               u"This server speaks protocol %1, the page %2; reload the page."_s.arg(kProtocolVersion).arg(protocol));
        return false;
    }
    // Without this, guessing would go on at the message rate.
    if (joinLimiter.retryAfterSeconds(connection.address, now()) > 0) {
        refuse(connection, ErrorCode::RateLimited, outOfJoins);
        return false;
    }
    return true;
}

void AudienceServer::Private::hello(Connection &connection, const PollMessages::Hello &hello)
{
    if (!mayGreet(connection, hello.protocol, u"Too many wrong room codes from this address; wait a moment."_s))
        return;
    QWebSocket *socket = connection.socket.get();
    // A wrong room code is a guess, as in a join, and costs the address a join.
    if (!room.acceptsRoomCode(hello.room)) {
        joinLimiter.allow(connection.address, now());
        refuse(connection, ErrorCode::WrongRoom, u"The room code is not this room's."_s);
        closeConnection(socket, kCloseWrongRoom, u"wrong room"_s);
        return;
    }
    if (!room.isKnownDevice(hello.device)) {
        refuse(connection, ErrorCode::UnknownDevice, u"This phone is not known here; join again."_s);
        closeConnection(socket, kCloseUnknownDevice, u"unknown device"_s);
        return;
    }

    connection.role = Role::Phone;
    connection.device = hello.device;
    Device &device = devices[hello.device];
    if (device.sockets.isEmpty())
        device.answer = recordedAnswerOf(hello.device);
    device.sockets.append(socket);
    setPhoneCount(int(devices.size()));

    socket->sendTextMessage(QString::fromUtf8(
        PollMessages::welcomeMessage(kProtocolVersion, room.roomCode(), polls.eventTitle(), polls.sessionTitle())));
    if (event)
        socket->sendTextMessage(QString::fromUtf8(agendaMessage()));
    sendCurrentTo(connection);
    if (questions)
        sendQuestionsTo(socket, connection.device);
}

void AudienceServer::Private::moderatorHello(Connection &connection, const QuestionMessages::ModeratorHello &hello)
{
    if (!mayGreet(connection, hello.protocol, u"Too many wrong moderator tokens from this address; wait a moment."_s))
        return;
    // A wrong token is a guess, as a wrong room code is, and costs the address a join.
    QWebSocket *socket = connection.socket.get();
    if (!room.acceptsModeratorToken(hello.token)) {
        joinLimiter.allow(connection.address, now());
        refuse(connection, ErrorCode::Forbidden, u"This is not the moderator's token."_s);
        closeConnection(socket, kCloseForbidden, u"forbidden"_s);
        return;
    }
    if (!questions) {
        refuse(connection, ErrorCode::BadMessage, u"This server takes no questions."_s);
        return;
    }
    connection.role = Role::Moderator;
    moderators.append(socket);
    // The blocked words (up to 200 of 40 characters) do not fit in a phone's message size.
    socket->setMaxAllowedIncomingMessageSize(quint64(limits.maxModeratorMessageBytes));
    socket->setMaxAllowedIncomingFrameSize(quint64(limits.maxModeratorMessageBytes));
    socket->sendTextMessage(QString::fromUtf8(moderationMessage()));
    if (event)
        socket->sendTextMessage(QString::fromUtf8(agendaMessage()));
}

void AudienceServer::Private::vote(Connection &connection, const PollMessages::Vote &vote)
{
    if (!current.poll || current.poll->id != vote.pollId) {
        refuse(connection, ErrorCode::UnknownPoll, u"That poll is not the one running now."_s, vote.id);
        return;
    }
    if (current.results.state != PollState::Open) {
        refuse(connection, ErrorCode::PollClosed, u"This poll is closed."_s, vote.id);
        return;
    }

    if (const Result<QStringList> valid = polls.answerAsRecorded(vote.pollId, vote.answer); !valid) {
        refuse(connection, ErrorCode::InvalidAnswer, valid.error(), vote.id);
        return;
    }

    Q_EMIT q->voteReceived(vote.pollId);
    const QPointer<AudienceServer> server(q);
    const QPointer<QWebSocket> socket(connection.socket.get());
    const QString device = connection.device;
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
                        {ErrorCode::StorageFailed, u"The vote could not be saved; send it again."_s, voteId, {}, {}})));
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
        refuse(connection, ErrorCode::UnknownPoll, u"That poll is not the one running now."_s, voteId);
    } else if (open && *open != pollId) {
        refuse(connection, ErrorCode::PollClosed, u"This poll is closed."_s, voteId);
    } else {
        qCWarning(lcServer) << "a vote was refused:" << queued.error();
        refuse(connection, ErrorCode::StorageFailed, u"The vote could not be saved; send it again."_s, voteId);
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

void AudienceServer::Private::refuse(Connection &connection, ErrorCode code, const QString &message,
                                     std::optional<qint64> requestId)
{
    refuse(connection, PollMessages::Refusal{code, message, requestId, {}, {}});
}

void AudienceServer::Private::refuse(Connection &connection, const PollMessages::Refusal &refusal)
{
    connection.socket->sendTextMessage(QString::fromUtf8(PollMessages::errorMessage(refusal)));
}

void AudienceServer::Private::closeConnection(QWebSocket *socket, int code, const QString &reason)
{
    socket->close(closeCode(code), reason);
}

void AudienceServer::Private::forget(QWebSocket *socket)
{
    const auto found = connections.find(socket);
    if (found == connections.end())
        return;
    const Role role = found->second.role;
    const QString device = found->second.device;
    if (found->second.behind && role == Role::Phone)
        setPhonesBehind(phonesBehind - 1);
    // Deleted later: this runs inside the socket's own signal.
    found->second.socket.release()->deleteLater();
    connections.erase(found);
    if (role == Role::Moderator) {
        moderators.removeOne(socket);
        return;
    }
    if (role != Role::Phone)
        return;
    if (const auto known = devices.find(device); known != devices.end()) {
        known->sockets.removeOne(socket);
        if (known->sockets.isEmpty())
            devices.erase(known);
    }
    setPhoneCount(int(devices.size()));
}

void AudienceServer::Private::sweep()
{
    const qint64 at = clock.elapsed();
    QList<QPair<QWebSocket *, int>> closing;
    for (const auto &[socket, connection] : connections) {
        if (connection.role == Role::Unknown && at - connection.openedAtMs > limits.helloTimeout.count())
            closing.append({socket, kCloseHelloTimeout});
        else if (at - connection.lastMessageAtMs > limits.webSocketIdleTimeout.count())
            closing.append({socket, int(QWebSocketProtocol::CloseCodeGoingAway)});
    }
    for (const auto &[socket, code] : std::as_const(closing)) {
        if (connections.find(socket) != connections.end())
            closeConnection(socket, code, code == kCloseHelloTimeout ? u"no hello"_s : u"idle"_s);
    }
    joinLimiter.prune(milliseconds(at));
    requestLimiter.prune(milliseconds(at));
    addressMessageLimiter.prune(milliseconds(at));
    deviceMessageLimiter.prune(milliseconds(at));
    deviceQuestionLimiter.prune(milliseconds(at));
    addressQuestionLimiter.prune(milliseconds(at));
}

void AudienceServer::Private::closeAll(bool deleteNow)
{
    std::unordered_map<QWebSocket *, Connection> closing = std::exchange(connections, {});
    devices.clear();
    moderators.clear();
    setPhonesBehind(0);
    for (auto &[raw, connection] : closing) {
        QObject::disconnect(raw, nullptr, q, nullptr);
        raw->close(QWebSocketProtocol::CloseCodeGoingAway, u"The server stopped."_s);
        raw->flush();
        if (deleteNow)
            connection.socket.reset();
        else
            connection.socket.release()->deleteLater();
    }
}

QList<QWebSocket *> AudienceServer::Private::phoneSockets() const
{
    QList<QWebSocket *> sockets;
    sockets.reserve(qsizetype(connections.size()));
    for (const auto &[socket, connection] : connections) {
        if (connection.role == Role::Phone)
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

// ---- Phones that fall behind ----

bool AudienceServer::Private::keepsUp(Connection &connection)
{
    if (connection.behind)
        return false;
    QWebSocket *socket = connection.socket.get();
    if (socket->bytesToWrite() <= limits.maxUnsentBytes)
        return true;
    // Queuing more would only grow what this phone makes the laptop hold, with messages that the next ones
    // supersede: it gets the state as it is once it has read what it has.
    connection.behind = true;
    connection.drainWatch =
        QObject::connect(socket, &QWebSocket::bytesWritten, q, [this, socket] { checkDrained(socket); });
    qCDebug(lcServer) << "a connection at" << connection.address << "fell behind with" << socket->bytesToWrite()
                      << "bytes unsent";
    if (connection.role == Role::Phone)
        setPhonesBehind(phonesBehind + 1);
    return false;
}

void AudienceServer::Private::checkDrained(QWebSocket *socket)
{
    const auto found = connections.find(socket);
    if (found == connections.end())
        return;
    Connection &connection = found->second;
    if (!connection.behind || socket->bytesToWrite() > limits.resyncBelowBytes)
        return;
    connection.behind = false;
    QObject::disconnect(connection.drainWatch);
    if (connection.role == Role::Phone)
        setPhonesBehind(phonesBehind - 1);
    resync(connection);
}

void AudienceServer::Private::resync(Connection &connection)
{
    QWebSocket *socket = connection.socket.get();
    if (connection.role == Role::Moderator) {
        socket->sendTextMessage(QString::fromUtf8(moderationMessage()));
        return;
    }
    if (event)
        socket->sendTextMessage(QString::fromUtf8(agendaMessage()));
    if (maySeeResults(devices.value(connection.device)))
        socket->sendTextMessage(current.resultsMessage);
    if (questions)
        sendQuestionsTo(socket, connection.device);
}

void AudienceServer::Private::setPhonesBehind(int count)
{
    if (count == phonesBehind)
        return;
    phonesBehind = count;
    Q_EMIT q->phonesBehindChanged(count);
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
    const QList<QWebSocket *> sockets = phoneSockets();
    for (QWebSocket *socket : sockets) {
        const auto phone = connections.find(socket);
        if (phone == connections.end())
            continue;
        const Device device = devices.value(phone->second.device);
        const QString key = device.answer ? u'+' + device.answer->join(QChar(0x1f)) : u"-"_s;
        auto message = messages.find(key);
        if (message == messages.end())
            message = messages.insert(key, QString::fromUtf8(PollMessages::pollMessage(current.object, device.answer)));
        socket->sendTextMessage(*message);
        if (maySeeResults(device) && keepsUp(phone->second))
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
    const QList<QWebSocket *> sockets = phoneSockets();
    for (QWebSocket *socket : sockets) {
        const auto phone = connections.find(socket);
        if (phone != connections.end() && maySeeResults(devices.value(phone->second.device)) && keepsUp(phone->second))
            socket->sendTextMessage(current.resultsMessage);
    }
}

void AudienceServer::Private::sendCurrentTo(Connection &connection)
{
    const Device device = devices.value(connection.device);
    connection.socket->sendTextMessage(QString::fromUtf8(PollMessages::pollMessage(current.object, device.answer)));
    if (maySeeResults(device))
        connection.socket->sendTextMessage(current.resultsMessage);
}

// ---- Questions from phones, moderation ----

void AudienceServer::Private::ask(Connection &connection, const QuestionMessages::Ask &ask)
{
    if (questions->sessionIndex() < 0) {
        refuse(connection, ErrorCode::QuestionClosed, u"No session is on stage; questions open with the first one."_s,
               ask.id);
        return;
    }
    // Checked here, though LiveQuestions checks again, so that the phone learns which rule it broke.
    if (const Result<QString> text = normalizeQuestionText(ask.text); !text) {
        refuse(connection, {ErrorCode::InvalidQuestion, text.error(), ask.id, invalidQuestionReason(ask.text), {}});
        return;
    }
    if (const Result<QString> name = normalizeDisplayName(ask.name); !name) {
        refuse(connection, {ErrorCode::InvalidQuestion, name.error(), ask.id, u"name-too-long"_s, {}});
        return;
    }
    const milliseconds at = now();
    const int wait = std::max(deviceQuestionLimiter.retryAfterSeconds(connection.device, at),
                              addressQuestionLimiter.retryAfterSeconds(connection.address, at));
    if (wait > 0) {
        refuse(connection, {ErrorCode::RateLimited,
                            u"Many questions from here in a short time; ask again in %1 seconds."_s.arg(wait),
                            ask.id,
                            {},
                            wait});
        return;
    }
    deviceQuestionLimiter.allow(connection.device, at);
    addressQuestionLimiter.allow(connection.address, at);

    const Result<QuestionRecord> asked = questions->ask(connection.device, ask.text, ask.name);
    if (!asked) {
        qCWarning(lcServer) << "a question was not saved:" << asked.error();
        refuse(connection, ErrorCode::StorageFailed, u"The question could not be saved; send it again."_s, ask.id);
        return;
    }
    connection.socket->sendTextMessage(QString::fromUtf8(QuestionMessages::askedMessage(ask.id, *asked)));
}

void AudienceServer::Private::upvote(Connection &connection, const QuestionMessages::Upvote &upvote)
{
    const std::optional<QuestionRecord> question = questions->question(upvote.question);
    if (!question || !LiveQuestions::takesUpvotes(question->question.state)) {
        refuse(connection, ErrorCode::UnknownQuestion, u"There is no such question to upvote now."_s, upvote.id);
        return;
    }
    Q_EMIT q->upvoteReceived(upvote.question);
    if (const Result<bool> changed = questions->setUpvoted(connection.device, upvote.question, upvote.on); !changed) {
        const std::optional<QuestionRecord> latest = questions->question(upvote.question);
        if (!latest || !LiveQuestions::takesUpvotes(latest->question.state)) {
            refuse(connection, ErrorCode::UnknownQuestion, u"There is no such question to upvote now."_s, upvote.id);
            return;
        }
        qCWarning(lcServer) << "an upvote was not saved:" << changed.error();
        refuse(connection, ErrorCode::StorageFailed, u"The upvote could not be saved; send it again."_s, upvote.id);
        return;
    }
    // What the database holds now: a repeat, or another tab of this phone, may have set it already.
    const bool on = questions->hasUpvoted(upvote.question, connection.device);
    connection.socket->sendTextMessage(
        QString::fromUtf8(QuestionMessages::upvotedMessage(upvote.id, upvote.question, on)));
}

void AudienceServer::Private::withdraw(Connection &connection, const QuestionMessages::Withdraw &withdraw)
{
    const std::optional<QuestionRecord> question = questions->question(withdraw.question);
    if (!question) {
        refuse(connection, ErrorCode::UnknownQuestion, u"There is no such question."_s, withdraw.id);
        return;
    }
    if (question->question.deviceToken != connection.device) {
        refuse(connection, ErrorCode::NotYours, u"Only the phone that asked a question can withdraw it."_s,
               withdraw.id);
        return;
    }
    if (!LiveQuestions::isWithdrawable(question->question.state)) {
        refuse(connection, ErrorCode::QuestionClosed, u"This question can no longer be withdrawn."_s, withdraw.id);
        return;
    }
    if (const Result<> withdrawn = questions->withdraw(connection.device, withdraw.question); !withdrawn) {
        qCWarning(lcServer) << "a question was not withdrawn:" << withdrawn.error();
        refuse(connection, ErrorCode::StorageFailed, u"The question could not be withdrawn; try again."_s, withdraw.id);
        return;
    }
    connection.socket->sendTextMessage(
        QString::fromUtf8(QuestionMessages::withdrawnMessage(withdraw.id, withdraw.question)));
}

void AudienceServer::Private::moderate(Connection &connection, const QuestionMessages::Moderate &moderate)
{
    using Action = QuestionMessages::Action;
    const std::optional<QuestionRecord> question = questions->question(moderate.question);
    const std::optional<QuestionRecord> into =
        moderate.into ? questions->question(*moderate.into) : std::optional<QuestionRecord>();
    if (!question || (moderate.into && !into)) {
        refuse(connection, ErrorCode::UnknownQuestion, u"There is no such question in the session on stage."_s,
               moderate.id);
        return;
    }
    const qint64 id = moderate.question;
    if (const Result<> permitted = questions->mayModerate(moderationOf(moderate.action), id, moderate.into);
        !permitted) {
        refuse(connection, ErrorCode::InvalidAction, permitted.error(), moderate.id);
        return;
    }
    Result<> done;
    switch (moderate.action) {
    case Action::Approve:
        done = questions->approve(id);
        break;
    case Action::Hide:
        done = questions->hide(id);
        break;
    case Action::Answer:
        done = questions->markAnswered(id);
        break;
    case Action::Pin:
        done = questions->pin(id);
        break;
    case Action::Unpin:
        done = questions->unpin(id);
        break;
    case Action::Merge:
        done = questions->merge(id, *moderate.into);
        break;
    case Action::Block:
    case Action::Unblock:
        done = questions->setAuthorBlocked(id, moderate.action == Action::Block);
        break;
    }
    if (!done) {
        qCWarning(lcServer) << "a moderator's" << QuestionMessages::actionName(moderate.action)
                            << "was not saved:" << done.error();
        refuse(connection, ErrorCode::StorageFailed, u"The change could not be saved; try again."_s, moderate.id);
        return;
    }
    connection.socket->sendTextMessage(QString::fromUtf8(QuestionMessages::doneMessage(moderate.id)));
}

void AudienceServer::Private::changeSettings(Connection &connection, const QuestionMessages::Settings &settings)
{
    const Result<> done = questions->setModeration(settings.approval, settings.blockedWords);
    if (!done) {
        qCWarning(lcServer) << "the moderation settings were not saved:" << done.error();
        refuse(connection, ErrorCode::StorageFailed, u"The settings could not be saved; try again."_s, settings.id);
        return;
    }
    connection.socket->sendTextMessage(QString::fromUtf8(QuestionMessages::doneMessage(settings.id)));
}

// ---- The Q&A's broadcasts ----

void AudienceServer::Private::questionsChanged(const QList<qint64> &ids)
{
    sharedQuestions.reset();
    moderationSnapshot.reset();
    if (!http)
        return;
    for (const qint64 id : ids) {
        pendingQuestions.changed.insert(id);
        // Compared now, not at the broadcast: a question hidden and shown again in between must still go out
        // whole, for a phone that said hello while it was hidden does not have it.
        const std::optional<QuestionRecord> question = questions->question(id);
        if (!question)
            continue;
        QuestionMessages::PublicPart part = QuestionMessages::publicPartOf(question->question);
        const auto known = publicParts.find(id);
        if (known == publicParts.end() || *known != part) {
            publicParts.insert(id, std::move(part));
            pendingQuestions.publicPartChanged.insert(id);
        }
    }
    pendingQuestions.moderation = true;
    scheduleQuestionsBroadcast();
}

void AudienceServer::Private::questionsReset()
{
    sharedQuestions.reset();
    moderationSnapshot.reset();
    if (!http)
        return;
    pendingQuestions.everything = true;
    pendingQuestions.changed.clear();
    pendingQuestions.publicPartChanged.clear();
    pendingQuestions.moderation = true;
    rememberPublicParts();
    scheduleQuestionsBroadcast();
}

void AudienceServer::Private::rememberPublicParts()
{
    publicParts.clear();
    if (!questions)
        return;
    for (const QuestionRecord &question : questions->questions())
        publicParts.insert(question.question.id, QuestionMessages::publicPartOf(question.question));
}

void AudienceServer::Private::moderationChanged()
{
    // The approval setting is part of what phones are sent; blocked words and devices are not.
    sharedQuestions.reset();
    moderationSnapshot.reset();
    if (!http)
        return;
    pendingQuestions.moderation = true;
    scheduleQuestionsBroadcast();
}

void AudienceServer::Private::scheduleQuestionsBroadcast()
{
    if (questionsTimer.isActive())
        return;
    // At most one broadcast per interval. Never at once, inside the command that changed something: the
    // phone that sent it gets its acknowledgement first.
    constexpr qint64 interval = 100;
    const qint64 since = clock.elapsed() - lastQuestionsBroadcastMs;
    questionsTimer.start(milliseconds(std::clamp<qint64>(interval - since, 0, interval)));
}

void AudienceServer::Private::broadcastQuestions()
{
    lastQuestionsBroadcastMs = clock.elapsed();
    const PendingQuestions pending = std::exchange(pendingQuestions, PendingQuestions{});
    if (!http || !questions)
        return;

    const bool approval = questions->isApprovalRequired();
    if (pending.everything || approvalSentToPhones != approval) {
        // Another session, or the approval setting: every phone gets its whole Q&A again.
        approvalSentToPhones = approval;
        const QList<QWebSocket *> sockets = phoneSockets();
        for (QWebSocket *socket : sockets) {
            const auto phone = connections.find(socket);
            if (phone != connections.end() && keepsUp(phone->second))
                sendQuestionsTo(socket, phone->second.device);
        }
    } else if (!pending.changed.isEmpty()) {
        QList<qint64> ids = pending.changed.values();
        std::sort(ids.begin(), ids.end());
        QList<QuestionRecord> changed;
        changed.reserve(ids.size());
        QSet<QString> authors;
        QSet<qint64> mergeTargets;
        for (const qint64 id : std::as_const(ids)) {
            if (std::optional<QuestionRecord> question = questions->question(id)) {
                if (devices.contains(question->question.deviceToken))
                    authors.insert(question->question.deviceToken);
                if (question->question.mergedInto)
                    mergeTargets.insert(*question->question.mergedInto);
                changed.append(std::move(*question));
            }
        }
        // One message for every phone, whatever the number of upvotes it holds; a question whose votes alone
        // changed goes without its text.
        QSet<qint64> votesChangedOnly = pending.changed;
        votesChangedOnly.subtract(pending.publicPartChanged);
        const QString update = QString::fromUtf8(QuestionMessages::questionUpdatesMessage(changed, votesChangedOnly));
        const QList<QWebSocket *> sockets = phoneSockets();
        for (QWebSocket *socket : sockets) {
            const auto phone = connections.find(socket);
            if (phone != connections.end() && keepsUp(phone->second))
                socket->sendTextMessage(update);
        }
        // Their authors also see their own questions' states with text (waiting, hidden…): one pass for them all.
        QHash<QString, QList<QuestionRecord>> byAuthor;
        for (const QuestionRecord &question : questions->questions()) {
            if (authors.contains(question.question.deviceToken))
                byAuthor[question.question.deviceToken].append(question);
        }
        for (auto author = byAuthor.cbegin(); author != byAuthor.cend(); ++author) {
            const QString yours = QString::fromUtf8(QuestionMessages::yoursMessage(*author));
            const QList<QWebSocket *> authorSockets = devices.value(author.key()).sockets;
            for (QWebSocket *socket : authorSockets) {
                const auto phone = connections.find(socket);
                if (phone != connections.end() && keepsUp(phone->second))
                    socket->sendTextMessage(yours);
            }
        }
        // A merge moves upvotes: a phone that upvoted the duplicate now upvotes the question it went into, which
        // its `upvoted` list must say. Merges are a moderator's rare act, so the phones upvoting it get their
        // whole Q&A again.
        for (const qint64 target : std::as_const(mergeTargets)) {
            for (auto device = devices.cbegin(); device != devices.cend(); ++device) {
                if (!questions->hasUpvoted(target, device.key()))
                    continue;
                for (QWebSocket *socket : device->sockets) {
                    const auto phone = connections.find(socket);
                    if (phone != connections.end() && keepsUp(phone->second))
                        sendQuestionsTo(socket, device.key());
                }
            }
        }
    }

    if (pending.moderation && !moderators.isEmpty()) {
        const QString snapshot = QString::fromUtf8(moderationMessage());
        const QList<QWebSocket *> sockets = moderators;
        for (QWebSocket *socket : sockets) {
            // Each snapshot replaces the last: a page that reads slowly gets the latest once it has drained.
            const auto moderator = connections.find(socket);
            if (moderator != connections.end() && keepsUp(moderator->second))
                socket->sendTextMessage(snapshot);
        }
    }
}

QByteArray AudienceServer::Private::sharedQuestionsPart()
{
    if (!sharedQuestions) {
        sharedQuestions = QuestionMessages::sharedQuestionsPart(polls.sessionTitle(), questions->isApprovalRequired(),
                                                                questions->questions());
    }
    return *sharedQuestions;
}

QByteArray AudienceServer::Private::moderationMessage()
{
    if (!moderationSnapshot) {
        moderationSnapshot = QuestionMessages::moderationMessage(
            polls.sessionTitle(), questions->isApprovalRequired(), questions->blockedWords(), questions->questions(),
            [this](const QString &device) { return questions->isDeviceBlocked(device); });
    }
    return *moderationSnapshot;
}

QList<QuestionRecord> AudienceServer::Private::questionsOf(const QString &device) const
{
    QList<QuestionRecord> own;
    for (const QuestionRecord &question : questions->questions()) {
        if (question.question.deviceToken == device)
            own.append(question);
    }
    return own;
}

void AudienceServer::Private::sendQuestionsTo(QWebSocket *socket, const QString &device)
{
    const QSet<qint64> upvotedSet = questions->upvotedBy(device);
    QList<qint64> upvoted(upvotedSet.cbegin(), upvotedSet.cend());
    std::sort(upvoted.begin(), upvoted.end());
    socket->sendTextMessage(
        QString::fromUtf8(QuestionMessages::questionsMessage(sharedQuestionsPart(), questionsOf(device), upvoted)));
}

// ---- The agenda ----

std::optional<QString> AudienceServer::Private::downloadableDeck(int sessionIndex) const
{
    if (!event || sessionIndex < 0 || sessionIndex >= event->plan().sessions.size())
        return std::nullopt;
    const Session &session = event->plan().sessions.at(sessionIndex);
    if (!session.deckDownload || session.deckPath.isEmpty())
        return std::nullopt;
    // A regular file only: opening a FIFO would block this thread, and a directory is no deck.
    const QFileInfo file(session.deckPath);
    if (!file.isFile() || !file.isReadable())
        return std::nullopt;
    return file.absoluteFilePath();
}

void AudienceServer::Private::agendaOutdated()
{
    agendaSnapshot.reset();
    if (http)
        scheduleAgendaBroadcast();
}

void AudienceServer::Private::scheduleAgendaBroadcast()
{
    if (agendaTimer.isActive())
        return;
    // The first change goes out at once (a new session on stage), further ones at most once per interval; a change
    // signalled with others in the same turn (LiveEvent signals sessionChanged, then agendaChanged) goes with them.
    const qint64 since = clock.elapsed() - lastAgendaBroadcastMs;
    const qint64 interval = kAgendaInterval.count();
    agendaTimer.start(milliseconds(std::clamp<qint64>(interval - since, 0, interval)));
}

void AudienceServer::Private::broadcastAgenda()
{
    if (!http || !event)
        return;
    const QByteArray message = agendaMessage();
    if (message == agendaSentToPhones)
        return;
    lastAgendaBroadcastMs = clock.elapsed();
    agendaSentToPhones = message;
    const QString text = QString::fromUtf8(message);
    const QList<QWebSocket *> sockets = phoneSockets();
    for (QWebSocket *socket : sockets) {
        const auto phone = connections.find(socket);
        if (phone != connections.end() && keepsUp(phone->second))
            socket->sendTextMessage(text);
    }
    const QList<QWebSocket *> moderatorSockets = moderators;
    for (QWebSocket *socket : moderatorSockets)
        socket->sendTextMessage(text);
}

QByteArray AudienceServer::Private::agendaMessage()
{
    if (!agendaSnapshot) {
        QHash<int, AgendaMessages::DeckDownload> decks;
        for (int index = 0; index < event->sessionCount(); ++index) {
            if (const std::optional<QString> path = downloadableDeck(index)) {
                const QFileInfo file(*path);
                decks.insert(index, {file.fileName(), file.size()});
            }
        }
        agendaSnapshot = AgendaMessages::agendaMessage(event->plan(), event->agenda(), decks);
    }
    return *agendaSnapshot;
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
    d->questionsTimer.setSingleShot(true);
    connect(&d->questionsTimer, &QTimer::timeout, this, [this] { d->broadcastQuestions(); });
    d->agendaTimer.setSingleShot(true);
    d->agendaTimer.setTimerType(Qt::PreciseTimer); // "at most once per interval": a coarse timer may fire 5 % early
    connect(&d->agendaTimer, &QTimer::timeout, this, [this] { d->broadcastAgenda(); });
    d->agendaRefreshTimer.setInterval(kAgendaRefreshInterval);
    connect(&d->agendaRefreshTimer, &QTimer::timeout, this, [this] { d->agendaOutdated(); });

    connect(&polls, &LivePolls::pollStateChanged, this, [this] {
        if (!d->http)
            return;
        d->refreshCurrent();
        d->schedulePollBroadcast();
    });
    connect(&polls, &LivePolls::pollsChanged, this, [this] {
        // The Q&A messages name the session: another one may be on stage.
        d->sharedQuestions.reset();
        d->moderationSnapshot.reset();
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

void AudienceServer::setQuestions(LiveQuestions *questions)
{
    Q_ASSERT_X(!d->http, "AudienceServer::setQuestions", "call before start()");
    if (d->questions)
        disconnect(d->questions, nullptr, this, nullptr);
    d->questions = questions;
    d->sharedQuestions.reset();
    d->moderationSnapshot.reset();
    if (!questions)
        return;
    connect(questions, &LiveQuestions::questionsChanged, this,
            [this](const QList<qint64> &ids) { d->questionsChanged(ids); });
    connect(questions, &LiveQuestions::questionsReset, this, [this] { d->questionsReset(); });
    connect(questions, &LiveQuestions::moderationChanged, this, [this] { d->moderationChanged(); });
}

void AudienceServer::setEvent(LiveEvent *event)
{
    Q_ASSERT_X(!d->http, "AudienceServer::setEvent", "call before start()");
    if (d->event)
        disconnect(d->event, nullptr, this, nullptr);
    d->event = event;
    d->agendaSnapshot.reset();
    if (!event)
        return;
    connect(event, &LiveEvent::sessionChanged, this, [this] { d->agendaOutdated(); });
    connect(event, &LiveEvent::agendaChanged, this, [this] { d->agendaOutdated(); });
    // Another deck for the session on stage: its name and size in the agenda change.
    connect(event, &LiveEvent::deckChanged, this, [this] { d->agendaOutdated(); });
}

void AudienceServer::setDatabasePath(const QString &path)
{
    Q_ASSERT_X(!d->http, "AudienceServer::setDatabasePath", "call before start()");
    d->databasePath = path;
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
        Q_EMIT startFailed(listening.error());
        return listening;
    }

    qCInfo(lcServer) << "listening on" << d->address.toString() << "port" << d->port;
    d->refreshCurrent();
    // Phones get the current poll with their welcome; broadcasts are for changes from here on.
    d->lastBroadcastObject = d->current.object;
    d->pendingQuestions = {};
    d->rememberPublicParts();
    d->approvalSentToPhones = d->questions ? std::optional<bool>(d->questions->isApprovalRequired()) : std::nullopt;
    d->agendaSnapshot.reset();
    d->agendaSentToPhones = d->event ? d->agendaMessage() : QByteArray();
    if (d->event)
        d->agendaRefreshTimer.start();
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
    d->questionsTimer.stop();
    d->pendingQuestions = {};
    d->agendaTimer.stop();
    d->agendaRefreshTimer.stop();
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

namespace {

QString serverUrl(const QHostAddress &address, quint16 port, const QString &path)
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(address.toString());
    url.setPort(port);
    url.setPath(path);
    return url.toString();
}

} // namespace

QString AudienceServer::joinUrl(const QHostAddress &address) const
{
    return serverUrl(address, d->port, u"/j/"_s + d->room.roomCode());
}

QString AudienceServer::moderatorUrl(const QHostAddress &address) const
{
    return serverUrl(address, d->port, u"/m/"_s + d->room.moderatorToken());
}

int AudienceServer::phoneCount() const
{
    return d->phoneCount;
}

int AudienceServer::connectionCount() const
{
    return d->guard ? d->guard->connectionCount() : 0;
}

int AudienceServer::phonesBehind() const
{
    return d->phonesBehind;
}

const ServerLimits &AudienceServer::limits() const
{
    return d->limits;
}

} // namespace Lectern
