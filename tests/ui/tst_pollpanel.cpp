// The console's poll panel, the projector's chart and join card, and the poll keys (v r j Esc), driven through
// the real widgets (offscreen) against LivePolls on an in-memory event database.

#include "event/audienceroom.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "helpoverlay.h"
#include "joincard.h"
#include "keymap.h"
#include "pollchart.h"
#include "polleditor.h"
#include "pollpanel.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "server/audienceserver.h"
#include "server/qrcode.h"
#include "serverpanel.h"
#include "slides/rendercache.h"
#include "slideview.h"
#include "storage/database.h"
#include "timer/clock.h"
#include "uitestconsole.h"
#include "uitestdeck.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>

#include <functional>
#include <memory>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

Poll choicePoll(const QString &id, const QString &question, Poll::Kind kind, const QList<PollOption> &options)
{
    Poll poll;
    poll.id = id;
    poll.question = question;
    poll.kind = kind;
    poll.options = options;
    return poll;
}

Poll otherPoll(const QString &id, const QString &question, Poll::Kind kind)
{
    Poll poll;
    poll.id = id;
    poll.question = question;
    poll.kind = kind;
    return poll;
}

/** The session on stage: a poll of each kind, and one the slide labelled "3" offers. */
Session pollSession(const QString &deckPath)
{
    Session session;
    session.title = u"uv and Nix"_s;
    session.deckPath = deckPath;
    Poll rating = otherPoll(u"rating"_s, u"How robust is your Python?"_s, Poll::Kind::Rating);
    rating.ratingLowLabel = u"hope"_s;
    rating.ratingHighLabel = u"typed and tested"_s;
    Poll offered = choicePoll(u"offered"_s, u"Tabs or spaces?"_s, Poll::Kind::SingleChoice,
                              {{u"tabs"_s, u"Tabs"_s}, {u"spaces"_s, u"Spaces"_s}});
    offered.slideLabel = u"3"_s;
    offered.onSlide = Poll::SlideAction::Offer;
    Poll nix = choicePoll(u"nix"_s, u"Nix?"_s, Poll::Kind::MultipleChoice,
                          {{u"use-it"_s, u"I use it"_s},
                           {u"heard-of-it"_s, u"Heard of it"_s},
                           {u"never-heard"_s, u"Never heard of it"_s}});
    nix.maxChoices = 2;
    session.polls = {
        choicePoll(u"uses-uv"_s, u"Do you use uv?"_s, Poll::Kind::SingleChoice,
                   {{u"yes"_s, u"Yes"_s}, {u"no"_s, u"No"_s}, {u"what-is-uv"_s, u"What is uv?"_s}}),
        nix,
        rating,
        otherPoll(u"words"_s, u"One word for your test suite"_s, Poll::Kind::WordCloud),
        otherPoll(u"feedback"_s, u"What should we talk about next?"_s, Poll::Kind::OpenText),
        offered,
    };
    return session;
}

/** Runs act on the next modal dialog of type T that opens (a QMessageBox or the poll editor). */
template<class T>
void onNextModal(std::function<void(T *)> act, bool *seen)
{
    auto *poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, act = std::move(act), seen] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        *seen = true;
        poll->stop();
        poll->deleteLater();
        act(dialog);
    });
    poll->start();
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

/** A pixel's brightness, 0 to 255. */
int brightness(const QImage &image, QPoint at)
{
    return qGray(image.pixel(at));
}

} // namespace

class TestPollPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pollListShowsTheSessionsPollsWithTheirState();
    void votesMoveTheBars();
    void multipleChoicePercentagesAreOfVoters();
    void ratingShowsOneToFiveWithTheAverage();
    void openButtonOpensClosesAndReopens();
    void keyVOpensClosesAndReopens();
    void keyRRevealsAndHidesTheChartOnTheProjector();
    void revealButtonShowsTheChartOverTheSlide();
    void chartFollowsVotesWhileRevealed();
    void hiddenWordCloudAnswersNeverReachTheChart();
    void openTextAnswersShowOnTheChartAsText();
    void hostileAnswersShowLiterally();
    void burstOfResultChangesRepaintsThePanelOnce();
    void burstOfResultChangesRepaintsTheChartOnce();
    void resetAsksFirst();
    void resetKeepsTheResetPollPicked();
    void offeredPollShowsAPromptWithAnOpenButton();
    void newPollDialogCreatesAndSelectsThePoll();
    void newPollDialogNamesTheFieldToFix_data();
    void newPollDialogNamesTheFieldToFix();
    void commandErrorsShowInThePanel();
    void joinKeyShowsTheCardWithTheQrCode();
    void joinCardSaysWhenPhonesCannotJoin();
    void escapeClosesJoinCardThenChartThenUnblanks();
    void helpListsThePollKeys();
    void consoleWithPollsFitsALaptopScreen();

