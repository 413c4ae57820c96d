#include "query/querycache.h"

#include <QRandomGenerator>
#include <QSemaphore>
#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

namespace {

// What a query result typically looks like: a few rows.
struct Rows
{
    QList<int> values;
};

} // namespace

class TestQueryCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hitsAndMisses();
    void valuesAreShared();
    void expiry_data();
    void expiry();
    void jitterSpreadsExpiry();
    void staleWindow_data();
    void staleWindow();
    void staleWhileRevalidate();
    void staleRefreshAnswersLateCallers();
    void invalidate_data();
    void invalidate();
    void invalidateDuringComputation();
    void invalidateOtherTagDuringComputation();
    void singleFlight();
    void continuationMayUseTheCache();
    void evictsLeastRecentlyUsed_data();
    void evictsLeastRecentlyUsed();
    void valueLargerThanBound_data();
    void valueLargerThanBound();
    void setOptionsShrinks();
    void setOptionsAppliesToNewEntries();
    void clear();
    void clearDuringComputation();
    void stats();
    void destroyedWhileComputing();
    void concurrentUse();

private:
    QueryCache::Options options(qint64 maxBytes = 1'000'000) const;
    QueryCache::Clock clock();
    QFuture<int> start(QueryCache &cache, const QByteArray &key, std::function<int()> compute,
                       const QStringList &tags = {}, qsizetype bytes = 100);
    // The value for `key`, computed as `value` when needed, once the computation (if any) has been stored.
    int get(QueryCache &cache, const QByteArray &key, int value, const QStringList &tags = {}, qsizetype bytes = 100);
    // A computation that holds until `gate` is released, so the test decides when it ends.
    std::function<int()> held(QSemaphore &gate, int value);

    std::atomic<qint64> m_now { 0 };
    std::atomic<int> m_computations { 0 };
    QSemaphore m_gate;
    QSemaphore m_otherGate;
    QThreadPool m_pool;
};

QueryCache::Options TestQueryCache::options(qint64 maxBytes) const
{
    QueryCache::Options options;
    options.maxBytes = maxBytes;
    options.ttlMs = 1000;
    options.jitter = 0;
    options.staleMs = 500;
    return options;
}

QueryCache::Clock TestQueryCache::clock()
{
    return [this] { return m_now.load(); };
}

QFuture<int> TestQueryCache::start(QueryCache &cache, const QByteArray &key, std::function<int()> compute,
                                   const QStringList &tags, qsizetype bytes)
{
    return cache.fetch<int>(key, tags, &m_pool, std::move(compute), [bytes](const int &) { return bytes; });
}

int TestQueryCache::get(QueryCache &cache, const QByteArray &key, int value, const QStringList &tags, qsizetype bytes)
{
    QFuture<int> future = start(
        cache, key,
        [this, value] {
            ++m_computations;
            return value;
        },
        tags, bytes);
    future.waitForFinished();
    // A stale value comes back at once while its refresh runs; let the refresh land too.
    m_pool.waitForDone();
    return future.result();
}

std::function<int()> TestQueryCache::held(QSemaphore &gate, int value)
{
    return [this, &gate, value] {
        ++m_computations;
        gate.acquire();
        return value;
    };
}

void TestQueryCache::init()
{
    m_now = 0;
    m_computations = 0;
    m_pool.setMaxThreadCount(4);
}

void TestQueryCache::cleanup()
{
    // A failed test may leave computations holding; let them go before the next test.
    m_gate.release(1000);
    m_otherGate.release(1000);
    m_pool.waitForDone();
    m_gate.tryAcquire(m_gate.available());
    m_otherGate.tryAcquire(m_otherGate.available());
}

void TestQueryCache::hitsAndMisses()
{
    QueryCache cache(options(), clock());
    QCOMPARE(get(cache, "a", 1), 1);
    QCOMPARE(get(cache, "a", 2), 1); // cached: not computed again
    QCOMPARE(get(cache, "b", 3), 3);
    QCOMPARE(cache.peek<int>("a"), std::optional<int>(1));
    QCOMPARE(cache.peek<int>("missing"), std::nullopt);
    QCOMPARE(m_computations.load(), 2);

    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.hits, 2);
    QCOMPARE(stats.misses, 2);
    QCOMPARE(stats.staleHits, 0);
    QCOMPARE(stats.sharedWaits, 0);
    QCOMPARE(stats.entries, 2);
    QCOMPARE(stats.bytes, 200);
    QCOMPARE(stats.hitRate(), 0.5);
}

