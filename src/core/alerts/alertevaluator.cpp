#include "alertevaluator.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <limits>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(AlertEvaluator)
};

using Phase = AlertSeriesState::Phase;
using Level = AlertSeriesState::Level;

constexpr int StateVersion = 1;

// The alert as a whole: the worse of the two level machines.
struct View
{
    Phase phase = Phase::Ok;
    AlertLevel level = AlertLevel::Warning;
    qint64 since = 0;
    double threshold = 0;
};

View view(const AlertSeriesState &s)
{
    if (s.critical.phase == Phase::Firing)
        return { Phase::Firing, AlertLevel::Critical, s.critical.since, s.critical.threshold };
    if (s.warning.phase == Phase::Firing)
        return { Phase::Firing, AlertLevel::Warning, s.warning.since, s.warning.threshold };
    if (s.critical.phase == Phase::Pending)
        return { Phase::Pending, AlertLevel::Critical, s.critical.since, s.critical.threshold };
    if (s.warning.phase == Phase::Pending)
        return { Phase::Pending, AlertLevel::Warning, s.warning.since, s.warning.threshold };
    return {};
}

void step(Level &level, qint64 ts, double value, double threshold, const AlertRule &rule)
{
    level.threshold = threshold;
    switch (level.phase) {
    case Phase::Ok:
        if (value >= threshold) {
            level.phase = Phase::Pending;
            level.since = ts;
        }
        break;
    case Phase::Pending:
        if (value < threshold) {
            level.phase = Phase::Ok;
            level.since = 0;
        }
        break;
    case Phase::Firing:
        if (value < threshold - rule.clearMargin) {
            level.phase = Phase::Ok;
            level.since = 0;
        }
        return;
    }
    if (level.phase == Phase::Pending && ts - level.since >= rule.forSeconds)
        level.phase = Phase::Firing;
}

void cancelPending(Level &level)
{
    if (level.phase == Phase::Pending) {
        level.phase = Phase::Ok;
        level.since = 0;
    }
}

// The transitions that take the alert from `a` to `b`.
void diff(const AlertSeriesState &s, const View &a, const View &b, qint64 ts, double value, QList<AlertTransition> *out)
{
    auto emitTransition = [&](AlertState state, const View &v) {
        AlertTransition t;
        t.resourceId = s.resourceId;
        t.metric = s.metric;
        t.level = v.level;
        t.state = state;
        t.value = value;
        t.threshold = v.threshold;
        t.at = ts;
        t.since = v.since;
        out->append(t);
    };
    if (a.phase == Phase::Firing) {
        if (b.phase == Phase::Firing) {
            if (b.level != a.level)
                emitTransition(b.level > a.level ? AlertState::Escalated : AlertState::DeEscalated, b);
            return;
        }
        emitTransition(AlertState::Resolved, a);
        // Only with warning above critical + clear margin, which validation refuses; kept consistent anyway.
        if (b.phase == Phase::Pending)
            emitTransition(AlertState::Pending, b);
        return;
    }
    if (b.phase == Phase::Firing) {
        emitTransition(AlertState::Firing, b);
        return;
    }
    if (a.phase == Phase::Pending) {
        if (b.phase == Phase::Ok)
            emitTransition(AlertState::Cancelled, a);
        else if (b.level != a.level || b.since != a.since)
            emitTransition(AlertState::Pending, b);
        return;
    }
    if (b.phase == Phase::Pending)
        emitTransition(AlertState::Pending, b);
}

ActiveAlert activeAlert(const AlertSeriesState &s, const View &v)
{
    ActiveAlert a;
    a.resourceId = s.resourceId;
    a.metric = s.metric;
    a.level = v.level;
    a.value = s.lastValue;
    a.threshold = v.threshold;
    a.since = v.since;
    a.startedAt = v.since;
    // The condition of an escalated alert began when it reached the warning threshold.
    if (v.level == AlertLevel::Critical && s.warning.phase != Phase::Ok)
        a.startedAt = std::min(v.since, s.warning.since);
    a.updatedAt = s.lastTs;
    return a;
}

