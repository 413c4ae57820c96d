#include "relativetime.h"

#include <QDateTime>
#include <QLocale>

QString RelativeTime::ago(qint64 seconds)
{
    constexpr qint64 Minute = 60;
    constexpr qint64 Hour = 60 * Minute;
    constexpr qint64 Day = 24 * Hour;
    if (seconds < Minute)
        return tr("just now");
    // Whole units, rounded down: "59 min ago" until the first full hour has passed.
    if (seconds < Hour)
        return tr("%n min ago", nullptr, int(seconds / Minute));
    if (seconds < Day)
        return tr("%n h ago", nullptr, int(seconds / Hour));
    const int days = int(seconds / Day);
    // The singular is its own string so that English reads well without a translation file loaded.
    return days == 1 ? tr("1 day ago") : tr("%n days ago", nullptr, days);
}

QString RelativeTime::absolute(qint64 secsSinceEpoch)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(secsSinceEpoch), QLocale::LongFormat);
}
