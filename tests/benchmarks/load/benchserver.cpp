// lectern-benchserver: the audience server as the load benchmark sees it (run-loadbench.sh, loadgen.mjs). Not a
// test: it measures and prints, it has no pass/fail.
//
//   lectern-benchserver --db PATH [--port 0] [--options 4] [--device-rate 4] [--device-burst 20]
//                       [--address-rate 60] [--address-burst 200] [--questions] [--loop-lag-ms 0]
//                       [--max-seconds 900]
//   lectern-benchserver --db PATH --verify VOTES.jsonl
//
// Serving: opens (or reopens, after a crash too) the event database at PATH, loads a one-session event with one
// single-choice poll "bench" and opens it unless it is open already, and serves it with AudienceServer on
// 127.0.0.1 only. The first line on stdout is {"port", "room", "pid", "poll", "limits"}. Then it reads control
// lines on stdin: `stats` prints one JSON line of figures, `reset` starts new samples (and a new peak RSS) and
// prints the figures of that moment, `quit` (or the end of stdin, or SIGTERM) prints the figures and exits. It
// exits by itself after --max-seconds.
//
// The soak (loadgen.mjs --soak) plays the speaker with more control lines, each answered by one JSON line
// {"type": "command", "command", "ok", "error" (when not ok), "pollState", "pollVoters"}: `poll close` (open →
// closed), `poll open` (a draft opened, a closed poll reopened), `poll reset` (the votes forgotten, as after a
// rehearsal, and the poll opened again as new) and, with --questions, `pin-next` (the speaker's `n`: the pinned
// question answered, the top of the queue pinned).
//
// Measured in this process, with the steady clock: vote → presenter model updated. A vote is in the presenter's
// model when LivePolls signals resultsChanged() after the batch holding it was committed (the presenter's views
// pull results() then). For every AudienceServer::voteReceived() the time is queued; at each resultsChanged()
// every queued vote except the ones LivePolls still holds uncommitted (queuedVoteCount(), the newest) is in the
// model, and its time from voteReceived is a sample. The slot then pulls results() as the console's view does,
// and the time until that returns is a second sample ("pulled").
//
// With --questions the server also serves the session's Q&A (LiveQuestions, as the app does), and this process
// times upvote → console model updated: for every AudienceServer::upvoteReceived() (the upvote passed validation
// and is handed to LiveQuestions) the time is queued under its question; at each LiveQuestions::questionsChanged()
// every upvote queued under a question it names is in the model (LiveQuestions commits before it signals), and its
// time from upvoteReceived is a sample ("upvoteModelMs"). Then queue() is pulled as the console's question panel
// (QuestionPanel::scheduleRefresh) does: at once unless it pulled in the last 100 ms, else at the end of those
// 100 ms; the time from upvoteReceived until the pull covering the upvote returns is a second sample
// ("upvotePulledMs"), and each pull's own time a third ("queuePullMs"). An upvote that changes nothing
// (a repeat) stays queued until the question's next change: the generator never sends one, and the figures count
// the upvotes still queued ("upvotesWaiting"). "votesInModel" is the sum of the questions' votes, to compare with
// the upvotes the generator saw acknowledged.
//
// --loop-lag-ms N (0: off) runs a timer every N ms and samples how late it fires ("loopLagMs"): the longest stretch
// the event loop was busy with one thing, such as one broadcast to every phone.
//
// Verifying: --verify reads the generator's record of every vote sent (one JSON line per device: {"device",
// "poll", "votes": [{"answer", "sentAt" (ms since 1970, wall clock), "status": "acked|refused|pending"}]} in the
// order sent) and checks, per device, that the database holds its last acknowledged vote or a later one: the
// stored answer is the answer of that vote or of one sent after it that was not refused, and it was stored no
// earlier than that vote was sent. Prints {"devices", "ackedVotes", "devicesWithAcks", "missing"}.
#include "event/audienceroom.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "model/event.h"
#include "processstatus.h"
#include "server/audienceserver.h"
#include "server/serverlimits.h"
#include "storage/database.h"
#include "storage/pollstore.h"
#include "timer/clock.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include <csignal>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

using SteadyClock = std::chrono::steady_clock;

const QString kPollId = u"bench"_s;

void printLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printError(const QString &message)
{
    std::fputs(qPrintable(message + u'\n'), stderr);
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &time) { return double(time.tv_sec) + double(time.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/**
 * The bytes malloc has handed out and not had back, in MiB: with RSS, it tells live data growing (both grow) from
 * memory the allocator keeps after it was freed (RSS alone grows).
 */
double heapInUseMebibytes()
{
    const struct mallinfo2 info = mallinfo2();
    return double(info.uordblks + info.hblkhd) / 1048576.0;
}

/** The event database's file and its write-ahead log, in MiB. */
double databaseMebibytes(const QString &path)
{
    return double(QFileInfo(path).size() + QFileInfo(path + u"-wal"_s).size()) / 1048576.0;
}

/** p50, p99 (nearest rank) and max of samples in milliseconds. */
QJsonObject summary(std::vector<double> samples)
{
    QJsonObject figures{{u"samples"_s, qint64(samples.size())}};
    if (samples.empty())
        return figures;
    std::sort(samples.begin(), samples.end());
    const auto rank = [&](double fraction) {
        const auto index = size_t(std::max(1.0, std::ceil(fraction * double(samples.size())))) - 1;
        return samples.at(std::min(index, samples.size() - 1));
    };
    figures.insert(u"p50"_s, rank(0.50));
    figures.insert(u"p99"_s, rank(0.99));
    figures.insert(u"max"_s, samples.back());
    return figures;
}

double millisecondsBetween(SteadyClock::time_point from, SteadyClock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

/** The event the benchmark serves: one session, one single-choice poll with optionCount options. */
Event benchEvent(int optionCount)
{
    Poll poll;
    poll.id = kPollId;
    poll.question = u"Which option?"_s;
    poll.kind = Poll::Kind::SingleChoice;
    for (int i = 0; i < optionCount; ++i)
        poll.options.append({u"option-%1"_s.arg(i + 1), u"Option %1"_s.arg(i + 1)});
    // As at a meetup: a phone sees the bars once it has voted.
    poll.resultsVisibility = Poll::ResultsVisibility::AfterVoting;
    Session session;
    session.title = u"Load benchmark"_s;
    session.polls = {poll};
    Event event;
    event.title = u"Load benchmark"_s;
    event.sessions = {session};
    return event;
}

/** Times vote → presenter model updated (see the top of this file) and pulls results() like the console. */
class ModelLatency
{
public:
    ModelLatency(LivePolls &polls, AudienceServer &server, QObject *context)
        : m_polls(polls)
    {
        QObject::connect(&server, &AudienceServer::voteReceived, context, [this](const QString &pollId) {
            if (pollId == kPollId) {
                m_received.push_back(SteadyClock::now());
                ++m_votesReceived;
            }
        });
        QObject::connect(&polls, &LivePolls::resultsChanged, context, [this](const QString &pollId) {
            if (pollId == kPollId)
                modelUpdated();
        });
    }

    void reset()
    {
        m_toSignal.clear();
        m_toPulled.clear();
        m_pull.clear();
        m_votesReceived = 0;
        m_signals = 0;
        m_pullFailures = 0;
    }

    QJsonObject figures() const
    {
        return {{u"votesReceived"_s, m_votesReceived},
                {u"resultsSignals"_s, m_signals},
                {u"modelMs"_s, summary(m_toSignal)},
                {u"pulledMs"_s, summary(m_toPulled)},
                {u"pullMs"_s, summary(m_pull)},
                {u"pullFailures"_s, m_pullFailures},
                {u"waitingForModel"_s, qint64(m_received.size())}};
    }

private:
    void modelUpdated()
    {
        const SteadyClock::time_point signalled = SteadyClock::now();
        ++m_signals;
        // LivePolls writes its queue whole and in order, so the votes it still holds are the newest received.
        const size_t uncommitted = std::min(m_received.size(), size_t(std::max(0, m_polls.queuedVoteCount())));
        const size_t inModel = m_received.size() - uncommitted;
        const Result<PollResults> pulled = m_polls.results(kPollId);
        const SteadyClock::time_point pulledAt = SteadyClock::now();
        if (!pulled)
            ++m_pullFailures;
        m_pull.push_back(millisecondsBetween(signalled, pulledAt));
        for (size_t i = 0; i < inModel; ++i) {
            m_toSignal.push_back(millisecondsBetween(m_received.front(), signalled));
            m_toPulled.push_back(millisecondsBetween(m_received.front(), pulledAt));
            m_received.pop_front();
        }
    }

    LivePolls &m_polls;
    std::deque<SteadyClock::time_point> m_received;
    std::vector<double> m_toSignal;
    std::vector<double> m_toPulled;
    std::vector<double> m_pull;
    qint64 m_votesReceived = 0;
    qint64 m_signals = 0;
    qint64 m_pullFailures = 0;
};

/** Times upvote → console model updated (see the top of this file) and pulls queue() like the question panel. */
class UpvoteLatency
{
public:
    /** As QuestionPanel::kRefreshInterval: the panel pulls the queue at most this often. */
    static constexpr std::chrono::milliseconds kPanelInterval{100};

    UpvoteLatency(LiveQuestions &questions, AudienceServer &server, QObject *context)
        : m_questions(questions)
    {
        m_panelTimer.setSingleShot(true);
        m_panelTimer.setInterval(kPanelInterval);
        QObject::connect(&m_panelTimer, &QTimer::timeout, context, [this] {
            if (m_inModel.empty())
                return;
            m_panelTimer.start();
            pullQueue();
        });
        QObject::connect(&server, &AudienceServer::upvoteReceived, context, [this](qint64 questionId) {
            m_received[questionId].push_back(SteadyClock::now());
            ++m_upvotesReceived;
        });
        QObject::connect(&questions, &LiveQuestions::questionsChanged, context,
                         [this](const QList<qint64> &ids) { modelUpdated(ids); });
    }

    void reset()
    {
        m_toSignal.clear();
        m_toPulled.clear();
        m_pull.clear();
        m_inModel.clear();
        m_upvotesReceived = 0;
        m_signals = 0;
    }

    QJsonObject figures() const
    {
        qint64 waiting = 0;
        for (const auto &queued : m_received)
            waiting += qint64(queued.second.size());
        qint64 votes = 0;
        for (const QuestionRecord &record : m_questions.questions())
            votes += record.votes;
        return {{u"upvotesReceived"_s, m_upvotesReceived},
                {u"questionSignals"_s, m_signals},
                {u"upvoteModelMs"_s, summary(m_toSignal)},
                {u"upvotePulledMs"_s, summary(m_toPulled)},
                {u"queuePullMs"_s, summary(m_pull)},
                {u"upvotesWaiting"_s, waiting},
                {u"questionCount"_s, qint64(m_questions.questions().size())},
                {u"votesInModel"_s, votes}};
    }

private:
    void modelUpdated(const QList<qint64> &ids)
    {
        const SteadyClock::time_point signalled = SteadyClock::now();
        ++m_signals;
        for (const qint64 id : ids) {
            const auto queued = m_received.find(id);
            if (queued == m_received.end())
                continue;
            for (const SteadyClock::time_point received : queued->second) {
                m_toSignal.push_back(millisecondsBetween(received, signalled));
                m_inModel.push_back(received);
            }
            m_received.erase(queued);
        }
        // The panel's leading edge: the first change is drawn at once, the rest of a burst when the interval is over.
        if (!m_panelTimer.isActive() && !m_inModel.empty()) {
            m_panelTimer.start();
            pullQueue();
        }
    }

    void pullQueue()
    {
        const SteadyClock::time_point pulling = SteadyClock::now();
        [[maybe_unused]] const QList<QuestionRecord> queue = m_questions.queue();
        const SteadyClock::time_point pulledAt = SteadyClock::now();
        m_pull.push_back(millisecondsBetween(pulling, pulledAt));
        for (const SteadyClock::time_point received : m_inModel)
            m_toPulled.push_back(millisecondsBetween(received, pulledAt));
        m_inModel.clear();
    }

    LiveQuestions &m_questions;
    std::unordered_map<qint64, std::vector<SteadyClock::time_point>> m_received;
    /** Upvotes in the model that the panel has not pulled yet. */
    std::vector<SteadyClock::time_point> m_inModel;
    QTimer m_panelTimer;
    std::vector<double> m_toSignal;
    std::vector<double> m_toPulled;
    std::vector<double> m_pull;
    qint64 m_upvotesReceived = 0;
    qint64 m_signals = 0;
};

/** How late a timer every interval fires: the event loop's longest busy stretches. */
class LoopLag
{
public:
    LoopLag(std::chrono::milliseconds interval, QObject *context)
        : m_interval(interval)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(interval);
        QObject::connect(&m_timer, &QTimer::timeout, context, [this] {
            const SteadyClock::time_point fired = SteadyClock::now();
            m_lag.push_back(std::max(0.0, millisecondsBetween(m_last, fired) - double(m_interval.count())));
            m_last = fired;
        });
        m_last = SteadyClock::now();
        m_timer.start();
    }

    void reset()
    {
        m_lag.clear();
        m_last = SteadyClock::now();
    }

    QJsonObject figures() const
    {
        QJsonObject lag = summary(m_lag);
        lag.insert(u"intervalMs"_s, qint64(m_interval.count()));
        return lag;
    }

private:
    std::chrono::milliseconds m_interval;
    QTimer m_timer;
    SteadyClock::time_point m_last;
    std::vector<double> m_lag;
};

/** Lines from stdin, and SIGTERM, delivered in the event loop. */
class Control
{
public:
    Control(QObject *context, std::function<void(const QByteArray &)> command)
        : m_command(std::move(command))
        , m_stdin(STDIN_FILENO, QSocketNotifier::Read)
    {
        QObject::connect(&m_stdin, &QSocketNotifier::activated, context, [this] { readStdin(); });
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalPipe) == 0) {
            m_signal = std::make_unique<QSocketNotifier>(s_signalPipe[1], QSocketNotifier::Read);
            QObject::connect(m_signal.get(), &QSocketNotifier::activated, context, [this] {
                char byte = 0;
                if (::read(s_signalPipe[1], &byte, 1) == 1)
                    m_command("quit");
            });
            struct sigaction action
            {
            };
            action.sa_handler = [](int) {
                const char byte = 1;
                [[maybe_unused]] const ssize_t written = ::write(s_signalPipe[0], &byte, 1);
            };
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_RESTART;
            sigaction(SIGTERM, &action, nullptr);
            sigaction(SIGINT, &action, nullptr);
        }
    }

private:
    void readStdin()
    {
        char buffer[4096];
        const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (count <= 0) {
            // The generator is gone: so is the reason to serve.
            m_stdin.setEnabled(false);
            m_command("quit");
            return;
        }
        m_pending.append(buffer, count);
        qsizetype end = 0;
        while ((end = m_pending.indexOf('\n')) >= 0) {
            const QByteArray line = m_pending.left(end).trimmed();
            m_pending.remove(0, end + 1);
            if (!line.isEmpty())
                m_command(line);
        }
    }

    static inline int s_signalPipe[2] = {-1, -1};
    std::function<void(const QByteArray &)> m_command;
    QSocketNotifier m_stdin;
    std::unique_ptr<QSocketNotifier> m_signal;
    QByteArray m_pending;
};

