// lectern-bench: measures the presenter on one deck and prints the figures README's performance section
// quotes. Not a test: it has no pass/fail, it measures. Run it through run-benchmarks.sh.
//
//   lectern-bench DECK.pdf [--flips 200] [--warmup 20] [--burst-rate 20]
//
// 1. cold start: from main() to both windows (console and projector) on screen, and to both having painted
//    the first slide;
// 2. flips: key press → both windows repainted, with the neighbours already pre-rendered (p50/p99);
// 3. burst: presses at --burst-rate per second through the whole deck, then the time from the last press
//    until both windows show the last page;
// 4. RSS after visiting every page (each painted on both windows), and the peak RSS.
#include "event/liveevent.h"
#include "event/sessionsetup.h"
#include "keymap.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "processstatus.h"
#include "projectorwindow.h"
#include "slides/rendercache.h"
#include "slides/slidedeck.h"
#include "slideview.h"
#include "timer/clock.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QKeyEvent>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

QElapsedTimer sinceMain;

/** Milliseconds since the kernel started this process (exec), from /proc: includes dynamic loading. */
double millisecondsSinceProcessStart()
{
    QFile stat(u"/proc/self/stat"_s);
    QFile uptime(u"/proc/uptime"_s);
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    // Field 22 is the start time in clock ticks after boot; the command name (field 2) may contain spaces.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();
    const double uptimeSeconds = uptime.readAll().split(' ').first().toDouble();
    return (uptimeSeconds - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
}

/** Waits until both views have painted pageIndex; returns the milliseconds waited, -1 on time-out. */
double waitUntilPainted(SlideView *a, SlideView *b, int pageIndex, int timeoutMs = 60000)
{
    QElapsedTimer waited;
    waited.start();
    bool aDone = a->paintedPage() == pageIndex;
    bool bDone = b->paintedPage() == pageIndex;
    if (aDone && bDone)
        return 0;
    QEventLoop loop;
    QObject::connect(a, &SlideView::framePainted, &loop, [&](int page) {
        aDone = page == pageIndex;
        if (aDone && bDone)
            loop.quit();
    });
    QObject::connect(b, &SlideView::framePainted, &loop, [&](int page) {
        bDone = page == pageIndex;
        if (aDone && bDone)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return aDone && bDone ? double(waited.nsecsElapsed()) / 1e6 : -1;
}

/** Waits (without measuring) until the cache holds pageIndex at the size each view asks for. */
bool waitUntilCached(const RenderCache &cache, const QList<SlideView *> &views, int pageIndex, int timeoutMs = 60000)
{
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeoutMs) {
        const bool all = std::all_of(views.begin(), views.end(), [&](SlideView *view) {
            return !cache.cached(pageIndex, cache.fittedSize(pageIndex, view->requestedPixelSize())).isNull();
        });
        if (all)
            return true;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return false;
}

void press(QWidget *window, Qt::Key key)
{
    QKeyEvent down(QEvent::KeyPress, key, Qt::NoModifier);
    QKeyEvent up(QEvent::KeyRelease, key, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &down);
    QCoreApplication::sendEvent(window, &up);
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values.at(index);
}

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    sinceMain.start();
    QApplication app(argc, argv);

    QCommandLineParser parser;
    parser.addPositionalArgument(u"deck"_s, u"The PDF to measure."_s);
    parser.addOption({u"flips"_s, u"Measured flips."_s, u"n"_s, u"200"_s});
    parser.addOption({u"warmup"_s, u"Flips before measuring."_s, u"n"_s, u"20"_s});
    parser.addOption({u"burst-rate"_s, u"Key presses per second in the burst."_s, u"n"_s, u"20"_s});
    parser.addHelpOption();
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);

    const auto deck = SlideDeck::open(parser.positionalArguments().first());
    if (!deck) {
        std::fputs(qPrintable(deck.error().message + u'\n'), stderr);
        return 2;
    }

    SystemClock clock;
    LiveEvent event(clock);
    RenderCache cache;
    event.present(sessionForDeck(**deck, {}), *deck);
    const KeyMap keys = KeyMap::defaults();
    Presentation presentation(event, cache, keys);
    presentation.show();

    SlideView *consoleView = presentation.console()->currentSlideView();
    SlideView *projectorView = presentation.projector()->slideView();
    QWidget *console = presentation.console();

    // The windows are on screen (mapped and exposed) before the first slide is drawn into them.
    QElapsedTimer exposing;
    exposing.start();
    while (!(console->windowHandle() && console->windowHandle()->isExposed() &&
             presentation.projector()->windowHandle() && presentation.projector()->windowHandle()->isExposed()) &&
           exposing.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const double exposedMs = double(sinceMain.nsecsElapsed()) / 1e6;

    if (waitUntilPainted(consoleView, projectorView, event.currentPage()) < 0) {
        std::fputs("the first slide was never painted\n", stderr);
        return 1;
    }
    const double startMs = double(sinceMain.nsecsElapsed()) / 1e6;
    const double sinceExecMs = millisecondsSinceProcessStart();

    print(u"deck: %1 (%2 pages), platform %3, console %4x%5 px @%6x, projector %7x%8 px @%9x"_s
              .arg(parser.positionalArguments().first())
              .arg((*deck)->pageCount())
              .arg(QGuiApplication::platformName())
              .arg(consoleView->requestedPixelSize().width())
              .arg(consoleView->requestedPixelSize().height())
              .arg(consoleView->requestedDevicePixelRatio())
              .arg(projectorView->requestedPixelSize().width())
              .arg(projectorView->requestedPixelSize().height())
              .arg(projectorView->requestedDevicePixelRatio()));
    print(u"cold start (from main) to both windows on screen: %1 ms; to the first slide painted in both: %2 ms "
          u"(%3 ms from exec, 10 ms resolution)"_s.arg(exposedMs, 0, 'f', 1)
              .arg(startMs, 0, 'f', 1)
              .arg(sinceExecMs, 0, 'f', 0));

    // Flips with pre-rendered neighbours: wait until the next page is in the cache at both windows' sizes,
    // as it is when a speaker spends a few seconds on a slide, then press and time both repaints.
    const int warmup = parser.value(u"warmup"_s).toInt();
    const int flips = parser.value(u"flips"_s).toInt();
    QList<double> flipMs;
    int timeouts = 0;
    for (int i = 0; i < warmup + flips; ++i) {
        if (event.currentPage() == (*deck)->lastVisiblePage()) {
            press(console, Qt::Key_Home);
            waitUntilPainted(consoleView, projectorView, event.currentPage());
        }
        const int target = (*deck)->nextPage(event.currentPage());
        waitUntilCached(cache, {consoleView, projectorView}, target);
        QElapsedTimer flip;
        flip.start();
        press(console, Qt::Key_Right);
        const double waited = waitUntilPainted(consoleView, projectorView, target);
        if (waited < 0)
            ++timeouts;
        else if (i >= warmup)
            flipMs.append(double(flip.nsecsElapsed()) / 1e6);
    }
    print(u"flip, key press to both windows repainted (%1 flips after %2 warm-up): p50 %3 ms, p99 %4 ms, max %5 ms%6"_s
              .arg(flipMs.size())
              .arg(warmup)
              .arg(percentile(flipMs, 0.50), 0, 'f', 2)
              .arg(percentile(flipMs, 0.99), 0, 'f', 2)
              .arg(percentile(flipMs, 1.0), 0, 'f', 2)
              .arg(timeouts ? u", %1 timed out"_s.arg(timeouts) : QString()));

    // The burst: from the first page to the last at burst-rate presses per second.
    press(console, Qt::Key_Home);
    waitUntilPainted(consoleView, projectorView, event.currentPage());
    const int rate = std::max(1, parser.value(u"burst-rate"_s).toInt());
    const int abortsBefore = cache.abortCount();
    const int rendersBefore = cache.renderCount();
    int presses = 0;
    QElapsedTimer sinceLastPress;
    QEventLoop burst;
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    pacer.setInterval(1000 / rate);
    QObject::connect(&pacer, &QTimer::timeout, &burst, [&] {
        press(console, Qt::Key_Right);
        ++presses;
        if (event.currentPage() == (*deck)->lastVisiblePage()) {
            sinceLastPress.start();
            pacer.stop();
            burst.quit();
        }
    });
    pacer.start();
    burst.exec();
    const double settleMs = waitUntilPainted(consoleView, projectorView, event.currentPage());
    const double lastPressToShown = settleMs < 0 ? -1 : double(sinceLastPress.nsecsElapsed()) / 1e6;
    print(u"burst of %1 presses at %2/s: last page shown on both windows %3 ms after the last press "
          u"(%4 renders finished, %5 aborted)"_s.arg(presses)
              .arg(rate)
              .arg(lastPressToShown, 0, 'f', 1)
              .arg(cache.renderCount() - rendersBefore)
              .arg(cache.abortCount() - abortsBefore));

    // Every page shown once on both windows (the burst aborted most renders), then the memory figures.
    press(console, Qt::Key_Home);
    waitUntilPainted(consoleView, projectorView, event.currentPage());
    int visited = 1;
    while (event.currentPage() != (*deck)->lastVisiblePage()) {
        press(console, Qt::Key_Right);
        if (waitUntilPainted(consoleView, projectorView, event.currentPage()) >= 0)
            ++visited;
    }
    print(u"RSS after visiting every page (%1 pages painted on both windows): %2 MB; peak RSS: %3 MB; "
          u"cache %4 of %5 MB"_s.arg(visited)
              .arg(Bench::statusMebibytes("VmRSS"), 0, 'f', 1)
              .arg(Bench::statusMebibytes("VmHWM"), 0, 'f', 1)
              .arg(double(cache.bytesUsed()) / 1048576.0, 0, 'f', 1)
              .arg(double(cache.byteBudget()) / 1048576.0, 0, 'f', 1));
    return 0;
}
