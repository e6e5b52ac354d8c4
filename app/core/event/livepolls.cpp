#include "event/livepolls.h"
#include "event/pollcounts.h"
#include "model/eventfile.h"
#include "storage/database.h"
#include "timer/clock.h"

#include <QLoggingCategory>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

// The event module's category, defined in liveevent.cpp.
Q_DECLARE_LOGGING_CATEGORY(lcEvent)

namespace Lectern {

namespace {

/** A time as the database gives it back: UTC, millisecond precision. */
QDateTime asRecorded(const QDateTime &time)
{
    return QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC);
}

} // namespace

LivePolls::LivePolls(Database &database, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_clock(clock)
    , m_store(database)
    , m_devices(database)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kBatchInterval);
    connect(&m_batchTimer, &QTimer::timeout, this, &LivePolls::flushVotes);
}

LivePolls::~LivePolls()
{
    // Queued votes are still written, but not acknowledged: whoever waits for them may be gone already. A phone
    // that hears nothing sends its vote again, which replaces the stored one.
    if (m_queue.isEmpty())
        return;
    QList<VoteRecord> records;
    records.reserve(m_queue.size());
    for (const QueuedVote &vote : std::as_const(m_queue))
        records.append(vote.record);
    if (const Result<> written = m_store.castVotes(records); !written)
        qCWarning(lcEvent) << "votes queued at shutdown were not saved:" << written.error();
}

Result<> LivePolls::load(const Event &event, int sessionIndex)
{
    if (sessionIndex < 0 || sessionIndex >= event.sessions.size())
        return fail(tr("The event has no session %1.").arg(sessionIndex + 1));
    flushVotes();
    QList<Poll> polls = event.sessions.at(sessionIndex).polls;
    const Result<> registered = m_database.transaction([&]() -> Result<> {
        for (const Poll &poll : std::as_const(polls)) {
            if (const Result<> recorded = m_store.registerPoll(poll.id, sessionIndex); !recorded)
                return recorded;
        }
        return {};
    });
    if (!registered)
        return fail(tr("Cannot load the polls of session %1: %2").arg(sessionIndex + 1).arg(registered.error()));

    // Polls created live during this session come back from their stored definitions, after the declared ones.
    const Result<QList<PollRecord>> records = m_store.polls();
    if (!records)
        return fail(tr("Cannot load the polls of session %1: %2").arg(sessionIndex + 1).arg(records.error()));
    for (const PollRecord &record : *records) {
        if (record.sessionIndex != sessionIndex || record.definition.isEmpty())
            continue;
        const bool declared =
            std::any_of(polls.cbegin(), polls.cend(), [&](const Poll &poll) { return poll.id == record.pollId; });
        if (declared)
            continue; // the event file declares it now: the plan wins
        const Result<Poll> restored = EventFile::parsePoll(record.definition.toUtf8());
        if (!restored || restored->id != record.pollId) {
            qCWarning(lcEvent) << "the poll" << record.pollId << "created live cannot be restored:"
                               << (restored ? u"its definition names another id"_s : restored.error());
            continue;
        }
        polls.append(*restored);
    }
    QHash<QString, PollRecord> sessionRecords;
    for (const PollRecord &record : *records) {
        const bool ours =
            std::any_of(polls.cbegin(), polls.cend(), [&](const Poll &poll) { return poll.id == record.pollId; });
        if (ours)
            sessionRecords.insert(record.pollId, record);
    }
    for (const Poll &poll : std::as_const(polls)) {
        if (!sessionRecords.contains(poll.id)) {
            const QString missing = tr("The poll \"%1\" is missing from the event database.").arg(poll.id);
            return fail(tr("Cannot load the polls of session %1: %2").arg(sessionIndex + 1).arg(missing));
        }
    }
    const Result<QStringList> tokens = m_devices.tokens();
    if (!tokens)
        return fail(tr("Cannot load the polls of session %1: %2").arg(sessionIndex + 1).arg(tokens.error()));

    m_sessionIndex = sessionIndex;
    m_records = sessionRecords;
    m_knownDevices = QSet<QString>(tokens->cbegin(), tokens->cend());
    m_sessionTitle = event.sessions.at(sessionIndex).title;
    m_eventTitle = event.title.isEmpty() ? m_sessionTitle : event.title;
    m_polls = polls;
    m_eventPollIds.clear();
    for (const Session &session : event.sessions) {
        for (const Poll &poll : session.polls)
            m_eventPollIds.insert(poll.id);
    }
    Q_EMIT pollsChanged();
    for (const Poll &poll : std::as_const(m_polls))
        Q_EMIT pollStateChanged(poll.id);
    return {};
}

