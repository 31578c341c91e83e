// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace convex {

//! Version of this library, e.g. "0.1.0".
QString libraryVersion();
//! The `Convex-Client` header value this library sends: "qonvex-<version>". The server
//! splits it at the last '-' and needs a semver suffix (protocol reference §2.2).
QString clientHeaderValue();
//! The npm client version whose behaviour this library follows, used in the WebSocket path
//! `/api/<version>/sync` (so the server also sends TransitionChunk, which we reassemble).
QString referenceClientVersion();

} // namespace convex
