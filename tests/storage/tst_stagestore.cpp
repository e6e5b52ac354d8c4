#include "storage/database.h"
#include "storage/stagestore.h"

#include <QTest>

using namespace Lectern;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 11, 26), QTime(19, minute), Qt::UTC);
}

} // namespace

class TestStageStore : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_database.open(Database::kInMemory)); }
    void cleanup() { m_database.close(); }

    void aFreshDatabaseHasNoStage()
    {
        StageStore store(m_database);
        QCOMPARE(store.plan().value(), std::nullopt);
        QCOMPARE(store.sessionOnStage().value(), std::nullopt);
        QCOMPARE(store.sessionStage(0).value(), std::nullopt);
        QVERIFY(store.runs().value().isEmpty());
    }

    void thePlanIsReplacedWhole()
    {
        StageStore store(m_database);
        QVERIFY(store.savePlan(StoredPlan{u"/a.lectern.json"_s, "{\"lecternEventFormat\":1}", at(0)}));
        const StoredPlan second{u"/b.lectern.json"_s, "{\"lecternEventFormat\":1,\"title\":\"B\"}", at(1)};
        QVERIFY(store.savePlan(second));
        QCOMPARE(store.plan().value(), std::optional<StoredPlan>(second));
        QVERIFY(!store.savePlan(StoredPlan{u"/c"_s, "not json", at(2)}));
        QCOMPARE(store.plan().value(), std::optional<StoredPlan>(second));
    }

    void aSessionStageRoundTrips_data()
    {
        QTest::addColumn<SessionStage>("stage");
        QTest::newRow("not started") << SessionStage{2, 0, TimerState{}};
        QTest::newRow("running") << SessionStage{1, 7, TimerState{at(3), std::nullopt, seconds(12), minutes(15)}};
        QTest::newRow("paused") << SessionStage{0, 3, TimerState{at(3), at(9), seconds(5), minutes(10)}};
    }
    void aSessionStageRoundTrips()
    {
        QFETCH(SessionStage, stage);
        StageStore store(m_database);
        QVERIFY(store.saveSessionStage(SessionStage{stage.sessionIndex, 1, TimerState{}}));
        QVERIFY(store.saveSessionStage(stage));
        QCOMPARE(store.sessionStage(stage.sessionIndex).value(), std::optional<SessionStage>(stage));
        QVERIFY(store.setSessionOnStage(stage.sessionIndex));
        QCOMPARE(store.sessionOnStage().value(), std::optional<int>(stage.sessionIndex));
    }

    void aRunKeepsItsFirstStartAndItsLastEnd()
    {
        StageStore store(m_database);
        QVERIFY(store.recordSessionStart(1, at(5)));
        QVERIFY(store.recordSessionEnd(1, at(20)));
        QVERIFY(store.recordSessionStart(1, at(30)));
        QVERIFY(store.recordSessionEnd(1, at(35)));
        QVERIFY(store.recordSessionEnd(2, at(40))); // left without having begun
        const QList<SessionRun> runs = store.runs().value();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0), (SessionRun{1, at(5), at(35)}));
        QCOMPARE(runs.at(1), (SessionRun{2, std::nullopt, at(40)}));
        QVERIFY(store.clearSessionRun(1));
        QCOMPARE(store.runs().value().size(), 1);
    }

    void visitsCloseTheOneBefore()
    {
        StageStore store(m_database);
        QVERIFY(store.recordVisit(0, 0, u"1"_s, at(1)));
        QVERIFY(store.recordVisit(0, 1, u"2"_s, at(3)));
        QVERIFY(store.recordVisit(1, 0, u"1"_s, at(4))); // another session's log is its own
        QVERIFY(store.closeVisit(0, at(6)));
        const QList<RecordedVisit> visits = store.visits(0).value();
        QCOMPARE(visits.size(), 2);
        QCOMPARE(visits.at(0), (RecordedVisit{0, 0, u"1"_s, at(1), at(3)}));
        QCOMPARE(visits.at(1), (RecordedVisit{0, 1, u"2"_s, at(3), at(6)}));
        QCOMPARE(store.visits(1).value().constFirst().leftAt, std::nullopt);
    }

    void renumberingMovesEveryRecordOfASession()
    {
        StageStore store(m_database);
        QVERIFY(m_database.exec(u"INSERT INTO devices (token, created_at) VALUES ('d', 0)"_s));
        for (int session = 0; session < 3; ++session) {
            QVERIFY(m_database.exec(u"INSERT INTO polls (id, session_index, state, opened_at) VALUES (?, ?, ?, ?)"_s,
                                    {u"p%1"_s.arg(session), session, u"closed"_s, 1}));
            QVERIFY(m_database.exec(u"INSERT INTO questions (session_index, device_token, text, state, created_at) "
                                    "VALUES (?, 'd', ?, 'shown', 0)"_s,
                                    {session, u"q%1"_s.arg(session)}));
            QVERIFY(store.saveSessionStage(SessionStage{session, session + 10, TimerState{}}));
            QVERIFY(store.recordSessionStart(session, at(session)));
        }
        QVERIFY(m_database.exec(u"INSERT INTO polls (id, session_index) VALUES ('draft-of-3', 3)"_s));
        QVERIFY(store.saveSessionStage(SessionStage{3, 0, TimerState{}}));
        QVERIFY(store.setSessionOnStage(0));
        QVERIFY(m_database.exec(u"INSERT INTO settings (key, value) VALUES ('questions/approval/0', 'on'), "
                                "('questions/approval/3', 'on'), ('questions/blocked_words', '[]')"_s));

        // 0 → 2, 1 → 0, 2 → 1, 3 removed (nothing but a draft poll, a page and a setting).
        QVERIFY(store.renumberSessions({2, 0, 1, -1}));
        const auto sessionOf = [&](const QString &sql) {
            Result<QSqlQuery> query = m_database.exec(sql);
            return query && query->next() ? query->value(0).toInt() : -1;
        };
        QCOMPARE(sessionOf(u"SELECT session_index FROM polls WHERE id = 'p0'"_s), 2);
        QCOMPARE(sessionOf(u"SELECT session_index FROM questions WHERE text = 'q1'"_s), 0);
        QCOMPARE(sessionOf(u"SELECT count(*) FROM polls WHERE id = 'draft-of-3'"_s), 0);
        QCOMPARE(store.sessionStage(2).value()->pageIndex, 10);
        QCOMPARE(store.sessionStage(1).value()->pageIndex, 12);
        QCOMPARE(store.sessionStage(3).value(), std::nullopt);
        QCOMPARE(store.runs().value().at(2), (SessionRun{2, at(0), std::nullopt}));
        QCOMPARE(store.sessionOnStage().value(), std::optional<int>(2));
        Result<QSqlQuery> keys = m_database.exec(u"SELECT key FROM settings ORDER BY key"_s);
        QStringList names;
        while (keys && keys->next())
            names.append(keys->value(0).toString());
        QCOMPARE(names, (QStringList{u"questions/approval/2"_s, u"questions/blocked_words"_s}));
    }

    void recordCountsTellWhatASessionHolds()
    {
        StageStore store(m_database);
        QVERIFY(store.recordCounts(0).value().isEmpty());
        QVERIFY(m_database.exec(u"INSERT INTO devices (token, created_at) VALUES ('d', 0)"_s));
        QVERIFY(
            m_database.exec(u"INSERT INTO polls (id, session_index, state, opened_at) VALUES ('p', 0, 'open', 1)"_s));
        QVERIFY(m_database.exec(u"INSERT INTO votes (poll_id, device_token, answer, updated_at) VALUES "
                                "('p', 'd', '[\"4\"]', 1)"_s));
        QVERIFY(m_database.exec(u"INSERT INTO questions (session_index, device_token, text, state, created_at) "
                                "VALUES (0, 'd', 'q', 'shown', 0)"_s));
        const SessionRecordCounts counts = store.recordCounts(0).value();
        QCOMPARE(counts.questions, 1);
        QCOMPARE(counts.pollsRun, 1);
        QCOMPARE(counts.votes, 1);
        QVERIFY(!counts.started);
        QVERIFY(store.recordCounts(1).value().isEmpty());
    }

    void lastActivityIsTheLatestThingRecorded()
    {
        StageStore store(m_database);
        QCOMPARE(store.lastActivity().value(), std::nullopt);
        QVERIFY(store.recordSessionStart(0, at(2)));
        QVERIFY(store.recordVisit(0, 1, u"2"_s, at(9)));
        QVERIFY(store.recordSessionEnd(0, at(5)));
        QCOMPARE(store.lastActivity().value(), std::optional<QDateTime>(at(9)));
        QVERIFY(m_database.exec(u"INSERT INTO devices (token, created_at) VALUES ('d', 0)"_s));
        QVERIFY(m_database.exec(u"INSERT INTO questions (session_index, device_token, text, state, created_at, "
                                "answered_at) VALUES (0, 'd', 'q', 'answered', ?, ?)"_s,
                                {at(3).toMSecsSinceEpoch(), at(12).toMSecsSinceEpoch()}));
        QCOMPARE(store.lastActivity().value(), std::optional<QDateTime>(at(12)));
    }

private:
    Database m_database;
};

QTEST_GUILESS_MAIN(TestStageStore)
#include "tst_stagestore.moc"
