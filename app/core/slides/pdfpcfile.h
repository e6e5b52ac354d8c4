#pragma once

#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QTime>

#include <optional>

namespace Lectern {

/** The parts of a pdfpc `.pdfpc` sidecar (format 2, JSON) that Lectern uses; unknown fields are ignored. */
struct PdfpcFile
{
    struct Page
    {
        int index = 0; ///< `idx`, 0-based page index in the PDF
        QString label;
        bool overlay = false;
        bool hidden = false;
        QString note; ///< plain text or Markdown, never HTML
    };

    std::optional<int> durationMinutes; ///< `duration`: the talk time
    std::optional<QTime> startTime;
    std::optional<QTime> endTime;   ///< when the talk should end
    std::optional<int> lastMinutes; ///< warning time before the end
    std::optional<int> endSlide;    ///< 1-based, as pdfpc writes it
    QHash<int, Page> pages;         ///< by page index

    /** Parses the JSON text; a malformed file gives a message naming the problem (line/offset). */
    static Result<PdfpcFile> parse(const QByteArray &json);
    /** The sidecar path pdfpc uses for a deck: `talk.pdf` → `talk.pdfpc`. */
    static QString sidecarPath(const QString &deckPath);
};

} // namespace Lectern
