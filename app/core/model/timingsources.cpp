#include "model/timingsources.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lectern {

TimingPlan resolveTiming(const std::initializer_list<TimingOverrides> &sourcesByPrecedence)
{
    TimingPlan plan;
    bool talkDecided = false;
    bool qaDecided = false;
    bool warningDecided = false;
    for (const TimingOverrides &source : sourcesByPrecedence) {
        if (!talkDecided && source.talkTime) {
            plan.talkTime = *source.talkTime;
            talkDecided = true;
        }
        if (!talkDecided && source.talkEndsAt) {
            plan.talkEndsAt = source.talkEndsAt;
            talkDecided = true;
        }
        if (!qaDecided && source.qaTime) {
            plan.qaTime = *source.qaTime;
            qaDecided = true;
        }
        if (!warningDecided && source.warningTime) {
            plan.warningTime = *source.warningTime;
            warningDecided = true;
        }
    }
    return plan;
}

std::optional<std::chrono::seconds> parseDuration(const QString &text)
{
    const QString trimmed = text.trimmed().toLower();
    bool plainNumber = false;
    const int minutes = trimmed.toInt(&plainNumber);
    if (plainNumber)
        return minutes > 0 && minutes <= 24 * 60 ? std::optional(std::chrono::seconds(minutes * 60)) : std::nullopt;

    static const QRegularExpression pattern(u"^(?:(\\d+)h)?(?:(\\d+)m(?:in)?)?(?:(\\d+)s)?$"_s);
    const QRegularExpressionMatch match = pattern.match(trimmed);
    if (trimmed.isEmpty() || !match.hasMatch())
        return std::nullopt;
    const qint64 total =
        match.captured(1).toLongLong() * 3600 + match.captured(2).toLongLong() * 60 + match.captured(3).toLongLong();
    if (total <= 0 || total > 24 * 3600)
        return std::nullopt;
    return std::chrono::seconds(total);
}

} // namespace Lectern
