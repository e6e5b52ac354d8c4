#include "keydispatcher.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace Lectern {

KeyDispatcher::KeyDispatcher(KeyMap keys, QObject *parent)
    : QObject(parent)
    , m_keys(std::move(keys))
{
    qApp->installEventFilter(this);
}

KeyDispatcher::~KeyDispatcher()
{
    if (qApp)
        qApp->removeEventFilter(this);
}

void KeyDispatcher::watchWindow(QWidget *window)
{
    Q_ASSERT(window && window->isWindow());
    if (!m_windows.contains(window))
        m_windows.append(window);
}

void KeyDispatcher::setInterceptor(std::function<bool(const QKeyEvent &)> interceptor)
{
    m_interceptor = std::move(interceptor);
}

bool KeyDispatcher::isTextField(const QWidget *widget)
{
    if (!widget)
        return false;
    if (qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QAbstractSpinBox *>(widget))
        return true;
    if (const auto *edit = qobject_cast<const QTextEdit *>(widget))
        return !edit->isReadOnly();
    if (const auto *edit = qobject_cast<const QPlainTextEdit *>(widget))
        return !edit->isReadOnly();
    return false;
}

bool KeyDispatcher::isWatched(const QWidget *widget) const
{
    const QWidget *window = widget->window();
    for (const QPointer<QWidget> &watched : m_windows) {
        if (watched == window)
            return true;
    }
    return false;
}

bool KeyDispatcher::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::KeyPress && type != QEvent::ShortcutOverride)
        return QObject::eventFilter(watched, event);
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || !isWatched(widget))
        return QObject::eventFilter(watched, event);
    // A key the text field ignores (Enter in a QLineEdit) travels on to its parents; it still belongs to the
    // field, so look at the window's focus widget too, not only at the receiver.
    const QWidget *focus = widget->window()->focusWidget();
    if (isTextField(widget) || (isTextField(focus) && (focus == widget || widget->isAncestorOf(focus))))
        return QObject::eventFilter(watched, event);

    auto *keyEvent = static_cast<QKeyEvent *>(event);
    const std::optional<KeyAction> action = m_keys.actionFor(*keyEvent);
    if (type == QEvent::ShortcutOverride) {
        // Claim our keys so that no widget shortcut (a button's mnemonic…) takes them first.
        if (action) {
            event->accept();
            return true;
        }
        return false;
    }
    if (m_interceptor && m_interceptor(*keyEvent))
        return true;
    if (action) {
        Q_EMIT actionTriggered(*action);
        return true;
    }
    return false;
}

} // namespace Lectern
