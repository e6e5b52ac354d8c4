// The event editor (Ctrl+E): the plan's fields, adding, reordering and removing sessions, checking decks off the UI
// thread, the materials' links, and Save (LiveEvent::replacePlan and the event file); on the real widgets.

#include "event/liveevent.h"
#include "event/livequestions.h"
#include "eventeditor.h"
#include "keymap.h"
#include "model/eventfile.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "slides/slidedeck.h"
#include "uitestconsole.h"
#include "uitestevent.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using namespace Lectern;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/** Saves a picture of widget into $LECTERN_SCREENSHOT_DIR, when set, for people to look at. */
void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("LECTERN_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QCoreApplication::sendPostedEvents();
    QVERIFY(widget->grab().save(directory + u'/' + name));
}

QStringList titles(const Event &event)
{
    QStringList result;
    for (const Session &session : event.sessions)
        result.append(session.title);
    return result;
}

} // namespace

class TestEventEditor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void ctrlEOpensTheEditorWithThePlan();
    void addReorderRemoveAndSaveWriteTheEventFile();
    void theRecordMovesWithAReorderedSession();
    void aDeckThatDoesNotOpenIsNamedAndSaveIsRefused();
    void aSessionWithARecordCannotBeRemoved();
    void theSessionOnStageCannotBeRemoved();
    void materialsTakeOnlyWebLinks();
    void eventAndSessionFieldsAreSaved();
    void aPlainDeckIsSavedAsANewEventFile();
    void cancellingTheNewEventFileKeepsTheDialogOpen();
    void theSessionOnStageGoesOnWithItsNewDeck();

private:
    EventEditor *openEditor();
    void present(int sessionIndex);
    void saveAndClose(EventEditor *editor);
    Result<Event> readEventFile() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    Event m_plan;
    QString m_eventFile;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestEventEditor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const Result<> opened = m_core.open(LecternUiTest::ConsoleCore::Questions::With);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    m_core.event->setDatabase(m_core.database.get());
    const std::optional<Event> plan = LecternUiTest::evening(QDir(m_dir->path()));
    QVERIFY(plan);
    m_plan = *plan;
    m_eventFile = m_dir->filePath(u"evening.lectern.json"_s);
    m_core.event->setPlan(m_plan, m_eventFile);
    present(0);

    m_presentation = std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(),
                                                    m_core.server.get(), m_core.room.get());
    m_console = m_presentation->console();
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
}

void TestEventEditor::cleanup()
{
    m_tester.reset();
    m_console = nullptr;
    m_presentation.reset();
    m_core.close();
    m_dir.reset();
}

void TestEventEditor::present(int sessionIndex)
{
    auto deck = SlideDeck::open(m_plan.sessions.at(sessionIndex).deckPath);
    QVERIFY2(deck, qPrintable(deck ? QString() : deck.error().message));
    m_core.event->present(sessionIndex, *deck);
}

EventEditor *TestEventEditor::openEditor()
{
    QTest::keyClick(m_console, Qt::Key_E, Qt::ControlModifier);
    EventEditor *editor = m_console->eventEditor();
    if (!editor)
        return nullptr;
    m_tester = std::make_unique<QAbstractItemModelTester>(editor->sessionList()->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Every session's deck is checked when the editor opens.
    if (!QTest::qWaitFor([editor] { return !editor->isCheckingDecks(); }))
        return nullptr;
    return editor;
}

void TestEventEditor::saveAndClose(EventEditor *editor)
{
    QPointer<EventEditor> guard(editor);
    QTest::mouseClick(editor->findChild<QPushButton *>(u"eventEditorSave"_s), Qt::LeftButton);
    QVERIFY2(!guard || guard->errorText().isEmpty(), qPrintable(guard ? guard->errorText() : QString()));
    QTRY_VERIFY(!guard || !guard->isVisible());
    m_tester.reset();
}

Result<Event> TestEventEditor::readEventFile() const
{
    QFile file(m_eventFile);
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"cannot read "_s + m_eventFile);
    return EventFile::parse(file.readAll(), m_dir->path());
}

