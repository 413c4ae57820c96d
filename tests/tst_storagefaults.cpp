// Storage faults, met by the real binary: a corrupt cache file (garbage, truncated), a read-only file, directory or
// file system, a full disk, PostgreSQL restarted in the middle of a sync. Each gives an error that names the cause
// and the way out, the exit code of DESIGN.md (1 failed), loses nothing that was committed before, never rewrites
// a corrupt file, and the next sync after the fault is gone succeeds.
//
// Read-only permissions mean nothing to root, so as root the binary runs as "nobody" for those rows. Mounting a
// small tmpfs (disk full, read-only file system) needs root; without it those rows are skipped, saying so.
#include "fakedigitalocean.h"

#include "clitestsupport.h"
#include "storagetestsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <QJsonArray>

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

namespace {

constexpr int TimeoutMs = 120000;
constexpr uid_t Nobody = 65534;
const QString TokenVariable = QStringLiteral("OPSDECK_FAULTS_TOKEN");
const QString PgScratch = QStringLiteral(OPSDECK_FIXTURES "/../../scripts/pg-scratch.sh");

QByteArray digest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// Damages a SQLite file of at least 4 pages: "garbage" (all of it), "header" (its first 100 bytes), "truncated"
// (to half), "zeroed" (two pages in the middle, which SQLite meets only when it reads them).
bool damageFile(const QString &path, const QString &damage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || file.size() < 4 * 4096)
        return false;
    const qint64 middle = file.size() / 2 / 4096 * 4096;
    QRandomGenerator random(20261107);
    QByteArray noise(4096, '\0');
    for (char &c : noise)
        c = char(random.bounded(256));
    if (damage == QLatin1String("garbage"))
        return file.resize(0) && file.write(noise.repeated(4)) == 4 * 4096;
    if (damage == QLatin1String("header"))
        return file.write(noise.left(100)) == 100;
    if (damage == QLatin1String("truncated"))
        return file.resize(middle);
    return file.seek(middle) && file.write(QByteArray(4096 * 2, '\0')) == 4096 * 2;
}

// What the damaged-cache message tells the user to do: move the file away (with its -wal and -shm).
bool moveAway(const QString &path)
{
    for (const char *suffix : { "-wal", "-shm" })
        QFile::rename(path + QLatin1String(suffix), path + QStringLiteral(".damaged") + QLatin1String(suffix));
    return QFile::rename(path, path + QStringLiteral(".damaged"));
}

// Opens a SQLite cache read-only, so looking never changes what is looked at.
struct Peek
{
    bool ok = false;
    QString integrity;
    qint64 samples = -1;
    qint64 rollupCount = -1; // sum(count) of the hourly rollups: equals samples when consistent
    qint64 okRuns = -1; // sync_runs rows with status ok
    QString error;
};

Peek peek(const QString &path)
{
    Peek p;
    const QString name = QStringLiteral("faults-peek");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next())
                p.integrity = q.value(0).toString();
            q.finish();
            if (q.exec(QStringLiteral("SELECT (SELECT count(*) FROM samples),"
                                      " (SELECT coalesce(sum(count), 0) FROM rollups WHERE period = 3600),"
                                      " (SELECT count(*) FROM sync_runs WHERE status = 'ok')"))
                && q.next()) {
                p.samples = q.value(0).toLongLong();
                p.rollupCount = q.value(1).toLongLong();
                p.okRuns = q.value(2).toLongLong();
                p.ok = true;
            } else {
                p.error = q.lastError().text();
            }
        } else {
            p.error = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return p;
}

QString pgBinary(const char *name)
{
    const QStringList dirs = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QString best;
    int bestVersion = -1;
    for (const QString &dir : dirs) {
        const QString candidate = QStringLiteral("/usr/lib/postgresql/%1/bin/%2").arg(dir, QLatin1String(name));
        if (QFileInfo(candidate).isExecutable() && dir.toInt() > bestVersion) {
            best = candidate;
            bestVersion = dir.toInt();
        }
    }
    return best;
}

} // namespace

