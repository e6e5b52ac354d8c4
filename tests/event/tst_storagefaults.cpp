// The event database refusing writes in the middle of a talk (issue 7): the disk full (SQLite's max_page_count held
// at the pages the file has) or the file read-only (PRAGMA query_only: tests run as root, whom file permissions do not
// stop). Both are set on the app's own connection, as the fault would strike it. Phones are acknowledged only for what
// was stored, and told storage-failed for the rest; nothing is half-written, in the database or in memory; the slides
// and the timer go on; and once the database takes writes again, everything works as before.

#include "event/audienceroom.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "server/audienceserver.h"
#include "storage/database.h"
#include "storage/stagestore.h"
#include "timer/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 10'000;
/** Phones of the room: their long answers and questions need more pages than a full disk has to spare. */
constexpr int kPhones = 40;
const QString kFeedback = u"feedback"_s;

enum class Fault { DiskFull, ReadOnly };

template<class T>
QByteArray reason(const Result<T> &result)
{
    return result ? QByteArray() : result.error().toLocal8Bit();
}

#define VERIFY_OK(expression)                                                                                          \
    do {                                                                                                               \
        const auto result_ = (expression);                                                                             \
        QVERIFY2(result_, reason(result_).constData());                                                                \
    } while (false)

QJsonObject parsed(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

/** A text of exactly length characters (the most a question or an open-text answer may have), told apart by n. */
QString longText(const QString &what, int n, int length)
{
    QString text = u"%1 %2: "_s.arg(what).arg(n);
    while (text.size() < length)
        text += u"will every word of this still be there after the disk fills up? "_s;
    return text.left(length).trimmed();
}

/** A phone's WebSocket that keeps every message it was sent. */
class Phone
{
public:
    Phone()
    {
        m_socket.setProxy(QNetworkProxy::NoProxy);
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                         [this](const QString &text) { m_messages.append(parsed(text)); });
    }
    void open(quint16 port) { m_socket.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port))); }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool connectTo(quint16 port)
    {
        open(port);
        return QTest::qWaitFor([this] { return isConnected(); }, kTimeoutMs);
    }
    void send(const QJsonObject &message)
    {
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    /** The answer to request id: the first message of the session's protocol naming it (an ack or an error). */
    std::optional<QJsonObject> answerTo(int id) const
    {
        for (const QJsonObject &message : m_messages) {
            if (message.contains(u"id"_s) && message.value(u"id"_s).toInt() == id &&
                message.value(u"type"_s) != u"pong"_s)
                return message;
        }
        return std::nullopt;
    }
    QJsonObject waitForAnswer(int id)
    {
        std::optional<QJsonObject> answer;
        if (!QTest::qWaitFor([&] { return (answer = answerTo(id)).has_value(); }, kTimeoutMs))
            return {};
        return *answer;
    }
    bool hasMessage(const QString &type) const
    {
        return std::any_of(m_messages.cbegin(), m_messages.cend(),
                           [&](const QJsonObject &message) { return message.value(u"type"_s).toString() == type; });
    }
    /** Everything the server sent before it read this ping has arrived when this returns true. */
    bool sync()
    {
        const auto pongs = [this] {
            return std::count_if(m_messages.cbegin(), m_messages.cend(),
                                 [](const QJsonObject &m) { return m.value(u"type"_s).toString() == u"pong"_s; });
        };
        const auto before = pongs();
        send({{u"type"_s, u"ping"_s}});
        return QTest::qWaitFor([&] { return pongs() > before; }, kTimeoutMs);
    }
    /** Every message received, as compact JSON, for searching for a text that must not have arrived. */
    QString everything() const
    {
        QString all;
        for (const QJsonObject &message : m_messages)
            all += QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)) + u'\n';
        return all;
    }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
};

} // namespace

class TestStorageFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void phoneWritesAreAcknowledgedOnlyWhenStored_data() { faults(); }
    void phoneWritesAreAcknowledgedOnlyWhenStored();
    void moderatorActionsAreDoneOnlyWhenStored_data() { faults(); }
    void moderatorActionsAreDoneOnlyWhenStored();
    void speakerPollCommandsChangeNothingUnstored_data() { faults(); }
    void speakerPollCommandsChangeNothingUnstored();
    void slidesAndTimerGoOnWhileTheStageIsNotRecorded_data() { faults(); }
    void slidesAndTimerGoOnWhileTheStageIsNotRecorded();
    void joinThatCannotBeStoredIssuesNoToken_data() { faults(); }
    void joinThatCannotBeStoredIssuesNoToken();

