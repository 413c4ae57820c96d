#include "query/querytracker.h"

#include <QFile>
#include <QFuture>
#include <QRandomGenerator>
#include <QTest>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

Q_DECLARE_METATYPE(QueryRating)
Q_DECLARE_METATYPE(QueryThresholds)

namespace {

constexpr qint64 Ms = 1'000'000;

QList<qint64> shuffled(QList<qint64> values)
{
    std::mt19937 random(42);
    std::shuffle(values.begin(), values.end(), random);
    return values;
}

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> values;
    for (qint64 v = from; v <= to; ++v)
        values.append(v);
    return values;
}

// Nearest rank over a sorted copy: what the tracker must report exactly up to ExactLimit and within 1 % beyond.
qint64 nearestRank(QList<qint64> values, int percent)
{
    std::sort(values.begin(), values.end());
    const qsizetype rank = std::max<qsizetype>(1, qsizetype(std::ceil(percent / 100.0 * double(values.size()))));
    return values[rank - 1];
}

QList<qint64> distribution(const QString &kind, qsizetype count)
{
    QRandomGenerator random(1234);
    QList<qint64> values;
    values.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        if (kind == QLatin1String("uniform")) {
            values.append(i + 1);
        } else if (kind == QLatin1String("log-uniform")) {
            // 1 µs .. 10 s, evenly spread over seven decades.
            values.append(qint64(std::pow(10.0, 3.0 + random.bounded(7.0))));
        } else if (kind == QLatin1String("bimodal")) {
            // Mostly cache hits around 50 µs, one run in ten a 200 ms scan.
            const bool miss = random.bounded(10) == 0;
            values.append(miss ? 200 * Ms + random.bounded(20 * Ms) : 50'000 + random.bounded(10'000));
        } else if (kind == QLatin1String("constant")) {
            values.append(123'456'789);
        } else if (kind == QLatin1String("huge")) {
            values.append(1'000'000'000'000 + qint64(random.bounded(1'000'000'000'000.0)));
        }
    }
    return values;
}

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

} // namespace

class TestQueryTracker : public QObject
{
    Q_OBJECT

private slots:
    void ratingName_data();
    void ratingName();

    void exactPercentiles_data();
    void exactPercentiles();
    void approximatePercentiles_data();
    void approximatePercentiles();
    void twoMillionRuns();
    void recordAfterSnapshot_data();
    void recordAfterSnapshot();

    void slowAndCritical_data();
    void slowAndCritical();
    void rate_data();
    void rate();
    void ratingInStats_data();
    void ratingInStats();

    void isRegression_data();
    void isRegression();
    void regressionInStats_data();
    void regressionInStats();
    void baselinesToSave_data();
    void baselinesToSave();

    void histograms_data();
    void histograms();
    void histogramBounds();

    void concurrentRecord();
    void scopedTimer();
    void snapshotSortedByName();
    void unknownName();
    void resetKeepsBaselines();
};

void TestQueryTracker::ratingName_data()
{
    QTest::addColumn<QueryRating>("rating");
    QTest::addColumn<QString>("name");

    QTest::newRow("excellent") << QueryRating::Excellent << QStringLiteral("EXCELLENT");
    QTest::newRow("good") << QueryRating::Good << QStringLiteral("GOOD");
    QTest::newRow("slow") << QueryRating::Slow << QStringLiteral("SLOW");
    QTest::newRow("critical") << QueryRating::Critical << QStringLiteral("CRITICAL");
}

void TestQueryTracker::ratingName()
{
    QFETCH(QueryRating, rating);
    QFETCH(QString, name);
    QCOMPARE(queryRatingName(rating), name);
}

