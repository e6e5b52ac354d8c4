#include "settings/preferences.h"

#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

const QString kTalkKey = u"timing/talkMinutes"_s;
const QString kQaKey = u"timing/qaMinutes"_s;
const QString kWarningKey = u"timing/warningMinutes"_s;
const QString kPortKey = u"audience/port"_s;
const QString kLanguageKey = u"interface/language"_s;
const QString kProjectorScreenKey = u"interface/projectorScreen"_s;
const QString kKeysGroup = u"keys"_s;

/** A value as the file spells it: a list written "a, b" reads back as a list. */
QString textOf(const QVariant &value)
{
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

void readMinutes(const QSettings &settings, const QString &key, int minimum, std::chrono::minutes &value,
                 QStringList &problems)
{
    if (!settings.contains(key))
        return;
    const QString text = textOf(settings.value(key));
    bool isNumber = false;
    const int minutes = text.toInt(&isNumber);
    if (!isNumber || minutes < minimum || minutes > kMaxTimingMinutes) {
        problems.append(Preferences::tr("Setting %1 = \"%2\": give a whole number of minutes from %3 to %4; using %5.")
                            .arg(key, text)
                            .arg(minimum)
                            .arg(kMaxTimingMinutes)
                            .arg(value.count()));
        return;
    }
    value = std::chrono::minutes(minutes);
}

void readKeys(const QSettings &settings, Preferences &preferences, QStringList &problems)
{
    const QString prefix = kKeysGroup + u'/';
    for (const QString &key : settings.allKeys()) {
        if (!key.startsWith(prefix))
            continue;
        const QString action = key.sliced(prefix.size());
        const QVariant value = settings.value(key);
        const QStringList entries =
            value.typeId() == QMetaType::QStringList ? value.toStringList() : QStringList{value.toString()};
        QList<QKeySequence> keys;
        QString refused;
        for (const QString &entry : entries) {
            const QString trimmed = entry.trimmed();
            if (trimmed.isEmpty())
                continue;
            const QKeySequence sequence = QKeySequence::fromString(trimmed, QKeySequence::PortableText);
            // One key (with its modifiers) per entry: the console acts on single key presses, not chords.
            if (sequence.count() != 1 || sequence[0].key() == Qt::Key_unknown) {
                refused = trimmed;
                break;
            }
            if (!keys.contains(sequence))
                keys.append(sequence);
        }
        if (!refused.isEmpty()) {
            problems.append(Preferences::tr("Setting %1 = \"%2\": \"%3\" is not a key such as F5, Ctrl+R or PgDown; "
                                            "using the default keys.")
                                .arg(key, textOf(value), refused));
            continue;
        }
        preferences.keyBindings.insert(action, keys);
    }
}

} // namespace

Preferences::Loaded Preferences::load(const QSettings &settings)
{
    Loaded loaded;
    Preferences &preferences = loaded.preferences;
    QStringList &problems = loaded.problems;

    readMinutes(settings, kTalkKey, 1, preferences.talkTime, problems);
    readMinutes(settings, kQaKey, 0, preferences.qaTime, problems);
    readMinutes(settings, kWarningKey, 0, preferences.warningTime, problems);

    if (settings.contains(kPortKey)) {
        const QString text = textOf(settings.value(kPortKey));
        bool isNumber = false;
        const uint port = text.toUInt(&isNumber);
        if (text.compare(u"auto"_s, Qt::CaseInsensitive) == 0)
            preferences.audiencePort.reset();
        else if (!isNumber || port < 1 || port > 65535)
            problems.append(tr("Setting %1 = \"%2\": give a port from 1 to 65535, or auto; choosing one "
                               "automatically.")
                                .arg(kPortKey, text));
        else
            preferences.audiencePort = quint16(port);
    }

    if (settings.contains(kLanguageKey)) {
        const QString text = textOf(settings.value(kLanguageKey));
        const QString code = text.toLower();
        if (code == languageCode(Language::System))
            preferences.language = Language::System;
        else if (code == languageCode(Language::English))
            preferences.language = Language::English;
        else if (code == languageCode(Language::Japanese))
            preferences.language = Language::Japanese;
        else
            problems.append(
                tr("Setting %1 = \"%2\": give system, en or ja; using the system's language.").arg(kLanguageKey, text));
    }

    preferences.projectorScreen = textOf(settings.value(kProjectorScreenKey));
    readKeys(settings, preferences, problems);
    return loaded;
}

Result<> Preferences::save(QSettings &settings) const
{
    const Preferences defaults;
    const auto write = [&settings](const QString &key, bool isDefault, const QVariant &value) {
        if (isDefault)
            settings.remove(key);
        else
            settings.setValue(key, value);
    };
    write(kTalkKey, talkTime == defaults.talkTime, qlonglong(talkTime.count()));
    write(kQaKey, qaTime == defaults.qaTime, qlonglong(qaTime.count()));
    write(kWarningKey, warningTime == defaults.warningTime, qlonglong(warningTime.count()));
    write(kPortKey, !audiencePort, int(audiencePort.value_or(0)));
    write(kLanguageKey, language == defaults.language, languageCode(language));
    write(kProjectorScreenKey, projectorScreen.trimmed().isEmpty(), projectorScreen.trimmed());

    settings.remove(kKeysGroup);
    for (auto binding = keyBindings.cbegin(); binding != keyBindings.cend(); ++binding) {
        QStringList keys;
        for (const QKeySequence &key : binding.value())
            keys.append(key.toString(QKeySequence::PortableText));
        // An empty list reads back as no key; QSettings would write it as @Invalid().
        settings.setValue(kKeysGroup + u'/' + binding.key(), keys.isEmpty() ? QVariant(QString()) : QVariant(keys));
    }
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return fail(tr("Could not write the settings file %1.").arg(settings.fileName()));
    return {};
}

Result<QStringList> Preferences::reset(QSettings &settings)
{
    QStringList removed = settings.allKeys();
    std::sort(removed.begin(), removed.end());
    settings.clear();
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return fail(tr("Could not write the settings file %1.").arg(settings.fileName()));
    return removed;
}

TimingOverrides Preferences::timing() const
{
    TimingOverrides timing;
    timing.talkTime = talkTime;
    timing.qaTime = qaTime;
    timing.warningTime = warningTime;
    return timing;
}

std::optional<QLocale> Preferences::locale() const
{
    switch (language) {
    case Language::System:
        return std::nullopt;
    case Language::English:
        return QLocale(QLocale::English, QLocale::UnitedStates);
    case Language::Japanese:
        return QLocale(QLocale::Japanese, QLocale::Japan);
    }
    return std::nullopt;
}

QString Preferences::languageCode(Language language)
{
    switch (language) {
    case Language::System:
        return u"system"_s;
    case Language::English:
        return u"en"_s;
    case Language::Japanese:
        return u"ja"_s;
    }
    return u"system"_s;
}

} // namespace Lectern