private:
    static void faults();
    Result<> refuseWrites(Fault fault);
    Result<> allowWrites(Fault fault);
    qint64 number(const QString &sql, const QVariantList &values = {}) const;
    QString text(const QString &sql, const QVariantList &values = {}) const;
    std::unique_ptr<Phone> greetedPhone(const QString &device);
    std::vector<std::unique_ptr<Phone>> greetedPhones(const QStringList &devices);
    std::unique_ptr<Phone> moderator();
    QString newDevice();
    QString questionState(qint64 id) const;

    QTemporaryDir m_dir;
    QString m_deckPath;
    std::shared_ptr<const SlideDeck> m_deck;
    std::unique_ptr<QTemporaryDir> m_eventDir;
    ManualClock m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<AudienceRoom> m_room;
    std::unique_ptr<LivePolls> m_polls;
    std::unique_ptr<LiveQuestions> m_questions;
    std::unique_ptr<LiveEvent> m_event;
    std::unique_ptr<AudienceServer> m_server;
    QNetworkAccessManager m_network;
};

void TestStorageFaults::faults()
{
    QTest::addColumn<Fault>("fault");
    QTest::newRow("disk full") << Fault::DiskFull;
    QTest::newRow("read-only") << Fault::ReadOnly;
}

void TestStorageFaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_deckPath = m_dir.filePath(u"talk.pdf"_s);
    {
        QPdfWriter writer(m_deckPath);
        writer.setPageSize(QPageSize(QSizeF(160, 90), QPageSize::Millimeter));
        writer.setResolution(72);
        QPainter painter(&writer);
        for (int i = 0; i < 5; ++i) {
            if (i > 0)
                writer.newPage();
            painter.drawText(QPointF(20, 40), u"page %1"_s.arg(i + 1));
        }
    }
    auto deck = SlideDeck::open(m_deckPath);
    QVERIFY(deck);
    m_deck = *deck;
    m_network.setProxy(QNetworkProxy::NoProxy);
}

/** The app as main() wires it, on a database file, with a session on stage, its open-text poll open. */
void TestStorageFaults::init()
{
    m_eventDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_eventDir->isValid());
    m_database = std::make_unique<Database>();
    VERIFY_OK(m_database->open(m_eventDir->filePath(u"event.sqlite"_s)));
    m_room = std::make_unique<AudienceRoom>(*m_database, m_clock);
    VERIFY_OK(m_room->load());
    m_polls = std::make_unique<LivePolls>(*m_database, m_clock);
    m_questions = std::make_unique<LiveQuestions>(*m_database, m_clock);
    m_event = std::make_unique<LiveEvent>(m_clock);
    m_event->setDatabase(m_database.get());
    m_event->setPolls(m_polls.get());
    m_event->setQuestions(m_questions.get());

    Poll feedback;
    feedback.id = kFeedback;
    feedback.question = u"What should the next meetup be about?"_s;
    feedback.kind = Poll::Kind::OpenText;
    Poll usesUv;
    usesUv.id = u"uses-uv"_s;
    usesUv.question = u"Do you use uv?"_s;
    usesUv.kind = Poll::Kind::SingleChoice;
    usesUv.options = {{u"yes"_s, u"Yes"_s}, {u"no"_s, u"No"_s}};
    Session session;
    session.title = u"Nothing is lost"_s;
    session.deckPath = m_deckPath;
    session.polls = {feedback, usesUv};
    Event plan;
    plan.title = u"Storage faults evening"_s;
    plan.sessions = {session};
    m_event->setPlan(plan, m_eventDir->filePath(u"event.lectern.json"_s));
    m_event->present(0, m_deck);
    VERIFY_OK(m_polls->open(kFeedback));

    // A room's worth of phones from one address: the per-address limits are the organizer's to lift.
    ServerLimits limits;
    limits.maxConnectionsPerAddress = 500;
    limits.joinsPerAddress = {1000, 1000};
    limits.requestsPerAddress = {1000, 1000};
    limits.messagesPerAddress = {10'000, 10'000};
    limits.questionsPerAddress = {1000, 1000};
    m_server = std::make_unique<AudienceServer>(*m_polls, *m_room, limits);
    m_server->setQuestions(m_questions.get());
    m_server->setEvent(m_event.get());
    VERIFY_OK(m_server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), 0}));
}