void TestQueryCache::valuesAreShared()
{
    QueryCache cache(options(), clock());
    const auto compute = [] { return Rows { { 1, 2, 3 } }; };
    const auto sizeOf = [](const Rows &rows) { return rows.values.size() * qsizetype(sizeof(int)); };
    QFuture<Rows> first = cache.fetch<Rows>("rows", { QStringLiteral("fleet") }, &m_pool, compute, sizeOf);
    QCOMPARE(first.result().values, QList<int>({ 1, 2, 3 }));

    QFuture<Rows> second = cache.fetch<Rows>("rows", { QStringLiteral("fleet") }, &m_pool, compute, sizeOf);
    QVERIFY(second.isFinished()); // a hit is ready at once
    QCOMPARE(second.result().values, QList<int>({ 1, 2, 3 }));
    QCOMPARE(cache.peek<Rows>("rows")->values, QList<int>({ 1, 2, 3 }));
    QCOMPARE(cache.stats().bytes, 12);
}

void TestQueryCache::expiry_data()
{
    QTest::addColumn<double>("jitter");
    QTest::addColumn<qint64>("freshAt"); // every entry is still fresh then
    QTest::addColumn<qint64>("expiredAt"); // and every one has expired

    QTest::newRow("no jitter: fresh until ttl") << 0.0 << qint64(999) << qint64(1000);
    QTest::newRow("10 % jitter") << 0.1 << qint64(899) << qint64(1101);
    QTest::newRow("50 % jitter") << 0.5 << qint64(499) << qint64(1501);
    QTest::newRow("jitter above 100 % counts as 100 %") << 3.0 << qint64(-1) << qint64(2001);
}

void TestQueryCache::expiry()
{
    QFETCH(double, jitter);
    QFETCH(qint64, freshAt);
    QFETCH(qint64, expiredAt);

    QueryCache::Options options = this->options();
    options.jitter = jitter;
    options.staleMs = 0;
    QueryCache cache(options, clock());
    constexpr int Keys = 300;
    for (int i = 0; i < Keys; ++i)
        get(cache, QByteArray::number(i), i);

    if (freshAt >= 0) {
        m_now = freshAt;
        for (int i = 0; i < Keys; ++i)
            QCOMPARE(cache.peek<int>(QByteArray::number(i)), std::optional<int>(i));
    }
    m_now = expiredAt;
    for (int i = 0; i < Keys; ++i)
        QCOMPARE(cache.peek<int>(QByteArray::number(i)), std::nullopt);
    QCOMPARE(get(cache, "0", -1), -1); // expired with no stale window: computed again
}

void TestQueryCache::jitterSpreadsExpiry()
{
    QueryCache::Options options = this->options();
    options.jitter = 0.1;
    options.staleMs = 0;
    QueryCache cache(options, clock());
    constexpr int Keys = 300;
    for (int i = 0; i < Keys; ++i)
        get(cache, QByteArray::number(i), i);

    // Lifetimes are uniform in [900, 1100]: at 1000 about half are left. All or none would happen with odds
    // of 2^-299, i.e. only if jitter were ignored.
    m_now = 1000;
    int fresh = 0;
    for (int i = 0; i < Keys; ++i)
        fresh += cache.peek<int>(QByteArray::number(i)).has_value();
    QVERIFY2(fresh > 0 && fresh < Keys, qPrintable(QString::number(fresh)));
}

void TestQueryCache::staleWindow_data()
{
    QTest::addColumn<qint64>("at");
    QTest::addColumn<bool>("stale"); // served the old value at once while refreshing, else waits for a new one

    // ttl 1000, staleMs 500
    QTest::newRow("just expired") << qint64(1000) << true;
    QTest::newRow("end of the stale window") << qint64(1499) << true;
    QTest::newRow("past the stale window") << qint64(1500) << false;
    QTest::newRow("long past") << qint64(100'000) << false;
}

void TestQueryCache::staleWindow()
{
    QFETCH(qint64, at);
    QFETCH(bool, stale);

    QueryCache cache(options(), clock());
    QCOMPARE(get(cache, "k", 1), 1);
    m_now = at;
    QFuture<int> future = start(cache, "k", held(m_gate, 2));
    QCOMPARE(future.isFinished(), stale);
    m_gate.release();
    QCOMPARE(future.result(), stale ? 1 : 2);
    m_pool.waitForDone();
    QCOMPARE(get(cache, "k", 3), 2); // either way the new value is what is cached now

    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.staleHits, stale ? 1 : 0);
    QCOMPARE(stats.misses, stale ? 1 : 2);
    QCOMPARE(stats.hits, stale ? 2 : 1);
}

