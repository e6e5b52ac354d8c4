#pragma once

#include "model/listenaddress.h"
#include "result.h"
#include "server/serverlimits.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace Lectern {

class AudienceRoom;
class LiveEvent;
class LivePolls;
class LiveQuestions;

/**
 * The audience's server on the venue LAN (protocol: server/PROTOCOL.md): serves the phone and moderator pages
 * from Qt resources and JSON over QHttpServer, and live updates over WebSockets on the same port. It validates
 * everything from the network, then calls the event's commands (AudienceRoom, LivePolls, LiveQuestions) and
 * forwards their change signals to the phones and moderator pages; it keeps no state of its own beyond its
 * connections. Limits (connections, sizes, timeouts, rates; ServerLimits) are enforced around QHttpServer by a
 * ConnectionGuard.
 *
 * With the event (setEvent()), phones and moderator pages are also sent the agenda, phones may download the decks
 * the organizer allows, and the moderator page exports the event's record (rendered off this thread).
 *
 * Lives in the thread of the LivePolls and LiveQuestions it serves. Results and question updates go out at most
 * ten times a second, the agenda at most once a second, each serialised once and shared by every phone that may
 * see it; a question whose votes alone changed goes out as its votes alone. A phone that falls behind (more than
 * ServerLimits::maxUnsentBytes not yet sent) is skipped by those broadcasts until it has drained, then sent the
 * current state whole.
 */
class AudienceServer : public QObject
{
    Q_OBJECT

public:
    static constexpr quint16 kDefaultPort = 8080;
    /** Without an explicit port, this many ports from the first choice are tried. */
    static constexpr int kPortsToTry = 20;
    static constexpr int kProtocolVersion = 1;

    /** polls and room must outlive this; room must be loaded. */
    AudienceServer(LivePolls &polls, AudienceRoom &room, const ServerLimits &limits = {}, QObject *parent = nullptr);
    ~AudienceServer() override;

    /**
     * The Q&A the phones and the moderator page reach; call before start(). Null (the default): no Q&A, and
     * question and moderator messages are refused with `bad-message`. questions must outlive this.
     */
    void setQuestions(LiveQuestions *questions);
    /**
     * The event whose agenda phones and moderator pages are sent (after `welcome`, and when it changes), whose
     * session decks phones may download (`GET /deck/{index}`, where the session allows it) and whose record the
     * moderator page exports; call before start(). Null (the default): no `agenda` message, and those routes
     * answer 404. event must outlive this.
     */
    void setEvent(LiveEvent *event);
    /**
     * The event database's file, which exports read with a connection of their own on a worker thread
     * (EventExport::renderInBackground()); call before start(). Empty (the default) or Database::kInMemory: the
     * export route answers 404.
     */
    void setDatabasePath(const QString &path);

    /**
     * Starts listening. An explicit port that is taken is an error naming it; without one, the room's
     * remembered port, else kDefaultPort, else the next free port is used and remembered in the room.
     * Also raises the open-files soft limit to the hard limit (once per process).
     */
    Result<> start(const ListenAddress &listen = {});
    /** Closes every connection and stops listening. */
    void stop();
    bool isListening() const;
    /** The port listened on; 0 when stopped. */
    quint16 port() const;
    QHostAddress listenAddress() const;
    /** `http://ADDRESS:PORT/j/CODE` for phones that reach this laptop at address. */
    QString joinUrl(const QHostAddress &address) const;
    /** `http://ADDRESS:PORT/m/TOKEN`: the moderator page, for the console only (never the projector). */
    QString moderatorUrl(const QHostAddress &address) const;
    /**
     * Phones (device tokens) with at least one WebSocket that said hello: two tabs of one phone count once.
     * Moderator pages are not phones.
     */
    int phoneCount() const;
    /** Open TCP connections (HTTP and WebSocket). */
    int connectionCount() const;
    /**
     * Phone connections skipped by the shared broadcasts for now: they hold more than
     * ServerLimits::maxUnsentBytes the network has not taken (see the class comment).
     */
    int phonesBehind() const;
    const ServerLimits &limits() const;

Q_SIGNALS:
    /** Started or stopped listening. */
    void listeningChanged(bool listening);
    /** start() failed (a port taken, an address not of this laptop); the message says why, in words. */
    void startFailed(const QString &message);
    /** A phone's join was refused because the database did not store its device (answered storage-failed). */
    void joinFailed(const QString &message);
    void phoneCountChanged(int count);
    void phonesBehindChanged(int count);
    /** A vote passed validation and was handed to LivePolls (benchmarks time the way to the model). */
    void voteReceived(const QString &pollId);
    /** An upvote (or its removal) passed validation and is handed to LiveQuestions (for benchmarks, as above). */
    void upvoteReceived(qint64 questionId);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace Lectern
