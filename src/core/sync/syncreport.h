#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

// The outcome of syncing one source once.
struct SourceRunResult
{
    QString name;
    QString type;
    QString status; // ok | failed | locked (another syncer holds this source)
    int resources = 0;
    qint64 samples = 0; // new samples stored
    int apiCalls = 0;
    int throttled = 0;
    int retries = 0;
    qint64 durationMs = 0;
    QString error;
};

struct FiringAlert
{
    QString resource;
    QString metric;
    QString level;
    double value = 0;
    double threshold = 0;
};

// One round of syncing (every selected source once): what `opsdeck --sync --json` prints and what decides its
// exit code. The JSON shape is a contract (DESIGN.md): status, started_at, finished_at, duration_ms, sources[],
// totals, alerts.firing[].
struct SyncReport
{
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    QList<SourceRunResult> sources;
    QList<FiringAlert> firing;
    QString fatalError; // the round could not run at all (database unavailable…)

    // ok: every source synced · partial: some did not · failed: none did, or the round could not run.
    QString status() const;
    // 0 ok · 1 failed · 3 partial · 75 only lock contention kept sources from syncing.
    int exitCode() const;
    QJsonObject toJson() const;
    // A few lines for a person at a terminal.
    QString toText() const;
};
