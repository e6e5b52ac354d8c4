#pragma once

#include "model/session.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QTime>

#include <optional>

namespace Lectern {

/** Where a poll is declared in an event. */
struct PollLocation
{
    int sessionIndex = 0;
    int pollIndex = 0;

    friend bool operator==(const PollLocation &, const PollLocation &) = default;
};

/** A meetup evening as planned: its talks in order, each with its deck, timing and polls. */
struct Event
{
    QString title;
    QDate date; ///< invalid when the plan does not say
    /** When the first session is planned to start (local time); the others follow back to back. */
    std::optional<QTime> startTime;
    QString venue;
    QList<Session> sessions;

    /** The session and position of the poll with this id, if the event declares one. */
    std::optional<PollLocation> findPoll(const QString &pollId) const;
    /** The poll at a location found by findPoll(). */
    const Poll &poll(PollLocation location) const
    {
        return sessions.at(location.sessionIndex).polls.at(location.pollIndex);
    }

    friend bool operator==(const Event &, const Event &) = default;
};

} // namespace Lectern
