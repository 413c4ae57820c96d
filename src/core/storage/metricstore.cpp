#include "metricstore.h"
#include "schema.h"

#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>
#include <cstring>
#include <map>
#include <tuple>
#include <libpq-fe.h>
#include <sqlite3.h>

// Prepared statements on the raw SQLite handle: per-row QSqlQuery::exec() adds QVariant and driver overhead to
// every sample of a large backfill; the raw handle keeps the store near the raw sqlite3 ceiling
// (docs/BENCHMARKS.md). The handle belongs to the QtSql connection, so these
// statements are finalised before the store — and with it the caller's connection — goes away.
struct MetricStore::SqliteStatements
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *insertSample = nullptr;
    sqlite3_stmt *upsertRollup = nullptr;
    sqlite3_stmt *insertFleetPart = nullptr;
    // The fleet rollups of the batch being written, (metric, period, bucket) → aggregate: fed from each
    // resource's rollup when it is flushed, so a sample costs no extra lookup.
    std::map<std::tuple<int, qint64, qint64>, MetricStore::Aggregate> fleet;

    ~SqliteStatements()
    {
        sqlite3_finalize(insertSample);
        sqlite3_finalize(upsertRollup);
        sqlite3_finalize(insertFleetPart);
    }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(db)); }
};

namespace {

const char *const MetricColumns[] = { nullptr, "cpu", "memory", "disk" };

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' meaning "not known".
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

qint64 bucketStart(qint64 ts, qint64 period)
{
    // Floor division, so samples before 1970 would still land in the right bucket.
    const qint64 r = ts % period;
    return r < 0 ? ts - r - period : ts - r;
}

} // namespace

MetricStore::MetricStore(QSqlDatabase db)
    : m_db(std::move(db))
    , m_sqlite(m_db.driverName() == QLatin1String("QSQLITE"))
{
    if (!m_sqlite)
        return;
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        m_lite = std::make_unique<SqliteStatements>();
        m_lite->db = *static_cast<sqlite3 *const *>(handle.constData());
    }
}

MetricStore::~MetricStore() = default;

namespace {

bool isDamage(const QString &cause)
{
    return cause.contains(QLatin1String("malformed")) || cause.contains(QLatin1String("not a database"));
}

// The engines' words for a store that cannot be written name neither the file nor the way out; this adds both.
QString storageHint(const QSqlDatabase &db, const QString &cause)
{
    const bool sqlite = db.driverName() == QLatin1String("QSQLITE");
    const QString where
        = sqlite ? db.databaseName() : QStringLiteral("PostgreSQL at %1:%2").arg(db.hostName()).arg(db.port());
    if (cause.contains(QLatin1String("readonly database")))
        return QStringLiteral(". The cache %1 is read-only for this user (file or directory permissions, or a "
                              "read-only file system): make it writable, or point --db at a writable path")
            .arg(where);
    if (cause.contains(QLatin1String("disk is full")) || cause.contains(QLatin1String("No space left")))
        return QStringLiteral(". The disk holding %1 is full: free space there and sync again (what was committed "
                              "before is kept)")
            .arg(sqlite ? QFileInfo(where).absolutePath() : where);
    if (isDamage(cause))
        return QStringLiteral(". The cache %1 is damaged and was left as it is: restore it from a backup, or move it "
                              "away to start a fresh cache")
            .arg(where);
    const bool connectionLost = cause.contains(QLatin1String("server closed the connection"))
        || cause.contains(QLatin1String("terminating connection"))
        || cause.contains(QLatin1String("no connection to the server"));
    if (!sqlite && connectionLost)
        return QStringLiteral(". The connection to %1 was lost (the server restarted or went away); what was "
                              "committed before is kept: sync again when it is back")
            .arg(where);
    return QString();
}

} // namespace

bool MetricStore::fail(const QString &what, const QString &cause)
{
    m_error = what + QStringLiteral(": ") + cause.trimmed() + storageHint(m_db, cause);
    m_damaged = m_damaged || isDamage(cause);
    return false;
}

bool MetricStore::transaction()
{
    if (m_db.transaction())
        return true;
    return fail(QStringLiteral("cannot start a transaction"), m_db.lastError().text());
}

