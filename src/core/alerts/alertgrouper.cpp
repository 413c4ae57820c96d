#include "alertgrouper.h"

#include "config/duration.h"

#include <QCoreApplication>
#include <QDateTime>
#include <algorithm>
#include <set>
#include <utility>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(AlertGrouper)
};

QString metricLabel(Metric metric)
{
    switch (metric) {
    case Metric::Cpu:
        return Text::tr("CPU");
    case Metric::Memory:
        return Text::tr("memory");
    case Metric::Disk:
        return Text::tr("disk");
    }
    return metricName(metric);
}

QString levelLabel(AlertLevel level)
{
    return level == AlertLevel::Critical ? Text::tr("critical") : Text::tr("warning");
}

// Whole minutes from a minute on: "5m", "1h30m"; "45s" below.
QString lasted(qint64 seconds)
{
    seconds = std::max<qint64>(seconds, 0);
    return formatDuration(seconds >= 60 ? seconds - seconds % 60 : seconds);
}

// Long names are shortened in the middle, where generated names (k8s pods, autoscaled droplets) repeat least.
QString resourceName(const AlertGrouper::NameLookup &names, qint64 resourceId)
{
    constexpr int MaxName = 32;
    const QString name = names ? names(resourceId) : QString();
    if (name.isEmpty())
        return QStringLiteral("#") + QString::number(resourceId);
    if (name.size() <= MaxName)
        return name;
    return name.left(MaxName * 2 / 3) + QStringLiteral("…") + name.right(MaxName / 3 - 1);
}

} // namespace

AlertGrouper::AlertGrouper(Notifier *notifier, NameLookup names, Options options, Clock clock)
    : m_notifier(notifier)
    , m_names(std::move(names))
    , m_options(options)
    , m_clock(std::move(clock))
{ }

qint64 AlertGrouper::now() const
{
    return m_clock ? m_clock() : QDateTime::currentSecsSinceEpoch();
}

void AlertGrouper::add(const QList<AlertTransition> &transitions)
{
    flushDue();
    for (const AlertTransition &t : transitions) {
        const Key key(t.resourceId, int(t.metric));
        m_latestSampleAt = std::max(m_latestSampleAt, t.at);
        switch (t.state) {
        case AlertState::Firing:
        case AlertState::Escalated: {
            const auto ack = m_acks.find(key);
            if (ack != m_acks.end() && ack->second.resolvedAt) {
                if (t.at - *ack->second.resolvedAt > m_options.flapWindowSeconds)
                    m_acks.erase(ack);
                else
                    ack->second.resolvedAt.reset();
            }
            // Firing again before the burst ended: its resolution is not news.
            m_resolved.erase(key);
            m_active[key] = { t, true };
            if (!m_burstStart)
                m_burstStart = now();
            break;
        }
        case AlertState::DeEscalated: {
            Active &active = m_active[key];
            active.latest = t;
            break;
        }
        case AlertState::Resolved: {
            m_active.erase(key);
            const auto ack = m_acks.find(key);
            if (ack != m_acks.end())
                ack->second.resolvedAt = t.at;
            const auto told = m_told.find(key);
            if (told != m_told.end()) {
                AlertTransition resolved = t;
                // The evaluator's `since` is that of the last level; the user heard of the alert from its start.
                resolved.since = std::min(t.since > 0 ? t.since : t.at, told->second);
                m_resolved[key] = resolved;
                if (!m_burstStart)
                    m_burstStart = now();
            }
            break;
        }
        case AlertState::Pending:
        case AlertState::Cancelled:
            break;
        }
    }
}

std::optional<qint64> AlertGrouper::dueAt() const
{
    if (!m_burstStart)
        return std::nullopt;
    return *m_burstStart + m_options.windowSeconds;
}

bool AlertGrouper::flushDue()
{
    const std::optional<qint64> due = dueAt();
    return due && now() >= *due && flush();
}

bool AlertGrouper::suppressed(const AlertTransition &t, qint64 now) const
{
    if (now < m_pausedUntil)
        return true;
    const auto snooze = m_snoozes.find(t.resourceId);
    if (snooze != m_snoozes.end() && now < snooze->second)
        return true;
    const Key key(t.resourceId, int(t.metric));
    const auto ack = m_acks.find(key);
    if (ack != m_acks.end() && t.level <= ack->second.level)
        return true;
    const auto notified = m_notifiedAt.find({ key, int(t.level) });
    return notified != m_notifiedAt.end() && now - notified->second < m_options.cooldownSeconds;
}

