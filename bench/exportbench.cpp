#include "exportbench.h"

#include "engineresult.h"
#include "pgserver.h"
#include "storebench.h"
#include "workload.h"

#include "alerts/alertrule.h"
#include "report/reportexporter.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QList>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtEndian>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <sqlite3.h>
#ifdef OPSDECK_BENCH_HAVE_LIBPQ
#include "libpqconnect.h"
#endif

namespace {

constexpr double TargetRate = 500000;

struct Figure
{
    QString engine; // sqlite | postgres
    QString id; // ceiling | exporter | naive | count
    QString path; // how the rows are read and written
    qint64 rows = 0;
    double seconds = 0;
    double cpuSeconds = 0;
    qint64 bytes = 0;
    double peakRssMb = -1; // growth of the peak RSS during the run; -1 when not measured
    QString error;

    bool ok() const { return error.isEmpty(); }
    double rate() const { return seconds > 0 ? double(rows) / seconds : 0; }
};

struct Series
{
    qint64 id = 0;
    QByteArray name;
    QByteArray kind;
    QByteArray source;
    Metric metric = Metric::Cpu;
    AlertRule rule;
};

Figure figure(const QString &engine, const QString &id, const QString &path = QString())
{
    Figure f;
    f.engine = engine;
    f.id = id;
    f.path = path;
    return f;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2)
                                       : QStringLiteral("unknown");
}

QString grouped(qint64 n)
{
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

qint64 statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// "5" resets the peak RSS (VmHWM) to the current RSS (Linux ≥ 4.0), so the peak of one run can be read.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

// The series in the order ReportExporter writes them: resources by name, source and id, then the metrics.
QList<Series> readSeries(QSqlDatabase &db, QString *error)
{
    QList<Series> series;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, kind, source FROM resources ORDER BY name, source, id"))) {
        *error = q.lastError().text();
        return series;
    }
    const AlertRuleSet rules { AlertConfig() };
    while (q.next()) {
        for (Metric m : AllMetrics) {
            series << Series { q.value(0).toLongLong(),
                               q.value(1).toString().toUtf8(),
                               q.value(2).toString().toUtf8(),
                               q.value(3).toString().toUtf8(),
                               m,
                               rules.defaultRule(m) };
        }
    }
    return series;
}

const char *const Header = "timestamp,resource,kind,source,metric,value,warning,critical\r\n";

// What a C programmer writes: gmtime_r, strftime and one fprintf per row into a stdio buffer.
void printRow(FILE *f, const Series &s, qint64 ts, double value)
{
    const time_t t = time_t(ts);
    tm parts {};
    gmtime_r(&t, &parts);
    char when[32];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &parts);
    std::fprintf(f, "%s,%s,%s,%s,%s,%.2f,%.2f,%.2f\r\n", when, s.name.constData(), s.kind.constData(),
                 s.source.constData(), metricName(s.metric).toLatin1().constData(), value, s.rule.warning,
                 s.rule.critical);
}

Figure ceilingSqlite(const QString &dbPath, const QList<Series> &series, const QString &outPath)
{
    Figure r = figure(QStringLiteral("sqlite"), QStringLiteral("ceiling"),
                      QStringLiteral("sqlite3 C API, fprintf per row (gmtime_r + strftime)"));
    sqlite3 *db = nullptr;
    sqlite3_stmt *st = nullptr;
    FILE *f = nullptr;
    const Stopwatch sw;
    if (sqlite3_open_v2(QFile::encodeName(dbPath).constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
            != SQLITE_OK
        || sqlite3_prepare_v2(db,
                              "SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? AND ts >= ?"
                              " AND ts < ? ORDER BY ts",
                              -1, &st, nullptr)
            != SQLITE_OK) {
        r.error = QString::fromUtf8(sqlite3_errmsg(db));
    } else if (!(f = std::fopen(QFile::encodeName(outPath).constData(), "wb"))) {
        r.error = QStringLiteral("cannot write %1: %2").arg(outPath, QString::fromLocal8Bit(std::strerror(errno)));
    } else {
        std::fputs(Header, f);
        for (const Series &s : series) {
            sqlite3_bind_int64(st, 1, s.id);
            sqlite3_bind_int(st, 2, int(s.metric));
            sqlite3_bind_int64(st, 3, std::numeric_limits<qint64>::min());
            sqlite3_bind_int64(st, 4, std::numeric_limits<qint64>::max());
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                printRow(f, s, sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1));
                ++r.rows;
            }
            sqlite3_reset(st);
            if (rc != SQLITE_DONE) {
                r.error = QString::fromUtf8(sqlite3_errmsg(db));
                break;
            }
        }
        if (std::fclose(f) != 0 && r.ok())
            r.error = QStringLiteral("cannot write %1").arg(outPath);
    }
    r.seconds = sw.seconds();
    r.cpuSeconds = sw.cpuSeconds();
    sqlite3_finalize(st);
    sqlite3_close(db);
    return r;
}

