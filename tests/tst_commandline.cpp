// The command-line contract of DESIGN.md: every valid form parses into the expected options, every usage error is
// refused with a message that names the problem, and the environment supplies --config/--db when they are absent.
#include "cli/commandline.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>
#include <vector>

using Mode = CommandLineOptions::Mode;

Q_DECLARE_METATYPE(Mode)
Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

// The fixed "now" relative times are resolved against: 2026-11-15T12:00:00Z.
qint64 fixedNow()
{
    return QDateTime(QDate(2026, 11, 15), QTime(12, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

qint64 utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc()).toSecsSinceEpoch();
}

QStringList argv(const QStringList &args)
{
    return QStringList { QStringLiteral("opsdeck") } + args;
}

QStringList split(const char *text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Expected values of one valid command line; fields left alone keep the defaults of a plain GUI start.
struct Expected
{
    Mode mode = Mode::Gui;
    bool watch = false;
    bool json = false;
    bool verbose = false;
    QString config;
    QString db;
    QStringList sources;
    QString listenHost;
    int listenPort = 0;
    QString report;
    QString out;
    std::optional<qint64> from;
    std::optional<qint64> to;
    QStringList resources;
    QStringList metrics;
    QString resolution = QStringLiteral("raw");
    QString language;
};

} // namespace

Q_DECLARE_METATYPE(Expected)

class tst_CommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void validForms_data();
    void validForms();
    void usageErrors_data();
    void usageErrors();
    void errorEndsWithHint();
    void withoutGuiOptions_data();
    void withoutGuiOptions();
    void singleDashLongOptionsAreRefused_data();
    void singleDashLongOptionsAreRefused();
    void environment_data();
    void environment();
    void helpAndVersionText();
    void reportsList();
};

void tst_CommandLine::init()
{
    qunsetenv("OPSDECK_CONFIG");
    qunsetenv("OPSDECK_DB");
}

void tst_CommandLine::cleanup()
{
    qunsetenv("OPSDECK_CONFIG");
    qunsetenv("OPSDECK_DB");
}

