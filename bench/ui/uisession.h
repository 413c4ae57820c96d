#pragma once

#include <QJsonObject>
#include <QString>

// What the parent tells one measured process.
struct SessionOptions
{
    QString config; // the opsdeck.ini the window is built from, as `opsdeck --config` would read it
    qint64 spawnNs = 0; // monotonic time the parent started this process (0: measure from main())
    int clicks = 5;
    int expectedRows = 0; // resources in the store when the window opens
    int droplets = 0; // the DigitalOcean test server's droplets: what the sync adds
    QString denseDb; // the 1 M-raw-point store; empty skips item 3
    int denseRepeat = 3;
};

// One fresh OpsDeck window process, measured from the outside of its classes (event filters, its signals and
// its widgets' public state), the way src/app/main.cpp builds it:
//   1. process start → the window's first paint, and → the first frame with the fleet rows;
//   2. clicks on rows with the range at 30 days → the three charts painted;
//   4. the largest gap of a 1 ms timer while the sync engine writes a DigitalOcean backfill;
//   3. a 1 M-raw-point trend read through the Repository → LTTB → a TrendChartView painted;
//   5. peak RSS.
// Prints one JSON object (prefixed "UIBENCH ") and returns the exit code: 0, or 1 when a check failed.
int runSession(int argc, char **argv, const SessionOptions &options);

// The references for item 3, in a process of their own so their memory never shows in the window's RSS:
// LTTB alone, the chart fed the million points without LTTB, and QXYSeries::append(QList) against replace().
int runReference(int argc, char **argv, const QString &denseDb, int repeat, int appendCap);

// The JSON line a child prints, parsed; an empty object when there is none.
QJsonObject parseChildOutput(const QByteArray &stdoutText);
