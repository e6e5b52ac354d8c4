#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QKeySequence>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

class QKeyEvent;

namespace Lectern {

/** Everything the speaker can do from the keyboard or a clicker. */
enum class KeyAction {
    Next,
    Previous,
    First,
    Last,
    GoToSlide,
    Overview,
    Blank,
    Freeze,
    TimerStart,
    TimerPauseResume,
    TimerReset,
    SwapScreens,
    Reload,
    OpenDeck,
    NextSession,
    PreviousSession,
    EditEvent,
    PollOpenClose,
    PollReveal,
    JoinCard,
    QuestionPinNext,
    QuestionUnpin,
    QuestionUndo,
    Moderation,
    Escape,
    Help,
    Settings,
    Quit,
};

/** One row of the key table: an action, its keys, and what the help overlay says about it. */
struct KeyBinding
{
    KeyAction action;
    QList<QKeySequence> keys;
    QString description; ///< translated
};

/**
 * The one table of key bindings. The windows look keys up here, the help overlay lists it (and the console's
 * menus show the same keys); the settings file (Preferences::keyBindings) changes it, each key for one action.
 */
class KeyMap
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::KeyMap)

public:
    /** A table and what could not be applied to it (one message per refused setting). */
    struct Applied;

    /** The default table from the README. */
    static KeyMap defaults();
    /**
     * The defaults with the settings' changed bindings (action name → keys) applied. A name that is no action, or
     * keys that another action already has, are refused with a message; that action keeps its default keys.
     */
    static Applied withBindings(const QMap<QString, QList<QKeySequence>> &bindings);
    /** The bindings that differ from the defaults, by action name: what Preferences::keyBindings stores. */
    QMap<QString, QList<QKeySequence>> changedBindings() const;
    /**
     * Gives the action these keys instead of its own (an empty list leaves it without a key). Refused, with a
     * message naming the key and the action that has it, when one of them belongs to another action.
     */
    Result<> rebind(KeyAction action, const QList<QKeySequence> &keys);

    /** The name of an action in the settings file ("next", "timerPauseResume"). */
    static QString actionName(KeyAction action);
    static std::optional<KeyAction> actionNamed(const QString &name);
    /** A key press as the table holds it: Ctrl, Alt and Meta count; Shift and the keypad do not. */
    static QKeySequence normalized(QKeyCombination key);

    const QList<KeyBinding> &bindings() const { return m_bindings; }
    /** The action bound to this key press, if any (keypad keys count as their normal keys). */
    std::optional<KeyAction> actionFor(const QKeyEvent &event) const;
    std::optional<KeyAction> actionFor(const QKeySequence &key) const;
    /** The keys bound to an action, the first one being the one menus show; empty when none. */
    QList<QKeySequence> keysFor(KeyAction action) const;
    /** What the help overlay says about an action (translated). */
    QString description(KeyAction action) const;
    /** The action other than `except` that has this key, if any. */
    std::optional<KeyAction> otherActionFor(const QKeySequence &key, KeyAction except) const;

    friend bool operator==(const KeyMap &a, const KeyMap &b);

private:
    KeyBinding *bindingOf(KeyAction action);

    QList<KeyBinding> m_bindings;
};

struct KeyMap::Applied
{
    KeyMap keys;
    QStringList problems;
};

} // namespace Lectern
