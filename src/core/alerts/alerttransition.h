#pragma once

#include "alerts/alertrule.h"
#include "storage/metric.h"

#include <QString>
#include <optional>

// What happened to the alert of one resource×metric.
enum class AlertState : int {
    Pending = 1, // the value reached a level's threshold; it fires if it stays there for `for`
    Firing = 2, // ok or pending → firing
    Escalated = 3, // firing warning → firing critical
    DeEscalated = 4, // firing critical → firing warning
    Resolved = 5, // firing → ok: the value fell below the threshold minus the clear margin
    Cancelled = 6, // pending → ok without firing (dropped below the threshold, or a gap in the data)
};

QString alertStateName(AlertState state); // "pending", "firing", "escalated", "deescalated", "resolved", "cancelled"
std::optional<AlertState> alertStateFromName(const QString &name);

// One change of an alert, caused by one sample (AlertEvaluator::feed).
struct AlertTransition
{
    qint64 resourceId = 0;
    Metric metric = Metric::Cpu;
    AlertLevel level = AlertLevel::Warning; // the level after the change; for Resolved and Cancelled, the one before
    AlertState state = AlertState::Pending;
    double value = 0; // the sample that caused it
    double threshold = 0; // the threshold of `level`
    qint64 at = 0; // the sample's time, Unix seconds
    qint64 since = 0; // when the value reached `level`'s threshold (the start of the condition)

    // The alert is active (firing) after this change.
    bool isFiring() const
    {
        return state == AlertState::Firing || state == AlertState::Escalated || state == AlertState::DeEscalated;
    }

    bool operator==(const AlertTransition &other) const
    {
        return resourceId == other.resourceId && metric == other.metric && level == other.level && state == other.state
            && value == other.value && threshold == other.threshold && at == other.at && since == other.since;
    }
    bool operator!=(const AlertTransition &other) const { return !(*this == other); }
};

// "42 cpu firing critical 96 vs 90 at 1000 since 700": for logs and test failure messages.
QString describeTransition(const AlertTransition &transition);
