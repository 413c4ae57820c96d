// Runs the real opsdeck binary against the DigitalOcean test server (FakeDigitalOcean, on its own thread in this
// process), the way cron and systemd do: each test in a fresh home (XDG_* and HOME in a temporary directory) with a
// SQLite cache there. Checks the --sync --json report against what the server saw, the CSV exports, the token's
// absence from every output and file, faults per endpoint, the rate budget at the server across two processes
// and the sync lock between two syncers.
#include "fakedigitalocean.h"
#include "localserversupport.h"

#include "clitestsupport.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace {

// Every wait on the binary is bounded: a hang fails the test instead of blocking the suite.
constexpr int TimeoutMs = 60000;
const QString TokenVariable = QStringLiteral("OPSDECK_CLIDO_TOKEN");

using Kind = FakeDigitalOcean::FaultKind;

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

struct Table
{
    QStringList header;
    QList<QStringList> rows;
    QString cell(const QStringList &row, const char *column) const
    {
        return row.value(header.indexOf(QLatin1String(column)));
    }
};

// A token shaped like DigitalOcean's: "dop_v1_" and 64 hex digits, different on every call.
QByteArray makeToken()
{
    QByteArray token = "dop_v1_";
    for (int i = 0; i < 8; ++i)
        token += QByteArray::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, '0');
    return token;
}

FakeDigitalOcean::Fault fault(const QString &pattern, Kind kind, int status = 500, int times = -1, int delayMs = 0)
{
    FakeDigitalOcean::Fault f;
    f.pattern = pattern;
    f.kind = kind;
    f.status = status;
    f.times = times;
    f.delayMs = delayMs;
    return f;
}

// "metric path + resource id" of a Monitoring request, without its window: one sync asks for each once.
QString metricKey(const QString &target)
{
    const QUrl url(QStringLiteral("http://fake") + target);
    const QUrlQuery query(url);
    for (const char *param : { "host_id", "app_id", "db_id" }) {
        if (query.hasQueryItem(QLatin1String(param)))
            return url.path() + QLatin1Char('|') + query.queryItemValue(QLatin1String(param));
    }
    return url.path();
}

// One sync's worth of requests for `droplets` droplets, `mysql` MySQL clusters and `apps` apps (single pages).
int callsForFleet(int droplets, int mysql, int apps)
{
    return 3 + 5 * droplets + 3 * mysql + 2 * apps;
}

} // namespace

Q_DECLARE_METATYPE(FakeDigitalOcean::Fault)

class tst_CliDigitalOcean : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void happyPathThenIncremental();
    void tokenRejected();
    void tokenMissing();
    void faults_data();
    void faults();
    void budgetAcrossProcesses();
    void lockAgainstSecondSyncer();

private:
    bool startFake(int droplets, int databases, int apps, int requestsPerMinute = 250);
    // The config file: [source.local] when withLocal, [source.do] against apiUrl; extra lines go to [source.do].
    bool writeConfig(const QString &apiUrl, bool withLocal, const QStringList &extra = {});
    Result run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = TimeoutMs) const;
    Result run(const QStringList &args, int timeoutMs = TimeoutMs) const { return run(args, m_env, timeoutMs); }
    Result sync(const QStringList &extra = {}, int timeoutMs = TimeoutMs) const
    {
        return run(QStringList { QStringLiteral("--sync"), QStringLiteral("--json") } + extra, timeoutMs);
    }
    std::optional<Table> exportCsv(const QStringList &args);
    QString path(const QString &relative) const { return m_dir->filePath(relative); }
    QString dbPath() const { return path(QStringLiteral("opsdeck.db")); }
    QProcess *startProcess(const QStringList &args);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeDigitalOcean> m_fake;
    QProcessEnvironment m_env;
    QByteArray m_token;
    QString m_binary = QStringLiteral(OPSDECK_BINARY);
    QList<QProcess *> m_processes; // started by a test; killed and deleted in cleanup()
};

