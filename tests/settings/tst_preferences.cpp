// Preferences: Lectern's settings file read, checked, written and reset (QSettings on a temporary ini file).
#include "settings/preferences.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

class TestPreferences : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aMissingFileGivesTheDefaults();
    void savedPreferencesReadBackEqual();
    void onlyChangesAreWritten();
    void anEmptyKeyListMeansNoKey();
    void aBadValueFallsBackForThatKeyAlone_data();
    void aBadValueFallsBackForThatKeyAlone();
    void keysAreReadFromTheFilesSpelling();
    void resetRemovesEveryKeyAndSaysWhich();
    void timingIsTheLowestSource();
    void languageChoosesTheLocale();

private:
    QString writeFile(const QByteArray &text);
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestPreferences::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"lectern.conf"_s);
}

QString TestPreferences::writeFile(const QByteArray &text)
{
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        return {};
    return m_path;
}

void TestPreferences::aMissingFileGivesTheDefaults()
{
    const QSettings settings(m_path, QSettings::IniFormat);
    const Preferences::Loaded loaded = Preferences::load(settings);
    QVERIFY(loaded.problems.isEmpty());
    QCOMPARE(loaded.preferences, Preferences());
    QCOMPARE(loaded.preferences.talkTime, 15min);
    QCOMPARE(loaded.preferences.qaTime, 5min);
    QCOMPARE(loaded.preferences.warningTime, 3min);
    QVERIFY(!loaded.preferences.audiencePort);
    QCOMPARE(loaded.preferences.language, Preferences::Language::System);
    QVERIFY(loaded.preferences.projectorScreen.isEmpty());
    QVERIFY(loaded.preferences.keyBindings.isEmpty());
}

void TestPreferences::savedPreferencesReadBackEqual()
{
    Preferences preferences;
    preferences.talkTime = 25min;
    preferences.qaTime = 0min;
    preferences.warningTime = 4min;
    preferences.audiencePort = 9090;
    preferences.language = Preferences::Language::Japanese;
    preferences.projectorScreen = u"HDMI-1"_s;
    preferences.keyBindings.insert(u"next"_s, {QKeySequence(Qt::Key_K), QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    preferences.keyBindings.insert(u"blank"_s, {QKeySequence(Qt::Key_Comma)});
    {
        QSettings settings(m_path, QSettings::IniFormat);
        const Result<> saved = preferences.save(settings);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error()));
    }
    const QSettings settings(m_path, QSettings::IniFormat);
    const Preferences::Loaded loaded = Preferences::load(settings);
    QVERIFY2(loaded.problems.isEmpty(), qPrintable(loaded.problems.join(u'\n')));
    QCOMPARE(loaded.preferences, preferences);
}

void TestPreferences::onlyChangesAreWritten()
{
    QSettings settings(m_path, QSettings::IniFormat);
    settings.setValue(u"audience/maxConnections"_s, 100);
    Preferences changed;
    changed.qaTime = 10min;
    changed.audiencePort = 8081;
    QVERIFY(changed.save(settings));
    QCOMPARE(settings.allKeys().size(), 3);
    QCOMPARE(settings.value(u"timing/qaMinutes"_s).toInt(), 10);
    QCOMPARE(settings.value(u"audience/port"_s).toInt(), 8081);

    // Saving the defaults removes what this class wrote and keeps the [audience] limits.
    QVERIFY(Preferences().save(settings));
    QCOMPARE(settings.allKeys(), QStringList{u"audience/maxConnections"_s});
}

void TestPreferences::anEmptyKeyListMeansNoKey()
{
    Preferences preferences;
    preferences.keyBindings.insert(u"freeze"_s, {});
    {
        QSettings settings(m_path, QSettings::IniFormat);
        QVERIFY(preferences.save(settings));
    }
    const QSettings settings(m_path, QSettings::IniFormat);
    const Preferences::Loaded loaded = Preferences::load(settings);
    QVERIFY(loaded.problems.isEmpty());
    QVERIFY(loaded.preferences.keyBindings.contains(u"freeze"_s));
    QVERIFY(loaded.preferences.keyBindings.value(u"freeze"_s).isEmpty());
}

