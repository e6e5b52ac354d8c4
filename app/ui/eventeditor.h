#pragma once

#include "model/event.h"
#include "result.h"

#include <QDialog>
#include <QList>
#include <QString>

#include <functional>

class QCheckBox;
class QDateEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimeEdit;

namespace Lectern {

class LiveEvent;

/**
 * The event editor (Event ▸ Edit event…): the event's title, date, start time and venue, and its sessions in order
 * (add, remove, move up and down), each with title, speaker, deck, talk and Q&A minutes, materials (links, http and
 * https only) and whether phones may download its deck. A deck picked is opened off the UI thread to check it; one
 * that does not open is named with poppler's reason and Save is refused. Polls stay with their sessions as the plan
 * has them. A session the event's record holds something of cannot be removed.
 *
 * Save hands the plan to LiveEvent::replacePlan() (the record moves with its sessions) and then writes the event
 * file (eventFilePath(), or a new one the organizer picks when there is none). A problem keeps the dialog open and
 * says what to fix; nothing typed is lost.
 */
class EventEditor : public QDialog
{
    Q_OBJECT

public:
    /** Asks for a session's deck (a file dialog by default), starting at currentPath; empty means cancelled. */
    using DeckChooser = std::function<QString(QWidget *parent, const QString &currentPath)>;
    /** Asks where to save a new event file, suggestedPath being the proposal; empty means cancelled. */
    using EventFileChooser = std::function<QString(QWidget *parent, const QString &suggestedPath)>;

    /** Edits event's plan; event must outlive this. */
    explicit EventEditor(LiveEvent &event, QWidget *parent = nullptr);
    ~EventEditor() override;

    /** Where Save writes the event file; empty (a plain deck) makes Save ask for a new one beside the deck. */
    void setEventFilePath(const QString &path);
    QString eventFilePath() const { return m_eventFilePath; }
    /** Replaces the deck dialog and the event file dialog, for tests. */
    void setDeckChooser(DeckChooser chooser);
    void setEventFileChooser(EventFileChooser chooser);
    static QString chooseDeckWithDialog(QWidget *parent, const QString &currentPath);
    static QString chooseEventFileWithDialog(QWidget *parent, const QString &suggestedPath);

    /** The plan as the fields describe it now. */
    Event editedPlan() const;
    /** For each session of editedPlan(), the index it has in the event's plan, -1 for a new one. */
    QList<int> previousIndexOf() const;

    int sessionCount() const { return int(m_rows.size()); }
    /** The session whose fields are shown, -1 when none. */
    int currentSession() const { return m_currentRow; }
    void selectSession(int row);
    /** Adds a session after the others (default timing) and selects it. */
    void addSession();
    /**
     * Removes a session from the list. Refused with the reason when it is the last one, the one on stage, or one
     * the event's record holds something of (LiveEvent::recordedSummary()).
     */
    Result<> removeSession(int row);
    /** Moves a session up (delta -1) or down (+1) in the order. */
    void moveSession(int row, int delta);
    /** Sets the current session's deck and checks it off the UI thread (deckChecked() when done). */
    void setDeck(const QString &path);
    /** Whether a deck is still being checked. */
    bool isCheckingDecks() const;
    /** What the check of the current session's deck says ("12 slides", or why it does not open). */
    QString deckMessage() const;
    /** The problem shown at the bottom, empty when none. */
    QString errorText() const;
    /** The problem shown under the materials, empty when none. */
    QString materialsMessage() const;

    /** Save: checks, replaces the plan, writes the event file; the reason when something did not work. */
    Result<> save();
    /** Saves; closes the dialog when that worked, else shows why. */
    void accept() override;

    // The fields, for tests and screenshots.
    QLineEdit *eventTitleEdit() const { return m_eventTitle; }
    QCheckBox *dateSetBox() const { return m_dateSet; }
    QDateEdit *dateEdit() const { return m_date; }
    QCheckBox *startSetBox() const { return m_startSet; }
    QTimeEdit *startEdit() const { return m_start; }
    QLineEdit *venueEdit() const { return m_venue; }
    QListWidget *sessionList() const { return m_sessionList; }
    QLineEdit *titleEdit() const { return m_title; }
    QLineEdit *speakerEdit() const { return m_speaker; }
    QLineEdit *deckEdit() const { return m_deck; }
    QSpinBox *talkMinutesBox() const { return m_talkMinutes; }
    QSpinBox *qaMinutesBox() const { return m_qaMinutes; }
    QTableWidget *materialsTable() const { return m_materials; }
    QCheckBox *deckDownloadBox() const { return m_deckDownload; }

Q_SIGNALS:
    /** A deck check finished (the current session's or another's). */
    void deckChecked();
    /** LiveEvent::replacePlan() took the edited plan. */
    void planReplaced();
    /** The event file was written to path. */
    void eventFileSaved(const QString &path);

private:
    enum class DeckState { None, Checking, Opens, Fails };
    struct MaterialText
    {
        QString label;
        QString url;
    };
    struct Row
    {
        quint64 id = 0;
        int previousIndex = -1;
        Session session;
        QList<MaterialText> materials;
        DeckState deckState = DeckState::None;
        QString deckMessage;
        int deckCheck = 0; ///< the newest check of this row's deck; older ones finishing later are dropped
    };

    QWidget *buildEventFields();
    QWidget *buildSessionList();
    QWidget *buildSessionFields();
    void loadPlan(const Event &plan);
    void showRow(int row);
    void refreshListItem(int row);
    void refreshDeckMessage();
    void refreshMaterialsMessage();
    void readMaterialsTable();
    void checkDeck(int row);
    int rowWithId(quint64 id) const;
    Row *current();
    void showError(const QString &message);
    /** The first problem of the edited plan, with the session to select for it (-1: none), or nullopt. */
    std::optional<std::pair<int, QString>> firstProblem() const;
    static std::optional<QString> materialProblem(const MaterialText &material);
    QString sessionName(int row) const;
    Result<> writeEventFile(const Event &plan);
    QString suggestedEventFilePath() const;

    LiveEvent &m_event;
    QString m_eventFilePath;
    DeckChooser m_chooseDeck;
    EventFileChooser m_chooseEventFile;
    QList<Row> m_rows;
    quint64 m_nextRowId = 1;
    int m_currentRow = -1;
    bool m_loading = false; ///< the fields are being filled from a row: their change signals are not edits

    QLineEdit *m_eventTitle = nullptr;
    QCheckBox *m_dateSet = nullptr;
    QDateEdit *m_date = nullptr;
    QCheckBox *m_startSet = nullptr;
    QTimeEdit *m_start = nullptr;
    QLineEdit *m_venue = nullptr;
    QListWidget *m_sessionList = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_upButton = nullptr;
    QPushButton *m_downButton = nullptr;
    QWidget *m_sessionFields = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_speaker = nullptr;
    QLineEdit *m_deck = nullptr;
    QLabel *m_deckMessage = nullptr;
    QSpinBox *m_talkMinutes = nullptr;
    QSpinBox *m_qaMinutes = nullptr;
    QTableWidget *m_materials = nullptr;
    QLabel *m_materialsMessage = nullptr;
    QCheckBox *m_deckDownload = nullptr;
    QLabel *m_polls = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Lectern
