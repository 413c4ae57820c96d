#include "localsource.h"

#include "procparsers.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QSysInfo>
#include <QThread>

#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>

namespace {

// State keys: the counters of the newest /proc/stat reading and its Unix time.
QString countersKey()
{
    return QStringLiteral("cpu_counters");
}

QString countersTsKey()
{
    return QStringLiteral("cpu_counters_ts");
}

// Counters older than this describe a mostly forgotten past (the machine was off, or the source disabled):
// a fresh two-reading measurement says more about "now" than a days-long average.
constexpr qint64 MaxCounterAgeSecs = 24 * 60 * 60;

constexpr double GiB = 1024.0 * 1024.0 * 1024.0;

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

bool readFile(const QString &path, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    // /proc files report size 0: readAll() reads until end of file.
    *data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        setError(error, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

bool readStat(const QString &path, QByteArray *text, CpuCounters *counters, QString *error)
{
    if (!readFile(path, text, error))
        return false;
    const std::optional<CpuCounters> parsed = parseProcStat(*text);
    if (!parsed) {
        setError(error,
                 QStringLiteral("cannot parse %1: no aggregate \"cpu\" line with at least 4 numeric columns "
                                "(the local source needs a Linux /proc)")
                     .arg(path));
        return false;
    }
    *counters = *parsed;
    return true;
}

// The host's stable identity: systemd's machine id survives renames; a missing or not yet initialised one
// (minimal containers) falls back to the host name.
QString machineId()
{
    QFile file(QStringLiteral("/etc/machine-id"));
    if (file.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromLatin1(file.readAll().trimmed());
        if (!id.isEmpty() && id != QLatin1String("uninitialized"))
            return id;
    }
    return QSysInfo::machineHostName();
}

// Sleeps in short slices so that stopping the sync engine never waits for the whole first-sample delay.
bool sleepUnlessCancelled(const SourceContext &context, int ms)
{
    const QDeadlineTimer deadline(std::max(ms, 0));
    while (!deadline.hasExpired()) {
        if (context.isCancelled())
            return false;
        QThread::msleep(static_cast<unsigned long>(std::clamp<qint64>(deadline.remainingTime(), 1, 50)));
    }
    return !context.isCancelled();
}

} // namespace

LocalSource::LocalSource(QString name, QString procRoot, QString diskPath)
    : Source(std::move(name), QStringLiteral("local"))
    , m_procRoot(std::move(procRoot))
    , m_diskPath(std::move(diskPath))
{ }

bool LocalSource::collect(SourceContext &context, Collection &out, QString *error)
{
    const QString statPath = m_procRoot + QLatin1String("/stat");
    const QString memInfoPath = m_procRoot + QLatin1String("/meminfo");

    // Everything that can fail is read before the (possibly second-long) first-sample delay.
    QByteArray statText;
    CpuCounters counters;
    if (!readStat(statPath, &statText, &counters, error))
        return false;

    QByteArray memInfoText;
    if (!readFile(memInfoPath, &memInfoText, error))
        return false;
    const std::optional<MemInfo> memInfo = parseMemInfo(memInfoText);
    if (!memInfo || memInfo->totalKb == 0) {
        setError(error,
                 QStringLiteral("cannot parse %1: MemTotal and MemAvailable are needed (Linux 3.14 or later)")
                     .arg(memInfoPath));
        return false;
    }

    struct statvfs fs = {};
    if (::statvfs(QFile::encodeName(m_diskPath).constData(), &fs) != 0) {
        const int cause = errno;
        setError(
            error,
            QStringLiteral("cannot read the size of the filesystem at %1: %2").arg(m_diskPath, qt_error_string(cause)));
        return false;
    }

    // CPU % needs two readings. Between syncs the previous one comes from the persisted state, so the value is
    // the average over the whole sync interval; without a usable one, measure over a short delay now.
    const std::optional<CpuCounters> stored = CpuCounters::fromString(context.state(countersKey()));
    bool storedTsOk = false;
    const qint64 storedTs = context.state(countersTsKey()).toLongLong(&storedTsOk);
    std::optional<double> cpu;
    if (stored && storedTsOk && QDateTime::currentSecsSinceEpoch() - storedTs <= MaxCounterAgeSecs)
        cpu = cpuPercent(*stored, counters);
    if (!cpu) {
        if (!sleepUnlessCancelled(context, m_firstDelayMs)) {
            setError(error, QStringLiteral("source '%1' cancelled while measuring CPU usage").arg(name()));
            return false;
        }
        const CpuCounters first = counters;
        if (!readStat(statPath, &statText, &counters, error))
            return false;
        // Still nullopt when no tick passed between the readings: no CPU sample this time rather than a false 0 %.
        cpu = cpuPercent(first, counters);
    }

    const qint64 ts = QDateTime::currentSecsSinceEpoch();
    const quint64 frameSize = fs.f_frsize ? fs.f_frsize : fs.f_bsize;

    ResourceInfo resource;
    resource.externalId = machineId();
    resource.name = QSysInfo::machineHostName();
    resource.kind = QStringLiteral("host");
    resource.status = QStringLiteral("online");
    // The aggregate line parsed, so there is at least one CPU even if the per-CPU lines are hidden.
    resource.vcpus = std::max(1, parseCpuCount(statText));
    resource.memoryMb = qint64((memInfo->totalKb + 512) / 1024); // MiB, like `free -m`
    // GiB (1024³ bytes), rounded: the unit `df -h` and most provider size slugs use.
    resource.diskGb = qRound64(double(fs.f_blocks) * double(frameSize) / GiB);
    out.resources.append(resource);

    const auto addSample = [&](Metric metric, double value) {
        out.samples.append(CollectedSample { resource.externalId, metric, ts, std::clamp(value, 0.0, 100.0) });
    };
    if (cpu)
        addSample(Metric::Cpu, *cpu);
    if (const std::optional<double> memory = memoryPercent(*memInfo))
        addSample(Metric::Memory, *memory);

    // Disk % as `df` computes it: used / (used + available to unprivileged users). The blocks reserved for root
    // (5 % on ext4 by default) count as neither, so 100 % means ordinary processes can no longer write — which
    // is when the alert matters. 1 − bfree/blocks would show 95 % on a full disk; 1 − bavail/blocks would count
    // the reserve as used on an empty one.
    const quint64 used = fs.f_blocks >= fs.f_bfree ? fs.f_blocks - fs.f_bfree : 0;
    const quint64 usable = used + fs.f_bavail;
    if (usable > 0) // 0 only on pseudo filesystems (proc, sysfs), which have no meaningful usage
        addSample(Metric::Disk, 100.0 * double(used) / double(usable));

    context.setState(countersKey(), counters.toString());
    context.setState(countersTsKey(), QString::number(ts));
    return true;
}
