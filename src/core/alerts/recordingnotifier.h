#pragma once

#include "alerts/alertnotifier.h"

#include <QList>

// A Notifier that keeps what it is given: for tests, and for a headless run that reports notifications at the end.
class RecordingNotifier final : public Notifier
{
public:
    void notify(const AlertNotification &notification) override { m_notifications.append(notification); }

    QList<AlertNotification> notifications() const { return m_notifications; }
    int count() const { return int(m_notifications.size()); }
    void clear() { m_notifications.clear(); }

private:
    QList<AlertNotification> m_notifications;
};
