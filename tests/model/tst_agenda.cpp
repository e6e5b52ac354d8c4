#include "model/agenda.h"

#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace {

const QDate kEventDate(2026, 11, 26);

/** The evening's local time at hours:minutes:seconds (+ milliseconds). */
QDateTime at(int hours, int minutes, int seconds = 0, int milliseconds = 0)
{
    return QDateTime(kEventDate, QTime(hours, minutes, seconds, milliseconds));
}

Session session(const QString &title, const QString &speaker, seconds talk, seconds qa)
{
    Session result;
    result.title = title;
    result.speaker = speaker;
    result.timing.talkTime = talk;
    result.timing.qaTime = qa;
    return result;
}

/** Four talks: 15+5, 10+5, 7.5+0 and 15+5 minutes; planned from 19:00 when dated. */
Event evening(bool dated)
{
    Event event;
    event.title = u"Robust Python evening"_s;
    if (dated) {
        event.date = kEventDate;
        event.startTime = QTime(19, 0);
    }
    event.sessions = {
        session(u"Reproducible environments"_s, u"Lena Fischer"_s, 15min, 5min),
        session(u"Typing in practice"_s, u"Priya Raman"_s, 10min, 5min),
        session(u"Lightning: pytest tricks"_s, u"Tomás Okafor"_s, seconds(450), 0min),
        session(u"Tests as experiment design"_s, u"Jonas Berg"_s, 15min, 5min),
    };
    return event;
}

SessionRun run(int sessionIndex, std::optional<QDateTime> startedAt, std::optional<QDateTime> endedAt = {})
{
    return SessionRun{sessionIndex, startedAt, endedAt};
}

} // namespace

class TestAgenda : public QObject
{
    Q_OBJECT

private slots:
    void plannedTimesFollowBackToBackFromTheDateAndStart()
    {
        const Agenda agenda = Agenda::compute(evening(true), {}, -1, at(18, 0));
        QCOMPARE(agenda.entries.size(), 4);
        const QList<std::pair<QDateTime, QDateTime>> expected{
            {at(19, 0), at(19, 20)},
            {at(19, 20), at(19, 35)},
            {at(19, 35), at(19, 42, 30)},
            {at(19, 42, 30), at(20, 2, 30)},
        };
        for (int i = 0; i < 4; ++i) {
            const AgendaEntry &entry = agenda.entries.at(i);
            QCOMPARE(entry.sessionIndex, i);
            QCOMPARE(entry.title, evening(true).sessions.at(i).title);
            QCOMPARE(entry.speaker, evening(true).sessions.at(i).speaker);
            QCOMPARE(entry.plannedStart, std::optional(expected.at(i).first));
            QCOMPARE(entry.plannedEnd, std::optional(expected.at(i).second));
            QVERIFY(!entry.actualStart);
            QVERIFY(!entry.actualEnd);
            QVERIFY(!entry.onStage);
        }
        QCOMPARE(agenda.behind, 0s);
    }

    void withoutDateOrStartThePlanIsAnchoredAtTheFirstActualStart_data()
    {
        QTest::addColumn<bool>("hasDate");
        QTest::addColumn<bool>("hasStart");
        QTest::newRow("no date") << false << true;
        QTest::newRow("no start") << true << false;
        QTest::newRow("neither") << false << false;
    }

    void withoutDateOrStartThePlanIsAnchoredAtTheFirstActualStart()
    {
        QFETCH(bool, hasDate);
        QFETCH(bool, hasStart);
        Event event = evening(false);
        if (hasDate)
            event.date = kEventDate;
        if (hasStart)
            event.startTime = QTime(19, 0);
        // The second session started before the first in the list: the anchor is session 0's start all the same.
        const QList<SessionRun> runs{run(1, at(19, 29)), run(0, at(19, 7, 10), at(19, 28))};
        const Agenda agenda = Agenda::compute(event, runs, 1, at(19, 30));
        QCOMPARE(agenda.entries.at(0).plannedStart, std::optional(at(19, 7, 10)));
        QCOMPARE(agenda.entries.at(0).plannedEnd, std::optional(at(19, 27, 10)));
        QCOMPARE(agenda.entries.at(1).plannedStart, std::optional(at(19, 27, 10)));
        QCOMPARE(agenda.entries.at(1).plannedEnd, std::optional(at(19, 42, 10)));
        QCOMPARE(agenda.entries.at(3).plannedEnd, std::optional(at(20, 9, 40)));
        QCOMPARE(agenda.behind, seconds(110)); // 19:29 against 19:27:10
    }

    void withoutDateStartOrFirstRunThereAreNoPlannedTimes()
    {
        // Session 1 ran, session 0 has not: nothing to anchor the plan at.
        const Agenda agenda = Agenda::compute(evening(false), {run(1, at(19, 0))}, 1, at(21, 0));
        for (const AgendaEntry &entry : agenda.entries) {
            QVERIFY(!entry.plannedStart);
            QVERIFY(!entry.plannedEnd);
        }
        QCOMPARE(agenda.entries.at(1).actualStart, std::optional(at(19, 0)));
        QCOMPARE(agenda.behind, 0s);
    }