class tst_StorageFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void corruptFile_data();
    void corruptFile();
    void corruptFileMovedAwayWhileWatching();
    void readOnly_data();
    void readOnly();
    void diskFull();
    void postgresRestartedMidSync();

private:
    // Runs the binary, as `nobody` when asNobody and this process is root.
    Result run(const QStringList &args, bool asNobody = false, int timeoutMs = TimeoutMs);
    bool writeConfig(const QString &storageUrl, bool local, bool digitalOcean, const QString &backfill = {});
    bool startFake(int droplets);
    // `opsdeck --sync --watch -v` over storageUrl, syncing this machine every 10 s; stdout and stderr merged.
    bool startWatching(QProcess *watch, const QString &storageUrl);
    // A tmpfs of `size` at `dir` (root only). False with *why when this machine does not allow it.
    bool mountTmpfs(const QString &dir, const QByteArray &options, QString *why);
    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeDigitalOcean> m_fake;
    QProcessEnvironment m_env;
    QString m_binary = QStringLiteral(OPSDECK_BINARY);
    QStringList m_mounts; // unmounted in cleanup()
    QString m_pgDir; // a scratch cluster of this suite, stopped in cleanup()
};

void tst_StorageFaults::initTestCase()
{
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
}

void tst_StorageFaults::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "OPSDECK_CONFIG", "OPSDECK_DB", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS", "http_proxy",
                              "HTTP_PROXY", "all_proxy", "ALL_PROXY" })
        m_env.remove(QLatin1String(name));
    m_env.insert(QStringLiteral("HOME"), m_dir->path());
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    m_env.insert(QStringLiteral("OPSDECK_CONFIG"), path(QStringLiteral("opsdeck.ini")));
    m_env.insert(TokenVariable, QStringLiteral("dop_v1_storagefaults"));
}

void tst_StorageFaults::cleanup()
{
    m_fake.reset();
    for (const QString &mountPoint : std::as_const(m_mounts))
        ::umount2(QFile::encodeName(mountPoint).constData(), MNT_DETACH);
    m_mounts.clear();
    if (!m_pgDir.isEmpty()) {
        runProgram(QStringLiteral("bash"), { PgScratch, QStringLiteral("stop"), m_pgDir }, m_env, QDir::tempPath(),
                   TimeoutMs);
        m_pgDir.clear();
    }
    if (m_dir) // the read-only rows may have left a directory nobody (not even cleanup) can write
        QProcess::execute(QStringLiteral("chmod"), { QStringLiteral("-R"), QStringLiteral("u+rwX"), m_dir->path() });
    m_dir.reset();
}

Result tst_StorageFaults::run(const QStringList &args, bool asNobody, int timeoutMs)
{
    Result r;
    QProcess p;
    p.setProgram(m_binary);
    p.setArguments(args);
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(m_dir->path());
    if (asNobody && ::geteuid() == 0) {
        p.setChildProcessModifier([] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(Nobody) != 0 || ::setuid(Nobody) != 0)
                ::_exit(126);
        });
    }
    QElapsedTimer clock;
    clock.start();
    p.start();
    r.started = p.waitForStarted(timeoutMs);
    if (r.started) {
        p.closeWriteChannel();
        r.finished = p.waitForFinished(timeoutMs);
        if (!r.finished) {
            p.kill();
            p.waitForFinished(5000);
        }
    }
    r.elapsedMs = clock.elapsed();
    r.exitStatus = p.exitStatus();
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

