#include "server/ratelimiter.h"

#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

// A steady clock reads far from zero; the tests start there too.
constexpr milliseconds kStart{100'000};

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void burstIsAllowedThenRefused();
    void refillsAtTheConfiguredRate();
    void keysHaveTheirOwnBuckets();
    void retryAfterIsRoundedUpToWholeSeconds_data();
    void retryAfterIsRoundedUpToWholeSeconds();
    void retryAfterIsZeroForUnknownOrRefilledKeys();
    void pruneDropsOnlyFullBuckets();
    void allowPrunesAtMostOncePerSecond();
    void prunedKeyStartsWithAFullBucket();
    void clockSteppingBackRefillsNothing();
};

void TestRateLimiter::burstIsAllowedThenRefused()
{
    RateLimiter limiter({3, 1});
    const QString key = u"192.0.2.1"_s;
    QVERIFY(limiter.allow(key, kStart));
    QVERIFY(limiter.allow(key, kStart));
    QVERIFY(limiter.allow(key, kStart));
    QVERIFY(!limiter.allow(key, kStart));
    QVERIFY(!limiter.allow(key, kStart + 10ms));
    QCOMPARE(limiter.trackedKeys(), 1);
}

void TestRateLimiter::refillsAtTheConfiguredRate()
{
    RateLimiter limiter({2, 4}); // one token every 250 ms
    const QString key = u"device"_s;
    QVERIFY(limiter.allow(key, kStart));
    QVERIFY(limiter.allow(key, kStart));
    QVERIFY(!limiter.allow(key, kStart + 249ms));
    QVERIFY(limiter.allow(key, kStart + 250ms));
    QVERIFY(!limiter.allow(key, kStart + 260ms));
    // Refused attempts cost nothing: the bucket keeps filling underneath them.
    QVERIFY(limiter.allow(key, kStart + 500ms));
    // Never more than the burst, however long the key was away.
    QVERIFY(limiter.allow(key, kStart + 60s));
    QVERIFY(limiter.allow(key, kStart + 60s));
    QVERIFY(!limiter.allow(key, kStart + 60s));
}

void TestRateLimiter::keysHaveTheirOwnBuckets()
{
    RateLimiter limiter({1, 1});
    QVERIFY(limiter.allow(u"a"_s, kStart));
    QVERIFY(!limiter.allow(u"a"_s, kStart));
    QVERIFY(limiter.allow(u"b"_s, kStart));
    QVERIFY(!limiter.allow(u"b"_s, kStart));
    QCOMPARE(limiter.trackedKeys(), 2);
}

void TestRateLimiter::retryAfterIsRoundedUpToWholeSeconds_data()
{
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<int>("elapsedMs");
    QTest::addColumn<int>("expected");

    QTest::newRow("one a second, just spent") << 1.0 << 0 << 1;
    QTest::newRow("one a second, almost back") << 1.0 << 999 << 1;
    QTest::newRow("one every two seconds") << 0.5 << 0 << 2;
    QTest::newRow("one every two seconds, half way") << 0.5 << 1000 << 1;
    QTest::newRow("one every two seconds, a bit past half way") << 0.5 << 1001 << 1;
    QTest::newRow("one every four seconds, a bit in") << 0.25 << 100 << 4;
    QTest::newRow("thirty a second") << 30.0 << 0 << 1;
}

void TestRateLimiter::retryAfterIsRoundedUpToWholeSeconds()
{
    QFETCH(double, perSecond);
    QFETCH(int, elapsedMs);
    QFETCH(int, expected);

    RateLimiter limiter({1, perSecond});
    QVERIFY(limiter.allow(u"k"_s, kStart));
    QCOMPARE(limiter.retryAfterSeconds(u"k"_s, kStart + milliseconds(elapsedMs)), expected);
}

void TestRateLimiter::retryAfterIsZeroForUnknownOrRefilledKeys()
{
    RateLimiter limiter({1, 1});
    QCOMPARE(limiter.retryAfterSeconds(u"never seen"_s, kStart), 0);
    QVERIFY(limiter.allow(u"k"_s, kStart));
    QCOMPARE(limiter.retryAfterSeconds(u"k"_s, kStart), 1);
    QCOMPARE(limiter.retryAfterSeconds(u"k"_s, kStart + 1s), 0);
}

void TestRateLimiter::pruneDropsOnlyFullBuckets()
{
    RateLimiter limiter({2, 1});
    // All within a second of the first call, so that allow() prunes nothing itself.
    QVERIFY(limiter.allow(u"early"_s, kStart));
    QVERIFY(limiter.allow(u"late"_s, kStart + 900ms));
    QVERIFY(limiter.allow(u"empty"_s, kStart + 900ms));
    QVERIFY(limiter.allow(u"empty"_s, kStart + 900ms));
    QCOMPARE(limiter.trackedKeys(), 3);

    // At +1 s "early" is full again, "late" holds 1.1 tokens and "empty" 0.1.
    limiter.prune(kStart + 1s);
    QCOMPARE(limiter.trackedKeys(), 2);
    QCOMPARE(limiter.retryAfterSeconds(u"empty"_s, kStart + 1s), 1);

    limiter.prune(kStart + 1900ms);
    QCOMPARE(limiter.trackedKeys(), 1); // "late" is full again

    limiter.prune(kStart + 2900ms);
    QCOMPARE(limiter.trackedKeys(), 0);
}

void TestRateLimiter::allowPrunesAtMostOncePerSecond()
{
    RateLimiter limiter({1, 10}); // a spent bucket is full again after 100 ms
    QVERIFY(limiter.allow(u"first"_s, kStart));
    for (int i = 0; i < 1000; ++i)
        QVERIFY(limiter.allow(u"key %1"_s.arg(i), kStart));
    QCOMPARE(limiter.trackedKeys(), 1001);

    // Every bucket is full again, but the last prune was less than a second ago: nothing is walked.
    QVERIFY(limiter.allow(u"half a second later"_s, kStart + 500ms));
    QCOMPARE(limiter.trackedKeys(), 1002);

    // A second after the last prune, the next call drops every full bucket, then takes its own token.
    QVERIFY(limiter.allow(u"a second later"_s, kStart + 1s));
    QCOMPARE(limiter.trackedKeys(), 1);
}

void TestRateLimiter::prunedKeyStartsWithAFullBucket()
{
    RateLimiter limiter({2, 1});
    QVERIFY(limiter.allow(u"k"_s, kStart));
    QVERIFY(limiter.allow(u"k"_s, kStart));
    limiter.prune(kStart + 2s);
    QCOMPARE(limiter.trackedKeys(), 0);
    QVERIFY(limiter.allow(u"k"_s, kStart + 2s));
    QVERIFY(limiter.allow(u"k"_s, kStart + 2s));
    QVERIFY(!limiter.allow(u"k"_s, kStart + 2s));
}

void TestRateLimiter::clockSteppingBackRefillsNothing()
{
    RateLimiter limiter({1, 1});
    QVERIFY(limiter.allow(u"k"_s, kStart + 10s));
    QVERIFY(!limiter.allow(u"k"_s, kStart));
    QVERIFY(!limiter.allow(u"k"_s, kStart + 10s));
    QVERIFY(limiter.allow(u"k"_s, kStart + 11s));
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
