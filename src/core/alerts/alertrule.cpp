#include "alertrule.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(AlertRuleSet)
};

// The overrides of one level that match a resource, merged field by field.
struct Fields
{
    std::optional<double> warning;
    std::optional<double> critical;
    std::optional<qint64> forSeconds;
    std::optional<double> clearMargin;

    // The value that alerts the most wins (see AlertRuleSet).
    void merge(const AlertOverride &o)
    {
        if (o.warning)
            warning = warning ? std::min(*warning, *o.warning) : *o.warning;
        if (o.critical)
            critical = critical ? std::min(*critical, *o.critical) : *o.critical;
        if (o.forSeconds)
            forSeconds = forSeconds ? std::min(*forSeconds, *o.forSeconds) : *o.forSeconds;
        if (o.clearMargin)
            clearMargin = clearMargin ? std::max(*clearMargin, *o.clearMargin) : *o.clearMargin;
    }

    void applyTo(AlertRule &rule) const
    {
        rule.warning = warning.value_or(rule.warning);
        rule.critical = critical.value_or(rule.critical);
        rule.forSeconds = forSeconds.value_or(rule.forSeconds);
        rule.clearMargin = clearMargin.value_or(rule.clearMargin);
    }
};

bool matches(const AlertOverride &o, const QString &name, const QString &kind, const QStringList &tags)
{
    switch (o.scope) {
    case AlertScope::Resource:
        return o.target == name;
    case AlertScope::Tag:
        return tags.contains(o.target);
    case AlertScope::Kind:
        return o.target == kind;
    }
    return false;
}

bool isPercent(double value)
{
    return std::isfinite(value) && value >= 0 && value <= 100;
}

// Which fields of a rule were set where it is checked (an override), as opposed to inherited from the defaults.
struct Own
{
    bool warning = true;
    bool critical = true;
    bool forSeconds = true;
    bool clearMargin = true;
};

QString shown(double value, bool own)
{
    return own ? QString::number(value) : Text::tr("%1 (the default)").arg(QString::number(value));
}

// The problems of `rule` as seen from `what`. Ranges are checked for the fields set there only (inherited ones are
// checked with the defaults); relations between fields whenever one of them is set there.
void checkRule(const QString &what, const AlertRule &rule, const Own &own, QStringList *errors)
{
    bool inRange = true;
    auto percent = [&](const QString &field, double value, bool isOwn) {
        if (isPercent(value))
            return;
        inRange = false;
        if (isOwn)
            errors->append(Text::tr("%1: %2 %3 is outside 0–100; thresholds and margins are percent")
                               .arg(what, field, QString::number(value)));
    };
    percent(QStringLiteral("warning"), rule.warning, own.warning);
    percent(QStringLiteral("critical"), rule.critical, own.critical);
    percent(QStringLiteral("clear_margin"), rule.clearMargin, own.clearMargin);
    if (rule.forSeconds < 0) {
        inRange = false;
        if (own.forSeconds)
            errors->append(Text::tr("%1: for %2 s is negative; use 0 to fire on the first sample at or above the "
                                    "threshold")
                               .arg(what, QString::number(rule.forSeconds)));
    }
    if (!inRange)
        return;
    if ((own.warning || own.critical) && rule.warning > rule.critical)
        errors->append(Text::tr("%1: warning %2 is above critical %3; the warning level must not exceed the critical "
                                "level")
                           .arg(what, shown(rule.warning, own.warning), shown(rule.critical, own.critical)));
    if ((own.warning || own.clearMargin) && rule.clearMargin >= rule.warning)
        errors->append(Text::tr("%1: clear_margin %2 is not below warning %3, so an alert could never resolve; "
                                "lower the clear margin")
                           .arg(what, shown(rule.clearMargin, own.clearMargin), shown(rule.warning, own.warning)));
}

} // namespace

QString alertLevelName(AlertLevel level)
{
    return level == AlertLevel::Critical ? QStringLiteral("critical") : QStringLiteral("warning");
}

std::optional<AlertLevel> alertLevelFromName(const QString &name)
{
    if (name == QLatin1String("warning"))
        return AlertLevel::Warning;
    if (name == QLatin1String("critical"))
        return AlertLevel::Critical;
    return std::nullopt;
}

