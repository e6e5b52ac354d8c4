#include "export/pdfreport.h"
#include "export/exportselection.h"
#include "export/pdflayout.h"
#include "export/resultchart.h"

#include <QBuffer>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

constexpr qreal kMargin = 50;       // points, left, right and top
constexpr qreal kBottomMargin = 64; // room for the footer
const QColor kAnswered(0x2e, 0x7d, 0x32);
const QColor kFollowUp(0xb3, 0x40, 0x1a);
const QColor kRule(0xc8, 0xcd, 0xd6);

QString clockTime(const std::optional<QDateTime> &time)
{
    return time ? time->toLocalTime().toString(u"HH:mm"_s) : QString();
}

QString plannedRange(const AgendaEntry &timing)
{
    if (!timing.plannedStart || !timing.plannedEnd)
        return PdfReport::tr("no times");
    return PdfReport::tr("%1 – %2").arg(clockTime(timing.plannedStart), clockTime(timing.plannedEnd));
}

QString actualRange(const AgendaEntry &timing)
{
    const std::optional<QDateTime> &start = timing.actualStart;
    const std::optional<QDateTime> &end = timing.actualEnd;
    if (!start)
        return PdfReport::tr("not started");
    if (!end)
        return PdfReport::tr("%1 – still running").arg(clockTime(start));
    return PdfReport::tr("%1 – %2").arg(clockTime(start), clockTime(end));
}

QString scheduleText(std::chrono::seconds behind)
{
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(behind).count();
    if (minutes > 0)
        return PdfReport::tr("Runs %n min behind", nullptr, int(minutes));
    return PdfReport::tr("Schedule: %1").arg(Agenda::formatBehind(behind));
}

/** Lays the report out as blocks for a content width. */
class ReportLayout
{
public:
    ReportLayout(QPaintDevice *device, qreal width)
        : m_device(device)
        , m_width(width)
    {}

    QList<PageBlock> blocks() const { return m_blocks; }

    void addText(const QString &text, const QFont &font, const QColor &color, bool keepWithNext = false,
                 qreal spaceAfter = 0)
    {
        m_blocks.append(textBlock(TextBox(text, font, m_width, m_device), color, keepWithNext));
        if (spaceAfter > 0)
            addSpace(spaceAfter, keepWithNext);
    }

    void addSpace(qreal height, bool keepWithNext = false)
    {
        PageBlock space = spaceBlock(height);
        space.keepWithNext = keepWithNext;
        m_blocks.append(space);
    }

    void addTitle(const EventRecord &record)
    {
        const Event &event = record.event;
        addText(event.title.isEmpty() ? PdfReport::tr("Event report") : event.title, pdfFont(22, QFont::Bold),
                ResultChart::kText, false, 6);
        QStringList facts;
        if (event.date.isValid())
            facts.append(QLocale().toString(event.date, QLocale::LongFormat));
        if (!event.venue.isEmpty())
            facts.append(event.venue);
        if (!facts.isEmpty())
            addText(facts.join(u" · "_s), pdfFont(12), ResultChart::kText, false, 2);
        addText(PdfReport::tr("Exported %1 · %2")
                    .arg(record.readAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), scheduleText(record.behind)),
                pdfFont(10), ResultChart::kSecondaryText, false, 14);
    }

    void addAgenda(const EventRecord &record, const QList<int> &sessions)
    {
        addText(PdfReport::tr("Agenda"), pdfFont(13, QFont::Bold), ResultChart::kText, true, 4);
        const QFont font = pdfFont(9.5);
        const qreal numberWidth = 22;
        const qreal timesWidth = 150;
        const qreal titleWidth = m_width - numberWidth - 2 * timesWidth;
        const TextBox plannedHeader(PdfReport::tr("Planned"), pdfFont(9.5, QFont::DemiBold), timesWidth, m_device);
        const TextBox actualHeader(PdfReport::tr("Actual"), pdfFont(9.5, QFont::DemiBold), timesWidth, m_device);
        m_blocks.append(PageBlock{plannedHeader.height() + 3,
                                  [=](QPainter &painter, QPointF topLeft) {
                                      plannedHeader.draw(painter, topLeft + QPointF(numberWidth + titleWidth, 0),
                                                         ResultChart::kSecondaryText);
                                      actualHeader.draw(painter,
                                                        topLeft + QPointF(numberWidth + titleWidth + timesWidth, 0),
                                                        ResultChart::kSecondaryText);
                                  },
                                  true});
        for (const int sessionIndex : sessions) {
            const SessionOutcome &outcome = record.sessions.at(sessionIndex);
            QString title = outcome.session.title;
            if (!outcome.session.speaker.isEmpty())
                title = PdfReport::tr("%1 — %2").arg(title, outcome.session.speaker);
            const TextBox number(QString::number(sessionIndex + 1), font, numberWidth, m_device);
            const TextBox titleText(title, font, titleWidth - 8, m_device);
            const TextBox planned(plannedRange(outcome.timing), font, timesWidth, m_device);
            const TextBox actual(actualRange(outcome.timing), font, timesWidth, m_device);
            const qreal height = std::max({titleText.height(), planned.height(), actual.height()}) + 3;
            m_blocks.append(
                PageBlock{height, [=](QPainter &painter, QPointF topLeft) {
                              number.draw(painter, topLeft, ResultChart::kSecondaryText);
                              titleText.draw(painter, topLeft + QPointF(numberWidth, 0), ResultChart::kText);
                              planned.draw(painter, topLeft + QPointF(numberWidth + titleWidth, 0), ResultChart::kText);
                              actual.draw(painter, topLeft + QPointF(numberWidth + titleWidth + timesWidth, 0),
                                          ResultChart::kText);
                          }});
        }
        addSpace(10);
    }

    void addSession(int sessionIndex, const SessionOutcome &outcome, bool startsPage)
    {
        const Session &session = outcome.session;
        const QString title = session.title.isEmpty()
                                  ? PdfReport::tr("Session %1").arg(sessionIndex + 1)
                                  : PdfReport::tr("Session %1: %2").arg(sessionIndex + 1).arg(session.title);
        if (startsPage)
            m_blocks.append(PageBlock{0, [](QPainter &, QPointF) {}, true, true});
        addText(title, pdfFont(16, QFont::Bold), ResultChart::kText, true, 3);
        if (!session.speaker.isEmpty())
            addText(session.speaker, pdfFont(11), ResultChart::kText, true, 3);
        addText(PdfReport::tr("Planned %1 · Actual %2").arg(plannedRange(outcome.timing), actualRange(outcome.timing)),
                pdfFont(10), ResultChart::kSecondaryText, false, 4);
        for (const Material &material : session.materials) {
            const QString link = material.url.toString();
            addText(material.label.isEmpty() ? link : PdfReport::tr("%1: %2").arg(material.label, link), pdfFont(9.5),
                    ResultChart::kSecondaryText);
        }
        addSpace(10);
        addPolls(outcome.polls);
        addQuestions(outcome.questions);
    }

