#include "querybench.h"

#include "query/lttb.h"
#include "query/readqueries.h"
#include "query/repository.h"
#include "storage/database.h"
#include "storage/schema.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>
#include <fcntl.h>
#include <functional>
#include <optional>
#include <random>
#include <sqlite3.h>
#include <unistd.h>
#include <vector>
#ifdef OPSDECK_BENCH_HAVE_LIBPQ
#include "libpqconnect.h"

#include <QtEndian>
#include <cstring>
#include <libpq-fe.h>
#endif

namespace {

// What a cache hit cost in the seed system: the reference the query layer's cache-hit target was set against.
constexpr double SeedCacheHitNs = 20'000;

constexpr qint64 Day = 86400;
constexpr int ChartWidth = 1000;

// Nearest-rank percentile, p in (0, 100].
double percentile(std::vector<double> ns, double p)
{
    if (ns.empty())
        return 0;
    std::sort(ns.begin(), ns.end());
    const size_t rank = size_t(std::ceil(p / 100.0 * double(ns.size())));
    return ns[std::clamp<size_t>(rank, 1, ns.size()) - 1];
}

QueryFigure figure(const QString &id, int item, const QString &what, const QString &path)
{
    QueryFigure f;
    f.id = id;
    f.item = item;
    f.what = what;
    f.path = path;
    return f;
}

bool nearlyEqual(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max({ 1.0, std::abs(a), std::abs(b) });
}

// "" when the two series are the same chart: same buckets, counts, extremes and (up to summation order) averages.
QString compareSeries(const QList<TrendPoint> &a, const QList<TrendPoint> &b)
{
    if (a.size() != b.size())
        return QStringLiteral("%1 points against %2").arg(a.size()).arg(b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        const TrendPoint &x = a[i];
        const TrendPoint &y = b[i];
        if (x.ts != y.ts || x.count != y.count || x.min != y.min || x.max != y.max || !nearlyEqual(x.value, y.value))
            return QStringLiteral("point %1 differs: ts %2/%3, count %4/%5, avg %6/%7")
                .arg(i)
                .arg(x.ts)
                .arg(y.ts)
                .arg(x.count)
                .arg(y.count)
                .arg(x.value, 0, 'g', 17)
                .arg(y.value, 0, 'g', 17);
    }
    return {};
}

qint64 floorHour(qint64 ts)
{
    return ts - ts % Schema::HourSeconds;
}

// Raw samples folded into hourly points, as a chart would get them from code that reads every row.
class HourFolder final
{
public:
    void add(qint64 ts, double v)
    {
        const qint64 bucket = floorHour(ts);
        if (m_points.isEmpty() || m_points.constLast().ts != bucket) {
            m_points.append(TrendPoint { bucket, 0, v, v, 0, bucket, bucket + Schema::HourSeconds - 1 });
            m_sums.append(0);
        }
        TrendPoint &p = m_points.last();
        p.min = std::min(p.min, v);
        p.max = std::max(p.max, v);
        ++p.count;
        m_sums.last() += v;
    }
    QList<TrendPoint> take()
    {
        for (qsizetype i = 0; i < m_points.size(); ++i)
            m_points[i].value = m_sums[i] / double(m_points[i].count);
        return std::move(m_points);
    }

private:
    QList<TrendPoint> m_points;
    QList<double> m_sums;
};

// The fleet-wide hourly average over every series, from raw rows in any order.
class FleetFolder final
{
public:
    void add(int metric, qint64 ts, double v)
    {
        Bucket &b = m_buckets[floorHour(ts) * 4 + metric];
        if (b.count == 0)
            b.min = b.max = v;
        b.min = std::min(b.min, v);
        b.max = std::max(b.max, v);
        b.sum += v;
        ++b.count;
    }
    QMap<Metric, QList<TrendPoint>> take() const
    {
        QMap<Metric, QList<TrendPoint>> out;
        for (auto it = m_buckets.cbegin(); it != m_buckets.cend(); ++it) {
            const qint64 bucket = it.key() / 4;
            const Bucket &b = it.value();
            out[Metric(it.key() % 4)].append(TrendPoint { bucket, b.sum / double(b.count), b.min, b.max, b.count,
                                                          bucket, bucket + Schema::HourSeconds - 1 });
        }
        for (auto &series : out)
            std::sort(series.begin(), series.end(),
                      [](const TrendPoint &a, const TrendPoint &b) { return a.ts < b.ts; });
        return out;
    }

private:
    struct Bucket
    {
        double min = 0;
        double max = 0;
        double sum = 0;
        qint64 count = 0;
    };
    QHash<qint64, Bucket> m_buckets;
};

// The same reads on the sqlite3 C API, on a connection of its own. Like ReadQueries with QtSql, every call
// prepares its statement, so the difference between the two is what QtSql costs per call and per row.
class RawReader final
{
public:
    ~RawReader() { sqlite3_close(m_db); }

