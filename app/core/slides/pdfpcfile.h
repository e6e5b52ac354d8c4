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
        QString label; ///< the page's label when the file was written; finds the page again after the PDF changed
        /**
         * `overlay`: the overlay step within its slide, as pdfpc writes it (0 for a slide's first page, 1, 2…
         * for later steps). Hand-written files may say true or false instead, read as 1 and 0.
         */
        int overlay = 0;
        bool forcedOverlay = false; ///< `forcedOverlay`: the user made this page an overlay of the previous one
        bool hidden = false;
        QString note; ///< plain text or Markdown, never HTML

        /** Whether this page is an overlay step of the previous page (shares its slide). */
        bool isOverlayStep() const { return overlay > 0 || forcedOverlay; }
    };

    std::optional<int> durationMinutes; ///< `duration`: the talk time
    std::optional<QTime> startTime;
    std::optional<QTime> endTime;   ///< when the talk should end
    std::optional<int> lastMinutes; ///< warning time before the end
    std::optional<int> endSlide;    ///< 1-based, as pdfpc writes it
    bool disableMarkdown = false;   ///< `disableMarkdown`: show the notes as plain text
    QHash<int, Page> pages;         ///< by page index

    /** Parses the JSON text; a malformed file gives a message naming the problem (line/offset). */
    static Result<PdfpcFile> parse(const QByteArray &json);
    /** The sidecar path pdfpc uses for a deck: `talk.pdf` → `talk.pdfpc`. */
    static QString sidecarPath(const QString &deckPath);
};

} // namespace Lectern
