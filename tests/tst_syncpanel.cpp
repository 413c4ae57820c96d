#include "config/config.h"
#include "config/databaseurl.h"
#include "fleettablemodel.h"
#include "query/repository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "sync/syncreport.h"
#include "synclogmodel.h"
#include "syncpanel.h"

#include <QComboBox>
#include <QDateTime>
#include <QGuiApplication>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace {

const QString TokenError = QStringLiteral("DigitalOcean token rejected (401) for source 'do': set DIGITALOCEAN_TOKEN");

SourceConfig source(const QString &name, const QString &type, qint64 interval)
{
    SourceConfig s;
    s.name = name;
    s.type = type;
    s.intervalSeconds = interval;
    if (type == QLatin1String("digitalocean"))
        s.options.insert(QStringLiteral("requests_per_hour"), QStringLiteral("5000"));
    return s;
}

Config config()
{
    Config c;
    c.sources = { source(QStringLiteral("local"), QStringLiteral("local"), 60),
                  source(QStringLiteral("do"), QStringLiteral("digitalocean"), 1800),
                  source(QStringLiteral("prom"), QStringLiteral("prometheus"), 300) };
    return c;
}

} // namespace

class TestSyncPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void logRows();
    void failedRowsTinted();
    void sortsAsNumbers();
    void sourceFilter();
    void budgetFromApiCalls();
    void lastAndNextSync();
    void syncInProgress();
    void emptyState();

private:
    void openStore();
    void seed();
    bool insertRun(const QString &source, const QString &type, qint64 startedAt, const QString &status, int apiCalls,
                   const QString &error = {});
    void refreshAndWait(SyncPanel &panel);

    std::unique_ptr<QTemporaryDir> m_dir;
    DatabaseUrl m_url;
    std::unique_ptr<MetricStore> m_store;
    std::unique_ptr<Repository> m_repository;
    qint64 m_now = 0;
};

void TestSyncPanel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSyncPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_url = *DatabaseUrl::parse(QStringLiteral("sqlite://") + m_dir->filePath(QStringLiteral("cache.db")));
    QString error;
    const auto db = Database::open(m_url, QStringLiteral("seed"), &error);
    QVERIFY2(db, qPrintable(error));
    m_store = std::make_unique<MetricStore>(*db);
    m_now = QDateTime::currentSecsSinceEpoch();
    m_repository = std::make_unique<Repository>(m_url);
}

void TestSyncPanel::cleanup()
{
    m_repository.reset();
    m_store.reset();
    Database::close(QStringLiteral("seed"));
    m_dir.reset();
}

bool TestSyncPanel::insertRun(const QString &source, const QString &type, qint64 startedAt, const QString &status,
                              int apiCalls, const QString &error)
{
    SyncRunRecord run;
    run.source = source;
    run.sourceType = type;
    run.startedAt = startedAt;
    run.finishedAt = startedAt + 5;
    run.durationMs = 4800;
    run.status = status;
    run.resources = 3;
    run.samples = 120;
    run.apiCalls = apiCalls;
    run.throttled = apiCalls > 100 ? 2 : 0;
    run.error = error;
    run.host = QStringLiteral("ops-1");
    return m_store->insertSyncRun(run);
}

void TestSyncPanel::seed()
{
    const QString ok = QStringLiteral("ok");
    const QString failed = QStringLiteral("failed");
    const QString digitalocean = QStringLiteral("digitalocean");
    QVERIFY(insertRun(QStringLiteral("local"), QStringLiteral("local"), m_now - 120, ok, 0));
    QVERIFY(insertRun(QStringLiteral("prom"), QStringLiteral("prometheus"), m_now - 300, failed, 1));
    QVERIFY(insertRun(QStringLiteral("do"), digitalocean, m_now - 600, ok, 40));
    QVERIFY(insertRun(QStringLiteral("do"), digitalocean, m_now - 1800, ok, 60));
    QVERIFY(insertRun(QStringLiteral("do"), digitalocean, m_now - 3000, failed, 7, TokenError));
    // More than an hour ago: outside the budget.
    QVERIFY(insertRun(QStringLiteral("do"), digitalocean, m_now - 7200, ok, 500));
}

void TestSyncPanel::refreshAndWait(SyncPanel &panel)
{
    QSignalSpy refreshed(&panel, &SyncPanel::refreshed);
    panel.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 10000);
}

