#pragma once

#include <QFrame>
#include <QList>
#include <QWidget>

class QKeyEvent;
class QLabel;
class QGridLayout;
class QScrollArea;

namespace Lectern {

class LiveEvent;
class RenderCache;
class SlideView;

/** One slide in the overview: its thumbnail and number; a click picks it. */
class OverviewThumbnail : public QFrame
{
    Q_OBJECT

public:
    OverviewThumbnail(RenderCache &cache, QWidget *parent = nullptr);

    void setSlide(int slideNumber, int pageIndex, const QString &label);
    int pageIndex() const { return m_pageIndex; }
    SlideView *view() const { return m_view; }
    void setMarks(bool current, bool selected);
    bool isMarkedCurrent() const { return property("current").toBool(); }
    bool isMarkedSelected() const { return property("selected").toBool(); }

Q_SIGNALS:
    void clicked();

protected:
    void mousePressEvent(QMouseEvent *event) override;

private:
    SlideView *m_view = nullptr;
    QLabel *m_caption = nullptr;
    int m_pageIndex = -1;
};

/**
 * The overview drawn over the console: a thumbnail of every slide (one per slide label, showing its last overlay
 * step; hidden pages skipped). The current slide is marked; arrows move the selection, Enter or a click goes
 * there. Thumbnails are small and rendered only when scrolled into view.
 */
class OverviewGrid : public QWidget
{
    Q_OBJECT

public:
    static constexpr QSize thumbnailSize{256, 144};

    OverviewGrid(LiveEvent &event, RenderCache &cache, QWidget *parent = nullptr);

    /** Rebuilds the thumbnails from the deck on stage and selects the current slide. */
    void reset();
    /** Arrows, Home/End, PageUp/PageDown move the selection; Enter/Space go there. True when used. */
    bool handleKey(const QKeyEvent &event);

    int slideCount() const { return int(m_slidePages.size()); }
    /** 0-based index of the selected slide, -1 when there is none. */
    int selectedIndex() const { return m_selected; }
    /** The page each thumbnail shows, by slide. */
    const QList<int> &slidePages() const { return m_slidePages; }
    OverviewThumbnail *thumbnail(int slideIndex) const { return m_thumbnails.value(slideIndex); }
    void select(int slideIndex);
    /** Goes to the selected slide and asks to close. */
    void activate(int slideIndex);

Q_SIGNALS:
    void closeRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int columnCount() const;
    void relayout();
    void updateMarks();

    LiveEvent &m_event;
    RenderCache &m_cache;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_gridHost = nullptr;
    QGridLayout *m_grid = nullptr;
    QList<OverviewThumbnail *> m_thumbnails; // reused across decks: each holds a render view id
    QList<int> m_slidePages;
    int m_selected = -1;
    int m_columns = 0;
};

} // namespace Lectern
