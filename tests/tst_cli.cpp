// Runs the real opsdeck binary the way cron, systemd and a person at a terminal do: each test in a fresh home
// (XDG_CONFIG_HOME, XDG_DATA_HOME, HOME in a temporary directory), checking exit codes, the --sync --json object,
// the CSV reports, the sync lock and the failure messages. With OPSDECK_TEST_PG_URL set, the storage-dependent
// cases also run against PostgreSQL, each in a database of its own that is dropped afterwards.
#include "clitestsupport.h"
#include "config/databaseurl.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <memory>
#include <optional>
#include <sys/stat.h>

namespace {

// Every wait on the binary is bounded: a hang fails the test instead of blocking the suite.
constexpr int TimeoutMs = 60000;
const QString AdminConnection = QStringLiteral("tst_cli_admin");
const QString LockConnection = QStringLiteral("tst_cli_lock");

// DESIGN.md's columns, then the thresholds in force (appended, so readers of the contract's columns keep working).
const QStringList HistoryRawHeader
    = QStringLiteral("timestamp,resource,kind,source,metric,value,warning,critical").split(QLatin1Char(','));
const QStringList HistoryRollupHeader
    = QStringLiteral("timestamp,resource,kind,source,metric,min,avg,max,count,warning,critical")
          .split(QLatin1Char(','));
const QString ResourcesHeader
    = QStringLiteral("resource,kind,source,region,status,vcpus,memory_mb,disk_gb,cpu,memory,disk,updated_at");
const QString AlertsHeader = QStringLiteral("started_at,resolved_at,resource,metric,level,value,threshold,state");
const QString SyncRunsHeader
    = QStringLiteral("started_at,finished_at,source,status,resources,samples,api_calls,throttled,error");

bool isIsoUtc(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$"));
    return re.match(text).hasMatch() && QDateTime::fromString(text, Qt::ISODateWithMs).isValid();
}

qint64 isoToSecs(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toSecsSinceEpoch();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QString fixture(const char *name)
{
    return QStringLiteral(OPSDECK_FIXTURES "/cli/") + QLatin1String(name);
}

// A CSV table by header name.
struct Table
{
    QStringList header;
    QList<QStringList> rows;
    QString cell(const QStringList &row, const char *column) const
    {
        return row.value(header.indexOf(QLatin1String(column)));
    }
};

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void help();
    void version();
    void syncJsonWithoutConfig();
    void headlessWithoutDisplay_data();
    void headlessWithoutDisplay();
    void syncTwiceThenExportHistory_data();
    void syncTwiceThenExportHistory();
    void exportResources_data();
    void exportResources();
    void exportSyncRuns_data();
    void exportSyncRuns();
    void exportHistoryRollups_data();
    void exportHistoryRollups();
    void exportTimeRangeAndAlerts_data();
    void exportTimeRangeAndAlerts();
    void exportUnknownResource_data();
    void exportUnknownResource();
    void exportToUnwritablePlace();
    void usageErrors_data();
    void usageErrors();
    void configErrors_data();
    void configErrors();
    void databaseChoice_data();
    void databaseChoice();
    void partialAndFailedRounds_data();
    void partialAndFailedRounds();
    void unwritableSqlitePath_data();
    void unwritableSqlitePath();
    void notASqliteFile();
    void corruptSqlite_data();
    void corruptSqlite();
    void unreachablePostgres();
    void lockHeldByAnother_data();
    void lockHeldByAnother();
    void concurrentSyncsTakeTurns_data();
    void concurrentSyncsTakeTurns();
    void watchStopsOnSigterm();

private:
    Result run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = TimeoutMs) const;
    Result run(const QStringList &args) const { return run(args, m_env); }
    QString path(const QString &relative) const { return m_dir->filePath(relative); }
    QString defaultDbPath() const { return path(QStringLiteral("data/opsdeck/opsdeck.db")); }
    void addEngineRows();
    // For the "engine" data column: --db arguments of a fresh store (empty = the default SQLite file).
    bool selectEngine(const QString &engine);
    // --sync --json with the selected store: the report when it ends 0 with status ok, else m_lastFailure says
    // what happened.
    std::optional<QJsonObject> syncOk();
    std::optional<Table> exportCsv(const QStringList &args);
    std::optional<QString> createPgDatabase();

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env;
    QStringList m_dbArgs;
    QString m_binary = QStringLiteral(OPSDECK_BINARY);
    std::optional<DatabaseUrl> m_pg;
    QStringList m_pgDatabases; // created by this test, dropped in cleanup()
    QString m_pgUrl; // the URL of the selected fresh database
    QByteArray m_lastFailure;
};

void tst_Cli::initTestCase()
{
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
    const QString pgUrl = qEnvironmentVariable("OPSDECK_TEST_PG_URL");
    if (pgUrl.isEmpty())
        return;
    QString error;
    m_pg = DatabaseUrl::parse(pgUrl, &error);
    QVERIFY2(m_pg && !m_pg->isSqlite(), qPrintable(QStringLiteral("OPSDECK_TEST_PG_URL: ") + error));
    QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), AdminConnection);
    admin.setHostName(m_pg->host);
    admin.setPort(m_pg->port);
    admin.setDatabaseName(m_pg->database);
    admin.setUserName(m_pg->user);
    admin.setPassword(m_pg->password);
    QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
}

void tst_Cli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QDir(m_dir->path()).mkpath(QStringLiteral("home"));
    m_env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "OPSDECK_CONFIG", "OPSDECK_DB", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS" })
        m_env.remove(QLatin1String(name));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    m_env.insert(QStringLiteral("XDG_CACHE_HOME"), path(QStringLiteral("cache")));
    m_env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
    m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_dbArgs.clear();
    m_pgUrl.clear();
}

void tst_Cli::cleanup()
{
    if (QSqlDatabase::contains(LockConnection)) {
        QSqlDatabase::database(LockConnection, false).close();
        QSqlDatabase::removeDatabase(LockConnection);
    }
    if (!m_pgDatabases.isEmpty()) {
        QSqlQuery q(QSqlDatabase::database(AdminConnection));
        for (const QString &name : std::as_const(m_pgDatabases)) {
            if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name)))
                qWarning() << "cannot drop" << name << q.lastError().text();
        }
        m_pgDatabases.clear();
    }
    m_dir.reset();
}

