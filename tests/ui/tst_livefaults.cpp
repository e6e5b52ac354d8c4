// Faults that strike a talk in progress (issue 7), on the console and projector as the app builds them: the audience
// server's port taken, the projector unplugged and plugged back, and the deck file replaced, overwritten with garbage,
// truncated or deleted. The talk goes on through each, and the console says what happened. Run with
// -platform offscreen:configfile=laptop-and-projector.json (see CMakeLists.txt): a laptop left of a 1080p projector.
// The test unplugs and plugs the projector through the offscreen platform's own screen configuration, which removes and
// adds the QScreen as a real platform reports it.

#include "event/livepolls.h"
#include "event/livequestions.h"
#include "keymap.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "server/audienceserver.h"
#include "serverpanel.h"
#include "slideview.h"
#include "uitestconsole.h"
#include "uitestdeck.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScreen>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

#include <qpa/qplatformnativeinterface.h>

#include <algorithm>
#include <memory>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 10'000;

/** The screens of the offscreen platform now (its configuration's "screens"). */
QJsonObject platformConfiguration()
{
    QPlatformNativeInterface *native = QGuiApplication::platformNativeInterface();
    using Read = QJsonObject (*)(QPlatformNativeInterface *);
    const auto read = reinterpret_cast<Read>(native->nativeResourceForIntegration("configuration"));
    return read ? read(native) : QJsonObject();
}

/**
 * Gives the offscreen platform these screens: one no longer listed is removed (its QScreen goes, as when a cable is
 * pulled), a new one is added, as the platform reports a screen plugged in.
 */
bool setScreens(const QJsonArray &screens)
{
    QPlatformNativeInterface *native = QGuiApplication::platformNativeInterface();
    using Write = void (*)(const QJsonObject &, QPlatformNativeInterface *);
    const auto write = reinterpret_cast<Write>(native->nativeResourceForIntegration("setConfiguration"));
    if (!write)
        return false;
    QJsonObject configuration = platformConfiguration();
    configuration.insert(u"screens"_s, screens);
    write(configuration, native);
    return true;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/** Replaces path by writing bytes next to it and renaming over it, as editors and LaTeX do. */
bool replaceAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

} // namespace

class TestLiveFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void takenPortIsSaidOnTheConsoleAndTheSlidesGoOn();
    void projectorUnpluggedMidTalkAndPluggedBack();
    void deckReplacedWithAnotherDeckReloadsOnTheSameSlide();
    void deckOverwrittenWithGarbageStaysOnScreen();
    void truncatedDeckLeavesAUsableDeckOnScreen();
    void deletedDeckIsSaidAndTheSlidesStay();

private:
    /** Presses the key on the console and checks that the slides moved to page (console and projector). */
    void pressAndLandOn(Qt::Key key, int page);
    /** Every page of the deck on stage, on the console: its picture arrives, or its error card says why. */
    void everyPageRendersOrSaysWhy();
    QScreen *screenNamed(const QString &name) const;

    QTemporaryDir m_dir;
    QString m_deckPath;
    QByteArray m_deckBytes;
    std::unique_ptr<LecternUiTest::ConsoleCore> m_core;
    std::unique_ptr<Presentation> m_presentation;
    PresenterWindow *m_console = nullptr;
    ProjectorWindow *m_projector = nullptr;
    QJsonArray m_screens; ///< the laptop and the projector, as configured at start
};

void TestLiveFaults::initTestCase()
{
    QVERIFY2(QGuiApplication::screens().size() == 2,
             "run with -platform offscreen:configfile=laptop-and-projector.json");
    QCOMPARE(QGuiApplication::primaryScreen()->name(), u"laptop"_s);
    m_screens = platformConfiguration().value(u"screens"_s).toArray();
    QCOMPARE(m_screens.size(), 2);
    QVERIFY(m_dir.isValid());
}

