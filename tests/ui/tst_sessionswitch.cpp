// Moving between the sessions of an event on the console: Ctrl+PageDown / Ctrl+PageUp, the Session menu, the
// question while a poll is open, sessions that cannot go on stage, and Ctrl+O for the session on stage.

#include "agendapanel.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "helpoverlay.h"
#include "keymap.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "slides/slidedeck.h"
#include "uitestconsole.h"
#include "uitestevent.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace Lectern;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/** Answers the next QMessageBox that opens with the given button, noting its object name. */
void answerNextMessageBox(QMessageBox::StandardButton answer, QString *seenName)
{
    auto *poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer, seenName] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *seenName = box->objectName();
        poll->stop();
        poll->deleteLater();
        box->button(answer)->click();
    });
    poll->start();
}

} // namespace

class TestSessionSwitch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void ctrlPageDownPutsTheNextSessionsDeckOnStage();
    void ctrlPageUpReturnsToWhereTheSessionStood();
    void sessionKeysWorkInTheProjectorWindow();
    void sessionMenuSwitchesAndMarksTheSessionOnStage();
    void menuBarHoldsTheEventAndSessionMenus();
    void aSessionWithoutDeckStaysOffStageAndTheBannerSaysSo();
    void aDeckThatDoesNotOpenKeepsTheSessionOnStage();
    void anOpenPollAsksFirstAndStayKeepsTheSession();
    void theQuestionIsAMessageBoxThatStaysByDefault();
    void noPollOpenSwitchesWithoutAsking();
    void theFirstSessionSaysSoOnCtrlPageUp();
    void backToTheSessionOnStageWhileSwitchingKeepsIt();
    void openDeckSwapsTheDeckOfTheSessionOnStage();
    void helpListsTheSessionKeys();

private:
    QString slideCounter() const;
    void goToSessionByKey(Qt::Key key, int expected);

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    Event m_plan;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
};

void TestSessionSwitch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const Result<> opened = m_core.open(LecternUiTest::ConsoleCore::Questions::With);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    m_core.event->setDatabase(m_core.database.get());
    const std::optional<Event> plan = LecternUiTest::evening(QDir(m_dir->path()));
    QVERIFY(plan);
    m_plan = *plan;
    m_core.event->setPlan(m_plan, m_dir->filePath(u"evening.lectern.json"_s));
    auto deck = SlideDeck::open(m_plan.sessions.at(0).deckPath);
    QVERIFY2(deck, qPrintable(deck ? QString() : deck.error().message));
    m_core.event->present(0, *deck);

    m_presentation = std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(),
                                                    m_core.server.get(), m_core.room.get());
    m_console = m_presentation->console();
    // Only the test that asks for the message box meets it.
    m_console->setSessionSwitchConfirmation([](QWidget *, const QString &, const QString &) { return true; });
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
}

void TestSessionSwitch::cleanup()
{
    m_console = nullptr;
    m_presentation.reset();
    m_core.close();
    m_dir.reset();
}

QString TestSessionSwitch::slideCounter() const
{
    return m_console->findChild<QLabel *>(u"slideCounter"_s)->text();
}

void TestSessionSwitch::goToSessionByKey(Qt::Key key, int expected)
{
    QTest::keyClick(m_console, key, Qt::ControlModifier);
    QTRY_COMPARE(m_core.event->sessionIndex(), expected);
    QCOMPARE(m_console->pendingSessionIndex(), -1);
}

void TestSessionSwitch::ctrlPageDownPutsTheNextSessionsDeckOnStage()
{
    QSignalSpy changed(m_core.event.get(), &LiveEvent::sessionChanged);
    QCOMPARE(slideCounter(), u"1 / 4"_s);
    QCOMPARE(m_core.polls->polls().size(), 1);

    goToSessionByKey(Qt::Key_PageDown, 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_core.event->deck()->path(), m_plan.sessions.at(1).deckPath);
    QCOMPARE(slideCounter(), u"1 / 3"_s);
    QCOMPARE(m_console->windowTitle(), u"Lectern — Typed settings in a Django monolith"_s);
    QCOMPARE(m_core.event->clock().plan().talkTime, std::chrono::seconds(10min));
    QVERIFY(m_core.polls->polls().isEmpty());
    QCOMPARE(m_core.polls->sessionIndex(), 1);
    QCOMPARE(m_core.questions->sessionIndex(), 1);
    QVERIFY(m_console->bannerText().isEmpty());
}

