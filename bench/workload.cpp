#include "workload.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>
#include <random>

namespace {

const char *const Regions[] = { "fra1", "ams3", "nyc3", "sfo3", "sgp1", "lon1" };
const char *const Sizes[] = { "s-1vcpu-2gb", "s-2vcpu-4gb", "s-4vcpu-8gb", "c-8-16gib" };
const int SizeVcpus[] = { 1, 2, 4, 8 };
const qint64 SizeMemoryMb[] = { 2048, 4096, 8192, 16384 };
const qint64 SizeDiskGb[] = { 50, 80, 160, 200 };

constexpr double Pi = 3.14159265358979323846;

double clampPercent(double v)
{
    return std::clamp(v, 0.0, 100.0);
}

} // namespace

qint64 Workload::historyEnd()
{
    constexpr qint64 Day = 86400;
    return QDateTime::currentSecsSinceEpoch() / Day * Day - StepSeconds;
}

Workload Workload::generate(int resourceCount, int days, int batchSize, quint64 seed)
{
    Workload w;
    w.days = days;
    w.batchSize = batchSize;
    const qint64 perSeries = qint64(days) * SamplesPerDay;
    w.lastTs = historyEnd();
    w.firstTs = w.lastTs - (perSeries - 1) * StepSeconds;
    w.samples = qint64(resourceCount) * 3 * perSeries;

    QList<SampleRow> batch;
    batch.reserve(batchSize);
    auto push = [&](qint64 id, Metric metric, qint64 ts, double value) {
        batch.append(SampleRow { id, metric, ts, value });
        w.valueSum += value;
        if (batch.size() == batchSize) {
            w.batches.append(std::move(batch));
            batch = QList<SampleRow>();
            batch.reserve(batchSize);
        }
    };

    for (int r = 0; r < resourceCount; ++r) {
        // One generator per resource, so a resource's series do not depend on how many others there are.
        std::mt19937_64 rng(seed + quint64(r) * 0x9E3779B97F4A7C15ull);
        std::normal_distribution<double> noise(0.0, 1.0);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        const int size = int(uniform(rng) * 4) % 4;

        ResourceInfo info;
        info.externalId = QString::number(100000000 + r);
        info.name = QStringLiteral("bench-%1").arg(r, 4, 10, QLatin1Char('0'));
        info.kind = QStringLiteral("droplet");
        info.region = QLatin1String(Regions[r % 6]);
        info.status = QStringLiteral("active");
        info.tags = QStringList { QStringLiteral("bench"), QLatin1String(Sizes[size]) };
        info.vcpus = SizeVcpus[size];
        info.memoryMb = SizeMemoryMb[size];
        info.diskGb = SizeDiskGb[size];
        w.resources.append(info);
        const qint64 id = r + 1;
        w.resourceIds.append(id);

        const double cpuBase = 5 + 55 * uniform(rng);
        double cpu = cpuBase;
        for (qint64 i = 0; i < perSeries; ++i) {
            cpu = clampPercent(cpu + 0.1 * (cpuBase - cpu) + 3 * noise(rng));
            // Now and then a burst, as a cron job or a deploy would cause.
            const double value = uniform(rng) < 0.002 ? clampPercent(cpu + 40 * uniform(rng)) : cpu;
            push(id, Metric::Cpu, w.firstTs + i * StepSeconds, value);
            if (i == perSeries - 1)
                w.latestSum += value;
        }
        const double memBase = 30 + 45 * uniform(rng);
        const double phase = 2 * Pi * uniform(rng);
        for (qint64 i = 0; i < perSeries; ++i) {
            const double wave = 6 * std::sin(phase + 2 * Pi * double(i) / SamplesPerDay);
            const double value = clampPercent(memBase + wave + 0.5 * noise(rng));
            push(id, Metric::Memory, w.firstTs + i * StepSeconds, value);
            if (i == perSeries - 1)
                w.latestSum += value;
        }
        const double diskStart = 20 + 50 * uniform(rng);
        const double diskGrowth = 10 * uniform(rng) / double(perSeries);
        for (qint64 i = 0; i < perSeries; ++i) {
            const double value = clampPercent(diskStart + diskGrowth * double(i) + 0.02 * noise(rng));
            push(id, Metric::Disk, w.firstTs + i * StepSeconds, value);
            if (i == perSeries - 1)
                w.latestSum += value;
        }
    }
    if (!batch.isEmpty())
        w.batches.append(std::move(batch));
    return w;
}

qint64 Workload::samplesInFirstBatches(int count) const
{
    qint64 n = 0;
    for (int i = 0; i < count && i < batches.size(); ++i)
        n += batches.at(i).size();
    return n;
}

void Workload::remapResourceIds(const QList<qint64> &ids)
{
    if (ids == resourceIds)
        return;
    QHash<qint64, qint64> map;
    for (qsizetype i = 0; i < ids.size(); ++i)
        map.insert(resourceIds.at(i), ids.at(i));
    for (QList<SampleRow> &batch : batches) {
        for (SampleRow &s : batch)
            s.resourceId = map.value(s.resourceId);
    }
    resourceIds = ids;
}
