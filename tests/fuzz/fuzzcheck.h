#pragma once

#include "model/poll.h"
#include "model/question.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QList>
#include <QString>
#include <QStringView>

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

/** The entry point of every fuzz target: libFuzzer calls it, and so does replay_main.cpp with each saved input. */
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace Lectern::Fuzz {

/**
 * Stops the run as a crash, naming the rule broken: libFuzzer saves the input that broke it, and a replay of a saved
 * input fails the same way.
 */
[[noreturn]] inline void broken(const char *rule)
{
    std::fprintf(stderr, "fuzz: rule broken: %s\n", rule);
    std::fflush(stderr);
    std::abort();
}

inline void require(bool holds, const char *rule)
{
    if (!holds)
        broken(rule);
}

inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

/**
 * The text a WebSocket text frame carries, as the server reads it: QWebSocket hands it over as a QString (decoded
 * from UTF-8) and the server reads that back as UTF-8. JSON escapes can still put any UTF-16 unit in a string,
 * lone surrogates included.
 */
inline QByteArray asTextFrame(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8();
}

/**
 * Whether JSON that Qt wrote has a string starting with U+FEFF. Qt 6.4's QJsonDocument::fromJson() drops that
 * character when it reads the string back (it decodes each string as UTF-8 text and skips a byte order mark at its
 * start), so such JSON cannot read back the same: a Qt bug, for which round trips are not checked.
 */
inline bool hasStringStartingWithByteOrderMark(const QByteArray &json)
{
    using namespace Qt::StringLiterals;
    return json.contains("\"\xEF\xBB\xBF"_ba);
}

/** A message the server sends or a file it writes: one JSON object. */
inline QJsonObject writtenObject(const QByteArray &json, const char *rule)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    require(error.error == QJsonParseError::NoError && document.isObject(), rule);
    return document.object();
}

/** The code points of text; nothing when it has half a surrogate pair. */
inline std::optional<QList<char32_t>> codePointsOf(QStringView text)
{
    QList<char32_t> points;
    points.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            points.append(QChar::surrogateToUcs4(c, text.at(i + 1)));
            ++i;
        } else if (c.isSurrogate()) {
            return std::nullopt;
        } else {
            points.append(c.unicode());
        }
    }
    return points;
}

inline bool isTag(char32_t c)
{
    return c >= 0xE0020 && c <= 0xE007F;
}

/** The longest run of combining marks (non-starters) of text once decomposed (NFKD). */
inline qsizetype longestCombiningRun(const QString &text)
{
    const std::optional<QList<char32_t>> points = codePointsOf(text.normalized(QString::NormalizationForm_KD));
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const char32_t c : points.value_or(QList<char32_t>())) {
        run = QChar::combiningClass(c) == 0 ? 0 : run + 1;
        longest = std::max(longest, run);
    }
    return longest;
}

/**
 * The rules of audience text after normalizeQuestionText() or normalizeDisplayName() (model/question.h): whole code
 * points, trimmed, NFC, at most maxLength characters, no long runs of combining marks, no control characters or line
 * breaks, no format characters but the zero-width joiners and the tags of a subdivision flag (U+1F3F4, tags, cancel
 * tag).
 */
inline void checkCleanAudienceText(const QString &text, qsizetype maxLength)
{
    const std::optional<QList<char32_t>> points = codePointsOf(text);
    require(points.has_value(), "normalised audience text has no half surrogate pairs");
    require(text == text.trimmed(), "normalised audience text is trimmed");
    require(text == text.normalized(QString::NormalizationForm_C), "normalised audience text is NFC");
    require(characterCount(text) <= maxLength, "normalised audience text keeps its length limit");
    require(longestCombiningRun(text) <= kMaxCombiningMarksInARow,
            "normalised audience text has no long runs of combining marks");
    for (qsizetype i = 0; i < points->size(); ++i) {
        const char32_t c = points->at(i);
        require(c != 0x85 && c != 0x2028 && c != 0x2029, "normalised audience text has no line breaks");
        const QChar::Category category = QChar::category(c);
        require(category != QChar::Other_Control, "normalised audience text has no control characters");
        if (c == 0x1F3F4) {
            qsizetype end = i + 1;
            while (end < points->size() && isTag(points->at(end)) && points->at(end) != 0xE007F)
                ++end;
            if (end > i + 1) {
                require(end < points->size() && points->at(end) == 0xE007F,
                        "tags in normalised audience text end a subdivision flag");
                i = end;
            }
            continue;
        }
        require(category != QChar::Other_Format || c == 0x200C || c == 0x200D,
                "normalised audience text has no format characters but zero-width joiners and flag tags");
    }
}

/**
 * normalizeQuestionText() and normalizeDisplayName() of what a phone sent: clean text that normalising again leaves
 * as it is; both clean the text alike; a question is refused only empty or too long (the server tells which by
 * normalizeDisplayName(), so that must agree).
 */
inline void checkQuestionText(const QString &typed)
{
    const Result<QString> text = normalizeQuestionText(typed);
    const Result<QString> name = normalizeDisplayName(typed);
    if (text) {
        require(!text->isEmpty(), "a question is never empty");
        checkCleanAudienceText(*text, Question::kMaxTextLength);
        const Result<QString> again = normalizeQuestionText(*text);
        require(again && *again == *text, "normalizeQuestionText() of its own result changes nothing");
    }
    if (name) {
        checkCleanAudienceText(*name, Question::kMaxDisplayNameLength);
        const Result<QString> again = normalizeDisplayName(*name);
        require(again && *again == *name, "normalizeDisplayName() of its own result changes nothing");
    }
    if (text && name)
        require(*text == *name, "questions and names are cleaned alike");
    if (!text)
        require(!name || name->isEmpty(), "a question is refused only when empty or too long");
}

/**
 * normalizeWordCloudAnswer() of what a phone sent: a word of whole code points, at most Poll::kMaxWordLength of
 * them, without control or format characters, its spaces simplified, and a fixed point (an answer that is counted
 * as this word is counted as it again: else one word would make two entries of the cloud).
 */
inline void checkWordCloudAnswer(const QString &typed)
{
    const Result<QString> word = normalizeWordCloudAnswer(typed);
    if (!word)
        return;
    require(!word->isEmpty(), "a word-cloud answer is never empty");
    const std::optional<QList<char32_t>> points = codePointsOf(*word);
    require(points.has_value(), "a word-cloud answer has no half surrogate pairs");
    require(characterCount(*word) <= Poll::kMaxWordLength, "a word-cloud answer keeps its length limit");
    require(*word == word->simplified(), "a word-cloud answer has its spaces simplified");
    for (const char32_t c : *points) {
        const QChar::Category category = QChar::category(c);
        require(category != QChar::Other_Control && category != QChar::Other_Format,
                "a word-cloud answer has no control or format characters");
    }
    const Result<QString> again = normalizeWordCloudAnswer(*word);
    require(again && *again == *word, "normalizeWordCloudAnswer() of its own result changes nothing");
}

} // namespace Lectern::Fuzz
