#include "slides/slidedeck.h"

#include "slides/inmemorypdf.h"
#include "slides/slideslogging.h"

#include <poppler-annotation.h>
#include <poppler-qt6.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

Q_LOGGING_CATEGORY(lcSlides, "lectern.slides")

namespace {

// Poppler reports every problem it repairs through qDebug by default; keep them in the module's category.
void routePopplerMessages()
{
    static const bool routed = [] {
        Poppler::setDebugErrorFunction(
            [](const QString &message, const QVariant &) { qCDebug(lcSlides) << "poppler:" << message; }, QVariant());
        return true;
    }();
    Q_UNUSED(routed);
}

tl::unexpected<DeckOpenError> openError(DeckOpenError::Kind kind, const QString &message)
{
    qCWarning(lcSlides) << message;
    return tl::unexpected<DeckOpenError>(DeckOpenError{kind, message});
}

QString annotationNotes(const Poppler::Page &page)
{
    QStringList texts;
    const auto annotations = page.annotations({Poppler::Annotation::AText});
    for (const auto &annotation : annotations) {
        const QString contents = annotation->contents().trimmed();
        if (!contents.isEmpty())
            texts.append(contents);
    }
    return texts.join(u"\n\n"_s);
}

// Whether the PDF defines page labels of its own, rather than poppler numbering the pages 1, 2, 3…
bool hasPageLabels(const QStringList &pdfLabels)
{
    for (qsizetype index = 0; index < pdfLabels.size(); ++index) {
        if (pdfLabels.at(index) != QString::number(index + 1))
            return true;
    }
    return false;
}

/**
 * The page each .pdfpc entry belongs to. pdfpc stores the page index and the page's label with its overlay step;
 * when the PDF changed (a slide inserted before), the index points at another page, and the label and step find
 * the entry's page again, as pdfpc does. Without a match the index stands.
 */
QHash<int, const PdfpcFile::Page *> pdfpcEntriesByPage(const PdfpcFile &pdfpc, const QStringList &pdfLabels)
{
    const bool pdfHasLabels = hasPageLabels(pdfLabels);
    const int pageCount = int(pdfLabels.size());
    QList<int> overlaySteps; // of each page, counted as pdfpc does: consecutive pages sharing a label
    for (int index = 0; index < pageCount; ++index) {
        const bool sameAsPrevious = index > 0 && pdfLabels.at(index) == pdfLabels.at(index - 1);
        overlaySteps.append(sameAsPrevious ? overlaySteps.constLast() + 1 : 0);
    }
    QList<int> indices = pdfpc.pages.keys();
    std::sort(indices.begin(), indices.end());

    // Entries that still match their page come first, so a stale entry relocated by label cannot take
    // their place; relocated ones next; the rest stay at their idx where that page is still free.
    QHash<int, const PdfpcFile::Page *> byPage;
    QList<std::pair<int, const PdfpcFile::Page *>> relocating;
    QList<std::pair<int, const PdfpcFile::Page *>> unmoved;
    for (const int index : std::as_const(indices)) {
        const PdfpcFile::Page &entry = *pdfpc.pages.constFind(index);
        const QString label = entry.label.trimmed();
        const bool indexMatches =
            index < pageCount &&
            (label.isEmpty() || (pdfLabels.at(index) == label && overlaySteps.at(index) == entry.overlay));
        if (indexMatches)
            byPage.insert(index, &entry);
        else if (pdfHasLabels && !label.isEmpty())
            relocating.append({index, &entry});
        else if (index < pageCount)
            unmoved.append({index, &entry});
    }
    for (const auto &[index, entry] : std::as_const(relocating)) {
        const QString label = entry->label.trimmed();
        const int first = int(pdfLabels.indexOf(label));
        const int target = first + entry->overlay;
        if (first >= 0 && target < pageCount && pdfLabels.at(target) == label && !byPage.contains(target))
            byPage.insert(target, entry);
        else if (index < pageCount)
            unmoved.append({index, entry});
    }
    for (const auto &[index, entry] : std::as_const(unmoved)) {
        if (!byPage.contains(index))
            byPage.insert(index, entry);
    }
    return byPage;
}

} // namespace

