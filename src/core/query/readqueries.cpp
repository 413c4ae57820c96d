#include "readqueries.h"
#include "lttb.h"
#include "storage/alertrulestore.h"
#include "storage/schema.h"

#include <QFileInfo>
#include <QSqlDriver>
#include <QtEndian>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <cstring>
#include <functional>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <vector>

namespace {

std::optional<double> optionalDouble(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

// The columns of a fleet row, in the order readFleetRow() expects.
const QLatin1String FleetColumns("id, name, kind, source, region, status, tags, vcpus, memory_mb, disk_gb, cpu, memory,"
                                 " disk, metrics_updated_at, external_id");

FleetRow readFleetRow(const QSqlQuery &q)
{
    FleetRow r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.kind = q.value(2).toString();
    r.source = q.value(3).toString();
    r.region = q.value(4).toString();
    r.status = q.value(5).toString();
    r.tags = q.value(6).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    r.vcpus = q.value(7).toInt();
    r.memoryMb = q.value(8).toLongLong();
    r.diskGb = q.value(9).toLongLong();
    r.cpu = optionalDouble(q.value(10));
    r.memory = optionalDouble(q.value(11));
    r.disk = optionalDouble(q.value(12));
    r.metricsUpdatedAt = q.value(13).toLongLong();
    r.externalId = q.value(14).toString();
    return r;
}

// "col IN (?, ?, ?)" for n values, or an empty string for none.
QString inList(const char *column, qsizetype n)
{
    if (n == 0)
        return {};
    QString s = QLatin1String(column) + QLatin1String(" IN (?");
    for (qsizetype i = 1; i < n; ++i)
        s += QLatin1String(", ?");
    return s + QLatin1Char(')');
}

QString queryError(const QSqlQuery &q, const char *what)
{
    return QStringLiteral("cannot read %1 from the cache: %2").arg(QLatin1String(what), q.lastError().text());
}

qint64 floorTo(qint64 ts, qint64 period)
{
    const qint64 r = ts % period;
    return r < 0 ? ts - r - period : ts - r;
}

// Downsamples points to `width` with LTTB on their values; each kept point summarises its whole bucket.
QList<TrendPoint> downsample(const QList<TrendPoint> &points, int width)
{
    std::vector<qint64> x(size_t(points.size()));
    std::vector<double> y(size_t(points.size()));
    for (qsizetype i = 0; i < points.size(); ++i) {
        x[size_t(i)] = points[i].ts;
        y[size_t(i)] = points[i].value;
    }
    const std::vector<Lttb::Pick> picks = Lttb::downsample(x.data(), y.data(), points.size(), width);
    QList<TrendPoint> out;
    out.reserve(qsizetype(picks.size()));
    for (const Lttb::Pick &pick : picks) {
        TrendPoint p = points[pick.index];
        p.from = points[pick.first].from;
        p.to = points[pick.last].to;
        p.count = 0;
        for (qsizetype i = pick.first; i <= pick.last; ++i) {
            p.min = std::min(p.min, points[i].min);
            p.max = std::max(p.max, points[i].max);
            p.count += points[i].count;
        }
        out << p;
    }
    return out;
}

// Raw samples of one series as two flat arrays: a million rows are 16 MB here instead of 56 MB of TrendPoints,
// and LTTB reads these arrays directly. QList rather than std::vector: it grows trivially relocatable elements
// with realloc(), which glibc serves with mremap() at this size, so growing never copies the samples read so far.
struct RawSeries
{
    QList<qint64> ts;
    QList<double> value;
};

// The points of raw samples on a chart `width` wide: every sample when they fit, else LTTB's picks, each with the
// min, max, count and [from, to] of the samples in its bucket (what click-to-detail reads). Exactly what
// downsample() gives for the same samples as single-sample TrendPoints (tst_repository checks the points
// against LTTB over a plain query's rows).
QList<TrendPoint> rawPoints(const RawSeries &raw, int width)
{
    const qsizetype n = raw.ts.size();
    const qint64 *x = raw.ts.constData();
    const double *y = raw.value.constData();
    QList<TrendPoint> out;
    if (n <= width) {
        out.reserve(n);
        for (qsizetype i = 0; i < n; ++i)
            out.append(TrendPoint { x[i], y[i], y[i], y[i], 1, x[i], x[i] });
        return out;
    }
    const std::vector<Lttb::Pick> picks = Lttb::downsample(x, y, n, width);
    out.reserve(qsizetype(picks.size()));
    for (const Lttb::Pick &pick : picks) {
        const double v = y[pick.index];
        // std::min/std::max in the same order as downsample(), so a NaN (possible on PostgreSQL) lands alike.
        double mn = v;
        double mx = v;
        for (qsizetype i = pick.first; i <= pick.last; ++i) {
            mn = std::min(mn, y[i]);
            mx = std::max(mx, y[i]);
        }
        out.append(TrendPoint { x[pick.index], v, mn, mx, pick.last - pick.first + 1, x[pick.first], x[pick.last] });
    }
    return out;
}

// One row of numbers from readNumbers(): integers and reals by column.
class NumberRow
{
public:
    virtual ~NumberRow() = default;
    virtual qint64 integer(int column) const = 0;
    virtual double real(int column) const = 0;
};

class QtSqlRow final : public NumberRow
{
public:
    explicit QtSqlRow(const QSqlQuery &q)
        : m_q(q)
    {
    }
    qint64 integer(int column) const override { return m_q.value(column).toLongLong(); }
    double real(int column) const override { return m_q.value(column).toDouble(); }

private:
    const QSqlQuery &m_q;
};

// A row of a binary-format libpq result: int2/int4/int8 and float4/float8 columns, big-endian on the wire.
class PgRow final : public NumberRow
{
public:
    PgRow(const PGresult *res, int row)
        : m_res(res)
        , m_row(row)
    {
    }
    qint64 integer(int column) const override
    {
        const char *v = PQgetvalue(m_res, m_row, column);
        switch (PQftype(m_res, column)) {
        case 21:
            return qFromBigEndian<qint16>(v);
        case 23:
            return qFromBigEndian<qint32>(v);
        case 20:
            return qFromBigEndian<qint64>(v);
        default:
            return qint64(real(column));
        }
    }
    double real(int column) const override
    {
        const char *v = PQgetvalue(m_res, m_row, column);
        switch (PQftype(m_res, column)) {
        case 701: {
            const quint64 bits = qFromBigEndian<quint64>(v);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            return d;
        }
        case 700: {
            const quint32 bits = qFromBigEndian<quint32>(v);
            float f;
            std::memcpy(&f, &bits, sizeof f);
            return f;
        }
        default:
            return double(integer(column));
        }
    }

private:
    const PGresult *m_res;
    int m_row;
};

// Runs a read of numbers only, with integer parameters (`?` placeholders), and hands each row to `row`.
//
// On PostgreSQL it goes through libpq on QPSQL's own connection: QPSQL runs a prepared query as PREPARE, EXECUTE
// and DEALLOCATE, three round trips, where PQexecParams needs one — 2.5 ms against 1 ms for a 30-day trend
// (docs/BENCHMARKS.md). Trends are read for every chart, so they take this path; SQLite keeps QtSql.
bool readNumbers(QSqlDatabase db, const char *sql, std::initializer_list<qint64> params,
                 const std::function<void(const NumberRow &)> &row, QString *error)
{
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "pg_conn*") == 0) {
        PGconn *conn = *static_cast<PGconn *const *>(handle.constData());
        QByteArray pgSql;
        int n = 0;
        for (const char *c = sql; *c; ++c) {
            if (*c == '?')
                pgSql += '$' + QByteArray::number(++n);
            else
                pgSql += *c;
        }
        QList<QByteArray> texts;
        for (qint64 p : params)
            texts << QByteArray::number(p);
        QList<const char *> values;
        for (const QByteArray &t : std::as_const(texts))
            values << t.constData();
        // Text parameters, binary results: no number is formatted or parsed on the way back.
        PGresult *res
            = PQexecParams(conn, pgSql.constData(), int(values.size()), nullptr, values.constData(), nullptr, nullptr, 1);
        const bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
        if (ok) {
            const int rows = PQntuples(res);
            for (int r = 0; r < rows; ++r)
                row(PgRow(res, r));
        } else {
            *error = QString::fromUtf8(res ? PQresultErrorMessage(res) : PQerrorMessage(conn)).trimmed();
        }
        PQclear(res);
        return ok;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QString::fromLatin1(sql));
    for (qint64 p : params)
        q.addBindValue(p);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next())
        row(QtSqlRow(q));
    return true;
}

