#include "event/audienceroom.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "export/eventexport.h"
#include "server/agendamessages.h"
#include "server/audienceserver.h"
#include "slides/slidedeck.h"
#include "storage/database.h"
#include "timer/clock.h"

#include "testpdf.h" // tests/slides

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSemaphore>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QWebSocket>
#include <QtConcurrent>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Lectern::ExportFormat)

namespace {

constexpr int kTimeoutMs = 10'000;

template<class T>
QByteArray reason(const Result<T> &result)
{
    return result ? QByteArray() : result.error().toLocal8Bit();
}

/** Checks that a Result succeeded, printing its message when it did not. */
#define VERIFY_OK(expression)                                                                                          \
    do {                                                                                                               \
        const auto result_ = (expression);                                                                             \
        QVERIFY2(result_, reason(result_).constData());                                                                \
    } while (false)

QJsonObject jsonObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

Poll singleChoice(const QString &id, const QString &question)
{
    Poll poll;
    poll.id = id;
    poll.question = question;
    poll.kind = Poll::Kind::SingleChoice;
    poll.options = {{u"yes"_s, u"Yes"_s}, {u"no"_s, u"No"_s}};
    poll.resultsVisibility = Poll::ResultsVisibility::AfterVoting;
    return poll;
}

/** An answer over HTTP, read whole. */
struct HttpAnswer
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< names lower-case

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QString code() const { return jsonObject(body).value("code"_L1).toString(); }
};

