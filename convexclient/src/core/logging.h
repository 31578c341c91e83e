// SPDX-License-Identifier: MIT
#pragma once
// Logging categories of the sync core. Never log tokens or message bodies; function log
// lines (written by the app's own Convex functions) go to qonvex.convex.server.

#include <QLoggingCategory>

namespace convex::core {
Q_DECLARE_LOGGING_CATEGORY(lcSync)    // qonvex.convex.sync: versions, reconnect decisions
Q_DECLARE_LOGGING_CATEGORY(lcAuth)    // qonvex.convex.auth: auth state machine
Q_DECLARE_LOGGING_CATEGORY(lcServer)  // qonvex.convex.server: function log lines
} // namespace convex::core
