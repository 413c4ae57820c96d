#include "nodeexportersource.h"

#include "nodeexporterparser.h"

#include <QDateTime>
#include <QEventLoop>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace {

// Counters older than this describe a mostly forgotten past: a fresh two-scrape measurement says more about "now".
constexpr qint64 MaxCounterAgeSecs = 24 * 60 * 60;

constexpr double MiB = 1024.0 * 1024.0;
constexpr double GiB = 1024.0 * MiB;

QString countersKey(const QString &target)
{
    return QStringLiteral("cpu:") + target;
}

QString countersTsKey(const QString &target)
{
    return QStringLiteral("cpu_ts:") + target;
}

struct Scrape
{
    QString target;
    NodeMetrics metrics;
    qint64 ts = 0;
    std::optional<double> cpu;
    QString error; // empty when the scrape worked
};

// One GET of a target's /metrics and its parse; the error names the cause, the caller adds the target.
bool scrape(HttpClient &http, const SourceContext &context, Scrape *result)
{
    const HttpResponse response = http.get(QUrl(result->target), context.cancelFlag());
    if (!response.ok()) {
        result->error = response.error.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status) : response.error;
        return false;
    }
    QString parseError;
    std::optional<NodeMetrics> metrics = NodeExporterParser::parse(response.body, &parseError);
    if (!metrics) {
        result->error = QStringLiteral("the response is not Prometheus text format (%1); is the URL the /metrics page "
                                       "of a node_exporter?")
                            .arg(parseError);
        return false;
    }
    if (metrics->isEmpty()) {
        result->error = QStringLiteral("the page has no node_exporter metrics (node_cpu_seconds_total, "
                                       "node_memory_MemTotal_bytes, node_uname_info); is it a node_exporter?");
        return false;
    }
    result->metrics = std::move(*metrics);
    result->ts = QDateTime::currentSecsSinceEpoch();
    result->error.clear();
    return true;
}

// Waits on a local event loop (so queued network work of this thread keeps running) and wakes up early when the
// sync engine is being stopped.
bool waitUnlessCancelled(const SourceContext &context, int ms)
{
    if (context.isCancelled())
        return false;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (context.isCancelled())
            loop.quit();
    });
    deadline.start(std::max(ms, 0));
    poll.start(50);
    loop.exec();
    return !context.isCancelled();
}

QString hostAndPort(const QString &target)
{
    const QUrl url(target);
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + QLatin1Char(':') + QString::number(port);
}

} // namespace

NodeExporterSource::NodeExporterSource(const SourceConfig &config)
    : Source(config.name, QStringLiteral("node_exporter"))
{
    for (const QString &target : config.options.value(QStringLiteral("targets")).split(QLatin1Char(','))) {
        const QString trimmed = target.trimmed();
        if (!trimmed.isEmpty() && !m_targets.contains(trimmed))
            m_targets.append(trimmed);
    }
    // A scrape is cheap to redo at the next sync: fail a dead target fast instead of retrying for long.
    m_httpOptions.connectTimeoutMs = 10000;
    m_httpOptions.transferTimeoutMs = 30000;
    m_httpOptions.maxRetries = 2;
}