/** A phone's (or moderator page's) WebSocket: keeps every message received, in order. */
class Phone
{
public:
    Phone()
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &text) {
            m_messages.append(jsonObject(text.toUtf8()));
            m_texts.append(text);
        });
    }

    bool connectTo(quint16 port)
    {
        m_socket.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port)));
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, kTimeoutMs);
    }
    void send(const QJsonObject &message)
    {
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    void hello(const QString &room, const QString &device)
    {
        send({{"type"_L1, u"hello"_s}, {"protocol"_L1, 1}, {"room"_L1, room}, {"device"_L1, device}});
    }
    void moderatorHello(const QString &token)
    {
        send({{"type"_L1, u"moderator"_s}, {"protocol"_L1, 1}, {"token"_L1, token}});
    }
    void vote(int id, const QString &poll, const QStringList &answer)
    {
        send({{"type"_L1, u"vote"_s},
              {"id"_L1, id},
              {"poll"_L1, poll},
              {"answer"_L1, QJsonArray::fromStringList(answer)}});
    }
    void ask(int id, const QString &text, const QString &name = QString())
    {
        QJsonObject message{{"type"_L1, u"ask"_s}, {"id"_L1, id}, {"text"_L1, text}};
        if (!name.isEmpty())
            message.insert("name"_L1, name);
        send(message);
    }
    /** Everything the server sent before it read this ping has arrived when this returns true. */
    bool sync()
    {
        const int pongs = count(u"pong"_s);
        send({{"type"_L1, u"ping"_s}});
        return QTest::qWaitFor([&] { return count(u"pong"_s) > pongs; }, kTimeoutMs);
    }
    /** Waits for a message of this type and removes the first one from those kept; empty when none came. */
    QJsonObject take(const QString &type, int timeoutMs = kTimeoutMs)
    {
        QJsonObject found;
        const bool arrived = QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < m_messages.size(); ++i) {
                    if (m_messages.at(i).value("type"_L1).toString() == type) {
                        found = m_messages.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return arrived ? found : QJsonObject();
    }
    int count(const QString &type) const
    {
        return int(std::count_if(m_messages.cbegin(), m_messages.cend(), [&](const QJsonObject &message) {
            return message.value("type"_L1).toString() == type;
        }));
    }
    /** The types of every message received, in order (taken ones included). */
    QStringList types() const
    {
        QStringList types;
        for (const QString &text : m_texts)
            types.append(jsonObject(text.toUtf8()).value("type"_L1).toString());
        return types;
    }
    const QStringList &texts() const { return m_texts; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    QStringList m_texts;
};

/** The session of this index in an `agenda` message. */
QJsonObject agendaSession(const QJsonObject &agenda, int index)
{
    return agenda.value("sessions"_L1).toArray().at(index).toObject();
}

/** The resident memory of this process, from /proc (Linux). */
qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * ::sysconf(_SC_PAGESIZE) : -1;
}

/** Messages logged by the code under test, for a test that waits for one. */
QStringList g_loggedMessages;
QtMessageHandler g_previousHandler = nullptr;

void recordingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_loggedMessages.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

class TestAgendaServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock;
    Event m_plan;
    std::shared_ptr<const SlideDeck> m_firstDeck;
    std::shared_ptr<const SlideDeck> m_secondDeck;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<LivePolls> m_polls;
    std::unique_ptr<LiveQuestions> m_questions;
    std::unique_ptr<AudienceRoom> m_room;
    std::unique_ptr<LiveEvent> m_event;
    std::unique_ptr<AudienceServer> m_server;
    QNetworkAccessManager m_network;

    QString databasePath() const { return m_dir->filePath(u"event.sqlite"_s); }
    QString firstDeckPath() const { return m_dir->filePath(u"uv-and-nix.pdf"_s); }
    QString secondDeckPath() const { return m_dir->filePath(u"型ヒント.pdf"_s); }

    /** An evening of two sessions, built by hand: the first lets phones download its deck and lists a link. */
    Event twoSessionPlan() const
    {
        Session first;
        first.title = u"uv and Nix"_s;
        first.speaker = u"Aiko"_s;
        first.deckPath = firstDeckPath();
        first.timing.talkTime = 15min;
        first.timing.qaTime = 5min;
        first.deckDownload = true;
        first.materials = {{u"Slides"_s, QUrl(u"https://example.org/slides"_s)}};
        first.polls = {singleChoice(u"uses-uv"_s, u"Do you use uv?"_s)};
        Session second;
        second.title = u"Type hints"_s;
        second.speaker = u"Ben"_s;
        second.deckPath = secondDeckPath();
        second.timing.talkTime = 15min;
        second.timing.qaTime = 5min;
        second.polls = {singleChoice(u"typed"_s, u"Do you type-hint?"_s)};
        Event event;
        event.title = u"Robust Python evening"_s;
        event.date = QDate(2026, 11, 26);
        event.startTime = QTime(19, 0);
        event.venue = u"Hackspace, room 2"_s;
        event.sessions = {first, second};
        return event;
    }

    Result<> openEvent()
    {
        m_database = std::make_unique<Database>();
        if (const Result<> opened = m_database->open(databasePath()); !opened)
            return opened;
        m_polls = std::make_unique<LivePolls>(*m_database, m_clock);
        m_questions = std::make_unique<LiveQuestions>(*m_database, m_clock);
        m_room = std::make_unique<AudienceRoom>(*m_database, m_clock);
        if (const Result<> loaded = m_room->load(); !loaded)
            return loaded;
        m_event = std::make_unique<LiveEvent>(m_clock);
        m_event->setDatabase(m_database.get());
        m_event->setPolls(m_polls.get());
        m_event->setQuestions(m_questions.get());
        m_event->setPlan(m_plan, m_dir->filePath(u"evening.lectern.json"_s));
        m_event->present(0, m_firstDeck);
        return {};
    }
    Result<> startServer(const ServerLimits &limits = {}, bool withEvent = true)
    {
        m_network.clearConnectionCache();
        m_server.reset();
        m_server = std::make_unique<AudienceServer>(*m_polls, *m_room, limits);
        m_server->setQuestions(m_questions.get());
        if (withEvent) {
            m_server->setEvent(m_event.get());
            m_server->setDatabasePath(databasePath());
        }
        return m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), 0});
    }
    /** Changes the plan as the event editor does, every session keeping its place. */
    Result<> changePlan(const std::function<void(Event &)> &change)
    {
        Event plan = m_event->plan();
        change(plan);
        QList<int> sameIndex;
        for (int i = 0; i < plan.sessions.size(); ++i)
            sameIndex.append(i);
        return m_event->replacePlan(plan, sameIndex);
    }

    QUrl url(const QString &path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server->port()).arg(path)); }
    QString roomCode() const { return m_room->roomCode(); }
    QString exportPath(const QString &format, const QString &query = QString()) const
    {
        return u"/m/%1/export/%2%3"_s.arg(m_room->moderatorToken(), format, query);
    }

    HttpAnswer finish(QNetworkReply *reply, int timeoutMs = kTimeoutMs)
    {
        std::unique_ptr<QNetworkReply> owned(reply);
        HttpAnswer answer;
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, timeoutMs))
            return answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        const QList<QNetworkReply::RawHeaderPair> headers = reply->rawHeaderPairs();
        for (const auto &header : headers)
            answer.headers.insert(header.first.toLower(), header.second);
        return answer;
    }
    HttpAnswer get(const QString &path, int timeoutMs = kTimeoutMs)
    {
        return finish(m_network.get(QNetworkRequest(url(path))), timeoutMs);
    }
    QString newDevice()
    {
        QNetworkRequest request(url(u"/api/v1/join"_s));
        request.setRawHeader("Content-Type"_ba, "application/json"_ba);
        const HttpAnswer answer = finish(m_network.post(
            request, QJsonDocument(QJsonObject{{"room"_L1, roomCode()}}).toJson(QJsonDocument::Compact)));
        return jsonObject(answer.body).value("device"_L1).toString();
    }
    /** path with the device token of a phone that joined just now: decks are for phones in the room. */
    QString joined(const QString &path) { return path + u"?device="_s + newDevice(); }
    /** A phone that said hello, with every message of its greeting received (the Q&A comes last). */
    std::unique_ptr<Phone> greetedPhone(const QString &device)
    {
        auto phone = std::make_unique<Phone>();
        if (!phone->connectTo(m_server->port()))
            return nullptr;
        phone->hello(roomCode(), device);
        if (phone->take(u"questions"_s).isEmpty())
            return nullptr;
        return phone;
    }
    std::unique_ptr<Phone> moderator()
    {
        auto moderator = std::make_unique<Phone>();
        if (!moderator->connectTo(m_server->port()))
            return nullptr;
        moderator->moderatorHello(m_room->moderatorToken());
        if (moderator->take(u"moderation"_s).isEmpty())
            return nullptr;
        return moderator;
    }
    Result<> openPoll(const QString &pollId)
    {
        m_clock.advance(1s);
        return m_polls->open(pollId);
    }
    void verifySecurityHeaders(const HttpAnswer &answer)
    {
        QCOMPARE(answer.header("Content-Security-Policy"_ba), "default-src 'self'"_ba);
        QCOMPARE(answer.header("X-Content-Type-Options"_ba), "nosniff"_ba);
        QCOMPARE(answer.header("Referrer-Policy"_ba), "no-referrer"_ba);
        QCOMPARE(answer.header("Cache-Control"_ba), "no-store"_ba);
    }
    /**
     * Keeps the worker threads busy (the global pool down to one thread, held) until destroyed: an export
     * requested meanwhile waits for its render.
     */
    struct PoolGate
    {
        QSemaphore release;
        int previousMaxThreads = QThreadPool::globalInstance()->maxThreadCount();
        QFuture<void> holder;

        PoolGate()
        {
            QThreadPool::globalInstance()->setMaxThreadCount(1);
            holder = QtConcurrent::run([this] { release.acquire(); });
        }
        ~PoolGate()
        {
            release.release();
            holder.waitForFinished();
            QThreadPool::globalInstance()->setMaxThreadCount(previousMaxThreads);
        }
    };
    std::unique_ptr<PoolGate> holdTheWorkers()
    {
        QThreadPool::globalInstance()->waitForDone();
        return std::make_unique<PoolGate>();
    }
    /**
     * Sends an export request on socket and returns once the server has taken it: another request, sent after,
     * has been answered.
     */
    void sendExportRequest(QTcpSocket &socket, const QString &format)
    {
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(kTimeoutMs));
        socket.write("GET " + exportPath(format).toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(kTimeoutMs));
        QCOMPARE(get(u"/"_s).status, 200);
        QCOMPARE(socket.bytesAvailable(), qint64(0));
    }
    static QByteArray fileBytes(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void agendaFollowsTheWelcomeBeforeThePoll();
    void onlyHttpAndHttpsMaterialsReachPhones();
    void moderatorPageReceivesTheAgenda();
    void sessionSwitchReachesEveryPhone();
    void agendaChangesGoOutAtMostOnceASecond();
    void withoutTheEventThereIsNoAgendaDeckOrExport();

    void deckDownloadIsTheFileItself();
    void deckDownloadIsForPhonesThatJoined();
    void deckDownloadIsRefusedWhereNotAllowed_data();
    void deckDownloadIsRefusedWhereNotAllowed();
    void deckDownloadFollowsThePlan();
    void deletedDeckIsNotFound();
    void largeDeckIsStreamedWithoutHoldingItInMemory();
    void downloadsAndExportsAreRateLimited();

    void exportNeedsTheModeratorToken();
    void exportAnswersEachFormat_data();
    void exportAnswersEachFormat();
    void exportLeavesNamesOutWithNamesZero();
    void exportOfOneSession();
    void exportRefusesUnknownFormatsAndBadQueries_data();
    void exportRefusesUnknownFormatsAndBadQueries();
    void exportFailureIsA500InJson();
    void exportForAModeratorPageThatWentAwayIsDropped();
    void stoppingWhileAnExportRendersDropsIt();
};

