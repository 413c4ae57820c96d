#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <memory>
#include <optional>

// How a query is judged. Thresholds apply to the P95 of its durations.
struct QueryThresholds
{
    qint64 excellentNs = 10'000'000; // P95 below this: EXCELLENT
    qint64 slowNs = 100'000'000; // a run above this counts as slow; P95 above it rates SLOW
    qint64 criticalNs = 500'000'000; // a run above this counts as critical; P95 above it rates CRITICAL
    double regressionFactor = 2.0; // P50 at least this many times its baseline P50 is a regression
    qint64 regressionMinCount = 20; // fewer runs than this never flag a regression (too noisy)
};

enum class QueryRating { Excellent, Good, Slow, Critical };

// "EXCELLENT", "GOOD", "SLOW", "CRITICAL"
QString queryRatingName(QueryRating rating);

struct QueryStats
{
    QString name;
    qint64 count = 0;
    qint64 totalNs = 0;
    qint64 minNs = 0;
    qint64 maxNs = 0;
    qint64 p50Ns = 0;
    qint64 p95Ns = 0;
    qint64 p99Ns = 0;
    qint64 slow = 0; // runs above QueryThresholds::slowNs
    qint64 critical = 0; // runs above QueryThresholds::criticalNs (also counted in slow)
    QueryRating rating = QueryRating::Excellent;
    std::optional<qint64> baselineP50Ns; // from earlier runs, when known
    bool regression = false; // P50 >= regressionFactor × baseline P50 (and count >= regressionMinCount)
};

// Cumulative latency histogram of one query with the fixed bounds of histogramBoundsSeconds(), in the shape of a
// Prometheus histogram: cumulative[i] = runs with duration <= bound i; count includes the +Inf bucket.
struct QueryHistogram
{
    QList<qint64> cumulative;
    qint64 count = 0;
    double sumSeconds = 0;
};

// Names and times every query of the Repository (and anything else that wants to be measured), from any thread.
//
// Per name it keeps counts, slow/critical counts, a latency histogram for /metrics and the distribution for
// percentiles: every duration exactly while there are at most ExactLimit of them (percentiles are then exact,
// nearest-rank), after that a log-linear histogram with relative error below 1 % and memory bounded regardless
// of how many millions of runs are recorded. Baselines (the P50 of earlier runs) come from the database at
// start and are written back at the end, so a query that got twice as slow since the last run is flagged.
class QueryTracker final
{
public:
    static constexpr qsizetype ExactLimit = 4096;

    explicit QueryTracker(QueryThresholds thresholds = {});
    ~QueryTracker();
    Q_DISABLE_COPY_MOVE(QueryTracker)

    QueryThresholds thresholds() const;
    // Runs already recorded keep the slow/critical counts they got; ratings and regressions use the new values.
    void setThresholds(const QueryThresholds &thresholds);

    // Thread-safe and cheap (one lock, one hash lookup). A negative duration counts as 0.
    void record(const QString &name, qint64 ns);

    // Every query seen, by name.
    QList<QueryStats> snapshot() const;
    std::optional<QueryStats> stats(const QString &name) const;
    QHash<QString, QueryHistogram> histograms() const;
    // Forgets every run; thresholds and baselines stay.
    void reset();

    // Baseline P50 per query name (ns), as loaded from storage.
    void setBaselines(const QHash<QString, qint64> &p50Ns);
    QHash<QString, qint64> baselines() const;
    // What to store for the next run: for each query with at least regressionMinCount runs this session, the
    // new baseline moves a fifth of the way from the old one towards this session's P50 (the session's P50 when
    // there was no baseline), so slow growth is absorbed while a sudden 2× stands out for several runs.
    QHash<QString, qint64> baselinesToSave() const;

    // Pure rules, shared with tests and the UI.
    // p95 < excellentNs: Excellent; excellentNs <= p95 <= slowNs: Good; slowNs < p95 <= criticalNs: Slow;
    // p95 > criticalNs: Critical. A P95 exactly at slowNs or criticalNs is not yet the worse rating, matching the
    // run counts, where a run exactly at the threshold is not counted as slow or critical.
    static QueryRating rate(qint64 p95Ns, const QueryThresholds &thresholds);
    // True when the baseline is known and positive, count >= regressionMinCount and
    // p50 >= regressionFactor × baseline (exactly twice the baseline is a regression with the default factor).
    static bool isRegression(qint64 p50Ns, std::optional<qint64> baselineP50Ns, qint64 count,
                             const QueryThresholds &thresholds);
    // Upper bounds of the latency histogram in seconds:
    // 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 (+Inf implied)
    static const QList<double> &histogramBoundsSeconds();

private:
    // Defined in the .cpp. A snapshot reads series outside the lock through its own shared_ptr; record() copies
    // a series such a snapshot may still be reading before it changes it.
    struct Series;
    mutable QMutex m_mutex;
    QueryThresholds m_thresholds;
    QHash<QString, std::shared_ptr<Series>> m_series;
    QHash<QString, qint64> m_baselines;
};

// Times the scope it lives in and records it under `name` (nanosecond clock).
class ScopedQueryTimer final
{
public:
    ScopedQueryTimer(QueryTracker *tracker, QString name)
        : m_tracker(tracker)
        , m_name(std::move(name))
    {
        m_timer.start();
    }
    ~ScopedQueryTimer()
    {
        if (m_tracker)
            m_tracker->record(m_name, m_timer.nsecsElapsed());
    }
    Q_DISABLE_COPY_MOVE(ScopedQueryTimer)

private:
    QueryTracker *m_tracker;
    QString m_name;
    QElapsedTimer m_timer;
};
