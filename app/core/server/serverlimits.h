#pragma once

#include "result.h"

#include <QtGlobal>

#include <chrono>

class QSettings;

namespace Lectern {

/** One token bucket's shape: `burst` requests at once, refilled at `perSecond`. */
struct RateLimit
{
    double burst = 10;
    double perSecond = 1;
};

/**
 * The limits the audience server enforces around QHttpServer (which enforces none itself in Qt 6.4). The
 * defaults suit a room of a few thousand phones; tests and benchmarks make them smaller or larger.
 */
struct ServerLimits
{
    int maxConnections = 5000; ///< TCP connections at once (HTTP and WebSocket); more: 503, closed
    /**
     * TCP connections at once from one IP address (an IPv4-mapped IPv6 address counts as its IPv4 one); more:
     * 503, closed, as over maxConnections. Keeps one machine from taking every place; a phone needs one or two.
     */
    int maxConnectionsPerAddress = 32;
    /**
     * Refused connections kept open at once to send their 503 (each for up to a few seconds); beyond this, a
     * refused connection is closed at once without an answer, so that a flood cannot hold descriptors.
     */
    int maxLingeringRefusals = 256;
    qint64 maxRequestBodyBytes = 16 * 1024; ///< larger bodies: 413
    qint64 maxUnansweredBytes = 64 * 1024;  ///< bytes received on an HTTP connection with no answer yet: closed
    qint64 maxWebSocketMessageBytes = 4 * 1024;
    /** A moderator page's messages, once its token is accepted: a `settings` message carries the blocked words. */
    qint64 maxModeratorMessageBytes = 64 * 1024;
    /** An HTTP request must arrive whole (headers and body) within this time of its first byte. */
    std::chrono::milliseconds requestTimeout{10'000};
    /** An HTTP connection with nothing going on is closed after this. */
    std::chrono::milliseconds httpIdleTimeout{30'000};
    /** A WebSocket that sent nothing (the page pings every 25 s) is closed after this. */
    std::chrono::milliseconds webSocketIdleTimeout{90'000};
    /** A WebSocket must say hello within this time of opening. */
    std::chrono::milliseconds helloTimeout{10'000};
    /**
     * A phone's WebSocket holding more than this many bytes the network has not taken yet (the phone reads too
     * slowly, or its network is too slow) is skipped by the broadcasts phones share (question updates, results)
     * until it has drained to resyncBelowBytes; then it is sent the whole current state at once. Bounds what one
     * slow phone makes the laptop keep, and the work spent on it.
     */
    qint64 maxUnsentBytes = 256 * 1024;
    qint64 resyncBelowBytes = 64 * 1024;
    /**
     * A WebSocket (phone or moderator page) holding more than this many bytes the network has not taken gets no
     * answer to its messages and is closed (ConnectionGuard): past the broadcasts a phone is skipped by, only its
     * own answers grow it (pongs to its pings, refusals of its messages), so it keeps asking while reading nothing.
     * A moderator page is skipped by `moderation` snapshots like a phone by broadcasts, so a slow one stays well
     * under it. 1 MiB: at most 32 MiB for one address at its connection cap.
     */
    qint64 maxWebSocketBacklogBytes = 1024 * 1024;

    RateLimit joinsPerAddress{20, 1};       ///< POST /api/v1/join per IP address (each may mint a token)
    RateLimit requestsPerAddress{120, 30};  ///< HTTP requests per IP address
    RateLimit messagesPerAddress{200, 60};  ///< WebSocket messages per IP address
    RateLimit messagesPerDevice{20, 4};     ///< WebSocket messages per device token
    RateLimit questionsPerDevice{3, 0.05};  ///< `ask` per device token: 3, then one every 20 s (3 a minute)
    RateLimit questionsPerAddress{30, 0.5}; ///< `ask` per IP address: 30, then one every 2 s

    /**
     * The limits an organizer set in Lectern's settings file, group `audience` (README, "Audience server
     * limits"): counts as integers, rates as "BURST/PER_SECOND" ("20/1"); keys not set keep their defaults.
     * A value that does not read is an error naming the key and the value.
     */
    static Result<ServerLimits> fromSettings(const QSettings &settings);
};

} // namespace Lectern