void TestAgendaServer::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(recordingHandler);
}

void TestAgendaServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(LecternTest::writeDeck(firstDeckPath(), 3));
    QVERIFY(LecternTest::writeDeck(secondDeckPath(), 2));
    auto first = SlideDeck::open(firstDeckPath());
    auto second = SlideDeck::open(secondDeckPath());
    QVERIFY(first && second);
    m_firstDeck = *first;
    m_secondDeck = *second;
    m_plan = twoSessionPlan();
    VERIFY_OK(openEvent());
    VERIFY_OK(startServer());
    g_loggedMessages.clear();
}

void TestAgendaServer::cleanup()
{
    m_network.clearConnectionCache();
    m_server.reset();
    // Exports still rendering read the database: they end before it goes.
    QThreadPool::globalInstance()->waitForDone();
    m_event.reset();
    m_room.reset();
    m_questions.reset();
    m_polls.reset();
    m_database.reset();
    m_firstDeck.reset();
    m_secondDeck.reset();
    m_dir.reset();
}

// ---- The agenda ----

void TestAgendaServer::agendaFollowsTheWelcomeBeforeThePoll()
{
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QCOMPARE(phone->types(), (QStringList{u"welcome"_s, u"agenda"_s, u"poll"_s, u"questions"_s}));

    const QJsonObject agenda = phone->take(u"agenda"_s);
    QCOMPARE(agenda.value("event"_L1).toObject(), (QJsonObject{{"title"_L1, u"Robust Python evening"_s},
                                                               {"date"_L1, u"2026-11-26"_s},
                                                               {"venue"_L1, u"Hackspace, room 2"_s}}));
    QCOMPARE(agenda.value("onStage"_L1).toInt(-2), 0);
    QCOMPARE(agenda.value("behindMinutes"_L1).toInt(-99), 0);
    QCOMPARE(agenda.value("sessions"_L1).toArray().size(), 2);

    const QJsonObject first = agendaSession(agenda, 0);
    QCOMPARE(first.value("index"_L1).toInt(-1), 0);
    QCOMPARE(first.value("title"_L1).toString(), u"uv and Nix"_s);
    QCOMPARE(first.value("speaker"_L1).toString(), u"Aiko"_s);
    QCOMPARE(first.value("plannedStart"_L1).toString(), u"19:00"_s);
    QCOMPARE(first.value("plannedEnd"_L1).toString(), u"19:20"_s);
    QVERIFY(first.value("actualStart"_L1).isNull());
    QCOMPARE(first.value("materials"_L1).toArray(),
             (QJsonArray{QJsonObject{{"label"_L1, u"Slides"_s}, {"url"_L1, u"https://example.org/slides"_s}}}));
    QCOMPARE(first.value("deck"_L1).toObject(), (QJsonObject{{"url"_L1, u"/deck/0"_s},
                                                             {"name"_L1, u"uv-and-nix.pdf"_s},
                                                             {"bytes"_L1, QFileInfo(firstDeckPath()).size()}}));

    const QJsonObject second = agendaSession(agenda, 1);
    QCOMPARE(second.value("title"_L1).toString(), u"Type hints"_s);
    QCOMPARE(second.value("speaker"_L1).toString(), u"Ben"_s);
    QCOMPARE(second.value("plannedStart"_L1).toString(), u"19:20"_s);
    QCOMPARE(second.value("plannedEnd"_L1).toString(), u"19:40"_s);
    // Its deck exists but the organizer did not allow downloading it.
    QVERIFY(second.contains("deck"_L1));
    QVERIFY(second.value("deck"_L1).isNull());
}

