#include "digitaloceansource.h"

#include "digitaloceanparser.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QUrlQuery>

#include <algorithm>

Q_LOGGING_CATEGORY(lcDigitalOcean, "opsdeck.sources.digitalocean")

namespace {

constexpr int PerPage = 200; // the API's maximum
constexpr qint64 StepSeconds = 300; // the Monitoring API's usual resolution for long windows
// Re-read this much before the newest stored sample: points the API publishes late still arrive.
constexpr qint64 OverlapSeconds = 600;
// Commit every this many samples, so a 30-day backfill of a large fleet never sits in memory at once.
constexpr int FlushEvery = 50000;
constexpr int MaxPages = 10000; // a server whose `next` never ends must not keep the sync busy forever

using Series = QList<DigitalOceanSeries>;
using Points = QList<DigitalOceanPoint>;

} // namespace

// The state of one collect(): the HTTP client, the counters and the problems met so far.
// Longest wait for the rate budget inside one sync; beyond it the rest waits for the next sync.
constexpr qint64 MaxBudgetWaitMs = 60000;

class DigitalOceanSource::Run
{
public:
    enum class Result { Ok, Skip, Stop };

    Run(DigitalOceanSource &source, SourceContext &context, Collection &out, HttpClient &client,
        const RateLimiter &limiter, qint64 now)
        : m_source(source)
        , m_context(context)
        , m_out(out)
        , m_client(client)
        , m_limiter(limiter)
        , m_now(now)
    { }

    bool execute(QString *error);

private:
    bool list(const QString &path, bool paged,
              const std::function<bool(const QByteArray &, int *next, QString *)> &parse, QString *error);
    // One metric request. Ok with the parsed series; Skip when this resource's metric is unavailable (the
    // problem is recorded); Stop when the sync must end (token rejected, cancelled, rate limit exhausted).
    Result fetch(const ResourceInfo &resource, const QString &path, const QString &idParam, const QString &window,
                 qint64 start, Series *series);
    bool addSamples(const ResourceInfo &resource, Metric metric, const Points &points, QString *error);
    qint64 windowStart(const QString &id, Metric metric, qint64 extra) const;

    bool collectDroplet(const ResourceInfo &droplet, Result *result, QString *error);
    bool collectPercentages(const ResourceInfo &resource, const QString &prefix, const QString &idParam,
                            const QList<std::pair<QString, Metric>> &metrics,
                            const QList<std::pair<QString, QString>> &extra, Result *result, QString *error);

    QString describe(const HttpResponse &response) const;
    QString fatalMessage(const HttpResponse &response, const QString &what) const;

    DigitalOceanSource &m_source;
    SourceContext &m_context;
    Collection &m_out;
    HttpClient &m_client;
    const RateLimiter &m_limiter;
    qint64 m_now;
    QString m_fatal;
    int m_metricCalls = 0;
    int m_metricFailures = 0;
    bool m_stopped = false;
    QList<ResourceInfo> m_droplets;
    QList<ResourceInfo> m_apps;
    QList<DigitalOceanDatabase> m_databases;
};

DigitalOceanSource::DigitalOceanSource(const SourceConfig &config)
    : Source(config.name, QStringLiteral("digitalocean"))
    , m_apiUrl(config.options.value(QStringLiteral("api_url"), QStringLiteral("https://api.digitalocean.com")))
    , m_tokenEnv(config.options.value(QStringLiteral("token_env"), QStringLiteral("DIGITALOCEAN_TOKEN")))
    , m_token(config.token.trimmed().toUtf8())
{
    while (m_apiUrl.endsWith(QLatin1Char('/')))
        m_apiUrl.chop(1);
    bool ok = false;
    if (const int value = config.options.value(QStringLiteral("requests_per_minute")).toInt(&ok); ok && value > 0)
        m_perMinute = value;
    if (const int value = config.options.value(QStringLiteral("requests_per_hour")).toInt(&ok); ok && value > 0)
        m_perHour = value;
    if (const qint64 value = config.options.value(QStringLiteral("backfill_seconds")).toLongLong(&ok); ok && value > 0)
        m_backfillSeconds = value;
}

