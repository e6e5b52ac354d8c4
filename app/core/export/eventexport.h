#pragma once

#include "export/eventrecord.h"
#include "result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFuture>
#include <QIODevice>
#include <QString>

#include <optional>

namespace Lectern {

/** The export formats (`lectern export --format`). */
enum class ExportFormat { Csv, Json, PdfReport, Handout };

/** What an export leaves out or narrows to. */
struct ExportOptions
{
    /** False: the askers' display names are left out (device tokens and addresses never go out). */
    bool includeNames = true;
    /** One session only (0-based); unset: every session. */
    std::optional<int> sessionIndex;
};

/**
 * Exports an event's record: CSV (one table of poll options and questions), JSON (the whole event, schema in
 * export/EXPORT.md), a printable PDF report (polls with bar charts, questions by votes, timing; Japanese fonts
 * embedded) and a handout (the decks with a results page after each poll's slide, deck pages kept as vector
 * pages, assembled with qpdf). The PDF formats need a QGuiApplication (fonts); any thread may run them.
 */
class EventExport
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::EventExport)

public:
    /** "csv", "json", "pdf", "handout" → the format; anything else is an error listing these. */
    static Result<ExportFormat> parseFormat(const QString &name);
    static QString formatName(ExportFormat format);
    /** The file suffix and MIME type of a format's output. */
    static QString fileSuffix(ExportFormat format);
    static QByteArray mimeType(ExportFormat format);
    /** A file name for a download: "robust-python-evening-results.csv". */
    static QString suggestedFileName(const Event &event, ExportFormat format, const ExportOptions &options);

    /** The export's bytes. */
    static Result<QByteArray> render(const EventRecord &record, ExportFormat format, const ExportOptions &options);

    /**
     * Opens the database at databasePath with its own connection (any thread), reads the record and renders it.
     * For the CLI and for background exports while the event runs (SQLite WAL: the app keeps writing).
     */
    static Result<QByteArray> renderFromDatabase(const QString &databasePath, ExportFormat format,
                                                 const ExportOptions &options);
    /** renderFromDatabase() on a worker thread. */
    static QFuture<Result<QByteArray>> renderInBackground(const QString &databasePath, ExportFormat format,
                                                          const ExportOptions &options);
};

} // namespace Lectern
