#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QObject;
class QWidget;

namespace Lectern {

class SlideDeck;

/**
 * Asks for the password of the deck at path; previousWasWrong says the last try was wrong.
 * nullopt when the speaker cancels.
 */
using PasswordPrompt =
    std::function<std::optional<QByteArray>(const QString &path, bool previousWasWrong, QWidget *parent)>;

/** The default PasswordPrompt: a QInputDialog with hidden input ("Wrong password" after a wrong try). */
std::optional<QByteArray> askPasswordWithDialog(const QString &path, bool previousWasWrong, QWidget *parent);

/** What openDeckInBackground() reports: the deck, or a message naming the file and the reason. */
using DeckOpened = std::function<void(Result<std::shared_ptr<const SlideDeck>>)>;

/**
 * Opens a deck off the UI thread (SlideDeck::openInBackground), asking for its password while it needs one
 * (again after a wrong one) and retrying. Cancelling the question gives an error; any other failure gives the
 * DeckOpenError's message. Call it on the UI thread: the password is asked there, and done runs on context's
 * thread once, or never when context is destroyed first.
 */
void openDeckInBackground(const QString &path, QWidget *parent, const PasswordPrompt &askPassword, QObject *context,
                          DeckOpened done);

/**
 * openDeckInBackground() waited for in a local event loop, for the start of the application where there is
 * nothing else to show yet. Same answers and password questions.
 */
Result<std::shared_ptr<const SlideDeck>>
openDeckInteractively(const QString &path, QWidget *parent = nullptr,
                      const PasswordPrompt &askPassword = askPasswordWithDialog);

} // namespace Lectern