void TestQueryCache::staleWhileRevalidate()
{
    QueryCache cache(options(), clock());
    QCOMPARE(get(cache, "k", 1), 1);
    m_computations = 0;

    m_now = 1200;
    QList<QFuture<int>> futures;
    for (int i = 0; i < 5; ++i)
        futures.append(start(cache, "k", held(m_gate, 2 + i)));
    for (const QFuture<int> &future : std::as_const(futures)) {
        QVERIFY(future.isFinished());
        QCOMPARE(future.result(), 1);
    }
    m_gate.release(5);
    m_pool.waitForDone();
    QCOMPARE(m_computations.load(), 1); // one refresh, however many stale hits

    QFuture<int> next = start(cache, "k", held(m_gate, 99));
    QVERIFY(next.isFinished());
    QCOMPARE(next.result(), 2); // the refresh's value, fresh from now + ttl
    m_now = 1200 + 999;
    QCOMPARE(cache.peek<int>("k"), std::optional<int>(2));

    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.staleHits, 5);
    QCOMPARE(stats.hits, 7);
    QCOMPARE(stats.misses, 1);
}

void TestQueryCache::staleRefreshAnswersLateCallers()
{
    QueryCache cache(options(), clock());
    QCOMPARE(get(cache, "k", 1), 1);
    m_now = 1200;
    QCOMPARE(start(cache, "k", held(m_gate, 2)).result(), 1); // stale; the refresh holds

    m_now = 1600; // the old value is now too old to serve: the caller joins the refresh
    QFuture<int> late = start(cache, "k", held(m_gate, 3));
    QVERIFY(!late.isFinished());
    m_gate.release(2);
    QCOMPARE(late.result(), 2);
    m_pool.waitForDone();
    QCOMPARE(m_computations.load(), 2); // the first fill and the refresh

    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.sharedWaits, 1);
    QCOMPARE(stats.misses, 1);
    QCOMPARE(stats.staleHits, 1);
}

void TestQueryCache::invalidate_data()
{
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QByteArrayList>("dropped");

    QTest::newRow("one resource") << QStringList { QStringLiteral("resource:1") } << QByteArrayList { "r1" };
    QTest::newRow("the other resource") << QStringList { QStringLiteral("resource:2") } << QByteArrayList { "r2" };
    QTest::newRow("fleet") << QStringList { QStringLiteral("fleet") } << QByteArrayList { "r1", "r2", "fleet" };
    QTest::newRow("both resources") << QStringList { QStringLiteral("resource:1"), QStringLiteral("resource:2") }
                                    << QByteArrayList { "r1", "r2" };
    QTest::newRow("overlapping tags count once")
        << QStringList { QStringLiteral("resource:1"), QStringLiteral("fleet") }
        << QByteArrayList { "r1", "r2", "fleet" };
    QTest::newRow("unknown tag") << QStringList { QStringLiteral("resource:3") } << QByteArrayList {};
    QTest::newRow("no tags") << QStringList {} << QByteArrayList {};
}

void TestQueryCache::invalidate()
{
    QFETCH(QStringList, tags);
    QFETCH(QByteArrayList, dropped);

    QueryCache cache(options(), clock());
    const QHash<QByteArray, QStringList> entries {
        { "r1", { QStringLiteral("resource:1"), QStringLiteral("fleet") } },
        { "r2", { QStringLiteral("resource:2"), QStringLiteral("fleet") } },
        { "fleet", { QStringLiteral("fleet") } },
        { "runs", { QStringLiteral("sync_runs") } },
    };
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        get(cache, it.key(), 1, it.value());

    QCOMPARE(cache.invalidate(tags), dropped.size());
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        QCOMPARE(cache.peek<int>(it.key()).has_value(), !dropped.contains(it.key()));
    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.invalidations, dropped.size());
    QCOMPARE(stats.entries, entries.size() - dropped.size());
    QCOMPARE(stats.bytes, 100 * stats.entries);
    QCOMPARE(stats.evictions, 0);

    // A dropped entry is computed again, with its tags.
    for (const QByteArray &key : std::as_const(dropped))
        QCOMPARE(get(cache, key, 2, entries.value(key)), 2);
    QCOMPARE(cache.invalidate(tags), dropped.size());
}

