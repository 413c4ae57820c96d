// The query layer on SQLite and on a real PostgreSQL: every read view agrees with a plain SQL computation over the
// same stored data (trends on each tier, the fleet, the overview, click-to-detail, the sync and alert logs, sync
// health); long raw ranges are downsampled without losing a sample's trace; filters narrow as a user expects; the
// Repository answers repeated views from its cache, forgets exactly what a sync changed, names and times its
// queries and keeps their baselines across restarts; an older cache is migrated without losing data.
#include "query/lttb.h"
#include "query/readqueries.h"
#include "query/repository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/schema.h"
#include "storagetestsupport.h"

#include <QDateTime>
#include <QSqlRecord>
#include <QSysInfo>
#include <QtTest>
#include <algorithm>
#include <memory>

namespace {

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 3600;
constexpr qint64 Day = 86400;
constexpr qint64 RetentionDays = 30;

const QStringList Backends { QStringLiteral("sqlite"), QStringLiteral("postgresql") };

// The seeded fleet. CPU of the first four goes back 40 days (beyond the 30 days of raw retention) at 5-minute
// steps; memory and disk cover the last 2 days. api-gw is scraped every minute for 2 days and has no disk.
struct SeedResource
{
    const char *source;
    const char *externalId;
    const char *name;
    const char *kind;
    const char *region;
    const char *status;
    const char *tags; // comma-separated
    qint64 cpuHistory;
    qint64 step;
    bool disk;
};

const QList<SeedResource> &seedResources()
{
    static const QList<SeedResource> resources {
        { "local", "host-1", "db-primary", "host", "home", "running", "prod,db", 40 * Day, 300, true },
        { "do", "101", "web-1", "droplet", "fra1", "active", "prod,web", 40 * Day, 300, true },
        { "do", "102", "web-2", "droplet", "ams3", "active", "staging,web", 40 * Day, 300, true },
        { "do", "103", "Cache-EU", "database", "fra1", "offline", "prod", 40 * Day, 300, true },
        { "prom", "api:9100", "api-gw", "app", "nyc1", "running", "", 2 * Day, 60, false },
    };
    return resources;
}

// Deterministic and exactly representable (quarters), so sums and averages agree to the last bit on both engines.
double sampleValue(qsizetype resource, Metric metric, qint64 ts)
{
    return double(((ts / Minute) * 37 + resource * 101 + int(metric) * 53) % 400) / 4.0;
}

qint64 floorTo(qint64 ts, qint64 period)
{
    return ts - ts % period;
}

QString sourceOf(const QString &resource)
{
    for (const SeedResource &r : seedResources()) {
        if (resource == QLatin1String(r.name))
            return QLatin1String(r.source);
    }
    return {};
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class TestRepository : public QObject
{
    Q_OBJECT

private:
    enum class Seed { Resources, History };

    TestDatabases m_databases { "repo" };
    QString m_connection = QStringLiteral("tst-repo");
    DatabaseUrl m_url;
    std::unique_ptr<MetricStore> m_store;
    QHash<QString, qint64> m_ids; // resource name → id
    qint64 m_end = 0; // the hour after the newest sample
    qint64 m_samples = 0;

    qint64 retainedSince() const { return m_end - RetentionDays * Day; }
    qint64 id(const char *name) const { return m_ids.value(QLatin1String(name)); }

    // Opens a fresh database of the current row's backend and seeds the fleet (skips PostgreSQL without a server).
    bool openFresh(Seed seed = Seed::History)
    {
        QFETCH(QString, backend);
        if (TestDatabases::skipUnavailable(backend))
            return false;
        m_url = *DatabaseUrl::parse(m_databases.freshUrl(backend));
        QString error;
        const auto db = Database::open(m_url, m_connection, &error);
        if (!db)
            qFatal("cannot open %s: %s", qPrintable(m_url.redacted()), qPrintable(error));
        m_store = std::make_unique<MetricStore>(*db);
        m_end = floorTo(QDateTime::currentSecsSinceEpoch(), Hour);
        m_ids.clear();
        m_samples = 0;

        const QList<SeedResource> &resources = seedResources();
        if (!m_store->transaction())
            qFatal("%s", qPrintable(m_store->lastError()));
        for (const SeedResource &r : resources) {
            ResourceInfo info;
            info.externalId = QLatin1String(r.externalId);
            info.name = QLatin1String(r.name);
            info.kind = QLatin1String(r.kind);
            info.region = QLatin1String(r.region);
            info.status = QLatin1String(r.status);
            info.tags = QString::fromLatin1(r.tags).split(QLatin1Char(','), Qt::SkipEmptyParts);
            info.vcpus = 2;
            info.memoryMb = 4096;
            info.diskGb = 80;
            const auto ids = m_store->upsertResources(QLatin1String(r.source), { info }, m_end);
            if (!ids)
                qFatal("%s", qPrintable(m_store->lastError()));
            m_ids.insert(info.name, ids->value(info.externalId));
        }
        if (seed == Seed::History) {
            QList<SampleRow> rows;
            for (qsizetype i = 0; i < resources.size(); ++i) {
                const SeedResource &r = resources.at(i);
                for (Metric m : AllMetrics) {
                    if (m == Metric::Disk && !r.disk)
                        continue;
                    const qint64 history = m == Metric::Cpu ? r.cpuHistory : 2 * Day;
                    for (qint64 ts = m_end - history; ts < m_end; ts += r.step)
                        rows << SampleRow { m_ids.value(QLatin1String(r.name)), m, ts, sampleValue(i, m, ts) };
                }
            }
            m_samples = m_store->writeSamples(rows);
            if (m_samples != rows.size())
                qFatal("seeding failed: %s", qPrintable(m_store->lastError()));
        }
        if (!m_store->commit())
            qFatal("%s", qPrintable(m_store->lastError()));
        return true;
    }

    QSqlDatabase db() const { return m_store->database(); }

    QList<QVariantList> select(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec())
            qFatal("query failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        QList<QVariantList> rows;
        while (q.next()) {
            QVariantList row;
            for (int c = 0; c < q.record().count(); ++c)
                row << q.value(c);
            rows << row;
        }
        return rows;
    }

    qint64 scalar(const QString &sql, const QVariantList &binds = {})
    {
        const auto rows = select(sql, binds);
        return rows.isEmpty() ? -1 : rows.first().first().toLongLong();
    }

    // Runs a statement; DDL (which PostgreSQL cannot prepare) when there is nothing to bind.
    bool exec(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(db());
        bool ok = false;
        if (binds.isEmpty()) {
            ok = q.exec(sql);
        } else {
            q.prepare(sql);
            for (const QVariant &v : binds)
                q.addBindValue(v);
            ok = q.exec();
        }
        if (!ok)
            qWarning("statement failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return ok;
    }

    // The raw samples of a series in [from, to], the way anyone would read them.
    QList<QVariantList> rawRows(qint64 resourceId, Metric metric, qint64 from, qint64 to)
    {
        return select(QStringLiteral("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                                     " AND ts <= ? ORDER BY ts"),
                      { resourceId, int(metric), from, to });
    }

    bool insertRun(const QString &source, const QString &type, qint64 startedAt, const QString &status,
                   const QString &error = {})
    {
        SyncRunRecord run;
        run.source = source;
        run.sourceType = type;
        run.startedAt = startedAt;
        run.finishedAt = startedAt + 5;
        run.durationMs = 5000;
        run.status = status;
        run.resources = 3;
        run.samples = 120;
        run.apiCalls = 4;
        run.error = error;
        run.host = QStringLiteral("ops-1");
        return m_store->insertSyncRun(run);
    }

    static RepositoryOptions repositoryOptions()
    {
        RepositoryOptions options;
        options.retentionDays = int(RetentionDays);
        return options;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_store.reset();
        Database::close(m_connection);
    }

    // --- The tier a range is read from (pure) -------------------------------------------------------------------

    void chooseTrendTier_data()
    {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<qint64>("startBeforeRetention"); // seconds the range starts before raw retention ends
        QTest::addColumn<int>("width");
        QTest::addColumn<QString>("tier");

        QTest::newRow("1h") << Hour << qint64(-Day) << 1000 << QStringLiteral("raw");
        QTest::newRow("6h") << 6 * Hour << qint64(-Day) << 1000 << QStringLiteral("raw");
        QTest::newRow("24h at 1000 px") << Day << qint64(-Day) << 1000 << QStringLiteral("raw");
        QTest::newRow("24h on a narrow chart") << Day << qint64(-Day) << 100 << QStringLiteral("raw");
        QTest::newRow("24h on a 3 px chart") << Day << qint64(-Day) << 3 << QStringLiteral("raw");
        QTest::newRow("600 s per pixel exactly") << qint64(600'000) << qint64(-Day) << 1000 << QStringLiteral("raw");
        QTest::newRow("1 s beyond 600 s per pixel")
            << qint64(600'001) << qint64(-Day) << 1000 << QStringLiteral("hour");
        QTest::newRow("7d at 1000 px") << 7 * Day << qint64(-Day) << 1000 << QStringLiteral("hour");
        QTest::newRow("7d at 1008 px") << 7 * Day << qint64(-Day) << 1008 << QStringLiteral("raw");
        QTest::newRow("30d") << 30 * Day << qint64(0) << 1000 << QStringLiteral("hour");
        QTest::newRow("4 hours per pixel exactly") << 4000 * Hour << qint64(0) << 1000 << QStringLiteral("hour");
        QTest::newRow("4 hours per pixel and 1 more hour") << 4001 * Hour << qint64(0) << 1000 << QStringLiteral("day");
        QTest::newRow("400d") << 400 * Day << qint64(370 * Day) << 1000 << QStringLiteral("day");
        QTest::newRow("starting exactly at retention") << Hour << qint64(0) << 1000 << QStringLiteral("raw");
        QTest::newRow("1h starting 1 s before retention") << Hour << qint64(1) << 1000 << QStringLiteral("hour");
        QTest::newRow("24h before retention, narrow chart") << Day << 5 * Day << 100 << QStringLiteral("hour");
        QTest::newRow("1 min before retention, wide chart") << Minute << 5 * Day << 16384 << QStringLiteral("hour");
    }
    void chooseTrendTier()
    {
        QFETCH(qint64, span);
        QFETCH(qint64, startBeforeRetention);
        QFETCH(int, width);
        const qint64 now = 1'750'000'000;
        const qint64 retained = now - RetentionDays * Day;
        const qint64 from = retained - startBeforeRetention;
        QTEST(trendTierName(::chooseTrendTier(from, from + span, width, retained)), "tier");
    }

    // --- Trends equal what plain SQL computes from the samples ----------------------------------------------------

    void trendMatchesSamples_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<int>("metric");
        QTest::addColumn<qint64>("fromAgo"); // seconds before the end of the seeded data
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("width");
        QTest::addColumn<QString>("tier");

        for (const QString &b : Backends) {
            const auto row
                = [&](const char *name) -> QTestData & { return QTest::addRow("%s/%s", qPrintable(b), name) << b; };
            const int cpu = int(Metric::Cpu);
            row("raw 6h") << QStringLiteral("web-1") << cpu << 6 * Hour << 6 * Hour << 1000 << QStringLiteral("raw");
            row("raw 24h") << QStringLiteral("db-primary") << cpu << Day << Day << 1000 << QStringLiteral("raw");
            row("raw, minute samples") << QStringLiteral("api-gw") << int(Metric::Memory) << 3 * Hour << 3 * Hour
                                       << 1000 << QStringLiteral("raw");
            row("raw, bounds off the sample grid")
                << QStringLiteral("web-2") << cpu << 5 * Hour + 17 << Hour + 250 << 1000 << QStringLiteral("raw");
            row("hour 7d") << QStringLiteral("web-1") << cpu << 7 * Day << 7 * Day << 1000 << QStringLiteral("hour");
            row("hour 30d") << QStringLiteral("Cache-EU") << cpu << 30 * Day << 30 * Day << 1000
                            << QStringLiteral("hour");
            row("hour 40d, beyond raw retention")
                << QStringLiteral("web-2") << cpu << 40 * Day << 40 * Day << 1000 << QStringLiteral("hour");
            row("hour, bounds in mid-hour")
                << QStringLiteral("web-1") << cpu << 10 * Day + 1800 << 7 * Day + 7 << 1000 << QStringLiteral("hour");
            row("hour memory 2d") << QStringLiteral("api-gw") << int(Metric::Memory) << 2 * Day << 7 * Day << 1000
                                  << QStringLiteral("hour");
            row("6h before retention is never raw")
                << QStringLiteral("db-primary") << cpu << 35 * Day << 6 * Hour << 1000 << QStringLiteral("hour");
            row("day 40d at 200 px") << QStringLiteral("web-1") << cpu << 40 * Day << 40 * Day << 200
                                     << QStringLiteral("day");
            row("day 400d") << QStringLiteral("db-primary") << cpu << 400 * Day << 400 * Day << 1000
                            << QStringLiteral("day");
        }
    }
    void trendMatchesSamples()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QFETCH(QString, resource);
        QFETCH(int, metric);
        QFETCH(qint64, fromAgo);
        QFETCH(qint64, span);
        QFETCH(int, width);
        QFETCH(QString, tier);
        const qint64 resourceId = m_ids.value(resource);
        const qint64 from = m_end - fromAgo;
        const qint64 to = from + span;
        const TrendResult r
            = ReadQueries::trend(db(), { resourceId, Metric(metric), from, to, width }, retainedSince());
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(trendTierName(r.tier), tier);
        QCOMPARE(r.request.from, from);

        if (tier == QLatin1String("raw")) {
            // Fewer samples than pixels: every sample, as stored.
            const auto expected = rawRows(resourceId, Metric(metric), from, to);
            QVERIFY(!expected.isEmpty());
            QVERIFY(expected.size() <= width);
            QCOMPARE(r.rowsRead, expected.size());
            QCOMPARE(r.points.size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i) {
                const TrendPoint &p = r.points.at(i);
                const qint64 ts = expected.at(i).at(0).toLongLong();
                const double value = expected.at(i).at(1).toDouble();
                QCOMPARE(p.ts, ts);
                QCOMPARE(p.value, value);
                QCOMPARE(p.min, value);
                QCOMPARE(p.max, value);
                QCOMPARE(p.count, 1);
                QCOMPARE(p.from, ts);
                QCOMPARE(p.to, ts);
            }
            return;
        }
        // Rollup tiers: one point per bucket that touches [from, to], the bucket's average of the raw samples.
        const qint64 period = tier == QLatin1String("hour") ? Hour : Day;
        const auto expected = select(
            QStringLiteral("SELECT bucket, avg(value), min(value), max(value), count(*) FROM"
                           " (SELECT ts - ts % ? AS bucket, value FROM samples WHERE resource_id = ? AND metric = ?) s"
                           " WHERE bucket >= ? AND bucket <= ? GROUP BY bucket ORDER BY bucket"),
            { period, resourceId, metric, floorTo(from, period), to });
        QVERIFY(!expected.isEmpty());
        QVERIFY(expected.size() <= width);
        QCOMPARE(r.rowsRead, expected.size());
        QCOMPARE(r.points.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const TrendPoint &p = r.points.at(i);
            const QVariantList &e = expected.at(i);
            QCOMPARE(p.ts, e.at(0).toLongLong());
            QVERIFY2(qAbs(p.value - e.at(1).toDouble()) < 1e-9,
                     qPrintable(QStringLiteral("bucket %1: %2 != %3").arg(p.ts).arg(p.value).arg(e.at(1).toDouble())));
            QCOMPARE(p.min, e.at(2).toDouble());
            QCOMPARE(p.max, e.at(3).toDouble());
            QCOMPARE(p.count, e.at(4).toLongLong());
            QCOMPARE(p.from, p.ts);
            QCOMPARE(p.to, p.ts + period - 1);
        }
    }

    void rawTrendIsDownsampledToWidth_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("width");
        for (const QString &b : Backends) {
            QTest::addRow("%s/24h at 100 px", qPrintable(b)) << b << QStringLiteral("web-1") << Day << 100;
            QTest::addRow("%s/24h at 287 px", qPrintable(b)) << b << QStringLiteral("db-primary") << Day << 287;
            QTest::addRow("%s/7d at 1008 px", qPrintable(b)) << b << QStringLiteral("web-2") << 7 * Day << 1008;
            QTest::addRow("%s/minute samples 24h at 500 px", qPrintable(b))
                << b << QStringLiteral("api-gw") << Day << 500;
        }
    }
    void rawTrendIsDownsampledToWidth()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QFETCH(QString, resource);
        QFETCH(qint64, span);
        QFETCH(int, width);
        const qint64 resourceId = m_ids.value(resource);
        const qint64 to = m_end;
        const qint64 from = to - span;
        const TrendResult r = ReadQueries::trend(db(), { resourceId, Metric::Cpu, from, to, width }, retainedSince());
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.tier, TrendTier::Raw);
        const auto raw = rawRows(resourceId, Metric::Cpu, from, to);
        QVERIFY(raw.size() > width);
        QCOMPARE(r.rowsRead, raw.size());
        QCOMPARE(r.points.size(), width);
        // The first and the last sample are kept as they are.
        QCOMPARE(r.points.first().ts, raw.first().at(0).toLongLong());
        QCOMPARE(r.points.first().value, raw.first().at(1).toDouble());
        QCOMPARE(r.points.last().ts, raw.last().at(0).toLongLong());
        QCOMPARE(r.points.last().value, raw.last().at(1).toDouble());
        QCOMPARE(r.points.first().from, raw.first().at(0).toLongLong());
        QCOMPARE(r.points.last().to, raw.last().at(0).toLongLong());

        // Every kept point is a real sample, and the points' [from, to] cover every sample exactly once, so a click
        // on any point shows the raw samples behind it with the right min, max and count.
        QHash<qint64, double> valueAt;
        for (const QVariantList &row : raw)
            valueAt.insert(row.at(0).toLongLong(), row.at(1).toDouble());
        qsizetype next = 0; // the first raw row not yet covered
        qint64 counted = 0;
        for (const TrendPoint &p : r.points) {
            QVERIFY(valueAt.contains(p.ts));
            QCOMPARE(p.value, valueAt.value(p.ts));
            QVERIFY(p.from <= p.ts && p.ts <= p.to);
            QVERIFY(next < raw.size());
            QCOMPARE(raw.at(next).at(0).toLongLong(), p.from);
            double mn = std::numeric_limits<double>::max();
            double mx = std::numeric_limits<double>::lowest();
            qint64 n = 0;
            while (next < raw.size() && raw.at(next).at(0).toLongLong() <= p.to) {
                mn = std::min(mn, raw.at(next).at(1).toDouble());
                mx = std::max(mx, raw.at(next).at(1).toDouble());
                ++n;
                ++next;
            }
            QCOMPARE(p.count, n);
            QCOMPARE(p.min, mn);
            QCOMPARE(p.max, mx);
            counted += p.count;
        }
        QCOMPARE(next, raw.size());
        QCOMPARE(counted, raw.size());
    }

    // The raw tier reads samples into flat arrays (on SQLite through the sqlite3 handle) and downsamples those:
    // its points must be exactly what LTTB makes of the rows a plain QtSql query returns, each kept point with its
    // bucket's min, max, count and [from, to]. Also on a large series of 1-second samples with plateaus (ties).
    void rawTrendEqualsLttbOfPlainRows_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("width");
        QTest::addColumn<qint64>("large"); // 1-second samples added after the seeded history (0: none)
        for (const QString &b : Backends) {
            QTest::addRow("%s/24h at 287 px", qPrintable(b)) << b << QStringLiteral("db-primary") << Day << 287 << 0LL;
            QTest::addRow("%s/7d at 1008 px", qPrintable(b)) << b << QStringLiteral("web-2") << 7 * Day << 1008 << 0LL;
            QTest::addRow("%s/150,000 samples at 1700 px", qPrintable(b))
                << b << QStringLiteral("web-1") << 0LL << 1700 << 150'000LL;
            QTest::addRow("%s/150,000 samples at 1,000 px", qPrintable(b))
                << b << QStringLiteral("web-1") << 0LL << 1000 << 150'000LL;
        }
    }
    void rawTrendEqualsLttbOfPlainRows()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QFETCH(QString, resource);
        QFETCH(qint64, span);
        QFETCH(int, width);
        QFETCH(qint64, large);
        const qint64 resourceId = m_ids.value(resource);
        qint64 from = m_end - span;
        qint64 to = m_end;
        if (large > 0) {
            QList<SampleRow> rows;
            rows.reserve(large);
            for (qint64 i = 0; i < large; ++i) {
                // A noisy series with flat stretches, so that many triangles tie.
                const double v = (i / 500) % 3 == 0 ? 50.0 : double((i * 7919) % 1000) / 10.0;
                rows << SampleRow { resourceId, Metric::Cpu, m_end + 1 + i, v };
            }
            QVERIFY(m_store->transaction());
            QCOMPARE(m_store->writeSamples(rows), large);
            QVERIFY(m_store->commit());
            // Starts inside the seeded history, so both kinds of samples are read.
            from = m_end - Hour;
            to = m_end + large;
        }
        const TrendResult r = ReadQueries::trend(db(), { resourceId, Metric::Cpu, from, to, width }, retainedSince());
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.tier, TrendTier::Raw);

        const auto raw = rawRows(resourceId, Metric::Cpu, from, to);
        QVERIFY(raw.size() > width);
        QCOMPARE(r.rowsRead, raw.size());
        std::vector<qint64> x;
        std::vector<double> y;
        for (const QVariantList &row : raw) {
            x.push_back(row.at(0).toLongLong());
            y.push_back(row.at(1).toDouble());
        }
        const std::vector<Lttb::Pick> picks = Lttb::downsample(x.data(), y.data(), raw.size(), width);
        QCOMPARE(r.points.size(), qsizetype(picks.size()));
        for (size_t i = 0; i < picks.size(); ++i) {
            const Lttb::Pick &pick = picks[i];
            const TrendPoint &p = r.points.at(qsizetype(i));
            const auto mm = std::minmax_element(y.begin() + pick.first, y.begin() + pick.last + 1);
            QCOMPARE(p.ts, x[size_t(pick.index)]);
            QCOMPARE(p.value, y[size_t(pick.index)]);
            QCOMPARE(p.min, *mm.first);
            QCOMPARE(p.max, *mm.second);
            QCOMPARE(p.count, pick.last - pick.first + 1);
            QCOMPARE(p.from, x[size_t(pick.first)]);
            QCOMPARE(p.to, x[size_t(pick.last)]);
        }
    }

    // --- The fleet ----------------------------------------------------------------------------------------------

    void fleetEqualsResources_data() { TestDatabases::addBackendRows(); }
    void fleetEqualsResources()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QVERIFY(insertRun(QStringLiteral("do"), QStringLiteral("digitalocean"), m_end - 600, QStringLiteral("ok")));
        QVERIFY(insertRun(QStringLiteral("local"), QStringLiteral("local"), m_end - 60, QStringLiteral("failed"),
                          QStringLiteral("cannot read /proc/stat")));
        const FleetResult fleet = ReadQueries::fleet(db(), {});
        QVERIFY2(fleet.error.isEmpty(), qPrintable(fleet.error));
        const auto expected = select(
            QStringLiteral("SELECT id, name, kind, source, region, status, tags, cpu, memory, disk, metrics_updated_at,"
                           " external_id, vcpus, memory_mb, disk_gb FROM resources ORDER BY name, source"));
        QCOMPARE(fleet.rows.size(), expected.size());
        QCOMPARE(fleet.rows.size(), seedResources().size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const FleetRow &row = fleet.rows.at(i);
            const QVariantList &e = expected.at(i);
            QCOMPARE(row.id, e.at(0).toLongLong());
            QCOMPARE(row.name, e.at(1).toString());
            QCOMPARE(row.kind, e.at(2).toString());
            QCOMPARE(row.source, e.at(3).toString());
            QCOMPARE(row.region, e.at(4).toString());
            QCOMPARE(row.status, e.at(5).toString());
            QCOMPARE(row.tags, e.at(6).toString().split(QLatin1Char(','), Qt::SkipEmptyParts));
            const std::optional<double> *latest[] = { &row.cpu, &row.memory, &row.disk };
            for (int m = 0; m < 3; ++m) {
                QCOMPARE(latest[m]->has_value(), !e.at(7 + m).isNull());
                if (!e.at(7 + m).isNull())
                    QCOMPARE(**latest[m], e.at(7 + m).toDouble());
            }
            QCOMPARE(row.metricsUpdatedAt, e.at(10).toLongLong());
            QCOMPARE(row.externalId, e.at(11).toString());
            QCOMPARE(row.vcpus, e.at(12).toInt());
            QCOMPARE(row.memoryMb, e.at(13).toLongLong());
            QCOMPARE(row.diskGb, e.at(14).toLongLong());
            // The latest values are the newest samples.
            for (Metric m : AllMetrics) {
                const auto newest = select(QStringLiteral("SELECT value FROM samples WHERE resource_id = ? AND"
                                                          " metric = ? ORDER BY ts DESC LIMIT 1"),
                                           { row.id, int(m) });
                const std::optional<double> &value = *latest[int(m) - 1];
                QCOMPARE(value.has_value(), !newest.isEmpty());
                if (value)
                    QCOMPARE(*value, newest.first().first().toDouble());
            }
        }
        // api-gw never reported a disk.
        const auto api = std::find_if(fleet.rows.cbegin(), fleet.rows.cend(),
                                      [](const FleetRow &r) { return r.name == QLatin1String("api-gw"); });
        QVERIFY(api != fleet.rows.cend());
        QVERIFY(!api->disk);
        QVERIFY(api->cpu);
        QCOMPARE(api->tags, QStringList());
        // The newest sync of any source failed: the fleet view says so.
        QCOMPARE(fleet.lastSyncAt, m_end - 55);
        QCOMPARE(fleet.lastSyncError, QStringLiteral("cannot read /proc/stat"));
    }

    void fleetFilters_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("kinds");
        QTest::addColumn<QStringList>("sources");
        QTest::addColumn<QStringList>("regions");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QStringList>("expected");

        const auto l = [](std::initializer_list<const char *> items) {
            QStringList list;
            for (const char *item : items)
                list << QLatin1String(item);
            return list;
        };
        const QStringList none;
        const QStringList all = l({ "db-primary", "web-1", "web-2", "Cache-EU", "api-gw" });
        for (const QString &b : Backends) {
            const auto row
                = [&](const char *name) -> QTestData & { return QTest::addRow("%s/%s", qPrintable(b), name) << b; };
            row("no filter") << QString() << none << none << none << none << all;
            row("kind") << QString() << l({ "droplet" }) << none << none << none << l({ "web-1", "web-2" });
            row("two kinds") << QString() << l({ "droplet", "database" }) << none << none << none
                             << l({ "web-1", "web-2", "Cache-EU" });
            row("source") << QString() << none << l({ "do" }) << none << none << l({ "web-1", "web-2", "Cache-EU" });
            row("two sources") << QString() << none << l({ "local", "prom" }) << none << none
                               << l({ "db-primary", "api-gw" });
            row("region") << QString() << none << none << l({ "fra1" }) << none << l({ "web-1", "Cache-EU" });
            row("tag") << QString() << none << none << none << l({ "staging" }) << l({ "web-2" });
            row("any of two tags") << QString() << none << none << none << l({ "db", "staging" })
                                   << l({ "db-primary", "web-2" });
            row("tag is whole, not a substring") << QString() << none << none << none << l({ "pro" }) << none;
            row("text, other case") << QStringLiteral("cache") << none << none << none << none << l({ "Cache-EU" });
            row("text, upper case") << QStringLiteral("WEB-1") << none << none << none << none << l({ "web-1" });
            row("text inside a name") << QStringLiteral("Primar") << none << none << none << none
                                      << l({ "db-primary" });
            row("text matching nothing") << QStringLiteral("zzz") << none << none << none << none << none;
            row("kind and region") << QString() << l({ "droplet" }) << none << l({ "fra1" }) << none << l({ "web-1" });
            row("source and tag") << QString() << none << l({ "do" }) << none << l({ "prod" })
                                  << l({ "web-1", "Cache-EU" });
            row("kind and text") << QStringLiteral("2") << l({ "droplet" }) << none << none << none << l({ "web-2" });
            row("everything at once") << QStringLiteral("WEB") << l({ "droplet" }) << l({ "do" }) << l({ "ams3" })
                                      << l({ "web" }) << l({ "web-2" });
            row("kind and source that exclude each other")
                << QString() << l({ "app" }) << l({ "do" }) << none << none << none;
        }
    }
    void fleetFilters()
    {
        if (!openFresh(Seed::Resources))
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        FleetFilter filter;
        QFETCH(QString, text);
        filter.text = text;
        QFETCH(QStringList, kinds);
        filter.kinds = kinds;
        QFETCH(QStringList, sources);
        filter.sources = sources;
        QFETCH(QStringList, regions);
        filter.regions = regions;
        QFETCH(QStringList, tags);
        filter.tags = tags;
        QFETCH(QStringList, expected);
        const FleetResult result = ReadQueries::fleet(db(), filter);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QStringList names;
        for (const FleetRow &row : result.rows) {
            names << row.name;
            QVERIFY(filter.matches(row));
        }
        QCOMPARE(sorted(names), sorted(expected));
    }

    // --- The overview -------------------------------------------------------------------------------------------

    void summaryMatchesGroupBy_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<qint64>("fromAgo");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("topN");
        for (const QString &b : Backends) {
            QTest::addRow("%s/last 24h, top 3", qPrintable(b)) << b << Day << Day << 3;
            QTest::addRow("%s/last 3h in mid-hour, top 10", qPrintable(b)) << b << 3 * Hour + 1234 << 3 * Hour << 10;
            QTest::addRow("%s/38 to 31 days ago, top 1", qPrintable(b)) << b << 38 * Day << 7 * Day << 1;
        }
    }
    void summaryMatchesGroupBy()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QFETCH(qint64, fromAgo);
        QFETCH(qint64, span);
        QFETCH(int, topN);
        const qint64 from = m_end - fromAgo;
        const qint64 to = from + span;
        const FleetSummary s = ReadQueries::summary(db(), from, to, topN);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.resources, scalar(QStringLiteral("SELECT count(*) FROM resources")));

        for (const auto &[column, counts] : { std::pair { "status", &s.byStatus }, std::pair { "kind", &s.byKind } }) {
            QMap<QString, int> expected;
            for (const QVariantList &row :
                 select(QStringLiteral("SELECT %1, count(*) FROM resources GROUP BY %1").arg(QLatin1String(column))))
                expected.insert(row.at(0).toString(), row.at(1).toInt());
            QCOMPARE(*counts, expected);
        }
        QCOMPARE(s.byStatus.value(QStringLiteral("active")), 2);
        QCOMPARE(s.byKind.value(QStringLiteral("droplet")), 2);

        for (Metric m : AllMetrics) {
            const QString column = metricName(m);
            const auto expected = select(QStringLiteral("SELECT name, %1 FROM resources WHERE %1 IS NOT NULL"
                                                        " ORDER BY %1 DESC, name LIMIT ?")
                                             .arg(column),
                                         { topN });
            const QList<FleetRow> top = s.top.value(m);
            QCOMPARE(top.size(), expected.size());
            for (qsizetype i = 0; i < top.size(); ++i) {
                QCOMPARE(top.at(i).name, expected.at(i).at(0).toString());
                const std::optional<double> value = m == Metric::Cpu ? top.at(i).cpu
                    : m == Metric::Memory                            ? top.at(i).memory
                                                                     : top.at(i).disk;
                QVERIFY(value);
                QCOMPARE(*value, expected.at(i).at(1).toDouble());
            }

            // The fleet average per hour weighs every sample the same (api-gw's minute samples count 5× as much as
            // a 5-minute host's).
            const auto average
                = select(QStringLiteral("SELECT bucket, avg(value), count(*), min(value), max(value) FROM"
                                        " (SELECT ts - ts % 3600 AS bucket, value FROM samples WHERE metric = ?) s"
                                        " WHERE bucket >= ? AND bucket <= ? GROUP BY bucket ORDER BY bucket"),
                         { int(m), floorTo(from, Hour), to });
            const QList<TrendPoint> points = s.average.value(m);
            QCOMPARE(points.size(), average.size());
            for (qsizetype i = 0; i < points.size(); ++i) {
                const TrendPoint &p = points.at(i);
                const QVariantList &e = average.at(i);
                QCOMPARE(p.ts, e.at(0).toLongLong());
                QVERIFY2(qAbs(p.value - e.at(1).toDouble()) < 1e-9,
                         qPrintable(QStringLiteral("%1 at %2: %3 != %4")
                                        .arg(column)
                                        .arg(p.ts)
                                        .arg(p.value)
                                        .arg(e.at(1).toDouble())));
                QCOMPARE(p.count, e.at(2).toLongLong());
                QCOMPARE(p.min, e.at(3).toDouble());
                QCOMPARE(p.max, e.at(4).toDouble());
                QCOMPARE(p.from, p.ts);
                QCOMPARE(p.to, p.ts + Hour - 1);
            }
        }
        // Within the last two days every metric has an average; 31 to 38 days ago only the CPU history does.
        QCOMPARE(s.average.value(Metric::Memory).isEmpty(), fromAgo > 2 * Day);
        QVERIFY(!s.average.value(Metric::Cpu).isEmpty());
    }

    // --- Click-to-detail ----------------------------------------------------------------------------------------

    void detailIsTheRawSamples_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<int>("metric");
        QTest::addColumn<qint64>("fromAgo");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("pruned");
        for (const QString &b : Backends) {
            const auto row
                = [&](const char *name) -> QTestData & { return QTest::addRow("%s/%s", qPrintable(b), name) << b; };
            row("one hourly bucket") << QStringLiteral("web-1") << int(Metric::Cpu) << 5 * Hour << Hour - 1 << 12
                                     << false;
            row("bounds on samples are inclusive")
                << QStringLiteral("web-2") << int(Metric::Disk) << 5 * Hour << Hour << 13 << false;
            row("minute samples") << QStringLiteral("api-gw") << int(Metric::Memory) << Hour << Hour - 1 << 60 << false;
            row("a metric never reported")
                << QStringLiteral("api-gw") << int(Metric::Disk) << Hour << Hour << 0 << false;
            row("before raw retention") << QStringLiteral("db-primary") << int(Metric::Cpu) << 35 * Day << Day - 1
                                        << 288 << true;
        }
    }
    void detailIsTheRawSamples()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QFETCH(QString, resource);
        QFETCH(int, metric);
        QFETCH(qint64, fromAgo);
        QFETCH(qint64, span);
        const qint64 resourceId = m_ids.value(resource);
        const qint64 from = m_end - fromAgo;
        const qint64 to = from + span;
        const DetailResult d = ReadQueries::detail(db(), resourceId, Metric(metric), from, to, retainedSince());
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.resource, resource);
        QCOMPARE(d.source, sourceOf(resource));
        QCOMPARE(d.from, from);
        QCOMPARE(d.to, to);
        QTEST(d.pruned, "pruned");
        QTEST(int(d.samples.size()), "count");
        const auto expected = rawRows(resourceId, Metric(metric), from, to);
        QCOMPARE(d.samples.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(d.samples.at(i).ts, expected.at(i).at(0).toLongLong());
            QCOMPARE(d.samples.at(i).value, expected.at(i).at(1).toDouble());
        }
    }

    // --- Logs and sync health -----------------------------------------------------------------------------------

    void syncLog_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("source");
        QTest::addColumn<qint64>("since"); // seconds after the first run
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("expected"); // source@offset, newest first
        const auto l = [](std::initializer_list<const char *> items) {
            QStringList list;
            for (const char *item : items)
                list << QLatin1String(item);
            return list;
        };
        for (const QString &b : Backends) {
            const auto row
                = [&](const char *name) -> QTestData & { return QTest::addRow("%s/%s", qPrintable(b), name) << b; };
            row("everything") << QString() << qint64(0) << 500 << l({ "a@200", "b@150", "a@100", "b@50", "a@0" });
            row("one source") << QStringLiteral("a") << qint64(0) << 500 << l({ "a@200", "a@100", "a@0" });
            row("limit") << QString() << qint64(0) << 2 << l({ "a@200", "b@150" });
            row("since is inclusive") << QString() << qint64(100) << 500 << l({ "a@200", "b@150", "a@100" });
            row("source, since and limit") << QStringLiteral("b") << qint64(1) << 1 << l({ "b@150" });
            row("unknown source") << QStringLiteral("nope") << qint64(0) << 500 << QStringList();
        }
    }
    void syncLog()
    {
        if (!openFresh(Seed::Resources))
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const qint64 t0 = m_end - Day;
        // Inserted out of order: the log orders by start time, not by insertion.
        QVERIFY(insertRun(QStringLiteral("b"), QStringLiteral("prometheus"), t0 + 150, QStringLiteral("failed"),
                          QStringLiteral("connection refused")));
        QVERIFY(insertRun(QStringLiteral("a"), QStringLiteral("local"), t0, QStringLiteral("ok")));
        QVERIFY(insertRun(QStringLiteral("a"), QStringLiteral("local"), t0 + 200, QStringLiteral("failed"),
                          QStringLiteral("boom")));
        QVERIFY(insertRun(QStringLiteral("b"), QStringLiteral("prometheus"), t0 + 50, QStringLiteral("ok")));
        QVERIFY(insertRun(QStringLiteral("a"), QStringLiteral("local"), t0 + 100, QStringLiteral("ok")));

        QFETCH(QString, source);
        QFETCH(qint64, since);
        QFETCH(int, limit);
        const SyncLogResult log = ReadQueries::syncLog(db(), source, t0 + since, limit);
        QVERIFY2(log.error.isEmpty(), qPrintable(log.error));
        QStringList runs;
        for (const SyncRunRecord &r : log.runs)
            runs << QStringLiteral("%1@%2").arg(r.source).arg(r.startedAt - t0);
        QTEST(runs, "expected");
        // Every field comes back as recorded.
        for (const SyncRunRecord &r : log.runs) {
            QVERIFY(r.id > 0);
            QCOMPARE(r.sourceType,
                     r.source == QLatin1String("a") ? QStringLiteral("local") : QStringLiteral("prometheus"));
            QCOMPARE(r.finishedAt, r.startedAt + 5);
            QCOMPARE(r.durationMs, 5000);
            QCOMPARE(r.resources, 3);
            QCOMPARE(r.samples, 120);
            QCOMPARE(r.apiCalls, 4);
            QCOMPARE(r.host, QStringLiteral("ops-1"));
            QCOMPARE(r.error.isEmpty(), r.status == QLatin1String("ok"));
        }
    }

    void alertLog_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<qint64>("since");
        QTest::addColumn<int>("limit");
        QTest::addColumn<bool>("activeOnly");
        QTest::addColumn<QStringList>("expected"); // resource/metric, newest first
        const auto l = [](std::initializer_list<const char *> items) {
            QStringList list;
            for (const char *item : items)
                list << QLatin1String(item);
            return list;
        };
        for (const QString &b : Backends) {
            const auto row
                = [&](const char *name) -> QTestData & { return QTest::addRow("%s/%s", qPrintable(b), name) << b; };
            row("everything") << qint64(0) << 500 << false
                              << l({ "Cache-EU/memory", "db-primary/disk", "web-1/cpu", "/cpu" });
            row("active only") << qint64(0) << 500 << true << l({ "Cache-EU/memory", "web-1/cpu" });
            row("limit") << qint64(0) << 2 << false << l({ "Cache-EU/memory", "db-primary/disk" });
            row("since is inclusive") << qint64(20) << 500 << false << l({ "Cache-EU/memory", "db-primary/disk" });
            row("since and active only") << qint64(11) << 500 << true << l({ "Cache-EU/memory" });
        }
    }
    void alertLog()
    {
        if (!openFresh(Seed::Resources))
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const qint64 t0 = m_end - Day;
        const QString insert = QStringLiteral("INSERT INTO alert_events (resource_id, metric, level, state, value,"
                                              " threshold, started_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        const QVariant active = QVariant(QMetaType::fromType<qint64>());
        QVERIFY(exec(insert,
                     { id("web-1"), int(Metric::Cpu), QStringLiteral("warning"), QStringLiteral("firing"), 91.5, 90.0,
                       t0 + 10, active }));
        QVERIFY(exec(insert,
                     { id("db-primary"), int(Metric::Disk), QStringLiteral("critical"), QStringLiteral("resolved"),
                       97.0, 95.0, t0 + 20, t0 + 30 }));
        QVERIFY(exec(insert,
                     { id("Cache-EU"), int(Metric::Memory), QStringLiteral("warning"), QStringLiteral("firing"), 85.25,
                       80.0, t0 + 30, active }));
        // An alert of a resource that is gone since: still listed, without a name.
        QVERIFY(exec(insert,
                     { qint64(999'999), int(Metric::Cpu), QStringLiteral("warning"), QStringLiteral("resolved"), 95.0,
                       90.0, t0 + 5, t0 + 8 }));

        QFETCH(qint64, since);
        QFETCH(int, limit);
        QFETCH(bool, activeOnly);
        const AlertLogResult log = ReadQueries::alertLog(db(), t0 + since, limit, activeOnly);
        QVERIFY2(log.error.isEmpty(), qPrintable(log.error));
        QStringList events;
        for (const AlertEventRow &e : log.events)
            events << e.resource + QLatin1Char('/') + metricName(e.metric);
        QTEST(events, "expected");

        const AlertEventRow &newest = log.events.first();
        QCOMPARE(newest.resourceId, id("Cache-EU"));
        QCOMPARE(newest.kind, QStringLiteral("database"));
        QCOMPARE(newest.source, QStringLiteral("do"));
        QCOMPARE(newest.level, QStringLiteral("warning"));
        QCOMPARE(newest.state, QStringLiteral("firing"));
        QCOMPARE(newest.value, 85.25);
        QCOMPARE(newest.threshold, 80.0);
        QCOMPARE(newest.startedAt, t0 + 30);
        QCOMPARE(newest.resolvedAt, 0);
        for (const AlertEventRow &e : log.events) {
            if (e.resource == QLatin1String("db-primary")) {
                QCOMPARE(e.resolvedAt, t0 + 30);
                QCOMPARE(e.level, QStringLiteral("critical"));
            }
        }
    }

    void syncHealth_data() { TestDatabases::addBackendRows(); }
    void syncHealth()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const qint64 now = m_end;
        QVERIFY(insertRun(QStringLiteral("do"), QStringLiteral("digitalocean"), now - 3 * Day, QStringLiteral("ok")));
        QVERIFY(insertRun(QStringLiteral("do"), QStringLiteral("digitalocean"), now - 2 * Hour, QStringLiteral("ok")));
        QVERIFY(insertRun(QStringLiteral("do"), QStringLiteral("digitalocean"), now - Hour, QStringLiteral("failed"),
                          QStringLiteral("DigitalOcean token rejected (401)")));
        QVERIFY(insertRun(QStringLiteral("local"), QStringLiteral("local"), now - 10 * Minute, QStringLiteral("ok")));
        QVERIFY(insertRun(QStringLiteral("local"), QStringLiteral("local"), now - 20 * Minute, QStringLiteral("ok")));
        QVERIFY(insertRun(QStringLiteral("prom"), QStringLiteral("prometheus"), now - 3 * Day, QStringLiteral("failed"),
                          QStringLiteral("connection refused")));

        const SyncHealth h = ReadQueries::syncHealth(db(), m_url, now - Day);
        QVERIFY2(h.error.isEmpty(), qPrintable(h.error));
        QCOMPARE(h.sources.size(), 3);
        const SourceSyncStats &d = h.sources.at(0);
        QCOMPARE(d.source, QStringLiteral("do"));
        QCOMPARE(d.type, QStringLiteral("digitalocean"));
        QCOMPARE(d.lastStartedAt, now - Hour);
        QCOMPARE(d.lastFinishedAt, now - Hour + 5);
        QCOMPARE(d.lastStatus, QStringLiteral("failed"));
        QCOMPARE(d.lastError, QStringLiteral("DigitalOcean token rejected (401)"));
        QCOMPARE(d.lastOkAt, now - 2 * Hour + 5);
        QCOMPARE(d.runs, 2); // the run 3 days ago is outside the window
        QCOMPARE(d.okRuns, 1);
        const SourceSyncStats &l = h.sources.at(1);
        QCOMPARE(l.source, QStringLiteral("local"));
        QCOMPARE(l.lastStatus, QStringLiteral("ok"));
        QCOMPARE(l.lastError, QString());
        QCOMPARE(l.lastStartedAt, now - 10 * Minute);
        QCOMPARE(l.lastOkAt, now - 10 * Minute + 5);
        QCOMPARE(l.runs, 2);
        QCOMPARE(l.okRuns, 2);
        const SourceSyncStats &p = h.sources.at(2);
        QCOMPARE(p.source, QStringLiteral("prom"));
        QCOMPARE(p.lastStatus, QStringLiteral("failed"));
        QCOMPARE(p.lastOkAt, 0);
        QCOMPARE(p.runs, 0);
        QCOMPARE(p.okRuns, 0);

        QCOMPARE(h.database.url, m_url.redacted());
        QCOMPARE(h.database.engine, m_url.isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgresql"));
        QCOMPARE(h.database.schemaVersion, Schema::CurrentVersion);
        QCOMPARE(h.database.resources, seedResources().size());
        QCOMPARE(h.database.newestSampleAt, scalar(QStringLiteral("SELECT max(ts) FROM samples")));
        QVERIFY(h.database.sizeBytes > 0);
        QVERIFY(h.database.error.isEmpty());
    }

    // --- The Repository: cache, invalidation, tracking, baselines -----------------------------------------------

    void repeatedViewIsACacheHit_data() { TestDatabases::addBackendRows(); }
    void repeatedViewIsACacheHit()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        Repository repo(m_url, repositoryOptions());
        const FleetResult first = repo.fleet().result();
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.rows.size(), seedResources().size());
        const QueryCacheStats before = repo.cache().stats();
        QCOMPARE(before.misses, 1);

        const FleetResult second = repo.fleet().result();
        QCOMPARE(repo.cache().stats().hits, before.hits + 1);
        QCOMPARE(repo.cache().stats().misses, before.misses);
        QCOMPARE(repo.tracker().stats(QStringLiteral("fleet"))->count, 1);
        QCOMPARE(second.rows.size(), first.rows.size());
        for (qsizetype i = 0; i < first.rows.size(); ++i) {
            QCOMPARE(second.rows.at(i).id, first.rows.at(i).id);
            QCOMPARE(second.rows.at(i).cpu, first.rows.at(i).cpu);
        }

        // Another filter is another view: read from the database once, then served from the cache too.
        FleetFilter droplets;
        droplets.kinds = QStringList { QStringLiteral("droplet") };
        QCOMPARE(repo.fleet(droplets).result().rows.size(), 2);
        QCOMPARE(repo.fleet(droplets).result().rows.size(), 2);
        QCOMPARE(repo.tracker().stats(QStringLiteral("fleet.filtered"))->count, 1);
        QCOMPARE(repo.tracker().stats(QStringLiteral("fleet"))->count, 1);

        // The same trend twice: one read.
        const TrendRequest request { id("web-1"), Metric::Cpu, m_end - 6 * Hour, m_end, 1000 };
        const TrendResult a = repo.trend(request).result();
        const TrendResult b = repo.trend(request).result();
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        QCOMPARE(a.points.size(), 72);
        QCOMPARE(b.points.size(), a.points.size());
        QCOMPARE(repo.tracker().stats(QStringLiteral("trend.raw"))->count, 1);
    }

    void commitDropsOnlyWhatChanged_data() { TestDatabases::addBackendRows(); }
    void commitDropsOnlyWhatChanged()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        Repository repo(m_url, repositoryOptions());
        const qint64 web1 = id("web-1");
        const qint64 db1 = id("db-primary");
        const TrendRequest web1Trend { web1, Metric::Cpu, m_end - 6 * Hour, m_end, 1000 };
        const TrendRequest dbTrend { db1, Metric::Cpu, m_end - 6 * Hour, m_end, 1000 };
        const TrendRequest dbHourTrend { db1, Metric::Cpu, m_end - 7 * Day, m_end, 1000 };
        QCOMPARE(repo.trend(web1Trend).result().points.size(), 72);
        QCOMPARE(repo.trend(dbTrend).result().points.size(), 72);
        QCOMPARE(repo.trend(dbHourTrend).result().tier, TrendTier::Hour);
        QVERIFY(repo.fleet().result().error.isEmpty());
        QCOMPARE(repo.tracker().stats(QStringLiteral("trend.raw"))->count, 2);

        // A sync writes a new sample for web-1 only.
        QVERIFY(m_store->transaction());
        QCOMPARE(m_store->writeSamples({ { web1, Metric::Cpu, m_end, 12.25 } }), 1);
        QVERIFY(m_store->commit());
        repo.dataCommitted({ web1 });

        // db-primary's trends are still served from the cache…
        const qint64 hitsBefore = repo.cache().stats().hits;
        QCOMPARE(repo.trend(dbTrend).result().points.size(), 72);
        QCOMPARE(repo.trend(dbHourTrend).result().tier, TrendTier::Hour);
        QVERIFY(repo.cache().stats().hits >= hitsBefore + 2);
        QCOMPARE(repo.tracker().stats(QStringLiteral("trend.raw"))->count, 2);
        QCOMPARE(repo.tracker().stats(QStringLiteral("trend.hour"))->count, 1);

        // …web-1's is read again and shows the new sample…
        const TrendResult fresh = repo.trend(web1Trend).result();
        QCOMPARE(repo.tracker().stats(QStringLiteral("trend.raw"))->count, 3);
        QCOMPARE(fresh.points.size(), 73);
        QCOMPARE(fresh.points.last().ts, m_end);
        QCOMPARE(fresh.points.last().value, 12.25);

        // …and so is the fleet (pre-warmed by the commit), with web-1's new latest value.
        const FleetResult fleet = repo.fleet().result();
        QCOMPARE(repo.tracker().stats(QStringLiteral("fleet"))->count, 2);
        const auto row
            = std::find_if(fleet.rows.cbegin(), fleet.rows.cend(), [&](const FleetRow &r) { return r.id == web1; });
        QVERIFY(row != fleet.rows.cend());
        QCOMPARE(row->cpu, std::optional<double>(12.25));
        QCOMPARE(row->metricsUpdatedAt, m_end);
    }

    void queriesAreNamedAndTimed_data() { TestDatabases::addBackendRows(); }
    void queriesAreNamedAndTimed()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        Repository repo(m_url, repositoryOptions());
        const qint64 web1 = id("web-1");
        FleetFilter prod;
        prod.tags = QStringList { QStringLiteral("prod") };
        QCOMPARE(repo.fleet().result().rows.size(), 5);
        QCOMPARE(repo.fleet(prod).result().rows.size(), 3);
        const TrendResult raw = repo.trend({ web1, Metric::Cpu, m_end - Day, m_end, 100 }).result();
        QCOMPARE(raw.tier, TrendTier::Raw);
        QCOMPARE(raw.points.size(), 100);
        QCOMPARE(repo.trend({ web1, Metric::Cpu, m_end - 30 * Day, m_end, 1000 }).result().tier, TrendTier::Hour);
        // A short range beyond raw retention is read from the rollups.
        QCOMPARE(repo.trend({ web1, Metric::Cpu, m_end - 35 * Day, m_end - 35 * Day + Hour, 1000 }).result().tier,
                 TrendTier::Hour);
        QCOMPARE(repo.trend({ web1, Metric::Cpu, m_end - 400 * Day, m_end, 1000 }).result().tier, TrendTier::Day);
        const TrendResult recent = repo.recentTrend(web1, Metric::Cpu, 6 * Hour, 1000).result();
        QCOMPARE(recent.tier, TrendTier::Raw);
        QVERIFY(!recent.points.isEmpty());
        const FleetSummary summary = repo.summary(Day, 3).result();
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.resources, 5);
        QCOMPARE(summary.top.value(Metric::Cpu).size(), 3);
        QCOMPARE(repo.detail(web1, Metric::Cpu, m_end - Hour, m_end - 1).result().samples.size(), 12);
        QVERIFY(repo.syncLog().result().error.isEmpty());
        QVERIFY(repo.alertLog().result().error.isEmpty());
        QVERIFY(repo.syncHealth(0).result().error.isEmpty());

        QMap<QString, qint64> counts;
        for (const QueryStats &s : repo.tracker().snapshot())
            counts.insert(s.name, s.count);
        const QMap<QString, qint64> expected {
            { QStringLiteral("fleet"), 1 },     { QStringLiteral("fleet.filtered"), 1 },
            { QStringLiteral("trend.raw"), 2 }, { QStringLiteral("trend.hour"), 2 },
            { QStringLiteral("trend.day"), 1 }, { QStringLiteral("summary"), 1 },
            { QStringLiteral("detail"), 1 },    { QStringLiteral("sync_log"), 1 },
            { QStringLiteral("alert_log"), 1 }, { QStringLiteral("sync_health"), 1 },
        };
        QCOMPARE(counts, expected);
    }

    // Sync health tells the truth now: it is never answered from the cache.
    void syncHealthIsNeverCached_data() { TestDatabases::addBackendRows(); }
    void syncHealthIsNeverCached()
    {
        if (!openFresh(Seed::Resources))
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        Repository repo(m_url, repositoryOptions());
        QVERIFY(insertRun(QStringLiteral("do"), QStringLiteral("digitalocean"), m_end - Hour, QStringLiteral("ok")));
        const SyncHealth first = repo.syncHealth(0).result();
        QCOMPARE(first.sources.size(), 1);
        QCOMPARE(first.sources.first().lastStatus, QStringLiteral("ok"));
        QVERIFY(insertRun(QStringLiteral("do"), QStringLiteral("digitalocean"), m_end - 60, QStringLiteral("failed"),
                          QStringLiteral("rejected")));
        const SyncHealth second = repo.syncHealth(0).result();
        QCOMPARE(second.sources.first().lastStatus, QStringLiteral("failed"));
        QCOMPARE(second.sources.first().runs, 2);
        QCOMPARE(repo.tracker().stats(QStringLiteral("sync_health"))->count, 2);
    }

    // Two caches open in one process (one Repository each) never answer from each other's database, even when the
    // caller waits on a query its Repository's pool has not started yet.
    void twoRepositoriesNeverMix_data() { TestDatabases::addBackendRows(); }
    void twoRepositoriesNeverMix()
    {
        if (!openFresh(Seed::Resources))
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QVERIFY(insertRun(QStringLiteral("one"), QStringLiteral("local"), m_end - Hour, QStringLiteral("ok")));
        const DatabaseUrl first = m_url;
        cleanup();
        QVERIFY(openFresh(Seed::Resources));
        QVERIFY(insertRun(QStringLiteral("two"), QStringLiteral("local"), m_end - Hour, QStringLiteral("ok")));

        RepositoryOptions options = repositoryOptions();
        options.threads = 1;
        Repository one(first, options);
        Repository two(m_url, options);
        const auto sourcesSeenBy = [this](Repository &repo) {
            // Keep the pool's only thread busy so the health query is still queued when we wait for it.
            QList<QFuture<TrendResult>> busy;
            for (int width = 10; width < 40; ++width)
                busy << repo.trend({ id("web-1"), Metric::Cpu, m_end - Day, m_end, width });
            const SyncHealth health = repo.syncHealth(0).result();
            for (auto &f : busy)
                f.waitForFinished();
            QStringList sources;
            for (const SourceSyncStats &s : health.sources)
                sources << s.source;
            return sources;
        };
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(sourcesSeenBy(one), QStringList { QStringLiteral("one") });
            QCOMPARE(sourcesSeenBy(two), QStringList { QStringLiteral("two") });
        }
        // No query ran on this thread: it has no read connection of its own.
        QVERIFY(!QSqlDatabase::contains(Database::connectionNameForThread(QStringLiteral("opsdeck-read"))));
    }

    void baselinesSurviveARestart_data() { TestDatabases::addBackendRows(); }
    void baselinesSurviveARestart()
    {
        if (!openFresh(Seed::Resources))
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const QString host = QSysInfo::machineHostName();
        QString error;
        {
            Repository repo(m_url, repositoryOptions());
            for (int i = 0; i < 22; ++i) {
                repo.cache().clear(); // every run reads the database
                QVERIFY(repo.fleet().result().error.isEmpty());
            }
            for (int i = 0; i < 5; ++i) // too few runs to be a baseline
                QVERIFY(repo.syncLog({}, i).result().error.isEmpty());
            QCOMPARE(repo.tracker().stats(QStringLiteral("fleet"))->count, 22);
            QCOMPARE(repo.tracker().stats(QStringLiteral("sync_log"))->count, 5);
            QVERIFY2(repo.saveBaselines(&error), qPrintable(error));
        }
        const auto rows = select(QStringLiteral("SELECT host, name, p50_ns, updated_at FROM query_baselines"));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().at(0).toString(), host);
        QCOMPARE(rows.first().at(1).toString(), QStringLiteral("fleet"));
        const qint64 stored = rows.first().at(2).toLongLong();
        QVERIFY(stored > 0);
        QVERIFY(qAbs(rows.first().at(3).toLongLong() - QDateTime::currentSecsSinceEpoch()) < 600);

        Repository again(m_url, repositoryOptions());
        QVERIFY(again.tracker().baselines().isEmpty());
        QVERIFY2(again.loadBaselines(&error), qPrintable(error));
        QCOMPARE(again.tracker().baselines(), (QHash<QString, qint64> { { QStringLiteral("fleet"), stored } }));
        QVERIFY(again.fleet().result().error.isEmpty());
        QCOMPARE(again.tracker().stats(QStringLiteral("fleet"))->baselineP50Ns, std::optional<qint64>(stored));
    }

    // --- Migration ----------------------------------------------------------------------------------------------

    void version1CacheIsMigrated_data() { TestDatabases::addBackendRows(); }
    void version1CacheIsMigrated()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        // Turn the fresh cache back into one written before the query layer existed.
        QVERIFY(exec(QStringLiteral("DROP TABLE fleet_rollup_parts")));
        QVERIFY(exec(QStringLiteral("DROP TABLE query_baselines")));
        QVERIFY(exec(QStringLiteral("DROP TABLE alert_rules")));
        QVERIFY(exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 2")));
        {
            QSqlDatabase d = db();
            QCOMPARE(Schema::version(d), 1);
            QVERIFY(!d.tables().contains(QStringLiteral("query_baselines")));
        }
        const qint64 samples = scalar(QStringLiteral("SELECT count(*) FROM samples"));
        const qint64 rollups = scalar(QStringLiteral("SELECT count(*) FROM rollups"));
        QCOMPARE(samples, m_samples);
        m_store.reset();
        Database::close(m_connection);

        QString error;
        const auto reopened = Database::open(m_url, m_connection, &error);
        QVERIFY2(reopened, qPrintable(error));
        m_store = std::make_unique<MetricStore>(*reopened);
        {
            QSqlDatabase d = db();
            QCOMPARE(Schema::version(d), Schema::CurrentVersion);
            QVERIFY(d.tables().contains(QStringLiteral("query_baselines")));
        }
        // The fleet rollups are filled from the per-resource ones: one row per bucket, the same totals.
        for (qint64 period : { Hour, Day }) {
            QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fleet_rollup_parts WHERE period = %1").arg(period)),
                     scalar(QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT metric, bucket FROM rollups"
                                           " WHERE period = %1) d")
                                .arg(period)));
            QCOMPARE(scalar(QStringLiteral("SELECT sum(count) FROM fleet_rollup_parts WHERE period = %1").arg(period)),
                     scalar(QStringLiteral("SELECT sum(count) FROM rollups WHERE period = %1").arg(period)));
        }
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM resources")), seedResources().size());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM samples")), samples);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM rollups")), rollups);

        // The query layer works on the migrated cache, baselines included.
        Repository repo(m_url, repositoryOptions());
        const FleetResult fleet = repo.fleet().result();
        QVERIFY2(fleet.error.isEmpty(), qPrintable(fleet.error));
        QCOMPARE(fleet.rows.size(), seedResources().size());
        QVERIFY2(repo.loadBaselines(&error), qPrintable(error));
        const FleetSummary summary = repo.summary(Day, 3).result();
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QVERIFY(!summary.average.value(Metric::Cpu).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRepository)
#include "tst_repository.moc"
