#include "repository.h"
#include "readqueries.h"
#include "storage/alertrulestore.h"
#include "storage/database.h"
#include "sync/syncengine.h"

#include <QDateTime>
#include <QPromise>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThreadStorage>
#include <cstring>
#include <limits>

namespace {

// The connection of one pool thread; closed when that thread ends.
struct ThreadConnection
{
    QString name;
    ~ThreadConnection() { Database::close(name); }
};

QThreadStorage<ThreadConnection *> g_connections;

std::optional<QSqlDatabase> threadDatabase(const DatabaseUrl &url, QString *error)
{
    if (!g_connections.hasLocalData()) {
        auto *connection = new ThreadConnection { Database::connectionNameForThread(QStringLiteral("opsdeck-read")) };
        g_connections.setLocalData(connection);
    }
    const QString name = g_connections.localData()->name;
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        // Closed after a read found the server gone (dropIfDead): connect afresh, as the first time.
        db = {};
        QSqlDatabase::removeDatabase(name);
    }
    return Database::open(url, name, error);
}

// A PostgreSQL server that restarted leaves this thread's connection dead, and QtSql never reconnects by itself:
// after a failed read, a connection that cannot answer SELECT 1 is closed so the next read opens a new one. SQLite
// has no server to lose.
void dropIfDead(const DatabaseUrl &url, QSqlDatabase db)
{
    if (url.isSqlite())
        return;
    QSqlQuery probe(db);
    if (!probe.exec(QStringLiteral("SELECT 1")))
        db.close();
}

// A failed read is answered but never cached: the next look tries the database again. The cache keeps nothing
// larger than its whole bound, so that is what a failure claims to weigh.
constexpr qsizetype Uncacheable = std::numeric_limits<qsizetype>::max();

template<typename T>
qsizetype weigh(const T &result, qsizetype items, qsizetype perItem)
{
    return result.error.isEmpty() ? qsizetype(sizeof(T)) + items * perItem : Uncacheable;
}

// A cache key: the query's name and its numeric parameters as raw bytes. One allocation, no formatting: a hit's
// whole cost is this, one hash lookup and the ready QFuture.
QByteArray numberKey(const char *name, std::initializer_list<qint64> parts)
{
    const qsizetype nameSize = qsizetype(std::strlen(name));
    QByteArray key(nameSize + qsizetype(parts.size() * sizeof(qint64)), Qt::Uninitialized);
    char *out = key.data();
    std::memcpy(out, name, size_t(nameSize));
    out += nameSize;
    for (qint64 p : parts) {
        std::memcpy(out, &p, sizeof p);
        out += sizeof p;
    }
    return key;
}

QStringList resourceTag(qint64 id)
{
    return { QStringLiteral("resource:%1").arg(id) };
}

constexpr int RecentTrendsKept = 12;

// Runs `read` on a pool thread, always. QtConcurrent::run would let a caller waiting on result() take the task while
// it is still queued and run it on the caller's thread, whose per-thread connection belongs to whichever Repository
// read there first: possibly another database.
template<typename F>
auto runOnPool(QThreadPool *pool, F read) -> QFuture<decltype(read())>
{
    auto promise = std::make_shared<QPromise<decltype(read())>>();
    auto future = promise->future();
    promise->start();
    pool->start([promise, read = std::move(read)]() mutable {
        promise->addResult(read());
        promise->finish();
    });
    return future;
}

// The end of the current minute: live ranges end there, so the views of one minute share a cache entry and
// still include the newest sample.
qint64 liveEnd()
{
    constexpr qint64 quantum = 60;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return now - now % quantum + quantum - 1;
}

TrendRequest liveTrendRequest(qint64 resourceId, Metric metric, qint64 span, int width)
{
    const qint64 end = liveEnd();
    return TrendRequest { resourceId, metric, end - span, end, width };
}

} // namespace

