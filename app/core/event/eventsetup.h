#pragma once

#include "model/event.h"
#include "result.h"

#include <QString>

namespace Lectern {

/**
 * Reads and validates an event file (model/EVENTFILE.md); messages start with the file's name. Each deck a
 * session names must be a readable file ("FILE: sessions[2].deck: no such file: /talks/nix.pdf"); whether it
 * is a PDF that opens is found out when the session is presented.
 */
Result<Event> readEventFile(const QString &path);

/**
 * The event a deck is presented in: its sidecar `deck.lectern.json` when there is one (the session whose
 * deck is this one goes first; a sidecar naming no deck gets this one), else a one-session event of the deck
 * without polls. A sidecar that does not read is an error naming the file. Decks are not checked here: the
 * caller opens this deck, and a deck of another session that is missing fails only when that session is presented.
 */
Result<Event> eventForDeck(const QString &deckPath);

/**
 * Where an event's database lives when --db is not given: `$XDG_DATA_HOME/lectern/<name>-<hash>.sqlite`,
 * named after the plan's path (event file or deck) so that reopening the same file finds the same record.
 */
QString defaultDatabasePath(const QString &planPath);

} // namespace Lectern
