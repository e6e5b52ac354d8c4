#include "settingsdialog.h"

#include "plaintext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

constexpr int kActionRole = Qt::UserRole;

QSpinBox *minutesBox(const QString &objectName, int minimum, const QString &accessibleName, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(minimum, kMaxTimingMinutes);
    box->setSuffix(SettingsDialog::tr(" min"));
    box->setAccessibleName(accessibleName);
    return box;
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList texts;
    for (const QKeySequence &key : keys)
        texts.append(key.toString(QKeySequence::NativeText));
    return texts.isEmpty() ? SettingsDialog::tr("(no key)") : texts.join(SettingsDialog::tr(", "));
}

} // namespace

SettingsDialog::SettingsDialog(const QStringList &screens, QSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_ownSettings(settings ? nullptr : std::make_unique<QSettings>())
    , m_settings(settings ? settings : m_ownSettings.get())
    , m_keys(KeyMap::defaults())
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Lectern — Settings"));
    setAccessibleName(tr("Settings"));

    const Preferences::Loaded loaded = Preferences::load(*m_settings);
    const KeyMap::Applied keys = KeyMap::withBindings(loaded.preferences.keyBindings);
    m_keys = keys.keys;

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->setAccessibleName(tr("Settings pages"));
    m_tabs->addTab(buildTimingTab(), tr("&Timing"));
    m_tabs->addTab(buildGeneralTab(screens), tr("&General"));
    m_tabs->addTab(buildKeysTab(), tr("&Keys"));

    auto *note = plainLabel(u"settingsNote"_s, this,
                            tr("Settings apply from the next time Lectern starts. The command line, an event file "
                               "and a deck's .pdfpc beat the default times."));
    note->setWordWrap(true);
    m_message = plainLabel(u"settingsMessage"_s, this);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->hide();
    QPalette warning = m_message->palette();
    warning.setColor(QPalette::WindowText, QColor(0xb0, 0x30, 0x20));
    m_message->setPalette(warning);

    m_buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    m_buttons->setObjectName(u"settingsButtons"_s);
    QPushButton *restore = m_buttons->button(QDialogButtonBox::RestoreDefaults);
    restore->setObjectName(u"restoreDefaultsButton"_s);
    restore->setAccessibleName(tr("Restore defaults"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK: save the settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel: keep the settings as they were"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(restore, &QPushButton::clicked, this, &SettingsDialog::restoreDefaults);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(note);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    showPreferences(loaded.preferences);
    QStringList problems = loaded.problems + keys.problems;
    if (!problems.isEmpty())
        setMessage(tr("The settings file has values that do not read; their defaults are shown:\n%1")
                       .arg(problems.join(u'\n')));
    resize(sizeHint().expandedTo(QSize(760, 560)));
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::buildTimingTab()
{
    auto *page = new QWidget(m_tabs);
    page->setObjectName(u"timingPage"_s);
    auto *form = new QFormLayout(page);
    auto *intro = plainLabel(u"timingIntro"_s, page,
                             tr("For a deck without an event file. Its .pdfpc, an event file and --talk, --qa "
                                "or --warn beat these."));
    intro->setWordWrap(true);
    form->addRow(intro);
    m_talkMinutes = minutesBox(u"talkMinutes"_s, 1, tr("Talk time in minutes"), page);
    m_qaMinutes = minutesBox(u"qaMinutes"_s, 0, tr("Q&A time in minutes"), page);
    m_warningMinutes = minutesBox(u"warningMinutes"_s, 0, tr("Warning before the end of the talk, in minutes"), page);
    form->addRow(tr("T&alk time:"), m_talkMinutes);
    form->addRow(tr("&Q&&A time:"), m_qaMinutes);
    form->addRow(tr("&Warn before the end:"), m_warningMinutes);
    return page;
}

QWidget *SettingsDialog::buildGeneralTab(const QStringList &screens)
{
    auto *page = new QWidget(m_tabs);
    page->setObjectName(u"generalPage"_s);
    auto *form = new QFormLayout(page);

    m_language = new QComboBox(page);
    m_language->setObjectName(u"language"_s);
    m_language->setAccessibleName(tr("Language"));
    const QString systemLanguage = QLocale::system().nativeLanguageName();
    m_language->addItem(systemLanguage.isEmpty() ? tr("The system's") : tr("The system's (%1)").arg(systemLanguage),
                        int(Preferences::Language::System));
    // Each language in its own words, so that a speaker who cannot read the current one finds theirs.
    m_language->addItem(u"English"_s, int(Preferences::Language::English));
    m_language->addItem(u"日本語 (Japanese)"_s, int(Preferences::Language::Japanese));
    form->addRow(tr("&Language:"), m_language);

    m_projectorScreen = new QComboBox(page);
    m_projectorScreen->setObjectName(u"projectorScreen"_s);
    m_projectorScreen->setAccessibleName(tr("Projector screen"));
    m_projectorScreen->addItem(tr("Automatic (a screen other than the console's)"), QString());
    for (const QString &screen : screens)
        m_projectorScreen->addItem(screen, screen);
    form->addRow(tr("&Projector screen:"), m_projectorScreen);

    m_port = new QSpinBox(page);
    m_port->setObjectName(u"audiencePort"_s);
    m_port->setAccessibleName(tr("Audience server port"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Automatic (the event's last port, else 8080)"));
    form->addRow(tr("Audience &port:"), m_port);
    auto *portNote = plainLabel(u"portNote"_s, page,
                                tr("With a port chosen here, a port already taken is an error, as with --listen "
                                   "(which beats this setting)."));
    portNote->setWordWrap(true);
    form->addRow(portNote);
    return page;
}

QWidget *SettingsDialog::buildKeysTab()
{
    auto *page = new QWidget(m_tabs);
    page->setObjectName(u"keysPage"_s);
    auto *layout = new QVBoxLayout(page);

    m_keyTable = new QTreeWidget(page);
    m_keyTable->setObjectName(u"keyTable"_s);
    m_keyTable->setAccessibleName(tr("Key table"));
    m_keyTable->setColumnCount(2);
    m_keyTable->setHeaderLabels({tr("Action"), tr("Keys")});
    m_keyTable->setRootIsDecorated(false);
    m_keyTable->setUniformRowHeights(true);
    m_keyTable->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_keyTable->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_keyTable->header()->setStretchLastSection(false);
    for (const KeyBinding &binding : m_keys.bindings()) {
        auto *row = new QTreeWidgetItem(m_keyTable);
        row->setText(0, binding.description);
        row->setData(0, kActionRole, int(binding.action));
    }
    layout->addWidget(m_keyTable, 1);

    m_selectedAction = plainLabel(u"selectedAction"_s, page);
    m_selectedAction->setWordWrap(true);
    layout->addWidget(m_selectedAction);

    auto *row = new QHBoxLayout;
    m_selectedKeys = new QListWidget(page);
    m_selectedKeys->setObjectName(u"selectedKeys"_s);
    m_selectedKeys->setAccessibleName(tr("Keys of the selected action"));
    m_selectedKeys->setFlow(QListView::LeftToRight);
    m_selectedKeys->setWrapping(true);
    m_selectedKeys->setSpacing(2);
    m_selectedKeys->setMaximumHeight(m_selectedKeys->fontMetrics().height() * 3);
    row->addWidget(m_selectedKeys, 1);
    m_removeKey = new QPushButton(tr("&Remove key"), page);
    m_removeKey->setObjectName(u"removeKeyButton"_s);
    m_removeKey->setAccessibleName(tr("Remove the selected key"));
    row->addWidget(m_removeKey);
    m_defaultKeys = new QPushButton(tr("&Default keys"), page);
    m_defaultKeys->setObjectName(u"defaultKeysButton"_s);
    m_defaultKeys->setAccessibleName(tr("Default keys of the selected action"));
    row->addWidget(m_defaultKeys);
    layout->addLayout(row);

    auto *captureRow = new QHBoxLayout;
    auto *captureLabel = new QLabel(tr("&New key (press it here):"), page);
    captureLabel->setObjectName(u"captureLabel"_s);
    m_capture = new QKeySequenceEdit(page);
    m_capture->setObjectName(u"keyCapture"_s);
    m_capture->setAccessibleName(tr("New key for the selected action: press it"));
    captureLabel->setBuddy(m_capture);
    captureRow->addWidget(captureLabel);
    captureRow->addWidget(m_capture, 1);
    layout->addLayout(captureRow);

    connect(m_keyTable, &QTreeWidget::currentItemChanged, this, [this] {
        refreshSelectedKeys();
        setMessage({});
    });
    connect(m_removeKey, &QPushButton::clicked, this, &SettingsDialog::removeSelectedKey);
    connect(m_defaultKeys, &QPushButton::clicked, this, [this] { restoreActionDefaults(); });
    connect(m_capture, &QKeySequenceEdit::editingFinished, this, [this] { onKeyCaptured(); });
    connect(m_selectedKeys, &QListWidget::currentRowChanged, this,
            [this](int row) { m_removeKey->setEnabled(row >= 0); });
    return page;
}

void SettingsDialog::showPreferences(const Preferences &preferences)
{
    m_talkMinutes->setValue(int(preferences.talkTime.count()));
    m_qaMinutes->setValue(int(preferences.qaTime.count()));
    m_warningMinutes->setValue(int(preferences.warningTime.count()));
    m_language->setCurrentIndex(qMax(0, m_language->findData(int(preferences.language))));
    const QString screen = preferences.projectorScreen;
    int screenIndex = m_projectorScreen->findData(screen);
    if (screenIndex < 0) {
        // A screen chosen before and not plugged in now stays chosen.
        m_projectorScreen->addItem(tr("%1 (not connected)").arg(screen), screen);
        screenIndex = m_projectorScreen->count() - 1;
    }
    m_projectorScreen->setCurrentIndex(screenIndex);
    m_port->setValue(preferences.audiencePort.value_or(0));
    refreshKeyTable();
    if (!m_keyTable->currentItem())
        m_keyTable->setCurrentItem(m_keyTable->topLevelItem(0));
    refreshSelectedKeys();
}

Preferences SettingsDialog::preferences() const
{
    Preferences preferences;
    preferences.talkTime = std::chrono::minutes(m_talkMinutes->value());
    preferences.qaTime = std::chrono::minutes(m_qaMinutes->value());
    preferences.warningTime = std::chrono::minutes(m_warningMinutes->value());
    preferences.language = Preferences::Language(m_language->currentData().toInt());
    preferences.projectorScreen = m_projectorScreen->currentData().toString();
    if (m_port->value() > 0)
        preferences.audiencePort = quint16(m_port->value());
    preferences.keyBindings = m_keys.changedBindings();
    return preferences;
}

QString SettingsDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void SettingsDialog::selectAction(KeyAction action)
{
    for (int row = 0; row < m_keyTable->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_keyTable->topLevelItem(row);
        if (item->data(0, kActionRole).toInt() == int(action)) {
            m_keyTable->setCurrentItem(item);
            return;
        }
    }
}

std::optional<KeyAction> SettingsDialog::selectedAction() const
{
    const QTreeWidgetItem *item = m_keyTable->currentItem();
    if (!item)
        return std::nullopt;
    return KeyAction(item->data(0, kActionRole).toInt());
}

Result<> SettingsDialog::addKey(const QKeySequence &key)
{
    const std::optional<KeyAction> action = selectedAction();
    if (!action || key.isEmpty())
        return fail(tr("Choose an action in the table first."));
    QList<QKeySequence> keys = m_keys.keysFor(*action);
    keys.append(key);
    if (const Result<> rebound = m_keys.rebind(*action, keys); !rebound) {
        setMessage(rebound.error());
        return rebound;
    }
    setMessage({});
    refreshKeyTable();
    refreshSelectedKeys();
    return {};
}

void SettingsDialog::removeSelectedKey()
{
    const std::optional<KeyAction> action = selectedAction();
    const int row = m_selectedKeys->currentRow();
    if (!action || row < 0)
        return;
    QList<QKeySequence> keys = m_keys.keysFor(*action);
    if (row >= keys.size())
        return;
    keys.removeAt(row);
    m_keys.rebind(*action, keys); // fewer keys never conflict
    setMessage({});
    refreshKeyTable();
    refreshSelectedKeys();
}

Result<> SettingsDialog::restoreActionDefaults()
{
    const std::optional<KeyAction> action = selectedAction();
    if (!action)
        return fail(tr("Choose an action in the table first."));
    if (const Result<> rebound = m_keys.rebind(*action, KeyMap::defaults().keysFor(*action)); !rebound) {
        setMessage(rebound.error());
        return rebound;
    }
    setMessage({});
    refreshKeyTable();
    refreshSelectedKeys();
    return {};
}

void SettingsDialog::restoreDefaults()
{
    m_keys = KeyMap::defaults();
    showPreferences(Preferences());
    setMessage({});
}

void SettingsDialog::accept()
{
    // A key pressed in "New key" just before OK counts (the edit finishes a second after the last key).
    if (!m_capture->keySequence().isEmpty() && !onKeyCaptured())
        return;
    if (const Result<> saved = preferences().save(*m_settings); !saved) {
        setMessage(saved.error());
        return;
    }
    QDialog::accept();
}

void SettingsDialog::refreshKeyTable()
{
    const KeyMap defaults = KeyMap::defaults();
    for (int row = 0; row < m_keyTable->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_keyTable->topLevelItem(row);
        const auto action = KeyAction(item->data(0, kActionRole).toInt());
        const QList<QKeySequence> keys = m_keys.keysFor(action);
        item->setText(1, keysText(keys));
        QFont font = item->font(1);
        font.setBold(keys != defaults.keysFor(action)); // a changed binding stands out
        item->setFont(1, font);
    }
}

void SettingsDialog::refreshSelectedKeys()
{
    m_selectedKeys->clear();
    const std::optional<KeyAction> action = selectedAction();
    m_capture->setEnabled(action.has_value());
    m_defaultKeys->setEnabled(action.has_value());
    m_removeKey->setEnabled(false);
    if (!action) {
        m_selectedAction->setText(tr("Choose an action in the table to change its keys."));
        return;
    }
    m_selectedAction->setText(tr("Keys for “%1”:").arg(m_keys.description(*action)));
    for (const QKeySequence &key : m_keys.keysFor(*action))
        m_selectedKeys->addItem(key.toString(QKeySequence::NativeText));
}

void SettingsDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

Result<> SettingsDialog::onKeyCaptured()
{
    const QKeySequence captured = m_capture->keySequence();
    m_capture->clear();
    if (captured.isEmpty())
        return {};
    // Only the first key: the console acts on single key presses, not chords.
    return addKey(KeyMap::normalized(captured[0]));
}

} // namespace Lectern
