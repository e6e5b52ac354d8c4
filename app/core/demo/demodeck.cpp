#include "demo/demodeck.h"
#include "model/event.h"
#include "model/eventfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSet>
#include <QTime>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Lectern {

Q_LOGGING_CATEGORY(lcDemo, "lectern.demo")

namespace {

// The deck is drawn in a 1920×1080 coordinate system on a 16:9 page of 254 × 142.875 mm (720 × 405 pt).
constexpr qreal kPageWidth = 1920;
constexpr qreal kPageHeight = 1080;
constexpr int kResolution = 192;
constexpr qreal kMargin = 100;
constexpr qreal kTitleBarHeight = 150;
constexpr qreal kContentTop = 205;
constexpr qreal kContentBottom = 990;
constexpr qreal kContentWidth = kPageWidth - 2 * kMargin;
constexpr qreal kColumnGap = 70;

const QString kContentResource = u":/demo/demo-decks.json"_s;
const QString kEventResource = u":/demo/demo.lectern.json"_s;
const QString kEventFileName = u"robust-python-evening.lectern.json"_s;
const QString kSans = u"DejaVu Sans"_s;
const QString kMono = u"DejaVu Sans Mono"_s;

namespace Colors {
const QColor navy{0x1b, 0x26, 0x38};
const QColor paper{0xf7, 0xf6, 0xf2};
const QColor ink{0x1f, 0x29, 0x33};
const QColor muted{0x6b, 0x72, 0x80};
const QColor rule{0xd9, 0xdc, 0xe1};
const QColor blue{0x35, 0x72, 0xa5};
const QColor lightBlue{0x9c, 0xc3, 0xe6};
const QColor yellow{0xff, 0xd4, 0x3b};
const QColor onNavy{0xc9, 0xd4, 0xe5};
const QColor codeBackground{0xea, 0xef, 0xf6};
const QColor inlineCodeBackground{0xe4, 0xe8, 0xee};
const QColor keyword{0x8a, 0x2b, 0xa8};
const QColor string{0x0f, 0x7b, 0x3f};
const QColor comment{0x7a, 0x82, 0x8e};
const QColor number{0xb3, 0x54, 0x00};
const QColor decorator{0x1e, 0x6a, 0xb0};
} // namespace Colors

QFont font(const QString &family, qreal pixelSize, bool bold = false)
{
    QFont f(family);
    f.setStyleHint(family == kMono ? QFont::Monospace : QFont::SansSerif);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setPixelSize(std::max(1, int(std::lround(pixelSize))));
    f.setBold(bold);
    return f;
}

// --- Inline text: **bold** and `code`, word-wrapped ----------------------------------------------------------

struct Token
{
    QString text;
    bool bold = false;
    bool code = false;
    bool space = false;
};

QList<Token> tokenize(const QString &text)
{
    QList<Token> tokens;
    bool bold = false;
    bool code = false;
    QString word;
    const auto flush = [&] {
        if (!word.isEmpty())
            tokens.append({word, bold, code, false});
        word.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!code && c == u'*' && i + 1 < text.size() && text.at(i + 1) == u'*') {
            flush();
            bold = !bold;
            ++i;
        } else if (c == u'`') {
            flush();
            code = !code;
        } else if (c == u' ' && !code) {
            flush();
            tokens.append({u" "_s, bold, false, true});
        } else {
            word += c;
        }
    }
    flush();
    return tokens;
}

/** The fonts of one paragraph style. */
struct TextStyle
{
    QFont regular;
    QFont bold;
    QFont code;
    QColor color;
    QColor boldColor;

    /** allBold: headings, where even the unmarked text is bold. */
    static TextStyle sans(qreal pixelSize, const QColor &color, const QColor &boldColor, bool allBold = false)
    {
        return {font(kSans, pixelSize, allBold), font(kSans, pixelSize, true), font(kMono, pixelSize * 0.88), color,
                boldColor};
    }
    const QFont &fontFor(const Token &token) const { return token.code ? code : token.bold ? bold : regular; }
    qreal codePadding() const { return regular.pixelSize() * 0.22; }
    qreal lineHeight() const { return QFontMetricsF(regular).lineSpacing() * 1.2; }
};

struct PlacedToken
{
    qreal x = 0;
    Token token;
};

struct TextLayout
{
    QList<QList<PlacedToken>> lines;
    qreal lineHeight = 0;
    qreal height() const { return lines.size() * lineHeight; }
};

qreal tokenWidth(const Token &token, const TextStyle &style)
{
    const qreal width = QFontMetricsF(style.fontFor(token)).horizontalAdvance(token.text);
    return token.code ? width + 2 * style.codePadding() : width;
}

TextLayout layoutText(const QString &text, const TextStyle &style, qreal maxWidth)
{
    TextLayout layout;
    layout.lineHeight = style.lineHeight();
    layout.lines.append(QList<PlacedToken>());
    qreal x = 0;
    qreal pendingSpace = 0;
    for (const Token &token : tokenize(text)) {
        const qreal width = tokenWidth(token, style);
        if (token.space) {
            if (!layout.lines.last().isEmpty())
                pendingSpace += width;
            continue;
        }
        if (!layout.lines.last().isEmpty() && x + pendingSpace + width > maxWidth) {
            layout.lines.append(QList<PlacedToken>());
            x = 0;
        } else {
            x += pendingSpace;
        }
        pendingSpace = 0;
        layout.lines.last().append(PlacedToken{x, token});
        x += width;
    }
    return layout;
}

qreal widestLine(const TextLayout &layout, const TextStyle &style)
{
    qreal widest = 0;
    for (const auto &line : layout.lines) {
        if (!line.isEmpty())
            widest = std::max(widest, line.last().x + tokenWidth(line.last().token, style));
    }
    return widest;
}

void drawText(QPainter &painter, const TextLayout &layout, const TextStyle &style, QPointF topLeft)
{
    for (qsizetype lineIndex = 0; lineIndex < layout.lines.size(); ++lineIndex) {
        const qreal top = topLeft.y() + lineIndex * layout.lineHeight;
        const qreal baseline =
            top +
            (layout.lineHeight + QFontMetricsF(style.regular).ascent() - QFontMetricsF(style.regular).descent()) / 2;
        for (const PlacedToken &placed : layout.lines.at(lineIndex)) {
            const QFont &f = style.fontFor(placed.token);
            qreal x = topLeft.x() + placed.x;
            if (placed.token.code) {
                const QFontMetricsF metrics(f);
                const QRectF box(x, baseline - metrics.ascent() - style.codePadding() * 0.5,
                                 tokenWidth(placed.token, style), metrics.height() + style.codePadding());
                painter.setPen(Qt::NoPen);
                painter.setBrush(Colors::inlineCodeBackground);
                painter.drawRoundedRect(box, style.codePadding(), style.codePadding());
                x += style.codePadding();
            }
            painter.setFont(f);
            painter.setPen(placed.token.bold ? style.boldColor : style.color);
            painter.drawText(QPointF(x, baseline), placed.token.text);
        }
    }
}

