// Secrets never leave OpsDeck: the DigitalOcean token and a PostgreSQL password are looked for in everything the
// real binary prints and writes — successful and failing syncs, -v, --json, --health, every export, the SQLite
// files and the PostgreSQL tables. What OpsDeck creates is the owner's alone whatever the umask. TLS verification
// cannot be turned off: an untrusted certificate fails the source with a TLS error, no request is sent in clear
// and the token never reaches that server, nor a server a redirect points at.
#include "fakedigitalocean.h"
#include "localserversupport.h"
#include "storagetestsupport.h"

#include "clitestsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QSqlRecord>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/stat.h>

#include <memory>

namespace {

constexpr int TimeoutMs = 90000;
const QString TokenVariable = QStringLiteral("OPSDECK_SECRETS_TOKEN");
using Kind = FakeDigitalOcean::FaultKind;

QByteArray randomHex(int words)
{
    QByteArray out;
    for (int i = 0; i < words; ++i)
        out += QByteArray::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, '0');
    return out;
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

int modeOf(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

QString octal(int mode)
{
    return QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0'));
}

// Every value of every table of a PostgreSQL database, as text.
QByteArray dumpPostgres(const QString &url)
{
    const auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return {};
    QByteArray all;
    const QString name = QStringLiteral("secrets-dump");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(parsed->host);
        db.setPort(parsed->port);
        db.setUserName(parsed->user);
        db.setDatabaseName(parsed->database);
        if (db.open()) {
            const QStringList tables = db.tables();
            for (const QString &table : tables) {
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("SELECT * FROM %1").arg(table)))
                    continue;
                all += table.toUtf8() + '\n';
                while (q.next()) {
                    for (int i = 0; i < q.record().count(); ++i)
                        all += q.value(i).toString().toUtf8() + '|';
                    all += '\n';
                }
            }
            // The server's view of the sessions too: application_name and the like.
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT application_name, query FROM pg_stat_activity"))) {
                while (q.next())
                    all += q.value(0).toString().toUtf8() + '|' + q.value(1).toString().toUtf8() + '\n';
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return all;
}

// A minimal HTTP/1.1 endpoint on the test's thread: records each request head and answers it with `reply`.
class RecordingServer : public QObject
{
public:
    explicit RecordingServer(std::function<QByteArray(const QByteArray &head)> reply)
        : m_reply(std::move(reply))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffers[socket] += socket->readAll();
                    QByteArray &buffer = m_buffers[socket];
                    for (qsizetype end; (end = buffer.indexOf("\r\n\r\n")) >= 0;) {
                        const QByteArray head = buffer.left(end);
                        buffer.remove(0, end + 4);
                        heads << head;
                        socket->write(m_reply(head));
                    }
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    QList<QByteArray> heads;

private:
    QTcpServer m_server;
    std::function<QByteArray(const QByteArray &)> m_reply;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// A TLS server with a self-signed certificate that notes, before the handshake, whether each connection opened
// with a TLS record (0x16) or with something else (a request in clear), and what it ever decrypted.
class TlsProbe : public QTcpServer
{
public:
    TlsProbe(QSslCertificate certificate, QSslKey key)
        : m_certificate(std::move(certificate))
        , m_key(std::move(key))
    { }
    int tlsHellos = 0;
    int plainConnections = 0;
    int handshakes = 0;
    QByteArray decrypted;

protected:
    void incomingConnection(qintptr fd) override
    {
        auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(notifier, &QSocketNotifier::activated, this, [this, notifier, fd] {
            notifier->setEnabled(false);
            notifier->deleteLater();
            char first = 0;
            const auto n = ::recv(int(fd), &first, 1, MSG_PEEK | MSG_DONTWAIT);
            if (n == 1 && first == 0x16)
                ++tlsHellos;
            else if (n == 1)
                ++plainConnections;
            auto *socket = new QSslSocket(this);
            socket->setSocketDescriptor(fd);
            socket->setLocalCertificate(m_certificate);
            socket->setPrivateKey(m_key);
            connect(socket, &QSslSocket::encrypted, this, [this] { ++handshakes; });
            connect(socket, &QSslSocket::readyRead, this, [this, socket] { decrypted += socket->readAll(); });
            connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
            socket->startServerEncryption();
        });
    }

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace

class tst_Secrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void neverLeaked_data();
    void neverLeaked();
    void ownerOnlyFiles_data();
    void ownerOnlyFiles();
    void untrustedCertificateFails();
    void redirectDoesNotCarryToken();

private:
    bool startFake(int droplets);
    bool writeConfig(const QString &apiUrl, const QString &storageUrl);
    Result run(const QStringList &args, int timeoutMs = TimeoutMs) const
    {
        return runProgram(m_binary, args, m_env, m_dir->path(), timeoutMs);
    }
    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeDigitalOcean> m_fake;
    QProcessEnvironment m_env;
    QByteArray m_token;
    QString m_binary = QStringLiteral(OPSDECK_BINARY);
    TestDatabases m_databases { "secrets" };
};

void tst_Secrets::initTestCase()
{
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
}

void tst_Secrets::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QDir(m_dir->path()).mkpath(QStringLiteral("home"));
    m_env = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         { "OPSDECK_CONFIG", "OPSDECK_DB", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS", "DIGITALOCEAN_TOKEN", "http_proxy",
           "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "OPSDECK_TEST_PG_URL" })
        m_env.remove(QLatin1String(name));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    m_env.insert(QStringLiteral("XDG_CACHE_HOME"), path(QStringLiteral("cache")));
    m_env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
    // A token shaped like DigitalOcean's, new for every test.
    m_token = "dop_v1_" + randomHex(8);
    m_env.insert(TokenVariable, QString::fromLatin1(m_token));
}

void tst_Secrets::cleanup()
{
    m_fake.reset();
    m_dir.reset();
}

bool tst_Secrets::startFake(int droplets)
{
    FakeDigitalOcean::Options options;
    options.droplets = droplets;
    options.databases = 1;
    options.apps = 1;
    options.token = m_token;
    m_fake = std::make_unique<FakeDigitalOcean>(options);
    return m_fake->start();
}

bool tst_Secrets::writeConfig(const QString &apiUrl, const QString &storageUrl)
{
    QStringList lines;
    if (!storageUrl.isEmpty())
        lines << QStringLiteral("[storage]") << QStringLiteral("url=") + storageUrl << QString();
    lines << QStringLiteral("[source.do]") << QStringLiteral("type=digitalocean") << QStringLiteral("api_url=") + apiUrl
          << QStringLiteral("token_env=") + TokenVariable << QStringLiteral("backfill=1d");
    return writeFile(path(QStringLiteral("config/opsdeck/opsdeck.ini")), lines.join(QLatin1Char('\n')).toUtf8() + '\n');
}

void tst_Secrets::neverLeaked_data()
{
    QTest::addColumn<QList<FakeDigitalOcean::Fault>>("faults");
    QTest::addColumn<bool>("refused"); // api_url names a closed port
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("databaseDown"); // the PostgreSQL URL names a closed port
    QTest::addColumn<int>("syncCode");

    using Faults = QList<FakeDigitalOcean::Fault>;
    auto fault = [](const char *pattern, Kind kind, int status, int times = -1, int delayMs = 0) {
        FakeDigitalOcean::Fault f;
        f.pattern = QLatin1String(pattern);
        f.kind = kind;
        f.status = status;
        f.times = times;
        f.delayMs = delayMs;
        return f;
    };
    const QString sqlite = QStringLiteral("sqlite");
    const QString postgres = QStringLiteral("postgresql");
    QTest::newRow("ok") << Faults() << false << sqlite << false << 0;
    QTest::newRow("401 token rejected") << Faults { fault("/v2/droplets", Kind::Status, 401) } << false << sqlite
                                        << false << 1;
    QTest::newRow("500 on every list") << Faults { fault("/v2/", Kind::Status, 500) } << false << sqlite << false << 1;
    QTest::newRow("500 on one metric") << Faults { fault("memory_total", Kind::Status, 500) } << false << sqlite
                                       << false << 0;
    // The connect timeout is 10 s: one timed-out attempt, then the retry succeeds.
    QTest::newRow("timeout then ok") << Faults { fault("/v2/databases", Kind::Delay, 200, 1, 11000) } << false << sqlite
                                     << false << 0;
    QTest::newRow("garbage body") << Faults { fault("/v2/apps", Kind::GarbageBody, 200) } << false << sqlite << false
                                  << 1;
    QTest::newRow("connection refused") << Faults() << true << sqlite << false << 1;
    QTest::newRow("postgresql with a password") << Faults() << false << postgres << false << 0;
    QTest::newRow("postgresql with a password, 401")
        << Faults { fault("/v2/droplets", Kind::Status, 401) } << false << postgres << false << 1;
    QTest::newRow("postgresql with a password, server down") << Faults() << false << postgres << true << 1;
}

// Every output and every file of a run of each verb, successful or failing: neither the token nor the password.
void tst_Secrets::neverLeaked()
{
    QFETCH(QList<FakeDigitalOcean::Fault>, faults);
    QFETCH(bool, refused);
    QFETCH(QString, backend);
    QFETCH(bool, databaseDown);
    QFETCH(int, syncCode);

    const QByteArray password = "pw-" + randomHex(4);
    QString storage;
    QString plainUrl; // the same database without the password, for reading it back
    if (backend == QLatin1String("postgresql")) {
        if (databaseDown) {
            const quint16 port = freePort();
            plainUrl = QStringLiteral("postgresql://opsdeck@127.0.0.1:%1/opsdeck").arg(port);
        } else {
            if (TestDatabases::skipUnavailable(backend))
                QSKIP("PostgreSQL not available: set OPSDECK_TEST_PG_URL (scripts/test.sh starts a scratch cluster)");
            plainUrl = m_databases.freshUrl(backend);
            QVERIFY(!plainUrl.isEmpty());
        }
        // Trust authentication accepts any password: it still travels through every layer of OpsDeck. Given in
        // the environment, as a careful admin would (a command line shows in ps).
        storage = QString(plainUrl).replace(QStringLiteral("://opsdeck@"),
                                            QStringLiteral("://opsdeck:") + QString::fromLatin1(password) + u'@');
        m_env.insert(QStringLiteral("OPSDECK_DB"), storage);
    }

    QVERIFY(startFake(3));
    for (const FakeDigitalOcean::Fault &f : std::as_const(faults))
        m_fake->addFault(f);
    const QString apiUrl = refused ? QStringLiteral("http://127.0.0.1:%1").arg(freePort()) : m_fake->url();
    QVERIFY(writeConfig(apiUrl, QString()));

    QList<Result> results;
    const Result json = run({ QStringLiteral("--sync"), QStringLiteral("--json") });
    QVERIFY2(json.code() == syncCode, json.describe());
    results << json;
    const Result verbose = run({ QStringLiteral("--sync"), QStringLiteral("-v") });
    QVERIFY2(verbose.code() == syncCode, verbose.describe());
    results << verbose;
    if (syncCode != 0) {
        // The failure is explained where the password and the token are not.
        const QString error = json.stdOut() + json.stdErr();
        QVERIFY2(error.contains(databaseDown ? QStringLiteral("PostgreSQL") : QStringLiteral("do")), json.describe());
    }
    results << run({ QStringLiteral("--health"), QStringLiteral("--json") });
    results << run({ QStringLiteral("--health") });
    // Which database is meant stays visible, its password does not.
    if (backend == QLatin1String("postgresql"))
        QVERIFY2(results.last().stdOut().contains(QLatin1String("postgresql://opsdeck:***@127.0.0.1:")),
                 results.last().describe());
    for (const char *report : { "resources", "history", "alerts", "sync-runs" }) {
        const QString out = path(QStringLiteral("exports/%1.csv").arg(QLatin1String(report)));
        QDir().mkpath(path(QStringLiteral("exports")));
        const Result r = run({ QStringLiteral("--export"), QLatin1String(report), QStringLiteral("--out"), out });
        if (!databaseDown)
            QVERIFY2(r.code() == 0, r.describe());
        results << r;
        results << run(
            { QStringLiteral("--export"), QLatin1String(report), QStringLiteral("--out"), QStringLiteral("-") });
    }
    if (!databaseDown && !refused && syncCode == 0)
        QVERIFY2(readAll(path(QStringLiteral("exports/history.csv"))).count('\n') > 100, "the history is empty");

    for (const QByteArray &secret : { m_token, password }) {
        for (const Result &r : std::as_const(results)) {
            QVERIFY2(!r.out.contains(secret),
                     QByteArray(QByteArray("a secret on stdout:\n") + r.describe()).constData());
            QVERIFY2(!r.err.contains(secret),
                     QByteArray(QByteArray("a secret on stderr:\n") + r.describe()).constData());
        }
        // The whole home: config, the SQLite database with its -wal/-shm, lock files, exports, anything else.
        QDirIterator files(m_dir->path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        int scanned = 0;
        while (files.hasNext()) {
            const QString file = files.next();
            ++scanned;
            QVERIFY2(!readAll(file).contains(secret), qPrintable(QStringLiteral("a secret in ") + file));
        }
        QVERIFY(scanned >= (databaseDown ? 1 : 5)); // no cache is made when its server is down
        if (backend == QLatin1String("postgresql") && !databaseDown) {
            const QByteArray dump = dumpPostgres(plainUrl);
            QVERIFY2(dump.contains("sync_runs"), "the PostgreSQL dump is empty");
            QVERIFY2(!dump.contains(secret), "a secret in a PostgreSQL table");
        }
    }
}

void tst_Secrets::ownerOnlyFiles_data()
{
    QTest::addColumn<int>("umask");
    QTest::newRow("umask 000") << 0;
    QTest::newRow("umask 022") << 022;
    QTest::newRow("umask 002") << 002;
}

// The database, its -wal and -shm, its directory (made by OpsDeck), the lock file and an export: 0600 / 0700
// whatever the umask. The lock file and the WAL exist only while a sync runs, so they are looked at then.
void tst_Secrets::ownerOnlyFiles()
{
    QFETCH(int, umask);
    QVERIFY(startFake(2));
    // The databases list answers after 3 s: the sync is in flight, holding its lock, while the files are checked.
    FakeDigitalOcean::Fault slow;
    slow.pattern = QStringLiteral("/v2/apps");
    slow.kind = Kind::Delay;
    slow.delayMs = 3000;
    m_fake->addFault(slow);
    const QString dbDir = path(QStringLiteral("private/opsdeck"));
    const QString db = dbDir + QStringLiteral("/opsdeck.db");
    QVERIFY(writeConfig(m_fake->url(), QStringLiteral("sqlite://") + db));

    QProcess sync;
    sync.setProgram(m_binary);
    sync.setArguments({ QStringLiteral("--sync") });
    sync.setProcessEnvironment(m_env);
    sync.setWorkingDirectory(m_dir->path());
    sync.setChildProcessModifier([umask] { ::umask(mode_t(umask)); });
    sync.start();
    QVERIFY(sync.waitForStarted());
    const QString lock = db + QStringLiteral(".do.lock");
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(lock) && QFileInfo::exists(db + QStringLiteral("-wal")), 10000);
    const QMap<QString, int> expected {
        { path(QStringLiteral("private")), 0700 }, { dbDir, 0700 }, { db, 0600 }, { db + QStringLiteral("-wal"), 0600 },
        { db + QStringLiteral("-shm"), 0600 },     { lock, 0600 },
    };
    // QLockFile makes its file through the umask; OpsDeck narrows it right after taking the lock (what it holds,
    // pid, host and program name, is no secret), hence a wait rather than a single look.
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QTRY_VERIFY2_WITH_TIMEOUT(
            modeOf(it.key()) == it.value(),
            qPrintable(
                QStringLiteral("%1 is %2, expected %3").arg(it.key(), octal(modeOf(it.key())), octal(it.value()))),
            2000);
    QVERIFY(sync.waitForFinished(TimeoutMs));
    QVERIFY2(sync.exitCode() == 0, sync.readAllStandardError().constData());
    QCOMPARE(modeOf(db), 0600);

    for (const char *report : { "resources", "history", "sync-runs", "alerts" }) {
        const QString out = path(QStringLiteral("report-%1.csv").arg(QLatin1String(report)));
        QProcess exporter;
        exporter.setProgram(m_binary);
        exporter.setArguments({ QStringLiteral("--export"), QLatin1String(report), QStringLiteral("--out"), out });
        exporter.setProcessEnvironment(m_env);
        exporter.setChildProcessModifier([umask] { ::umask(mode_t(umask)); });
        exporter.start();
        QVERIFY(exporter.waitForFinished(TimeoutMs));
        QVERIFY2(exporter.exitCode() == 0, exporter.readAllStandardError().constData());
        QVERIFY2(modeOf(out) == 0600, qPrintable(out + QStringLiteral(" is ") + octal(modeOf(out))));
    }
}

// An https api_url whose certificate nobody vouches for: the source fails with a TLS error that says what to do,
// the connection opened with a TLS hello (no request in clear, no fallback to http), no handshake completed, and
// the server never saw a byte of the request — so not the token either.
void tst_Secrets::untrustedCertificateFails()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here (install libssl3)");
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl is not installed: it makes the test's self-signed certificate");
    const QString certPath = path(QStringLiteral("cert.pem"));
    const QString keyPath = path(QStringLiteral("key.pem"));
    const Result made = runProgram(
        openssl,
        { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
          QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
          QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath, QStringLiteral("-days"),
          QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
          QStringLiteral("subjectAltName=IP:127.0.0.1") },
        m_env, m_dir->path(), 30000);
    QVERIFY2(made.code() == 0, made.describe());
    const auto certificates = QSslCertificate::fromPath(certPath);
    QCOMPARE(certificates.size(), 1);
    const QSslKey key(readAll(keyPath), QSsl::Ec);
    QVERIFY(!key.isNull());

