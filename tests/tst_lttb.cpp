#include "query/lttb.h"

#include <QRandomGenerator>
#include <QTest>
#include <cmath>
#include <vector>

namespace {

struct Series
{
    std::vector<qint64> x;
    std::vector<double> y;
};

// Evenly spaced timestamps (one a minute from an epoch-ms start, as the store keeps them) and a wavy value
// with noise, so every bucket has a clear winner.
Series wave(qsizetype n)
{
    Series s;
    s.x.resize(size_t(n));
    s.y.resize(size_t(n));
    QRandomGenerator random(7);
    for (qsizetype i = 0; i < n; ++i) {
        s.x[size_t(i)] = 1'790'000'000'000 + i * 60'000;
        s.y[size_t(i)] = 50 + 40 * std::sin(double(i) / 50.0) + random.bounded(5.0);
    }
    return s;
}

QList<qsizetype> indices(const std::vector<Lttb::Pick> &picks)
{
    QList<qsizetype> result;
    for (const Lttb::Pick &p : picks)
        result.append(p.index);
    return result;
}

} // namespace

class TestLttb : public QObject
{
    Q_OBJECT

private slots:
    void keepsEverything_data();
    void keepsEverything();
    void outputSize_data();
    void outputSize();
    void bucketsCoverInput_data();
    void bucketsCoverInput();
    void handComputed_data();
    void handComputed();
    void keepsSpike_data();
    void keepsSpike();
    void millionPoints();
    void emptyInput();
};

void TestLttb::keepsEverything_data()
{
    QTest::addColumn<qsizetype>("n");
    QTest::addColumn<qsizetype>("threshold");

    QTest::newRow("n below threshold") << qsizetype(5) << qsizetype(10);
    QTest::newRow("n equal to threshold") << qsizetype(10) << qsizetype(10);
    QTest::newRow("single point") << qsizetype(1) << qsizetype(3);
    QTest::newRow("two points") << qsizetype(2) << qsizetype(100);
    QTest::newRow("threshold 2") << qsizetype(100) << qsizetype(2);
    QTest::newRow("threshold 1") << qsizetype(100) << qsizetype(1);
    QTest::newRow("threshold 0") << qsizetype(100) << qsizetype(0);
    QTest::newRow("negative threshold") << qsizetype(100) << qsizetype(-5);
}

void TestLttb::keepsEverything()
{
    QFETCH(qsizetype, n);
    QFETCH(qsizetype, threshold);
    const Series s = wave(n);
    const std::vector<Lttb::Pick> picks = Lttb::downsample(s.x.data(), s.y.data(), n, threshold);
    QCOMPARE(qsizetype(picks.size()), n);
    for (qsizetype i = 0; i < n; ++i) {
        QCOMPARE(picks[size_t(i)].index, i);
        QCOMPARE(picks[size_t(i)].first, i);
        QCOMPARE(picks[size_t(i)].last, i);
    }
}

void TestLttb::outputSize_data()
{
    QTest::addColumn<qsizetype>("n");
    QTest::addColumn<qsizetype>("threshold");

    QTest::newRow("smallest threshold") << qsizetype(100) << qsizetype(3);
    QTest::newRow("one more than threshold") << qsizetype(11) << qsizetype(10);
    QTest::newRow("even split") << qsizetype(1002) << qsizetype(102);
    QTest::newRow("uneven split") << qsizetype(1000) << qsizetype(7);
    QTest::newRow("chart width") << qsizetype(100'000) << qsizetype(1'500);
}

void TestLttb::outputSize()
{
    QFETCH(qsizetype, n);
    QFETCH(qsizetype, threshold);
    const Series s = wave(n);
    const std::vector<Lttb::Pick> picks = Lttb::downsample(s.x.data(), s.y.data(), n, threshold);
    QCOMPARE(qsizetype(picks.size()), threshold);
    QCOMPARE(picks.front().index, 0);
    QCOMPARE(picks.back().index, n - 1);
    for (size_t i = 1; i < picks.size(); ++i)
        QVERIFY2(picks[i].index > picks[i - 1].index, qPrintable(QStringLiteral("pick %1 not ascending").arg(i)));
}

void TestLttb::bucketsCoverInput_data()
{
    outputSize_data();
}

// A click on any kept point shows the raw samples behind it: together the buckets are the whole input, once.
void TestLttb::bucketsCoverInput()
{
    QFETCH(qsizetype, n);
    QFETCH(qsizetype, threshold);
    const Series s = wave(n);
    const std::vector<Lttb::Pick> picks = Lttb::downsample(s.x.data(), s.y.data(), n, threshold);
    QCOMPARE(picks.front().first, 0);
    QCOMPARE(picks.front().last, 0);
    QCOMPARE(picks.back().first, n - 1);
    QCOMPARE(picks.back().last, n - 1);
    qsizetype smallest = n;
    qsizetype largest = 0;
    for (size_t i = 0; i < picks.size(); ++i) {
        const Lttb::Pick &p = picks[i];
        QVERIFY(p.first <= p.index);
        QVERIFY(p.index <= p.last);
        if (i > 0)
            QCOMPARE(p.first, picks[i - 1].last + 1);
        if (i > 0 && i + 1 < picks.size()) {
            smallest = std::min(smallest, p.last - p.first + 1);
            largest = std::max(largest, p.last - p.first + 1);
        }
    }
    // Middle buckets hold (nearly) the same number of points.
    QVERIFY2(largest - smallest <= 1, qPrintable(QStringLiteral("bucket sizes %1..%2").arg(smallest).arg(largest)));
}

