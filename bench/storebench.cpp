#include "storebench.h"

#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/schema.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <cmath>

namespace {

bool nearlyEqual(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}

QString number(double v)
{
    return QString::number(v, 'f', 3);
}

// Every sample once, every rollup bucket once with all of its samples, every resource's newest values.
QString verify(QSqlDatabase &db, const Workload &w, QStringList *checks)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT count(*), sum(value) FROM samples")) || !q.next())
        return QStringLiteral("cannot count samples: ") + q.lastError().text();
    const qint64 count = q.value(0).toLongLong();
    const double sum = q.value(1).toDouble();
    if (count != w.samples)
        return QStringLiteral("samples: %1 stored, %2 expected").arg(count).arg(w.samples);
    if (!nearlyEqual(sum, w.valueSum))
        return QStringLiteral("samples: values sum to %1, %2 expected").arg(number(sum), number(w.valueSum));
    *checks << QStringLiteral("samples count and value sum");

    if (!q.exec(QStringLiteral("SELECT period, count(*), sum(count), sum(sum) FROM rollups GROUP BY period"
                               " ORDER BY period")))
        return QStringLiteral("cannot read rollups: ") + q.lastError().text();
    int periods = 0;
    while (q.next()) {
        ++periods;
        const qint64 period = q.value(0).toLongLong();
        const qint64 buckets = q.value(1).toLongLong();
        const qint64 counted = q.value(2).toLongLong();
        const double summed = q.value(3).toDouble();
        const qint64 expected = period == Schema::HourSeconds ? w.hourlyBuckets()
            : period == Schema::DaySeconds                    ? w.dailyBuckets()
                                                              : -1;
        if (buckets != expected || counted != w.samples || !nearlyEqual(summed, w.valueSum))
            return QStringLiteral("rollups of period %1: %2 buckets (%3 expected) holding %4 samples (%5 expected), "
                                  "sum %6 (%7 expected)")
                .arg(period)
                .arg(buckets)
                .arg(expected)
                .arg(counted)
                .arg(w.samples)
                .arg(number(summed), number(w.valueSum));
    }
    if (periods != 2)
        return QStringLiteral("rollups: %1 periods, 2 expected").arg(periods);
    *checks << QStringLiteral("hourly and daily rollups: bucket count, sample count and sum");

    q.prepare(QStringLiteral("SELECT count(*), sum(cpu + memory + disk) FROM resources"
                             " WHERE cpu_at = ? AND memory_at = ? AND disk_at = ? AND metrics_updated_at = ?"));
    for (int i = 0; i < 4; ++i)
        q.addBindValue(w.lastTs);
    if (!q.exec() || !q.next())
        return QStringLiteral("cannot read latest values: ") + q.lastError().text();
    if (q.value(0).toLongLong() != w.resources.size() || !nearlyEqual(q.value(1).toDouble(), w.latestSum))
        return QStringLiteral("latest values: %1 of %2 resources up to date, sum %3 (%4 expected)")
            .arg(q.value(0).toLongLong())
            .arg(w.resources.size())
            .arg(number(q.value(1).toDouble()), number(w.latestSum));
    *checks << QStringLiteral("latest values of every resource");
    return QString();
}

qint64 databaseBytes(QSqlDatabase &db, const DatabaseUrl &url)
{
    if (url.isSqlite())
        return QFileInfo(url.path).size() + QFileInfo(url.path + QStringLiteral("-wal")).size();
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT pg_database_size(current_database())")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

EngineResult runOn(QSqlDatabase &db, Workload &w, const DatabaseUrl &url, EngineResult r, int rewriteBatches)
{
    MetricStore store(db);
    auto failed = [&](const QString &what) {
        r.error = what + QStringLiteral(": ") + store.lastError();
        store.rollback();
        return r;
    };

    if (!store.transaction())
        return failed(QStringLiteral("resources"));
    const auto stored = store.upsertResources(QStringLiteral("bench"), w.resources, w.lastTs);
    if (!stored || !store.commit())
        return failed(QStringLiteral("resources"));
    QList<qint64> ids;
    for (const ResourceInfo &info : std::as_const(w.resources))
        ids.append(stored->value(info.externalId));
    w.remapResourceIds(ids);

    const Stopwatch ingest;
    for (const QList<SampleRow> &batch : std::as_const(w.batches)) {
        if (!store.transaction())
            return failed(QStringLiteral("ingest"));
        const qint64 inserted = store.writeSamples(batch);
        if (inserted < 0)
            return failed(QStringLiteral("ingest"));
        if (inserted != batch.size()) {
            store.rollback();
            r.error
                = QStringLiteral("ingest: %1 of a batch of %2 samples reported new").arg(inserted).arg(batch.size());
            return r;
        }
        if (!store.commit())
            return failed(QStringLiteral("ingest"));
    }
    r.seconds = ingest.seconds();
    r.cpuSeconds = ingest.cpuSeconds();
    r.samples = w.samples;

    const Stopwatch rewrite;
    for (int i = 0; i < rewriteBatches && i < w.batches.size(); ++i) {
        if (!store.transaction())
            return failed(QStringLiteral("re-write"));
        const qint64 inserted = store.writeSamples(w.batches.at(i));
        if (inserted != 0) {
            store.rollback();
            r.error = inserted < 0 ? QStringLiteral("re-write: ") + store.lastError()
                                   : QStringLiteral("re-write: %1 already-stored samples reported new").arg(inserted);
            return r;
        }
        if (!store.commit())
            return failed(QStringLiteral("re-write"));
    }
    r.rewriteSeconds = rewrite.seconds();
    r.rewriteSamples = w.samplesInFirstBatches(rewriteBatches);
    r.checks << QStringLiteral("every batch fully new; re-written batches nothing new");

    r.error = verify(db, w, &r.checks);
    r.bytes = databaseBytes(db, url);
    return r;
}

} // namespace

EngineResult runStoreBench(Workload &workload, const DatabaseUrl &url, const QString &engine, int rewriteBatches)
{
    EngineResult r;
    r.engine = engine;
    r.what = QStringLiteral("MetricStore::writeSamples: samples + hourly/daily rollups + latest values");
    const QString connection = QStringLiteral("opsdeck-bench-") + engine;
    {
        QString error;
        auto db = Database::open(url, connection, &error);
        if (!db) {
            r.error = error;
            return r;
        }
        r = runOn(*db, workload, url, r, rewriteBatches);
    }
    Database::close(connection);
    return r;
}
