#include "model/eventfile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;
using namespace std::chrono;

namespace {

/** A valid file with one session and one poll, as an object the tests break one field at a time. */
QJsonObject validFile()
{
    const QJsonObject poll{
        {u"id"_s, u"uses-uv"_s},  {u"question"_s, u"Do you use uv?"_s},
        {u"kind"_s, u"single"_s}, {u"options"_s, QJsonArray{u"Yes"_s, u"No"_s, u"What is uv?"_s}},
        {u"slide"_s, u"18"_s},
    };
    const QJsonObject session{
        {u"title"_s, u"Reproducible environments"_s},
        {u"speaker"_s, u"Lena Fischer"_s},
        {u"deck"_s, u"talk.pdf"_s},
        {u"talkMinutes"_s, 15},
        {u"qaMinutes"_s, 5},
        {u"warningMinutes"_s, 3},
        {u"polls"_s, QJsonArray{poll}},
        {u"materials"_s,
         QJsonArray{QJsonObject{{u"label"_s, u"Slides"_s}, {u"url"_s, u"https://example.org/slides"_s}},
                    QJsonObject{{u"label"_s, u"Sample code"_s}, {u"url"_s, u"http://example.org/code?lang=py"_s}}}},
        {u"deckDownload"_s, true},
    };
    return QJsonObject{
        {u"lecternEventFormat"_s, 1}, {u"title"_s, u"Robust Python evening"_s},
        {u"date"_s, u"2026-11-26"_s}, {u"start"_s, u"19:00"_s},
        {u"venue"_s, u"Hackspace"_s}, {u"sessions"_s, QJsonArray{session}},
    };
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson();
}

/** Sets a value at a path such as "sessions/0/polls/0/kind"; an undefined value removes the key. */
QJsonValue withValue(const QJsonValue &node, QStringList path, const QJsonValue &value)
{
    const QString key = path.takeFirst();
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const int index = key.toInt();
        if (index == array.size())
            array.append(QJsonObject());
        if (path.isEmpty())
            array[index] = value;
        else
            array[index] = withValue(array.at(index), path, value);
        return array;
    }
    QJsonObject object = node.toObject();
    if (path.isEmpty()) {
        if (value.isUndefined())
            object.remove(key);
        else
            object.insert(key, value);
    } else {
        object.insert(key, withValue(object.value(key), path, value));
    }
    return object;
}

QByteArray fileWith(const QString &path, const QJsonValue &value)
{
    return toJson(withValue(validFile(), path.split(u'/'), value).toObject());
}

Poll fullPoll(const QString &id, Poll::Kind kind)
{
    Poll poll;
    poll.id = id;
    poll.question = u"Question for "_s + id;
    poll.kind = kind;
    if (poll.isChoice())
        poll.options = {{u"a"_s, u"Ａ option"_s}, {u"b"_s, u"B option"_s}, {u"c"_s, u"日本語の選択肢"_s}};
    if (kind == Poll::Kind::MultipleChoice)
        poll.maxChoices = 2;
    if (kind == Poll::Kind::Rating) {
        poll.ratingLowLabel = u"held together by hope"_s;
        poll.ratingHighLabel = u"typed, tested, pinned"_s;
    }
    poll.slideLabel = u"iv"_s;
    poll.onSlide = Poll::SlideAction::Open;
    poll.resultsVisibility = Poll::ResultsVisibility::AfterVoting;
    return poll;
}

} // namespace

class TestEventFile : public QObject
{
    Q_OBJECT

private slots:
    void parsesEveryFieldOfAValidFile()
    {
        const Result<Event> event = EventFile::parse(toJson(validFile()), u"/talks"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->title, u"Robust Python evening"_s);
        QCOMPARE(event->date, QDate(2026, 11, 26));
        QCOMPARE(event->startTime, std::optional<QTime>(QTime(19, 0)));
        QCOMPARE(event->venue, u"Hackspace"_s);
        QCOMPARE(event->sessions.size(), 1);
        const Session &session = event->sessions.at(0);
        QCOMPARE(session.title, u"Reproducible environments"_s);
        QCOMPARE(session.speaker, u"Lena Fischer"_s);
        QCOMPARE(session.deckPath, u"/talks/talk.pdf"_s);
        QCOMPARE(session.timing.talkTime, seconds(15min));
        QCOMPARE(session.timing.qaTime, seconds(5min));
        QCOMPARE(session.timing.warningTime, seconds(3min));
        const QList<Material> materials{{u"Slides"_s, QUrl(u"https://example.org/slides"_s)},
                                        {u"Sample code"_s, QUrl(u"http://example.org/code?lang=py"_s)}};
        QCOMPARE(session.materials, materials);
        QVERIFY(session.deckDownload);
        QCOMPARE(session.polls.size(), 1);
        const Poll &poll = session.polls.at(0);
        QCOMPARE(poll.id, u"uses-uv"_s);
        QCOMPARE(poll.kind, Poll::Kind::SingleChoice);
        QCOMPARE(poll.slideLabel, u"18"_s);
        QCOMPARE(poll.onSlide, Poll::SlideAction::Offer);
        QCOMPARE(poll.resultsVisibility, Poll::ResultsVisibility::AfterReveal);
        const QList<PollOption> expected{{u"yes"_s, u"Yes"_s}, {u"no"_s, u"No"_s}, {u"what-is-uv"_s, u"What is uv?"_s}};
        QCOMPARE(poll.options, expected);
    }

