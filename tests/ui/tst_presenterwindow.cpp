// The presenter console and its keys, driven with QTest::keyClick on the real widgets (offscreen).

#include "event/liveevent.h"
#include "gotooverlay.h"
#include "helpoverlay.h"
#include "keymap.h"
#include "overviewgrid.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "slides/rendercache.h"
#include "slideview.h"
#include "testpdf.h"
#include "uitestdeck.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>

using namespace Lectern;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/** Everything the console's state consists of, to check that a key changed nothing. */
struct Snapshot
{
    int page;
    int projectorPage;
    bool blanked;
    bool frozen;
    bool timerStarted;
    bool timerPaused;
    QWidget *overlay;
    bool swapped;
    friend bool operator==(const Snapshot &, const Snapshot &) = default;
};

/** Answers the next QMessageBox that opens with the given button. */
void answerNextMessageBox(QMessageBox::StandardButton answer, bool *seen)
{
    auto *poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *seen = true;
        poll->stop();
        poll->deleteLater();
        box->button(answer)->click();
    });
    poll->start();
}

} // namespace

class TestPresenterWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void navigationKeysMovePages_data();
    void navigationKeysMovePages();
    void blankKeysToggleTheProjectorBlack_data();
    void blankKeysToggleTheProjectorBlack();
    void freezeKeysHoldTheProjectorWhileConsoleMoves_data();
    void freezeKeysHoldTheProjectorWhileConsoleMoves();
    void timerKeysStartPauseAndReset();
    void swapKeySwapsTheWindows();
    void reloadKeyReloadsTheEditedDeck();
    void failedReloadShowsDismissableBanner();
    void successfulReloadClearsTheReloadError();
    void newDeckWarningReplacesTheOldDecksWarning();
    void goToKeyOpensBoxAndEnterGoesToSlide();
    void goToOutOfRangeShowsErrorAndStaysOpen();
    void keysTypedIntoGoToFieldDoNotNavigate();
    void tabInGoToBoxKeepsTheFocusInTheBox();
    void overviewKeysOpenGridAndArrowsPickSlide_data();
    void overviewKeysOpenGridAndArrowsPickSlide();
    void overviewShowsLastStepOfEachVisibleSlide();
    void overviewThumbnailClickGoesToSlide();
    void overviewCurrentMarkFollowsSlideChanges();
    void helpKeysToggleKeyTable_data();
    void helpKeysToggleKeyTable();
    void escapeClosesTopOverlayFirstThenUnblanksAndUnfreezes();
    void quitKeyAsksFirst();
    void sessionKeysInAOneSessionEventChangeNothing_data();
    void sessionKeysInAOneSessionEventChangeNothing();
    void keysWorkWithFocusOnNotesPanel();
    void keysOnAButtonMoveSlidesInsteadOfClickingIt();
    void keysWorkInProjectorWindow();
    void questionKeysWithoutAudienceFeaturesSayWhyInTheStatusBar();
    void openKeyPutsTheChosenDeckOnStage();
    void openingABrokenDeckKeepsTheDeckAndNamesFileAndReason();
    void openingAnEncryptedDeckAsksForThePassword();
    void ofTwoOpensInFlightOnlyTheNewestGoesOnStage();
    void successfulOpenClearsTheOpenError();

    void slideCounterCountsSlidesByLabel();
    void nextPreviewShowsNextSlideNotNextOverlayStep();
    void nextPreviewShowsEndOfDeckAfterLastSlide();
    void notesShowHtmlLiterally();
    void notesRenderMarkdown();
    void notesFollowTheSidecarsDisableMarkdown_data();
    void notesFollowTheSidecarsDisableMarkdown();
    void emptyNotesSayNoNotes();
    void timerShowsPhasesWarningAndOvertime();
    void paceHintComparesSlideWithTime();
    void wallClockShowsInjectedTime();
    void blankedAndFrozenIndicatorsFollowState();
    void malformedSidecarWarningShowsInBanner();

private:
    Snapshot snapshot() const;
    void present(const QString &deckPath);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_deckPath;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<LiveEvent> m_event;
    std::unique_ptr<RenderCache> m_cache;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
};

void TestPresenterWindow::present(const QString &deckPath)
{
    auto deck = SlideDeck::open(deckPath);
    QVERIFY2(deck, qPrintable(deck ? QString() : deck.error().message));
    Session session;
    session.title = u"Typed settings in a Django monolith"_s;
    session.deckPath = deckPath;
    m_event->present(session, *deck);
}

void TestPresenterWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_deckPath = m_dir->filePath(u"talk.pdf"_s);
    QVERIFY(LecternUiTest::writeConsoleDeck(m_deckPath));
    m_clock = std::make_unique<ManualClock>();
    m_event = std::make_unique<LiveEvent>(*m_clock);
    m_cache = std::make_unique<RenderCache>();
    present(m_deckPath);
    m_presentation = std::make_unique<Presentation>(*m_event, *m_cache, KeyMap::defaults());
    m_console = m_presentation->console();
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
    QVERIFY(QTest::qWaitForWindowExposed(m_presentation->projector()));
}

void TestPresenterWindow::cleanup()
{
    m_console = nullptr;
    m_presentation.reset();
    m_cache.reset();
    m_event.reset();
    m_clock.reset();
    m_dir.reset();
}

Snapshot TestPresenterWindow::snapshot() const
{
    return {m_event->currentPage(),  m_event->projectorPage(),     m_event->isBlanked(),
            m_event->isFrozen(),     m_event->clock().isStarted(), m_event->clock().isPaused(),
            m_console->topOverlay(), m_presentation->isSwapped()};
}

