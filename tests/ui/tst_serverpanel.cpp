// The console's server panel against a real AudienceServer on 127.0.0.1 (ephemeral ports), with the LAN
// addresses given by the test.

#include "event/audienceroom.h"
#include "event/livepolls.h"
#include "server/audienceserver.h"
#include "server/qrcode.h"
#include "serverpanel.h"
#include "storage/database.h"
#include "timer/clock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

LanAddress lan(const QString &address, const QString &interfaceName)
{
    return {QHostAddress(address), interfaceName, QString()};
}

} // namespace

class TestServerPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void switchStartsAndStopsTheServer();
    void takenPortIsAFailureInWords();
    void noNetworkSaysSoAndKeepsTheSlidesGoing();
    void severalAddressesCanBeChosen();
    void chosenAddressGoingAwayFallsBackToAnother();
    void phoneCountFollowsConnectedPhones();
    void helpNamesTheUsualCausesAndThePort();
    void withoutTheRoomThereIsNoModeratorLink();
    void moderatorLinkHoldsTheTokenAndItsQrCode();

private:
    ManualClock m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<LivePolls> m_polls;
    std::unique_ptr<AudienceRoom> m_room;
    std::unique_ptr<AudienceServer> m_server;
    std::unique_ptr<ServerPanel> m_panel;
    QList<LanAddress> m_addresses;
};

void TestServerPanel::init()
{
    m_database = std::make_unique<Database>();
    QVERIFY(m_database->open(Database::kInMemory));
    m_polls = std::make_unique<LivePolls>(*m_database, m_clock);
    m_room = std::make_unique<AudienceRoom>(*m_database, m_clock);
    QVERIFY(m_room->load());
    m_server = std::make_unique<AudienceServer>(*m_polls, *m_room);
    m_addresses = {lan(u"192.168.1.23"_s, u"wlan0"_s)};
    m_panel = std::make_unique<ServerPanel>(*m_server);
    m_panel->setAddressSource([this] { return m_addresses; });
    m_panel->setListenAddress({QHostAddress(QHostAddress::LocalHost), quint16(0)});
    m_panel->resize(480, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestServerPanel::cleanup()
{
    m_panel.reset();
    m_server.reset();
    m_room.reset();
    m_polls.reset();
    m_database.reset();
}

void TestServerPanel::switchStartsAndStopsTheServer()
{
    QCheckBox *toggle = m_panel->servingSwitch();
    QCOMPARE(toggle->text(), u"Let phones join"_s);
    QVERIFY(!toggle->isChecked());
    QCOMPARE(m_panel->stateText(), u"Stopped: phones cannot join"_s);
    QCOMPARE(m_panel->joinUrl(), QString());
    QVERIFY(m_panel->qrImage().isNull());

    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(m_server->isListening());
    QVERIFY(toggle->isChecked());
    QCOMPARE(m_panel->stateText(), u"Listening on port %1"_s.arg(m_server->port()));
    // Bound to one address, the server is reached there only: that is the join address.
    QCOMPARE(m_panel->joinAddress(), QHostAddress(QHostAddress::LocalHost));
    const QString url = u"http://127.0.0.1:%1/j/%2"_s.arg(m_server->port()).arg(m_room->roomCode());
    QCOMPARE(m_panel->joinUrl(), url);
    const Result<QrCode> code = QrCode::encode(url);
    QVERIFY(code);
    QCOMPARE(m_panel->qrImage(), code->toImage(1));
    QCOMPARE(m_panel->phonesText(), u"Phones connected: 0"_s);

    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!m_server->isListening());
    QVERIFY(!toggle->isChecked());
    QCOMPARE(m_panel->stateText(), u"Stopped: phones cannot join"_s);
    QCOMPARE(m_panel->joinUrl(), QString());
    QVERIFY(m_panel->qrImage().isNull());
    QCOMPARE(m_panel->phonesText(), QString());
}

void TestServerPanel::takenPortIsAFailureInWords()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    m_panel->setListenAddress({QHostAddress(QHostAddress::LocalHost), squatter.serverPort()});
    QTest::mouseClick(m_panel->servingSwitch(), Qt::LeftButton);
    QVERIFY(!m_server->isListening());
    QVERIFY(!m_panel->servingSwitch()->isChecked());
    const QString state = m_panel->stateText();
    QVERIFY2(state.startsWith(u"Failed: "_s), qPrintable(state));
    QVERIFY2(state.contains(QString::number(squatter.serverPort())), qPrintable(state));
    QCOMPARE(m_panel->joinUrl(), QString());

    // Once the port is free, the switch works, and the failure is gone.
    squatter.close();
    m_panel->setServing(true);
    QVERIFY(m_server->isListening());
    QCOMPARE(m_panel->stateText(), u"Listening on port %1"_s.arg(m_server->port()));
}

void TestServerPanel::noNetworkSaysSoAndKeepsTheSlidesGoing()
{
    m_addresses.clear();
    m_panel->setListenAddress({}); // every interface: phones need a LAN address
    QCOMPARE(m_panel->networkText(),
             u"No network: phones cannot join. Connect this laptop to the venue Wi-Fi or start its own hotspot; the "
             "slides keep working."_s);
    QVERIFY(m_panel->joinAddress().isNull());
    QVERIFY(!m_panel->addressList()->isVisible());

    m_addresses = {lan(u"10.0.0.5"_s, u"wlan0"_s)};
    m_panel->refreshAddresses();
    QCOMPARE(m_panel->networkText(), QString());
    QCOMPARE(m_panel->joinAddress(), QHostAddress(u"10.0.0.5"_s));
}

