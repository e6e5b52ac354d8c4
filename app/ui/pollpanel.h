#pragma once

#include "event/livepolls.h"
#include "model/poll.h"
#include "refreshthrottle.h"

#include <QList>
#include <QWidget>

#include <chrono>
#include <functional>
#include <optional>

class QComboBox;
class QFrame;
class QLabel;
class QPushButton;
class QScrollArea;
class QToolButton;
class QVBoxLayout;

namespace Lectern {

class ShareBar;

/**
 * The console's poll panel: the session's polls with their state, the selected poll's live results (bars
 * with counts and percentages; word-cloud and open-text answers, each of which can be kept off the projector),
 * the voter count, and the speaker's controls: open / close / reopen (`v`), reveal / hide (`r`), reset (asks
 * first) and new poll. A poll the slide offers shows as a prompt with an Open button. Results are pulled from
 * LivePolls when it signals, at most ten times a second; errors show in the panel in words. Audience text is
 * plain text.
 */
class PollPanel : public QWidget
{
    Q_OBJECT

public:
    /** Asks whether to delete a poll's results; true resets. */
    using ResetConfirmation = std::function<bool(QWidget *parent, const Poll &poll, int voterCount)>;

    /** Votes arriving faster than this are drawn together (ten repaints a second at most). */
    static constexpr std::chrono::milliseconds kRefreshInterval{100};
    /** Word-cloud and open-text answers listed at most (the most frequent first). */
    static constexpr int kMaxAnswerRows = 100;

    /** polls must outlive this. */
    explicit PollPanel(LivePolls &polls, QWidget *parent = nullptr);
    ~PollPanel() override;

    /** The poll the controls and keys act on: the one picked in the list (it follows the current poll). */
    QString selectedPollId() const;
    void selectPoll(const QString &pollId);

    /** `v`: opens the selected poll when it is a draft, closes it when open, reopens it when closed. */
    void toggleOpen();
    /** `r`: reveals the selected poll's results on the projector, or hides them. */
    void toggleRevealed();
    /** Deletes the selected poll's votes after asking, making it a draft again. */
    void resetResults();
    /** Opens the "New poll" dialog; the poll created is selected. */
    void createPoll();
    /** Opens the poll the slide offered (the prompt's Open button). */
    void openOfferedPoll();
    /** Keeps an answer of the selected poll off the projector, or shows it again. */
    void setAnswerHidden(const QString &answer, bool hidden);
    /** Shows a failure in the panel (cleared by the next command that works). */
    void showError(const QString &message);

    /** Replaces the reset question (a QMessageBox by default). */
    void setResetConfirmation(ResetConfirmation confirmation);
    static bool askToReset(QWidget *parent, const Poll &poll, int voterCount);

    // What the panel shows now, read from its widgets.
    /** The count shown for an option id, rating ("1"…"5") or answer; nullopt when it has no row. */
    std::optional<int> shownCount(const QString &answer) const;
    /** The figures next to an answer's bar ("2 (67%)"); empty when it has no row. */
    QString shownFigures(const QString &answer) const;
    /** The answers listed with bars, in order (option ids, ratings or answers). */
    QStringList shownAnswers() const;
    /** The answers listed as hidden from the projector. */
    QStringList shownHiddenAnswers() const;
    QString voterText() const;
    QString stateText() const;
    QString errorText() const;
    /** The prompt for an offered poll; empty when none is shown. */
    QString offerText() const;
    /** The label of an answer's row (its text as typed), or nullptr. */
    QLabel *answerLabel(const QString &answer) const;

    QComboBox *pollList() const { return m_pollList; }
    QPushButton *openButton() const { return m_openButton; }
    QPushButton *revealButton() const { return m_revealButton; }
    QPushButton *resetButton() const { return m_resetButton; }
    QPushButton *newPollButton() const { return m_newButton; }

Q_SIGNALS:
    /** Something the speaker should look at: a poll opened or was offered. */
    void attentionRequested();
    /** The panel pulled and shows new results of this poll. */
    void resultsShown(const QString &pollId);

private:
    struct AnswerRow
    {
        QWidget *box = nullptr;
        QLabel *label = nullptr;
        ShareBar *bar = nullptr;
        QLabel *figures = nullptr;
        QToolButton *toggle = nullptr; ///< "Hide" / "Show", for word-cloud and open-text answers
        QString answer;
        int count = 0;
    };

    void buildLayout();
    void rebuildPollList();
    void updatePollItem(const QString &pollId);
    void onPollStateChanged(const QString &pollId);
    void onResultsChanged(const QString &pollId);
    void onPollOffered(const QString &pollId);
    void refreshSelected();
    void showResults(const Poll &poll, const PollResults &results);
    void showNoPoll(const QString &text);
    AnswerRow &rowAt(QList<AnswerRow> &rows, int index, QVBoxLayout *layout, bool hiddenList);
    const AnswerRow *findRow(const QString &answer) const;
    void setOffer(const QString &pollId);
    /** Shows a command's failure, or clears the last error when it worked. */
    void report(const Result<> &result);
    static QString stateName(PollState state);

    LivePolls &m_polls;
    ResetConfirmation m_confirmReset;
    RefreshThrottle m_refresh{kRefreshInterval, [this] { refreshSelected(); }};
    std::optional<QString> m_lastCurrentPollId;
    QString m_offeredPollId;
    bool m_rebuilding = false;

    QComboBox *m_pollList = nullptr;
    QPushButton *m_newButton = nullptr;
    QFrame *m_offer = nullptr;
    QLabel *m_offerText = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_revealedBadge = nullptr;
    QLabel *m_voters = nullptr;
    QScrollArea *m_scroll = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    QVBoxLayout *m_hiddenLayout = nullptr;
    QLabel *m_emptyText = nullptr;
    QLabel *m_moreText = nullptr;
    QLabel *m_hiddenCaption = nullptr;
    QList<AnswerRow> m_rows;
    QList<AnswerRow> m_hiddenRows;
    QLabel *m_error = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_revealButton = nullptr;
    QPushButton *m_resetButton = nullptr;
};

} // namespace Lectern
