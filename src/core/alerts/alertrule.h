#pragma once

#include "config/config.h"
#include "storage/metric.h"
#include "storage/resourceinfo.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// Alert severities in increasing order: `a > b` means a is worse.
enum class AlertLevel : int { Warning = 1, Critical = 2 };

QString alertLevelName(AlertLevel level); // "warning", "critical": stored, and printed by --sync --json
std::optional<AlertLevel> alertLevelFromName(const QString &name);

// The thresholds in force for one metric of one resource. An alert of a level starts firing once the value has
// been at or above that level's threshold for forSeconds, and resolves once the value falls below the threshold
// minus clearMargin (see AlertEvaluator). Values are percent, like the metrics.
struct AlertRule
{
    Metric metric = Metric::Cpu;
    double warning = 80;
    double critical = 90;
    qint64 forSeconds = 300;
    double clearMargin = 5;

    double threshold(AlertLevel level) const { return level == AlertLevel::Critical ? critical : warning; }

    bool operator==(const AlertRule &other) const
    {
        return metric == other.metric && warning == other.warning && critical == other.critical
            && forSeconds == other.forSeconds && clearMargin == other.clearMargin;
    }
    bool operator!=(const AlertRule &other) const { return !(*this == other); }
};

// What an override applies to, in increasing precedence.
enum class AlertScope : int { Kind = 1, Tag = 2, Resource = 3 };

QString alertScopeName(AlertScope scope); // "kind", "tag", "resource"
std::optional<AlertScope> alertScopeFromName(const QString &name);

// Thresholds for one metric of the resources a name, a tag or a kind selects. Unset fields fall through to the
// next level (resource > tag > kind > default).
struct AlertOverride
{
    AlertScope scope = AlertScope::Resource;
    QString target; // the resource name, the tag or the kind, matched exactly (case-sensitive)
    Metric metric = Metric::Cpu;
    std::optional<double> warning;
    std::optional<double> critical;
    std::optional<qint64> forSeconds;
    std::optional<double> clearMargin;

    bool isEmpty() const { return !warning && !critical && !forSeconds && !clearMargin; }
    // "the cpu override for tag "prod"": how validation messages name it.
    QString describe() const;

    bool operator==(const AlertOverride &other) const
    {
        return scope == other.scope && target == other.target && metric == other.metric && warning == other.warning
            && critical == other.critical && forSeconds == other.forSeconds && clearMargin == other.clearMargin;
    }
};

// Every threshold of the fleet: a default rule per metric (from [alerts] of the configuration) and the overrides
// of the Thresholds dialog. ruleFor() resolves the rule of one resource field by field, each field taken from the
// most specific level that sets it: resource > tag > kind > default.
//
// Several overrides of one level may match a resource — typically two of its tags. Then, field by field, the
// value that alerts the most wins: the lower warning and critical, the shorter `for`, the larger clear margin. The
// result does not depend on the order of the tags or of the overrides, and a resource in two groups gets the
// stricter treatment of either — a missed alert costs more than an extra one.
class AlertRuleSet final
{
public:
    // The defaults of DESIGN.md (cpu 80/90, memory 85/95, disk 80/90, for 5 min, clear margin 5).
    AlertRuleSet();
    explicit AlertRuleSet(const AlertConfig &config);

    // A metric the configuration does not name gets AlertRule's own defaults (80/90).
    AlertRule defaultRule(Metric metric) const;
    void setDefaultRule(const AlertRule &rule);

    QList<AlertOverride> overrides() const { return m_overrides; }
    void setOverrides(const QList<AlertOverride> &overrides) { m_overrides = overrides; }
    void addOverride(const AlertOverride &entry) { m_overrides.append(entry); }
    // Removes every override of that scope, target and metric; false when there was none.
    bool removeOverride(AlertScope scope, const QString &target, Metric metric);

    AlertRule ruleFor(const QString &name, const QString &kind, const QStringList &tags, Metric metric) const;
    AlertRule ruleFor(const ResourceInfo &resource, Metric metric) const
    {
        return ruleFor(resource.name, resource.kind, resource.tags, metric);
    }

    // Every problem, one readable sentence each naming the default or the override at fault; empty when valid.
    // Checked: thresholds and clear margin within 0–100, `for` not negative, warning <= critical, a clear margin
    // below the warning threshold (else an alert could never resolve), overrides that name a target, a known kind
    // and set something, and no override given twice. An override that sets only some fields is checked together
    // with the defaults it falls through to ("critical 70 is below the default warning 80").
    QStringList validate() const;

    // The kinds a kind override may name (DESIGN.md, Data).
    static QStringList knownKinds();

private:
    QMap<Metric, AlertRule> m_defaults;
    QList<AlertOverride> m_overrides;
};
