#pragma once

#include "model/session.h"
#include "result.h"
#include "slides/deckwatcher.h"
#include "slides/slidedeck.h"
#include "timer/clock.h"
#include "timer/sessionclock.h"
#include "timer/slidetimelog.h"

#include <QObject>

#include <memory>

namespace Lectern {

class LivePolls;
class LiveQuestions;

/**
 * The live state of the talk on stage: the deck, the current page, what the projector shows (blank,
 * frozen), the session timer and the per-slide time log. The one place that changes that state; views pull
 * from it when it signals and it never names a view.
 */
class LiveEvent : public QObject
{
    Q_OBJECT

public:
    explicit LiveEvent(const Clock &clock, QObject *parent = nullptr);

    /**
     * Puts a session on stage with its opened deck: first visible page, timer reset to the plan. The deck
     * file is watched from then on: an edit reloads it (see reloadDeck()).
     */
    void present(const Session &session, std::shared_ptr<const SlideDeck> deck);
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
    /** The index of the session on stage among the event's sessions: 0, as present() puts one session on stage. */
    int sessionIndex() const { return kSessionIndex; }

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
    /** A reload did not work; the deck on screen is unchanged. */
    void deckReloadFailed(const QString &message);

private:
    void moveTo(int pageIndex);
    /** Loads the session's polls into m_polls and reaches the current slide; failures go to pollsFailed(). */
    void loadPolls();
    /** Loads the session's questions into m_questions; failures go to questionsFailed(). */
    void loadQuestions();
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
    /** LiveEvent knows the session on stage only: to polls and questions it is session 0 of a one-session event. */
    static constexpr int kSessionIndex = 0;

    LivePolls *m_polls = nullptr;
    LiveQuestions *m_questions = nullptr;
    int m_reloadGeneration = 0;
};

} // namespace Lectern
