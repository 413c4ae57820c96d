#include "net/ratelimiter.h"
#include "sources/prometheussource.h"

#include "localserversupport.h"
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

#include <memory>
#include <sys/statvfs.h>
#include <sys/utsname.h>

namespace {

QString nodename()
{
    struct utsname name = {};
    ::uname(&name);
    return QString::fromUtf8(name.nodename);
}

double procMemoryPercent()
{
    QFile file(QStringLiteral("/proc/meminfo"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    double total = 0;
    double available = 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 2 && fields.at(0) == "MemTotal:")
            total = fields.at(1).toDouble();
        else if (fields.size() >= 2 && fields.at(0) == "MemAvailable:")
            available = fields.at(1).toDouble();
    }
    return total > 0 ? 100.0 * (1.0 - available / total) : -1;
}

double statvfsDiskPercent()
{
    struct statvfs fs = {};
    if (::statvfs("/", &fs) != 0)
        return -1;
    const double used = double(fs.f_blocks - fs.f_bfree);
    return 100.0 * used / (used + double(fs.f_bavail));
}

QList<CollectedSample> samplesOf(const Collection &collection, Metric metric)
{
    QList<CollectedSample> out;
    for (const CollectedSample &sample : collection.samples) {
        if (sample.metric == metric)
            out << sample;
    }
    return out;
}

} // namespace

class TestPrometheusSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void backfillThenIncremental();
    void longRangeSplitIntoCalls();
    void unreachableServer();
    void notPrometheus();

private:
    std::unique_ptr<PrometheusSource> source(const QString &url, qint64 backfillSecs = 600) const;
    QString instance() const { return QStringLiteral("127.0.0.1:%1").arg(m_exporterPort); }
    QString prometheusUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_prometheusPort); }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_exporter;
    std::unique_ptr<QProcess> m_prometheus;
    quint16 m_exporterPort = 0;
    quint16 m_prometheusPort = 0;
    QNetworkAccessManager m_network;
    std::unique_ptr<RateLimiter> m_limiter;
    SourceContext m_context;
};

void TestPrometheusSource::initTestCase()
{
    const QString exporter = QStandardPaths::findExecutable(QStringLiteral("prometheus-node-exporter"));
    const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    if (exporter.isEmpty() || prometheus.isEmpty())
        QSKIP("prometheus and prometheus-node-exporter are not installed (Debian packages of those names)");
    QVERIFY(m_dir.isValid());

    m_exporter = startNodeExporter(m_network, &m_exporterPort);
    QVERIFY2(m_exporter, "node_exporter did not start on a loopback port");

    const QString configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                 "scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['"
                 + instance().toUtf8() + "']\n");
    config.close();

    // Ready once it has scraped the exporter a few times: rate() needs two samples.
    m_prometheus = startServer(
        prometheus,
        [&](quint16 port) {
            return QStringList { QStringLiteral("--config.file=") + configPath,
                                 QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
                                 QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port) };
        },
        [this](quint16 port) {
            QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(port));
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("query"), QStringLiteral("count_over_time(up[1m])"));
            url.setQuery(query);
            const QJsonArray result = QJsonDocument::fromJson(httpGet(m_network, url))
                                          .object()
                                          .value(QLatin1String("data"))
                                          .toObject()
                                          .value(QLatin1String("result"))
                                          .toArray();
            return !result.isEmpty()
                && result.first().toObject().value(QLatin1String("value")).toArray().at(1).toString().toInt() >= 4;
        },
        30000, &m_prometheusPort);
    QVERIFY2(m_prometheus, "Prometheus did not start and scrape node_exporter on loopback ports");
}

void TestPrometheusSource::cleanupTestCase()
{
    stopServer(m_prometheus);
    stopServer(m_exporter);
}

void TestPrometheusSource::init()
{
    m_limiter = std::make_unique<RateLimiter>(600, 36000);
    m_context = SourceContext();
    m_context.setNetwork(&m_network, m_limiter.get());
}

std::unique_ptr<PrometheusSource> TestPrometheusSource::source(const QString &url, qint64 backfillSecs) const
{
    SourceConfig config;
    config.name = QStringLiteral("prom");
    config.type = QStringLiteral("prometheus");
    config.options.insert(QStringLiteral("url"), url);
    config.options.insert(QStringLiteral("backfill_seconds"), QString::number(backfillSecs));
    auto source = std::make_unique<PrometheusSource>(config);
    HttpOptions options;
    options.connectTimeoutMs = 3000;
    options.transferTimeoutMs = 10000;
    options.maxRetries = 1;
    options.baseBackoffMs = 50;
    source->setHttpOptions(options);
    // Prometheus has run for seconds only: a 60 s grid might have no point after its first scrape yet.
    source->setStepSecs(1);
    return source;
}

