// The console and the projector through the eyes of a screen reader (QAccessible, as AT-SPI sees them): every
// control and every display has a name, the drawn widgets (slides, chart, cards) say in words what they show, and
// the lists say what each row holds; on the real widgets (offscreen), with an evening's polls, questions, agenda and
// audience server.

#include "agendapanel.h"
#include "event/liveevent.h"
#include "gotooverlay.h"
#include "helpoverlay.h"
#include "joincard.h"
#include "keymap.h"
#include "overviewgrid.h"
#include "pinnedquestioncard.h"
#include "pollchart.h"
#include "pollpanel.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "questionpanel.h"
#include "serverpanel.h"
#include "slides/slidedeck.h"
#include "slideview.h"
#include "uitestconsole.h"
#include "uitestevent.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTreeView>

#include <algorithm>

using namespace Lectern;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QString accessibleText(QObject *object, QAccessible::Text text)
{
    QAccessibleInterface *interface = QAccessible::queryAccessibleInterface(object);
    return interface ? interface->text(text) : QString();
}

QString nameOf(QObject *object)
{
    return accessibleText(object, QAccessible::Name);
}

QString descriptionOf(QObject *object)
{
    return accessibleText(object, QAccessible::Description);
}

/** "QPushButton pollOpenButton in pollPanel": enough to find a widget a failure names. */
QString describe(const QWidget *widget)
{
    QString text = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty())
        text += u' ' + widget->objectName();
    for (const QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (!parent->objectName().isEmpty()) {
            text += u" in "_s + parent->objectName();
            break;
        }
    }
    return text;
}

/**
 * Widgets of Qt's own making inside scroll areas, menu bars and the like, which Qt names (or hides) itself; a view's
 * header, whose sections the view's table interface gives as column headers.
 */
bool isQtInternal(const QWidget *widget)
{
    return widget->objectName().startsWith(u"qt_"_s) || qobject_cast<const QScrollBar *>(widget) ||
           (qobject_cast<const QHeaderView *>(widget) && qobject_cast<QAbstractItemView *>(widget->parentWidget()));
}

/**
 * True for what a screen reader user works or reads: a control, a label with something in it, one of Lectern's own
 * widgets (they draw what they show), a row of a list, and any other widget without children (it draws something).
 * Lines that only separate are left out by name.
 */
bool needsName(const QWidget *widget)
{
    if (isQtInternal(widget))
        return false;
    if (qobject_cast<const QAbstractButton *>(widget) || qobject_cast<const QComboBox *>(widget) ||
        qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QAbstractSpinBox *>(widget) ||
        qobject_cast<const QTextEdit *>(widget) || qobject_cast<const QPlainTextEdit *>(widget) ||
        qobject_cast<const QAbstractItemView *>(widget) || qobject_cast<const QTabBar *>(widget) ||
        qobject_cast<const QTabWidget *>(widget) || qobject_cast<const QMenuBar *>(widget) ||
        qobject_cast<const QMenu *>(widget))
        return true;
    if (const auto *label = qobject_cast<const QLabel *>(widget))
        return !label->text().isEmpty() || !label->pixmap().isNull();
    if (QByteArrayView(widget->metaObject()->className()).startsWith("Lectern::"))
        return true;
    static const QStringList rows{u"pollRow"_s,   u"pollHiddenRow"_s, u"questionRow"_s, u"questionCut"_s,
                                  u"pollOffer"_s, u"banner"_s,        u"statusBar"_s,   u"moderatorSection"_s};
    if (rows.contains(widget->objectName()))
        return true;
    static const QStringList decorations{u"questionCutRule"_s};
    const bool leaf = widget->findChildren<QWidget *>(Qt::FindDirectChildrenOnly).isEmpty();
    return leaf && !decorations.contains(widget->objectName());
}

/** The widgets in window, shown now, that a screen reader would find without a name. */
QStringList unnamedWidgets(QWidget *window)
{
    QStringList unnamed;
    QList<QWidget *> widgets = window->findChildren<QWidget *>();
    widgets.prepend(window);
    for (QWidget *widget : std::as_const(widgets)) {
        if (!widget->isVisibleTo(window) || !needsName(widget))
            continue;
        if (!QAccessible::queryAccessibleInterface(widget))
            unnamed.append(describe(widget) + u" (no accessible interface)"_s);
        else if (nameOf(widget).trimmed().isEmpty())
            unnamed.append(describe(widget));
    }
    return unnamed;
}

