#include "uisession.h"

#include "appicon.h"
#include "cli/headlessrunner.h"
#include "densestore.h"
#include "fleettablemodel.h"
#include "mainwindow.h"
#include "paintprobe.h"
#include "query/lttb.h"
#include "query/readqueries.h"
#include "query/repository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "translator.h"
#include "trendchartview.h"

#include <QAction>
#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineSeries>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace {

const QByteArray TokenVariable = "OPSDECK_UIBENCH_DO_TOKEN"; // named by token_env in the session's config
const QByteArray TokenLater = "OPSDECK_UIBENCH_TOKEN_LATER"; // what the parent hands over for it

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

// VmHWM / VmRSS of this process in MB.
double procStatusMb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return -1;
}

void print(const QJsonObject &o)
{
    const QByteArray line = "UIBENCH " + QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

void setIdentity()
{
    // As src/app/main.cpp: the same QSettings (in the scratch XDG_CONFIG_HOME the parent gives us).
    QCoreApplication::setOrganizationName(QStringLiteral("opsdeck"));
    QCoreApplication::setApplicationName(QStringLiteral("opsdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
}

// Records the largest interval between the timeouts of a 1 ms timer: how long the GUI thread was unable to
// handle an event.
class GapMeter final : public QObject
{
public:
    explicit GapMeter(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = monotonicNs();
            const qint64 cpu = threadCpuNs();
            m_maxCpu = std::max(m_maxCpu, cpu - m_lastCpu);
            m_lastCpu = cpu;
            const qint64 gap = now - m_last;
            if (gap > m_max) {
                m_max = gap;
                m_maxAt = now - m_start;
            }
            if (gap > 16'000'000)
                ++m_over16;
            if (gap > 50'000'000)
                ++m_over50;
            m_last = now;
        });
    }
    void start()
    {
        m_start = m_last = monotonicNs();
        m_lastCpu = threadCpuNs();
        m_max = m_maxAt = m_maxCpu = 0;
        m_over16 = m_over50 = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 maxNs() const { return m_max; }
    qint64 maxAtNs() const { return m_maxAt; }
    // The most CPU the GUI thread spent between two timeouts: the longest stall an idle machine would show.
    qint64 maxCpuNs() const { return m_maxCpu; }
    int over16() const { return m_over16; }
    int over50() const { return m_over50; }

private:
    QTimer m_timer;
    qint64 m_start = 0;
    qint64 m_last = 0;
    qint64 m_max = 0;
    qint64 m_maxAt = 0;
    qint64 m_lastCpu = 0;
    qint64 m_maxCpu = 0;
    int m_over16 = 0;
    int m_over50 = 0;
};

class Session final : public QObject
{
public:
    Session(const SessionOptions &o, qint64 mainNs)
        : m_o(o)
        , m_origin(o.spawnNs > 0 ? o.spawnNs : mainNs)
    {
        m_out.insert(QStringLiteral("main_ms"), ms(mainNs - m_origin));
        // Any widget's first paint is the shell's: the window exists only as its frame, toolbar and empty panes.
        qApp->installEventFilter(this);
    }

    void attach(MainWindow *window)
    {
        m_window = window;
        m_view = window->findChild<QTableView *>(QStringLiteral("fleetView"));
        for (const Metric m : AllMetrics)
            m_charts << window->findChild<TrendChartView *>(metricName(m) + QStringLiteral("Chart"));
        m_sync = window->findChild<QAction *>(QStringLiteral("syncNowAction"));
        if (!m_view || m_charts.contains(nullptr) || !m_sync) {
            fail(QStringLiteral("the window has no fleetView, chart or syncNowAction: the bench needs updating"));
            return;
        }
        mark(QStringLiteral("constructed_ms"));
        new PaintProbe(
            m_view->viewport(), [this] { return m_view->model()->rowCount() > 0; },
            [this](qint64 ns) {
                m_out.insert(QStringLiteral("rows_painted_ms"), ms(ns - m_origin));
                m_out.insert(QStringLiteral("rows_cpu_ms"), ms(threadCpuNs()));
                m_out.insert(QStringLiteral("rows_shown"), m_view->model()->rowCount());
                const int visible = m_view->rowAt(m_view->viewport()->height() - 1);
                m_out.insert(QStringLiteral("rows_visible"), visible < 0 ? m_view->model()->rowCount() : visible + 1);
                if (m_view->model()->rowCount() != m_o.expectedRows)
                    check(QStringLiteral("the table shows %1 rows, the store holds %2 resources")
                              .arg(m_view->model()->rowCount())
                              .arg(m_o.expectedRows));
            },
            this);
        // The charts of the row selected at start: the window is complete.
        waitForCharts(0, [this](qint64 ns) {
            m_out.insert(QStringLiteral("charts_painted_ms"), ms(ns - m_origin));
            QTimer::singleShot(200, this, [this] { click(1); });
        });
    }

    void shown() { mark(QStringLiteral("shown_ms")); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && watched->isWidgetType()) {
            qApp->removeEventFilter(this);
            QTimer::singleShot(0, this, [this] { mark(QStringLiteral("shell_painted_ms")); });
        }
        return false;
    }

private:
    void mark(const QString &key) { m_out.insert(key, ms(monotonicNs() - m_origin)); }
    void check(const QString &problem) { m_problems << problem; }
    void fail(const QString &problem)
    {
        check(problem);
        finish();
    }

    // Calls done(ns) once all three charts have painted points of the resource in `row` (any resource for -1).
    void waitForCharts(int row, std::function<void(qint64)> done)
    {
        auto remaining = std::make_shared<int>(int(m_charts.size()));
        auto latest = std::make_shared<qint64>(0);
        for (TrendChartView *chart : std::as_const(m_charts)) {
            auto *probe = new PaintProbe(
                chart->viewport(),
                [this, chart, row] {
                    const qint64 id = row >= m_view->model()->rowCount()
                        ? 0
                        : m_view->model()->index(row, 0).data(FleetTableModel::IdRole).toLongLong();
                    return id != 0 && chart->result().request.resourceId == id && !chart->result().points.isEmpty();
                },
                [remaining, latest, done](qint64 ns) {
                    *latest = std::max(*latest, ns);
                    if (--*remaining == 0)
                        done(*latest);
                },
                this);
            m_probes << probe;
        }
    }

    void dropProbes()
    {
        qDeleteAll(m_probes);
        m_probes.clear();
    }

    // Item 2: a mouse click on row `row` (a resource not read yet) → the three charts painted with it.
    void click(int row)
    {
        dropProbes();
        if (row > m_o.clicks) {
            startSync();
            return;
        }
        const QModelIndex index = m_view->model()->index(row, FleetTableModel::Name);
        const QRect rect = m_view->visualRect(index);
        if (!m_view->viewport()->rect().contains(rect.center())) {
            fail(QStringLiteral("row %1 is not visible; make the window taller").arg(row));
            return;
        }
        const qint64 start = monotonicNs();
        const qint64 cpuStart = threadCpuNs();
        waitForCharts(row, [this, row, start, cpuStart](qint64 ns) {
            m_clicks.append(ms(ns - start));
            m_clicksCpu.append(ms(threadCpuNs() - cpuStart));
            for (TrendChartView *chart : std::as_const(m_charts)) {
                const TrendResult &r = chart->result();
                // 30 days at a few hundred pixels: the hourly rollups, one point per hour of the month.
                if (r.tier != TrendTier::Hour || r.points.size() < 24 * 25)
                    check(QStringLiteral("the %1 chart shows %2 %3 points for 30 days, expected ~700 hourly")
                              .arg(chart->objectName())
                              .arg(r.points.size())
                              .arg(trendTierName(r.tier)));
            }
            QTimer::singleShot(200, this, [this, row] { click(row + 1); });
        });
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, rect.center());
    }

    // Item 4: Sync now with the DigitalOcean backfill, a 1 ms timer measuring the event loop meanwhile.
    void startSync()
    {
        if (m_o.droplets <= 0) {
            dense();
            return;
        }
        // The first round ran when the window opened, without the token, and failed at once: nothing was written
        // while the window started. Now the token is there and Sync now is a real backfill.
        if (!m_sync->isEnabled()) {
            QTimer::singleShot(100, this, [this] { startSync(); });
            return;
        }
        qputenv(TokenVariable.constData(), qgetenv(TokenLater.constData()));
        m_gaps.start();
        const qint64 start = monotonicNs();
        auto *connection = new QMetaObject::Connection;
        *connection = connect(m_sync, &QAction::changed, this, [this, start, connection] {
            if (!m_sync->isEnabled())
                return;
            disconnect(*connection);
            delete connection;
            m_out.insert(QStringLiteral("sync_ms"), ms(monotonicNs() - start));
            // The window re-reads the fleet and the charts after the round: those belong to the sync too.
            QTimer::singleShot(1000, this, [this] {
                m_gaps.stop();
                m_out.insert(QStringLiteral("stall_max_ms"), ms(m_gaps.maxNs()));
                m_out.insert(QStringLiteral("stall_max_at_ms"), ms(m_gaps.maxAtNs()));
                m_out.insert(QStringLiteral("stall_max_cpu_ms"), ms(m_gaps.maxCpuNs()));
                m_out.insert(QStringLiteral("stall_over16"), m_gaps.over16());
                m_out.insert(QStringLiteral("stall_over50"), m_gaps.over50());
                m_out.insert(QStringLiteral("rows_after_sync"), m_view->model()->rowCount());
                if (m_view->model()->rowCount() != m_o.expectedRows + m_o.droplets)
                    check(QStringLiteral("after the sync the table shows %1 rows, %2 expected")
                              .arg(m_view->model()->rowCount())
                              .arg(m_o.expectedRows + m_o.droplets));
                checkSyncRun();
            });
        });
        m_sync->trigger();
        if (m_sync->isEnabled())
            fail(QStringLiteral("Sync now did not start a sync"));
    }

    void checkSyncRun()
    {
        m_readRepository = std::make_unique<Repository>(m_setup.database);
        m_readRepository->syncLog(QStringLiteral("do"), 0, 1).then(this, [this](const SyncLogResult &log) {
            if (!log.error.isEmpty() || log.runs.isEmpty()) {
                check(QStringLiteral("no sync run of source 'do': %1").arg(log.error));
            } else {
                const SyncRunRecord &run = log.runs.constFirst();
                m_out.insert(QStringLiteral("sync_samples"), run.samples);
                m_out.insert(QStringLiteral("sync_status"), run.status);
                m_out.insert(QStringLiteral("sync_api_calls"), run.apiCalls);
                if (run.status != QLatin1String("ok"))
                    check(QStringLiteral("the sync failed: %1").arg(run.error));
            }
            m_readRepository.reset();
            m_out.insert(QStringLiteral("rss_hwm_mb"), procStatusMb("VmHWM"));
            m_out.insert(QStringLiteral("rss_mb"), procStatusMb("VmRSS"));
            dense();
        });
    }

    // Item 3: 1 M raw samples in range → Repository (SQLite read, LTTB to the width) → a chart painted.
    void dense()
    {
        if (m_o.denseDb.isEmpty()) {
            finish();
            return;
        }
        const auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + m_o.denseDb);
        m_dense = std::make_unique<Repository>(*url);
        m_denseChart = std::make_unique<TrendChartView>();
        m_denseChart->setTitle(QStringLiteral("CPU"));
        m_denseChart->resize(DenseStore::ChartWidth + 40, 320);
        m_denseChart->show();
        // Where the million points are: the marker the store keeps.
        QString error;
        {
            auto db = Database::open(*url, QStringLiteral("uibench-dense-layout"), &error);
            if (db) {
                MetricStore store(*db);
                const auto marker = store.loadSourceState(QStringLiteral("uibench-dense"));
                if (marker) {
                    m_denseId = marker->value(QStringLiteral("resource_id")).toLongLong();
                    m_denseFrom = marker->value(QStringLiteral("first_ts")).toLongLong();
                    m_denseTo = marker->value(QStringLiteral("last_ts")).toLongLong();
                    m_denseSamples = marker->value(QStringLiteral("dense-store")).toLongLong();
                }
            }
        }
        Database::close(QStringLiteral("uibench-dense-layout"));
        if (m_denseId == 0) {
            fail(QStringLiteral("the dense store %1 has no marker: %2").arg(m_o.denseDb, error));
            return;
        }
        QTimer::singleShot(300, this, [this] { denseRead(0); });
    }

    void denseRead(int i)
    {
        if (i >= m_o.denseRepeat) {
            m_out.insert(QStringLiteral("rss_hwm_after_dense_mb"), procStatusMb("VmHWM"));
            finish();
            return;
        }
        // A range one second longer each time: a new cache key, so every read goes to the database.
        TrendRequest request { m_denseId, Metric::Cpu, m_denseFrom - i, m_denseTo, DenseStore::ChartWidth };
        const qint64 start = monotonicNs();
        m_dense->trend(request).then(this, [this, i, start](const TrendResult &r) {
            const qint64 arrived = monotonicNs();
            const qint64 cpuArrived = threadCpuNs();
            auto *probe = new PaintProbe(
                m_denseChart->viewport(), [] { return true; },
                [this, i, start, arrived, cpuArrived](qint64 ns) {
                    QJsonObject o;
                    o.insert(QStringLiteral("paint_cpu_ms"), ms(threadCpuNs() - cpuArrived));
                    o.insert(QStringLiteral("total_ms"), ms(ns - start));
                    o.insert(QStringLiteral("read_ms"), ms(arrived - start));
                    o.insert(QStringLiteral("paint_ms"), ms(ns - arrived));
                    m_denseRuns.append(o);
                    QTimer::singleShot(300, this, [this, i] { denseRead(i + 1); });
                },
                this);
            m_probes << probe;
            if (!r.error.isEmpty() || r.tier != TrendTier::Raw || r.rowsRead != m_denseSamples
                || r.points.size() != DenseStore::ChartWidth)
                check(QStringLiteral("the dense trend read %1 %2 rows into %3 points (%4); %5 raw into %6 expected")
                          .arg(r.rowsRead)
                          .arg(trendTierName(r.tier))
                          .arg(r.points.size())
                          .arg(r.error)
                          .arg(m_denseSamples)
                          .arg(DenseStore::ChartWidth));
            m_out.insert(QStringLiteral("dense_rows_read"), r.rowsRead);
            m_out.insert(QStringLiteral("dense_points"), r.points.size());
            m_denseChart->setResult(r);
        });
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        QJsonArray clicks;
        for (double c : std::as_const(m_clicks))
            clicks.append(c);
        m_out.insert(QStringLiteral("clicks_ms"), clicks);
        QJsonArray clicksCpu;
        for (double c : std::as_const(m_clicksCpu))
            clicksCpu.append(c);
        m_out.insert(QStringLiteral("clicks_cpu_ms"), clicksCpu);
        m_out.insert(QStringLiteral("dense"), m_denseRuns);
        m_out.insert(QStringLiteral("problems"), QJsonArray::fromStringList(m_problems));
        print(m_out);
        QCoreApplication::exit(m_problems.isEmpty() ? 0 : 1);
    }

