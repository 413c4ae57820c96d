#include "net/ratelimiter.h"
#include "sources/nodeexporterparser.h"
#include "sources/nodeexportersource.h"

#include "localserversupport.h"
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>
#include <sys/statvfs.h>
#include <sys/utsname.h>

namespace {

std::optional<double> valueOf(const Collection &collection, const QString &id, Metric metric)
{
    for (const CollectedSample &sample : collection.samples) {
        if (sample.externalId == id && sample.metric == metric)
            return sample.value;
    }
    return std::nullopt;
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
        if (fields.size() < 2)
            continue;
        if (fields.at(0) == "MemTotal:")
            total = fields.at(1).toDouble();
        else if (fields.at(0) == "MemAvailable:")
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

QString nodename()
{
    struct utsname name = {};
    ::uname(&name);
    return QString::fromUtf8(name.nodename);
}

SourceConfig configFor(const QStringList &targets)
{
    SourceConfig config;
    config.name = QStringLiteral("nodes");
    config.type = QStringLiteral("node_exporter");
    config.options.insert(QStringLiteral("targets"), targets.join(QLatin1Char(',')));
    return config;
}

} // namespace

class TestNodeExporterSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void twoSyncs();
    void storedCountersAvoidSecondScrape();
    void deadTarget();
    void notAnExporter();
    void partialFailure();
    void cancelledDuringFirstSync();

private:
    QString target() const { return QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_port); }
    QString deadTargetUrl() const { return QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_deadPort); }
    std::unique_ptr<NodeExporterSource> source(const QStringList &targets) const;

    std::unique_ptr<QProcess> m_exporter;
    quint16 m_port = 0;
    quint16 m_deadPort = 0;
    QNetworkAccessManager m_network;
    std::unique_ptr<RateLimiter> m_limiter;
    SourceContext m_context;
};

void TestNodeExporterSource::initTestCase()
{
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("prometheus-node-exporter"));
    if (binary.isEmpty())
        QSKIP("prometheus-node-exporter is not installed (Debian package prometheus-node-exporter)");

    m_exporter = startNodeExporter(m_network, &m_port);
    QVERIFY2(m_exporter, "node_exporter did not start on a loopback port");
    m_deadPort = freePort();
}

void TestNodeExporterSource::cleanupTestCase()
{
    stopServer(m_exporter);
}

void TestNodeExporterSource::init()
{
    m_limiter = std::make_unique<RateLimiter>(600, 36000);
    m_context = SourceContext();
    m_context.setNetwork(&m_network, m_limiter.get());
}

std::unique_ptr<NodeExporterSource> TestNodeExporterSource::source(const QStringList &targets) const
{
    auto source = std::make_unique<NodeExporterSource>(configFor(targets));
    HttpOptions options;
    options.connectTimeoutMs = 3000;
    options.transferTimeoutMs = 5000;
    options.maxRetries = 1;
    options.baseBackoffMs = 50;
    source->setHttpOptions(options);
    return source;
}

// What an ops user sees after adding a node_exporter: the host under its own name, memory and disk as the
// machine itself reports them, and CPU from the very first sync (two scrapes) and from then on.
void TestNodeExporterSource::twoSyncs()
{
    const auto nodes = source({ target() });
    QCOMPARE(nodes->name(), QStringLiteral("nodes"));
    QCOMPARE(nodes->type(), QStringLiteral("node_exporter"));

    for (int sync = 1; sync <= 2; ++sync) {
        if (sync == 2)
            QTest::qWait(1100); // let the CPU counters move between the syncs
        Collection out;
        QString error;
        QVERIFY2(nodes->collect(m_context, out, &error), qPrintable(error));

        QCOMPARE(out.resources.size(), 1);
        const ResourceInfo &host = out.resources.first();
        QCOMPARE(host.externalId, target());
        QCOMPARE(host.name, nodename());
        QCOMPARE(host.kind, QStringLiteral("host"));
        QCOMPARE(host.status, QStringLiteral("up"));
        QCOMPARE(host.vcpus, QThread::idealThreadCount());
        QVERIFY(host.memoryMb > 0);
        QVERIFY(host.diskGb > 0);

        const std::optional<double> memory = valueOf(out, target(), Metric::Memory);
        const std::optional<double> disk = valueOf(out, target(), Metric::Disk);
        const std::optional<double> cpu = valueOf(out, target(), Metric::Cpu);
        QVERIFY(memory && disk && cpu);
        QVERIFY2(qAbs(*memory - procMemoryPercent()) < 3.0, qPrintable(QString::number(*memory)));
        QVERIFY2(qAbs(*disk - statvfsDiskPercent()) < 2.0, qPrintable(QString::number(*disk)));
        QVERIFY2(*cpu >= 0.0 && *cpu <= 100.0, qPrintable(QString::number(*cpu)));
        for (const CollectedSample &sample : std::as_const(out.samples))
            QVERIFY(qAbs(sample.ts - QDateTime::currentSecsSinceEpoch()) <= 5);

        // First sync: two scrapes; second: one, against the counters the first one stored.
        QCOMPARE(out.apiCalls, sync == 1 ? 2 : 1);
        QCOMPARE(out.throttled, 0);
        QVERIFY(NodeCpuCounters::fromString(m_context.state(QStringLiteral("cpu:") + target())));
        QVERIFY(m_context.state(QStringLiteral("cpu_ts:") + target()).toLongLong() > 0);
    }
}

