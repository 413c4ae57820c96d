#pragma once

#include "source.h"

#include "config/config.h"
#include "net/httpclient.h"

#include <QStringList>

// Hosts running node_exporter, scraped directly: options["targets"] lists their /metrics URLs (comma-separated).
// Each target is one resource of kind "host": externalId = the target URL (stable across renames), name = the
// node name from node_uname_info (host:port of the URL when the uname collector is off), vCPUs, memory and the
// size of "/" from the scrape. Memory % and disk % (df semantics, see NodeMetrics) come from one scrape; CPU % from
// the change of the CPU-seconds counters since the previous sync, kept per target in the source state
// ("cpu:<target>" = "total idle", "cpu_ts:<target>" = Unix seconds). A target without usable stored counters (first
// sync, counters older than a day, a reboot in between) is scraped a second time about a second later.
//
// Failures: an unreachable target, an HTTP error or a body that is not exposition format fails that target only.
// The others are still collected and committed (through SourceContext::flush) before collect() returns false with
// "N of M node_exporter targets failed: <target>: <cause>; …", so the sync log and the exit status show the failure
// while the healthy hosts stay fresh. If every target fails, nothing is committed.
class NodeExporterSource final : public Source
{
public:
    explicit NodeExporterSource(const SourceConfig &config);

    bool collect(SourceContext &context, Collection &out, QString *error) override;

    QStringList targets() const { return m_targets; }

    // For tests: the delay between the two scrapes of a target without stored counters, and HTTP timeouts/retries.
    void setSecondScrapeDelayMs(int ms) { m_secondScrapeDelayMs = ms; }
    void setHttpOptions(const HttpOptions &options) { m_httpOptions = options; }

private:
    QStringList m_targets;
    int m_secondScrapeDelayMs = 1000;
    HttpOptions m_httpOptions;
};
