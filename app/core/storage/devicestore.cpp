#include "storage/devicestore.h"
#include "storage/database.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QSqlDriver>

#include <array>

using namespace Qt::StringLiterals;

namespace Lectern {

DeviceStore::DeviceStore(Database &database)
    : m_database(database)
{}

QString DeviceStore::newToken()
{
    std::array<quint32, 4> bits;
    QRandomGenerator::system()->fillRange(bits.data(), bits.size());
    const QByteArray bytes(reinterpret_cast<const char *>(bits.data()), sizeof(bits));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString> DeviceStore::createDevice(const QDateTime &at)
{
    const QString token = newToken();
    const Result<QSqlQuery> query =
        m_database.exec(u"INSERT INTO devices (token, created_at) VALUES (?, ?)"_s, {token, at.toMSecsSinceEpoch()});
    if (!query)
        return fail(tr("Cannot register the device: %1").arg(query.error()));
    return token;
}

Result<std::optional<QDateTime>> DeviceStore::createdAt(const QString &token) const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT created_at FROM devices WHERE token = ?"_s, {token});
    if (!query)
        return fail(tr("Cannot look up the device: %1").arg(query.error()));
    if (!query->next())
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(QDateTime::fromMSecsSinceEpoch(query->value(0).toLongLong(), Qt::UTC));
}

Result<bool> DeviceStore::contains(const QString &token) const
{
    // A statement of a database closed since has lost its driver: prepared again on the open one, if any.
    if (!m_containsQuery.driver() || !m_containsQuery.driver()->isOpen()) {
        Result<QSqlQuery> prepared = m_database.prepare(u"SELECT 1 FROM devices WHERE token = ?"_s);
        if (!prepared)
            return fail(tr("Cannot look up the device: %1").arg(prepared.error()));
        prepared->setForwardOnly(true);
        m_containsQuery = std::move(*prepared);
    }
    if (const Result<> ran = Database::run(m_containsQuery, {token}); !ran) {
        m_containsQuery.finish();
        return fail(tr("Cannot look up the device: %1").arg(ran.error()));
    }
    const bool known = m_containsQuery.next();
    m_containsQuery.finish();
    return known;
}

Result<int> DeviceStore::count() const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT COUNT(*) FROM devices"_s);
    if (!query)
        return fail(tr("Cannot count the devices: %1").arg(query.error()));
    return query->next() ? query->value(0).toInt() : 0;
}

Result<QStringList> DeviceStore::tokens() const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT token FROM devices ORDER BY created_at, token"_s);
    if (!query)
        return fail(tr("Cannot read the devices: %1").arg(query.error()));
    QStringList tokens;
    while (query->next())
        tokens.append(query->value(0).toString());
    return tokens;
}

} // namespace Lectern
