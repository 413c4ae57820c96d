#pragma once

#include "querystore.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

// One measured call: many timed repetitions, summarised as nearest-rank percentiles of the per-call time.
struct QueryFigure
{
    QString id; // "trend.30d", "trend.30d.sqlite3", "cache.fleet.batch", …
    int item = 0; // the numbered measurement (1–7) of docs/BENCHMARKS.md
    QString what; // what is asked
    QString path; // how it is answered
    double rowsRead = 0; // rows the database returned per call (mean)
    qint64 answer = 0; // points or rows in one answer
    int reps = 0;
    double p50Ns = 0;
    double p95Ns = 0;
    double targetNs = 0; // the p50 target, 0 when the line is a reference
    QString note; // how the time was taken, when it is not simply one call per sample
};

// Every figure of one engine, the correctness checks that were run, and the first failure.
struct QueryBenchResult
{
    QString engine; // sqlite | postgres
    QueryStore store;
    QList<QueryFigure> figures;
    QStringList checks;
    QStringList notes;
    QString error;

    bool ok() const { return error.isEmpty(); }
    const QueryFigure *find(const QString &id) const;
};

// Measures the query layer on a prepared store: ReadQueries on a connection of this thread (no QueryCache), the
// Repository's cache hits, LTTB, the naive path (every raw row through QtSql, aggregated in C++) and, on SQLite,
// the same reads on the sqlite3 C API. `quick` takes far fewer repetitions; `items` (1–7, as numbered in
// docs/BENCHMARKS.md) limits the run to those measurements, all when empty.
QueryBenchResult runQueryBench(const QueryStore &store, const QString &engine, bool quick, const QList<int> &items);

// The table, the ratios and the targets, in the shape docs/BENCHMARKS.md records them.
void printQueryReport(QTextStream &out, const QList<QueryBenchResult> &results);
