// The console while the event database refuses writes (issue 7): the disk full (SQLite's max_page_count held at the
// pages the file has) or the file read-only (PRAGMA query_only; tests run as root, whom file permissions do not stop),
// set on the app's own connection. The console says so in words, the speaker's keys still move the slides and the timer
// runs; once the database takes writes again, the record catches up and the warning about the audience goes.

#include "event/livepolls.h"
#include "event/livequestions.h"
#include "keymap.h"
#include "pollpanel.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "slideview.h"
#include "storage/stagestore.h"
#include "uitestconsole.h"
#include "uitestdeck.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

enum class Fault { DiskFull, ReadOnly };

/** Many more writes than a full disk has room for; a read-only database refuses the first. */
constexpr int kMaxTries = 2000;

QString longText(const QString &what, int n, int length)
{
    QString text = u"%1 %2: "_s.arg(what).arg(n);
    while (text.size() < length)
        text += u"is this still stored when the disk is full? "_s;
    return text.left(length).trimmed();
}

} // namespace

class TestStorageFaultConsole : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void consoleSaysSoAndTheTalkGoesOn_data();
    void consoleSaysSoAndTheTalkGoesOn();

private:
    Result<> refuseWrites(Fault fault);
    Result<> allowWrites(Fault fault);
    /** Casts a vote and waits for its acknowledgement: whether it was stored. */
    bool voteStored(const QString &device, const QString &answer);

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
};

void TestStorageFaultConsole::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString deckPath = m_dir->filePath(u"talk.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(deckPath, 6));
    const Result<> opened =
        m_core.open(LecternUiTest::ConsoleCore::Questions::With, m_dir->filePath(u"event.sqlite"_s));
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    m_core.event->setDatabase(m_core.database.get()); // the stage is recorded, as in the app
    auto deck = SlideDeck::open(deckPath);
    QVERIFY(deck);
    Poll feedback;
    feedback.id = u"feedback"_s;
    feedback.question = u"What should we talk about next?"_s;
    feedback.kind = Poll::Kind::OpenText;
    Session session;
    session.title = u"Nothing is lost"_s;
    session.deckPath = deckPath;
    session.timing.talkTime = 20min;
    session.polls = {feedback};
    m_core.event->present(session, *deck);
    QVERIFY(m_core.polls->open(u"feedback"_s));

    m_presentation = std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(),
                                                    m_core.server.get(), m_core.room.get());
    m_console = m_presentation->console();
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
    QVERIFY(QTest::qWaitForWindowExposed(m_presentation->projector()));
}

void TestStorageFaultConsole::cleanup()
{
    m_presentation.reset();
    m_console = nullptr;
    m_core.close();
    m_dir.reset();
}

Result<> TestStorageFaultConsole::refuseWrites(Fault fault)
{
    if (fault == Fault::ReadOnly)
        return m_core.database->exec(u"PRAGMA query_only = 1"_s).map([](const QSqlQuery &) {});
    Result<QSqlQuery> pages = m_core.database->exec(u"PRAGMA page_count"_s);
    if (!pages || !pages->next())
        return fail(u"no page count"_s);
    return m_core.database->exec(u"PRAGMA max_page_count = %1"_s.arg(pages->value(0).toLongLong()))
        .map([](const QSqlQuery &) {});
}

Result<> TestStorageFaultConsole::allowWrites(Fault fault)
{
    return m_core.database
        ->exec(fault == Fault::ReadOnly ? u"PRAGMA query_only = 0"_s : u"PRAGMA max_page_count = 1073741823"_s)
        .map([](const QSqlQuery &) {});
}

bool TestStorageFaultConsole::voteStored(const QString &device, const QString &answer)
{
    std::optional<bool> stored;
    const Result<> queued = m_core.polls->castVote(device, u"feedback"_s, {answer},
                                                   [&](Result<QStringList> result) { stored = result.has_value(); });
    if (!queued)
        return false;
    return QTest::qWaitFor([&] { return stored.has_value(); }, 10'000) && *stored;
}

void TestStorageFaultConsole::consoleSaysSoAndTheTalkGoesOn_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::newRow("disk full") << Fault::DiskFull;
    QTest::newRow("read-only") << Fault::ReadOnly;
}