    bool open(const QString &path)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
            != SQLITE_OK)
            return false;
        sqlite3_busy_timeout(m_db, 10000);
        return true;
    }

    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

    // Steps `sql` with integer binds, calling row(statement) for each row; returns the rows, or -1.
    template<typename Row> qint64 query(const char *sql, std::initializer_list<qint64> binds, Row &&row)
    {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr) != SQLITE_OK)
            return -1;
        int i = 0;
        for (qint64 b : binds)
            sqlite3_bind_int64(st, ++i, b);
        qint64 rows = 0;
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            row(st);
            ++rows;
        }
        sqlite3_finalize(st);
        return rc == SQLITE_DONE ? rows : -1;
    }

    QList<TrendPoint> trend(const TrendRequest &r, TrendTier tier, qint64 *rows)
    {
        QList<TrendPoint> points;
        if (tier == TrendTier::Raw) {
            *rows = query("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                          " AND ts <= ? ORDER BY ts",
                          { r.resourceId, qint64(r.metric), r.from, r.to }, [&](sqlite3_stmt *st) {
                              const qint64 ts = sqlite3_column_int64(st, 0);
                              const double v = sqlite3_column_double(st, 1);
                              points.append(TrendPoint { ts, v, v, v, 1, ts, ts });
                          });
            return points;
        }
        *rows = query(
            "SELECT bucket, min, max, sum, count FROM rollups WHERE resource_id = ? AND metric = ?"
            " AND period = ? AND bucket >= ? AND bucket <= ? ORDER BY bucket",
            { r.resourceId, qint64(r.metric), Schema::HourSeconds, floorHour(r.from), r.to }, [&](sqlite3_stmt *st) {
                const qint64 bucket = sqlite3_column_int64(st, 0);
                const qint64 count = sqlite3_column_int64(st, 4);
                points.append(TrendPoint { bucket, count > 0 ? sqlite3_column_double(st, 3) / double(count) : 0,
                                           sqlite3_column_double(st, 1), sqlite3_column_double(st, 2), count, bucket,
                                           bucket + Schema::HourSeconds - 1 });
            });
        return points;
    }

    QList<TrendPoint> naiveTrend(const TrendRequest &r, qint64 *rows)
    {
        HourFolder folder;
        *rows = query("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ? AND ts <= ?"
                      " ORDER BY ts",
                      { r.resourceId, qint64(r.metric), r.from, r.to },
                      [&](sqlite3_stmt *st) { folder.add(sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1)); });
        return folder.take();
    }

    FleetResult fleet()
    {
        FleetResult result;
        const qint64 rows
            = query("SELECT id, name, kind, source, region, status, tags, vcpus, memory_mb, disk_gb, cpu, memory, disk,"
                    " metrics_updated_at, external_id FROM resources ORDER BY name, source",
                    {}, [&](sqlite3_stmt *st) {
                        const auto text = [st](int i) {
                            return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, i)),
                                                     sqlite3_column_bytes(st, i));
                        };
                        const auto optional = [st](int i) {
                            return sqlite3_column_type(st, i) == SQLITE_NULL
                                ? std::nullopt
                                : std::optional<double>(sqlite3_column_double(st, i));
                        };
                        FleetRow r;
                        r.id = sqlite3_column_int64(st, 0);
                        r.name = text(1);
                        r.kind = text(2);
                        r.source = text(3);
                        r.region = text(4);
                        r.status = text(5);
                        r.tags = text(6).split(QLatin1Char(','), Qt::SkipEmptyParts);
                        r.vcpus = sqlite3_column_int(st, 7);
                        r.memoryMb = sqlite3_column_int64(st, 8);
                        r.diskGb = sqlite3_column_int64(st, 9);
                        r.cpu = optional(10);
                        r.memory = optional(11);
                        r.disk = optional(12);
                        r.metricsUpdatedAt = sqlite3_column_int64(st, 13);
                        r.externalId = text(14);
                        result.rows << std::move(r);
                    });
        if (rows < 0)
            result.error = error();
        query("SELECT finished_at, status, error FROM sync_runs ORDER BY finished_at DESC, id DESC LIMIT 1", {},
              [&](sqlite3_stmt *st) {
                  result.lastSyncAt = sqlite3_column_int64(st, 0);
                  if (qstrcmp(reinterpret_cast<const char *>(sqlite3_column_text(st, 1)), "ok") != 0)
                      result.lastSyncError
                          = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 2)));
              });
        return result;
    }

    // The naive fleet average, one indexed range read per series.
    QMap<Metric, QList<TrendPoint>> naiveSummary(qint64 from, qint64 to, qint64 *rows)
    {
        QList<qint64> ids;
        query("SELECT id FROM resources ORDER BY id", {},
              [&](sqlite3_stmt *st) { ids << sqlite3_column_int64(st, 0); });
        FleetFolder folder;
        sqlite3_stmt *st = nullptr;
        *rows = -1;
        if (sqlite3_prepare_v2(m_db,
                               "SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                               " AND ts <= ?",
                               -1, &st, nullptr)
            != SQLITE_OK)
            return {};
        qint64 n = 0;
        for (qint64 id : std::as_const(ids)) {
            for (Metric m : AllMetrics) {
                sqlite3_bind_int64(st, 1, id);
                sqlite3_bind_int64(st, 2, int(m));
                sqlite3_bind_int64(st, 3, from);
                sqlite3_bind_int64(st, 4, to);
                while (sqlite3_step(st) == SQLITE_ROW) {
                    folder.add(int(m), sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1));
                    ++n;
                }
                sqlite3_reset(st);
            }
        }
        sqlite3_finalize(st);
        *rows = n;
        return folder.take();
    }

private:
    sqlite3 *m_db = nullptr;
};

#ifdef OPSDECK_BENCH_HAVE_LIBPQ
// The trend reads on libpq, on a connection of its own: one PQexecParams (parse, bind and execute in one round
// trip) with binary parameters and results. What QPSQL adds on top is the difference.
class PgReader final
{
public:
    ~PgReader() { PQfinish(m_conn); }

    bool open(const DatabaseUrl &url)
    {
        m_conn = connectLibpq(url);
        return PQstatus(m_conn) == CONNECTION_OK;
    }

    QString error() const { return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(); }

    QList<TrendPoint> trend(const TrendRequest &r, qint64 *rows)
    {
        QList<TrendPoint> points;
        *rows = query("SELECT bucket, min, max, sum, count FROM rollups WHERE resource_id = $1 AND metric = $2"
                      " AND period = $3 AND bucket >= $4 AND bucket <= $5 ORDER BY bucket",
                      { r.resourceId, qint64(r.metric), Schema::HourSeconds, floorHour(r.from), r.to },
                      [&](const PGresult *res, int row) {
                          const qint64 bucket = int8(res, row, 0);
                          const qint64 count = int8(res, row, 4);
                          points.append(TrendPoint { bucket, count > 0 ? float8(res, row, 3) / double(count) : 0,
                                                     float8(res, row, 1), float8(res, row, 2), count, bucket,
                                                     bucket + Schema::HourSeconds - 1 });
                      });
        return points;
    }

    QList<TrendPoint> naiveTrend(const TrendRequest &r, qint64 *rows)
    {
        HourFolder folder;
        *rows = query("SELECT ts, value FROM samples WHERE resource_id = $1 AND metric = $2 AND ts >= $3 AND ts <= $4"
                      " ORDER BY ts",
                      { r.resourceId, qint64(r.metric), r.from, r.to },
                      [&](const PGresult *res, int row) { folder.add(int8(res, row, 0), float8(res, row, 1)); });
        return folder.take();
    }

private:
    static qint64 int8(const PGresult *res, int row, int column)
    {
        return qFromBigEndian<qint64>(PQgetvalue(res, row, column));
    }
    static double float8(const PGresult *res, int row, int column)
    {
        const quint64 bits = qFromBigEndian<quint64>(PQgetvalue(res, row, column));
        double v = 0;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }

    // Binary int8 parameters and binary results; returns the rows, or -1.
    template<typename Row> qint64 query(const char *sql, std::initializer_list<qint64> binds, Row &&row)
    {
        std::vector<quint64> big;
        std::vector<const char *> values;
        std::vector<int> lengths;
        std::vector<int> formats;
        std::vector<Oid> types;
        big.reserve(binds.size());
        for (qint64 b : binds) {
            big.push_back(qToBigEndian(quint64(b)));
            values.push_back(reinterpret_cast<const char *>(&big.back()));
            lengths.push_back(8);
            formats.push_back(1);
            types.push_back(20); // int8
        }
        PGresult *res = PQexecParams(m_conn, sql, int(values.size()), types.data(), values.data(), lengths.data(),
                                     formats.data(), 1);
        qint64 rows = -1;
        if (PQresultStatus(res) == PGRES_TUPLES_OK) {
            rows = PQntuples(res);
            for (int i = 0; i < rows; ++i)
                row(res, i);
        }
        PQclear(res);
        return rows;
    }

    PGconn *m_conn = nullptr;
};
#else
// Without libpq at build time there is no PostgreSQL reference; this stands in so the code reads the same.
class PgReader final
{
public:
    bool open(const DatabaseUrl &) { return false; }
    QString error() const { return QStringLiteral("built without libpq"); }
    QList<TrendPoint> trend(const TrendRequest &, qint64 *rows) { return *rows = -1, QList<TrendPoint>(); }
    QList<TrendPoint> naiveTrend(const TrendRequest &, qint64 *rows) { return *rows = -1, QList<TrendPoint>(); }
};
#endif

// Per-call times of `reps` calls of f(i) after `warmup` untimed ones (given other arguments, so a warm-up never
// primes the very rows a timed call reads). f returns the rows it read, or -1 after recording a failure.
template<typename F> std::vector<double> timeCalls(int warmup, int reps, F &&f, double *rowsPerCall)
{
    for (int i = 0; i < warmup; ++i) {
        if (f(reps + i) < 0)
            return {};
    }
    std::vector<double> ns;
    ns.reserve(size_t(reps));
    qint64 rows = 0;
    QElapsedTimer t;
    for (int i = 0; i < reps; ++i) {
        t.start();
        const qint64 n = f(i);
        ns.push_back(double(t.nsecsElapsed()));
        if (n < 0)
            return {};
        rows += n;
    }
    *rowsPerCall = reps > 0 ? double(rows) / reps : 0;
    return ns;
}

