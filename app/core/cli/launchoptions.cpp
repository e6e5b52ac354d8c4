#include "cli/launchoptions.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QRegularExpression>

#include <cstddef>
#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

/** The connection x11DisplayReachable() keeps open until releaseDisplayProbe(); -1 when none. */
int displayProbe = -1;

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        CommandLine::tr("Lectern: a presenter console and projector for PDF talks, with a session timer."));
    parser.addPositionalArgument(u"deck"_s,
                                 CommandLine::tr("The PDF deck or the event file (*.lectern.json) to present. "
                                                 "\"lectern export --help\" tells how to export results."),
                                 u"[deck.pdf | event.lectern.json]"_s);
    parser.addOption({u"demo"_s, CommandLine::tr("Present the built-in demo deck (a Robust Python evening).")});
    parser.addOption({u"talk"_s, CommandLine::tr("Talk time, e.g. 15m, 90s, 1h30m or 20 (minutes). Beats the .pdfpc."),
                      CommandLine::tr("duration")});
    parser.addOption({u"qa"_s, CommandLine::tr("Q&A time after the talk, e.g. 5m."), CommandLine::tr("duration")});
    parser.addOption({u"warn"_s, CommandLine::tr("Warn this long before the end of the talk, e.g. 3m."),
                      CommandLine::tr("duration")});
    parser.addOption({u"db"_s,
                      CommandLine::tr("The event database (votes, room code, phones) to use instead of the default "
                                      "one beside Lectern's data; with --demo, instead of a fresh one."),
                      CommandLine::tr("path")});
    parser.addOption({u"serve"_s, CommandLine::tr("Start the audience server for phones at launch.")});
    parser.addOption({u"listen"_s,
                      CommandLine::tr("Start the audience server on this IPv4 address and port, e.g. "
                                      "0.0.0.0:8080; a port already taken is an error."),
                      CommandLine::tr("address:port")});
    parser.addOption({u"reset-settings"_s,
                      CommandLine::tr("Put the settings (times, port, language, screen, keys, audience limits) back "
                                      "to the defaults and say what was removed; alone, exit after that.")});
    parser.addOption({{u"h"_s, u"help"_s}, CommandLine::tr("Show this help and exit.")});
    parser.addOption({{u"v"_s, u"version"_s}, CommandLine::tr("Show the version and exit.")});
}

Result<std::optional<std::chrono::seconds>> durationOption(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return std::optional<std::chrono::seconds>();
    const QString value = parser.value(name);
    const auto parsed = parseDuration(value);
    if (!parsed)
        return fail(u"--%1: "_s.arg(name) + parsed.error());
    return std::optional(*parsed);
}

Result<ListenAddress> listenAddress(const QString &value)
{
    // Four dotted numbers, a colon and a port: QHostAddress alone would also take "10.1" or "::1".
    static const QRegularExpression form(u"^(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})$"_s);
    const QRegularExpressionMatch match = form.match(value.trimmed());
    const QHostAddress address(match.captured(1));
    const uint port = match.captured(2).toUInt();
    if (!match.hasMatch() || address.protocol() != QAbstractSocket::IPv4Protocol)
        return fail(CommandLine::tr("--listen: \"%1\" is not an IPv4 address and port such as 0.0.0.0:8080 or "
                                    "192.168.1.20:8080")
                        .arg(value));
    if (port < 1 || port > 65535)
        return fail(CommandLine::tr("--listen: the port %1 is not from 1 to 65535").arg(match.captured(2)));
    ListenAddress listen;
    listen.address = address;
    listen.port = quint16(port);
    return listen;
}

