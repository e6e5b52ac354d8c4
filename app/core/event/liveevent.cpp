#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "model/event.h"
#include "model/eventfile.h"
#include "storage/stagestore.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>

#include <QLoggingCategory>
#include <functional>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcEvent, "lectern.event")

using namespace Qt::StringLiterals;

namespace Lectern {

LiveEvent::LiveEvent(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_time(clock)
    , m_clock(clock)
{
    connect(&m_deckWatcher, &DeckWatcher::deckEdited, this, &LiveEvent::reloadDeck);
    connect(&m_deckWatcher, &DeckWatcher::deckRemoved, this, [this](const QString &deckPath) {
        qCWarning(lcEvent) << "the deck file is gone:" << deckPath;
        Q_EMIT deckReloadFailed(tr("The deck file %1 was deleted or moved away. The slides on screen stay as they were "
                                   "loaded; put the file back to reload it.")
                                    .arg(QDir::toNativeSeparators(deckPath)));
    });
    connect(&m_clock, &SessionClock::stateChanged, this, &LiveEvent::timerChanged);
}

LiveEvent::~LiveEvent() = default;

void LiveEvent::setDatabase(Database *database)
{
    m_stage = database ? std::make_unique<StageStore>(*database) : nullptr;
    m_runs.clear();
    if (!m_stage)
        return;
    const Result<QList<SessionRun>> runs = m_stage->runs();
    if (!runs) {
        recorded(fail(runs.error()));
        return;
    }
    m_runs = *runs;
}

std::optional<int> LiveEvent::recordedSessionIndex() const
{
    if (!m_stage)
        return std::nullopt;
    const Result<std::optional<int>> index = m_stage->sessionOnStage();
    if (!index)
        return std::nullopt;
    return *index;
}

bool LiveEvent::recorded(const Result<> &result)
{
    if (result)
        return true;
    qCWarning(lcEvent) << "the stage was not recorded:" << result.error();
    Q_EMIT stageFailed(result.error());
    return false;
}

void LiveEvent::setPlan(const Event &plan, const QString &sourcePath)
{
    m_plan = plan;
    m_planSourcePath = sourcePath;
    if (m_stage)
        recorded(m_stage->savePlan(StoredPlan{sourcePath, EventFile::serialize(m_plan), m_time.now()}));
    Q_EMIT agendaChanged();
}

Result<> LiveEvent::openPlan(const Event &plan, const QString &sourcePath)
{
    Q_ASSERT(m_sessionIndex < 0); // before any session is on stage
    const Result<std::optional<StoredPlan>> stored =
        m_stage ? m_stage->plan() : Result<std::optional<StoredPlan>>(std::nullopt);
    if (!stored)
        return fail(stored.error());
    std::optional<Event> recorded;
    if (*stored) {
        if (Result<Event> parsed = EventFile::parse((*stored)->json, QString()); parsed)
            recorded = std::move(*parsed);
    }
    if (!recorded || *recorded == plan) {
        setPlan(plan, sourcePath);
        return {};
    }
    // The file changed since the record was made: each session's record follows it to its new place, found by its
    // deck and title, else its title, else its deck (a session found nowhere is new).
    QList<int> previousIndexOf(plan.sessions.size(), -1);
    QList<bool> taken(recorded->sessions.size(), false);
    const auto match = [&](const std::function<bool(const Session &, const Session &)> &same) {
        for (int i = 0; i < plan.sessions.size(); ++i) {
            for (int old = 0; old < recorded->sessions.size() && previousIndexOf.at(i) < 0; ++old) {
                if (!taken.at(old) && same(plan.sessions.at(i), recorded->sessions.at(old))) {
                    previousIndexOf[i] = old;
                    taken[old] = true;
                }
            }
        }
    };
    match([](const Session &a, const Session &b) { return a.deckPath == b.deckPath && a.title == b.title; });
    match([](const Session &a, const Session &b) { return !a.title.isEmpty() && a.title == b.title; });
    match([](const Session &a, const Session &b) { return !a.deckPath.isEmpty() && a.deckPath == b.deckPath; });
    m_plan = *recorded;
    m_planSourcePath = sourcePath;
    if (const Result<> replaced = replacePlan(plan, previousIndexOf); !replaced)
        return fail(tr("The event file no longer matches its record: %1 Put the session back in the file, or give "
                       "another database.")
                        .arg(replaced.error()));
    return {};
}

QString LiveEvent::recordedSummary(int sessionIndex) const
{
    if (!m_stage)
        return {};
    const Result<SessionRecordCounts> counts = m_stage->recordCounts(sessionIndex);
    if (!counts)
        return counts.error();
    QStringList parts;
    if (counts->started)
        parts.append(tr("its talk has begun"));
    if (counts->questions > 0)
        parts.append(tr("questions: %1").arg(counts->questions));
    if (counts->pollsRun > 0)
        parts.append(tr("polls run: %1").arg(counts->pollsRun));
    if (counts->votes > 0)
        parts.append(tr("votes: %1").arg(counts->votes));
    return parts.join(tr(", "));
}

Result<> LiveEvent::replacePlan(const Event &plan, const QList<int> &previousIndexOf)
{
    if (plan.sessions.isEmpty())
        return fail(tr("An event needs at least one session."));
    if (previousIndexOf.size() != plan.sessions.size())
        return fail(tr("The edited plan does not say where its sessions came from."));
    // The edited plan obeys the event file's rules (the file is written from it, and exports read it back).
    if (const Result<Event> valid = EventFile::parse(EventFile::serialize(plan), QString()); !valid)
        return fail(valid.error());
    QList<int> newIndexOf(m_plan.sessions.size(), -1);
    for (int i = 0; i < previousIndexOf.size(); ++i) {
        const int old = previousIndexOf.at(i);
        if (old < -1 || old >= newIndexOf.size() || (old >= 0 && newIndexOf.at(old) >= 0))
            return fail(tr("The edited plan names session %1 twice or one that does not exist.").arg(old + 1));
        if (old >= 0)
            newIndexOf[old] = i;
    }
    for (int old = 0; old < newIndexOf.size(); ++old) {
        if (newIndexOf.at(old) >= 0)
            continue;
        const QString title = m_plan.sessions.at(old).title;
        if (old == m_sessionIndex)
            return fail(tr("“%1” is on stage and cannot be removed: move to another session first.").arg(title));
        if (const QString summary = recordedSummary(old); !summary.isEmpty())
            return fail(tr("“%1” cannot be removed, its record holds: %2.").arg(title, summary));
    }
    if (m_stage) {
        if (const Result<> moved = m_stage->renumberSessions(newIndexOf); !moved)
            return moved;
        const Result<QList<SessionRun>> runs = m_stage->runs();
        if (runs)
            m_runs = *runs;
    } else {
        for (SessionRun &run : m_runs)
            run.sessionIndex = newIndexOf.value(run.sessionIndex, -1);
        m_runs.removeIf([](const SessionRun &run) { return run.sessionIndex < 0; });
    }
    m_plan = plan;
    if (m_stage) {
        if (const Result<> saved =
                m_stage->savePlan(StoredPlan{m_planSourcePath, EventFile::serialize(m_plan), m_time.now()});
            !saved)
            return saved;
    }
    Q_EMIT agendaChanged();
    if (m_sessionIndex >= 0) {
        m_sessionIndex = newIndexOf.at(m_sessionIndex);
        const QString title = m_session.title;
        m_session = m_plan.sessions.at(m_sessionIndex);
        if (m_session.title.isEmpty())
            m_session.title = title;
        m_clock.setPlan(m_session.timing);
        loadPolls();
        loadQuestions(false);
        Q_EMIT sessionChanged(m_sessionIndex);
    }
    return {};
}

Agenda LiveEvent::agenda() const
{
    return Agenda::compute(m_plan, m_runs, m_sessionIndex, m_time.now());
}

void LiveEvent::present(const Session &session, std::shared_ptr<const SlideDeck> deck)
{
    Event event;
    event.sessions = {session};
    setPlan(event, session.deckPath);
    present(0, std::move(deck));
}

void LiveEvent::present(int sessionIndex, std::shared_ptr<const SlideDeck> deck)
{
    Q_ASSERT(deck && sessionIndex >= 0 && sessionIndex < m_plan.sessions.size());
    if (m_sessionIndex >= 0 && m_sessionIndex != sessionIndex)
        leaveStage();
    else if (m_sessionIndex == sessionIndex)
        saveStage(); // the same session again (its deck was edited in the plan): it goes on from here
    enterStage(sessionIndex, std::move(deck), true);
}

void LiveEvent::presentOtherDeck(std::shared_ptr<const SlideDeck> deck)
{
    Q_ASSERT(deck && m_sessionIndex >= 0);
    // Another deck starts over: the timer is reset as the speaker's own reset would be (the run and the time log
    // of the deck before are forgotten, in memory and in the record).
    m_clock.reset();
    m_plan.sessions[m_sessionIndex].deckPath = deck->path();
    setPlan(m_plan, m_planSourcePath);
    enterStage(m_sessionIndex, std::move(deck), false);
}

void LiveEvent::leaveStage()
{
    if (m_clock.isStarted()) {
        const QDateTime now = m_time.now();
        m_clock.pause(); // the talk's time is kept for a return to it; timerChanged() closes the visit
        if (m_stage)
            recorded(m_stage->recordSessionEnd(m_sessionIndex, now));
        auto run = std::find_if(m_runs.begin(), m_runs.end(),
                                [this](const SessionRun &r) { return r.sessionIndex == m_sessionIndex; });
        if (run != m_runs.end())
            run->endedAt = now;
    }
    saveStage();
}

void LiveEvent::saveStage()
{
    if (m_stage && m_sessionIndex >= 0 && m_deck)
        recorded(m_stage->saveSessionStage(SessionStage{m_sessionIndex, m_currentPage, m_clock.state()}));
}

void LiveEvent::enterStage(int sessionIndex, std::shared_ptr<const SlideDeck> deck, bool restoreStage)
{
    std::optional<SessionStage> stage;
    QList<RecordedVisit> visits;
    if (m_stage && restoreStage) {
        const Result<std::optional<SessionStage>> read = m_stage->sessionStage(sessionIndex);
        const Result<QList<RecordedVisit>> readVisits = m_stage->visits(sessionIndex);
        if (!read)
            recorded(fail(read.error()));
        else if (!readVisits)
            recorded(fail(readVisits.error()));
        else {
            stage = *read;
            visits = *readVisits;
        }
    }

    m_enteringStage = true;
    m_sessionIndex = sessionIndex;
    m_session = m_plan.sessions.at(sessionIndex);
    if (m_session.title.isEmpty())
        m_session.title = deck->title().isEmpty() ? QFileInfo(deck->path()).completeBaseName() : deck->title();
    m_deck = std::move(deck);
    m_frozenPage = -1;
    m_blanked = false;
    ++m_reloadGeneration; // a reload of the previous deck still running must not replace this one
    m_clock.reset();
    m_clock.setPlan(m_session.timing);
    m_timeLog.clear();
    if (stage) {
        m_currentPage = m_deck->nearestVisiblePage(qBound(0, stage->pageIndex, m_deck->pageCount() - 1));
        m_clock.restore(stage->timer);
        m_timeLog.restore(visits);
    } else {
        m_currentPage = m_deck->firstVisiblePage();
    }
    m_lastTimer = m_clock.state();
    m_enteringStage = false;

    if (m_stage)
        recorded(m_stage->setSessionOnStage(sessionIndex));
    saveStage();
    m_deckWatcher.watch(m_deck->path());
    loadPolls();
    loadQuestions();
    Q_EMIT deckChanged();
    Q_EMIT slideChanged(m_currentPage);
    Q_EMIT projectorChanged();
    Q_EMIT sessionChanged(m_sessionIndex);
    Q_EMIT agendaChanged();
}

void LiveEvent::timerChanged()
{
    if (m_enteringStage)
        return;
    const TimerState now = m_clock.state();
    const TimerState before = std::exchange(m_lastTimer, now);
    const bool started = now.startedAt && now.startedAt != before.startedAt;
    const bool wasReset = before.startedAt && !now.startedAt;
    const bool paused = now.pausedAt && !before.pausedAt;
    const bool resumed = !now.pausedAt && before.pausedAt && now.startedAt;
    // The time log follows the timer: a pause or reset closes the open visit so rehearsal figures stay true.
    if (wasReset) {
        m_timeLog.clear();
        m_runs.removeIf([this](const SessionRun &run) { return run.sessionIndex == m_sessionIndex; });
        if (m_stage)
            recorded(m_stage->clearSessionRun(m_sessionIndex));
        Q_EMIT agendaChanged();
    } else if (paused) {
        m_timeLog.close(*now.pausedAt);
        if (m_stage)
            recorded(m_stage->closeVisit(m_sessionIndex, *now.pausedAt));
    } else if ((started || resumed) && m_deck) {
        const QDateTime at = m_time.now();
        const QString label = m_deck->page(m_currentPage).label;
        m_timeLog.recordShown(m_currentPage, label, at);
        if (m_stage)
            recorded(m_stage->recordVisit(m_sessionIndex, m_currentPage, label, at));
        if (started) {
            auto run = std::find_if(m_runs.begin(), m_runs.end(),
                                    [this](const SessionRun &r) { return r.sessionIndex == m_sessionIndex; });
            if (run == m_runs.end())
                m_runs.append(SessionRun{m_sessionIndex, now.startedAt, std::nullopt});
            else if (!run->startedAt)
                run->startedAt = now.startedAt;
            if (m_stage)
                recorded(m_stage->recordSessionStart(m_sessionIndex, *now.startedAt));
            Q_EMIT agendaChanged();
        }
    }
    if (before != now)
        saveStage();
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
    saveStage();
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
    if (m_sessionIndex < 0)
        return;
    Event event = m_plan;
    event.sessions[m_sessionIndex] = m_session;
    if (const Result<> loaded = m_polls->load(event, m_sessionIndex); !loaded) {
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

void LiveEvent::loadQuestions(bool endPrevious)
{
    if (!m_questions || m_sessionIndex < 0)
        return;
    const int loadedSession = m_questions->sessionIndex();
    if (endPrevious && loadedSession >= 0 && loadedSession != m_sessionIndex) {
        // Another session leaves the stage: its questions still shown are kept as unanswered. Should that fail,
        // the new session's questions still load; the speaker hears why.
        if (const Result<> ended = m_questions->endSession(); !ended) {
            qCWarning(lcEvent) << "the previous session's questions were not closed:" << ended.error();
            Q_EMIT questionsFailed(ended.error());
        }
    }
    if (const Result<> loaded = m_questions->load(m_sessionIndex); !loaded) {
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
    // The timer starts with the first slide change, as in pdfpc (timerChanged() then logs the slide and records it).
    if (!m_clock.isStarted()) {
        m_clock.start();
    } else {
        if (!m_clock.isPaused()) {
            const QDateTime at = m_time.now();
            const QString label = m_deck->page(m_currentPage).label;
            m_timeLog.recordShown(m_currentPage, label, at);
            if (m_stage)
                recorded(m_stage->recordVisit(m_sessionIndex, m_currentPage, label, at));
        }
        saveStage();
    }
    Q_EMIT slideChanged(m_currentPage);
    if (!isFrozen())
        Q_EMIT projectorChanged();
}

} // namespace Lectern
