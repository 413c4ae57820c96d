#include "alerttransition.h"

namespace {

constexpr AlertState AllStates[] = { AlertState::Pending,     AlertState::Firing,   AlertState::Escalated,
                                     AlertState::DeEscalated, AlertState::Resolved, AlertState::Cancelled };

} // namespace

QString alertStateName(AlertState state)
{
    switch (state) {
    case AlertState::Pending:
        return QStringLiteral("pending");
    case AlertState::Firing:
        return QStringLiteral("firing");
    case AlertState::Escalated:
        return QStringLiteral("escalated");
    case AlertState::DeEscalated:
        return QStringLiteral("deescalated");
    case AlertState::Resolved:
        return QStringLiteral("resolved");
    case AlertState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

std::optional<AlertState> alertStateFromName(const QString &name)
{
    for (AlertState state : AllStates) {
        if (alertStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

QString describeTransition(const AlertTransition &t)
{
    return QStringLiteral("%1 %2 %3 %4 %5 vs %6 at %7 since %8")
        .arg(QString::number(t.resourceId), metricName(t.metric), alertStateName(t.state), alertLevelName(t.level),
             QString::number(t.value), QString::number(t.threshold), QString::number(t.at), QString::number(t.since));
}
