#include "cli/launchoptions.h"

#include <QHostAddress>
#include <QLocalServer>
#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

class TestLaunchOptions : public QObject
{
    Q_OBJECT

private slots:
    void aDeckAndTimesAreRead()
    {
        const auto options =
            CommandLine::parse({u"lectern"_s, u"talk.pdf"_s, u"--talk"_s, u"12m"_s, u"--qa"_s, u"4m"_s});
        QVERIFY2(options, qPrintable(options ? QString() : options.error()));
        QCOMPARE(options->mode, LaunchOptions::Mode::Present);
        QCOMPARE(options->deckPath, u"talk.pdf"_s);
        QVERIFY(!options->demo);
        QCOMPARE(*options->timing.talkTime, seconds(12min));
        QCOMPARE(*options->timing.qaTime, seconds(4min));
        QVERIFY(!options->timing.warningTime);
    }

    void demoNeedsNoDeck()
    {
        const auto options = CommandLine::parse({u"lectern"_s, u"--demo"_s});
        QVERIFY(options);
        QVERIFY(options->demo);
        QVERIFY(options->deckPath.isEmpty());
    }

    void audienceOptionsAreRead_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("databasePath");
        QTest::addColumn<bool>("serve");
        QTest::addColumn<QString>("listenAddress"); // empty: no --listen
        QTest::addColumn<int>("listenPort");
        QTest::newRow("none") << QStringList{u"lectern"_s, u"a.pdf"_s} << QString() << false << QString() << 0;
        QTest::newRow("--db") << QStringList{u"lectern"_s, u"a.pdf"_s, u"--db"_s, u"/tmp/evening.sqlite"_s}
                              << u"/tmp/evening.sqlite"_s << false << QString() << 0;
        QTest::newRow("--db=") << QStringList{u"lectern"_s, u"a.pdf"_s, u"--db=my event.sqlite"_s}
                               << u"my event.sqlite"_s << false << QString() << 0;
        QTest::newRow("--db with --demo") << QStringList{u"lectern"_s, u"--demo"_s, u"--db"_s, u"demo.sqlite"_s}
                                          << u"demo.sqlite"_s << false << QString() << 0;
        QTest::newRow("--serve") << QStringList{u"lectern"_s, u"a.pdf"_s, u"--serve"_s} << QString() << true
                                 << QString() << 0;
        QTest::newRow("--listen implies --serve")
            << QStringList{u"lectern"_s, u"a.pdf"_s, u"--listen"_s, u"0.0.0.0:8080"_s} << QString() << true
            << u"0.0.0.0"_s << 8080;
        QTest::newRow("--listen on one address")
            << QStringList{u"lectern"_s, u"--demo"_s, u"--serve"_s, u"--listen=192.168.1.20:1"_s} << QString() << true
            << u"192.168.1.20"_s << 1;
        QTest::newRow("--listen, highest port")
            << QStringList{u"lectern"_s, u"a.pdf"_s, u"--listen"_s, u"127.0.0.1:65535"_s} << QString() << true
            << u"127.0.0.1"_s << 65535;
        QTest::newRow("everything") << QStringList{u"lectern"_s,  u"a.pdf"_s,    u"--db"_s,
                                                   u"e.sqlite"_s, u"--listen"_s, u"10.0.0.2:9000"_s}
                                    << u"e.sqlite"_s << true << u"10.0.0.2"_s << 9000;
    }

    void audienceOptionsAreRead()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, databasePath);
        QFETCH(bool, serve);
        QFETCH(QString, listenAddress);
        QFETCH(int, listenPort);
        const auto options = CommandLine::parse(arguments);
        QVERIFY2(options, qPrintable(options ? QString() : options.error()));
        QCOMPARE(options->databasePath, databasePath);
        QCOMPARE(options->serve, serve);
        QCOMPARE(options->listen.has_value(), !listenAddress.isEmpty());
        if (options->listen) {
            QCOMPARE(options->listen->address, QHostAddress(listenAddress));
            QCOMPARE(options->listen->port, std::optional<quint16>(quint16(listenPort)));
        }
    }

    void badAudienceOptionsAreOneLineErrors_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no port") << u"--listen=0.0.0.0"_s << u"--listen: \"0.0.0.0\""_s;
        QTest::newRow("no address") << u"--listen=:8080"_s << u"--listen: \":8080\""_s;
        QTest::newRow("port 0") << u"--listen=0.0.0.0:0"_s << u"--listen: the port 0"_s;
        QTest::newRow("port too high") << u"--listen=0.0.0.0:65536"_s << u"--listen: the port 65536"_s;
        QTest::newRow("port not a number") << u"--listen=0.0.0.0:http"_s << u"--listen"_s;
        QTest::newRow("address out of range") << u"--listen=256.1.1.1:8080"_s << u"--listen: \"256.1.1.1:8080\""_s;
        QTest::newRow("short address") << u"--listen=10.1:8080"_s << u"--listen"_s;
        QTest::newRow("IPv6") << u"--listen=[::1]:8080"_s << u"--listen"_s;
        QTest::newRow("host name") << u"--listen=localhost:8080"_s << u"--listen"_s;
        QTest::newRow("empty --db") << u"--db="_s << u"--db"_s;
    }

    void badAudienceOptionsAreOneLineErrors()
    {
        QFETCH(QString, option);
        QFETCH(QString, mentions);
        const auto options = CommandLine::parse({u"lectern"_s, u"a.pdf"_s, option});
        QVERIFY(!options);
        QVERIFY2(options.error().contains(mentions), qPrintable(options.error()));
        QVERIFY(!options.error().contains(u'\n'));
    }

    void badInputIsAOneLineError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("nothing") << QStringList{u"lectern"_s} << u"No deck"_s;
        QTest::newRow("two decks") << QStringList{u"lectern"_s, u"a.pdf"_s, u"b.pdf"_s} << u"one deck"_s;
        QTest::newRow("deck and demo") << QStringList{u"lectern"_s, u"a.pdf"_s, u"--demo"_s} << u"not both"_s;
        QTest::newRow("bad duration") << QStringList{u"lectern"_s, u"a.pdf"_s, u"--talk"_s, u"soon"_s} << u"soon"_s;
        QTest::newRow("unknown option") << QStringList{u"lectern"_s, u"--frobnicate"_s} << u"frobnicate"_s;
    }

    void badInputIsAOneLineError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const auto options = CommandLine::parse(arguments);
        QVERIFY(!options);
        QVERIFY2(options.error().contains(mentions), qPrintable(options.error()));
        QVERIFY(!options.error().contains(u'\n'));
    }

    void helpAndVersionNeedNoDisplay()
    {
        QVERIFY(CommandLine::asksOnlyForText({u"lectern"_s, u"--help"_s}));
        QVERIFY(CommandLine::asksOnlyForText({u"lectern"_s, u"-v"_s}));
        QVERIFY(!CommandLine::asksOnlyForText({u"lectern"_s, u"--demo"_s}));
        QVERIFY(!CommandLine::asksOnlyForText({u"lectern"_s, u"--"_s, u"--help"_s}));
        const auto help = CommandLine::parse({u"lectern"_s, u"--help"_s});
        QVERIFY(help);
        QCOMPARE(help->mode, LaunchOptions::Mode::ShowHelp);
        QVERIFY(help->helpText.contains(u"--talk"_s));
        QVERIFY(help->helpText.contains(u"--demo"_s));
        QVERIFY(help->helpText.contains(u"--db <path>"_s));
        QVERIFY(help->helpText.contains(u"--serve"_s));
        QVERIFY(help->helpText.contains(u"--listen <address:port>"_s));
    }

    void resetSettingsAloneOnlyResets()
    {
        const auto options = CommandLine::parse({u"lectern"_s, u"--reset-settings"_s});
        QVERIFY2(options, qPrintable(options ? QString() : options.error()));
        QCOMPARE(options->mode, LaunchOptions::Mode::ResetSettings);
        QVERIFY(options->resetSettings);
        QVERIFY(CommandLine::asksOnlyToResetSettings({u"lectern"_s, u"--reset-settings"_s}));
        QVERIFY(!CommandLine::asksOnlyForText({u"lectern"_s, u"--reset-settings"_s}));
        const auto help = CommandLine::parse({u"lectern"_s, u"--help"_s});
        QVERIFY(help && help->helpText.contains(u"--reset-settings"_s));
    }

    void resetSettingsWithADeckResetsThenPresents_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("deck") << QStringList{u"lectern"_s, u"--reset-settings"_s, u"talk.pdf"_s};
        QTest::newRow("demo, serving") << QStringList{u"lectern"_s, u"--demo"_s, u"--serve"_s, u"--reset-settings"_s};
    }

    void resetSettingsWithADeckResetsThenPresents()
    {
        QFETCH(QStringList, arguments);
        const auto options = CommandLine::parse(arguments);
        QVERIFY2(options, qPrintable(options ? QString() : options.error()));
        QCOMPARE(options->mode, LaunchOptions::Mode::Present);
        QVERIFY(options->resetSettings);
        QVERIFY(!CommandLine::asksOnlyToResetSettings(arguments));
        // Without the option, nothing is reset.
        arguments.removeAll(u"--reset-settings"_s);
        QVERIFY(!CommandLine::parse(arguments)->resetSettings);
    }

    void resetSettingsAloneRefusesOptionsForPresenting_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("--talk") << QStringList{u"--talk"_s, u"10m"_s};
        QTest::newRow("--serve") << QStringList{u"--serve"_s};
        QTest::newRow("--listen") << QStringList{u"--listen"_s, u"0.0.0.0:8080"_s};
        QTest::newRow("--db") << QStringList{u"--db"_s, u"x.sqlite"_s};
    }

    void resetSettingsAloneRefusesOptionsForPresenting()
    {
        QFETCH(QStringList, extra);
        const QStringList arguments = QStringList{u"lectern"_s, u"--reset-settings"_s} + extra;
        const auto options = CommandLine::parse(arguments);
        QVERIFY(!options);
        QVERIFY2(options.error().startsWith(extra.first()), qPrintable(options.error()));
        QVERIFY(!options.error().contains(u'\n'));
        // The error needs no display to be told.
        QVERIFY(CommandLine::asksOnlyToResetSettings(arguments));
    }

    void aLocalDisplayCountsWhenItsServerAcceptsConnections()
    {
        QVERIFY(!CommandLine::x11DisplayReachable(u":4098"_s));
        // An X server listens on /tmp/.X11-unix/XN, or on the same name in Linux's abstract namespace.
        QLocalServer fakeServer;
        fakeServer.setSocketOptions(QLocalServer::AbstractNamespaceOption);
        QVERIFY(fakeServer.listen(u"/tmp/.X11-unix/X4098"_s));
        QVERIFY(CommandLine::x11DisplayReachable(u":4098"_s));
        QVERIFY(CommandLine::x11DisplayReachable(u":4098.0"_s));
        QVERIFY(CommandLine::x11DisplayReachable(u"unix:4098"_s));
    }

    void noDisplayIsDetectedFromTheEnvironment()
    {
        const QByteArray display = qgetenv("DISPLAY");
        const QByteArray wayland = qgetenv("WAYLAND_DISPLAY");
        const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
        qunsetenv("DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
        qunsetenv("QT_QPA_PLATFORM");
        QVERIFY(!CommandLine::hasDisplay());
        QVERIFY(CommandLine::noDisplayMessage().contains(u"xvfb-run"_s));
        qputenv("DISPLAY", ":4097"); // no X server listens there
        QVERIFY(!CommandLine::hasDisplay());
        QVERIFY(CommandLine::x11DisplayReachable(u"remote.example:10.0"_s));
        QVERIFY(CommandLine::hasDisplay({u"lectern"_s, u"-platform"_s, u"offscreen"_s}));
        qputenv("QT_QPA_PLATFORM", "xcb"); // X11 chosen explicitly still needs the server
        QVERIFY(!CommandLine::hasDisplay());
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QVERIFY(CommandLine::hasDisplay());
        qputenv("DISPLAY", display);
        qputenv("WAYLAND_DISPLAY", wayland);
        qputenv("QT_QPA_PLATFORM", platform);
    }
};

QTEST_GUILESS_MAIN(TestLaunchOptions)
#include "tst_launchoptions.moc"