RepositoryOptions RepositoryOptions::fromConfig(const Config &config)
{
    RepositoryOptions options;
    options.retentionDays = config.retentionDays;
    options.alerts = config.alerts;
    options.cache.ttlMs = config.query.cacheTtlSeconds * 1000;
    options.cache.staleMs = options.cache.ttlMs;
    options.cache.maxBytes = config.query.cacheSizeMb * 1024 * 1024;
    options.thresholds.slowNs = config.query.slowMs * 1'000'000;
    options.thresholds.criticalNs = config.query.criticalMs * 1'000'000;
    options.thresholds.excellentNs = std::min(options.thresholds.excellentNs, options.thresholds.slowNs / 2);
    return options;
}

Repository::Repository(DatabaseUrl url, QObject *parent)
    : Repository(std::move(url), RepositoryOptions {}, parent)
{
}

Repository::Repository(DatabaseUrl url, RepositoryOptions options, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_options(options)
    , m_tracker(options.thresholds)
    , m_cache(options.cache)
{
    m_pool.setMaxThreadCount(std::max(1, options.threads));
    m_pool.setExpiryTimeout(-1); // keep threads, and with them their open connections
}

Repository::~Repository()
{
    m_pool.waitForDone();
}

qint64 Repository::rawRetainedSince() const
{
    return QDateTime::currentSecsSinceEpoch() - qint64(m_options.retentionDays) * 86400;
}

template<typename T, typename Tags, typename Read, typename SizeOf>
QFuture<T> Repository::cached(const QByteArray &key, Tags &&tags, Read &&read, SizeOf &&sizeOf)
{
    return m_cache.fetch<T>(
        key, std::forward<Tags>(tags), &m_pool,
        [url = m_url, read = std::forward<Read>(read)]() -> T {
            QString error;
            const auto db = threadDatabase(url, &error);
            if (!db) {
                T failed;
                failed.error = error;
                return failed;
            }
            T result = read(*db);
            if (!result.error.isEmpty())
                dropIfDead(url, *db);
            return result;
        },
        std::forward<SizeOf>(sizeOf));
}

QFuture<FleetResult> Repository::fleet(const FleetFilter &filter)
{
    static const QByteArray unfiltered = QByteArrayLiteral("fleet|");
    return cached<FleetResult>(
        filter.isEmpty() ? unfiltered : unfiltered + filter.key(),
        [] { return QStringList { QStringLiteral("fleet"), QStringLiteral("sync_runs") }; },
        [this, filter](QSqlDatabase db) {
            ScopedQueryTimer timer(&m_tracker,
                                   filter.isEmpty() ? QStringLiteral("fleet") : QStringLiteral("fleet.filtered"));
            return ReadQueries::fleet(db, filter);
        },
        [](const FleetResult &r) { return weigh(r, r.rows.size(), qsizetype(sizeof(FleetRow)) + 160); });
}

QFuture<TrendResult> Repository::trend(const TrendRequest &request)
{
    return cached<TrendResult>(
        numberKey("trend|", { request.resourceId, qint64(request.metric), request.from, request.to, request.width }),
        [id = request.resourceId] { return resourceTag(id); },
        [this, request](QSqlDatabase db) {
            // Named after the tier the read really took, which only the read knows.
            QElapsedTimer timer;
            timer.start();
            TrendResult result = ReadQueries::trend(db, request, rawRetainedSince());
            m_tracker.record(QLatin1String("trend.") + trendTierName(result.tier), timer.nsecsElapsed());
            return result;
        },
        [](const TrendResult &r) { return weigh(r, r.points.size(), qsizetype(sizeof(TrendPoint))); });
}

QFuture<TrendResult> Repository::recentTrend(qint64 resourceId, Metric metric, qint64 span, int width)
{
    {
        QMutexLocker lock(&m_recentMutex);
        const RecentTrend recent { resourceId, metric, span, width };
        // Looked at again (the common case) leaves the list as it is.
        if (m_recentTrends.isEmpty() || !(m_recentTrends.first() == recent)) {
            m_recentTrends.removeOne(recent);
            m_recentTrends.prepend(recent);
            if (m_recentTrends.size() > RecentTrendsKept)
                m_recentTrends.removeLast();
        }
    }
    return trend(liveTrendRequest(resourceId, metric, span, width));
}

QFuture<FleetSummary> Repository::summary(qint64 span, int topN)
{
    const qint64 end = liveEnd();
    return cached<FleetSummary>(
        numberKey("summary|", { span, end, topN }),
        [] { return QStringList { QStringLiteral("fleet"), QStringLiteral("samples") }; },
        [this, span, end, topN](QSqlDatabase db) {
            ScopedQueryTimer timer(&m_tracker, QStringLiteral("summary"));
            return ReadQueries::summary(db, end - span, end, topN);
        },
        [](const FleetSummary &s) {
            qsizetype points = 0;
            for (const auto &series : s.average)
                points += series.size();
            return weigh(s, points, qsizetype(sizeof(TrendPoint))) + 3 * s.top.value(Metric::Cpu).size() * 400;
        });
}

QFuture<DetailResult> Repository::detail(qint64 resourceId, Metric metric, qint64 from, qint64 to)
{
    const qint64 retained = rawRetainedSince();
    return cached<DetailResult>(
        numberKey("detail|", { resourceId, qint64(metric), from, to }), [resourceId] { return resourceTag(resourceId); },
        [this, resourceId, metric, from, to, retained](QSqlDatabase db) {
            ScopedQueryTimer timer(&m_tracker, QStringLiteral("detail"));
            return ReadQueries::detail(db, resourceId, metric, from, to, retained);
        },
        [](const DetailResult &d) { return weigh(d, d.samples.size(), qsizetype(sizeof(DetailSample))); });
}

QFuture<SyncLogResult> Repository::syncLog(const QString &source, qint64 since, int limit)
{
    return cached<SyncLogResult>(
        numberKey("synclog|", { since, limit }) + source.toUtf8(), [] { return QStringList { QStringLiteral("sync_runs") }; },
        [this, source, since, limit](QSqlDatabase db) {
            ScopedQueryTimer timer(&m_tracker, QStringLiteral("sync_log"));
            return ReadQueries::syncLog(db, source, since, limit);
        },
        [](const SyncLogResult &r) { return weigh(r, r.runs.size(), qsizetype(sizeof(SyncRunRecord)) + 200); });
}

QFuture<AlertLogResult> Repository::alertLog(qint64 since, int limit, bool activeOnly)
{
    return cached<AlertLogResult>(
        numberKey("alertlog|", { since, limit, activeOnly ? 1 : 0 }),
        [] { return QStringList { QStringLiteral("alerts") }; },
        [this, since, limit, activeOnly](QSqlDatabase db) {
            ScopedQueryTimer timer(&m_tracker, QStringLiteral("alert_log"));
            return ReadQueries::alertLog(db, since, limit, activeOnly);
        },
        [](const AlertLogResult &r) { return weigh(r, r.events.size(), qsizetype(sizeof(AlertEventRow)) + 120); });
}

QFuture<SyncHealth> Repository::syncHealth(qint64 since, bool checkFile)
{
    // Health must tell the truth now: never served from the cache.
    return runOnPool(&m_pool, [this, url = m_url, since, checkFile] {
        QString error;
        const auto db = threadDatabase(url, &error);
        if (!db) {
            SyncHealth failed;
            failed.error = failed.database.error = error;
            failed.database.url = url.redacted();
            failed.database.engine = url.isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
            return failed;
        }
        ScopedQueryTimer timer(&m_tracker, QStringLiteral("sync_health"));
        return ReadQueries::syncHealth(*db, url, since, checkFile);
    });
}

QFuture<AlertRulesResult> Repository::alertRules()
{
    return alertRules(m_options.alerts);
}

QFuture<AlertRulesResult> Repository::alertRules(const AlertConfig &configured)
{
    return runOnPool(&m_pool, [this, url = m_url, configured] {
        QString error;
        const auto db = threadDatabase(url, &error);
        if (!db)
            return AlertRulesResult { AlertRuleSet(configured), error };
        ScopedQueryTimer timer(&m_tracker, QStringLiteral("alert_rules"));
        return ReadQueries::alertRules(*db, configured);
    });
}

QFuture<QString> Repository::saveAlertRules(const AlertRuleSet &rules)
{
    return runOnPool(&m_pool, [this, url = m_url, rules] {
        QString error;
        const auto db = threadDatabase(url, &error);
        if (!db)
            return error;
        AlertRuleStore store(*db);
        if (!store.save(rules))
            return store.lastError();
        m_cache.invalidate({ QStringLiteral("alert_rules") });
        return QString();
    });
}

QFuture<ReplayResult> Repository::replay(qint64 resourceId, Metric metric, const AlertRule &rule, qint64 from,
                                         qint64 to, int width)
{
    ReplayRequest request;
    request.resourceId = resourceId;
    request.metric = metric;
    request.rule = rule;
    request.from = from;
    request.to = to;
    request.width = width;
    return runOnPool(&m_pool, [this, url = m_url, request] {
        QString error;
        const auto db = threadDatabase(url, &error);
        if (!db) {
            ReplayResult failed;
            failed.request = request;
            failed.error = error;
            return failed;
        }
        ScopedQueryTimer timer(&m_tracker, QStringLiteral("replay"));
        return ReadQueries::replay(*db, request);
    });
}

void Repository::follow(SyncEngine *engine)
{
    connect(engine, &SyncEngine::dataChanged, this, &Repository::dataCommitted);
    connect(engine, &SyncEngine::sourceFinished, this, &Repository::syncRunsChanged);
}

void Repository::dataCommitted(const QList<qint64> &resourceIds)
{
    QStringList tags { QStringLiteral("fleet"), QStringLiteral("sync_runs") };
    // New samples bring their alert transitions in the same commit.
    if (!resourceIds.isEmpty())
        tags << QStringLiteral("samples") << QStringLiteral("alerts");
    for (qint64 id : resourceIds)
        tags << resourceTag(id);
    m_cache.invalidate(tags);
    prewarm();
}

void Repository::syncRunsChanged()
{
    m_cache.invalidate({ QStringLiteral("sync_runs") });
}

void Repository::prewarm()
{
    fleet();
    summary();
    QList<RecentTrend> recent;
    {
        QMutexLocker lock(&m_recentMutex);
        recent = m_recentTrends;
    }
    for (const RecentTrend &t : std::as_const(recent))
        trend(liveTrendRequest(t.resourceId, t.metric, t.span, t.width));
}

bool Repository::loadBaselines(QString *error)
{
    const auto baselines = runOnPool(&m_pool, [url = m_url] {
                               std::pair<QHash<QString, qint64>, QString> result;
                               const auto db = threadDatabase(url, &result.second);
                               if (db)
                                   result.first = ReadQueries::loadBaselines(*db, QSysInfo::machineHostName(),
                                                                             &result.second);
                               return result;
                           }).result();
    if (!baselines.second.isEmpty()) {
        *error = baselines.second;
        return false;
    }
    m_tracker.setBaselines(baselines.first);
    return true;
}

bool Repository::saveBaselines(QString *error)
{
    const QHash<QString, qint64> toSave = m_tracker.baselinesToSave();
    if (toSave.isEmpty())
        return true;
    const QString failure = runOnPool(&m_pool, [url = m_url, toSave] {
                                QString message;
                                const auto db = threadDatabase(url, &message);
                                if (db)
                                    ReadQueries::saveBaselines(*db, QSysInfo::machineHostName(), toSave,
                                                               QDateTime::currentSecsSinceEpoch(), &message);
                                return message;
                            }).result();
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    return true;
}
