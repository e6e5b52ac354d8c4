#include "export/eventexport.h"
#include "export/eventrecord.h"
#include "model/eventfile.h"
#include "pdftools.h"
#include "storage/database.h"
#include "storage/devicestore.h"
#include "storage/pollstore.h"
#include "storage/questionstore.h"
#include "storage/stagestore.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2026, 11, 26), QTime(hour, minute, second), Qt::UTC);
}

#define VERIFY_OK(expression)                                                                                          \
    do {                                                                                                               \
        const auto result_ = (expression);                                                                             \
        QVERIFY2(result_, qPrintable(result_ ? QString() : result_.error()));                                          \
    } while (false)

Poll choicePoll(const QString &id, const QString &question, const QStringList &options)
{
    Poll poll;
    poll.id = id;
    poll.question = question;
    poll.kind = Poll::Kind::SingleChoice;
    for (const QString &option : options)
        poll.options.append({option.toLower(), option});
    return poll;
}

Event plannedEvent()
{
    Event event;
    event.title = u"Robust Python evening"_s;
    event.date = QDate(2026, 11, 26);
    event.startTime = QTime(19, 0);
    event.venue = u"Hackspace, room 2"_s;
    Session packaging;
    packaging.title = u"Packaging"_s;
    packaging.speaker = u"Lena Fischer"_s;
    packaging.polls.append(choicePoll(u"uses-uv"_s, u"Do you use uv?"_s, {u"Yes"_s, u"No"_s}));
    Poll useful;
    useful.id = u"useful"_s;
    useful.question = u"How useful?"_s;
    useful.kind = Poll::Kind::Rating;
    packaging.polls.append(useful);
    Session typing;
    typing.title = u"Typing"_s;
    Poll oneWord;
    oneWord.id = u"one-word"_s;
    oneWord.question = u"One word?"_s;
    oneWord.kind = Poll::Kind::WordCloud;
    typing.polls.append(oneWord);
    typing.polls.append(choicePoll(u"never-shown"_s, u"Never shown?"_s, {u"A"_s, u"B"_s}));
    event.sessions = {packaging, typing};
    return event;
}

} // namespace

