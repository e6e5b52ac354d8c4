#include "keymap.h"

#include <QKeyEvent>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

struct ActionName
{
    KeyAction action;
    QLatin1StringView name;
};

// The names of the settings file's [keys] group: stable, never translated.
constexpr ActionName kActionNames[] = {
    {KeyAction::Next, "next"_L1},
    {KeyAction::Previous, "previous"_L1},
    {KeyAction::First, "first"_L1},
    {KeyAction::Last, "last"_L1},
    {KeyAction::GoToSlide, "goToSlide"_L1},
    {KeyAction::Overview, "overview"_L1},
    {KeyAction::Blank, "blank"_L1},
    {KeyAction::Freeze, "freeze"_L1},
    {KeyAction::TimerStart, "timerStart"_L1},
    {KeyAction::TimerPauseResume, "timerPauseResume"_L1},
    {KeyAction::TimerReset, "timerReset"_L1},
    {KeyAction::SwapScreens, "swapScreens"_L1},
    {KeyAction::Reload, "reload"_L1},
    {KeyAction::OpenDeck, "openDeck"_L1},
    {KeyAction::NextSession, "nextSession"_L1},
    {KeyAction::PreviousSession, "previousSession"_L1},
    {KeyAction::EditEvent, "editEvent"_L1},
    {KeyAction::PollOpenClose, "pollOpenClose"_L1},
    {KeyAction::PollReveal, "pollReveal"_L1},
    {KeyAction::JoinCard, "joinCard"_L1},
    {KeyAction::QuestionPinNext, "questionPinNext"_L1},
    {KeyAction::QuestionUnpin, "questionUnpin"_L1},
    {KeyAction::QuestionUndo, "questionUndo"_L1},
    {KeyAction::Moderation, "moderation"_L1},
    {KeyAction::Escape, "escape"_L1},
    {KeyAction::Help, "help"_L1},
    {KeyAction::Settings, "settings"_L1},
    {KeyAction::Quit, "quit"_L1},
};

QList<QKeySequence> normalizedKeys(const QList<QKeySequence> &keys)
{
    QList<QKeySequence> normalized;
    for (const QKeySequence &key : keys) {
        if (key.isEmpty())
            continue;
        const QKeySequence single = KeyMap::normalized(key[0]);
        if (!normalized.contains(single))
            normalized.append(single);
    }
    return normalized;
}

/** Keys as the settings file spells them: "Right, Ctrl+R". */
QString fileText(const QList<QKeySequence> &keys)
{
    QStringList texts;
    for (const QKeySequence &key : keys)
        texts.append(key.toString(QKeySequence::PortableText));
    return texts.join(u", "_s);
}

} // namespace

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
        {KeyAction::Settings, {K(Qt::CTRL | Qt::Key_Comma)}, tr("Settings: times, port, language, screen and keys")},
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
    return actionFor(normalized(QKeyCombination(event.modifiers(), Qt::Key(event.key()))));
}

QKeySequence KeyMap::normalized(QKeyCombination key)
{
    // Keypad keys and Shift (as in "?" on most layouts) do not change what a key means here.
    const Qt::KeyboardModifiers significant =
        key.keyboardModifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
    return QKeySequence(QKeyCombination(significant, key.key()));
}

QString KeyMap::actionName(KeyAction action)
{
    for (const ActionName &entry : kActionNames) {
        if (entry.action == action)
            return QString(entry.name);
    }
    Q_ASSERT_X(false, "KeyMap::actionName", "an action without a name");
    return {};
}

std::optional<KeyAction> KeyMap::actionNamed(const QString &name)
{
    for (const ActionName &entry : kActionNames) {
        if (entry.name == name)
            return entry.action;
    }
    return std::nullopt;
}

KeyMap::Applied KeyMap::withBindings(const QMap<QString, QList<QKeySequence>> &bindings)
{
    Applied applied{defaults(), {}};
    const KeyMap defaultKeys = defaults();
    QList<KeyAction> changed;
    for (auto binding = bindings.cbegin(); binding != bindings.cend(); ++binding) {
        const std::optional<KeyAction> action = actionNamed(binding.key());
        if (!action) {
            applied.problems.append(tr("Setting keys/%1: there is no action of that name; the names are listed in "
                                       "the README (next, previous, blank …).")
                                        .arg(binding.key()));
            continue;
        }
        applied.keys.bindingOf(*action)->keys = normalizedKeys(binding.value());
        changed.append(*action);
    }
    // A key of two actions: the changed one goes back to its defaults, until no key is shared (the defaults share
    // none, so this ends).
    for (bool reverted = true; reverted;) {
        reverted = false;
        for (const KeyAction action : std::as_const(changed)) {
            const QList<QKeySequence> keys = applied.keys.keysFor(action);
            const auto shared = std::find_if(keys.cbegin(), keys.cend(), [&](const QKeySequence &key) {
                return applied.keys.otherActionFor(key, action).has_value();
            });
            if (shared == keys.cend())
                continue;
            const KeyAction owner = *applied.keys.otherActionFor(*shared, action);
            applied.problems.append(tr("Setting keys/%1 = \"%2\": %3 is already the key of “%4”; using the default "
                                       "keys.")
                                        .arg(actionName(action), fileText(keys),
                                             shared->toString(QKeySequence::NativeText),
                                             applied.keys.description(owner)));
            applied.keys.bindingOf(action)->keys = defaultKeys.keysFor(action);
            changed.removeOne(action);
            reverted = true;
            break;
        }
    }
    return applied;
}

QMap<QString, QList<QKeySequence>> KeyMap::changedBindings() const
{
    QMap<QString, QList<QKeySequence>> changed;
    const KeyMap defaultKeys = defaults();
    for (const KeyBinding &binding : m_bindings) {
        if (binding.keys != defaultKeys.keysFor(binding.action))
            changed.insert(actionName(binding.action), binding.keys);
    }
    return changed;
}

Result<> KeyMap::rebind(KeyAction action, const QList<QKeySequence> &keys)
{
    const QList<QKeySequence> normalized = normalizedKeys(keys);
    for (const QKeySequence &key : normalized) {
        if (const std::optional<KeyAction> owner = otherActionFor(key, action))
            return fail(tr("%1 is already the key of “%2”. Give that action another key first.")
                            .arg(key.toString(QKeySequence::NativeText), description(*owner)));
    }
    KeyBinding *binding = bindingOf(action);
    if (!binding)
        return fail(tr("There is no such action."));
    binding->keys = normalized;
    return {};
}

QString KeyMap::description(KeyAction action) const
{
    for (const KeyBinding &binding : m_bindings) {
        if (binding.action == action)
            return binding.description;
    }
    return {};
}

std::optional<KeyAction> KeyMap::otherActionFor(const QKeySequence &key, KeyAction except) const
{
    for (const KeyBinding &binding : m_bindings) {
        if (binding.action != except && binding.keys.contains(key))
            return binding.action;
    }
    return std::nullopt;
}

KeyBinding *KeyMap::bindingOf(KeyAction action)
{
    const auto found = std::find_if(m_bindings.begin(), m_bindings.end(),
                                    [action](const KeyBinding &binding) { return binding.action == action; });
    return found == m_bindings.end() ? nullptr : &*found;
}

bool operator==(const KeyMap &a, const KeyMap &b)
{
    return std::equal(
        a.m_bindings.cbegin(), a.m_bindings.cend(), b.m_bindings.cbegin(), b.m_bindings.cend(),
        [](const KeyBinding &x, const KeyBinding &y) { return x.action == y.action && x.keys == y.keys; });
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