void tst_Cli::cleanupTestCase()
{
    if (QSqlDatabase::contains(AdminConnection)) {
        QSqlDatabase::database(AdminConnection, false).close();
        QSqlDatabase::removeDatabase(AdminConnection);
    }
}

Result tst_Cli::run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs) const
{
    return runProgram(m_binary, args, env, m_dir->path(), timeoutMs);
}

void tst_Cli::addEngineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

std::optional<QString> tst_Cli::createPgDatabase()
{
    const QString name = QStringLiteral("opsdeck_cli_%1_%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    QSqlQuery q(QSqlDatabase::database(AdminConnection));
    if (!q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name))) {
        qWarning() << "CREATE DATABASE failed:" << q.lastError().text();
        return std::nullopt;
    }
    m_pgDatabases << name;
    QString url = QStringLiteral("postgresql://");
    if (!m_pg->user.isEmpty()) {
        url += QString::fromLatin1(QUrl::toPercentEncoding(m_pg->user));
        if (!m_pg->password.isEmpty())
            url += QLatin1Char(':') + QString::fromLatin1(QUrl::toPercentEncoding(m_pg->password));
        url += QLatin1Char('@');
    }
    url += (m_pg->host.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_pg->host + QLatin1Char(']') : m_pg->host)
        + QLatin1Char(':') + QString::number(m_pg->port) + QLatin1Char('/') + name;
    return url;
}

bool tst_Cli::selectEngine(const QString &engine)
{
    if (engine == QLatin1String("sqlite")) {
        m_dbArgs.clear();
        return true;
    }
    if (!m_pg)
        return false;
    const std::optional<QString> url = createPgDatabase();
    if (!url)
        return false;
    m_pgUrl = *url;
    m_dbArgs = QStringList { QStringLiteral("--db"), *url };
    return true;
}

#define SELECT_ENGINE()                                                                                                \
    do {                                                                                                               \
        QFETCH(QString, engine);                                                                                       \
        if (engine == QLatin1String("postgresql") && !m_pg)                                                            \
            QSKIP("OPSDECK_TEST_PG_URL is not set (scripts/test.sh starts a scratch PostgreSQL)");                     \
        QVERIFY2(selectEngine(engine), "cannot create a fresh PostgreSQL database");                                   \
    } while (false)

std::optional<QJsonObject> tst_Cli::syncOk()
{
    const Result r = run(QStringList { QStringLiteral("--sync"), QStringLiteral("--json") } + m_dbArgs);
    m_lastFailure = r.describe();
    if (r.code() != 0)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out);
    if (!doc.isObject() || doc.object().value(QLatin1String("status")).toString() != QLatin1String("ok"))
        return std::nullopt;
    return doc.object();
}

std::optional<Table> tst_Cli::exportCsv(const QStringList &args)
{
    const Result r = run(QStringList { QStringLiteral("--export") } + args + m_dbArgs);
    if (r.code() != 0) {
        qWarning("%s", r.describe().constData());
        return std::nullopt;
    }
    QByteArray bytes = r.out;
    const qsizetype out = args.indexOf(QStringLiteral("--out"));
    if (out >= 0 && args.value(out + 1) != QLatin1String("-"))
        bytes = readAll(path(args.value(out + 1)));
    QString error;
    const auto records = parseCsv(bytes, &error);
    if (!records || records->isEmpty()) {
        qWarning("not RFC 4180 CSV (%s):\n%s", qPrintable(error), bytes.left(2000).constData());
        return std::nullopt;
    }
    Table table;
    table.header = records->constFirst();
    table.rows = records->mid(1);
    for (const QStringList &row : std::as_const(table.rows)) {
        if (row.size() != table.header.size()) {
            qWarning() << "row with" << row.size() << "cells under a header of" << table.header.size() << row;
            return std::nullopt;
        }
    }
    return table;
}

void tst_Cli::help()
{
    const Result r = run({ QStringLiteral("--help") });
    QVERIFY2(r.code() == 0, r.describe());
    QVERIFY2(r.stdOut().contains(QLatin1String("Usage")), r.describe());
    for (const char *verb : { "--sync", "--export", "--health", "--out", "--db", "--config" })
        QVERIFY2(r.stdOut().contains(QLatin1String(verb)), verb);
}

void tst_Cli::version()
{
    const Result r = run({ QStringLiteral("--version") });
    QVERIFY2(r.code() == 0, r.describe());
    QVERIFY2(r.stdOut().startsWith(QLatin1String("opsdeck 0.1.0")), r.describe());
}

void tst_Cli::syncJsonWithoutConfig()
{
    const Result r = run({ QStringLiteral("--sync"), QStringLiteral("--json") });
    QVERIFY2(r.code() == 0, r.describe());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &parseError);
    QVERIFY2(doc.isObject(), qPrintable(parseError.errorString() + QLatin1Char('\n') + r.stdOut()));
    const QJsonObject o = doc.object();

    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    const QString started = o.value(QLatin1String("started_at")).toString();
    const QString finished = o.value(QLatin1String("finished_at")).toString();
    QVERIFY2(isIsoUtc(started), qPrintable(started));
    QVERIFY2(isIsoUtc(finished), qPrintable(finished));
    const qint64 startedMs = QDateTime::fromString(started, Qt::ISODateWithMs).toMSecsSinceEpoch();
    const qint64 finishedMs = QDateTime::fromString(finished, Qt::ISODateWithMs).toMSecsSinceEpoch();
    QVERIFY(finishedMs >= startedMs);
    QVERIFY(qAbs(startedMs - QDateTime::currentMSecsSinceEpoch()) < 5 * 60 * 1000);
    QVERIFY(o.value(QLatin1String("duration_ms")).isDouble());
    QVERIFY(o.value(QLatin1String("duration_ms")).toDouble() >= 0);

    const QJsonArray sources = o.value(QLatin1String("sources")).toArray();
    QCOMPARE(sources.size(), 1);
    const QJsonObject local = sources.at(0).toObject();
    QCOMPARE(local.value(QLatin1String("name")).toString(), QStringLiteral("local"));
    QCOMPARE(local.value(QLatin1String("type")).toString(), QStringLiteral("local"));
    QCOMPARE(local.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(local.value(QLatin1String("resources")).toInt(-1), 1);
    QVERIFY2(local.value(QLatin1String("samples")).toInt(-1) >= 2, r.out.constData());
    for (const char *counter : { "api_calls", "throttled", "retries" }) {
        QVERIFY2(local.value(QLatin1String(counter)).isDouble(), counter);
        QVERIFY2(local.value(QLatin1String(counter)).toInt(-1) >= 0, counter);
    }
    QVERIFY2(local.contains(QLatin1String("error")) && local.value(QLatin1String("error")).isNull(), r.out.constData());
    QVERIFY(o.value(QLatin1String("totals")).isObject());
    QVERIFY(o.value(QLatin1String("alerts")).isObject());
    const QJsonValue firing = o.value(QLatin1String("alerts")).toObject().value(QLatin1String("firing"));
    QVERIFY(firing.isArray());
    QCOMPARE(firing.toArray().size(), 0);

    QVERIFY2(QFileInfo(defaultDbPath()).isFile(), qPrintable(defaultDbPath()));
    QCOMPARE(readAll(defaultDbPath()).left(16), QByteArray("SQLite format 3\0", 16));
}