DigitalOceanSource::~DigitalOceanSource() = default;

bool DigitalOceanSource::collect(SourceContext &context, Collection &out, QString *error)
{
    m_problems.clear();
    // The keyring's token (filled in by the desktop app) wins over the environment.
    const QByteArray token = m_token.isEmpty() ? qgetenv(m_tokenEnv.toLocal8Bit().constData()).trimmed() : m_token;
    if (token.isEmpty()) {
        if (error)
            *error = QStringLiteral("DigitalOcean token missing for source '%1': set %2 (the variable named by "
                                    "token_env), or paste a token in the desktop app's Settings → Sources, which "
                                    "keeps it in the system keyring")
                         .arg(name(), m_tokenEnv);
        return false;
    }

    std::unique_ptr<QNetworkAccessManager> ownNetwork;
    QNetworkAccessManager *network = context.network();
    if (!network) {
        ownNetwork = std::make_unique<QNetworkAccessManager>();
        network = ownNetwork.get();
    }
    RateLimiter *limiter = context.rateLimiter();
    if (!limiter) {
        if (!m_ownLimiter)
            m_ownLimiter = std::make_unique<RateLimiter>(m_perMinute, m_perHour);
        limiter = m_ownLimiter.get();
    }
    HttpOptions options = m_httpOptions;
    options.bearerToken = token;
    HttpClient client(network, limiter, options);
    if (m_sleep)
        client.setSleepFunction(m_sleep);

    Run run(*this, context, out, client, *limiter, QDateTime::currentSecsSinceEpoch());
    QString runError;
    const bool ok = run.execute(&runError);
    if (!ok && error)
        *error = runError;
    out.apiCalls += client.apiCalls();
    out.throttled += client.throttled();
    out.retries += client.retries();
    out.problems += m_problems;
    for (const QString &problem : std::as_const(m_problems))
        qCWarning(lcDigitalOcean).noquote() << problem;
    return ok;
}

bool DigitalOceanSource::Run::execute(QString *error)
{
    using namespace DigitalOceanParser;
    const bool listed = list(
                            QStringLiteral("/v2/droplets"), true,
                            [this](const QByteArray &body, int *next, QString *parseError) {
                                const auto page = parseDroplets(body, parseError);
                                if (page) {
                                    m_droplets.append(page->resources);
                                    *next = page->nextPage;
                                }
                                return page.has_value();
                            },
                            error)
        && list(
                            QStringLiteral("/v2/databases"), false,
                            [this](const QByteArray &body, int *, QString *parseError) {
                                const auto databases = parseDatabases(body, parseError);
                                if (databases)
                                    m_databases = *databases;
                                return databases.has_value();
                            },
                            error)
        && list(
                            QStringLiteral("/v2/apps"), true,
                            [this](const QByteArray &body, int *next, QString *parseError) {
                                const auto page = parseApps(body, parseError);
                                if (page) {
                                    m_apps.append(page->resources);
                                    *next = page->nextPage;
                                }
                                return page.has_value();
                            },
                            error);
    if (!listed)
        return false;

    m_out.resources.append(m_droplets);
    for (const DigitalOceanDatabase &db : std::as_const(m_databases))
        m_out.resources.append(db.resource);
    m_out.resources.append(m_apps);

    const int total = int(m_droplets.size() + m_databases.size() + m_apps.size());
    int done = 0;
    Result result = Result::Ok;
    for (const ResourceInfo &droplet : std::as_const(m_droplets)) {
        if (result == Result::Stop)
            break;
        if (!collectDroplet(droplet, &result, error))
            return false;
        m_context.reportProgress(++done, total);
    }
    for (const DigitalOceanDatabase &db : std::as_const(m_databases)) {
        if (result == Result::Stop)
            break;
        // The Monitoring API has cluster metrics for MySQL only.
        if (db.engine == QLatin1String("mysql")
            && !collectPercentages(db.resource, QStringLiteral("/v2/monitoring/metrics/database/mysql/"),
                                   QStringLiteral("db_id"),
                                   { { QStringLiteral("cpu_usage"), Metric::Cpu },
                                     { QStringLiteral("memory_usage"), Metric::Memory },
                                     { QStringLiteral("disk_usage"), Metric::Disk } },
                                   { { QStringLiteral("aggregate"), QStringLiteral("avg") } }, &result, error))
            return false;
        m_context.reportProgress(++done, total);
    }
    for (const ResourceInfo &app : std::as_const(m_apps)) {
        if (result == Result::Stop)
            break;
        if (!collectPercentages(app, QStringLiteral("/v2/monitoring/metrics/apps/"), QStringLiteral("app_id"),
                                { { QStringLiteral("cpu_percentage"), Metric::Cpu },
                                  { QStringLiteral("memory_percentage"), Metric::Memory } },
                                {}, &result, error))
            return false;
        m_context.reportProgress(++done, total);
    }
    if (!m_fatal.isEmpty()) {
        *error = m_fatal;
        return false;
    }
    if (m_metricCalls > 0 && m_metricFailures == m_metricCalls) {
        *error = QStringLiteral("source '%1': all %2 DigitalOcean metric requests failed, first: %3")
                     .arg(m_source.name())
                     .arg(m_metricCalls)
                     .arg(m_source.m_problems.value(0));
        return false;
    }
    return true;
}

