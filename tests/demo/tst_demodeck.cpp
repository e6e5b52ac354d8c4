#include "demo/demodeck.h"
#include "event/eventsetup.h"
#include "model/eventfile.h"
#include "slides/slidedeck.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
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
#include <vector>

using namespace Qt::StringLiterals;
using namespace Lectern;

namespace {

const QStringList kDeckFiles{u"01-uv-and-nix.pdf"_s, u"02-type-hints.pdf"_s, u"03-hypothesis.pdf"_s,
                             u"04-shipping-python.pdf"_s};
const QStringList kTitles{u"Reproducible environments with uv and Nix"_s, u"Type hints that pay off"_s,
                          u"Property-based testing with Hypothesis"_s, u"Shipping Python: packaging and CI"_s};
const QStringList kSpeakers{u"Lena Fischer"_s, u"Jonas Berg"_s, u"Priya Raman"_s, u"Tomás Okafor"_s};

QString pdfpcPathOf(const QString &deckPath)
{
    const QFileInfo deck(deckPath);
    return deck.dir().filePath(deck.completeBaseName() + u".pdfpc"_s);
}

/**
 * The words of phrase appear in text in their order, other words allowed between them: text extraction may put
 * a word drawn beside a wrapped title (the talk's big number) between two of its lines.
 */
bool containsWordsInOrder(const QString &text, const QString &phrase)
{
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    qsizetype at = 0;
    for (const QString &word : phrase.split(u' ', Qt::SkipEmptyParts)) {
        while (at < words.size() && words.at(at) != word)
            ++at;
        if (at == words.size())
            return false;
        ++at;
    }
    return true;
}

} // namespace

class TestDemoDeck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void writesFourDecksWithSidecarsAndTheEventFile();
    void aDemoRunNowIsPlannedForNow();
    void eventFileNamesItsDecksByRelativePaths();
    void eventFileParsesAsTheMeetupEveningOfFourSessions();
    void everySessionIsFifteenPlusFiveMinutesWithThreeMinuteWarning();
    void everySessionListsHttpMaterials();
    void sessionsOneAndThreeOfferTheirDeckForDownload();
    void everySessionHasItsTalksPolls();
    void everyPollsSlideIsAPageLabelOfItsDeck_data();
    void everyPollsSlideIsAPageLabelOfItsDeck();
    void pollSlidesShowTheQuestionAndWhatPhonesOffer();
    void everyPageIsSixteenByNineAndDrawn_data() { perDeck(); }
    void everyPageIsSixteenByNineAndDrawn();
    void everyDeckHasATitleSlideWithItsTalkAndSpeaker_data() { perDeck(); }
    void everyDeckHasATitleSlideWithItsTalkAndSpeaker();
    void theFirstDeckOpensTheEveningWithTheHostAndTheAgenda();
    void everyDeckEndsWithQuestions_data() { perDeck(); }
    void everyDeckEndsWithQuestions();
    void sidecarsArePdfpcFormat2WithTheSessionsTiming_data() { perDeck(); }
    void sidecarsArePdfpcFormat2WithTheSessionsTiming();
    void sidecarsGiveEveryPageANote_data() { perDeck(); }
    void sidecarsGiveEveryPageANote();
    void sidecarsGroupOverlayStepsUnderOneLabel_data() { perDeck(); }
    void sidecarsGroupOverlayStepsUnderOneLabel();
    void onlyTheBackupSlideOfTheFirstDeckIsHidden();
    void notesKeepHtmlAsLiteralText();
    void slideDecksReadLabelsHiddenPagesAndNotesFromTheSidecars_data() { perDeck(); }
    void slideDecksReadLabelsHiddenPagesAndNotesFromTheSidecars();
    void writingTwiceReplacesTheEvening();
    void unwritableDirectoryGivesAnError();