/** Lays out a paragraph in the largest size up to pixelSize that fits width on at most maxLines lines. */
TextStyle fittingStyle(const QString &text, qreal pixelSize, qreal width, int maxLines, const QColor &color,
                       bool allBold = false)
{
    TextStyle style = TextStyle::sans(pixelSize, color, color, allBold);
    while (pixelSize > 20) {
        const TextLayout layout = layoutText(text, style, width);
        if (layout.lines.size() <= maxLines && widestLine(layout, style) <= width)
            break;
        pixelSize *= 0.94;
        style = TextStyle::sans(pixelSize, color, color, allBold);
    }
    return style;
}

// --- Code blocks ------------------------------------------------------------------------------------------

enum class CodeRole { Plain, Keyword, String, Comment, Number, Decorator };

QColor colorOf(CodeRole role)
{
    switch (role) {
    case CodeRole::Keyword:
        return Colors::keyword;
    case CodeRole::String:
        return Colors::string;
    case CodeRole::Comment:
        return Colors::comment;
    case CodeRole::Number:
        return Colors::number;
    case CodeRole::Decorator:
        return Colors::decorator;
    case CodeRole::Plain:
        break;
    }
    return Colors::ink;
}

const QSet<QString> &keywordsOf(const QString &language)
{
    static const QSet<QString> python{
        u"and"_s,   u"as"_s,     u"assert"_s, u"class"_s, u"def"_s,   u"elif"_s,   u"else"_s, u"False"_s, u"for"_s,
        u"from"_s,  u"if"_s,     u"import"_s, u"in"_s,    u"is"_s,    u"lambda"_s, u"None"_s, u"not"_s,   u"or"_s,
        u"raise"_s, u"return"_s, u"True"_s,   u"try"_s,   u"while"_s, u"with"_s,   u"yield"_s};
    static const QSet<QString> shell{u"uv"_s, u"nix"_s, u"pip"_s, u"python"_s};
    static const QSet<QString> nix{u"let"_s, u"in"_s, u"rec"_s, u"with"_s, u"inherit"_s, u"import"_s};
    static const QSet<QString> none;
    if (language == u"python")
        return python;
    if (language == u"sh")
        return shell;
    if (language == u"nix")
        return nix;
    return none;
}

struct CodeSpan
{
    QString text;
    CodeRole role = CodeRole::Plain;
};

QList<CodeSpan> highlight(const QString &line, const QString &language)
{
    QList<CodeSpan> spans;
    const auto append = [&spans](const QString &text, CodeRole role) {
        if (!spans.isEmpty() && spans.last().role == role)
            spans.last().text += text;
        else
            spans.append({text, role});
    };
    const auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
    const QSet<QString> &keywords = keywordsOf(language);
    qsizetype i = 0;
    while (i < line.size()) {
        const QChar c = line.at(i);
        qsizetype end = i + 1;
        if (c == u'#') {
            append(line.mid(i), CodeRole::Comment);
            break;
        }
        if (c == u'"' || c == u'\'') {
            while (end < line.size() && line.at(end) != c)
                end += line.at(end) == u'\\' ? 2 : 1;
            end = std::min(end + 1, line.size());
            append(line.mid(i, end - i), CodeRole::String);
        } else if (c == u'@' && language == u"python") {
            while (end < line.size() && (isWordChar(line.at(end)) || line.at(end) == u'.'))
                ++end;
            append(line.mid(i, end - i), CodeRole::Decorator);
        } else if (c.isDigit() && (i == 0 || !isWordChar(line.at(i - 1)))) {
            while (end < line.size() && (line.at(end).isDigit() || line.at(end) == u'.' || line.at(end) == u'_'))
                ++end;
            append(line.mid(i, end - i), CodeRole::Number);
        } else if (isWordChar(c)) {
            while (end < line.size() && isWordChar(line.at(end)))
                ++end;
            const QString word = line.mid(i, end - i);
            append(word, keywords.contains(word) ? CodeRole::Keyword : CodeRole::Plain);
        } else {
            append(QString(c), CodeRole::Plain);
        }
        i = end;
    }
    return spans;
}

struct CodeBlock
{
    QStringList lines;
    QString language;
};

constexpr qreal kCodePadding = 34;
constexpr qreal kCodeLineFactor = 1.22;
constexpr qreal kMaxCodePixels = 34;

/** The largest monospace pixel size (≤ kMaxCodePixels) at which the block fits in the box. */
qreal codePixelSize(const CodeBlock &code, QSizeF box)
{
    const QFontMetricsF reference(font(kMono, 100));
    qreal widest = 0;
    for (const QString &line : code.lines)
        widest = std::max(widest, reference.horizontalAdvance(line));
    const qreal byWidth = widest > 0 ? (box.width() - 2 * kCodePadding) * 100 / widest : kMaxCodePixels;
    const qreal byHeight = (box.height() - 2 * kCodePadding) * 100 /
                           (std::max<qsizetype>(1, code.lines.size()) * reference.lineSpacing() * kCodeLineFactor);
    return std::floor(std::min({kMaxCodePixels, byWidth, byHeight}));
}

qreal codeBlockHeight(const CodeBlock &code, qreal pixelSize)
{
    return code.lines.size() * QFontMetricsF(font(kMono, pixelSize)).lineSpacing() * kCodeLineFactor + 2 * kCodePadding;
}

void drawCode(QPainter &painter, const CodeBlock &code, const QRectF &box, qreal pixelSize)
{
    painter.setPen(Qt::NoPen);
    painter.setBrush(Colors::codeBackground);
    painter.drawRoundedRect(box, 18, 18);
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(box.left(), box.top(), 24, box.height()), 18, 18);
    QPainterPath clip;
    clip.addRect(QRectF(box.left(), box.top(), 8, box.height()));
    painter.setBrush(Colors::blue);
    painter.drawPath(stripe.intersected(clip));

    const QFont mono = font(kMono, pixelSize);
    const QFontMetricsF metrics(mono);
    const qreal lineHeight = metrics.lineSpacing() * kCodeLineFactor;
    painter.setFont(mono);
    qreal baseline = box.top() + kCodePadding + (lineHeight + metrics.ascent() - metrics.descent()) / 2;
    for (const QString &line : code.lines) {
        qreal x = box.left() + kCodePadding;
        for (const CodeSpan &span : highlight(line, code.language)) {
            painter.setPen(colorOf(span.role));
            painter.drawText(QPointF(x, baseline), span.text);
            x += metrics.horizontalAdvance(span.text);
        }
        baseline += lineHeight;
    }
}

