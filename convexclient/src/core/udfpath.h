// SPDX-License-Identifier: MIT
#pragma once
// Function names, query tokens and server request ids
// (convex-sync-protocol.md §9, §10.1, §14.3, §14.4).

#include <convexclient/result.h>
#include <convexclient/value.h>

#include <QString>

namespace convex::core {

//! A query's identity inside the client: `{"udfPath":<canonical path>,"args":<encoded args>}`
//! as compact JSON (args keys sorted, like the JS client's `serializePathAndArgs`). Two
//! subscriptions with the same token share one server query. Never sent on the wire.
using QueryToken = QString;

//! JS `canonicalizeUdfPath`: split at the last ':' (none → export "default"), drop a
//! trailing ".js" from the module. "messages.js" → "messages:default".
QString canonicalizeUdfPath(const QString &udfPath);

//! Empty if \a udfPath is a well-formed function path by the server's rules (§9: module
//! path components of [A-Za-z0-9_.] ≤ 64 chars with an alphanumeric, only a ".js"
//! extension, export an identifier), else why not. The server answers a malformed path
//! with a FatalError that kills the whole client, so the engine refuses such paths up front.
QString udfPathError(const QString &udfPath);

//! The query token for (canonicalised \a udfPath, \a args). Fails if \a args is not an
//! object or cannot be encoded (e.g. an invalid field name).
Result<QueryToken> makeQueryToken(const QString &udfPath, const Value &args);

//! The `[Request ID: …]` the server gives a WebSocket mutation or action: the first 16
//! hex digits of SHA-256("<sessionId>|<requestId>") (§10.1, vectors §14.4).
QString serverRequestId(const QString &sessionId, quint32 requestId);

} // namespace convex::core