// The raw samples of a trend, in ts order: a range scan of the samples primary key (resource_id, metric, ts).
//
// On SQLite the statement runs on the driver's own sqlite3 handle, as MetricStore and ReportExporter do: through
// QtSql a row costs two QVariants and the driver's bookkeeping, which was most of a million-sample trend's
// 534 ms (docs/BENCHMARKS.md, Desktop UI item 3). PostgreSQL reads through libpq in readNumbers().
bool readRawSeries(QSqlDatabase db, const TrendRequest &request, RawSeries *raw, QString *error)
{
    const char *const sql = "SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                            " AND ts <= ? ORDER BY ts";
    // ts is unique within a series, so the range bounds the row count; the cap keeps a wide range of sparse
    // samples from reserving memory it will never use (beyond it the lists grow by realloc).
    const qsizetype expected = qsizetype(std::clamp<qint64>(request.to - request.from + 1, 0, 1 << 16));
    raw->ts.reserve(expected);
    raw->value.reserve(expected);
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        sqlite3 *lite = *static_cast<sqlite3 *const *>(handle.constData());
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(lite, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            *error = QString::fromUtf8(sqlite3_errmsg(lite));
            sqlite3_finalize(stmt);
            return false;
        }
        sqlite3_bind_int64(stmt, 1, request.resourceId);
        sqlite3_bind_int64(stmt, 2, qint64(request.metric));
        sqlite3_bind_int64(stmt, 3, request.from);
        sqlite3_bind_int64(stmt, 4, request.to);
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            raw->ts.append(sqlite3_column_int64(stmt, 0));
            raw->value.append(sqlite3_column_double(stmt, 1));
        }
        if (rc != SQLITE_DONE)
            *error = QString::fromUtf8(sqlite3_errmsg(lite));
        sqlite3_finalize(stmt);
        return rc == SQLITE_DONE;
    }
    return readNumbers(db, sql, { request.resourceId, qint64(request.metric), request.from, request.to },
                       [&](const NumberRow &row) {
                           raw->ts.append(row.integer(0));
                           raw->value.append(row.real(1));
                       },
                       error);
}

} // namespace

