#pragma once

#include <QCoreApplication>
#include <QString>

// Ages in the plain words people use for them ("just now", "3 min ago", "2 h ago", "5 days ago"), and the
// absolute local time that goes into their tooltips.
class RelativeTime final
{
    Q_DECLARE_TR_FUNCTIONS(RelativeTime)
public:
    // How long ago something happened that is `seconds` old. A negative age (a clock a little ahead) is "just now".
    static QString ago(qint64 seconds);
    // The time `secsSinceEpoch` in the user's locale and time zone, long format.
    static QString absolute(qint64 secsSinceEpoch);
};
