#pragma once

#include "event/questiontimefit.h"
#include "model/question.h"
#include "result.h"
#include "storage/questionstore.h"
#include "storage/settingsstore.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>

namespace Lectern {

class Clock;
class Database;
class SessionClock;

/**
 * The one writer of the Q&A of the session on stage: questions asked from phones, their upvotes, moderation
 * (approval queue, hide, answer, pin, merge, blocked devices and words) and the speaker's keys (`n`, `u`,
 * Ctrl+Z). Every change is written through QuestionStore (or the event's settings) and committed before the
 * command returns; then one signal names what changed, and views pull from here.
 *
 * Being the one writer, it keeps the session's questions and their upvoters in memory, read at load() and
 * updated after each of its own commits, so that reading the queue costs no query. Vote counts are the size
 * of each question's set of upvoting devices, never a counter of their own. Lives in the thread that owns the
 * Database.
 *
 * States (Question::State; PROTOCOL.md has the table): a question is asked Waiting when the session's approval
 * queue is on, its device is blocked or its text (or the name shown with it) contains a blocked word, else Shown.
 * At most one question of the session is Pinned. Merged, Withdrawn and Hidden questions are kept (the export
 * lists them). A moderation command on a question already in the state it leads to (two moderators clicking
 * the same button) succeeds and changes nothing; on any failure nothing changes, in memory or in the database.
 */
class LiveQuestions : public QObject
{
    Q_OBJECT

public:
    /** How many `n`/`u` steps Ctrl+Z can take back. */
    static constexpr int kUndoDepth = 20;

    /** database must be open and outlive this; clock stamps questions and state changes. */
    LiveQuestions(Database &database, const Clock &clock, QObject *parent = nullptr);
    ~LiveQuestions() override;

    /**
     * Makes sessionIndex's questions the live ones: reads them with their upvoters, the session's approval
     * setting, the blocked words and the blocked devices; forgets the undo history. Signals questionsReset().
     */
    Result<> load(int sessionIndex);
    int sessionIndex() const { return m_sessionIndex; }

    /** The session's questions in every state, in the order they were asked. */
    const QList<QuestionRecord> &questions() const { return m_questions; }
    std::optional<QuestionRecord> question(qint64 id) const;
    /**
     * The queue as the console and phones show it: the pinned question first, then the Shown ones by votes
     * (most first), ties by the time asked (earlier first).
     */
    QList<QuestionRecord> queue() const;
    std::optional<qint64> pinnedId() const;
    /** The ids of the session's questions this device upvoted. */
    QSet<qint64> upvotedBy(const QString &deviceToken) const;
    bool hasUpvoted(qint64 id, const QString &deviceToken) const;

    // The audience (the server validates the message's shape and the device first).

    /**
     * Asks a question for the session on stage. The text and name are normalised (normalizeQuestionText,
     * normalizeDisplayName); empty or over-long text is refused with that message. Returns the question as
     * stored (Waiting or Shown, see the class comment).
     */
    Result<QuestionRecord> ask(const QString &deviceToken, const QString &text, const QString &displayName = {});
    /** Shown and Pinned questions take upvotes and their removal: an answered question's count is final. */
    static bool takesUpvotes(Question::State state);
    /** Waiting, Shown and Pinned questions can still be withdrawn by their author. */
    static bool isWithdrawable(Question::State state);
    /** The author takes back their question (Waiting, Shown or Pinned); anyone else is refused. */
    Result<> withdraw(const QString &deviceToken, qint64 id);
    /**
     * Upvotes a Shown or Pinned question of the session (upvoted true), or takes the upvote back (false); any other
     * question is refused either way (its count is final). One upvote per device and question, however often it
     * is sent. True when something changed.
     */
    Result<bool> setUpvoted(const QString &deviceToken, qint64 id, bool upvoted);

    // Moderation (the moderator page, the console).

    bool isApprovalRequired() const { return m_approvalRequired; }
    /** The session's approval queue: on, new questions wait for approve(). Kept per session in the database. */
    Result<> setApprovalRequired(bool required);
    /** Words that send a question to the approval queue, matched case-insensitively (NFKC, case-folded) as
     * substrings of the text or the name. Kept per event; entries are trimmed, empty ones dropped, duplicates
     * (after folding) kept once. */
    QStringList blockedWords() const { return m_blockedWords; }
    Result<> setBlockedWords(const QStringList &words);
    /** setApprovalRequired() and setBlockedWords() in one write: both are stored, or neither (the moderator page's
     * settings message). */
    Result<> setModeration(std::optional<bool> approvalRequired, const std::optional<QStringList> &blockedWords);
    bool isDeviceBlocked(const QString &deviceToken) const { return m_blockedDevices.contains(deviceToken); }
    /** Blocks (or unblocks) the device that asked question id: its future questions go to the approval queue. */
    Result<> setAuthorBlocked(qint64 id, bool blocked);

