#include "config/config.h"
#include "config/configwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

class TestConfigWriter : public QObject
{
    Q_OBJECT

private slots:
    void escapeValue_data();
    void escapeValue();
    void roundTrip_data();
    void roundTrip();
    void newFileInNewFolder();
    void everyFieldReadsBack();
    void keepsCommentsSpellingAndOrder();
    void changedKeyRewrittenInPlace();
    void sourcesAddedRemovedReordered();
    void typeChangeDropsForeignKeys();
    void tokenNeverWritten();
    void tokenLineInBrokenFileIsDropped();
    void modeIsNarrowedTo0600();
    void refusesWhatWouldNotLoad();
    void crlfAndByteOrderMarkKept();
    void symlinkStaysALink();
    void checkValueMatchesLoader_data();
    void checkValueMatchesLoader();
    void checkValueNormalises_data();
    void checkValueNormalises();
    void sourceNames_data();
    void sourceNames();

private:
    QString writeText(const QString &text, const QString &name = QString());
    static QString read(const QString &path);
    static Config loadOk(const QString &path);

    QTemporaryDir m_dir;
    int m_files = 0;
};

namespace {

const QString DesignExample = QStringLiteral(R"([storage]
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
)");

SourceConfig source(const QString &name, const QString &type, const QMap<QString, QString> &options = {})
{
    SourceConfig s;
    s.name = name;
    s.type = type;
    s.options = options;
    return s;
}

QStringList namesOf(const Config &config)
{
    QStringList names;
    for (const SourceConfig &s : config.sources)
        names << s.name;
    return names;
}

} // namespace

QString TestConfigWriter::writeText(const QString &text, const QString &name)
{
    const QString path = m_dir.filePath(name.isEmpty() ? QStringLiteral("c%1.ini").arg(++m_files) : name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text.toUtf8());
    return path;
}

QString TestConfigWriter::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

Config TestConfigWriter::loadOk(const QString &path)
{
    QString error;
    const std::optional<Config> config = Config::load(path, &error);
    if (!config)
        qWarning("load failed: %s", qPrintable(error));
    return config.value_or(Config());
}

void TestConfigWriter::escapeValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << QStringLiteral("sqlite:///var/lib/opsdeck/opsdeck.db");
    QTest::newRow("empty") << QString();
    QTest::newRow("comma") << QStringLiteral("postgresql://ops:a,b@db:5432/x");
    QTest::newRow("semicolon") << QStringLiteral("postgresql://ops:a;b@db:5432/x");
    QTest::newRow("equals") << QStringLiteral("a=b");
    QTest::newRow("quotes") << QStringLiteral("say \"hi\"");
    QTest::newRow("backslashes") << QStringLiteral("C:\\path\\x\\");
    QTest::newRow("leading at") << QStringLiteral("@ByteArray(not really)");
    QTest::newRow("leading and trailing spaces") << QStringLiteral("  padded  ");
    QTest::newRow("hash") << QStringLiteral("#not-a-comment");
    QTest::newRow("control characters") << QStringLiteral("a\tb\nc\rd") + QChar(1) + QStringLiteral("f9");
    QTest::newRow("unicode") << QStringLiteral("pässwörd→✓");
    QTest::newRow("percent") << QStringLiteral("p%40ss%2Fword");
}

void TestConfigWriter::escapeValue()
{
    QFETCH(QString, value);
    const QString path = writeText(QStringLiteral("[s]\nk=") + ConfigWriter::escapeValue(value) + QLatin1Char('\n'));
    QSettings settings(path, QSettings::IniFormat);
    const QVariant read = settings.value(QStringLiteral("s/k"));
    QCOMPARE(read.typeId(), int(QMetaType::QString));
    QCOMPARE(read.toString(), value);
}

void TestConfigWriter::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("design example") << DesignExample;
    QTest::newRow("empty file") << QString();
    QTest::newRow("only a comment") << QStringLiteral("; nothing yet\n");
    QTest::newRow("query and listen") << QStringLiteral(
        "[query]\ncache_ttl=10m\nslow_ms=50\ncritical_ms=400\n[listen]\ntoken_env=LISTEN_TOKEN\n"
        "requests_per_minute=30\n[source.l]\ntype=local\nenabled=no\n");
    QTest::newRow("postgres with a tricky password")
        << QStringLiteral("[storage]\nurl=\"postgresql://ops:p,a;s=s@db.example:5432/metrics?sslmode=require\"\n");
}