#ifdef OPSDECK_BENCH_HAVE_LIBPQ
Figure ceilingPostgres(const DatabaseUrl &url, const QList<Series> &series, const QString &outPath)
{
    Figure r = figure(QStringLiteral("postgres"), QStringLiteral("ceiling"),
                      QStringLiteral("libpq PQexecParams per series (binary results), fprintf per row"));
    const Stopwatch sw;
    PGconn *conn = connectLibpq(url);
    FILE *f = nullptr;
    if (PQstatus(conn) != CONNECTION_OK) {
        r.error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    } else if (!(f = std::fopen(QFile::encodeName(outPath).constData(), "wb"))) {
        r.error = QStringLiteral("cannot write %1").arg(outPath);
    } else {
        std::fputs(Header, f);
        for (const Series &s : series) {
            const QByteArray id = QByteArray::number(s.id);
            const QByteArray metric = QByteArray::number(int(s.metric));
            const char *values[] = { id.constData(), metric.constData() };
            PGresult *res = PQexecParams(conn,
                                         "SELECT ts, value FROM samples WHERE resource_id = $1 AND metric = $2"
                                         " ORDER BY ts",
                                         2, nullptr, values, nullptr, nullptr, 1);
            if (PQresultStatus(res) != PGRES_TUPLES_OK) {
                r.error = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
                PQclear(res);
                break;
            }
            const int n = PQntuples(res);
            for (int i = 0; i < n; ++i) {
                const qint64 ts = qFromBigEndian<qint64>(PQgetvalue(res, i, 0));
                const quint64 bits = qFromBigEndian<quint64>(PQgetvalue(res, i, 1));
                double value;
                std::memcpy(&value, &bits, sizeof value);
                printRow(f, s, ts, value);
            }
            r.rows += n;
            PQclear(res);
        }
        if (std::fclose(f) != 0 && r.ok())
            r.error = QStringLiteral("cannot write %1").arg(outPath);
    }
    PQfinish(conn);
    r.seconds = sw.seconds();
    r.cpuSeconds = sw.cpuSeconds();
    return r;
}
#endif

ExportRequest historyRequest()
{
    ExportRequest request;
    request.report = QStringLiteral("history");
    request.resolution = QStringLiteral("raw");
    return request;
}

Figure exporter(const QString &engine, QSqlDatabase &db, const QString &outPath)
{
    Figure r = figure(engine, QStringLiteral("exporter"),
                      QStringLiteral("ReportExporter (what --export and the Export dialog run) to a QFile"));
    const qint64 rssBefore = resetPeakRss() ? statusKb("VmRSS") : -1;
    const Stopwatch sw;
    QFile out(outPath);
    ReportExporter exporter(db);
    if (!out.open(QIODevice::WriteOnly))
        r.error = QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString());
    else if (!exporter.write(historyRequest(), &out))
        r.error = exporter.lastError();
    out.close();
    r.seconds = sw.seconds();
    r.cpuSeconds = sw.cpuSeconds();
    r.rows = exporter.rowsWritten();
    if (rssBefore >= 0)
        r.peakRssMb = double(statusKb("VmHWM") - rssBefore) / 1024.0;
    return r;
}

