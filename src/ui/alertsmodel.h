#pragma once

#include "query/readmodels.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QPair>
#include <QSet>

// The tables of the Alerts tab, from the Repository's alert log (newest first): the alerts firing now (Active:
// resource, metric, level, current value, peak, threshold, "for 18 min", acknowledged/snoozed) or every alert
// (History: started, resolved, duration, resource, metric, level, peak, threshold).
//
// The current value is the resource's newest sample of the metric, so an alert that fired at 96 % and now reads
// 84 % says both; the peak is the highest sample while it fired. Levels carry an icon, a palette-aware tint and
// their name, so they read without colour too. SortRole gives numbers for a QSortFilterProxyModel.
class AlertsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class View { Active, History };
    enum Column { Resource, MetricColumn, Level, Current, Peak, Threshold, Since, State, Started, Resolved, Duration };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, // numbers and Unix seconds as numbers, text otherwise
        ResourceIdRole, // qint64
        MetricRole, // int of Metric
        EventIdRole, // qint64, the alert_events id
    };

    explicit AlertsModel(View view, QObject *parent = nullptr);
    ~AlertsModel() override;
    Q_DISABLE_COPY_MOVE(AlertsModel)

    View view() const { return m_view; }
    void setEvents(const QList<AlertEventRow> &events);
    const QList<AlertEventRow> &events() const { return m_events; }
    const AlertEventRow &event(int row) const { return m_events.at(row); }
    // The clock of ages and durations (Unix seconds).
    void setNow(qint64 secsSinceEpoch);
    // Acknowledged alerts (resource id, metric) and snoozed resources (id → until), for the State column.
    void setSilences(const QSet<QPair<qint64, int>> &acknowledged, const QHash<qint64, qint64> &snoozedUntil);

    // The column a kind of cell is in for this view; -1 when this view has none.
    int columnOf(Column column) const { return int(m_columns.indexOf(column)); }
    Column columnAt(int section) const { return m_columns.at(section); }

    // "45 s", "18 min", "2 h 5 min", "3 days 4 h".
    static QString durationText(qint64 seconds);
    static QString metricText(Metric metric);
    static QString levelText(const QString &level);
    // A filled disc of the level's colour (the tray badge's), for level cells and the tab.
    static QIcon levelIcon(const QString &level);
    // "acknowledged", "snoozed until 14:30", both, or empty.
    static QString stateText(bool acknowledged, qint64 snoozedUntil, qint64 now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(Column column, const AlertEventRow &e) const;
    QVariant toolTip(Column column, const AlertEventRow &e) const;
    QVariant sortValue(Column column, const AlertEventRow &e) const;
    bool isAcknowledged(const AlertEventRow &e) const;
    qint64 snoozedUntil(const AlertEventRow &e) const;

    View m_view;
    QList<Column> m_columns;
    QList<AlertEventRow> m_events;
    qint64 m_now = 0;
    QSet<QPair<qint64, int>> m_acknowledged;
    QHash<qint64, qint64> m_snoozedUntil;
};
