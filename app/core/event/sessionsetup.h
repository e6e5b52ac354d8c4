#pragma once

#include "model/session.h"
#include "model/timingsources.h"
#include "slides/slidedeck.h"

namespace Lectern {

/** The timing a deck's .pdfpc sets (duration, endTime, lastMinutes); empty without a sidecar. */
TimingOverrides timingFromPdfpc(const SlideDeck &deck);

/**
 * The session for presenting one deck on its own: titled after the PDF (or its file name), timed by the
 * command line over the .pdfpc over the defaults.
 */
Session sessionForDeck(const SlideDeck &deck, const TimingOverrides &commandLine);

} // namespace Lectern