    void actualTimesAndTheStageComeFromTheRuns()
    {
        const QList<SessionRun> runs{
            run(2, at(19, 45)),
            run(0, at(19, 2), at(19, 24)),
            run(1, at(19, 25), at(19, 44, 59)),
            run(7, at(18, 0), at(18, 10)), // a session no longer in the plan
            run(-1, at(18, 0)),
        };
        const Agenda agenda = Agenda::compute(evening(true), runs, 2, at(19, 50));
        QCOMPARE(agenda.entries.at(0).actualStart, std::optional(at(19, 2)));
        QCOMPARE(agenda.entries.at(0).actualEnd, std::optional(at(19, 24)));
        QCOMPARE(agenda.entries.at(1).actualStart, std::optional(at(19, 25)));
        QCOMPARE(agenda.entries.at(1).actualEnd, std::optional(at(19, 44, 59)));
        QCOMPARE(agenda.entries.at(2).actualStart, std::optional(at(19, 45)));
        QVERIFY(!agenda.entries.at(2).actualEnd);
        QVERIFY(!agenda.entries.at(3).actualStart);
        QVERIFY(!agenda.entries.at(3).actualEnd);
        const QList<bool> onStage{false, false, true, false};
        for (int i = 0; i < 4; ++i)
            QCOMPARE(agenda.entries.at(i).onStage, onStage.at(i));
    }

    void behindIsJudgedAtTheSessionOnStage_data()
    {
        QTest::addColumn<int>("onStage");
        QTest::addColumn<QDateTime>("startedAt"); // invalid: not started
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<int>("behindSeconds");

        // Session 0 is planned 19:00–19:20, session 1 19:20–19:35.
        QTest::newRow("on stage early, not started") << 0 << QDateTime() << at(18, 50) << 0;
        QTest::newRow("not started at its planned start") << 0 << QDateTime() << at(19, 0) << 0;
        QTest::newRow("not started, planned start passed") << 1 << QDateTime() << at(19, 24, 30) << 270;
        QTest::newRow("not started long after its planned end") << 1 << QDateTime() << at(19, 50) << 1800;
        QTest::newRow("started on time, running") << 0 << at(19, 0) << at(19, 10) << 0;
        QTest::newRow("started on time, at its planned end") << 0 << at(19, 0) << at(19, 20) << 0;
        QTest::newRow("started on time, running over") << 0 << at(19, 0) << at(19, 26) << 360;
        QTest::newRow("started late") << 1 << at(19, 24) << at(19, 30) << 240;
        QTest::newRow("started late, over by less than that") << 1 << at(19, 26) << at(19, 36) << 360;
        QTest::newRow("started late, over by more than that") << 1 << at(19, 22) << at(19, 40) << 300;
        QTest::newRow("started early: ahead") << 1 << at(19, 17) << at(19, 30) << -180;
        QTest::newRow("started early, running over") << 1 << at(19, 17) << at(19, 37) << 120;
        QTest::newRow("seconds, truncated") << 1 << at(19, 20, 1, 900) << at(19, 25) << 1;
        QTest::newRow("now in UTC") << 1 << at(19, 24) << at(19, 40).toUTC() << 300;
        QTest::newRow("no session on stage") << -1 << QDateTime() << at(20, 0) << 0;
        QTest::newRow("stage index outside the plan") << 9 << QDateTime() << at(20, 0) << 0;
    }

    void behindIsJudgedAtTheSessionOnStage()
    {
        QFETCH(int, onStage);
        QFETCH(QDateTime, startedAt);
        QFETCH(QDateTime, now);
        QFETCH(int, behindSeconds);
        // Session 0 ran 15 minutes late: earlier sessions do not count, only the one on stage.
        QList<SessionRun> runs{run(0, at(19, 15), at(19, 40))};
        if (onStage == 0)
            runs.clear();
        if (startedAt.isValid())
            runs.append(run(onStage, startedAt));
        const Agenda agenda = Agenda::compute(evening(true), runs, onStage, now);
        QCOMPARE(agenda.behind, seconds(behindSeconds));
    }

    void plannedTimesUseLocalTimeWhateverTheSpecOfNow()
    {
        const Agenda local = Agenda::compute(evening(true), {run(0, at(19, 3))}, 0, at(19, 10));
        const Agenda utc = Agenda::compute(evening(true), {run(0, at(19, 3).toUTC())}, 0, at(19, 10).toUTC());
        QCOMPARE(local.behind, 180s);
        QCOMPARE(utc.behind, 180s);
        QCOMPARE(utc.entries.at(0).plannedStart->toLocalTime().time(), QTime(19, 0));
    }

    void formatBehindInWholeMinutes_data()
    {
        QTest::addColumn<int>("behindSeconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0 << u"on time"_s;
        QTest::newRow("59 s behind") << 59 << u"on time"_s;
        QTest::newRow("59 s ahead") << -59 << u"on time"_s;
        QTest::newRow("one minute behind") << 60 << u"+1 min"_s;
        QTest::newRow("four minutes behind") << 240 << u"+4 min"_s;
        QTest::newRow("just under five") << 299 << u"+4 min"_s;
        QTest::newRow("one minute ahead") << -60 << u"\u22121 min"_s;
        QTest::newRow("two minutes ahead") << -179 << u"\u22122 min"_s;
        QTest::newRow("an hour behind") << 3600 << u"+60 min"_s;
    }

    void formatBehindInWholeMinutes()
    {
        QFETCH(int, behindSeconds);
        QFETCH(QString, expected);
        // No translator is installed: the English text, with U+2212 (not '-') for ahead.
        QCOMPARE(Agenda::formatBehind(seconds(behindSeconds)), expected);
    }

    void theAgendaOfAnEmptyEventIsEmpty()
    {
        const Agenda agenda = Agenda::compute(Event(), {run(0, at(19, 0))}, 0, at(19, 30));
        QVERIFY(agenda.entries.isEmpty());
        QCOMPARE(agenda.behind, 0s);
    }
};

QTEST_GUILESS_MAIN(TestAgenda)
#include "tst_agenda.moc"
