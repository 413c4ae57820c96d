#include "connectiontester.h"

#include "config/databaseurl.h"
#include "net/ratelimiter.h"
#include "nodeexporterparser.h"
#include "procparsers.h"
#include "prometheusparser.h"
#include "storage/schema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QThreadPool>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <sys/statvfs.h>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionTester)
};

ConnectionTestResult ok(const QString &message)
{
    return { true, message };
}

ConnectionTestResult failed(const QString &message)
{
    return { false, message };
}

QString count(qint64 n)
{
    return QLocale().toString(n);
}

QString resourceCount(qint64 n)
{
    return n == 1 ? Text::tr("1 resource") : Text::tr("%1 resources").arg(count(n));
}

QString hostPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + QLatin1Char(':') + QString::number(port);
}

// Tests are few and short, but block on the network: their own pool keeps them from delaying the repository's
// reads on the global one. It belongs to the application, which waits for it when it quits.
QThreadPool *testPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(4);
        p->setObjectName(QStringLiteral("opsdeck-connection-tests"));
        return p;
    }();
    return pool;
}

// A response that never arrived, in words that point at the fix.
QString unreachable(const HttpResponse &response, const QUrl &url, const QString &what, const QString &fixKey)
{
    const QString where = hostPort(url);
    const QString e = response.error;
    if (e.contains(QLatin1String("cancelled")))
        return Text::tr("Cancelled.");
    if (e.contains(QLatin1String("connection refused")))
        return Text::tr("Cannot reach %1: connection refused. Is %2 running there? Check %3.").arg(where, what, fixKey);
    if (e.contains(QLatin1String("host not found")))
        return Text::tr("Host not found: %1. Check %2 and this machine's network.").arg(url.host(), fixKey);
    if (e.contains(QLatin1String("timed out")))
        return Text::tr("No answer from %1 in time (%2). Check %3, the network and any proxy or firewall.")
            .arg(where, e, fixKey);
    if (e.contains(QLatin1String("TLS")))
        return Text::tr("The TLS certificate of %1 is not trusted, so OpsDeck does not talk to it (verification "
                        "stays on). Check %2, or install the CA that signed it on this machine.")
            .arg(url.host(), fixKey);
    return Text::tr("Cannot reach %1: %2. Check %3.").arg(where, e, fixKey);
}

HttpResponse fetch(const QUrl &url, HttpOptions options, const QByteArray &token, int perMinute, int perHour,
                   const std::atomic_bool *cancel)
{
    QNetworkAccessManager network;
    RateLimiter limiter(perMinute, perHour);
    options.bearerToken = token;
    HttpClient client(&network, &limiter, options);
    return client.get(url, cancel);
}

QString serverMessage(const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QString message = root.value(QStringLiteral("message")).toString();
    return message.isEmpty() ? root.value(QStringLiteral("error")).toString() : message;
}

