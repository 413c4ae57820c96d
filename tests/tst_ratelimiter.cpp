#include "net/ratelimiter.h"

#include <QRandomGenerator>
#include <QTest>

namespace {

constexpr qint64 T0 = 1790000000000; // some epoch milliseconds
constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;

using Times = QList<qint64>;

// The most requests any window of windowMs holds, over the ascending times.
int busiestWindow(const Times &times, qint64 windowMs)
{
    int busiest = 0;
    qsizetype last = 0;
    for (qsizetype first = 0; first < times.size(); ++first) {
        while (last < times.size() && times.at(last) < times.at(first) + windowMs)
            ++last;
        busiest = qMax(busiest, int(last - first));
    }
    return busiest;
}

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void delays_data();
    void delays();
    void remainingThisHour();
    void serverRemainingZeroWaitsForReset();
    void serverRemainingIsAnUpperBound();
    void serverWithoutReset();
    void serverResetIsBounded();
    void unknownHeadersChangeNothing();
    void blockUntil();
    void stateRoundTrip();
    void garbageState_data();
    void garbageState();
    void memoryIsBounded();
    void simulation_data();
    void simulation();
};

void TestRateLimiter::delays_data()
{
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perHour");
    QTest::addColumn<Times>("sent"); // offsets from T0
    QTest::addColumn<qint64>("at"); // offset from T0
    QTest::addColumn<qint64>("delay");

    QTest::newRow("nothing sent") << 250 << 5000 << Times {} << qint64(0) << qint64(0);
    QTest::newRow("room in both windows") << 3 << 100 << Times { 0, 1000 } << qint64(2000) << qint64(0);
    QTest::newRow("minute full") << 3 << 100 << Times { 0, 1000, 2000 } << qint64(3000) << qint64(57000);
    QTest::newRow("minute full, 1 ms before the oldest leaves")
        << 3 << 100 << Times { 0, 1000, 2000 } << qint64(59999) << qint64(1);
    QTest::newRow("minute full, the oldest just left")
        << 3 << 100 << Times { 0, 1000, 2000 } << qint64(60000) << qint64(0);
    QTest::newRow("burst in one millisecond") << 3 << 100 << Times { 5, 5, 5 } << qint64(5) << qint64(60000);
    QTest::newRow("overfull minute: two must leave")
        << 2 << 100 << Times { 0, 1000, 2000 } << qint64(3000) << qint64(58000);
    QTest::newRow("old requests left the minute")
        << 3 << 100 << Times { 0, 1000, 2000 } << qint64(Minute + 2000) << qint64(0);
    QTest::newRow("hour full") << 10 << 3 << Times { 0, Minute, 2 * Minute } << qint64(3 * Minute)
                               << qint64(Hour - 3 * Minute);
    QTest::newRow("hour full, the oldest just left")
        << 10 << 3 << Times { 0, Minute, 2 * Minute } << qint64(Hour) << qint64(0);
    QTest::newRow("hour decides over minute")
        << 2 << 4 << Times { 0, 1000, Minute, Minute + 1000 } << qint64(Minute + 2000) << qint64(Hour - Minute - 2000);
    QTest::newRow("minute decides over hour")
        << 2 << 4 << Times { 0, Hour - 1000, Hour - 500 } << qint64(Hour) << qint64(Minute - 1000);
    QTest::newRow("requests older than an hour do not count")
        << 2 << 2 << Times { 0, 1000 } << qint64(Hour + 1000) << qint64(0);
}

void TestRateLimiter::delays()
{
    QFETCH(int, perMinute);
    QFETCH(int, perHour);
    QFETCH(Times, sent);
    QFETCH(qint64, at);
    QFETCH(qint64, delay);

    RateLimiter limiter(perMinute, perHour);
    for (qint64 t : sent)
        limiter.recordRequest(T0 + t);
    QCOMPARE(limiter.delayBeforeNextMs(T0 + at), delay);
    // Waiting as told is always enough.
    QCOMPARE(limiter.delayBeforeNextMs(T0 + at + delay), qint64(0));
}

void TestRateLimiter::remainingThisHour()
{
    RateLimiter limiter(250, 5000);
    QCOMPARE(limiter.remainingThisHour(T0), 5000);
    for (int i = 0; i < 10; ++i)
        limiter.recordRequest(T0 + i * 1000);
    QCOMPARE(limiter.remainingThisHour(T0 + 10000), 4990);
    QCOMPARE(limiter.remainingThisHour(T0 + Hour + 4500), 4995);
    QCOMPARE(limiter.remainingThisHour(T0 + 2 * Hour), 5000);
    QCOMPARE(limiter.perMinute(), 250);
    QCOMPARE(limiter.perHour(), 5000);
}

void TestRateLimiter::serverRemainingZeroWaitsForReset()
{
    RateLimiter limiter(250, 5000);
    limiter.recordRequest(T0);
    limiter.learn(T0 + 200, 0, (T0 + 30000) / 1000);
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 200), qint64(29800));
    QCOMPARE(limiter.remainingThisHour(T0 + 200), 0);
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 29999), qint64(1));
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 30000), qint64(0));
    QCOMPARE(limiter.remainingThisHour(T0 + 30000), 4999);
}