void TestLiveFaults::init()
{
    // A fresh folder per test: the deck watcher sees only this test's files.
    m_deckPath = m_dir.filePath(u"%1/talk.pdf"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    QVERIFY(QDir().mkpath(QFileInfo(m_deckPath).absolutePath()));
    QVERIFY(LecternUiTest::writeDeck(m_deckPath, 6));
    m_deckBytes = readAll(m_deckPath);
    m_core = std::make_unique<LecternUiTest::ConsoleCore>();
    const Result<> opened = m_core->open(LecternUiTest::ConsoleCore::Questions::With);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
    auto deck = SlideDeck::open(m_deckPath);
    QVERIFY(deck);
    Session session;
    session.title = u"The talk goes on"_s;
    session.deckPath = m_deckPath;
    m_core->event->present(session, *deck);
    m_presentation = std::make_unique<Presentation>(*m_core->event, *m_core->cache, KeyMap::defaults(),
                                                    m_core->server.get(), m_core->room.get());
    m_console = m_presentation->console();
    m_projector = m_presentation->projector();
    m_presentation->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_console));
    QVERIFY(QTest::qWaitForWindowExposed(m_projector));
}

void TestLiveFaults::cleanup()
{
    m_presentation.reset();
    m_console = nullptr;
    m_projector = nullptr;
    m_core.reset();
    // A projector left unplugged by a failed test is plugged back for the next one.
    QVERIFY(setScreens(m_screens));
}

QScreen *TestLiveFaults::screenNamed(const QString &name) const
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    const auto found =
        std::find_if(screens.cbegin(), screens.cend(), [&](const QScreen *screen) { return screen->name() == name; });
    return found == screens.cend() ? nullptr : *found;
}

void TestLiveFaults::pressAndLandOn(Qt::Key key, int page)
{
    QTest::keyClick(m_console, key);
    QCOMPARE(m_core->event->currentPage(), page);
    QCOMPARE(m_console->currentSlideView()->page(), page);
    QCOMPARE(m_projector->slideView()->page(), page);
    QTRY_COMPARE_WITH_TIMEOUT(m_projector->slideView()->shownImagePage(), page, kTimeoutMs);
}

void TestLiveFaults::everyPageRendersOrSaysWhy()
{
    const std::shared_ptr<const SlideDeck> deck = m_core->event->deck();
    QVERIFY(deck);
    for (int page = 0; page < deck->pageCount(); ++page) {
        m_core->event->goToPage(page);
        SlideView *view = m_console->currentSlideView();
        QCOMPARE(view->page(), page);
        QTRY_VERIFY_WITH_TIMEOUT(view->shownImagePage() == page || view->isShowingError(), kTimeoutMs);
        if (view->isShowingError())
            QVERIFY(!view->errorText().isEmpty());
    }
    m_core->event->goToPage(0);
}

void TestLiveFaults::takenPortIsSaidOnTheConsoleAndTheSlidesGoOn()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 port = squatter.serverPort();
    // As lectern --listen 127.0.0.1:PORT starts the server at launch, not through the console.
    QVERIFY(!m_core->server->start(ListenAddress{QHostAddress(QHostAddress::LocalHost), port}));
    QVERIFY(!m_core->server->isListening());

    const QString banner = m_console->bannerText();
    QVERIFY2(banner.startsWith(u"Phones cannot join: "_s), qPrintable(banner));
    QVERIFY2(banner.contains(QString::number(port)), qPrintable(banner));
    const QString state = m_console->serverPanel()->stateText();
    QVERIFY2(state.startsWith(u"Failed: "_s) && state.contains(QString::number(port)), qPrintable(state));
    QVERIFY(!m_console->serverPanel()->servingSwitch()->isChecked());

    // The slides keep working.
    pressAndLandOn(Qt::Key_Right, 1);
    pressAndLandOn(Qt::Key_Right, 2);

    // The port freed, the Phones tab's switch starts the server: the warning goes.
    squatter.close();
    m_console->serverPanel()->setListenAddress({QHostAddress(QHostAddress::LocalHost), port});
    QVERIFY(m_console->serverPanel()->setServing(true));
    QVERIFY(m_core->server->isListening());
    QCOMPARE(m_core->server->port(), port);
    QCOMPARE(m_console->bannerText(), QString());
    QCOMPARE(m_console->serverPanel()->stateText(), u"Listening on port %1"_s.arg(port));
}

