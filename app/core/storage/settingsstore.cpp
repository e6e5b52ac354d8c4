#include "storage/settingsstore.h"
#include "storage/database.h"

using namespace Qt::StringLiterals;

namespace Lectern {

SettingsStore::SettingsStore(Database &database)
    : m_database(database)
{}

Result<std::optional<QString>> SettingsStore::value(const QString &key) const
{
    Result<QSqlQuery> query = m_database.exec(u"SELECT value FROM settings WHERE key = ?"_s, {key});
    if (!query)
        return fail(tr("Cannot read the setting %1: %2").arg(key, query.error()));
    if (!query->next())
        return std::optional<QString>();
    return std::optional<QString>(query->value(0).toString());
}

Result<> SettingsStore::setValue(const QString &key, const QString &value)
{
    const Result<QSqlQuery> query = m_database.exec(
        u"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
        {key, value});
    if (!query)
        return fail(tr("Cannot save the setting %1: %2").arg(key, query.error()));
    return {};
}

Result<std::optional<quint16>> SettingsStore::port() const
{
    const Result<std::optional<QString>> text = value(kPortKey);
    if (!text)
        return fail(text.error());
    bool isNumber = false;
    const uint number = text->value_or(QString()).toUInt(&isNumber);
    if (!isNumber || number == 0 || number > 65535)
        return std::optional<quint16>();
    return std::optional<quint16>(quint16(number));
}

} // namespace Lectern