void TestAgendaServer::onlyHttpAndHttpsMaterialsReachPhones()
{
    // A plan built by hand, not through the event file's parser (which refuses these links): the server checks
    // again what it sends.
    m_plan.sessions[0].materials.append({{u"Trap"_s, QUrl(u"javascript:alert(document.cookie)"_s)},
                                         {u"Inline"_s, QUrl(u"data:text/html,<script>alert(1)</script>"_s)},
                                         {u"Local"_s, QUrl(u"file:///etc/passwd"_s)}});
    m_event->setPlan(m_plan, m_event->planSourcePath());
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QCOMPARE(agendaSession(phone->take(u"agenda"_s), 0).value("materials"_L1).toArray(),
             (QJsonArray{QJsonObject{{"label"_L1, u"Slides"_s}, {"url"_L1, u"https://example.org/slides"_s}}}));
    // Another plan adds more.
    m_plan.sessions[1].materials = {{u"Sneaky"_s, QUrl(u"JaVaScRiPt:alert(1)"_s)},
                                    {u"Script"_s, QUrl(u"vbscript:msgbox(1)"_s)},
                                    {u"No host"_s, QUrl(u"https:javascript:alert(1)"_s)},
                                    {u"Code"_s, QUrl(u"http://example.org/code"_s)}};
    m_event->setPlan(m_plan, m_event->planSourcePath());
    const QJsonObject changed = phone->take(u"agenda"_s);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(agendaSession(changed, 0).value("materials"_L1).toArray().size(), 1);
    QCOMPARE(agendaSession(changed, 1).value("materials"_L1).toArray(),
             (QJsonArray{QJsonObject{{"label"_L1, u"Code"_s}, {"url"_L1, u"http://example.org/code"_s}}}));
    for (const QString &text : phone->texts()) {
        QVERIFY2(!text.contains("javascript"_L1, Qt::CaseInsensitive), qPrintable(text));
        QVERIFY2(!text.contains("vbscript"_L1, Qt::CaseInsensitive), qPrintable(text));
        QVERIFY2(!text.contains("data:"_L1, Qt::CaseInsensitive), qPrintable(text));
        QVERIFY2(!text.contains("file:"_L1, Qt::CaseInsensitive), qPrintable(text));
        QVERIFY2(!text.contains("Trap"_L1), qPrintable(text));
    }
}

void TestAgendaServer::moderatorPageReceivesTheAgenda()
{
    std::unique_ptr<Phone> moderator = this->moderator();
    QVERIFY(moderator);
    const QJsonObject agenda = moderator->take(u"agenda"_s);
    QCOMPARE(agenda.value("onStage"_L1).toInt(-2), 0);
    QCOMPARE(agenda.value("event"_L1).toObject().value("title"_L1).toString(), u"Robust Python evening"_s);
    QCOMPARE(moderator->types().mid(0, 2), (QStringList{u"moderation"_s, u"agenda"_s}));

    m_event->present(1, m_secondDeck);
    const QJsonObject switched = moderator->take(u"agenda"_s);
    QCOMPARE(switched.value("onStage"_L1).toInt(-2), 1);
    // And the moderation view is the new session's.
    QTRY_COMPARE(moderator->count(u"moderation"_s), 1);
    QCOMPARE(moderator->take(u"moderation"_s).value("session"_L1).toString(), u"Type hints"_s);
}

void TestAgendaServer::sessionSwitchReachesEveryPhone()
{
    const QString device = newDevice();
    std::unique_ptr<Phone> phone = greetedPhone(device);
    QVERIFY(phone);
    QVERIFY(phone->take(u"poll"_s).value("poll"_L1).isNull());
    QVERIFY(!phone->take(u"agenda"_s).isEmpty());

    VERIFY_OK(openPoll(u"uses-uv"_s));
    QCOMPARE(phone->take(u"poll"_s).value("poll"_L1).toObject().value("id"_L1).toString(), u"uses-uv"_s);
    phone->vote(1, u"uses-uv"_s, {u"yes"_s});
    QCOMPARE(phone->take(u"ack"_s).value("id"_L1).toInt(), 1);
    phone->ask(2, u"Does uv replace pip?"_s);
    QCOMPARE(phone->take(u"asked"_s).value("id"_L1).toInt(), 2);
    QVERIFY(phone->sync());
    phone->take(u"questionUpdates"_s, 0);

    // Another session on stage: its agenda, no poll yet, and its (empty) Q&A.
    m_event->present(1, m_secondDeck);
    QCOMPARE(phone->take(u"agenda"_s).value("onStage"_L1).toInt(-2), 1);
    const QJsonObject noPoll = phone->take(u"poll"_s);
    QVERIFY(noPoll.contains("poll"_L1));
    QVERIFY(noPoll.value("poll"_L1).isNull());
    const QJsonObject questions = phone->take(u"questions"_s);
    QCOMPARE(questions.value("session"_L1).toString(), u"Type hints"_s);
    QCOMPARE(questions.value("questions"_L1).toArray().size(), 0);
    QCOMPARE(questions.value("yours"_L1).toArray().size(), 0);

    // The new session's poll reaches the phone, not answered, and takes its vote.
    VERIFY_OK(openPoll(u"typed"_s));
    const QJsonObject typed = phone->take(u"poll"_s).value("poll"_L1).toObject();
    QCOMPARE(typed.value("id"_L1).toString(), u"typed"_s);
    QVERIFY(typed.value("yourAnswer"_L1).isNull());
    phone->vote(3, u"typed"_s, {u"no"_s});
    QCOMPARE(phone->take(u"ack"_s).value("id"_L1).toInt(), 3);

    // Back to the first session: its poll with this phone's answer, its question.
    m_event->present(0, m_firstDeck);
    QCOMPARE(phone->take(u"agenda"_s).value("onStage"_L1).toInt(-2), 0);
    const QJsonObject back = phone->take(u"poll"_s).value("poll"_L1).toObject();
    QCOMPARE(back.value("id"_L1).toString(), u"uses-uv"_s);
    QCOMPARE(back.value("yourAnswer"_L1).toArray(), QJsonArray{u"yes"_s});
    const QJsonObject firstQuestions = phone->take(u"questions"_s);
    QVERIFY2(firstQuestions.value("session"_L1).toString() == "uv and Nix"_L1,
             qPrintable(phone->types().join(u' ') + u'\n' + phone->texts().join(u'\n')));
    QCOMPARE(firstQuestions.value("yours"_L1).toArray().size(), 1);
    QCOMPARE(firstQuestions.value("yours"_L1).toArray().at(0).toObject().value("text"_L1).toString(),
             u"Does uv replace pip?"_s);
}

