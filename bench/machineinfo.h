#pragma once

#include <QString>

// The facts a reader needs to compare figures across machines.
struct MachineInfo
{
    QString cpu; // model name from /proc/cpuinfo
    int cpus = 0; // online CPUs (nproc)
    QString memory;
    QString os;
    QString kernel;
    QString qt;
    QString sqlite;
    QString filesystem; // the file system the SQLite files are written to

    static MachineInfo collect(const QString &dir);
};
