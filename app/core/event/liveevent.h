#pragma once

#include "model/agenda.h"
#include "model/event.h"
#include "model/session.h"
#include "result.h"
#include "slides/deckwatcher.h"
#include "slides/slidedeck.h"
#include "timer/clock.h"
#include "timer/sessionclock.h"
#include "timer/slidetimelog.h"

#include <QObject>

#include <memory>
#include <optional>

namespace Lectern {

class Database;
class LivePolls;
class LiveQuestions;
class StageStore;

/**
 * The live state of the event: its plan, the session on stage with its deck, the current page, what the
 * projector shows (blank, frozen), the session timer and the per-slide time log. The one place that changes
 * that state; views pull from it when it signals and it never names a view.
 *
 * With a database (setDatabase()), everything of the stage is written as it changes (the session on stage, each
 * session's page and timer, the sessions' actual runs, the time log): reopening after a crash or kill -9 goes on
 * where it stopped, the timer by its wall-clock start.
 */
class LiveEvent : public QObject
{
    Q_OBJECT

public:
    explicit LiveEvent(const Clock &clock, QObject *parent = nullptr);
    ~LiveEvent() override;

    /**
     * Records the stage in database from now on; null (the default) records nothing. Call before setPlan() and
     * present(); database must be open and outlive this. Failed writes go out as stageFailed(); the talk goes on.
     */
    void setDatabase(Database *database);
    /** The session the database says was on stage last; nullopt without a database or for a fresh event. */
    std::optional<int> recordedSessionIndex() const;

    /**
     * The event's plan: its sessions in order (at least one). Stored in the database (see StoredPlan) as coming
     * from sourcePath, so that exports read the database alone. The session on stage stays as it is; call
     * present() to put one on stage.
     */
    void setPlan(const Event &plan, const QString &sourcePath = QString());
    const Event &plan() const { return m_plan; }
    QString planSourcePath() const { return m_planSourcePath; }

    /**
     * Opens the event with plan as read from its file (call before present()). When the database holds the plan of
     * an earlier opening that differs, the record follows each session to its place in the file (matched by deck
     * and title, else title, else deck; see replacePlan()), so that reordering the file's sessions never gives one
     * session's questions, polls or times to another. A session with a record that the file no longer has is an
     * error, and nothing changes.
     */
    Result<> openPlan(const Event &plan, const QString &sourcePath);

    /**
     * Replaces the plan after an edit, keeping the record with its sessions: previousIndexOf[i] is the index
     * the new plan's session i had before, or -1 for a new session. Polls, questions, timers and runs recorded
     * for a session move with it, in one transaction. A session removed from the plan must have nothing
     * recorded (no poll opened, no question, no run): otherwise this is an error naming it and nothing changes.
     * So is a plan the event file's rules refuse (EventFile::parse), e.g. a material that is not http or https.
     * The session on stage stays on stage at its new index (sessionChanged() tells it) and cannot be removed.
     * When its deck changed, the caller opens the new one and presents it.
     */
    Result<> replacePlan(const Event &plan, const QList<int> &previousIndexOf);
    /** What the record holds for a session of the plan ("3 questions, 2 polls run"), empty when nothing. */
    QString recordedSummary(int sessionIndex) const;

    /**
     * Puts session sessionIndex of the plan on stage with its opened deck. The session that was on stage leaves
     * it (its run ends, its timer is paused and kept, its questions still shown become unanswered). The new
     * one comes back where it stood when recorded (page, timer), else starts on its first visible page with its
     * timer reset to its plan. Its polls and questions become the live ones. The deck file is watched from then
     * on: an edit reloads it (see reloadDeck()).
     */
    void present(int sessionIndex, std::shared_ptr<const SlideDeck> deck);
    /** A one-session event of session (a plain deck), put on stage: setPlan() then present(0, deck). */
    void present(const Session &session, std::shared_ptr<const SlideDeck> deck);
    /**
     * Swaps in another deck for the session on stage (Ctrl+O): its first visible page, its timer reset; polls and
     * questions stay. The plan in memory now names this deck (the event file is not changed).
     */
    void presentOtherDeck(std::shared_ptr<const SlideDeck> deck);
    /** Swaps in a reloaded deck of the same session, staying on the same slide label (else the same page). */
    void replaceDeck(std::shared_ptr<const SlideDeck> deck);
    /**
     * Reopens the deck file off the UI thread (Ctrl+R, or the file was edited) and swaps it in with
     * replaceDeck(); on failure the current deck stays and deckReloadFailed tells why.
     */
    void reloadDeck();

    /**
     * Lets the session's polls follow the stage: present() loads them (LivePolls::load), reaching a slide
     * offers or opens the polls tied to its page label (LivePolls::slideReached). polls may be null (no
     * audience features) and must outlive this. Failures go out as pollsFailed().
     */
    void setPolls(LivePolls *polls);
    LivePolls *polls() const { return m_polls; }

    /**
     * Lets the Q&A follow the stage: present() loads the session's questions (LiveQuestions::load), ending the
     * session loaded before when it was another one (its questions still shown become unanswered). questions may
     * be null (no audience features) and must outlive this. Failures go out as questionsFailed().
     */
    void setQuestions(LiveQuestions *questions);
    LiveQuestions *questions() const { return m_questions; }
    /** The index of the session on stage among the plan's sessions; -1 before present(). */
    int sessionIndex() const { return m_sessionIndex; }
    int sessionCount() const { return int(m_plan.sessions.size()); }
    /** The agenda now: planned against actual times, and how far the event runs behind. */
    Agenda agenda() const;