/** The names of interface and everything under it in the accessible tree (what a screen reader can walk). */
void collectNames(QAccessibleInterface *interface, QStringList &names, int depth = 0)
{
    if (!interface || depth > 40)
        return;
    names.append(interface->text(QAccessible::Name));
    for (int i = 0; i < interface->childCount(); ++i)
        collectNames(interface->child(i), names, depth + 1);
}

QStringList treeNames(QWidget *window)
{
    QStringList names;
    collectNames(QAccessible::queryAccessibleInterface(window), names);
    return names;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyShownPartOfTheConsoleHasAName();
    void everyShownPartOfTheProjectorHasAName();
    void theAccessibleTreeReachesTheConsolesParts();
    void slideViewsSayWhichSlideTheyShow();
    void theProjectorSaysWhenItIsBlankedOrFrozen();
    void statusValuesAreNamedWithTheirCaption();
    void drawnProjectorOverlaysSayWhatTheyShow();
    void questionRowsSayTextAskerVotesAndPin();
    void pollRowsSayAnswerAndFigures();
    void agendaTableExposesRowsAndColumns();
    void tabsAndMenusAreNamed();
    void overlaysSayWhatTheyAreFor();

private:
    void present(int sessionIndex);
    void vote(const QString &pollId, const QString &option);
    qint64 ask(const QString &text, const QString &name = {});
    void upvote(qint64 id, int count);
    /** Runs unnamedWidgets() on window and fails naming them. */
    void verifyAllNamed(QWidget *window, const QString &situation);
    template<class T>
    T *consoleChild(const QString &objectName) const
    {
        return m_console->findChild<T *>(objectName);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    Event m_plan;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
    ProjectorWindow *m_projector = nullptr;
    qint64 m_pinnedQuestion = 0;
};

void TestAccessibility::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const Result<> opened = m_core.open(LecternUiTest::ConsoleCore::Questions::With);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    m_core.event->setDatabase(m_core.database.get());
    const std::optional<Event> plan = LecternUiTest::evening(QDir(m_dir->path()));
    QVERIFY(plan);
    m_plan = *plan;
    // A second poll, offered on the second slide, so that the panel's offer can be seen too.
    Poll nix;
    nix.id = u"uses-nix"_s;
    nix.question = u"Do you use Nix?"_s;
    nix.kind = Poll::Kind::SingleChoice;
    nix.options = {{u"yes"_s, u"Yes"_s}, {u"no"_s, u"No"_s}};
    nix.slideLabel = u"2"_s;
    nix.onSlide = Poll::SlideAction::Offer;
    m_plan.sessions[0].polls.append(nix);
    m_core.event->setPlan(m_plan, m_dir->filePath(u"evening.lectern.json"_s));
    present(0);

    m_presentation = std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(),
                                                    m_core.server.get(), m_core.room.get());
    m_presentation->setListenAddress({QHostAddress(QHostAddress::LocalHost), quint16(0)});
    m_console = m_presentation->console();
    m_projector = m_presentation->projector();
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
    QVERIFY(QTest::qWaitForWindowExposed(m_projector));

    // An evening in full swing: phones joining, a poll with votes revealed, questions with one pinned.
    QVERIFY(m_console->serverPanel());
    const Result<> serving = m_console->serverPanel()->setServing(true);
    QVERIFY2(serving, qPrintable(serving ? QString() : serving.error()));
    QTRY_VERIFY(!m_console->serverPanel()->joinUrl().isEmpty());
    QVERIFY(m_core.polls->open(u"uses-uv"_s));
    vote(u"uses-uv"_s, u"yes"_s);
    vote(u"uses-uv"_s, u"yes"_s);
    vote(u"uses-uv"_s, u"no"_s);
    QVERIFY(m_core.polls->setRevealed(u"uses-uv"_s, true));
    QTRY_COMPARE(m_console->pollPanel()->shownCount(u"yes"_s), 2);
    const qint64 popular = ask(u"Why uv and not pip?"_s, u"Aiko"_s);
    upvote(popular, 2);
    m_pinnedQuestion = ask(u"Does Nix work on macOS?"_s);
    ask(u"How do you pin Python itself?"_s);
    QVERIFY(m_core.questions->pin(m_pinnedQuestion));
    QTRY_COMPARE(m_console->questionPanel()->shownPinnedId(), std::optional<qint64>(m_pinnedQuestion));
}

