#pragma once

#include "export/eventexport.h"
#include "result.h"

#include <QByteArray>
#include <QCoreApplication>

namespace Lectern {

/**
 * The printable PDF report (A4, vector, paginated): the event's title block and, per session, its planned and
 * actual timing, its polls as bar charts or ranked lists and its questions sorted by votes, the unanswered ones
 * marked for follow-up; hidden, withdrawn and merged questions are counted, not listed. Needs a QGuiApplication.
 */
class PdfReport
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::PdfReport)

public:
    static Result<QByteArray> render(const EventRecord &record, const ExportOptions &options);
};

} // namespace Lectern
