#pragma once

#include "storage/metric.h"

#include <QList>
#include <QMap>
#include <QString>
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

// One [source.NAME] section, validated.
struct SourceConfig
{
    QString name; // NAME of [source.NAME]
    QString type; // local | digitalocean | prometheus | node_exporter
    bool enabled = true;
    qint64 intervalSeconds = 0; // resolved: own `interval`, else 60 for local, else [sync] interval
    QMap<QString, QString> options; // the type's other keys, validated, defaults filled in (lists joined by ',')
};

// The whole configuration. Loading is strict: every bad key or value is an error that names the file, the
// section and key, the value found and what is allowed — never a silent default.
class Config final
{
public:
    QString filePath; // the file read; empty when running on defaults
    QString storageUrl; // [storage] url; empty means defaultDatabaseUrl()
    int retentionDays = 30;
    qint64 syncIntervalSeconds = 1800;
    AlertConfig alerts;
    QList<SourceConfig> sources;

    // $XDG_CONFIG_HOME/opsdeck/opsdeck.ini
    static QString defaultPath();
    // sqlite:// URL of $XDG_DATA_HOME/opsdeck/opsdeck.db
    static QString defaultDatabaseUrl();
    // No file: the local source only, into the default database.
    static Config defaults();
    static std::optional<Config> load(const QString &path, QString *error);

    const SourceConfig *source(const QString &name) const;
};