bool MetricStore::commit()
{
    if (m_db.commit())
        return true;
    fail(QStringLiteral("cannot commit"), m_db.lastError().text());
    m_db.rollback();
    return false;
}

void MetricStore::rollback()
{
    m_db.rollback();
}

std::optional<QHash<QString, qint64>> MetricStore::upsertResources(const QString &source,
                                                                     const QList<ResourceInfo> &resources,
                                                                     qint64 seenAt)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO resources (source, external_id, name, kind, region, status, tags, vcpus, memory_mb, disk_gb,"
        " seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (source, external_id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
        " region = excluded.region, status = excluded.status, tags = excluded.tags, vcpus = excluded.vcpus,"
        " memory_mb = excluded.memory_mb, disk_gb = excluded.disk_gb, seen_at = excluded.seen_at"
        " RETURNING id"));
    QHash<QString, qint64> ids;
    for (const ResourceInfo &r : resources) {
        q.addBindValue(source);
        q.addBindValue(text(r.externalId));
        q.addBindValue(text(r.name));
        q.addBindValue(text(r.kind));
        q.addBindValue(text(r.region));
        q.addBindValue(text(r.status));
        q.addBindValue(text(r.tags.join(QLatin1Char(','))));
        q.addBindValue(r.vcpus);
        q.addBindValue(r.memoryMb);
        q.addBindValue(r.diskGb);
        q.addBindValue(seenAt);
        if (!q.exec() || !q.next()) {
            fail(QStringLiteral("cannot store resource '%1'").arg(r.name), q.lastError().text());
            return std::nullopt;
        }
        ids.insert(r.externalId, q.value(0).toLongLong());
        q.finish();
    }
    return ids;
}

qint64 MetricStore::writeSamples(const QList<SampleRow> &samples)
{
    if (samples.isEmpty())
        return 0;
    return m_lite ? writeSamplesSqlite(samples) : writeSamplesPostgres(samples);
}

bool MetricStore::fold(Aggregate &agg, const SampleRow &s, qint64 period)
{
    const qint64 bucket = bucketStart(s.ts, period);
    const int metric = int(s.metric);
    if (agg.count > 0 && agg.resourceId == s.resourceId && agg.metric == metric && agg.bucket == bucket) {
        agg.min = std::min(agg.min, s.value);
        agg.max = std::max(agg.max, s.value);
        agg.sum += s.value;
        ++agg.count;
        return true;
    }
    // Samples arrive grouped by resource and metric in time order, so a bucket is usually complete when
    // the key changes; if not, the upsert merges the pieces.
    if (agg.count > 0 && !flushRollup(agg, period))
        return false;
    agg = Aggregate { s.resourceId, metric, bucket, s.value, s.value, s.value, 1 };
    return true;
}

bool MetricStore::flushRollup(const Aggregate &agg, qint64 period)
{
    sqlite3_stmt *st = m_lite->upsertRollup;
    sqlite3_bind_int64(st, 1, agg.resourceId);
    sqlite3_bind_int(st, 2, agg.metric);
    sqlite3_bind_int64(st, 3, period);
    sqlite3_bind_int64(st, 4, agg.bucket);
    sqlite3_bind_double(st, 5, agg.min);
    sqlite3_bind_double(st, 6, agg.max);
    sqlite3_bind_double(st, 7, agg.sum);
    sqlite3_bind_int64(st, 8, agg.count);
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(QStringLiteral("cannot update rollups"), m_lite->error());
    Aggregate &f = m_lite->fleet[{ agg.metric, period, agg.bucket }];
    f.min = f.count > 0 ? std::min(f.min, agg.min) : agg.min;
    f.max = f.count > 0 ? std::max(f.max, agg.max) : agg.max;
    f.sum += agg.sum;
    f.count += agg.count;
    return true;
}