void TestSessionSwitch::ctrlPageUpReturnsToWhereTheSessionStood()
{
    m_core.event->goToPage(3);
    m_core.event->clock().start();
    m_core.clock->advance(2min);
    QCOMPARE(slideCounter(), u"3 / 4"_s);

    goToSessionByKey(Qt::Key_PageDown, 1);
    QCOMPARE(slideCounter(), u"1 / 3"_s);
    QVERIFY(!m_core.event->clock().isStarted());
    m_core.event->clock().start();
    m_core.clock->advance(5min);

    goToSessionByKey(Qt::Key_PageUp, 0);
    QCOMPARE(m_core.event->deck()->path(), m_plan.sessions.at(0).deckPath);
    QCOMPARE(m_core.event->currentPage(), 3);
    QCOMPARE(slideCounter(), u"3 / 4"_s);
    // Its timer was kept while the other session was on stage: two minutes of talk, not seven.
    QVERIFY(m_core.event->clock().isStarted());
    QCOMPARE(m_core.event->clock().elapsed(), std::chrono::milliseconds(2min));

    goToSessionByKey(Qt::Key_PageDown, 1);
    QCOMPARE(m_core.event->clock().elapsed(), std::chrono::milliseconds(5min));
}

void TestSessionSwitch::sessionKeysWorkInTheProjectorWindow()
{
    QTest::keyClick(m_presentation->projector(), Qt::Key_PageDown, Qt::ControlModifier);
    QTRY_COMPARE(m_core.event->sessionIndex(), 1);
    QTest::keyClick(m_presentation->projector(), Qt::Key_PageUp, Qt::ControlModifier);
    QTRY_COMPARE(m_core.event->sessionIndex(), 0);
}

void TestSessionSwitch::sessionMenuSwitchesAndMarksTheSessionOnStage()
{
    QMenu *goTo = m_console->goToSessionMenu();
    QCOMPARE(goTo->actions().size(), 3);
    QVERIFY(goTo->actions().at(0)->isChecked());
    QVERIFY(goTo->actions().at(1)->text().contains(u"Typed settings in a Django monolith — Kenji Sato"_s));

    auto *next = m_console->findChild<QAction *>(u"nextSessionAction"_s);
    auto *previous = m_console->findChild<QAction *>(u"previousSessionAction"_s);
    QVERIFY(next && previous);
    QVERIFY(next->isEnabled());
    QVERIFY(!previous->isEnabled());
    QCOMPARE(next->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QCOMPARE(previous->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_PageUp));

    next->trigger();
    QTRY_COMPARE(m_core.event->sessionIndex(), 1);
    QTRY_VERIFY(m_console->goToSessionMenu()->actions().at(1)->isChecked());
    QVERIFY(m_console->findChild<QAction *>(u"previousSessionAction"_s)->isEnabled());

    m_console->findChild<QAction *>(u"previousSessionAction"_s)->trigger();
    QTRY_COMPARE(m_core.event->sessionIndex(), 0);

    m_console->goToSessionMenu()->actions().at(1)->trigger();
    QTRY_COMPARE(m_core.event->sessionIndex(), 1);
    QVERIFY(m_console->goToSessionMenu()->actions().at(1)->isChecked());
    QVERIFY(!m_console->goToSessionMenu()->actions().at(0)->isChecked());
}