void TestAgendaServer::agendaChangesGoOutAtMostOnceASecond()
{
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QVERIFY(!phone->take(u"agenda"_s).isEmpty());
    const auto titled = [](const QString &title) { return [title](Event &plan) { plan.title = title; }; };

    QElapsedTimer clock;
    clock.start();
    VERIFY_OK(changePlan(titled(u"Evening 1"_s)));
    const QJsonObject first = phone->take(u"agenda"_s);
    const qint64 firstArrived = clock.elapsed();
    QCOMPARE(first.value("event"_L1).toObject().value("title"_L1).toString(), u"Evening 1"_s);

    // Three changes within the second after: one message, with the last of them, a second after the first.
    VERIFY_OK(changePlan(titled(u"Evening 2"_s)));
    VERIFY_OK(changePlan(titled(u"Evening 3"_s)));
    VERIFY_OK(changePlan(titled(u"Evening 4"_s)));
    const QJsonObject last = phone->take(u"agenda"_s);
    const qint64 lastArrived = clock.elapsed();
    QCOMPARE(last.value("event"_L1).toObject().value("title"_L1).toString(), u"Evening 4"_s);
    // Measured here, so each message's delivery to this test's phone counts: a stall while the first is read
    // shortens the gap seen. Sent at once, the two would be a few milliseconds apart.
    QVERIFY2(lastArrived - firstArrived >= 800, qPrintable(u"%1 ms apart"_s.arg(lastArrived - firstArrived)));

    QVERIFY(phone->sync());
    QCOMPARE(phone->count(u"agenda"_s), 0);
    QCOMPARE(phone->types().count(u"agenda"_s), 3);
    // Every phone gets the same bytes.
    const QString sent = phone->texts().at(phone->types().lastIndexOf(u"agenda"_s));
    std::unique_ptr<Phone> later = greetedPhone(newDevice());
    QVERIFY(later);
    QCOMPARE(later->texts().at(later->types().indexOf(u"agenda"_s)), sent);
}

void TestAgendaServer::withoutTheEventThereIsNoAgendaDeckOrExport()
{
    VERIFY_OK(startServer({}, false));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QCOMPARE(phone->types(), (QStringList{u"welcome"_s, u"poll"_s, u"questions"_s}));
    m_event->present(1, m_secondDeck);
    QVERIFY(!phone->take(u"questions"_s).isEmpty());
    QVERIFY(phone->sync());
    QCOMPARE(phone->count(u"agenda"_s), 0);

    const HttpAnswer deck = get(joined(u"/deck/0"_s));
    QCOMPARE(deck.status, 404);
    QCOMPARE(deck.code(), u"not-found"_s);
    const HttpAnswer exported = get(exportPath(u"csv"_s));
    QCOMPARE(exported.status, 404);
    QCOMPARE(exported.code(), u"not-found"_s);
}

// ---- Deck downloads ----

void TestAgendaServer::deckDownloadIsTheFileItself()
{
    const HttpAnswer answer = get(joined(u"/deck/0"_s));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.header("Content-Type"_ba), "application/pdf"_ba);
    QCOMPARE(answer.header("Content-Disposition"_ba), "attachment; filename=\"uv-and-nix.pdf\""_ba);
    QCOMPARE(answer.header("Content-Length"_ba), QByteArray::number(QFileInfo(firstDeckPath()).size()));
    verifySecurityHeaders(answer);
    QVERIFY(answer.body.startsWith("%PDF-"));
    QCOMPARE(answer.body, fileBytes(firstDeckPath()));
    // The connection serves the next request as usual.
    QCOMPARE(get(joined(u"/deck/0"_s)).body, fileBytes(firstDeckPath()));
}

void TestAgendaServer::deckDownloadIsForPhonesThatJoined()
{
    for (const QString &path : {u"/deck/0"_s, u"/deck/0?device="_s, u"/deck/0?device=AAAAAAAAAAAAAAAAAAAAAA"_s}) {
        const HttpAnswer refused = get(path);
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.code(), u"forbidden"_s);
        QVERIFY(!refused.body.contains("%PDF"));
    }
    QCOMPARE(get(joined(u"/deck/0"_s)).status, 200);
}

void TestAgendaServer::deckDownloadIsRefusedWhereNotAllowed_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("download not allowed") << u"/deck/1"_s;
    QTest::newRow("no such session") << u"/deck/2"_s;
    QTest::newRow("negative") << u"/deck/-1"_s;
    QTest::newRow("not a number") << u"/deck/first"_s;
    QTest::newRow("sign") << u"/deck/+0"_s;
    QTest::newRow("exponent") << u"/deck/0e0"_s;
    QTest::newRow("huge") << u"/deck/99999999999999999999"_s;
    QTest::newRow("no index") << u"/deck/"_s;
    QTest::newRow("a path") << u"/deck/0/..%2F..%2Fevent.sqlite"_s;
}

void TestAgendaServer::deckDownloadIsRefusedWhereNotAllowed()
{
    QFETCH(QString, path);
    const HttpAnswer answer = get(joined(path));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.code(), u"not-found"_s);
    QVERIFY(answer.header("Content-Type"_ba).startsWith("application/json"));
    verifySecurityHeaders(answer);
}