Figure counting(const QString &engine, QSqlDatabase &db)
{
    Figure r
        = figure(engine, QStringLiteral("count"),
                 QStringLiteral("ReportExporter::countRows (the dialog's percentage), one range count per series"));
    const Stopwatch sw;
    ReportExporter exporter(db);
    const auto n = exporter.countRows(historyRequest());
    r.seconds = sw.seconds();
    r.cpuSeconds = sw.cpuSeconds();
    if (n)
        r.rows = *n;
    else
        r.error = exporter.lastError();
    return r;
}

// What a first implementation looks like: a scrollable QSqlQuery (QtSql's default), QDateTime and QString::number
// per cell, the row joined into a QString and streamed through QTextStream.
Figure naive(const QString &engine, QSqlDatabase &db, const QList<Series> &series, const QString &outPath)
{
    Figure r = figure(engine, QStringLiteral("naive"),
                      QStringLiteral("scrollable QSqlQuery, QDateTime/QString::number per cell, QStringList::join, "
                                     "QTextStream"));
    const qint64 rssBefore = resetPeakRss() ? statusKb("VmRSS") : -1;
    const Stopwatch sw;
    QFile file(outPath);
    if (!file.open(QIODevice::WriteOnly)) {
        r.error = file.errorString();
        return r;
    }
    QTextStream out(&file);
    out << QString::fromLatin1(Header);
    for (const Series &s : series) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? ORDER BY ts"));
        q.addBindValue(s.id);
        q.addBindValue(int(s.metric));
        if (!q.exec()) {
            r.error = q.lastError().text();
            break;
        }
        while (q.next()) {
            const QStringList cells {
                QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC).toString(Qt::ISODate),
                QString::fromUtf8(s.name),
                QString::fromUtf8(s.kind),
                QString::fromUtf8(s.source),
                metricName(s.metric),
                QString::number(q.value(1).toDouble(), 'f', 2),
                QString::number(s.rule.warning, 'f', 2),
                QString::number(s.rule.critical, 'f', 2)
            };
            out << cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
            ++r.rows;
        }
    }
    out.flush();
    file.close();
    r.seconds = sw.seconds();
    r.cpuSeconds = sw.cpuSeconds();
    if (rssBefore >= 0)
        r.peakRssMb = double(statusKb("VmHWM") - rssBefore) / 1024.0;
    return r;
}

