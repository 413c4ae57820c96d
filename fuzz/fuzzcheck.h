#pragma once

#include <cstdio>
#include <cstdlib>

// A property that must hold for every input. abort() rather than an assert: the targets are built with NDEBUG in
// RelWithDebInfo, and libFuzzer (like the replayer's ctest run) treats the abort as a crash and keeps the input.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition);                    \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)
