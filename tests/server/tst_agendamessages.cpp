#include "model/eventfile.h"
#include "server/agendamessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Lectern;
using namespace Lectern::AgendaMessages;
using namespace std::chrono;
using namespace Qt::StringLiterals;

namespace {

QJsonObject parsed(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qWarning() << "not a JSON object:" << json << error.errorString();
    return document.object();
}

/** Local time on the event's evening: what the agenda shows is the laptop's local time of day. */
QDateTime evening(int hour, int minute)
{
    return QDateTime(QDate(2026, 11, 26), QTime(hour, minute), Qt::LocalTime);
}

Event plan()
{
    Session first;
    first.title = u"uv and Nix"_s;
    first.speaker = u"Aiko"_s;
    first.materials = {{u"Slides"_s, QUrl(u"https://example.org/slides"_s)},
                       {u"Sample code"_s, QUrl(u"http://example.org/code"_s)}};
    Session second;
    second.title = u"型ヒント"_s;
    second.speaker = u"Ben"_s;
    Event event;
    event.title = u"Robust Python evening"_s;
    event.date = QDate(2026, 11, 26);
    event.venue = u"Hackspace, room 2"_s;
    event.sessions = {first, second};
    return event;
}

Agenda agendaOf(const Event &event, int onStage)
{
    Agenda agenda;
    for (int i = 0; i < event.sessions.size(); ++i) {
        AgendaEntry entry;
        entry.sessionIndex = i;
        entry.title = event.sessions.at(i).title;
        entry.speaker = event.sessions.at(i).speaker;
        entry.onStage = i == onStage;
        agenda.entries.append(entry);
    }
    return agenda;
}

QJsonArray materialsSent(const QList<Material> &materials)
{
    Event event = plan();
    event.sessions[0].materials = materials;
    return parsed(agendaMessage(event, agendaOf(event, 0), {}))
        .value("sessions"_L1)
        .toArray()
        .at(0)
        .toObject()
        .value("materials"_L1)
        .toArray();
}

} // namespace

class TestAgendaMessages : public QObject
{
    Q_OBJECT

private slots:
    void agendaCarriesTheEventAndEachSessionsTimes();
    void behindIsInWholeMinutesTowardZero_data();
    void behindIsInWholeMinutesTowardZero();
    void withoutADateOrVenueTheyAreEmptyAndNothingOnStageIsMinusOne();
    void deckIsSentOnlyForTheSessionsGiven();
    void onlyHttpAndHttpsMaterialsAreSent_data();
    void onlyHttpAndHttpsMaterialsAreSent();
    void materialsOverTheLimitsAreNotSent();
    void materialAddressIsSentFullyEncoded();
    void attachmentDispositionIsSafe_data();
    void attachmentDispositionIsSafe();
};

void TestAgendaMessages::agendaCarriesTheEventAndEachSessionsTimes()
{
    const Event event = plan();
    Agenda agenda = agendaOf(event, 1);
    agenda.entries[0].plannedStart = evening(19, 0);
    agenda.entries[0].plannedEnd = evening(19, 20);
    agenda.entries[0].actualStart = evening(19, 2);
    agenda.entries[0].actualEnd = evening(19, 23);
    agenda.entries[1].plannedStart = evening(19, 20);
    agenda.entries[1].plannedEnd = evening(19, 40);
    agenda.entries[1].actualStart = evening(19, 24);
    agenda.behind = 4min;

    const QJsonObject message = parsed(agendaMessage(event, agenda, {}));
    QCOMPARE(message.value("type"_L1).toString(), u"agenda"_s);
    const QJsonObject eventObject = message.value("event"_L1).toObject();
    QCOMPARE(eventObject.value("title"_L1).toString(), u"Robust Python evening"_s);
    QCOMPARE(eventObject.value("date"_L1).toString(), u"2026-11-26"_s);
    QCOMPARE(eventObject.value("venue"_L1).toString(), u"Hackspace, room 2"_s);
    QCOMPARE(message.value("onStage"_L1).toInt(-2), 1);
    QCOMPARE(message.value("behindMinutes"_L1).toInt(-99), 4);

    const QJsonArray sessions = message.value("sessions"_L1).toArray();
    QCOMPARE(sessions.size(), 2);
    const QJsonObject first = sessions.at(0).toObject();
    QCOMPARE(first.value("index"_L1).toInt(-1), 0);
    QCOMPARE(first.value("title"_L1).toString(), u"uv and Nix"_s);
    QCOMPARE(first.value("speaker"_L1).toString(), u"Aiko"_s);
    QCOMPARE(first.value("plannedStart"_L1).toString(), u"19:00"_s);
    QCOMPARE(first.value("plannedEnd"_L1).toString(), u"19:20"_s);
    QCOMPARE(first.value("actualStart"_L1).toString(), u"19:02"_s);
    QCOMPARE(first.value("actualEnd"_L1).toString(), u"19:23"_s);
    const QJsonArray materials = first.value("materials"_L1).toArray();
    QCOMPARE(materials.size(), 2);
    QCOMPARE(materials.at(0).toObject(),
             (QJsonObject{{"label"_L1, u"Slides"_s}, {"url"_L1, u"https://example.org/slides"_s}}));
    QCOMPARE(materials.at(1).toObject(),
             (QJsonObject{{"label"_L1, u"Sample code"_s}, {"url"_L1, u"http://example.org/code"_s}}));
    QVERIFY(first.value("deck"_L1).isNull());

    const QJsonObject second = sessions.at(1).toObject();
    QCOMPARE(second.value("index"_L1).toInt(-1), 1);
    QCOMPARE(second.value("title"_L1).toString(), u"型ヒント"_s);
    QCOMPARE(second.value("actualStart"_L1).toString(), u"19:24"_s);
    QVERIFY(second.value("actualEnd"_L1).isNull());
    QVERIFY(second.contains("actualEnd"_L1));
    QCOMPARE(second.value("materials"_L1).toArray().size(), 0);
}

