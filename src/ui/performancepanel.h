#pragma once

#include "query/querycache.h"

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QueryStatsModel;
class Repository;

// The Performance tab: the Repository's query tracker as a table and its cache's counters, refreshed every second
// while shown. Both are read from memory (cheap and thread-safe); nothing here touches the database.
class PerformancePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit PerformancePanel(Repository *repository, QWidget *parent = nullptr);
    ~PerformancePanel() override;
    Q_DISABLE_COPY_MOVE(PerformancePanel)

    enum CacheField { HitRate, Size, Entries, Hits, Misses, Evictions, Ttl, CacheFieldCount };

    QueryStatsModel *model() const { return m_model; }
    QString cacheText(CacheField field) const;
    void showCacheStats(const QueryCacheStats &stats);

    static QString bytesText(qint64 bytes);
    static QString ttlText(qint64 ms);

public Q_SLOTS:
    // Reads the tracker's snapshot and the cache's counters now.
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    Repository *m_repository = nullptr;
    QueryStatsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_cacheLabels[CacheFieldCount] = {};
    QTimer *m_timer = nullptr;
};
