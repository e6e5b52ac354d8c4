#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "model/event.h"

#include <QFutureWatcher>
#include <QLoggingCategory>

#include <utility>

Q_LOGGING_CATEGORY(lcEvent, "lectern.event")

namespace Lectern {

LiveEvent::LiveEvent(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_time(clock)
    , m_clock(clock)
{
    connect(&m_deckWatcher, &DeckWatcher::deckEdited, this, &LiveEvent::reloadDeck);
    // The time log follows the timer: a pause or reset closes the open visit so rehearsal figures stay true.
    connect(&m_clock, &SessionClock::stateChanged, this, [this] {
        if (!m_clock.isStarted()) {
            m_timeLog.clear();
        } else if (m_clock.isPaused()) {
            m_timeLog.close(m_time.now());
        } else if (m_deck) {
            m_timeLog.recordShown(m_currentPage, m_deck->page(m_currentPage).label, m_time.now());
        }
    });
}

void LiveEvent::present(const Session &session, std::shared_ptr<const SlideDeck> deck)
{
    Q_ASSERT(deck);
    // Another talk's deck (Ctrl+O) is the next session on stage: the talk before it leaves the stage, and its
    // questions still shown are kept as unanswered. Until events have sessions of their own (issue 6) both
    // talks share the session index, so the next talk starts with an empty queue.
    const bool anotherTalk = m_deck && m_deck->path() != deck->path();
    if (anotherTalk && m_questions && m_questions->sessionIndex() >= 0) {
        if (const Result<> ended = m_questions->endSession(); !ended) {
            qCWarning(lcEvent) << "the previous talk's questions were not closed:" << ended.error();
            Q_EMIT questionsFailed(ended.error());
        }
    }
    m_session = session;
    m_deck = std::move(deck);
    m_frozenPage = -1;
    m_blanked = false;
    ++m_reloadGeneration; // a reload of the previous deck still running must not replace this one
    m_clock.reset();
    m_clock.setPlan(session.timing);
    m_currentPage = m_deck->firstVisiblePage();
    m_deckWatcher.watch(m_deck->path());
    loadPolls();
    loadQuestions();
    Q_EMIT deckChanged();
    Q_EMIT slideChanged(m_currentPage);
    Q_EMIT projectorChanged();
}

void LiveEvent::replaceDeck(std::shared_ptr<const SlideDeck> deck)
{
    Q_ASSERT(deck);
    const std::shared_ptr<const SlideDeck> old = std::exchange(m_deck, std::move(deck));
    const QString oldLabel = old ? old->page(m_currentPage).label : QString();
    m_currentPage = old ? samePlaceIn(*old, m_currentPage, *m_deck) : m_deck->firstVisiblePage();
    if (m_frozenPage >= 0)
        m_frozenPage = old ? samePlaceIn(*old, m_frozenPage, *m_deck) : m_currentPage;
    if (m_deck->page(m_currentPage).label != oldLabel)
        reachSlide();
    Q_EMIT deckChanged();
    Q_EMIT slideChanged(m_currentPage);
    Q_EMIT projectorChanged();
}

void LiveEvent::setPolls(LivePolls *polls)
{
    if (m_polls == polls)
        return;
    m_polls = polls;
    if (m_deck)
        loadPolls();
}

void LiveEvent::loadPolls()
{
    if (!m_polls)
        return;
    // LiveEvent knows the session on stage only: to the polls it is an event of that one session.
    Event event;
    event.sessions = {m_session};
    if (const Result<> loaded = m_polls->load(event, kSessionIndex); !loaded) {
        qCWarning(lcEvent) << "polls not loaded:" << loaded.error();
        Q_EMIT pollsFailed(loaded.error());
        return;
    }
    reachSlide();
}

void LiveEvent::setQuestions(LiveQuestions *questions)
{
    if (m_questions == questions)
        return;
    m_questions = questions;
    if (m_deck)
        loadQuestions();
}

void LiveEvent::loadQuestions()
{
    if (!m_questions)
        return;
    const int loadedSession = m_questions->sessionIndex();
    if (loadedSession >= 0 && loadedSession != kSessionIndex) {
        // Another session leaves the stage: its questions still shown are kept as unanswered. Should that fail,
        // the new session's questions still load; the speaker hears why.
        if (const Result<> ended = m_questions->endSession(); !ended) {
            qCWarning(lcEvent) << "the previous session's questions were not closed:" << ended.error();
            Q_EMIT questionsFailed(ended.error());
        }
    }
    if (const Result<> loaded = m_questions->load(kSessionIndex); !loaded) {
        qCWarning(lcEvent) << "questions not loaded:" << loaded.error();
        Q_EMIT questionsFailed(loaded.error());
    }
}

void LiveEvent::reachSlide()
{
    if (!m_polls || !m_deck)
        return;
    if (const Result<> reached = m_polls->slideReached(m_deck->page(m_currentPage).label); !reached) {
        qCWarning(lcEvent) << "reaching the slide's polls failed:" << reached.error();
        Q_EMIT pollsFailed(reached.error());
    }
}

void LiveEvent::setJoinCardShown(bool shown)
{
    if (m_joinCardShown == shown)
        return;
    m_joinCardShown = shown;
    Q_EMIT projectorChanged();
}

bool LiveEvent::closeTopProjectorOverlay()
{
    if (m_joinCardShown) {
        setJoinCardShown(false);
        return true;
    }
    if (!m_polls)
        return false;
    const Result<std::optional<QString>> current = m_polls->currentPollId();
    if (!current) {
        Q_EMIT pollsFailed(current.error());
        return false;
    }
    if (!*current)
        return false;
    const Result<PollResults> results = m_polls->results(**current);
    if (!results) {
        Q_EMIT pollsFailed(results.error());
        return false;
    }
    if (!results->revealed)
        return false;
    // The chart was on screen: Esc was meant for it, even if hiding it fails (then the speaker hears why).
    if (const Result<> hidden = m_polls->setRevealed(**current, false); !hidden)
        Q_EMIT pollsFailed(hidden.error());
    return true;
}

int LiveEvent::samePlaceIn(const SlideDeck &old, int oldPage, const SlideDeck &updated)
{
    // The same slide label, and the same overlay step of it when the slide still has that many steps.
    const QString label = old.page(oldPage).label;
    const int firstStep = updated.pageWithLabel(label);
    if (firstStep < 0)
        return updated.nearestVisiblePage(qMin(oldPage, updated.pageCount() - 1));
    const int step = qMax(0, oldPage - old.pageWithLabel(label));
    const int candidate = firstStep + step;
    if (candidate < updated.pageCount() && updated.page(candidate).label == label)
        return updated.nearestVisiblePage(candidate);
    return firstStep;
}

void LiveEvent::reloadDeck()
{
    if (!m_deck)
        return;
    const QString path = m_deck->path();
    const QByteArray password = m_deck->password();
    const int generation = ++m_reloadGeneration;
    auto *watcher = new QFutureWatcher<tl::expected<std::shared_ptr<const SlideDeck>, DeckOpenError>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_reloadGeneration)
            return; // a newer reload or another deck won
        const auto opened = watcher->result();
        if (!opened) {
            qCWarning(lcEvent) << "reload failed:" << opened.error().message;
            Q_EMIT deckReloadFailed(opened.error().message);
            return;
        }
        replaceDeck(*opened);
    });
    watcher->setFuture(SlideDeck::openInBackground(path, password));
}

