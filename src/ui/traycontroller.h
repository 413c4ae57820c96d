#pragma once

#include "alerts/alertgrouper.h"
#include "alerts/alertnotifier.h"
#include "query/readmodels.h"
#include "alerts/alerttransition.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <map>
#include <memory>
#include <optional>
#include <utility>

class QAction;
class QActionGroup;
class QIcon;
class QMenu;
class QSystemTrayIcon;

// OpsDeck in the system tray: an icon showing the worst active alert level, a tooltip counting the alerts, grouped
// notifications of the sync engine's alert transitions, and a menu (Show, Sync now, Pause notifications, Quit)
// whose requests go out as signals for the main window to act on.
//
// Whether a tray exists is checked once, at construction (hasTray()). Without one there is no icon, but the alert
// state, the menu and notified() still work, so the window can show alerts itself.
//
// Acknowledgements and snoozes (the Alerts tab sets them) are kept in the user's QSettings (group "alerts"), so a
// restart neither forgets them nor repeats what was acknowledged: an acknowledgement until its alert has stayed
// resolved for an hour, a snooze until its time.
class TrayController final : public QObject
{
    Q_OBJECT
public:
    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;
    Q_DISABLE_COPY_MOVE(TrayController)

    bool hasTray() const { return m_tray != nullptr; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    // The tray's context menu; it exists with or without a tray.
    QMenu *menu() const { return m_menu.get(); }

    // The worst level among the alerts firing now; nullopt when all is clear.
    std::optional<AlertLevel> worstLevel() const;
    int activeCount() const { return int(m_active.size()); }
    QString toolTip() const { return m_toolTip; }

    bool isPaused() const;
    qint64 pausedUntil() const { return m_grouper->pausedUntil(); } // Unix seconds; 0 = never paused

    // No more notifications of this alert at its level (a worse level is still told), kept across restarts.
    void acknowledge(qint64 resourceId, Metric metric);
    bool isAcknowledged(qint64 resourceId, Metric metric) const
    {
        return m_grouper->isAcknowledged(resourceId, metric);
    }
    // No notifications about a resource until a time (Unix seconds), kept across restarts.
    void snooze(qint64 resourceId, qint64 until);
    void unsnooze(qint64 resourceId);
    qint64 snoozedUntil(qint64 resourceId) const { return m_grouper->snoozedUntil(resourceId); } // 0 = not snoozed

    // Notifications go to `notifier` instead of the tray (nullptr: back to the tray). Not owned; it must outlive
    // this object or be replaced first.
    void setNotifierForTesting(Notifier *notifier) { m_testNotifier = notifier; }

    // The app icon with a badge for `level` (none when nullopt), at the usual tray sizes.
    static QIcon levelIcon(std::optional<AlertLevel> level);

public Q_SLOTS:
    // One call is one sync commit, i.e. one burst: at most one notification comes of it.
    void onAlertTransitions(const QList<AlertTransition> &transitions, const QHash<qint64, QString> &names);
    // The alerts the cache says are firing (at start, before any sync): the icon and tooltip show them at once,
    // without a notification — they were announced when they fired.
    void setFiring(const QList<AlertEventRow> &events);
    void pauseFor(qint64 seconds);
    void pauseUntilTomorrow();
    void resume();

Q_SIGNALS:
    void showRequested();
    void syncRequested();
    void quitRequested();
    // Each notification as it goes out (to the tray or not): a window without a tray can show it as a banner.
    void notified(const AlertNotification &notification);
    // An acknowledgement or snooze was added or removed.
    void silencesChanged();

private:
    // Hands the grouper's notifications back to the controller.
    class Forwarder final : public Notifier
    {
    public:
        explicit Forwarder(TrayController *owner)
            : m_owner(owner)
        {
        }
        void notify(const AlertNotification &notification) override { m_owner->deliver(notification); }

    private:
        TrayController *m_owner = nullptr;
    };

    void deliver(const AlertNotification &notification);
    void loadSilences();
    void saveSilences();
    void pauseUntil(qint64 until);
    void updateState();
    void updatePauseActions();

    Forwarder m_forwarder { this };
    Notifier *m_testNotifier = nullptr;
    QHash<qint64, QString> m_names; // every resource name seen, for the notification text
    std::unique_ptr<AlertGrouper> m_grouper;
    std::map<std::pair<qint64, int>, AlertLevel> m_active; // resource×metric → level, while firing
    std::optional<AlertLevel> m_shownLevel; // the level the icon shows
    bool m_iconSet = false;
    QString m_toolTip;
    QSystemTrayIcon *m_tray = nullptr;
    std::unique_ptr<QMenu> m_menu; // a widget: no QObject parent
    QMenu *m_pauseMenu = nullptr;
    QActionGroup *m_pauseGroup = nullptr;
    QAction *m_pauseHourAction = nullptr;
    QAction *m_pauseTomorrowAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QTimer m_pauseEnd; // refreshes the menu and tooltip when a pause runs out
    QStringList m_savedAcks; // as last written to QSettings
    QStringList m_savedSnoozes;
};