void TestAccessibility::cleanup()
{
    m_console = nullptr;
    m_projector = nullptr;
    m_presentation.reset();
    m_core.close();
    m_dir.reset();
}

void TestAccessibility::present(int sessionIndex)
{
    auto deck = SlideDeck::open(m_plan.sessions.at(sessionIndex).deckPath);
    QVERIFY2(deck, qPrintable(deck ? QString() : deck.error().message));
    m_core.event->present(sessionIndex, *deck);
}

void TestAccessibility::vote(const QString &pollId, const QString &option)
{
    const Result<QString> device = m_core.room->admitDevice(QString());
    QVERIFY(device);
    std::optional<Result<QStringList>> outcome;
    const Result<> queued = m_core.polls->castVote(
        *device, pollId, {option}, [&outcome](Result<QStringList> result) { outcome = std::move(result); });
    QVERIFY2(queued, qPrintable(queued ? QString() : queued.error()));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY2(*outcome, qPrintable(outcome->has_value() ? QString() : outcome->error()));
}

qint64 TestAccessibility::ask(const QString &text, const QString &name)
{
    const Result<QString> device = m_core.room->admitDevice(QString());
    if (!device)
        qFatal("no device: %s", qPrintable(device.error()));
    m_core.clock->advance(1s);
    const Result<QuestionRecord> asked = m_core.questions->ask(*device, text, name);
    if (!asked)
        qFatal("not asked: %s", qPrintable(asked.error()));
    return asked->question.id;
}

void TestAccessibility::upvote(qint64 id, int count)
{
    for (int i = 0; i < count; ++i) {
        const Result<QString> device = m_core.room->admitDevice(QString());
        QVERIFY(device);
        const Result<bool> upvoted = m_core.questions->setUpvoted(*device, id, true);
        QVERIFY2(upvoted && *upvoted, qPrintable(upvoted ? QString() : upvoted.error()));
    }
}

void TestAccessibility::verifyAllNamed(QWidget *window, const QString &situation)
{
    const QStringList unnamed = unnamedWidgets(window);
    QVERIFY2(unnamed.isEmpty(),
             qPrintable(situation + u": without an accessible name:\n  "_s + unnamed.join(u"\n  "_s)));
}

void TestAccessibility::everyShownPartOfTheConsoleHasAName()
{
    // The slide's poll offer, a banner and a status message are shown too.
    m_core.event->next();
    QTRY_VERIFY(!m_console->pollPanel()->offerText().isEmpty());
    m_console->showBanner(u"The deck changed on disk."_s);
    m_console->showStatusMessage(u"There is no next question."_s);
    m_console->serverPanel()->findChild<QPushButton *>(u"moderatorReveal"_s)->click();
    QTRY_VERIFY(!m_console->serverPanel()->shownModeratorUrl().isEmpty());

    QTabWidget *tabs = m_console->sideTabs();
    QCOMPARE(tabs->count(), 5);
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        verifyAllNamed(m_console, u"the %1 tab"_s.arg(tabs->tabText(tab)));
    }
    m_console->toggleHelp();
    verifyAllNamed(m_console, u"the help overlay"_s);
    m_console->closeTopOverlay();
    m_console->toggleOverview();
    QTRY_VERIFY(m_console->overview()->isVisible());
    verifyAllNamed(m_console, u"the overview"_s);
    m_console->closeTopOverlay();
    m_console->openGoTo();
    verifyAllNamed(m_console, u"the go-to overlay"_s);
    m_console->closeTopOverlay();
}

void TestAccessibility::everyShownPartOfTheProjectorHasAName()
{
    QVERIFY(m_projector->pinnedQuestionCard()->isVisible());
    QTRY_VERIFY(m_projector->pollChart()->isVisible());
    verifyAllNamed(m_projector, u"the projector with the chart and the pinned question"_s);
    m_core.event->toggleJoinCard();
    QTRY_VERIFY(m_projector->joinCard()->isVisible());
    verifyAllNamed(m_projector, u"the projector with the join card"_s);
}

