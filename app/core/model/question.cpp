#include "model/question.h"
#include "model/poll.h"

#include <QCoreApplication>
#include <QList>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

constexpr char32_t kZeroWidthNonJoiner = 0x200C;
constexpr char32_t kZeroWidthJoiner = 0x200D;
constexpr char32_t kWavingBlackFlag = 0x1F3F4;
constexpr char32_t kFirstTag = 0xE0020;
constexpr char32_t kCancelTag = 0xE007F;

const std::pair<Question::State, QString> kStateNames[] = {
    {Question::State::Waiting, u"waiting"_s},     {Question::State::Shown, u"shown"_s},
    {Question::State::Pinned, u"pinned"_s},       {Question::State::Answered, u"answered"_s},
    {Question::State::Hidden, u"hidden"_s},       {Question::State::Merged, u"merged"_s},
    {Question::State::Withdrawn, u"withdrawn"_s}, {Question::State::Unanswered, u"unanswered"_s},
};

bool isTag(char32_t c)
{
    return c >= kFirstTag && c <= kCancelTag;
}

/** Characters that end a line: a space in their place keeps the words on either side apart. */
bool isLineOrTabControl(char32_t c)
{
    return c == u'\t' || c == u'\n' || c == 0x0B || c == 0x0C || c == u'\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/** The text's code points; halves of surrogate pairs without their other half are dropped. */
QList<char32_t> codePointsOf(const QString &text)
{
    QList<char32_t> points;
    points.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        if (const char32_t c = codePointAt(text, i); !QChar::isSurrogate(c))
            points.append(c);
    }
    return points;
}

/**
 * Removes what a person cannot see but a renderer obeys: control characters, and format characters such as
 * bidi overrides and isolates (which flip the text around them) and zero-width spaces (which hide words from a
 * blocked-words list). Joiners stay for emoji and scripts that need them, and tag characters stay only as the
 * tail of a subdivision flag (🏴 + tags + cancel tag), the one place they are shown.
 */
QString withoutHiddenCharacters(const QString &text)
{
    const QList<char32_t> points = codePointsOf(text);
    QString kept;
    kept.reserve(text.size());
    for (qsizetype i = 0; i < points.size(); ++i) {
        const char32_t c = points.at(i);
        if (c == kWavingBlackFlag) {
            kept.append(QChar::fromUcs4(c));
            qsizetype end = i + 1;
            while (end < points.size() && isTag(points.at(end)) && points.at(end) != kCancelTag)
                ++end;
            if (end > i + 1 && end < points.size() && points.at(end) == kCancelTag) {
                for (qsizetype tag = i + 1; tag <= end; ++tag)
                    kept.append(QChar::fromUcs4(points.at(tag)));
                i = end;
            }
            continue;
        }
        if (isLineOrTabControl(c)) {
            kept.append(u' ');
            continue;
        }
        const QChar::Category category = QChar::category(c);
        if (category == QChar::Other_Control)
            continue;
        if (category == QChar::Other_Format && c != kZeroWidthNonJoiner && c != kZeroWidthJoiner)
            continue;
        kept.append(QChar::fromUcs4(c));
    }
    return kept;
}

/**
 * Hidden characters removed, then NFC: removing one can leave a letter and its accent to compose. Runs of combining
 * marks are cut before NFC, whose time grows with the square of the longest run.
 */
QString cleaned(const QString &text)
{
    return withBoundedCombiningRuns(withoutHiddenCharacters(text)).normalized(QString::NormalizationForm_C).trimmed();
}

} // namespace

QString questionStateName(Question::State state)
{
    for (const auto &[known, name] : kStateNames) {
        if (known == state)
            return name;
    }
    Q_UNREACHABLE();
}

std::optional<Question::State> questionStateFromName(QStringView name)
{
    for (const auto &[state, known] : kStateNames) {
        if (known == name)
            return state;
    }
    return std::nullopt;
}

Result<QString> normalizeQuestionText(const QString &text)
{
    QString question = cleaned(text);
    if (question.isEmpty())
        return fail(QCoreApplication::translate("Lectern::Question", "Type your question."));
    if (const qsizetype length = characterCount(question); length > Question::kMaxTextLength)
        return fail(QCoreApplication::translate("Lectern::Question",
                                                "Keep your question to %1 characters or fewer (this is %2).")
                        .arg(Question::kMaxTextLength)
                        .arg(length));
    return question;
}

Result<QString> normalizeDisplayName(const QString &name)
{
    QString displayName = cleaned(name);
    if (const qsizetype length = characterCount(displayName); length > Question::kMaxDisplayNameLength)
        return fail(
            QCoreApplication::translate("Lectern::Question", "Keep your name to %1 characters or fewer (this is %2).")
                .arg(Question::kMaxDisplayNameLength)
                .arg(length));
    return displayName;
}

} // namespace Lectern