void TestStorageFaults::cleanup()
{
    m_network.clearConnectionCache();
    m_server.reset();
    if (m_event) {
        m_event->setPolls(nullptr);
        m_event->setQuestions(nullptr);
    }
    m_event.reset();
    m_questions.reset();
    m_polls.reset();
    m_room.reset();
    m_database.reset();
    m_eventDir.reset();
}

/**
 * The fault strikes the app's own connection. A full disk: the file may not grow by a page (what fits in the pages it
 * has still goes in, as on a real disk); read-only: no write at all.
 */
Result<> TestStorageFaults::refuseWrites(Fault fault)
{
    if (fault == Fault::ReadOnly)
        return m_database->exec(u"PRAGMA query_only = 1"_s).map([](const QSqlQuery &) {});
    const qint64 pages = number(u"PRAGMA page_count"_s);
    if (pages <= 0)
        return fail(u"no page count"_s);
    Result<QSqlQuery> limited = m_database->exec(u"PRAGMA max_page_count = %1"_s.arg(pages));
    if (!limited)
        return fail(limited.error());
    if (!limited->next() || limited->value(0).toLongLong() != pages)
        return fail(u"the page limit did not take"_s);
    return {};
}

Result<> TestStorageFaults::allowWrites(Fault fault)
{
    const QString pragma =
        fault == Fault::ReadOnly ? u"PRAGMA query_only = 0"_s : u"PRAGMA max_page_count = 1073741823"_s;
    return m_database->exec(pragma).map([](const QSqlQuery &) {});
}

/** The first column of the first row, read on the app's connection (reads work under both faults); -1 for none. */
qint64 TestStorageFaults::number(const QString &sql, const QVariantList &values) const
{
    Result<QSqlQuery> query = m_database->exec(sql, values);
    if (!query || !query->next() || query->value(0).isNull())
        return -1;
    return query->value(0).toLongLong();
}

QString TestStorageFaults::text(const QString &sql, const QVariantList &values) const
{
    Result<QSqlQuery> query = m_database->exec(sql, values);
    if (!query || !query->next())
        return {};
    return query->value(0).toString();
}

QString TestStorageFaults::questionState(qint64 id) const
{
    return text(u"SELECT state FROM questions WHERE id = ?"_s, {id});
}

QString TestStorageFaults::newDevice()
{
    return m_room->admitDevice(QString()).value_or(QString());
}

std::unique_ptr<Phone> TestStorageFaults::greetedPhone(const QString &device)
{
    std::vector<std::unique_ptr<Phone>> phones = greetedPhones({device});
    return phones.empty() ? nullptr : std::move(phones.front());
}

std::vector<std::unique_ptr<Phone>> TestStorageFaults::greetedPhones(const QStringList &devices)
{
    // All at once, as a room joins: connected, then each says hello and is sent the session's questions.
    std::vector<std::unique_ptr<Phone>> phones;
    for (const QString &device : devices) {
        if (device.isEmpty())
            return {};
        phones.push_back(std::make_unique<Phone>());
        phones.back()->open(m_server->port());
    }
    const auto all = [&phones](const std::function<bool(const Phone &)> &done) {
        return std::all_of(phones.cbegin(), phones.cend(), [&](const auto &phone) { return done(*phone); });
    };
    if (!QTest::qWaitFor([&] { return all([](const Phone &phone) { return phone.isConnected(); }); }, kTimeoutMs))
        return {};
    for (std::size_t i = 0; i < phones.size(); ++i)
        phones[i]->send({{u"type"_s, u"hello"_s},
                         {u"protocol"_s, 1},
                         {u"room"_s, m_room->roomCode()},
                         {u"device"_s, devices.at(qsizetype(i))}});
    if (!QTest::qWaitFor([&] { return all([](const Phone &phone) { return phone.hasMessage(u"questions"_s); }); },
                         kTimeoutMs))
        return {};
    return phones;
}

