#pragma once

#include <QCoreApplication>
#include <QKeySequence>
#include <QList>
#include <QString>

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
 * menus show the same keys), and a settings file can later replace it.
 */
class KeyMap
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::KeyMap)

public:
    /** The default table from the README. */
    static KeyMap defaults();

    const QList<KeyBinding> &bindings() const { return m_bindings; }
    /** The action bound to this key press, if any (keypad keys count as their normal keys). */
    std::optional<KeyAction> actionFor(const QKeyEvent &event) const;
    std::optional<KeyAction> actionFor(const QKeySequence &key) const;
    /** The keys bound to an action, the first one being the one menus show; empty when none. */
    QList<QKeySequence> keysFor(KeyAction action) const;

private:
    QList<KeyBinding> m_bindings;
};

} // namespace Lectern
