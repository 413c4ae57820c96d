#include "pgcopybench.h"

#include "storage/database.h"
#include "libpqconnect.h"

#include <QByteArray>
#include <QtEndian>
#include <cmath>
#include <cstring>
#include <libpq-fe.h>

namespace {

class Connection final
{
public:
    ~Connection() { PQfinish(m_conn); }

    bool open(const DatabaseUrl &url)
    {
        m_conn = connectLibpq(url);
        return PQstatus(m_conn) == CONNECTION_OK;
    }

    QString error() const { return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(); }

    bool exec(const char *sql, ExecStatusType expected = PGRES_COMMAND_OK)
    {
        PGresult *res = PQexec(m_conn, sql);
        const bool ok = PQresultStatus(res) == expected;
        PQclear(res);
        return ok;
    }

    bool copy(const QList<SampleRow> &batch, QByteArray &buf)
    {
        buf.clear();
        buf.append("PGCOPY\n\377\r\n\0", 11);
        appendBig<qint32>(buf, 0); // flags
        appendBig<qint32>(buf, 0); // header extension length
        for (const SampleRow &s : batch) {
            appendBig<qint16>(buf, 4);
            appendBig<qint32>(buf, 8);
            appendBig<qint64>(buf, s.resourceId);
            appendBig<qint32>(buf, 2);
            appendBig<qint16>(buf, qint16(s.metric));
            appendBig<qint32>(buf, 8);
            appendBig<qint64>(buf, s.ts);
            appendBig<qint32>(buf, 8);
            quint64 bits = 0;
            std::memcpy(&bits, &s.value, sizeof bits);
            appendBig<quint64>(buf, bits);
        }
        appendBig<qint16>(buf, -1);

        if (!exec("COPY samples (resource_id, metric, ts, value) FROM STDIN (FORMAT binary)", PGRES_COPY_IN))
            return false;
        if (PQputCopyData(m_conn, buf.constData(), int(buf.size())) != 1 || PQputCopyEnd(m_conn, nullptr) != 1)
            return false;
        bool ok = true;
        while (PGresult *res = PQgetResult(m_conn)) {
            ok = ok && PQresultStatus(res) == PGRES_COMMAND_OK;
            PQclear(res);
        }
        return ok;
    }

    bool countAndSum(qint64 *count, double *sum)
    {
        PGresult *res = PQexec(m_conn, "SELECT count(*), sum(value) FROM samples");
        const bool ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
        if (ok) {
            *count = QByteArray(PQgetvalue(res, 0, 0)).toLongLong();
            *sum = QByteArray(PQgetvalue(res, 0, 1)).toDouble();
        }
        PQclear(res);
        return ok;
    }

    qint64 databaseBytes()
    {
        PGresult *res = PQexec(m_conn, "SELECT pg_database_size(current_database())");
        const qint64 bytes
            = PQresultStatus(res) == PGRES_TUPLES_OK ? QByteArray(PQgetvalue(res, 0, 0)).toLongLong() : 0;
        PQclear(res);
        return bytes;
    }

private:
    template<typename T> static void appendBig(QByteArray &buf, T v)
    {
        const T big = qToBigEndian(v);
        buf.append(reinterpret_cast<const char *>(&big), sizeof big);
    }

    PGconn *m_conn = nullptr;
};

} // namespace

EngineResult runPgCopyBench(Workload &w, const DatabaseUrl &url)
{
    EngineResult r;
    r.engine = QStringLiteral("pgcopy");
    r.what = QStringLiteral("libpq binary COPY per batch: samples table only");
    {
        const QString connection = QStringLiteral("opsdeck-bench-pgcopy-schema");
        const bool ok = Database::open(url, connection, &r.error).has_value();
        Database::close(connection);
        if (!ok)
            return r;
    }
    Connection db;
    if (!db.open(url)) {
        r.error = QStringLiteral("cannot connect with libpq to %1: %2").arg(url.redacted(), db.error());
        return r;
    }
    auto failed = [&](const QString &what) {
        r.error = what + QStringLiteral(": ") + db.error();
        return r;
    };

    QByteArray buf;
    buf.reserve(w.batchSize * 46 + 64);
    const Stopwatch ingest;
    for (const QList<SampleRow> &batch : std::as_const(w.batches)) {
        if (!db.exec("BEGIN") || !db.copy(batch, buf) || !db.exec("COMMIT"))
            return failed(QStringLiteral("ingest"));
    }
    r.seconds = ingest.seconds();
    r.cpuSeconds = ingest.cpuSeconds();
    r.samples = w.samples;

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
    r.checks << QStringLiteral("samples count and value sum");
    r.bytes = db.databaseBytes();
    return r;
}