// Cron and systemd have no display: the headless verbs, and the errors of a mistyped command line, must not
// need one.
void tst_Cli::headlessWithoutDisplay_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("--sync --json") << QStringList { QStringLiteral("--sync"), QStringLiteral("--json") } << 0;
    // Before any sync there is no cache to read: a clear error, not an empty cache created where --db points.
    QTest::newRow("--export before any sync") << QStringList { QStringLiteral("--export"), QStringLiteral("resources"),
                                                               QStringLiteral("--out"), QStringLiteral("-") }
                                              << 1;
    QTest::newRow("--help") << QStringList { QStringLiteral("--help") } << 0;
    QTest::newRow("--version") << QStringList { QStringLiteral("--version") } << 0;
    QTest::newRow("--sync with a typo") << QStringList { QStringLiteral("--sync"), QStringLiteral("--jsn") } << 2;
    QTest::newRow("typo without a verb") << QStringList { QStringLiteral("--snyc") } << 2;
    QTest::newRow("--json without a verb") << QStringList { QStringLiteral("--json") } << 2;
}

void tst_Cli::headlessWithoutDisplay()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QProcessEnvironment env = m_env;
    for (const char *name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
        env.remove(QLatin1String(name));
    const Result r = run(args, env);
    QVERIFY2(r.code() == exitCode, r.describe());
    if (exitCode == 2)
        QVERIFY2(r.stdErr().contains(args.constLast().mid(2)), r.describe());
    if (exitCode == 1) {
        QVERIFY2(r.stdErr().contains(QLatin1String("opsdeck --sync first")), r.describe());
        QVERIFY2(!QFileInfo::exists(path(QStringLiteral("data/opsdeck/opsdeck.db"))), r.describe());
    }
}

void tst_Cli::syncTwiceThenExportHistory_data()
{
    addEngineRows();
}

void tst_Cli::syncTwiceThenExportHistory()
{
    SELECT_ENGINE();
    QVERIFY2(syncOk(), m_lastFailure.constData());
    QThread::msleep(1200); // samples are stored per second: the second sync gets a later timestamp
    QVERIFY2(syncOk(), m_lastFailure.constData());

    const auto table = exportCsv({ QStringLiteral("history"), QStringLiteral("--out"), QStringLiteral("history.csv") });
    QVERIFY(table);
    QCOMPARE(table->header, HistoryRawHeader);
    QVERIFY(readAll(path(QStringLiteral("history.csv")))
                .startsWith("timestamp,resource,kind,source,metric,value,warning,critical\r\n"));

    QMap<QString, QSet<QString>> timestampsByMetric;
    QSet<QString> allTimestamps;
    const QString host = QSysInfo::machineHostName();
    for (const QStringList &row : std::as_const(table->rows)) {
        const QString ts = table->cell(row, "timestamp");
        QVERIFY2(isIsoUtcSeconds(ts), qPrintable(ts));
        QCOMPARE(table->cell(row, "resource"), host);
        QCOMPARE(table->cell(row, "kind"), QStringLiteral("host"));
        QCOMPARE(table->cell(row, "source"), QStringLiteral("local"));
        bool ok = false;
        const double value = table->cell(row, "value").toDouble(&ok);
        QVERIFY2(ok && value >= 0 && value <= 100, qPrintable(row.join(QLatin1Char(','))));
        // No [alerts] and nothing stored: DESIGN.md's default thresholds.
        const QString metric = table->cell(row, "metric");
        QCOMPARE(table->cell(row, "warning"),
                 metric == QLatin1String("memory") ? QStringLiteral("85.00") : QStringLiteral("80.00"));
        QCOMPARE(table->cell(row, "critical"),
                 metric == QLatin1String("memory") ? QStringLiteral("95.00") : QStringLiteral("90.00"));
        timestampsByMetric[table->cell(row, "metric")] << ts;
        allTimestamps << ts;
    }
    QCOMPARE(QSet<QString>(timestampsByMetric.keyBegin(), timestampsByMetric.keyEnd()),
             (QSet<QString> { QStringLiteral("cpu"), QStringLiteral("memory"), QStringLiteral("disk") }));
    for (auto it = timestampsByMetric.cbegin(); it != timestampsByMetric.cend(); ++it)
        QVERIFY2(it.value().size() >= 2, qPrintable(it.key()));
    QVERIFY(allTimestamps.size() >= 2);
}

void tst_Cli::exportResources_data()
{
    addEngineRows();
}