std::unique_ptr<Phone> TestStorageFaults::moderator()
{
    auto moderator = std::make_unique<Phone>();
    if (!moderator->connectTo(m_server->port()))
        return nullptr;
    moderator->send({{u"type"_s, u"moderator"_s}, {u"protocol"_s, 1}, {u"token"_s, m_room->moderatorToken()}});
    if (!QTest::qWaitFor([&] { return moderator->hasMessage(u"moderation"_s); }, kTimeoutMs))
        return nullptr;
    return moderator;
}

void TestStorageFaults::phoneWritesAreAcknowledgedOnlyWhenStored()
{
    QFETCH(Fault, fault);
    // The room: phones that joined and said hello, and three questions asked before the fault, to be upvoted.
    QStringList devices;
    for (int i = 0; i < kPhones; ++i)
        devices.append(newDevice());
    std::vector<std::unique_ptr<Phone>> phones = greetedPhones(devices);
    QCOMPARE(phones.size(), std::size_t(kPhones));
    QList<qint64> earlier;
    for (int i = 0; i < 3; ++i) {
        const Result<QuestionRecord> asked = m_questions->ask(devices.at(i), u"Earlier question %1"_s.arg(i));
        VERIFY_OK(asked);
        earlier.append(asked->question.id);
    }
    std::unique_ptr<Phone> observer = greetedPhone(newDevice());
    QVERIFY(observer);
    const qint64 questionsBefore = number(u"SELECT count(*) FROM questions"_s);
    QSignalSpy votesFailed(m_polls.get(), &LivePolls::votesFailed);
    QSignalSpy questionWritesFailed(m_questions.get(), &LiveQuestions::writeFailed);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"a batch of \\d+ votes failed"_s));
    VERIFY_OK(refuseWrites(fault));
    // Every phone at once: a vote with the longest answer, a question of the longest text, an upvote.
    for (int i = 0; i < kPhones; ++i) {
        Phone &phone = *phones[std::size_t(i)];
        phone.send({{u"type"_s, u"vote"_s},
                    {u"id"_s, 1},
                    {u"poll"_s, kFeedback},
                    {u"answer"_s, QJsonArray{longText(u"answer"_s, i, LivePolls::kMaxOpenTextLength)}}});
        phone.send(
            {{u"type"_s, u"ask"_s}, {u"id"_s, 2}, {u"text"_s, longText(u"question"_s, i, Question::kMaxTextLength)}});
        phone.send({{u"type"_s, u"upvote"_s}, {u"id"_s, 3}, {u"question"_s, earlier.at(i % 3)}, {u"on"_s, true}});
    }
    int refusedVotes = 0;
    int refusedQuestions = 0;
    int refusedUpvotes = 0;
    QList<int> refused;
    for (int i = 0; i < kPhones; ++i) {
        Phone &phone = *phones[std::size_t(i)];
        const QString device = devices.at(i);
        const QJsonObject vote = phone.waitForAnswer(1);
        const QJsonObject ask = phone.waitForAnswer(2);
        const QJsonObject upvote = phone.waitForAnswer(3);
        const QString answer = longText(u"answer"_s, i, LivePolls::kMaxOpenTextLength);
        const QString question = longText(u"question"_s, i, Question::kMaxTextLength);
        const QString stored =
            text(u"SELECT answer FROM votes WHERE poll_id = ? AND device_token = ?"_s, {kFeedback, device});
        if (vote.value(u"type"_s) == u"ack"_s) {
            QCOMPARE(vote.value(u"answer"_s).toArray(), QJsonArray{answer});
            QCOMPARE(QJsonDocument::fromJson(stored.toUtf8()).array(), QJsonArray{answer});
        } else {
            QCOMPARE(vote.value(u"code"_s).toString(), u"storage-failed"_s);
            QVERIFY2(stored.isEmpty(), "a vote refused as not stored is in the database");
            ++refusedVotes;
        }
        const qint64 storedQuestions =
            number(u"SELECT count(*) FROM questions WHERE device_token = ? AND text = ?"_s, {device, question});
        const bool inMemory = std::any_of(m_questions->questions().cbegin(), m_questions->questions().cend(),
                                          [&](const QuestionRecord &r) { return r.question.text == question; });
        if (ask.value(u"type"_s) == u"asked"_s) {
            QCOMPARE(storedQuestions, qint64(1));
            QVERIFY(inMemory);
        } else {
            QCOMPARE(ask.value(u"code"_s).toString(), u"storage-failed"_s);
            QCOMPARE(storedQuestions, qint64(0));
            QVERIFY2(!inMemory, "a question refused as not stored is in the live queue");
            QVERIFY2(!observer->everything().contains(question), "a question not stored reached another phone");
            ++refusedQuestions;
        }
        const qint64 id = earlier.at(i % 3);
        const qint64 storedUpvote =
            number(u"SELECT count(*) FROM question_votes WHERE question_id = ? AND device_token = ?"_s, {id, device});
        if (upvote.value(u"type"_s) == u"upvoted"_s) {
            QCOMPARE(storedUpvote, qint64(1));
            QVERIFY(m_questions->hasUpvoted(id, device));
        } else {
            QCOMPARE(upvote.value(u"code"_s).toString(), u"storage-failed"_s);
            QCOMPARE(storedUpvote, qint64(0));
            QVERIFY2(!m_questions->hasUpvoted(id, device), "an upvote refused as not stored is counted");
            ++refusedUpvotes;
        }
        if (vote.value(u"type"_s) != u"ack"_s || ask.value(u"type"_s) != u"asked"_s ||
            upvote.value(u"type"_s) != u"upvoted"_s)
            refused.append(i);
        QVERIFY2(phone.sync(), "the phone's connection did not stay up");
    }
    // The counts phones and the console see are the stored ones.
    for (const qint64 id : std::as_const(earlier)) {
        QCOMPARE(qint64(m_questions->question(id)->votes),
                 number(u"SELECT count(*) FROM question_votes WHERE question_id = ?"_s, {id}));
    }
    QCOMPARE(qint64(m_polls->results(kFeedback)->voterCount),
             number(u"SELECT count(*) FROM votes WHERE poll_id = ?"_s, {kFeedback}));
    qInfo("refused while the database refused writes: %d votes, %d questions, %d upvotes of %d each", refusedVotes,
          refusedQuestions, refusedUpvotes, kPhones);
    if (fault == Fault::ReadOnly) {
        QCOMPARE(refusedVotes, kPhones);
        QCOMPARE(refusedQuestions, kPhones);
        QCOMPARE(refusedUpvotes, kPhones);
    } else {
        // More than the pages have room for: the disk fills up along the way.
        QVERIFY(refusedVotes > 0);
        QVERIFY(refusedQuestions > 0);
    }
    // The console hears of the phones' failures (it shows them), once per refused write.
    QVERIFY(votesFailed.size() > 0);
    QCOMPARE(questionWritesFailed.size(), refusedQuestions + refusedUpvotes);

    // The database takes writes again: each refused phone sends again, as its page offers, and is acknowledged.
    VERIFY_OK(allowWrites(fault));
    for (const int i : std::as_const(refused)) {
        Phone &phone = *phones[std::size_t(i)];
        phone.send({{u"type"_s, u"vote"_s},
                    {u"id"_s, 11},
                    {u"poll"_s, kFeedback},
                    {u"answer"_s, QJsonArray{longText(u"answer"_s, i, LivePolls::kMaxOpenTextLength)}}});
        if (phone.answerTo(2).value_or(QJsonObject()).value(u"type"_s) != u"asked"_s)
            phone.send({{u"type"_s, u"ask"_s},
                        {u"id"_s, 12},
                        {u"text"_s, longText(u"question"_s, i, Question::kMaxTextLength)}});
        phone.send({{u"type"_s, u"upvote"_s}, {u"id"_s, 13}, {u"question"_s, earlier.at(i % 3)}, {u"on"_s, true}});
    }
    for (const int i : std::as_const(refused)) {
        Phone &phone = *phones[std::size_t(i)];
        QCOMPARE(phone.waitForAnswer(11).value(u"type"_s).toString(), u"ack"_s);
        QCOMPARE(phone.waitForAnswer(13).value(u"type"_s).toString(), u"upvoted"_s);
        if (phone.answerTo(2).value_or(QJsonObject()).value(u"type"_s) != u"asked"_s)
            QVERIFY2(phone.waitForAnswer(12).value(u"type"_s) == u"asked"_s, qPrintable(phone.everything()));
    }
    QCOMPARE(number(u"SELECT count(*) FROM votes WHERE poll_id = ?"_s, {kFeedback}), qint64(kPhones));
    QCOMPARE(number(u"SELECT count(*) FROM questions"_s), questionsBefore + kPhones);
    QCOMPARE(number(u"SELECT count(*) FROM question_votes"_s), qint64(kPhones));
    QCOMPARE(m_polls->results(kFeedback)->voterCount, kPhones);
}

