// The real binary and its settings file (in a temporary XDG_CONFIG_HOME): --reset-settings, and the language.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestResetSettings : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void resetEmptiesTheFileAndSaysWhatItRemoved();
    void resetWithNothingToResetSaysSo();
    void resetAloneRefusesPresentingOptions();
    void theLanguageSettingChoosesTheTranslation();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run run(const QStringList &arguments, const QString &language = u"C.UTF-8"_s) const;
    QString settingsPath() const { return m_config->filePath(u"Lectern/lectern.conf"_s); }
    bool writeSettings(const QByteArray &text) const;

    std::unique_ptr<QTemporaryDir> m_config;
};

void TestResetSettings::init()
{
    m_config = std::make_unique<QTemporaryDir>();
    QVERIFY(m_config->isValid());
}

TestResetSettings::Run TestResetSettings::run(const QStringList &arguments, const QString &language) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // No display: --reset-settings alone needs none.
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, m_config->path());
    environment.insert(u"LC_ALL"_s, language);
    environment.insert(u"LANG"_s, language);
    environment.insert(u"LANGUAGE"_s, QString());
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(LECTERN_BINARY), arguments);
    Run result;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    result.err = QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}

bool TestResetSettings::writeSettings(const QByteArray &text) const
{
    if (!QDir().mkpath(QFileInfo(settingsPath()).path()))
        return false;
    QFile file(settingsPath());
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

void TestResetSettings::resetEmptiesTheFileAndSaysWhatItRemoved()
{
    QVERIFY(writeSettings("[timing]\ntalkMinutes=20\n[audience]\nmaxConnections=100\n[keys]\nnext=K\n"));
    const Run reset = run({u"--reset-settings"_s});
    QCOMPARE(reset.exitCode, 0);
    QVERIFY2(reset.err.isEmpty(), qPrintable(reset.err));
    for (const QString &key : {u"timing/talkMinutes"_s, u"audience/maxConnections"_s, u"keys/next"_s})
        QVERIFY2(reset.out.contains(key), qPrintable(reset.out));
    QVERIFY2(reset.out.contains(settingsPath()), qPrintable(reset.out));
    const QSettings settings(settingsPath(), QSettings::IniFormat);
    QVERIFY(settings.allKeys().isEmpty());
}

void TestResetSettings::resetWithNothingToResetSaysSo()
{
    const Run reset = run({u"--reset-settings"_s});
    QCOMPARE(reset.exitCode, 0);
    QVERIFY2(reset.out.contains(u"nothing to reset"_s), qPrintable(reset.out));
}

void TestResetSettings::resetAloneRefusesPresentingOptions()
{
    QVERIFY(writeSettings("[timing]\ntalkMinutes=20\n"));
    const Run reset = run({u"--reset-settings"_s, u"--talk"_s, u"10m"_s});
    QCOMPARE(reset.exitCode, 2);
    QVERIFY2(reset.err.startsWith(u"lectern: --talk"_s), qPrintable(reset.err));
    // Nothing was reset.
    const QSettings settings(settingsPath(), QSettings::IniFormat);
    QCOMPARE(settings.value(u"timing/talkMinutes"_s).toInt(), 20);
}

void TestResetSettings::theLanguageSettingChoosesTheTranslation()
{
    const QString japanese = u"このヘルプを表示して終了します。"_s;
    QVERIFY(writeSettings("[interface]\nlanguage=ja\n"));
    const Run chosenJapanese = run({u"--help"_s});
    QCOMPARE(chosenJapanese.exitCode, 0);
    QVERIFY2(chosenJapanese.out.contains(japanese), qPrintable(chosenJapanese.out));

    QVERIFY(writeSettings("[interface]\nlanguage=en\n"));
    const Run chosenEnglish = run({u"--help"_s}, u"ja_JP.UTF-8"_s);
    QVERIFY2(chosenEnglish.out.contains(u"Show this help and exit."_s), qPrintable(chosenEnglish.out));

    QVERIFY(writeSettings("[interface]\nlanguage=system\n"));
    const Run system = run({u"--help"_s}, u"ja_JP.UTF-8"_s);
    QVERIFY2(system.out.contains(japanese), qPrintable(system.out));
}

QTEST_GUILESS_MAIN(TestResetSettings)
#include "tst_resetsettings.moc"
