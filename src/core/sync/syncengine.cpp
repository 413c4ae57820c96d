#include "syncengine.h"
#include "alerts/alertevaluator.h"
#include "alerts/alertrule.h"
#include "storage/alertrulestore.h"
#include "sources/sourcefactory.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "net/ratelimiter.h"
#include "storage/synclock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <tuple>

Q_LOGGING_CATEGORY(lcSync, "opsdeck.sync", QtInfoMsg)

namespace {

// The alerting of one source's sync: the evaluator, continued from the state the last sync of the source left in
// source_state, and the resources the source reported (their name, kind and tags select the rules).
struct SourceAlerts
{
    AlertEvaluator evaluator;
    QHash<qint64, ResourceInfo> resources;
};

// What tells a file from the one that takes its place under the same name (moved in, or copied over it): device,
// inode, size and modification time; all zero for a missing file.
using FileIdentity = std::tuple<dev_t, ino_t, off_t, time_t, long>;

FileIdentity fileIdentity(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return { st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec };
}

} // namespace

// Lives on the engine's thread; every member is touched only there, except m_cancel.
class SyncWorker final : public QObject
{
    Q_OBJECT
public:
    SyncWorker(Config config, DatabaseUrl url)
        : m_config(std::move(config))
        , m_url(std::move(url))
        , m_rules(m_config.alerts)
    {
    }
    ~SyncWorker() override { shutdown(); }

    void startWork(bool scheduled);
    // `scheduled`: a round of the schedule (start-up, timers) rather than one asked for ("Sync now", --sync).
    void runRound(const QStringList &names, bool scheduled = false);
    void shutdown();

    std::atomic_bool m_cancel { false };
    std::atomic_int m_lockWaitMs { 3000 };

Q_SIGNALS:
    void sourceStarted(const QString &source);
    void sourceProgress(const QString &source, int done, int total);
    void sourceFinished(const SourceRunResult &result);
    void roundFinished(const SyncReport &report);
    void dataChanged(const QList<qint64> &resourceIds);
    void alertTransitions(const QList<AlertTransition> &transitions, const QHash<qint64, QString> &resourceNames);
    void cacheReplaced();

private:
    bool ensureOpen(QString *error);
    SourceRunResult syncSource(const SourceConfig &config, bool scheduled);
    bool commitCollection(const SourceConfig &config, Collection &collection, SourceContext &context,
                          QHash<QString, qint64> &ids, SourceAlerts &alerts, SourceRunResult &result,
                          SyncRunRecord *run, QString *error);
    QList<AlertTransition> evaluateAlerts(const QList<SampleRow> &rows, SourceAlerts &alerts) const;
    void schedule(const QString &source);
    void pruneIfDue(qint64 now);
    SourceRunResult damagedCache(const SourceConfig &config) const;
    RateLimiter *rateLimiter(const SourceConfig &config, const QString &savedState);
    static inline const QString RateStateKey = QStringLiteral("rate_limiter");
    static inline const QString AlertStateKey = QStringLiteral("alerts");
    QList<FiringAlert> firingAlerts();

    Config m_config;
    DatabaseUrl m_url;
    AlertRuleSet m_rules;
    QString m_connection;
    std::unique_ptr<MetricStore> m_store;
    std::map<QString, QTimer *> m_timers;
    QNetworkAccessManager *m_network = nullptr; // created on the worker thread, shared by all sources
    std::map<QString, std::unique_ptr<RateLimiter>> m_limiters;
    bool m_scheduled = false;
    qint64 m_startedAtSecs = 0;
    // Sources whose scheduled sync was skipped because another syncer had just synced them: when it finished.
    std::map<QString, qint64> m_syncedElsewhereAt;
    qint64 m_lastPrune = 0;
    // The SQLite cache file as it was when found damaged: once the file under that name is another one, the next
    // round opens it again.
    std::optional<FileIdentity> m_damagedFile;
};

void SyncWorker::startWork(bool scheduled)
{
    m_scheduled = scheduled;
    m_startedAtSecs = QDateTime::currentSecsSinceEpoch();
    if (!scheduled)
        return;
    for (const SourceConfig &source : std::as_const(m_config.sources)) {
        if (!source.enabled)
            continue;
        auto *timer = new QTimer(this);
        timer->setSingleShot(true);
        const QString name = source.name;
        connect(timer, &QTimer::timeout, this, [this, name] { runRound({ name }, true); });
        m_timers[name] = timer;
    }
    runRound({}, true);
}

