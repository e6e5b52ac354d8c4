// An event survives kill -9 (issue 6). The real lectern binary runs an evening of two sessions on an X server of the
// test's own (Xvfb); xdotool presses the speaker's keys through XTEST, as a clicker's keys arrive. A thousand phones
// vote and ask over loopback (issue 7), and the process is killed while acknowledgements are still arriving. Started
// again with the same command, the event is on the same session and slide, its timer went on from its wall-clock start,
// the database holds every vote and question a phone was told was committed, and the next key press goes on from
// the restored slide. The order of the slots is the order of the evening: each one goes on from the last.

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
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
#include <QProcess>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int kPhones = 1000;
constexpr int kAskEvery = 4;   ///< every fourth phone also asks a question
constexpr int kInFlight = 200; ///< requests sent and not yet answered, at most, during the storm
constexpr int kStartTimeout = 60'000;
constexpr int kTimeout = 30'000;
/** A thousand phones joining and saying hello on a loaded two-core machine. */
constexpr int kCrowdTimeout = 120'000;
constexpr qint64 kMissing = -1; ///< what integer() reads for no row or NULL
const QString kConnection = u"killrestore"_s;
const QString kPollId = u"survives"_s;
const QStringList kOptions = {u"yes"_s, u"no"_s, u"maybe"_s};

void writeDeck(const QString &path, int pages)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QSizeF(160, 90), QPageSize::Millimeter));
    writer.setResolution(72);
    QPainter painter(&writer);
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer.newPage();
        painter.drawText(QPointF(20, 40), u"page %1"_s.arg(i + 1));
    }
}

QJsonObject parsed(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

/** Where a session stood, as the database has it; kMissing for NULL. */
struct StageRow
{
    qint64 pageIndex = kMissing;
    qint64 timerStartedAt = kMissing;
    qint64 timerPausedAt = kMissing;
    qint64 timerPausedMs = kMissing;
    qint64 talkTimeMs = kMissing;
};

/** One phone of the audience: its token, its connection, and what the server told it. */
struct Phone
{
    QString token;
    std::unique_ptr<QWebSocket> socket;
    bool welcomed = false;
    std::optional<QJsonObject> poll;
    QString question; ///< the text it asks; empty: it only votes
    bool voteAcked = false;
    QJsonArray ackedAnswer;
    std::optional<qint64> askedId;
};

/** A request of the storm: phone's vote, or its question. */
struct Request
{
    int phone = 0;
    bool ask = false;
};

} // namespace

class TestKillRestore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void clickerKeysPutTheSecondSessionOnStageAndOpenItsPoll();
    void killNineDuringAVoteStormLosesNoAcknowledgedVoteOrQuestion();
    void reopenedEventIsOnTheSameSessionSlideAndRunningTimer();
    void aPhoneComingBackWithItsTokenGetsTheAgendaAndItsAnswer();
    void nextKeyAfterTheRestartGoesOnFromTheRestoredSlide();

private:
    void startDisplay();
    void stopDisplay();
    QProcessEnvironment displayEnvironment() const;
    QStringList appArguments() const;
    void startApp();
    void stopApp();
    QString appLog() const;
    int httpStatus(const QString &path);
    std::optional<QString> xdotool(const QStringList &arguments);
    QString consoleWindow();
    void pressKeys(const QString &keys);

    qint64 integer(const QString &sql, const QVariantList &values = {}) const;
    StageRow stageOf(int sessionIndex) const;

    void received(int phoneIndex, const QString &text);
    void answered();
    void sendRequests();

    QTemporaryDir m_dir;
    QString m_eventPath;
    QString m_databasePath;
    QString m_logPath;
    quint16 m_port = 0;
    QProcess m_xvfb;
    QString m_display;
    QProcess m_app;
    QNetworkAccessManager m_network;
    QString m_roomCode;

    StageRow m_beforeKill;
    std::vector<Phone> m_phones;
    QList<Request> m_requests;
    qsizetype m_sent = 0;
    int m_answered = 0;
    int m_killAt = 0;
    bool m_killed = false;
    qsizetype m_sentAtKill = 0;
    int m_answeredAtKill = 0;
    QElapsedTimer m_sinceKill;
    QStringList m_errors;
};