void TestEventEditor::ctrlEOpensTheEditorWithThePlan()
{
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->windowModality(), Qt::WindowModal);
    QCOMPARE(m_console->eventFilePath(), m_eventFile);
    QCOMPARE(editor->eventFilePath(), m_eventFile);
    QCOMPARE(editor->eventTitleEdit()->text(), u"Robust Python evening"_s);
    QCOMPARE(editor->venueEdit()->text(), u"Hackspace, room 2"_s);
    QVERIFY(!editor->dateSetBox()->isChecked());
    QVERIFY(!editor->dateEdit()->isEnabled());
    QCOMPARE(editor->sessionList()->count(), 3);
    QCOMPARE(editor->sessionList()->item(1)->text(), u"2. Typed settings in a Django monolith\nKenji Sato"_s);
    QCOMPARE(editor->currentSession(), 0);
    QCOMPARE(editor->titleEdit()->text(), u"Reproducible environments with uv and Nix"_s);
    QCOMPARE(editor->speakerEdit()->text(), u"Lena Fischer"_s);
    QCOMPARE(editor->talkMinutesBox()->value(), 15);
    QCOMPARE(editor->qaMinutesBox()->value(), 5);
    QCOMPARE(editor->deckMessage(), u"The deck opens. Slides: 4"_s);
    QVERIFY(editor->findChild<QLabel *>(u"sessionPolls"_s)->text().startsWith(u"Polls in the plan: 1, kept"_s));
    editor->selectSession(2);
    QVERIFY(editor->deckEdit()->text().isEmpty());
    QVERIFY(editor->deckMessage().isEmpty());
    editor->selectSession(1);
    QCOMPARE(editor->talkMinutesBox()->value(), 10);
    QCOMPARE(editor->deckMessage(), u"The deck opens. Slides: 3"_s);
    editor->selectSession(0);
    saveScreenshot(editor, u"event-editor.png"_s);

    // Ctrl+E again raises the same editor.
    QCOMPARE(m_console->openEventEditor(), editor);
}

void TestEventEditor::addReorderRemoveAndSaveWriteTheEventFile()
{
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    QTest::mouseClick(editor->findChild<QPushButton *>(u"sessionAdd"_s), Qt::LeftButton);
    QCOMPARE(editor->sessionCount(), 4);
    QCOMPARE(editor->currentSession(), 3);
    QTest::keyClicks(editor->titleEdit(), u"Closing words"_s);
    QTest::keyClicks(editor->speakerEdit(), u"The organizers"_s);
    QCOMPARE(editor->sessionList()->item(3)->text(), u"4. Closing words\nThe organizers"_s);

    QTest::mouseClick(editor->findChild<QPushButton *>(u"sessionUp"_s), Qt::LeftButton);
    QTest::mouseClick(editor->findChild<QPushButton *>(u"sessionUp"_s), Qt::LeftButton);
    QCOMPARE(editor->currentSession(), 1);
    QCOMPARE(editor->sessionList()->item(1)->text(), u"2. Closing words\nThe organizers"_s);
    QCOMPARE(editor->sessionList()->item(2)->text(), u"3. Typed settings in a Django monolith\nKenji Sato"_s);

    editor->selectSession(3);
    QTest::mouseClick(editor->findChild<QPushButton *>(u"sessionRemove"_s), Qt::LeftButton);
    QVERIFY2(editor->errorText().isEmpty(), qPrintable(editor->errorText()));
    QCOMPARE(editor->sessionCount(), 3);
    QCOMPARE(editor->previousIndexOf(), (QList<int>{0, -1, 1}));

    QSignalSpy saved(editor, &EventEditor::eventFileSaved);
    saveAndClose(editor);
    QCOMPARE(saved.size(), 1);
    const QStringList expected{u"Reproducible environments with uv and Nix"_s, u"Closing words"_s,
                               u"Typed settings in a Django monolith"_s};
    QCOMPARE(titles(m_core.event->plan()), expected);
    QCOMPARE(m_core.event->sessionIndex(), 0);

    const Result<Event> reread = readEventFile();
    QVERIFY2(reread, qPrintable(reread ? QString() : reread.error()));
    QCOMPARE(titles(*reread), expected);
    QCOMPARE(reread->sessions.at(1).speaker, u"The organizers"_s);
    QCOMPARE(reread->sessions.at(0).polls, QList<Poll>{LecternUiTest::usesUvPoll()});
    QCOMPARE(reread->sessions.at(2).deckPath, m_plan.sessions.at(1).deckPath);
    QCOMPARE(*reread, m_core.event->plan());
    // The decks beside the event file are written relative to it, so that they move together.
    QFile file(m_eventFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\"typed-settings.pdf\""));
    QVERIFY2(m_console->statusMessage().contains(u"Saved the event"_s), qPrintable(m_console->statusMessage()));
}

