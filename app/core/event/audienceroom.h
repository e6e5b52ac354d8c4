#pragma once

#include "result.h"
#include "storage/devicestore.h"
#include "storage/settingsstore.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>
#include <QStringView>

#include <optional>

namespace Lectern {

class Clock;
class Database;

/**
 * The audience's way into an event, kept in the event database so that a restart changes nothing for the
 * phones: the room code in the join URL, the port the server last listened on, and the device tokens issued
 * to phones. The one writer of those facts; the server asks it, never the stores.
 */
class AudienceRoom
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::AudienceRoom)

public:
    static constexpr int kRoomCodeLength = 6;
    /** Letters and digits a person reads off a projector without mixing them up (no 0/O, 1/I/L). */
    static inline const QString kRoomCodeAlphabet = QStringLiteral("ABCDEFGHJKMNPQRSTUVWXYZ23456789");

    /** database must be open and outlive this. */
    AudienceRoom(Database &database, const Clock &clock);

    /** Reads the room code, creating and storing one the first time, and the known device tokens. */
    Result<> load();
    /** The room code (kRoomCodeLength characters of kRoomCodeAlphabet); empty before load(). */
    QString roomCode() const { return m_roomCode; }
    /** True when code is this room's, ignoring case, spaces and dashes ("k7p-2qx" matches "K7P2QX"). */
    bool acceptsRoomCode(const QString &code) const;

    /** The port the audience server listened on last time, if it did. */
    std::optional<quint16> rememberedPort() const { return m_port; }
    Result<> rememberPort(quint16 port);

    /**
     * The device a phone is known by: its token when the room issued it (a phone back after a restart
     * keeps its votes), else a new token stored before this returns (empty, forged or unknown tokens).
     */
    Result<QString> admitDevice(const QString &token);
    /** True for a token this room issued. */
    bool isKnownDevice(const QString &token) const { return m_devices.contains(token); }
    int deviceCount() const { return int(m_devices.size()); }

    /**
     * The secret in the moderator page's address (128 random bits from the system's generator, base64url),
     * created at the first load() and kept in the event database; empty before load().
     */
    QString moderatorToken() const { return m_moderatorToken; }
    /** True when token is the moderator token, compared in constant time (its length aside). */
    bool acceptsModeratorToken(QStringView token) const;

    static QString newRoomCode();

private:
    DeviceStore m_deviceStore;
    SettingsStore m_settings;
    const Clock &m_clock;
    QString m_roomCode;
    QString m_moderatorToken;
    std::optional<quint16> m_port;
    QSet<QString> m_devices;
};

} // namespace Lectern
