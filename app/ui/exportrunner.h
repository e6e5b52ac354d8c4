#pragma once

#include "export/eventexport.h"
#include "result.h"

#include <QObject>
#include <QString>

#include <functional>

class QWidget;

namespace Lectern {

/**
 * Runs the console's exports: asks where to save (a file dialog by default), renders the event's record from its
 * database on a worker (EventExport::renderInBackground) and writes the file there too (QSaveFile), then reports
 * exported() or exportFailed() on the UI thread. The UI thread never waits; several exports may run at once.
 */
class ExportRunner : public QObject
{
    Q_OBJECT

public:
    /** Asks where to save an export, suggestedPath being the proposal; an empty path means cancelled. */
    using PathChooser = std::function<QString(QWidget *parent, ExportFormat format, const QString &suggestedPath)>;

    explicit ExportRunner(QObject *parent = nullptr);
    ~ExportRunner() override;

    /** The event's database, read with a connection of the worker's own; empty: exports say they need one. */
    void setDatabasePath(const QString &path) { m_databasePath = path; }
    QString databasePath() const { return m_databasePath; }
    /** Replaces the save dialog, for tests. */
    void setPathChooser(PathChooser chooser);
    static QString choosePathWithDialog(QWidget *parent, ExportFormat format, const QString &suggestedPath);

    /**
     * Asks for the path (suggestedFileName in directory) and starts the export; false when cancelled or it cannot
     * start (then exportFailed() has said why).
     */
    bool start(ExportFormat format, const ExportOptions &options, const QString &suggestedFileName,
               const QString &directory, QWidget *parent);
    /** Starts the export to path without asking. */
    void exportTo(ExportFormat format, const ExportOptions &options, const QString &path);
    /** Exports started and not yet finished. */
    int runningCount() const { return m_running; }

    /** A format's name in words ("CSV", "PDF report"…). */
    static QString formatTitle(ExportFormat format);

Q_SIGNALS:
    /** The file is written; message says what went where ("Exported the CSV to PATH"). */
    void exported(const QString &path, const QString &message);
    /** Rendering or writing failed; message says which export and why. Nothing was written to path. */
    void exportFailed(const QString &message);

private:
    QString m_databasePath;
    PathChooser m_choosePath;
    int m_running = 0;
};

} // namespace Lectern
