#include "event/pollcounts.h"

#include <algorithm>

namespace Lectern {

Result<PollResults> countPollResults(const PollStore &store, const Poll &poll, const PollRecord &record)
{
    const Result<QMap<QString, int>> counts = store.answerCounts(poll.id);
    if (!counts)
        return fail(counts.error());
    const Result<int> voters = store.voterCount(poll.id);
    if (!voters)
        return fail(voters.error());

    PollResults results;
    results.pollId = poll.id;
    results.kind = poll.kind;
    results.state = record.state;
    results.revealed = record.revealed;
    results.voterCount = *voters;
    switch (poll.kind) {
    case Poll::Kind::SingleChoice:
    case Poll::Kind::MultipleChoice:
        for (const PollOption &option : poll.options)
            results.counts.append({option.id, counts->value(option.id)});
        break;
    case Poll::Kind::Rating:
        for (int rating = Poll::kRatingLowest; rating <= Poll::kRatingHighest; ++rating)
            results.counts.append({QString::number(rating), counts->value(QString::number(rating))});
        break;
    case Poll::Kind::WordCloud:
    case Poll::Kind::OpenText: {
        const Result<QStringList> hidden = store.hiddenAnswers(poll.id);
        if (!hidden)
            return fail(hidden.error());
        results.hiddenAnswers = *hidden;
        for (auto it = counts->cbegin(); it != counts->cend(); ++it) {
            if (!hidden->contains(it.key()))
                results.counts.append({it.key(), it.value()});
        }
        std::stable_sort(results.counts.begin(), results.counts.end(),
                         [](const AnswerCount &a, const AnswerCount &b) { return a.count > b.count; });
        break;
    }
    }
    return results;
}

} // namespace Lectern
