// opsdeck-uibench: the desktop window's figures on a 1,000-resource, 10 M-sample cache — start to first paint,
// click to chart, a million raw points to a chart, the event loop while a sync writes a million samples, and
// peak RSS. Every measurement runs in a fresh process built the way src/app/main.cpp builds the window; this
// process prepares the stores, starts those processes and the DigitalOcean test server, and prints the table.
// See docs/BENCHMARKS.md ("Desktop UI") for the method and the recorded figures.

#include "../machineinfo.h"
#include "../querystore.h"
#include "densestore.h"
#include "paintprobe.h"
#include "uisession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <cstdlib>

namespace {

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

[[noreturn]] void usage(const QString &message)
{
    err() << "opsdeck-uibench: " << message << Qt::endl;
    std::exit(2);
}

struct Options
{
    QString dir;
    int repeat = 3;
    int clicks = 5;
    int droplets = 39; // × 30 days × 3 metrics at 5 minutes ≈ 1 M samples
    qint64 dense = 1'000'000;
    bool quick = false;
    bool rebuild = false;
    QString fakeDo;
    QString platform;
};

QString defaultFakeDo()
{
#ifdef OPSDECK_UIBENCH_FAKE_DO
    return QStringLiteral(OPSDECK_UIBENCH_FAKE_DO);
#else
    return QString();
#endif
}

Options parseOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures the OpsDeck window on a 1,000-resource, 10 M-sample SQLite cache: start to first paint with rows, "
        "a click to the three 30-day charts, 1 M raw points to a painted chart, the longest event-loop stall "
        "while a sync writes ~1 M samples, and peak RSS. Each run is a fresh process; medians and worst cases "
        "are printed."));
    parser.addHelpOption();
    const QCommandLineOption dir(QStringLiteral("dir"),
                                 QStringLiteral("Where the stores are built and kept for later runs (%1).")
                                     .arg(QDir::tempPath() + QStringLiteral("/opsdeck-uibench")),
                                 QStringLiteral("DIR"));
    const QCommandLineOption repeat(QStringLiteral("repeat"), QStringLiteral("Window processes measured (3)."),
                                    QStringLiteral("N"));
    const QCommandLineOption clicks(QStringLiteral("clicks"), QStringLiteral("Rows clicked per process (5)."),
                                    QStringLiteral("N"));
    const QCommandLineOption droplets(
        QStringLiteral("droplets"),
        QStringLiteral("Droplets the sync backfills for 30 days, ~25,900 samples each (39 ≈ 1 M; 0 skips item 4)."),
        QStringLiteral("N"));
    const QCommandLineOption dense(QStringLiteral("dense"),
                                   QStringLiteral("Raw points of the one-chart test (1000000)."), QStringLiteral("N"));
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("A smoke run: a 20-resource store (fleet still 1,000), 2 droplets, "
                                                  "100,000 dense points, one process."));
    const QCommandLineOption rebuild(QStringLiteral("rebuild"), QStringLiteral("Build the stores again."));
    const QCommandLineOption fakeDo(QStringLiteral("fake-do"),
                                    QStringLiteral("The opsdeck-fake-do program (%1).").arg(defaultFakeDo()),
                                    QStringLiteral("PATH"));
    const QCommandLineOption platform(
        QStringLiteral("platform"),
        QStringLiteral("Qt platform of the window: offscreen (the default, a 1600×1000 screen) or xcb (needs "
                       "DISPLAY, e.g. under ../shared/tools/xtray-run)."),
        QStringLiteral("NAME"));
    parser.addOptions({ dir, repeat, clicks, droplets, dense, quick, rebuild, fakeDo, platform });
    parser.process(arguments);
    if (!parser.positionalArguments().isEmpty())
        usage(QStringLiteral("unexpected argument '%1'; see --help").arg(parser.positionalArguments().constFirst()));
    auto integer = [&](const QCommandLineOption &option, qint64 fallback, qint64 min, qint64 max) {
        if (!parser.isSet(option))
            return fallback;
        bool ok = false;
        const qint64 v = parser.value(option).toLongLong(&ok);
        if (!ok || v < min || v > max)
            usage(QStringLiteral("--%1 must be a whole number from %2 to %3, not '%4'")
                      .arg(option.names().constFirst())
                      .arg(min)
                      .arg(max)
                      .arg(parser.value(option)));
        return v;
    };
    Options o;
    o.quick = parser.isSet(quick);
    o.dir = parser.isSet(dir) ? parser.value(dir) : QDir::tempPath() + QStringLiteral("/opsdeck-uibench");
    o.repeat = int(integer(repeat, o.quick ? 1 : 3, 1, 50));
    o.clicks = int(integer(clicks, o.quick ? 2 : 5, 0, 20));
    o.droplets = int(integer(droplets, o.quick ? 2 : 39, 0, 1000));
    // Raw reads stop at ten minutes per pixel: a 1,700 px chart at one sample a second holds at most 1,020,000.
    o.dense = integer(dense, o.quick ? 100'000 : 1'000'000, 0, 1'020'000);
    o.rebuild = parser.isSet(rebuild);
    o.fakeDo = parser.isSet(fakeDo) ? parser.value(fakeDo) : defaultFakeDo();
    o.platform = parser.isSet(platform) ? parser.value(platform) : QStringLiteral("offscreen");
    if (o.platform != QLatin1String("offscreen") && o.platform != QLatin1String("xcb"))
        usage(QStringLiteral("--platform takes offscreen or xcb, not '%1'").arg(o.platform));
    if (o.platform == QLatin1String("xcb") && qEnvironmentVariableIsEmpty("DISPLAY"))
        usage(QStringLiteral("--platform xcb needs an X server: set DISPLAY, or run under ../shared/tools/xtray-run"));
    if (o.droplets > 0 && !QFileInfo(o.fakeDo).isExecutable())
        usage(QStringLiteral("the DigitalOcean test server '%1' is not there: build the opsdeck-fake-do target, pass "
                             "--fake-do PATH, or --droplets 0 to skip the sync measurement")
                  .arg(o.fakeDo));
    return o;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double worst(const QList<double> &v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.cbegin(), v.cend());
}

