#include "model/eventfile.h"

#include "model/textposition.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

const auto kFormatKey = "lecternEventFormat"_L1;

QString fieldPath(const QString &place, QLatin1StringView key)
{
    return place.isEmpty() ? QString(key) : place + u'.' + key;
}

QString indexPath(const QString &place, QLatin1StringView key, qsizetype index)
{
    return fieldPath(place, key) + u'[' + QString::number(index) + u']';
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return EventFile::tr("true or false");
    case QJsonValue::Double:
        return EventFile::tr("a number");
    case QJsonValue::String:
        return EventFile::tr("text");
    case QJsonValue::Array:
        return EventFile::tr("a list");
    case QJsonValue::Object:
        return EventFile::tr("an object");
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return EventFile::tr("nothing");
}

/** Text from the file as quoted in a message: cut short, so that a long data: address does not fill the screen. */
QString shown(const QString &text)
{
    constexpr qsizetype kShownLength = 80;
    if (text.size() <= kShownLength)
        return text;
    const qsizetype cut = text.at(kShownLength - 1).isHighSurrogate() ? kShownLength - 1 : kShownLength;
    return text.first(cut) + u'\u2026';
}

tl::unexpected<QString> wrongType(const QString &place, const QString &expected, const QJsonValue &found)
{
    return fail(EventFile::tr("%1: expected %2, found %3").arg(place, expected, describe(found)));
}

bool isAbsent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

/** A text field: absent or null gives an empty string; anything but text, or text that is too long, fails. */
Result<QString> textField(const QJsonObject &object, QLatin1StringView key, const QString &place, int maxLength)
{
    const QJsonValue value = object.value(key);
    if (isAbsent(value))
        return QString();
    const QString path = fieldPath(place, key);
    if (!value.isString())
        return wrongType(path, EventFile::tr("text"), value);
    const QString text = value.toString().trimmed();
    if (const qsizetype length = characterCount(text); length > maxLength)
        return fail(EventFile::tr("%1: the text is %2 characters long; at most %3 are allowed")
                        .arg(path)
                        .arg(length)
                        .arg(maxLength));
    return text;
}

/** A duration in minutes (fractions allowed) as seconds; absent keeps the fallback. */
Result<std::chrono::seconds> minutesField(const QJsonObject &object, QLatin1StringView key, const QString &place,
                                          std::chrono::seconds fallback, bool zeroAllowed)
{
    const QJsonValue value = object.value(key);
    if (isAbsent(value))
        return fallback;
    const QString path = fieldPath(place, key);
    if (!value.isDouble())
        return wrongType(path, EventFile::tr("a number of minutes"), value);
    const double minutes = value.toDouble();
    if (minutes < 0)
        return fail(EventFile::tr("%1: minutes cannot be negative (%2)").arg(path).arg(minutes));
    if (minutes > kMaxTimingMinutes)
        return fail(EventFile::tr("%1: %2 minutes is more than a day").arg(path).arg(minutes));
    // Counted in whole seconds: 0.001 minutes is no time either.
    const std::chrono::seconds duration(std::llround(minutes * 60));
    if (duration.count() == 0 && !zeroAllowed)
        return fail(EventFile::tr("%1: a talk needs more than 0 minutes").arg(path));
    return duration;
}

template<class Enum>
struct Spelling
{
    QLatin1StringView text;
    Enum value;
};

constexpr Spelling<Poll::Kind> kKinds[] = {
    {"single"_L1, Poll::Kind::SingleChoice}, {"multiple"_L1, Poll::Kind::MultipleChoice},
    {"rating"_L1, Poll::Kind::Rating},       {"wordcloud"_L1, Poll::Kind::WordCloud},
    {"open"_L1, Poll::Kind::OpenText},
};
constexpr Spelling<Poll::SlideAction> kSlideActions[] = {
    {"offer"_L1, Poll::SlideAction::Offer},
    {"open"_L1, Poll::SlideAction::Open},
};
constexpr Spelling<Poll::ResultsVisibility> kVisibilities[] = {
    {"never"_L1, Poll::ResultsVisibility::Never},
    {"afterVoting"_L1, Poll::ResultsVisibility::AfterVoting},
    {"afterReveal"_L1, Poll::ResultsVisibility::AfterReveal},
};

template<class Enum, std::size_t N>
QLatin1StringView spell(const Spelling<Enum> (&spellings)[N], Enum value)
{
    for (const Spelling<Enum> &spelling : spellings) {
        if (spelling.value == value)
            return spelling.text;
    }
    Q_UNREACHABLE();
}