void TestStorageFaults::moderatorActionsAreDoneOnlyWhenStored()
{
    QFETCH(Fault, fault);
    QList<qint64> ids;
    QStringList devices;
    for (int i = 0; i < 6; ++i) {
        devices.append(newDevice());
        const Result<QuestionRecord> asked = m_questions->ask(devices.constLast(), u"Question %1?"_s.arg(i + 1));
        VERIFY_OK(asked);
        ids.append(asked->question.id);
    }
    std::unique_ptr<Phone> moderator = this->moderator();
    QVERIFY(moderator);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not saved"_s));
    VERIFY_OK(refuseWrites(fault));
    // Every kind of moderator command; a long list of blocked words needs pages a full disk has not got.
    struct Command
    {
        QJsonObject message;
        QList<qint64> touched; ///< the questions whose state it changes
    };
    QJsonArray words;
    for (int i = 0; i < 200; ++i) // the most a moderator may send (QuestionMessages::kMaxBlockedWords), 40 long each
        words.append(u"blocked-word-%1-"_s.arg(i).leftJustified(40, u'x'));
    const QList<Command> commands = {
        {{{u"type"_s, u"moderate"_s}, {u"id"_s, 1}, {u"action"_s, u"pin"_s}, {u"question"_s, ids.at(0)}}, {ids.at(0)}},
        {{{u"type"_s, u"moderate"_s}, {u"id"_s, 2}, {u"action"_s, u"hide"_s}, {u"question"_s, ids.at(1)}}, {ids.at(1)}},
        {{{u"type"_s, u"moderate"_s}, {u"id"_s, 3}, {u"action"_s, u"answer"_s}, {u"question"_s, ids.at(2)}},
         {ids.at(2)}},
        {{{u"type"_s, u"moderate"_s},
          {u"id"_s, 4},
          {u"action"_s, u"merge"_s},
          {u"question"_s, ids.at(3)},
          {u"into"_s, ids.at(4)}},
         {ids.at(3), ids.at(4)}},
        {{{u"type"_s, u"moderate"_s}, {u"id"_s, 5}, {u"action"_s, u"block"_s}, {u"question"_s, ids.at(5)}}, {}},
        {{{u"type"_s, u"settings"_s}, {u"id"_s, 6}, {u"approval"_s, true}, {u"blockedWords"_s, words}}, {}},
    };
    int refusals = 0;
    for (const Command &command : commands) {
        QHash<qint64, QString> storedBefore;
        QHash<qint64, Question::State> liveBefore;
        for (const qint64 id : command.touched) {
            storedBefore.insert(id, questionState(id));
            liveBefore.insert(id, m_questions->question(id)->question.state);
        }
        const QString settingsBefore = text(u"SELECT group_concat(key || '=' || value, ';') FROM settings"_s);
        const bool approvalBefore = m_questions->isApprovalRequired();
        const bool blockedBefore = m_questions->isDeviceBlocked(devices.at(5));

        moderator->send(command.message);
        const int id = command.message.value(u"id"_s).toInt();
        const QJsonObject answer = moderator->waitForAnswer(id);
        const QByteArray what = QJsonDocument(command.message).toJson(QJsonDocument::Compact).left(80) + " answered " +
                                QJsonDocument(answer).toJson(QJsonDocument::Compact);
        if (answer.value(u"type"_s) == u"done"_s) {
            for (const qint64 touched : command.touched)
                QCOMPARE(questionState(touched), questionStateName(m_questions->question(touched)->question.state));
            continue;
        }
        QVERIFY2(answer.value(u"code"_s) == u"storage-failed"_s, what.constData());
        ++refusals;
        for (const qint64 touched : command.touched) {
            QCOMPARE(questionState(touched), storedBefore.value(touched));
            QCOMPARE(m_questions->question(touched)->question.state, liveBefore.value(touched));
        }
        // A refused `settings` message stores neither of its two settings (one transaction), like every other
        // command.
        if (command.message.value(u"type"_s) == u"settings"_s)
            QVERIFY(m_questions->blockedWords().isEmpty());
        QCOMPARE(text(u"SELECT group_concat(key || '=' || value, ';') FROM settings"_s), settingsBefore);
        QCOMPARE(m_questions->isApprovalRequired(), approvalBefore);
        QCOMPARE(m_questions->isDeviceBlocked(devices.at(5)), blockedBefore);
    }
    if (fault == Fault::ReadOnly)
        QCOMPARE(refusals, commands.size());
    else
        QVERIFY(refusals > 0); // the blocked words did not fit
    QVERIFY(moderator->sync());

    // Writes work again: the commands refused now go through.
    VERIFY_OK(allowWrites(fault));
    QJsonObject settings = commands.constLast().message;
    settings.insert(u"id"_s, 16);
    moderator->send(settings);
    QCOMPARE(moderator->waitForAnswer(16).value(u"type"_s).toString(), u"done"_s);
    QVERIFY(m_questions->isApprovalRequired());
    QCOMPARE(m_questions->blockedWords().size(), words.size());
    QJsonObject pin = commands.constFirst().message;
    pin.insert(u"id"_s, 7);
    moderator->send(pin);
    QCOMPARE(moderator->waitForAnswer(7).value(u"type"_s).toString(), u"done"_s);
    QCOMPARE(questionState(ids.at(0)), u"pinned"_s);
}

