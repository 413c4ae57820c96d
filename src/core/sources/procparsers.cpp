#include "procparsers.h"

#include <QByteArrayList>
#include <QStringList>

#include <algorithm>

namespace {

// The "cpu " line's columns in kernel order (proc(5)). Older kernels print a prefix of them: 2.4 has the first
// four, 2.6.0 seven, 2.6.11 eight; guest (2.6.24) and guest_nice (2.6.33) are already counted in user and nice.
enum StatColumn { User, Nice, System, Idle, IoWait, Irq, SoftIrq, Steal, CountedColumns };

constexpr int MinimumColumns = Idle + 1;

// The whitespace-separated tokens of one line, without empty ones ("cpu  1 2" has two spaces after "cpu").
QByteArrayList tokens(const QByteArray &line)
{
    QByteArrayList out = line.simplified().split(' ');
    out.removeAll(QByteArray());
    return out;
}

bool isPerCpuLine(QByteArrayView line)
{
    return line.size() > 3 && line.startsWith("cpu") && line.at(3) >= '0' && line.at(3) <= '9';
}

// Calls visit(line) for each line of text without copying it, until visit returns false. /proc/stat's "intr" line
// alone holds thousands of numbers on a large machine: lines are only copied once they are known to matter.
template<typename Visit>
void forEachLine(QByteArrayView text, Visit visit)
{
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        if (!visit(text.sliced(start, end - start)))
            return;
        start = end + 1;
    }
}

// Whether the line's first whitespace-separated token is exactly word (what tokens(line).first() == word says).
bool firstTokenIs(QByteArrayView line, QByteArrayView word)
{
    const QByteArrayView trimmed = line.trimmed();
    if (!trimmed.startsWith(word))
        return false;
    return trimmed.size() == word.size() || QChar::isSpace(uchar(trimmed.at(word.size())));
}

// The "cpu" line's tokens, the label first.
std::optional<CpuCounters> countersFromCpuLine(const QByteArrayList &fields)
{
    const int columns = int(fields.size()) - 1;
    if (columns < MinimumColumns)
        return std::nullopt;
    quint64 values[CountedColumns] = {};
    // Columns after steal (guest, guest_nice and whatever later kernels add) are validated but not summed.
    for (int i = 0; i < columns; ++i) {
        bool ok = false;
        const quint64 value = fields.at(i + 1).toULongLong(&ok);
        if (!ok)
            return std::nullopt;
        if (i < CountedColumns)
            values[i] = value;
    }

    CpuCounters counters;
    for (quint64 value : values)
        counters.total += value;
    // Time waiting for I/O is time the CPU could have run something else: it is idle, as top and DO count it.
    counters.idle = values[Idle] + values[IoWait];
    return counters;
}

} // namespace

QString CpuCounters::toString() const
{
    return QString::number(total) + QLatin1Char(' ') + QString::number(idle);
}

std::optional<CpuCounters> CpuCounters::fromString(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() != 2)
        return std::nullopt;
    bool totalOk = false;
    bool idleOk = false;
    CpuCounters counters;
    counters.total = parts.at(0).toULongLong(&totalOk);
    counters.idle = parts.at(1).toULongLong(&idleOk);
    // idle is a part of total: anything else is a corrupted state value, not a reading.
    if (!totalOk || !idleOk || counters.idle > counters.total)
        return std::nullopt;
    return counters;
}

std::optional<CpuCounters> parseProcStat(const QByteArray &text)
{
    std::optional<CpuCounters> counters;
    forEachLine(text, [&counters](QByteArrayView line) {
        if (!firstTokenIs(line, "cpu"))
            return true;
        // Only the first aggregate line counts; a malformed one is an error, not a reason to look further.
        counters = countersFromCpuLine(tokens(line.toByteArray()));
        return false;
    });
    return counters;
}

std::optional<MemInfo> parseMemInfo(const QByteArray &text)
{
    std::optional<quint64> total;
    std::optional<quint64> available;
    const QByteArrayList lines = text.split('\n');
    for (const QByteArray &line : lines) {
        const int colon = int(line.indexOf(':'));
        if (colon <= 0)
            continue;
        const QByteArray key = line.left(colon).trimmed();
        std::optional<quint64> *target = nullptr;
        if (key == "MemTotal")
            target = &total;
        else if (key == "MemAvailable")
            target = &available;
        else
            continue;

        // "MemTotal:       24684092 kB": the kernel always prints kB here.
        const QByteArrayList fields = tokens(line.mid(colon + 1));
        if (fields.isEmpty())
            return std::nullopt;
        bool ok = false;
        const quint64 value = fields.first().toULongLong(&ok);
        if (!ok)
            return std::nullopt;
        *target = value;
        if (total && available)
            break;
    }
    if (!total || !available)
        return std::nullopt;
    return MemInfo { *total, *available };
}

int parseCpuCount(const QByteArray &text)
{
    int count = 0;
    forEachLine(text, [&count](QByteArrayView line) {
        count += isPerCpuLine(line) ? 1 : 0;
        return true;
    });
    return count;
}

std::optional<double> cpuPercent(const CpuCounters &before, const CpuCounters &after)
{
    // A counter that went backwards means the machine rebooted (or the kernel's idle accounting hiccuped):
    // the interval between the readings is unknown, so it is dropped.
    if (after.total < before.total || after.idle < before.idle)
        return std::nullopt;
    const quint64 totalDelta = after.total - before.total;
    if (totalDelta == 0)
        return std::nullopt;
    const double idleShare = double(after.idle - before.idle) / double(totalDelta);
    return std::clamp(100.0 * (1.0 - idleShare), 0.0, 100.0);
}

std::optional<double> memoryPercent(const MemInfo &info)
{
    if (info.totalKb == 0)
        return std::nullopt;
    // MemAvailable is an estimate and may briefly exceed MemTotal; that is 0 % used, not a negative value.
    const double availableShare = double(info.availableKb) / double(info.totalKb);
    return std::clamp(100.0 * (1.0 - availableShare), 0.0, 100.0);
}
