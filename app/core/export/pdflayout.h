#pragma once

#include <QColor>
#include <QFont>
#include <QPointF>
#include <QString>

#include <functional>
#include <memory>

class QPainter;
class QPaintDevice;
class QTextLayout;

namespace Lectern {

/**
 * The font of the PDF exports: a Latin family first, then Noto Sans CJK JP (Debian fonts-noto-cjk), so that
 * Japanese audience text renders and its glyphs are embedded. Sizes are in points.
 */
QFont pdfFont(qreal pointSize, QFont::Weight weight = QFont::Normal);

/**
 * Plain text laid out for a width on a paint device (a QPdfWriter): wrapped at word boundaries, or anywhere in a
 * word longer than the line; line breaks in the text are kept. Never interprets markup. Drawn as text, so that the
 * PDF's text can be searched and copied.
 */
class TextBox
{
public:
    TextBox() = default;
    TextBox(const QString &text, const QFont &font, qreal width, QPaintDevice *device,
            Qt::Alignment alignment = Qt::AlignLeft);

    qreal height() const { return m_height; }
    /** The widest line's width. */
    qreal naturalWidth() const { return m_naturalWidth; }
    void draw(QPainter &painter, QPointF topLeft, const QColor &color) const;

private:
    std::shared_ptr<QTextLayout> m_layout;
    qreal m_height = 0;
    qreal m_naturalWidth = 0;
};

/** A piece of a PDF page laid out before pagination: its height and how to paint it at a top-left corner. */
struct PageBlock
{
    qreal height = 0;
    std::function<void(QPainter &painter, QPointF topLeft)> paint;
    /** Kept on the same page as the block after it (a heading and what follows). */
    bool keepWithNext = false;
    /** Starts a new page unless it is the first block of one. */
    bool startsPage = false;
};

/** A block of vertical space. */
PageBlock spaceBlock(qreal height);
/** A block of one TextBox. */
PageBlock textBlock(const TextBox &text, const QColor &color, bool keepWithNext = false);

} // namespace Lectern
