#include "querycache.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <algorithm>
#include <string_view>

namespace {

// A key with a hash of its own: on the 2-core build VM, Qt 6.4's qHash(QByteArray) (AES/AVX-512 code) cost
// 100-150 ns per hit, keys under 16 bytes and the code right after it included; std::hash costs ~10 ns. Keys are
// spelled by our own code, so a hash that only mixes the seed in is no flooding risk.
struct CacheKey
{
    CacheKey(const QByteArray &bytes)
        : bytes(bytes)
    { }
    bool operator==(const CacheKey &other) const { return bytes == other.bytes; }
    QByteArray bytes;
};

size_t qHash(const CacheKey &key, size_t seed) noexcept
{
    return std::hash<std::string_view> {}(std::string_view(key.bytes.constData(), size_t(key.bytes.size()))) ^ seed;
}

struct Entry
{
    std::shared_ptr<const std::any> value;
    qint64 expiresAt = 0;
    qint64 bytes = 0;
    QStringList tags;
    std::list<QByteArray>::iterator lru; // its place in Private::m_lru, so a hit moves it in O(1)
};

// One computation: the callers waiting for it, and the tags its value will carry.
struct Flight
{
    quint64 epoch = 0;
    QStringList tags;
    QList<std::function<void(const std::any &)>> waiters;
};

} // namespace

// All of it is guarded by m_mutex. Held through a shared_ptr by the cache and by every computation in flight, so
// a computation that ends after the cache is gone still finds somewhere to deliver.
struct QueryCache::Private
{
    QueryCache::Options m_options;
    QueryCache::Clock m_clock; // empty: m_timer
    QElapsedTimer m_timer;

    mutable QMutex m_mutex;
    QHash<CacheKey, Entry> m_entries;
    std::list<QByteArray> m_lru; // least recently used first
    QHash<QString, QSet<QByteArray>> m_keysByTag; // so invalidate() touches only the affected entries
    QHash<CacheKey, Flight> m_flights; // the computation each key's new callers join
    // Computations that were invalidated (or cleared) while running, by epoch: they answer their callers only.
    QHash<quint64, Flight> m_detached;
    quint64 m_lastEpoch = 0;
    qint64 m_bytes = 0;
    bool m_alive = true; // false once the QueryCache is destroyed: nothing more is stored
    QueryCacheStats m_stats;

    qint64 now() const { return m_clock ? m_clock() : m_timer.elapsed(); }

    void touch(const Entry &entry) { m_lru.splice(m_lru.end(), m_lru, entry.lru); }

    void remove(QHash<CacheKey, Entry>::iterator it)
    {
        for (const QString &tag : std::as_const(it->tags)) {
            const auto keys = m_keysByTag.find(tag);
            if (keys == m_keysByTag.end())
                continue;
            keys->remove(it.key().bytes);
            if (keys->isEmpty())
                m_keysByTag.erase(keys);
        }
        m_bytes -= it->bytes;
        m_lru.erase(it->lru);
        m_entries.erase(it);
    }

    void remove(const QByteArray &key)
    {
        const auto it = m_entries.find(key);
        if (it != m_entries.end())
            remove(it);
    }

    void shrinkTo(qint64 maxBytes)
    {
        while (m_bytes > maxBytes && !m_lru.empty()) {
            remove(m_entries.find(m_lru.front()));
            ++m_stats.evictions;
        }
    }

    void store(const QByteArray &key, const QStringList &tags, std::shared_ptr<const std::any> value, qint64 bytes)
    {
        // A refresh replaces the old entry; when the new value cannot be kept, the old one is outdated anyway.
        remove(key);
        bytes = qMax<qint64>(bytes, 0);
        if (bytes > m_options.maxBytes)
            return;
        const double jitter = qBound(0.0, m_options.jitter, 1.0);
        const double spread = jitter > 0 ? jitter * (2 * QRandomGenerator::global()->generateDouble() - 1) : 0;
        const qint64 lifetime = qMax<qint64>(0, qRound64(double(m_options.ttlMs) * (1 + spread)));
        Entry entry { std::move(value), now() + lifetime, bytes, tags, m_lru.insert(m_lru.end(), key) };
        m_entries.insert(key, std::move(entry));
        for (const QString &tag : tags)
            m_keysByTag[tag].insert(key);
        m_bytes += bytes;
        // The new entry is the most recently used and fits on its own, so it is never the one to go.
        shrinkTo(m_options.maxBytes);
    }
};

QueryCache::QueryCache(Options options, Clock clock)
    : d(std::make_shared<Private>())
{
    d->m_options = options;
    d->m_clock = std::move(clock);
    d->m_timer.start();
}

QueryCache::~QueryCache()
{
    const QMutexLocker locker(&d->m_mutex);
    d->m_alive = false;
}

