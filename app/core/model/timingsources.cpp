#include "model/timingsources.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Lectern {

TimingOverrides overridesOf(const TimingPlan &plan)
{
    TimingOverrides overrides{plan.talkTime, plan.qaTime, plan.warningTime, plan.talkEndsAt};
    if (plan.talkEndsAt)
        overrides.talkTime.reset(); // resolveTiming() takes a talk time before an end time
    return overrides;
}

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

Result<std::chrono::seconds> parseDuration(const QString &text)
{
    const auto refuse = [&text] {
        return fail(QCoreApplication::translate("Lectern::Timing",
                                                "\"%1\" is not a duration: write for example 15m, 90s, 1h30m, or 20 "
                                                "for 20 minutes (at most a day).")
                        .arg(text));
    };
    const QString trimmed = text.trimmed().toLower();
    qint64 total = 0;
    bool plainNumber = false;
    const qint64 minutes = trimmed.toLongLong(&plainNumber);
    if (plainNumber) {
        // Bounded before multiplying: 9223372036854775807 minutes would overflow.
        if (minutes <= 0 || minutes > kMaxTimingMinutes)
            return refuse();
        total = minutes * 60;
    } else {
        static const QRegularExpression pattern(u"^(?:(\\d{1,5})h)?(?:(\\d{1,5})m(?:in)?)?(?:(\\d{1,6})s)?$"_s);
        const QRegularExpressionMatch match = pattern.match(trimmed);
        if (trimmed.isEmpty() || !match.hasMatch())
            return refuse();
        total = match.captured(1).toLongLong() * 3600 + match.captured(2).toLongLong() * 60 +
                match.captured(3).toLongLong();
    }
    if (total <= 0 || total > kMaxTimingMinutes * 60)
        return refuse();
    return std::chrono::seconds(total);
}

} // namespace Lectern
