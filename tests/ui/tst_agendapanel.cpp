// The console's Agenda tab: its rows, the session on stage, how far the event runs behind (a ManualClock moves the
// time), and putting a session on stage from it; on the real widgets (offscreen).

#include "agendamodel.h"
#include "agendapanel.h"
#include "event/liveevent.h"
#include "keymap.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "slides/slidedeck.h"
#include "slideview.h"
#include "uitestconsole.h"
#include "uitestevent.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Lectern;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/** 19:00 local time on a day of the event: the plan starts then, whatever the test machine's time zone. */
const QDateTime kPlannedStart(QDate(2026, 11, 24), QTime(19, 0));

/** Saves a picture of widget into $LECTERN_SCREENSHOT_DIR, when set, for people to look at. */
void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("LECTERN_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QCoreApplication::sendPostedEvents();
    QVERIFY(widget->grab().save(directory + u'/' + name));
}

} // namespace

class TestAgendaPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void agendaIsASideTab();
    void rowsShowTitleSpeakerAndPlannedTimes();
    void theSessionOnStageIsMarked();
    void behindLineFollowsTheStartAndTheClock();
    void startingEarlyReadsAhead();
    void actualTimesShowStartAndEnd();
    void doubleClickPutsTheSessionOnStage();
    void enterInTheFocusedListPutsTheSessionOnStage();
    void escapeGivesTheKeysBackToTheSlides();
    void textsAreShownAsTyped();
    void modelSurvivesSwitchesAndPlanEdits();

private:
    AgendaPanel *panel() const { return m_console->agendaPanel(); }
    AgendaModel *model() const { return panel()->model(); }
    QString cell(int row, int column) const { return model()->index(row, column).data().toString(); }
    void present(int sessionIndex);

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    Event m_plan;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestAgendaPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const Result<> opened = m_core.open(LecternUiTest::ConsoleCore::Questions::With);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    m_core.clock->setNow(kPlannedStart.toUTC());
    m_core.event->setDatabase(m_core.database.get());
    const std::optional<Event> plan = LecternUiTest::evening(QDir(m_dir->path()), kPlannedStart);
    QVERIFY(plan);
    m_plan = *plan;
    m_core.event->setPlan(m_plan, m_dir->filePath(u"evening.lectern.json"_s));
    present(0);

    m_presentation = std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(),
                                                    m_core.server.get(), m_core.room.get());
    m_console = m_presentation->console();
    m_tester =
        std::make_unique<QAbstractItemModelTester>(model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
    m_console->showAgendaPanel();
}

void TestAgendaPanel::cleanup()
{
    m_tester.reset();
    m_console = nullptr;
    m_presentation.reset();
    m_core.close();
    m_dir.reset();
}

void TestAgendaPanel::present(int sessionIndex)
{
    auto deck = SlideDeck::open(m_plan.sessions.at(sessionIndex).deckPath);
    QVERIFY2(deck, qPrintable(deck ? QString() : deck.error().message));
    m_core.event->present(sessionIndex, *deck);
}

void TestAgendaPanel::agendaIsASideTab()
{
    QTabWidget *tabs = m_console->sideTabs();
    const int index = tabs->indexOf(panel());
    QVERIFY(index >= 0);
    QCOMPARE(tabs->tabText(index), u"Agenda"_s);
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(panel()));
    QVERIFY(panel()->isVisible());
    m_core.clock->advance(std::chrono::minutes(4));
    m_core.event->clock().start();
    m_console->resize(1280, 800);
    QTRY_COMPARE(m_console->currentSlideView()->paintedPage(), 0);
    QCOMPARE(panel()->behindText(), u"Runs 4 min behind"_s);
    saveScreenshot(m_console, u"console-agenda.png"_s);
}