public:
    RunSetup m_setup;

private:
    SessionOptions m_o;
    qint64 m_origin = 0;
    QJsonObject m_out;
    QStringList m_problems;
    QList<double> m_clicks;
    QList<double> m_clicksCpu; // the GUI thread's CPU time over the same interval
    QJsonArray m_denseRuns;
    MainWindow *m_window = nullptr;
    QTableView *m_view = nullptr;
    QList<TrendChartView *> m_charts;
    QAction *m_sync = nullptr;
    QList<QObject *> m_probes;
    GapMeter m_gaps;
    std::unique_ptr<Repository> m_readRepository;
    std::unique_ptr<Repository> m_dense;
    std::unique_ptr<TrendChartView> m_denseChart;
    qint64 m_denseId = 0;
    qint64 m_denseFrom = 0;
    qint64 m_denseTo = 0;
    qint64 m_denseSamples = 0;
    bool m_finished = false;
};

} // namespace

int runSession(int argc, char **argv, const SessionOptions &options)
{
    const qint64 mainNs = monotonicNs();
    // What src/app/main.cpp's runGui() does, step by step, with the probes installed before the window exists.
    QApplication app(argc, argv);
    setIdentity();
    Translator::install(app, QString());
    QApplication::setApplicationDisplayName(QStringLiteral("OpsDeck"));
    QApplication::setDesktopFileName(QStringLiteral("io.opsdeck.OpsDeck"));
    QApplication::setWindowIcon(appIcon());
    CommandLineOptions cli;
    cli.configPath = options.config;
    QString error;
    Session session(options, mainNs);
    if (!HeadlessRunner::loadSetup(cli, &session.m_setup, &error)) {
        std::fprintf(stderr, "opsdeck-uibench: %s\n", qPrintable(error));
        return 2;
    }
    MainWindow window(session.m_setup);
    session.attach(&window);
    window.show();
    session.shown();
    // A watchdog, so a window that never shows its rows ends the run instead of hanging it.
    QTimer::singleShot(600'000, &app, [] {
        std::fprintf(stderr, "opsdeck-uibench: the session did not finish within 10 minutes\n");
        QCoreApplication::exit(1);
    });
    return app.exec();
}

