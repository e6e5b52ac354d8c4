#include "export/eventexport.h"
#include "export/csvexport.h"
#include "export/handout.h"
#include "export/jsonexport.h"
#include "export/pdfreport.h"
#include "storage/database.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

/** "Robust Python evening!" → "robust-python-evening"; empty when nothing of it is ASCII letters or digits. */
QString slug(const QString &text)
{
    QString slug;
    for (const QChar c : text.normalized(QString::NormalizationForm_KD).toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            slug.append(c);
        else if (c.isLetterOrNumber() || c.isSpace() || c.isPunct() || c.isSymbol())
            slug.append(u'-');
        // combining marks (the accents NFKD took apart) are dropped
    }
    static const QRegularExpression dashes(u"-+"_s);
    slug.replace(dashes, u"-"_s);
    while (slug.startsWith(u'-'))
        slug.remove(0, 1);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug.left(60);
}

/** The record as an export may show it: display names only when asked for, device tokens never. */
EventRecord shownRecord(const EventRecord &record, const ExportOptions &options)
{
    EventRecord shown = record;
    for (SessionOutcome &session : shown.sessions) {
        for (QuestionRecord &question : session.questions) {
            question.question.deviceToken.clear();
            if (!options.includeNames)
                question.question.displayName.clear();
        }
    }
    return shown;
}

} // namespace

Result<ExportFormat> EventExport::parseFormat(const QString &name)
{
    for (const ExportFormat format :
         {ExportFormat::Csv, ExportFormat::Json, ExportFormat::PdfReport, ExportFormat::Handout}) {
        if (name.trimmed().compare(formatName(format), Qt::CaseInsensitive) == 0)
            return format;
    }
    return fail(tr("Unknown export format \"%1\": use csv, json, pdf or handout.").arg(name));
}

QString EventExport::formatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return u"csv"_s;
    case ExportFormat::Json:
        return u"json"_s;
    case ExportFormat::PdfReport:
        return u"pdf"_s;
    case ExportFormat::Handout:
        return u"handout"_s;
    }
    Q_UNREACHABLE();
}

QString EventExport::fileSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return u"csv"_s;
    case ExportFormat::Json:
        return u"json"_s;
    case ExportFormat::PdfReport:
    case ExportFormat::Handout:
        return u"pdf"_s;
    }
    Q_UNREACHABLE();
}

QByteArray EventExport::mimeType(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return "text/csv; charset=utf-8";
    case ExportFormat::Json:
        return "application/json";
    case ExportFormat::PdfReport:
    case ExportFormat::Handout:
        return "application/pdf";
    }
    Q_UNREACHABLE();
}

QString EventExport::suggestedFileName(const Event &event, ExportFormat format, const ExportOptions &options)
{
    QString name = slug(event.title);
    if (name.isEmpty())
        name = u"event"_s;
    switch (format) {
    case ExportFormat::Csv:
    case ExportFormat::Json:
        name += u"-results"_s;
        break;
    case ExportFormat::PdfReport:
        name += u"-report"_s;
        break;
    case ExportFormat::Handout:
        name += u"-handout"_s;
        break;
    }
    if (options.sessionIndex)
        name += u"-session-%1"_s.arg(*options.sessionIndex + 1);
    return name + u'.' + fileSuffix(format);
}

Result<QByteArray> EventExport::render(const EventRecord &record, ExportFormat format, const ExportOptions &options)
{
    if (options.sessionIndex && (*options.sessionIndex < 0 || *options.sessionIndex >= record.sessions.size()))
        return fail(tr("The event has no session %1 (it has %n session(s)).", nullptr, int(record.sessions.size()))
                        .arg(*options.sessionIndex + 1));
    const bool needsFonts = format == ExportFormat::PdfReport || format == ExportFormat::Handout;
    if (needsFonts && !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return fail(tr("The PDF exports need Qt's graphical part for their fonts (a QGuiApplication); run with "
                       "QT_QPA_PLATFORM=offscreen where there is no display."));
    const EventRecord shown = shownRecord(record, options);
    switch (format) {
    case ExportFormat::Csv:
        return CsvExport::render(shown, options);
    case ExportFormat::Json:
        return JsonExport::render(shown, options);
    case ExportFormat::PdfReport:
        return PdfReport::render(shown, options);
    case ExportFormat::Handout:
        return Handout::render(shown, options);
    }
    Q_UNREACHABLE();
}

Result<QByteArray> EventExport::renderFromDatabase(const QString &databasePath, ExportFormat format,
                                                   const ExportOptions &options)
{
    // Database::open() would create a missing file: an export only reads what exists.
    if (!QFileInfo(databasePath).isFile())
        return fail(tr("There is no event database at %1.").arg(QDir::toNativeSeparators(databasePath)));
    Database database;
    if (const Result<> opened = database.open(databasePath); !opened)
        return fail(opened.error());
    const Result<EventRecord> record = EventRecord::read(database, QDateTime::currentDateTimeUtc());
    if (!record)
        return fail(record.error());
    return render(*record, format, options);
}

QFuture<Result<QByteArray>> EventExport::renderInBackground(const QString &databasePath, ExportFormat format,
                                                            const ExportOptions &options)
{
    return QtConcurrent::run(
        [databasePath, format, options] { return renderFromDatabase(databasePath, format, options); });
}

} // namespace Lectern