QList<double> numbers(const QList<QJsonObject> &runs, const QString &key)
{
    QList<double> v;
    for (const QJsonObject &r : runs) {
        const QJsonValue value = r.value(key);
        if (value.isArray()) {
            for (const QJsonValue &x : value.toArray())
                v << x.toDouble();
        } else if (value.isDouble()) {
            v << value.toDouble();
        }
    }
    return v;
}

QList<double> denseNumbers(const QList<QJsonObject> &runs, const QString &key)
{
    QList<double> v;
    for (const QJsonObject &r : runs) {
        for (const QJsonValue &x : r.value(QStringLiteral("dense")).toArray())
            v << x.toObject().value(key).toDouble();
    }
    return v;
}

QString grouped(qint64 n)
{
    QString digits = QString::number(n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

// Runs this program again as a measured child and returns its JSON (empty on failure, reported on stderr).
QJsonObject runChild(const QStringList &arguments, const QProcessEnvironment &env, QStringList *problems)
{
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    QStringList args = arguments;
    args << QStringLiteral("--spawn-ns") << QString::number(monotonicNs());
    child.start(QCoreApplication::applicationFilePath(), args);
    if (!child.waitForFinished(15 * 60 * 1000)) {
        child.kill();
        child.waitForFinished();
        *problems << QStringLiteral("a measured process did not finish: %1").arg(child.errorString());
        return {};
    }
    const QByteArray stderrText = child.readAllStandardError();
    const QJsonObject result = parseChildOutput(child.readAllStandardOutput());
    for (const QJsonValue &p : result.value(QStringLiteral("problems")).toArray())
        *problems << p.toString();
    if (result.isEmpty() || (child.exitCode() != 0 && result.value(QStringLiteral("problems")).toArray().isEmpty()))
        *problems << QStringLiteral("a measured process exited with %1 and no result: %2")
                         .arg(child.exitCode())
                         .arg(QString::fromLocal8Bit(stderrText.right(2000)));
    return result;
}

// The DigitalOcean test server on a free loopback port; its URL, or empty.
QString startFakeDo(QProcess &server, const Options &o, const QByteArray &token)
{
    server.start(o.fakeDo,
                 { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--droplets"),
                   QString::number(o.droplets), QStringLiteral("--databases"), QStringLiteral("0"),
                   QStringLiteral("--apps"), QStringLiteral("0"), QStringLiteral("--token"), QString::fromLatin1(token),
                   QStringLiteral("--requests-per-minute"), QStringLiteral("250") });
    if (!server.waitForStarted() || !server.waitForReadyRead(10000))
        return {};
    return QString::fromUtf8(server.readLine()).trimmed();
}

// The window's world for one run: a copy of the store (the sync writes into it), an opsdeck.ini, settings with
// the range at 30 days (what a user who chose it last time starts with), the offscreen screen.
bool writeSessionFiles(const QString &dir, const QueryStore *store, const QString &apiUrl, QString *error)
{
    const QString db = dir + QStringLiteral("/opsdeck.db");
    if (store && !QFile::copy(store->path, db)) {
        *error = QStringLiteral("cannot copy %1 to %2").arg(store->path, db);
        return false;
    }
    QString ini = QStringLiteral("[storage]\nurl=sqlite://%1\n").arg(db);
    if (!apiUrl.isEmpty()) {
        ini += QStringLiteral("[source.do]\ntype=digitalocean\napi_url=%1\ntoken_env=OPSDECK_UIBENCH_DO_TOKEN\n"
                              "backfill=30d\n")
                   .arg(apiUrl);
    }
    QDir().mkpath(dir + QStringLiteral("/config/opsdeck"));
    const QList<std::pair<QString, QString>> files {
        { dir + QStringLiteral("/opsdeck.ini"), ini },
        { dir + QStringLiteral("/config/opsdeck/opsdeck.conf"), QStringLiteral("[MainWindow]\ntrendRange=2592000\n") },
        { dir + QStringLiteral("/screen.json"),
          QStringLiteral("{\"screens\":[{\"name\":\"uibench\",\"x\":0,\"y\":0,\"width\":1600,\"height\":1000,"
                         "\"logicalDpi\":96,\"logicalBpp\":32,\"dpr\":1}]}") },
    };
    for (const auto &[path, text] : files) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text.toUtf8()) < 0) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
            return false;
        }
    }
    return true;
}

