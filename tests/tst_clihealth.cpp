// The real opsdeck binary's health verbs: `--health [--json]` and the /health and /metrics endpoint of
// `--sync --watch --listen`, on SQLite and (with OPSDECK_TEST_PG_URL) PostgreSQL. /metrics is checked by
// Prometheus's own promtool when it is installed.

#include "clitestsupport.h"
#include "localserversupport.h"
#include "storagetestsupport.h"
#include "storage/schema.h"

#include <QDir>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

namespace {

constexpr int TimeoutMs = 60000;
const QByteArray Token = "s3cr3t-listen-token-7f1c";

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray retryAfter;
    QByteArray wwwAuthenticate;
};

HttpResult get(QNetworkAccessManager &network, const QString &url, const QByteArray &authorization = {})
{
    QNetworkRequest request { QUrl(url) };
    request.setTransferTimeout(5000);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.contentType = reply->rawHeader("Content-Type");
    r.retryAfter = reply->rawHeader("Retry-After");
    r.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
    reply->deleteLater();
    return r;
}

// The value of one sample line of the exposition text ("name{labels} value"), or -1 when absent.
double metricValue(const QByteArray &text, const QByteArray &series)
{
    const QByteArray prefix = series + ' ';
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toDouble();
    }
    return -1;
}

} // namespace

class tst_CliHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void healthJsonAfterSync_data() { TestDatabases::addBackendRows(); }
    void healthJsonAfterSync();
    void healthTextAfterSync();
    void healthWithoutCacheIsDegradedAndCreatesNothing();
    void healthDegradedWhenASourceFails();
    void healthNarrowsToSelectedSources();

    void listenServesHealthAndMetrics_data() { TestDatabases::addBackendRows(); }
    void listenServesHealthAndMetrics();
    void listenOffLoopbackWithoutTokenIsRefused();
    void listenWithTokenRequiresIt();
    void listenTokenFromFile();
    void listenTokenEnvUnsetIsAConfigError();
    void listenPortInUseIsAClearError();

private:
    Result run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = TimeoutMs) const
    {
        return runProgram(m_binary, args, env, m_dir->path(), timeoutMs);
    }
    Result run(const QStringList &args) const { return run(args, m_env); }
    QString path(const QString &relative) const { return m_dir->filePath(relative); }
    QString writeConfig(const QString &text);
    // Starts opsdeck --sync --watch --listen 127.0.0.1:port and waits until /health answers.
    std::unique_ptr<QProcess> startWatch(const QStringList &extra, const QString &host, quint16 *port,
                                         const QByteArray &authorization = {});
    static int terminate(QProcess &process);

    QString m_binary = QStringLiteral(OPSDECK_BINARY);
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env;
    QStringList m_dbArgs;
    std::unique_ptr<TestDatabases> m_databases;
    QNetworkAccessManager m_network;
};

void tst_CliHealth::initTestCase()
{
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
}

void tst_CliHealth::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_databases = std::make_unique<TestDatabases>("clihealth");
    m_env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "OPSDECK_CONFIG", "OPSDECK_DB", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS" })
        m_env.remove(QLatin1String(name));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    m_env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
    m_dbArgs.clear();
}

void tst_CliHealth::cleanup()
{
    m_databases.reset();
    m_dir.reset();
}

QString tst_CliHealth::writeConfig(const QString &text)
{
    const QString file = path(QStringLiteral("opsdeck.ini"));
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text.toUtf8());
    return file;
}

std::unique_ptr<QProcess> tst_CliHealth::startWatch(const QStringList &extra, const QString &host, quint16 *port,
                                                    const QByteArray &authorization)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 candidate = freePort();
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(m_env);
        process->setWorkingDirectory(m_dir->path());
        process->start(m_binary,
                       QStringList { QStringLiteral("--sync"), QStringLiteral("--watch"), QStringLiteral("--listen"),
                                     QStringLiteral("%1:%2").arg(host).arg(candidate) }
                           + m_dbArgs + extra);
        if (!process->waitForStarted(5000))
            continue;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 20000 && process->state() == QProcess::Running) {
            const HttpResult r
                = get(m_network, QStringLiteral("http://127.0.0.1:%1/health").arg(candidate), authorization);
            if (r.status == 200) {
                *port = candidate;
                return process;
            }
            QTest::qWait(150);
        }
        if (process->state() == QProcess::Running) {
            process->kill();
            process->waitForFinished(5000);
        } else if (!process->readAllStandardError().contains("in use")) {
            return nullptr; // it refused to start for another reason: let the caller see it
        }
    }
    return nullptr;
}