bool DigitalOceanSource::Run::list(const QString &path, bool paged,
                                   const std::function<bool(const QByteArray &, int *, QString *)> &parse,
                                   QString *error)
{
    int page = 1;
    for (int pages = 0; pages < MaxPages; ++pages) {
        QUrl url(m_source.m_apiUrl + path);
        if (paged) {
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("page"), QString::number(page));
            query.addQueryItem(QStringLiteral("per_page"), QString::number(PerPage));
            url.setQuery(query);
        }
        const QString what
            = QStringLiteral("GET %1%2").arg(path, paged ? QStringLiteral("?page=%1").arg(page) : QString());
        const HttpResponse response = m_client.get(url, m_context.cancelFlag());
        if (!response.ok()) {
            *error = fatalMessage(response, what);
            if (error->isEmpty())
                *error = QStringLiteral("cannot list DigitalOcean resources for source '%1': %2 failed: %3; check "
                                        "api_url (%4) and the network, then sync again")
                             .arg(m_source.name(), what, describe(response), m_source.m_apiUrl);
            return false;
        }
        int next = 0;
        QString parseError;
        if (!parse(response.body, &next, &parseError)) {
            *error = QStringLiteral("source '%1': %2 returned a body that is not the documented DigitalOcean "
                                    "response (%3); check that api_url (%4) points at the DigitalOcean API")
                         .arg(m_source.name(), what, parseError, m_source.m_apiUrl);
            return false;
        }
        if (!paged || next == 0)
            return true;
        if (next <= page) {
            *error = QStringLiteral("source '%1': %2 says the next page is %3, which would repeat pages; check "
                                    "api_url (%4)")
                         .arg(m_source.name(), what)
                         .arg(next)
                         .arg(m_source.m_apiUrl);
            return false;
        }
        page = next;
    }
    *error = QStringLiteral("source '%1': GET %2 has more than %3 pages; check api_url (%4)")
                 .arg(m_source.name(), path)
                 .arg(MaxPages)
                 .arg(m_source.m_apiUrl);
    return false;
}

QString DigitalOceanSource::Run::describe(const HttpResponse &response) const
{
    if (!response.error.isEmpty())
        return response.error; // the client's words: status, host and path, the server's message, attempts
    const QString message = DigitalOceanParser::parseErrorMessage(response.body);
    return message.isEmpty() ? QStringLiteral("HTTP %1").arg(response.status)
                             : QStringLiteral("HTTP %1: %2").arg(response.status).arg(message);
}

