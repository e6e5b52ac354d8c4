#pragma once

// Reading the exports' PDFs back with poppler-utils (pdftotext, pdffonts, pdftoppm), as a person's tools would.

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>

namespace LecternTest {

/** Runs a poppler-utils program; its standard output, or an empty QByteArray (with a warning) on failure. */
inline QByteArray runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning("%s failed: %s %s", qPrintable(program), qPrintable(process.errorString()),
                 process.readAllStandardError().constData());
        return QByteArray();
    }
    return process.readAllStandardOutput();
}

/** Writes pdf to a file in dir; its path. */
inline QString writePdf(const QTemporaryDir &dir, const QString &name, const QByteArray &pdf)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
        return QString();
    return path;
}

/**
 * The text of each page as pdftotext extracts it, NFKC-normalised: CJK fonts map some ideographs to compatibility
 * code points, which NFKC folds back.
 */
inline QStringList pdfPageTexts(const QString &path)
{
    const QString text =
        QString::fromUtf8(runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-enc"),
                                                                QStringLiteral("UTF-8"), path, QStringLiteral("-")}))
            .normalized(QString::NormalizationForm_KC);
    QStringList pages = text.split(QChar(u'\f'));
    if (!pages.isEmpty() && pages.constLast().trimmed().isEmpty())
        pages.removeLast(); // pdftotext ends every page with a form feed
    return pages;
}

/** pdftotext's text of the whole document, NFKC-normalised, with runs of white space made one space. */
inline QString pdfText(const QString &path)
{
    return pdfPageTexts(path).join(u' ').simplified();
}

} // namespace LecternTest
