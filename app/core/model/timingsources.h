#pragma once

#include "model/session.h"
#include "result.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <optional>

namespace Lectern {

/** Timing values that one source (command line, event file, .pdfpc) sets; unset fields fall through. */
struct TimingOverrides
{
    std::optional<std::chrono::seconds> talkTime;
    std::optional<std::chrono::seconds> qaTime;
    std::optional<std::chrono::seconds> warningTime;
    std::optional<QTime> talkEndsAt;
};

/**
 * Resolves the plan from its sources, highest precedence first (command line > event file > .pdfpc), over the
 * defaults. A talk time given by a higher source wins over an `endTime` given by a lower one.
 */
TimingPlan resolveTiming(const std::initializer_list<TimingOverrides> &sourcesByPrecedence);

/** A resolved plan as a source that sets every field (talkEndsAt when the plan has one). */
TimingOverrides overridesOf(const TimingPlan &plan);

/** Parses a duration such as "15m", "90s", "1h30m", "20" (minutes), from a second up to a day. */
Result<std::chrono::seconds> parseDuration(const QString &text);

} // namespace Lectern