QJsonObject limitsJson(const ServerLimits &limits)
{
    const auto rate = [](const RateLimit &limit) {
        return QJsonObject{{u"burst"_s, limit.burst}, {u"perSecond"_s, limit.perSecond}};
    };
    return {{u"maxConnections"_s, limits.maxConnections},
            {u"maxConnectionsPerAddress"_s, limits.maxConnectionsPerAddress},
            {u"joinsPerAddress"_s, rate(limits.joinsPerAddress)},
            {u"requestsPerAddress"_s, rate(limits.requestsPerAddress)},
            {u"messagesPerAddress"_s, rate(limits.messagesPerAddress)},
            {u"messagesPerDevice"_s, rate(limits.messagesPerDevice)},
            {u"questionsPerDevice"_s, rate(limits.questionsPerDevice)},
            {u"questionsPerAddress"_s, rate(limits.questionsPerAddress)}};
}

/** Opens the poll unless it is open already (a restart goes on where it stopped). */
Result<> openBenchPoll(LivePolls &polls)
{
    const Result<PollResults> results = polls.results(kPollId);
    if (!results)
        return fail(results.error());
    switch (results->state) {
    case PollState::Open:
        return {};
    case PollState::Draft:
        return polls.open(kPollId);
    case PollState::Closed:
        return polls.reopen(kPollId);
    }
    Q_UNREACHABLE();
}

