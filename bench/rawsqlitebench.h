#pragma once

#include "engineresult.h"
#include "workload.h"

// The ceiling for SQLite: the same rows, in the same batches and transactions, into the same samples table (the
// store creates the file, so the DDL is the store's own), through the sqlite3 C API directly — one prepared
// INSERT stepped per row, nothing else. No rollups and no latest values: that extra work is what the store is
// measured against. The re-write reference uses INSERT … ON CONFLICT DO NOTHING, as the store does.
EngineResult runRawSqliteBench(const Workload &workload, const QString &path, int rewriteBatches);
