#include "storage/database.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

/** Runs statements on a database file through a connection of its own, bypassing Database. */
void runRaw(const QString &path, const QStringList &statements)
{
    const QString name = u"raw"_s;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        for (const QString &statement : statements) {
            QSqlQuery query(raw);
            QVERIFY2(query.exec(statement), qPrintable(statement));
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QStringList tablesOf(const Database &database)
{
    QStringList tables;
    Result<QSqlQuery> query = database.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s);
    while (query && query->next())
        tables.append(query->value(0).toString());
    return tables;
}

QVariant pragma(const Database &database, const QString &name)
{
    Result<QSqlQuery> query = database.exec(u"PRAGMA "_s + name);
    return query && query->next() ? query->value(0) : QVariant();
}

const QStringList kLatestSchemaTables{u"devices"_s,        u"event_plan"_s,   u"hidden_answers"_s, u"polls"_s,
                                      u"question_votes"_s, u"questions"_s,    u"session_runs"_s,   u"session_stage"_s,
                                      u"settings"_s,       u"slide_visits"_s, u"stage"_s,          u"votes"_s};

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void builtInMigrationsAreNumberedFromOne()
    {
        const QList<Migration> migrations = Database::builtInMigrations();
        QVERIFY(!migrations.isEmpty());
        for (qsizetype i = 0; i < migrations.size(); ++i) {
            QCOMPARE(migrations.at(i).version, i + 1);
            QVERIFY(!migrations.at(i).sql.isEmpty());
        }
        QCOMPARE(migrations.first().name, u"initial"_s);
        QCOMPARE(Database::latestSchemaVersion(), migrations.size());
    }

    void inMemoryDatabaseOpensAtTheLatestSchema()
    {
        Database database;
        const Result<> opened = database.open(Database::kInMemory);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        QVERIFY(database.isOpen());
        QCOMPARE(database.schemaVersion().value(), Database::latestSchemaVersion());
        QCOMPARE(tablesOf(database), kLatestSchemaTables);
        QCOMPARE(pragma(database, u"foreign_keys"_s).toInt(), 1);
    }

    void versionZeroFileDatabaseMigratesAndKeepsItsData()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"event.sqlite"_s);
        runRaw(path, {u"CREATE TABLE notes (text TEXT)"_s, u"INSERT INTO notes VALUES ('kept')"_s});

        Database database;
        const Result<> opened = database.open(path);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        QCOMPARE(database.schemaVersion().value(), Database::latestSchemaVersion());
        QVERIFY(tablesOf(database).contains(u"votes"_s));
        QVERIFY(tablesOf(database).contains(u"questions"_s));
        Result<QSqlQuery> note = database.exec(u"SELECT text FROM notes"_s);
        QVERIFY(note && note->next());
        QCOMPARE(note->value(0).toString(), u"kept"_s);
    }

    void versionOneDatabaseGainsTheQuestionTablesAndKeepsItsPolls()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"event.sqlite"_s);
        {
            Database database;
            QVERIFY(database.open(path, {Database::builtInMigrations().first()}));
            QCOMPARE(database.schemaVersion().value(), 1);
            QVERIFY(database.exec(u"INSERT INTO polls (id, session_index) VALUES ('uses-uv', 0)"_s));
        }
        Database database;
        const Result<> opened = database.open(path);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        QCOMPARE(database.schemaVersion().value(), Database::latestSchemaVersion());
        QCOMPARE(tablesOf(database), kLatestSchemaTables);
        Result<QSqlQuery> poll = database.exec(u"SELECT id FROM polls"_s);
        QVERIFY(poll && poll->next());
        QCOMPARE(poll->value(0).toString(), u"uses-uv"_s);
    }

    void reopeningAMigratedDatabaseChangesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"event.sqlite"_s);
        {
            Database database;
            QVERIFY(database.open(path));
            QVERIFY(database.exec(u"INSERT INTO settings (key, value) VALUES ('room_code', 'K7Q2')"_s));
        }
        for (int round = 0; round < 2; ++round) {
            Database database;
            const Result<> opened = database.open(path);
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
            QCOMPARE(database.schemaVersion().value(), Database::latestSchemaVersion());
            QCOMPARE(tablesOf(database), kLatestSchemaTables);
            Result<QSqlQuery> setting = database.exec(u"SELECT value FROM settings WHERE key = 'room_code'"_s);
            QVERIFY(setting && setting->next());
            QCOMPARE(setting->value(0).toString(), u"K7Q2"_s);
        }
    }

    void fileDatabaseUsesWalWithNormalSyncForeignKeysAndABusyTimeout()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"nested/folder/event.sqlite"_s);
        Database database;
        const Result<> opened = database.open(path);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        QCOMPARE(database.path(), path);
        QCOMPARE(pragma(database, u"journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(pragma(database, u"synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(pragma(database, u"foreign_keys"_s).toInt(), 1);
        QVERIFY(pragma(database, u"busy_timeout"_s).toInt() >= 1000);
        QVERIFY(database.exec(u"INSERT INTO settings (key, value) VALUES ('port', '8080')"_s));
        QVERIFY(QFile::exists(path + u"-wal"_s));
    }

    void databaseFromANewerLecternIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"event.sqlite"_s);
        runRaw(path, {u"PRAGMA user_version = 99"_s});
        Database database;
        const Result<> opened = database.open(path);
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains(u"newer Lectern"_s), qPrintable(opened.error()));
        QVERIFY(opened.error().contains(u"99"_s));
        QVERIFY(!database.isOpen());
    }

    void migrationsRunInOrderFromTheStoredVersion()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"event.sqlite"_s);
        const Migration first{1, u"first"_s, u"CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"_s};
        const Migration second{2, u"second"_s, u"INSERT INTO a VALUES (2); CREATE TABLE b (y TEXT)"_s};
        {
            Database database;
            QVERIFY(database.open(path, {first}));
            QCOMPARE(database.schemaVersion().value(), 1);
        }
        Database database;
        const Result<> opened = database.open(path, {first, second});
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        QCOMPARE(database.schemaVersion().value(), 2);
        Result<QSqlQuery> rows = database.exec(u"SELECT COUNT(*) FROM a"_s);
        QVERIFY(rows && rows->next());
        QCOMPARE(rows->value(0).toInt(), 2); // the first migration did not run again
    }

    void failedMigrationLeavesTheDatabaseAtThePreviousVersion()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"event.sqlite"_s);
        const Migration first{1, u"first"_s, u"CREATE TABLE a (x INTEGER)"_s};
        const Migration broken{2, u"broken"_s, u"CREATE TABLE b (y TEXT); INSERT INTO missing VALUES (1)"_s};
        Database database;
        const Result<> opened = database.open(path, {first, broken});
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains(u"schema version 2 (broken)"_s), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(u"missing"_s), qPrintable(opened.error()));
        QVERIFY(!database.isOpen());

        QVERIFY(database.open(path, {first}));
        QCOMPARE(database.schemaVersion().value(), 1);
        QCOMPARE(tablesOf(database), QStringList{u"a"_s}); // b was rolled back with the failed step
    }

    void eachInstanceHasItsOwnConnection()
    {
        Database first;
        Database second;
        QVERIFY(first.open(Database::kInMemory));
        QVERIFY(second.open(Database::kInMemory));
        QVERIFY(first.exec(u"INSERT INTO settings (key, value) VALUES ('port', '1')"_s));
        Result<QSqlQuery> rows = second.exec(u"SELECT COUNT(*) FROM settings"_s);
        QVERIFY(rows && rows->next());
        QCOMPARE(rows->value(0).toInt(), 0);
        first.close();
        QVERIFY(!first.isOpen());
        QVERIFY(second.isOpen());
    }

    void closedDatabaseRefusesStatementsWithAMessage()
    {
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        database.close();
        const Result<QSqlQuery> query = database.exec(u"SELECT 1"_s);
        QVERIFY(!query);
        QVERIFY2(query.error().contains(u"not open"_s), qPrintable(query.error()));
        QVERIFY(!database.transaction([] { return Result<>(); }));
    }

    void failedStatementReportsTheDatabasesWords()
    {
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        const Result<QSqlQuery> query = database.exec(u"INSERT INTO votes (poll_id) VALUES ('x')"_s);
        QVERIFY(!query);
        QVERIFY2(query.error().contains(u"NOT NULL"_s), qPrintable(query.error()));
    }

    void transactionRollsBackWhenItsWorkFails()
    {
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        const Result<> failed = database.transaction([&]() -> Result<> {
            if (!database.exec(u"INSERT INTO settings (key, value) VALUES ('port', '1')"_s))
                return fail(u"insert failed"_s);
            return fail(u"changed my mind"_s);
        });
        QCOMPARE(failed.error(), u"changed my mind"_s);
        Result<QSqlQuery> rows = database.exec(u"SELECT COUNT(*) FROM settings"_s);
        QVERIFY(rows && rows->next());
        QCOMPARE(rows->value(0).toInt(), 0);

        const Result<> committed = database.transaction([&]() -> Result<> {
            if (const Result<QSqlQuery> insert = database.exec(u"INSERT INTO settings VALUES ('port', '2')"_s); !insert)
                return fail(insert.error());
            return {};
        });
        QVERIFY2(committed, qPrintable(committed ? QString() : committed.error()));
        rows = database.exec(u"SELECT COUNT(*) FROM settings"_s);
        QVERIFY(rows && rows->next());
        QCOMPARE(rows->value(0).toInt(), 1);
    }

    void scriptsSplitAtSemicolonsOutsideTextAndComments_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("two statements") << u"CREATE TABLE a (x);\nCREATE TABLE b (y);\n"_s
                                        << QStringList{u"CREATE TABLE a (x)"_s, u"CREATE TABLE b (y)"_s};
        QTest::newRow("last without semicolon") << u"SELECT 1; SELECT 2"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
        QTest::newRow("semicolon in text")
            << u"INSERT INTO t VALUES ('a;b');"_s << QStringList{u"INSERT INTO t VALUES ('a;b')"_s};
        QTest::newRow("quoted identifier")
            << u"CREATE TABLE \"x;y\" (z);"_s << QStringList{u"CREATE TABLE \"x;y\" (z)"_s};
        QTest::newRow("line comment") << u"-- a; comment\nSELECT 1;"_s << QStringList{u"SELECT 1"_s};
        QTest::newRow("block comment") << u"/* a; b */ SELECT 1;"_s << QStringList{u"SELECT 1"_s};
        QTest::newRow("only comments") << u"-- nothing here;\n/* ; */\n"_s << QStringList();
    }

    void scriptsSplitAtSemicolonsOutsideTextAndComments()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, statements);
        QCOMPARE(splitSqlStatements(script), statements);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
