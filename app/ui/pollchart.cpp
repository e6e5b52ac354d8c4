#include "pollchart.h"

#include <QFontMetricsF>
#include <QLoggingCategory>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace Lectern {

namespace {

// White on near-black: well above the 7:1 contrast a projector in a lit room needs.
const QColor kBackground(0x0e, 0x10, 0x14);
const QColor kText(0xff, 0xff, 0xff);
const QColor kSecondaryText(0xc9, 0xcd, 0xd4);
const QColor kBar(0x5a, 0xa9, 0xff);
const QColor kTrack(0x26, 0x2a, 0x31);
const QColor kCard(0x1d, 0x21, 0x28);
// Word-cloud words take turns in these, all bright on the background.
const QColor kWordColours[] = {QColor(0xff, 0xff, 0xff), QColor(0x9c, 0xc7, 0xff), QColor(0xff, 0xd4, 0x79),
                               QColor(0xa6, 0xe3, 0xa1)};

constexpr int kMaxWords = 60;

QRectF wrappedBounds(const QFont &font, qreal width, const QString &text)
{
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text);
}

} // namespace

PollChart::PollChart(LivePolls &polls, QWidget *parent)
    : QWidget(parent)
    , m_polls(polls)
{
    setObjectName(u"pollChart"_s);
    setAccessibleName(tr("Poll results"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::NoFocus);
    hide();

    connect(&m_polls, &LivePolls::resultsChanged, this, &PollChart::onResultsChanged);
    connect(&m_polls, &LivePolls::pollStateChanged, this, &PollChart::refresh);
    connect(&m_polls, &LivePolls::pollsChanged, this, &PollChart::refresh);
    refresh();
}

std::optional<QString> PollChart::revealedPollId(const LivePolls &polls)
{
    const Result<std::optional<QString>> current = polls.currentPollId();
    if (!current || !*current)
        return std::nullopt;
    const Result<PollResults> results = polls.results(**current);
    if (!results || !results->revealed)
        return std::nullopt;
    return **current;
}

void PollChart::refresh()
{
    m_resultsThrottle.discardPending(); // this draw covers the changes waiting for the throttle, which keeps the pace
    const Result<std::optional<QString>> current = m_polls.currentPollId();
    if (!current)
        qCWarning(lcUi) << "the projector cannot tell which poll is current:" << current.error();
    m_poll = current && *current ? m_polls.poll(**current) : std::nullopt;
    if (!m_poll) {
        m_results = {};
        m_shownAnswers.clear();
        hide();
        return;
    }
    pullResults();
}

void PollChart::onResultsChanged(const QString &pollId)
{
    // Leading edge, then at most once per kRefreshInterval: the first vote shows at once, the rest of a burst
    // together when the interval is over.
    if (m_poll && pollId == m_poll->id && m_results.revealed)
        m_resultsThrottle.request();
}

void PollChart::pullResults()
{
    if (!m_poll)
        return;
    const Result<PollResults> results = m_polls.results(m_poll->id);
    if (!results) {
        // The console says why; the audience sees the slide rather than an error.
        qCWarning(lcUi) << "the projector cannot show the results:" << results.error();
        hide();
        return;
    }
    m_results = *results;
    draw(nullptr);
    // The chart is drawn: a screen reader gets the question, the votes and what the room sees, in words.
    QStringList spoken{m_poll->question, tr("Votes: %1").arg(m_results.voterCount)};
    if (m_results.kind == Poll::Kind::WordCloud || m_results.kind == Poll::Kind::OpenText) {
        spoken.append(m_shownAnswers);
    } else {
        for (const AnswerCount &count : std::as_const(m_results.counts)) {
            const auto option = std::find_if(m_poll->options.cbegin(), m_poll->options.cend(),
                                             [&](const PollOption &o) { return o.id == count.answer; });
            const QString label = option == m_poll->options.cend() ? count.answer : option->label;
            spoken.append(tr("%1: %2").arg(label, figures(count.count)));
        }
    }
    setAccessibleDescription(spoken.join(u"; "_s));
    setVisible(m_results.revealed);
    update();
    Q_EMIT resultsShown(m_poll->id);
}

void PollChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    draw(nullptr);
}

void PollChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    draw(&painter);
}

QFont PollChart::fontOfSize(qreal pixels, bool bold) const
{
    QFont chosen = font();
    chosen.setPixelSize(std::max(1, qRound(pixels)));
    chosen.setBold(bold);
    return chosen;
}

QString PollChart::figures(int count) const
{
    const int percent = m_results.voterCount > 0 ? qRound(100.0 * count / m_results.voterCount) : 0;
    return tr("%1 · %2%").arg(count).arg(percent);
}

void PollChart::draw(QPainter *painter)
{
    m_shownAnswers.clear();
    if (painter)
        painter->fillRect(rect(), kBackground);
    if (!m_poll || width() <= 0 || height() <= 0)
        return;

    const qreal h = height();
    const qreal margin = h * 0.05;
    const QRectF area = QRectF(rect()).adjusted(margin * 1.4, margin, -margin * 1.4, -margin);

    // The question: about 5.5% of the height, smaller only when it would take more than three lines.
    qreal questionSize = h * 0.055;
    QFont questionFont = fontOfSize(questionSize, true);
    QRectF questionBounds = wrappedBounds(questionFont, area.width(), m_poll->question);
    while (questionBounds.height() > h * 0.2 && questionSize > h * 0.03) {
        questionSize *= 0.9;
        questionFont = fontOfSize(questionSize, true);
        questionBounds = wrappedBounds(questionFont, area.width(), m_poll->question);
    }
    const QRectF questionRect(area.left(), area.top(), area.width(), questionBounds.height());
    if (painter) {
        painter->setFont(questionFont);
        painter->setPen(kText);
        painter->drawText(questionRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_poll->question);
    }

    QString status = tr("Votes: %1").arg(m_results.voterCount);
    if (m_results.kind == Poll::Kind::Rating && m_results.voterCount > 0) {
        double sum = 0;
        int ratings = 0;
        for (const AnswerCount &count : std::as_const(m_results.counts)) {
            sum += count.answer.toInt() * count.count;
            ratings += count.count;
        }
        if (ratings > 0)
            status = tr("%1 · average %2").arg(status, QLocale().toString(sum / ratings, 'f', 1));
    }
    if (m_results.state == PollState::Open)
        status = tr("%1 · voting is open").arg(status);
    else if (m_results.state == PollState::Closed)
        status = tr("%1 · voting closed").arg(status);
    const QFont statusFont = fontOfSize(h * 0.032);
    const qreal statusTop = questionRect.bottom() + h * 0.015;
    const QRectF statusRect(area.left(), statusTop, area.width(), QFontMetricsF(statusFont).height());
    if (painter) {
        painter->setFont(statusFont);
        painter->setPen(kSecondaryText);
        painter->drawText(statusRect, Qt::AlignLeft | Qt::AlignVCenter, status);
    }

    const QRectF content(area.left(), statusRect.bottom() + h * 0.045, area.width(),
                         area.bottom() - statusRect.bottom() - h * 0.045);
    if (content.height() <= 0)
        return;
    const bool anyAnswer = std::any_of(m_results.counts.cbegin(), m_results.counts.cend(),
                                       [](const AnswerCount &count) { return count.count > 0; });
    switch (m_results.kind) {
    case Poll::Kind::SingleChoice:
    case Poll::Kind::MultipleChoice: {
        QList<Bar> bars;
        for (const AnswerCount &count : std::as_const(m_results.counts)) {
            const auto option = std::find_if(m_poll->options.cbegin(), m_poll->options.cend(),
                                             [&](const PollOption &o) { return o.id == count.answer; });
            bars.append({option == m_poll->options.cend() ? count.answer : option->label, count.count});
        }
        drawBars(painter, content, bars);
        break;
    }
    case Poll::Kind::Rating:
        drawRating(painter, content);
        break;
    case Poll::Kind::WordCloud:
        if (anyAnswer)
            drawWordCloud(painter, content);
        else
            drawCentredNote(painter, content, tr("No answers yet"));
        break;
    case Poll::Kind::OpenText:
        if (anyAnswer)
            drawOpenText(painter, content);
        else
            drawCentredNote(painter, content, tr("No answers yet"));
        break;
    }
}

