#pragma once

#include "storage/metricstore.h"
#include "storage/resourceinfo.h"

#include <QHash>
#include <QList>

// A synthetic fleet, generated once and written identically by every engine of a run.
//
// Each resource has cpu, memory and disk at 5-minute resolution over `days` days ending at historyEnd(). The
// rows come the way a backfilling sync delivers them: resource by resource, each metric's whole window in time
// order, then sliced into batches of `batchSize` samples — one transaction each, as the sync engine commits a
// flush. Values are deterministic for a given seed: CPU is a mean-reverting random walk, memory a daily wave
// with noise, disk grows slowly.
struct Workload
{
    QList<ResourceInfo> resources;
    QList<QList<SampleRow>> batches;
    QList<qint64> resourceIds; // the id carried by resource i's rows; 1..N until remapped
    int days = 0;
    int batchSize = 0;
    qint64 samples = 0;
    qint64 firstTs = 0; // Unix seconds of the first and last sample of every series
    qint64 lastTs = 0;
    double valueSum = 0; // sum of every value, to check what was stored
    double latestSum = 0; // sum over resources and metrics of the newest value

    static constexpr qint64 StepSeconds = 300;
    static constexpr int SamplesPerDay = 288;

    static Workload generate(int resources, int days, int batchSize, quint64 seed);
    // The last sample's time: one step before today's midnight (UTC). A fixed date made the windows that show
    // "the last 30 days" see less of the history every day; the values depend only on the sample's index, so
    // every figure and sum is the same whatever the day.
    static qint64 historyEnd();

    qint64 samplesInFirstBatches(int count) const;
    qint64 hourlyBuckets() const { return qint64(resources.size()) * 3 * days * 24; }
    qint64 dailyBuckets() const { return qint64(resources.size()) * 3 * days; }
    // Rewrites the rows so that resource i carries ids[i], as a store assigns them (not timed).
    void remapResourceIds(const QList<qint64> &ids);
};
