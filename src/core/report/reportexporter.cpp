#include "reportexporter.h"
#include "csvwriter.h"

#include "storage/alertrulestore.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>
#include <cstring>
#include <libpq-fe.h>
#include <limits>
#include <sqlite3.h>

namespace {

constexpr qint64 Forever = std::numeric_limits<qint64>::max();
constexpr qint64 Never = std::numeric_limits<qint64>::min();
// Rows between two calls of the progress callback: a few milliseconds of work, so a cancel lands quickly.
constexpr qint64 ProgressEvery = 4096;
// Bytes gathered before they go to the device: large writes, one system call per ~900 rows.
constexpr qsizetype ChunkBytes = 64 * 1024;

QString numberOrEmpty(const QVariant &v)
{
    return v.isNull() ? QString() : CsvWriter::formatNumber(v.toDouble());
}

// One series at a time, for the hot loop of a history export: numbers only, integer parameters (`?`).
//
// On SQLite the statement runs on the driver's own sqlite3 handle and on PostgreSQL through libpq on QPSQL's own
// connection (one round trip, binary results), as MetricStore and ReadQueries do: QtSql's QVariant per cell and
// QPSQL's text results cost more than the rest of a row (docs/BENCHMARKS.md, CSV export). Other drivers use
// QSqlQuery. A PostgreSQL series arrives whole (at most raw retention's worth of one resource's metric).
class SeriesCursor final
{
public:
    SeriesCursor(QSqlDatabase db, const char *sql)
        : m_query(db)
    {
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());
            if (sqlite3_prepare_v2(m_sqlite, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
                m_error = QString::fromUtf8(sqlite3_errmsg(m_sqlite));
        } else if (handle.isValid() && qstrcmp(handle.typeName(), "pg_conn*") == 0) {
            m_pg = *static_cast<PGconn *const *>(handle.constData());
            int n = 0;
            for (const char *c = sql; *c; ++c) {
                if (*c == '?')
                    m_pgSql += '$' + QByteArray::number(++n);
                else
                    m_pgSql += *c;
            }
        } else {
            m_query.setForwardOnly(true);
            if (!m_query.prepare(QString::fromLatin1(sql)))
                m_error = m_query.lastError().text();
        }
    }
    ~SeriesCursor()
    {
        sqlite3_finalize(m_stmt);
        PQclear(m_res);
    }
    Q_DISABLE_COPY_MOVE(SeriesCursor)

    QString error() const { return m_error; }

    bool exec(std::initializer_list<qint64> params)
    {
        if (!m_error.isEmpty())
            return false;
        if (m_stmt) {
            sqlite3_reset(m_stmt);
            int i = 0;
            for (qint64 p : params)
                sqlite3_bind_int64(m_stmt, ++i, p);
            return true;
        }
        if (m_pg) {
            PQclear(m_res);
            QByteArray texts[8];
            const char *values[8];
            int n = 0;
            for (qint64 p : params) {
                texts[n] = QByteArray::number(p);
                values[n] = texts[n].constData();
                ++n;
            }
            m_res = PQexecParams(m_pg, m_pgSql.constData(), n, nullptr, values, nullptr, nullptr, 1);
            m_row = -1;
            if (PQresultStatus(m_res) != PGRES_TUPLES_OK) {
                m_error = QString::fromUtf8(m_res ? PQresultErrorMessage(m_res) : PQerrorMessage(m_pg)).trimmed();
                return false;
            }
            return true;
        }
        for (qint64 p : params)
            m_query.addBindValue(p);
        if (!m_query.exec()) {
            m_error = m_query.lastError().text();
            return false;
        }
        return true;
    }