    /** The projector's join card (the QR code and join URL over the slide), toggled with `j`. */
    bool isJoinCardShown() const { return m_joinCardShown; }
    void setJoinCardShown(bool shown);
    void toggleJoinCard() { setJoinCardShown(!m_joinCardShown); }
    /**
     * Esc on the projector closes its topmost overlay: the join card, else the revealed chart of the current
     * poll (its results are hidden again). False when neither was shown (then Esc may unblank).
     */
    bool closeTopProjectorOverlay();

    const Session &session() const { return m_session; }
    std::shared_ptr<const SlideDeck> deck() const { return m_deck; }
    bool hasDeck() const { return m_deck != nullptr; }

    /** The page the speaker is on (the console's current slide). */
    int currentPage() const { return m_currentPage; }
    /** The page the projector shows: the current one, or the one frozen on. */
    int projectorPage() const { return m_frozenPage >= 0 ? m_frozenPage : m_currentPage; }
    bool isBlanked() const { return m_blanked; }
    bool isFrozen() const { return m_frozenPage >= 0; }

    void next();
    void previous();
    void first();
    void last();
    /** Goes to a visible page; a hidden page goes to the nearest visible one. */
    void goToPage(int pageIndex);
    /** Goes to slide n (1-based, as shown in "n / N"); out of range is an error with a message. */
    Result<> goToSlide(int slideNumber);

    void setBlanked(bool blanked);
    void toggleBlanked() { setBlanked(!m_blanked); }
    /** Freezes the projector on the page it shows now while the console moves on. */
    void setFrozen(bool frozen);
    void toggleFrozen() { setFrozen(!isFrozen()); }

    SessionClock &clock() { return m_clock; }
    const SessionClock &clock() const { return m_clock; }
    const SlideTimeLog &timeLog() const { return m_timeLog; }
    const Clock &timeSource() const { return m_time; }

Q_SIGNALS:
    /** The speaker's current page changed (also after present() and replaceDeck()). */
    void slideChanged(int pageIndex);
    /** A different deck is on stage (present() or replaceDeck()). */
    void deckChanged();
    /** What the projector shows changed: its page, blank or freeze. */
    void projectorChanged();
    /** Loading the polls, or opening one on reaching its slide, failed; the slides keep working. */
    void pollsFailed(const QString &message);
    /** Loading the session's questions, or ending the previous session's, failed; the slides keep working. */
    void questionsFailed(const QString &message);
    /** A reload did not work, or the deck file was deleted or moved away; the deck on screen is unchanged. */
    void deckReloadFailed(const QString &message);
    /** Another session is on stage (after deckChanged and slideChanged). */
    void sessionChanged(int sessionIndex);
    /** The plan changed, or a session's actual start or end was recorded: the agenda reads differently. */
    void agendaChanged();
    /** Recording the stage failed (the database refused a write); the talk goes on, the record may lag. */
    void stageFailed(const QString &message);

private:
    /** Puts session sessionIndex on stage; restoreStage: as recorded, else from its first page and a reset timer. */
    void enterStage(int sessionIndex, std::shared_ptr<const SlideDeck> deck, bool restoreStage);
    /** The session on stage leaves it for another one: its run ends, its running timer pauses, all recorded. */
    void leaveStage();
    /** Records the session on stage's page and timer. */
    void saveStage();
    /** Records what the timer's change means for the run and the time log (stateChanged). */
    void timerChanged();
    /** A failed write goes out as stageFailed(); true when it worked. */
    bool recorded(const Result<> &result);
    void moveTo(int pageIndex);
    /** Loads the session's polls into m_polls and reaches the current slide; failures go to pollsFailed(). */
    void loadPolls();
    /**
     * Loads the session's questions into m_questions; failures go to questionsFailed(). endPrevious: another
     * session loaded before leaves the stage (its questions still shown become unanswered).
     */
    void loadQuestions(bool endPrevious = true);
    /** Tells m_polls the speaker reached the current page's slide. */
    void reachSlide();
    static int samePlaceIn(const SlideDeck &old, int oldPage, const SlideDeck &updated);

    const Clock &m_time;
    SessionClock m_clock;
    DeckWatcher m_deckWatcher;
    SlideTimeLog m_timeLog;
    Session m_session;
    std::shared_ptr<const SlideDeck> m_deck;
    int m_currentPage = 0;
    int m_frozenPage = -1;
    bool m_blanked = false;
    bool m_joinCardShown = false;
    Event m_plan;
    QString m_planSourcePath;
    int m_sessionIndex = -1;
    QList<SessionRun> m_runs;
    std::unique_ptr<StageStore> m_stage;
    /** The timer as last seen by timerChanged(): tells a start, pause, resume or reset apart. */
    TimerState m_lastTimer;
    /** Set while present() puts a session on stage: its timer's changes are not the speaker's. */
    bool m_enteringStage = false;

    LivePolls *m_polls = nullptr;
    LiveQuestions *m_questions = nullptr;
    int m_reloadGeneration = 0;
};

} // namespace Lectern
