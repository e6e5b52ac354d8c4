// Opening a deck from the UI: password questions, cancelling, other errors passed on.

#include "deckopener.h"
#include "slides/slidedeck.h"
#include "testpdf.h" // tests/slides: the hand-written (and encryptable) PDF
#include "uitestdeck.h"

#include <QApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

using namespace Lectern;
using namespace Qt::StringLiterals;

class TestDeckOpener : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void plainDeckOpensWithoutAsking();
    void missingFileGivesItsErrorWithoutAsking();
    void encryptedDeckAsksAgainAfterWrongPassword();
    void cancellingThePasswordGivesAnError();
    void defaultPromptIsAPasswordDialog();
    void backgroundOpenAnswersOnTheContextsThreadAfterReturning();
    void backgroundOpenAsksForThePasswordOnTheUiThreadAndRetries();
    void backgroundOpenCancelledByPromptGivesAnError();
    void backgroundOpenNeverAnswersADestroyedContext();

private:
    QTemporaryDir m_dir;
    QString m_plainPath;
    QString m_secretPath;
};

void TestDeckOpener::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_plainPath = m_dir.filePath(u"plain.pdf"_s);
    QVERIFY(LecternUiTest::writeDeck(m_plainPath, 2));
    m_secretPath = m_dir.filePath(u"secret.pdf"_s);
    QVERIFY(LecternTest::writeFile(
        m_secretPath, LecternTest::minimalPdf({LecternTest::MinimalPage(), LecternTest::MinimalPage()}, "opensesame")));
}

void TestDeckOpener::plainDeckOpensWithoutAsking()
{
    int asked = 0;
    const auto deck = openDeckInteractively(m_plainPath, nullptr, [&asked](const QString &, bool, QWidget *) {
        ++asked;
        return std::optional<QByteArray>();
    });
    QVERIFY(deck);
    QCOMPARE((*deck)->pageCount(), 2);
    QCOMPARE(asked, 0);
}

void TestDeckOpener::missingFileGivesItsErrorWithoutAsking()
{
    const QString path = m_dir.filePath(u"nowhere.pdf"_s);
    int asked = 0;
    const auto deck = openDeckInteractively(path, nullptr, [&asked](const QString &, bool, QWidget *) {
        ++asked;
        return std::optional<QByteArray>();
    });
    QVERIFY(!deck);
    QCOMPARE(deck.error(), SlideDeck::open(path).error().message);
    QCOMPARE(asked, 0);
}

void TestDeckOpener::encryptedDeckAsksAgainAfterWrongPassword()
{
    QList<bool> wrongFlags;
    QStringList paths;
    const QList<QByteArray> answers{"guess", "opensesame"};
    const auto deck =
        openDeckInteractively(m_secretPath, nullptr, [&](const QString &path, bool previousWasWrong, QWidget *) {
            paths.append(path);
            wrongFlags.append(previousWasWrong);
            return std::optional<QByteArray>(answers.at(wrongFlags.size() - 1));
        });
    QVERIFY2(deck, qPrintable(deck ? QString() : deck.error()));
    QCOMPARE(wrongFlags, QList<bool>({false, true}));
    QCOMPARE(paths, QStringList({m_secretPath, m_secretPath}));
    QCOMPARE((*deck)->pageCount(), 2);
    QCOMPARE((*deck)->password(), QByteArray("opensesame"));
}

void TestDeckOpener::cancellingThePasswordGivesAnError()
{
    const auto deck =
        openDeckInteractively(m_secretPath, nullptr, [](const QString &, bool, QWidget *) { return std::nullopt; });
    QVERIFY(!deck);
    QVERIFY2(deck.error().contains(u"secret.pdf"_s), qPrintable(deck.error()));
    QVERIFY2(deck.error().contains(u"password"_s), qPrintable(deck.error()));
}

