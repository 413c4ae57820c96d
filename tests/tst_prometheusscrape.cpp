#include "health/healthserver.h"
#include "health/prometheustext.h"

#include "localserversupport.h"
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

#include <memory>

namespace {

const QByteArray Token = QByteArrayLiteral("scrape-Token_9f8e7d6c5b4a");
// A label value with every character the format escapes, plus the escape sequences themselves as plain text.
const QString NastySource = QStringLiteral("we\"ird\\name\nline two \\n ✓");
constexpr int DeadlineMs = 60 * 1000;

// What `opsdeck --sync --watch --listen` exposes, as the real metrics provider builds it.
QByteArray opsdeckMetrics()
{
    PrometheusText text;
    text.family(QStringLiteral("opsdeck_sync_runs_total"), QStringLiteral("counter"),
                QStringLiteral("Sync runs by source and result."));
    text.sample(
        { { QStringLiteral("source"), QStringLiteral("do") }, { QStringLiteral("result"), QStringLiteral("ok") } }, 42);
    text.sample(
        { { QStringLiteral("source"), QStringLiteral("prom") }, { QStringLiteral("result"), QStringLiteral("error") } },
        3);
    text.family(QStringLiteral("opsdeck_samples_written_total"), QStringLiteral("counter"),
                QStringLiteral("Samples written to the cache.\nCounts every source."));
    text.sample({ { QStringLiteral("source"), QStringLiteral("local") } }, 12345678901.0);
    text.family(QStringLiteral("opsdeck_source_info"), QStringLiteral("gauge"), QStringLiteral("Configured sources."));
    text.sample({ { QStringLiteral("source"), NastySource }, { QStringLiteral("type"), QStringLiteral("local") } }, 1);
    text.family(QStringLiteral("opsdeck_last_sync_timestamp_seconds"), QStringLiteral("gauge"),
                QStringLiteral("When the last sync finished."));
    text.sample(1700000000.25);
    text.family(QStringLiteral("opsdeck_cache_hit_ratio"), QStringLiteral("gauge"),
                QStringLiteral("Query cache hits / lookups."));
    text.sample(0.1 + 0.2);
    text.family(QStringLiteral("opsdeck_sync_duration_seconds"), QStringLiteral("histogram"),
                QStringLiteral("Duration of a sync run."));
    text.histogram({ { QStringLiteral("source"), QStringLiteral("do") } }, { 0.1, 0.5, 1, 5 }, { 2, 5, 9, 10 }, 10,
                   7.25);
    return text.text();
}
constexpr int OpsdeckSampleCount = 2 + 1 + 1 + 1 + 1 + (5 + 2);

HttpReply metricsReply()
{
    HttpReply reply;
    reply.contentType = PrometheusText::ContentType;
    reply.body = opsdeckMetrics();
    return reply;
}

} // namespace

class TestPrometheusScrape : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void targetsUp();
    void countersAndGauges_data();
    void countersAndGauges();
    void everySampleAccepted();
    void labelEscapingSurvives();
    void histogram();
    void tokenProtected();
    void wrongTokenIsDown();

private:
    std::unique_ptr<HealthServer> startHealthServer(const QByteArray &token);
    QJsonObject api(const QString &pathAndQuery);
    QJsonArray query(const QString &promql);
    QJsonArray waitForQuery(const QString &promql);
    QJsonObject target(const QString &job);
    static QString valueOf(const QJsonValue &series)
    {
        return series.toObject()[QLatin1String("value")].toArray().at(1).toString();
    }

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<HealthServer> m_open;
    std::unique_ptr<HealthServer> m_protected;
    std::unique_ptr<QProcess> m_prometheus;
    quint16 m_prometheusPort = 0;
};

