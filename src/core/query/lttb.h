#pragma once

#include <QtGlobal>
#include <vector>

// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the points that carry a series' visual
// shape, so a chart of a few thousand points looks like the million behind it.
//
// The first and the last point are always kept; the points in between are split into threshold - 2 buckets of
// (nearly) equal count, and from each bucket the point forming the largest triangle with the point kept before
// and the average of the next bucket is chosen. O(n), no allocation beyond the result.
namespace Lttb {

// One kept point: its index in the input and the first and last input index of the bucket it stands for, so a
// click on it can show the raw samples behind it.
struct Pick
{
    qsizetype index = 0;
    qsizetype first = 0;
    qsizetype last = 0;
};

// `x` ascending (timestamps), `y` the values, both of length n. When n <= threshold, or threshold < 3, every
// point is kept (each its own bucket). Otherwise exactly `threshold` picks, ascending by index.
std::vector<Pick> downsample(const qint64 *x, const double *y, qsizetype n, qsizetype threshold);

} // namespace Lttb
