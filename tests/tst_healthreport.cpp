// The health verdict of `opsdeck --health` and GET /health: when the cache is trusted (ok) and when not
// (degraded, with the reason), and the JSON a monitoring system reads — field names, types, and never a password.
#include "config/databaseurl.h"
#include "health/healthreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

constexpr qint64 Now = 1'760'000'000;
constexpr qint64 StartedAt = Now - 3600;
constexpr qint64 DoInterval = 1800; // allowed age: 2 × 1800 + 120 = 3720 s
constexpr qint64 LocalInterval = 60; // allowed age: 240 s

SourceConfig sourceConfig(const QString &name, const QString &type, qint64 interval, bool enabled = true)
{
    SourceConfig s;
    s.name = name;
    s.type = type;
    s.intervalSeconds = interval;
    s.enabled = enabled;
    return s;
}

Config twoSources(bool doEnabled = true)
{
    Config config;
    config.sources << sourceConfig(QStringLiteral("do"), QStringLiteral("digitalocean"), DoInterval, doEnabled)
                   << sourceConfig(QStringLiteral("local"), QStringLiteral("local"), LocalInterval);
    return config;
}

// What sync_runs says about a source. status "" = never synced; okAgo < 0 = never succeeded. A failed last sync
// finished a minute ago, after the last success.
SourceSyncStats syncStats(const QString &name, const QString &status, qint64 okAgo, qint64 runs = 0, qint64 okRuns = 0)
{
    SourceSyncStats s;
    s.source = name;
    s.type = name == QLatin1String("do") ? QStringLiteral("digitalocean") : QStringLiteral("local");
    s.lastStatus = status;
    s.lastOkAt = okAgo >= 0 ? Now - okAgo : 0;
    if (status == QLatin1String("ok"))
        s.lastFinishedAt = s.lastOkAt;
    else if (status == QLatin1String("failed")) {
        s.lastFinishedAt = Now - 60;
        s.lastError = QStringLiteral("DigitalOcean token rejected (401) for source 'do': set DIGITALOCEAN_TOKEN");
    }
    s.lastStartedAt = s.lastFinishedAt ? s.lastFinishedAt - 5 : 0;
    s.runs = runs;
    s.okRuns = okRuns;
    return s;
}

SyncHealth syncHealth(const QList<SourceSyncStats> &sources, const QString &dbError = {},
                      const QString &url = QStringLiteral("sqlite:///var/lib/opsdeck/opsdeck.db"))
{
    SyncHealth h;
    for (const SourceSyncStats &s : sources) {
        if (!s.lastStatus.isEmpty()) // a source never synced has no row in sync_runs
            h.sources << s;
    }
    h.database.url = url;
    h.database.engine
        = url.startsWith(QLatin1String("sqlite")) ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
    h.database.schemaVersion = 2;
    h.database.resources = 42;
    h.database.sizeBytes = 1'234'567;
    h.database.newestSampleAt = Now - 30;
    h.error = h.database.error = dbError;
    return h;
}

const SourceHealth *findSource(const HealthReport &report, const QString &name)
{
    for (const SourceHealth &s : report.sources) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

// A report with something in every section, for the JSON checks.
HealthReport fullReport(const SyncHealth &sync)
{
    QueryStats fleet;
    fleet.name = QStringLiteral("fleet");
    fleet.count = 25;
    fleet.p50Ns = 1'234'567;
    fleet.p95Ns = 150'000'000;
    fleet.p99Ns = 600'000'000;
    fleet.maxNs = 700'000'000;
    fleet.slow = 3;
    fleet.critical = 1;
    fleet.rating = QueryRating::Slow;
    fleet.baselineP50Ns = 500'000;
    fleet.regression = true;
    QueryCacheStats cache;
    cache.hits = 3;
    cache.misses = 1;
    cache.evictions = 2;
    cache.entries = 5;
    cache.bytes = 4096;
    cache.maxBytes = 64 << 20;
    cache.ttlMs = 300'000;
    return HealthReport::build(twoSources(), {}, sync, { fleet }, cache, Now, StartedAt);
}

} // namespace

class TestHealthReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void status_data()
    {
        QTest::addColumn<QString>("doStatus"); // "" = never synced
        QTest::addColumn<qint64>("doOkAgo"); // seconds since the last success; -1 = never
        QTest::addColumn<bool>("doEnabled");
        QTest::addColumn<qint64>("localOkAgo");
        QTest::addColumn<QStringList>("selected");
        QTest::addColumn<QString>("dbError");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("reported"); // the sources in the report, in configuration order
        QTest::addColumn<QStringList>("unhealthy");
        QTest::addColumn<QStringList>("problems"); // a fragment of each problem line, in order

        const QStringList both { QStringLiteral("do"), QStringLiteral("local") };
        const QString ok = QStringLiteral("ok");
        const QString failed = QStringLiteral("failed");
        QTest::newRow("all fresh") << ok << 600LL << true << 30LL << QStringList() << QString() << ok << both
                                   << QStringList() << QStringList();
        QTest::newRow("never synced") << QString() << -1LL << true << 30LL << QStringList() << QString()
                                      << QStringLiteral("degraded") << both << QStringList { QStringLiteral("do") }
                                      << QStringList { QStringLiteral("source do: never synced") };
        QTest::newRow("last sync failed, an older one succeeded")
            << failed << 600LL << true << 30LL << QStringList() << QString() << QStringLiteral("degraded") << both
            << QStringList { QStringLiteral("do") }
            << QStringList { QStringLiteral("source do: the last sync failed: DigitalOcean token rejected (401)") };
        QTest::newRow("failed, never succeeded")
            << failed << -1LL << true << 30LL << QStringList() << QString() << QStringLiteral("degraded") << both
            << QStringList { QStringLiteral("do") }
            << QStringList { QStringLiteral("source do: the last sync failed") };
        QTest::newRow("age exactly 2 intervals + 2 min is ok")
            << ok << 2 * DoInterval + 120 << true << 2 * LocalInterval + 120 << QStringList() << QString() << ok << both
            << QStringList() << QStringList();
        QTest::newRow("1 s beyond is stale")
            << ok << 2 * DoInterval + 121 << true << 30LL << QStringList() << QString() << QStringLiteral("degraded")
            << both << QStringList { QStringLiteral("do") } << QStringList { QStringLiteral("source do: stale") };
        QTest::newRow("short interval, 1 s beyond is stale")
            << ok << 600LL << true << 2 * LocalInterval + 121 << QStringList() << QString()
            << QStringLiteral("degraded") << both << QStringList { QStringLiteral("local") }
            << QStringList { QStringLiteral("source local: stale") };
        QTest::newRow("both broken: one line each")
            << QString() << -1LL << true << 10'000LL << QStringList() << QString() << QStringLiteral("degraded") << both
            << both << QStringList { QStringLiteral("source do: never synced"), QStringLiteral("source local: stale") };
        QTest::newRow("disabled source is not judged") << QString() << -1LL << false << 30LL << QStringList()
                                                       << QString() << ok << both << QStringList() << QStringList();
        QTest::newRow("disabled and stale is not judged") << ok << 100'000LL << false << 30LL << QStringList()
                                                          << QString() << ok << both << QStringList() << QStringList();
        QTest::newRow("selected leaves out a stale source")
            << ok << 600LL << true << 10'000LL << QStringList { QStringLiteral("do") } << QString() << ok
            << QStringList { QStringLiteral("do") } << QStringList() << QStringList();
        QTest::newRow("selected judges what it names")
            << ok << 600LL << true << 10'000LL << QStringList { QStringLiteral("local") } << QString()
            << QStringLiteral("degraded") << QStringList { QStringLiteral("local") }
            << QStringList { QStringLiteral("local") } << QStringList { QStringLiteral("source local: stale") };
        QTest::newRow("database error: degraded, sources unknown")
            << ok << 600LL << true << 30LL << QStringList() << QStringLiteral("connection refused")
            << QStringLiteral("degraded") << both << both
            << QStringList { QStringLiteral("database sqlite:///var/lib/opsdeck/opsdeck.db: connection refused") };
    }
    void status()
    {
        QFETCH(QString, doStatus);
        QFETCH(qint64, doOkAgo);
        QFETCH(bool, doEnabled);
        QFETCH(qint64, localOkAgo);
        QFETCH(QStringList, selected);
        QFETCH(QString, dbError);

        const SyncHealth sync = syncHealth({ syncStats(QStringLiteral("do"), doStatus, doOkAgo),
                                             syncStats(QStringLiteral("local"), QStringLiteral("ok"), localOkAgo) },
                                           dbError);
        const HealthReport report = HealthReport::build(twoSources(doEnabled), selected, sync, {}, {}, Now, StartedAt);

        QTEST(report.status, "status");
        QCOMPARE(report.ok(), report.status == QLatin1String("ok"));
        QCOMPARE(report.databaseOk, dbError.isEmpty());
        QStringList reported, unhealthy;
        for (const SourceHealth &s : report.sources) {
            reported << s.name;
            if (!s.healthy)
                unhealthy << s.name;
            QCOMPARE(s.healthy, s.problem.isEmpty());
        }
        QTEST(reported, "reported");
        QTEST(unhealthy, "unhealthy");
        QFETCH(QStringList, problems);
        QCOMPARE(report.problems.size(), problems.size());
        for (qsizetype i = 0; i < problems.size(); ++i)
            QVERIFY2(report.problems.at(i).startsWith(problems.at(i)), qPrintable(report.problems.at(i)));
        if (!dbError.isEmpty()) {
            for (const SourceHealth &s : report.sources)
                QVERIFY2(s.problem.startsWith(QLatin1String("unknown")), qPrintable(s.problem));
        }
        // The verdict reaches the JSON unchanged.
        const QJsonObject json = report.toJson();
        QCOMPARE(json.value(QLatin1String("status")).toString(), report.status);
        QCOMPARE(json.value(QLatin1String("problems")).toArray().size(), problems.size());
        QCOMPARE(json.value(QLatin1String("database")).toObject().value(QLatin1String("ok")).toBool(),
                 dbError.isEmpty());
    }

    void staleProblemSaysHowOld()
    {
        const SyncHealth sync = syncHealth({ syncStats(QStringLiteral("do"), QStringLiteral("ok"), 3 * 3600),
                                             syncStats(QStringLiteral("local"), QStringLiteral("ok"), 1) });
        const HealthReport report = HealthReport::build(twoSources(), {}, sync, {}, {}, Now, StartedAt);
        const SourceHealth *s = findSource(report, QStringLiteral("do"));
        QVERIFY(s);
        QCOMPARE(s->ageSeconds, 3 * 3600);
        QVERIFY2(s->problem.contains(QLatin1String("3h")) && s->problem.contains(QLatin1String("30m")),
                 qPrintable(s->problem));
    }

    void successRate_data()
    {
        QTest::addColumn<qint64>("runs");
        QTest::addColumn<qint64>("okRuns");
        QTest::addColumn<double>("rate"); // -1 = no runs: null in the JSON
        QTest::newRow("no runs in 24 h") << 0LL << 0LL << -1.0;
        QTest::newRow("all ok") << 48LL << 48LL << 1.0;
        QTest::newRow("none ok") << 3LL << 0LL << 0.0;
        QTest::newRow("7 of 10") << 10LL << 7LL << 0.7;
        QTest::newRow("1 of 3") << 3LL << 1LL << 1.0 / 3.0;
    }
    void successRate()
    {
        QFETCH(qint64, runs);
        QFETCH(qint64, okRuns);
        QFETCH(double, rate);
        const SyncHealth sync = syncHealth({ syncStats(QStringLiteral("do"), QStringLiteral("ok"), 60, runs, okRuns),
                                             syncStats(QStringLiteral("local"), QStringLiteral("ok"), 1) });
        const HealthReport report = HealthReport::build(twoSources(), {}, sync, {}, {}, Now, StartedAt);
        const SourceHealth *s = findSource(report, QStringLiteral("do"));
        QVERIFY(s);
        QCOMPARE(s->runs24h, runs);
        QCOMPARE(s->ok24h, okRuns);
        QCOMPARE(s->successRate24h, rate);
        // The success rate reports, it does not judge: the newest sync succeeded, so the source is healthy.
        QVERIFY(s->healthy);
        const QJsonValue json = report.toJson()
                                    .value(QLatin1String("sources"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QLatin1String("success_rate_24h"));
        if (rate < 0)
            QVERIFY(json.isNull());
        else
            QCOMPARE(json.toDouble(), rate);
    }

    void jsonFieldTypes_data()
    {
        QTest::addColumn<QString>("path"); // object keys joined by '.', "[0]" for the first array element
        QTest::addColumn<int>("type"); // QJsonValue::Type

        const auto row = [](const char *path, QJsonValue::Type type) {
            QTest::newRow(path) << QString::fromLatin1(path) << int(type);
        };
        row("status", QJsonValue::String);
        row("generated_at", QJsonValue::String);
        row("version", QJsonValue::String);
        row("uptime_seconds", QJsonValue::Double);
        row("problems", QJsonValue::Array);
        row("database.url", QJsonValue::String);
        row("database.engine", QJsonValue::String);
        row("database.ok", QJsonValue::Bool);
        row("database.schema_version", QJsonValue::Double);
        row("database.resources", QJsonValue::Double);
        row("database.size_bytes", QJsonValue::Double);
        row("database.newest_sample_at", QJsonValue::String);
        row("sources[0].name", QJsonValue::String);
        row("sources[0].type", QJsonValue::String);
        row("sources[0].enabled", QJsonValue::Bool);
        row("sources[0].healthy", QJsonValue::Bool);
        row("sources[0].interval_seconds", QJsonValue::Double);
        row("sources[0].last_sync_at", QJsonValue::String);
        row("sources[0].last_status", QJsonValue::String);
        row("sources[0].last_success_at", QJsonValue::String);
        row("sources[0].age_seconds", QJsonValue::Double);
        row("sources[0].runs_24h", QJsonValue::Double);
        row("sources[0].ok_24h", QJsonValue::Double);
        row("sources[0].success_rate_24h", QJsonValue::Double);
        row("sources[0].problem", QJsonValue::String);
        // A source that never synced has nulls where times and rates would be.
        row("sources[1].last_sync_at", QJsonValue::Null);
        row("sources[1].last_status", QJsonValue::Null);
        row("sources[1].last_success_at", QJsonValue::Null);
        row("sources[1].age_seconds", QJsonValue::Null);
        row("sources[1].success_rate_24h", QJsonValue::Null);
        row("queries[0].name", QJsonValue::String);
        row("queries[0].count", QJsonValue::Double);
        row("queries[0].p50_ms", QJsonValue::Double);
        row("queries[0].p95_ms", QJsonValue::Double);
        row("queries[0].p99_ms", QJsonValue::Double);
        row("queries[0].slow", QJsonValue::Double);
        row("queries[0].critical", QJsonValue::Double);
        row("queries[0].rating", QJsonValue::String);
        row("queries[0].regression", QJsonValue::Bool);
        row("cache.hits", QJsonValue::Double);
        row("cache.misses", QJsonValue::Double);
        row("cache.evictions", QJsonValue::Double);
        row("cache.entries", QJsonValue::Double);
        row("cache.bytes", QJsonValue::Double);
        row("cache.hit_rate", QJsonValue::Double);
        row("cache.ttl_seconds", QJsonValue::Double);
    }
    void jsonFieldTypes()
    {
        QFETCH(QString, path);
        QFETCH(int, type);
        // "do" synced; "local" never did.
        const QJsonObject json
            = fullReport(syncHealth({ syncStats(QStringLiteral("do"), QStringLiteral("ok"), 60, 10, 9) })).toJson();
        QJsonValue value = json;
        for (QString part : path.split(QLatin1Char('.'))) {
            int index = -1;
            if (part.endsWith(QLatin1Char(']'))) {
                const qsizetype open = part.indexOf(QLatin1Char('['));
                index = part.mid(open + 1, part.size() - open - 2).toInt();
                part.truncate(open);
            }
            QVERIFY2(value.isObject() && value.toObject().contains(part), qPrintable(part + QLatin1String(" missing")));
            value = value.toObject().value(part);
            if (index >= 0) {
                QVERIFY2(value.isArray() && value.toArray().size() > index, qPrintable(part));
                value = value.toArray().at(index);
            }
        }
        QCOMPARE(int(value.type()), type);
    }

    void jsonValues()
    {
        const HealthReport report
            = fullReport(syncHealth({ syncStats(QStringLiteral("do"), QStringLiteral("ok"), 60, 10, 9) }));
        const QJsonObject json = report.toJson();
        // "local" never synced: degraded, and the reason is in the JSON.
        QCOMPARE(json.value(QLatin1String("status")).toString(), QStringLiteral("degraded"));
        QCOMPARE(json.value(QLatin1String("generated_at")).toString(), QStringLiteral("2025-10-09T08:53:20Z"));
        QCOMPARE(json.value(QLatin1String("uptime_seconds")).toInteger(), 3600);

        const QJsonObject db = json.value(QLatin1String("database")).toObject();
        QCOMPARE(db.value(QLatin1String("engine")).toString(), QStringLiteral("sqlite"));
        QCOMPARE(db.value(QLatin1String("schema_version")).toInt(), 2);
        QCOMPARE(db.value(QLatin1String("resources")).toInteger(), 42);
        QCOMPARE(db.value(QLatin1String("size_bytes")).toInteger(), 1'234'567);

        const QJsonArray sources = json.value(QLatin1String("sources")).toArray();
        QCOMPARE(sources.size(), 2);
        const QJsonObject doSource = sources.at(0).toObject();
        QCOMPARE(doSource.value(QLatin1String("name")).toString(), QStringLiteral("do"));
        QCOMPARE(doSource.value(QLatin1String("type")).toString(), QStringLiteral("digitalocean"));
        QCOMPARE(doSource.value(QLatin1String("healthy")).toBool(), true);
        QCOMPARE(doSource.value(QLatin1String("age_seconds")).toInteger(), 60);
        QCOMPARE(doSource.value(QLatin1String("success_rate_24h")).toDouble(), 0.9);
        QCOMPARE(doSource.value(QLatin1String("last_sync_at")).toString(), QStringLiteral("2025-10-09T08:52:20Z"));
        QCOMPARE(doSource.value(QLatin1String("problem")).toString(), QString());
        const QJsonObject localSource = sources.at(1).toObject();
        QCOMPARE(localSource.value(QLatin1String("healthy")).toBool(), false);
        QVERIFY(localSource.value(QLatin1String("problem")).toString().startsWith(QLatin1String("never synced")));

        const QJsonObject query = json.value(QLatin1String("queries")).toArray().at(0).toObject();
        QCOMPARE(query.value(QLatin1String("name")).toString(), QStringLiteral("fleet"));
        QCOMPARE(query.value(QLatin1String("count")).toInteger(), 25);
        QCOMPARE(query.value(QLatin1String("p50_ms")).toDouble(), 1.235);
        QCOMPARE(query.value(QLatin1String("p95_ms")).toDouble(), 150.0);
        QCOMPARE(query.value(QLatin1String("p99_ms")).toDouble(), 600.0);
        QCOMPARE(query.value(QLatin1String("slow")).toInteger(), 3);
        QCOMPARE(query.value(QLatin1String("critical")).toInteger(), 1);
        QCOMPARE(query.value(QLatin1String("rating")).toString(), QStringLiteral("SLOW"));
        QCOMPARE(query.value(QLatin1String("regression")).toBool(), true);

        const QJsonObject cache = json.value(QLatin1String("cache")).toObject();
        QCOMPARE(cache.value(QLatin1String("hits")).toInteger(), 3);
        QCOMPARE(cache.value(QLatin1String("misses")).toInteger(), 1);
        QCOMPARE(cache.value(QLatin1String("evictions")).toInteger(), 2);
        QCOMPARE(cache.value(QLatin1String("entries")).toInteger(), 5);
        QCOMPARE(cache.value(QLatin1String("bytes")).toInteger(), 4096);
        QCOMPARE(cache.value(QLatin1String("hit_rate")).toDouble(), 0.75);
        QCOMPARE(cache.value(QLatin1String("ttl_seconds")).toDouble(), 300.0);
    }

    // Slow queries and a cold cache are reported but never make the cache untrustworthy.
    void queryPerformanceNeverDegrades()
    {
        const SyncHealth sync = syncHealth({ syncStats(QStringLiteral("do"), QStringLiteral("ok"), 60),
                                             syncStats(QStringLiteral("local"), QStringLiteral("ok"), 1) });
        const HealthReport report = fullReport(sync);
        QCOMPARE(report.status, QStringLiteral("ok"));
        QVERIFY(report.problems.isEmpty());
    }

    void passwordNeverAppears_data()
    {
        QTest::addColumn<QString>("dbError");
        QTest::newRow("database ok") << QString();
        QTest::newRow("database failing") << QStringLiteral("server closed the connection unexpectedly");
    }
    void passwordNeverAppears()
    {
        QFETCH(QString, dbError);
        const auto url = DatabaseUrl::parse(QStringLiteral("postgresql://ops:s3cr3t-Pw%40x@db.example:5432/metrics"));
        QVERIFY(url);
        QCOMPARE(url->password, QStringLiteral("s3cr3t-Pw@x"));
        const HealthReport report = fullReport(
            syncHealth({ syncStats(QStringLiteral("do"), QStringLiteral("ok"), 60) }, dbError, url->redacted()));
        const QByteArray json = QJsonDocument(report.toJson()).toJson();
        QVERIFY2(!json.contains("s3cr3t"), json.constData());
        const QString url1
            = report.toJson().value(QLatin1String("database")).toObject().value(QLatin1String("url")).toString();
        QCOMPARE(url1, QStringLiteral("postgresql://ops:***@db.example:5432/metrics"));
        QVERIFY(!report.toText().contains(QLatin1String("s3cr3t")));
        QCOMPARE(report.databaseOk, dbError.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHealthReport)
#include "tst_healthreport.moc"
