#pragma once

#include "storage/resourceinfo.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

// One page of a paginated DigitalOcean list (droplets, apps).
struct DigitalOceanPage
{
    QList<ResourceInfo> resources;
    int nextPage = 0; // the `page` of links.pages.next; 0 on the last page
    qint64 total = -1; // meta.total; -1 when absent
};

// A managed database cluster: its facts plus the engine, which decides which metrics exist for it.
struct DigitalOceanDatabase
{
    ResourceInfo resource;
    QString engine; // mysql | pg | redis | valkey | mongodb | kafka | opensearch …
};

struct DigitalOceanPoint
{
    qint64 ts = 0; // Unix seconds
    double value = 0;
};

// One series of a Prometheus matrix: its labels and its points in the order the server sent them.
struct DigitalOceanSeries
{
    QHash<QString, QString> labels;
    QList<DigitalOceanPoint> points;
};

// Pure functions over the JSON shapes of the DigitalOcean API v2 (no I/O), so every shape and every
// conversion is tested with fixtures. Parsers return nullopt and set *error, naming the field and what was
// expected, when the body is not JSON or a field has the wrong type; optional fields may be absent or null.
namespace DigitalOceanParser {

// GET /v2/droplets: `droplets[]` (id, name, memory MB, vcpus, disk GB, status, region{slug}, tags[]),
// `links.pages.next` (absent, `"pages":{}` or no `links` at all on the last page) and `meta.total`.
std::optional<DigitalOceanPage> parseDroplets(const QByteArray &json, QString *error);
// GET /v2/apps: `apps[]` (id, spec.name, region{slug}, active_deployment.phase), paginated like droplets.
std::optional<DigitalOceanPage> parseApps(const QByteArray &json, QString *error);
// GET /v2/databases (not paginated): `databases[]` (id, name, engine, status, region slug, size slug, num_nodes,
// storage_size_mib, tags). vCPUs and memory come from the size slug ("db-s-2vcpu-4gb"), disk from storage_size_mib.
std::optional<QList<DigitalOceanDatabase>> parseDatabases(const QByteArray &json, QString *error);
// A monitoring response: {"status":"success","data":{"resultType":"matrix","result":[{metric, values}]}} with
// integer timestamps and string values. "NaN" and infinite values are skipped, as charts cannot show them.
std::optional<QList<DigitalOceanSeries>> parseMatrix(const QByteArray &json, QString *error);
// The error body {"id","message","request_id"}: "message (id)"; empty when the body is not such an object.
QString parseErrorMessage(const QByteArray &json);

// CPU busy % from the per-mode cumulative CPU-seconds counters of /v2/monitoring/metrics/droplet/cpu (series
// with the same `mode` are added up). For each pair of consecutive timestamps present in every mode:
// 100·(1 − Δidle/ΣΔ all modes), stamped with the later time. An interval in which any counter went backwards
// (a reboot) or no time passed is dropped, never reported as 0 % or 100 %. Empty without an `idle` series.
QList<DigitalOceanPoint> cpuPercent(const QList<DigitalOceanSeries> &series);
// Used % 100·(1 − available/total) at the timestamps both series have.
QList<DigitalOceanPoint> memoryPercent(const QList<DigitalOceanSeries> &total,
                                       const QList<DigitalOceanSeries> &available);
// Used % 100·(1 − free/size) of the root filesystem (the series labelled mountpoint="/"; others are ignored).
QList<DigitalOceanPoint> diskPercent(const QList<DigitalOceanSeries> &size, const QList<DigitalOceanSeries> &free);
// Series that already are percentages (app cpu_percentage/memory_percentage, one series per component; MySQL
// cpu/memory/disk_usage): the mean over the series present at each timestamp, i.e. the app's average component.
QList<DigitalOceanPoint> averagePercent(const QList<DigitalOceanSeries> &series);

} // namespace DigitalOceanParser
