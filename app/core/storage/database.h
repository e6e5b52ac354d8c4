#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>

namespace Lectern {

/** One step of the schema: the SQL that takes the database from version - 1 to version. */
struct Migration
{
    int version = 0;
    QString name;
    QString sql;
};

/**
 * An event's SQLite database (QtSql, WAL): opens it, applies the schema migrations, runs statements and
 * transactions with every failure turned into a Result. A connection belongs to the thread that opened it;
 * use one Database per thread.
 */
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::Database)

public:
    /** The path of a private database that lives in memory until close(): for tests and rehearsals. */
    static inline const QString kInMemory = QStringLiteral(":memory:");

    Database();
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    /**
     * Opens (creating when needed, with its folder) the database at path, or kInMemory, and migrates it to
     * the latest schema. A database made by a newer Lectern, or a failed migration, is an error and leaves
     * this closed. Opening again closes the previous database first.
     */
    Result<> open(const QString &path);
    /** open() with other migrations than the built-in ones: for tests of the migration machinery. */
    Result<> open(const QString &path, const QList<Migration> &migrations);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }

    /** The schema version (SQLite's user_version) of the open database. */
    Result<int> schemaVersion() const;
    /** The migrations compiled into Lectern (app/core/storage/migrations/NNN_name.sql), in order. */
    static QList<Migration> builtInMigrations();
    static int latestSchemaVersion() { return int(builtInMigrations().size()); }

    /** Prepares, binds (positionally) and runs one statement; the query is returned for reading rows. */
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &values = {}) const;
    /** Prepares a statement to run many times (see run()). */
    Result<QSqlQuery> prepare(const QString &sql) const;
    /** Binds values to a prepared query and runs it. */
    static Result<> run(QSqlQuery &query, const QVariantList &values);

    /**
     * Runs work inside one write transaction (BEGIN IMMEDIATE … COMMIT). Work failing, or the commit failing,
     * rolls everything back and returns that failure: on success the changes are committed before this
     * returns. Transactions do not nest.
     */
    Result<> transaction(const std::function<Result<>()> &work);

    /** A message for a failed query: the database's own words, without the driver's boilerplate. */
    static QString errorText(const QSqlQuery &query);

private:
    Result<> applyPragmas();
    Result<> migrate(const QList<Migration> &migrations);

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_connection;
    bool m_inTransaction = false;
};

/**
 * Splits an SQL script into statements at the semicolons outside quotes and comments (migration scripts
 * must not hold triggers, whose bodies contain semicolons).
 */
QStringList splitSqlStatements(const QString &script);

} // namespace Lectern
