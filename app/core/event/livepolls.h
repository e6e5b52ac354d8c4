#pragma once

#include "model/event.h"
#include "model/poll.h"
#include "result.h"
#include "storage/devicestore.h"
#include "storage/pollstore.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace Lectern {

class Clock;
class Database;

/** How many devices gave one answer. */
struct AnswerCount
{
    QString answer; ///< an option id, a rating ("1"…"5"), a normalised word or an open-text answer
    int count = 0;

    friend bool operator==(const AnswerCount &, const AnswerCount &) = default;
};

/** A poll's results as the database has them now: derived from the votes, never a kept counter. */
struct PollResults
{
    QString pollId;
    Poll::Kind kind = Poll::Kind::SingleChoice;
    PollState state = PollState::Draft;
    bool revealed = false;
    /** Devices that answered, hidden answers included. */
    int voterCount = 0;
    /**
     * Choice polls: every option in declared order (zero counts included); rating: "1" to "5"; word cloud and
     * open text: the answers given, most frequent first, without the hidden ones.
     */
    QList<AnswerCount> counts;
    /** Word cloud and open text: the answers kept off the projector. */
    QStringList hiddenAnswers;

    friend bool operator==(const PollResults &, const PollResults &) = default;
};

/**
 * The one writer of the poll state of the session on stage: opens, closes and reveals its polls, validates
 * and records votes in batched transactions, and signals changes for views to pull results(). Everything is
 * written through PollStore and committed before it is acknowledged or signalled. Lives in the thread that
 * owns the Database.
 *
 * Being the one writer of the polls' states, it keeps the session's poll records (state, revealed, times) in
 * memory, read at load() and updated after each of its own commits, and knows the event's device tokens: a vote
 * is checked without reading the database (a token issued since load(), by AudienceRoom, costs one lookup).
 *
 * Only one poll of the session is open at a time: opening (or reopening) a poll closes the one that is open,
 * in the same transaction, so the speaker never has to close by hand before moving on.
 */
class LivePolls : public QObject
{
    Q_OBJECT

public:
    /**
     * Called once for a vote castVote() queued: after the batch holding it is committed, with the answer the
     * database then holds for the device (normalised as counted; a later vote of the same device in the same
     * batch replaces an earlier one, so both are acknowledged with the later answer), or with the error when
     * the batch failed (then none of the batch is stored).
     */
    using Acknowledge = std::function<void(Result<QStringList>)>;

    /**
     * Votes waiting longer than this are written: a batch is committed at most this long after its first vote,
     * and batches are at least this far apart unless one fills up.
     */
    static constexpr std::chrono::milliseconds kBatchInterval{10};
    /** A batch this large is written at once. */
    static constexpr int kMaxBatchSize = 500;
    static constexpr int kMaxOpenTextLength = 300;

    /** database must be open and outlive this; clock stamps votes and state changes. */
    LivePolls(Database &database, const Clock &clock, QObject *parent = nullptr);
    ~LivePolls() override;

    /**
     * Makes the polls of event.sessions[sessionIndex] the live ones and records them in the database: new
     * ones as drafts, known ones keeping their state and votes (a restart goes on where it stopped). Votes
     * still queued for the previous session are written first.
     */
    Result<> load(const Event &event, int sessionIndex);
    int sessionIndex() const { return m_sessionIndex; }
    /** The event's title (the session's when the event has none), as phones show it; empty before load(). */
    QString eventTitle() const { return m_eventTitle; }
    QString sessionTitle() const { return m_sessionTitle; }
    /** The session's polls, as declared. */
    const QList<Poll> &polls() const { return m_polls; }
    std::optional<Poll> poll(const QString &pollId) const;
    /** The session's open poll, if one is. */
    Result<std::optional<QString>> openPollId() const;
    /**
     * The poll phones and the projector show now: the open poll, else the session's poll opened most
     * recently (closed, with its results), else none. Drafts are never current.
     */
    Result<std::optional<QString>> currentPollId() const;
    /** The answer recorded for a device (queued votes not yet written are not seen). */
    Result<std::optional<QStringList>> answerOf(const QString &pollId, const QString &deviceToken) const;
    /** Every device's recorded answer to the poll, by device token, read at once (queued votes are not seen). */
    Result<QHash<QString, QStringList>> answers(const QString &pollId) const;