// --- Diagrams ---------------------------------------------------------------------------------------------

void drawBarChart(QPainter &painter, const QJsonObject &chart, const QRectF &box)
{
    const QJsonArray bars = chart.value("bars"_L1).toArray();
    const QString unit = chart.value("unit"_L1).toString();
    double maxValue = 0;
    for (const QJsonValue &bar : bars)
        maxValue = std::max(maxValue, bar.toObject().value("value"_L1).toDouble());
    if (bars.isEmpty() || maxValue <= 0)
        return;

    const QFont labelFont = font(kSans, 32);
    const QFont valueFont = font(kSans, 32, true);
    const TextStyle captionStyle = TextStyle::sans(24, Colors::muted, Colors::muted);
    const TextLayout caption = layoutText(chart.value("caption"_L1).toString(), captionStyle, box.width());
    const qreal chartHeight = box.height() - caption.height() - 30;
    const qreal labelWidth = 300;
    const qreal valueWidth = 120;
    const qreal slot = chartHeight / bars.size();
    const qreal barHeight = std::min(90.0, slot * 0.62);
    const qreal barLeft = box.left() + labelWidth;
    const qreal barSpan = box.width() - labelWidth - valueWidth;

    painter.setPen(QPen(Colors::rule, 3));
    painter.drawLine(QPointF(barLeft, box.top()), QPointF(barLeft, box.top() + chartHeight));
    for (qsizetype i = 0; i < bars.size(); ++i) {
        const QJsonObject bar = bars.at(i).toObject();
        const double value = bar.value("value"_L1).toDouble();
        const qreal centerY = box.top() + slot * (i + 0.5);
        const QRectF barRect(barLeft, centerY - barHeight / 2, barSpan * value / maxValue, barHeight);

        painter.setFont(labelFont);
        painter.setPen(Colors::ink);
        painter.drawText(QRectF(box.left(), centerY - slot / 2, labelWidth - 24, slot),
                         Qt::AlignRight | Qt::AlignVCenter, bar.value("label"_L1).toString());
        painter.setPen(Qt::NoPen);
        painter.setBrush(i == 0 ? Colors::blue : Colors::lightBlue);
        QPainterPath path;
        path.addRoundedRect(barRect.adjusted(-10, 0, 0, 0), 10, 10);
        QPainterPath visible;
        visible.addRect(barRect);
        painter.drawPath(path.intersected(visible));
        painter.setFont(valueFont);
        painter.setPen(Colors::ink);
        painter.drawText(QRectF(barRect.right() + 16, centerY - slot / 2, valueWidth + 100, slot),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::number(value) + unit);
    }
    drawText(painter, caption, captionStyle, QPointF(box.left(), box.bottom() - caption.height()));
}