    // False at the end of the series or on an error (then error() says which).
    bool next()
    {
        if (m_stmt) {
            const int rc = sqlite3_step(m_stmt);
            if (rc == SQLITE_ROW)
                return true;
            if (rc != SQLITE_DONE)
                m_error = QString::fromUtf8(sqlite3_errmsg(m_sqlite));
            return false;
        }
        if (m_pg)
            return ++m_row < PQntuples(m_res);
        if (m_query.next())
            return true;
        if (m_query.lastError().isValid())
            m_error = m_query.lastError().text();
        return false;
    }

    qint64 integer(int column) const
    {
        if (m_stmt)
            return sqlite3_column_int64(m_stmt, column);
        if (m_pg) {
            const char *v = PQgetvalue(m_res, m_row, column);
            switch (PQftype(m_res, column)) {
            case 20:
                return qFromBigEndian<qint64>(v);
            case 23:
                return qFromBigEndian<qint32>(v);
            case 21:
                return qFromBigEndian<qint16>(v);
            default:
                return qint64(real(column));
            }
        }
        return m_query.value(column).toLongLong();
    }

    double real(int column) const
    {
        if (m_stmt)
            return sqlite3_column_double(m_stmt, column);
        if (m_pg) {
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
        return m_query.value(column).toDouble();
    }

private:
    QSqlQuery m_query;
    sqlite3 *m_sqlite = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    PGconn *m_pg = nullptr;
    QByteArray m_pgSql;
    PGresult *m_res = nullptr;
    int m_row = -1;
    QString m_error;
};

QList<Metric> metricsOf(const ExportRequest &request)
{
    return request.metrics.isEmpty() ? QList<Metric>(std::begin(AllMetrics), std::end(AllMetrics)) : request.metrics;
}

} // namespace

ReportExporter::ReportExporter(QSqlDatabase db)
    : m_db(std::move(db))
{ }

ReportExporter::~ReportExporter() = default;

QStringList ReportExporter::header(const QString &report, const QString &resolution)
{
    if (report == QLatin1String("history")) {
        if (resolution == QLatin1String("raw"))
            return QStringLiteral("timestamp,resource,kind,source,metric,value,warning,critical")
                .split(QLatin1Char(','));
        return QStringLiteral("timestamp,resource,kind,source,metric,min,avg,max,count,warning,critical")
            .split(QLatin1Char(','));
    }
    if (report == QLatin1String("resources"))
        return QStringLiteral("resource,kind,source,region,status,vcpus,memory_mb,disk_gb,cpu,memory,disk,updated_at")
            .split(QLatin1Char(','));
    if (report == QLatin1String("alerts"))
        return QStringLiteral("started_at,resolved_at,resource,metric,level,value,threshold,state")
            .split(QLatin1Char(','));
    if (report == QLatin1String("sync-runs"))
        return QStringLiteral("started_at,finished_at,source,status,resources,samples,api_calls,throttled,error")
            .split(QLatin1Char(','));
    return {};
}

bool ReportExporter::fail(const QString &message, bool usage)
{
    m_error = message;
    m_usageError = usage;
    return false;
}

std::optional<QList<ReportExporter::Resource>> ReportExporter::selectResources(const ExportRequest &request)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, kind, source, tags FROM resources ORDER BY name, source, id"))) {
        fail(QStringLiteral("cannot read resources: %1").arg(q.lastError().text()));
        return std::nullopt;
    }
    QList<Resource> all;
    QStringList names;
    while (q.next()) {
        Resource r { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                     q.value(4).toString().split(QLatin1Char(','), Qt::SkipEmptyParts) };
        names << r.name;
        if (!request.sources.isEmpty() && !request.sources.contains(r.source))
            continue;
        if (!request.resources.isEmpty() && !request.resources.contains(r.name))
            continue;
        all << r;
    }
    for (const QString &wanted : request.resources) {
        if (!names.contains(wanted)) {
            names.removeDuplicates();
            fail(QStringLiteral("no resource named '%1' in the cache%2")
                     .arg(wanted,
                          names.isEmpty() ? QStringLiteral(" (it is empty: run opsdeck --sync first)")
                                          : QStringLiteral("; known: ") + names.mid(0, 10).join(QLatin1String(", "))
                                  + (names.size() > 10 ? QStringLiteral(", …") : QString())),
                 true);
            return std::nullopt;
        }
    }
    return all;
}