void TestPreferences::aBadValueFallsBackForThatKeyAlone_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("value"); // as written in the file
    QTest::addColumn<QString>("named");    // what the message must quote
    QTest::newRow("talk not a number") << u"timing/talkMinutes"_s << "soon"_ba << u"timing/talkMinutes = \"soon\""_s;
    QTest::newRow("talk of 0 minutes") << u"timing/talkMinutes"_s << "0"_ba << u"timing/talkMinutes = \"0\""_s;
    QTest::newRow("talk over a day") << u"timing/talkMinutes"_s << "1441"_ba << u"timing/talkMinutes = \"1441\""_s;
    QTest::newRow("negative Q&A") << u"timing/qaMinutes"_s << "-5"_ba << u"timing/qaMinutes = \"-5\""_s;
    QTest::newRow("fractional warning") << u"timing/warningMinutes"_s << "2.5"_ba
                                        << u"timing/warningMinutes = \"2.5\""_s;
    QTest::newRow("port 0") << u"audience/port"_s << "0"_ba << u"audience/port = \"0\""_s;
    QTest::newRow("port too high") << u"audience/port"_s << "70000"_ba << u"audience/port = \"70000\""_s;
    QTest::newRow("port a word") << u"audience/port"_s << "http"_ba << u"audience/port = \"http\""_s;
    QTest::newRow("unknown language") << u"interface/language"_s << "klingon"_ba
                                      << u"interface/language = \"klingon\""_s;
    QTest::newRow("not a key") << u"keys/reload"_s << "F9, Nope"_ba << u"\"Nope\" is not a key"_s;
    QTest::newRow("a chord of two keys") << u"keys/reload"_s << "\"Ctrl+X, Ctrl+C\""_ba
                                         << u"keys/reload = \"Ctrl+X, Ctrl+C\""_s;
}

void TestPreferences::aBadValueFallsBackForThatKeyAlone()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, value);
    QFETCH(QString, named);
    // Every other setting is good and must still be read.
    QList<std::pair<QString, QByteArray>> entries{
        {u"timing/talkMinutes"_s, "20"}, {u"timing/qaMinutes"_s, "7"},    {u"timing/warningMinutes"_s, "2"},
        {u"audience/port"_s, "9000"},    {u"interface/language"_s, "ja"}, {u"interface/projectorScreen"_s, "HDMI-1"},
        {u"keys/reload"_s, "F9"},
    };
    QByteArray text;
    QString group;
    for (auto &[entryKey, entryValue] : entries) {
        if (entryKey == key)
            entryValue = value;
        if (entryKey.section(u'/', 0, 0) != group) {
            group = entryKey.section(u'/', 0, 0);
            text += '[' + group.toUtf8() + "]\n";
        }
        text += entryKey.section(u'/', 1).toUtf8() + '=' + entryValue + '\n';
    }
    QVERIFY(!writeFile(text).isEmpty());
    const QSettings settings(m_path, QSettings::IniFormat);
    const Preferences::Loaded loaded = Preferences::load(settings);
    QCOMPARE(loaded.problems.size(), 1);
    QVERIFY2(loaded.problems.first().contains(named), qPrintable(loaded.problems.first()));

    Preferences expected;
    expected.talkTime = 20min;
    expected.qaTime = 7min;
    expected.warningTime = 2min;
    expected.audiencePort = 9000;
    expected.language = Preferences::Language::Japanese;
    expected.projectorScreen = u"HDMI-1"_s;
    expected.keyBindings.insert(u"reload"_s, {QKeySequence(Qt::Key_F9)});
    const Preferences defaults;
    if (key == u"timing/talkMinutes"_s)
        expected.talkTime = defaults.talkTime;
    else if (key == u"timing/qaMinutes"_s)
        expected.qaTime = defaults.qaTime;
    else if (key == u"timing/warningMinutes"_s)
        expected.warningTime = defaults.warningTime;
    else if (key == u"audience/port"_s)
        expected.audiencePort.reset();
    else if (key == u"interface/language"_s)
        expected.language = defaults.language;
    else if (key == u"keys/reload"_s)
        expected.keyBindings.remove(u"reload"_s); // that action keeps its default keys
    QCOMPARE(loaded.preferences, expected);
}

