#include "sources/connectiontester.h"
#include "storage/database.h"
#include "storage/schema.h"

#include "fakedigitalocean.h"
#include "localserversupport.h"
#include "storagetestsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <unistd.h>

// The checks behind the Settings dialog's "Test connection" buttons, against real servers: the DigitalOcean test
// server, node_exporter and Prometheus (Debian packages, when installed), SQLite files and PostgreSQL
// (OPSDECK_TEST_PG_URL).
class TestConnectionTester : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void digitalOcean_data();
    void digitalOcean();
    void digitalOceanTokenFromEnvironment();
    void digitalOceanLockedAccount();
    void asynchronousAndCancellable();
    void local();
    void nodeExporter();
    void prometheus();
    void sqlite_data();
    void sqlite();
    void sqliteNewFileIsNotCreated();
    void postgres();
    void postgresRefused();

private:
    SourceConfig doSource(const QString &apiUrl, const QString &token) const;
    static HttpOptions quick();

    std::unique_ptr<FakeDigitalOcean> m_fake;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
};

namespace {

const char *const EnvToken = "OPSDECK_TEST_TESTER_TOKEN";

} // namespace

void TestConnectionTester::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_fake = std::make_unique<FakeDigitalOcean>();
    QVERIFY(m_fake->start());
}

void TestConnectionTester::cleanupTestCase()
{
    m_fake.reset();
}

HttpOptions TestConnectionTester::quick()
{
    HttpOptions options = ConnectionTester::defaultHttpOptions();
    options.connectTimeoutMs = 2000;
    options.transferTimeoutMs = 4000;
    options.baseBackoffMs = 10;
    return options;
}

SourceConfig TestConnectionTester::doSource(const QString &apiUrl, const QString &token) const
{
    SourceConfig source;
    source.name = QStringLiteral("do");
    source.type = QStringLiteral("digitalocean");
    source.options = { { QStringLiteral("api_url"), apiUrl },
                       { QStringLiteral("token_env"), QString::fromLatin1(EnvToken) },
                       { QStringLiteral("requests_per_minute"), QStringLiteral("250") },
                       { QStringLiteral("requests_per_hour"), QStringLiteral("5000") } };
    source.token = token;
    return source;
}

void TestConnectionTester::digitalOcean_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("status"); // a fault on /v2/account; 0 = none, -1 = nobody listens
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected");
    QTest::newRow("good token") << "fake-do-token" << 0 << true << "Connected as ops@example.com — ";
    QTest::newRow("bad token") << "dop_v1_wrong" << 0 << false
                               << "DigitalOcean rejected the token entered here (401). Create a new one under API → "
                                  "Tokens and paste it here.";
    QTest::newRow("no token") << "" << 0 << false << "No token: paste a DigitalOcean API token in the Token field";
    QTest::newRow("forbidden") << "fake-do-token" << 403 << false << "may not read the account (403)";
    QTest::newRow("server error") << "fake-do-token" << 500 << false
                                  << "DigitalOcean answered 500, a problem on its side. It said: “Server was unable "
                                     "to give you a response.”";
    QTest::newRow("rate limited") << "fake-do-token" << 429 << false << "rate limit for this token is used up (429)";
    QTest::newRow("unreachable port") << "fake-do-token" << -1 << false << "connection refused";
}

void TestConnectionTester::digitalOcean()
{
    QFETCH(QString, token);
    QFETCH(int, status);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    qunsetenv(EnvToken);
    m_fake->clearFaults();
    if (status > 0) {
        FakeDigitalOcean::Fault fault;
        fault.pattern = QStringLiteral("/v2/account");
        fault.status = status;
        m_fake->addFault(fault);
    }
    const QString url = status < 0 ? QStringLiteral("http://127.0.0.1:%1").arg(freePort()) : m_fake->url();
    const ConnectionTestResult result = ConnectionTester::checkSource(doSource(url, token), quick());
    QVERIFY2(result.message.contains(expected), qPrintable(result.message));
    QCOMPARE(result.ok, ok);
    QVERIFY(!result.message.contains(QLatin1String("dop_v1")));
    if (ok) {
        // The budget as the server counts it.
        QVERIFY2(result.message.contains(QStringLiteral(" of %1 requests left this hour").arg(QLocale().toString(250))),
                 qPrintable(result.message));
    }
    m_fake->clearFaults();
}