void TestQueryTracker::exactPercentiles_data()
{
    QTest::addColumn<QList<qint64>>("values");
    QTest::addColumn<qint64>("p50");
    QTest::addColumn<qint64>("p95");
    QTest::addColumn<qint64>("p99");

    QTest::newRow("1..100") << range(1, 100) << qint64(50) << qint64(95) << qint64(99);
    QTest::newRow("1..100 shuffled") << shuffled(range(1, 100)) << qint64(50) << qint64(95) << qint64(99);
    QTest::newRow("single value") << QList<qint64>({ 42 }) << qint64(42) << qint64(42) << qint64(42);
    // Rank ceil(0.5 * 2) = 1 is the smaller; ceil(0.95 * 2) = 2 the larger.
    QTest::newRow("two values") << QList<qint64>({ 20, 10 }) << qint64(10) << qint64(20) << qint64(20);
    QTest::newRow("ten values") << shuffled({ 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }) << qint64(50) << qint64(100)
                                << qint64(100);
    QTest::newRow("duplicates") << QList<qint64>({ 5, 9, 5, 1, 5 }) << qint64(5) << qint64(9) << qint64(9);
    QTest::newRow("zero durations") << QList<qint64>({ 0, 0, 0 }) << qint64(0) << qint64(0) << qint64(0);
    // ceil(0.95 * 4096) = 3892, ceil(0.99 * 4096) = 4056.
    QTest::newRow("exactly ExactLimit") << shuffled(range(1, QueryTracker::ExactLimit)) << qint64(2048) << qint64(3892)
                                        << qint64(4056);
}

void TestQueryTracker::exactPercentiles()
{
    QFETCH(QList<qint64>, values);
    QFETCH(qint64, p50);
    QFETCH(qint64, p95);
    QFETCH(qint64, p99);

    QueryTracker tracker;
    for (const qint64 v : values)
        tracker.record(QStringLiteral("q"), v);
    const std::optional<QueryStats> stats = tracker.stats(QStringLiteral("q"));
    QVERIFY(stats);
    QCOMPARE(stats->name, QStringLiteral("q"));
    QCOMPARE(stats->count, values.size());
    QCOMPARE(stats->minNs, *std::min_element(values.cbegin(), values.cend()));
    QCOMPARE(stats->maxNs, *std::max_element(values.cbegin(), values.cend()));
    QCOMPARE(stats->totalNs, std::accumulate(values.cbegin(), values.cend(), qint64(0)));
    QCOMPARE(stats->p50Ns, p50);
    QCOMPARE(stats->p95Ns, p95);
    QCOMPARE(stats->p99Ns, p99);
}