QList<ActiveAlert> collect(const std::map<std::pair<qint64, int>, AlertSeriesState> &series, Phase phase)
{
    QList<ActiveAlert> alerts;
    for (const auto &entry : series) {
        const View v = view(entry.second);
        if (v.phase == phase)
            alerts.append(activeAlert(entry.second, v));
    }
    // The map is ordered by resource and metric already; a stable sort keeps that within a level.
    std::stable_sort(alerts.begin(), alerts.end(),
                     [](const ActiveAlert &a, const ActiveAlert &b) { return a.level > b.level; });
    return alerts;
}

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Ok:
        return QStringLiteral("ok");
    case Phase::Pending:
        return QStringLiteral("pending");
    case Phase::Firing:
        return QStringLiteral("firing");
    }
    return QString();
}

QJsonObject levelToJson(const Level &level)
{
    return { { QStringLiteral("phase"), phaseName(level.phase) },
             { QStringLiteral("since"), level.since },
             { QStringLiteral("threshold"), level.threshold } };
}

bool levelFromJson(const QJsonValue &value, Level *level)
{
    if (!value.isObject())
        return false;
    const QJsonObject o = value.toObject();
    const QString phase = o.value(QStringLiteral("phase")).toString();
    if (phase == QLatin1String("ok"))
        level->phase = Phase::Ok;
    else if (phase == QLatin1String("pending"))
        level->phase = Phase::Pending;
    else if (phase == QLatin1String("firing"))
        level->phase = Phase::Firing;
    else
        return false;
    const QJsonValue since = o.value(QStringLiteral("since"));
    const QJsonValue threshold = o.value(QStringLiteral("threshold"));
    if (!since.isDouble() || !threshold.isDouble())
        return false;
    level->since = since.toInteger();
    level->threshold = threshold.toDouble();
    return true;
}

} // namespace

qint64 AlertEvaluator::gapLimit(const AlertRule &rule)
{
    return std::max(2 * rule.forSeconds, MinGapSeconds);
}

QList<AlertTransition> AlertEvaluator::feed(qint64 resourceId, Metric metric, qint64 ts, double value,
                                            const AlertRule &rule)
{
    QList<AlertTransition> out;
    if (!std::isfinite(value))
        return out;
    const Key key(resourceId, int(metric));
    auto it = m_series.find(key);
    if (it == m_series.end()) {
        AlertSeriesState fresh;
        fresh.resourceId = resourceId;
        fresh.metric = metric;
        it = m_series.emplace(key, fresh).first;
    } else {
        if (ts <= it->second.lastTs)
            return out;
        AlertSeriesState &s = it->second;
        if (ts - s.lastTs > gapLimit(rule)) {
            const View before = view(s);
            cancelPending(s.warning);
            cancelPending(s.critical);
            diff(s, before, view(s), ts, value, &out);
        }
    }
    AlertSeriesState &s = it->second;
    const View before = view(s);
    step(s.warning, ts, value, rule.warning, rule);
    step(s.critical, ts, value, rule.critical, rule);
    s.lastTs = ts;
    s.lastValue = value;
    diff(s, before, view(s), ts, value, &out);
    return out;
}

QList<AlertTransition> AlertEvaluator::feed(qint64 resourceId, Metric metric, const QList<AlertSample> &samples,
                                            const AlertRule &rule)
{
    QList<AlertTransition> out;
    for (const AlertSample &sample : samples)
        out += feed(resourceId, metric, sample.ts, sample.value, rule);
    return out;
}

QList<ActiveAlert> AlertEvaluator::firing() const
{
    return collect(m_series, Phase::Firing);
}

QList<ActiveAlert> AlertEvaluator::pending() const
{
    return collect(m_series, Phase::Pending);
}

