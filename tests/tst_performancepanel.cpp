#include "config/databaseurl.h"
#include "fleettablemodel.h"
#include "performancepanel.h"
#include "query/repository.h"
#include "querystatsmodel.h"

#include <QGuiApplication>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace {

constexpr qint64 Ms = 1'000'000;
constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

int rowOf(const QAbstractItemModel &model, const QString &query)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, QueryStatsModel::Query).data().toString() == query)
            return row;
    }
    return -1;
}

} // namespace

class TestPerformancePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void queryRows_data();
    void queryRows();
    void ratingColours();
    void millisecondsPrecision_data();
    void millisecondsPrecision();
    void cacheNumbers();
    void updatesLive();

private:
    void recordKnownRuns();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Repository> m_repository;
};

void TestPerformancePanel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestPerformancePanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    RepositoryOptions options;
    options.cache.maxBytes = 2 * MiB;
    options.cache.ttlMs = 120'000;
    m_repository = std::make_unique<Repository>(
        *DatabaseUrl::parse(QStringLiteral("sqlite://") + m_dir->filePath(QStringLiteral("cache.db"))), options);
}

void TestPerformancePanel::cleanup()
{
    m_repository.reset();
    m_dir.reset();
}

void TestPerformancePanel::recordKnownRuns()
{
    QueryTracker &tracker = m_repository->tracker();
    tracker.setBaselines({ { QStringLiteral("fleet"), 10 * Ms } });
    for (int i = 1; i <= 100; ++i)
        tracker.record(QStringLiteral("trend"), i * Ms);
    for (int i = 0; i < 20; ++i) {
        tracker.record(QStringLiteral("fleet"), 23 * Ms);
        tracker.record(QStringLiteral("synclog"), 600 * Ms);
        tracker.record(QStringLiteral("summary"), 150 * Ms);
    }
    for (int i = 0; i < 5; ++i)
        tracker.record(QStringLiteral("detail"), 42'000);
}

void TestPerformancePanel::queryRows_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("count");
    QTest::addColumn<QString>("p50");
    QTest::addColumn<QString>("p95");
    QTest::addColumn<QString>("p99");
    QTest::addColumn<QString>("slow");
    QTest::addColumn<QString>("critical");
    QTest::addColumn<QString>("rating");
    QTest::addColumn<QString>("regression");

    // Nearest-rank percentiles of 1..100 ms.
    QTest::newRow("trend") << "trend"
                           << "100"
                           << "50.0 ms"
                           << "95.0 ms"
                           << "99.0 ms"
                           << "0"
                           << "0"
                           << "GOOD"
                           << "";
    QTest::newRow("regressed") << "fleet"
                               << "20"
                               << "23.0 ms"
                               << "23.0 ms"
                               << "23.0 ms"
                               << "0"
                               << "0"
                               << "GOOD"
                               << "2.3× baseline";
    QTest::newRow("critical") << "synclog"
                              << "20"
                              << "600 ms"
                              << "600 ms"
                              << "600 ms"
                              << "20"
                              << "20"
                              << "CRITICAL"
                              << "";
    QTest::newRow("slow") << "summary"
                          << "20"
                          << "150 ms"
                          << "150 ms"
                          << "150 ms"
                          << "20"
                          << "0"
                          << "SLOW"
                          << "";
    QTest::newRow("excellent") << "detail"
                               << "5"
                               << "0.042 ms"
                               << "0.042 ms"
                               << "0.042 ms"
                               << "0"
                               << "0"
                               << "EXCELLENT"
                               << "";
}

void TestPerformancePanel::queryRows()
{
    QFETCH(QString, query);
    recordKnownRuns();
    PerformancePanel panel(m_repository.get());
    const QueryStatsModel &model = *panel.model();
    QCOMPARE(model.rowCount(), 5);
    const int row = rowOf(model, query);
    QVERIFY(row >= 0);
    auto text = [&](int column) { return model.index(row, column).data().toString(); };
    QTEST(text(QueryStatsModel::Count), "count");
    QTEST(text(QueryStatsModel::P50), "p50");
    QTEST(text(QueryStatsModel::P95), "p95");
    QTEST(text(QueryStatsModel::P99), "p99");
    QTEST(text(QueryStatsModel::Slow), "slow");
    QTEST(text(QueryStatsModel::Critical), "critical");
    QTEST(text(QueryStatsModel::Rating), "rating");
    QTEST(text(QueryStatsModel::Regression), "regression");
}

