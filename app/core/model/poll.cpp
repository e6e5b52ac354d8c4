#include "model/poll.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

bool isIdentifier(const QString &id)
{
    if (id.isEmpty() || id.size() > Poll::kMaxIdLength)
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-' ||
               c == u'_';
    });
}

QString kindName(Poll::Kind kind)
{
    switch (kind) {
    case Poll::Kind::SingleChoice:
        return QCoreApplication::translate("Lectern::Poll", "a single-choice poll");
    case Poll::Kind::MultipleChoice:
        return QCoreApplication::translate("Lectern::Poll", "a multiple-choice poll");
    case Poll::Kind::Rating:
        return QCoreApplication::translate("Lectern::Poll", "a rating poll");
    case Poll::Kind::WordCloud:
        return QCoreApplication::translate("Lectern::Poll", "a word-cloud poll");
    case Poll::Kind::OpenText:
        return QCoreApplication::translate("Lectern::Poll", "an open-text poll");
    }
    Q_UNREACHABLE();
}

std::optional<Poll::Problem> optionProblem(const Poll &poll)
{
    if (!poll.isChoice()) {
        if (!poll.options.isEmpty())
            return Poll::Problem{
                u"options"_s,
                QCoreApplication::translate("Lectern::Poll", "%1 takes no options").arg(kindName(poll.kind))};
        return std::nullopt;
    }
    if (poll.options.size() < 2)
        return Poll::Problem{
            QString(),
            QCoreApplication::translate("Lectern::Poll", "%1 needs at least two options").arg(kindName(poll.kind))};
    if (poll.options.size() > Poll::kMaxOptions)
        return Poll::Problem{
            u"options"_s, QCoreApplication::translate("Lectern::Poll", "a poll has at most %1 options; this one has %2")
                              .arg(Poll::kMaxOptions)
                              .arg(poll.options.size())};
    QSet<QString> ids;
    QSet<QString> labels;
    for (qsizetype i = 0; i < poll.options.size(); ++i) {
        const PollOption &option = poll.options.at(i);
        const QString field = u"options[%1]"_s.arg(i);
        if (option.label.trimmed().isEmpty())
            return Poll::Problem{field, QCoreApplication::translate("Lectern::Poll", "the option has no text")};
        if (const qsizetype length = characterCount(option.label); length > Poll::kMaxOptionLength)
            return Poll::Problem{field, QCoreApplication::translate(
                                            "Lectern::Poll", "the option is %1 characters long; at most %2 are allowed")
                                            .arg(length)
                                            .arg(Poll::kMaxOptionLength)};
        if (!isIdentifier(option.id))
            return Poll::Problem{
                field, QCoreApplication::translate("Lectern::Poll",
                                                   "the option id \"%1\" must be 1 to %2 letters, digits, '-' or '_'")
                           .arg(option.id)
                           .arg(Poll::kMaxIdLength)};
        if (ids.contains(option.id))
            return Poll::Problem{
                field, QCoreApplication::translate("Lectern::Poll", "another option already has the id \"%1\"")
                           .arg(option.id)};
        if (labels.contains(option.label.trimmed()))
            return Poll::Problem{field,
                                 QCoreApplication::translate("Lectern::Poll", "another option already says \"%1\"")
                                     .arg(option.label.trimmed())};
        ids.insert(option.id);
        labels.insert(option.label.trimmed());
    }
    if (poll.kind == Poll::Kind::MultipleChoice && (poll.maxChoices < 0 || poll.maxChoices > poll.options.size()))
        return Poll::Problem{u"maxChoices"_s, QCoreApplication::translate(
                                                  "Lectern::Poll", "%1 is not between 1 and the number of options (%2)")
                                                  .arg(poll.maxChoices)
                                                  .arg(poll.options.size())};
    return std::nullopt;
}

/**
 * Control characters; format characters (bidi overrides, zero-width spaces, tags) that could flip or hide what the
 * projector shows; halves of surrogate pairs, which no font shows. Looked at by code point: tags and the other format
 * characters beyond U+FFFF are surrogate pairs, whose halves are not format characters themselves.
 */
bool hasUnshowableCharacter(const QString &text)
{
    for (qsizetype i = 0; i < text.size();) {
        const QChar::Category category = QChar::category(codePointAt(text, i));
        if (category == QChar::Other_Control || category == QChar::Other_Format || category == QChar::Other_Surrogate)
            return true;
    }
    return false;
}

} // namespace

int Poll::choiceLimit() const
{
    if (kind == Kind::SingleChoice)
        return 1;
    if (kind == Kind::MultipleChoice)
        return maxChoices > 0 ? maxChoices : int(options.size());
    return 0;
}