QJsonObject parseChildOutput(const QByteArray &stdoutText)
{
    for (const QByteArray &line : stdoutText.split('\n')) {
        if (line.startsWith("UIBENCH "))
            return QJsonDocument::fromJson(line.mid(8)).object();
    }
    return {};
}

namespace {

// Runs `apply` (which changes what `chart` shows) and returns the ms until that frame was painted.
double paintMs(QChartView *chart, const std::function<void()> &apply)
{
    qint64 done = 0;
    const qint64 start = monotonicNs();
    PaintProbe probe(chart->viewport(), [] { return true; }, [&done](qint64 ns) { done = ns; });
    apply();
    while (done == 0)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    return ms(done - start);
}

QJsonArray toArray(const QList<double> &values)
{
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

} // namespace

int runReference(int argc, char **argv, const QString &denseDb, int repeat, int appendCap)
{
    QApplication app(argc, argv);
    setIdentity();
    QJsonObject out;
    QStringList problems;
    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + denseDb);
    TrendResult full;
    TrendResult lttb;
    {
        QString error;
        auto db = Database::open(*url, QStringLiteral("uibench-reference"), &error);
        if (!db) {
            std::fprintf(stderr, "opsdeck-uibench: %s\n", qPrintable(error));
            return 1;
        }
        MetricStore store(*db);
        const auto marker = store.loadSourceState(QStringLiteral("uibench-dense"));
        TrendRequest request;
        request.resourceId = marker->value(QStringLiteral("resource_id")).toLongLong();
        request.from = marker->value(QStringLiteral("first_ts")).toLongLong();
        request.to = marker->value(QStringLiteral("last_ts")).toLongLong();
        const qint64 retained = QDateTime::currentSecsSinceEpoch() - 30 * 86400;
        request.width = DenseStore::ChartWidth;
        lttb = ReadQueries::trend(*db, request, retained);
        // The chart without LTTB: the raw tier's points before downsampling (ReadQueries caps the width at 16,384,
        // so they are built here from the same rows, the way its raw path builds them).
        full = lttb;
        full.points.clear();
        QSqlQuery q(*db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ? ORDER BY ts"));
        q.addBindValue(request.resourceId);
        q.addBindValue(int(Metric::Cpu));
        if (!q.exec())
            problems << QStringLiteral("cannot read the dense samples: %1").arg(q.lastError().text());
        while (q.next()) {
            const qint64 ts = q.value(0).toLongLong();
            const double v = q.value(1).toDouble();
            full.points.append(TrendPoint { ts, v, v, v, 1, ts, ts });
        }
        full.rowsRead = full.points.size();
    }
    Database::close(QStringLiteral("uibench-reference"));
    out.insert(QStringLiteral("points"), full.points.size());

    // LTTB alone, as the Repository runs it on its pool.
    {
        std::vector<qint64> x;
        std::vector<double> y;
        for (const TrendPoint &p : std::as_const(full.points)) {
            x.push_back(p.ts);
            y.push_back(p.value);
        }
        QList<double> runs;
        for (int i = 0; i < repeat; ++i) {
            const qint64 start = monotonicNs();
            const auto picks = Lttb::downsample(x.data(), y.data(), qsizetype(x.size()), DenseStore::ChartWidth);
            runs << ms(monotonicNs() - start);
            if (qsizetype(picks.size()) != DenseStore::ChartWidth)
                problems << QStringLiteral("LTTB kept %1 points").arg(picks.size());
        }
        out.insert(QStringLiteral("lttb_ms"), toArray(runs));
    }

    TrendChartView chart;
    chart.setTitle(QStringLiteral("CPU"));
    chart.resize(DenseStore::ChartWidth + 40, 320);
    chart.show();
    if (!QTest::qWaitForWindowExposed(&chart))
        problems << QStringLiteral("the reference chart was never exposed");
    QList<double> small;
    QList<double> perPoint;
    QList<double> big;
    for (int i = 0; i < repeat; ++i) {
        chart.clear();
        QCoreApplication::processEvents();
        small << paintMs(&chart, [&] { chart.setResult(lttb); });
        // The band as it was drawn before 2026-11-22: a vertex per point, which made its fill the costliest
        // part of the chart.
        chart.clear();
        QCoreApplication::processEvents();
        perPoint << paintMs(&chart, [&] {
            chart.setResult(lttb);
            QList<QPointF> upper;
            QList<QPointF> lower;
            for (const TrendPoint &p : std::as_const(lttb.points)) {
                upper.append(QPointF(double(p.ts) * 1000.0, p.max));
                lower.append(QPointF(double(p.ts) * 1000.0, p.min));
            }
            chart.rangeSeries()->upperSeries()->replace(upper);
            chart.rangeSeries()->lowerSeries()->replace(lower);
        });
        chart.clear();
        QCoreApplication::processEvents();
        big << paintMs(&chart, [&] { chart.setResult(full); });
    }
    out.insert(QStringLiteral("chart_band_per_point_ms"), toArray(perPoint));
    out.insert(QStringLiteral("chart_lttb_ms"), toArray(small));
    out.insert(QStringLiteral("chart_full_ms"), toArray(big));
    chart.clear();

    // QXYSeries::append(QList) against replace() on a plain line series in a shown chart, growing until append
    // takes longer than the cap.
    QJsonArray series;
    QChartView plain;
    auto *line = new QLineSeries;
    plain.chart()->addSeries(line);
    plain.chart()->createDefaultAxes();
    plain.resize(DenseStore::ChartWidth + 40, 320);
    plain.show();
    if (!QTest::qWaitForWindowExposed(&plain))
        problems << QStringLiteral("the reference QChartView was never exposed");
    for (qsizetype n = 1000; n <= full.points.size(); n *= 2) {
        QList<QPointF> points;
        points.reserve(n);
        for (qsizetype i = 0; i < n; ++i)
            points.append(QPointF(double(full.points[i].ts) * 1000.0, full.points[i].value));
        QJsonObject row;
        row.insert(QStringLiteral("n"), n);
        line->clear();
        qint64 start = monotonicNs();
        line->replace(points);
        row.insert(QStringLiteral("replace_ms"), ms(monotonicNs() - start));
        line->clear();
        QCoreApplication::processEvents();
        if (appendCap > 0) {
            start = monotonicNs();
            line->append(points);
            const double appendMs = ms(monotonicNs() - start);
            row.insert(QStringLiteral("append_ms"), appendMs);
            if (line->count() != n)
                problems << QStringLiteral("append kept %1 of %2 points").arg(line->count()).arg(n);
            line->clear();
            QCoreApplication::processEvents();
            if (appendMs > appendCap)
                appendCap = 0; // the next size would take four times as long: replace() only from here
        }
        series.append(row);
    }
    out.insert(QStringLiteral("series"), series);
    out.insert(QStringLiteral("problems"), QJsonArray::fromStringList(problems));
    print(out);
    return problems.isEmpty() ? 0 : 1;
}
