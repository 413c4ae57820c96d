#pragma once

#include "config/config.h"
#include "query/querycache.h"
#include "query/querytracker.h"
#include "query/readmodels.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// How one configured source is doing, from its sync log.
struct SourceHealth
{
    QString name;
    QString type;
    bool enabled = true;
    qint64 intervalSeconds = 0;
    qint64 lastSyncAt = 0; // finish of the newest sync, 0 = never
    QString lastStatus; // ok | failed, empty = never synced
    QString lastError;
    qint64 lastOkAt = 0;
    qint64 ageSeconds = -1; // since the newest successful sync; -1 = never
    qint64 runs24h = 0;
    qint64 ok24h = 0;
    double successRate24h = -1; // 0..1; -1 = no runs in 24 h
    bool healthy = true;
    QString problem; // why not healthy, in plain words
};

// The answer of `opsdeck --health` and of GET /health: is the cache telling the truth about the fleet right now?
//
// Status is "ok" when the database answers and every enabled source's newest sync succeeded no longer ago than
// twice its interval plus two minutes (a missed round is tolerated, two are not); otherwise "degraded", with one
// line per problem. Query performance and cache statistics are reported but never degrade the status: a slow
// chart is not a wrong one.
struct HealthReport
{
    static constexpr qint64 StaleGraceSeconds = 120;

    QString status = QStringLiteral("ok"); // ok | degraded
    qint64 generatedAt = 0;
    qint64 uptimeSeconds = 0;
    QString version;
    DatabaseInfo database;
    bool databaseOk = true;
    QList<SourceHealth> sources;
    QList<QueryStats> queries;
    QueryCacheStats cache;
    QStringList problems;

    bool ok() const { return status == QLatin1String("ok"); }
    QJsonObject toJson() const;
    QString toText() const; // a few aligned lines for a terminal

    // `selected`: the sources to judge (all configured ones when empty).
    static HealthReport build(const Config &config, const QStringList &selected, const SyncHealth &sync,
                              const QList<QueryStats> &queries, const QueryCacheStats &cache, qint64 now,
                              qint64 startedAt);
};
