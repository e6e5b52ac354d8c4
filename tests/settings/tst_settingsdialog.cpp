// The settings dialog on the offscreen platform: the file's values shown, keys captured, conflicts refused, OK
// writes and Cancel does not; and the console opens it (Ctrl+,).
#include "event/liveevent.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "settingsdialog.h"
#include "slides/rendercache.h"
#include "slides/slidedeck.h"
#include "timer/clock.h"
#include "uitestdeck.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void theDialogShowsTheFilesValues();
    void valuesThatDoNotReadAreNamed();
    void aCapturedKeyIsAddedToTheSelectedAction();
    void aKeyOfAnotherActionIsRefusedWithAMessage();
    void keysCanBeRemovedAndTheirDefaultsRestored();
    void okWritesTheSettings();
    void aKeyPressedJustBeforeOkCounts();
    void cancelWritesNothing();
    void restoreDefaultsPutsEveryFieldBack();
    void aScreenNotConnectedStaysChosen();
    void everyControlHasAnAccessibleName();
    void theContentFitsTheDialog();
    void theConsoleOpensItWithCtrlComma();

private:
    std::unique_ptr<SettingsDialog> openDialog(const QStringList &screens = {u"laptop"_s, u"HDMI-1"_s});
    bool writeSettingsFile(const QByteArray &text);
    QByteArray settingsFile() const;
    void capture(SettingsDialog &dialog, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
};

void TestSettingsDialog::initTestCase()
{
    // The console's dialog uses QSettings(): keep it out of the real configuration.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LecternTest"_s);
    QCoreApplication::setApplicationName(u"tst_settingsdialog"_s);
}

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"lectern.conf"_s), QSettings::IniFormat);
}

void TestSettingsDialog::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

std::unique_ptr<SettingsDialog> TestSettingsDialog::openDialog(const QStringList &screens)
{
    auto dialog = std::make_unique<SettingsDialog>(screens, m_settings.get());
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    return dialog;
}

bool TestSettingsDialog::writeSettingsFile(const QByteArray &text)
{
    m_settings.reset();
    const QString path = m_dir->filePath(u"lectern.conf"_s);
    const bool written = LecternUiTest::writeFile(path, text);
    m_settings = std::make_unique<QSettings>(path, QSettings::IniFormat);
    return written;
}

QByteArray TestSettingsDialog::settingsFile() const
{
    QFile file(m_dir->filePath(u"lectern.conf"_s));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestSettingsDialog::capture(SettingsDialog &dialog, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    auto *edit = dialog.findChild<QKeySequenceEdit *>(u"keyCapture"_s);
    QVERIFY(edit);
    QSignalSpy finished(edit, &QKeySequenceEdit::editingFinished);
    QTest::keyClick(edit, key, modifiers);
    // QKeySequenceEdit finishes a second after the last key.
    QVERIFY(finished.wait(5000));
}

void TestSettingsDialog::theDialogShowsTheFilesValues()
{
    QVERIFY(writeSettingsFile("[timing]\ntalkMinutes=25\nqaMinutes=10\nwarningMinutes=4\n[audience]\nport=9090\n"
                              "[interface]\nlanguage=ja\nprojectorScreen=HDMI-1\n[keys]\nreload=F9\n"));
    const auto dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QSpinBox *>(u"talkMinutes"_s)->value(), 25);
    QCOMPARE(dialog->findChild<QSpinBox *>(u"qaMinutes"_s)->value(), 10);
    QCOMPARE(dialog->findChild<QSpinBox *>(u"warningMinutes"_s)->value(), 4);
    QCOMPARE(dialog->findChild<QSpinBox *>(u"audiencePort"_s)->value(), 9090);
    QCOMPARE(dialog->findChild<QComboBox *>(u"language"_s)->currentData().toInt(),
             int(Preferences::Language::Japanese));
    QCOMPARE(dialog->findChild<QComboBox *>(u"projectorScreen"_s)->currentText(), u"HDMI-1"_s);
    QVERIFY(dialog->keyMap().actionFor(QKeySequence(Qt::Key_F9)) == KeyAction::Reload);
    QVERIFY(dialog->message().isEmpty());
    // Nothing was changed: the dialog's preferences are the file's.
    QCOMPARE(dialog->preferences(), Preferences::load(*m_settings).preferences);
}

