// The Alerts tab as an ops engineer uses it: what is firing now (with the current value next to the peak), the
// history, and acknowledge/snooze, which must keep the tray quiet — also after a restart — without hiding anything
// else. Alerts are seeded the way the sync engine stores them (MetricStore::recordAlertTransitions), on SQLite and
// PostgreSQL.

#include "alerts/recordingnotifier.h"
#include "alertsmodel.h"
#include "alertspanel.h"
#include "config/databaseurl.h"
#include "query/repository.h"
#include "relativetime.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storagetestsupport.h"
#include "traycontroller.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>
#include <memory>

namespace {

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 3600;

AlertTransition transition(qint64 resourceId, Metric metric, AlertState state, AlertLevel level, double value,
                           double threshold, qint64 at, qint64 since)
{
    AlertTransition t;
    t.resourceId = resourceId;
    t.metric = metric;
    t.state = state;
    t.level = level;
    t.value = value;
    t.threshold = threshold;
    t.at = at;
    t.since = since;
    return t;
}

QString cell(const QAbstractItemModel *model, int row, int column, int role = Qt::DisplayRole)
{
    return model->index(row, column).data(role).toString();
}

} // namespace

class TestAlertsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void activeAndHistoryRows_data();
    void activeAndHistoryRows();
    void emptyStateNamesThresholds();
    void acknowledgeStopsRepeats_data();
    void acknowledgeStopsRepeats();
    void acknowledgementSurvivesRestart();
    void snoozeSilencesThatResourceOnly();
    void snoozeEndsAtItsTime();
    void resolutionsAreOneNotification_data();
    void resolutionsAreOneNotification();
    void goToResource_data();
    void goToResource();
    void historyFilterAndSort();

private:
    bool open(const QString &backend);
    void seed();
    void refreshAndWait(AlertsPanel &panel);
    void select(AlertsPanel &panel, QTableView *view, const QString &resource);
    int rowOf(const QTableView *view, const AlertsModel *model, const QString &resource) const;
    std::unique_ptr<TrayController> newTray();

    TestDatabases m_databases { "alertspanel" };
    std::unique_ptr<MetricStore> m_store;
    std::unique_ptr<Repository> m_repository;
    RecordingNotifier m_notifier;
    qint64 m_now = 0;
    QHash<QString, qint64> m_ids;
};

void TestAlertsPanel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true); // acknowledgements and snoozes go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("opsdeck-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_alertspanel"));
}

void TestAlertsPanel::init()
{
    QSettings().clear();
    m_notifier.clear();
    m_ids.clear();
    // A whole minute, so "for 18 min" is exact.
    m_now = QDateTime::currentSecsSinceEpoch() / Minute * Minute;
}

void TestAlertsPanel::cleanup()
{
    m_repository.reset();
    m_store.reset();
    Database::close(QStringLiteral("seed"));
    QSettings().clear();
}

bool TestAlertsPanel::open(const QString &backend)
{
    const auto url = DatabaseUrl::parse(m_databases.freshUrl(backend));
    if (!url)
        return false;
    QString error;
    const auto db = Database::open(*url, QStringLiteral("seed"), &error);
    if (!db) {
        qWarning() << error;
        return false;
    }
    m_store = std::make_unique<MetricStore>(*db);
    m_repository = std::make_unique<Repository>(*url);
    return true;
}