/** Draws the flow's boxes left to right with arrows; returns its height. */
qreal drawFlow(QPainter &painter, const QJsonArray &steps, const QRectF &box)
{
    if (steps.isEmpty())
        return 0;
    const qreal arrowGap = 64;
    const qreal stepWidth = (box.width() - arrowGap * (steps.size() - 1)) / steps.size();
    const qreal padding = 26;
    const TextStyle titleStyle = TextStyle::sans(42, Colors::blue, Colors::blue, true);
    const TextStyle lastTitleStyle = TextStyle::sans(42, Colors::navy, Colors::navy, true);
    const TextStyle textStyle = TextStyle::sans(34, Colors::ink, Colors::ink);

    qreal contentHeight = 0;
    for (const QJsonValue &step : steps) {
        const QJsonObject object = step.toObject();
        const qreal height =
            layoutText(object.value("title"_L1).toString(), titleStyle, stepWidth - 2 * padding).height() + 12 +
            layoutText(object.value("text"_L1).toString(), textStyle, stepWidth - 2 * padding).height();
        contentHeight = std::max(contentHeight, height);
    }
    const qreal stepHeight = std::min(box.height(), std::max(contentHeight + 2 * padding, box.height() * 0.75));

    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject object = steps.at(i).toObject();
        const bool last = i == steps.size() - 1;
        const QRectF stepBox(box.left() + i * (stepWidth + arrowGap), box.top(), stepWidth, stepHeight);
        painter.setPen(QPen(last ? Colors::yellow : Colors::blue, 4));
        painter.setBrush(last ? Colors::yellow : QColor(Qt::white));
        painter.drawRoundedRect(stepBox, 20, 20);

        const TextStyle &stepTitleStyle = last ? lastTitleStyle : titleStyle;
        const TextLayout title =
            layoutText(object.value("title"_L1).toString(), stepTitleStyle, stepWidth - 2 * padding);
        const TextLayout text = layoutText(object.value("text"_L1).toString(), textStyle, stepWidth - 2 * padding);
        drawText(painter, title, stepTitleStyle, stepBox.topLeft() + QPointF(padding, padding));
        drawText(painter, text, textStyle, stepBox.topLeft() + QPointF(padding, padding + title.height() + 12));

        if (!last) {
            const qreal y = stepBox.center().y();
            const qreal x0 = stepBox.right() + 10;
            const qreal x1 = stepBox.right() + arrowGap - 10;
            painter.setPen(QPen(Colors::muted, 5, Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(QPointF(x0, y), QPointF(x1 - 12, y));
            QPainterPath head;
            head.moveTo(x1, y);
            head.lineTo(x1 - 20, y - 14);
            head.lineTo(x1 - 20, y + 14);
            head.closeSubpath();
            painter.setPen(Qt::NoPen);
            painter.setBrush(Colors::muted);
            painter.drawPath(head);
        }
    }
    return stepHeight;
}

// --- Bullets ----------------------------------------------------------------------------------------------

struct BulletLayout
{
    TextStyle style;
    QList<TextLayout> items;
    qreal indent = 0;
    qreal gap = 0;
    qreal height() const
    {
        qreal total = 0;
        for (const TextLayout &item : items)
            total += item.height();
        return total + gap * std::max<qsizetype>(0, items.size() - 1);
    }
};

BulletLayout layoutBullets(const QStringList &bullets, qreal pixelSize, qreal width)
{
    BulletLayout layout{TextStyle::sans(pixelSize, Colors::ink, Colors::navy), {}, pixelSize * 1.3, pixelSize * 0.75};
    for (const QString &bullet : bullets)
        layout.items.append(layoutText(bullet, layout.style, width - layout.indent));
    return layout;
}

/** The bullets in the largest size up to pixelSize that fits the box. */
BulletLayout fitBullets(const QStringList &bullets, qreal pixelSize, QSizeF box)
{
    BulletLayout layout = layoutBullets(bullets, pixelSize, box.width());
    while (layout.height() > box.height() && pixelSize > 22) {
        pixelSize -= 2;
        layout = layoutBullets(bullets, pixelSize, box.width());
    }
    if (layout.height() > box.height())
        qCWarning(lcDemo) << "demo bullets overflow their box:" << bullets;
    return layout;
}

void drawBullets(QPainter &painter, const BulletLayout &layout, QPointF topLeft, int visibleCount)
{
    qreal y = topLeft.y();
    const qreal dot = layout.style.regular.pixelSize() * 0.32;
    for (qsizetype i = 0; i < layout.items.size() && i < visibleCount; ++i) {
        const TextLayout &item = layout.items.at(i);
        painter.setPen(Qt::NoPen);
        painter.setBrush(Colors::blue);
        const QPointF center(topLeft.x() + dot, y + item.lineHeight / 2);
        painter.drawRoundedRect(QRectF(center.x() - dot / 2, center.y() - dot / 2, dot, dot), dot * 0.2, dot * 0.2);
        drawText(painter, item, layout.style, QPointF(topLeft.x() + layout.indent, y));
        y += item.height() + layout.gap;
    }
}

// --- Slides -----------------------------------------------------------------------------------------------

/** One PDF page: a slide, or one overlay step of it. */
struct PageSpec
{
    QJsonObject slide;
    QString label;
    int step = 0;  ///< 0-based overlay step
    int steps = 1; ///< steps of this slide
};

QList<PageSpec> pagesOf(const QJsonArray &slides)
{
    QList<PageSpec> pages;
    int slideNumber = 0;
    for (const QJsonValue &value : slides) {
        const QJsonObject slide = value.toObject();
        ++slideNumber;
        const int steps =
            slide.value("build"_L1).toBool() ? std::max<int>(1, int(slide.value("bullets"_L1).toArray().size())) : 1;
        for (int step = 0; step < steps; ++step)
            pages.append({slide, QString::number(slideNumber), step, steps});
    }
    return pages;
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    for (const QJsonValue &item : value.toArray())
        strings.append(item.toString());
    return strings;
}

/** Whole minutes as a number ("15"), fractions as a decimal ("7.5"). */
QString minutesText(std::chrono::seconds time)
{
    return QString::number(double(time.count()) / 60);
}

/** The poll a poll slide shows: one of its session's, named by the slide's "poll". */
const Poll *pollOf(const QJsonObject &slide, const Session &session)
{
    const QString id = slide.value("poll"_L1).toString();
    const auto found =
        std::find_if(session.polls.cbegin(), session.polls.cend(), [&id](const Poll &poll) { return poll.id == id; });
    return found == session.polls.cend() ? nullptr : &*found;
}

class DeckPainter
{
public:
    // The words drawn on the slides come from the content file and the event, like the rest of the deck: the
    // deck's language is its content's, not the user interface's.
    DeckPainter(QPainter &painter, const QJsonObject &content, const Event &event, int sessionIndex)
        : m_painter(painter)
        , m_event(event)
        , m_sessionIndex(sessionIndex)
        , m_footer(content.value("footer"_L1).toString())
        , m_talkLabel(content.value("talkLabel"_L1).toString())
        , m_talkKicker(content.value("talkKicker"_L1).toString())
        , m_backupLabel(content.value("backupLabel"_L1).toString())
        , m_pollWords(content.value("pollSlide"_L1).toObject())
    {}

    void paint(const PageSpec &page)
    {
        const QString kind = page.slide.value("kind"_L1).toString();
        if (kind == u"title" || kind == u"closing")
            paintTitle(page);
        else if (kind == u"section")
            paintSection(page);
        else if (kind == u"agenda")
            paintAgenda(page);
        else if (kind == u"poll")
            paintPoll(page);
        else
            paintContent(page);
    }

private:
    void paintBackground(const QColor &color) { m_painter.fillRect(QRectF(0, 0, kPageWidth, kPageHeight), color); }

    void paintFooter(const PageSpec &page, bool onDark)
    {
        const QColor color = onDark ? Colors::onNavy : Colors::muted;
        m_painter.setFont(font(kSans, 24));
        m_painter.setPen(color);
        const QRectF band(kMargin, kPageHeight - 70, kContentWidth, 50);
        m_painter.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
        const bool hidden = page.slide.value("hidden"_L1).toBool();
        m_painter.setFont(font(kSans, 24, true));
        m_painter.drawText(band, Qt::AlignRight | Qt::AlignVCenter,
                           hidden ? m_backupLabel.arg(page.label) : page.label);
        m_painter.setPen(Qt::NoPen);
        m_painter.setBrush(Colors::yellow);
        m_painter.drawRect(QRectF(kMargin - 30, band.center().y() - 12, 8, 24));
    }

    void paintTitleBar(const QString &title)
    {
        m_painter.fillRect(QRectF(0, 0, kPageWidth, kTitleBarHeight), Colors::navy);
        m_painter.fillRect(QRectF(0, kTitleBarHeight, kPageWidth, 8), Colors::yellow);
        const TextStyle style = fittingStyle(title, 62, kContentWidth, 1, Qt::white);
        const TextLayout layout = layoutText(title, style, kContentWidth);
        drawText(m_painter, layout, style, QPointF(kMargin, (kTitleBarHeight - layout.height()) / 2));
    }

    void paintTitle(const PageSpec &page)
    {
        paintBackground(Colors::navy);
        // Two overlapping discs in the Python colours: decoration that scales without any image asset.
        m_painter.setPen(Qt::NoPen);
        m_painter.setBrush(Colors::blue);
        m_painter.drawEllipse(QPointF(1660, 330), 330, 330);
        QColor yellow = Colors::yellow;
        yellow.setAlphaF(0.92);
        m_painter.setBrush(yellow);
        m_painter.drawEllipse(QPointF(1540, 800), 210, 210);
        m_painter.setPen(QPen(Colors::onNavy, 6));
        m_painter.setBrush(Qt::NoBrush);
        m_painter.drawEllipse(QPointF(1790, 720), 120, 120);

        const qreal left = 130;
        const qreal width = 1160;
        m_painter.fillRect(QRectF(left, 250, 120, 12), Colors::yellow);

        const QString title = page.slide.value("title"_L1).toString();
        const TextStyle titleStyle = fittingStyle(title, 118, width, 2, Qt::white, true);
        const TextLayout titleLayout = layoutText(title, titleStyle, width);
        qreal y = 300;
        drawText(m_painter, titleLayout, titleStyle, QPointF(left, y));
        y += titleLayout.height() + 30;

        const TextStyle subtitleStyle = TextStyle::sans(44, Colors::onNavy, Colors::onNavy);
        const TextLayout subtitle = layoutText(page.slide.value("subtitle"_L1).toString(), subtitleStyle, width);
        drawText(m_painter, subtitle, subtitleStyle, QPointF(left, y));
        y += subtitle.height() + 60;

        const TextStyle metaStyle = TextStyle::sans(34, Colors::yellow, Colors::yellow);
        for (const QString &line : stringsOf(page.slide.value("meta"_L1))) {
            const TextLayout meta = layoutText(line, metaStyle, width);
            drawText(m_painter, meta, metaStyle, QPointF(left, y));
            y += meta.height() + 8;
        }
        paintFooter(page, true);
    }

    void paintSection(const PageSpec &page)
    {
        paintBackground(Colors::paper);
        const qreal bandWidth = 620;
        m_painter.fillRect(QRectF(0, 0, bandWidth, kPageHeight), Colors::navy);
        m_painter.fillRect(QRectF(bandWidth, 0, 10, kPageHeight), Colors::yellow);
        m_painter.setPen(Colors::onNavy);
        m_painter.setFont(font(kSans, 40, true));
        m_painter.drawText(QRectF(0, 290, bandWidth, 80), Qt::AlignCenter, m_talkLabel);
        m_painter.setPen(Colors::yellow);
        m_painter.setFont(font(kSans, 340, true));
        m_painter.drawText(QRectF(0, 340, bandWidth, 460), Qt::AlignCenter, QString::number(m_sessionIndex + 1));

        // The talk's title, speaker and timing are the event's.
        const Session &session = this->session();
        const qreal left = bandWidth + 110;
        const qreal width = kPageWidth - left - kMargin;
        const TextStyle kickerStyle = TextStyle::sans(34, Colors::blue, Colors::blue);
        const QString kickerText = m_talkKicker.arg(m_sessionIndex + 1)
                                       .arg(minutesText(session.timing.talkTime), minutesText(session.timing.qaTime));
        const TextLayout kicker = layoutText(kickerText, kickerStyle, width);
        const TextStyle boldTitleStyle = fittingStyle(session.title, 84, width, 3, Colors::ink, true);
        const TextLayout titleLayout = layoutText(session.title, boldTitleStyle, width);
        const TextStyle speakerStyle = TextStyle::sans(46, Colors::muted, Colors::muted);
        const TextLayout speaker = layoutText(session.speaker, speakerStyle, width);

        const qreal total = kicker.height() + 30 + titleLayout.height() + 50 + speaker.height();
        qreal y = (kPageHeight - total) / 2;
        drawText(m_painter, kicker, kickerStyle, QPointF(left, y));
        y += kicker.height() + 30;
        drawText(m_painter, titleLayout, boldTitleStyle, QPointF(left, y));
        y += titleLayout.height() + 50;
        m_painter.fillRect(QRectF(left, y - 28, 90, 8), Colors::yellow);
        drawText(m_painter, speaker, speakerStyle, QPointF(left, y));
        paintFooterOnPaper(page, left);
    }

    void paintFooterOnPaper(const PageSpec &page, qreal left)
    {
        m_painter.setFont(font(kSans, 24));
        m_painter.setPen(Colors::muted);
        const QRectF band(left, kPageHeight - 70, kPageWidth - left - kMargin, 50);
        m_painter.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
        m_painter.setFont(font(kSans, 24, true));
        m_painter.drawText(band, Qt::AlignRight | Qt::AlignVCenter, page.label);
    }

    struct AgendaItem
    {
        QString time;
        QString text;
        QString who;
    };

    /** The event's sessions at their planned start times (none when the event has no start), then "after". */
    QList<AgendaItem> agendaItems(const QJsonObject &after) const
    {
        QList<AgendaItem> items;
        std::optional<QTime> start = m_event.startTime;
        const auto timeText = [&start] { return start ? start->toString(u"HH:mm"_s) : QString(); };
        for (const Session &session : m_event.sessions) {
            items.append({timeText(), u"**"_s + session.title + u"**"_s, session.speaker});
            if (start) {
                const auto length = session.timing.talkTime + session.timing.qaTime;
                start = start->addSecs(int(length.count()));
            }
        }
        if (!after.isEmpty())
            items.append({timeText(), after.value("text"_L1).toString(), after.value("who"_L1).toString()});
        return items;
    }

    void paintAgenda(const PageSpec &page)
    {
        paintBackground(Colors::paper);
        paintTitleBar(page.slide.value("title"_L1).toString());
        const QList<AgendaItem> items = agendaItems(page.slide.value("after"_L1).toObject());
        const qreal rowHeight =
            std::min<qreal>(150, (kContentBottom - kContentTop) / std::max<qsizetype>(1, items.size()));
        const qreal timeWidth = 230;
        const TextStyle titleStyle = TextStyle::sans(44, Colors::ink, Colors::ink);
        const TextStyle whoStyle = TextStyle::sans(32, Colors::muted, Colors::muted);
        qreal y = kContentTop;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const AgendaItem &item = items.at(i);
            m_painter.setFont(font(kMono, 44, true));
            m_painter.setPen(Colors::blue);
            m_painter.drawText(QRectF(kMargin, y, timeWidth, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, item.time);
            const TextLayout title = layoutText(item.text, titleStyle, kContentWidth - timeWidth);
            const TextLayout who = layoutText(item.who, whoStyle, kContentWidth - timeWidth);
            const qreal blockTop = y + (rowHeight - title.height() - who.height()) / 2;
            drawText(m_painter, title, titleStyle, QPointF(kMargin + timeWidth, blockTop));
            drawText(m_painter, who, whoStyle, QPointF(kMargin + timeWidth, blockTop + title.height()));
            if (i + 1 < items.size()) {
                m_painter.setPen(QPen(Colors::rule, 2));
                m_painter.drawLine(QPointF(kMargin, y + rowHeight), QPointF(kMargin + kContentWidth, y + rowHeight));
            }
            y += rowHeight;
        }
        paintFooter(page, false);
    }

    /**
     * The slide that asks the room: the poll's question and what phones will offer (the options, the 1–5 scale
     * or an answer field), taken from the event so that the slide and the phones say the same.
     */
    void paintPoll(const PageSpec &page)
    {
        paintBackground(Colors::paper);
        paintTitleBar(m_pollWords.value("title"_L1).toString());
        const Poll *poll = pollOf(page.slide, session());
        Q_ASSERT_X(poll, "DeckPainter::paintPoll", "DemoDeck::write checks every poll slide names a session poll");
        if (!poll) {
            paintFooter(page, false);
            return;
        }
        const QRectF area(kMargin, kContentTop + 30, kContentWidth, kContentBottom - kContentTop - 30);
        qreal y = area.top();
        const TextStyle questionStyle = fittingStyle(poll->question, 92, area.width(), 2, Colors::ink, true);
        const TextLayout question = layoutText(poll->question, questionStyle, area.width());
        drawText(m_painter, question, questionStyle, QPointF(area.left(), y));
        y += question.height() + 10;

        const TextStyle hintStyle = TextStyle::sans(40, Colors::blue, Colors::blue);
        const TextLayout hint = layoutText(pollHint(*poll), hintStyle, area.width());
        drawText(m_painter, hint, hintStyle, QPointF(area.left(), y));
        y += hint.height() + 40;

        const TextStyle answerStyle = TextStyle::sans(36, Colors::muted, Colors::navy);
        const qreal phoneHeight = 56;
        const TextLayout answer =
            layoutText(m_pollWords.value("answer"_L1).toString(), answerStyle, area.width() - phoneHeight);
        const qreal answerTop = area.bottom() - std::max(phoneHeight, answer.height());
        paintPhone(QRectF(area.left(), answerTop, phoneHeight * 0.6, phoneHeight));
        drawText(m_painter, answer, answerStyle,
                 QPointF(area.left() + phoneHeight, answerTop + (phoneHeight - answer.height()) / 2));

        const QRectF answers(area.left(), y, area.width(), answerTop - 40 - y);
        if (poll->isChoice())
            paintPollOptions(*poll, answers);
        else if (poll->kind == Poll::Kind::Rating)
            paintRatingScale(*poll, answers);
        else
            paintAnswerField(answers);
        paintFooter(page, false);
    }

    QString pollHint(const Poll &poll) const
    {
        switch (poll.kind) {
        case Poll::Kind::SingleChoice:
            return m_pollWords.value("single"_L1).toString();
        case Poll::Kind::MultipleChoice:
            return poll.maxChoices > 0 && poll.maxChoices < poll.options.size()
                       ? m_pollWords.value("maxChoices"_L1).toString().arg(poll.maxChoices)
                       : m_pollWords.value("multiple"_L1).toString();
        case Poll::Kind::Rating:
            return m_pollWords.value("rating"_L1).toString();
        case Poll::Kind::WordCloud:
            return m_pollWords.value("wordcloud"_L1).toString();
        case Poll::Kind::OpenText:
            break;
        }
        return m_pollWords.value("open"_L1).toString();
    }

    void paintPhone(const QRectF &box)
    {
        m_painter.setPen(QPen(Colors::blue, 4));
        m_painter.setBrush(Qt::NoBrush);
        m_painter.drawRoundedRect(box, 8, 8);
        m_painter.setPen(Qt::NoPen);
        m_painter.setBrush(Colors::blue);
        m_painter.drawEllipse(QPointF(box.center().x(), box.bottom() - 9), 4, 4);
    }

    /** The options as the phone lists them: round marks for one choice, square ones for several. */
    void paintPollOptions(const Poll &poll, const QRectF &box)
    {
        const qsizetype count = poll.options.size();
        const int columns = count > 3 ? 2 : 1;
        const qsizetype rows = (count + columns - 1) / columns;
        const qreal gap = 24;
        const qreal rowHeight = std::min<qreal>(120, (box.height() - gap * (rows - 1)) / std::max<qsizetype>(1, rows));
        const qreal columnWidth = columns == 1 ? std::min<qreal>(box.width(), 1100) : (box.width() - gap) / 2;
        const qreal mark = rowHeight * 0.42;
        const bool round = poll.kind == Poll::Kind::SingleChoice;
        for (qsizetype i = 0; i < count; ++i) {
            const QRectF option(box.left() + (i / rows) * (columnWidth + gap),
                                box.top() + (i % rows) * (rowHeight + gap), columnWidth, rowHeight);
            m_painter.setPen(QPen(Colors::rule, 3));
            m_painter.setBrush(Qt::white);
            m_painter.drawRoundedRect(option, 18, 18);

            const QRectF markBox(option.left() + 32, option.center().y() - mark / 2, mark, mark);
            m_painter.setPen(QPen(Colors::blue, 5));
            m_painter.setBrush(Qt::NoBrush);
            if (round)
                m_painter.drawEllipse(markBox);
            else
                m_painter.drawRoundedRect(markBox, mark * 0.18, mark * 0.18);

            const qreal textLeft = markBox.right() + 30;
            const qreal textWidth = option.right() - 30 - textLeft;
            const QString label = poll.options.at(i).label;
            const TextStyle style =
                fittingStyle(label, std::min<qreal>(48, rowHeight * 0.42), textWidth, 1, Colors::ink);
            const TextLayout layout = layoutText(label, style, textWidth);
            drawText(m_painter, layout, style, QPointF(textLeft, option.center().y() - layout.height() / 2));
        }
    }

    /** The 1–5 scale with the poll's words under its ends. */
    void paintRatingScale(const Poll &poll, const QRectF &box)
    {
        const TextStyle labelStyle = TextStyle::sans(36, Colors::muted, Colors::muted);
        const qreal steps = Poll::kRatingHighest - Poll::kRatingLowest + 1;
        const qreal span = std::min<qreal>(box.width(), 1500);
        const qreal slot = span / steps;
        const qreal labelHeight = labelStyle.lineHeight() * 2;
        const qreal diameter = std::min({150.0, slot * 0.7, box.height() - labelHeight - 30});
        const qreal left = box.left() + (box.width() - span) / 2;
        const qreal centerY = box.top() + diameter / 2;
        for (int value = Poll::kRatingLowest; value <= Poll::kRatingHighest; ++value) {
            const QPointF center(left + slot * (value - Poll::kRatingLowest + 0.5), centerY);
            m_painter.setPen(QPen(Colors::blue, 5));
            m_painter.setBrush(Qt::white);
            m_painter.drawEllipse(center, diameter / 2, diameter / 2);
            m_painter.setFont(font(kSans, diameter * 0.45, true));
            m_painter.setPen(Colors::navy);
            m_painter.drawText(QRectF(center.x() - diameter / 2, center.y() - diameter / 2, diameter, diameter),
                               Qt::AlignCenter, QString::number(value));
        }
        // Each end's words may use two slots: under 1 and 2, under 4 and 5.
        const qreal labelTop = centerY + diameter / 2 + 30;
        const qreal labelWidth = slot * 2 - 20;
        const TextLayout low = layoutText(poll.ratingLowLabel, labelStyle, labelWidth);
        drawText(m_painter, low, labelStyle, QPointF(left + slot / 2 - diameter / 2, labelTop));
        const TextLayout high = layoutText(poll.ratingHighLabel, labelStyle, labelWidth);
        const qreal highRight = left + span - slot / 2 + diameter / 2;
        drawText(m_painter, high, labelStyle, QPointF(highRight - widestLine(high, labelStyle), labelTop));
    }

    /** An empty answer field with its cursor, as the phone shows it for a word or a text. */
    void paintAnswerField(const QRectF &box)
    {
        const qreal height = std::min<qreal>(130, box.height());
        const QRectF field(box.left(), box.top() + (box.height() - height) / 2, std::min<qreal>(box.width(), 1100),
                           height);
        m_painter.setPen(QPen(Colors::blue, 5));
        m_painter.setBrush(Qt::white);
        m_painter.drawRoundedRect(field, 18, 18);
        m_painter.fillRect(QRectF(field.left() + 40, field.top() + height * 0.22, 6, height * 0.56), Colors::navy);
    }

    void paintContent(const PageSpec &page)
    {
        paintBackground(Colors::paper);
        paintTitleBar(page.slide.value("title"_L1).toString());

        const QStringList bullets = stringsOf(page.slide.value("bullets"_L1));
        const int visibleBullets = page.steps > 1 ? page.step + 1 : int(bullets.size());
        const QRectF area(kMargin, kContentTop + 15, kContentWidth, kContentBottom - kContentTop - 15);

        CodeBlock code;
        const QJsonObject codeObject = page.slide.value("code"_L1).toObject();
        if (!codeObject.isEmpty()) {
            code.lines = codeObject.value("text"_L1).toString().split(u'\n');
            code.language = codeObject.value("language"_L1).toString();
        }
        const QJsonObject chart = page.slide.value("chart"_L1).toObject();
        const QJsonArray flow = page.slide.value("flow"_L1).toArray();

        if (!flow.isEmpty()) {
            const qreal flowHeight = drawFlow(m_painter, flow, QRectF(area.left(), area.top() + 40, area.width(), 420));
            const qreal top = area.top() + 40 + flowHeight + 90;
            const BulletLayout layout = fitBullets(bullets, 44, QSizeF(area.width(), area.bottom() - top));
            drawBullets(m_painter, layout, QPointF(area.left(), top), visibleBullets);
        } else if (!chart.isEmpty()) {
            const qreal columnWidth = (area.width() - kColumnGap) * 0.42;
            const BulletLayout layout = fitBullets(bullets, 42, QSizeF(columnWidth, area.height()));
            drawBullets(m_painter, layout, area.topLeft(), visibleBullets);
            const qreal chartLeft = area.left() + columnWidth + kColumnGap;
            drawBarChart(m_painter, chart,
                         QRectF(chartLeft, area.top(), area.right() - chartLeft, std::min(area.height(), 620.0)));
        } else if (!code.lines.isEmpty()) {
            paintBulletsAndCode(bullets, visibleBullets, code, area);
        } else {
            const BulletLayout layout = fitBullets(bullets, 50, area.size());
            drawBullets(m_painter, layout, area.topLeft() + QPointF(0, 20), visibleBullets);
        }
        paintFooter(page, false);
    }

    /** Side by side or stacked, whichever gives the code the larger font. */
    void paintBulletsAndCode(const QStringList &bullets, int visibleBullets, const CodeBlock &code, const QRectF &area)
    {
        const qreal bulletPixels = 40;
        const qreal leftWidth = (area.width() - kColumnGap) * 0.42;
        const qreal rightWidth = area.width() - kColumnGap - leftWidth;
        const qreal sideBySidePixels = codePixelSize(code, QSizeF(rightWidth, area.height()));

        const BulletLayout stackedBullets = layoutBullets(bullets, bulletPixels, area.width());
        const qreal stackedCodeTop = stackedBullets.height() + 50;
        const qreal stackedPixels = codePixelSize(code, QSizeF(area.width(), area.height() - stackedCodeTop));

        if (stackedPixels > sideBySidePixels + 2) {
            drawBullets(m_painter, stackedBullets, area.topLeft(), visibleBullets);
            const qreal height = codeBlockHeight(code, stackedPixels);
            drawCode(m_painter, code, QRectF(area.left(), area.top() + stackedCodeTop, area.width(), height),
                     stackedPixels);
            return;
        }
        const BulletLayout layout = fitBullets(bullets, bulletPixels, QSizeF(leftWidth, area.height()));
        drawBullets(m_painter, layout, area.topLeft(), visibleBullets);
        const qreal height = codeBlockHeight(code, sideBySidePixels);
        drawCode(m_painter, code, QRectF(area.left() + leftWidth + kColumnGap, area.top(), rightWidth, height),
                 sideBySidePixels);
    }

    const Session &session() const { return m_event.sessions.at(m_sessionIndex); }

    QPainter &m_painter;
    const Event &m_event;
    int m_sessionIndex = 0;
    QString m_footer;
    QString m_talkLabel;
    QString m_talkKicker;
    QString m_backupLabel;
    QJsonObject m_pollWords;
};

Result<QByteArray> readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(DemoDeck::tr("The demo file %1 is missing from this build.").arg(path));
    return file.readAll();
}