void TestAccessibility::theAccessibleTreeReachesTheConsolesParts()
{
    // A screen reader walks from the window down: what matters must be on that walk, not only on the widgets.
    const QStringList names = treeNames(m_console);
    for (const QString &expected : {u"Presenter console"_s, u"Current slide"_s, u"Next slide"_s, u"Speaker notes"_s,
                                    u"Panels"_s, u"Status"_s, u"Slide 1 of 4"_s})
        QVERIFY2(names.contains(expected), qPrintable(u"not in the accessible tree: "_s + expected));
    m_console->sideTabs()->setCurrentWidget(m_console->questionPanel());
    QVERIFY(treeNames(m_console).contains(u"Pinned: Does Nix work on macOS?; votes: 0"_s));
    const QStringList projector = treeNames(m_projector);
    for (const QString &expected : {u"Slide on the projector"_s, u"Pinned question"_s, u"Poll results"_s})
        QVERIFY2(projector.contains(expected), qPrintable(u"not in the projector's accessible tree: "_s + expected));
    // The console has the keys while the talk runs: that is what a screen reader announces.
    QCOMPARE(nameOf(m_console->findChild<QWidget *>(u"console"_s)), u"Presenter console"_s);
}

void TestAccessibility::slideViewsSayWhichSlideTheyShow()
{
    QCOMPARE(nameOf(m_console->currentSlideView()), u"Current slide"_s);
    QCOMPARE(descriptionOf(m_console->currentSlideView()), u"Slide 1 of 4"_s);
    QCOMPARE(nameOf(m_console->nextSlideView()), u"Next slide"_s);
    QCOMPARE(descriptionOf(m_console->nextSlideView()), u"Slide 2 of 4"_s);
    QCOMPARE(descriptionOf(m_projector->slideView()), u"Slide 1 of 4"_s);

    m_core.event->last();
    QCOMPARE(descriptionOf(m_console->currentSlideView()), u"Slide 4 of 4"_s);
    QCOMPARE(descriptionOf(m_console->nextSlideView()), u"End of deck"_s);
    QCOMPARE(descriptionOf(m_projector->slideView()), u"Slide 4 of 4"_s);
    QCOMPARE(nameOf(consoleChild<QLabel>(u"slideCounter"_s)), u"Slide 4 of 4"_s);
}

void TestAccessibility::theProjectorSaysWhenItIsBlankedOrFrozen()
{
    m_core.event->setBlanked(true);
    QCOMPARE(descriptionOf(m_projector->slideView()), u"Blanked: the projector shows black"_s);
    m_core.event->setBlanked(false);
    m_core.event->setFrozen(true);
    m_core.event->next();
    QCOMPARE(descriptionOf(m_projector->slideView()), u"Slide 1 of 4, frozen"_s);
    QCOMPARE(descriptionOf(m_console->currentSlideView()), u"Slide 2 of 4"_s);
    m_core.event->setFrozen(false);
    QCOMPARE(descriptionOf(m_projector->slideView()), u"Slide 2 of 4"_s);
}

void TestAccessibility::statusValuesAreNamedWithTheirCaption()
{
    auto *clock = consoleChild<QLabel>(u"wallClock"_s);
    QCOMPARE(nameOf(clock), u"Time: %1"_s.arg(clock->text()));
    QCOMPARE(nameOf(consoleChild<QLabel>(u"pace"_s)), u"Pace: not measured"_s);
    auto *remaining = consoleChild<QLabel>(u"phaseRemaining"_s);
    QCOMPARE(nameOf(remaining), u"Before start: %1 left"_s.arg(remaining->text()));

    m_core.event->clock().start();
    m_core.clock->advance(61s);
    QTRY_COMPARE(nameOf(remaining), u"Talk: %1 left"_s.arg(remaining->text()));
    QTRY_VERIFY(nameOf(consoleChild<QLabel>(u"pace"_s)).startsWith(u"Pace: "_s));
    QVERIFY(nameOf(consoleChild<QLabel>(u"pace"_s)) != u"Pace: not measured"_s);
}