void TestConfigWriter::roundTrip()
{
    QFETCH(QString, text);
    const QString path = writeText(text);
    const Config before
        = text.trimmed().isEmpty() || text.startsWith(QLatin1Char(';')) ? Config::defaults() : loadOk(path);
    QVERIFY(!before.sources.isEmpty());

    // Unchanged settings: the file stays byte for byte what it was (a new file gets the settings, once).
    QString error;
    QVERIFY2(ConfigWriter::write(before, path, &error), qPrintable(error));
    if (!text.trimmed().isEmpty() && !text.startsWith(QLatin1Char(';')))
        QCOMPARE(read(path), text);
    const Config again = loadOk(path);
    QVERIFY(ConfigWriter::sameSettings(again, before));

    // Every kind of change reads back.
    Config changed = before;
    changed.retentionDays = 90;
    changed.syncIntervalSeconds = 3600;
    changed.storageUrl = QStringLiteral("postgresql://ops:se,cr;et\"@db.example:5432/metrics");
    changed.sources.first().enabled = !changed.sources.first().enabled;
    changed.sources.first().intervalSeconds = 45;
    QVERIFY2(ConfigWriter::write(changed, path, &error), qPrintable(error));
    const Config reread = loadOk(path);
    QVERIFY(ConfigWriter::sameSettings(reread, changed));
    QCOMPARE(reread.retentionDays, 90);
    QCOMPARE(reread.syncIntervalSeconds, qint64(3600));
    QCOMPARE(reread.storageUrl, changed.storageUrl);
    QCOMPARE(reread.sources.first().intervalSeconds, qint64(45));
}

void TestConfigWriter::newFileInNewFolder()
{
    const QString path = m_dir.filePath(QStringLiteral("fresh/opsdeck/opsdeck.ini"));
    QString error;
    QVERIFY2(ConfigWriter::write(Config::defaults(), path, &error), qPrintable(error));
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    QCOMPARE(::stat(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0700));
    const Config config = loadOk(path);
    QCOMPARE(namesOf(config), QStringList { QStringLiteral("local") });
    // Says where tokens go, for whoever opens it in an editor.
    QVERIFY(read(path).startsWith(QLatin1String("; OpsDeck settings")));
    QVERIFY(read(path).contains(QLatin1String("[source.local]\ntype=local\n")));
}

