#include "fakedigitalocean.h"
#include "net/ratelimiter.h"
#include "sources/digitaloceansource.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace {

const char TokenVariable[] = "OPSDECK_TEST_DO_TOKEN";
constexpr qint64 Day = 24 * 3600;

using Kind = FakeDigitalOcean::FaultKind;

// Short timeouts and quick retries: every fault ends within seconds.
HttpOptions fastOptions()
{
    HttpOptions options;
    options.connectTimeoutMs = 1500;
    options.transferTimeoutMs = 3000;
    options.maxRetries = 2;
    options.baseBackoffMs = 10;
    options.maxBodyBytes = 8 * 1024 * 1024;
    return options;
}

qint64 rssKb()
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

FakeDigitalOcean::Fault fault(const QString &pattern, Kind kind, int status = 500, int times = -1)
{
    FakeDigitalOcean::Fault f;
    f.pattern = pattern;
    f.kind = kind;
    f.status = status;
    f.times = times;
    return f;
}

QList<CollectedSample> samplesOf(const Collection &out, const QString &id, Metric metric)
{
    QList<CollectedSample> result;
    for (const CollectedSample &s : out.samples) {
        if (s.externalId == id && s.metric == metric)
            result.append(s);
    }
    return result;
}

} // namespace

class TestDigitalOceanSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void fullSync();
    void incrementalSync();
    void tokenMissing();
    void tokenRejected();
    void unknownHostSkipped();
    void noAgent();
    void throttledWithRetryAfter();
    void throttledWithoutRetryAfter();
    void budgetExhaustedLeavesRestForNextSync();
    void hourlyBudgetSpreadsBackfillOverSyncs();
    void serverErrorsThenSuccess_data();
    void serverErrorsThenSuccess();
    void metricFailureSkipsOnlyThatMetric();
    void allMetricCallsFailing();
    void listFailures_data();
    void listFailures();
    void metricBodyFaults_data();
    void metricBodyFaults();
    void hugeBodyBoundedMemory();
    void connectionRefused();

private:
    // A small fleet unless the test needs the pagination one.
    void startServer(FakeDigitalOcean::Options options);
    std::unique_ptr<DigitalOceanSource> makeSource(const QMap<QString, QString> &extra = {}) const;
    bool collect(DigitalOceanSource &source, Collection *out, QString *error, SourceContext *context = nullptr);

    std::unique_ptr<FakeDigitalOcean> m_fake;
};

void TestDigitalOceanSource::init()
{
    qputenv(TokenVariable, "fake-do-token");
    FakeDigitalOcean::Options options;
    options.droplets = 2;
    options.databases = 0;
    options.apps = 1;
    startServer(options);
}

void TestDigitalOceanSource::cleanup()
{
    m_fake.reset();
}

void TestDigitalOceanSource::startServer(FakeDigitalOcean::Options options)
{
    m_fake = std::make_unique<FakeDigitalOcean>(std::move(options));
    QVERIFY(m_fake->start());
}

std::unique_ptr<DigitalOceanSource> TestDigitalOceanSource::makeSource(const QMap<QString, QString> &extra) const
{
    SourceConfig config;
    config.name = QStringLiteral("do");
    config.type = QStringLiteral("digitalocean");
    config.options = {
        { QStringLiteral("api_url"), m_fake->url() },
        { QStringLiteral("token_env"), QString::fromLatin1(TokenVariable) },
        { QStringLiteral("requests_per_minute"), QStringLiteral("250") },
        { QStringLiteral("requests_per_hour"), QStringLiteral("5000") },
        { QStringLiteral("backfill"), QStringLiteral("1d") },
        { QStringLiteral("backfill_seconds"), QString::number(Day) },
    };
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        config.options.insert(it.key(), it.value());
    auto source = std::make_unique<DigitalOceanSource>(config);
    source->setHttpOptions(fastOptions());
    return source;
}

bool TestDigitalOceanSource::collect(DigitalOceanSource &source, Collection *out, QString *error,
                                     SourceContext *context)
{
    SourceContext local;
    return source.collect(context ? *context : local, *out, error);
}