/** One of a fixed set of words; absent gives the fallback. */
template<class Enum, std::size_t N>
Result<Enum> wordField(const QJsonObject &object, QLatin1StringView key, const QString &place,
                       const Spelling<Enum> (&spellings)[N], Enum fallback)
{
    const QJsonValue value = object.value(key);
    if (isAbsent(value))
        return fallback;
    QStringList words;
    for (const Spelling<Enum> &spelling : spellings)
        words.append(u'"' + spelling.text + u'"');
    const QString path = fieldPath(place, key);
    if (!value.isString())
        return wrongType(path, EventFile::tr("one of %1").arg(words.join(u", "_s)), value);
    for (const Spelling<Enum> &spelling : spellings) {
        if (value.toString() == spelling.text)
            return spelling.value;
    }
    return fail(
        EventFile::tr("%1: \"%2\" is not known; use one of %3").arg(path, value.toString(), words.join(u", "_s)));
}

/** true or false; absent gives the fallback. */
Result<bool> boolField(const QJsonObject &object, QLatin1StringView key, const QString &place, bool fallback)
{
    const QJsonValue value = object.value(key);
    if (isAbsent(value))
        return fallback;
    if (!value.isBool())
        return wrongType(fieldPath(place, key), EventFile::tr("true or false"), value);
    return value.toBool();
}

Result<QJsonArray> arrayField(const QJsonObject &object, QLatin1StringView key, const QString &place)
{
    const QJsonValue value = object.value(key);
    if (isAbsent(value))
        return QJsonArray();
    if (!value.isArray())
        return wrongType(fieldPath(place, key), EventFile::tr("a list"), value);
    return value.toArray();
}

/** An option id made from its label ("What is uv?" → "what-is-uv"), or "option-N" when that gives nothing. */
QString optionIdFor(const QString &label, qsizetype index, const QSet<QString> &taken)
{
    QString slug;
    for (const QChar c : label.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            slug.append(c);
        else if (!slug.isEmpty() && !slug.endsWith(u'-'))
            slug.append(u'-');
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    slug.truncate(Poll::kMaxIdLength);
    if (!slug.isEmpty() && !taken.contains(slug))
        return slug;
    QString numbered = u"option-%1"_s.arg(index + 1);
    for (int suffix = 2; taken.contains(numbered); ++suffix)
        numbered = u"option-%1-%2"_s.arg(index + 1).arg(suffix);
    return numbered;
}

Result<QList<PollOption>> parseOptions(const QJsonObject &object, const QString &place)
{
    const Result<QJsonArray> array = arrayField(object, "options"_L1, place);
    if (!array)
        return fail(array.error());
    QList<PollOption> options;
    QSet<QString> explicitIds;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonValue value = array->at(i);
        const QString optionPlace = indexPath(place, "options"_L1, i);
        PollOption option;
        if (value.isString()) {
            option.label = value.toString().trimmed();
        } else if (value.isObject()) {
            const QJsonObject optionObject = value.toObject();
            const QJsonValue label = optionObject.value("label"_L1);
            if (!label.isString())
                return wrongType(fieldPath(optionPlace, "label"_L1), EventFile::tr("text"), label);
            option.label = label.toString().trimmed();
            const QJsonValue id = optionObject.value("id"_L1);
            if (!isAbsent(id)) {
                if (!id.isString())
                    return wrongType(fieldPath(optionPlace, "id"_L1), EventFile::tr("text"), id);
                option.id = id.toString();
                explicitIds.insert(option.id);
            }
        } else {
            return wrongType(optionPlace, EventFile::tr("text or an object with \"id\" and \"label\""), value);
        }
        options.append(option);
    }
    // Generated ids avoid the ones the file spells out, wherever those come in the list.
    QSet<QString> taken = explicitIds;
    for (qsizetype i = 0; i < options.size(); ++i) {
        if (options.at(i).id.isEmpty()) {
            options[i].id = optionIdFor(options.at(i).label, i, taken);
            taken.insert(options.at(i).id);
        }
    }
    return options;
}