void TestQueryCache::invalidateDuringComputation()
{
    QueryCache cache(options(), clock());
    const QStringList tags { QStringLiteral("resource:1"), QStringLiteral("fleet") };
    QFuture<int> first = start(cache, "k", held(m_gate, 1), tags);
    QFuture<int> joined = start(cache, "k", held(m_gate, 99), tags);
    QCOMPARE(cache.invalidate({ QStringLiteral("resource:1") }), 0); // nothing stored yet

    // Asked after the invalidation: must not get what the running computation may have read before it.
    QFuture<int> after = start(cache, "k", held(m_otherGate, 2), tags);
    m_gate.release();
    QCOMPARE(first.result(), 1);
    QCOMPARE(joined.result(), 1);
    QVERIFY(!after.isFinished());
    QCOMPARE(cache.peek<int>("k"), std::nullopt); // answered, not kept

    m_otherGate.release();
    QCOMPARE(after.result(), 2);
    QCOMPARE(cache.peek<int>("k"), std::optional<int>(2));

    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.misses, 2);
    QCOMPARE(stats.sharedWaits, 1);
    QCOMPARE(stats.invalidations, 0);
    QCOMPARE(stats.entries, 1);
}

void TestQueryCache::invalidateOtherTagDuringComputation()
{
    QueryCache cache(options(), clock());
    QFuture<int> future = start(cache, "k", held(m_gate, 1), { QStringLiteral("resource:1") });
    QCOMPARE(cache.invalidate({ QStringLiteral("resource:2"), QStringLiteral("fleet") }), 0);
    QFuture<int> joined = start(cache, "k", held(m_gate, 99), { QStringLiteral("resource:1") });
    m_gate.release();
    QCOMPARE(future.result(), 1);
    QCOMPARE(joined.result(), 1);
    QCOMPARE(cache.peek<int>("k"), std::optional<int>(1));
    QCOMPARE(cache.stats().sharedWaits, 1);
}

void TestQueryCache::singleFlight()
{
    QueryCache cache(options(), clock());
    constexpr int Threads = 4;
    constexpr int PerThread = 4;
    std::vector<QFuture<Rows>> futures(Threads * PerThread);
    const auto compute = [this] {
        ++m_computations;
        m_gate.acquire();
        return Rows { { 42, 43 } };
    };
    const auto sizeOf = [](const Rows &) { return qsizetype(8); };

    std::vector<std::thread> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < PerThread; ++i)
                futures[t * PerThread + i] = cache.fetch<Rows>("fleet", {}, &m_pool, compute, sizeOf);
        });
    }
    for (std::thread &thread : threads)
        thread.join();

    // Every caller is registered before the computation may end.
    QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.misses, 1);
    QCOMPARE(stats.sharedWaits, Threads * PerThread - 1);
    QCOMPARE(stats.hits, 0);

    // Each caller has a QFuture of its own, so each may attach its own continuation.
    QList<QFuture<int>> continued;
    for (int i = 0; i < int(futures.size()); ++i)
        continued.append(futures[i].then([i](const Rows &rows) { return rows.values.first() * 100 + i; }));
    m_gate.release();
    for (int i = 0; i < int(futures.size()); ++i) {
        QCOMPARE(futures[i].result().values, QList<int>({ 42, 43 }));
        QCOMPARE(continued[i].result(), 4200 + i);
    }
    m_pool.waitForDone();
    QCOMPARE(m_computations.load(), 1);
    QCOMPARE(cache.peek<Rows>("fleet")->values, QList<int>({ 42, 43 }));
}

void TestQueryCache::continuationMayUseTheCache()
{
    QueryCache cache(options(), clock());
    // The continuation runs when the computation ends, on the pool thread: the cache must not be locked then, and
    // the value must already be stored.
    QFuture<int> future = start(cache, "k", held(m_gate, 1)).then([&cache](int value) {
        return value + cache.peek<int>("k").value_or(-100);
    });
    m_gate.release();
    QCOMPARE(future.result(), 2);
}

