#include "pgserver.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

PgServer::~PgServer()
{
    for (const QString &name : std::as_const(m_created)) {
        DatabaseUrl url = m_url;
        url.database = name;
        QString ignored;
        dropDatabase(url, &ignored);
    }
    if (!m_connection.isEmpty()) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool PgServer::connect(const DatabaseUrl &url, QString *error)
{
    m_url = url;
    m_connection = QStringLiteral("opsdeck-bench-maintenance");
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
    db.setHostName(url.host);
    db.setPort(url.port);
    db.setDatabaseName(url.database);
    db.setUserName(url.user);
    db.setPassword(url.password);
    QStringList options { QStringLiteral("connect_timeout=5") };
    for (auto it = url.options.cbegin(); it != url.options.cend(); ++it)
        options << it.key() + QLatin1Char('=') + it.value();
    db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!db.open()) {
        *error = QStringLiteral("cannot connect to PostgreSQL at %1: %2")
                     .arg(url.redacted(), db.lastError().text().trimmed());
        return false;
    }
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT version()")) && q.next())
        m_version = q.value(0).toString();
    if (q.exec(QStringLiteral("SELECT name, setting, unit FROM pg_settings WHERE name IN ('fsync',"
                              " 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers',"
                              " 'max_wal_size', 'checkpoint_timeout') ORDER BY name"))) {
        while (q.next()) {
            QString value = q.value(1).toString();
            // shared_buffers comes in 8kB pages, max_wal_size in MB; say what that is.
            if (q.value(2).toString() == QLatin1String("8kB"))
                value = QString::number(value.toLongLong() * 8 / 1024) + QStringLiteral("MB");
            else if (!q.value(2).isNull())
                value += q.value(2).toString();
            m_settings << q.value(0).toString() + QLatin1Char('=') + value;
        }
    }
    return true;
}

std::optional<DatabaseUrl> PgServer::createDatabase(const QString &suffix, QString *error)
{
    // A database name cannot be a bound parameter. This one is built from our own ASCII only.
    const QString name
        = QStringLiteral("opsdeck_bench_%1_%2_%3").arg(QCoreApplication::applicationPid()).arg(suffix).arg(++m_serial);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("CREATE DATABASE ") + name)) {
        *error = QStringLiteral("cannot create the scratch database %1: %2. The role in --pg needs CREATEDB")
                     .arg(name, q.lastError().text());
        return std::nullopt;
    }
    m_created << name;
    DatabaseUrl url = m_url;
    url.database = name;
    return url;
}

bool PgServer::dropDatabase(const DatabaseUrl &url, QString *error)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    // WITH (FORCE): a connection left behind by a failed engine must not keep the database alive.
    if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + url.database + QStringLiteral(" WITH (FORCE)"))) {
        *error = QStringLiteral("cannot drop the scratch database %1: %2").arg(url.database, q.lastError().text());
        return false;
    }
    m_created.removeAll(url.database);
    return true;
}
