#pragma once

#include <QString>
#include <QWidget>

namespace Lectern {

/**
 * Names a widget for screen readers only when the name changed: the timer, the poll results and the question queue
 * refresh many times a second, and each new name is an event a screen reader may announce.
 */
inline void setAccessibleNameIfChanged(QWidget *widget, const QString &name)
{
    if (widget->accessibleName() != name)
        widget->setAccessibleName(name);
}

} // namespace Lectern