Result<QString> LivePolls::createPoll(Poll poll)
{
    if (m_sessionIndex < 0)
        return fail(tr("No session is on stage, so no poll can be added yet."));
    const Result<QList<PollRecord>> records = m_store.polls();
    if (!records)
        return fail(tr("Cannot add the poll: %1").arg(records.error()));
    QSet<QString> taken = m_eventPollIds;
    for (const PollRecord &record : *records)
        taken.insert(record.pollId);
    for (const Poll &existing : std::as_const(m_polls))
        taken.insert(existing.id);

    if (poll.id.isEmpty()) {
        int number = 1;
        while (taken.contains(u"live-%1"_s.arg(number)))
            ++number;
        poll.id = u"live-%1"_s.arg(number);
    } else if (taken.contains(poll.id)) {
        return fail(tr("The poll id \"%1\" is already used in this event; choose another one.").arg(poll.id));
    }
    // Options given by their label only get ids from it, as in an event file.
    const bool optionsNeedIds = std::any_of(poll.options.cbegin(), poll.options.cend(),
                                            [](const PollOption &option) { return option.id.isEmpty(); });
    if (optionsNeedIds) {
        if (const Result<Poll> withIds = EventFile::parsePoll(EventFile::serializePoll(poll)))
            poll.options = withIds->options;
    }
    if (const Result<> valid = poll.validate(); !valid)
        return fail(tr("The poll cannot be added: %1").arg(valid.error()));

    // Stored as the event file writes it, and taken back in that form: what a restart restores is what runs now.
    const QByteArray definition = EventFile::serializePoll(poll);
    const Result<Poll> stored = EventFile::parsePoll(definition);
    if (!stored)
        return fail(tr("The poll cannot be added: %1").arg(stored.error()));
    if (const Result<> recorded = m_store.registerPoll(stored->id, m_sessionIndex, QString::fromUtf8(definition));
        !recorded)
        return fail(tr("Cannot add the poll: %1").arg(recorded.error()));
    PollRecord record;
    record.pollId = stored->id;
    record.sessionIndex = m_sessionIndex;
    record.definition = QString::fromUtf8(definition);
    m_records.insert(record.pollId, record);
    m_polls.append(*stored);
    Q_EMIT pollsChanged();
    return stored->id;
}

const Poll *LivePolls::findPoll(const QString &pollId) const
{
    const auto found =
        std::find_if(m_polls.cbegin(), m_polls.cend(), [&](const Poll &poll) { return poll.id == pollId; });
    return found == m_polls.cend() ? nullptr : &*found;
}

std::optional<Poll> LivePolls::poll(const QString &pollId) const
{
    const Poll *found = findPoll(pollId);
    return found ? std::optional<Poll>(*found) : std::nullopt;
}

Result<const Poll *> LivePolls::requirePoll(const QString &pollId) const
{
    const Poll *found = findPoll(pollId);
    if (!found)
        return fail(tr("There is no poll \"%1\" in this session.").arg(pollId));
    return found;
}

Result<PollRecord> LivePolls::recordOf(const QString &pollId) const
{
    if (const Result<const Poll *> poll = requirePoll(pollId); !poll)
        return fail(poll.error());
    const auto record = m_records.constFind(pollId);
    if (record == m_records.cend())
        return fail(tr("The poll \"%1\" is missing from the event database.").arg(pollId));
    return *record;
}

Result<bool> LivePolls::isKnownDevice(const QString &deviceToken)
{
    if (m_knownDevices.contains(deviceToken))
        return true;
    const Result<bool> known = m_devices.contains(deviceToken);
    if (known && *known)
        m_knownDevices.insert(deviceToken);
    return known;
}

Result<std::optional<QString>> LivePolls::openPollId() const
{
    for (const Poll &poll : std::as_const(m_polls)) {
        if (m_records.value(poll.id).state == PollState::Open)
            return std::optional<QString>(poll.id);
    }
    return std::optional<QString>();
}

