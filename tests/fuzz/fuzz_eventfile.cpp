// Fuzz target: the event file (`*.lectern.json`, model/EVENTFILE.md: EventFile::parse and EventFile::parsePoll),
// which may come from anyone. What it reads is valid (every poll passes its own rules, every material may go to
// phones), writes back to a file that reads the same, and makes an agenda message phones can read.
#include "fuzzcheck.h"
#include "model/agenda.h"
#include "model/eventfile.h"
#include "server/agendamessages.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

using namespace Lectern;
using namespace Lectern::Fuzz;
using namespace Qt::StringLiterals;

namespace {

const QString kBaseDirectory = u"/talks/evening"_s;

void checkPoll(const Poll &poll)
{
    require(poll.validate().has_value(), "a poll read from a file keeps its rules");
    const QByteArray json = EventFile::serializePoll(poll);
    const Result<Poll> again = EventFile::parsePoll(json);
    require(again.has_value(), "a poll written reads back");
    require(*again == poll || hasStringStartingWithByteOrderMark(json), "a poll written and read back is the same");
}

void checkAgendaMessage(const Event &event)
{
    const QDateTime now(QDate(2026, 11, 26), QTime(19, 30), QTimeZone::utc());
    const Agenda agenda = Agenda::compute(event, {}, event.sessions.isEmpty() ? -1 : 0, now);
    const QHash<int, AgendaMessages::DeckDownload> decks{{0, {u"talk.pdf"_s, 1234}}};
    const QJsonObject message =
        writtenObject(AgendaMessages::agendaMessage(event, agenda, decks), "an agenda message is a JSON object");
    for (const QJsonValue &session : message.value("sessions"_L1).toArray()) {
        for (const QJsonValue &material : session.toObject().value("materials"_L1).toArray()) {
            const QString url = material.toObject().value("url"_L1).toString();
            require(url.startsWith("http://"_L1) || url.startsWith("https://"_L1),
                    "an agenda message links only to http and https addresses");
        }
    }
}

void checkEvent(const Event &event)
{
    for (const Session &session : event.sessions) {
        require(session.timing.talkTime.count() > 0, "a session's talk takes time");
        require(session.deckPath.isEmpty() ||
                    (QDir::isAbsolutePath(session.deckPath) && !session.deckPath.startsWith(u':')),
                "deck paths come out absolute, and never name one of the program's resources");
        for (const Poll &poll : session.polls)
            checkPoll(poll);
        require(session.materials.size() <= EventFile::kMaxMaterials, "a session has a bounded number of materials");
        for (const Material &material : session.materials)
            require(AgendaMessages::isSendable(material), "every material read from a file may go to phones");
    }
    const QByteArray json = EventFile::serialize(event, kBaseDirectory);
    const Result<Event> again = EventFile::parse(json, kBaseDirectory);
    require(again.has_value(), "an event written to a file reads back");
    require(*again == event || hasStringStartingWithByteOrderMark(json), "an event written and read back is the same");
    checkAgendaMessage(event);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = bytesOf(data, size);
    if (const Result<Event> event = EventFile::parse(json, kBaseDirectory))
        checkEvent(*event);
    else
        require(!event.error().isEmpty(), "an event file that cannot be read is told why");
    // The poll editor and the database read single polls the same way.
    if (const Result<Poll> poll = EventFile::parsePoll(json))
        checkPoll(*poll);
    return 0;
}