QProcessEnvironment childEnvironment(const QString &dir, const Options &o)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir + QStringLiteral("/data"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"),
               o.platform == QLatin1String("xcb")
                   ? QStringLiteral("xcb")
                   : QStringLiteral("offscreen:configfile=") + dir + QStringLiteral("/screen.json"));
    env.remove(QStringLiteral("OPSDECK_CONFIG"));
    env.remove(QStringLiteral("OPSDECK_DB"));
    env.remove(QStringLiteral("OPSDECK_UIBENCH_DO_TOKEN"));
    return env;
}

void row(const QString &what, const QString &target, const QList<double> &v, const QString &unit,
         const QString &note = {})
{
    const QString m = v.isEmpty() ? QStringLiteral("—") : QString::number(median(v), 'f', 1) + unit;
    const QString w = v.isEmpty() ? QStringLiteral("—") : QString::number(worst(v), 'f', 1) + unit;
    out() << QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |")
                 .arg(what, target, m, w, QString::number(v.size()), note)
          << Qt::endl;
}

int runParent(const Options &o)
{
    if (!QDir().mkpath(o.dir))
        usage(QStringLiteral("cannot create --dir %1").arg(o.dir));
    const QString dir = QDir(o.dir).absolutePath();

    QueryStoreSpec spec;
    spec.resources = o.quick ? 20 : 400;
    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + dir + QLatin1Char('/') + spec.name()
                                        + QStringLiteral(".db"));
    err() << "opsdeck-uibench: preparing the query store in " << dir << " …" << Qt::endl;
    const QueryStore store = QueryStore::prepare(*url, spec, o.rebuild);
    if (!store.ok()) {
        err() << "opsdeck-uibench: " << store.error << Qt::endl;
        return 1;
    }
    DenseStore dense;
    if (o.dense > 0) {
        dense = DenseStore::prepare(dir + QStringLiteral("/uibench-dense-%1.db").arg(o.dense), o.dense);
        if (!dense.ok()) {
            err() << "opsdeck-uibench: " << dense.error << Qt::endl;
            return 1;
        }
    }

    QStringList problems;
    QList<QJsonObject> runs;
    const QByteArray token = "uibench-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    for (int i = 0; i < o.repeat; ++i) {
        QTemporaryDir scratch(dir + QStringLiteral("/session-XXXXXX"));
        QProcess server;
        QString apiUrl;
        if (o.droplets > 0) {
            apiUrl = startFakeDo(server, o, token);
            if (apiUrl.isEmpty()) {
                err() << "opsdeck-uibench: the DigitalOcean test server " << o.fakeDo << " did not start: "
                      << server.errorString() << Qt::endl;
                return 1;
            }
        }
        QString error;
        if (!writeSessionFiles(scratch.path(), &store, apiUrl, &error)) {
            err() << "opsdeck-uibench: " << error << Qt::endl;
            return 1;
        }
        QProcessEnvironment env = childEnvironment(scratch.path(), o);
        env.insert(QStringLiteral("OPSDECK_UIBENCH_TOKEN_LATER"), QString::fromLatin1(token));
        err() << "opsdeck-uibench: window process " << i + 1 << " of " << o.repeat << " …" << Qt::endl;
        QStringList args { QStringLiteral("--child"), QStringLiteral("session"),
                           QStringLiteral("--config"), scratch.path() + QStringLiteral("/opsdeck.ini"),
                           QStringLiteral("--clicks"), QString::number(o.clicks),
                           QStringLiteral("--expect-rows"), QString::number(store.fleetRows),
                           QStringLiteral("--droplets"), QString::number(o.droplets),
                           QStringLiteral("--repeat"), QString::number(o.quick ? 1 : 3) };
        if (o.dense > 0)
            args << QStringLiteral("--dense-db") << dense.url.path;
        const QJsonObject r = runChild(args, env, &problems);
        if (!r.isEmpty())
            runs << r;
        server.terminate();
        server.waitForFinished(5000);
    }

    QJsonObject reference;
    if (o.dense > 0) {
        err() << "opsdeck-uibench: references for the million points …" << Qt::endl;
        QTemporaryDir scratch(dir + QStringLiteral("/reference-XXXXXX"));
        QString error;
        writeSessionFiles(scratch.path(), nullptr, {}, &error);
        // Without the cap's doubling, append(QList) of a million points would run for many minutes.
        reference = runChild({ QStringLiteral("--child"), QStringLiteral("reference"), QStringLiteral("--dense-db"),
                               dense.url.path, QStringLiteral("--repeat"), QString::number(o.quick ? 1 : 3),
                               QStringLiteral("--append-cap"), o.quick ? QStringLiteral("200") : QStringLiteral("5000") },
                             childEnvironment(scratch.path(), o), &problems);
    }

    const MachineInfo m = MachineInfo::collect(dir);
    out() << "# opsdeck-uibench " << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << Qt::endl;
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (loadavg.open(QIODevice::ReadOnly))
        out() << "load average at the end: " << QString::fromLatin1(loadavg.readAll().trimmed()) << Qt::endl;
    out() << "machine: " << m.cpu << ", " << m.cpus << " CPUs, " << m.memory << "; " << m.os << ", Linux "
          << m.kernel << "; Qt " << m.qt << ", SQLite " << m.sqlite << "; " << m.filesystem << Qt::endl;
    out() << "store: " << grouped(store.samples) << " samples, " << store.fleetRows << " resources ("
          << store.spec.resources << " with " << store.spec.days << " days of 5-minute history)"
          << (store.reused ? QStringLiteral(", reused") : QStringLiteral(", built in %1 s").arg(store.buildSeconds, 0, 'f', 1))
          << "; platform " << o.platform << "; " << runs.size() << " window processes" << Qt::endl;
    if (o.dense > 0)
        out() << "dense store: " << grouped(dense.samples) << " CPU samples at 1 s of one resource, read into a "
              << DenseStore::ChartWidth << " px chart" << Qt::endl;
    out() << Qt::endl;
    out() << "| measurement | target | median | worst | n | note |" << Qt::endl;
    out() << "|---|---|---|---|---|---|" << Qt::endl;
    row(QStringLiteral("1. process start → main()"), QStringLiteral("—"), numbers(runs, QStringLiteral("main_ms")),
        QStringLiteral(" ms"), QStringLiteral("exec, dynamic linking"));
    row(QStringLiteral("1. process start → first paint of the window (shell)"), QStringLiteral("—"),
        numbers(runs, QStringLiteral("shell_painted_ms")), QStringLiteral(" ms"));
    const QList<double> rowsShown = numbers(runs, QStringLiteral("rows_shown"));
    row(QStringLiteral("1. process start → first paint with fleet rows"), QStringLiteral("≤ 300 ms (150)"),
        numbers(runs, QStringLiteral("rows_painted_ms")), QStringLiteral(" ms"),
        QStringLiteral("%1 rows in the model").arg(rowsShown.isEmpty() ? 0 : int(rowsShown.constFirst())));
    row(QStringLiteral("1'. GUI thread CPU time from exec to that frame"), QStringLiteral("—"),
        numbers(runs, QStringLiteral("rows_cpu_ms")), QStringLiteral(" ms"), QStringLiteral("load-independent"));
    row(QStringLiteral("1. process start → the first resource's three charts painted"), QStringLiteral("—"),
        numbers(runs, QStringLiteral("charts_painted_ms")), QStringLiteral(" ms"), QStringLiteral("range 30 d"));
    row(QStringLiteral("2. click a row → three 30-day charts painted"), QStringLiteral("≤ 100 ms"),
        numbers(runs, QStringLiteral("clicks_ms")), QStringLiteral(" ms"), QStringLiteral("hourly rollups, cache miss"));
    row(QStringLiteral("2'. GUI thread CPU time over that interval"), QStringLiteral("—"),
        numbers(runs, QStringLiteral("clicks_cpu_ms")), QStringLiteral(" ms"), QStringLiteral("load-independent"));
    if (o.dense > 0) {
        row(QStringLiteral("3. %1 raw points requested → chart painted").arg(grouped(o.dense)),
            QStringLiteral("≤ 60 ms"), denseNumbers(runs, QStringLiteral("total_ms")), QStringLiteral(" ms"),
            QStringLiteral("Repository: SQLite read + LTTB → %1 points").arg(DenseStore::ChartWidth));
        row(QStringLiteral("3a. of which read + LTTB on the pool"), QStringLiteral("—"),
            denseNumbers(runs, QStringLiteral("read_ms")), QStringLiteral(" ms"));
        row(QStringLiteral("3b. of which result → chart painted (GUI thread)"), QStringLiteral("≤ 60 ms"),
            denseNumbers(runs, QStringLiteral("paint_ms")), QStringLiteral(" ms"));
        row(QStringLiteral("3b'. GUI thread CPU time of 3b"), QStringLiteral("—"),
            denseNumbers(runs, QStringLiteral("paint_cpu_ms")), QStringLiteral(" ms"), QStringLiteral("load-independent"));
        row(QStringLiteral("3c. LTTB alone (core)"), QStringLiteral("—"),
            numbers({ reference }, QStringLiteral("lttb_ms")), QStringLiteral(" ms"));
        row(QStringLiteral("3d. reference: setResult(%1 LTTB points) → painted").arg(DenseStore::ChartWidth),
            QStringLiteral("—"), numbers({ reference }, QStringLiteral("chart_lttb_ms")), QStringLiteral(" ms"));
        row(QStringLiteral("3d'. reference: the same, band with a vertex per point (before)"), QStringLiteral("—"),
            numbers({ reference }, QStringLiteral("chart_band_per_point_ms")), QStringLiteral(" ms"));
        row(QStringLiteral("3e. reference: setResult(%1 points, no LTTB) → painted").arg(grouped(o.dense)),
            QStringLiteral("—"), numbers({ reference }, QStringLiteral("chart_full_ms")), QStringLiteral(" ms"));
    }
    if (o.droplets > 0) {
        const QList<double> samples = numbers(runs, QStringLiteral("sync_samples"));
        row(QStringLiteral("4. largest event-loop gap while the sync writes"), QStringLiteral("≤ 50 ms"),
            numbers(runs, QStringLiteral("stall_max_ms")), QStringLiteral(" ms"),
            QStringLiteral("%1 samples, %2 droplets")
                .arg(grouped(samples.isEmpty() ? 0 : qint64(samples.constFirst())))
                .arg(o.droplets));
        row(QStringLiteral("4'. most GUI thread CPU time between two timeouts"), QStringLiteral("—"),
            numbers(runs, QStringLiteral("stall_max_cpu_ms")), QStringLiteral(" ms"),
            QStringLiteral("load-independent"));
        row(QStringLiteral("4a. gaps over 16 ms during the sync"), QStringLiteral("—"),
            numbers(runs, QStringLiteral("stall_over16")), QString());
        row(QStringLiteral("4b. the sync itself (Sync now → round finished)"), QStringLiteral("—"),
            numbers(runs, QStringLiteral("sync_ms")), QStringLiteral(" ms"));
    }
    row(QStringLiteral("5. peak RSS (VmHWM) after 1, 2 and 4"), QStringLiteral("≤ 200 MB"),
        numbers(runs, QStringLiteral("rss_hwm_mb")), QStringLiteral(" MB"), QStringLiteral("1,000+ resources"));
    if (o.dense > 0)
        row(QStringLiteral("5a. peak RSS after 3 as well"), QStringLiteral("—"),
            numbers(runs, QStringLiteral("rss_hwm_after_dense_mb")), QStringLiteral(" MB"),
            QStringLiteral("a million TrendPoints pass through"));
    if (!reference.isEmpty()) {
        out() << Qt::endl << "QXYSeries on Qt " << m.qt << ", a shown QChartView:" << Qt::endl << Qt::endl;
        out() << "| points | replace(QList) | append(QList) |" << Qt::endl << "|---|---|---|" << Qt::endl;
        for (const QJsonValue &v : reference.value(QStringLiteral("series")).toArray()) {
            const QJsonObject s = v.toObject();
            out() << "| " << grouped(s.value(QStringLiteral("n")).toInteger()) << " | "
                  << QString::number(s.value(QStringLiteral("replace_ms")).toDouble(), 'f', 2) << " ms | "
                  << (s.contains(QStringLiteral("append_ms"))
                          ? QString::number(s.value(QStringLiteral("append_ms")).toDouble(), 'f', 1)
                              + QStringLiteral(" ms")
                          : QStringLiteral("—"))
                  << " |" << Qt::endl;
        }
    }
    if (!problems.isEmpty()) {
        err() << Qt::endl << "opsdeck-uibench: FAILED checks:" << Qt::endl;
        for (const QString &p : std::as_const(problems))
            err() << "  " << p << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    // A measured child reads its few arguments by hand: it must not spend time on anything the app would not do.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    const qsizetype child = args.indexOf(QStringLiteral("--child"));
    if (child > 0 && child + 1 < args.size()) {
        auto value = [&](const char *name) {
            const qsizetype i = args.indexOf(QLatin1String(name));
            return i > 0 && i + 1 < args.size() ? args.at(i + 1) : QString();
        };
        // Qt must not see the bench's own arguments.
        int qtArgc = 1;
        if (args.at(child + 1) == QLatin1String("reference"))
            return runReference(qtArgc, argv, value("--dense-db"), value("--repeat").toInt(),
                                value("--append-cap").toInt());
        SessionOptions o;
        o.config = value("--config");
        o.spawnNs = value("--spawn-ns").toLongLong();
        o.clicks = value("--clicks").toInt();
        o.expectedRows = value("--expect-rows").toInt();
        o.droplets = value("--droplets").toInt();
        o.denseDb = value("--dense-db");
        o.denseRepeat = std::max(1, value("--repeat").toInt());
        return runSession(qtArgc, argv, o);
    }
    QCoreApplication app(argc, argv);
    return runParent(parseOptions(args));
}
