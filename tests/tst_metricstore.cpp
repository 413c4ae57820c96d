// The store on SQLite and on a real PostgreSQL: schema and migrations, idempotent writes, rollups that always
// agree with the raw samples, latest values, transactions, retention, source state, and refusing files that
// are not ours.
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/schema.h"
#include "storagetestsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlRecord>
#include <QtTest>
#include <memory>

class TestMetricStore : public QObject
{
    Q_OBJECT

private:
    TestDatabases m_databases { "store" };
    QString m_connection = QStringLiteral("tst-store");
    std::unique_ptr<MetricStore> m_store;
    DatabaseUrl m_url;

    // Opens a fresh database of the current row's backend (skips PostgreSQL when no server is configured).
    bool openFresh()
    {
        QFETCH(QString, backend);
        if (TestDatabases::skipUnavailable(backend))
            return false;
        m_url = *DatabaseUrl::parse(m_databases.freshUrl(backend));
        QString error;
        const auto db = Database::open(m_url, m_connection, &error);
        if (!db)
            qFatal("cannot open %s: %s", qPrintable(m_url.redacted()), qPrintable(error));
        m_store = std::make_unique<MetricStore>(*db);
        return true;
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(m_store->database());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return q.value(0).toLongLong();
    }

    QHash<QString, qint64> addResources(int count, const QString &source = QStringLiteral("src"))
    {
        QList<ResourceInfo> list;
        for (int i = 0; i < count; ++i) {
            ResourceInfo r;
            r.externalId = QStringLiteral("id-%1").arg(i);
            r.name = QStringLiteral("web-%1").arg(i, 4, 10, QLatin1Char('0'));
            r.kind = QStringLiteral("droplet");
            r.region = QStringLiteral("fra1");
            r.tags = QStringList { QStringLiteral("prod"), QStringLiteral("web") };
            r.vcpus = 2;
            r.memoryMb = 4096;
            r.diskGb = 80;
            list << r;
        }
        m_store->transaction();
        const auto ids = m_store->upsertResources(source, list, 1000);
        if (!ids)
            qWarning() << m_store->lastError();
        m_store->commit();
        return ids.value_or(QHash<QString, qint64>());
    }

    // Rollups recomputed from raw samples must equal the incrementally maintained ones, bucket by bucket.
    void verifyRollupsMatchSamples()
    {
        for (qint64 period : { Schema::HourSeconds, Schema::DaySeconds }) {
            QSqlQuery q(m_store->database());
            const QString sql = (QStringLiteral(
                "SELECT count(*) FROM ("
                "  SELECT resource_id, metric, ts - (ts % ?) AS bucket, min(value) AS mn, max(value) AS mx,"
                "         sum(value) AS sm, count(*) AS c FROM samples GROUP BY resource_id, metric, ts - (ts % ?)) s"
                " FULL OUTER JOIN (SELECT * FROM rollups WHERE period = ?) r"
                " ON r.resource_id = s.resource_id AND r.metric = s.metric AND r.bucket = s.bucket"
                " WHERE r.bucket IS NULL OR s.bucket IS NULL OR r.count <> s.c OR abs(r.min - s.mn) > 1e-9"
                " OR abs(r.max - s.mx) > 1e-9 OR abs(r.sum - s.sm) > 1e-6"))
                                    .replace(QLatin1Char('?'), QString::number(period));
            QVERIFY2(q.exec(sql) && q.next(), qPrintable(q.lastError().text()));
            QCOMPARE(q.value(0).toLongLong(), 0);
            // The fleet rollups, however many pieces a bucket is in, equal the samples of all resources.
            const QString fleet = (QStringLiteral(
                "SELECT count(*) FROM ("
                "  SELECT metric, ts - (ts % ?) AS bucket, min(value) AS mn, max(value) AS mx, sum(value) AS sm,"
                "         count(*) AS c FROM samples GROUP BY metric, ts - (ts % ?)) s"
                " FULL OUTER JOIN (SELECT metric, bucket, min(min) AS mn, max(max) AS mx, sum(sum) AS sm,"
                "         sum(count) AS c FROM fleet_rollup_parts WHERE period = ? GROUP BY metric, bucket) f"
                " ON f.metric = s.metric AND f.bucket = s.bucket"
                " WHERE f.bucket IS NULL OR s.bucket IS NULL OR f.c <> s.c OR abs(f.mn - s.mn) > 1e-9"
                " OR abs(f.mx - s.mx) > 1e-9 OR abs(f.sm - s.sm) > 1e-6"))
                                     .replace(QLatin1Char('?'), QString::number(period));
            QVERIFY2(q.exec(fleet) && q.next(), qPrintable(q.lastError().text()));
            QCOMPARE(q.value(0).toLongLong(), 0);
        }
    }

private Q_SLOTS:
    void cleanup()
    {
        m_store.reset();
        Database::close(m_connection);
    }