private:
    void addPolls(const QList<PollOutcome> &polls)
    {
        if (polls.isEmpty())
            return;
        addText(PdfReport::tr("Polls"), pdfFont(13, QFont::Bold), ResultChart::kText, true, 6);
        int notOpened = 0;
        for (const PollOutcome &poll : polls) {
            if (poll.results.state == PollState::Draft) {
                ++notOpened;
                continue;
            }
            addText(poll.poll.question, pdfFont(11, QFont::DemiBold), ResultChart::kText, true, 1);
            addText(ResultChart::summary(poll), pdfFont(9), ResultChart::kSecondaryText, true, 5);
            const QList<PageBlock> rows = ResultChart::rows(poll, ResultChart::Style{10, m_width, -1}, m_device);
            for (qsizetype i = 0; i < rows.size(); ++i) {
                m_blocks.append(rows.at(i));
                // The question stays with its first rows; a long list may go on over the page.
                m_blocks.last().keepWithNext = i < 2 && i + 1 < rows.size();
            }
            addSpace(12);
        }
        if (notOpened > 0)
            addText(PdfReport::tr("Polls not opened, left out: %1.").arg(notOpened), pdfFont(9),
                    ResultChart::kSecondaryText, false, 10);
    }

    void addQuestions(const QList<QuestionRecord> &questions)
    {
        QList<QuestionRecord> listed;
        int hidden = 0;
        int withdrawn = 0;
        int merged = 0;
        for (const QuestionRecord &question : questions) {
            switch (question.question.state) {
            case Question::State::Hidden:
                ++hidden;
                break;
            case Question::State::Withdrawn:
                ++withdrawn;
                break;
            case Question::State::Merged:
                ++merged;
                break;
            default:
                listed.append(question);
            }
        }
        // Most votes first; equal votes in the order asked.
        std::stable_sort(listed.begin(), listed.end(),
                         [](const QuestionRecord &a, const QuestionRecord &b) { return a.votes > b.votes; });

        addText(PdfReport::tr("Questions (%1), by votes").arg(listed.size()), pdfFont(13, QFont::Bold),
                ResultChart::kText, true, 6);
        if (questions.isEmpty())
            addText(PdfReport::tr("No questions were asked."), pdfFont(10), ResultChart::kSecondaryText);

        const qreal votesWidth = 40;
        const qreal statusWidth = 80;
        const qreal gap = 8;
        const qreal textWidth = m_width - votesWidth - statusWidth - 2 * gap;
        for (const QuestionRecord &record : std::as_const(listed)) {
            const Question &question = record.question;
            const bool answered = question.state == Question::State::Answered;
            const TextBox votes(QString::number(record.votes), pdfFont(13, QFont::Bold), votesWidth, m_device,
                                Qt::AlignRight);
            const TextBox text(question.text, pdfFont(10.5), textWidth, m_device);
            QStringList details;
            if (!question.displayName.isEmpty())
                details.append(PdfReport::tr("asked by %1").arg(question.displayName));
            if (question.createdAt)
                details.append(PdfReport::tr("asked %1").arg(clockTime(question.createdAt)));
            if (answered && question.answeredAt)
                details.append(PdfReport::tr("answered %1").arg(clockTime(question.answeredAt)));
            const TextBox meta(details.join(u" · "_s), pdfFont(8.5), textWidth, m_device);
            const TextBox status(answered ? PdfReport::tr("Answered") : PdfReport::tr("Follow up"),
                                 pdfFont(9.5, QFont::Bold), statusWidth, m_device, Qt::AlignRight);
            const qreal height = std::max(votes.height(), text.height() + 2 + meta.height()) + 8;
            const qreal width = m_width;
            m_blocks.append(PageBlock{
                height, [=](QPainter &painter, QPointF topLeft) {
                    votes.draw(painter, topLeft, ResultChart::kText);
                    const QPointF textAt = topLeft + QPointF(votesWidth + gap, 1);
                    text.draw(painter, textAt, ResultChart::kText);
                    meta.draw(painter, textAt + QPointF(0, text.height() + 2), ResultChart::kSecondaryText);
                    status.draw(painter, topLeft + QPointF(width - statusWidth, 2), answered ? kAnswered : kFollowUp);
                    painter.fillRect(QRectF(topLeft.x(), topLeft.y() + height - 3, width, 0.5), kRule);
                }});
        }
        QStringList leftOut;
        if (hidden > 0)
            leftOut.append(PdfReport::tr("hidden by the moderator: %1").arg(hidden));
        if (withdrawn > 0)
            leftOut.append(PdfReport::tr("withdrawn: %1").arg(withdrawn));
        if (merged > 0)
            leftOut.append(PdfReport::tr("merged into another question: %1").arg(merged));
        if (!leftOut.isEmpty()) {
            addSpace(4);
            addText(PdfReport::tr("Not listed — %1.").arg(leftOut.join(PdfReport::tr(", "))), pdfFont(9),
                    ResultChart::kSecondaryText);
        }
    }

    QPaintDevice *m_device;
    qreal m_width;
    QList<PageBlock> m_blocks;
};

