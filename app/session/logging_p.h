// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace qonvex::app {
Q_DECLARE_LOGGING_CATEGORY(lcSession)    // qonvex.session
Q_DECLARE_LOGGING_CATEGORY(lcConvexAuth) // qonvex.session.convexauth
}