void TestEventEditor::theRecordMovesWithAReorderedSession()
{
    const Result<QString> device = m_core.room->admitDevice(QString());
    QVERIFY(device);
    QVERIFY(m_core.questions->ask(*device, u"Why uv and not pip?"_s));
    QVERIFY(m_core.event->recordedSummary(0).contains(u"questions: 1"_s));

    EventEditor *editor = openEditor();
    QVERIFY(editor);
    editor->moveSession(0, +1);
    QCOMPARE(editor->currentSession(), 1);
    QCOMPARE(editor->previousIndexOf(), (QList<int>{1, 0, 2}));
    saveAndClose(editor);

    QCOMPARE(m_core.event->plan().sessions.at(1).title, u"Reproducible environments with uv and Nix"_s);
    QCOMPARE(m_core.event->sessionIndex(), 1);
    QVERIFY2(m_core.event->recordedSummary(1).contains(u"questions: 1"_s),
             qPrintable(m_core.event->recordedSummary(1)));
    QVERIFY(m_core.event->recordedSummary(0).isEmpty());
}

void TestEventEditor::aDeckThatDoesNotOpenIsNamedAndSaveIsRefused()
{
    const QString broken = m_dir->filePath(u"broken.pdf"_s);
    QVERIFY(LecternUiTest::writeFile(broken, "%PDF-1.4 this is not really a PDF"));
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    editor->selectSession(1);
    QString chooserStartedAt;
    editor->setDeckChooser([&](QWidget *, const QString &current) {
        chooserStartedAt = current;
        return broken;
    });
    QSignalSpy checked(editor, &EventEditor::deckChecked);
    QTest::mouseClick(editor->findChild<QPushButton *>(u"sessionDeckChoose"_s), Qt::LeftButton);
    QCOMPARE(chooserStartedAt, m_plan.sessions.at(1).deckPath);
    QVERIFY(editor->isCheckingDecks());
    QVERIFY(checked.wait());
    QVERIFY2(editor->deckMessage().contains(u"broken.pdf"_s), qPrintable(editor->deckMessage()));
    QCOMPARE(editor->findChild<QLabel *>(u"sessionDeckMessage"_s)->property("deckState").toString(), u"fails"_s);

    // Save is refused from another session too: the one with the bad deck is shown with the reason.
    editor->selectSession(0);
    QTest::mouseClick(editor->findChild<QPushButton *>(u"eventEditorSave"_s), Qt::LeftButton);
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->currentSession(), 1);
    QVERIFY2(editor->errorText().startsWith(u"The deck of “Typed settings in a Django monolith” does not open: "_s),
             qPrintable(editor->errorText()));
    QCOMPARE(m_core.event->plan(), m_plan);
    QVERIFY(!QFile::exists(m_eventFile));
    saveScreenshot(editor, u"event-editor-bad-deck.png"_s);

    // A deck that opens makes it savable; nothing typed before was lost.
    const QString good = m_dir->filePath(u"good.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(good, 2));
    editor->setDeck(good);
    QVERIFY(checked.wait());
    QCOMPARE(editor->deckMessage(), u"The deck opens. Slides: 2"_s);
    saveAndClose(editor);
    QCOMPARE(m_core.event->plan().sessions.at(1).deckPath, good);
}

