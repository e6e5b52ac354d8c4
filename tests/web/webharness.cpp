// lectern-webharness: the audience server on the built-in demo event (its four sessions, each with its deck,
// polls and Q&A), run by the real LiveEvent, for the browser tests (tests/web).
// The plan is the demo's event file with two changes that make the tests' state known: the evening was planned
// to start 4 minutes before the harness started (the first session's talk starts at once, so the event runs
// 4 minutes behind), and only the first session lets phones download its deck.
// Prints {"port":N,"room":"CODE"} once it listens on 127.0.0.1 (an ephemeral port), then reads one command a
// line from stdin and answers each with one JSON line on stdout. Commands:
//   open|close|reopen|reveal|hide ID        the speaker's poll controls
//   hide-answer|show-answer ID TEXT         keep a word-cloud or open-text answer off the projector, or not
//   results ID                              the poll's results as the database has them
//   add-poll multiple|text ID               a poll created live (kinds the demo event does not declare)
//   stop | start | restart                  stop listening, listen again on the same port, or both
//   status                                  listening, port, phones connected
//   questions                               the Q&A queue as the console's model has it (LiveQuestions::queue()
//                                           order: the pinned question, then the shown ones by votes):
//                                           {"queue": [{"id", "text", "name", "votes", "state"}], "pinned": ID or
//                                           null, "approval": bool}
//   pin-next | unpin | undo                 the speaker's keys n, u and Ctrl+Z
//   approval on|off                         the session's approval queue
//   moderator                               the moderator token and the moderator page's path: {"token", "path"}
//   agenda                                  the agenda as LiveEvent computes it, with each session's plan:
//                                           {"title", "onStage", "behindMinutes", "sessions": [{"index", "title",
//                                           "speaker", "plannedStart", "plannedEnd", "actualStart", "actualEnd"
//                                           (HH:mm or null), "deckPath", "deckDownload", "materials": [{"label",
//                                           "url"}], "polls": [{"id", "question"}]}]}
//   present N                               puts session N (0-based) on stage with its deck (Ctrl+PageDown/Up)
//   add-materials N                         an edited plan, built by hand: session N gets two more materials, an
//                                           https one ("Workshop notes") and a hostile javascript: one ("Free
//                                           stickers"), through LiveEvent::replacePlan as the event editor would
//                                           (which refuses it: the answer is the error)
//   timer start|pause                       the session timer (the talk begins, or pauses)
//   quit
// End of input quits too, so a test that dies takes its harness with it.

#include "demo/demodeck.h"
#include "event/audienceroom.h"
#include "event/eventsetup.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "server/audienceserver.h"
#include "slides/slidedeck.h"
#include "storage/database.h"
#include "timer/clock.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTemporaryDir>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <numeric>
#include <optional>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

void printLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

QJsonObject failure(const QString &error)
{
    return {{u"ok"_s, false}, {u"error"_s, error}};
}

QJsonObject answer(const Result<> &result)
{
    return result ? QJsonObject{{u"ok"_s, true}} : failure(result.error());
}

QString stateName(PollState state)
{
    switch (state) {
    case PollState::Draft:
        return u"draft"_s;
    case PollState::Open:
        return u"open"_s;
    case PollState::Closed:
        return u"closed"_s;
    }
    return QString();
}

QJsonObject resultsObject(const PollResults &results)
{
    QJsonArray counts;
    for (const AnswerCount &count : results.counts)
        counts.append(QJsonObject{{u"answer"_s, count.answer}, {u"count"_s, count.count}});
    return {{u"ok"_s, true},
            {u"poll"_s, results.pollId},
            {u"state"_s, stateName(results.state)},
            {u"revealed"_s, results.revealed},
            {u"voters"_s, results.voterCount},
            {u"counts"_s, counts},
            {u"hidden"_s, QJsonArray::fromStringList(results.hiddenAnswers)}};
}

/** Polls of the kinds the demo event does not declare, created live as the console would. */
std::optional<Poll> livePoll(const QString &kind, const QString &id)
{
    Poll poll;
    poll.id = id;
    poll.resultsVisibility = Poll::ResultsVisibility::AfterVoting;
    if (kind == u"multiple") {
        poll.kind = Poll::Kind::MultipleChoice;
        poll.question = u"Which tools keep your Python honest?"_s;
        poll.options = {{u"pytest"_s, u"pytest"_s},
                        {u"mypy"_s, u"mypy"_s},
                        {u"ruff"_s, u"Ruff"_s},
                        {u"hypothesis"_s, u"Hypothesis"_s}};
        poll.maxChoices = 2;
        return poll;
    }
    if (kind == u"text") {
        poll.kind = Poll::Kind::OpenText;
        poll.question = u"What should the next meetup be about?"_s;
        return poll;
    }
    return std::nullopt;
}