std::optional<AlertRuleSet> ReportExporter::loadRules(const ExportRequest &request)
{
    AlertRuleSet rules(request.alerts);
    AlertRuleStore store(m_db);
    if (!store.load(&rules)) {
        fail(store.lastError());
        return std::nullopt;
    }
    return rules;
}

bool ReportExporter::rowDone(const CsvWriter &csv)
{
    ++m_rows;
    if (m_progress && m_rows % ProgressEvery == 0 && !m_progress(m_rows)) {
        m_cancelled = true;
        return fail(QStringLiteral("export cancelled"));
    }
    return csv.ok() || fail(QStringLiteral("cannot write the export: %1").arg(csv.errorString()));
}

bool ReportExporter::write(const ExportRequest &request, QIODevice *device)
{
    m_rows = 0;
    m_error.clear();
    m_usageError = false;
    m_cancelled = false;
    const QStringList head = header(request.report, request.resolution);
    if (head.isEmpty())
        return fail(QStringLiteral("unknown report '%1'").arg(request.report), true);
    // Resolve the names first: an unknown resource is a usage error and must not leave a header behind.
    std::optional<QList<Resource>> resources;
    if (request.report != QLatin1String("sync-runs")) {
        resources = selectResources(request);
        if (!resources)
            return false;
    }
    CsvWriter csv(device);
    csv.writeRow(head);
    bool ok = false;
    if (request.report == QLatin1String("history"))
        ok = writeHistory(request, *resources, csv);
    else if (request.report == QLatin1String("resources"))
        ok = writeResources(*resources, csv);
    else if (request.report == QLatin1String("alerts"))
        ok = writeAlerts(request, *resources, csv);
    else
        ok = writeSyncRuns(request, csv);
    if (!ok)
        return false;
    if (!csv.flush())
        return fail(QStringLiteral("cannot write the export: %1").arg(csv.errorString()));
    return true;
}

bool ReportExporter::writeHistory(const ExportRequest &request, const QList<Resource> &resources, CsvWriter &csv)
{
    const std::optional<AlertRuleSet> rules = loadRules(request);
    if (!rules)
        return false;
    const bool raw = request.resolution == QLatin1String("raw");
    const qint64 period = request.resolution == QLatin1String("day") ? 86400 : 3600;
    const qint64 from = request.from.value_or(Never);
    const qint64 to = request.to.value_or(Forever);
    SeriesCursor q(m_db,
                   raw ? "SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ? AND ts < ?"
                         " ORDER BY ts"
                       : "SELECT bucket, min, sum, max, count FROM rollups WHERE resource_id = ? AND metric = ?"
                         " AND period = ? AND bucket > ? AND bucket < ? ORDER BY bucket");

    QByteArray chunk;
    chunk.reserve(ChunkBytes + 1024);
    qint64 chunkRows = 0;
    QByteArray middle; // ",resource,kind,source,metric," — the same for every row of a series
    QByteArray tail; // ",warning,critical\r\n"
    for (const Resource &r : resources) {
        for (Metric m : metricsOf(request)) {
            // The thresholds are resolved once per series, not per row.
            const AlertRule rule = rules->ruleFor(r.name, r.kind, r.tags, m);
            middle = ",";
            for (const QString &cell : { r.name, r.kind, r.source, metricName(m) }) {
                CsvWriter::appendCell(middle, cell);
                middle += ',';
            }
            tail = ",";
            CsvWriter::appendNumber(tail, rule.warning);
            tail += ',';
            CsvWriter::appendNumber(tail, rule.critical);
            tail += "\r\n";

            // A rollup bucket is in range when any part of it is.
            const bool executed = raw ? q.exec({ r.id, int(m), from, to })
                                      : q.exec({ r.id, int(m), period, from == Never ? from : from - period, to });
            if (!executed)
                return fail(QStringLiteral("cannot read history: %1").arg(q.error()));
            while (q.next()) {
                CsvWriter::appendTimestamp(chunk, q.integer(0));
                chunk += middle;
                if (raw) {
                    CsvWriter::appendNumber(chunk, q.real(1));
                } else {
                    const qint64 count = q.integer(4);
                    CsvWriter::appendNumber(chunk, q.real(1));
                    chunk += ',';
                    CsvWriter::appendNumber(chunk, count > 0 ? q.real(2) / double(count) : 0);
                    chunk += ',';
                    CsvWriter::appendNumber(chunk, q.real(3));
                    chunk += ',';
                    chunk += QByteArray::number(count);
                }
                chunk += tail;
                ++chunkRows;
                if (chunk.size() >= ChunkBytes) {
                    csv.writeEncoded(chunk, chunkRows);
                    chunk.resize(0);
                    chunkRows = 0;
                }
                if (!rowDone(csv))
                    return false;
            }
            if (!q.error().isEmpty())
                return fail(QStringLiteral("cannot read history: %1").arg(q.error()));
        }
    }
    csv.writeEncoded(chunk, chunkRows);
    return csv.ok() || fail(QStringLiteral("cannot write the export: %1").arg(csv.errorString()));
}

