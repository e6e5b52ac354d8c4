#include "questionpanel.h"
#include "accessiblename.h"
#include "plaintext.h"

#include "event/livequestions.h"
#include "timer/sessionclock.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

/** A question's votes ("▲ 12"), as wide as the widest there will be, so that the texts of all rows line up. */
class VotesLabel : public QLabel
{
public:
    VotesLabel(const QString &pinnedText, QWidget *parent)
        : QLabel(parent)
        , m_pinnedText(pinnedText)
    {
        setObjectName(u"questionVotes"_s);
        setTextFormat(Qt::PlainText);
        setAlignment(Qt::AlignRight | Qt::AlignTop);
    }

    QSize sizeHint() const override
    {
        const QSize natural = QLabel::sizeHint();
        // Room for three-digit votes and for the "Pinned" mark under them (in the console's smaller type, with
        // its padding).
        const int wide = std::max(fontMetrics().horizontalAdvance(u"▲ 000"_s),
                                  fontMetrics().horizontalAdvance(m_pinnedText) * 3 / 4 + 16);
        return {std::max(natural.width(), wide), natural.height()};
    }
    QSize minimumSizeHint() const override { return sizeHint(); }

private:
    QString m_pinnedText;
};

QPushButton *makeButton(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    // Keys belong to the slides: a button with the focus would take Space and Enter.
    button->setFocusPolicy(Qt::NoFocus);
    return button;
}

void repolish(QWidget *widget, const char *property, bool value)
{
    if (widget->property(property).toBool() == value && widget->property(property).isValid())
        return;
    widget->setProperty(property, value);
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
}

void setTextIfChanged(QLabel *label, const QString &text)
{
    if (label->text() != text)
        label->setText(text);
}

/** True when some answered question of the session has both times: the time per question is measured. */
bool hasMeasuredAnswers(const QList<QuestionRecord> &questions)
{
    return std::any_of(questions.cbegin(), questions.cend(), [](const QuestionRecord &record) {
        const Question &question = record.question;
        return question.state == Question::State::Answered && question.pinnedAt && question.answeredAt &&
               *question.answeredAt >= *question.pinnedAt;
    });
}

} // namespace

QuestionPanel::QuestionPanel(LiveQuestions &questions, const SessionClock &clock, QWidget *parent)
    : QWidget(parent)
    , m_questions(questions)
    , m_clock(clock)
    , m_confirmEnd(&QuestionPanel::askToEndSession)
{
    setObjectName(u"questionPanel"_s);
    setAccessibleName(tr("Questions"));
    buildLayout();

    m_timeTimer.setInterval(kTimeRefreshInterval);
    connect(&m_timeTimer, &QTimer::timeout, this, &QuestionPanel::refreshTimeFit);
    m_timeTimer.start();

    connect(&m_questions, &LiveQuestions::questionsChanged, this, &QuestionPanel::scheduleRefresh);
    connect(&m_questions, &LiveQuestions::questionsReset, this, &QuestionPanel::scheduleRefresh);
    connect(&m_questions, &LiveQuestions::undoChanged, this, &QuestionPanel::refreshButtons);
    connect(&m_clock, &SessionClock::stateChanged, this, &QuestionPanel::refreshTimeFit);
    refreshQueue();
}

QuestionPanel::~QuestionPanel() = default;

