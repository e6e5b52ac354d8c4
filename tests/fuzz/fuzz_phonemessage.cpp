// Fuzz target: a WebSocket text frame from a phone (PROTOCOL.md, "From the phone": hello, vote, ping, ask, upvote,
// withdraw, and moderator messages, which a phone may not send), through every step AudienceServer takes before
// the event: PollMessages::parseMessageObject, requestIdOf, both codecs, normalisation of questions, names and
// word-cloud answers, and the ack or error sent back.
#include "websocketpath.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Lectern::Fuzz::receiveTextFrame(Lectern::Fuzz::bytesOf(data, size), Lectern::Fuzz::Role::Phone);
    return 0;
}
