#pragma once

#include "alerts/alertrule.h"
#include "alerts/alerttransition.h"

#include <QList>
#include <QString>

// One notification as a person sees it: a burst of alerts grouped by AlertGrouper.
struct AlertNotification
{
    QString title; // "Critical: web-0003 CPU 96 %", "12 alerts (8 critical)", "3 alerts resolved"
    QString body; // one line per alert, worst first, then the resolved ones, at most a handful, then "and N more"
    AlertLevel level = AlertLevel::Warning; // the worst level among the firing alerts
    QList<AlertTransition> transitions; // every alert notified firing, worst first (one per resource×metric)
    QList<AlertTransition> resolved; // every alert told back to normal (state Resolved)

    bool isResolvedOnly() const { return transitions.isEmpty() && !resolved.isEmpty(); }
};

// Where notifications go: the tray icon in the desktop app, freedesktop notifications, an in-window banner,
// the log of the headless syncer. Called on the grouper's thread.
class Notifier
{
public:
    virtual ~Notifier();
    virtual void notify(const AlertNotification &notification) = 0;

protected:
    Notifier() = default;
    Notifier(const Notifier &) = default;
    Notifier &operator=(const Notifier &) = default;
};