ConnectionTestResult checkDigitalOcean(const SourceConfig &source, const HttpOptions &options,
                                       const std::atomic_bool *cancel)
{
    const QString tokenEnv = source.options.value(QStringLiteral("token_env"), QStringLiteral("DIGITALOCEAN_TOKEN"));
    const bool fromKeyring = !source.token.trimmed().isEmpty();
    const QByteArray token
        = fromKeyring ? source.token.trimmed().toUtf8() : qgetenv(tokenEnv.toLocal8Bit().constData()).trimmed();
    if (token.isEmpty())
        return failed(Text::tr("No token: paste a DigitalOcean API token in the Token field, or set the environment "
                               "variable %1 before starting OpsDeck.")
                          .arg(tokenEnv));
    const QString origin = fromKeyring ? Text::tr("the token entered here") : Text::tr("the token in %1").arg(tokenEnv);

    QString apiUrl = source.options.value(QStringLiteral("api_url"), QStringLiteral("https://api.digitalocean.com"));
    while (apiUrl.endsWith(QLatin1Char('/')))
        apiUrl.chop(1);
    const QUrl url(apiUrl + QLatin1String("/v2/account"));
    const int perMinute = source.options.value(QStringLiteral("requests_per_minute"), QStringLiteral("250")).toInt();
    const int perHour = source.options.value(QStringLiteral("requests_per_hour"), QStringLiteral("5000")).toInt();
    const HttpResponse response = fetch(url, options, token, std::max(1, perMinute), std::max(1, perHour), cancel);

    if (response.status == 0)
        return failed(unreachable(response, url, Text::tr("the DigitalOcean API"), Text::tr("the API URL")));
    const QString message = serverMessage(response.body);
    const QString said = message.isEmpty() ? QString() : Text::tr(" It said: “%1”.").arg(message);
    switch (response.status) {
    case 401:
        return failed(Text::tr("DigitalOcean rejected %1 (401). Create a new one under API → Tokens and paste it "
                               "here.")
                          .arg(origin));
    case 403:
        return failed(Text::tr("DigitalOcean accepted %1 but it may not read the account (403). Give the token read "
                               "access under API → Tokens.%2")
                          .arg(origin, said));
    case 429: {
        const qint64 reset = response.header("ratelimit-reset").toLongLong();
        const qint64 retryAfter = response.header("retry-after").toLongLong();
        const qint64 wait = retryAfter > 0 ? retryAfter
            : reset > 0                    ? std::max<qint64>(1, reset - QDateTime::currentSecsSinceEpoch())
                                           : 60;
        const qint64 minutes = (wait + 59) / 60;
        return failed((minutes == 1 ? Text::tr("DigitalOcean's rate limit for this token is used up (429); try again "
                                               "in a minute.")
                                    : Text::tr("DigitalOcean's rate limit for this token is used up (429); try again "
                                               "in %1 minutes.")
                                          .arg(minutes))
                      + Text::tr(" Other tools using the same token count too."));
    }
    default:
        break;
    }
    if (response.status >= 500)
        return failed(Text::tr("DigitalOcean answered %1, a problem on its side.%2 Try again in a few minutes; "
                               "status.digitalocean.com reports outages.")
                          .arg(response.status)
                          .arg(said));
    if (!response.ok())
        return failed(Text::tr("Unexpected answer from %1: HTTP %2.%3 Check the API URL.")
                          .arg(hostPort(url))
                          .arg(response.status)
                          .arg(said));

    const QJsonObject account
        = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("account")).toObject();
    if (account.isEmpty())
        return failed(Text::tr("%1 answered, but not like the DigitalOcean API (no account in the reply). Check the "
                               "API URL.")
                          .arg(hostPort(url)));
    QString who = account.value(QStringLiteral("email")).toString();
    if (who.isEmpty())
        who = account.value(QStringLiteral("uuid")).toString();
    QString text = Text::tr("Connected as %1").arg(who);
    bool okLimit = false;
    bool okRemaining = false;
    const qint64 limit = response.header("ratelimit-limit").toLongLong(&okLimit);
    const qint64 remaining = response.header("ratelimit-remaining").toLongLong(&okRemaining);
    if (okLimit && okRemaining)
        text += Text::tr(" — %1 of %2 requests left this hour").arg(count(remaining), count(limit));
    const QString status = account.value(QStringLiteral("status")).toString();
    if (!status.isEmpty() && status != QLatin1String("active")) {
        const QString note = account.value(QStringLiteral("status_message")).toString();
        text += Text::tr(". The account is %1%2").arg(status, note.isEmpty() ? QString() : QLatin1String(": ") + note);
        // A locked account answers, but syncs will fail.
        return { status != QLatin1String("locked"), text };
    }
    return ok(text);
}

// Prometheus' JSON envelope: data, or nullopt with its own error text.
std::optional<QJsonValue> prometheusData(const HttpResponse &response, QString *error)
{
    const QJsonObject root = QJsonDocument::fromJson(response.body).object();
    if (root.value(QStringLiteral("status")).toString() != QLatin1String("success")) {
        *error = root.value(QStringLiteral("error")).toString();
        return std::nullopt;
    }
    return root.value(QStringLiteral("data"));
}

