#pragma once

#include "model/agenda.h"

#include <QAbstractTableModel>

namespace Lectern {

/**
 * The agenda as a table for the console's Agenda tab: a row per session with its title and speaker, its planned
 * start–end and its actual start–end (local time, HH:mm); the session on stage is bold and highlighted. Holds the
 * Agenda it was given last (see setAgenda()); a new one with the same sessions changes only the rows that read
 * differently, so that the selection in the view stays put.
 */
class AgendaModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SessionColumn, PlannedColumn, ActualColumn, ColumnCount };
    enum Role {
        /** The row's index in the plan (int). */
        SessionIndexRole = Qt::UserRole + 1,
        /** Whether the row's session is on stage (bool). */
        OnStageRole,
    };

    explicit AgendaModel(QObject *parent = nullptr);

    void setAgenda(const Agenda &agenda);
    const Agenda &agenda() const { return m_agenda; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** "19:00–19:20", "19:02–now" (on stage, not ended), "19:02–" or "–": how a start and end read. */
    static QString formatSpan(const std::optional<QDateTime> &start, const std::optional<QDateTime> &end, bool running);
    /** The row of the session on stage, -1 when none. */
    int onStageRow() const;

private:
    QString cellText(const AgendaEntry &entry, int column) const;

    Agenda m_agenda;
};

} // namespace Lectern
