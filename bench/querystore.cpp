#include "querystore.h"

#include "engineresult.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storebench.h"
#include "workload.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <random>

namespace {

const QString MarkerSource = QStringLiteral("opsdeck-bench");
const QString MarkerKey = QStringLiteral("query-store");
const QString FleetSource = QStringLiteral("bench-fleet");
const QString SeriesSource = QStringLiteral("bench"); // what StoreBench names the workload's source

const char *const Kinds[] = { "droplet", "database", "app", "host" };
const char *const Regions[] = { "fra1", "ams3", "nyc3", "sfo3", "sgp1", "lon1" };

void removeSqliteFiles(const QString &path)
{
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
}

// The resources without a history: a sync has seen them and stored their last few samples, as it does for a
// resource added yesterday. Their rows are written after the workload's, so they never disturb its checks.
bool addFleet(QSqlDatabase &db, QueryStore &s)
{
    MetricStore store(db);
    const int extra = std::max(0, s.spec.fleet - s.spec.resources);
    std::mt19937_64 rng(s.spec.seed ^ 0xF1EE7ull);
    std::uniform_real_distribution<double> percent(0.0, 100.0);
    QList<ResourceInfo> resources;
    for (int i = 0; i < extra; ++i) {
        ResourceInfo r;
        r.externalId = QStringLiteral("fleet-%1").arg(i);
        r.name = QStringLiteral("fleet-%1").arg(i, 4, 10, QLatin1Char('0'));
        r.kind = QLatin1String(Kinds[i % 4]);
        r.region = QLatin1String(Regions[i % 6]);
        r.status = i % 10 == 9 ? QStringLiteral("off") : QStringLiteral("active");
        r.tags = QStringList { QStringLiteral("bench"), QStringLiteral("team-%1").arg(i % 7) };
        r.vcpus = 1 << (i % 4);
        r.memoryMb = 2048LL << (i % 4);
        r.diskGb = 50 + 10 * (i % 16);
        resources << r;
    }
    auto failed = [&](const QString &what) {
        s.error = QStringLiteral("query store: %1: %2").arg(what, store.lastError());
        store.rollback();
        return false;
    };
    if (!store.transaction())
        return failed(QStringLiteral("fleet"));
    const auto ids = store.upsertResources(FleetSource, resources, s.lastTs);
    if (!ids)
        return failed(QStringLiteral("fleet resources"));
    QList<SampleRow> samples;
    for (const ResourceInfo &r : std::as_const(resources)) {
        for (Metric m : AllMetrics) {
            for (qint64 back : { 2, 1, 0 })
                samples << SampleRow { ids->value(r.externalId), m, s.lastTs - back * Workload::StepSeconds,
                                       percent(rng) };
        }
    }
    if (store.writeSamples(samples) != samples.size())
        return failed(QStringLiteral("fleet samples"));
    s.samples += samples.size();
    SyncRunRecord run;
    run.source = SeriesSource;
    run.sourceType = QStringLiteral("bench");
    run.startedAt = s.lastTs;
    run.finishedAt = s.lastTs + 12;
    run.durationMs = 12000;
    run.status = QStringLiteral("ok");
    run.resources = s.spec.fleet;
    run.samples = s.samples;
    if (!store.insertSyncRun(run))
        return failed(QStringLiteral("sync run"));
    // Last, in the same transaction as the rest: only a complete store carries the marker.
    const QHash<QString, QString> marker {
        { MarkerKey, s.spec.name() },
        { QStringLiteral("first_ts"), QString::number(s.firstTs) },
        { QStringLiteral("last_ts"), QString::number(s.lastTs) },
        { QStringLiteral("samples"), QString::number(s.samples) },
    };
    if (!store.saveSourceState(MarkerSource, marker) || !store.commit())
        return failed(QStringLiteral("marker"));
    // The sync engine prunes at least hourly, which merges the fleet rollups' pieces (one per written batch) into
    // a row per bucket: the store is measured in that state. Retention is long enough to delete nothing.
    if (!store.prune(s.lastTs, 3650))
        return failed(QStringLiteral("prune"));
    return true;
}

// The series ids and the fleet size, from the store itself.
bool readLayout(QSqlDatabase &db, QueryStore &s)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM resources WHERE source = ? ORDER BY id"));
    q.addBindValue(SeriesSource);
    if (!q.exec()) {
        s.error = QStringLiteral("query store: cannot read resources: ") + q.lastError().text();
        return false;
    }
    s.seriesIds.clear();
    while (q.next())
        s.seriesIds << q.value(0).toLongLong();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM resources")) || !q.next()) {
        s.error = QStringLiteral("query store: cannot count resources: ") + q.lastError().text();
        return false;
    }
    s.fleetRows = q.value(0).toInt();
    if (s.seriesIds.size() != s.spec.resources || s.fleetRows != std::max(s.spec.fleet, s.spec.resources)) {
        s.error = QStringLiteral("query store: %1 resources with history and %2 in all, %3 and %4 expected")
                      .arg(s.seriesIds.size())
                      .arg(s.fleetRows)
                      .arg(s.spec.resources)
                      .arg(std::max(s.spec.fleet, s.spec.resources));
        return false;
    }
    return true;
}