private:
    /** Casts a vote from a new phone and waits until it is committed. */
    void vote(const QString &pollId, const QStringList &answer);
    PollState stateOf(const QString &pollId) const;
    bool isRevealed(const QString &pollId) const;
    QToolButton *answerToggle(const QString &answer) const;
    /** A projector window of this size (the single offscreen screen puts it beside the console otherwise). */
    void resizeProjector(QSize size);

    std::unique_ptr<QTemporaryDir> m_dir;
    LecternUiTest::ConsoleCore m_core;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
    ProjectorWindow *m_projector = nullptr;
    PollPanel *m_panel = nullptr;
};

void TestPollPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString deckPath = m_dir->filePath(u"talk.pdf"_s);
    QVERIFY(LecternUiTest::writeConsoleDeck(deckPath));
    const Result<> opened = m_core.open(LecternUiTest::ConsoleCore::Questions::Without);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    auto deck = SlideDeck::open(deckPath);
    QVERIFY(deck);
    m_core.event->present(pollSession(deckPath), *deck);

    m_presentation =
        std::make_unique<Presentation>(*m_core.event, *m_core.cache, KeyMap::defaults(), m_core.server.get());
    m_presentation->setListenAddress({QHostAddress(QHostAddress::LocalHost), quint16(0)});
    m_console = m_presentation->console();
    m_projector = m_presentation->projector();
    m_panel = m_console->pollPanel();
    QVERIFY(m_panel);
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
    QVERIFY(QTest::qWaitForWindowExposed(m_projector));
}

void TestPollPanel::cleanup()
{
    m_console = nullptr;
    m_projector = nullptr;
    m_panel = nullptr;
    m_presentation.reset();
    m_core.close();
    m_dir.reset();
}

void TestPollPanel::vote(const QString &pollId, const QStringList &answer)
{
    const Result<QString> device = m_core.room->admitDevice(QString());
    QVERIFY(device);
    std::optional<Result<QStringList>> outcome;
    const Result<> queued = m_core.polls->castVote(
        *device, pollId, answer, [&outcome](Result<QStringList> result) { outcome = std::move(result); });
    QVERIFY2(queued, qPrintable(queued ? QString() : queued.error()));
    QTRY_VERIFY(outcome.has_value());
    QVERIFY2(*outcome, qPrintable(outcome->has_value() ? QString() : outcome->error()));
}

PollState TestPollPanel::stateOf(const QString &pollId) const
{
    return m_core.polls->results(pollId).value().state;
}

bool TestPollPanel::isRevealed(const QString &pollId) const
{
    return m_core.polls->results(pollId).value().revealed;
}

void TestPollPanel::resizeProjector(QSize size)
{
    m_projector->showNormal();
    m_projector->resize(size);
    QTRY_COMPARE(m_projector->size(), size);
}

QToolButton *TestPollPanel::answerToggle(const QString &answer) const
{
    QLabel *label = m_panel->answerLabel(answer);
    return label ? label->parentWidget()->findChild<QToolButton *>(u"pollAnswerToggle"_s) : nullptr;
}

void TestPollPanel::pollListShowsTheSessionsPollsWithTheirState()
{
    QComboBox *list = m_panel->pollList();
    QCOMPARE(list->count(), 6);
    QCOMPARE(list->itemText(0), u"Do you use uv? (draft)"_s);
    QCOMPARE(m_panel->selectedPollId(), u"uses-uv"_s);
    QCOMPARE(m_panel->stateText(), u"Draft"_s);
    QVERIFY(m_core.polls->open(u"nix"_s));
    // The list follows the poll the room sees.
    QCOMPARE(m_panel->selectedPollId(), u"nix"_s);
    QCOMPARE(list->itemText(1), u"Nix? (open)"_s);
    QCOMPARE(m_panel->stateText(), u"Open"_s);
    QVERIFY(m_core.polls->setRevealed(u"nix"_s, true));
    QCOMPARE(list->itemText(1), u"Nix? (open, revealed)"_s);
}

