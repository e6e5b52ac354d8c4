#include "export/pdflayout.h"

#include <QPainter>
#include <QTextLayout>
#include <QTextOption>

using namespace Qt::StringLiterals;

namespace Lectern {

QFont pdfFont(qreal pointSize, QFont::Weight weight)
{
    QFont font;
    // DejaVu Sans (fonts-dejavu-core) has the Latin, Greek and Cyrillic letters and the symbols; the CJK font
    // covers Japanese, Chinese and Korean. Both are in packaging/install-deps.sh.
    font.setFamilies({u"DejaVu Sans"_s, u"Noto Sans CJK JP"_s});
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(pointSize);
    font.setWeight(weight);
    return font;
}

TextBox::TextBox(const QString &text, const QFont &font, qreal width, QPaintDevice *device, Qt::Alignment alignment)
{
    QString shown = text;
    shown.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n').replace(u'\n', QChar::LineSeparator);
    shown.replace(u'\t', u' ');
    m_layout = std::make_shared<QTextLayout>(shown, font, device);
    QTextOption option(alignment);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_layout->setTextOption(option);
    m_layout->beginLayout();
    qreal y = 0;
    for (QTextLine line = m_layout->createLine(); line.isValid(); line = m_layout->createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
        m_naturalWidth = std::max(m_naturalWidth, line.naturalTextWidth());
    }
    m_layout->endLayout();
    m_height = y;
}

void TextBox::draw(QPainter &painter, QPointF topLeft, const QColor &color) const
{
    if (!m_layout)
        return;
    painter.save();
    painter.setPen(color);
    m_layout->draw(&painter, topLeft);
    painter.restore();
}

PageBlock spaceBlock(qreal height)
{
    return PageBlock{height, [](QPainter &, QPointF) {}};
}

PageBlock textBlock(const TextBox &text, const QColor &color, bool keepWithNext)
{
    return PageBlock{text.height(),
                     [text, color](QPainter &painter, QPointF topLeft) { text.draw(painter, topLeft, color); },
                     keepWithNext};
}

} // namespace Lectern