Result<Poll> parsePollValue(const QJsonValue &value, const QString &place)
{
    if (!value.isObject())
        return wrongType(place, EventFile::tr("an object"), value);
    const QJsonObject object = value.toObject();
    Poll poll;

    const QJsonValue id = object.value("id"_L1);
    if (isAbsent(id))
        return fail(EventFile::tr("%1: the poll has no \"id\"; give it one such as \"uses-uv\"").arg(place));
    if (!id.isString())
        return wrongType(fieldPath(place, "id"_L1), EventFile::tr("text"), id);
    poll.id = id.toString();

    const QJsonValue question = object.value("question"_L1);
    if (isAbsent(question))
        return fail(EventFile::tr("%1: the poll has no \"question\"").arg(place));
    if (!question.isString())
        return wrongType(fieldPath(place, "question"_L1), EventFile::tr("text"), question);
    poll.question = question.toString().trimmed();

    const QJsonValue kind = object.value("kind"_L1);
    if (isAbsent(kind))
        return fail(EventFile::tr("%1: the poll has no \"kind\"; use one of \"single\", \"multiple\", \"rating\", "
                                  "\"wordcloud\", \"open\"")
                        .arg(place));
    const Result<Poll::Kind> pollKind = wordField(object, "kind"_L1, place, kKinds, Poll::Kind::SingleChoice);
    if (!pollKind)
        return fail(pollKind.error());
    poll.kind = *pollKind;

    const Result<QList<PollOption>> options = parseOptions(object, place);
    if (!options)
        return fail(options.error());
    poll.options = *options;

    const QJsonValue maxChoices = object.value("maxChoices"_L1);
    if (!isAbsent(maxChoices) && poll.kind == Poll::Kind::MultipleChoice) {
        const double number = maxChoices.toDouble(-1);
        if (!maxChoices.isDouble() || number < 1 || number != std::floor(number) || number > Poll::kMaxOptions)
            return fail(EventFile::tr("%1: expected a whole number from 1 to the number of options")
                            .arg(fieldPath(place, "maxChoices"_L1)));
        poll.maxChoices = int(number);
    }

    const QJsonValue ratingLabels = object.value("ratingLabels"_L1);
    if (!isAbsent(ratingLabels) && poll.kind == Poll::Kind::Rating) {
        const QString labelsPlace = fieldPath(place, "ratingLabels"_L1);
        if (!ratingLabels.isObject())
            return wrongType(labelsPlace, EventFile::tr("an object with \"low\" and \"high\""), ratingLabels);
        const Result<QString> low =
            textField(ratingLabels.toObject(), "low"_L1, labelsPlace, Poll::kMaxRatingLabelLength);
        if (!low)
            return fail(low.error());
        const Result<QString> high =
            textField(ratingLabels.toObject(), "high"_L1, labelsPlace, Poll::kMaxRatingLabelLength);
        if (!high)
            return fail(high.error());
        poll.ratingLowLabel = *low;
        poll.ratingHighLabel = *high;
    }

    const Result<QString> slide = textField(object, "slide"_L1, place, EventFile::kMaxTextLength);
    if (!slide)
        return fail(slide.error());
    poll.slideLabel = *slide;

    const Result<Poll::SlideAction> onSlide =
        wordField(object, "onSlide"_L1, place, kSlideActions, Poll::SlideAction::Offer);
    if (!onSlide)
        return fail(onSlide.error());
    poll.onSlide = *onSlide;

    const Result<Poll::ResultsVisibility> visibility =
        wordField(object, "showResults"_L1, place, kVisibilities, Poll::ResultsVisibility::AfterReveal);
    if (!visibility)
        return fail(visibility.error());
    poll.resultsVisibility = *visibility;

    if (const std::optional<Poll::Problem> problem = poll.firstProblem()) {
        const QString where = problem->field.isEmpty() ? place : place + u'.' + problem->field;
        return fail(where + u": "_s + problem->message);
    }
    return poll;
}

Result<QList<Material>> parseMaterials(const QJsonObject &object, const QString &place)
{
    const Result<QJsonArray> array = arrayField(object, "materials"_L1, place);
    if (!array)
        return fail(array.error());
    if (array->size() > EventFile::kMaxMaterials)
        return fail(EventFile::tr("%1: a session lists at most %2 materials; this one lists %3")
                        .arg(fieldPath(place, "materials"_L1))
                        .arg(EventFile::kMaxMaterials)
                        .arg(array->size()));
    QList<Material> materials;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString materialPlace = indexPath(place, "materials"_L1, i);
        const QJsonValue value = array->at(i);
        if (!value.isObject())
            return wrongType(materialPlace, EventFile::tr("an object with \"label\" and \"url\""), value);
        const QJsonObject materialObject = value.toObject();
        const Result<QString> label =
            textField(materialObject, "label"_L1, materialPlace, EventFile::kMaxMaterialLabelLength);
        if (!label)
            return fail(label.error());
        const QJsonValue url = materialObject.value("url"_L1);
        if (isAbsent(url))
            return fail(EventFile::tr("%1: the material has no \"url\"; give its address, such as "
                                      "\"https://example.org/slides\"")
                            .arg(materialPlace));
        const QString urlPlace = fieldPath(materialPlace, "url"_L1);
        if (!url.isString())
            return wrongType(urlPlace, EventFile::tr("an http or https address"), url);
        const Result<QUrl> address = EventFile::parseMaterialUrl(url.toString());
        if (!address)
            return fail(urlPlace + u": "_s + address.error());
        materials.append(Material{*label, *address});
    }
    return materials;
}

