#pragma once

#include "query/querytracker.h"

#include <QAbstractTableModel>
#include <QList>

// The query tracker's table: one row per query name with its count, percentiles, slow and critical runs, rating
// and regression against its baseline.
//
// Durations are shown in milliseconds with as many decimals as they need ("0.042 ms", "3.71 ms", "128 ms");
// SortRole gives nanoseconds. Rating cells are tinted (CRITICAL red, SLOW amber) with the palette-aware colours of
// the fleet table; a regression reads "2.3× baseline".
class QueryStatsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Query, Count, P50, P95, P99, Slow, Critical, Rating, Regression, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole,
        RatingRole, // int of QueryRating
    };

    explicit QueryStatsModel(QObject *parent = nullptr);
    ~QueryStatsModel() override;
    Q_DISABLE_COPY_MOVE(QueryStatsModel)

    // Replaces the rows (sorted by name). When the same queries are shown, rows are updated in place, so a sorted
    // view and its selection stay put while the numbers tick.
    void setStats(QList<QueryStats> stats);
    const QList<QueryStats> &stats() const { return m_stats; }

    static QString millisecondsText(qint64 ns);
    static QString ratingText(QueryRating rating);
    // "2.3× baseline" for a flagged regression, empty otherwise.
    static QString regressionText(const QueryStats &stats);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(Column column, const QueryStats &stats) const;
    QVariant sortValue(Column column, const QueryStats &stats) const;

    QList<QueryStats> m_stats;
};
