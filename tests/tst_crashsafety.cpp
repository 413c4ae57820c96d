// Crash safety: `opsdeck --sync` is killed with SIGKILL at random moments of a large DigitalOcean backfill (opening
// and migrating the cache, listing, fetching, mid-flush, the final commit). After every kill the cache is
// consistent — SQLite's integrity_check is ok, rollups, fleet rollups and latest values agree with the samples on
// both engines — and a sync run to its end then leaves exactly the server's truth: every sample of every series,
// none twice, each with its true value.
//
// The kill moments come from a seeded generator; the seed is printed. Environment:
//   OPSDECK_CRASH_SEED=N   replay a run          OPSDECK_CRASH_KILLS=N   kills per engine (default 12; 20 on
//   SQLite alone)         OPSDECK_CRASH_BINARY=PATH   the opsdeck to kill (default: the one built here)
#include "fakedigitalocean.h"
#include "storagetestsupport.h"

#include "clitestsupport.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

namespace {

constexpr int TimeoutMs = 120000;
constexpr qint64 Step = 300;
const QString TokenVariable = QStringLiteral("OPSDECK_CRASH_TOKEN");

// Large enough that a backfill takes a couple of seconds and flushes (every 50,000 samples) several times.
constexpr int Droplets = 16;
constexpr int Databases = 2; // db-0 is MySQL (metrics), db-1 PostgreSQL (none)
constexpr int Apps = 2;
constexpr qint64 BackfillSeconds = 4 * 86400;

struct Aggregate
{
    double min = 0, max = 0, sum = 0;
    qint64 count = 0;
};

bool sameAggregate(const Aggregate &a, const Aggregate &b)
{
    const double tolerance = 1e-6 * std::max(1.0, std::abs(a.sum));
    return a.count == b.count && std::abs(a.sum - b.sum) <= tolerance && a.min == b.min && a.max == b.max;
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

} // namespace

class tst_CrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void killedSyncs_data();
    void killedSyncs();

private:
    // A QtSql connection to the cache for checking; closed again before the next sync.
    std::optional<QSqlDatabase> connect(const QString &url, QString *error);
    void disconnect();
    // What must hold after any kill. Empty when it holds, otherwise what is wrong.
    QString checkConsistent(const QString &url);
    // After a completed sync: the samples are exactly the server's, from the start of the backfill to `now`.
    QString checkTruth(const QString &url, qint64 firstStart, qint64 finalStart, qint64 finalEnd);
    // PostgreSQL notices a killed client's connection going away a moment later; until then its session still
    // holds the source's advisory lock and the next syncer would report it locked.
    bool waitForSessionsGone(const QString &url);

    QProcess *startSync(const QString &url);

    QTemporaryDir m_dir;
    std::unique_ptr<FakeDigitalOcean> m_fake;
    QProcessEnvironment m_env;
    // A long run may use a copy, so that rebuilding the tree meanwhile does not pull the binary from under it.
    QString m_binary = qEnvironmentVariable("OPSDECK_CRASH_BINARY", QStringLiteral(OPSDECK_BINARY));
    TestDatabases m_databases { "crash" };
    quint32 m_seed = 0;
    QRandomGenerator m_random;
    QString m_checkConnection = QStringLiteral("crash-check");
};