int tst_CliHealth::terminate(QProcess &process)
{
    ::kill(pid_t(process.processId()), SIGTERM);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void tst_CliHealth::healthJsonAfterSync()
{
    QFETCH(QString, backend);
    if (TestDatabases::skipUnavailable(backend))
        QSKIP("OPSDECK_TEST_PG_URL is not set (scripts/test.sh starts a scratch PostgreSQL)");
    const QString url = m_databases->freshUrl(backend);
    QVERIFY(!url.isEmpty());
    m_dbArgs = { QStringLiteral("--db"), url };

    const Result sync = run(QStringList { QStringLiteral("--sync") } + m_dbArgs);
    QVERIFY2(sync.code() == 0, sync.describe());
    const Result health = run(QStringList { QStringLiteral("--health"), QStringLiteral("--json") } + m_dbArgs);
    QVERIFY2(health.code() == 0, health.describe());
    const QJsonObject o = health.json();
    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    QVERIFY(isIsoUtcSeconds(o.value(QLatin1String("generated_at")).toString()));
    QVERIFY(o.value(QLatin1String("uptime_seconds")).isDouble());
    QVERIFY(o.value(QLatin1String("problems")).toArray().isEmpty());

    const QJsonObject db = o.value(QLatin1String("database")).toObject();
    QCOMPARE(db.value(QLatin1String("engine")).toString(), backend);
    QCOMPARE(db.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(db.value(QLatin1String("schema_version")).toInt(), Schema::CurrentVersion);
    QCOMPARE(db.value(QLatin1String("resources")).toInt(), 1);
    QVERIFY(db.value(QLatin1String("size_bytes")).toDouble() > 0);

    const QJsonArray sources = o.value(QLatin1String("sources")).toArray();
    QCOMPARE(sources.size(), 1);
    const QJsonObject local = sources.at(0).toObject();
    QCOMPARE(local.value(QLatin1String("name")).toString(), QStringLiteral("local"));
    QCOMPARE(local.value(QLatin1String("healthy")).toBool(), true);
    QCOMPARE(local.value(QLatin1String("last_status")).toString(), QStringLiteral("ok"));
    QVERIFY(isIsoUtcSeconds(local.value(QLatin1String("last_sync_at")).toString()));
    QVERIFY(local.value(QLatin1String("age_seconds")).toDouble() >= 0);
    QCOMPARE(local.value(QLatin1String("runs_24h")).toInt(), 1);
    QCOMPARE(local.value(QLatin1String("success_rate_24h")).toDouble(), 1.0);

    // The health read itself is a tracked query.
    bool tracked = false;
    for (const QJsonValue &q : o.value(QLatin1String("queries")).toArray()) {
        const QJsonObject query = q.toObject();
        if (query.value(QLatin1String("name")).toString() != QLatin1String("sync_health"))
            continue;
        tracked = true;
        QCOMPARE(query.value(QLatin1String("count")).toInt(), 1);
        QVERIFY(query.value(QLatin1String("p50_ms")).toDouble() > 0);
        QVERIFY(query.value(QLatin1String("p99_ms")).toDouble() >= query.value(QLatin1String("p50_ms")).toDouble());
        QVERIFY(QStringList({ QStringLiteral("EXCELLENT"), QStringLiteral("GOOD"), QStringLiteral("SLOW"),
                              QStringLiteral("CRITICAL") })
                    .contains(query.value(QLatin1String("rating")).toString()));
    }
    QVERIFY2(tracked, health.out.constData());
    const QJsonObject cache = o.value(QLatin1String("cache")).toObject();
    for (const char *key : { "hits", "misses", "evictions", "entries", "bytes", "hit_rate", "ttl_seconds" })
        QVERIFY2(cache.contains(QLatin1String(key)), key);
    QCOMPARE(cache.value(QLatin1String("ttl_seconds")).toDouble(), 300.0);
}

void tst_CliHealth::healthTextAfterSync()
{
    QVERIFY2(run({ QStringLiteral("--sync") }).code() == 0, "sync");
    const Result health = run({ QStringLiteral("--health") });
    QVERIFY2(health.code() == 0, health.describe());
    QVERIFY2(health.stdOut().startsWith(QStringLiteral("OpsDeck ")), health.describe());
    QVERIFY2(health.stdOut().contains(QStringLiteral(": ok\n")), health.describe());
    QVERIFY2(health.stdOut().contains(QStringLiteral("local (local): ok")), health.describe());
}

void tst_CliHealth::healthWithoutCacheIsDegradedAndCreatesNothing()
{
    const QString db = path(QStringLiteral("nothing-here.db"));
    const Result health = run({ QStringLiteral("--health"), QStringLiteral("--json"), QStringLiteral("--db"),
                                QStringLiteral("sqlite://") + db });
    QVERIFY2(health.code() == 1, health.describe());
    const QJsonObject o = health.json();
    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("degraded"));
    QCOMPARE(o.value(QLatin1String("database")).toObject().value(QLatin1String("ok")).toBool(), false);
    const QString problems = o.value(QLatin1String("problems")).toVariant().toStringList().join(QLatin1Char('\n'));
    QVERIFY2(problems.contains(QStringLiteral("opsdeck --sync")), qPrintable(problems));
    QVERIFY2(!QFileInfo::exists(db), "--health created a cache");
}

void tst_CliHealth::healthDegradedWhenASourceFails()
{
    // Nothing listens on this port: the node_exporter source fails, the local one syncs.
    const quint16 closed = freePort();
    const QString config = writeConfig(QStringLiteral("[source.local]\ntype=local\n"
                                                      "[source.nodes]\ntype=node_exporter\ntargets=http://127.0.0.1:%1\n")
                                           .arg(closed));
    const QStringList base { QStringLiteral("--config"), config };
    const Result sync = run(QStringList { QStringLiteral("--sync") } + base);
    QVERIFY2(sync.code() == 3, sync.describe());
    const Result health = run(QStringList { QStringLiteral("--health"), QStringLiteral("--json") } + base);
    QVERIFY2(health.code() == 1, health.describe());
    const QJsonObject o = health.json();
    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("degraded"));
    QJsonObject nodes;
    for (const QJsonValue &s : o.value(QLatin1String("sources")).toArray()) {
        if (s.toObject().value(QLatin1String("name")).toString() == QLatin1String("nodes"))
            nodes = s.toObject();
        else
            QCOMPARE(s.toObject().value(QLatin1String("healthy")).toBool(), true);
    }
    QCOMPARE(nodes.value(QLatin1String("healthy")).toBool(), false);
    QCOMPARE(nodes.value(QLatin1String("last_status")).toString(), QStringLiteral("failed"));
    QCOMPARE(nodes.value(QLatin1String("success_rate_24h")).toDouble(), 0.0);
    QVERIFY(nodes.value(QLatin1String("age_seconds")).isNull());
    QVERIFY2(nodes.value(QLatin1String("problem")).toString().contains(QStringLiteral("the last sync failed")),
             health.out.constData());
    QVERIFY2(o.value(QLatin1String("problems")).toArray().size() == 1, health.out.constData());
}

