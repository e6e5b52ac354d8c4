#pragma once

#include "deckopener.h"
#include "export/eventexport.h"
#include "keymap.h"
#include "result.h"

#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QTextBrowser;
class QFrame;

namespace Lectern {

class AgendaPanel;
class AudienceRoom;
class AudienceServer;
class EventEditor;
class SettingsDialog;
class ExportRunner;
class GoToOverlay;
class HelpOverlay;
class KeyDispatcher;
class LiveEvent;
class ModerationWindow;
class OverviewGrid;
class PollPanel;
class QuestionPanel;
class RenderCache;
class ServerPanel;
class SlideView;

/**
 * The speaker's console: the current slide large, the next slide, the notes, "n / N", the wall clock and the
 * session timer, with Blanked/Frozen (and join card / results on screen) indicators, a banner for reload
 * failures and sidecar warnings, and the overview, go-to and help overlays. Tabs under the next slide hold the
 * notes, the poll panel, the question panel and the server panel (with audience features) and the agenda, and the
 * moderation window (the server's moderator page in Qt WebEngine) opens on demand. A menu bar holds what is not
 * done mid-talk: the event editor, the exports, opening a deck, moving between the event's sessions. Everything
 * shown is pulled from the LiveEvent when it signals (and the timer text polled four times a second); every key
 * goes to a LiveEvent command. A key that cannot do its job (`n` with no question) says why briefly in the status
 * bar.
 */
class PresenterWindow : public QMainWindow
{
    Q_OBJECT

public:
    /** Asks whether to quit; true quits. */
    using QuitConfirmation = std::function<bool(QWidget *parent)>;
    /** Asks which deck to open (a file dialog by default); an empty path means cancelled. */
    using DeckChooser = std::function<QString(QWidget *parent)>;
    /**
     * Asks whether to move to another session while the poll asked openPoll is open; targetSession names the
     * session ("session 3 “Typed settings”"). True switches.
     */
    using SessionSwitchConfirmation =
        std::function<bool(QWidget *parent, const QString &openPoll, const QString &targetSession)>;

    /** How long a key's failure stays in the status bar. */
    static constexpr std::chrono::milliseconds kStatusMessageTime{5000};

    /**
     * The poll panel needs event.polls() and the question panel event.questions() (null: no panel), set before
     * this is made; server may be null (no server panel), and without room there is no moderator link or
     * moderation window. All must outlive this.
     */
    PresenterWindow(LiveEvent &event, RenderCache &cache, const KeyMap &keys, AudienceServer *server = nullptr,
                    const AudienceRoom *room = nullptr, QWidget *parent = nullptr);
    ~PresenterWindow() override;

    /** Does what a key bound to this action does. */
    void perform(KeyAction action);

    /** The key handling: watch another window (the projector) so its keys work too. */
    KeyDispatcher *keyDispatcher() const { return m_keys; }
    /** Replaces the quit question (a QMessageBox by default), for tests or a different policy. */
    void setQuitConfirmation(QuitConfirmation confirmation);
    static bool askToQuit(QWidget *parent);
    static QString chooseDeckWithDialog(QWidget *parent);
    /** Replaces the file dialog of "open deck" (Ctrl+O) and the password question, for tests. */
    void setDeckChooser(DeckChooser chooser, PasswordPrompt askPassword);
    /** Replaces the question before switching sessions while a poll is open (a QMessageBox by default). */
    void setSessionSwitchConfirmation(SessionSwitchConfirmation confirmation);
    static bool askToSwitchSession(QWidget *parent, const QString &openPoll, const QString &targetSession);

    /**
     * Opens the deck off the UI thread and puts it on stage for the session on stage
     * (LiveEvent::presentOtherDeck); asks for a password when it has one. A deck that does not open leaves the
     * current one and shows why in the banner. Of two opens in flight (decks or sessions) only the one asked for
     * last goes on stage.
     */
    void openDeck(const QString &path);

    /**
     * Puts session sessionIndex of the plan on stage (Ctrl+PageDown, Ctrl+PageUp, the Session menu, the agenda):
     * asks first while a poll is open, then opens the session's deck off the UI thread (asking for its password)
     * and hands it to LiveEvent::present(). A session without a deck, or whose deck does not open, stays off
     * stage and the banner says why; the session on stage stays.
     */
    void goToSession(int sessionIndex);
    void nextSession();
    void previousSession();
    /** The session whose deck is being opened to go on stage, -1 when none. */
    int pendingSessionIndex() const { return m_pendingSession; }

