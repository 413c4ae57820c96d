#include "alerts/recordingnotifier.h"
#include "traycontroller.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QtTest>

namespace {

constexpr qint64 T0 = 1'790'000'000;

AlertTransition transition(qint64 resourceId, AlertState state, AlertLevel level, double value, qint64 at,
                           Metric metric = Metric::Cpu)
{
    AlertTransition t;
    t.resourceId = resourceId;
    t.metric = metric;
    t.state = state;
    t.level = level;
    t.value = value;
    t.threshold = level == AlertLevel::Critical ? 90 : 80;
    t.at = at;
    t.since = at - 300;
    return t;
}

QString dropletName(qint64 id)
{
    return QStringLiteral("web-%1").arg(id, 4, 10, QLatin1Char('0'));
}

QAction *action(TrayController &tray, const char *name)
{
    return tray.menu()->findChild<QAction *>(QLatin1String(name));
}

} // namespace

class TestTrayController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void burstBecomesOneNotification();
    void notificationNamesTheResource();
    void worstLevelFollowsTransitions();
    void toolTipCountsAlerts();
    void firingAtStartShowsWithoutNotifying();
    void pausedStaysQuiet_data();
    void pausedStaysQuiet();
    void resumeNotifiesAgain();
    void menuActionsEmitSignals_data();
    void menuActionsEmitSignals();
    void badgedIconDiffers();

private:
    std::unique_ptr<TrayController> m_tray;
    RecordingNotifier m_notifier;
};

void TestTrayController::init()
{
    m_notifier.clear();
    m_tray = std::make_unique<TrayController>();
    m_tray->setNotifierForTesting(&m_notifier);
}

void TestTrayController::cleanup()
{
    m_tray.reset();
}

void TestTrayController::burstBecomesOneNotification()
{
    QList<AlertTransition> burst;
    QHash<qint64, QString> names;
    for (qint64 id = 1; id <= 12; ++id) {
        const AlertLevel level = id <= 8 ? AlertLevel::Critical : AlertLevel::Warning;
        burst << transition(id, AlertState::Firing, level, 90 + double(id) / 2, T0 + id);
        names.insert(id, dropletName(id));
    }
    QSignalSpy notified(m_tray.get(), &TrayController::notified);
    m_tray->onAlertTransitions(burst, names);

    QCOMPARE(m_notifier.count(), 1);
    QCOMPARE(notified.count(), 1);
    const AlertNotification n = m_notifier.notifications().constFirst();
    QVERIFY2(n.title.contains(QLatin1String("12")), qPrintable(n.title));
    QCOMPARE(n.level, AlertLevel::Critical);
    QCOMPARE(n.transitions.size(), 12);
    QVERIFY2(n.body.contains(QLatin1String("web-0008")), qPrintable(n.body)); // worst first: the highest critical
    const QStringList lines = n.body.split(QLatin1Char('\n'));
    QVERIFY2(lines.constFirst().startsWith(QLatin1String("web-0008 CPU 94 %")), qPrintable(lines.constFirst()));
    QCOMPARE(lines.constLast(), QStringLiteral("and 7 more"));
    QCOMPARE(m_tray->activeCount(), 12);
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Critical));
}

void TestTrayController::notificationNamesTheResource()
{
    m_tray->onAlertTransitions({ transition(3, AlertState::Firing, AlertLevel::Warning, 84, T0) },
                               { { 3, QStringLiteral("db-main") } });
    QCOMPARE(m_notifier.count(), 1);
    QVERIFY2(m_notifier.notifications().constFirst().title.contains(QLatin1String("db-main")),
             qPrintable(m_notifier.notifications().constFirst().title));
}

