// The console's question panel, the question keys (n u Ctrl+Z) and the projector's pinned question, driven
// through the real widgets (offscreen) against LiveQuestions on an in-memory event database, with the session
// timer on a ManualClock.

#include "demo/demodeck.h"
#include "event/audienceroom.h"
#include "event/eventsetup.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "helpoverlay.h"
#include "joincard.h"
#include "keymap.h"
#include "pinnedquestioncard.h"
#include "pollchart.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "questionpanel.h"
#include "server/audienceserver.h"
#include "serverpanel.h"
#include "slides/rendercache.h"
#include "slideview.h"
#include "storage/database.h"
#include "timer/clock.h"
#include "uitestconsole.h"
#include "uitestdeck.h"

#include <QApplication>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Lectern;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/** The session on stage: a 15-minute talk and 5 minutes of Q&A. */
Session questionSession(const QString &deckPath)
{
    Session session;
    session.title = u"uv and Nix"_s;
    session.deckPath = deckPath;
    session.timing.talkTime = 15min;
    session.timing.qaTime = 5min;
    return session;
}

/** Saves a picture of widget into $LECTERN_SCREENSHOT_DIR, when set, for people to look at. */
void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("LECTERN_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QCoreApplication::sendPostedEvents(); // pending layouts first
    QVERIFY(widget->grab().save(directory + u'/' + name));
}

/** Saves the two windows side by side as one picture into $LECTERN_SCREENSHOT_DIR, when set. */
void saveSideBySide(QWidget *left, QWidget *right, const QString &name)
{
    const QString directory = qEnvironmentVariable("LECTERN_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QCoreApplication::sendPostedEvents();
    const QPixmap leftPicture = left->grab();
    const QPixmap rightPicture = right->grab();
    QImage both(leftPicture.width() + rightPicture.width(), std::max(leftPicture.height(), rightPicture.height()),
                QImage::Format_RGB32);
    both.fill(Qt::black);
    QPainter painter(&both);
    painter.drawPixmap(0, 0, leftPicture);
    painter.drawPixmap(leftPicture.width(), 0, rightPicture);
    painter.end();
    QVERIFY(both.save(directory + u'/' + name));
}

bool isWebEngineView(const QWidget *widget)
{
    return widget->inherits("QWebEngineView");
}

} // namespace

class TestQuestionPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rowsFollowTheQueueByVotes();
    void pinnedQuestionIsListedFirstAndMarked();
    void timeFitLineCountsWhatFitsInTheQaTimeLeft();
    void cutLineFollowsThePinnedQuestionAndTheClock();
    void talkPhaseShowsTheForecastForTheComingQa();
    void overtimeSaysTheQaTimeIsUp();
    void timePerQuestionIsTheMeanOfTheAnswers();
    void keysPinUnpinAndUndo();
    void keysWorkOnTheProjectorToo();
    void keyWithNothingToPinSaysWhyInTheStatusBar();
    void buttonsFollowWhatCanBeDone();
    void buttonFailureShowsInThePanel();
    void endSessionAsksFirst();
    void hostileTextShowsLiterally();
    void tabTitleCountsTheWaitingQuestions();
    void approvalQueueIsCounted();
    void burstOfUpvotesRedrawsThePanelOnce();
    void projectorCardShowsThePinnedQuestionAsText();
    void projectorCardLiesUnderTheChartAndTheJoinCard();
    void helpListsTheQuestionKeys();
    void consoleDoesNotMakeTheModerationWindow();
    void serverPanelShowsTheModeratorLinkOnlyWhenAsked();
    void consoleWithQuestionsFitsALaptopScreen();

private:
    /** Asks a question from a new phone; returns its id. */
    qint64 ask(const QString &text, const QString &name = {});
    /** Upvotes a question from count new phones. */
    void upvote(qint64 id, int count);
    Question::State stateOf(qint64 id) const;
    /** Starts the session timer and moves it on by elapsed. */
    void startClockAndWait(std::chrono::milliseconds elapsed);
    QList<qint64> queueIds() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
    ProjectorWindow *m_projector = nullptr;
    QuestionPanel *m_panel = nullptr;
};

void TestQuestionPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString deckPath = m_dir->filePath(u"talk.pdf"_s);
    QVERIFY(LecternUiTest::writeConsoleDeck(deckPath));
    const Result<> opened = m_core.open(LecternUiTest::ConsoleCore::Questions::With);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    auto deck = SlideDeck::open(deckPath);
    QVERIFY(deck);
    m_core.event->present(questionSession(deckPath), *deck);
    QCOMPARE(m_core.questions->sessionIndex(), m_core.event->sessionIndex());

    m_presentation = std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(),
                                                    m_core.server.get(), m_core.room.get());
    m_presentation->setListenAddress({QHostAddress(QHostAddress::LocalHost), quint16(0)});
    m_console = m_presentation->console();
    m_projector = m_presentation->projector();
    m_panel = m_console->questionPanel();
    QVERIFY(m_panel);
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
    QVERIFY(QTest::qWaitForWindowExposed(m_projector));
}

void TestQuestionPanel::cleanup()
{
    m_console = nullptr;
    m_projector = nullptr;
    m_panel = nullptr;
    m_presentation.reset();
    m_core.close();
    m_dir.reset();
}

qint64 TestQuestionPanel::ask(const QString &text, const QString &name)
{
    const Result<QString> device = m_core.room->admitDevice(QString());
    if (!device)
        qFatal("no device: %s", qPrintable(device.error()));
    // Questions asked a second apart, so that "earlier first" breaks ties as a room would.
    m_core.clock->advance(1s);
    const Result<QuestionRecord> asked = m_core.questions->ask(*device, text, name);
    if (!asked)
        qFatal("not asked: %s", qPrintable(asked.error()));
    return asked->question.id;
}

void TestQuestionPanel::upvote(qint64 id, int count)
{
    for (int i = 0; i < count; ++i) {
        const Result<QString> device = m_core.room->admitDevice(QString());
        QVERIFY(device);
        const Result<bool> upvoted = m_core.questions->setUpvoted(*device, id, true);
        QVERIFY2(upvoted, qPrintable(upvoted ? QString() : upvoted.error()));
        QVERIFY(*upvoted);
    }
}

Question::State TestQuestionPanel::stateOf(qint64 id) const
{
    return m_core.questions->question(id).value().question.state;
}

void TestQuestionPanel::startClockAndWait(std::chrono::milliseconds elapsed)
{
    m_core.event->clock().start();
    m_core.clock->advance(elapsed);
}

QList<qint64> TestQuestionPanel::queueIds() const
{
    QList<qint64> ids;
    for (const QuestionRecord &record : m_core.questions->queue())
        ids.append(record.question.id);
    return ids;
}

void TestQuestionPanel::rowsFollowTheQueueByVotes()
{
    QVERIFY(m_panel->shownIds().isEmpty());
    QVERIFY(!m_panel->emptyText().isEmpty());

    const qint64 first = ask(u"Why uv and not pip?"_s, u"Aiko"_s);
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({first}));
    QVERIFY(m_panel->emptyText().isEmpty());
    QCOMPARE(m_panel->textLabel(first)->text(), u"Why uv and not pip?"_s);
    QCOMPARE(m_panel->shownName(first), u"Aiko"_s);
    QCOMPARE(m_panel->shownVotes(first), 0);

    const qint64 second = ask(u"Does Nix work on macOS?"_s);
    const qint64 third = ask(u"How do you pin Python itself?"_s);
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({first, second, third}));
    QCOMPARE(m_panel->shownName(second), QString());

    upvote(third, 3);
    upvote(second, 1);
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({third, second, first}));
    QCOMPARE(m_panel->shownIds(), queueIds());
    QCOMPARE(m_panel->shownVotes(third), 3);
    QCOMPARE(m_panel->shownVotes(second), 1);
    QCOMPARE(m_panel->shownVotes(first), 0);

    // Hidden by a moderator: off the list.
    QVERIFY(m_core.questions->hide(second));
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({third, first}));
}

void TestQuestionPanel::pinnedQuestionIsListedFirstAndMarked()
{
    const qint64 popular = ask(u"Popular"_s);
    const qint64 quiet = ask(u"Quiet"_s);
    upvote(popular, 2);
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({popular, quiet}));
    QCOMPARE(m_panel->shownPinnedId(), std::nullopt);

    QVERIFY(m_core.questions->pin(quiet));
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({quiet, popular}));
    QCOMPARE(m_panel->shownPinnedId(), quiet);
    QVERIFY(m_panel->findChild<QLabel *>(u"questionPinnedBadge"_s)->isVisibleTo(m_panel));
}