void TestSettingsDialog::valuesThatDoNotReadAreNamed()
{
    QVERIFY(writeSettingsFile("[timing]\ntalkMinutes=lots\nqaMinutes=8\n[keys]\nnext=B\n"));
    const auto dialog = openDialog();
    QVERIFY(dialog);
    const QString message = dialog->message();
    QVERIFY2(message.contains(u"timing/talkMinutes = \"lots\""_s), qPrintable(message));
    QVERIFY2(message.contains(u"keys/next"_s), qPrintable(message));
    QVERIFY(dialog->findChild<QLabel *>(u"settingsMessage"_s)->isVisible());
    QCOMPARE(dialog->findChild<QSpinBox *>(u"talkMinutes"_s)->value(), 15); // the default shown
    QCOMPARE(dialog->findChild<QSpinBox *>(u"qaMinutes"_s)->value(), 8);    // the good value kept
    QCOMPARE(dialog->keyMap().keysFor(KeyAction::Next), KeyMap::defaults().keysFor(KeyAction::Next));
}

void TestSettingsDialog::aCapturedKeyIsAddedToTheSelectedAction()
{
    const auto dialog = openDialog();
    QVERIFY(dialog);
    dialog->findChild<QTabWidget *>(u"settingsTabs"_s)->setCurrentIndex(2);
    dialog->selectAction(KeyAction::Next);
    capture(*dialog, Qt::Key_K);
    QVERIFY(dialog->keyMap().actionFor(QKeySequence(Qt::Key_K)) == KeyAction::Next);
    QVERIFY(dialog->keyMap().actionFor(QKeySequence(Qt::Key_Right)) == KeyAction::Next); // added, not replaced
    // Shift does not count (the console ignores it): Shift+Ctrl+J is kept as Ctrl+J.
    capture(*dialog, Qt::Key_J, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(dialog->keyMap().actionFor(QKeySequence(Qt::CTRL | Qt::Key_J)) == KeyAction::Next);
    const QTreeWidgetItem *row = dialog->findChild<QTreeWidget *>(u"keyTable"_s)->currentItem();
    QVERIFY(row->text(1).contains(QKeySequence(Qt::Key_K).toString(QKeySequence::NativeText)));
    auto *keys = dialog->findChild<QListWidget *>(u"selectedKeys"_s);
    QCOMPARE(keys->count(), KeyMap::defaults().keysFor(KeyAction::Next).size() + 2);
    QVERIFY(dialog->message().isEmpty());
    QVERIFY(dialog->findChild<QKeySequenceEdit *>(u"keyCapture"_s)->keySequence().isEmpty());
}

void TestSettingsDialog::aKeyOfAnotherActionIsRefusedWithAMessage()
{
    const auto dialog = openDialog();
    QVERIFY(dialog);
    dialog->selectAction(KeyAction::Next);
    capture(*dialog, Qt::Key_B);
    QVERIFY(dialog->keyMap().actionFor(QKeySequence(Qt::Key_B)) == KeyAction::Blank);
    QCOMPARE(dialog->keyMap().keysFor(KeyAction::Next), KeyMap::defaults().keysFor(KeyAction::Next));
    const QString message = dialog->message();
    QVERIFY2(message.contains(KeyMap::defaults().description(KeyAction::Blank)), qPrintable(message));
    QVERIFY(dialog->findChild<QLabel *>(u"settingsMessage"_s)->isVisible());
    // Choosing another action clears the message.
    dialog->selectAction(KeyAction::Blank);
    QVERIFY(dialog->message().isEmpty());
}

void TestSettingsDialog::keysCanBeRemovedAndTheirDefaultsRestored()
{
    const auto dialog = openDialog();
    QVERIFY(dialog);
    dialog->selectAction(KeyAction::Blank);
    auto *keys = dialog->findChild<QListWidget *>(u"selectedKeys"_s);
    auto *remove = dialog->findChild<QPushButton *>(u"removeKeyButton"_s);
    QCOMPARE(keys->count(), 2);
    QVERIFY(!remove->isEnabled());
    keys->setCurrentRow(0); // B
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(dialog->keyMap().keysFor(KeyAction::Blank), QList<QKeySequence>{QKeySequence(Qt::Key_Period)});
    // B is free now: Next may have it.
    dialog->selectAction(KeyAction::Next);
    QVERIFY(dialog->addKey(QKeySequence(Qt::Key_B)));
    // Blank's defaults include B again, which Next has: refused, with a message.
    dialog->selectAction(KeyAction::Blank);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"defaultKeysButton"_s), Qt::LeftButton);
    QVERIFY(!dialog->message().isEmpty());
    QCOMPARE(dialog->keyMap().keysFor(KeyAction::Blank), QList<QKeySequence>{QKeySequence(Qt::Key_Period)});
    // Next back to its defaults frees B; then Blank's defaults go through.
    dialog->selectAction(KeyAction::Next);
    QVERIFY(dialog->restoreActionDefaults());
    dialog->selectAction(KeyAction::Blank);
    QVERIFY(dialog->restoreActionDefaults());
    QVERIFY(dialog->keyMap() == KeyMap::defaults());
}