Result<LaunchOptions> parseExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CommandLine::tr(
        "Exports an event's polls and questions: CSV, JSON, a PDF report or a handout (the deck with the results)."));
    parser.addPositionalArgument(u"export"_s, CommandLine::tr("The export command."), u"export"_s);
    parser.addPositionalArgument(
        u"event"_s, CommandLine::tr("The event file (*.lectern.json), the deck, or the event database."), u"EVENT"_s);
    parser.addOption({u"format"_s, CommandLine::tr("csv, json, pdf (the report) or handout."), u"format"_s});
    parser.addOption({u"output"_s, CommandLine::tr("The file to write."), CommandLine::tr("path")});
    parser.addOption({u"session"_s, CommandLine::tr("Only this session (1 for the first)."), u"N"_s});
    parser.addOption({u"without-names"_s, CommandLine::tr("Leave the askers' display names out.")});
    parser.addOption({u"db"_s, CommandLine::tr("The event database, when not the event file's default one."),
                      CommandLine::tr("path")});
    parser.addOption({{u"h"_s, u"help"_s}, CommandLine::tr("Show this help and exit.")});
    if (!parser.parse(arguments))
        return fail(parser.errorText());

    LaunchOptions options;
    if (parser.isSet(u"help"_s)) {
        options.mode = LaunchOptions::Mode::ShowHelp;
        options.helpText = parser.helpText();
        return options;
    }
    options.mode = LaunchOptions::Mode::Export;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return fail(CommandLine::tr("export: give one event file or database, e.g. lectern export evening.lectern.json "
                                    "--format pdf --output report.pdf"));
    ExportRequest &request = options.exportRequest;
    request.eventPath = positional.at(1);
    if (!parser.isSet(u"format"_s))
        return fail(CommandLine::tr("export: --format is missing (csv, json, pdf or handout)"));
    request.format = parser.value(u"format"_s);
    if (!parser.isSet(u"output"_s) || parser.value(u"output"_s).trimmed().isEmpty())
        return fail(CommandLine::tr("export: --output is missing (the file to write)"));
    request.outputPath = parser.value(u"output"_s);
    if (parser.isSet(u"session"_s)) {
        bool isNumber = false;
        const int number = parser.value(u"session"_s).toInt(&isNumber);
        if (!isNumber || number < 1)
            return fail(CommandLine::tr("export: --session takes a session number from 1, not \"%1\"")
                            .arg(parser.value(u"session"_s)));
        request.sessionNumber = number;
    }
    request.includeNames = !parser.isSet(u"without-names"_s);
    request.databasePath = parser.value(u"db"_s);
    return options;
}

} // namespace

bool CommandLine::asksForExport(const QStringList &arguments)
{
    return arguments.size() > 1 && arguments.at(1) == u"export"_s;
}

Result<LaunchOptions> CommandLine::parse(const QStringList &arguments)
{
    if (asksForExport(arguments))
        return parseExport(arguments);
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments))
        return fail(parser.errorText());

    LaunchOptions options;
    if (parser.isSet(u"help"_s)) {
        options.mode = LaunchOptions::Mode::ShowHelp;
        options.helpText = parser.helpText();
        return options;
    }
    if (parser.isSet(u"version"_s)) {
        options.mode = LaunchOptions::Mode::ShowVersion;
        return options;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return fail(tr("Give one deck, not %1.").arg(positional.size()));
    options.demo = parser.isSet(u"demo"_s);
    if (!positional.isEmpty())
        options.deckPath = positional.first();
    if (options.demo && !options.deckPath.isEmpty())
        return fail(tr("Give either a deck or --demo, not both."));
    options.resetSettings = parser.isSet(u"reset-settings"_s);
    if (options.resetSettings && !options.demo && options.deckPath.isEmpty()) {
        // Options that only matter while presenting would be silently dropped: say so instead.
        for (const QString &presenting : {u"talk"_s, u"qa"_s, u"warn"_s, u"db"_s, u"serve"_s, u"listen"_s}) {
            if (parser.isSet(presenting))
                return fail(
                    tr("--%1 needs a deck or --demo to present; --reset-settings alone only resets.").arg(presenting));
        }
        options.mode = LaunchOptions::Mode::ResetSettings;
        return options;
    }
    if (!options.demo && options.deckPath.isEmpty())
        return fail(tr("No deck given: run \"lectern deck.pdf\" or \"lectern evening.lectern.json\", or \"lectern "
                       "--demo\" for the demo."));

    const auto talk = durationOption(parser, u"talk"_s);
    if (!talk)
        return fail(talk.error());
    const auto qa = durationOption(parser, u"qa"_s);
    if (!qa)
        return fail(qa.error());
    const auto warn = durationOption(parser, u"warn"_s);
    if (!warn)
        return fail(warn.error());
    options.timing.talkTime = *talk;
    options.timing.qaTime = *qa;
    options.timing.warningTime = *warn;

    if (parser.isSet(u"db"_s)) {
        options.databasePath = parser.value(u"db"_s);
        if (options.databasePath.trimmed().isEmpty())
            return fail(tr("--db: give the path of the event database, e.g. --db evening.sqlite"));
    }
    options.serve = parser.isSet(u"serve"_s);
    if (parser.isSet(u"listen"_s)) {
        const Result<ListenAddress> listen = listenAddress(parser.value(u"listen"_s));
        if (!listen)
            return fail(listen.error());
        options.listen = *listen;
        options.serve = true;
    }
    return options;
}

