#include "database.h"
#include "schema.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <unistd.h>

namespace {

QString sqliteOpenError(const QString &path, const QString &cause)
{
    return QStringLiteral("cannot open the cache database %1: %2").arg(path, cause);
}

// A SQLite file starts with this 16-byte header; anything else is not ours to touch.
bool looksLikeSqlite(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = sqliteOpenError(path, file.errorString()
                                     + QStringLiteral(". Check the file's permissions, or choose another path "
                                                      "with --db or [storage] url"));
        return false;
    }
    const QByteArray header = file.read(16);
    if (header.isEmpty())
        return true; // an empty file is a fresh database to SQLite
    if (header != QByteArray("SQLite format 3\0", 16)) {
        *error = sqliteOpenError(path, QStringLiteral("the file is not a SQLite database. It was left untouched; "
                                                      "move it away or point --db at another file"));
        return false;
    }
    return true;
}

constexpr QFile::Permissions OwnerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions OwnerOnlyDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

// The cache holds the fleet's names, addresses and figures: what OpsDeck creates for it is the owner's alone,
// whatever the umask. Directories that already exist keep their permissions (they may be shared on purpose).
bool makePrivateDirs(const QString &dir)
{
    QStringList missing;
    for (QFileInfo info(dir); !info.exists(); info = QFileInfo(info.absolutePath())) {
        missing.prepend(info.absoluteFilePath());
        if (info.isRoot())
            break;
    }
    for (const QString &path : std::as_const(missing)) {
        if (!QDir().mkdir(path, OwnerOnlyDir) && !QFileInfo(path).isDir())
            return false;
        QFile::setPermissions(path, OwnerOnlyDir); // mkdir's mode went through the umask
    }
    return true;
}

// Created empty (a fresh database to SQLite) before SQLite opens it: SQLite would create it 0644 & ~umask, and
// gives its -wal and -shm files the database file's permissions.
bool createPrivateFile(const QString &path, QString *why)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnlyFile)) {
        *why = file.errorString();
        return QFileInfo::exists(path); // lost a race: another OpsDeck made it
    }
    return file.setPermissions(OwnerOnlyFile);
}

bool openSqlite(QSqlDatabase &db, const DatabaseUrl &url, QString *error)
{
    const QString &path = url.path;
    if (!url.isMemory()) {
        const QFileInfo info(path);
        if (info.exists() && !info.isFile()) {
            *error = sqliteOpenError(path, QStringLiteral("it is not a regular file. Choose a file path with --db "
                                                          "or [storage] url"));
            return false;
        }
        if (info.exists() && !looksLikeSqlite(path, error))
            return false;
        // SQLite gives a new -wal and -shm the database file's permissions: made while the cache was read-only,
        // they would keep it unwritable after its owner made the cache writable again.
        if (info.exists() && info.isWritable()) {
            for (const char *suffix : { "-wal", "-shm" }) {
                const QFileInfo side(path + QLatin1String(suffix));
                if (side.exists() && !side.isWritable() && side.ownerId() == ::geteuid())
                    QFile::setPermissions(side.filePath(), OwnerOnlyFile);
            }
        }
        if (!info.exists()) {
            const QString dir = info.absolutePath();
            if (!makePrivateDirs(dir)) {
                *error = sqliteOpenError(path, QStringLiteral("cannot create the directory %1. Create it, or "
                                                              "choose a writable path with --db or [storage] url")
                                                   .arg(dir));
                return false;
            }
            if (!QFileInfo(dir).isWritable()) {
                *error = sqliteOpenError(path, QStringLiteral("the directory %1 is not writable. Choose a writable "
                                                              "path with --db or [storage] url")
                                                   .arg(dir));
                return false;
            }
            if (QString why; !createPrivateFile(path, &why)) {
                *error = sqliteOpenError(path, QStringLiteral("cannot create the file (%1). Check the permissions and "
                                                              "free space of %2, or choose another path with --db "
                                                              "or [storage] url")
                                                   .arg(why, dir));
                return false;
            }
        }
    }
    db.setDatabaseName(path);
    // Writers wait for each other instead of failing at once (a GUI and a cron --sync on one file).
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        *error = sqliteOpenError(path, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    // The first real read is where SQLite notices a corrupt or encrypted file.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        *error = sqliteOpenError(path, q.lastError().databaseText()
                                     + QStringLiteral(". The file was left untouched; restore it from a backup or "
                                                      "move it away to start a fresh cache"));
        return false;
    }
    // Refuse someone else's SQLite database before anything (even the WAL pragma) writes to the file.
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))) {
        *error = sqliteOpenError(path, q.lastError().databaseText());
        return false;
    }
    QStringList tables;
    while (q.next())
        tables << q.value(0).toString();
    // Let go of the read lock before the WAL switch and the migration write: a connection holding one while it
    // asks for a write lock is what SQLite's deadlock detection refuses at once, without waiting.
    q.finish();
    if (!tables.isEmpty() && !tables.contains(QLatin1String("schema_version"))) {
        *error = QStringLiteral("%1 is a SQLite database, but not an OpsDeck cache (it has tables of its own: %2). "
                                "It was left untouched; point --db at another file")
                     .arg(path, tables.mid(0, 5).join(QLatin1String(", ")));
        return false;
    }
    if (url.isMemory())
        return true;
    const char *pragmas[] = { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON" };
    for (const char *pragma : pragmas) {
        if (!q.exec(QLatin1String(pragma))) {
            *error = sqliteOpenError(path, q.lastError().databaseText());
            return false;
        }
    }
    return true;
}

