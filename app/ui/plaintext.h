#pragma once

#include <QLabel>
#include <QString>

namespace Lectern {

/**
 * A label that shows its text as typed, never as rich text: Qt guesses the format of a label's text, and
 * poll questions and audience answers must not be guessed at.
 */
inline QLabel *plainLabel(const QString &objectName, QWidget *parent, const QString &text = {})
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}

/**
 * A tooltip that shows text as typed: Qt guesses whether a tooltip is rich text, so the text is escaped
 * inside a paragraph rather than left for the guess.
 */
inline QString plainToolTip(const QString &text)
{
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

} // namespace Lectern
