#pragma once

#include "model/poll.h"

#include <QList>
#include <QString>
#include <QTime>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Lectern {

/** The longest any timing value may be (a talk, a Q&A, a warning), wherever it is given: a day, in minutes. */
inline constexpr int kMaxTimingMinutes = 24 * 60;

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

/** A link the organizer lists for a session (slides, sample code): always an http or https address. */
struct Material
{
    QString label; ///< what the link is ("Slides", "Sample code"); may be empty, then the address is shown alone
    QUrl url;

    friend bool operator==(const Material &, const Material &) = default;
};

/** One talk of an event: who speaks, with which deck, for how long. */
struct Session
{
    QString title;
    QString speaker;
    QString deckPath;
    TimingPlan timing;
    QList<Poll> polls;
    QList<Material> materials;
    /** Phones may download the deck's PDF from the laptop (off unless the organizer turns it on). */
    bool deckDownload = false;

    friend bool operator==(const Session &, const Session &) = default;
};

} // namespace Lectern