bool NodeExporterSource::collect(SourceContext &context, Collection &out, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_targets.isEmpty())
        return fail(QStringLiteral("source '%1' has no targets: list node_exporter URLs in targets=").arg(name()));
    if (!context.network())
        return fail(QStringLiteral("source '%1' needs network access, which this sync has not set up").arg(name()));

    HttpClient http(context.network(), context.rateLimiter(), m_httpOptions);
    const auto countCalls = [&] {
        out.apiCalls += http.apiCalls();
        out.throttled += http.throttled();
        out.retries += http.retries();
    };
    const auto cancelled = [&] {
        countCalls();
        return fail(QStringLiteral("source '%1' cancelled: OpsDeck was asked to stop").arg(name()));
    };

    QList<Scrape> scrapes;
    for (const QString &target : m_targets) {
        if (context.isCancelled())
            return cancelled();
        Scrape one;
        one.target = target;
        scrape(http, context, &one);
        scrapes.append(one);
    }

    // CPU % against the counters of the previous sync; targets without usable ones get a second scrape.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<qsizetype> again;
    for (qsizetype i = 0; i < scrapes.size(); ++i) {
        Scrape &one = scrapes[i];
        if (!one.error.isEmpty() || !one.metrics.cpu)
            continue;
        const std::optional<NodeCpuCounters> stored
            = NodeCpuCounters::fromString(context.state(countersKey(one.target)));
        bool tsOk = false;
        const qint64 storedTs = context.state(countersTsKey(one.target)).toLongLong(&tsOk);
        if (stored && tsOk && now - storedTs <= MaxCounterAgeSecs)
            one.cpu = NodeExporterParser::cpuPercent(*stored, *one.metrics.cpu);
        if (!one.cpu)
            again.append(i);
    }
    if (!again.isEmpty()) {
        if (!waitUnlessCancelled(context, m_secondScrapeDelayMs))
            return cancelled();
        for (qsizetype i : std::as_const(again)) {
            if (context.isCancelled())
                return cancelled();
            Scrape second;
            second.target = scrapes[i].target;
            // A failed second scrape keeps the first one: memory and disk are still good, CPU waits a sync.
            if (!scrape(http, context, &second) || !second.metrics.cpu)
                continue;
            second.cpu = NodeExporterParser::cpuPercent(*scrapes[i].metrics.cpu, *second.metrics.cpu);
            scrapes[i] = second;
        }
    }
    countCalls();

    QStringList failures;
    for (const Scrape &one : std::as_const(scrapes)) {
        if (!one.error.isEmpty()) {
            failures << one.target + QStringLiteral(": ") + one.error;
            continue;
        }
        const NodeMetrics &m = one.metrics;
        ResourceInfo resource;
        resource.externalId = one.target;
        resource.name = m.nodename.isEmpty() ? hostAndPort(one.target) : m.nodename;
        resource.kind = QStringLiteral("host");
        resource.status = QStringLiteral("up");
        resource.vcpus = m.vcpus;
        if (m.memTotalBytes && *m.memTotalBytes > 0)
            resource.memoryMb = qRound64(*m.memTotalBytes / MiB);
        if (m.fsSizeBytes && *m.fsSizeBytes > 0)
            resource.diskGb = qRound64(*m.fsSizeBytes / GiB);
        out.resources.append(resource);

        const auto addSample = [&](Metric metric, std::optional<double> value) {
            if (value)
                out.samples.append(CollectedSample { one.target, metric, one.ts, std::clamp(*value, 0.0, 100.0) });
        };
        addSample(Metric::Cpu, one.cpu);
        addSample(Metric::Memory, m.memoryPercent());
        addSample(Metric::Disk, m.diskPercent());
        if (m.cpu) {
            context.setState(countersKey(one.target), m.cpu->toString());
            context.setState(countersTsKey(one.target), QString::number(one.ts));
        }
    }

    if (failures.isEmpty())
        return true;
    const QString advice
        = QStringLiteral("check that node_exporter runs there and that [source.%1] targets= is right").arg(name());
    if (failures.size() == scrapes.size()) {
        if (failures.size() == 1)
            return fail(QStringLiteral("node_exporter target %1; %2").arg(failures.first(), advice));
        return fail(QStringLiteral("all %1 node_exporter targets failed: %2; %3")
                        .arg(failures.size())
                        .arg(failures.join(QStringLiteral("; ")), advice));
    }
    // Some hosts answered: keep them fresh, then report the failure so the sync log and exit status show it.
    QString flushError;
    if (!context.flush(out, &flushError))
        return fail(flushError);
    return fail(QStringLiteral("%1 of %2 node_exporter targets failed (the other %3 were collected): %4; %5")
                    .arg(failures.size())
                    .arg(scrapes.size())
                    .arg(scrapes.size() - failures.size())
                    .arg(failures.join(QStringLiteral("; ")), advice));
}
