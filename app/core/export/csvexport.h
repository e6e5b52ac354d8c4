#pragma once

#include "export/eventexport.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Lectern {

/**
 * The CSV export: one RFC 4180 table (UTF-8 with a byte order mark, CRLF line ends) with a row per poll option or
 * answer and a row per question (columns in export/EXPORT.md). Cells that a spreadsheet would run as a formula get
 * a leading apostrophe.
 */
class CsvExport
{
public:
    /** The header row's column names, in order. */
    static QStringList columns();
    static QByteArray render(const EventRecord &record, const ExportOptions &options);

    /** One cell as written: neutralised (a leading = + - @ tab or CR gets a ') and quoted when needed. */
    static QString cell(const QString &text);
};

} // namespace Lectern
