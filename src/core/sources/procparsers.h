#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// Aggregate CPU time from the first "cpu " line of /proc/stat, in USER_HZ ticks.
struct CpuCounters
{
    quint64 total = 0; // user+nice+system+idle+iowait+irq+softirq+steal (guest is already inside user/nice)
    quint64 idle = 0; // idle+iowait

    // "total idle" — the form persisted between separate --sync runs. fromString() rejects anything else
    // (including idle > total), so a corrupted state value is treated like no previous reading.
    QString toString() const;
    static std::optional<CpuCounters> fromString(const QString &text);
};

struct MemInfo
{
    quint64 totalKb = 0;
    quint64 availableKb = 0;
};

// The first aggregate "cpu" line of /proc/stat. Works with every column count from 2.4 kernels (4 columns) on;
// nullopt when there is no such line, it has fewer than 4 columns or a column is not a number.
std::optional<CpuCounters> parseProcStat(const QByteArray &text);
// Needs MemTotal and MemAvailable (kernel ≥ 3.14); nullopt when either is missing or not a number.
std::optional<MemInfo> parseMemInfo(const QByteArray &text);
// Counts the "cpuN" lines of /proc/stat.
int parseCpuCount(const QByteArray &text);

// CPU busy % between two readings: 100·(1 − Δidle/Δtotal). nullopt when no time passed or a counter went
// backwards (a reboot between the readings): that interval is dropped, never reported as 0 % or 100 %.
// The result is clamped to 0..100.
std::optional<double> cpuPercent(const CpuCounters &before, const CpuCounters &after);

// Used % of memory: 100·(1 − available/total), clamped to 0..100; nullopt when total is 0.
std::optional<double> memoryPercent(const MemInfo &info);
