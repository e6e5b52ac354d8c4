#include "server/lanaddresses.h"

#include <QNetworkInterface>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

/** "192.168.1.20@wlan0" → a LanAddress on interface wlan0. */
QList<LanAddress> parse(const QStringList &entries)
{
    QList<LanAddress> addresses;
    for (const QString &entry : entries) {
        const QStringList parts = entry.split(u'@');
        addresses.append({QHostAddress(parts.at(0)), parts.value(1), parts.value(1)});
    }
    return addresses;
}

QStringList format(const QList<LanAddress> &addresses)
{
    QStringList entries;
    for (const LanAddress &address : addresses)
        entries.append(address.address.toString() + u'@' + address.interfaceName);
    return entries;
}

} // namespace

class TestLanAddresses : public QObject
{
    Q_OBJECT

private slots:
    void privateRangesComeFirstInStableOrder_data();
    void privateRangesComeFirstInStableOrder();
    void systemAddressesAreReachableIPv4();
};

void TestLanAddresses::privateRangesComeFirstInStableOrder_data()
{
    QTest::addColumn<QStringList>("candidates");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("none") << QStringList() << QStringList();
    QTest::newRow("one private") << QStringList{u"192.168.1.20@wlan0"_s} << QStringList{u"192.168.1.20@wlan0"_s};
    QTest::newRow("public after private") << QStringList{u"203.0.113.5@eth0"_s, u"192.168.1.20@wlan0"_s}
                                          << QStringList{u"192.168.1.20@wlan0"_s, u"203.0.113.5@eth0"_s};
    QTest::newRow("system order kept within each group")
        << QStringList{u"198.51.100.1@eth0"_s, u"10.0.0.2@eth1"_s, u"203.0.113.5@eth2"_s, u"192.168.1.20@wlan0"_s,
                       u"172.20.0.1@br0"_s}
        << QStringList{u"10.0.0.2@eth1"_s, u"192.168.1.20@wlan0"_s, u"172.20.0.1@br0"_s, u"198.51.100.1@eth0"_s,
                       u"203.0.113.5@eth2"_s};
    QTest::newRow("172.16/12 edges") << QStringList{u"172.15.255.255@a"_s, u"172.16.0.1@b"_s, u"172.32.0.1@c"_s,
                                                    u"172.31.255.254@d"_s}
                                     << QStringList{u"172.16.0.1@b"_s, u"172.31.255.254@d"_s, u"172.15.255.255@a"_s,
                                                    u"172.32.0.1@c"_s};
    QTest::newRow("10/8 and 192.168/16 edges")
        << QStringList{u"11.0.0.1@a"_s, u"10.255.255.254@b"_s, u"192.169.0.1@c"_s, u"192.168.255.254@d"_s,
                       u"9.255.255.255@e"_s}
        << QStringList{u"10.255.255.254@b"_s, u"192.168.255.254@d"_s, u"11.0.0.1@a"_s, u"192.169.0.1@c"_s,
                       u"9.255.255.255@e"_s};
    QTest::newRow("several addresses on one interface")
        << QStringList{u"100.64.0.5@wlan0"_s, u"192.168.8.1@wlan0"_s, u"10.42.0.1@wlan0"_s}
        << QStringList{u"192.168.8.1@wlan0"_s, u"10.42.0.1@wlan0"_s, u"100.64.0.5@wlan0"_s};
    QTest::newRow("all public: unchanged")
        << QStringList{u"203.0.113.5@a"_s, u"198.51.100.1@b"_s} << QStringList{u"203.0.113.5@a"_s, u"198.51.100.1@b"_s};
}

void TestLanAddresses::privateRangesComeFirstInStableOrder()
{
    QFETCH(QStringList, candidates);
    QFETCH(QStringList, expected);

    QCOMPARE(format(sortedLanAddresses(parse(candidates))), expected);
}

void TestLanAddresses::systemAddressesAreReachableIPv4()
{
    // Whatever this machine has (maybe nothing): only IPv4 addresses of interfaces that are up and running,
    // never loopback or link-local, already in the sorted order.
    const QList<LanAddress> addresses = lanAddresses();
    for (const LanAddress &lan : addresses) {
        QCOMPARE(lan.address.protocol(), QAbstractSocket::IPv4Protocol);
        QVERIFY2(!lan.address.isLoopback(), qPrintable(lan.address.toString()));
        QVERIFY2(!lan.address.isInSubnet(QHostAddress(u"169.254.0.0"_s), 16), qPrintable(lan.address.toString()));
        const QNetworkInterface networkInterface = QNetworkInterface::interfaceFromName(lan.interfaceName);
        QVERIFY(networkInterface.isValid());
        QVERIFY(networkInterface.flags().testFlag(QNetworkInterface::IsUp));
        QVERIFY(networkInterface.flags().testFlag(QNetworkInterface::IsRunning));
        QVERIFY(!networkInterface.flags().testFlag(QNetworkInterface::IsLoopBack));
        QCOMPARE(lan.interfaceLabel, networkInterface.humanReadableName());
        const QList<QNetworkAddressEntry> entries = networkInterface.addressEntries();
        QVERIFY(std::any_of(entries.cbegin(), entries.cend(),
                            [&](const QNetworkAddressEntry &entry) { return entry.ip() == lan.address; }));
    }
    QCOMPARE(sortedLanAddresses(addresses), addresses);

    // And every such address of the system is offered.
    int expectedCount = 0;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &networkInterface : interfaces) {
        const auto flags = networkInterface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || !flags.testFlag(QNetworkInterface::IsRunning) ||
            flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        const QList<QNetworkAddressEntry> entries = networkInterface.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            const QHostAddress ip = entry.ip();
            if (ip.protocol() == QAbstractSocket::IPv4Protocol && !ip.isLoopback() &&
                !ip.isInSubnet(QHostAddress(u"169.254.0.0"_s), 16))
                ++expectedCount;
        }
    }
    QCOMPARE(addresses.size(), expectedCount);
}

QTEST_GUILESS_MAIN(TestLanAddresses)
#include "tst_lanaddresses.moc"
