#include "presenterwindow.h"

#include "accessiblename.h"
#include "agendapanel.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "event/sessionsetup.h"
#include "eventeditor.h"
#include "exportrunner.h"
#include "gotooverlay.h"
#include "helpoverlay.h"
#include "keydispatcher.h"
#include "moderationwindow.h"
#include "overviewgrid.h"
#include "plaintext.h"
#include "pollchart.h"
#include "pollpanel.h"
#include "questionpanel.h"
#include "serverpanel.h"
#include "settingsdialog.h"
#include "slides/slidedeck.h"
#include "slideview.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Lectern {

namespace {

QLabel *makeLabel(const QString &objectName, QWidget *parent, const QString &text = {})
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}

void setPixelSize(QWidget *widget, int pixels, bool bold = false)
{
    QFont font = widget->font();
    font.setPixelSize(pixels);
    font.setBold(bold);
    widget->setFont(font);
}

} // namespace

PresenterWindow::PresenterWindow(LiveEvent &event, RenderCache &cache, const KeyMap &keys, AudienceServer *server,
                                 const AudienceRoom *room, QWidget *parent)
    : QMainWindow(parent)
    , m_event(event)
    , m_cache(cache)
    , m_server(server)
    , m_room(room)
    , m_keys(new KeyDispatcher(keys, this))
    , m_confirmQuit(&PresenterWindow::askToQuit)
    , m_chooseDeck(&PresenterWindow::chooseDeckWithDialog)
    , m_confirmSwitch(&PresenterWindow::askToSwitchSession)
    , m_exports(new ExportRunner(this))
{
    setObjectName(u"presenterWindow"_s);
    setWindowTitle(tr("Lectern — Presenter console"));

    m_central = new QWidget(this);
    m_central->setObjectName(u"console"_s);
    m_central->setFocusPolicy(Qt::StrongFocus);
    // The console keeps the focus while the talk runs: this is what a screen reader names then.
    m_central->setAccessibleName(tr("Presenter console"));
    m_central->setAccessibleDescription(tr("The talk's keys work here; the help overlay lists them."));
    auto *layout = new QVBoxLayout(m_central);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(12);
    layout->addWidget(buildBanner());
    layout->addWidget(buildSlidesArea(), 1);
    layout->addWidget(buildStatusBar());
    setCentralWidget(m_central);
    buildMenus(keys);
    // A menu that pops up is named by its title without the mnemonic (Qt names it by its window title otherwise).
    for (QMenu *menu : menuBar()->findChildren<QMenu *>())
        menu->setAccessibleName(menu->menuAction()->iconText());

    m_overview = new OverviewGrid(m_event, m_cache, m_central);
    m_goTo = new GoToOverlay(m_event, m_central);
    m_help = new HelpOverlay(keys, m_central);
    for (QWidget *overlay :
         {static_cast<QWidget *>(m_overview), static_cast<QWidget *>(m_goTo), static_cast<QWidget *>(m_help)})
        overlay->hide();
    connect(m_overview, &OverviewGrid::closeRequested, this, [this] { closeOverlay(m_overview); });
    connect(m_goTo, &GoToOverlay::closeRequested, this, [this] { closeOverlay(m_goTo); });
    connect(m_help, &HelpOverlay::closeRequested, this, [this] { closeOverlay(m_help); });

    m_keys->watchWindow(this);
    m_keys->setInterceptor([this](const QKeyEvent &key) {
        if (topOverlay() == m_overview)
            return m_overview->handleKey(key);
        return !topOverlay() && m_agendaPanel->handleKey(key);
    });
    connect(m_keys, &KeyDispatcher::actionTriggered, this, &PresenterWindow::perform);

    connect(&m_event, &LiveEvent::slideChanged, this, [this] {
        refreshSlides();
        refreshNotes();
        refreshTimer();
    });
    connect(&m_event, &LiveEvent::deckChanged, this, &PresenterWindow::onDeckChanged);
    connect(&m_event, &LiveEvent::projectorChanged, this, &PresenterWindow::refreshProjectorState);
    connect(&m_event, &LiveEvent::deckReloadFailed, this,
            [this](const QString &message) { setBannerMessage(BannerTopic::ReloadFailure, message); });
    connect(&m_event.clock(), &SessionClock::stateChanged, this, &PresenterWindow::refreshTimer);
    connect(&m_event, &LiveEvent::sessionChanged, this, [this] {
        setBannerMessage(BannerTopic::SessionFailure, {});
        refreshSessionMenu();
    });
    connect(&m_event, &LiveEvent::agendaChanged, this, &PresenterWindow::refreshSessionMenu);
    connect(&m_event, &LiveEvent::stageFailed, this,
            [this](const QString &message) { setBannerMessage(BannerTopic::StageFailure, message); });
    connect(m_agendaPanel, &AgendaPanel::sessionRequested, this, [this](int sessionIndex) {
        m_central->setFocus(Qt::OtherFocusReason);
        goToSession(sessionIndex);
    });
    connect(m_agendaPanel, &AgendaPanel::focusReleased, this, [this] { m_central->setFocus(Qt::OtherFocusReason); });
    connect(m_exports, &ExportRunner::exported, this, [this](const QString &, const QString &message) {
        setBannerMessage(BannerTopic::ExportFailure, {});
        showStatusMessage(message);
    });
    connect(m_exports, &ExportRunner::exportFailed, this,
            [this](const QString &message) { setBannerMessage(BannerTopic::ExportFailure, message); });
    if (m_pollPanel) {
        connect(m_pollPanel, &PollPanel::attentionRequested, this, &PresenterWindow::showPollPanel);
        connect(&m_event, &LiveEvent::pollsFailed, this, [this](const QString &message) {
            m_pollPanel->showError(message);
            showPollPanel();
        });
        LivePolls *polls = m_event.polls();
        connect(polls, &LivePolls::pollStateChanged, this, &PresenterWindow::refreshPollBadge);
        connect(polls, &LivePolls::pollsChanged, this, &PresenterWindow::refreshPollBadge);
        // Phones' votes the database refused: the speaker hears it whichever tab is showing; a stored batch clears it.
        connect(polls, &LivePolls::votesFailed, this, &PresenterWindow::showStorageFailure);
        connect(polls, &LivePolls::resultsChanged, this, [this] { setBannerMessage(BannerTopic::StorageFailure, {}); });
    }
    if (m_questionPanel) {
        connect(m_questionPanel, &QuestionPanel::moderationRequested, this, &PresenterWindow::openModeration);
        connect(m_questionPanel, &QuestionPanel::waitingCountChanged, this, &PresenterWindow::refreshQuestionTab);
        m_questionPanel->setModerationAvailable(m_server && m_room,
                                                tr("Moderation needs the audience server, which is not running in "
                                                   "this Lectern."));
        connect(&m_event, &LiveEvent::questionsFailed, this, [this](const QString &message) {
            m_questionPanel->showError(message);
            showQuestionPanel();
        });
        LiveQuestions *questions = m_event.questions();
        connect(questions, &LiveQuestions::questionsChanged, this, &PresenterWindow::refreshQuestionBadge);
        connect(questions, &LiveQuestions::questionsReset, this, &PresenterWindow::refreshQuestionBadge);
        connect(questions, &LiveQuestions::writeFailed, this, &PresenterWindow::showStorageFailure);
        connect(questions, &LiveQuestions::questionsChanged, this,
                [this] { setBannerMessage(BannerTopic::StorageFailure, {}); });
        refreshQuestionTab(m_questionPanel->waitingCount());
    }
    if (m_serverPanel)
        connect(m_serverPanel, &ServerPanel::moderationRequested, this, &PresenterWindow::openModeration);
    if (m_server) {
        // The port taken (at launch or from the Phones tab): said above the slides, which keep working.
        connect(m_server, &AudienceServer::startFailed, this, [this](const QString &message) {
            setBannerMessage(BannerTopic::ServerFailure,
                             tr("Phones cannot join: %1 The slides keep working. Free the port or choose another "
                                "with --listen, then switch “Let phones join” on in the Phones tab.")
                                 .arg(message));
        });
        connect(m_server, &AudienceServer::listeningChanged, this, [this](bool listening) {
            if (listening)
                setBannerMessage(BannerTopic::ServerFailure, {});
        });
        connect(m_server, &AudienceServer::joinFailed, this, &PresenterWindow::showStorageFailure);
    }
    m_statusMessageTimer.setSingleShot(true);
    m_statusMessageTimer.setInterval(kStatusMessageTime);
    connect(&m_statusMessageTimer, &QTimer::timeout, this, [this] {
        m_statusMessage->clear();
        m_statusMessage->setToolTip({});
    });
    m_timerRefresh.setInterval(250ms);
    connect(&m_timerRefresh, &QTimer::timeout, this, &PresenterWindow::refreshTimer);
    m_timerRefresh.start();

    applyStyle();
    resize(1280, 800);
    onDeckChanged();
    refreshProjectorState();
    refreshPollBadge();
    refreshQuestionBadge();
    refreshSessionMenu();
    m_central->setFocus(Qt::OtherFocusReason);
}

