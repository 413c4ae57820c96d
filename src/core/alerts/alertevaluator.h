#pragma once

#include "alerts/alertrule.h"
#include "alerts/alerttransition.h"
#include "storage/metric.h"
#include "sync/syncreport.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <map>
#include <optional>
#include <utility>

// One sample of one series, as the evaluator and replay take them.
struct AlertSample
{
    qint64 ts = 0; // Unix seconds
    double value = 0;
};

// All the evaluator remembers of one resource×metric: enough to continue exactly where it stopped. Each level
// (warning, critical) runs its own ok → pending → firing machine on its own threshold; the alert's state is the
// worst of the two.
struct AlertSeriesState
{
    enum class Phase : int { Ok = 0, Pending = 1, Firing = 2 };
    struct Level
    {
        Phase phase = Phase::Ok;
        qint64 since = 0; // pending or firing: when the value reached the threshold
        double threshold = 0; // the threshold of the last evaluation
        bool operator==(const Level &o) const
        {
            return phase == o.phase && since == o.since && threshold == o.threshold;
        }
    };

    qint64 resourceId = 0;
    Metric metric = Metric::Cpu;
    qint64 lastTs = 0; // the newest sample evaluated; older and equal ones are ignored
    double lastValue = 0;
    Level warning;
    Level critical;

    bool operator==(const AlertSeriesState &o) const
    {
        return resourceId == o.resourceId && metric == o.metric && lastTs == o.lastTs && lastValue == o.lastValue
            && warning == o.warning && critical == o.critical;
    }
};

// The evaluator's whole state, to store between runs (the headless syncer is a new process every time).
struct AlertEvaluatorState
{
    QList<AlertSeriesState> series;

    bool operator==(const AlertEvaluatorState &o) const { return series == o.series; }

    // {"version":1,"series":[{"resource":42,"metric":"cpu","last_ts":…,"last_value":…,
    //   "warning":{"phase":"firing","since":…,"threshold":80},"critical":{…}}]}
    QJsonObject toJson() const;
    // nullopt and *error set when the object is not what toJson() writes.
    static std::optional<AlertEvaluatorState> fromJson(const QJsonObject &json, QString *error = nullptr);
};

// An alert that is firing (or pending) now.
struct ActiveAlert
{
    qint64 resourceId = 0;
    Metric metric = Metric::Cpu;
    AlertLevel level = AlertLevel::Warning;
    double value = 0; // the latest sample
    double threshold = 0; // of `level`
    qint64 since = 0; // when the value reached `level`'s threshold
    qint64 startedAt = 0; // when the alert's condition began (the warning's since once it escalated)
    qint64 updatedAt = 0; // the latest sample's time
};

// The alert state machine of every resource×metric, driven by samples — after each sync commit with the new
// samples, and by AlertReplay over history. Pure: no clock, no I/O; the same samples give the same transitions
// however they are split into calls.
//
// Per level (warning, critical), with the rule of the feed() call:
//  - ok → pending when a sample is at or above the threshold (value >= threshold); `since` is that sample's time.
//  - pending → firing at the first sample with ts - since >= for: a sample exactly `for` after the start fires,
//    `for` = 0 fires on the first sample (without a separate pending transition).
//  - pending → ok (Cancelled, never notified) when a sample falls below the threshold itself.
//  - firing → ok only when a sample falls below threshold - clear margin: values inside that band keep it firing.
// The alert's state is the worse level's; its changes come out as transitions: Pending, Firing, Escalated
// (warning → critical while firing), DeEscalated (critical → warning, i.e. below critical - clear margin but not
// below warning - clear margin), Resolved, Cancelled.
//
// Gaps: when more than gapLimit(rule) = max(2 × for, 15 min) passes between two samples of a series, a pending
// condition is cancelled before the new sample is evaluated — a breach seen before a long silence and again after
// it has not been shown to last `for`. A firing alert survives gaps: only data resolves it. (Forget a resource that
// is gone with forget().)
//
// Samples at or before the newest one already evaluated for the series are ignored, so re-feeding an overlapping
// window is harmless; so are values that are not finite.
class AlertEvaluator final
{
public:
    using NameLookup = std::function<QString(qint64 resourceId)>;

    static constexpr qint64 MinGapSeconds = 15 * 60;
    static qint64 gapLimit(const AlertRule &rule);

    // Evaluates one sample; returns the transitions it caused, in order (usually none).
    QList<AlertTransition> feed(qint64 resourceId, Metric metric, qint64 ts, double value, const AlertRule &rule);
    // Evaluates samples of one series in time order.
    QList<AlertTransition> feed(qint64 resourceId, Metric metric, const QList<AlertSample> &samples,
                                const AlertRule &rule);

    // Alerts firing now, worst first (critical before warning, then by resource id and metric).
    QList<ActiveAlert> firing() const;
    // Conditions not yet lasting `for`, in the same order.
    QList<ActiveAlert> pending() const;
    // For --sync --json alerts.firing: resource names from `names`.
    QList<FiringAlert> firingReport(const NameLookup &names) const;

    // The series' state; nullopt when no sample of it was evaluated yet.
    std::optional<AlertSeriesState> series(qint64 resourceId, Metric metric) const;
    // The newest sample evaluated for the series, 0 when none: feed only what is newer.
    qint64 lastSampleAt(qint64 resourceId, Metric metric) const;

    // Drops every series of a resource that no longer exists (its alerts go without a Resolved transition).
    void forget(qint64 resourceId);
    void clear() { m_series.clear(); }

    AlertEvaluatorState exportState() const;
    // Replaces the whole state.
    void importState(const AlertEvaluatorState &state);

private:
    using Key = std::pair<qint64, int>;
    std::map<Key, AlertSeriesState> m_series;
};
