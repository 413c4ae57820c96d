#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

// One sample line of the Prometheus text exposition format, as the parser hands it out. The views point into the
// parsed text and are only valid during the callback; label values are already unescaped.
struct ExpositionSample
{
    QByteArrayView name;
    QList<QPair<QByteArrayView, QByteArray>> labels;
    double value = 0; // NaN, +Inf and -Inf are kept as such
    std::optional<qint64> timestampMs;

    // The value of a label, or a null QByteArray when the sample does not have it.
    QByteArray label(QByteArrayView name) const;
};

// Cumulative CPU time of a host summed over all its CPUs, in seconds, as node_exporter counts it.
struct NodeCpuCounters
{
    double total = 0; // every mode except guest and guest_nice, which the kernel already counts in user and nice
    double idle = 0; // idle + iowait, like the local source

    // "total idle" with full precision — the form persisted between syncs. fromString() rejects anything else
    // (including idle > total and negative numbers), so a corrupted state value counts as no previous reading.
    QString toString() const;
    static std::optional<NodeCpuCounters> fromString(const QString &text);
};

// What OpsDeck needs from one node_exporter scrape. Every part is optional: a node_exporter with a collector
// disabled (--no-collector.meminfo) still yields the rest.
struct NodeMetrics
{
    QString nodename; // node_uname_info{nodename}
    int vcpus = 0; // distinct cpu labels of node_cpu_seconds_total
    std::optional<NodeCpuCounters> cpu;
    std::optional<double> memTotalBytes;
    std::optional<double> memAvailableBytes;
    // The filesystem mounted at "/": size, free (including the root reserve) and available to unprivileged users.
    std::optional<double> fsSizeBytes;
    std::optional<double> fsFreeBytes;
    std::optional<double> fsAvailBytes;

    bool isEmpty() const { return nodename.isEmpty() && !cpu && !memTotalBytes && !fsSizeBytes; }

    // Used % of memory: 100·(1 − available/total), clamped to 0..100; nullopt without both values or with total 0.
    std::optional<double> memoryPercent() const;
    // Used % of "/" as df computes it: used = size − free, used / (used + avail), clamped to 0..100. The blocks
    // reserved for root count as neither, so 100 % means ordinary processes can no longer write. Without
    // node_filesystem_free_bytes, 1 − avail/size.
    std::optional<double> diskPercent() const;
};

// Parses the Prometheus text exposition format (version 0.0.4) that node_exporter serves on /metrics: comments,
// HELP and TYPE lines, labels with escaped quotes, backslashes and newlines, optional timestamps, NaN and ±Inf.
// Works line by line over the text without building a list of every sample, so large scrapes cost little memory.
// A line that is not valid exposition format is an error naming its number — a target that answers with an HTML
// page or a truncated body must not be taken for a host with no metrics.
class NodeExporterParser final
{
public:
    // Calls onSample for every sample line, in order. False with *error ("line N: …") at the first bad line.
    static bool parseExposition(const QByteArray &text, const std::function<void(const ExpositionSample &)> &onSample,
                                QString *error);

    // The host's CPU counters, memory, root filesystem, vCPU count and node name. nullopt with *error when the
    // text is not valid exposition format.
    static std::optional<NodeMetrics> parse(const QByteArray &text, QString *error);

    // CPU busy % between two readings: 100·(1 − Δidle/Δtotal), clamped to 0..100. nullopt when no time passed or
    // the total went backwards (the host rebooted between the readings): that interval is dropped.
    static std::optional<double> cpuPercent(const NodeCpuCounters &before, const NodeCpuCounters &after);
};