// The exporter's file must be the ceiling's, byte for byte: same rows, same order, same formatting.
QString compareFiles(const QString &a, const QString &b)
{
    QFile fa(a);
    QFile fb(b);
    if (!fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the exported files");
    qint64 offset = 0;
    for (;;) {
        const QByteArray x = fa.read(1 << 20);
        const QByteArray y = fb.read(1 << 20);
        if (x != y) {
            qsizetype i = 0;
            while (i < x.size() && i < y.size() && x.at(i) == y.at(i))
                ++i;
            return QStringLiteral("the files differ at byte %1: '%2' against '%3'")
                .arg(offset + i)
                .arg(QString::fromUtf8(x.mid(std::max<qsizetype>(0, i - 40), 80)),
                     QString::fromUtf8(y.mid(std::max<qsizetype>(0, i - 40), 80)));
        }
        if (x.isEmpty())
            return QString();
        offset += x.size();
    }
}

// Measures one engine's store; `url` holds the workload already.
QList<Figure> measure(QTextStream &err, const QString &engine, const DatabaseUrl &url, const QString &dir, int repeat,
                      QStringList *checks)
{
    QList<Figure> best;
    auto keep = [&](const Figure &f) {
        for (Figure &b : best) {
            if (b.id == f.id) {
                if (!f.ok() || (b.ok() && f.rate() > b.rate()))
                    b = f;
                return;
            }
        }
        best << f;
    };
    const QString connection = QStringLiteral("opsdeck-bench-export");
    {
        QString error;
        auto db = Database::open(url, connection, &error);
        if (!db) {
            Figure f = figure(engine, QStringLiteral("exporter"));
            f.error = error;
            return { f };
        }
        const QList<Series> series = readSeries(*db, &error);
        const QString ceilingFile = QDir(dir).filePath(engine + QStringLiteral("-ceiling.csv"));
        const QString exporterFile = QDir(dir).filePath(engine + QStringLiteral("-exporter.csv"));
        const QString naiveFile = QDir(dir).filePath(engine + QStringLiteral("-naive.csv"));
        for (int round = 1; round <= repeat; ++round) {
            auto report = [&](const Figure &f) {
                err << "[export " << engine << " " << round << "/" << repeat << "] " << f.id << ": "
                    << (f.ok() ? QStringLiteral("%1 rows in %2 s, %3 rows/s")
                                     .arg(grouped(f.rows))
                                     .arg(f.seconds, 0, 'f', 3)
                                     .arg(grouped(qRound64(f.rate())))
                               : QStringLiteral("FAILED: ") + f.error)
                    << Qt::endl;
                keep(f);
            };
            Figure ceiling;
            if (url.isSqlite())
                ceiling = ceilingSqlite(url.path, series, ceilingFile);
#ifdef OPSDECK_BENCH_HAVE_LIBPQ
            else
                ceiling = ceilingPostgres(url, series, ceilingFile);
#endif
            if (!ceiling.id.isEmpty()) {
                ceiling.bytes = QFileInfo(ceilingFile).size();
                report(ceiling);
            }
            Figure e = exporter(engine, *db, exporterFile);
            e.bytes = QFileInfo(exporterFile).size();
            report(e);
            if (round == 1 && e.ok() && ceiling.ok() && !ceiling.id.isEmpty()) {
                const QString diff = compareFiles(exporterFile, ceilingFile);
                if (!diff.isEmpty()) {
                    e.error = QStringLiteral("exporter and ceiling disagree: ") + diff;
                    keep(e);
                } else {
                    *checks << engine + QStringLiteral(": exporter file = ceiling file, byte for byte");
                }
            }
            QFile::remove(ceilingFile);
            QFile::remove(exporterFile);
            Figure n = naive(engine, *db, series, naiveFile);
            n.bytes = QFileInfo(naiveFile).size();
            QFile::remove(naiveFile);
            report(n);
            const Figure c = counting(engine, *db);
            report(c);
            if (round == 1 && c.ok() && e.ok() && n.ok()) {
                if (c.rows != e.rows || n.rows != e.rows) {
                    Figure bad = c;
                    bad.error = QStringLiteral("countRows %1, exporter %2, naive %3 rows")
                                    .arg(c.rows)
                                    .arg(e.rows)
                                    .arg(n.rows);
                    keep(bad);
                } else {
                    *checks << engine + QStringLiteral(": countRows = exporter rows = naive rows");
                }
            }
        }
    }
    Database::close(connection);
    return best;
}

} // namespace