void TestRateLimiter::serverRemainingIsAnUpperBound()
{
    // Our own windows have plenty of room, the server says two more: the third waits for its reset.
    RateLimiter limiter(250, 5000);
    limiter.recordRequest(T0);
    limiter.learn(T0 + 100, 2, (T0 + 10000) / 1000);
    QCOMPARE(limiter.remainingThisHour(T0 + 100), 2);
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 100), qint64(0));
    limiter.recordRequest(T0 + 100);
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 200), qint64(0));
    limiter.recordRequest(T0 + 200);
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 300), qint64(9700));
    // After the reset the server's word no longer holds.
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 10000), qint64(0));
    limiter.recordRequest(T0 + 10000);
    QCOMPARE(limiter.remainingThisHour(T0 + 10000), 4996);

    // A fresh answer replaces the old one.
    limiter.learn(T0 + 10100, 0, (T0 + 20000) / 1000);
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 10100), qint64(9900));
    limiter.learn(T0 + 10200, 100, (T0 + 20000) / 1000);
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 10200), qint64(0));
}

void TestRateLimiter::serverWithoutReset()
{
    // Remaining 0 but no reset time: assume the server's window refills within a minute.
    RateLimiter limiter(250, 5000);
    limiter.learn(T0, 0, -1);
    QCOMPARE(limiter.delayBeforeNextMs(T0), Minute);
    // A reset already past (clock skew) with nothing left: a short pause, not a stampede.
    RateLimiter skewed(250, 5000);
    skewed.learn(T0, 0, T0 / 1000 - 5);
    QCOMPARE(skewed.delayBeforeNextMs(T0), qint64(1000));
}

void TestRateLimiter::serverResetIsBounded()
{
    RateLimiter limiter(250, 5000);
    limiter.learn(T0, 0, T0 / 1000 + 10 * 24 * 3600);
    QCOMPARE(limiter.delayBeforeNextMs(T0), Hour);
}

void TestRateLimiter::unknownHeadersChangeNothing()
{
    RateLimiter limiter(2, 100);
    limiter.learn(T0, -1, -1);
    limiter.learn(T0, -1, T0 / 1000 + 60);
    QCOMPARE(limiter.delayBeforeNextMs(T0), qint64(0));
    QCOMPARE(limiter.remainingThisHour(T0), 100);
}

void TestRateLimiter::blockUntil()
{
    RateLimiter limiter(250, 5000);
    limiter.blockUntil(T0 + 5000);
    QCOMPARE(limiter.delayBeforeNextMs(T0), qint64(5000));
    // An earlier block does not shorten a later one.
    limiter.blockUntil(T0 + 1000);
    QCOMPARE(limiter.delayBeforeNextMs(T0), qint64(5000));
    QCOMPARE(limiter.delayBeforeNextMs(T0 + 5000), qint64(0));
    // A block and a full window: the longer wait wins.
    RateLimiter full(1, 100);
    full.recordRequest(T0);
    full.blockUntil(T0 + 10000);
    QCOMPARE(full.delayBeforeNextMs(T0), Minute);
    full.blockUntil(T0 + 2 * Minute);
    QCOMPARE(full.delayBeforeNextMs(T0), 2 * Minute);
}

void TestRateLimiter::stateRoundTrip()
{
    RateLimiter limiter(5, 20);
    for (int i = 0; i < 12; ++i)
        limiter.recordRequest(T0 + i * 13000);
    limiter.blockUntil(T0 + 200000);
    limiter.learn(T0 + 150000, 3, (T0 + 400000) / 1000);
    const QString state = limiter.saveState();
    QVERIFY(state.size() < 200);

    RateLimiter restored(5, 20);
    restored.restoreState(state);
    QCOMPARE(restored.saveState(), state);
    for (qint64 at : { T0 + 150000, T0 + 200000, T0 + 300000, T0 + Hour, T0 + Hour + 100000 }) {
        QCOMPARE(restored.delayBeforeNextMs(at), limiter.delayBeforeNextMs(at));
        QCOMPARE(restored.remainingThisHour(at), limiter.remainingThisHour(at));
    }

    // Empty limiter round trip.
    RateLimiter empty(250, 5000);
    RateLimiter emptyRestored(250, 5000);
    emptyRestored.restoreState(empty.saveState());
    QCOMPARE(emptyRestored.saveState(), empty.saveState());
    QCOMPARE(emptyRestored.delayBeforeNextMs(T0), qint64(0));

    // Restored into tighter limits (the configuration changed): the tighter limits rule.
    RateLimiter tighter(2, 4);
    tighter.restoreState(state);
    QCOMPARE(tighter.remainingThisHour(T0 + 12 * 13000), 0);
    QVERIFY(tighter.delayBeforeNextMs(T0 + 12 * 13000) > 0);
}

