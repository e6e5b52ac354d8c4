#include "slides/slidedeck.h"

#include "testpdf.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;
using LecternTest::MinimalPage;

Q_DECLARE_METATYPE(DeckOpenError::Kind)

namespace {

using OpenResult = tl::expected<std::shared_ptr<const SlideDeck>, DeckOpenError>;

QString errorOf(const OpenResult &result)
{
    return result ? QString() : result.error().message;
}

} // namespace

class TestSlideDeck : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void goodDeckOpensWithNumberedLabels();
    void pageSizeIsInPointsWithRotationApplied();
    void badFileGivesErrorNamingFileAndReason_data();
    void badFileGivesErrorNamingFileAndReason();
    void pdfWithoutPagesIsRefused();
    void encryptedDeckAsksForPassword();
    void wrongPasswordIsReported();
    void rightPasswordOpens();
    void pagesSharingALabelAreOverlaysOfOneSlide();
    void nextSlidePreviewIsLastStepOfNextSlide();
    void pdfpcLabelsAndOverlaysGroupPages();
    void hiddenPagesAreSkippedByNavigation();
    void allPagesHiddenShowsThemAll();
    void navigationStopsAtTheEnds();
    void notesCombinePdfpcAndAnnotations();
    void malformedPdfpcWarnsAndDeckStillOpens();
    void htmlInNotesIsKeptAsText();
    void pdfpcTimingIsExposed();
    void pdfpcSidecarAsPdfpcWritesItGroupsOverlaySteps();
    void pdfpcNotesFollowTheirPageAfterAPageWasInserted();
    void pdfpcLabelDoesNotReplaceThePdfsOwnLabels();
    void pdfpcEntryMatchingItsPageWinsOverAStaleOneRelocatedThere();
    void deckKeepsTheBytesItWasOpenedFrom();
    void damagedPageKeepsItsPlaceAndTheDeckOpens();
    void deckWhosePagesAreAllDamagedIsRefused();

private:
    QString pathOf(const QString &name) const { return m_dir->filePath(name); }
    QString writeMinimal(const QString &name, const QList<MinimalPage> &pages, const QByteArray &password = {});
    void writeSidecar(const QString &deck, const QByteArray &json);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSlideDeck::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestSlideDeck::writeMinimal(const QString &name, const QList<MinimalPage> &pages, const QByteArray &password)
{
    const QString path = pathOf(name);
    if (!LecternTest::writeFile(path, LecternTest::minimalPdf(pages, password)))
        qFatal("cannot write the test PDF");
    return path;
}

void TestSlideDeck::writeSidecar(const QString &deck, const QByteArray &json)
{
    QVERIFY(LecternTest::writeFile(PdfpcFile::sidecarPath(deck), json));
}

void TestSlideDeck::goodDeckOpensWithNumberedLabels()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 3));
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QCOMPARE(d.path(), path);
    QCOMPARE(d.title(), u"Test deck"_s);
    QCOMPARE(d.pageCount(), 3);
    QCOMPARE(d.slideCount(), 3);
    QCOMPARE(d.page(0).label, u"1"_s);
    QCOMPARE(d.page(2).label, u"3"_s);
    QCOMPARE(d.page(1).index, 1);
    QVERIFY(qAbs(d.page(1).sizePoints.width() - 640) < 1);
    QVERIFY(qAbs(d.page(1).sizePoints.height() - 480) < 1);
    QVERIFY(d.page(0).notes.isEmpty());
    QVERIFY(!d.pdfpc());
    QVERIFY(d.pdfpcWarning().isEmpty());
    QCOMPARE(d.slideNumber(2), 3);
}

void TestSlideDeck::pageSizeIsInPointsWithRotationApplied()
{
    const QString path = writeMinimal(
        u"rotated.pdf"_s, {MinimalPage{QSizeF(400, 300), {}, {}, 0}, MinimalPage{QSizeF(400, 300), {}, {}, 90}});
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QCOMPARE((*deck)->page(0).sizePoints, QSizeF(400, 300));
    QCOMPARE((*deck)->page(1).sizePoints, QSizeF(300, 400));
}