void tst_Cli::exportResources()
{
    SELECT_ENGINE();
    QVERIFY2(syncOk(), m_lastFailure.constData());
    const Result r = run(QStringList { QStringLiteral("--export"), QStringLiteral("resources"), QStringLiteral("--out"),
                                       QStringLiteral("-") }
                         + m_dbArgs);
    QVERIFY2(r.code() == 0, r.describe());
    QVERIFY2(r.out.startsWith(QByteArray(ResourcesHeader.toUtf8() + "\r\n")), r.describe());
    const auto table = exportCsv({ QStringLiteral("resources"), QStringLiteral("--out"), QStringLiteral("-") });
    QVERIFY(table);
    QCOMPARE(table->rows.size(), 1);
    const QStringList &row = table->rows.constFirst();
    QCOMPARE(table->cell(row, "resource"), QSysInfo::machineHostName());
    QCOMPARE(table->cell(row, "kind"), QStringLiteral("host"));
    QCOMPARE(table->cell(row, "source"), QStringLiteral("local"));
    for (const char *size : { "vcpus", "memory_mb", "disk_gb" }) {
        bool ok = false;
        QVERIFY2(table->cell(row, size).toLongLong(&ok) >= 0 && ok, size);
    }
    QVERIFY(table->cell(row, "vcpus").toInt() >= 1);
    QVERIFY(table->cell(row, "memory_mb").toInt() >= 1);
    for (const char *metric : { "cpu", "memory", "disk" }) {
        bool ok = false;
        const double value = table->cell(row, metric).toDouble(&ok);
        QVERIFY2(ok && value >= 0 && value <= 100, metric);
    }
    QVERIFY2(isIsoUtcSeconds(table->cell(row, "updated_at")), qPrintable(table->cell(row, "updated_at")));
}

void tst_Cli::exportSyncRuns_data()
{
    addEngineRows();
}

void tst_Cli::exportSyncRuns()
{
    SELECT_ENGINE();
    constexpr int Syncs = 3;
    for (int i = 0; i < Syncs; ++i) {
        if (i > 0)
            QThread::msleep(1100); // each sync stores samples under a new second
        QVERIFY2(syncOk(), m_lastFailure.constData());
    }
    const auto table = exportCsv({ QStringLiteral("sync-runs"), QStringLiteral("--out"), QStringLiteral("-") });
    QVERIFY(table);
    QCOMPARE(table->header.join(QLatin1Char(',')), SyncRunsHeader);
    QCOMPARE(table->rows.size(), Syncs);
    for (const QStringList &row : std::as_const(table->rows)) {
        QVERIFY(isIsoUtcSeconds(table->cell(row, "started_at")));
        QVERIFY(isIsoUtcSeconds(table->cell(row, "finished_at")));
        QVERIFY(isoToSecs(table->cell(row, "started_at")) <= isoToSecs(table->cell(row, "finished_at")));
        QCOMPARE(table->cell(row, "source"), QStringLiteral("local"));
        QCOMPARE(table->cell(row, "status"), QStringLiteral("ok"));
        QCOMPARE(table->cell(row, "resources"), QStringLiteral("1"));
        QVERIFY(table->cell(row, "samples").toInt() >= 2);
        QCOMPARE(table->cell(row, "api_calls"), QStringLiteral("0"));
        QCOMPARE(table->cell(row, "throttled"), QStringLiteral("0"));
        QCOMPARE(table->cell(row, "error"), QString());
    }
    // --source narrows the report; an unknown one is refused.
    const auto local = exportCsv({ QStringLiteral("sync-runs"), QStringLiteral("--out"), QStringLiteral("-"),
                                   QStringLiteral("--source"), QStringLiteral("local") });
    QVERIFY(local);
    QCOMPARE(local->rows.size(), Syncs);
}

void tst_Cli::exportHistoryRollups_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("resolution");
    for (const char *engine : { "sqlite", "postgresql" }) {
        for (const char *resolution : { "hour", "day" }) {
            QTest::addRow("%s %s", engine, resolution)
                << QString::fromLatin1(engine) << QString::fromLatin1(resolution);
        }
    }
}

void tst_Cli::exportHistoryRollups()
{
    SELECT_ENGINE();
    QFETCH(QString, resolution);
    const qint64 period = resolution == QLatin1String("day") ? 86400 : 3600;
    QVERIFY2(syncOk(), m_lastFailure.constData());
    QThread::msleep(1200);
    QVERIFY2(syncOk(), m_lastFailure.constData());

    const auto raw = exportCsv({ QStringLiteral("history"), QStringLiteral("--out"), QStringLiteral("-") });
    QVERIFY(raw);
    const auto rolled = exportCsv({ QStringLiteral("history"), QStringLiteral("--out"), QStringLiteral("-"),
                                    QStringLiteral("--resolution"), resolution });
    QVERIFY(rolled);
    QCOMPARE(rolled->header, HistoryRollupHeader);
    QVERIFY(!rolled->rows.isEmpty());

    // What the raw samples say each (metric, bucket) must be.
    struct Bucket
    {
        qint64 count = 0;
        double min = 1e9, max = -1e9, sum = 0;
    };
    QMap<QPair<QString, qint64>, Bucket> expected;
    for (const QStringList &row : std::as_const(raw->rows)) {
        const qint64 ts = isoToSecs(raw->cell(row, "timestamp"));
        const double v = raw->cell(row, "value").toDouble();
        Bucket &b = expected[{ raw->cell(row, "metric"), ts - ts % period }];
        ++b.count;
        b.min = std::min(b.min, v);
        b.max = std::max(b.max, v);
        b.sum += v;
    }
    QMap<QString, qint64> rolledCounts, rawCounts;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        rawCounts[it.key().first] += it.value().count;
    for (const QStringList &row : std::as_const(rolled->rows)) {
        const QString line = row.join(QLatin1Char(','));
        const QString ts = rolled->cell(row, "timestamp");
        QVERIFY2(isIsoUtcSeconds(ts), qPrintable(line));
        const qint64 bucket = isoToSecs(ts);
        QVERIFY2(bucket % period == 0, qPrintable(line));
        QCOMPARE(rolled->cell(row, "resource"), QSysInfo::machineHostName());
        QCOMPARE(rolled->cell(row, "kind"), QStringLiteral("host"));
        QCOMPARE(rolled->cell(row, "source"), QStringLiteral("local"));
        const QString metric = rolled->cell(row, "metric");
        const double min = rolled->cell(row, "min").toDouble();
        const double avg = rolled->cell(row, "avg").toDouble();
        const double max = rolled->cell(row, "max").toDouble();
        bool ok = false;
        const qint64 count = rolled->cell(row, "count").toLongLong(&ok);
        QVERIFY2(ok && count > 0, qPrintable(line));
        QVERIFY2(0 <= min && min <= avg + 1e-6 && avg <= max + 1e-6 && max <= 100, qPrintable(line));
        rolledCounts[metric] += count;
        const auto want = expected.constFind({ metric, bucket });
        QVERIFY2(want != expected.cend(), qPrintable(QStringLiteral("no raw samples in bucket: ") + line));
        QCOMPARE(count, want->count);
        QVERIFY2(qAbs(min - want->min) < 0.01, qPrintable(line));
        QVERIFY2(qAbs(max - want->max) < 0.01, qPrintable(line));
        QVERIFY2(qAbs(avg - want->sum / double(want->count)) < 0.01, qPrintable(line));
    }
    QCOMPARE(rolledCounts, rawCounts);
}