void TestPreferences::keysAreReadFromTheFilesSpelling()
{
    QVERIFY(!writeFile("[keys]\nnext=Right, PgDown, Ctrl+Shift+N\nprevious=Left\nquit=\n").isEmpty());
    const QSettings settings(m_path, QSettings::IniFormat);
    const Preferences::Loaded loaded = Preferences::load(settings);
    QVERIFY2(loaded.problems.isEmpty(), qPrintable(loaded.problems.join(u'\n')));
    const QList<QKeySequence> next{QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_PageDown),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)};
    QCOMPARE(loaded.preferences.keyBindings.value(u"next"_s), next);
    QCOMPARE(loaded.preferences.keyBindings.value(u"previous"_s), QList<QKeySequence>{QKeySequence(Qt::Key_Left)});
    QVERIFY(loaded.preferences.keyBindings.contains(u"quit"_s));
    QVERIFY(loaded.preferences.keyBindings.value(u"quit"_s).isEmpty());
}

void TestPreferences::resetRemovesEveryKeyAndSaysWhich()
{
    QVERIFY(!writeFile("[timing]\ntalkMinutes=20\n[audience]\nmaxConnections=10\nport=9000\n[keys]\nnext=K\n"
                       "[old]\nstale=1\n")
                 .isEmpty());
    {
        QSettings settings(m_path, QSettings::IniFormat);
        const Result<QStringList> removed = Preferences::reset(settings);
        QVERIFY(removed);
        const QStringList expected{u"audience/maxConnections"_s, u"audience/port"_s, u"keys/next"_s, u"old/stale"_s,
                                   u"timing/talkMinutes"_s};
        QCOMPARE(*removed, expected);
    }
    const QSettings settings(m_path, QSettings::IniFormat);
    QVERIFY(settings.allKeys().isEmpty());
    QCOMPARE(Preferences::load(settings).preferences, Preferences());

    QSettings again(m_path, QSettings::IniFormat);
    const Result<QStringList> nothing = Preferences::reset(again);
    QVERIFY(nothing);
    QVERIFY(nothing->isEmpty());
}

void TestPreferences::timingIsTheLowestSource()
{
    Preferences preferences;
    preferences.talkTime = 30min;
    preferences.qaTime = 10min;
    preferences.warningTime = 6min;
    TimingOverrides commandLine;
    commandLine.qaTime = 2min;
    TimingOverrides pdfpc;
    pdfpc.talkEndsAt = QTime(19, 45);
    const TimingPlan plan = resolveTiming({commandLine, pdfpc, preferences.timing()});
    QCOMPARE(plan.qaTime, seconds(2min));      // the command line beats the settings
    QCOMPARE(plan.talkEndsAt, QTime(19, 45));  // a .pdfpc end time beats the settings' talk time
    QCOMPARE(plan.warningTime, seconds(6min)); // nothing else sets it: the settings' value
    const TimingPlan alone = resolveTiming({{}, {}, preferences.timing()});
    QCOMPARE(alone.talkTime, seconds(30min));
    QVERIFY(!alone.talkEndsAt);
}

void TestPreferences::languageChoosesTheLocale()
{
    Preferences preferences;
    QVERIFY(!preferences.locale());
    preferences.language = Preferences::Language::Japanese;
    QCOMPARE(preferences.locale()->language(), QLocale::Japanese);
    preferences.language = Preferences::Language::English;
    QCOMPARE(preferences.locale()->language(), QLocale::English);
}

QTEST_GUILESS_MAIN(TestPreferences)
#include "tst_preferences.moc"