void TestDigitalOceanSource::fullSync()
{
    FakeDigitalOcean::Options options;
    options.droplets = 5;
    options.databases = 2;
    options.apps = 3;
    options.maxPerPage = 2; // 3 pages of droplets, 2 of apps
    startServer(options);
    auto source = makeSource();
    Collection out;
    QString error;
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    QVERIFY2(source->problems().isEmpty(), qPrintable(source->problems().join(QLatin1Char('\n'))));

    // Resources and their facts.
    QCOMPARE(out.resources.size(), 10);
    QHash<QString, ResourceInfo> byId;
    for (const ResourceInfo &r : std::as_const(out.resources))
        byId.insert(r.externalId, r);
    const ResourceInfo web = byId.value(m_fake->dropletId(1));
    QCOMPARE(web.kind, QStringLiteral("droplet"));
    QCOMPARE(web.name, QStringLiteral("web-01"));
    QCOMPARE(web.region, QStringLiteral("ams3"));
    QCOMPARE(web.status, QStringLiteral("active"));
    QCOMPARE(web.vcpus, 2);
    QCOMPARE(web.memoryMb, qint64(4096));
    QCOMPARE(web.diskGb, qint64(50));
    QCOMPARE(web.tags, (QStringList { QStringLiteral("env:prod"), QStringLiteral("role:web") }));
    const ResourceInfo mysql = byId.value(m_fake->databaseId(0));
    QCOMPARE(mysql.kind, QStringLiteral("database"));
    QCOMPARE(mysql.region, QStringLiteral("nyc3"));
    QCOMPARE(mysql.vcpus, 2);
    QCOMPARE(mysql.memoryMb, qint64(4096));
    QCOMPARE(mysql.diskGb, qint64(60));
    QCOMPARE(byId.value(m_fake->databaseId(1)).kind, QStringLiteral("database"));
    const ResourceInfo app = byId.value(m_fake->appId(2));
    QCOMPARE(app.kind, QStringLiteral("app"));
    QCOMPARE(app.name, QStringLiteral("app-2"));
    QCOMPARE(app.region, QStringLiteral("ams"));
    QCOMPARE(app.status, QStringLiteral("active"));

    // Droplet metrics equal the server's truth, over the whole backfill.
    for (int i = 0; i < 5; ++i) {
        const QString id = m_fake->dropletId(i);
        const auto cpu = samplesOf(out, id, Metric::Cpu);
        QVERIFY2(cpu.size() >= 286, qPrintable(QString::number(cpu.size())));
        for (const CollectedSample &s : cpu) {
            QVERIFY(s.ts >= before - Day);
            const std::optional<double> truth = m_fake->trueCpuPercent(i, s.ts);
            QVERIFY2(truth,
                     qPrintable(QStringLiteral("droplet %1 has CPU at %2, the reboot interval").arg(i).arg(s.ts)));
            QVERIFY2(qAbs(s.value - *truth) < 1e-9, qPrintable(QStringLiteral("%1 != %2").arg(s.value).arg(*truth)));
        }
        const auto memory = samplesOf(out, id, Metric::Memory);
        QVERIFY(memory.size() >= 287);
        for (const CollectedSample &s : memory)
            QVERIFY(qAbs(s.value - m_fake->trueMemoryPercent(i, s.ts)) < 1e-9);
        const auto disk = samplesOf(out, id, Metric::Disk);
        QVERIFY(disk.size() >= 287);
        for (const CollectedSample &s : disk)
            QVERIFY(qAbs(s.value - m_fake->trueDiskPercent(i, s.ts)) < 1e-9);
    }
    // The reboot interval of droplet 0 is dropped, the next one is there.
    QSet<qint64> droplet0;
    for (const CollectedSample &s : samplesOf(out, m_fake->dropletId(0), Metric::Cpu))
        droplet0.insert(s.ts);
    QVERIFY(!droplet0.contains(m_fake->rebootTs()));
    QVERIFY(droplet0.contains(m_fake->rebootTs() + 300));

    // Apps (the mean of their components) and the MySQL cluster; the pg cluster has no metrics.
    for (int a = 0; a < 3; ++a) {
        const auto cpu = samplesOf(out, m_fake->appId(a), Metric::Cpu);
        QVERIFY(cpu.size() >= 287);
        for (const CollectedSample &s : cpu)
            QVERIFY(qAbs(s.value - m_fake->trueAppPercent(a, QStringLiteral("cpu_percentage"), s.ts)) < 1e-9);
        for (const CollectedSample &s : samplesOf(out, m_fake->appId(a), Metric::Memory))
            QVERIFY(qAbs(s.value - m_fake->trueAppPercent(a, QStringLiteral("memory_percentage"), s.ts)) < 1e-9);
    }
    const QList<std::pair<Metric, QString>> mysqlMetrics { { Metric::Cpu, QStringLiteral("cpu_usage") },
                                                           { Metric::Memory, QStringLiteral("memory_usage") },
                                                           { Metric::Disk, QStringLiteral("disk_usage") } };
    for (const auto &[metric, name] : mysqlMetrics) {
        const auto samples = samplesOf(out, m_fake->databaseId(0), metric);
        QVERIFY(samples.size() >= 287);
        for (const CollectedSample &s : samples)
            QVERIFY(qAbs(s.value - m_fake->trueDatabasePercent(0, name, s.ts)) < 1e-9);
    }
    QVERIFY(samplesOf(out, m_fake->databaseId(1), Metric::Cpu).isEmpty());

    // The minimum: 3 + 1 + 2 list pages, 5 per droplet, 3 for the MySQL cluster, 2 per app — each once.
    const int expected = 3 + 1 + 2 + 5 * 5 + 3 + 3 * 2;
    QCOMPARE(m_fake->requestCount(), expected);
    QCOMPARE(out.apiCalls, expected);
    QCOMPARE(out.retries, 0);
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/monitoring/metrics/droplet/cpu")), 5);
    QCOMPARE(QSet<QString>(m_fake->requests().cbegin(), m_fake->requests().cend()).size(), expected);
    QVERIFY(m_fake->maxRequestsPerMinute() <= 250);
    QCOMPARE(m_fake->rejectedCount(), 0);
}

