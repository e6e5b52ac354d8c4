#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

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

/**
 * Opens a deck, asking for its password while it needs one (again after a wrong one). Cancelling gives an
 * error; any other failure gives the DeckOpenError's message, for the caller to show.
 */
Result<std::shared_ptr<const SlideDeck>>
openDeckInteractively(const QString &path, QWidget *parent = nullptr,
                      const PasswordPrompt &askPassword = askPasswordWithDialog);

} // namespace Lectern