struct Placement
{
    int page = 0;
    qreal top = 0;
};

/** Places the blocks on pages from top to bottom, keeping chains of keepWithNext blocks together where they fit. */
QList<Placement> paginate(const QList<PageBlock> &blocks, qreal top, qreal bottom, int *pageCount)
{
    QList<Placement> placements;
    int page = 0;
    qreal y = top;
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const PageBlock &block = blocks.at(i);
        if (block.startsPage && y > top) {
            ++page;
            y = top;
        }
        qreal needed = block.height;
        for (qsizetype next = i; blocks.at(next).keepWithNext && next + 1 < blocks.size(); ++next)
            needed += blocks.at(next + 1).height;
        needed = std::min(needed, bottom - top);
        if (y + needed > bottom && y > top) {
            ++page;
            y = top;
        }
        placements.append({page, y});
        y += block.height;
    }
    *pageCount = page + 1;
    return placements;
}

} // namespace

Result<QByteArray> PdfReport::render(const EventRecord &record, const ExportOptions &options)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setCreator(u"Lectern"_s);
    writer.setTitle(record.event.title.isEmpty() ? tr("Event report") : tr("%1 – report").arg(record.event.title));
    writer.setResolution(72); // one device unit is one point
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    const QSizeF page(writer.width(), writer.height());
    const qreal width = page.width() - 2 * kMargin;

    const QList<int> sessions = exportedSessions(record, options);
    ReportLayout layout(&writer, width);
    layout.addTitle(record);
    if (sessions.size() > 1)
        layout.addAgenda(record, sessions);
    for (qsizetype i = 0; i < sessions.size(); ++i)
        layout.addSession(sessions.at(i), record.sessions.at(sessions.at(i)), i > 0);
    const QList<PageBlock> blocks = layout.blocks();
    int pageCount = 1;
    const QList<Placement> placements = paginate(blocks, kMargin, page.height() - kBottomMargin, &pageCount);

    QPainter painter;
    if (!painter.begin(&writer))
        return fail(tr("The PDF report could not be started."));
    const QFont footerFont = pdfFont(8.5);
    const QString footerTitle = record.event.title;
    qsizetype next = 0;
    for (int pageIndex = 0; pageIndex < pageCount; ++pageIndex) {
        if (pageIndex > 0)
            writer.newPage();
        for (; next < blocks.size() && placements.at(next).page == pageIndex; ++next)
            blocks.at(next).paint(painter, QPointF(kMargin, placements.at(next).top));
        const qreal footerTop = page.height() - kBottomMargin + 24;
        painter.fillRect(QRectF(kMargin, footerTop - 6, width, 0.5), kRule);
        TextBox(footerTitle, footerFont, width * 0.7, &writer)
            .draw(painter, QPointF(kMargin, footerTop), ResultChart::kSecondaryText);
        TextBox(tr("Page %1 of %2").arg(pageIndex + 1).arg(pageCount), footerFont, width * 0.3, &writer, Qt::AlignRight)
            .draw(painter, QPointF(kMargin + width * 0.7, footerTop), ResultChart::kSecondaryText);
    }
    if (!painter.end())
        return fail(tr("The PDF report could not be written."));
    return bytes;
}

} // namespace Lectern