void TestSyncPanel::logRows()
{
    seed();
    SyncPanel panel(m_repository.get(), config());
    refreshAndWait(panel);
    QVERIFY(!panel.isEmptyStateShown());

    const SyncLogModel *model = panel.logModel();
    QCOMPARE(model->rowCount(), 6);
    // Newest first, as the Repository reads them.
    QCOMPARE(model->index(0, SyncLogModel::Source).data().toString(), QStringLiteral("local"));
    QCOMPARE(model->index(0, SyncLogModel::Status).data().toString(), QStringLiteral("OK"));
    QCOMPARE(model->index(0, SyncLogModel::Duration).data().toString(), QStringLiteral("4.8 s"));
    QCOMPARE(model->index(5, SyncLogModel::ApiCalls).data().toString(), QStringLiteral("500"));
    QCOMPARE(model->index(5, SyncLogModel::Throttled).data().toString(), QStringLiteral("2"));
    QCOMPARE(model->index(5, SyncLogModel::Samples).data().toString(), QStringLiteral("120"));

    // Errors in plain words: the stored message, or a sentence with a way out when a failure left none.
    QCOMPARE(model->index(4, SyncLogModel::Status).data().toString(), QStringLiteral("Failed"));
    QCOMPARE(model->index(4, SyncLogModel::Error).data().toString(), TokenError);
    QCOMPARE(model->index(1, SyncLogModel::Source).data().toString(), QStringLiteral("prom"));
    QVERIFY(model->index(1, SyncLogModel::Error).data().toString().contains(QLatin1String("opsdeck --sync")));
    QVERIFY(model->index(0, SyncLogModel::Error).data().toString().isEmpty());
}

void TestSyncPanel::failedRowsTinted()
{
    seed();
    SyncPanel panel(m_repository.get(), config());
    refreshAndWait(panel);
    const SyncLogModel *model = panel.logModel();
    const QColor error = FleetTableModel::levelBackground(FleetTableModel::Critical, QGuiApplication::palette());
    for (int row = 0; row < model->rowCount(); ++row) {
        const bool failed = model->index(row, SyncLogModel::Status).data(SyncLogModel::FailedRole).toBool();
        for (int column = 0; column < SyncLogModel::ColumnCount; ++column) {
            const QVariant background = model->index(row, column).data(Qt::BackgroundRole);
            if (failed)
                QCOMPARE(background.value<QColor>(), error);
            else
                QVERIFY(!background.isValid());
        }
    }
}

void TestSyncPanel::sortsAsNumbers()
{
    seed();
    SyncPanel panel(m_repository.get(), config());
    refreshAndWait(panel);
    QSortFilterProxyModel *proxy = panel.logProxy();
    proxy->sort(SyncLogModel::ApiCalls, Qt::DescendingOrder);
    QStringList calls;
    for (int row = 0; row < proxy->rowCount(); ++row)
        calls << proxy->index(row, SyncLogModel::ApiCalls).data().toString();
    QCOMPARE(calls.join(QLatin1Char(',')), QStringLiteral("500,60,40,7,1,0"));
}

void TestSyncPanel::sourceFilter()
{
    seed();
    SyncPanel panel(m_repository.get(), config());
    refreshAndWait(panel);
    QComboBox *filter = panel.sourceFilter();
    QSortFilterProxyModel *proxy = panel.logProxy();

    filter->setCurrentIndex(filter->findData(QStringLiteral("do")));
    QCOMPARE(proxy->rowCount(), 4);
    for (int row = 0; row < proxy->rowCount(); ++row)
        QCOMPARE(proxy->index(row, SyncLogModel::Source).data().toString(), QStringLiteral("do"));

    filter->setCurrentIndex(filter->findData(QStringLiteral("prom")));
    QCOMPARE(proxy->rowCount(), 1);

    filter->setCurrentIndex(0);
    QCOMPARE(filter->currentText(), QStringLiteral("All sources"));
    QCOMPARE(proxy->rowCount(), 6);
    QVERIFY(!panel.isEmptyStateShown());
}