void TestSlideDeck::badFileGivesErrorNamingFileAndReason_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("contents"); // written unless the row is about a missing file or a folder
    QTest::addColumn<DeckOpenError::Kind>("kind");
    QTest::addColumn<QString>("reason");

    QByteArray good;
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"good.pdf"_s);
        QVERIFY(LecternTest::writeDeck(path, 4));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        good = file.readAll();
    }
    QByteArray damaged = good;
    for (qsizetype i = 200; i < damaged.size() - 200; i += 7)
        damaged[i] = 'Z';

    QTest::newRow("missing") << u"missing.pdf"_s << QByteArray() << DeckOpenError::Kind::Missing << u"does not exist"_s;
    QTest::newRow("folder") << u"folder.pdf"_s << QByteArray() << DeckOpenError::Kind::Unreadable << u"folder"_s;
    QTest::newRow("empty") << u"empty.pdf"_s << QByteArray("") << DeckOpenError::Kind::NotPdf << u"empty"_s;
    QTest::newRow("text") << u"notes.pdf"_s << QByteArray("Just some notes, not a PDF.\n")
                          << DeckOpenError::Kind::NotPdf << u"not a PDF"_s;
    QTest::newRow("html") << u"page.pdf"_s << QByteArray("<html><body>404</body></html>") << DeckOpenError::Kind::NotPdf
                          << u"not a PDF"_s;
    QTest::newRow("truncated") << u"truncated.pdf"_s << good.left(good.size() / 2) << DeckOpenError::Kind::Damaged
                               << u"truncated"_s;
    // Poppler rebuilds the cross-reference table but finds no page tree: no pages to show.
    QTest::newRow("damaged") << u"damaged.pdf"_s << damaged << DeckOpenError::Kind::NoPages << u"damaged"_s;
    QTest::newRow("garbage body") << u"garbage.pdf"_s << QByteArray("%PDF-1.4\n" + QByteArray(4000, '#') + "\n%%EOF\n")
                                  << DeckOpenError::Kind::Damaged << u"damaged"_s;
    QTest::newRow("header only") << u"header.pdf"_s << QByteArray("%PDF-1.7\n%%EOF\n") << DeckOpenError::Kind::Damaged
                                 << u"damaged"_s;
}

void TestSlideDeck::badFileGivesErrorNamingFileAndReason()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, contents);
    QFETCH(DeckOpenError::Kind, kind);
    QFETCH(QString, reason);

    const QString path = pathOf(name);
    if (kind == DeckOpenError::Kind::Unreadable)
        QVERIFY(QDir(m_dir->path()).mkdir(name));
    else if (kind != DeckOpenError::Kind::Missing)
        QVERIFY(LecternTest::writeFile(path, contents));

    const OpenResult deck = SlideDeck::open(path);
    QVERIFY(!deck);
    QCOMPARE(deck.error().kind, kind);
    QVERIFY2(deck.error().message.contains(QDir::toNativeSeparators(path)), qPrintable(deck.error().message));
    QVERIFY2(deck.error().message.contains(reason), qPrintable(deck.error().message));
}

void TestSlideDeck::pdfWithoutPagesIsRefused()
{
    const QString path = writeMinimal(u"nopages.pdf"_s, {});
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY(!deck);
    QCOMPARE(deck.error().kind, DeckOpenError::Kind::NoPages);
    QVERIFY2(deck.error().message.contains(path), qPrintable(deck.error().message));
    QVERIFY2(deck.error().message.contains(u"no pages"_s), qPrintable(deck.error().message));
}

void TestSlideDeck::encryptedDeckAsksForPassword()
{
    const QString path = writeMinimal(u"secret.pdf"_s, {MinimalPage(), MinimalPage()}, "opensesame");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY(!deck);
    QCOMPARE(deck.error().kind, DeckOpenError::Kind::NeedsPassword);
    QVERIFY(deck.error().message.contains(path));
}