void TestServerPanel::severalAddressesCanBeChosen()
{
    m_addresses = {lan(u"192.168.1.23"_s, u"wlan0"_s), lan(u"10.42.0.1"_s, u"hotspot"_s)};
    m_panel->setListenAddress({});
    QSignalSpy changed(m_panel.get(), &ServerPanel::joinAddressChanged);
    QComboBox *list = m_panel->addressList();
    QVERIFY(list->isVisible());
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->itemText(1), u"10.42.0.1 (hotspot)"_s);
    QCOMPARE(m_panel->joinAddress(), QHostAddress(u"192.168.1.23"_s));

    list->setCurrentIndex(1);
    Q_EMIT list->activated(1); // as a click on the item does
    QCOMPARE(m_panel->joinAddress(), QHostAddress(u"10.42.0.1"_s));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.constLast().constFirst().value<QHostAddress>(), QHostAddress(u"10.42.0.1"_s));
    // Reading the same addresses again keeps the choice.
    m_panel->refreshAddresses();
    QCOMPARE(m_panel->joinAddress(), QHostAddress(u"10.42.0.1"_s));
    QCOMPARE(changed.size(), 1);
}

void TestServerPanel::chosenAddressGoingAwayFallsBackToAnother()
{
    m_addresses = {lan(u"192.168.1.23"_s, u"wlan0"_s), lan(u"10.42.0.1"_s, u"hotspot"_s)};
    m_panel->setListenAddress({});
    m_panel->addressList()->setCurrentIndex(1);
    Q_EMIT m_panel->addressList()->activated(1);
    QSignalSpy changed(m_panel.get(), &ServerPanel::joinAddressChanged);
    m_addresses = {lan(u"192.168.1.23"_s, u"wlan0"_s)};
    m_panel->refreshAddresses();
    QCOMPARE(m_panel->joinAddress(), QHostAddress(u"192.168.1.23"_s));
    QCOMPARE(changed.size(), 1);
    QVERIFY(!m_panel->addressList()->isVisible());
}

void TestServerPanel::phoneCountFollowsConnectedPhones()
{
    m_panel->setServing(true);
    QVERIFY(m_server->isListening());
    const Result<QString> device = m_room->admitDevice(QString());
    QVERIFY(device);

    QWebSocket phone;
    QSignalSpy connected(&phone, &QWebSocket::connected);
    QSignalSpy received(&phone, &QWebSocket::textMessageReceived);
    phone.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_server->port())));
    QVERIFY(connected.wait(5000));
    const QJsonObject hello{{u"type"_s, u"hello"_s},
                            {u"protocol"_s, AudienceServer::kProtocolVersion},
                            {u"room"_s, m_room->roomCode()},
                            {u"device"_s, *device}};
    phone.sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    QTRY_COMPARE(m_panel->phonesText(), u"Phones connected: 1"_s);

    phone.close();
    QTRY_COMPARE(m_panel->phonesText(), u"Phones connected: 0"_s);
}

void TestServerPanel::helpNamesTheUsualCausesAndThePort()
{
    QString help = m_panel->helpText();
    for (const QString &words :
         {u"Phones can't connect?"_s, u"client isolation"_s, u"own hotspot"_s, u"firewall"_s, u"port 8080"_s})
        QVERIFY2(help.contains(words), qPrintable(help));
    m_panel->setServing(true);
    help = m_panel->helpText();
    QVERIFY2(help.contains(u"port %1"_s.arg(m_server->port())), qPrintable(help));
}

void TestServerPanel::withoutTheRoomThereIsNoModeratorLink()
{
    m_panel->setServing(true);
    QVERIFY(m_server->isListening());
    QCOMPARE(m_panel->moderatorUrl(), QString());
    QCOMPARE(m_panel->findChild<QWidget *>(u"moderatorSection"_s), nullptr);
}

void TestServerPanel::moderatorLinkHoldsTheTokenAndItsQrCode()
{
    // The link is for the join address: the one phones, and the organizer's tablet, reach the server at.
    m_panel.reset();
    ServerPanel panel(*m_server, m_room.get());
    panel.setAddressSource([this] { return m_addresses; });
    panel.setListenAddress({QHostAddress(QHostAddress::LocalHost), quint16(0)});
    QVERIFY(panel.setServing(true));
    panel.setModeratorLinkShown(true);
    QCOMPARE(panel.shownModeratorUrl(),
             u"http://127.0.0.1:%1/m/%2"_s.arg(m_server->port()).arg(m_room->moderatorToken()));
    const Result<QrCode> code = QrCode::encode(panel.shownModeratorUrl());
    QVERIFY(code);
    QCOMPARE(panel.moderatorQrImage(), code->toImage(1));

    // Stopped: no link, and the section says when it works.
    panel.setServing(false);
    QCOMPARE(panel.moderatorUrl(), QString());
    QCOMPARE(panel.shownModeratorUrl(), QString());
    QVERIFY(panel.moderatorQrImage().isNull());
    QVERIFY(panel.moderatorNoteText().contains(u"Give it only to the organizer"_s));
}

QTEST_MAIN(TestServerPanel)
#include "tst_serverpanel.moc"