void tst_Cli::exportTimeRangeAndAlerts_data()
{
    addEngineRows();
}

void tst_Cli::exportTimeRangeAndAlerts()
{
    SELECT_ENGINE();
    QVERIFY2(syncOk(), m_lastFailure.constData());
    const auto all = exportCsv({ QStringLiteral("history"), QStringLiteral("--out"), QStringLiteral("all.csv") });
    QVERIFY(all);
    QVERIFY(!all->rows.isEmpty());
    const auto recent = exportCsv({ QStringLiteral("history"), QStringLiteral("--from"), QStringLiteral("-1h"),
                                    QStringLiteral("--out"), QStringLiteral("h.csv") });
    QVERIFY(recent);
    QCOMPARE(recent->header, HistoryRawHeader);
    QCOMPARE(recent->rows, all->rows);
    const auto old = exportCsv({ QStringLiteral("history"), QStringLiteral("--to"), QStringLiteral("-1h"),
                                 QStringLiteral("--out"), QStringLiteral("old.csv") });
    QVERIFY(old);
    QCOMPARE(old->rows.size(), 0);
    const auto cpu = exportCsv({ QStringLiteral("history"), QStringLiteral("--metric"), QStringLiteral("cpu"),
                                 QStringLiteral("--resource"), QSysInfo::machineHostName(), QStringLiteral("--out"),
                                 QStringLiteral("-") });
    QVERIFY(cpu);
    QVERIFY(!cpu->rows.isEmpty());
    for (const QStringList &row : std::as_const(cpu->rows))
        QCOMPARE(cpu->cell(row, "metric"), QStringLiteral("cpu"));

    const Result alerts = run(QStringList { QStringLiteral("--export"), QStringLiteral("alerts"),
                                            QStringLiteral("--out"), QStringLiteral("-") }
                              + m_dbArgs);
    QVERIFY2(alerts.code() == 0, alerts.describe());
    QVERIFY2(alerts.out.startsWith(QByteArray(AlertsHeader.toUtf8() + "\r\n")), alerts.describe());
}

void tst_Cli::exportUnknownResource_data()
{
    addEngineRows();
}

void tst_Cli::exportUnknownResource()
{
    SELECT_ENGINE();
    QVERIFY2(syncOk(), m_lastFailure.constData());
    Result r = run(QStringList { QStringLiteral("--export"), QStringLiteral("history"), QStringLiteral("--resource"),
                                 QStringLiteral("nosuch"), QStringLiteral("--out"), QStringLiteral("-") }
                   + m_dbArgs);
    QVERIFY2(r.code() == 2, r.describe());
    QVERIFY2(r.stdErr().contains(QLatin1String("nosuch")), r.describe());
    // To a file: no file, not even a header, is left behind.
    r = run(QStringList { QStringLiteral("--export"), QStringLiteral("history"), QStringLiteral("--resource"),
                          QStringLiteral("nosuch"), QStringLiteral("--out"), QStringLiteral("x.csv") }
            + m_dbArgs);
    QVERIFY2(r.code() == 2, r.describe());
    QVERIFY2(r.stdErr().contains(QLatin1String("nosuch")), r.describe());
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("x.csv"))));
}

void tst_Cli::exportToUnwritablePlace()
{
    QVERIFY2(syncOk(), m_lastFailure.constData());
    for (const QString &out : { QStringLiteral("/proc/opsdeck.csv"), path(QStringLiteral("nodir/x.csv")) }) {
        const Result r = run({ QStringLiteral("--export"), QStringLiteral("resources"), QStringLiteral("--out"), out });
        QVERIFY2(r.code() == 1, r.describe());
        QVERIFY2(r.stdErr().contains(out), r.describe());
    }
}

void tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    const auto s = [](const char *text) { return QString::fromUtf8(text).split(QLatin1Char(' ')); };
    QTest::newRow("unknown option") << s("--sync --bogus") << QStringLiteral("bogus");
    // No verb, so no headless hint: still a usage error on stderr, never a dialog waiting for a click.
    QTest::newRow("unknown option without a verb") << s("--snyc") << QStringLiteral("snyc");
    QTest::newRow("--watch without --sync") << s("--watch") << QStringLiteral("--watch");
    QTest::newRow("export without --out") << s("--export history") << QStringLiteral("--out");
    QTest::newRow("unknown report") << s("--export fleet --out -") << QStringLiteral("fleet");
    QTest::newRow("bad metric") << s("--export history --metric load --out -") << QStringLiteral("load");
    QTest::newRow("bad time") << s("--export history --from yesterday --out -") << QStringLiteral("yesterday");
    QTest::newRow("two verbs") << s("--sync --health") << QStringLiteral("--health");
    QTest::newRow("missing config file") << s("--sync --config missing.ini") << QStringLiteral("missing.ini");
    QTest::newRow("config file is a directory") << s("--sync --config .") << QStringLiteral(".");
    QTest::newRow("malformed db URL") << s("--sync --db foo://x") << QStringLiteral("foo");
    QTest::newRow("bare path as db URL") << s("--sync --db /tmp/x.db") << QStringLiteral("sqlite://");
    QTest::newRow("db URL on export") << s("--export resources --out - --db foo://x") << QStringLiteral("foo");
    QTest::newRow("unknown source") << s("--sync --source nosuch") << QStringLiteral("nosuch");
    QTest::newRow("unknown source on export")
        << s("--export sync-runs --out - --source nosuch") << QStringLiteral("nosuch");
}