void TestDigitalOceanSource::incrementalSync()
{
    // The fleet's newest data is an hour old at the first sync; the second sees an hour more.
    m_fake->setClockOffset(-3600);
    auto source = makeSource();
    Collection first;
    QString error;
    QVERIFY2(collect(*source, &first, &error), qPrintable(error));

    SourceContext context;
    QHash<QString, qint64> newest;
    for (const CollectedSample &s : std::as_const(first.samples)) {
        const QString key = s.externalId + QLatin1Char('/') + metricName(s.metric);
        if (s.ts > newest.value(key)) {
            newest.insert(key, s.ts);
            context.setLastSampleTs(s.externalId, s.metric, s.ts);
        }
    }
    QSet<QString> stored;
    for (const CollectedSample &s : std::as_const(first.samples))
        stored.insert(s.externalId + QLatin1Char('/') + metricName(s.metric) + QLatin1Char('/')
                      + QString::number(s.ts));

    m_fake->setClockOffset(0);
    m_fake->resetCounters();
    Collection second;
    QVERIFY2(collect(*source, &second, &error, &context), qPrintable(error));
    QCOMPARE(m_fake->requestCount(), 3 + 2 * 5 + 2);

    // Only new samples, no sample written twice, about an hour of them per metric.
    for (const CollectedSample &s : std::as_const(second.samples)) {
        QVERIFY(s.ts > context.lastSampleTs(s.externalId, s.metric));
        QVERIFY(!stored.contains(s.externalId + QLatin1Char('/') + metricName(s.metric) + QLatin1Char('/')
                                 + QString::number(s.ts)));
    }
    for (int i = 0; i < 2; ++i) {
        const auto cpu = samplesOf(second, m_fake->dropletId(i), Metric::Cpu);
        QVERIFY2(cpu.size() >= 11 && cpu.size() <= 13, qPrintable(QString::number(cpu.size())));
        for (const CollectedSample &s : cpu)
            QVERIFY(qAbs(s.value - m_fake->trueCpuPercent(i, s.ts).value_or(-1)) < 1e-9);
    }
    // Each window starts just before the stored data (overlap + one CPU step), not at the backfill.
    const QStringList requests = m_fake->requests();
    for (const QString &target : requests) {
        if (!target.startsWith(QLatin1String("/v2/monitoring/")))
            continue;
        const QUrlQuery query(QUrl(target).query());
        const QString id = query.hasQueryItem(QStringLiteral("host_id"))
            ? query.queryItemValue(QStringLiteral("host_id"))
            : query.queryItemValue(QStringLiteral("app_id"));
        const qint64 start = query.queryItemValue(QStringLiteral("start")).toLongLong();
        const qint64 last = context.lastSampleTs(id, Metric::Memory);
        QVERIFY2(start >= last - 900 && start <= last, qPrintable(target));
    }
}