void TestKillRestore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A thousand phones are a thousand sockets in this process: the soft limit is often 1,024.
    rlimit files{};
    QVERIFY(getrlimit(RLIMIT_NOFILE, &files) == 0);
    files.rlim_cur = files.rlim_max;
    QVERIFY(setrlimit(RLIMIT_NOFILE, &files) == 0);
    writeDeck(m_dir.filePath(u"warm-up.pdf"_s), 3);
    writeDeck(m_dir.filePath(u"restore.pdf"_s), 4);
    const QJsonObject poll{
        {u"id"_s, kPollId},
        {u"question"_s, u"Does every vote survive kill -9?"_s},
        {u"kind"_s, u"single"_s},
        {u"options"_s, QJsonArray{QJsonObject{{u"id"_s, kOptions.at(0)}, {u"label"_s, u"Yes"_s}},
                                  QJsonObject{{u"id"_s, kOptions.at(1)}, {u"label"_s, u"No"_s}},
                                  QJsonObject{{u"id"_s, kOptions.at(2)}, {u"label"_s, u"Maybe"_s}}}},
        {u"slide"_s, u"2"_s},
        {u"onSlide"_s, u"open"_s},
        {u"showResults"_s, u"afterVoting"_s},
    };
    const QJsonObject event{
        {u"lecternEventFormat"_s, 1},
        {u"title"_s, u"Crash-safe evening"_s},
        {u"date"_s, u"2026-11-26"_s},
        {u"start"_s, u"19:00"_s},
        {u"sessions"_s, QJsonArray{QJsonObject{{u"title"_s, u"Warm-up"_s},
                                               {u"speaker"_s, u"Aiko Tanaka"_s},
                                               {u"deck"_s, u"warm-up.pdf"_s},
                                               {u"talkMinutes"_s, 10},
                                               {u"qaMinutes"_s, 5}},
                                   QJsonObject{{u"title"_s, u"Nothing is lost"_s},
                                               {u"speaker"_s, u"Jonas Berg"_s},
                                               {u"deck"_s, u"restore.pdf"_s},
                                               {u"talkMinutes"_s, 15},
                                               {u"qaMinutes"_s, 5},
                                               {u"polls"_s, QJsonArray{poll}}}}},
    };
    m_eventPath = m_dir.filePath(u"evening.lectern.json"_s);
    QFile eventFile(m_eventPath);
    QVERIFY(eventFile.open(QIODevice::WriteOnly));
    eventFile.write(QJsonDocument(event).toJson());
    eventFile.close();
    m_databasePath = m_dir.filePath(u"evening.sqlite"_s);
    m_logPath = m_dir.filePath(u"lectern.log"_s);

    // Every phone comes from 127.0.0.1: the organizer's settings file (its own, in XDG_CONFIG_HOME) lifts the
    // per-address limits that would otherwise keep a room's worth of phones on one address out.
    {
        QSettings settings(m_dir.filePath(u"config/Lectern/lectern.conf"_s), QSettings::IniFormat);
        settings.beginGroup(u"audience"_s);
        settings.setValue(u"maxConnectionsPerAddress"_s, u"2000"_s);
        for (const QString &rate :
             {u"joinsPerAddress"_s, u"requestsPerAddress"_s, u"messagesPerAddress"_s, u"questionsPerAddress"_s})
            settings.setValue(rate, u"100000/10000"_s);
        settings.endGroup();
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }

    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    m_port = probe.serverPort();
    probe.close();

    m_network.setProxy(QNetworkProxy::NoProxy);
    startDisplay();
    startApp();

    QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, kConnection);
    database.setDatabaseName(m_databasePath);
    database.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
    QVERIFY2(database.open(), qPrintable(database.lastError().text()));
    QSqlQuery room(database);
    QVERIFY(room.exec(u"SELECT value FROM settings WHERE key = 'room_code'"_s));
    QVERIFY(room.next());
    m_roomCode = room.value(0).toString();
    QVERIFY(!m_roomCode.isEmpty());
}

