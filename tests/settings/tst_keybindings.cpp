// KeyMap with the settings' changed bindings: names, conflicts, and a rebound key driving the real console.
#include "event/liveevent.h"
#include "keymap.h"
#include "presentation.h"
#include "presenterwindow.h"
#include "projectorwindow.h"
#include "slides/rendercache.h"
#include "slides/slidedeck.h"
#include "timer/clock.h"
#include "uitestdeck.h"

#include <QAction>
#include <QKeyEvent>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

using K = QKeySequence;

QMap<QString, QList<QKeySequence>> bindings(std::initializer_list<std::pair<QString, QList<QKeySequence>>> list)
{
    QMap<QString, QList<QKeySequence>> map;
    for (const auto &[name, keys] : list)
        map.insert(name, keys);
    return map;
}

} // namespace

class TestKeyBindings : public QObject
{
    Q_OBJECT

private slots:
    void everyActionHasOneNameThatReadsBack();
    void theDefaultTableHasNoChanges();
    void aChangedBindingReplacesTheDefaultKeys();
    void keysCanBeExchangedBetweenActions();
    void anUnknownActionNameIsNamed();
    void aKeyOfAnotherActionIsRefusedAndTheDefaultKept();
    void aRefusedChangeThatFreesNothingRevertsTheChangeItClashesWith();
    void shiftAndKeypadDoNotCount();
    void rebindRefusesAKeyOfAnotherAction();
    void aReboundKeyDrivesTheConsole();
};

void TestKeyBindings::everyActionHasOneNameThatReadsBack()
{
    QSet<QString> names;
    const KeyMap defaults = KeyMap::defaults();
    for (const KeyBinding &binding : defaults.bindings()) {
        const QString name = KeyMap::actionName(binding.action);
        QVERIFY(!name.isEmpty());
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QCOMPARE(KeyMap::actionNamed(name), std::optional(binding.action));
    }
    QVERIFY(!KeyMap::actionNamed(u"Next"_s)); // names are exact
    QVERIFY(KeyMap::defaults().actionFor(K(Qt::CTRL | Qt::Key_Comma)) == KeyAction::Settings);
}

void TestKeyBindings::theDefaultTableHasNoChanges()
{
    QVERIFY(KeyMap::defaults().changedBindings().isEmpty());
    const KeyMap::Applied applied = KeyMap::withBindings({});
    QVERIFY(applied.problems.isEmpty());
    QVERIFY(applied.keys == KeyMap::defaults());
}

void TestKeyBindings::aChangedBindingReplacesTheDefaultKeys()
{
    const auto changes = bindings({{u"next"_s, {K(Qt::Key_K), K(Qt::Key_Right)}}, {u"freeze"_s, {}}});
    const KeyMap::Applied applied = KeyMap::withBindings(changes);
    QVERIFY2(applied.problems.isEmpty(), qPrintable(applied.problems.join(u'\n')));
    QVERIFY(applied.keys.actionFor(K(Qt::Key_K)) == KeyAction::Next);
    QVERIFY(applied.keys.actionFor(K(Qt::Key_Right)) == KeyAction::Next);
    QVERIFY(!applied.keys.actionFor(K(Qt::Key_Space))); // a default key of Next no longer
    QVERIFY(!applied.keys.actionFor(K(Qt::Key_F)));
    QVERIFY(applied.keys.keysFor(KeyAction::Freeze).isEmpty());
    QCOMPARE(applied.keys.changedBindings(), changes);
}

void TestKeyBindings::keysCanBeExchangedBetweenActions()
{
    // B was Blank's: it is free once Blank has other keys, whichever comes first.
    const KeyMap::Applied applied =
        KeyMap::withBindings(bindings({{u"next"_s, {K(Qt::Key_B)}}, {u"blank"_s, {K(Qt::Key_K)}}}));
    QVERIFY2(applied.problems.isEmpty(), qPrintable(applied.problems.join(u'\n')));
    QVERIFY(applied.keys.actionFor(K(Qt::Key_B)) == KeyAction::Next);
    QVERIFY(applied.keys.actionFor(K(Qt::Key_K)) == KeyAction::Blank);
    QVERIFY(!applied.keys.actionFor(K(Qt::Key_Period)));
}

void TestKeyBindings::anUnknownActionNameIsNamed()
{
    const KeyMap::Applied applied =
        KeyMap::withBindings(bindings({{u"nextSlide"_s, {K(Qt::Key_K)}}, {u"reload"_s, {K(Qt::Key_F9)}}}));
    QCOMPARE(applied.problems.size(), 1);
    QVERIFY2(applied.problems.first().contains(u"keys/nextSlide"_s), qPrintable(applied.problems.first()));
    QVERIFY(!applied.keys.actionFor(K(Qt::Key_K)));
    QVERIFY(applied.keys.actionFor(K(Qt::Key_F9)) == KeyAction::Reload);
}

