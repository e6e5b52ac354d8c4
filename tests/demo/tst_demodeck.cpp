#include "demo/demodeck.h"
#include "slides/slidedeck.h"

#include <QFile>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <poppler-qt6.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Lectern;

class TestDemoDeck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void writesDeckAndSidecarIntoTheDirectory();
    void deckHasAtLeastTwelveSixteenByNinePages();
    void pagesNameTheEveningAndEveryTalk();
    void everyPageIsDrawn();
    void sidecarIsPdfpcFormat2WithTiming();
    void sidecarGivesEveryPageANote();
    void sidecarGroupsOverlayStepsUnderOneLabel();
    void sidecarHidesTheBackupSlide();
    void notesKeepHtmlAsLiteralText();
    void slideDeckGroupsOverlayStepsAndSkipsTheBackupSlide();
    void writingTwiceReplacesTheDeck();
    void unwritableDirectoryGivesAnError();
    void sessionIsFifteenPlusFiveMinutesWithThreeMinuteWarning();
    void eventHasTheMeetupPollsOnTheWrittenDeck();

private:
    QJsonObject sidecar() const;
    QJsonArray sidecarPages() const { return sidecar().value("pages"_L1).toArray(); }

    QTemporaryDir m_dir;
    QString m_deckPath;
    std::unique_ptr<Poppler::Document> m_document;
};

void TestDemoDeck::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Result<QString> written = DemoDeck::write(m_dir.path());
    QVERIFY2(written.has_value(), qPrintable(written ? QString() : written.error()));
    m_deckPath = *written;
    m_document = Poppler::Document::load(m_deckPath);
    QVERIFY(m_document);
    QVERIFY(!m_document->isLocked());
}

QJsonObject TestDemoDeck::sidecar() const
{
    QFile file(m_dir.filePath(u"robust-python-evening.pdfpc"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void TestDemoDeck::writesDeckAndSidecarIntoTheDirectory()
{
    QCOMPARE(m_deckPath, m_dir.filePath(u"robust-python-evening.pdf"_s));
    QVERIFY(QFile::exists(m_deckPath));
    QVERIFY(QFile::exists(m_dir.filePath(u"robust-python-evening.pdfpc"_s)));
    QFile pdf(m_deckPath);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5).startsWith("%PDF-"));
}

void TestDemoDeck::deckHasAtLeastTwelveSixteenByNinePages()
{
    QVERIFY2(m_document->numPages() >= 12, qPrintable(QString::number(m_document->numPages())));
    for (int i = 0; i < m_document->numPages(); ++i) {
        const std::unique_ptr<Poppler::Page> page(m_document->page(i));
        QVERIFY(page);
        const QSizeF size = page->pageSizeF();
        QVERIFY2(qAbs(size.width() / size.height() - 16.0 / 9.0) < 0.01,
                 qPrintable(u"page %1 is %2 x %3"_s.arg(i).arg(size.width()).arg(size.height())));
    }
}

void TestDemoDeck::pagesNameTheEveningAndEveryTalk()
{
    QString text;
    for (int i = 0; i < m_document->numPages(); ++i)
        text += std::unique_ptr<Poppler::Page>(m_document->page(i))->text(QRectF()) + u'\n';
    // Text extraction may break lines anywhere a title wraps, so compare with whitespace collapsed.
    text = text.simplified();
    const QStringList expected{u"Robust Python evening"_s,
                               u"Tests as experiment design"_s,
                               u"Typed settings in a Django monolith"_s,
                               u"jaxtyping"_s,
                               u"uv and Nix"_s,
                               u"pydantic_settings"_s,
                               u"flake.lock"_s};
    for (const QString &phrase : expected)
        QVERIFY2(text.contains(phrase), qPrintable(phrase));
}

void TestDemoDeck::everyPageIsDrawn()
{
    for (int i = 0; i < m_document->numPages(); ++i) {
        const std::unique_ptr<Poppler::Page> page(m_document->page(i));
        const QImage image = page->renderToImage(24, 24);
        QVERIFY(!image.isNull());
        // A drawn slide has a background and, on top of it, at least a few percent of text and shapes.
        QHash<QRgb, int> pixelsByColor;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                ++pixelsByColor[image.pixel(x, y)];
        }
        const int background = *std::max_element(pixelsByColor.cbegin(), pixelsByColor.cend());
        const int total = image.width() * image.height();
        QVERIFY2(total - background > total / 50, qPrintable(u"page %1 looks empty"_s.arg(i)));
    }
}