void tst_CliHealth::healthNarrowsToSelectedSources()
{
    const quint16 closed = freePort();
    const QString config = writeConfig(QStringLiteral("[source.local]\ntype=local\n"
                                                      "[source.nodes]\ntype=node_exporter\ntargets=http://127.0.0.1:%1\n")
                                           .arg(closed));
    QVERIFY(run({ QStringLiteral("--sync"), QStringLiteral("--config"), config }).code() == 3);
    // Judging only the source that works is ok, whatever the other does.
    const Result health = run({ QStringLiteral("--health"), QStringLiteral("--json"), QStringLiteral("--config"),
                                config, QStringLiteral("--source"), QStringLiteral("local") });
    QVERIFY2(health.code() == 0, health.describe());
    QCOMPARE(health.json().value(QLatin1String("sources")).toArray().size(), 1);
}

void tst_CliHealth::listenServesHealthAndMetrics()
{
    QFETCH(QString, backend);
    if (TestDatabases::skipUnavailable(backend))
        QSKIP("OPSDECK_TEST_PG_URL is not set (scripts/test.sh starts a scratch PostgreSQL)");
    const QString url = m_databases->freshUrl(backend);
    QVERIFY(!url.isEmpty());
    m_dbArgs = { QStringLiteral("--db"), url };
    quint16 port = 0;
    std::unique_ptr<QProcess> watch = startWatch({ QStringLiteral("--json") }, QStringLiteral("127.0.0.1"), &port);
    QVERIFY2(watch, "opsdeck --sync --watch --listen did not serve /health");
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);

    const HttpResult health = get(m_network, base + QStringLiteral("/health"));
    QCOMPARE(health.status, 200);
    QVERIFY2(health.contentType.startsWith("application/json"), health.contentType.constData());
    const QJsonObject o = QJsonDocument::fromJson(health.body).object();
    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(o.value(QLatin1String("database")).toObject().value(QLatin1String("engine")).toString(), backend);

    // The first round has run and been counted by the time health is ok.
    HttpResult metrics;
    QTRY_VERIFY_WITH_TIMEOUT((metrics = get(m_network, base + QStringLiteral("/metrics")),
                              metricValue(metrics.body, "opsdeck_sync_runs_total{source=\"local\",status=\"ok\"}") >= 1),
                             15000);
    QCOMPARE(metrics.status, 200);
    QVERIFY2(metrics.contentType.startsWith("text/plain"), metrics.contentType.constData());
    QVERIFY2(metrics.contentType.contains("version=0.0.4"), metrics.contentType.constData());
    QVERIFY(metricValue(metrics.body, "opsdeck_samples_stored_total{source=\"local\"}") >= 3);
    QCOMPARE(metricValue(metrics.body, "opsdeck_sync_errors_total{source=\"local\"}"), 0.0);
    QCOMPARE(metricValue(metrics.body, "opsdeck_source_healthy{source=\"local\"}"), 1.0);
    QCOMPARE(metricValue(metrics.body, "opsdeck_health_ok"), 1.0);
    QVERIFY(metricValue(metrics.body, "opsdeck_sync_duration_seconds_count{source=\"local\"}") >= 1);
    QVERIFY(metricValue(metrics.body, "opsdeck_cache_hits_total") >= 0);
    QVERIFY(metricValue(metrics.body, "opsdeck_cache_misses_total") >= 0);
    QVERIFY2(metrics.body.contains("opsdeck_query_duration_seconds_bucket{query=\"sync_health\",le=\"+Inf\"}"),
             metrics.body.constData());

    // Prometheus's own linter reads it as valid exposition format.
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (!promtool.isEmpty()) {
        QProcess check;
        check.start(promtool, { QStringLiteral("check"), QStringLiteral("metrics") });
        QVERIFY(check.waitForStarted());
        check.write(metrics.body);
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished(30000));
        const QByteArray said = check.readAllStandardOutput() + check.readAllStandardError();
        // promtool exits 3 for lint suggestions only (naming style); 1 means the text does not parse.
        QVERIFY2(check.exitCode() == 0 || !said.contains("error"), said.constData());
    } else {
        qWarning("promtool not installed (Debian package prometheus): /metrics checked by this suite only");
    }

    // Unknown paths and other methods are refused plainly.
    QCOMPARE(get(m_network, base + QStringLiteral("/nope")).status, 404);

    QCOMPARE(terminate(*watch), 0);
}