Result<std::optional<QString>> LivePolls::currentPollId() const
{
    const PollRecord *latest = nullptr;
    for (const Poll &poll : std::as_const(m_polls)) {
        const auto found = m_records.constFind(poll.id);
        if (found == m_records.cend() || found->state == PollState::Draft)
            continue;
        const PollRecord &record = *found;
        if (record.state == PollState::Open)
            return std::optional<QString>(record.pollId);
        if (record.openedAt && (!latest || *record.openedAt > *latest->openedAt))
            latest = &record;
    }
    return latest ? std::optional<QString>(latest->pollId) : std::optional<QString>();
}

Result<std::optional<QStringList>> LivePolls::answerOf(const QString &pollId, const QString &deviceToken) const
{
    if (const Result<const Poll *> poll = requirePoll(pollId); !poll)
        return fail(poll.error());
    return m_store.answerOf(pollId, deviceToken);
}

Result<QHash<QString, QStringList>> LivePolls::answers(const QString &pollId) const
{
    if (const Result<const Poll *> poll = requirePoll(pollId); !poll)
        return fail(poll.error());
    return m_store.answers(pollId);
}

Result<> LivePolls::open(const QString &pollId)
{
    return openClosingOthers(pollId, PollState::Draft);
}

Result<> LivePolls::reopen(const QString &pollId)
{
    return openClosingOthers(pollId, PollState::Closed);
}

Result<> LivePolls::openClosingOthers(const QString &pollId, PollState from)
{
    const Result<PollRecord> record = recordOf(pollId);
    if (!record)
        return fail(record.error());
    if (record->state != from) {
        if (record->state == PollState::Open)
            return fail(tr("The poll \"%1\" is already open.").arg(pollId));
        if (record->state == PollState::Closed)
            return fail(tr("The poll \"%1\" is closed; reopen it to take votes again.").arg(pollId));
        return fail(tr("The poll \"%1\" has not been opened yet; open it first.").arg(pollId));
    }

    // Votes accepted for the poll about to close belong to it: write them before it closes.
    flushVotes();
    const QDateTime now = asRecorded(m_clock.now());
    QStringList closed;
    for (const Poll &poll : std::as_const(m_polls)) {
        if (poll.id != pollId && m_records.value(poll.id).state == PollState::Open)
            closed.append(poll.id);
    }
    const Result<> written = m_database.transaction([&]() -> Result<> {
        for (const QString &other : std::as_const(closed)) {
            if (const Result<> closing = m_store.setState(other, PollState::Closed, now); !closing)
                return closing;
        }
        return m_store.setState(pollId, PollState::Open, now);
    });
    if (!written)
        return fail(tr("Cannot open the poll \"%1\": %2").arg(pollId, written.error()));
    for (const QString &other : std::as_const(closed)) {
        PollRecord &closing = m_records[other];
        closing.state = PollState::Closed;
        closing.closedAt = now;
    }
    PollRecord &opened = m_records[pollId];
    opened.state = PollState::Open;
    opened.openedAt = now;
    opened.closedAt.reset();
    for (const QString &other : std::as_const(closed))
        Q_EMIT pollStateChanged(other);
    Q_EMIT pollStateChanged(pollId);
    return {};
}

Result<> LivePolls::close(const QString &pollId)
{
    const Result<PollRecord> record = recordOf(pollId);
    if (!record)
        return fail(record.error());
    if (record->state == PollState::Draft)
        return fail(tr("The poll \"%1\" has not been opened yet.").arg(pollId));
    if (record->state == PollState::Closed)
        return fail(tr("The poll \"%1\" is already closed.").arg(pollId));

    flushVotes();
    const QDateTime now = asRecorded(m_clock.now());
    if (const Result<> written = m_store.setState(pollId, PollState::Closed, now); !written)
        return fail(tr("Cannot close the poll \"%1\": %2").arg(pollId, written.error()));
    PollRecord &closed = m_records[pollId];
    closed.state = PollState::Closed;
    closed.closedAt = now;
    Q_EMIT pollStateChanged(pollId);
    return {};
}

Result<> LivePolls::setRevealed(const QString &pollId, bool revealed)
{
    const Result<PollRecord> record = recordOf(pollId);
    if (!record)
        return fail(record.error());
    if (record->state == PollState::Draft)
        return fail(tr("The poll \"%1\" has no results to reveal before it has been opened.").arg(pollId));
    if (record->revealed == revealed)
        return {};
    if (const Result<> written = m_store.setRevealed(pollId, revealed); !written)
        return fail(written.error());
    m_records[pollId].revealed = revealed;
    Q_EMIT pollStateChanged(pollId);
    return {};
}

