#include "config/config.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestConfig : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void defaults();
    void defaultPathFollowsXdgConfigHome();
    void defaultDatabaseUrlFollowsXdgDataHome();

    void designExample();
    void noSourceSectionMeansLocal();
    void sourcesKeepFileOrder();
    void sourceLookup();
    void storageAndSync_data();
    void storageAndSync();
    void alerts_data();
    void alerts();
    void sources_data();
    void sources();
    void queryAndListen_data();
    void queryAndListen();

    void errors_data();
    void errors();
    void secretsAreNeverEchoed_data();
    void secretsAreNeverEchoed();
    void allErrorsAtOnceInFileOrder();
    void missingFile();
    void directory();
    void unreadableFile();
    void notAnIniFile();

private:
    QString writeIni(const QString &text);
    Config loadOk(const QString &text);

    QTemporaryDir m_dir;
    int m_files = 0;
};

namespace {

QString optionsText(const QMap<QString, QString> &options)
{
    QStringList lines;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        lines << it.key() + QLatin1Char('=') + it.value();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

void TestConfig::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

// Each fixture gets its own file: QSettings caches parsed files by name.
QString TestConfig::writeIni(const QString &text)
{
    const QString path = m_dir.filePath(QStringLiteral("opsdeck-%1.ini").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text.toUtf8());
    return path;
}

Config TestConfig::loadOk(const QString &text)
{
    QString error;
    const std::optional<Config> config = Config::load(writeIni(text), &error);
    if (!config) {
        QTest::qFail(qPrintable(QStringLiteral("load failed: ") + error), __FILE__, __LINE__);
        return Config();
    }
    if (!error.isEmpty())
        QTest::qFail(qPrintable(QStringLiteral("error set on success: ") + error), __FILE__, __LINE__);
    return *config;
}

void TestConfig::defaults()
{
    const Config config = Config::defaults();
    QVERIFY(config.filePath.isEmpty());
    QVERIFY(config.storageUrl.isEmpty());
    QCOMPARE(config.retentionDays, 30);
    QCOMPARE(config.syncIntervalSeconds, qint64(1800));
    QCOMPARE(config.sources.size(), 1);
    const SourceConfig &local = config.sources.first();
    QCOMPARE(local.name, QStringLiteral("local"));
    QCOMPARE(local.type, QStringLiteral("local"));
    QCOMPARE(local.intervalSeconds, qint64(60));
    QVERIFY(local.enabled);
    QVERIFY(local.options.isEmpty());
    QCOMPARE(config.alerts.thresholds.value(Metric::Cpu).warning, 80.0);
    QCOMPARE(config.alerts.thresholds.value(Metric::Cpu).critical, 90.0);
    QCOMPARE(config.alerts.thresholds.value(Metric::Memory).warning, 85.0);
    QCOMPARE(config.alerts.thresholds.value(Metric::Memory).critical, 95.0);
    QCOMPARE(config.alerts.thresholds.value(Metric::Disk).warning, 80.0);
    QCOMPARE(config.alerts.thresholds.value(Metric::Disk).critical, 90.0);
    QCOMPARE(config.alerts.forSeconds, qint64(300));
    QCOMPARE(config.alerts.clearMargin, 5.0);
}

void TestConfig::defaultPathFollowsXdgConfigHome()
{
    const QByteArray saved = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.path()));
    const QString path = Config::defaultPath();
    qputenv("XDG_CONFIG_HOME", saved);
    QCOMPARE(path, m_dir.path() + QStringLiteral("/opsdeck/opsdeck.ini"));
}

void TestConfig::defaultDatabaseUrlFollowsXdgDataHome()
{
    const QByteArray saved = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.path()));
    const QString url = Config::defaultDatabaseUrl();
    qputenv("XDG_DATA_HOME", saved);
    QCOMPARE(url, QStringLiteral("sqlite://") + m_dir.path() + QStringLiteral("/opsdeck/opsdeck.db"));
    QVERIFY(url.startsWith(QLatin1String("sqlite:///")));
}

