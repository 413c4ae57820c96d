// Two syncers never sync the same source of one store at once: a lock file per source beside a SQLite database,
// a per-source advisory lock on PostgreSQL. The second syncer is told who holds the source.
#include "storage/database.h"
#include "storage/synclock.h"
#include "storagetestsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLockFile>
#include <QtTest>

class TestSyncLock : public QObject
{
    Q_OBJECT

private:
    TestDatabases m_databases { "lock" };

private Q_SLOTS:
    void secondSyncerOfASourceIsTurnedAway_data() { TestDatabases::addBackendRows(); }
    void secondSyncerOfASourceIsTurnedAway()
    {
        QFETCH(QString, backend);
        if (TestDatabases::skipUnavailable(backend))
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const DatabaseUrl url = *DatabaseUrl::parse(m_databases.freshUrl(backend));
        QString error;
        // Two connections stand for two processes; on PostgreSQL advisory locks are per session.
        const auto first = Database::open(url, QStringLiteral("a"), &error);
        const auto second = Database::open(url, QStringLiteral("b"), &error);
        QVERIFY2(first && second, qPrintable(error));
        {
            SyncLock::Result result;
            QString message;
            auto held = SyncLock::acquire(url, *first, QStringLiteral("do"), 0, &result, &message);
            QVERIFY2(held, qPrintable(message));
            QCOMPARE(result, SyncLock::Result::Acquired);

            QElapsedTimer waited;
            waited.start();
            auto refused = SyncLock::acquire(url, *second, QStringLiteral("do"), 600, &result, &message);
            QVERIFY(!refused);
            QCOMPARE(result, SyncLock::Result::Busy);
            QVERIFY2(waited.elapsed() >= 500, "the second syncer waits briefly before giving up");
            QVERIFY2(message.contains(QLatin1String("'do'")) && message.contains(QLatin1String("another OpsDeck")),
                     qPrintable(message));
            // Says who: the pid on SQLite, the holder's session on PostgreSQL.
            const QString who = backend == QLatin1String("sqlite")
                ? QString::number(QCoreApplication::applicationPid())
                : QStringLiteral("opsdeck@");
            QVERIFY2(message.contains(who), qPrintable(message));

            // Other sources are independent.
            auto other = SyncLock::acquire(url, *second, QStringLiteral("local"), 0, &result, &message);
            QVERIFY2(other, qPrintable(message));
        }
        // Released with the lock object: the next syncer gets it at once.
        SyncLock::Result result;
        QString message;
        auto again = SyncLock::acquire(url, *second, QStringLiteral("do"), 0, &result, &message);
        QVERIFY2(again, qPrintable(message));
        again.reset();
        Database::close(QStringLiteral("a"));
        Database::close(QStringLiteral("b"));
    }

    void lockFileOfADeadSyncerIsTakenOver()
    {
        const DatabaseUrl url = *DatabaseUrl::parse(m_databases.freshUrl(QStringLiteral("sqlite")));
        const QString path = SyncLock::lockFilePath(url.path, QStringLiteral("local"));
        QVERIFY(path.endsWith(QLatin1String(".db.local.lock")));
        // What a syncer killed with SIGKILL leaves behind: a lock file naming a pid that no longer runs.
        QFile stale(path);
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("999999\nopsdeck\n" + QSysInfo::machineHostName().toUtf8() + "\n");
        stale.close();
        QString error;
        const auto db = Database::open(url, QStringLiteral("c"), &error);
        QVERIFY2(db, qPrintable(error));
        SyncLock::Result result;
        QString message;
        auto lock = SyncLock::acquire(url, *db, QStringLiteral("local"), 2000, &result, &message);
        QVERIFY2(lock, qPrintable(message));
        lock.reset();
        QVERIFY2(!QFile::exists(path), "the lock file is removed on release");
        Database::close(QStringLiteral("c"));
    }

    void postgresLockDiesWithTheSession()
    {
        if (TestDatabases::postgresServerUrl().isEmpty())
            QSKIP("no PostgreSQL server (OPSDECK_TEST_PG_URL)");
        const DatabaseUrl url = *DatabaseUrl::parse(m_databases.freshUrl(QStringLiteral("postgresql")));
        QString error;
        auto first = Database::open(url, QStringLiteral("d"), &error);
        const auto second = Database::open(url, QStringLiteral("e"), &error);
        QVERIFY2(first && second, qPrintable(error));
        SyncLock::Result result;
        QString message;
        auto held = SyncLock::acquire(url, *first, QStringLiteral("prom"), 0, &result, &message);
        QVERIFY(held);
        // A syncer that crashes drops its connection; the server releases the lock with the session.
        // Never unlocked by us, as if the process died: the lock object is freed only after the session is gone.
        std::unique_ptr<SyncLock> dead(held.release());
        first->close();
        first.reset();
        Database::close(QStringLiteral("d"));
        auto taken = SyncLock::acquire(url, *second, QStringLiteral("prom"), 3000, &result, &message);
        QVERIFY2(taken, qPrintable(message));
        taken.reset();
        dead.reset(); // its connection is closed: there is nothing left for it to unlock
        Database::close(QStringLiteral("e"));
    }
};

QTEST_GUILESS_MAIN(TestSyncLock)
#include "tst_synclock.moc"