// The host Prometheus scrapes shows up once, under its node name, with its history and sane values; the next sync
// fetches only what is new.
void TestPrometheusSource::backfillThenIncremental()
{
    const auto prom = source(prometheusUrl());
    QCOMPARE(prom->type(), QStringLiteral("prometheus"));
    Collection out;
    QString error;
    QVERIFY2(prom->collect(m_context, out, &error), qPrintable(error));

    QCOMPARE(out.resources.size(), 1);
    const ResourceInfo &host = out.resources.first();
    QCOMPARE(host.externalId, instance());
    QCOMPARE(host.name, nodename());
    QCOMPARE(host.kind, QStringLiteral("host"));
    QCOMPARE(host.status, QStringLiteral("up"));
    QCOMPARE(host.vcpus, QThread::idealThreadCount());
    QVERIFY(host.memoryMb > 0 && host.diskGb > 0);
    QCOMPARE(out.apiCalls, 5); // facts, retention, three ranges
    QCOMPARE(m_context.state(QStringLiteral("instances")), instance());

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (Metric metric : AllMetrics) {
        const QList<CollectedSample> samples = samplesOf(out, metric);
        QVERIFY2(!samples.isEmpty(), qPrintable(metricName(metric)));
        qint64 previous = 0;
        for (const CollectedSample &sample : samples) {
            QCOMPARE(sample.externalId, instance());
            QVERIFY(sample.ts > previous && sample.ts <= now && sample.ts > now - 600);
            QVERIFY(sample.value >= 0.0 && sample.value <= 100.0);
            previous = sample.ts;
        }
        m_context.setLastSampleTs(instance(), metric, samples.last().ts);
    }
    QVERIFY(qAbs(samplesOf(out, Metric::Memory).last().value - procMemoryPercent()) < 5.0);
    QVERIFY(qAbs(samplesOf(out, Metric::Disk).last().value - statvfsDiskPercent()) < 2.0);

    // Incremental: no retention lookup, and only the last OverlapSecs and what came since.
    QTest::qWait(1100);
    Collection next;
    QVERIFY2(prom->collect(m_context, next, &error), qPrintable(error));
    QCOMPARE(next.apiCalls, 4);
    QCOMPARE(next.resources.size(), 1);
    const QList<CollectedSample> cpu = samplesOf(next, Metric::Cpu);
    QVERIFY(!cpu.isEmpty());
    QVERIFY(cpu.first().ts >= m_context.lastSampleTs(instance(), Metric::Cpu) - PrometheusSource::OverlapSecs);
    QVERIFY(cpu.last().ts > m_context.lastSampleTs(instance(), Metric::Cpu));
}

// More points than Prometheus allows per series: the range is split, with no point lost or repeated.
void TestPrometheusSource::longRangeSplitIntoCalls()
{
    QTest::qWait(2000); // at least 8 s of scrapes by now
    const auto prom = source(prometheusUrl(), 12);
    prom->setMaxPointsPerSeries(4); // 13 one-second points per metric → 4 calls each (4 + 4 + 4 + 1)
    Collection out;
    QString error;
    QVERIFY2(prom->collect(m_context, out, &error), qPrintable(error));
    QCOMPARE(out.apiCalls, 2 + 3 * 4);
    const QList<CollectedSample> memory = samplesOf(out, Metric::Memory);
    QVERIFY2(memory.size() >= 5,
             qPrintable(QString::number(memory.size()) + QLatin1Char(' ') + QString::number(out.samples.size())));
    for (qsizetype i = 1; i < memory.size(); ++i)
        QCOMPARE(memory.at(i).ts, memory.at(i - 1).ts + 1); // contiguous once the scrapes began
}

void TestPrometheusSource::unreachableServer()
{
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(freePort());
    const auto prom = source(url);
    Collection out;
    QString error;
    QVERIFY(!prom->collect(m_context, out, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Prometheus at ") + url + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("connection refused")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("[source.prom] url=")), qPrintable(error));
    QVERIFY(out.resources.isEmpty() && out.samples.isEmpty());
    QCOMPARE(out.apiCalls, 2);
}

// A url= pointing at something else (here node_exporter, which serves its HTML landing page on every path) says so.
void TestPrometheusSource::notPrometheus()
{
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_exporterPort);
    const auto prom = source(url);
    Collection out;
    QString error;
    QVERIFY(!prom->collect(m_context, out, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Prometheus at ") + url), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("not a Prometheus API response")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestPrometheusSource)
#include "tst_prometheussource.moc"