namespace {

QJsonObject sourceOf(const QJsonObject &report, const QString &name)
{
    const QJsonArray sources = report.value(QLatin1String("sources")).toArray();
    for (const QJsonValue &s : sources) {
        if (s.toObject().value(QLatin1String("name")).toString() == name)
            return s.toObject();
    }
    return QJsonObject();
}

int number(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInt(-1);
}

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

// An error for people: not empty, not Qt's enum names or its generic phrases.
bool plainWords(const QString &error, QString *why)
{
    if (error.trimmed().size() < 15) {
        *why = QStringLiteral("too short");
        return false;
    }
    for (const char *jargon : { "QNetworkReply", "NetworkError", "Error transferring", "Unknown error", "(null)" }) {
        if (error.contains(QLatin1String(jargon))) {
            *why = QStringLiteral("contains \"%1\"").arg(QLatin1String(jargon));
            return false;
        }
    }
    return true;
}

} // namespace

void tst_CliDigitalOcean::initTestCase()
{
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
}

void tst_CliDigitalOcean::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QDir(m_dir->path()).mkpath(QStringLiteral("home"));
    m_env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "OPSDECK_CONFIG", "OPSDECK_DB", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS", "DIGITALOCEAN_TOKEN",
                              "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        m_env.remove(QLatin1String(name));
    m_env.remove(TokenVariable);
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    m_env.insert(QStringLiteral("XDG_CACHE_HOME"), path(QStringLiteral("cache")));
    m_env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
    m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_token = makeToken();
}

void tst_CliDigitalOcean::cleanup()
{
    for (QProcess *p : std::as_const(m_processes)) {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(5000);
        }
        delete p;
    }
    m_processes.clear();
    m_fake.reset();
    m_dir.reset();
}

bool tst_CliDigitalOcean::startFake(int droplets, int databases, int apps, int requestsPerMinute)
{
    FakeDigitalOcean::Options options;
    options.droplets = droplets;
    options.databases = databases;
    options.apps = apps;
    options.token = m_token;
    options.requestsPerMinute = requestsPerMinute;
    m_fake = std::make_unique<FakeDigitalOcean>(options);
    return m_fake->start();
}

bool tst_CliDigitalOcean::writeConfig(const QString &apiUrl, bool withLocal, const QStringList &extra)
{
    QStringList lines { QStringLiteral("[storage]"), QStringLiteral("url=sqlite://") + dbPath(), QString() };
    if (withLocal)
        lines << QStringLiteral("[source.local]") << QStringLiteral("type=local") << QString();
    lines << QStringLiteral("[source.do]") << QStringLiteral("type=digitalocean") << QStringLiteral("api_url=") + apiUrl
          << QStringLiteral("token_env=") + TokenVariable << QStringLiteral("backfill=1d");
    lines << extra;
    return writeFile(path(QStringLiteral("config/opsdeck/opsdeck.ini")), lines.join(QLatin1Char('\n')).toUtf8() + '\n');
}

Result tst_CliDigitalOcean::run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs) const
{
    return runProgram(m_binary, args, env, m_dir->path(), timeoutMs);
}

QProcess *tst_CliDigitalOcean::startProcess(const QStringList &args)
{
    auto *p = new QProcess;
    m_processes << p;
    p->setProgram(m_binary);
    p->setArguments(args);
    p->setProcessEnvironment(m_env);
    p->setWorkingDirectory(m_dir->path());
    p->start();
    return p;
}