void TestEventEditor::aSessionWithARecordCannotBeRemoved()
{
    present(1);
    m_core.event->clock().start();
    m_core.clock->advance(1min);
    present(0);
    const QString summary = m_core.event->recordedSummary(1);
    QVERIFY(!summary.isEmpty());

    EventEditor *editor = openEditor();
    QVERIFY(editor);
    editor->selectSession(1);
    QTest::mouseClick(editor->findChild<QPushButton *>(u"sessionRemove"_s), Qt::LeftButton);
    QCOMPARE(editor->sessionCount(), 3);
    QCOMPARE(
        editor->errorText(),
        u"“Typed settings in a Django monolith” cannot be removed: %1 (kept in the event's record)."_s.arg(summary));

    // One without a record goes.
    QVERIFY(editor->removeSession(2));
    QCOMPARE(editor->sessionCount(), 2);
    QVERIFY(editor->errorText().isEmpty());
}

void TestEventEditor::theSessionOnStageCannotBeRemoved()
{
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    const Result<> removed = editor->removeSession(0);
    QVERIFY(!removed);
    QVERIFY2(removed.error().contains(u"is on stage"_s), qPrintable(removed.error()));
    QCOMPARE(editor->sessionCount(), 3);
    QVERIFY(editor->sessionList()->item(0)->font().bold());
}

void TestEventEditor::materialsTakeOnlyWebLinks()
{
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    QTableWidget *table = editor->materialsTable();
    QTest::mouseClick(editor->findChild<QPushButton *>(u"materialAdd"_s), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 1);
    table->item(0, 1)->setText(u"javascript:alert(1)"_s);
    QVERIFY2(editor->materialsMessage().contains(u"is not an http or https address"_s),
             qPrintable(editor->materialsMessage()));
    QTest::mouseClick(editor->findChild<QPushButton *>(u"eventEditorSave"_s), Qt::LeftButton);
    QVERIFY(editor->isVisible());
    QVERIFY2(editor->errorText().startsWith(u"Materials of “Reproducible environments with uv and Nix”: "_s),
             qPrintable(editor->errorText()));
    QVERIFY(m_core.event->plan().sessions.at(0).materials.isEmpty());
    saveScreenshot(editor, u"event-editor-bad-link.png"_s);

    table->item(0, 1)->setText(u"ftp://example.org/slides"_s);
    QVERIFY(!editor->materialsMessage().isEmpty());
    table->item(0, 1)->setText(u"https://example.org/slides"_s);
    QVERIFY(editor->materialsMessage().isEmpty());
    saveAndClose(editor);
    const QList<Material> expected{{u"Slides"_s, QUrl(u"https://example.org/slides"_s)}};
    QCOMPARE(m_core.event->plan().sessions.at(0).materials, expected);
    const Result<Event> reread = readEventFile();
    QVERIFY2(reread, qPrintable(reread ? QString() : reread.error()));
    QCOMPARE(reread->sessions.at(0).materials, expected);
}

