// SPDX-License-Identifier: MIT
#include "transport/logging.h"

namespace convex::transport {
Q_LOGGING_CATEGORY(lcTransport, "qonvex.convex.transport", QtInfoMsg)
} // namespace convex::transport