bool tst_StorageFaults::writeConfig(const QString &storageUrl, bool local, bool digitalOcean, const QString &backfill)
{
    QStringList lines { QStringLiteral("[storage]"), QStringLiteral("url=") + storageUrl, QString() };
    if (local)
        lines << QStringLiteral("[source.local]") << QStringLiteral("type=local") << QString();
    if (digitalOcean)
        lines << QStringLiteral("[source.do]") << QStringLiteral("type=digitalocean")
              << QStringLiteral("api_url=") + m_fake->url() << QStringLiteral("token_env=") + TokenVariable
              << QStringLiteral("backfill=") + (backfill.isEmpty() ? QStringLiteral("1d") : backfill);
    return writeFile(path(QStringLiteral("opsdeck.ini")), lines.join(QLatin1Char('\n')).toUtf8() + '\n');
}

bool tst_StorageFaults::startFake(int droplets)
{
    FakeDigitalOcean::Options options;
    options.droplets = droplets;
    options.databases = 0;
    options.apps = 0;
    options.token = "dop_v1_storagefaults";
    options.requestsPerMinute = 1000000;
    m_fake = std::make_unique<FakeDigitalOcean>(options);
    return m_fake->start();
}

bool tst_StorageFaults::startWatching(QProcess *watch, const QString &storageUrl)
{
    const QString ini = QStringLiteral("[storage]\nurl=%1\n[source.local]\ntype=local\ninterval=10s\n").arg(storageUrl);
    if (!writeFile(path(QStringLiteral("opsdeck.ini")), ini.toUtf8()))
        return false;
    watch->setProgram(m_binary);
    watch->setArguments({ QStringLiteral("--sync"), QStringLiteral("--watch"), QStringLiteral("-v") });
    watch->setProcessEnvironment(m_env);
    watch->setWorkingDirectory(m_dir->path());
    watch->setProcessChannelMode(QProcess::MergedChannels);
    watch->start();
    return watch->waitForStarted(TimeoutMs);
}

bool tst_StorageFaults::mountTmpfs(const QString &dir, const QByteArray &options, QString *why)
{
    QDir().mkpath(dir);
    if (::geteuid() != 0) {
        *why = QStringLiteral("mounting a tmpfs needs root (CI runs the suite as root)");
        return false;
    }
    if (::mount("opsdeck-test", QFile::encodeName(dir).constData(), "tmpfs", 0, options.constData()) != 0) {
        *why = QStringLiteral("mount -t tmpfs is not permitted here (%1): a container without CAP_SYS_ADMIN")
                   .arg(QString::fromLocal8Bit(::strerror(errno)));
        return false;
    }
    m_mounts.prepend(dir);
    return true;
}

void tst_StorageFaults::corruptFile_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("garbage") << QStringLiteral("garbage");
    QTest::newRow("garbage over the header") << QStringLiteral("header");
    QTest::newRow("truncated to half") << QStringLiteral("truncated");
    QTest::newRow("empty pages in the middle") << QStringLiteral("zeroed");
}