void SyncWorker::shutdown()
{
    delete m_network;
    m_network = nullptr;
    for (auto &[name, timer] : m_timers)
        timer->stop();
    m_store.reset();
    if (!m_connection.isEmpty())
        Database::close(m_connection);
    m_connection.clear();
}

bool SyncWorker::ensureOpen(QString *error)
{
    if (m_store && m_url.isSqlite()) {
        // A damaged cache is never written into (MetricStore::isDamaged), and the message says to move it away or
        // restore a backup. Once that is done, --watch and the desktop app sync into the new file without a
        // restart. A stat a round, only while damaged.
        const QString file = m_store->database().databaseName();
        if (!m_store->isDamaged() || fileIdentity(file) == m_damagedFile)
            return true;
        m_store.reset();
        Database::close(m_connection);
        m_damagedFile.reset();
        qCInfo(lcSync).noquote() << "the damaged cache" << file << "has been moved away or replaced; opening it again";
        // Said before the open, which may fail in turn: readers must leave the old file either way.
        Q_EMIT cacheReplaced();
    } else if (m_store) {
        // A PostgreSQL server restarted since the last round leaves this connection dead, and QtSql never
        // reconnects: without this, --watch and the desktop app would fail every round until restarted. One
        // round trip a round.
        QSqlQuery probe(m_store->database());
        if (probe.exec(QStringLiteral("SELECT 1")))
            return true;
        probe = QSqlQuery();
        m_store.reset();
        Database::close(m_connection);
        qCInfo(lcSync).noquote() << "the connection to" << m_url.redacted() << "was lost; reconnecting";
    }
    m_connection = Database::connectionNameForThread(QStringLiteral("opsdeck-sync"));
    const auto db = Database::open(m_url, m_connection, error);
    if (!db)
        return false;
    m_store = std::make_unique<MetricStore>(*db);
    return true;
}

// Next sync after the interval ± 10 % (at most a minute either way).
void SyncWorker::schedule(const QString &source)
{
    const auto timer = m_timers.find(source);
    const SourceConfig *config = m_config.source(source);
    if (!m_scheduled || timer == m_timers.end() || !config || m_cancel)
        return;
    const qint64 intervalMs = config->intervalSeconds * 1000;
    const qint64 spread = std::min<qint64>(intervalMs / 10, 60000);
    const qint64 jitter = spread > 0 ? QRandomGenerator::global()->bounded(2 * spread + 1) - spread : 0;
    // Skipped because another syncer has just synced it: count the interval from that sync, not from now.
    qint64 elapsedMs = 0;
    if (const auto elsewhere = m_syncedElsewhereAt.find(source); elsewhere != m_syncedElsewhereAt.end()) {
        elapsedMs = std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - elsewhere->second * 1000);
        m_syncedElsewhereAt.erase(elsewhere);
    }
    timer->second->start(std::chrono::milliseconds(std::max<qint64>(1000, intervalMs + jitter - elapsedMs)));
}

void SyncWorker::runRound(const QStringList &names, bool scheduled)
{
    SyncReport report;
    report.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    QString error;
    if (!ensureOpen(&error)) {
        report.fatalError = error;
        report.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
        qCWarning(lcSync).noquote() << error;
        // Try again on each source's interval: the database may come back.
        for (auto &[name, timer] : m_timers) {
            if (!timer->isActive())
                schedule(name);
        }
        Q_EMIT roundFinished(report);
        return;
    }
    // Every round reads the thresholds again, so a change saved in the Thresholds dialog (or by a teammate on a
    // shared PostgreSQL) applies to the next sync without a restart. An unreadable table keeps the last rules.
    AlertRuleSet rules(m_config.alerts);
    if (AlertRuleStore ruleStore(m_store->database()); ruleStore.load(&rules))
        m_rules = rules;
    else
        qCWarning(lcSync).noquote() << ruleStore.lastError() + QStringLiteral("; alerts keep the previous thresholds");
    for (const SourceConfig &source : std::as_const(m_config.sources)) {
        if (m_cancel)
            break;
        if (names.isEmpty() ? !source.enabled : !names.contains(source.name))
            continue;
        if (const auto timer = m_timers.find(source.name); timer != m_timers.end())
            timer->second->stop(); // a manual sync restarts the source's interval
        Q_EMIT sourceStarted(source.name);
        const SourceRunResult result = m_store->isDamaged() ? damagedCache(source) : syncSource(source, scheduled);
        report.sources << result;
        Q_EMIT sourceFinished(result);
        schedule(source.name);
    }
    if (m_store->isDamaged() && !m_damagedFile)
        m_damagedFile = fileIdentity(m_store->database().databaseName());
    report.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
    pruneIfDue(report.finishedAtMs / 1000);
    report.firing = firingAlerts();
    Q_EMIT roundFinished(report);
}

