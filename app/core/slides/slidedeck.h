#pragma once

#include "slides/pdfpcfile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFuture>
#include <QList>
#include <QSizeF>
#include <QString>

#include <tl/expected.hpp>

#include <memory>
#include <optional>

namespace Lectern {

/** Why a deck did not open; NeedsPassword and WrongPassword let the UI ask for a password. */
struct DeckOpenError
{
    enum class Kind { Missing, Unreadable, NotPdf, Damaged, NoPages, NeedsPassword, WrongPassword };
    Kind kind = Kind::Damaged;
    QString message; ///< translated, names the file and the reason
};

/** One page of the PDF as the presenter sees it. */
struct DeckPage
{
    int index = 0;     ///< 0-based page index in the PDF
    QString label;     ///< the PDF page label, or the 1-based number when the PDF has none
    QSizeF sizePoints; ///< page size in PDF points (1/72 inch), rotation applied
    bool hidden = false;
    /**
     * False when poppler cannot read the page (a damaged page object): the deck still opens, the page keeps its
     * place with its number as label and a neighbour's size, and rendering it fails with a message.
     */
    bool readable = true;
    /** The speaker notes: the .pdfpc note and the page's text annotations, both when both exist. */
    QString notes;
};

/**
 * A loaded PDF deck: its pages, labels, overlays (consecutive pages sharing a label are steps of one slide),
 * hidden pages and notes. Immutable once open, so it can be shared between threads. It keeps the file's bytes
 * as they were when it was opened, so rendering (one Poppler::Document per worker, see RenderCache) shows that
 * version even while the file on disk is being rewritten. Navigation works on visible (non-hidden) pages.
 */
class SlideDeck
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::SlideDeck)

public:
    /** Opens and reads the deck and its .pdfpc sidecar. Never throws; every failure is a DeckOpenError. */
    static tl::expected<std::shared_ptr<const SlideDeck>, DeckOpenError> open(const QString &path,
                                                                              const QByteArray &password = {});
    /** open() on a worker thread, so that the UI thread never waits for poppler. */
    static QFuture<tl::expected<std::shared_ptr<const SlideDeck>, DeckOpenError>>
    openInBackground(const QString &path, const QByteArray &password = {});

    QString path() const { return m_path; }
    /** The PDF file's bytes, read once by open(); implicitly shared and never modified, so any thread may read them. */
    QByteArray data() const { return m_data; }
    QByteArray password() const { return m_password; }
    QString title() const { return m_title; }
    /** The sidecar, when one was found and parsed. */
    const std::optional<PdfpcFile> &pdfpc() const { return m_pdfpc; }
    /** A warning about the sidecar (malformed JSON…), empty when none; the deck opened anyway. */
    QString pdfpcWarning() const { return m_pdfpcWarning; }

    int pageCount() const { return int(m_pages.size()); }
    const DeckPage &page(int index) const { return m_pages.at(index); }

    /** Slides are counted by label over the visible pages: "n / N". */
    int slideCount() const;
    /** 1-based number of the slide that page belongs to. */
    int slideNumber(int pageIndex) const;
    /** First visible page of slide n (1-based); -1 when out of range. */
    int firstPageOfSlide(int slideNumber) const;

    int firstVisiblePage() const;
    int lastVisiblePage() const;
    /** The next visible page (the next overlay step); the same page when it is the last. */
    int nextPage(int pageIndex) const;
    /** The previous visible page; the same page when it is the first. */
    int previousPage(int pageIndex) const;
    /** The page to preview as "next slide": the last overlay step of the next slide, -1 after the last slide. */
    int nextSlidePreviewPage(int pageIndex) const;
    /** The first visible page with this label, -1 when none. */
    int pageWithLabel(const QString &label) const;
    /** The visible page nearest to pageIndex (pageIndex itself when visible). */
    int nearestVisiblePage(int pageIndex) const;

private:
    SlideDeck() = default;

    QString m_path;
    QByteArray m_data;
    QByteArray m_password;
    QString m_title;
    QList<DeckPage> m_pages;
    QList<int> m_visiblePages;   // page indices
    QList<int> m_slideOfVisible; // 1-based slide number per entry of m_visiblePages
    std::optional<PdfpcFile> m_pdfpc;
    QString m_pdfpcWarning;
};

} // namespace Lectern