void TestDigitalOceanSource::tokenMissing()
{
    qunsetenv(TokenVariable);
    auto source = makeSource();
    Collection out;
    QString error;
    QVERIFY(!collect(*source, &out, &error));
    QCOMPARE(error,
             QStringLiteral("DigitalOcean token missing for source 'do': set OPSDECK_TEST_DO_TOKEN (the variable "
                            "named by token_env), or paste a token in the desktop app's Settings → Sources, which "
                            "keeps it in the system keyring"));
    QCOMPARE(m_fake->requestCount(), 0);
}

void TestDigitalOceanSource::tokenRejected()
{
    qputenv(TokenVariable, "dop_v1_wrong-secret-value");
    auto source = makeSource();
    Collection out;
    QString error;
    QVERIFY(!collect(*source, &out, &error));
    QVERIFY2(error.startsWith(QLatin1String("DigitalOcean token rejected (401) for source 'do': check "
                                            "OPSDECK_TEST_DO_TOKEN")),
             qPrintable(error));
    QVERIFY(!error.contains(QLatin1String("wrong-secret")));
    QCOMPARE(m_fake->requestCount(), 1); // not retried, nothing else tried

    // A 401 in the middle (token revoked during the sync) also ends it at once.
    qputenv(TokenVariable, "fake-do-token");
    m_fake->resetCounters();
    m_fake->addFault(fault(QStringLiteral("droplet/memory_total"), Kind::Status, 401));
    QVERIFY(!collect(*source, &out, &error));
    QVERIFY2(error.contains(QLatin1String("token rejected (401)")), qPrintable(error));
    QCOMPARE(m_fake->requestCount(), 3 + 2);
}

void TestDigitalOceanSource::unknownHostSkipped()
{
    m_fake->addFault(fault(QStringLiteral("host_id=") + m_fake->dropletId(1), Kind::Status, 404));
    auto source = makeSource();
    Collection out;
    QString error;
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    QVERIFY(samplesOf(out, m_fake->dropletId(1), Metric::Cpu).isEmpty());
    QVERIFY(!samplesOf(out, m_fake->dropletId(0), Metric::Cpu).isEmpty());
    QVERIFY(!samplesOf(out, m_fake->appId(0), Metric::Cpu).isEmpty());
    QCOMPARE(source->problems().size(), 1);
    QVERIFY2(source->problems().constFirst().contains(QLatin1String("droplet 'web-01'"))
                 && source->problems().constFirst().contains(QLatin1String("404")),
             qPrintable(source->problems().constFirst()));
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/monitoring/metrics/droplet/")), 5 + 1);
}

void TestDigitalOceanSource::noAgent()
{
    m_fake->addFault(fault(QStringLiteral("host_id=") + m_fake->dropletId(0), Kind::EmptyResult));
    auto source = makeSource();
    Collection out;
    QString error;
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    QVERIFY(source->problems().isEmpty());
    QCOMPARE(out.resources.size(), 3); // still listed
    for (Metric metric : AllMetrics)
        QVERIFY(samplesOf(out, m_fake->dropletId(0), metric).isEmpty());
    QVERIFY(!samplesOf(out, m_fake->dropletId(1), Metric::Disk).isEmpty());
    // No agent, no other metrics to ask for: one call for that droplet.
    QCOMPARE(m_fake->requestCount(), 3 + 1 + 5 + 2);
}

void TestDigitalOceanSource::throttledWithRetryAfter()
{
    auto f = fault(QStringLiteral("/v2/databases"), Kind::Status, 429, 1);
    f.retryAfter = true; // "retry-after: 1"
    m_fake->addFault(f);
    auto source = makeSource();
    Collection out;
    QString error;
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(out.throttled, 1);
    QCOMPARE(out.retries, 1);
    QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/databases")), 2);
}

