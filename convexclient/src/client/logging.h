// SPDX-License-Identifier: MIT
#pragma once
// Logging category of the Client facade. Never log tokens or message bodies.

#include <QLoggingCategory>

namespace convex::client {
Q_DECLARE_LOGGING_CATEGORY(lcClient)
} // namespace convex::client