/** The soak's speaker: `poll close|open|reset` and `pin-next` (see the top of this file). */
Result<> speakerCommand(const QByteArray &command, LivePolls &polls, LiveQuestions *questions)
{
    if (command == "poll close")
        return polls.close(kPollId);
    if (command == "poll open")
        return openBenchPoll(polls);
    if (command == "poll reset") {
        // Closed first, as a speaker between two runs of a poll would (the console also resets an open poll);
        // resetResults() leaves a hidden draft, opened again for the next run.
        const Result<PollResults> results = polls.results(kPollId);
        if (!results)
            return fail(results.error());
        if (results->state == PollState::Open) {
            if (const Result<> closed = polls.close(kPollId); !closed)
                return closed;
        }
        if (const Result<> reset = polls.resetResults(kPollId); !reset)
            return reset;
        return polls.open(kPollId);
    }
    if (command == "pin-next") {
        if (!questions)
            return fail(u"pin-next: the server was started without --questions"_s);
        return questions->pinNext();
    }
    return fail(u"unknown command: %1"_s.arg(QString::fromUtf8(command)));
}

bool isSpeakerCommand(const QByteArray &command)
{
    return command.startsWith("poll ") || command == "pin-next";
}

int serve(const QCommandLineParser &parser, Database &database)
{
    SystemClock clock;
    LivePolls polls(database, clock);
    if (const Result<> loaded = polls.load(benchEvent(std::clamp(parser.value(u"options"_s).toInt(), 2, 12)), 0);
        !loaded) {
        printError(loaded.error());
        return 1;
    }
    if (const Result<> opened = openBenchPoll(polls); !opened) {
        printError(opened.error());
        return 1;
    }
    AudienceRoom room(database, clock);
    if (const Result<> loaded = room.load(); !loaded) {
        printError(loaded.error());
        return 1;
    }

    ServerLimits limits;
    limits.messagesPerDevice = {parser.value(u"device-burst"_s).toDouble(), parser.value(u"device-rate"_s).toDouble()};
    limits.messagesPerAddress = {parser.value(u"address-burst"_s).toDouble(),
                                 parser.value(u"address-rate"_s).toDouble()};
    AudienceServer server(polls, room, limits);
    // The Q&A of the one session, as the app serves it (LiveEvent loads the session on stage).
    std::optional<LiveQuestions> questions;
    if (parser.isSet(u"questions"_s)) {
        questions.emplace(database, clock);
        if (const Result<> loaded = questions->load(0); !loaded) {
            printError(loaded.error());
            return 1;
        }
        server.setQuestions(&*questions);
    }
    const Result<> started =
        server.start(ListenAddress{QHostAddress(QHostAddress::LocalHost), quint16(parser.value(u"port"_s).toUInt())});
    if (!started) {
        printError(started.error());
        return 1;
    }

    QObject context;
    ModelLatency latency(polls, server, &context);
    std::optional<UpvoteLatency> upvoteLatency;
    if (questions)
        upvoteLatency.emplace(*questions, server, &context);
    std::optional<LoopLag> loopLag;
    if (const int interval = parser.value(u"loop-lag-ms"_s).toInt(); interval > 0)
        loopLag.emplace(std::chrono::milliseconds(interval), &context);
    const auto statsLine = [&](const QString &type) {
        QJsonObject line = latency.figures();
        if (upvoteLatency) {
            const QJsonObject upvotes = upvoteLatency->figures();
            for (auto figure = upvotes.begin(); figure != upvotes.end(); ++figure)
                line.insert(figure.key(), figure.value());
        }
        if (loopLag)
            line.insert(u"loopLagMs"_s, loopLag->figures());
        line.insert(u"type"_s, type);
        line.insert(u"queued"_s, polls.queuedVoteCount());
        if (const Result<PollResults> results = polls.results(kPollId)) {
            line.insert(u"pollState"_s, pollStateName(results->state));
            line.insert(u"pollVoters"_s, results->voterCount);
        }
        line.insert(u"phones"_s, server.phoneCount());
        line.insert(u"connections"_s, server.connectionCount());
        line.insert(u"rssMiB"_s, Bench::statusMebibytes("VmRSS"));
        line.insert(u"hwmMiB"_s, Bench::statusMebibytes("VmHWM"));
        line.insert(u"heapMiB"_s, heapInUseMebibytes());
        line.insert(u"databaseMiB"_s, databaseMebibytes(parser.value(u"db"_s)));
        line.insert(u"cpuSeconds"_s, cpuSeconds());
        printLine(QJsonDocument(line).toJson(QJsonDocument::Compact));
    };
    Control control(&context, [&](const QByteArray &command) {
        if (command == "stats") {
            statsLine(u"stats"_s);
        } else if (command == "reset") {
            latency.reset();
            if (upvoteLatency)
                upvoteLatency->reset();
            if (loopLag)
                loopLag->reset();
            // Linux: "5" resets the peak RSS (VmHWM) to the current RSS, so each phase reports its own peak.
            QFile clearRefs(u"/proc/self/clear_refs"_s);
            if (clearRefs.open(QIODevice::WriteOnly))
                clearRefs.write("5");
            statsLine(u"reset"_s);
        } else if (isSpeakerCommand(command)) {
            const Result<> done = speakerCommand(command, polls, questions ? &*questions : nullptr);
            QJsonObject line{
                {u"type"_s, u"command"_s}, {u"command"_s, QString::fromUtf8(command)}, {u"ok"_s, bool(done)}};
            if (!done)
                line.insert(u"error"_s, done.error());
            if (const Result<PollResults> results = polls.results(kPollId)) {
                line.insert(u"pollState"_s, pollStateName(results->state));
                line.insert(u"pollVoters"_s, results->voterCount);
            }
            printLine(QJsonDocument(line).toJson(QJsonDocument::Compact));
        } else if (command == "quit") {
            statsLine(u"final"_s);
            QCoreApplication::quit();
        } else {
            printError(u"unknown command: %1 (stats, reset, quit)"_s.arg(QString::fromUtf8(command)));
        }
    });

    QTimer::singleShot(std::chrono::seconds(parser.value(u"max-seconds"_s).toInt()), &context, [&] {
        printError(u"--max-seconds reached; quitting"_s);
        statsLine(u"final"_s);
        QCoreApplication::quit();
    });

    const QJsonObject ready{{u"type"_s, u"ready"_s},      {u"port"_s, int(server.port())},
                            {u"room"_s, room.roomCode()}, {u"pid"_s, qint64(QCoreApplication::applicationPid())},
                            {u"poll"_s, kPollId},         {u"limits"_s, limitsJson(server.limits())}};
    printLine(QJsonDocument(ready).toJson(QJsonDocument::Compact));
    const int status = QCoreApplication::exec();
    server.stop();
    polls.flushVotes();
    return status;
}

