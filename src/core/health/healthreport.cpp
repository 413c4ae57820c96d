#include "healthreport.h"
#include "config/duration.h"
#include "report/csvwriter.h"

#include <QJsonArray>

namespace {

QJsonValue timestamp(qint64 unixSeconds)
{
    return unixSeconds > 0 ? QJsonValue(CsvWriter::formatTimestamp(unixSeconds)) : QJsonValue(QJsonValue::Null);
}

double ms(qint64 ns)
{
    return double(qRound64(double(ns) / 1000.0)) / 1000.0; // µs precision
}

QString ago(qint64 seconds)
{
    return seconds < 0 ? QStringLiteral("never") : formatDuration(seconds) + QStringLiteral(" ago");
}

} // namespace

HealthReport HealthReport::build(const Config &config, const QStringList &selected, const SyncHealth &sync,
                                 const QList<QueryStats> &queries, const QueryCacheStats &cache, qint64 now,
                                 qint64 startedAt)
{
    HealthReport r;
    r.generatedAt = now;
    r.uptimeSeconds = std::max<qint64>(0, now - startedAt);
    r.version = QStringLiteral(OPSDECK_VERSION);
    r.database = sync.database;
    r.queries = queries;
    r.cache = cache;
    if (!sync.error.isEmpty()) {
        r.databaseOk = false;
        r.problems << QStringLiteral("database %1: %2").arg(sync.database.url, sync.error);
    }
    for (const SourceConfig &source : config.sources) {
        if (!selected.isEmpty() && !selected.contains(source.name))
            continue;
        SourceHealth h;
        h.name = source.name;
        h.type = source.type;
        h.enabled = source.enabled;
        h.intervalSeconds = source.intervalSeconds;
        for (const SourceSyncStats &s : sync.sources) {
            if (s.source != source.name)
                continue;
            h.lastSyncAt = s.lastFinishedAt;
            h.lastStatus = s.lastStatus;
            h.lastError = s.lastError;
            h.lastOkAt = s.lastOkAt;
            h.ageSeconds = s.lastOkAt > 0 ? std::max<qint64>(0, now - s.lastOkAt) : -1;
            h.runs24h = s.runs;
            h.ok24h = s.okRuns;
            h.successRate24h = s.runs > 0 ? double(s.okRuns) / double(s.runs) : -1;
        }
        if (h.enabled && !r.databaseOk) {
            h.healthy = false;
            h.problem = QStringLiteral("unknown: the cache cannot be read");
        } else if (h.enabled) {
            const qint64 allowed = 2 * source.intervalSeconds + StaleGraceSeconds;
            if (h.lastSyncAt == 0)
                h.problem = QStringLiteral("never synced: run opsdeck --sync, or start opsdeck --sync --watch");
            else if (h.lastStatus != QLatin1String("ok"))
                h.problem = QStringLiteral("the last sync failed: %1").arg(h.lastError);
            else if (h.ageSeconds > allowed)
                h.problem = QStringLiteral("stale: the last successful sync was %1 ago, expected every %2")
                                .arg(formatDuration(h.ageSeconds), formatDuration(source.intervalSeconds));
            h.healthy = h.problem.isEmpty();
            if (!h.healthy)
                r.problems << QStringLiteral("source %1: %2").arg(h.name, h.problem);
        }
        r.sources << h;
    }
    if (!r.problems.isEmpty())
        r.status = QStringLiteral("degraded");
    return r;
}