PresenterWindow::~PresenterWindow() = default;

QFrame *PresenterWindow::buildBanner()
{
    m_banner = new QFrame(m_central);
    m_banner->setObjectName(u"banner"_s);
    m_banner->setAccessibleName(tr("Messages"));
    auto *layout = new QHBoxLayout(m_banner);
    layout->setContentsMargins(14, 8, 8, 8);
    m_bannerText = makeLabel(u"bannerText"_s, m_banner);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bannerText->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_bannerText, 1);
    auto *close = new QToolButton(m_banner);
    close->setObjectName(u"bannerClose"_s);
    close->setText(tr("Dismiss"));
    close->setToolTip(tr("Hide this message"));
    close->setAccessibleName(tr("Dismiss the messages"));
    close->setFocusPolicy(Qt::NoFocus);
    connect(close, &QToolButton::clicked, this, &PresenterWindow::dismissBanner);
    layout->addWidget(close, 0, Qt::AlignTop);
    m_banner->hide();
    return m_banner;
}

QWidget *PresenterWindow::buildSlidesArea()
{
    auto *area = new QWidget(m_central);
    area->setObjectName(u"slidesArea"_s);
    area->setAccessibleName(tr("Slides"));
    auto *layout = new QHBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);

    auto *left = new QVBoxLayout;
    left->setSpacing(6);
    left->addWidget(makeLabel(u"currentCaption"_s, area, tr("Current slide")));
    m_currentView = new SlideView(m_cache, area);
    m_currentView->setObjectName(u"currentSlide"_s);
    m_currentView->setAccessibleName(tr("Current slide"));
    m_currentView->setFocusPolicy(Qt::NoFocus);
    left->addWidget(m_currentView, 1);
    layout->addLayout(left, 5);

    auto *right = new QVBoxLayout;
    right->setSpacing(6);
    m_nextCaption = makeLabel(u"nextCaption"_s, area, tr("Next slide"));
    right->addWidget(m_nextCaption);
    m_nextView = new SlideView(m_cache, area);
    m_nextView->setObjectName(u"nextSlide"_s);
    m_nextView->setAccessibleName(tr("Next slide"));
    m_nextView->setFocusPolicy(Qt::NoFocus);
    right->addWidget(m_nextView, 4);
    right->addSpacing(8);
    m_notes = new QTextBrowser(area);
    m_notes->setObjectName(u"notes"_s);
    m_notes->setAccessibleName(tr("Speaker notes"));
    // The notes never take the focus, so arrows and Space always move the slides; the wheel still scrolls.
    m_notes->setFocusPolicy(Qt::NoFocus);
    m_notes->setOpenLinks(false);
    m_notes->setOpenExternalLinks(false);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setPlaceholderText(tr("No notes"));
    if (LivePolls *polls = m_event.polls())
        m_pollPanel = new PollPanel(*polls, area);
    if (LiveQuestions *questions = m_event.questions())
        m_questionPanel = new QuestionPanel(*questions, m_event.clock(), area);
    if (m_server)
        m_serverPanel = new ServerPanel(*m_server, m_room, area);
    m_agendaPanel = new AgendaPanel(m_event, area);
    // The agenda and the audience features share the notes' place, a tab each, so that the slides keep their size.
    m_sideTabs = new QTabWidget(area);
    m_sideTabs->setObjectName(u"sideTabs"_s);
    m_sideTabs->setAccessibleName(tr("Panels"));
    m_sideTabs->tabBar()->setAccessibleName(tr("Panels"));
    m_sideTabs->setFocusPolicy(Qt::NoFocus);
    m_sideTabs->tabBar()->setFocusPolicy(Qt::NoFocus);
    m_sideTabs->tabBar()->setDrawBase(false);
    // On a narrow console (200 % scale, longer Japanese names) every tab stays in view, its name shortened, rather
    // than hidden behind scroll arrows.
    m_sideTabs->tabBar()->setUsesScrollButtons(false);
    m_sideTabs->tabBar()->setElideMode(Qt::ElideRight);
    m_sideTabs->addTab(m_notes, tr("Notes"));
    if (m_pollPanel)
        m_sideTabs->addTab(m_pollPanel, tr("Poll"));
    if (m_questionPanel)
        m_sideTabs->addTab(m_questionPanel, tr("Questions"));
    if (m_serverPanel)
        m_sideTabs->addTab(m_serverPanel, tr("Phones"));
    m_sideTabs->addTab(m_agendaPanel, tr("Agenda"));
    right->addWidget(m_sideTabs, 6);
    layout->addLayout(right, 3);
    return area;
}

QFrame *PresenterWindow::buildStatusBar()
{
    auto *bar = new QFrame(m_central);
    bar->setObjectName(u"statusBar"_s);
    bar->setAccessibleName(tr("Status"));
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(20, 10, 20, 10);
    layout->setSpacing(36);

    auto group = [bar](const QString &caption, QLabel *value, Qt::Alignment alignment = Qt::AlignLeft) {
        auto *box = new QVBoxLayout;
        box->setSpacing(2);
        QLabel *captionLabel = makeLabel(u"statusCaption"_s, bar, caption);
        captionLabel->setAlignment(alignment);
        value->setAlignment(alignment);
        box->addWidget(captionLabel);
        box->addWidget(value);
        return box;
    };

    m_slideCounter = makeLabel(u"slideCounter"_s, bar);
    layout->addLayout(group(tr("Slide"), m_slideCounter));

    auto *badges = new QVBoxLayout;
    badges->setSpacing(6);
    m_blankedBadge = makeLabel(u"blankedBadge"_s, bar, tr("Blanked"));
    m_blankedBadge->setToolTip(tr("The projector shows black (b or . to show the slide again)"));
    m_frozenBadge = makeLabel(u"frozenBadge"_s, bar, tr("Frozen"));
    m_frozenBadge->setToolTip(tr("The projector stays on its slide (f or F5 to follow again)"));
    badges->addStretch(1);
    badges->addWidget(m_blankedBadge);
    badges->addWidget(m_frozenBadge);
    badges->addStretch(1);
    layout->addLayout(badges);
    auto *projectorBadges = new QVBoxLayout;
    projectorBadges->setSpacing(6);
    projectorBadges->addStretch(1);
    m_joinCardBadge = makeLabel(u"joinCardBadge"_s, bar, tr("Join card"));
    m_joinCardBadge->setToolTip(tr("The projector shows the join card (j or Esc to hide it)"));
    m_chartBadge = makeLabel(u"chartBadge"_s, bar, tr("Results shown"));
    m_chartBadge->setToolTip(tr("The projector shows the poll's results (r or Esc to hide them)"));
    m_questionBadge = makeLabel(u"questionBadge"_s, bar, tr("Question shown"));
    m_questionBadge->setToolTip(tr("The projector shows the pinned question (u to unpin it, n for the next)"));
    projectorBadges->addWidget(m_joinCardBadge);
    projectorBadges->addWidget(m_chartBadge);
    projectorBadges->addWidget(m_questionBadge);
    projectorBadges->addStretch(1);
    layout->addLayout(projectorBadges);
    // A badge is as tall as its text, whichever of them show.
    for (QLabel *badge : {m_blankedBadge, m_frozenBadge, m_joinCardBadge, m_chartBadge, m_questionBadge})
        badge->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    // What a key could not do, for a few seconds: in the speaker's view, and never a dialog to dismiss.
    m_statusMessage = makeLabel(u"statusMessage"_s, bar);
    m_statusMessage->setWordWrap(true);
    // Empty, it still holds the space between the badges and the clocks.
    m_statusMessage->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_statusMessage, 1);

    m_wallClock = makeLabel(u"wallClock"_s, bar);
    layout->addLayout(group(tr("Time"), m_wallClock, Qt::AlignRight));
    m_pace = makeLabel(u"pace"_s, bar);
    layout->addLayout(group(tr("Pace"), m_pace, Qt::AlignRight));

    auto *timer = new QVBoxLayout;
    timer->setSpacing(0);
    m_phase = makeLabel(u"phase"_s, bar);
    m_phaseRemaining = makeLabel(u"phaseRemaining"_s, bar);
    m_sessionRemaining = makeLabel(u"sessionRemaining"_s, bar);
    for (QLabel *label : {m_phase, m_phaseRemaining, m_sessionRemaining})
        label->setAlignment(Qt::AlignRight);
    timer->addWidget(m_phase);
    timer->addWidget(m_phaseRemaining);
    timer->addWidget(m_sessionRemaining);
    layout->addLayout(timer);
    return bar;
}

