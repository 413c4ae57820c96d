#include "config/config.h"
#include "config/databaseurl.h"
#include "fleettablemodel.h"
#include "overviewpanel.h"
#include "query/repository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "trendchartview.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLineSeries>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

class TestOverviewPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void counts();
    void topByMetric();
    void levelsTinted();
    void averageCharts();
    void emptyState();

private:
    void seed();
    void refreshAndWait(OverviewPanel &panel);

    std::unique_ptr<QTemporaryDir> m_dir;
    DatabaseUrl m_url;
    std::unique_ptr<MetricStore> m_store;
    std::unique_ptr<Repository> m_repository;
    qint64 m_now = 0;
};

void TestOverviewPanel::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestOverviewPanel::init()
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

void TestOverviewPanel::cleanup()
{
    m_repository.reset();
    m_store.reset();
    Database::close(QStringLiteral("seed"));
    m_dir.reset();
}

// Three droplets and two databases; four active, one off. Samples every 10 minutes over the last day, the last
// one at `now`: cpu web-1 95, web-2 50, web-3 82, db-1 20, db-2 10 (memory and disk are cpu / 2 and cpu - 5).
void TestOverviewPanel::seed()
{
    auto resource = [](const QString &id, const QString &kind, const QString &status) {
        ResourceInfo r;
        r.externalId = id;
        r.name = id;
        r.kind = kind;
        r.status = status;
        r.region = QStringLiteral("fra1");
        return r;
    };
    const QString droplet = QStringLiteral("droplet");
    const QString database = QStringLiteral("database");
    const QString active = QStringLiteral("active");
    const QList<ResourceInfo> resources { resource(QStringLiteral("web-1"), droplet, active),
                                          resource(QStringLiteral("web-2"), droplet, active),
                                          resource(QStringLiteral("web-3"), droplet, QStringLiteral("off")),
                                          resource(QStringLiteral("db-1"), database, active),
                                          resource(QStringLiteral("db-2"), database, active) };
    const QHash<QString, double> cpu { { QStringLiteral("web-1"), 95 },
                                       { QStringLiteral("web-2"), 50 },
                                       { QStringLiteral("web-3"), 82 },
                                       { QStringLiteral("db-1"), 20 },
                                       { QStringLiteral("db-2"), 10 } };
    QVERIFY(m_store->transaction());
    const auto ids = m_store->upsertResources(QStringLiteral("do"), resources, m_now);
    QVERIFY2(ids, qPrintable(m_store->lastError()));
    QList<SampleRow> samples;
    for (auto it = ids->cbegin(); it != ids->cend(); ++it) {
        const double c = cpu.value(it.key());
        for (qint64 ts = m_now - 86400 + 600; ts <= m_now; ts += 600) {
            samples.append({ it.value(), Metric::Cpu, ts, c });
            samples.append({ it.value(), Metric::Memory, ts, c / 2 });
            samples.append({ it.value(), Metric::Disk, ts, c - 5 });
        }
    }
    QVERIFY2(m_store->writeSamples(samples) > 0, qPrintable(m_store->lastError()));
    QVERIFY2(m_store->commit(), qPrintable(m_store->lastError()));
}

void TestOverviewPanel::refreshAndWait(OverviewPanel &panel)
{
    QSignalSpy refreshed(&panel, &OverviewPanel::refreshed);
    panel.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1, 10000);
}

void TestOverviewPanel::counts()
{
    seed();
    OverviewPanel panel(m_repository.get(), AlertConfig());
    refreshAndWait(panel);
    QVERIFY(!panel.isEmptyStateShown());
    QCOMPARE(panel.kindsText(), QStringLiteral("5 resources · 3 droplets · 2 databases"));
    QCOMPARE(panel.statusText(), QStringLiteral("4 active · 1 off"));
}

