#pragma once

#include "export/eventexport.h"

#include <QList>

namespace Lectern {

/** The indices of the sessions an export covers: the one options name, or all of them, in order. */
inline QList<int> exportedSessions(const EventRecord &record, const ExportOptions &options)
{
    QList<int> indices;
    for (int index = 0; index < record.sessions.size(); ++index) {
        if (!options.sessionIndex || *options.sessionIndex == index)
            indices.append(index);
    }
    return indices;
}

} // namespace Lectern
