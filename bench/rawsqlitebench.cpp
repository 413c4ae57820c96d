#include "rawsqlitebench.h"

#include "storage/database.h"

#include <QFileInfo>
#include <cmath>
#include <sqlite3.h>

namespace {

class RawDatabase final
{
public:
    ~RawDatabase()
    {
        sqlite3_finalize(m_insert);
        sqlite3_finalize(m_insertIgnore);
        sqlite3_close(m_db);
    }

    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

    bool open(const QString &path)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
            != SQLITE_OK)
            return false;
        sqlite3_busy_timeout(m_db, 10000);
        // What Database::open sets on every file connection.
        return exec("PRAGMA journal_mode=WAL") && exec("PRAGMA synchronous=NORMAL") && exec("PRAGMA foreign_keys=ON")
            && prepare("INSERT INTO samples (resource_id, metric, ts, value) VALUES (?, ?, ?, ?)", &m_insert)
            && prepare("INSERT INTO samples (resource_id, metric, ts, value) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT DO NOTHING",
                       &m_insertIgnore);
    }

    bool exec(const char *sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

    // Returns how many rows were new, or -1.
    qint64 write(const QList<SampleRow> &batch, bool ignoreConflicts)
    {
        sqlite3_stmt *st = ignoreConflicts ? m_insertIgnore : m_insert;
        qint64 inserted = 0;
        for (const SampleRow &s : batch) {
            sqlite3_bind_int64(st, 1, s.resourceId);
            sqlite3_bind_int(st, 2, int(s.metric));
            sqlite3_bind_int64(st, 3, s.ts);
            sqlite3_bind_double(st, 4, s.value);
            const int rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_DONE)
                return -1;
            inserted += sqlite3_changes(m_db);
        }
        return inserted;
    }

    bool countAndSum(qint64 *count, double *sum)
    {
        sqlite3_stmt *st = nullptr;
        if (!prepare("SELECT count(*), sum(value) FROM samples", &st))
            return false;
        const bool ok = sqlite3_step(st) == SQLITE_ROW;
        if (ok) {
            *count = sqlite3_column_int64(st, 0);
            *sum = sqlite3_column_double(st, 1);
        }
        sqlite3_finalize(st);
        return ok;
    }

private:
    bool prepare(const char *sql, sqlite3_stmt **st)
    {
        return sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, nullptr) == SQLITE_OK;
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_insertIgnore = nullptr;
};

// The file with the store's schema, created by the store and closed again.
bool createSchema(const QString &path, QString *error)
{
    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + path, error);
    if (!url)
        return false;
    const QString connection = QStringLiteral("opsdeck-bench-raw-schema");
    const bool ok = Database::open(*url, connection, error).has_value();
    Database::close(connection);
    return ok;
}

} // namespace

EngineResult runRawSqliteBench(const Workload &w, const QString &path, int rewriteBatches)
{
    EngineResult r;
    r.engine = QStringLiteral("raw");
    r.what = QStringLiteral("sqlite3 C API, prepared INSERT per row: samples table only");
    if (!createSchema(path, &r.error))
        return r;
    RawDatabase db;
    if (!db.open(path)) {
        r.error = QStringLiteral("cannot open %1 with sqlite3: %2").arg(path, db.error());
        return r;
    }
    auto failed = [&](const QString &what) {
        r.error = what + QStringLiteral(": ") + db.error();
        db.exec("ROLLBACK");
        return r;
    };

    // BEGIN/COMMIT as QSqlDatabase::transaction()/commit() send them for the store.
    const Stopwatch ingest;
    for (const QList<SampleRow> &batch : w.batches) {
        if (!db.exec("BEGIN"))
            return failed(QStringLiteral("ingest"));
        if (db.write(batch, false) != batch.size())
            return failed(QStringLiteral("ingest"));
        if (!db.exec("COMMIT"))
            return failed(QStringLiteral("ingest"));
    }
    r.seconds = ingest.seconds();
    r.cpuSeconds = ingest.cpuSeconds();
    r.samples = w.samples;

    const Stopwatch rewrite;
    for (int i = 0; i < rewriteBatches && i < w.batches.size(); ++i) {
        if (!db.exec("BEGIN"))
            return failed(QStringLiteral("re-write"));
        const qint64 inserted = db.write(w.batches.at(i), true);
        if (inserted != 0) {
            if (inserted > 0)
                db.exec("ROLLBACK");
            r.error = inserted < 0 ? QStringLiteral("re-write: ") + db.error()
                                   : QStringLiteral("re-write: %1 already-stored samples were new").arg(inserted);
            return r;
        }
        if (!db.exec("COMMIT"))
            return failed(QStringLiteral("re-write"));
    }
    r.rewriteSeconds = rewrite.seconds();
    r.rewriteSamples = w.samplesInFirstBatches(rewriteBatches);

    qint64 count = 0;
    double sum = 0;
    if (!db.countAndSum(&count, &sum))
        return failed(QStringLiteral("cannot count samples"));
    if (count != w.samples || std::abs(sum - w.valueSum) > 1e-9 * std::abs(w.valueSum)) {
        r.error = QStringLiteral("samples: %1 stored (%2 expected), values sum to %3 (%4 expected)")
                      .arg(count)
                      .arg(w.samples)
                      .arg(sum, 0, 'f', 3)
                      .arg(w.valueSum, 0, 'f', 3);
        return r;
    }
    r.checks << QStringLiteral("every batch fully new; re-written batches nothing new")
             << QStringLiteral("samples count and value sum");
    r.bytes = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
    return r;
}
