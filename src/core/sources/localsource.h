#pragma once

#include "source.h"

// This machine: CPU from /proc/stat counter deltas, memory from /proc/meminfo, disk from statvfs("/").
// The counters of the last reading are kept in the source state, so two separate `opsdeck --sync` runs
// measure CPU over the interval between them; the very first sync takes two readings about a second apart, and so
// does a sync whose stored counters are unusable (missing, older than a day, or from before a reboot).
// Reported sizes: memoryMb in MiB, diskGb in GiB (1024³ bytes) of the filesystem holding diskPath.
class LocalSource final : public Source
{
public:
    // procRoot and diskPath are for tests (fixture trees); production uses /proc and /.
    explicit LocalSource(QString name, QString procRoot = QStringLiteral("/proc"),
                         QString diskPath = QStringLiteral("/"));

    bool collect(SourceContext &context, Collection &out, QString *error) override;

    // Delay between the two readings of a first sync; tests shorten it.
    void setFirstSampleDelayMs(int ms) { m_firstDelayMs = ms; }

private:
    QString m_procRoot;
    QString m_diskPath;
    int m_firstDelayMs = 1000;
};
