#pragma once

#include "server/serverlimits.h"

#include <QHash>
#include <QString>

#include <chrono>

namespace Lectern {

/**
 * Token buckets keyed by a string (an IP address, a device token): each key may spend `burst` at once and
 * gets `perSecond` back over time. Time is passed in (steady milliseconds), so tests need no sleeping. Memory
 * stays bounded: buckets that have refilled completely are dropped by prune(), which allow() runs at most
 * once a second, over all keys (O(keys) then; every other call is O(1)).
 */
class RateLimiter
{
public:
    explicit RateLimiter(RateLimit limit);

    /** Takes one token from key's bucket at time now; false when the bucket is empty. */
    bool allow(const QString &key, std::chrono::milliseconds now);
    /** Seconds until key's bucket holds a token again (0 when it holds one now), rounded up. */
    int retryAfterSeconds(const QString &key, std::chrono::milliseconds now) const;
    /** Drops the buckets that are full again at time now: a pass over all keys. */
    void prune(std::chrono::milliseconds now);
    qsizetype trackedKeys() const { return m_buckets.size(); }
    RateLimit limit() const { return m_limit; }

private:
    struct Bucket
    {
        double tokens = 0;
        std::chrono::milliseconds updatedAt{0};
    };
    double tokensAt(const Bucket &bucket, std::chrono::milliseconds now) const;

    RateLimit m_limit;
    QHash<QString, Bucket> m_buckets;
    std::chrono::milliseconds m_lastPrune{0};
};

} // namespace Lectern
