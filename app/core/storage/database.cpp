#include "storage/database.h"
#include "storage/storagelogging.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace Lectern {

Q_LOGGING_CATEGORY(lcStorage, "lectern.storage")

namespace {

const QString kMigrationsDirectory = u":/storage/migrations"_s;
constexpr int kBusyTimeoutMilliseconds = 5000;

QString nextConnectionName()
{
    static QAtomicInt counter;
    return u"lectern-database-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

QStringList splitSqlStatements(const QString &script)
{
    QStringList statements;
    QString current;
    QChar quote;
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < script.size() ? script.at(i + 1) : QChar();
        if (!quote.isNull()) {
            current.append(c);
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            current.append(c);
        } else if (c == u'-' && next == u'-') {
            while (i < script.size() && script.at(i) != u'\n')
                ++i;
            current.append(u'\n');
        } else if (c == u'/' && next == u'*') {
            const qsizetype end = script.indexOf(u"*/"_s, i + 2);
            i = end < 0 ? script.size() : end + 1;
            current.append(u' ');
        } else if (c == u';') {
            if (!current.trimmed().isEmpty())
                statements.append(current.trimmed());
            current.clear();
        } else {
            current.append(c);
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

Database::Database() = default;

Database::~Database()
{
    close();
}

QList<Migration> Database::builtInMigrations()
{
    static const QList<Migration> migrations = [] {
        QList<Migration> list;
        static const QRegularExpression pattern(u"^(\\d{3})_(\\w+)\\.sql$"_s);
        const QStringList files = QDir(kMigrationsDirectory).entryList(QDir::Files, QDir::Name);
        for (const QString &fileName : files) {
            const QRegularExpressionMatch match = pattern.match(fileName);
            QFile file(kMigrationsDirectory + u'/' + fileName);
            const bool readable = file.open(QIODevice::ReadOnly);
            Q_ASSERT_X(match.hasMatch() && readable, "Database", "migrations are named NNN_name.sql");
            Q_ASSERT_X(match.captured(1).toInt() == list.size() + 1, "Database", "migrations are numbered 1, 2, …");
            list.append({match.captured(1).toInt(), match.captured(2), QString::fromUtf8(file.readAll())});
        }
        return list;
    }();
    return migrations;
}

Result<> Database::open(const QString &path)
{
    return open(path, builtInMigrations());
}

Result<> Database::open(const QString &path, const QList<Migration> &migrations)
{
    close();
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return fail(tr("Qt's SQLite driver is missing, so the event database cannot be opened (install the "
                       "package libqt6sql6-sqlite)."));
    if (path != kInMemory) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder))
            return fail(
                tr("Cannot create the folder %1 for the event database.").arg(QDir::toNativeSeparators(folder)));
    }

    m_connectionName = nextConnectionName();
    m_connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_connection.setDatabaseName(path);
    m_path = path;
    if (!m_connection.open()) {
        const QString reason = m_connection.lastError().text();
        close();
        return fail(tr("Cannot open the event database %1: %2").arg(QDir::toNativeSeparators(path), reason));
    }
    Result<> ready = applyPragmas();
    if (ready)
        ready = migrate(migrations);
    if (!ready) {
        close();
        return fail(tr("Cannot open the event database %1: %2").arg(QDir::toNativeSeparators(path), ready.error()));
    }
    qCDebug(lcStorage) << "opened" << path << "as" << m_connectionName;
    return {};
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_connection.close();
    m_connection = QSqlDatabase(); // removeDatabase() wants no handle left
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_path.clear();
    m_inTransaction = false;
}

bool Database::isOpen() const
{
    return !m_connectionName.isEmpty() && m_connection.isOpen();
}

Result<> Database::applyPragmas()
{
    for (const QString &pragma :
         {u"PRAGMA foreign_keys = ON"_s, u"PRAGMA busy_timeout = %1"_s.arg(kBusyTimeoutMilliseconds),
          u"PRAGMA synchronous = NORMAL"_s}) {
        if (const Result<QSqlQuery> query = exec(pragma); !query)
            return fail(query.error());
    }
    // Readers (exports, the UI) never block the writer in WAL; an in-memory database reports "memory".
    Result<QSqlQuery> journal = exec(u"PRAGMA journal_mode = WAL"_s);
    if (!journal)
        return fail(journal.error());
    const QString journalMode = journal->next() ? journal->value(0).toString() : QString();
    if (m_path != kInMemory && journalMode != u"wal")
        qCWarning(lcStorage) << "the database" << m_path << "did not switch to WAL; journal mode is" << journalMode;
    return {};
}

Result<int> Database::schemaVersion() const
{
    Result<QSqlQuery> query = exec(u"PRAGMA user_version"_s);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(tr("The database did not report its schema version."));
    return query->value(0).toInt();
}

Result<> Database::migrate(const QList<Migration> &migrations)
{
    const Result<int> current = schemaVersion();
    if (!current)
        return fail(current.error());
    const int latest = int(migrations.size());
    if (*current > latest)
        return fail(tr("it was written by a newer Lectern (schema version %1; this version knows up to %2)")
                        .arg(*current)
                        .arg(latest));
    for (const Migration &migration : migrations) {
        if (migration.version <= *current)
            continue;
        const Result<> applied = transaction([&]() -> Result<> {
            for (const QString &statement : splitSqlStatements(migration.sql)) {
                if (const Result<QSqlQuery> query = exec(statement); !query)
                    return fail(query.error());
            }
            // user_version lives in the database header, which the transaction covers: it moves with the schema.
            if (const Result<QSqlQuery> query = exec(u"PRAGMA user_version = %1"_s.arg(migration.version)); !query)
                return fail(query.error());
            return {};
        });
        if (!applied)
            return fail(tr("the upgrade to schema version %1 (%2) failed: %3")
                            .arg(migration.version)
                            .arg(migration.name, applied.error()));
        qCInfo(lcStorage) << "migrated" << m_path << "to schema version" << migration.version << migration.name;
    }
    return {};
}

QString Database::errorText(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.isEmpty() ? tr("unknown database error") : text;
}

Result<QSqlQuery> Database::prepare(const QString &sql) const
{
    if (!isOpen())
        return fail(tr("The event database is not open."));
    QSqlQuery query(m_connection);
    if (!query.prepare(sql))
        return fail(errorText(query));
    return query;
}

Result<> Database::run(QSqlQuery &query, const QVariantList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec())
        return fail(errorText(query));
    return {};
}

Result<QSqlQuery> Database::exec(const QString &sql, const QVariantList &values) const
{
    Result<QSqlQuery> query = prepare(sql);
    if (!query)
        return query;
    if (const Result<> ran = run(*query, values); !ran)
        return fail(ran.error());
    return query;
}

Result<> Database::transaction(const std::function<Result<>()> &work)
{
    Q_ASSERT_X(!m_inTransaction, "Database::transaction", "transactions do not nest");
    if (const Result<QSqlQuery> begin = exec(u"BEGIN IMMEDIATE"_s); !begin)
        return fail(begin.error());
    m_inTransaction = true;
    Result<> result = work();
    if (result) {
        if (const Result<QSqlQuery> commit = exec(u"COMMIT"_s); !commit)
            result = fail(tr("the changes could not be committed: %1").arg(commit.error()));
    }
    if (!result) {
        // A failed statement may already have ended the transaction; a failing ROLLBACK then changes nothing.
        if (const Result<QSqlQuery> rollback = exec(u"ROLLBACK"_s); !rollback)
            qCDebug(lcStorage) << "rollback:" << rollback.error();
    }
    m_inTransaction = false;
    return result;
}

} // namespace Lectern
