#pragma once

#include "config/databaseurl.h"

#include <QSqlDatabase>
#include <QString>

// The cache schema and its forward migrations. The same tables exist on SQLite and PostgreSQL; only the
// spelling of a few types differs. Each migration runs in one transaction, so a cache is always at a whole
// version. A cache written by a newer OpsDeck is refused rather than downgraded.
//
// Tables (see docs/ARCHITECTURE.md for the reasoning):
//   schema_version(version)
//   resources      one row per (source, external_id), with the latest cpu/memory/disk for the fleet table
//   samples        (resource_id, metric, ts) → value; raw, kept retention_days
//   rollups        (resource_id, metric, period, bucket) → min/max/sum/count; period 3600 or 86400, kept 400 days
//   sync_runs      one row per sync of a source
//   source_state   (source, key) → value: counters and cursors a source keeps between syncs
//   alert_events   firing/resolved history of alerts
//   fleet_rollup_parts (metric, period, bucket) → min/max/sum/count of all resources, in pieces merged by prune
//   query_baselines (host, name) → P50 of a query in earlier runs, for regression detection
//   alert_rules    (scope, target, metric) → thresholds set in the Thresholds dialog (NULL: inherited)
class Schema final
{
public:
    static constexpr int CurrentVersion = 3;
    static constexpr qint64 HourSeconds = 3600;
    static constexpr qint64 DaySeconds = 86400;
    static constexpr int RollupRetentionDays = 400;

    static bool migrate(QSqlDatabase &db, const DatabaseUrl &url, QString *error);
    static int version(QSqlDatabase &db);
};