void tst_CliHealth::listenOffLoopbackWithoutTokenIsRefused()
{
    const Result r = run({ QStringLiteral("--sync"), QStringLiteral("--watch"), QStringLiteral("--listen"),
                           QStringLiteral("0.0.0.0:%1").arg(freePort()) },
                         m_env, 20000);
    QVERIFY2(r.code() == 2, r.describe());
    QVERIFY2(r.stdErr().contains(QStringLiteral("token_file")) && r.stdErr().contains(QStringLiteral("token_env")),
             r.describe());
    QVERIFY2(r.stdErr().contains(QStringLiteral("not a loopback address")), r.describe());
}

void tst_CliHealth::listenWithTokenRequiresIt()
{
    const QString config
        = writeConfig(QStringLiteral("[listen]\ntoken_env=OPSDECK_LISTEN_TOKEN\n[source.local]\ntype=local\n"));
    m_env.insert(QStringLiteral("OPSDECK_LISTEN_TOKEN"), QString::fromLatin1(Token));
    quint16 port = 0;
    // Bound to every address, reached through loopback: the token is required all the same.
    std::unique_ptr<QProcess> watch = startWatch({ QStringLiteral("--config"), config, QStringLiteral("-v") },
                                                 QStringLiteral("0.0.0.0"), &port, "Bearer " + Token);
    QVERIFY2(watch, "opsdeck --listen 0.0.0.0 with a token did not start");
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);

    for (const QString &endpoint : { QStringLiteral("/health"), QStringLiteral("/metrics") }) {
        const HttpResult none = get(m_network, base + endpoint);
        QCOMPARE(none.status, 401);
        QVERIFY(none.wwwAuthenticate.startsWith("Bearer"));
        QVERIFY(!none.body.contains(Token));
        const HttpResult wrong = get(m_network, base + endpoint, "Bearer not-the-token");
        QCOMPARE(wrong.status, 401);
        QVERIFY(!wrong.body.contains(Token));
        const HttpResult right = get(m_network, base + endpoint, "Bearer " + Token);
        QCOMPARE(right.status, 200);
        QVERIFY(!right.body.contains(Token));
    }
    QCOMPARE(terminate(*watch), 0);
    const QByteArray logs = watch->readAllStandardOutput() + watch->readAllStandardError();
    QVERIFY2(!logs.contains(Token), "the token reached the output");
}