void TestLttb::handComputed_data()
{
    QTest::addColumn<qint64>("xOffset");
    QTest::addColumn<qint64>("xStep");

    QTest::newRow("small x") << qint64(0) << qint64(1);
    // The same shape at epoch-millisecond timestamps must pick the same points.
    QTest::newRow("epoch ms") << qint64(1'790'000'000'000) << qint64(60'000);
}

// 10 points into 4: buckets {0}, {1..4}, {5..8}, {9}. With x = 0..9 (scaled in the second row) and
//   y = 0 1 5 2 0 | 0 -3 1 0 | 0
// bucket 1 looks from (0, 0) towards the average of bucket 2, (6.5, -0.5); twice the triangle areas are
//   |bx * -0.5 - 6.5 * by| = 7, 33.5, 14.5, 2 for indices 1..4: index 2 wins.
// bucket 2 looks from (2, 5) towards the last point (9, 0), relative (7, -5):
//   |dx * -5 - 7 * dy| = 20, 36, 3, 5 for indices 5..8: index 6 wins.
void TestLttb::handComputed()
{
    QFETCH(qint64, xOffset);
    QFETCH(qint64, xStep);
    std::vector<qint64> x;
    for (qint64 i = 0; i < 10; ++i)
        x.push_back(xOffset + i * xStep);
    const std::vector<double> y = { 0, 1, 5, 2, 0, 0, -3, 1, 0, 0 };

    const std::vector<Lttb::Pick> picks = Lttb::downsample(x.data(), y.data(), 10, 4);
    QCOMPARE(indices(picks), QList<qsizetype>({ 0, 2, 6, 9 }));
    QCOMPARE(picks[1].first, 1);
    QCOMPARE(picks[1].last, 4);
    QCOMPARE(picks[2].first, 5);
    QCOMPARE(picks[2].last, 8);
}

void TestLttb::keepsSpike_data()
{
    QTest::addColumn<qsizetype>("n");
    QTest::addColumn<qsizetype>("threshold");
    QTest::addColumn<qsizetype>("at");
    QTest::addColumn<double>("value");

    QTest::newRow("spike up") << qsizetype(10'000) << qsizetype(100) << qsizetype(4'321) << 1000.0;
    QTest::newRow("dip down") << qsizetype(10'000) << qsizetype(100) << qsizetype(777) << -50.0;
    QTest::newRow("near the end") << qsizetype(10'000) << qsizetype(100) << qsizetype(9'997) << 3.0;
    QTest::newRow("right after the first") << qsizetype(10'000) << qsizetype(100) << qsizetype(1) << 3.0;
    QTest::newRow("few buckets") << qsizetype(100'000) << qsizetype(5) << qsizetype(60'000) << 99.0;
}

// A one-sample CPU spike in an otherwise flat hour must survive downsampling: that is why LTTB is used.
void TestLttb::keepsSpike()
{
    QFETCH(qsizetype, n);
    QFETCH(qsizetype, threshold);
    QFETCH(qsizetype, at);
    QFETCH(double, value);
    std::vector<qint64> x(static_cast<size_t>(n));
    std::vector<double> y(size_t(n), 1.0);
    for (qsizetype i = 0; i < n; ++i)
        x[size_t(i)] = 1'790'000'000 + i * 15;
    y[size_t(at)] = value;

    const std::vector<Lttb::Pick> picks = Lttb::downsample(x.data(), y.data(), n, threshold);
    QVERIFY2(indices(picks).contains(at), qPrintable(QStringLiteral("spike at %1 dropped").arg(at)));
}

void TestLttb::millionPoints()
{
    constexpr qsizetype N = 1'000'000;
    constexpr qsizetype Threshold = 2'000;
    const Series s = wave(N);
    const std::vector<Lttb::Pick> picks = Lttb::downsample(s.x.data(), s.y.data(), N, Threshold);
    QCOMPARE(qsizetype(picks.size()), Threshold);
    QCOMPARE(picks.front().index, 0);
    QCOMPARE(picks.back().index, N - 1);
    qsizetype covered = 0;
    for (size_t i = 0; i < picks.size(); ++i) {
        if (i > 0)
            QVERIFY(picks[i].index > picks[i - 1].index);
        covered += picks[i].last - picks[i].first + 1;
    }
    QCOMPARE(covered, N);
}

void TestLttb::emptyInput()
{
    QVERIFY(Lttb::downsample(nullptr, nullptr, 0, 100).empty());
    const qint64 x = 1;
    const double y = 2;
    QVERIFY(Lttb::downsample(&x, &y, 0, 100).empty());
}

QTEST_GUILESS_MAIN(TestLttb)
#include "tst_lttb.moc"
