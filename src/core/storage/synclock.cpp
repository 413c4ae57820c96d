#include "synclock.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

SyncLock::~SyncLock()
{
    if (m_file)
        m_file->unlock();
    if (m_db.isOpen()) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT pg_advisory_unlock(?, hashtext(?))"));
        q.addBindValue(AdvisoryClass);
        q.addBindValue(m_source);
        q.exec();
    }
}

QString SyncLock::lockFilePath(const QString &databasePath, const QString &source)
{
    return QFileInfo(databasePath).absoluteFilePath() + QLatin1Char('.') + source + QStringLiteral(".lock");
}

std::unique_ptr<SyncLock> SyncLock::acquire(const DatabaseUrl &url, QSqlDatabase db, const QString &source,
                                            int waitMs, Result *result, QString *message)
{
    std::unique_ptr<SyncLock> lock(new SyncLock);
    lock->m_source = source;
    if (url.isMemory()) {
        *result = Result::Acquired;
        return lock;
    }
    if (url.isSqlite()) {
        const QString path = lockFilePath(url.path, source);
        lock->m_file = std::make_unique<QLockFile>(path);
        // A crashed syncer's lock is taken over once its process is gone; a live one is never stale.
        lock->m_file->setStaleLockTime(0);
        if (lock->m_file->tryLock(waitMs)) {
            // QLockFile creates it 0666 & ~umask; like the database beside it, it is the owner's alone.
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
            *result = Result::Acquired;
            return lock;
        }
        if (lock->m_file->error() == QLockFile::LockFailedError) {
            qint64 pid = 0;
            QString host, program;
            lock->m_file->getLockInfo(&pid, &host, &program);
            *result = Result::Busy;
            *message = QStringLiteral("source '%1' is being synced by another OpsDeck (%2, pid %3 on %4; lock file "
                                      "%5). Try again when it has finished")
                           .arg(source, program.isEmpty() ? QStringLiteral("opsdeck") : program)
                           .arg(pid)
                           .arg(host, path);
        } else {
            *result = Result::Error;
            *message = QStringLiteral("cannot create the lock file %1 for source '%2': its directory is not "
                                      "writable for this user (permissions, or a read-only file system). Make it "
                                      "writable, or point --db at a cache in a writable directory")
                           .arg(path, source);
        }
        return nullptr;
    }

    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT pg_try_advisory_lock(?, hashtext(?))"));
    const QDeadlineTimer deadline(waitMs);
    for (;;) {
        q.addBindValue(AdvisoryClass);
        q.addBindValue(source);
        if (!q.exec() || !q.next()) {
            *result = Result::Error;
            *message = QStringLiteral("cannot take the sync lock for source '%1': %2").arg(source, q.lastError().text());
            return nullptr;
        }
        if (q.value(0).toBool()) {
            lock->m_db = db;
            *result = Result::Acquired;
            return lock;
        }
        if (deadline.hasExpired())
            break;
        QThread::msleep(std::min<qint64>(200, std::max<qint64>(1, deadline.remainingTime())));
    }
    QSqlQuery who(db);
    who.prepare(QStringLiteral("SELECT a.pid, coalesce(host(a.client_addr), 'local socket'), a.application_name"
                               " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                               " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = CAST(? AS oid)"
                               " AND l.objid = CAST(hashtext(?) AS oid) AND l.objsubid = 2"));
    who.addBindValue(AdvisoryClass);
    who.addBindValue(source);
    QString holder = QStringLiteral("another OpsDeck");
    if (who.exec() && who.next()) {
        holder = QStringLiteral("%1, server pid %2 from %3")
                     .arg(who.value(2).toString().isEmpty() ? QStringLiteral("another OpsDeck") : who.value(2).toString())
                     .arg(who.value(0).toLongLong())
                     .arg(who.value(1).toString());
    }
    *result = Result::Busy;
    *message = QStringLiteral("source '%1' is being synced by another OpsDeck (%2; PostgreSQL advisory lock %3/"
                              "hashtext('%1')). Try again when it has finished")
                   .arg(source, holder)
                   .arg(AdvisoryClass);
    return nullptr;
}
