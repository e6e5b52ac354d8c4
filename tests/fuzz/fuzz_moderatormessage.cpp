// Fuzz target: a WebSocket text frame from the moderator page (PROTOCOL.md, "From the moderator page": moderator,
// moderate, settings, ping, and the phone's messages, which a moderator's connection refuses), through every step
// AudienceServer takes before the event, with the rules each must keep (server/questionmessages.h).
#include "websocketpath.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Lectern::Fuzz::receiveTextFrame(Lectern::Fuzz::bytesOf(data, size), Lectern::Fuzz::Role::Moderator);
    return 0;
}