// A complete store with this spec at the connection, or false (and nothing touched).
bool reuse(QSqlDatabase &db, QueryStore &s)
{
    MetricStore store(db);
    const auto marker = store.loadSourceState(MarkerSource);
    if (!marker || marker->value(MarkerKey) != s.spec.name())
        return false;
    s.firstTs = marker->value(QStringLiteral("first_ts")).toLongLong();
    s.lastTs = marker->value(QStringLiteral("last_ts")).toLongLong();
    if (s.lastTs != Workload::historyEnd())
        return false; // written on another day: the desktop's "last 30 days" would miss part of it
    s.samples = marker->value(QStringLiteral("samples")).toLongLong();
    s.reused = true;
    return readLayout(db, s);
}

} // namespace

QString QueryStoreSpec::name() const
{
    return QStringLiteral("opsdeck-bench-query-%1x%2d-fleet%3-seed%4-batch%5")
        .arg(resources)
        .arg(days)
        .arg(fleet)
        .arg(seed)
        .arg(batch);
}

QueryStore QueryStore::prepare(const DatabaseUrl &url, const QueryStoreSpec &spec, bool rebuild)
{
    QueryStore s;
    s.url = url;
    s.spec = spec;
    if (url.isSqlite())
        s.path = url.path;
    const QString connection = QStringLiteral("opsdeck-bench-query-store");

    if (url.isSqlite() && !rebuild && QFile::exists(url.path)) {
        bool reused = false;
        {
            QString error;
            auto db = Database::open(url, connection, &error);
            reused = db && reuse(*db, s);
        }
        Database::close(connection);
        if (reused || !s.error.isEmpty())
            return s;
    }
    if (url.isSqlite())
        removeSqliteFiles(url.path);

    const Stopwatch build;
    {
        Workload w = Workload::generate(spec.resources, spec.days, spec.batch, spec.seed);
        const EngineResult r = runStoreBench(w, url, QStringLiteral("query-store"), 0);
        if (!r.ok()) {
            s.error = QStringLiteral("query store: writing the workload failed: ") + r.error;
            return s;
        }
        s.firstTs = w.firstTs;
        s.lastTs = w.lastTs;
        s.samples = w.samples;
    }
    {
        QString error;
        auto db = Database::open(url, connection, &error);
        if (!db) {
            s.error = error;
        } else if (addFleet(*db, s) && readLayout(*db, s) && !url.isSqlite()) {
            // What autovacuum does within a minute of a bulk load; SQLite has no such thing and OpsDeck never
            // runs ANALYZE there, so its planner works from the schema alone.
            QSqlQuery q(*db);
            if (!q.exec(QStringLiteral("ANALYZE")))
                s.error = QStringLiteral("query store: ANALYZE failed: ") + q.lastError().text();
        }
    }
    Database::close(connection);
    s.buildSeconds = build.seconds();
    return s;
}
