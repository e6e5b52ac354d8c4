#include "export/csvexport.h"
#include "export/eventexport.h"
#include "pdftools.h"
#include "samplerecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Lectern;
using namespace LecternTest;
using namespace Qt::StringLiterals;

namespace {

QByteArray rendered(const EventRecord &record, ExportFormat format, const ExportOptions &options = {})
{
    const Result<QByteArray> bytes = EventExport::render(record, format, options);
    if (!bytes)
        qWarning("render failed: %s", qPrintable(bytes.error()));
    return bytes.value_or(QByteArray());
}

/** The CSV's rows (without the byte order mark), split at the CRLFs that end them. */
QStringList csvLines(const QByteArray &csv)
{
    QString text = QString::fromUtf8(csv);
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    QStringList lines = text.split(u"\r\n"_s);
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

const QString kHeader = u"record,session,session_title,poll_id,poll_question,poll_kind,poll_state,option_id,"
                        "option_label,count,voters,question_id,question_text,asker,votes,question_state,asked_at,"
                        "pinned_at,answered_at,merged_into"_s;
const QString kFirst = u"1,\"Packaging, with \"\"uv\"\"\""_s;
const QString kSecond = u"2,Typing in practice"_s;

QStringList expectedFirstSessionRows(bool names)
{
    const QString mallory = names ? u"'@mallory"_s : QString();
    const QString taro = names ? u"太郎"_s : QString();
    const QString troll = names ? u"Troll"_s : QString();
    return {
        u"poll,"_s + kFirst + u",uses-uv,Do you use uv?,single,closed,yes,Yes,6,10,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",uses-uv,Do you use uv?,single,closed,no,No,3,10,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",uses-uv,Do you use uv?,single,closed,what-is-uv,What is uv?,1,10,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",useful,How useful was this?,rating,closed,1,1,0,4,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",useful,How useful was this?,rating,closed,2,2,1,4,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",useful,How useful was this?,rating,closed,3,3,0,4,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",useful,How useful was this?,rating,closed,4,4,2,4,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",useful,How useful was this?,rating,closed,5,5,1,4,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",unused,Never asked?,single,draft,a,A,0,0,,,,,,,,,"_s,
        u"poll,"_s + kFirst + u",unused,Never asked?,single,draft,b,B,0,0,,,,,,,,,"_s,
        u"question,"_s + kFirst + u",,,,,,,,,1,\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\n<script>alert(1)</script>\","_s +
            mallory + u",5,shown,2026-11-26T19:10:00Z,,,"_s,
        u"question,"_s + kFirst + u",,,,,,,,,2,型ヒントは実行時に使えますか？,"_s + taro +
            u",7,answered,2026-11-26T19:11:00Z,2026-11-26T19:16:00Z,2026-11-26T19:18:00Z,"_s,
        u"question,"_s + kFirst + u",,,,,,,,,3,Is uv fast?,,0,merged,2026-11-26T19:12:00Z,,,2"_s,
        u"question,"_s + kFirst + u",,,,,,,,,4,Buy cheap watches,"_s + troll + u",0,hidden,2026-11-26T19:13:00Z,,,"_s,
    };
}

QStringList expectedSecondSessionRows()
{
    return {
        u"poll,"_s + kSecond + u",one-word,Typing in one word?,wordcloud,open,,mypy,3,5,,,,,,,,,"_s,
        u"poll,"_s + kSecond + u",one-word,Typing in one word?,wordcloud,open,,'-verbose,1,5,,,,,,,,,"_s,
        u"poll,"_s + kSecond + u",next-topic,Next topic?,wordcloud,draft,,,,0,,,,,,,,,"_s,
        u"poll,"_s + kSecond + u",live-1,'+ Any feedback?,open,closed,,\"More examples, please\",1,1,,,,,,,,,"_s,
        u"question,"_s + kSecond + u",,,,,,,,,5,What about pyright?,,2,unanswered,2026-11-26T19:31:00Z,,,"_s,
    };
}

QByteArray csvOf(const QStringList &rows)
{
    return (QString(QChar(0xfeff)) + kHeader + u"\r\n"_s + rows.join(u"\r\n"_s) + u"\r\n"_s).toUtf8();
}

} // namespace

class TestEventExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void formatsHaveNamesSuffixesAndTypes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<ExportFormat>("format");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("mimeType");
        QTest::newRow("csv") << u"csv"_s << ExportFormat::Csv << u"csv"_s << QByteArray("text/csv; charset=utf-8");
        QTest::newRow("json") << u"json"_s << ExportFormat::Json << u"json"_s << QByteArray("application/json");
        QTest::newRow("pdf") << u"pdf"_s << ExportFormat::PdfReport << u"pdf"_s << QByteArray("application/pdf");
        QTest::newRow("handout") << u"handout"_s << ExportFormat::Handout << u"pdf"_s << QByteArray("application/pdf");
    }

    void formatsHaveNamesSuffixesAndTypes()
    {
        QFETCH(QString, name);
        QFETCH(ExportFormat, format);
        QFETCH(QString, suffix);
        QFETCH(QByteArray, mimeType);
        QCOMPARE(EventExport::parseFormat(name), format);
        QCOMPARE(EventExport::parseFormat(name.toUpper()), format);
        QCOMPARE(EventExport::formatName(format), name);
        QCOMPARE(EventExport::fileSuffix(format), suffix);
        QCOMPARE(EventExport::mimeType(format), mimeType);
    }

    void unknownFormatIsRefusedListingTheKnownOnes()
    {
        const Result<ExportFormat> format = EventExport::parseFormat(u"xlsx"_s);
        QVERIFY(!format);
        QVERIFY2(format.error().contains(u"xlsx"_s) && format.error().contains(u"csv, json, pdf or handout"_s),
                 qPrintable(format.error()));
    }

    void suggestedFileNameIsMadeOfTheTitle_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<ExportFormat>("format");
        QTest::addColumn<int>("session");
        QTest::addColumn<QString>("expected");
        QTest::newRow("csv") << u"Robust Python evening"_s << ExportFormat::Csv << -1
                             << u"robust-python-evening-results.csv"_s;
        QTest::newRow("json") << u"Robust Python evening"_s << ExportFormat::Json << -1
                              << u"robust-python-evening-results.json"_s;
        QTest::newRow("report") << u"Robust Python evening"_s << ExportFormat::PdfReport << -1
                                << u"robust-python-evening-report.pdf"_s;
        QTest::newRow("handout of session 2") << u"Robust Python evening"_s << ExportFormat::Handout << 1
                                              << u"robust-python-evening-handout-session-2.pdf"_s;
        QTest::newRow("accents and punctuation")
            << u"  Café: «Typing»!  "_s << ExportFormat::Csv << -1 << u"cafe-typing-results.csv"_s;
        QTest::newRow("path characters") << u"../../etc/passwd"_s << ExportFormat::Json << -1
                                         << u"etc-passwd-results.json"_s;
        QTest::newRow("Japanese only") << u"型ヒントの夕べ"_s << ExportFormat::Csv << -1 << u"event-results.csv"_s;
    }

    void suggestedFileNameIsMadeOfTheTitle()
    {
        QFETCH(QString, title);
        QFETCH(ExportFormat, format);
        QFETCH(int, session);
        QFETCH(QString, expected);
        Event event;
        event.title = title;
        ExportOptions options;
        if (session >= 0)
            options.sessionIndex = session;
        QCOMPARE(EventExport::suggestedFileName(event, format, options), expected);
    }

    void csvIsTheExpectedTable()
    {
        const QByteArray csv = rendered(sampleRecord(), ExportFormat::Csv);
        QVERIFY(csv.startsWith("\xef\xbb\xbf"));
        QCOMPARE(csvLines(csv).value(0), kHeader);
        QCOMPARE(QString::fromUtf8(csv),
                 QString::fromUtf8(csvOf(expectedFirstSessionRows(true) + expectedSecondSessionRows())));
    }

    void csvHeaderNamesTheColumns() { QCOMPARE(CsvExport::columns().join(u','), kHeader); }

    void csvWithoutNamesLeavesTheAskerColumnEmpty()
    {
        ExportOptions options;
        options.includeNames = false;
        const QByteArray csv = rendered(sampleRecord(), ExportFormat::Csv, options);
        QCOMPARE(QString::fromUtf8(csv),
                 QString::fromUtf8(csvOf(expectedFirstSessionRows(false) + expectedSecondSessionRows())));
        for (const QString &name : {u"mallory"_s, u"太郎"_s, u"Troll"_s})
            QVERIFY2(!QString::fromUtf8(csv).contains(name), qPrintable(name));
    }

    void csvOfOneSessionHasOnlyItsRows()
    {
        ExportOptions options;
        options.sessionIndex = 1;
        QCOMPARE(QString::fromUtf8(rendered(sampleRecord(), ExportFormat::Csv, options)),
                 QString::fromUtf8(csvOf(expectedSecondSessionRows())));
    }

    void csvCellIsNeutralisedAndQuoted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << u"Yes"_s << u"Yes"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("equals") << u"=1+1"_s << u"'=1+1"_s;
        QTest::newRow("plus") << u"+49 30"_s << u"'+49 30"_s;
        QTest::newRow("minus") << u"-2"_s << u"'-2"_s;
        QTest::newRow("at") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
        QTest::newRow("tab") << u"\t=1"_s << u"'\t=1"_s;
        QTest::newRow("carriage return") << u"\r=1"_s << u"\"'\r=1\""_s;
        QTest::newRow("inner equals") << u"a=b"_s << u"a=b"_s;
        QTest::newRow("comma") << u"a, b"_s << u"\"a, b\""_s;
        QTest::newRow("quotes") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::newRow("line break") << u"one\ntwo"_s << u"\"one\ntwo\""_s;
        QTest::newRow("formula with comma")
            << u"=HYPERLINK(\"x\",\"y\")"_s << u"\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""_s;
        QTest::newRow("markup") << u"<b>hi</b>"_s << u"<b>hi</b>"_s;
    }

    void csvCellIsNeutralisedAndQuoted()
    {
        QFETCH(QString, text);
        QFETCH(QString, cell);
        QCOMPARE(CsvExport::cell(text), cell);
    }

    void jsonIsTheExpectedDocument()
    {
        const QByteArray json = rendered(sampleRecord(), ExportFormat::Json);
        QCOMPARE(QString::fromUtf8(json), QString::fromUtf8(kExpectedJson));
    }

    void jsonWithoutNamesHasNoAsker()
    {
        ExportOptions options;
        options.includeNames = false;
        const QByteArray json = rendered(sampleRecord(), ExportFormat::Json, options);
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root.value(u"namesIncluded"_s), QJsonValue(false));
        int questions = 0;
        for (const QJsonValue session : root.value(u"sessions"_s).toArray()) {
            for (const QJsonValue question : session[u"questions"_s].toArray()) {
                QVERIFY(!question.toObject().contains(u"asker"_s));
                ++questions;
            }
        }
        QCOMPARE(questions, 5);
        for (const QString &name : {u"mallory"_s, u"太郎"_s, u"Troll"_s})
            QVERIFY2(!QString::fromUtf8(json).contains(name), qPrintable(name));
    }

    void jsonOfOneSessionHasOnlyIt()
    {
        ExportOptions options;
        options.sessionIndex = 0;
        const QJsonObject root =
            QJsonDocument::fromJson(rendered(sampleRecord(), ExportFormat::Json, options)).object();
        const QJsonArray sessions = root.value(u"sessions"_s).toArray();
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.at(0)[u"index"_s], QJsonValue(0));
        QCOMPARE(sessions.at(0)[u"title"_s], QJsonValue(u"Packaging, with \"uv\""_s));
        const QJsonObject expected = QJsonDocument::fromJson(kExpectedJson).object();
        QCOMPARE(sessions.at(0), expected.value(u"sessions"_s).toArray().at(0));
    }

    void deviceTokensAreNeverExported()
    {
        EventRecord record = sampleRecord();
        record.sessions[0].questions[0].question.deviceToken = u"device-token-secret"_s;
        for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Json}) {
            const QByteArray bytes = rendered(record, format);
            QVERIFY(!bytes.isEmpty());
            QVERIFY(!bytes.contains("device-token-secret"));
        }
        const QString report = writePdf(m_dir, u"tokens.pdf"_s, rendered(record, ExportFormat::PdfReport));
        QVERIFY(!pdfText(report).contains(u"device-token-secret"_s));
    }

    void unknownSessionIsAnError()
    {
        ExportOptions options;
        options.sessionIndex = 2;
        for (const ExportFormat format :
             {ExportFormat::Csv, ExportFormat::Json, ExportFormat::PdfReport, ExportFormat::Handout}) {
            const Result<QByteArray> bytes = EventExport::render(sampleRecord(), format, options);
            QVERIFY(!bytes);
            QVERIFY2(bytes.error().contains(u"no session 3"_s), qPrintable(bytes.error()));
        }
    }

    void pdfReportShowsTimingPollsAndQuestions()
    {
        const QByteArray pdf = rendered(sampleRecord(), ExportFormat::PdfReport);
        QVERIFY(pdf.startsWith("%PDF-"));
        const QString path = writePdf(m_dir, u"report.pdf"_s, pdf);
        const QString text = pdfText(path);
        const QStringList expected = {
            u"Robust Python evening"_s,
            u"Hackspace, room 2"_s,
            u"Exported 2026-11-26"_s,
            u"Runs 5 min behind"_s,
            u"Session 1: Packaging, with \"uv\""_s,
            u"Lena Fischer"_s,
            u"Planned 19:00 – 19:20 · Actual 19:02 – 19:23"_s,
            u"Slides: https://example.org/slides"_s,
            u"Do you use uv?"_s,
            u"Voters: 10 · closed"_s,
            u"Yes 6 (60%)"_s,
            u"No 3 (30%)"_s,
            u"What is uv? 1 (10%)"_s,
            u"How useful was this?"_s,
            u"4 2 (50%)"_s,
            u"5 – Very 1 (25%)"_s,
            u"Mean: 3.8 · ratings: 4"_s,
            u"Polls not opened, left out: 1."_s,
            u"Questions (2), by votes"_s,
            u"Answered"_s,
            u"Follow up"_s,
            u"asked by 太郎"_s,
            u"<script>alert(1)</script>"_s,
            u"=cmd|' /C calc'!A0, \"quoted\""_s,
            u"Not listed — hidden by the moderator: 1, merged into another question: 1."_s,
            u"Session 2: Typing in practice"_s,
            u"Typing in one word?"_s,
            u"Voters: 5 · still open"_s,
            u"1. mypy 3"_s,
            u"2. -verbose 1"_s,
            u"Answers hidden by the moderator, left out: 1."_s,
            u"+ Any feedback?"_s,
            u"More examples, please"_s,
            u"What about pyright?"_s,
            u"Page 1 of"_s,
        };
        for (const QString &phrase : expected)
            QVERIFY2(text.contains(phrase), qPrintable(u"missing \"%1\" in:\n%2"_s.arg(phrase, text)));
        // Japanese text comes back through the CJK font (NFKC folds the full-width question mark).
        QVERIFY2(text.contains(kJapaneseQuestion.normalized(QString::NormalizationForm_KC)), qPrintable(text));
        for (const QString &absent : {u"Buy cheap watches"_s, u"Never asked?"_s, u"=evil"_s, u"Is uv fast?"_s})
            QVERIFY2(!text.contains(absent), qPrintable(absent));
        // The most upvoted question comes first.
        QVERIFY(text.indexOf(kJapaneseQuestion.normalized(QString::NormalizationForm_KC)) <
                text.indexOf(u"<script>"_s));
    }

    void pdfReportEmbedsTheJapaneseFont()
    {
        const QString path = writePdf(m_dir, u"fonts.pdf"_s, rendered(sampleRecord(), ExportFormat::PdfReport));
        const QStringList fonts = QString::fromUtf8(runTool(u"pdffonts"_s, {path})).split(u'\n');
        const auto embedded = [&](const QString &family) {
            return std::any_of(fonts.cbegin(), fonts.cend(), [&](const QString &line) {
                const QStringList columns = line.simplified().split(u' ');
                // name type… encoding emb sub uni object ID: emb is the 5th column from the end
                return line.contains(family) && columns.size() > 5 && columns.at(columns.size() - 5) == u"yes";
            });
        };
        QVERIFY2(embedded(u"NotoSansCJK"_s), qPrintable(fonts.join(u'\n')));
        QVERIFY2(embedded(u"DejaVuSans"_s), qPrintable(fonts.join(u'\n')));
    }

    void pdfReportWithoutNamesShowsNone()
    {
        ExportOptions options;
        options.includeNames = false;
        const QString path =
            writePdf(m_dir, u"nonames.pdf"_s, rendered(sampleRecord(), ExportFormat::PdfReport, options));
        const QString text = pdfText(path);
        QVERIFY(text.contains(u"What about pyright?"_s));
        for (const QString &name : {u"mallory"_s, u"太郎"_s, u"asked by"_s})
            QVERIFY2(!text.contains(name), qPrintable(name));
    }

    void pdfReportOfOneSessionHasOnlyIt()
    {
        ExportOptions options;
        options.sessionIndex = 1;
        const QString path =
            writePdf(m_dir, u"session2.pdf"_s, rendered(sampleRecord(), ExportFormat::PdfReport, options));
        const QString text = pdfText(path);
        QVERIFY(text.contains(u"Session 2: Typing in practice"_s));
        QVERIFY(!text.contains(u"Packaging"_s));
        QVERIFY(!text.contains(u"Do you use uv?"_s));
    }

    void pdfReportPaginatesLongQuestionLists()
    {
        EventRecord record = sampleRecord();
        for (int i = 0; i < 120; ++i)
            record.sessions[1].questions.append(question(100 + i, 1, u"Question number %1 of many"_s.arg(i), QString(),
                                                         i % 7, Question::State::Shown, at(19, 35)));
        const QString path = writePdf(m_dir, u"long.pdf"_s, rendered(record, ExportFormat::PdfReport));
        const QStringList pages = pdfPageTexts(path);
        QVERIFY2(pages.size() >= 4, qPrintable(QString::number(pages.size())));
        for (qsizetype i = 0; i < pages.size(); ++i) {
            QVERIFY2(pages.at(i).contains(u"Page %1 of %2"_s.arg(i + 1).arg(pages.size())), qPrintable(pages.at(i)));
        }
        const QString text = pages.join(u' ');
        for (int i = 0; i < 120; ++i)
            QVERIFY2(text.contains(u"Question number %1 of many"_s.arg(i)), qPrintable(QString::number(i)));
    }