    /**
     * Adds a poll to the session on stage, created live from the console: validated, given an id when it has
     * none ("live-1", "live-2"…, unique in the database), stored with its definition so that a restart
     * keeps it, and left a draft. Options without an id get one from their label, as in an event file.
     * Returns the poll's id.
     */
    Result<QString> createPoll(Poll poll);

    /** draft → open; a poll of the session that is open is closed. */
    Result<> open(const QString &pollId);
    /** open → closed. Votes accepted before are written first. */
    Result<> close(const QString &pollId);
    /** closed → open; a poll of the session that is open is closed. */
    Result<> reopen(const QString &pollId);
    /** Shows or hides the results on the projector (and on phones when the poll says so); not for drafts. */
    Result<> setRevealed(const QString &pollId, bool revealed);
    /** Forgets the votes and hidden answers and makes the poll a hidden draft again (after a rehearsal). */
    Result<> resetResults(const QString &pollId);
    /** Keeps a word-cloud or open-text answer off the projector, or shows it again. */
    Result<> setAnswerHidden(const QString &pollId, const QString &answer, bool hidden);

    /**
     * The speaker reached the slide with this page label. The first draft poll tied to it with onSlide "open"
     * is opened; every other poll tied to it that is not open is offered (pollOffered()).
     */
    Result<> slideReached(const QString &pageLabel);

    /**
     * Queues a device's answer to be recorded in the next batch. A vote that cannot be taken (a poll not of
     * this session or not open, an unknown device, an invalid answer, the database unreadable) is refused:
     * the error, in words a person reads, is returned and acknowledge is never called. A queued vote returns
     * success and is acknowledged later (see Acknowledge); when it fills a batch, the batch is written and
     * acknowledged before this returns.
     */
    Result<> castVote(const QString &deviceToken, const QString &pollId, const QStringList &answer,
                      Acknowledge acknowledge);
    /**
     * The answer as castVote() would record it (option ids checked, the word normalised, the text trimmed), or
     * why it is not a valid answer to the session's poll pollId. Lets a caller tell a wrong answer apart from
     * other refusals.
     */
    Result<QStringList> answerAsRecorded(const QString &pollId, const QStringList &answer) const;
    /** Writes the queued votes now (before a state change, at shutdown). */
    void flushVotes();
    int queuedVoteCount() const { return int(m_queue.size()); }

    /** The poll's counts and state as recorded now. */
    Result<PollResults> results(const QString &pollId) const;

Q_SIGNALS:
    /**
     * The poll's counts (or hidden answers) changed: signalled right after the commit that changed them, once
     * per poll per commit (a batch of votes signals each of its polls once, however many votes it holds).
     * Views throttle their own repaints (the console: ten a second).
     */
    void resultsChanged(const QString &pollId);
    /** The poll was opened, closed, reset, revealed or hidden. */
    void pollStateChanged(const QString &pollId);
    /** A poll was added to the session (createPoll()) or the session's polls were loaded. */
    void pollsChanged();
    /** The speaker reached the slide of a poll that offers itself. */
    void pollOffered(const QString &pollId);
    /** A batch of votes could not be written; each vote of it was acknowledged with this error too. */
    void votesFailed(const QString &message);

private:
    struct QueuedVote
    {
        VoteRecord record;
        Acknowledge acknowledge;
    };

    const Poll *findPoll(const QString &pollId) const;
    Result<const Poll *> requirePoll(const QString &pollId) const;
    /** The recorded state of a poll of this session; an error for a poll the session does not declare. */
    Result<PollRecord> recordOf(const QString &pollId) const;
    /** Known: issued before load() or looked up since (one query, then remembered). */
    Result<bool> isKnownDevice(const QString &deviceToken);
    Result<QStringList> validAnswer(const Poll &poll, const QStringList &answer) const;
    Result<> openClosingOthers(const QString &pollId, PollState from);

    Database &m_database;
    const Clock &m_clock;
    PollStore m_store;
    DeviceStore m_devices;
    int m_sessionIndex = -1;
    QString m_eventTitle;
    QString m_sessionTitle;
    QList<Poll> m_polls;
    /** Every poll id the loaded event declares, in any session: createPoll() does not take them. */
    QSet<QString> m_eventPollIds;
    /** The session's polls as recorded, by id: what the database holds, updated after each commit here. */
    QHash<QString, PollRecord> m_records;
    QSet<QString> m_knownDevices;
    QList<QueuedVote> m_queue;
    QTimer m_batchTimer;
};

} // namespace Lectern
