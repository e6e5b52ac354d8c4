#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <optional>

namespace Lectern {

class Database;

/** The phones of an event, each known only by a random token (128 bits) issued here and kept across restarts. */
class DeviceStore
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::DeviceStore)

public:
    explicit DeviceStore(Database &database);

    /** Issues and records a new token: 128 random bits from the system's generator, base64url (22 characters). */
    Result<QString> createDevice(const QDateTime &at);
    /** When the device with this token was first seen, if it is known. */
    Result<std::optional<QDateTime>> createdAt(const QString &token) const;
    /** Runs a statement prepared once (again after the database was reopened): cheap enough per vote. */
    Result<bool> contains(const QString &token) const;
    Result<int> count() const;
    /** Every token issued, oldest first. */
    Result<QStringList> tokens() const;

    static QString newToken();

private:
    Database &m_database;
    mutable QSqlQuery m_containsQuery;
};

} // namespace Lectern
