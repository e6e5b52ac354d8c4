#include "export/handout.h"
#include "export/exportselection.h"
#include "export/pdfassembly.h"
#include "export/pdflayout.h"
#include "export/resultchart.h"
#include "slides/slidedeck.h"

#include <QBuffer>
#include <QDir>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <memory>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

/** A page of a session without a deck: 16:9. */
const QSizeF kPageWithoutDeck(720, 405);

/** One page of the handout: a deck's page, or the results of a poll. */
struct HandoutPage
{
    int deck = -1; ///< index into the decks; -1 for a results page
    int pageIndex = 0;
    QString label;
    QSizeF size;
    const PollOutcome *poll = nullptr;
    const Session *session = nullptr;
};

/** Where each opened poll's results go: after the last page with its slide's label, or after the last page. */
QList<HandoutPage> sessionPages(const Session &session, const QList<PollOutcome> &polls, const SlideDeck *deck,
                                int deckNumber)
{
    const int pageCount = deck ? deck->pageCount() : 0;
    QList<QList<const PollOutcome *>> afterPage(pageCount);
    QList<const PollOutcome *> atEnd;
    for (const PollOutcome &poll : polls) {
        if (poll.results.state == PollState::Draft)
            continue;
        int last = -1;
        for (int page = 0; page < pageCount && !poll.poll.slideLabel.isEmpty(); ++page) {
            if (deck->page(page).label == poll.poll.slideLabel)
                last = page;
        }
        if (last >= 0)
            afterPage[last].append(&poll);
        else
            atEnd.append(&poll);
    }
    QList<HandoutPage> pages;
    for (int page = 0; page < pageCount; ++page) {
        const DeckPage &deckPage = deck->page(page);
        pages.append({deckNumber, page, deckPage.label, deckPage.sizePoints, nullptr, &session});
        for (const PollOutcome *poll : std::as_const(afterPage.at(page)))
            pages.append({-1, 0, Handout::tr("%1 results").arg(deckPage.label), deckPage.sizePoints, poll, &session});
    }
    const QSizeF endSize = pageCount > 0 ? deck->page(pageCount - 1).sizePoints : kPageWithoutDeck;
    for (const PollOutcome *poll : std::as_const(atEnd))
        pages.append({-1, 0, Handout::tr("results"), endSize, poll, &session});
    return pages;
}

/** Draws one poll's results on a page of the given size (in points): the question, then the chart. */
void paintResultsPage(QPainter &painter, QPaintDevice *device, QSizeF size, const HandoutPage &page)
{
    const PollOutcome &poll = *page.poll;
    const qreal margin = 0.07 * std::min(size.width(), size.height());
    const qreal width = size.width() - 2 * margin;
    const qreal unit = size.height() / 30;
    painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);

    qreal y = margin * 0.8;
    QString context = page.session->title;
    if (!poll.poll.slideLabel.isEmpty())
        context = Handout::tr("%1 · slide %2").arg(context, poll.poll.slideLabel);
    const TextBox heading(context.isEmpty() ? Handout::tr("Poll results") : context, pdfFont(unit * 0.9), width,
                          device);
    heading.draw(painter, QPointF(margin, y), ResultChart::kSecondaryText);
    y += heading.height() + unit * 0.4;
    const TextBox question(poll.poll.question, pdfFont(unit * 2.0, QFont::Bold), width, device);
    question.draw(painter, QPointF(margin, y), ResultChart::kText);
    y += question.height() + unit * 0.3;
    const TextBox summary(ResultChart::summary(poll), pdfFont(unit * 0.95), width, device);
    summary.draw(painter, QPointF(margin, y), ResultChart::kSecondaryText);
    y += summary.height() + unit * 1.0;

    // The largest type at which the chart fits the rest of the page.
    const qreal available = size.height() - margin - y;
    QList<PageBlock> rows;
    for (qreal fontSize = unit * 1.45;; fontSize *= 0.9) {
        rows = ResultChart::rows(poll, ResultChart::Style{fontSize, width, 10}, device);
        qreal height = 0;
        for (const PageBlock &row : std::as_const(rows))
            height += row.height;
        if (height <= available || fontSize < unit * 0.35)
            break;
    }
    painter.save();
    painter.setClipRect(QRectF(0, 0, size.width(), size.height() - margin * 0.5));
    for (const PageBlock &row : std::as_const(rows)) {
        row.paint(painter, QPointF(margin, y));
        y += row.height;
    }
    painter.restore();
}

/** Every results page, in order, as one PDF: its fonts are embedded once. */
Result<QByteArray> renderResultsPages(const QList<HandoutPage> &pages)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setCreator(u"Lectern"_s);
    writer.setResolution(72); // one device unit is one point
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    bool first = true;
    for (const HandoutPage &page : pages) {
        if (!page.poll)
            continue;
        const QPageSize pageSize(page.size, QPageSize::Point, QString(), QPageSize::ExactMatch);
        writer.setPageSize(pageSize);
        if (first) {
            if (!painter.begin(&writer))
                return fail(Handout::tr("The results pages could not be started."));
            first = false;
        } else {
            writer.newPage();
        }
        paintResultsPage(painter, &writer, pageSize.size(QPageSize::Point), page);
    }
    if (first)
        return QByteArray();
    if (!painter.end())
        return fail(Handout::tr("The results pages could not be written."));
    return bytes;
}

/** Copies the decks' pages and the results pages into one PDF, in order, with their labels. */
Result<QByteArray> assemble(const QList<HandoutPage> &pages, const QList<std::shared_ptr<const SlideDeck>> &decks,
                            const QByteArray &resultsPdf)
{
    QList<PdfAssembly::Source> sources;
    sources.reserve(decks.size() + 1);
    for (const std::shared_ptr<const SlideDeck> &deck : decks)
        sources.append({deck->data(), QDir::toNativeSeparators(deck->path())});
    const qsizetype results = sources.size(); // the results pages, when there are any, come last
    if (!resultsPdf.isEmpty())
        sources.append({resultsPdf, Handout::tr("the results pages")});

    QList<PdfAssembly::Page> assembled;
    assembled.reserve(pages.size());
    qsizetype nextResult = 0;
    for (const HandoutPage &page : pages) {
        if (page.deck >= 0)
            assembled.append({page.deck, page.pageIndex, page.label});
        else
            assembled.append({results, nextResult++, page.label});
    }
    return PdfAssembly::assemble(sources, assembled);
}

} // namespace

Result<QByteArray> Handout::render(const EventRecord &record, const ExportOptions &options)
{
    QList<std::shared_ptr<const SlideDeck>> decks;
    QList<HandoutPage> pages;
    for (const int sessionIndex : exportedSessions(record, options)) {
        const SessionOutcome &outcome = record.sessions.at(sessionIndex);
        std::shared_ptr<const SlideDeck> deck;
        if (!outcome.session.deckPath.isEmpty()) {
            auto opened = SlideDeck::open(outcome.session.deckPath);
            if (!opened)
                return fail(
                    tr("Session %1 (%2): %3").arg(sessionIndex + 1).arg(outcome.session.title, opened.error().message));
            deck = *opened;
            decks.append(deck);
        }
        pages += sessionPages(outcome.session, outcome.polls, deck.get(), int(decks.size()) - 1);
    }
    if (pages.isEmpty())
        return fail(tr("There is nothing to put in the handout: no session exported has a deck or an opened poll."));
    const Result<QByteArray> resultsPdf = renderResultsPages(pages);
    if (!resultsPdf)
        return fail(resultsPdf.error());
    return assemble(pages, decks, *resultsPdf);
}

} // namespace Lectern