void TestQuestionPanel::timeFitLineCountsWhatFitsInTheQaTimeLeft()
{
    for (int i = 1; i <= 7; ++i)
        ask(u"Question %1"_s.arg(i));
    // 15:30 into a 15-minute talk with 5 minutes of Q&A: 4:30 of Q&A left, 90 s per question until one is answered.
    startClockAndWait(15min + 30s);
    QTRY_COMPARE(m_panel->timeFitText(), u"about 3 of 7 fit in 4:30"_s);
    QCOMPARE(m_panel->perQuestionText(), u"1:30 a question until one is answered"_s);
    QCOMPARE(m_panel->shownIds().size(), 7);
    QCOMPARE(m_panel->cutAfterRow(), 3);
    QCOMPARE(m_panel->cutText(), u"Time runs out here: 4 more below"_s);
    QCOMPARE(m_panel->waitingCount(), 7);

    // The line follows the clock on its own (no signal from the clock): a minute later only 2 fit.
    m_core.clock->advance(1min);
    QTRY_COMPARE(m_panel->timeFitText(), u"about 2 of 7 fit in 3:30"_s);
    QCOMPARE(m_panel->cutAfterRow(), 2);

    // Paused, the time left stays.
    m_core.event->clock().pause();
    m_core.clock->advance(10min);
    QTRY_COMPARE(m_panel->timeFitText(), u"about 2 of 7 fit in 3:30"_s);
}

void TestQuestionPanel::cutLineFollowsThePinnedQuestionAndTheClock()
{
    QList<qint64> ids;
    for (int i = 1; i <= 5; ++i)
        ids.append(ask(u"Question %1"_s.arg(i)));
    startClockAndWait(15min + 30s);
    QTRY_COMPARE(m_panel->timeFitText(), u"about 3 of 5 fit in 4:30"_s);
    QCOMPARE(m_panel->cutAfterRow(), 3);

    // The pinned question is being answered, not waiting: it is listed above the cut and not counted.
    QVERIFY(m_core.questions->pin(ids.at(4)));
    QTRY_COMPARE(m_panel->timeFitText(), u"about 3 of 4 fit in 4:30"_s);
    QCOMPARE(m_panel->shownIds().constFirst(), ids.at(4));
    QCOMPARE(m_panel->cutAfterRow(), 4);

    // Everything fits: no cut.
    QVERIFY(m_core.questions->hide(ids.at(0)));
    QTRY_COMPARE(m_panel->timeFitText(), u"about 3 of 3 fit in 4:30"_s);
    QCOMPARE(m_panel->cutAfterRow(), std::nullopt);
    QCOMPARE(m_panel->cutText(), QString());
}

void TestQuestionPanel::talkPhaseShowsTheForecastForTheComingQa()
{
    for (int i = 1; i <= 7; ++i)
        ask(u"Question %1"_s.arg(i));
    QTRY_COMPARE(m_panel->timeFitText(), u"Q&A forecast: about 3 of 7 fit in 5:00"_s);
    QCOMPARE(m_panel->cutAfterRow(), 3);
    startClockAndWait(5min);
    QTRY_COMPARE(m_panel->timeFitText(), u"Q&A forecast: about 3 of 7 fit in 5:00"_s);
    QVERIFY(m_panel->timeFit().forecast);
}

void TestQuestionPanel::overtimeSaysTheQaTimeIsUp()
{
    ask(u"Late"_s);
    startClockAndWait(21min);
    QTRY_COMPARE(m_panel->timeFitText(), u"Q&A time is up; questions waiting: 1"_s);
    QCOMPARE(m_panel->cutAfterRow(), 0);
}

void TestQuestionPanel::timePerQuestionIsTheMeanOfTheAnswers()
{
    for (int i = 1; i <= 6; ++i)
        ask(u"Question %1"_s.arg(i));
    startClockAndWait(15min);
    QVERIFY(m_core.questions->pinNext());
    m_core.clock->advance(1min);
    QVERIFY(m_core.questions->pinNext()); // the first answered after 60 s
    // 4 waiting, 4:00 left, 60 s each.
    QTRY_COMPARE(m_panel->timeFitText(), u"about 4 of 4 fit in 4:00"_s);
    QCOMPARE(m_panel->perQuestionText(), u"1:00 a question: the mean of this session's answers"_s);
    QCOMPARE(m_panel->cutAfterRow(), std::nullopt);
}

