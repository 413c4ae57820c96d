#include "config/databaseurl.h"
#include "detaildialog.h"
#include "fleettablemodel.h"
#include "alertspanel.h"
#include "infobanner.h"
#include "traycontroller.h"
#include "settingsdialog.h"
#include "syncpanel.h"
#include "mainwindow.h"
#include "query/repository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storagetestsupport.h"
#include "sync/syncengine.h"
#include "trendchartview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QTableWidget>
#include <QTabWidget>
#include <QLabel>
#include <QLineSeries>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

namespace {

constexpr qint64 Step = 300; // one sample every 5 minutes
constexpr qint64 SeededSpan = 2 * 86400;

double valueAt(int resource, Metric metric, qint64 ts)
{
    return 50 + 30 * std::sin(double(ts) / 7000.0 + resource + int(metric));
}

TrendChartView *chart(const MainWindow &window, Metric metric)
{
    return window.findChild<TrendChartView *>(metricName(metric) + QStringLiteral("Chart"));
}

bool samePoints(const QList<TrendPoint> &a, const QList<TrendPoint> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].ts != b[i].ts || !qFuzzyCompare(a[i].value, b[i].value) || a[i].from != b[i].from || a[i].to != b[i].to
            || a[i].count != b[i].count)
            return false;
    }
    return true;
}

} // namespace

// The main window on a seeded cache: the trend charts beside the fleet table, the range selector, click-to-detail.
class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void selectionFillsCharts();
    void rangeSwitchReadsHourlyTier();
    void detailListsSamplesOfPoint();
    void rangeIsRemembered();
    void firstStartBannerSaysHowToAddSources();
    void appliedSettingsRestartTheEngine();
    void newStorageOpensNewWindow();
    void damagedCacheReplacedOpensNewWindow();
    void alertsShowInWindowWithoutTray();

private:
    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    qint64 m_now = 0;
    QHash<QString, qint64> m_ids; // name → resource id
    QList<SampleRow> m_samples;

    RunSetup setup() const
    {
        RunSetup s;
        s.database = m_url; // and no sources: the engine has nothing to sync, the window only reads
        return s;
    }
    // Waits until all three charts show `resourceId` over `span` and returns them agreeing with the Repository.
    void verifyCharts(const MainWindow &window, qint64 resourceId, qint64 span, TrendTier tier);
};

void TestMainWindow::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("opsdeck-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(m_dir.isValid());

    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("cache.db")));
    QVERIFY(url);
    m_url = *url;
    m_now = QDateTime::currentSecsSinceEpoch() / Step * Step;
    const QString connection = QStringLiteral("seed");
    {
        QString error;
        const auto db = Database::open(m_url, connection, &error);
        QVERIFY2(db, qPrintable(error));
        MetricStore store(*db);
        QVERIFY(store.transaction());
        const QList<ResourceInfo> resources = { ResourceInfo { QStringLiteral("m1"),
                                                               QStringLiteral("alpha"),
                                                               QStringLiteral("host"),
                                                               {},
                                                               QStringLiteral("online"),
                                                               {},
                                                               4,
                                                               8192,
                                                               100 },
                                                ResourceInfo { QStringLiteral("m2"),
                                                               QStringLiteral("beta"),
                                                               QStringLiteral("host"),
                                                               {},
                                                               QStringLiteral("online"),
                                                               {},
                                                               2,
                                                               4096,
                                                               50 } };
        const auto ids = store.upsertResources(QStringLiteral("local"), resources, m_now);
        QVERIFY2(ids, qPrintable(store.lastError()));
        m_ids.insert(QStringLiteral("alpha"), ids->value(QStringLiteral("m1")));
        m_ids.insert(QStringLiteral("beta"), ids->value(QStringLiteral("m2")));
        for (int r = 0; r < resources.size(); ++r) {
            const qint64 id = ids->value(resources[r].externalId);
            for (qint64 ts = m_now - SeededSpan; ts <= m_now; ts += Step) {
                for (const Metric metric : AllMetrics)
                    m_samples << SampleRow { id, metric, ts, valueAt(r, metric, ts) };
            }
        }
        QVERIFY2(store.writeSamples(m_samples) == m_samples.size(), qPrintable(store.lastError()));
        QVERIFY2(store.commit(), qPrintable(store.lastError()));
    }
    Database::close(connection);
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::verifyCharts(const MainWindow &window, qint64 resourceId, qint64 span, TrendTier tier)
{
    Repository repository(m_url);
    for (const Metric metric : AllMetrics) {
        TrendChartView *view = chart(window, metric);
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->result().request.resourceId == resourceId
                                     && view->result().request.to - view->result().request.from == span
                                     && !view->result().points.isEmpty(),
                                 10000);
        const TrendResult shown = view->result();
        QVERIFY2(shown.error.isEmpty(), qPrintable(shown.error));
        QCOMPARE(shown.request.metric, metric);
        QCOMPARE(shown.tier, tier);
        // The same request straight from a Repository of its own gives the same points.
        const TrendResult expected = repository.trend(shown.request).result();
        QVERIFY(samePoints(shown.points, expected.points));
        QCOMPARE(view->valueSeries()->count(), int(expected.points.size()));
        QCOMPARE(view->valueSeries()->at(0), QPointF(double(expected.points[0].ts) * 1000.0, expected.points[0].value));
    }
}