qint64 MetricStore::writeSamplesSqlite(const QList<SampleRow> &samples)
{
    SqliteStatements &lite = *m_lite;
    if (!lite.insertSample) {
        const char *insert = "INSERT INTO samples (resource_id, metric, ts, value) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT DO NOTHING";
        const char *rollup = "INSERT INTO rollups (resource_id, metric, period, bucket, min, max, sum, count)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (resource_id, metric, period, bucket) DO UPDATE SET"
                             " min = min(rollups.min, excluded.min), max = max(rollups.max, excluded.max),"
                             " sum = rollups.sum + excluded.sum, count = rollups.count + excluded.count";
        const char *fleetPart = "INSERT INTO fleet_rollup_parts (metric, period, bucket, min, max, sum, count)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                                " ON CONFLICT (period, bucket, metric) DO UPDATE SET"
                                " min = min(fleet_rollup_parts.min, excluded.min),"
                                " max = max(fleet_rollup_parts.max, excluded.max),"
                                " sum = fleet_rollup_parts.sum + excluded.sum,"
                                " count = fleet_rollup_parts.count + excluded.count";
        if (sqlite3_prepare_v3(lite.db, insert, -1, SQLITE_PREPARE_PERSISTENT, &lite.insertSample, nullptr) != SQLITE_OK
            || sqlite3_prepare_v3(lite.db, rollup, -1, SQLITE_PREPARE_PERSISTENT, &lite.upsertRollup, nullptr)
                != SQLITE_OK
            || sqlite3_prepare_v3(lite.db, fleetPart, -1, SQLITE_PREPARE_PERSISTENT, &lite.insertFleetPart, nullptr)
                != SQLITE_OK) {
            fail(QStringLiteral("cannot prepare the sample statements"), lite.error());
            return -1;
        }
    }
    Aggregate hour;
    Aggregate day;
    QHash<qint64, Latest> latest; // key: resource id * 8 + metric
    lite.fleet.clear();
    qint64 inserted = 0;
    sqlite3_stmt *st = lite.insertSample;
    for (const SampleRow &s : samples) {
        sqlite3_bind_int64(st, 1, s.resourceId);
        sqlite3_bind_int(st, 2, int(s.metric));
        sqlite3_bind_int64(st, 3, s.ts);
        sqlite3_bind_double(st, 4, s.value);
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            fail(QStringLiteral("cannot store samples"), lite.error());
            return -1;
        }
        if (sqlite3_changes(lite.db) == 0)
            continue; // already stored: first write wins
        ++inserted;
        if (!fold(hour, s, Schema::HourSeconds) || !fold(day, s, Schema::DaySeconds))
            return -1;
        Latest &l = latest[s.resourceId * 8 + int(s.metric)];
        if (s.ts >= l.ts)
            l = { s.ts, s.value };
    }
    if ((hour.count > 0 && !flushRollup(hour, Schema::HourSeconds))
        || (day.count > 0 && !flushRollup(day, Schema::DaySeconds)))
        return -1;
    for (const auto &[key, f] : lite.fleet) {
        sqlite3_stmt *part = lite.insertFleetPart;
        sqlite3_bind_int(part, 1, std::get<0>(key));
        sqlite3_bind_int64(part, 2, std::get<1>(key));
        sqlite3_bind_int64(part, 3, std::get<2>(key));
        sqlite3_bind_double(part, 4, f.min);
        sqlite3_bind_double(part, 5, f.max);
        sqlite3_bind_double(part, 6, f.sum);
        sqlite3_bind_int64(part, 7, f.count);
        const int rc = sqlite3_step(part);
        sqlite3_reset(part);
        if (rc != SQLITE_DONE) {
            fail(QStringLiteral("cannot update the fleet rollups"), lite.error());
            return -1;
        }
    }
    return updateLatest(latest) ? inserted : -1;
}

namespace {

// A one-dimensional PostgreSQL array in binary wire format: header (dimensions, no nulls, element type, length,
// lower bound), then per element its byte length and its big-endian value.
template<typename T, typename Get>
QByteArray binaryArray(quint32 elementOid, const QList<SampleRow> &samples, qsizetype start, qsizetype end, Get get)
{
    QByteArray a;
    a.reserve(20 + (end - start) * qsizetype(4 + sizeof(T)));
    auto put = [&a](auto v) {
        const auto big = qToBigEndian(v);
        a.append(reinterpret_cast<const char *>(&big), sizeof big);
    };
    put(quint32(1));
    put(quint32(0));
    put(elementOid);
    put(quint32(end - start));
    put(quint32(1));
    for (qsizetype i = start; i < end; ++i) {
        put(quint32(sizeof(T)));
        put(T(get(samples.at(i))));
    }
    return a;
}

} // namespace