ConnectionTestResult checkPrometheus(const SourceConfig &source, const HttpOptions &options,
                                     const std::atomic_bool *cancel)
{
    QString base = source.options.value(QStringLiteral("url"));
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QString fixKey = Text::tr("the URL");
    const QUrl buildUrl(base + QLatin1String("/api/v1/status/buildinfo"));
    const HttpResponse build = fetch(buildUrl, options, {}, 60, 3600, cancel);
    if (build.status == 0)
        return failed(unreachable(build, buildUrl, Text::tr("Prometheus"), fixKey));
    if (build.status == 401 || build.status == 403)
        return failed(Text::tr("%1 asks for credentials (HTTP %2); OpsDeck reads Prometheus without them. Use an "
                               "address that does not require a login.")
                          .arg(hostPort(buildUrl))
                          .arg(build.status));
    QString error;
    const std::optional<QJsonValue> info = build.ok() ? prometheusData(build, &error) : std::nullopt;
    if (!info)
        return failed(Text::tr("%1 answered HTTP %2 to /api/v1/status/buildinfo: is this a Prometheus server (e.g. "
                               "http://127.0.0.1:9090)? Check the URL.")
                          .arg(hostPort(buildUrl))
                          .arg(build.status));
    const QString version = info->toObject().value(QStringLiteral("version")).toString();
    QString text = Text::tr("Connected to Prometheus %1").arg(version);

    QUrl targetsUrl(base + QLatin1String("/api/v1/targets"));
    targetsUrl.setQuery(QStringLiteral("state=active"));
    const HttpResponse targets = fetch(targetsUrl, options, {}, 60, 3600, cancel);
    if (const std::optional<QJsonValue> data = targets.ok() ? prometheusData(targets, &error) : std::nullopt) {
        const QJsonArray active = data->toObject().value(QStringLiteral("activeTargets")).toArray();
        int up = 0;
        for (const QJsonValue &t : active)
            up += t.toObject().value(QStringLiteral("health")).toString() == QLatin1String("up") ? 1 : 0;
        text += Text::tr(" — %1 of %2 targets up").arg(count(up), count(active.size()));
    }

    // What the source imports: hosts whose node_exporter metrics Prometheus has.
    QUrl queryUrl(base + QLatin1String("/api/v1/query"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), QStringLiteral("count(count by (instance) (node_cpu_seconds_total))"));
    queryUrl.setQuery(query);
    const HttpResponse hosts = fetch(queryUrl, options, {}, 60, 3600, cancel);
    if (hosts.ok()) {
        QString parseError;
        const std::optional<QList<PrometheusSeries>> series = PrometheusParser::parse(hosts.body, &parseError);
        const qint64 n = series && !series->isEmpty() && !series->first().points.isEmpty()
            ? qint64(series->first().points.first().value)
            : 0;
        if (n > 0)
            text += n == 1 ? Text::tr(", 1 host with node_exporter metrics")
                           : Text::tr(", %1 hosts with node_exporter metrics").arg(count(n));
        else
            text += Text::tr(". It has no node_exporter metrics yet, so there are no hosts to show: let it scrape "
                             "node_exporter first");
    }
    return ok(text);
}

ConnectionTestResult checkNodeExporter(const SourceConfig &source, const HttpOptions &options,
                                       const std::atomic_bool *cancel)
{
    const QStringList targets
        = source.options.value(QStringLiteral("targets")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (targets.isEmpty())
        return failed(Text::tr("No targets: list the node_exporter addresses, e.g. http://10.0.0.5:9100/metrics."));
    QStringList problems;
    QStringList names;
    for (const QString &target : targets) {
        const QUrl url(target.trimmed());
        const HttpResponse response = fetch(url, options, {}, 600, 36000, cancel);
        if (cancel && cancel->load())
            return failed(Text::tr("Cancelled."));
        if (response.status == 0) {
            problems << target + QLatin1String(": ") + response.error;
            continue;
        }
        if (!response.ok()) {
            problems << Text::tr("%1: HTTP %2").arg(target).arg(response.status);
            continue;
        }
        QString error;
        const std::optional<NodeMetrics> metrics = NodeExporterParser::parse(response.body, &error);
        if (!metrics || metrics->isEmpty()) {
            problems << Text::tr("%1: answers, but not with node_exporter metrics%2")
                            .arg(target, error.isEmpty() ? QString() : QLatin1String(" (") + error + QLatin1Char(')'));
            continue;
        }
        names << (metrics->nodename.isEmpty() ? url.host() : metrics->nodename);
    }
    const int answering = int(targets.size() - problems.size());
    QString text = Text::tr("%1 of %2 targets answer").arg(count(answering), count(targets.size()));
    if (!names.isEmpty() && problems.isEmpty())
        text += QLatin1String(" (") + QLocale().createSeparatedList(names.mid(0, 5))
            + (names.size() > 5 ? QStringLiteral(", …") : QString()) + QLatin1Char(')');
    if (!problems.isEmpty())
        text += QLatin1String(". ") + problems.join(QLatin1String("; "))
            + Text::tr(". Check that node_exporter runs there and that the address is right.");
    return { problems.isEmpty(), text };
}

ConnectionTestResult checkLocal()
{
    QFile stat(QStringLiteral("/proc/stat"));
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!stat.open(QIODevice::ReadOnly))
        return failed(
            Text::tr("Cannot read /proc/stat: %1. The local source needs Linux's /proc.").arg(stat.errorString()));
    const QByteArray statText = stat.readAll();
    if (!parseProcStat(statText))
        return failed(Text::tr("/proc/stat has no CPU counters that OpsDeck can read. The local source needs "
                               "Linux's /proc."));
    if (!meminfo.open(QIODevice::ReadOnly))
        return failed(Text::tr("Cannot read /proc/meminfo: %1.").arg(meminfo.errorString()));
    const std::optional<MemInfo> memory = parseMemInfo(meminfo.readAll());
    if (!memory)
        return failed(Text::tr("/proc/meminfo lacks MemTotal or MemAvailable (Linux 3.14 or newer has both)."));
    struct statvfs fs = {};
    QString disk;
    if (::statvfs("/", &fs) == 0 && fs.f_blocks > 0) {
        const double used = double(fs.f_blocks - fs.f_bfree);
        disk = Text::tr(", / %1 % used").arg(qRound(100.0 * used / (used + double(fs.f_bavail))));
    }
    const double gib = double(memory->totalKb) / (1024.0 * 1024.0);
    const int cpus = parseCpuCount(statText);
    return ok(Text::tr("Reads this machine (%1): %2, %3 GiB memory, %4 % in use%5")
                  .arg(QSysInfo::machineHostName(), cpus == 1 ? Text::tr("1 CPU") : Text::tr("%1 CPUs").arg(cpus),
                       QLocale().toString(gib, 'f', 1))
                  .arg(qRound(memoryPercent(*memory).value_or(0)))
                  .arg(disk));
}