bool AlertGrouper::silenced(const AlertTransition &t, qint64 now) const
{
    if (now < m_pausedUntil)
        return true;
    const auto snooze = m_snoozes.find(t.resourceId);
    if (snooze != m_snoozes.end() && now < snooze->second)
        return true;
    return m_acks.count(Key(t.resourceId, int(t.metric))) > 0;
}

void AlertGrouper::forget(const Key &key)
{
    m_told.erase(key);
    for (AlertLevel level : { AlertLevel::Warning, AlertLevel::Critical })
        m_notifiedAt.erase({ key, int(level) });
}

bool AlertGrouper::flush()
{
    m_burstStart.reset();
    const qint64 at = now();
    for (auto it = m_notifiedAt.begin(); it != m_notifiedAt.end();) {
        if (at - it->second >= m_options.cooldownSeconds)
            it = m_notifiedAt.erase(it);
        else
            ++it;
    }
    for (auto it = m_snoozes.begin(); it != m_snoozes.end();) {
        if (at >= it->second)
            it = m_snoozes.erase(it);
        else
            ++it;
    }
    for (auto it = m_resolveToldAt.begin(); it != m_resolveToldAt.end();) {
        if (at - it->second >= m_options.flapWindowSeconds)
            it = m_resolveToldAt.erase(it);
        else
            ++it;
    }
    for (auto it = m_acks.begin(); it != m_acks.end();) {
        const auto &resolvedAt = it->second.resolvedAt;
        if (resolvedAt && m_latestSampleAt - *resolvedAt > m_options.flapWindowSeconds)
            it = m_acks.erase(it);
        else
            ++it;
    }

    QList<AlertTransition> entries;
    for (auto &entry : m_active) {
        if (!std::exchange(entry.second.news, false))
            continue;
        if (!suppressed(entry.second.latest, at))
            entries.append(entry.second.latest);
    }
    for (const AlertTransition &t : std::as_const(entries)) {
        const Key key(t.resourceId, int(t.metric));
        for (AlertLevel level : { AlertLevel::Warning, AlertLevel::Critical }) {
            if (level <= t.level)
                m_notifiedAt[{ key, int(level) }] = at;
        }
        const qint64 since = t.since > 0 ? t.since : t.at;
        const auto told = m_told.try_emplace(key, since).first;
        told->second = std::min(told->second, since);
    }
    for (const auto &[key, t] : std::as_const(m_resolved)) {
        if (silenced(t, at)) {
            // The user chose quiet: its resolution is in the Alerts tab. Its cooldown stays, as they last heard
            // "firing".
            m_told.erase(key);
            continue;
        }
        const auto last = m_resolveToldAt.find(key);
        if (last != m_resolveToldAt.end() && at - last->second < m_options.flapWindowSeconds)
            continue; // flapping: still counted as told, so a resolution after the flap window is told
        entries.append(t);
        forget(key);
        m_resolveToldAt[key] = at;
    }
    m_resolved.clear();
    if (entries.isEmpty() || !m_notifier)
        return false;
    m_notifier->notify(compose(entries, m_names, m_options.maxNamed));
    return true;
}

void AlertGrouper::acknowledge(qint64 resourceId, Metric metric)
{
    const Key key(resourceId, int(metric));
    const auto active = m_active.find(key);
    Acknowledgement ack;
    // An alert this grouper has not seen fire (an earlier run's) is silenced at every level.
    ack.level = active != m_active.end() ? active->second.latest.level : AlertLevel::Critical;
    m_acks[key] = ack;
}

bool AlertGrouper::isAcknowledged(qint64 resourceId, Metric metric) const
{
    return m_acks.count(Key(resourceId, int(metric))) > 0;
}

QList<AlertAcknowledgement> AlertGrouper::acknowledgements() const
{
    QList<AlertAcknowledgement> list;
    for (const auto &[key, ack] : m_acks)
        list.append({ key.first, Metric(key.second), ack.level, ack.resolvedAt.value_or(0) });
    return list;
}

void AlertGrouper::restoreAcknowledgement(const AlertAcknowledgement &acknowledgement)
{
    Acknowledgement &ack = m_acks[Key(acknowledgement.resourceId, int(acknowledgement.metric))];
    ack.level = acknowledgement.level;
    ack.resolvedAt = acknowledgement.resolvedAt > 0 ? std::optional(acknowledgement.resolvedAt) : std::nullopt;
}

std::map<qint64, qint64> AlertGrouper::snoozes() const
{
    std::map<qint64, qint64> result;
    const qint64 at = now();
    for (const auto &[resourceId, until] : m_snoozes) {
        if (until > at)
            result.emplace(resourceId, until);
    }
    return result;
}

