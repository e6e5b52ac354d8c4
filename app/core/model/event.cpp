#include "model/event.h"

namespace Lectern {

std::optional<PollLocation> Event::findPoll(const QString &pollId) const
{
    for (qsizetype s = 0; s < sessions.size(); ++s) {
        const QList<Poll> &polls = sessions.at(s).polls;
        for (qsizetype p = 0; p < polls.size(); ++p) {
            if (polls.at(p).id == pollId)
                return PollLocation{int(s), int(p)};
        }
    }
    return std::nullopt;
}

} // namespace Lectern
