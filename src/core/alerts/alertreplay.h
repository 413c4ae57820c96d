#pragma once

#include "alerts/alertevaluator.h"
#include "alerts/alertrule.h"
#include "alerts/alerttransition.h"

#include <QList>

// A stretch of time an alert was firing at one level: what the replay chart marks.
struct AlertFiringPeriod
{
    qint64 from = 0; // when it fired (or changed to this level)
    qint64 to = 0; // when it resolved (or changed level); the end of the data when still firing
    AlertLevel level = AlertLevel::Warning;
    bool open = false; // still firing at the end of the data

    bool operator==(const AlertFiringPeriod &o) const
    {
        return from == o.from && to == o.to && level == o.level && open == o.open;
    }
};

struct AlertReplayResult
{
    int fired = 0; // times the alert went from ok or pending to firing (escalations are not counted again)
    int escalations = 0; // warning → critical while firing
    int flaps = 0; // firings that began within the flap window after the previous one resolved
    int cancelled = 0; // conditions that did not last `for` (what `for` kept quiet)
    qint64 firingSeconds = 0; // the periods' total length
    QList<AlertFiringPeriod> periods; // in time order; an escalated alert gives a warning then a critical period
    QList<AlertTransition> transitions; // everything the evaluator reported

    bool operator==(const AlertReplayResult &o) const
    {
        return fired == o.fired && escalations == o.escalations && flaps == o.flaps && cancelled == o.cancelled
            && firingSeconds == o.firingSeconds && periods == o.periods && transitions == o.transitions;
    }
};

// "What would this rule have done?" — runs one series' history through a fresh AlertEvaluator, the same code that
// evaluates live samples, so a replay shows exactly what the live alerts would have been.
//
// A flap is a firing that begins at most flapWindowSeconds (default 1 h) after the previous firing of the series
// resolved: an alert that keeps coming back; the first firing of a series is never a flap. Periods run from the
// firing (not from the start of the condition, which is `for` earlier) to the resolution; a period still open at
// the end of the data ends at the last sample.
class AlertReplay final
{
public:
    static constexpr qint64 DefaultFlapWindowSeconds = 3600;

    // Samples in time order (older or repeated timestamps are skipped, as live). resourceId only labels the
    // transitions.
    static AlertReplayResult replay(const AlertRule &rule, const QList<AlertSample> &samples,
                                    qint64 flapWindowSeconds = DefaultFlapWindowSeconds, qint64 resourceId = 0);

    // The figures of transitions the evaluator produced for one series, with the data ending at `end`.
    static AlertReplayResult summarise(const QList<AlertTransition> &transitions, qint64 end,
                                       qint64 flapWindowSeconds = DefaultFlapWindowSeconds);
};
