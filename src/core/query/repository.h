#pragma once

#include "config/config.h"
#include "config/databaseurl.h"
#include "querycache.h"
#include "querytracker.h"
#include "readmodels.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

class SyncEngine;

struct RepositoryOptions
{
    int retentionDays = 30; // raw samples older than this are gone: longer ranges read rollups
    int threads = 2; // pool threads, each with its own database connection
    QueryCache::Options cache;
    QueryThresholds thresholds;
    AlertConfig alerts; // [alerts]: the defaults alertRules() starts from

    // As [storage] retention_days and [query] say.
    static RepositoryOptions fromConfig(const Config &config);
};

// The read side of the cache, for every view: the UI, the CSV export's neighbours, --health and /metrics.
//
// Every query runs on the repository's own thread pool, never on the caller's thread; each pool thread opens its
// own named connection the first time it reads. Results come back as QFutures (use a QFutureWatcher or
// .then(context, …) to get them on the GUI thread). Each query is timed by the QueryTracker under its name and
// answered from the QueryCache when it can be: a view opened again costs well under a microsecond.
//
// After a sync commits, dataCommitted() drops only what changed (the resources with new samples, the fleet, the
// logs) and pre-warms the default views — the fleet, the overview and the trends opened recently — so the next
// look at them is a cache hit.
class Repository final : public QObject
{
    Q_OBJECT
public:
    explicit Repository(DatabaseUrl url, QObject *parent = nullptr);
    Repository(DatabaseUrl url, RepositoryOptions options, QObject *parent = nullptr);
    ~Repository() override;
    Q_DISABLE_COPY_MOVE(Repository)

    // Resources with their latest values, ordered by name.
    QFuture<FleetResult> fleet(const FleetFilter &filter = {});
    // One resource's metric over [from, to], about `width` points (see chooseTrendTier()).
    QFuture<TrendResult> trend(const TrendRequest &request);
    // The last `span` seconds up to now. Now is taken to the minute, so the views of one minute share a result.
    QFuture<TrendResult> recentTrend(qint64 resourceId, Metric metric, qint64 span, int width);
    // Counts by status and kind, top-N per metric, and the fleet average over the last `span` seconds.
    QFuture<FleetSummary> summary(qint64 span = 86400, int topN = 10);
    // The raw samples of one resource and metric in [from, to]: what lies behind one chart point.
    QFuture<DetailResult> detail(qint64 resourceId, Metric metric, qint64 from, qint64 to);
    // Syncs since `since`, newest first; one source or all.
    QFuture<SyncLogResult> syncLog(const QString &source = {}, qint64 since = 0, int limit = 500);
    QFuture<AlertLogResult> alertLog(qint64 since = 0, int limit = 500, bool activeOnly = false);
    // Per-source sync statistics since `since` and facts about the database, for health reports.
    // checkFile: see ReadQueries::syncHealth.
    QFuture<SyncHealth> syncHealth(qint64 since, bool checkFile = false);
    // The thresholds in force: the configured defaults (options' alerts, or `configured`) with the defaults and
    // overrides stored by the Thresholds dialog. Never cached: a teammate sharing the database may have saved since.
    QFuture<AlertRulesResult> alertRules();
    QFuture<AlertRulesResult> alertRules(const AlertConfig &configured);
    // Stores `rules` for everyone using this database (AlertRuleStore::save: an invalid set is refused); the
    // future's string is the error, empty on success. Then drops every cached view tagged "alert_rules". The sync
    // engine picks the new rules up at its next round.
    QFuture<QString> saveAlertRules(const AlertRuleSet &rules);
    // Replays `rule` over the raw samples of one series in [from, to] (at most 30 days, ReplayResult::MaxSeconds)
    // with the live evaluator, and returns the figures with the series downsampled to about `width` points.
    QFuture<ReplayResult> replay(qint64 resourceId, Metric metric, const AlertRule &rule, qint64 from, qint64 to,
                                 int width = 1000);

    // Follows a sync engine: each commit invalidates what it changed and pre-warms the default views.
    void follow(SyncEngine *engine);
    // What a commit changed: resources (and their latest values) and the samples of `resourceIds`.
    void dataCommitted(const QList<qint64> &resourceIds);
    // A sync finished (perhaps without data): the sync log and health are out of date.
    void syncRunsChanged();
    // Re-reads the default views into the cache.
    void prewarm();

    QueryTracker &tracker() { return m_tracker; }
    QueryCache &cache() { return m_cache; }
    qint64 rawRetainedSince() const;

    // Baselines of this host's queries (QueryTracker) from and to the database; run on the pool, waited for.
    bool loadBaselines(QString *error);
    bool saveBaselines(QString *error);

private:
    // `tags` is a QStringList or a callable making one (only on a miss); `read` runs on a pool thread with its
    // connection. Templates, so that a cache hit allocates nothing for the functors.
    template<typename T, typename Tags, typename Read, typename SizeOf>
    QFuture<T> cached(const QByteArray &key, Tags &&tags, Read &&read, SizeOf &&sizeOf);

    struct RecentTrend
    {
        qint64 resourceId;
        Metric metric;
        qint64 span;
        int width;
        bool operator==(const RecentTrend &o) const
        {
            return resourceId == o.resourceId && metric == o.metric && span == o.span && width == o.width;
        }
    };

    DatabaseUrl m_url;
    RepositoryOptions m_options;
    QueryTracker m_tracker;
    QueryCache m_cache;
    QMutex m_recentMutex;
    QList<RecentTrend> m_recentTrends; // most recent first, for prewarm()
    QThreadPool m_pool; // last: destroyed (and waited for) first, while the cache its tasks complete into lives
};