QString alertScopeName(AlertScope scope)
{
    switch (scope) {
    case AlertScope::Kind:
        return QStringLiteral("kind");
    case AlertScope::Tag:
        return QStringLiteral("tag");
    case AlertScope::Resource:
        return QStringLiteral("resource");
    }
    return QString();
}

std::optional<AlertScope> alertScopeFromName(const QString &name)
{
    for (AlertScope scope : { AlertScope::Kind, AlertScope::Tag, AlertScope::Resource }) {
        if (alertScopeName(scope) == name)
            return scope;
    }
    return std::nullopt;
}

QString AlertOverride::describe() const
{
    return Text::tr("%1 override for %2 \"%3\"").arg(metricName(metric), alertScopeName(scope), target);
}

AlertRuleSet::AlertRuleSet()
    : AlertRuleSet(AlertConfig())
{ }

AlertRuleSet::AlertRuleSet(const AlertConfig &config)
{
    for (auto it = config.thresholds.cbegin(); it != config.thresholds.cend(); ++it) {
        AlertRule rule;
        rule.metric = it.key();
        rule.warning = it.value().warning;
        rule.critical = it.value().critical;
        rule.forSeconds = config.forSeconds;
        rule.clearMargin = config.clearMargin;
        m_defaults.insert(rule.metric, rule);
    }
}

AlertRule AlertRuleSet::defaultRule(Metric metric) const
{
    AlertRule rule = m_defaults.value(metric);
    rule.metric = metric;
    return rule;
}

void AlertRuleSet::setDefaultRule(const AlertRule &rule)
{
    m_defaults.insert(rule.metric, rule);
}

bool AlertRuleSet::removeOverride(AlertScope scope, const QString &target, Metric metric)
{
    return m_overrides.removeIf([&](const AlertOverride &o) {
        return o.scope == scope && o.target == target && o.metric == metric;
    }) > 0;
}

AlertRule AlertRuleSet::ruleFor(const QString &name, const QString &kind, const QStringList &tags, Metric metric) const
{
    AlertRule rule = defaultRule(metric);
    // Least specific first, so each level overwrites the fields it sets.
    for (AlertScope scope : { AlertScope::Kind, AlertScope::Tag, AlertScope::Resource }) {
        Fields fields;
        for (const AlertOverride &o : m_overrides) {
            if (o.scope == scope && o.metric == metric && matches(o, name, kind, tags))
                fields.merge(o);
        }
        fields.applyTo(rule);
    }
    return rule;
}

QStringList AlertRuleSet::knownKinds()
{
    return { QStringLiteral("host"), QStringLiteral("droplet"), QStringLiteral("database"), QStringLiteral("app") };
}

QStringList AlertRuleSet::validate() const
{
    QStringList errors;
    for (Metric metric : AllMetrics)
        checkRule(Text::tr("%1 defaults").arg(metricName(metric)), defaultRule(metric), Own(), &errors);

    std::set<std::tuple<int, QString, int>> seen;
    for (const AlertOverride &o : m_overrides) {
        const QString what = o.describe();
        if (o.target.isEmpty())
            errors.append(
                Text::tr("%1: the %2 is empty; name one or remove the override").arg(what, alertScopeName(o.scope)));
        else if (o.scope == AlertScope::Kind && !knownKinds().contains(o.target))
            errors.append(Text::tr("%1: unknown kind; allowed: %2").arg(what, knownKinds().join(QLatin1String(", "))));
        if (!seen.insert({ int(o.scope), o.target, int(o.metric) }).second)
            errors.append(Text::tr("%1 is given twice; keep one").arg(what));
        if (o.isEmpty()) {
            errors.append(
                Text::tr("%1 sets nothing; set warning, critical, for or clear_margin, or remove it").arg(what));
            continue;
        }
        AlertRule rule = defaultRule(o.metric);
        Fields fields;
        fields.merge(o);
        fields.applyTo(rule);
        Own own;
        own.warning = o.warning.has_value();
        own.critical = o.critical.has_value();
        own.forSeconds = o.forSeconds.has_value();
        own.clearMargin = o.clearMargin.has_value();
        checkRule(what, rule, own, &errors);
    }
    return errors;
}