void tst_CommandLine::validForms_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<Expected>("expected");

    const qint64 now = fixedNow();
    auto row = [](const char *name, const QStringList &args, const Expected &e) { QTest::newRow(name) << args << e; };
    Expected e;

    row("gui", {}, Expected {});

    e = {};
    e.language = QStringLiteral("de");
    row("gui in German", split("--lang de"), e);
    e.language = QStringLiteral("de_DE");
    row("gui with a region", split("--lang=de_DE"), e);

    e = {};
    e.mode = Mode::Sync;
    row("sync", split("--sync"), e);

    e = {};
    e.mode = Mode::Sync;
    e.watch = true;
    e.json = true;
    row("sync watch json", split("--sync --watch --json"), e);
    row("sync json watch (any order)", split("--json --watch --sync"), e);

    e = {};
    e.mode = Mode::Sync;
    e.json = true;
    row("sync json", split("--sync --json"), e);

    for (const char *report : { "resources", "history", "alerts", "sync-runs" }) {
        e = {};
        e.mode = Mode::Export;
        e.report = QString::fromLatin1(report);
        e.out = QStringLiteral("/tmp/report.csv");
        const QByteArray name = QByteArray("export ") + report;
        row(name.constData(),
            { QStringLiteral("--export"), e.report, QStringLiteral("--out"), QStringLiteral("/tmp/report.csv") }, e);
    }

    e = {};
    e.mode = Mode::Export;
    e.report = QStringLiteral("history");
    e.out = QStringLiteral("-");
    row("export to stdout", split("--export history --out -"), e);
    row("export with = forms", split("--export=history --out=-"), e);

    e.from = utc(2026, 11, 1);
    e.to = utc(2026, 11, 2, 6, 30);
    row("from/to ISO with Z", split("--export history --out - --from 2026-11-01T00:00:00Z --to 2026-11-02T06:30:00Z"),
        e);
    row("from/to ISO with offsets",
        split("--export history --out - --from 2026-11-01T01:00:00+01:00 --to "
              "2026-11-02T06:30:00+00:00"),
        e);

    e.from = utc(2026, 11, 1);
    e.to = std::nullopt;
    row("from date only", split("--export history --out - --from 2026-11-01"), e);

    e.from = now - 7 * 86400;
    e.to = now - 12 * 3600;
    row("relative from/to", split("--export history --out - --from -7d --to -12h"), e);
    row("relative with =", split("--export history --out - --from=-7d --to=-12h"), e);

    e.from = now - 3600;
    e.to = now;
    row("relative -1h to now", split("--export history --out - --from -1h --to now"), e);

    e.from = std::nullopt;
    e.to = now - 90 * 60;
    row("to only, compound duration", split("--export history --out - --to -1h30m"), e);

    e = {};
    e.mode = Mode::Export;
    e.report = QStringLiteral("history");
    e.out = QStringLiteral("h.csv");
    e.resources = QStringList { QStringLiteral("web-1"), QStringLiteral("db-1") };
    e.metrics = QStringList { QStringLiteral("cpu"), QStringLiteral("disk") };
    row("repeated resource and metric",
        split("--export history --out h.csv --resource web-1 --metric cpu "
              "--resource db-1 --metric disk"),
        e);
    row("comma-separated metrics",
        split("--export history --out h.csv --resource web-1 --resource db-1 "
              "--metric cpu,disk"),
        e);

    for (const char *resolution : { "raw", "hour", "day" }) {
        e = {};
        e.mode = Mode::Export;
        e.report = QStringLiteral("history");
        e.out = QStringLiteral("-");
        e.resolution = QString::fromLatin1(resolution);
        const QByteArray name = QByteArray("resolution ") + resolution;
        row(name.constData(), split("--export history --out -") << QStringLiteral("--resolution") << e.resolution, e);
    }

    e = {};
    e.mode = Mode::Health;
    row("health", split("--health"), e);
    e.json = true;
    row("health json", split("--health --json"), e);

    e = {};
    e.mode = Mode::Sync;
    e.config = QStringLiteral("/etc/opsdeck/opsdeck.ini");
    e.db = QStringLiteral("postgresql://ops@db.example:5432/metrics");
    row("config and db",
        split("--sync --config /etc/opsdeck/opsdeck.ini --db postgresql://ops@db.example:5432/metrics"), e);

    e = {};
    e.mode = Mode::Sync;
    e.sources = QStringList { QStringLiteral("local"), QStringLiteral("do"), QStringLiteral("prom") };
    row("source repeated", split("--sync --source local --source do --source prom"), e);
    row("source comma-separated", split("--sync --source local,do,prom"), e);
    row("source mixed", split("--sync --source local,do --source prom"), e);

    e = {};
    e.mode = Mode::Sync;
    e.watch = true;
    e.listenHost = QStringLiteral("127.0.0.1");
    e.listenPort = 9464;
    row("listen with watch", split("--sync --watch --listen 127.0.0.1:9464"), e);
    e.listenHost = QStringLiteral("::1");
    row("listen IPv6 in brackets", split("--sync --watch --listen [::1]:9464"), e);

    e = {};
    e.verbose = true;
    e.mode = Mode::Sync;
    row("-v", split("--sync -v"), e);
    row("--verbose", split("--sync --verbose"), e);

    e = {};
    e.mode = Mode::Export;
    e.report = QStringLiteral("sync-runs");
    e.out = QStringLiteral("-");
    e.sources = QStringList { QStringLiteral("local") };
    row("export sync-runs of one source", split("--export sync-runs --out - --source local"), e);

    e = {};
    e.mode = Mode::Version;
    row("--version", split("--version"), e);
    e.mode = Mode::Help;
    row("--help", split("--help"), e);
    row("-h", split("-h"), e);
    row("--help wins over a verb", split("--sync --help"), e);
}

