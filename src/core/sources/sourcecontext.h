#pragma once

#include "storage/metric.h"

#include <QHash>
#include <QString>
#include <atomic>
#include <functional>

struct Collection;
class QNetworkAccessManager;
class RateLimiter;

// What a source may know and keep between syncs. The sync engine loads the source's persisted state before
// collect() and commits the changed state in the same transaction as the samples, so a crash never leaves
// counters that disagree with the stored samples.
class SourceContext final
{
public:
    QString state(const QString &key) const { return m_state.value(key); }
    void setState(const QString &key, const QString &value) { m_state.insert(key, value); }
    const QHash<QString, QString> &allState() const { return m_state; }
    void loadState(QHash<QString, QString> state) { m_state = std::move(state); }

    // Unix seconds of the newest stored sample of a resource/metric, 0 when there is none.
    qint64 lastSampleTs(const QString &externalId, Metric metric) const
    {
        return m_lastSample.value(externalId + QLatin1Char('/') + metricName(metric), 0);
    }
    void setLastSampleTs(const QString &externalId, Metric metric, qint64 ts)
    {
        m_lastSample.insert(externalId + QLatin1Char('/') + metricName(metric), ts);
    }

    void loadLastSampleTimes(QHash<QString, qint64> times) { m_lastSample = std::move(times); }

    // Commits what `out` holds so far and empties its resources and samples (counters stay). A source whose
    // backfill would not fit in memory calls this every few thousand samples; each flush is one transaction.
    using FlushFunction = std::function<bool(Collection &out, QString *error)>;
    void setFlushFunction(FlushFunction flush) { m_flush = std::move(flush); }
    bool flush(Collection &out, QString *error) { return m_flush ? m_flush(out, error) : true; }

    // The sync worker's network manager (lives on the worker thread, reused across requests and syncs) and this
    // source's rate limiter (persists across syncs and processes). Null for sources that need no network.
    QNetworkAccessManager *network() const { return m_network; }
    RateLimiter *rateLimiter() const { return m_limiter; }
    void setNetwork(QNetworkAccessManager *network, RateLimiter *limiter)
    {
        m_network = network;
        m_limiter = limiter;
    }

    // A source with many requests reports how far it is (requests done of those it knows about so far).
    using ProgressFunction = std::function<void(int done, int total)>;
    void setProgressFunction(ProgressFunction progress) { m_progress = std::move(progress); }
    void reportProgress(int done, int total) const
    {
        if (m_progress)
            m_progress(done, total);
    }

    bool isCancelled() const { return m_cancelled && m_cancelled->load(); }
    const std::atomic_bool *cancelFlag() const { return m_cancelled; }
    void setCancelFlag(const std::atomic_bool *flag) { m_cancelled = flag; }

private:
    QHash<QString, QString> m_state;
    QHash<QString, qint64> m_lastSample;
    const std::atomic_bool *m_cancelled = nullptr;
    FlushFunction m_flush;
    ProgressFunction m_progress;
    QNetworkAccessManager *m_network = nullptr;
    RateLimiter *m_limiter = nullptr;
};
