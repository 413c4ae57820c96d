#pragma once

#include "storage/metric.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

struct MetricThresholds
{
    double warning = 0;
    double critical = 0;
};

struct AlertConfig
{
    // Defaults from DESIGN.md: cpu 80/90, memory 85/95, disk 80/90.
    QMap<Metric, MetricThresholds> thresholds { { Metric::Cpu, { 80, 90 } },
                                                { Metric::Memory, { 85, 95 } },
                                                { Metric::Disk, { 80, 90 } } };
    qint64 forSeconds = 300;
    double clearMargin = 5;
};

// [query]: the Repository's cache and the QueryTracker's thresholds.
struct QueryConfig
{
    qint64 cacheTtlSeconds = 300; // cache_ttl
    qint64 cacheSizeMb = 64; // cache_size_mb
    qint64 slowMs = 100; // slow_ms: a query above this counts as slow
    qint64 criticalMs = 500; // critical_ms
};

// [listen]: the HTTP endpoint of --sync --watch --listen. The bearer token is never written in the file: it is
// read from the file token_file names (first line, trimmed) or the environment variable token_env names.
struct ListenConfig
{
    QString tokenFile;
    QString tokenEnv;
    int requestsPerMinute = 120; // per client address
};

// One [source.NAME] section, validated.
struct SourceConfig
{
    QString name; // NAME of [source.NAME]
    QString type; // local | digitalocean | prometheus | node_exporter
    bool enabled = true;
    qint64 intervalSeconds = 0; // resolved: own `interval`, else 60 for local, else [sync] interval
    QMap<QString, QString> options; // the type's other keys, validated, defaults filled in (lists joined by ',')
    // options by type (URLs normalised: scheme and host lower case, no trailing '/'):
    //   digitalocean   api_url, token_env, requests_per_minute, requests_per_hour (decimal integers),
    //                  backfill (canonical duration, "30d") and backfill_seconds ("2592000")
    //   prometheus     url
    //   node_exporter  targets ("http://a:9100/metrics,http://b:9100/metrics"; a URL without a path gets /metrics)
    //   local          none
    // The DigitalOcean token from the system keyring, filled in memory by the desktop app (KeyringStore). Never
    // written to the INI (ConfigWriter skips it) nor shown; empty means the variable named by token_env.
    QString token;
};

// The whole configuration. Loading is strict: every bad key or value is an error that names the file, the
// section and key, the value found and what is allowed — never a silent default.
//
// load() reports every problem at once, one per line, in file order, each as "FILE:LINE: [section] key: ...".
// Besides bad values it refuses unknown sections and keys (with a "did you mean"), keys set twice, lines that are
// not key=value, empty [source.NAME] sections and secrets written into the file (a DigitalOcean `token`), whose
// values are never repeated. Comments start with ';' (also after a value) or, at the start of a line, '#'. A file
// without any [source.NAME] section gets the local source, as defaults() does. A missing file is an error for
// load(); running without a file is the caller's decision (defaults()).
class Config final
{
public:
    QString filePath; // the file read; empty when running on defaults
    QString storageUrl; // [storage] url; empty means defaultDatabaseUrl()
    int retentionDays = 30;
    qint64 syncIntervalSeconds = 1800;
    AlertConfig alerts;
    QueryConfig query;
    ListenConfig listen;
    QList<SourceConfig> sources;

    // $XDG_CONFIG_HOME/opsdeck/opsdeck.ini
    static QString defaultPath();
    // sqlite:// URL of $XDG_DATA_HOME/opsdeck/opsdeck.db
    static QString defaultDatabaseUrl();
    // No file: the local source only, into the default database.
    static Config defaults();
    // nullopt and *error set (one problem per line) when the file is missing, unreadable, not INI, or wrong.
    static std::optional<Config> load(const QString &path, QString *error);

    const SourceConfig *source(const QString &name) const;

    // The loader's rule for one value, for editors that check as the user types (the Settings dialog): the same
    // rule and the same words as load(), without the "FILE:LINE: [section] key: " in front. `section` is
    // "storage", "sync" or "source.NAME" (any name); for a source key, `sourceType` says which keys it takes.
    // Covers [storage] url and retention_days, [sync] interval and every [source.NAME] key.
    // Returns the value as the loader keeps it — durations in seconds, booleans as "true"/"false", URLs
    // normalised, node_exporter targets comma-joined with /metrics filled in — or nullopt with *problem set (one
    // problem per line). An empty value is checked like any other: "no value" is the caller's default, not ours.
    static std::optional<QString> checkValue(const QString &section, const QString &key, const QString &value,
                                             QString *problem, const QString &sourceType = QString());
    // NAME of [source.NAME]: 1 to 64 letters, digits, '-' or '_'.
    static bool checkSourceName(const QString &name, QString *problem);
    // local, digitalocean, prometheus, node_exporter
    static QStringList sourceTypes();
    // The keys a [source.NAME] of this type accepts (type, interval, enabled and the type's own).
    static QStringList sourceKeys(const QString &type);
    // The interval a source of this type gets without its own `interval` key.
    qint64 defaultSourceInterval(const QString &type) const;
};