std::optional<Poll::Problem> Poll::firstProblem() const
{
    if (!isIdentifier(id))
        return Problem{u"id"_s,
                       QCoreApplication::translate(
                           "Lectern::Poll", "the poll id \"%1\" must be 1 to %2 letters, digits, '-' or '_', such as "
                                            "\"uses-uv\"")
                           .arg(id)
                           .arg(kMaxIdLength)};
    if (question.trimmed().isEmpty())
        return Problem{u"question"_s, QCoreApplication::translate("Lectern::Poll", "the poll has no question")};
    if (const qsizetype length = characterCount(question); length > kMaxQuestionLength)
        return Problem{u"question"_s, QCoreApplication::translate(
                                          "Lectern::Poll", "the question is %1 characters long; at most %2 are allowed")
                                          .arg(length)
                                          .arg(kMaxQuestionLength)};
    if (auto problem = optionProblem(*this))
        return problem;
    if (kind == Kind::Rating) {
        const std::pair<QString, const QString &> labels[] = {{u"ratingLabels.low"_s, ratingLowLabel},
                                                              {u"ratingLabels.high"_s, ratingHighLabel}};
        for (const auto &[field, label] : labels) {
            if (const qsizetype length = characterCount(label); length > kMaxRatingLabelLength)
                return Problem{field, QCoreApplication::translate(
                                          "Lectern::Poll", "the label is %1 characters long; at most %2 are allowed")
                                          .arg(length)
                                          .arg(kMaxRatingLabelLength)};
        }
    }
    return std::nullopt;
}

Result<> Poll::validate() const
{
    const std::optional<Problem> problem = firstProblem();
    if (!problem)
        return {};
    return fail(problem->field.isEmpty() ? problem->message : problem->field + u": "_s + problem->message);
}

char32_t codePointAt(QStringView text, qsizetype &i)
{
    char32_t c = text.at(i).unicode();
    if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
        c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
        ++i;
    }
    ++i;
    return c;
}

qsizetype characterCount(QStringView text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++count;
    }
    return count;
}

QString withBoundedCombiningRuns(const QString &text)
{
    QString kept;
    kept.reserve(text.size());
    int run = 0; // combining marks since the last starter, as decomposed
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype start = i;
        const char32_t c = codePointAt(text, i);
        // The marks before the first starter of the character's decomposition and after its last; and whether it
        // has a starter at all. Compatibility decompositions count too, for NFKC.
        bool hasStarter = QChar::combiningClass(c) == 0;
        int leading = hasStarter ? 0 : 1;
        int trailing = leading;
        if (QChar::decompositionTag(c) != QChar::NoDecomposition) {
            const QString decomposed = QString::fromUcs4(&c, 1).normalized(QString::NormalizationForm_KD);
            hasStarter = false;
            leading = trailing = 0;
            for (qsizetype d = 0; d < decomposed.size();) {
                if (QChar::combiningClass(codePointAt(decomposed, d)) == 0) {
                    hasStarter = true;
                    trailing = 0;
                } else if (hasStarter) {
                    ++trailing;
                } else {
                    ++leading;
                }
            }
            if (!hasStarter)
                trailing = leading;
        }
        if (run + leading > kMaxCombiningMarksInARow)
            continue;
        run = hasStarter ? trailing : run + leading;
        kept.append(QStringView(text).sliced(start, i - start));
    }
    return kept;
}

Result<QString> normalizeWordCloudAnswer(const QString &answer)
{
    // QString::toCaseFolded() folds one character to one, leaving "ß" apart from "ss"; upper-casing first
    // applies the full mappings ("ß" → "SS"). Folding before that too takes "ẞ", which upper-cases to itself, to
    // "ß" and so to "ss" (else it would count apart from "ss", and as "ß" once normalised again). Folding can leave
    // text that is no longer NFKC, so normalise again: close enough to Unicode's NFKC_Casefold for counting words.
    QString word = withBoundedCombiningRuns(answer)
                       .normalized(QString::NormalizationForm_KC)
                       .toCaseFolded()
                       .toUpper()
                       .toCaseFolded()
                       .normalized(QString::NormalizationForm_KC)
                       .simplified();
    if (word.isEmpty())
        return fail(QCoreApplication::translate("Lectern::Poll", "Type a word or a few words."));
    if (hasUnshowableCharacter(word))
        return fail(
            QCoreApplication::translate("Lectern::Poll", "The answer contains characters that cannot be shown."));
    if (const qsizetype length = characterCount(word); length > Poll::kMaxWordLength)
        return fail(QCoreApplication::translate("Lectern::Poll", "Keep it to %1 characters or fewer (this is %2).")
                        .arg(Poll::kMaxWordLength)
                        .arg(length));
    return word;
}

QString pollStateName(PollState state)
{
    switch (state) {
    case PollState::Draft:
        return u"draft"_s;
    case PollState::Open:
        return u"open"_s;
    case PollState::Closed:
        return u"closed"_s;
    }
    Q_UNREACHABLE();
}

} // namespace Lectern