void TestDigitalOceanSource::throttledWithoutRetryAfter()
{
    auto f = fault(QStringLiteral("/v2/apps"), Kind::Status, 429, 1);
    f.retryAfter = false; // only ratelimit-reset says when
    m_fake->addFault(f);
    auto source = makeSource();
    QList<qint64> waits;
    source->setSleepFunction([&waits](qint64 ms) { waits.append(ms); });
    Collection out;
    QString error;
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    QCOMPARE(out.throttled, 1);
    QVERIFY(!waits.isEmpty());
    QVERIFY2(std::any_of(waits.cbegin(), waits.cend(), [](qint64 ms) { return ms > 0 && ms <= 61000; }),
             qPrintable(QString::number(waits.value(0))));
}

void TestDigitalOceanSource::budgetExhaustedLeavesRestForNextSync()
{
    // The server allows 5 a minute: 3 list calls and 2 metric calls, then only 429s.
    m_fake->setRequestsPerMinute(5);
    auto source = makeSource();
    source->setSleepFunction([](qint64) {}); // don't wait out the minute
    Collection out;
    QString error;
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    QCOMPARE(out.resources.size(), 3);
    QVERIFY(!samplesOf(out, m_fake->dropletId(0), Metric::Cpu).isEmpty());
    QVERIFY(samplesOf(out, m_fake->dropletId(1), Metric::Cpu).isEmpty());
    QVERIFY2(source->problems().join(QLatin1Char('\n')).contains(QLatin1String("rate limit")),
             qPrintable(source->problems().join(QLatin1Char('\n'))));
    // The server said remaining 0 until its minute resets. Depending on where in that minute the sync is, the
    // source either stops before asking again (the wait is over a minute: no 429 at all), or it asks and is
    // refused (the request and its 2 retries, then nothing more). Never more than that.
    QVERIFY2(m_fake->rejectedCount() == 0 || m_fake->rejectedCount() == 3,
             qPrintable(QString::number(m_fake->rejectedCount())));
    QCOMPARE(m_fake->requestCount(), 5 + m_fake->rejectedCount());
    QCOMPARE(out.throttled, m_fake->rejectedCount());
}

// A backfill that needs more requests than the hour allows stops at the budget instead of sleeping for the hour
// inside the sync (or failing), and the next sync picks up exactly what is missing.
void TestDigitalOceanSource::hourlyBudgetSpreadsBackfillOverSyncs()
{
    // 2 droplets and 1 app: 3 list calls + 2 × 5 + 2 metric calls = 15; the hour allows 8.
    auto source = makeSource();
    RateLimiter tightHour(250, 8);
    SourceContext first;
    first.setNetwork(nullptr, &tightHour);
    Collection out;
    QString error;
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(collect(*source, &out, &error, &first), qPrintable(error));
    QVERIFY2(clock.elapsed() < 10000, "the sync must not wait for the hour window");
    QCOMPARE(m_fake->requestCount(), 8);
    QCOMPARE(m_fake->rejectedCount(), 0);
    QVERIFY(!samplesOf(out, m_fake->dropletId(0), Metric::Cpu).isEmpty());
    QVERIFY(samplesOf(out, m_fake->dropletId(1), Metric::Cpu).isEmpty());
    const QString problems = out.problems.join(QLatin1Char('\n'));
    QVERIFY2(problems.contains(QLatin1String("budget")) && problems.contains(QLatin1String("next sync")),
             qPrintable(problems));

    // The next cycle, in a new hour: what is stored is not fetched again, what is missing is.
    SourceContext next;
    RateLimiter newHour(250, 5000);
    next.setNetwork(nullptr, &newHour);
    QSet<QString> stored;
    for (const CollectedSample &s : std::as_const(out.samples)) {
        stored.insert(s.externalId + QLatin1Char('/') + metricName(s.metric) + QLatin1Char('/') + QString::number(s.ts));
        if (s.ts > next.lastSampleTs(s.externalId, s.metric))
            next.setLastSampleTs(s.externalId, s.metric, s.ts);
    }
    Collection rest;
    QVERIFY2(collect(*source, &rest, &error, &next), qPrintable(error));
    QVERIFY2(rest.problems.isEmpty(), qPrintable(rest.problems.join(QLatin1Char('\n'))));
    QVERIFY(!samplesOf(rest, m_fake->dropletId(1), Metric::Cpu).isEmpty());
    for (const CollectedSample &s : std::as_const(rest.samples)) {
        QVERIFY(!stored.contains(s.externalId + QLatin1Char('/') + metricName(s.metric) + QLatin1Char('/')
                                 + QString::number(s.ts)));
    }
}