// Three resources of a DigitalOcean source:
//  - web-0001 CPU: warning since 18 min, fired at 85 %, peaked at 97 %, now 84 %;
//  - db-main disk: critical since 2 h, peaked at 98 % an hour and a half ago (read from the hourly rollups), now 95 %;
//  - web-0002 memory: fired 3 h ago at 90 %, peaked at 99 %, resolved after 30 min at 70 %, now 40 %.
void TestAlertsPanel::seed()
{
    QList<ResourceInfo> resources;
    for (const auto &[name, kind] : { std::pair { "web-0001", "droplet" }, std::pair { "web-0002", "droplet" },
                                      std::pair { "db-main", "database" } }) {
        ResourceInfo info;
        info.externalId = QLatin1String(name);
        info.name = QLatin1String(name);
        info.kind = QLatin1String(kind);
        info.status = QStringLiteral("active");
        resources << info;
    }
    const auto ids = m_store->upsertResources(QStringLiteral("do"), resources, m_now);
    QVERIFY2(ids, qPrintable(m_store->lastError()));
    for (auto it = ids->cbegin(); it != ids->cend(); ++it)
        m_ids.insert(it.key(), it.value());
    const qint64 web1 = m_ids.value(QStringLiteral("web-0001"));
    const qint64 web2 = m_ids.value(QStringLiteral("web-0002"));
    const qint64 db = m_ids.value(QStringLiteral("db-main"));

    QCOMPARE(m_store->writeSamples({ { web1, Metric::Cpu, m_now - 18 * Minute, 85 },
                                     { web1, Metric::Cpu, m_now - 10 * Minute, 97 },
                                     { web1, Metric::Cpu, m_now - Minute, 84 },
                                     { db, Metric::Disk, m_now - 2 * Hour, 93 },
                                     { db, Metric::Disk, m_now - 90 * Minute, 98 },
                                     { db, Metric::Disk, m_now - Minute, 95 },
                                     { web2, Metric::Memory, m_now - 3 * Hour, 90 },
                                     { web2, Metric::Memory, m_now - 3 * Hour + 10 * Minute, 99 },
                                     { web2, Metric::Memory, m_now - 150 * Minute, 70 },
                                     { web2, Metric::Memory, m_now - 5 * Minute, 40 } }),
             qint64(10));
    QVERIFY2(m_store->recordAlertTransitions({
                 transition(web2, Metric::Memory, AlertState::Firing, AlertLevel::Warning, 90, 85,
                            m_now - 3 * Hour + 5 * Minute, m_now - 3 * Hour),
                 transition(web2, Metric::Memory, AlertState::Resolved, AlertLevel::Warning, 70, 85,
                            m_now - 150 * Minute, m_now - 3 * Hour),
                 transition(db, Metric::Disk, AlertState::Firing, AlertLevel::Critical, 93, 90,
                            m_now - 2 * Hour + 5 * Minute, m_now - 2 * Hour),
                 transition(web1, Metric::Cpu, AlertState::Firing, AlertLevel::Warning, 85, 80, m_now - 13 * Minute,
                            m_now - 18 * Minute),
             }),
             qPrintable(m_store->lastError()));
}

void TestAlertsPanel::refreshAndWait(AlertsPanel &panel)
{
    QSignalSpy refreshed(&panel, &AlertsPanel::refreshed);
    panel.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 10000);
}

int TestAlertsPanel::rowOf(const QTableView *view, const AlertsModel *model, const QString &resource) const
{
    const int column = model->columnOf(AlertsModel::Resource);
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (cell(view->model(), row, column) == resource)
            return row;
    }
    return -1;
}

void TestAlertsPanel::select(AlertsPanel &panel, QTableView *view, const QString &resource)
{
    const auto *model = view == panel.activeView() ? panel.activeModel() : panel.historyModel();
    const int row = rowOf(view, model, resource);
    QVERIFY2(row >= 0, qPrintable(resource));
    view->selectRow(row);
}

std::unique_ptr<TrayController> TestAlertsPanel::newTray()
{
    auto tray = std::make_unique<TrayController>();
    tray->setNotifierForTesting(&m_notifier);
    return tray;
}

void TestAlertsPanel::activeAndHistoryRows_data()
{
    TestDatabases::addBackendRows();
}

