#include "alertrulestore.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace {

const QString DefaultScope = QStringLiteral("default");

QVariant nullable(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<double>());
}

QVariant nullable(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<double> optionalDouble(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

std::optional<qint64> optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

} // namespace

AlertRuleStore::AlertRuleStore(QSqlDatabase db)
    : m_db(std::move(db))
{ }

bool AlertRuleStore::load(AlertRuleSet *rules)
{
    m_error.clear();
    // A connection opened without Database::open (or a cache from before schema 3): nothing was ever saved.
    if (!m_db.tables().contains(QStringLiteral("alert_rules")))
        return true;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT scope, target, metric, warning, critical, for_seconds, clear_margin"
                               " FROM alert_rules ORDER BY scope, target, metric"))) {
        m_error = QStringLiteral("cannot read the thresholds (alert_rules) from the cache: %1")
                      .arg(q.lastError().text());
        return false;
    }
    QList<AlertOverride> overrides;
    while (q.next()) {
        const QString scope = q.value(0).toString();
        // A metric or scope a newer OpsDeck added is left to that version rather than failing every sync here.
        const auto metric = Metric(q.value(2).toInt());
        if (!metricFromName(metricName(metric)))
            continue;
        const auto warning = optionalDouble(q.value(3));
        const auto critical = optionalDouble(q.value(4));
        const auto forSeconds = optionalInt(q.value(5));
        const auto clearMargin = optionalDouble(q.value(6));
        if (scope == DefaultScope) {
            AlertRule rule = rules->defaultRule(metric);
            rule.warning = warning.value_or(rule.warning);
            rule.critical = critical.value_or(rule.critical);
            rule.forSeconds = forSeconds.value_or(rule.forSeconds);
            rule.clearMargin = clearMargin.value_or(rule.clearMargin);
            rules->setDefaultRule(rule);
            continue;
        }
        const auto parsedScope = alertScopeFromName(scope);
        if (!parsedScope)
            continue;
        AlertOverride o;
        o.scope = *parsedScope;
        o.target = q.value(1).toString();
        o.metric = metric;
        o.warning = warning;
        o.critical = critical;
        o.forSeconds = forSeconds;
        o.clearMargin = clearMargin;
        overrides.append(o);
    }
    // Most specific last, as ruleFor() applies them.
    std::stable_sort(overrides.begin(), overrides.end(),
                     [](const AlertOverride &a, const AlertOverride &b) { return int(a.scope) < int(b.scope); });
    rules->setOverrides(overrides);
    return true;
}

bool AlertRuleStore::save(const AlertRuleSet &rules)
{
    m_error.clear();
    const QStringList problems = rules.validate();
    if (!problems.isEmpty()) {
        m_error = QStringLiteral("the thresholds were not saved: %1").arg(problems.first());
        return false;
    }
    const bool sqlite = m_db.driverName() == QLatin1String("QSQLITE");
    auto fail = [this](const QString &what, const QString &cause) {
        m_error = QStringLiteral("cannot save the thresholds (alert_rules): %1: %2").arg(what, cause);
        m_db.rollback();
        return false;
    };
    if (!m_db.transaction()) {
        m_error = QStringLiteral("cannot save the thresholds (alert_rules): cannot start a transaction: %1")
                      .arg(m_db.lastError().text());
        return false;
    }
    QSqlQuery q(m_db);
    // Two teammates saving at once on PostgreSQL: without the lock the second DELETE would not see the rows the
    // first inserted meanwhile and its INSERT would hit the primary key. The last save wins, whole.
    if (!sqlite && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(884259, 3)")))
        return fail(QStringLiteral("cannot lock the table"), q.lastError().text());
    if (!q.exec(QStringLiteral("DELETE FROM alert_rules")))
        return fail(QStringLiteral("cannot replace the stored rules"), q.lastError().text());

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!q.prepare(QStringLiteral("INSERT INTO alert_rules (scope, target, metric, warning, critical, for_seconds,"
                                  " clear_margin, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")))
        return fail(QStringLiteral("cannot prepare the insert"), q.lastError().text());
    auto insert = [&](const QString &scope, const QString &target, Metric metric, const QVariant &warning,
                      const QVariant &critical, const QVariant &forSeconds, const QVariant &clearMargin) {
        q.addBindValue(scope);
        q.addBindValue(target);
        q.addBindValue(int(metric));
        q.addBindValue(warning);
        q.addBindValue(critical);
        q.addBindValue(forSeconds);
        q.addBindValue(clearMargin);
        q.addBindValue(now);
        return q.exec();
    };
    // The defaults are stored whole: once saved, what the dialog showed is what everyone sharing the cache gets,
    // whatever their own [alerts] says.
    for (Metric metric : AllMetrics) {
        const AlertRule rule = rules.defaultRule(metric);
        if (!insert(DefaultScope, QStringLiteral(""), metric, rule.warning, rule.critical, rule.forSeconds, rule.clearMargin))
            return fail(QStringLiteral("cannot store the %1 defaults").arg(metricName(metric)), q.lastError().text());
    }
    for (const AlertOverride &o : rules.overrides()) {
        if (!insert(alertScopeName(o.scope), o.target, o.metric, nullable(o.warning), nullable(o.critical),
                    nullable(o.forSeconds), nullable(o.clearMargin)))
            return fail(QStringLiteral("cannot store the %1").arg(o.describe()), q.lastError().text());
    }
    if (!m_db.commit())
        return fail(QStringLiteral("cannot commit"), m_db.lastError().text());
    return true;
}