Result<> LivePolls::resetResults(const QString &pollId)
{
    if (const Result<const Poll *> poll = requirePoll(pollId); !poll)
        return fail(poll.error());
    // Votes still queued are rehearsal votes too: write them so that the reset removes them.
    flushVotes();
    if (const Result<> reset = m_store.resetPoll(pollId); !reset)
        return fail(reset.error());
    PollRecord &record = m_records[pollId];
    record.state = PollState::Draft;
    record.revealed = false;
    record.openedAt.reset();
    record.closedAt.reset();
    Q_EMIT pollStateChanged(pollId);
    Q_EMIT resultsChanged(pollId);
    return {};
}

Result<> LivePolls::setAnswerHidden(const QString &pollId, const QString &answer, bool hidden)
{
    const Result<const Poll *> poll = requirePoll(pollId);
    if (!poll)
        return fail(poll.error());
    QString counted;
    if ((*poll)->kind == Poll::Kind::WordCloud) {
        const Result<QString> word = normalizeWordCloudAnswer(answer);
        if (!word)
            return fail(word.error());
        counted = *word;
    } else if ((*poll)->kind == Poll::Kind::OpenText) {
        counted = answer.trimmed();
    } else {
        return fail(tr("Only word-cloud and open-text answers can be hidden."));
    }
    if (const Result<> written = m_store.setAnswerHidden(pollId, counted, hidden, m_clock.now()); !written)
        return fail(written.error());
    Q_EMIT resultsChanged(pollId);
    return {};
}

Result<> LivePolls::slideReached(const QString &pageLabel)
{
    if (pageLabel.isEmpty())
        return {};
    bool opened = false;
    for (const Poll &poll : std::as_const(m_polls)) {
        if (poll.slideLabel != pageLabel)
            continue;
        const Result<PollRecord> record = recordOf(poll.id);
        if (!record)
            return fail(record.error());
        if (record->state == PollState::Open)
            continue;
        // A closed poll is only offered: reopening it on a revisit is the speaker's decision.
        if (!opened && poll.onSlide == Poll::SlideAction::Open && record->state == PollState::Draft) {
            if (const Result<> opening = open(poll.id); !opening)
                return opening;
            opened = true;
            continue;
        }
        Q_EMIT pollOffered(poll.id);
    }
    return {};
}

Result<QStringList> LivePolls::validAnswer(const Poll &poll, const QStringList &answer) const
{
    if (answer.isEmpty())
        return fail(tr("Choose an answer."));
    switch (poll.kind) {
    case Poll::Kind::SingleChoice:
    case Poll::Kind::MultipleChoice: {
        if (poll.kind == Poll::Kind::SingleChoice && answer.size() > 1)
            return fail(tr("Choose one answer."));
        const int limit = poll.choiceLimit();
        if (answer.size() > limit)
            return fail(tr("Choose at most %n answers.", nullptr, limit));
        QSet<QString> chosen;
        for (const QString &optionId : answer) {
            const bool known = std::any_of(poll.options.cbegin(), poll.options.cend(),
                                           [&](const PollOption &option) { return option.id == optionId; });
            if (!known)
                return fail(tr("That is not one of the answers of this poll."));
            if (chosen.contains(optionId))
                return fail(tr("Each answer can be chosen only once."));
            chosen.insert(optionId);
        }
        return answer;
    }
    case Poll::Kind::Rating: {
        bool isNumber = false;
        const int rating = answer.size() == 1 ? answer.constFirst().toInt(&isNumber) : 0;
        if (!isNumber || rating < Poll::kRatingLowest || rating > Poll::kRatingHighest)
            return fail(tr("Give a rating from %1 to %2.").arg(Poll::kRatingLowest).arg(Poll::kRatingHighest));
        return QStringList{QString::number(rating)};
    }
    case Poll::Kind::WordCloud: {
        if (answer.size() != 1)
            return fail(tr("Send one answer."));
        const Result<QString> word = normalizeWordCloudAnswer(answer.constFirst());
        if (!word)
            return fail(word.error());
        return QStringList{*word};
    }
    case Poll::Kind::OpenText: {
        if (answer.size() != 1)
            return fail(tr("Send one answer."));
        const QString text = answer.constFirst().trimmed();
        if (text.isEmpty())
            return fail(tr("Write an answer."));
        if (const qsizetype length = characterCount(text); length > kMaxOpenTextLength)
            return fail(tr("Keep it to %1 characters or fewer (this is %2).").arg(kMaxOpenTextLength).arg(length));
        return QStringList{text};
    }
    }
    Q_UNREACHABLE();
}

