#pragma once

#include "alerts/alertreplay.h"
#include "alerts/alertrule.h"
#include "fleetrow.h"
#include "storage/metric.h"
#include "storage/metricstore.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

// The parameters and results of the Repository's queries. Plain values (Qt containers, so copies are cheap):
// they cross threads and live in the QueryCache.

// Which resources a view shows. Empty lists mean "all"; `text` matches name, region, tags and status
// (case-insensitive substring).
struct FleetFilter
{
    QString text;
    QStringList kinds;
    QStringList sources;
    QStringList regions;
    QStringList tags; // a resource matches when it has any of them

    bool isEmpty() const
    {
        return text.isEmpty() && kinds.isEmpty() && sources.isEmpty() && regions.isEmpty() && tags.isEmpty();
    }
    bool matches(const FleetRow &row) const;
    QByteArray key() const; // part of a cache key
};

// Where a trend's points come from: raw samples, or the hourly or daily rollups.
enum class TrendTier { Raw, Hour, Day };
QString trendTierName(TrendTier tier); // "raw", "hour", "day"

struct TrendRequest
{
    qint64 resourceId = 0;
    Metric metric = Metric::Cpu;
    qint64 from = 0; // Unix seconds, inclusive
    qint64 to = 0; // Unix seconds, inclusive
    int width = 1000; // chart width in pixels: about this many points come back
};

// One chart point. value is the sample (raw) or the bucket's average (rollups); min/max/count summarise the raw
// samples the point stands for, which lie in [from, to] — what click-to-detail shows.
struct TrendPoint
{
    qint64 ts = 0;
    double value = 0;
    double min = 0;
    double max = 0;
    qint64 count = 0;
    qint64 from = 0;
    qint64 to = 0;
};

struct TrendResult
{
    TrendRequest request;
    TrendTier tier = TrendTier::Raw;
    qint64 rowsRead = 0; // rows the database returned before downsampling
    QList<TrendPoint> points;
    QString error;
};

// The tier a range is read from. Raw while the range lies within raw retention and spans at most ten minutes per
// pixel (24 h on any chart, 7 days on one 1,000 px wide); else hourly rollups while there are at most four of
// them per pixel (~5 months at 1,000 px); else daily rollups.
TrendTier chooseTrendTier(qint64 from, qint64 to, int width, qint64 rawRetainedSince);

// The overview: counts, the busiest resources, and the fleet's average over a range.
struct FleetSummary
{
    qint64 from = 0;
    qint64 to = 0;
    int resources = 0;
    QMap<QString, int> byStatus;
    QMap<QString, int> byKind;
    QMap<Metric, QList<FleetRow>> top; // top-N by latest value, highest first, per metric
    // Fleet average per metric over [from, to] from the hourly fleet rollups: every stored sample of every
    // resource weighs the same. ts = bucket start; min/max over all resources' samples in the hour.
    QMap<Metric, QList<TrendPoint>> average;
    QString error;
};

// The raw samples behind one chart point.
struct DetailSample
{
    qint64 ts = 0;
    double value = 0;
};

struct DetailResult
{
    qint64 resourceId = 0;
    QString resource;
    QString source;
    Metric metric = Metric::Cpu;
    qint64 from = 0;
    qint64 to = 0;
    QList<DetailSample> samples;
    bool pruned = false; // the range lies (partly) before raw retention: only the rollup summary is left
    QString error;
};

struct SyncLogResult
{
    QList<SyncRunRecord> runs; // newest first
    QString error;
};

struct AlertEventRow
{
    qint64 id = 0;
    qint64 resourceId = 0;
    QString resource;
    QString kind;
    QString source;
    Metric metric = Metric::Cpu;
    QString level;
    QString state;
    double value = 0;
    double threshold = 0;
    qint64 startedAt = 0;
    qint64 resolvedAt = 0; // 0 = still active
    // `value` is the sample of the last level change; these say how the alert went since.
    double peak = 0; // the highest stored sample from startedAt to resolvedAt (or now), at least `value`
    double latest = 0; // the resource's newest value of the metric, whether firing or not
    qint64 latestAt = 0; // when that was sampled; 0 = no value known
};

struct AlertLogResult
{
    QList<AlertEventRow> events; // newest first
    QString error;
};

// What sync_runs says about one source.
struct SourceSyncStats
{
    QString source;
    QString type;
    qint64 lastStartedAt = 0;
    qint64 lastFinishedAt = 0;
    QString lastStatus;
    QString lastError;
    qint64 lastOkAt = 0; // finish of the newest successful sync, 0 = none
    qint64 runs = 0; // in the window asked for
    qint64 okRuns = 0;
};

struct DatabaseInfo
{
    QString url; // redacted
    QString engine; // sqlite | postgresql
    int schemaVersion = 0;
    qint64 resources = 0;
    qint64 sizeBytes = 0;
    qint64 newestSampleAt = 0;
    QString error;
};

struct SyncHealth
{
    QList<SourceSyncStats> sources; // every source in sync_runs, by name
    DatabaseInfo database;
    QString error;
};

// The thresholds in force: the configured defaults with what the Thresholds dialog stored (AlertRuleStore).
struct AlertRulesResult
{
    AlertRuleSet rules;
    QString error;
};

// "What would this rule have done over this series' history?" — the Thresholds dialog's replay.
struct ReplayRequest
{
    qint64 resourceId = 0;
    Metric metric = Metric::Cpu;
    AlertRule rule;
    qint64 from = 0; // Unix seconds, inclusive; at most ReplayMaxSeconds before `to`
    qint64 to = 0;
    int width = 1000; // chart width in pixels: about this many points of the series come back
    qint64 flapWindowSeconds = AlertReplay::DefaultFlapWindowSeconds;
};

struct ReplayResult
{
    static constexpr qint64 MaxSeconds = 30 * 86400; // raw retention's default: what a replay may span

    ReplayRequest request; // as run (from clamped to MaxSeconds)
    AlertReplayResult replay; // over every raw sample of the range, never the downsampled series
    qint64 samples = 0; // raw samples replayed
    qint64 firstAt = 0; // the history the replay covered; 0 when there was none
    qint64 lastAt = 0;
    QList<TrendPoint> series; // the samples downsampled with LTTB to about `width`, for the chart
    QString error;
};