bool ReportExporter::writeResources(const QList<Resource> &resources, CsvWriter &csv)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT name, kind, source, region, status, vcpus, memory_mb, disk_gb, cpu, memory,"
                             " disk, metrics_updated_at FROM resources WHERE id = ?"));
    for (const Resource &r : resources) {
        q.addBindValue(r.id);
        if (!q.exec() || !q.next())
            return fail(QStringLiteral("cannot read resources: %1").arg(q.lastError().text()));
        QStringList cells;
        for (int i = 0; i < 8; ++i)
            cells << q.value(i).toString();
        cells << numberOrEmpty(q.value(8)) << numberOrEmpty(q.value(9)) << numberOrEmpty(q.value(10))
              << CsvWriter::formatTimestamp(q.value(11).toLongLong());
        q.finish();
        csv.writeRow(cells);
        if (!rowDone(csv))
            return false;
    }
    return true;
}

bool ReportExporter::writeAlerts(const ExportRequest &request, const QList<Resource> &resources, CsvWriter &csv)
{
    QHash<qint64, QString> names;
    for (const Resource &r : resources)
        names.insert(r.id, r.name);
    const QList<Metric> metrics = metricsOf(request);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT started_at, resolved_at, resource_id, metric, level, value, threshold, state"
                             " FROM alert_events WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id"));
    q.addBindValue(request.from.value_or(Never));
    q.addBindValue(request.to.value_or(Forever));
    if (!q.exec())
        return fail(QStringLiteral("cannot read alerts: %1").arg(q.lastError().text()));
    while (q.next()) {
        const auto name = names.constFind(q.value(2).toLongLong());
        const Metric metric = Metric(q.value(3).toInt());
        if (name == names.cend() || !metrics.contains(metric))
            continue;
        csv.writeRow({ CsvWriter::formatTimestamp(q.value(0).toLongLong()),
                       CsvWriter::formatTimestamp(q.value(1).toLongLong()), *name, metricName(metric),
                       q.value(4).toString(), CsvWriter::formatNumber(q.value(5).toDouble()),
                       CsvWriter::formatNumber(q.value(6).toDouble()), q.value(7).toString() });
        if (!rowDone(csv))
            return false;
    }
    return true;
}