void PresenterWindow::applyStyle()
{
    // pdfpc-like: near-black, quiet captions, colour only where it means something (timer state, badges).
    setStyleSheet(uR"(
        QMainWindow, #console { background: #14161a; }
        QLabel { color: #e8eaed; }
        #currentCaption, #nextCaption, #statusCaption { color: #8b929c; }
        #notes { background: #1c1f24; color: #eceef1; border: 1px solid #2a2e35; border-radius: 6px;
                 padding: 10px; selection-background-color: #3d5a80; }
        #statusBar { background: #1c1f24; border: 1px solid #2a2e35; border-radius: 8px; }
        #blankedBadge { background: #5a1e1e; color: #ffd7d7; border-radius: 4px; padding: 2px 10px; }
        #frozenBadge { background: #1e3a5a; color: #d7e9ff; border-radius: 4px; padding: 2px 10px; }
        #phase { color: #8b929c; }
        #phaseRemaining[timerState="warning"] { color: #ffb020; }
        #phaseRemaining[timerState="overtime"], #phase[timerState="overtime"] { color: #ff5050; }
        #sessionRemaining { color: #aab0b8; }
        #pace[pace="ahead"] { color: #7fd18b; }
        #pace[pace="behind"] { color: #ffb020; }
        #banner { background: #4a3a12; border: 1px solid #8a6d1f; border-radius: 6px; }
        #bannerText { color: #fff1cc; }
        #bannerClose { color: #fff1cc; background: transparent; border: 1px solid #8a6d1f; border-radius: 4px;
                       padding: 2px 10px; }
        #overlayPanel { background: #1f2228; border: 1px solid #3a404a; border-radius: 10px; }
        #overlayTitle { color: #ffffff; }
        #overlayHint { color: #8b929c; }
        #helpKeys { color: #9cc7ff; }
        #goToInput { background: #101215; color: #ffffff; border: 1px solid #4a5260; border-radius: 6px;
                     padding: 6px 10px; }
        #goToError { color: #ff7070; }
        #overviewScroll, #overviewHost { background: transparent; }
        Lectern--OverviewThumbnail { background: #1c1f24; border: 3px solid #2a2e35; border-radius: 6px; }
        Lectern--OverviewThumbnail[current="true"] { border-color: #4ea1ff; }
        Lectern--OverviewThumbnail[selected="true"] { border-color: #ffffff; background: #2a2f37; }
        #overviewCaption { color: #c5cad1; }
        QScrollBar:vertical { background: #14161a; width: 10px; }
        QScrollBar::handle:vertical { background: #3a404a; border-radius: 5px; min-height: 24px; }
        QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
        QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }
        #joinCardBadge { background: #f2f2f2; color: #111111; border-radius: 4px; padding: 2px 10px; }
        #chartBadge { background: #1f4a2c; color: #d6f5dd; border-radius: 4px; padding: 2px 10px; }
        #questionBadge { background: #2a3a52; color: #d7e9ff; border-radius: 4px; padding: 2px 10px; }
        #statusMessage { color: #ffcf70; }

        QTabWidget::pane { border: 1px solid #2a2e35; border-radius: 6px; background: #1c1f24; top: -1px; }
        QTabBar::tab { background: transparent; color: #8b929c; padding: 6px 11px; margin-right: 2px;
                       border: 1px solid transparent; border-bottom: none; border-top-left-radius: 6px;
                       border-top-right-radius: 6px; }
        QTabBar::tab:selected { background: #1c1f24; color: #ffffff; border-color: #2a2e35; }
        QTabBar::tab:hover:!selected { color: #e8eaed; }
        #pollPanel, #serverPanel, #serverContent, #pollResultsHost, #pollResults, #serverScroll, #questionPanel,
        #questionList, #questionListHost { background: #1c1f24; }
        #pollState { border-radius: 4px; padding: 1px 10px; background: #2a3a52; color: #d7e9ff; }
        #pollState[pollState="open"] { background: #1f4a2c; color: #d6f5dd; }
        #pollState[pollState="closed"] { background: #3a3d44; color: #e8eaed; }
        #pollRevealed { border-radius: 4px; padding: 1px 10px; background: #4a3a12; color: #fff1cc; }
        #pollVoters { color: #ffffff; font-weight: bold; }
        #pollFigures { color: #ffffff; font-weight: bold; }
        #serverUrl { font-weight: bold; }
        #pollEmpty, #pollMore, #pollHiddenCaption, #serverHelp { color: #aab0b8; }
        #pollOffer { background: #1e3a5a; border: 1px solid #3d6a9a; border-radius: 6px; }
        #pollOfferText { color: #e6f1ff; }
        #pollError, #pollEditorError { color: #ff8a80; }
        #serverState[serverState="listening"] { color: #7fd18b; }
        #serverState[serverState="failed"] { color: #ff8a80; }
        #serverNetwork { color: #ffcf70; }
        #serverUrl { color: #ffffff; }
        #serverQr, #moderatorQr { background: #ffffff; border-radius: 4px; }
        #moderatorSection { border: 1px solid #3a404a; border-radius: 6px; }
        #moderatorCaption { font-weight: bold; }
        #moderatorNote { color: #ffcf70; }
        #moderatorUrl { color: #ffffff; }
        #questionTimeFit { color: #ffffff; font-weight: bold; }
        #questionPerQuestion, #questionEmpty, #questionMore { color: #aab0b8; }
        #questionApproval { color: #ffcf70; }
        #questionError { color: #ff8a80; }
        #questionRow { background: #23272e; border: 1px solid #2a2e35; border-radius: 6px; }
        #questionRow[pinned="true"] { background: #1e3a5a; border-color: #4ea1ff; }
        #questionRow[beyondCut="true"] QLabel { color: #7d848e; }
        #questionVotes { color: #9cc7ff; font-weight: bold; }
        #questionName { color: #aab0b8; }
        #questionPinnedBadge { background: #4ea1ff; color: #0e1014; border-radius: 4px; padding: 0px 8px;
                               font-weight: bold; }
        #questionCutRule { background: #ffb020; }
        #questionCutText { color: #ffb020; font-weight: bold; }
        #questionPinNextButton { background: #24507e; border-color: #3d6a9a; color: #ffffff; }
        #questionPinNextButton:hover { background: #2d5f94; }

        QPushButton, QToolButton { background: #2a2f37; color: #eceef1; border: 1px solid #3a404a;
                                   border-radius: 5px; padding: 5px 12px; }
        QPushButton:hover, QToolButton:hover { background: #343a44; }
        QPushButton:pressed, QToolButton:pressed { background: #3d5a80; }
        QPushButton:disabled, QToolButton:disabled { color: #6b717b; background: #22262c; border-color: #2a2e35; }
        #pollOpenButton { background: #24507e; border-color: #3d6a9a; color: #ffffff; }
        #pollOpenButton:hover { background: #2d5f94; }
        #pollAnswerToggle { padding: 1px 8px; }
        QComboBox { background: #101215; color: #eceef1; border: 1px solid #3a404a; border-radius: 5px;
                    padding: 4px 8px; }
        QComboBox QAbstractItemView { background: #1f2228; color: #eceef1; selection-background-color: #3d5a80; }
        QCheckBox { color: #eceef1; spacing: 8px; }
        QDialog, QMessageBox { background: #1f2228; }
        QDialog QLineEdit, QDialog QPlainTextEdit, QDialog QSpinBox, QDialog QDateEdit, QDialog QTimeEdit {
            background: #101215; color: #ffffff; border: 1px solid #4a5260; border-radius: 5px; padding: 4px 6px; }
        QDialog QLineEdit:disabled, QDialog QSpinBox:disabled, QDialog QDateEdit:disabled,
        QDialog QTimeEdit:disabled { color: #6b717b; background: #181a1e; border-color: #2a2e35; }
        QDialog QListWidget, QDialog QTableWidget { background: #101215; color: #eceef1; border: 1px solid #4a5260;
            border-radius: 5px; selection-background-color: #3d5a80; selection-color: #ffffff;
            gridline-color: #2a2e35; }
        QDialog QListWidget::item { padding: 4px 6px; }
        QHeaderView::section { background: #23272e; color: #aab0b8; border: none; border-bottom: 1px solid #2a2e35;
                               padding: 4px 8px; }
        QDialog QCalendarWidget QWidget { background: #1f2228; color: #eceef1; }
        #sessionsCaption { color: #8b929c; }
        #sessionDeckMessage { color: #aab0b8; }
        #sessionDeckMessage[deckState="fails"], #sessionMaterialsMessage, #eventEditorError { color: #ff8a80; }
        #sessionDeckMessage[deckState="opens"] { color: #7fd18b; }
        #sessionPolls { color: #aab0b8; }

        QMenuBar { background: #1c1f24; color: #c5cad1; border-bottom: 1px solid #2a2e35; }
        QMenuBar::item { background: transparent; padding: 4px 12px; }
        QMenuBar::item:selected { background: #2a2f37; color: #ffffff; }
        QMenu { background: #1f2228; color: #eceef1; border: 1px solid #3a404a; padding: 4px 0; }
        QMenu::item { padding: 5px 28px 5px 24px; }
        QMenu::item:selected { background: #3d5a80; color: #ffffff; }
        QMenu::item:disabled { color: #6b717b; }
        QMenu::separator { height: 1px; background: #3a404a; margin: 4px 8px; }

        #agendaPanel { background: #1c1f24; }
        #agendaEvent, #agendaHint { color: #aab0b8; }
        #agendaBehind { color: #ffffff; font-weight: bold; }
        #agendaBehind[behind="behind"] { color: #ffb020; }
        #agendaBehind[behind="ahead"] { color: #7fd18b; }
        #agendaView { background: #1c1f24; color: #e8eaed; border: none; selection-background-color: #2f3b4d;
                      selection-color: #ffffff; }
    )"_s);
}

void PresenterWindow::scaleFonts()
{
    // Sizes follow the window, so the console stays readable from a lectern on any screen.
    const int unit = std::clamp(std::min(height() / 34, width() / 56), 12, 40);
    for (QLabel *caption : m_central->findChildren<QLabel *>(u"statusCaption"_s))
        setPixelSize(caption, unit * 3 / 4);
    for (const auto &name : {u"currentCaption"_s, u"nextCaption"_s})
        setPixelSize(m_central->findChild<QLabel *>(name), unit * 3 / 4);
    setPixelSize(m_slideCounter, unit * 2, true);
    setPixelSize(m_wallClock, unit * 2);
    setPixelSize(m_pace, unit * 2);
    setPixelSize(m_blankedBadge, unit * 3 / 4, true);
    setPixelSize(m_frozenBadge, unit * 3 / 4, true);
    setPixelSize(m_joinCardBadge, unit * 3 / 4, true);
    setPixelSize(m_chartBadge, unit * 3 / 4, true);
    setPixelSize(m_questionBadge, unit * 3 / 4, true);
    setPixelSize(m_statusMessage, unit * 3 / 4, true);
    if (m_sideTabs)
        setPixelSize(m_sideTabs->tabBar(), unit * 3 / 4);
    // Under the console's style sheet a font set on a panel does not reach the widgets inside it; a style sheet
    // of the panel's own does (rows added later included).
    const QString panelFont = u"* { font-size: %1px; }"_s.arg(unit * 4 / 5);
    for (QWidget *panel : {static_cast<QWidget *>(m_pollPanel), static_cast<QWidget *>(m_serverPanel)}) {
        if (panel && panel->styleSheet() != panelFont)
            panel->setStyleSheet(panelFont);
    }
    // The time-fit line is what the speaker glances at: larger than the list.
    const QString questionFont =
        panelFont +
        u" #questionTimeFit { font-size: %1px; } #questionName, #questionPinnedBadge { font-size: %2px; }"_s.arg(unit)
            .arg(unit * 2 / 3);
    if (m_questionPanel && m_questionPanel->styleSheet() != questionFont)
        m_questionPanel->setStyleSheet(questionFont);
    // How far the event runs behind is the agenda's headline.
    const QString agendaFont =
        panelFont +
        u" #agendaBehind { font-size: %1px; } #agendaView, #agendaView QHeaderView { font-size: %2px; }"_s.arg(unit)
            .arg(unit * 2 / 3);
    if (m_agendaPanel->styleSheet() != agendaFont)
        m_agendaPanel->setStyleSheet(agendaFont);
    setPixelSize(m_phase, unit, true);
    setPixelSize(m_phaseRemaining, unit * 3, true);
    setPixelSize(m_sessionRemaining, unit);
    setPixelSize(m_notes, unit * 5 / 4);
    setPixelSize(m_bannerText, unit * 3 / 4);
    for (QLabel *title : m_central->findChildren<QLabel *>(u"overlayTitle"_s))
        setPixelSize(title, unit * 3 / 2, true);
    // The key table fits the console's height: its font gets smaller before the table would be cut off.
    const QList<QLabel *> helpKeys = m_help->findChildren<QLabel *>(u"helpKeys"_s);
    const int helpRowHeight = (m_central->height() - unit * 3 - 120) / std::max(int(helpKeys.size()), 1);
    const int helpFont = std::clamp(std::min(unit * 4 / 5, (helpRowHeight - 6) * 4 / 5), 9, 40);
    for (QLabel *keysLabel : helpKeys)
        setPixelSize(keysLabel, helpFont);
    for (QLabel *description : m_help->findChildren<QLabel *>(u"helpDescription"_s))
        setPixelSize(description, helpFont);
    for (QLabel *hint : m_central->findChildren<QLabel *>(u"overlayHint"_s))
        setPixelSize(hint, unit * 3 / 4);
    setPixelSize(m_goTo->input(), unit * 3 / 2);
    setPixelSize(m_goTo->findChild<QLabel *>(u"goToError"_s), unit);
}

void PresenterWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    scaleFonts();
    placeOverlays();
}

void PresenterWindow::onDeckChanged()
{
    m_currentView->invalidate();
    m_nextView->invalidate();
    const std::shared_ptr<const SlideDeck> deck = m_event.deck();
    const QString title = deck ? m_event.session().title : QString();
    setWindowTitle(title.isEmpty() ? tr("Lectern — Presenter console") : tr("Lectern — %1").arg(title));
    // A deck on stage makes an earlier reload failure old news; its own sidecar warning replaces the last one's.
    setBannerMessage(BannerTopic::ReloadFailure, {});
    setBannerMessage(BannerTopic::DeckWarning, deck ? deck->pdfpcWarning() : QString());
    if (m_overview->isVisible())
        m_overview->reset();
    refreshSlides();
    refreshNotes();
    refreshTimer();
}

void PresenterWindow::refreshSlides()
{
    const std::shared_ptr<const SlideDeck> deck = m_event.deck();
    if (!deck) {
        m_currentView->setCardText(tr("No deck open"));
        m_currentView->setPage(-1);
        m_currentView->setAccessibleDescription(tr("No deck open"));
        m_nextView->setCardText({});
        m_nextView->setPage(-1);
        m_nextView->setAccessibleDescription(tr("None"));
        m_slideCounter->setText(u"–"_s);
        m_slideCounter->setAccessibleName(tr("Slide: none"));
        return;
    }
    const int current = m_event.currentPage();
    m_currentView->setPage(current);
    const int next = deck->nextSlidePreviewPage(current);
    m_nextView->setCardText(tr("End of deck"));
    m_nextView->setPage(next);
    m_slideCounter->setText(tr("%1 / %2").arg(deck->slideNumber(current)).arg(deck->slideCount()));
    // What a screen reader says of the views: the slide by number (the picture itself has no words for it).
    const auto slideText = [&deck](int page) {
        return tr("Slide %1 of %2").arg(deck->slideNumber(page)).arg(deck->slideCount());
    };
    m_slideCounter->setAccessibleName(slideText(current));
    m_currentView->setAccessibleDescription(slideText(current));
    m_nextView->setAccessibleDescription(next < 0 ? tr("End of deck") : slideText(next));
}

void PresenterWindow::refreshNotes()
{
    const std::shared_ptr<const SlideDeck> deck = m_event.deck();
    const QString notes = deck ? deck->page(m_event.currentPage()).notes.trimmed() : QString();
    if (notes.isEmpty()) {
        m_notes->clear();
        return;
    }
    // A sidecar may say its notes are plain text (pdfpc's disableMarkdown): then `*` and `#` are shown as typed.
    if (deck->pdfpc() && deck->pdfpc()->disableMarkdown) {
        m_notes->setPlainText(notes);
        return;
    }
    // Notes are the speaker's Markdown or plain text; HTML in them is shown as typed, never interpreted.
    m_notes->document()->setMarkdown(notes, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub) |
                                                QTextDocument::MarkdownNoHTML);
}

void PresenterWindow::refreshProjectorState()
{
    m_blankedBadge->setVisible(m_event.isBlanked());
    m_frozenBadge->setVisible(m_event.isFrozen());
    m_joinCardBadge->setVisible(m_event.isJoinCardShown());
}

void PresenterWindow::refreshPollBadge()
{
    const LivePolls *polls = m_event.polls();
    m_chartBadge->setVisible(polls && PollChart::revealedPollId(*polls).has_value());
}

void PresenterWindow::showPollPanel()
{
    if (m_sideTabs && m_pollPanel)
        m_sideTabs->setCurrentWidget(m_pollPanel);
}

void PresenterWindow::refreshQuestionBadge()
{
    const LiveQuestions *questions = m_event.questions();
    m_questionBadge->setVisible(questions && questions->pinnedId().has_value());
}

void PresenterWindow::showQuestionPanel()
{
    if (m_sideTabs && m_questionPanel)
        m_sideTabs->setCurrentWidget(m_questionPanel);
}

void PresenterWindow::refreshQuestionTab(int waiting)
{
    if (!m_sideTabs || !m_questionPanel)
        return;
    m_sideTabs->setTabText(m_sideTabs->indexOf(m_questionPanel),
                           waiting > 0 ? tr("Questions (%1)").arg(waiting) : tr("Questions"));
}

void PresenterWindow::runQuestionKey(Result<> result)
{
    showQuestionPanel();
    if (!result)
        showStatusMessage(result.error());
}

void PresenterWindow::showStatusMessage(const QString &message)
{
    m_statusMessage->setText(message);
    m_statusMessage->setToolTip(message.isEmpty() ? QString() : plainToolTip(message));
    m_statusMessageTimer.start();
}

QString PresenterWindow::statusMessage() const
{
    return m_statusMessage->text();
}

void PresenterWindow::openModeration()
{
    if (!m_server || !m_room) {
        showStatusMessage(tr("Moderation needs the audience server, which is not running in this Lectern."));
        return;
    }
    const bool first = !m_moderation;
    if (first) {
        m_moderation = new ModerationWindow(*m_server, *m_room, this);
        connect(m_moderation, &ModerationWindow::startServerRequested, this, [this] {
            if (!m_serverPanel)
                return;
            if (const Result<> started = m_serverPanel->setServing(true); !started)
                m_moderation->showStartError(started.error());
        });
    }
    // As the Phones tab's switch does: the moderator page comes from the audience server.
    if (!m_server->isListening() && m_serverPanel) {
        if (const Result<> started = m_serverPanel->setServing(true); !started)
            m_moderation->showStartError(started.error());
    }
    if (first) {
        // Beside the console, on its screen: the projector is for the room.
        m_moderation->move(geometry().topLeft() + QPoint(40, 40));
    }
    m_moderation->show();
    m_moderation->raise();
    m_moderation->activateWindow();
}

void PresenterWindow::refreshTimer()
{
    const SessionClock &clock = m_event.clock();
    m_wallClock->setText(m_event.timeSource().now().toLocalTime().toString(u"HH:mm"_s));
    setAccessibleNameIfChanged(m_wallClock, tr("Time: %1").arg(m_wallClock->text()));

    const SessionClock::Phase phase = clock.phase();
    QString phaseName;
    switch (phase) {
    case SessionClock::Phase::BeforeStart:
        phaseName = tr("Before start");
        break;
    case SessionClock::Phase::Talk:
        phaseName = tr("Talk");
        break;
    case SessionClock::Phase::QA:
        phaseName = tr("Q&A");
        break;
    case SessionClock::Phase::Overtime:
        phaseName = tr("Overtime");
        break;
    }
    if (clock.isPaused())
        phaseName = tr("%1 (paused)").arg(phaseName);
    m_phase->setText(phaseName);

    const bool overtime = phase == SessionClock::Phase::Overtime;
    const QString remaining = formatDuration(clock.remainingInPhase());
    m_phaseRemaining->setText(overtime ? tr("+%1").arg(remaining) : remaining);
    setAccessibleNameIfChanged(m_phaseRemaining, overtime ? tr("%1: over by %2").arg(phaseName, remaining)
                                                          : tr("%1: %2 left").arg(phaseName, remaining));
    m_sessionRemaining->setText(overtime ? tr("Session over by %1").arg(formatDuration(-clock.remainingSession()))
                                         : tr("Session: %1 left").arg(formatDuration(clock.remainingSession())));
    const QString state = overtime ? u"overtime"_s : clock.isWarning() ? u"warning"_s : u"normal"_s;
    for (QLabel *label : {m_phase, m_phaseRemaining}) {
        if (label->property("timerState").toString() != state) {
            label->setProperty("timerState", state);
            label->style()->unpolish(label);
            label->style()->polish(label);
        }
    }

    QString pace = u"–"_s;
    QString paceState = u"none"_s;
    const std::shared_ptr<const SlideDeck> deck = m_event.deck();
    if (deck && clock.isStarted() && phase == SessionClock::Phase::Talk) {
        switch (clock.pace(deck->slideNumber(m_event.currentPage()), deck->slideCount())) {
        case SessionClock::Pace::Ahead:
            pace = tr("Ahead");
            paceState = u"ahead"_s;
            break;
        case SessionClock::Pace::OnTime:
            pace = tr("On time");
            paceState = u"ontime"_s;
            break;
        case SessionClock::Pace::Behind:
            pace = tr("Behind");
            paceState = u"behind"_s;
            break;
        }
    }
    m_pace->setText(pace);
    setAccessibleNameIfChanged(m_pace, tr("Pace: %1").arg(pace == u"–"_s ? tr("not measured") : pace));
    if (m_pace->property("pace").toString() != paceState) {
        m_pace->setProperty("pace", paceState);
        m_pace->style()->unpolish(m_pace);
        m_pace->style()->polish(m_pace);
    }
}

void PresenterWindow::showBanner(const QString &message)
{
    setBannerMessage(BannerTopic::Other, message);
}

void PresenterWindow::showStorageFailure(const QString &message)
{
    setBannerMessage(BannerTopic::StorageFailure,
                     tr("The event database refused to store a change: %1 Nothing of it was recorded (phones were "
                        "told to send again); the talk goes on. Free some disk space or check the database file.")
                         .arg(message));
}

void PresenterWindow::setBannerMessage(BannerTopic topic, const QString &text)
{
    if (topic != BannerTopic::Other)
        m_bannerMessages.removeIf([topic](const BannerMessage &message) { return message.topic == topic; });
    const bool shownAlready = std::any_of(m_bannerMessages.cbegin(), m_bannerMessages.cend(),
                                          [&text](const BannerMessage &message) { return message.text == text; });
    if (!text.isEmpty() && !shownAlready)
        m_bannerMessages.append({topic, text});
    refreshBanner();
}

void PresenterWindow::refreshBanner()
{
    QStringList lines;
    for (const BannerMessage &message : std::as_const(m_bannerMessages))
        lines.append(message.text);
    m_bannerText->setText(lines.join(u'\n'));
    m_banner->setVisible(!lines.isEmpty());
}

void PresenterWindow::dismissBanner()
{
    m_bannerMessages.clear();
    refreshBanner();
}

QString PresenterWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

void PresenterWindow::placeOverlays()
{
    for (QWidget *overlay :
         {static_cast<QWidget *>(m_overview), static_cast<QWidget *>(m_goTo), static_cast<QWidget *>(m_help)})
        overlay->setGeometry(m_central->rect());
}

void PresenterWindow::openOverlay(QWidget *overlay)
{
    m_overlayStack.removeAll(overlay);
    m_overlayStack.append(overlay);
    overlay->setGeometry(m_central->rect());
    overlay->show();
    overlay->raise();
}

void PresenterWindow::closeOverlay(QWidget *overlay)
{
    if (!m_overlayStack.removeAll(overlay))
        return;
    overlay->hide();
    // Leave no focus behind in a hidden text field, or the next keys would type into it.
    if (overlay == m_goTo || overlay->isAncestorOf(focusWidget()))
        m_central->setFocus(Qt::OtherFocusReason);
}

bool PresenterWindow::closeTopOverlay()
{
    if (m_overlayStack.isEmpty())
        return false;
    closeOverlay(m_overlayStack.last());
    return true;
}

void PresenterWindow::toggleOverview()
{
    if (m_overlayStack.contains(m_overview)) {
        closeOverlay(m_overview);
        return;
    }
    openOverlay(m_overview);
    m_overview->reset();
}

void PresenterWindow::toggleHelp()
{
    if (m_overlayStack.contains(m_help)) {
        closeOverlay(m_help);
        return;
    }
    openOverlay(m_help);
}

void PresenterWindow::openGoTo()
{
    openOverlay(m_goTo);
    m_goTo->reset();
}

void PresenterWindow::escape()
{
    // Nearest first: what covers the console, then what covers the slide on the projector, then blank/freeze.
    if (closeTopOverlay())
        return;
    if (m_event.closeTopProjectorOverlay())
        return;
    m_event.setBlanked(false);
    m_event.setFrozen(false);
}

void PresenterWindow::setDeckChooser(DeckChooser chooser, PasswordPrompt askPassword)
{
    m_chooseDeck = std::move(chooser);
    m_askPassword = std::move(askPassword);
}

void PresenterWindow::openDeck(const QString &path)
{
    const int generation = ++m_openGeneration;
    m_pendingSession = -1;
    openDeckInBackground(path, this, m_askPassword, this,
                         [this, generation](Result<std::shared_ptr<const SlideDeck>> opened) {
                             if (generation != m_openGeneration)
                                 return; // the speaker has asked for another deck since
                             if (!opened) {
                                 setBannerMessage(BannerTopic::OpenFailure, opened.error());
                                 Q_EMIT deckOpenFailed(opened.error());
                                 return;
                             }
                             setBannerMessage(BannerTopic::OpenFailure, {});
                             if (m_event.sessionIndex() >= 0)
                                 m_event.presentOtherDeck(*opened);
                             else
                                 m_event.present(sessionForDeck(**opened, {}), *opened);
                         });
}

void PresenterWindow::setSessionSwitchConfirmation(SessionSwitchConfirmation confirmation)
{
    m_confirmSwitch = std::move(confirmation);
}

bool PresenterWindow::askToSwitchSession(QWidget *parent, const QString &openPoll, const QString &targetSession)
{
    QMessageBox box(QMessageBox::Question, tr("Switch sessions"),
                    tr("The poll “%1” is still open. Switch to %2 anyway?").arg(openPoll, targetSession),
                    QMessageBox::Yes | QMessageBox::No, parent);
    box.setObjectName(u"sessionSwitchConfirmation"_s);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(tr("Phones then see the polls of the new session."));
    box.button(QMessageBox::Yes)->setText(tr("Switch"));
    box.button(QMessageBox::No)->setText(tr("Stay"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

QString PresenterWindow::sessionName(int sessionIndex) const
{
    const QString title = sessionIndex >= 0 && sessionIndex < m_event.sessionCount()
                              ? m_event.plan().sessions.at(sessionIndex).title
                              : QString();
    return title.isEmpty() ? tr("session %1").arg(sessionIndex + 1)
                           : tr("session %1 “%2”").arg(sessionIndex + 1).arg(title);
}

void PresenterWindow::nextSession()
{
    const int from = m_pendingSession >= 0 ? m_pendingSession : m_event.sessionIndex();
    if (from + 1 >= m_event.sessionCount()) {
        showStatusMessage(m_event.sessionCount() > 1 ? tr("This is the last session of the event.")
                                                     : tr("This event has one session."));
        return;
    }
    goToSession(from + 1);
}

void PresenterWindow::previousSession()
{
    const int from = m_pendingSession >= 0 ? m_pendingSession : m_event.sessionIndex();
    if (from <= 0) {
        showStatusMessage(m_event.sessionCount() > 1 ? tr("This is the first session of the event.")
                                                     : tr("This event has one session."));
        return;
    }
    goToSession(from - 1);
}

void PresenterWindow::goToSession(int sessionIndex)
{
    if (sessionIndex < 0 || sessionIndex >= m_event.sessionCount()) {
        showStatusMessage(tr("This event has no session %1.").arg(sessionIndex + 1));
        return;
    }
    if (sessionIndex == m_event.sessionIndex()) {
        if (m_pendingSession >= 0) {
            // Back to the session on stage while another one's deck opens: that one does not go on stage.
            ++m_openGeneration;
            m_pendingSession = -1;
            showStatusMessage(tr("%1 stays on stage.").arg(sessionName(sessionIndex)));
            return;
        }
        showStatusMessage(tr("%1 is on stage already.").arg(sessionName(sessionIndex)));
        return;
    }
    if (!confirmSessionSwitch(sessionIndex))
        return;
    presentSession(sessionIndex);
}

bool PresenterWindow::confirmSessionSwitch(int sessionIndex)
{
    const LivePolls *polls = m_event.polls();
    if (!polls)
        return true;
    const Result<std::optional<QString>> open = polls->openPollId();
    if (!open || !*open)
        return true;
    const std::optional<Poll> poll = polls->poll(**open);
    const QString question = poll && !poll->question.isEmpty() ? poll->question : **open;
    return m_confirmSwitch && m_confirmSwitch(this, question, sessionName(sessionIndex));
}

void PresenterWindow::presentSession(int sessionIndex)
{
    const QString deckPath = m_event.plan().sessions.at(sessionIndex).deckPath;
    if (deckPath.isEmpty()) {
        failSessionSwitch(tr("%1 has no deck, so it cannot go on stage; give it one in Event ▸ Edit event….")
                              .arg(sessionName(sessionIndex)));
        return;
    }
    const int generation = ++m_openGeneration;
    m_pendingSession = sessionIndex;
    openDeckInBackground(
        deckPath, this, m_askPassword, this,
        [this, generation, sessionIndex, deckPath](Result<std::shared_ptr<const SlideDeck>> opened) {
            if (generation != m_openGeneration)
                return; // another deck or session was asked for since
            m_pendingSession = -1;
            if (!opened) {
                failSessionSwitch(tr("%1 was not put on stage: %2").arg(sessionName(sessionIndex), opened.error()));
                return;
            }
            if (sessionIndex >= m_event.sessionCount() ||
                m_event.plan().sessions.at(sessionIndex).deckPath != deckPath) {
                failSessionSwitch(tr("The event was edited while the deck of %1 opened; nothing changed on stage.")
                                      .arg(sessionName(sessionIndex)));
                return;
            }
            setBannerMessage(BannerTopic::SessionFailure, {});
            setBannerMessage(BannerTopic::OpenFailure, {});
            m_event.present(sessionIndex, *opened);
        });
}

void PresenterWindow::failSessionSwitch(const QString &message)
{
    QString text = message;
    if (m_event.sessionIndex() >= 0)
        text += u' ' + tr("%1 stays on stage.").arg(sessionName(m_event.sessionIndex()));
    setBannerMessage(BannerTopic::SessionFailure, text);
    Q_EMIT sessionSwitchFailed(text);
}

void PresenterWindow::showAgendaPanel()
{
    m_sideTabs->setCurrentWidget(m_agendaPanel);
}

void PresenterWindow::buildMenus(const KeyMap &keys)
{
    QMenuBar *bar = menuBar();
    bar->setObjectName(u"menuBar"_s);
    bar->setAccessibleName(tr("Menu bar"));
    // The key dispatcher runs the keys; the menus show them, and take them only while a menu is open.
    const auto keyedAction = [this, &keys](QMenu *menu, const QString &text, const QString &objectName,
                                           KeyAction action) {
        QAction *item = menu->addAction(text);
        item->setObjectName(objectName);
        if (const QList<QKeySequence> bound = keys.keysFor(action); !bound.isEmpty()) {
            item->setShortcut(bound.constFirst());
            item->setShortcutContext(Qt::WidgetShortcut);
        }
        connect(item, &QAction::triggered, this, [this, action] { perform(action); });
        return item;
    };

    QMenu *eventMenu = bar->addMenu(tr("&Event"));
    eventMenu->setObjectName(u"eventMenu"_s);
    keyedAction(eventMenu, tr("&Edit event…"), u"editEventAction"_s, KeyAction::EditEvent);
    QMenu *exportMenu = eventMenu->addMenu(tr("E&xport"));
    exportMenu->setObjectName(u"exportMenu"_s);
    const auto exportAction = [this, exportMenu](const QString &text, const QString &objectName, ExportFormat format,
                                                 bool sessionOnly) {
        QAction *item = exportMenu->addAction(text);
        item->setObjectName(objectName);
        connect(item, &QAction::triggered, this, [this, format, sessionOnly] { exportEvent(format, sessionOnly); });
    };
    exportAction(tr("&CSV…"), u"exportCsvAction"_s, ExportFormat::Csv, false);
    exportAction(tr("&JSON…"), u"exportJsonAction"_s, ExportFormat::Json, false);
    exportAction(tr("&PDF report…"), u"exportPdfAction"_s, ExportFormat::PdfReport, false);
    exportAction(tr("&Handout of this session…"), u"exportSessionHandoutAction"_s, ExportFormat::Handout, true);
    exportAction(tr("Handout of the &whole event…"), u"exportEventHandoutAction"_s, ExportFormat::Handout, false);
    exportMenu->addSeparator();
    m_leaveNamesOut = exportMenu->addAction(tr("Leave &names out of exports"));
    m_leaveNamesOut->setObjectName(u"leaveNamesOutAction"_s);
    m_leaveNamesOut->setCheckable(true);
    eventMenu->addSeparator();
    keyedAction(eventMenu, tr("&Open deck…"), u"openDeckAction"_s, KeyAction::OpenDeck);
    eventMenu->addSeparator();
    keyedAction(eventMenu, tr("Se&ttings…"), u"settingsAction"_s, KeyAction::Settings);
    eventMenu->addSeparator();
    keyedAction(eventMenu, tr("&Quit"), u"quitAction"_s, KeyAction::Quit);

    QMenu *sessionMenu = bar->addMenu(tr("&Session"));
    sessionMenu->setObjectName(u"sessionMenu"_s);
    m_nextSessionAction = keyedAction(sessionMenu, tr("&Next session"), u"nextSessionAction"_s, KeyAction::NextSession);
    m_previousSessionAction =
        keyedAction(sessionMenu, tr("&Previous session"), u"previousSessionAction"_s, KeyAction::PreviousSession);
    m_goToSessionMenu = sessionMenu->addMenu(tr("&Go to session"));
    m_goToSessionMenu->setObjectName(u"goToSessionMenu"_s);
    sessionMenu->addSeparator();
    QAction *agenda = sessionMenu->addAction(tr("&Agenda"));
    agenda->setObjectName(u"agendaAction"_s);
    connect(agenda, &QAction::triggered, this, &PresenterWindow::showAgendaPanel);
}

void PresenterWindow::refreshSessionMenu()
{
    const int count = m_event.sessionCount();
    const int onStage = m_event.sessionIndex();
    m_nextSessionAction->setEnabled(onStage + 1 < count);
    m_previousSessionAction->setEnabled(onStage > 0);
    m_goToSessionMenu->setEnabled(count > 0);
    QStringList texts;
    for (int index = 0; index < count; ++index) {
        const Session &session = m_event.plan().sessions.at(index);
        QString text = session.title.isEmpty() ? tr("Session %1").arg(index + 1) : session.title;
        if (!session.speaker.isEmpty())
            text = tr("%1 — %2").arg(text, session.speaker);
        // A number as the mnemonic for the first nine; the titles' own ampersands are shown as typed.
        text.replace(u'&', u"&&"_s);
        texts.append(index < 9 ? tr("&%1. %2").arg(index + 1).arg(text) : tr("%1. %2").arg(index + 1).arg(text));
    }
    // The agenda changes with every timer start: the list is made again only when the sessions read differently.
    QList<QAction *> items = m_goToSessionMenu->actions();
    const bool same = std::equal(items.cbegin(), items.cend(), texts.cbegin(), texts.cend(),
                                 [](const QAction *item, const QString &text) { return item->text() == text; });
    if (same) {
        for (int index = 0; index < count; ++index)
            items.at(index)->setChecked(index == onStage);
        return;
    }
    m_goToSessionMenu->clear();
    qDeleteAll(m_goToSessionMenu->findChildren<QActionGroup *>(Qt::FindDirectChildrenOnly));
    auto *group = new QActionGroup(m_goToSessionMenu);
    for (int index = 0; index < count; ++index) {
        QAction *item = m_goToSessionMenu->addAction(texts.at(index));
        item->setObjectName(u"goToSession%1"_s.arg(index + 1));
        item->setCheckable(true);
        item->setChecked(index == onStage);
        item->setActionGroup(group);
        connect(item, &QAction::triggered, this, [this, index] {
            goToSession(index);
            refreshSessionMenu(); // a refused switch leaves the check on the session on stage
        });
    }
}

void PresenterWindow::setDatabasePath(const QString &path)
{
    m_exports->setDatabasePath(path);
}

void PresenterWindow::exportEvent(ExportFormat format, bool sessionOnly)
{
    ExportOptions options;
    options.includeNames = !m_leaveNamesOut->isChecked();
    if (sessionOnly) {
        if (m_event.sessionIndex() < 0) {
            showStatusMessage(tr("No session is on stage."));
            return;
        }
        options.sessionIndex = m_event.sessionIndex();
    }
    const QString source = m_event.planSourcePath();
    const QString directory = source.isEmpty() ? QString() : QFileInfo(source).absolutePath();
    if (m_exports->start(format, options, EventExport::suggestedFileName(m_event.plan(), format, options), directory,
                         this))
        showStatusMessage(tr("Exporting the %1…").arg(ExportRunner::formatTitle(format)));
}

QString PresenterWindow::eventFilePath() const
{
    if (!m_savedEventFilePath.isEmpty())
        return m_savedEventFilePath;
    const QString source = m_event.planSourcePath();
    // As `lectern PATH` reads it: a .json file is an event file, anything else a deck.
    return source.endsWith(u".json"_s, Qt::CaseInsensitive) ? source : QString();
}

EventEditor *PresenterWindow::openEventEditor()
{
    if (m_eventEditor) {
        m_eventEditor->raise();
        m_eventEditor->activateWindow();
        return m_eventEditor;
    }
    if (m_event.sessionCount() == 0) {
        showStatusMessage(tr("There is no event to edit yet: open a deck first."));
        return nullptr;
    }
    auto *editor = new EventEditor(m_event, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setWindowModality(Qt::WindowModal);
    editor->setEventFilePath(eventFilePath());
    connect(editor, &EventEditor::planReplaced, this, &PresenterWindow::onPlanReplaced);
    connect(editor, &EventEditor::eventFileSaved, this, [this](const QString &path) {
        m_savedEventFilePath = path;
        showStatusMessage(tr("Saved the event to %1").arg(QDir::toNativeSeparators(path)));
    });
    m_eventEditor = editor;
    editor->show();
    return editor;
}

EventEditor *PresenterWindow::eventEditor() const
{
    return m_eventEditor.data();
}

SettingsDialog *PresenterWindow::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return m_settingsDialog;
    }
    QStringList screens;
    for (const QScreen *screen : QGuiApplication::screens())
        screens.append(screen->name());
    auto *dialog = new SettingsDialog(screens, nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this,
            [this] { showStatusMessage(tr("Settings saved: they apply from the next time Lectern starts.")); });
    m_settingsDialog = dialog;
    dialog->show();
    return dialog;
}

SettingsDialog *PresenterWindow::settingsDialog() const
{
    return m_settingsDialog.data();
}

void PresenterWindow::onPlanReplaced()
{
    refreshSessionMenu();
    const int onStage = m_event.sessionIndex();
    if (onStage < 0 || onStage >= m_event.sessionCount())
        return;
    const QString planned = m_event.plan().sessions.at(onStage).deckPath;
    const std::shared_ptr<const SlideDeck> deck = m_event.deck();
    // The session on stage got another deck in the editor: it goes on stage with that one.
    if (!planned.isEmpty() && (!deck || QFileInfo(deck->path()) != QFileInfo(planned)))
        presentSession(onStage);
}

QString PresenterWindow::chooseDeckWithDialog(QWidget *parent)
{
    return QFileDialog::getOpenFileName(parent, tr("Open a deck"), QString(), tr("PDF decks (*.pdf *.PDF)"));
}

void PresenterWindow::setQuitConfirmation(QuitConfirmation confirmation)
{
    m_confirmQuit = std::move(confirmation);
}

bool PresenterWindow::askToQuit(QWidget *parent)
{
    QMessageBox box(QMessageBox::Question, tr("Quit Lectern"), tr("Quit the presentation?"),
                    QMessageBox::Yes | QMessageBox::No, parent);
    box.setObjectName(u"quitConfirmation"_s);
    box.button(QMessageBox::Yes)->setText(tr("Quit"));
    box.button(QMessageBox::No)->setText(tr("Keep presenting"));
    box.setDefaultButton(QMessageBox::Yes);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void PresenterWindow::perform(KeyAction action)
{
    switch (action) {
    case KeyAction::Next:
        m_event.next();
        break;
    case KeyAction::Previous:
        m_event.previous();
        break;
    case KeyAction::First:
        m_event.first();
        break;
    case KeyAction::Last:
        m_event.last();
        break;
    case KeyAction::GoToSlide:
        openGoTo();
        break;
    case KeyAction::Overview:
        toggleOverview();
        break;
    case KeyAction::Blank:
        m_event.toggleBlanked();
        break;
    case KeyAction::Freeze:
        m_event.toggleFrozen();
        break;
    case KeyAction::TimerStart:
        m_event.clock().start();
        break;
    case KeyAction::TimerPauseResume:
        m_event.clock().togglePause();
        break;
    case KeyAction::TimerReset:
        m_event.clock().reset();
        break;
    case KeyAction::SwapScreens:
        Q_EMIT swapScreensRequested();
        break;
    case KeyAction::Reload:
        m_event.reloadDeck();
        break;
    case KeyAction::OpenDeck:
        if (const QString path = m_chooseDeck ? m_chooseDeck(this) : QString(); !path.isEmpty())
            openDeck(path);
        break;
    case KeyAction::NextSession:
        nextSession();
        break;
    case KeyAction::PreviousSession:
        previousSession();
        break;
    case KeyAction::EditEvent:
        openEventEditor();
        break;
    case KeyAction::PollOpenClose:
        if (m_pollPanel) {
            showPollPanel();
            m_pollPanel->toggleOpen();
        }
        break;
    case KeyAction::PollReveal:
        if (m_pollPanel) {
            showPollPanel();
            m_pollPanel->toggleRevealed();
        }
        break;
    case KeyAction::JoinCard:
        m_event.toggleJoinCard();
        break;
    case KeyAction::QuestionPinNext:
    case KeyAction::QuestionUnpin:
    case KeyAction::QuestionUndo:
        if (!m_questionPanel) {
            showStatusMessage(tr("There are no audience questions in this Lectern."));
            break;
        }
        runQuestionKey(action == KeyAction::QuestionPinNext ? m_questionPanel->pinNext()
                       : action == KeyAction::QuestionUnpin ? m_questionPanel->unpin()
                                                            : m_questionPanel->undo());
        break;
    case KeyAction::Moderation:
        openModeration();
        break;
    case KeyAction::Escape:
        escape();
        break;
    case KeyAction::Help:
        toggleHelp();
        break;
    case KeyAction::Settings:
        openSettings();
        break;
    case KeyAction::Quit:
        if (m_confirmQuit && m_confirmQuit(this))
            Q_EMIT quitRequested();
        break;
    }
}

void PresenterWindow::closeEvent(QCloseEvent *event)
{
    QMainWindow::closeEvent(event);
    // A moderation window left open would keep Lectern running with its console gone.
    if (m_moderation)
        m_moderation->close();
    Q_EMIT closed();
}

} // namespace Lectern