std::unique_ptr<HealthServer> TestPrometheusScrape::startHealthServer(const QByteArray &token)
{
    auto server = std::make_unique<HealthServer>();
    server->setMetricsProvider([] { return QtConcurrent::run(metricsReply); });
    server->setHealthProvider([] {
        HttpReply reply;
        reply.body = QByteArrayLiteral("{\"status\":\"ok\"}");
        return QtFuture::makeReadyFuture(reply);
    });
    HealthServer::Options options;
    options.port = 0;
    options.token = token;
    // Two jobs scrape the protected server every second, on top of the test's own checks.
    options.requestsPerMinute = 600;
    QString error;
    if (!server->listen(options, &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    return server;
}

void TestPrometheusScrape::initTestCase()
{
    const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    if (prometheus.isEmpty())
        QSKIP("prometheus is not installed: apt install prometheus (the Debian package of that name)");
    QVERIFY(m_dir.isValid());

    m_open = startHealthServer({});
    m_protected = startHealthServer(Token);
    QVERIFY(m_open && m_protected);

    const QByteArray open = "127.0.0.1:" + QByteArray::number(m_open->port());
    const QByteArray protectedTarget = "127.0.0.1:" + QByteArray::number(m_protected->port());
    const QString configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                 "scrape_configs:\n"
                 "  - job_name: opsdeck\n"
                 "    static_configs:\n      - targets: ['"
                 + open
                 + "']\n"
                   "  - job_name: opsdeck_token\n"
                   "    authorization:\n      type: Bearer\n      credentials: '"
                 + Token
                 + "'\n"
                   "    static_configs:\n      - targets: ['"
                 + protectedTarget
                 + "']\n"
                   "  - job_name: opsdeck_wrong_token\n"
                   "    authorization:\n      type: Bearer\n      credentials: 'not-the-token'\n"
                   "    static_configs:\n      - targets: ['"
                 + protectedTarget + "']\n");
    config.close();

    m_prometheus = startServer(
        prometheus,
        [&](quint16 port) {
            return QStringList { QStringLiteral("--config.file=") + configPath,
                                 QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
                                 QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port) };
        },
        [this](quint16 port) {
            int status = 0;
            httpGet(m_network, QUrl(QStringLiteral("http://127.0.0.1:%1/-/ready").arg(port)), &status, 1000);
            return status == 200;
        },
        30000, &m_prometheusPort);
    QVERIFY2(m_prometheus, "Prometheus did not start on a loopback port");

    // Every target scraped at least once (our servers answer from this thread's event loop, which the waits spin).
    QDeadlineTimer deadline(DeadlineMs);
    QString states;
    while (!deadline.hasExpired()) {
        const QJsonArray active = api(QStringLiteral("/api/v1/targets?state=active"))[QLatin1String("data")]
                                      .toObject()[QLatin1String("activeTargets")]
                                      .toArray();
        QStringList seen;
        for (const QJsonValue &target : active) {
            const QJsonObject t = target.toObject();
            seen << t[QLatin1String("labels")].toObject()[QLatin1String("job")].toString() + QLatin1Char('=')
                    + t[QLatin1String("health")].toString();
        }
        seen.sort();
        states = seen.join(QLatin1String(", "));
        if (states == QLatin1String("opsdeck=up, opsdeck_token=up, opsdeck_wrong_token=down"))
            break;
        QTest::qWait(250);
    }
    QCOMPARE(states, QStringLiteral("opsdeck=up, opsdeck_token=up, opsdeck_wrong_token=down"));
}

void TestPrometheusScrape::cleanupTestCase()
{
    stopServer(m_prometheus);
    m_open.reset();
    m_protected.reset();
}

QJsonObject TestPrometheusScrape::api(const QString &pathAndQuery)
{
    const QUrl url = QUrl::fromEncoded(
        "http://127.0.0.1:" + QByteArray::number(m_prometheusPort) + pathAndQuery.toUtf8(), QUrl::StrictMode);
    return QJsonDocument::fromJson(httpGet(m_network, url, nullptr, 5000)).object();
}

