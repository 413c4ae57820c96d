#pragma once

#include "storage/metricstore.h"

#include <QAbstractTableModel>
#include <QList>

// The sync log: one row per sync run (sync_runs), newest first as read from the Repository.
//
// Times are shown in local time with their age in the tooltip, durations and counts for people ("1.4 s",
// "12,400"); SortRole gives the raw numbers so a QSortFilterProxyModel sorts them as numbers. Failed runs are
// tinted with the palette-aware error colour and carry their error in plain words.
class SyncLogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Started, Source, Status, Duration, Resources, Samples, ApiCalls, Throttled, Error, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, // numbers and Unix seconds as numbers, text otherwise
        SourceRole, // the run's source name, for filtering by source
        FailedRole, // bool: the run failed
    };

    explicit SyncLogModel(QObject *parent = nullptr);
    ~SyncLogModel() override;
    Q_DISABLE_COPY_MOVE(SyncLogModel)

    void setRuns(const QList<SyncRunRecord> &runs);
    const QList<SyncRunRecord> &runs() const { return m_runs; }
    // The clock the ages in tooltips are measured against (Unix seconds).
    void setNow(qint64 secsSinceEpoch);

    static QString statusText(const QString &status);
    static QString durationText(qint64 ms);
    // What went wrong, for people: the stored error, or a sentence when a failed run left none.
    static QString errorText(const SyncRunRecord &run);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(Column column, const SyncRunRecord &run) const;
    QVariant sortValue(Column column, const SyncRunRecord &run) const;

    QList<SyncRunRecord> m_runs;
    qint64 m_now = 0;
};