Result<Session> parseSession(const QJsonValue &value, const QString &place, const QString &baseDirectory)
{
    if (!value.isObject())
        return wrongType(place, EventFile::tr("an object"), value);
    const QJsonObject object = value.toObject();
    Session session;

    const Result<QString> title = textField(object, "title"_L1, place, EventFile::kMaxTextLength);
    if (!title)
        return fail(title.error());
    session.title = *title;
    const Result<QString> speaker = textField(object, "speaker"_L1, place, EventFile::kMaxTextLength);
    if (!speaker)
        return fail(speaker.error());
    session.speaker = *speaker;
    const Result<QString> deck = textField(object, "deck"_L1, place, EventFile::kMaxPathLength);
    if (!deck)
        return fail(deck.error());
    if (!deck->isEmpty()) {
        // Qt takes a path that starts with ':' for one of the program's own resources (":/.." even cleans to "."):
        // in a file it is a file name like any other.
        const QString path = deck->startsWith(u':') ? u"./"_s + *deck : *deck;
        session.deckPath = QDir::cleanPath(QDir(baseDirectory).absoluteFilePath(path));
    }

    const Result<std::chrono::seconds> talk =
        minutesField(object, "talkMinutes"_L1, place, session.timing.talkTime, false);
    if (!talk)
        return fail(talk.error());
    session.timing.talkTime = *talk;
    const Result<std::chrono::seconds> qa = minutesField(object, "qaMinutes"_L1, place, session.timing.qaTime, true);
    if (!qa)
        return fail(qa.error());
    session.timing.qaTime = *qa;
    const Result<std::chrono::seconds> warning =
        minutesField(object, "warningMinutes"_L1, place, session.timing.warningTime, true);
    if (!warning)
        return fail(warning.error());
    session.timing.warningTime = *warning;

    const Result<QJsonArray> polls = arrayField(object, "polls"_L1, place);
    if (!polls)
        return fail(polls.error());
    for (qsizetype i = 0; i < polls->size(); ++i) {
        const Result<Poll> poll = parsePollValue(polls->at(i), indexPath(place, "polls"_L1, i));
        if (!poll)
            return fail(poll.error());
        session.polls.append(*poll);
    }

    const Result<QList<Material>> materials = parseMaterials(object, place);
    if (!materials)
        return fail(materials.error());
    session.materials = *materials;
    const Result<bool> deckDownload = boolField(object, "deckDownload"_L1, place, false);
    if (!deckDownload)
        return fail(deckDownload.error());
    session.deckDownload = *deckDownload;
    return session;
}

Result<QDate> parseDate(const QJsonObject &root)
{
    const QJsonValue value = root.value("date"_L1);
    if (isAbsent(value))
        return QDate();
    if (!value.isString())
        return wrongType(u"date"_s, EventFile::tr("a date written YYYY-MM-DD"), value);
    const QString text = value.toString().trimmed();
    const QDate date = QDate::fromString(text, u"yyyy-MM-dd"_s);
    if (!date.isValid() || text.size() != 10)
        return fail(EventFile::tr("date: \"%1\" is not a date written YYYY-MM-DD, such as 2026-11-24").arg(text));
    return date;
}

/** The optional "start": a time of day written HH:MM (24-hour clock); absent, null or empty leave it unset. */
Result<std::optional<QTime>> parseStartTime(const QJsonObject &root)
{
    const QJsonValue value = root.value("start"_L1);
    if (isAbsent(value))
        return std::optional<QTime>();
    if (!value.isString())
        return wrongType(u"start"_s, EventFile::tr("a time written HH:MM"), value);
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return std::optional<QTime>();
    static const QRegularExpression pattern(u"^([01]?[0-9]|2[0-3]):([0-5][0-9])$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return fail(
            EventFile::tr("start: \"%1\" is not a time written HH:MM (24-hour clock), such as 19:00").arg(shown(text)));
    return std::optional<QTime>(QTime(match.captured(1).toInt(), match.captured(2).toInt()));
}