void TestRateLimiter::garbageState_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("kept"); // requests that survive, at T0 + 0, 1000, 2000…

    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("words") << QStringLiteral("hello world") << 0;
    QTest::newRow("unknown version") << QStringLiteral("rl9;0;-1;0;%1,1000").arg(T0) << 0;
    QTest::newRow("too few fields") << QStringLiteral("rl1;0;-1;%1,1000").arg(T0) << 0;
    QTest::newRow("too many fields") << QStringLiteral("rl1;0;-1;0;%1,1000;x").arg(T0) << 0;
    QTest::newRow("separators only") << QStringLiteral(";;;;") << 0;
    QTest::newRow("bad numbers in the header fields") << QStringLiteral("rl1;x;y;z;%1,1000").arg(T0) << 2;
    QTest::newRow("a bad entry ends the list") << QStringLiteral("rl1;0;-1;0;%1,1000,abc,1000").arg(T0) << 2;
    QTest::newRow("negative delta ends the list") << QStringLiteral("rl1;0;-1;0;%1,1000,-5,1000").arg(T0) << 2;
    QTest::newRow("negative start") << QStringLiteral("rl1;0;-1;0;-5,1000") << 0;
    QTest::newRow("huge delta ends the list") << QStringLiteral("rl1;0;-1;0;%1,1000,99999999999999,1").arg(T0) << 2;
    QTest::newRow("overflowing number") << QStringLiteral("rl1;0;-1;0;%1,99999999999999999999999").arg(T0) << 1;
    QTest::newRow("surrounding spaces") << QStringLiteral("  rl1; 0 ;-1;0; %1 , 1000 \n").arg(T0) << 2;
    QTest::newRow("binary") << QString::fromLatin1("\x01\x02rl1;\xff;;\x7f") << 0;
    QTest::newRow("negative block is no block") << QStringLiteral("rl1;-99;-7;-1;%1").arg(T0) << 1;
}

void TestRateLimiter::garbageState()
{
    QFETCH(QString, state);
    QFETCH(int, kept);

    RateLimiter limiter(2, 100);
    limiter.restoreState(state);
    const qint64 now = T0 + 2000;
    QCOMPARE(limiter.remainingThisHour(now), 100 - kept);
    QCOMPARE(limiter.delayBeforeNextMs(now), kept >= 2 ? qint64(58000) : qint64(0));
    // Still fully usable.
    limiter.recordRequest(T0 + Hour * 2);
    QCOMPARE(limiter.remainingThisHour(T0 + Hour * 2), 99);
}

void TestRateLimiter::memoryIsBounded()
{
    // A caller that ignores the delays must not grow the limiter without bound.
    RateLimiter limiter(10, 50);
    for (int i = 0; i < 20000; ++i)
        limiter.recordRequest(T0 + i);
    const QString state = limiter.saveState();
    QCOMPARE(state.section(QLatin1Char(';'), 4).split(QLatin1Char(',')).size(), 50);
    QCOMPARE(limiter.remainingThisHour(T0 + 20000), 0);
}

void TestRateLimiter::simulation_data()
{
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perHour");
    QTest::addColumn<bool>("gaps");

    QTest::newRow("DigitalOcean, back to back") << 250 << 5000 << false;
    QTest::newRow("DigitalOcean, with gaps") << 250 << 5000 << true;
    QTest::newRow("tight, back to back") << 10 << 50 << false;
    QTest::newRow("tight, with gaps") << 10 << 50 << true;
}

// 6,000 requests on a virtual clock that waits exactly as long as the limiter says; the limiter is saved and
// restored every 500 requests, as separate `opsdeck --sync` runs would.
void TestRateLimiter::simulation()
{
    QFETCH(int, perMinute);
    QFETCH(int, perHour);
    QFETCH(bool, gaps);

    QRandomGenerator random(42);
    auto limiter = std::make_unique<RateLimiter>(perMinute, perHour);
    Times sent;
    qint64 now = T0;
    for (int i = 0; i < 6000; ++i) {
        if (gaps)
            now += random.bounded(3) == 0 ? random.bounded(20000) : 0;
        const qint64 delay = limiter->delayBeforeNextMs(now);
        QVERIFY(delay >= 0 && delay <= Hour);
        now += delay;
        QCOMPARE(limiter->delayBeforeNextMs(now), qint64(0));
        limiter->recordRequest(now);
        sent.append(now);
        if (i % 500 == 499) {
            const QString state = limiter->saveState();
            limiter = std::make_unique<RateLimiter>(perMinute, perHour);
            limiter->restoreState(state);
        }
    }

    QVERIFY(busiestWindow(sent, Minute) <= perMinute);
    QVERIFY(busiestWindow(sent, Hour) <= perHour);
    if (!gaps) {
        // Exact, not merely safe: the budget is used to the last request, with no margin lost.
        QCOMPARE(busiestWindow(sent, Minute), perMinute);
        QCOMPARE(busiestWindow(sent, Hour), perHour);
        QCOMPARE(sent.at(perMinute), T0 + Minute);
        QCOMPARE(sent.at(perHour), T0 + Hour);
    }
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
