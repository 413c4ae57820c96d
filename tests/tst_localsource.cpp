#include "sources/localsource.h"
#include "sources/procparsers.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QStorageInfo>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <poll.h>
#include <sys/inotify.h>
#include <thread>
#include <unistd.h>

namespace {

// One /proc/stat reading, column by column (guest and guest_nice are already inside user and nice).
struct Ticks
{
    quint64 user = 0;
    quint64 nice = 0;
    quint64 system = 0;
    quint64 idle = 0;
    quint64 iowait = 0;
    quint64 irq = 0;
    quint64 softirq = 0;
    quint64 steal = 0;
    quint64 guest = 0;
    quint64 guestNice = 0;
};

// total 10000, idle 8500
constexpr Ticks Before { 1000, 0, 500, 8000, 500, 0, 0, 0, 200, 0 };
// total 11000, idle 8750: Δtotal 1000, Δidle 250 → 75 % busy. guest grew by 100 too, inside user.
constexpr Ticks After { 1500, 0, 600, 8200, 550, 20, 30, 100, 300, 0 };

QByteArray statLine(const QByteArray &label, const Ticks &t)
{
    QByteArray line = label;
    for (quint64 value :
         { t.user, t.nice, t.system, t.idle, t.iowait, t.irq, t.softirq, t.steal, t.guest, t.guestNice })
        line += ' ' + QByteArray::number(value);
    return line + '\n';
}

Ticks half(const Ticks &t)
{
    return Ticks { t.user / 2, t.nice / 2,    t.system / 2, t.idle / 2,  t.iowait / 2,
                   t.irq / 2,  t.softirq / 2, t.steal / 2,  t.guest / 2, t.guestNice / 2 };
}

// A 2-core /proc/stat whose aggregate line is `t` (the per-core lines only matter for the vCPU count).
QByteArray statText(const Ticks &t)
{
    return statLine("cpu ", t) + statLine("cpu0", half(t)) + statLine("cpu1", half(t))
        + "intr 170494 0 0 0\nctxt 378499\nbtime 1795299145\nprocesses 7849\nprocs_running 1\nprocs_blocked 0\n";
}

QString countersOf(const Ticks &t)
{
    const std::optional<CpuCounters> counters = parseProcStat(statText(t));
    return counters ? counters->toString() : QString();
}

// 8 GiB, a quarter of it available: 8192 MiB, 75 % used.
const QByteArray MemInfoText = "MemTotal:        8388608 kB\nMemFree:          524288 kB\n"
                               "MemAvailable:    2097152 kB\nBuffers:          131072 kB\n";

QString fixturePath(const QString &name)
{
    return QStringLiteral(OPSDECK_FIXTURES "/proc/") + name;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    // Replaced atomically, as the kernel's files never appear half-written.
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit();
}

std::optional<double> valueOf(const Collection &collection, Metric metric)
{
    for (const CollectedSample &sample : collection.samples) {
        if (sample.metric == metric)
            return sample.value;
    }
    return std::nullopt;
}

QString stateKey()
{
    return QStringLiteral("cpu_counters");
}

QString stateTsKey()
{
    return QStringLiteral("cpu_counters_ts");
}

// Rewrites the stat file as soon as its first reading is finished (inotify IN_CLOSE_NOWRITE), so the second
// reading of a first sync — a delay later — sees different counters.
class StatSwapper
{
public:
    StatSwapper(QString dir, QByteArray next)
        : m_dir(std::move(dir))
        , m_next(std::move(next))
    { }
    ~StatSwapper()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool start()
    {
        m_fd = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        if (m_fd < 0 || ::inotify_add_watch(m_fd, QFile::encodeName(m_dir).constData(), IN_CLOSE_NOWRITE) < 0)
            return false;
        m_thread = std::thread([this] { run(); });
        return true;
    }

    bool swapped() const { return m_swapped; }

private:
    void run()
    {
        alignas(inotify_event) char buffer[4096];
        while (!m_stop && !m_swapped) {
            pollfd pfd { m_fd, POLLIN, 0 };
            if (::poll(&pfd, 1, 50) <= 0)
                continue;
            const ssize_t size = ::read(m_fd, buffer, sizeof buffer);
            for (ssize_t offset = 0; offset < size && !m_swapped;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + offset);
                if (event->len > 0 && qstrcmp(event->name, "stat") == 0)
                    m_swapped = writeFile(m_dir + QLatin1String("/stat"), m_next);
                offset += ssize_t(sizeof(inotify_event) + event->len);
            }
        }
    }