void tst_Cli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const Result r = run(args, m_env, 20000);
    QVERIFY2(r.code() == 2, r.describe());
    QVERIFY2(r.stdErr().contains(named), r.describe());
    // A usage error touches nothing: no database is created.
    QVERIFY(!QFileInfo::exists(defaultDbPath()));
}

void tst_Cli::configErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("via"); // option | env | default
    QTest::addColumn<QStringList>("named");
    const QStringList retention { QStringLiteral("storage"), QStringLiteral("retention_days"), QStringLiteral("abc") };
    for (const char *via : { "option", "env", "default" }) {
        QTest::addRow("bad retention_days via %s", via)
            << fixture("bad-retention.ini") << QString::fromLatin1(via) << retention;
    }
    QTest::newRow("unknown key") << fixture("unknown-key.ini") << QStringLiteral("option")
                                 << QStringList { QStringLiteral("intervall"), QStringLiteral("interval") };
    QTest::newRow("unknown source type") << fixture("bad-source-type.ini") << QStringLiteral("option")
                                         << QStringList { QStringLiteral("carrier-pigeon"), QStringLiteral("type") };
}

void tst_Cli::configErrors()
{
    QFETCH(QString, file);
    QFETCH(QString, via);
    QFETCH(QStringList, named);
    QStringList args { QStringLiteral("--sync") };
    QProcessEnvironment env = m_env;
    QString shownPath = file;
    if (via == QLatin1String("option")) {
        args << QStringLiteral("--config") << file;
    } else if (via == QLatin1String("env")) {
        env.insert(QStringLiteral("OPSDECK_CONFIG"), file);
    } else {
        shownPath = path(QStringLiteral("config/opsdeck/opsdeck.ini"));
        QVERIFY(writeFile(shownPath, readAll(file)));
    }
    for (const QStringList &verb : { args,
                                     QStringList { QStringLiteral("--export"), QStringLiteral("resources"),
                                                   QStringLiteral("--out"), QStringLiteral("-") }
                                         + args.mid(1) }) {
        const Result r = run(verb, env);
        QVERIFY2(r.code() == 2, r.describe());
        QVERIFY2(r.stdErr().contains(shownPath), r.describe());
        for (const QString &word : named)
            QVERIFY2(r.stdErr().contains(word), qPrintable(word + QLatin1Char('\n') + QString::fromUtf8(r.describe())));
    }
    QVERIFY(!QFileInfo::exists(defaultDbPath()));
}

// Where the cache goes: --db, else OPSDECK_DB, else [storage] url, else the default file.
void tst_Cli::databaseChoice_data()
{
    QTest::addColumn<bool>("configUrl");
    QTest::addColumn<bool>("envDb");
    QTest::addColumn<bool>("optionDb");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default") << false << false << false << QStringLiteral("data/opsdeck/opsdeck.db");
    QTest::newRow("[storage] url") << true << false << false << QStringLiteral("config.db");
    QTest::newRow("env over config") << true << true << false << QStringLiteral("env.db");
    QTest::newRow("option over env and config") << true << true << true << QStringLiteral("option.db");
}

void tst_Cli::databaseChoice()
{
    QFETCH(bool, configUrl);
    QFETCH(bool, envDb);
    QFETCH(bool, optionDb);
    QFETCH(QString, expected);
    QStringList args { QStringLiteral("--sync") };
    QProcessEnvironment env = m_env;
    if (configUrl) {
        const QString ini = path(QStringLiteral("opsdeck.ini"));
        QVERIFY(writeFile(ini,
                          "[storage]\nurl=sqlite://" + path(QStringLiteral("config.db")).toUtf8()
                              + "\n\n[source.local]\ntype=local\n"));
        args << QStringLiteral("--config") << ini;
    }
    if (envDb)
        env.insert(QStringLiteral("OPSDECK_DB"), QStringLiteral("sqlite://") + path(QStringLiteral("env.db")));
    if (optionDb)
        args << QStringLiteral("--db") << QStringLiteral("sqlite:option.db"); // relative to the working directory
    const Result r = run(args, env);
    QVERIFY2(r.code() == 0, r.describe());
    for (const char *candidate : { "data/opsdeck/opsdeck.db", "config.db", "env.db", "option.db" }) {
        const QString name = QString::fromLatin1(candidate);
        QVERIFY2(QFileInfo::exists(path(name)) == (name == expected), candidate);
    }
}

void tst_Cli::partialAndFailedRounds_data()
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("status");
    QTest::newRow("one of two fails: partial") << fixture("local-and-failing.ini") << 3 << QStringLiteral("partial");
    QTest::newRow("the only source fails") << fixture("only-failing.ini") << 1 << QStringLiteral("failed");
}

