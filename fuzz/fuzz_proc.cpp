// /proc/stat and /proc/meminfo. Properties: idle never exceeds total, percentages stay in 0..100, the persisted
// counter form round-trips, and the parsers never read past the text they were given.

#include "fuzzcheck.h"
#include "sources/procparsers.h"

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));

    const std::optional<CpuCounters> stat = parseProcStat(text);
    if (stat) {
        FUZZ_CHECK(stat->idle <= stat->total);
        const auto again = CpuCounters::fromString(stat->toString());
        FUZZ_CHECK(again && again->total == stat->total && again->idle == stat->idle);
    }
    FUZZ_CHECK(parseCpuCount(text) >= 0);

    if (const std::optional<MemInfo> memory = parseMemInfo(text)) {
        if (const auto used = memoryPercent(*memory))
            FUZZ_CHECK(std::isfinite(*used) && *used >= 0 && *used <= 100);
    }

    // The two halves as a previous and a current reading, as the local source sees them across a sync.
    const qsizetype half = text.size() / 2;
    const auto before = parseProcStat(text.left(half));
    const auto after = parseProcStat(text.mid(half));
    if (before && after) {
        if (const auto busy = cpuPercent(*before, *after))
            FUZZ_CHECK(std::isfinite(*busy) && *busy >= 0 && *busy <= 100);
    }
    const auto persisted = CpuCounters::fromString(QString::fromUtf8(text));
    if (persisted) {
        FUZZ_CHECK(persisted->idle <= persisted->total);
        const auto again = CpuCounters::fromString(persisted->toString());
        FUZZ_CHECK(again && again->total == persisted->total && again->idle == persisted->idle);
    }
    return 0;
}