class TestEventRecord : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    Database m_database;
    QStringList m_devices;
    Event m_event;
    QList<SessionRun> m_runs;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"event.sqlite"_s);
        QFile::remove(m_path);
        VERIFY_OK(m_database.open(m_path));
        m_event = plannedEvent();

        StageStore stage(m_database);
        VERIFY_OK(stage.savePlan({u"/events/evening.lectern.json"_s, EventFile::serialize(m_event), at(18, 0)}));
        VERIFY_OK(stage.recordSessionStart(0, at(19, 2)));
        VERIFY_OK(stage.recordVisit(0, 0, u"1"_s, at(19, 2)));
        VERIFY_OK(stage.recordVisit(0, 1, u"2"_s, at(19, 4)));
        VERIFY_OK(stage.closeVisit(0, at(19, 23)));
        VERIFY_OK(stage.recordSessionEnd(0, at(19, 23)));
        VERIFY_OK(stage.recordSessionStart(1, at(19, 25)));
        VERIFY_OK(stage.setSessionOnStage(1));
        m_runs = {{0, at(19, 2), at(19, 23)}, {1, at(19, 25), std::nullopt}};

        DeviceStore devices(m_database);
        m_devices.clear();
        for (int i = 0; i < 3; ++i) {
            const Result<QString> token = devices.createDevice(at(19, 1));
            VERIFY_OK(token);
            m_devices.append(*token);
        }

        // Session 1's polls were loaded (registered); session 2's "never-shown" never was.
        PollStore polls(m_database);
        Poll live;
        live.id = u"live-1"_s;
        live.question = u"Anything else?"_s;
        live.kind = Poll::Kind::OpenText;
        VERIFY_OK(polls.registerPoll(u"uses-uv"_s, 0));
        VERIFY_OK(polls.registerPoll(u"useful"_s, 0));
        VERIFY_OK(polls.registerPoll(u"live-1"_s, 0, QString::fromUtf8(EventFile::serializePoll(live))));
        VERIFY_OK(polls.registerPoll(u"one-word"_s, 1));
        VERIFY_OK(polls.setState(u"uses-uv"_s, PollState::Open, at(19, 5)));
        VERIFY_OK(polls.castVotes({{u"uses-uv"_s, m_devices.at(0), {u"yes"_s}, at(19, 5, 10)},
                                   {u"uses-uv"_s, m_devices.at(1), {u"yes"_s}, at(19, 5, 11)},
                                   {u"uses-uv"_s, m_devices.at(2), {u"no"_s}, at(19, 5, 12)}}));
        VERIFY_OK(polls.setState(u"uses-uv"_s, PollState::Closed, at(19, 6)));
        VERIFY_OK(polls.setState(u"useful"_s, PollState::Open, at(19, 20)));
        VERIFY_OK(polls.castVotes({{u"useful"_s, m_devices.at(0), {u"4"_s}, at(19, 20, 5)},
                                   {u"useful"_s, m_devices.at(1), {u"5"_s}, at(19, 20, 6)}}));
        VERIFY_OK(polls.setState(u"useful"_s, PollState::Closed, at(19, 21)));
        VERIFY_OK(polls.setState(u"live-1"_s, PollState::Open, at(19, 21)));
        VERIFY_OK(polls.castVote({u"live-1"_s, m_devices.at(0), {u"Great talk"_s}, at(19, 21, 30)}));
        VERIFY_OK(polls.setState(u"one-word"_s, PollState::Open, at(19, 30)));
        VERIFY_OK(polls.castVotes({{u"one-word"_s, m_devices.at(0), {u"mypy"_s}, at(19, 30, 1)},
                                   {u"one-word"_s, m_devices.at(1), {u"mypy"_s}, at(19, 30, 2)},
                                   {u"one-word"_s, m_devices.at(2), {u"spam"_s}, at(19, 30, 3)}}));
        VERIFY_OK(polls.setAnswerHidden(u"one-word"_s, u"spam"_s, true, at(19, 31)));

        QuestionStore questions(m_database);
        Question why;
        why.sessionIndex = 0;
        why.text = u"Why uv?"_s;
        why.displayName = u"Aiko"_s;
        why.deviceToken = m_devices.at(0);
        why.createdAt = at(19, 10);
        const Result<qint64> whyId = questions.add(why);
        VERIFY_OK(whyId);
        VERIFY_OK(questions.upvote(*whyId, m_devices.at(1)));
        VERIFY_OK(questions.upvote(*whyId, m_devices.at(2)));
        Question japanese;
        japanese.sessionIndex = 0;
        japanese.text = u"型ヒントは実行時に使えますか？"_s;
        japanese.deviceToken = m_devices.at(1);
        japanese.createdAt = at(19, 11);
        const Result<qint64> japaneseId = questions.add(japanese);
        VERIFY_OK(japaneseId);
        VERIFY_OK(questions.setState(*japaneseId, Question::State::Answered, at(19, 18)));
        Question hidden;
        hidden.sessionIndex = 1;
        hidden.text = u"spam spam"_s;
        hidden.deviceToken = m_devices.at(2);
        hidden.state = Question::State::Hidden;
        hidden.createdAt = at(19, 33);
        VERIFY_OK(questions.add(hidden));
    }

    void cleanup() { m_database.close(); }

    void recordHoldsThePlanRunsPollsAndQuestions()
    {
        const Result<EventRecord> record = EventRecord::read(m_database, at(19, 40));
        VERIFY_OK(record);
        QCOMPARE(record->event, m_event);
        QCOMPARE(record->readAt, at(19, 40));
        QCOMPARE(record->sessions.size(), 2);

        const Agenda agenda = Agenda::compute(m_event, m_runs, 1, at(19, 40));
        QCOMPARE(record->behind, agenda.behind);
        QCOMPARE(record->sessions.at(0).timing, agenda.entries.at(0));
        QCOMPARE(record->sessions.at(1).timing, agenda.entries.at(1));
        QCOMPARE(record->sessions.at(0).timing.actualStart, at(19, 2));
        QCOMPARE(record->sessions.at(0).timing.actualEnd, at(19, 23));
        QVERIFY(record->sessions.at(1).timing.onStage);

        const SessionOutcome &first = record->sessions.at(0);
        QCOMPARE(first.session, m_event.sessions.at(0));
        QStringList ids;
        for (const PollOutcome &poll : first.polls)
            ids.append(poll.poll.id);
        QCOMPARE(ids, (QStringList{u"uses-uv"_s, u"useful"_s, u"live-1"_s})); // declared, then created live
        const PollOutcome &usesUv = first.polls.at(0);
        QCOMPARE(usesUv.results.state, PollState::Closed);
        QCOMPARE(usesUv.results.voterCount, 3);
        QCOMPARE(usesUv.results.counts, (QList<AnswerCount>{{u"yes"_s, 2}, {u"no"_s, 1}}));
        QCOMPARE(usesUv.openedAt, at(19, 5));
        QCOMPARE(usesUv.closedAt, at(19, 6));
        QCOMPARE(first.polls.at(1).results.counts,
                 (QList<AnswerCount>{{u"1"_s, 0}, {u"2"_s, 0}, {u"3"_s, 0}, {u"4"_s, 1}, {u"5"_s, 1}}));
        const PollOutcome &live = first.polls.at(2);
        QCOMPARE(live.poll.kind, Poll::Kind::OpenText);
        QCOMPARE(live.poll.question, u"Anything else?"_s);
        QCOMPARE(live.results.state, PollState::Open);
        QCOMPARE(live.results.counts, (QList<AnswerCount>{{u"Great talk"_s, 1}}));
        QVERIFY(!live.closedAt);

        QCOMPARE(first.questions.size(), 2);
        QCOMPARE(first.questions.at(0).question.text, u"Why uv?"_s);
        QCOMPARE(first.questions.at(0).question.displayName, u"Aiko"_s);
        QCOMPARE(first.questions.at(0).votes, 2);
        QCOMPARE(first.questions.at(1).question.state, Question::State::Answered);
        QCOMPARE(first.questions.at(1).question.answeredAt, at(19, 18));
        for (const QuestionRecord &question : first.questions)
            QVERIFY(question.question.deviceToken.isEmpty());

        QCOMPARE(first.visits.size(), 2);
        QCOMPARE(first.visits.at(1).label, u"2"_s);
        QCOMPARE(first.visits.at(1).leftAt, at(19, 23));

        const SessionOutcome &second = record->sessions.at(1);
        QCOMPARE(second.polls.size(), 2);
        const PollOutcome &oneWord = second.polls.at(0);
        QCOMPARE(oneWord.results.voterCount, 3);
        QCOMPARE(oneWord.results.counts, (QList<AnswerCount>{{u"mypy"_s, 2}}));
        QCOMPARE(oneWord.results.hiddenAnswers, QStringList{u"spam"_s});
        const PollOutcome &neverShown = second.polls.at(1);
        QCOMPARE(neverShown.poll.id, u"never-shown"_s);
        QCOMPARE(neverShown.results.state, PollState::Draft);
        QCOMPARE(neverShown.results.counts, (QList<AnswerCount>{{u"a"_s, 0}, {u"b"_s, 0}}));
        QVERIFY(!neverShown.openedAt);
        QCOMPARE(second.questions.size(), 1);
        QCOMPARE(second.questions.at(0).question.state, Question::State::Hidden);
        QVERIFY(second.visits.isEmpty());
    }

    void readingEndsItsTransaction()
    {
        VERIFY_OK(EventRecord::read(m_database, at(19, 40)));
        // A write transaction can begin right after: the read one was committed.
        VERIFY_OK(m_database.transaction([]() -> Result<> { return {}; }));
        VERIFY_OK(EventRecord::read(m_database, at(19, 41)));
    }

    void exportsFromTheDatabaseHoldNoDeviceToken()
    {
        const Result<EventRecord> record = EventRecord::read(m_database, at(19, 40));
        VERIFY_OK(record);
        for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Json}) {
            const Result<QByteArray> bytes = EventExport::render(*record, format, {});
            VERIFY_OK(bytes);
            for (const QString &token : std::as_const(m_devices))
                QVERIFY(!bytes->contains(token.toUtf8()));
        }
    }

    void renderFromDatabaseReadsTheFile()
    {
        const Result<EventRecord> record = EventRecord::read(m_database, at(19, 40));
        VERIFY_OK(record);
        const Result<QByteArray> expected = EventExport::render(*record, ExportFormat::Csv, {});
        VERIFY_OK(expected);
        const Result<QByteArray> csv = EventExport::renderFromDatabase(m_path, ExportFormat::Csv, {});
        VERIFY_OK(csv);
        QCOMPARE(*csv, *expected);
        QVERIFY(csv->contains("Why uv?"));
    }

    void renderInBackgroundGivesTheDocument()
    {
        ExportOptions options;
        options.includeNames = false;
        QFuture<Result<QByteArray>> future = EventExport::renderInBackground(m_path, ExportFormat::Json, options);
        const Result<QByteArray> json = future.result();
        VERIFY_OK(json);
        const QJsonObject root = QJsonDocument::fromJson(*json).object();
        QCOMPARE(root.value(u"lecternExportFormat"_s).toInt(), 1);
        QCOMPARE(root.value(u"namesIncluded"_s), QJsonValue(false));
        QVERIFY(!json->contains("Aiko"));
        QVERIFY(json->contains("Why uv?"));
    }

    void pdfReportRendersInBackground()
    {
        QFuture<Result<QByteArray>> future = EventExport::renderInBackground(m_path, ExportFormat::PdfReport, {});
        const Result<QByteArray> pdf = future.result();
        VERIFY_OK(pdf);
        QTemporaryDir dir;
        const QString path = LecternTest::writePdf(dir, u"report.pdf"_s, *pdf);
        const QString text = LecternTest::pdfText(path);
        QVERIFY2(text.contains(u"Why uv?"_s), qPrintable(text));
        QVERIFY2(text.contains(u"型ヒントは実行時に使えますか?"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Yes 2 (67%)"_s), qPrintable(text));
    }

    void missingDatabaseIsAnErrorAndNotCreated()
    {
        const QString missing = m_dir.filePath(u"missing.sqlite"_s);
        const Result<QByteArray> bytes = EventExport::renderFromDatabase(missing, ExportFormat::Csv, {});
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().contains(u"missing.sqlite"_s), qPrintable(bytes.error()));
        QVERIFY(!QFileInfo::exists(missing));
    }

    void databaseWithoutPlanIsAnError()
    {
        Database empty;
        VERIFY_OK(empty.open(Database::kInMemory));
        const Result<EventRecord> record = EventRecord::read(empty, at(19, 40));
        QVERIFY(!record);
        QVERIFY2(record.error().contains(u"holds no event"_s), qPrintable(record.error()));
    }
};

QTEST_MAIN(TestEventRecord)
#include "tst_eventrecord.moc"
