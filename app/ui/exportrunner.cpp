#include "exportrunner.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

/** Writes bytes to path atomically (any thread): an interrupted write leaves the old file, or none. */
Result<> writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ExportRunner::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(ExportRunner::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace

ExportRunner::ExportRunner(QObject *parent)
    : QObject(parent)
    , m_choosePath(&ExportRunner::choosePathWithDialog)
{}

ExportRunner::~ExportRunner() = default;

void ExportRunner::setPathChooser(PathChooser chooser)
{
    m_choosePath = std::move(chooser);
}

QString ExportRunner::formatTitle(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return tr("CSV");
    case ExportFormat::Json:
        return tr("JSON");
    case ExportFormat::PdfReport:
        return tr("PDF report");
    case ExportFormat::Handout:
        return tr("handout");
    }
    return {};
}

QString ExportRunner::choosePathWithDialog(QWidget *parent, ExportFormat format, const QString &suggestedPath)
{
    const QString suffix = EventExport::fileSuffix(format);
    const QString filter = tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix);
    QString path =
        QFileDialog::getSaveFileName(parent, tr("Export the %1").arg(formatTitle(format)), suggestedPath, filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += u'.' + suffix;
    return path;
}

bool ExportRunner::start(ExportFormat format, const ExportOptions &options, const QString &suggestedFileName,
                         const QString &directory, QWidget *parent)
{
    if (m_databasePath.isEmpty()) {
        Q_EMIT exportFailed(
            tr("The %1 cannot be exported: this Lectern keeps no event database.").arg(formatTitle(format)));
        return false;
    }
    const QString suggested = QDir(directory.isEmpty() ? QDir::homePath() : directory).filePath(suggestedFileName);
    const QString path = m_choosePath ? m_choosePath(parent, format, suggested) : QString();
    if (path.isEmpty())
        return false;
    exportTo(format, options, path);
    return true;
}

void ExportRunner::exportTo(ExportFormat format, const ExportOptions &options, const QString &path)
{
    ++m_running;
    const QString title = formatTitle(format);
    // Rendering and writing both run on the worker: the continuation runs where the render finished.
    QFuture<Result<>> written =
        EventExport::renderInBackground(m_databasePath, format, options).then([path](Result<QByteArray> rendered) {
            if (!rendered)
                return Result<>(fail(rendered.error()));
            return writeAtomically(path, *rendered);
        });
    auto *watcher = new QFutureWatcher<Result<>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path, title] {
        watcher->deleteLater();
        --m_running;
        const Result<> result = watcher->future().isValid() && watcher->future().resultCount() > 0
                                    ? watcher->result()
                                    : Result<>(fail(tr("the export was cancelled")));
        if (!result) {
            Q_EMIT exportFailed(tr("The %1 was not exported: %2").arg(title, result.error()));
            return;
        }
        Q_EMIT exported(path, tr("Exported the %1 to %2").arg(title, QDir::toNativeSeparators(path)));
    });
    watcher->setFuture(written);
}

} // namespace Lectern