    void schemaIsCreatedAndVersioned_data() { TestDatabases::addBackendRows(); }
    void schemaIsCreatedAndVersioned()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        {
            QSqlDatabase db = m_store->database();
            QCOMPARE(Schema::version(db), Schema::CurrentVersion);
            for (const char *table : { "resources", "samples", "rollups", "sync_runs", "source_state", "alert_events",
                                       "query_baselines", "fleet_rollup_parts" })
                QVERIFY2(db.tables().contains(QLatin1String(table)), table);
        }
        // Opening again is a no-op migration that keeps the data.
        addResources(3);
        m_store.reset();
        Database::close(m_connection);
        QString error;
        const auto again = Database::open(m_url, m_connection, &error);
        QVERIFY2(again, qPrintable(error));
        m_store = std::make_unique<MetricStore>(*again);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM resources")), 3);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM schema_version")), Schema::CurrentVersion);
    }

    void newerSchemaIsRefused_data() { TestDatabases::addBackendRows(); }
    void newerSchemaIsRefused()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (99)")));
        m_store.reset();
        Database::close(m_connection);
        QString error;
        QVERIFY(!Database::open(m_url, m_connection, &error));
        QVERIFY2(error.contains(QLatin1String("newer OpsDeck")) && error.contains(QLatin1String("99")),
                 qPrintable(error));
    }

    void resourcesKeepTheirIds_data() { TestDatabases::addBackendRows(); }
    void resourcesKeepTheirIds()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const auto first = addResources(5);
        QCOMPARE(first.size(), 5);
        const auto second = addResources(5);
        QCOMPARE(second, first);
        // The same external id under another source is another resource.
        const auto other = addResources(1, QStringLiteral("other"));
        QVERIFY(other.value(QStringLiteral("id-0")) != first.value(QStringLiteral("id-0")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM resources")), 6);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM resources WHERE tags = 'prod,web'")), 6);
    }

    void rewritingAWindowNeverDuplicates_data() { TestDatabases::addBackendRows(); }
    void rewritingAWindowNeverDuplicates()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const qint64 id = addResources(1).value(QStringLiteral("id-0"));
        const qint64 t0 = 1'700'000'000;
        QList<SampleRow> first, overlap;
        for (int i = 0; i < 100; ++i)
            first << SampleRow { id, Metric::Cpu, t0 + i * 300, double(i % 50) };
        for (int i = 50; i < 150; ++i)
            overlap << SampleRow { id, Metric::Cpu, t0 + i * 300, double(i % 50) };
        QVERIFY(m_store->transaction());
        QCOMPARE(m_store->writeSamples(first), 100);
        QVERIFY(m_store->commit());
        QVERIFY(m_store->transaction());
        QCOMPARE(m_store->writeSamples(overlap), 50);
        QVERIFY(m_store->commit());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM samples")), 150);
        verifyRollupsMatchSamples();
        // Hourly rollups of 5-minute samples count 12 each (but the partial first and last hours).
        QCOMPARE(scalar(QStringLiteral("SELECT sum(count) FROM rollups WHERE period = 3600")), 150);
        QCOMPARE(scalar(QStringLiteral("SELECT sum(count) FROM rollups WHERE period = 86400")), 150);
    }

    void rollupsMatchSamplesForShuffledBatches_data() { TestDatabases::addBackendRows(); }
    void rollupsMatchSamplesForShuffledBatches()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const auto ids = addResources(4);
        QList<SampleRow> all;
        QRandomGenerator random(42);
        for (qint64 id : ids) {
            for (Metric m : AllMetrics) {
                for (int i = 0; i < 600; ++i) // ~2 days at 5 minutes, straddling midnight
                    all << SampleRow { id, m, 1'700'000'000 + i * 300 + random.bounded(60), random.bounded(100.0) };
            }
        }
        std::shuffle(all.begin(), all.end(), std::mt19937(7));
        // Batches that cut buckets in pieces, plus duplicates across batches.
        qint64 stored = 0;
        for (qsizetype start = 0; start < all.size(); start += 997) {
            QList<SampleRow> batch = all.mid(start, 997);
            batch += all.mid(std::max<qsizetype>(0, start - 50), 50);
            QVERIFY(m_store->transaction());
            const qint64 n = m_store->writeSamples(batch);
            QVERIFY2(n >= 0, qPrintable(m_store->lastError()));
            stored += n;
            QVERIFY(m_store->commit());
        }
        QCOMPARE(stored, all.size());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM samples")), all.size());
        verifyRollupsMatchSamples();

        // On PostgreSQL every batch added its own pieces of the fleet rollups; pruning merges them into one row
        // per bucket and the totals stay the same. SQLite keeps one row per bucket all along.
        const qint64 buckets = scalar(QStringLiteral("SELECT count(*) FROM (SELECT DISTINCT metric, period, bucket"
                                                     " FROM fleet_rollup_parts) d"));
        if (m_store->isSqlite())
            QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fleet_rollup_parts")), buckets);
        else
            QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM fleet_rollup_parts")) > buckets);
        QVERIFY2(m_store->prune(1'700'000'000, 30), qPrintable(m_store->lastError()));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fleet_rollup_parts")), buckets);
        verifyRollupsMatchSamples();
        // A later write into an existing bucket (no sample is ever at +150 s) adds a piece again; the next prune
        // merges it too.
        QVERIFY(m_store->transaction());
        QCOMPARE(m_store->writeSamples({ { ids.value(QStringLiteral("id-0")), Metric::Cpu, 1'700'000'150, 50 } }), 1);
        QVERIFY(m_store->commit());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fleet_rollup_parts")),
                 m_store->isSqlite() ? buckets : buckets + 2);
        verifyRollupsMatchSamples();
        QVERIFY(m_store->prune(1'700'000'000, 30));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM fleet_rollup_parts")), buckets);
        verifyRollupsMatchSamples();
    }

    void latestValuesFollowTheNewestSample_data() { TestDatabases::addBackendRows(); }
    void latestValuesFollowTheNewestSample()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const qint64 id = addResources(1).value(QStringLiteral("id-0"));
        QVERIFY(m_store->transaction());
        QVERIFY(m_store->writeSamples({ { id, Metric::Cpu, 2000, 10 }, { id, Metric::Cpu, 3000, 30 },
                                        { id, Metric::Disk, 2500, 55.5 } })
                >= 0);
        QVERIFY(m_store->commit());
        // An older window arriving later (a backfill) must not overwrite the newer value.
        QVERIFY(m_store->transaction());
        QVERIFY(m_store->writeSamples({ { id, Metric::Cpu, 1000, 99 } }) >= 0);
        QVERIFY(m_store->commit());
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT cpu, memory, disk, metrics_updated_at FROM resources")) && q.next());
        QCOMPARE(q.value(0).toDouble(), 30.0);
        QVERIFY(q.value(1).isNull());
        QCOMPARE(q.value(2).toDouble(), 55.5);
        QCOMPARE(q.value(3).toLongLong(), 3000);
        const auto times = m_store->lastSampleTimes(QStringLiteral("src"));
        QVERIFY(times);
        QCOMPARE(times->value(QStringLiteral("id-0/cpu")), 3000);
        QCOMPARE(times->value(QStringLiteral("id-0/disk")), 2500);
        QVERIFY(!times->contains(QStringLiteral("id-0/memory")));
    }

    void rolledBackBatchLeavesNothing_data() { TestDatabases::addBackendRows(); }
    void rolledBackBatchLeavesNothing()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const qint64 id = addResources(1).value(QStringLiteral("id-0"));
        QVERIFY(m_store->transaction());
        QCOMPARE(m_store->writeSamples({ { id, Metric::Cpu, 2000, 10 }, { id, Metric::Memory, 2000, 20 } }), 2);
        QVERIFY(m_store->saveSourceState(QStringLiteral("src"), { { QStringLiteral("k"), QStringLiteral("v") } }));
        m_store->rollback();
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM samples")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM rollups")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM source_state")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM resources WHERE cpu IS NOT NULL")), 0);
    }

    void sourceStateRoundTrips_data() { TestDatabases::addBackendRows(); }
    void sourceStateRoundTrips()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const QHash<QString, QString> state { { QStringLiteral("cpu_counters"), QStringLiteral("1000 250") },
                                              { QStringLiteral("cursor"), QStringLiteral("ü→✓") } };
        QVERIFY(m_store->saveSourceState(QStringLiteral("a"), state));
        QVERIFY(m_store->saveSourceState(QStringLiteral("a"), { { QStringLiteral("cursor"), QStringLiteral("2") } }));
        QVERIFY(m_store->saveSourceState(QStringLiteral("b"), { { QStringLiteral("cursor"), QStringLiteral("b") } }));
        // A source clearing a key sets it to a null QString: stored as empty text, never a failed sync.
        QVERIFY2(m_store->saveSourceState(QStringLiteral("b"), { { QStringLiteral("problems"), QString() } }),
                 qPrintable(m_store->lastError()));
        const auto loaded = m_store->loadSourceState(QStringLiteral("a"));
        QVERIFY(loaded);
        QCOMPARE(loaded->value(QStringLiteral("cpu_counters")), QStringLiteral("1000 250"));
        QCOMPARE(loaded->value(QStringLiteral("cursor")), QStringLiteral("2"));
        QCOMPARE(loaded->size(), 2);
    }

    void retentionPrunesRawButKeepsRollups_data() { TestDatabases::addBackendRows(); }
    void retentionPrunesRawButKeepsRollups()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const qint64 id = addResources(1).value(QStringLiteral("id-0"));
        const qint64 now = 1'800'000'000;
        const qint64 day = 86400;
        QList<SampleRow> rows;
        for (qint64 d : { 500, 100, 31, 29, 1 }) // days ago
            rows << SampleRow { id, Metric::Cpu, now - d * day, double(d) };
        QVERIFY(m_store->transaction());
        QCOMPARE(m_store->writeSamples(rows), 5);
        SyncRunRecord oldRun;
        oldRun.source = QStringLiteral("src");
        oldRun.sourceType = QStringLiteral("local");
        oldRun.startedAt = oldRun.finishedAt = now - 401 * day;
        oldRun.status = QStringLiteral("ok");
        SyncRunRecord newRun = oldRun;
        newRun.startedAt = newRun.finishedAt = now - day;
        QVERIFY(m_store->insertSyncRun(oldRun) && m_store->insertSyncRun(newRun));
        QVERIFY(m_store->commit());

        QVERIFY2(m_store->prune(now, 30), qPrintable(m_store->lastError()));
        // Raw: only the last 30 days. Rollups: 400 days. Sync runs: 400 days.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM samples")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM rollups WHERE period = 86400")), 4);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM rollups WHERE period = 3600")), 4);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM sync_runs")), 1);
    }

    void alertTransitionsAreRecorded_data() { TestDatabases::addBackendRows(); }
    void alertTransitionsAreRecorded()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const auto ids = addResources(2);
        const qint64 a = ids.value(QStringLiteral("id-0"));
        const qint64 b = ids.value(QStringLiteral("id-1"));
        auto transition = [](qint64 resource, Metric metric, AlertState state, AlertLevel level, double value,
                             double threshold, qint64 at, qint64 since) {
            AlertTransition t;
            t.resourceId = resource;
            t.metric = metric;
            t.state = state;
            t.level = level;
            t.value = value;
            t.threshold = threshold;
            t.at = at;
            t.since = since;
            return t;
        };
        QVERIFY(m_store->transaction());
        QVERIFY2(m_store->recordAlertTransitions({
                     transition(a, Metric::Cpu, AlertState::Pending, AlertLevel::Warning, 85, 80, 1000, 1000),
                     transition(a, Metric::Cpu, AlertState::Firing, AlertLevel::Warning, 86, 80, 1300, 1000),
                     transition(b, Metric::Disk, AlertState::Pending, AlertLevel::Warning, 81, 80, 1300, 1300),
                     transition(a, Metric::Cpu, AlertState::Escalated, AlertLevel::Critical, 95, 90, 1600, 1600),
                     transition(b, Metric::Disk, AlertState::Cancelled, AlertLevel::Warning, 70, 80, 1600, 1300),
                 }),
                 qPrintable(m_store->lastError()));
        QVERIFY(m_store->commit());
        // Pending and Cancelled leave no trace; the escalation updated the one open event.
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM alert_events")), 1);
        auto row = [this](const QString &sql) {
            QSqlQuery q(m_store->database());
            q.setForwardOnly(true);
            if (!q.exec(sql) || !q.next())
                return QStringList { q.lastError().text() };
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells << (q.isNull(i) ? QStringLiteral("null") : q.value(i).toString());
            return cells;
        };
        const QString select = QStringLiteral("SELECT resource_id, metric, level, state, value, threshold, started_at,"
                                              " resolved_at FROM alert_events ORDER BY id");
        QCOMPARE(row(select),
                 (QStringList { QString::number(a), QStringLiteral("1"), QStringLiteral("critical"),
                                QStringLiteral("firing"), QStringLiteral("95"), QStringLiteral("90"),
                                QStringLiteral("1000"), QStringLiteral("null") }));

        QVERIFY(m_store->transaction());
        QVERIFY(m_store->recordAlertTransitions({
            transition(a, Metric::Cpu, AlertState::DeEscalated, AlertLevel::Warning, 84, 80, 1900, 1000),
            transition(a, Metric::Cpu, AlertState::Resolved, AlertLevel::Warning, 50, 80, 2200, 1000),
            // Fires again: a new event, the resolved one stays history.
            transition(a, Metric::Cpu, AlertState::Firing, AlertLevel::Critical, 99, 90, 2500, 2500),
        }));
        // A rolled-back batch leaves the events as they were.
        m_store->rollback();
        QCOMPARE(row(select).value(2), QStringLiteral("critical"));
        QVERIFY(m_store->transaction());
        QVERIFY(m_store->recordAlertTransitions({
            transition(a, Metric::Cpu, AlertState::DeEscalated, AlertLevel::Warning, 84, 80, 1900, 1000),
            transition(a, Metric::Cpu, AlertState::Resolved, AlertLevel::Warning, 50, 80, 2200, 1000),
            transition(a, Metric::Cpu, AlertState::Firing, AlertLevel::Critical, 99, 90, 2500, 2500),
        }));
        QVERIFY(m_store->commit());
        QCOMPARE(row(select),
                 (QStringList { QString::number(a), QStringLiteral("1"), QStringLiteral("warning"),
                                QStringLiteral("resolved"), QStringLiteral("84"), QStringLiteral("80"),
                                QStringLiteral("1000"), QStringLiteral("2200") }));
        QCOMPARE(row(select + QStringLiteral(" DESC")),
                 (QStringList { QString::number(a), QStringLiteral("1"), QStringLiteral("critical"),
                                QStringLiteral("firing"), QStringLiteral("99"), QStringLiteral("90"),
                                QStringLiteral("2500"), QStringLiteral("null") }));
        // At most one open event per series, even when a Firing comes while one is open (evaluator state lost).
        QVERIFY(m_store->transaction());
        QVERIFY(m_store->recordAlertTransitions(
            { transition(a, Metric::Cpu, AlertState::Firing, AlertLevel::Critical, 97, 90, 2800, 2800) }));
        QVERIFY(m_store->commit());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM alert_events WHERE state = 'firing'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM alert_events")), 2);
    }

    void syncRunsAreRecorded_data() { TestDatabases::addBackendRows(); }
    void syncRunsAreRecorded()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        SyncRunRecord run;
        run.source = QStringLiteral("do");
        run.sourceType = QStringLiteral("digitalocean");
        run.startedAt = 100;
        run.finishedAt = 105;
        run.status = QStringLiteral("failed");
        run.apiCalls = 7;
        run.throttled = 2;
        run.error = QStringLiteral("DigitalOcean token rejected (401)");
        QVERIFY(m_store->insertSyncRun(run));
        QSqlQuery q(m_store->database());
        QVERIFY(q.exec(QStringLiteral("SELECT source, status, api_calls, throttled, error FROM sync_runs")) && q.next());
        QCOMPARE(q.value(0).toString(), run.source);
        QCOMPARE(q.value(1).toString(), run.status);
        QCOMPARE(q.value(2).toInt(), 7);
        QCOMPARE(q.value(3).toInt(), 2);
        QCOMPARE(q.value(4).toString(), run.error);
    }

    // --- SQLite files that are not ours are refused and left byte for byte as they were ----------------------

    void foreignFilesAreRefusedAndUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << QByteArray("hello, this is not a database\n") << QStringLiteral("not a SQLite");
        QTest::newRow("binary junk") << QByteArray(8192, '\xAB') << QStringLiteral("not a SQLite");
    }
    void foreignFilesAreRefusedAndUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QString error;
        QVERIFY(!Database::open(*DatabaseUrl::parse(QStringLiteral("sqlite://") + path), m_connection, &error));
        QVERIFY2(error.contains(expected) && error.contains(path), qPrintable(error));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }

    void otherSqliteDatabaseIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("app.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        const QByteArray before = [&] {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        QString error;
        QVERIFY(!Database::open(*DatabaseUrl::parse(QStringLiteral("sqlite://") + path), m_connection, &error));
        QVERIFY2(error.contains(QLatin1String("not an OpsDeck cache")) && error.contains(QLatin1String("invoices")),
                 qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    void corruptSqliteIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.db"));
        const DatabaseUrl url = *DatabaseUrl::parse(QStringLiteral("sqlite://") + path);
        {
            QString error;
            const auto db = Database::open(url, m_connection, &error);
            QVERIFY2(db, qPrintable(error));
            MetricStore store(*db);
            store.transaction();
            ResourceInfo info;
            info.externalId = info.name = QStringLiteral("x");
            info.kind = QStringLiteral("host");
            const qint64 id = store.upsertResources(QStringLiteral("s"), { info }, 1)->value(QStringLiteral("x"));
            QList<SampleRow> rows;
            for (int i = 0; i < 20000; ++i)
                rows << SampleRow { id, Metric::Cpu, i, 1.0 };
            store.writeSamples(rows);
            store.commit();
            QSqlQuery q(*db);
            q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        Database::close(m_connection);
        // Overwrite the schema page: SQLite itself calls this "malformed".
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write(QByteArray(3000, '\x5A'));
        f.close();
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        QString error;
        QVERIFY(!Database::open(url, m_connection, &error));
        QVERIFY2(error.contains(path) && error.contains(QLatin1String("left untouched")), qPrintable(error));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    void unwritableLocationIsExplained()
    {
        QString error;
        const auto url = DatabaseUrl::parse(QStringLiteral("sqlite:///proc/opsdeck-test/x.db"));
        QVERIFY(!Database::open(*url, m_connection, &error));
        QVERIFY2(error.contains(QLatin1String("/proc/opsdeck-test")) && error.contains(QLatin1String("--db")),
                 qPrintable(error));
    }

    void unreachablePostgresIsExplainedWithoutPassword()
    {
        QString error;
        const auto url = DatabaseUrl::parse(QStringLiteral("postgresql://ops:s3cr3t-pw@127.0.0.1:1/metrics"));
        QVERIFY(url);
        QVERIFY(!Database::open(*url, m_connection, &error));
        QVERIFY2(error.contains(QLatin1String("127.0.0.1")) && error.contains(QLatin1String("running")),
                 qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("s3cr3t-pw")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestMetricStore)
#include "tst_metricstore.moc"
