#pragma once

#include "model/event.h"
#include "result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace Lectern {

/**
 * The Lectern event file (`*.lectern.json`, format documented in model/EVENTFILE.md): the plan of an
 * evening, its sessions with their materials and polls. Reading validates everything and names the place of
 * a problem ("sessions[2].polls[0]: …"); unknown fields are ignored so that newer files still open.
 */
class EventFile
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::EventFile)

public:
    /** The value of `lecternEventFormat` this version reads and writes. */
    static constexpr int kFormatVersion = 1;
    static constexpr int kMaxTextLength = 200;          ///< titles, speaker, venue
    static constexpr int kMaxPathLength = 4096;         ///< deck
    static constexpr int kMaxMaterials = 20;            ///< per session
    static constexpr int kMaxMaterialLabelLength = 100; ///< characters
    static constexpr int kMaxUrlLength = 2000;          ///< characters of a material's address

    /**
     * Parses and validates an event file's text. Relative deck paths are resolved against baseDirectory
     * (the file's directory) and come out absolute.
     */
    static Result<Event> parse(const QByteArray &json, const QString &baseDirectory);
    /** Parses and validates one poll, written as inside an event file (`sessions[].polls[]`). */
    static Result<Poll> parsePoll(const QByteArray &json);
    /** One poll as inside an event file, compact: what parsePoll() reads back to an equal Poll. */
    static QByteArray serializePoll(const Poll &poll);
    /**
     * The event as an event file. Deck paths inside baseDirectory are written relative to it (so the file
     * and its decks can move together), others absolute; without a baseDirectory all are absolute.
     */
    static QByteArray serialize(const Event &event, const QString &baseDirectory = QString());
    /**
     * A material's address as the file gives it, checked: an absolute http or https URL with a host, at most
     * kMaxUrlLength characters. Anything else (`javascript:`, `data:`, `file:`, relative or without a scheme) is
     * an error saying why, without a place (parse() puts "sessions[1].materials[0].url: " before it).
     */
    static Result<QUrl> parseMaterialUrl(const QString &text);
    /** A poll kind as an event file writes it ("single", "multiple", "rating", "wordcloud", "open"). */
    static QString kindName(Poll::Kind kind);
    /** The event file beside a deck: `talk.pdf` → `talk.lectern.json`. */
    static QString sidecarPath(const QString &deckPath);
};

} // namespace Lectern
