#include "server/ratelimiter.h"

#include <algorithm>
#include <climits>
#include <cmath>

using namespace std::chrono;

namespace Lectern {

namespace {

constexpr milliseconds kPruneInterval{1000};

} // namespace

RateLimiter::RateLimiter(RateLimit limit)
    : m_limit(limit)
{
    Q_ASSERT(m_limit.burst >= 1);
    Q_ASSERT(m_limit.perSecond > 0);
}

double RateLimiter::tokensAt(const Bucket &bucket, milliseconds now) const
{
    // A clock that steps back (it should not: steady time) refills nothing rather than draining the bucket.
    const milliseconds elapsed = std::max(now - bucket.updatedAt, milliseconds{0});
    return std::min(m_limit.burst, bucket.tokens + duration<double>(elapsed).count() * m_limit.perSecond);
}

bool RateLimiter::allow(const QString &key, milliseconds now)
{
    if (now - m_lastPrune >= kPruneInterval || now < m_lastPrune)
        prune(now);

    auto found = m_buckets.find(key);
    if (found == m_buckets.end()) {
        // A key seen for the first time (or pruned while full) starts with a full bucket.
        if (m_limit.burst < 1)
            return false;
        m_buckets.insert(key, Bucket{m_limit.burst - 1, now});
        return true;
    }
    const double tokens = tokensAt(*found, now);
    found->updatedAt = std::max(now, found->updatedAt);
    if (tokens < 1) {
        found->tokens = tokens;
        return false;
    }
    found->tokens = tokens - 1;
    return true;
}

int RateLimiter::retryAfterSeconds(const QString &key, milliseconds now) const
{
    const auto found = m_buckets.constFind(key);
    if (found == m_buckets.cend())
        return 0;
    const double tokens = tokensAt(*found, now);
    if (tokens >= 1)
        return 0;
    if (m_limit.perSecond <= 0)
        return INT_MAX;
    // The small slack keeps 0.9999999 tokens short of one from costing a whole extra second.
    const double seconds = std::ceil((1 - tokens) / m_limit.perSecond - 1e-9);
    return int(std::clamp(seconds, 1.0, double(INT_MAX)));
}

void RateLimiter::prune(milliseconds now)
{
    m_lastPrune = now;
    m_buckets.removeIf([&](const QHash<QString, Bucket>::iterator &it) { return tokensAt(*it, now) >= m_limit.burst; });
}

} // namespace Lectern
