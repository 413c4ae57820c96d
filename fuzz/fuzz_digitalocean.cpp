// DigitalOcean API v2 bodies: every parser on the same bytes (the connector cannot choose what a proxy or a broken
// API returns), then the metric conversions on whatever matrix came out. Properties: a failed parse always says
// why, and every percentage handed to the store is a finite number in 0..100.

#include "fuzzcheck.h"
#include "sources/digitaloceanparser.h"

#include <cmath>
#include <cstdint>

namespace {

void checkPercentages(const QList<DigitalOceanPoint> &points)
{
    for (const DigitalOceanPoint &point : points)
        FUZZ_CHECK(std::isfinite(point.value) && point.value >= 0 && point.value <= 100);
}

void checkPage(const std::optional<DigitalOceanPage> &page, const QString &error)
{
    if (!page) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    FUZZ_CHECK(page->nextPage >= 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace DigitalOceanParser;
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    checkPage(parseDroplets(json, &error), error);
    error.clear();
    checkPage(parseApps(json, &error), error);
    error.clear();
    const auto databases = parseDatabases(json, &error);
    FUZZ_CHECK(databases || !error.isEmpty());
    parseErrorMessage(json);

    error.clear();
    const auto matrix = parseMatrix(json, &error);
    if (!matrix) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    for (const DigitalOceanSeries &series : *matrix) {
        for (const DigitalOceanPoint &point : series.points)
            FUZZ_CHECK(std::isfinite(point.value)); // NaN and ±Inf are documented as skipped
    }
    checkPercentages(cpuPercent(*matrix));
    checkPercentages(averagePercent(*matrix));
    // The same matrix as both operands: total == available gives 0 % wherever total is positive.
    checkPercentages(memoryPercent(*matrix, *matrix));
    checkPercentages(diskPercent(*matrix, *matrix));
    checkPercentages(memoryPercent(*matrix, {}));
    return 0;
}