    QString m_dir;
    QByteArray m_next;
    int m_fd = -1;
    std::thread m_thread;
    std::atomic_bool m_stop = false;
    std::atomic_bool m_swapped = false;
};

} // namespace

class TestLocalSource : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstSyncMeasuresOverTheDelay();
    void countersPersistBetweenSyncs();
    void storedCounters_data();
    void storedCounters();
    void resource_data();
    void resource();
    void disk();
    void clampsToPercentRange();
    void errors_data();
    void errors();
    void cancelDuringFirstSample();
    void realSystem();

private:
    std::unique_ptr<QTemporaryDir> m_root;
    QString root() const { return m_root->path(); }
};

void TestLocalSource::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    QVERIFY(writeFile(root() + QLatin1String("/stat"), statText(Before)));
    QVERIFY(writeFile(root() + QLatin1String("/meminfo"), MemInfoText));
}

void TestLocalSource::firstSyncMeasuresOverTheDelay()
{
    StatSwapper swapper(root(), statText(After));
    QVERIFY(swapper.start());

    LocalSource source(QStringLiteral("local"), root(), root());
    // Long enough for the swapper to react to the first reading even on a loaded machine.
    source.setFirstSampleDelayMs(300);
    SourceContext context;
    Collection out;
    QString error;
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(source.collect(context, out, &error), qPrintable(error));
    const qint64 elapsed = timer.elapsed();

    // No stored counters: two readings, the delay apart, and the CPU % over exactly that interval.
    QVERIFY(swapper.swapped());
    QVERIFY2(elapsed >= 300, qPrintable(QString::number(elapsed)));
    QCOMPARE(valueOf(out, Metric::Cpu), std::optional<double>(75.0));
    QCOMPARE(context.state(stateKey()), QStringLiteral("11000 8750"));
}

void TestLocalSource::countersPersistBetweenSyncs()
{
    LocalSource first(QStringLiteral("local"), root(), root());
    first.setFirstSampleDelayMs(10);
    SourceContext context;
    Collection out;
    QString error;
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(first.collect(context, out, &error), qPrintable(error));
    QVERIFY(timer.elapsed() >= 10);
    const qint64 after = QDateTime::currentSecsSinceEpoch();

    // The file did not change over the delay: no tick passed, so no CPU sample rather than a made-up 0 %.
    QVERIFY(!valueOf(out, Metric::Cpu));
    QVERIFY(valueOf(out, Metric::Memory));
    QCOMPARE(context.state(stateKey()), QStringLiteral("10000 8500"));
    const qint64 storedTs = context.state(stateTsKey()).toLongLong();
    QVERIFY(storedTs >= before && storedTs <= after);

    // The next `opsdeck --sync` is a new process: only the persisted state carries over.
    QVERIFY(writeFile(root() + QLatin1String("/stat"), statText(After)));
    LocalSource second(QStringLiteral("local"), root(), root());
    second.setFirstSampleDelayMs(10);
    SourceContext nextContext;
    nextContext.loadState(context.allState());
    Collection nextOut;
    QVERIFY2(second.collect(nextContext, nextOut, &error), qPrintable(error));

    // Measured against the stored counters: had it taken two fresh readings, nothing would have moved.
    QCOMPARE(valueOf(nextOut, Metric::Cpu), std::optional<double>(75.0));
    QCOMPARE(nextContext.state(stateKey()), QStringLiteral("11000 8750"));
    QVERIFY(nextContext.state(stateTsKey()).toLongLong() >= storedTs);
    for (const CollectedSample &sample : std::as_const(nextOut.samples))
        QCOMPARE(sample.ts, nextContext.state(stateTsKey()).toLongLong());
}