void TestAgendaPanel::rowsShowTitleSpeakerAndPlannedTimes()
{
    QCOMPARE(model()->rowCount(), 3);
    QCOMPARE(model()->columnCount(), 3);
    QCOMPARE(cell(0, AgendaModel::SessionColumn), u"1. Reproducible environments with uv and Nix\nLena Fischer"_s);
    QCOMPARE(cell(1, AgendaModel::SessionColumn), u"2. Typed settings in a Django monolith\nKenji Sato"_s);
    QCOMPARE(cell(2, AgendaModel::SessionColumn), u"3. Lightning talks"_s);
    // Back to back: 15 + 5, then 10 + 5, then 15 + 5 minutes.
    QCOMPARE(cell(0, AgendaModel::PlannedColumn), u"19:00–19:20"_s);
    QCOMPARE(cell(1, AgendaModel::PlannedColumn), u"19:20–19:35"_s);
    QCOMPARE(cell(2, AgendaModel::PlannedColumn), u"19:35–19:55"_s);
    QCOMPARE(cell(0, AgendaModel::ActualColumn), u"–"_s);
    QCOMPARE(model()->headerData(AgendaModel::PlannedColumn, Qt::Horizontal).toString(), u"Planned"_s);

    const QString header = panel()->findChild<QLabel *>(u"agendaEvent"_s)->text();
    QVERIFY2(header.startsWith(u"Robust Python evening · "_s), qPrintable(header));
    QVERIFY2(header.endsWith(u" · Hackspace, room 2"_s), qPrintable(header));
}

void TestAgendaPanel::theSessionOnStageIsMarked()
{
    QVERIFY(model()->index(0, 0).data(AgendaModel::OnStageRole).toBool());
    QVERIFY(!model()->index(1, 0).data(AgendaModel::OnStageRole).toBool());
    QVERIFY(model()->index(0, AgendaModel::PlannedColumn).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model()->index(1, 0).data(Qt::FontRole).isValid());

    present(1);
    QVERIFY(!model()->index(0, 0).data(AgendaModel::OnStageRole).toBool());
    QVERIFY(model()->index(1, 0).data(AgendaModel::OnStageRole).toBool());
    QCOMPARE(model()->onStageRow(), 1);
}

void TestAgendaPanel::behindLineFollowsTheStartAndTheClock()
{
    QCOMPARE(panel()->behindText(), u"Not started yet"_s);
    QVERIFY(panel()->refreshTimer().isActive());
    QVERIFY(panel()->refreshTimer().interval() <= 15000);

    m_core.clock->advance(4min);
    m_core.event->clock().start();
    QCOMPARE(panel()->behindText(), u"Runs 4 min behind"_s);
    QCOMPARE(panel()->findChild<QLabel *>(u"agendaBehind"_s)->property("behind").toString(), u"behind"_s);
    QCOMPARE(cell(0, AgendaModel::ActualColumn), u"19:04–now"_s);

    // Past the session's planned end (19:20) the time now counts: at 19:31 the event runs 11 minutes behind. Only
    // the periodic refresh notices, as nothing else happened.
    m_core.clock->setNow(kPlannedStart.addSecs(31 * 60).toUTC());
    QCOMPARE(panel()->behindText(), u"Runs 4 min behind"_s);
    panel()->refresh();
    QCOMPARE(panel()->behindText(), u"Runs 11 min behind"_s);
}

void TestAgendaPanel::startingEarlyReadsAhead()
{
    Event plan = m_plan;
    plan.startTime = QTime(19, 10);
    QVERIFY(m_core.event->replacePlan(plan, {0, 1, 2}));
    QCOMPARE(cell(0, AgendaModel::PlannedColumn), u"19:10–19:30"_s);
    m_core.clock->advance(4min);
    m_core.event->clock().start();
    QCOMPARE(panel()->behindText(), u"Runs 6 min ahead"_s);
    QCOMPARE(panel()->findChild<QLabel *>(u"agendaBehind"_s)->property("behind").toString(), u"ahead"_s);
}

