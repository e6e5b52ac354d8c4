#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Lectern {

class Database;

/** Per-event settings kept in the event database so that a restart keeps them (room code, port). */
class SettingsStore
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::SettingsStore)

public:
    static inline const QString kRoomCodeKey = QStringLiteral("room_code");
    static inline const QString kPortKey = QStringLiteral("port");

    explicit SettingsStore(Database &database);

    Result<std::optional<QString>> value(const QString &key) const;
    Result<> setValue(const QString &key, const QString &value);

    Result<std::optional<QString>> roomCode() const { return value(kRoomCodeKey); }
    Result<> setRoomCode(const QString &code) { return setValue(kRoomCodeKey, code); }
    /** The port the audience server used; a stored value that is not a port reads as unset. */
    Result<std::optional<quint16>> port() const;
    Result<> setPort(quint16 port) { return setValue(kPortKey, QString::number(port)); }

private:
    Database &m_database;
};

} // namespace Lectern
