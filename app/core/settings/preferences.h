#pragma once

#include "model/timingsources.h"
#include "result.h"

#include <QCoreApplication>
#include <QKeySequence>
#include <QList>
#include <QLocale>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

class QSettings;

namespace Lectern {

/**
 * What a speaker or organizer set in Lectern's settings file (`~/.config/Lectern/lectern.conf`): the default talk,
 * Q&A and warning times, the audience server's port, the language, the projector's screen and the keys changed
 * from the default table. The one place that reads, checks, writes and resets them; the [audience] limits stay
 * with ServerLimits::fromSettings(). Values equal to the defaults are not written, so the file holds only changes.
 */
struct Preferences
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::Preferences)

public:
    enum class Language { System, English, Japanese };

    /** For a deck without an event file: the command line, the event file and the .pdfpc beat these. */
    std::chrono::minutes talkTime{std::chrono::duration_cast<std::chrono::minutes>(TimingPlan().talkTime)};
    std::chrono::minutes qaTime{std::chrono::duration_cast<std::chrono::minutes>(TimingPlan().qaTime)};
    std::chrono::minutes warningTime{std::chrono::duration_cast<std::chrono::minutes>(TimingPlan().warningTime)};
    /** The audience server's port when --listen gives none; unset: the event's last port, else 8080 or the next free.
     */
    std::optional<quint16> audiencePort;
    /** Read when Lectern starts: a change applies from the next start. */
    Language language = Language::System;
    /** The name of the screen the projector window goes to (QScreen::name()); empty: chosen automatically. */
    QString projectorScreen;
    /**
     * Keys changed from the default table, by action name (KeyMap::actionName(), e.g. "next"); an empty list
     * leaves the action without a key. The names and conflicts are checked by KeyMap::withBindings().
     */
    QMap<QString, QList<QKeySequence>> keyBindings;

    friend bool operator==(const Preferences &, const Preferences &) = default;

    /** What load() read: the preferences, and one message per value that did not read (its default is used). */
    struct Loaded;

    /** Reads the settings; a value that does not read is named in `problems` and that key alone keeps its default. */
    static Loaded load(const QSettings &settings);
    /** Writes these preferences (only what differs from the defaults; the rest is removed) and syncs the file. */
    Result<> save(QSettings &settings) const;
    /**
     * Removes every key of the settings file (these preferences, the [audience] limits, anything stale) and syncs
     * it. Returns the keys removed, sorted; an error when the file cannot be written.
     */
    static Result<QStringList> reset(QSettings &settings);

    /** The lowest-precedence timing source (below the command line, the event file and the .pdfpc). */
    TimingOverrides timing() const;
    /** The locale to translate the app to; nullopt for the system's. */
    std::optional<QLocale> locale() const;

    /** How a language is written in the settings file: "system", "en" or "ja". */
    static QString languageCode(Language language);
};

struct Preferences::Loaded
{
    Preferences preferences;
    QStringList problems;
};

} // namespace Lectern