void TestSettingsDialog::okWritesTheSettings()
{
    const auto dialog = openDialog();
    QVERIFY(dialog);
    dialog->findChild<QSpinBox *>(u"talkMinutes"_s)->setValue(20);
    dialog->findChild<QSpinBox *>(u"audiencePort"_s)->setValue(8443);
    auto *language = dialog->findChild<QComboBox *>(u"language"_s);
    language->setCurrentIndex(language->findData(int(Preferences::Language::English)));
    auto *screen = dialog->findChild<QComboBox *>(u"projectorScreen"_s);
    screen->setCurrentIndex(screen->findData(u"HDMI-1"_s));
    dialog->selectAction(KeyAction::Next);
    capture(*dialog, Qt::Key_K);
    QSignalSpy accepted(dialog.get(), &QDialog::accepted);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(accepted.size(), 1);
    QVERIFY(!dialog->isVisible());

    const QSettings written(m_dir->filePath(u"lectern.conf"_s), QSettings::IniFormat);
    const Preferences::Loaded loaded = Preferences::load(written);
    QVERIFY(loaded.problems.isEmpty());
    QCOMPARE(loaded.preferences.talkTime, 20min);
    QCOMPARE(loaded.preferences.qaTime, 5min);
    QCOMPARE(loaded.preferences.audiencePort, std::optional<quint16>(8443));
    QCOMPARE(loaded.preferences.language, Preferences::Language::English);
    QCOMPARE(loaded.preferences.projectorScreen, u"HDMI-1"_s);
    const KeyMap::Applied keys = KeyMap::withBindings(loaded.preferences.keyBindings);
    QVERIFY(keys.problems.isEmpty());
    QVERIFY(keys.keys.actionFor(QKeySequence(Qt::Key_K)) == KeyAction::Next);
    QVERIFY(keys.keys.actionFor(QKeySequence(Qt::Key_Right)) == KeyAction::Next);
    // Only the changes are in the file.
    QVERIFY(!settingsFile().contains("qaMinutes"));
}

