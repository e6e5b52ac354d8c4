#include "agendamodel.h"

#include "plaintext.h"

#include <QBrush>
#include <QColor>
#include <QFont>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

QString clockTime(const QDateTime &time)
{
    return time.toLocalTime().toString(u"HH:mm"_s);
}

/** A span as a screen reader should say it: words where the table shows dashes (none: the words for no span). */
QString spokenSpan(const std::optional<QDateTime> &start, const std::optional<QDateTime> &end, bool running,
                   const QString &none)
{
    if (!start)
        return end ? AgendaModel::tr("until %1").arg(clockTime(*end)) : none;
    if (end)
        return AgendaModel::tr("from %1 to %2").arg(clockTime(*start), clockTime(*end));
    return running ? AgendaModel::tr("from %1, running now").arg(clockTime(*start))
                   : AgendaModel::tr("from %1").arg(clockTime(*start));
}

} // namespace

AgendaModel::AgendaModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AgendaModel::setAgenda(const Agenda &agenda)
{
    if (agenda.entries.size() != m_agenda.entries.size()) {
        beginResetModel();
        m_agenda = agenda;
        endResetModel();
        return;
    }
    const Agenda old = std::exchange(m_agenda, agenda);
    for (int row = 0; row < int(m_agenda.entries.size()); ++row) {
        if (old.entries.at(row) != m_agenda.entries.at(row))
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int AgendaModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_agenda.entries.size());
}

int AgendaModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int AgendaModel::onStageRow() const
{
    for (int row = 0; row < int(m_agenda.entries.size()); ++row) {
        if (m_agenda.entries.at(row).onStage)
            return row;
    }
    return -1;
}

QString AgendaModel::formatSpan(const std::optional<QDateTime> &start, const std::optional<QDateTime> &end,
                                bool running)
{
    if (!start)
        return end ? tr("–%1").arg(clockTime(*end)) : u"–"_s;
    if (end)
        return tr("%1–%2").arg(clockTime(*start), clockTime(*end));
    return running ? tr("%1–now").arg(clockTime(*start)) : tr("%1–").arg(clockTime(*start));
}

QString AgendaModel::cellText(const AgendaEntry &entry, int column) const
{
    switch (Column(column)) {
    case SessionColumn: {
        const QString title = entry.title.isEmpty() ? tr("Session %1").arg(entry.sessionIndex + 1) : entry.title;
        const QString first = tr("%1. %2").arg(entry.sessionIndex + 1).arg(title);
        return entry.speaker.isEmpty() ? first : first + u'\n' + entry.speaker;
    }
    case PlannedColumn:
        return formatSpan(entry.plannedStart, entry.plannedEnd, false);
    case ActualColumn:
        return formatSpan(entry.actualStart, entry.actualEnd, entry.onStage);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AgendaModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const AgendaEntry &entry = m_agenda.entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return cellText(entry, index.column());
    case Qt::ToolTipRole: {
        // The whole title (the row may cut it short), as typed: a tooltip would otherwise be guessed at as HTML.
        const QString state =
            entry.onStage ? tr("On stage now") : tr("Double-click or press Enter to put this session on stage");
        return plainToolTip(cellText(entry, SessionColumn) + u"\n\n"_s + state);
    }
    case Qt::FontRole:
        if (entry.onStage) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::BackgroundRole:
        return entry.onStage ? QVariant(QBrush(QColor(0x1e, 0x3a, 0x5a))) : QVariant();
    case Qt::ForegroundRole:
        return entry.onStage ? QVariant(QBrush(QColor(0xff, 0xff, 0xff))) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == SessionColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                               : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::AccessibleTextRole:
        switch (Column(index.column())) {
        case SessionColumn:
            return cellText(entry, SessionColumn).replace(u'\n', u", "_s);
        case PlannedColumn:
            return spokenSpan(entry.plannedStart, entry.plannedEnd, false, tr("no planned time"));
        case ActualColumn:
            return spokenSpan(entry.actualStart, entry.actualEnd, entry.onStage, tr("not started"));
        case ColumnCount:
            break;
        }
        return {};
    case Qt::AccessibleDescriptionRole:
        return entry.onStage ? tr("On stage now") : QVariant();
    case SessionIndexRole:
        return entry.sessionIndex;
    case OnStageRole:
        return entry.onStage;
    default:
        return {};
    }
}

QVariant AgendaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case SessionColumn:
        return tr("Session");
    case PlannedColumn:
        return tr("Planned");
    case ActualColumn:
        return tr("Actual");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Lectern
