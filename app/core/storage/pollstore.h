#pragma once

#include "model/poll.h"
#include "result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace Lectern {

class Database;

/** One device's answer to one poll, as stored. */
struct VoteRecord
{
    QString pollId;
    QString deviceToken;
    /** Option ids for choice polls, the rating ("4"), the normalised word, or the text: never empty. */
    QStringList answer;
    QDateTime castAt; ///< UTC, millisecond precision

    friend bool operator==(const VoteRecord &, const VoteRecord &) = default;
};

/** Where a poll stands, as recorded. */
struct PollRecord
{
    QString pollId;
    int sessionIndex = 0;
    PollState state = PollState::Draft;
    bool revealed = false;
    std::optional<QDateTime> openedAt; ///< the latest opening
    std::optional<QDateTime> closedAt; ///< the latest closing; unset while open
    QString definition;                ///< the poll's event-file JSON, for polls created live

    friend bool operator==(const PollRecord &, const PollRecord &) = default;
};

/**
 * The polls' record in the event database: poll states, votes (one per device and poll, enforced by a
 * UNIQUE constraint), counts derived from the votes by SQL, and hidden answers. It stores what it is told:
 * whether a vote is allowed (poll open, answer valid) is the event's decision. Every write is committed
 * before the call returns. The statements run per batch of votes and per results update are prepared once and
 * kept (prepared again after the database was reopened).
 */
class PollStore
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::PollStore)

public:
    explicit PollStore(Database &database);

    /**
     * Records a poll (in state draft) or, when it exists, updates its session only, and its definition when one
     * is given: an empty definition keeps the stored one.
     */
    Result<> registerPoll(const QString &pollId, int sessionIndex, const QString &definition = QString());
    Result<std::optional<PollRecord>> poll(const QString &pollId) const;
    Result<QList<PollRecord>> polls() const;

    /** Opening records openedAt (and clears closedAt); closing records closedAt. Unknown poll: an error. */
    Result<> setState(const QString &pollId, PollState state, const QDateTime &at);
    Result<> setRevealed(const QString &pollId, bool revealed);

    /** Records or replaces one device's answer. */
    Result<> castVote(const VoteRecord &vote);
    /**
     * Records a batch of answers in one transaction: all of them or, on any failure (unknown poll or device,
     * empty answer, a database error), none. Later entries for the same device and poll replace earlier ones.
     */
    Result<> castVotes(const QList<VoteRecord> &votes);
    Result<std::optional<QStringList>> answerOf(const QString &pollId, const QString &deviceToken) const;
    /** Every device's answer to a poll, by device token, in one query. */
    Result<QHash<QString, QStringList>> answers(const QString &pollId) const;
    Result<QList<VoteRecord>> votes(const QString &pollId) const;

    /** How many devices gave each answer (option id, rating, word, text); a device counts once per answer. */
    Result<QMap<QString, int>> answerCounts(const QString &pollId) const;
    /** How many devices answered. */
    Result<int> voterCount(const QString &pollId) const;

    /**
     * Forgets a poll's votes and hidden answers, hides its results and makes it a draft again (after a
     * rehearsal), in one transaction: all of it or, on failure, nothing.
     */
    Result<> resetPoll(const QString &pollId);

    /** Keeps a word-cloud or open-text answer off the projector, or shows it again. */
    Result<> setAnswerHidden(const QString &pollId, const QString &answer, bool hidden, const QDateTime &at);
    Result<QStringList> hiddenAnswers(const QString &pollId) const;

private:
    Result<> requirePoll(const QString &pollId) const;
    /** The kept statement for sql: prepared the first time, and again when the database was closed since. */
    Result<QSqlQuery *> kept(const QString &sql) const;
    /**
     * Binds values to the kept statement for sql and runs it. Read its rows, then finish() it: a kept statement
     * left active holds a read snapshot of the database.
     */
    Result<QSqlQuery *> runKept(const QString &sql, const QVariantList &values) const;

    Database &m_database;
    /** Prepared statements by their SQL; a std::map, so that a pointer to one stays valid while others are added. */
    mutable std::map<QString, QSqlQuery> m_kept;
};

} // namespace Lectern