void TestLocalSource::storedCounters_data()
{
    QTest::addColumn<QString>("counters"); // null: none stored
    QTest::addColumn<QString>("ts"); // null: none stored
    QTest::addColumn<bool>("usesStored");

    const QString before = countersOf(Before);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const auto ago = [now](qint64 seconds) { return QString::number(now - seconds); };
    QTest::newRow("a minute old") << before << ago(60) << true;
    QTest::newRow("23 hours old") << before << ago(23 * 3600) << true;
    // A clock stepped back since the last reading does not make the counters any less valid.
    QTest::newRow("from the future") << before << ago(-3600) << true;
    QTest::newRow("two days old") << before << ago(2 * 86400) << false;
    QTest::newRow("no timestamp") << before << QString() << false;
    QTest::newRow("corrupted timestamp") << before << QStringLiteral("yesterday") << false;
    QTest::newRow("nothing stored") << QString() << ago(60) << false;
    QTest::newRow("corrupted counters") << QStringLiteral("eleven thousand") << ago(60) << false;
    // Stored counters above the current ones: the machine rebooted since, measure afresh.
    QTest::newRow("before a reboot") << QStringLiteral("99000000 98000000") << ago(60) << false;
}

void TestLocalSource::storedCounters()
{
    QFETCH(QString, counters);
    QFETCH(QString, ts);
    QFETCH(bool, usesStored);

    // The file holds the "after" reading and does not change: only stored counters can yield a CPU value.
    QVERIFY(writeFile(root() + QLatin1String("/stat"), statText(After)));
    SourceContext context;
    if (!counters.isNull())
        context.setState(stateKey(), counters);
    if (!ts.isNull())
        context.setState(stateTsKey(), ts);

    LocalSource source(QStringLiteral("local"), root(), root());
    source.setFirstSampleDelayMs(10);
    Collection out;
    QString error;
    QVERIFY2(source.collect(context, out, &error), qPrintable(error));

    if (usesStored)
        QCOMPARE(valueOf(out, Metric::Cpu), std::optional<double>(75.0));
    else
        QVERIFY(!valueOf(out, Metric::Cpu));
    QCOMPARE(context.state(stateKey()), QStringLiteral("11000 8750"));
    QVERIFY(qAbs(context.state(stateTsKey()).toLongLong() - QDateTime::currentSecsSinceEpoch()) <= 1);
}

void TestLocalSource::resource_data()
{
    QTest::addColumn<QString>("stat");
    QTest::addColumn<int>("vcpus");

    QTest::newRow("2 cores") << QStringLiteral("stat-2core") << 2;
    QTest::newRow("64 cores") << QStringLiteral("stat-64core") << 64;
    QTest::newRow("linux 2.4, 1 core") << QStringLiteral("stat-linux24-4col") << 1;
    QTest::newRow("linux 2.6.0, 2 cores") << QStringLiteral("stat-linux26-7col") << 2;
}

void TestLocalSource::resource()
{
    QFETCH(QString, stat);
    QFETCH(int, vcpus);

    QVERIFY(QFile::remove(root() + QLatin1String("/stat")));
    QVERIFY(QFile::copy(fixturePath(stat), root() + QLatin1String("/stat")));
    QVERIFY(QFile::remove(root() + QLatin1String("/meminfo")));
    QVERIFY(QFile::copy(fixturePath(QStringLiteral("meminfo")), root() + QLatin1String("/meminfo")));

    LocalSource source(QStringLiteral("local"), root(), root());
    source.setFirstSampleDelayMs(10);
    SourceContext context;
    Collection out;
    QString error;
    QVERIFY2(source.collect(context, out, &error), qPrintable(error));

    QCOMPARE(out.resources.size(), 1);
    const ResourceInfo &host = out.resources.first();
    QString machineId;
    QFile idFile(QStringLiteral("/etc/machine-id"));
    if (idFile.open(QIODevice::ReadOnly))
        machineId = QString::fromLatin1(idFile.readAll().trimmed());
    if (machineId.isEmpty() || machineId == QLatin1String("uninitialized"))
        machineId = QSysInfo::machineHostName();
    QCOMPARE(host.externalId, machineId);
    QCOMPARE(host.name, QSysInfo::machineHostName());
    QCOMPARE(host.kind, QStringLiteral("host"));
    QCOMPARE(host.region, QString());
    QCOMPARE(host.status, QStringLiteral("online"));
    QVERIFY(host.tags.isEmpty());
    QCOMPARE(host.vcpus, vcpus);
    QCOMPARE(host.memoryMb, qint64(15936)); // 16318584 kB
    QCOMPARE(out.apiCalls, 0);

    QCOMPARE(valueOf(out, Metric::Memory), std::optional<double>(100.0 * (1.0 - 9463212.0 / 16318584.0)));
    for (const CollectedSample &sample : std::as_const(out.samples))
        QCOMPARE(sample.externalId, host.externalId);
}