// Counters persisted by an earlier process (the state survives `opsdeck --sync` runs) are used as they are.
void TestNodeExporterSource::storedCountersAvoidSecondScrape()
{
    const auto nodes = source({ target() });
    nodes->setSecondScrapeDelayMs(5000);
    m_context.setState(QStringLiteral("cpu:") + target(), QStringLiteral("1 0"));
    m_context.setState(QStringLiteral("cpu_ts:") + target(), QString::number(QDateTime::currentSecsSinceEpoch() - 60));
    QElapsedTimer timer;
    timer.start();
    Collection out;
    QString error;
    QVERIFY2(nodes->collect(m_context, out, &error), qPrintable(error));
    QVERIFY(timer.elapsed() < 4000);
    QCOMPARE(out.apiCalls, 1);
    QVERIFY(valueOf(out, target(), Metric::Cpu));

    // Counters from before a reboot (larger than now) are not used: a second scrape measures instead.
    m_context.setState(QStringLiteral("cpu:") + target(), QStringLiteral("1e15 1e14"));
    nodes->setSecondScrapeDelayMs(300);
    Collection again;
    QVERIFY2(nodes->collect(m_context, again, &error), qPrintable(error));
    QCOMPARE(again.apiCalls, 2);
}

void TestNodeExporterSource::deadTarget()
{
    const auto nodes = source({ deadTargetUrl() });
    Collection out;
    QString error;
    QVERIFY(!nodes->collect(m_context, out, &error));
    QVERIFY2(error.contains(deadTargetUrl()), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("connection refused")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("targets=")), qPrintable(error));
    QVERIFY(out.resources.isEmpty());
    QCOMPARE(out.apiCalls, 2); // one retry
}

// node_exporter's landing page is HTML: pointing targets= at it must say so, not report an empty host.
void TestNodeExporterSource::notAnExporter()
{
    const QString landing = QStringLiteral("http://127.0.0.1:%1/").arg(m_port);
    const auto nodes = source({ landing });
    Collection out;
    QString error;
    QVERIFY(!nodes->collect(m_context, out, &error));
    QVERIFY2(error.contains(landing), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("not Prometheus text format (line 1:")), qPrintable(error));
}

// One dead host must not hide the healthy ones: they are committed, and the failure is still reported.
void TestNodeExporterSource::partialFailure()
{
    const auto nodes = source({ deadTargetUrl(), target() });
    nodes->setSecondScrapeDelayMs(200);
    Collection flushed;
    m_context.setFlushFunction([&](Collection &out, QString *) {
        flushed.resources += out.resources;
        flushed.samples += out.samples;
        out.resources.clear();
        out.samples.clear();
        return true;
    });
    Collection out;
    QString error;
    QVERIFY(!nodes->collect(m_context, out, &error));
    QVERIFY2(error.startsWith(QStringLiteral("1 of 2 node_exporter targets failed (the other 1 were collected): ")
                              + deadTargetUrl() + QStringLiteral(": gave up after 2 attempts: connection refused")),
             qPrintable(error));
    QVERIFY2(!error.contains(target()), qPrintable(error));
    QCOMPARE(flushed.resources.size(), 1);
    QCOMPARE(flushed.resources.first().externalId, target());
    QVERIFY(valueOf(flushed, target(), Metric::Memory));
    QVERIFY(valueOf(flushed, target(), Metric::Cpu));
    QVERIFY(out.resources.isEmpty());
    QCOMPARE(out.apiCalls, 4); // dead: 2 attempts; healthy: 2 scrapes
}

// Stopping OpsDeck during the first sync's wait between the two scrapes returns at once.
void TestNodeExporterSource::cancelledDuringFirstSync()
{
    const auto nodes = source({ target() });
    nodes->setSecondScrapeDelayMs(10000);
    std::atomic_bool cancel = false;
    m_context.setCancelFlag(&cancel);
    QTimer::singleShot(300, [&] { cancel = true; });
    QElapsedTimer timer;
    timer.start();
    Collection out;
    QString error;
    QVERIFY(!nodes->collect(m_context, out, &error));
    QVERIFY(timer.elapsed() < 3000);
    QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestNodeExporterSource)
#include "tst_nodeexportersource.moc"
