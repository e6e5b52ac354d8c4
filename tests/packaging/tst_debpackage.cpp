// The Debian package as a speaker installs it: built by CPack from this build directory, installed (dpkg -i as root in
// CI, else unpacked into a throw-away root), run from the installed files on the demo event, and checked by lintian,
// appstreamcli and desktop-file-validate.
#include "packagetools.h"

#include "demo/demodeck.h"
#include "event/eventsetup.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "model/eventfile.h"
#include "slides/slidedeck.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "timer/clock.h"

#include <QDir>
#include <QFileInfo>
#include <QMultiHash>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Lectern;
using namespace LecternTest;
using namespace Qt::StringLiterals;

class TestDebPackage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_package; ///< the .deb cpack made
    QString m_root;    ///< where the package's files are: "/" after dpkg -i, else the throw-away root
    bool m_installedByDpkg = false;
    bool m_wasInstalledBefore = false;
    QStringList m_listing; ///< dpkg-deb -c, one line per member

    QString installed(const QString &path) const { return QDir(m_root).filePath(path.mid(1)); }

    /** The installed lectern, run headless: no display, English, its data below the test's directory. */
    ToolRun runLectern(const QStringList &arguments, const QString &locale = u"C.UTF-8"_s) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"DISPLAY"_s);
        environment.remove(u"WAYLAND_DISPLAY"_s);
        environment.remove(u"QT_QPA_PLATFORM"_s);
        environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        environment.insert(u"LC_ALL"_s, locale);
        environment.insert(u"LANGUAGE"_s, QString());
        return runTool(installed(u"/usr/bin/lectern"_s), arguments, 120000, environment);
    }

    static bool runsAsRootInCi() { return geteuid() == 0 && qEnvironmentVariable("CI") == u"true"_s; }

    /** The lines of the package's listing whose path is path (dpkg-deb -c: "./usr/bin/lectern"). */
    QString listed(const QString &path) const
    {
        for (const QString &line : m_listing) {
            if (line.endsWith(u" ."_s + path) || line.contains(u" ."_s + path + u" -> "_s))
                return line;
        }
        return QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const ToolRun architecture = runTool(u"dpkg"_s, {u"--print-architecture"_s});
        QVERIFY2(architecture.ok(), architecture.diagnostic().constData());
        const QString packageName =
            u"lectern_%1_%2.deb"_s.arg(QStringLiteral(LECTERN_VERSION), QString::fromUtf8(architecture.out.trimmed()));

        const QString output = m_dir.filePath(u"package"_s);
        const ToolRun cpack =
            runTool(QStringLiteral(LECTERN_CPACK),
                    {u"--config"_s, QStringLiteral(LECTERN_BUILD_DIR "/CPackConfig.cmake"), u"-B"_s, output}, 600000);
        QVERIFY2(cpack.ok(), cpack.diagnostic().constData());
        m_package = QDir(output).filePath(packageName);
        QVERIFY2(QFileInfo(m_package).isFile(),
                 qPrintable(m_package + u" is missing; cpack said:\n"_s + QString::fromUtf8(cpack.out)));

        const ToolRun contents = runTool(u"dpkg-deb"_s, {u"-c"_s, m_package});
        QVERIFY2(contents.ok(), contents.diagnostic().constData());
        m_listing = QString::fromUtf8(contents.out).split(u'\n', Qt::SkipEmptyParts);
        qInfo().noquote() << "dpkg-deb -c" << packageName << "\n" << m_listing.join(u'\n');

        if (runsAsRootInCi()) {
            // The test machine is the speaker's machine: dpkg itself checks that the dependencies are there.
            m_wasInstalledBefore = runTool(u"dpkg-query"_s, {u"-W"_s, u"-f"_s, u"${Status}"_s, u"lectern"_s})
                                       .out.contains("install ok installed");
            const ToolRun install = runTool(u"dpkg"_s, {u"-i"_s, m_package}, 300000);
            QVERIFY2(install.ok(), install.diagnostic().constData());
            m_installedByDpkg = true;
            m_root = u"/"_s;
        } else {
            m_root = m_dir.filePath(u"root"_s);
            const ToolRun unpack = runTool(u"dpkg-deb"_s, {u"-x"_s, m_package, m_root});
            QVERIFY2(unpack.ok(), unpack.diagnostic().constData());
        }
    }

    void cleanupTestCase()
    {
        if (m_installedByDpkg && !m_wasInstalledBefore)
            runTool(u"dpkg"_s, {u"-r"_s, u"lectern"_s}, 300000);
    }

    void packageHoldsTheBinaryAndTheDesktopIntegration_data()
    {
        QTest::addColumn<QString>("path");
        const QString id = QStringLiteral(LECTERN_APP_ID);
        QTest::newRow("binary") << u"/usr/bin/lectern"_s;
        QTest::newRow("desktop file") << u"/usr/share/applications/%1.desktop"_s.arg(id);
        QTest::newRow("metainfo") << u"/usr/share/metainfo/%1.metainfo.xml"_s.arg(id);
        QTest::newRow("icon") << u"/usr/share/icons/hicolor/scalable/apps/%1.svg"_s.arg(id);
        QTest::newRow("event file type") << u"/usr/share/mime/packages/lectern.xml"_s;
        QTest::newRow("man page") << u"/usr/share/man/man1/lectern.1.gz"_s;
        QTest::newRow("copyright") << u"/usr/share/doc/lectern/copyright"_s;
        QTest::newRow("changelog") << u"/usr/share/doc/lectern/changelog.gz"_s;
    }

    void packageHoldsTheBinaryAndTheDesktopIntegration()
    {
        QFETCH(QString, path);
        const QString line = listed(path);
        QVERIFY2(!line.isEmpty(), qPrintable(path + u" is not in the package"_s));
        QVERIFY2(line.contains(u" root/root "_s), qPrintable(line));
        const QString mode = line.section(u' ', 0, 0);
        QCOMPARE(mode, path == u"/usr/bin/lectern"_s ? u"-rwxr-xr-x"_s : u"-rw-r--r--"_s);
        QVERIFY(QFileInfo(installed(path)).isFile());
    }

    void everyDirectoryIsRootsAndReadable()
    {
        for (const QString &line : std::as_const(m_listing)) {
            QVERIFY2(line.contains(u" root/root "_s), qPrintable(line));
            if (line.startsWith(u'd'))
                QVERIFY2(line.startsWith(u"drwxr-xr-x "_s), qPrintable(line));
        }
    }

    void controlNamesTheLibrariesAndTheSqlitePlugin()
    {
        const ToolRun fields = runTool(u"dpkg-deb"_s, {u"-f"_s, m_package, u"Package"_s, u"Version"_s, u"Depends"_s});
        QVERIFY2(fields.ok(), fields.diagnostic().constData());
        const QString control = QString::fromUtf8(fields.out);
        QVERIFY2(control.contains(u"Package: lectern\n"_s), qPrintable(control));
        QVERIFY2(control.contains(u"Version: " LECTERN_VERSION "\n"_s), qPrintable(control));
        // From dpkg-shlibdeps (the libraries the binary links), and the Qt SQLite driver it loads at run time.
        for (const QString &library :
             {u"libc6 "_s, u"libqt6core6 "_s, u"libqt6widgets6 "_s, u"libpoppler-qt6-"_s, u"libqrencode"_s,
              u"libqpdf"_s, u"libqt6webenginewidgets6 "_s, u"libqt6httpserver6 "_s, u"libqt6sql6-sqlite"_s})
            QVERIFY2(control.contains(library), qPrintable(library + u" missing: "_s + control));
    }

    void everyDependencyIsInstalledHere()
    {
        // Each "name (op version)" of Depends (one of "a | b") is installed, or provided by an installed package, in a
        // version that satisfies it: on a Debian 12 with install-deps.sh, the package installs.
        static const QRegularExpression relation(u"^([a-z0-9.+-]+)(?::any)?(?:\\s*\\(([<>=]+)\\s*([^)]+)\\))?$"_s);
        // What this machine has: package name → its version; a virtual name → the versions its providers give it.
        QMultiHash<QString, QString> available;
        const ToolRun installedPackages =
            runTool(u"dpkg-query"_s, {u"-W"_s, u"-f"_s, u"${db:Status-Abbrev}|${Package}|${Version}|${Provides}\\n"_s});
        QVERIFY2(installedPackages.ok(), installedPackages.diagnostic().constData());
        const QStringList rows = QString::fromUtf8(installedPackages.out).split(u'\n', Qt::SkipEmptyParts);
        for (const QString &row : rows) {
            const QStringList fields = row.split(u'|');
            if (fields.size() != 4 || !fields.at(0).startsWith(u"ii"_s))
                continue;
            available.insert(fields.at(1), fields.at(2));
            for (const QString &provided : fields.at(3).split(u',', Qt::SkipEmptyParts)) {
                const QRegularExpressionMatch match = relation.match(provided.trimmed());
                if (match.hasMatch())
                    available.insert(match.captured(1), match.captured(3).trimmed()); // unversioned: ""
            }
        }
        QVERIFY(!available.isEmpty());

        const auto satisfies = [](const QString &version, const QString &operation, const QString &wanted) {
            if (operation.isEmpty())
                return true;
            if (version.isEmpty()) // an unversioned Provides satisfies no versioned dependency
                return false;
            const QString compare = operation == u">="_s   ? u"ge"_s
                                    : operation == u"<="_s ? u"le"_s
                                    : operation == u">>"_s ? u"gt"_s
                                    : operation == u"<<"_s ? u"lt"_s
                                                           : u"eq"_s;
            return runTool(u"dpkg"_s, {u"--compare-versions"_s, version, compare, wanted}).ok();
        };
        const QString depends =
            QString::fromUtf8(runTool(u"dpkg-deb"_s, {u"-f"_s, m_package, u"Depends"_s}).out).trimmed();
        QVERIFY(!depends.isEmpty());
        for (const QString &dependency : depends.split(u',')) {
            bool satisfied = false;
            QStringList tried;
            for (const QString &alternative : dependency.split(u'|')) {
                const QRegularExpressionMatch match = relation.match(alternative.trimmed());
                QVERIFY2(match.hasMatch(), qPrintable(alternative));
                const QStringList versions = available.values(match.captured(1));
                tried.append(alternative.trimmed() + u" (have: "_s + versions.join(u", "_s) + u')');
                for (const QString &version : versions)
                    satisfied = satisfied || satisfies(version, match.captured(2), match.captured(3).trimmed());
            }
            QVERIFY2(satisfied, qPrintable(tried.join(u" | "_s)));
        }
    }

    void installedBinaryIsStrippedAndKnowsItsVersion()
    {
        const ToolRun sections = runTool(u"readelf"_s, {u"-S"_s, u"-W"_s, installed(u"/usr/bin/lectern"_s)});
        QVERIFY2(sections.ok(), sections.diagnostic().constData());
        QVERIFY2(!sections.out.contains(".symtab"), "the installed binary is not stripped");
        QVERIFY(!sections.out.contains(".debug_info"));

        const ToolRun version = runLectern({u"--version"_s});
        QVERIFY2(version.ok(), version.diagnostic().constData());
        QCOMPARE(QString::fromUtf8(version.out).trimmed(), u"lectern " LECTERN_VERSION ""_s);
        const ToolRun help = runLectern({u"--help"_s});
        QVERIFY2(help.ok(), help.diagnostic().constData());
        QVERIFY(help.out.contains("--demo"));
    }

    void installedBinarySpeaksJapanese()
    {
        // The compiled translations are inside the binary (:/i18n): the help of the installed one comes in Japanese.
        const ToolRun help = runLectern({u"--help"_s}, u"ja_JP.UTF-8"_s);
        QVERIFY2(help.ok(), help.diagnostic().constData());
        static const QRegularExpression japanese(u"[\\x{3040}-\\x{30ff}\\x{4e00}-\\x{9fff}]"_s);
        QVERIFY2(QString::fromUtf8(help.out).contains(japanese), help.out.constData());
        QVERIFY(help.out.contains("--demo"));
    }

    void installedBinaryExportsTheDemoEvent()
    {
        // The demo event as `lectern --demo` writes it, presented with a vote, as the app records it.
        const Result<QString> eventFile = DemoDeck::write(m_dir.filePath(u"demo"_s));
        QVERIFY2(eventFile, qPrintable(eventFile ? QString() : eventFile.error()));
        qputenv("XDG_DATA_HOME", m_dir.filePath(u"data"_s).toUtf8());
        {
            SystemClock clock;
            Database database;
            QVERIFY(database.open(defaultDatabasePath(*eventFile)));
            LivePolls polls(database, clock);
            LiveEvent event(clock);
            event.setDatabase(&database);
            const Result<Event> plan = readEventFile(*eventFile);
            QVERIFY2(plan, qPrintable(plan ? QString() : plan.error()));
            event.setPlan(*plan, *eventFile);
            event.setPolls(&polls);
            const auto deck = SlideDeck::open(plan->sessions.first().deckPath);
            QVERIFY(deck.has_value());
            event.present(0, *deck);
            QVERIFY(polls.open(u"uses-uv"_s));
            DeviceStore devices(database);
            const QString device = devices.createDevice(clock.now()).value();
            QVERIFY(polls.castVote(device, u"uses-uv"_s, {u"yes"_s}, [](Result<QStringList>) {}));
            polls.flushVotes();
            QVERIFY(polls.close(u"uses-uv"_s));
            event.setPolls(nullptr);
        }

        const QString csvPath = m_dir.filePath(u"demo.csv"_s);
        const ToolRun csv = runLectern({u"export"_s, *eventFile, u"--format"_s, u"csv"_s, u"--output"_s, csvPath});
        QVERIFY2(csv.ok(), csv.diagnostic().constData());
        const QString table = QString::fromUtf8(fileBytes(csvPath));
        QVERIFY2(table.contains(u"Do you use uv?"_s), qPrintable(table.left(2000)));
        QVERIFY(table.contains(u"Reproducible environments with uv and Nix"_s));

        const QString pdfPath = m_dir.filePath(u"demo.pdf"_s);
        const ToolRun pdf = runLectern({u"export"_s, *eventFile, u"--format"_s, u"pdf"_s, u"--output"_s, pdfPath});
        QVERIFY2(pdf.ok(), pdf.diagnostic().constData());
        QVERIFY(fileBytes(pdfPath).startsWith("%PDF-"));
        const ToolRun text = runTool(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, pdfPath, u"-"_s});
        QVERIFY2(text.ok(), text.diagnostic().constData());
        QVERIFY2(text.out.contains("Robust Python evening"), text.out.left(2000).constData());
        QVERIFY(text.out.contains("Do you use uv?"));

        // A wrong command line is still exit code 2 from the installed binary.
        QCOMPARE(runLectern({u"export"_s, *eventFile, u"--output"_s, pdfPath}).exitCode, 2);
    }

    void manPageDocumentsEveryOptionOfTheHelp()
    {
        const ToolRun page = runTool(u"gzip"_s, {u"-dc"_s, installed(u"/usr/share/man/man1/lectern.1.gz"_s)});
        QVERIFY2(page.ok(), page.diagnostic().constData());
        // roff writes a hyphen of an option as "\-".
        const QString roff = QString::fromUtf8(page.out).replace(u"\\-"_s, u"-"_s);
        QVERIFY2(roff.startsWith(u".TH LECTERN 1 "_s), qPrintable(roff.left(200)));
        QVERIFY(roff.section(u'\n', 0, 0).contains(u"Lectern " LECTERN_VERSION ""_s));
        static const QRegularExpression option(u"(?:^|\\s)(--[a-z][a-z-]*)"_s, QRegularExpression::MultilineOption);
        for (const QStringList &command : {QStringList{u"--help"_s}, QStringList{u"export"_s, u"--help"_s}}) {
            const ToolRun help = runLectern(command);
            QVERIFY2(help.ok(), help.diagnostic().constData());
            int options = 0;
            for (auto it = option.globalMatch(QString::fromUtf8(help.out)); it.hasNext(); ++options) {
                const QString name = it.next().captured(1);
                QVERIFY2(roff.contains(name),
                         qPrintable(name + u" (from lectern "_s + command.join(u' ') + u") is not in the man page"_s));
            }
            QVERIFY(options >= 5);
        }
        QVERIFY(roff.contains(u".SH EXIT STATUS"_s));
    }

    void changelogAndMetainfoNameThisVersion()
    {
        const ToolRun changelog = runTool(u"gzip"_s, {u"-dc"_s, installed(u"/usr/share/doc/lectern/changelog.gz"_s)});
        QVERIFY2(changelog.ok(), changelog.diagnostic().constData());
        QVERIFY2(changelog.out.startsWith("lectern (" LECTERN_VERSION ") "), changelog.out.left(200).constData());
        const QByteArray metainfo = fileBytes(installed(u"/usr/share/metainfo/" LECTERN_APP_ID ".metainfo.xml"_s));
        QVERIFY2(metainfo.contains("<release version=\"" LECTERN_VERSION "\""), "metainfo: no release of this version");
        QVERIFY(metainfo.contains("<id>" LECTERN_APP_ID "</id>"));
    }

    void desktopFileAndMetainfoValidate()
    {
        const ToolRun desktop =
            runTool(u"desktop-file-validate"_s, {installed(u"/usr/share/applications/" LECTERN_APP_ID ".desktop"_s)});
        QVERIFY2(desktop.ok() && desktop.out.trimmed().isEmpty(), desktop.diagnostic().constData());

        // --no-net: the test machine may have no network; nothing in the metainfo needs it.
        const ToolRun appstream =
            runTool(u"appstreamcli"_s, {u"validate"_s, u"--no-net"_s, u"--explain"_s,
                                        installed(u"/usr/share/metainfo/" LECTERN_APP_ID ".metainfo.xml"_s)});
        qInfo().noquote() << "appstreamcli validate:" << appstream.out.trimmed();
        QVERIFY2(appstream.ok(), appstream.diagnostic().constData());
        QVERIFY2(!appstream.out.contains("\nW: ") && !appstream.out.startsWith("W: "), appstream.out.constData());
    }

    void lintianFindsNoErrors()
    {
        const ToolRun lintian =
            runTool(u"lintian"_s, {u"--display-info"_s, u"--tag-display-limit"_s, u"0"_s, m_package}, 600000);
        QVERIFY2(lintian.exitCode >= 0, lintian.diagnostic().constData());
        qInfo().noquote() << "lintian:" << (lintian.out.trimmed().isEmpty() ? "(no tags)"_ba : lintian.out.trimmed());
        QStringList errors;
        const QStringList lines = QString::fromUtf8(lintian.out).split(u'\n');
        for (const QString &line : lines) {
            if (line.startsWith(u"E: "_s))
                errors.append(line);
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QVERIFY2(lintian.ok(), lintian.diagnostic().constData());
    }
};

QTEST_MAIN(TestDebPackage)
#include "tst_debpackage.moc"
