#include "slides/pdfpcfile.h"

#include "model/textposition.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

std::optional<int> intField(const QJsonObject &object, QLatin1StringView name)
{
    const QJsonValue value = object.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    // The range first: converting a double beyond qint64 (1e300) is undefined behaviour.
    if (!(number >= 0 && number <= 1e9) || number != double(qint64(number)))
        return std::nullopt;
    return int(number);
}

std::optional<QTime> timeField(const QJsonObject &object, QLatin1StringView name)
{
    const QJsonValue value = object.value(name);
    if (!value.isString())
        return std::nullopt;
    const QTime time = QTime::fromString(value.toString().trimmed(), u"H:mm"_s);
    if (!time.isValid())
        return std::nullopt;
    return time;
}

} // namespace

Result<PdfpcFile> PdfpcFile::parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, error.offset);
        return fail(QCoreApplication::translate("Lectern::PdfpcFile", "invalid JSON at line %1, column %2: %3")
                        .arg(line)
                        .arg(column)
                        .arg(error.errorString()));
    }
    if (!document.isObject())
        return fail(QCoreApplication::translate("Lectern::PdfpcFile",
                                                "the file is not a pdfpc notes file (its JSON is not an object)"));

    const QJsonObject root = document.object();
    PdfpcFile file;
    file.durationMinutes = intField(root, "duration"_L1);
    file.startTime = timeField(root, "startTime"_L1);
    file.endTime = timeField(root, "endTime"_L1);
    file.lastMinutes = intField(root, "lastMinutes"_L1);
    file.endSlide = intField(root, "endSlide"_L1);
    if (file.endSlide && *file.endSlide < 1)
        file.endSlide.reset();
    file.disableMarkdown = root.value("disableMarkdown"_L1).toBool(false);

    const QJsonArray pages = root.value("pages"_L1).toArray();
    for (const QJsonValue &entry : pages) {
        if (!entry.isObject())
            continue;
        const QJsonObject object = entry.toObject();
        const std::optional<int> index = intField(object, "idx"_L1);
        if (!index)
            continue;
        Page page;
        page.index = *index;
        const QJsonValue label = object.value("label"_L1);
        if (label.isString())
            page.label = label.toString();
        else if (label.isDouble())
            page.label = QString::number(label.toInteger());
        const QJsonValue overlay = object.value("overlay"_L1);
        if (overlay.isBool())
            page.overlay = overlay.toBool() ? 1 : 0;
        else
            page.overlay = intField(object, "overlay"_L1).value_or(0);
        page.forcedOverlay = object.value("forcedOverlay"_L1).toBool(false);
        page.hidden = object.value("hidden"_L1).toBool(false);
        page.note = object.value("note"_L1).toString();
        file.pages.insert(page.index, page);
    }
    return file;
}

QString PdfpcFile::sidecarPath(const QString &deckPath)
{
    const QFileInfo info(deckPath);
    if (info.suffix().compare("pdf"_L1, Qt::CaseInsensitive) == 0)
        return deckPath.left(deckPath.size() - 3) + u"pdfpc"_s;
    return deckPath + u".pdfpc"_s;
}

} // namespace Lectern