void TestConfigWriter::everyFieldReadsBack()
{
    Config config;
    config.storageUrl = QStringLiteral("sqlite:///tmp/x y/ops.db");
    config.retentionDays = 7;
    config.syncIntervalSeconds = 600;
    config.alerts.thresholds[Metric::Cpu] = { 70.5, 95 };
    config.alerts.thresholds[Metric::Disk] = { 60, 85 };
    config.alerts.forSeconds = 0;
    config.alerts.clearMargin = 2.5;
    config.query.cacheTtlSeconds = 90;
    config.query.cacheSizeMb = 128;
    config.query.slowMs = 20;
    config.query.criticalMs = 200;
    config.listen.tokenFile = QStringLiteral("/etc/opsdeck/listen.token");
    config.listen.requestsPerMinute = 10;
    SourceConfig local = source(QStringLiteral("here"), QStringLiteral("local"));
    local.intervalSeconds = 60;
    SourceConfig digitalocean = source(QStringLiteral("do-prod"), QStringLiteral("digitalocean"),
                                       { { QStringLiteral("api_url"), QStringLiteral("http://127.0.0.1:8080") },
                                         { QStringLiteral("token_env"), QStringLiteral("DO_PROD_TOKEN") },
                                         { QStringLiteral("requests_per_minute"), QStringLiteral("100") },
                                         { QStringLiteral("requests_per_hour"), QStringLiteral("2000") },
                                         { QStringLiteral("backfill"), QStringLiteral("7d") },
                                         { QStringLiteral("backfill_seconds"), QStringLiteral("604800") } });
    digitalocean.intervalSeconds = 900;
    digitalocean.enabled = false;
    SourceConfig prometheus = source(QStringLiteral("prom"), QStringLiteral("prometheus"),
                                     { { QStringLiteral("url"), QStringLiteral("https://prom.example:9090/sub") } });
    prometheus.intervalSeconds = 600;
    SourceConfig nodes = source(
        QStringLiteral("nodes"), QStringLiteral("node_exporter"),
        { { QStringLiteral("targets"), QStringLiteral("http://10.0.0.5:9100/metrics,http://10.0.0.6:9100/metrics") } });
    nodes.intervalSeconds = 30;
    config.sources = { local, digitalocean, prometheus, nodes };

    const QString path = m_dir.filePath(QStringLiteral("every.ini"));
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    const Config reread = loadOk(path);
    QVERIFY2(ConfigWriter::sameSettings(reread, config), qPrintable(read(path)));
    QCOMPARE(reread.alerts.thresholds.value(Metric::Cpu).warning, 70.5);
    QCOMPARE(reread.alerts.clearMargin, 2.5);
    QCOMPARE(reread.query.cacheSizeMb, qint64(128));
    QCOMPARE(reread.listen.tokenFile, config.listen.tokenFile);
    const SourceConfig *d = reread.source(QStringLiteral("do-prod"));
    QVERIFY(d);
    QCOMPARE(d->options, digitalocean.options);
    QCOMPARE(d->enabled, false);
    QCOMPARE(reread.source(QStringLiteral("nodes"))->options.value(QStringLiteral("targets")),
             nodes.options.value(QStringLiteral("targets")));
    // Defaults stay out of a new file: a later change of a default reaches it.
    const QString text = read(path);
    QVERIFY(!text.contains(QLatin1String("memory.warning")));
    QVERIFY2(!text.contains(QLatin1String("[source.here]\ntype=local\ninterval")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("targets=http://10.0.0.5:9100/metrics, http://10.0.0.6:9100/metrics")));
}

void TestConfigWriter::keepsCommentsSpellingAndOrder()
{
    const QString text = QStringLiteral("# OpsDeck on the ops box\n"
                                        "; edited by hand\n"
                                        "[source.zeta]\n"
                                        "type=local ; this machine\n"
                                        "# interval=5m  (tried, too noisy)\n"
                                        "\n"
                                        "[sync]\n"
                                        "interval=90m\n"
                                        "\n"
                                        "[source.alpha]\n"
                                        "type=prometheus\n"
                                        "url=http://127.0.0.1:9090\n");
    const QString path = writeText(text);
    Config config = loadOk(path);
    QCOMPARE(namesOf(config), (QStringList { QStringLiteral("zeta"), QStringLiteral("alpha") }));
    config.retentionDays = 60;
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    const QString written = read(path);
    // The comments, "90m" and the section order are the user's; the new key lands in a new [storage] section
    // before the sources.
    QCOMPARE(written,
             QStringLiteral("# OpsDeck on the ops box\n"
                            "; edited by hand\n"
                            "\n"
                            "[storage]\n"
                            "retention_days=60\n"
                            "\n"
                            "[source.zeta]\n"
                            "type=local ; this machine\n"
                            "# interval=5m  (tried, too noisy)\n"
                            "\n"
                            "[sync]\n"
                            "interval=90m\n"
                            "\n"
                            "[source.alpha]\n"
                            "type=prometheus\n"
                            "url=http://127.0.0.1:9090\n"));
    QCOMPARE(namesOf(loadOk(path)), (QStringList { QStringLiteral("zeta"), QStringLiteral("alpha") }));
}