void TestConnectionTester::digitalOceanTokenFromEnvironment()
{
    qputenv(EnvToken, "dop_v1_not-the-right-one");
    ConnectionTestResult result = ConnectionTester::checkSource(doSource(m_fake->url(), QString()), quick());
    QVERIFY(!result.ok);
    // Says which token was tried, so the fix goes to the right place.
    QVERIFY2(result.message.contains(QLatin1String("the token in OPSDECK_TEST_TESTER_TOKEN (401)")),
             qPrintable(result.message));
    qputenv(EnvToken, "fake-do-token");
    result = ConnectionTester::checkSource(doSource(m_fake->url(), QString()), quick());
    QVERIFY2(result.ok, qPrintable(result.message));
    // The keyring's token wins over the environment.
    result = ConnectionTester::checkSource(doSource(m_fake->url(), QStringLiteral("dop_v1_wrong")), quick());
    QVERIFY(!result.ok);
    qunsetenv(EnvToken);
}

void TestConnectionTester::digitalOceanLockedAccount()
{
    FakeDigitalOcean::Options options;
    options.accountStatus = QStringLiteral("locked");
    FakeDigitalOcean locked(options);
    QVERIFY(locked.start());
    const ConnectionTestResult result
        = ConnectionTester::checkSource(doSource(locked.url(), QStringLiteral("fake-do-token")), quick());
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(QLatin1String("The account is locked: Your account is locked.")),
             qPrintable(result.message));
}

void TestConnectionTester::asynchronousAndCancellable()
{
    ConnectionTester tester;
    tester.setHttpOptions(quick());
    QSignalSpy spy(&tester, &ConnectionTester::finished);
    const int good = tester.testSource(doSource(m_fake->url(), QStringLiteral("fake-do-token")));
    QVERIFY(tester.isRunning(good));
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.first().at(0).toInt(), good);
    QVERIFY(spy.first().at(1).toBool());
    QVERIFY(!tester.isRunning(good));

    // A slow server: cancel answers at once instead of after the timeouts.
    FakeDigitalOcean::Fault slow;
    slow.pattern = QStringLiteral("/v2/account");
    slow.kind = FakeDigitalOcean::FaultKind::Delay;
    slow.delayMs = 3000;
    m_fake->addFault(slow);
    spy.clear();
    QElapsedTimer timer;
    timer.start();
    const int slowId = tester.testSource(doSource(m_fake->url(), QStringLiteral("fake-do-token")));
    QTest::qWait(200);
    tester.cancel(slowId);
    QVERIFY(spy.wait(10000));
    QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(spy.first().at(0).toInt(), slowId);
    QCOMPARE(spy.first().at(1).toBool(), false);
    QCOMPARE(spy.first().at(2).toString(), QStringLiteral("Cancelled."));
    m_fake->clearFaults();

    // A tester destroyed mid-test: nothing arrives and nothing crashes.
    {
        ConnectionTester gone;
        gone.testStorage(QStringLiteral("sqlite::memory:"));
    }
    QTest::qWait(100);
}

void TestConnectionTester::local()
{
    SourceConfig source;
    source.name = QStringLiteral("local");
    source.type = QStringLiteral("local");
    const ConnectionTestResult result = ConnectionTester::checkSource(source, quick());
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY2(result.message.startsWith(QLatin1String("Reads this machine (")), qPrintable(result.message));
    QVERIFY(result.message.contains(QLatin1String("GiB memory")));
}

void TestConnectionTester::nodeExporter()
{
    quint16 port = 0;
    std::unique_ptr<QProcess> exporter = startNodeExporter(m_network, &port);
    if (!exporter)
        QSKIP("prometheus-node-exporter is not installed");
    SourceConfig source;
    source.name = QStringLiteral("nodes");
    source.type = QStringLiteral("node_exporter");
    const QString good = QStringLiteral("http://127.0.0.1:%1/metrics").arg(port);
    source.options.insert(QStringLiteral("targets"), good);
    ConnectionTestResult result = ConnectionTester::checkSource(source, quick());
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY2(result.message.startsWith(QLatin1String("1 of 1 targets answer (")), qPrintable(result.message));

    const QString dead = QStringLiteral("http://127.0.0.1:%1/metrics").arg(freePort());
    source.options.insert(QStringLiteral("targets"), good + QLatin1Char(',') + dead);
    result = ConnectionTester::checkSource(source, quick());
    QVERIFY(!result.ok);
    QVERIFY2(result.message.startsWith(QLatin1String("1 of 2 targets answer. ") + dead), qPrintable(result.message));
    QVERIFY(result.message.contains(QLatin1String("connection refused")));
    stopServer(exporter);
}

