#pragma once

#include "config/databaseurl.h"
#include "engineresult.h"
#include "workload.h"

// Writes the workload through MetricStore — what a sync does — into a fresh cache at `url` (SQLite or
// PostgreSQL): resources first (not timed), then every batch in its own transaction (timed), then the first
// `rewriteBatches` batches again (timed separately; nothing may be new). Afterwards samples, rollups and the
// resources' latest values are checked against the workload.
EngineResult runStoreBench(Workload &workload, const DatabaseUrl &url, const QString &engine, int rewriteBatches);