void TestDemoDeck::sidecarIsPdfpcFormat2WithTiming()
{
    const QJsonObject root = sidecar();
    QVERIFY(!root.isEmpty());
    QCOMPARE(root.value("pdfpcFormat"_L1).toInt(), 2);
    QCOMPARE(root.value("duration"_L1).toInt(), 15);
    QCOMPARE(root.value("lastMinutes"_L1).toInt(), 3);
    QCOMPARE(sidecarPages().size(), qsizetype(m_document->numPages()));
}

void TestDemoDeck::sidecarGivesEveryPageANote()
{
    const QJsonArray pages = sidecarPages();
    QVERIFY(!pages.isEmpty());
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const QJsonObject page = pages.at(i).toObject();
        QCOMPARE(page.value("idx"_L1).toInt(-1), int(i));
        QVERIFY2(!page.value("label"_L1).toString().isEmpty(), qPrintable(QString::number(i)));
        QVERIFY2(!page.value("note"_L1).toString().trimmed().isEmpty(), qPrintable(QString::number(i)));
    }
}

void TestDemoDeck::sidecarGroupsOverlayStepsUnderOneLabel()
{
    const QJsonArray pages = sidecarPages();
    int overlaySteps = 0;
    int longestBuild = 1;
    int build = 1;
    QSet<QString> labels;
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const QJsonObject page = pages.at(i).toObject();
        const QString label = page.value("label"_L1).toString();
        const bool sameAsPrevious = i > 0 && pages.at(i - 1).toObject().value("label"_L1).toString() == label;
        QCOMPARE(page.value("overlay"_L1).toBool(), sameAsPrevious);
        if (sameAsPrevious) {
            ++overlaySteps;
            longestBuild = std::max(longestBuild, ++build);
        } else {
            QVERIFY2(!labels.contains(label), qPrintable(u"label %1 is used by two slides"_s.arg(label)));
            build = 1;
        }
        labels.insert(label);
    }
    QVERIFY(overlaySteps > 0);
    QVERIFY(longestBuild >= 2 && longestBuild <= 3);
}

void TestDemoDeck::sidecarHidesTheBackupSlide()
{
    const QJsonArray pages = sidecarPages();
    int hidden = 0;
    for (const QJsonValue &page : pages)
        hidden += page.toObject().value("hidden"_L1).toBool() ? 1 : 0;
    QCOMPARE(hidden, 1);
    QVERIFY(pages.last().toObject().value("hidden"_L1).toBool());
}

void TestDemoDeck::notesKeepHtmlAsLiteralText()
{
    bool found = false;
    bool markdown = false;
    for (const QJsonValue &page : sidecarPages()) {
        const QString note = page.toObject().value("note"_L1).toString();
        found = found || note.contains(u"<b>not html</b>"_s);
        markdown = markdown || (note.contains(u"**"_s) && note.contains(u"\n- "_s));
    }
    QVERIFY(found);
    QVERIFY(markdown);
}

