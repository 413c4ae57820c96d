#pragma once

#include "alerts/alertrule.h"
#include "config/config.h"
#include "query/fleetrow.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QList>

class QPalette;

// The fleet table: one row per resource with its latest readings, as read from the cache.
//
// Numbers are shown for people ("42.3 %", "3 min ago") and sorted as numbers through SortRole. CPU, memory and
// disk cells are tinted by their alert level (warning amber, critical red, blended into the palette's base colour
// so that the text stays readable in light and dark themes); LevelRole exposes the level itself.
//
// A row is stale when its newest reading is older than three intervals of its source, and never less than ten
// minutes old: one late or failed sync is normal, three in a row are worth noticing, and ten minutes keeps a
// fast local source from flickering between stale and fresh around a laptop's suspend. Stale rows are greyed
// and italic, with the age in their tooltip.
class FleetTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Kind, Source, Region, Status, Cpu, Memory, Disk, LastUpdated, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        // Raw values for sorting: doubles for percentages (-1 when missing, so they sort below 0 %), Unix seconds
        // for "Last updated" (0 = never), text otherwise.
        SortRole = Qt::UserRole,
        // Level (an int of Level) of the CPU, memory and disk cells; Normal elsewhere.
        LevelRole,
        // bool: the row's readings are stale.
        StaleRole,
        // qint64: the resource id.
        IdRole,
        // Lower-case text a filter searches: name, kind, source, region, status and tags.
        FilterTextRole,
    };

    enum Level { Normal = 0, Warning = 1, Critical = 2 };
    Q_ENUM(Level)

    static constexpr qint64 MinimumStaleSeconds = 10 * 60;

    explicit FleetTableModel(QObject *parent = nullptr);
    ~FleetTableModel() override;
    Q_DISABLE_COPY_MOVE(FleetTableModel)

    // Replaces the rows. Rows whose id is already shown are updated in place and new ones appended, so
    // selections and the current index follow their resources across refreshes.
    void setRows(const QList<FleetRow> &rows);
    const QList<FleetRow> &rows() const { return m_rows; }

    void setThresholds(const AlertConfig &alerts) { setRules(AlertRuleSet(alerts)); }
    // The thresholds in force, with the overrides of the Thresholds dialog: each cell is judged by its resource's rule.
    void setRules(const AlertRuleSet &rules);
    // Sync interval per source name; sources not listed use `fallbackSeconds` (the [sync] interval).
    void setSourceIntervals(const QHash<QString, qint64> &seconds, qint64 fallbackSeconds);
    // The clock ages are measured against (Unix seconds). Ages and staleness only change when this is called.
    void setNow(qint64 secsSinceEpoch);
    qint64 now() const { return m_now; }

    qint64 staleAfterSeconds(const QString &source) const;
    bool isStale(const FleetRow &row) const;
    Level level(Column column, const FleetRow &row) const;

    // The background of a cell at `level`, blended into the palette's base colour; invalid for Normal.
    static QColor levelBackground(Level level, const QPalette &palette);
    static QString percentText(const std::optional<double> &value);
    static QString kindText(const QString &kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(Column column, const FleetRow &row) const;
    QVariant sortValue(Column column, const FleetRow &row) const;
    QString toolTip(Column column, const FleetRow &row) const;
    QString filterText(const FleetRow &row) const;
    std::optional<double> metricValue(Column column, const FleetRow &row) const;
    void emitAllChanged();

    QList<FleetRow> m_rows;
    AlertRuleSet m_rules;
    QHash<QString, qint64> m_intervals;
    qint64 m_fallbackInterval = 0;
    qint64 m_now = 0;
};