void TestSlideDeck::wrongPasswordIsReported()
{
    const QString path = writeMinimal(u"secret.pdf"_s, {MinimalPage(), MinimalPage()}, "opensesame");
    const OpenResult deck = SlideDeck::open(path, "guess");
    QVERIFY(!deck);
    QCOMPARE(deck.error().kind, DeckOpenError::Kind::WrongPassword);
    QVERIFY2(deck.error().message.contains(u"password is wrong"_s), qPrintable(deck.error().message));
}

void TestSlideDeck::rightPasswordOpens()
{
    const QString path = writeMinimal(u"secret.pdf"_s, {MinimalPage(), MinimalPage()}, "opensesame");
    const OpenResult deck = SlideDeck::open(path, "opensesame");
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QCOMPARE((*deck)->pageCount(), 2);
    QCOMPARE((*deck)->password(), QByteArray("opensesame"));
}

void TestSlideDeck::pagesSharingALabelAreOverlaysOfOneSlide()
{
    // Pages: 1, 2, 2, 2, 3 (as Beamer labels overlay steps).
    QList<MinimalPage> pages;
    for (const QString &label : {u"1"_s, u"2"_s, u"2"_s, u"2"_s, u"3"_s})
        pages.append(MinimalPage{QSizeF(400, 300), label, {}, 0});
    const OpenResult deck = SlideDeck::open(writeMinimal(u"overlays.pdf"_s, pages));
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QCOMPARE(d.pageCount(), 5);
    QCOMPARE(d.page(2).label, u"2"_s);
    QCOMPARE(d.slideCount(), 3);
    QCOMPARE(d.slideNumber(0), 1);
    QCOMPARE(d.slideNumber(1), 2);
    QCOMPARE(d.slideNumber(3), 2);
    QCOMPARE(d.slideNumber(4), 3);
    QCOMPARE(d.firstPageOfSlide(2), 1);
    QCOMPARE(d.firstPageOfSlide(3), 4);
    QCOMPARE(d.firstPageOfSlide(4), -1);
    QCOMPARE(d.firstPageOfSlide(0), -1);
    QCOMPARE(d.pageWithLabel(u"2"_s), 1);
    QCOMPARE(d.pageWithLabel(u"9"_s), -1);
    QCOMPARE(d.nextPage(1), 2); // overlay steps are still stepped through one by one
}

void TestSlideDeck::nextSlidePreviewIsLastStepOfNextSlide()
{
    QList<MinimalPage> pages;
    for (const QString &label : {u"a"_s, u"b"_s, u"b"_s, u"b"_s, u"c"_s})
        pages.append(MinimalPage{QSizeF(400, 300), label, {}, 0});
    const OpenResult deck = SlideDeck::open(writeMinimal(u"overlays.pdf"_s, pages));
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QCOMPARE(d.nextSlidePreviewPage(0), 3);
    QCOMPARE(d.nextSlidePreviewPage(1), 4);
    QCOMPARE(d.nextSlidePreviewPage(3), 4);
    QCOMPARE(d.nextSlidePreviewPage(4), -1);
}

void TestSlideDeck::pdfpcLabelsAndOverlaysGroupPages()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 4));
    writeSidecar(path, R"({"pdfpcFormat": 2, "pages": [
        {"idx": 1, "label": "1", "overlay": true},
        {"idx": 3, "label": "Q&A"}
    ]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QVERIFY(d.pdfpc());
    QCOMPARE(d.page(1).label, u"1"_s);
    QCOMPARE(d.page(3).label, u"Q&A"_s);
    QCOMPARE(d.slideCount(), 3);
    QCOMPARE(d.slideNumber(1), 1);
    QCOMPARE(d.slideNumber(2), 2);
    QCOMPARE(d.nextSlidePreviewPage(0), 2);
    QCOMPARE(d.pageWithLabel(u"Q&A"_s), 3);
}