// The clean pages of the file leave the OS page cache (no root needed); with SQLite's own cache shrunk as well,
// the next read comes from the disk, as the first chart after a reboot does.
void dropFileCache(const QString &path)
{
    for (const char *suffix : { "", "-wal" }) {
        const int fd = ::open((path + QLatin1String(suffix)).toLocal8Bit().constData(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

// Reads the whole file once, so that every figure but the cold one starts from a warm OS page cache, whether the
// store was just written or reused after a reboot.
void warmFileCache(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    QByteArray chunk(4 << 20, Qt::Uninitialized);
    while (f.read(chunk.data(), chunk.size()) > 0) { }
}

class Run final
{
public:
    Run(const QueryStore &store, QSqlDatabase db, RawReader *raw, PgReader *pg, bool quick, QueryBenchResult &result)
        : m_store(store)
        , m_db(db)
        , m_raw(raw)
        , m_pg(pg)
        , m_quick(quick)
        , m_result(result)
    {
        m_trendDays = std::min(30, store.spec.days);
    }

    // Items numbered as in docs/BENCHMARKS.md; empty means all of them.
    void run(const QList<int> &items)
    {
        auto wanted = [&](int item) { return items.isEmpty() || items.contains(item); };
        if (wanted(1))
            month();
        if (wanted(2))
            day();
        if (wanted(3))
            fleet();
        if (wanted(4))
            summary();
        if (wanted(7))
            naive();
        if (wanted(5))
            cacheHits();
        if (wanted(6))
            lttb();
        if (wanted(1))
            cold();
    }

private:
    int reps(int full, int quick) const { return m_quick ? quick : full; }

    // The i-th series, in an order that jumps across the table (the stride is prime, so each comes once a round).
    std::pair<qint64, Metric> series(int i) const
    {
        const qint64 n = qint64(m_store.seriesIds.size()) * 3;
        const qint64 k = (qint64(i) * 7919) % n;
        return { m_store.seriesIds.at(k / 3), AllMetrics[k % 3] };
    }

    TrendRequest monthRequest(int i) const
    {
        const auto [id, metric] = series(i);
        return TrendRequest { id, metric, m_store.lastTs - m_trendDays * Day + Step, m_store.lastTs, ChartWidth };
    }

    // A day of raw samples; the day moves back through the history too, so repetitions spread over the file.
    TrendRequest dayRequest(int i) const
    {
        const auto [id, metric] = series(i);
        const qint64 to = m_store.lastTs - (i % m_store.spec.days) * Day;
        return TrendRequest { id, metric, to - Day + Step, to, ChartWidth };
    }

    void fail(const QString &what)
    {
        if (m_result.error.isEmpty())
            m_result.error = what;
    }

    void add(QueryFigure f, const std::vector<double> &ns)
    {
        if (ns.empty()) {
            fail(f.id + QStringLiteral(": no timing (a call failed)"));
            return;
        }
        f.reps = int(ns.size());
        f.p50Ns = percentile(ns, 50);
        f.p95Ns = percentile(ns, 95);
        m_result.figures << f;
    }

    // Times the QtSql path and its twin on the engine's own C API (when there is one) in alternation (A B, B A,
    // A B, …), so that a busy moment of the machine, and whichever of the two warms a page for the other, falls on
    // both alike.
    void twins(QueryFigure a, std::optional<QueryFigure> twin, int warmup, int reps,
               const std::function<qint64(int)> &fa, const std::function<qint64(int)> &fb)
    {
        if (!twin) {
            add(a, timeCalls(warmup, reps, fa, &a.rowsRead));
            return;
        }
        QueryFigure &b = *twin;
        for (int i = 0; i < warmup; ++i) {
            if (fa(reps + i) < 0 || fb(reps + i) < 0)
                return add(a, {});
        }
        std::vector<double> nsA;
        std::vector<double> nsB;
        qint64 rowsA = 0;
        qint64 rowsB = 0;
        QElapsedTimer t;
        auto one = [&t](const std::function<qint64(int)> &f, int i, std::vector<double> &ns, qint64 &rows) {
            t.start();
            const qint64 n = f(i);
            ns.push_back(double(t.nsecsElapsed()));
            rows += n;
            return n >= 0;
        };
        for (int i = 0; i < reps; ++i) {
            const bool ok = i % 2 == 0 ? one(fa, i, nsA, rowsA) && one(fb, i, nsB, rowsB)
                                       : one(fb, i, nsB, rowsB) && one(fa, i, nsA, rowsA);
            if (!ok)
                return add(a, {});
        }
        a.rowsRead = double(rowsA) / reps;
        b.rowsRead = double(rowsB) / reps;
        add(a, nsA);
        add(b, nsB);
    }

    void month()
    {
        const qint64 retained = m_store.firstTs;
        const qint64 monthPoints = m_trendDays * 24;
        QueryFigure f = figure(
            QStringLiteral("trend.30d"), 1,
            QStringLiteral("%1-day trend, one resource, %2 px (hourly rollups)").arg(m_trendDays).arg(ChartWidth),
            QStringLiteral("ReadQueries::trend, QtSql"));
        f.targetNs = 1e6;
        f.answer = monthPoints;
        QueryFigure g = m_raw
            ? figure(QStringLiteral("trend.30d.sqlite3"), 1, f.what, QStringLiteral("sqlite3 C API, same SQL"))
            : figure(QStringLiteral("trend.30d.libpq"), 1, f.what,
                     QStringLiteral("libpq PQexecParams, binary, same SQL"));
        g.answer = monthPoints;
        twins(
            f, m_raw || m_pg ? std::optional(g) : std::nullopt, reps(50, 20), reps(2000, 300),
            [&](int i) -> qint64 {
                const TrendResult r = ReadQueries::trend(m_db, monthRequest(i), retained);
                if (!r.error.isEmpty() || r.tier != TrendTier::Hour || r.points.size() != monthPoints) {
                    fail(QStringLiteral("trend.30d: tier %1, %2 points (%3 expected) %4")
                             .arg(trendTierName(r.tier))
                             .arg(r.points.size())
                             .arg(monthPoints)
                             .arg(r.error));
                    return -1;
                }
                return r.rowsRead;
            },
            [&](int i) -> qint64 {
                qint64 rows = 0;
                const QList<TrendPoint> points = m_raw ? m_raw->trend(monthRequest(i), TrendTier::Hour, &rows)
                                                       : m_pg->trend(monthRequest(i), &rows);
                if (rows != monthPoints || points.size() != monthPoints) {
                    fail(QStringLiteral("%1: %2 rows: %3")
                             .arg(g.id)
                             .arg(rows)
                             .arg(m_raw ? m_raw->error() : m_pg->error()));
                    return -1;
                }
                return rows;
            });
        m_result.checks << QStringLiteral("month trends: hourly tier, %1 points").arg(monthPoints);
    }

    // Last of all: it empties the OS page cache of the file, which every other figure assumes warm. SQLite only.
    void cold()
    {
        if (m_store.path.isEmpty())
            return;
        const qint64 monthPoints = m_trendDays * 24;
        QueryFigure c = figure(
            QStringLiteral("trend.30d.cold"), 1,
            QStringLiteral("%1-day trend, one resource, %2 px (hourly rollups)").arg(m_trendDays).arg(ChartWidth),
            QStringLiteral("ReadQueries::trend, QtSql; file evicted from the OS page cache first"));
        c.answer = monthPoints;
        c.note = QStringLiteral("before each call, untimed: PRAGMA shrink_memory, then posix_fadvise(DONTNEED) on the "
                                "database file (the guest's page cache; the host may still cache the disk)");
        QSqlQuery shrink(m_db);
        std::vector<double> ns;
        qint64 rows = 0;
        QElapsedTimer t;
        const int count = reps(100, 10);
        for (int i = 0; i < count; ++i) {
            shrink.exec(QStringLiteral("PRAGMA shrink_memory"));
            dropFileCache(m_store.path);
            t.start(); // the eviction is not timed: only the read that follows it
            const TrendResult r = ReadQueries::trend(m_db, monthRequest(i + 997), m_store.firstTs);
            ns.push_back(double(t.nsecsElapsed()));
            if (!r.error.isEmpty() || r.points.size() != monthPoints) {
                ns.clear();
                break;
            }
            rows += r.rowsRead;
        }
        c.rowsRead = double(rows) / count;
        add(c, ns);
    }

    void day()
    {
        const qint64 retained = m_store.firstTs;
        const qint64 dayPoints = Day / Step;
        QueryFigure d = figure(QStringLiteral("trend.24h"), 2,
                               QStringLiteral("24-hour trend, one resource, %1 px (raw samples)").arg(ChartWidth),
                               QStringLiteral("ReadQueries::trend, QtSql"));
        d.targetNs = 5e6;
        d.answer = dayPoints;
        QueryFigure g
            = figure(QStringLiteral("trend.24h.sqlite3"), 2, d.what, QStringLiteral("sqlite3 C API, same SQL"));
        g.answer = dayPoints;
        twins(
            d, m_raw ? std::optional(g) : std::nullopt, reps(50, 20), reps(2000, 300),
            [&](int i) -> qint64 {
                const TrendResult r = ReadQueries::trend(m_db, dayRequest(i), retained);
                if (!r.error.isEmpty() || r.tier != TrendTier::Raw || r.points.size() != dayPoints) {
                    fail(QStringLiteral("trend.24h: tier %1, %2 points (%3 expected) %4")
                             .arg(trendTierName(r.tier))
                             .arg(r.points.size())
                             .arg(dayPoints)
                             .arg(r.error));
                    return -1;
                }
                return r.rowsRead;
            },
            [&](int i) -> qint64 {
                qint64 rows = 0;
                m_raw->trend(dayRequest(i), TrendTier::Raw, &rows);
                if (rows != dayPoints) {
                    fail(QStringLiteral("trend.24h.sqlite3: %1 rows: %2").arg(rows).arg(m_raw->error()));
                    return -1;
                }
                return rows;
            });
        m_result.checks << QStringLiteral("day trends: raw tier, %1 points").arg(dayPoints);
    }

    void fleet()
    {
        QueryFigure f
            = figure(QStringLiteral("fleet"), 3, QStringLiteral("fleet table, %1 resources").arg(m_store.fleetRows),
                     QStringLiteral("ReadQueries::fleet, QtSql"));
        f.targetNs = 10e6;
        f.answer = m_store.fleetRows;
        QueryFigure g = figure(QStringLiteral("fleet.sqlite3"), 3, f.what, QStringLiteral("sqlite3 C API, same SQL"));
        g.answer = m_store.fleetRows;
        twins(
            f, m_raw ? std::optional(g) : std::nullopt, reps(10, 5), reps(300, 50),
            [&](int) -> qint64 {
                const FleetResult r = ReadQueries::fleet(m_db, {});
                if (!r.error.isEmpty() || r.rows.size() != m_store.fleetRows || r.lastSyncAt == 0) {
                    fail(QStringLiteral("fleet: %1 rows (%2 expected) %3")
                             .arg(r.rows.size())
                             .arg(m_store.fleetRows)
                             .arg(r.error));
                    return -1;
                }
                return r.rows.size() + 1;
            },
            [&](int) -> qint64 {
                const FleetResult r = m_raw->fleet();
                if (!r.error.isEmpty() || r.rows.size() != m_store.fleetRows) {
                    fail(QStringLiteral("fleet.sqlite3: %1 rows %2").arg(r.rows.size()).arg(r.error));
                    return -1;
                }
                return r.rows.size() + 1;
            });

        m_result.checks << QStringLiteral("fleet: every resource and the last sync");
    }

    void summary()
    {
        const qint64 to = m_store.lastTs;
        const qint64 from = to - Day + Step;
        QueryFigure s = figure(QStringLiteral("summary.24h"), 4,
                               QStringLiteral("fleet 24-hour summary: counts, top 10 per metric, hourly fleet average"),
                               QStringLiteral("ReadQueries::summary, QtSql"));
        s.targetNs = 10e6;
        s.answer = 3 * 24;
        s.note = QStringLiteral("rows read = the hourly fleet-average points returned (the rollup index entries "
                                "behind them are read in the database)");
        add(s,
            timeCalls(
                reps(10, 5), reps(300, 50),
                [&](int) -> qint64 {
                    const FleetSummary r = ReadQueries::summary(m_db, from, to, 10);
                    qint64 rows = 0;
                    for (const auto &series : r.average)
                        rows += series.size();
                    if (!r.error.isEmpty() || rows != 3 * 24 || r.resources != m_store.fleetRows
                        || r.top.value(Metric::Cpu).size() != 10) {
                        fail(QStringLiteral("summary.24h: %1 average points (72 expected), %2 resources %3")
                                 .arg(rows)
                                 .arg(r.resources)
                                 .arg(r.error));
                        return -1;
                    }
                    return rows;
                },
                &s.rowsRead));
        m_result.checks << QStringLiteral(
            "summary: 24 hourly averages per metric, top 10, counts over the whole fleet");
    }

    void naive()
    {
        // One-resource month: every raw sample through QtSql, bucketed into hours here.
        const qint64 monthRows = m_trendDays * Day / Step;
        auto naiveTrend = [&](const TrendRequest &r, qint64 *rows) {
            QSqlQuery q(m_db);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                                     " AND ts <= ? ORDER BY ts"));
            q.addBindValue(r.resourceId);
            q.addBindValue(int(r.metric));
            q.addBindValue(r.from);
            q.addBindValue(r.to);
            HourFolder folder;
            *rows = 0;
            if (!q.exec()) {
                *rows = -1;
                return QList<TrendPoint>();
            }
            while (q.next()) {
                folder.add(q.value(0).toLongLong(), q.value(1).toDouble());
                ++*rows;
            }
            return folder.take();
        };
        {
            qint64 rows = 0;
            const QList<TrendPoint> naivePoints = naiveTrend(monthRequest(0), &rows);
            const TrendResult repo = ReadQueries::trend(m_db, monthRequest(0), m_store.firstTs);
            const QString diff = compareSeries(naivePoints, repo.points);
            if (!diff.isEmpty())
                fail(QStringLiteral("naive.trend.30d does not match ReadQueries::trend: ") + diff);
            else
                m_result.checks << QStringLiteral("naive month = ReadQueries::trend (hourly avg/min/max/count)");
            qint64 twinRows = 0;
            if (m_raw || m_pg) {
                const QString twinDiff = compareSeries(m_raw ? m_raw->naiveTrend(monthRequest(0), &twinRows)
                                                             : m_pg->naiveTrend(monthRequest(0), &twinRows),
                                                       repo.points);
                if (!twinDiff.isEmpty())
                    fail(QStringLiteral("the naive month on the C API does not match: ") + twinDiff);
            }
            if (m_raw || m_pg) {
                const QString twinDiff = compareSeries(m_raw ? m_raw->trend(monthRequest(0), TrendTier::Hour, &twinRows)
                                                             : m_pg->trend(monthRequest(0), &twinRows),
                                                       repo.points);
                if (!twinDiff.isEmpty())
                    fail(QStringLiteral("the month trend on the C API does not match: ") + twinDiff);
            }
        }
        QueryFigure t
            = figure(QStringLiteral("naive.trend.30d"), 7,
                     QStringLiteral("naive %1-day trend: every raw sample, hours averaged in C++").arg(m_trendDays),
                     QStringLiteral("QtSql, one prepared SELECT on the primary key"));
        t.answer = m_trendDays * 24;
        QueryFigure g = m_raw
            ? figure(QStringLiteral("naive.trend.30d.sqlite3"), 7, t.what, QStringLiteral("sqlite3 C API, same SQL"))
            : figure(QStringLiteral("naive.trend.30d.libpq"), 7, t.what,
                     QStringLiteral("libpq PQexecParams, binary, same SQL"));
        g.answer = t.answer;
        twins(
            t, m_raw || m_pg ? std::optional(g) : std::nullopt, reps(10, 5), reps(300, 50),
            [&](int i) -> qint64 {
                qint64 rows = 0;
                naiveTrend(monthRequest(i), &rows);
                if (rows != monthRows) {
                    fail(QStringLiteral("naive.trend.30d: %1 rows (%2 expected)").arg(rows).arg(monthRows));
                    return -1;
                }
                return rows;
            },
            [&](int i) -> qint64 {
                qint64 rows = 0;
                if (m_raw)
                    m_raw->naiveTrend(monthRequest(i), &rows);
                else
                    m_pg->naiveTrend(monthRequest(i), &rows);
                return rows == monthRows ? rows : -1;
            });

        // The fleet's day: every raw sample of every resource, averaged per metric and hour here.
        const qint64 to = m_store.lastTs;
        const qint64 from = to - Day + Step;
        auto naiveSummary = [&](qint64 *rows) {
            QSqlQuery q(m_db);
            q.setForwardOnly(true);
            QList<qint64> ids;
            *rows = -1;
            if (!q.exec(QStringLiteral("SELECT id FROM resources ORDER BY id")))
                return QMap<Metric, QList<TrendPoint>>();
            while (q.next())
                ids << q.value(0).toLongLong();
            q.prepare(QStringLiteral("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                                     " AND ts <= ?"));
            FleetFolder folder;
            qint64 n = 0;
            for (qint64 id : std::as_const(ids)) {
                for (Metric m : AllMetrics) {
                    q.addBindValue(id);
                    q.addBindValue(int(m));
                    q.addBindValue(from);
                    q.addBindValue(to);
                    if (!q.exec())
                        return QMap<Metric, QList<TrendPoint>>();
                    while (q.next()) {
                        folder.add(int(m), q.value(0).toLongLong(), q.value(1).toDouble());
                        ++n;
                    }
                }
            }
            *rows = n;
            return folder.take();
        };
        auto naiveScan = [&](qint64 *rows) {
            QSqlQuery q(m_db);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT metric, ts, value FROM samples WHERE ts >= ? AND ts <= ?"));
            q.addBindValue(from);
            q.addBindValue(to);
            FleetFolder folder;
            *rows = -1;
            if (!q.exec())
                return QMap<Metric, QList<TrendPoint>>();
            qint64 n = 0;
            while (q.next()) {
                folder.add(q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toDouble());
                ++n;
            }
            *rows = n;
            return folder.take();
        };

        const FleetSummary repo = ReadQueries::summary(m_db, from, to, 10);
        qint64 dayRows = 0;
        {
            const QMap<Metric, QList<TrendPoint>> naiveAverage = naiveSummary(&dayRows);
            QString diff;
            for (Metric m : AllMetrics) {
                if (diff.isEmpty())
                    diff = compareSeries(naiveAverage.value(m), repo.average.value(m));
            }
            if (dayRows <= 0 || !diff.isEmpty())
                fail(QStringLiteral("naive.summary.24h does not match ReadQueries::summary: ") + diff);
            else
                m_result.checks << QStringLiteral("naive fleet day = ReadQueries::summary's hourly fleet average "
                                                  "(%1 raw rows)")
                                       .arg(dayRows);
        }
        QueryFigure s = figure(QStringLiteral("naive.summary.24h"), 7,
                               QStringLiteral("naive fleet 24-hour average: every raw sample of every resource, "
                                              "hours averaged in C++"),
                               QStringLiteral("QtSql, one primary-key range per resource and metric (%1 SELECTs)")
                                   .arg(m_store.fleetRows * 3));
        s.answer = 3 * 24;
        s.note = QStringLiteral("does only the average; the summary also counts and ranks the fleet");
        QueryFigure h
            = figure(QStringLiteral("naive.summary.24h.sqlite3"), 7, s.what, QStringLiteral("sqlite3 C API, same SQL"));
        h.answer = s.answer;
        twins(
            s, m_raw ? std::optional(h) : std::nullopt, reps(1, 1), reps(20, 3),
            [&](int) -> qint64 {
                qint64 rows = 0;
                naiveSummary(&rows);
                return rows == dayRows ? rows : -1;
            },
            [&](int) -> qint64 {
                qint64 rows = 0;
                m_raw->naiveSummary(from, to, &rows);
                return rows == dayRows ? rows : -1;
            });
        QueryFigure scan
            = figure(QStringLiteral("naive.summary.24h.scan"), 7, s.what,
                     QStringLiteral("QtSql, one SELECT … WHERE ts BETWEEN (no index on ts: reads the table)"));
        scan.answer = s.answer;
        add(scan,
            timeCalls(
                reps(1, 0), 3,
                [&](int) -> qint64 {
                    qint64 rows = 0;
                    naiveScan(&rows);
                    return rows == dayRows ? rows : -1;
                },
                &scan.rowsRead));
    }

    void cacheHits()
    {
        // A Repository as the app makes it; the first call of each view fills its cache, every timed one hits.
        Repository repo(m_store.url);
        const TrendRequest month = monthRequest(0);
        // A live window ending now that still covers the store's last day, wherever "now" is.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const qint64 span = ((now - (m_store.lastTs - Day)) / Schema::HourSeconds + 1) * Schema::HourSeconds;
        const std::pair<qint64, Metric> live = series(1);

        struct View
        {
            QString id;
            QString what;
            std::function<qint64()> call; // the answer's size
        };
        const QList<View> views {
            { QStringLiteral("cache.fleet"), QStringLiteral("Repository::fleet(), cached"),
              [&] { return qint64(repo.fleet().result().rows.size()); } },
            { QStringLiteral("cache.recentTrend"),
              QStringLiteral("Repository::recentTrend(%1 h live window), cached").arg(span / Schema::HourSeconds),
              [&] {
                  return qint64(repo.recentTrend(live.first, live.second, span, ChartWidth).result().points.size());
              } },
            { QStringLiteral("cache.trend"),
              QStringLiteral("Repository::trend(%1-day request), cached").arg(m_trendDays),
              [&] { return qint64(repo.trend(month).result().points.size()); } },
        };

        const int calls = reps(100'000, 20'000);
        constexpr int Batch = 100;
        for (const View &view : views) {
            const qint64 answer = view.call(); // the miss that fills the cache
            if (answer <= 0) {
                fail(view.id + QStringLiteral(": the first call returned nothing"));
                continue;
            }
            const QueryCacheStats before = repo.cache().stats();
            qint64 sink = 0;
            for (int i = 0; i < 1000; ++i)
                sink += view.call();
            QElapsedTimer t;
            std::vector<double> perCall;
            perCall.reserve(size_t(calls));
            for (int i = 0; i < calls; ++i) {
                t.start();
                sink += view.call();
                perCall.push_back(double(t.nsecsElapsed()));
            }
            std::vector<double> perBatch;
            perBatch.reserve(size_t(calls / Batch));
            for (int b = 0; b < calls / Batch; ++b) {
                t.start();
                for (int i = 0; i < Batch; ++i)
                    sink += view.call();
                perBatch.push_back(double(t.nsecsElapsed()) / Batch);
            }
            const QueryCacheStats after = repo.cache().stats();
            const qint64 made = 1000 + 2 * qint64(calls);
            const qint64 misses = after.misses - before.misses;
            // A live window moves on at each minute: its first call in a new minute is a miss, nothing else is.
            const qint64 allowedMisses = view.id == QLatin1String("cache.recentTrend") ? 3 : 0;
            if (sink != answer * made && allowedMisses == 0)
                fail(view.id + QStringLiteral(": answers changed between calls"));
            if (after.hits - before.hits < made - allowedMisses || misses > allowedMisses)
                fail(QStringLiteral("%1: %2 hits and %3 misses in %4 calls")
                         .arg(view.id)
                         .arg(after.hits - before.hits)
                         .arg(misses)
                         .arg(made));

            QueryFigure batch
                = figure(view.id + QStringLiteral(".batch"), 5, view.what,
                         QStringLiteral("QueryCache hit, call to future.result(); batches of %1, / %1").arg(Batch));
            batch.answer = answer;
            batch.targetNs = 1000;
            add(batch, perBatch);
            QueryFigure one = figure(view.id + QStringLiteral(".call"), 5, view.what,
                                     QStringLiteral("QueryCache hit, call to future.result(); each call timed"));
            one.answer = answer;
            one.note = QStringLiteral("each call timed on its own (includes the timer's own cost, see below)");
            add(one, perCall);
        }
        m_result.checks << QStringLiteral("cache hits: every timed call was a QueryCache hit (QueryCacheStats; the "
                                          "live window may miss once per minute boundary)");

        // Where a hit's time goes: the cache's own lookup, and the ready QFuture every Repository call returns.
        const FleetResult fleetValue = repo.fleet().result();
        const QByteArray fleetKey = QByteArrayLiteral("fleet|") + FleetFilter {}.key(); // as Repository spells it
        const QList<View> parts {
            { QStringLiteral("cache.peek"), QStringLiteral("QueryCache::peek<FleetResult>(fleet key), no QFuture"),
              [&] {
                  const std::optional<FleetResult> v = repo.cache().peek<FleetResult>(fleetKey);
                  return v ? qint64(v->rows.size()) : qint64(0);
              } },
            { QStringLiteral("future.ready"),
              QStringLiteral("QtFuture::makeReadyFuture(fleet result).result(), no cache"),
              [&] { return qint64(QtFuture::makeReadyFuture(fleetValue).result().rows.size()); } },
        };
        for (const View &part : parts) {
            const qint64 answer = part.call();
            // The key is spelled here as Repository spells it; should that change, the reference is left out
            // (it explains a hit, it does not check one).
            if (answer != fleetValue.rows.size()) {
                m_result.notes << QStringLiteral("%1 left out: %2 rows, %3 expected (has Repository's fleet key "
                                                 "changed?)")
                                      .arg(part.id)
                                      .arg(answer)
                                      .arg(fleetValue.rows.size());
                continue;
            }
            qint64 sink = 0;
            for (int i = 0; i < 1000; ++i)
                sink += part.call();
            QElapsedTimer t;
            std::vector<double> perBatch;
            for (int b = 0; b < calls / Batch; ++b) {
                t.start();
                for (int i = 0; i < Batch; ++i)
                    sink += part.call();
                perBatch.push_back(double(t.nsecsElapsed()) / Batch);
            }
            QueryFigure f = figure(part.id, 5, part.what,
                                   QStringLiteral("reference: one part of a hit; batches of %1, / %1").arg(Batch));
            f.answer = answer;
            add(f, perBatch);
            if (sink != answer * (1000 + qint64(calls / Batch) * Batch))
                fail(part.id + QStringLiteral(": answers changed between calls"));
        }

        // What QElapsedTimer itself adds to a per-call figure.
        std::vector<double> empty;
        empty.reserve(100'000);
        QElapsedTimer t;
        for (int i = 0; i < 100'000; ++i) {
            t.start();
            empty.push_back(double(t.nsecsElapsed()));
        }
        m_result.notes << QStringLiteral("timer: an empty start()/nsecsElapsed() pair takes %1 ns p50, %2 ns p95")
                              .arg(percentile(empty, 50), 0, 'f', 0)
                              .arg(percentile(empty, 95), 0, 'f', 0);
    }

    void lttb()
    {
        constexpr qsizetype N = 1'000'000;
        constexpr qsizetype Threshold = 2000;
        std::vector<qint64> x(N);
        std::vector<double> y(N);
        std::mt19937_64 rng(m_store.spec.seed);
        std::normal_distribution<double> noise(0.0, 1.0);
        double v = 50;
        for (qsizetype i = 0; i < N; ++i) {
            x[size_t(i)] = m_store.firstTs + i * 10;
            v = std::clamp(v + 0.1 * (50 - v) + 3 * noise(rng), 0.0, 100.0);
            y[size_t(i)] = v;
        }
        QueryFigure f = figure(QStringLiteral("lttb"), 6, QStringLiteral("LTTB, 1,000,000 points to 2,000"),
                               QStringLiteral("Lttb::downsample"));
        f.targetNs = 10e6;
        f.answer = Threshold;
        add(f,
            timeCalls(
                2, reps(50, 10),
                [&](int) -> qint64 {
                    const std::vector<Lttb::Pick> picks = Lttb::downsample(x.data(), y.data(), N, Threshold);
                    if (qsizetype(picks.size()) != Threshold) {
                        fail(QStringLiteral("lttb: %1 picks").arg(picks.size()));
                        return -1;
                    }
                    return 0;
                },
                &f.rowsRead));
    }

    // The workload's step: a range of whole days starts one step after a day boundary and ends on the last sample.
    static constexpr qint64 Step = 300;

    const QueryStore &m_store;
    QSqlDatabase m_db;
    RawReader *m_raw = nullptr; // SQLite: the sqlite3 twin of each read
    PgReader *m_pg = nullptr; // PostgreSQL with libpq: the libpq twin of the trend reads
    bool m_quick = false;
    QueryBenchResult &m_result;
    qint64 m_trendDays = 30;
};

// "12.3 ms", "450 µs", "0.61 µs"
QString duration(double ns)
{
    if (ns <= 0)
        return QStringLiteral("—");
    if (ns < 10'000)
        return QString::number(ns / 1e3, 'f', ns < 1000 ? 3 : 2) + QStringLiteral(" µs");
    if (ns < 1e6)
        return QString::number(ns / 1e3, 'f', 0) + QStringLiteral(" µs");
    if (ns < 1e9)
        return QString::number(ns / 1e6, 'f', ns < 1e7 ? 2 : 1) + QStringLiteral(" ms");
    return QString::number(ns / 1e9, 'f', 2) + QStringLiteral(" s");
}

QString times(double x)
{
    return QString::number(x, 'f', x < 10 ? 2 : (x < 100 ? 1 : 0)) + QStringLiteral("×");
}

QString grouped(qint64 n)
{
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

} // namespace

const QueryFigure *QueryBenchResult::find(const QString &id) const
{
    for (const QueryFigure &f : figures) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

QueryBenchResult runQueryBench(const QueryStore &store, const QString &engine, bool quick, const QList<int> &items)
{
    QueryBenchResult result;
    result.engine = engine;
    result.store = store;
    const QString connection = QStringLiteral("opsdeck-bench-query-") + engine;
    {
        QString error;
        auto db = Database::open(store.url, connection, &error);
        if (!db) {
            result.error = error;
            return result;
        }
        RawReader raw;
        const bool haveRaw = store.url.isSqlite() && !store.path.isEmpty();
        if (haveRaw && !raw.open(store.path)) {
            result.error = QStringLiteral("sqlite3: cannot open %1: %2").arg(store.path, raw.error());
            return result;
        }
        if (haveRaw) {
            warmFileCache(store.path);
            result.notes << QStringLiteral("the database file was read once before the first figure: all but the cold "
                                           "one start from a warm OS page cache (SQLite's own cache is 2 MB per "
                                           "connection, far smaller than the store)");
        }
        PgReader pg;
        bool havePg = false;
#ifdef OPSDECK_BENCH_HAVE_LIBPQ
        havePg = !store.url.isSqlite();
        if (havePg && !pg.open(store.url)) {
            result.error = QStringLiteral("libpq: cannot connect to %1: %2").arg(store.url.redacted(), pg.error());
            return result;
        }
#endif
        Run run(store, *db, haveRaw ? &raw : nullptr, havePg ? &pg : nullptr, quick, result);
        run.run(items);
    }
    Database::close(connection);
    return result;
}

void printQueryReport(QTextStream &out, const QList<QueryBenchResult> &results)
{
    for (const QueryBenchResult &r : results) {
        out << "\n### " << r.engine << ": " << r.store.url.redacted() << "\n\n";
        if (!r.ok())
            out << "FAILED: " << r.error << "\n\n";
        out << "| # | what | path | rows read | answer | reps | p50 | p95 | target (p50) | |\n"
            << "|--:|---|---|--:|--:|--:|--:|--:|--:|---|\n";
        // In the order of the numbered items; measured in another (the slow naive reads before the cache loops).
        QList<QueryFigure> figures = r.figures;
        std::stable_sort(figures.begin(), figures.end(),
                         [](const QueryFigure &a, const QueryFigure &b) { return a.item < b.item; });
        for (const QueryFigure &f : std::as_const(figures)) {
            QString verdict;
            if (f.targetNs > 0)
                verdict = f.p50Ns <= f.targetNs ? QStringLiteral("met") : QStringLiteral("**MISSED**");
            out << "| " << f.item << " | " << f.what << " | " << f.path << " | "
                << (f.rowsRead > 0 ? grouped(qRound64(f.rowsRead)) : QStringLiteral("—")) << " | " << grouped(f.answer)
                << " | " << grouped(f.reps) << " | " << duration(f.p50Ns) << " | " << duration(f.p95Ns) << " | "
                << (f.targetNs > 0 ? QStringLiteral("≤ ") + duration(f.targetNs) : QString()) << " | " << verdict
                << " |\n";
        }
        QStringList notes;
        for (const QueryFigure &f : r.figures) {
            if (!f.note.isEmpty())
                notes << QStringLiteral("%1: %2").arg(f.id, f.note);
        }
        notes << r.notes;
        if (!notes.isEmpty())
            out << "\nNotes:\n";
        for (const QString &n : std::as_const(notes))
            out << "  " << n << '\n';

        auto p50 = [&](const char *id) {
            const QueryFigure *f = r.find(QLatin1String(id));
            return f ? f->p50Ns : 0.0;
        };
        auto line = [&](const QString &label, double a, double b, const QString &tail = {}) {
            if (a > 0 && b > 0)
                out << "  " << label << ": " << duration(a) << " / " << duration(b) << " = " << times(a / b) << tail
                    << '\n';
        };
        auto goal = [](double x, double target) {
            return x >= target ? QStringLiteral(" -- met") : QStringLiteral(" -- MISSED");
        };
        out << "\nRatios (p50 / p50):\n";
        line(QStringLiteral("QtSql over sqlite3, 30-day trend"), p50("trend.30d"), p50("trend.30d.sqlite3"));
        line(QStringLiteral("QtSql over libpq, 30-day trend"), p50("trend.30d"), p50("trend.30d.libpq"));
        line(QStringLiteral("QtSql over libpq, naive 30-day trend"), p50("naive.trend.30d"),
             p50("naive.trend.30d.libpq"));
        line(QStringLiteral("QtSql over sqlite3, 24-hour trend"), p50("trend.24h"), p50("trend.24h.sqlite3"));
        line(QStringLiteral("QtSql over sqlite3, fleet table"), p50("fleet"), p50("fleet.sqlite3"));
        line(QStringLiteral("QtSql over sqlite3, naive 30-day trend"), p50("naive.trend.30d"),
             p50("naive.trend.30d.sqlite3"));
        line(QStringLiteral("QtSql over sqlite3, naive fleet day"), p50("naive.summary.24h"),
             p50("naive.summary.24h.sqlite3"));
        line(QStringLiteral("30-day trend, page cache dropped over warm"), p50("trend.30d.cold"), p50("trend.30d"));
        if (const QueryFigure *n = r.find(QStringLiteral("naive.trend.30d")); n && p50("naive.trend.30d.sqlite3") > 0)
            out << "  QtSql per raw row (naive 30-day trend, 2 columns): "
                << QString::number((n->p50Ns - p50("naive.trend.30d.sqlite3")) / n->rowsRead, 'f', 0) << " ns\n";
        const double naiveMonth = p50("naive.trend.30d");
        const double naiveDay = p50("naive.summary.24h");
        const double naiveScan = p50("naive.summary.24h.scan");
        if (naiveMonth > 0 && p50("trend.30d") > 0)
            line(QStringLiteral("naive / repository, 30-day trend (target >= 100x)"), naiveMonth, p50("trend.30d"),
                 goal(naiveMonth / p50("trend.30d"), 100));
        if (naiveDay > 0 && p50("summary.24h") > 0)
            line(QStringLiteral("naive / repository, fleet 24-hour summary (target >= 100x)"), naiveDay,
                 p50("summary.24h"), goal(naiveDay / p50("summary.24h"), 100));
        line(QStringLiteral("naive one-statement scan / repository, fleet 24-hour summary"), naiveScan,
             p50("summary.24h"));
        line(QStringLiteral("naive / cache hit, 30-day trend"), naiveMonth, p50("cache.trend.batch"));
        line(QStringLiteral("fleet table, ReadQueries::fleet / Repository::fleet() cache hit"), p50("fleet"),
             p50("cache.fleet.batch"));
        for (const char *id : { "cache.fleet.batch", "cache.recentTrend.batch", "cache.trend.batch" }) {
            const double hit = p50(id);
            if (hit > 0)
                out << "  the seed system's 0.02 ms cache hit / " << QLatin1String(id).chopped(6) << " "
                    << duration(hit) << " = " << times(SeedCacheHitNs / hit) << " faster\n";
        }

        out << "\nChecks: " << r.checks.join(QStringLiteral("; ")) << '\n';
    }

    out << "\nTargets (p50):\n";
    for (const QueryBenchResult &r : results) {
        for (const QueryFigure &f : r.figures) {
            if (f.targetNs > 0)
                out << "  " << r.engine << " " << f.id << " <= " << duration(f.targetNs) << ": " << duration(f.p50Ns)
                    << " (p95 " << duration(f.p95Ns) << ") -- " << (f.p50Ns <= f.targetNs ? "met" : "MISSED") << '\n';
        }
    }
}