void tst_CommandLine::validForms()
{
    QFETCH(QStringList, args);
    QFETCH(Expected, expected);

    QString error;
    const std::optional<CommandLineOptions> o = CommandLine::parse(argv(args), fixedNow(), &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(int(o->mode), int(expected.mode));
    QCOMPARE(o->isHeadless(), expected.mode != Mode::Gui);
    if (expected.mode == Mode::Help || expected.mode == Mode::Version)
        return; // nothing else is read
    QCOMPARE(o->watch, expected.watch);
    QCOMPARE(o->json, expected.json);
    QCOMPARE(o->verbose, expected.verbose);
    QCOMPARE(o->configPath, expected.config);
    QCOMPARE(o->databaseUrl, expected.db);
    QCOMPARE(o->sources, expected.sources);
    QCOMPARE(o->listenHost, expected.listenHost);
    QCOMPARE(o->listenPort, expected.listenPort);
    QCOMPARE(o->report, expected.report);
    QCOMPARE(o->out, expected.out);
    QCOMPARE(o->from, expected.from);
    QCOMPARE(o->to, expected.to);
    QCOMPARE(o->resources, expected.resources);
    QCOMPARE(o->metrics, expected.metrics);
    QCOMPARE(o->resolution, expected.resolution);
    QCOMPARE(o->language, expected.language);
}

void tst_CommandLine::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    // Every fragment must appear in the message (case-insensitive): it names what is wrong.
    QTest::addColumn<QStringList>("fragments");

    auto row = [](const char *name, const char *args, const QStringList &fragments) {
        QTest::newRow(name) << split(args) << fragments;
    };
    const auto s = [](const char *t) { return QString::fromUtf8(t); };

    row("unknown option", "--sync --bogus", { s("bogus") });
    row("unknown option alone", "--frobnicate", { s("frobnicate") });
    row("unknown single-dash option", "--sync -x", { s("x") });
    row("missing --out", "--export history", { s("--out") });
    row("empty --out", "--export history --out=", { s("--out") });
    row("missing report", "--export", { s("export") });
    row("unknown report", "--export fleet --out x.csv", { s("fleet"), s("resources"), s("sync-runs") });
    row("bad metric", "--export history --out - --metric cpuu", { s("cpuu"), s("cpu"), s("memory"), s("disk") });
    row("bad metric in a list", "--export history --out - --metric cpu,load", { s("load") });
    row("bad resolution", "--export history --out - --resolution minute", { s("minute"), s("hour"), s("day") });
    row("resolution with resources", "--export resources --out - --resolution hour", { s("--resolution") });
    row("resolution with sync-runs", "--export sync-runs --out - --resolution day", { s("--resolution") });
    row("watch without sync", "--watch", { s("--watch") });
    row("lang with a headless verb", "--sync --lang de", { s("--lang"), s("desktop") });
    row("lang that is no language", "--lang english!", { s("--lang"), s("english!") });
    row("watch with export", "--export history --out - --watch", { s("--watch") });
    row("listen without watch", "--sync --listen 127.0.0.1:9464", { s("--listen") });
    row("listen without port", "--sync --watch --listen 127.0.0.1", { s("--listen"), s("127.0.0.1") });
    row("listen port 0", "--sync --watch --listen 127.0.0.1:0", { s("--listen"), s("127.0.0.1:0") });
    row("listen port too big", "--sync --watch --listen 127.0.0.1:65536", { s("--listen"), s("65536") });
    row("listen port not a number", "--sync --watch --listen 127.0.0.1:http", { s("--listen"), s("http") });
    row("listen host not an address", "--sync --watch --listen 999.1.1.1:9464", { s("--listen"), s("999.1.1.1") });
    row("json with export", "--export history --out - --json", { s("--json") });
    row("json alone", "--json", { s("--json") });
    row("sync and export", "--sync --export history --out -", { s("--sync"), s("--export") });
    row("sync and health", "--sync --health", { s("--sync"), s("--health") });
    row("export and health", "--health --export resources --out -", { s("--export"), s("--health") });
    row("positional argument", "--sync now", { s("now") });
    row("positional before verb", "history --export history --out -", { s("history") });
    row("from after to", "--export history --out - --from 2026-11-02T00:00:00Z --to 2026-11-01T00:00:00Z",
        { s("--from"), s("--to") });
    row("relative from after to", "--export history --out - --from -1h --to -2h", { s("--from"), s("--to") });
    row("bad time", "--export history --out - --from yesterday", { s("--from"), s("yesterday") });
    row("bad to", "--export history --out - --to 2026-13-01", { s("--to"), s("2026-13-01") });
    row("duration without sign", "--export history --out - --from 7d", { s("--from"), s("7d") });
    row("bad relative unit", "--export history --out - --from -7y", { s("--from"), s("-7y") });
    row("out without export", "--sync --out x.csv", { s("--out") });
    row("from without export", "--sync --from -1h", { s("--from") });
    row("resource without export", "--health --resource web-1", { s("--resource") });
    row("metric without export", "--sync --metric cpu", { s("--metric") });
    row("out twice", "--export history --out a.csv --out b.csv", { s("--out") });
    row("db twice", "--sync --db sqlite:a.db --db sqlite:b.db", { s("--db") });
    row("config twice", "--sync --config a.ini --config b.ini", { s("--config") });
    row("missing value for --db", "--sync --db", { s("db") });
    row("empty --config", "--sync --config=", { s("--config") });
    row("empty --db", "--sync --db=", { s("--db") });
}

