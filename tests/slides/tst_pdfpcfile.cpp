#include "slides/pdfpcfile.h"

#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

// QVERIFY2 evaluates its message even when the check passes, and error() is only valid on a failure.
QString errorOf(const Result<PdfpcFile> &result)
{
    return result ? QString() : result.error();
}

} // namespace

class TestPdfpcFile : public QObject
{
    Q_OBJECT

private slots:
    void parsesFormat2Fields();
    void pagesAreKeyedByIndex();
    void readsTheShapePdfpcWrites();
    void overlayAcceptsNumbersAndBooleans_data();
    void overlayAcceptsNumbersAndBooleans();
    void notesKeepHtmlAndMarkdownVerbatim();
    void fieldsWithWrongTypesAreIgnored_data();
    void fieldsWithWrongTypesAreIgnored();
    void malformedJsonNamesTheLine_data();
    void malformedJsonNamesTheLine();
    void sidecarPathReplacesThePdfSuffix_data();
    void sidecarPathReplacesThePdfSuffix();
};

void TestPdfpcFile::parsesFormat2Fields()
{
    const QByteArray json = R"({
        "pdfpcFormat": 2, "disableMarkdown": false, "noteFontSize": 20, "savedSlide": 3,
        "duration": 20, "startTime": "19:05", "endTime": "9:40", "lastMinutes": 4, "endSlide": 12,
        "pages": []
    })";
    const Result<PdfpcFile> file = PdfpcFile::parse(json);
    QVERIFY2(file, qPrintable(errorOf(file)));
    QCOMPARE(file->durationMinutes.value_or(-1), 20);
    QCOMPARE(file->startTime.value_or(QTime()), QTime(19, 5));
    QCOMPARE(file->endTime.value_or(QTime()), QTime(9, 40));
    QCOMPARE(file->lastMinutes.value_or(-1), 4);
    QCOMPARE(file->endSlide.value_or(-1), 12);
    QVERIFY(file->pages.isEmpty());
    QVERIFY(!file->disableMarkdown);
}

void TestPdfpcFile::pagesAreKeyedByIndex()
{
    const QByteArray json = R"({"pdfpcFormat": 2, "pages": [
        {"idx": 0, "label": "1", "overlay": 0, "note": "Welcome"},
        {"idx": 2, "label": "2", "overlay": true, "forcedOverlay": true, "hidden": true},
        {"idx": 5, "label": 7},
        {"label": "no index"},
        "not an object"
    ]})";
    const Result<PdfpcFile> file = PdfpcFile::parse(json);
    QVERIFY2(file, qPrintable(errorOf(file)));
    QCOMPARE(file->pages.size(), 3);
    QCOMPARE(file->pages.value(0).note, u"Welcome"_s);
    QCOMPARE(file->pages.value(0).overlay, 0);
    QVERIFY(!file->pages.value(0).isOverlayStep());
    QCOMPARE(file->pages.value(2).index, 2);
    QCOMPARE(file->pages.value(2).label, u"2"_s);
    QVERIFY(file->pages.value(2).isOverlayStep());
    QVERIFY(file->pages.value(2).forcedOverlay);
    QCOMPARE(file->pages.value(2).hidden, true);
    QCOMPARE(file->pages.value(5).label, u"7"_s);
    QVERIFY(!file->durationMinutes);
}

void TestPdfpcFile::readsTheShapePdfpcWrites()
{
    // As pdfpc 4.5+ saves it: overlay is the step number within the slide, forcedOverlay marks a page the user
    // made an overlay of the previous one.
    const QByteArray json = R"({"pdfpcFormat":2,"duration":20,"startTime":"18:30","endSlide":3,"disableMarkdown":true,
        "pages":[{"idx":0,"label":"1","overlay":0,"forcedOverlay":false,"hidden":false,"note":"a"},
                 {"idx":1,"label":"2","overlay":0,"forcedOverlay":false,"hidden":false},
                 {"idx":2,"label":"2","overlay":1,"forcedOverlay":false,"hidden":false,"note":"c"},
                 {"idx":3,"label":"2","overlay":2,"forcedOverlay":true,"hidden":true}]})";
    const Result<PdfpcFile> file = PdfpcFile::parse(json);
    QVERIFY2(file, qPrintable(errorOf(file)));
    QVERIFY(file->disableMarkdown);
    QCOMPARE(file->durationMinutes.value_or(-1), 20);
    QCOMPARE(file->startTime.value_or(QTime()), QTime(18, 30));
    QCOMPARE(file->endSlide.value_or(-1), 3);
    QCOMPARE(file->pages.size(), 4);
    QCOMPARE(file->pages.value(0).overlay, 0);
    QVERIFY(!file->pages.value(0).isOverlayStep());
    QVERIFY(!file->pages.value(1).isOverlayStep());
    QCOMPARE(file->pages.value(2).overlay, 1);
    QVERIFY(file->pages.value(2).isOverlayStep());
    QCOMPARE(file->pages.value(2).note, u"c"_s);
    QCOMPARE(file->pages.value(3).overlay, 2);
    QVERIFY(file->pages.value(3).forcedOverlay);
    QVERIFY(file->pages.value(3).hidden);
}

