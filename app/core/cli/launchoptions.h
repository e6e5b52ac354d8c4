#pragma once

#include "model/listenaddress.h"
#include "model/timingsources.h"
#include "result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace Lectern {

/** What the command line asks Lectern to do. */
struct LaunchOptions
{
    enum class Mode { Present, ShowHelp, ShowVersion };
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
    /** The text for --help. */
    QString helpText;
};

/** Parses Lectern's command line (QCommandLineParser); a usage error is a one-line message. */
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::CommandLine)

public:
    static Result<LaunchOptions> parse(const QStringList &arguments);
    /** True when the arguments only ask for text (--help, --version), so no display is needed. */
    static bool asksOnlyForText(const QStringList &arguments);
    /**
     * True when a graphical session is reachable: a local X display that accepts connections, Wayland, or a
     * platform chosen explicitly (QT_QPA_PLATFORM, or -platform among the arguments).
     */
    static bool hasDisplay(const QStringList &arguments = {});
    /** True when the X server of a local DISPLAY (":0", "unix:1.0") accepts a connection; true for remote ones. */
    static bool x11DisplayReachable(const QString &display);
    /** What to tell a person who started Lectern without a display. */
    static QString noDisplayMessage();
};

} // namespace Lectern