bool openPostgres(QSqlDatabase &db, const DatabaseUrl &url, QString *error)
{
    db.setHostName(url.host);
    db.setPort(url.port);
    db.setDatabaseName(url.database);
    db.setUserName(url.user);
    db.setPassword(url.password);
    QStringList options;
    if (!url.options.contains(QStringLiteral("connect_timeout")))
        options << QStringLiteral("connect_timeout=5");
    if (!url.options.contains(QStringLiteral("application_name")))
        options << QStringLiteral("application_name=opsdeck@%1:%2")
                       .arg(QSysInfo::machineHostName())
                       .arg(QCoreApplication::applicationPid());
    for (auto it = url.options.cbegin(); it != url.options.cend(); ++it)
        options << it.key() + QLatin1Char('=') + it.value();
    db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!db.open()) {
        *error = QStringLiteral("cannot connect to PostgreSQL at %1: %2. Check that the server is running and "
                                "reachable, and the URL given with --db, OPSDECK_DB or [storage] url")
                     .arg(url.redacted(), db.lastError().text().trimmed());
        return false;
    }
    return true;
}

} // namespace

std::optional<QSqlDatabase> Database::open(const DatabaseUrl &url, const QString &connectionName, QString *error)
{
    const QString driver = url.isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        *error = QStringLiteral("the Qt SQL driver %1 is not installed. Install %2")
                     .arg(driver, url.isSqlite() ? QStringLiteral("libqt6sql6-sqlite") : QStringLiteral("libqt6sql6-psql"));
        return std::nullopt;
    }
    // Two processes opening a new SQLite cache at the same moment can still meet in SQLite's deadlock detection
    // (one is switching the file to WAL while the other reads the schema), which answers "database is locked" at
    // once instead of waiting; the open is then simply tried again for a while.
    const QDeadlineTimer deadline(10000);
    for (;;) {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
        const bool opened = url.isSqlite() ? openSqlite(db, url, error) : openPostgres(db, url, error);
        if (opened && Schema::migrate(db, url, error))
            return db;
        if (url.isSqlite() && error->contains(QLatin1String("readonly database")))
            *error += QStringLiteral(". The cache %1 is read-only for this user (file or directory permissions, or a "
                                     "read-only file system): make it writable, or point --db at a writable path")
                          .arg(url.path);
        db = QSqlDatabase();
        close(connectionName);
        if (!url.isSqlite() || !error->contains(QLatin1String("database is locked")) || deadline.hasExpired())
            return std::nullopt;
        QThread::msleep(50 + QRandomGenerator::global()->bounded(150));
    }
}

void Database::close(const QString &connectionName)
{
    if (!QSqlDatabase::contains(connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

QString Database::connectionNameForThread(const QString &prefix)
{
    return prefix + QLatin1Char('-')
        + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
}
