// SPDX-License-Identifier: MIT
#include "client/logging.h"

namespace convex::client {
Q_LOGGING_CATEGORY(lcClient, "qonvex.convex.client", QtInfoMsg)
} // namespace convex::client