struct SentVote
{
    QStringList answer;
    qint64 sentAt = 0;
    QString status;
};

int verify(const QString &recordPath, Database &database)
{
    QFile record(recordPath);
    if (!record.open(QIODevice::ReadOnly)) {
        printError(u"cannot read %1: %2"_s.arg(recordPath, record.errorString()));
        return 1;
    }
    PollStore store(database);
    QHash<QString, QHash<QString, VoteRecord>> storedByPoll;
    qint64 devices = 0;
    qint64 ackedVotes = 0;
    qint64 devicesWithAcks = 0;
    qint64 missing = 0;
    QJsonArray examples;
    while (!record.atEnd()) {
        const QByteArray line = record.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject device = QJsonDocument::fromJson(line).object();
        const QString token = device.value(u"device"_s).toString();
        const QString pollId = device.value(u"poll"_s).toString();
        if (token.isEmpty() || pollId.isEmpty()) {
            printError(u"%1: not a device line: %2"_s.arg(recordPath, QString::fromUtf8(line)));
            return 1;
        }
        if (!storedByPoll.contains(pollId)) {
            const Result<QList<VoteRecord>> votes = store.votes(pollId);
            if (!votes) {
                printError(votes.error());
                return 1;
            }
            QHash<QString, VoteRecord> &byDevice = storedByPoll[pollId];
            for (const VoteRecord &vote : *votes)
                byDevice.insert(vote.deviceToken, vote);
        }
        ++devices;
        std::vector<SentVote> sent;
        const QJsonArray votes = device.value(u"votes"_s).toArray();
        for (const QJsonValue &value : votes) {
            const QJsonObject vote = value.toObject();
            QStringList answer;
            const QJsonArray parts = vote.value(u"answer"_s).toArray();
            for (const QJsonValue &part : parts)
                answer.append(part.toString());
            sent.push_back({answer, qint64(vote.value(u"sentAt"_s).toDouble()), vote.value(u"status"_s).toString()});
        }
        const auto lastAcked =
            std::find_if(sent.rbegin(), sent.rend(), [](const SentVote &vote) { return vote.status == u"acked"_s; });
        ackedVotes +=
            std::count_if(sent.cbegin(), sent.cend(), [](const SentVote &vote) { return vote.status == u"acked"_s; });
        if (lastAcked == sent.rend())
            continue;
        ++devicesWithAcks;
        const auto stored = storedByPoll.value(pollId).constFind(token);
        bool kept = false;
        if (stored != storedByPoll.value(pollId).cend() && stored->castAt.toMSecsSinceEpoch() >= lastAcked->sentAt) {
            // The acknowledged vote, or one sent after it that the server did not refuse.
            kept = std::any_of(sent.rbegin(), lastAcked + 1, [&](const SentVote &vote) {
                return vote.status != u"refused"_s && vote.answer == stored->answer;
            });
        }
        if (!kept) {
            ++missing;
            if (examples.size() < 5)
                examples.append(QJsonObject{{u"device"_s, token}, {u"poll"_s, pollId}});
        }
    }
    printLine(QJsonDocument(QJsonObject{{u"type"_s, u"verify"_s},
                                        {u"devices"_s, devices},
                                        {u"ackedVotes"_s, ackedVotes},
                                        {u"devicesWithAcks"_s, devicesWithAcks},
                                        {u"missing"_s, missing},
                                        {u"missingExamples"_s, examples}})
                  .toJson(QJsonDocument::Compact));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // As app/main.cpp: Qt's poll()-based event loop instead of GLib's, which looks each socket up in a list of all
    // of them on every write. QT_NO_GLIB set but empty measures the GLib one.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"lectern-benchserver"_s);

    const ServerLimits defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(u"The audience server of Lectern's load benchmark (see run-loadbench.sh)."_s);
    parser.addOption({u"db"_s, u"The event database (created, or reused after a restart)."_s, u"path"_s});
    parser.addOption({u"port"_s, u"Port on 127.0.0.1; 0 chooses a free one."_s, u"port"_s, u"0"_s});
    parser.addOption({u"options"_s, u"Options of the poll (2 to 12)."_s, u"count"_s, u"4"_s});
    parser.addOption({u"device-rate"_s, u"WebSocket messages per second per device."_s, u"rate"_s,
                      QString::number(defaults.messagesPerDevice.perSecond)});
    parser.addOption({u"device-burst"_s, u"WebSocket message burst per device."_s, u"count"_s,
                      QString::number(defaults.messagesPerDevice.burst)});
    parser.addOption({u"address-rate"_s, u"WebSocket messages per second per IP address."_s, u"rate"_s,
                      QString::number(defaults.messagesPerAddress.perSecond)});
    parser.addOption({u"address-burst"_s, u"WebSocket message burst per IP address."_s, u"count"_s,
                      QString::number(defaults.messagesPerAddress.burst)});
    parser.addOption({u"questions"_s, u"Serve the session's Q&A too and time upvotes to the console's model."_s});
    parser.addOption(
        {u"loop-lag-ms"_s, u"Sample how late a timer every this many ms fires (0: off)."_s, u"ms"_s, u"0"_s});
    parser.addOption({u"max-seconds"_s, u"Quit after this many seconds whatever happens."_s, u"seconds"_s, u"900"_s});
    parser.addOption(
        {u"verify"_s, u"Check the generator's record of acknowledged votes against the database."_s, u"file"_s});
    parser.addHelpOption();
    parser.process(app);
    if (!parser.isSet(u"db"_s))
        parser.showHelp(2);

    Database database;
    if (const Result<> opened = database.open(parser.value(u"db"_s)); !opened) {
        printError(opened.error());
        return 1;
    }
    if (parser.isSet(u"verify"_s))
        return verify(parser.value(u"verify"_s), database);
    return serve(parser, database);
}