SourceRunResult SyncWorker::syncSource(const SourceConfig &config, bool scheduled)
{
    QElapsedTimer clock;
    clock.start();
    SourceRunResult result;
    result.name = config.name;
    result.type = config.type;
    SyncRunRecord run;
    run.source = config.name;
    run.sourceType = config.type;
    run.startedAt = QDateTime::currentSecsSinceEpoch();
    run.host = QSysInfo::machineHostName();

    auto finish = [&](const QString &status, const QString &error) {
        result.status = status;
        result.error = error;
        result.durationMs = clock.elapsed();
        if (status == QLatin1String("locked"))
            return result; // not a sync: nothing was fetched, so nothing is recorded
        run.finishedAt = QDateTime::currentSecsSinceEpoch();
        run.durationMs = result.durationMs;
        run.status = status;
        run.error = error;
        run.resources = result.resources;
        run.samples = result.samples;
        run.apiCalls = result.apiCalls;
        run.throttled = result.throttled;
        run.retries = result.retries;
        if (status != QLatin1String("ok") && !m_store->isDamaged() && !m_store->insertSyncRun(run))
            qCWarning(lcSync).noquote() << m_store->lastError();
        if (status == QLatin1String("ok"))
            qCInfo(lcSync).noquote() << QStringLiteral("%1: %2 resources, %3 new samples in %4 ms")
                                            .arg(config.name)
                                            .arg(result.resources)
                                            .arg(result.samples)
                                            .arg(result.durationMs);
        else
            qCWarning(lcSync).noquote() << config.name + QStringLiteral(": ") + error;
        return result;
    };

    QString error;
    std::unique_ptr<Source> source = SourceFactory::create(config, &error);
    if (!source)
        return finish(QStringLiteral("failed"), error);

    SyncLock::Result lockResult;
    const auto lock = SyncLock::acquire(m_url, m_store->database(), config.name, m_lockWaitMs, &lockResult, &error);
    if (!lock)
        return finish(lockResult == SyncLock::Result::Busy ? QStringLiteral("locked") : QStringLiteral("failed"),
                      error);
    // Several syncers on one store share the work: the lock alone only keeps them from syncing a source at the
    // same moment, and each would still sync it once per interval on its own timer (twice the API calls). So a
    // scheduled sync is skipped — reported `locked`, as when the other still holds the lock — when another syncer
    // finished one while this one was running and less than half an interval ago; the next is due an interval
    // after that sync. Read under the lock, so a sync just committed is seen. "Sync now" and --sync always sync.
    if (scheduled && m_scheduled) {
        QSqlQuery last(m_store->database());
        last.prepare(QStringLiteral("SELECT finished_at, host FROM sync_runs WHERE source = ? AND status = 'ok'"
                                    " ORDER BY started_at DESC LIMIT 1"));
        last.addBindValue(config.name);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        if (last.exec() && last.next()) {
            const qint64 finishedAt = last.value(0).toLongLong();
            if (finishedAt >= m_startedAtSecs && now - finishedAt < config.intervalSeconds / 2) {
                m_syncedElsewhereAt[config.name] = finishedAt;
                return finish(QStringLiteral("locked"),
                              QStringLiteral("source '%1' was synced %2 s ago by another OpsDeck (on %3); skipped "
                                             "until its next interval")
                                  .arg(config.name)
                                  .arg(now - finishedAt)
                                  .arg(last.value(1).toString()));
            }
        }
    }
    // The sync starts when the source is ours: time spent waiting for another syncer is not part of it, and
    // two syncs of one source never appear to overlap in sync_runs.
    run.startedAt = QDateTime::currentSecsSinceEpoch();
    clock.restart();

    SourceContext context;
    const auto state = m_store->loadSourceState(config.name);
    RateLimiter *limiter = rateLimiter(config, state ? state->value(RateStateKey) : QString());
    const auto times = m_store->lastSampleTimes(config.name);
    if (!state || !times)
        return finish(QStringLiteral("failed"), m_store->lastError());
    context.loadState(*state);
    context.loadLastSampleTimes(*times);
    // Read under the source's lock: the state is the one the last syncer of this source committed.
    SourceAlerts alerts;
    if (const QString saved = state->value(AlertStateKey); !saved.isEmpty()) {
        QString alertError;
        const auto restored = AlertEvaluatorState::fromJson(QJsonDocument::fromJson(saved.toUtf8()).object(),
                                                            &alertError);
        if (restored)
            alerts.evaluator.importState(*restored);
        else // not worth failing the sync for: alerts pending now start their `for` again
            qCWarning(lcSync).noquote() << QStringLiteral("%1: the stored alert state is unreadable (%2); starting afresh")
                                               .arg(config.name, alertError);
    }
    context.setCancelFlag(&m_cancel);
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    context.setNetwork(m_network, limiter);
    context.setState(RateStateKey, limiter->saveState());
    context.setProgressFunction(
        [this, name = config.name](int done, int total) { Q_EMIT sourceProgress(name, done, total); });
    QHash<QString, qint64> ids;
    context.setFlushFunction([&](Collection &out, QString *flushError) {
        return commitCollection(config, out, context, ids, alerts, result, nullptr, flushError);
    });

    Collection collection;
    const bool collected = source->collect(context, collection, &error);
    result.apiCalls = collection.apiCalls;
    result.throttled = collection.throttled;
    result.retries = collection.retries;
    context.setState(RateStateKey, limiter->saveState());
    if (collected && !collection.problems.isEmpty()) {
        // Kept short for the sync log; the full list is in the verbose log.
        const qsizetype shown = std::min<qsizetype>(collection.problems.size(), 3);
        result.error = QStringList(collection.problems.mid(0, shown)).join(QLatin1String("; "));
        if (collection.problems.size() > shown)
            result.error += QStringLiteral("; and %1 more").arg(collection.problems.size() - shown);
    }
    if (!collected) {
        // Requests of a failed sync still count against the provider's budget: keep the limiter's memory of them.
        if (!m_store->saveSourceState(config.name, { { RateStateKey, limiter->saveState() } }))
            qCWarning(lcSync).noquote() << m_store->lastError();
        return finish(QStringLiteral("failed"), error);
    }
    if (m_cancel && collection.samples.isEmpty() && collection.resources.isEmpty() && ids.isEmpty())
        return finish(QStringLiteral("failed"), QStringLiteral("cancelled: OpsDeck was asked to stop"));

    // The final batch and the sync_runs row commit together: either both are there or neither.
    run.durationMs = clock.elapsed();
    if (!commitCollection(config, collection, context, ids, alerts, result, &run, &error))
        return finish(QStringLiteral("failed"), error);
    return finish(QStringLiteral("ok"), result.error);
}

