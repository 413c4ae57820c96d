// The thresholds of the Thresholds dialog in the cache, on SQLite and on a real PostgreSQL: what is saved is what is
// loaded (defaults and overrides, unset fields staying unset), a save replaces everything, an invalid set is refused
// with the reason and leaves the stored rules alone, a schema-2 cache gains the table, a cache without it loads the
// configured defaults, two teammates on one database see each other's saves (even saving at the same moment), and
// the sync engine applies a rule saved while it runs to its very next round.
#include "alerts/alertrule.h"
#include "config/config.h"
#include "storage/alertrulestore.h"
#include "storage/database.h"
#include "storage/schema.h"
#include "sync/syncengine.h"
#include "storagetestsupport.h"

#include <QDateTime>
#include <QMutex>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>
#include <algorithm>
#include <atomic>

namespace {

AlertOverride makeOverride(AlertScope scope, const QString &target, Metric metric, std::optional<double> warning,
                           std::optional<double> critical, std::optional<qint64> forSeconds = std::nullopt,
                           std::optional<double> clearMargin = std::nullopt)
{
    AlertOverride o;
    o.scope = scope;
    o.target = target;
    o.metric = metric;
    o.warning = warning;
    o.critical = critical;
    o.forSeconds = forSeconds;
    o.clearMargin = clearMargin;
    return o;
}

// Overrides in a canonical order, to compare sets regardless of the order they were given in.
QList<AlertOverride> sorted(QList<AlertOverride> list)
{
    std::sort(list.begin(), list.end(), [](const AlertOverride &a, const AlertOverride &b) {
        return std::tuple(int(a.scope), a.target, int(a.metric)) < std::tuple(int(b.scope), b.target, int(b.metric));
    });
    return list;
}

QString describe(const QList<AlertOverride> &list)
{
    QStringList parts;
    for (const AlertOverride &o : list)
        parts << QStringLiteral("%1 w=%2 c=%3 for=%4 m=%5")
                     .arg(o.describe())
                     .arg(o.warning ? QString::number(*o.warning) : QStringLiteral("-"))
                     .arg(o.critical ? QString::number(*o.critical) : QStringLiteral("-"))
                     .arg(o.forSeconds ? QString::number(*o.forSeconds) : QStringLiteral("-"))
                     .arg(o.clearMargin ? QString::number(*o.clearMargin) : QStringLiteral("-"));
    return parts.join(QLatin1String("; "));
}

// A configuration whose [alerts] differ from the built-in defaults, so a test can tell configured from stored.
AlertConfig configured()
{
    AlertConfig config;
    config.thresholds[Metric::Cpu] = { 70, 85 };
    config.forSeconds = 600;
    config.clearMargin = 3;
    return config;
}

// The set a user builds in the dialog: every default touched, and overrides of each scope, some partial.
AlertRuleSet edited()
{
    AlertRuleSet rules(configured());
    AlertRule cpu = rules.defaultRule(Metric::Cpu);
    cpu.warning = 75;
    cpu.critical = 92.5;
    cpu.forSeconds = 120;
    rules.setDefaultRule(cpu);
    AlertRule disk = rules.defaultRule(Metric::Disk);
    disk.clearMargin = 2;
    rules.setDefaultRule(disk);
    rules.addOverride(makeOverride(AlertScope::Resource, QStringLiteral("db-primary"), Metric::Disk, 70, 80, 0, 1));
    rules.addOverride(makeOverride(AlertScope::Tag, QStringLiteral("batch"), Metric::Cpu, 95, 99));
    rules.addOverride(makeOverride(AlertScope::Kind, QStringLiteral("database"), Metric::Memory, std::nullopt,
                                   std::nullopt, 900));
    rules.addOverride(makeOverride(AlertScope::Resource, QStringLiteral("Web 1 (ä)"), Metric::Cpu, std::nullopt, 97));
    return rules;
}

// Serves one fixed node_exporter exposition on a loopback port: a host whose memory is `memoryPercent` used.
class FakeNodeExporter final : public QObject
{
public:
    FakeNodeExporter(const QString &nodename, double memoryPercent)
    {
        m_body = QStringLiteral("# TYPE node_uname_info gauge\n"
                                "node_uname_info{nodename=\"%1\",sysname=\"Linux\"} 1\n"
                                "node_memory_MemTotal_bytes 1e+09\n"
                                "node_memory_MemAvailable_bytes %2\n")
                     .arg(nodename)
                     .arg(1e9 * (100 - memoryPercent) / 100, 0, 'f', 0)
                     .toUtf8();
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_request += socket->readAll();
                    if (!m_request.contains("\r\n\r\n"))
                        return;
                    m_request.clear();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nConnection: close\r\n"
                                  "Content-Length: "
                                  + QByteArray::number(m_body.size()) + "\r\n\r\n" + m_body);
                    socket->disconnectFromHost();
                });
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_server.serverPort()); }

