// Fuzz target: the JSON body of an HTTP request (PROTOCOL.md, `POST /api/v1/join`: PollMessages::parseJoinRequest,
// the one route with a body), the answers built from what it read (the join answer, the error body), and the export
// format named in a moderator's export path (EventExport::parseFormat).
#include "export/eventexport.h"
#include "fuzzcheck.h"
#include "server/pollmessages.h"

#include <QJsonObject>

using namespace Lectern;
using namespace Lectern::Fuzz;
using namespace Qt::StringLiterals;

namespace {

void checkJoinBody(const QByteArray &body)
{
    const Result<PollMessages::JoinRequest> join = PollMessages::parseJoinRequest(body);
    if (!join) {
        require(!join.error().isEmpty(), "a refused join body is told why");
        const QJsonObject sent = writtenObject(PollMessages::httpError(u"bad-request"_s, join.error()),
                                               "an HTTP error body is a JSON object");
        require(sent.value("error"_L1) == join.error() && sent.value("code"_L1) == u"bad-request"_s,
                "an HTTP error body carries its message and code");
        return;
    }
    require(join->room.size() <= PollMessages::kMaxTokenLength, "a join's room code is bounded");
    require(join->device.size() <= PollMessages::kMaxTokenLength, "a join's device token is bounded");
    // As a page sends it, without `device` on a first visit: it reads back the same.
    QJsonObject resent{{"room"_L1, join->room}};
    if (!join->device.isEmpty())
        resent.insert("device"_L1, join->device);
    const QByteArray json = QJsonDocument(resent).toJson(QJsonDocument::Compact);
    const Result<PollMessages::JoinRequest> again = PollMessages::parseJoinRequest(json);
    require(again && (*again == *join || hasStringStartingWithByteOrderMark(json)),
            "a join body read back once re-encoded is the same");
    const QJsonObject answer =
        writtenObject(PollMessages::joinAnswer(1, join->room, join->device, join->room, join->device),
                      "a join answer is a JSON object");
    require(answer.value("room"_L1) == join->room && answer.value("device"_L1) == join->device,
            "a join answer carries the room and the device");
}

void checkExportFormat(const QString &name)
{
    const Result<ExportFormat> format = EventExport::parseFormat(name);
    if (format)
        require(EventExport::formatName(*format).compare(name.trimmed(), Qt::CaseInsensitive) == 0,
                "an export format is read only from its name");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = bytesOf(data, size);
    checkJoinBody(bytes);
    checkExportFormat(QString::fromUtf8(bytes));
    return 0;
}