void TestStorageFaults::speakerPollCommandsChangeNothingUnstored()
{
    QFETCH(Fault, fault);
    VERIFY_OK(refuseWrites(fault));
    // A poll created live needs room for its definition; a state change only when the page it is on is full.
    Poll live;
    live.question = longText(u"Live poll"_s, 1, 280);
    live.kind = Poll::Kind::OpenText;
    const Result<QString> created = m_polls->createPoll(live);
    if (fault == Fault::ReadOnly)
        QVERIFY(!created);
    if (!created) {
        QCOMPARE(m_polls->polls().size(), 2);
        QCOMPARE(number(u"SELECT count(*) FROM polls"_s), qint64(2));
    }
    const Result<> opened = m_polls->open(u"uses-uv"_s);
    if (fault == Fault::ReadOnly)
        QVERIFY(!opened);
    const QString feedbackState = opened ? u"closed"_s : u"open"_s;
    const QString usesUvState = opened ? u"open"_s : u"draft"_s;
    // Memory and database agree, whichever way it went: opening one poll closes the other in one transaction.
    QCOMPARE(text(u"SELECT state FROM polls WHERE id = ?"_s, {kFeedback}), feedbackState);
    QCOMPARE(text(u"SELECT state FROM polls WHERE id = ?"_s, {u"uses-uv"_s}), usesUvState);
    QCOMPARE(m_polls->openPollId().value(), std::optional<QString>(opened ? u"uses-uv"_s : kFeedback));

    VERIFY_OK(allowWrites(fault));
    if (!opened)
        VERIFY_OK(m_polls->open(u"uses-uv"_s));
    QCOMPARE(text(u"SELECT state FROM polls WHERE id = ?"_s, {u"uses-uv"_s}), u"open"_s);
    QCOMPARE(text(u"SELECT state FROM polls WHERE id = ?"_s, {kFeedback}), u"closed"_s);
    if (!created)
        VERIFY_OK(m_polls->createPoll(live));
    QCOMPARE(m_polls->polls().size(), 3);
}

