// The moderation window: Qt WebEngine showing the moderator page of a real AudienceServer on 127.0.0.1, opened
// from the console (Ctrl+M), approving a question by clicking the page's button. Needs a display: registered to
// run under xvfb-run, without GPU and without Chromium's sandbox (see CMakeLists.txt).

#include "event/audienceroom.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "keymap.h"
#include "moderationwindow.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "questionpanel.h"
#include "server/audienceserver.h"
#include "serverpanel.h"
#include "slides/rendercache.h"
#include "storage/database.h"
#include "timer/clock.h"
#include "uitestconsole.h"
#include "uitestdeck.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>
#include <optional>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

/** Qt WebEngine starts its processes on first use; the first page can take a while on a loaded machine. */
constexpr int kPageTimeout = 60'000;

/** Runs script in page and waits for its result; nullopt when none came. */
std::optional<QVariant> evaluate(QWebEnginePage *page, const QString &script)
{
    std::optional<QVariant> result;
    page->runJavaScript(script, [&result](const QVariant &value) { result = value; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10'000))
        return std::nullopt;
    return result;
}

QString pageText(QWebEnginePage *page)
{
    const std::optional<QVariant> text = evaluate(page, u"document.body ? document.body.innerText : ''"_s);
    return text ? text->toString() : QString();
}

/** Clicks the visible, enabled button of a question's card that takes action; false when there is none (yet). */
bool clickAction(QWebEnginePage *page, qint64 questionId, const QString &action)
{
    const QString script = uR"((() => {
        const button = document.querySelector('li.mq[data-id="%1"] button[data-action="%2"]:not([hidden])');
        if (!button || button.disabled) return false;
        button.click();
        return true;
    })())"_s.arg(questionId)
                               .arg(action);
    const std::optional<QVariant> clicked = evaluate(page, script);
    return clicked && clicked->toBool();
}

bool isWebEngineView(const QWidget *widget)
{
    return qobject_cast<const QWebEngineView *>(widget) != nullptr;
}

} // namespace

class TestModerationWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void moderatorUrlIsTheServersAddressWithTheToken();
    void ctrlMOpensThePageAndApprovingThereReachesTheQueue();
    void windowFollowsTheServerStoppingAndStarting();

private:
    qint64 ask(const QString &text);

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
};

void TestModerationWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString deckPath = m_dir->filePath(u"talk.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(deckPath, 3));
    const Result<> opened = m_core.open(LecternUiTest::ConsoleCore::Questions::With);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    auto deck = SlideDeck::open(deckPath);
    QVERIFY(deck);
    Session session;
    session.title = u"Moderated talk"_s;
    session.deckPath = deckPath;
    m_core.event->present(session, *deck);

    m_presentation = std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(),
                                                    m_core.server.get(), m_core.room.get());
    m_presentation->setListenAddress({QHostAddress(QHostAddress::LocalHost), quint16(0)});
    m_console = m_presentation->console();
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
}

void TestModerationWindow::cleanup()
{
    m_console = nullptr;
    m_presentation.reset();
    m_core.close();
    m_dir.reset();
}

qint64 TestModerationWindow::ask(const QString &text)
{
    const Result<QString> device = m_core.room->admitDevice(QString());
    if (!device)
        qFatal("no device: %s", qPrintable(device.error()));
    const Result<QuestionRecord> asked = m_core.questions->ask(*device, text);
    if (!asked)
        qFatal("not asked: %s", qPrintable(asked.error()));
    return asked->question.id;
}

void TestModerationWindow::moderatorUrlIsTheServersAddressWithTheToken()
{
    QVERIFY(m_console->serverPanel()->setServing(true));
    const QString token = m_core.room->moderatorToken();
    QVERIFY(token.size() >= 22); // 128 bits in base64url
    QCOMPARE(ModerationWindow::moderatorUrl(*m_core.server, QHostAddress(u"192.168.1.23"_s)),
             QUrl(u"http://192.168.1.23:%1/m/%2"_s.arg(m_core.server->port()).arg(token)));
    // This laptop reaches a server bound to one address there.
    QCOMPARE(ModerationWindow::localAddress(*m_core.server), QHostAddress(QHostAddress::LocalHost));
}

