#pragma once

#include "config/databaseurl.h"

#include <QString>

// One resource whose CPU was sampled every second: `samples` raw points ending near the time of the build, so a
// chart over all of them reads raw samples (they lie inside the 30-day raw retention and span at most ten minutes
// per pixel at `DenseStore::ChartWidth`). It is the only way a chart in OpsDeck is ever asked for a million raw
// points; the 5-minute query store never gets near it. Written to its own SQLite file so the query store's
// fleet of 1,000 stays as it is, and reused while it is recent enough.
struct DenseStore
{
    static constexpr int ChartWidth = 1700; // px: 1,000,000 s ≤ 1,700 × 600 s, the raw tier's limit

    DatabaseUrl url;
    qint64 resourceId = 0;
    qint64 samples = 0;
    qint64 firstTs = 0;
    qint64 lastTs = 0;
    bool reused = false;
    double buildSeconds = 0;
    QString error;

    bool ok() const { return error.isEmpty(); }

    // Reuses `path` when it holds `samples` points still inside raw retention for a day, else writes it again.
    static DenseStore prepare(const QString &path, qint64 samples);
};