private:
    QTcpServer m_server;
    QByteArray m_body;
    QByteArray m_request;
};

} // namespace

class TestAlertRuleStore : public QObject
{
    Q_OBJECT

private:
    TestDatabases m_databases { "rules" };
    DatabaseUrl m_url;
    QStringList m_connections;

    // A fresh, migrated database of the current row's backend; false (skip) for PostgreSQL without a server.
    bool openFresh()
    {
        QFETCH(QString, backend);
        if (TestDatabases::skipUnavailable(backend))
            return false;
        m_url = *DatabaseUrl::parse(m_databases.freshUrl(backend));
        return true;
    }

    QSqlDatabase connection(const QString &name)
    {
        QString error;
        const auto db = Database::open(m_url, name, &error);
        if (!db)
            qFatal("cannot open %s: %s", qPrintable(m_url.redacted()), qPrintable(error));
        m_connections << name;
        return *db;
    }

    static AlertRuleSet loaded(QSqlDatabase db)
    {
        AlertRuleSet rules(configured());
        AlertRuleStore store(db);
        if (!store.load(&rules))
            qWarning().noquote() << store.lastError();
        return rules;
    }

    static void compareSets(const AlertRuleSet &actual, const AlertRuleSet &expected)
    {
        for (Metric metric : AllMetrics)
            QCOMPARE(actual.defaultRule(metric), expected.defaultRule(metric));
        QVERIFY2(sorted(actual.overrides()) == sorted(expected.overrides()),
                 qPrintable(QStringLiteral("got %1\nexpected %2")
                                .arg(describe(sorted(actual.overrides())), describe(sorted(expected.overrides())))));
    }

private Q_SLOTS:
    void cleanup()
    {
        for (const QString &name : std::as_const(m_connections))
            Database::close(name);
        m_connections.clear();
    }

    void roundTrip_data() { TestDatabases::addBackendRows(); }
    void roundTrip()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QSqlDatabase db = connection(QStringLiteral("rules-a"));
        // Nothing saved yet: the configured defaults, no overrides.
        compareSets(loaded(db), AlertRuleSet(configured()));