// PostgreSQL: one statement per chunk of 20,000 samples. The rows travel as four arrays in binary parameters that
// unnest() turns back into rows; the INSERT … RETURNING yields only the rows that were new, and the same
// statement folds exactly those into the rollups. The arrays go through libpq on QPSQL's own connection (inside
// its transaction), as the SQLite path uses its raw handle: QPSQL would format them as text literals inlined into
// EXECUTE, which cost more client time than the server spends (docs/BENCHMARKS.md).
qint64 MetricStore::writeSamplesPostgres(const QList<SampleRow> &samples)
{
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0) {
        fail(QStringLiteral("cannot store samples"), QStringLiteral("the PostgreSQL driver gave no connection handle"));
        return -1;
    }
    PGconn *conn = *static_cast<PGconn *const *>(handle.constData());
    // %1 is where the samples INSERT handles conflicts. Rows that already exist are rare (an overlap window),
    // but ON CONFLICT costs the server as much again as the insert itself; so a chunk is first tried as a plain
    // INSERT under a savepoint, and only a unique violation sends it through the conflict-handling statement.
    static const QByteArray sqlTemplate =
        "WITH input AS ("
        "  SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::bigint[], $4::double precision[])"
        "  AS t(resource_id, metric, ts, value)),"
        " ins AS ("
        "  INSERT INTO samples (resource_id, metric, ts, value) SELECT resource_id, metric, ts, value FROM input"
        "  %1 RETURNING resource_id, metric, ts, value),"
        " roll AS ("
        "  INSERT INTO rollups (resource_id, metric, period, bucket, min, max, sum, count)"
        "  SELECT resource_id, metric, p.period, ts - (((ts % p.period) + p.period) % p.period),"
        "         min(value), max(value), sum(value), count(*)"
        "  FROM ins CROSS JOIN (VALUES (3600), (86400)) AS p(period)"
        "  GROUP BY 1, 2, 3, 4"
        "  ON CONFLICT (resource_id, metric, period, bucket) DO UPDATE SET"
        "  min = LEAST(rollups.min, excluded.min), max = GREATEST(rollups.max, excluded.max),"
        "  sum = rollups.sum + excluded.sum, count = rollups.count + excluded.count),"
        " fleet AS ("
        "  INSERT INTO fleet_rollup_parts (metric, period, bucket, min, max, sum, count)"
        "  SELECT metric, p.period, ts - (((ts % p.period) + p.period) % p.period),"
        "         min(value), max(value), sum(value), count(*)"
        "  FROM ins CROSS JOIN (VALUES (3600), (86400)) AS p(period)"
        "  GROUP BY 1, 2, 3)"
        " SELECT count(*) FROM ins";
    static const QByteArray plainSql = QByteArray(sqlTemplate).replace("%1", "");
    static const QByteArray conflictSql = QByteArray(sqlTemplate).replace("%1", "ON CONFLICT DO NOTHING");
    // Savepoints exist only inside a transaction; outside one every chunk takes the conflict-handling statement.
    const bool inTransaction = PQtransactionStatus(conn) == PQTRANS_INTRANS;
    auto command = [conn](const char *sql) { PQclear(PQexec(conn, sql)); };
    constexpr qsizetype Chunk = 20000;
    constexpr Oid Int8 = 20, Int2 = 21, Float8 = 701;
    const Oid types[4] = { 1016, 1005, 1016, 1022 }; // int8[], int2[], int8[], float8[]
    const int formats[4] = { 1, 1, 1, 1 };
    QHash<qint64, Latest> latest;
    qint64 inserted = 0;
    for (qsizetype start = 0; start < samples.size(); start += Chunk) {
        const qsizetype end = std::min(samples.size(), start + Chunk);
        const QByteArray arrays[4] = {
            binaryArray<qint64>(Int8, samples, start, end, [](const SampleRow &s) { return s.resourceId; }),
            binaryArray<qint16>(Int2, samples, start, end, [](const SampleRow &s) { return int(s.metric); }),
            binaryArray<qint64>(Int8, samples, start, end, [](const SampleRow &s) { return s.ts; }),
            binaryArray<quint64>(Float8, samples, start, end, [](const SampleRow &s) {
                quint64 bits;
                std::memcpy(&bits, &s.value, sizeof bits);
                return bits;
            }),
        };
        const char *values[4];
        int lengths[4];
        for (int i = 0; i < 4; ++i) {
            values[i] = arrays[i].constData();
            lengths[i] = int(arrays[i].size());
        }
        PGresult *res = nullptr;
        if (inTransaction) {
            command("SAVEPOINT opsdeck_chunk");
            res = PQexecParams(conn, plainSql.constData(), 4, types, values, lengths, formats, 0);
            const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
            if (state && qstrcmp(state, "23505") == 0) { // unique_violation: part of the chunk is stored already
                PQclear(res);
                res = nullptr;
                command("ROLLBACK TO SAVEPOINT opsdeck_chunk");
            }
            command("RELEASE SAVEPOINT opsdeck_chunk");
        }
        if (!res)
            res = PQexecParams(conn, conflictSql.constData(), 4, types, values, lengths, formats, 0);
        const bool ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
        if (ok)
            inserted += QByteArray(PQgetvalue(res, 0, 0)).toLongLong();
        PQclear(res);
        if (!ok) {
            fail(QStringLiteral("cannot store samples"), QString::fromUtf8(PQerrorMessage(conn)).trimmed());
            return -1;
        }
        // Latest values are guarded by timestamp in updateLatest(), so offering already-stored samples is harmless.
        for (qsizetype i = start; i < end; ++i) {
            const SampleRow &s = samples.at(i);
            Latest &l = latest[s.resourceId * 8 + int(s.metric)];
            if (s.ts >= l.ts)
                l = { s.ts, s.value };
        }
    }
    return updateLatest(latest) ? inserted : -1;
}

