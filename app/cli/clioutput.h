// SPDX-License-Identifier: MIT
#pragma once
// What qonvex-cli prints: one compact JSON line per result on stdout, log lines and
// diagnostics on stderr, and the exit code that goes with a result.

#include "clioptions.h"

#include <convexclient/functionresult.h>
#include <convexclient/httpclient.h>

#include <QByteArray>
#include <QString>

namespace qonvex::cli {

//! `{"value":<encoded JSON>}` for a success, `{"error":"<message>"}` for a function error,
//! plus `,"data":<encoded JSON>` for a ConvexError; with a trailing '\n'. Fails for a
//! ClientError (that is a diagnostic for stderr, not a result) and for a value that cannot
//! be encoded.
convex::Result<QByteArray> resultLine(const convex::FunctionResult &result);

//! 0 for a success, 1 for a function error, 3 for a client error (connection lost, closed).
ExitCode exitCodeOf(const convex::FunctionResult &result);

//! The exit code for a failed HTTP call (response.failure != None): 2 for a request the
//! server or the client refused as malformed, 3 for network, timeout, rejected
//! authentication (401/403) and server failures.
ExitCode exitCodeOfHttpFailure(const convex::HttpClient::Response &response);

//! A function's log line for stderr, like the JS client: `[CONVEX Q(path)] [LOG] text`.
QString logLine(Command command, const QString &function, const QString &line);

} // namespace qonvex::cli