/** The answer to `questions`: the queue as the console's question panel reads it. */
QJsonObject queueObject(const LiveQuestions &questions)
{
    QJsonArray queue;
    for (const QuestionRecord &record : questions.queue()) {
        const Question &question = record.question;
        queue.append(QJsonObject{{u"id"_s, question.id},
                                 {u"text"_s, question.text},
                                 {u"name"_s, question.displayName},
                                 {u"votes"_s, record.votes},
                                 {u"state"_s, questionStateName(question.state)}});
    }
    const std::optional<qint64> pinned = questions.pinnedId();
    return {{u"ok"_s, true},
            {u"queue"_s, queue},
            {u"pinned"_s, pinned ? QJsonValue(*pinned) : QJsonValue(QJsonValue::Null)},
            {u"approval"_s, questions.isApprovalRequired()}};
}

QJsonValue timeValue(const std::optional<QDateTime> &time)
{
    return time ? QJsonValue(time->toLocalTime().toString(u"HH:mm"_s)) : QJsonValue(QJsonValue::Null);
}

/** The answer to `agenda`: LiveEvent's agenda beside each session's plan (its deck, materials and polls). */
QJsonObject agendaObject(const LiveEvent &event)
{
    const Agenda agenda = event.agenda();
    const Event &plan = event.plan();
    QJsonArray sessions;
    for (const AgendaEntry &entry : agenda.entries) {
        const Session &session = plan.sessions.at(entry.sessionIndex);
        QJsonArray materials;
        for (const Material &material : session.materials)
            materials.append(QJsonObject{{u"label"_s, material.label}, {u"url"_s, material.url.toString()}});
        QJsonArray polls;
        for (const Poll &poll : session.polls)
            polls.append(QJsonObject{{u"id"_s, poll.id}, {u"question"_s, poll.question}});
        sessions.append(QJsonObject{{u"index"_s, entry.sessionIndex},
                                    {u"title"_s, entry.title},
                                    {u"speaker"_s, entry.speaker},
                                    {u"plannedStart"_s, timeValue(entry.plannedStart)},
                                    {u"plannedEnd"_s, timeValue(entry.plannedEnd)},
                                    {u"actualStart"_s, timeValue(entry.actualStart)},
                                    {u"actualEnd"_s, timeValue(entry.actualEnd)},
                                    {u"deckPath"_s, session.deckPath},
                                    {u"deckDownload"_s, session.deckDownload},
                                    {u"materials"_s, materials},
                                    {u"polls"_s, polls}});
    }
    const auto behind = std::chrono::duration_cast<std::chrono::minutes>(agenda.behind);
    return {{u"ok"_s, true},
            {u"title"_s, plan.title},
            {u"onStage"_s, event.sessionIndex()},
            {u"behindMinutes"_s, qint64(behind.count())},
            {u"sessions"_s, sessions}};
}

/** Runs the commands read from stdin against the demo event, its polls, questions and server. */
class Harness : public QObject
{
public:
    Harness(LiveEvent &event, QList<std::shared_ptr<const SlideDeck>> decks, LivePolls &polls, LiveQuestions &questions,
            const AudienceRoom &room, AudienceServer &server)
        : m_event(event)
        , m_decks(std::move(decks))
        , m_polls(polls)
        , m_questions(questions)
        , m_room(room)
        , m_server(server)
        , m_stdin(STDIN_FILENO, QSocketNotifier::Read)
    {
        connect(&m_stdin, &QSocketNotifier::activated, this, &Harness::readInput);
    }

