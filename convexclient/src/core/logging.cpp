// SPDX-License-Identifier: MIT
#include "core/logging.h"

namespace convex::core {
Q_LOGGING_CATEGORY(lcSync, "qonvex.convex.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "qonvex.convex.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "qonvex.convex.server", QtInfoMsg)
} // namespace convex::core