void TestSessionSwitch::menuBarHoldsTheEventAndSessionMenus()
{
    QStringList titles;
    for (const QAction *menu : m_console->menuBar()->actions())
        titles.append(menu->text());
    QCOMPARE(titles, (QStringList{u"&Event"_s, u"&Session"_s}));
    for (const QString &name : {u"editEventAction"_s, u"exportCsvAction"_s, u"exportJsonAction"_s, u"exportPdfAction"_s,
                                u"exportSessionHandoutAction"_s, u"exportEventHandoutAction"_s,
                                u"leaveNamesOutAction"_s, u"openDeckAction"_s, u"quitAction"_s, u"agendaAction"_s})
        QVERIFY2(m_console->findChild<QAction *>(name), qPrintable(name));
    QCOMPARE(m_console->findChild<QAction *>(u"editEventAction"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QCOMPARE(m_console->findChild<QAction *>(u"openDeckAction"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_O));
    QVERIFY(m_console->leaveNamesOutAction()->isCheckable());
    QVERIFY(!m_console->leaveNamesOutAction()->isChecked());

    const QString screenshots = qEnvironmentVariable("LECTERN_SCREENSHOT_DIR");
    if (!screenshots.isEmpty()) {
        auto *eventMenu = m_console->findChild<QMenu *>(u"eventMenu"_s);
        auto *exportMenu = m_console->findChild<QMenu *>(u"exportMenu"_s);
        QVERIFY(eventMenu->grab().save(screenshots + u"/console-event-menu.png"_s));
        QVERIFY(exportMenu->grab().save(screenshots + u"/console-export-menu.png"_s));
        QVERIFY(
            m_console->findChild<QMenu *>(u"sessionMenu"_s)->grab().save(screenshots + u"/console-session-menu.png"_s));
    }

    m_console->findChild<QAction *>(u"agendaAction"_s)->trigger();
    QCOMPARE(m_console->sideTabs()->currentWidget(), static_cast<QWidget *>(m_console->agendaPanel()));
}

void TestSessionSwitch::aSessionWithoutDeckStaysOffStageAndTheBannerSaysSo()
{
    QSignalSpy failed(m_console, &PresenterWindow::sessionSwitchFailed);
    m_console->goToSession(2);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(m_core.event->sessionIndex(), 0);
    QCOMPARE(m_console->pendingSessionIndex(), -1);
    const QString banner = m_console->bannerText();
    QVERIFY2(banner.contains(u"session 3 “Lightning talks” has no deck"_s), qPrintable(banner));
    QVERIFY2(banner.contains(u"session 1 “Reproducible environments with uv and Nix” stays on stage"_s),
             qPrintable(banner));
    QCOMPARE(slideCounter(), u"1 / 4"_s);

    // The next switch that works clears the message.
    goToSessionByKey(Qt::Key_PageDown, 1);
    QVERIFY(m_console->bannerText().isEmpty());
}

void TestSessionSwitch::aDeckThatDoesNotOpenKeepsTheSessionOnStage()
{
    const QString broken = m_dir->filePath(u"broken.pdf"_s);
    QVERIFY(LecternUiTest::writeFile(broken, "this is not a PDF"));
    Event plan = m_plan;
    plan.sessions[1].deckPath = broken;
    const Result<> replaced = m_core.event->replacePlan(plan, {0, 1, 2});
    QVERIFY2(replaced, qPrintable(replaced ? QString() : replaced.error()));

    QSignalSpy failed(m_console, &PresenterWindow::sessionSwitchFailed);
    QTest::keyClick(m_console, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(m_console->pendingSessionIndex(), 1);
    QVERIFY(failed.wait());
    QCOMPARE(m_core.event->sessionIndex(), 0);
    QCOMPARE(m_console->pendingSessionIndex(), -1);
    QCOMPARE(m_core.event->deck()->path(), m_plan.sessions.at(0).deckPath);
    const QString banner = m_console->bannerText();
    QVERIFY2(banner.contains(u"session 2 “Typed settings in a Django monolith” was not put on stage"_s),
             qPrintable(banner));
    QVERIFY2(banner.contains(u"broken.pdf"_s), qPrintable(banner));
    QVERIFY2(banner.contains(u"stays on stage"_s), qPrintable(banner));
}

void TestSessionSwitch::anOpenPollAsksFirstAndStayKeepsTheSession()
{
    QVERIFY(m_core.polls->open(u"uses-uv"_s));
    QStringList asked;
    bool answer = false;
    m_console->setSessionSwitchConfirmation(
        [&asked, &answer](QWidget *, const QString &openPoll, const QString &targetSession) {
            asked.append(openPoll + u" → "_s + targetSession);
            return answer;
        });

    QTest::keyClick(m_console, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(asked, QStringList{u"Do you use uv? → session 2 “Typed settings in a Django monolith”"_s});
    QCOMPARE(m_console->pendingSessionIndex(), -1);
    QCOMPARE(m_core.event->sessionIndex(), 0);
    QCOMPARE(m_core.polls->openPollId().value(), std::optional<QString>(u"uses-uv"_s));

    // The agenda's request takes the same path.
    Q_EMIT m_console->agendaPanel()->sessionRequested(1);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(m_core.event->sessionIndex(), 0);

    answer = true;
    goToSessionByKey(Qt::Key_PageDown, 1);
    QCOMPARE(asked.size(), 3);
}

void TestSessionSwitch::theQuestionIsAMessageBoxThatStaysByDefault()
{
    m_console->setSessionSwitchConfirmation(&PresenterWindow::askToSwitchSession);
    QVERIFY(m_core.polls->open(u"uses-uv"_s));
    QString seen;
    answerNextMessageBox(QMessageBox::No, &seen);
    QTest::keyClick(m_console, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(seen, u"sessionSwitchConfirmation"_s);
    QCOMPARE(m_core.event->sessionIndex(), 0);
    QCOMPARE(m_console->pendingSessionIndex(), -1);

    seen.clear();
    answerNextMessageBox(QMessageBox::Yes, &seen);
    QTest::keyClick(m_console, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(seen, u"sessionSwitchConfirmation"_s);
    QTRY_COMPARE(m_core.event->sessionIndex(), 1);
}

void TestSessionSwitch::noPollOpenSwitchesWithoutAsking()
{
    int asked = 0;
    m_console->setSessionSwitchConfirmation([&asked](QWidget *, const QString &, const QString &) {
        ++asked;
        return false;
    });
    goToSessionByKey(Qt::Key_PageDown, 1);
    QCOMPARE(asked, 0);
}

void TestSessionSwitch::theFirstSessionSaysSoOnCtrlPageUp()
{
    QTest::keyClick(m_console, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(m_console->statusMessage(), u"This is the first session of the event."_s);
    QCOMPARE(m_core.event->sessionIndex(), 0);
    QCOMPARE(m_console->pendingSessionIndex(), -1);

    m_console->goToSession(0);
    QVERIFY2(m_console->statusMessage().contains(u"on stage already"_s), qPrintable(m_console->statusMessage()));
}

void TestSessionSwitch::backToTheSessionOnStageWhileSwitchingKeepsIt()
{
    QSignalSpy changed(m_core.event.get(), &LiveEvent::sessionChanged);
    QTest::keyClick(m_console, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(m_console->pendingSessionIndex(), 1);
    QTest::keyClick(m_console, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(m_console->pendingSessionIndex(), -1);
    QCOMPARE(m_console->statusMessage(), u"session 1 “Reproducible environments with uv and Nix” stays on stage."_s);
    // The deck asked for first finishes opening and stays off stage.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_core.event->sessionIndex(), 0);
    QCOMPARE(m_core.event->deck()->path(), m_plan.sessions.at(0).deckPath);
}

void TestSessionSwitch::openDeckSwapsTheDeckOfTheSessionOnStage()
{
    goToSessionByKey(Qt::Key_PageDown, 1);
    const QString other = m_dir->filePath(u"other.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(other, 5));
    m_console->setDeckChooser([other](QWidget *) { return other; }, {});
    QTest::keyClick(m_console, Qt::Key_O, Qt::ControlModifier);
    QTRY_COMPARE(m_core.event->deck()->path(), other);
    QCOMPARE(m_core.event->sessionIndex(), 1);
    QCOMPARE(m_core.event->sessionCount(), 3);
    QCOMPARE(m_core.event->plan().sessions.at(1).deckPath, other);
    QCOMPARE(slideCounter(), u"1 / 5"_s);
}

void TestSessionSwitch::helpListsTheSessionKeys()
{
    const KeyMap keys = KeyMap::defaults();
    QVERIFY(keys.actionFor(QKeySequence(Qt::CTRL | Qt::Key_PageDown)) == KeyAction::NextSession);
    QVERIFY(keys.actionFor(QKeySequence(Qt::CTRL | Qt::Key_PageUp)) == KeyAction::PreviousSession);
    QVERIFY(keys.actionFor(QKeySequence(Qt::CTRL | Qt::Key_E)) == KeyAction::EditEvent);

    m_console->showNormal();
    m_console->resize(1280, 800);
    QTest::keyClick(m_console, Qt::Key_F1);
    if (const QString screenshots = qEnvironmentVariable("LECTERN_SCREENSHOT_DIR"); !screenshots.isEmpty()) {
        QTRY_COMPARE(m_console->size(), QSize(1280, 800));
        QCoreApplication::sendPostedEvents();
        QVERIFY(m_console->grab().save(screenshots + u"/console-help.png"_s));
    }
    QStringList rows;
    for (const QLabel *label : m_console->helpOverlay()->findChildren<QLabel *>(u"helpKeys"_s))
        rows.append(label->text());
    for (const QKeySequence &key : {QKeySequence(Qt::CTRL | Qt::Key_PageDown), QKeySequence(Qt::CTRL | Qt::Key_PageUp),
                                    QKeySequence(Qt::CTRL | Qt::Key_E)}) {
        const QString text = key.toString(QKeySequence::NativeText);
        QVERIFY2(rows.contains(text), qPrintable(text + u" not in "_s + rows.join(u" | "_s)));
    }
}

QTEST_MAIN(TestSessionSwitch)
#include "tst_sessionswitch.moc"