// A damaged cache: every verb refuses it with the path, the cause and the way out; the file is byte for byte what
// it was (no WAL replayed into it, no "repair"); moved away as the message says, the next sync starts afresh.
void tst_StorageFaults::corruptFile()
{
    QFETCH(QString, damage);
    const QString db = path(QStringLiteral("cache/opsdeck.db"));
    QVERIFY(writeConfig(QStringLiteral("sqlite://") + db, true, false));
    const Result first = run({ QStringLiteral("--sync") });
    QVERIFY2(first.code() == 0, first.describe());
    // Enough pages that damage in the middle lands on data, not only on free space.
    for (int i = 0; i < 3; ++i)
        QVERIFY(run({ QStringLiteral("--sync") }).code() == 0);

    QVERIFY(damageFile(db, damage));
    const QByteArray before = digest(db);

    const QList<QStringList> verbs {
        { QStringLiteral("--sync") },
        { QStringLiteral("--sync"), QStringLiteral("--json") },
        { QStringLiteral("--export"), QStringLiteral("history"), QStringLiteral("--out"), QStringLiteral("-") },
        { QStringLiteral("--export"), QStringLiteral("resources"), QStringLiteral("--out"), QStringLiteral("-") },
    };
    // Damage SQLite only meets when it reads the page: the sync fails there, and from then on writes nothing, not
    // even its failed sync_runs row (which would land on intact pages).
    const bool midFile = damage == QLatin1String("zeroed");
    for (const QStringList &args : verbs) {
        if (midFile && args.contains(QStringLiteral("--export")))
            continue; // a read that misses the damaged pages succeeds: only the sync is sure to meet them
        const Result r = run(args);
        QVERIFY2(r.code() == 1, r.describe());
        const QString text = r.stdErr() + r.stdOut();
        QVERIFY2(text.contains(db), r.describe());
        QVERIFY2(text.contains(QLatin1String("move it away")) || text.contains(QLatin1String("backup")), r.describe());
        QCOMPARE(digest(db), before);
    }
    // --health says the cache is unusable, also without touching it.
    const Result health = run({ QStringLiteral("--health"), QStringLiteral("--json") });
    QVERIFY2(health.code() == 1, health.describe());
    QCOMPARE(digest(db), before);

    // The way out the message gives: move it away, sync again.
    QVERIFY(moveAway(db));
    const Result again = run({ QStringLiteral("--sync") });
    QVERIFY2(again.code() == 0, again.describe());
    const Peek fresh = peek(db);
    QVERIFY2(fresh.ok && fresh.integrity == QLatin1String("ok") && fresh.samples > 0, qPrintable(fresh.error));
}

// A --watch syncer (the desktop app's engine alike) that met the damage writes nothing into the file, round after
// round; once the file has been moved away, as the message says, its next round starts a fresh cache — no restart.
void tst_StorageFaults::corruptFileMovedAwayWhileWatching()
{
    const QString db = path(QStringLiteral("cache/opsdeck.db"));
    QVERIFY(writeConfig(QStringLiteral("sqlite://") + db, true, false));
    QVERIFY(run({ QStringLiteral("--sync") }).code() == 0);
    QVERIFY(zeroTablePage(db, QStringLiteral("source_state"))); // the sync meets it; opening the file does not
    const QByteArray before = digest(db);

    QProcess watch;
    QVERIFY(startWatching(&watch, QStringLiteral("sqlite://") + db));
    QByteArray log;
    const auto count = [&](const char *what) {
        log += watch.readAll();
        return log.count(what);
    };
    // Two failed rounds: the one that met the damage and one after it, neither writing.
    QTRY_VERIFY2_WITH_TIMEOUT(count("move it away") >= 2, log.constData(), 40000);
    QCOMPARE(digest(db), before);
    QCOMPARE(count("local: 1 resources"), 0);

    QVERIFY(moveAway(db));
    QTRY_VERIFY2_WITH_TIMEOUT(count("local: 1 resources") >= 1, log.constData(), 40000);
    QVERIFY2(log.contains("has been moved away or replaced"), log.constData());
    watch.terminate();
    QVERIFY(watch.waitForFinished(TimeoutMs));
    QCOMPARE(watch.exitCode(), 0);
    QCOMPARE(digest(db + QStringLiteral(".damaged")), before);
    const Peek fresh = peek(db);
    QVERIFY2(fresh.ok && fresh.integrity == QLatin1String("ok") && fresh.samples > 0, qPrintable(fresh.error));
}

void tst_StorageFaults::readOnly_data()
{
    QTest::addColumn<QString>("fault");
    QTest::newRow("read-only file") << QStringLiteral("file");
    QTest::newRow("read-only directory") << QStringLiteral("directory");
    QTest::newRow("read-only file system") << QStringLiteral("filesystem");
}