void TestSlideDeck::hiddenPagesAreSkippedByNavigation()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 6));
    writeSidecar(path, R"({"pages": [{"idx": 1, "hidden": true}, {"idx": 4, "hidden": true},
                                     {"idx": 5, "hidden": true}]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QCOMPARE(d.pageCount(), 6);
    QVERIFY(d.page(1).hidden);
    QCOMPARE(d.slideCount(), 3);
    QCOMPARE(d.firstVisiblePage(), 0);
    QCOMPARE(d.lastVisiblePage(), 3);
    QCOMPARE(d.nextPage(0), 2);
    QCOMPARE(d.previousPage(2), 0);
    QCOMPARE(d.nextPage(3), 3);
    QCOMPARE(d.nextSlidePreviewPage(0), 2);
    QCOMPARE(d.nextSlidePreviewPage(3), -1);
    QCOMPARE(d.slideNumber(3), 3);
    QCOMPARE(d.nearestVisiblePage(1), 2);
    QCOMPARE(d.nearestVisiblePage(5), 3);
    QCOMPARE(d.pageWithLabel(u"2"_s), -1);
    QCOMPARE(d.firstPageOfSlide(2), 2);
}

void TestSlideDeck::allPagesHiddenShowsThemAll()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 2));
    writeSidecar(path, R"({"pages": [{"idx": 0, "hidden": true}, {"idx": 1, "hidden": true}]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QCOMPARE((*deck)->slideCount(), 2);
    QCOMPARE((*deck)->nextPage(0), 1);
    QVERIFY(!(*deck)->page(0).hidden);
}

void TestSlideDeck::navigationStopsAtTheEnds()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 3));
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QCOMPARE((*deck)->previousPage(0), 0);
    QCOMPARE((*deck)->nextPage(2), 2);
    QCOMPARE((*deck)->nextPage(1), 2);
    QCOMPARE((*deck)->previousPage(1), 0);
}

void TestSlideDeck::notesCombinePdfpcAndAnnotations()
{
    const QString path =
        writeMinimal(u"notes.pdf"_s, {MinimalPage{QSizeF(400, 300), {}, {u"Annotation note"_s}, 0},
                                      MinimalPage{QSizeF(400, 300), {}, {u"Only annotation"_s, u"Second"_s}, 0},
                                      MinimalPage{QSizeF(400, 300), {}, {}, 0}, MinimalPage()});
    writeSidecar(path, R"({"pdfpcFormat": 2, "pages": [{"idx": 0, "note": "Sidecar note"},
                                                       {"idx": 2, "note": "Only sidecar"}]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QCOMPARE(d.page(0).notes, u"Sidecar note\n\nAnnotation note"_s);
    QCOMPARE(d.page(1).notes, u"Only annotation\n\nSecond"_s);
    QCOMPARE(d.page(2).notes, u"Only sidecar"_s);
    QVERIFY(d.page(3).notes.isEmpty());
}

void TestSlideDeck::malformedPdfpcWarnsAndDeckStillOpens()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 2));
    writeSidecar(path, "{\n  \"duration\": 20,\n  \"pages\": [ {\"idx\": 0, \"note\": \"unterminated }\n");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QCOMPARE((*deck)->pageCount(), 2);
    QVERIFY(!(*deck)->pdfpc());
    const QString warning = (*deck)->pdfpcWarning();
    QVERIFY2(warning.contains(QDir::toNativeSeparators(PdfpcFile::sidecarPath(path))), qPrintable(warning));
    QVERIFY2(warning.contains(u"line"_s), qPrintable(warning));
}

void TestSlideDeck::htmlInNotesIsKeptAsText()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 1));
    writeSidecar(path, R"({"pages": [{"idx": 0, "note": "<img src=x onerror=alert(1)> **bold**"}]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QCOMPARE((*deck)->page(0).notes, u"<img src=x onerror=alert(1)> **bold**"_s);
}

void TestSlideDeck::pdfpcTimingIsExposed()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 1));
    writeSidecar(path, R"({"pdfpcFormat": 2, "duration": 25, "endTime": "20:15", "lastMinutes": 5})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QVERIFY((*deck)->pdfpc());
    QCOMPARE((*deck)->pdfpc()->durationMinutes.value_or(-1), 25);
    QCOMPARE((*deck)->pdfpc()->endTime.value_or(QTime()), QTime(20, 15));
    QCOMPARE((*deck)->pdfpc()->lastMinutes.value_or(-1), 5);
}