void TestKillRestore::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning().noquote() << "lectern's output:\n" << appLog();
}

void TestKillRestore::cleanupTestCase()
{
    m_phones.clear();
    stopApp();
    stopDisplay();
    {
        QSqlDatabase database = QSqlDatabase::database(kConnection, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(kConnection);
}

/**
 * Starts an X server for this test alone. Xvfb picks a free display itself (-displayfd) and says which: unlike
 * xvfb-run -a, which guesses from lock files, this cannot collide with another test's server started at once. It
 * does not reset when its last client leaves (-noreset), as a desktop session's server, with its window manager,
 * does not: lectern checks the display by opening its socket and closing it at once, and a server left with no
 * client by that (the first start, or the restart after the kill) resets just as Qt connects, which then fails.
 */
void TestKillRestore::startDisplay()
{
    m_xvfb.setStandardErrorFile(m_dir.filePath(u"xvfb.log"_s));
    m_xvfb.start(QStringLiteral(LECTERN_XVFB), {u"-displayfd"_s, u"1"_s, u"-screen"_s, u"0"_s, u"1920x1080x24"_s,
                                                u"-nolisten"_s, u"tcp"_s, u"-noreset"_s});
    QVERIFY2(m_xvfb.waitForStarted(kTimeout), qPrintable(m_xvfb.errorString()));
    QVERIFY2(QTest::qWaitFor([this] { return m_xvfb.canReadLine() || m_xvfb.state() == QProcess::NotRunning; },
                             kStartTimeout),
             "Xvfb did not say its display");
    bool isNumber = false;
    const int display = QString::fromLatin1(m_xvfb.readLine()).trimmed().toInt(&isNumber);
    QVERIFY2(isNumber && m_xvfb.state() == QProcess::Running, "Xvfb did not start");
    m_display = u":%1"_s.arg(display);
}

void TestKillRestore::stopDisplay()
{
    if (m_xvfb.state() == QProcess::NotRunning)
        return;
    m_xvfb.terminate();
    if (!m_xvfb.waitForFinished(10'000)) {
        m_xvfb.kill();
        m_xvfb.waitForFinished(10'000);
    }
}

/** This environment with the test's X server as the display, for lectern and xdotool. */
QProcessEnvironment TestKillRestore::displayEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"DISPLAY"_s, m_display);
    environment.remove(u"XAUTHORITY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    return environment;
}

QStringList TestKillRestore::appArguments() const
{
    return {m_eventPath, u"--db"_s, m_databasePath, u"--listen"_s, u"127.0.0.1:%1"_s.arg(m_port)};
}

void TestKillRestore::startApp()
{
    QProcessEnvironment environment = displayEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s); // the test itself runs offscreen
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    environment.insert(u"LANGUAGE"_s, QString());
    environment.insert(u"QTWEBENGINE_CHROMIUM_FLAGS"_s, u"--disable-gpu --no-sandbox"_s);
    environment.insert(u"QTWEBENGINE_DISABLE_SANDBOX"_s, u"1"_s);
    m_app.setProcessEnvironment(environment);
    m_app.setStandardOutputFile(m_logPath, QIODevice::Append);
    m_app.setStandardErrorFile(m_logPath, QIODevice::Append);
    m_app.start(QStringLiteral(LECTERN_BINARY), appArguments());
    QVERIFY2(m_app.waitForStarted(kTimeout), qPrintable(m_app.errorString()));
    const bool answered = QTest::qWaitFor(
        [this] { return m_app.state() == QProcess::NotRunning || httpStatus(u"/"_s) == 200; }, kStartTimeout);
    QVERIFY2(m_app.state() == QProcess::Running, qPrintable(u"lectern exited while starting:\n"_s + appLog()));
    QVERIFY2(answered, "lectern's audience server did not answer GET /");
}

void TestKillRestore::stopApp()
{
    if (m_app.state() == QProcess::NotRunning)
        return;
    m_app.terminate();
    if (!m_app.waitForFinished(10'000)) {
        m_app.kill();
        m_app.waitForFinished(10'000);
    }
}

/** What lectern and the X server wrote, for the message of a failure. */
QString TestKillRestore::appLog() const
{
    QFile log(m_logPath);
    QFile xvfb(m_dir.filePath(u"xvfb.log"_s));
    const QString app = log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll()).right(8000) : QString();
    const QString server =
        xvfb.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(xvfb.readAll()).right(2000) : QString();
    return u"%1\nXvfb on %2:\n%3"_s.arg(app, m_display, server);
}

/** The status of GET path on the app's server; 0 when nothing answered within a few seconds. */
int TestKillRestore::httpStatus(const QString &path)
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)));
    const std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5'000)) {
        reply->abort();
        return 0;
    }
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