void LiveEvent::next()
{
    if (m_deck)
        moveTo(m_deck->nextPage(m_currentPage));
}

void LiveEvent::previous()
{
    if (m_deck)
        moveTo(m_deck->previousPage(m_currentPage));
}

void LiveEvent::first()
{
    if (m_deck)
        moveTo(m_deck->firstVisiblePage());
}

void LiveEvent::last()
{
    if (m_deck)
        moveTo(m_deck->lastVisiblePage());
}

void LiveEvent::goToPage(int pageIndex)
{
    if (m_deck && pageIndex >= 0 && pageIndex < m_deck->pageCount())
        moveTo(m_deck->nearestVisiblePage(pageIndex));
}

Result<> LiveEvent::goToSlide(int slideNumber)
{
    if (!m_deck)
        return fail(tr("No deck is open."));
    const int page = m_deck->firstPageOfSlide(slideNumber);
    if (page < 0)
        return fail(
            tr("There is no slide %1: the deck has slides 1 to %2.").arg(slideNumber).arg(m_deck->slideCount()));
    moveTo(page);
    return {};
}

void LiveEvent::setBlanked(bool blanked)
{
    if (m_blanked == blanked)
        return;
    m_blanked = blanked;
    Q_EMIT projectorChanged();
}

void LiveEvent::setFrozen(bool frozen)
{
    if (isFrozen() == frozen)
        return;
    m_frozenPage = frozen ? m_currentPage : -1;
    Q_EMIT projectorChanged();
}

void LiveEvent::moveTo(int pageIndex)
{
    if (pageIndex == m_currentPage)
        return;
    const QString previousLabel = m_deck->page(m_currentPage).label;
    m_currentPage = pageIndex;
    // Overlay steps of one slide share its label: its polls are reached once, on arrival.
    if (m_deck->page(m_currentPage).label != previousLabel)
        reachSlide();
    // The timer starts with the first slide change, as in pdfpc.
    if (!m_clock.isStarted())
        m_clock.start();
    else if (!m_clock.isPaused())
        m_timeLog.recordShown(m_currentPage, m_deck->page(m_currentPage).label, m_time.now());
    Q_EMIT slideChanged(m_currentPage);
    if (!isFrozen())
        Q_EMIT projectorChanged();
}

} // namespace Lectern