void tst_CommandLine::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, fragments);

    QString error;
    const std::optional<CommandLineOptions> o = CommandLine::parse(argv(args), fixedNow(), &error);
    QVERIFY2(!o, "parse accepted a command line the contract refuses");
    QVERIFY(!error.trimmed().isEmpty());
    for (const QString &fragment : fragments)
        QVERIFY2(error.contains(fragment, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("message does not name \"%1\": %2").arg(fragment, error)));
}

// A usage error says how to get help, so a person at a terminal knows the way out.
void tst_CommandLine::errorEndsWithHint()
{
    QString error;
    QVERIFY(!CommandLine::parse(argv(split("--sync --bogus")), fixedNow(), &error));
    QVERIFY2(error.contains(QLatin1String("--help")), qPrintable(error));
}

// Qt's own GUI options are the QApplication's business; everything else is ours and kept in order.
void tst_CommandLine::withoutGuiOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("kept");

    QTest::newRow("nothing") << QStringList {} << QStringList {};
    QTest::newRow("ours only") << split("--sync --json") << split("--sync --json");
    QTest::newRow("-platform value") << split("-platform offscreen") << QStringList {};
    QTest::newRow("--platform=value") << split("--platform=offscreen --sync") << split("--sync");
    QTest::newRow("-style and -reverse") << split("-style fusion -reverse --db sqlite:x.db")
                                         << split("--db sqlite:x.db");
    QTest::newRow("value that looks like ours") << split("-qwindowtitle --sync") << QStringList {};
    QTest::newRow("typo is kept for the parser") << split("--snyc") << split("--snyc");
}

void tst_CommandLine::withoutGuiOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, kept);
    QCOMPARE(CommandLine::withoutGuiOptions(argv(args)), argv(kept));
}

// "-sync" would read as -s -y -n -c; main() decides GUI vs headless from parse(), so it must be refused with a
// hint rather than start a window.
void tst_CommandLine::singleDashLongOptionsAreRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("hint");
    QTest::newRow("-sync") << split("-sync") << QStringLiteral("--sync");
    QTest::newRow("-export") << split("-export history -out -") << QStringLiteral("--export");
    QTest::newRow("-health") << split("-health") << QStringLiteral("--health");
    QTest::newRow("-version") << split("-version") << QStringLiteral("--version");
    QTest::newRow("-help") << split("-help") << QStringLiteral("--help");
    QTest::newRow("-db=") << split("--sync -db=sqlite:x.db") << QStringLiteral("--db");
}