/** Runs xdotool; its output, or nullopt when it failed or took too long. */
std::optional<QString> TestKillRestore::xdotool(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(displayEnvironment());
    process.start(QStringLiteral(LECTERN_XDOTOOL), arguments);
    if (!process.waitForFinished(10'000)) {
        process.kill();
        process.waitForFinished(10'000);
        return std::nullopt;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return std::nullopt;
    return QString::fromUtf8(process.readAllStandardOutput());
}

/** The X window of the running app's presenter console (not its projector window); empty when not shown yet. */
QString TestKillRestore::consoleWindow()
{
    const std::optional<QString> found = xdotool(
        {u"search"_s, u"--onlyvisible"_s, u"--pid"_s, QString::number(m_app.processId()), u"--name"_s, u"Lectern"_s});
    const QStringList windows = found.value_or(QString()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &window : windows) {
        const std::optional<QString> name = xdotool({u"getwindowname"_s, window});
        if (name && !name->contains(u"Projector"_s))
            return window;
    }
    return {};
}

/** Gives the console the keyboard focus, as the speaker's laptop has it, and presses keys through XTEST. */
void TestKillRestore::pressKeys(const QString &keys)
{
    QString window;
    QVERIFY2(QTest::qWaitFor([&] { return !(window = consoleWindow()).isEmpty(); }, kStartTimeout),
             "the console window did not appear");
    QVERIFY2(xdotool({u"windowfocus"_s, u"--sync"_s, window}), "the console did not take the focus");
    QVERIFY2(xdotool({u"key"_s, keys}), qPrintable(u"xdotool could not press "_s + keys));
}

/** The first column of the first row; kMissing for no row, NULL, or a failed query. */
qint64 TestKillRestore::integer(const QString &sql, const QVariantList &values) const
{
    QSqlQuery query(QSqlDatabase::database(kConnection));
    if (!query.prepare(sql))
        return kMissing;
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next() || query.value(0).isNull())
        return kMissing;
    return query.value(0).toLongLong();
}

StageRow TestKillRestore::stageOf(int sessionIndex) const
{
    QSqlQuery query(QSqlDatabase::database(kConnection));
    StageRow row;
    if (!query.prepare(u"SELECT page_index, timer_started_at, timer_paused_at, timer_paused_ms, talk_time_ms "
                       "FROM session_stage WHERE session_index = ?"_s))
        return row;
    query.addBindValue(sessionIndex);
    if (!query.exec() || !query.next())
        return row;
    const auto read = [&query](int column) {
        return query.value(column).isNull() ? kMissing : query.value(column).toLongLong();
    };
    row.pageIndex = read(0);
    row.timerStartedAt = read(1);
    row.timerPausedAt = read(2);
    row.timerPausedMs = read(3);
    row.talkTimeMs = read(4);
    return row;
}

void TestKillRestore::clickerKeysPutTheSecondSessionOnStageAndOpenItsPoll()
{
    QTRY_COMPARE_WITH_TIMEOUT(integer(u"SELECT session_index FROM stage"_s), qint64(0), kTimeout);
    pressKeys(u"ctrl+Next"_s);
    QTRY_COMPARE_WITH_TIMEOUT(integer(u"SELECT session_index FROM stage"_s), qint64(1), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(stageOf(1).pageIndex, qint64(0), kTimeout);
    QCOMPARE(stageOf(1).timerStartedAt, kMissing); // the timer waits for the first slide change

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    pressKeys(u"Right"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stageOf(1).pageIndex, qint64(1), kTimeout);
    const StageRow moved = stageOf(1);
    QVERIFY(moved.timerStartedAt >= before);
    QVERIFY(moved.timerStartedAt <= QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(moved.timerPausedAt, kMissing);
    QTRY_COMPARE_WITH_TIMEOUT(integer(u"SELECT count(*) FROM polls WHERE id = ? AND state = 'open' "
                                      "AND session_index = 1"_s,
                                      {kPollId}),
                              qint64(1), kTimeout);
    m_beforeKill = moved;
}

void TestKillRestore::received(int phoneIndex, const QString &text)
{
    Phone &phone = m_phones[std::size_t(phoneIndex)];
    const QJsonObject message = parsed(text);
    const QString type = message.value(u"type"_s).toString();
    if (type == u"welcome"_s) {
        phone.welcomed = true;
    } else if (type == u"poll"_s) {
        phone.poll =
            message.value(u"poll"_s).isObject() ? std::optional(message.value(u"poll"_s).toObject()) : std::nullopt;
    } else if (type == u"ack"_s) {
        phone.voteAcked = true;
        phone.ackedAnswer = message.value(u"answer"_s).toArray();
        if (message.value(u"poll"_s).toString() != kPollId)
            m_errors.append(u"phone %1: an ack for another poll: %2"_s.arg(phoneIndex).arg(text));
        answered();
    } else if (type == u"asked"_s) {
        phone.askedId = message.value(u"question"_s).toObject().value(u"id"_s).toInteger();
        if (message.value(u"question"_s).toObject().value(u"text"_s).toString() != phone.question)
            m_errors.append(u"phone %1: asked with another text: %2"_s.arg(phoneIndex).arg(text));
        answered();
    } else if (type == u"error"_s) {
        m_errors.append(u"phone %1: %2"_s.arg(phoneIndex).arg(text));
        if (message.contains(u"id"_s))
            answered();
    }
}

/** A request of the storm was answered: the app is killed halfway, while the others are still on their way. */
void TestKillRestore::answered()
{
    ++m_answered;
    if (m_killed)
        return;
    if (m_answered >= m_killAt) {
        m_killed = true;
        m_sentAtKill = m_sent;
        m_answeredAtKill = m_answered;
        m_sinceKill.start();
        m_app.kill(); // SIGKILL
        return;
    }
    sendRequests();
}

void TestKillRestore::sendRequests()
{
    while (!m_killed && m_sent - m_answered < kInFlight && m_sent < m_requests.size()) {
        const Request request = m_requests.at(m_sent++);
        Phone &phone = m_phones[std::size_t(request.phone)];
        const QJsonObject message =
            request.ask ? QJsonObject{{u"type"_s, u"ask"_s}, {u"id"_s, 2}, {u"text"_s, phone.question}}
                        : QJsonObject{{u"type"_s, u"vote"_s},
                                      {u"id"_s, 1},
                                      {u"poll"_s, kPollId},
                                      {u"answer"_s, QJsonArray{kOptions.at(request.phone % kOptions.size())}}};
        phone.socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
}

void TestKillRestore::killNineDuringAVoteStormLosesNoAcknowledgedVoteOrQuestion()
{
    QVERIFY2(m_beforeKill.timerStartedAt != kMissing, "the speaker's keys did not get the talk going");

    // The room joins, as each phone page does first.
    std::vector<std::unique_ptr<QNetworkReply>> joins;
    for (int i = 0; i < kPhones; ++i) {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/join"_s.arg(m_port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        joins.emplace_back(m_network.post(request, QJsonDocument(QJsonObject{{u"room"_s, m_roomCode}}).toJson()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(joins.cbegin(), joins.cend(), [](const auto &r) { return r->isFinished(); }),
                             kCrowdTimeout);
    m_phones.resize(kPhones);
    for (int i = 0; i < kPhones; ++i) {
        QNetworkReply &reply = *joins[std::size_t(i)];
        QCOMPARE(reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        m_phones[std::size_t(i)].token = parsed(QString::fromUtf8(reply.readAll())).value(u"device"_s).toString();
        QVERIFY(!m_phones[std::size_t(i)].token.isEmpty());
    }
    joins.clear();

    // Each phone says hello and is sent the open poll.
    for (int i = 0; i < kPhones; ++i) {
        Phone &phone = m_phones[std::size_t(i)];
        if (i % kAskEvery == 0)
            phone.question = u"Phone %1: is every vote still there after kill -9? 再起動しても残りますか"_s.arg(i);
        phone.socket = std::make_unique<QWebSocket>();
        phone.socket->setProxy(QNetworkProxy::NoProxy);
        QWebSocket *socket = phone.socket.get();
        connect(socket, &QWebSocket::textMessageReceived, this, [this, i](const QString &text) { received(i, text); });
        connect(socket, &QWebSocket::connected, this, [this, socket, token = phone.token] {
            const QJsonObject hello{
                {u"type"_s, u"hello"_s}, {u"protocol"_s, 1}, {u"room"_s, m_roomCode}, {u"device"_s, token}};
            socket->sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
        });
        socket->open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_port)));
    }
    const auto hasOpenPoll = [](const Phone &phone) {
        return phone.welcomed && phone.poll && phone.poll->value(u"id"_s).toString() == kPollId &&
               phone.poll->value(u"state"_s).toString() == u"open"_s;
    };
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(m_phones.cbegin(), m_phones.cend(), hasOpenPoll), kCrowdTimeout);
    QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(u'\n')));

    // The storm: every phone votes, every fourth also asks; kInFlight requests are on their way at any time, and
    // the process is killed once half of them are answered.
    for (int i = 0; i < kPhones; ++i) {
        m_requests.append(Request{i, false});
        if (!m_phones[std::size_t(i)].question.isEmpty())
            m_requests.append(Request{i, true});
    }
    m_killAt = int(m_requests.size() / 2);
    QElapsedTimer storm;
    storm.start();
    sendRequests();
    QTRY_VERIFY_WITH_TIMEOUT(m_killed, kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_app.state(), QProcess::NotRunning, kTimeout);
    QCOMPARE(m_app.exitStatus(), QProcess::CrashExit);
    const qint64 killedAfter = storm.elapsed();
    // Answers the app sent before it died are read until each connection reports its end.
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(m_phones.cbegin(), m_phones.cend(),
                    [](const Phone &phone) { return phone.socket->state() == QAbstractSocket::UnconnectedState; }),
        kTimeout);
    QVERIFY2(m_errors.isEmpty(), qPrintable(m_errors.join(u'\n')));
    QVERIFY(m_answeredAtKill >= m_killAt);
    QVERIFY2(m_sentAtKill > m_answeredAtKill, "nothing was on its way when the process was killed");
    const auto votesAcked =
        std::count_if(m_phones.cbegin(), m_phones.cend(), [](const Phone &phone) { return phone.voteAcked; });
    const auto questionsAsked =
        std::count_if(m_phones.cbegin(), m_phones.cend(), [](const Phone &phone) { return phone.askedId.has_value(); });
    qInfo("killed after %lld ms with %d of %lld sent requests answered (%lld sent in all of %lld); "
          "%lld votes and %lld questions acknowledged in the end",
          killedAfter, m_answeredAtKill, qlonglong(m_sentAtKill), qlonglong(m_sent), qlonglong(m_requests.size()),
          qlonglong(votesAcked), qlonglong(questionsAsked));

    startApp();

    // Every acknowledged vote, with the answer the ack named; nothing from a phone that did not vote.
    QHash<QString, QJsonArray> votes;
    {
        QSqlQuery query(QSqlDatabase::database(kConnection));
        QVERIFY(query.prepare(u"SELECT device_token, answer FROM votes WHERE poll_id = ?"_s));
        query.addBindValue(kPollId);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        while (query.next())
            votes.insert(query.value(0).toString(), QJsonDocument::fromJson(query.value(1).toByteArray()).array());
    }
    QHash<QString, int> phoneOf;
    for (int i = 0; i < kPhones; ++i)
        phoneOf.insert(m_phones[std::size_t(i)].token, i);
    for (const Phone &phone : m_phones) {
        if (phone.voteAcked) {
            QVERIFY2(votes.contains(phone.token), qPrintable(u"an acknowledged vote is lost: "_s + phone.token));
            QCOMPARE(votes.value(phone.token), phone.ackedAnswer);
        }
    }
    for (auto vote = votes.cbegin(); vote != votes.cend(); ++vote) {
        QVERIFY2(phoneOf.contains(vote.key()), "a vote from no phone of the storm");
        const int phone = phoneOf.value(vote.key());
        QCOMPARE(vote.value(), QJsonArray{kOptions.at(phone % kOptions.size())});
    }
    QVERIFY(votes.size() >= votesAcked);

    // Every acknowledged question, for the session on stage, from its phone, with its text.
    for (const Phone &phone : m_phones) {
        if (!phone.askedId)
            continue;
        QSqlQuery query(QSqlDatabase::database(kConnection));
        QVERIFY(query.prepare(u"SELECT session_index, device_token, text, state FROM questions WHERE id = ?"_s));
        query.addBindValue(*phone.askedId);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QVERIFY2(query.next(), qPrintable(u"an acknowledged question is lost: "_s + phone.question));
        QCOMPARE(query.value(0).toInt(), 1);
        QCOMPARE(query.value(1).toString(), phone.token);
        QCOMPARE(query.value(2).toString(), phone.question);
        QCOMPARE(query.value(3).toString(), u"shown"_s);
    }
}

