#include "event/livequestions.h"
#include "storage/database.h"
#include "timer/clock.h"
#include "timer/sessionclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

// The event module's category, defined in liveevent.cpp.
Q_DECLARE_LOGGING_CATEGORY(lcEvent)

namespace Lectern {

namespace {

const QString kBlockedWordsKey = u"questions/blocked_words"_s;
const QString kBlockedDevicesKey = u"questions/blocked_devices"_s;

QString approvalKey(int sessionIndex)
{
    return u"questions/approval/%1"_s.arg(sessionIndex);
}

/** A time as the database gives it back: UTC, millisecond precision. */
QDateTime asRecorded(const QDateTime &time)
{
    return QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), Qt::UTC);
}

/** Text as blocked words are matched: compatibility forms unified (ｓｐａｍ, ﬁ), case folded (ß as ss). */
QString folded(const QString &text)
{
    // QString::toCaseFolded() folds one character to one, so ß would stay ß; upper case first maps it to SS as
    // full case folding does. A case change can undo a normalisation, hence NFKC again at the end.
    return text.normalized(QString::NormalizationForm_KC)
        .toUpper()
        .toCaseFolded()
        .normalized(QString::NormalizationForm_KC);
}

/** A settings value holding a JSON array of strings; a missing value is an empty list. */
Result<QStringList> stringListFromJson(const std::optional<QString> &value)
{
    if (!value || value->isEmpty())
        return QStringList();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(value->toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        return fail(QString());
    QStringList list;
    const QJsonArray array = document.array();
    for (const QJsonValue &item : array) {
        if (!item.isString())
            return fail(QString());
        list.append(item.toString());
    }
    return list;
}

QString jsonFromStringList(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

/** The queue's order: votes (most first), then the time asked (earlier first), then the id. */
bool queuedBefore(const QuestionRecord &a, const QuestionRecord &b)
{
    if (a.votes != b.votes)
        return a.votes > b.votes;
    if (a.question.createdAt != b.question.createdAt)
        return a.question.createdAt.value_or(QDateTime()) < b.question.createdAt.value_or(QDateTime());
    return a.question.id < b.question.id;
}

} // namespace

LiveQuestions::LiveQuestions(Database &database, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_database(database)
    , m_store(database)
    , m_settings(database)
{}

LiveQuestions::~LiveQuestions() = default;

Result<> LiveQuestions::load(int sessionIndex)
{
    if (sessionIndex < 0)
        return fail(tr("There is no session %1.").arg(sessionIndex + 1));
    const auto failed = [sessionIndex](const QString &why) {
        return fail(tr("Cannot load the questions of session %1: %2").arg(sessionIndex + 1).arg(why));
    };
    const Result<QList<QuestionRecord>> questions = m_store.questions(sessionIndex);
    if (!questions)
        return failed(questions.error());
    const Result<QHash<qint64, QSet<QString>>> upvoters = m_store.upvoters(sessionIndex);
    if (!upvoters)
        return failed(upvoters.error());
    const Result<std::optional<QString>> approval = m_settings.value(approvalKey(sessionIndex));
    if (!approval)
        return failed(approval.error());
    const Result<std::optional<QString>> wordsValue = m_settings.value(kBlockedWordsKey);
    if (!wordsValue)
        return failed(wordsValue.error());
    const Result<QStringList> words = stringListFromJson(*wordsValue);
    if (!words)
        return failed(tr("the blocked words in the event database are not a list of words"));
    const Result<std::optional<QString>> devicesValue = m_settings.value(kBlockedDevicesKey);
    if (!devicesValue)
        return failed(devicesValue.error());
    const Result<QStringList> devices = stringListFromJson(*devicesValue);
    if (!devices)
        return failed(tr("the blocked devices in the event database are not a list of devices"));

    const bool couldUndo = canUndo();
    m_sessionIndex = sessionIndex;
    m_questions = *questions;
    m_upvoters.clear();
    for (const QuestionRecord &record : std::as_const(m_questions))
        m_upvoters.insert(record.question.id, upvoters->value(record.question.id));
    m_approvalRequired = approval->value_or(QString()) == u"true";
    m_blockedWords = *words;
    m_foldedBlockedWords.clear();
    for (const QString &word : std::as_const(m_blockedWords))
        m_foldedBlockedWords.append(folded(word));
    m_blockedDevices = QSet<QString>(devices->cbegin(), devices->cend());
    m_undo.clear();
    Q_EMIT questionsReset();
    if (couldUndo)
        Q_EMIT undoChanged(false);
    return {};
}

std::optional<QuestionRecord> LiveQuestions::question(qint64 id) const
{
    const auto found = std::find_if(m_questions.cbegin(), m_questions.cend(),
                                    [id](const QuestionRecord &record) { return record.question.id == id; });
    return found == m_questions.cend() ? std::nullopt : std::optional<QuestionRecord>(*found);
}

QuestionRecord *LiveQuestions::find(qint64 id)
{
    const auto found = std::find_if(m_questions.begin(), m_questions.end(),
                                    [id](const QuestionRecord &record) { return record.question.id == id; });
    return found == m_questions.end() ? nullptr : &*found;
}

Result<QuestionRecord *> LiveQuestions::require(qint64 id)
{
    if (const Result<QuestionRecord> record = requireQuestion(id); !record)
        return fail(record.error());
    return find(id);
}

QList<QuestionRecord> LiveQuestions::queue() const
{
    QList<QuestionRecord> queue;
    std::optional<QuestionRecord> pinned;
    for (const QuestionRecord &record : m_questions) {
        if (record.question.state == Question::State::Pinned)
            pinned = record;
        else if (record.question.state == Question::State::Shown)
            queue.append(record);
    }
    std::stable_sort(queue.begin(), queue.end(), queuedBefore);
    if (pinned)
        queue.prepend(*pinned);
    return queue;
}

std::optional<qint64> LiveQuestions::pinnedId() const
{
    for (const QuestionRecord &record : m_questions) {
        if (record.question.state == Question::State::Pinned)
            return record.question.id;
    }
    return std::nullopt;
}

QSet<qint64> LiveQuestions::upvotedBy(const QString &deviceToken) const
{
    QSet<qint64> ids;
    for (auto it = m_upvoters.cbegin(); it != m_upvoters.cend(); ++it) {
        if (it->contains(deviceToken))
            ids.insert(it.key());
    }
    return ids;
}

bool LiveQuestions::hasUpvoted(qint64 id, const QString &deviceToken) const
{
    return m_upvoters.value(id).contains(deviceToken);
}

bool LiveQuestions::containsBlockedWord(const QString &text) const
{
    if (m_foldedBlockedWords.isEmpty() || text.isEmpty())
        return false;
    const QString haystack = folded(text);
    return std::any_of(m_foldedBlockedWords.cbegin(), m_foldedBlockedWords.cend(),
                       [&](const QString &word) { return haystack.contains(word); });
}

QString LiveQuestions::stateInWords(Question::State state)
{
    switch (state) {
    case Question::State::Waiting:
        return tr("waiting for approval", "a question's state");
    case Question::State::Shown:
        return tr("shown", "a question's state");
    case Question::State::Pinned:
        return tr("pinned", "a question's state");
    case Question::State::Answered:
        return tr("answered", "a question's state");
    case Question::State::Hidden:
        return tr("hidden", "a question's state");
    case Question::State::Merged:
        return tr("merged into another", "a question's state");
    case Question::State::Withdrawn:
        return tr("withdrawn", "a question's state");
    case Question::State::Unanswered:
        return tr("unanswered", "a question's state");
    }
    Q_UNREACHABLE();
}

Question LiveQuestions::moved(const Question &question, Question::State state, const QDateTime &at)
{
    Question result = question;
    // pinnedAt stays only on the way from Pinned to Answered: answeredAt − pinnedAt is the time the answer took,
    // so a question unpinned (or put back) and answered later does not count the time it was not on screen.
    if (question.state == Question::State::Pinned && state != Question::State::Answered)
        result.pinnedAt.reset();
    result.state = state;
    if (state != Question::State::Merged)
        result.mergedInto.reset();
    if (state == Question::State::Pinned) {
        result.pinnedAt = at;
        result.answeredAt.reset();
    } else if (state == Question::State::Answered) {
        result.answeredAt = at;
    }
    return result;
}

Result<> LiveQuestions::requireState(const QuestionRecord &record, std::initializer_list<Question::State> allowed,
                                     const QString &action) const
{
    if (std::find(allowed.begin(), allowed.end(), record.question.state) != allowed.end())
        return {};
    QStringList names;
    for (const Question::State state : allowed)
        names.append(stateInWords(state));
    //: %1 the question's number, %2 what was asked of it ("pinned"), %3 its state, %4 the states that allow it
    return fail(tr("Question %1 cannot be %2: it is %3, and only questions that are %4 can be.")
                    .arg(record.question.id)
                    .arg(action, stateInWords(record.question.state),
                         names.join(tr(" or ", "between the states that allow an action"))));
}

Result<> LiveQuestions::commitStates(const QList<Question> &changed, const QString &context)
{
    if (const Result<> written = m_store.writeStates(changed); !written)
        return fail(writeFailure(context + u' ' + written.error()));
    QList<qint64> ids;
    ids.reserve(changed.size());
    for (const Question &question : changed) {
        if (QuestionRecord *record = find(question.id))
            record->question = question;
        ids.append(question.id);
    }
    Q_EMIT questionsChanged(ids);
    return {};
}

Result<QuestionRecord> LiveQuestions::ask(const QString &deviceToken, const QString &text, const QString &displayName)
{
    if (m_sessionIndex < 0)
        return fail(tr("No session is on stage, so no question can be asked yet."));
    const Result<QString> normalizedText = normalizeQuestionText(text);
    if (!normalizedText)
        return fail(normalizedText.error());
    const Result<QString> normalizedName = normalizeDisplayName(displayName);
    if (!normalizedName)
        return fail(normalizedName.error());

    Question question;
    question.sessionIndex = m_sessionIndex;
    question.text = *normalizedText;
    question.displayName = *normalizedName;
    question.deviceToken = deviceToken;
    // The name is shown with the text, so a blocked word in either sends the question to the approval queue.
    const bool needsApproval = m_approvalRequired || m_blockedDevices.contains(deviceToken) ||
                               containsBlockedWord(question.text) || containsBlockedWord(question.displayName);
    question.state = needsApproval ? Question::State::Waiting : Question::State::Shown;
    question.createdAt = asRecorded(m_clock.now());
    const Result<qint64> id = m_store.add(question);
    if (!id)
        return fail(writeFailure(id.error()));
    question.id = *id;

    const QuestionRecord record{question, 0};
    m_questions.append(record);
    m_upvoters.insert(question.id, {});
    Q_EMIT questionsChanged({question.id});
    return record;
}

Result<> LiveQuestions::withdraw(const QString &deviceToken, qint64 id)
{
    const Result<QuestionRecord *> record = require(id);
    if (!record)
        return fail(record.error());
    if ((*record)->question.deviceToken != deviceToken)
        return fail(tr("Question %1 was asked from another device; only its author can withdraw it.").arg(id));
    if (!isWithdrawable((*record)->question.state))
        return requireState(**record, {Question::State::Waiting, Question::State::Shown, Question::State::Pinned},
                            tr("withdrawn", "what cannot be done to a question"));
    const Question withdrawn = moved((*record)->question, Question::State::Withdrawn, asRecorded(m_clock.now()));
    return commitStates({withdrawn}, tr("Cannot withdraw question %1:").arg(id));
}

bool LiveQuestions::takesUpvotes(Question::State state)
{
    return state == Question::State::Shown || state == Question::State::Pinned;
}

bool LiveQuestions::isWithdrawable(Question::State state)
{
    return state == Question::State::Waiting || state == Question::State::Shown || state == Question::State::Pinned;
}

Result<bool> LiveQuestions::setUpvoted(const QString &deviceToken, qint64 id, bool upvoted)
{
    const Result<QuestionRecord *> found = require(id);
    if (!found)
        return fail(found.error());
    QuestionRecord &record = **found;
    if (!takesUpvotes(record.question.state))
        return fail(tr("Question %1 is %2: only shown and pinned questions can be upvoted.")
                        .arg(id)
                        .arg(stateInWords(record.question.state)));
    QSet<QString> &upvoters = m_upvoters[id];
    if (upvoters.contains(deviceToken) == upvoted)
        return false;

    const Result<bool> written = upvoted ? m_store.upvote(id, deviceToken) : m_store.removeUpvote(id, deviceToken);
    if (!written)
        return fail(writeFailure(written.error()));
    if (upvoted)
        upvoters.insert(deviceToken);
    else
        upvoters.remove(deviceToken);
    record.votes = int(upvoters.size());
    Q_EMIT questionsChanged({id});
    return true;
}

Result<> LiveQuestions::setApprovalRequired(bool required)
{
    return setModeration(required, std::nullopt);
}

Result<> LiveQuestions::setBlockedWords(const QStringList &words)
{
    return setModeration(std::nullopt, words);
}

Result<> LiveQuestions::setModeration(std::optional<bool> approvalRequired,
                                      const std::optional<QStringList> &blockedWords)
{
    if (approvalRequired && m_sessionIndex < 0)
        return fail(tr("No session is on stage, so its approval queue cannot be set yet."));
    const bool approvalChanges = approvalRequired && *approvalRequired != m_approvalRequired;
    QStringList kept = m_blockedWords;
    QStringList keptFolded = m_foldedBlockedWords;
    if (blockedWords) {
        kept.clear();
        keptFolded.clear();
        for (const QString &word : *blockedWords) {
            const QString trimmed = word.trimmed();
            if (trimmed.isEmpty())
                continue;
            const QString key = folded(trimmed);
            if (keptFolded.contains(key))
                continue;
            kept.append(trimmed);
            keptFolded.append(key);
        }
    }
    const bool wordsChange = kept != m_blockedWords;
    if (!approvalChanges && !wordsChange)
        return {};
    const Result<> saved = m_database.transaction([&]() -> Result<> {
        if (approvalChanges) {
            if (const Result<> stored =
                    m_settings.setValue(approvalKey(m_sessionIndex), *approvalRequired ? u"true"_s : u"false"_s);
                !stored)
                return stored;
        }
        if (wordsChange)
            return m_settings.setValue(kBlockedWordsKey, jsonFromStringList(kept));
        return {};
    });
    if (!saved)
        return fail(writeFailure(saved.error()));
    if (approvalChanges)
        m_approvalRequired = *approvalRequired;
    m_blockedWords = kept;
    m_foldedBlockedWords = keptFolded;
    Q_EMIT moderationChanged();
    return {};
}

QString LiveQuestions::writeFailure(const QString &error)
{
    Q_EMIT writeFailed(error);
    return error;
}

Result<> LiveQuestions::saveBlockedDevices(const QSet<QString> &devices)
{
    QStringList list(devices.cbegin(), devices.cend());
    list.sort(); // a stable value: the same set is written the same way
    return m_settings.setValue(kBlockedDevicesKey, jsonFromStringList(list));
}

Result<> LiveQuestions::setAuthorBlocked(qint64 id, bool blocked)
{
    if (const Result<> permitted = mayModerate(blocked ? Moderation::BlockAuthor : Moderation::UnblockAuthor, id);
        !permitted)
        return permitted;
    const QString device = find(id)->question.deviceToken;
    if (m_blockedDevices.contains(device) == blocked)
        return {};
    QSet<QString> devices = m_blockedDevices;
    if (blocked)
        devices.insert(device);
    else
        devices.remove(device);
    if (const Result<> saved = saveBlockedDevices(devices); !saved)
        return fail(writeFailure(
            blocked ? tr("Cannot block the device that asked question %1: %2").arg(id).arg(saved.error())
                    : tr("Cannot unblock the device that asked question %1: %2").arg(id).arg(saved.error())));
    m_blockedDevices = devices;
    Q_EMIT moderationChanged();
    return {};
}

Result<QuestionRecord> LiveQuestions::requireQuestion(qint64 id) const
{
    if (m_sessionIndex < 0)
        return fail(tr("No session is on stage, so it has no questions yet."));
    std::optional<QuestionRecord> record = question(id);
    if (!record)
        return fail(tr("There is no question %1 in this session.").arg(id));
    return std::move(*record);
}

Result<> LiveQuestions::mayModerate(Moderation action, qint64 id, std::optional<qint64> into) const
{
    using State = Question::State;
    const Result<QuestionRecord> record = requireQuestion(id);
    if (!record)
        return fail(record.error());
    const QString what = tr("merged", "what cannot be done to a question");
    const std::initializer_list<State> mergeable = {State::Waiting,  State::Shown,  State::Pinned,
                                                    State::Answered, State::Hidden, State::Unanswered};
    const State state = record->question.state;
    switch (action) {
    case Moderation::BlockAuthor:
    case Moderation::UnblockAuthor:
        return {};
    case Moderation::Merge: {
        Q_ASSERT(into);
        if (!into)
            return fail(tr("Merging needs the question to merge into."));
        if (*into == id)
            return fail(tr("A question cannot be merged into itself."));
        const Result<QuestionRecord> target = requireQuestion(*into);
        if (!target)
            return fail(target.error());
        if (const Result<> permitted = requireState(*record, mergeable, what); !permitted)
            return permitted;
        return requireState(*target, mergeable, tr("merged into", "what cannot be done to a question"));
    }
    case Moderation::Approve:
        if (state == State::Shown)
            return {};
        return requireState(*record, {State::Waiting, State::Hidden},
                            tr("approved", "what cannot be done to a question"));
    case Moderation::Hide:
        if (state == State::Hidden)
            return {};
        return requireState(*record, {State::Waiting, State::Shown, State::Pinned, State::Answered, State::Unanswered},
                            tr("hidden", "what cannot be done to a question"));
    case Moderation::MarkAnswered:
        if (state == State::Answered)
            return {};
        return requireState(*record, {State::Shown, State::Pinned, State::Waiting, State::Unanswered},
                            tr("marked answered", "what cannot be done to a question"));
    case Moderation::Pin:
        if (state == State::Pinned)
            return {};
        return requireState(*record, {State::Shown, State::Waiting}, tr("pinned", "what cannot be done to a question"));
    case Moderation::Unpin:
        if (state == State::Shown)
            return {};
        return requireState(*record, {State::Pinned}, tr("unpinned", "what cannot be done to a question"));
    }
    Q_UNREACHABLE();
}

Result<> LiveQuestions::moveTo(qint64 id, Moderation action, Question::State state)
{
    if (const Result<> permitted = mayModerate(action, id); !permitted)
        return permitted;
    QuestionRecord *record = find(id);
    if (record->question.state == state)
        return {};
    const Question changed = moved(record->question, state, asRecorded(m_clock.now()));
    return commitStates({changed}, tr("Cannot change question %1:").arg(id));
}

Result<> LiveQuestions::approve(qint64 id)
{
    return moveTo(id, Moderation::Approve, Question::State::Shown);
}

Result<> LiveQuestions::hide(qint64 id)
{
    return moveTo(id, Moderation::Hide, Question::State::Hidden);
}

Result<> LiveQuestions::markAnswered(qint64 id)
{
    return moveTo(id, Moderation::MarkAnswered, Question::State::Answered);
}

Result<> LiveQuestions::pin(qint64 id)
{
    if (const Result<> permitted = mayModerate(Moderation::Pin, id); !permitted)
        return permitted;
    QuestionRecord *record = find(id);
    if (record->question.state == Question::State::Pinned)
        return {};
    const QDateTime now = asRecorded(m_clock.now());
    QList<Question> changed;
    if (const std::optional<qint64> previous = pinnedId())
        changed.append(moved(find(*previous)->question, Question::State::Shown, now));
    changed.append(moved(record->question, Question::State::Pinned, now));
    return commitStates(changed, tr("Cannot pin question %1:").arg(id));
}

Result<> LiveQuestions::unpin(qint64 id)
{
    return moveTo(id, Moderation::Unpin, Question::State::Shown);
}

Result<> LiveQuestions::merge(qint64 from, qint64 into)
{
    if (const Result<> permitted = mayModerate(Moderation::Merge, from, into); !permitted)
        return permitted;
    QuestionRecord *duplicate = find(from);
    QuestionRecord *target = find(into);
    if (const Result<> merged = m_store.merge(from, into); !merged)
        return fail(writeFailure(merged.error()));

    QSet<QString> &targetUpvoters = m_upvoters[into];
    targetUpvoters.unite(m_upvoters.value(from));
    m_upvoters[from].clear();
    target->votes = int(targetUpvoters.size());
    duplicate->votes = 0;
    duplicate->question.state = Question::State::Merged;
    duplicate->question.mergedInto = into;
    Q_EMIT questionsChanged({from, into});
    return {};
}

void LiveQuestions::setUndoSteps(QList<UndoStep> steps)
{
    const bool could = canUndo();
    m_undo = std::move(steps);
    if (could != canUndo())
        Q_EMIT undoChanged(canUndo());
}

void LiveQuestions::pushUndo(UndoStep step)
{
    QList<UndoStep> steps = m_undo;
    steps.append(std::move(step));
    while (steps.size() > kUndoDepth)
        steps.removeFirst();
    setUndoSteps(std::move(steps));
}

Result<> LiveQuestions::pinNext()
{
    if (m_sessionIndex < 0)
        return fail(tr("No session is on stage, so there is no question to pin."));
    const std::optional<qint64> pinned = pinnedId();
    std::optional<qint64> next;
    for (const QuestionRecord &record : queue()) {
        if (record.question.state == Question::State::Shown) {
            next = record.question.id;
            break;
        }
    }
    if (!pinned && !next)
        return fail(tr("No question is pinned and none is waiting."));

    const QDateTime now = asRecorded(m_clock.now());
    UndoStep step;
    if (pinned) {
        const Question &current = find(*pinned)->question;
        step.before.append(current);
        step.after.append(moved(current, Question::State::Answered, now));
    }
    if (next) {
        const Question &upcoming = find(*next)->question;
        step.before.append(upcoming);
        step.after.append(moved(upcoming, Question::State::Pinned, now));
    }
    if (const Result<> committed = commitStates(step.after, tr("Cannot pin the next question:")); !committed)
        return committed;
    pushUndo(std::move(step));
    return {};
}

Result<> LiveQuestions::unpinCurrent()
{
    const std::optional<qint64> pinned = pinnedId();
    if (!pinned)
        return fail(tr("No question is pinned."));
    UndoStep step;
    const Question &current = find(*pinned)->question;
    step.before.append(current);
    step.after.append(moved(current, Question::State::Shown, asRecorded(m_clock.now())));
    if (const Result<> committed = commitStates(step.after, tr("Cannot unpin question %1:").arg(*pinned)); !committed)
        return committed;
    pushUndo(std::move(step));
    return {};
}

Result<> LiveQuestions::undo()
{
    if (m_undo.isEmpty())
        return fail(tr("There is nothing to undo."));
    const UndoStep step = m_undo.constLast(); // a copy: forgetting the step must not pull it away
    const auto forget = [this] {
        QList<UndoStep> steps = m_undo;
        steps.removeLast();
        setUndoSteps(std::move(steps));
    };

    for (const Question &left : step.after) {
        const QuestionRecord *now = find(left.id);
        if (!now || now->question != left) {
            forget();
            return fail(tr("Question %1 has changed since, so the last step cannot be undone.").arg(left.id));
        }
    }
    // Putting back a pinned question must not make two: a moderator may have pinned another since.
    const auto restoresPin = std::any_of(step.before.cbegin(), step.before.cend(),
                                         [](const Question &q) { return q.state == Question::State::Pinned; });
    if (const std::optional<qint64> pinned = pinnedId(); restoresPin && pinned) {
        const bool pinnedByStep =
            std::any_of(step.after.cbegin(), step.after.cend(), [&](const Question &q) { return q.id == *pinned; });
        if (!pinnedByStep) {
            forget();
            return fail(tr("Question %1 has been pinned since, so the last step cannot be undone.").arg(*pinned));
        }
    }

    if (const Result<> committed = commitStates(step.before, tr("Cannot undo:")); !committed)
        return committed;
    forget();
    return {};
}

Result<> LiveQuestions::endSession()
{
    if (m_sessionIndex < 0)
        return {};
    QList<Question> changed;
    const QDateTime now = asRecorded(m_clock.now());
    for (const QuestionRecord &record : std::as_const(m_questions)) {
        const Question::State state = record.question.state;
        if (state == Question::State::Shown || state == Question::State::Pinned)
            changed.append(moved(record.question, Question::State::Unanswered, now));
    }
    if (!changed.isEmpty()) {
        if (const Result<> committed =
                commitStates(changed, tr("Cannot close the questions of session %1:").arg(m_sessionIndex + 1));
            !committed)
            return committed;
    }
    // Whatever `n` and `u` did belongs to the session that ended.
    setUndoSteps({});
    return {};
}

} // namespace Lectern
