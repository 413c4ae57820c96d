#pragma once

#include <QMap>
#include <QString>
#include <optional>

// Where the cache lives, parsed from a URL:
//   sqlite:///absolute/path.db   sqlite:relative/path.db   sqlite::memory:
//   postgresql://user:password@host:5432/dbname?sslmode=require   (postgres:// too; parts percent-decoded)
struct DatabaseUrl
{
    enum class Engine { Sqlite, Postgres };

    Engine engine = Engine::Sqlite;
    QString path; // SQLite: file path, or ":memory:"
    QString host; // PostgreSQL: host name or address (default "localhost")
    int port = 5432;
    QString database;
    QString user;
    QString password;
    QMap<QString, QString> options; // PostgreSQL query parameters, passed to libpq as connect options

    bool isSqlite() const { return engine == Engine::Sqlite; }
    bool isMemory() const { return isSqlite() && path == QLatin1String(":memory:"); }

    // The URL with the password replaced by "***": the only form that may appear in messages and logs.
    QString redacted() const;

    static std::optional<DatabaseUrl> parse(const QString &url, QString *error = nullptr);
};
