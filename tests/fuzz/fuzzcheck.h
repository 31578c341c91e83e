// SPDX-License-Identifier: MIT
// The one assertion the fuzz targets use: a broken invariant aborts with a message, which
// libFuzzer reports as a crash and saves the input as crash-<sha1> for reproduction.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                        \
    do {                                                                                   \
        if (!(condition)) {                                                                \
            std::fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", what, __FILE__,    \
                         __LINE__);                                                        \
            std::abort();                                                                  \
        }                                                                                  \
    } while (false)