void TestDeckOpener::defaultPromptIsAPasswordDialog()
{
    QStringList labels;
    QList<QLineEdit::EchoMode> echoModes;
    const QStringList typed{u"guess"_s, u"opensesame"_s};
    auto *poll = new QTimer(this);
    poll->setInterval(10);
    connect(poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        labels.append(dialog->labelText());
        echoModes.append(dialog->textEchoMode());
        dialog->setTextValue(typed.value(labels.size() - 1));
        dialog->accept();
    });
    poll->start();
    const auto deck = openDeckInteractively(m_secretPath);
    poll->stop();
    QVERIFY2(deck, qPrintable(deck ? QString() : deck.error()));
    QCOMPARE(labels.size(), 2);
    QVERIFY(!labels.at(0).contains(u"Wrong password"_s));
    QVERIFY(labels.at(0).contains(u"secret.pdf"_s));
    QVERIFY(labels.at(1).startsWith(u"Wrong password."_s));
    QCOMPARE(echoModes, QList<QLineEdit::EchoMode>({QLineEdit::Password, QLineEdit::Password}));
}

void TestDeckOpener::backgroundOpenAnswersOnTheContextsThreadAfterReturning()
{
    QObject context;
    std::optional<Result<std::shared_ptr<const SlideDeck>>> answer;
    QThread *answeredOn = nullptr;
    openDeckInBackground(m_plainPath, nullptr, askPasswordWithDialog, &context,
                         [&](Result<std::shared_ptr<const SlideDeck>> opened) {
                             answeredOn = QThread::currentThread();
                             answer = std::move(opened);
                         });
    QVERIFY(!answer); // the deck opens off the UI thread: nothing has happened yet
    QTRY_VERIFY(answer);
    QCOMPARE(answeredOn, context.thread());
    QVERIFY(*answer);
    QCOMPARE((**answer)->pageCount(), 2);
}

void TestDeckOpener::backgroundOpenAsksForThePasswordOnTheUiThreadAndRetries()
{
    QObject context;
    QList<bool> wrongFlags;
    QList<QThread *> askedOn;
    std::optional<Result<std::shared_ptr<const SlideDeck>>> answer;
    openDeckInBackground(
        m_secretPath, nullptr,
        [&](const QString &, bool previousWasWrong, QWidget *) {
            wrongFlags.append(previousWasWrong);
            askedOn.append(QThread::currentThread());
            return std::optional<QByteArray>(wrongFlags.size() == 1 ? "guess" : "opensesame");
        },
        &context, [&](Result<std::shared_ptr<const SlideDeck>> opened) { answer = std::move(opened); });
    QTRY_VERIFY(answer);
    QVERIFY2(*answer, qPrintable(*answer ? QString() : answer->error()));
    QCOMPARE((**answer)->password(), QByteArray("opensesame"));
    QCOMPARE(wrongFlags, QList<bool>({false, true}));
    QCOMPARE(askedOn, QList<QThread *>({qApp->thread(), qApp->thread()}));
}

void TestDeckOpener::backgroundOpenCancelledByPromptGivesAnError()
{
    QObject context;
    std::optional<Result<std::shared_ptr<const SlideDeck>>> answer;
    openDeckInBackground(
        m_secretPath, nullptr, [](const QString &, bool, QWidget *) { return std::nullopt; }, &context,
        [&](Result<std::shared_ptr<const SlideDeck>> opened) { answer = std::move(opened); });
    QTRY_VERIFY(answer);
    QVERIFY(!*answer);
    QVERIFY2(answer->error().contains(u"secret.pdf"_s), qPrintable(answer->error()));
}

void TestDeckOpener::backgroundOpenNeverAnswersADestroyedContext()
{
    int answers = 0;
    {
        QObject context;
        openDeckInBackground(m_plainPath, nullptr, askPasswordWithDialog, &context,
                             [&answers](Result<std::shared_ptr<const SlideDeck>>) { ++answers; });
    }
    // Let the open finish and its result be delivered: nobody is left to receive it.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(answers, 0);
}

QTEST_MAIN(TestDeckOpener)
#include "tst_deckopener.moc"
