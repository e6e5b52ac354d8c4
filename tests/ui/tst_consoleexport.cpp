// The console's Export menu: the save dialog (injected), the export rendered and written off the UI thread from the
// event's database file, and the message that says where it went or why it did not.

#include "event/audienceroom.h"
#include "event/liveevent.h"
#include "event/livequestions.h"
#include "exportrunner.h"
#include "keymap.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "slides/slidedeck.h"
#include "uitestconsole.h"
#include "uitestevent.h"

#include <QAction>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

class TestConsoleExport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void csvExportWritesTheFileOffTheUiThread();
    void leaveNamesOutKeepsTheAskersNamesOutOfTheExport();
    void handoutOfThisSessionIsNamedAfterTheSession();
    void aFileThatCannotBeWrittenShowsTheErrorInTheBanner();
    void cancellingTheDialogExportsNothing();
    void withoutADatabaseTheExportSaysWhy();

private:
    /** Triggers the export action and waits for the file; the chooser answers path. */
    QByteArray exportTo(const QString &actionName, const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    QString m_databasePath;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
    QStringList m_suggested;
};

void TestConsoleExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_databasePath = m_dir->filePath(u"evening.sqlite"_s);
    const Result<> opened = m_core.open(LecternUiTest::ConsoleCore::Questions::With, m_databasePath);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    m_core.event->setDatabase(m_core.database.get());
    const std::optional<Event> plan = LecternUiTest::evening(QDir(m_dir->path()));
    QVERIFY(plan);
    m_core.event->setPlan(*plan, m_dir->filePath(u"evening.lectern.json"_s));
    auto deck = SlideDeck::open(plan->sessions.at(0).deckPath);
    QVERIFY2(deck, qPrintable(deck ? QString() : deck.error().message));
    m_core.event->present(0, *deck);

    m_presentation = std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(),
                                                    m_core.server.get(), m_core.room.get());
    m_console = m_presentation->console();
    m_presentation->setDatabasePath(m_databasePath);
    m_suggested.clear();
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
}

void TestConsoleExport::cleanup()
{
    m_console = nullptr;
    m_presentation.reset();
    m_core.close();
    m_dir.reset();
}

QByteArray TestConsoleExport::exportTo(const QString &actionName, const QString &path)
{
    m_console->exportRunner()->setPathChooser([this, path](QWidget *, ExportFormat, const QString &suggested) {
        m_suggested.append(suggested);
        return path;
    });
    QSignalSpy exported(m_console->exportRunner(), &ExportRunner::exported);
    auto *action = m_console->findChild<QAction *>(actionName);
    if (!action)
        return {};
    action->trigger();
    // Nothing was written yet: the export runs on a worker while the console goes on.
    if (m_console->exportRunner()->runningCount() != 1 || !exported.wait(60000))
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void TestConsoleExport::csvExportWritesTheFileOffTheUiThread()
{
    const QString path = m_dir->filePath(u"results.csv"_s);
    const QByteArray csv = exportTo(u"exportCsvAction"_s, path);
    QVERIFY2(csv.contains("Do you use uv?"), csv.constData());
    QVERIFY(csv.startsWith("\xEF\xBB\xBFrecord,session,")); // with the UTF-8 byte order mark for spreadsheets
    QCOMPARE(m_suggested, QStringList{m_dir->filePath(u"robust-python-evening-results.csv"_s)});
    QCOMPARE(m_console->statusMessage(), u"Exported the CSV to %1"_s.arg(QDir::toNativeSeparators(path)));
    QCOMPARE(m_console->exportRunner()->runningCount(), 0);
    QVERIFY(m_console->bannerText().isEmpty());
}

void TestConsoleExport::leaveNamesOutKeepsTheAskersNamesOutOfTheExport()
{
    const Result<QString> device = m_core.room->admitDevice(QString());
    QVERIFY(device);
    QVERIFY(m_core.questions->ask(*device, u"Why uv and not pip?"_s, u"Aiko"_s));

    const QByteArray named = exportTo(u"exportCsvAction"_s, m_dir->filePath(u"named.csv"_s));
    QVERIFY(named.contains("Why uv and not pip?"));
    QVERIFY(named.contains("Aiko"));

    m_console->leaveNamesOutAction()->setChecked(true);
    const QByteArray anonymous = exportTo(u"exportCsvAction"_s, m_dir->filePath(u"anonymous.csv"_s));
    QVERIFY(anonymous.contains("Why uv and not pip?"));
    QVERIFY2(!anonymous.contains("Aiko"), anonymous.constData());
}

void TestConsoleExport::handoutOfThisSessionIsNamedAfterTheSession()
{
    const QString path = m_dir->filePath(u"handout.pdf"_s);
    const QByteArray pdf = exportTo(u"exportSessionHandoutAction"_s, path);
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(m_suggested, QStringList{m_dir->filePath(u"robust-python-evening-handout-session-1.pdf"_s)});
    QCOMPARE(m_console->statusMessage(), u"Exported the handout to %1"_s.arg(QDir::toNativeSeparators(path)));
}

void TestConsoleExport::aFileThatCannotBeWrittenShowsTheErrorInTheBanner()
{
    const QString path = m_dir->filePath(u"no-such-folder/results.json"_s);
    m_console->exportRunner()->setPathChooser([path](QWidget *, ExportFormat, const QString &) { return path; });
    QSignalSpy failed(m_console->exportRunner(), &ExportRunner::exportFailed);
    m_console->findChild<QAction *>(u"exportJsonAction"_s)->trigger();
    QVERIFY(failed.wait(60000));
    const QString banner = m_console->bannerText();
    QVERIFY2(banner.startsWith(u"The JSON was not exported: "_s), qPrintable(banner));
    QVERIFY2(banner.contains(u"no-such-folder"_s), qPrintable(banner));
    QVERIFY(!QFile::exists(path));
}

void TestConsoleExport::cancellingTheDialogExportsNothing()
{
    int asked = 0;
    m_console->exportRunner()->setPathChooser([&asked](QWidget *, ExportFormat, const QString &) {
        ++asked;
        return QString();
    });
    m_console->findChild<QAction *>(u"exportPdfAction"_s)->trigger();
    QCOMPARE(asked, 1);
    QCOMPARE(m_console->exportRunner()->runningCount(), 0);
    QVERIFY(m_console->statusMessage().isEmpty());
    QVERIFY(m_console->bannerText().isEmpty());
}

void TestConsoleExport::withoutADatabaseTheExportSaysWhy()
{
    m_console->setDatabasePath(QString());
    int asked = 0;
    m_console->exportRunner()->setPathChooser([&asked](QWidget *, ExportFormat, const QString &) {
        ++asked;
        return u"/tmp/never.csv"_s;
    });
    m_console->findChild<QAction *>(u"exportCsvAction"_s)->trigger();
    QCOMPARE(asked, 0);
    QCOMPARE(m_console->bannerText(), u"The CSV cannot be exported: this Lectern keeps no event database."_s);
}

QTEST_MAIN(TestConsoleExport)
#include "tst_consoleexport.moc"