void TestKillRestore::reopenedEventIsOnTheSameSessionSlideAndRunningTimer()
{
    QVERIFY(m_killed);
    QCOMPARE(m_app.state(), QProcess::Running);
    // The restarted app wrote where it stands as it put the session on stage: what it restored.
    QCOMPARE(integer(u"SELECT session_index FROM stage"_s), qint64(1));
    const StageRow restored = stageOf(1);
    QCOMPARE(restored.pageIndex, m_beforeKill.pageIndex);
    QCOMPARE(restored.timerStartedAt, m_beforeKill.timerStartedAt);
    QCOMPARE(restored.timerPausedAt, kMissing);
    QCOMPARE(restored.timerPausedMs, m_beforeKill.timerPausedMs);
    QCOMPARE(restored.talkTimeMs, m_beforeKill.talkTimeMs);
    QCOMPARE(integer(u"SELECT started_at FROM session_runs WHERE session_index = 1"_s), m_beforeKill.timerStartedAt);
    // The console's timer is the time since that start, the time the app was down included.
    const qint64 sinceKill = m_sinceKill.elapsed();
    const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - restored.timerStartedAt - restored.timerPausedMs;
    qInfo("the talk's timer reads %lld ms after the restart, %lld ms after the kill", elapsed, sinceKill);
    QVERIFY(elapsed >= sinceKill);
    // The poll the slide opened is still open.
    QCOMPARE(integer(u"SELECT count(*) FROM polls WHERE id = ? AND state = 'open'"_s, {kPollId}), qint64(1));
}