void TestPollPanel::votesMoveTheBars()
{
    QTest::mouseClick(m_panel->openButton(), Qt::LeftButton);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
    QCOMPARE(m_panel->shownAnswers(), QStringList({u"yes"_s, u"no"_s, u"what-is-uv"_s}));
    QCOMPARE(m_panel->shownCount(u"yes"_s), 0);
    QCOMPARE(m_panel->shownFigures(u"yes"_s), u"0 (0%)"_s);

    vote(u"uses-uv"_s, {u"yes"_s});
    QTRY_COMPARE(m_panel->shownCount(u"yes"_s), 1);
    QCOMPARE(m_panel->shownFigures(u"yes"_s), u"1 (100%)"_s);
    vote(u"uses-uv"_s, {u"yes"_s});
    vote(u"uses-uv"_s, {u"no"_s});
    // Drawn at once for the first change, then at most every 100 ms: wait for the last vote's draw.
    QTRY_COMPARE(m_panel->voterText(), u"Votes: 3"_s);
    QCOMPARE(m_panel->shownCount(u"yes"_s), 2);
    QCOMPARE(m_panel->shownCount(u"no"_s), 1);
    QCOMPARE(m_panel->shownCount(u"what-is-uv"_s), 0);
    QCOMPARE(m_panel->shownFigures(u"yes"_s), u"2 (67%)"_s);
    QCOMPARE(m_panel->shownFigures(u"no"_s), u"1 (33%)"_s);
    QCOMPARE(m_panel->voterText(), u"Votes: 3"_s);
    QCOMPARE(m_panel->answerLabel(u"what-is-uv"_s)->text(), u"What is uv?"_s);
}