private:
    static void perDeck();
    QJsonObject sidecar(int deck) const;
    QJsonArray sidecarPages(int deck) const { return sidecar(deck).value("pages"_L1).toArray(); }
    /**
     * The page's text with whitespace collapsed, since extraction may break lines anywhere a title wraps, and in
     * NFKC, since it gives ligatures as one character ("ﬀ").
     */
    QString pageText(int deck, int page) const;
    QString deckText(int deck) const;

    QTemporaryDir m_dir;
    QString m_eventPath;
    Event m_event;
    std::vector<std::unique_ptr<Poppler::Document>> m_documents;
    std::vector<std::shared_ptr<const SlideDeck>> m_decks;
};

void TestDemoDeck::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QElapsedTimer timer;
    timer.start();
    const Result<QString> written = DemoDeck::write(m_dir.path());
    const qint64 milliseconds = timer.elapsed();
    QVERIFY2(written.has_value(), qPrintable(written ? QString() : written.error()));
    qInfo("DemoDeck::write drew the four decks and wrote the event in %lld ms", milliseconds);
    m_eventPath = *written;

    const Result<Event> event = readEventFile(m_eventPath);
    QVERIFY2(event, qPrintable(event ? QString() : event.error()));
    m_event = *event;
    QCOMPARE(m_event.sessions.size(), 4);
    for (const Session &session : std::as_const(m_event.sessions)) {
        auto document = Poppler::Document::load(session.deckPath);
        QVERIFY2(document, qPrintable(session.deckPath));
        QVERIFY(!document->isLocked());
        m_documents.push_back(std::move(document));
        const auto deck = SlideDeck::open(session.deckPath);
        QVERIFY2(deck.has_value(), qPrintable(deck ? QString() : deck.error().message));
        m_decks.push_back(*deck);
    }
}

void TestDemoDeck::perDeck()
{
    QTest::addColumn<int>("deck");
    for (int i = 0; i < kDeckFiles.size(); ++i)
        QTest::newRow(qPrintable(kDeckFiles.at(i))) << i;
}

QJsonObject TestDemoDeck::sidecar(int deck) const
{
    QFile file(pdfpcPathOf(m_event.sessions.at(deck).deckPath));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString TestDemoDeck::pageText(int deck, int page) const
{
    const std::unique_ptr<Poppler::Page> pdfPage(m_documents.at(deck)->page(page));
    return pdfPage ? pdfPage->text(QRectF()).normalized(QString::NormalizationForm_KC).simplified() : QString();
}

QString TestDemoDeck::deckText(int deck) const
{
    QStringList pages;
    for (int i = 0; i < m_documents.at(deck)->numPages(); ++i)
        pages.append(pageText(deck, i));
    return pages.join(u' ');
}

void TestDemoDeck::writesFourDecksWithSidecarsAndTheEventFile()
{
    QCOMPARE(m_eventPath, QFileInfo(m_dir.filePath(u"robust-python-evening.lectern.json"_s)).absoluteFilePath());
    QVERIFY(QFile::exists(m_eventPath));
    for (int i = 0; i < kDeckFiles.size(); ++i) {
        const QString deckPath = m_dir.filePath(kDeckFiles.at(i));
        QCOMPARE(QFileInfo(m_event.sessions.at(i).deckPath).canonicalFilePath(),
                 QFileInfo(deckPath).canonicalFilePath());
        QFile pdf(deckPath);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5).startsWith("%PDF-"));
        QVERIFY2(QFile::exists(pdfpcPathOf(deckPath)), qPrintable(pdfpcPathOf(deckPath)));
    }
}

