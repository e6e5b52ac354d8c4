#include "agendapanel.h"

#include "agendamodel.h"
#include "event/liveevent.h"
#include "plaintext.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Lectern {

namespace {

/** Rows with some air between them: the list is read at a glance. */
class RowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(0, option.fontMetrics.height() / 2);
    }
};

} // namespace

AgendaPanel::AgendaPanel(LiveEvent &event, QWidget *parent)
    : QWidget(parent)
    , m_event(event)
    , m_model(new AgendaModel(this))
{
    setObjectName(u"agendaPanel"_s);
    setAccessibleName(tr("Agenda"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(6);

    m_eventLine = plainLabel(u"agendaEvent"_s, this);
    m_eventLine->setWordWrap(true);
    layout->addWidget(m_eventLine);
    m_behind = plainLabel(u"agendaBehind"_s, this);
    layout->addWidget(m_behind);

    m_view = new QTreeView(this);
    m_view->setObjectName(u"agendaView"_s);
    m_view->setAccessibleName(tr("Sessions"));
    m_view->setAccessibleDescription(tr("The event's sessions with planned and actual times; Enter puts the chosen "
                                        "one on stage"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new RowDelegate(m_view));
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(false);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Each line (title, speaker) is cut short on its own rather than wrapped, so that the speaker stays in view; the
    // tooltip has the whole title.
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    // A click may pick a row, but the keys stay with the slides until then (see handleKey()).
    m_view->setFocusPolicy(Qt::ClickFocus);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(AgendaModel::SessionColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(AgendaModel::PlannedColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(AgendaModel::ActualColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionsMovable(false);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) { requestRow(index.row()); });
    layout->addWidget(m_view, 1);

    auto *hint = plainLabel(u"agendaHint"_s, this, tr("Double-click a session to put it on stage."));
    hint->setWordWrap(true);
    layout->addWidget(hint);

    connect(&m_event, &LiveEvent::agendaChanged, this, &AgendaPanel::refresh);
    connect(&m_event, &LiveEvent::sessionChanged, this, &AgendaPanel::refresh);
    m_refreshTimer.setInterval(kRefreshInterval);
    connect(&m_refreshTimer, &QTimer::timeout, this, &AgendaPanel::refresh);
    m_refreshTimer.start();
    refresh();
}

AgendaPanel::~AgendaPanel() = default;

QString AgendaPanel::behindLine(const Agenda &agenda)
{
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(agenda.behind);
    if (minutes > 0min)
        return tr("Runs %n min behind", nullptr, int(minutes.count()));
    if (minutes < 0min)
        return tr("Runs %n min ahead", nullptr, int(-minutes.count()));
    const bool started = std::any_of(agenda.entries.cbegin(), agenda.entries.cend(),
                                     [](const AgendaEntry &entry) { return entry.actualStart.has_value(); });
    return started ? tr("On time") : tr("Not started yet");
}

void AgendaPanel::refresh()
{
    const int selectedRow = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    m_model->setAgenda(m_event.agenda());
    if (selectedRow < 0 || selectedRow >= m_model->rowCount()) {
        const int onStage = m_model->onStageRow();
        if (onStage >= 0)
            m_view->setCurrentIndex(m_model->index(onStage, 0));
    }
    refreshHeader();
}

void AgendaPanel::refreshHeader()
{
    const Event &plan = m_event.plan();
    QStringList parts;
    if (!plan.title.isEmpty())
        parts.append(plan.title);
    if (plan.date.isValid())
        parts.append(QLocale().toString(plan.date, QLocale::LongFormat));
    if (!plan.venue.isEmpty())
        parts.append(plan.venue);
    m_eventLine->setText(parts.join(u" · "_s));
    m_eventLine->setVisible(!parts.isEmpty());

    const Agenda &agenda = m_model->agenda();
    m_behind->setText(behindLine(agenda));
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(agenda.behind);
    const QString state = minutes > 0min ? u"behind"_s : minutes < 0min ? u"ahead"_s : u"onTime"_s;
    if (m_behind->property("behind").toString() != state) {
        m_behind->setProperty("behind", state);
        m_behind->style()->unpolish(m_behind);
        m_behind->style()->polish(m_behind);
    }
}

QString AgendaPanel::behindText() const
{
    return m_behind->text();
}

void AgendaPanel::requestRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    Q_EMIT sessionRequested(m_model->index(row, 0).data(AgendaModel::SessionIndexRole).toInt());
}

bool AgendaPanel::handleKey(const QKeyEvent &key)
{
    if (!m_view->hasFocus() || key.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    const int rows = m_model->rowCount();
    const int current = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    switch (key.key()) {
    case Qt::Key_Up:
        if (rows > 0)
            m_view->setCurrentIndex(m_model->index(std::max(current - 1, 0), 0));
        return true;
    case Qt::Key_Down:
        if (rows > 0)
            m_view->setCurrentIndex(m_model->index(std::min(current + 1, rows - 1), 0));
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        requestRow(current);
        return true;
    case Qt::Key_Escape:
        Q_EMIT focusReleased();
        return true;
    default:
        return false;
    }
}

} // namespace Lectern
