#pragma once

#include <QString>
#include <QStringList>
#include <optional>

// The canonical metrics, all percent 0–100. The numeric values are stored in the database: never renumber.
enum class Metric : int { Cpu = 1, Memory = 2, Disk = 3 };

inline constexpr Metric AllMetrics[] = { Metric::Cpu, Metric::Memory, Metric::Disk };

QString metricName(Metric metric);
std::optional<Metric> metricFromName(const QString &name);
QStringList metricNames();