Result<QJsonObject> loadContent()
{
    const Result<QByteArray> bytes = readResource(kContentResource);
    if (!bytes)
        return fail(bytes.error());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(
            DemoDeck::tr("The demo content %1 is not valid JSON: %2").arg(kContentResource, error.errorString()));
    return document.object();
}

int wholeMinutes(std::chrono::seconds time)
{
    return int(std::lround(double(time.count()) / 60));
}

QByteArray pdfpcJson(const Session &session, const QList<PageSpec> &pages)
{
    QJsonArray pageArray;
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const PageSpec &page = pages.at(i);
        QJsonObject entry{
            {u"idx"_s, int(i)},
            {u"label"_s, page.label},
            {u"overlay"_s, page.step > 0},
            {u"note"_s, page.slide.value("note"_L1).toString()},
        };
        if (page.slide.value("hidden"_L1).toBool())
            entry.insert(u"hidden"_s, true);
        pageArray.append(entry);
    }
    const QJsonObject root{
        {u"pdfpcFormat"_s, 2},
        {u"duration"_s, wholeMinutes(session.timing.talkTime)},
        {u"lastMinutes"_s, wholeMinutes(session.timing.warningTime)},
        {u"disableMarkdown"_s, false},
        {u"pages"_s, pageArray},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(DemoDeck::tr("Cannot write the demo file %1: %2").arg(path, file.errorString()));
    return {};
}