QJsonArray TestPrometheusScrape::query(const QString &promql)
{
    // Percent-encode everything: a '+' left in a query string would reach Prometheus as a space.
    const QJsonObject answer
        = api(QStringLiteral("/api/v1/query?query=") + QString::fromLatin1(QUrl::toPercentEncoding(promql)));
    return answer[QLatin1String("data")].toObject()[QLatin1String("result")].toArray();
}

QJsonArray TestPrometheusScrape::waitForQuery(const QString &promql)
{
    QDeadlineTimer deadline(DeadlineMs);
    QJsonArray result;
    while ((result = query(promql)).isEmpty() && !deadline.hasExpired())
        QTest::qWait(250);
    return result;
}

QJsonObject TestPrometheusScrape::target(const QString &job)
{
    const QJsonArray active = api(QStringLiteral("/api/v1/targets?state=active"))[QLatin1String("data")]
                                  .toObject()[QLatin1String("activeTargets")]
                                  .toArray();
    for (const QJsonValue &target : active) {
        if (target.toObject()[QLatin1String("labels")].toObject()[QLatin1String("job")].toString() == job)
            return target.toObject();
    }
    return QJsonObject();
}

void TestPrometheusScrape::targetsUp()
{
    const QJsonObject opsdeck = target(QStringLiteral("opsdeck"));
    QCOMPARE(opsdeck[QLatin1String("health")].toString(), QStringLiteral("up"));
    QCOMPARE(opsdeck[QLatin1String("lastError")].toString(), QString());
    QCOMPARE(opsdeck[QLatin1String("scrapeUrl")].toString(),
             QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_open->port()));
    const QJsonArray up = waitForQuery(QStringLiteral("up{job=\"opsdeck\"}"));
    QCOMPARE(up.size(), 1);
    QCOMPARE(valueOf(up.first()), QStringLiteral("1"));
    QVERIFY(m_open->responseCounts().value(200) >= 1);
}

void TestPrometheusScrape::countersAndGauges_data()
{
    QTest::addColumn<QString>("promql");
    QTest::addColumn<double>("value");

    QTest::newRow("counter with labels") << QStringLiteral(
        "opsdeck_sync_runs_total{job=\"opsdeck\",source=\"do\",result=\"ok\"}")
                                         << 42.0;
    QTest::newRow("second series") << QStringLiteral("opsdeck_sync_runs_total{job=\"opsdeck\",result=\"error\"}")
                                   << 3.0;
    QTest::newRow("large integer exact") << QStringLiteral("opsdeck_samples_written_total{job=\"opsdeck\"}")
                                         << 12345678901.0;
    QTest::newRow("timestamp gauge") << QStringLiteral("opsdeck_last_sync_timestamp_seconds{job=\"opsdeck\"}")
                                     << 1700000000.25;
    QTest::newRow("17 significant digits") << QStringLiteral("opsdeck_cache_hit_ratio{job=\"opsdeck\"}") << 0.1 + 0.2;
}

// The values Prometheus stored are bit for bit the ones OpsDeck had.
void TestPrometheusScrape::countersAndGauges()
{
    QFETCH(QString, promql);
    QFETCH(double, value);

    const QJsonArray result = waitForQuery(promql);
    QCOMPARE(result.size(), 1);
    bool ok = false;
    const double stored = valueOf(result.first()).toDouble(&ok);
    QVERIFY(ok);
    QCOMPARE(stored, value);
    QVERIFY(stored == value);
}

// Prometheus took every line: nothing was dropped as unparsable or duplicate.
void TestPrometheusScrape::everySampleAccepted()
{
    const QJsonArray scraped = waitForQuery(QStringLiteral("scrape_samples_scraped{job=\"opsdeck\"}"));
    QCOMPARE(scraped.size(), 1);
    QCOMPARE(valueOf(scraped.first()), QString::number(OpsdeckSampleCount));
    const QJsonArray added = waitForQuery(QStringLiteral("scrape_samples_post_metric_relabeling{job=\"opsdeck\"}"));
    QCOMPARE(valueOf(added.first()), QString::number(OpsdeckSampleCount));
}