void tst_CrashSafety::initTestCase()
{
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
    QVERIFY(m_dir.isValid());
    m_seed = quint32(envInt("OPSDECK_CRASH_SEED", int(QRandomGenerator::global()->bounded(1, 1 << 30))));
    m_random.seed(m_seed);
    qInfo("kill moments from seed %u (replay with OPSDECK_CRASH_SEED=%u)", m_seed, m_seed);

    FakeDigitalOcean::Options options;
    options.droplets = Droplets;
    options.databases = Databases;
    options.apps = Apps;
    options.token = "dop_v1_crashsafety";
    options.requestsPerMinute = 1000000; // the client's own pacing is not what this suite is about
    m_fake = std::make_unique<FakeDigitalOcean>(options);
    QVERIFY(m_fake->start());

    m_env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "OPSDECK_CONFIG", "OPSDECK_DB", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS", "http_proxy",
                              "HTTP_PROXY", "all_proxy", "ALL_PROXY" })
        m_env.remove(QLatin1String(name));
    m_env.insert(QStringLiteral("HOME"), m_dir.path());
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    m_env.insert(TokenVariable, QString::fromLatin1(options.token));
    const QString config = m_dir.filePath(QStringLiteral("opsdeck.ini"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("[source.do]\ntype=digitalocean\napi_url=%1\ntoken_env=%2\nbackfill=%3s\n"
                              "requests_per_minute=250\nrequests_per_hour=5000\n")
                   .arg(m_fake->url(), TokenVariable)
                   .arg(BackfillSeconds)
                   .toUtf8());
    file.close();
    m_env.insert(QStringLiteral("OPSDECK_CONFIG"), config);
}

void tst_CrashSafety::cleanupTestCase()
{
    disconnect();
    m_fake.reset();
}

QProcess *tst_CrashSafety::startSync(const QString &url)
{
    auto *p = new QProcess(this);
    p->setProgram(m_binary);
    p->setArguments({ QStringLiteral("--sync"), QStringLiteral("--json"), QStringLiteral("--db"), url });
    p->setProcessEnvironment(m_env);
    p->setWorkingDirectory(m_dir.path());
    p->start();
    return p;
}

// Removes the check connection when it goes out of scope; declared before the QSqlDatabase handle, so that goes
// first and the connection is no longer in use when it is removed.
struct ConnectionGuard
{
    std::function<void()> release;
    ~ConnectionGuard() { release(); }
};

std::optional<QSqlDatabase> tst_CrashSafety::connect(const QString &url, QString *error)
{
    const auto parsed = DatabaseUrl::parse(url);
    if (!parsed) {
        *error = QStringLiteral("bad URL ") + url;
        return std::nullopt;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(
        parsed->isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), m_checkConnection);
    if (parsed->isSqlite()) {
        db.setDatabaseName(parsed->path);
    } else {
        db.setHostName(parsed->host);
        db.setPort(parsed->port);
        db.setUserName(parsed->user);
        db.setDatabaseName(parsed->database);
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return std::nullopt;
    }
    return db;
}

void tst_CrashSafety::disconnect()
{
    if (!QSqlDatabase::contains(m_checkConnection))
        return;
    QSqlDatabase::database(m_checkConnection, false).close();
    QSqlDatabase::removeDatabase(m_checkConnection);
}

bool tst_CrashSafety::waitForSessionsGone(const QString &url)
{
    QString error;
    const ConnectionGuard guard { [this] { disconnect(); } };
    const auto db = connect(url, &error);
    if (!db)
        return false;
    bool gone = false;
    QElapsedTimer waited;
    waited.start();
    while (!gone && waited.elapsed() < 30000) {
        QSqlQuery q(*db);
        gone = q.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                     " AND pid <> pg_backend_pid()"))
            && q.next() && q.value(0).toInt() == 0;
        if (!gone)
            QTest::qWait(20);
    }
    return gone;
}

