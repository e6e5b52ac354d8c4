#pragma once

#include "event/questiontimefit.h"
#include "refreshthrottle.h"
#include "result.h"

#include <QList>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <functional>
#include <optional>

class QFrame;
class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace Lectern {

class LiveQuestions;
class SessionClock;

/**
 * The console's question panel: the session's queue (the pinned question first and marked, then the shown ones
 * by votes) with votes and names, the time-fit line ("about 3 of 7 fit in 4:30"; during the talk the forecast
 * for the coming Q&A) with a cut line in the list after the last question that fits, and the speaker's controls:
 * pin next (`n`), unpin (`u`), undo (Ctrl+Z), the moderation window and ending the session's Q&A (asks first).
 * Pulls from LiveQuestions when it signals, at once and then at most ten times a second; the time line follows
 * the session clock once a second. Audience text is plain text.
 */
class QuestionPanel : public QWidget
{
    Q_OBJECT

public:
    /** Asks whether to end the session's Q&A, with stillShown questions shown or pinned; true ends it. */
    using EndConfirmation = std::function<bool(QWidget *parent, int stillShown)>;

    /** Changes arriving faster than this are drawn together (ten redraws a second at most). */
    static constexpr std::chrono::milliseconds kRefreshInterval{100};
    /** The time-fit line follows the session clock, which has no tick of its own, this often. */
    static constexpr std::chrono::milliseconds kTimeRefreshInterval{1000};
    /** Questions listed at most (the top of the queue); a line says how many more there are. */
    static constexpr int kMaxRows = 100;

    /** questions and clock must outlive this. */
    QuestionPanel(LiveQuestions &questions, const SessionClock &clock, QWidget *parent = nullptr);
    ~QuestionPanel() override;

    /** `n`: marks the pinned question answered and pins the top one. Failures are returned, not shown. */
    Result<> pinNext();
    /** `u`: the pinned question goes back to the queue, not answered. */
    Result<> unpin();
    /** Ctrl+Z: takes back the last pin next or unpin. */
    Result<> undo();
    /** Ends the session's Q&A after asking: the questions still shown become unanswered (kept for the export). */
    void endSession();
    /** Shows a failure in the panel (cleared by the next command that works). */
    void showError(const QString &message);
    /** Whether "Moderation…" can open the moderator page (it needs the audience server). */
    void setModerationAvailable(bool available, const QString &whyNot = {});

    /** Replaces the question before ending the session (a QMessageBox by default). */
    void setEndConfirmation(EndConfirmation confirmation);
    static bool askToEndSession(QWidget *parent, int stillShown);

    // What the panel shows now, read from its widgets.
    /** The ids of the questions listed, top first. */
    QList<qint64> shownIds() const;
    /** The label holding a listed question's text, or nullptr. */
    QLabel *textLabel(qint64 id) const;
    /** The name shown with a listed question (empty for anonymous); nullopt when it is not listed. */
    std::optional<QString> shownName(qint64 id) const;
    /** The votes shown for a listed question; nullopt when it is not listed. */
    std::optional<int> shownVotes(qint64 id) const;
    /** The listed question marked as pinned, if any. */
    std::optional<qint64> shownPinnedId() const;
    /** How many rows are listed above the cut line; nullopt when there is none (everything fits, or nothing). */
    std::optional<int> cutAfterRow() const;
    QString timeFitText() const;
    QString perQuestionText() const;
    QString cutText() const;
    QString approvalText() const;
    QString errorText() const;
    QString emptyText() const;
    /** The questions waiting to be answered (shown, not pinned). */
    int waitingCount() const { return m_fit.waiting; }
    QuestionTimeFit timeFit() const { return m_fit; }

    QPushButton *pinNextButton() const { return m_pinNextButton; }
    QPushButton *unpinButton() const { return m_unpinButton; }
    QPushButton *undoButton() const { return m_undoButton; }
    QPushButton *moderationButton() const { return m_moderationButton; }
    QPushButton *endSessionButton() const { return m_endButton; }

Q_SIGNALS:
    /** "Moderation…" was clicked. */
    void moderationRequested();
    /** The number of questions waiting to be answered changed (for the tab's title). */
    void waitingCountChanged(int count);
    /** The panel pulled and shows the queue as LiveQuestions has it now. */
    void queueShown();

private:
    struct Row
    {
        QFrame *box = nullptr;
        QLabel *votes = nullptr;
        QLabel *text = nullptr;
        QLabel *name = nullptr;
        QLabel *badge = nullptr;
        qint64 id = 0;
        int voteCount = 0;
        QString displayName;
        bool pinned = false;
    };

    void buildLayout();
    void scheduleRefresh();
    void refreshQueue();
    void refreshTimeFit();
    void refreshButtons();
    Row &rowAt(int index);
    void placeCut(std::optional<int> rowsAbove);
    /** Shows a command's failure, or clears the last error when it worked. */
    Result<> report(Result<> result);
    /** Clears the last error when the command worked; a failure is left to the caller (a key or a button). */
    Result<> clearErrorIfDone(Result<> result);

    LiveQuestions &m_questions;
    const SessionClock &m_clock;
    EndConfirmation m_confirmEnd;
    RefreshThrottle m_refresh{kRefreshInterval, [this] { refreshQueue(); }};
    QTimer m_timeTimer;
    QuestionTimeFit m_fit;
    bool m_fitKnown = false;
    bool m_pinnedListed = false;
    int m_listedRows = 0;
    std::optional<int> m_cutAfter;

    QLabel *m_timeFit = nullptr;
    QLabel *m_perQuestion = nullptr;
    QLabel *m_approval = nullptr;
    QScrollArea *m_scroll = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    QLabel *m_empty = nullptr;
    QFrame *m_cut = nullptr;
    QLabel *m_cutText = nullptr;
    QLabel *m_more = nullptr;
    QList<Row> m_rows;
    QLabel *m_error = nullptr;
    QPushButton *m_pinNextButton = nullptr;
    QPushButton *m_unpinButton = nullptr;
    QPushButton *m_undoButton = nullptr;
    QPushButton *m_moderationButton = nullptr;
    QPushButton *m_endButton = nullptr;
};

} // namespace Lectern