void TestQuestionPanel::keysPinUnpinAndUndo()
{
    const qint64 top = ask(u"Top"_s);
    const qint64 second = ask(u"Second"_s);
    upvote(top, 2);
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({top, second}));

    QTest::keyClick(m_console, Qt::Key_N);
    QCOMPARE(m_core.questions->pinnedId(), top);
    QCOMPARE(m_console->sideTabs()->currentWidget(), m_panel);
    QTRY_COMPARE(m_panel->shownPinnedId(), top);

    // n again: the pinned one is answered, the next pinned.
    QTest::keyClick(m_console, Qt::Key_N);
    QCOMPARE(stateOf(top), Question::State::Answered);
    QCOMPARE(m_core.questions->pinnedId(), second);
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({second}));

    QTest::keyClick(m_console, Qt::Key_U);
    QCOMPARE(m_core.questions->pinnedId(), std::nullopt);
    QCOMPARE(stateOf(second), Question::State::Shown);
    QTRY_COMPARE(m_panel->shownPinnedId(), std::nullopt);

    QTest::keyClick(m_console, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_core.questions->pinnedId(), second);
    QTest::keyClick(m_console, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_core.questions->pinnedId(), top);
    QCOMPARE(stateOf(top), Question::State::Pinned);
    QCOMPARE(stateOf(second), Question::State::Shown);
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({top, second}));
    QCOMPARE(m_console->statusMessage(), QString());
}

void TestQuestionPanel::keysWorkOnTheProjectorToo()
{
    const qint64 only = ask(u"Only"_s);
    QTest::keyClick(m_projector, Qt::Key_N);
    QCOMPARE(m_core.questions->pinnedId(), only);
    QTest::keyClick(m_projector, Qt::Key_U);
    QCOMPARE(m_core.questions->pinnedId(), std::nullopt);
    QTest::keyClick(m_projector, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_core.questions->pinnedId(), only);
}

void TestQuestionPanel::keyWithNothingToPinSaysWhyInTheStatusBar()
{
    QTest::keyClick(m_console, Qt::Key_N);
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    const QString nothingToPin = m_core.questions->pinNext().error();
    QCOMPARE(m_console->statusMessage(), nothingToPin);
    QVERIFY(m_console->findChild<QLabel *>(u"statusMessage"_s)->isVisible());
    // A key's failure is the status bar's, not the panel's.
    QCOMPARE(m_panel->errorText(), QString());

    QTest::keyClick(m_console, Qt::Key_U);
    QCOMPARE(m_console->statusMessage(), m_core.questions->unpinCurrent().error());
    QTest::keyClick(m_console, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_console->statusMessage(), m_core.questions->undo().error());
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    // Briefly: it goes away by itself.
    QTRY_COMPARE_WITH_TIMEOUT(m_console->statusMessage(), QString(),
                              int(PresenterWindow::kStatusMessageTime.count()) + 2000);
}

void TestQuestionPanel::buttonsFollowWhatCanBeDone()
{
    QVERIFY(!m_panel->pinNextButton()->isEnabled());
    QVERIFY(!m_panel->unpinButton()->isEnabled());
    QVERIFY(!m_panel->undoButton()->isEnabled());
    QVERIFY(!m_panel->endSessionButton()->isEnabled());
    QVERIFY(m_panel->moderationButton()->isEnabled());

    const qint64 id = ask(u"One"_s);
    QTRY_VERIFY(m_panel->pinNextButton()->isEnabled());
    QVERIFY(!m_panel->unpinButton()->isEnabled());
    QVERIFY(m_panel->endSessionButton()->isEnabled());

    QTest::mouseClick(m_panel->pinNextButton(), Qt::LeftButton);
    QCOMPARE(m_core.questions->pinnedId(), id);
    QTRY_VERIFY(m_panel->unpinButton()->isEnabled());
    QVERIFY(m_panel->undoButton()->isEnabled());

    QTest::mouseClick(m_panel->undoButton(), Qt::LeftButton);
    QCOMPARE(m_core.questions->pinnedId(), std::nullopt);
    QTRY_VERIFY(!m_panel->undoButton()->isEnabled());

    QTest::mouseClick(m_panel->pinNextButton(), Qt::LeftButton);
    QTest::mouseClick(m_panel->unpinButton(), Qt::LeftButton);
    QCOMPARE(m_core.questions->pinnedId(), std::nullopt);
    QCOMPARE(stateOf(id), Question::State::Shown);
}

