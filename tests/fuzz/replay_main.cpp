// The main of a fuzz target built without libFuzzer (a normal gcc build): runs every file named, and every file in
// the directories named, once through LLVMFuzzerTestOneInput, so that the seed corpus and every input that once
// broke a rule are checked in every build. A broken rule aborts, naming the file being run.
#include "fuzzcheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>

namespace {

/** The files to run: those named, and those in the directories named (sorted, not recursive). */
QStringList inputFiles(int argc, char **argv)
{
    QStringList files;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        const QFileInfo info(path);
        if (info.isDir()) {
            const QDir dir(path);
            for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name))
                files.append(dir.filePath(name));
        } else {
            files.append(path);
        }
    }
    return files;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList files = inputFiles(argc, argv);
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...: no input files found\n", argv[0]);
        return 2;
    }
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
            return 1;
        }
        const QByteArray input = file.readAll();
        std::fprintf(stderr, "running %s (%lld bytes)\n", qPrintable(path), static_cast<long long>(input.size()));
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
    }
    std::fprintf(stderr, "%lld inputs run\n", static_cast<long long>(files.size()));
    return 0;
}