QJsonObject HealthReport::toJson() const
{
    QJsonObject db {
        { QStringLiteral("url"), database.url },
        { QStringLiteral("engine"), database.engine },
        { QStringLiteral("ok"), databaseOk },
        { QStringLiteral("error"), databaseOk ? QString() : database.error },
        { QStringLiteral("schema_version"), database.schemaVersion },
        { QStringLiteral("resources"), database.resources },
        { QStringLiteral("size_bytes"), database.sizeBytes },
        { QStringLiteral("newest_sample_at"), timestamp(database.newestSampleAt) },
    };
    QJsonArray sourceArray;
    for (const SourceHealth &s : sources) {
        sourceArray.append(QJsonObject {
            { QStringLiteral("name"), s.name },
            { QStringLiteral("type"), s.type },
            { QStringLiteral("enabled"), s.enabled },
            { QStringLiteral("healthy"), s.healthy },
            { QStringLiteral("interval_seconds"), s.intervalSeconds },
            { QStringLiteral("last_sync_at"), timestamp(s.lastSyncAt) },
            { QStringLiteral("last_status"), s.lastStatus.isEmpty() ? QJsonValue(QJsonValue::Null) : s.lastStatus },
            { QStringLiteral("last_error"), s.lastError },
            { QStringLiteral("last_success_at"), timestamp(s.lastOkAt) },
            { QStringLiteral("age_seconds"), s.ageSeconds < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(s.ageSeconds) },
            { QStringLiteral("runs_24h"), s.runs24h },
            { QStringLiteral("ok_24h"), s.ok24h },
            { QStringLiteral("success_rate_24h"),
              s.successRate24h < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(s.successRate24h) },
            { QStringLiteral("problem"), s.problem },
        });
    }
    QJsonArray queryArray;
    for (const QueryStats &q : queries) {
        queryArray.append(QJsonObject {
            { QStringLiteral("name"), q.name },
            { QStringLiteral("count"), q.count },
            { QStringLiteral("p50_ms"), ms(q.p50Ns) },
            { QStringLiteral("p95_ms"), ms(q.p95Ns) },
            { QStringLiteral("p99_ms"), ms(q.p99Ns) },
            { QStringLiteral("max_ms"), ms(q.maxNs) },
            { QStringLiteral("slow"), q.slow },
            { QStringLiteral("critical"), q.critical },
            { QStringLiteral("rating"), queryRatingName(q.rating) },
            { QStringLiteral("baseline_p50_ms"),
              q.baselineP50Ns ? QJsonValue(ms(*q.baselineP50Ns)) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("regression"), q.regression },
        });
    }
    const QJsonObject cacheObject {
        { QStringLiteral("hits"), cache.hits },
        { QStringLiteral("stale_hits"), cache.staleHits },
        { QStringLiteral("misses"), cache.misses },
        { QStringLiteral("evictions"), cache.evictions },
        { QStringLiteral("invalidations"), cache.invalidations },
        { QStringLiteral("entries"), cache.entries },
        { QStringLiteral("bytes"), cache.bytes },
        { QStringLiteral("max_bytes"), cache.maxBytes },
        { QStringLiteral("ttl_seconds"), double(cache.ttlMs) / 1000.0 },
        { QStringLiteral("hit_rate"), cache.hitRate() },
    };
    return QJsonObject {
        { QStringLiteral("status"), status },
        { QStringLiteral("generated_at"), timestamp(generatedAt) },
        { QStringLiteral("version"), version },
        { QStringLiteral("uptime_seconds"), uptimeSeconds },
        { QStringLiteral("database"), db },
        { QStringLiteral("sources"), sourceArray },
        { QStringLiteral("queries"), queryArray },
        { QStringLiteral("cache"), cacheObject },
        { QStringLiteral("problems"), QJsonArray::fromStringList(problems) },
    };
}

QString HealthReport::toText() const
{
    QString text = QStringLiteral("OpsDeck %1: %2\n").arg(version, status);
    text += QStringLiteral("database  %1 (%2, schema %3, %4 resources, %5 MB)%6\n")
                .arg(database.url, database.engine)
                .arg(database.schemaVersion)
                .arg(database.resources)
                .arg(double(database.sizeBytes) / 1e6, 0, 'f', 1)
                .arg(databaseOk ? QString() : QStringLiteral(": ") + database.error);
    for (const SourceHealth &s : sources) {
        QString state = !s.enabled ? QStringLiteral("disabled") : s.healthy ? QStringLiteral("ok") : QStringLiteral("PROBLEM");
        QString rate = s.successRate24h < 0
            ? QStringLiteral("no syncs in 24 h")
            : QStringLiteral("%1% of %2 syncs ok in 24 h").arg(qRound(s.successRate24h * 100)).arg(s.runs24h);
        text += QStringLiteral("source    %1 (%2): %3, last success %4, %5%6\n")
                    .arg(s.name, s.type, state, ago(s.ageSeconds), rate,
                         s.problem.isEmpty() ? QString() : QStringLiteral(" — ") + s.problem);
    }
    for (const QueryStats &q : queries) {
        text += QStringLiteral("query     %1: %2 runs, p50 %3 ms, p95 %4 ms, p99 %5 ms, %6%7\n")
                    .arg(q.name)
                    .arg(q.count)
                    .arg(ms(q.p50Ns))
                    .arg(ms(q.p95Ns))
                    .arg(ms(q.p99Ns))
                    .arg(queryRatingName(q.rating), q.regression ? QStringLiteral(", REGRESSION") : QString());
    }
    text += QStringLiteral("cache     %1 entries, %2 KB, hit rate %3% (%4 hits, %5 misses, %6 evictions)\n")
                .arg(cache.entries)
                .arg(cache.bytes / 1024)
                .arg(qRound(cache.hitRate() * 100))
                .arg(cache.hits)
                .arg(cache.misses)
                .arg(cache.evictions);
    return text;
}
