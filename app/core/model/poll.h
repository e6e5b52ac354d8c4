#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <optional>

namespace Lectern {

/** One answer the audience can pick in a choice poll. */
struct PollOption
{
    QString id;    ///< stable within its poll: what a vote records
    QString label; ///< what the audience reads

    friend bool operator==(const PollOption &, const PollOption &) = default;
};

/** A question the speaker asks the room, as declared in the event file or created live. */
struct Poll
{
    enum class Kind { SingleChoice, MultipleChoice, Rating, WordCloud, OpenText };
    /** What reaching the poll's slide does. */
    enum class SlideAction { Offer, Open };
    /** When the audience sees the results on their phones. */
    enum class ResultsVisibility { Never, AfterVoting, AfterReveal };

    static constexpr int kMaxIdLength = 64;
    static constexpr int kMaxQuestionLength = 300;
    static constexpr int kMaxOptionLength = 100;
    static constexpr int kMaxOptions = 12;
    static constexpr int kMaxRatingLabelLength = 100;
    static constexpr int kRatingLowest = 1;
    static constexpr int kRatingHighest = 5;
    static constexpr int kMaxWordLength = 40;

    QString id; ///< unique within the event; letters, digits, '-' and '_'
    QString question;
    Kind kind = Kind::SingleChoice;
    QList<PollOption> options; ///< choice kinds only
    int maxChoices = 0;        ///< MultipleChoice: at most this many options per answer; 0 means no limit
    QString ratingLowLabel;    ///< Rating: the words under 1
    QString ratingHighLabel;   ///< Rating: the words under 5
    QString slideLabel;        ///< the page label of the slide the poll belongs to; empty for none
    SlideAction onSlide = SlideAction::Offer;
    ResultsVisibility resultsVisibility = ResultsVisibility::AfterReveal;

    bool isChoice() const { return kind == Kind::SingleChoice || kind == Kind::MultipleChoice; }
    /** The most options one answer may name: 1 for single choice, maxChoices (or all) for multiple. */
    int choiceLimit() const;

    /** A broken rule: the field it concerns ("options[1]", "question"; empty for the poll as a whole) and why. */
    struct Problem
    {
        QString field;
        QString message;
    };

    /**
     * The first of the poll's own rules (id, question, options, limits) that it breaks, if any. The field is
     * relative to the poll: callers that know where the poll is (a file, a request) put that in front.
     */
    std::optional<Problem> firstProblem() const;
    /** firstProblem() as a Result whose message reads "field: why". */
    Result<> validate() const;

    friend bool operator==(const Poll &, const Poll &) = default;
};

/** Where a poll stands during the event; the database keeps it, the event file does not. */
enum class PollState { Draft, Open, Closed };

/** "draft", "open" or "closed": the state as the database and the exports write it. */
QString pollStateName(PollState state);

/**
 * Turns a word-cloud answer into the form that is counted: NFKC, case-folded, trimmed, inner whitespace
 * collapsed to one space (runs of combining marks first cut as withBoundedCombiningRuns() does). Empty answers,
 * answers longer than Poll::kMaxWordLength characters and answers with characters that cannot be shown (control and
 * format characters, halves of surrogate pairs) are refused.
 */
Result<QString> normalizeWordCloudAnswer(const QString &answer);

/** The number of characters (Unicode code points) a person would count in text. */
qsizetype characterCount(QStringView text);

/**
 * The code point at index i of text, a surrogate pair taken whole, and i moved past it. A half of a pair on its own
 * is returned as itself (QChar::isSurrogate() tells it).
 */
char32_t codePointAt(QStringView text, qsizetype &i);

/** The most combining marks in a row that audience text keeps: Unicode's stream-safe limit (UAX #15). */
inline constexpr int kMaxCombiningMarksInARow = 30;

/**
 * text with every run of combining marks (non-starters, counted as decomposed) cut to kMaxCombiningMarksInARow. No
 * writing needs more; and normalising (NFC, NFKC) takes time that grows with the square of the longest run, so that
 * without the cut one message of 4 KiB from a phone keeps the laptop's event loop busy for tens of milliseconds.
 */
QString withBoundedCombiningRuns(const QString &text);

} // namespace Lectern
