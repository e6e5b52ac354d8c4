#include "event/eventsetup.h"
#include "model/eventfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

/** An event file with one session per deck given ("" for a session naming no deck), each with one poll. */
QByteArray eventJson(const QStringList &decks)
{
    QByteArray sessions;
    for (qsizetype i = 0; i < decks.size(); ++i) {
        const QByteArray deck = decks.at(i).isEmpty() ? QByteArray() : ",\"deck\":\"" + decks.at(i).toUtf8() + '"';
        sessions += QByteArray(i > 0 ? "," : "") + "{\"title\":\"Talk " + QByteArray::number(i + 1) + '"' + deck +
                    ",\"polls\":[{\"id\":\"poll-" + QByteArray::number(i + 1) +
                    "\",\"question\":\"Q?\",\"kind\":\"rating\"}]}";
    }
    return "{\"lecternEventFormat\":1,\"title\":\"Evening\",\"sessions\":[" + sessions + "]}";
}

QString sha256Prefix(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex().left(8));
}

} // namespace

class TestEventSetup : public QObject
{
    Q_OBJECT

private:
    QByteArray m_savedDataHome;

private slots:
    void initTestCase() { m_savedDataHome = qgetenv("XDG_DATA_HOME"); }

    void cleanupTestCase()
    {
        if (m_savedDataHome.isEmpty())
            qunsetenv("XDG_DATA_HOME");
        else
            qputenv("XDG_DATA_HOME", m_savedDataHome);
    }

    void readEventFileResolvesDecksBesideTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(u"decks"_s));
        QVERIFY(writeFile(dir.filePath(u"decks/talk.pdf"_s), "%PDF-1.4\n"));
        const QString path = dir.filePath(u"evening.lectern.json"_s);
        QVERIFY(writeFile(path, eventJson({u"decks/talk.pdf"_s})));
        const Result<Event> event = readEventFile(path);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->title, u"Evening"_s);
        QCOMPARE(event->sessions.at(0).deckPath, QDir(dir.path()).filePath(u"decks/talk.pdf"_s));
    }

    void readEventFileAcceptsDecksThatExist()
    {
        QTemporaryDir dir;
        QTemporaryDir elsewhere;
        QVERIFY(dir.isValid() && elsewhere.isValid());
        QVERIFY(writeFile(dir.filePath(u"one.pdf"_s), "%PDF-1.4\n"));
        const QString absolute = elsewhere.filePath(u"two.pdf"_s);
        QVERIFY(writeFile(absolute, "%PDF-1.4\n"));
        const QString path = dir.filePath(u"evening.lectern.json"_s);
        // A relative deck, an absolute one elsewhere, and a session naming none.
        QVERIFY(writeFile(path, eventJson({u"one.pdf"_s, absolute, QString()})));
        const Result<Event> event = readEventFile(path);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->sessions.size(), 3);
        QCOMPARE(event->sessions.at(0).deckPath, dir.filePath(u"one.pdf"_s));
        QCOMPARE(event->sessions.at(1).deckPath, absolute);
        QVERIFY(event->sessions.at(2).deckPath.isEmpty());
    }

    void readEventFileNamesADeckThatCannotBeRead_data()
    {
        QTest::addColumn<QString>("deck");   // as the event file names it, relative to its folder
        QTest::addColumn<QString>("reason"); // after "FILE: sessions[2].deck: "
        QTest::newRow("missing") << u"decks/nix.pdf"_s << u"no such file: "_s;
        QTest::newRow("missing beside the file") << u"nix.pdf"_s << u"no such file: "_s;
        QTest::newRow("a folder") << u"decks"_s << u"not a file: "_s;
        QTest::newRow("a dangling link") << u"link.pdf"_s << u"no such file: "_s;
    }

    void readEventFileNamesADeckThatCannotBeRead()
    {
        QFETCH(QString, deck);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(u"decks"_s));
        QVERIFY(writeFile(dir.filePath(u"one.pdf"_s), "%PDF-1.4\n"));
        QVERIFY(writeFile(dir.filePath(u"two.pdf"_s), "%PDF-1.4\n"));
        QVERIFY(QFile::link(dir.filePath(u"gone.pdf"_s), dir.filePath(u"link.pdf"_s)));
        const QString path = dir.filePath(u"evening.lectern.json"_s);
        QVERIFY(writeFile(path, eventJson({u"one.pdf"_s, u"two.pdf"_s, deck, u"missing-too.pdf"_s})));

        const Result<Event> event = readEventFile(path);
        QVERIFY(!event);
        // The first problem, with the file, the place and the deck's absolute path.
        QCOMPARE(event.error(), path + u": sessions[2].deck: "_s + reason + QDir(dir.path()).filePath(deck));
    }

    void readEventFileNamesADeckWithoutReadPermission()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString deck = dir.filePath(u"secret.pdf"_s);
        QVERIFY(writeFile(deck, "%PDF-1.4\n"));
        QVERIFY(QFile::setPermissions(deck, QFileDevice::WriteOwner));
        if (QFile file(deck); file.open(QIODevice::ReadOnly))
            QSKIP("this user reads files whatever their permissions (root)");
        const QString path = dir.filePath(u"evening.lectern.json"_s);
        QVERIFY(writeFile(path, eventJson({u"secret.pdf"_s})));
        const Result<Event> event = readEventFile(path);
        QVERIFY(!event);
        QVERIFY2(event.error().startsWith(path + u": sessions[0].deck: cannot read "_s + deck + u": "_s),
                 qPrintable(event.error()));
    }

    void readEventFileNamesTheFileInItsErrors()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"evening.lectern.json"_s);
        QVERIFY(writeFile(path, R"({"lecternEventFormat":1,"date":"soon"})"));
        const Result<Event> broken = readEventFile(path);
        QVERIFY(!broken);
        QVERIFY2(broken.error().startsWith(path + u": date:"_s), qPrintable(broken.error()));

        const Result<Event> missing = readEventFile(dir.filePath(u"none.lectern.json"_s));
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(u"none.lectern.json"_s), qPrintable(missing.error()));
    }

    void aDeckWithoutSidecarIsAOneSessionEventWithoutPolls()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString deck = dir.filePath(u"talk.pdf"_s);
        QVERIFY(writeFile(deck, "%PDF-1.4\n"));
        const Result<Event> event = eventForDeck(deck);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->sessions.size(), 1);
        QCOMPARE(QFileInfo(event->sessions.at(0).deckPath).canonicalFilePath(), QFileInfo(deck).canonicalFilePath());
        QVERIFY(QDir::isAbsolutePath(event->sessions.at(0).deckPath));
        QVERIFY(event->sessions.at(0).polls.isEmpty());
    }

    void theSidecarsSessionOfTheDeckGoesFirst_data()
    {
        QTest::addColumn<QStringList>("decks");
        QTest::addColumn<QString>("firstTitle");
        QTest::addColumn<int>("sessionCount");
        QTest::newRow("one session naming the deck") << QStringList{u"talk.pdf"_s} << u"Talk 1"_s << 1;
        QTest::newRow("one session naming no deck") << QStringList{QString()} << u"Talk 1"_s << 1;
        QTest::newRow("the deck's session second")
            << QStringList{u"other.pdf"_s, u"talk.pdf"_s, u"third.pdf"_s} << u"Talk 2"_s << 3;
        QTest::newRow("a session without deck after others")
            << QStringList{u"other.pdf"_s, QString()} << u"Talk 2"_s << 2;
        QTest::newRow("every session names another deck")
            << QStringList{u"renamed.pdf"_s, u"other.pdf"_s} << u"Talk 1"_s << 2;
    }

    void theSidecarsSessionOfTheDeckGoesFirst()
    {
        QFETCH(QStringList, decks);
        QFETCH(QString, firstTitle);
        QFETCH(int, sessionCount);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString deck = dir.filePath(u"talk.pdf"_s);
        QVERIFY(writeFile(deck, "%PDF-1.4\n"));
        QVERIFY(writeFile(dir.filePath(u"talk.lectern.json"_s), eventJson(decks)));

        // Given as a relative path, as on the command line. The other decks the sidecar names do not exist:
        // that is no error, only this deck is presented.
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        const Result<Event> event = eventForDeck(u"talk.pdf"_s);
        QVERIFY(QDir::setCurrent(cwd));
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->sessions.size(), sessionCount);
        const Session &first = event->sessions.at(0);
        QCOMPARE(first.title, firstTitle);
        QCOMPARE(QFileInfo(first.deckPath).canonicalFilePath(), QFileInfo(deck).canonicalFilePath());
        QCOMPARE(first.polls.size(), 1); // its polls came along
        QCOMPARE(first.polls.at(0).id, u"poll-"_s + firstTitle.right(1));
    }

    void aBrokenSidecarIsAnErrorNamingIt()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString deck = dir.filePath(u"talk.pdf"_s);
        QVERIFY(writeFile(deck, "%PDF-1.4\n"));
        const QString sidecar = dir.filePath(u"talk.lectern.json"_s);
        QVERIFY(writeFile(sidecar, R"({"lecternEventFormat":1,"sessions":[{"polls":[{"id":"x"}]}]})"));
        const Result<Event> event = eventForDeck(deck);
        QVERIFY(!event);
        QVERIFY2(event.error().startsWith(sidecar + u": sessions[0].polls[0]"_s), qPrintable(event.error()));
    }

    void theDefaultDatabaseLivesUnderXdgDataHome()
    {
        QTemporaryDir dataHome;
        QTemporaryDir talks;
        QVERIFY(dataHome.isValid() && talks.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(dataHome.path()));
        const QString plan = talks.filePath(u"Robust Python (draft).lectern.json"_s);
        QVERIFY(writeFile(plan, eventJson({QString()})));

        const QString path = defaultDatabasePath(plan);
        const QString canonicalPlan = QFileInfo(plan).canonicalFilePath();
        QCOMPARE(path,
                 dataHome.path() + u"/lectern/Robust-Python-draft-"_s + sha256Prefix(canonicalPlan) + u".sqlite"_s);
    }

    void theDatabaseNameFollowsThePlansFile_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("namePattern");
        QTest::newRow("deck") << u"talk.pdf"_s << u"^talk-[0-9a-f]{8}\\.sqlite$"_s;
        QTest::newRow("event file") << u"evening.lectern.json"_s << u"^evening-[0-9a-f]{8}\\.sqlite$"_s;
        QTest::newRow("dots kept") << u"python.3.13.pdf"_s << u"^python\\.3\\.13-[0-9a-f]{8}\\.sqlite$"_s;
        QTest::newRow("spaces and symbols") << u"my talk & demo!.pdf"_s << u"^my-talk-demo-[0-9a-f]{8}\\.sqlite$"_s;
        QTest::newRow("no usable letters") << u"日本語.pdf"_s << u"^event-[0-9a-f]{8}\\.sqlite$"_s;
        QTest::newRow("very long") << QString(300, u'a') + u".pdf"_s << u"^a{40}-[0-9a-f]{8}\\.sqlite$"_s;
    }

    void theDatabaseNameFollowsThePlansFile()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, namePattern);
        QTemporaryDir dataHome;
        QVERIFY(dataHome.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(dataHome.path()));
        const QFileInfo path(defaultDatabasePath(u"/talks/"_s + fileName));
        QCOMPARE(path.absolutePath(), dataHome.path() + u"/lectern"_s);
        QVERIFY2(QRegularExpression(namePattern).match(path.fileName()).hasMatch(), qPrintable(path.fileName()));
    }

    void theSameFileGivesTheSameDatabaseHoweverItIsNamed()
    {
        QTemporaryDir dataHome;
        QTemporaryDir talks;
        QVERIFY(dataHome.isValid() && talks.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(dataHome.path()));
        QVERIFY(QDir(talks.path()).mkpath(u"a"_s));
        QVERIFY(QDir(talks.path()).mkpath(u"b"_s));
        const QString deck = talks.filePath(u"a/talk.pdf"_s);
        QVERIFY(writeFile(deck, "%PDF-1.4\n"));
        QVERIFY(writeFile(talks.filePath(u"b/talk.pdf"_s), "%PDF-1.4\n"));
        QVERIFY(QFile::link(deck, talks.filePath(u"link.pdf"_s)));

        const QString expected = defaultDatabasePath(deck);
        QCOMPARE(defaultDatabasePath(talks.filePath(u"b/../a/./talk.pdf"_s)), expected);
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(talks.filePath(u"a"_s)));
        const QString relative = defaultDatabasePath(u"talk.pdf"_s);
        QVERIFY(QDir::setCurrent(cwd));
        QCOMPARE(relative, expected);
        // A link to the deck is the same deck; the name comes from the path given, the hash from the file.
        QVERIFY(defaultDatabasePath(talks.filePath(u"link.pdf"_s)).endsWith(expected.right(16)));
        // Another file of the same name is another event.
        QVERIFY(defaultDatabasePath(talks.filePath(u"b/talk.pdf"_s)) != expected);
    }
};

QTEST_GUILESS_MAIN(TestEventSetup)
#include "tst_eventsetup.moc"
