// The command-line contract of the real `lectern` binary: exit codes and one line on stderr.
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLecternBinary : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QStringList &arguments, const QProcessEnvironment &environment)
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(LECTERN_BINARY), arguments);
        Run result;
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
        result.err = QString::fromLocal8Bit(process.readAllStandardError());
        return result;
    }

    static QProcessEnvironment withoutDisplay()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"DISPLAY"_s);
        environment.remove(u"WAYLAND_DISPLAY"_s);
        environment.remove(u"QT_QPA_PLATFORM"_s);
        environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        environment.insert(u"LANGUAGE"_s, QString());
        return environment;
    }

    static QProcessEnvironment offscreen()
    {
        QProcessEnvironment environment = withoutDisplay();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        return environment;
    }

    /** The stderr lines Lectern itself wrote (Qt's own category logging is not part of the contract). */
    static QStringList ownLines(const QString &err)
    {
        QStringList lines;
        const QStringList all = err.split(u'\n', Qt::SkipEmptyParts);
        for (const QString &line : all) {
            if (line.startsWith(u"lectern: "_s))
                lines.append(line);
        }
        return lines;
    }

private slots:
    void versionAndHelpNeedNoDisplay()
    {
        const Run version = run({u"--version"_s}, withoutDisplay());
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith(u"lectern "_s), qPrintable(version.out));
        const Run help = run({u"--help"_s}, withoutDisplay());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(u"--demo"_s));
    }

    void noDisplaySaysHowToRunUnderXvfbInsteadOfCrashing()
    {
        const Run demo = run({u"--demo"_s}, withoutDisplay());
        QCOMPARE(demo.exitCode, 3);
        QVERIFY2(demo.err.contains(u"xvfb-run"_s), qPrintable(demo.err));

        QProcessEnvironment unreachable = withoutDisplay();
        unreachable.insert(u"DISPLAY"_s, u":4099"_s);
        const Run dead = run({u"--demo"_s}, unreachable);
        QCOMPARE(dead.exitCode, 3);
        QVERIFY(dead.err.contains(u"xvfb-run"_s));
    }

    void aBrokenDeckIsOneLineOnStderrAndExitCodeTwo_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty file") << QByteArray() << u"empty"_s;
        QTest::newRow("not a PDF") << QByteArray("Agenda: uv, Nix, jaxtyping\n") << u"not a PDF"_s;
        QTest::newRow("truncated") << QByteArray("%PDF-1.7\n1 0 obj\n<< /Type /Catalog") << u"truncated"_s;
    }

    void aBrokenDeckIsOneLineOnStderrAndExitCodeTwo()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"talk.pdf"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        const Run broken = run({path}, offscreen());
        QCOMPARE(broken.exitCode, 2);
        const QStringList lines = ownLines(broken.err);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(path), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(reason), qPrintable(lines.first()));
    }

    void aBadEventFileIsOneLineOnStderrAndExitCodeTwo_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no sessions") << QByteArray(R"({"lecternEventFormat": 1, "title": "Empty"})")
                                     << u"no sessions"_s;
        QTest::newRow("broken JSON") << QByteArray(R"({"lecternEventFormat": 1, "sessions": [)") << u"JSON"_s;
        QTest::newRow("unknown deck")
            << QByteArray(R"({"lecternEventFormat": 1, "sessions": [{"title": "A", "deck": "missing.pdf"}]})")
            << u"missing.pdf"_s;
        QTest::newRow("wrong type") << QByteArray(R"({"lecternEventFormat": 1, "sessions": [{"talkMinutes": "x"}]})")
                                    << u"talkMinutes"_s;
    }

    void aBadEventFileIsOneLineOnStderrAndExitCodeTwo()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"evening.lectern.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        QProcessEnvironment environment = offscreen();
        environment.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
        const Run broken = run({path}, environment);
        QCOMPARE(broken.exitCode, 2);
        const QStringList lines = ownLines(broken.err);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(path), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(reason), qPrintable(lines.first()));
    }

    void aMissingDeckAndABadOptionAreErrors()
    {
        const Run missing = run({u"/nonexistent/talk.pdf"_s}, offscreen());
        QCOMPARE(missing.exitCode, 2);
        QCOMPARE(ownLines(missing.err).size(), 1);
        QVERIFY(missing.err.contains(u"does not exist"_s));

        const Run badTime = run({u"--demo"_s, u"--talk"_s, u"soon"_s}, offscreen());
        QCOMPARE(badTime.exitCode, 2);
        QVERIFY(badTime.err.contains(u"soon"_s));
    }

    void qtsOwnOptionsAreAccepted()
    {
        // -platform is QApplication's: it must not be refused as an unknown option; --version then exits.
        const Run withPlatform = run({u"-platform"_s, u"offscreen"_s, u"/nonexistent/talk.pdf"_s}, withoutDisplay());
        QCOMPARE(withPlatform.exitCode, 2);
        QVERIFY2(withPlatform.err.contains(u"does not exist"_s), qPrintable(withPlatform.err));
    }
};

QTEST_GUILESS_MAIN(TestLecternBinary)
#include "tst_lecternbinary.moc"
