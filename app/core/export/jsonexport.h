#pragma once

#include "export/eventexport.h"

#include <QByteArray>
#include <QJsonObject>

namespace Lectern {

/** The JSON export: the whole event's record in one document, schema `lecternExportFormat` 1 (export/EXPORT.md). */
class JsonExport
{
public:
    static constexpr int kFormatVersion = 1;

    static QJsonObject toJson(const EventRecord &record, const ExportOptions &options);
    /** toJson() as indented UTF-8. */
    static QByteArray render(const EventRecord &record, const ExportOptions &options);
};

} // namespace Lectern
