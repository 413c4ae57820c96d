#pragma once

#include "source.h"

#include "config/config.h"
#include "net/httpclient.h"

#include <QUrl>

// Hosts known to a Prometheus server (options["url"]) that scrapes node_exporters. Rather than one request per host
// it asks Prometheus for the whole fleet at once: one instant query for the size facts (vCPUs, memory, size of "/",
// node name, up) and one /api/v1/query_range per metric, each returning one series per `instance`:
//   cpu     100·(1 − Σrate(idle+iowait) / Σrate(all modes but guest)) over [5m] — idle + iowait, as the local source
//   memory  100·(1 − MemAvailable/MemTotal)
//   disk    df semantics on "/": (size − free) / (size − free + avail), the root reserve counting as neither
// Resources: externalId = instance label, name = node name from node_uname_info (else the instance's host part),
// kind "host", status from `up`.
//
// Window and step: every point is on a 60 s grid aligned to the epoch, so re-fetching an overlapping window yields
// the very same timestamps (writes are idempotent). Hosts already synced are fetched from their newest stored
// sample minus 5 minutes (a late scrape can still change the last points). Hosts seen for the first time are
// backfilled for 30 days (options["backfill_seconds"] when set), capped by the server's retention
// (/api/v1/status/runtimeinfo). Prometheus refuses more than 11,000 points per series, so long ranges are split into
// several calls, each also kept under about 500,000 points in all so that a large fleet's response stays small;
// every finished call's samples are committed through SourceContext::flush when many have accumulated.
// Any failed call fails the sync (after committing what was fetched), with Prometheus' own error text.
class PrometheusSource final : public Source
{
public:
    explicit PrometheusSource(const SourceConfig &config);

    bool collect(SourceContext &context, Collection &out, QString *error) override;

    static constexpr qint64 StepSecs = 60;
    static constexpr qint64 DefaultBackfillSecs = 30 * 24 * 3600;
    static constexpr qint64 OverlapSecs = 5 * 60;
    static constexpr qint64 MaxPointsPerSeries = 11000; // Prometheus' own limit per query_range series
    static constexpr qint64 MaxPointsPerCall = 500000;

    // For tests: HTTP timeouts and retries; a finer step and a lower per-series limit, so that a Prometheus started
    // seconds ago has points on the grid and chunking shows with little data.
    void setHttpOptions(const HttpOptions &options) { m_httpOptions = options; }
    void setStepSecs(qint64 secs) { m_stepSecs = secs; }
    void setMaxPointsPerSeries(qint64 points) { m_maxPointsPerSeries = points; }

private:
    QUrl m_url;
    qint64 m_stepSecs = StepSecs;
    qint64 m_maxPointsPerSeries = MaxPointsPerSeries;
    qint64 m_backfillSecs = DefaultBackfillSecs;
    HttpOptions m_httpOptions;
};
