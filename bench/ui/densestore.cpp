#include "densestore.h"

#include "../engineresult.h"
#include "storage/database.h"
#include "storage/metricstore.h"

#include <QDateTime>
#include <QFile>
#include <random>

namespace {

const QString Source = QStringLiteral("uibench-dense");
const QString MarkerKey = QStringLiteral("dense-store");
constexpr qint64 Day = 86400;
constexpr int RetentionDays = 30; // the default raw retention, which the Repository reads with

bool reuse(QSqlDatabase &db, DenseStore &s)
{
    MetricStore store(db);
    const auto marker = store.loadSourceState(Source);
    if (!marker || marker->value(MarkerKey) != QString::number(s.samples))
        return false;
    s.resourceId = marker->value(QStringLiteral("resource_id")).toLongLong();
    s.firstTs = marker->value(QStringLiteral("first_ts")).toLongLong();
    s.lastTs = marker->value(QStringLiteral("last_ts")).toLongLong();
    // A day of margin, so a run that starts now still reads raw samples when it ends.
    return s.firstTs > QDateTime::currentSecsSinceEpoch() - (RetentionDays - 1) * Day;
}

bool build(QSqlDatabase &db, DenseStore &s)
{
    MetricStore store(db);
    auto failed = [&](const char *what) {
        s.error = QStringLiteral("dense store: %1: %2").arg(QLatin1String(what), store.lastError());
        store.rollback();
        return false;
    };
    s.lastTs = QDateTime::currentSecsSinceEpoch() / 60 * 60;
    s.firstTs = s.lastTs - s.samples + 1;
    ResourceInfo r;
    r.externalId = QStringLiteral("dense-1s");
    r.name = QStringLiteral("dense-1s");
    r.kind = QStringLiteral("host");
    r.region = QStringLiteral("fra1");
    r.status = QStringLiteral("active");
    if (!store.transaction())
        return failed("resource");
    const auto ids = store.upsertResources(Source, { r }, s.lastTs);
    if (!ids || !store.commit())
        return failed("resource");
    s.resourceId = ids->value(r.externalId);

    // A mean-reverting walk with bursts: enough shape that LTTB has real choices to make.
    std::mt19937_64 rng(20261122);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    double cpu = 35;
    constexpr qsizetype Batch = 50000;
    QList<SampleRow> batch;
    batch.reserve(Batch);
    for (qint64 ts = s.firstTs; ts <= s.lastTs; ++ts) {
        cpu = std::clamp(cpu + 0.02 * (35 - cpu) + 1.5 * noise(rng), 0.0, 100.0);
        const double value = uniform(rng) < 0.0005 ? std::min(100.0, cpu + 50 * uniform(rng)) : cpu;
        batch.append(SampleRow { s.resourceId, Metric::Cpu, ts, value });
        if (batch.size() == Batch || ts == s.lastTs) {
            if (!store.transaction() || store.writeSamples(batch) != batch.size() || !store.commit())
                return failed("samples");
            batch.clear();
        }
    }
    const QHash<QString, QString> marker {
        { MarkerKey, QString::number(s.samples) },
        { QStringLiteral("resource_id"), QString::number(s.resourceId) },
        { QStringLiteral("first_ts"), QString::number(s.firstTs) },
        { QStringLiteral("last_ts"), QString::number(s.lastTs) },
    };
    if (!store.transaction() || !store.saveSourceState(Source, marker) || !store.commit())
        return failed("marker");
    return true;
}

} // namespace

DenseStore DenseStore::prepare(const QString &path, qint64 samples)
{
    DenseStore s;
    s.samples = samples;
    QString error;
    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + path, &error);
    if (!url) {
        s.error = QStringLiteral("dense store: %1").arg(error);
        return s;
    }
    s.url = *url;
    const QString connection = QStringLiteral("opsdeck-uibench-dense");
    if (QFile::exists(path)) {
        {
            auto db = Database::open(s.url, connection, &error);
            s.reused = db && reuse(*db, s);
        }
        Database::close(connection);
        if (s.reused)
            return s;
        for (const char *suffix : { "", "-wal", "-shm" })
            QFile::remove(path + QLatin1String(suffix));
    }
    const Stopwatch watch;
    {
        auto db = Database::open(s.url, connection, &error);
        if (!db)
            s.error = QStringLiteral("dense store: %1").arg(error);
        else
            build(*db, s);
    }
    Database::close(connection);
    s.buildSeconds = watch.seconds();
    return s;
}