void TestLocalSource::disk()
{
    LocalSource source(QStringLiteral("local"), root(), root());
    source.setFirstSampleDelayMs(10);
    SourceContext context;
    Collection out;
    QString error;
    QVERIFY2(source.collect(context, out, &error), qPrintable(error));

    // QStorageInfo reads the same statvfs() fields: bytesTotal = f_blocks, bytesFree = f_bfree,
    // bytesAvailable = f_bavail (all × f_frsize).
    const QStorageInfo storage(root());
    QVERIFY(storage.isValid());
    constexpr double GiB = 1024.0 * 1024.0 * 1024.0;
    QCOMPARE(out.resources.first().diskGb, qRound64(double(storage.bytesTotal()) / GiB));

    const std::optional<double> disk = valueOf(out, Metric::Disk);
    QVERIFY(disk);
    const double used = double(storage.bytesTotal() - storage.bytesFree());
    const double expected = 100.0 * used / (used + double(storage.bytesAvailable()));
    // Others write to the same filesystem between the two readings: allow a little drift.
    QVERIFY2(qAbs(*disk - expected) < 1.0, qPrintable(QStringLiteral("%1 vs %2").arg(*disk).arg(expected)));
}

void TestLocalSource::clampsToPercentRange()
{
    // MemAvailable above MemTotal (an estimate, briefly) and idle that grew more than total.
    QVERIFY(writeFile(root() + QLatin1String("/meminfo"), "MemTotal: 1000 kB\nMemAvailable: 1200 kB\n"));
    QVERIFY(writeFile(root() + QLatin1String("/stat"), statText(After)));
    SourceContext context;
    context.setState(stateKey(), QStringLiteral("10900 8450")); // Δtotal 100, Δidle 300
    context.setState(stateTsKey(), QString::number(QDateTime::currentSecsSinceEpoch() - 60));

    LocalSource source(QStringLiteral("local"), root(), root());
    Collection out;
    QString error;
    QVERIFY2(source.collect(context, out, &error), qPrintable(error));
    QCOMPARE(valueOf(out, Metric::Memory), std::optional<double>(0.0));
    QCOMPARE(valueOf(out, Metric::Cpu), std::optional<double>(0.0));
    for (const CollectedSample &sample : std::as_const(out.samples))
        QVERIFY(sample.value >= 0.0 && sample.value <= 100.0);
}

void TestLocalSource::errors_data()
{
    QTest::addColumn<QString>("stat"); // fixture to use as stat; empty: none
    QTest::addColumn<QString>("meminfo"); // fixture to use as meminfo; empty: none
    QTest::addColumn<QString>("disk"); // relative to the tree
    QTest::addColumn<bool>("unreadableStat");
    QTest::addColumn<QStringList>("message"); // parts of the error, %ROOT% is the tree

    const QString good = QStringLiteral("stat-2core");
    const QString mem = QStringLiteral("meminfo");
    QTest::newRow("no stat") << QString() << mem << QString() << false
                             << QStringList { QStringLiteral("cannot read %ROOT%/stat: No such file or directory") };
    QTest::newRow("empty stat") << QStringLiteral("stat-empty") << mem << QString() << false
                                << QStringList { QStringLiteral("cannot parse %ROOT%/stat"),
                                                 QStringLiteral("\"cpu\" line") };
    QTest::newRow("garbage stat") << QStringLiteral("stat-garbage") << mem << QString() << false
                                  << QStringList { QStringLiteral("cannot parse %ROOT%/stat") };
    QTest::newRow("non-numeric stat") << QStringLiteral("stat-bad-columns") << mem << QString() << false
                                      << QStringList { QStringLiteral("cannot parse %ROOT%/stat") };
    QTest::newRow("no meminfo") << good << QString() << QString() << false
                                << QStringList { QStringLiteral(
                                       "cannot read %ROOT%/meminfo: No such file or directory") };
    QTest::newRow("meminfo without MemAvailable")
        << good << QStringLiteral("meminfo-linux310") << QString() << false
        << QStringList { QStringLiteral("cannot parse %ROOT%/meminfo"), QStringLiteral("MemAvailable"),
                         QStringLiteral("3.14") };
    QTest::newRow("no disk") << good << mem << QStringLiteral("/no-such-dir") << false
                             << QStringList { QStringLiteral("%ROOT%/no-such-dir: No such file or directory") };
    // root reads anything, so this case only means something for other users.
    if (::geteuid() != 0) {
        QTest::newRow("stat not readable")
            << good << mem << QString() << true
            << QStringList { QStringLiteral("cannot read %ROOT%/stat: Permission denied") };
    }
}