void TestDemoDeck::slideDeckGroupsOverlayStepsAndSkipsTheBackupSlide()
{
    const auto deck = SlideDeck::open(m_deckPath);
    QVERIFY2(deck.has_value(), qPrintable(deck ? QString() : deck.error().message));
    const SlideDeck &slides = **deck;
    QVERIFY(slides.pdfpcWarning().isEmpty());
    QCOMPARE(slides.pageCount(), m_document->numPages());
    QVERIFY(slides.slideCount() >= 12);
    QVERIFY(slides.slideCount() < slides.pageCount());

    const QJsonArray pages = sidecarPages();
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const QJsonObject page = pages.at(i).toObject();
        QCOMPARE(slides.page(int(i)).label, page.value("label"_L1).toString());
        QCOMPARE(slides.page(int(i)).hidden, page.value("hidden"_L1).toBool());
        QVERIFY(slides.page(int(i)).notes.contains(page.value("note"_L1).toString().left(20)));
    }
    // The backup slide is the last page and hidden: the last slide the speaker reaches is the closing one.
    QCOMPARE(slides.lastVisiblePage(), slides.pageCount() - 2);
}

void TestDemoDeck::writingTwiceReplacesTheDeck()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result<QString> first = DemoDeck::write(dir.path());
    QVERIFY(first);
    const Result<QString> second = DemoDeck::write(dir.path());
    QVERIFY(second);
    QCOMPARE(*second, *first);
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::load(*second);
    QVERIFY(document);
    QCOMPARE(document->numPages(), m_document->numPages());
}

void TestDemoDeck::unwritableDirectoryGivesAnError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString regularFile = dir.filePath(u"not-a-folder"_s);
    QFile file(regularFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    const Result<QString> written = DemoDeck::write(regularFile + u"/demo"_s);
    QVERIFY(!written);
    QVERIFY(written.error().contains(u"not-a-folder"_s));
    QVERIFY(!QFile::exists(regularFile + u"/demo/robust-python-evening.pdf"_s));
}

void TestDemoDeck::sessionIsFifteenPlusFiveMinutesWithThreeMinuteWarning()
{
    const Session session = DemoDeck::session(m_deckPath);
    QCOMPARE(session.title, u"Robust Python evening"_s);
    QVERIFY(!session.speaker.isEmpty());
    QCOMPARE(session.deckPath, m_deckPath);
    QCOMPARE(session.timing.talkTime, std::chrono::seconds(std::chrono::minutes(15)));
    QCOMPARE(session.timing.qaTime, std::chrono::seconds(std::chrono::minutes(5)));
    QCOMPARE(session.timing.warningTime, std::chrono::seconds(std::chrono::minutes(3)));
    QVERIFY(!session.timing.talkEndsAt);
}

void TestDemoDeck::eventHasTheMeetupPollsOnTheWrittenDeck()
{
    const Result<Event> event = DemoDeck::event(m_deckPath);
    QVERIFY2(event, qPrintable(event ? QString() : event.error()));
    QCOMPARE(event->sessions.size(), 1);
    const Session &session = event->sessions.at(0);
    QCOMPARE(session.deckPath, m_deckPath);
    QCOMPARE(session.timing.talkTime, std::chrono::seconds(std::chrono::minutes(15)));
    QCOMPARE(session.timing.qaTime, std::chrono::seconds(std::chrono::minutes(5)));
    QStringList questions;
    for (const Poll &poll : session.polls)
        questions.append(poll.question);
    QVERIFY2(questions.contains(u"Do you use uv?"_s), qPrintable(questions.join(u" | "_s)));
    QVERIFY(questions.contains(u"Nix?"_s));
    QVERIFY(std::any_of(session.polls.cbegin(), session.polls.cend(),
                        [](const Poll &poll) { return poll.kind == Poll::Kind::Rating; }));
    const auto uv = event->findPoll(u"uses-uv"_s);
    QVERIFY(uv);
    QCOMPARE(event->poll(*uv).options.size(), 3);

    // The session is the event's, and each poll's slide is a page label of the written deck.
    QCOMPARE(DemoDeck::session(m_deckPath), session);
    const auto deck = SlideDeck::open(m_deckPath);
    QVERIFY(deck);
    for (const Poll &poll : session.polls)
        QVERIFY2((*deck)->pageWithLabel(poll.slideLabel) >= 0, qPrintable(poll.slideLabel));
}

QTEST_MAIN(TestDemoDeck)
#include "tst_demodeck.moc"