    /**
     * The event's database, which the exports read with a connection of their own (the app keeps writing);
     * empty: the export actions say they need one.
     */
    void setDatabasePath(const QString &path);
    /**
     * Starts an export from the Export menu: asks for the path, renders off the UI thread, writes the file and
     * tells in the status bar (or the banner on failure). sessionOnly narrows it to the session on stage.
     */
    void exportEvent(ExportFormat format, bool sessionOnly = false);
    ExportRunner *exportRunner() const { return m_exports; }
    /** Export ▸ Leave names out of exports (checkable): the askers' names stay out of every export. */
    QAction *leaveNamesOutAction() const { return m_leaveNamesOut; }

    /**
     * Opens the event editor (Ctrl+E, Event ▸ Edit event…), window-modal over the console; raises the open one.
     * Saved changes go to LiveEvent::replacePlan() and the event file; when the session on stage got another deck,
     * that deck is opened and presented.
     */
    EventEditor *openEventEditor();
    /** The open event editor, nullptr when none. */
    EventEditor *eventEditor() const;
    /** Opens the settings dialog (Ctrl+,, Event ▸ Settings…), window-modal over the console; raises the open one. */
    SettingsDialog *openSettings();
    /** The open settings dialog, nullptr when none. */
    SettingsDialog *settingsDialog() const;
    /**
     * Where the editor saves the event: the one it saved to last, else the plan's source when that is an event file
     * (`*.json`); empty for a plain deck (then Save asks for a new `.lectern.json`).
     */
    QString eventFilePath() const;

    /** The overlay on top (help, overview, go-to), or nullptr. */
    QWidget *topOverlay() const { return m_overlayStack.isEmpty() ? nullptr : m_overlayStack.last(); }
    /** Closes the overlay on top; false when none was open. */
    bool closeTopOverlay();
    void toggleOverview();
    void toggleHelp();
    void openGoTo();

    /** Shows a message in the dismissable banner above the slides (added to what it already shows). */
    void showBanner(const QString &message);
    void dismissBanner();
    QString bannerText() const;

    SlideView *currentSlideView() const { return m_currentView; }
    SlideView *nextSlideView() const { return m_nextView; }
    QTextBrowser *notesView() const { return m_notes; }
    OverviewGrid *overview() const { return m_overview; }
    GoToOverlay *goToOverlay() const { return m_goTo; }
    HelpOverlay *helpOverlay() const { return m_help; }
    /** The poll panel; nullptr without polls. */
    PollPanel *pollPanel() const { return m_pollPanel; }
    /** The audience server panel; nullptr without a server. */
    ServerPanel *serverPanel() const { return m_serverPanel; }
    /** The question panel; nullptr without questions. */
    QuestionPanel *questionPanel() const { return m_questionPanel; }
    /** The tabs under the next slide (notes, poll, questions, phones, agenda). */
    QTabWidget *sideTabs() const { return m_sideTabs; }
    /** The Agenda tab. */
    AgendaPanel *agendaPanel() const { return m_agendaPanel; }
    /** Shows the Agenda tab (Session ▸ Agenda). */
    void showAgendaPanel();
    /** The Session ▸ Go to session submenu: an action per session, the one on stage checked. */
    QMenu *goToSessionMenu() const { return m_goToSessionMenu; }

    /**
     * Opens the moderation window (Ctrl+M, "Moderation…"), making it the first time; starts the audience server
     * first when it is off, as the Phones tab's switch does. Needs a server and the room; else says why in the
     * status bar.
     */
    void openModeration();
    /** The moderation window; nullptr until first opened. */
    ModerationWindow *moderationWindow() const { return m_moderation; }

    /** Shows a message briefly (kStatusMessageTime) in the status bar: a key that could not do its job. */
    void showStatusMessage(const QString &message);
    /** The message in the status bar now; empty when none. */
    QString statusMessage() const;

Q_SIGNALS:
    /** A deck opened with openDeck() failed; the message names the file and the reason (also in the banner). */
    void deckOpenFailed(const QString &message);
    /** A session asked for with goToSession() did not go on stage; the message says why (also in the banner). */
    void sessionSwitchFailed(const QString &message);
    /** The speaker asked to swap the windows' screens (`x`). */
    void swapScreensRequested();
    /** The speaker confirmed quitting. */
    void quitRequested();
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /** Where a banner message comes from, so that a newer fact can replace or clear it. */
    enum class BannerTopic {
        Other,
        DeckWarning,
        ReloadFailure,
        OpenFailure,
        SessionFailure,
        ExportFailure,
        StageFailure,
        StorageFailure,
        ServerFailure,
    };
    struct BannerMessage
    {
        BannerTopic topic;
        QString text;
    };