void TestConfigWriter::changedKeyRewrittenInPlace()
{
    const QString path = writeText(DesignExample);
    Config config = loadOk(path);
    // Sources without their own interval follow [sync] (as the dialog keeps them).
    for (SourceConfig &s : config.sources) {
        if (s.intervalSeconds == config.syncIntervalSeconds)
            s.intervalSeconds = 15 * 60;
    }
    config.syncIntervalSeconds = 15 * 60;
    for (SourceConfig &s : config.sources) {
        if (s.name == QLatin1String("prom"))
            s.options[QStringLiteral("url")] = QStringLiteral("http://prom.internal:9090");
    }
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    QString expected = DesignExample;
    expected.replace(QLatin1String("[sync]\ninterval=30m\n"), QLatin1String("[sync]\ninterval=15m\n"));
    expected.replace(QLatin1String("url=http://127.0.0.1:9090"), QLatin1String("url=http://prom.internal:9090"));
    QCOMPARE(read(path), expected);
}

void TestConfigWriter::sourcesAddedRemovedReordered()
{
    const QString path = writeText(DesignExample);
    Config config = loadOk(path);
    // Remove "nodes", add "edge", and put "prom" first.
    config.sources.removeIf([](const SourceConfig &s) { return s.name == QLatin1String("nodes"); });
    SourceConfig edge = source(QStringLiteral("edge"), QStringLiteral("node_exporter"),
                               { { QStringLiteral("targets"), QStringLiteral("http://10.1.0.1:9100/metrics") } });
    edge.intervalSeconds = config.syncIntervalSeconds;
    config.sources.append(edge);
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    QCOMPARE(namesOf(loadOk(path)),
             (QStringList { QStringLiteral("local"), QStringLiteral("do"), QStringLiteral("prom"),
                            QStringLiteral("edge") }));
    QVERIFY(!read(path).contains(QLatin1String("[source.nodes]")));
    QVERIFY(read(path).endsWith(QLatin1String("\n\n[source.edge]\ntype=node_exporter\n"
                                              "targets=http://10.1.0.1:9100/metrics\n")));

    const SourceConfig prom = *config.source(QStringLiteral("prom"));
    config.sources.removeIf([](const SourceConfig &s) { return s.name == QLatin1String("prom"); });
    config.sources.prepend(prom);
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    QCOMPARE(namesOf(loadOk(path)),
             (QStringList { QStringLiteral("prom"), QStringLiteral("local"), QStringLiteral("do"),
                            QStringLiteral("edge") }));
    // Moved with its comments.
    QVERIFY(read(path).contains(QLatin1String("token_env=DIGITALOCEAN_TOKEN                 ; env var holding")));
}

void TestConfigWriter::typeChangeDropsForeignKeys()
{
    const QString path = writeText(QStringLiteral("[source.x]\ntype=prometheus\nurl=http://127.0.0.1:9090\n"));
    Config config = loadOk(path);
    config.sources[0].type = QStringLiteral("node_exporter");
    config.sources[0].options = { { QStringLiteral("targets"), QStringLiteral("http://127.0.0.1:9100/metrics") } };
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    QCOMPARE(read(path), QStringLiteral("[source.x]\ntype=node_exporter\ntargets=http://127.0.0.1:9100/metrics\n"));
}

void TestConfigWriter::tokenNeverWritten()
{
    const QByteArray secret = "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";
    Config config = Config::defaults();
    SourceConfig digitalocean = source(QStringLiteral("do"), QStringLiteral("digitalocean"));
    digitalocean.intervalSeconds = config.syncIntervalSeconds;
    digitalocean.token = QString::fromLatin1(secret);
    config.sources.append(digitalocean);
    const QString path = m_dir.filePath(QStringLiteral("token.ini"));
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains(secret));
    QVERIFY(!bytes.contains("token="));
    const Config reread = loadOk(path);
    QVERIFY(reread.source(QStringLiteral("do")));
    QVERIFY(reread.source(QStringLiteral("do"))->token.isEmpty());
    // Tokens are not settings: a config that differs only in its token is the same file.
    QVERIFY(ConfigWriter::sameSettings(reread, config));
}

void TestConfigWriter::tokenLineInBrokenFileIsDropped()
{
    // A token pasted by hand makes the file unloadable; saving from the dialog repairs it and keeps no secret.
    const QString path = writeText(QStringLiteral("[source.do]\ntype=digitalocean\ntoken=dop_v1_pasted\n"));
    QVERIFY(!Config::load(path, nullptr));
    Config config;
    SourceConfig digitalocean = source(QStringLiteral("do"), QStringLiteral("digitalocean"));
    digitalocean.intervalSeconds = config.syncIntervalSeconds;
    config.sources = { digitalocean };
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    QVERIFY(!read(path).contains(QLatin1String("dop_v1_pasted")));
    QVERIFY(ConfigWriter::sameSettings(loadOk(path), config));
}

