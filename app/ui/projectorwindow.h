#pragma once

#include <QHostAddress>
#include <QWidget>

namespace Lectern {

class AudienceServer;
class JoinCard;
class LiveEvent;
class PinnedQuestionCard;
class PollChart;
class RenderCache;
class SlideView;

/**
 * The audience's window: the projector page full-window, black when blanked, the frozen page when frozen; over
 * it the pinned question (PinnedQuestionCard), above that the revealed results of the current poll (PollChart)
 * and, on top, the join card (JoinCard).
 */
class ProjectorWindow : public QWidget
{
    Q_OBJECT

public:
    /**
     * The chart needs event.polls() (null: no chart) and the pinned question card event.questions() (null: no
     * card), set before this is made; server may be null (the join card then says phones cannot join). All must
     * outlive this.
     */
    ProjectorWindow(LiveEvent &event, RenderCache &cache, AudienceServer *server = nullptr, QWidget *parent = nullptr);

    SlideView *slideView() const { return m_view; }
    /** The results chart; nullptr without polls. */
    PollChart *pollChart() const { return m_chart; }
    /** The pinned question; nullptr without questions. */
    PinnedQuestionCard *pinnedQuestionCard() const { return m_pinnedQuestion; }
    JoinCard *joinCard() const { return m_joinCard; }
    /** The address the join card tells phones to use (the one chosen on the console). */
    void setJoinAddress(const QHostAddress &address);

Q_SIGNALS:
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh();

    LiveEvent &m_event;
    SlideView *m_view = nullptr;
    PinnedQuestionCard *m_pinnedQuestion = nullptr;
    PollChart *m_chart = nullptr;
    JoinCard *m_joinCard = nullptr;
};

} // namespace Lectern
