#include "server/serverlimits.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

class TestServerLimits : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void unsetKeysKeepTheDefaults()
    {
        QSettings settings(m_dir.filePath(u"empty.conf"_s), QSettings::IniFormat);
        const Result<ServerLimits> limits = ServerLimits::fromSettings(settings);
        QVERIFY(limits);
        const ServerLimits defaults;
        QCOMPARE(limits->maxConnections, defaults.maxConnections);
        QCOMPARE(limits->messagesPerDevice.burst, defaults.messagesPerDevice.burst);
        QCOMPARE(limits->messagesPerDevice.perSecond, defaults.messagesPerDevice.perSecond);
        QCOMPARE(limits->questionsPerDevice.burst, defaults.questionsPerDevice.burst);
        QCOMPARE(limits->questionsPerAddress.perSecond, defaults.questionsPerAddress.perSecond);
    }

    void questionLimitsDefaultToAboutThreeAMinutePerPhone()
    {
        const ServerLimits defaults;
        QCOMPARE(defaults.questionsPerDevice.burst, 3.0);
        QCOMPARE(defaults.questionsPerDevice.perSecond * 20, 1.0);
        QCOMPARE(defaults.questionsPerAddress.burst, 30.0);
        QCOMPARE(defaults.questionsPerAddress.perSecond * 2, 1.0);
    }

    void questionLimitsAreReadFromTheAudienceGroup()
    {
        QSettings settings(m_dir.filePath(u"questions.conf"_s), QSettings::IniFormat);
        settings.setValue(u"audience/questionsPerDevice"_s, u"5/0.1"_s);
        settings.setValue(u"audience/questionsPerAddress"_s, u"100/2"_s);
        const Result<ServerLimits> limits = ServerLimits::fromSettings(settings);
        QVERIFY(limits);
        QCOMPARE(limits->questionsPerDevice.burst, 5.0);
        QCOMPARE(limits->questionsPerDevice.perSecond, 0.1);
        QCOMPARE(limits->questionsPerAddress.burst, 100.0);
        QCOMPARE(limits->questionsPerAddress.perSecond, 2.0);
    }

    void setKeysReplaceTheDefaults()
    {
        QSettings settings(m_dir.filePath(u"set.conf"_s), QSettings::IniFormat);
        settings.setValue(u"audience/maxConnections"_s, u"800"_s);
        settings.setValue(u"audience/maxConnectionsPerAddress"_s, 4);
        settings.setValue(u"audience/joinsPerAddress"_s, u"5/0.5"_s);
        settings.setValue(u"audience/messagesPerDevice"_s, u" 30 / 6 "_s);
        const Result<ServerLimits> limits = ServerLimits::fromSettings(settings);
        QVERIFY(limits);
        QCOMPARE(limits->maxConnections, 800);
        QCOMPARE(limits->maxConnectionsPerAddress, 4);
        QCOMPARE(limits->joinsPerAddress.burst, 5.0);
        QCOMPARE(limits->joinsPerAddress.perSecond, 0.5);
        QCOMPARE(limits->messagesPerDevice.burst, 30.0);
        QCOMPARE(limits->messagesPerDevice.perSecond, 6.0);
        QCOMPARE(limits->requestsPerAddress.burst, ServerLimits().requestsPerAddress.burst);
    }

    void badValuesAreErrorsNamingTheKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("count not a number") << u"maxConnections"_s << u"many"_s;
        QTest::newRow("count zero") << u"maxConnectionsPerAddress"_s << u"0"_s;
        QTest::newRow("rate without slash") << u"joinsPerAddress"_s << u"20"_s;
        QTest::newRow("rate zero") << u"requestsPerAddress"_s << u"10/0"_s;
        QTest::newRow("burst below one") << u"messagesPerAddress"_s << u"0.5/3"_s;
        QTest::newRow("rate not numbers") << u"messagesPerDevice"_s << u"a/b"_s;
        QTest::newRow("three parts") << u"messagesPerDevice"_s << u"1/2/3"_s;
        QTest::newRow("questions per device, rate zero") << u"questionsPerDevice"_s << u"3/0"_s;
        QTest::newRow("questions per address, not numbers") << u"questionsPerAddress"_s << u"many/often"_s;
    }

    void badValuesAreErrorsNamingTheKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QSettings settings(m_dir.filePath(u"bad.conf"_s), QSettings::IniFormat);
        settings.clear();
        settings.setValue(u"audience/"_s + key, value);
        const Result<ServerLimits> limits = ServerLimits::fromSettings(settings);
        QVERIFY(!limits);
        QVERIFY2(limits.error().contains(u"audience/"_s + key), qPrintable(limits.error()));
        QVERIFY2(limits.error().contains(value), qPrintable(limits.error()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_serverlimits.moc"