void tst_CliHealth::listenTokenFromFile()
{
    const QString tokenFile = path(QStringLiteral("listen.token"));
    {
        QFile f(tokenFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(Token + "\n");
    }
    const QString config = writeConfig(
        QStringLiteral("[listen]\ntoken_file=%1\n[source.local]\ntype=local\ninterval=1m\n").arg(tokenFile));
    quint16 port = 0;
    std::unique_ptr<QProcess> watch = startWatch({ QStringLiteral("--config"), config }, QStringLiteral("127.0.0.1"),
                                                 &port, "Bearer " + Token);
    QVERIFY2(watch, "opsdeck --listen with token_file did not start");
    // A token, once configured, is required on loopback too.
    QCOMPARE(get(m_network, QStringLiteral("http://127.0.0.1:%1/health").arg(port)).status, 401);
    QCOMPARE(terminate(*watch), 0);
}

void tst_CliHealth::listenTokenEnvUnsetIsAConfigError()
{
    const QString config
        = writeConfig(QStringLiteral("[listen]\ntoken_env=OPSDECK_LISTEN_TOKEN\n[source.local]\ntype=local\n"));
    m_env.remove(QStringLiteral("OPSDECK_LISTEN_TOKEN"));
    const Result r = run({ QStringLiteral("--sync"), QStringLiteral("--watch"), QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:%1").arg(freePort()), QStringLiteral("--config"), config },
                         m_env, 20000);
    QVERIFY2(r.code() == 2, r.describe());
    QVERIFY2(r.stdErr().contains(QStringLiteral("OPSDECK_LISTEN_TOKEN")), r.describe());
}

void tst_CliHealth::listenPortInUseIsAClearError()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const Result r = run({ QStringLiteral("--sync"), QStringLiteral("--watch"), QStringLiteral("--listen"),
                           QStringLiteral("127.0.0.1:%1").arg(taken.serverPort()) },
                         m_env, 20000);
    QVERIFY2(r.code() == 1, r.describe());
    QVERIFY2(r.stdErr().contains(QString::number(taken.serverPort())), r.describe());
    QVERIFY2(r.stdErr().contains(QStringLiteral("in use")), r.describe());
}

QTEST_GUILESS_MAIN(tst_CliHealth)
#include "tst_clihealth.moc"
