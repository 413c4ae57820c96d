#include "prometheussource.h"

#include "prometheusparser.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {

constexpr double MiB = 1024.0 * 1024.0;
constexpr double GiB = 1024.0 * MiB;
// Samples collected before they are committed in a transaction of their own.
constexpr qsizetype FlushEverySamples = 20000;

// Everything about every host in one instant query: each part is tagged with an opsdeck_fact label, and `or` keeps
// all parts because their label sets differ.
const char FactsQuery[] = "label_replace(count by (instance) (node_cpu_seconds_total{mode=\"idle\"}), "
                          "\"opsdeck_fact\", \"vcpus\", \"\", \"\")"
                          " or label_replace(max by (instance) (node_memory_MemTotal_bytes), "
                          "\"opsdeck_fact\", \"memory_bytes\", \"\", \"\")"
                          " or label_replace(max by (instance) "
                          "(node_filesystem_size_bytes{mountpoint=\"/\",fstype!=\"rootfs\"}), "
                          "\"opsdeck_fact\", \"disk_bytes\", \"\", \"\")"
                          " or label_replace(max by (instance, nodename) (node_uname_info), "
                          "\"opsdeck_fact\", \"uname\", \"\", \"\")"
                          " or label_replace(max by (instance) (up), \"opsdeck_fact\", \"up\", \"\", \"\")";

// %1 is an extra matcher (",instance=~`…`") or empty. Every selector already has a matcher, so %1 can follow it.
// CPU: like the local source, iowait counts as idle; guest time is already inside user/nice.
const char CpuQuery[] = "100 * (1 - sum by (instance) (rate(node_cpu_seconds_total{mode=~\"idle|iowait\"%1}[5m]))"
                        " / sum by (instance) (rate(node_cpu_seconds_total{mode!~\"guest|guest_nice\"%1}[5m])))";
const char MemoryQuery[] = "100 * (1 - max by (instance) (node_memory_MemAvailable_bytes{instance!=\"\"%1})"
                           " / max by (instance) (node_memory_MemTotal_bytes{instance!=\"\"%1}))";
// df: used = size − free; used / (used + avail).
const char DiskQuery[] = "max by (instance) (100 * (node_filesystem_size_bytes{mountpoint=\"/\",fstype!=\"rootfs\"%1}"
                         " - node_filesystem_free_bytes{mountpoint=\"/\",fstype!=\"rootfs\"%1})"
                         " / (node_filesystem_size_bytes{mountpoint=\"/\",fstype!=\"rootfs\"%1}"
                         " - node_filesystem_free_bytes{mountpoint=\"/\",fstype!=\"rootfs\"%1}"
                         " + node_filesystem_avail_bytes{mountpoint=\"/\",fstype!=\"rootfs\"%1}))";

struct Facts
{
    QString nodename;
    int vcpus = 0;
    qint64 memoryMb = 0;
    qint64 diskGb = 0;
    std::optional<bool> up;
    bool node = false; // has node_exporter metrics, not just a scrape target
};

// "10.0.0.5:9100" → "10.0.0.5", "[::1]:9100" → "::1"; anything else as it is.
QString hostPart(const QString &instance)
{
    const QString host = QUrl(QStringLiteral("//") + instance).host();
    return host.isEmpty() ? instance : host;
}

// A RE2 pattern matching exactly these instances; nullopt when one cannot be put in a PromQL raw string.
std::optional<QString> instanceMatcher(const QStringList &instances)
{
    static const QString special = QStringLiteral("\\.+*?()|[]{}^$");
    QStringList alternatives;
    for (const QString &instance : instances) {
        if (instance.contains(QLatin1Char('`')))
            return std::nullopt;
        QString escaped;
        for (const QChar c : instance) {
            if (special.contains(c))
                escaped += QLatin1Char('\\');
            escaped += c;
        }
        alternatives << escaped;
    }
    return QStringLiteral(",instance=~`") + alternatives.join(QLatin1Char('|')) + QLatin1Char('`');
}

} // namespace

PrometheusSource::PrometheusSource(const SourceConfig &config)
    : Source(config.name, QStringLiteral("prometheus"))
    , m_url(config.options.value(QStringLiteral("url")))
{
    bool ok = false;
    const qint64 backfill = config.options.value(QStringLiteral("backfill_seconds")).toLongLong(&ok);
    if (ok && backfill > 0)
        m_backfillSecs = backfill;
    m_httpOptions.transferTimeoutMs = 120000; // a month of a large fleet takes Prometheus a while
}