// The example in DESIGN.md, inline comments included, loads as written.
void TestConfig::designExample()
{
    const Config config = loadOk(QStringLiteral(R"ini(
[storage]
url=sqlite:///var/lib/opsdeck/opsdeck.db     ; or postgresql://user:pass@host:5432/db
retention_days=30
[sync]
interval=30m
[alerts]
cpu.warning=80
cpu.critical=90
disk.critical=90
for=5m
clear_margin=5
[source.local]
type=local
interval=1m
[source.do]
type=digitalocean
api_url=https://api.digitalocean.com
token_env=DIGITALOCEAN_TOKEN                 ; env var holding the token (or the system keyring)
requests_per_minute=250
requests_per_hour=5000
backfill=30d
[source.nodes]
type=node_exporter
targets=http://127.0.0.1:9100/metrics
[source.prom]
type=prometheus
url=http://127.0.0.1:9090
)ini"));
    QCOMPARE(config.storageUrl, QStringLiteral("sqlite:///var/lib/opsdeck/opsdeck.db"));
    QCOMPARE(config.retentionDays, 30);
    QCOMPARE(config.syncIntervalSeconds, qint64(1800));
    QCOMPARE(config.alerts.forSeconds, qint64(300));
    QCOMPARE(config.sources.size(), 4);
    QCOMPARE(config.sources.at(0).name, QStringLiteral("local"));
    QCOMPARE(config.sources.at(0).intervalSeconds, qint64(60));
    QCOMPARE(config.sources.at(1).name, QStringLiteral("do"));
    QCOMPARE(config.sources.at(1).type, QStringLiteral("digitalocean"));
    QCOMPARE(config.sources.at(1).intervalSeconds, qint64(1800));
    QCOMPARE(config.sources.at(1).options.value(QStringLiteral("token_env")), QStringLiteral("DIGITALOCEAN_TOKEN"));
    QCOMPARE(config.sources.at(2).options.value(QStringLiteral("targets")),
             QStringLiteral("http://127.0.0.1:9100/metrics"));
    QCOMPARE(config.sources.at(3).options.value(QStringLiteral("url")), QStringLiteral("http://127.0.0.1:9090"));
}

void TestConfig::noSourceSectionMeansLocal()
{
    const Config config = loadOk(QStringLiteral("[sync]\ninterval=10m\n"));
    QCOMPARE(config.syncIntervalSeconds, qint64(600));
    QCOMPARE(config.sources.size(), 1);
    QCOMPARE(config.sources.first().name, QStringLiteral("local"));
    QCOMPARE(config.sources.first().type, QStringLiteral("local"));
    QCOMPARE(config.sources.first().intervalSeconds, qint64(60));

    const Config empty = loadOk(QStringLiteral("; nothing but a comment\n"));
    QCOMPARE(empty.sources.size(), 1);
    QCOMPARE(empty.sources.first().type, QStringLiteral("local"));
    QVERIFY(empty.storageUrl.isEmpty());
    QVERIFY(!empty.filePath.isEmpty());
}

void TestConfig::sourcesKeepFileOrder()
{
    const Config config = loadOk(QStringLiteral("[source.zeta]\ntype=local\n"
                                                "[source.alpha]\ntype=prometheus\nurl=http://p:9090\n"
                                                "[sync]\ninterval=1h\n"
                                                "[source.mid]\ntype=local\n"));
    QStringList names;
    for (const SourceConfig &s : config.sources)
        names << s.name;
    QCOMPARE(names, QStringList({ QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("mid") }));
    // [sync] comes after the source in the file, and still sets its default interval.
    QCOMPARE(config.sources.at(1).intervalSeconds, qint64(3600));
}

void TestConfig::sourceLookup()
{
    const Config config = loadOk(QStringLiteral("[source.a]\ntype=local\n[source.b]\ntype=local\nenabled=no\n"));
    QVERIFY(config.source(QStringLiteral("a")));
    QCOMPARE(config.source(QStringLiteral("b"))->enabled, false);
    QCOMPARE(config.source(QStringLiteral("c")), nullptr);
    QCOMPARE(Config::defaults().source(QStringLiteral("local"))->type, QStringLiteral("local"));
}

void TestConfig::storageAndSync_data()
{
    QTest::addColumn<QString>("ini");
    QTest::addColumn<QString>("storageUrl");
    QTest::addColumn<int>("retentionDays");
    QTest::addColumn<qint64>("syncInterval");

    QTest::newRow("nothing") << QString() << QString() << 30 << qint64(1800);
    QTest::newRow("postgres") << QStringLiteral("[storage]\nurl=postgresql://ops:pw@db.example:5432/metrics\n")
                              << QStringLiteral("postgresql://ops:pw@db.example:5432/metrics") << 30 << qint64(1800);
    QTest::newRow("comma in password") << QStringLiteral("[storage]\nurl=postgresql://ops:a,b@db/metrics\n")
                                       << QStringLiteral("postgresql://ops:a,b@db/metrics") << 30 << qint64(1800);
    QTest::newRow("quoted url") << QStringLiteral("[storage]\nurl=\"sqlite:///srv/x.db\"\n")
                                << QStringLiteral("sqlite:///srv/x.db") << 30 << qint64(1800);
    QTest::newRow("memory") << QStringLiteral("[storage]\nurl=sqlite::memory:\n") << QStringLiteral("sqlite::memory:")
                            << 30 << qint64(1800);
    QTest::newRow("retention min") << QStringLiteral("[storage]\nretention_days=1\n") << QString() << 1 << qint64(1800);
    QTest::newRow("retention max") << QStringLiteral("[storage]\nretention_days=3650\n") << QString() << 3650
                                   << qint64(1800);
    QTest::newRow("retention spaces") << QStringLiteral("[storage]\nretention_days =  90  ; three months\n")
                                      << QString() << 90 << qint64(1800);
    QTest::newRow("sync minimum") << QStringLiteral("[sync]\ninterval=10s\n") << QString() << 30 << qint64(10);
    QTest::newRow("sync compound") << QStringLiteral("[sync]\ninterval=1h30m\n") << QString() << 30 << qint64(5400);
    QTest::newRow("sync days") << QStringLiteral("[sync]\ninterval=1d\n") << QString() << 30 << qint64(86400);
    QTest::newRow("CRLF line ends") << QStringLiteral("[sync]\r\ninterval=15m\r\n") << QString() << 30 << qint64(900);
    QTest::newRow("byte order mark") << QStringLiteral("\xfeff[sync]\ninterval=15m\n") << QString() << 30
                                     << qint64(900);
    QTest::newRow("hash comment") << QStringLiteral(
        "# comment\n# a/b=1\n[sync]\n# interval=1m\n  #x/y=2\ninterval=15m\n")
                                  << QString() << 30 << qint64(900);
}

void TestConfig::storageAndSync()
{
    QFETCH(QString, ini);
    QFETCH(QString, storageUrl);
    QFETCH(int, retentionDays);
    QFETCH(qint64, syncInterval);
    const Config config = loadOk(ini);
    QCOMPARE(config.storageUrl, storageUrl);
    QCOMPARE(config.retentionDays, retentionDays);
    QCOMPARE(config.syncIntervalSeconds, syncInterval);
}

void TestConfig::alerts_data()
{
    QTest::addColumn<QString>("ini");
    QTest::addColumn<QList<double>>("levels"); // cpu w/c, memory w/c, disk w/c
    QTest::addColumn<qint64>("forSeconds");
    QTest::addColumn<double>("clearMargin");

    const QList<double> defaults { 80, 90, 85, 95, 80, 90 };
    QTest::newRow("none") << QStringLiteral("[alerts]\n") << defaults << qint64(300) << 5.0;
    QTest::newRow("all") << QStringLiteral("[alerts]\ncpu.warning=70\ncpu.critical=85\nmemory.warning=90\n"
                                           "memory.critical=97.5\ndisk.warning=75\ndisk.critical=95\nfor=10m\n"
                                           "clear_margin=2.5\n")
                         << QList<double> { 70, 85, 90, 97.5, 75, 95 } << qint64(600) << 2.5;
    QTest::newRow("equal levels") << QStringLiteral("[alerts]\ncpu.warning=90\n")
                                  << QList<double> { 90, 90, 85, 95, 80, 90 } << qint64(300) << 5.0;
    QTest::newRow("bounds") << QStringLiteral("[alerts]\ndisk.warning=0\ndisk.critical=100\nclear_margin=0\n")
                            << QList<double> { 80, 90, 85, 95, 0, 100 } << qint64(300) << 0.0;
    QTest::newRow("raise critical only") << QStringLiteral("[alerts]\ncpu.critical=99\n")
                                         << QList<double> { 80, 99, 85, 95, 80, 90 } << qint64(300) << 5.0;
    QTest::newRow("for zero") << QStringLiteral("[alerts]\nfor=0s\n") << defaults << qint64(0) << 5.0;
}

void TestConfig::alerts()
{
    QFETCH(QString, ini);
    QFETCH(QList<double>, levels);
    QFETCH(qint64, forSeconds);
    QFETCH(double, clearMargin);
    const Config config = loadOk(ini);
    const Metric metrics[] = { Metric::Cpu, Metric::Memory, Metric::Disk };
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(config.alerts.thresholds.value(metrics[i]).warning, levels.at(2 * i));
        QCOMPARE(config.alerts.thresholds.value(metrics[i]).critical, levels.at(2 * i + 1));
    }
    QCOMPARE(config.alerts.forSeconds, forSeconds);
    QCOMPARE(config.alerts.clearMargin, clearMargin);
}