tl::expected<std::shared_ptr<const SlideDeck>, DeckOpenError> SlideDeck::open(const QString &path,
                                                                              const QByteArray &password)
{
    using Kind = DeckOpenError::Kind;
    const QFileInfo info(path);
    const QString name = QDir::toNativeSeparators(path);

    if (!info.exists())
        return openError(Kind::Missing, tr("Cannot open %1: the file does not exist.").arg(name));
    if (info.isDir())
        return openError(Kind::Unreadable, tr("Cannot open %1: it is a folder, not a PDF file.").arg(name));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return openError(Kind::Unreadable,
                         tr("Cannot open %1: the file cannot be read (%2).").arg(name, file.errorString()));
    // Read once: the deck renders from these bytes, so a file rewritten in place later (pdflatex) cannot mix
    // versions or be read half-written by a worker.
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return openError(Kind::Unreadable,
                         tr("Cannot open %1: the file cannot be read (%2).").arg(name, file.errorString()));
    file.close();
    if (data.isEmpty())
        return openError(Kind::NotPdf, tr("Cannot open %1: the file is empty.").arg(name));
    if (!QByteArrayView(data).first(qMin<qsizetype>(1024, data.size())).contains("%PDF-"))
        return openError(Kind::NotPdf, tr("Cannot open %1: this is not a PDF file.").arg(name));
    // A PDF ends with %%EOF (readers look in the last 1024 bytes); without it the file was cut short, for
    // example by an interrupted copy, and pages may be missing even if poppler manages to read some.
    if (!QByteArrayView(data).last(qMin<qsizetype>(1024, data.size())).contains("%%EOF"))
        return openError(Kind::Damaged, tr("Cannot open %1: the PDF file is truncated.").arg(name));

    routePopplerMessages();
    const InMemoryPdf pdf(data, password);
    Poppler::Document *document = pdf.document();
    if (!document)
        return openError(Kind::Damaged, tr("Cannot open %1: the PDF file is damaged.").arg(name));
    if (document->isLocked()) {
        if (password.isEmpty())
            return openError(Kind::NeedsPassword, tr("%1 is protected by a password.").arg(name));
        return openError(Kind::WrongPassword, tr("Cannot open %1: the password is wrong.").arg(name));
    }
    const int pageCount = document->numPages();
    if (pageCount <= 0)
        return openError(Kind::NoPages,
                         tr("Cannot open %1: the PDF has no pages, or its list of pages is damaged.").arg(name));

    std::shared_ptr<SlideDeck> deck(new SlideDeck);
    deck->m_path = path;
    deck->m_data = data;
    deck->m_password = password;
    deck->m_title = document->info(u"Title"_s).trimmed();
    if (deck->m_title.isEmpty())
        deck->m_title = info.completeBaseName();

    const QString sidecar = PdfpcFile::sidecarPath(path);
    if (QFileInfo::exists(sidecar)) {
        QFile sidecarFile(sidecar);
        if (!sidecarFile.open(QIODevice::ReadOnly)) {
            deck->m_pdfpcWarning = tr("The notes file %1 cannot be read (%2); the deck opened without it.")
                                       .arg(QDir::toNativeSeparators(sidecar), sidecarFile.errorString());
        } else if (Result<PdfpcFile> parsed = PdfpcFile::parse(sidecarFile.readAll())) {
            deck->m_pdfpc = std::move(*parsed);
        } else {
            deck->m_pdfpcWarning =
                tr("The notes file %1 was ignored: %2").arg(QDir::toNativeSeparators(sidecar), parsed.error());
        }
        if (!deck->m_pdfpcWarning.isEmpty())
            qCWarning(lcSlides) << deck->m_pdfpcWarning;
    }

    // A page poppler cannot read keeps its place (its number as label, a neighbour's size): the speaker sees an
    // error card there and the rest of the deck works.
    QStringList pdfLabels;
    QStringList annotationTexts;
    deck->m_pages.reserve(pageCount);
    for (int index = 0; index < pageCount; ++index) {
        const std::unique_ptr<Poppler::Page> page = document->page(index);
        DeckPage deckPage;
        deckPage.index = index;
        QString pdfLabel;
        if (page) {
            pdfLabel = page->label().trimmed();
            deckPage.sizePoints = page->pageSizeF();
            annotationTexts.append(annotationNotes(*page));
        } else {
            qCWarning(lcSlides) << "page" << index + 1 << "of" << path << "cannot be read";
            deckPage.readable = false;
            annotationTexts.append(QString());
        }
        if (pdfLabel.isEmpty())
            pdfLabel = QString::number(index + 1);
        pdfLabels.append(pdfLabel);
        deckPage.label = pdfLabel;
        deck->m_pages.append(deckPage);
    }
    const auto firstReadable =
        std::find_if(deck->m_pages.cbegin(), deck->m_pages.cend(), [](const DeckPage &page) { return page.readable; });
    if (firstReadable == deck->m_pages.cend())
        return openError(Kind::Damaged, tr("Cannot open %1: none of its pages can be read.").arg(name));
    QSizeF neighbourSize = firstReadable->sizePoints;
    for (DeckPage &page : deck->m_pages) {
        if (page.readable)
            neighbourSize = page.sizePoints;
        else
            page.sizePoints = neighbourSize;
    }

    QSet<int> overlayPages; // pages the .pdfpc marks as "same slide as the previous page"
    if (deck->m_pdfpc) {
        const QHash<int, const PdfpcFile::Page *> entries = pdfpcEntriesByPage(*deck->m_pdfpc, pdfLabels);
        const bool pdfHasLabels = hasPageLabels(pdfLabels);
        for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
            DeckPage &page = deck->m_pages[it.key()];
            const PdfpcFile::Page &entry = *it.value();
            // The PDF's own labels win; a .pdfpc label names pages of a PDF that has none.
            if (!pdfHasLabels && !entry.label.trimmed().isEmpty())
                page.label = entry.label.trimmed();
            page.hidden = entry.hidden;
            if (entry.isOverlayStep())
                overlayPages.insert(it.key());
            page.notes = entry.note.trimmed();
        }
    }
    for (DeckPage &page : deck->m_pages) {
        const QString &annotationText = annotationTexts.at(page.index);
        if (!page.notes.isEmpty() && !annotationText.isEmpty())
            page.notes += u"\n\n"_s + annotationText;
        else if (page.notes.isEmpty())
            page.notes = annotationText;
    }

    // A deck whose pages are all hidden would leave the speaker with nothing to show.
    const bool allHidden =
        std::all_of(deck->m_pages.cbegin(), deck->m_pages.cend(), [](const DeckPage &page) { return page.hidden; });
    if (allHidden) {
        qCWarning(lcSlides) << "every page of" << path << "is hidden; showing them all";
        for (DeckPage &page : deck->m_pages)
            page.hidden = false;
    }

    int slide = 0;
    QString previousLabel;
    for (const DeckPage &page : std::as_const(deck->m_pages)) {
        if (page.hidden)
            continue;
        const bool sameSlide = slide > 0 && (page.label == previousLabel || overlayPages.contains(page.index));
        if (!sameSlide)
            ++slide;
        previousLabel = page.label;
        deck->m_visiblePages.append(page.index);
        deck->m_slideOfVisible.append(slide);
    }
    return std::shared_ptr<const SlideDeck>(std::move(deck));
}

