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

/** Reads and parses an event file without looking at its decks; messages start with the file's name. */
Result<Event> parseEventFile(const QString &path)
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

/** The first session whose deck is missing, not a file or unreadable, as "sessions[N].deck: …". */
Result<> checkDecks(const Event &event)
{
    for (qsizetype i = 0; i < event.sessions.size(); ++i) {
        const QString &deckPath = event.sessions.at(i).deckPath;
        if (deckPath.isEmpty())
            continue;
        const QString place = u"sessions[%1].deck: "_s.arg(i);
        const QString shownPath = QDir::toNativeSeparators(deckPath);
        const QFileInfo info(deckPath);
        if (!info.exists())
            return fail(place + QCoreApplication::translate("Lectern::EventSetup", "no such file: %1").arg(shownPath));
        if (!info.isFile())
            return fail(place + QCoreApplication::translate("Lectern::EventSetup", "not a file: %1").arg(shownPath));
        // Opening tells for certain (permissions, ACLs, root); the PDF itself is read when the session is presented.
        QFile deck(deckPath);
        if (!deck.open(QIODevice::ReadOnly))
            return fail(place + QCoreApplication::translate("Lectern::EventSetup", "cannot read %1: %2")
                                    .arg(shownPath, deck.errorString()));
    }
    return {};
}

} // namespace

Result<Event> readEventFile(const QString &path)
{
    Result<Event> event = parseEventFile(path);
    if (!event)
        return event;
    if (const Result<> decks = checkDecks(*event); !decks)
        return fail(QDir::toNativeSeparators(path) + u": "_s + decks.error());
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

    // The deck itself is opened by the caller. The sidecar's other sessions may name decks that are not here (a
    // sidecar copied from a whole evening's file): no reason to refuse this deck; such a session's deck fails to
    // open only if that session is presented.
    Result<Event> event = parseEventFile(sidecar);
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
