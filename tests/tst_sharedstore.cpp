// Shared store under load (issue #7): two `opsdeck --sync --watch --json` processes with the same configuration on
// one PostgreSQL, and a reader process exporting history and health, for several sync intervals. Proves that
//   - each source is synced once per interval, not once per syncer: consecutive successful syncs of a source (its
//     sync_runs rows, whichever syncer made them) are an interval apart, never a few seconds;
//   - the syncer that finds a source busy or just synced reports it `locked` in its JSON round, writes nothing and
//     makes no request;
//   - nothing deadlocks: both syncers keep finishing rounds, no PostgreSQL backend waits on a lock for long, both
//     exit 0 on SIGTERM and leave no advisory lock behind;
//   - no API call is made twice: every request the DigitalOcean test servers counted belongs to a successful sync
//     (list calls == syncs, metric calls == syncs × droplets × 5, total == the api_calls sync_runs recorded);
//   - the stored samples are the servers' truth, none twice; the reader never saw an error.
// Needs OPSDECK_TEST_PG_URL (scripts/test.sh starts a scratch cluster); skipped without it. Takes about a minute.
#include "fakedigitalocean.h"
#include "storagetestsupport.h"

#include "clitestsupport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>
#include <vector>

namespace {

constexpr int IntervalSeconds = 10; // the configuration's minimum (config.cpp MinInterval): as many cycles as possible
constexpr int RunSeconds = 50; // about five intervals; the whole test stays well under 90 s
constexpr int Droplets = 3;
constexpr int MetricCallsPerDroplet = 5; // cpu, memory_total, memory_available, filesystem_size, filesystem_free
constexpr int SlowMetricMs = 300;
const QString TokenVariable = QStringLiteral("OPSDECK_SHARED_TOKEN");
const QStringList SourceNames { QStringLiteral("do-a"), QStringLiteral("do-b") };

struct Syncer
{
    std::unique_ptr<QProcess> process;
    QByteArray out;
    QByteArray err;
    Syncer() = default;
    Syncer(Syncer &&) = default;
    ~Syncer()
    {
        if (process && process->state() != QProcess::NotRunning) { // a failed check: leave no syncer behind
            process->kill();
            process->waitForFinished(5000);
        }
    }
    void drain()
    {
        out += process->readAllStandardOutput();
        err += process->readAllStandardError();
    }
    QList<QJsonObject> rounds() const
    {
        QList<QJsonObject> result;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.trimmed().isEmpty())
                result << QJsonDocument::fromJson(line).object();
        }
        return result;
    }
};

struct SyncRow
{
    qint64 started = 0, finished = 0;
    QString status;
    int apiCalls = 0;
};

} // namespace

class tst_SharedStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void twoSyncersAndAReader();

private:
    QSqlDatabase openCheck(const QString &url);
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QList<std::shared_ptr<FakeDigitalOcean>> m_servers; // one per source, so each source's requests count apart
    TestDatabases m_databases { "shared" };
    const QString m_checkConnection = QStringLiteral("shared-check");
};

void tst_SharedStore::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(OPSDECK_BINARY)).isExecutable(), OPSDECK_BINARY);
    QVERIFY(m_dir.isValid());
    FakeDigitalOcean::Options options;
    options.droplets = Droplets;
    options.databases = 0;
    options.apps = 0;
    options.token = "dop_v1_sharedstore";
    options.requestsPerMinute = 1000000; // pacing is not what this suite is about
    options.rebootAgoSeconds = 0;
    QString ini = QStringLiteral("[sync]\ninterval=%1s\n").arg(IntervalSeconds);
    for (const QString &name : SourceNames) {
        auto server = std::make_shared<FakeDigitalOcean>(options);
        QVERIFY(server->start());
        if (name == SourceNames.last()) {
            // A slow provider: this source's syncs take longer (15 × 300 ms) than a syncer waits for a held lock
            // (3 s), so the other syncer also meets it busy, not only just synced.
            FakeDigitalOcean::Fault slow;
            slow.pattern = QStringLiteral("/v2/monitoring/");
            slow.kind = FakeDigitalOcean::FaultKind::Delay;
            slow.delayMs = SlowMetricMs;
            server->addFault(slow);
        }
        ini += QStringLiteral("[source.%1]\ntype=digitalocean\napi_url=%2\ntoken_env=%3\ninterval=%4s\nbackfill=1d\n"
                              "requests_per_minute=250\nrequests_per_hour=5000\n")
                   .arg(name, server->url(), TokenVariable)
                   .arg(IntervalSeconds);
        m_servers << server;
    }

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
    file.write(ini.toUtf8());
    file.close();
    m_env.insert(QStringLiteral("OPSDECK_CONFIG"), config);
}