void TestQuestionPanel::buttonFailureShowsInThePanel()
{
    const qint64 id = ask(u"One"_s);
    QVERIFY(m_core.questions->pinNext());
    QTRY_VERIFY(m_panel->undoButton()->isEnabled());
    // A moderator acts on the question after the step: undo is refused and says why.
    QVERIFY(m_core.questions->hide(id));
    QTest::mouseClick(m_panel->undoButton(), Qt::LeftButton);
    QCOMPARE(stateOf(id), Question::State::Hidden);
    QVERIFY(!m_panel->errorText().isEmpty());
    QCOMPARE(QApplication::activeModalWidget(), nullptr);

    // The next command that works clears it.
    ask(u"Two"_s);
    QTRY_VERIFY(m_panel->pinNextButton()->isEnabled());
    QTest::mouseClick(m_panel->pinNextButton(), Qt::LeftButton);
    QCOMPARE(m_panel->errorText(), QString());
}

void TestQuestionPanel::endSessionAsksFirst()
{
    const qint64 pinned = ask(u"Pinned"_s);
    const qint64 shown = ask(u"Shown"_s);
    QVERIFY(m_core.questions->pin(pinned));
    int askedWith = -1;
    bool answer = false;
    m_panel->setEndConfirmation([&](QWidget *, int stillShown) {
        askedWith = stillShown;
        return answer;
    });
    QTRY_VERIFY(m_panel->endSessionButton()->isEnabled());
    QTest::mouseClick(m_panel->endSessionButton(), Qt::LeftButton);
    QCOMPARE(askedWith, 2);
    QCOMPARE(stateOf(pinned), Question::State::Pinned);
    QCOMPARE(stateOf(shown), Question::State::Shown);

    answer = true;
    QTest::mouseClick(m_panel->endSessionButton(), Qt::LeftButton);
    QCOMPARE(stateOf(pinned), Question::State::Unanswered);
    QCOMPARE(stateOf(shown), Question::State::Unanswered);
    QTRY_VERIFY(m_panel->shownIds().isEmpty());
    QVERIFY(!m_panel->endSessionButton()->isEnabled());
}

void TestQuestionPanel::hostileTextShowsLiterally()
{
    const QString markup = u"<b>x</b> <img src=x onerror=alert(1)> &amp;"_s;
    const qint64 html = ask(markup, u"<i>Eve</i>"_s);
    // A right-to-left override is taken out when the question is asked; what is kept is shown as kept.
    const qint64 rtl = ask(u"abc\u202Edef <a href='x'>link</a>"_s);
    upvote(html, 1);
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({html, rtl}));

    QLabel *htmlLabel = m_panel->textLabel(html);
    QCOMPARE(htmlLabel->textFormat(), Qt::PlainText);
    QCOMPARE(htmlLabel->text(), markup);
    QCOMPARE(m_panel->shownName(html), u"<i>Eve</i>"_s);
    const QString rtlStored = m_core.questions->question(rtl)->question.text;
    QVERIFY(!rtlStored.contains(QChar(0x202E)));
    QCOMPARE(m_panel->textLabel(rtl)->text(), rtlStored);
    QCOMPARE(m_panel->textLabel(rtl)->textFormat(), Qt::PlainText);
    // Every label of the panel, names and votes included, is plain text.
    for (const QLabel *label : m_panel->findChildren<QLabel *>())
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
    for (const QLabel *label : m_panel->findChildren<QLabel *>(u"questionName"_s)) {
        if (label->isVisible())
            QCOMPARE(label->text(), u"— <i>Eve</i>"_s);
    }

    // On the projector too.
    QVERIFY(m_core.questions->pin(html));
    PinnedQuestionCard *card = m_projector->pinnedQuestionCard();
    QTRY_VERIFY(card->isVisible());
    QCOMPARE(card->text(), markup);
    QCOMPARE(card->caption(), u"<i>Eve</i> asks"_s);
}

