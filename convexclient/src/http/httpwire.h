// SPDX-License-Identifier: MIT
#pragma once
// The bodies of the HTTP API (protocol reference §11), without any I/O, so that they can be
// tested on their own. Internal header.

#include <convexclient/httpclient.h>
#include <convexclient/result.h>

#include <QByteArray>
#include <QString>

namespace convex::http {

//! The request body `{"path":…,"args":[args],"format":"convex_encoded_json"}` (the array form of
//! args, as the JS client sends it). Fails if \a args holds an invalid field name.
Result<QByteArray> encodeRequestBody(const QString &path, const ValueObject &args);

//! The endpoint path under the deployment URL: "/api/query", "/api/mutation", "/api/action".
QString endpointPath(HttpClient::FunctionKind kind);

//! Interpret an HTTP answer. \a reasonPhrase is only used when a non-2xx body has no message.
//! Never puts the body itself into a message (it may hold user data).
HttpClient::Response decodeResponse(int httpStatus, const QByteArray &body,
                                    const QString &reasonPhrase = {});

} // namespace convex::http