bool FleetFilter::matches(const FleetRow &row) const
{
    if (!kinds.isEmpty() && !kinds.contains(row.kind))
        return false;
    if (!sources.isEmpty() && !sources.contains(row.source))
        return false;
    if (!regions.isEmpty() && !regions.contains(row.region))
        return false;
    if (!tags.isEmpty() && std::none_of(tags.cbegin(), tags.cend(), [&](const QString &t) { return row.tags.contains(t); }))
        return false;
    if (text.isEmpty())
        return true;
    const auto has = [this](const QString &s) { return s.contains(text, Qt::CaseInsensitive); };
    return has(row.name) || has(row.region) || has(row.status) || has(row.kind) || has(row.source)
        || std::any_of(row.tags.cbegin(), row.tags.cend(), has);
}

QByteArray FleetFilter::key() const
{
    if (isEmpty())
        return {};
    // Unit separators cannot occur in names typed into a filter box, so distinct filters give distinct keys.
    const QChar us(0x1f);
    const QChar rs(0x1e);
    return (text + rs + kinds.join(us) + rs + sources.join(us) + rs + regions.join(us) + rs + tags.join(us)).toUtf8();
}

QString trendTierName(TrendTier tier)
{
    switch (tier) {
    case TrendTier::Raw:
        return QStringLiteral("raw");
    case TrendTier::Hour:
        return QStringLiteral("hour");
    case TrendTier::Day:
        return QStringLiteral("day");
    }
    return {};
}