void TestTrayController::worstLevelFollowsTransitions()
{
    const QHash<qint64, QString> names { { 1, dropletName(1) }, { 2, dropletName(2) } };
    QCOMPARE(m_tray->worstLevel(), std::nullopt);

    m_tray->onAlertTransitions({ transition(1, AlertState::Firing, AlertLevel::Warning, 85, T0) }, names);
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Warning));

    // Pending and cancelled conditions are not active alerts.
    m_tray->onAlertTransitions({ transition(2, AlertState::Pending, AlertLevel::Critical, 95, T0 + 60) }, names);
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Warning));
    m_tray->onAlertTransitions({ transition(2, AlertState::Cancelled, AlertLevel::Critical, 50, T0 + 90) }, names);
    QCOMPARE(m_tray->activeCount(), 1);

    m_tray->onAlertTransitions({ transition(1, AlertState::Escalated, AlertLevel::Critical, 96, T0 + 120) }, names);
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Critical));

    m_tray->onAlertTransitions({ transition(2, AlertState::Firing, AlertLevel::Warning, 82, T0 + 180) }, names);
    QCOMPARE(m_tray->activeCount(), 2);

    m_tray->onAlertTransitions({ transition(1, AlertState::DeEscalated, AlertLevel::Warning, 85, T0 + 240) }, names);
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Warning));

    m_tray->onAlertTransitions({ transition(1, AlertState::Escalated, AlertLevel::Critical, 97, T0 + 300) }, names);
    m_tray->onAlertTransitions({ transition(1, AlertState::Resolved, AlertLevel::Critical, 40, T0 + 360) }, names);
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Warning));

    m_tray->onAlertTransitions({ transition(2, AlertState::Resolved, AlertLevel::Warning, 40, T0 + 420) }, names);
    QCOMPARE(m_tray->worstLevel(), std::nullopt);
    QCOMPARE(m_tray->activeCount(), 0);
}

void TestTrayController::firingAtStartShowsWithoutNotifying()
{
    // What alert_events holds when the window opens: two open alerts and one already resolved.
    AlertEventRow warning;
    warning.resourceId = 1;
    warning.resource = QStringLiteral("web-1");
    warning.metric = Metric::Disk;
    warning.level = QStringLiteral("warning");
    AlertEventRow critical = warning;
    critical.resourceId = 2;
    critical.resource = QStringLiteral("db-main");
    critical.metric = Metric::Cpu;
    critical.level = QStringLiteral("critical");
    AlertEventRow resolved = critical;
    resolved.resourceId = 3;
    resolved.resolvedAt = 1000;
    m_tray->setFiring({ warning, critical, resolved });
    QCOMPARE(m_tray->activeCount(), 2);
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Critical));
    QVERIFY(m_notifier.notifications().isEmpty());
    // A later resolve of the loaded alert clears it like any other.
    AlertTransition t;
    t.resourceId = 2;
    t.metric = Metric::Cpu;
    t.level = AlertLevel::Critical;
    t.state = AlertState::Resolved;
    m_tray->onAlertTransitions({ t }, {});
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Warning));
}

void TestTrayController::toolTipCountsAlerts()
{
    QCOMPARE(m_tray->toolTip(), QStringLiteral("OpsDeck — all clear"));
    m_tray->onAlertTransitions({ transition(1, AlertState::Firing, AlertLevel::Critical, 95, T0),
                                 transition(2, AlertState::Firing, AlertLevel::Warning, 85, T0),
                                 transition(2, AlertState::Firing, AlertLevel::Warning, 85, T0, Metric::Disk) },
                               {});
    QCOMPARE(m_tray->toolTip(), QStringLiteral("OpsDeck — 3 alerts (1 critical)"));
    m_tray->onAlertTransitions({ transition(1, AlertState::Resolved, AlertLevel::Critical, 40, T0 + 60),
                                 transition(2, AlertState::Resolved, AlertLevel::Warning, 40, T0 + 60),
                                 transition(2, AlertState::Resolved, AlertLevel::Warning, 40, T0 + 60, Metric::Disk) },
                               {});
    QCOMPARE(m_tray->toolTip(), QStringLiteral("OpsDeck — all clear"));
}

void TestTrayController::pausedStaysQuiet_data()
{
    QTest::addColumn<QString>("actionName");
    QTest::newRow("1 hour") << QStringLiteral("pauseHourAction");
    QTest::newRow("until tomorrow") << QStringLiteral("pauseTomorrowAction");
}