void tst_SharedStore::cleanupTestCase()
{
    if (QSqlDatabase::contains(m_checkConnection)) {
        QSqlDatabase::database(m_checkConnection, false).close();
        QSqlDatabase::removeDatabase(m_checkConnection);
    }
    m_servers.clear();
}

QSqlDatabase tst_SharedStore::openCheck(const QString &url)
{
    const auto parsed = DatabaseUrl::parse(url);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_checkConnection);
    db.setHostName(parsed->host);
    db.setPort(parsed->port);
    db.setUserName(parsed->user);
    db.setDatabaseName(parsed->database);
    db.open();
    return db;
}

void tst_SharedStore::twoSyncersAndAReader()
{
    if (TestDatabases::postgresServerUrl().isEmpty())
        QSKIP("PostgreSQL not available: set OPSDECK_TEST_PG_URL (scripts/test.sh starts a scratch cluster)");
    const QString url = m_databases.freshUrl(QStringLiteral("postgresql")); // a database of its own per run
    QVERIFY(!url.isEmpty());

    // Both syncers start together, as two machines' systemd units would after a power cut: the worst case for
    // syncing one source twice.
    const qint64 startedAt = QDateTime::currentSecsSinceEpoch();
    std::vector<Syncer> syncers(2);
    for (Syncer &s : syncers) {
        s.process = std::make_unique<QProcess>();
        s.process->setProgram(QStringLiteral(OPSDECK_BINARY));
        s.process->setArguments({ QStringLiteral("--sync"), QStringLiteral("--watch"), QStringLiteral("--json"),
                                  QStringLiteral("--db"), url });
        s.process->setProcessEnvironment(m_env);
        s.process->setWorkingDirectory(m_dir.path());
        s.process->start();
    }
    for (Syncer &s : syncers)
        QVERIFY(s.process->waitForStarted(10000));

    // The reader: history export and health, back to back, for the whole run. Every run must succeed. Meanwhile a
    // watch on PostgreSQL: no backend of this database may wait on a lock for more than a few seconds (a deadlock
    // would be broken by PostgreSQL after deadlock_timeout, but a stuck wait would show here).
    QSqlDatabase check = openCheck(url);
    QVERIFY2(check.isOpen(), qPrintable(check.lastError().text()));
    int reads = 0;
    int longestLockWaitSeconds = 0;
    int waitingSeen = 0;
    QElapsedTimer clock;
    clock.start();
    const QString from = QStringLiteral("-2d");
    while (clock.elapsed() < RunSeconds * 1000) {
        const bool history = reads % 2 == 0;
        const Result r = runProgram(QStringLiteral(OPSDECK_BINARY),
                                    history ? QStringList { QStringLiteral("--export"), QStringLiteral("history"),
                                                            QStringLiteral("--out"), QStringLiteral("-"),
                                                            QStringLiteral("--from"), from, QStringLiteral("--db"), url }
                                            : QStringList { QStringLiteral("--health"), QStringLiteral("--json"),
                                                            QStringLiteral("--db"), url },
                                    m_env, m_dir.path(), 30000);
        // Health is honestly not ok until both sources have synced once; after the first interval it must be.
        const bool settled = clock.elapsed() > IntervalSeconds * 1000;
        QVERIFY2(r.code() == 0 || (!history && !settled && r.code() == 1), r.describe());
        if (history) {
            QString csvError;
            const auto csv = parseCsv(r.out, &csvError);
            QVERIFY2(csv, qPrintable(csvError));
            QVERIFY(!csv->isEmpty());
        } else {
            const QString status = r.json().value(QStringLiteral("status")).toString();
            QVERIFY2(!status.isEmpty() && (!settled || status == QLatin1String("ok")), r.describe());
        }
        ++reads;
        QSqlQuery q(check);
        QVERIFY2(q.exec(QStringLiteral("SELECT count(*), coalesce(max(extract(epoch FROM now() - state_change)), 0)"
                                       " FROM pg_stat_activity WHERE datname = current_database()"
                                       " AND wait_event_type = 'Lock'"))
                     && q.next(),
                 qPrintable(q.lastError().text()));
        waitingSeen += q.value(0).toInt();
        longestLockWaitSeconds = std::max(longestLockWaitSeconds, int(q.value(1).toDouble()));
        QVERIFY2(longestLockWaitSeconds < 10, "a PostgreSQL backend has waited on a lock for 10 s or more");
        for (Syncer &s : syncers) {
            s.drain(); // keep the pipes from filling
            QVERIFY2(s.process->state() == QProcess::Running, s.err.constData());
        }
        QTest::qWait(200);
    }

    // SIGTERM: each finishes the source in flight and exits 0.
    for (Syncer &s : syncers)
        s.process->terminate();
    for (Syncer &s : syncers) {
        QVERIFY2(s.process->waitForFinished(30000), "a syncer did not stop on SIGTERM");
        s.drain();
        QVERIFY2(s.process->exitStatus() == QProcess::NormalExit && s.process->exitCode() == 0, s.err.constData());
    }
    const qint64 stoppedAt = QDateTime::currentSecsSinceEpoch();

    // The syncers' own account: each kept finishing rounds (none stalled behind the other), and a source it did
    // not sync is `locked`, never `failed`.
    QMap<QString, int> okReported, lockedReported;
    for (size_t i = 0; i < syncers.size(); ++i) {
        const QList<QJsonObject> rounds = syncers[i].rounds();
        QVERIFY2(rounds.size() >= 2, syncers[i].out.constData());
        int ok = 0, busy = 0, justSynced = 0; // locked: held by the other at that moment, or synced by it just now
        for (const QJsonObject &round : rounds) {
            for (const QJsonValue &v : round.value(QStringLiteral("sources")).toArray()) {
                const QJsonObject source = v.toObject();
                const QString name = source.value(QStringLiteral("name")).toString();
                const QString status = source.value(QStringLiteral("status")).toString();
                QVERIFY2(status == QLatin1String("ok") || status == QLatin1String("locked"),
                         QJsonDocument(round).toJson().constData());
                (status == QLatin1String("ok") ? okReported : lockedReported)[name] += 1;
                if (status == QLatin1String("locked")) {
                    QCOMPARE(source.value(QStringLiteral("api_calls")).toInt(), 0);
                    const bool skipped = source.value(QStringLiteral("error")).toString().contains(
                        QLatin1String("was synced"));
                    ++(skipped ? justSynced : busy);
                } else {
                    ++ok;
                }
            }
        }
        qInfo("syncer %d: %lld rounds: %d syncs, %d found the source's lock held, %d found it just synced",
              int(i + 1), qlonglong(rounds.size()), ok, busy, justSynced);
    }

    // No advisory lock survives the syncers.
    QSqlQuery q(check);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);

    const qint64 elapsed = stoppedAt - startedAt;
    for (int s = 0; s < SourceNames.size(); ++s) {
        const QString &name = SourceNames[s];
        FakeDigitalOcean &server = *m_servers[s];
        q.prepare(QStringLiteral("SELECT started_at, finished_at, status, api_calls, duration_ms FROM sync_runs"
                                 " WHERE source = ?"
                                 " ORDER BY started_at, finished_at"));
        q.addBindValue(name);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QList<SyncRow> runs;
        int apiCalls = 0;
        qint64 durationMs = 0;
        while (q.next()) {
            durationMs += q.value(4).toLongLong();
            runs << SyncRow { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                              q.value(3).toInt() };
            QCOMPARE(runs.last().status, QStringLiteral("ok"));
            apiCalls += runs.last().apiCalls;
        }
        const int syncs = int(runs.size());
        QCOMPARE(okReported.value(name), syncs); // every ok in a JSON round is one row, and only those

        // Once per interval: consecutive syncs never overlap and are about an interval apart (± 10 % jitter, a
        // second of timestamp rounding, and the sync's own duration); never two in one interval.
        QString gaps;
        for (qsizetype i = 1; i < runs.size(); ++i)
            gaps += QString::number(runs[i].started - runs[i - 1].started) + u' ';
        for (qsizetype i = 1; i < runs.size(); ++i) {
            const qint64 gap = runs[i].started - runs[i - 1].started;
            QVERIFY2(runs[i].started >= runs[i - 1].finished,
                     qPrintable(QStringLiteral("%1: two syncs overlap: %2").arg(name, gaps)));
            QVERIFY2(gap >= IntervalSeconds / 2,
                     qPrintable(QStringLiteral("%1 synced twice within one interval; gaps between syncs (s): %2")
                                    .arg(name, gaps)));
        }
        // The first at start-up, then one an interval after the previous one finished.
        const double meanSeconds = syncs ? double(durationMs) / syncs / 1000.0 : 0.0;
        const int expected = int(double(elapsed) / (IntervalSeconds + meanSeconds)) + 1;
        qInfo("%s: %d syncs in %lld s (expected %d ± 1; a sync takes %.1f s), %d rounds found it locked, gaps %s",
              qPrintable(name), syncs, elapsed, expected, meanSeconds, lockedReported.value(name), qPrintable(gaps));
        QVERIFY2(std::abs(syncs - expected) <= 1,
                 qPrintable(QStringLiteral("%1: %2 syncs in %3 s, expected %4 ± 1").arg(name).arg(syncs).arg(elapsed)
                                .arg(expected)));

        // No duplicate API calls: the server saw exactly what `syncs` syncs by one syncer make.
        const int lists = server.requestCount(QStringLiteral("/v2/droplets"));
        const int metrics = server.requestCount(QStringLiteral("/v2/monitoring/metrics/droplet/"));
        qInfo("%s: server counted %d requests: %d droplet lists, %d metric calls; sync_runs api_calls sum %d",
              qPrintable(name), server.requestCount(), lists, metrics, apiCalls);
        QCOMPARE(lists, syncs);
        QCOMPARE(server.requestCount(QStringLiteral("/v2/databases")), syncs);
        QCOMPARE(server.requestCount(QStringLiteral("/v2/apps")), syncs);
        QCOMPARE(metrics, syncs * Droplets * MetricCallsPerDroplet);
        QCOMPARE(server.requestCount(), apiCalls);

        // The samples are the server's truth, none twice (the primary key forbids it; the GROUP BY proves it).
        q.prepare(QStringLiteral("SELECT r.external_id, s.metric, s.ts, s.value, count(*) OVER"
                                 " (PARTITION BY s.resource_id, s.metric, s.ts)"
                                 " FROM samples s JOIN resources r ON r.id = s.resource_id WHERE r.source = ?"));
        q.addBindValue(name);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QMap<QString, int> index;
        for (int i = 0; i < Droplets; ++i)
            index[server.dropletId(i)] = i;
        int samples = 0;
        while (q.next()) {
            ++samples;
            QCOMPARE(q.value(4).toInt(), 1);
            const QString id = q.value(0).toString();
            QVERIFY2(index.contains(id), qPrintable(id));
            const int d = index.value(id);
            const qint64 ts = q.value(2).toLongLong();
            const int metric = q.value(1).toInt();
            const std::optional<double> truth = metric == 1 ? server.trueCpuPercent(d, ts)
                : metric == 2                               ? std::optional(server.trueMemoryPercent(d, ts))
                                                            : std::optional(server.trueDiskPercent(d, ts));
            QVERIFY2(truth && std::abs(*truth - q.value(3).toDouble()) < 1e-9,
                     qPrintable(QStringLiteral("%1 metric %2 at %3").arg(id).arg(metric).arg(ts)));
        }
        // A day of 5-minute samples for each metric of each droplet.
        QVERIFY2(samples >= Droplets * 3 * 288, qPrintable(QString::number(samples)));
    }
    qInfo("reader: %d exports/health checks, all ok; lock waits seen in pg_stat_activity: %d (longest %d s)", reads,
          waitingSeen, longestLockWaitSeconds);
    q = QSqlQuery();
    check.close();
}

QTEST_GUILESS_MAIN(tst_SharedStore)
#include "tst_sharedstore.moc"