void TestConfig::sources_data()
{
    QTest::addColumn<QString>("ini");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<qint64>("interval");
    QTest::addColumn<QString>("options"); // key=value lines, sorted

    const QString doDefaults = QStringLiteral("api_url=https://api.digitalocean.com\nbackfill=30d\n"
                                              "backfill_seconds=2592000\nrequests_per_hour=5000\n"
                                              "requests_per_minute=250\ntoken_env=DIGITALOCEAN_TOKEN");

    QTest::newRow("local") << QStringLiteral("[source.x]\ntype=local\n") << QStringLiteral("local") << true
                           << qint64(60) << QString();
    QTest::newRow("local ignores [sync]") << QStringLiteral("[sync]\ninterval=2h\n[source.x]\ntype=local\n")
                                          << QStringLiteral("local") << true << qint64(60) << QString();
    QTest::newRow("local own interval") << QStringLiteral("[source.x]\ntype=local\ninterval=5m\nenabled=no\n")
                                        << QStringLiteral("local") << false << qint64(300) << QString();
    QTest::newRow("enabled TRUE") << QStringLiteral("[source.x]\ntype=local\nenabled=TRUE\n") << QStringLiteral("local")
                                  << true << qint64(60) << QString();
    QTest::newRow("enabled Yes") << QStringLiteral("[source.x]\ntype=local\nenabled=Yes\n") << QStringLiteral("local")
                                 << true << qint64(60) << QString();
    QTest::newRow("enabled 1") << QStringLiteral("[source.x]\ntype=local\nenabled=1\n") << QStringLiteral("local")
                               << true << qint64(60) << QString();
    QTest::newRow("enabled 0") << QStringLiteral("[source.x]\ntype=local\nenabled=0\n") << QStringLiteral("local")
                               << false << qint64(60) << QString();
    QTest::newRow("enabled false") << QStringLiteral("[source.x]\ntype=local\nenabled=false\n")
                                   << QStringLiteral("local") << false << qint64(60) << QString();

    QTest::newRow("digitalocean defaults") << QStringLiteral("[source.do]\ntype=digitalocean\n")
                                           << QStringLiteral("digitalocean") << true << qint64(1800) << doDefaults;
    QTest::newRow("digitalocean follows [sync]")
        << QStringLiteral("[sync]\ninterval=15m\n[source.do]\ntype=digitalocean\n") << QStringLiteral("digitalocean")
        << true << qint64(900) << doDefaults;
    QTest::newRow("digitalocean everything")
        << QStringLiteral("[source.do]\ntype=digitalocean\ninterval=1h\napi_url=http://127.0.0.1:8080/\n"
                          "token_env=DO_TOKEN_PROD\nrequests_per_minute=100\nrequests_per_hour=1000\n"
                          "backfill=7d\n")
        << QStringLiteral("digitalocean") << true << qint64(3600)
        << QStringLiteral("api_url=http://127.0.0.1:8080\nbackfill=7d\nbackfill_seconds=604800\n"
                          "requests_per_hour=1000\nrequests_per_minute=100\ntoken_env=DO_TOKEN_PROD");
    QTest::newRow("digitalocean limits")
        << QStringLiteral("[source.do]\ntype=digitalocean\nrequests_per_minute=1\nrequests_per_hour=5000\n"
                          "backfill=1h\napi_url=https://proxy.example/do/\n")
        << QStringLiteral("digitalocean") << true << qint64(1800)
        << QStringLiteral("api_url=https://proxy.example/do\nbackfill=1h\nbackfill_seconds=3600\n"
                          "requests_per_hour=5000\nrequests_per_minute=1\ntoken_env=DIGITALOCEAN_TOKEN");

    QTest::newRow("prometheus") << QStringLiteral("[source.p]\ntype=prometheus\nurl=http://127.0.0.1:9090/\n")
                                << QStringLiteral("prometheus") << true << qint64(1800)
                                << QStringLiteral("url=http://127.0.0.1:9090");
    QTest::newRow("prometheus with path")
        << QStringLiteral("[source.p]\ntype=prometheus\nurl=https://mon.example/prom\n") << QStringLiteral("prometheus")
        << true << qint64(1800) << QStringLiteral("url=https://mon.example/prom");

    QTest::newRow("node_exporter one") << QStringLiteral("[source.n]\ntype=node_exporter\n"
                                                         "targets=http://127.0.0.1:9100/metrics\ninterval=30s\n")
                                       << QStringLiteral("node_exporter") << true << qint64(30)
                                       << QStringLiteral("targets=http://127.0.0.1:9100/metrics");
    QTest::newRow("node_exporter list") << QStringLiteral(
        "[source.n]\ntype=node_exporter\n"
        "targets=http://10.0.0.5:9100/metrics, http://10.0.0.6:9100/metrics\n")
                                        << QStringLiteral("node_exporter") << true << qint64(1800)
                                        << QStringLiteral(
                                               "targets=http://10.0.0.5:9100/metrics,http://10.0.0.6:9100/metrics");
    QTest::newRow("node_exporter quoted list")
        << QStringLiteral("[source.n]\ntype=node_exporter\n"
                          "targets=\"http://a:9100/metrics, http://b:9100/metrics\"\n")
        << QStringLiteral("node_exporter") << true << qint64(1800)
        << QStringLiteral("targets=http://a:9100/metrics,http://b:9100/metrics");
    QTest::newRow("node_exporter spaces and trailing comma")
        << QStringLiteral("[source.n]\ntype=node_exporter\ntargets=http://a:9100/metrics http://b:9100/x,\n")
        << QStringLiteral("node_exporter") << true << qint64(1800)
        << QStringLiteral("targets=http://a:9100/metrics,http://b:9100/x");
    QTest::newRow("node_exporter default path")
        << QStringLiteral("[source.n]\ntype=node_exporter\ntargets=http://a:9100, https://b:9100/\n")
        << QStringLiteral("node_exporter") << true << qint64(1800)
        << QStringLiteral("targets=http://a:9100/metrics,https://b:9100/metrics");
    QTest::newRow("name characters") << QStringLiteral("[source.Prod_eu-1]\ntype=local\n") << QStringLiteral("local")
                                     << true << qint64(60) << QString();
}