bool ReportExporter::writeSyncRuns(const ExportRequest &request, CsvWriter &csv)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT started_at, finished_at, source, status, resources, samples, api_calls,"
                             " throttled, error FROM sync_runs WHERE started_at >= ? AND started_at < ?"
                             " ORDER BY started_at, id"));
    q.addBindValue(request.from.value_or(Never));
    q.addBindValue(request.to.value_or(Forever));
    if (!q.exec())
        return fail(QStringLiteral("cannot read sync runs: %1").arg(q.lastError().text()));
    while (q.next()) {
        if (!request.sources.isEmpty() && !request.sources.contains(q.value(2).toString()))
            continue;
        QStringList cells { CsvWriter::formatTimestamp(q.value(0).toLongLong()),
                            CsvWriter::formatTimestamp(q.value(1).toLongLong()) };
        for (int i = 2; i < 9; ++i)
            cells << q.value(i).toString();
        csv.writeRow(cells);
        if (!rowDone(csv))
            return false;
    }
    return true;
}

std::optional<qint64> ReportExporter::countRows(const ExportRequest &request)
{
    m_error.clear();
    m_usageError = false;
    if (header(request.report, request.resolution).isEmpty()) {
        fail(QStringLiteral("unknown report '%1'").arg(request.report), true);
        return std::nullopt;
    }
    const qint64 from = request.from.value_or(Never);
    const qint64 to = request.to.value_or(Forever);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    auto single = [&](const QString &what) -> std::optional<qint64> {
        if (!q.exec() || !q.next()) {
            fail(QStringLiteral("cannot count %1: %2").arg(what, q.lastError().text()));
            return std::nullopt;
        }
        const qint64 n = q.value(0).toLongLong();
        q.finish();
        return n;
    };
    if (request.report == QLatin1String("sync-runs")) {
        if (!request.sources.isEmpty()) {
            // Sources are few; filtering them in SQL would mean building an IN list.
            qint64 total = 0;
            q.prepare(QStringLiteral("SELECT count(*) FROM sync_runs WHERE source = ? AND started_at >= ?"
                                     " AND started_at < ?"));
            for (const QString &source : request.sources) {
                q.addBindValue(source);
                q.addBindValue(from);
                q.addBindValue(to);
                const auto n = single(QStringLiteral("sync runs"));
                if (!n)
                    return std::nullopt;
                total += *n;
            }
            return total;
        }
        q.prepare(QStringLiteral("SELECT count(*) FROM sync_runs WHERE started_at >= ? AND started_at < ?"));
        q.addBindValue(from);
        q.addBindValue(to);
        return single(QStringLiteral("sync runs"));
    }
    const auto resources = selectResources(request);
    if (!resources)
        return std::nullopt;
    if (request.report == QLatin1String("resources"))
        return qint64(resources->size());
    if (request.report == QLatin1String("alerts")) {
        q.prepare(QStringLiteral("SELECT count(*) FROM alert_events WHERE resource_id = ? AND metric = ?"
                                 " AND started_at >= ? AND started_at < ?"));
    } else if (request.resolution == QLatin1String("raw")) {
        q.prepare(QStringLiteral("SELECT count(*) FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                                 " AND ts < ?"));
    } else {
        q.prepare(QStringLiteral("SELECT count(*) FROM rollups WHERE resource_id = ? AND metric = ? AND period = ?"
                                 " AND bucket > ? AND bucket < ?"));
    }
    const bool rollups = request.report == QLatin1String("history") && request.resolution != QLatin1String("raw");
    const qint64 period = request.resolution == QLatin1String("day") ? 86400 : 3600;
    qint64 total = 0;
    for (const Resource &r : *resources) {
        for (Metric m : metricsOf(request)) {
            q.addBindValue(r.id);
            q.addBindValue(int(m));
            if (rollups)
                q.addBindValue(period);
            q.addBindValue(rollups && from != Never ? from - period : from);
            q.addBindValue(to);
            const auto n = single(QStringLiteral("history"));
            if (!n)
                return std::nullopt;
            total += *n;
        }
    }
    return total;
}