// Errors no later request can get past: the token, cancellation. Empty for the others.
QString DigitalOceanSource::Run::fatalMessage(const HttpResponse &response, const QString &what) const
{
    if (m_context.isCancelled())
        return QStringLiteral("source '%1' cancelled: OpsDeck was asked to stop").arg(m_source.name());
    // Name where the token came from, so the fix is made in the right place.
    const QString origin = m_source.m_token.isEmpty()
        ? QStringLiteral("%1 (the variable named by token_env)").arg(m_source.m_tokenEnv)
        : QStringLiteral("the token kept in the system keyring (Settings → Sources)");
    if (response.status == 401)
        return QStringLiteral("DigitalOcean token rejected (401) for source '%1': check %2 holds a valid, unexpired "
                              "token")
            .arg(m_source.name(), origin);
    if (response.status == 403)
        return QStringLiteral("DigitalOcean token of source '%1' may not read %2 (403): give %3 read access")
            .arg(m_source.name(), what, origin);
    return QString();
}

qint64 DigitalOceanSource::Run::windowStart(const QString &id, Metric metric, qint64 extra) const
{
    const qint64 oldest = m_now - m_source.m_backfillSeconds;
    const qint64 last = m_context.lastSampleTs(id, metric);
    return (last > 0 ? std::max(last - OverlapSeconds, oldest) : oldest) - extra;
}

DigitalOceanSource::Run::Result DigitalOceanSource::Run::fetch(const ResourceInfo &resource, const QString &path,
                                                               const QString &idParam, const QString &window,
                                                               qint64 start, Series *series)
{
    QUrl url(m_source.m_apiUrl + path);
    QUrlQuery query(window);
    query.addQueryItem(idParam, resource.externalId);
    query.addQueryItem(QStringLiteral("start"), QString::number(start));
    query.addQueryItem(QStringLiteral("end"), QString::number(m_now));
    url.setQuery(query);
    const QString what = QStringLiteral("GET %1").arg(path);
    const QString subject = QStringLiteral("source '%1': %2 '%3' (%4)")
                                .arg(m_source.name(), resource.kind, resource.name, resource.externalId);

    // A backfill larger than the hourly budget spreads over cycles: when the next request would wait for the hour
    // window (the minute window refills by itself within a minute), stop here; what was fetched is committed,
    // and the next sync starts each metric from its last stored sample.
    const qint64 waitMs = m_limiter.delayBeforeNextMs(QDateTime::currentMSecsSinceEpoch());
    if (waitMs > MaxBudgetWaitMs) {
        // The wait comes from our hourly budget or from what DigitalOcean's rate limit headers said.
        m_source.m_problems.append(QStringLiteral("source '%1': the DigitalOcean rate limit budget is spent for the "
                                                  "next %2 min (limits %3/min, %4/h); the remaining resources are "
                                                  "fetched by the next sync")
                                       .arg(m_source.name())
                                       .arg((waitMs + 59999) / 60000)
                                       .arg(m_limiter.perMinute())
                                       .arg(m_limiter.perHour()));
        return Result::Stop;
    }
    ++m_metricCalls;
    const HttpResponse response = m_client.get(url, m_context.cancelFlag());
    if (response.ok()) {
        QString parseError;
        if (auto parsed = DigitalOceanParser::parseMatrix(response.body, &parseError)) {
            *series = std::move(*parsed);
            return Result::Ok;
        }
        ++m_metricFailures;
        m_source.m_problems.append(QStringLiteral("%1: %2 returned an unexpected body (%3); skipped until the next "
                                                  "sync")
                                       .arg(subject, what, parseError));
        return Result::Skip;
    }
    const QString fatal = fatalMessage(response, what);
    if (!fatal.isEmpty()) {
        ++m_metricFailures;
        m_fatal = fatal;
        return Result::Stop;
    }
    if (response.status == 404) {
        // Deleted since it was listed, or unknown to monitoring: nothing to fetch for it this time.
        m_source.m_problems.append(QStringLiteral("%1: not found by the Monitoring API (%2); skipped — it may "
                                                  "have been deleted")
                                       .arg(subject, describe(response)));
        return Result::Skip;
    }
    ++m_metricFailures;
    if (response.status == 429) {
        m_source.m_problems.append(
            QStringLiteral("source '%1': DigitalOcean rate limit still exhausted after waiting "
                           "(%2); the remaining resources are fetched by the next sync — lower "
                           "requests_per_minute/requests_per_hour if other tools share the token")
                .arg(m_source.name(), describe(response)));
        return Result::Stop;
    }
    m_source.m_problems.append(
        QStringLiteral("%1: %2 failed (%3); skipped until the next sync").arg(subject, what, describe(response)));
    return Result::Skip;
}

