// SPDX-License-Identifier: MIT
#include <convexclient/version.h>

namespace convex {

QString libraryVersion() { return QStringLiteral(QONVEX_VERSION); }
QString clientHeaderValue() { return QStringLiteral("qonvex-") + libraryVersion(); }
QString referenceClientVersion() { return QStringLiteral("1.48.0"); }

} // namespace convex