void TestSlideDeck::pdfpcSidecarAsPdfpcWritesItGroupsOverlaySteps()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 5)); // QPdfWriter writes no page labels
    writeSidecar(path, R"({"pdfpcFormat":2,"duration":20,"disableMarkdown":false,"pages":[
        {"idx":0,"label":"1","overlay":0,"forcedOverlay":false,"hidden":false,"note":"a"},
        {"idx":1,"label":"2","overlay":0,"forcedOverlay":false,"hidden":false,"note":"b"},
        {"idx":2,"label":"2","overlay":1,"forcedOverlay":false,"hidden":false,"note":"c"},
        {"idx":3,"label":"3","overlay":0,"forcedOverlay":true,"hidden":false,"note":"d"},
        {"idx":4,"label":"4","overlay":0,"forcedOverlay":false,"hidden":false,"note":"e"}]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QVERIFY(d.pdfpcWarning().isEmpty());
    QVERIFY(!d.pdfpc()->disableMarkdown);
    QCOMPARE(d.slideCount(), 3);
    QCOMPARE(d.slideNumber(0), 1);
    QCOMPARE(d.slideNumber(1), 2);
    QCOMPARE(d.slideNumber(2), 2); // overlay step 1
    QCOMPARE(d.slideNumber(3), 2); // forced overlay of the page before
    QCOMPARE(d.slideNumber(4), 3);
    QCOMPARE(d.nextSlidePreviewPage(0), 3);
    QCOMPARE(d.page(2).label, u"2"_s); // the PDF has no labels: the .pdfpc names the pages
    QCOMPARE(d.page(2).notes, u"c"_s);
    QCOMPARE(d.page(4).notes, u"e"_s);
}

void TestSlideDeck::pdfpcNotesFollowTheirPageAfterAPageWasInserted()
{
    // The sidecar was written for the deck "intro, method (2 steps), results"; then a slide was inserted after
    // the intro, so every later idx points one page too early. pdfpc finds the pages again by label and step.
    QList<MinimalPage> pages;
    for (const QString &label : {u"intro"_s, u"extra"_s, u"method"_s, u"method"_s, u"results"_s})
        pages.append(MinimalPage{QSizeF(400, 300), label, {}, 0});
    const QString path = writeMinimal(u"talk.pdf"_s, pages);
    writeSidecar(path, R"({"pdfpcFormat":2,"pages":[
        {"idx":0,"label":"intro","overlay":0,"forcedOverlay":false,"hidden":false,"note":"welcome"},
        {"idx":1,"label":"method","overlay":0,"forcedOverlay":false,"hidden":false,"note":"method, first step"},
        {"idx":2,"label":"method","overlay":1,"forcedOverlay":false,"hidden":false,"note":"method, second step"},
        {"idx":3,"label":"results","overlay":0,"forcedOverlay":false,"hidden":true,"note":"results"},
        {"idx":7,"label":"gone","overlay":0,"forcedOverlay":false,"hidden":false,"note":"a slide since removed"}]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QCOMPARE(d.page(0).notes, u"welcome"_s);
    QVERIFY(d.page(1).notes.isEmpty()); // the new slide has no notes yet
    QCOMPARE(d.page(2).notes, u"method, first step"_s);
    QCOMPARE(d.page(3).notes, u"method, second step"_s);
    QCOMPARE(d.page(4).notes, u"results"_s);
    QVERIFY(d.page(4).hidden);
    QVERIFY(!d.page(3).hidden);
    QCOMPARE(d.page(1).label, u"extra"_s);
    QCOMPARE(d.slideCount(), 3); // intro, extra, method; results is hidden
}

void TestSlideDeck::pdfpcEntryMatchingItsPageWinsOverAStaleOneRelocatedThere()
{
    // idx 0 is a stale entry for "method" (from before a slide was inserted); idx 2 still matches "method"
    // exactly. The exact entry keeps page 2 whatever the order the entries are read in.
    QList<MinimalPage> pages;
    for (const QString &label : {u"intro"_s, u"extra"_s, u"method"_s})
        pages.append(MinimalPage{QSizeF(400, 300), label, {}, 0});
    const QString path = writeMinimal(u"talk.pdf"_s, pages);
    writeSidecar(path, R"({"pdfpcFormat":2,"pages":[
        {"idx":0,"label":"method","overlay":0,"note":"stale method note"},
        {"idx":2,"label":"method","overlay":0,"note":"current method note"}]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QCOMPARE((*deck)->page(2).notes, u"current method note"_s);
    QVERIFY((*deck)->page(0).notes != u"current method note"_s);
}

