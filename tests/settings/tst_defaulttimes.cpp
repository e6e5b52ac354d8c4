// The settings' default times for a deck presented on its own: below the command line and the deck's .pdfpc.
#include "event/sessionsetup.h"
#include "settings/preferences.h"
#include "slides/slidedeck.h"
#include "uitestdeck.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

class TestDefaultTimes : public QObject
{
    Q_OBJECT

private slots:
    void aDeckAloneTakesTheSettingsTimes();
    void thePdfpcBeatsTheSettings();
    void theCommandLineBeatsTheSettings();

private:
    std::shared_ptr<const SlideDeck> deck(const QByteArray &pdfpcFields = {});
    static Preferences preferences();

    QTemporaryDir m_dir;
};

std::shared_ptr<const SlideDeck> TestDefaultTimes::deck(const QByteArray &pdfpcFields)
{
    const QString path = m_dir.filePath(u"talk%1.pdf"_s.arg(QString::number(qHash(pdfpcFields))));
    if (!LecternUiTest::writeDeck(path, 2))
        return nullptr;
    if (!pdfpcFields.isEmpty()) {
        QString sidecar = path;
        sidecar.chop(3);
        if (!LecternUiTest::writeFile(sidecar + u"pdfpc"_s, "{\"pdfpcFormat\":2," + pdfpcFields + "\"pages\":[]}"))
            return nullptr;
    }
    auto opened = SlideDeck::open(path);
    return opened ? *opened : nullptr;
}

Preferences TestDefaultTimes::preferences()
{
    Preferences preferences;
    preferences.talkTime = 30min;
    preferences.qaTime = 10min;
    preferences.warningTime = 6min;
    return preferences;
}

void TestDefaultTimes::aDeckAloneTakesTheSettingsTimes()
{
    const auto talk = deck();
    QVERIFY(talk);
    const TimingPlan timing = sessionForDeck(*talk, {}, {}, preferences().timing()).timing;
    QCOMPARE(timing.talkTime, seconds(30min));
    QCOMPARE(timing.qaTime, seconds(10min));
    QCOMPARE(timing.warningTime, seconds(6min));
    // Without settings, the built-in defaults.
    QCOMPARE(sessionForDeck(*talk, {}).timing, TimingPlan());
}

void TestDefaultTimes::thePdfpcBeatsTheSettings()
{
    const auto withDuration = deck("\"duration\":25,\"lastMinutes\":4,");
    QVERIFY(withDuration);
    const TimingPlan timing = sessionForDeck(*withDuration, {}, {}, preferences().timing()).timing;
    QCOMPARE(timing.talkTime, seconds(25min));
    QCOMPARE(timing.warningTime, seconds(4min));
    QCOMPARE(timing.qaTime, seconds(10min)); // a .pdfpc has no Q&A time

    const auto withEnd = deck("\"endTime\":\"19:45\",");
    QVERIFY(withEnd);
    const TimingPlan ending = sessionForDeck(*withEnd, {}, {}, preferences().timing()).timing;
    QCOMPARE(ending.talkEndsAt, QTime(19, 45));
}

void TestDefaultTimes::theCommandLineBeatsTheSettings()
{
    const auto talk = deck();
    QVERIFY(talk);
    TimingOverrides commandLine;
    commandLine.talkTime = 12min;
    const TimingPlan timing = sessionForDeck(*talk, commandLine, {}, preferences().timing()).timing;
    QCOMPARE(timing.talkTime, seconds(12min));
    QCOMPARE(timing.qaTime, seconds(10min));
}

QTEST_MAIN(TestDefaultTimes)
#include "tst_defaulttimes.moc"
