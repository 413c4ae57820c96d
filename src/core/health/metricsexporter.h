#pragma once

#include "healthreport.h"
#include "query/querycache.h"
#include "query/querytracker.h"
#include "sync/syncreport.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

// What GET /metrics says, in the Prometheus text format. Counters accumulate the syncs of this process (from
// the engine's sourceFinished); gauges come from the health report, the query cache and the query tracker at
// scrape time.
//
// Families (all prefixed opsdeck_):
//   sync_runs_total{source,status}  sync_errors_total{source}  sync_duration_seconds{source} (histogram)
//   samples_stored_total{source}  api_requests_total{source}  api_throttled_total{source}  api_retries_total{source}
//   source_healthy{source}  source_last_success_timestamp_seconds{source}  source_success_ratio_24h{source}
//   health_ok  uptime_seconds  database_size_bytes  resources
//   cache_hits_total  cache_stale_hits_total  cache_misses_total  cache_evictions_total  cache_entries  cache_bytes
//   query_duration_seconds{query} (histogram)  query_regression{query}
class MetricsExporter final
{
public:
    MetricsExporter();

    // Thread-safe.
    void recordRun(const SourceRunResult &run);

    QByteArray render(const HealthReport &health, const QueryCacheStats &cache,
                      const QHash<QString, QueryHistogram> &queries, const QList<QueryStats> &queryStats) const;

    // Upper bounds of the sync duration histogram, seconds.
    static const QList<double> &syncDurationBounds();

private:
    struct SourceCounters
    {
        QHash<QString, qint64> runsByStatus;
        qint64 errors = 0;
        qint64 samples = 0;
        qint64 apiCalls = 0;
        qint64 throttled = 0;
        qint64 retries = 0;
        QList<qint64> durationBuckets; // cumulative, per syncDurationBounds()
        qint64 durationCount = 0;
        double durationSum = 0;
    };
    mutable QMutex m_mutex;
    QHash<QString, SourceCounters> m_sources;
};