void TestLocalSource::errors()
{
    QFETCH(QString, stat);
    QFETCH(QString, meminfo);
    QFETCH(QString, disk);
    QFETCH(bool, unreadableStat);
    QFETCH(QStringList, message);

    const QString statPath = root() + QLatin1String("/stat");
    const QString memInfoPath = root() + QLatin1String("/meminfo");
    QVERIFY(QFile::remove(statPath));
    QVERIFY(QFile::remove(memInfoPath));
    if (!stat.isEmpty())
        QVERIFY(QFile::copy(fixturePath(stat), statPath));
    if (!meminfo.isEmpty())
        QVERIFY(QFile::copy(fixturePath(meminfo), memInfoPath));
    if (unreadableStat)
        QVERIFY(QFile::setPermissions(statPath, QFileDevice::WriteOwner));

    LocalSource source(QStringLiteral("local"), root(), root() + disk);
    source.setFirstSampleDelayMs(10);
    SourceContext context;
    context.setState(QStringLiteral("unrelated"), QStringLiteral("kept"));
    const QHash<QString, QString> stateBefore = context.allState();
    Collection out;
    QString error;
    QVERIFY(!source.collect(context, out, &error));
    for (QString part : std::as_const(message)) {
        part.replace(QLatin1String("%ROOT%"), root());
        QVERIFY2(error.contains(part), qPrintable(error));
    }
    QVERIFY(out.resources.isEmpty());
    QVERIFY(out.samples.isEmpty());
    QCOMPARE(context.allState(), stateBefore);
}

void TestLocalSource::cancelDuringFirstSample()
{
    std::atomic_bool cancelled = true;
    SourceContext context;
    context.setCancelFlag(&cancelled);
    LocalSource source(QStringLiteral("local"), root(), root());
    source.setFirstSampleDelayMs(60 * 1000);
    Collection out;
    QString error;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!source.collect(context, out, &error));
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
}

void TestLocalSource::realSystem()
{
    if (!QFile::exists(QStringLiteral("/proc/stat")))
        QSKIP("needs a Linux /proc");

    LocalSource source(QStringLiteral("local"));
    source.setFirstSampleDelayMs(200);
    SourceContext context;
    for (int run = 0; run < 2; ++run) {
        Collection out;
        QString error;
        QVERIFY2(source.collect(context, out, &error), qPrintable(error));
        QCOMPARE(out.resources.size(), 1);
        const ResourceInfo &host = out.resources.first();
        QVERIFY(!host.externalId.isEmpty());
        QVERIFY(host.vcpus >= 1);
        QVERIFY(host.memoryMb > 0);
        QVERIFY(host.diskGb >= 0);
        // 200 ms on any machine is many ticks; the second run uses the first run's counters.
        if (run == 0)
            QVERIFY(valueOf(out, Metric::Cpu));
        QVERIFY(valueOf(out, Metric::Memory));
        QVERIFY(valueOf(out, Metric::Disk));
        for (const CollectedSample &sample : std::as_const(out.samples)) {
            QVERIFY2(sample.value >= 0.0 && sample.value <= 100.0,
                     qPrintable(metricName(sample.metric) + QLatin1String(": ") + QString::number(sample.value)));
        }
        QVERIFY(CpuCounters::fromString(context.state(stateKey())));
    }
}

QTEST_GUILESS_MAIN(TestLocalSource)
#include "tst_localsource.moc"