void TestAgendaMessages::behindIsInWholeMinutesTowardZero_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("minutes");
    QTest::newRow("on time") << 0 << 0;
    QTest::newRow("under a minute behind") << 59 << 0;
    QTest::newRow("four and a half behind") << 270 << 4;
    QTest::newRow("ninety seconds ahead") << -90 << -1;
}

void TestAgendaMessages::behindIsInWholeMinutesTowardZero()
{
    QFETCH(int, seconds);
    QFETCH(int, minutes);
    const Event event = plan();
    Agenda agenda = agendaOf(event, 0);
    agenda.behind = std::chrono::seconds(seconds);
    QCOMPARE(parsed(agendaMessage(event, agenda, {})).value("behindMinutes"_L1).toInt(-99), minutes);
}

void TestAgendaMessages::withoutADateOrVenueTheyAreEmptyAndNothingOnStageIsMinusOne()
{
    Event event = plan();
    event.date = QDate();
    event.venue.clear();
    const QJsonObject message = parsed(agendaMessage(event, agendaOf(event, -1), {}));
    QCOMPARE(message.value("event"_L1).toObject().value("date"_L1), QJsonValue(QString()));
    QCOMPARE(message.value("event"_L1).toObject().value("venue"_L1), QJsonValue(QString()));
    QCOMPARE(message.value("onStage"_L1).toInt(0), -1);
    const QJsonObject first = message.value("sessions"_L1).toArray().at(0).toObject();
    for (const auto key : {"plannedStart"_L1, "plannedEnd"_L1, "actualStart"_L1, "actualEnd"_L1}) {
        QVERIFY2(first.contains(key), qPrintable(key));
        QVERIFY2(first.value(key).isNull(), qPrintable(key));
    }
}

void TestAgendaMessages::deckIsSentOnlyForTheSessionsGiven()
{
    const Event event = plan();
    const QJsonArray sessions =
        parsed(agendaMessage(event, agendaOf(event, 0), {{1, DeckDownload{u"型ヒント.pdf"_s, 123456}}}))
            .value("sessions"_L1)
            .toArray();
    QVERIFY(sessions.at(0).toObject().value("deck"_L1).isNull());
    QCOMPARE(sessions.at(1).toObject().value("deck"_L1).toObject(),
             (QJsonObject{{"url"_L1, u"/deck/1"_s}, {"name"_L1, u"型ヒント.pdf"_s}, {"bytes"_L1, 123456}}));
    QCOMPARE(deckPath(12), u"/deck/12"_s);
}

void TestAgendaMessages::onlyHttpAndHttpsMaterialsAreSent_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("sent");
    QTest::newRow("https") << u"https://example.org/slides"_s << true;
    QTest::newRow("http with port and query") << u"http://192.168.1.20:8000/code?x=1#top"_s << true;
    QTest::newRow("scheme in capitals") << u"HTTPS://Example.org/"_s << true;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s << false;
    QTest::newRow("javascript in capitals") << u"JaVaScRiPt:alert(document.cookie)"_s << false;
    QTest::newRow("data") << u"data:text/html,<script>alert(1)</script>"_s << false;
    QTest::newRow("file") << u"file:///etc/passwd"_s << false;
    QTest::newRow("vbscript") << u"vbscript:msgbox(1)"_s << false;
    QTest::newRow("ftp") << u"ftp://example.org/slides.pdf"_s << false;
    QTest::newRow("relative") << u"/slides.pdf"_s << false;
    QTest::newRow("protocol-relative") << u"//example.org/slides"_s << false;
    QTest::newRow("https without a host") << u"https:javascript:alert(1)"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestAgendaMessages::onlyHttpAndHttpsMaterialsAreSent()
{
    QFETCH(QString, address);
    QFETCH(bool, sent);
    // Built by hand, as a plan that did not come through the event file's parser may be.
    const Material material{u"Link"_s, QUrl(address)};
    QCOMPARE(isSendable(material), sent);
    const QJsonArray materials = materialsSent({material});
    QCOMPARE(materials.size(), sent ? 1 : 0);
    if (sent) {
        const QString url = materials.at(0).toObject().value("url"_L1).toString();
        QVERIFY(url.startsWith("http://"_L1) || url.startsWith("https://"_L1));
    }
}

