#pragma once

#include <QMap>
#include <QString>
#include <optional>

// Where the cache lives, parsed from a URL:
//   sqlite:///absolute/path.db   sqlite:relative/path.db   sqlite::memory:
//   postgresql://user:password@host:5432/dbname?sslmode=require   (postgres:// too; parts percent-decoded)
//
// SQLite: everything after "sqlite:" — and after "//" when present — is the file path, taken literally (no
// percent-decoding): sqlite:///var/lib/x.db and sqlite:/var/lib/x.db are absolute, sqlite:x.db and
// sqlite://x.db are relative to the working directory, a leading "~/" is the home directory, and
// sqlite::memory: (or sqlite://:memory:) is an in-memory database. A '?' is refused: SQLite URLs take no
// parameters.
//
// PostgreSQL: postgresql://[user[:password]@][host][:port]/database[?param=value&...]. The scheme is
// case-insensitive; user, password, host, database and parameter values are percent-decoded (write '@' in a
// password as %40, '/' as %2F). The last '@' ends the user part, so an unencoded '@' in a password still works.
// Host defaults to "localhost"; an IPv6 address goes in brackets ([::1]); a percent-encoded absolute path
// (%2Fvar%2Frun%2Fpostgresql) is a Unix socket directory. Port defaults to 5432 (1..65535). The database
// name is required. Parameters allowed: sslmode, connect_timeout, application_name, sslrootcert, sslcert,
// sslkey, target_session_attrs; any other is refused.
//
// Error messages show the URL as given with the password masked, and say which forms are accepted.
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
    // Canonical: "postgresql://ops:***@db.example:5432/metrics?sslmode=require" (scheme postgresql, port always
    // written), "sqlite:///abs/path.db", "sqlite:relative.db", "sqlite::memory:".
    QString redacted() const;

    static std::optional<DatabaseUrl> parse(const QString &url, QString *error = nullptr);
};