void TestPrometheusScrape::labelEscapingSurvives()
{
    const QJsonArray result = waitForQuery(QStringLiteral("opsdeck_source_info{job=\"opsdeck\"}"));
    QCOMPARE(result.size(), 1);
    const QJsonObject metric = result.first().toObject()[QLatin1String("metric")].toObject();
    QCOMPARE(metric[QLatin1String("source")].toString(), NastySource);
    QCOMPARE(metric[QLatin1String("type")].toString(), QStringLiteral("local"));
}

void TestPrometheusScrape::histogram()
{
    QMap<QString, QString> buckets;
    for (const QJsonValue &series :
         waitForQuery(QStringLiteral("opsdeck_sync_duration_seconds_bucket{job=\"opsdeck\"}"))) {
        const QJsonObject metric = series.toObject()[QLatin1String("metric")].toObject();
        QCOMPARE(metric[QLatin1String("source")].toString(), QStringLiteral("do"));
        buckets.insert(metric[QLatin1String("le")].toString(), valueOf(series));
    }
    const QMap<QString, QString> expected { { QStringLiteral("0.1"), QStringLiteral("2") },
                                            { QStringLiteral("0.5"), QStringLiteral("5") },
                                            { QStringLiteral("1"), QStringLiteral("9") },
                                            { QStringLiteral("5"), QStringLiteral("10") },
                                            { QStringLiteral("+Inf"), QStringLiteral("10") } };
    QCOMPARE(buckets, expected);

    QCOMPARE(valueOf(waitForQuery(QStringLiteral("opsdeck_sync_duration_seconds_sum{job=\"opsdeck\"}")).first()),
             QStringLiteral("7.25"));
    QCOMPARE(valueOf(waitForQuery(QStringLiteral("opsdeck_sync_duration_seconds_count{job=\"opsdeck\"}")).first()),
             QStringLiteral("10"));

    // The median falls at the top of the (0.1, 0.5] bucket: 5 of 10 observations are ≤ 0.5.
    const QJsonArray median = waitForQuery(
        QStringLiteral("histogram_quantile(0.5, opsdeck_sync_duration_seconds_bucket{job=\"opsdeck\"})"));
    QCOMPARE(median.size(), 1);
    QVERIFY2(qAbs(valueOf(median.first()).toDouble() - 0.5) < 1e-9, qPrintable(valueOf(median.first())));
}

void TestPrometheusScrape::tokenProtected()
{
    const QJsonObject protectedTarget = target(QStringLiteral("opsdeck_token"));
    QCOMPARE(protectedTarget[QLatin1String("health")].toString(), QStringLiteral("up"));
    const QJsonArray runs
        = waitForQuery(QStringLiteral("opsdeck_sync_runs_total{job=\"opsdeck_token\",source=\"do\",result=\"ok\"}"));
    QCOMPARE(runs.size(), 1);
    QCOMPARE(valueOf(runs.first()), QStringLiteral("42"));
    QVERIFY(m_protected->responseCounts().value(200) >= 1);
}

void TestPrometheusScrape::wrongTokenIsDown()
{
    const QJsonObject wrong = target(QStringLiteral("opsdeck_wrong_token"));
    QCOMPARE(wrong[QLatin1String("health")].toString(), QStringLiteral("down"));
    const QString lastError = wrong[QLatin1String("lastError")].toString();
    QVERIFY2(lastError.contains(QLatin1String("401")), qPrintable(lastError));
    QVERIFY2(!lastError.contains(QString::fromLatin1(Token)), qPrintable(lastError));
    const QJsonArray up = waitForQuery(QStringLiteral("up{job=\"opsdeck_wrong_token\"}"));
    QCOMPARE(valueOf(up.first()), QStringLiteral("0"));
    QVERIFY(m_protected->responseCounts().value(401) >= 1);
}

QTEST_GUILESS_MAIN(TestPrometheusScrape)
#include "tst_prometheusscrape.moc"