void TestOverviewPanel::topByMetric()
{
    seed();
    OverviewPanel panel(m_repository.get(), AlertConfig());
    refreshAndWait(panel);

    auto column = [&](Metric metric, int col) {
        QStringList texts;
        const QTableWidget *table = panel.topTable(metric);
        for (int row = 0; row < table->rowCount(); ++row)
            texts << table->item(row, col)->text();
        return texts.join(QLatin1Char(','));
    };
    QCOMPARE(column(Metric::Cpu, 0), QStringLiteral("web-1,web-3,web-2,db-1,db-2"));
    QCOMPARE(column(Metric::Cpu, 1), QStringLiteral("95.0 %,82.0 %,50.0 %,20.0 %,10.0 %"));
    QCOMPARE(column(Metric::Memory, 1), QStringLiteral("47.5 %,41.0 %,25.0 %,10.0 %,5.0 %"));
    QCOMPARE(column(Metric::Disk, 0), QStringLiteral("web-1,web-3,web-2,db-1,db-2"));
    QCOMPARE(column(Metric::Disk, 1), QStringLiteral("90.0 %,77.0 %,45.0 %,15.0 %,5.0 %"));
}

void TestOverviewPanel::levelsTinted()
{
    seed();
    OverviewPanel panel(m_repository.get(), AlertConfig()); // cpu 80/90, disk 80/90
    refreshAndWait(panel);
    const QPalette palette = panel.palette();
    const QColor warning = FleetTableModel::levelBackground(FleetTableModel::Warning, palette);
    const QColor critical = FleetTableModel::levelBackground(FleetTableModel::Critical, palette);
    const QTableWidget *cpu = panel.topTable(Metric::Cpu);
    QCOMPARE(cpu->item(0, 1)->data(Qt::BackgroundRole).value<QColor>(), critical); // 95
    QCOMPARE(cpu->item(0, 0)->data(Qt::BackgroundRole).value<QColor>(), critical);
    QCOMPARE(cpu->item(1, 1)->data(Qt::BackgroundRole).value<QColor>(), warning); // 82
    QVERIFY(!cpu->item(2, 1)->data(Qt::BackgroundRole).isValid()); // 50
    const QTableWidget *disk = panel.topTable(Metric::Disk);
    QCOMPARE(disk->item(0, 1)->data(Qt::BackgroundRole).value<QColor>(), critical); // 90: at the threshold
    QVERIFY(!disk->item(1, 1)->data(Qt::BackgroundRole).isValid()); // 77
    const QTableWidget *memory = panel.topTable(Metric::Memory);
    for (int row = 0; row < memory->rowCount(); ++row)
        QVERIFY(!memory->item(row, 1)->data(Qt::BackgroundRole).isValid());
}

void TestOverviewPanel::averageCharts()
{
    seed();
    OverviewPanel panel(m_repository.get(), AlertConfig());
    panel.resize(1200, 800);
    refreshAndWait(panel);
    const TrendChartView *cpu = panel.averageChart(Metric::Cpu);
    QVERIFY(!cpu->result().points.isEmpty());
    QVERIFY(cpu->emptyText().isEmpty());
    QVERIFY(cpu->valueSeries()->count() > 0);
    QCOMPARE(cpu->result().request.from, panel.summary().from);
    QCOMPARE(cpu->result().request.to, panel.summary().to);
    // Every hour holds all five resources' samples: the average of 95, 50, 82, 20 and 10.
    for (const TrendPoint &point : cpu->result().points)
        QVERIFY2(qAbs(point.value - 51.4) < 0.01, qPrintable(QString::number(point.value)));
    QCOMPARE(cpu->thresholds().warning, 80.0);
    QCOMPARE(cpu->thresholds().critical, 90.0);
    QCOMPARE(panel.averageChart(Metric::Memory)->thresholds().critical, 95.0);
    QVERIFY(!panel.averageChart(Metric::Disk)->result().points.isEmpty());

    const QString png = qEnvironmentVariable("OPSDECK_OVERVIEW_PNG");
    if (!png.isEmpty()) {
        panel.show();
        refreshAndWait(panel);
        QVERIFY(panel.grab().save(png));
    }
}

void TestOverviewPanel::emptyState()
{
    OverviewPanel panel(m_repository.get(), AlertConfig());
    refreshAndWait(panel);
    QVERIFY(panel.isEmptyStateShown());
    QVERIFY(panel.emptyText().contains(QLatin1String("No resources yet")));
}

QTEST_MAIN(TestOverviewPanel)
#include "tst_overviewpanel.moc"