void TestMainWindow::selectionFillsCharts()
{
    MainWindow window(setup());
    window.resize(1200, 700);
    window.show();
    auto *view = window.findChild<QTableView *>(QStringLiteral("fleetView"));
    QVERIFY(view);
    QTRY_COMPARE(view->model()->rowCount(), 2);
    QCOMPARE(window.range(), qint64(86400));

    // The first row is selected when the table first fills.
    QTRY_VERIFY(view->currentIndex().isValid());
    QCOMPARE(view->currentIndex().row(), 0);
    verifyCharts(window, m_ids.value(QStringLiteral("alpha")), 86400, TrendTier::Raw);
    auto *heading = window.findChild<QLabel *>(QStringLiteral("chartHeading"));
    QVERIFY(heading && heading->isVisible());
    QVERIFY2(heading->text().startsWith(QStringLiteral("alpha")), qPrintable(heading->text()));

    view->setCurrentIndex(view->model()->index(1, FleetTableModel::Name));
    verifyCharts(window, m_ids.value(QStringLiteral("beta")), 86400, TrendTier::Raw);
    QVERIFY(chart(window, Metric::Cpu)->thresholds().warning > 0);

    // Nothing selected: the pane says what to do instead of showing stale charts.
    view->selectionModel()->clearCurrentIndex();
    auto *hint = window.findChild<QLabel *>(QStringLiteral("chartHint"));
    QVERIFY(hint);
    QTRY_VERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(QStringLiteral("Select a resource")), qPrintable(hint->text()));

    auto *cache = window.findChild<QLabel *>(QStringLiteral("cacheStatus"));
    QVERIFY(cache);
    QVERIFY2(cache->text().startsWith(QStringLiteral("cache ")) && cache->text().endsWith(QStringLiteral("% hits")),
             qPrintable(cache->text()));
}

void TestMainWindow::rangeSwitchReadsHourlyTier()
{
    MainWindow window(setup());
    window.resize(1200, 700);
    window.show();
    verifyCharts(window, m_ids.value(QStringLiteral("alpha")), 86400, TrendTier::Raw);

    auto *box = window.findChild<QComboBox *>(QStringLiteral("rangeBox"));
    QVERIFY(box);
    QCOMPARE(box->accessibleName(), QStringLiteral("Time range"));
    QCOMPARE(box->count(), 5);
    box->setCurrentIndex(box->findData(qint64(7 * 86400)));
    QCOMPARE(window.range(), qint64(7 * 86400));
    verifyCharts(window, m_ids.value(QStringLiteral("alpha")), 7 * 86400, TrendTier::Hour);
}

