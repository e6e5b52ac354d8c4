#include "deckopener.h"

#include "slides/slidedeck.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

/** Only the translation context of the password questions. */
class DeckOpener
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::DeckOpener)
};

using Opened = tl::expected<std::shared_ptr<const SlideDeck>, DeckOpenError>;

/** One try with one password; asks for another and tries again while the deck needs one. */
void attemptOpen(const QString &path, const QByteArray &password, QPointer<QWidget> parent,
                 const PasswordPrompt &askPassword, QPointer<QObject> context, const DeckOpened &done)
{
    auto *watcher = new QFutureWatcher<Opened>;
    // The watcher goes away whatever happens to the context; the answer goes only to a living context.
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, context.data(), [watcher, path, parent, askPassword, context, done] {
            const Opened opened = watcher->result();
            if (opened) {
                done(*opened);
                return;
            }
            const DeckOpenError &error = opened.error();
            if (error.kind != DeckOpenError::Kind::NeedsPassword && error.kind != DeckOpenError::Kind::WrongPassword) {
                done(fail(error.message));
                return;
            }
            const bool wrong = error.kind == DeckOpenError::Kind::WrongPassword;
            const std::optional<QByteArray> typed =
                askPassword ? askPassword(path, wrong, parent.data()) : std::nullopt;
            // The question runs its own event loop: the context may be gone when it returns.
            if (!context)
                return;
            if (!typed) {
                done(fail(DeckOpener::tr("%1 was not opened: it needs a password.").arg(QFileInfo(path).fileName())));
                return;
            }
            attemptOpen(path, *typed, parent, askPassword, context, done);
        });
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(SlideDeck::openInBackground(path, password));
}

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

void openDeckInBackground(const QString &path, QWidget *parent, const PasswordPrompt &askPassword, QObject *context,
                          DeckOpened done)
{
    Q_ASSERT(context);
    attemptOpen(path, {}, parent, askPassword, context, done);
}

Result<std::shared_ptr<const SlideDeck>> openDeckInteractively(const QString &path, QWidget *parent,
                                                               const PasswordPrompt &askPassword)
{
    QEventLoop loop;
    std::optional<Result<std::shared_ptr<const SlideDeck>>> result;
    openDeckInBackground(path, parent, askPassword, &loop, [&](Result<std::shared_ptr<const SlideDeck>> opened) {
        result = std::move(opened);
        loop.quit();
    });
    if (!result)
        loop.exec();
    // Only QCoreApplication::exit() ends the loop without an answer: the application is quitting.
    if (!result)
        return fail(DeckOpener::tr("%1 was not opened: Lectern is quitting.").arg(QFileInfo(path).fileName()));
    return std::move(*result);
}

} // namespace Lectern
