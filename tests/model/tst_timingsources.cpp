#include "model/timingsources.h"

#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

class TestTimingSources : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreFifteenPlusFive()
    {
        const TimingPlan plan = resolveTiming({});
        QCOMPARE(plan.talkTime, seconds(15min));
        QCOMPARE(plan.qaTime, seconds(5min));
        QCOMPARE(plan.warningTime, seconds(3min));
        QVERIFY(!plan.talkEndsAt);
    }

    void commandLineBeatsEventFileBeatsPdfpc()
    {
        TimingOverrides commandLine;
        commandLine.talkTime = 10min;
        TimingOverrides eventFile;
        eventFile.talkTime = 20min;
        eventFile.qaTime = 7min;
        TimingOverrides pdfpc;
        pdfpc.talkTime = 30min;
        pdfpc.qaTime = 9min;
        pdfpc.warningTime = 2min;
        const TimingPlan plan = resolveTiming({commandLine, eventFile, pdfpc});
        QCOMPARE(plan.talkTime, seconds(10min));
        QCOMPARE(plan.qaTime, seconds(7min));
        QCOMPARE(plan.warningTime, seconds(2min));
    }

    void pdfpcEndTimeAppliesOnlyWithoutAHigherTalkTime()
    {
        TimingOverrides pdfpc;
        pdfpc.talkEndsAt = QTime(19, 45);
        QCOMPARE(resolveTiming({TimingOverrides{}, pdfpc}).talkEndsAt, QTime(19, 45));

        TimingOverrides commandLine;
        commandLine.talkTime = 12min;
        const TimingPlan plan = resolveTiming({commandLine, pdfpc});
        QVERIFY(!plan.talkEndsAt);
        QCOMPARE(plan.talkTime, seconds(12min));
    }

    void parseDurationAcceptsCommonForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expectedSeconds"); // -1: refused
        QTest::newRow("minutes suffix") << u"15m"_s << 900;
        QTest::newRow("plain number is minutes") << u"20"_s << 1200;
        QTest::newRow("seconds") << u"90s"_s << 90;
        QTest::newRow("hours and minutes") << u"1h30m"_s << 5400;
        QTest::newRow("min spelled out") << u"5min"_s << 300;
        QTest::newRow("upper case and spaces") << u" 5M "_s << 300;
        QTest::newRow("zero refused") << u"0m"_s << -1;
        QTest::newRow("negative refused") << u"-5"_s << -1;
        QTest::newRow("garbage refused") << u"soon"_s << -1;
        QTest::newRow("empty refused") << QString() << -1;
        QTest::newRow("over a day refused") << u"25h"_s << -1;
        QTest::newRow("a day in minutes") << u"1440"_s << 86400;
        QTest::newRow("more than a day in minutes refused") << u"1441"_s << -1;
        // Found by fuzzing: minutes were multiplied by 60 before the bound was checked (signed overflow).
        QTest::newRow("minutes that overflow in seconds refused") << u"9223372036854775807"_s << -1;
    }

    void parseDurationAcceptsCommonForms()
    {
        QFETCH(QString, text);
        QFETCH(int, expectedSeconds);
        const auto parsed = parseDuration(text);
        if (expectedSeconds < 0) {
            QVERIFY(!parsed);
            QVERIFY2(parsed.error().contains(u"15m"_s), qPrintable(parsed.error()));
        } else {
            QVERIFY(parsed);
            QCOMPARE(parsed->count(), expectedSeconds);
        }
    }
};

QTEST_GUILESS_MAIN(TestTimingSources)
#include "tst_timingsources.moc"
