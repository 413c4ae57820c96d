#include "metric.h"

QString metricName(Metric metric)
{
    switch (metric) {
    case Metric::Cpu:
        return QStringLiteral("cpu");
    case Metric::Memory:
        return QStringLiteral("memory");
    case Metric::Disk:
        return QStringLiteral("disk");
    }
    return QString();
}

std::optional<Metric> metricFromName(const QString &name)
{
    for (Metric m : AllMetrics) {
        if (metricName(m) == name)
            return m;
    }
    return std::nullopt;
}

QStringList metricNames()
{
    QStringList names;
    for (Metric m : AllMetrics)
        names << metricName(m);
    return names;
}