// The fleet table reads the latest value of each metric straight from the resource row. Each metric carries its
// own timestamp so an older window (a backfill, an overlap) never overwrites a newer value.
bool MetricStore::updateLatest(const QHash<qint64, Latest> &latest)
{
    QSqlQuery q(m_db);
    for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
        const qint64 resourceId = it.key() / 8;
        const QLatin1String col(MetricColumns[it.key() % 8]);
        q.prepare(QStringLiteral("UPDATE resources SET %1 = ?, %1_at = ?,"
                                 " metrics_updated_at = CASE WHEN metrics_updated_at IS NULL"
                                 " OR metrics_updated_at < ? THEN ? ELSE metrics_updated_at END"
                                 " WHERE id = ? AND (%1_at IS NULL OR %1_at <= ?)")
                      .arg(col));
        q.addBindValue(it->value);
        q.addBindValue(it->ts);
        q.addBindValue(it->ts);
        q.addBindValue(it->ts);
        q.addBindValue(resourceId);
        q.addBindValue(it->ts);
        if (!q.exec())
            return fail(QStringLiteral("cannot update latest values"), q.lastError().text());
    }
    return true;
}

std::optional<QHash<QString, QString>> MetricStore::loadSourceState(const QString &source)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT key, value FROM source_state WHERE source = ?"));
    q.addBindValue(source);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the state of source '%1'").arg(source), q.lastError().text());
        return std::nullopt;
    }
    QHash<QString, QString> state;
    while (q.next())
        state.insert(q.value(0).toString(), q.value(1).toString());
    return state;
}

bool MetricStore::saveSourceState(const QString &source, const QHash<QString, QString> &state)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO source_state (source, key, value) VALUES (?, ?, ?)"
                             " ON CONFLICT (source, key) DO UPDATE SET value = excluded.value"));
    for (auto it = state.cbegin(); it != state.cend(); ++it) {
        q.addBindValue(source);
        q.addBindValue(it.key());
        q.addBindValue(text(it.value()));
        if (!q.exec())
            return fail(QStringLiteral("cannot save the state of source '%1'").arg(source), q.lastError().text());
    }
    return true;
}

