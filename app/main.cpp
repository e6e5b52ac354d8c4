// Wires Lectern together: parse the command line, open the deck, build the live state and the windows.
#include "cli/exportcommand.h"
#include "cli/launchoptions.h"
#include "deckopener.h"
#include "demo/demodeck.h"
#include "event/audienceroom.h"
#include "event/eventsetup.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "event/sessionsetup.h"
#include "export/eventexport.h"
#include "keymap.h"
#include "model/eventfile.h"
#include "presentation.h"
#include "server/audienceserver.h"
#include "settings/preferences.h"
#include "slides/rendercache.h"
#include "storage/database.h"
#include "timer/clock.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QSettings>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdio>
#include <memory>
#include <optional>

#include <unistd.h>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

void printLine(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
}

/** The settings file's preferences; the application and organization names must be set (they name the file). */
Preferences::Loaded loadPreferences()
{
    return Preferences::load(QSettings());
}

/**
 * Lectern's and Qt's translations for the language of the settings (the system's unless one is chosen), in place of
 * those installed before (the settings were reset).
 */
void installTranslations(QCoreApplication &app, const Preferences &preferences)
{
    for (QTranslator *installed : app.findChildren<QTranslator *>(Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(installed);
        delete installed;
    }
    const QLocale locale = preferences.locale().value_or(QLocale::system());
    QLocale::setDefault(locale);
    auto *lectern = new QTranslator(&app);
    if (lectern->load(locale, u"lectern"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(lectern);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

/** --reset-settings: empties the settings file and says on stdout what it removed. */
Result<> resetSettings()
{
    QSettings settings;
    const Result<QStringList> removed = Preferences::reset(settings);
    if (!removed)
        return fail(removed.error());
    const QString file = QDir::toNativeSeparators(settings.fileName());
    if (removed->isEmpty())
        printLine(stdout, QCoreApplication::translate("main", "lectern: the settings were the defaults already (%1 has "
                                                              "none); nothing to reset.")
                              .arg(file));
    else
        printLine(stdout, QCoreApplication::translate("main", "lectern: settings reset to the defaults; removed from "
                                                              "%1: %2")
                              .arg(file, removed->join(u", "_s)));
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    if (CommandLine::asksForExport(arguments) && !CommandLine::asksOnlyForText(arguments)) {
        // The PDF formats draw with QPdfWriter (fonts need a QGuiApplication); no screen is needed or used.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // Without a session (cron, ssh as root) Qt would warn on stderr and use this same folder.
        if (!qEnvironmentVariableIsSet("XDG_RUNTIME_DIR")) {
            const QString runtime = QDir::tempPath() + u"/runtime-"_s + QString::number(geteuid());
            if (QDir().mkpath(runtime) &&
                QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
                qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
        }
        QGuiApplication app(argc, argv);
        // A command for scripts: stderr carries the one line of an error, not Lectern's progress messages.
        if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
            QLoggingCategory::setFilterRules(u"lectern.*.debug=false\nlectern.*.info=false"_s);
        QCoreApplication::setApplicationName(u"lectern"_s);
        QCoreApplication::setOrganizationName(u"Lectern"_s);
        installTranslations(app, loadPreferences().preferences);
        // The arguments as given: QGuiApplication takes some of its own out (--session is X11's session manager's).
        const auto options = CommandLine::parse(arguments);
        if (!options) {
            printLine(stderr, u"lectern: "_s + options.error());
            return ExportCommand::kExitUsage;
        }
        if (const Result<ExportFormat> format = EventExport::parseFormat(options->exportRequest.format); !format) {
            printLine(stderr, u"lectern: "_s + format.error());
            return ExportCommand::kExitUsage;
        }
        if (const Result<> exported = ExportCommand::run(options->exportRequest); !exported) {
            printLine(stderr, u"lectern: "_s + exported.error());
            return ExportCommand::kExitFailed;
        }
        return ExportCommand::kExitOk;
    }

    if (CommandLine::asksOnlyForText(arguments) || CommandLine::asksOnlyToResetSettings(arguments)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(u"lectern"_s);
        QCoreApplication::setOrganizationName(u"Lectern"_s);
        QCoreApplication::setApplicationVersion(QStringLiteral(LECTERN_VERSION));
        installTranslations(app, loadPreferences().preferences);
        const auto options = CommandLine::parse(QCoreApplication::arguments());
        if (!options) {
            printLine(stderr, u"lectern: "_s + options.error());
            return 2;
        }
        if (options->mode == LaunchOptions::Mode::ResetSettings) {
            if (const Result<> reset = resetSettings(); !reset) {
                printLine(stderr, u"lectern: "_s + reset.error());
                return 1;
            }
            return 0;
        }
        printLine(stdout, options->mode == LaunchOptions::Mode::ShowHelp ? options->helpText
                                                                         : u"lectern "_s + app.applicationVersion());
        return 0;
    }

    if (!CommandLine::hasDisplay(arguments)) {
        QCoreApplication app(argc, argv); // for the translation of the message
        QCoreApplication::setApplicationName(u"lectern"_s);
        QCoreApplication::setOrganizationName(u"Lectern"_s);
        installTranslations(app, loadPreferences().preferences);
        printLine(stderr, CommandLine::noDisplayMessage());
        return 3;
    }

    // Qt's poll()-based event loop instead of GLib's: with thousands of phone sockets, GLib looks each socket up
    // in a list of all of them on every write (measured: a third of the server's time at 2,000 phones).
    const bool glibChosen = qEnvironmentVariableIsSet("QT_NO_GLIB");
    if (!glibChosen)
        qputenv("QT_NO_GLIB", "1");
    // Qt WebEngine (the moderation window) shares OpenGL contexts with the widgets, and Chromium's sandbox refuses
    // to run as root: both must be settled before QApplication.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    if (geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    QApplication app(argc, argv);
    CommandLine::releaseDisplayProbe(); // Qt holds its own connection to the display now
    if (!glibChosen) // read once by QApplication; programs started from Lectern (a browser, a file manager) keep GLib
        qunsetenv("QT_NO_GLIB");
    QCoreApplication::setApplicationName(u"lectern"_s);
    QCoreApplication::setOrganizationName(u"Lectern"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LECTERN_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral(LECTERN_APP_ID));
    QGuiApplication::setApplicationDisplayName(u"Lectern"_s);
    // The settings: read once here, again only after --reset-settings emptied them.
    Preferences::Loaded preferences = loadPreferences();
    installTranslations(app, preferences.preferences);

    // After QApplication has taken its own options (-platform, -style, -reverse …) out of the list.
    const auto options = CommandLine::parse(QCoreApplication::arguments());
    if (!options) {
        printLine(stderr, u"lectern: "_s + options.error());
        return 2;
    }
    if (options->resetSettings) {
        if (const Result<> reset = resetSettings(); !reset) {
            printLine(stderr, u"lectern: "_s + reset.error());
            return 1;
        }
        preferences = loadPreferences();
        installTranslations(app, preferences.preferences); // the console in the language the settings now give
    }
    // A value that does not read is named, and that one setting keeps its default.
    const KeyMap::Applied keys = KeyMap::withBindings(preferences.preferences.keyBindings);
    for (const QString &problem : preferences.problems + keys.problems)
        printLine(stderr, u"lectern: "_s + problem);

    // The demo's event (four decks and the event file) and its fresh database live here and are removed at exit.
    std::optional<QTemporaryDir> demoDirectory;
    QString planPath = options->deckPath;
    if (options->demo) {
        // Planned to start now, so that the agenda of a demo run is on time.
        const auto written = DemoDeck::write(demoDirectory.emplace().path(), QDateTime::currentDateTime());
        if (!written) {
            printLine(stderr, u"lectern: "_s + written.error());
            return 2;
        }
        planPath = *written;
    }

    // An event file is the plan of an evening; a deck alone is a one-session event (with its sidecar, if any).
    const bool isEventFile = planPath.endsWith(u".json"_s, Qt::CaseInsensitive);
    Result<Event> plan = isEventFile ? readEventFile(planPath) : eventForDeck(planPath);
    if (!plan) {
        printLine(stderr, u"lectern: "_s + plan.error());
        return 2;
    }
    if (plan->sessions.isEmpty()) {
        printLine(stderr,
                  u"lectern: "_s + QCoreApplication::translate("main", "%1: the event has no sessions to present")
                                       .arg(QDir::toNativeSeparators(planPath)));
        return 2;
    }
    QString databasePath = options->databasePath;
    if (databasePath.isEmpty())
        databasePath = options->demo ? demoDirectory->filePath(u"demo.sqlite"_s) : defaultDatabasePath(planPath);
    Database database;
    if (const Result<> opened = database.open(databasePath); !opened) {
        printLine(stderr, u"lectern: "_s + opened.error());
        return 2;
    }

    SystemClock clock;
    LiveEvent event(clock);
    event.setDatabase(&database);
    // Timing: the command line beats the event file (a deck alone also takes its .pdfpc's, below).
    for (Session &session : plan->sessions)
        session.timing = resolveTiming({options->timing, overridesOf(session.timing)});
    // The file the plan came from, where the event editor saves it: the event file, or a deck's sidecar.
    QString planSource = planPath;
    if (!isEventFile && QFileInfo::exists(EventFile::sidecarPath(planPath)))
        planSource = EventFile::sidecarPath(planPath);
    if (const Result<> opened = event.openPlan(*plan, QFileInfo(planSource).absoluteFilePath()); !opened) {
        printLine(stderr, u"lectern: "_s + opened.error());
        return 2;
    }
    // After a crash or a quit, the event goes on with the session that was on stage.
    const int sessionIndex = qBound(0, event.recordedSessionIndex().value_or(0), event.sessionCount() - 1);
    const QString deckPath = event.plan().sessions.at(sessionIndex).deckPath;
    if (deckPath.isEmpty()) {
        printLine(stderr, u"lectern: "_s + QCoreApplication::translate("main", "%1: session %2 names no deck")
                                               .arg(planPath)
                                               .arg(sessionIndex + 1));
        return 2;
    }
    const auto deck = openDeckInteractively(deckPath);
    if (!deck) {
        printLine(stderr, u"lectern: "_s + deck.error());
        return 2;
    }
    if (!isEventFile) {
        Event withDeck = event.plan();
        // The settings' default times come last: below the command line and the deck's .pdfpc.
        withDeck.sessions[sessionIndex] = sessionForDeck(**deck, options->timing, withDeck.sessions.at(sessionIndex),
                                                         preferences.preferences.timing());
        event.setPlan(withDeck, event.planSourcePath());
    }

    AudienceRoom room(database, clock);
    if (const Result<> loaded = room.load(); !loaded) {
        printLine(stderr, u"lectern: "_s + loaded.error());
        return 2;
    }
    LivePolls polls(database, clock);
    LiveQuestions questions(database, clock);
    event.setPolls(&polls);
    event.setQuestions(&questions);
    // The organizer's limits from Lectern's settings file ([audience] group); a bad value is named, defaults used.
    Result<ServerLimits> limits = ServerLimits::fromSettings(QSettings());
    if (!limits) {
        printLine(stderr, u"lectern: "_s + limits.error());
        limits = ServerLimits();
    }
    AudienceServer server(polls, room, *limits);
    server.setQuestions(&questions);
    server.setEvent(&event);
    server.setDatabasePath(database.path());
    RenderCache cache;

    event.present(sessionIndex, *deck);

    // --listen beats the settings' port; without either, the server picks one (the event's last, 8080 or the next).
    std::optional<ListenAddress> listen = options->listen;
    if (!listen && preferences.preferences.audiencePort)
        listen = ListenAddress{QHostAddress(QHostAddress::AnyIPv4), preferences.preferences.audiencePort};

    Presentation presentation(event, cache, keys.keys, &server, &room);
    presentation.setDatabasePath(QFileInfo(databasePath).absoluteFilePath());
    presentation.setProjectorScreen(preferences.preferences.projectorScreen);
    if (listen)
        presentation.setListenAddress(*listen);
    presentation.show();
    if (options->serve) {
        if (const Result<> started = server.start(listen.value_or(ListenAddress{})); !started)
            printLine(stderr, u"lectern: "_s + started.error());
    }
    return app.exec();
}