void tst_CommandLine::singleDashLongOptionsAreRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, hint);
    QString error;
    QVERIFY(!CommandLine::parse(argv(args), fixedNow(), &error));
    QVERIFY2(error.contains(QStringLiteral("did you mean ") + hint), qPrintable(error));
}

void tst_CommandLine::environment_data()
{
    QTest::addColumn<QByteArray>("envConfig");
    QTest::addColumn<QByteArray>("envDb");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("db");

    QTest::newRow("nothing") << QByteArray() << QByteArray() << split("--sync") << QString() << QString();
    QTest::newRow("env used when options absent")
        << QByteArray("/etc/opsdeck/env.ini") << QByteArray("sqlite:///var/lib/opsdeck/env.db") << split("--sync")
        << QStringLiteral("/etc/opsdeck/env.ini") << QStringLiteral("sqlite:///var/lib/opsdeck/env.db");
    QTest::newRow("options win over env")
        << QByteArray("/etc/opsdeck/env.ini") << QByteArray("sqlite:///var/lib/opsdeck/env.db")
        << split("--sync --config /tmp/opt.ini --db sqlite:///tmp/opt.db") << QStringLiteral("/tmp/opt.ini")
        << QStringLiteral("sqlite:///tmp/opt.db");
    QTest::newRow("config option, db from env")
        << QByteArray("/etc/opsdeck/env.ini") << QByteArray("postgresql://ops@db:5432/m")
        << split("--export resources --out - --config /tmp/opt.ini") << QStringLiteral("/tmp/opt.ini")
        << QStringLiteral("postgresql://ops@db:5432/m");
    QTest::newRow("db option, config from env")
        << QByteArray("/etc/opsdeck/env.ini") << QByteArray("sqlite:///var/lib/opsdeck/env.db")
        << split("--health --db sqlite::memory:") << QStringLiteral("/etc/opsdeck/env.ini")
        << QStringLiteral("sqlite::memory:");
    QTest::newRow("env in GUI mode too") << QByteArray("/etc/opsdeck/env.ini") << QByteArray("sqlite:x.db")
                                         << QStringList {} << QStringLiteral("/etc/opsdeck/env.ini")
                                         << QStringLiteral("sqlite:x.db");
}

void tst_CommandLine::environment()
{
    QFETCH(QByteArray, envConfig);
    QFETCH(QByteArray, envDb);
    QFETCH(QStringList, args);
    QFETCH(QString, config);
    QFETCH(QString, db);

    if (!envConfig.isEmpty())
        qputenv("OPSDECK_CONFIG", envConfig);
    if (!envDb.isEmpty())
        qputenv("OPSDECK_DB", envDb);
    QString error;
    const std::optional<CommandLineOptions> o = CommandLine::parse(argv(args), fixedNow(), &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->configPath, config);
    QCOMPARE(o->databaseUrl, db);
}

void tst_CommandLine::helpAndVersionText()
{
    const QString help = CommandLine::helpText();
    for (const char *item :
         { "--sync",     "--watch",  "--json",       "--export",  "--out",     "--from",         "--to",
           "--resource", "--metric", "--resolution", "--health",  "--config",  "OPSDECK_CONFIG", "--db",
           "OPSDECK_DB", "--source", "--listen",     "--verbose", "--version", "--help",         "resources",
           "history",    "alerts",   "sync-runs",    "75" })
        QVERIFY2(help.contains(QLatin1String(item)), item);
    QVERIFY(CommandLine::versionText().startsWith(QLatin1String("opsdeck 0.1.0")));
}

void tst_CommandLine::reportsList()
{
    QCOMPARE(CommandLine::reports(),
             (QStringList { QStringLiteral("resources"), QStringLiteral("history"), QStringLiteral("alerts"),
                            QStringLiteral("sync-runs") }));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
