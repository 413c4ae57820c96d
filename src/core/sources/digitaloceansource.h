#pragma once

#include "config/config.h"
#include "net/httpclient.h"
#include "net/ratelimiter.h"
#include "source.h"

#include <QStringList>
#include <memory>

// A DigitalOcean account through API v2: droplets, managed databases and apps as resources, and their CPU, memory
// and disk from the Monitoring API.
//
// Calls per sync: every page of /v2/droplets and /v2/apps (200 a page), /v2/databases once, then per droplet
// cpu, memory_total, memory_available, filesystem_size and filesystem_free; per app cpu_percentage and
// memory_percentage; per MySQL cluster cpu_usage, memory_usage and disk_usage (the only engine the Monitoring API
// has metrics for; other engines are listed without metrics). Each metric call covers the whole window in one
// request, from the newest stored sample of that metric minus a 10-minute overlap (one more 5-minute step for the
// CPU counters' first delta) to now, or the `backfill` when nothing is stored; only samples newer than the stored
// ones are reported, so overlapping windows never write a sample twice.
//
// Failure policy: the sync fails when the token is missing or rejected (401/403), when a list call fails, when it
// is cancelled, or when every metric call failed. A metric call that fails on its own (404 for a deleted droplet,
// a 5xx after the retries, a timeout, a body that is not the documented JSON) skips that resource's metric and the
// sync goes on; when the rate limit is still exhausted after the client's waits, the remaining metric calls are left
// to the next sync, which resumes from the stored samples. Such problems are in problems() and in
// Collection::problems, which the engine records as the sync's error (status ok). A droplet without the monitoring agent returns empty series: no samples, no problem.
class DigitalOceanSource final : public Source
{
public:
    // Uses options api_url, token_env, requests_per_minute, requests_per_hour and backfill_seconds (defaults filled
    // in by Config). The token is config.token (from the system keyring) when set, else the variable named by
    // token_env; collect() fails with a message naming both ways when neither has one. The token is never put into
    // a message.
    explicit DigitalOceanSource(const SourceConfig &config);
    ~DigitalOceanSource() override;

    bool collect(SourceContext &context, Collection &out, QString *error) override;

    // For tests: timeouts, retries and body cap of the HTTP client (the bearer token is always the source's own).
    void setHttpOptions(const HttpOptions &options) { m_httpOptions = options; }
    // For tests: the HTTP client's sleeper (backoff and 429 waits).
    void setSleepFunction(std::function<void(qint64 ms)> sleep) { m_sleep = std::move(sleep); }

    // What the last collect() skipped, one line per problem (empty when everything arrived).
    QStringList problems() const { return m_problems; }

private:
    class Run;

    QString m_apiUrl;
    QString m_tokenEnv;
    QByteArray m_token;
    int m_perMinute = 250;
    int m_perHour = 5000;
    qint64 m_backfillSeconds = 30 * 24 * 3600;
    HttpOptions m_httpOptions;
    std::function<void(qint64)> m_sleep;
    std::unique_ptr<RateLimiter> m_ownLimiter; // when the context brings none (tests, tools)
    QStringList m_problems;
};