bool PrometheusSource::collect(SourceContext &context, Collection &out, QString *error)
{
    const QString where = QStringLiteral("Prometheus at %1").arg(m_url.toDisplayString());
    const QString advice = QStringLiteral("check [source.%1] url= and that Prometheus runs there").arg(name());
    if (!context.network()) {
        if (error)
            *error = QStringLiteral("source '%1' needs network access, which this sync has not set up").arg(name());
        return false;
    }
    HttpClient http(context.network(), context.rateLimiter(), m_httpOptions);
    const auto fail = [&](const QString &message) {
        out.apiCalls += http.apiCalls();
        out.throttled += http.throttled();
        out.retries += http.retries();
        if (error)
            *error = message;
        return false;
    };

    // One API call; on an HTTP error the body usually still holds Prometheus' own explanation.
    const auto call = [&](const QString &path, const QList<QPair<QByteArray, QString>> &params,
                          QString *callError) -> std::optional<QList<PrometheusSeries>> {
        QUrl url = m_url;
        url.setPath(m_url.path() + path);
        QByteArray query;
        for (const auto &param : params)
            query += (query.isEmpty() ? "" : "&") + param.first + '=' + QUrl::toPercentEncoding(param.second);
        url.setQuery(QString::fromLatin1(query), QUrl::TolerantMode);
        const HttpResponse response = http.get(url, context.cancelFlag());
        if (!response.ok()) {
            QString prometheusError;
            if (response.status != 0 && !PrometheusParser::parse(response.body, &prometheusError)
                && prometheusError.startsWith(QLatin1String("Prometheus error")))
                *callError = prometheusError + QStringLiteral(" (HTTP %1)").arg(response.status);
            else
                *callError = response.error.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status) : response.error;
            return std::nullopt;
        }
        return PrometheusParser::parse(response.body, callError);
    };

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 end = now / m_stepSecs * m_stepSecs;

    // The fleet as Prometheus sees it now.
    QString callError;
    const std::optional<QList<PrometheusSeries>> factSeries
        = call(QStringLiteral("/api/v1/query"),
               { { "query", QString::fromLatin1(FactsQuery) }, { "time", QString::number(now) } }, &callError);
    if (!factSeries)
        return fail(QStringLiteral("%1: %2; %3").arg(where, callError, advice));
    QHash<QString, Facts> facts;
    for (const PrometheusSeries &series : *factSeries) {
        const QString instance = series.metric.value(QStringLiteral("instance"));
        if (instance.isEmpty() || series.points.isEmpty() || !std::isfinite(series.points.first().value))
            continue;
        const double value = series.points.first().value;
        const QString fact = series.metric.value(QStringLiteral("opsdeck_fact"));
        Facts &host = facts[instance];
        if (fact == QLatin1String("up")) {
            host.up = value > 0;
            continue;
        }
        host.node = true;
        if (fact == QLatin1String("vcpus"))
            host.vcpus = int(value);
        else if (fact == QLatin1String("memory_bytes"))
            host.memoryMb = qRound64(value / MiB);
        else if (fact == QLatin1String("disk_bytes"))
            host.diskGb = qRound64(value / GiB);
        else if (fact == QLatin1String("uname"))
            host.nodename = series.metric.value(QStringLiteral("nodename"));
    }

    QSet<QString> emitted;
    const auto ensureResource = [&](const QString &instance) {
        if (emitted.contains(instance))
            return;
        emitted.insert(instance);
        const Facts host = facts.value(instance);
        ResourceInfo resource;
        resource.externalId = instance;
        resource.name = host.nodename.isEmpty() ? hostPart(instance) : host.nodename;
        resource.kind = QStringLiteral("host");
        resource.status = !host.up ? QStringLiteral("unknown")
            : *host.up             ? QStringLiteral("up")
                                   : QStringLiteral("down");
        resource.vcpus = host.vcpus;
        resource.memoryMb = host.memoryMb;
        resource.diskGb = host.diskGb;
        out.resources.append(resource);
    };
    QStringList fresh;
    const QStringList knownList
        = context.state(QStringLiteral("instances")).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QSet<QString> known(knownList.cbegin(), knownList.cend());
    for (auto it = facts.cbegin(); it != facts.cend(); ++it) {
        if (!it->node)
            continue;
        ensureResource(it.key());
        if (!known.contains(it.key()))
            fresh << it.key();
    }
    std::sort(fresh.begin(), fresh.end());

    // How far back a backfill may go: the configured span, but nothing older than the server keeps.
    qint64 backfillStart = end - m_backfillSecs;
    if (known.isEmpty() || !fresh.isEmpty()) {
        QUrl url = m_url;
        url.setPath(m_url.path() + QStringLiteral("/api/v1/status/runtimeinfo"));
        const HttpResponse response = http.get(url, context.cancelFlag());
        // Older servers and some proxies lack this endpoint: then empty calls past the retention are the only cost.
        if (const std::optional<qint64> retention
            = response.ok() ? PrometheusParser::parseRetentionSeconds(response.body) : std::nullopt)
            backfillStart = std::max(backfillStart, (now - *retention + m_stepSecs - 1) / m_stepSecs * m_stepSecs);
    }

    struct Phase
    {
        QString matcher;
        bool backfill = false;
    };
    QList<Phase> phases;
    if (known.isEmpty()) {
        phases.append(Phase { QString(), true });
    } else {
        phases.append(Phase { QString(), false });
        if (!fresh.isEmpty()) {
            // New hosts get their history without refetching everyone else's (unless their names defeat the filter).
            const std::optional<QString> matcher = instanceMatcher(fresh);
            phases.append(Phase { matcher.value_or(QString()), true });
        }
    }

    bool ok = false;
    const qint64 since = context.state(QStringLiteral("synced_until")).toLongLong(&ok);
    const struct
    {
        Metric metric;
        const char *query;
    } queries[] = { { Metric::Cpu, CpuQuery }, { Metric::Memory, MemoryQuery }, { Metric::Disk, DiskQuery } };

    for (const Phase &phase : std::as_const(phases)) {
        for (const auto &q : queries) {
            qint64 start = backfillStart;
            if (!phase.backfill) {
                // From the newest stored sample of the hosts synced before; a metric none of them has yet starts
                // where the last sync ended.
                qint64 newest = 0;
                for (const QString &instance : known)
                    newest = std::max(newest, context.lastSampleTs(instance, q.metric));
                const qint64 from = newest > 0 ? newest : (ok ? since : 0);
                if (from > 0)
                    start = std::max(backfillStart, from - OverlapSecs);
            }
            start = start / m_stepSecs * m_stepSecs;
            const QString expression = QString::fromLatin1(q.query).arg(phase.matcher);

            qint64 pointsPerCall = m_maxPointsPerSeries;
            for (qint64 from = start; from <= end;) {
                if (context.isCancelled())
                    return fail(QStringLiteral("source '%1' cancelled: OpsDeck was asked to stop").arg(name()));
                const qint64 to = std::min(end, from + (pointsPerCall - 1) * m_stepSecs);
                const std::optional<QList<PrometheusSeries>> result = call(QStringLiteral("/api/v1/query_range"),
                                                                           { { "query", expression },
                                                                             { "start", QString::number(from) },
                                                                             { "end", QString::number(to) },
                                                                             { "step", QString::number(m_stepSecs) } },
                                                                           &callError);
                if (!result) {
                    // What arrived so far is good: keep it, so the next sync resumes after it.
                    QString flushError;
                    context.flush(out, &flushError);
                    return fail(QStringLiteral("%1: %2 query failed: %3; %4")
                                    .arg(where, metricName(q.metric), callError, advice));
                }
                for (const PrometheusSeries &series : *result) {
                    const QString instance = series.metric.value(QStringLiteral("instance"));
                    if (instance.isEmpty())
                        continue;
                    ensureResource(instance);
                    for (const PrometheusPoint &point : series.points) {
                        if (std::isfinite(point.value)) // NaN: 0/0 on a host with a zero-sized filesystem
                            out.samples.append(CollectedSample { instance, q.metric, qRound64(point.ts),
                                                                 std::clamp(point.value, 0.0, 100.0) });
                    }
                }
                if (!result->isEmpty())
                    pointsPerCall = std::clamp<qint64>(MaxPointsPerCall / result->size(), 1, m_maxPointsPerSeries);
                from = to + m_stepSecs;
                if (out.samples.size() >= FlushEverySamples) {
                    QString flushError;
                    if (!context.flush(out, &flushError))
                        return fail(flushError);
                }
            }
        }
    }

    QStringList instances(known.cbegin(), known.cend());
    for (const QString &instance : std::as_const(emitted)) {
        if (!known.contains(instance))
            instances << instance;
    }
    instances.sort();
    context.setState(QStringLiteral("instances"), instances.join(QLatin1Char('\n')));
    context.setState(QStringLiteral("synced_until"), QString::number(end));
    out.apiCalls += http.apiCalls();
    out.throttled += http.throttled();
    out.retries += http.retries();
    return true;
}