Result<> writePdf(const QString &path, const QJsonObject &content, const Event &event, int sessionIndex,
                  const QList<PageSpec> &pages)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(DemoDeck::tr("Cannot write the demo deck to %1: %2").arg(path, file.errorString()));
    {
        QPdfWriter writer(&file);
        writer.setTitle(event.sessions.at(sessionIndex).title);
        writer.setCreator(u"Lectern"_s);
        writer.setResolution(kResolution);
        writer.setPageLayout(
            QPageLayout(QPageSize(QSizeF(254, 142.875), QPageSize::Millimeter), QPageLayout::Portrait, QMarginsF()));
        QPainter painter;
        if (!painter.begin(&writer))
            return fail(DemoDeck::tr("Cannot draw the demo deck into %1.").arg(path));
        painter.setRenderHint(QPainter::Antialiasing);
        // The page is 1920 device units wide at kResolution; scale guards against rounding of the page size.
        painter.scale(writer.width() / kPageWidth, writer.height() / kPageHeight);
        DeckPainter deckPainter(painter, content, event, sessionIndex);
        for (qsizetype i = 0; i < pages.size(); ++i) {
            if (i > 0 && !writer.newPage()) {
                painter.end();
                return fail(DemoDeck::tr("Cannot add page %1 to the demo deck %2.").arg(i + 1).arg(path));
            }
            deckPainter.paint(pages.at(i));
        }
        if (!painter.end())
            return fail(DemoDeck::tr("Cannot finish the demo deck %1.").arg(path));
    }
    if (!file.commit())
        return fail(DemoDeck::tr("Cannot write the demo deck to %1: %2").arg(path, file.errorString()));
    return {};
}