void TestAgendaServer::deckDownloadFollowsThePlan()
{
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QVERIFY(!phone->take(u"agenda"_s).isEmpty());

    VERIFY_OK(changePlan([](Event &plan) {
        plan.sessions[0].deckDownload = false;
        plan.sessions[1].deckDownload = true;
    }));
    const QJsonObject agenda = phone->take(u"agenda"_s);
    QVERIFY(agendaSession(agenda, 0).value("deck"_L1).isNull());
    QCOMPARE(agendaSession(agenda, 1).value("deck"_L1).toObject().value("name"_L1).toString(), u"型ヒント.pdf"_s);

    QCOMPARE(get(joined(u"/deck/0"_s)).status, 404);
    const HttpAnswer second = get(joined(u"/deck/1"_s));
    QCOMPARE(second.status, 200);
    QCOMPARE(second.body, fileBytes(secondDeckPath()));
    QCOMPARE(second.header("Content-Disposition"_ba),
             "attachment; filename=\"____.pdf\"; filename*=UTF-8''%E5%9E%8B%E3%83%92%E3%83%B3%E3%83%88.pdf"_ba);

    QNetworkRequest post(url(u"/deck/1"_s));
    post.setRawHeader("Content-Type"_ba, "application/json"_ba);
    const HttpAnswer wrongMethod = finish(m_network.post(post, "{}"_ba));
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("Allow"_ba), "GET"_ba);
}

void TestAgendaServer::deletedDeckIsNotFound()
{
    QVERIFY(QFile::remove(firstDeckPath()));
    const HttpAnswer answer = get(joined(u"/deck/0"_s));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.code(), u"not-found"_s);
    // The agenda offers no deck once it is read again.
    VERIFY_OK(changePlan([](Event &) {}));
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QVERIFY(agendaSession(phone->take(u"agenda"_s), 0).value("deck"_L1).isNull());
    // A directory where the deck was is no deck either.
    QVERIFY(QDir().mkpath(firstDeckPath()));
    QCOMPARE(get(joined(u"/deck/0"_s)).status, 404);
}

void TestAgendaServer::largeDeckIsStreamedWithoutHoldingItInMemory()
{
    // 64 MiB, each 64 KiB block marked with its number, so that a block sent twice or out of order shows.
    constexpr qint64 kBlock = 64 * 1024;
    constexpr int kBlocks = 1024;
    const QString bigPath = m_dir->filePath(u"big.pdf"_s);
    QCryptographicHash fileHash(QCryptographicHash::Sha256);
    {
        QFile big(bigPath);
        QVERIFY(big.open(QIODevice::WriteOnly));
        QByteArray block(kBlock, 'x');
        for (int i = 0; i < kBlocks; ++i) {
            const QByteArray mark = "%PDF-block " + QByteArray::number(i) + '\n';
            block.replace(0, mark.size(), mark);
            fileHash.addData(block);
            QCOMPARE(big.write(block), kBlock);
        }
    }
    VERIFY_OK(changePlan([&](Event &plan) {
        plan.sessions[1].deckPath = bigPath;
        plan.sessions[1].deckDownload = true;
    }));

    // A phone on a slow network: a small receive buffer, reading a little at a time.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    const auto closeSocket = qScopeGuard([fd] { ::close(fd); });
    const int receiveBuffer = 16 * 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_server->port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK), 0);
    const QByteArray request = "GET " + joined(u"/deck/1"_s).toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    QCOMPARE(::send(fd, request.constData(), size_t(request.size()), 0), ssize_t(request.size()));

    const qint64 before = residentBytes();
    QVERIFY(before > 0);
    qint64 peak = before;
    QByteArray head;
    qint64 bodyReceived = 0;
    QCryptographicHash bodyHash(QCryptographicHash::Sha256);
    const auto readSome = [&] {
        char buffer[32 * 1024];
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got <= 0)
            return false;
        QByteArrayView data(buffer, got);
        if (!head.endsWith("\r\n\r\n")) {
            const qsizetype headEnd = QByteArray(head + data.toByteArray()).indexOf("\r\n\r\n");
            if (headEnd < 0) {
                head += data.toByteArray();
                return true;
            }
            const qsizetype fromData = headEnd + 4 - head.size();
            head += data.first(fromData).toByteArray();
            data = data.sliced(fromData);
        }
        bodyHash.addData(data);
        bodyReceived += data.size();
        peak = std::max(peak, residentBytes());
        return true;
    };
    // The phone takes the head and the first bytes, then stops reading while the laptop's event loop runs on: the
    // server must not read the file ahead into memory meanwhile.
    QVERIFY(QTest::qWaitFor(
        [&] {
            readSome();
            return bodyReceived > 0;
        },
        kTimeoutMs));
    for (int pass = 0; pass < 100'000; ++pass)
        QCoreApplication::processEvents();
    const qint64 stalled = residentBytes() - before;
    qInfo() << "resident memory grew by" << stalled / 1024 << "KiB while the phone read nothing";
    QVERIFY2(stalled < 16 * 1024 * 1024, qPrintable(u"grew by %1 KiB"_s.arg(stalled / 1024)));

    // Then it reads as fast as it can, the event loop turning between its reads (no waiting in between).
    QDeadlineTimer deadline(120'000);
    while (bodyReceived < kBlock * kBlocks && !deadline.hasExpired()) {
        QCoreApplication::processEvents();
        while (readSome()) {
        }
    }
    const bool complete = bodyReceived >= kBlock * kBlocks;
    QVERIFY2(complete, qPrintable(u"%1 of %2 bytes received"_s.arg(bodyReceived).arg(kBlock * kBlocks)));
    QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
    QVERIFY(head.contains(QByteArray("Content-Length: " + QByteArray::number(kBlock * kBlocks) + "\r\n")));
    QCOMPARE(bodyReceived, kBlock * kBlocks);
    QCOMPARE(bodyHash.result(), fileHash.result());
    // The server held a window of the file at a time, not the file: far below its 64 MiB.
    const qint64 growth = peak - before;
    qInfo() << "resident memory grew by" << growth / 1024 << "KiB at most while sending 64 MiB";
    QVERIFY2(growth < 16 * 1024 * 1024, qPrintable(u"grew by %1 KiB"_s.arg(growth / 1024)));
}

void TestAgendaServer::downloadsAndExportsAreRateLimited()
{
    ServerLimits limits;
    limits.requestsPerAddress = {3, 0.001};
    VERIFY_OK(startServer(limits));
    const QString deck = joined(u"/deck/0"_s); // the join is a request too
    QCOMPARE(get(deck).status, 200);
    QCOMPARE(get(exportPath(u"csv"_s)).status, 200);
    for (const QString &path : {deck, exportPath(u"csv"_s)}) {
        const HttpAnswer refused = get(path);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.code(), u"rate-limited"_s);
        QVERIFY(refused.header("Retry-After"_ba).toInt() >= 1);
        verifySecurityHeaders(refused);
    }
}