    void optionsMayBeObjectsWithTheirOwnIds()
    {
        const QJsonArray options{QJsonObject{{u"id"_s, u"y"_s}, {u"label"_s, u"Yes"_s}},
                                 QJsonObject{{u"label"_s, u"はい"_s}}, u"No"_s};
        const Result<Event> event = EventFile::parse(fileWith(u"sessions/0/polls/0/options"_s, options), u"/"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        const QList<PollOption> expected{{u"y"_s, u"Yes"_s}, {u"option-2"_s, u"はい"_s}, {u"no"_s, u"No"_s}};
        QCOMPARE(event->sessions.at(0).polls.at(0).options, expected);
    }

    void generatedOptionIdsAvoidIdsGivenLater()
    {
        const QJsonArray options{u"Yes"_s, QJsonObject{{u"id"_s, u"yes"_s}, {u"label"_s, u"Yes, daily"_s}}};
        const Result<Event> event = EventFile::parse(fileWith(u"sessions/0/polls/0/options"_s, options), u"/"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->sessions.at(0).polls.at(0).options.at(0).id, u"option-1"_s);
        QCOMPARE(event->sessions.at(0).polls.at(0).options.at(1).id, u"yes"_s);
    }

    void missingOptionalFieldsTakeDefaults()
    {
        const QJsonObject minimal{
            {u"lecternEventFormat"_s, 1},
            {u"sessions"_s, QJsonArray{QJsonObject{{u"polls"_s, QJsonArray{QJsonObject{
                                                                    {u"id"_s, u"words"_s},
                                                                    {u"question"_s, u"One word?"_s},
                                                                    {u"kind"_s, u"wordcloud"_s},
                                                                }}}}}},
        };
        const Result<Event> event = EventFile::parse(toJson(minimal), u"/"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QVERIFY(!event->date.isValid());
        QVERIFY(!event->startTime);
        QVERIFY(event->title.isEmpty());
        const Session &session = event->sessions.at(0);
        QVERIFY(session.deckPath.isEmpty());
        QVERIFY(session.materials.isEmpty());
        QVERIFY(!session.deckDownload);
        QCOMPARE(session.timing, TimingPlan());
        QCOMPARE(session.polls.at(0).onSlide, Poll::SlideAction::Offer);
        QCOMPARE(session.polls.at(0).resultsVisibility, Poll::ResultsVisibility::AfterReveal);
        QVERIFY(session.polls.at(0).slideLabel.isEmpty());
    }

    void unknownFieldsAreIgnored()
    {
        QJsonObject file = validFile();
        file.insert(u"organizerNotes"_s, u"bring the HDMI adapter"_s);
        file = withValue(file, {u"sessions"_s, u"0"_s, u"room"_s}, 2).toObject();
        file = withValue(file, {u"sessions"_s, u"0"_s, u"polls"_s, u"0"_s, u"colour"_s}, u"blue"_s).toObject();
        const Result<Event> event = EventFile::parse(toJson(file), u"/"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(*event, *EventFile::parse(toJson(validFile()), u"/"_s));
    }

    void fractionalMinutesAreKept()
    {
        const Result<Event> event = EventFile::parse(fileWith(u"sessions/0/talkMinutes"_s, 7.5), u"/"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->sessions.at(0).timing.talkTime, seconds(450));
    }

    void startIsATimeOfDay_data()
    {
        QTest::addColumn<QJsonValue>("start");
        QTest::addColumn<std::optional<QTime>>("expected");
        QTest::newRow("evening") << QJsonValue(u"19:00"_s) << std::optional(QTime(19, 0));
        QTest::newRow("minutes kept") << QJsonValue(u"18:45"_s) << std::optional(QTime(18, 45));
        QTest::newRow("one-digit hour") << QJsonValue(u"9:05"_s) << std::optional(QTime(9, 5));
        QTest::newRow("midnight") << QJsonValue(u"00:00"_s) << std::optional(QTime(0, 0));
        QTest::newRow("last minute of the day") << QJsonValue(u"23:59"_s) << std::optional(QTime(23, 59));
        QTest::newRow("spaces around") << QJsonValue(u" 19:30 "_s) << std::optional(QTime(19, 30));
        QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << std::optional<QTime>();
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << std::optional<QTime>();
        QTest::newRow("empty") << QJsonValue(u""_s) << std::optional<QTime>();
    }

    void startIsATimeOfDay()
    {
        QFETCH(QJsonValue, start);
        QFETCH(std::optional<QTime>, expected);
        const Result<Event> event = EventFile::parse(fileWith(u"start"_s, start), u"/"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->startTime, expected);
    }

    void materialAddressesAreCheckedAndKept_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QUrl>("expected"); // empty: refused
        QTest::addColumn<QString>("error"); // the message (without a place) starts with it

        const auto accepted = [](const char *name, const QString &address, const QString &url) {
            QTest::newRow(name) << address << QUrl(url) << QString();
        };
        const auto refused = [](const char *name, const QString &address, const QString &error) {
            QTest::newRow(name) << address << QUrl() << error;
        };
        accepted("https", u"https://example.org/slides"_s, u"https://example.org/slides"_s);
        accepted("http with port, query and fragment", u"http://example.org:8080/code?lang=py#main"_s,
                 u"http://example.org:8080/code?lang=py#main"_s);
        accepted("scheme and host in capitals", u"HTTPS://Example.ORG/Slides"_s, u"https://example.org/Slides"_s);
        accepted("spaces around", u"  https://example.org/  "_s, u"https://example.org/"_s);
        accepted("international host and path", u"https://例え.jp/スライド"_s, u"https://例え.jp/スライド"_s);
        accepted("IPv6 host", u"http://[::1]:8080/"_s, u"http://[::1]:8080/"_s);
        const QString longest = u"https://example.org/"_s + QString(EventFile::kMaxUrlLength - 20, u'a');
        accepted("exactly the longest", longest, longest);

        refused("javascript", u"javascript:alert(1)"_s,
                u"only http and https addresses are allowed (javascript:alert(1))"_s);
        refused("javascript in capitals", u"JavaScript:alert(1)"_s, u"only http and https addresses are allowed"_s);
        refused("data", u"data:text/html,<script>alert(1)</script>"_s,
                u"only http and https addresses are allowed (data:text/html,"_s);
        refused("file", u"file:///etc/passwd"_s, u"only http and https addresses are allowed (file:///etc/passwd)"_s);
        refused("ftp", u"ftp://example.org/slides.pdf"_s, u"only http and https addresses are allowed"_s);
        refused("mailto", u"mailto:lena@example.org"_s, u"only http and https addresses are allowed"_s);
        refused("relative", u"slides.pdf"_s, u"this is not a complete address"_s);
        refused("relative folder", u"../decks/slides.pdf"_s, u"this is not a complete address"_s);
        refused("without scheme", u"example.org/slides"_s, u"this is not a complete address"_s);
        refused("scheme-relative", u"//example.org/slides"_s, u"this is not a complete address"_s);
        refused("no host", u"https:///slides"_s, u"the address has no host name (https:///slides)"_s);
        refused("no slashes", u"https:example.org"_s, u"the address has no host name"_s);
        refused("space in host", u"https://exa mple.org/"_s, u"this is not a valid web address"_s);
        refused("bad port", u"https://example.org:99999/"_s, u"this is not a valid web address"_s);
        refused("empty", u""_s, u"the address is empty"_s);
        refused("blank", u"   "_s, u"the address is empty"_s);
        refused("too long", longest + u'a', u"the address is 2001 characters long; at most 2000 are allowed"_s);
    }

    void materialAddressesAreCheckedAndKept()
    {
        QFETCH(QString, address);
        QFETCH(QUrl, expected);
        QFETCH(QString, error);
        const Result<QUrl> url = EventFile::parseMaterialUrl(address);
        if (expected.isEmpty()) {
            QVERIFY2(!url, qPrintable(url ? url->toString() : QString()));
            QVERIFY2(url.error().startsWith(error), qPrintable(url.error()));
            return;
        }
        QVERIFY2(url, qPrintable(url ? QString() : url.error()));
        QCOMPARE(*url, expected);
        QCOMPARE(url->toString(), expected.toString());
    }

    void aLongRefusedAddressIsShortenedInTheMessage()
    {
        const QString address = u"data:text/html,"_s + QString(1900, u'x');
        const Result<QUrl> url = EventFile::parseMaterialUrl(address);
        QVERIFY(!url);
        QVERIFY2(url.error().size() < 200, qPrintable(url.error()));
        QVERIFY2(url.error().endsWith(u"xxx\u2026)"_s), qPrintable(url.error()));
    }

    void materialLabelsMayBeEmptyOrLeftOut()
    {
        const QJsonArray materials{
            QJsonObject{{u"label"_s, u""_s}, {u"url"_s, u"https://example.org/a"_s}},
            QJsonObject{{u"url"_s, u"https://example.org/b"_s}},
            QJsonObject{{u"label"_s, u"  スライド  "_s}, {u"url"_s, u"https://example.org/c"_s}}};
        const Result<Event> event = EventFile::parse(fileWith(u"sessions/0/materials"_s, materials), u"/"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        const QList<Material> expected{{QString(), QUrl(u"https://example.org/a"_s)},
                                       {QString(), QUrl(u"https://example.org/b"_s)},
                                       {u"スライド"_s, QUrl(u"https://example.org/c"_s)}};
        QCOMPARE(event->sessions.at(0).materials, expected);
    }

    void invalidFilesAreRefusedNamingThePlace_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // the message starts with it (contains it if no ':'); empty: accepted

        const auto row = [](const char *name, const QString &path, const QJsonValue &value, const QString &expected) {
            QTest::newRow(name) << fileWith(path, value) << expected;
        };
        const QString poll = u"sessions/0/polls/0/"_s;

        QTest::newRow("malformed JSON") << QByteArray("{\n  \"title\": \"x\",\n  oops\n}") << u"line 3, column"_s;
        QTest::newRow("not an object") << QByteArray("[1, 2]") << u"not an object"_s;
        row("missing format version", u"lecternEventFormat"_s, QJsonValue::Undefined, u"\"lecternEventFormat\""_s);
        row("format version is text", u"lecternEventFormat"_s, u"1"_s, u"lecternEventFormat: expected"_s);
        row("newer format", u"lecternEventFormat"_s, 2, u"event format 2"_s);
        row("title is a number", u"title"_s, 5, u"title: expected text, found a number"_s);
        row("title too long", u"title"_s, QString(201, u't'), u"title: the text is 201 characters long"_s);
        row("bad date", u"date"_s, u"2026-02-30"_s, u"date: \"2026-02-30\" is not a date"_s);
        row("date in another format", u"date"_s, u"26.11.2026"_s, u"date: \"26.11.2026\" is not a date"_s);
        row("date is a number", u"date"_s, 20261126, u"date: expected a date"_s);
        row("sessions is an object", u"sessions"_s, QJsonObject(), u"sessions: expected a list, found an object"_s);
        row("session is text", u"sessions/0"_s, u"talk"_s, u"sessions[0]: expected an object, found text"_s);
        row("speaker is a list", u"sessions/0/speaker"_s, QJsonArray(), u"sessions[0].speaker: expected text"_s);
        row("deck is true", u"sessions/0/deck"_s, true, u"sessions[0].deck: expected text, found true or false"_s);
        row("negative talk minutes", u"sessions/0/talkMinutes"_s, -5, u"sessions[0].talkMinutes: minutes cannot"_s);
        row("zero talk minutes", u"sessions/0/talkMinutes"_s, 0, u"sessions[0].talkMinutes: a talk needs"_s);
        // Found by fuzzing: 0.001 minutes passed the "more than 0" check and became a talk of 0 seconds.
        row("talk shorter than a second", u"sessions/0/talkMinutes"_s, 0.001,
            u"sessions[0].talkMinutes: a talk needs"_s);
        row("negative Q&A minutes", u"sessions/0/qaMinutes"_s, -1, u"sessions[0].qaMinutes: minutes cannot"_s);
        row("negative warning minutes", u"sessions/0/warningMinutes"_s, -0.5,
            u"sessions[0].warningMinutes: minutes cannot"_s);
        row("minutes as text", u"sessions/0/qaMinutes"_s, u"5"_s, u"sessions[0].qaMinutes: expected a number"_s);
        row("more than a day", u"sessions/0/talkMinutes"_s, 1441, u"sessions[0].talkMinutes: 1441 minutes"_s);
        row("polls is an object", u"sessions/0/polls"_s, QJsonObject(), u"sessions[0].polls: expected a list"_s);
        row("poll is a number", u"sessions/0/polls/0"_s, 3, u"sessions[0].polls[0]: expected an object"_s);
        row("missing id", poll + u"id"_s, QJsonValue::Undefined, u"sessions[0].polls[0]: the poll has no \"id\""_s);
        row("id with spaces", poll + u"id"_s, u"uses uv"_s, u"sessions[0].polls[0].id: the poll id \"uses uv\""_s);
        row("missing question", poll + u"question"_s, QJsonValue::Undefined,
            u"sessions[0].polls[0]: the poll has no \"question\""_s);
        row("empty question", poll + u"question"_s, u"  "_s, u"sessions[0].polls[0].question: the poll has no"_s);
        row("question too long", poll + u"question"_s, QString(301, u'q'),
            u"sessions[0].polls[0].question: the question is 301 characters long; at most 300"_s);
        row("question is a number", poll + u"question"_s, 42, u"sessions[0].polls[0].question: expected text"_s);
        row("missing kind", poll + u"kind"_s, QJsonValue::Undefined,
            u"sessions[0].polls[0]: the poll has no \"kind\""_s);
        row("unknown kind", poll + u"kind"_s, u"pie"_s, u"sessions[0].polls[0].kind: \"pie\" is not known"_s);
        row("single choice with one option", poll + u"options"_s, QJsonArray{u"Yes"_s},
            u"sessions[0].polls[0]: a single-choice poll needs at least two options"_s);
        row("single choice without options", poll + u"options"_s, QJsonValue::Undefined,
            u"sessions[0].polls[0]: a single-choice poll needs at least two options"_s);
        QJsonArray thirteen;
        for (int i = 1; i <= 13; ++i)
            thirteen.append(u"Option %1"_s.arg(i));
        row("thirteen options", poll + u"options"_s, thirteen,
            u"sessions[0].polls[0].options: a poll has at most 12"_s);
        row("option too long", poll + u"options/1"_s, QString(101, u'o'),
            u"sessions[0].polls[0].options[1]: the option is 101 characters long; at most 100"_s);
        row("option is a number", poll + u"options/2"_s, 3, u"sessions[0].polls[0].options[2]: expected text or"_s);
        row("option object without label", poll + u"options/2"_s, QJsonObject{{u"id"_s, u"x"_s}},
            u"sessions[0].polls[0].options[2].label: expected text, found nothing"_s);
        row("duplicate option text", poll + u"options/2"_s, u"Yes"_s,
            u"sessions[0].polls[0].options[2]: another option already says \"Yes\""_s);
        row("options is text", poll + u"options"_s, u"Yes, No"_s, u"sessions[0].polls[0].options: expected a list"_s);
        row("rating with options", poll + u"kind"_s, u"rating"_s,
            u"sessions[0].polls[0].options: a rating poll takes no options"_s);
        const QStringList ratingPath{u"sessions"_s, u"0"_s, u"polls"_s, u"0"_s};
        QJsonObject rating = withValue(validFile(), ratingPath + QStringList{u"kind"_s}, u"rating"_s).toObject();
        rating = withValue(rating, ratingPath + QStringList{u"options"_s}, QJsonValue::Undefined).toObject();
        QTest::newRow("rating labels are text")
            << toJson(withValue(rating, ratingPath + QStringList{u"ratingLabels"_s}, u"bad, good"_s).toObject())
            << u"sessions[0].polls[0].ratingLabels: expected an object"_s;
        QTest::newRow("rating label too long")
            << toJson(withValue(rating, ratingPath + QStringList{u"ratingLabels"_s},
                                QJsonObject{{u"low"_s, QString(101, u'l')}})
                          .toObject())
            << u"sessions[0].polls[0].ratingLabels.low: the text is 101 characters long"_s;
        QTest::newRow("rating labels on a choice poll are ignored, not an error")
            << fileWith(poll + u"ratingLabels"_s, u"ignored"_s) << QString();
        row("unknown onSlide", poll + u"onSlide"_s, u"show"_s,
            u"sessions[0].polls[0].onSlide: \"show\" is not known"_s);
        row("unknown showResults", poll + u"showResults"_s, u"always"_s,
            u"sessions[0].polls[0].showResults: \"always\" is not known"_s);
        row("slide is a number", poll + u"slide"_s, 18, u"sessions[0].polls[0].slide: expected text, found a number"_s);

        row("start is a number", u"start"_s, 1900, u"start: expected a time written HH:MM, found a number"_s);
        row("start is true", u"start"_s, true, u"start: expected a time written HH:MM, found true or false"_s);
        row("start 7pm", u"start"_s, u"7pm"_s,
            u"start: \"7pm\" is not a time written HH:MM (24-hour clock), such as 19:00"_s);
        row("start with seconds", u"start"_s, u"19:00:00"_s, u"start: \"19:00:00\" is not a time"_s);
        row("start hour 24", u"start"_s, u"24:00"_s, u"start: \"24:00\" is not a time"_s);
        row("start minute 60", u"start"_s, u"19:60"_s, u"start: \"19:60\" is not a time"_s);
        row("start without colon", u"start"_s, u"1900"_s, u"start: \"1900\" is not a time"_s);
        row("start with a dot", u"start"_s, u"19.00"_s, u"start: \"19.00\" is not a time"_s);
        row("start in other digits", u"start"_s, u"１９:００"_s, u"start: \"１９:００\" is not a time"_s);

        const QString material = u"sessions/0/materials/0/"_s;
        row("materials is an object", u"sessions/0/materials"_s, QJsonObject(),
            u"sessions[0].materials: expected a list, found an object"_s);
        row("materials is text", u"sessions/0/materials"_s, u"https://example.org"_s,
            u"sessions[0].materials: expected a list, found text"_s);
        row("material is text", u"sessions/0/materials/0"_s, u"https://example.org"_s,
            u"sessions[0].materials[0]: expected an object with \"label\" and \"url\", found text"_s);
        row("material label is a number", material + u"label"_s, 1,
            u"sessions[0].materials[0].label: expected text, found a number"_s);
        row("material label too long", material + u"label"_s, QString(101, u'l'),
            u"sessions[0].materials[0].label: the text is 101 characters long; at most 100"_s);
        QTest::newRow("material label of 100 characters")
            << fileWith(material + u"label"_s, QString(100, u'l')) << QString();
        row("material without url", u"sessions/0/materials/1/url"_s, QJsonValue::Undefined,
            u"sessions[0].materials[1]: the material has no \"url\""_s);
        row("material url is null", material + u"url"_s, QJsonValue::Null,
            u"sessions[0].materials[0]: the material has no \"url\""_s);
        row("material url is a number", material + u"url"_s, 42,
            u"sessions[0].materials[0].url: expected an http or https address, found a number"_s);
        row("material url is an object", material + u"url"_s, QJsonObject{{u"href"_s, u"https://x.org"_s}},
            u"sessions[0].materials[0].url: expected an http or https address, found an object"_s);
        row("javascript url", material + u"url"_s, u"javascript:alert(1)"_s,
            u"sessions[0].materials[0].url: only http and https addresses are allowed (javascript:alert(1))"_s);
        row("data url", material + u"url"_s, u"data:text/html;base64,PHNjcmlwdD4="_s,
            u"sessions[0].materials[0].url: only http and https addresses are allowed (data:"_s);
        row("file url", material + u"url"_s, u"file:///home/lena/slides.pdf"_s,
            u"sessions[0].materials[0].url: only http and https addresses are allowed (file:"_s);
        row("relative url", material + u"url"_s, u"slides/uv.pdf"_s,
            u"sessions[0].materials[0].url: this is not a complete address"_s);
        row("url without scheme", material + u"url"_s, u"example.org/slides"_s,
            u"sessions[0].materials[0].url: this is not a complete address"_s);
        row("url too long", material + u"url"_s, QString(u"https://example.org/"_s + QString(1981, u'a')),
            u"sessions[0].materials[0].url: the address is 2001 characters long; at most 2000"_s);
        QTest::newRow("javascript url in the second session")
            << fileWith(u"sessions/1/materials"_s,
                        QJsonArray{QJsonObject{{u"label"_s, u"Slides"_s}, {u"url"_s, u"javascript:alert(1)"_s}}})
            << u"sessions[1].materials[0].url: only http and https addresses are allowed (javascript:alert(1))"_s;
        QJsonArray tooMany;
        for (int i = 0; i <= EventFile::kMaxMaterials; ++i)
            tooMany.append(QJsonObject{{u"url"_s, u"https://example.org/%1"_s.arg(i)}});
        row("21 materials", u"sessions/0/materials"_s, tooMany,
            u"sessions[0].materials: a session lists at most 20 materials; this one lists 21"_s);
        tooMany.removeLast();
        QTest::newRow("20 materials") << fileWith(u"sessions/0/materials"_s, tooMany) << QString();
        row("deckDownload is text", u"sessions/0/deckDownload"_s, u"yes"_s,
            u"sessions[0].deckDownload: expected true or false, found text"_s);
        row("deckDownload is a number", u"sessions/0/deckDownload"_s, 1,
            u"sessions[0].deckDownload: expected true or false, found a number"_s);

        QJsonObject multiple = validFile();
        multiple =
            withValue(multiple, {u"sessions"_s, u"0"_s, u"polls"_s, u"0"_s, u"kind"_s}, u"multiple"_s).toObject();
        QTest::newRow("max choices zero")
            << toJson(withValue(multiple, {u"sessions"_s, u"0"_s, u"polls"_s, u"0"_s, u"maxChoices"_s}, 0).toObject())
            << u"sessions[0].polls[0].maxChoices: expected a whole number"_s;
        QTest::newRow("max choices above the options")
            << toJson(withValue(multiple, {u"sessions"_s, u"0"_s, u"polls"_s, u"0"_s, u"maxChoices"_s}, 4).toObject())
            << u"sessions[0].polls[0].maxChoices: 4 is not between 1"_s;
        QTest::newRow("max choices a fraction")
            << toJson(withValue(multiple, {u"sessions"_s, u"0"_s, u"polls"_s, u"0"_s, u"maxChoices"_s}, 1.5).toObject())
            << u"sessions[0].polls[0].maxChoices: expected a whole number"_s;

        QJsonObject twoPolls = validFile();
        QJsonObject second =
            twoPolls.value(u"sessions"_s).toArray().at(0).toObject().value(u"polls"_s).toArray().at(0).toObject();
        second.insert(u"question"_s, u"Again?"_s);
        QJsonObject secondSession{
            {u"polls"_s,
             QJsonArray{QJsonObject{{u"id"_s, u"other"_s}, {u"question"_s, u"Other?"_s}, {u"kind"_s, u"open"_s}},
                        second}}};
        twoPolls = withValue(twoPolls, {u"sessions"_s, u"1"_s}, secondSession).toObject();
        QTest::newRow("duplicate poll id across sessions")
            << toJson(twoPolls)
            << u"sessions[1].polls[1]: the poll id \"uses-uv\" is already used by sessions[0].polls[0]"_s;
    }

    void invalidFilesAreRefusedNamingThePlace()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const Result<Event> event = EventFile::parse(json, u"/"_s);
        if (expected.isEmpty()) {
            QVERIFY2(event, qPrintable(event ? QString() : event.error()));
            return;
        }
        QVERIFY2(!event, json.constData());
        if (expected.contains(u':'))
            QVERIFY2(event.error().startsWith(expected), qPrintable(event.error()));
        else
            QVERIFY2(event.error().contains(expected), qPrintable(event.error()));
    }

    void roundTripKeepsEverything()
    {
        Event event;
        event.title = u"Robust Python evening · 日本"_s;
        event.date = QDate(2026, 11, 26);
        event.startTime = QTime(19, 5);
        event.venue = u"Hackspace, room 2"_s;
        Session first;
        first.title = u"Tests as experiment design"_s;
        first.speaker = u"Jonas Berg"_s;
        first.deckPath = u"/talks/decks/tests.pdf"_s;
        first.timing.talkTime = seconds(450);
        first.timing.qaTime = 0min;
        first.timing.warningTime = 2min;
        first.polls = {fullPoll(u"single"_s, Poll::Kind::SingleChoice),
                       fullPoll(u"multiple"_s, Poll::Kind::MultipleChoice), fullPoll(u"rating"_s, Poll::Kind::Rating)};
        first.materials = {{u"Slides"_s, QUrl(u"https://example.org/tests.pdf"_s)},
                           {QString(), QUrl(u"http://[::1]:8080/code?lang=py#main"_s)},
                           {u"資料"_s, QUrl(u"https://例え.jp/スライド/%E2%9C%93"_s)}};
        first.deckDownload = true;
        Session second;
        second.title = u"Reproducible environments"_s;
        second.deckPath = u"/elsewhere/nix.pdf"_s;
        second.polls = {fullPoll(u"words"_s, Poll::Kind::WordCloud), fullPoll(u"open"_s, Poll::Kind::OpenText)};
        second.polls[1].resultsVisibility = Poll::ResultsVisibility::Never;
        second.polls[1].slideLabel.clear();
        Session third; // no deck, no polls, default timing
        event.sessions = {first, second, third};

        const Result<Event> absolute = EventFile::parse(EventFile::serialize(event), u"/unrelated"_s);
        QVERIFY2(absolute, qPrintable(absolute ? QString() : absolute.error()));
        QCOMPARE(*absolute, event);

        const QByteArray relativeJson = EventFile::serialize(event, u"/talks"_s);
        QVERIFY(relativeJson.contains("\"decks/tests.pdf\""));
        QVERIFY(relativeJson.contains("\"/elsewhere/nix.pdf\""));
        const Result<Event> relative = EventFile::parse(relativeJson, u"/talks"_s);
        QVERIFY2(relative, qPrintable(relative ? QString() : relative.error()));
        QCOMPARE(*relative, event);
    }

    void aParsedFileWrittenAgainReadsTheSame()
    {
        const Result<Event> parsed = EventFile::parse(toJson(validFile()), u"/talks"_s);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error()));
        const Result<Event> again = EventFile::parse(EventFile::serialize(*parsed, u"/talks"_s), u"/talks"_s);
        QVERIFY2(again, qPrintable(again ? QString() : again.error()));
        QCOMPARE(*again, *parsed);
    }

    void serializeWritesTheNewFieldsOnlyWhenSet()
    {
        Event event;
        event.date = QDate(2026, 11, 26);
        Session plain;
        Session downloadable;
        downloadable.deckDownload = true;
        downloadable.materials = {{u"Slides"_s, QUrl(u"https://example.org/s"_s)}};
        event.sessions = {plain, downloadable};
        QJsonObject root = QJsonDocument::fromJson(EventFile::serialize(event)).object();
        QVERIFY(!root.contains(u"start"_s));
        const QJsonArray sessions = root.value(u"sessions"_s).toArray();
        QVERIFY(!sessions.at(0).toObject().contains(u"deckDownload"_s));
        QVERIFY(!sessions.at(0).toObject().contains(u"materials"_s));
        QCOMPARE(sessions.at(1).toObject().value(u"deckDownload"_s), QJsonValue(true));
        const QJsonArray materials{QJsonObject{{u"label"_s, u"Slides"_s}, {u"url"_s, u"https://example.org/s"_s}}};
        QCOMPARE(sessions.at(1).toObject().value(u"materials"_s).toArray(), materials);

        event.startTime = QTime(7, 30);
        root = QJsonDocument::fromJson(EventFile::serialize(event)).object();
        QCOMPARE(root.value(u"start"_s).toString(), u"07:30"_s);
    }

    void serializedFileDeclaresItsFormat()
    {
        const QJsonObject root = QJsonDocument::fromJson(EventFile::serialize(Event())).object();
        QCOMPARE(root.value(u"lecternEventFormat"_s).toInt(), EventFile::kFormatVersion);
    }

    void relativeDeckPathsResolveAgainstTheFilesDirectory_data()
    {
        QTest::addColumn<QString>("deck");
        QTest::addColumn<QString>("baseDirectory");
        QTest::addColumn<QString>("expected");
        QTest::newRow("beside the file") << u"talk.pdf"_s << u"/events/meetup"_s << u"/events/meetup/talk.pdf"_s;
        QTest::newRow("in a subfolder") << u"decks/talk.pdf"_s << u"/events/meetup"_s
                                        << u"/events/meetup/decks/talk.pdf"_s;
        QTest::newRow("dot dot is cleaned")
            << u"../shared/./talk.pdf"_s << u"/events/meetup"_s << u"/events/shared/talk.pdf"_s;
        QTest::newRow("absolute stays") << u"/srv/talk.pdf"_s << u"/events/meetup"_s << u"/srv/talk.pdf"_s;
        // Found by fuzzing: Qt reads a path starting with ':' as one of the program's resources (":/.." cleaned to
        // ".").
        QTest::newRow("colon is a file name, not a resource")
            << u":/demo/talk.pdf"_s << u"/events/meetup"_s << u"/events/meetup/:/demo/talk.pdf"_s;
        QTest::newRow("colon dot dot stays in the folder") << u":/.."_s << u"/events/meetup"_s << u"/events/meetup"_s;
    }

    void relativeDeckPathsResolveAgainstTheFilesDirectory()
    {
        QFETCH(QString, deck);
        QFETCH(QString, baseDirectory);
        QFETCH(QString, expected);
        const Result<Event> event = EventFile::parse(fileWith(u"sessions/0/deck"_s, deck), baseDirectory);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->sessions.at(0).deckPath, expected);
    }

    void aPollRoundTripsAloneAsInsideAFile_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("single") << int(Poll::Kind::SingleChoice);
        QTest::newRow("multiple") << int(Poll::Kind::MultipleChoice);
        QTest::newRow("rating") << int(Poll::Kind::Rating);
        QTest::newRow("word cloud") << int(Poll::Kind::WordCloud);
        QTest::newRow("open text") << int(Poll::Kind::OpenText);
    }

    void aPollRoundTripsAloneAsInsideAFile()
    {
        QFETCH(int, kind);
        const Poll poll = fullPoll(u"live-1"_s, Poll::Kind(kind));
        const QByteArray json = EventFile::serializePoll(poll);
        const Result<Poll> parsed = EventFile::parsePoll(json);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error()));
        QCOMPARE(*parsed, poll);

        // The same object a poll is inside an event file.
        Event event;
        Session session;
        session.polls = {poll};
        event.sessions = {session};
        const QJsonObject inFile = QJsonDocument::fromJson(EventFile::serialize(event))
                                       .object()
                                       .value("sessions"_L1)
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value("polls"_L1)
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QCOMPARE(QJsonDocument::fromJson(json).object(), inFile);
    }

    void aBrokenPollIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not JSON") << QByteArray("{\"id\": ") << u"invalid JSON at line 1"_s;
        QTest::newRow("a list") << QByteArray("[]") << u"expected an object"_s;
        QTest::newRow("no id") << QByteArray(R"({"question":"Q?","kind":"rating"})") << u"no \"id\""_s;
        QTest::newRow("one option") << QByteArray(R"({"id":"p","question":"Q?","kind":"single","options":["Yes"]})")
                                    << u"at least two"_s;
        QTest::newRow("unknown kind") << QByteArray(R"({"id":"p","question":"Q?","kind":"poll"})")
                                      << u"\"poll\" is not known"_s;
    }

    void aBrokenPollIsRefusedWithTheReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const Result<Poll> parsed = EventFile::parsePoll(json);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(mentions), qPrintable(parsed.error()));
    }

    void sidecarSitsBesideTheDeck_data()
    {
        QTest::addColumn<QString>("deck");
        QTest::addColumn<QString>("sidecar");
        QTest::newRow("absolute") << u"/talks/talk.pdf"_s << u"/talks/talk.lectern.json"_s;
        QTest::newRow("relative") << u"talk.pdf"_s << u"talk.lectern.json"_s;
        QTest::newRow("relative folder") << u"decks/talk.pdf"_s << u"decks/talk.lectern.json"_s;
        QTest::newRow("dots in the name") << u"/t/python.3.13.pdf"_s << u"/t/python.3.13.lectern.json"_s;
        QTest::newRow("upper-case suffix") << u"/t/Talk.PDF"_s << u"/t/Talk.lectern.json"_s;
        QTest::newRow("no suffix") << u"/t/talk"_s << u"/t/talk.lectern.json"_s;
    }

    void sidecarSitsBesideTheDeck()
    {
        QFETCH(QString, deck);
        QFETCH(QString, sidecar);
        QCOMPARE(EventFile::sidecarPath(deck), sidecar);
    }

    void theDocumentedExampleParses()
    {
        // model/EVENTFILE.md shows a whole evening; what it shows must be a file that opens.
        // The test data folder need not exist: the path is cleaned as text.
        QFile documentation(
            QDir::cleanPath(QStringLiteral(LECTERN_TEST_DATA_DIR "/../../../app/core/model/EVENTFILE.md")));
        QVERIFY2(documentation.open(QIODevice::ReadOnly), qPrintable(documentation.fileName()));
        const QByteArray text = documentation.readAll();
        const qsizetype begin = text.indexOf("```json\n");
        QVERIFY(begin >= 0);
        const qsizetype end = text.indexOf("```", begin + 8);
        QVERIFY(end > begin);
        const Result<Event> event = EventFile::parse(text.mid(begin + 8, end - begin - 8), u"/talks"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->startTime, std::optional(QTime(19, 0)));
        QCOMPARE(event->sessions.size(), 4);
        QCOMPARE(event->sessions.at(0).deckPath, u"/talks/decks/uv-and-nix.pdf"_s);
        QVERIFY(event->sessions.at(0).deckDownload);
        for (const Session &session : event->sessions) {
            QVERIFY(!session.title.isEmpty() && !session.speaker.isEmpty() && !session.deckPath.isEmpty());
            QVERIFY(!session.materials.isEmpty());
            QVERIFY(!session.polls.isEmpty());
        }
    }

    void theDemoEventFileParsesAsAWholeEvening()
    {
        // The shipped example uses every field; its content is checked against its decks in tst_demodeck.
        QFile file(u":/demo/demo.lectern.json"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Result<Event> event = EventFile::parse(file.readAll(), u"/demo-run"_s);
        QVERIFY2(event, qPrintable(event ? QString() : event.error()));
        QCOMPARE(event->title, u"Robust Python evening"_s);
        QVERIFY(event->date.isValid());
        QVERIFY(event->startTime);
        QCOMPARE(event->sessions.size(), 4);
        bool anyDownload = false;
        for (const Session &session : event->sessions) {
            QVERIFY2(session.deckPath.startsWith(u"/demo-run/"_s), qPrintable(session.deckPath));
            QVERIFY(!session.materials.isEmpty());
            for (const Material &material : session.materials)
                QVERIFY2(material.url.scheme() == u"https"_s || material.url.scheme() == u"http"_s,
                         qPrintable(material.url.toString()));
            anyDownload = anyDownload || session.deckDownload;
        }
        QVERIFY(anyDownload);
        // Written again and read back, it is the same event.
        const Result<Event> again = EventFile::parse(EventFile::serialize(*event, u"/demo-run"_s), u"/demo-run"_s);
        QVERIFY2(again, qPrintable(again ? QString() : again.error()));
        QCOMPARE(*again, *event);
    }
};

QTEST_GUILESS_MAIN(TestEventFile)
#include "tst_eventfile.moc"