void TestAlertsPanel::activeAndHistoryRows()
{
    QFETCH(QString, backend);
    if (TestDatabases::skipUnavailable(backend))
        QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
    QVERIFY(open(backend));
    seed();

    AlertsPanel panel(m_repository.get(), nullptr);
    panel.setNow(m_now);
    QSignalSpy count(&panel, &AlertsPanel::activeCountChanged);
    refreshAndWait(panel);
    QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));
    QCOMPARE(panel.activeCount(), 2);
    QCOMPARE(count.count(), 1);
    QCOMPARE(AlertsPanel::tabTitle(panel.activeCount()), QStringLiteral("Alerts (2)"));
    QVERIFY(!panel.isEmptyStateShown());

    // Firing now, the worst first: the critical disk, then the CPU that has come down from its peak.
    const AlertsModel *active = panel.activeModel();
    const QAbstractItemModel *rows = panel.activeView()->model();
    QCOMPARE(rows->rowCount(), 2);
    const auto c = [&](AlertsModel::Column column) { return active->columnOf(column); };
    QCOMPARE(cell(rows, 0, c(AlertsModel::Resource)), QStringLiteral("db-main"));
    QCOMPARE(cell(rows, 0, c(AlertsModel::Level)), QStringLiteral("Critical"));
    QVERIFY(!rows->index(0, c(AlertsModel::Level)).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(cell(rows, 0, c(AlertsModel::Since)), QStringLiteral("for 2 h"));
    QCOMPARE(cell(rows, 0, c(AlertsModel::Current)), QStringLiteral("95.0 %"));
    QCOMPARE(cell(rows, 0, c(AlertsModel::Peak)), QStringLiteral("98.0 %"));
    QCOMPARE(cell(rows, 1, c(AlertsModel::Resource)), QStringLiteral("web-0001"));
    QCOMPARE(cell(rows, 1, c(AlertsModel::MetricColumn)), QStringLiteral("CPU"));
    QCOMPARE(cell(rows, 1, c(AlertsModel::Level)), QStringLiteral("Warning"));
    QCOMPARE(cell(rows, 1, c(AlertsModel::Current)), QStringLiteral("84.0 %"));
    QCOMPARE(cell(rows, 1, c(AlertsModel::Peak)), QStringLiteral("97.0 %"));
    QCOMPARE(cell(rows, 1, c(AlertsModel::Threshold)), QStringLiteral("≥ 80 %"));
    QCOMPARE(cell(rows, 1, c(AlertsModel::Since)), QStringLiteral("for 18 min"));
    QCOMPARE(cell(rows, 1, c(AlertsModel::Since), Qt::ToolTipRole), RelativeTime::absolute(m_now - 18 * Minute));
    QVERIFY(cell(rows, 1, c(AlertsModel::Current), Qt::ToolTipRole).contains(QLatin1String("1 min ago")));
    QCOMPARE(cell(rows, 1, c(AlertsModel::State)), QString());

    // History: everything, newest first, with how long each lasted and how high it went.
    const AlertsModel *history = panel.historyModel();
    const QAbstractItemModel *past = panel.historyView()->model();
    const auto h = [&](AlertsModel::Column column) { return history->columnOf(column); };
    QCOMPARE(past->rowCount(), 3);
    QStringList order;
    for (int row = 0; row < 3; ++row)
        order << cell(past, row, h(AlertsModel::Resource));
    QCOMPARE(order,
             (QStringList { QStringLiteral("web-0001"), QStringLiteral("db-main"), QStringLiteral("web-0002") }));
    QCOMPARE(cell(past, 0, h(AlertsModel::Resolved)), QStringLiteral("still firing"));
    QCOMPARE(cell(past, 2, h(AlertsModel::Duration)), QStringLiteral("30 min"));
    QCOMPARE(cell(past, 2, h(AlertsModel::Peak)), QStringLiteral("99.0 %"));
    QCOMPARE(cell(past, 2, h(AlertsModel::Threshold)), QStringLiteral("≥ 85 %"));
    QCOMPARE(cell(past, 2, h(AlertsModel::MetricColumn)), QStringLiteral("Memory"));
    QVERIFY(cell(past, 2, h(AlertsModel::Peak), Qt::ToolTipRole).contains(QLatin1String("90.0 %")));
    QCOMPARE(h(AlertsModel::State), -1);
}

