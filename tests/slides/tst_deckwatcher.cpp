#include "slides/deckwatcher.h"
#include "slides/pdfpcfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

// One write() call of a few bytes: the file changes in one go, so a scheduler pause between two writes cannot
// split one edit into two.
bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered) &&
           file.write(contents) == contents.size();
}

// How long a test watches for a report that must not come. Not a timing assumption about the watcher: a
// wrong report would come one settle time (250 ms) after the change, so four settle times are ample.
constexpr int quietPeriodMs = 1000;

} // namespace

class TestDeckWatcher : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void writingTheDeckGivesOneEdit();
    void replacingTheDeckByRenameGivesOneEdit();
    void severalReplacementsInABurstGiveOneEdit();
    void editingTheSidecarGivesOneEdit();
    void otherFilesInTheFolderAreIgnored();
    void deletedDeckIsReportedWhenItComesBack();
    void deletedDeckIsReportedOnceUntilItComesBack();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_deck;
    std::unique_ptr<DeckWatcher> m_watcher;
    std::unique_ptr<QSignalSpy> m_edits;
};

void TestDeckWatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_deck = m_dir->filePath(u"talk.pdf"_s);
    QVERIFY(writeFile(m_deck, "%PDF-1.4 first version\n"));
    m_watcher = std::make_unique<DeckWatcher>();
    m_watcher->setSettleTime(std::chrono::milliseconds(250));
    m_watcher->watch(m_deck);
    m_edits = std::make_unique<QSignalSpy>(m_watcher.get(), &DeckWatcher::deckEdited);
}

void TestDeckWatcher::writingTheDeckGivesOneEdit()
{
    QVERIFY(writeFile(m_deck, "%PDF-1.4 second version, longer\n"));
    QVERIFY(m_edits->wait());
    QCOMPARE(m_edits->count(), 1);
    QCOMPARE(m_edits->at(0).at(0).toString(), m_deck);
    QVERIFY(!m_edits->wait(quietPeriodMs)); // nothing more once settled

    // The watch survives: a second edit is reported too.
    QVERIFY(writeFile(m_deck, "%PDF-1.4 third\n"));
    QVERIFY(m_edits->wait());
    QCOMPARE(m_edits->count(), 2);
}

void TestDeckWatcher::replacingTheDeckByRenameGivesOneEdit()
{
    // What editors and LaTeX do: write a new file next to the deck, then rename it over the deck.
    const QString temporary = m_dir->filePath(u"talk.pdf.tmp"_s);
    QVERIFY(writeFile(temporary, "%PDF-1.4 replaced\n"));
    QVERIFY(std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(m_deck).constData()) == 0);
    QVERIFY(m_edits->wait());
    QCOMPARE(m_edits->count(), 1);
    QVERIFY(!m_edits->wait(quietPeriodMs));

    // The watch now follows the new file.
    QVERIFY(writeFile(m_deck, "%PDF-1.4 edited after the replace\n"));
    QVERIFY(m_edits->wait());
    QCOMPARE(m_edits->count(), 2);
}

void TestDeckWatcher::severalReplacementsInABurstGiveOneEdit()
{
    m_watcher->setSettleTime(std::chrono::milliseconds(400)); // the burst takes a few milliseconds
    for (int i = 0; i < 5; ++i) {
        const QString temporary = m_dir->filePath(u"talk.pdf.tmp"_s);
        QVERIFY(writeFile(temporary, "%PDF-1.4 pass " + QByteArray::number(i) + '\n'));
        QVERIFY(std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(m_deck).constData()) == 0);
    }
    QVERIFY(m_edits->wait());
    QCOMPARE(m_edits->count(), 1);
    QVERIFY(!m_edits->wait(quietPeriodMs + 400));
}

void TestDeckWatcher::editingTheSidecarGivesOneEdit()
{
    const QString sidecar = PdfpcFile::sidecarPath(m_deck);
    QVERIFY(writeFile(sidecar, R"({"pdfpcFormat": 2})"));
    QVERIFY(m_edits->wait()); // created next to the deck
    QCOMPARE(m_edits->count(), 1);
    QVERIFY(writeFile(sidecar, R"({"pdfpcFormat": 2, "duration": 20})"));
    QVERIFY(m_edits->wait());
    QCOMPARE(m_edits->count(), 2);
    QCOMPARE(m_edits->at(1).at(0).toString(), m_deck);
}

void TestDeckWatcher::otherFilesInTheFolderAreIgnored()
{
    QVERIFY(writeFile(m_dir->filePath(u"talk.aux"_s), "\\relax\n"));
    QVERIFY(writeFile(m_dir->filePath(u"talk.log"_s), "This is pdfTeX\n"));
    QVERIFY(!m_edits->wait(quietPeriodMs));
    QCOMPARE(m_edits->count(), 0);
}

void TestDeckWatcher::deletedDeckIsReportedWhenItComesBack()
{
    QVERIFY(QFile::remove(m_deck));
    QVERIFY(!m_edits->wait(quietPeriodMs));
    QVERIFY(writeFile(m_deck, "%PDF-1.4 rebuilt\n"));
    QVERIFY(m_edits->wait());
    QCOMPARE(m_edits->count(), 1);
}

void TestDeckWatcher::deletedDeckIsReportedOnceUntilItComesBack()
{
    QSignalSpy removed(m_watcher.get(), &DeckWatcher::deckRemoved);
    QVERIFY(QFile::remove(m_deck));
    QVERIFY(removed.wait());
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toString(), m_deck);
    // Other files changing in the folder do not report the deck gone again.
    QVERIFY(writeFile(QFileInfo(m_deck).dir().filePath(u"talk.log"_s), "another file changes\n"));
    QVERIFY(!removed.wait(quietPeriodMs));
    QVERIFY(writeFile(m_deck, "%PDF-1.4 rebuilt\n"));
    QVERIFY(m_edits->wait());
    QCOMPARE(removed.count(), 1);
}

QTEST_GUILESS_MAIN(TestDeckWatcher)
#include "tst_deckwatcher.moc"