void TestLiveFaults::projectorUnpluggedMidTalkAndPluggedBack()
{
    QScreen *laptop = screenNamed(u"laptop"_s);
    QVERIFY(laptop);
    const auto describe = [this] {
        return u"projector window on %1, full screen %2, visible %3, geometry %4,%5 %6x%7"_s
            .arg(m_projector->windowHandle()->screen()->name())
            .arg(m_projector->isFullScreen())
            .arg(m_projector->isVisible())
            .arg(m_projector->geometry().x())
            .arg(m_projector->geometry().y())
            .arg(m_projector->geometry().width())
            .arg(m_projector->geometry().height());
    };
    const auto projectorIsFullScreenOn = [this](QScreen *screen) {
        return m_projector->windowHandle()->screen() == screen && m_projector->isFullScreen() &&
               m_projector->isVisible() && m_projector->geometry() == screen->geometry();
    };

    // The talk begins with the projector plugged in: the projector window is full screen on it.
    QScreen *projector = screenNamed(u"projector"_s);
    QVERIFY(projector);
    QTRY_VERIFY2_WITH_TIMEOUT(projectorIsFullScreenOn(projector), qPrintable(describe()), kTimeoutMs);
    QCOMPARE(m_console->windowHandle()->screen(), laptop);
    pressAndLandOn(Qt::Key_Right, 1);

    // Unplugged mid-talk: the projector window comes to the laptop, beside the console, and the talk goes on.
    QVERIFY(setScreens(QJsonArray{m_screens.at(0)}));
    QCOMPARE(QGuiApplication::screens().size(), 1);
    QVERIFY(!screenNamed(u"projector"_s));
    QTRY_VERIFY2_WITH_TIMEOUT(m_projector->windowHandle()->screen() == laptop && m_projector->isVisible() &&
                                  !m_projector->isFullScreen() && laptop->geometry().contains(m_projector->geometry()),
                              qPrintable(describe()), kTimeoutMs);
    QVERIFY(m_presentation->placement() && m_presentation->placement()->projector.screenIndex == 0);
    QCOMPARE(m_console->windowHandle()->screen(), laptop);
    QVERIFY(m_console->isVisible());
    QVERIFY(laptop->geometry().contains(m_console->geometry()));
    // Side by side as the placement says: the console on the left half (it may be wider than half, its minimum width),
    // the projector window on the right half, where the speaker sees what the room would.
    QCOMPARE(m_projector->geometry(), m_presentation->placement()->projector.geometry);
    QCOMPARE(m_console->geometry().topLeft(), m_presentation->placement()->console.geometry.topLeft());
    QVERIFY(!m_console->isMaximized());
    QVERIFY(m_projector->geometry().left() > m_console->geometry().left());
    QVERIFY(QTest::qWaitForWindowExposed(m_projector));
    pressAndLandOn(Qt::Key_Right, 2);
    pressAndLandOn(Qt::Key_Left, 1);

    // Plugged back: full screen on it again; the keys still work, in either window.
    QVERIFY(setScreens(m_screens));
    projector = screenNamed(u"projector"_s);
    QVERIFY(projector);
    QTRY_VERIFY2_WITH_TIMEOUT(projectorIsFullScreenOn(projector), qPrintable(describe()), kTimeoutMs);
    QCOMPARE(m_console->windowHandle()->screen(), laptop);
    pressAndLandOn(Qt::Key_Right, 2);
    QTest::keyClick(m_projector, Qt::Key_Right);
    QCOMPARE(m_core->event->currentPage(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(m_projector->slideView()->shownImagePage(), 3, kTimeoutMs);
}

void TestLiveFaults::deckReplacedWithAnotherDeckReloadsOnTheSameSlide()
{
    pressAndLandOn(Qt::Key_Right, 1);
    pressAndLandOn(Qt::Key_Right, 2);
    pressAndLandOn(Qt::Key_Right, 3);
    const std::shared_ptr<const SlideDeck> before = m_core->event->deck();
    const QString label = before->page(3).label;

    // The speaker's editor writes a longer version of the deck and renames it over the file.
    const QString draft = m_dir.filePath(u"draft.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(draft, 9));
    QVERIFY(replaceAtomically(m_deckPath, readAll(draft)));
    QTRY_VERIFY_WITH_TIMEOUT(m_core->event->deck() != before, kTimeoutMs);
    QCOMPARE(m_core->event->deck()->pageCount(), 9);
    QCOMPARE(m_core->event->deck()->page(m_core->event->currentPage()).label, label);
    QCOMPARE(m_console->bannerText(), QString());
    everyPageRendersOrSaysWhy();
    pressAndLandOn(Qt::Key_End, 8);
}

void TestLiveFaults::deckOverwrittenWithGarbageStaysOnScreen()
{
    pressAndLandOn(Qt::Key_Right, 1);
    const std::shared_ptr<const SlideDeck> before = m_core->event->deck();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"reload failed"_s));
    // Overwritten in place, as a broken copy from a USB stick would.
    QVERIFY(LecternUiTest::writeFile(m_deckPath, QByteArray(4096, 'x')));
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->bannerText().isEmpty(), kTimeoutMs);
    QVERIFY2(m_console->bannerText().contains(QFileInfo(m_deckPath).fileName()), qPrintable(m_console->bannerText()));
    QCOMPARE(m_core->event->deck(), before);
    QCOMPARE(m_core->event->currentPage(), 1);
    everyPageRendersOrSaysWhy();
    pressAndLandOn(Qt::Key_Right, 1);
    pressAndLandOn(Qt::Key_Right, 2);

    // The deck written back whole is reloaded, on the same slide, and the warning goes.
    QVERIFY(replaceAtomically(m_deckPath, m_deckBytes));
    QTRY_VERIFY_WITH_TIMEOUT(m_core->event->deck() != before, kTimeoutMs);
    QCOMPARE(m_core->event->currentPage(), 2);
    QCOMPARE(m_console->bannerText(), QString());
}

