#pragma once

#include "result.h"

#include <QDateTime>
#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

namespace Lectern {

/** A question someone in the audience asked during a session, with where it stands in the Q&A queue. */
struct Question
{
    /** One table for every view; PROTOCOL.md names them with questionStateName(). */
    enum class State {
        Waiting,   ///< in the approval queue, not yet approved
        Shown,     ///< visible to the audience, waiting to be answered
        Pinned,    ///< the one being answered, large on the projector
        Answered,  ///< done
        Hidden,    ///< kept off every view by a moderator; still exported
        Merged,    ///< a duplicate of mergedInto, which took its votes
        Withdrawn, ///< taken back by its author
        Unanswered ///< still shown when its session ended
    };

    static constexpr int kMaxTextLength = 300;
    static constexpr int kMaxDisplayNameLength = 40;

    qint64 id = 0; ///< given by the database; 0 until stored
    int sessionIndex = 0;
    QString text;        ///< normalised (normalizeQuestionText): plain text, never markup
    QString displayName; ///< normalised (normalizeDisplayName); empty for anonymous
    QString deviceToken; ///< the device that asked
    State state = State::Shown;
    std::optional<qint64> mergedInto; ///< set exactly when state is Merged
    std::optional<QDateTime> createdAt;
    std::optional<QDateTime> pinnedAt;   ///< the latest pinning
    std::optional<QDateTime> answeredAt; ///< when it was marked answered

    friend bool operator==(const Question &, const Question &) = default;
};

/** The state's name in the database and the protocol: "waiting", "shown", "pinned", … */
QString questionStateName(Question::State state);
/** The state a name stands for; nothing for a name that is not one. */
std::optional<Question::State> questionStateFromName(QStringView name);

/**
 * Turns what a person typed as a question into what is kept and shown: control characters, bidi overrides and
 * isolates and other invisible format characters removed (line breaks and tabs become spaces), runs of more than
 * kMaxCombiningMarksInARow combining marks cut (withBoundedCombiningRuns()), NFC, trimmed.
 * Zero-width joiners and the tags of subdivision flags stay, so that emoji sequences survive. Text that is empty
 * after that, or longer than Question::kMaxTextLength characters, is refused with a message for the person.
 */
Result<QString> normalizeQuestionText(const QString &text);

/** normalizeQuestionText() for the optional name shown with a question: empty is allowed (anonymous). */
Result<QString> normalizeDisplayName(const QString &name);

} // namespace Lectern