void TestPerformancePanel::ratingColours()
{
    recordKnownRuns();
    PerformancePanel panel(m_repository.get());
    const QueryStatsModel &model = *panel.model();
    const QPalette palette = QGuiApplication::palette();
    auto background = [&](const QString &query, int column) {
        return model.index(rowOf(model, query), column).data(Qt::BackgroundRole);
    };
    QCOMPARE(background(QStringLiteral("synclog"), QueryStatsModel::Rating).value<QColor>(),
             FleetTableModel::levelBackground(FleetTableModel::Critical, palette));
    QCOMPARE(background(QStringLiteral("summary"), QueryStatsModel::Rating).value<QColor>(),
             FleetTableModel::levelBackground(FleetTableModel::Warning, palette));
    QVERIFY(!background(QStringLiteral("trend"), QueryStatsModel::Rating).isValid());
    QVERIFY(!background(QStringLiteral("synclog"), QueryStatsModel::Count).isValid());
    // The regressed query's median against its baseline is in the tooltip too.
    QCOMPARE(model.index(rowOf(model, QStringLiteral("fleet")), QueryStatsModel::Regression).data(Qt::ToolTipRole),
             QVariant(QStringLiteral("Baseline P50: 10.0 ms")));
}

void TestPerformancePanel::millisecondsPrecision_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("sub-ms") << qint64(42'000) << "0.042 ms";
    QTest::newRow("ms") << qint64(3'714'000) << "3.71 ms";
    QTest::newRow("tens") << qint64(23'450'000) << "23.4 ms";
    QTest::newRow("hundreds") << qint64(128'400'000) << "128 ms";
    QTest::newRow("seconds") << qint64(2'500'000'000) << "2,500 ms";
}

void TestPerformancePanel::millisecondsPrecision()
{
    QFETCH(qint64, ns);
    QTEST(QueryStatsModel::millisecondsText(ns), "text");
}

void TestPerformancePanel::cacheNumbers()
{
    QueryCache &cache = m_repository->cache();
    auto put = [&](const char *key, qint64 bytes) {
        cache
            .fetch<int>(
                QByteArray(key), QStringList(), nullptr, [] { return 1; }, [bytes](int) { return bytes; })
            .waitForFinished();
    };
    put("a", MiB); // miss
    put("a", MiB); // hit
    put("b", 512 * KiB); // miss
    put("c", MiB); // miss; 2.5 MiB > 2 MiB: "a", the least recently used, goes
    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.hits, qint64(1));
    QCOMPARE(stats.misses, qint64(3));
    QCOMPARE(stats.evictions, qint64(1));

    PerformancePanel panel(m_repository.get());
    QCOMPARE(panel.cacheText(PerformancePanel::HitRate), QStringLiteral("25.0 %"));
    QCOMPARE(panel.cacheText(PerformancePanel::Size), QStringLiteral("1.5 MB of 2.0 MB"));
    QCOMPARE(panel.cacheText(PerformancePanel::Entries), QStringLiteral("2"));
    QCOMPARE(panel.cacheText(PerformancePanel::Hits), QStringLiteral("1"));
    QCOMPARE(panel.cacheText(PerformancePanel::Misses), QStringLiteral("3"));
    QCOMPARE(panel.cacheText(PerformancePanel::Evictions), QStringLiteral("1"));
    QCOMPARE(panel.cacheText(PerformancePanel::Ttl), QStringLiteral("2 min"));
    QCOMPARE(PerformancePanel::bytesText(300 * KiB), QStringLiteral("300 KB"));
}

void TestPerformancePanel::updatesLive()
{
    PerformancePanel panel(m_repository.get());
    panel.show();
    QCOMPARE(panel.model()->rowCount(), 0);
    QCOMPARE(panel.cacheText(PerformancePanel::HitRate), QStringLiteral("no reads yet"));
    m_repository->tracker().record(QStringLiteral("fleet"), 5 * Ms);
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 1, 3000);
    QCOMPARE(panel.model()->index(0, QueryStatsModel::P50).data().toString(), QStringLiteral("5.00 ms"));
}

QTEST_MAIN(TestPerformancePanel)
#include "tst_performancepanel.moc"
