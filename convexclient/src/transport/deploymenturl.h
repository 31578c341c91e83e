// SPDX-License-Identifier: MIT
#pragma once
// Deployment URL → sync WebSocket URL (protocol reference §2.1).

#include <convexclient/result.h>

#include <QString>
#include <QUrl>

namespace convex::transport {

//! True for `localhost` and IP literals in 127.0.0.0/8 or ::1.
bool isLoopbackHost(const QString &host);

//! Validates a deployment URL and maps it to `ws[s]://HOST[/path]/api/<version>/sync`.
//!
//! Rules: scheme http or https (→ ws / wss); plain http only for loopback hosts, because
//! tokens travel over this socket; a host is required; no user info, query or fragment;
//! hosts ending in `.convex.site` are rejected (they serve HTTP actions, not the API);
//! trailing slashes of the path are stripped so that no `//api` appears.
Result<QUrl> syncUrlForDeployment(const QUrl &deploymentUrl);

} // namespace convex::transport
