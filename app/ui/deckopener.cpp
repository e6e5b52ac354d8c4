#include "deckopener.h"

#include "slides/slidedeck.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

/** Only the translation context of the password questions. */
class DeckOpener
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::DeckOpener)
};

} // namespace

std::optional<QByteArray> askPasswordWithDialog(const QString &path, bool previousWasWrong, QWidget *parent)
{
    QInputDialog dialog(parent);
    dialog.setObjectName(u"passwordDialog"_s);
    dialog.setWindowTitle(DeckOpener::tr("Password needed"));
    const QString question =
        DeckOpener::tr("“%1” is protected by a password. Password:").arg(QFileInfo(path).fileName());
    dialog.setLabelText(previousWasWrong ? DeckOpener::tr("Wrong password.") + u'\n' + question : question);
    dialog.setTextEchoMode(QLineEdit::Password);
    dialog.setInputMode(QInputDialog::TextInput);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue().toUtf8();
}

Result<std::shared_ptr<const SlideDeck>> openDeckInteractively(const QString &path, QWidget *parent,
                                                               const PasswordPrompt &askPassword)
{
    QByteArray password;
    for (;;) {
        auto opened = SlideDeck::open(path, password);
        if (opened)
            return *opened;
        const DeckOpenError &error = opened.error();
        if (error.kind != DeckOpenError::Kind::NeedsPassword && error.kind != DeckOpenError::Kind::WrongPassword)
            return fail(error.message);
        const bool wrong = error.kind == DeckOpenError::Kind::WrongPassword;
        const std::optional<QByteArray> typed = askPassword ? askPassword(path, wrong, parent) : std::nullopt;
        if (!typed)
            return fail(DeckOpener::tr("%1 was not opened: it needs a password.").arg(QFileInfo(path).fileName()));
        password = *typed;
    }
}

} // namespace Lectern
