#pragma once

#include "cli/launchoptions.h"
#include "result.h"

#include <QCoreApplication>
#include <QString>

namespace Lectern {

/**
 * `lectern export`: finds the event's database (the one given, the event file's or deck's default one, or --db),
 * renders the export and writes it atomically (QSaveFile). Needs a QGuiApplication for the PDF formats (the
 * offscreen platform does: no display).
 */
class ExportCommand
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::ExportCommand)

public:
    /** Exit codes: the export was written, the command line was wrong, the export could not be made. */
    static constexpr int kExitOk = 0;
    static constexpr int kExitFailed = 1;
    static constexpr int kExitUsage = 2;

    /** The database an export of eventPath reads: eventPath itself when it is an SQLite file, else its default. */
    static Result<QString> databaseFor(const ExportRequest &request);
    /** Runs the export; the error is one line for the terminal. */
    static Result<> run(const ExportRequest &request);
};

} // namespace Lectern
