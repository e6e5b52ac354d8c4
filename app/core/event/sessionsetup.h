#pragma once

#include "model/session.h"
#include "model/timingsources.h"
#include "slides/slidedeck.h"

namespace Lectern {

/** The timing a deck's .pdfpc sets (duration, endTime, lastMinutes); empty without a sidecar. */
TimingOverrides timingFromPdfpc(const SlideDeck &deck);

/**
 * The session for presenting a deck: the title and speaker of `plan` when it has them, else the PDF's title
 * (or its file name); timed by the command line over the .pdfpc over `defaults` (the settings' default times)
 * over TimingPlan's.
 */
Session sessionForDeck(const SlideDeck &deck, const TimingOverrides &commandLine, const Session &plan = {},
                       const TimingOverrides &defaults = {});

} // namespace Lectern