/** The pdfpc sidecar of a deck: `talk.pdf` → `talk.pdfpc`, where SlideDeck looks for it. */
QString pdfpcPath(const QString &deckPath)
{
    const QFileInfo deck(deckPath);
    return deck.dir().filePath(deck.completeBaseName() + u".pdfpc"_s);
}

/** Every poll slide of a deck names a poll of its session. */
Result<> checkPollSlides(const QJsonArray &slides, const Session &session)
{
    for (const QJsonValue &value : slides) {
        const QJsonObject slide = value.toObject();
        if (slide.value("kind"_L1).toString() == u"poll" && !pollOf(slide, session))
            return fail(DemoDeck::tr("The demo content shows the poll \"%1\" in the deck of \"%2\", which has no "
                                     "such poll.")
                            .arg(slide.value("poll"_L1).toString(), session.title));
    }
    return {};
}

/** Draws one session's deck and writes it with its pdfpc sidecar. */
Result<> writeDeck(const QJsonObject &content, const Event &event, int sessionIndex, const QJsonArray &slides)
{
    const Session &session = event.sessions.at(sessionIndex);
    if (const Result<> checked = checkPollSlides(slides, session); !checked)
        return fail(checked.error());
    const QList<PageSpec> pages = pagesOf(slides);
    // The sidecar first: whoever watches for the deck finds its notes already there.
    if (const Result<> notes = writeFile(pdfpcPath(session.deckPath), pdfpcJson(session, pages)); !notes)
        return fail(notes.error());
    if (const Result<> pdf = writePdf(session.deckPath, content, event, sessionIndex, pages); !pdf)
        return fail(pdf.error());
    qCDebug(lcDemo) << "wrote the demo deck" << session.deckPath << "with" << pages.size() << "pages";
    return {};
}

} // namespace

