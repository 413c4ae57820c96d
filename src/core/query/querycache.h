#pragma once

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QPromise>
#include <QStringList>
#include <QThreadPool>
#include <QtConcurrent>
#include <any>
#include <functional>
#include <list>
#include <memory>
#include <optional>

struct QueryCacheStats
{
    qint64 hits = 0; // fresh entries served
    qint64 staleHits = 0; // expired entries served while a refresh ran (also counted in hits)
    qint64 misses = 0; // computed because nothing usable was cached
    qint64 sharedWaits = 0; // requests that joined a computation already in flight (single-flight)
    qint64 evictions = 0; // entries dropped to stay within maxBytes
    qint64 invalidations = 0; // entries dropped by invalidate()
    qint64 entries = 0;
    qint64 bytes = 0;
    qint64 maxBytes = 0;
    qint64 ttlMs = 0;
    double hitRate() const { return hits + misses > 0 ? double(hits) / double(hits + misses) : 0; }
};

struct QueryCacheOptions
{
    qint64 maxBytes = 64LL * 1024 * 1024;
    qint64 ttlMs = 300'000;
    double jitter = 0.1; // ± fraction of ttlMs
    qint64 staleMs = 300'000; // how long past expiry an entry may still be served while refreshing
};

// The Repository's memory of recent results, so a view that is opened again is served in well under a
// microsecond instead of going to the database.
//
// - Key: the query name and every parameter, spelled by the caller into a QByteArray.
// - Freshness: each entry lives ttl ± jitter (default 300 s ± 10 %), so entries made together do not all
//   expire together. An expired entry is still served for staleMs more while one background refresh runs
//   (stale-while-revalidate); after that it is a miss.
// - Size: bounded by bytes (the caller says what a value costs); the least recently used entries go first. A
//   value larger than the whole bound is returned but not kept.
// - Invalidation by tag: every entry carries tags ("fleet", "resource:42", "sync_runs"); after a sync commits,
//   invalidate() drops only the entries with one of the changed tags. A computation that started before an
//   invalidation of one of its tags still answers its callers but is not cached (it may have read old data).
// - Single-flight: concurrent requests for the same key while it is being computed share that one computation.
//
// Thread-safe. Computations run on the pool given to fetch(); results are delivered through the returned QFuture,
// one per caller, so each caller may attach its own continuation (it runs on the thread that finished the
// computation, outside the cache's lock, so it may use the cache again). A key always holds values of one type.
// Compute functions must not throw (errors are values in this project); one that throws ends the program.
// The cache may be destroyed while computations still run: they answer their callers and are not kept. What a
// compute function captures is its owner's business (the Repository waits for its pool before it goes).
class QueryCache final
{
public:
    // Declared outside the class so `Options options = {}` works as a default argument (GCC needs the type complete).
    using Options = QueryCacheOptions;
    // Milliseconds on a monotonic clock; tests pass their own.
    using Clock = std::function<qint64()>;

    explicit QueryCache(Options options = {}, Clock clock = {});
    ~QueryCache();
    Q_DISABLE_COPY_MOVE(QueryCache)

    Options options() const;
    void setOptions(const Options &options); // applies to entries stored from now on; shrinks to maxBytes at once

    // The cached value for `key` when fresh (or stale and refreshing), else computes it on `pool` (the global pool
    // when null) with `compute` — once, however many callers ask meanwhile. `sizeOf` estimates the bytes a value
    // holds. `tags` is a QStringList or a callable returning one; a callable is only called when a computation
    // starts, so a hit costs no more than the key (the functors are templates for the same reason: nothing is
    // allocated for them on a hit).
    template<typename T, typename Tags = QStringList, typename Compute, typename SizeOf>
    QFuture<T> fetch(const QByteArray &key, Tags &&tags, QThreadPool *pool, Compute &&compute, SizeOf &&sizeOf)
    {
        const TagsFunction tagsOf = [&tags]() -> QStringList {
            if constexpr (std::is_invocable_v<Tags>)
                return tags();
            else
                return tags;
        };
        // The waiter is made (under the cache's lock, so no completion can slip between) only on a miss.
        QFuture<T> future;
        Lookup lookup = lookupOrJoin(key, tagsOf, [&future]() -> Waiter {
            auto promise = std::make_shared<QPromise<T>>();
            future = promise->future();
            promise->start();
            return [promise](const std::any &value) {
                promise->addResult(std::any_cast<const T &>(value));
                promise->finish();
            };
        });
        if (lookup.value) {
            if (lookup.refresh)
                startComputation<T>(key, pool, std::forward<Compute>(compute), std::forward<SizeOf>(sizeOf),
                                    lookup.epoch);
            return QtFuture::makeReadyFuture(std::any_cast<const T &>(*lookup.value));
        }
        if (lookup.compute)
            startComputation<T>(key, pool, std::forward<Compute>(compute), std::forward<SizeOf>(sizeOf), lookup.epoch);
        return future;
    }

    // The fresh value for `key` without computing anything (no stale values; counts a hit or nothing).
    template<typename T> std::optional<T> peek(const QByteArray &key)
    {
        const std::shared_ptr<const std::any> value = peekAny(key);
        if (!value)
            return std::nullopt;
        return std::any_cast<const T &>(*value);
    }

    // Drops every entry carrying any of `tags`; returns how many were dropped. Computations of such keys already
    // in flight still answer their callers but are not kept, and the next request starts a new one.
    int invalidate(const QStringList &tags);
    // Drops every entry (the counters stay); computations in flight answer their callers but are not kept.
    void clear();

    QueryCacheStats stats() const;

private:
    struct Private;

    struct Lookup
    {
        std::shared_ptr<const std::any> value; // set: serve this now
        bool refresh = false; // serve value, and start a background refresh (stale-while-revalidate)
        bool compute = false; // no value, nothing in flight: this caller starts the computation
        // The computation's number, handed to complete(): it tells whether an invalidate() or clear() detached the
        // computation while it ran (then its value is delivered, not kept).
        quint64 epoch = 0;
    };
    using Waiter = std::function<void(const std::any &)>;

    using TagsFunction = std::function<QStringList()>;

    template<typename T, typename Compute, typename SizeOf>
    void startComputation(const QByteArray &key, QThreadPool *pool, Compute &&compute, SizeOf &&sizeOf, quint64 epoch)
    {
        // The task holds the cache's state, not the cache, so it may outlive the cache and still answer its callers.
        auto run = [state = d, key, compute = std::decay_t<Compute>(std::forward<Compute>(compute)),
                    sizeOf = std::decay_t<SizeOf>(std::forward<SizeOf>(sizeOf)), epoch]() mutable {
            T value = compute();
            const qsizetype bytes = sizeOf(value);
            complete(state, key, epoch, std::any(std::move(value)), bytes);
        };
        (pool ? pool : QThreadPool::globalInstance())->start(std::move(run));
    }

    // Under the lock: a usable value, or else the waiter from makeWaiter() is queued on the key's computation
    // (starting one, with `tags`, when none is in flight).
    Lookup lookupOrJoin(const QByteArray &key, const TagsFunction &tags, const std::function<Waiter()> &makeWaiter);
    // Stores the value unless its computation was invalidated meanwhile, then hands it to the waiters.
    static void complete(const std::shared_ptr<Private> &state, const QByteArray &key, quint64 epoch, std::any value,
                         qsizetype bytes);
    std::shared_ptr<const std::any> peekAny(const QByteArray &key);

    std::shared_ptr<Private> d;
};
