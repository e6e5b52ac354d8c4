#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace Lectern {

/**
 * Watches a deck file (and its .pdfpc sidecar) and reports an edit once the file has settled, also when an
 * editor or LaTeX replaces the file instead of writing it in place.
 */
class DeckWatcher : public QObject
{
    Q_OBJECT

public:
    explicit DeckWatcher(QObject *parent = nullptr);

    void watch(const QString &deckPath);
    /** How long the files must stay unchanged before deckEdited is emitted (default 300 ms). */
    void setSettleTime(std::chrono::milliseconds settle);

Q_SIGNALS:
    void deckEdited(const QString &deckPath);
    /**
     * The deck file is gone (deleted or moved away) and stayed gone for the settle time; reported once until it
     * comes back, which is then reported as an edit.
     */
    void deckRemoved(const QString &deckPath);

private:
    /** Size and times of the deck and its sidecar, to tell their edits from other files' in the folder. */
    using Stamp = QStringList;

    void rearm();
    void settled();
    Stamp currentStamp() const;

    QFileSystemWatcher m_watcher;
    QTimer m_settle;
    QString m_deckPath;
    Stamp m_stamp;
    bool m_filesTouched = false; ///< a change notice came for the deck or sidecar itself
    bool m_removalReported = false;
};

} // namespace Lectern