QString tst_CrashSafety::checkConsistent(const QString &url)
{
    QString error;
    const ConnectionGuard guard { [this] { disconnect(); } };
    const auto db = connect(url, &error);
    if (!db)
        return QStringLiteral("cannot open the cache after a kill: ") + error;
    QSqlQuery q(*db);
    q.setForwardOnly(true);
    const bool sqlite = db->driverName() == QLatin1String("QSQLITE");
    const auto finish = [](const QString &problem) { return problem; };
    if (sqlite) {
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")) || !q.next())
            return finish(QStringLiteral("integrity_check did not run: ") + q.lastError().text());
        if (q.value(0).toString() != QLatin1String("ok"))
            return finish(QStringLiteral("integrity_check: ") + q.value(0).toString());
        q.finish();
    }
    if (!db->tables().contains(QStringLiteral("samples")))
        return finish(QString()); // killed before the schema's transaction committed: nothing to check

    // Rollups are exactly an aggregation of the samples: a sample committed without its rollup, or folded twice,
    // shows here.
    using Key = std::tuple<qint64, int, qint64, qint64>; // resource, metric, period, bucket
    std::map<Key, Aggregate> fromSamples;
    std::map<std::tuple<int, qint64, qint64>, Aggregate> fleetFromSamples;
    for (const qint64 period : { 3600, 86400 }) {
        if (!q.exec(QStringLiteral("SELECT resource_id, metric, (ts / %1) * %1, min(value), max(value), sum(value),"
                                   " count(*) FROM samples GROUP BY 1, 2, 3")
                        .arg(period)))
            return finish(q.lastError().text());
        while (q.next()) {
            const Aggregate a { q.value(3).toDouble(), q.value(4).toDouble(), q.value(5).toDouble(),
                                q.value(6).toLongLong() };
            fromSamples[{ q.value(0).toLongLong(), q.value(1).toInt(), period, q.value(2).toLongLong() }] = a;
            Aggregate &f = fleetFromSamples[{ q.value(1).toInt(), period, q.value(2).toLongLong() }];
            f.min = f.count ? std::min(f.min, a.min) : a.min;
            f.max = f.count ? std::max(f.max, a.max) : a.max;
            f.sum += a.sum;
            f.count += a.count;
        }
    }
    std::map<Key, Aggregate> rollups;
    if (!q.exec(QStringLiteral("SELECT resource_id, metric, period, bucket, min, max, sum, count FROM rollups")))
        return finish(q.lastError().text());
    while (q.next()) {
        rollups[{ q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toLongLong() }]
            = Aggregate { q.value(4).toDouble(), q.value(5).toDouble(), q.value(6).toDouble(),
                          q.value(7).toLongLong() };
    }
    if (rollups.size() != fromSamples.size())
        return finish(QStringLiteral("%1 rollup rows, but the samples make %2 buckets")
                          .arg(rollups.size())
                          .arg(fromSamples.size()));
    for (const auto &[key, expected] : fromSamples) {
        const auto it = rollups.find(key);
        if (it == rollups.end() || !sameAggregate(it->second, expected))
            return finish(QStringLiteral("rollup of resource %1 metric %2 period %3 bucket %4 disagrees with its "
                                         "samples (count %5 vs %6)")
                              .arg(std::get<0>(key))
                              .arg(std::get<1>(key))
                              .arg(std::get<2>(key))
                              .arg(std::get<3>(key))
                              .arg(it == rollups.end() ? -1 : it->second.count)
                              .arg(expected.count));
    }
    // The fleet's rollups (pieces on PostgreSQL) add up to the same.
    if (!q.exec(QStringLiteral("SELECT metric, period, bucket, min(min), max(max), sum(sum), sum(count)"
                               " FROM fleet_rollup_parts GROUP BY 1, 2, 3")))
        return finish(q.lastError().text());
    qsizetype fleetRows = 0;
    while (q.next()) {
        ++fleetRows;
        const auto it = fleetFromSamples.find({ q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toLongLong() });
        const Aggregate stored { q.value(3).toDouble(), q.value(4).toDouble(), q.value(5).toDouble(),
                                 q.value(6).toLongLong() };
        if (it == fleetFromSamples.end() || !sameAggregate(stored, it->second))
            return finish(QStringLiteral("fleet rollup of metric %1 period %2 bucket %3 disagrees with the samples")
                              .arg(q.value(0).toInt())
                              .arg(q.value(1).toLongLong())
                              .arg(q.value(2).toLongLong()));
    }
    if (fleetRows != qsizetype(fleetFromSamples.size()))
        return finish(
            QStringLiteral("%1 fleet rollup buckets, the samples make %2").arg(fleetRows).arg(fleetFromSamples.size()));
    // The latest value of each series is its newest sample: the next sync starts from there, so a latest value
    // ahead of the samples would leave a hole and one behind would fetch again (harmless, but a lie on screen).
    const std::pair<const char *, int> metrics[] = { { "cpu", 1 }, { "memory", 2 }, { "disk", 3 } };
    for (const auto &[metric, number] : metrics) {
        if (!q.exec(QStringLiteral("SELECT r.id, r.%1, r.%1_at, (SELECT max(ts) FROM samples s WHERE s.resource_id ="
                                   " r.id AND s.metric = %2), (SELECT s.value FROM samples s WHERE s.resource_id ="
                                   " r.id AND s.metric = %2 AND s.ts = r.%1_at) FROM resources r")
                        .arg(QLatin1String(metric))
                        .arg(number)))
            return finish(q.lastError().text());
        while (q.next()) {
            const bool hasLatest = !q.value(2).isNull();
            const bool hasSamples = !q.value(3).isNull();
            if (hasLatest != hasSamples || (hasLatest && q.value(2).toLongLong() != q.value(3).toLongLong())
                || (hasLatest && q.value(1).toDouble() != q.value(4).toDouble()))
                return finish(QStringLiteral("resource %1: latest %2 at %3, but its newest sample is at %4")
                                  .arg(q.value(0).toLongLong())
                                  .arg(QLatin1String(metric), q.value(2).toString(), q.value(3).toString()));
        }
    }
    // A killed sync leaves no sync_runs row; a finished one leaves its one 'ok' row.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sync_runs WHERE status <> 'ok'")) || !q.next())
        return finish(q.lastError().text());
    if (q.value(0).toInt() != 0)
        return finish(QStringLiteral("%1 sync_runs rows that are not ok").arg(q.value(0).toInt()));
    return finish(QString());
}