Result<> checkFormatVersion(const QJsonObject &root)
{
    const QJsonValue version = root.value(kFormatKey);
    if (isAbsent(version))
        return fail(EventFile::tr("this is not a Lectern event file: it has no \"%1\" field").arg(kFormatKey));
    const double number = version.toDouble(-1);
    if (!version.isDouble() || number < 1 || number != std::floor(number))
        return fail(
            EventFile::tr("%1: expected a whole number such as %2").arg(kFormatKey).arg(EventFile::kFormatVersion));
    if (number > EventFile::kFormatVersion)
        return fail(EventFile::tr("the file is in event format %1, made by a newer Lectern; this version reads "
                                  "format %2")
                        .arg(number)
                        .arg(EventFile::kFormatVersion));
    return {};
}

QJsonObject pollObject(const Poll &poll)
{
    QJsonObject object{
        {u"id"_s, poll.id},
        {u"question"_s, poll.question},
        {u"kind"_s, QString(spell(kKinds, poll.kind))},
        {u"onSlide"_s, QString(spell(kSlideActions, poll.onSlide))},
        {u"showResults"_s, QString(spell(kVisibilities, poll.resultsVisibility))},
    };
    if (poll.isChoice()) {
        QJsonArray options;
        // An option without an id is written as its label alone: reading it back gives it one from the label.
        for (const PollOption &option : poll.options)
            options.append(option.id.isEmpty()
                               ? QJsonValue(option.label)
                               : QJsonValue(QJsonObject{{u"id"_s, option.id}, {u"label"_s, option.label}}));
        object.insert(u"options"_s, options);
    }
    if (poll.kind == Poll::Kind::MultipleChoice && poll.maxChoices > 0)
        object.insert(u"maxChoices"_s, poll.maxChoices);
    if (poll.kind == Poll::Kind::Rating)
        object.insert(u"ratingLabels"_s,
                      QJsonObject{{u"low"_s, poll.ratingLowLabel}, {u"high"_s, poll.ratingHighLabel}});
    if (!poll.slideLabel.isEmpty())
        object.insert(u"slide"_s, poll.slideLabel);
    return object;
}

double minutesOf(std::chrono::seconds duration)
{
    return double(duration.count()) / 60.0;
}

QString deckForFile(const QString &deckPath, const QString &baseDirectory)
{
    if (baseDirectory.isEmpty())
        return deckPath;
    const QString relative = QDir(baseDirectory).relativeFilePath(deckPath);
    return relative.startsWith(u"../"_s) || QDir::isAbsolutePath(relative) ? deckPath : relative;
}

} // namespace

Result<Event> EventFile::parse(const QByteArray &json, const QString &baseDirectory)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, error.offset);
        return fail(tr("invalid JSON at line %1, column %2: %3").arg(line).arg(column).arg(error.errorString()));
    }
    if (!document.isObject())
        return fail(tr("this is not a Lectern event file: its JSON is not an object"));
    const QJsonObject root = document.object();
    if (const Result<> version = checkFormatVersion(root); !version)
        return fail(version.error());

    Event event;
    const Result<QString> title = textField(root, "title"_L1, QString(), kMaxTextLength);
    if (!title)
        return fail(title.error());
    event.title = *title;
    const Result<QDate> date = parseDate(root);
    if (!date)
        return fail(date.error());
    event.date = *date;
    const Result<std::optional<QTime>> startTime = parseStartTime(root);
    if (!startTime)
        return fail(startTime.error());
    event.startTime = *startTime;
    const Result<QString> venue = textField(root, "venue"_L1, QString(), kMaxTextLength);
    if (!venue)
        return fail(venue.error());
    event.venue = *venue;

    const Result<QJsonArray> sessions = arrayField(root, "sessions"_L1, QString());
    if (!sessions)
        return fail(sessions.error());
    QHash<QString, QString> pollPlaces; // poll id → where it was first declared
    for (qsizetype s = 0; s < sessions->size(); ++s) {
        const QString place = indexPath(QString(), "sessions"_L1, s);
        const Result<Session> session = parseSession(sessions->at(s), place, baseDirectory);
        if (!session)
            return fail(session.error());
        for (qsizetype p = 0; p < session->polls.size(); ++p) {
            const QString &id = session->polls.at(p).id;
            const QString pollPlace = indexPath(place, "polls"_L1, p);
            if (const auto first = pollPlaces.constFind(id); first != pollPlaces.cend())
                return fail(tr("%1: the poll id \"%2\" is already used by %3; poll ids must be unique in the event")
                                .arg(pollPlace, id, *first));
            pollPlaces.insert(id, pollPlace);
        }
        event.sessions.append(*session);
    }
    return event;
}