// One transaction: resources, samples (with their rollups and latest values), the alert transitions those samples
// caused, the source's state (the evaluator's with it) and — for the final batch of a sync — its sync_runs row.
bool SyncWorker::commitCollection(const SourceConfig &config, Collection &collection, SourceContext &context,
                                  QHash<QString, qint64> &ids, SourceAlerts &alerts, SourceRunResult &result,
                                  SyncRunRecord *run, QString *error)
{
    if (!m_store->transaction()) {
        *error = m_store->lastError();
        return false;
    }
    // A rolled-back batch must not have moved the evaluator on: its samples come again, or never were.
    std::optional<AlertEvaluatorState> alertsBefore;
    auto abort = [&] {
        *error = m_store->lastError();
        m_store->rollback();
        if (alertsBefore)
            alerts.evaluator.importState(*alertsBefore);
        return false;
    };
    if (!collection.resources.isEmpty()) {
        const auto stored =
            m_store->upsertResources(config.name, collection.resources, QDateTime::currentSecsSinceEpoch());
        if (!stored)
            return abort();
        ids.insert(*stored);
        for (const ResourceInfo &r : std::as_const(collection.resources))
            alerts.resources.insert(stored->value(r.externalId), r);
    }
    QList<SampleRow> rows;
    rows.reserve(collection.samples.size());
    int unknown = 0;
    for (const CollectedSample &s : std::as_const(collection.samples)) {
        const auto id = ids.constFind(s.externalId);
        if (id == ids.cend())
            ++unknown;
        else
            rows.append(SampleRow { *id, s.metric, s.ts, s.value });
    }
    if (unknown > 0)
        qCWarning(lcSync) << config.name << "reported" << unknown << "samples for resources it did not list";
    const qint64 inserted = m_store->writeSamples(rows);
    if (inserted < 0)
        return abort();
    QList<AlertTransition> transitions;
    if (!rows.isEmpty()) {
        alertsBefore = alerts.evaluator.exportState();
        transitions = evaluateAlerts(rows, alerts);
        if (!m_store->recordAlertTransitions(transitions))
            return abort();
        context.setState(AlertStateKey, QString::fromUtf8(QJsonDocument(alerts.evaluator.exportState().toJson())
                                                              .toJson(QJsonDocument::Compact)));
    }
    if (!m_store->saveSourceState(config.name, context.allState()))
        return abort();
    result.resources = int(ids.size());
    result.samples += inserted;
    if (run) {
        run->status = QStringLiteral("ok");
        run->finishedAt = QDateTime::currentSecsSinceEpoch();
        run->resources = result.resources;
        run->samples = result.samples;
        run->apiCalls = result.apiCalls;
        run->throttled = result.throttled;
        run->retries = result.retries;
        run->error = result.error;
        if (!m_store->insertSyncRun(*run))
            return abort();
    }
    if (!m_store->commit()) {
        *error = m_store->lastError();
        if (alertsBefore)
            alerts.evaluator.importState(*alertsBefore);
        return false;
    }
    const bool resourcesChanged = !collection.resources.isEmpty();
    collection.resources.clear();
    collection.samples.clear();
    if (inserted > 0 || resourcesChanged) {
        // The resources whose samples were written (a superset of those that got new ones): their views are stale.
        QList<qint64> changed;
        if (inserted > 0) {
            QSet<qint64> seen;
            for (const SampleRow &row : std::as_const(rows)) {
                if (!seen.contains(row.resourceId)) {
                    seen.insert(row.resourceId);
                    changed << row.resourceId;
                }
            }
        }
        Q_EMIT dataChanged(changed);
    }
    if (!transitions.isEmpty()) {
        QHash<qint64, QString> names;
        for (const AlertTransition &t : std::as_const(transitions)) {
            if (const auto r = alerts.resources.constFind(t.resourceId); r != alerts.resources.cend())
                names.insert(t.resourceId, r->name);
        }
        Q_EMIT alertTransitions(transitions, names);
    }
    return true;
}