void TestAccessibility::drawnProjectorOverlaysSayWhatTheyShow()
{
    PinnedQuestionCard *card = m_projector->pinnedQuestionCard();
    QCOMPARE(nameOf(card), u"Pinned question"_s);
    QCOMPARE(descriptionOf(card), u"A question from the audience: Does Nix work on macOS?"_s);

    PollChart *chart = m_projector->pollChart();
    QTRY_VERIFY(chart->isVisible());
    QCOMPARE(nameOf(chart), u"Poll results"_s);
    QCOMPARE(descriptionOf(chart), u"Do you use uv?; Votes: 3; Yes: 2 · 67%; No: 1 · 33%"_s);
    vote(u"uses-uv"_s, u"no"_s);
    QTRY_COMPARE(descriptionOf(chart), u"Do you use uv?; Votes: 4; Yes: 2 · 50%; No: 2 · 50%"_s);

    JoinCard *join = m_projector->joinCard();
    QCOMPARE(nameOf(join), u"Join card"_s);
    const QString url = m_console->serverPanel()->joinUrl();
    QVERIFY(!url.isEmpty());
    QVERIFY2(descriptionOf(join).contains(url), qPrintable(descriptionOf(join)));
    QVERIFY(descriptionOf(join).contains(u"room code "_s + url.section(u'/', -1)));
    QVERIFY(m_console->serverPanel()->setServing(false));
    QTRY_VERIFY(descriptionOf(join).startsWith(u"Phones cannot join yet"_s));
}

void TestAccessibility::questionRowsSayTextAskerVotesAndPin()
{
    m_console->sideTabs()->setCurrentWidget(m_console->questionPanel());
    QStringList rows;
    QStringList votes;
    for (QFrame *row : m_console->questionPanel()->findChildren<QFrame *>(u"questionRow"_s)) {
        if (row->isVisibleTo(m_console))
            rows.append(nameOf(row));
    }
    // Layout order is queue order: the pinned question first, then by votes.
    QCOMPARE(rows, (QStringList{u"Pinned: Does Nix work on macOS?; votes: 0"_s,
                                u"Why uv and not pip? (asked by Aiko); votes: 2"_s,
                                u"How do you pin Python itself?; votes: 0"_s}));
    upvote(m_pinnedQuestion, 3);
    QTRY_COMPARE(nameOf(m_console->questionPanel()->findChild<QFrame *>(u"questionRow"_s)),
                 u"Pinned: Does Nix work on macOS?; votes: 3"_s);
    // The votes' own label is read as a number of votes, not as a triangle.
    for (QLabel *label : m_console->questionPanel()->findChildren<QLabel *>(u"questionVotes"_s)) {
        if (label->isVisibleTo(m_console))
            votes.append(nameOf(label));
    }
    QCOMPARE(votes, (QStringList{u"Votes: 3"_s, u"Votes: 2"_s, u"Votes: 0"_s}));
}

void TestAccessibility::pollRowsSayAnswerAndFigures()
{
    m_console->sideTabs()->setCurrentWidget(m_console->pollPanel());
    QStringList rows;
    for (QWidget *row : m_console->pollPanel()->findChildren<QWidget *>(u"pollRow"_s)) {
        if (row->isVisibleTo(m_console))
            rows.append(nameOf(row));
    }
    rows.sort();
    QCOMPARE(rows, (QStringList{u"No: 1 (33%)"_s, u"Yes: 2 (67%)"_s}));
    QCOMPARE(nameOf(consoleChild<QLabel>(u"pollState"_s)), u"Poll state: Open"_s);
    QVERIFY(QAccessible::queryAccessibleInterface(m_console->pollPanel()->pollList())
                ->text(QAccessible::Value)
                .contains(u"Do you use uv?"_s));
}

void TestAccessibility::agendaTableExposesRowsAndColumns()
{
    m_console->showAgendaPanel();
    QTreeView *view = m_console->agendaPanel()->view();
    QAccessibleInterface *table = QAccessible::queryAccessibleInterface(view);
    QVERIFY(table);
    QCOMPARE(table->text(QAccessible::Name), u"Sessions"_s);
    QAccessibleTableInterface *cells = table->tableInterface();
    QVERIFY(cells);
    QCOMPARE(cells->rowCount(), 3);
    QCOMPARE(cells->columnCount(), 3);
    QCOMPARE(cells->cellAt(0, 0)->text(QAccessible::Name),
             u"1. Reproducible environments with uv and Nix, Lena Fischer"_s);
    QCOMPARE(cells->cellAt(2, 0)->text(QAccessible::Name), u"3. Lightning talks"_s);
    QCOMPARE(cells->cellAt(1, 2)->text(QAccessible::Name), u"not started"_s);
    QCOMPARE(cells->cellAt(0, 0)->text(QAccessible::Description), u"On stage now"_s);
    QCOMPARE(cells->columnDescription(1), u"Planned"_s);
    // Every cell says something: no dash read out as "en dash".
    for (int row = 0; row < cells->rowCount(); ++row) {
        for (int column = 0; column < cells->columnCount(); ++column) {
            const QString name = cells->cellAt(row, column)->text(QAccessible::Name);
            QVERIFY2(!name.isEmpty() && name != u"–"_s, qPrintable(u"cell %1,%2: %3"_s.arg(row).arg(column).arg(name)));
        }
    }
}