std::optional<Table> tst_CliDigitalOcean::exportCsv(const QStringList &args)
{
    const Result r = run(QStringList { QStringLiteral("--export") } + args);
    if (r.code() != 0) {
        qWarning("%s", r.describe().constData());
        return std::nullopt;
    }
    QString error;
    const auto records = parseCsv(r.out, &error);
    if (!records || records->isEmpty()) {
        qWarning("not RFC 4180 CSV (%s):\n%s", qPrintable(error), r.out.left(2000).constData());
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

// Local and DigitalOcean sync together; the report's counters are what the server saw; the exports list the fleet
// and its history; a second (incremental) sync asks only for the recent window and duplicates nothing.
void tst_CliDigitalOcean::happyPathThenIncremental()
{
    QVERIFY(startFake(3, 1, 1));
    QVERIFY(writeConfig(m_fake->url(), true));
    m_env.insert(TokenVariable, QString::fromLatin1(m_token));

    // First sync: a backfill of one day.
    const Result first = sync();
    QVERIFY2(first.code() == 0, first.describe());
    const QJsonObject report = first.json();
    QCOMPARE(text(report, "status"), QStringLiteral("ok"));
    QCOMPARE(report.value(QLatin1String("sources")).toArray().size(), 2);
    const QJsonObject local = sourceOf(report, QStringLiteral("local"));
    const QJsonObject digitalOcean = sourceOf(report, QStringLiteral("do"));
    QCOMPARE(text(local, "status"), QStringLiteral("ok"));
    QCOMPARE(text(digitalOcean, "status"), QStringLiteral("ok"));
    QCOMPARE(text(digitalOcean, "type"), QStringLiteral("digitalocean"));
    QVERIFY2(digitalOcean.value(QLatin1String("error")).isNull(), first.out.constData());
    QCOMPARE(number(digitalOcean, "resources"), 5);
    // 288 five-minute points a day per metric: droplets cpu/memory/disk, the MySQL cluster's three, the app's two.
    QVERIFY2(number(digitalOcean, "samples") > 3 * 3 * 250, first.out.constData());
    const int firstCalls = m_fake->requestCount();
    QCOMPARE(number(digitalOcean, "api_calls"), firstCalls);
    QCOMPARE(firstCalls, callsForFleet(3, 1, 1));
    QCOMPARE(number(digitalOcean, "throttled"), 0);
    QCOMPARE(number(digitalOcean, "retries"), 0);
    QCOMPARE(m_fake->rejectedCount(), 0);

    // The fleet.
    const auto resources = exportCsv({ QStringLiteral("resources"), QStringLiteral("--out"), QStringLiteral("-") });
    QVERIFY(resources);
    QHash<QString, QStringList> byName;
    for (const QStringList &row : std::as_const(resources->rows)) {
        if (resources->cell(row, "source") == QLatin1String("do"))
            byName.insert(resources->cell(row, "resource"), row);
    }
    QCOMPARE(byName.size(), 5);
    const QStringList regions { QStringLiteral("nyc3"), QStringLiteral("ams3"), QStringLiteral("fra1") };
    for (int i = 0; i < 3; ++i) {
        const QString name = QStringLiteral("web-%1").arg(i, 2, 10, QLatin1Char('0'));
        QVERIFY2(byName.contains(name), qPrintable(name));
        QCOMPARE(resources->cell(byName.value(name), "kind"), QStringLiteral("droplet"));
        QCOMPARE(resources->cell(byName.value(name), "region"), regions.at(i));
        QCOMPARE(resources->cell(byName.value(name), "vcpus"), QString::number(1 << i));
        QCOMPARE(resources->cell(byName.value(name), "memory_mb"), QString::number(2048 << i));
        QVERIFY2(!resources->cell(byName.value(name), "cpu").isEmpty(), qPrintable(name));
    }
    QVERIFY(byName.contains(QStringLiteral("db-0")));
    QCOMPARE(resources->cell(byName.value(QStringLiteral("db-0")), "kind"), QStringLiteral("database"));
    QCOMPARE(resources->cell(byName.value(QStringLiteral("db-0")), "region"), QStringLiteral("nyc3"));
    QVERIFY(byName.contains(QStringLiteral("app-0")));
    QCOMPARE(resources->cell(byName.value(QStringLiteral("app-0")), "kind"), QStringLiteral("app"));
    QVERIFY(!resources->cell(byName.value(QStringLiteral("app-0")), "region").isEmpty());

    // The CPU history of the DigitalOcean resources.
    const QStringList historyArgs { QStringLiteral("history"),  QStringLiteral("--source"), QStringLiteral("do"),
                                    QStringLiteral("--metric"), QStringLiteral("cpu"),      QStringLiteral("--out"),
                                    QStringLiteral("-") };
    const auto keysOf = [](const Table &table, QHash<QString, QString> *keys) {
        for (const QStringList &row : table.rows) {
            const QString key = table.cell(row, "resource") + QLatin1Char('|') + table.cell(row, "metric")
                + QLatin1Char('|') + table.cell(row, "timestamp");
            if (keys->contains(key)) {
                qWarning() << "duplicate history row" << key;
                return false;
            }
            keys->insert(key, table.cell(row, "value"));
        }
        return true;
    };
    const auto history1 = exportCsv(historyArgs);
    QVERIFY(history1);
    QCOMPARE(history1->header.join(QLatin1Char(',')), QStringLiteral("timestamp,resource,kind,source,metric,value,warning,critical"));
    QVERIFY2(history1->rows.size() > 5 * 250, qPrintable(QString::number(history1->rows.size())));
    QSet<QString> kinds;
    QSet<QString> names;
    for (const QStringList &row : std::as_const(history1->rows)) {
        QCOMPARE(history1->cell(row, "source"), QStringLiteral("do"));
        QCOMPARE(history1->cell(row, "metric"), QStringLiteral("cpu"));
        QVERIFY2(isIsoUtcSeconds(history1->cell(row, "timestamp")), qPrintable(row.join(QLatin1Char(','))));
        bool ok = false;
        const double value = history1->cell(row, "value").toDouble(&ok);
        QVERIFY2(ok && value >= 0 && value <= 100, qPrintable(row.join(QLatin1Char(','))));
        kinds.insert(history1->cell(row, "kind"));
        names.insert(history1->cell(row, "resource"));
    }
    QCOMPARE(kinds, (QSet<QString> { QStringLiteral("droplet"), QStringLiteral("database"), QStringLiteral("app") }));
    QCOMPARE(names.size(), 5);
    QHash<QString, QString> keys1;
    QVERIFY(keysOf(*history1, &keys1));

    // Second sync: incremental, and the server's counts again match the report.
    m_fake->resetCounters();
    const qint64 secondStart = QDateTime::currentSecsSinceEpoch();
    const Result second = sync();
    QVERIFY2(second.code() == 0, second.describe());
    const QJsonObject doAgain = sourceOf(second.json(), QStringLiteral("do"));
    QCOMPARE(text(doAgain, "status"), QStringLiteral("ok"));
    QCOMPARE(number(doAgain, "resources"), 5);
    QCOMPARE(number(doAgain, "api_calls"), m_fake->requestCount());
    QCOMPARE(m_fake->requestCount(), callsForFleet(3, 1, 1));
    QVERIFY2(number(doAgain, "samples") >= 0 && number(doAgain, "samples") < 100, second.out.constData());
    // Incremental: no metric request reaches back to the backfill again.
    for (const QString &target : m_fake->requests()) {
        if (!target.startsWith(QLatin1String("/v2/monitoring/")))
            continue;
        const qint64 start = QUrlQuery(QUrl(QStringLiteral("http://fake") + target))
                                 .queryItemValue(QStringLiteral("start"))
                                 .toLongLong();
        QVERIFY2(start > secondStart - 2 * 3600, qPrintable(target));
    }

    const auto history2 = exportCsv(historyArgs);
    QVERIFY(history2);
    QVERIFY2(history2->rows.size() >= history1->rows.size(),
             qPrintable(QStringLiteral("%1 < %2").arg(history2->rows.size()).arg(history1->rows.size())));
    QHash<QString, QString> keys2;
    QVERIFY(keysOf(*history2, &keys2));
    for (auto it = keys1.cbegin(); it != keys1.cend(); ++it) {
        QVERIFY2(keys2.contains(it.key()), qPrintable(it.key()));
        QCOMPARE(keys2.value(it.key()), it.value());
    }

    // Both syncs of do are in the sync log, with the calls the server counted.
    const auto runs = exportCsv({ QStringLiteral("sync-runs"), QStringLiteral("--source"), QStringLiteral("do"),
                                  QStringLiteral("--out"), QStringLiteral("-") });
    QVERIFY(runs);
    int doRuns = 0;
    for (const QStringList &row : std::as_const(runs->rows)) {
        if (runs->cell(row, "source") != QLatin1String("do"))
            continue;
        ++doRuns;
        QCOMPARE(runs->cell(row, "status"), QStringLiteral("ok"));
        QCOMPARE(runs->cell(row, "api_calls"), QString::number(callsForFleet(3, 1, 1)));
        QCOMPARE(runs->cell(row, "resources"), QStringLiteral("5"));
    }
    QCOMPARE(doRuns, 2);
}

// The server wants token A, the environment holds token B: do fails with a 401 that names the variable, local
// syncs, and neither token appears in any output or any file of the home (the SQLite database and its journal).
void tst_CliDigitalOcean::tokenRejected()
{
    QVERIFY(startFake(2, 0, 1));
    QVERIFY(writeConfig(m_fake->url(), true));
    const QByteArray wrong = makeToken();
    m_env.insert(TokenVariable, QString::fromLatin1(wrong));

    const Result r = sync();
    QVERIFY2(r.code() == 3, r.describe());
    const QJsonObject report = r.json();
    QCOMPARE(text(report, "status"), QStringLiteral("partial"));
    QCOMPARE(text(sourceOf(report, QStringLiteral("local")), "status"), QStringLiteral("ok"));
    const QJsonObject digitalOcean = sourceOf(report, QStringLiteral("do"));
    QCOMPARE(text(digitalOcean, "status"), QStringLiteral("failed"));
    const QString error = text(digitalOcean, "error");
    QVERIFY2(error.contains(QLatin1String("401")), qPrintable(error));
    QVERIFY2(error.contains(TokenVariable), qPrintable(error));
    // A rejected token is not worth retrying.
    QCOMPARE(m_fake->requestCount(), 1);
    QCOMPARE(number(digitalOcean, "api_calls"), 1);

    // Verbose and plain text too: neither may leak either token.
    const Result verbose = run({ QStringLiteral("--sync"), QStringLiteral("-v") });
    QVERIFY2(verbose.code() == 3, verbose.describe());
    QVERIFY2(verbose.stdOut().contains(TokenVariable) || verbose.stdErr().contains(TokenVariable), verbose.describe());

    const auto runs = exportCsv({ QStringLiteral("sync-runs"), QStringLiteral("--out"), QStringLiteral("-") });
    QVERIFY(runs);
    int failed = 0;
    for (const QStringList &row : std::as_const(runs->rows)) {
        if (runs->cell(row, "source") != QLatin1String("do"))
            continue;
        QCOMPARE(runs->cell(row, "status"), QStringLiteral("failed"));
        QVERIFY2(runs->cell(row, "error").contains(QLatin1String("401")), qPrintable(row.join(QLatin1Char(','))));
        QVERIFY2(runs->cell(row, "error").contains(TokenVariable), qPrintable(row.join(QLatin1Char(','))));
        ++failed;
    }
    QCOMPARE(failed, 2);

    for (const QByteArray &token : { wrong, m_token }) {
        for (const Result *result : { &r, &verbose }) {
            QVERIFY2(!result->out.contains(token), "a token in stdout");
            QVERIFY2(!result->err.contains(token), "a token in stderr");
        }
        // Whatever OpsDeck wrote under the home: the database, its -wal/-shm/-journal, lock files, logs.
        QVERIFY(QFileInfo::exists(dbPath()));
        QDirIterator files(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int scanned = 0;
        while (files.hasNext()) {
            const QString file = files.next();
            ++scanned;
            QVERIFY2(!readAll(file).contains(token), qPrintable(QStringLiteral("the token is in ") + file));
        }
        QVERIFY(scanned >= 2);
    }
}

// The variable named by token_env is not set: do fails naming it, before any request; local syncs.
void tst_CliDigitalOcean::tokenMissing()
{
    QVERIFY(startFake(2, 0, 0));
    QVERIFY(writeConfig(m_fake->url(), true));
    const Result r = sync();
    QVERIFY2(r.code() == 3, r.describe());
    const QJsonObject report = r.json();
    QCOMPARE(text(report, "status"), QStringLiteral("partial"));
    QCOMPARE(text(sourceOf(report, QStringLiteral("local")), "status"), QStringLiteral("ok"));
    const QJsonObject digitalOcean = sourceOf(report, QStringLiteral("do"));
    QCOMPARE(text(digitalOcean, "status"), QStringLiteral("failed"));
    QVERIFY2(text(digitalOcean, "error").contains(TokenVariable), r.out.constData());
    QCOMPARE(number(digitalOcean, "api_calls"), 0);
    QCOMPARE(m_fake->requestCount(), 0);

    // Set but empty is missing too.
    m_env.insert(TokenVariable, QString());
    const Result empty = sync();
    QVERIFY2(empty.code() == 3, empty.describe());
    QVERIFY2(text(sourceOf(empty.json(), QStringLiteral("do")), "error").contains(TokenVariable), empty.describe());
    QCOMPARE(m_fake->requestCount(), 0);
}

void tst_CliDigitalOcean::faults_data()
{
    QTest::addColumn<QList<FakeDigitalOcean::Fault>>("faults");
    QTest::addColumn<bool>("refused"); // api_url points at a closed port
    QTest::addColumn<QString>("status"); // of do
    QTest::addColumn<QStringList>("words"); // the do error contains each (case-insensitive)
    QTest::addColumn<int>("minRetries");
    QTest::addColumn<int>("minThrottled");
    QTest::addColumn<int>("minElapsedMs");

    using Faults = QList<FakeDigitalOcean::Fault>;
    const QString droplets = QStringLiteral("/v2/droplets");
    QTest::newRow("500 always on the droplet list")
        << Faults { fault(droplets, Kind::Status, 500) } << false << QStringLiteral("failed")
        << QStringList { QStringLiteral("500"), droplets } << 1 << 0 << 0;
    QTest::newRow("503 twice, then ok") << Faults { fault(droplets, Kind::Status, 503, 2) } << false
                                        << QStringLiteral("ok") << QStringList() << 2 << 0 << 0;
    QTest::newRow("429 with retry-after 1, then ok") << Faults { fault(droplets, Kind::Status, 429, 1) } << false
                                                     << QStringLiteral("ok") << QStringList() << 1 << 1 << 900;
    QTest::newRow("garbage body on the droplet list")
        << Faults { fault(droplets, Kind::GarbageBody) } << false << QStringLiteral("failed")
        << QStringList { droplets } << 0 << 0 << 0;
    QTest::newRow("truncated body on the droplet list")
        << Faults { fault(droplets, Kind::TruncatedBody) } << false << QStringLiteral("failed")
        << QStringList { droplets } << 1 << 0 << 0;
    QTest::newRow("truncated body once on a metric, then ok")
        << Faults { fault(QStringLiteral("/v2/monitoring/metrics/droplet/cpu"), Kind::TruncatedBody, 200, 1) } << false
        << QStringLiteral("ok") << QStringList() << 1 << 0 << 0;
    // A droplet the Monitoring API does not know is skipped; the sync succeeds and says so.
    QTest::newRow("404 on one droplet's metrics")
        << Faults { fault(QStringLiteral("/v2/monitoring/metrics/droplet/cpu"), Kind::Status, 404, 1) } << false
        << QStringLiteral("ok") << QStringList { QStringLiteral("404"), QStringLiteral("skipped") } << 0 << 0 << 0;
    QTest::newRow("connection refused") << Faults() << true << QStringLiteral("failed")
                                        << QStringList { QStringLiteral("refused") } << 1 << 0 << 0;
}

// One fault per row: do ends as expected with an error for people, local is unaffected, the exit code says which,
// and the process ends within its own timeouts.
void tst_CliDigitalOcean::faults()
{
    QFETCH(QList<FakeDigitalOcean::Fault>, faults);
    QFETCH(bool, refused);
    QFETCH(QString, status);
    QFETCH(QStringList, words);
    QFETCH(int, minRetries);
    QFETCH(int, minThrottled);
    QFETCH(int, minElapsedMs);

    QVERIFY(startFake(2, 1, 1));
    for (const FakeDigitalOcean::Fault &f : std::as_const(faults))
        m_fake->addFault(f);
    QString apiUrl = m_fake->url();
    if (refused) {
        const quint16 port = freePort();
        QVERIFY(port != 0);
        apiUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    }
    QVERIFY(writeConfig(apiUrl, true));
    m_env.insert(TokenVariable, QString::fromLatin1(m_token));

    const bool ok = status == QLatin1String("ok");
    const Result r = sync();
    QVERIFY2(r.finished, r.describe());
    QVERIFY2(r.code() == (ok ? 0 : 3), r.describe());
    // Retries with backoff (at most 0.5 + 1 + 2 + 4 s by default) end well within a minute.
    QVERIFY2(r.elapsedMs < 40000, r.describe());
    QVERIFY2(r.elapsedMs >= minElapsedMs, r.describe());
    const QJsonObject report = r.json();
    QCOMPARE(text(report, "status"), ok ? QStringLiteral("ok") : QStringLiteral("partial"));
    QCOMPARE(text(sourceOf(report, QStringLiteral("local")), "status"), QStringLiteral("ok"));
    const QJsonObject digitalOcean = sourceOf(report, QStringLiteral("do"));
    QCOMPARE(text(digitalOcean, "status"), status);
    QVERIFY2(number(digitalOcean, "retries") >= minRetries, r.out.constData());
    QVERIFY2(number(digitalOcean, "throttled") >= minThrottled, r.out.constData());
    if (!refused)
        QCOMPARE(number(digitalOcean, "api_calls"), m_fake->requestCount());
    if (ok && words.isEmpty()) {
        QVERIFY2(digitalOcean.value(QLatin1String("error")).isNull(), r.out.constData());
        QCOMPARE(number(digitalOcean, "resources"), 4);
        QVERIFY2(number(digitalOcean, "samples") > 0, r.out.constData());
    } else {
        const QString error = text(digitalOcean, "error");
        QString why;
        QVERIFY2(plainWords(error, &why), qPrintable(why + QStringLiteral(": ") + error));
        for (const QString &word : std::as_const(words))
            QVERIFY2(error.contains(word, Qt::CaseInsensitive), qPrintable(word + QStringLiteral(" not in: ") + error));
        QVERIFY2(!error.contains(QString::fromLatin1(m_token)), "the token in an error");
        const auto runs = exportCsv({ QStringLiteral("sync-runs"), QStringLiteral("--source"), QStringLiteral("do"),
                                      QStringLiteral("--out"), QStringLiteral("-") });
        QVERIFY(runs);
        QCOMPARE(runs->rows.size(), 1);
        QCOMPARE(runs->cell(runs->rows.constFirst(), "status"), status);
        QCOMPARE(runs->cell(runs->rows.constFirst(), "error"), error);
    }
    QVERIFY2(!r.out.contains(m_token) && !r.err.contains(m_token), "the token in the output");
}

// requests_per_minute=30 against a server that allows 30 a minute: one sync of 28 calls fits; a second sync in a
// new process right after must wait, because the limiter's memory of the first run's requests lives in
// source_state. The server never sees more than 30 in any 60 s and never has to answer 429.
void tst_CliDigitalOcean::budgetAcrossProcesses()
{
    constexpr int Budget = 30;
    QVERIFY(startFake(4, 1, 1, Budget));
    QVERIFY(writeConfig(
        m_fake->url(), false,
        { QStringLiteral("requests_per_minute=%1").arg(Budget), QStringLiteral("requests_per_hour=1000") }));
    m_env.insert(TokenVariable, QString::fromLatin1(m_token));
    const int perSync = callsForFleet(4, 1, 1);
    QVERIFY(perSync <= Budget && 2 * perSync > Budget);

    QElapsedTimer clock;
    clock.start();
    const Result first = sync();
    QVERIFY2(first.code() == 0, first.describe());
    const QJsonObject do1 = sourceOf(first.json(), QStringLiteral("do"));
    QCOMPARE(text(do1, "status"), QStringLiteral("ok"));
    QCOMPARE(number(do1, "api_calls"), perSync);
    QCOMPARE(number(do1, "throttled"), 0);
    QCOMPARE(m_fake->requestCount(), perSync);
    QCOMPARE(m_fake->rejectedCount(), 0);
    QVERIFY2(m_fake->maxRequestsPerMinute() <= Budget, qPrintable(QString::number(m_fake->maxRequestsPerMinute())));

    // The second process may only send what is left of the first minute, then has to wait for the window.
    const Result second = sync({}, 2 * TimeoutMs);
    QVERIFY2(second.code() == 0, second.describe());
    const QJsonObject do2 = sourceOf(second.json(), QStringLiteral("do"));
    QCOMPARE(text(do2, "status"), QStringLiteral("ok"));
    QCOMPARE(number(do2, "api_calls"), perSync);
    QCOMPARE(number(do2, "throttled"), 0);
    QCOMPARE(m_fake->requestCount(), 2 * perSync);
    QCOMPARE(m_fake->rejectedCount(), 0);
    QVERIFY2(m_fake->maxRequestsPerMinute() <= Budget,
             qPrintable(QStringLiteral("the server saw %1 requests within 60 s (budget %2)")
                            .arg(m_fake->maxRequestsPerMinute())
                            .arg(Budget)));
    // Pacing, not luck: request Budget+1 cannot have gone out before the first run's first request + 60 s.
    QVERIFY2(clock.elapsed() >= 59000, qPrintable(QString::number(clock.elapsed())));
}

// A slow DigitalOcean sync holds the source's lock; a second `--sync --source do` meanwhile gives up after its lock
// wait with exit 75 and sends nothing, so the server sees exactly one sync's worth of requests.
void tst_CliDigitalOcean::lockAgainstSecondSyncer()
{
    QVERIFY(startFake(3, 1, 1));
    // 23 requests at 400 ms: the first sync holds the lock for about 9 s, well past the second's 3 s lock wait.
    m_fake->addFault(fault(QString(), Kind::Delay, 200, -1, 400));
    QVERIFY(writeConfig(m_fake->url(), true));
    m_env.insert(TokenVariable, QString::fromLatin1(m_token));
    const QStringList args { QStringLiteral("--sync"), QStringLiteral("--json"), QStringLiteral("--source"),
                             QStringLiteral("do") };

    QProcess *first = startProcess(args);
    QVERIFY(first->waitForStarted(TimeoutMs));
    QElapsedTimer clock;
    clock.start();
    while (m_fake->requestCount() < 2 && clock.elapsed() < 20000 && first->state() == QProcess::Running)
        QThread::msleep(20);
    QVERIFY2(m_fake->requestCount() >= 2, first->readAllStandardError().constData());

    const Result second = run(args);
    QVERIFY2(second.code() == 75, second.describe());
    QVERIFY2(second.elapsedMs < 15000, second.describe());
    QVERIFY2(first->state() == QProcess::Running, "the first sync ended before the second gave up: no contention");
    const QJsonObject secondDo = sourceOf(second.json(), QStringLiteral("do"));
    QCOMPARE(text(secondDo, "status"), QStringLiteral("locked"));
    QCOMPARE(number(secondDo, "api_calls"), 0);
    QVERIFY2(!text(secondDo, "error").isEmpty(), second.out.constData());

    const bool finished = first->waitForFinished(TimeoutMs);
    if (!finished)
        first->kill();
    const QByteArray out = first->readAllStandardOutput();
    QVERIFY2(finished && first->exitStatus() == QProcess::NormalExit && first->exitCode() == 0,
             QByteArray(out + first->readAllStandardError()).constData());
    const QJsonObject firstDo = sourceOf(QJsonDocument::fromJson(out).object(), QStringLiteral("do"));
    QCOMPARE(text(firstDo, "status"), QStringLiteral("ok"));

    // One sync's worth at the server: each list once, each metric of each resource once.
    const QStringList requests = m_fake->requests();
    QCOMPARE(int(requests.size()), callsForFleet(3, 1, 1));
    QCOMPARE(number(firstDo, "api_calls"), int(requests.size()));
    QHash<QString, int> perKey;
    for (const QString &target : requests)
        ++perKey[metricKey(target)];
    for (auto it = perKey.cbegin(); it != perKey.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("%1 asked %2 times").arg(it.key()).arg(it.value())));

    // A contended run is not a sync: the log has the one that ran.
    const auto runs = exportCsv({ QStringLiteral("sync-runs"), QStringLiteral("--source"), QStringLiteral("do"),
                                  QStringLiteral("--out"), QStringLiteral("-") });
    QVERIFY(runs);
    QCOMPARE(runs->rows.size(), 1);
    QCOMPARE(runs->cell(runs->rows.constFirst(), "status"), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(tst_CliDigitalOcean)
#include "tst_clidigitalocean.moc"
