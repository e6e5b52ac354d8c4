#pragma once

#include "event/livepolls.h"
#include "model/poll.h"
#include "refreshthrottle.h"

#include <QStringList>
#include <QWidget>

#include <chrono>
#include <optional>

class QPainter;

namespace Lectern {

/**
 * The projector's chart of the current poll while its results are revealed, drawn over the slide: the question
 * in large type and the answers (bars, rating columns, a word cloud or the top open-text answers) white on
 * near-black, sized from the window's height so that the back of the room can read them. It pulls
 * LivePolls::results() at once when a poll changes state and at most ten times a second as votes arrive, shows
 * itself while the current poll is revealed and hides otherwise. Hidden answers never appear; audience text is
 * drawn as plain text.
 */
class PollChart : public QWidget
{
    Q_OBJECT

public:
    /** Votes arriving faster than this are drawn together. */
    static constexpr std::chrono::milliseconds kRefreshInterval{100};

    /** polls must outlive this. */
    explicit PollChart(LivePolls &polls, QWidget *parent = nullptr);

    /** The poll whose results the projector shows: the current poll when it is revealed; nullopt otherwise. */
    static std::optional<QString> revealedPollId(const LivePolls &polls);

    /** Pulls the poll state and results now, and shows or hides the chart to match. */
    void refresh();

    /** The poll charted (empty when none). */
    QString pollId() const { return m_poll ? m_poll->id : QString(); }
    QString question() const { return m_poll ? m_poll->question : QString(); }
    /** The answers drawn at the current size, in drawing order: option labels, ratings, words or texts. */
    QStringList shownAnswers() const { return m_shownAnswers; }

Q_SIGNALS:
    /** The chart pulled and shows new results of this poll. */
    void resultsShown(const QString &pollId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Bar
    {
        QString label;
        int count = 0;
    };

    void onResultsChanged(const QString &pollId);
    void pullResults();
    /** Lays the chart out at the current size and, when painter is set, draws it; fills m_shownAnswers. */
    void draw(QPainter *painter);
    void drawBars(QPainter *painter, const QRectF &area, const QList<Bar> &bars);
    void drawRating(QPainter *painter, const QRectF &area);
    void drawWordCloud(QPainter *painter, const QRectF &area);
    void drawOpenText(QPainter *painter, const QRectF &area);
    void drawCentredNote(QPainter *painter, const QRectF &area, const QString &text);
    QString figures(int count) const;
    QFont fontOfSize(qreal pixels, bool bold = false) const;

    LivePolls &m_polls;
    std::optional<Poll> m_poll;
    PollResults m_results;
    QStringList m_shownAnswers;
    RefreshThrottle m_resultsThrottle{kRefreshInterval, [this] { pullResults(); }};
};

} // namespace Lectern