TrendTier chooseTrendTier(qint64 from, qint64 to, int width, qint64 rawRetainedSince)
{
    const qint64 span = std::max<qint64>(to - from, 1);
    const qint64 pixels = std::max(width, 1);
    // A day is raw on any chart, however narrow: LTTB keeps its shape.
    if (from >= rawRetainedSince && span <= std::max(pixels * 600, Schema::DaySeconds))
        return TrendTier::Raw;
    if (span / Schema::HourSeconds <= pixels * 4)
        return TrendTier::Hour;
    return TrendTier::Day;
}

namespace ReadQueries {

FleetResult fleet(QSqlDatabase db, const FleetFilter &filter)
{
    FleetResult result;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Kind, source and region are exact and go to the database; text and tags (stored comma-joined) are matched
    // here, on at most a few thousand rows.
    QStringList where;
    for (const auto &[column, values] : { std::pair { "kind", &filter.kinds }, std::pair { "source", &filter.sources },
                                          std::pair { "region", &filter.regions } }) {
        if (!values->isEmpty())
            where << inList(column, values->size());
    }
    QString sql = QLatin1String("SELECT ") + FleetColumns + QLatin1String(" FROM resources");
    if (!where.isEmpty())
        sql += QLatin1String(" WHERE ") + where.join(QLatin1String(" AND "));
    sql += QLatin1String(" ORDER BY name, source");
    q.prepare(sql);
    for (const QStringList *values : { &filter.kinds, &filter.sources, &filter.regions }) {
        for (const QString &v : *values)
            q.addBindValue(v);
    }
    if (!q.exec()) {
        result.error = queryError(q, "the fleet");
        return result;
    }
    const bool needsCheck = !filter.text.isEmpty() || !filter.tags.isEmpty();
    while (q.next()) {
        FleetRow r = readFleetRow(q);
        if (!needsCheck || filter.matches(r))
            result.rows << std::move(r);
    }
    if (q.exec(QStringLiteral("SELECT finished_at, status, error FROM sync_runs ORDER BY finished_at DESC, id DESC"
                              " LIMIT 1"))
        && q.next()) {
        result.lastSyncAt = q.value(0).toLongLong();
        if (q.value(1).toString() != QLatin1String("ok"))
            result.lastSyncError = q.value(2).toString();
    }
    return result;
}

TrendResult trend(QSqlDatabase db, const TrendRequest &request, qint64 rawRetainedSince)
{
    TrendResult result;
    result.request = request;
    const int width = std::clamp(request.width, 3, 16384);
    result.tier = chooseTrendTier(request.from, request.to, width, rawRetainedSince);
    QString error;
    if (result.tier == TrendTier::Raw) {
        // Read into flat arrays and downsampled from them: no TrendPoint per raw sample.
        RawSeries raw;
        if (!readRawSeries(db, request, &raw, &error)) {
            result.error = QStringLiteral("cannot read a trend from the cache: %1").arg(error);
            return result;
        }
        result.rowsRead = raw.ts.size();
        result.points = rawPoints(raw, width);
        return result;
    }
    // Rollup tiers: a row per bucket.
    QList<TrendPoint> points;
    const qint64 period = result.tier == TrendTier::Hour ? Schema::HourSeconds : Schema::DaySeconds;
    const bool ok = readNumbers(
        db,
        "SELECT bucket, min, max, sum, count FROM rollups WHERE resource_id = ? AND metric = ?"
        " AND period = ? AND bucket >= ? AND bucket <= ? ORDER BY bucket",
        { request.resourceId, qint64(request.metric), period, floorTo(request.from, period), request.to },
        [&](const NumberRow &row) {
            const qint64 bucket = row.integer(0);
            const qint64 count = row.integer(4);
            const double avg = count > 0 ? row.real(3) / double(count) : 0;
            points.append(TrendPoint { bucket, avg, row.real(1), row.real(2), count, bucket, bucket + period - 1 });
        },
        &error);
    if (!ok) {
        result.error = QStringLiteral("cannot read a trend from the cache: %1").arg(error);
        return result;
    }
    result.rowsRead = points.size();
    result.points = points.size() > width ? downsample(points, width) : points;
    return result;
}

FleetSummary summary(QSqlDatabase db, qint64 from, qint64 to, int topN)
{
    FleetSummary s;
    s.from = from;
    s.to = to;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    for (const auto &[column, map] : { std::pair { "status", &s.byStatus }, std::pair { "kind", &s.byKind } }) {
        if (!q.exec(QStringLiteral("SELECT %1, count(*) FROM resources GROUP BY %1").arg(QLatin1String(column)))) {
            s.error = queryError(q, "the fleet summary");
            return s;
        }
        while (q.next())
            map->insert(q.value(0).toString(), q.value(1).toInt());
    }
    for (int n : std::as_const(s.byKind))
        s.resources += n;
    for (Metric m : AllMetrics) {
        const QString column = metricName(m);
        q.prepare(QLatin1String("SELECT ") + FleetColumns + QLatin1String(" FROM resources WHERE ") + column
                  + QLatin1String(" IS NOT NULL ORDER BY ") + column + QLatin1String(" DESC, name LIMIT ?"));
        q.addBindValue(topN);
        if (!q.exec()) {
            s.error = queryError(q, "the busiest resources");
            return s;
        }
        QList<FleetRow> rows;
        while (q.next())
            rows << readFleetRow(q);
        s.top.insert(m, rows);
    }
    // The fleet rollups: a row per bucket (or a few pieces of it since the last prune), not one per resource.
    q.prepare(QStringLiteral("SELECT bucket, metric, sum(sum), sum(count), min(min), max(max) FROM fleet_rollup_parts"
                             " WHERE period = ? AND bucket >= ? AND bucket <= ? GROUP BY bucket, metric"
                             " ORDER BY bucket, metric"));
    q.addBindValue(Schema::HourSeconds);
    q.addBindValue(floorTo(from, Schema::HourSeconds));
    q.addBindValue(to);
    if (!q.exec()) {
        s.error = queryError(q, "the fleet average");
        return s;
    }
    while (q.next()) {
        const qint64 bucket = q.value(0).toLongLong();
        const auto metric = Metric(q.value(1).toInt());
        const qint64 count = q.value(3).toLongLong();
        if (count <= 0)
            continue;
        s.average[metric].append(TrendPoint { bucket, q.value(2).toDouble() / double(count), q.value(4).toDouble(),
                                              q.value(5).toDouble(), count, bucket,
                                              bucket + Schema::HourSeconds - 1 });
    }
    return s;
}

DetailResult detail(QSqlDatabase db, qint64 resourceId, Metric metric, qint64 from, qint64 to, qint64 rawRetainedSince)
{
    DetailResult d;
    d.resourceId = resourceId;
    d.metric = metric;
    d.from = from;
    d.to = to;
    d.pruned = from < rawRetainedSince;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT name, source FROM resources WHERE id = ?"));
    q.addBindValue(resourceId);
    if (!q.exec()) {
        d.error = queryError(q, "a resource");
        return d;
    }
    if (q.next()) {
        d.resource = q.value(0).toString();
        d.source = q.value(1).toString();
    }
    // A click-to-detail bucket is at most a day of one series; the cap only guards against a silly range.
    q.prepare(QStringLiteral("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                             " AND ts <= ? ORDER BY ts LIMIT 100000"));
    q.addBindValue(resourceId);
    q.addBindValue(int(metric));
    q.addBindValue(from);
    q.addBindValue(to);
    if (!q.exec()) {
        d.error = queryError(q, "samples");
        return d;
    }
    while (q.next())
        d.samples.append(DetailSample { q.value(0).toLongLong(), q.value(1).toDouble() });
    return d;
}

SyncLogResult syncLog(QSqlDatabase db, const QString &source, qint64 since, int limit)
{
    SyncLogResult result;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, source, source_type, started_at, finished_at, duration_ms, status, resources,"
                             " samples, api_calls, throttled, retries, error, host FROM sync_runs"
                             " WHERE started_at >= ?%1 ORDER BY started_at DESC, id DESC LIMIT ?")
                  .arg(source.isEmpty() ? QString() : QStringLiteral(" AND source = ?")));
    q.addBindValue(since);
    if (!source.isEmpty())
        q.addBindValue(source);
    q.addBindValue(limit);
    if (!q.exec()) {
        result.error = queryError(q, "the sync log");
        return result;
    }
    while (q.next()) {
        SyncRunRecord r;
        r.id = q.value(0).toLongLong();
        r.source = q.value(1).toString();
        r.sourceType = q.value(2).toString();
        r.startedAt = q.value(3).toLongLong();
        r.finishedAt = q.value(4).toLongLong();
        r.durationMs = q.value(5).toLongLong();
        r.status = q.value(6).toString();
        r.resources = q.value(7).toInt();
        r.samples = q.value(8).toLongLong();
        r.apiCalls = q.value(9).toInt();
        r.throttled = q.value(10).toInt();
        r.retries = q.value(11).toInt();
        r.error = q.value(12).toString();
        r.host = q.value(13).toString();
        result.runs << r;
    }
    return result;
}

AlertLogResult alertLog(QSqlDatabase db, qint64 since, int limit, bool activeOnly)
{
    AlertLogResult result;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // The peak is read for the events of the page only (the inner LIMIT): raw samples for the partial hours at
    // either end, the hourly rollups' max for the whole hours between — each a range of a primary key. Scanning the
    // samples of 500 alerts (some lasting days) took 1 s on SQLite; this takes ~25 ms, with the same result.
    // Metric numbers are those of the Metric enum.
    q.prepare(QStringLiteral("SELECT e.id, e.resource_id, r.name, r.kind, r.source, e.metric, e.level, e.state, e.value,"
                             " e.threshold, e.started_at, e.resolved_at,"
                             " CASE e.metric WHEN 1 THEN r.cpu WHEN 2 THEN r.memory WHEN 3 THEN r.disk END,"
                             " CASE e.metric WHEN 1 THEN r.cpu_at WHEN 2 THEN r.memory_at WHEN 3 THEN r.disk_at END,"
                             " (SELECT max(s.value) FROM samples s WHERE s.resource_id = e.resource_id"
                             " AND s.metric = e.metric AND s.ts >= e.started_at"
                             " AND s.ts < (e.started_at / 3600 + 1) * 3600"
                             " AND (e.resolved_at IS NULL OR s.ts <= e.resolved_at)),"
                             " (SELECT max(u.max) FROM rollups u WHERE u.resource_id = e.resource_id"
                             " AND u.metric = e.metric AND u.period = 3600"
                             " AND u.bucket >= (e.started_at / 3600 + 1) * 3600"
                             " AND (e.resolved_at IS NULL OR u.bucket < e.resolved_at / 3600 * 3600)),"
                             " (SELECT max(s.value) FROM samples s WHERE s.resource_id = e.resource_id"
                             " AND s.metric = e.metric AND e.resolved_at IS NOT NULL"
                             " AND s.ts >= e.resolved_at / 3600 * 3600"
                             " AND s.ts >= e.started_at AND s.ts <= e.resolved_at)"
                             " FROM (SELECT * FROM alert_events WHERE started_at >= ?%1"
                             " ORDER BY started_at DESC, id DESC LIMIT ?) e"
                             " LEFT JOIN resources r ON r.id = e.resource_id"
                             " ORDER BY e.started_at DESC, e.id DESC")
                  .arg(activeOnly ? QStringLiteral(" AND resolved_at IS NULL") : QString()));
    q.addBindValue(since);
    q.addBindValue(limit);
    if (!q.exec()) {
        result.error = queryError(q, "the alert log");
        return result;
    }
    while (q.next()) {
        AlertEventRow e;
        e.id = q.value(0).toLongLong();
        e.resourceId = q.value(1).toLongLong();
        e.resource = q.value(2).toString();
        e.kind = q.value(3).toString();
        e.source = q.value(4).toString();
        e.metric = Metric(q.value(5).toInt());
        e.level = q.value(6).toString();
        e.state = q.value(7).toString();
        e.value = q.value(8).toDouble();
        e.threshold = q.value(9).toDouble();
        e.startedAt = q.value(10).toLongLong();
        e.resolvedAt = q.value(11).toLongLong();
        if (!q.value(13).isNull()) {
            e.latest = q.value(12).toDouble();
            e.latestAt = q.value(13).toLongLong();
        }
        // Samples past retention are gone (then the rollups, or the stored value, are the best known).
        e.peak = e.value;
        for (int column = 14; column <= 16; ++column) {
            if (!q.value(column).isNull())
                e.peak = std::max(e.peak, q.value(column).toDouble());
        }
        result.events << e;
    }
    return result;
}

SyncHealth syncHealth(QSqlDatabase db, const DatabaseUrl &url, qint64 since, bool checkFile)
{
    SyncHealth h;
    DatabaseInfo &info = h.database;
    info.url = url.redacted();
    info.engine = url.isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
    info.schemaVersion = Schema::version(db);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT count(*), max(metrics_updated_at) FROM resources")) || !q.next()) {
        h.error = info.error = queryError(q, "the resources");
        return h;
    }
    info.resources = q.value(0).toLongLong();
    info.newestSampleAt = q.value(1).toLongLong();
    if (url.isSqlite()) {
        if (q.exec(QStringLiteral("PRAGMA page_count")) && q.next()) {
            const qint64 pages = q.value(0).toLongLong();
            if (q.exec(QStringLiteral("PRAGMA page_size")) && q.next())
                info.sizeBytes = pages * q.value(0).toLongLong();
        }
        if (!url.isMemory())
            info.sizeBytes += QFileInfo(url.path + QLatin1String("-wal")).size();
    } else if (q.exec(QStringLiteral("SELECT pg_database_size(current_database())")) && q.next()) {
        info.sizeBytes = q.value(0).toLongLong();
    }
    // A sync that met a damaged page writes nothing more, not even its failure, so the sync log alone would call
    // such a cache healthy until it went stale.
    if (checkFile && url.isSqlite()) {
        const bool checked = q.exec(QStringLiteral("PRAGMA quick_check(1)")) && q.next();
        const QString verdict = checked ? q.value(0).toString() : q.lastError().databaseText();
        if (verdict != QLatin1String("ok")) {
            h.error = info.error = QStringLiteral("the cache file is damaged (%1). Restore it from a backup, or move "
                                                  "it away and sync again to start a fresh cache")
                                       .arg(verdict.simplified());
            return h;
        }
    }