void QuestionPanel::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(6);

    m_timeFit = plainLabel(u"questionTimeFit"_s, this);
    m_timeFit->setWordWrap(true);
    m_timeFit->setToolTip(tr("How many of the waiting questions, from the top, fit in the Q&A time left"));
    layout->addWidget(m_timeFit);
    m_perQuestion = plainLabel(u"questionPerQuestion"_s, this);
    m_perQuestion->setWordWrap(true);
    layout->addWidget(m_perQuestion);
    m_approval = plainLabel(u"questionApproval"_s, this);
    m_approval->setWordWrap(true);
    m_approval->hide();
    layout->addWidget(m_approval);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(u"questionList"_s);
    m_scroll->setAccessibleName(tr("Questions by votes"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *host = new QWidget(m_scroll);
    host->setObjectName(u"questionListHost"_s);
    auto *outer = new QVBoxLayout(host);
    outer->setContentsMargins(0, 0, 4, 0);
    outer->setSpacing(4);
    m_empty = plainLabel(u"questionEmpty"_s, host);
    m_empty->setWordWrap(true);
    outer->addWidget(m_empty);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setSpacing(4);
    outer->addLayout(m_rowsLayout);

    m_cut = new QFrame(host);
    m_cut->setObjectName(u"questionCut"_s);
    auto *cutLayout = new QHBoxLayout(m_cut);
    cutLayout->setContentsMargins(0, 2, 0, 2);
    cutLayout->setSpacing(8);
    auto cutRule = [this] {
        auto *rule = new QFrame(m_cut);
        rule->setObjectName(u"questionCutRule"_s);
        rule->setFixedHeight(2);
        rule->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        return rule;
    };
    cutLayout->addWidget(cutRule(), 1, Qt::AlignVCenter);
    m_cutText = plainLabel(u"questionCutText"_s, m_cut);
    cutLayout->addWidget(m_cutText, 0, Qt::AlignVCenter);
    cutLayout->addWidget(cutRule(), 1, Qt::AlignVCenter);
    m_cut->setToolTip(tr("The questions below this line do not fit in the Q&A time left, at the time per "
                         "question so far"));
    m_cut->setAccessibleName(tr("Time runs out here"));
    m_cut->hide();
    m_rowsLayout->addWidget(m_cut);

    m_more = plainLabel(u"questionMore"_s, host);
    m_more->hide();
    outer->addWidget(m_more);
    outer->addStretch(1);
    m_scroll->setWidget(host);
    layout->addWidget(m_scroll, 1);

    m_error = plainLabel(u"questionError"_s, this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setFocusPolicy(Qt::NoFocus);
    m_error->hide();
    layout->addWidget(m_error);

    auto *speakerButtons = new QHBoxLayout;
    speakerButtons->setSpacing(8);
    m_pinNextButton = makeButton(u"questionPinNextButton"_s, tr("Pin next"), this);
    m_pinNextButton->setToolTip(tr("Mark the pinned question answered and pin the top one (n)"));
    connect(m_pinNextButton, &QPushButton::clicked, this, [this] { report(pinNext()); });
    m_unpinButton = makeButton(u"questionUnpinButton"_s, tr("Unpin"), this);
    m_unpinButton->setToolTip(tr("Put the pinned question back in the queue, not answered (u)"));
    connect(m_unpinButton, &QPushButton::clicked, this, [this] { report(unpin()); });
    m_undoButton = makeButton(u"questionUndoButton"_s, tr("Undo"), this);
    m_undoButton->setToolTip(tr("Take back the last pin next or unpin (%1)")
                                 .arg(QKeySequence(Qt::CTRL | Qt::Key_Z).toString(QKeySequence::NativeText)));
    connect(m_undoButton, &QPushButton::clicked, this, [this] { report(undo()); });
    speakerButtons->addWidget(m_pinNextButton, 2);
    speakerButtons->addWidget(m_unpinButton, 1);
    speakerButtons->addWidget(m_undoButton, 1);
    layout->addLayout(speakerButtons);

    auto *moreButtons = new QHBoxLayout;
    moreButtons->setSpacing(8);
    m_moderationButton = makeButton(u"questionModerationButton"_s, tr("Moderation…"), this);
    m_moderationButton->setToolTip(tr("Open the moderator page: approve, hide, merge, block (%1)")
                                       .arg(QKeySequence(Qt::CTRL | Qt::Key_M).toString(QKeySequence::NativeText)));
    connect(m_moderationButton, &QPushButton::clicked, this, &QuestionPanel::moderationRequested);
    m_endButton = makeButton(u"questionEndButton"_s, tr("End session…"), this);
    m_endButton->setToolTip(tr("End this session's Q&A: the questions still shown become unanswered, kept for "
                               "the export; asks first"));
    connect(m_endButton, &QPushButton::clicked, this, &QuestionPanel::endSession);
    moreButtons->addWidget(m_moderationButton, 1);
    moreButtons->addWidget(m_endButton, 1);
    layout->addLayout(moreButtons);
}

void QuestionPanel::scheduleRefresh()
{
    // Leading edge, then at most once per kRefreshInterval: the first change shows at once, the rest of a burst
    // of upvotes is drawn together when the interval is over.
    m_refresh.request();
}

QuestionPanel::Row &QuestionPanel::rowAt(int index)
{
    while (m_rows.size() <= index) {
        Row row;
        row.box = new QFrame(m_scroll->widget());
        row.box->setObjectName(u"questionRow"_s);
        auto *rowLayout = new QHBoxLayout(row.box);
        rowLayout->setContentsMargins(8, 4, 8, 4);
        rowLayout->setSpacing(10);
        // Votes, and the pinned mark under them, in a narrow column: the text keeps the width.
        auto *marks = new QVBoxLayout;
        marks->setSpacing(2);
        row.votes = new VotesLabel(tr("Pinned"), row.box);
        marks->addWidget(row.votes);
        row.badge = plainLabel(u"questionPinnedBadge"_s, row.box, tr("Pinned"));
        row.badge->setToolTip(tr("On the projector now: n marks it answered and pins the next, u unpins it"));
        row.badge->hide();
        marks->addWidget(row.badge, 0, Qt::AlignRight);
        marks->addStretch(1);
        rowLayout->addLayout(marks);
        auto *texts = new QVBoxLayout;
        texts->setSpacing(0);
        row.text = plainLabel(u"questionText"_s, row.box);
        row.text->setWordWrap(true);
        // A long unbroken word must not widen the console; the tooltip holds the whole text.
        row.text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        row.text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        row.text->setFocusPolicy(Qt::NoFocus);
        texts->addWidget(row.text);
        row.name = plainLabel(u"questionName"_s, row.box);
        row.name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        row.name->hide();
        texts->addWidget(row.name);
        rowLayout->addLayout(texts, 1);
        repolish(row.box, "pinned", false);
        repolish(row.box, "beyondCut", false);
        m_rowsLayout->addWidget(row.box);
        m_rows.append(row);
    }
    return m_rows[index];
}

void QuestionPanel::refreshQueue()
{
    m_refresh.discardPending(); // this draw covers the changes waiting for the throttle, which keeps the pace
    const QList<QuestionRecord> queue = m_questions.queue();
    const std::optional<qint64> pinned = m_questions.pinnedId();
    const int listed = std::min<int>(int(queue.size()), kMaxRows);
    for (int i = 0; i < listed; ++i) {
        const QuestionRecord &record = queue.at(i);
        const Question &question = record.question;
        Row &row = rowAt(i);
        const bool isPinned = pinned && *pinned == question.id;
        if (row.id != question.id || row.text->text() != question.text) {
            row.text->setText(question.text);
            row.text->setToolTip(plainToolTip(question.text));
        }
        row.id = question.id;
        if (row.voteCount != record.votes || row.votes->text().isEmpty()) {
            row.voteCount = record.votes;
            row.votes->setText(tr("▲ %1").arg(record.votes));
            row.votes->setToolTip(tr("Votes: %1").arg(record.votes));
        }
        row.displayName = question.displayName;
        setTextIfChanged(row.name, question.displayName.isEmpty() ? QString() : tr("— %1").arg(question.displayName));
        row.name->setVisible(!question.displayName.isEmpty());
        row.pinned = isPinned;
        row.badge->setVisible(isPinned);
        // A screen reader reads a row as one line: the question, who asked, its votes and whether it is pinned.
        QString name = question.displayName.isEmpty() ? question.text
                                                      : tr("%1 (asked by %2)").arg(question.text, question.displayName);
        name = tr("%1; votes: %2").arg(name, QString::number(record.votes));
        if (isPinned)
            name = tr("Pinned: %1").arg(name);
        setAccessibleNameIfChanged(row.box, name);
        setAccessibleNameIfChanged(row.votes, tr("Votes: %1").arg(record.votes));
        repolish(row.box, "pinned", isPinned);
        row.box->show();
    }
    for (qsizetype i = listed; i < m_rows.size(); ++i) {
        m_rows[i].box->hide();
        m_rows[i].id = 0;
    }
    m_listedRows = listed;
    m_pinnedListed = listed > 0 && pinned && queue.constFirst().question.id == *pinned;

    const int more = int(queue.size()) - listed;
    m_more->setText(tr("…and %1 more").arg(more));
    m_more->setVisible(more > 0);
    m_empty->setText(tr("No questions yet. The audience asks from the phone page; they show here by votes."));
    m_empty->setVisible(queue.isEmpty());

    const QList<QuestionRecord> &all = m_questions.questions();
    const int awaitingApproval = int(std::count_if(all.cbegin(), all.cend(), [](const QuestionRecord &record) {
        return record.question.state == Question::State::Waiting;
    }));
    setTextIfChanged(m_approval,
                     awaitingApproval > 0
                         ? tr("Waiting for approval: %1 (approve them in Moderation…)").arg(awaitingApproval)
                         : QString());
    m_approval->setVisible(awaitingApproval > 0);

    refreshTimeFit();
    refreshButtons();
    Q_EMIT queueShown();
}

void QuestionPanel::refreshTimeFit()
{
    const QuestionTimeFit fit = m_questions.timeFit(m_clock);
    const int previousWaiting = m_fitKnown ? m_fit.waiting : -1;
    m_fit = fit;
    m_fitKnown = true;

    QString line;
    const QString timeLeft = formatDuration(fit.timeLeft);
    if (!fit.forecast && m_clock.phase() == SessionClock::Phase::Overtime)
        line = tr("Q&A time is up; questions waiting: %1").arg(fit.waiting);
    else if (fit.waiting == 0)
        line = fit.forecast ? tr("Q&A forecast: no questions waiting yet; %1 for Q&A").arg(timeLeft)
                            : tr("No questions waiting; %1 of Q&A left").arg(timeLeft);
    else if (fit.forecast)
        line = tr("Q&A forecast: about %1 of %n fit in %2", "questions", fit.waiting).arg(fit.fitting).arg(timeLeft);
    else
        line = tr("about %1 of %n fit in %2", "questions", fit.waiting).arg(fit.fitting).arg(timeLeft);
    setTextIfChanged(m_timeFit, line);
    setTextIfChanged(m_perQuestion,
                     hasMeasuredAnswers(m_questions.questions())
                         ? tr("%1 a question: the mean of this session's answers").arg(formatDuration(fit.perQuestion))
                         : tr("%1 a question until one is answered").arg(formatDuration(fit.perQuestion)));

    // The cut follows the pinned question (which is being answered, not waiting) and the questions that fit.
    std::optional<int> cut;
    if (fit.waiting > fit.fitting) {
        const int above = (m_pinnedListed ? 1 : 0) + fit.fitting;
        if (above < m_listedRows)
            cut = above;
        setTextIfChanged(m_cutText, tr("Time runs out here: %n more below", nullptr, fit.waiting - fit.fitting));
        setAccessibleNameIfChanged(m_cut, m_cutText->text());
    }
    placeCut(cut);
    if (fit.waiting != previousWaiting)
        Q_EMIT waitingCountChanged(fit.waiting);
}

void QuestionPanel::placeCut(std::optional<int> rowsAbove)
{
    if (rowsAbove != m_cutAfter) {
        m_cutAfter = rowsAbove;
        m_rowsLayout->removeWidget(m_cut);
        // Rows are in the layout in queue order; the cut goes between them.
        m_rowsLayout->insertWidget(rowsAbove.value_or(0), m_cut);
        m_cut->setVisible(rowsAbove.has_value());
    }
    for (int i = 0; i < m_listedRows; ++i)
        repolish(m_rows[i].box, "beyondCut", rowsAbove && i >= *rowsAbove);
}

void QuestionPanel::refreshButtons()
{
    const std::optional<qint64> pinned = m_questions.pinnedId();
    m_pinNextButton->setEnabled(pinned.has_value() || m_fit.waiting > 0);
    m_unpinButton->setEnabled(pinned.has_value());
    m_undoButton->setEnabled(m_questions.canUndo());
    m_endButton->setEnabled(pinned.has_value() || m_fit.waiting > 0);
}

Result<> QuestionPanel::report(Result<> result)
{
    if (result) {
        m_error->clear();
        m_error->hide();
    } else {
        showError(result.error());
    }
    return result;
}

void QuestionPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

Result<> QuestionPanel::pinNext()
{
    return clearErrorIfDone(m_questions.pinNext());
}

Result<> QuestionPanel::unpin()
{
    return clearErrorIfDone(m_questions.unpinCurrent());
}

Result<> QuestionPanel::undo()
{
    return clearErrorIfDone(m_questions.undo());
}

Result<> QuestionPanel::clearErrorIfDone(Result<> result)
{
    if (result)
        report(result);
    return result;
}

void QuestionPanel::setModerationAvailable(bool available, const QString &whyNot)
{
    m_moderationButton->setEnabled(available);
    if (!available && !whyNot.isEmpty())
        m_moderationButton->setToolTip(whyNot);
}

void QuestionPanel::setEndConfirmation(EndConfirmation confirmation)
{
    m_confirmEnd = std::move(confirmation);
}

bool QuestionPanel::askToEndSession(QWidget *parent, int stillShown)
{
    QMessageBox box(QMessageBox::Question, tr("End the session's Q&A"),
                    tr("End this session's Q&A? Questions still shown: %1").arg(stillShown),
                    QMessageBox::Yes | QMessageBox::No, parent);
    box.setObjectName(u"endSessionConfirmation"_s);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(tr("They become unanswered: kept, with their votes, so that they can be answered "
                              "afterwards from the export. The phones stop showing them."));
    box.button(QMessageBox::Yes)->setText(tr("End the Q&A"));
    box.button(QMessageBox::No)->setText(tr("Keep going"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void QuestionPanel::endSession()
{
    const int stillShown = m_fit.waiting + (m_questions.pinnedId() ? 1 : 0);
    if (!m_confirmEnd || !m_confirmEnd(this, stillShown))
        return;
    report(m_questions.endSession());
}

QList<qint64> QuestionPanel::shownIds() const
{
    QList<qint64> ids;
    for (int i = 0; i < m_listedRows; ++i)
        ids.append(m_rows.at(i).id);
    return ids;
}

QLabel *QuestionPanel::textLabel(qint64 id) const
{
    for (int i = 0; i < m_listedRows; ++i) {
        if (m_rows.at(i).id == id)
            return m_rows.at(i).text;
    }
    return nullptr;
}

std::optional<QString> QuestionPanel::shownName(qint64 id) const
{
    for (int i = 0; i < m_listedRows; ++i) {
        if (m_rows.at(i).id == id)
            return m_rows.at(i).displayName;
    }
    return std::nullopt;
}

std::optional<int> QuestionPanel::shownVotes(qint64 id) const
{
    for (int i = 0; i < m_listedRows; ++i) {
        if (m_rows.at(i).id == id)
            return m_rows.at(i).voteCount;
    }
    return std::nullopt;
}

std::optional<qint64> QuestionPanel::shownPinnedId() const
{
    for (int i = 0; i < m_listedRows; ++i) {
        if (m_rows.at(i).pinned)
            return m_rows.at(i).id;
    }
    return std::nullopt;
}

std::optional<int> QuestionPanel::cutAfterRow() const
{
    return m_cut->isHidden() ? std::nullopt : m_cutAfter;
}

QString QuestionPanel::timeFitText() const
{
    return m_timeFit->text();
}

QString QuestionPanel::perQuestionText() const
{
    return m_perQuestion->text();
}

QString QuestionPanel::cutText() const
{
    return m_cut->isHidden() ? QString() : m_cutText->text();
}

QString QuestionPanel::approvalText() const
{
    return m_approval->isHidden() ? QString() : m_approval->text();
}

QString QuestionPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString QuestionPanel::emptyText() const
{
    return m_empty->isHidden() ? QString() : m_empty->text();
}

} // namespace Lectern
