// Two builds of one commit make the same .deb, byte for byte: this build directory's package against the package of a
// twin build directory configured the same way, built under another time zone, locale and umask (its compile lines
// name its own path, so ccache does not serve it from the first build: the app is compiled twice).
// On a difference it says which member and which files differ, as diffoscope would.
#include "packagetools.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace LecternTest;
using namespace Qt::StringLiterals;

class TestReproducibleBuild : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_package; ///< this build directory's

    /** The environment of every step: the main build's time stamp, so that a commit made since changes nothing. */
    static QProcessEnvironment environment()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"SOURCE_DATE_EPOCH"_s, QStringLiteral(LECTERN_SOURCE_DATE_EPOCH));
        return environment;
    }

    /** The twin's: another time zone (UTC+14, most often another date too) and another locale, so that anything
     * taking the build's clock, zone or language into the package shows. */
    static QProcessEnvironment twinEnvironment()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"SOURCE_DATE_EPOCH"_s, QStringLiteral(LECTERN_SOURCE_DATE_EPOCH));
        environment.insert(u"TZ"_s, u"Pacific/Kiritimati"_s);
        environment.insert(u"LC_ALL"_s, u"POSIX"_s);
        environment.insert(u"LANG"_s, u"POSIX"_s);
        return environment;
    }

    /** /bin/sh's arguments that run program with arguments under umask mask (e.g. u"002"_s). */
    static QStringList underUmask(const QString &mask, const QString &program, const QStringList &arguments)
    {
        return QStringList{u"-c"_s, u"umask "_s + mask + u"; exec \"$0\" \"$@\""_s, program} + arguments;
    }

    /** cpack for buildDir into output; the path of the one .deb it made, or an empty string (and a warning). */
    static QString makePackage(const QString &buildDir, const QString &output, bool asTwin = false)
    {
        const QStringList arguments{u"--config"_s, buildDir + u"/CPackConfig.cmake"_s, u"-B"_s, output};
        // cpack itself runs under umask 022, as dpkg-buildpackage does: the modes of the .deb's ar members are those of
        // the files cpack writes (tested: the build under umask 002 puts nothing of it into the package).
        const ToolRun cpack = runTool(u"/bin/sh"_s, underUmask(u"022"_s, QStringLiteral(LECTERN_CPACK), arguments),
                                      600000, asTwin ? twinEnvironment() : environment());
        if (!cpack.ok()) {
            qWarning("cpack %s: %s", qPrintable(buildDir), cpack.diagnostic().constData());
            return QString();
        }
        const QStringList packages = QDir(output).entryList({u"*.deb"_s}, QDir::Files);
        return packages.size() == 1 ? QDir(output).filePath(packages.first()) : QString();
    }

    static QByteArray sha256(const QByteArray &bytes)
    {
        return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16);
    }

    /** What differs between two packages, member by member and file by file (diffoscope's first lines). */
    QString explainDifference(const QString &first, const QString &second) const
    {
        QStringList hints;
        for (const auto &[package, name] : {std::pair{first, u"a"_s}, std::pair{second, u"b"_s}}) {
            const QString members = m_dir.filePath(u"ar-"_s + name);
            QDir().mkpath(members);
            runTool(u"ar"_s, {u"x"_s, package}, 60000, environment(), members);
            runTool(u"dpkg-deb"_s, {u"-R"_s, package, m_dir.filePath(u"tree-"_s + name)});
        }
        for (const QString &member : filesBelow(m_dir.filePath(u"ar-a"_s))) {
            const QByteArray a = fileBytes(m_dir.filePath(u"ar-a/"_s + member));
            const QByteArray b = fileBytes(m_dir.filePath(u"ar-b/"_s + member));
            if (a != b)
                hints.append(u"ar member %1 differs (%2 vs %3 bytes)"_s.arg(member).arg(a.size()).arg(b.size()));
        }
        const QString listingA = QString::fromUtf8(runTool(u"dpkg-deb"_s, {u"-c"_s, first}).out);
        const QString listingB = QString::fromUtf8(runTool(u"dpkg-deb"_s, {u"-c"_s, second}).out);
        if (listingA != listingB)
            hints.append(u"dpkg-deb -c differs (modes, owners, sizes, time stamps or names):\n"_s + listingA +
                         u"---\n"_s + listingB);
        const QStringList filesA = filesBelow(m_dir.filePath(u"tree-a"_s));
        const QStringList filesB = filesBelow(m_dir.filePath(u"tree-b"_s));
        if (filesA != filesB)
            hints.append(u"the packages hold different files"_s);
        for (const QString &file : filesA) {
            const QByteArray a = fileBytes(m_dir.filePath(u"tree-a/"_s + file));
            const QByteArray b = fileBytes(m_dir.filePath(u"tree-b/"_s + file));
            if (a == b)
                continue;
            qsizetype at = 0;
            while (at < qMin(a.size(), b.size()) && a.at(at) == b.at(at))
                ++at;
            hints.append(u"%1 differs from byte %2 on (sha256 %3… vs %4…)"_s.arg(file).arg(at).arg(
                QString::fromLatin1(sha256(a)), QString::fromLatin1(sha256(b))));
        }
        hints.append(u"compare further: diffoscope %1 %2"_s.arg(first, second));
        return hints.join(u'\n');
    }