void TestAlertsPanel::emptyStateNamesThresholds()
{
    QVERIFY(open(QStringLiteral("sqlite")));
    AlertsPanel panel(m_repository.get(), nullptr);
    refreshAndWait(panel);
    QVERIFY(panel.isEmptyStateShown());
    QCOMPARE(panel.activeCount(), 0);
    QCOMPARE(AlertsPanel::tabTitle(0), QStringLiteral("Alerts"));
    QVERIFY(panel.emptyStateText().startsWith(QLatin1String("No alerts firing.")));
    QVERIFY2(panel.emptyStateText().contains(QLatin1String("CPU: warning at 80 %, critical at 90 %")),
             qPrintable(panel.emptyStateText()));
    QVERIFY(panel.emptyStateText().contains(QLatin1String("Memory: warning at 85 %, critical at 95 %")));
    QVERIFY(panel.emptyStateText().contains(QLatin1String("for 5 min")));

    AlertRuleSet rules;
    AlertRule cpu;
    cpu.warning = 70;
    cpu.critical = 85;
    cpu.forSeconds = 600;
    rules.setDefaultRule(cpu);
    panel.setThresholds(rules);
    QVERIFY2(panel.emptyStateText().contains(QLatin1String("CPU: warning at 70 %, critical at 85 %")),
             qPrintable(panel.emptyStateText()));
    QVERIFY(panel.emptyStateText().contains(QLatin1String("for 10 min")));
}

void TestAlertsPanel::acknowledgeStopsRepeats_data()
{
    QTest::addColumn<bool>("acknowledge");
    QTest::addColumn<QStringList>("told"); // titles after the resolution and the firing again
    QTest::newRow("not acknowledged: told it resolved and that it fired again")
        << false
        << QStringList { QStringLiteral("Resolved: web-0001 CPU 60 %"), QStringLiteral("Warning: web-0001 CPU 88 %") };
    QTest::newRow("acknowledged: quiet") << true << QStringList();
}

