// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace qonvex::app {
Q_DECLARE_LOGGING_CATEGORY(lcWiring) // qonvex.app.wiring
}
