#include "timer/slidetimelog.h"

#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

class TestSlideTimeLog : public QObject
{
    Q_OBJECT

private:
    const QDateTime t0 = QDateTime(QDate(2026, 11, 24), QTime(19, 0), Qt::UTC);

private slots:
    void eachShownSlideLastsUntilTheNext()
    {
        SlideTimeLog log;
        log.recordShown(0, u"1"_s, t0);
        log.recordShown(1, u"2"_s, t0.addSecs(30));
        log.recordShown(2, u"3"_s, t0.addSecs(100));
        const QList<SlideVisit> visits = log.visits(t0.addSecs(160));
        QCOMPARE(visits.size(), 3);
        QCOMPARE(visits[0].duration, milliseconds(30s));
        QCOMPARE(visits[1].duration, milliseconds(70s));
        QCOMPARE(visits[2].duration, milliseconds(60s));
        QCOMPARE(visits[2].shownAt, t0.addSecs(100));
    }

    void theSamePageTwiceIsOneVisit()
    {
        SlideTimeLog log;
        log.recordShown(0, u"1"_s, t0);
        log.recordShown(0, u"1"_s, t0.addSecs(10));
        QCOMPARE(log.visits(t0.addSecs(20)).size(), 1);
        QCOMPARE(log.visits(t0.addSecs(20)).first().duration, milliseconds(20s));
    }

    void closeStopsTheOpenVisit()
    {
        SlideTimeLog log;
        log.recordShown(0, u"1"_s, t0);
        log.close(t0.addSecs(5));
        QCOMPARE(log.visits(t0.addSecs(500)).first().duration, milliseconds(5s));
    }

    void totalsAddUpOverlayStepsAndRevisits()
    {
        SlideTimeLog log;
        log.recordShown(0, u"1"_s, t0);
        log.recordShown(1, u"2"_s, t0.addSecs(10)); // step 1 of slide 2
        log.recordShown(2, u"2"_s, t0.addSecs(20)); // step 2 of slide 2
        log.recordShown(0, u"1"_s, t0.addSecs(50)); // back to slide 1
        const auto totals = log.totalsByLabel(t0.addSecs(55));
        QCOMPARE(totals.size(), 2);
        QCOMPARE(totals[0].first, u"1"_s);
        QCOMPARE(totals[0].second, milliseconds(15s));
        QCOMPARE(totals[1].first, u"2"_s);
        QCOMPARE(totals[1].second, milliseconds(40s));
    }

    void clearForgetsEverything()
    {
        SlideTimeLog log;
        log.recordShown(0, u"1"_s, t0);
        log.clear();
        QVERIFY(log.visits(t0.addSecs(5)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSlideTimeLog)
#include "tst_slidetimelog.moc"