// Feeds the rows of a batch to the evaluator, series by series in time order, and returns the transitions in time
// order. Rows already evaluated (an overlapping window, a duplicate the store ignored) are skipped by the evaluator.
QList<AlertTransition> SyncWorker::evaluateAlerts(const QList<SampleRow> &rows, SourceAlerts &alerts) const
{
    std::map<std::pair<qint64, int>, QList<AlertSample>> series;
    for (const SampleRow &row : rows)
        series[{ row.resourceId, int(row.metric) }].append(AlertSample { row.ts, row.value });
    QList<AlertTransition> transitions;
    for (auto &[key, samples] : series) {
        std::stable_sort(samples.begin(), samples.end(),
                         [](const AlertSample &a, const AlertSample &b) { return a.ts < b.ts; });
        const Metric metric = Metric(key.second);
        const auto resource = alerts.resources.constFind(key.first);
        const AlertRule rule = resource == alerts.resources.cend() ? m_rules.defaultRule(metric)
                                                                   : m_rules.ruleFor(*resource, metric);
        transitions += alerts.evaluator.feed(key.first, metric, samples, rule);
    }
    std::stable_sort(transitions.begin(), transitions.end(),
                     [](const AlertTransition &a, const AlertTransition &b) { return a.at < b.at; });
    for (const AlertTransition &t : std::as_const(transitions))
        qCDebug(lcSync).noquote() << QStringLiteral("alert:") << describeTransition(t);
    return transitions;
}