void TestConfig::sources()
{
    QFETCH(QString, ini);
    QFETCH(QString, type);
    QFETCH(bool, enabled);
    QFETCH(qint64, interval);
    QFETCH(QString, options);
    const Config config = loadOk(ini);
    QCOMPARE(config.sources.size(), 1);
    const SourceConfig &source = config.sources.first();
    QCOMPARE(source.type, type);
    QCOMPARE(source.enabled, enabled);
    QCOMPARE(source.intervalSeconds, interval);
    QCOMPARE(optionsText(source.options), options);
}

void TestConfig::queryAndListen_data()
{
    QTest::addColumn<QString>("ini");
    QTest::addColumn<qint64>("ttl");
    QTest::addColumn<qint64>("sizeMb");
    QTest::addColumn<qint64>("slowMs");
    QTest::addColumn<qint64>("criticalMs");
    QTest::addColumn<QString>("tokenFile");
    QTest::addColumn<QString>("tokenEnv");
    QTest::addColumn<int>("perMinute");

    QTest::newRow("defaults") << QString() << qint64(300) << qint64(64) << qint64(100) << qint64(500) << QString()
                              << QString() << 120;
    QTest::newRow("query") << QStringLiteral("[query]\ncache_ttl=1m\ncache_size_mb=8\nslow_ms=50\ncritical_ms=250\n")
                           << qint64(60) << qint64(8) << qint64(50) << qint64(250) << QString() << QString() << 120;
    QTest::newRow("listen file") << QStringLiteral("[listen]\ntoken_file=/etc/opsdeck/listen.token\n"
                                                   "requests_per_minute=600\n")
                                 << qint64(300) << qint64(64) << qint64(100) << qint64(500)
                                 << QStringLiteral("/etc/opsdeck/listen.token") << QString() << 600;
    QTest::newRow("listen env") << QStringLiteral("[listen]\ntoken_env=OPSDECK_LISTEN_TOKEN\n") << qint64(300)
                                << qint64(64) << qint64(100) << qint64(500) << QString()
                                << QStringLiteral("OPSDECK_LISTEN_TOKEN") << 120;
}

void TestConfig::queryAndListen()
{
    QFETCH(QString, ini);
    const Config c = loadOk(ini);
    QTEST(c.query.cacheTtlSeconds, "ttl");
    QTEST(c.query.cacheSizeMb, "sizeMb");
    QTEST(c.query.slowMs, "slowMs");
    QTEST(c.query.criticalMs, "criticalMs");
    QTEST(c.listen.tokenFile, "tokenFile");
    QTEST(c.listen.tokenEnv, "tokenEnv");
    QTEST(c.listen.requestsPerMinute, "perMinute");
}

