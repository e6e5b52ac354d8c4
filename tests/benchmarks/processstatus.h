#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace Lectern::Bench {

/** A memory figure of this process from /proc/self/status ("VmRSS", "VmHWM"), in MiB; -1 when unreadable. */
inline double statusMebibytes(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace Lectern::Bench
