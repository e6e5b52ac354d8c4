#pragma once

#include "keymap.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QWidget>

#include <functional>

class QKeyEvent;

namespace Lectern {

/**
 * Turns key presses in the watched windows into KeyMap actions, whatever widget has the focus: an
 * application-wide event filter that sees the key before any button, list or notes panel can eat it.
 * Keys typed into a text field (the go-to box) are left to it.
 */
class KeyDispatcher : public QObject
{
    Q_OBJECT

public:
    explicit KeyDispatcher(KeyMap keys, QObject *parent = nullptr);
    ~KeyDispatcher() override;

    const KeyMap &keyMap() const { return m_keys; }
    /** Key presses anywhere in this top-level window (and its children) are dispatched. */
    void watchWindow(QWidget *window);
    /** Runs before the key table; returns true when it used the key (the overview grid takes the arrows). */
    void setInterceptor(std::function<bool(const QKeyEvent &)> interceptor);

    /** True for widgets that take typed text, where keys are not dispatched. */
    static bool isTextField(const QWidget *widget);

Q_SIGNALS:
    void actionTriggered(Lectern::KeyAction action);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool isWatched(const QWidget *widget) const;

    KeyMap m_keys;
    QList<QPointer<QWidget>> m_windows;
    std::function<bool(const QKeyEvent &)> m_interceptor;
};

} // namespace Lectern