void TestConfig::errors_data()
{
    QTest::addColumn<QString>("ini");
    QTest::addColumn<QStringList>("fragments"); // besides the file name, which every message starts with

    const QString sections = QStringLiteral("[storage], [sync], [alerts], [query], [listen], [source.NAME]");
    const QString types = QStringLiteral("local, digitalocean, prometheus, node_exporter");

    // Structure
    QTest::newRow("unknown section") << QStringLiteral("[strage]\nurl=sqlite::memory:\n")
                                     << QStringList { QStringLiteral(":1: [strage]: unknown section"),
                                                      QStringLiteral("did you mean \"storage\""), sections };
    // [query] and [listen]
    QTest::newRow("query ttl without unit") << QStringLiteral("[query]\ncache_ttl=300\n")
                                            << QStringList { QStringLiteral(":2: [query] cache_ttl") };
    QTest::newRow("query size zero") << QStringLiteral("[query]\ncache_size_mb=0\n")
                                     << QStringList { QStringLiteral(":2: [query] cache_size_mb"),
                                                      QStringLiteral("a whole number from 1 to 4096") };
    QTest::newRow("query critical not above slow")
        << QStringLiteral("[query]\nslow_ms=200\ncritical_ms=200\n")
        << QStringList { QStringLiteral("[query] critical_ms: critical_ms (200) must be above slow_ms (200)") };
    QTest::newRow("query unknown key") << QStringLiteral("[query]\nslow=100\n")
                                       << QStringList { QStringLiteral("[query] slow: unknown key"),
                                                        QStringLiteral("slow_ms") };
    QTest::newRow("listen relative token file")
        << QStringLiteral("[listen]\ntoken_file=listen.token\n")
        << QStringList { QStringLiteral(":2: [listen] token_file"), QStringLiteral("not an absolute path") };
    QTest::newRow("listen bad env name") << QStringLiteral("[listen]\ntoken_env=1TOKEN\n")
                                         << QStringList { QStringLiteral(":2: [listen] token_env"),
                                                          QStringLiteral("OPSDECK_LISTEN_TOKEN") };
    QTest::newRow("listen rate zero") << QStringLiteral("[listen]\nrequests_per_minute=0\n")
                                      << QStringList { QStringLiteral("[listen] requests_per_minute") };
    QTest::newRow("unknown empty section")
        << QStringLiteral("[sinc]\n") << QStringList { QStringLiteral("[sinc]: unknown section"), sections };
    QTest::newRow("key outside a section")
        << QStringLiteral("interval=30m\n[sync]\n")
        << QStringList { QStringLiteral(":1: the key interval is outside any section"), sections };
    QTest::newRow("[General]") << QStringLiteral("[General]\ninterval=30m\n")
                               << QStringList { QStringLiteral("outside any section") };
    QTest::newRow("line without =") << QStringLiteral("[sync]\ninterval 30m\n")
                                    << QStringList { QStringLiteral(":2: this line is not a key=value setting") };
    QTest::newRow("key set twice") << QStringLiteral("[sync]\ninterval=30m\ninterval=1h\n")
                                   << QStringList { QStringLiteral(
                                          ":3: [sync] interval is set twice (first on line 2)") };
    QTest::newRow("key set twice across repeated section")
        << QStringLiteral("[sync]\ninterval=30m\n[storage]\nretention_days=3\n[sync]\ninterval=1h\n")
        << QStringList { QStringLiteral(":6: [sync] interval is set twice (first on line 2)") };
    QTest::newRow("no key before =") << QStringLiteral("[sync]\n=5\n")
                                     << QStringList { QStringLiteral(":2: there is no key") };
    QTest::newRow("Qt variant value") << QStringLiteral("[sync]\ninterval=@ByteArray(30m)\n")
                                      << QStringList { QStringLiteral("[sync] interval: the value cannot be read") };

    // [storage]
    QTest::newRow("storage unknown key") << QStringLiteral("[storage]\nretention=30\n")
                                         << QStringList { QStringLiteral(":2: [storage] retention: unknown key"),
                                                          QStringLiteral("did you mean \"retention_days\""),
                                                          QStringLiteral("allowed keys: url, retention_days") };
    QTest::newRow("storage url scheme") << QStringLiteral("[storage]\nurl=mysql://db/x\n")
                                        << QStringList { QStringLiteral(":2: [storage] url:"),
                                                         QStringLiteral("unknown scheme \"mysql:\""),
                                                         QStringLiteral("sqlite:///absolute/path.db") };
    QTest::newRow("storage url empty") << QStringLiteral("[storage]\nurl=\n")
                                       << QStringList { QStringLiteral("[storage] url: the value is empty"),
                                                        QStringLiteral("remove the key") };
    QTest::newRow("storage url bad port")
        << QStringLiteral("[storage]\nurl=postgresql://ops@db:99999/m\n")
        << QStringList { QStringLiteral("[storage] url"), QStringLiteral("port 99999 is out of range") };
    QTest::newRow("retention zero") << QStringLiteral("[storage]\nretention_days=0\n")
                                    << QStringList { QStringLiteral(
                                                         ":2: [storage] retention_days: \"0\" is not allowed"),
                                                     QStringLiteral("whole number from 1 to 3650") };
    QTest::newRow("retention too big") << QStringLiteral("[storage]\nretention_days=3651\n")
                                       << QStringList { QStringLiteral("\"3651\""), QStringLiteral("1 to 3650") };
    QTest::newRow("retention words") << QStringLiteral("[storage]\nretention_days=thirty\n")
                                     << QStringList { QStringLiteral("\"thirty\""), QStringLiteral("1 to 3650") };
    QTest::newRow("retention fraction") << QStringLiteral("[storage]\nretention_days=30.5\n")
                                        << QStringList { QStringLiteral("\"30.5\"") };
    QTest::newRow("retention negative") << QStringLiteral("[storage]\nretention_days=-1\n")
                                        << QStringList { QStringLiteral("\"-1\"") };
    QTest::newRow("retention with unit") << QStringLiteral("[storage]\nretention_days=30d\n")
                                         << QStringList { QStringLiteral("\"30d\"") };
    QTest::newRow("retention empty") << QStringLiteral("[storage]\nretention_days=\n")
                                     << QStringList { QStringLiteral("\"\" is not allowed") };

    // [sync]
    QTest::newRow("sync too short") << QStringLiteral("[sync]\ninterval=5s\n")
                                    << QStringList { QStringLiteral(":2: [sync] interval: \"5s\" is too short"),
                                                     QStringLiteral("at least 10s") };
    QTest::newRow("sync bare number") << QStringLiteral("[sync]\ninterval=30\n")
                                      << QStringList { QStringLiteral("[sync] interval: invalid duration \"30\""),
                                                       QStringLiteral("unit is required") };
    QTest::newRow("sync comma") << QStringLiteral("[sync]\ninterval=1h,30m\n")
                                << QStringList { QStringLiteral("[sync] interval: \"1h,30m\" contains a comma"),
                                                 QStringLiteral("allowed: a duration of at least 10s") };
    QTest::newRow("sync typo") << QStringLiteral("[sync]\nintervall=1h\n")
                               << QStringList { QStringLiteral("[sync] intervall: unknown key"),
                                                QStringLiteral("did you mean \"interval\"") };
    QTest::newRow("sync nested key") << QStringLiteral("[sync]\nsource/interval=1h\n")
                                     << QStringList { QStringLiteral("[sync] source/interval: unknown key"),
                                                      QStringLiteral("'/' is not allowed") };

    // [alerts]
    QTest::newRow("threshold above 100") << QStringLiteral("[alerts]\ncpu.warning=101\n")
                                         << QStringList { QStringLiteral(
                                                              ":2: [alerts] cpu.warning: \"101\" is not allowed"),
                                                          QStringLiteral("from 0 to 100") };
    QTest::newRow("threshold negative") << QStringLiteral("[alerts]\ndisk.critical=-5\n")
                                        << QStringList { QStringLiteral("[alerts] disk.critical: \"-5\"") };
    QTest::newRow("threshold percent sign")
        << QStringLiteral("[alerts]\ncpu.warning=80%\n")
        << QStringList { QStringLiteral("\"80%\""), QStringLiteral("without a %-sign") };
    QTest::newRow("threshold decimal comma") << QStringLiteral("[alerts]\nmemory.warning=80,5\n")
                                             << QStringList { QStringLiteral("\"80,5\" contains a comma") };
    QTest::newRow("threshold nan") << QStringLiteral("[alerts]\ncpu.warning=nan\n")
                                   << QStringList { QStringLiteral("\"nan\"") };
    QTest::newRow("warning above default critical")
        << QStringLiteral("[alerts]\ncpu.warning=95\n")
        << QStringList { QStringLiteral(
               "[alerts] cpu.warning: cpu.warning (95) is above cpu.critical (90, the default)") };
    QTest::newRow("critical below default warning")
        << QStringLiteral("[alerts]\nmemory.critical=50\n")
        << QStringList { QStringLiteral("memory.warning (85, the default) is above memory.critical (50)") };
    QTest::newRow("warning above critical")
        << QStringLiteral("[alerts]\ndisk.warning=70\ndisk.critical=60\n")
        << QStringList { QStringLiteral("disk.warning (70) is above disk.critical (60)"),
                         QStringLiteral("must not exceed") };
    QTest::newRow("alert key typo")
        << QStringLiteral("[alerts]\ndisk.crit=90\n")
        << QStringList { QStringLiteral("[alerts] disk.crit: unknown key"),
                         QStringLiteral("did you mean \"disk.critical\""),
                         QStringLiteral("cpu.warning, cpu.critical, memory.warning, memory.critical, disk.warning, "
                                        "disk.critical, for, clear_margin") };
    QTest::newRow("alert unknown metric") << QStringLiteral("[alerts]\nload.warning=4\n")
                                          << QStringList { QStringLiteral("[alerts] load.warning: unknown key") };
    QTest::newRow("for without unit") << QStringLiteral("[alerts]\nfor=5\n")
                                      << QStringList { QStringLiteral("[alerts] for: invalid duration \"5\"") };
    QTest::newRow("for negative") << QStringLiteral("[alerts]\nfor=-1m\n")
                                  << QStringList { QStringLiteral("[alerts] for") };
    QTest::newRow("clear margin too big") << QStringLiteral("[alerts]\nclear_margin=150\n")
                                          << QStringList { QStringLiteral("[alerts] clear_margin: \"150\"") };

    // [source.NAME]
    QTest::newRow("source name with space")
        << QStringLiteral("[source.my node]\ntype=local\n")
        << QStringList { QStringLiteral("[source.my node]: invalid source name \"my node\""),
                         QStringLiteral("1 to 64 letters, digits, '-' or '_'") };
    QTest::newRow("source name empty") << QStringLiteral("[source.]\ntype=local\n")
                                       << QStringList { QStringLiteral("invalid source name \"\"") };
    QTest::newRow("source name too long")
        << QStringLiteral("[source.%1]\ntype=local\n").arg(QString(65, QLatin1Char('a')))
        << QStringList { QStringLiteral("invalid source name") };
    QTest::newRow("source name dot") << QStringLiteral("[source.a.b]\ntype=local\n")
                                     << QStringList { QStringLiteral("invalid source name \"a.b\"") };
    // Found by fuzzing: QSettings files "[source./]" under another group, and the file loaded without a source.
    QTest::newRow("source name slash, no keys")
        << QStringLiteral("[source./]\n") << QStringList { QStringLiteral(":1: [source./]: invalid source name \"/\"") };
    QTest::newRow("source name slash")
        << QStringLiteral("[source.a/b]\ntype=local\n")
        << QStringList { QStringLiteral(":1: [source.a/b]: invalid source name \"a/b\"") };
    QTest::newRow("source name percent") << QStringLiteral("[source.a%2Fb]\n")
                                         << QStringList { QStringLiteral("invalid source name \"a%2Fb\"") };
    QTest::newRow("source without type") << QStringLiteral("[source.x]\ninterval=1m\n")
                                         << QStringList { QStringLiteral(":1: [source.x]: the key type is missing"),
                                                          types };
    QTest::newRow("empty source section") << QStringLiteral("[source.x]\n[sync]\ninterval=1h\n")
                                          << QStringList { QStringLiteral(":1: [source.x]: the section is empty"),
                                                           QStringLiteral("type is required"), types };
    QTest::newRow("unknown type") << QStringLiteral("[source.x]\ntype=aws\n")
                                  << QStringList { QStringLiteral(":2: [source.x] type: \"aws\" is not a source type"),
                                                   types };
    QTest::newRow("type typo") << QStringLiteral("[source.x]\ntype=digital_ocean\n")
                               << QStringList { QStringLiteral("did you mean \"digitalocean\"") };
    QTest::newRow("type upper case") << QStringLiteral("[source.x]\ntype=Local\n")
                                     << QStringList { QStringLiteral("\"Local\" is not a source type") };
    QTest::newRow("key case matters") << QStringLiteral("[source.x]\nType=local\n")
                                      << QStringList { QStringLiteral("the key type is missing"),
                                                       QStringLiteral("[source.x] Type: unknown key") };
    QTest::newRow("source interval too short")
        << QStringLiteral("[source.x]\ntype=local\ninterval=5s\n")
        << QStringList { QStringLiteral(":3: [source.x] interval: \"5s\" is too short"), QStringLiteral("10s") };
    QTest::newRow("source interval junk")
        << QStringLiteral("[source.x]\ntype=local\ninterval=often\n")
        << QStringList { QStringLiteral("[source.x] interval: invalid duration \"often\"") };
    QTest::newRow("enabled maybe") << QStringLiteral("[source.x]\ntype=local\nenabled=maybe\n")
                                   << QStringList { QStringLiteral("[source.x] enabled: \"maybe\" is not allowed"),
                                                    QStringLiteral("true, false, yes, no, 1 or 0") };
    QTest::newRow("key of another type") << QStringLiteral("[source.x]\ntype=local\ntargets=http://a:9100/metrics\n")
                                         << QStringList { QStringLiteral(":3: [source.x] targets: unknown key"),
                                                          QStringLiteral(
                                                              "allowed keys for type local: type, interval, enabled") };
    QTest::newRow("unknown key with unknown type") << QStringLiteral("[source.x]\ntype=aws\nregion=eu\n")
                                                   << QStringList { QStringLiteral("\"aws\" is not a source type"),
                                                                    QStringLiteral("[source.x] region: unknown key") };
    QTest::newRow("digitalocean key typo")
        << QStringLiteral("[source.do]\ntype=digitalocean\nrequests_per_minut=100\n")
        << QStringList { QStringLiteral("[source.do] requests_per_minut: unknown key"),
                         QStringLiteral("did you mean \"requests_per_minute\""),
                         QStringLiteral("allowed keys for type digitalocean: type, interval, enabled, api_url, "
                                        "token_env, requests_per_minute, requests_per_hour, backfill") };
    QTest::newRow("requests per minute too high")
        << QStringLiteral("[source.do]\ntype=digitalocean\nrequests_per_minute=300\n")
        << QStringList { QStringLiteral("[source.do] requests_per_minute: \"300\" is not allowed"),
                         QStringLiteral("1 to 250") };
    QTest::newRow("requests per hour zero")
        << QStringLiteral("[source.do]\ntype=digitalocean\nrequests_per_hour=0\n")
        << QStringList { QStringLiteral("[source.do] requests_per_hour: \"0\""), QStringLiteral("1 to 5000") };
    QTest::newRow("backfill too long") << QStringLiteral("[source.do]\ntype=digitalocean\nbackfill=31d\n")
                                       << QStringList { QStringLiteral("[source.do] backfill: \"31d\" is too long"),
                                                        QStringLiteral("from 1h to 30d") };
    QTest::newRow("backfill too short") << QStringLiteral("[source.do]\ntype=digitalocean\nbackfill=30m\n")
                                        << QStringList { QStringLiteral("\"30m\" is too short"),
                                                         QStringLiteral("from 1h to 30d") };
    QTest::newRow("api_url not http") << QStringLiteral("[source.do]\ntype=digitalocean\napi_url=ftp://api.example\n")
                                      << QStringList { QStringLiteral("[source.do] api_url: \"ftp://api.example\""),
                                                       QStringLiteral("http:// or https://") };
    QTest::newRow("api_url without scheme")
        << QStringLiteral("[source.do]\ntype=digitalocean\napi_url=api.digitalocean.com\n")
        << QStringList { QStringLiteral("\"api.digitalocean.com\" is not an http:// or https:// URL"),
                         QStringLiteral("e.g. https://api.digitalocean.com") };
    QTest::newRow("api_url with query") << QStringLiteral(
        "[source.do]\ntype=digitalocean\napi_url=https://a.example/?x=1\n")
                                        << QStringList { QStringLiteral("?query") };
    QTest::newRow("token_env bad name") << QStringLiteral("[source.do]\ntype=digitalocean\ntoken_env=1BAD-NAME\n")
                                        << QStringList { QStringLiteral("[source.do] token_env"),
                                                         QStringLiteral("name of an environment variable") };
    QTest::newRow("prometheus without url") << QStringLiteral("[source.p]\ntype=prometheus\n")
                                            << QStringList { QStringLiteral(":1: [source.p]: the key url is missing"),
                                                             QStringLiteral("http://127.0.0.1:9090") };
    QTest::newRow("prometheus url without scheme")
        << QStringLiteral("[source.p]\ntype=prometheus\nurl=localhost:9090\n")
        << QStringList { QStringLiteral("[source.p] url: \"localhost:9090\" is not an http:// or https:// URL") };
    QTest::newRow("prometheus url list") << QStringLiteral(
        "[source.p]\ntype=prometheus\nurl=http://a:9090,http://b:9090\n")
                                         << QStringList { QStringLiteral("contains a comma") };
    QTest::newRow("node_exporter without targets")
        << QStringLiteral("[source.n]\ntype=node_exporter\n")
        << QStringList { QStringLiteral("[source.n]: the key targets is missing"),
                         QStringLiteral("one or more http:// or https:// URLs") };
    QTest::newRow("node_exporter empty targets")
        << QStringLiteral("[source.n]\ntype=node_exporter\ntargets=\n")
        << QStringList { QStringLiteral("[source.n] targets: no target given") };
    QTest::newRow("node_exporter only commas") << QStringLiteral("[source.n]\ntype=node_exporter\ntargets=, ,\n")
                                               << QStringList { QStringLiteral("no target given") };
    QTest::newRow("node_exporter bad target")
        << QStringLiteral("[source.n]\ntype=node_exporter\ntargets=http://a:9100/metrics, 10.0.0.6:9100\n")
        << QStringList { QStringLiteral("[source.n] targets: \"10.0.0.6:9100\" is not an http:// or https:// URL") };
    QTest::newRow("node_exporter duplicate target")
        << QStringLiteral("[source.n]\ntype=node_exporter\ntargets=http://a:9100, http://a:9100/metrics\n")
        << QStringList { QStringLiteral("\"http://a:9100/metrics\" is listed twice") };
    QTest::newRow("token in another type")
        << QStringLiteral("[source.x]\ntype=local\ntoken=abc\n")
        << QStringList { QStringLiteral("[source.x] token: a token must not be written"),
                         QStringLiteral("type local takes none") };
}