std::optional<QHash<QString, qint64>> MetricStore::lastSampleTimes(const QString &source)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT external_id, cpu_at, memory_at, disk_at FROM resources WHERE source = ?"));
    q.addBindValue(source);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the resources of source '%1'").arg(source), q.lastError().text());
        return std::nullopt;
    }
    QHash<QString, qint64> times;
    while (q.next()) {
        const QString id = q.value(0).toString();
        for (Metric m : AllMetrics) {
            const QVariant at = q.value(int(m));
            if (!at.isNull())
                times.insert(id + QLatin1Char('/') + metricName(m), at.toLongLong());
        }
    }
    return times;
}

bool MetricStore::insertSyncRun(const SyncRunRecord &run)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO sync_runs (source, source_type, started_at, finished_at, duration_ms,"
                             " status, resources, samples, api_calls, throttled, retries, error, host)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(run.source);
    q.addBindValue(run.sourceType);
    q.addBindValue(run.startedAt);
    q.addBindValue(run.finishedAt);
    q.addBindValue(run.durationMs);
    q.addBindValue(run.status);
    q.addBindValue(run.resources);
    q.addBindValue(run.samples);
    q.addBindValue(run.apiCalls);
    q.addBindValue(run.throttled);
    q.addBindValue(run.retries);
    q.addBindValue(text(run.error));
    q.addBindValue(text(run.host));
    if (!q.exec())
        return fail(QStringLiteral("cannot record the sync of '%1'").arg(run.source), q.lastError().text());
    return true;
}

