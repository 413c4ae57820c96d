#include "metricsexporter.h"
#include "prometheustext.h"

#include <QMutexLocker>
#include <algorithm>

MetricsExporter::MetricsExporter() = default;

const QList<double> &MetricsExporter::syncDurationBounds()
{
    static const QList<double> bounds { 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800 };
    return bounds;
}

void MetricsExporter::recordRun(const SourceRunResult &run)
{
    QMutexLocker lock(&m_mutex);
    SourceCounters &c = m_sources[run.name];
    if (c.durationBuckets.isEmpty())
        c.durationBuckets.fill(0, syncDurationBounds().size());
    c.runsByStatus[run.status] += 1;
    if (run.status == QLatin1String("failed"))
        c.errors += 1;
    c.samples += run.samples;
    c.apiCalls += run.apiCalls;
    c.throttled += run.throttled;
    c.retries += run.retries;
    const double seconds = double(run.durationMs) / 1000.0;
    const QList<double> &bounds = syncDurationBounds();
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        if (seconds <= bounds[i])
            c.durationBuckets[i] += 1;
    }
    c.durationCount += 1;
    c.durationSum += seconds;
}

QByteArray MetricsExporter::render(const HealthReport &health, const QueryCacheStats &cache,
                                   const QHash<QString, QueryHistogram> &queries,
                                   const QList<QueryStats> &queryStats) const
{
    PrometheusText out;
    QHash<QString, SourceCounters> sources;
    {
        QMutexLocker lock(&m_mutex);
        sources = m_sources;
    }
    // Every configured source appears, with zeros before its first sync, so rate() works from the start.
    QStringList names;
    for (const SourceHealth &s : health.sources)
        names << s.name;
    for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
        if (!names.contains(it.key()))
            names << it.key();
    }
    std::sort(names.begin(), names.end());
    const auto label = [](const QString &source) { return PrometheusText::Labels { { QStringLiteral("source"), source } }; };

    out.family(QStringLiteral("opsdeck_sync_runs_total"), QStringLiteral("counter"),
               QStringLiteral("Syncs of a source by this process, by outcome."));
    for (const QString &name : std::as_const(names)) {
        const SourceCounters c = sources.value(name);
        for (const char *status : { "ok", "failed", "locked" })
            out.sample({ { QStringLiteral("source"), name }, { QStringLiteral("status"), QLatin1String(status) } },
                       double(c.runsByStatus.value(QLatin1String(status))));
    }
    const auto counter = [&](const char *family, const char *help, qint64 SourceCounters::*field) {
        out.family(QLatin1String(family), QStringLiteral("counter"), QLatin1String(help));
        for (const QString &name : std::as_const(names))
            out.sample(label(name), double(sources.value(name).*field));
    };
    counter("opsdeck_sync_errors_total", "Failed syncs of a source by this process.", &SourceCounters::errors);
    counter("opsdeck_samples_stored_total", "New samples stored by this process.", &SourceCounters::samples);
    counter("opsdeck_api_requests_total", "Requests made to a source's API.", &SourceCounters::apiCalls);
    counter("opsdeck_api_throttled_total", "Requests a source answered with 429 Too Many Requests.",
            &SourceCounters::throttled);
    counter("opsdeck_api_retries_total", "Requests retried after a transient failure.", &SourceCounters::retries);

    out.family(QStringLiteral("opsdeck_sync_duration_seconds"), QStringLiteral("histogram"),
               QStringLiteral("How long one sync of a source took."));
    for (const QString &name : std::as_const(names)) {
        SourceCounters c = sources.value(name);
        if (c.durationBuckets.isEmpty())
            c.durationBuckets.fill(0, syncDurationBounds().size());
        out.histogram(label(name), syncDurationBounds(), c.durationBuckets, c.durationCount, c.durationSum);
    }

    out.family(QStringLiteral("opsdeck_source_healthy"), QStringLiteral("gauge"),
               QStringLiteral("1 when the source's newest sync succeeded recently enough, else 0."));
    for (const SourceHealth &s : health.sources)
        out.sample(label(s.name), s.healthy ? 1 : 0);
    out.family(QStringLiteral("opsdeck_source_last_success_timestamp_seconds"), QStringLiteral("gauge"),
               QStringLiteral("Unix time of the source's newest successful sync (0 = never)."));
    for (const SourceHealth &s : health.sources)
        out.sample(label(s.name), double(s.lastOkAt));
    out.family(QStringLiteral("opsdeck_source_success_ratio_24h"), QStringLiteral("gauge"),
               QStringLiteral("Share of the source's syncs in the last 24 hours that succeeded."));
    for (const SourceHealth &s : health.sources) {
        if (s.successRate24h >= 0)
            out.sample(label(s.name), s.successRate24h);
    }

    const auto gauge = [&](const char *family, const char *help, double value) {
        out.family(QLatin1String(family), QStringLiteral("gauge"), QLatin1String(help));
        out.sample(value);
    };
    gauge("opsdeck_health_ok", "1 when GET /health says ok, 0 when degraded.", health.ok() ? 1 : 0);
    gauge("opsdeck_uptime_seconds", "Seconds since this process started.", double(health.uptimeSeconds));
    gauge("opsdeck_database_size_bytes", "Size of the cache database.", double(health.database.sizeBytes));
    gauge("opsdeck_resources", "Resources in the cache.", double(health.database.resources));

    const auto cacheCounter = [&](const char *family, const char *help, qint64 value) {
        out.family(QLatin1String(family), QStringLiteral("counter"), QLatin1String(help));
        out.sample(double(value));
    };
    cacheCounter("opsdeck_cache_hits_total", "Query results served from the cache.", cache.hits);
    cacheCounter("opsdeck_cache_stale_hits_total", "Expired results served while refreshing.", cache.staleHits);
    cacheCounter("opsdeck_cache_misses_total", "Query results computed for lack of a cached one.", cache.misses);
    cacheCounter("opsdeck_cache_evictions_total", "Results dropped to stay within the size bound.", cache.evictions);
    gauge("opsdeck_cache_entries", "Results held by the query cache.", double(cache.entries));
    gauge("opsdeck_cache_bytes", "Estimated bytes held by the query cache.", double(cache.bytes));

    QStringList queryNames = queries.keys();
    std::sort(queryNames.begin(), queryNames.end());
    out.family(QStringLiteral("opsdeck_query_duration_seconds"), QStringLiteral("histogram"),
               QStringLiteral("Latency of the cache database's read queries, by query."));
    for (const QString &name : std::as_const(queryNames)) {
        const QueryHistogram &h = queries[name];
        out.histogram({ { QStringLiteral("query"), name } }, QueryTracker::histogramBoundsSeconds(), h.cumulative,
                      h.count, h.sumSeconds);
    }
    out.family(QStringLiteral("opsdeck_query_regression"), QStringLiteral("gauge"),
               QStringLiteral("1 when a query's median is at least twice its stored baseline."));
    for (const QueryStats &q : queryStats)
        out.sample({ { QStringLiteral("query"), q.name } }, q.regression ? 1 : 0);
    return out.text();
}