void tst_Cli::partialAndFailedRounds()
{
    QFETCH(QString, config);
    QFETCH(int, exitCode);
    QFETCH(QString, status);
    const Result r = run({ QStringLiteral("--sync"), QStringLiteral("--json"), QStringLiteral("--config"), config });
    QVERIFY2(r.code() == exitCode, r.describe());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QLatin1String("status")).toString(), status);
    bool sawFailure = false;
    for (const QJsonValue &v : o.value(QLatin1String("sources")).toArray()) {
        const QJsonObject s = v.toObject();
        if (s.value(QLatin1String("name")).toString() == QLatin1String("prom")) {
            sawFailure = true;
            QCOMPARE(s.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
            QVERIFY(!s.value(QLatin1String("error")).toString().isEmpty());
        } else {
            QCOMPARE(s.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        }
    }
    QVERIFY(sawFailure);
    // --source picks the working one: that round is ok.
    if (exitCode == 3) {
        const Result one = run({ QStringLiteral("--sync"), QStringLiteral("--config"), config,
                                 QStringLiteral("--source"), QStringLiteral("local") });
        QVERIFY2(one.code() == 0, one.describe());
    }
}

void tst_Cli::unwritableSqlitePath_data()
{
    QTest::addColumn<QString>("dbPath");
    QTest::addColumn<bool>("placeFile");
    // The tests run as root, which chmod does not stop: use places no one can create files in.
    QTest::newRow("under /proc") << QStringLiteral("/proc/opsdeck/x.db") << false;
    QTest::newRow("file in place of a directory") << QStringLiteral("notadir/x.db") << true;
}

void tst_Cli::unwritableSqlitePath()
{
    QFETCH(QString, dbPath);
    QFETCH(bool, placeFile);
    if (placeFile) {
        QVERIFY(writeFile(path(QStringLiteral("notadir")), "a file, not a directory\n"));
        dbPath = path(dbPath);
    }
    const QString url = QStringLiteral("sqlite://") + dbPath;
    Result r = run({ QStringLiteral("--sync"), QStringLiteral("--db"), url });
    QVERIFY2(r.code() == 1, r.describe());
    QVERIFY2(r.stdErr().contains(QFileInfo(dbPath).path()), r.describe());

    r = run({ QStringLiteral("--sync"), QStringLiteral("--json"), QStringLiteral("--db"), url });
    QVERIFY2(r.code() == 1, r.describe());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    QVERIFY2(o.value(QLatin1String("error")).toString().contains(QFileInfo(dbPath).path()), r.describe());

    r = run({ QStringLiteral("--export"), QStringLiteral("resources"), QStringLiteral("--out"), QStringLiteral("-"),
              QStringLiteral("--db"), url });
    QVERIFY2(r.code() == 1, r.describe());
    QVERIFY2(r.stdErr().contains(QFileInfo(dbPath).path()), r.describe());
}

void tst_Cli::notASqliteFile()
{
    const QString db = path(QStringLiteral("x.db"));
    const QByteArray content = "hello\n";
    QVERIFY(writeFile(db, content));
    const QString url = QStringLiteral("sqlite://") + db;
    for (const QStringList &args :
         { QStringList { QStringLiteral("--sync") }, QStringList { QStringLiteral("--sync"), QStringLiteral("--json") },
           QStringList { QStringLiteral("--export"), QStringLiteral("history"), QStringLiteral("--out"),
                         QStringLiteral("-") } }) {
        const Result r = run(args + QStringList { QStringLiteral("--db"), url });
        QVERIFY2(r.code() == 1, r.describe());
        QVERIFY2(r.stdErr().contains(db) || r.stdOut().contains(db), r.describe());
        QCOMPARE(readAll(db), content);
    }
    QVERIFY(!QFileInfo::exists(db + QLatin1String("-wal")));
    QVERIFY(!QFileInfo::exists(db + QLatin1String("-journal")));
}

void tst_Cli::corruptSqlite_data()
{
    QTest::addColumn<bool>("everything");
    // A few KB in the middle: the damage may lie where a run never reads, so 0 is as fine as 1.
    QTest::newRow("garbage in the middle") << false;
    // Every page but the header page: nothing can be read, so the run fails and writes nothing.
    QTest::newRow("garbage after the first page") << true;
}

void tst_Cli::corruptSqlite()
{
    QFETCH(bool, everything);
    const QString db = path(QStringLiteral("x.db"));
    m_dbArgs = QStringList { QStringLiteral("--db"), QStringLiteral("sqlite://") + db };
    QVERIFY2(syncOk(), m_lastFailure.constData());
    QThread::msleep(1100);
    QVERIFY2(syncOk(), m_lastFailure.constData());
    QFile file(db);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY2(size >= 4 * 4096, qPrintable(QString::number(size)));
    const qint64 at = everything ? 4096 : std::max<qint64>(4096, (size / 2) / 4096 * 4096);
    const qint64 length = everything ? size - at : std::min<qint64>(8192, size - at);
    QByteArray garbage(length, '\0');
    for (char &c : garbage)
        c = char(QRandomGenerator::global()->bounded(256));
    QVERIFY(file.seek(at));
    QCOMPARE(file.write(garbage), length);
    file.close();
    const QByteArray damaged = readAll(db);
    struct stat before = {};
    QCOMPARE(::stat(QFile::encodeName(db).constData(), &before), 0);
    QThread::msleep(1100);

    for (const QStringList &args :
         { QStringList { QStringLiteral("--sync"), QStringLiteral("--json") }, QStringList { QStringLiteral("--sync") },
           QStringList { QStringLiteral("--export"), QStringLiteral("history"), QStringLiteral("--out"),
                         QStringLiteral("-") } }) {
        const Result r = run(args + m_dbArgs);
        QVERIFY2(everything ? r.code() == 1 : (r.code() == 0 || r.code() == 1), r.describe());
        if (r.code() == 1)
            QVERIFY2(!r.err.trimmed().isEmpty(), r.describe());
        struct stat after = {};
        QCOMPARE(::stat(QFile::encodeName(db).constData(), &after), 0);
        QCOMPARE(after.st_ino, before.st_ino); // never replaced by a fresh file
        if (everything)
            QVERIFY2(readAll(db) == damaged, "a failed run changed the damaged file");
        else
            QCOMPARE(readAll(db).left(16), QByteArray("SQLite format 3\0", 16));
    }
}

void tst_Cli::unreachablePostgres()
{
    const QString password = QStringLiteral("Sup3r-S3cret-pw");
    const QString url = QStringLiteral("postgresql://opsdeck:%1@127.0.0.1:1/x").arg(password);
    for (const QStringList &args :
         { QStringList { QStringLiteral("--sync") }, QStringList { QStringLiteral("--sync"), QStringLiteral("--json") },
           QStringList { QStringLiteral("--export"), QStringLiteral("resources"), QStringLiteral("--out"),
                         QStringLiteral("-") } }) {
        const Result r = run(args + QStringList { QStringLiteral("--db"), url });
        QVERIFY2(r.code() == 1, r.describe());
        QVERIFY2(r.elapsedMs < 30000, r.describe());
        QVERIFY2(r.stdErr().contains(QLatin1String("127.0.0.1")), r.describe());
        QVERIFY2(!r.stdErr().contains(password), r.describe());
        QVERIFY2(!r.stdOut().contains(password), r.describe());
    }
}

void tst_Cli::lockHeldByAnother_data()
{
    addEngineRows();
}

void tst_Cli::lockHeldByAnother()
{
    SELECT_ENGINE();
    QFETCH(QString, engine);
    std::unique_ptr<QLockFile> fileLock;
    QString holderPid;
    if (engine == QLatin1String("sqlite")) {
        const QString db = path(QStringLiteral("store/x.db"));
        QVERIFY(QDir().mkpath(QFileInfo(db).path()));
        m_dbArgs = QStringList { QStringLiteral("--db"), QStringLiteral("sqlite://") + db };
        // SyncLock's path: "<database path>.<source>.lock".
        fileLock = std::make_unique<QLockFile>(db + QLatin1String(".local.lock"));
        QVERIFY(fileLock->tryLock(0));
        holderPid = QString::number(QCoreApplication::applicationPid());
    } else {
        // The same connection parameters as the binary, on a connection of our own.
        QSqlDatabase lockDb = QSqlDatabase::cloneDatabase(AdminConnection, LockConnection);
        lockDb.setDatabaseName(m_dbArgs.constLast().section(QLatin1Char('/'), -1));
        QVERIFY2(lockDb.open(), qPrintable(lockDb.lastError().text()));
        QSqlQuery q(lockDb);
        QVERIFY2(q.exec(QStringLiteral("SELECT pg_try_advisory_lock(884259, hashtext('local')), pg_backend_pid()")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toBool());
        holderPid = q.value(1).toString();
    }

    const Result r = run(QStringList { QStringLiteral("--sync"), QStringLiteral("--json") } + m_dbArgs);
    QVERIFY2(r.code() == 75, r.describe());
    QVERIFY2(r.elapsedMs < 20000, r.describe());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonObject local = o.value(QLatin1String("sources")).toArray().at(0).toObject();
    QCOMPARE(local.value(QLatin1String("name")).toString(), QStringLiteral("local"));
    QCOMPARE(local.value(QLatin1String("status")).toString(), QStringLiteral("locked"));
    // Who holds it: the pid (ours, or our PostgreSQL backend's).
    QVERIFY2(local.value(QLatin1String("error")).toString().contains(holderPid) || r.stdErr().contains(holderPid),
             qPrintable(holderPid + QLatin1Char('\n') + QString::fromUtf8(r.describe())));

    // Without --json a person reads the same on stderr.
    const Result text = run(QStringList { QStringLiteral("--sync") } + m_dbArgs);
    QVERIFY2(text.code() == 75, text.describe());
    QVERIFY2(text.stdErr().contains(holderPid) || text.stdOut().contains(holderPid), text.describe());

    if (fileLock) {
        fileLock->unlock();
    } else {
        QSqlQuery q(QSqlDatabase::database(LockConnection));
        QVERIFY(q.exec(QStringLiteral("SELECT pg_advisory_unlock(884259, hashtext('local'))")));
    }
    QVERIFY2(syncOk(), m_lastFailure.constData());
}

void tst_Cli::concurrentSyncsTakeTurns_data()
{
    addEngineRows();
}

void tst_Cli::concurrentSyncsTakeTurns()
{
    SELECT_ENGINE();
    QProcess a, b;
    for (QProcess *p : { &a, &b }) {
        p->setProgram(m_binary);
        p->setArguments(QStringList { QStringLiteral("--sync"), QStringLiteral("--json") } + m_dbArgs);
        p->setProcessEnvironment(m_env);
        p->setWorkingDirectory(m_dir->path());
        p->start();
    }
    for (QProcess *p : { &a, &b }) {
        QVERIFY(p->waitForStarted(TimeoutMs));
        const bool finished = p->waitForFinished(TimeoutMs);
        if (!finished)
            p->kill();
        QVERIFY2(finished && p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                 qPrintable(QStringLiteral("exit %1\n%2\n%3")
                                .arg(p->exitCode())
                                .arg(QString::fromUtf8(p->readAllStandardOutput()),
                                     QString::fromUtf8(p->readAllStandardError()))));
    }
    const auto runs = exportCsv({ QStringLiteral("sync-runs"), QStringLiteral("--out"), QStringLiteral("-") });
    QVERIFY(runs);
    QCOMPARE(runs->rows.size(), 2);
    QList<QPair<qint64, qint64>> spans;
    for (const QStringList &row : std::as_const(runs->rows)) {
        QCOMPARE(runs->cell(row, "source"), QStringLiteral("local"));
        QCOMPARE(runs->cell(row, "status"), QStringLiteral("ok"));
        spans << qMakePair(isoToSecs(runs->cell(row, "started_at")), isoToSecs(runs->cell(row, "finished_at")));
    }
    std::sort(spans.begin(), spans.end());
    // One syncer at a time: the second run starts no earlier than the first one finished.
    QVERIFY2(spans.at(1).first >= spans.at(0).second,
             qPrintable(QStringLiteral("sync runs overlap: %1 .. %2 and %3 .. %4")
                            .arg(runs->rows.at(0).at(0), runs->rows.at(0).at(1), runs->rows.at(1).at(0),
                                 runs->rows.at(1).at(1))));
}

// --sync --watch runs until SIGTERM, printing one JSON object per line per round, and then exits 0.
void tst_Cli::watchStopsOnSigterm()
{
    QProcess p;
    p.setProgram(m_binary);
    p.setArguments({ QStringLiteral("--sync"), QStringLiteral("--watch"), QStringLiteral("--json") });
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(m_dir->path());
    p.start();
    QVERIFY(p.waitForStarted(TimeoutMs));
    QElapsedTimer clock;
    clock.start();
    while (!p.canReadLine() && clock.elapsed() < TimeoutMs && p.state() == QProcess::Running)
        p.waitForReadyRead(1000);
    QVERIFY2(p.canReadLine(), p.readAllStandardError().constData());
    const QByteArray line = p.readLine();
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    p.terminate();
    const bool finished = p.waitForFinished(TimeoutMs);
    if (!finished)
        p.kill();
    QVERIFY(finished);
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