void TestMainWindow::detailListsSamplesOfPoint()
{
    MainWindow window(setup());
    window.resize(1200, 700);
    window.show();
    window.setRange(7 * 86400);
    const qint64 alpha = m_ids.value(QStringLiteral("alpha"));
    verifyCharts(window, alpha, 7 * 86400, TrendTier::Hour);

    // A full hour in the middle of the seeded data: twelve samples behind the point.
    TrendChartView *cpu = chart(window, Metric::Cpu);
    const QList<TrendPoint> points = cpu->result().points;
    const int index = int(points.size()) / 2;
    const TrendPoint point = points.at(index);
    QVERIFY(point.count > 1);
    Q_EMIT cpu->pointClicked(index, point);

    auto *dialog = window.findChild<DetailDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    QTRY_VERIFY(dialog->isLoaded());
    QVERIFY2(dialog->result().error.isEmpty(), qPrintable(dialog->result().error));
    QVERIFY(!dialog->result().pruned);

    QList<SampleRow> expected;
    for (const SampleRow &s : std::as_const(m_samples)) {
        if (s.resourceId == alpha && s.metric == Metric::Cpu && s.ts >= point.from && s.ts <= point.to)
            expected << s;
    }
    QCOMPARE(qint64(expected.size()), point.count);
    const QStandardItemModel *model = dialog->model();
    QCOMPARE(model->rowCount(), int(expected.size()));
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->item(row, DetailDialog::Time)->data(Qt::UserRole).toLongLong(), expected[row].ts);
        QCOMPARE(model->item(row, DetailDialog::Value)->data(Qt::UserRole).toDouble(), expected[row].value);
        QCOMPARE(model->item(row, DetailDialog::Time)->text(),
                 QDateTime::fromSecsSinceEpoch(expected[row].ts).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QCOMPARE(model->item(row, DetailDialog::Source)->text(), QStringLiteral("local"));
    }

    // Copy: a header and one tab-separated line per sample.
    const QStringList lines = dialog->tabSeparatedText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), int(expected.size()) + 1);
    QCOMPARE(lines.at(1).split(QLatin1Char('\t')).size(), 3);

    // CSV export: ISO UTC timestamps.
    const QString path = m_dir.filePath(QStringLiteral("detail.csv"));
    QString error;
    QVERIFY2(dialog->exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = file.readAll().split('\n');
    QCOMPARE(rows.at(0).trimmed(), QByteArray("timestamp,resource,metric,value,source"));
    const QByteArray first = QDateTime::fromSecsSinceEpoch(expected[0].ts, Qt::UTC).toString(Qt::ISODate).toUtf8();
    QVERIFY2(rows.at(1).startsWith(QByteArray(first + ",alpha,cpu,")), rows.at(1).constData());
}

void TestMainWindow::rangeIsRemembered()
{
    {
        MainWindow window(setup());
        window.show();
        window.setRange(6 * 3600);
        window.close();
    }
    MainWindow window(setup());
    QCOMPARE(window.range(), qint64(6 * 3600));
}

void TestMainWindow::firstStartBannerSaysHowToAddSources()
{
    {
        MainWindow window(setup());
        window.show();
        auto *banner = window.findChild<InfoBanner *>(QStringLiteral("firstStartBanner"));
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("DigitalOcean")), qPrintable(banner->text()));
        // Its button opens Settings, where sources are added.
        auto *add = banner->findChild<QAbstractButton *>(QStringLiteral("addSourceActionButton"));
        QVERIFY(add);
        add->click();
        auto *settings = window.findChild<SettingsDialog *>();
        QVERIFY(settings);
        QTRY_VERIFY(settings->isVisible());
        settings->reject();
        // Closed once, it stays closed.
        auto *close = banner->findChild<QAbstractButton *>(QStringLiteral("bannerClose"));
        QVERIFY(close && close->isVisible());
        close->click();
        QVERIFY(!banner->isVisible());
    }
    MainWindow window(setup());
    window.show();
    QVERIFY(!window.findChild<InfoBanner *>(QStringLiteral("firstStartBanner"))->isVisible());
}

namespace {

std::optional<Config> writeConfig(const QTemporaryDir &dir, const QString &ini)
{
    const QString path = dir.filePath(QStringLiteral("opsdeck.ini"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return std::nullopt;
    file.write(ini.toUtf8());
    file.close();
    QString error;
    auto config = Config::load(path, &error);
    if (!config)
        qWarning() << error;
    return config;
}

} // namespace

// Settings applied while the window is open take effect at once: new sources sync, their failures show with the
// way to fix them, and the sync tab lists them — no restart.
void TestMainWindow::appliedSettingsRestartTheEngine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("own.db"));
    RunSetup own;
    own.database = *DatabaseUrl::parse(url);
    MainWindow window(own);
    window.show();
    auto *view = window.findChild<QTableView *>(QStringLiteral("fleetView"));
    QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("syncStatus"))->text().contains(QStringLiteral("0 resources")));

    qputenv("OPSDECK_TEST_DO_TOKEN", "not-a-real-token");
    const auto config = writeConfig(dir,
                                    QStringLiteral("[storage]\nurl=%1\n[source.here]\ntype=local\ninterval=1m\n"
                                                   "[source.do]\ntype=digitalocean\napi_url=http://127.0.0.1:1\n"
                                                   "token_env=OPSDECK_TEST_DO_TOKEN\n")
                                        .arg(url));
    QVERIFY(config);
    QSignalSpy reopened(&window, &MainWindow::reopenRequested);
    window.applyConfig(*config);
    QCOMPARE(reopened.count(), 0);

    // The local source syncs this machine into the table...
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, 20000);
    // ...and the unreachable DigitalOcean API is reported above it, with a way to try again.
    auto *banner = window.findChild<InfoBanner *>(QStringLiteral("sourceBanner"));
    QVERIFY(banner);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 30000);
    QVERIFY2(banner->text().contains(QStringLiteral("127.0.0.1")), qPrintable(banner->text()));
    QVERIFY(banner->findChild<QAbstractButton *>(QStringLiteral("syncNowActionButton")));
    auto *syncTable = window.findChild<SyncPanel *>()->findChild<QTableWidget *>();
    QVERIFY(syncTable);
    QCOMPARE(syncTable->rowCount(), 2);
}