void TestModerationWindow::ctrlMOpensThePageAndApprovingThereReachesTheQueue()
{
    QVERIFY(m_core.questions->setApprovalRequired(true));
    const QString text = u"Can the organizer approve this from the app? <b>not bold</b>"_s;
    const qint64 id = ask(text);
    QCOMPARE(m_core.questions->question(id)->question.state, Question::State::Waiting);

    // Nothing of Qt WebEngine until the window is asked for.
    QCOMPARE(m_console->moderationWindow(), nullptr);
    QWidgetList widgets = QApplication::allWidgets();
    QVERIFY(std::none_of(widgets.cbegin(), widgets.cend(), isWebEngineView));
    QVERIFY(!m_core.server->isListening());

    // Ctrl+M starts the server (as the Phones switch does) and opens the page from it.
    QTest::keyClick(m_console, Qt::Key_M, Qt::ControlModifier);
    ModerationWindow *window = m_console->moderationWindow();
    QVERIFY(window);
    QVERIFY(m_core.server->isListening());
    QVERIFY(m_console->serverPanel()->servingSwitch()->isChecked());
    QVERIFY(window->isVisible());
    QVERIFY(window->isWindow());
    QCOMPARE(window->pageUrl(),
             QUrl(u"http://127.0.0.1:%1/m/%2"_s.arg(m_core.server->port()).arg(m_core.room->moderatorToken())));
    QSignalSpy loaded(window, &ModerationWindow::pageLoaded);
    QWebEnginePage *page = window->view()->page();
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), kPageTimeout);
    QCOMPARE(loaded.constFirst().constFirst().toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(page->title(), u"Moderation · Lectern"_s, kPageTimeout);

    // The page connected over the WebSocket: the waiting question is listed, as text.
    QTRY_VERIFY_WITH_TIMEOUT(pageText(page).contains(text), kPageTimeout);
    const std::optional<QVariant> bold = evaluate(page, u"document.querySelectorAll('.mq b').length"_s);
    QVERIFY(bold);
    QCOMPARE(bold->toInt(), 0);

    // Clicked once (QTRY_VERIFY would click again to check).
    QVERIFY(QTest::qWaitFor([&] { return clickAction(page, id, u"approve"_s); }, kPageTimeout));
    QTRY_COMPARE_WITH_TIMEOUT(m_core.questions->question(id)->question.state, Question::State::Shown, kPageTimeout);
    // The console's queue follows.
    QTRY_COMPARE(m_console->questionPanel()->shownIds(), QList<qint64>({id}));

    // Pinned from the page: on the projector.
    QVERIFY(QTest::qWaitFor([&] { return clickAction(page, id, u"pin"_s); }, kPageTimeout));
    QTRY_COMPARE_WITH_TIMEOUT(m_core.questions->pinnedId(), id, kPageTimeout);

    // Opening again reuses the window.
    window->close();
    QTest::keyClick(m_console, Qt::Key_M, Qt::ControlModifier);
    QCOMPARE(m_console->moderationWindow(), window);
    QVERIFY(window->isVisible());
    widgets = QApplication::allWidgets();
    QCOMPARE(std::count_if(widgets.cbegin(), widgets.cend(), isWebEngineView), 1);
}

void TestModerationWindow::windowFollowsTheServerStoppingAndStarting()
{
    QVERIFY(m_console->questionPanel()->moderationButton()->isEnabled());
    QTest::mouseClick(m_console->questionPanel()->moderationButton(), Qt::LeftButton);
    ModerationWindow *window = m_console->moderationWindow();
    QVERIFY(window);
    QVERIFY(m_core.server->isListening());
    QCOMPARE(window->messageText(), QString());
    // The whole page loaded (its title comes before its scripts): a load stopped half-way would report its end
    // after the server is started again below.
    QSignalSpy firstLoad(window, &ModerationWindow::pageLoaded);
    QTRY_VERIFY_WITH_TIMEOUT(!firstLoad.isEmpty(), kPageTimeout);
    QVERIFY(firstLoad.constLast().constFirst().toBool());
    QTRY_COMPARE_WITH_TIMEOUT(window->view()->page()->title(), u"Moderation · Lectern"_s, kPageTimeout);

    // The Phones switch turned off: the window says why there is no page, and offers to start the server.
    m_console->serverPanel()->setServing(false);
    QVERIFY(!window->messageText().isEmpty());
    QCOMPARE(window->pageUrl(), QUrl());
    auto *start = window->findChild<QPushButton *>(u"moderationStartButton"_s);
    QVERIFY(start->isVisible());

    QSignalSpy loaded(window, &ModerationWindow::pageLoaded);
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(m_core.server->isListening());
    QCOMPARE(window->messageText(), QString());
    QCOMPARE(window->pageUrl().port(), int(m_core.server->port()));
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), kPageTimeout);
    QVERIFY(loaded.constLast().constFirst().toBool());

    // A server that cannot start (its port taken) says why in the window.
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    m_console->serverPanel()->setServing(false);
    m_presentation->setListenAddress({QHostAddress(QHostAddress::LocalHost), blocker.serverPort()});
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(!m_core.server->isListening());
    QVERIFY2(window->messageText().contains(QString::number(blocker.serverPort())), qPrintable(window->messageText()));
    QVERIFY(start->isVisible());
}

QTEST_MAIN(TestModerationWindow)
#include "tst_moderationwindow.moc"
