#pragma once

#include "alerts/alertnotifier.h"
#include "alerts/alertrule.h"
#include "alerts/alerttransition.h"
#include "storage/metric.h"

#include <QList>
#include <QString>
#include <functional>
#include <map>
#include <optional>
#include <utility>

// See AlertGrouper. (Outside the class so it can be a default argument of its constructor.)
struct AlertGrouperOptions
{
    qint64 windowSeconds = 10; // a burst lasts this long from its first alert
    qint64 cooldownSeconds = 30 * 60; // the same resource×metric×level is not notified again within this
    qint64 flapWindowSeconds = 60 * 60; // an acknowledgement outlives a resolution by this much; one resolution
                                        // of an alert is told per this much
    int maxNamed = 5; // alerts named in one notification; the rest are counted
};

// An acknowledgement as it is kept across restarts (see AlertGrouper::acknowledge()).
struct AlertAcknowledgement
{
    qint64 resourceId = 0;
    Metric metric = Metric::Cpu;
    AlertLevel level = AlertLevel::Critical; // the level acknowledged; a worse one is told again
    qint64 resolvedAt = 0; // the alert resolved at this sample time and has not fired since; 0 = firing
};

// Turns the evaluator's transitions into few, useful notifications — the same rules in the desktop app and in the
// headless syncer.
//
// Grouping: transitions are collected into a burst that starts with the first alert to notify and ends
// `windowSeconds` later (flushDue(), driven by the caller's timer) or when the caller ends it (flush(), after one
// sync round). A burst becomes ONE notification, one line per resource×metric, worst first (critical before
// warning, then the higher value), at most `maxNamed` named, then "and N more".
//
// What is notified: an alert that began firing or escalated during the burst and is still firing when the burst
// ends, at its level then; and an alert the user was told is firing that has resolved and is still resolved when
// the burst ends ("web-3 CPU back to 42 % (threshold 80 %) after 18m"), in the same notification. Pending and
// cancelled conditions never notify; neither do de-escalations (the tray icon and the Alerts tab show them), nor an
// alert that fired and resolved within one burst (a backfill of 30 days notifies what is firing now, not its
// history), nor the resolution of an alert the user was not told of (snoozed, paused, acknowledged, in cooldown).
//
// What stays quiet:
//  - cooldown: a resource×metric×level notified less than `cooldownSeconds` (default 30 min) ago is not notified
//    again; notifying a level also covers the levels below it, so only an escalation breaks through. A resolution
//    that was told ends the cooldown (the user's last word must not be a wrong "resolved": firing again is news),
//    but the next resolution of that alert is not told within `flapWindowSeconds` of the last — so a flapping
//    alert says firing, resolved, firing and then stays quiet for the hour, the last word erring on "firing".
//  - acknowledge(): the alert is not notified again at its acknowledged level (escalating above it still is). The
//    acknowledgement ends when the alert has stayed resolved for more than `flapWindowSeconds` (1 h, measured on
//    the samples' times) — so a flapping alert stays quiet — and is kept across re-firings within that window.
//  - snooze(): nothing about a resource until a time; pauseUntil(): nothing at all until a time (tray: Pause
//    notifications). Alerts that fire while snoozed are not told later; they are in the Alerts tab.
//
// Cooldown, snooze and pause use the clock (wall time of notifying); the clock is injectable for tests. Once an
// alert has resolved and been told (or silenced), what the grouper kept about it is forgotten; an acknowledgement
// is dropped once its flap window has passed, so nothing accumulates over a long run.
class AlertGrouper final
{
public:
    using NameLookup = std::function<QString(qint64 resourceId)>;
    using Clock = std::function<qint64()>; // Unix seconds

    using Options = AlertGrouperOptions;

    // `notifier` must outlive the grouper. Without a clock, the system clock.
    AlertGrouper(Notifier *notifier, NameLookup names, Options options = Options(), Clock clock = Clock());

    Options options() const { return m_options; }
    void setOptions(const Options &options) { m_options = options; }

    // Collects transitions (of any resources, in time order per series). Sends the burst collected so far first
    // when its window has passed.
    void add(const QList<AlertTransition> &transitions);
    void add(const AlertTransition &transition) { add(QList<AlertTransition> { transition }); }

    // When the current burst is due; nullopt when nothing waits.
    std::optional<qint64> dueAt() const;
    // Sends the burst when its window has passed; true when a notification went out.
    bool flushDue();
    // Ends the burst now; true when a notification went out (false: nothing to say, or everything suppressed).
    bool flush();

    void acknowledge(qint64 resourceId, Metric metric);
    bool isAcknowledged(qint64 resourceId, Metric metric) const;
    // Every acknowledgement in force, and one read back (after a restart); for keeping them across runs.
    QList<AlertAcknowledgement> acknowledgements() const;
    void restoreAcknowledgement(const AlertAcknowledgement &acknowledgement);
    void snooze(qint64 resourceId, qint64 until);
    void unsnooze(qint64 resourceId) { m_snoozes.erase(resourceId); }
    qint64 snoozedUntil(qint64 resourceId) const; // 0 = not snoozed
    // Resource → until, for every snooze not yet over.
    std::map<qint64, qint64> snoozes() const;
    // An alert that was firing before this grouper started (an earlier run announced it): not news, but its
    // resolution will be told, and acknowledging it covers its level only.
    void restoreFiring(const AlertTransition &firing);
    // How many alerts the grouper keeps anything about (for tests: resolved alerts must not pile up).
    int trackedAlerts() const;
    void pauseUntil(qint64 until) { m_pausedUntil = until; }
    qint64 pausedUntil() const { return m_pausedUntil; }

    // The text of a notification for `transitions` (one per resource×metric, any order; Resolved ones are told
    // as back to normal, after the firing ones): what flush() sends.
    static AlertNotification compose(QList<AlertTransition> transitions, const NameLookup &names, int maxNamed = 5);

private:
    using Key = std::pair<qint64, int>;
    struct Active
    {
        AlertTransition latest;
        bool news = false; // began firing or escalated in the current burst
    };
    struct Acknowledgement
    {
        AlertLevel level = AlertLevel::Critical;
        std::optional<qint64> resolvedAt; // the alert resolved at this sample time and has not fired since
    };

    qint64 now() const;
    bool suppressed(const AlertTransition &t, qint64 now) const;
    bool silenced(const AlertTransition &t, qint64 now) const; // paused, snoozed or acknowledged
    // Drops what was told about a resolved alert: its cooldown, so firing again is news.
    void forget(const Key &key);

    Notifier *m_notifier = nullptr;
    NameLookup m_names;
    Options m_options;
    Clock m_clock;
    std::map<Key, Active> m_active; // firing alerts seen in transitions
    std::map<Key, Acknowledgement> m_acks;
    std::map<Key, qint64> m_told; // told firing and not (yet) told resolved → the condition's start
    std::map<Key, AlertTransition> m_resolved; // told alerts that resolved in the current burst
    std::map<Key, qint64> m_resolveToldAt; // when a resolution was last told
    qint64 m_latestSampleAt = 0; // the newest transition time seen: the clock of acknowledgements
    std::map<std::pair<Key, int>, qint64> m_notifiedAt; // resource×metric×level → when
    std::map<qint64, qint64> m_snoozes; // resource → until
    qint64 m_pausedUntil = 0;
    std::optional<qint64> m_burstStart;
};