void TestQueryTracker::approximatePercentiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qsizetype>("count");

    QTest::newRow("uniform 1..1,000,000 ns") << QStringLiteral("uniform") << qsizetype(1'000'000);
    QTest::newRow("one past ExactLimit") << QStringLiteral("uniform") << qsizetype(QueryTracker::ExactLimit + 1);
    QTest::newRow("log-uniform 1 us..10 s") << QStringLiteral("log-uniform") << qsizetype(200'000);
    QTest::newRow("bimodal hit/miss") << QStringLiteral("bimodal") << qsizetype(100'000);
    QTest::newRow("constant") << QStringLiteral("constant") << qsizetype(10'000);
    QTest::newRow("huge durations") << QStringLiteral("huge") << qsizetype(20'000);
}

// Beyond ExactLimit the percentiles come from the log-linear histogram: within 1 % of the exact nearest rank.
void TestQueryTracker::approximatePercentiles()
{
    QFETCH(QString, kind);
    QFETCH(qsizetype, count);

    const QList<qint64> values = distribution(kind, count);
    QueryTracker tracker;
    for (const qint64 v : values)
        tracker.record(QStringLiteral("q"), v);
    const std::optional<QueryStats> stats = tracker.stats(QStringLiteral("q"));
    QVERIFY(stats);
    QCOMPARE(stats->count, count);
    QCOMPARE(stats->minNs, *std::min_element(values.cbegin(), values.cend()));
    QCOMPARE(stats->maxNs, *std::max_element(values.cbegin(), values.cend()));
    QCOMPARE(stats->totalNs, std::accumulate(values.cbegin(), values.cend(), qint64(0)));

    const auto check = [&](const char *label, qint64 got, int percent) {
        const qint64 expected = nearestRank(values, percent);
        const double error = std::abs(double(got - expected)) / double(expected);
        QVERIFY2(error < 0.01,
                 qPrintable(QStringLiteral("%1: got %2, exact %3").arg(QLatin1String(label)).arg(got).arg(expected)));
    };
    check("p50", stats->p50Ns, 50);
    if (QTest::currentTestFailed())
        return;
    check("p95", stats->p95Ns, 95);
    if (QTest::currentTestFailed())
        return;
    check("p99", stats->p99Ns, 99);
    if (QTest::currentTestFailed())
        return;
    if (kind == QLatin1String("uniform") && count == 1'000'000) {
        QVERIFY(std::abs(stats->p50Ns - 500'000) < 5'000);
        QVERIFY(std::abs(stats->p95Ns - 950'000) < 9'500);
        QVERIFY(std::abs(stats->p99Ns - 990'000) < 9'900);
    }
    // Reported values never lie outside what was observed.
    QVERIFY(stats->p50Ns >= stats->minNs && stats->p99Ns <= stats->maxNs);
}

// A --watch process records every query for days: its memory must not grow with the number of runs.
void TestQueryTracker::twoMillionRuns()
{
    constexpr qint64 Runs = 2'000'000;
    QueryTracker tracker;
    // 1 µs, 2 µs, … 1 ms, each 2,000 times.
    const auto value = [](qint64 i) { return (i % 1000 + 1) * 1000; };
    tracker.record(QStringLiteral("q"), value(0));
    const qint64 before = residentBytes();
    qint64 total = value(0);
    for (qint64 i = 1; i < Runs; ++i) {
        tracker.record(QStringLiteral("q"), value(i));
        total += value(i);
    }
    const qint64 after = residentBytes();

    const std::optional<QueryStats> stats = tracker.stats(QStringLiteral("q"));
    QVERIFY(stats);
    QCOMPARE(stats->count, Runs);
    QCOMPARE(stats->totalNs, total);
    QCOMPARE(stats->minNs, 1000);
    QCOMPARE(stats->maxNs, 1'000'000);
    QVERIFY2(std::abs(stats->p50Ns - 500'000) < 5'000, qPrintable(QString::number(stats->p50Ns)));
    QVERIFY2(std::abs(stats->p95Ns - 950'000) < 9'500, qPrintable(QString::number(stats->p95Ns)));
    QVERIFY2(std::abs(stats->p99Ns - 990'000) < 9'900, qPrintable(QString::number(stats->p99Ns)));
    QCOMPARE(tracker.histograms().value(QStringLiteral("q")).count, Runs);

    if (before < 0 || after < 0)
        QSKIP("no /proc/self/status: memory not checked");
    // Keeping every duration would take 16 MB here; the histogram takes a few kB.
    QVERIFY2(after - before < 4 * 1024 * 1024, qPrintable(QStringLiteral("grew by %1 bytes").arg(after - before)));
}

void TestQueryTracker::recordAfterSnapshot_data()
{
    QTest::addColumn<qint64>("runs");

    QTest::newRow("exact") << qint64(100);
    QTest::newRow("histogram") << qint64(10'000);
}

// A snapshot taken in the middle (the /metrics scrape) neither loses runs recorded after it nor sees them.
void TestQueryTracker::recordAfterSnapshot()
{
    QFETCH(qint64, runs);
    QueryTracker tracker;
    for (qint64 i = 1; i <= runs / 2; ++i)
        tracker.record(QStringLiteral("q"), i * 1000);
    const QList<QueryStats> early = tracker.snapshot();
    for (qint64 i = runs / 2 + 1; i <= runs; ++i)
        tracker.record(QStringLiteral("q"), i * 1000);

    QCOMPARE(early.size(), 1);
    QCOMPARE(early.first().count, runs / 2);
    QCOMPARE(early.first().maxNs, runs / 2 * 1000);
    const std::optional<QueryStats> late = tracker.stats(QStringLiteral("q"));
    QVERIFY(late);
    QCOMPARE(late->count, runs);
    QCOMPARE(late->maxNs, runs * 1000);
    QVERIFY(std::abs(late->p50Ns - runs / 2 * 1000) <= runs / 2 * 10);
}

void TestQueryTracker::slowAndCritical_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<qint64>("slow");
    QTest::addColumn<qint64>("critical");

    const QueryThresholds t;
    QTest::newRow("zero") << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("exactly slow") << t.slowNs << qint64(0) << qint64(0);
    QTest::newRow("1 ns above slow") << t.slowNs + 1 << qint64(1) << qint64(0);
    QTest::newRow("exactly critical") << t.criticalNs << qint64(1) << qint64(0);
    QTest::newRow("1 ns above critical") << t.criticalNs + 1 << qint64(1) << qint64(1);
    QTest::newRow("a minute") << 60'000 * Ms << qint64(1) << qint64(1);
}

void TestQueryTracker::slowAndCritical()
{
    QFETCH(qint64, ns);
    QFETCH(qint64, slow);
    QFETCH(qint64, critical);

    QueryTracker tracker;
    tracker.record(QStringLiteral("q"), ns);
    const std::optional<QueryStats> stats = tracker.stats(QStringLiteral("q"));
    QVERIFY(stats);
    QCOMPARE(stats->slow, slow);
    QCOMPARE(stats->critical, critical);
}

void TestQueryTracker::rate_data()
{
    QTest::addColumn<QueryThresholds>("thresholds");
    QTest::addColumn<qint64>("p95");
    QTest::addColumn<QueryRating>("rating");

    const QueryThresholds d;
    QTest::newRow("zero") << d << qint64(0) << QueryRating::Excellent;
    QTest::newRow("1 ns below excellent") << d << d.excellentNs - 1 << QueryRating::Excellent;
    QTest::newRow("exactly excellent") << d << d.excellentNs << QueryRating::Good;
    QTest::newRow("exactly slow") << d << d.slowNs << QueryRating::Good;
    QTest::newRow("1 ns above slow") << d << d.slowNs + 1 << QueryRating::Slow;
    QTest::newRow("exactly critical") << d << d.criticalNs << QueryRating::Slow;
    QTest::newRow("1 ns above critical") << d << d.criticalNs + 1 << QueryRating::Critical;

    QueryThresholds custom;
    custom.excellentNs = 1 * Ms;
    custom.slowNs = 5 * Ms;
    custom.criticalNs = 20 * Ms;
    QTest::newRow("custom: below excellent") << custom << custom.excellentNs - 1 << QueryRating::Excellent;
    QTest::newRow("custom: exactly excellent") << custom << custom.excellentNs << QueryRating::Good;
    QTest::newRow("custom: exactly slow") << custom << custom.slowNs << QueryRating::Good;
    QTest::newRow("custom: above slow") << custom << custom.slowNs + 1 << QueryRating::Slow;
    QTest::newRow("custom: exactly critical") << custom << custom.criticalNs << QueryRating::Slow;
    QTest::newRow("custom: above critical") << custom << custom.criticalNs + 1 << QueryRating::Critical;
}

void TestQueryTracker::rate()
{
    QFETCH(QueryThresholds, thresholds);
    QFETCH(qint64, p95);
    QFETCH(QueryRating, rating);
    QCOMPARE(QueryTracker::rate(p95, thresholds), rating);
}

void TestQueryTracker::ratingInStats_data()
{
    QTest::addColumn<qint64>("fastRuns");
    QTest::addColumn<qint64>("slowRuns");
    QTest::addColumn<QueryRating>("rating");

    // Of 100 runs the 95th decides: five slow runs are only P96..P100, six reach P95.
    QTest::newRow("five slow of 100") << qint64(95) << qint64(5) << QueryRating::Excellent;
    QTest::newRow("six slow of 100") << qint64(94) << qint64(6) << QueryRating::Slow;
    QTest::newRow("all slow") << qint64(0) << qint64(10) << QueryRating::Slow;
}

void TestQueryTracker::ratingInStats()
{
    QFETCH(qint64, fastRuns);
    QFETCH(qint64, slowRuns);
    QFETCH(QueryRating, rating);

    QueryTracker tracker;
    const qint64 slowNs = tracker.thresholds().slowNs + 1;
    for (qint64 i = 0; i < fastRuns; ++i)
        tracker.record(QStringLiteral("q"), 1 * Ms);
    for (qint64 i = 0; i < slowRuns; ++i)
        tracker.record(QStringLiteral("q"), slowNs);
    const std::optional<QueryStats> stats = tracker.stats(QStringLiteral("q"));
    QVERIFY(stats);
    QCOMPARE(stats->rating, rating);
    QCOMPARE(stats->slow, slowRuns);
}

void TestQueryTracker::isRegression_data()
{
    QTest::addColumn<qint64>("p50");
    QTest::addColumn<qint64>("baseline"); // -1: none
    QTest::addColumn<qint64>("count");
    QTest::addColumn<bool>("regression");

    QTest::newRow("no baseline") << qint64(10'000) << qint64(-1) << qint64(100) << false;
    QTest::newRow("zero baseline") << qint64(10'000) << qint64(0) << qint64(100) << false;
    QTest::newRow("below min count") << qint64(2'000) << qint64(1'000) << qint64(19) << false;
    QTest::newRow("at min count") << qint64(2'000) << qint64(1'000) << qint64(20) << true;
    QTest::newRow("1.99x") << qint64(1'990) << qint64(1'000) << qint64(100) << false;
    QTest::newRow("1 ns short of 2x") << qint64(1'999) << qint64(1'000) << qint64(100) << false;
    QTest::newRow("exactly 2x") << qint64(2'000) << qint64(1'000) << qint64(100) << true;
    QTest::newRow("3x") << qint64(3'000) << qint64(1'000) << qint64(100) << true;
    QTest::newRow("faster") << qint64(500) << qint64(1'000) << qint64(100) << false;
}

void TestQueryTracker::isRegression()
{
    QFETCH(qint64, p50);
    QFETCH(qint64, baseline);
    QFETCH(qint64, count);
    QFETCH(bool, regression);

    const std::optional<qint64> b = baseline < 0 ? std::nullopt : std::optional<qint64>(baseline);
    QCOMPARE(QueryTracker::isRegression(p50, b, count, QueryThresholds()), regression);
}

void TestQueryTracker::regressionInStats_data()
{
    QTest::addColumn<qint64>("runs");
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<qint64>("baseline"); // -1: none
    QTest::addColumn<bool>("regression");

    QTest::newRow("19 runs at 2x") << qint64(19) << qint64(2 * Ms) << qint64(Ms) << false;
    QTest::newRow("20 runs at 2x") << qint64(20) << qint64(2 * Ms) << qint64(Ms) << true;
    QTest::newRow("20 runs at 1.99x") << qint64(20) << qint64(1'990'000) << qint64(Ms) << false;
    QTest::newRow("no baseline") << qint64(50) << qint64(5 * Ms) << qint64(-1) << false;
}

void TestQueryTracker::regressionInStats()
{
    QFETCH(qint64, runs);
    QFETCH(qint64, ns);
    QFETCH(qint64, baseline);
    QFETCH(bool, regression);

    QueryTracker tracker;
    if (baseline >= 0)
        tracker.setBaselines({ { QStringLiteral("q"), baseline } });
    for (qint64 i = 0; i < runs; ++i)
        tracker.record(QStringLiteral("q"), ns);
    const QList<QueryStats> snapshot = tracker.snapshot();
    QCOMPARE(snapshot.size(), 1);
    QCOMPARE(snapshot.first().regression, regression);
    QCOMPARE(snapshot.first().baselineP50Ns.has_value(), baseline >= 0);
    if (baseline >= 0)
        QCOMPARE(*snapshot.first().baselineP50Ns, baseline);
}

void TestQueryTracker::baselinesToSave_data()
{
    QTest::addColumn<qint64>("baseline"); // -1: none
    QTest::addColumn<qint64>("runs");
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<bool>("saved");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("first baseline is the P50") << qint64(-1) << qint64(20) << qint64(500) << true << qint64(500);
    QTest::newRow("moves a fifth up") << qint64(1'000) << qint64(20) << qint64(2'000) << true << qint64(1'200);
    QTest::newRow("moves a fifth down") << qint64(1'000) << qint64(50) << qint64(500) << true << qint64(900);
    QTest::newRow("rounds to nearest") << qint64(1'000) << qint64(20) << qint64(1'003) << true << qint64(1'001);
    QTest::newRow("too few runs keep the old") << qint64(1'000) << qint64(19) << qint64(5'000) << true << qint64(1'000);
    QTest::newRow("too few runs and no baseline") << qint64(-1) << qint64(19) << qint64(500) << false << qint64(0);
}

void TestQueryTracker::baselinesToSave()
{
    QFETCH(qint64, baseline);
    QFETCH(qint64, runs);
    QFETCH(qint64, ns);
    QFETCH(bool, saved);
    QFETCH(qint64, expected);

    QueryTracker tracker;
    QHash<QString, qint64> loaded { { QStringLiteral("not run"), 777 } };
    if (baseline >= 0)
        loaded.insert(QStringLiteral("q"), baseline);
    tracker.setBaselines(loaded);
    QCOMPARE(tracker.baselines(), loaded);
    for (qint64 i = 0; i < runs; ++i)
        tracker.record(QStringLiteral("q"), ns);

    const QHash<QString, qint64> toSave = tracker.baselinesToSave();
    QCOMPARE(toSave.value(QStringLiteral("not run"), -1), 777);
    QCOMPARE(toSave.contains(QStringLiteral("q")), saved);
    if (saved)
        QCOMPARE(toSave.value(QStringLiteral("q")), expected);
    QCOMPARE(toSave.size(), saved ? 2 : 1);
    // Saving does not change the baselines this session compares against.
    QCOMPARE(tracker.baselines(), loaded);
}

void TestQueryTracker::histograms_data()
{
    QTest::addColumn<QList<qint64>>("durations");
    QTest::addColumn<QList<qint64>>("cumulative");

    // Bounds: 0.1 0.25 0.5 1 2.5 5 10 25 50 100 250 500 ms, 1 2.5 5 10 s.
    QTest::newRow("edges") << QList<qint64>({ 100'000, 100'001, 1'000'000'000, 10'000'000'001 })
                           << QList<qint64>({ 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3 });
    QTest::newRow("zero") << QList<qint64>({ 0 }) << QList<qint64>(16, 1);
    QTest::newRow("only +Inf") << QList<qint64>({ 11'000 * Ms, 60'000 * Ms }) << QList<qint64>(16, 0);
    QTest::newRow("one per bucket") << QList<qint64>({ 100'000, 250'000, 500'000, 1 * Ms, 2'500'000, 5 * Ms, 10 * Ms,
                                                       25 * Ms, 50 * Ms, 100 * Ms, 250 * Ms, 500 * Ms, 1'000 * Ms,
                                                       2'500 * Ms, 5'000 * Ms, 10'000 * Ms, 10'000 * Ms + 1 })
                                    << QList<qint64>({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
}

void TestQueryTracker::histograms()
{
    QFETCH(QList<qint64>, durations);
    QFETCH(QList<qint64>, cumulative);

    QueryTracker tracker;
    for (const qint64 ns : durations)
        tracker.record(QStringLiteral("q"), ns);
    const QHash<QString, QueryHistogram> all = tracker.histograms();
    QCOMPARE(all.size(), 1);
    const QueryHistogram h = all.value(QStringLiteral("q"));
    QCOMPARE(h.cumulative, cumulative);
    QCOMPARE(h.count, durations.size());
    const qint64 total = std::accumulate(durations.cbegin(), durations.cend(), qint64(0));
    QCOMPARE(h.sumSeconds, double(total) / 1e9);
}

void TestQueryTracker::histogramBounds()
{
    const QList<double> expected
        = { 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
    QCOMPARE(QueryTracker::histogramBoundsSeconds(), expected);
}

// The Repository records from its pool threads while the UI and /metrics take snapshots.
void TestQueryTracker::concurrentRecord()
{
    constexpr int Tasks = 6;
    constexpr qint64 RunsPerTask = 30'000;
    QueryTracker tracker;
    QList<QFuture<void>> futures;
    for (int task = 0; task < Tasks; ++task) {
        futures.append(QtConcurrent::run([&tracker, task] {
            const QString name = task % 2 ? QStringLiteral("odd") : QStringLiteral("even");
            for (qint64 i = 1; i <= RunsPerTask; ++i) {
                tracker.record(name, i);
                tracker.record(QStringLiteral("all"), i);
            }
        }));
    }
    qint64 lastSeen = 0;
    const auto allFinished = [&] {
        return std::all_of(futures.cbegin(), futures.cend(), [](const QFuture<void> &f) { return f.isFinished(); });
    };
    while (!allFinished()) {
        for (const QueryStats &s : tracker.snapshot()) {
            if (s.name == QLatin1String("all")) {
                QVERIFY(s.count >= lastSeen);
                lastSeen = s.count;
            }
        }
        QTest::qWait(1);
    }
    for (QFuture<void> &f : futures)
        f.waitForFinished();

    const qint64 perTaskTotal = RunsPerTask * (RunsPerTask + 1) / 2;
    const QList<QueryStats> snapshot = tracker.snapshot();
    QCOMPARE(snapshot.size(), 3);
    for (const QueryStats &s : snapshot) {
        const qint64 tasks = s.name == QLatin1String("all") ? Tasks : Tasks / 2;
        QCOMPARE(s.count, tasks * RunsPerTask);
        QCOMPARE(s.totalNs, tasks * perTaskTotal);
        QCOMPARE(s.minNs, 1);
        QCOMPARE(s.maxNs, RunsPerTask);
        QVERIFY(std::abs(s.p50Ns - RunsPerTask / 2) <= RunsPerTask / 100);
    }
    const QHash<QString, QueryHistogram> histograms = tracker.histograms();
    QCOMPARE(histograms.value(QStringLiteral("all")).count, Tasks * RunsPerTask);
}

void TestQueryTracker::scopedTimer()
{
    QueryTracker tracker;
    {
        ScopedQueryTimer timer(&tracker, QStringLiteral("fleet.load"));
        QCOMPARE(tracker.snapshot().size(), 0);
    }
    const QList<QueryStats> snapshot = tracker.snapshot();
    QCOMPARE(snapshot.size(), 1);
    QCOMPARE(snapshot.first().name, QStringLiteral("fleet.load"));
    QCOMPARE(snapshot.first().count, 1);
    QVERIFY(snapshot.first().minNs >= 0);

    // Without a tracker nothing is recorded and nothing breaks.
    {
        ScopedQueryTimer timer(nullptr, QStringLiteral("nowhere"));
    }
    QCOMPARE(tracker.snapshot().size(), 1);
}

void TestQueryTracker::snapshotSortedByName()
{
    QueryTracker tracker;
    for (const char *name : { "zeta", "alpha", "mid", "beta" })
        tracker.record(QLatin1String(name), 1000);
    QStringList names;
    for (const QueryStats &s : tracker.snapshot())
        names.append(s.name);
    QCOMPARE(names,
             QStringList(
                 { QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("mid"), QStringLiteral("zeta") }));
}

void TestQueryTracker::unknownName()
{
    QueryTracker tracker;
    QVERIFY(!tracker.stats(QStringLiteral("never")).has_value());
    QVERIFY(tracker.snapshot().isEmpty());
    QVERIFY(tracker.histograms().isEmpty());
    QVERIFY(tracker.baselinesToSave().isEmpty());
}

void TestQueryTracker::resetKeepsBaselines()
{
    QueryThresholds thresholds;
    thresholds.slowNs = 7 * Ms;
    QueryTracker tracker(thresholds);
    tracker.setBaselines({ { QStringLiteral("q"), 1000 } });
    tracker.record(QStringLiteral("q"), 2000);
    tracker.reset();
    QVERIFY(tracker.snapshot().isEmpty());
    QVERIFY(tracker.histograms().isEmpty());
    QCOMPARE(tracker.baselines().value(QStringLiteral("q")), 1000);
    QCOMPARE(tracker.thresholds().slowNs, 7 * Ms);

    tracker.record(QStringLiteral("q"), 3000);
    const std::optional<QueryStats> stats = tracker.stats(QStringLiteral("q"));
    QVERIFY(stats);
    QCOMPARE(stats->count, 1);
    QCOMPARE(stats->minNs, 3000);
}

QTEST_GUILESS_MAIN(TestQueryTracker)
#include "tst_querytracker.moc"
