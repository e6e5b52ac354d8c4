#include "server/agendamessages.h"
#include "model/eventfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>

using namespace Qt::StringLiterals;

namespace Lectern::AgendaMessages {

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/** Characters as a person counts them (code points), as the event file's limits do. */
qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size();
}

bool isHttp(const QUrl &url)
{
    // QUrl keeps the scheme in lower case.
    const QString scheme = url.scheme();
    return scheme == "http"_L1 || scheme == "https"_L1;
}

QJsonArray materialsArray(const QList<Material> &materials)
{
    QJsonArray array;
    for (const Material &material : materials) {
        if (array.size() >= EventFile::kMaxMaterials)
            break;
        if (isSendable(material))
            array.append(QJsonObject{{"label"_L1, material.label}, {"url"_L1, sentUrl(material.url)}});
    }
    return array;
}

} // namespace

bool isSendable(const Material &material)
{
    const QUrl &url = material.url;
    return url.isValid() && !url.isRelative() && isHttp(url) && !url.host().isEmpty() &&
           characterCount(url.toString()) <= EventFile::kMaxUrlLength &&
           characterCount(material.label) <= EventFile::kMaxMaterialLabelLength;
}

QString sentUrl(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

QJsonValue clockTime(const std::optional<QDateTime> &time)
{
    if (!time || !time->isValid())
        return QJsonValue::Null;
    return time->toLocalTime().toString(u"HH:mm"_s);
}

QString deckPath(int sessionIndex)
{
    return u"/deck/%1"_s.arg(sessionIndex);
}

QByteArray agendaMessage(const Event &plan, const Agenda &agenda, const QHash<int, DeckDownload> &decks)
{
    int onStage = -1;
    QJsonArray sessions;
    for (const AgendaEntry &entry : agenda.entries) {
        if (entry.onStage)
            onStage = entry.sessionIndex;
        const bool planned = entry.sessionIndex >= 0 && entry.sessionIndex < plan.sessions.size();
        QJsonValue deck = QJsonValue::Null;
        if (const auto download = decks.constFind(entry.sessionIndex); download != decks.cend()) {
            deck = QJsonObject{
                {"url"_L1, deckPath(entry.sessionIndex)}, {"name"_L1, download->name}, {"bytes"_L1, download->bytes}};
        }
        sessions.append(QJsonObject{
            {"index"_L1, entry.sessionIndex},
            {"title"_L1, entry.title},
            {"speaker"_L1, entry.speaker},
            {"plannedStart"_L1, clockTime(entry.plannedStart)},
            {"plannedEnd"_L1, clockTime(entry.plannedEnd)},
            {"actualStart"_L1, clockTime(entry.actualStart)},
            {"actualEnd"_L1, clockTime(entry.actualEnd)},
            {"materials"_L1, planned ? materialsArray(plan.sessions.at(entry.sessionIndex).materials) : QJsonArray()},
            {"deck"_L1, deck},
        });
    }
    const QJsonObject event{
        {"title"_L1, plan.title},
        {"date"_L1, plan.date.isValid() ? plan.date.toString(Qt::ISODate) : QString()},
        {"venue"_L1, plan.venue},
    };
    // Whole minutes, toward zero, as Agenda::formatBehind() shows them on the console.
    const qint64 behindMinutes = std::chrono::duration_cast<std::chrono::minutes>(agenda.behind).count();
    return compact(QJsonObject{
        {"type"_L1, u"agenda"_s},
        {"event"_L1, event},
        {"onStage"_L1, onStage},
        {"behindMinutes"_L1, behindMinutes},
        {"sessions"_L1, sessions},
    });
}

QByteArray attachmentDisposition(const QString &fileName)
{
    const QString name = fileName.isEmpty() ? u"download"_s : fileName;
    QByteArray fallback;
    bool replaced = false;
    const QList<uint> codePoints = name.toUcs4();
    for (const uint codePoint : codePoints) {
        if (codePoint >= 0x20 && codePoint < 0x7f && codePoint != '"' && codePoint != '\\' && codePoint != '/') {
            fallback.append(char(codePoint));
        } else {
            fallback.append('_');
            replaced = true;
        }
    }
    QByteArray value = "attachment; filename=\"" + fallback + '"';
    if (replaced) {
        // RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; toPercentEncoding() keeps "-._~" and letters and
        // digits already.
        value += "; filename*=UTF-8''" + name.toUtf8().toPercentEncoding("!#$&+^`|"_ba);
    }
    return value;
}

} // namespace Lectern::AgendaMessages