// ---- Exports ----

void TestAgendaServer::exportNeedsTheModeratorToken()
{
    ServerLimits limits;
    limits.joinsPerAddress = {2, 0.001};
    VERIFY_OK(startServer(limits));
    const HttpAnswer wrong = get(u"/m/%1/export/csv"_s.arg(u"not-the-token"_s));
    QCOMPARE(wrong.status, 403);
    QCOMPARE(wrong.code(), u"forbidden"_s);
    verifySecurityHeaders(wrong);
    // Nearly the token: still a guess.
    QString almost = m_room->moderatorToken();
    almost[almost.size() - 1] = almost.back() == u'A' ? u'B' : u'A';
    QCOMPARE(get(u"/m/%1/export/csv"_s.arg(almost)).status, 403);
    // Each wrong one cost a join: the address has none left, and is told nothing about the right token.
    const HttpAnswer outOfJoins = get(exportPath(u"csv"_s));
    QCOMPARE(outOfJoins.status, 429);
    QCOMPARE(outOfJoins.code(), u"rate-limited"_s);

    VERIFY_OK(startServer());
    QCOMPARE(get(exportPath(u"csv"_s)).status, 200);
}

void TestAgendaServer::exportAnswersEachFormat_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::newRow("csv") << ExportFormat::Csv;
    QTest::newRow("json") << ExportFormat::Json;
    QTest::newRow("pdf") << ExportFormat::PdfReport;
    QTest::newRow("handout") << ExportFormat::Handout;
}