void TestPresenterWindow::navigationKeysMovePages_data()
{
    QTest::addColumn<int>("startPage");
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("expectedPage");

    QTest::newRow("Right goes to the next page") << 0 << int(Qt::Key_Right) << 1;
    QTest::newRow("Down goes to the next page") << 0 << int(Qt::Key_Down) << 1;
    QTest::newRow("PageDown (clicker) goes to the next page") << 0 << int(Qt::Key_PageDown) << 1;
    QTest::newRow("Space goes to the next page") << 0 << int(Qt::Key_Space) << 1;
    QTest::newRow("Return goes to the next page") << 0 << int(Qt::Key_Return) << 1;
    QTest::newRow("keypad Enter goes to the next page") << 0 << int(Qt::Key_Enter) << 1;
    QTest::newRow("Right steps into an overlay") << 1 << int(Qt::Key_Right) << 2;
    QTest::newRow("Right skips a hidden page") << 3 << int(Qt::Key_Right) << 5;
    QTest::newRow("Left goes to the previous page") << 2 << int(Qt::Key_Left) << 1;
    QTest::newRow("Up goes to the previous page") << 2 << int(Qt::Key_Up) << 1;
    QTest::newRow("PageUp (clicker) goes to the previous page") << 2 << int(Qt::Key_PageUp) << 1;
    QTest::newRow("Backspace goes to the previous page") << 2 << int(Qt::Key_Backspace) << 1;
    QTest::newRow("Left skips a hidden page") << 5 << int(Qt::Key_Left) << 3;
    QTest::newRow("Home goes to the first page") << 3 << int(Qt::Key_Home) << 0;
    QTest::newRow("End goes to the last visible page") << 0 << int(Qt::Key_End) << 5;
}

void TestPresenterWindow::navigationKeysMovePages()
{
    QFETCH(int, startPage);
    QFETCH(int, key);
    QFETCH(int, expectedPage);
    m_event->goToPage(startPage);
    QCOMPARE(m_event->currentPage(), startPage);
    QTest::keyClick(m_console, Qt::Key(key), key == Qt::Key_Enter ? Qt::KeypadModifier : Qt::NoModifier);
    QCOMPARE(m_event->currentPage(), expectedPage);
    QCOMPARE(m_console->currentSlideView()->page(), expectedPage);
    QCOMPARE(m_presentation->projector()->slideView()->page(), expectedPage);
}

void TestPresenterWindow::blankKeysToggleTheProjectorBlack_data()
{
    QTest::addColumn<int>("key");
    QTest::newRow("b") << int(Qt::Key_B);
    QTest::newRow(". (clicker)") << int(Qt::Key_Period);
}

void TestPresenterWindow::blankKeysToggleTheProjectorBlack()
{
    QFETCH(int, key);
    QTest::keyClick(m_console, Qt::Key(key));
    QVERIFY(m_event->isBlanked());
    QVERIFY(m_presentation->projector()->slideView()->isBlanked());
    QVERIFY(!m_console->currentSlideView()->isBlanked());
    QTest::keyClick(m_console, Qt::Key(key));
    QVERIFY(!m_event->isBlanked());
    QVERIFY(!m_presentation->projector()->slideView()->isBlanked());
}

void TestPresenterWindow::freezeKeysHoldTheProjectorWhileConsoleMoves_data()
{
    QTest::addColumn<int>("key");
    QTest::newRow("f") << int(Qt::Key_F);
    QTest::newRow("F5 (clicker)") << int(Qt::Key_F5);
}

void TestPresenterWindow::freezeKeysHoldTheProjectorWhileConsoleMoves()
{
    QFETCH(int, key);
    QTest::keyClick(m_console, Qt::Key(key));
    QVERIFY(m_event->isFrozen());
    QTest::keyClick(m_console, Qt::Key_Right);
    QCOMPARE(m_event->currentPage(), 1);
    QCOMPARE(m_console->currentSlideView()->page(), 1);
    QCOMPARE(m_presentation->projector()->slideView()->page(), 0);
    QTest::keyClick(m_console, Qt::Key(key));
    QVERIFY(!m_event->isFrozen());
    QCOMPARE(m_presentation->projector()->slideView()->page(), 1);
}

void TestPresenterWindow::timerKeysStartPauseAndReset()
{
    QVERIFY(!m_event->clock().isStarted());
    QTest::keyClick(m_console, Qt::Key_S);
    QVERIFY(m_event->clock().isStarted());
    QVERIFY(!m_event->clock().isPaused());
    QTest::keyClick(m_console, Qt::Key_P);
    QVERIFY(m_event->clock().isPaused());
    QTest::keyClick(m_console, Qt::Key_P);
    QVERIFY(!m_event->clock().isPaused());
    QTest::keyClick(m_console, Qt::Key_T, Qt::ControlModifier);
    QVERIFY(!m_event->clock().isStarted());
}

void TestPresenterWindow::swapKeySwapsTheWindows()
{
    const QRect consoleBefore = m_presentation->placement()->console.geometry;
    const QRect projectorBefore = m_presentation->placement()->projector.geometry;
    QTest::keyClick(m_console, Qt::Key_X);
    QVERIFY(m_presentation->isSwapped());
    QCOMPARE(m_presentation->placement()->console.geometry, projectorBefore);
    QCOMPARE(m_presentation->placement()->projector.geometry, consoleBefore);
    QTest::keyClick(m_console, Qt::Key_X);
    QVERIFY(!m_presentation->isSwapped());
    QCOMPARE(m_presentation->placement()->console.geometry, consoleBefore);
}

