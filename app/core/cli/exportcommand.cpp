#include "cli/exportcommand.h"
#include "event/eventsetup.h"
#include "export/eventexport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

/** SQLite's files begin with these 16 bytes. */
bool isSqliteFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArrayLiteral("SQLite format 3\0");
}

} // namespace

Result<QString> ExportCommand::databaseFor(const ExportRequest &request)
{
    const QString event = request.eventPath;
    if (!QFileInfo(event).isFile())
        return fail(tr("%1: no such file").arg(QDir::toNativeSeparators(event)));
    if (isSqliteFile(event)) {
        if (!request.databasePath.isEmpty())
            return fail(tr("%1 is an event database already: leave --db out").arg(QDir::toNativeSeparators(event)));
        return event;
    }
    const QString database = request.databasePath.isEmpty() ? defaultDatabasePath(event) : request.databasePath;
    if (!QFileInfo(database).isFile())
        return fail(tr("%1 has no record yet (no database at %2): present it first, or give its database with --db")
                        .arg(QDir::toNativeSeparators(event), QDir::toNativeSeparators(database)));
    if (!isSqliteFile(database))
        return fail(tr("%1 is not an event database").arg(QDir::toNativeSeparators(database)));
    return database;
}

Result<> ExportCommand::run(const ExportRequest &request)
{
    const Result<ExportFormat> format = EventExport::parseFormat(request.format);
    if (!format)
        return fail(format.error());
    const Result<QString> database = databaseFor(request);
    if (!database)
        return fail(database.error());
    ExportOptions options;
    options.includeNames = request.includeNames;
    if (request.sessionNumber)
        options.sessionIndex = *request.sessionNumber - 1;
    const Result<QByteArray> bytes = EventExport::renderFromDatabase(*database, *format, options);
    if (!bytes)
        return fail(bytes.error());

    QSaveFile output(request.outputPath);
    if (!output.open(QIODevice::WriteOnly) || output.write(*bytes) != bytes->size() || !output.commit())
        return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(request.outputPath), output.errorString()));
    return {};
}

} // namespace Lectern