    TlsProbe probe(certificates.constFirst(), key);
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    QVERIFY(writeConfig(QStringLiteral("https://127.0.0.1:%1").arg(probe.serverPort()), QString()));

    QProcess sync;
    sync.setProgram(m_binary);
    sync.setArguments({ QStringLiteral("--sync"), QStringLiteral("--json"), QStringLiteral("-v") });
    sync.setProcessEnvironment(m_env);
    sync.setWorkingDirectory(m_dir->path());
    sync.start();
    // The probe runs on this thread: the wait spins the event loop.
    QTRY_VERIFY_WITH_TIMEOUT(sync.state() == QProcess::NotRunning, TimeoutMs);
    const QByteArray out = sync.readAllStandardOutput();
    const QByteArray err = sync.readAllStandardError();
    QCOMPARE(sync.exitCode(), 1);
    const QJsonObject report = QJsonDocument::fromJson(out).object();
    const QJsonObject source = report.value(QLatin1String("sources")).toArray().first().toObject();
    QCOMPARE(source.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
    const QString error = source.value(QLatin1String("error")).toString();
    QVERIFY2(error.contains(QLatin1String("TLS")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("127.0.0.1")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("api_url")), qPrintable(error));
    // A certificate error is not retried: it would fail the same way.
    QCOMPARE(source.value(QLatin1String("api_calls")).toInt(), 1);
    QVERIFY(probe.tlsHellos >= 1);
    QCOMPARE(probe.plainConnections, 0);
    QCOMPARE(probe.handshakes, 0);
    QVERIFY2(probe.decrypted.isEmpty(), probe.decrypted.constData());
    QVERIFY(!out.contains(m_token) && !err.contains(m_token));
}

// api_url answers with a redirect to another origin: the Authorization header must not follow it there.
void tst_Secrets::redirectDoesNotCarryToken()
{
    RecordingServer elsewhere([](const QByteArray &) -> QByteArray {
        const QByteArray body = "{\"id\":\"not_found\",\"message\":\"nothing here\"}";
        return "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    });
    QVERIFY(elsewhere.listen());
    const QByteArray target = "http://127.0.0.1:" + QByteArray::number(elsewhere.port());
    RecordingServer redirector([target](const QByteArray &head) -> QByteArray {
        const QByteArray requestTarget = head.split(' ').value(1);
        return "HTTP/1.1 302 Found\r\nLocation: " + target + requestTarget + "\r\nContent-Length: 0\r\n\r\n";
    });
    QVERIFY(redirector.listen());
    QVERIFY(writeConfig(QStringLiteral("http://127.0.0.1:%1").arg(redirector.port()), QString()));

    QProcess sync;
    sync.setProgram(m_binary);
    sync.setArguments({ QStringLiteral("--sync"), QStringLiteral("--json") });
    sync.setProcessEnvironment(m_env);
    sync.setWorkingDirectory(m_dir->path());
    sync.start();
    QTRY_VERIFY_WITH_TIMEOUT(sync.state() == QProcess::NotRunning, TimeoutMs);
    QCOMPARE(sync.exitCode(), 1);
    const QString error = QJsonDocument::fromJson(sync.readAllStandardOutput())
                              .object()
                              .value(QLatin1String("sources"))
                              .toArray()
                              .first()
                              .toObject()
                              .value(QLatin1String("error"))
                              .toString();
    QVERIFY2(error.contains(QStringLiteral("redirects to http://127.0.0.1:%1").arg(elsewhere.port())),
             qPrintable(error));
    QVERIFY(!redirector.heads.isEmpty());
    QVERIFY2(redirector.heads.constFirst().contains(QByteArray("Bearer " + m_token)),
             redirector.heads.constFirst().constData());
    for (const QByteArray &head : std::as_const(elsewhere.heads))
        QVERIFY2(!head.contains(m_token),
                 qPrintable(QStringLiteral("the token followed a redirect to another "
                                           "origin:\n")
                            + QString::fromLatin1(head)));
}

QTEST_GUILESS_MAIN(tst_Secrets)
#include "tst_secrets.moc"