    void buildMenus(const KeyMap &keys);
    QWidget *buildSlidesArea();
    QFrame *buildStatusBar();
    QFrame *buildBanner();
    void applyStyle();
    void scaleFonts();

    void refreshSlides();
    void refreshNotes();
    void refreshProjectorState();
    void refreshPollBadge();
    void refreshQuestionBadge();
    void showPollPanel();
    void showQuestionPanel();
    /** Runs a question command of a key: a failure goes to the status bar, never a dialog. */
    void runQuestionKey(Result<> result);
    void refreshQuestionTab(int waiting);
    void refreshTimer();
    void onDeckChanged();
    void refreshSessionMenu();
    /** "session 3 “Title”", as messages name a session. */
    QString sessionName(int sessionIndex) const;
    /** Asks first while a poll is open; true to go on. */
    bool confirmSessionSwitch(int sessionIndex);
    /** Opens the session's deck and presents it, without asking. */
    void presentSession(int sessionIndex);
    void failSessionSwitch(const QString &message);
    /** After the editor replaced the plan: presents the session on stage again when its deck changed. */
    void onPlanReplaced();

    void openOverlay(QWidget *overlay);
    void closeOverlay(QWidget *overlay);
    void placeOverlays();
    void escape();

    /** Replaces the message of topic with text (none when text is empty); Other messages accumulate. */
    void setBannerMessage(BannerTopic topic, const QString &text);
    /** The database refused phones' votes or questions (message: why). */
    void showStorageFailure(const QString &message);
    void refreshBanner();

    LiveEvent &m_event;
    RenderCache &m_cache;
    AudienceServer *m_server = nullptr;
    const AudienceRoom *m_room = nullptr;
    KeyDispatcher *m_keys = nullptr;
    QuitConfirmation m_confirmQuit;
    DeckChooser m_chooseDeck;
    SessionSwitchConfirmation m_confirmSwitch;
    PasswordPrompt m_askPassword = askPasswordWithDialog;
    ExportRunner *m_exports = nullptr;
    QPointer<EventEditor> m_eventEditor;
    QPointer<SettingsDialog> m_settingsDialog;
    QString m_savedEventFilePath; ///< where the editor wrote a new event file for a plain deck
    int m_pendingSession = -1;

    QAction *m_nextSessionAction = nullptr;
    QAction *m_previousSessionAction = nullptr;
    QAction *m_leaveNamesOut = nullptr;
    QMenu *m_goToSessionMenu = nullptr;

    QWidget *m_central = nullptr;
    SlideView *m_currentView = nullptr;
    SlideView *m_nextView = nullptr;
    QTextBrowser *m_notes = nullptr;
    QLabel *m_nextCaption = nullptr;
    QTabWidget *m_sideTabs = nullptr;
    PollPanel *m_pollPanel = nullptr;
    ServerPanel *m_serverPanel = nullptr;
    QuestionPanel *m_questionPanel = nullptr;
    AgendaPanel *m_agendaPanel = nullptr;
    ModerationWindow *m_moderation = nullptr;

    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QList<BannerMessage> m_bannerMessages;
    int m_openGeneration = 0; ///< the newest openDeck() or session switch; older ones finishing later are dropped

    QLabel *m_slideCounter = nullptr;
    QLabel *m_blankedBadge = nullptr;
    QLabel *m_frozenBadge = nullptr;
    QLabel *m_joinCardBadge = nullptr;
    QLabel *m_chartBadge = nullptr;
    QLabel *m_questionBadge = nullptr;
    QLabel *m_statusMessage = nullptr;
    QTimer m_statusMessageTimer;
    QLabel *m_wallClock = nullptr;
    QLabel *m_pace = nullptr;
    QLabel *m_phase = nullptr;
    QLabel *m_phaseRemaining = nullptr;
    QLabel *m_sessionRemaining = nullptr;
    QTimer m_timerRefresh;

    OverviewGrid *m_overview = nullptr;
    GoToOverlay *m_goTo = nullptr;
    HelpOverlay *m_help = nullptr;
    QList<QWidget *> m_overlayStack;
};

} // namespace Lectern