void PollChart::drawCentredNote(QPainter *painter, const QRectF &area, const QString &text)
{
    if (!painter)
        return;
    painter->setFont(fontOfSize(height() * 0.05));
    painter->setPen(kSecondaryText);
    painter->drawText(area, Qt::AlignCenter | Qt::TextWordWrap, text);
}

void PollChart::drawBars(QPainter *painter, const QRectF &area, const QList<Bar> &bars)
{
    if (bars.isEmpty())
        return;
    const qreal h = height();
    const qreal rowHeight = std::min(area.height() / bars.size(), h * 0.14);
    const qreal textSize = std::min(rowHeight * 0.42, h * 0.05);
    const QFont labelFont = fontOfSize(textSize);
    const QFont figureFont = fontOfSize(textSize, true);
    const QFontMetricsF labelMetrics(labelFont);
    const QFontMetricsF figureMetrics(figureFont);

    qreal labelWidth = 0;
    qreal figureWidth = 0;
    for (const Bar &bar : bars) {
        labelWidth = std::max(labelWidth, labelMetrics.horizontalAdvance(bar.label));
        figureWidth = std::max(figureWidth, figureMetrics.horizontalAdvance(figures(bar.count)));
    }
    labelWidth = std::min(labelWidth, area.width() * 0.4);
    const qreal gap = textSize * 0.7;
    const qreal barLeft = area.left() + labelWidth + gap;
    const qreal barSpace = std::max<qreal>(0, area.right() - figureWidth - gap - barLeft);
    // A short list sits a little below the status line rather than stretched over the whole screen.
    const qreal top = area.top() + (area.height() - rowHeight * bars.size()) / 3;

    for (qsizetype i = 0; i < bars.size(); ++i) {
        const Bar &bar = bars.at(i);
        m_shownAnswers.append(bar.label);
        if (!painter)
            continue;
        const qreal rowTop = top + i * rowHeight;
        const QRectF labelRect(area.left(), rowTop, labelWidth, rowHeight);
        QFont rowLabelFont = labelFont;
        // A long option wraps; if it still does not fit its row, its type gets smaller.
        for (int step = 0; step < 4 && wrappedBounds(rowLabelFont, labelWidth, bar.label).height() > rowHeight * 0.95;
             ++step)
            rowLabelFont.setPixelSize(std::max(1, qRound(rowLabelFont.pixelSize() * 0.85)));
        painter->setFont(rowLabelFont);
        painter->setPen(kText);
        painter->drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, bar.label);

        const QRectF track(barLeft, rowTop + rowHeight * 0.18, barSpace, rowHeight * 0.64);
        painter->fillRect(track, kTrack);
        const qreal fraction = m_results.voterCount > 0 ? qreal(bar.count) / m_results.voterCount : 0;
        if (bar.count > 0)
            painter->fillRect(QRectF(track.topLeft(), QSizeF(std::max(track.width() * fraction, 3.0), track.height())),
                              kBar);

        painter->setFont(figureFont);
        painter->drawText(QRectF(area.right() - figureWidth, rowTop, figureWidth, rowHeight),
                          Qt::AlignRight | Qt::AlignVCenter, figures(bar.count));
    }
}

