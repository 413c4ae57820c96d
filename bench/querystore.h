#pragma once

#include "config/databaseurl.h"

#include <QList>
#include <QString>

// What the query suite's store holds: the ingest workload (`resources` × 3 metrics × `days` days at 5 minutes)
// plus `fleet` − `resources` resources with a few recent samples only, so that the fleet table is as long as a
// real fleet while the history stays at the ingest suite's 10 M samples.
struct QueryStoreSpec
{
    int resources = 400;
    int days = 30;
    int fleet = 1000;
    quint64 seed = 20261121;
    int batch = 50000;

    // Also the SQLite file name and the marker in the store, so a store is only reused for the same spec.
    QString name() const;
};

// A store ready to be read. Building one costs a minute or more (10 M samples through MetricStore, then the
// checks of the ingest suite), so a SQLite store is written to a file named after its spec and reused by later
// runs when it is kept; the marker is written last, so a store whose build was interrupted is never reused.
struct QueryStore
{
    DatabaseUrl url;
    QString path; // the SQLite file; empty on PostgreSQL
    QueryStoreSpec spec;
    QList<qint64> seriesIds; // the resources with a full history, in workload order
    int fleetRows = 0; // every resource
    qint64 samples = 0;
    qint64 firstTs = 0; // first and last sample of every full series (Unix seconds)
    qint64 lastTs = 0;
    bool reused = false;
    double buildSeconds = 0; // generating, writing and checking; 0 when reused
    QString error;

    bool ok() const { return error.isEmpty(); }

    // Reuses a complete store at `url` with this spec (SQLite, unless `rebuild`), else builds it there.
    static QueryStore prepare(const DatabaseUrl &url, const QueryStoreSpec &spec, bool rebuild);
};
