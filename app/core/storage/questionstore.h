#pragma once

#include "model/question.h"
#include "result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace Lectern {

class Database;

/** A question as recorded, with its upvotes counted from the votes (never stored). */
struct QuestionRecord
{
    Question question;
    int votes = 0;

    friend bool operator==(const QuestionRecord &, const QuestionRecord &) = default;
};

/**
 * The questions' record in the event database: questions in every state (nothing is deleted) and their upvotes,
 * one per device and question, enforced by a UNIQUE constraint; counts are derived by SQL. It stores what it is
 * told: whether a question may be asked, upvoted or moved to a state is the event's decision. Every write is
 * committed before the call returns.
 */
class QuestionStore
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::QuestionStore)

public:
    explicit QuestionStore(Database &database);

    /**
     * Records a question as given (state, times, device) and returns its new id; question.id is ignored. The
     * question needs a createdAt and a known device.
     */
    Result<qint64> add(const Question &question);
    Result<std::optional<QuestionRecord>> question(qint64 id) const;
    /** A session's questions in every state, in the order they were asked, each with its upvotes counted. */
    Result<QList<QuestionRecord>> questions(int sessionIndex) const;
    /** The devices that upvoted each of a session's questions, read in one query; questions without any are absent. */
    Result<QHash<qint64, QSet<QString>>> upvoters(int sessionIndex) const;

    /**
     * Moves a question to a state. Pinned records pinnedAt (and clears answeredAt), Answered records answeredAt;
     * other states keep the times. Leaving Merged clears mergedInto; Merged itself goes through merge(). An
     * unknown question is an error.
     */
    Result<> setState(qint64 id, Question::State state, const QDateTime &at);

    /**
     * Records each question's state, mergedInto, pinnedAt and answeredAt exactly as given (text, name, device,
     * createdAt and upvotes stay as stored), in one transaction: all of them or, on failure (an unknown question,
     * Merged without mergedInto), none. Opens its own transaction, so it is not called inside another. For
     * changes that move several questions at once (the next question pinned, an undo, the end of a session).
     */
    Result<> writeStates(const QList<Question> &questions);

    /** Records the device's upvote. True when it is new: upvoting again changes nothing and is no error. */
    Result<bool> upvote(qint64 id, const QString &deviceToken);
    /** Takes the device's upvote back. True when there was one. */
    Result<bool> removeUpvote(qint64 id, const QString &deviceToken);

    /**
     * Merges a duplicate into another question of the same session, in one transaction: its upvotes move to into
     * (a device that upvoted both counts once) and it becomes Merged with mergedInto set. All of it or, on
     * failure, nothing.
     */
    Result<> merge(qint64 from, qint64 into);

private:
    /** The question, or an error in words when there is none. */
    Result<QuestionRecord> requireQuestion(qint64 id) const;

    Database &m_database;
};

} // namespace Lectern
