#include "../slides/testpdf.h"
#include "export/eventexport.h"
#include "pdftools.h"
#include "samplerecord.h"

#include <QTemporaryDir>
#include <QtTest>

#include <poppler-qt6.h>

#include <memory>

using namespace Lectern;
using namespace LecternTest;
using namespace Qt::StringLiterals;

class TestHandout : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_firstDeck;  // labels 1, 2, 2, 3: slide 2 has two overlay steps, the second one larger
    QString m_secondDeck; // QPdfWriter pages showing their numbers 1, 2, 3 as text; no labels

    QByteArray handout(const EventRecord &record, const ExportOptions &options = {})
    {
        const Result<QByteArray> bytes = EventExport::render(record, ExportFormat::Handout, options);
        if (!bytes)
            qWarning("handout failed: %s", qPrintable(bytes.error()));
        return bytes.value_or(QByteArray());
    }

    struct Page
    {
        QString label;
        QSizeF size;
    };

    static QList<Page> pagesOf(const QString &path)
    {
        const std::unique_ptr<Poppler::Document> document = Poppler::Document::load(path);
        QList<Page> pages;
        for (int i = 0; document && i < document->numPages(); ++i) {
            const std::unique_ptr<Poppler::Page> page = document->page(i);
            pages.append({page->label(), page->pageSizeF()});
        }
        return pages;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_firstDeck = m_dir.filePath(u"uv-and-nix.pdf"_s);
        QVERIFY(writeFile(m_firstDeck, minimalPdf({{QSizeF(400, 300), u"1"_s, {}},
                                                   {QSizeF(400, 300), u"2"_s, {}},
                                                   {QSizeF(500, 375), u"2"_s, {}},
                                                   {QSizeF(400, 300), u"3"_s, {}}})));
        m_secondDeck = m_dir.filePath(u"typing.pdf"_s);
        QVERIFY(writeDeck(m_secondDeck, 3, QSizeF(640, 480)));
    }

    void resultsFollowTheLastOverlayStepOfTheirSlide()
    {
        const QString path = writePdf(m_dir, u"handout.pdf"_s, handout(sampleRecord(m_firstDeck, m_secondDeck)));
        const QStringList texts = pdfPageTexts(path);
        // Session 1: 4 deck pages + "uses-uv" after the second step of slide 2 + "useful" (no slide) at the end;
        // the draft "unused" is left out. Session 2: 3 deck pages + "one-word" after slide 2 + "live-1" (slide 9 is
        // not in the deck) at the end; the draft "next-topic" is left out.
        QCOMPARE(texts.size(), 6 + 5);
        const auto deckPage = [&](int index) { return texts.at(index).trimmed(); };
        for (const int index : {0, 1, 2, 4})
            QCOMPARE(deckPage(index), QString()); // the hand-written deck's pages have no text
        QVERIFY2(texts.at(3).contains(u"Do you use uv?"_s), qPrintable(texts.at(3)));
        QVERIFY2(texts.at(3).simplified().contains(u"Yes 6 (60%)"_s), qPrintable(texts.at(3)));
        QVERIFY2(texts.at(3).contains(u"Voters: 10"_s), qPrintable(texts.at(3)));
        QVERIFY2(texts.at(5).contains(u"How useful was this?"_s), qPrintable(texts.at(5)));
        QVERIFY2(texts.at(5).contains(u"Mean: 3.8"_s), qPrintable(texts.at(5)));
        QCOMPARE(deckPage(6), u"1"_s);
        QCOMPARE(deckPage(7), u"2"_s);
        QVERIFY2(texts.at(8).contains(u"Typing in one word?"_s), qPrintable(texts.at(8)));
        QVERIFY2(texts.at(8).simplified().contains(u"1. mypy 3"_s), qPrintable(texts.at(8)));
        QVERIFY(!texts.at(8).contains(u"=evil"_s));
        QCOMPARE(deckPage(9), u"3"_s);
        QVERIFY2(texts.at(10).contains(u"+ Any feedback?"_s), qPrintable(texts.at(10)));
        QVERIFY2(texts.at(10).contains(u"More examples, please"_s), qPrintable(texts.at(10)));
        const QString all = texts.join(u' ');
        QVERIFY(!all.contains(u"Never asked?"_s));
        QVERIFY(!all.contains(u"Next topic?"_s));
    }

    void resultsPagesTakeTheSizeOfTheDeckPageTheyFollow()
    {
        const QString path = writePdf(m_dir, u"sizes.pdf"_s, handout(sampleRecord(m_firstDeck, m_secondDeck)));
        const QList<Page> pages = pagesOf(path);
        QCOMPARE(pages.size(), 11);
        const QList<QSizeF> sizes = {QSizeF(400, 300), QSizeF(400, 300), QSizeF(500, 375), QSizeF(500, 375),
                                     QSizeF(400, 300), QSizeF(400, 300), QSizeF(640, 480), QSizeF(640, 480),
                                     QSizeF(640, 480), QSizeF(640, 480), QSizeF(640, 480)};
        for (qsizetype i = 0; i < pages.size(); ++i) {
            QVERIFY2(
                qAbs(pages.at(i).size.width() - sizes.at(i).width()) < 1 &&
                    qAbs(pages.at(i).size.height() - sizes.at(i).height()) < 1,
                qPrintable(
                    u"page %1: %2 x %3"_s.arg(i + 1).arg(pages.at(i).size.width()).arg(pages.at(i).size.height())));
        }
    }

    void pageLabelsAreKeptAndResultsPagesNamed()
    {
        const QString path = writePdf(m_dir, u"labels.pdf"_s, handout(sampleRecord(m_firstDeck, m_secondDeck)));
        QStringList labels;
        for (const Page &page : pagesOf(path))
            labels.append(page.label);
        QCOMPARE(labels, (QStringList{u"1"_s, u"2"_s, u"2"_s, u"2 results"_s, u"3"_s, u"results"_s, u"1"_s, u"2"_s,
                                      u"2 results"_s, u"3"_s, u"results"_s}));
    }

    void deckPagesStayVector()
    {
        const QString path = writePdf(m_dir, u"vector.pdf"_s, handout(sampleRecord(m_firstDeck, m_secondDeck)));
        // pdfimages lists a header of two lines and then one line per image: there is none.
        const QStringList images =
            QString::fromUtf8(runTool(u"pdfimages"_s, {u"-list"_s, path})).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(images.size(), 2);
    }

    void oneSessionGivesItsDeckAndResultsOnly()
    {
        ExportOptions options;
        options.sessionIndex = 1;
        const QString path =
            writePdf(m_dir, u"second.pdf"_s, handout(sampleRecord(m_firstDeck, m_secondDeck), options));
        const QStringList texts = pdfPageTexts(path);
        QCOMPARE(texts.size(), 5);
        QCOMPARE(texts.at(0).trimmed(), u"1"_s);
        QVERIFY(texts.at(2).contains(u"Typing in one word?"_s));
        QVERIFY(texts.at(4).contains(u"+ Any feedback?"_s));
    }

    void sessionWithoutDeckGetsItsResultsPagesAlone()
    {
        ExportOptions options;
        options.sessionIndex = 0;
        const QString path = writePdf(m_dir, u"nodeck.pdf"_s, handout(sampleRecord(QString()), options));
        const QStringList texts = pdfPageTexts(path);
        QCOMPARE(texts.size(), 2);
        QVERIFY(texts.at(0).contains(u"Do you use uv?"_s));
        QVERIFY(texts.at(1).contains(u"How useful was this?"_s));
    }

    void resultsPageFitsManyLongOptions()
    {
        EventRecord record = sampleRecord(m_firstDeck);
        record.sessions.removeLast();
        PollOutcome &poll = record.sessions[0].polls[0];
        poll.poll.options.clear();
        poll.results.counts.clear();
        for (int i = 1; i <= Poll::kMaxOptions; ++i) {
            const QString id = u"option-%1"_s.arg(i);
            poll.poll.options.append(
                {id, u"Option %1 with a label long enough to need two lines on a small page"_s.arg(i)});
            poll.results.counts.append({id, i});
        }
        const QString path = writePdf(m_dir, u"many.pdf"_s, handout(record));
        const QStringList texts = pdfPageTexts(path);
        QCOMPARE(texts.size(), 6);
        const QString results = texts.at(3).simplified();
        for (int i = 1; i <= Poll::kMaxOptions; ++i)
            QVERIFY2(results.contains(u"Option %1 with"_s.arg(i)), qPrintable(results));
        QVERIFY2(results.contains(u"12 (120%)"_s), qPrintable(results)); // 10 voters; counts made up
    }

    void sameRecordGivesTheSameBytes()
    {
        const QByteArray first = handout(sampleRecord(m_firstDeck, m_secondDeck));
        QVERIFY(!first.isEmpty());
        QCOMPARE(handout(sampleRecord(m_firstDeck, m_secondDeck)), first);
    }

    void missingDeckIsAnErrorNamingSessionAndFile()
    {
        const QString missing = m_dir.filePath(u"gone.pdf"_s);
        const Result<QByteArray> bytes =
            EventExport::render(sampleRecord(missing, m_secondDeck), ExportFormat::Handout, {});
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().contains(u"Session 1"_s) && bytes.error().contains(u"gone.pdf"_s),
                 qPrintable(bytes.error()));
    }

    void deckThatIsNotAPdfIsAnErrorNamingSessionAndFile()
    {
        const QString notPdf = m_dir.filePath(u"notes.pdf"_s);
        QVERIFY(writeFile(notPdf, "just some notes, not a PDF\n"));
        const Result<QByteArray> bytes =
            EventExport::render(sampleRecord(m_firstDeck, notPdf), ExportFormat::Handout, {});
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().contains(u"Session 2"_s) && bytes.error().contains(u"notes.pdf"_s),
                 qPrintable(bytes.error()));
    }

    void nothingToPutInIsAnError()
    {
        EventRecord record = sampleRecord(QString());
        record.sessions.removeLast();
        for (PollOutcome &poll : record.sessions[0].polls)
            poll.results.state = PollState::Draft;
        const Result<QByteArray> bytes = EventExport::render(record, ExportFormat::Handout, {});
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().contains(u"nothing to put in the handout"_s), qPrintable(bytes.error()));
    }
};

QTEST_MAIN(TestHandout)
#include "tst_handout.moc"