bool MetricStore::recordAlertTransitions(const QList<AlertTransition> &transitions)
{
    if (transitions.isEmpty())
        return true;
    const QString firing = alertStateName(AlertState::Firing);
    QSqlQuery open(m_db);
    open.prepare(QStringLiteral("INSERT INTO alert_events (resource_id, metric, level, state, value, threshold,"
                                " started_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery change(m_db);
    change.prepare(QStringLiteral("UPDATE alert_events SET level = ?, value = ?, threshold = ?"
                                  " WHERE resource_id = ? AND metric = ? AND state = ?"));
    QSqlQuery resolve(m_db);
    resolve.prepare(QStringLiteral("UPDATE alert_events SET state = ?, resolved_at = ?"
                                   " WHERE resource_id = ? AND metric = ? AND state = ?"));
    auto failed = [&](const AlertTransition &t, const QSqlQuery &q) {
        return fail(QStringLiteral("cannot record the %1 alert of resource %2")
                        .arg(metricName(t.metric))
                        .arg(t.resourceId),
                    q.lastError().text());
    };
    for (const AlertTransition &t : transitions) {
        switch (t.state) {
        case AlertState::Pending:
        case AlertState::Cancelled:
            break;
        case AlertState::Firing:
        case AlertState::Escalated:
        case AlertState::DeEscalated:
            change.addBindValue(alertLevelName(t.level));
            change.addBindValue(t.value);
            change.addBindValue(t.threshold);
            change.addBindValue(t.resourceId);
            change.addBindValue(int(t.metric));
            change.addBindValue(firing);
            if (!change.exec())
                return failed(t, change);
            if (change.numRowsAffected() > 0)
                break;
            open.addBindValue(t.resourceId);
            open.addBindValue(int(t.metric));
            open.addBindValue(alertLevelName(t.level));
            open.addBindValue(firing);
            open.addBindValue(t.value);
            open.addBindValue(t.threshold);
            open.addBindValue(t.since > 0 ? t.since : t.at);
            if (!open.exec())
                return failed(t, open);
            break;
        case AlertState::Resolved:
            resolve.addBindValue(alertStateName(AlertState::Resolved));
            resolve.addBindValue(t.at);
            resolve.addBindValue(t.resourceId);
            resolve.addBindValue(int(t.metric));
            resolve.addBindValue(firing);
            if (!resolve.exec())
                return failed(t, resolve);
            break;
        }
    }
    return true;
}

bool MetricStore::prune(qint64 now, int retentionDays)
{
    const qint64 rawCutoff = now - qint64(retentionDays) * Schema::DaySeconds;
    const qint64 longCutoff = now - qint64(Schema::RollupRetentionDays) * Schema::DaySeconds;
    if (!transaction())
        return false;
    QSqlQuery ids(m_db);
    ids.setForwardOnly(true);
    if (!ids.exec(QStringLiteral("SELECT id FROM resources"))) {
        rollback();
        return fail(QStringLiteral("cannot prune: cannot list resources"), ids.lastError().text());
    }
    QList<qint64> resourceIds;
    while (ids.next())
        resourceIds << ids.value(0).toLongLong();
    // Range deletes on the primary key (resource, metric, ts) touch only the expired rows; one DELETE on ts
    // alone would scan the whole samples table.
    QSqlQuery delSamples(m_db);
    delSamples.prepare(QStringLiteral("DELETE FROM samples WHERE resource_id = ? AND metric = ? AND ts < ?"));
    QSqlQuery delRollups(m_db);
    delRollups.prepare(QStringLiteral("DELETE FROM rollups WHERE resource_id = ? AND metric = ? AND period = ?"
                                      " AND bucket < ?"));
    for (qint64 id : std::as_const(resourceIds)) {
        for (Metric m : AllMetrics) {
            delSamples.addBindValue(id);
            delSamples.addBindValue(int(m));
            delSamples.addBindValue(rawCutoff);
            if (!delSamples.exec()) {
                rollback();
                return fail(QStringLiteral("cannot prune old samples"), delSamples.lastError().text());
            }
            for (qint64 period : { Schema::HourSeconds, Schema::DaySeconds }) {
                delRollups.addBindValue(id);
                delRollups.addBindValue(int(m));
                delRollups.addBindValue(period);
                delRollups.addBindValue(longCutoff);
                if (!delRollups.exec()) {
                    rollback();
                    return fail(QStringLiteral("cannot prune old rollups"), delRollups.lastError().text());
                }
            }
        }
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM sync_runs WHERE started_at < ?"));
    q.addBindValue(longCutoff);
    if (!q.exec()) {
        rollback();
        return fail(QStringLiteral("cannot prune old sync runs"), q.lastError().text());
    }
    q.prepare(QStringLiteral("DELETE FROM alert_events WHERE resolved_at IS NOT NULL AND resolved_at < ?"));
    q.addBindValue(longCutoff);
    if (!q.exec()) {
        rollback();
        return fail(QStringLiteral("cannot prune old alerts"), q.lastError().text());
    }
    q.prepare(QStringLiteral("DELETE FROM fleet_rollup_parts WHERE bucket < ?"));
    q.addBindValue(longCutoff);
    if (!q.exec()) {
        rollback();
        return fail(QStringLiteral("cannot prune old fleet rollups"), q.lastError().text());
    }
    if (!mergeFleetParts()) {
        rollback();
        return false;
    }
    return commit();
}

// On PostgreSQL every write appends its own piece of the fleet rollups; this folds the pieces of each bucket into
// one, so the overview reads a row per bucket again. One statement inserts exactly what it deleted, which stays
// right when two syncers merge at once (the second finds the rows gone and skips them).
bool MetricStore::mergeFleetParts()
{
    if (m_sqlite)
        return true; // one row per bucket already (see Schema)
    QSqlQuery q(m_db);
    const QLatin1String groups("SELECT metric, period, bucket FROM fleet_rollup_parts GROUP BY metric, period, bucket"
                               " HAVING count(*) > 1");
    if (!q.exec(QLatin1String("WITH gone AS (DELETE FROM fleet_rollup_parts WHERE (metric, period, bucket) IN (")
                + groups
                + QLatin1String(") RETURNING metric, period, bucket, min, max, sum, count)"
                                " INSERT INTO fleet_rollup_parts (metric, period, bucket, min, max, sum, count)"
                                " SELECT metric, period, bucket, min(min), max(max), sum(sum), sum(count) FROM gone"
                                " GROUP BY metric, period, bucket")))
        return fail(QStringLiteral("cannot merge the fleet rollups"), q.lastError().text());
    return true;
}
