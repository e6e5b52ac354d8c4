#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Lectern {

/**
 * Copies pages of PDFs held in memory, as they are (vector), into one new PDF with qpdf, each page with its label.
 * The handout's assembly step, in a file of its own that builds as C++17 (export/CMakeLists.txt says why), so this
 * header includes nothing from the rest of core but result.h.
 */
class PdfAssembly
{
public:
    /** A PDF to copy pages from; description names it in messages (a file path, or words). */
    struct Source
    {
        QByteArray bytes;
        QString description;
    };

    /** One page of the result: page pageIndex of sources[source], labelled label. */
    struct Page
    {
        qsizetype source = 0;
        qsizetype pageIndex = 0;
        QString label;
    };

    /** The new PDF, or why it could not be made (a page that does not exist, a source qpdf cannot read). */
    static Result<QByteArray> assemble(const QList<Source> &sources, const QList<Page> &pages);
};

} // namespace Lectern