void TestConnectionTester::prometheus()
{
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    if (binary.isEmpty())
        QSKIP("prometheus is not installed");
    quint16 exporterPort = 0;
    std::unique_ptr<QProcess> exporter = startNodeExporter(m_network, &exporterPort);
    QVERIFY(exporter);
    const QString configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: node\n    static_configs:\n"
                 "      - targets: ['127.0.0.1:"
                 + QByteArray::number(exporterPort) + "', '127.0.0.1:" + QByteArray::number(freePort()) + "']\n");
    config.close();
    quint16 port = 0;
    std::unique_ptr<QProcess> prometheus = startServer(
        binary,
        [&](quint16 p) {
            return QStringList { QStringLiteral("--config.file=") + configPath,
                                 QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("prom")),
                                 QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(p) };
        },
        [this](quint16 p) {
            // Ready once both targets have been scraped (one up, one down).
            const QJsonArray targets
                = QJsonDocument::fromJson(
                      httpGet(m_network, QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/targets").arg(p))))
                      .object()
                      .value(QLatin1String("data"))
                      .toObject()
                      .value(QLatin1String("activeTargets"))
                      .toArray();
            int known = 0;
            for (const QJsonValue &t : targets)
                known += t.toObject().value(QLatin1String("health")).toString() != QLatin1String("unknown") ? 1 : 0;
            return known == 2;
        },
        30000, &port);
    QVERIFY2(prometheus, "Prometheus did not start on a loopback port");
    SourceConfig source;
    source.name = QStringLiteral("prom");
    source.type = QStringLiteral("prometheus");
    source.options.insert(QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1").arg(port));
    const ConnectionTestResult result = ConnectionTester::checkSource(source, quick());
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY2(result.message.startsWith(QLatin1String("Connected to Prometheus ")), qPrintable(result.message));
    QVERIFY2(result.message.contains(QStringLiteral(" — 1 of 2 targets up, 1 host with node_exporter metrics")),
             qPrintable(result.message));

    // Something that is not Prometheus.
    source.options.insert(QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1").arg(exporterPort));
    const ConnectionTestResult wrong = ConnectionTester::checkSource(source, quick());
    QVERIFY(!wrong.ok);
    QVERIFY2(wrong.message.contains(QLatin1String("is this a Prometheus server")), qPrintable(wrong.message));
    stopServer(prometheus);
    stopServer(exporter);
}

void TestConnectionTester::sqlite_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected");
    QTest::newRow("cache") << "cache" << true << "— OpsDeck cache, schema version";
    QTest::newRow("directory") << "directory" << false << "is a folder, not a database file. Add a file name";
    QTest::newRow("corrupt") << "corrupt" << false << "is damaged (";
    QTest::newRow("not sqlite") << "text" << false << "is not a SQLite database. OpsDeck leaves it alone";
    QTest::newRow("foreign database") << "foreign" << false << "not an OpsDeck cache (it has tables of its own: pets)";
    QTest::newRow("empty file") << "empty" << true << "is an empty file";
    QTest::newRow("memory") << "memory" << true << "An in-memory database";
}

void TestConnectionTester::sqlite()
{
    QFETCH(QString, kind);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(kind + QLatin1String(".db"));
    if (kind == QLatin1String("cache")) {
        QString error;
        const auto url = DatabaseUrl::parse(QLatin1String("sqlite://") + path);
        {
            std::optional<QSqlDatabase> db = Database::open(*url, QStringLiteral("seed"), &error);
            QVERIFY2(db, qPrintable(error));
            QSqlQuery q(*db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO resources (source, external_id, name, kind, seen_at) "
                                          "VALUES ('s', 'a', 'a', 'host', 1), ('s', 'b', 'b', 'host', 1)")));
        }
        Database::close(QStringLiteral("seed"));
        expected += QStringLiteral(" %1, 2 resources").arg(Schema::CurrentVersion);
    } else if (kind == QLatin1String("directory")) {
        QVERIFY(QDir().mkpath(path));
    } else if (kind == QLatin1String("corrupt") || kind == QLatin1String("text") || kind == QLatin1String("empty")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (kind == QLatin1String("corrupt"))
            file.write(QByteArray("SQLite format 3\0", 16) + QByteArray(4096, '\x5a'));
        else if (kind == QLatin1String("text"))
            file.write("[storage]\nurl=not a database\n");
    } else if (kind == QLatin1String("foreign")) {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE pets (name TEXT)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    }
    const QString url
        = kind == QLatin1String("memory") ? QStringLiteral("sqlite::memory:") : QLatin1String("sqlite://") + path;
    QFile before(path);
    const QByteArray bytesBefore = before.open(QIODevice::ReadOnly) ? before.readAll() : QByteArray();
    before.close();
    const ConnectionTestResult result = ConnectionTester::checkStorage(url);
    QVERIFY2(result.message.contains(expected), qPrintable(result.message));
    QCOMPARE(result.ok, ok);
    // A test never changes what it looks at.
    QFile after(path);
    QCOMPARE(after.open(QIODevice::ReadOnly) ? after.readAll() : QByteArray(), bytesBefore);
}