    // Per source from the (source, started_at) index: each of these reads a handful of rows.
    QStringList sources;
    if (!q.exec(QStringLiteral("SELECT DISTINCT source FROM sync_runs ORDER BY source"))) {
        h.error = queryError(q, "the sync log");
        return h;
    }
    while (q.next())
        sources << q.value(0).toString();
    for (const QString &source : std::as_const(sources)) {
        SourceSyncStats s;
        s.source = source;
        q.prepare(QStringLiteral("SELECT source_type, started_at, finished_at, status, error FROM sync_runs"
                                 " WHERE source = ? ORDER BY started_at DESC, id DESC LIMIT 1"));
        q.addBindValue(source);
        if (!q.exec()) {
            h.error = queryError(q, "the sync log");
            return h;
        }
        if (q.next()) {
            s.type = q.value(0).toString();
            s.lastStartedAt = q.value(1).toLongLong();
            s.lastFinishedAt = q.value(2).toLongLong();
            s.lastStatus = q.value(3).toString();
            s.lastError = q.value(4).toString();
        }
        q.prepare(QStringLiteral("SELECT finished_at FROM sync_runs WHERE source = ? AND status = 'ok'"
                                 " ORDER BY started_at DESC, id DESC LIMIT 1"));
        q.addBindValue(source);
        if (q.exec() && q.next())
            s.lastOkAt = q.value(0).toLongLong();
        q.prepare(QStringLiteral("SELECT count(*), sum(CASE WHEN status = 'ok' THEN 1 ELSE 0 END) FROM sync_runs"
                                 " WHERE source = ? AND started_at >= ?"));
        q.addBindValue(source);
        q.addBindValue(since);
        if (q.exec() && q.next()) {
            s.runs = q.value(0).toLongLong();
            s.okRuns = q.value(1).toLongLong();
        }
        h.sources << s;
    }
    return h;
}