void TestAgendaPanel::actualTimesShowStartAndEnd()
{
    m_core.clock->advance(2min);
    m_core.event->clock().start();
    m_core.clock->advance(20min);
    present(1);
    QCOMPARE(cell(0, AgendaModel::ActualColumn), u"19:02–19:22"_s);
    QCOMPARE(cell(1, AgendaModel::ActualColumn), u"–"_s);
    m_core.event->clock().start();
    QCOMPARE(cell(1, AgendaModel::ActualColumn), u"19:22–now"_s);
    QCOMPARE(panel()->behindText(), u"Runs 2 min behind"_s);
}

void TestAgendaPanel::doubleClickPutsTheSessionOnStage()
{
    QTreeView *view = panel()->view();
    const QRect row = view->visualRect(model()->index(1, AgendaModel::SessionColumn));
    QVERIFY(row.isValid());
    QSignalSpy requested(panel(), &AgendaPanel::sessionRequested);
    // A double-click arrives as a click, then the double-click event.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(requested.size(), 0);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toInt(), 1);
    QTRY_COMPARE(m_core.event->sessionIndex(), 1);
    QTRY_VERIFY(model()->index(1, 0).data(AgendaModel::OnStageRole).toBool());
}

void TestAgendaPanel::enterInTheFocusedListPutsTheSessionOnStage()
{
    QTreeView *view = panel()->view();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(model()->index(0, AgendaModel::SessionColumn)).center());
    QVERIFY(view->hasFocus());
    // With the list focused, Down moves in the list, not the slides.
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(m_core.event->currentPage(), 0);
    QCOMPARE(view->currentIndex().row(), 1);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().row(), 2);
    QTest::keyClick(view, Qt::Key_Up);
    QCOMPARE(view->currentIndex().row(), 1);
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_COMPARE(m_core.event->sessionIndex(), 1);
    // The switch gives the keys back to the slides.
    QVERIFY(!view->hasFocus());
    QTest::keyClick(m_console, Qt::Key_Right);
    QCOMPARE(m_core.event->currentPage(), 1);
}

void TestAgendaPanel::escapeGivesTheKeysBackToTheSlides()
{
    QTreeView *view = panel()->view();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(model()->index(2, AgendaModel::SessionColumn)).center());
    QVERIFY(view->hasFocus());
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!view->hasFocus());
    QTest::keyClick(m_console, Qt::Key_Down);
    QCOMPARE(m_core.event->currentPage(), 1);
    QCOMPARE(m_core.event->sessionIndex(), 0);
}

void TestAgendaPanel::textsAreShownAsTyped()
{
    Event plan = m_plan;
    plan.title = u"<b>Robust</b> & <i>Python</i>"_s;
    plan.sessions[2].title = u"<script>alert(1)</script>"_s;
    QVERIFY(m_core.event->replacePlan(plan, {0, 1, 2}));
    const auto *header = panel()->findChild<QLabel *>(u"agendaEvent"_s);
    QCOMPARE(header->textFormat(), Qt::PlainText);
    QVERIFY(header->text().startsWith(u"<b>Robust</b> & <i>Python</i> · "_s));
    QCOMPARE(cell(2, AgendaModel::SessionColumn), u"3. <script>alert(1)</script>"_s);
    QCOMPARE(panel()->findChild<QLabel *>(u"agendaBehind"_s)->textFormat(), Qt::PlainText);
}

void TestAgendaPanel::modelSurvivesSwitchesAndPlanEdits()
{
    present(1);
    Event plan = m_plan;
    Session extra;
    extra.title = u"Closing words"_s;
    plan.sessions.insert(1, extra);
    QVERIFY(m_core.event->replacePlan(plan, {0, -1, 1, 2}));
    QCOMPARE(model()->rowCount(), 4);
    QCOMPARE(cell(1, AgendaModel::SessionColumn), u"2. Closing words"_s);
    QCOMPARE(model()->onStageRow(), 2);
    plan.sessions.removeAt(1);
    QVERIFY(m_core.event->replacePlan(plan, {0, 2, 3}));
    QCOMPARE(model()->rowCount(), 3);
    QCOMPARE(model()->onStageRow(), 1);
}

QTEST_MAIN(TestAgendaPanel)
#include "tst_agendapanel.moc"
