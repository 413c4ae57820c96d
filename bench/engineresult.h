#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <ctime>

// What one engine did with the workload: the timed bulk ingest, the timed re-write of an already-stored window
// (the idempotent path), and the checks run afterwards. Empty error means every check passed.
struct EngineResult
{
    QString engine; // raw | sqlite | postgres | pgcopy
    QString what; // one line: what was written and how
    qint64 samples = 0;
    double seconds = 0;
    double cpuSeconds = 0; // CPU time of this process during the ingest (the client side, for PostgreSQL)
    qint64 rewriteSamples = 0;
    double rewriteSeconds = 0;
    qint64 bytes = 0; // database size after the run
    QStringList checks; // what was verified
    QString error;

    bool ok() const { return error.isEmpty(); }
    double rate() const { return seconds > 0 ? double(samples) / seconds : 0; }
    double rewriteRate() const { return rewriteSeconds > 0 ? double(rewriteSamples) / rewriteSeconds : 0; }
};

// Wall-clock and process CPU time since construction.
class Stopwatch final
{
public:
    Stopwatch()
    {
        m_wall.start();
        m_cpu = cpuNow();
    }
    double seconds() const { return double(m_wall.nsecsElapsed()) / 1e9; }
    double cpuSeconds() const { return cpuNow() - m_cpu; }

private:
    static double cpuNow()
    {
        timespec ts {};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
    }

    QElapsedTimer m_wall;
    double m_cpu = 0;
};