QList<FiringAlert> AlertEvaluator::firingReport(const NameLookup &names) const
{
    QList<FiringAlert> report;
    for (const ActiveAlert &a : firing()) {
        FiringAlert f;
        f.resource = names ? names(a.resourceId) : QString();
        if (f.resource.isEmpty())
            f.resource = QString::number(a.resourceId);
        f.metric = metricName(a.metric);
        f.level = alertLevelName(a.level);
        f.value = a.value;
        f.threshold = a.threshold;
        report.append(f);
    }
    return report;
}

std::optional<AlertSeriesState> AlertEvaluator::series(qint64 resourceId, Metric metric) const
{
    const auto it = m_series.find(Key(resourceId, int(metric)));
    if (it == m_series.end())
        return std::nullopt;
    return it->second;
}

qint64 AlertEvaluator::lastSampleAt(qint64 resourceId, Metric metric) const
{
    const auto it = m_series.find(Key(resourceId, int(metric)));
    return it == m_series.end() ? 0 : it->second.lastTs;
}

void AlertEvaluator::forget(qint64 resourceId)
{
    auto it = m_series.lower_bound(Key(resourceId, std::numeric_limits<int>::min()));
    while (it != m_series.end() && it->first.first == resourceId)
        it = m_series.erase(it);
}

AlertEvaluatorState AlertEvaluator::exportState() const
{
    AlertEvaluatorState state;
    for (const auto &entry : m_series)
        state.series.append(entry.second);
    return state;
}

void AlertEvaluator::importState(const AlertEvaluatorState &state)
{
    m_series.clear();
    for (const AlertSeriesState &s : state.series)
        m_series[Key(s.resourceId, int(s.metric))] = s;
}

QJsonObject AlertEvaluatorState::toJson() const
{
    QJsonArray list;
    for (const AlertSeriesState &s : series) {
        list.append(QJsonObject { { QStringLiteral("resource"), s.resourceId },
                                  { QStringLiteral("metric"), metricName(s.metric) },
                                  { QStringLiteral("last_ts"), s.lastTs },
                                  { QStringLiteral("last_value"), s.lastValue },
                                  { QStringLiteral("warning"), levelToJson(s.warning) },
                                  { QStringLiteral("critical"), levelToJson(s.critical) } });
    }
    return { { QStringLiteral("version"), StateVersion }, { QStringLiteral("series"), list } };
}

std::optional<AlertEvaluatorState> AlertEvaluatorState::fromJson(const QJsonObject &json, QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<AlertEvaluatorState> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const int version = json.value(QStringLiteral("version")).toInt(0);
    if (version != StateVersion)
        return fail(Text::tr("alert state: version %1 is not supported (expected %2); the alerts start afresh")
                        .arg(QString::number(version), QString::number(StateVersion)));
    const QJsonValue list = json.value(QStringLiteral("series"));
    if (!list.isArray())
        return fail(Text::tr("alert state: \"series\" is not a list"));
    AlertEvaluatorState state;
    int index = 0;
    for (const QJsonValue &value : list.toArray()) {
        const QJsonObject o = value.toObject();
        AlertSeriesState s;
        const std::optional<Metric> metric = metricFromName(o.value(QStringLiteral("metric")).toString());
        const QJsonValue resource = o.value(QStringLiteral("resource"));
        const QJsonValue lastTs = o.value(QStringLiteral("last_ts"));
        const QJsonValue lastValue = o.value(QStringLiteral("last_value"));
        if (!value.isObject() || !metric || !resource.isDouble() || !lastTs.isDouble() || !lastValue.isDouble()
            || !levelFromJson(o.value(QStringLiteral("warning")), &s.warning)
            || !levelFromJson(o.value(QStringLiteral("critical")), &s.critical))
            return fail(Text::tr("alert state: series %1 is malformed").arg(index));
        s.resourceId = resource.toInteger();
        s.metric = *metric;
        s.lastTs = lastTs.toInteger();
        s.lastValue = lastValue.toDouble();
        state.series.append(s);
        ++index;
    }
    return state;
}
