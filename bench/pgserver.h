#pragma once

#include "config/databaseurl.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

// The PostgreSQL server a run writes to, reached through the database named in --pg (the "maintenance"
// connection). Every engine writes into a database of its own, created empty here and dropped afterwards, so
// runs never see each other's rows and the user's database is never written to.
class PgServer final
{
public:
    PgServer() = default;
    ~PgServer();
    Q_DISABLE_COPY_MOVE(PgServer)

    bool connect(const DatabaseUrl &url, QString *error);
    // "PostgreSQL 15.18 …" and the settings that decide write speed (fsync, synchronous_commit, …).
    QString version() const { return m_version; }
    QStringList settings() const { return m_settings; }

    std::optional<DatabaseUrl> createDatabase(const QString &suffix, QString *error);
    bool dropDatabase(const DatabaseUrl &url, QString *error);

private:
    DatabaseUrl m_url;
    QString m_connection;
    QString m_version;
    QStringList m_settings;
    QStringList m_created;
    int m_serial = 0;
};
