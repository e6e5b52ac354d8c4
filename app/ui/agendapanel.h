#pragma once

#include "model/agenda.h"

#include <QTimer>
#include <QWidget>

#include <chrono>

class QKeyEvent;
class QLabel;
class QTreeView;

namespace Lectern {

class AgendaModel;
class LiveEvent;

/**
 * The console's Agenda tab: the event's title, date and venue, how far it runs behind ("Runs +4 min behind"), and
 * a row per session with its title, speaker, planned and actual start–end, the one on stage marked. Pulls
 * LiveEvent::agenda() when the agenda or the session on stage changes, and every kRefreshInterval for the parts
 * that move with the time. Double-click (or Enter while the list has the focus) asks for a session with
 * sessionRequested(); the console decides. Texts are plain text.
 */
class AgendaPanel : public QWidget
{
    Q_OBJECT

public:
    /** How often the time-dependent parts (behind, "now") are read again. */
    static constexpr std::chrono::milliseconds kRefreshInterval{15000};

    /** event must outlive this. */
    explicit AgendaPanel(LiveEvent &event, QWidget *parent = nullptr);
    ~AgendaPanel() override;

    /** Reads the agenda again from the event. */
    void refresh();

    /**
     * A key while the list has the focus (the console's key dispatcher asks first): Up and Down move in the list,
     * Enter asks for the selected session, Esc gives the keys back to the slides. False for other keys and when
     * the list does not have the focus.
     */
    bool handleKey(const QKeyEvent &key);

    AgendaModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    /** "Runs +4 min behind", "On time"…, as shown. */
    QString behindText() const;
    const QTimer &refreshTimer() const { return m_refreshTimer; }

    /** "Runs +4 min behind", "Runs −2 min ahead", "On time", or "Not started yet" (on time, no session begun). */
    static QString behindLine(const Agenda &agenda);

Q_SIGNALS:
    /** The organizer asked to put this session on stage (double-click or Enter on its row). */
    void sessionRequested(int sessionIndex);
    /** Esc in the list: the console takes the focus back. */
    void focusReleased();

private:
    void requestRow(int row);
    void refreshHeader();

    LiveEvent &m_event;
    AgendaModel *m_model = nullptr;
    QLabel *m_eventLine = nullptr;
    QLabel *m_behind = nullptr;
    QTreeView *m_view = nullptr;
    QTimer m_refreshTimer;
};

} // namespace Lectern