void PollChart::drawRating(QPainter *painter, const QRectF &area)
{
    const qreal h = height();
    const int columns = int(m_results.counts.size());
    if (columns == 0)
        return;
    int highest = 0;
    for (const AnswerCount &count : std::as_const(m_results.counts))
        highest = std::max(highest, count.count);

    const QFont figureFont = fontOfSize(h * 0.04, true);
    const QFont numberFont = fontOfSize(h * 0.065, true);
    const QFont endFont = fontOfSize(h * 0.032);
    const qreal figureRow = QFontMetricsF(figureFont).height() * 1.3;
    const qreal numberRow = QFontMetricsF(numberFont).height() * 1.2;
    const bool hasEndLabels = !m_poll->ratingLowLabel.isEmpty() || !m_poll->ratingHighLabel.isEmpty();
    const qreal endRow = hasEndLabels ? QFontMetricsF(endFont).height() * 2.4 : 0;
    const qreal columnWidth = area.width() / columns;
    const qreal barBottom = area.bottom() - numberRow - endRow;
    const qreal barSpace = std::max<qreal>(0, barBottom - area.top() - figureRow);

    for (int i = 0; i < columns; ++i) {
        const AnswerCount &count = m_results.counts.at(i);
        m_shownAnswers.append(count.answer);
        if (!painter)
            continue;
        const qreal left = area.left() + i * columnWidth;
        const qreal barWidth = columnWidth * 0.56;
        const qreal barLeft = left + (columnWidth - barWidth) / 2;
        const qreal barHeight = highest > 0 ? barSpace * count.count / highest : 0;
        painter->fillRect(QRectF(barLeft, barBottom - barSpace, barWidth, barSpace), kTrack);
        if (count.count > 0)
            painter->fillRect(QRectF(barLeft, barBottom - std::max(barHeight, 3.0), barWidth, std::max(barHeight, 3.0)),
                              kBar);
        painter->setPen(kText);
        painter->setFont(figureFont);
        painter->drawText(QRectF(left, barBottom - barHeight - figureRow, columnWidth, figureRow),
                          Qt::AlignHCenter | Qt::AlignBottom, figures(count.count));
        painter->setFont(numberFont);
        painter->drawText(QRectF(left, barBottom, columnWidth, numberRow), Qt::AlignCenter, count.answer);
    }
    if (painter && hasEndLabels) {
        painter->setFont(endFont);
        painter->setPen(kSecondaryText);
        const QRectF lowRect(area.left(), area.bottom() - endRow, columnWidth * 2, endRow);
        const QRectF highRect(area.right() - columnWidth * 2, area.bottom() - endRow, columnWidth * 2, endRow);
        painter->drawText(lowRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_poll->ratingLowLabel);
        painter->drawText(highRect, Qt::AlignRight | Qt::AlignTop | Qt::TextWordWrap, m_poll->ratingHighLabel);
    }
}

void PollChart::drawWordCloud(QPainter *painter, const QRectF &area)
{
    const qreal h = height();
    const qreal smallest = h * 0.035;
    const qreal largest = h * 0.12;
    int highest = 1;
    for (const AnswerCount &count : std::as_const(m_results.counts))
        highest = std::max(highest, count.count);

    struct Word
    {
        QString text;
        QFont font;
        qreal width;
        qreal ascent;
        qreal descent;
        int colour;
    };
    struct Line
    {
        QList<Word> words;
        qreal width = 0;
        qreal ascent = 0;
        qreal descent = 0;
        qreal height() const { return ascent + descent; }
    };
    const qreal spacing = smallest * 0.8;
    // Lines of words, centred; the most frequent words come first (results are sorted), so whatever does not
    // fit is the least frequent.
    QList<Line> lines(1);
    qreal usedHeight = 0; // of the lines before the last
    const int wordCount = std::min<int>(int(m_results.counts.size()), kMaxWords);
    for (int i = 0; i < wordCount; ++i) {
        const AnswerCount &count = m_results.counts.at(i);
        if (count.count <= 0)
            continue;
        qreal size = smallest + (largest - smallest) * std::sqrt(qreal(count.count) / highest);
        QFont wordFont = fontOfSize(size, count.count * 2 >= highest);
        qreal width = QFontMetricsF(wordFont).horizontalAdvance(count.answer);
        if (width > area.width()) { // a long word shrinks to the width rather than running off screen
            size = size * area.width() / width;
            wordFont = fontOfSize(size, wordFont.bold());
            width = QFontMetricsF(wordFont).horizontalAdvance(count.answer);
        }
        const QFontMetricsF metrics(wordFont);
        const Word word{count.answer, wordFont, width, metrics.ascent(), metrics.descent(), i % 4};
        if (!lines.last().words.isEmpty() && lines.last().width + spacing + word.width > area.width()) {
            usedHeight += lines.last().height();
            lines.append(Line{});
        }
        Line &line = lines.last();
        if (usedHeight + std::max(line.ascent, word.ascent) + std::max(line.descent, word.descent) > area.height())
            break;
        line.width += (line.words.isEmpty() ? 0 : spacing) + word.width;
        line.ascent = std::max(line.ascent, word.ascent);
        line.descent = std::max(line.descent, word.descent);
        line.words.append(word);
        m_shownAnswers.append(word.text);
    }
    if (!painter)
        return;
    qreal total = 0;
    for (const Line &line : std::as_const(lines))
        total += line.height();
    qreal top = area.top() + (area.height() - total) / 2;
    for (const Line &line : std::as_const(lines)) {
        qreal left = area.left() + (area.width() - line.width) / 2;
        // Words of one line share a baseline, as in running text.
        const qreal baseline = top + line.ascent;
        for (const Word &word : line.words) {
            painter->setFont(word.font);
            painter->setPen(kWordColours[word.colour]);
            painter->drawText(QPointF(left, baseline), word.text);
            left += word.width + spacing;
        }
        top += line.height();
    }
}