        const AlertRuleSet rules = edited();
        QVERIFY(rules.validate().isEmpty());
        AlertRuleStore store(db);
        QVERIFY2(store.save(rules), qPrintable(store.lastError()));
        const AlertRuleSet back = loaded(db);
        compareSets(back, rules);
        // Unset fields stay unset: the kind override sets only `for`, the rest comes from the defaults.
        QCOMPARE(back.ruleFor(QStringLiteral("pg-1"), QStringLiteral("database"), {}, Metric::Memory),
                 (AlertRule { Metric::Memory, 85, 95, 900, 3 }));
        QCOMPARE(back.ruleFor(QStringLiteral("db-primary"), QStringLiteral("host"), { QStringLiteral("batch") },
                              Metric::Disk),
                 (AlertRule { Metric::Disk, 70, 80, 0, 1 }));
        QCOMPARE(back.ruleFor(QStringLiteral("Web 1 (ä)"), QStringLiteral("droplet"), { QStringLiteral("batch") },
                              Metric::Cpu),
                 (AlertRule { Metric::Cpu, 95, 97, 120, 3 }));
        // NULL in the table, not a copied default, so a later change of the default still reaches the override.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT warning, critical, clear_margin FROM alert_rules"
                                      " WHERE scope = 'kind' AND target = 'database'")));
        QVERIFY(q.next());
        QVERIFY(q.value(0).isNull() && q.value(1).isNull() && q.value(2).isNull());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM alert_rules WHERE updated_at <= 0")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void saveReplacesEverything_data() { TestDatabases::addBackendRows(); }
    void saveReplacesEverything()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QSqlDatabase db = connection(QStringLiteral("rules-a"));
        AlertRuleStore store(db);
        QVERIFY2(store.save(edited()), qPrintable(store.lastError()));

        AlertRuleSet next(configured());
        AlertRule memory = next.defaultRule(Metric::Memory);
        memory.warning = 60;
        next.setDefaultRule(memory);
        next.addOverride(makeOverride(AlertScope::Tag, QStringLiteral("prod"), Metric::Disk, 85, std::nullopt));
        QVERIFY2(store.save(next), qPrintable(store.lastError()));
        // The removed overrides and the cpu default of the first save are gone, not merged.
        compareSets(loaded(db), next);

        QVERIFY2(store.save(AlertRuleSet(configured())), qPrintable(store.lastError()));
        QVERIFY(loaded(db).overrides().isEmpty());
    }

    void invalidSetIsRefused_data()
    {
        TestDatabases::addBackendRows();
    }
    void invalidSetIsRefused()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QSqlDatabase db = connection(QStringLiteral("rules-a"));
        AlertRuleStore store(db);
        QVERIFY2(store.save(edited()), qPrintable(store.lastError()));

        AlertRuleSet bad(configured());
        bad.addOverride(makeOverride(AlertScope::Resource, QStringLiteral("web-1"), Metric::Cpu, 90, 60));
        const QStringList problems = bad.validate();
        QCOMPARE(problems.size(), 1);
        QVERIFY(!store.save(bad));
        QVERIFY2(store.lastError().contains(problems.first()), qPrintable(store.lastError()));
        QVERIFY2(store.lastError().contains(QLatin1String("not saved")), qPrintable(store.lastError()));
        // What was stored before is untouched.
        compareSets(loaded(db), edited());
    }

    void schema2CacheIsMigrated_data() { TestDatabases::addBackendRows(); }
    void schema2CacheIsMigrated()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        {
            QSqlDatabase db = connection(QStringLiteral("rules-a"));
            QSqlQuery q(db);
            // Back to what an OpsDeck of schema 2 left, with some data in it.
            QVERIFY(q.exec(QStringLiteral("DROP TABLE alert_rules")));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM schema_version WHERE version = 3")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO source_state (source, key, value) VALUES ('do', 'k', 'v')")));
            QCOMPARE(Schema::version(db), 2);
            // An older cache simply has no stored rules.
            compareSets(loaded(db), AlertRuleSet(configured()));
        }
        cleanup();
        QSqlDatabase db = connection(QStringLiteral("rules-b"));
        QCOMPARE(Schema::version(db), Schema::CurrentVersion);
        QVERIFY(db.tables().contains(QStringLiteral("alert_rules")));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM source_state WHERE source = 'do'")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("v"));
        AlertRuleStore store(db);
        QVERIFY2(store.save(edited()), qPrintable(store.lastError()));
        compareSets(loaded(db), edited());
    }

    void loadWithoutTable_data() { TestDatabases::addBackendRows(); }
    void loadWithoutTable()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        // A plain connection to an empty database that never saw OpsDeck's migrations.
        const QString name = QStringLiteral("rules-raw");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(m_url.isSqlite() ? QStringLiteral("QSQLITE")
                                                                         : QStringLiteral("QPSQL"),
                                                        name);
            if (m_url.isSqlite()) {
                db.setDatabaseName(m_url.path);
            } else {
                db.setHostName(m_url.host);
                db.setPort(m_url.port);
                db.setUserName(m_url.user);
                db.setDatabaseName(m_url.database);
            }
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            AlertRuleSet rules(configured());
            AlertRuleStore store(db);
            QVERIFY2(store.load(&rules), qPrintable(store.lastError()));
            QVERIFY(store.lastError().isEmpty());
            compareSets(rules, AlertRuleSet(configured()));
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    void teammatesShareRules_data() { TestDatabases::addBackendRows(); }
    void teammatesShareRules()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QSqlDatabase alice = connection(QStringLiteral("rules-alice"));
        QSqlDatabase bob = connection(QStringLiteral("rules-bob"));
        AlertRuleStore aliceStore(alice);
        QVERIFY2(aliceStore.save(edited()), qPrintable(aliceStore.lastError()));
        compareSets(loaded(bob), edited());

        AlertRuleSet bobs = loaded(bob);
        bobs.removeOverride(AlertScope::Tag, QStringLiteral("batch"), Metric::Cpu);
        bobs.addOverride(makeOverride(AlertScope::Tag, QStringLiteral("prod"), Metric::Memory, 80, 90));
        AlertRuleStore bobStore(bob);
        QVERIFY2(bobStore.save(bobs), qPrintable(bobStore.lastError()));
        compareSets(loaded(alice), bobs);
    }

    // Two teammates pressing Save at the same moment: every save succeeds and the table ends up as exactly one of
    // them, never a mix or a primary-key error.
    void concurrentSavesNeverMix_data() { TestDatabases::addBackendRows(); }
    void concurrentSavesNeverMix()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        connection(QStringLiteral("rules-main")); // migrates once, before the threads race
        AlertRuleSet other(configured());
        other.addOverride(makeOverride(AlertScope::Tag, QStringLiteral("prod"), Metric::Memory, 80, 90));
        other.addOverride(makeOverride(AlertScope::Kind, QStringLiteral("app"), Metric::Cpu, 50, 60));
        const QList<AlertRuleSet> sets { edited(), other };

        std::atomic_int failures { 0 };
        QStringList errors;
        QMutex errorsLock;
        QList<QThread *> threads;
        for (int t = 0; t < 2; ++t) {
            threads << QThread::create([&, t] {
                const QString name = QStringLiteral("rules-thread-%1").arg(t);
                {
                    QString error;
                    const auto db = Database::open(m_url, name, &error);
                    if (!db) {
                        ++failures;
                        return;
                    }
                    AlertRuleStore store(*db);
                    for (int i = 0; i < 15; ++i) {
                        if (!store.save(sets.at(t))) {
                            ++failures;
                            QMutexLocker locker(&errorsLock);
                            errors << store.lastError();
                        }
                    }
                }
                Database::close(name);
            });
        }
        for (QThread *thread : threads)
            thread->start();
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QVERIFY2(failures == 0, qPrintable(errors.join(QLatin1Char('\n'))));
        const AlertRuleSet result = loaded(connection(QStringLiteral("rules-check")));
        QVERIFY(sorted(result.overrides()) == sorted(sets.at(0).overrides())
                || sorted(result.overrides()) == sorted(sets.at(1).overrides()));
        const bool first = sorted(result.overrides()) == sorted(sets.at(0).overrides());
        compareSets(result, sets.at(first ? 0 : 1));
    }

    // A rule saved while the engine runs (in the dialog, or by a teammate) applies to the next round, no restart.
    void syncRoundUsesStoredRules_data() { TestDatabases::addBackendRows(); }
    void syncRoundUsesStoredRules()
    {
        if (!openFresh())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        QSqlDatabase db = connection(QStringLiteral("rules-dialog"));
        FakeNodeExporter exporter(QStringLiteral("node-a"), 60); // memory 60 %: below the default 85
        Config config;
        config.alerts = configured();
        SourceConfig source;
        source.name = QStringLiteral("nodes");
        source.type = QStringLiteral("node_exporter");
        source.intervalSeconds = 3600;
        source.options.insert(QStringLiteral("targets"), exporter.url());
        config.sources << source;

        SyncEngine engine(config, m_url);
        QList<SyncReport> reports;
        connect(&engine, &SyncEngine::roundFinished, this, [&](const SyncReport &r) { reports << r; });
        QSignalSpy rounds(&engine, &SyncEngine::roundFinished);
        engine.start(false);

        engine.syncNow();
        QVERIFY(rounds.wait(20000));
        QCOMPARE(reports.last().status(), QStringLiteral("ok"));
        QVERIFY(reports.last().firing.isEmpty());
        const qint64 firstRound = QDateTime::currentSecsSinceEpoch();

        // The dialog saves a resource override on its own connection while the engine keeps running.
        AlertRuleSet rules = loaded(db);
        rules.addOverride(makeOverride(AlertScope::Resource, QStringLiteral("node-a"), Metric::Memory, 50, 70, 0));
        AlertRuleStore store(db);
        QVERIFY2(store.save(rules), qPrintable(store.lastError()));

        // The next scrape must carry a later timestamp (one per second), or the evaluator skips it as a repeat.
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > firstRound, 2000);
        engine.syncNow();
        QVERIFY(rounds.wait(20000));
        QCOMPARE(reports.size(), 2);
        QCOMPARE(reports.last().status(), QStringLiteral("ok"));
        QCOMPARE(reports.last().firing.size(), 1);
        const FiringAlert &alert = reports.last().firing.first();
        QCOMPARE(alert.resource, QStringLiteral("node-a"));
        QCOMPARE(alert.metric, QStringLiteral("memory"));
        QCOMPARE(alert.level, QStringLiteral("warning"));
        QCOMPARE(alert.threshold, 50.0);
        QCOMPARE(qRound(alert.value), 60);
        engine.stop();
    }
};

QTEST_GUILESS_MAIN(TestAlertRuleStore)
#include "tst_alertrulestore.moc"