void TestAccessibility::tabsAndMenusAreNamed()
{
    QAccessibleInterface *tabBar = QAccessible::queryAccessibleInterface(m_console->sideTabs()->tabBar());
    QVERIFY(tabBar);
    QStringList tabs;
    for (int i = 0; i < tabBar->childCount(); ++i) {
        if (tabBar->child(i)->role() == QAccessible::PageTab)
            tabs.append(tabBar->child(i)->text(QAccessible::Name));
    }
    QCOMPARE(tabs, (QStringList{u"Notes"_s, u"Poll"_s, u"Questions (2)"_s, u"Phones"_s, u"Agenda"_s}));

    QAccessibleInterface *bar = QAccessible::queryAccessibleInterface(m_console->menuBar());
    QStringList menus;
    for (int i = 0; i < bar->childCount(); ++i)
        menus.append(bar->child(i)->text(QAccessible::Name));
    QVERIFY2(menus.contains(u"Event"_s) && menus.contains(u"Session"_s) && !menus.contains(QString()),
             qPrintable(menus.join(u" | "_s)));
    // The menus of the menu bar and their submenus, as a speaker reaches them (not Qt's overflow menu).
    QList<QMenu *> popups;
    QList<QAction *> actions = m_console->menuBar()->actions();
    while (!actions.isEmpty()) {
        if (QMenu *menu = actions.takeFirst()->menu()) {
            popups.append(menu);
            actions.append(menu->actions());
        }
    }
    QVERIFY(popups.size() >= 4);
    for (QMenu *menu : popups) {
        QAccessibleInterface *popup = QAccessible::queryAccessibleInterface(menu);
        QVERIFY2(!popup->text(QAccessible::Name).isEmpty(), qPrintable(describe(menu) + u' ' + menu->title()));
        for (int i = 0; i < popup->childCount(); ++i) {
            QAccessibleInterface *item = popup->child(i);
            QVERIFY2(item->role() == QAccessible::Separator || !item->text(QAccessible::Name).isEmpty(),
                     qPrintable(u"an item of %1"_s.arg(menu->objectName())));
        }
    }
    QCOMPARE(nameOf(m_console->findChild<QMenu *>(u"exportMenu"_s)), u"Export"_s);
}

void TestAccessibility::overlaysSayWhatTheyAreFor()
{
    m_console->openGoTo();
    QCOMPARE(nameOf(m_console->goToOverlay()), u"Go to slide"_s);
    QCOMPARE(nameOf(m_console->goToOverlay()->input()), u"Go to slide (1–4)"_s);
    QVERIFY(!descriptionOf(m_console->goToOverlay()->input()).isEmpty());
    m_console->closeTopOverlay();

    m_console->toggleOverview();
    OverviewGrid *overview = m_console->overview();
    QCOMPARE(nameOf(overview), u"Slide overview"_s);
    QWidget *first = overview->findChild<QWidget *>(u"overviewThumbnail1"_s);
    QVERIFY(first);
    QCOMPARE(nameOf(first), u"Slide 1"_s);
    QCOMPARE(descriptionOf(first), u"Current slide, selected"_s);
    QTest::keyClick(m_console, Qt::Key_Right);
    QCOMPARE(descriptionOf(first), u"Current slide"_s);
    QCOMPARE(descriptionOf(overview->findChild<QWidget *>(u"overviewThumbnail2"_s)), u"Selected"_s);
    m_console->closeTopOverlay();

    m_console->toggleHelp();
    QCOMPARE(nameOf(m_console->helpOverlay()), u"Keys"_s);
    QStringList keys;
    for (QLabel *label : m_console->helpOverlay()->findChildren<QLabel *>(u"helpKeys"_s))
        keys.append(nameOf(label));
    QVERIFY2(std::any_of(keys.cbegin(), keys.cend(),
                         [](const QString &key) {
                             return key.startsWith(u"B"_s) && key.endsWith(u": Blank the projector (black)"_s);
                         }),
             qPrintable(keys.join(u" | "_s)));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