void AlertGrouper::restoreFiring(const AlertTransition &firing)
{
    const Key key(firing.resourceId, int(firing.metric));
    if (m_active.count(key))
        return;
    m_active[key] = { firing, false };
    m_told.try_emplace(key, firing.since > 0 ? firing.since : firing.at);
    const auto ack = m_acks.find(key);
    if (ack != m_acks.end())
        ack->second.resolvedAt.reset();
}

int AlertGrouper::trackedAlerts() const
{
    std::set<Key> keys;
    for (const auto &entry : m_active)
        keys.insert(entry.first);
    for (const auto &entry : m_acks)
        keys.insert(entry.first);
    for (const auto &entry : m_told)
        keys.insert(entry.first);
    for (const auto &entry : m_resolved)
        keys.insert(entry.first);
    for (const auto &entry : m_resolveToldAt)
        keys.insert(entry.first);
    for (const auto &entry : m_notifiedAt)
        keys.insert(entry.first.first);
    return int(keys.size());
}

void AlertGrouper::snooze(qint64 resourceId, qint64 until)
{
    m_snoozes[resourceId] = until;
}

qint64 AlertGrouper::snoozedUntil(qint64 resourceId) const
{
    const auto it = m_snoozes.find(resourceId);
    return it == m_snoozes.end() || now() >= it->second ? 0 : it->second;
}

AlertNotification AlertGrouper::compose(QList<AlertTransition> transitions, const NameLookup &names, int maxNamed)
{
    QList<std::pair<QString, AlertTransition>> firing;
    QList<std::pair<QString, AlertTransition>> resolved;
    for (const AlertTransition &t : std::as_const(transitions))
        (t.state == AlertState::Resolved ? resolved : firing).append({ resourceName(names, t.resourceId), t });
    std::stable_sort(firing.begin(), firing.end(), [](const auto &a, const auto &b) {
        if (a.second.level != b.second.level)
            return a.second.level > b.second.level;
        if (a.second.value != b.second.value)
            return a.second.value > b.second.value;
        if (a.first != b.first)
            return a.first < b.first;
        return a.second.metric < b.second.metric;
    });
    std::stable_sort(resolved.begin(), resolved.end(), [](const auto &a, const auto &b) {
        if (a.second.level != b.second.level)
            return a.second.level > b.second.level;
        if (a.first != b.first)
            return a.first < b.first;
        return a.second.metric < b.second.metric;
    });

    AlertNotification n;
    int critical = 0;
    QStringList lines;
    maxNamed = std::max(maxNamed, 1);
    for (const auto &[name, t] : std::as_const(firing)) {
        n.transitions.append(t);
        n.level = std::max(n.level, t.level);
        if (t.level == AlertLevel::Critical)
            ++critical;
        if (lines.size() < maxNamed)
            lines << Text::tr("%1 %2 %3 % (%4 ≥ %5 %, for %6)")
                         .arg(name, metricLabel(t.metric), QString::number(t.value, 'f', 0), levelLabel(t.level),
                              QString::number(t.threshold), lasted(t.at - t.since));
    }
    for (const auto &[name, t] : std::as_const(resolved)) {
        n.resolved.append(t);
        if (lines.size() < maxNamed)
            lines << Text::tr("%1 %2 back to %3 % (threshold %4 %) after %5")
                         .arg(name, metricLabel(t.metric), QString::number(t.value, 'f', 0),
                              QString::number(t.threshold), lasted(t.at - t.since));
    }
    const int total = int(firing.size() + resolved.size());
    if (total > lines.size())
        lines << Text::tr("and %n more", nullptr, total - int(lines.size()));
    n.body = lines.join(QLatin1Char('\n'));

    const int firingCount = int(firing.size());
    if (firingCount == 0) {
        if (resolved.size() == 1) {
            const auto &[name, t] = resolved.first();
            n.title
                = Text::tr("Resolved: %1 %2 %3 %").arg(name, metricLabel(t.metric), QString::number(t.value, 'f', 0));
        } else if (!resolved.isEmpty()) {
            n.title = Text::tr("%n alerts resolved", nullptr, int(resolved.size()));
        }
        return n;
    }
    if (firingCount == 1) {
        const auto &[name, t] = firing.first();
        const QString title
            = t.level == AlertLevel::Critical ? Text::tr("Critical: %1 %2 %3 %") : Text::tr("Warning: %1 %2 %3 %");
        n.title = title.arg(name, metricLabel(t.metric), QString::number(t.value, 'f', 0));
    } else if (critical > 0) {
        n.title = Text::tr("%n alerts (%1 critical)", nullptr, firingCount).arg(critical);
    } else {
        n.title = Text::tr("%n alerts", nullptr, firingCount);
    }
    if (!resolved.isEmpty())
        n.title = Text::tr("%1, %n resolved", nullptr, int(resolved.size())).arg(n.title);
    return n;
}
