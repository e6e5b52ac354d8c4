#pragma once

#include "result.h"

#include <QString>

namespace Lectern::BenchDecks {

/**
 * Decks for the benchmarks, drawn with QPdfWriter. Both need a QGuiApplication (fonts); both overwrite path.
 */

/** An ordinary 16:9 talk (title bar, bullets, a code block, footer) of the given number of pages. */
Result<QString> writeTextDeck(const QString &path, int pages);

/**
 * A vector-heavy deck of 1920×1080 pt pages: thousands of translucent filled and stroked paths, gradients and
 * text per page, each page different, so that poppler takes roughly 0.2–1 s to render one page at 1920×1080 px.
 */
Result<QString> writeHeavyDeck(const QString &path, int pages);

} // namespace Lectern::BenchDecks
