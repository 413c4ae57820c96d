#pragma once

#include "alerts/alerttransition.h"
#include "metric.h"
#include "resourceinfo.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <memory>
#include <optional>

struct SampleRow
{
    qint64 resourceId = 0;
    Metric metric = Metric::Cpu;
    qint64 ts = 0; // Unix seconds
    double value = 0;
};

struct SyncRunRecord
{
    qint64 id = 0;
    QString source;
    QString sourceType;
    qint64 startedAt = 0; // Unix seconds
    qint64 finishedAt = 0;
    qint64 durationMs = 0;
    QString status; // ok | failed
    int resources = 0;
    qint64 samples = 0;
    int apiCalls = 0;
    int throttled = 0;
    int retries = 0;
    QString error;
    QString host;
};

// The write side of the cache, on one connection owned by the calling thread.
//
// Writes are idempotent: a sample whose (resource, metric, ts) is already stored is ignored — the first write
// wins on both engines — so re-fetching an overlapping window never duplicates anything. Only samples that were
// really inserted are folded into the hourly and daily rollups and into the resource's latest values, so the
// rollups always agree with the samples that were written. Callers wrap a batch in transaction()/commit().
class MetricStore final
{
public:
    explicit MetricStore(QSqlDatabase db);
    ~MetricStore();
    Q_DISABLE_COPY_MOVE(MetricStore)

    QString lastError() const { return m_error; }
    // Set once a statement met a damaged file ("database disk image is malformed"). The caller then writes nothing
    // more into it, not even the record of the failed sync: the file stays as it was for a backup or a rescue.
    bool isDamaged() const { return m_damaged; }
    QSqlDatabase database() const { return m_db; }
    bool isSqlite() const { return m_sqlite; }

    bool transaction();
    bool commit();
    void rollback();

    // Inserts or updates the resources of a source; returns external id → resource id.
    std::optional<QHash<QString, qint64>> upsertResources(const QString &source, const QList<ResourceInfo> &resources,
                                                          qint64 seenAt);
    // Returns how many samples were new, or -1 on error (see lastError()).
    qint64 writeSamples(const QList<SampleRow> &samples);

    std::optional<QHash<QString, QString>> loadSourceState(const QString &source);
    bool saveSourceState(const QString &source, const QHash<QString, QString> &state);
    // "externalId/metric" → Unix seconds of the newest stored sample, for incremental fetches.
    std::optional<QHash<QString, qint64>> lastSampleTimes(const QString &source);

    bool insertSyncRun(const SyncRunRecord &run);

    // Stores alert transitions in alert_events, in the order given (time order): Firing opens an event (state
    // 'firing', started_at = the transition's `since`, when the value reached the threshold — not when `for` ran
    // out, so the event spans the whole condition); Escalated and DeEscalated update the level, value and threshold
    // of the series' open event; Resolved closes it (state 'resolved', resolved_at = the transition's time).
    // Pending and Cancelled are not stored. At most one event per resource×metric is open: a Firing while one is
    // open (evaluator state lost) updates it, and a change without an open event opens one. Callers wrap it in
    // the transaction of the samples that caused the transitions.
    bool recordAlertTransitions(const QList<AlertTransition> &transitions);

    // Deletes raw samples older than retentionDays, rollups older than 400 days, and sync runs and resolved
    // alerts older than 400 days, and merges the pieces of the fleet rollups. Runs in its own transaction.
    bool prune(qint64 now, int retentionDays);

private:
    struct Aggregate
    {
        qint64 resourceId = -1;
        int metric = 0;
        qint64 bucket = 0;
        double min = 0;
        double max = 0;
        double sum = 0;
        qint64 count = 0;
    };
    struct Latest
    {
        qint64 ts = -1;
        double value = 0;
    };

    qint64 writeSamplesSqlite(const QList<SampleRow> &samples);
    qint64 writeSamplesPostgres(const QList<SampleRow> &samples);
    bool fold(Aggregate &agg, const SampleRow &s, qint64 period);
    bool flushRollup(const Aggregate &agg, qint64 period);
    bool updateLatest(const QHash<qint64, Latest> &latest);
    bool mergeFleetParts();
    bool fail(const QString &what, const QString &cause);

    QSqlDatabase m_db;
    bool m_sqlite = true;
    QString m_error;
    bool m_damaged = false;
    struct SqliteStatements;
    std::unique_ptr<SqliteStatements> m_lite;
};