void TestStorageFaults::slidesAndTimerGoOnWhileTheStageIsNotRecorded()
{
    QFETCH(Fault, fault);
    QSignalSpy stageFailed(m_event.get(), &LiveEvent::stageFailed);
    QSignalSpy slides(m_event.get(), &LiveEvent::slideChanged);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the stage was not recorded"_s));
    VERIFY_OK(refuseWrites(fault));

    // The speaker goes back and forth (each change is a row of the time log) until the record can no longer keep up.
    int presses = 0;
    while (stageFailed.isEmpty() && presses < 2000) {
        const int before = m_event->currentPage();
        if (presses % 2 == 0)
            m_event->next();
        else
            m_event->previous();
        m_clock.advance(1s);
        ++presses;
        QVERIFY(m_event->currentPage() != before);
        QCOMPARE(slides.size(), presses);
    }
    QVERIFY2(!stageFailed.isEmpty(), "the record kept every change although the database refused writes");
    if (fault == Fault::ReadOnly)
        QCOMPARE(presses, 1);
    qInfo("the first write refused after %d slide changes", presses);
    QVERIFY(!stageFailed.constFirst().constFirst().toString().isEmpty());

    // The talk goes on: the keys move the slides, the timer runs.
    QVERIFY(m_event->clock().isStarted());
    const milliseconds elapsed = m_event->clock().elapsed();
    m_clock.advance(30s);
    QCOMPARE(m_event->clock().elapsed(), elapsed + 30s);
    m_event->goToPage(0);
    m_event->next();
    m_event->next();
    QCOMPARE(m_event->currentPage(), 2);
    m_event->setBlanked(true);
    QVERIFY(m_event->isBlanked());
    m_event->setBlanked(false);

    // The database takes writes again: the next change records where the talk stands, timer included.
    VERIFY_OK(allowWrites(fault));
    m_event->next();
    QCOMPARE(m_event->currentPage(), 3);
    StageStore stage(*m_database);
    const Result<std::optional<SessionStage>> recorded = stage.sessionStage(0);
    VERIFY_OK(recorded);
    QVERIFY(recorded->has_value());
    QCOMPARE((*recorded)->pageIndex, 3);
    QCOMPARE((*recorded)->timer, m_event->clock().state());
}

