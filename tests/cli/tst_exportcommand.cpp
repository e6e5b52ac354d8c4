// `lectern export`: the real binary, headless, on an event recorded by the core as the app records it.
#include "event/eventsetup.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "model/eventfile.h"
#include "slides/slidedeck.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "timer/clock.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

class TestExportCommand : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString err;
    };

    QTemporaryDir m_dir;
    QString m_eventFile;
    QString m_database;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"DISPLAY"_s);
        environment.remove(u"WAYLAND_DISPLAY"_s);
        environment.remove(u"QT_QPA_PLATFORM"_s);
        environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        environment.insert(u"XDG_RUNTIME_DIR"_s, m_dir.filePath(u"runtime"_s)); // else Qt warns on stderr
        environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        environment.insert(u"LANGUAGE"_s, QString());
        return environment;
    }

    Run run(const QStringList &arguments) const
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(LECTERN_BINARY), QStringList{u"export"_s} + arguments);
        Run result;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        return result;
    }

    QByteArray readFile(const QString &path) const
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static QString pdfText(const QString &path)
    {
        QProcess pdftotext;
        pdftotext.start(u"pdftotext"_s, {u"-enc"_s, u"UTF-8"_s, path, u"-"_s});
        pdftotext.waitForFinished(30000);
        // CJK fonts map some ideographs to compatibility code points: compare in NFKC.
        return QString::fromUtf8(pdftotext.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkdir(u"runtime"_s));
        QVERIFY(QFile::setPermissions(m_dir.filePath(u"runtime"_s),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const QString deckPath = m_dir.filePath(u"talk.pdf"_s);
        {
            QPdfWriter writer(deckPath);
            writer.setPageSize(QPageSize(QSizeF(160, 90), QPageSize::Millimeter));
            QPainter painter(&writer);
            for (int i = 0; i < 3; ++i) {
                if (i > 0)
                    writer.newPage();
                painter.drawText(QPointF(200, 400), u"slide %1"_s.arg(i + 1));
            }
        }
        Poll poll;
        poll.id = u"uses-uv"_s;
        poll.question = u"Do you use uv?"_s;
        poll.kind = Poll::Kind::SingleChoice;
        poll.options = {PollOption{u"yes"_s, u"Yes"_s}, PollOption{u"no"_s, u"No"_s}};
        poll.slideLabel = u"2"_s;
        Session session;
        session.title = u"Reproducible environments"_s;
        session.speaker = u"Lena Fischer"_s;
        session.deckPath = deckPath;
        session.polls = {poll};
        Event plan;
        plan.title = u"Robust Python evening"_s;
        plan.sessions = {session};
        m_eventFile = m_dir.filePath(u"evening.lectern.json"_s);
        QFile file(m_eventFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(EventFile::serialize(plan, m_dir.path()));
        file.close();

        // The record, made as the app makes it, in the database the app would use for this event file.
        qputenv("XDG_DATA_HOME", m_dir.filePath(u"data"_s).toUtf8());
        m_database = defaultDatabasePath(m_eventFile);
        SystemClock clock;
        Database database;
        QVERIFY(database.open(m_database));
        LivePolls polls(database, clock);
        LiveQuestions questions(database, clock);
        LiveEvent event(clock);
        event.setDatabase(&database);
        event.setPlan(readEventFile(m_eventFile).value(), m_eventFile);
        event.setPolls(&polls);
        event.setQuestions(&questions);
        event.present(0, SlideDeck::open(deckPath).value());
        DeviceStore devices(database);
        QVERIFY(polls.open(u"uses-uv"_s));
        for (int i = 0; i < 3; ++i) {
            const QString device = devices.createDevice(clock.now()).value();
            QVERIFY(polls.castVote(device, u"uses-uv"_s, {i < 2 ? u"yes"_s : u"no"_s}, [](Result<QStringList>) {}));
            if (i == 0)
                QVERIFY(questions.ask(device, u"uv と Nix は併用できますか？"_s, u"Aiko"_s));
        }
        polls.flushVotes();
        QVERIFY(polls.close(u"uses-uv"_s));
        event.setPolls(nullptr);
        event.setQuestions(nullptr);
    }

    void csvFromTheEventFileHasTheCountsAndTheQuestions()
    {
        const QString output = m_dir.filePath(u"results.csv"_s);
        const Run result = run({m_eventFile, u"--format"_s, u"csv"_s, u"--output"_s, output});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        const QString csv = QString::fromUtf8(readFile(output));
        QVERIFY2(csv.contains(u"Do you use uv?"_s), qPrintable(csv));
        QVERIFY(csv.contains(u"uv と Nix は併用できますか？"_s));
        QVERIFY(csv.contains(u"Aiko"_s));
    }

    void withoutNamesLeavesTheAskersOut()
    {
        const QString output = m_dir.filePath(u"anonymous.csv"_s);
        QCOMPARE(run({m_database, u"--format"_s, u"csv"_s, u"--output"_s, output, u"--without-names"_s}).exitCode, 0);
        const QString csv = QString::fromUtf8(readFile(output));
        QVERIFY(csv.contains(u"uv と Nix は併用できますか？"_s));
        QVERIFY(!csv.contains(u"Aiko"_s));
    }

    void jsonFromTheDatabaseIsTheVersionedSchema()
    {
        const QString output = m_dir.filePath(u"results.json"_s);
        QCOMPARE(run({m_database, u"--format"_s, u"json"_s, u"--output"_s, output}).exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(readFile(output)).object();
        QCOMPARE(root.value(u"lecternExportFormat"_s).toInt(), 1);
        QVERIFY(!readFile(output).contains("device"));
    }

    void theReportAndTheHandoutArePdfs()
    {
        const QString report = m_dir.filePath(u"report.pdf"_s);
        QCOMPARE(run({m_eventFile, u"--format"_s, u"pdf"_s, u"--output"_s, report}).exitCode, 0);
        const QString text = pdfText(report);
        QVERIFY2(text.contains(u"Do you use uv?"_s), qPrintable(text));
        QVERIFY2(text.contains(u"uv と Nix は併用できますか"_s.normalized(QString::NormalizationForm_KC)),
                 qPrintable(text));

        const QString handout = m_dir.filePath(u"handout.pdf"_s);
        QCOMPARE(run({m_eventFile, u"--format"_s, u"handout"_s, u"--output"_s, handout}).exitCode, 0);
        const auto deck = SlideDeck::open(handout);
        QVERIFY(deck);
        QCOMPARE((*deck)->pageCount(), 4); // three slides and the poll's results after slide 2
        QVERIFY(pdfText(handout).contains(u"Do you use uv?"_s));
    }

    void errorsAreOneLineWithExitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no format") << QStringList{u"EVENT"_s, u"--output"_s, u"x.csv"_s} << 2 << u"--format"_s;
        QTest::newRow("unknown format") << QStringList{u"EVENT"_s, u"--format"_s, u"xls"_s, u"--output"_s, u"x"_s} << 2
                                        << u"xls"_s;
        QTest::newRow("no output") << QStringList{u"EVENT"_s, u"--format"_s, u"csv"_s} << 2 << u"--output"_s;
        QTest::newRow("no such event") << QStringList{u"missing.lectern.json"_s, u"--format"_s, u"csv"_s, u"--output"_s,
                                                      u"x.csv"_s}
                                       << 1 << u"no such file"_s;
        QTest::newRow("never presented") << QStringList{u"DECK"_s, u"--format"_s, u"csv"_s, u"--output"_s, u"x.csv"_s}
                                         << 1 << u"no record yet"_s;
        QTest::newRow("session out of range")
            << QStringList{u"EVENT"_s, u"--format"_s, u"csv"_s, u"--output"_s, u"x.csv"_s, u"--session"_s, u"7"_s} << 1
            << u"7"_s;
        QTest::newRow("unwritable output")
            << QStringList{u"EVENT"_s, u"--format"_s, u"csv"_s, u"--output"_s, u"/nonexistent/dir/x.csv"_s} << 1
            << u"/nonexistent/dir/x.csv"_s;
    }
    void errorsAreOneLineWithExitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        arguments.replaceInStrings(u"EVENT"_s, m_eventFile);
        arguments.replaceInStrings(u"DECK"_s, m_dir.filePath(u"talk.pdf"_s));
        for (QString &argument : arguments) {
            if (argument == u"missing.lectern.json"_s || argument == u"x.csv"_s || argument == u"x"_s)
                argument = m_dir.filePath(argument);
        }
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.startsWith(u"lectern: "_s) && !result.err.contains(u'\n') && result.err.contains(message),
                 qPrintable(result.err));
        QVERIFY(!QFile::exists(m_dir.filePath(u"x.csv"_s)));
    }
};

QTEST_MAIN(TestExportCommand)
#include "tst_exportcommand.moc"