void TestAgendaMessages::materialsOverTheLimitsAreNotSent()
{
    QList<Material> many;
    for (int i = 0; i < EventFile::kMaxMaterials + 5; ++i)
        many.append({u"Link %1"_s.arg(i), QUrl(u"https://example.org/%1"_s.arg(i))});
    const QJsonArray capped = materialsSent(many);
    QCOMPARE(capped.size(), EventFile::kMaxMaterials);
    QCOMPARE(capped.last().toObject().value("label"_L1).toString(), u"Link %1"_s.arg(EventFile::kMaxMaterials - 1));

    const QString longestLabel(EventFile::kMaxMaterialLabelLength, u'あ');
    const QString longestUrl = u"https://example.org/"_s + QString(EventFile::kMaxUrlLength - 20, u'a');
    QCOMPARE(materialsSent({{longestLabel, QUrl(longestUrl)}}).size(), 1);
    QCOMPARE(materialsSent({{longestLabel + u'あ', QUrl(longestUrl)}}).size(), 0);
    QCOMPARE(materialsSent({{longestLabel, QUrl(longestUrl + u'a')}}).size(), 0);
    // A bad one among good ones is left out alone.
    const QJsonArray mixed = materialsSent({{u"Good"_s, QUrl(u"https://example.org/a"_s)},
                                            {u"Bad"_s, QUrl(u"javascript:alert(1)"_s)},
                                            {u"Also good"_s, QUrl(u"https://example.org/b"_s)}});
    QCOMPARE(mixed.size(), 2);
    QCOMPARE(mixed.at(1).toObject().value("label"_L1).toString(), u"Also good"_s);
}

void TestAgendaMessages::materialAddressIsSentFullyEncoded()
{
    QCOMPARE(sentUrl(QUrl(u"https://example.org/スライド?q=a b"_s)),
             u"https://example.org/%E3%82%B9%E3%83%A9%E3%82%A4%E3%83%89?q=a%20b"_s);
    // A host in another script goes out in its ASCII (punycode) form, which shows what the link really is.
    QCOMPARE(sentUrl(QUrl(u"https://例え.jp/"_s)), u"https://xn--r8jz45g.jp/"_s);
}

void TestAgendaMessages::attachmentDispositionIsSafe_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("plain") << u"uv-and-nix.pdf"_s << "attachment; filename=\"uv-and-nix.pdf\""_ba;
    QTest::newRow("spaces and punctuation kept")
        << u"Talk (final) v2!.pdf"_s << "attachment; filename=\"Talk (final) v2!.pdf\""_ba;
    QTest::newRow("quote and backslash") << u"a\"b\\c.pdf"_s
                                         << "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf"_ba;
    QTest::newRow("line break cannot split the header")
        << u"x\r\nSet-Cookie: a=b.pdf"_s
        << "attachment; filename=\"x__Set-Cookie: a=b.pdf\"; filename*=UTF-8''x%0D%0ASet-Cookie%3A%20a%3Db.pdf"_ba;
    QTest::newRow("Japanese") << u"型ヒント.pdf"_s
                              << "attachment; filename=\"____.pdf\"; "
                                 "filename*=UTF-8''%E5%9E%8B%E3%83%92%E3%83%B3%E3%83%88.pdf"_ba;
    QTest::newRow("one character outside the BMP is one replacement")
        << u"🐍.pdf"_s << "attachment; filename=\"_.pdf\"; filename*=UTF-8''%F0%9F%90%8D.pdf"_ba;
    QTest::newRow("empty") << QString() << "attachment; filename=\"download\""_ba;
}

void TestAgendaMessages::attachmentDispositionIsSafe()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, header);
    const QByteArray value = attachmentDisposition(name);
    QCOMPARE(value, header);
    for (const char c : value)
        QVERIFY2(c >= 0x20 && c < 0x7f, value.constData());
}

QTEST_GUILESS_MAIN(TestAgendaMessages)
#include "tst_agendamessages.moc"