QFuture<tl::expected<std::shared_ptr<const SlideDeck>, DeckOpenError>>
SlideDeck::openInBackground(const QString &path, const QByteArray &password)
{
    return QtConcurrent::run([path, password] { return open(path, password); });
}

int SlideDeck::slideCount() const
{
    return m_slideOfVisible.isEmpty() ? 0 : m_slideOfVisible.constLast();
}

int SlideDeck::slideNumber(int pageIndex) const
{
    const int page = nearestVisiblePage(pageIndex);
    if (page < 0)
        return 0;
    const auto position = std::lower_bound(m_visiblePages.cbegin(), m_visiblePages.cend(), page);
    return m_slideOfVisible.at(position - m_visiblePages.cbegin());
}

int SlideDeck::firstPageOfSlide(int slideNumber) const
{
    const auto position = std::lower_bound(m_slideOfVisible.cbegin(), m_slideOfVisible.cend(), slideNumber);
    if (slideNumber < 1 || position == m_slideOfVisible.cend() || *position != slideNumber)
        return -1;
    return m_visiblePages.at(position - m_slideOfVisible.cbegin());
}

int SlideDeck::firstVisiblePage() const
{
    return m_visiblePages.isEmpty() ? -1 : m_visiblePages.constFirst();
}

int SlideDeck::lastVisiblePage() const
{
    return m_visiblePages.isEmpty() ? -1 : m_visiblePages.constLast();
}

int SlideDeck::nextPage(int pageIndex) const
{
    const auto position = std::upper_bound(m_visiblePages.cbegin(), m_visiblePages.cend(), pageIndex);
    if (position == m_visiblePages.cend())
        return nearestVisiblePage(pageIndex);
    return *position;
}

int SlideDeck::previousPage(int pageIndex) const
{
    const auto position = std::lower_bound(m_visiblePages.cbegin(), m_visiblePages.cend(), pageIndex);
    if (position == m_visiblePages.cbegin())
        return nearestVisiblePage(pageIndex);
    return *(position - 1);
}

int SlideDeck::nextSlidePreviewPage(int pageIndex) const
{
    const int slide = slideNumber(pageIndex);
    if (slide < 1 || slide >= slideCount())
        return -1;
    const auto end = std::upper_bound(m_slideOfVisible.cbegin(), m_slideOfVisible.cend(), slide + 1);
    return m_visiblePages.at(end - m_slideOfVisible.cbegin() - 1);
}

int SlideDeck::pageWithLabel(const QString &label) const
{
    for (const int index : m_visiblePages) {
        if (m_pages.at(index).label == label)
            return index;
    }
    return -1;
}

int SlideDeck::nearestVisiblePage(int pageIndex) const
{
    if (m_visiblePages.isEmpty())
        return -1;
    const auto next = std::lower_bound(m_visiblePages.cbegin(), m_visiblePages.cend(), pageIndex);
    if (next == m_visiblePages.cend())
        return m_visiblePages.constLast();
    if (*next == pageIndex || next == m_visiblePages.cbegin())
        return *next;
    const int previous = *(next - 1);
    return (pageIndex - previous < *next - pageIndex) ? previous : *next;
}

} // namespace Lectern