void TestKillRestore::aPhoneComingBackWithItsTokenGetsTheAgendaAndItsAnswer()
{
    const auto back = std::find_if(m_phones.cbegin(), m_phones.cend(),
                                   [](const Phone &phone) { return phone.voteAcked && phone.askedId; });
    QVERIFY2(back != m_phones.cend(), "no phone had both its vote and its question acknowledged");
    QWebSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    QList<QJsonObject> messages;
    connect(&socket, &QWebSocket::textMessageReceived, this,
            [&messages](const QString &text) { messages.append(parsed(text)); });
    connect(&socket, &QWebSocket::connected, this, [&] {
        const QJsonObject hello{
            {u"type"_s, u"hello"_s}, {u"protocol"_s, 1}, {u"room"_s, m_roomCode}, {u"device"_s, back->token}};
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    });
    socket.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_port)));
    const auto typeAt = [&messages](qsizetype i) { return messages.at(i).value(u"type"_s).toString(); };
    const auto indexOf = [&](const QString &type) {
        for (qsizetype i = 0; i < messages.size(); ++i) {
            if (typeAt(i) == type)
                return i;
        }
        return qsizetype(-1);
    };
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(u"questions"_s) >= 0, kTimeout);
    QCOMPARE(typeAt(0), u"welcome"_s);
    QCOMPARE(messages.at(0).value(u"room"_s).toString(), m_roomCode);

    const qsizetype agenda = indexOf(u"agenda"_s);
    QVERIFY2(agenda > 0, "no agenda after welcome");
    QCOMPARE(messages.at(agenda).value(u"onStage"_s).toInt(-1), 1);
    QCOMPARE(messages.at(agenda).value(u"sessions"_s).toArray().size(), 2);

    const qsizetype poll = indexOf(u"poll"_s);
    QVERIFY(poll > agenda);
    const QJsonObject current = messages.at(poll).value(u"poll"_s).toObject();
    QCOMPARE(current.value(u"id"_s).toString(), kPollId);
    QCOMPARE(current.value(u"state"_s).toString(), u"open"_s);
    QCOMPARE(current.value(u"yourAnswer"_s).toArray(), back->ackedAnswer);

    const QJsonArray yours = messages.at(indexOf(u"questions"_s)).value(u"yours"_s).toArray();
    QCOMPARE(yours.size(), 1);
    QCOMPARE(yours.at(0).toObject().value(u"id"_s).toInteger(), *back->askedId);
    QCOMPARE(yours.at(0).toObject().value(u"text"_s).toString(), back->question);
    socket.close();
}

void TestKillRestore::nextKeyAfterTheRestartGoesOnFromTheRestoredSlide()
{
    QVERIFY(m_beforeKill.pageIndex >= 0);
    pressKeys(u"Right"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stageOf(1).pageIndex, m_beforeKill.pageIndex + 1, kTimeout);
    QCOMPARE(integer(u"SELECT session_index FROM stage"_s), qint64(1));
    // The running timer went on: the key did not start a new one.
    const StageRow moved = stageOf(1);
    QCOMPARE(moved.timerStartedAt, m_beforeKill.timerStartedAt);
    QCOMPARE(moved.timerPausedAt, kMissing);
    stopApp();
    QCOMPARE(m_app.state(), QProcess::NotRunning);
}

QTEST_MAIN(TestKillRestore)
#include "tst_killrestore.moc"