void TestStorageFaults::joinThatCannotBeStoredIssuesNoToken()
{
    QFETCH(Fault, fault);
    const auto join = [this] {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/join"_s.arg(m_server->port())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        std::unique_ptr<QNetworkReply> reply(
            m_network.post(request, QJsonDocument(QJsonObject{{u"room"_s, m_room->roomCode()}}).toJson()));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kTimeoutMs))
            return std::pair(0, QJsonObject());
        return std::pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                         QJsonDocument::fromJson(reply->readAll()).object());
    };
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"a phone could not join"_s));
    VERIFY_OK(refuseWrites(fault));
    // A disk full takes joins until the devices' pages are full; read-only, none.
    int joined = 0;
    for (int i = 0; i < 400; ++i) {
        const int devices = m_room->deviceCount();
        const qint64 stored = number(u"SELECT count(*) FROM devices"_s);
        const auto [status, body] = join();
        if (status == 200) {
            QVERIFY(m_room->isKnownDevice(body.value(u"device"_s).toString()));
            QCOMPARE(number(u"SELECT count(*) FROM devices WHERE token = ?"_s, {body.value(u"device"_s).toString()}),
                     qint64(1));
            ++joined;
            continue;
        }
        QCOMPARE(status, 500);
        QCOMPARE(body.value(u"code"_s).toString(), u"storage-failed"_s);
        QVERIFY(!body.value(u"error"_s).toString().isEmpty());
        QVERIFY(!body.contains(u"device"_s));
        QCOMPARE(m_room->deviceCount(), devices);
        QCOMPARE(number(u"SELECT count(*) FROM devices"_s), stored);
        break;
    }
    qInfo("joins stored before the first refusal: %d", joined);
    if (fault == Fault::ReadOnly)
        QCOMPARE(joined, 0);
    QVERIFY2(joined < 400, "every join was stored although the disk was full");

    VERIFY_OK(allowWrites(fault));
    QCOMPARE(join().first, 200);
}

QTEST_MAIN(TestStorageFaults)
#include "tst_storagefaults.moc"