void TestMainWindow::newStorageOpensNewWindow()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MainWindow window(setup());
    const auto config = writeConfig(
        dir, QStringLiteral("[storage]\nurl=sqlite:%1\n").arg(dir.filePath(QStringLiteral("elsewhere.db"))));
    QVERIFY(config);
    QSignalSpy reopened(&window, &MainWindow::reopenRequested);
    window.applyConfig(*config);
    QCOMPARE(reopened.count(), 1);
    const auto next = reopened.at(0).at(0).value<RunSetup>();
    QCOMPARE(next.database.path, dir.filePath(QStringLiteral("elsewhere.db")));
}

// The damaged cache the window was over has been moved away, as the error says: the engine syncs into a fresh
// file, and the views — whose connections still hold the old file — come back over the new one, no restart.
void TestMainWindow::damagedCacheReplacedOpensNewWindow()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("own.db"));
    const auto config = writeConfig(
        dir, QStringLiteral("[storage]\nurl=sqlite:%1\n[source.here]\ntype=local\ninterval=10s\n").arg(path));
    QVERIFY(config);
    RunSetup own;
    own.config = *config;
    own.database = *DatabaseUrl::parse(QStringLiteral("sqlite:") + path);
    {
        // A cache with the source's saved state in it.
        SyncEngine engine(own.config, own.database);
        QSignalSpy rounds(&engine, &SyncEngine::roundFinished);
        engine.start(false);
        engine.syncNow();
        QVERIFY(rounds.wait(20000));
        engine.stop();
    }
    // Damage the sync meets first, and opening the file does not: the page of the sources' saved state.
    QVERIFY(zeroTablePage(path, QStringLiteral("source_state")));

    MainWindow window(own);
    QSignalSpy reopened(&window, &MainWindow::reopenRequested);
    window.show();
    auto *banner = window.findChild<InfoBanner *>(QStringLiteral("sourceBanner"));
    QVERIFY(banner);
    QTRY_VERIFY2_WITH_TIMEOUT(banner->isVisible() && banner->text().contains(QStringLiteral("damaged")),
                              qPrintable(banner->text()), 20000);
    QCOMPARE(reopened.count(), 0);

    QVERIFY(QFile::rename(path, path + QStringLiteral(".damaged")));
    for (const char *suffix : { "-wal", "-shm" })
        QFile::rename(path + QLatin1String(suffix), path + QStringLiteral(".damaged") + QLatin1String(suffix));
    QTRY_VERIFY2_WITH_TIMEOUT(reopened.count() == 1, qPrintable(banner->text()), 30000);
    const auto next = reopened.at(0).at(0).value<RunSetup>();
    QCOMPARE(next.database.path, path);
    QCOMPARE(next.config.sources.size(), 1);
}

// The offscreen platform has no system tray: a notification is told in a banner above the table instead.
void TestMainWindow::alertsShowInWindowWithoutTray()
{
    MainWindow window(setup());
    window.show();
    auto *tray = window.findChild<TrayController *>();
    QVERIFY(tray && !tray->hasTray());
    auto *banner = window.findChild<InfoBanner *>(QStringLiteral("alertBanner"));
    QVERIFY(banner && !banner->isVisible());

    AlertTransition firing;
    firing.resourceId = m_ids.value(QStringLiteral("alpha"));
    firing.metric = Metric::Cpu;
    firing.level = AlertLevel::Critical;
    firing.state = AlertState::Firing;
    firing.value = 97;
    firing.threshold = 90;
    firing.at = m_now;
    firing.since = m_now - 600;
    tray->onAlertTransitions({ firing }, { { firing.resourceId, QStringLiteral("alpha") } });
    QTRY_VERIFY(banner->isVisible());
    QCOMPARE(banner->level(), InfoBanner::Level::Error);
    QVERIFY2(banner->text().contains(QStringLiteral("alpha")) && banner->text().contains(QStringLiteral("97")),
             qPrintable(banner->text()));
    // Its button leads to the Alerts tab.
    auto *show = banner->findChild<QAbstractButton *>(QStringLiteral("showAlertsActionButton"));
    QVERIFY(show);
    show->click();
    QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("detailTabs"))->currentWidget(), window.findChild<AlertsPanel *>());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
