#include "lttb.h"

#include <cmath>

namespace Lttb {

std::vector<Pick> downsample(const qint64 *x, const double *y, qsizetype n, qsizetype threshold)
{
    std::vector<Pick> picks;
    if (n <= 0 || !x || !y)
        return picks;
    if (threshold < 3 || n <= threshold) {
        picks.reserve(size_t(n));
        for (qsizetype i = 0; i < n; ++i)
            picks.push_back({ i, i, i });
        return picks;
    }

    picks.reserve(size_t(threshold));
    picks.push_back({ 0, 0, 0 });

    // Bucket b covers [start(b), start(b + 1)): start(b) = 1 + floor(b * inner / buckets), computed in integers
    // (split into quotient and remainder so the product cannot overflow) because the floating-point step of the
    // reference implementation can end the last bucket one point short of n - 1.
    const qsizetype buckets = threshold - 2;
    const qsizetype inner = n - 2;
    const qsizetype quotient = inner / buckets;
    const qsizetype remainder = inner % buckets;
    const auto start = [=](qsizetype b) { return 1 + b * quotient + b * remainder / buckets; };

    qsizetype kept = 0;
    qsizetype first = start(0);
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype end = start(b + 1);
        // The last bucket looks ahead to the last point alone.
        const qsizetype nextEnd = b + 1 < buckets ? start(b + 2) : n;

        // Coordinates relative to the kept point: epoch timestamps lose precision when squared in absolute terms.
        const qint64 keptX = x[kept];
        const double keptY = y[kept];
        double sumX = 0;
        double sumY = 0;
        for (qsizetype j = end; j < nextEnd; ++j) {
            sumX += double(x[j] - keptX);
            sumY += y[j];
        }
        const double nextCount = double(nextEnd - end);
        const double avgX = sumX / nextCount;
        const double avgY = sumY / nextCount - keptY;

        // Twice the triangle's area is enough to compare. A NaN area never wins, so a bucket whose areas are all
        // NaN (a NaN in the look-ahead average) falls back to its first point.
        qsizetype pick = first;
        double maxArea = -1;
        for (qsizetype j = first; j < end; ++j) {
            const double area = std::abs(double(x[j] - keptX) * avgY - avgX * (y[j] - keptY));
            if (area > maxArea) {
                maxArea = area;
                pick = j;
            }
        }
        picks.push_back({ pick, first, end - 1 });
        kept = pick;
        first = end;
    }

    picks.push_back({ n - 1, n - 1, n - 1 });
    return picks;
}

} // namespace Lttb