Result<Poll> EventFile::parsePoll(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, error.offset);
        return fail(tr("invalid JSON at line %1, column %2: %3").arg(line).arg(column).arg(error.errorString()));
    }
    return parsePollValue(document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()),
                          u"poll"_s);
}

QByteArray EventFile::serializePoll(const Poll &poll)
{
    return QJsonDocument(pollObject(poll)).toJson(QJsonDocument::Compact);
}

QByteArray EventFile::serialize(const Event &event, const QString &baseDirectory)
{
    QJsonArray sessions;
    for (const Session &session : event.sessions) {
        QJsonArray polls;
        for (const Poll &poll : session.polls)
            polls.append(pollObject(poll));
        QJsonObject object{
            {u"title"_s, session.title},
            {u"speaker"_s, session.speaker},
            {u"talkMinutes"_s, minutesOf(session.timing.talkTime)},
            {u"qaMinutes"_s, minutesOf(session.timing.qaTime)},
            {u"warningMinutes"_s, minutesOf(session.timing.warningTime)},
            {u"polls"_s, polls},
        };
        if (!session.deckPath.isEmpty())
            object.insert(u"deck"_s, deckForFile(session.deckPath, baseDirectory));
        if (!session.materials.isEmpty()) {
            QJsonArray materials;
            for (const Material &material : session.materials)
                materials.append(QJsonObject{{u"label"_s, material.label}, {u"url"_s, material.url.toString()}});
            object.insert(u"materials"_s, materials);
        }
        if (session.deckDownload)
            object.insert(u"deckDownload"_s, true);
        sessions.append(object);
    }
    QJsonObject root{
        {kFormatKey, kFormatVersion},
        {u"title"_s, event.title},
        {u"venue"_s, event.venue},
        {u"sessions"_s, sessions},
    };
    if (event.date.isValid())
        root.insert(u"date"_s, event.date.toString(u"yyyy-MM-dd"_s));
    if (event.startTime && event.startTime->isValid())
        root.insert(u"start"_s, event.startTime->toString(u"HH:mm"_s));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<QUrl> EventFile::parseMaterialUrl(const QString &text)
{
    const QString address = text.trimmed();
    if (address.isEmpty())
        return fail(tr("the address is empty; give one such as \"https://example.org/slides\""));
    if (const qsizetype length = characterCount(address); length > kMaxUrlLength)
        return fail(tr("the address is %1 characters long; at most %2 are allowed").arg(length).arg(kMaxUrlLength));
    const QUrl url(address, QUrl::StrictMode);
    // The scheme is judged first, also of an address that is malformed besides ("data:text/html,<script>…").
    // QUrl gives it in lower case.
    const QString scheme = url.isValid() ? url.scheme() : QUrl(address, QUrl::TolerantMode).scheme();
    if (!scheme.isEmpty() && scheme != u"http"_s && scheme != u"https"_s)
        return fail(tr("only http and https addresses are allowed (%1)").arg(shown(address)));
    if (!url.isValid())
        return fail(tr("this is not a valid web address (%1)").arg(shown(address)));
    if (url.scheme().isEmpty())
        return fail(tr("this is not a complete address; write it with https:// or http:// at the start (%1)")
                        .arg(shown(address)));
    if (url.host().isEmpty())
        return fail(tr("the address has no host name (%1)").arg(shown(address)));
    return url;
}

QString EventFile::kindName(Poll::Kind kind)
{
    return QString(spell(kKinds, kind));
}

QString EventFile::sidecarPath(const QString &deckPath)
{
    const QFileInfo info(deckPath);
    const QString base = info.suffix().isEmpty() ? info.fileName() : info.completeBaseName();
    // Keep the directory part exactly as given, so a relative deck path gives a relative sidecar path.
    return deckPath.first(deckPath.size() - info.fileName().size()) + base + u".lectern.json"_s;
}

} // namespace Lectern
