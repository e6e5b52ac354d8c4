#pragma once

#include "model/listenaddress.h"
#include "model/timingsources.h"
#include "result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace Lectern {

/** `lectern export EVENT --format F --output PATH`: what to export, from where, to where. */
struct ExportRequest
{
    QString eventPath;    ///< an event file, a deck, or an event database (*.sqlite)
    QString databasePath; ///< --db: the database of an event file, instead of its default one
    QString format;       ///< csv, json, pdf or handout (checked by EventExport::parseFormat)
    QString outputPath;
    std::optional<int> sessionNumber; ///< --session N, 1-based
    bool includeNames = true;         ///< false with --without-names
};

/** What the command line asks Lectern to do. */
struct LaunchOptions
{
    enum class Mode { Present, ShowHelp, ShowVersion, Export, ResetSettings };
    Mode mode = Mode::Present;
    QString deckPath; ///< empty with --demo
    bool demo = false;
    /** Timing given on the command line; it beats the event file and the .pdfpc. */
    TimingOverrides timing;
    /** --db: the event database to use; empty for the default one (or, with --demo, a fresh one). */
    QString databasePath;
    /** --serve (or --listen): start the audience server at launch. */
    bool serve = false;
    /** --listen ADDR:PORT: where the audience server listens; a taken port is then an error. */
    std::optional<ListenAddress> listen;
    /**
     * --reset-settings: the settings file goes back to the defaults first. Alone it is Mode::ResetSettings (reset,
     * say what was removed, exit); with a deck or --demo, Lectern then presents as usual.
     */
    bool resetSettings = false;
    /** The text for --help. */
    QString helpText;
    /** Mode::Export: the export asked for. */
    ExportRequest exportRequest;
};

/** Parses Lectern's command line (QCommandLineParser); a usage error is a one-line message. */
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::CommandLine)

public:
    static Result<LaunchOptions> parse(const QStringList &arguments);
    /** True when the arguments ask for `lectern export …`, which needs no display. */
    static bool asksForExport(const QStringList &arguments);
    /** True when the arguments only ask for text (--help, --version), so no display is needed. */
    static bool asksOnlyForText(const QStringList &arguments);
    /**
     * True when the arguments ask for --reset-settings and nothing to present, so no display is needed (parse() then
     * gives Mode::ResetSettings, or the error of an option that needs a deck).
     */
    static bool asksOnlyToResetSettings(const QStringList &arguments);
    /**
     * True when a graphical session is reachable: a local X display that accepts connections, Wayland, or a
     * platform chosen explicitly (QT_QPA_PLATFORM, or -platform among the arguments).
     */
    static bool hasDisplay(const QStringList &arguments = {});
    /**
     * True when the X server of a local DISPLAY (":0", "unix:1.0") accepts a connection; true for remote ones. The
     * probe's connection stays open until releaseDisplayProbe(): an X server whose last client leaves resets
     * (Xvfb does), and a reset while Qt connects makes Qt abort.
     */
    static bool x11DisplayReachable(const QString &display);
    /** Closes the probe's connection (call once QApplication has its own). */
    static void releaseDisplayProbe();
    /** What to tell a person who started Lectern without a display. */
    static QString noDisplayMessage();
};

} // namespace Lectern