void TestQueryCache::evictsLeastRecentlyUsed_data()
{
    QTest::addColumn<QByteArrayList>("touched");
    QTest::addColumn<bool>("byPeek");
    QTest::addColumn<QByteArray>("evicted");

    QTest::newRow("none touched: the oldest goes") << QByteArrayList {} << false << QByteArray("a");
    QTest::newRow("the oldest touched") << QByteArrayList { "a" } << false << QByteArray("b");
    QTest::newRow("the oldest peeked") << QByteArrayList { "a" } << true << QByteArray("b");
    QTest::newRow("two touched") << QByteArrayList { "b", "a" } << false << QByteArray("c");
    QTest::newRow("the newest touched") << QByteArrayList { "c" } << false << QByteArray("a");
}

void TestQueryCache::evictsLeastRecentlyUsed()
{
    QFETCH(QByteArrayList, touched);
    QFETCH(bool, byPeek);
    QFETCH(QByteArray, evicted);

    QueryCache cache(options(300), clock());
    const QByteArrayList keys { "a", "b", "c" };
    for (const QByteArray &key : keys)
        get(cache, key, 1);
    QCOMPARE(cache.stats().bytes, 300);
    for (const QByteArray &key : std::as_const(touched)) {
        if (byPeek)
            QVERIFY(cache.peek<int>(key));
        else
            QCOMPARE(get(cache, key, 2), 1);
    }
    QCOMPARE(cache.stats().evictions, 0);

    get(cache, "d", 1);
    for (const QByteArray &key : keys)
        QCOMPARE(cache.peek<int>(key).has_value(), key != evicted);
    QVERIFY(cache.peek<int>("d"));
    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.evictions, 1);
    QCOMPARE(stats.entries, 3);
    QCOMPARE(stats.bytes, 300);
}

void TestQueryCache::valueLargerThanBound_data()
{
    QTest::addColumn<qsizetype>("bytes");
    QTest::addColumn<bool>("kept");

    QTest::newRow("exactly the bound") << qsizetype(300) << true;
    QTest::newRow("one byte over") << qsizetype(301) << false;
    QTest::newRow("far over") << qsizetype(1'000'000) << false;
}

void TestQueryCache::valueLargerThanBound()
{
    QFETCH(qsizetype, bytes);
    QFETCH(bool, kept);

    QueryCache cache(options(300), clock());
    get(cache, "small", 1);
    QCOMPARE(get(cache, "big", 2, {}, bytes), 2); // delivered either way
    QCOMPARE(cache.peek<int>("big").has_value(), kept);
    QCOMPARE(cache.peek<int>("small").has_value(), !kept); // a kept big value pushes the small one out

    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.evictions, kept ? 1 : 0);
    QCOMPARE(stats.entries, 1);
    QCOMPARE(stats.bytes, kept ? bytes : 100);
    QCOMPARE(get(cache, "big", 3, {}, bytes), kept ? 2 : 3);
}

void TestQueryCache::setOptionsShrinks()
{
    QueryCache cache(options(300), clock());
    for (const char *key : { "a", "b", "c" })
        get(cache, key, 1);
    QVERIFY(cache.peek<int>("a"));

    QueryCache::Options smaller = cache.options();
    smaller.maxBytes = 150;
    cache.setOptions(smaller);
    QCOMPARE(cache.options().maxBytes, 150);
    QVERIFY(cache.peek<int>("a"));
    QVERIFY(!cache.peek<int>("b"));
    QVERIFY(!cache.peek<int>("c"));
    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.evictions, 2);
    QCOMPARE(stats.entries, 1);
    QCOMPARE(stats.bytes, 100);
    QCOMPARE(stats.maxBytes, 150);
}

void TestQueryCache::setOptionsAppliesToNewEntries()
{
    QueryCache cache(options(), clock());
    get(cache, "old", 1);
    QueryCache::Options longer = cache.options();
    longer.ttlMs = 5000;
    cache.setOptions(longer);
    get(cache, "new", 2);
    QCOMPARE(cache.stats().ttlMs, 5000);

    m_now = 2000;
    QCOMPARE(cache.peek<int>("old"), std::nullopt);
    QCOMPARE(cache.peek<int>("new"), std::optional<int>(2));
}