// One limiter per source for the life of the worker; its memory of recent requests also lives in source_state, so
// separate --sync processes share one budget.
RateLimiter *SyncWorker::rateLimiter(const SourceConfig &config, const QString &savedState)
{
    auto &limiter = m_limiters[config.name];
    if (!limiter) {
        // Providers without documented limits still get a ceiling, so a misconfigured interval cannot hammer them.
        const int perMinute = config.options.value(QStringLiteral("requests_per_minute"), QStringLiteral("600")).toInt();
        const int perHour = config.options.value(QStringLiteral("requests_per_hour"), QStringLiteral("36000")).toInt();
        limiter = std::make_unique<RateLimiter>(perMinute, perHour);
        limiter->restoreState(savedState);
    }
    return limiter.get();
}

// Once a statement met a damaged page, the sources after it are not synced into the file at all: a write that lands
// on an intact page would still change what the user is told was left untouched.
SourceRunResult SyncWorker::damagedCache(const SourceConfig &config) const
{
    SourceRunResult result;
    result.name = config.name;
    result.type = config.type;
    result.status = QStringLiteral("failed");
    result.error = m_store->lastError();
    return result;
}

void SyncWorker::pruneIfDue(qint64 now)
{
    if (now - m_lastPrune < 3600 || m_store->isDamaged())
        return;
    m_lastPrune = now;
    if (!m_store->prune(now, m_config.retentionDays))
        qCWarning(lcSync).noquote() << m_store->lastError();
}

QList<FiringAlert> SyncWorker::firingAlerts()
{
    QList<FiringAlert> alerts;
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT r.name, e.metric, e.level, e.value, e.threshold FROM alert_events e"
                               " JOIN resources r ON r.id = e.resource_id WHERE e.state = 'firing'"
                               " ORDER BY e.started_at")))
        return alerts;
    while (q.next()) {
        alerts << FiringAlert { q.value(0).toString(), metricName(Metric(q.value(1).toInt())), q.value(2).toString(),
                                q.value(3).toDouble(), q.value(4).toDouble() };
    }
    return alerts;
}

SyncEngine::SyncEngine(Config config, DatabaseUrl url, QObject *parent)
    : QObject(parent)
    , m_worker(new SyncWorker(std::move(config), std::move(url)))
{
    // Crossing from the worker's thread to the receivers' queues.
    qRegisterMetaType<QList<AlertTransition>>();
    qRegisterMetaType<QHash<qint64, QString>>();
    m_thread.setObjectName(QStringLiteral("opsdeck-sync"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, [this] { m_worker->shutdown(); });
    connect(m_worker, &SyncWorker::sourceStarted, this, &SyncEngine::sourceStarted);
    connect(m_worker, &SyncWorker::sourceProgress, this, &SyncEngine::sourceProgress);
    connect(m_worker, &SyncWorker::sourceFinished, this, &SyncEngine::sourceFinished);
    connect(m_worker, &SyncWorker::roundFinished, this, &SyncEngine::roundFinished);
    connect(m_worker, &SyncWorker::dataChanged, this, &SyncEngine::dataChanged);
    connect(m_worker, &SyncWorker::alertTransitions, this, &SyncEngine::alertTransitions);
    connect(m_worker, &SyncWorker::cacheReplaced, this, &SyncEngine::cacheReplaced);
}

SyncEngine::~SyncEngine()
{
    m_worker->m_cancel = true;
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void SyncEngine::start(bool scheduled)
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [this, scheduled] { m_worker->startWork(scheduled); }, Qt::QueuedConnection);
}

void SyncEngine::syncNow(const QStringList &sources)
{
    QMetaObject::invokeMethod(m_worker, [this, sources] { m_worker->runRound(sources); }, Qt::QueuedConnection);
}

void SyncEngine::stop()
{
    m_worker->m_cancel = true;
    // Connected before the worker is told to shut down: an idle worker finishes its thread at once, and a
    // finished() emitted before the connection would be lost with the process waiting for stopped() for ever.
    connect(&m_thread, &QThread::finished, this, &SyncEngine::stopped, Qt::UniqueConnection);
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            m_worker->shutdown();
            m_thread.quit();
        },
        Qt::QueuedConnection);
}

void SyncEngine::setLockWaitMs(int ms)
{
    m_worker->m_lockWaitMs = ms;
}

#include "syncengine.moc"
