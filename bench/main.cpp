// opsdeck-bench: ingest throughput of the metric store on SQLite and PostgreSQL, each next to its ceiling
// (--suite ingest, the default), and the latency of the query layer on a 10 M-sample store (--suite query).
// See docs/BENCHMARKS.md for the method and the recorded figures.

#include "engineresult.h"
#include "exportbench.h"
#include "machineinfo.h"
#include "pgserver.h"
#include "querybench.h"
#include "querystore.h"
#include "rawsqlitebench.h"
#include "storebench.h"
#include "workload.h"
#ifdef OPSDECK_BENCH_HAVE_LIBPQ
#include "pgcopybench.h"
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace {

constexpr double SqliteTargetRatio = 0.5;
constexpr double PostgresTargetRate = 150000;

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

// 10368000 → "10,368,000"
QString grouped(qint64 n)
{
    QString digits = QString::number(n < 0 ? -n : n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return n < 0 ? QLatin1Char('-') + digits : digits;
}

QString seconds(double s)
{
    return QString::number(s, 'f', s < 10 ? 3 : 2);
}

QString ratio(double a, double b)
{
    return b > 0 ? QString::number(a / b, 'f', 2) + QStringLiteral("×") : QStringLiteral("—");
}

struct Options
{
    int resources = 400;
    int days = 30;
    int batch = 50000;
    int rewriteBatches = 10;
    int repeat = 1;
    quint64 seed = 20261121;
    QStringList engines;
    QString pgUrl;
    QString dir;
    bool keep = false;
    bool quick = false;
    bool ingestSuite = true;
    bool querySuite = false;
    bool exportSuite = false; // --suite export: a million history rows to CSV
    int fleet = 1000; // the query suite's fleet: resources with history plus resources with latest values only
    bool rebuild = false;
    QList<int> items; // the query suite's measurements to run; empty: all
};

QStringList availableEngines()
{
    QStringList engines { QStringLiteral("raw"), QStringLiteral("sqlite"), QStringLiteral("postgres") };
#ifdef OPSDECK_BENCH_HAVE_LIBPQ
    engines << QStringLiteral("pgcopy");
#endif
    return engines;
}

// Exits with 2 on a usage error, as the opsdeck executable does.
Options parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures how fast samples go into the OpsDeck metric store: through MetricStore into SQLite and into "
        "PostgreSQL, next to the same rows written with the raw sqlite3 C API (the SQLite ceiling) and with "
        "libpq binary COPY (the PostgreSQL reference). With --suite query: how fast the query layer answers "
        "(trends, fleet, summary, cache hits, LTTB) on the same 10 M samples, next to the naive path and sqlite3."));
    parser.addHelpOption();
    const QCommandLineOption resources(QStringLiteral("resources"), QStringLiteral("Resources in the fleet (400)."),
                                       QStringLiteral("N"));
    const QCommandLineOption days(QStringLiteral("days"), QStringLiteral("Days of 5-minute samples (30)."),
                                  QStringLiteral("D"));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("Samples per transaction, as a sync flushes them (50000)."),
                                   QStringLiteral("B"));
    const QCommandLineOption rewrite(QStringLiteral("rewrite"),
                                     QStringLiteral("Batches written a second time to time the idempotent path (10)."),
                                     QStringLiteral("K"));
    const QCommandLineOption repeat(QStringLiteral("repeat"),
                                    QStringLiteral("Runs of every engine, interleaved; the best is reported (1)."),
                                    QStringLiteral("R"));
    const QCommandLineOption engines(
        QStringLiteral("engines"),
        QStringLiteral("Comma-separated, from: %1 (all).").arg(availableEngines().join(QLatin1Char(','))),
        QStringLiteral("LIST"));
    const QCommandLineOption pg(QStringLiteral("pg"),
                                QStringLiteral("PostgreSQL server, postgresql://user@host:port/db; the role needs "
                                               "CREATEDB ($OPSDECK_BENCH_PG_URL, else $OPSDECK_TEST_PG_URL)."),
                                QStringLiteral("URL"));
    const QCommandLineOption dir(
        QStringLiteral("dir"),
        QStringLiteral("Where the SQLite files go: a fresh directory is made inside (%1).").arg(QDir::tempPath()),
        QStringLiteral("DIR"));
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("Keep the SQLite files."));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the generated values."),
                                  QStringLiteral("S"));
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("A smoke run: 20 resources × 30 days (about 500k samples); the query "
                                                  "suite takes far fewer repetitions."));
    const QCommandLineOption suite(QStringLiteral("suite"),
                                   QStringLiteral("ingest (the default), query, export, or all (ingest and query)."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption fleet(
        QStringLiteral("fleet"),
        QStringLiteral("Query suite: resources in the fleet table; those beyond --resources have latest values "
                       "only (1000)."),
        QStringLiteral("N"));
    const QCommandLineOption rebuild(
        QStringLiteral("rebuild"),
        QStringLiteral("Query suite: build the SQLite store again even when a complete one is in --dir."));
    const QCommandLineOption items(
        QStringLiteral("items"),
        QStringLiteral(
            "Query suite: comma-separated measurements to run, 1-7 as numbered in docs/BENCHMARKS.md (all)."),
        QStringLiteral("LIST"));
    parser.addOptions(
        { resources, days, batch, rewrite, repeat, engines, pg, dir, keep, seed, quick, suite, fleet, rebuild, items });
    parser.process(app);

    auto usage = [](const QString &message) {
        err() << "opsdeck-bench: " << message << Qt::endl;
        std::exit(2);
    };
    if (!parser.positionalArguments().isEmpty())
        usage(QStringLiteral("unexpected argument '%1'; see --help").arg(parser.positionalArguments().constFirst()));
    auto integer = [&](const QCommandLineOption &option, int fallback, int min, int max) {
        if (!parser.isSet(option))
            return fallback;
        bool ok = false;
        const int v = parser.value(option).toInt(&ok);
        if (!ok || v < min || v > max)
            usage(QStringLiteral("--%1 must be a whole number from %2 to %3, not '%4'")
                      .arg(option.names().constFirst())
                      .arg(min)
                      .arg(max)
                      .arg(parser.value(option)));
        return v;
    };

    Options o;
    const bool isQuick = parser.isSet(quick);
    o.quick = isQuick;
    const QString suiteName = parser.value(suite).toLower();
    if (suiteName == QLatin1String("query")) {
        o.ingestSuite = false;
        o.querySuite = true;
    } else if (suiteName == QLatin1String("export")) {
        o.ingestSuite = false;
        o.exportSuite = true;
    } else if (suiteName == QLatin1String("all")) {
        o.querySuite = true;
    } else if (!suiteName.isEmpty() && suiteName != QLatin1String("ingest")) {
        usage(QStringLiteral("unknown suite '%1'; choose ingest, query, export or all").arg(parser.value(suite)));
    }
    o.fleet = integer(fleet, 1000, 1, 1000000);
    o.rebuild = parser.isSet(rebuild);
    for (const QString &item : parser.value(items).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = item.trimmed().toInt(&ok);
        if (!ok || n < 1 || n > 7)
            usage(QStringLiteral("--items takes numbers from 1 to 7, not '%1'").arg(item));
        o.items << n;
    }
    o.resources = integer(resources, isQuick ? 20 : 400, 1, 100000);
    o.days = integer(days, 30, 1, 400);
    o.batch = integer(batch, 50000, 1, 10000000);
    o.rewriteBatches = integer(rewrite, 10, 0, 1000000);
    o.repeat = integer(repeat, 1, 1, 100);
    // Below a week a 1,000 px chart reads raw samples, and the suite's month trend is about the hourly rollups.
    if (o.querySuite && o.days < 8)
        usage(QStringLiteral("the query suite needs --days 8 or more, not %1").arg(o.days));
    if (parser.isSet(seed)) {
        bool ok = false;
        o.seed = parser.value(seed).toULongLong(&ok);
        if (!ok)
            usage(QStringLiteral("--seed must be a whole number, not '%1'").arg(parser.value(seed)));
    }
    o.keep = parser.isSet(keep);
    o.dir = parser.isSet(dir) ? parser.value(dir) : QDir::tempPath();

    o.pgUrl = parser.value(pg);
    if (o.pgUrl.isEmpty())
        o.pgUrl = qEnvironmentVariable("OPSDECK_BENCH_PG_URL");
    if (o.pgUrl.isEmpty())
        o.pgUrl = qEnvironmentVariable("OPSDECK_TEST_PG_URL");

    if (parser.isSet(engines)) {
        for (const QString &e : parser.value(engines).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString name = e.trimmed().toLower();
            if (!availableEngines().contains(name))
                usage(QStringLiteral("unknown engine '%1'; choose from %2%3")
                          .arg(name, availableEngines().join(QLatin1Char(',')),
                               name == QLatin1String("pgcopy")
                                   ? QStringLiteral(" (pgcopy needs libpq at build time: install libpq-dev)")
                                   : QString()));
            if (!o.engines.contains(name))
                o.engines << name;
        }
        const bool wantsPg
            = o.engines.contains(QLatin1String("postgres")) || o.engines.contains(QLatin1String("pgcopy"));
        if (wantsPg && o.pgUrl.isEmpty())
            usage(QStringLiteral("PostgreSQL engines need a server: pass --pg URL or set OPSDECK_BENCH_PG_URL"));
        if (o.engines.isEmpty())
            usage(QStringLiteral("--engines names no engine"));
    } else {
        o.engines = availableEngines();
    }
    return o;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

// A SQLite file per run, removed afterwards unless kept; a PostgreSQL database per run, always dropped.
EngineResult runEngine(const QString &engine, Workload &workload, const QString &dir, bool keep, PgServer &pg,
                       int rewriteBatches)
{
    static int serial = 0;
    if (engine == QLatin1String("raw") || engine == QLatin1String("sqlite")) {
        const QString path = QDir(dir).filePath(QStringLiteral("%1-%2.db").arg(engine).arg(++serial));
        const EngineResult r = engine == QLatin1String("raw")
            ? runRawSqliteBench(workload, path, rewriteBatches)
            : runStoreBench(workload, *DatabaseUrl::parse(QStringLiteral("sqlite://") + path), engine, rewriteBatches);
        if (!keep) {
            for (const char *suffix : { "", "-wal", "-shm" })
                QFile::remove(path + QLatin1String(suffix));
        }
        return r;
    }
    EngineResult r;
    r.engine = engine;
    QString error;
    const auto url = pg.createDatabase(engine, &error);
    if (!url) {
        r.error = error;
        return r;
    }
#ifdef OPSDECK_BENCH_HAVE_LIBPQ
    r = engine == QLatin1String("pgcopy") ? runPgCopyBench(workload, *url)
                                          : runStoreBench(workload, *url, engine, rewriteBatches);
#else
    r = runStoreBench(workload, *url, engine, rewriteBatches);
#endif
    if (!pg.dropDatabase(*url, &error) && r.ok())
        r.error = error;
    return r;
}

// Per engine, the run with the best ingest rate and, separately, the best re-write rate. A failed run wins, so
// that a failure is never hidden behind a good round.
QList<EngineResult> bestOf(const QList<EngineResult> &runs, const QStringList &engines)
{
    QList<EngineResult> best;
    for (const QString &engine : engines) {
        std::optional<EngineResult> pick;
        double rewriteSeconds = 0;
        for (const EngineResult &r : runs) {
            if (r.engine != engine)
                continue;
            if (!r.ok()) {
                pick = r;
                break;
            }
            if (!pick || r.rate() > pick->rate())
                pick = r;
            if (r.rewriteSamples > 0 && (rewriteSeconds == 0 || r.rewriteSeconds < rewriteSeconds))
                rewriteSeconds = r.rewriteSeconds;
        }
        if (!pick)
            continue;
        if (pick->ok())
            pick->rewriteSeconds = rewriteSeconds;
        best << *pick;
    }
    return best;
}

void printRuns(const QList<EngineResult> &runs, const QStringList &engines)
{
    out() << "\nEvery run, samples/s (ingest | re-write):\n";
    for (const QString &engine : engines) {
        QStringList rates;
        for (const EngineResult &r : runs) {
            if (r.engine == engine && r.ok())
                rates << grouped(qRound64(r.rate()))
                        + (r.rewriteSamples > 0 ? QStringLiteral(" | ") + grouped(qRound64(r.rewriteRate()))
                                                : QString());
        }
        if (!rates.isEmpty())
            out() << "  " << engine << ": " << rates.join(QStringLiteral(";  ")) << '\n';
    }
}

void printTable(const QList<EngineResult> &results)
{
    auto find = [&](const QString &engine) -> const EngineResult * {
        for (const EngineResult &r : results) {
            if (r.engine == engine && r.ok())
                return &r;
        }
        return nullptr;
    };
    const EngineResult *raw = find(QStringLiteral("raw"));
    const EngineResult *pgcopy = find(QStringLiteral("pgcopy"));

    out() << "\n| engine | what is written | samples | seconds | samples/s | bench CPU s | size MB | vs reference |\n"
          << "|---|---|--:|--:|--:|--:|--:|---|\n";
    for (const EngineResult &r : results) {
        if (!r.ok()) {
            out() << "| " << r.engine << " | FAILED: " << r.error << " | | | | | | |\n";
            continue;
        }
        QString versus;
        if (r.engine == QLatin1String("raw") || r.engine == QLatin1String("pgcopy"))
            versus = QStringLiteral("(reference)");
        else if (r.engine == QLatin1String("sqlite") && raw)
            versus = ratio(r.rate(), raw->rate()) + QStringLiteral(" raw");
        else if (r.engine == QLatin1String("postgres")) {
            QStringList parts;
            if (pgcopy)
                parts << ratio(r.rate(), pgcopy->rate()) + QStringLiteral(" pgcopy");
            if (raw)
                parts << ratio(r.rate(), raw->rate()) + QStringLiteral(" raw");
            versus = parts.join(QStringLiteral(", "));
        }
        out() << "| " << r.engine << " | " << r.what << " | " << grouped(r.samples) << " | " << seconds(r.seconds)
              << " | " << grouped(qRound64(r.rate())) << " | " << seconds(r.cpuSeconds) << " | "
              << QString::number(double(r.bytes) / 1e6, 'f', 0) << " | " << versus << " |\n";
    }

    bool anyRewrite = false;
    for (const EngineResult &r : results)
        anyRewrite = anyRewrite || (r.ok() && r.rewriteSamples > 0);
    if (!anyRewrite)
        return;
    out() << "\nRe-write of an already-stored window (nothing new; one transaction per batch):\n\n"
          << "| engine | samples | seconds | samples/s | vs reference |\n|---|--:|--:|--:|---|\n";
    for (const EngineResult &r : results) {
        if (!r.ok() || r.rewriteSamples == 0)
            continue;
        QString versus = QStringLiteral("(reference: INSERT … ON CONFLICT DO NOTHING)");
        if (r.engine != QLatin1String("raw"))
            versus = raw && raw->rewriteSamples > 0
                ? ratio(r.rewriteRate(), raw->rewriteRate()) + QStringLiteral(" raw")
                : QString();
        out() << "| " << r.engine << " | " << grouped(r.rewriteSamples) << " | " << seconds(r.rewriteSeconds) << " | "
              << grouped(qRound64(r.rewriteRate())) << " | " << versus << " |\n";
    }
}

// Targets from the foundation issue. A miss is reported, not an error: this is a measurement, not a test.
void printTargets(const QList<EngineResult> &results)
{
    const EngineResult *raw = nullptr;
    const EngineResult *sqlite = nullptr;
    const EngineResult *postgres = nullptr;
    for (const EngineResult &r : results) {
        if (!r.ok())
            continue;
        if (r.engine == QLatin1String("raw"))
            raw = &r;
        else if (r.engine == QLatin1String("sqlite"))
            sqlite = &r;
        else if (r.engine == QLatin1String("postgres"))
            postgres = &r;
    }
    out() << "\nTargets:\n";
    if (raw && sqlite) {
        const double x = sqlite->rate() / raw->rate();
        out() << "  SQLite through the store >= " << SqliteTargetRatio
              << "x the raw ceiling: " << QString::number(x, 'f', 2) << "x -- "
              << (x >= SqliteTargetRatio ? "met" : "MISSED") << '\n';
    }
    if (postgres)
        out() << "  PostgreSQL through the store >= " << grouped(qint64(PostgresTargetRate))
              << " samples/s: " << grouped(qRound64(postgres->rate())) << " -- "
              << (postgres->rate() >= PostgresTargetRate ? "met" : "MISSED") << '\n';
}

void printMachine(const MachineInfo &machine)
{
    out() << "machine:  " << machine.cpu << ", " << machine.cpus << " CPUs, " << machine.memory << " RAM; "
          << machine.os << ", kernel " << machine.kernel << '\n'
          << "software: Qt " << machine.qt << ", SQLite " << machine.sqlite << '\n';
}

// The ingest suite: every engine writes the workload into a fresh database, --repeat rounds, best round reported.
bool runIngestSuite(const Options &options, PgServer &pg, const std::optional<DatabaseUrl> &pgUrl)
{
    QTemporaryDir dir(QDir(options.dir).filePath(QStringLiteral("opsdeck-bench-XXXXXX")));
    if (!dir.isValid()) {
        err() << "opsdeck-bench: cannot create a directory in " << options.dir << ": " << dir.errorString() << Qt::endl;
        return false;
    }
    dir.setAutoRemove(!options.keep);
    if (options.querySuite)
        out() << "\n## Ingest\n\n";
    out() << "sqlite files: " << dir.path() << " on " << MachineInfo::collect(dir.path()).filesystem << '\n';

    out() << "load average before: " << loadAverage() << '\n';
    const Stopwatch generation;
    Workload workload = Workload::generate(options.resources, options.days, options.batch, options.seed);
    const int rewriteBatches = std::min<int>(options.rewriteBatches, workload.batches.size());
    out() << "workload: " << options.resources << " resources x 3 metrics x " << options.days << " days x "
          << Workload::SamplesPerDay << "/day = " << grouped(workload.samples) << " samples; " << grouped(options.batch)
          << " per transaction (" << workload.batches.size() << " transactions); re-write " << rewriteBatches
          << " batches; seed " << options.seed << "; generated in " << seconds(generation.seconds()) << " s\n";
    out().flush();

    // Every engine once per round, so that a noisy neighbour on the machine hurts all of them alike.
    QList<EngineResult> runs;
    for (int round = 1; round <= options.repeat; ++round) {
        for (const QString &engine : options.engines) {
            if ((engine == QLatin1String("postgres") || engine == QLatin1String("pgcopy")) && !pgUrl)
                continue;
            out().flush();
            err() << "[" << engine << " " << round << "/" << options.repeat << "] writing " << grouped(workload.samples)
                  << " samples..." << Qt::endl;
            const EngineResult r = runEngine(engine, workload, dir.path(), options.keep, pg, rewriteBatches);
            if (r.ok())
                err() << "[" << engine << " " << round << "/" << options.repeat << "] " << seconds(r.seconds) << " s, "
                      << grouped(qRound64(r.rate())) << " samples/s; checked: " << r.checks.join(QStringLiteral("; "))
                      << Qt::endl;
            else
                err() << "[" << engine << "] FAILED: " << r.error << Qt::endl;
            runs << r;
        }
    }
    const QList<EngineResult> results = bestOf(runs, options.engines);
    out() << "load average after: " << loadAverage() << '\n';
    if (options.repeat > 1)
        printRuns(runs, options.engines);

    printTable(results);
    printTargets(results);
    if (options.keep)
        out() << "\nSQLite files kept in " << dir.path() << '\n';

    bool ok = true;
    for (const EngineResult &r : runs)
        ok = ok && r.ok();
    if (!ok)
        out() << "\nFAILED: at least one engine did not store what it was given (see above)\n";
    out().flush();
    return ok;
}

// The query suite: a 10 M-sample store (kept and reused on SQLite), then every query timed on it.
bool runQuerySuite(const Options &options, PgServer &pg, const std::optional<DatabaseUrl> &pgUrl)
{
    QueryStoreSpec spec;
    spec.resources = options.resources;
    spec.days = options.days;
    spec.fleet = std::max(options.fleet, options.resources);
    spec.seed = options.seed;
    spec.batch = options.batch;
    const QString path = QDir(options.dir).absoluteFilePath(spec.name() + QStringLiteral(".db"));
    out() << "\n## Query layer\n\n";
    if (options.engines.contains(QLatin1String("sqlite")))
        out() << "sqlite store: " << path << " on " << MachineInfo::collect(options.dir).filesystem << '\n';
    out() << "store: " << spec.resources << " resources x 3 metrics x " << spec.days << " days x "
          << Workload::SamplesPerDay << "/day through MetricStore, plus " << spec.fleet - spec.resources
          << " resources with their last 3 samples per metric (fleet of " << spec.fleet << "); seed " << spec.seed
          << (options.quick ? "; quick: fewer repetitions" : "") << '\n'
          << "load average before: " << loadAverage() << '\n';
    out().flush();

    QList<QueryBenchResult> results;
    auto measure = [&](const QString &engine, const DatabaseUrl &url, bool rebuild) {
        err() << "[query " << engine << "] preparing the store..." << Qt::endl;
        const QueryStore store = QueryStore::prepare(url, spec, rebuild);
        if (!store.ok()) {
            QueryBenchResult failed;
            failed.engine = engine;
            failed.store = store;
            failed.error = store.error;
            err() << "[query " << engine << "] FAILED: " << store.error << Qt::endl;
            results << failed;
            return;
        }
        out() << engine << " store: " << grouped(store.samples) << " samples, " << store.fleetRows << " resources; "
              << (store.reused ? QStringLiteral("reused (built by an earlier run)")
                               : QStringLiteral("built and checked in %1 s").arg(seconds(store.buildSeconds)))
              << '\n';
        out().flush();
        err() << "[query " << engine << "] measuring..." << Qt::endl;
        const Stopwatch sw;
        results << runQueryBench(store, engine, options.quick, options.items);
        err() << "[query " << engine << "] " << seconds(sw.seconds()) << " s"
              << (results.constLast().ok() ? QString() : QStringLiteral(": FAILED: ") + results.constLast().error)
              << Qt::endl;
        if (url.isSqlite() && !store.reused && !options.keep) {
            for (const char *suffix : { "", "-wal", "-shm" })
                QFile::remove(store.path + QLatin1String(suffix));
        }
    };

    if (options.engines.contains(QLatin1String("sqlite")))
        measure(QStringLiteral("sqlite"), *DatabaseUrl::parse(QStringLiteral("sqlite://") + path), options.rebuild);
    if (options.engines.contains(QLatin1String("postgres")) && pgUrl) {
        QString error;
        const auto url = pg.createDatabase(QStringLiteral("query"), &error);
        if (!url) {
            QueryBenchResult failed;
            failed.engine = QStringLiteral("postgres");
            failed.error = error;
            results << failed;
        } else {
            measure(QStringLiteral("postgres"), *url, true);
            if (!pg.dropDatabase(*url, &error))
                err() << "opsdeck-bench: " << error << Qt::endl;
        }
    }
    if (results.isEmpty()) {
        err() << "opsdeck-bench: the query suite runs on sqlite and postgres; --engines names neither" << Qt::endl;
        return false;
    }
    out() << "load average after: " << loadAverage() << '\n';
    printQueryReport(out(), results);
    if (QFile::exists(path))
        out() << "\nSQLite store kept in " << path << " (reused by the next run with the same --dir and options)\n";

    bool ok = !results.isEmpty();
    for (const QueryBenchResult &r : results)
        ok = ok && r.ok();
    if (!ok)
        out() << "\nFAILED: at least one query did not answer what was stored (see above)\n";
    out().flush();
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("opsdeck-bench"));
    const Options options = parseOptions(app);

    const QString suite = options.ingestSuite && options.querySuite ? QStringLiteral("ingest and query")
        : options.querySuite                                        ? QStringLiteral("query layer")
        : options.exportSuite                                       ? QStringLiteral("CSV export")
                                                                    : QStringLiteral("ingest");
    out() << "OpsDeck " << suite << " benchmark, "
          << QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) << '\n';
    printMachine(MachineInfo::collect(options.dir));

    PgServer pg;
    std::optional<DatabaseUrl> pgUrl;
    const bool wantsPg
        = options.engines.contains(QLatin1String("postgres")) || options.engines.contains(QLatin1String("pgcopy"));
    if (wantsPg && options.pgUrl.isEmpty()) {
        out() << "postgresql: skipped (set OPSDECK_BENCH_PG_URL or pass --pg to include it)\n";
    } else if (wantsPg) {
        QString error;
        pgUrl = DatabaseUrl::parse(options.pgUrl, &error);
        if (!pgUrl || pgUrl->isSqlite()) {
            err() << "opsdeck-bench: --pg: " << (pgUrl ? QStringLiteral("not a PostgreSQL URL") : error) << Qt::endl;
            return 2;
        }
        if (!pg.connect(*pgUrl, &error)) {
            err() << "opsdeck-bench: " << error << Qt::endl;
            return 1;
        }
        out() << "postgresql: " << pg.version() << " at " << pgUrl->redacted() << '\n'
              << "            " << pg.settings().join(QLatin1Char(' ')) << '\n';
    }

    bool ok = true;
    if (options.ingestSuite)
        ok = runIngestSuite(options, pg, pgUrl) && ok;
    if (options.querySuite)
        ok = runQuerySuite(options, pg, pgUrl) && ok;
    if (options.exportSuite) {
        ExportBenchOptions e;
        if (options.quick)
            e.resources = 4; // about 100k rows
        e.seed = options.seed;
        e.repeat = options.repeat;
        e.dir = options.dir;
        e.keep = options.keep;
        e.engines = options.engines;
        ok = runExportBench(out(), err(), e, pg, pgUrl) && ok;
    }
    return ok ? 0 : 1;
}