void TestPollPanel::multipleChoicePercentagesAreOfVoters()
{
    m_panel->selectPoll(u"nix"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    QCOMPARE(stateOf(u"nix"_s), PollState::Open);
    vote(u"nix"_s, {u"use-it"_s, u"heard-of-it"_s});
    vote(u"nix"_s, {u"heard-of-it"_s});
    QTRY_COMPARE(m_panel->shownCount(u"heard-of-it"_s), 2);
    QCOMPARE(m_panel->shownFigures(u"heard-of-it"_s), u"2 (100%)"_s);
    QCOMPARE(m_panel->shownFigures(u"use-it"_s), u"1 (50%)"_s);
    QCOMPARE(m_panel->shownFigures(u"never-heard"_s), u"0 (0%)"_s);
    QCOMPARE(m_panel->voterText(), u"Votes: 2"_s);
}

void TestPollPanel::ratingShowsOneToFiveWithTheAverage()
{
    m_panel->selectPoll(u"rating"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    for (const QString &rating : {u"5"_s, u"4"_s, u"4"_s, u"1"_s})
        vote(u"rating"_s, {rating});
    QTRY_COMPARE(m_panel->voterText(), u"Votes: 4 · average 3.5"_s);
    QCOMPARE(m_panel->shownCount(u"4"_s), 2);
    QCOMPARE(m_panel->shownAnswers(), QStringList({u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s}));
    QCOMPARE(m_panel->shownFigures(u"1"_s), u"1 (25%)"_s);
    QCOMPARE(m_panel->shownFigures(u"4"_s), u"2 (50%)"_s);
    QCOMPARE(m_panel->shownCount(u"2"_s), 0);
    QCOMPARE(m_panel->answerLabel(u"1"_s)->text(), u"1 — hope"_s);
    QCOMPARE(m_panel->answerLabel(u"5"_s)->text(), u"5 — typed and tested"_s);
    QCOMPARE(m_panel->voterText(), u"Votes: 4 · average 3.5"_s);

    resizeProjector({1280, 720});
    QTest::keyClick(m_console, Qt::Key_R);
    PollChart *chart = m_projector->pollChart();
    QVERIFY(chart->isVisible());
    QCOMPARE(chart->shownAnswers(), QStringList({u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s}));
    saveScreenshot(m_projector, u"projector-chart-rating.png"_s);
}

void TestPollPanel::openButtonOpensClosesAndReopens()
{
    QPushButton *button = m_panel->openButton();
    QCOMPARE(button->text(), u"Open voting"_s);
    QVERIFY(!m_panel->revealButton()->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
    QCOMPARE(button->text(), u"Close voting"_s);
    QVERIFY(m_panel->revealButton()->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Closed);
    QCOMPARE(button->text(), u"Reopen voting"_s);
    QCOMPARE(m_panel->stateText(), u"Closed"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
    QCOMPARE(m_panel->errorText(), QString());
}

void TestPollPanel::keyVOpensClosesAndReopens()
{
    // Whatever tab the speaker looks at, `v` works and brings the poll panel up.
    m_console->sideTabs()->setCurrentIndex(0);
    QTest::keyClick(m_console, Qt::Key_V);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
    QCOMPARE(m_console->sideTabs()->currentWidget(), m_panel);
    QTest::keyClick(m_projector, Qt::Key_V);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Closed);
    QTest::keyClick(m_console, Qt::Key_V);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
    // The poll picked in the list is the one `v` acts on; opening it closes the other.
    m_panel->selectPoll(u"words"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    QCOMPARE(stateOf(u"words"_s), PollState::Open);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Closed);
}

void TestPollPanel::keyRRevealsAndHidesTheChartOnTheProjector()
{
    QTest::keyClick(m_console, Qt::Key_V);
    vote(u"uses-uv"_s, {u"no"_s});
    PollChart *chart = m_projector->pollChart();
    QVERIFY(chart);
    QVERIFY(!chart->isVisible());
    auto *badge = m_console->findChild<QLabel *>(u"chartBadge"_s);
    QVERIFY(!badge->isVisible());

    QTest::keyClick(m_console, Qt::Key_R);
    QVERIFY(isRevealed(u"uses-uv"_s));
    QVERIFY(chart->isVisible());
    QCOMPARE(chart->question(), u"Do you use uv?"_s);
    QCOMPARE(chart->shownAnswers(), QStringList({u"Yes"_s, u"No"_s, u"What is uv?"_s}));
    QVERIFY(badge->isVisible());
    QVERIFY(m_panel->findChild<QLabel *>(u"pollRevealed"_s)->isVisible());
    QCOMPARE(m_panel->revealButton()->text(), u"Hide results"_s);

    QTest::keyClick(m_projector, Qt::Key_R);
    QVERIFY(!isRevealed(u"uses-uv"_s));
    QVERIFY(!chart->isVisible());
    QVERIFY(!badge->isVisible());
}

void TestPollPanel::revealButtonShowsTheChartOverTheSlide()
{
    resizeProjector({960, 540}); // a 4:3 slide fills the height of this 16:9 window
    QTRY_COMPARE(m_projector->slideView()->shownImagePage(), 0);
    const QPoint probe(m_projector->width() / 2, m_projector->height() * 19 / 20);
    QTRY_VERIFY(brightness(m_projector->grab().toImage(), probe) > 100); // the bright slide

    QTest::mouseClick(m_panel->openButton(), Qt::LeftButton);
    vote(u"uses-uv"_s, {u"yes"_s});
    QTest::mouseClick(m_panel->revealButton(), Qt::LeftButton);
    QVERIFY(m_projector->pollChart()->isVisible());
    const QImage withChart = m_projector->grab().toImage();
    saveScreenshot(m_projector, u"projector-chart-choice.png"_s);
    QVERIFY(brightness(withChart, probe) < 40); // the chart's near-black background covers the slide
    // The question is drawn white across the top.
    bool whiteText = false;
    const int y0 = m_projector->height() / 20;
    for (int y = y0; y < y0 + m_projector->height() / 10 && !whiteText; ++y) {
        for (int x = 0; x < m_projector->width() / 2 && !whiteText; ++x)
            whiteText = brightness(withChart, {x, y}) > 230;
    }
    QVERIFY(whiteText);

    QTest::mouseClick(m_panel->revealButton(), Qt::LeftButton);
    QVERIFY(!m_projector->pollChart()->isVisible());
    QVERIFY(brightness(m_projector->grab().toImage(), probe) > 100);
}

void TestPollPanel::chartFollowsVotesWhileRevealed()
{
    m_panel->selectPoll(u"words"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    QTest::keyClick(m_console, Qt::Key_R);
    PollChart *chart = m_projector->pollChart();
    QVERIFY(chart->isVisible());
    QCOMPARE(chart->shownAnswers(), QStringList());
    vote(u"words"_s, {u"Flaky"_s});
    QTRY_COMPARE(chart->shownAnswers(), QStringList({u"flaky"_s}));
    vote(u"words"_s, {u"fast"_s});
    vote(u"words"_s, {u"FAST"_s});
    QTRY_COMPARE(chart->shownAnswers(), QStringList({u"fast"_s, u"flaky"_s}));

    // A fuller cloud: the frequent words come first and every word fits the screen.
    resizeProjector({1280, 720});
    const QStringList words = {u"green"_s,           u"slow"_s,   u"fast"_s,       u"reliable"_s,
                               u"mocked to death"_s, u"pytest"_s, u"hypothesis"_s, u"fine"_s,
                               u"green"_s,           u"fast"_s,   u"fast"_s};
    for (const QString &word : words)
        vote(u"words"_s, {word});
    QTRY_COMPARE(chart->shownAnswers().size(), 9);
    QCOMPARE(chart->shownAnswers().first(), u"fast"_s);
    saveScreenshot(m_projector, u"projector-chart-wordcloud.png"_s);
}

void TestPollPanel::hiddenWordCloudAnswersNeverReachTheChart()
{
    m_panel->selectPoll(u"words"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    vote(u"words"_s, {u"green"_s});
    vote(u"words"_s, {u"green"_s});
    vote(u"words"_s, {u"rude word"_s});
    QTRY_COMPARE(m_panel->shownAnswers(), QStringList({u"green"_s, u"rude word"_s}));
    QCOMPARE(m_panel->shownCount(u"green"_s), 2);

    // Hidden before the reveal: it never shows.
    QToolButton *hide = answerToggle(u"rude word"_s);
    QVERIFY(hide);
    QCOMPARE(hide->text(), u"Hide"_s);
    hide->click();
    QTRY_COMPARE(m_panel->shownHiddenAnswers(), QStringList({u"rude word"_s}));
    QCOMPARE(m_panel->shownAnswers(), QStringList({u"green"_s}));
    QTest::keyClick(m_console, Qt::Key_R);
    PollChart *chart = m_projector->pollChart();
    QVERIFY(chart->isVisible());
    QCOMPARE(chart->shownAnswers(), QStringList({u"green"_s}));

    // Shown again, then hidden while revealed: the chart follows.
    QToolButton *show = answerToggle(u"rude word"_s);
    QCOMPARE(show->text(), u"Show"_s);
    show->click();
    QTRY_COMPARE(chart->shownAnswers(), QStringList({u"green"_s, u"rude word"_s}));
    answerToggle(u"green"_s)->click();
    QTRY_COMPARE(chart->shownAnswers(), QStringList({u"rude word"_s}));
    QCOMPARE(m_panel->shownHiddenAnswers(), QStringList({u"green"_s}));
}

void TestPollPanel::openTextAnswersShowOnTheChartAsText()
{
    m_panel->selectPoll(u"feedback"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    vote(u"feedback"_s, {u"More about packaging"_s});
    vote(u"feedback"_s, {u"Nix flakes, please"_s});
    vote(u"feedback"_s, {u"Nix flakes, please"_s});
    QTest::keyClick(m_console, Qt::Key_R);
    PollChart *chart = m_projector->pollChart();
    QTRY_COMPARE(chart->shownAnswers(), QStringList({u"Nix flakes, please"_s, u"More about packaging"_s}));
    resizeProjector({1280, 720});
    saveScreenshot(m_projector, u"projector-chart-opentext.png"_s);
    answerToggle(u"More about packaging"_s)->click();
    QTRY_COMPARE(chart->shownAnswers(), QStringList({u"Nix flakes, please"_s}));
}

void TestPollPanel::hostileAnswersShowLiterally()
{
    const QString markup = u"<b>bold</b> <img src=x onerror=alert(1)>"_s;
    m_panel->selectPoll(u"feedback"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    vote(u"feedback"_s, {markup});
    QTRY_VERIFY(m_panel->answerLabel(markup));
    QLabel *label = m_panel->answerLabel(markup);
    QCOMPARE(label->text(), markup);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    // Qt guesses whether a tooltip is rich text: what it would show must be the text as typed.
    QTextDocument toolTip;
    toolTip.setHtml(label->toolTip());
    QCOMPARE(toolTip.toPlainText(), markup);
    QTest::keyClick(m_console, Qt::Key_R);
    QCOMPARE(m_projector->pollChart()->shownAnswers(), QStringList({markup}));

    m_panel->selectPoll(u"words"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    vote(u"words"_s, {u"<b>Bold</b>"_s});
    QTRY_VERIFY(m_panel->answerLabel(u"<b>bold</b>"_s));
    QCOMPARE(m_panel->answerLabel(u"<b>bold</b>"_s)->textFormat(), Qt::PlainText);
    // Every label of the panel is plain text, whatever it shows.
    for (const QLabel *any : m_panel->findChildren<QLabel *>())
        QVERIFY2(any->textFormat() == Qt::PlainText, qPrintable(any->objectName()));
}

void TestPollPanel::burstOfResultChangesRepaintsThePanelOnce()
{
    QSignalSpy shown(m_panel, &PollPanel::resultsShown);
    for (int i = 0; i < 5; ++i)
        Q_EMIT m_core.polls->resultsChanged(u"uses-uv"_s);
    // The first change is drawn at once, the other four together when the 100 ms are over; not one per change.
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.constFirst().constFirst().toString(), u"uses-uv"_s);
    QVERIFY(shown.wait(1000));
    QCOMPARE(shown.size(), 2);
    QVERIFY(!shown.wait(300));
    QCOMPARE(shown.size(), 2);
    // Changes to a poll that is not shown draw nothing.
    Q_EMIT m_core.polls->resultsChanged(u"nix"_s);
    QVERIFY(!shown.wait(300));
}

void TestPollPanel::burstOfResultChangesRepaintsTheChartOnce()
{
    QTest::keyClick(m_console, Qt::Key_V);
    QTest::keyClick(m_console, Qt::Key_R);
    PollChart *chart = m_projector->pollChart();
    QVERIFY(chart->isVisible());
    QSignalSpy shown(chart, &PollChart::resultsShown);
    for (int i = 0; i < 5; ++i)
        Q_EMIT m_core.polls->resultsChanged(u"uses-uv"_s);
    QCOMPARE(shown.size(), 1); // the first at once
    QVERIFY(shown.wait(1000));
    QCOMPARE(shown.size(), 2); // the rest of the burst together
    QVERIFY(!shown.wait(300));
    QCOMPARE(shown.size(), 2);
}

void TestPollPanel::resetAsksFirst()
{
    QTest::keyClick(m_console, Qt::Key_V);
    vote(u"uses-uv"_s, {u"yes"_s});
    vote(u"uses-uv"_s, {u"no"_s});
    QTRY_COMPARE(m_panel->shownCount(u"yes"_s), 1);

    bool asked = false;
    QString question;
    onNextModal<QMessageBox>(
        [&question](QMessageBox *box) {
            question = box->text();
            box->button(QMessageBox::No)->click();
        },
        &asked);
    QTest::mouseClick(m_panel->resetButton(), Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(question, u"Delete the votes of “Do you use uv?”? Votes so far: 2"_s);
    QCOMPARE(m_core.polls->results(u"uses-uv"_s).value().voterCount, 2);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);

    asked = false;
    onNextModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); }, &asked);
    QTest::mouseClick(m_panel->resetButton(), Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(m_core.polls->results(u"uses-uv"_s).value().voterCount, 0);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Draft);
    QTRY_COMPARE(m_panel->shownCount(u"yes"_s), 0);
    QCOMPARE(m_panel->openButton()->text(), u"Open voting"_s);
}

void TestPollPanel::resetKeepsTheResetPollPicked()
{
    QVERIFY(m_core.polls->open(u"nix"_s));
    QVERIFY(m_core.polls->close(u"nix"_s));
    m_panel->selectPoll(u"uses-uv"_s);
    QTest::keyClick(m_console, Qt::Key_V);
    vote(u"uses-uv"_s, {u"yes"_s});
    m_panel->setResetConfirmation(
        [](QWidget *, const Poll &poll, int voterCount) { return poll.id == u"uses-uv" && voterCount == 1; });
    QTest::mouseClick(m_panel->resetButton(), Qt::LeftButton);
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Draft);
    // The room now sees "nix" again (the poll opened last), but the speaker stays on the poll they reset.
    QCOMPARE(m_core.polls->currentPollId().value(), std::optional<QString>(u"nix"_s));
    QCOMPARE(m_panel->selectedPollId(), u"uses-uv"_s);
    QCOMPARE(m_panel->shownCount(u"yes"_s), 0);
}

void TestPollPanel::offeredPollShowsAPromptWithAnOpenButton()
{
    QCOMPARE(m_panel->offerText(), QString());
    QSignalSpy offered(m_core.polls.get(), &LivePolls::pollOffered);
    m_core.event->goToPage(3); // slide label "3"
    QCOMPARE(offered.size(), 1);
    QCOMPARE(m_panel->offerText(), u"This slide has a poll: open “Tabs or spaces?”?"_s);
    QCOMPARE(m_panel->selectedPollId(), u"offered"_s);
    QCOMPARE(m_console->sideTabs()->currentWidget(), m_panel);

    auto *open = m_panel->findChild<QPushButton *>(u"pollOfferOpen"_s);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(stateOf(u"offered"_s), PollState::Open);
    QCOMPARE(m_panel->offerText(), QString());
}

void TestPollPanel::newPollDialogCreatesAndSelectsThePoll()
{
    bool seen = false;
    onNextModal<PollEditor>(
        [](PollEditor *editor) {
            editor->questionEdit()->setText(u"Which Python?"_s);
            editor->kindBox()->setCurrentIndex(editor->kindBox()->findData(int(Poll::Kind::MultipleChoice)));
            editor->optionsEdit()->setPlainText(u"3.12\n\n3.13\n  3.14  \n"_s);
            editor->maxChoicesBox()->setValue(2);
            saveScreenshot(editor, u"console-new-poll.png"_s);
            editor->findChild<QPushButton *>(u"pollCreate"_s)->click();
        },
        &seen);
    QTest::mouseClick(m_panel->newPollButton(), Qt::LeftButton);
    QVERIFY(seen);
    QCOMPARE(m_core.polls->polls().size(), 7);
    const Poll created = m_core.polls->polls().constLast();
    QCOMPARE(created.question, u"Which Python?"_s);
    QCOMPARE(created.kind, Poll::Kind::MultipleChoice);
    QCOMPARE(created.maxChoices, 2);
    QCOMPARE(created.options.size(), 3);
    QCOMPARE(created.options.at(2).label, u"3.14"_s);
    QCOMPARE(m_panel->selectedPollId(), created.id);
    QCOMPARE(m_panel->pollList()->count(), 7);
    QCOMPARE(m_panel->stateText(), u"Draft"_s);
    QCOMPARE(m_panel->shownAnswers(), QStringList({u"option-1"_s, u"option-2"_s, u"option-3"_s}));
}

void TestPollPanel::newPollDialogNamesTheFieldToFix_data()
{
    QTest::addColumn<QString>("question");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no question") << u"  "_s << int(Poll::Kind::WordCloud) << QString()
                                 << u"Question: The poll has no question"_s;
    QTest::newRow("one option") << u"Yes?"_s << int(Poll::Kind::SingleChoice) << u"Yes"_s
                                << u"A single-choice poll needs at least two options"_s;
    QTest::newRow("same option twice") << u"Yes?"_s << int(Poll::Kind::SingleChoice) << u"Yes\nNo\nYes"_s
                                       << u"Option 3: Another option already says \"Yes\""_s;
    QTest::newRow("options of a rating are ignored")
        << u"Rate it"_s << int(Poll::Kind::Rating) << u"a\nb"_s << QString();
}

void TestPollPanel::newPollDialogNamesTheFieldToFix()
{
    QFETCH(QString, question);
    QFETCH(int, kind);
    QFETCH(QString, options);
    QFETCH(QString, expected);
    int created = 0;
    PollEditor editor(
        [&](const Poll &poll) -> Result<QString> {
            ++created;
            return m_core.polls->createPoll(poll);
        },
        m_console);
    editor.questionEdit()->setText(question);
    editor.kindBox()->setCurrentIndex(editor.kindBox()->findData(kind));
    editor.optionsEdit()->setPlainText(options);
    editor.show();
    editor.findChild<QPushButton *>(u"pollCreate"_s)->click();
    QCOMPARE(editor.errorText(), expected);
    QCOMPARE(created, expected.isEmpty() ? 1 : 0);
    QCOMPARE(editor.result(), expected.isEmpty() ? int(QDialog::Accepted) : int(QDialog::Rejected));
    QCOMPARE(editor.isVisible(), !expected.isEmpty());
}

void TestPollPanel::commandErrorsShowInThePanel()
{
    // Revealing a draft cannot work: the panel says why.
    QTest::keyClick(m_console, Qt::Key_R);
    QVERIFY2(m_panel->errorText().contains(u"before it has been opened"_s), qPrintable(m_panel->errorText()));
    // The next command that works clears it.
    QTest::keyClick(m_console, Qt::Key_V);
    QCOMPARE(m_panel->errorText(), QString());

    Q_EMIT m_core.polls->votesFailed(u"The vote could not be saved; please send it again. (disk full)"_s);
    QCOMPARE(m_panel->errorText(), u"The vote could not be saved; please send it again. (disk full)"_s);
    m_console->sideTabs()->setCurrentIndex(0);
    Q_EMIT m_core.event->pollsFailed(u"Cannot load the polls of session 1: database is locked"_s);
    QCOMPARE(m_panel->errorText(), u"Cannot load the polls of session 1: database is locked"_s);
    QCOMPARE(m_console->sideTabs()->currentWidget(), m_panel);
}

void TestPollPanel::joinKeyShowsTheCardWithTheQrCode()
{
    ServerPanel *serverPanel = m_console->serverPanel();
    QVERIFY(serverPanel);
    serverPanel->setServing(true);
    QVERIFY2(m_core.server->isListening(), qPrintable(serverPanel->stateText()));

    JoinCard *card = m_projector->joinCard();
    QVERIFY(!card->isVisible());
    QTest::keyClick(m_console, Qt::Key_J);
    QVERIFY(m_core.event->isJoinCardShown());
    QVERIFY(card->isVisible());
    QVERIFY(m_console->findChild<QLabel *>(u"joinCardBadge"_s)->isVisible());

    const QString url = m_core.server->joinUrl(QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(card->url(), url);
    QCOMPARE(card->roomCode(), m_core.room->roomCode());
    QVERIFY(url.endsWith(u"/j/"_s + m_core.room->roomCode()));
    QCOMPARE(card->message(), QString());
    const Result<QrCode> expected = QrCode::encode(url);
    QVERIFY(expected);
    QCOMPARE(card->qrImage(), expected->toImage(1));
    QCOMPARE(serverPanel->qrImage(), expected->toImage(1));

    // The card is drawn black on white over the slide, the QR code on its left.
    resizeProjector({1280, 720});
    saveScreenshot(m_projector, u"projector-joincard.png"_s);
    const QImage shown = m_projector->grab().toImage();
    QCOMPARE(brightness(shown, {2, 2}), 255);
    int dark = 0;
    for (int x = 0; x < shown.width() / 2; ++x)
        dark += brightness(shown, {x, shown.height() / 2}) < 50 ? 1 : 0;
    QVERIFY2(dark > 20, "no QR modules across the card's left half");

    QTest::keyClick(m_projector, Qt::Key_J);
    QVERIFY(!m_core.event->isJoinCardShown());
    QVERIFY(!card->isVisible());
}

void TestPollPanel::joinCardSaysWhenPhonesCannotJoin()
{
    QTest::keyClick(m_console, Qt::Key_J);
    JoinCard *card = m_projector->joinCard();
    QVERIFY(card->isVisible());
    QCOMPARE(card->url(), QString());
    QVERIFY(card->qrImage().isNull());
    QVERIFY2(card->message().contains(u"server is off"_s), qPrintable(card->message()));
    // Starting the server updates the card on screen.
    m_console->serverPanel()->setServing(true);
    QVERIFY(!card->url().isEmpty());
    QVERIFY(!card->qrImage().isNull());
    m_console->serverPanel()->setServing(false);
    QCOMPARE(card->url(), QString());
    QVERIFY(card->message().contains(u"server is off"_s));
}

void TestPollPanel::escapeClosesJoinCardThenChartThenUnblanks()
{
    QTest::keyClick(m_console, Qt::Key_V);
    QTest::keyClick(m_console, Qt::Key_R);
    QTest::keyClick(m_console, Qt::Key_J);
    QTest::keyClick(m_console, Qt::Key_B);
    PollChart *chart = m_projector->pollChart();
    JoinCard *card = m_projector->joinCard();
    QVERIFY(card->isVisible());
    QVERIFY(chart->isVisible());
    QVERIFY(m_core.event->isBlanked());

    QTest::keyClick(m_console, Qt::Key_Escape);
    QVERIFY(!card->isVisible());
    QVERIFY(chart->isVisible());
    QVERIFY(m_core.event->isBlanked());

    QTest::keyClick(m_projector, Qt::Key_Escape);
    QVERIFY(!chart->isVisible());
    QVERIFY(!isRevealed(u"uses-uv"_s));
    QCOMPARE(stateOf(u"uses-uv"_s), PollState::Open);
    QVERIFY(m_core.event->isBlanked());

    QTest::keyClick(m_console, Qt::Key_Escape);
    QVERIFY(!m_core.event->isBlanked());
}

void TestPollPanel::helpListsThePollKeys()
{
    QTest::keyClick(m_console, Qt::Key_F1);
    QStringList rows;
    for (const QLabel *label : m_console->helpOverlay()->findChildren<QLabel *>(u"helpKeys"_s))
        rows.append(label->text());
    for (const QString &key : {u"V"_s, u"R"_s, u"J"_s})
        QVERIFY2(rows.contains(key), qPrintable(rows.join(u" | "_s)));
    QVERIFY(KeyMap::defaults().actionFor(QKeySequence(Qt::Key_J)) == KeyAction::JoinCard);
}

void TestPollPanel::consoleWithPollsFitsALaptopScreen()
{
    m_console->showNormal();
    m_console->resize(1280, 800);
    QTest::keyClick(m_console, Qt::Key_V);
    vote(u"uses-uv"_s, {u"yes"_s});
    vote(u"uses-uv"_s, {u"what-is-uv"_s});
    QTRY_COMPARE(m_panel->shownCount(u"yes"_s), 1);
    QTRY_COMPARE(m_console->size(), QSize(1280, 800));
    QVERIFY(m_console->minimumSizeHint().width() <= 1280);
    QVERIFY(m_console->minimumSizeHint().height() <= 800);
    // Every button of the panel shows its whole text.
    for (QPushButton *button : m_panel->findChildren<QPushButton *>()) {
        if (button->isVisible())
            QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(button->text()));
    }
    saveScreenshot(m_console, u"console-poll.png"_s);
    m_console->sideTabs()->setCurrentWidget(m_console->serverPanel());
    m_console->serverPanel()->setServing(true);
    saveScreenshot(m_console, u"console-phones.png"_s);
}

QTEST_MAIN(TestPollPanel)
#include "tst_pollpanel.moc"
