#include "export/resultchart.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

struct Bar
{
    QString label;
    int count = 0;
};

QList<PageBlock> barRows(const QList<Bar> &bars, int voters, const ResultChart::Style &style, QPaintDevice *device)
{
    const QFont font = pdfFont(style.fontSize);
    const QFont figuresFont = pdfFont(style.fontSize, QFont::DemiBold);
    const qreal lineHeight = QFontMetricsF(font, device).height();
    const qreal gap = lineHeight * 0.5;
    const qreal labelWidth = style.width * 0.34;
    const qreal figuresWidth = QFontMetricsF(figuresFont, device).horizontalAdvance(u"0000 (100%)"_s);
    const qreal barWidth = std::max(lineHeight, style.width - labelWidth - figuresWidth - 2 * gap);
    QList<PageBlock> rows;
    for (const Bar &bar : bars) {
        const TextBox label(bar.label, font, labelWidth, device);
        const TextBox figures(ResultChart::figures(bar.count, voters), figuresFont, figuresWidth, device);
        const qreal share = voters > 0 ? std::clamp(qreal(bar.count) / voters, 0.0, 1.0) : 0.0;
        const qreal height = std::max(label.height(), lineHeight) + gap * 0.6;
        rows.append(PageBlock{height, [=](QPainter &painter, QPointF topLeft) {
                                  label.draw(painter, topLeft, ResultChart::kText);
                                  const QRectF track(topLeft.x() + labelWidth + gap, topLeft.y() + lineHeight * 0.12,
                                                     barWidth, lineHeight * 0.76);
                                  painter.fillRect(track, ResultChart::kTrack);
                                  painter.fillRect(QRectF(track.topLeft(), QSizeF(barWidth * share, track.height())),
                                                   ResultChart::kBar);
                                  figures.draw(painter, QPointF(track.right() + gap, topLeft.y()), ResultChart::kText);
                              }});
    }
    return rows;
}

QList<PageBlock> noteRows(const QString &note, const ResultChart::Style &style, QPaintDevice *device)
{
    const TextBox text(note, pdfFont(style.fontSize * 0.9), style.width, device);
    return {textBlock(text, ResultChart::kSecondaryText)};
}

QList<PageBlock> rankedRows(const PollResults &results, const ResultChart::Style &style, QPaintDevice *device)
{
    const QFont font = pdfFont(style.fontSize);
    const QFont countFont = pdfFont(style.fontSize, QFont::DemiBold);
    const QFontMetricsF metrics(font, device);
    const qreal gap = metrics.height() * 0.5;
    const qreal rankWidth = metrics.horizontalAdvance(u"000."_s);
    const qreal countWidth = QFontMetricsF(countFont, device).horizontalAdvance(u"0000"_s);
    const qreal textWidth = std::max(metrics.height(), style.width - rankWidth - countWidth - 2 * gap);
    QList<PageBlock> rows;
    const qsizetype shown = style.maxListEntries < 0 ? results.counts.size()
                                                     : std::min<qsizetype>(style.maxListEntries, results.counts.size());
    for (qsizetype i = 0; i < shown; ++i) {
        const AnswerCount &answer = results.counts.at(i);
        const TextBox rank(ResultChart::tr("%1.").arg(i + 1), font, rankWidth, device, Qt::AlignRight);
        const TextBox text(answer.answer, font, textWidth, device);
        const TextBox count(QString::number(answer.count), countFont, countWidth, device, Qt::AlignRight);
        const qreal height = std::max(text.height(), metrics.height()) + gap * 0.4;
        rows.append(PageBlock{height, [=](QPainter &painter, QPointF topLeft) {
                                  rank.draw(painter, topLeft, ResultChart::kSecondaryText);
                                  text.draw(painter, topLeft + QPointF(rankWidth + gap, 0), ResultChart::kText);
                                  count.draw(painter, topLeft + QPointF(style.width - countWidth, 0),
                                             ResultChart::kText);
                              }});
    }
    if (results.counts.isEmpty())
        rows += noteRows(ResultChart::tr("No answers."), style, device);
    if (const qsizetype more = results.counts.size() - shown; more > 0)
        rows += noteRows(ResultChart::tr("More answers, not shown here: %1.").arg(more), style, device);
    if (!results.hiddenAnswers.isEmpty())
        rows += noteRows(
            ResultChart::tr("Answers hidden by the moderator, left out: %1.").arg(results.hiddenAnswers.size()), style,
            device);
    return rows;
}

} // namespace

QString ResultChart::figures(int count, int voters)
{
    if (voters <= 0)
        return QString::number(count);
    return tr("%1 (%2%)").arg(count).arg(qRound(100.0 * count / voters));
}

QString ResultChart::summary(const PollOutcome &outcome)
{
    const QString voters = tr("Voters: %1").arg(outcome.results.voterCount);
    switch (outcome.results.state) {
    case PollState::Draft:
        return tr("not opened");
    case PollState::Open:
        return tr("%1 · still open").arg(voters);
    case PollState::Closed:
        return tr("%1 · closed").arg(voters);
    }
    Q_UNREACHABLE();
}

QList<PageBlock> ResultChart::rows(const PollOutcome &outcome, const Style &style, QPaintDevice *device)
{
    const Poll &poll = outcome.poll;
    const PollResults &results = outcome.results;
    switch (poll.kind) {
    case Poll::Kind::SingleChoice:
    case Poll::Kind::MultipleChoice: {
        QList<Bar> bars;
        for (const PollOption &option : poll.options) {
            const auto counted = std::find_if(results.counts.cbegin(), results.counts.cend(),
                                              [&](const AnswerCount &count) { return count.answer == option.id; });
            bars.append({option.label, counted != results.counts.cend() ? counted->count : 0});
        }
        return barRows(bars, results.voterCount, style, device);
    }
    case Poll::Kind::Rating: {
        QList<Bar> bars;
        int total = 0;
        int sum = 0;
        for (const AnswerCount &count : results.counts) {
            const int rating = count.answer.toInt();
            QString label = count.answer;
            if (rating == Poll::kRatingLowest && !poll.ratingLowLabel.isEmpty())
                label = tr("%1 – %2").arg(label, poll.ratingLowLabel);
            else if (rating == Poll::kRatingHighest && !poll.ratingHighLabel.isEmpty())
                label = tr("%1 – %2").arg(label, poll.ratingHighLabel);
            bars.append({label, count.count});
            total += count.count;
            sum += rating * count.count;
        }
        QList<PageBlock> rows = barRows(bars, results.voterCount, style, device);
        const QString mean = total > 0 ? tr("Mean: %1 · ratings: %2")
                                             .arg(QString::number(std::round(10.0 * sum / total) / 10.0, 'f', 1))
                                             .arg(total)
                                       : tr("No ratings.");
        const TextBox text(mean, pdfFont(style.fontSize, QFont::DemiBold), style.width, device);
        rows.append(textBlock(text, kText));
        return rows;
    }
    case Poll::Kind::WordCloud:
    case Poll::Kind::OpenText:
        return rankedRows(results, style, device);
    }
    Q_UNREACHABLE();
}

} // namespace Lectern
