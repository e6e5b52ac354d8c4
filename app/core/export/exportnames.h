#pragma once

#include "model/poll.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Lectern {

/** The names and notations the CSV and JSON exports share (documented in export/EXPORT.md). */
namespace ExportNames {

/** "single", "multiple", "rating", "wordcloud", "open": as `kind` in the event file. */
QString pollKind(Poll::Kind kind);
/** "draft", "open", "closed". */
QString pollState(PollState state);
/** ISO 8601 in UTC to the second ("2026-11-26T19:04:05Z"); empty when unset. */
QString utcTime(const std::optional<QDateTime> &time);

} // namespace ExportNames

} // namespace Lectern
