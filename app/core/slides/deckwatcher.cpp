#include "slides/deckwatcher.h"

#include "slides/pdfpcfile.h"
#include "slides/slideslogging.h"

#include <QFileInfo>

namespace Lectern {

DeckWatcher::DeckWatcher(QObject *parent)
    : QObject(parent)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(std::chrono::milliseconds(300));
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this](const QString &path) {
        if (path == m_deckPath || path == PdfpcFile::sidecarPath(m_deckPath)) {
            m_filesTouched = true;
            m_settle.start();
        }
    });
    // The folder changes when an editor or LaTeX replaces the file (which ends the file's own watch) and
    // when any other file in it changes; the settle step tells them apart by looking at the files.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_settle.start(); });
    connect(&m_settle, &QTimer::timeout, this, &DeckWatcher::settled);
}

void DeckWatcher::watch(const QString &deckPath)
{
    m_settle.stop();
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    if (!watched.isEmpty())
        m_watcher.removePaths(watched);
    m_deckPath = deckPath;
    m_filesTouched = false;
    m_removalReported = false;
    m_stamp = currentStamp();
    if (!m_deckPath.isEmpty())
        rearm();
}

void DeckWatcher::setSettleTime(std::chrono::milliseconds settle)
{
    m_settle.setInterval(settle);
}

void DeckWatcher::rearm()
{
    // Always watch the file that is at the path now: after a replace, the old watch follows the old file.
    const QString sidecar = PdfpcFile::sidecarPath(m_deckPath);
    for (const QString &path : {m_deckPath, sidecar}) {
        if (m_watcher.files().contains(path))
            m_watcher.removePath(path);
        if (QFileInfo::exists(path))
            m_watcher.addPath(path);
    }
    const QString folder = QFileInfo(m_deckPath).absolutePath();
    if (!m_watcher.directories().contains(folder) && !m_watcher.addPath(folder))
        qCWarning(lcSlides) << "cannot watch the folder" << folder << "for deck edits";
}

DeckWatcher::Stamp DeckWatcher::currentStamp() const
{
    Stamp stamp;
    for (const QString &path : {m_deckPath, PdfpcFile::sidecarPath(m_deckPath)}) {
        const QFileInfo info(path);
        stamp.append(info.exists() ? QString::number(info.size()) + u'/' +
                                         QString::number(info.lastModified().toMSecsSinceEpoch()) + u'/' +
                                         QString::number(info.metadataChangeTime().toMSecsSinceEpoch())
                                   : QString());
    }
    return stamp;
}

void DeckWatcher::settled()
{
    rearm();
    if (!QFileInfo::exists(m_deckPath)) {
        // Gone for the whole settle time: deleted or moved away, not mid-replace. The edit is reported once it is back.
        if (!m_removalReported) {
            m_removalReported = true;
            Q_EMIT deckRemoved(m_deckPath);
        }
        return;
    }
    m_removalReported = false;
    const Stamp stamp = currentStamp();
    if (!m_filesTouched && stamp == m_stamp)
        return; // another file in the folder changed
    m_filesTouched = false;
    m_stamp = stamp;
    Q_EMIT deckEdited(m_deckPath);
}

} // namespace Lectern