void TestEventEditor::eventAndSessionFieldsAreSaved()
{
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    editor->eventTitleEdit()->setText(u"Robust Python evening #2"_s);
    editor->dateSetBox()->setChecked(true);
    QVERIFY(editor->dateEdit()->isEnabled());
    editor->dateEdit()->setDate(QDate(2026, 11, 26));
    editor->startSetBox()->setChecked(true);
    editor->startEdit()->setTime(QTime(19, 30));
    editor->venueEdit()->setText(u"Hackspace, room 3"_s);
    editor->selectSession(1);
    editor->talkMinutesBox()->setValue(20);
    editor->qaMinutesBox()->setValue(10);
    editor->deckDownloadBox()->setChecked(true);
    saveAndClose(editor);

    const Event &plan = m_core.event->plan();
    QCOMPARE(plan.title, u"Robust Python evening #2"_s);
    QCOMPARE(plan.date, QDate(2026, 11, 26));
    QCOMPARE(plan.startTime, std::optional<QTime>(QTime(19, 30)));
    QCOMPARE(plan.venue, u"Hackspace, room 3"_s);
    QCOMPARE(plan.sessions.at(1).timing.talkTime, std::chrono::seconds(20min));
    QCOMPARE(plan.sessions.at(1).timing.qaTime, std::chrono::seconds(10min));
    QVERIFY(plan.sessions.at(1).deckDownload);
    QVERIFY(!plan.sessions.at(0).deckDownload);
    QCOMPARE(plan.sessions.at(0).timing, m_plan.sessions.at(0).timing);
    const Result<Event> reread = readEventFile();
    QVERIFY2(reread, qPrintable(reread ? QString() : reread.error()));
    QCOMPARE(*reread, plan);
}

void TestEventEditor::aPlainDeckIsSavedAsANewEventFile()
{
    m_core.event->setPlan(m_plan, m_plan.sessions.at(0).deckPath);
    QVERIFY(m_console->eventFilePath().isEmpty());
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    QVERIFY(editor->eventFilePath().isEmpty());
    QString suggested;
    const QString chosen = m_dir->filePath(u"uv-and-nix.lectern.json"_s);
    editor->setEventFileChooser([&](QWidget *, const QString &suggestion) {
        suggested = suggestion;
        return chosen;
    });
    editor->venueEdit()->setText(u"Room 4"_s);
    saveAndClose(editor);
    QCOMPARE(suggested, EventFile::sidecarPath(m_plan.sessions.at(0).deckPath));
    QVERIFY(QFile::exists(chosen));
    QCOMPARE(m_console->eventFilePath(), chosen);
    m_eventFile = chosen;
    const Result<Event> reread = readEventFile();
    QVERIFY2(reread, qPrintable(reread ? QString() : reread.error()));
    QCOMPARE(reread->venue, u"Room 4"_s);

    // The next edit saves to the same file without asking.
    editor = openEditor();
    QVERIFY(editor);
    QCOMPARE(editor->eventFilePath(), chosen);
}

void TestEventEditor::cancellingTheNewEventFileKeepsTheDialogOpen()
{
    m_core.event->setPlan(m_plan, m_plan.sessions.at(0).deckPath);
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    editor->setEventFileChooser([](QWidget *, const QString &) { return QString(); });
    editor->venueEdit()->setText(u"Room 4"_s);
    QTest::mouseClick(editor->findChild<QPushButton *>(u"eventEditorSave"_s), Qt::LeftButton);
    QVERIFY(editor->isVisible());
    QVERIFY2(editor->errorText().contains(u"no event file was written"_s), qPrintable(editor->errorText()));
    // The plan is in use all the same; the dialog keeps what was typed for another try.
    QCOMPARE(m_core.event->plan().venue, u"Room 4"_s);
    QCOMPARE(editor->venueEdit()->text(), u"Room 4"_s);
    QCOMPARE(editor->previousIndexOf(), (QList<int>{0, 1, 2}));
}

void TestEventEditor::theSessionOnStageGoesOnWithItsNewDeck()
{
    const QString other = m_dir->filePath(u"uv-and-nix-v2.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(other, 5));
    EventEditor *editor = openEditor();
    QVERIFY(editor);
    QSignalSpy checked(editor, &EventEditor::deckChecked);
    editor->setDeck(other);
    QVERIFY(checked.wait());
    saveAndClose(editor);
    QTRY_COMPARE(m_core.event->deck()->path(), other);
    QCOMPARE(m_core.event->sessionIndex(), 0);
    QCOMPARE(m_console->findChild<QLabel *>(u"slideCounter"_s)->text(), u"1 / 5"_s);
}

QTEST_MAIN(TestEventEditor)
#include "tst_eventeditor.moc"