private:
    static const QByteArray kExpectedJson;
};

// The whole document, as JsonExport writes it (keys in alphabetical order, four-space indents).
const QByteArray TestEventExport::kExpectedJson = R"json({
    "behindMinutes": 5,
    "event": {
        "date": "2026-11-26",
        "start": "19:00",
        "title": "Robust Python evening",
        "venue": "Hackspace, room 2"
    },
    "exportedAt": "2026-11-26T19:40:00Z",
    "lecternExportFormat": 1,
    "namesIncluded": true,
    "sessions": [
        {
            "actual": {
                "end": "2026-11-26T19:23:00Z",
                "start": "2026-11-26T19:02:00Z"
            },
            "deck": "uv-and-nix.pdf",
            "index": 0,
            "materials": [
                {
                    "label": "Slides",
                    "url": "https://example.org/slides"
                }
            ],
            "onStage": false,
            "planned": {
                "end": "2026-11-26T19:20:00Z",
                "start": "2026-11-26T19:00:00Z"
            },
            "polls": [
                {
                    "closedAt": "2026-11-26T19:06:30Z",
                    "id": "uses-uv",
                    "kind": "single",
                    "openedAt": "2026-11-26T19:05:00Z",
                    "options": [
                        {
                            "count": 6,
                            "id": "yes",
                            "label": "Yes"
                        },
                        {
                            "count": 3,
                            "id": "no",
                            "label": "No"
                        },
                        {
                            "count": 1,
                            "id": "what-is-uv",
                            "label": "What is uv?"
                        }
                    ],
                    "question": "Do you use uv?",
                    "slide": "2",
                    "state": "closed",
                    "voters": 10
                },
                {
                    "closedAt": "2026-11-26T19:22:00Z",
                    "id": "useful",
                    "kind": "rating",
                    "mean": 3.75,
                    "openedAt": "2026-11-26T19:21:00Z",
                    "question": "How useful was this?",
                    "ratingLabels": {
                        "high": "Very",
                        "low": "Not at all"
                    },
                    "ratings": [
                        {
                            "count": 0,
                            "rating": 1
                        },
                        {
                            "count": 1,
                            "rating": 2
                        },
                        {
                            "count": 0,
                            "rating": 3
                        },
                        {
                            "count": 2,
                            "rating": 4
                        },
                        {
                            "count": 1,
                            "rating": 5
                        }
                    ],
                    "slide": null,
                    "state": "closed",
                    "voters": 4
                },
                {
                    "closedAt": null,
                    "id": "unused",
                    "kind": "single",
                    "openedAt": null,
                    "options": [
                        {
                            "count": 0,
                            "id": "a",
                            "label": "A"
                        },
                        {
                            "count": 0,
                            "id": "b",
                            "label": "B"
                        }
                    ],
                    "question": "Never asked?",
                    "slide": "1",
                    "state": "draft",
                    "voters": 0
                }
            ],
            "qaMinutes": 5,
            "questions": [
                {
                    "answeredAt": null,
                    "askedAt": "2026-11-26T19:10:00Z",
                    "asker": "@mallory",
                    "id": 1,
                    "mergedInto": null,
                    "pinnedAt": null,
                    "state": "shown",
                    "text": "=cmd|' /C calc'!A0, \"quoted\"\n<script>alert(1)</script>",
                    "votes": 5
                },
                {
                    "answeredAt": "2026-11-26T19:18:00Z",
                    "askedAt": "2026-11-26T19:11:00Z",
                    "asker": "太郎",
                    "id": 2,
                    "mergedInto": null,
                    "pinnedAt": "2026-11-26T19:16:00Z",
                    "state": "answered",
                    "text": "型ヒントは実行時に使えますか？",
                    "votes": 7
                },
                {
                    "answeredAt": null,
                    "askedAt": "2026-11-26T19:12:00Z",
                    "id": 3,
                    "mergedInto": 2,
                    "pinnedAt": null,
                    "state": "merged",
                    "text": "Is uv fast?",
                    "votes": 0
                },
                {
                    "answeredAt": null,
                    "askedAt": "2026-11-26T19:13:00Z",
                    "asker": "Troll",
                    "id": 4,
                    "mergedInto": null,
                    "pinnedAt": null,
                    "state": "hidden",
                    "text": "Buy cheap watches",
                    "votes": 0
                }
            ],
            "slideTimes": [
                {
                    "label": "1",
                    "seconds": 90
                },
                {
                    "label": "2",
                    "seconds": 230
                },
                {
                    "label": "3",
                    "seconds": 40
                }
            ],
            "speaker": "Lena Fischer",
            "talkMinutes": 15,
            "title": "Packaging, with \"uv\""
        },
        {
            "actual": {
                "end": null,
                "start": "2026-11-26T19:25:00Z"
            },
            "deck": null,
            "index": 1,
            "materials": [
            ],
            "onStage": true,
            "planned": {
                "end": "2026-11-26T19:27:30Z",
                "start": "2026-11-26T19:20:00Z"
            },
            "polls": [
                {
                    "answers": [
                        {
                            "answer": "mypy",
                            "count": 3
                        },
                        {
                            "answer": "-verbose",
                            "count": 1
                        }
                    ],
                    "closedAt": null,
                    "hiddenAnswers": 1,
                    "id": "one-word",
                    "kind": "wordcloud",
                    "openedAt": "2026-11-26T19:30:00Z",
                    "question": "Typing in one word?",
                    "slide": "2",
                    "state": "open",
                    "voters": 5
                },
                {
                    "answers": [
                    ],
                    "closedAt": null,
                    "hiddenAnswers": 0,
                    "id": "next-topic",
                    "kind": "wordcloud",
                    "openedAt": null,
                    "question": "Next topic?",
                    "slide": null,
                    "state": "draft",
                    "voters": 0
                },
                {
                    "answers": [
                        {
                            "answer": "More examples, please",
                            "count": 1
                        }
                    ],
                    "closedAt": "2026-11-26T19:33:00Z",
                    "hiddenAnswers": 0,
                    "id": "live-1",
                    "kind": "open",
                    "openedAt": "2026-11-26T19:32:00Z",
                    "question": "+ Any feedback?",
                    "slide": "9",
                    "state": "closed",
                    "voters": 1
                }
            ],
            "qaMinutes": 0,
            "questions": [
                {
                    "answeredAt": null,
                    "askedAt": "2026-11-26T19:31:00Z",
                    "id": 5,
                    "mergedInto": null,
                    "pinnedAt": null,
                    "state": "unanswered",
                    "text": "What about pyright?",
                    "votes": 2
                }
            ],
            "slideTimes": [
                {
                    "label": "1",
                    "seconds": 900
                }
            ],
            "speaker": "Ben Okafor",
            "talkMinutes": 7.5,
            "title": "Typing in practice"
        }
    ]
}
)json";

QTEST_MAIN(TestEventExport)
#include "tst_eventexport.moc"