void TestStorageFaultConsole::consoleSaysSoAndTheTalkGoesOn()
{
    QFETCH(Fault, fault);
    // Devices and a question to pin exist before the fault, as a room that joined before the disk filled up.
    QStringList devices;
    for (int i = 0; i < 100; ++i)
        devices.append(m_core.room->admitDevice(QString()).value_or(QString()));
    QVERIFY(m_core.questions->ask(devices.at(0), u"Does the talk go on?"_s));
    auto *remaining = m_console->findChild<QLabel *>(u"phaseRemaining"_s);
    QVERIFY(remaining);
    QCOMPARE(m_console->bannerText(), QString());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the stage was not recorded"_s));
    const Result<> refused = refuseWrites(fault);
    QVERIFY2(refused, qPrintable(refused ? QString() : refused.error()));

    // The speaker's keys: each one moves the slides, until the record of the talk cannot keep up and the banner says
    // so.
    int presses = 0;
    while (!m_console->bannerText().contains(u"Cannot record"_s) && presses < kMaxTries) {
        const int before = m_core.event->currentPage();
        QTest::keyClick(m_console, presses % 2 == 0 ? Qt::Key_Right : Qt::Key_Left);
        m_core.clock->advance(1s);
        QVERIFY(m_core.event->currentPage() != before);
        QCOMPARE(m_console->currentSlideView()->page(), m_core.event->currentPage());
        ++presses;
    }
    QVERIFY2(m_console->bannerText().contains(u"Cannot record"_s), qPrintable(m_console->bannerText()));
    if (fault == Fault::ReadOnly)
        QCOMPARE(presses, 1);
    // The talk goes on: the slides move, the projector follows, the timer runs.
    QTest::keyClick(m_console, Qt::Key_Home);
    QTest::keyClick(m_console, Qt::Key_Right);
    QTest::keyClick(m_console, Qt::Key_Right);
    QCOMPARE(m_core.event->currentPage(), 2);
    QCOMPARE(m_console->currentSlideView()->page(), 2);
    QCOMPARE(m_presentation->projector()->slideView()->page(), 2);
    QVERIFY(m_core.event->clock().isStarted());
    const QString before = remaining->text();
    m_core.clock->advance(2min);
    QTRY_VERIFY(remaining->text() != before);

    // Phones' votes and questions that cannot be stored: refused to them, and the console says so.
    int votes = 0;
    while (
        voteStored(devices.at(votes % devices.size()), longText(u"answer"_s, votes, LivePolls::kMaxOpenTextLength)) &&
        votes < kMaxTries)
        ++votes;
    QVERIFY2(votes < kMaxTries, "every vote was stored although the database refused writes");
    QVERIFY2(m_console->bannerText().contains(u"The event database refused to store a change"_s),
             qPrintable(m_console->bannerText()));
    QVERIFY(!m_console->pollPanel()->errorText().isEmpty());
    m_console->dismissBanner();
    int questions = 0;
    while (m_core.questions->ask(devices.at(1), longText(u"question"_s, questions, Question::kMaxTextLength)) &&
           questions < kMaxTries)
        ++questions;
    QVERIFY(questions < kMaxTries);
    QVERIFY2(m_console->bannerText().contains(u"The event database refused to store a change"_s),
             qPrintable(m_console->bannerText()));
    qInfo("stored before the first refusal: %d slide changes, %d votes, %d questions", presses - 1, votes, questions);
    if (fault == Fault::ReadOnly)
        QCOMPARE(votes + questions, 0);
    if (fault == Fault::ReadOnly) {
        // The speaker's own command that cannot be stored says why, and changes nothing.
        QTest::keyClick(m_console, Qt::Key_N);
        QVERIFY(!m_console->statusMessage().isEmpty());
        QVERIFY(!m_core.questions->pinnedId());
        // A phone that cannot join (its device not stored) is refused, and the console says so too.
        m_console->dismissBanner();
        QVERIFY(m_core.server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), 0}));
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/join"_s.arg(m_core.server->port())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        const std::unique_ptr<QNetworkReply> reply(
            network.post(request, QJsonDocument(QJsonObject{{u"room"_s, m_core.room->roomCode()}}).toJson()));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 500);
        QVERIFY2(m_console->bannerText().contains(u"The event database refused to store a change"_s),
                 qPrintable(m_console->bannerText()));
    }

    // The database takes writes again: the next key records where the talk stands, a stored vote clears the warning.
    QVERIFY(allowWrites(fault));
    QTest::keyClick(m_console, Qt::Key_Right);
    QCOMPARE(m_core.event->currentPage(), 3);
    const Result<std::optional<SessionStage>> stage = StageStore(*m_core.database).sessionStage(0);
    QVERIFY(stage && stage->has_value());
    QCOMPARE((*stage)->pageIndex, 3);
    QCOMPARE((*stage)->timer, m_core.event->clock().state());
    QVERIFY(voteStored(devices.constLast(), u"stored again"_s));
    QVERIFY2(!m_console->bannerText().contains(u"The event database refused to store a change"_s),
             qPrintable(m_console->bannerText()));
}

QTEST_MAIN(TestStorageFaultConsole)
#include "tst_storagefaultconsole.moc"