Result<> LivePolls::castVote(const QString &deviceToken, const QString &pollId, const QStringList &answer,
                             Acknowledge acknowledge)
{
    Q_ASSERT(acknowledge);
    const Poll *poll = findPoll(pollId);
    if (!poll)
        return fail(tr("There is no poll \"%1\" in this session.").arg(pollId));
    const Result<PollRecord> record = recordOf(pollId);
    if (!record)
        return fail(record.error());
    if (record->state == PollState::Draft)
        return fail(tr("This poll has not started yet."));
    if (record->state == PollState::Closed)
        return fail(tr("This poll is closed."));
    // An unknown device would make the whole batch fail (the votes table refers to the devices), so it is
    // refused here, alone.
    const Result<bool> known = isKnownDevice(deviceToken);
    if (!known)
        return fail(known.error());
    if (!*known)
        return fail(tr("This phone is not registered with the event; reload the page to join again."));
    Result<QStringList> valid = validAnswer(*poll, answer);
    if (!valid)
        return fail(valid.error());

    m_queue.append({VoteRecord{pollId, deviceToken, std::move(*valid), m_clock.now()}, std::move(acknowledge)});
    if (m_queue.size() >= kMaxBatchSize)
        flushVotes();
    else if (!m_batchTimer.isActive())
        m_batchTimer.start();
    return {};
}

Result<QStringList> LivePolls::answerAsRecorded(const QString &pollId, const QStringList &answer) const
{
    const Result<const Poll *> poll = requirePoll(pollId);
    if (!poll)
        return fail(poll.error());
    return validAnswer(**poll, answer);
}

void LivePolls::flushVotes()
{
    m_batchTimer.stop();
    if (m_queue.isEmpty())
        return;
    // Taken out first: an acknowledgement may cast the next vote, which then starts a new batch.
    const QList<QueuedVote> batch = std::exchange(m_queue, {});
    QList<VoteRecord> records;
    records.reserve(batch.size());
    for (const QueuedVote &vote : batch)
        records.append(vote.record);

    // Later votes of a device in the batch replace its earlier ones (PollStore's upsert): it counts once.
    const Result<> written = m_store.castVotes(records);
    if (!written) {
        const QString message = tr("The vote could not be saved; please send it again. (%1)").arg(written.error());
        qCWarning(lcEvent) << "a batch of" << batch.size() << "votes failed:" << written.error();
        for (const QueuedVote &vote : batch)
            vote.acknowledge(fail(message));
        Q_EMIT votesFailed(message);
        return;
    }
    // What the database holds now for each device and poll of the batch: its last vote in the batch.
    QHash<std::pair<QString, QString>, QStringList> recorded;
    for (const VoteRecord &record : std::as_const(records))
        recorded.insert({record.pollId, record.deviceToken}, record.answer);
    QSet<QString> changedPolls;
    for (const QueuedVote &vote : batch) {
        changedPolls.insert(vote.record.pollId);
        vote.acknowledge(recorded.value({vote.record.pollId, vote.record.deviceToken}));
    }
    // The model is told right after the commit, once per poll of the batch: batches are kBatchInterval apart
    // unless they fill up, so this is at most 1 s / kBatchInterval + votes / kMaxBatchSize signals a second.
    QStringList changed(changedPolls.cbegin(), changedPolls.cend());
    changed.sort();
    for (const QString &pollId : std::as_const(changed))
        Q_EMIT resultsChanged(pollId);
}

Result<PollResults> LivePolls::results(const QString &pollId) const
{
    const Result<const Poll *> found = requirePoll(pollId);
    if (!found)
        return fail(found.error());
    const Poll &poll = **found;
    const Result<PollRecord> record = recordOf(pollId);
    if (!record)
        return fail(record.error());
    return countPollResults(m_store, poll, *record);
}

} // namespace Lectern