Result<QString> DemoDeck::write(const QString &directory, std::optional<QDateTime> startsAt)
{
    const Result<QJsonObject> content = loadContent();
    if (!content)
        return fail(content.error());
    const Result<QByteArray> eventJson = readResource(kEventResource);
    if (!eventJson)
        return fail(eventJson.error());
    if (!QDir().mkpath(directory))
        return fail(tr("Cannot create the folder %1 for the demo.").arg(QDir::toNativeSeparators(directory)));
    const QDir dir(directory);

    // The event names the decks relative to itself: parsed against the folder, it gives the paths to write.
    Result<Event> event = EventFile::parse(*eventJson, dir.absolutePath());
    if (!event)
        return fail(tr("The demo event %1 does not read: %2").arg(kEventResource, event.error()));
    QByteArray eventFile = *eventJson;
    if (startsAt) {
        const QDateTime local = startsAt->toLocalTime();
        event->date = local.date();
        event->startTime = QTime(local.time().hour(), local.time().minute() / 5 * 5);
        eventFile = EventFile::serialize(*event, dir.absolutePath());
    }
    const QJsonArray decks = content->value("decks"_L1).toArray();
    if (decks.size() != event->sessions.size())
        return fail(tr("The demo content has %1 decks for the %2 sessions of the demo event.")
                        .arg(decks.size())
                        .arg(event->sessions.size()));

    for (int i = 0; i < int(event->sessions.size()); ++i) {
        const QJsonArray slides = decks.at(i).toObject().value("slides"_L1).toArray();
        if (const Result<> written = writeDeck(*content, *event, i, slides); !written)
            return fail(written.error());
    }

    const QString eventPath = dir.absoluteFilePath(kEventFileName);
    if (const Result<> written = writeFile(eventPath, eventFile); !written)
        return fail(written.error());
    return eventPath;
}

} // namespace Lectern