void TestDigitalOceanSource::serverErrorsThenSuccess_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("kind");
    QTest::newRow("500 on a list") << QStringLiteral("/v2/droplets") << 500 << int(Kind::Status);
    QTest::newRow("503 on a metric") << QStringLiteral("droplet/cpu") << 503 << int(Kind::Status);
    QTest::newRow("connection closed") << QStringLiteral("/v2/apps") << 0 << int(Kind::CloseConnection);
}

void TestDigitalOceanSource::serverErrorsThenSuccess()
{
    QFETCH(QString, pattern);
    QFETCH(int, status);
    QFETCH(int, kind);
    m_fake->addFault(fault(pattern, Kind(kind), status, 2));
    auto source = makeSource();
    Collection out;
    QString error;
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    QVERIFY(source->problems().isEmpty());
    QCOMPARE(m_fake->requestCount(), 3 + 10 + 2 + 2);
    // Qt resends a GET once by itself when a kept-alive connection closes before answering: not our retry.
    QVERIFY(out.retries >= (Kind(kind) == Kind::CloseConnection ? 1 : 2));
    QVERIFY(!samplesOf(out, m_fake->dropletId(0), Metric::Cpu).isEmpty());
}

void TestDigitalOceanSource::metricFailureSkipsOnlyThatMetric()
{
    m_fake->addFault(fault(QStringLiteral("droplet/memory_available"), Kind::Status, 500));
    auto source = makeSource();
    Collection out;
    QString error;
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    for (int i = 0; i < 2; ++i) {
        QVERIFY(samplesOf(out, m_fake->dropletId(i), Metric::Memory).isEmpty());
        QVERIFY(!samplesOf(out, m_fake->dropletId(i), Metric::Cpu).isEmpty());
        QVERIFY(!samplesOf(out, m_fake->dropletId(i), Metric::Disk).isEmpty());
    }
    QCOMPARE(source->problems().size(), 2);
    QVERIFY2(source->problems().constFirst().contains(QLatin1String("source 'do': droplet 'web-00'"))
                 && source->problems().constFirst().contains(QLatin1String("HTTP 500"))
                 && source->problems().constFirst().contains(QLatin1String("next sync")),
             qPrintable(source->problems().constFirst()));
}

void TestDigitalOceanSource::allMetricCallsFailing()
{
    m_fake->addFault(fault(QStringLiteral("/v2/monitoring/"), Kind::Status, 503));
    auto source = makeSource();
    Collection out;
    QString error;
    QVERIFY(!collect(*source, &out, &error));
    QVERIFY2(error.startsWith(QLatin1String("source 'do': all 4 DigitalOcean metric requests failed")),
             qPrintable(error));
}

void TestDigitalOceanSource::listFailures_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("delayMs");
    QTest::addColumn<QString>("expected");

    QTest::newRow("500 persists") << QStringLiteral("/v2/droplets") << int(Kind::Status) << 0
                                  << QStringLiteral("cannot list DigitalOcean resources for source 'do'");
    QTest::newRow("garbage") << QStringLiteral("/v2/droplets") << int(Kind::GarbageBody) << 0
                             << QStringLiteral("not the documented DigitalOcean response (not JSON");
    QTest::newRow("wrong types") << QStringLiteral("/v2/databases") << int(Kind::WrongTypes) << 0
                                 << QStringLiteral("(databases: expected an array, found a string)");
    QTest::newRow("timeout") << QStringLiteral("/v2/apps") << int(Kind::Delay) << 4000 << QStringLiteral("timed out");
    QTest::newRow("slow body") << QStringLiteral("/v2/apps") << int(Kind::SlowBody) << 1000
                               << QStringLiteral("timed out");
    QTest::newRow("truncated") << QStringLiteral("/v2/droplets") << int(Kind::TruncatedBody) << 0
                               << QStringLiteral("GET /v2/droplets?page=1 failed");
}

