#include "storage/database.h"
#include "storage/settingsstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

class TestSettingsStore : public QObject
{
    Q_OBJECT

private slots:
    void unsetSettingsReadAsNothing()
    {
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        SettingsStore settings(database);
        QVERIFY(!settings.roomCode().value());
        QVERIFY(!settings.port().value());
    }

    void settingsAreReplacedNotDuplicated()
    {
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        SettingsStore settings(database);
        QVERIFY(settings.setRoomCode(u"K7Q2"_s));
        QVERIFY(settings.setRoomCode(u"M3XT"_s));
        QCOMPARE(settings.roomCode().value(), u"M3XT"_s);
        QVERIFY(settings.setPort(8081));
        QCOMPARE(settings.port().value(), quint16(8081));
    }

    void storedValueThatIsNotAPortReadsAsUnset()
    {
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        SettingsStore settings(database);
        QVERIFY(settings.setValue(SettingsStore::kPortKey, u"eighty"_s));
        QVERIFY(!settings.port().value());
        QVERIFY(settings.setValue(SettingsStore::kPortKey, u"70000"_s));
        QVERIFY(!settings.port().value());
    }

    void roomCodeAndPortSurviveARestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"event.sqlite"_s);
        {
            Database database;
            QVERIFY(database.open(path));
            SettingsStore settings(database);
            QVERIFY(settings.setRoomCode(u"K7Q2"_s));
            QVERIFY(settings.setPort(8080));
        }
        Database database;
        QVERIFY(database.open(path));
        SettingsStore settings(database);
        QCOMPARE(settings.roomCode().value(), u"K7Q2"_s);
        QCOMPARE(settings.port().value(), quint16(8080));
    }

    void closedDatabaseGivesErrors()
    {
        Database database;
        SettingsStore settings(database);
        QVERIFY(!settings.roomCode());
        QVERIFY(!settings.setPort(1));
    }
};

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
