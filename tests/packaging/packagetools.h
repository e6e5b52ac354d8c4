#pragma once

// Running the packaging tools (cpack, dpkg-deb, lintian …) from the packaging tests.

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace LecternTest {

/** What a finished program left: exit code (-1 when it did not start, crashed or timed out) and its output. */
struct ToolRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString error; ///< why it did not run, if it did not

    bool ok() const { return exitCode == 0; }
    /** For a failure message: the command's error output, or why it did not run. */
    QByteArray diagnostic() const
    {
        return error.isEmpty() ? QByteArray(out.right(4000) + err.right(4000)) : error.toUtf8();
    }
};

inline ToolRun runTool(const QString &program, const QStringList &arguments, int timeoutMs = 120000,
                       const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                       const QString &workingDirectory = QString())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    ToolRun run;
    if (!process.waitForStarted(30000)) {
        run.error = program + QStringLiteral(": ") + process.errorString();
        return run;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.error = program + QStringLiteral(": no end after %1 s").arg(timeoutMs / 1000);
        return run;
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    if (process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    else
        run.error = program + QStringLiteral(" crashed: ") + QString::fromUtf8(run.err.right(2000));
    return run;
}

/** Every file below root (not directories), as paths relative to root, sorted. */
inline QStringList filesBelow(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(root).relativeFilePath(it.next()));
    files.sort();
    return files;
}

inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace LecternTest