void TestDigitalOceanSource::listFailures()
{
    QFETCH(QString, pattern);
    QFETCH(int, kind);
    QFETCH(int, delayMs);
    QFETCH(QString, expected);
    auto f = fault(pattern, Kind(kind));
    f.delayMs = delayMs;
    m_fake->addFault(f);
    auto source = makeSource();
    HttpOptions options = fastOptions();
    options.maxRetries = 1;
    source->setHttpOptions(options);
    Collection out;
    QString error;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!collect(*source, &out, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("'do'")), qPrintable(error));
    QVERIFY(!error.contains(QLatin1String("fake-do-token")));
    QVERIFY(clock.elapsed() < 20000);
    QVERIFY(out.samples.isEmpty());
}

void TestDigitalOceanSource::metricBodyFaults_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("delayMs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("garbage") << int(Kind::GarbageBody) << 0 << QStringLiteral("unexpected body (not JSON");
    QTest::newRow("wrong types") << int(Kind::WrongTypes) << 0
                                 << QStringLiteral("expected the value as a string, found an object");
    QTest::newRow("truncated") << int(Kind::TruncatedBody) << 0 << QStringLiteral("failed (");
    QTest::newRow("slow body") << int(Kind::SlowBody) << 1000 << QStringLiteral("timed out");
}

void TestDigitalOceanSource::metricBodyFaults()
{
    QFETCH(int, kind);
    QFETCH(int, delayMs);
    QFETCH(QString, expected);
    auto f = fault(QStringLiteral("droplet/cpu?host_id=") + m_fake->dropletId(0), Kind(kind));
    f.delayMs = delayMs;
    m_fake->addFault(f);
    auto source = makeSource();
    HttpOptions options = fastOptions();
    options.maxRetries = 1;
    source->setHttpOptions(options);
    Collection out;
    QString error;
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    QCOMPARE(source->problems().size(), 1);
    QVERIFY2(source->problems().constFirst().contains(expected)
                 && source->problems().constFirst().contains(QLatin1String("droplet 'web-00'")),
             qPrintable(source->problems().constFirst()));
    QVERIFY(samplesOf(out, m_fake->dropletId(0), Metric::Cpu).isEmpty());
    QVERIFY(!samplesOf(out, m_fake->dropletId(1), Metric::Cpu).isEmpty());
}

void TestDigitalOceanSource::hugeBodyBoundedMemory()
{
    m_fake->addFault(fault(QStringLiteral("droplet/cpu?host_id=") + m_fake->dropletId(0), Kind::HugeBody));
    auto source = makeSource();
    HttpOptions options = fastOptions();
    options.maxRetries = 0;
    options.transferTimeoutMs = 20000;
    source->setHttpOptions(options);
    const qint64 rssBefore = rssKb();
    Collection out;
    QString error;
    QVERIFY2(collect(*source, &out, &error), qPrintable(error));
    const qint64 rssAfter = rssKb();
    QVERIFY2(rssAfter - rssBefore < 100 * 1024,
             qPrintable(QStringLiteral("RSS grew by %1 kB").arg(rssAfter - rssBefore)));
    QCOMPARE(source->problems().size(), 1);
    QVERIFY2(source->problems().constFirst().contains(QLatin1String("larger than")),
             qPrintable(source->problems().constFirst()));
    QVERIFY(!samplesOf(out, m_fake->dropletId(1), Metric::Cpu).isEmpty());
}

void TestDigitalOceanSource::connectionRefused()
{
    auto source = makeSource();
    m_fake->stop();
    Collection out;
    QString error;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!collect(*source, &out, &error));
    QVERIFY2(error.contains(QLatin1String("connection refused")) && error.contains(QLatin1String("'do'"))
                 && error.contains(QLatin1String("check api_url")),
             qPrintable(error));
    QVERIFY(clock.elapsed() < 10000);
}

QTEST_GUILESS_MAIN(TestDigitalOceanSource)
#include "tst_digitaloceansource.moc"
