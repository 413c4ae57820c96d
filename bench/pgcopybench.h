#pragma once

#include "config/databaseurl.h"
#include "engineresult.h"
#include "workload.h"

// A reference for PostgreSQL: the same rows, in the same batches and transactions, into the same samples table
// (created by the store's own migration) with binary COPY through libpq — the fastest way rows get into
// PostgreSQL. Samples only: no rollups, no latest values, no conflict handling (COPY has none), so there is no
// re-write figure.
EngineResult runPgCopyBench(Workload &workload, const DatabaseUrl &url);