void TestSyncPanel::budgetFromApiCalls()
{
    seed();
    SyncPanel panel(m_repository.get(), config());
    refreshAndWait(panel);
    // 40 + 60 + 7 within the hour; the 500 calls two hours ago no longer count.
    QCOMPARE(panel.apiCallsLastHour(QStringLiteral("do")), std::optional<qint64>(107));
    QCOMPARE(panel.sourceCellText(QStringLiteral("do"), SyncPanel::BudgetColumn),
             QStringLiteral("107 of 5,000 (2.1 %)"));
    QCOMPARE(panel.sourceCellText(QStringLiteral("local"), SyncPanel::BudgetColumn), QStringLiteral("no limit"));
    QCOMPARE(SyncPanel::budgetText(4200, 5000), QStringLiteral("4,200 of 5,000 (84 %)"));
}

void TestSyncPanel::lastAndNextSync()
{
    seed();
    SyncPanel panel(m_repository.get(), config());
    refreshAndWait(panel);
    panel.setNow(m_now);

    QCOMPARE(panel.sourceCellText(QStringLiteral("local"), SyncPanel::TypeColumn), QStringLiteral("This computer"));
    QCOMPARE(panel.sourceCellText(QStringLiteral("do"), SyncPanel::LastSyncColumn), QStringLiteral("9 min ago — OK"));
    QVERIFY(panel.sourceCellText(QStringLiteral("prom"), SyncPanel::LastSyncColumn)
                .startsWith(QStringLiteral("4 min ago — failed: ")));

    // From the last sync and the interval: finished 595 s ago, every 1800 s.
    QCOMPARE(panel.sourceCellText(QStringLiteral("do"), SyncPanel::NextSyncColumn), QStringLiteral("in 20 min 5 s"));
    // The engine's schedule wins while it lies ahead.
    panel.setNextSync(QStringLiteral("local"), m_now + 90);
    QCOMPARE(panel.sourceCellText(QStringLiteral("local"), SyncPanel::NextSyncColumn), QStringLiteral("in 1 min 30 s"));
    panel.setNow(m_now + 100);
    QCOMPARE(panel.sourceCellText(QStringLiteral("local"), SyncPanel::NextSyncColumn), QStringLiteral("due now"));
    QCOMPARE(SyncPanel::countdownText(2 * 3600 + 125), QStringLiteral("in 2 h 2 min"));
}

void TestSyncPanel::syncInProgress()
{
    seed();
    SyncPanel panel(m_repository.get(), config());
    refreshAndWait(panel);
    panel.sourceStarted(QStringLiteral("do"));
    QCOMPARE(panel.sourceCellText(QStringLiteral("do"), SyncPanel::LastSyncColumn), QStringLiteral("syncing now…"));
    panel.sourceProgress(QStringLiteral("do"), 3, 12);
    QCOMPARE(panel.sourceCellText(QStringLiteral("do"), SyncPanel::LastSyncColumn),
             QStringLiteral("syncing now: 3 of 12 requests"));
    QCOMPARE(panel.sourceCellText(QStringLiteral("do"), SyncPanel::NextSyncColumn), QStringLiteral("now"));

    // The run is committed, the Repository told; the panel re-reads on its own.
    QVERIFY(insertRun(QStringLiteral("do"), QStringLiteral("digitalocean"), m_now - 2, QStringLiteral("ok"), 12));
    m_repository->syncRunsChanged();
    QSignalSpy refreshed(&panel, &SyncPanel::refreshed);
    SourceRunResult result;
    result.name = QStringLiteral("do");
    result.status = QStringLiteral("ok");
    panel.sourceFinished(result);
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 10000);
    QCOMPARE(panel.logModel()->rowCount(), 7);
    QCOMPARE(panel.apiCallsLastHour(QStringLiteral("do")), std::optional<qint64>(119));
    QCOMPARE(panel.sourceCellText(QStringLiteral("do"), SyncPanel::LastSyncColumn), QStringLiteral("just now — OK"));
}

void TestSyncPanel::emptyState()
{
    SyncPanel panel(m_repository.get(), config());
    refreshAndWait(panel);
    QVERIFY(panel.isEmptyStateShown());
    QCOMPARE(panel.emptyStateText(), QStringLiteral("No syncs yet — press Sync now (Ctrl+R)"));
    QCOMPARE(panel.sourceCellText(QStringLiteral("local"), SyncPanel::LastSyncColumn), QStringLiteral("never"));
    QCOMPARE(panel.sourceCellText(QStringLiteral("do"), SyncPanel::BudgetColumn), QStringLiteral("0 of 5,000 (0.0 %)"));
}

QTEST_MAIN(TestSyncPanel)
#include "tst_syncpanel.moc"