    /** What a moderator may do to a question: the moderator page's actions, one command each below. */
    enum class Moderation { Approve, Hide, MarkAnswered, Pin, Unpin, Merge, BlockAuthor, UnblockAuthor };
    /**
     * The rules alone, without writing: whether the command for action would be taken on question id (for Merge,
     * into into) now. An error in words when the question is unknown or its state does not allow it; a command
     * that would change nothing (approving a shown question) is allowed. Each command checks this first, so a
     * command that fails although this succeeded failed to be stored.
     */
    Result<> mayModerate(Moderation action, qint64 id, std::optional<qint64> into = {}) const;

    /** Waiting or Hidden → Shown. */
    Result<> approve(qint64 id);
    /** Any state but Merged and Withdrawn → Hidden (kept, never deleted). */
    Result<> hide(qint64 id);
    /** Shown, Pinned, Waiting or Unanswered → Answered. */
    Result<> markAnswered(qint64 id);
    /** Shown (or Waiting, approving it) → Pinned; the question pinned before goes back to Shown. */
    Result<> pin(qint64 id);
    /** Pinned → Shown. */
    Result<> unpin(qint64 id);
    /**
     * Merges a duplicate into another question of the session (votes add up, once per device): from becomes
     * Merged. Neither may be Merged or Withdrawn, and they must differ.
     */
    Result<> merge(qint64 from, qint64 into);

    // The speaker's keys.

    /**
     * `n`: the pinned question (if any) becomes Answered and the top of the queue (if any Shown) becomes Pinned.
     * An error when there is nothing to do.
     */
    Result<> pinNext();
    /** `u`: the pinned question goes back to Shown without being answered. An error when none is pinned. */
    Result<> unpinCurrent();
    bool canUndo() const { return !m_undo.isEmpty(); }
    /**
     * Ctrl+Z: takes back the last pinNext() or unpinCurrent(), putting the questions it changed back as they
     * were (states and times). Refused, and the step forgotten, when one of them changed since (a moderator
     * acted on it).
     */
    Result<> undo();

    /**
     * The session ends (next session, or the event closes): its Shown and Pinned questions become Unanswered, and
     * the undo history is forgotten. Nothing to do (or no session loaded) is no error.
     */
    Result<> endSession();

    /** How many waiting questions fit in the Q&A time clock has left (see QuestionTimeFit). */
    QuestionTimeFit timeFit(const SessionClock &clock) const { return fitQuestions(m_questions, clock); }

Q_SIGNALS:
    /**
     * These questions of the session changed after a commit: new, another state, other votes, merged. Once
     * per command, with every question it changed.
     */
    void questionsChanged(const QList<qint64> &ids);
    /** load() read another session (or the same one again): everything may differ. */
    void questionsReset();
    /** The approval setting, the blocked words or the blocked devices changed. */
    void moderationChanged();
    /** canUndo() changed. */
    void undoChanged(bool canUndo);
    /**
     * The database refused to store a change (a full disk, a read-only file): nothing changed, and the command
     * returned the error too. For every command, whoever gave it: the console's banner says the database is in
     * trouble also when a phone's or a moderator's change failed, which no panel of the console hears of.
     */
    void writeFailed(const QString &message);

private:
    struct UndoStep
    {
        /** The questions as they were before the step, and as it left them. */
        QList<Question> before;
        QList<Question> after;
    };

    QuestionRecord *find(qint64 id);
    Result<QuestionRecord *> require(qint64 id);
    /** The question, or why there is none (no session, an id not of this session). */
    Result<QuestionRecord> requireQuestion(qint64 id) const;
    bool containsBlockedWord(const QString &text) const;
    /** The question moved to state at time at: Pinned stamps pinnedAt (clearing answeredAt), Answered answeredAt. */
    static Question moved(const Question &question, Question::State state, const QDateTime &at);
    /** Refuses a command on a question whose state is not one of allowed, in words naming both. */
    Result<> requireState(const QuestionRecord &record, std::initializer_list<Question::State> allowed,
                          const QString &action) const;
    /**
     * Commits the questions as given (states and times) in one transaction, then, and only then, updates the
     * copy in memory and signals questionsChanged() with their ids. context prefixes the error.
     */
    Result<> commitStates(const QList<Question> &changed, const QString &context);
    /** The single-question commands: id to state when mayModerate(action, id) allows; already there changes nothing. */
    Result<> moveTo(qint64 id, Moderation action, Question::State state);
    Result<> saveBlockedDevices(const QSet<QString> &devices);
    /** Signals writeFailed() for a write the database refused, and returns its error. */
    QString writeFailure(const QString &error);
    void pushUndo(UndoStep step);
    void setUndoSteps(QList<UndoStep> steps);
    static QString stateInWords(Question::State state);

    const Clock &m_clock;
    Database &m_database;
    QuestionStore m_store;
    SettingsStore m_settings;
    int m_sessionIndex = -1;
    QList<QuestionRecord> m_questions;
    QHash<qint64, QSet<QString>> m_upvoters;
    bool m_approvalRequired = false;
    QStringList m_blockedWords;
    /** m_blockedWords as matched: NFKC, case-folded. */
    QStringList m_foldedBlockedWords;
    QSet<QString> m_blockedDevices;
    QList<UndoStep> m_undo;
};

} // namespace Lectern