void TestDemoDeck::eventFileNamesItsDecksByRelativePaths()
{
    QFile file(m_eventPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray sessions = QJsonDocument::fromJson(file.readAll()).object().value("sessions"_L1).toArray();
    QCOMPARE(sessions.size(), kDeckFiles.size());
    for (int i = 0; i < kDeckFiles.size(); ++i)
        QCOMPARE(sessions.at(i).toObject().value("deck"_L1).toString(), kDeckFiles.at(i));
}

void TestDemoDeck::eventFileParsesAsTheMeetupEveningOfFourSessions()
{
    QFile file(m_eventPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Result<Event> event = EventFile::parse(file.readAll(), m_dir.path());
    QVERIFY2(event, qPrintable(event ? QString() : event.error()));
    QCOMPARE(*event, m_event);
    QCOMPARE(event->title, u"Robust Python evening"_s);
    QCOMPARE(event->date, QDate(2026, 11, 26));
    QCOMPARE(event->startTime, std::optional<QTime>(QTime(19, 0)));
    QCOMPARE(event->venue, u"Hackspace, room 2"_s);
    QCOMPARE(event->sessions.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(event->sessions.at(i).title, kTitles.at(i));
        QCOMPARE(event->sessions.at(i).speaker, kSpeakers.at(i));
    }
}

void TestDemoDeck::everySessionIsFifteenPlusFiveMinutesWithThreeMinuteWarning()
{
    for (const Session &session : std::as_const(m_event.sessions)) {
        QCOMPARE(session.timing.talkTime, std::chrono::seconds(std::chrono::minutes(15)));
        QCOMPARE(session.timing.qaTime, std::chrono::seconds(std::chrono::minutes(5)));
        QCOMPARE(session.timing.warningTime, std::chrono::seconds(std::chrono::minutes(3)));
        QVERIFY(!session.timing.talkEndsAt);
    }
}

void TestDemoDeck::everySessionListsHttpMaterials()
{
    for (const Session &session : std::as_const(m_event.sessions)) {
        QVERIFY2(!session.materials.isEmpty(), qPrintable(session.title));
        for (const Material &material : session.materials) {
            QVERIFY2(material.url.scheme() == u"https" || material.url.scheme() == u"http",
                     qPrintable(material.url.toString()));
            QVERIFY2(!material.url.host().isEmpty(), qPrintable(material.url.toString()));
            QVERIFY(!material.label.isEmpty());
        }
    }
    QCOMPARE(m_event.sessions.at(0).materials.at(0).url, QUrl(u"https://docs.astral.sh/uv/"_s));
    QCOMPARE(m_event.sessions.at(3).materials.at(0).url, QUrl(u"https://packaging.python.org/"_s));
}

void TestDemoDeck::sessionsOneAndThreeOfferTheirDeckForDownload()
{
    QList<bool> downloads;
    for (const Session &session : std::as_const(m_event.sessions))
        downloads.append(session.deckDownload);
    QCOMPARE(downloads, QList<bool>({true, false, true, false}));
}

void TestDemoDeck::everySessionHasItsTalksPolls()
{
    const QList<QStringList> expectedIds{
        {u"uses-uv"_s, u"nix"_s}, {u"python-robustness"_s}, {u"test-suite-word"_s}, {u"ci-runner"_s}};
    for (int i = 0; i < 4; ++i) {
        QStringList ids;
        for (const Poll &poll : m_event.sessions.at(i).polls)
            ids.append(poll.id);
        QCOMPARE(ids, expectedIds.at(i));
    }
    const Poll &uv = m_event.poll(*m_event.findPoll(u"uses-uv"_s));
    QCOMPARE(uv.question, u"Do you use uv?"_s);
    QCOMPARE(uv.kind, Poll::Kind::SingleChoice);
    QCOMPARE(uv.options.size(), 3);
    QCOMPARE(uv.onSlide, Poll::SlideAction::Open);
    QCOMPARE(uv.resultsVisibility, Poll::ResultsVisibility::AfterVoting);
    const Poll &nix = m_event.poll(*m_event.findPoll(u"nix"_s));
    QCOMPARE(nix.kind, Poll::Kind::SingleChoice);
    QCOMPARE(nix.onSlide, Poll::SlideAction::Offer);
    QCOMPARE(nix.resultsVisibility, Poll::ResultsVisibility::AfterReveal);
    QCOMPARE(m_event.poll(*m_event.findPoll(u"python-robustness"_s)).kind, Poll::Kind::Rating);
    QCOMPARE(m_event.poll(*m_event.findPoll(u"test-suite-word"_s)).kind, Poll::Kind::WordCloud);
    const Poll &ci = m_event.poll(*m_event.findPoll(u"ci-runner"_s));
    QCOMPARE(ci.kind, Poll::Kind::MultipleChoice);
    QCOMPARE(ci.question, u"What runs your CI?"_s);
}

void TestDemoDeck::everyPollsSlideIsAPageLabelOfItsDeck_data()
{
    QTest::addColumn<QString>("pollId");
    QTest::addColumn<QString>("onTheSlide");
    QTest::newRow("uses-uv") << u"uses-uv"_s << u"Do you use uv?"_s;
    QTest::newRow("nix") << u"nix"_s << u"Nix: the layer below Python"_s;
    QTest::newRow("python-robustness") << u"python-robustness"_s << u"How robust is your Python today?"_s;
    QTest::newRow("test-suite-word") << u"test-suite-word"_s << u"One word for your test suite"_s;
    QTest::newRow("ci-runner") << u"ci-runner"_s << u"What runs your CI?"_s;
}

void TestDemoDeck::everyPollsSlideIsAPageLabelOfItsDeck()
{
    QFETCH(QString, pollId);
    QFETCH(QString, onTheSlide);
    const auto location = m_event.findPoll(pollId);
    QVERIFY(location);
    const Poll &poll = m_event.poll(*location);
    QVERIFY(!poll.slideLabel.isEmpty());
    const int page = m_decks.at(location->sessionIndex)->pageWithLabel(poll.slideLabel);
    QVERIFY2(page >= 0, qPrintable(poll.slideLabel));
    QVERIFY2(pageText(location->sessionIndex, page).contains(onTheSlide),
             qPrintable(pageText(location->sessionIndex, page)));

    // Every poll of every session is covered by a row of this table.
    int polls = 0;
    for (const Session &session : std::as_const(m_event.sessions))
        polls += int(session.polls.size());
    QCOMPARE(polls, 5);
}

void TestDemoDeck::pollSlidesShowTheQuestionAndWhatPhonesOffer()
{
    const auto textOfPollSlide = [this](const QString &pollId) {
        const PollLocation location = *m_event.findPoll(pollId);
        const int page = m_decks.at(location.sessionIndex)->pageWithLabel(m_event.poll(location).slideLabel);
        return pageText(location.sessionIndex, page);
    };
    for (const QString &id : {u"uses-uv"_s, u"ci-runner"_s}) {
        const QString text = textOfPollSlide(id);
        for (const PollOption &option : m_event.poll(*m_event.findPoll(id)).options)
            QVERIFY2(text.contains(option.label), qPrintable(id + u": "_s + option.label));
    }
    QVERIFY(textOfPollSlide(u"uses-uv"_s).contains(u"Choose one"_s));
    QVERIFY(textOfPollSlide(u"ci-runner"_s).contains(u"Choose all that apply"_s));

    const QString rating = textOfPollSlide(u"python-robustness"_s);
    for (const QString &expected : {u"held together by hope"_s, u"typed, tested, pinned"_s, u"1 2 3 4 5"_s})
        QVERIFY2(rating.contains(expected), qPrintable(rating));
    QVERIFY(textOfPollSlide(u"test-suite-word"_s).contains(u"word cloud"_s));
    QVERIFY(textOfPollSlide(u"test-suite-word"_s).contains(u"Answer on your phone"_s));
}

void TestDemoDeck::everyPageIsSixteenByNineAndDrawn()
{
    QFETCH(int, deck);
    const Poppler::Document &document = *m_documents.at(deck);
    QVERIFY(document.numPages() >= 7);
    for (int i = 0; i < document.numPages(); ++i) {
        const std::unique_ptr<Poppler::Page> page(document.page(i));
        QVERIFY(page);
        const QSizeF size = page->pageSizeF();
        QVERIFY2(qAbs(size.width() / size.height() - 16.0 / 9.0) < 0.01,
                 qPrintable(u"page %1 is %2 x %3"_s.arg(i).arg(size.width()).arg(size.height())));
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

void TestDemoDeck::everyDeckHasATitleSlideWithItsTalkAndSpeaker()
{
    QFETCH(int, deck);
    const QString talk = u"Talk %1 · 15 min + 5 min Q&A"_s.arg(deck + 1);
    bool found = false;
    for (int i = 0; i < m_documents.at(deck)->numPages() && !found; ++i) {
        const QString text = pageText(deck, i);
        found =
            text.contains(talk) && containsWordsInOrder(text, kTitles.at(deck)) && text.contains(kSpeakers.at(deck));
    }
    QVERIFY2(found, qPrintable(deckText(deck)));
}

void TestDemoDeck::theFirstDeckOpensTheEveningWithTheHostAndTheAgenda()
{
    const QString opening = pageText(0, 0);
    QVERIFY2(opening.contains(u"Robust Python evening"_s), qPrintable(opening));
    QVERIFY(opening.contains(u"Hosted by Aiko Tanabe"_s));

    // The agenda is the event's: every session at its planned start, back to back from 19:00, then the end.
    const QString agenda = pageText(0, m_decks.at(0)->pageWithLabel(u"2"_s));
    const QStringList starts{u"19:00"_s, u"19:20"_s, u"19:40"_s, u"20:00"_s, u"20:20"_s};
    for (const QString &start : starts)
        QVERIFY2(agenda.contains(start), qPrintable(start + u" in "_s + agenda));
    for (int i = 0; i < 4; ++i) {
        QVERIFY2(agenda.contains(kTitles.at(i)), qPrintable(kTitles.at(i)));
        QVERIFY2(agenda.contains(kSpeakers.at(i)), qPrintable(kSpeakers.at(i)));
    }
}

void TestDemoDeck::everyDeckEndsWithQuestions()
{
    QFETCH(int, deck);
    const QString last = pageText(deck, m_decks.at(deck)->lastVisiblePage());
    QVERIFY2(last.contains(u"Questions?"_s), qPrintable(last));
    QVERIFY2(last.contains(kSpeakers.at(deck)), qPrintable(last));
}

void TestDemoDeck::sidecarsArePdfpcFormat2WithTheSessionsTiming()
{
    QFETCH(int, deck);
    const QJsonObject root = sidecar(deck);
    QVERIFY(!root.isEmpty());
    QCOMPARE(root.value("pdfpcFormat"_L1).toInt(), 2);
    QCOMPARE(root.value("duration"_L1).toInt(), 15);
    QCOMPARE(root.value("lastMinutes"_L1).toInt(), 3);
    QCOMPARE(sidecarPages(deck).size(), qsizetype(m_documents.at(deck)->numPages()));
}

void TestDemoDeck::sidecarsGiveEveryPageANote()
{
    QFETCH(int, deck);
    const QJsonArray pages = sidecarPages(deck);
    QVERIFY(!pages.isEmpty());
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const QJsonObject page = pages.at(i).toObject();
        QCOMPARE(page.value("idx"_L1).toInt(-1), int(i));
        QVERIFY2(!page.value("label"_L1).toString().isEmpty(), qPrintable(QString::number(i)));
        QVERIFY2(!page.value("note"_L1).toString().trimmed().isEmpty(), qPrintable(QString::number(i)));
    }
}

void TestDemoDeck::sidecarsGroupOverlayStepsUnderOneLabel()
{
    QFETCH(int, deck);
    const QJsonArray pages = sidecarPages(deck);
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

void TestDemoDeck::onlyTheBackupSlideOfTheFirstDeckIsHidden()
{
    for (int deck = 0; deck < 4; ++deck) {
        int hidden = 0;
        for (const QJsonValue &page : sidecarPages(deck))
            hidden += page.toObject().value("hidden"_L1).toBool() ? 1 : 0;
        QCOMPARE(hidden, deck == 0 ? 1 : 0);
    }
    QVERIFY(sidecarPages(0).last().toObject().value("hidden"_L1).toBool());
    const int lastPage = m_documents.at(0)->numPages() - 1;
    QVERIFY(pageText(0, lastPage).contains(u"Backup"_s));
}

void TestDemoDeck::notesKeepHtmlAsLiteralText()
{
    bool found = false;
    bool markdown = false;
    for (int deck = 0; deck < 4; ++deck) {
        for (const QJsonValue &page : sidecarPages(deck)) {
            const QString note = page.toObject().value("note"_L1).toString();
            found = found || note.contains(u"<b>not html</b>"_s);
            markdown = markdown || (note.contains(u"**"_s) && note.contains(u"\n- "_s));
        }
    }
    QVERIFY(found);
    QVERIFY(markdown);
}

void TestDemoDeck::slideDecksReadLabelsHiddenPagesAndNotesFromTheSidecars()
{
    QFETCH(int, deck);
    const SlideDeck &slides = *m_decks.at(deck);
    QVERIFY(slides.pdfpcWarning().isEmpty());
    QCOMPARE(slides.pageCount(), m_documents.at(deck)->numPages());
    QVERIFY(slides.slideCount() >= 6);
    QVERIFY(slides.slideCount() < slides.pageCount());

    const QJsonArray pages = sidecarPages(deck);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const QJsonObject page = pages.at(i).toObject();
        QCOMPARE(slides.page(int(i)).label, page.value("label"_L1).toString());
        QCOMPARE(slides.page(int(i)).hidden, page.value("hidden"_L1).toBool());
        QVERIFY(slides.page(int(i)).notes.contains(page.value("note"_L1).toString().left(20)));
    }
    // Only the first deck ends with a hidden backup slide: the last slide the speaker reaches is "Questions?".
    QCOMPARE(slides.lastVisiblePage(), slides.pageCount() - (deck == 0 ? 2 : 1));
}

void TestDemoDeck::writingTwiceReplacesTheEvening()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result<QString> first = DemoDeck::write(dir.path());
    QVERIFY(first);
    const Result<QString> second = DemoDeck::write(dir.path());
    QVERIFY(second);
    QCOMPARE(*second, *first);
    const Result<Event> event = readEventFile(*second);
    QVERIFY(event);
    QCOMPARE(event->sessions.size(), 4);
    for (int i = 0; i < 4; ++i) {
        const std::unique_ptr<Poppler::Document> document = Poppler::Document::load(event->sessions.at(i).deckPath);
        QVERIFY(document);
        QCOMPARE(document->numPages(), m_documents.at(i)->numPages());
    }
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
    QVERIFY(!QFile::exists(regularFile + u"/demo/robust-python-evening.lectern.json"_s));
    QVERIFY(!QFile::exists(regularFile + u"/demo/01-uv-and-nix.pdf"_s));
}

void TestDemoDeck::aDemoRunNowIsPlannedForNow()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result<QString> written = DemoDeck::write(dir.path(), QDateTime(QDate(2027, 3, 4), QTime(18, 7, 42)));
    QVERIFY(written);
    const Result<Event> event = readEventFile(*written);
    QVERIFY(event);
    QCOMPARE(event->date, QDate(2027, 3, 4));
    QCOMPARE(event->startTime, std::optional<QTime>(QTime(18, 5)));
    QCOMPARE(event->sessions.size(), 4);
}

QTEST_MAIN(TestDemoDeck)
#include "tst_demodeck.moc"
