#pragma once

#include "event/livepolls.h"
#include "model/poll.h"
#include "result.h"
#include "storage/pollstore.h"

namespace Lectern {

/**
 * A poll's results as the database has them, derived from the votes: every option of a choice poll in declared
 * order (zero counts included), the ratings 1 to 5, or the words and texts given, most frequent first and without
 * the hidden ones; the state and revealed flag come from record. What LivePolls::results() gives for a poll of
 * the session on stage, for any recorded poll (a poll never registered reads as a record in state draft).
 */
Result<PollResults> countPollResults(const PollStore &store, const Poll &poll, const PollRecord &record);

} // namespace Lectern
