#include "querytracker.h"

#include <QMutexLocker>
#include <QtAlgorithms>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace {

// The fixed upper bounds of the /metrics histogram, in ns so that record() compares integers.
constexpr std::array<qint64, 16> BoundsNs = { 100'000,       250'000,       500'000,       1'000'000,
                                              2'500'000,     5'000'000,     10'000'000,    25'000'000,
                                              50'000'000,    100'000'000,   250'000'000,   500'000'000,
                                              1'000'000'000, 2'500'000'000, 5'000'000'000, 10'000'000'000 };
constexpr size_t BucketCount = BoundsNs.size() + 1; // + Inf

// Log-linear layout beyond ExactLimit: every power-of-two range [2^k, 2^(k+1)) is split into 2^SubBits equal
// sub-buckets, so a bucket is at most 1/128 of the values in it wide and its midpoint is within 1/256 (0.4 %) of
// any of them. Values below 2 * SubCount get a bucket each (exact). The index grows with the value, so the
// vector only reaches as far as the largest duration seen: at most 57 * 128 counters for the whole qint64 range.
constexpr int SubBits = 7;
constexpr qint64 SubCount = qint64(1) << SubBits;

size_t logLinearIndex(qint64 ns)
{
    if (ns < 2 * SubCount)
        return size_t(ns);
    const int top = 63 - int(qCountLeadingZeroBits(quint64(ns)));
    const int shift = top - SubBits;
    return size_t((shift + 1) * SubCount + ((ns >> shift) - SubCount));
}

// The midpoint of the values that land in bucket `index`.
qint64 logLinearValue(size_t index)
{
    if (index < size_t(2 * SubCount))
        return qint64(index);
    const int shift = int(index / SubCount) - 1;
    const qint64 lower = (SubCount + qint64(index % SubCount)) << shift;
    const qint64 width = qint64(1) << shift;
    return lower + (width - 1) / 2;
}

size_t boundIndex(qint64 ns)
{
    return size_t(std::lower_bound(BoundsNs.cbegin(), BoundsNs.cend(), ns) - BoundsNs.cbegin());
}

// Nearest rank: the p-th percentile of n sorted values is the one at 1-based rank ceil(p / 100 * n).
qint64 nearestRank(int percent, qint64 n)
{
    return std::max<qint64>(1, (percent * n + 99) / 100);
}

struct Percentiles
{
    qint64 p50 = 0;
    qint64 p95 = 0;
    qint64 p99 = 0;
};

} // namespace

struct QueryTracker::Series
{
    qint64 count = 0;
    qint64 totalNs = 0;
    qint64 minNs = 0;
    qint64 maxNs = 0;
    qint64 slow = 0;
    qint64 critical = 0;
    std::array<qint64, BucketCount> buckets {}; // not cumulative; the last one is +Inf
    std::vector<qint64> exact; // every duration while count <= ExactLimit
    std::vector<qint64> logLinear; // counts per log-linear bucket once count > ExactLimit
    // Set while a snapshot may be reading this series outside the lock: record() then writes to a copy instead.
    bool frozen = false;

    void add(qint64 ns, const QueryThresholds &thresholds)
    {
        minNs = count == 0 ? ns : std::min(minNs, ns);
        maxNs = count == 0 ? ns : std::max(maxNs, ns);
        ++count;
        // Saturate rather than wrap: only absurd durations get there, and a wrapped total would turn negative.
        totalNs = ns > std::numeric_limits<qint64>::max() - totalNs ? std::numeric_limits<qint64>::max() : totalNs + ns;
        if (ns > thresholds.slowNs)
            ++slow;
        if (ns > thresholds.criticalNs)
            ++critical;
        ++buckets[boundIndex(ns)];

        if (count <= ExactLimit) {
            exact.push_back(ns);
            return;
        }
        if (count == ExactLimit + 1) {
            logLinear.assign(logLinearIndex(maxNs) + 1, 0);
            for (const qint64 value : exact)
                ++logLinear[logLinearIndex(value)];
            // Release the buffer, not just empty it: this is what keeps a long-running series small.
            std::vector<qint64>().swap(exact);
        }
        const size_t index = logLinearIndex(ns);
        if (index >= logLinear.size())
            logLinear.resize(index + 1, 0);
        ++logLinear[index];
    }