ConnectionTestResult checkSqlite(const DatabaseUrl &url)
{
    if (url.isMemory())
        return ok(Text::tr("An in-memory database: nothing is kept when OpsDeck quits."));
    const QFileInfo info(url.path);
    if (info.exists() && info.isDir())
        return failed(Text::tr("%1 is a folder, not a database file. Add a file name, e.g. %2.")
                          .arg(url.path, QDir(url.path).filePath(QStringLiteral("opsdeck.db"))));
    if (!info.exists()) {
        // Where OpsDeck would create it: the nearest folder that exists must be writable.
        QDir dir = info.absoluteDir();
        while (!dir.exists() && !dir.isRoot())
            dir.setPath(QFileInfo(dir.path()).absolutePath());
        if (!QFileInfo(dir.path()).isWritable())
            return failed(Text::tr("Cannot create %1: the folder %2 is not writable. Choose a path in a folder you "
                                   "can write to.")
                              .arg(url.path, dir.path()));
        return ok(Text::tr("No database at %1 yet: OpsDeck will create it there on first use.").arg(url.path));
    }
    QFile file(url.path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(Text::tr("Cannot read %1: %2. Check the file's permissions.").arg(url.path, file.errorString()));
    const QByteArray header = file.read(16);
    file.close();
    if (header.isEmpty())
        return ok(Text::tr("%1 is an empty file: OpsDeck will set up its cache in it.").arg(url.path));
    if (header != QByteArray("SQLite format 3\0", 16))
        return failed(
            Text::tr("%1 is not a SQLite database. OpsDeck leaves it alone: choose another file.").arg(url.path));
    if (!info.isWritable())
        return failed(Text::tr("%1 is read-only for you; OpsDeck needs to write its cache. Check the file's "
                               "permissions.")
                          .arg(url.path));

    const QString name = QStringLiteral("opsdeck-test-%1").arg(quintptr(QThread::currentThreadId()), 0, 16);
    ConnectionTestResult result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=3000"));
        QSqlQuery q(db);
        if (!db.open()) {
            result = failed(Text::tr("Cannot open %1: %2.").arg(url.path, db.lastError().text()));
        } else if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
            result = failed(Text::tr("%1 is damaged (%2). OpsDeck leaves it alone: restore it from a backup, or move "
                                     "it away to start a fresh cache.")
                                .arg(url.path, q.lastError().databaseText()));
        } else {
            q.finish();
            QString sqliteVersion;
            if (q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next())
                sqliteVersion = q.value(0).toString();
            q.finish();
            const QStringList tables = db.tables();
            if (tables.isEmpty()) {
                result = ok(
                    Text::tr("SQLite %1 — an empty database: OpsDeck will set up its cache in it.").arg(sqliteVersion));
            } else if (!tables.contains(QStringLiteral("schema_version"))) {
                result = failed(Text::tr("%1 is a SQLite database, but not an OpsDeck cache (it has tables of its "
                                         "own: %2). Choose another file.")
                                    .arg(url.path, tables.mid(0, 5).join(QLatin1String(", "))));
            } else {
                const int version = Schema::version(db);
                if (version > Schema::CurrentVersion) {
                    result = failed(Text::tr("%1 was written by a newer OpsDeck (schema %2; this one knows up to %3). "
                                             "Update OpsDeck, or choose another file.")
                                        .arg(url.path)
                                        .arg(version)
                                        .arg(Schema::CurrentVersion));
                } else {
                    qint64 resources = 0;
                    if (tables.contains(QStringLiteral("resources"))
                        && q.exec(QStringLiteral("SELECT count(*) FROM resources")) && q.next())
                        resources = q.value(0).toLongLong();
                    result = ok(Text::tr("SQLite %1 — OpsDeck cache, schema version %2%3, %4")
                                    .arg(sqliteVersion)
                                    .arg(version)
                                    .arg(version < Schema::CurrentVersion
                                             ? Text::tr(" (upgraded to %1 on first use)").arg(Schema::CurrentVersion)
                                             : QString())
                                    .arg(resourceCount(resources)));
                }
            }
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

// libpq's words, as advice.
QString postgresProblem(const DatabaseUrl &url, const QString &error, int timeoutSeconds)
{
    const QString where = url.host + QLatin1Char(':') + QString::number(url.port);
    const QString e = error.toLower();
    if (e.contains(QLatin1String("connection refused")))
        return Text::tr("connection refused at %1 — is PostgreSQL running, and listening on that address?").arg(where);
    if (e.contains(QLatin1String("password authentication failed")))
        return Text::tr("PostgreSQL at %1 rejected the password of user %2. Check it; a ~/.pgpass entry keeps it out "
                        "of the URL.")
            .arg(where, url.user);
    if (e.contains(QLatin1String("no password supplied")) || e.contains(QLatin1String("fe_sendauth")))
        return Text::tr("PostgreSQL at %1 asks for a password for user %2: put it in ~/.pgpass (or in the URL).")
            .arg(where, url.user.isEmpty() ? Text::tr("(none given)") : url.user);
    if (e.contains(QLatin1String("role")) && e.contains(QLatin1String("does not exist")))
        return Text::tr("PostgreSQL at %1 has no user %2. Create it, or put another user in the URL.")
            .arg(where, url.user);
    if (e.contains(QLatin1String("database")) && e.contains(QLatin1String("does not exist")))
        return Text::tr("There is no database \"%1\" at %2. Create it (createdb %1), or correct the URL.")
            .arg(url.database, where);
    if (e.contains(QLatin1String("timeout expired")) || e.contains(QLatin1String("timed out")))
        return Text::tr("No answer from %1 within %2 s. Check the host, the port and any firewall.")
            .arg(where)
            .arg(timeoutSeconds);
    if (e.contains(QLatin1String("could not translate host name")))
        return Text::tr("Host not found: %1. Check the URL.").arg(url.host);
    if (e.contains(QLatin1String("pg_hba.conf")))
        return Text::tr("PostgreSQL at %1 does not let this machine or user in (pg_hba.conf). Ask its administrator.")
            .arg(where);
    return Text::tr("Cannot connect to PostgreSQL at %1: %2").arg(url.redacted(), error.trimmed());
}

ConnectionTestResult checkPostgres(const DatabaseUrl &url)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return failed(Text::tr("The Qt SQL driver for PostgreSQL is not installed. Install libqt6sql6-psql."));
    const QString name = QStringLiteral("opsdeck-test-%1").arg(quintptr(QThread::currentThreadId()), 0, 16);
    ConnectionTestResult result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setDatabaseName(url.database);
        db.setUserName(url.user);
        db.setPassword(url.password);
        QStringList options;
        int timeout = 5;
        if (url.options.contains(QStringLiteral("connect_timeout")))
            timeout = url.options.value(QStringLiteral("connect_timeout")).toInt();
        else
            options << QStringLiteral("connect_timeout=5");
        options << QStringLiteral("application_name=opsdeck-settings");
        for (auto it = url.options.cbegin(); it != url.options.cend(); ++it) {
            if (it.key() != QLatin1String("application_name"))
                options << it.key() + QLatin1Char('=') + it.value();
        }
        db.setConnectOptions(options.join(QLatin1Char(';')));
        if (!db.open()) {
            QString error = db.lastError().text();
            if (!url.password.isEmpty())
                error.replace(url.password, QStringLiteral("***"));
            result = failed(postgresProblem(url, error, timeout));
        } else {
            QSqlQuery q(db);
            QString version;
            if (q.exec(QStringLiteral("SHOW server_version")) && q.next())
                version = q.value(0).toString().section(QLatin1Char(' '), 0, 0);
            const QStringList tables = db.tables();
            if (!tables.contains(QStringLiteral("schema_version"))) {
                result = ok(Text::tr("PostgreSQL %1 — no OpsDeck tables yet: OpsDeck will create them on first use.")
                                .arg(version));
            } else {
                const int schema = Schema::version(db);
                qint64 resources = 0;
                if (q.exec(QStringLiteral("SELECT count(*) FROM resources")) && q.next())
                    resources = q.value(0).toLongLong();
                if (schema > Schema::CurrentVersion)
                    result = failed(Text::tr("PostgreSQL %1 — this cache was written by a newer OpsDeck (schema %2; "
                                             "this one knows up to %3). Update OpsDeck first.")
                                        .arg(version)
                                        .arg(schema)
                                        .arg(Schema::CurrentVersion));
                else
                    result = ok(Text::tr("PostgreSQL %1 — OpsDeck cache, schema version %2, %3")
                                    .arg(version)
                                    .arg(schema)
                                    .arg(resourceCount(resources)));
            }
            q.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{ }

ConnectionTester::~ConnectionTester()
{
    for (const auto &flag : std::as_const(m_running))
        flag->store(true);
}

HttpOptions ConnectionTester::defaultHttpOptions()
{
    HttpOptions options;
    // A person is waiting for the answer: one quick retry, not the sync's patient four.
    options.connectTimeoutMs = 10000;
    options.transferTimeoutMs = 20000;
    options.maxRetries = 1;
    options.baseBackoffMs = 300;
    options.maxBodyBytes = 32 * 1024 * 1024;
    return options;
}

int ConnectionTester::testSource(const SourceConfig &source)
{
    const HttpOptions options = m_httpOptions;
    return start([source, options](const std::atomic_bool *cancel) { return checkSource(source, options, cancel); });
}

int ConnectionTester::testStorage(const QString &url)
{
    return start([url](const std::atomic_bool *cancel) { return checkStorage(url, cancel); });
}

void ConnectionTester::cancel(int id)
{
    if (const auto flag = m_running.value(id))
        flag->store(true);
}

int ConnectionTester::start(std::function<ConnectionTestResult(const std::atomic_bool *)> check)
{
    const int id = ++m_nextId;
    auto flag = std::make_shared<std::atomic_bool>(false);
    m_running.insert(id, flag);
    auto *watcher = new QFutureWatcher<ConnectionTestResult>(this);
    connect(watcher, &QFutureWatcher<ConnectionTestResult>::finished, this, [this, watcher, id, flag] {
        watcher->deleteLater();
        m_running.remove(id);
        const ConnectionTestResult result = watcher->result();
        if (flag->load())
            emit finished(id, false, tr("Cancelled."));
        else
            emit finished(id, result.ok, result.message);
    });
    // The task holds its own copy of the flag: it may outlive this object.
    watcher->setFuture(QtConcurrent::run(testPool(), [check = std::move(check), flag] { return check(flag.get()); }));
    return id;
}

ConnectionTestResult ConnectionTester::checkSource(const SourceConfig &source, const HttpOptions &options,
                                                   const std::atomic_bool *cancel)
{
    if (source.type == QLatin1String("local"))
        return checkLocal();
    if (source.type == QLatin1String("digitalocean"))
        return checkDigitalOcean(source, options, cancel);
    if (source.type == QLatin1String("prometheus"))
        return checkPrometheus(source, options, cancel);
    if (source.type == QLatin1String("node_exporter"))
        return checkNodeExporter(source, options, cancel);
    return failed(Text::tr("Unknown source type \"%1\".").arg(source.type));
}

ConnectionTestResult ConnectionTester::checkStorage(const QString &text, const std::atomic_bool *cancel)
{
    Q_UNUSED(cancel) // a database test is bounded by connect_timeout and busy_timeout
    const QString value = text.trimmed().isEmpty() ? Config::defaultDatabaseUrl() : text.trimmed();
    QString problem;
    const std::optional<DatabaseUrl> url = DatabaseUrl::parse(value, &problem);
    if (!url)
        return failed(problem);
    return url->isSqlite() ? checkSqlite(*url) : checkPostgres(*url);
}
