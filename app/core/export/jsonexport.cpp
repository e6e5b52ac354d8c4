#include "export/jsonexport.h"
#include "export/exportnames.h"
#include "export/exportselection.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>
#include <chrono>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

QJsonValue timeValue(const std::optional<QDateTime> &time)
{
    const QString text = ExportNames::utcTime(time);
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

double minutesOf(std::chrono::seconds duration)
{
    return double(duration.count()) / 60.0;
}

QJsonObject pollObject(const PollOutcome &outcome)
{
    const Poll &poll = outcome.poll;
    const PollResults &results = outcome.results;
    QJsonObject object{
        {u"id"_s, poll.id},
        {u"question"_s, poll.question},
        {u"kind"_s, ExportNames::pollKind(poll.kind)},
        {u"state"_s, ExportNames::pollState(results.state)},
        {u"slide"_s, textOrNull(poll.slideLabel)},
        {u"openedAt"_s, timeValue(outcome.openedAt)},
        {u"closedAt"_s, timeValue(outcome.closedAt)},
        {u"voters"_s, results.voterCount},
    };
    switch (poll.kind) {
    case Poll::Kind::SingleChoice:
    case Poll::Kind::MultipleChoice: {
        QJsonArray options;
        for (const PollOption &option : poll.options) {
            const auto counted = std::find_if(results.counts.cbegin(), results.counts.cend(),
                                              [&](const AnswerCount &count) { return count.answer == option.id; });
            options.append(QJsonObject{{u"id"_s, option.id},
                                       {u"label"_s, option.label},
                                       {u"count"_s, counted != results.counts.cend() ? counted->count : 0}});
        }
        object.insert(u"options"_s, options);
        break;
    }
    case Poll::Kind::Rating: {
        QJsonArray ratings;
        int total = 0;
        int sum = 0;
        for (const AnswerCount &count : results.counts) {
            const int rating = count.answer.toInt();
            ratings.append(QJsonObject{{u"rating"_s, rating}, {u"count"_s, count.count}});
            total += count.count;
            sum += rating * count.count;
        }
        object.insert(u"ratings"_s, ratings);
        object.insert(u"mean"_s, total > 0 ? QJsonValue(std::round(100.0 * sum / total) / 100.0) : QJsonValue());
        object.insert(u"ratingLabels"_s,
                      QJsonObject{{u"low"_s, poll.ratingLowLabel}, {u"high"_s, poll.ratingHighLabel}});
        break;
    }
    case Poll::Kind::WordCloud:
    case Poll::Kind::OpenText: {
        QJsonArray answers;
        for (const AnswerCount &count : results.counts)
            answers.append(QJsonObject{{u"answer"_s, count.answer}, {u"count"_s, count.count}});
        object.insert(u"answers"_s, answers);
        object.insert(u"hiddenAnswers"_s, int(results.hiddenAnswers.size()));
        break;
    }
    }
    return object;
}

QJsonObject questionObject(const QuestionRecord &record)
{
    const Question &question = record.question;
    QJsonObject object{
        {u"id"_s, question.id},
        {u"text"_s, question.text},
        {u"votes"_s, record.votes},
        {u"state"_s, questionStateName(question.state)},
        {u"askedAt"_s, timeValue(question.createdAt)},
        {u"pinnedAt"_s, timeValue(question.pinnedAt)},
        {u"answeredAt"_s, timeValue(question.answeredAt)},
        {u"mergedInto"_s, question.mergedInto ? QJsonValue(*question.mergedInto) : QJsonValue()},
    };
    if (!question.displayName.isEmpty())
        object.insert(u"asker"_s, question.displayName);
    return object;
}

/** How long each slide (by label) was on screen, in the order first shown; a visit still open counts until now. */
QJsonArray slideTimes(const QList<RecordedVisit> &visits, const QDateTime &now)
{
    QStringList order;
    QMap<QString, qint64> milliseconds;
    for (const RecordedVisit &visit : visits) {
        if (!milliseconds.contains(visit.label))
            order.append(visit.label);
        const QDateTime left = visit.leftAt.value_or(now);
        milliseconds[visit.label] += std::max<qint64>(0, visit.shownAt.msecsTo(left));
    }
    QJsonArray times;
    for (const QString &label : std::as_const(order))
        times.append(QJsonObject{{u"label"_s, label}, {u"seconds"_s, qRound64(milliseconds.value(label) / 1000.0)}});
    return times;
}

QJsonObject sessionObject(int sessionIndex, const SessionOutcome &outcome, const QDateTime &now)
{
    const Session &session = outcome.session;
    QJsonArray materials;
    for (const Material &material : session.materials)
        materials.append(QJsonObject{{u"label"_s, material.label}, {u"url"_s, material.url.toString()}});
    QJsonArray polls;
    for (const PollOutcome &poll : outcome.polls)
        polls.append(pollObject(poll));
    QJsonArray questions;
    for (const QuestionRecord &question : outcome.questions)
        questions.append(questionObject(question));
    const AgendaEntry &timing = outcome.timing;
    return QJsonObject{
        {u"index"_s, sessionIndex},
        {u"title"_s, session.title},
        {u"speaker"_s, session.speaker},
        {u"deck"_s, session.deckPath.isEmpty() ? QJsonValue() : QJsonValue(QFileInfo(session.deckPath).fileName())},
        {u"talkMinutes"_s, minutesOf(session.timing.talkTime)},
        {u"qaMinutes"_s, minutesOf(session.timing.qaTime)},
        {u"materials"_s, materials},
        {u"planned"_s,
         QJsonObject{{u"start"_s, timeValue(timing.plannedStart)}, {u"end"_s, timeValue(timing.plannedEnd)}}},
        {u"actual"_s,
         QJsonObject{{u"start"_s, timeValue(timing.actualStart)}, {u"end"_s, timeValue(timing.actualEnd)}}},
        {u"onStage"_s, timing.onStage},
        {u"polls"_s, polls},
        {u"questions"_s, questions},
        {u"slideTimes"_s, slideTimes(outcome.visits, now)},
    };
}

} // namespace

QJsonObject JsonExport::toJson(const EventRecord &record, const ExportOptions &options)
{
    const Event &event = record.event;
    QJsonArray sessions;
    for (const int sessionIndex : exportedSessions(record, options))
        sessions.append(sessionObject(sessionIndex, record.sessions.at(sessionIndex), record.readAt));
    return QJsonObject{
        {u"lecternExportFormat"_s, kFormatVersion},
        {u"exportedAt"_s, timeValue(record.readAt)},
        {u"namesIncluded"_s, options.includeNames},
        {u"event"_s,
         QJsonObject{
             {u"title"_s, event.title},
             {u"date"_s, event.date.isValid() ? QJsonValue(event.date.toString(Qt::ISODate)) : QJsonValue()},
             {u"start"_s, event.startTime ? QJsonValue(event.startTime->toString(u"HH:mm"_s)) : QJsonValue()},
             {u"venue"_s, event.venue},
         }},
        // Whole minutes, rounded toward zero (as the agenda shows them); negative: ahead of the plan.
        {u"behindMinutes"_s, qint64(std::chrono::duration_cast<std::chrono::minutes>(record.behind).count())},
        {u"sessions"_s, sessions},
    };
}

QByteArray JsonExport::render(const EventRecord &record, const ExportOptions &options)
{
    return QJsonDocument(toJson(record, options)).toJson(QJsonDocument::Indented);
}

} // namespace Lectern