QString tst_CrashSafety::checkTruth(const QString &url, qint64 firstStart, qint64 finalStart, qint64 finalEnd)
{
    QString error;
    const ConnectionGuard guard { [this] { disconnect(); } };
    const auto db = connect(url, &error);
    if (!db)
        return error;
    const auto finish = [](const QString &problem) { return problem; };
    QSqlQuery q(*db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT count(*), count(DISTINCT external_id) FROM resources WHERE source = 'do'"))
        || !q.next())
        return finish(q.lastError().text());
    if (q.value(0).toInt() != Droplets + Databases + Apps || q.value(1).toInt() != q.value(0).toInt())
        return finish(QStringLiteral("%1 resources stored (%2 distinct), the server has %3")
                          .arg(q.value(0).toInt())
                          .arg(q.value(1).toInt())
                          .arg(Droplets + Databases + Apps));
    q.finish();

    // Series key "external id/metric" → ts → value.
    QHash<QString, QMap<qint64, double>> stored;
    if (!q.exec(QStringLiteral("SELECT r.external_id, s.metric, s.ts, s.value FROM samples s"
                               " JOIN resources r ON r.id = s.resource_id")))
        return finish(q.lastError().text());
    qint64 storedCount = 0;
    while (q.next()) {
        QMap<qint64, double> &series = stored[q.value(0).toString() + u'/' + q.value(1).toString()];
        if (series.contains(q.value(2).toLongLong()))
            return finish(
                QStringLiteral("a duplicate sample: %1 at %2").arg(q.value(0).toString()).arg(q.value(2).toLongLong()));
        series.insert(q.value(2).toLongLong(), q.value(3).toDouble());
        ++storedCount;
    }

    // A series begins where the backfill of the sync that first stored it began (any sync of the cycle, the final
    // one included), and ends at the final sync's now.
    const auto ceilStep = [](qint64 t) { return (t + Step - 1) / Step * Step; };
    const qint64 earliestFirst = ceilStep(firstStart - BackfillSeconds);
    const qint64 latestFirst = ceilStep(finalEnd - BackfillSeconds);
    const qint64 earliestLast = finalStart / Step * Step;
    const qint64 latestLast = finalEnd / Step * Step;
    qint64 expectedCount = 0;
    const auto check
        = [&](const QString &id, int metric, const std::function<std::optional<double>(qint64)> &truth) -> QString {
        const QString key = id + u'/' + QString::number(metric);
        const QMap<qint64, double> series = stored.take(key);
        if (series.isEmpty())
            return QStringLiteral("no samples for %1").arg(key);
        const qint64 first = series.firstKey();
        const qint64 last = series.lastKey();
        if (first < earliestFirst || first > latestFirst)
            return QStringLiteral("%1 begins at %2, not within the backfill's start [%3, %4]")
                .arg(key)
                .arg(first)
                .arg(earliestFirst)
                .arg(latestFirst);
        if (last < earliestLast || last > latestLast)
            return QStringLiteral("%1 ends at %2, not at the final sync's now [%3, %4]")
                .arg(key)
                .arg(last)
                .arg(earliestLast)
                .arg(latestLast);
        for (qint64 ts = first; ts <= last; ts += Step) {
            const std::optional<double> expected = truth(ts);
            if (!expected) {
                if (series.contains(ts))
                    return QStringLiteral("%1 has a sample at %2 where the server has none").arg(key).arg(ts);
                continue;
            }
            ++expectedCount;
            const auto it = series.constFind(ts);
            if (it == series.cend())
                return QStringLiteral("%1 is missing the sample at %2").arg(key).arg(ts);
            if (std::abs(*it - *expected) > 1e-9)
                return QStringLiteral("%1 at %2 is %3, the server says %4").arg(key).arg(ts).arg(*it).arg(*expected);
        }
        return QString();
    };
    FakeDigitalOcean &fake = *m_fake;
    for (int i = 0; i < Droplets; ++i) {
        const QString id = fake.dropletId(i);
        for (const QString &problem :
             { check(id, 1, [&](qint64 ts) { return fake.trueCpuPercent(i, ts); }),
               check(id, 2, [&](qint64 ts) { return std::optional<double>(fake.trueMemoryPercent(i, ts)); }),
               check(id, 3, [&](qint64 ts) { return std::optional<double>(fake.trueDiskPercent(i, ts)); }) }) {
            if (!problem.isEmpty())
                return finish(problem);
        }
    }
    for (int d = 0; d < Databases; d += 2) { // MySQL clusters only: the Monitoring API has nothing for the others
        const QString id = fake.databaseId(d);
        int metric = 1;
        for (const char *name : { "cpu_usage", "memory_usage", "disk_usage" }) {
            const QString problem = check(id, metric++, [&](qint64 ts) {
                return std::optional<double>(fake.trueDatabasePercent(d, QLatin1String(name), ts));
            });
            if (!problem.isEmpty())
                return finish(problem);
        }
    }
    for (int a = 0; a < Apps; ++a) {
        const QString id = fake.appId(a);
        int metric = 1;
        for (const char *name : { "cpu_percentage", "memory_percentage" }) {
            const QString problem = check(id, metric++, [&](qint64 ts) {
                return std::optional<double>(fake.trueAppPercent(a, QLatin1String(name), ts));
            });
            if (!problem.isEmpty())
                return finish(problem);
        }
    }
    if (!stored.isEmpty())
        return finish(QStringLiteral("samples of series the server does not have: ")
                      + QStringList(stored.keys()).join(QLatin1String(", ")));
    if (storedCount != expectedCount)
        return finish(QStringLiteral("%1 samples stored, %2 expected").arg(storedCount).arg(expectedCount));
    return finish(QString());
}