void TestAlertsPanel::acknowledgeStopsRepeats()
{
    QFETCH(bool, acknowledge);
    QFETCH(QStringList, told);
    QVERIFY(open(QStringLiteral("sqlite")));
    seed();
    const qint64 web1 = m_ids.value(QStringLiteral("web-0001"));
    const QHash<qint64, QString> names { { web1, QStringLiteral("web-0001") } };

    auto tray = newTray();
    tray->onAlertTransitions({ transition(web1, Metric::Cpu, AlertState::Firing, AlertLevel::Warning, 85, 80,
                                          m_now - 13 * Minute, m_now - 18 * Minute) },
                             names);
    QCOMPARE(m_notifier.count(), 1);

    AlertsPanel panel(m_repository.get(), tray.get());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    refreshAndWait(panel);
    auto *ack = panel.findChild<QAction *>(QStringLiteral("acknowledgeAction"));
    QVERIFY(ack);
    QVERIFY(!ack->isEnabled()); // nothing selected
    select(panel, panel.activeView(), QStringLiteral("web-0001"));
    QVERIFY(ack->isEnabled());
    if (acknowledge) {
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        panel.activeView()->setFocus();
        QTest::keyClick(panel.activeView(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(tray->isAcknowledged(web1, Metric::Cpu));
        QVERIFY(!ack->isEnabled());
        const int row = rowOf(panel.activeView(), panel.activeModel(), QStringLiteral("web-0001"));
        QCOMPARE(cell(panel.activeView()->model(), row, panel.activeModel()->columnOf(AlertsModel::State)),
                 QStringLiteral("acknowledged"));
    }

    m_notifier.clear();
    tray->onAlertTransitions({ transition(web1, Metric::Cpu, AlertState::Resolved, AlertLevel::Warning, 60, 80,
                                          m_now - 5 * Minute, m_now - 18 * Minute) },
                             names);
    tray->onAlertTransitions({ transition(web1, Metric::Cpu, AlertState::Firing, AlertLevel::Warning, 88, 80,
                                          m_now - Minute, m_now - 2 * Minute) },
                             names);
    QStringList titles;
    for (const AlertNotification &n : m_notifier.notifications())
        titles << n.title;
    QCOMPARE(titles, told);
    // Worse than what was acknowledged is always told.
    tray->onAlertTransitions(
        { transition(web1, Metric::Cpu, AlertState::Escalated, AlertLevel::Critical, 96, 90, m_now, m_now - Minute) },
        names);
    QCOMPARE(m_notifier.count(), told.size() + 1);
}

void TestAlertsPanel::acknowledgementSurvivesRestart()
{
    QVERIFY(open(QStringLiteral("sqlite")));
    seed();
    const qint64 web1 = m_ids.value(QStringLiteral("web-0001"));
    const qint64 db = m_ids.value(QStringLiteral("db-main"));
    {
        auto tray = newTray();
        AlertsPanel panel(m_repository.get(), tray.get());
        refreshAndWait(panel);
        select(panel, panel.activeView(), QStringLiteral("web-0001"));
        panel.acknowledgeSelected();
        QVERIFY(tray->isAcknowledged(web1, Metric::Cpu));
    }

    // OpsDeck starts again: the tray reads what is firing from the cache, the acknowledgement from the settings.
    auto tray = newTray();
    QVERIFY(tray->isAcknowledged(web1, Metric::Cpu));
    QVERIFY(!tray->isAcknowledged(db, Metric::Disk));
    AlertsPanel panel(m_repository.get(), tray.get());
    refreshAndWait(panel);
    tray->setFiring(panel.activeModel()->events());
    const QAbstractItemModel *rows = panel.activeView()->model();
    const int state = panel.activeModel()->columnOf(AlertsModel::State);
    QCOMPARE(cell(rows, rowOf(panel.activeView(), panel.activeModel(), QStringLiteral("web-0001")), state),
             QStringLiteral("acknowledged"));
    QCOMPARE(cell(rows, rowOf(panel.activeView(), panel.activeModel(), QStringLiteral("db-main")), state), QString());

    // Its repeats stay quiet; the other alert's end is told (it was announced before the restart).
    const QHash<qint64, QString> names { { web1, QStringLiteral("web-0001") }, { db, QStringLiteral("db-main") } };
    tray->onAlertTransitions(
        { transition(web1, Metric::Cpu, AlertState::Resolved, AlertLevel::Warning, 60, 80, m_now, m_now - Hour),
          transition(db, Metric::Disk, AlertState::Resolved, AlertLevel::Critical, 70, 90, m_now, m_now - Hour) },
        names);
    QCOMPARE(m_notifier.count(), 1);
    QCOMPARE(m_notifier.notifications().constFirst().title, QStringLiteral("Resolved: db-main disk 70 %"));
    QVERIFY(m_notifier.notifications().constFirst().body.contains(QLatin1String("after 2h")));
    tray->onAlertTransitions(
        { transition(web1, Metric::Cpu, AlertState::Firing, AlertLevel::Warning, 86, 80, m_now + Minute, m_now) },
        names);
    QCOMPARE(m_notifier.count(), 1);
}

void TestAlertsPanel::snoozeSilencesThatResourceOnly()
{
    QVERIFY(open(QStringLiteral("sqlite")));
    seed();
    const qint64 web1 = m_ids.value(QStringLiteral("web-0001"));
    const qint64 db = m_ids.value(QStringLiteral("db-main"));
    const QHash<qint64, QString> names { { web1, QStringLiteral("web-0001") }, { db, QStringLiteral("db-main") } };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    {
        auto tray = newTray();
        AlertsPanel panel(m_repository.get(), tray.get());
        refreshAndWait(panel);
        select(panel, panel.historyView(), QStringLiteral("web-0001"));
        auto *snoozeHour = panel.findChild<QAction *>(QStringLiteral("snoozeHourAction"));
        QVERIFY(snoozeHour);
        snoozeHour->trigger();
        QVERIFY(qAbs(tray->snoozedUntil(web1) - (now + Hour)) <= 5);
        QCOMPARE(tray->snoozedUntil(db), qint64(0));
        const QString until
            = QLocale().toString(QDateTime::fromSecsSinceEpoch(tray->snoozedUntil(web1)).time(), QLocale::ShortFormat);
        const int row = rowOf(panel.activeView(), panel.activeModel(), QStringLiteral("web-0001"));
        const QString state = cell(panel.activeView()->model(), row, panel.activeModel()->columnOf(AlertsModel::State));
        QVERIFY2(state.startsWith(QLatin1String("snoozed until")) && state.endsWith(until), qPrintable(state));
    }

    // After a restart too: a new alert of the snoozed resource is not told, one of another resource is.
    auto tray = newTray();
    QVERIFY(tray->snoozedUntil(web1) > now);
    tray->onAlertTransitions(
        { transition(web1, Metric::Memory, AlertState::Firing, AlertLevel::Critical, 97, 95, m_now, m_now - 600),
          transition(db, Metric::Cpu, AlertState::Firing, AlertLevel::Warning, 82, 80, m_now, m_now - 600) },
        names);
    QCOMPARE(m_notifier.count(), 1);
    QCOMPARE(m_notifier.notifications().constFirst().title, QStringLiteral("Warning: db-main CPU 82 %"));

    // Unsnooze: told again.
    AlertsPanel panel(m_repository.get(), tray.get());
    refreshAndWait(panel);
    select(panel, panel.activeView(), QStringLiteral("web-0001"));
    auto *unsnooze = panel.findChild<QAction *>(QStringLiteral("unsnoozeAction"));
    QVERIFY(unsnooze->isEnabled());
    unsnooze->trigger();
    QCOMPARE(tray->snoozedUntil(web1), qint64(0));
    QVERIFY(!unsnooze->isEnabled());
    tray->onAlertTransitions(
        { transition(web1, Metric::Disk, AlertState::Firing, AlertLevel::Warning, 85, 80, m_now, m_now - 600) }, names);
    QCOMPARE(m_notifier.count(), 2);
}

void TestAlertsPanel::snoozeEndsAtItsTime()
{
    auto tray = newTray();
    QSignalSpy changed(tray.get(), &TrayController::silencesChanged);
    tray->snooze(7, QDateTime::currentSecsSinceEpoch() + 1);
    QCOMPARE(changed.count(), 1);
    tray->onAlertTransitions(
        { transition(7, Metric::Cpu, AlertState::Firing, AlertLevel::Warning, 85, 80, m_now, m_now - 600) },
        { { 7, QStringLiteral("web-7") } });
    QCOMPARE(m_notifier.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(tray->snoozedUntil(7), qint64(0), 5000);
    tray->onAlertTransitions(
        { transition(7, Metric::Disk, AlertState::Firing, AlertLevel::Warning, 85, 80, m_now, m_now - 600) }, {});
    QCOMPARE(m_notifier.count(), 1);
    // A snooze that ran out is not read back after a restart.
    QVERIFY(QSettings().value(QStringLiteral("alerts/snoozed")).toStringList().isEmpty());
}

void TestAlertsPanel::resolutionsAreOneNotification_data()
{
    QTest::addColumn<int>("alerts");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("lastLine");
    QTest::newRow("one") << 1 << QStringLiteral("Resolved: web-0001 CPU 42 %")
                         << QStringLiteral("web-0001 CPU back to 42 % (threshold 80 %) after 18m");
    QTest::newRow("a burst of twelve") << 12 << QStringLiteral("12 alerts resolved") << QStringLiteral("and 7 more");
}

void TestAlertsPanel::resolutionsAreOneNotification()
{
    QFETCH(int, alerts);
    QFETCH(QString, title);
    QFETCH(QString, lastLine);
    auto tray = newTray();
    QSignalSpy notified(tray.get(), &TrayController::notified);
    QList<AlertTransition> firing;
    QList<AlertTransition> resolved;
    QHash<qint64, QString> names;
    for (int id = 1; id <= alerts; ++id) {
        names.insert(id, QStringLiteral("web-%1").arg(id, 4, 10, QLatin1Char('0')));
        firing << transition(id, Metric::Cpu, AlertState::Firing, AlertLevel::Warning, 85, 80, m_now - 13 * Minute,
                             m_now - 18 * Minute);
        resolved << transition(id, Metric::Cpu, AlertState::Resolved, AlertLevel::Warning, 42, 80, m_now,
                               m_now - 18 * Minute);
    }
    tray->onAlertTransitions(firing, names);
    tray->onAlertTransitions(resolved, names);
    QCOMPARE(notified.count(), 2);
    QCOMPARE(m_notifier.count(), 2);
    const AlertNotification n = m_notifier.notifications().constLast();
    QCOMPARE(n.title, title);
    const QStringList lines = n.body.split(QLatin1Char('\n'));
    QCOMPARE(lines.constLast(), lastLine);
    QVERIFY(lines.size() <= 6);
    for (const QString &line : lines)
        QVERIFY2(line.size() <= 60, qPrintable(line));
    QCOMPARE(n.resolved.size(), alerts);
    QVERIFY(n.isResolvedOnly());
    QCOMPARE(tray->activeCount(), 0);
}

void TestAlertsPanel::goToResource_data()
{
    QTest::addColumn<bool>("history");
    QTest::addColumn<bool>("doubleClick");
    QTest::newRow("double-click, firing now") << false << true;
    QTest::newRow("double-click, history") << true << true;
    QTest::newRow("Go to resource, firing now") << false << false;
    QTest::newRow("Go to resource, history") << true << false;
}

void TestAlertsPanel::goToResource()
{
    QFETCH(bool, history);
    QFETCH(bool, doubleClick);
    QVERIFY(open(QStringLiteral("sqlite")));
    seed();
    AlertsPanel panel(m_repository.get(), nullptr);
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    refreshAndWait(panel);
    QSignalSpy activated(&panel, &AlertsPanel::resourceActivated);
    QTableView *view = history ? panel.historyView() : panel.activeView();
    const AlertsModel *model = history ? panel.historyModel() : panel.activeModel();
    const int row = rowOf(view, model, QStringLiteral("db-main"));
    QVERIFY(row >= 0);
    if (doubleClick) {
        const QRect rect = view->visualRect(view->model()->index(row, 0));
        // As a person double-clicks: the press that selects, then the double-click on the same row.
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    } else {
        view->selectRow(row);
        panel.findChild<QAction *>(QStringLiteral("goToAction"))->trigger();
    }
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.constFirst().constFirst().toLongLong(), m_ids.value(QStringLiteral("db-main")));
}

void TestAlertsPanel::historyFilterAndSort()
{
    QVERIFY(open(QStringLiteral("sqlite")));
    seed();
    AlertsPanel panel(m_repository.get(), nullptr);
    refreshAndWait(panel);
    QSortFilterProxyModel *proxy = panel.historyProxy();
    const int resource = panel.historyModel()->columnOf(AlertsModel::Resource);
    panel.historyFilter()->setText(QStringLiteral("WEB"));
    QCOMPARE(proxy->rowCount(), 2);
    panel.historyFilter()->setText(QStringLiteral("critical"));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(cell(proxy, 0, resource), QStringLiteral("db-main"));
    panel.historyFilter()->clear();
    QCOMPARE(proxy->rowCount(), 3);

    // Peaks sort as numbers: 97 (web-0001), 98 (db-main), 99 (web-0002).
    panel.historyView()->sortByColumn(panel.historyModel()->columnOf(AlertsModel::Peak), Qt::AscendingOrder);
    QStringList order;
    for (int row = 0; row < proxy->rowCount(); ++row)
        order << cell(proxy, row, resource);
    QCOMPARE(order,
             (QStringList { QStringLiteral("web-0001"), QStringLiteral("db-main"), QStringLiteral("web-0002") }));
}

QTEST_MAIN(TestAlertsPanel)
#include "tst_alertspanel.moc"
