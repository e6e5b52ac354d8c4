#include "pinnedquestioncard.h"

#include "event/livequestions.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

// White on near-black, as the poll chart: readable from the back of a lit room over any slide (opaque: a busy
// slide must not show through).
const QColor kBand(0x0e, 0x10, 0x14);
const QColor kText(0xff, 0xff, 0xff);
const QColor kCaption(0x9c, 0xc7, 0xff);
const QColor kStripe(0x4e, 0xa1, 0xff);

QFont fontOfSize(QFont font, qreal pixels, bool bold = false)
{
    font.setPixelSize(std::max(1, qRound(pixels)));
    font.setBold(bold);
    return font;
}

/**
 * Lays text out in lines of width, wrapped at words or, for a word longer than a line, anywhere; returns the
 * height. Plain text: QTextLayout knows no markup.
 */
qreal layOutText(QTextLayout &layout, const QString &text, const QFont &font, qreal width)
{
    layout.setText(text);
    layout.setFont(font);
    QTextOption option(Qt::AlignLeading);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTextDirection(text.isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight);
    layout.setTextOption(option);
    const qreal leading = QFontMetricsF(font).leading();
    qreal height = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        height += leading;
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    return height;
}

} // namespace

PinnedQuestionCard::PinnedQuestionCard(LiveQuestions &questions, QWidget *parent)
    : QWidget(parent)
    , m_questions(questions)
{
    setObjectName(u"pinnedQuestionCard"_s);
    setAccessibleName(tr("Pinned question"));
    setFocusPolicy(Qt::NoFocus);
    // Only the band is drawn; the slide shows around it, and clicks go through to the window.
    setAttribute(Qt::WA_TransparentForMouseEvents);
    hide();
    connect(&m_questions, &LiveQuestions::questionsChanged, this, &PinnedQuestionCard::refresh);
    connect(&m_questions, &LiveQuestions::questionsReset, this, &PinnedQuestionCard::refresh);
    refresh();
}

void PinnedQuestionCard::refresh()
{
    const std::optional<qint64> pinned = m_questions.pinnedId();
    const std::optional<QuestionRecord> record = pinned ? m_questions.question(*pinned) : std::nullopt;
    std::optional<qint64> id;
    QString text;
    QString name;
    if (record) {
        id = record->question.id;
        text = record->question.text;
        name = record->question.displayName;
    }
    // Upvotes on the pinned question change nothing drawn here.
    if (id != m_id || text != m_text || name != m_name) {
        m_id = id;
        m_text = text;
        m_name = name;
        // The card is drawn: a screen reader gets its words here.
        setAccessibleDescription(m_id ? tr("%1: %2").arg(caption(), m_text) : QString());
        update();
    }
    setVisible(m_id.has_value());
}

QString PinnedQuestionCard::caption() const
{
    if (!m_id)
        return {};
    return m_name.isEmpty() ? tr("A question from the audience") : tr("%1 asks").arg(m_name);
}

PinnedQuestionCard::Layout PinnedQuestionCard::layOut() const
{
    const qreal w = width();
    const qreal h = height();
    const qreal margin = h * 0.04;
    const qreal padding = h * 0.03;
    const qreal stripe = std::max<qreal>(4, h * 0.008);
    const qreal gap = h * 0.012;

    Layout layout;
    layout.captionFont = fontOfSize(font(), h * 0.034, true);
    const qreal captionHeight = QFontMetricsF(layout.captionFont).height();
    const qreal bandWidth = std::max<qreal>(1, w - 2 * margin);
    const qreal textWidth = std::max<qreal>(1, bandWidth - 2 * padding - stripe);
    // At most half the screen: the slide the speaker answers with stays in view above.
    const qreal maxTextHeight = std::max<qreal>(1, h * 0.5 - 2 * padding - captionHeight - gap);

    qreal size = h * 0.07;
    const qreal smallest = std::max<qreal>(8, h * 0.022);
    qreal textHeight = 0;
    for (;;) {
        layout.textFont = fontOfSize(font(), size);
        QTextLayout measured;
        textHeight = layOutText(measured, m_text, layout.textFont, textWidth);
        if (textHeight <= maxTextHeight || size <= smallest)
            break;
        size = std::max(smallest, size * 0.92);
    }
    textHeight = std::min(textHeight, maxTextHeight);
    const qreal bandHeight = 2 * padding + captionHeight + gap + textHeight;
    layout.band = QRectF(margin, h - margin - bandHeight, bandWidth, bandHeight);
    const qreal left = layout.band.left() + stripe + padding;
    layout.captionRect = QRectF(left, layout.band.top() + padding, textWidth, captionHeight);
    layout.textRect = QRectF(left, layout.captionRect.bottom() + gap, textWidth, textHeight);
    return layout;
}

QRectF PinnedQuestionCard::bandRect() const
{
    return layOut().band;
}

void PinnedQuestionCard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    update();
}

void PinnedQuestionCard::paintEvent(QPaintEvent *)
{
    if (!m_id)
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const Layout layout = layOut();
    const qreal radius = height() * 0.012;

    QPainterPath band;
    band.addRoundedRect(layout.band, radius, radius);
    painter.fillPath(band, kBand);
    painter.save();
    painter.setClipPath(band);
    painter.fillRect(QRectF(layout.band.topLeft(), QSizeF(std::max<qreal>(4, height() * 0.008), layout.band.height())),
                     kStripe);
    painter.restore();

    painter.setFont(layout.captionFont);
    painter.setPen(kCaption);
    const QString who =
        QFontMetricsF(layout.captionFont).elidedText(caption(), Qt::ElideRight, layout.captionRect.width());
    painter.drawText(layout.captionRect, Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine, who);

    painter.setPen(kText);
    painter.setClipRect(layout.textRect);
    QTextLayout text;
    layOutText(text, m_text, layout.textFont, layout.textRect.width());
    text.draw(&painter, layout.textRect.topLeft());
}

} // namespace Lectern