void TestConfig::errors()
{
    QFETCH(QString, ini);
    QFETCH(QStringList, fragments);
    const QString path = writeIni(ini);
    QString error;
    QVERIFY(!Config::load(path, &error).has_value());
    QVERIFY2(error.startsWith(path), qPrintable(error));
    for (const QString &fragment : std::as_const(fragments))
        QVERIFY2(error.contains(path + fragment) || error.contains(fragment),
                 qPrintable(QStringLiteral("missing <%1> in: %2").arg(fragment, error)));
    // A message that names a line names it right after the file.
    for (const QString &fragment : std::as_const(fragments)) {
        if (fragment.startsWith(QLatin1Char(':')))
            QVERIFY2(error.contains(path + fragment), qPrintable(error));
    }
}

void TestConfig::secretsAreNeverEchoed_data()
{
    QTest::addColumn<QString>("ini");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QStringList>("fragments");

    const QString token = QStringLiteral("dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    QTest::newRow("token key") << QStringLiteral("[source.do]\ntype=digitalocean\ntoken=%1\n").arg(token) << token
                               << QStringList { QStringLiteral(":3: [source.do] token"),
                                                QStringLiteral("must not be written into the configuration file"),
                                                QStringLiteral(
                                                    "environment variable named by token_env (DIGITALOCEAN_TOKEN)"),
                                                QStringLiteral("system keyring") };
    QTest::newRow("listen token pasted as token_env")
        << QStringLiteral("[listen]\ntoken_env=%1\n").arg(token) << token
        << QStringList { QStringLiteral(":2: [listen] token_env"), QStringLiteral("looks like a token itself") };
    QTest::newRow("listen token pasted as token_file")
        << QStringLiteral("[listen]\ntoken_file=%1\n").arg(token) << token
        << QStringList { QStringLiteral(":2: [listen] token_file"), QStringLiteral("not an absolute path") };
    QTest::newRow("token key with token_env")
        << QStringLiteral("[source.do]\ntype=digitalocean\ntoken_env=DO_PROD\ntoken=%1\n").arg(token) << token
        << QStringList { QStringLiteral("token_env (DO_PROD)") };
    QTest::newRow("token key with a comma")
        << QStringLiteral("[source.do]\ntype=digitalocean\ntoken=abc,def\n") << QStringLiteral("abc")
        << QStringList { QStringLiteral("[source.do] token") };
    QTest::newRow("token as token_env") << QStringLiteral("[source.do]\ntype=digitalocean\ntoken_env=%1\n").arg(token)
                                        << token
                                        << QStringList { QStringLiteral("[source.do] token_env"),
                                                         QStringLiteral("looks like a token itself"),
                                                         QStringLiteral("DIGITALOCEAN_TOKEN") };
    QTest::newRow("hex token as token_env")
        << QStringLiteral("[source.do]\ntype=digitalocean\ntoken_env=0123456789abcdef0123456789abcdef01234567\n")
        << QStringLiteral("0123456789abcdef") << QStringList { QStringLiteral("looks like a token") };
    QTest::newRow("junk token_env") << QStringLiteral("[source.do]\ntype=digitalocean\ntoken_env=se cret!\n")
                                    << QStringLiteral("se cret") << QStringList { QStringLiteral("(not shown)") };
    QTest::newRow("token_env with a comma")
        << QStringLiteral("[source.do]\ntype=digitalocean\ntoken_env=sec,ret\n") << QStringLiteral("sec")
        << QStringList { QStringLiteral("contains a comma") };
    QTest::newRow("database password") << QStringLiteral("[storage]\nurl=postgresql://ops:hunter2@db:0/m\n")
                                       << QStringLiteral("hunter2")
                                       << QStringList { QStringLiteral("postgresql://ops:***@db:0/m") };
    QTest::newRow("credentials in api_url")
        << QStringLiteral("[source.do]\ntype=digitalocean\napi_url=https://me:hunter2@proxy.example\n")
        << QStringLiteral("hunter2") << QStringList { QStringLiteral("me:***@"), QStringLiteral("credentials") };
    QTest::newRow("slash in api_url password")
        << QStringLiteral("[source.do]\ntype=digitalocean\napi_url=https://me:hun/ter2@proxy.example\n")
        << QStringLiteral("ter2") << QStringList { QStringLiteral("me:***@") };
    QTest::newRow("credentials in a target")
        << QStringLiteral("[source.n]\ntype=node_exporter\ntargets=http://me:hunter2@a:9100/metrics\n")
        << QStringLiteral("hunter2") << QStringList { QStringLiteral("credentials") };
    QTest::newRow("stray secret line") << QStringLiteral("[source.do]\ntype=digitalocean\n%1\n").arg(token) << token
                                       << QStringList { QStringLiteral(":3: this line is not a key=value") };
}

void TestConfig::secretsAreNeverEchoed()
{
    QFETCH(QString, ini);
    QFETCH(QString, secret);
    QFETCH(QStringList, fragments);
    QString error;
    QVERIFY(!Config::load(writeIni(ini), &error).has_value());
    QVERIFY2(!error.contains(secret), qPrintable(error));
    for (const QString &fragment : std::as_const(fragments))
        QVERIFY2(error.contains(fragment), qPrintable(QStringLiteral("missing <%1> in: %2").arg(fragment, error)));
}

void TestConfig::allErrorsAtOnceInFileOrder()
{
    const QString path = writeIni(QStringLiteral("[sync]\n"
                                                 "interval=5s\n"
                                                 "[alerts]\n"
                                                 "cpu.warning=200\n"
                                                 "[storage]\n"
                                                 "retention_days=0\n"));
    QString error;
    QVERIFY(!Config::load(path, &error).has_value());
    const QStringList lines = error.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(path + QStringLiteral(":2: [sync] interval")), qPrintable(error));
    QVERIFY2(lines.at(1).startsWith(path + QStringLiteral(":4: [alerts] cpu.warning")), qPrintable(error));
    QVERIFY2(lines.at(2).startsWith(path + QStringLiteral(":6: [storage] retention_days")), qPrintable(error));
}

void TestConfig::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("does-not-exist.ini"));
    QString error;
    QVERIFY(!Config::load(path, &error).has_value());
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("not found")), qPrintable(error));

    QVERIFY(!Config::load(QString(), &error).has_value());
    QVERIFY(!error.isEmpty());
}

void TestConfig::directory()
{
    QString error;
    QVERIFY(!Config::load(m_dir.path(), &error).has_value());
    QVERIFY2(error.contains(m_dir.path()), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("directory")), qPrintable(error));
}

void TestConfig::unreadableFile()
{
    const QString path = writeIni(QStringLiteral("[sync]\ninterval=1h\n"));
    QFile::setPermissions(path, QFileDevice::Permissions());
    QFile probe(path);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("running with privileges that read any file");
    QString error;
    QVERIFY(!Config::load(path, &error).has_value());
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("cannot read")), qPrintable(error));
}

void TestConfig::notAnIniFile()
{
    const QString path = writeIni(QStringLiteral("[sync\ninterval=1h\n"));
    QString error;
    QVERIFY(!Config::load(path, &error).has_value());
    QVERIFY2(error.contains(path + QStringLiteral(":1: the section header has no closing ']'")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("not a valid INI file")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