QueryCache::Options QueryCache::options() const
{
    const QMutexLocker locker(&d->m_mutex);
    return d->m_options;
}

void QueryCache::setOptions(const Options &options)
{
    const QMutexLocker locker(&d->m_mutex);
    d->m_options = options;
    d->shrinkTo(options.maxBytes);
}

QueryCache::Lookup QueryCache::lookupOrJoin(const QByteArray &key, const TagsFunction &tags,
                                            const std::function<Waiter()> &makeWaiter)
{
    // The hit path: one lock, one hash lookup, a list splice and a shared_ptr copy.
    const qint64 now = d->now();
    const QMutexLocker locker(&d->m_mutex);
    const auto it = d->m_entries.constFind(key);
    if (it != d->m_entries.constEnd()) {
        if (now < it->expiresAt) {
            d->touch(*it);
            ++d->m_stats.hits;
            return { it->value };
        }
        if (now - it->expiresAt < d->m_options.staleMs) {
            d->touch(*it);
            ++d->m_stats.hits;
            ++d->m_stats.staleHits;
            Lookup lookup { it->value };
            if (!d->m_flights.contains(key)) {
                lookup.refresh = true;
                lookup.epoch = ++d->m_lastEpoch;
                d->m_flights.insert(key, Flight { lookup.epoch, tags(), {} });
            }
            return lookup;
        }
        // Too old to serve even while refreshing.
        d->remove(key);
    }
    const auto flight = d->m_flights.find(key);
    if (flight != d->m_flights.end()) {
        flight->waiters.append(makeWaiter());
        ++d->m_stats.sharedWaits;
        return {};
    }
    Lookup lookup;
    lookup.compute = true;
    lookup.epoch = ++d->m_lastEpoch;
    d->m_flights.insert(key, Flight { lookup.epoch, tags(), { makeWaiter() } });
    ++d->m_stats.misses;
    return lookup;
}

void QueryCache::complete(const std::shared_ptr<Private> &state, const QByteArray &key, quint64 epoch, std::any value,
                          qsizetype bytes)
{
    const auto shared = std::make_shared<const std::any>(std::move(value));
    QList<Waiter> waiters;
    {
        const QMutexLocker locker(&state->m_mutex);
        const auto flight = state->m_flights.find(key);
        if (flight != state->m_flights.end() && flight->epoch == epoch) {
            waiters = std::move(flight->waiters);
            if (state->m_alive)
                state->store(key, flight->tags, shared, bytes);
            state->m_flights.erase(flight);
        } else {
            // Invalidated while it ran: it may have read what the invalidation was about.
            waiters = state->m_detached.take(epoch).waiters;
        }
    }
    // Outside the lock: a waiter finishes a QFuture, whose continuations may call into the cache.
    for (const Waiter &waiter : std::as_const(waiters))
        waiter(*shared);
}

std::shared_ptr<const std::any> QueryCache::peekAny(const QByteArray &key)
{
    const qint64 now = d->now();
    const QMutexLocker locker(&d->m_mutex);
    const auto it = d->m_entries.constFind(key);
    if (it == d->m_entries.constEnd() || now >= it->expiresAt)
        return {};
    d->touch(*it);
    ++d->m_stats.hits;
    return it->value;
}

int QueryCache::invalidate(const QStringList &tags)
{
    const QMutexLocker locker(&d->m_mutex);
    QSet<QByteArray> keys;
    for (const QString &tag : tags)
        keys.unite(d->m_keysByTag.value(tag));
    for (const QByteArray &key : std::as_const(keys))
        d->remove(key);
    d->m_stats.invalidations += keys.size();

    for (auto it = d->m_flights.begin(); it != d->m_flights.end();) {
        const bool affected
            = std::any_of(tags.cbegin(), tags.cend(), [&](const QString &tag) { return it->tags.contains(tag); });
        if (affected) {
            // Later callers start a new computation; this one only answers its own callers when it ends.
            d->m_detached.insert(it->epoch, std::move(*it));
            it = d->m_flights.erase(it);
        } else {
            ++it;
        }
    }
    return int(keys.size());
}

void QueryCache::clear()
{
    const QMutexLocker locker(&d->m_mutex);
    d->m_entries.clear();
    d->m_lru.clear();
    d->m_keysByTag.clear();
    d->m_bytes = 0;
    for (auto it = d->m_flights.begin(); it != d->m_flights.end(); ++it)
        d->m_detached.insert(it->epoch, std::move(*it));
    d->m_flights.clear();
}

QueryCacheStats QueryCache::stats() const
{
    const QMutexLocker locker(&d->m_mutex);
    QueryCacheStats stats = d->m_stats;
    stats.entries = d->m_entries.size();
    stats.bytes = d->m_bytes;
    stats.maxBytes = d->m_options.maxBytes;
    stats.ttlMs = d->m_options.ttlMs;
    return stats;
}
