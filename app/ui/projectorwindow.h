#pragma once

#include <QWidget>

namespace Lectern {

class LiveEvent;
class RenderCache;
class SlideView;

/** The audience's window: the projector page full-window, black when blanked, the frozen page when frozen. */
class ProjectorWindow : public QWidget
{
    Q_OBJECT

public:
    ProjectorWindow(LiveEvent &event, RenderCache &cache, QWidget *parent = nullptr);

    SlideView *slideView() const { return m_view; }

Q_SIGNALS:
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void refresh();

    LiveEvent &m_event;
    SlideView *m_view = nullptr;
};

} // namespace Lectern