void TestLiveFaults::truncatedDeckLeavesAUsableDeckOnScreen()
{
    pressAndLandOn(Qt::Key_Right, 1);
    const std::shared_ptr<const SlideDeck> before = m_core->event->deck();
    // A copy that stopped halfway: poppler may refuse it (the deck on screen stays) or read what is left.
    QVERIFY(LecternUiTest::writeFile(m_deckPath, m_deckBytes.left(m_deckBytes.size() / 2)));
    QTRY_VERIFY_WITH_TIMEOUT(!m_console->bannerText().isEmpty() || m_core->event->deck() != before, kTimeoutMs);
    if (m_core->event->deck() == before)
        QVERIFY2(m_console->bannerText().contains(QFileInfo(m_deckPath).fileName()),
                 qPrintable(m_console->bannerText()));
    qInfo("the truncated deck was %s", m_core->event->deck() == before ? "refused" : "read");
    everyPageRendersOrSaysWhy();
    QTest::keyClick(m_console, Qt::Key_End);
    QCOMPARE(m_core->event->currentPage(), m_core->event->deck()->lastVisiblePage());
    QTest::keyClick(m_console, Qt::Key_Home);
    QCOMPARE(m_core->event->currentPage(), m_core->event->deck()->firstVisiblePage());
}

void TestLiveFaults::deletedDeckIsSaidAndTheSlidesStay()
{
    pressAndLandOn(Qt::Key_Right, 1);
    pressAndLandOn(Qt::Key_Right, 2);
    const std::shared_ptr<const SlideDeck> before = m_core->event->deck();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"the deck file is gone"_s));
    QVERIFY(QFile::remove(m_deckPath));
    QTRY_VERIFY_WITH_TIMEOUT(m_console->bannerText().contains(u"was deleted or moved away"_s), kTimeoutMs);
    QVERIFY2(m_console->bannerText().contains(QFileInfo(m_deckPath).fileName()), qPrintable(m_console->bannerText()));
    QCOMPARE(m_core->event->deck(), before);
    QCOMPARE(m_core->event->currentPage(), 2);
    everyPageRendersOrSaysWhy();
    pressAndLandOn(Qt::Key_Right, 1);
    pressAndLandOn(Qt::Key_End, 5);

    // Put back: reloaded on the same slide, the warning gone.
    QVERIFY(replaceAtomically(m_deckPath, m_deckBytes));
    QTRY_VERIFY_WITH_TIMEOUT(m_core->event->deck() != before, kTimeoutMs);
    QCOMPARE(m_core->event->currentPage(), 5);
    QCOMPARE(m_console->bannerText(), QString());
}

QTEST_MAIN(TestLiveFaults)
#include "tst_livefaults.moc"
