#include "event/sessionsetup.h"

namespace Lectern {

TimingOverrides timingFromPdfpc(const SlideDeck &deck)
{
    TimingOverrides timing;
    if (!deck.pdfpc())
        return timing;
    const PdfpcFile &pdfpc = *deck.pdfpc();
    if (pdfpc.durationMinutes && *pdfpc.durationMinutes > 0)
        timing.talkTime = std::chrono::minutes(*pdfpc.durationMinutes);
    if (pdfpc.endTime)
        timing.talkEndsAt = pdfpc.endTime;
    if (pdfpc.lastMinutes && *pdfpc.lastMinutes >= 0)
        timing.warningTime = std::chrono::minutes(*pdfpc.lastMinutes);
    return timing;
}

Session sessionForDeck(const SlideDeck &deck, const TimingOverrides &commandLine, const Session &plan,
                       const TimingOverrides &defaults)
{
    Session session = plan;
    if (session.title.trimmed().isEmpty())
        session.title = deck.title();
    session.deckPath = deck.path();
    // A .pdfpc duration is the talk; an endTime only counts when no duration is given.
    TimingOverrides pdfpc = timingFromPdfpc(deck);
    if (pdfpc.talkTime)
        pdfpc.talkEndsAt.reset();
    session.timing = resolveTiming({commandLine, pdfpc, defaults});
    return session;
}

} // namespace Lectern
