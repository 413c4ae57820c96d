#pragma once

// Backends for the storage suites: SQLite always, PostgreSQL when OPSDECK_TEST_PG_URL names a server (scripts/
// test.sh starts a scratch cluster and sets it). Each suite gets its own fresh PostgreSQL database.

#include "config/databaseurl.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestDatabases
{
public:
    explicit TestDatabases(const char *suite)
        : m_suite(QString::fromLatin1(suite))
    {
    }
    ~TestDatabases() { dropPostgres(); }

    static QString postgresServerUrl() { return qEnvironmentVariable("OPSDECK_TEST_PG_URL"); }

    // A URL of a database that exists and is empty, for the given backend ("sqlite" or "postgresql").
    QString freshUrl(const QString &backend)
    {
        if (backend == QLatin1String("sqlite"))
            return QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("t%1.db").arg(++m_counter));
        const auto server = DatabaseUrl::parse(postgresServerUrl());
        if (!server)
            return {};
        const QString name = QStringLiteral("opsdeck_%1_%2_%3")
                                 .arg(m_suite)
                                 .arg(QRandomGenerator::global()->bounded(1000000))
                                 .arg(++m_counter);
        if (!adminExec(QStringLiteral("CREATE DATABASE %1").arg(name)))
            return {};
        m_created << name;
        DatabaseUrl url = *server;
        url.database = name;
        return QStringLiteral("postgresql://%1@%2:%3/%4").arg(url.user, url.host).arg(url.port).arg(name);
    }

    // Adds the backends as rows of a _data() table (column "backend").
    static void addBackendRows()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    static bool skipUnavailable(const QString &backend)
    {
        return backend == QLatin1String("postgresql") && postgresServerUrl().isEmpty();
    }

private:
    bool adminExec(const QString &sql)
    {
        const auto server = DatabaseUrl::parse(postgresServerUrl());
        if (!server)
            return false;
        const QString name = QStringLiteral("opsdeck-test-admin");
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name)
                                                           : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(server->host);
            db.setPort(server->port);
            db.setUserName(server->user);
            db.setPassword(server->password);
            db.setDatabaseName(server->database);
            if (db.isOpen() || db.open()) {
                QSqlQuery q(db);
                ok = q.exec(sql);
                if (!ok)
                    qWarning() << sql << q.lastError().text();
            } else {
                qWarning() << db.lastError().text();
            }
        }
        return ok;
    }

    void dropPostgres()
    {
        for (const QString &name : std::as_const(m_created)) {
            // Connections of the suite are closed by now; FORCE covers any a failed test left behind.
            adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("opsdeck-test-admin"));
    }

    QString m_suite;
    QTemporaryDir m_dir;
    QStringList m_created;
    int m_counter = 0;
};

// Zeroes the root page of `table` in the SQLite file at `path` (closed, its WAL checkpointed): damage that opening
// the file does not meet, and the first statement that reads the table does.
inline bool zeroTablePage(const QString &path, const QString &table)
{
    const QString connection = QStringLiteral("opsdeck-test-damage");
    qint64 page = 0;
    qint64 pageSize = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = ?"));
            q.addBindValue(table);
            if (q.exec() && q.next())
                page = q.value(0).toLongLong();
            if (q.exec(QStringLiteral("PRAGMA page_size")) && q.next())
                pageSize = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    QFile file(path);
    return page > 1 && pageSize > 0 && file.open(QIODevice::ReadWrite) && file.seek((page - 1) * pageSize)
        && file.write(QByteArray(pageSize, '\0')) == pageSize;
}