void tst_CrashSafety::killedSyncs_data()
{
    TestDatabases::addBackendRows();
}

// Cycles of: a fresh cache; syncs killed at a random moment of the expected duration until one runs to its end;
// after each kill the cache is consistent, after the completed sync it is exactly the server's truth.
void tst_CrashSafety::killedSyncs()
{
    QFETCH(QString, backend);
    if (TestDatabases::skipUnavailable(backend))
        QSKIP("PostgreSQL not available: set OPSDECK_TEST_PG_URL (scripts/test.sh starts a scratch cluster)");
    // At least 20 kills in the suite: 12 per engine, or 20 when PostgreSQL is not there.
    const int wantedKills = envInt("OPSDECK_CRASH_KILLS", TestDatabases::postgresServerUrl().isEmpty() ? 20 : 12);

    // How long an uninterrupted backfill takes here: the kills land within it.
    const QString calibration = m_databases.freshUrl(backend);
    QVERIFY(!calibration.isEmpty());
    const qint64 calibrationStart = QDateTime::currentSecsSinceEpoch();
    QElapsedTimer clock;
    clock.start();
    {
        const Result r = runProgram(m_binary, { QStringLiteral("--sync"), QStringLiteral("--db"), calibration }, m_env,
                                    m_dir.path(), TimeoutMs);
        QVERIFY2(r.code() == 0, r.describe());
    }
    const qint64 fullMs = clock.elapsed();
    QString problem = checkTruth(calibration, calibrationStart, calibrationStart, QDateTime::currentSecsSinceEpoch());
    QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("uninterrupted sync: ") + problem));
    qInfo("%s: an uninterrupted backfill takes %lld ms", qPrintable(backend), fullMs);

    int kills = 0;
    int cycles = 0;
    int completedEarly = 0;
    QList<qint64> killMoments;
    while (kills < wantedKills) {
        ++cycles;
        const QString url = m_databases.freshUrl(backend);
        QVERIFY(!url.isEmpty());
        const qint64 firstStart = QDateTime::currentSecsSinceEpoch();
        for (;;) {
            const qint64 moment = qint64(m_random.bounded(quint32(fullMs * 11 / 10 + 1)));
            QProcess *p = startSync(url);
            QVERIFY(p->waitForStarted(10000));
            const bool finished = p->waitForFinished(int(std::max<qint64>(1, moment)));
            if (finished) {
                // The sync beat the kill: it must have succeeded, and the cycle ends with it.
                const QByteArray err = p->readAllStandardError();
                QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, err.constData());
                ++completedEarly;
                delete p;
                break;
            }
            p->kill(); // SIGKILL: no handler, no flush, no rollback from the process itself
            QVERIFY(p->waitForFinished(10000));
            if (p->exitStatus() == QProcess::NormalExit) { // it ended just before the signal
                QCOMPARE(p->exitCode(), 0);
                ++completedEarly;
                delete p;
                break;
            }
            delete p;
            ++kills;
            killMoments << moment;
            if (backend == QLatin1String("postgresql"))
                QVERIFY2(waitForSessionsGone(url), "the killed syncer's PostgreSQL session did not go away");
            problem = checkConsistent(url);
            QVERIFY2(problem.isEmpty(),
                     qPrintable(QStringLiteral("after kill %1 at %2 ms (seed %3): %4")
                                    .arg(kills)
                                    .arg(moment)
                                    .arg(m_seed)
                                    .arg(problem)));
            if (kills >= wantedKills)
                break;
        }
        // The sync that finishes the job (again, if the last one completed: an incremental one on top).
        const qint64 finalStart = QDateTime::currentSecsSinceEpoch();
        const Result r
            = runProgram(m_binary, { QStringLiteral("--sync"), QStringLiteral("--json"), QStringLiteral("--db"), url },
                         m_env, m_dir.path(), TimeoutMs);
        QVERIFY2(r.code() == 0, r.describe());
        problem = checkConsistent(url);
        QVERIFY2(problem.isEmpty(),
                 qPrintable(QStringLiteral("after the final sync (seed %1): %2").arg(m_seed).arg(problem)));
        problem = checkTruth(url, firstStart, finalStart, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(problem.isEmpty(),
                 qPrintable(QStringLiteral("cycle %1 (seed %2): %3").arg(cycles).arg(m_seed).arg(problem)));
    }
    std::sort(killMoments.begin(), killMoments.end());
    qInfo("%s: %d kills in %d cycles (%d syncs finished before their kill), moments %lld..%lld ms of %lld ms; "
          "every kill left a consistent cache and every cycle the server's exact data",
          qPrintable(backend), kills, cycles, completedEarly, killMoments.value(0),
          killMoments.value(killMoments.size() - 1), fullMs);
}

QTEST_GUILESS_MAIN(tst_CrashSafety)
#include "tst_crashsafety.moc"