void TestQuestionPanel::tabTitleCountsTheWaitingQuestions()
{
    QTabWidget *tabs = m_console->sideTabs();
    const int index = tabs->indexOf(m_panel);
    QVERIFY(index >= 0);
    QCOMPARE(tabs->tabText(index), u"Questions"_s);
    const qint64 first = ask(u"One"_s);
    ask(u"Two"_s);
    QTRY_COMPARE(tabs->tabText(index), u"Questions (2)"_s);
    QVERIFY(m_core.questions->pin(first));
    QTRY_COMPARE(tabs->tabText(index), u"Questions (1)"_s);
    // Beside the other tabs, in this order.
    QCOMPARE(tabs->tabText(0), u"Notes"_s);
    QCOMPARE(tabs->tabText(1), u"Poll"_s);
    QCOMPARE(index, 2);
    QCOMPARE(tabs->tabText(3), u"Phones"_s);
}

void TestQuestionPanel::approvalQueueIsCounted()
{
    QCOMPARE(m_panel->approvalText(), QString());
    QVERIFY(m_core.questions->setApprovalRequired(true));
    const qint64 waiting = ask(u"Needs a look"_s);
    QCOMPARE(stateOf(waiting), Question::State::Waiting);
    QTRY_COMPARE(m_panel->approvalText(), u"Waiting for approval: 1 (approve them in Moderation…)"_s);
    QVERIFY(m_panel->shownIds().isEmpty());
    QVERIFY(m_core.questions->approve(waiting));
    QTRY_COMPARE(m_panel->shownIds(), QList<qint64>({waiting}));
    QCOMPARE(m_panel->approvalText(), QString());
}

void TestQuestionPanel::burstOfUpvotesRedrawsThePanelOnce()
{
    QSignalSpy shown(m_panel, &QuestionPanel::queueShown);
    const qint64 id = ask(u"Popular"_s);
    upvote(id, 40);
    // The question's arrival is drawn at once, the 40 upvotes after it together when the interval is over.
    QCOMPARE(shown.size(), 1);
    QCOMPARE(m_panel->shownVotes(id), 0);
    QTRY_COMPARE(m_panel->shownVotes(id), 40);
    QCOMPARE(shown.size(), 2);
}

void TestQuestionPanel::projectorCardShowsThePinnedQuestionAsText()
{
    PinnedQuestionCard *card = m_projector->pinnedQuestionCard();
    QVERIFY(card);
    QVERIFY(!card->isVisible());
    const qint64 named = ask(u"How does uv resolve versions so fast?"_s, u"Aiko"_s);
    const qint64 anonymous = ask(u"Nix on Windows?"_s);
    QVERIFY(!card->isVisible());

    QTest::keyClick(m_console, Qt::Key_N);
    QVERIFY(card->isVisible());
    QCOMPARE(card->questionId(), named);
    QCOMPARE(card->text(), u"How does uv resolve versions so fast?"_s);
    QCOMPARE(card->displayName(), u"Aiko"_s);
    QCOMPARE(card->caption(), u"Aiko asks"_s);
    QVERIFY(m_console->findChild<QLabel *>(u"questionBadge"_s)->isVisible());
    // The band is over the lower part of the slide; the slide stays in view above it.
    const QRectF band = card->bandRect();
    QVERIFY(band.top() > m_projector->height() / 3);
    QVERIFY(band.bottom() <= m_projector->height());

    QTest::keyClick(m_console, Qt::Key_N);
    QCOMPARE(card->questionId(), anonymous);
    QCOMPARE(card->displayName(), QString());
    QCOMPARE(card->caption(), u"A question from the audience"_s);

    QTest::keyClick(m_console, Qt::Key_U);
    QVERIFY(!card->isVisible());
    QCOMPARE(card->text(), QString());
    QVERIFY(!m_console->findChild<QLabel *>(u"questionBadge"_s)->isVisible());

    // The longest question fits the band at any window size.
    const qint64 longest = ask(QString(Question::kMaxTextLength, u'w'));
    QVERIFY(m_core.questions->pin(longest));
    for (const QSize size : {QSize(1920, 1080), QSize(640, 480), QSize(480, 800)}) {
        m_projector->showNormal();
        m_projector->resize(size);
        QTRY_COMPARE(m_projector->size(), size);
        QVERIFY(card->bandRect().height() <= size.height() / 2 + 1);
        QVERIFY(card->bandRect().top() >= 0);
    }
}

