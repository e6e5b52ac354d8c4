#include "event/audienceroom.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/settingsstore.h"
#include "timer/clock.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

QByteArray reason(const Result<> &result)
{
    return result ? QByteArray() : result.error().toLocal8Bit();
}

bool isBase64Url(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' ||
               c == u'_';
    });
}

bool isReadableRoomCode(const QString &code)
{
    return code.size() == AudienceRoom::kRoomCodeLength &&
           std::all_of(code.cbegin(), code.cend(), [](QChar c) { return AudienceRoom::kRoomCodeAlphabet.contains(c); });
}

} // namespace

class TestAudienceRoom : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;

    QString databasePath() const { return m_dir->filePath(u"event.sqlite"_s); }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void newRoomCodesAreReadableAndRandom()
    {
        QSet<QString> codes;
        for (int i = 0; i < 200; ++i) {
            const QString code = AudienceRoom::newRoomCode();
            QVERIFY2(isReadableRoomCode(code), qPrintable(code));
            codes.insert(code);
        }
        QVERIFY(codes.size() > 190); // 31^6 codes: collisions in 200 draws are rare
        for (const QChar confusable : u"0O1IL"_s)
            QVERIFY(!AudienceRoom::kRoomCodeAlphabet.contains(confusable));
    }

    void theRoomCodeIsCreatedOnceAndKeptAcrossRestarts()
    {
        QString code;
        {
            Database database;
            QVERIFY(database.open(databasePath()));
            AudienceRoom room(database, m_clock);
            QVERIFY(room.roomCode().isEmpty());
            const Result<> loaded = room.load();
            QVERIFY2(loaded, reason(loaded).constData());
            code = room.roomCode();
            QVERIFY2(isReadableRoomCode(code), qPrintable(code));
            QCOMPARE(SettingsStore(database).roomCode().value(), code);
            QVERIFY(room.load()); // loading again changes nothing
            QCOMPARE(room.roomCode(), code);
        }
        Database database;
        QVERIFY(database.open(databasePath()));
        AudienceRoom room(database, m_clock);
        QVERIFY(room.load());
        QCOMPARE(room.roomCode(), code);
    }

    void aStoredCodeNoPhoneCouldTypeIsReplaced_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::newRow("blank") << u"  "_s;
        QTest::newRow("too short") << u"K7P2"_s;
        QTest::newRow("confusable letters") << u"K0P1QX"_s;
        QTest::newRow("too long") << u"K7P2QXA"_s;
    }

    void aStoredCodeNoPhoneCouldTypeIsReplaced()
    {
        QFETCH(QString, stored);
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        QVERIFY(SettingsStore(database).setRoomCode(stored));
        AudienceRoom room(database, m_clock);
        QVERIFY(room.load());
        QVERIFY2(isReadableRoomCode(room.roomCode()), qPrintable(room.roomCode()));
        QCOMPARE(SettingsStore(database).roomCode().value(), room.roomCode());
    }

    void roomCodeIsMatchedIgnoringCaseSpacesAndDashes_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("as shown") << u"K7P2QX"_s << true;
        QTest::newRow("lower case") << u"k7p2qx"_s << true;
        QTest::newRow("with a dash") << u"k7p-2qx"_s << true;
        QTest::newRow("with spaces") << u" K7P 2QX "_s << true;
        QTest::newRow("dashes and spaces") << u"k-7-p 2 q-x"_s << true;
        QTest::newRow("another room's") << u"K7P2QY"_s << false;
        QTest::newRow("part of it") << u"K7P2Q"_s << false;
        QTest::newRow("one more character") << u"K7P2QXX"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("only dashes") << u"---"_s << false;
        QTest::newRow("other separators") << u"K7P_2QX"_s << false;
    }

    void roomCodeIsMatchedIgnoringCaseSpacesAndDashes()
    {
        QFETCH(QString, typed);
        QFETCH(bool, accepted);
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        QVERIFY(SettingsStore(database).setRoomCode(u"K7P2QX"_s));
        AudienceRoom room(database, m_clock);
        QVERIFY(!room.acceptsRoomCode(u"K7P2QX"_s)); // nothing before load()
        QVERIFY(room.load());
        QCOMPARE(room.roomCode(), u"K7P2QX"_s);
        QCOMPARE(room.acceptsRoomCode(typed), accepted);
    }

    void thePortIsRememberedAcrossRestarts()
    {
        {
            Database database;
            QVERIFY(database.open(databasePath()));
            AudienceRoom room(database, m_clock);
            QVERIFY(room.load());
            QVERIFY(!room.rememberedPort());
            const Result<> remembered = room.rememberPort(8081);
            QVERIFY2(remembered, reason(remembered).constData());
            QCOMPARE(room.rememberedPort(), std::optional<quint16>(8081));
        }
        Database database;
        QVERIFY(database.open(databasePath()));
        AudienceRoom room(database, m_clock);
        QVERIFY(room.load());
        QCOMPARE(room.rememberedPort(), std::optional<quint16>(8081));
    }

    void aNewPhoneGetsATokenStoredBeforeItIsReturned()
    {
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        AudienceRoom room(database, m_clock);
        QVERIFY(room.load());
        QCOMPARE(room.deviceCount(), 0);
        const Result<QString> token = room.admitDevice(QString());
        QVERIFY2(token, qPrintable(token ? QString() : token.error()));
        QCOMPARE(token->size(), 22); // 128 random bits, base64url
        QVERIFY(room.isKnownDevice(*token));
        QCOMPARE(room.deviceCount(), 1);
        const DeviceStore devices(database);
        QVERIFY(devices.contains(*token).value());
        QCOMPARE(devices.createdAt(*token).value(), m_clock.now());

        m_clock.advance(1min);
        QCOMPARE(room.admitDevice(*token).value(), *token); // known: kept
        QCOMPARE(room.deviceCount(), 1);
        QCOMPARE(devices.count().value(), 1);
    }

    void aForgedOrUnknownTokenGetsANewOne_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("made up") << u"AAAAAAAAAAAAAAAAAAAAAA"_s;
        QTest::newRow("not base64") << u"<script>alert(1)</script>"_s;
        QTest::newRow("blank") << u"   "_s;
    }

    void aForgedOrUnknownTokenGetsANewOne()
    {
        QFETCH(QString, token);
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        AudienceRoom room(database, m_clock);
        QVERIFY(room.load());
        const QString issued = room.admitDevice(QString()).value();
        const Result<QString> admitted = room.admitDevice(token);
        QVERIFY(admitted);
        QVERIFY(*admitted != token);
        QVERIFY(*admitted != issued);
        QVERIFY(!room.isKnownDevice(token));
        QVERIFY(room.isKnownDevice(*admitted));
        QCOMPARE(room.deviceCount(), 2);
    }

    void tokensAreKnownAgainAfterARestart()
    {
        QString token;
        {
            Database database;
            QVERIFY(database.open(databasePath()));
            AudienceRoom room(database, m_clock);
            QVERIFY(room.load());
            token = room.admitDevice(QString()).value();
        }
        Database database;
        QVERIFY(database.open(databasePath()));
        AudienceRoom room(database, m_clock);
        QVERIFY(!room.isKnownDevice(token)); // known from load() on
        QVERIFY(room.load());
        QVERIFY(room.isKnownDevice(token));
        QCOMPARE(room.deviceCount(), 1);
        QCOMPARE(room.admitDevice(token).value(), token); // the phone keeps its identity, and its votes
        QCOMPARE(room.deviceCount(), 1);
    }

    void theModeratorTokenIs128RandomBitsKeptAcrossRestarts()
    {
        QString token;
        {
            Database database;
            QVERIFY(database.open(databasePath()));
            AudienceRoom room(database, m_clock);
            QVERIFY(room.moderatorToken().isEmpty());
            const Result<> loaded = room.load();
            QVERIFY2(loaded, reason(loaded).constData());
            token = room.moderatorToken();
            QCOMPARE(token.size(), 22); // 128 bits, base64url without padding
            QVERIFY2(isBase64Url(token), qPrintable(token));
            QCOMPARE(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding).size(), 16);
            QCOMPARE(SettingsStore(database).value(u"moderator_token"_s).value(), std::optional(token));
            QVERIFY(room.load()); // loading again changes nothing
            QCOMPARE(room.moderatorToken(), token);
        }
        Database database;
        QVERIFY(database.open(databasePath()));
        AudienceRoom room(database, m_clock);
        QVERIFY(room.load());
        QCOMPARE(room.moderatorToken(), token);
        QVERIFY(room.acceptsModeratorToken(token));

        // Another event has another secret.
        Database other;
        QVERIFY(other.open(Database::kInMemory));
        AudienceRoom otherRoom(other, m_clock);
        QVERIFY(otherRoom.load());
        QVERIFY(otherRoom.moderatorToken() != token);
        QVERIFY(!otherRoom.acceptsModeratorToken(token));
    }

    void aDamagedModeratorTokenIsReplaced_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::newRow("blank") << u"  "_s;
        QTest::newRow("too short") << u"abc"_s;
        QTest::newRow("not base64url") << u"AAAAAAAAAAAAAAAAAAAA+/"_s;
    }

    void aDamagedModeratorTokenIsReplaced()
    {
        QFETCH(QString, stored);
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        QVERIFY(SettingsStore(database).setValue(u"moderator_token"_s, stored));
        AudienceRoom room(database, m_clock);
        QVERIFY(room.load());
        QCOMPARE(room.moderatorToken().size(), 22);
        QVERIFY(isBase64Url(room.moderatorToken()));
        QVERIFY(!room.acceptsModeratorToken(stored));
        QCOMPARE(SettingsStore(database).value(u"moderator_token"_s).value(), std::optional(room.moderatorToken()));
    }

    void onlyTheExactModeratorTokenIsAccepted_data()
    {
        QTest::addColumn<QString>("offered");
        QTest::addColumn<bool>("accepted");
        const QString token = u"q3Rk-9_ZbXw2LmNpYtUeVa"_s;
        QTest::newRow("exact") << token << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("prefix") << token.left(21) << false;
        QTest::newRow("one character more") << QString(token + u'a') << false;
        QTest::newRow("case changed") << token.toLower() << false;
        QTest::newRow("last character wrong") << QString(token.left(21) + u'b') << false;
        QTest::newRow("first character wrong") << QString(u'Q' + token.mid(1)) << false;
        QTest::newRow("with a space") << QString(token + u' ') << false;
        QTest::newRow("percent-encoded dash") << QString(token).replace(u"-"_s, u"%2D"_s) << false;
        QTest::newRow("another token") << u"AAAAAAAAAAAAAAAAAAAAAA"_s << false;
    }

    void onlyTheExactModeratorTokenIsAccepted()
    {
        QFETCH(QString, offered);
        QFETCH(bool, accepted);
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        QVERIFY(SettingsStore(database).setValue(u"moderator_token"_s, u"q3Rk-9_ZbXw2LmNpYtUeVa"_s));
        AudienceRoom room(database, m_clock);
        QVERIFY(!room.acceptsModeratorToken(offered)); // nothing before load()
        QVERIFY(room.load());
        QCOMPARE(room.moderatorToken(), u"q3Rk-9_ZbXw2LmNpYtUeVa"_s);
        QCOMPARE(room.acceptsModeratorToken(offered), accepted);
    }

    void storageFailuresAreErrorsAndAdmitNobody()
    {
        Database database;
        QVERIFY(database.open(Database::kInMemory));
        AudienceRoom room(database, m_clock);
        QVERIFY(room.load());
        QVERIFY(database.exec(u"PRAGMA query_only = ON"_s));
        const Result<QString> admitted = room.admitDevice(QString());
        QVERIFY(!admitted);
        QVERIFY2(admitted.error().contains(u"device"_s), qPrintable(admitted.error()));
        QCOMPARE(room.deviceCount(), 0);
        QVERIFY(!room.rememberPort(9000));
        QVERIFY(!room.rememberedPort());

        Database closed;
        AudienceRoom unopened(closed, m_clock);
        const Result<> loaded = unopened.load();
        QVERIFY(!loaded);
        QVERIFY(unopened.roomCode().isEmpty());
        QVERIFY(unopened.moderatorToken().isEmpty());
        QVERIFY(!unopened.acceptsModeratorToken(QString()));

        // A first start that cannot keep its moderator token does not use one.
        Database readOnly;
        QVERIFY(readOnly.open(Database::kInMemory));
        QVERIFY(SettingsStore(readOnly).setRoomCode(u"K7P2QX"_s));
        QVERIFY(readOnly.exec(u"PRAGMA query_only = ON"_s));
        AudienceRoom unkept(readOnly, m_clock);
        QVERIFY(!unkept.load());
        QVERIFY(unkept.moderatorToken().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAudienceRoom)
#include "tst_audienceroom.moc"
