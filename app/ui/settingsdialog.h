#pragma once

#include "keymap.h"
#include "result.h"
#include "settings/preferences.h"

#include <QDialog>
#include <QStringList>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QKeySequenceEdit;
class QLabel;
class QListWidget;
class QPushButton;
class QSettings;
class QSpinBox;
class QTabWidget;
class QTreeWidget;

namespace Lectern {

/**
 * Edit ▸ Settings…: the default talk, Q&A and warning times, the audience port, the language, the projector's screen
 * and the key table (a new key is captured by pressing it; a key another action has is refused with a message).
 * Reads the settings file when made (naming values that do not read); OK writes it, Cancel leaves it. The
 * settings apply from Lectern's next start.
 */
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    /**
     * screens: the names of the screens connected now, offered for the projector. settings: the file to read and
     * write, which must outlive this; null: Lectern's own (QSettings()).
     */
    explicit SettingsDialog(const QStringList &screens, QSettings *settings = nullptr, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /** What the dialog shows now: what OK writes. */
    Preferences preferences() const;
    const KeyMap &keyMap() const { return m_keys; }
    /** The message under the tabs: a refused key, a value of the file that did not read, or a failed write. */
    QString message() const;

    /** The action whose keys the key tab shows and changes. */
    void selectAction(KeyAction action);
    std::optional<KeyAction> selectedAction() const;
    /** Gives the selected action this key too; refused (and the message says why) when another action has it. */
    Result<> addKey(const QKeySequence &key);
    /** Takes the key list's selected key from the selected action. */
    void removeSelectedKey();
    /** The selected action's default keys; refused when another action has one of them now. */
    Result<> restoreActionDefaults();
    /** Every field and key back to the defaults (written only on OK). */
    void restoreDefaults();

    void accept() override;

private:
    QWidget *buildTimingTab();
    QWidget *buildGeneralTab(const QStringList &screens);
    QWidget *buildKeysTab();
    void showPreferences(const Preferences &preferences);
    void refreshKeyTable();
    void refreshSelectedKeys();
    void setMessage(const QString &text);
    /** Adds the key pressed in "New key" to the selected action and empties the field. */
    Result<> onKeyCaptured();

    std::unique_ptr<QSettings> m_ownSettings;
    QSettings *m_settings = nullptr;
    KeyMap m_keys;
    QTabWidget *m_tabs = nullptr;
    QSpinBox *m_talkMinutes = nullptr;
    QSpinBox *m_qaMinutes = nullptr;
    QSpinBox *m_warningMinutes = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_projectorScreen = nullptr;
    QSpinBox *m_port = nullptr;
    QTreeWidget *m_keyTable = nullptr;
    QLabel *m_selectedAction = nullptr;
    QListWidget *m_selectedKeys = nullptr;
    QKeySequenceEdit *m_capture = nullptr;
    QPushButton *m_removeKey = nullptr;
    QPushButton *m_defaultKeys = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Lectern
