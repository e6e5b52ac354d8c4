#include "pollpanel.h"
#include "accessiblename.h"
#include "plaintext.h"

#include "polleditor.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

/** A horizontal bar: an answer's share of the voters. */
class ShareBar : public QWidget
{
public:
    explicit ShareBar(QWidget *parent)
        : QWidget(parent)
    {
        setMinimumWidth(60);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    }

    void setFraction(qreal fraction)
    {
        fraction = std::clamp<qreal>(fraction, 0, 1);
        if (fraction == m_fraction)
            return;
        m_fraction = fraction;
        update();
    }
    qreal fraction() const { return m_fraction; }

    QSize sizeHint() const override { return {160, fontMetrics().height() * 5 / 4}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const int barHeight = std::max(6, height() * 3 / 5);
        const QRect track(0, (height() - barHeight) / 2, width(), barHeight);
        painter.fillRect(track, QColor(0x2a, 0x2e, 0x35));
        if (m_fraction > 0)
            painter.fillRect(QRect(track.topLeft(), QSize(std::max(2, qRound(track.width() * m_fraction)), barHeight)),
                             QColor(0x4e, 0xa1, 0xff));
    }

private:
    qreal m_fraction = 0;
};

namespace {

/** "12 (40%)": as wide as the widest figures can be, so that the bars of all rows line up. */
class FiguresLabel : public QLabel
{
public:
    using QLabel::QLabel;

    QSize sizeHint() const override
    {
        const QSize natural = QLabel::sizeHint();
        return {std::max(natural.width(), fontMetrics().horizontalAdvance(u"0000 (100%)"_s) + 4), natural.height()};
    }
    QSize minimumSizeHint() const override { return sizeHint(); }
};

QPushButton *makeButton(const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(parent);
    button->setObjectName(objectName);
    // Keys belong to the slides: a button with the focus would take Space and Enter.
    button->setFocusPolicy(Qt::NoFocus);
    return button;
}

void repolish(QWidget *widget, const char *property, const QString &value)
{
    if (widget->property(property).toString() == value)
        return;
    widget->setProperty(property, value);
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
}

} // namespace

PollPanel::PollPanel(LivePolls &polls, QWidget *parent)
    : QWidget(parent)
    , m_polls(polls)
    , m_confirmReset(&PollPanel::askToReset)
{
    setObjectName(u"pollPanel"_s);
    setAccessibleName(tr("Poll"));
    buildLayout();

    connect(&m_polls, &LivePolls::pollsChanged, this, &PollPanel::rebuildPollList);
    connect(&m_polls, &LivePolls::pollStateChanged, this, &PollPanel::onPollStateChanged);
    connect(&m_polls, &LivePolls::resultsChanged, this, &PollPanel::onResultsChanged);
    connect(&m_polls, &LivePolls::pollOffered, this, &PollPanel::onPollOffered);
    connect(&m_polls, &LivePolls::votesFailed, this, &PollPanel::showError);
    rebuildPollList();
}

PollPanel::~PollPanel() = default;

