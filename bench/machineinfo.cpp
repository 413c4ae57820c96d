#include "machineinfo.h"

#include <QFile>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QSysInfo>
#include <QThread>
#include <sqlite3.h>

namespace {

// The value of the first "key<tabs>: value" line of a /proc file.
QString procValue(const QString &file, const QString &key)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return QString();
    const QRegularExpression line(QStringLiteral("^%1\\s*:\\s*(.*)$").arg(QRegularExpression::escape(key)),
                                  QRegularExpression::MultilineOption);
    const auto m = line.match(QString::fromUtf8(f.readAll()));
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

} // namespace

MachineInfo MachineInfo::collect(const QString &dir)
{
    MachineInfo m;
    m.cpu = procValue(QStringLiteral("/proc/cpuinfo"), QStringLiteral("model name"));
    m.cpus = QThread::idealThreadCount();
    const QString memKb
        = procValue(QStringLiteral("/proc/meminfo"), QStringLiteral("MemTotal")).section(QLatin1Char(' '), 0, 0);
    m.memory = QStringLiteral("%1 GiB").arg(double(memKb.toLongLong()) / (1024.0 * 1024.0), 0, 'f', 1);
    m.os = QSysInfo::prettyProductName();
    m.kernel = QSysInfo::kernelVersion();
    m.qt = QString::fromLatin1(qVersion());
    m.sqlite = QString::fromLatin1(sqlite3_libversion());
    const QStorageInfo storage(dir);
    m.filesystem = QStringLiteral("%1 on %2 (%3)")
                       .arg(QString::fromUtf8(storage.fileSystemType()), storage.rootPath(),
                            QString::fromUtf8(storage.device()));
    return m;
}
