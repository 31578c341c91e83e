// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace qonvex::app {
Q_DECLARE_LOGGING_CATEGORY(lcFapi)       // qonvex.clerk.fapi
Q_DECLARE_LOGGING_CATEGORY(lcHostedAuth) // qonvex.clerk.hostedauth
}
