// RefreshThrottle: the first change draws at once, a burst within the interval draws once more at its end.

#include "refreshthrottle.h"

#include <QTest>

using namespace Lectern;
using namespace std::chrono_literals;

class TestRefreshThrottle : public QObject
{
    Q_OBJECT

private slots:
    void firstRequestDrawsAtOnceAndABurstDrawsOnceAtTheEnd();
};

void TestRefreshThrottle::firstRequestDrawsAtOnceAndABurstDrawsOnceAtTheEnd()
{
    int draws = 0;
    RefreshThrottle throttle(50ms, [&draws] { ++draws; });
    throttle.request();
    QCOMPARE(draws, 1);
    throttle.request();
    throttle.request();
    QCOMPARE(draws, 1);
    QTRY_COMPARE(draws, 2);
}

QTEST_GUILESS_MAIN(TestRefreshThrottle)
#include "tst_refreshthrottle.moc"