    Percentiles percentiles() const
    {
        Percentiles result;
        if (count == 0)
            return result;
        const qint64 r50 = nearestRank(50, count);
        const qint64 r95 = nearestRank(95, count);
        const qint64 r99 = nearestRank(99, count);
        if (!exact.empty()) {
            std::vector<qint64> sorted = exact;
            std::sort(sorted.begin(), sorted.end());
            result.p50 = sorted[size_t(r50 - 1)];
            result.p95 = sorted[size_t(r95 - 1)];
            result.p99 = sorted[size_t(r99 - 1)];
            return result;
        }
        // The midpoint may lie outside what was observed at the ends of the distribution; never report that.
        const auto value = [this](size_t index) { return std::clamp(logLinearValue(index), minNs, maxNs); };
        qint64 seen = 0;
        bool found50 = false;
        bool found95 = false;
        for (size_t i = 0; i < logLinear.size(); ++i) {
            if (logLinear[i] == 0)
                continue;
            seen += logLinear[i];
            if (!found50 && seen >= r50) {
                result.p50 = value(i);
                found50 = true;
            }
            if (!found95 && seen >= r95) {
                result.p95 = value(i);
                found95 = true;
            }
            if (seen >= r99) {
                result.p99 = value(i);
                break;
            }
        }
        return result;
    }

    QueryStats stats(const QString &name, const QueryThresholds &thresholds, std::optional<qint64> baseline) const
    {
        const Percentiles p = percentiles();
        QueryStats s;
        s.name = name;
        s.count = count;
        s.totalNs = totalNs;
        s.minNs = minNs;
        s.maxNs = maxNs;
        s.p50Ns = p.p50;
        s.p95Ns = p.p95;
        s.p99Ns = p.p99;
        s.slow = slow;
        s.critical = critical;
        s.rating = QueryTracker::rate(p.p95, thresholds);
        s.baselineP50Ns = baseline;
        s.regression = QueryTracker::isRegression(p.p50, baseline, count, thresholds);
        return s;
    }
};

QString queryRatingName(QueryRating rating)
{
    switch (rating) {
    case QueryRating::Excellent:
        return QStringLiteral("EXCELLENT");
    case QueryRating::Good:
        return QStringLiteral("GOOD");
    case QueryRating::Slow:
        return QStringLiteral("SLOW");
    case QueryRating::Critical:
        return QStringLiteral("CRITICAL");
    }
    return QString();
}

QueryTracker::QueryTracker(QueryThresholds thresholds)
    : m_thresholds(thresholds)
{ }

QueryTracker::~QueryTracker() = default;

QueryThresholds QueryTracker::thresholds() const
{
    QMutexLocker locker(&m_mutex);
    return m_thresholds;
}

void QueryTracker::setThresholds(const QueryThresholds &thresholds)
{
    QMutexLocker locker(&m_mutex);
    m_thresholds = thresholds;
}

void QueryTracker::record(const QString &name, qint64 ns)
{
    ns = std::max<qint64>(ns, 0);
    QMutexLocker locker(&m_mutex);
    auto it = m_series.find(name);
    if (it == m_series.end()) {
        it = m_series.insert(name, std::make_shared<Series>());
    } else if (it.value()->frozen) {
        // A snapshot is (or was) reading this one without the lock; it keeps the old copy until it is done.
        auto copy = std::make_shared<Series>(*it.value());
        copy->frozen = false;
        it.value() = std::move(copy);
    }
    it.value()->add(ns, m_thresholds);
}

QList<QueryStats> QueryTracker::snapshot() const
{
    // Under the lock only pointers are copied; percentiles (a sort per series) are computed after it is released.
    std::vector<std::pair<QString, std::shared_ptr<const Series>>> series;
    QueryThresholds thresholds;
    QHash<QString, qint64> baselines;
    {
        QMutexLocker locker(&m_mutex);
        series.reserve(size_t(m_series.size()));
        for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
            it.value()->frozen = true;
            series.emplace_back(it.key(), it.value());
        }
        thresholds = m_thresholds;
        baselines = m_baselines;
    }
    std::sort(series.begin(), series.end(), [](const auto &a, const auto &b) { return a.first < b.first; });

    QList<QueryStats> result;
    result.reserve(qsizetype(series.size()));
    for (const auto &[name, s] : series) {
        std::optional<qint64> baseline;
        if (const auto it = baselines.constFind(name); it != baselines.cend())
            baseline = *it;
        result.append(s->stats(name, thresholds, baseline));
    }
    return result;
}

