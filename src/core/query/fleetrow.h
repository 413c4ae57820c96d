#pragma once

#include "storage/resourceinfo.h"

#include <QList>
#include <QString>
#include <optional>

// One row of the fleet table: a resource as stored in the cache, with its latest metrics.
struct FleetRow : ResourceInfo
{
    qint64 id = 0;
    QString source;
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