QHash<QString, qint64> loadBaselines(QSqlDatabase db, const QString &host, QString *error)
{
    QHash<QString, qint64> baselines;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT name, p50_ns FROM query_baselines WHERE host = ?"));
    q.addBindValue(host);
    if (!q.exec()) {
        *error = queryError(q, "query baselines");
        return baselines;
    }
    while (q.next())
        baselines.insert(q.value(0).toString(), q.value(1).toLongLong());
    return baselines;
}

bool saveBaselines(QSqlDatabase db, const QString &host, const QHash<QString, qint64> &p50Ns, qint64 now,
                   QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO query_baselines (host, name, p50_ns, updated_at) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT (host, name) DO UPDATE SET p50_ns = excluded.p50_ns,"
                             " updated_at = excluded.updated_at"));
    for (auto it = p50Ns.cbegin(); it != p50Ns.cend(); ++it) {
        q.addBindValue(host);
        q.addBindValue(it.key());
        q.addBindValue(it.value());
        q.addBindValue(now);
        if (!q.exec()) {
            *error = QStringLiteral("cannot save query baselines: %1").arg(q.lastError().text());
            return false;
        }
    }
    return true;
}

AlertRulesResult alertRules(QSqlDatabase db, const AlertConfig &configured)
{
    AlertRulesResult result { AlertRuleSet(configured), {} };
    AlertRuleStore store(db);
    if (!store.load(&result.rules))
        result.error = store.lastError();
    return result;
}

