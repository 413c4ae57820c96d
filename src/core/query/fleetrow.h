#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// One row of the fleet table: a resource with its latest metrics, as stored in the cache.
struct FleetRow
{
    qint64 id = 0;
    QString name;
    QString kind;
    QString source;
    QString region;
    QString status;
    QStringList tags;
    int vcpus = 0;
    qint64 memoryMb = 0;
    qint64 diskGb = 0;
    std::optional<double> cpu;
    std::optional<double> memory;
    std::optional<double> disk;
    qint64 metricsUpdatedAt = 0; // Unix seconds, 0 = never
};

struct FleetResult
{
    QList<FleetRow> rows;
    qint64 lastSyncAt = 0; // newest finished sync of any source, Unix seconds
    QString lastSyncError; // error of the newest sync when it failed
    QString error; // the read itself failed
};
