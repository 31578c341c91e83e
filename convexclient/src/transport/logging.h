// SPDX-License-Identifier: MIT
#pragma once
// Logging category of the WebSocket transport. Never log frame bodies or tokens here.

#include <QLoggingCategory>

namespace convex::transport {
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
} // namespace convex::transport