bool DigitalOceanSource::Run::addSamples(const ResourceInfo &resource, Metric metric, const Points &points,
                                         QString *error)
{
    const qint64 last = m_context.lastSampleTs(resource.externalId, metric);
    const qint64 oldest = m_now - m_source.m_backfillSeconds;
    for (const DigitalOceanPoint &point : points) {
        if (point.ts > last && point.ts >= oldest)
            m_out.samples.append(CollectedSample { resource.externalId, metric, point.ts, point.value });
    }
    if (m_out.samples.size() >= FlushEvery && !m_context.flush(m_out, error)) {
        if (error->isEmpty())
            *error = QStringLiteral("source '%1': could not store a batch of samples").arg(m_source.name());
        return false;
    }
    return true;
}

bool DigitalOceanSource::Run::collectDroplet(const ResourceInfo &droplet, Result *result, QString *error)
{
    using namespace DigitalOceanParser;
    const QString prefix = QStringLiteral("/v2/monitoring/metrics/droplet/");
    const QString id = droplet.externalId;
    const auto get = [&](const QString &name, Metric metric, qint64 extra, Series *series) {
        *result = fetch(droplet, prefix + name, QStringLiteral("host_id"), QString(), windowStart(id, metric, extra),
                        series);
        return *result == Result::Ok;
    };

    // CPU needs the counters one step before the window for its first delta.
    Series cpu;
    if (!get(QStringLiteral("cpu"), Metric::Cpu, StepSeconds, &cpu)) {
        if (*result == Result::Skip)
            *result = Result::Ok; // the next droplet
        return true;
    }
    // No series at all: the droplet has no monitoring agent, and its other metrics are empty too.
    if (cpu.isEmpty())
        return true;
    if (!addSamples(droplet, Metric::Cpu, cpuPercent(cpu), error))
        return false;

    Series total;
    Series available;
    if (get(QStringLiteral("memory_total"), Metric::Memory, 0, &total)
        && get(QStringLiteral("memory_available"), Metric::Memory, 0, &available)
        && !addSamples(droplet, Metric::Memory, memoryPercent(total, available), error))
        return false;
    if (*result == Result::Stop)
        return true;

    Series size;
    Series free;
    if (get(QStringLiteral("filesystem_size"), Metric::Disk, 0, &size)
        && get(QStringLiteral("filesystem_free"), Metric::Disk, 0, &free)
        && !addSamples(droplet, Metric::Disk, diskPercent(size, free), error))
        return false;
    if (*result == Result::Skip)
        *result = Result::Ok;
    return true;
}

bool DigitalOceanSource::Run::collectPercentages(const ResourceInfo &resource, const QString &prefix,
                                                 const QString &idParam,
                                                 const QList<std::pair<QString, Metric>> &metrics,
                                                 const QList<std::pair<QString, QString>> &extra, Result *result,
                                                 QString *error)
{
    QUrlQuery window;
    for (const auto &[key, value] : extra)
        window.addQueryItem(key, value);
    for (const auto &[name, metric] : metrics) {
        Series series;
        *result = fetch(resource, prefix + name, idParam, window.toString(),
                        windowStart(resource.externalId, metric, 0), &series);
        if (*result == Result::Stop)
            return true;
        if (*result == Result::Skip) {
            *result = Result::Ok;
            continue;
        }
        if (!addSamples(resource, metric, DigitalOceanParser::averagePercent(series), error))
            return false;
    }
    return true;
}