void TestSlideDeck::pdfpcLabelDoesNotReplaceThePdfsOwnLabels()
{
    // An entry whose label is nowhere in the PDF stays at its idx; the PDF keeps its own label.
    QList<MinimalPage> pages;
    for (const QString &label : {u"A"_s, u"B"_s, u"C"_s})
        pages.append(MinimalPage{QSizeF(400, 300), label, {}, 0});
    const QString path = writeMinimal(u"talk.pdf"_s, pages);
    writeSidecar(path, R"({"pdfpcFormat":2,"pages":[{"idx":1,"label":"Z","overlay":0,"note":"by index"}]})");
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    QCOMPARE((*deck)->page(1).label, u"B"_s);
    QCOMPARE((*deck)->page(1).notes, u"by index"_s);
    QCOMPARE((*deck)->slideCount(), 3);
}

void TestSlideDeck::deckKeepsTheBytesItWasOpenedFrom()
{
    const QString path = pathOf(u"talk.pdf"_s);
    QVERIFY(LecternTest::writeDeck(path, 2));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    file.close();
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));

    // pdflatex rewrites the file in place while the deck is shown.
    QVERIFY(LecternTest::writeFile(path, "%PDF-1.5\n half-written"));
    QCOMPARE((*deck)->data(), original);
    QVERIFY(QFile::remove(path));
    QCOMPARE((*deck)->data(), original);
}

void TestSlideDeck::damagedPageKeepsItsPlaceAndTheDeckOpens()
{
    // The second page object is not a page dictionary. Poppler 22.12 skips the bad entry of /Kids while it
    // still counts 4 pages, so the pages after it move up one place and the last page index is the one it cannot
    // read. Whichever page poppler loses, the deck must open with one unreadable page and three good ones.
    const QString path =
        writeMinimal(u"damaged-page.pdf"_s,
                     {MinimalPage{QSizeF(400, 300), {}, {}, 0}, MinimalPage{QSizeF(500, 300), {}, {}, 0, true},
                      MinimalPage{QSizeF(600, 300), {}, {}, 0}, MinimalPage{QSizeF(700, 300), {}, {}, 0}});
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY2(deck, qPrintable(errorOf(deck)));
    const SlideDeck &d = **deck;
    QCOMPARE(d.pageCount(), 4);
    QCOMPARE(d.slideCount(), 4);
    QList<int> unreadable;
    for (int index = 0; index < d.pageCount(); ++index) {
        if (!d.page(index).readable)
            unreadable.append(index);
    }
    QCOMPARE(unreadable.size(), 1);
    const int bad = unreadable.constFirst();
    QCOMPARE(d.page(bad).label, QString::number(bad + 1));
    const int neighbour = bad > 0 ? bad - 1 : bad + 1;
    QCOMPARE(d.page(bad).sizePoints, d.page(neighbour).sizePoints);
    if (bad > 0)
        QCOMPARE(d.nextPage(bad - 1), bad); // still a stop in the navigation
    QCOMPARE(d.page(0).sizePoints, QSizeF(400, 300));
}

void TestSlideDeck::deckWhosePagesAreAllDamagedIsRefused()
{
    const QString path = writeMinimal(u"all-damaged.pdf"_s, {MinimalPage{QSizeF(400, 300), {}, {}, 0, true}});
    const OpenResult deck = SlideDeck::open(path);
    QVERIFY(!deck);
    QCOMPARE(deck.error().kind, DeckOpenError::Kind::Damaged);
    QVERIFY2(deck.error().message.contains(path), qPrintable(deck.error().message));
    QVERIFY2(deck.error().message.contains(u"none of its pages"_s), qPrintable(deck.error().message));
}

QTEST_MAIN(TestSlideDeck)
#include "tst_slidedeck.moc"
