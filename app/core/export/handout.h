#pragma once

#include "export/eventexport.h"
#include "result.h"

#include <QByteArray>
#include <QCoreApplication>

namespace Lectern {

/**
 * The handout PDF: each exported session's deck, its pages copied as they are (vector, with qpdf), with a results
 * page (drawn with QPdfWriter at the deck page's size) after the last page carrying each opened poll's slide label,
 * that is after the slide's last overlay step; polls without a slide (or whose slide is not in the deck) follow the
 * deck's last page, polls never opened are left out. Page labels are kept. The same record gives the same bytes.
 * Needs a QGuiApplication (fonts).
 */
class Handout
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::Handout)

public:
    static Result<QByteArray> render(const EventRecord &record, const ExportOptions &options);
};

} // namespace Lectern