// A cache OpsDeck may not write: the sync fails (exit 1) saying which path is read-only and what to do; what was
// stored is intact and still exported; writable again, the next sync succeeds and adds to it.
void tst_StorageFaults::readOnly()
{
    QFETCH(QString, fault);
    const QString dir = path(QStringLiteral("ro"));
    QDir().mkpath(dir);
    if (fault == QLatin1String("filesystem")) {
        QString why;
        if (!mountTmpfs(dir, "size=16m,mode=0755", &why))
            QSKIP(qPrintable(why));
    }
    const QString db = dir + QStringLiteral("/opsdeck.db");
    QVERIFY(writeConfig(QStringLiteral("sqlite://") + db, true, false));
    if (::geteuid() == 0) // the runs are nobody's: its home and cache must be its own
        QVERIFY(QProcess::execute(QStringLiteral("chown"),
                                  { QStringLiteral("-R"), QStringLiteral("65534:65534"), m_dir->path() })
                == 0);
    const Result first = run({ QStringLiteral("--sync") }, true);
    QVERIFY2(first.code() == 0, first.describe());
    const Peek before = peek(db);
    QVERIFY2(before.ok && before.samples > 0, qPrintable(before.error));
    // Looking as root may have left root's -shm beside the cache, which nobody could then not write.
    const auto giveBack = [this] {
        if (::geteuid() == 0)
            QProcess::execute(QStringLiteral("chown"),
                              { QStringLiteral("-R"), QStringLiteral("65534:65534"), m_dir->path() });
    };
    giveBack();

    const QByteArray target = QFile::encodeName(fault == QLatin1String("file") ? db : dir);
    if (fault == QLatin1String("filesystem"))
        QVERIFY2(::mount(nullptr, target.constData(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0,
                 ::strerror(errno));
    else
        QVERIFY(::chmod(target.constData(), fault == QLatin1String("file") ? 0444 : 0555) == 0);

    const Result r = run({ QStringLiteral("--sync") }, true);
    QVERIFY2(r.code() == 1, r.describe());
    const QString text = r.stdErr() + r.stdOut();
    QVERIFY2(text.contains(fault == QLatin1String("file") ? db : dir), r.describe());
    QVERIFY2(text.contains(QLatin1String("read-only")) || text.contains(QLatin1String("not writable")), r.describe());
    QVERIFY2(text.contains(QLatin1String("--db")) || text.contains(QLatin1String("permission")), r.describe());

    // Nothing lost: the samples are all there, and can still be exported.
    const Peek during = peek(db);
    QVERIFY2(during.ok && during.samples == before.samples, qPrintable(during.error));
    if (fault != QLatin1String("filesystem"))
        giveBack();
    const Result exported = run(
        { QStringLiteral("--export"), QStringLiteral("history"), QStringLiteral("--out"), QStringLiteral("-") }, true);
    QVERIFY2(exported.code() == 0, exported.describe());
    QCOMPARE(exported.out.count('\n'), before.samples + 1);

    // The fault gone, the next sync adds to what is there.
    if (fault == QLatin1String("filesystem"))
        QVERIFY2(::mount(nullptr, target.constData(), nullptr, MS_REMOUNT, nullptr) == 0, ::strerror(errno));
    else
        QVERIFY(::chmod(target.constData(), fault == QLatin1String("file") ? 0644 : 0755) == 0);
    giveBack();
    const Result again = run({ QStringLiteral("--sync") }, true);
    QVERIFY2(again.code() == 0, again.describe());
    const Peek after = peek(db);
    // Its samples may share the minute of the first sync's (first write wins); its sync_runs row is new.
    QVERIFY2(after.ok && after.integrity == QLatin1String("ok") && after.samples >= before.samples
                 && after.okRuns == before.okRuns + 1,
             qPrintable(QStringLiteral("%1 samples, %2 before; %3 ok syncs, %4 before; %5 %6")
                            .arg(after.samples)
                            .arg(before.samples)
                            .arg(after.okRuns)
                            .arg(before.okRuns)
                            .arg(after.integrity, after.error)));
}

// The disk fills in the middle of a backfill: the sync fails saying the disk is full and where, the batches
// committed before are intact and consistent, and after space is freed the next sync completes the backfill.
void tst_StorageFaults::diskFull()
{
    const QString dir = path(QStringLiteral("small"));
    QString why;
    if (!mountTmpfs(dir, "size=3m", &why))
        QSKIP(qPrintable(why));
    QVERIFY(startFake(30));
    const QString db = dir + QStringLiteral("/opsdeck.db");
    // 30 droplets × 3 metrics × 7 days of 5-minute points: ~180,000 samples, far more than 3 MB holds; the
    // source commits every 50,000, so the first batch fits and a later one does not.
    QVERIFY(writeConfig(QStringLiteral("sqlite://") + db, false, true, QStringLiteral("7d")));

    const Result full = run({ QStringLiteral("--sync"), QStringLiteral("--json") });
    QVERIFY2(full.code() == 1, full.describe());
    const QString error = full.json()
                              .value(QLatin1String("sources"))
                              .toArray()
                              .first()
                              .toObject()
                              .value(QLatin1String("error"))
                              .toString()
        + full.json().value(QLatin1String("error")).toString();
    QVERIFY2(error.contains(QLatin1String("full"), Qt::CaseInsensitive), full.describe());
    QVERIFY2(error.contains(dir) || error.contains(db), full.describe());
    QVERIFY2(error.contains(QLatin1String("free"), Qt::CaseInsensitive), full.describe());
    qInfo("disk full: %s", qPrintable(error));
    const Peek partial = peek(db);
    QVERIFY2(partial.ok, qPrintable(partial.error));
    QCOMPARE(partial.integrity, QStringLiteral("ok"));
    QCOMPARE(partial.rollupCount, partial.samples);

    // Space freed (the tmpfs grown): the next sync completes the backfill from where the committed data ends.
    QVERIFY2(::mount(nullptr, QFile::encodeName(dir).constData(), nullptr, MS_REMOUNT, "size=64m") == 0,
             ::strerror(errno));
    const Result again = run({ QStringLiteral("--sync"), QStringLiteral("--json") });
    QVERIFY2(again.code() == 0, again.describe());
    const Peek complete = peek(db);
    QVERIFY2(complete.ok && complete.integrity == QLatin1String("ok"), qPrintable(complete.error));
    QCOMPARE(complete.rollupCount, complete.samples);
    QVERIFY2(complete.samples >= partial.samples, "committed samples were lost");
    // Every droplet's cpu, memory and disk over 7 days: 2016 points each (one fewer where droplet 0 rebooted).
    QVERIFY2(complete.samples >= 30 * 3 * 2015, qPrintable(QString::number(complete.samples)));
}

// PostgreSQL restarts while a sync is fetching: the sync fails naming PostgreSQL and telling to sync again, the
// syncs committed before are intact, and the next sync (the server back) succeeds.
void tst_StorageFaults::postgresRestartedMidSync()
{
    const QString pgCtl = pgBinary("pg_ctl");
    if (pgCtl.isEmpty() || !QFileInfo::exists(PgScratch))
        QSKIP("PostgreSQL server binaries not installed (scripts/deps.sh --test installs them)");
    // A cluster of this suite's own: restarting the shared one would break the suites running beside it.
    m_pgDir = QDir::tempPath() + QStringLiteral("/opsdeck-faults-pg-%1").arg(QRandomGenerator::global()->generate());
    const Result started = runProgram(QStringLiteral("bash"), { PgScratch, QStringLiteral("start"), m_pgDir }, m_env,
                                      QDir::tempPath(), TimeoutMs);
    QVERIFY2(started.code() == 0, started.describe());
    const QString url
        = QStringLiteral("postgresql://opsdeck@127.0.0.1:%1/opsdeck_test").arg(started.stdOut().trimmed());

    QVERIFY(startFake(6));
    QVERIFY(writeConfig(url, false, true));
    const Result first = run({ QStringLiteral("--sync") });
    QVERIFY2(first.code() == 0, first.describe());
    const auto count = [&](qint64 *samples) {
        const Result r = run(
            { QStringLiteral("--export"), QStringLiteral("history"), QStringLiteral("--out"), QStringLiteral("-") });
        *samples = r.out.count('\n') - 1;
        return r.code() == 0;
    };
    qint64 before = 0;
    QVERIFY(count(&before));
    QVERIFY(before > 6 * 3 * 250);

    // Slow metric answers keep the next sync fetching while the server restarts underneath it.
    FakeDigitalOcean::Fault slow;
    slow.pattern = QStringLiteral("/v2/monitoring/");
    slow.kind = FakeDigitalOcean::FaultKind::Delay;
    slow.delayMs = 250;
    m_fake->addFault(slow);
    m_fake->resetCounters();
    QProcess sync;
    sync.setProgram(m_binary);
    sync.setArguments({ QStringLiteral("--sync"), QStringLiteral("--json") });
    sync.setProcessEnvironment(m_env);
    sync.setWorkingDirectory(m_dir->path());
    sync.start();
    QTRY_VERIFY_WITH_TIMEOUT(m_fake->requestCount(QStringLiteral("/v2/monitoring/")) >= 4, 30000);
    QStringList restart { QStringLiteral("restart"), QStringLiteral("-D"),   m_pgDir + QStringLiteral("/data"),
                          QStringLiteral("-m"),      QStringLiteral("fast"), QStringLiteral("-w"),
                          QStringLiteral("-t"),      QStringLiteral("60") };
    const Result restarted = ::geteuid() == 0
        ? runProgram(QStringLiteral("runuser"),
                     QStringList { QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), pgCtl }
                         + restart,
                     m_env, m_pgDir, TimeoutMs)
        : runProgram(pgCtl, restart, m_env, m_pgDir, TimeoutMs);
    QVERIFY2(restarted.code() == 0, restarted.describe());
    QVERIFY(sync.waitForFinished(TimeoutMs));
    const QByteArray out = sync.readAllStandardOutput();
    QCOMPARE(sync.exitCode(), 1);
    const QJsonObject report = QJsonDocument::fromJson(out).object();
    const QString error
        = report.value(QLatin1String("sources")).toArray().first().toObject().value(QLatin1String("error")).toString();
    QVERIFY2(error.contains(QLatin1String("PostgreSQL")), out.constData());
    QVERIFY2(error.contains(QLatin1String("sync again"), Qt::CaseInsensitive), out.constData());
    qInfo("PostgreSQL restarted: %s", qPrintable(error));

    qint64 during = 0;
    QVERIFY(count(&during));
    QCOMPARE(during, before);

    m_fake->clearFaults();
    const Result again = run({ QStringLiteral("--sync") });
    QVERIFY2(again.code() == 0, again.describe());
    qint64 after = 0;
    QVERIFY(count(&after));
    QVERIFY(after >= before);

    // A long-running syncer (--watch, and the desktop app alike) reconnects after the restart instead of failing
    // every round until someone restarts it.
    QProcess watch;
    QVERIFY(startWatching(&watch, url));
    QByteArray log;
    const auto rounds = [&] {
        log += watch.readAll();
        return log.count("local: 1 resources");
    };
    QTRY_VERIFY_WITH_TIMEOUT(rounds() >= 1, 30000);
    const Result restartedAgain = ::geteuid() == 0
        ? runProgram(QStringLiteral("runuser"),
                     QStringList { QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), pgCtl }
                         + restart,
                     m_env, m_pgDir, TimeoutMs)
        : runProgram(pgCtl, restart, m_env, m_pgDir, TimeoutMs);
    QVERIFY2(restartedAgain.code() == 0, restartedAgain.describe());
    const int beforeRestart = rounds();
    QTRY_VERIFY2_WITH_TIMEOUT(rounds() > beforeRestart, log.constData(), 40000);
    QVERIFY2(log.contains("reconnecting"), log.constData());
    watch.terminate();
    QVERIFY(watch.waitForFinished(TimeoutMs));
    QCOMPARE(watch.exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_StorageFaults)
#include "tst_storagefaults.moc"
