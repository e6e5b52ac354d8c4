#include "model/agenda.h"

#include <algorithm>

namespace Lectern {

namespace {

/** From one time to another in whole seconds (negative when `to` comes first), truncated toward zero. */
std::chrono::seconds between(const QDateTime &from, const QDateTime &to)
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::milliseconds(from.msecsTo(to)));
}

bool isKnown(const std::optional<QDateTime> &time)
{
    return time && time->isValid();
}

/** When the first session is planned to start, or nothing when the agenda has no planned times. */
std::optional<QDateTime> planStart(const Event &event, const QList<AgendaEntry> &entries)
{
    if (event.date.isValid() && event.startTime && event.startTime->isValid()) {
        const QDateTime start(event.date, *event.startTime); // local time
        if (start.isValid())
            return start;
    }
    if (!entries.isEmpty() && isKnown(entries.constFirst().actualStart))
        return entries.constFirst().actualStart;
    return std::nullopt;
}

} // namespace

Agenda Agenda::compute(const Event &event, const QList<SessionRun> &runs, int onStage, const QDateTime &now)
{
    Agenda agenda;
    agenda.entries.reserve(event.sessions.size());
    for (qsizetype i = 0; i < event.sessions.size(); ++i) {
        const Session &session = event.sessions.at(i);
        AgendaEntry entry;
        entry.sessionIndex = int(i);
        entry.title = session.title;
        entry.speaker = session.speaker;
        entry.onStage = i == onStage;
        agenda.entries.append(entry);
    }
    for (const SessionRun &run : runs) {
        if (run.sessionIndex < 0 || run.sessionIndex >= agenda.entries.size())
            continue; // a run of a session no longer in the plan
        AgendaEntry &entry = agenda.entries[run.sessionIndex];
        entry.actualStart = isKnown(run.startedAt) ? run.startedAt : std::nullopt;
        entry.actualEnd = isKnown(run.endedAt) ? run.endedAt : std::nullopt;
    }

    if (std::optional<QDateTime> start = planStart(event, agenda.entries)) {
        for (qsizetype i = 0; i < agenda.entries.size(); ++i) {
            const TimingPlan &timing = event.sessions.at(i).timing;
            AgendaEntry &entry = agenda.entries[i];
            entry.plannedStart = *start;
            start = start->addSecs((timing.talkTime + timing.qaTime).count());
            entry.plannedEnd = *start;
        }
    }

    if (onStage < 0 || onStage >= agenda.entries.size() || !now.isValid())
        return agenda;
    const AgendaEntry &current = agenda.entries.at(onStage);
    if (!current.plannedStart || !current.plannedEnd)
        return agenda;
    if (current.actualStart) {
        agenda.behind = between(*current.plannedStart, *current.actualStart);
        if (now > *current.plannedEnd)
            agenda.behind = std::max(agenda.behind, between(*current.plannedEnd, now));
    } else {
        agenda.behind = std::max(std::chrono::seconds(0), between(*current.plannedStart, now));
    }
    return agenda;
}

QString Agenda::formatBehind(std::chrono::seconds behind)
{
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(behind).count();
    if (minutes == 0)
        return tr("on time");
    if (minutes > 0)
        return tr("+%n min", "the event runs this many minutes behind its plan", int(minutes));
    return tr("−%n min", "the event runs this many minutes ahead of its plan (U+2212 minus sign)", int(-minutes));
}

} // namespace Lectern
