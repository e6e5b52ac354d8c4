#pragma once

#include "model/agenda.h"
#include "model/event.h"
#include "model/session.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QUrl>

#include <optional>

namespace Lectern {

/**
 * The JSON of the agenda part of the audience protocol (server/PROTOCOL.md, "Agenda, materials and downloads"):
 * the `agenda` message phones and moderator pages are sent, and the download headers of a deck. Pure functions of
 * their arguments, with no I/O and no state (the server looks at the deck files and passes what it found).
 */
namespace AgendaMessages {

/** A session's deck as phones may download it: its file name and size, found by the server. */
struct DeckDownload
{
    QString name;
    qint64 bytes = 0;

    friend bool operator==(const DeckDownload &, const DeckDownload &) = default;
};

/**
 * Whether a material may go to phones: an absolute, valid http or https URL with a host, at most
 * EventFile::kMaxUrlLength characters as sent, and a label of at most EventFile::kMaxMaterialLabelLength
 * characters. The event file's parser refuses anything else already; this is checked again because the plan may
 * come from elsewhere (the editor, the database) and a `javascript:` link must never reach a phone.
 */
bool isSendable(const Material &material);

/** A material's address as it is sent: fully encoded (ASCII only, the host in its ACE form). */
QString sentUrl(const QUrl &url);

/** "19:05": the laptop's local time of day; `null` when unset. */
QJsonValue clockTime(const std::optional<QDateTime> &time);

/** The path a session's deck is downloaded from: "/deck/0". */
QString deckPath(int sessionIndex);

/**
 * The `agenda` message: the event's title, date and venue, the session on stage, how far the event runs behind,
 * and each session of the agenda with its planned and actual times, its sendable materials (at most
 * EventFile::kMaxMaterials, in order) and its deck when decks holds one for its index (else `null`).
 */
QByteArray agendaMessage(const Event &plan, const Agenda &agenda, const QHash<int, DeckDownload> &decks);

/**
 * A Content-Disposition header value for a download named fileName: `attachment; filename="…"`, the name in
 * printable ASCII with `"`, `\`, `/`, control and non-ASCII characters replaced by `_`, and, when that changed the
 * name, also `filename*=UTF-8''…` (RFC 5987/6266) with the whole name percent-encoded. An empty name is
 * "download".
 */
QByteArray attachmentDisposition(const QString &fileName);

} // namespace AgendaMessages
} // namespace Lectern
