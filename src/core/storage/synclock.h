#pragma once

#include "config/databaseurl.h"

#include <QSqlDatabase>
#include <QString>
#include <memory>

class QLockFile;

// Makes sure two syncers never sync the same source into one store at the same time — a GUI and a cron job on
// one machine, or several headless syncers on one shared PostgreSQL.
//
// SQLite: a lock file per source beside the database, "<database>.<source>.lock" (QLockFile: holds pid, host
// and program; a lock left by a dead process is taken over). PostgreSQL: the session-level advisory lock
// pg_try_advisory_lock(884259, hashtext(<source>)) on the syncer's own connection, released when the lock object
// goes away or the connection dies. An in-memory SQLite database is private to its process and needs no lock.
class SyncLock final
{
public:
    ~SyncLock();
    Q_DISABLE_COPY_MOVE(SyncLock)

    enum class Result { Acquired, Busy, Error };

    // Tries for up to waitMs. On Busy, *message says who holds the lock; on Error, what went wrong.
    static std::unique_ptr<SyncLock> acquire(const DatabaseUrl &url, QSqlDatabase db, const QString &source,
                                             int waitMs, Result *result, QString *message);

    static QString lockFilePath(const QString &databasePath, const QString &source);
    static constexpr int AdvisoryClass = 884259;

private:
    SyncLock() = default;
    std::unique_ptr<QLockFile> m_file;
    QSqlDatabase m_db;
    QString m_source;
};
