#include "alertreplay.h"

#include <algorithm>
#include <optional>

AlertReplayResult AlertReplay::replay(const AlertRule &rule, const QList<AlertSample> &samples,
                                      qint64 flapWindowSeconds, qint64 resourceId)
{
    AlertEvaluator evaluator;
    const QList<AlertTransition> transitions = evaluator.feed(resourceId, rule.metric, samples, rule);
    return summarise(transitions, evaluator.lastSampleAt(resourceId, rule.metric), flapWindowSeconds);
}

AlertReplayResult AlertReplay::summarise(const QList<AlertTransition> &transitions, qint64 end,
                                         qint64 flapWindowSeconds)
{
    AlertReplayResult result;
    result.transitions = transitions;
    std::optional<AlertFiringPeriod> open;
    std::optional<qint64> lastResolved;
    auto close = [&](qint64 at) {
        if (!open)
            return;
        open->to = at;
        result.firingSeconds += open->to - open->from;
        result.periods.append(*open);
        open.reset();
    };
    auto start = [&](qint64 at, AlertLevel level) {
        AlertFiringPeriod period;
        period.from = at;
        period.level = level;
        open = period;
    };
    for (const AlertTransition &t : transitions) {
        switch (t.state) {
        case AlertState::Firing:
            ++result.fired;
            if (lastResolved && t.at - *lastResolved <= flapWindowSeconds)
                ++result.flaps;
            close(t.at);
            start(t.at, t.level);
            break;
        case AlertState::Escalated:
            ++result.escalations;
            close(t.at);
            start(t.at, t.level);
            break;
        case AlertState::DeEscalated:
            close(t.at);
            start(t.at, t.level);
            break;
        case AlertState::Resolved:
            close(t.at);
            lastResolved = t.at;
            break;
        case AlertState::Cancelled:
            ++result.cancelled;
            break;
        case AlertState::Pending:
            break;
        }
    }
    if (open) {
        open->open = true;
        close(std::max(end, open->from));
    }
    return result;
}
