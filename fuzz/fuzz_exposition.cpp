// The Prometheus text exposition format as node_exporter serves it. Properties: the streaming parser and parse()
// agree on whether the text is valid, errors name a line, every sample has a name, derived percentages stay in
// 0..100, and the persisted CPU counter form round-trips.

#include "fuzzcheck.h"
#include "sources/nodeexporterparser.h"

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));

    QString streamError;
    qsizetype samples = 0;
    const bool streamed = NodeExporterParser::parseExposition(
        text,
        [&samples](const ExpositionSample &sample) {
            FUZZ_CHECK(!sample.name.isEmpty());
            for (const auto &label : sample.labels)
                FUZZ_CHECK(!label.first.isEmpty());
            ++samples;
        },
        &streamError);
    FUZZ_CHECK(streamed || streamError.startsWith(QLatin1String("line ")));

    QString error;
    const std::optional<NodeMetrics> metrics = NodeExporterParser::parse(text, &error);
    FUZZ_CHECK(bool(metrics) == streamed);
    if (metrics) {
        FUZZ_CHECK(metrics->vcpus >= 0);
        if (const auto memory = metrics->memoryPercent())
            FUZZ_CHECK(*memory >= 0 && *memory <= 100);
        if (const auto disk = metrics->diskPercent())
            FUZZ_CHECK(*disk >= 0 && *disk <= 100);
        if (metrics->cpu) {
            // What a sync persists must come back identical, or the next CPU % is computed from a different reading.
            const auto again = NodeCpuCounters::fromString(metrics->cpu->toString());
            if (again)
                FUZZ_CHECK(again->total == metrics->cpu->total && again->idle == metrics->cpu->idle);
        }
    }

    // The same bytes as a persisted state value.
    const auto counters = NodeCpuCounters::fromString(QString::fromUtf8(text));
    if (counters) {
        const auto again = NodeCpuCounters::fromString(counters->toString());
        FUZZ_CHECK(again && again->total == counters->total && again->idle == counters->idle);
        if (metrics && metrics->cpu) {
            if (const auto busy = NodeExporterParser::cpuPercent(*counters, *metrics->cpu))
                FUZZ_CHECK(std::isfinite(*busy) && *busy >= 0 && *busy <= 100);
        }
    }
    return 0;
}