bool runExportBench(QTextStream &out, QTextStream &err, const ExportBenchOptions &options, PgServer &pg,
                    const std::optional<DatabaseUrl> &pgUrl)
{
    QTemporaryDir dir(QDir(options.dir).filePath(QStringLiteral("opsdeck-bench-export-XXXXXX")));
    if (!dir.isValid()) {
        err << "opsdeck-bench: cannot create a directory in " << options.dir << ": " << dir.errorString() << Qt::endl;
        return false;
    }
    dir.setAutoRemove(!options.keep);
    out << "\n## Export\n\n"
        << "store: " << options.resources << " resources x 3 metrics x " << options.days << " days x "
        << Workload::SamplesPerDay << "/day through MetricStore; seed " << options.seed << "; files in " << dir.path()
        << "\n"
        << "load average before: " << loadAverage() << '\n';
    out.flush();

    QList<Figure> figures;
    QStringList checks;
    auto build = [&](const QString &engine, const DatabaseUrl &url) {
        err << "[export " << engine << "] writing the store..." << Qt::endl;
        Workload w = Workload::generate(options.resources, options.days, 50000, options.seed);
        const EngineResult stored = runStoreBench(w, url, QStringLiteral("export-store"), 0);
        if (!stored.ok()) {
            Figure f = figure(engine, QStringLiteral("exporter"));
            f.error = QStringLiteral("writing the store failed: ") + stored.error;
            figures << f;
            return false;
        }
        out << engine << " store: " << grouped(w.samples) << " samples written in "
            << QString::number(stored.seconds, 'f', 1) << " s\n";
        out.flush();
        return true;
    };

    if (options.engines.contains(QLatin1String("sqlite"))) {
        const auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("export.db")));
        if (build(QStringLiteral("sqlite"), *url))
            figures << measure(err, QStringLiteral("sqlite"), *url, dir.path(), options.repeat, &checks);
    }
    if (options.engines.contains(QLatin1String("postgres")) && pgUrl) {
        QString error;
        const auto url = pg.createDatabase(QStringLiteral("export"), &error);
        if (!url) {
            Figure f = figure(QStringLiteral("postgres"), QStringLiteral("exporter"));
            f.error = error;
            figures << f;
        } else {
            if (build(QStringLiteral("postgres"), *url))
                figures << measure(err, QStringLiteral("postgres"), *url, dir.path(), options.repeat, &checks);
            if (!pg.dropDatabase(*url, &error))
                err << "opsdeck-bench: " << error << Qt::endl;
        }
    }

    out << "load average after: " << loadAverage() << '\n'
        << "peak RSS growth: VmHWM over VmRSS before the run; the heap the store build left behind is reused, so this "
           "bounds what a run adds (tst_reportexporter measures 1 M against 100 k rows in a clean process)\n";
    out << "\n| engine | path | rows | seconds | rows/s | CPU s | MB written | peak RSS growth MB | vs ceiling |\n"
        << "|---|---|--:|--:|--:|--:|--:|--:|---|\n";
    bool ok = !figures.isEmpty();
    for (const Figure &f : std::as_const(figures)) {
        if (!f.ok()) {
            ok = false;
            out << "| " << f.engine << " | " << f.id << " FAILED: " << f.error << " | | | | | | | |\n";
            continue;
        }
        const Figure *ceiling = nullptr;
        for (const Figure &c : std::as_const(figures)) {
            if (c.engine == f.engine && c.id == QLatin1String("ceiling") && c.ok())
                ceiling = &c;
        }
        QString versus = f.id == QLatin1String("ceiling") ? QStringLiteral("(reference)")
            : ceiling && f.id != QLatin1String("count")
            ? QString::number(f.rate() / ceiling->rate(), 'f', 2) + QStringLiteral("×")
            : QString();
        out << "| " << f.engine << " | " << f.id << ": " << f.path << " | " << grouped(f.rows) << " | "
            << QString::number(f.seconds, 'f', 3) << " | " << grouped(qRound64(f.rate())) << " | "
            << QString::number(f.cpuSeconds, 'f', 2) << " | "
            << (f.bytes > 0 ? QString::number(double(f.bytes) / 1e6, 'f', 1) : QString()) << " | "
            << (f.peakRssMb >= 0 ? QString::number(f.peakRssMb, 'f', 1) : QString()) << " | " << versus << " |\n";
    }
    out << "\nChecks: " << (checks.isEmpty() ? QStringLiteral("none") : checks.join(QStringLiteral("; "))) << '\n'
        << "\nTargets:\n";
    for (const Figure &f : std::as_const(figures)) {
        if (f.ok() && f.id == QLatin1String("exporter"))
            out << "  " << f.engine << " export >= " << grouped(qint64(TargetRate))
                << " rows/s: " << grouped(qRound64(f.rate())) << " -- " << (f.rate() >= TargetRate ? "met" : "MISSED")
                << '\n';
    }
    if (!ok)
        out << "\nFAILED: see above\n";
    out.flush();
    return ok;
}