void TestConfigWriter::modeIsNarrowedTo0600()
{
    const QString path = writeText(DesignExample);
    QVERIFY(QFile::setPermissions(
        path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    Config config = loadOk(path);
    config.storageUrl = QStringLiteral("postgresql://ops:secret@db:5432/metrics");
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
}

void TestConfigWriter::refusesWhatWouldNotLoad()
{
    const QString path = writeText(DesignExample);
    Config config = loadOk(path);
    config.sources.append(source(QStringLiteral("bad name"), QStringLiteral("local")));
    QString error;
    QVERIFY(!ConfigWriter::write(config, path, &error));
    QVERIFY2(error.contains(QLatin1String("was not changed")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("invalid source name")), qPrintable(error));
    QCOMPARE(read(path), DesignExample);

    QVERIFY(!ConfigWriter::write(Config::defaults(), m_dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("is a directory")), qPrintable(error));
}

void TestConfigWriter::crlfAndByteOrderMarkKept()
{
    const QString text = QChar(0xfeff) + QStringLiteral("[sync]\r\ninterval=30m\r\n[source.l]\r\ntype=local\r\n");
    const QString path = writeText(text);
    Config config = loadOk(path);
    config.syncIntervalSeconds = 120;
    QString error;
    QVERIFY2(ConfigWriter::write(config, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("\xef\xbb\xbf[sync]\r\ninterval=2m\r\n[source.l]\r\ntype=local\r\n"));
}

void TestConfigWriter::symlinkStaysALink()
{
    const QString real = writeText(DesignExample, QStringLiteral("real.ini"));
    const QString link = m_dir.filePath(QStringLiteral("link.ini"));
    QVERIFY(QFile::link(real, link));
    Config config = loadOk(link);
    config.retentionDays = 10;
    QString error;
    QVERIFY2(ConfigWriter::write(config, link, &error), qPrintable(error));
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(loadOk(real).retentionDays, 10);
}

void TestConfigWriter::checkValueMatchesLoader_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // a part of the problem

    const QString local = QStringLiteral("local");
    const QString digitalocean = QStringLiteral("digitalocean");
    QTest::newRow("interval no unit") << "source.x" << local << "interval"
                                      << "5x"
                                      << "invalid duration \"5x\"";
    QTest::newRow("interval too short") << "source.x" << local << "interval"
                                        << "5s"
                                        << "\"5s\" is too short";
    QTest::newRow("sync interval bare") << "sync" << QString() << "interval"
                                        << "30"
                                        << "invalid duration \"30\"";
    QTest::newRow("retention 0") << "storage" << QString() << "retention_days"
                                 << "0"
                                 << "\"0\" is not allowed; expected a whole number from 1 to 3650";
    QTest::newRow("retention text") << "storage" << QString() << "retention_days"
                                    << "thirty"
                                    << "\"thirty\" is not allowed";
    QTest::newRow("storage scheme") << "storage" << QString() << "url"
                                    << "mysql://x/y"
                                    << "mysql://x/y";
    QTest::newRow("api_url not http") << "source.x" << digitalocean << "api_url"
                                      << "ftp://example.com"
                                      << "is not an http:// or https:// URL with a host";
    QTest::newRow("api_url credentials") << "source.x" << digitalocean << "api_url"
                                         << "https://u:p@example.com"
                                         << "credentials do not belong";
    QTest::newRow("per minute above") << "source.x" << digitalocean << "requests_per_minute"
                                      << "300"
                                      << "expected a whole number from 1 to 250";
    QTest::newRow("per hour zero") << "source.x" << digitalocean << "requests_per_hour"
                                   << "0"
                                   << "expected a whole number from 1 to 5000";
    QTest::newRow("backfill too long") << "source.x" << digitalocean << "backfill"
                                       << "60d"
                                       << "is too long";
    QTest::newRow("token pasted as env") << "source.x" << digitalocean << "token_env"
                                         << "dop_v1_0123456789abcdef0123456789abcdef"
                                         << "looks like a token itself (not shown)";
    QTest::newRow("env name with dash") << "source.x" << digitalocean << "token_env"
                                        << "DO-TOKEN"
                                        << "is not allowed; expected the name of an environment variable";
    QTest::newRow("prometheus url") << "source.x"
                                    << "prometheus"
                                    << "url"
                                    << "127.0.0.1:9090"
                                    << "is not an http:// or https:// URL with a host";
    QTest::newRow("target twice") << "source.x"
                                  << "node_exporter"
                                  << "targets"
                                  << "http://a:9100/metrics, http://a:9100"
                                  << "is listed twice";
    QTest::newRow("target not a url") << "source.x"
                                      << "node_exporter"
                                      << "targets"
                                      << "a:9100"
                                      << "is not an http:// or https:// URL";
    QTest::newRow("enabled") << "source.x" << local << "enabled"
                             << "maybe"
                             << "expected true, false, yes, no, 1 or 0";
}

// The dialog's message is the loader's, word for word, without the "FILE:LINE: [section] key: " in front.
void TestConfigWriter::checkValueMatchesLoader()
{
    QFETCH(QString, section);
    QFETCH(QString, type);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QString problem;
    QVERIFY(!Config::checkValue(section, key, value, &problem, type));
    QVERIFY2(problem.contains(expected), qPrintable(problem));
    QVERIFY2(!problem.contains(QLatin1String("dop_v1_")), qPrintable(problem));

    QString text = QLatin1Char('[') + section + QLatin1String("]\n");
    if (!type.isEmpty())
        text += QLatin1String("type=") + type + QLatin1Char('\n');
    if (type == QLatin1String("prometheus") && key != QLatin1String("url"))
        text += QLatin1String("url=http://127.0.0.1:9090\n");
    text += key + QLatin1Char('=') + ConfigWriter::escapeValue(value) + QLatin1Char('\n');
    QString loadError;
    QVERIFY(!Config::load(writeText(text), &loadError));
    QVERIFY2(loadError.endsWith(QLatin1String("] ") + key + QLatin1String(": ") + problem),
             qPrintable(loadError + QLatin1String("\n--- dialog: ") + problem));
}

void TestConfigWriter::checkValueNormalises_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("duration") << "source.x"
                              << "local"
                              << "interval"
                              << " 1h30m "
                              << "5400";
    QTest::newRow("boolean") << "source.x"
                             << "local"
                             << "enabled"
                             << "No"
                             << "false";
    QTest::newRow("url slash") << "source.x"
                               << "digitalocean"
                               << "api_url"
                               << "HTTP://Example.COM:8080/"
                               << "http://example.com:8080";
    QTest::newRow("targets") << "source.x"
                             << "node_exporter"
                             << "targets"
                             << "http://a:9100  http://b:9100/m"
                             << "http://a:9100/metrics,http://b:9100/m";
    QTest::newRow("storage") << "storage"
                             << ""
                             << "url"
                             << "sqlite:///tmp/x.db"
                             << "sqlite:///tmp/x.db";
}

void TestConfigWriter::checkValueNormalises()
{
    QFETCH(QString, section);
    QFETCH(QString, type);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, normalised);
    QString problem;
    const std::optional<QString> result = Config::checkValue(section, key, value, &problem, type);
    QVERIFY2(result, qPrintable(problem));
    QCOMPARE(*result, normalised);
}

void TestConfigWriter::sourceNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ok") << "do-prod_2" << QString();
    QTest::newRow("empty") << ""
                           << "a name is required";
    QTest::newRow("space") << "do prod"
                           << "invalid source name \"do prod\"";
    QTest::newRow("dot") << "do.prod"
                         << "invalid source name";
    QTest::newRow("too long") << QString(65, QLatin1Char('a')) << "invalid source name";
}

void TestConfigWriter::sourceNames()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QString problem;
    QCOMPARE(Config::checkSourceName(name, &problem), expected.isEmpty());
    QVERIFY2(problem.contains(expected), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestConfigWriter)
#include "tst_configwriter.moc"