void TestKeyBindings::aKeyOfAnotherActionIsRefusedAndTheDefaultKept()
{
    const KeyMap::Applied applied = KeyMap::withBindings(bindings({{u"next"_s, {K(Qt::Key_B)}}}));
    QCOMPARE(applied.problems.size(), 1);
    const QString &problem = applied.problems.first();
    QVERIFY2(problem.contains(u"keys/next"_s) && problem.contains(KeyMap::defaults().description(KeyAction::Blank)),
             qPrintable(problem));
    QCOMPARE(applied.keys.keysFor(KeyAction::Next), KeyMap::defaults().keysFor(KeyAction::Next));
    QVERIFY(applied.keys.actionFor(K(Qt::Key_B)) == KeyAction::Blank);
}

void TestKeyBindings::aRefusedChangeThatFreesNothingRevertsTheChangeItClashesWith()
{
    // Blank takes Right (Next's): refused, Blank keeps B and ".", and then First, given B, clashes with Blank.
    const KeyMap::Applied applied =
        KeyMap::withBindings(bindings({{u"blank"_s, {K(Qt::Key_Right)}}, {u"first"_s, {K(Qt::Key_B)}}}));
    QCOMPARE(applied.problems.size(), 2);
    QVERIFY(applied.keys == KeyMap::defaults());
    // No key of the table is bound twice.
    QSet<QString> seen;
    for (const KeyBinding &binding : applied.keys.bindings()) {
        for (const QKeySequence &key : binding.keys) {
            QVERIFY2(!seen.contains(key.toString()), qPrintable(key.toString()));
            seen.insert(key.toString());
        }
    }
}

void TestKeyBindings::shiftAndKeypadDoNotCount()
{
    const KeyMap::Applied applied = KeyMap::withBindings(bindings(
        {{u"help"_s, {K(Qt::SHIFT | Qt::Key_Question)}}, {u"goToSlide"_s, {K(Qt::KeypadModifier | Qt::Key_5)}}}));
    QVERIFY2(applied.problems.isEmpty(), qPrintable(applied.problems.join(u'\n')));
    QCOMPARE(applied.keys.keysFor(KeyAction::Help), QList<QKeySequence>{K(Qt::Key_Question)});
    const QKeyEvent keypadFive(QEvent::KeyPress, Qt::Key_5, Qt::KeypadModifier);
    QVERIFY(applied.keys.actionFor(keypadFive) == KeyAction::GoToSlide);
    QCOMPARE(KeyMap::normalized(QKeyCombination(Qt::ControlModifier | Qt::ShiftModifier, Qt::Key_R)),
             K(Qt::CTRL | Qt::Key_R));
}

void TestKeyBindings::rebindRefusesAKeyOfAnotherAction()
{
    KeyMap keys = KeyMap::defaults();
    const Result<> refused = keys.rebind(KeyAction::Next, {K(Qt::Key_Right), K(Qt::CTRL | Qt::Key_R)});
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(keys.description(KeyAction::Reload)), qPrintable(refused.error()));
    QVERIFY(keys == KeyMap::defaults());
    QVERIFY(keys.rebind(KeyAction::Next, {K(Qt::Key_Right), K(Qt::Key_K)}));
    QVERIFY(keys.actionFor(K(Qt::Key_K)) == KeyAction::Next);
    QVERIFY(keys.rebind(KeyAction::Next, keys.keysFor(KeyAction::Next))); // its own keys are no conflict
}

void TestKeyBindings::aReboundKeyDrivesTheConsole()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString deckPath = dir.filePath(u"talk.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(deckPath, 4));
    auto deck = SlideDeck::open(deckPath);
    QVERIFY(deck);
    ManualClock clock;
    LiveEvent event(clock);
    RenderCache cache;
    Session session;
    session.deckPath = deckPath;
    event.present(session, *deck);

    const KeyMap::Applied applied = KeyMap::withBindings(bindings({{u"next"_s, {K(Qt::Key_K)}},
                                                                   {u"blank"_s, {K(Qt::CTRL | Qt::Key_B)}},
                                                                   {u"quit"_s, {K(Qt::CTRL | Qt::Key_W)}}}));
    QVERIFY(applied.problems.isEmpty());
    {
        Presentation presentation(event, cache, applied.keys);
        presentation.show();
        PresenterWindow *console = presentation.console();
        QVERIFY(QTest::qWaitForWindowExposed(console));
        QCOMPARE(event.currentPage(), 0);
        QTest::keyClick(console, Qt::Key_K);
        QCOMPARE(event.currentPage(), 1);
        QTest::keyClick(console, Qt::Key_Right); // no longer Next's
        QCOMPARE(event.currentPage(), 1);
        QTest::keyClick(console, Qt::Key_B); // no longer Blank's
        QVERIFY(!event.isBlanked());
        QTest::keyClick(console, Qt::Key_B, Qt::ControlModifier);
        QVERIFY(event.isBlanked());
        // The projector window is watched too.
        QTest::keyClick(presentation.projector(), Qt::Key_K);
        QCOMPARE(event.currentPage(), 2);
        // The menus show the keys of the table.
        const QAction *quit = console->findChild<QAction *>(u"quitAction"_s);
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), K(Qt::CTRL | Qt::Key_W));
        const QAction *settings = console->findChild<QAction *>(u"settingsAction"_s);
        QVERIFY(settings);
        QCOMPARE(settings->shortcut(), K(Qt::CTRL | Qt::Key_Comma));
    }
}

QTEST_MAIN(TestKeyBindings)
#include "tst_keybindings.moc"