void TestQueryCache::clear()
{
    QueryCache cache(options(), clock());
    get(cache, "a", 1, { QStringLiteral("fleet") });
    get(cache, "b", 2);
    cache.clear();

    QCOMPARE(cache.peek<int>("a"), std::nullopt);
    QCOMPARE(cache.peek<int>("b"), std::nullopt);
    QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.entries, 0);
    QCOMPARE(stats.bytes, 0);
    QCOMPARE(stats.misses, 2); // counters are cumulative
    QCOMPARE(cache.invalidate({ QStringLiteral("fleet") }), 0);

    QCOMPARE(get(cache, "a", 3, { QStringLiteral("fleet") }), 3);
    stats = cache.stats();
    QCOMPARE(stats.misses, 3);
    QCOMPARE(stats.entries, 1);
    QCOMPARE(stats.bytes, 100);
}

void TestQueryCache::clearDuringComputation()
{
    QueryCache cache(options(), clock());
    QFuture<int> future = start(cache, "k", held(m_gate, 1));
    cache.clear();
    QFuture<int> after = start(cache, "k", held(m_otherGate, 2));
    m_gate.release();
    QCOMPARE(future.result(), 1);
    QCOMPARE(cache.peek<int>("k"), std::nullopt);
    m_otherGate.release();
    QCOMPARE(after.result(), 2);
    QCOMPARE(cache.peek<int>("k"), std::optional<int>(2));
}

void TestQueryCache::stats()
{
    QueryCache::Options options = this->options(1000);
    options.ttlMs = 2000;
    QueryCache cache(options, clock());
    QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.maxBytes, 1000);
    QCOMPARE(stats.ttlMs, 2000);
    QCOMPARE(stats.hitRate(), 0.0);

    get(cache, "a", 1, {}, 40);
    for (int i = 0; i < 3; ++i)
        get(cache, "a", 1, {}, 40);
    QVERIFY(!cache.peek<int>("none")); // counts nothing
    m_now = 2100; // expired, within the stale window
    get(cache, "a", 1, {}, 40);
    stats = cache.stats();
    QCOMPARE(stats.hits, 4);
    QCOMPARE(stats.staleHits, 1);
    QCOMPARE(stats.misses, 1);
    QCOMPARE(stats.hitRate(), 0.8);
    QCOMPARE(stats.entries, 1);
    QCOMPARE(stats.bytes, 40);
    QCOMPARE(stats.evictions, 0);
    QCOMPARE(stats.invalidations, 0);
    QCOMPARE(stats.sharedWaits, 0);
}

void TestQueryCache::destroyedWhileComputing()
{
    auto cache = std::make_unique<QueryCache>(options(), clock());
    QFuture<int> future = start(*cache, "k", held(m_gate, 1));
    QFuture<int> joined = start(*cache, "k", held(m_gate, 2));
    cache.reset();
    m_gate.release();
    QCOMPARE(future.result(), 1);
    QCOMPARE(joined.result(), 1);
}

void TestQueryCache::concurrentUse()
{
    // Many threads, few keys, a tight bound, time moving and tags being invalidated: every caller still gets the
    // value of its key and every fetch is counted exactly once.
    QueryCache::Options options = this->options(20 * 10);
    options.ttlMs = 40;
    options.jitter = 0.5;
    options.staleMs = 40;
    QueryCache cache(options, clock());
    constexpr int Threads = 4;
    constexpr int PerThread = 3000;
    constexpr int Keys = 32;
    std::vector<std::vector<std::pair<int, QFuture<int>>>> results(Threads);
    std::vector<std::thread> threads;
    for (int t = 0; t < Threads; ++t) {
        threads.emplace_back([&, t] {
            QRandomGenerator random(quint32(t + 1));
            for (int i = 0; i < PerThread; ++i) {
                ++m_now;
                const int key = int(random.bounded(Keys));
                const QStringList tags { QStringLiteral("group:%1").arg(key % 4) };
                if (random.bounded(100) == 0)
                    cache.invalidate(tags);
                results[t].emplace_back(key,
                                        cache.fetch<int>(
                                            QByteArray::number(key), tags, &m_pool, [key] { return key * 7; },
                                            [](const int &) { return qsizetype(10); }));
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (auto &perThread : results) {
        for (auto &[key, future] : perThread)
            QCOMPARE(future.result(), key * 7);
    }
    m_pool.waitForDone();

    const QueryCacheStats stats = cache.stats();
    QCOMPARE(stats.hits + stats.misses + stats.sharedWaits, Threads * PerThread);
    QVERIFY(stats.staleHits <= stats.hits);
    QVERIFY(stats.bytes <= options.maxBytes);
    QCOMPARE(stats.bytes, 10 * stats.entries);
}

QTEST_GUILESS_MAIN(TestQueryCache)
#include "tst_querycache.moc"