private slots:
    void twoBuildsOfOneCommitMakeTheSameDeb()
    {
        QVERIFY(m_dir.isValid());
        const QString twin = QStringLiteral(LECTERN_TWIN_DIR);
        QVERIFY2(twin != QStringLiteral(LECTERN_BUILD_DIR), "the twin must be another build directory");

        // The twin: the same sources, generator, build type, compiler and options, in another directory.
        QStringList configure{u"-S"_s,
                              QStringLiteral(LECTERN_SOURCE_DIR),
                              u"-B"_s,
                              twin,
                              u"-G"_s,
                              QStringLiteral(LECTERN_GENERATOR),
                              u"-DCMAKE_BUILD_TYPE=" LECTERN_BUILD_TYPE ""_s,
                              u"-DCMAKE_CXX_COMPILER=" LECTERN_CXX_COMPILER ""_s,
                              u"-DLECTERN_SANITIZE=" LECTERN_SANITIZE ""_s};
        const ToolRun configured = runTool(u"/bin/sh"_s, underUmask(u"002"_s, QStringLiteral(LECTERN_CMAKE), configure),
                                           600000, twinEnvironment());
        QVERIFY2(configured.ok(), configured.diagnostic().constData());
        // This build directory first (nothing to do after a full build, as in CI): both build the same sources.
        const ToolRun updated = runTool(QStringLiteral(LECTERN_CMAKE),
                                        {u"--build"_s, QStringLiteral(LECTERN_BUILD_DIR), u"--parallel"_s, u"2"_s,
                                         u"--target"_s, u"lectern"_s, u"lectern_package_files"_s},
                                        1800000, environment());
        QVERIFY2(updated.ok(), updated.diagnostic().constData());
        // Only what goes into the package (not the tests); two jobs, as everything on a shared machine.
        // Under another umask, time zone and locale (twinEnvironment()).
        const ToolRun built = runTool(u"/bin/sh"_s,
                                      underUmask(u"002"_s, QStringLiteral(LECTERN_CMAKE),
                                                 {u"--build"_s, twin, u"--parallel"_s, u"2"_s, u"--target"_s,
                                                  u"lectern"_s, u"lectern_package_files"_s}),
                                      1800000, twinEnvironment());
        QVERIFY2(built.ok(), built.diagnostic().constData());

        m_package = makePackage(QStringLiteral(LECTERN_BUILD_DIR), m_dir.filePath(u"a"_s));
        const QString first = m_package;
        const QString second = makePackage(twin, m_dir.filePath(u"b"_s), true);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QCOMPARE(QFileInfo(first).fileName(), QFileInfo(second).fileName());

        const ToolRun compared = runTool(u"cmp"_s, {first, second});
        if (!compared.ok()) {
            m_dir.setAutoRemove(false); // for diffoscope
            QFAIL(qPrintable(u"the two builds' packages differ: "_s + QString::fromUtf8(compared.out).trimmed() +
                             u'\n' + explainDifference(first, second)));
        }
        qInfo("%s is the same in both builds (sha256 %s…)", qPrintable(QFileInfo(first).fileName()),
              sha256(fileBytes(first)).constData());
    }

    void packageNamesNoBuildPath()
    {
        // The bytes agree whatever the build directory only when none is written into them (ccache can hide one).
        const QString package = m_package;
        QVERIFY2(!package.isEmpty(), "no package was made");
        const QString tree = m_dir.filePath(u"tree-c"_s);
        const ToolRun unpacked = runTool(u"dpkg-deb"_s, {u"-R"_s, package, tree});
        QVERIFY2(unpacked.ok(), unpacked.diagnostic().constData());
        for (const QString &file : filesBelow(tree)) {
            const QByteArray bytes = fileBytes(QDir(tree).filePath(file));
            for (const QByteArray &path : {QByteArrayLiteral(LECTERN_BUILD_DIR), QByteArrayLiteral(LECTERN_SOURCE_DIR),
                                           QByteArrayLiteral(LECTERN_TWIN_DIR)})
                QVERIFY2(!bytes.contains(path), qPrintable(file + u" names "_s + QString::fromUtf8(path)));
        }
    }
};

QTEST_GUILESS_MAIN(TestReproducibleBuild)
#include "tst_reproduciblebuild.moc"
