// Wires Lectern together: parse the command line, open the deck, build the live state and the windows.
#include "cli/launchoptions.h"
#include "deckopener.h"
#include "demo/demodeck.h"
#include "event/liveevent.h"
#include "event/sessionsetup.h"
#include "keymap.h"
#include "presentation.h"
#include "slides/rendercache.h"
#include "timer/clock.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdio>
#include <memory>
#include <optional>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

void printLine(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
}

void installTranslations(QCoreApplication &app)
{
    auto *lectern = new QTranslator(&app);
    if (lectern->load(QLocale(), u"lectern"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(lectern);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    if (CommandLine::asksOnlyForText(arguments)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(u"lectern"_s);
        QCoreApplication::setApplicationVersion(QStringLiteral(LECTERN_VERSION));
        installTranslations(app);
        const auto options = CommandLine::parse(QCoreApplication::arguments());
        if (!options) {
            printLine(stderr, u"lectern: "_s + options.error());
            return 2;
        }
        printLine(stdout, options->mode == LaunchOptions::Mode::ShowHelp ? options->helpText
                                                                         : u"lectern "_s + app.applicationVersion());
        return 0;
    }

    if (!CommandLine::hasDisplay(arguments)) {
        QCoreApplication app(argc, argv); // for the translation of the message
        installTranslations(app);
        printLine(stderr, CommandLine::noDisplayMessage());
        return 3;
    }

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"lectern"_s);
    QCoreApplication::setOrganizationName(u"Lectern"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LECTERN_VERSION));
    QGuiApplication::setApplicationDisplayName(u"Lectern"_s);
    installTranslations(app);

    // After QApplication has taken its own options (-platform, -style, -reverse …) out of the list.
    const auto options = CommandLine::parse(QCoreApplication::arguments());
    if (!options) {
        printLine(stderr, u"lectern: "_s + options.error());
        return 2;
    }

    std::optional<QTemporaryDir> demoDirectory; // removed at exit with the demo deck in it
    QString deckPath = options->deckPath;
    if (options->demo) {
        const auto written = DemoDeck::write(demoDirectory.emplace().path());
        if (!written) {
            printLine(stderr, u"lectern: "_s + written.error());
            return 2;
        }
        deckPath = *written;
    }

    const auto deck = openDeckInteractively(deckPath);
    if (!deck) {
        printLine(stderr, u"lectern: "_s + deck.error());
        return 2;
    }

    SystemClock clock;
    LiveEvent event(clock);
    RenderCache cache;

    const Session plan = options->demo ? DemoDeck::session(deckPath) : Session{};
    event.present(sessionForDeck(**deck, options->timing, plan), *deck);

    const KeyMap keys = KeyMap::defaults();
    Presentation presentation(event, cache, keys);
    presentation.show();
    return app.exec();
}