void TestConnectionTester::sqliteNewFileIsNotCreated()
{
    const QString path = m_dir.filePath(QStringLiteral("later/sub/opsdeck.db"));
    ConnectionTestResult result = ConnectionTester::checkStorage(QLatin1String("sqlite://") + path);
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY2(result.message.contains(QLatin1String("OpsDeck will create it there")), qPrintable(result.message));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("later"))));

    if (::geteuid() != 0) {
        result = ConnectionTester::checkStorage(QStringLiteral("sqlite:///proc/opsdeck/x.db"));
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(QLatin1String("is not writable")), qPrintable(result.message));
    }
}

void TestConnectionTester::postgres()
{
    const QString server = TestDatabases::postgresServerUrl();
    if (server.isEmpty())
        QSKIP("OPSDECK_TEST_PG_URL is not set (scripts/test.sh starts a scratch cluster)");
    TestDatabases databases("connectiontester");
    const QString url = databases.freshUrl(QStringLiteral("postgresql"));
    QVERIFY(!url.isEmpty());
    ConnectionTestResult result = ConnectionTester::checkStorage(url);
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY2(result.message.contains(QStringLiteral("— no OpsDeck tables yet")), qPrintable(result.message));
    QVERIFY(result.message.startsWith(QLatin1String("PostgreSQL ")));

    QString error;
    {
        std::optional<QSqlDatabase> db = Database::open(*DatabaseUrl::parse(url), QStringLiteral("pgseed"), &error);
        QVERIFY2(db, qPrintable(error));
    }
    Database::close(QStringLiteral("pgseed"));
    result = ConnectionTester::checkStorage(url);
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY2(result.message.contains(
                 QStringLiteral("— OpsDeck cache, schema version %1, 0 resources").arg(Schema::CurrentVersion)),
             qPrintable(result.message));

    // A database that does not exist: the way out is named.
    DatabaseUrl missing = *DatabaseUrl::parse(url);
    result = ConnectionTester::checkStorage(
        QStringLiteral("postgresql://%1@%2:%3/opsdeck_no_such_db").arg(missing.user, missing.host).arg(missing.port));
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(QLatin1String("There is no database \"opsdeck_no_such_db\"")),
             qPrintable(result.message));
}

void TestConnectionTester::postgresRefused()
{
    const quint16 port = freePort();
    const ConnectionTestResult result
        = ConnectionTester::checkStorage(QStringLiteral("postgresql://ops:s3cret-pw@127.0.0.1:%1/metrics").arg(port));
    QVERIFY(!result.ok);
    QCOMPARE(result.message,
             QStringLiteral("connection refused at 127.0.0.1:%1 — is PostgreSQL running, and "
                            "listening on that address?")
                 .arg(port));
    QVERIFY(!result.message.contains(QLatin1String("s3cret-pw")));
}

QTEST_GUILESS_MAIN(TestConnectionTester)
#include "tst_connectiontester.moc"