ReplayResult replay(QSqlDatabase db, const ReplayRequest &request)
{
    ReplayResult result;
    result.request = request;
    result.request.from = std::max(request.from, request.to - ReplayResult::MaxSeconds);
    QList<AlertSample> samples;
    QString error;
    // Every raw sample of the range: a downsampled series would hide the short spikes `for` is about.
    const bool ok = readNumbers(db,
                                "SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                                " AND ts <= ? ORDER BY ts",
                                { request.resourceId, qint64(request.metric), result.request.from, request.to },
                                [&](const NumberRow &row) { samples.append(AlertSample { row.integer(0), row.real(1) }); },
                                &error);
    if (!ok) {
        result.error = QStringLiteral("cannot read the samples to replay from the cache: %1").arg(error);
        return result;
    }
    result.samples = samples.size();
    if (samples.isEmpty())
        return result;
    result.firstAt = samples.first().ts;
    result.lastAt = samples.last().ts;
    result.replay = AlertReplay::replay(request.rule, samples, request.flapWindowSeconds, request.resourceId);

    QList<TrendPoint> points;
    points.reserve(samples.size());
    for (const AlertSample &s : std::as_const(samples))
        points << TrendPoint { s.ts, s.value, s.value, s.value, 1, s.ts, s.ts };
    samples = {};
    result.series = points.size() > request.width ? downsample(points, request.width) : points;
    return result;
}

} // namespace ReadQueries
