#pragma once

#include "config/databaseurl.h"
#include "readmodels.h"

#include <QSqlDatabase>

// The SQL behind every Repository query, run synchronously on the connection given (the Repository calls them on
// its pool threads; tests and the benchmark call them directly). Same SQL on SQLite and PostgreSQL, prepared with
// positional binds, forward-only reads; aggregation happens in the database, never by shipping raw rows around.
namespace ReadQueries {

FleetResult fleet(QSqlDatabase db, const FleetFilter &filter);
TrendResult trend(QSqlDatabase db, const TrendRequest &request, qint64 rawRetainedSince);
FleetSummary summary(QSqlDatabase db, qint64 from, qint64 to, int topN);
DetailResult detail(QSqlDatabase db, qint64 resourceId, Metric metric, qint64 from, qint64 to, qint64 rawRetainedSince);
SyncLogResult syncLog(QSqlDatabase db, const QString &source, qint64 since, int limit);
AlertLogResult alertLog(QSqlDatabase db, qint64 since, int limit, bool activeOnly);
// Per source: the newest run, the newest successful run, and runs / successful runs since `since`. checkFile: also
// read every page of a SQLite cache (PRAGMA quick_check; about 2 s for 10 M samples), so damage the other queries
// do not touch is found too.
SyncHealth syncHealth(QSqlDatabase db, const DatabaseUrl &url, qint64 since, bool checkFile = false);

// Query baselines of this host for the QueryTracker (query name → P50 in ns).
QHash<QString, qint64> loadBaselines(QSqlDatabase db, const QString &host, QString *error);
bool saveBaselines(QSqlDatabase db, const QString &host, const QHash<QString, qint64> &p50Ns, qint64 now,
                   QString *error);

// The configured defaults (`configured`, [alerts]) with the defaults and overrides stored in alert_rules.
AlertRulesResult alertRules(QSqlDatabase db, const AlertConfig &configured);
// Replays request.rule over every raw sample of the series in [from, to] (AlertReplay) and downsamples the series
// for the chart.
ReplayResult replay(QSqlDatabase db, const ReplayRequest &request);

} // namespace ReadQueries