void TestPdfpcFile::overlayAcceptsNumbersAndBooleans_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<int>("overlay");
    QTest::addColumn<bool>("isOverlayStep");
    QTest::newRow("step 0") << QByteArray(R"("overlay": 0)") << 0 << false;
    QTest::newRow("step 3") << QByteArray(R"("overlay": 3)") << 3 << true;
    QTest::newRow("true") << QByteArray(R"("overlay": true)") << 1 << true;
    QTest::newRow("false") << QByteArray(R"("overlay": false)") << 0 << false;
    QTest::newRow("absent") << QByteArray(R"("hidden": false)") << 0 << false;
    QTest::newRow("forced, step 0") << QByteArray(R"("overlay": 0, "forcedOverlay": true)") << 0 << true;
    QTest::newRow("negative") << QByteArray(R"("overlay": -2)") << 0 << false;
    QTest::newRow("text") << QByteArray(R"("overlay": "1")") << 0 << false;
}

void TestPdfpcFile::overlayAcceptsNumbersAndBooleans()
{
    QFETCH(QByteArray, entry);
    QFETCH(int, overlay);
    QFETCH(bool, isOverlayStep);
    const Result<PdfpcFile> file = PdfpcFile::parse(R"({"pages": [{"idx": 4, )" + entry + "}]}");
    QVERIFY2(file, qPrintable(errorOf(file)));
    QCOMPARE(file->pages.value(4).overlay, overlay);
    QCOMPARE(file->pages.value(4).isOverlayStep(), isOverlayStep);
}

void TestPdfpcFile::notesKeepHtmlAndMarkdownVerbatim()
{
    const QByteArray json =
        R"({"pages": [{"idx": 1, "note": "<b>bold?</b> <script>alert(1)</script>\n\n* **real** markdown"}]})";
    const Result<PdfpcFile> file = PdfpcFile::parse(json);
    QVERIFY2(file, qPrintable(errorOf(file)));
    QCOMPARE(file->pages.value(1).note, u"<b>bold?</b> <script>alert(1)</script>\n\n* **real** markdown"_s);
}

void TestPdfpcFile::fieldsWithWrongTypesAreIgnored_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("duration as text") << QByteArray(R"({"duration": "20"})");
    QTest::newRow("duration fractional") << QByteArray(R"({"duration": 2.5})");
    QTest::newRow("duration negative") << QByteArray(R"({"duration": -5})");
    // Found by fuzzing: a number beyond qint64 was converted before its range was checked (undefined behaviour).
    QTest::newRow("duration beyond any integer") << QByteArray(R"({"duration": 1e300})");
    QTest::newRow("endSlide below any integer") << QByteArray(R"({"endSlide": -1e300})");
    QTest::newRow("page index beyond any integer") << QByteArray(R"({"pages": [{"idx": 1e19}]})");
    QTest::newRow("end time not HH:MM") << QByteArray(R"({"endTime": "soon"})");
    QTest::newRow("end time out of range") << QByteArray(R"({"endTime": "25:00"})");
    QTest::newRow("start time a number") << QByteArray(R"({"startTime": 1900})");
    QTest::newRow("endSlide zero") << QByteArray(R"({"endSlide": 0})");
    QTest::newRow("pages an object") << QByteArray(R"({"pages": {"idx": 0}})");
    QTest::newRow("unknown fields only") << QByteArray(R"({"someFutureField": [1, 2, 3]})");
}

void TestPdfpcFile::fieldsWithWrongTypesAreIgnored()
{
    QFETCH(QByteArray, json);
    const Result<PdfpcFile> file = PdfpcFile::parse(json);
    QVERIFY2(file, qPrintable(errorOf(file)));
    QVERIFY(!file->durationMinutes);
    QVERIFY(!file->startTime);
    QVERIFY(!file->endTime);
    QVERIFY(!file->endSlide);
    QVERIFY(file->pages.isEmpty());
}

void TestPdfpcFile::malformedJsonNamesTheLine_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing comma") << QByteArray("{\n  \"duration\": 20\n  \"endTime\": \"21:00\"\n}") << u"line 3"_s;
    QTest::newRow("truncated") << QByteArray("{\"pages\": [") << u"line 1"_s;
    QTest::newRow("empty") << QByteArray() << u"line 1"_s;
    QTest::newRow("old text format") << QByteArray("[duration]\n20\n") << u"line"_s;
    QTest::newRow("array at top") << QByteArray("[]") << u"not an object"_s;
}

void TestPdfpcFile::malformedJsonNamesTheLine()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const Result<PdfpcFile> file = PdfpcFile::parse(json);
    QVERIFY(!file);
    QVERIFY2(file.error().contains(expected), qPrintable(file.error()));
}

void TestPdfpcFile::sidecarPathReplacesThePdfSuffix_data()
{
    QTest::addColumn<QString>("deck");
    QTest::addColumn<QString>("sidecar");
    QTest::newRow("pdf") << u"/talks/intro.pdf"_s << u"/talks/intro.pdfpc"_s;
    QTest::newRow("upper case") << u"/talks/INTRO.PDF"_s << u"/talks/INTRO.pdfpc"_s;
    QTest::newRow("dots in name") << u"/talks/v1.2.final.pdf"_s << u"/talks/v1.2.final.pdfpc"_s;
    QTest::newRow("no suffix") << u"/talks/intro"_s << u"/talks/intro.pdfpc"_s;
}

void TestPdfpcFile::sidecarPathReplacesThePdfSuffix()
{
    QFETCH(QString, deck);
    QFETCH(QString, sidecar);
    QCOMPARE(PdfpcFile::sidecarPath(deck), sidecar);
}

QTEST_GUILESS_MAIN(TestPdfpcFile)
#include "tst_pdfpcfile.moc"
