// SPDX-License-Identifier: MIT
#pragma once
// Numbers about this process for `--exit-after-first-data` (start-up benchmark) and for the
// checks that a restored start never maps Qt WebEngine nor image format plugins. Linux /proc; elsewhere they report -1.

#include <QString>

namespace qonvex::app {

//! Milliseconds since the kernel started this process (not since main()), or -1.
qint64 msSinceProcessStart();
//! Resident set size in KiB, or -1.
qint64 residentKiB();
//! True if a file whose path contains \a pathFragment is mapped into this process.
bool isMapped(const char *pathFragment);
//! True if a Qt WebEngine library is mapped into this process.
bool isWebEngineMapped();

} // namespace qonvex::app