void TestTrayController::pausedStaysQuiet()
{
    QFETCH(QString, actionName);
    QAction *pause = action(*m_tray, qPrintable(actionName));
    QVERIFY(pause);
    QVERIFY(!action(*m_tray, "resumeAction")->isVisible());
    pause->trigger();
    QVERIFY(m_tray->isPaused());
    QVERIFY(pause->isChecked());
    QVERIFY(action(*m_tray, "pauseMenuAction")->isChecked());
    QVERIFY(action(*m_tray, "resumeAction")->isVisible());
    QVERIFY(m_tray->pausedUntil() > QDateTime::currentSecsSinceEpoch() + 30 * 60);

    m_tray->onAlertTransitions({ transition(1, AlertState::Firing, AlertLevel::Critical, 95, T0) }, {});
    QCOMPARE(m_notifier.count(), 0);
    // The icon still tells.
    QCOMPARE(m_tray->worstLevel(), std::optional<AlertLevel>(AlertLevel::Critical));
}

void TestTrayController::resumeNotifiesAgain()
{
    action(*m_tray, "pauseHourAction")->trigger();
    action(*m_tray, "resumeAction")->trigger();
    QVERIFY(!m_tray->isPaused());
    QVERIFY(!action(*m_tray, "pauseHourAction")->isChecked());
    QVERIFY(!action(*m_tray, "pauseMenuAction")->isChecked());
    QVERIFY(!action(*m_tray, "resumeAction")->isVisible());
    m_tray->onAlertTransitions({ transition(1, AlertState::Firing, AlertLevel::Critical, 95, T0) }, {});
    QCOMPARE(m_notifier.count(), 1);
}

void TestTrayController::menuActionsEmitSignals_data()
{
    QTest::addColumn<QString>("actionName");
    QTest::addColumn<int>("show");
    QTest::addColumn<int>("sync");
    QTest::addColumn<int>("quit");
    QTest::newRow("show") << QStringLiteral("showAction") << 1 << 0 << 0;
    QTest::newRow("sync now") << QStringLiteral("syncAction") << 0 << 1 << 0;
    QTest::newRow("quit") << QStringLiteral("quitAction") << 0 << 0 << 1;
}

void TestTrayController::menuActionsEmitSignals()
{
    QFETCH(QString, actionName);
    QFETCH(int, show);
    QFETCH(int, sync);
    QFETCH(int, quit);
    QSignalSpy showSpy(m_tray.get(), &TrayController::showRequested);
    QSignalSpy syncSpy(m_tray.get(), &TrayController::syncRequested);
    QSignalSpy quitSpy(m_tray.get(), &TrayController::quitRequested);
    QAction *a = action(*m_tray, qPrintable(actionName));
    QVERIFY(a);
    a->trigger();
    QCOMPARE(showSpy.count(), show);
    QCOMPARE(syncSpy.count(), sync);
    QCOMPARE(quitSpy.count(), quit);
}

void TestTrayController::badgedIconDiffers()
{
    const QImage ok = TrayController::levelIcon(std::nullopt).pixmap(QSize(32, 32), 1.0).toImage();
    const QImage warning = TrayController::levelIcon(AlertLevel::Warning).pixmap(QSize(32, 32), 1.0).toImage();
    const QImage critical = TrayController::levelIcon(AlertLevel::Critical).pixmap(QSize(32, 32), 1.0).toImage();
    QVERIFY(!ok.isNull());
    QCOMPARE(critical.size(), QSize(32, 32));
    // The badge's centre carries the level's colour.
    const QColor w = warning.pixelColor(24, 24);
    const QColor c = critical.pixelColor(24, 24);
    QVERIFY2(c.red() > 180 && c.green() < 80, qPrintable(c.name()));
    QVERIFY2(w.red() > 200 && w.green() > 120 && w.blue() < 80, qPrintable(w.name()));
    QVERIFY(ok.pixelColor(24, 24) != c);
}

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
