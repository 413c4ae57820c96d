#pragma once

#include "storage/metric.h"
#include "storage/resourceinfo.h"

#include <QList>

// One measurement as a source reports it, keyed by the resource's id within that source.
struct CollectedSample
{
    QString externalId;
    Metric metric = Metric::Cpu;
    qint64 ts = 0; // Unix seconds, UTC
    double value = 0;
};

// Everything one sync of one source brought back, ready to be committed in one transaction.
struct Collection
{
    QList<ResourceInfo> resources;
    QList<CollectedSample> samples;
    int apiCalls = 0;
    int throttled = 0;
    int retries = 0;
    // What a sync that succeeded still had to skip (a droplet the API no longer knows, one metric that kept
    // failing), in plain words. Recorded as the sync's error while its status stays ok.
    QStringList problems;
};