std::optional<QueryStats> QueryTracker::stats(const QString &name) const
{
    std::shared_ptr<const Series> series;
    QueryThresholds thresholds;
    std::optional<qint64> baseline;
    {
        QMutexLocker locker(&m_mutex);
        const auto it = m_series.constFind(name);
        if (it == m_series.cend())
            return std::nullopt;
        it.value()->frozen = true;
        series = it.value();
        thresholds = m_thresholds;
        const auto b = m_baselines.constFind(name);
        if (b != m_baselines.cend())
            baseline = *b;
    }
    return series->stats(name, thresholds, baseline);
}

QHash<QString, QueryHistogram> QueryTracker::histograms() const
{
    struct Copy
    {
        QString name;
        std::array<qint64, BucketCount> buckets;
        qint64 totalNs;
    };
    // The bucket counts are small enough to copy under the lock without freezing the series.
    std::vector<Copy> copies;
    {
        QMutexLocker locker(&m_mutex);
        copies.reserve(size_t(m_series.size()));
        for (auto it = m_series.cbegin(); it != m_series.cend(); ++it)
            copies.push_back({ it.key(), it.value()->buckets, it.value()->totalNs });
    }

    QHash<QString, QueryHistogram> result;
    result.reserve(qsizetype(copies.size()));
    for (const Copy &copy : copies) {
        QueryHistogram h;
        h.cumulative.reserve(qsizetype(BoundsNs.size()));
        qint64 running = 0;
        for (size_t i = 0; i < BoundsNs.size(); ++i) {
            running += copy.buckets[i];
            h.cumulative.append(running);
        }
        h.count = running + copy.buckets.back();
        h.sumSeconds = double(copy.totalNs) / 1e9;
        result.insert(copy.name, std::move(h));
    }
    return result;
}

void QueryTracker::reset()
{
    QMutexLocker locker(&m_mutex);
    // Snapshots still reading a series keep it alive through their own reference.
    m_series.clear();
}

void QueryTracker::setBaselines(const QHash<QString, qint64> &p50Ns)
{
    QMutexLocker locker(&m_mutex);
    m_baselines = p50Ns;
}

QHash<QString, qint64> QueryTracker::baselines() const
{
    QMutexLocker locker(&m_mutex);
    return m_baselines;
}

QHash<QString, qint64> QueryTracker::baselinesToSave() const
{
    std::vector<std::pair<QString, std::shared_ptr<const Series>>> measured;
    QHash<QString, qint64> result;
    {
        QMutexLocker locker(&m_mutex);
        for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
            if (it.value()->count < m_thresholds.regressionMinCount)
                continue;
            it.value()->frozen = true;
            measured.emplace_back(it.key(), it.value());
        }
        // Queries not run (often enough) this session keep what they had.
        result = m_baselines;
    }
    for (const auto &[name, series] : measured) {
        const qint64 p50 = series->percentiles().p50;
        auto old = result.find(name);
        if (old == result.end() || *old <= 0)
            result.insert(name, p50);
        else
            *old = std::llround(0.8 * double(*old) + 0.2 * double(p50));
    }
    return result;
}

QueryRating QueryTracker::rate(qint64 p95Ns, const QueryThresholds &thresholds)
{
    if (p95Ns < thresholds.excellentNs)
        return QueryRating::Excellent;
    if (p95Ns <= thresholds.slowNs)
        return QueryRating::Good;
    if (p95Ns <= thresholds.criticalNs)
        return QueryRating::Slow;
    return QueryRating::Critical;
}

bool QueryTracker::isRegression(qint64 p50Ns, std::optional<qint64> baselineP50Ns, qint64 count,
                                const QueryThresholds &thresholds)
{
    if (!baselineP50Ns || *baselineP50Ns <= 0 || count < thresholds.regressionMinCount)
        return false;
    return double(p50Ns) >= thresholds.regressionFactor * double(*baselineP50Ns);
}

const QList<double> &QueryTracker::histogramBoundsSeconds()
{
    static const QList<double> bounds = [] {
        QList<double> seconds;
        seconds.reserve(qsizetype(BoundsNs.size()));
        for (const qint64 ns : BoundsNs)
            seconds.append(double(ns) / 1e9);
        return seconds;
    }();
    return bounds;
}