void TestAgendaServer::exportAnswersEachFormat()
{
    QFETCH(ExportFormat, format);
    const QString device = newDevice();
    std::unique_ptr<Phone> phone = greetedPhone(device);
    QVERIFY(phone);
    VERIFY_OK(openPoll(u"uses-uv"_s));
    phone->vote(1, u"uses-uv"_s, {u"yes"_s});
    QCOMPARE(phone->take(u"ack"_s).value("id"_L1).toInt(), 1);
    phone->ask(2, u"Does uv replace pip?"_s);
    QCOMPARE(phone->take(u"asked"_s).value("id"_L1).toInt(), 2);

    const HttpAnswer answer = get(exportPath(EventExport::formatName(format)), 60'000);
    QVERIFY2(answer.status == 200, answer.body.left(500).constData());
    QCOMPARE(answer.header("Content-Type"_ba), EventExport::mimeType(format));
    QCOMPARE(answer.header("Content-Disposition"_ba),
             AgendaMessages::attachmentDisposition(EventExport::suggestedFileName(m_plan, format, {})));
    QVERIFY(answer.header("Content-Disposition"_ba).startsWith("attachment; filename=\""));
    verifySecurityHeaders(answer);
    QVERIFY(!answer.body.isEmpty());
    switch (format) {
    case ExportFormat::Csv:
        QVERIFY2(answer.body.contains("Do you use uv?"), answer.body.constData());
        QVERIFY2(answer.body.contains("Does uv replace pip?"), answer.body.constData());
        break;
    case ExportFormat::Json: {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(answer.body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(document.isObject());
        QVERIFY(answer.body.contains("Does uv replace pip?"));
        // Device tokens never leave the laptop.
        QVERIFY(!answer.body.contains(device.toUtf8()));
        break;
    }
    case ExportFormat::PdfReport:
    case ExportFormat::Handout:
        QVERIFY(answer.body.startsWith("%PDF-"));
        break;
    }
}

void TestAgendaServer::exportLeavesNamesOutWithNamesZero()
{
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    phone->ask(1, u"How do lock files work?"_s, u"Chiyo Tanaka"_s);
    QCOMPARE(phone->take(u"asked"_s).value("id"_L1).toInt(), 1);

    const HttpAnswer named = get(exportPath(u"csv"_s));
    QCOMPARE(named.status, 200);
    QVERIFY(named.body.contains("How do lock files work?"));
    QVERIFY(named.body.contains("Chiyo Tanaka"));
    QCOMPARE(get(exportPath(u"csv"_s, u"?names=1"_s)).body, named.body);

    for (const QString &format : {u"csv"_s, u"json"_s}) {
        const HttpAnswer anonymous = get(exportPath(format, u"?names=0"_s));
        QCOMPARE(anonymous.status, 200);
        QVERIFY(anonymous.body.contains("How do lock files work?"));
        QVERIFY2(!anonymous.body.contains("Chiyo"), anonymous.body.constData());
        ExportOptions options;
        options.includeNames = false;
        QCOMPARE(anonymous.header("Content-Disposition"_ba),
                 AgendaMessages::attachmentDisposition(
                     EventExport::suggestedFileName(m_plan, *EventExport::parseFormat(format), options)));
    }
}

void TestAgendaServer::exportOfOneSession()
{
    std::unique_ptr<Phone> phone = greetedPhone(newDevice());
    QVERIFY(phone);
    QVERIFY(!phone->take(u"agenda"_s).isEmpty());
    phone->ask(1, u"Question for the first talk"_s);
    QCOMPARE(phone->take(u"asked"_s).value("id"_L1).toInt(), 1);
    m_event->present(1, m_secondDeck);
    QCOMPARE(phone->take(u"agenda"_s).value("onStage"_L1).toInt(), 1);
    phone->ask(2, u"Question for the second talk"_s);
    QCOMPARE(phone->take(u"asked"_s).value("id"_L1).toInt(), 2);

    const HttpAnswer whole = get(exportPath(u"csv"_s));
    QVERIFY(whole.body.contains("Question for the first talk"));
    QVERIFY(whole.body.contains("Question for the second talk"));
    const HttpAnswer first = get(exportPath(u"csv"_s, u"?session=1"_s));
    QCOMPARE(first.status, 200);
    QVERIFY(first.body.contains("Question for the first talk"));
    QVERIFY(!first.body.contains("Question for the second talk"));
    const HttpAnswer second = get(exportPath(u"csv"_s, u"?session=2&names=0"_s));
    QCOMPARE(second.status, 200);
    QVERIFY(!second.body.contains("Question for the first talk"));
    QVERIFY(second.body.contains("Question for the second talk"));
    ExportOptions options;
    options.sessionIndex = 1;
    options.includeNames = false;
    QCOMPARE(second.header("Content-Disposition"_ba),
             AgendaMessages::attachmentDisposition(EventExport::suggestedFileName(m_plan, ExportFormat::Csv, options)));

    const HttpAnswer handout = get(exportPath(u"handout"_s, u"?session=2"_s), 60'000);
    QCOMPARE(handout.status, 200);
    QVERIFY(handout.body.startsWith("%PDF-"));
}

void TestAgendaServer::exportRefusesUnknownFormatsAndBadQueries_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown format") << u"xml"_s << QString() << 404 << u"not-found"_s;
    QTest::newRow("format with a suffix") << u"csv.exe"_s << QString() << 404 << u"not-found"_s;
    QTest::newRow("session 0") << u"csv"_s << u"?session=0"_s << 400 << u"bad-request"_s;
    QTest::newRow("session past the last") << u"csv"_s << u"?session=3"_s << 400 << u"bad-request"_s;
    QTest::newRow("session not a number") << u"csv"_s << u"?session=first"_s << 400 << u"bad-request"_s;
    QTest::newRow("session negative") << u"csv"_s << u"?session=-1"_s << 400 << u"bad-request"_s;
    QTest::newRow("session empty") << u"csv"_s << u"?session="_s << 400 << u"bad-request"_s;
    QTest::newRow("names other than 0 or 1") << u"csv"_s << u"?names=no"_s << 400 << u"bad-request"_s;
}

void TestAgendaServer::exportRefusesUnknownFormatsAndBadQueries()
{
    QFETCH(QString, format);
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, code);
    const HttpAnswer answer = get(exportPath(format, query));
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.code(), code);
    QVERIFY(answer.header("Content-Type"_ba).startsWith("application/json"));
    verifySecurityHeaders(answer);
}

void TestAgendaServer::exportFailureIsA500InJson()
{
    const QString notADatabase = m_dir->filePath(u"not-a-database.sqlite"_s);
    QFile garbage(notADatabase);
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(8192, 'z'));
    garbage.close();
    m_server->stop();
    m_server->setDatabasePath(notADatabase);
    VERIFY_OK(m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), 0}));

    const HttpAnswer answer = get(exportPath(u"json"_s));
    QCOMPARE(answer.status, 500);
    QCOMPARE(answer.code(), u"export-failed"_s);
    QVERIFY(answer.header("Content-Type"_ba).startsWith("application/json"));
    QVERIFY(!jsonObject(answer.body).value("error"_L1).toString().isEmpty());
    QVERIFY(answer.header("Content-Disposition"_ba).isEmpty());
    verifySecurityHeaders(answer);
}

void TestAgendaServer::exportForAModeratorPageThatWentAwayIsDropped()
{
    const QString wentAway = u"an export was made for a moderator page that went away"_s;
    QTest::ignoreMessage(QtInfoMsg, qPrintable(wentAway));
    {
        const std::unique_ptr<PoolGate> gate = holdTheWorkers();
        QTcpSocket socket;
        sendExportRequest(socket, u"handout"_s);
        // Gone before the answer (the render waits at the gate).
        socket.abort();
        QCOMPARE(get(u"/"_s).status, 200);
    }
    QTRY_VERIFY_WITH_TIMEOUT(g_loggedMessages.contains(wentAway), 60'000);
    // The server goes on as before.
    const HttpAnswer answer = get(exportPath(u"csv"_s));
    QCOMPARE(answer.status, 200);
    QVERIFY(!answer.body.isEmpty());
}

void TestAgendaServer::stoppingWhileAnExportRendersDropsIt()
{
    QTcpSocket socket;
    {
        const std::unique_ptr<PoolGate> gate = holdTheWorkers();
        sendExportRequest(socket, u"handout"_s);
        m_server->stop();
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    }
    // The render ends with nobody to answer, and nothing of it is sent anywhere.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    QCOMPARE(socket.readAll(), QByteArray());
    VERIFY_OK(m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), 0}));
    QCOMPARE(get(exportPath(u"csv"_s)).status, 200);
}

QTEST_MAIN(TestAgendaServer)
#include "tst_agendaserver.moc"
