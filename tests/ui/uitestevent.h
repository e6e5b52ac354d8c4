#pragma once

// A multi-session event for the console tests: decks written at test time, a poll in the first session.

#include "model/event.h"
#include "uitestdeck.h"

#include <QDir>
#include <QString>

#include <optional>

namespace LecternUiTest {

/** The poll of the first session of evening(). */
inline Lectern::Poll usesUvPoll()
{
    Lectern::Poll poll;
    poll.id = QStringLiteral("uses-uv");
    poll.question = QStringLiteral("Do you use uv?");
    poll.kind = Lectern::Poll::Kind::SingleChoice;
    poll.options = {{QStringLiteral("yes"), QStringLiteral("Yes")}, {QStringLiteral("no"), QStringLiteral("No")}};
    return poll;
}

/**
 * An evening of three sessions in dir: "uv and Nix" (the console deck: four slides over six pages, a poll),
 * "Typed settings" (a three-page deck) and "Lightning talks" (no deck). Starts today at the clock's local time when
 * start is given. Returns nullopt when a deck cannot be written.
 */
inline std::optional<Lectern::Event> evening(const QDir &dir, std::optional<QDateTime> start = std::nullopt)
{
    using namespace Lectern;
    const QString first = dir.filePath(QStringLiteral("uv-and-nix.pdf"));
    const QString second = dir.filePath(QStringLiteral("typed-settings.pdf"));
    if (!writeConsoleDeck(first) || !writeDeck(second, 3))
        return std::nullopt;
    Event event;
    event.title = QStringLiteral("Robust Python evening");
    event.venue = QStringLiteral("Hackspace, room 2");
    if (start) {
        event.date = start->toLocalTime().date();
        event.startTime = start->toLocalTime().time();
    }
    Session uv;
    uv.title = QStringLiteral("Reproducible environments with uv and Nix");
    uv.speaker = QStringLiteral("Lena Fischer");
    uv.deckPath = first;
    uv.polls = {usesUvPoll()};
    Session typed;
    typed.title = QStringLiteral("Typed settings in a Django monolith");
    typed.speaker = QStringLiteral("Kenji Sato");
    typed.deckPath = second;
    typed.timing.talkTime = std::chrono::minutes(10);
    Session lightning;
    lightning.title = QStringLiteral("Lightning talks");
    event.sessions = {uv, typed, lightning};
    return event;
}

} // namespace LecternUiTest