    /** Listens on an ephemeral port of 127.0.0.1 and remembers it for start and restart. */
    Result<> listen()
    {
        const Result<> started = m_server.start(ListenAddress{QHostAddress(QHostAddress::LocalHost), quint16(0)});
        if (!started)
            return started;
        m_port = m_server.port();
        return {};
    }

private:
    void readInput()
    {
        char buffer[4096];
        const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (count <= 0) {
            m_stdin.setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        m_pending.append(buffer, qsizetype(count));
        qsizetype end = 0;
        while ((end = m_pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(m_pending.left(end)).trimmed();
            m_pending.remove(0, end + 1);
            if (!line.isEmpty())
                run(line);
        }
    }

    void run(const QString &line)
    {
        const qsizetype space = line.indexOf(u' ');
        const QString command = line.left(space);
        const QString argument = space < 0 ? QString() : line.mid(space + 1);
        const qsizetype secondSpace = argument.indexOf(u' ');
        const QString pollId = argument.left(secondSpace);
        const QString rest = secondSpace < 0 ? QString() : argument.mid(secondSpace + 1);

        if (command == u"quit") {
            printLine({{u"ok"_s, true}});
            QCoreApplication::quit();
        } else if (command == u"open") {
            printLine(answer(m_polls.open(pollId)));
        } else if (command == u"close") {
            printLine(answer(m_polls.close(pollId)));
        } else if (command == u"reopen") {
            printLine(answer(m_polls.reopen(pollId)));
        } else if (command == u"reveal" || command == u"hide") {
            printLine(answer(m_polls.setRevealed(pollId, command == u"reveal")));
        } else if (command == u"hide-answer" || command == u"show-answer") {
            printLine(answer(m_polls.setAnswerHidden(pollId, rest, command == u"hide-answer")));
        } else if (command == u"results") {
            const Result<PollResults> results = m_polls.results(pollId);
            printLine(results ? resultsObject(*results) : failure(results.error()));
        } else if (command == u"add-poll") {
            const std::optional<Poll> poll = livePoll(pollId, rest);
            if (!poll) {
                printLine(failure(u"add-poll takes the kind multiple or text, then an id"_s));
                return;
            }
            const Result<QString> created = m_polls.createPoll(*poll);
            printLine(created ? QJsonObject{{u"ok"_s, true}, {u"id"_s, *created}} : failure(created.error()));
        } else if (command == u"stop") {
            m_server.stop();
            printLine({{u"ok"_s, true}});
        } else if (command == u"start") {
            printLine(answer(startAgain()));
        } else if (command == u"restart") {
            m_server.stop();
            printLine(answer(startAgain()));
        } else if (command == u"questions") {
            printLine(queueObject(m_questions));
        } else if (command == u"pin-next") {
            printLine(answer(m_questions.pinNext()));
        } else if (command == u"unpin") {
            printLine(answer(m_questions.unpinCurrent()));
        } else if (command == u"undo") {
            printLine(answer(m_questions.undo()));
        } else if (command == u"approval") {
            if (argument != u"on" && argument != u"off") {
                printLine(failure(u"approval takes on or off"_s));
                return;
            }
            printLine(answer(m_questions.setApprovalRequired(argument == u"on")));
        } else if (command == u"moderator") {
            const QString token = m_room.moderatorToken();
            if (token.isEmpty())
                printLine(failure(u"the room has no moderator token"_s));
            else
                printLine({{u"ok"_s, true}, {u"token"_s, token}, {u"path"_s, QString(u"/m/"_s + token)}});
        } else if (command == u"agenda") {
            printLine(agendaObject(m_event));
        } else if (command == u"present") {
            const std::optional<int> index = sessionIndex(argument);
            if (!index) {
                printLine(failure(u"present takes a session index from 0 to %1"_s.arg(m_decks.size() - 1)));
                return;
            }
            m_event.present(*index, m_decks.at(*index));
            printLine({{u"ok"_s, true}, {u"session"_s, m_event.sessionIndex()}});
        } else if (command == u"add-materials") {
            const std::optional<int> index = sessionIndex(argument);
            if (!index) {
                printLine(failure(u"add-materials takes a session index from 0 to %1"_s.arg(m_decks.size() - 1)));
                return;
            }
            printLine(answer(addMaterials(*index)));
        } else if (command == u"timer") {
            if (argument == u"start")
                m_event.clock().start();
            else if (argument == u"pause")
                m_event.clock().pause();
            else {
                printLine(failure(u"timer takes start or pause"_s));
                return;
            }
            printLine({{u"ok"_s, true}});
        } else if (command == u"status") {
            printLine({{u"ok"_s, true},
                       {u"listening"_s, m_server.isListening()},
                       {u"port"_s, m_port},
                       {u"phones"_s, m_server.phoneCount()}});
        } else {
            printLine(failure(u"unknown command: %1"_s.arg(command)));
        }
    }

    std::optional<int> sessionIndex(const QString &text) const
    {
        bool isNumber = false;
        const int index = text.toInt(&isNumber);
        if (!isNumber || index < 0 || index >= m_decks.size())
            return std::nullopt;
        return index;
    }

    /**
     * The plan as an edit would leave it, built here by hand: a hostile material can come only this way, since
     * the event file's reader refuses it. The pages must still never make it a link.
     */
    Result<> addMaterials(int index)
    {
        Event plan = m_event.plan();
        QList<Material> &materials = plan.sessions[index].materials;
        materials.append(Material{u"Workshop notes"_s, QUrl(u"https://example.org/workshop-notes"_s)});
        materials.append(Material{u"Free stickers"_s, QUrl(u"javascript:window.__xss=1"_s)});
        QList<int> sameSessions(plan.sessions.size());
        std::iota(sameSessions.begin(), sameSessions.end(), 0);
        return m_event.replacePlan(plan, sameSessions);
    }

    Result<> startAgain()
    {
        if (m_server.isListening())
            return fail(u"the server is listening already"_s);
        return m_server.start(ListenAddress{QHostAddress(QHostAddress::LocalHost), m_port});
    }

    LiveEvent &m_event;
    const QList<std::shared_ptr<const SlideDeck>> m_decks;
    LivePolls &m_polls;
    LiveQuestions &m_questions;
    const AudienceRoom &m_room;
    AudienceServer &m_server;
    QSocketNotifier m_stdin;
    QByteArray m_pending;
    quint16 m_port = 0;
};

int exitWith(const QString &message)
{
    printLine(failure(message));
    return 1;
}

/** A failure of the live event, which the harness cannot answer as a command: its log (stderr) shows it. */
void logFailure(const QString &message)
{
    const QByteArray line = "lectern-webharness: " + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
}

} // namespace

int main(int argc, char **argv)
{
    // The demo's decks are drawn with QPdfWriter and the exports render PDFs: fonts need a QGuiApplication, and the
    // harness needs no display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"_ba);
    QGuiApplication application(argc, argv);
    QCoreApplication::setApplicationName(u"lectern-webharness"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"The audience server on the demo event, driven from stdin (tests/web)."_s);
    parser.addHelpOption();
    const QCommandLineOption databaseOption(u"db"_s, u"The event database (default: a fresh one, removed at exit)."_s,
                                            u"path"_s);
    parser.addOption(databaseOption);
    parser.process(application);

    QTemporaryDir directory;
    if (!directory.isValid())
        return exitWith(u"cannot create a temporary folder: %1"_s.arg(directory.errorString()));
    const QString databasePath =
        parser.isSet(databaseOption) ? parser.value(databaseOption) : directory.filePath(u"webharness.sqlite"_s);

    const Result<QString> eventFile = DemoDeck::write(directory.path());
    if (!eventFile)
        return exitWith(eventFile.error());
    Result<Event> plan = readEventFile(*eventFile);
    if (!plan)
        return exitWith(plan.error());
    const SystemClock clock;
    // Planned to begin 4 minutes before now (to the second): the first talk, started below, runs 4 minutes behind.
    const QDateTime plannedStart = clock.now().toLocalTime().addSecs(-4 * 60);
    plan->date = plannedStart.date();
    plan->startTime = plannedStart.time();
    for (qsizetype index = 0; index < plan->sessions.size(); ++index)
        plan->sessions[index].deckDownload = index == 0;
    QList<std::shared_ptr<const SlideDeck>> decks;
    for (const Session &session : std::as_const(plan->sessions)) {
        auto deck = SlideDeck::open(session.deckPath);
        if (!deck)
            return exitWith(deck.error().message);
        decks.append(*deck);
    }

    Database database;
    if (const Result<> opened = database.open(databasePath); !opened)
        return exitWith(opened.error());
    LiveEvent event(clock);
    event.setDatabase(&database);
    event.setPlan(*plan, *eventFile);
    AudienceRoom room(database, clock);
    if (const Result<> loaded = room.load(); !loaded)
        return exitWith(loaded.error());
    LivePolls polls(database, clock);
    LiveQuestions questions(database, clock);
    event.setPolls(&polls);
    event.setQuestions(&questions);
    QObject::connect(&event, &LiveEvent::pollsFailed, &event, logFailure);
    QObject::connect(&event, &LiveEvent::questionsFailed, &event, logFailure);
    QObject::connect(&event, &LiveEvent::stageFailed, &event, logFailure);
    AudienceServer server(polls, room);
    server.setQuestions(&questions);
    server.setEvent(&event);
    server.setDatabasePath(databasePath);
    event.present(0, decks.first());
    event.clock().start();
    Harness harness(event, decks, polls, questions, room, server);
    if (const Result<> listening = harness.listen(); !listening)
        return exitWith(listening.error());
    printLine({{u"port"_s, int(server.port())}, {u"room"_s, room.roomCode()}});

    const int code = QCoreApplication::exec();
    server.stop();
    polls.flushVotes();
    return code;
}