void PollChart::drawOpenText(QPainter *painter, const QRectF &area)
{
    const qreal h = height();
    const QFont textFont = fontOfSize(h * 0.038);
    const QFont countFont = fontOfSize(h * 0.032, true);
    const qreal padding = h * 0.018;
    const qreal spacing = h * 0.018;
    const qreal countWidth = QFontMetricsF(countFont).horizontalAdvance(u"×000"_s);
    const qreal textWidth = area.width() - 2 * padding - countWidth - padding;
    const QFont moreFont = fontOfSize(h * 0.03);
    const qreal moreRow = QFontMetricsF(moreFont).height() * 1.4;

    qreal top = area.top();
    int shown = 0;
    int remaining = 0;
    for (const AnswerCount &count : std::as_const(m_results.counts))
        remaining += count.count > 0 ? 1 : 0;
    for (const AnswerCount &count : std::as_const(m_results.counts)) {
        if (count.count <= 0)
            continue;
        const qreal textHeight = std::min(wrappedBounds(textFont, textWidth, count.answer).height(),
                                          QFontMetricsF(textFont).lineSpacing() * 4);
        const qreal cardHeight = textHeight + 2 * padding;
        const bool last = remaining - shown == 1;
        if (top + cardHeight > area.bottom() - (last ? 0 : moreRow))
            break;
        const QRectF card(area.left(), top, area.width(), cardHeight);
        m_shownAnswers.append(count.answer);
        ++shown;
        if (painter) {
            QPainterPath path;
            path.addRoundedRect(card, padding * 0.6, padding * 0.6);
            painter->fillPath(path, kCard);
            painter->setFont(textFont);
            painter->setPen(kText);
            painter->save();
            painter->setClipRect(card);
            painter->drawText(QRectF(card.left() + padding, card.top() + padding, textWidth, textHeight),
                              Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, count.answer);
            painter->restore();
            if (count.count > 1) {
                painter->setFont(countFont);
                painter->setPen(kBar);
                painter->drawText(QRectF(card.right() - padding - countWidth, card.top() + padding, countWidth,
                                         QFontMetricsF(textFont).height()),
                                  Qt::AlignRight | Qt::AlignVCenter, tr("×%1").arg(count.count));
            }
        }
        top += cardHeight + spacing;
    }
    if (painter && shown < remaining) {
        painter->setFont(moreFont);
        painter->setPen(kSecondaryText);
        painter->drawText(QRectF(area.left(), top, area.width(), moreRow), Qt::AlignLeft | Qt::AlignVCenter,
                          tr("…and %1 more").arg(remaining - shown));
    }
}

} // namespace Lectern