void TestSettingsDialog::aKeyPressedJustBeforeOkCounts()
{
    const auto dialog = openDialog();
    QVERIFY(dialog);
    dialog->selectAction(KeyAction::Reload);
    auto *edit = dialog->findChild<QKeySequenceEdit *>(u"keyCapture"_s);
    QTest::keyClick(edit, Qt::Key_F9);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    const QSettings written(m_dir->filePath(u"lectern.conf"_s), QSettings::IniFormat);
    const KeyMap::Applied keys = KeyMap::withBindings(Preferences::load(written).preferences.keyBindings);
    QVERIFY(keys.keys.actionFor(QKeySequence(Qt::Key_F9)) == KeyAction::Reload);

    // A key of another action pressed just before OK: refused, and the dialog stays open to say so.
    const auto again = openDialog();
    QVERIFY(again);
    again->selectAction(KeyAction::Reload);
    auto *field = again->findChild<QKeySequenceEdit *>(u"keyCapture"_s);
    QTest::keyClick(field, Qt::Key_B);
    QTest::mouseClick(again->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(again->isVisible());
    QVERIFY(again->message().contains(KeyMap::defaults().description(KeyAction::Blank)));
}

void TestSettingsDialog::cancelWritesNothing()
{
    QVERIFY(writeSettingsFile("[timing]\ntalkMinutes=25\n"));
    const QByteArray before = settingsFile();
    const auto dialog = openDialog();
    QVERIFY(dialog);
    dialog->findChild<QSpinBox *>(u"talkMinutes"_s)->setValue(40);
    dialog->selectAction(KeyAction::Next);
    capture(*dialog, Qt::Key_K);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    m_settings->sync();
    QCOMPARE(settingsFile(), before);
}

void TestSettingsDialog::restoreDefaultsPutsEveryFieldBack()
{
    QVERIFY(writeSettingsFile("[timing]\ntalkMinutes=25\n[audience]\nport=9090\nmaxConnections=100\n[interface]\n"
                              "language=ja\nprojectorScreen=HDMI-1\n[keys]\nnext=K\n"));
    const auto dialog = openDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"restoreDefaultsButton"_s), Qt::LeftButton);
    QCOMPARE(dialog->preferences(), Preferences());
    QVERIFY(dialog->keyMap() == KeyMap::defaults());
    QCOMPARE(dialog->findChild<QComboBox *>(u"projectorScreen"_s)->currentData().toString(), QString());
    // Nothing is written before OK.
    QVERIFY(settingsFile().contains("talkMinutes=25"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    const QSettings written(m_dir->filePath(u"lectern.conf"_s), QSettings::IniFormat);
    // The audience limits are not the dialog's: they stay.
    QCOMPARE(written.allKeys(), QStringList{u"audience/maxConnections"_s});
}

void TestSettingsDialog::aScreenNotConnectedStaysChosen()
{
    QVERIFY(writeSettingsFile("[interface]\nprojectorScreen=DP-3\n"));
    const auto dialog = openDialog({u"laptop"_s});
    QVERIFY(dialog);
    auto *screen = dialog->findChild<QComboBox *>(u"projectorScreen"_s);
    QCOMPARE(screen->currentData().toString(), u"DP-3"_s);
    QVERIFY(screen->currentText().contains(u"DP-3"_s));
    QCOMPARE(dialog->preferences().projectorScreen, u"DP-3"_s);
    QCOMPARE(screen->count(), 3); // automatic, the laptop, DP-3
}

void TestSettingsDialog::everyControlHasAnAccessibleName()
{
    const auto dialog = openDialog();
    QVERIFY(dialog);
    for (const QWidget *widget : dialog->findChildren<QWidget *>()) {
        const bool interactive = widget->focusPolicy() != Qt::NoFocus;
        if (!interactive || qobject_cast<const QTabBar *>(widget) || widget->objectName().startsWith(u"qt_"_s))
            continue;
        // Buttons name themselves by their text; everything else needs a name.
        const auto *button = qobject_cast<const QAbstractButton *>(widget);
        const bool named = !widget->accessibleName().isEmpty() || (button && !button->text().isEmpty());
        QVERIFY2(named,
                 qPrintable(QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName()));
    }
}

void TestSettingsDialog::theContentFitsTheDialog()
{
    const auto dialog = openDialog();
    QVERIFY(dialog);
    auto *tabs = dialog->findChild<QTabWidget *>(u"settingsTabs"_s);
    const QString shots = qEnvironmentVariable("LECTERN_SCREENSHOT_DIR"); // set by hand to look at the pages
    for (int page = 0; page < tabs->count(); ++page) {
        tabs->setCurrentIndex(page);
        QWidget *current = tabs->currentWidget();
        QTRY_VERIFY(current->isVisible());
        QVERIFY2(current->width() >= current->minimumSizeHint().width() &&
                     current->height() >= current->minimumSizeHint().height(),
                 qPrintable(u"page %1 is cut off"_s.arg(page)));
        for (const QWidget *child : current->findChildren<QWidget *>()) {
            if (child->isVisible() && child->parentWidget() == current)
                QVERIFY2(current->rect().contains(child->geometry()), qPrintable(child->objectName()));
        }
        if (!shots.isEmpty())
            QVERIFY(dialog->grab().save(QDir(shots).filePath(u"settings-%1.png"_s.arg(page))));
    }
    // A changed key and a refused one: the message shows whole, inside the dialog.
    dialog->selectAction(KeyAction::Next);
    QVERIFY(dialog->addKey(QKeySequence(Qt::Key_K)));
    QVERIFY(!dialog->addKey(QKeySequence(Qt::CTRL | Qt::Key_R)));
    const QLabel *message = dialog->findChild<QLabel *>(u"settingsMessage"_s);
    QTRY_VERIFY(message->isVisible());
    QTRY_VERIFY(dialog->rect().contains(QRect(message->mapTo(dialog.get(), QPoint(0, 0)), message->size())));
    QVERIFY(message->height() >= message->heightForWidth(message->width()));
    if (!shots.isEmpty())
        QVERIFY(dialog->grab().save(QDir(shots).filePath(u"settings-message.png"_s)));
}

void TestSettingsDialog::theConsoleOpensItWithCtrlComma()
{
    QTemporaryDir dir;
    const QString deckPath = dir.filePath(u"talk.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(deckPath, 2));
    auto deck = SlideDeck::open(deckPath);
    QVERIFY(deck);
    ManualClock clock;
    LiveEvent event(clock);
    RenderCache cache;
    Session session;
    session.deckPath = deckPath;
    event.present(session, *deck);
    Presentation presentation(event, cache, KeyMap::defaults());
    presentation.show();
    PresenterWindow *console = presentation.console();
    QVERIFY(QTest::qWaitForWindowExposed(console));
    QVERIFY(!console->settingsDialog());
    QTest::keyClick(console, Qt::Key_Comma, Qt::ControlModifier);
    SettingsDialog *dialog = console->settingsDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->isModal() || dialog->windowModality() == Qt::WindowModal);
    // Keys typed into the dialog are not the console's.
    dialog->selectAction(KeyAction::Next);
    QTest::keyClick(dialog->findChild<QKeySequenceEdit *>(u"keyCapture"_s), Qt::Key_Right);
    QCOMPARE(event.currentPage(), 0);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!console->settingsDialog()); // deleted on close
    const QString file = QSettings().fileName();
    QVERIFY(file.contains(u".qttest"_s));
    QFile::remove(file);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