void TestQuestionPanel::projectorCardLiesUnderTheChartAndTheJoinCard()
{
    ask(u"Pinned while the results show"_s);
    QTest::keyClick(m_console, Qt::Key_N);
    PinnedQuestionCard *card = m_projector->pinnedQuestionCard();
    QVERIFY(card->isVisible());
    // Shown while pinned, whatever else is on the projector; the join card and a revealed chart cover it.
    m_core.event->setJoinCardShown(true);
    QVERIFY(card->isVisible());
    const QPoint inBand = card->bandRect().center().toPoint();
    QCOMPARE(m_projector->childAt(inBand), static_cast<QWidget *>(m_projector->joinCard()));
    m_core.event->setJoinCardShown(false);
    QVERIFY(card->isVisible());
    const QList<QObject *> layers = m_projector->children();
    QVERIFY(layers.indexOf(card) < layers.indexOf(m_projector->pollChart()));
    QVERIFY(layers.indexOf(m_projector->pollChart()) < layers.indexOf(m_projector->joinCard()));
}

void TestQuestionPanel::helpListsTheQuestionKeys()
{
    QTest::keyClick(m_console, Qt::Key_F1);
    QStringList rows;
    for (const QLabel *label : m_console->helpOverlay()->findChildren<QLabel *>(u"helpKeys"_s))
        rows.append(label->text());
    for (const QKeySequence &key : {QKeySequence(Qt::Key_N), QKeySequence(Qt::Key_U),
                                    QKeySequence(Qt::CTRL | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_M)}) {
        const QString text = key.toString(QKeySequence::NativeText);
        QVERIFY2(rows.contains(text), qPrintable(text + u" not in "_s + rows.join(u" | "_s)));
    }
    const KeyMap keys = KeyMap::defaults();
    QVERIFY(keys.actionFor(QKeySequence(Qt::Key_N)) == KeyAction::QuestionPinNext);
    QVERIFY(keys.actionFor(QKeySequence(Qt::Key_U)) == KeyAction::QuestionUnpin);
    QVERIFY(keys.actionFor(QKeySequence(Qt::CTRL | Qt::Key_Z)) == KeyAction::QuestionUndo);
    QVERIFY(keys.actionFor(QKeySequence(Qt::CTRL | Qt::Key_M)) == KeyAction::Moderation);
    // Every key is bound once.
    QList<QKeySequence> bound;
    for (const KeyBinding &binding : keys.bindings()) {
        for (const QKeySequence &key : binding.keys) {
            QVERIFY2(!bound.contains(key), qPrintable(key.toString()));
            bound.append(key);
        }
    }
    // The longer table still fits the laptop console.
    m_console->showNormal();
    m_console->resize(1280, 800);
    QTRY_COMPARE(m_console->size(), QSize(1280, 800));
    const QWidget *help = m_console->helpOverlay();
    const QWidget *panel = help->findChild<QWidget *>(u"overlayPanel"_s);
    QTRY_VERIFY(help->size() == m_console->centralWidget()->size() && panel->height() >= panel->sizeHint().height() &&
                panel->geometry().bottom() < help->height());
}

void TestQuestionPanel::consoleDoesNotMakeTheModerationWindow()
{
    QCOMPARE(m_console->moderationWindow(), nullptr);
    const QWidgetList widgets = QApplication::allWidgets();
    QVERIFY(std::none_of(widgets.cbegin(), widgets.cend(), isWebEngineView));
    // Asking for the moderation window without the server running is what makes it (tst_moderationwindow opens
    // it under a real display); showing the question panel or the Phones tab does not.
    m_console->sideTabs()->setCurrentWidget(m_panel);
    m_console->sideTabs()->setCurrentWidget(m_console->serverPanel());
    QCOMPARE(m_console->moderationWindow(), nullptr);
}