bool CommandLine::asksOnlyForText(const QStringList &arguments)
{
    for (const QString &argument : arguments.sliced(qMin<qsizetype>(1, arguments.size()))) {
        if (argument == u"-h"_s || argument == u"--help"_s || argument == u"-v"_s || argument == u"--version"_s)
            return true;
        if (argument == u"--"_s)
            break;
    }
    return false;
}

bool CommandLine::asksOnlyToResetSettings(const QStringList &arguments)
{
    if (asksForExport(arguments))
        return false;
    // Nothing to present: parse() then resets, or says which presenting option has no deck; neither needs a display.
    QCommandLineParser parser;
    addOptions(parser);
    return parser.parse(arguments) && parser.isSet(u"reset-settings"_s) && !parser.isSet(u"demo"_s) &&
           parser.positionalArguments().isEmpty();
}

bool CommandLine::hasDisplay(const QStringList &arguments)
{
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    const bool otherThanX11 = !platform.isEmpty() && !platform.startsWith(u"xcb"_s);
    if (otherThanX11 || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") || arguments.contains(u"-platform"_s) ||
        arguments.contains(u"--platform"_s))
        return true;
    const QString display = qEnvironmentVariable("DISPLAY");
    return !display.isEmpty() && x11DisplayReachable(display);
}

bool CommandLine::x11DisplayReachable(const QString &display)
{
    // Qt aborts when it cannot connect to $DISPLAY; a local display is checked here first so that Lectern can
    // say what is wrong instead. A remote one (host:N, as ssh forwarding sets) is left to Qt.
    static const QRegularExpression localDisplay(u"^(?:unix)?:(\\d+)(?:\\.\\d+)?$"_s);
    const QRegularExpressionMatch match = localDisplay.match(display);
    if (!match.hasMatch())
        return true;
    const QByteArray socketPath = "/tmp/.X11-unix/X" + match.captured(1).toLatin1();
    const auto connects = [](const QByteArray &path, bool abstract) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return false;
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const qsizetype offset = abstract ? 1 : 0; // Linux's abstract namespace starts with a NUL byte
        const qsizetype length = qMin<qsizetype>(path.size(), qsizetype(sizeof(address.sun_path)) - 1 - offset);
        std::memcpy(address.sun_path + offset, path.constData(), size_t(length));
        const auto addressLength = socklen_t(offsetof(sockaddr_un, sun_path) + offset + length);
        const bool connected = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), addressLength) == 0;
        if (!connected) {
            ::close(fd);
            return false;
        }
        releaseDisplayProbe();
        displayProbe = fd;
        return true;
    };
    return connects(socketPath, false) || connects(socketPath, true);
}

void CommandLine::releaseDisplayProbe()
{
    if (displayProbe >= 0)
        ::close(displayProbe);
    displayProbe = -1;
}

QString CommandLine::noDisplayMessage()
{
    return tr("lectern: no display found (DISPLAY and WAYLAND_DISPLAY are not set, or DISPLAY cannot be reached). "
              "Lectern needs a screen; "
              "on a machine without one, run it under a virtual display: xvfb-run -a -s \"-screen 0 2560x1080x24\" "
              "lectern --demo");
}

} // namespace Lectern
