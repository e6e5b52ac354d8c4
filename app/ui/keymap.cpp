#include "keymap.h"

#include <QKeyEvent>

namespace Lectern {

KeyMap KeyMap::defaults()
{
    using K = QKeySequence;
    KeyMap map;
    map.m_bindings = {
        {KeyAction::Next,
         {K(Qt::Key_Right), K(Qt::Key_Down), K(Qt::Key_PageDown), K(Qt::Key_Space), K(Qt::Key_Return),
          K(Qt::Key_Enter)},
         tr("Next slide or overlay step")},
        {KeyAction::Previous,
         {K(Qt::Key_Left), K(Qt::Key_Up), K(Qt::Key_PageUp), K(Qt::Key_Backspace)},
         tr("Previous slide or overlay step")},
        {KeyAction::First, {K(Qt::Key_Home)}, tr("First slide")},
        {KeyAction::Last, {K(Qt::Key_End)}, tr("Last slide")},
        {KeyAction::GoToSlide, {K(Qt::Key_G)}, tr("Go to slide: type its number, then Enter")},
        {KeyAction::Overview, {K(Qt::Key_Tab), K(Qt::Key_O)}, tr("Overview of all slides")},
        {KeyAction::Blank, {K(Qt::Key_B), K(Qt::Key_Period)}, tr("Blank the projector (black)")},
        {KeyAction::Freeze, {K(Qt::Key_F), K(Qt::Key_F5)}, tr("Freeze the projector while the console moves on")},
        {KeyAction::TimerStart, {K(Qt::Key_S)}, tr("Start the timer")},
        {KeyAction::TimerPauseResume, {K(Qt::Key_P)}, tr("Pause or resume the timer")},
        {KeyAction::TimerReset, {K(Qt::CTRL | Qt::Key_T)}, tr("Reset the timer")},
        {KeyAction::SwapScreens, {K(Qt::Key_X)}, tr("Swap the two windows' screens")},
        {KeyAction::Reload, {K(Qt::CTRL | Qt::Key_R)}, tr("Reload the deck")},
        {KeyAction::OpenDeck, {K(Qt::CTRL | Qt::Key_O)}, tr("Open another deck for this session")},
        {KeyAction::NextSession,
         {K(Qt::CTRL | Qt::Key_PageDown)},
         tr("Next session (asks first while a poll is open)")},
        {KeyAction::PreviousSession, {K(Qt::CTRL | Qt::Key_PageUp)}, tr("Previous session")},
        {KeyAction::EditEvent, {K(Qt::CTRL | Qt::Key_E)}, tr("Edit the event: its sessions, decks and times")},
        {KeyAction::PollOpenClose, {K(Qt::Key_V)}, tr("Open or close the selected poll (reopen a closed one)")},
        {KeyAction::PollReveal, {K(Qt::Key_R)}, tr("Reveal or hide the poll's results on the projector")},
        {KeyAction::JoinCard, {K(Qt::Key_J)}, tr("Show or hide the join card (QR code) on the projector")},
        {KeyAction::QuestionPinNext, {K(Qt::Key_N)}, tr("Pin the next question (the pinned one is marked answered)")},
        {KeyAction::QuestionUnpin, {K(Qt::Key_U)}, tr("Unpin the question, not answered")},
        {KeyAction::QuestionUndo, {K(Qt::CTRL | Qt::Key_Z)}, tr("Undo the last pin next or unpin")},
        {KeyAction::Moderation, {K(Qt::CTRL | Qt::Key_M)}, tr("Open the moderation window")},
        {KeyAction::Escape, {K(Qt::Key_Escape)}, tr("Close the top overlay, join card or chart; else unblank")},
        {KeyAction::Help, {K(Qt::Key_Question), K(Qt::Key_F1)}, tr("Show or hide this help")},
        {KeyAction::Quit, {K(Qt::CTRL | Qt::Key_Q)}, tr("Quit (asks first)")},
    };
    return map;
}

std::optional<KeyAction> KeyMap::actionFor(const QKeySequence &key) const
{
    for (const KeyBinding &binding : m_bindings) {
        if (binding.keys.contains(key))
            return binding.action;
    }
    return std::nullopt;
}

std::optional<KeyAction> KeyMap::actionFor(const QKeyEvent &event) const
{
    // Keypad keys and Shift (as in "?" on most layouts) do not change what a key means here.
    const Qt::KeyboardModifiers significant =
        event.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
    return actionFor(QKeySequence(QKeyCombination(significant, Qt::Key(event.key()))));
}

QList<QKeySequence> KeyMap::keysFor(KeyAction action) const
{
    for (const KeyBinding &binding : m_bindings) {
        if (binding.action == action)
            return binding.keys;
    }
    return {};
}

} // namespace Lectern
