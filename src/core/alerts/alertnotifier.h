#pragma once

#include "alerts/alertrule.h"
#include "alerts/alerttransition.h"

#include <QList>
#include <QString>

// One notification as a person sees it: a burst of alerts grouped by AlertGrouper.
struct AlertNotification
{
    QString title; // "Critical: web-0003 CPU 96 %" or "12 alerts (8 critical)"
    QString body; // one line per alert, worst first, at most a handful, then "and N more"
    AlertLevel level = AlertLevel::Warning; // the worst level among the alerts
    QList<AlertTransition> transitions; // every alert notified, worst first (one per resource×metric)
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