void PollPanel::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(8);

    auto *top = new QHBoxLayout;
    top->setSpacing(8);
    m_pollList = new QComboBox(this);
    m_pollList->setObjectName(u"pollList"_s);
    m_pollList->setFocusPolicy(Qt::NoFocus);
    m_pollList->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_pollList->setMinimumContentsLength(12);
    m_pollList->setToolTip(tr("The session's polls; the controls act on the one picked here"));
    m_pollList->setAccessibleName(tr("Selected poll"));
    connect(m_pollList, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_rebuilding)
            refreshSelected();
    });
    top->addWidget(m_pollList, 1);
    m_newButton = makeButton(u"newPollButton"_s, this);
    m_newButton->setText(tr("New poll…"));
    m_newButton->setToolTip(tr("Write a poll now and add it to this session"));
    connect(m_newButton, &QPushButton::clicked, this, &PollPanel::createPoll);
    top->addWidget(m_newButton);
    layout->addLayout(top);

    m_offer = new QFrame(this);
    m_offer->setObjectName(u"pollOffer"_s);
    auto *offerLayout = new QHBoxLayout(m_offer);
    offerLayout->setContentsMargins(10, 6, 6, 6);
    m_offerText = plainLabel(u"pollOfferText"_s, m_offer);
    m_offerText->setWordWrap(true);
    offerLayout->addWidget(m_offerText, 1);
    auto *offerOpen = makeButton(u"pollOfferOpen"_s, m_offer);
    offerOpen->setText(tr("Open"));
    offerOpen->setAccessibleName(tr("Open the slide's poll"));
    connect(offerOpen, &QPushButton::clicked, this, &PollPanel::openOfferedPoll);
    offerLayout->addWidget(offerOpen);
    auto *offerDismiss = new QToolButton(m_offer);
    offerDismiss->setObjectName(u"pollOfferDismiss"_s);
    offerDismiss->setText(tr("Not now"));
    offerDismiss->setAccessibleName(tr("Not now: leave the slide's poll closed"));
    offerDismiss->setFocusPolicy(Qt::NoFocus);
    connect(offerDismiss, &QToolButton::clicked, this, [this] { setOffer({}); });
    offerLayout->addWidget(offerDismiss);
    m_offer->setAccessibleName(tr("The slide's poll"));
    m_offer->hide();
    layout->addWidget(m_offer);

    auto *stateLine = new QHBoxLayout;
    stateLine->setSpacing(8);
    m_state = plainLabel(u"pollState"_s, this);
    m_revealedBadge = plainLabel(u"pollRevealed"_s, this, tr("On the projector"));
    m_revealedBadge->setToolTip(tr("The projector shows these results (r to hide)"));
    m_revealedBadge->hide();
    m_voters = plainLabel(u"pollVoters"_s, this);
    stateLine->addWidget(m_state);
    stateLine->addWidget(m_revealedBadge);
    stateLine->addStretch(1);
    stateLine->addWidget(m_voters);
    layout->addLayout(stateLine);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(u"pollResults"_s);
    m_scroll->setAccessibleName(tr("Results"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *rowsHost = new QWidget(m_scroll);
    rowsHost->setObjectName(u"pollResultsHost"_s);
    auto *rowsOuter = new QVBoxLayout(rowsHost);
    rowsOuter->setContentsMargins(0, 0, 4, 0);
    rowsOuter->setSpacing(4);
    m_emptyText = plainLabel(u"pollEmpty"_s, rowsHost);
    m_emptyText->setWordWrap(true);
    rowsOuter->addWidget(m_emptyText);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setSpacing(6);
    rowsOuter->addLayout(m_rowsLayout);
    m_moreText = plainLabel(u"pollMore"_s, rowsHost);
    m_moreText->hide();
    rowsOuter->addWidget(m_moreText);
    m_hiddenCaption = plainLabel(u"pollHiddenCaption"_s, rowsHost, tr("Kept off the projector"));
    m_hiddenCaption->hide();
    rowsOuter->addSpacing(6);
    rowsOuter->addWidget(m_hiddenCaption);
    m_hiddenLayout = new QVBoxLayout;
    m_hiddenLayout->setSpacing(4);
    rowsOuter->addLayout(m_hiddenLayout);
    rowsOuter->addStretch(1);
    m_scroll->setWidget(rowsHost);
    layout->addWidget(m_scroll, 1);

    m_error = plainLabel(u"pollError"_s, this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setFocusPolicy(Qt::NoFocus);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    m_openButton = makeButton(u"pollOpenButton"_s, this);
    connect(m_openButton, &QPushButton::clicked, this, &PollPanel::toggleOpen);
    m_revealButton = makeButton(u"pollRevealButton"_s, this);
    connect(m_revealButton, &QPushButton::clicked, this, &PollPanel::toggleRevealed);
    m_resetButton = makeButton(u"pollResetButton"_s, this);
    m_resetButton->setText(tr("Reset…"));
    m_resetButton->setToolTip(tr("Delete this poll's votes (after a rehearsal); asks first"));
    connect(m_resetButton, &QPushButton::clicked, this, &PollPanel::resetResults);
    buttons->addWidget(m_openButton, 2);
    buttons->addWidget(m_revealButton, 2);
    buttons->addWidget(m_resetButton, 1);
    layout->addLayout(buttons);
}

QString PollPanel::stateName(PollState state)
{
    switch (state) {
    case PollState::Draft:
        return tr("Draft");
    case PollState::Open:
        return tr("Open", "poll state");
    case PollState::Closed:
        return tr("Closed");
    }
    Q_UNREACHABLE();
}

QString PollPanel::selectedPollId() const
{
    return m_pollList->currentData().toString();
}

void PollPanel::selectPoll(const QString &pollId)
{
    const int index = m_pollList->findData(pollId);
    if (index >= 0 && index != m_pollList->currentIndex())
        m_pollList->setCurrentIndex(index); // refreshes through currentIndexChanged
}

void PollPanel::rebuildPollList()
{
    const QString selected = selectedPollId();
    m_rebuilding = true;
    m_pollList->clear();
    for (const Poll &poll : m_polls.polls())
        m_pollList->addItem(poll.question, poll.id);
    for (const Poll &poll : m_polls.polls())
        updatePollItem(poll.id);
    const Result<std::optional<QString>> current = m_polls.currentPollId();
    m_lastCurrentPollId = current ? *current : std::nullopt;
    int index = m_pollList->findData(selected);
    if (index < 0 && m_lastCurrentPollId)
        index = m_pollList->findData(*m_lastCurrentPollId);
    m_pollList->setCurrentIndex(index >= 0 ? index : (m_pollList->count() > 0 ? 0 : -1));
    m_rebuilding = false;
    m_pollList->setEnabled(m_pollList->count() > 0);
    if (!m_offeredPollId.isEmpty() && m_pollList->findData(m_offeredPollId) < 0)
        setOffer({});
    refreshSelected();
}

void PollPanel::updatePollItem(const QString &pollId)
{
    const int index = m_pollList->findData(pollId);
    const std::optional<Poll> poll = m_polls.poll(pollId);
    if (index < 0 || !poll)
        return;
    const Result<PollResults> results = m_polls.results(pollId);
    QString text = poll->question;
    if (results) {
        const QString state =
            results->revealed ? tr("%1, revealed").arg(stateName(results->state)) : stateName(results->state);
        text = tr("%1 (%2)").arg(poll->question, state.toLower());
    }
    m_pollList->setItemText(index, text);
    m_pollList->setItemData(index, poll->question, Qt::ToolTipRole);
}

void PollPanel::onPollStateChanged(const QString &pollId)
{
    if (m_pollList->findData(pollId) < 0) {
        // A poll this list has not seen: the session's polls were loaded or one was added.
        rebuildPollList();
        return;
    }
    updatePollItem(pollId);
    // The list follows the poll the room sees when one opens (not when a reset or close makes an older poll
    // current: the speaker stays where they are).
    const Result<std::optional<QString>> current = m_polls.currentPollId();
    const std::optional<QString> now = current ? *current : std::nullopt;
    const bool currentChanged = now != m_lastCurrentPollId;
    m_lastCurrentPollId = now;
    if (m_offeredPollId == pollId) {
        const Result<PollResults> offered = m_polls.results(pollId);
        if (offered && offered->state == PollState::Open)
            setOffer({});
    }
    bool opened = false;
    if (currentChanged && now) {
        const Result<PollResults> results = m_polls.results(*now);
        opened = results && results->state == PollState::Open;
    }
    if (opened && *now != selectedPollId())
        selectPoll(*now);
    else if (pollId == selectedPollId())
        refreshSelected();
    if (opened)
        Q_EMIT attentionRequested();
}

void PollPanel::onResultsChanged(const QString &pollId)
{
    // Leading edge, then at most once per kRefreshInterval: the first vote moves the bars at once, the rest of
    // a burst is drawn together when the interval is over.
    if (pollId == selectedPollId())
        m_refresh.request();
}

void PollPanel::onPollOffered(const QString &pollId)
{
    setOffer(pollId);
    const Result<std::optional<QString>> open = m_polls.openPollId();
    // With nothing open, `v` should open what the slide offers; an open poll stays picked.
    if (open && !*open)
        selectPoll(pollId);
    Q_EMIT attentionRequested();
}

void PollPanel::setOffer(const QString &pollId)
{
    m_offeredPollId = pollId;
    const std::optional<Poll> poll = pollId.isEmpty() ? std::nullopt : m_polls.poll(pollId);
    if (!poll) {
        m_offeredPollId.clear();
        m_offer->hide();
        return;
    }
    m_offerText->setText(tr("This slide has a poll: open “%1”?").arg(poll->question));
    m_offer->show();
}

void PollPanel::openOfferedPoll()
{
    const QString pollId = m_offeredPollId;
    if (pollId.isEmpty())
        return;
    const Result<PollResults> results = m_polls.results(pollId);
    if (!results) {
        report(fail(results.error()));
        return;
    }
    if (results->state == PollState::Open) {
        setOffer({});
        return;
    }
    report(results->state == PollState::Draft ? m_polls.open(pollId) : m_polls.reopen(pollId));
    setOffer({});
    selectPoll(pollId);
}

void PollPanel::refreshSelected()
{
    m_refresh.discardPending(); // this draw covers the changes waiting for the throttle, which keeps the pace
    const QString pollId = selectedPollId();
    if (pollId.isEmpty()) {
        showNoPoll(tr("This session has no polls. “New poll…” writes one now."));
        return;
    }
    const std::optional<Poll> poll = m_polls.poll(pollId);
    const Result<PollResults> results = m_polls.results(pollId);
    if (!poll || !results) {
        showNoPoll(QString());
        report(fail(results ? tr("The poll \"%1\" is not in this session.").arg(pollId) : results.error()));
        return;
    }
    showResults(*poll, *results);
    Q_EMIT resultsShown(pollId);
}

void PollPanel::showNoPoll(const QString &text)
{
    m_state->clear();
    m_state->hide();
    m_revealedBadge->hide();
    m_voters->clear();
    m_emptyText->setText(text);
    m_emptyText->setVisible(!text.isEmpty());
    for (QList<AnswerRow> *rows : {&m_rows, &m_hiddenRows}) {
        for (AnswerRow &row : *rows) {
            row.box->hide();
            row.answer.clear();
        }
    }
    m_moreText->hide();
    m_hiddenCaption->hide();
    m_openButton->setText(tr("Open voting"));
    for (QPushButton *button : {m_openButton, m_revealButton, m_resetButton})
        button->setEnabled(false);
    m_revealButton->setText(tr("Reveal results"));
}

PollPanel::AnswerRow &PollPanel::rowAt(QList<AnswerRow> &rows, int index, QVBoxLayout *layout, bool hiddenList)
{
    while (rows.size() <= index) {
        AnswerRow row;
        QWidget *host = m_scroll->widget();
        row.box = new QWidget(host);
        row.box->setObjectName(hiddenList ? u"pollHiddenRow"_s : u"pollRow"_s);
        auto *rowLayout = new QHBoxLayout(row.box);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(8);
        row.label = plainLabel(u"pollAnswer"_s, row.box);
        row.label->setWordWrap(true);
        row.label->setMinimumWidth(40);
        rowLayout->addWidget(row.label, 5);
        if (!hiddenList) {
            row.bar = new ShareBar(row.box);
            rowLayout->addWidget(row.bar, 4);
            row.figures = new FiguresLabel(row.box);
            row.figures->setObjectName(u"pollFigures"_s);
            row.figures->setTextFormat(Qt::PlainText);
            row.figures->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            rowLayout->addWidget(row.figures);
        }
        row.toggle = new QToolButton(row.box);
        row.toggle->setObjectName(u"pollAnswerToggle"_s);
        row.toggle->setFocusPolicy(Qt::NoFocus);
        row.toggle->setText(hiddenList ? tr("Show") : tr("Hide"));
        row.toggle->setToolTip(hiddenList ? tr("Show this answer on the projector again")
                                          : tr("Keep this answer off the projector"));
        const int at = int(rows.size());
        connect(row.toggle, &QToolButton::clicked, this, [this, at, hiddenList] {
            const QList<AnswerRow> &list = hiddenList ? m_hiddenRows : m_rows;
            if (at < list.size() && !list.at(at).answer.isEmpty())
                setAnswerHidden(list.at(at).answer, !hiddenList);
        });
        rowLayout->addWidget(row.toggle);
        layout->addWidget(row.box);
        rows.append(row);
    }
    return rows[index];
}

void PollPanel::showResults(const Poll &poll, const PollResults &results)
{
    m_emptyText->hide();
    m_state->setText(stateName(results.state));
    setAccessibleNameIfChanged(m_state, tr("Poll state: %1").arg(m_state->text()));
    m_state->show();
    repolish(m_state, "pollState",
             results.state == PollState::Open     ? u"open"_s
             : results.state == PollState::Closed ? u"closed"_s
                                                  : u"draft"_s);
    m_revealedBadge->setVisible(results.revealed);

    QString voters = tr("Votes: %1").arg(results.voterCount);
    if (results.kind == Poll::Kind::Rating) {
        int ratings = 0;
        double sum = 0;
        for (const AnswerCount &count : results.counts) {
            ratings += count.count;
            sum += count.answer.toInt() * count.count;
        }
        if (ratings > 0)
            voters = tr("%1 · average %2").arg(voters, QLocale().toString(sum / ratings, 'f', 1));
    }
    m_voters->setText(voters);

    const bool textAnswers = results.kind == Poll::Kind::WordCloud || results.kind == Poll::Kind::OpenText;
    const int shown = std::min<int>(int(results.counts.size()), kMaxAnswerRows);
    for (int i = 0; i < shown; ++i) {
        const AnswerCount &count = results.counts.at(i);
        AnswerRow &row = rowAt(m_rows, i, m_rowsLayout, false);
        QString label = count.answer;
        if (poll.isChoice()) {
            const auto option = std::find_if(poll.options.cbegin(), poll.options.cend(),
                                             [&](const PollOption &o) { return o.id == count.answer; });
            if (option != poll.options.cend())
                label = option->label;
        } else if (results.kind == Poll::Kind::Rating) {
            if (count.answer.toInt() == Poll::kRatingLowest && !poll.ratingLowLabel.isEmpty())
                label = tr("%1 — %2").arg(count.answer, poll.ratingLowLabel);
            else if (count.answer.toInt() == Poll::kRatingHighest && !poll.ratingHighLabel.isEmpty())
                label = tr("%1 — %2").arg(count.answer, poll.ratingHighLabel);
        }
        row.answer = count.answer;
        row.count = count.count;
        row.label->setText(label);
        row.label->setToolTip(plainToolTip(label));
        const int percent = results.voterCount > 0 ? qRound(100.0 * count.count / results.voterCount) : 0;
        row.figures->setText(tr("%1 (%2%)").arg(count.count).arg(percent));
        row.bar->setFraction(results.voterCount > 0 ? qreal(count.count) / results.voterCount : 0);
        row.toggle->setVisible(textAnswers);
        // A screen reader reads a row as one line; the bar, drawn, gets its share in words.
        setAccessibleNameIfChanged(row.box, tr("%1: %2").arg(label, row.figures->text()));
        setAccessibleNameIfChanged(row.bar, tr("%1% of the voters").arg(percent));
        setAccessibleNameIfChanged(row.toggle, tr("Hide “%1” from the projector").arg(label));
        row.box->show();
    }
    for (qsizetype i = shown; i < m_rows.size(); ++i) {
        m_rows[i].box->hide();
        m_rows[i].answer.clear();
    }
    const int more = int(results.counts.size()) - shown;
    m_moreText->setText(tr("…and %1 more").arg(more));
    m_moreText->setVisible(more > 0);
    if (results.counts.isEmpty() || (textAnswers && results.voterCount == 0)) {
        m_emptyText->setText(results.state == PollState::Draft ? tr("Not opened yet: no answers.")
                                                               : tr("No answers yet."));
        m_emptyText->show();
    }

    for (qsizetype i = 0; i < results.hiddenAnswers.size(); ++i) {
        AnswerRow &row = rowAt(m_hiddenRows, int(i), m_hiddenLayout, true);
        row.answer = results.hiddenAnswers.at(i);
        row.count = 0;
        row.label->setText(row.answer);
        row.label->setToolTip(plainToolTip(row.answer));
        setAccessibleNameIfChanged(row.box, tr("Kept off the projector: %1").arg(row.answer));
        setAccessibleNameIfChanged(row.toggle, tr("Show “%1” on the projector again").arg(row.answer));
        row.box->show();
    }
    for (qsizetype i = results.hiddenAnswers.size(); i < m_hiddenRows.size(); ++i) {
        m_hiddenRows[i].box->hide();
        m_hiddenRows[i].answer.clear();
    }
    m_hiddenCaption->setVisible(!results.hiddenAnswers.isEmpty());

    switch (results.state) {
    case PollState::Draft:
        m_openButton->setText(tr("Open voting"));
        break;
    case PollState::Open:
        m_openButton->setText(tr("Close voting"));
        break;
    case PollState::Closed:
        m_openButton->setText(tr("Reopen voting"));
        break;
    }
    m_openButton->setToolTip(tr("Open, close or reopen this poll (v)"));
    m_openButton->setEnabled(true);
    m_revealButton->setText(results.revealed ? tr("Hide results") : tr("Reveal results"));
    m_revealButton->setToolTip(tr("Show or hide the results on the projector (r)"));
    m_revealButton->setEnabled(results.state != PollState::Draft);
    m_resetButton->setEnabled(results.state != PollState::Draft || results.voterCount > 0);
}

void PollPanel::report(const Result<> &result)
{
    if (result) {
        m_error->clear();
        m_error->hide();
        return;
    }
    showError(result.error());
}

void PollPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void PollPanel::toggleOpen()
{
    const QString pollId = selectedPollId();
    if (pollId.isEmpty()) {
        showError(tr("There is no poll to open: this session has none. “New poll…” writes one."));
        return;
    }
    const Result<PollResults> results = m_polls.results(pollId);
    if (!results) {
        report(fail(results.error()));
        return;
    }
    switch (results->state) {
    case PollState::Draft:
        report(m_polls.open(pollId));
        break;
    case PollState::Open:
        report(m_polls.close(pollId));
        break;
    case PollState::Closed:
        report(m_polls.reopen(pollId));
        break;
    }
}

void PollPanel::toggleRevealed()
{
    const QString pollId = selectedPollId();
    if (pollId.isEmpty()) {
        showError(tr("There is no poll to reveal: this session has none."));
        return;
    }
    const Result<PollResults> results = m_polls.results(pollId);
    if (!results) {
        report(fail(results.error()));
        return;
    }
    report(m_polls.setRevealed(pollId, !results->revealed));
}

void PollPanel::setAnswerHidden(const QString &answer, bool hidden)
{
    const QString pollId = selectedPollId();
    if (pollId.isEmpty())
        return;
    report(m_polls.setAnswerHidden(pollId, answer, hidden));
}

void PollPanel::setResetConfirmation(ResetConfirmation confirmation)
{
    m_confirmReset = std::move(confirmation);
}

bool PollPanel::askToReset(QWidget *parent, const Poll &poll, int voterCount)
{
    QMessageBox box(QMessageBox::Warning, tr("Reset results"),
                    tr("Delete the votes of “%1”? Votes so far: %2").arg(poll.question).arg(voterCount),
                    QMessageBox::Yes | QMessageBox::No, parent);
    box.setObjectName(u"resetConfirmation"_s);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(tr("The poll becomes a draft again, hidden from the projector. This cannot be undone."));
    box.button(QMessageBox::Yes)->setText(tr("Delete the votes"));
    box.button(QMessageBox::No)->setText(tr("Keep them"));
    box.setDefaultButton(QMessageBox::No);
    box.setEscapeButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void PollPanel::resetResults()
{
    const QString pollId = selectedPollId();
    const std::optional<Poll> poll = m_polls.poll(pollId);
    if (!poll)
        return;
    const Result<PollResults> results = m_polls.results(pollId);
    if (!results) {
        report(fail(results.error()));
        return;
    }
    if (!m_confirmReset || !m_confirmReset(this, *poll, results->voterCount))
        return;
    report(m_polls.resetResults(pollId));
}

void PollPanel::createPoll()
{
    PollEditor editor([this](const Poll &poll) { return m_polls.createPoll(poll); }, this);
    if (editor.exec() != QDialog::Accepted)
        return;
    report({});
    // createPoll() signals pollsChanged, which rebuilt the list; pick the new poll.
    if (m_pollList->findData(editor.createdPollId()) < 0)
        rebuildPollList();
    selectPoll(editor.createdPollId());
}

const PollPanel::AnswerRow *PollPanel::findRow(const QString &answer) const
{
    for (const AnswerRow &row : m_rows) {
        if (!row.box->isHidden() && row.answer == answer)
            return &row;
    }
    return nullptr;
}

std::optional<int> PollPanel::shownCount(const QString &answer) const
{
    const AnswerRow *row = findRow(answer);
    return row ? std::optional<int>(row->count) : std::nullopt;
}

QString PollPanel::shownFigures(const QString &answer) const
{
    const AnswerRow *row = findRow(answer);
    return row ? row->figures->text() : QString();
}

QLabel *PollPanel::answerLabel(const QString &answer) const
{
    const AnswerRow *row = findRow(answer);
    if (row)
        return row->label;
    for (const AnswerRow &hidden : m_hiddenRows) {
        if (!hidden.box->isHidden() && hidden.answer == answer)
            return hidden.label;
    }
    return nullptr;
}

QStringList PollPanel::shownAnswers() const
{
    QStringList answers;
    for (const AnswerRow &row : m_rows) {
        if (!row.box->isHidden())
            answers.append(row.answer);
    }
    return answers;
}

QStringList PollPanel::shownHiddenAnswers() const
{
    QStringList answers;
    for (const AnswerRow &row : m_hiddenRows) {
        if (!row.box->isHidden())
            answers.append(row.answer);
    }
    return answers;
}

QString PollPanel::voterText() const
{
    return m_voters->text();
}

QString PollPanel::stateText() const
{
    return m_state->isHidden() ? QString() : m_state->text();
}

QString PollPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString PollPanel::offerText() const
{
    return m_offer->isHidden() ? QString() : m_offerText->text();
}

} // namespace Lectern