void TestQuestionPanel::serverPanelShowsTheModeratorLinkOnlyWhenAsked()
{
    ServerPanel *panel = m_console->serverPanel();
    QVERIFY(panel->setServing(true));
    const QString url = u"http://127.0.0.1:%1/m/%2"_s.arg(m_core.server->port()).arg(m_core.room->moderatorToken());
    QVERIFY(!m_core.room->moderatorToken().isEmpty());
    QCOMPARE(panel->moderatorUrl(), url);
    // Hidden until asked: a console mirrored to the projector must not show the room the secret.
    QVERIFY(!panel->isModeratorLinkShown());
    QCOMPARE(panel->shownModeratorUrl(), QString());
    QVERIFY(panel->moderatorQrImage().isNull());
    QVERIFY(panel->moderatorNoteText().contains(u"Whoever has this link can moderate"_s));

    m_console->sideTabs()->setCurrentWidget(panel);
    auto *reveal = panel->findChild<QPushButton *>(u"moderatorReveal"_s);
    QTest::mouseClick(reveal, Qt::LeftButton);
    QVERIFY(panel->isModeratorLinkShown());
    QCOMPARE(panel->shownModeratorUrl(), url);
    QVERIFY(!panel->moderatorQrImage().isNull());
    QVERIFY(panel->findChild<QLabel *>(u"moderatorQr"_s)->isVisible());

    // Never on the projector: the join card holds the join URL only.
    m_core.event->setJoinCardShown(true);
    QVERIFY(!m_projector->joinCard()->url().isEmpty());
    QVERIFY(!m_projector->joinCard()->url().contains(m_core.room->moderatorToken()));

    QTest::mouseClick(reveal, Qt::LeftButton);
    QCOMPARE(panel->shownModeratorUrl(), QString());
    QVERIFY(panel->moderatorQrImage().isNull());
    panel->setServing(false);
    QCOMPARE(panel->moderatorUrl(), QString());
}

void TestQuestionPanel::consoleWithQuestionsFitsALaptopScreen()
{
    // The demo evening's first talk, as a speaker would see it.
    const Result<QString> demoPath = DemoDeck::write(m_dir->path());
    QVERIFY2(demoPath, qPrintable(demoPath ? QString() : demoPath.error()));
    const Result<Event> demoEvent = readEventFile(*demoPath);
    QVERIFY2(demoEvent, qPrintable(demoEvent ? QString() : demoEvent.error()));
    auto demo = SlideDeck::open(demoEvent->sessions.at(0).deckPath);
    QVERIFY(demo);
    m_core.event->present(demoEvent->sessions.at(0), *demo);

    m_console->showNormal();
    m_console->resize(1280, 800);
    const qint64 uv = ask(u"Why is uv so much faster than pip: is it only the Rust, or the resolver too?"_s, u"Aiko"_s);
    const qint64 nix = ask(u"Does the Nix setup work on macOS with Apple silicon?"_s);
    const qint64 lock = ask(u"How do you keep uv.lock and flake.lock in step?"_s, u"Jonas"_s);
    const qint64 ci = ask(u"What does CI look like?"_s);
    const qint64 pin = ask(u"How do you pin Python itself?"_s, u"Priya"_s);
    const qint64 docker = ask(u"Would you still use Docker for deployment?"_s);
    const qint64 windows = ask(u"Windows?"_s);
    upvote(uv, 12);
    upvote(lock, 9);
    upvote(nix, 7);
    upvote(pin, 5);
    upvote(ci, 3);
    upvote(docker, 2);
    upvote(windows, 1);
    startClockAndWait(15min + 30s);
    QTest::keyClick(m_console, Qt::Key_N);
    m_core.event->last();
    QTRY_COMPARE(m_panel->timeFitText(), u"about 3 of 6 fit in 4:30"_s);
    QTRY_COMPARE(m_console->size(), QSize(1280, 800));
    QVERIFY(m_console->minimumSizeHint().width() <= 1280);
    QVERIFY(m_console->minimumSizeHint().height() <= 800);
    // Every button of the panel shows its whole text.
    for (QPushButton *button : m_panel->findChildren<QPushButton *>()) {
        if (button->isVisible())
            QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(button->text()));
    }
    QCOMPARE(m_panel->cutAfterRow(), 4);
    saveScreenshot(m_console, u"console-questions-laptop.png"_s);

    // Both windows side by side on one 2560×1080 screen, as README shows the poll; the slides drawn sharp at
    // their new sizes first.
    QSignalSpy consoleDrawn(m_console->currentSlideView(), &SlideView::framePainted);
    QSignalSpy projectorDrawn(m_projector->slideView(), &SlideView::framePainted);
    m_console->resize(1280, 1080);
    m_projector->showNormal();
    m_projector->resize(1280, 1080);
    QTRY_COMPARE(m_console->size(), QSize(1280, 1080));
    QTRY_COMPARE(m_projector->size(), QSize(1280, 1080));
    QTRY_VERIFY(!consoleDrawn.isEmpty() && !projectorDrawn.isEmpty());
    saveSideBySide(m_console, m_projector, u"console-questions.png"_s);
}

QTEST_MAIN(TestQuestionPanel)
#include "tst_questionpanel.moc"