void TestPresenterWindow::reloadKeyReloadsTheEditedDeck()
{
    m_event->goToPage(3);
    SlideView *view = m_console->currentSlideView();
    QTRY_COMPARE(view->shownImagePage(), 3);
    const QSize oldImageSize = view->shownImage().size();
    QSignalSpy framePainted(view, &SlideView::framePainted);

    // The edited deck has wide pages instead of 4:3 ones, so its images have another shape.
    QVERIFY(LecternUiTest::writeDeck(m_deckPath, 9, QSizeF(1280, 540)));
    QSignalSpy deckChanged(m_event.get(), &LiveEvent::deckChanged);
    QTest::keyClick(m_console, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(deckChanged.wait(10000));
    QCOMPARE(m_event->deck()->pageCount(), 9);
    QCOMPARE(m_event->currentPage(), 3);

    // Until the new page is rendered the old image may stay on screen, but not as the current page.
    framePainted.clear();
    QTRY_COMPARE(view->shownImagePage(), 3);
    const QSize newImageSize = view->shownImage().size();
    QCOMPARE(newImageSize, m_cache->fittedSize(3, view->requestedPixelSize()));
    QVERIFY(newImageSize != oldImageSize);
    QTRY_VERIFY(!framePainted.isEmpty());
    QCOMPARE(view->shownImage().size(), newImageSize);
}

void TestPresenterWindow::failedReloadShowsDismissableBanner()
{
    QVERIFY(m_console->bannerText().isEmpty());
    QVERIFY(LecternUiTest::writeFile(m_deckPath, "this is not a PDF any more"));
    QSignalSpy failed(m_event.get(), &LiveEvent::deckReloadFailed);
    QTest::keyClick(m_console, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(failed.wait(10000));
    QCOMPARE(m_console->bannerText(), failed.first().first().toString());
    QCOMPARE(m_event->deck()->pageCount(), 6);
    auto *banner = m_console->findChild<QWidget *>(u"banner"_s);
    QVERIFY(banner->isVisible());
    QTest::mouseClick(m_console->findChild<QToolButton *>(u"bannerClose"_s), Qt::LeftButton);
    QVERIFY(!banner->isVisible());
    QVERIFY(m_console->bannerText().isEmpty());
}

void TestPresenterWindow::successfulReloadClearsTheReloadError()
{
    m_console->showBanner(u"An unrelated message"_s);
    QVERIFY(LecternUiTest::writeFile(m_deckPath, "this is not a PDF any more"));
    QSignalSpy failed(m_event.get(), &LiveEvent::deckReloadFailed);
    QTest::keyClick(m_console, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(failed.wait(10000));
    const QString error = failed.last().first().toString();
    QVERIFY2(m_console->bannerText().contains(error), qPrintable(m_console->bannerText()));

    // The speaker fixes the file: the reload that works takes the error away, not the other message.
    QVERIFY(LecternUiTest::writeConsoleDeck(m_deckPath));
    QSignalSpy changed(m_event.get(), &LiveEvent::deckChanged);
    QTest::keyClick(m_console, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(changed.wait(10000));
    QTRY_COMPARE(m_console->bannerText(), u"An unrelated message"_s);

    m_console->dismissBanner();
    QVERIFY(m_console->bannerText().isEmpty());
    QTest::keyClick(m_console, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(changed.wait(10000));
    QVERIFY(!m_console->findChild<QWidget *>(u"banner"_s)->isVisible());
}

void TestPresenterWindow::newDeckWarningReplacesTheOldDecksWarning()
{
    const QString firstPath = m_dir->filePath(u"first.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(firstPath, 2));
    QVERIFY(LecternUiTest::writeFile(m_dir->filePath(u"first.pdfpc"_s), "{\"pages\": [ {\"idx\": 0,"));
    present(firstPath);
    const QString firstWarning = m_event->deck()->pdfpcWarning();
    QVERIFY(!firstWarning.isEmpty());
    QCOMPARE(m_console->bannerText(), firstWarning);
    m_console->showBanner(u"An unrelated message"_s);

    const QString secondPath = m_dir->filePath(u"second.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(secondPath, 2));
    QVERIFY(LecternUiTest::writeFile(m_dir->filePath(u"second.pdfpc"_s), "[ not an object"));
    present(secondPath);
    const QString secondWarning = m_event->deck()->pdfpcWarning();
    QVERIFY(!secondWarning.isEmpty());
    QVERIFY(secondWarning != firstWarning);
    QCOMPARE(m_console->bannerText(), u"An unrelated message\n"_s + secondWarning);

    // A deck without a warning takes the last one's away.
    present(m_deckPath);
    QCOMPARE(m_console->bannerText(), u"An unrelated message"_s);
}

void TestPresenterWindow::goToKeyOpensBoxAndEnterGoesToSlide()
{
    QTest::keyClick(m_console, Qt::Key_G);
    GoToOverlay *goTo = m_console->goToOverlay();
    QVERIFY(goTo->isVisible());
    QCOMPARE(m_console->topOverlay(), goTo);
    QCOMPARE(m_console->focusWidget(), goTo->input());
    QVERIFY(goTo->input()->text().isEmpty());
    QTest::keyClicks(goTo->input(), u"3"_s);
    QTest::keyClick(goTo->input(), Qt::Key_Return);
    QCOMPARE(m_event->currentPage(), 3);
    QVERIFY(!goTo->isVisible());
    QCOMPARE(m_console->topOverlay(), nullptr);
    // The focus left the box: the next key navigates again.
    QTest::keyClick(m_console->focusWidget() ? m_console->focusWidget() : m_console, Qt::Key_Right);
    QCOMPARE(m_event->currentPage(), 5);
}

void TestPresenterWindow::goToOutOfRangeShowsErrorAndStaysOpen()
{
    QTest::keyClick(m_console, Qt::Key_G);
    GoToOverlay *goTo = m_console->goToOverlay();
    QTest::keyClicks(goTo->input(), u"9"_s);
    QTest::keyClick(goTo->input(), Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(m_event->currentPage(), 0);
    QVERIFY(goTo->isVisible());
    QVERIFY2(goTo->errorText().contains(u"9"_s), qPrintable(goTo->errorText()));
    QTest::keyClick(goTo->input(), Qt::Key_Return);
    QVERIFY(goTo->isVisible());
    QTest::keyClick(goTo->input(), Qt::Key_Escape);
    QVERIFY(!goTo->isVisible());
    QCOMPARE(m_event->currentPage(), 0);
    QVERIFY(!m_event->isBlanked());
}

void TestPresenterWindow::keysTypedIntoGoToFieldDoNotNavigate()
{
    m_event->goToPage(1);
    QTest::keyClick(m_console, Qt::Key_G);
    QLineEdit *input = m_console->goToOverlay()->input();
    const Snapshot before = snapshot();
    for (Qt::Key key :
         {Qt::Key_2, Qt::Key_Right, Qt::Key_Left, Qt::Key_Space, Qt::Key_Home, Qt::Key_End, Qt::Key_B, Qt::Key_Period,
          Qt::Key_F, Qt::Key_S, Qt::Key_X, Qt::Key_Tab, Qt::Key_O, Qt::Key_Backspace, Qt::Key_4})
        QTest::keyClick(input, key);
    QCOMPARE(snapshot(), before);
    QCOMPARE(input->text(), u"4"_s);
}

void TestPresenterWindow::tabInGoToBoxKeepsTheFocusInTheBox()
{
    m_console->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_console));
    // Keys go where a person's keys go: to the focus widget, whichever it is after each key.
    const auto press = [](Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        QTest::keyClick(focus, key, modifiers);
    };
    press(Qt::Key_G);
    QLineEdit *input = m_console->goToOverlay()->input();
    QCOMPARE(QApplication::focusWidget(), input);
    const Snapshot before = snapshot();

    press(Qt::Key_3);
    press(Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), input);
    press(Qt::Key_Backtab, Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), input);
    press(Qt::Key_Tab, Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), input);
    press(Qt::Key_Right);
    press(Qt::Key_B);
    QCOMPARE(snapshot(), before);
    QCOMPARE(input->text(), u"3"_s);

    press(Qt::Key_Return);
    QCOMPARE(m_event->currentPage(), 3);
    QCOMPARE(m_console->topOverlay(), nullptr);
}

void TestPresenterWindow::overviewKeysOpenGridAndArrowsPickSlide_data()
{
    QTest::addColumn<int>("key");
    QTest::newRow("Tab") << int(Qt::Key_Tab);
    QTest::newRow("o") << int(Qt::Key_O);
}

void TestPresenterWindow::overviewKeysOpenGridAndArrowsPickSlide()
{
    QFETCH(int, key);
    m_event->goToPage(2); // slide 2, second overlay step
    QTest::keyClick(m_console, Qt::Key(key));
    OverviewGrid *overview = m_console->overview();
    QVERIFY(overview->isVisible());
    QCOMPARE(m_console->topOverlay(), overview);
    QCOMPARE(overview->selectedIndex(), 1);
    QTest::keyClick(m_console, Qt::Key_Right);
    QCOMPARE(overview->selectedIndex(), 2);
    QCOMPARE(m_event->currentPage(), 2); // arrows move the selection, not the slides
    QTest::keyClick(m_console, Qt::Key_End);
    QCOMPARE(overview->selectedIndex(), 3);
    QTest::keyClick(m_console, Qt::Key_Left);
    QCOMPARE(overview->selectedIndex(), 2);
    QTest::keyClick(m_console, Qt::Key_Return);
    QCOMPARE(m_event->currentPage(), 3);
    QVERIFY(!overview->isVisible());

    // The same key closes it again without moving.
    QTest::keyClick(m_console, Qt::Key(key));
    QVERIFY(overview->isVisible());
    QTest::keyClick(m_console, Qt::Key_Left);
    QTest::keyClick(m_console, Qt::Key(key));
    QVERIFY(!overview->isVisible());
    QCOMPARE(m_event->currentPage(), 3);
}

void TestPresenterWindow::overviewShowsLastStepOfEachVisibleSlide()
{
    QTest::keyClick(m_console, Qt::Key_Tab);
    OverviewGrid *overview = m_console->overview();
    QCOMPARE(overview->slideCount(), 4);
    QCOMPARE(overview->slidePages(), QList<int>({0, 2, 3, 5}));
    QCOMPARE(overview->selectedIndex(), 0);
    // Thumbnails render through the cache like any view.
    QTRY_VERIFY(!overview->thumbnail(1)->view()->shownImage().isNull());
    QCOMPARE(overview->thumbnail(1)->view()->shownImagePage(), 2);
}

void TestPresenterWindow::overviewThumbnailClickGoesToSlide()
{
    QTest::keyClick(m_console, Qt::Key_O);
    OverviewGrid *overview = m_console->overview();
    QTest::mouseClick(overview->thumbnail(3), Qt::LeftButton);
    QCOMPARE(m_event->currentPage(), 5);
    QVERIFY(!overview->isVisible());
}

void TestPresenterWindow::overviewCurrentMarkFollowsSlideChanges()
{
    QTest::keyClick(m_console, Qt::Key_Tab);
    OverviewGrid *overview = m_console->overview();
    QVERIFY(overview->isVisible());
    const auto currentMarks = [overview] {
        QList<int> marked;
        for (int i = 0; i < overview->slideCount(); ++i) {
            if (overview->thumbnail(i)->isMarkedCurrent())
                marked.append(i);
        }
        return marked;
    };
    QCOMPARE(currentMarks(), QList<int>({0}));

    // The talk moves on while the overview is open (a clicker on the projector, a later remote).
    m_event->goToPage(3);
    QCOMPARE(currentMarks(), QList<int>({2}));
    QCOMPARE(overview->selectedIndex(), 0);
    QVERIFY(overview->thumbnail(0)->isMarkedSelected());
    m_event->goToPage(2); // the second overlay step of slide 2
    QCOMPARE(currentMarks(), QList<int>({1}));
    m_event->last();
    QCOMPARE(currentMarks(), QList<int>({3}));
}

void TestPresenterWindow::helpKeysToggleKeyTable_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::newRow("?") << int(Qt::Key_Question) << int(Qt::ShiftModifier);
    QTest::newRow("F1") << int(Qt::Key_F1) << int(Qt::NoModifier);
}

void TestPresenterWindow::helpKeysToggleKeyTable()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QTest::keyClick(m_console, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    HelpOverlay *help = m_console->helpOverlay();
    QVERIFY(help->isVisible());
    QStringList keyTexts;
    for (const QLabel *label : help->findChildren<QLabel *>(u"helpKeys"_s))
        keyTexts.append(label->text());
    QStringList descriptions;
    for (const QLabel *label : help->findChildren<QLabel *>(u"helpDescription"_s))
        descriptions.append(label->text());
    const KeyMap keys = KeyMap::defaults();
    QCOMPARE(keyTexts.size(), keys.bindings().size());
    for (const KeyBinding &binding : keys.bindings()) {
        QVERIFY(keyTexts.contains(HelpOverlay::keyText(binding.keys)));
        QVERIFY(descriptions.contains(binding.description));
    }
    QVERIFY(keyTexts.join(u' ').contains(QKeySequence(Qt::CTRL | Qt::Key_Q).toString(QKeySequence::NativeText)));
    QTest::keyClick(m_console, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    QVERIFY(!help->isVisible());
}

void TestPresenterWindow::escapeClosesTopOverlayFirstThenUnblanksAndUnfreezes()
{
    QTest::keyClick(m_console, Qt::Key_B);
    QTest::keyClick(m_console, Qt::Key_F);
    QTest::keyClick(m_console, Qt::Key_F1);
    QTest::keyClick(m_console, Qt::Key_Tab);
    QCOMPARE(m_console->topOverlay(), m_console->overview());

    QTest::keyClick(m_console, Qt::Key_Escape);
    QCOMPARE(m_console->topOverlay(), m_console->helpOverlay());
    QVERIFY(!m_console->overview()->isVisible());
    QVERIFY(m_event->isBlanked());

    QTest::keyClick(m_console, Qt::Key_Escape);
    QCOMPARE(m_console->topOverlay(), nullptr);
    QVERIFY(!m_console->helpOverlay()->isVisible());
    QVERIFY(m_event->isBlanked());
    QVERIFY(m_event->isFrozen());

    QTest::keyClick(m_console, Qt::Key_Escape);
    QVERIFY(!m_event->isBlanked());
    QVERIFY(!m_event->isFrozen());
}

void TestPresenterWindow::quitKeyAsksFirst()
{
    QSignalSpy quit(m_console, &PresenterWindow::quitRequested);
    bool asked = false;
    answerNextMessageBox(QMessageBox::No, &asked);
    QTest::keyClick(m_console, Qt::Key_Q, Qt::ControlModifier);
    QVERIFY(asked);
    QCOMPARE(quit.size(), 0);
    QVERIFY(m_console->isVisible());

    asked = false;
    answerNextMessageBox(QMessageBox::Yes, &asked);
    QTest::keyClick(m_console, Qt::Key_Q, Qt::ControlModifier);
    QVERIFY(asked);
    QCOMPARE(quit.size(), 1);
    QVERIFY(!m_console->isVisible());
    QVERIFY(!m_presentation->projector()->isVisible());
}

void TestPresenterWindow::sessionKeysInAOneSessionEventChangeNothing_data()
{
    QTest::addColumn<QKeySequence>("key");
    QTest::newRow("Ctrl+PageDown") << QKeySequence(Qt::CTRL | Qt::Key_PageDown);
    QTest::newRow("Ctrl+PageUp") << QKeySequence(Qt::CTRL | Qt::Key_PageUp);
}

void TestPresenterWindow::sessionKeysInAOneSessionEventChangeNothing()
{
    QFETCH(QKeySequence, key);
    m_event->goToPage(1);
    const Snapshot before = snapshot();
    const QKeyCombination combination = key[0];
    QTest::keyClick(m_console, combination.key(), combination.keyboardModifiers());
    QCOMPARE(m_console->statusMessage(), u"This event has one session."_s);
    QTest::keyClick(m_presentation->projector(), combination.key(), combination.keyboardModifiers());
    QCOMPARE(snapshot(), before);
    QCOMPARE(m_event->sessionIndex(), 0);
    QCOMPARE(m_console->pendingSessionIndex(), -1);
}

void TestPresenterWindow::keysWorkWithFocusOnNotesPanel()
{
    QTextBrowser *notes = m_console->notesView();
    QCOMPARE(notes->focusPolicy(), Qt::NoFocus);
    QTest::keyClick(notes, Qt::Key_Down);
    QCOMPARE(m_event->currentPage(), 1);
    QTest::keyClick(notes, Qt::Key_Space);
    QCOMPARE(m_event->currentPage(), 2);
    QTest::keyClick(notes, Qt::Key_PageUp);
    QCOMPARE(m_event->currentPage(), 1);
    QTest::keyClick(notes, Qt::Key_End);
    QCOMPARE(m_event->currentPage(), 5);
    QTest::keyClick(notes, Qt::Key_B);
    QVERIFY(m_event->isBlanked());
}

void TestPresenterWindow::keysOnAButtonMoveSlidesInsteadOfClickingIt()
{
    m_console->showBanner(u"A message"_s);
    auto *dismiss = m_console->findChild<QToolButton *>(u"bannerClose"_s);
    QTest::keyClick(dismiss, Qt::Key_Space);
    QTest::keyClick(dismiss, Qt::Key_Return);
    QCOMPARE(m_event->currentPage(), 2);
    QCOMPARE(m_console->bannerText(), u"A message"_s);
}

void TestPresenterWindow::keysWorkInProjectorWindow()
{
    ProjectorWindow *projector = m_presentation->projector();
    QTest::keyClick(projector, Qt::Key_PageDown);
    QCOMPARE(m_event->currentPage(), 1);
    QTest::keyClick(projector->slideView(), Qt::Key_Period);
    QVERIFY(m_event->isBlanked());
    QTest::keyClick(projector, Qt::Key_Escape);
    QVERIFY(!m_event->isBlanked());
    QTest::keyClick(projector, Qt::Key_Tab);
    QVERIFY(m_console->overview()->isVisible());
}

void TestPresenterWindow::questionKeysWithoutAudienceFeaturesSayWhyInTheStatusBar()
{
    QCOMPARE(m_console->questionPanel(), nullptr);
    QCOMPARE(m_console->statusMessage(), QString());
    const Snapshot before = snapshot();
    QTest::keyClick(m_console, Qt::Key_N);
    QCOMPARE(snapshot(), before);
    QCOMPARE(m_console->statusMessage(), u"There are no audience questions in this Lectern."_s);
    QTest::keyClick(m_console, Qt::Key_M, Qt::ControlModifier);
    QCOMPARE(m_console->statusMessage(),
             u"Moderation needs the audience server, which is not running in this Lectern."_s);
    QCOMPARE(m_console->moderationWindow(), nullptr);
    // Said in the status bar, never in a dialog to dismiss.
    QCOMPARE(QApplication::activeModalWidget(), nullptr);
    QCOMPARE(snapshot(), before);
}

void TestPresenterWindow::slideCounterCountsSlidesByLabel()
{
    auto *counter = m_console->findChild<QLabel *>(u"slideCounter"_s);
    QCOMPARE(counter->text(), u"1 / 4"_s);
    m_event->goToPage(1);
    QCOMPARE(counter->text(), u"2 / 4"_s);
    m_event->goToPage(2);
    QCOMPARE(counter->text(), u"2 / 4"_s);
    m_event->goToPage(5);
    QCOMPARE(counter->text(), u"4 / 4"_s);
}

void TestPresenterWindow::nextPreviewShowsNextSlideNotNextOverlayStep()
{
    QCOMPARE(m_console->nextSlideView()->page(), 2); // slide 2 as it ends: its last overlay step
    m_event->goToPage(1);
    QCOMPARE(m_console->nextSlideView()->page(), 3);
    m_event->goToPage(3);
    QCOMPARE(m_console->nextSlideView()->page(), 5); // the hidden page 4 is skipped
    QTRY_COMPARE(m_console->nextSlideView()->shownImagePage(), 5);
}

void TestPresenterWindow::nextPreviewShowsEndOfDeckAfterLastSlide()
{
    m_event->goToPage(5);
    QCOMPARE(m_console->nextSlideView()->page(), -1);
    QCOMPARE(m_console->nextSlideView()->cardText(), u"End of deck"_s);
}

void TestPresenterWindow::notesShowHtmlLiterally()
{
    m_event->goToPage(1);
    const QString shown = m_console->notesView()->document()->toPlainText();
    QVERIFY2(shown.contains(u"<b>bold</b>"_s), qPrintable(shown));
    QVERIFY2(shown.contains(u"<script>alert(1)</script>"_s), qPrintable(shown));
}

void TestPresenterWindow::notesRenderMarkdown()
{
    const QString shown = m_console->notesView()->document()->toPlainText();
    QCOMPARE(shown.trimmed(), u"First note"_s);
}

void TestPresenterWindow::notesFollowTheSidecarsDisableMarkdown_data()
{
    QTest::addColumn<bool>("disableMarkdown");
    QTest::addColumn<QString>("shown");
    QTest::newRow("disableMarkdown: notes as typed") << true << u"# Plan\nFirst **note** <b>x</b>"_s;
    QTest::newRow("Markdown by default") << false << u"Plan\nFirst note <b>x</b>"_s;
}

void TestPresenterWindow::notesFollowTheSidecarsDisableMarkdown()
{
    QFETCH(bool, disableMarkdown);
    QFETCH(QString, shown);
    const QString path = m_dir->filePath(u"plain-notes.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(path, 2));
    const QJsonObject sidecar{
        {u"pdfpcFormat"_s, 2},
        {u"disableMarkdown"_s, disableMarkdown},
        {u"pages"_s, QJsonArray{QJsonObject{{u"idx"_s, 0}, {u"note"_s, u"# Plan\nFirst **note** <b>x</b>"_s}}}}};
    QVERIFY(LecternUiTest::writeFile(m_dir->filePath(u"plain-notes.pdfpc"_s), QJsonDocument(sidecar).toJson()));
    present(path);
    QCOMPARE(m_event->deck()->pdfpc()->disableMarkdown, disableMarkdown);
    QCOMPARE(m_console->notesView()->document()->toPlainText().trimmed(), shown);
}

void TestPresenterWindow::emptyNotesSayNoNotes()
{
    m_event->goToPage(3);
    QVERIFY(m_console->notesView()->document()->isEmpty());
    QCOMPARE(m_console->notesView()->placeholderText(), u"No notes"_s);
    m_event->goToPage(5);
    QCOMPARE(m_console->notesView()->document()->toPlainText().trimmed(), u"The end"_s);
}

void TestPresenterWindow::timerShowsPhasesWarningAndOvertime()
{
    auto *phase = m_console->findChild<QLabel *>(u"phase"_s);
    auto *remaining = m_console->findChild<QLabel *>(u"phaseRemaining"_s);
    auto *session = m_console->findChild<QLabel *>(u"sessionRemaining"_s);
    QCOMPARE(phase->text(), u"Before start"_s);
    QCOMPARE(remaining->text(), u"15:00"_s);

    QTest::keyClick(m_console, Qt::Key_S);
    QCOMPARE(phase->text(), u"Talk"_s);
    m_clock->advance(13min);
    QTRY_COMPARE(remaining->text(), u"2:00"_s);
    QCOMPARE(remaining->property("timerState").toString(), u"warning"_s);
    QCOMPARE(session->text(), u"Session: 7:00 left"_s);

    m_clock->advance(3min);
    QTRY_COMPARE(phase->text(), u"Q&A"_s);
    QCOMPARE(remaining->text(), u"4:00"_s);
    QCOMPARE(remaining->property("timerState").toString(), u"normal"_s);

    m_clock->advance(6min);
    QTRY_COMPARE(phase->text(), u"Overtime"_s);
    QCOMPARE(remaining->text(), u"+2:00"_s);
    QCOMPARE(remaining->property("timerState").toString(), u"overtime"_s);
    QCOMPARE(session->text(), u"Session over by 2:00"_s);
    m_clock->advance(1min);
    QTRY_COMPARE(remaining->text(), u"+3:00"_s);

    QTest::keyClick(m_console, Qt::Key_P);
    QCOMPARE(phase->text(), u"Overtime (paused)"_s);
}

void TestPresenterWindow::paceHintComparesSlideWithTime()
{
    auto *pace = m_console->findChild<QLabel *>(u"pace"_s);
    QCOMPARE(pace->text(), u"–"_s);
    QTest::keyClick(m_console, Qt::Key_S);
    QCOMPARE(pace->text(), u"On time"_s);
    QTest::keyClick(m_console, Qt::Key_End);
    QCOMPARE(pace->text(), u"Ahead"_s);
    QTest::keyClick(m_console, Qt::Key_Home);
    m_clock->advance(12min);
    QTRY_COMPARE(pace->text(), u"Behind"_s);
}

void TestPresenterWindow::wallClockShowsInjectedTime()
{
    auto *wallClock = m_console->findChild<QLabel *>(u"wallClock"_s);
    QCOMPARE(wallClock->text(), m_clock->now().toLocalTime().toString(u"HH:mm"_s));
    m_clock->advance(61min);
    QTRY_COMPARE(wallClock->text(), m_clock->now().toLocalTime().toString(u"HH:mm"_s));
}

void TestPresenterWindow::blankedAndFrozenIndicatorsFollowState()
{
    auto *blanked = m_console->findChild<QLabel *>(u"blankedBadge"_s);
    auto *frozen = m_console->findChild<QLabel *>(u"frozenBadge"_s);
    QVERIFY(!blanked->isVisible());
    QVERIFY(!frozen->isVisible());
    QTest::keyClick(m_console, Qt::Key_B);
    QVERIFY(blanked->isVisible());
    QCOMPARE(blanked->text(), u"Blanked"_s);
    QTest::keyClick(m_console, Qt::Key_F);
    QVERIFY(frozen->isVisible());
    QCOMPARE(frozen->text(), u"Frozen"_s);
    QTest::keyClick(m_console, Qt::Key_Escape);
    QVERIFY(!blanked->isVisible());
    QVERIFY(!frozen->isVisible());
}

void TestPresenterWindow::malformedSidecarWarningShowsInBanner()
{
    const QString path = m_dir->filePath(u"broken-notes.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(path, 2));
    QVERIFY(LecternUiTest::writeFile(m_dir->filePath(u"broken-notes.pdfpc"_s), "{\"pages\": [ {\"idx\": 0,"));
    present(path);
    QVERIFY(!m_event->deck()->pdfpcWarning().isEmpty());
    QVERIFY2(m_console->bannerText().contains(m_event->deck()->pdfpcWarning()), qPrintable(m_console->bannerText()));
}

void TestPresenterWindow::openKeyPutsTheChosenDeckOnStage()
{
    const QString other = m_dir->filePath(u"other talk.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(other, 9));
    m_console->setDeckChooser([other](QWidget *) { return other; },
                              [](const QString &, bool, QWidget *) { return std::optional<QByteArray>(); });
    m_event->next();
    QSignalSpy changed(m_event.get(), &LiveEvent::deckChanged);
    QTest::keyClick(m_console, Qt::Key_O, Qt::ControlModifier);
    QVERIFY(changed.wait(10000));
    QCOMPARE(m_event->deck()->path(), other);
    QCOMPARE(m_event->deck()->pageCount(), 9);
    QCOMPARE(m_event->currentPage(), 0);
    // The deck is another one for the same session: its title stays, the plan names the new deck.
    QCOMPARE(m_event->session().title, u"Typed settings in a Django monolith"_s);
    QCOMPARE(m_event->sessionIndex(), 0);
    QCOMPARE(m_event->sessionCount(), 1);
    QCOMPARE(m_event->plan().sessions.at(0).deckPath, other);
}

void TestPresenterWindow::openingABrokenDeckKeepsTheDeckAndNamesFileAndReason()
{
    const QString broken = m_dir->filePath(u"broken.pdf"_s);
    QVERIFY(LecternUiTest::writeFile(broken, "this is a shopping list, not a PDF"));
    m_console->setDeckChooser([broken](QWidget *) { return broken; },
                              [](const QString &, bool, QWidget *) { return std::optional<QByteArray>(); });
    const auto deckBefore = m_event->deck();
    QSignalSpy failed(m_console, &PresenterWindow::deckOpenFailed);
    QTest::keyClick(m_console, Qt::Key_O, Qt::ControlModifier);
    QVERIFY(failed.wait(10000));
    QCOMPARE(m_event->deck(), deckBefore);
    QVERIFY2(m_console->bannerText().contains(u"broken.pdf"_s), qPrintable(m_console->bannerText()));
    QVERIFY(m_console->bannerText().contains(u"PDF"_s));
}

void TestPresenterWindow::openingAnEncryptedDeckAsksForThePassword()
{
    const QString locked = m_dir->filePath(u"locked.pdf"_s);
    QVERIFY(LecternUiTest::writeFile(
        locked, LecternTest::minimalPdf(
                    {LecternTest::MinimalPage(), LecternTest::MinimalPage(), LecternTest::MinimalPage()}, "secret")));
    QList<bool> asked; // previousWasWrong of each question
    m_console->setDeckChooser([locked](QWidget *) { return locked; },
                              [&asked](const QString &, bool previousWasWrong, QWidget *) {
                                  asked.append(previousWasWrong);
                                  return std::optional<QByteArray>(asked.size() == 1 ? "guess" : "secret");
                              });
    QSignalSpy changed(m_event.get(), &LiveEvent::deckChanged);
    QTest::keyClick(m_console, Qt::Key_O, Qt::ControlModifier);
    QVERIFY(changed.wait(10000));
    QCOMPARE(asked, (QList<bool>{false, true}));
    QCOMPARE(m_event->deck()->path(), locked);
    QCOMPARE(m_event->deck()->pageCount(), 3);
}

void TestPresenterWindow::ofTwoOpensInFlightOnlyTheNewestGoesOnStage()
{
    const QString locked = m_dir->filePath(u"locked.pdf"_s);
    QVERIFY(LecternUiTest::writeFile(
        locked, LecternTest::minimalPdf({LecternTest::MinimalPage(), LecternTest::MinimalPage()}, "secret")));
    const QString newest = m_dir->filePath(u"newest.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(newest, 7));

    // While the locked deck waits for its password, the speaker opens another deck, which opens first;
    // the locked deck, opened afterwards, was asked for earlier and must not replace it.
    QSignalSpy changed(m_event.get(), &LiveEvent::deckChanged);
    bool newestOnStageBeforeAnswer = false;
    m_console->setDeckChooser([](QWidget *) { return QString(); },
                              [this, newest, &changed, &newestOnStageBeforeAnswer](const QString &, bool, QWidget *) {
                                  m_console->openDeck(newest);
                                  newestOnStageBeforeAnswer = changed.wait(10000);
                                  return std::optional<QByteArray>("secret");
                              });
    m_console->openDeck(locked);
    QTRY_VERIFY(newestOnStageBeforeAnswer);
    QCOMPARE(m_event->deck()->path(), newest);
    // Let the locked deck finish opening with its password and its answer arrive; it stays off stage.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_event->deck()->path(), newest);
    QCOMPARE(m_event->deck()->pageCount(), 7);
}

void TestPresenterWindow::successfulOpenClearsTheOpenError()
{
    const QString broken = m_dir->filePath(u"broken.pdf"_s);
    QVERIFY(LecternUiTest::writeFile(broken, "not a PDF"));
    QSignalSpy failed(m_console, &PresenterWindow::deckOpenFailed);
    m_console->openDeck(broken);
    QVERIFY(failed.wait(10000));
    QVERIFY(m_console->bannerText().contains(u"broken.pdf"_s));

    const QString good = m_dir->filePath(u"good.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(good, 3));
    QSignalSpy changed(m_event.get(), &LiveEvent::deckChanged);
    m_console->openDeck(good);
    QVERIFY(changed.wait(10000));
    QVERIFY2(m_console->bannerText().isEmpty(), qPrintable(m_console->bannerText()));
}

QTEST_MAIN(TestPresenterWindow)
#include "tst_presenterwindow.moc"
