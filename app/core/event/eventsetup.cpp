#include "event/eventsetup.h"
#include "model/eventfile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

constexpr int kMaxDatabaseNameLength = 40;

/** The path a file is known by: canonical when it exists (links resolved), else absolute and cleaned. */
QString identityPath(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

/** A file name made of the plan's name: "Robust Python (draft).lectern.json" → "Robust-Python-draft". */
QString databaseName(const QString &planPath)
{
    QString base = QFileInfo(planPath).fileName();
    const QString eventSuffix = u".lectern.json"_s;
    if (base.endsWith(eventSuffix, Qt::CaseInsensitive))
        base.chop(eventSuffix.size());
    else if (const qsizetype dot = base.lastIndexOf(u'.'); dot > 0)
        base.truncate(dot);

    QString name;
    for (const QChar c : std::as_const(base)) {
        const bool plain =
            (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'.';
        if (plain)
            name.append(c);
        else if (!name.isEmpty() && !name.endsWith(u'-'))
            name.append(u'-');
    }
    name.truncate(kMaxDatabaseNameLength);
    while (name.endsWith(u'-') || name.endsWith(u'.'))
        name.chop(1);
    return name.isEmpty() ? u"event"_s : name;
}

} // namespace

Result<Event> readEventFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QCoreApplication::translate("Lectern::EventSetup", "Cannot read the event file %1: %2")
                        .arg(QDir::toNativeSeparators(path), file.errorString()));
    const Result<Event> event = EventFile::parse(file.readAll(), QFileInfo(path).absolutePath());
    if (!event)
        return fail(QDir::toNativeSeparators(path) + u": "_s + event.error());
    return event;
}

Result<Event> eventForDeck(const QString &deckPath)
{
    const QString deck = identityPath(deckPath);
    const QString sidecar = EventFile::sidecarPath(deckPath);
    if (!QFileInfo::exists(sidecar)) {
        Session session;
        session.deckPath = deck;
        Event event;
        event.sessions = {session};
        return event;
    }

    Result<Event> event = readEventFile(sidecar);
    if (!event)
        return event;
    QList<Session> &sessions = event->sessions;
    const auto isThisDeck = [&](const Session &session) {
        return !session.deckPath.isEmpty() && identityPath(session.deckPath) == deck;
    };
    qsizetype index = std::find_if(sessions.cbegin(), sessions.cend(), isThisDeck) - sessions.cbegin();
    if (index == sessions.size()) {
        // The sidecar belongs to this deck by its name: a session naming no deck is this deck's, and so is the
        // first one when every session names another deck (a deck renamed after its sidecar was written).
        const auto withoutDeck =
            std::find_if(sessions.cbegin(), sessions.cend(), [](const Session &s) { return s.deckPath.isEmpty(); });
        index = withoutDeck != sessions.cend() ? withoutDeck - sessions.cbegin() : 0;
        if (sessions.isEmpty())
            sessions.append(Session{});
        sessions[index].deckPath = deck;
    }
    sessions.move(index, 0);
    return event;
}

QString defaultDatabasePath(const QString &planPath)
{
    const QByteArray hash =
        QCryptographicHash::hash(identityPath(planPath).toUtf8(), QCryptographicHash::Sha256).toHex().left(8);
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/lectern/"_s;
    return directory + databaseName(planPath) + u'-' + QString::fromLatin1(hash) + u".sqlite"_s;
}

} // namespace Lectern
