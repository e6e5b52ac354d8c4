#include "export/eventrecord.h"
#include "event/pollcounts.h"
#include "export/exportlogging.h"
#include "model/eventfile.h"
#include "storage/database.h"
#include "storage/pollstore.h"
#include "storage/questionstore.h"
#include "storage/stagestore.h"

#include <QDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

Q_LOGGING_CATEGORY(lcExport, "lectern.export")

namespace {

/** Reads the record; runs inside the read transaction that EventRecord::read() holds. */
Result<EventRecord> readRecord(Database &database, const QDateTime &now)
{
    const StageStore stage(database);
    const Result<std::optional<StoredPlan>> plan = stage.plan();
    if (!plan)
        return fail(plan.error());
    if (!*plan)
        return fail(EventRecord::tr("The database holds no event: it was never opened with an event or a deck."));
    Result<Event> event = EventFile::parse((*plan)->json, QString());
    if (!event)
        return fail(EventRecord::tr("The event stored in the database cannot be read: %1").arg(event.error()));

    const Result<QList<SessionRun>> runs = stage.runs();
    if (!runs)
        return fail(runs.error());
    const Result<std::optional<int>> onStage = stage.sessionOnStage();
    if (!onStage)
        return fail(onStage.error());
    // After the event, "now" is not when it ran late: its timing is judged as of the last thing it recorded.
    const Result<std::optional<QDateTime>> lastActivity = stage.lastActivity();
    if (!lastActivity)
        return fail(lastActivity.error());
    const QDateTime asOf = *lastActivity && **lastActivity < now ? **lastActivity : now;
    const Agenda agenda = Agenda::compute(*event, *runs, onStage->value_or(-1), asOf);

    const PollStore pollStore(database);
    const Result<QList<PollRecord>> pollRecords = pollStore.polls();
    if (!pollRecords)
        return fail(pollRecords.error());
    const QuestionStore questionStore(database);

    EventRecord record;
    record.event = *event;
    record.behind = agenda.behind;
    record.readAt = now;
    for (int sessionIndex = 0; sessionIndex < event->sessions.size(); ++sessionIndex) {
        SessionOutcome outcome;
        outcome.session = event->sessions.at(sessionIndex);
        outcome.timing = agenda.entries.value(sessionIndex);

        // The declared polls in declared order, then those created live during the session (as LivePolls::load()
        // restores them). A declared poll the database never heard of (its session never came on stage) is a
        // draft without votes.
        QList<std::pair<Poll, PollRecord>> polls;
        for (const Poll &poll : outcome.session.polls) {
            const auto recorded =
                std::find_if(pollRecords->cbegin(), pollRecords->cend(),
                             [&](const PollRecord &pollRecord) { return pollRecord.pollId == poll.id; });
            PollRecord neverRegistered;
            neverRegistered.pollId = poll.id;
            neverRegistered.sessionIndex = sessionIndex;
            polls.append({poll, recorded != pollRecords->cend() ? *recorded : neverRegistered});
        }
        for (const PollRecord &pollRecord : *pollRecords) {
            if (pollRecord.sessionIndex != sessionIndex || pollRecord.definition.isEmpty() ||
                event->findPoll(pollRecord.pollId))
                continue;
            const Result<Poll> created = EventFile::parsePoll(pollRecord.definition.toUtf8());
            if (!created || created->id != pollRecord.pollId) {
                qCWarning(lcExport) << "the poll" << pollRecord.pollId << "created live cannot be read:"
                                    << (created ? u"its definition names another id"_s : created.error());
                continue;
            }
            polls.append({*created, pollRecord});
        }
        for (const auto &[poll, pollRecord] : std::as_const(polls)) {
            const Result<PollResults> results = countPollResults(pollStore, poll, pollRecord);
            if (!results)
                return fail(results.error());
            outcome.polls.append({poll, *results, pollRecord.openedAt, pollRecord.closedAt});
        }

        Result<QList<QuestionRecord>> questions = questionStore.questions(sessionIndex);
        if (!questions)
            return fail(questions.error());
        for (QuestionRecord &question : *questions)
            question.question.deviceToken.clear(); // never part of a record
        outcome.questions = std::move(*questions);

        Result<QList<RecordedVisit>> visits = stage.visits(sessionIndex);
        if (!visits)
            return fail(visits.error());
        // A slide still on screen when the app stopped has no end: it counts until the event's last activity.
        for (RecordedVisit &visit : *visits) {
            if (!visit.leftAt)
                visit.leftAt = qMax(visit.shownAt, asOf);
        }
        outcome.visits = std::move(*visits);
        record.sessions.append(std::move(outcome));
    }
    return record;
}

} // namespace

Result<EventRecord> EventRecord::read(Database &database, const QDateTime &now)
{
    // One read transaction: every table is read at the same moment while the app goes on writing (WAL).
    if (const Result<QSqlQuery> begin = database.exec(u"BEGIN DEFERRED"_s); !begin)
        return fail(tr("Cannot read the event database: %1").arg(begin.error()));
    Result<EventRecord> record = readRecord(database, now);
    if (const Result<QSqlQuery> end = database.exec(u"COMMIT"_s); !end) {
        database.exec(u"ROLLBACK"_s);
        if (record)
            return fail(tr("Cannot read the event database: %1").arg(end.error()));
    }
    if (!record)
        return fail(
            tr("Cannot read the event database %1: %2").arg(QDir::toNativeSeparators(database.path()), record.error()));
    return record;
}

} // namespace Lectern
