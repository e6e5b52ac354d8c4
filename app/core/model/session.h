#pragma once

#include "model/poll.h"

#include <QList>
#include <QString>
#include <QTime>

#include <chrono>
#include <optional>

namespace Lectern {

/** How long a session's talk and Q&A last, and when the speaker is warned. */
struct TimingPlan
{
    std::chrono::seconds talkTime{std::chrono::minutes(15)};
    std::chrono::seconds qaTime{std::chrono::minutes(5)};
    /** The warning state begins this long before the end of the talk. */
    std::chrono::seconds warningTime{std::chrono::minutes(3)};
    /** When set (pdfpc's `endTime`), the talk ends at this wall-clock time: talkTime is derived at start. */
    std::optional<QTime> talkEndsAt;

    friend bool operator==(const TimingPlan &, const TimingPlan &) = default;
};

/** One talk of an event: who speaks, with which deck, for how long. */
struct Session
{
    QString title;
    QString speaker;
    QString deckPath;
    TimingPlan timing;
    QList<Poll> polls;

    friend bool operator==(const Session &, const Session &) = default;
};

} // namespace Lectern
