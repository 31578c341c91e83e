// SPDX-License-Identifier: MIT
#pragma once

#include <convexclient/functionresult.h>
#include <convexclient/value.h>

#include <QFuture>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace convex {

//! \brief One-shot calls of Convex functions over the HTTP API (`POST <deployment>/api/...`).
//!
//! The counterpart of the JS `ConvexHttpClient`: no subscriptions, no WebSocket. Each call
//! sends `{"path", "args": [args], "format": "convex_encoded_json"}` and resolves its future
//! exactly once, on the thread of this object:
//!  - HTTP 200 or 560 with `{"status":"success","value":…}` → FunctionResult::success;
//!  - the same with `{"status":"error","errorMessage":…,"errorData"?:…}` → function error
//!    (a ConvexError when `errorData` is present);
//!  - any other status (`{"code","message"}` body), a network error, a timeout or an
//!    unreadable body → FunctionResult::clientError.
//!
//! Mutations are sent one at a time in call order, like the JS client's default queue, so
//! that a later mutation never overtakes an earlier one. Queries and actions run concurrently.
//!
//! The deployment URL must be `https://`; plain `http://` is accepted only for loopback hosts
//! (a local backend). Tokens and request/response bodies are never logged.
class HttpClient : public QObject {
    Q_OBJECT
public:
    enum class FunctionKind : quint8 { Query, Mutation, Action };

    //! Why a call did not produce a function result (Response::failure).
    enum class Failure : quint8 {
        None,            //!< the server answered with a function result
        InvalidRequest,  //!< not sent: bad deployment URL or arguments that cannot be encoded
        Network,         //!< connection refused, DNS, TLS, connection reset, …
        Timeout,         //!< no complete answer within timeout()
        HttpStatus,      //!< a status other than 200/560, see httpStatus and errorCode
        InvalidResponse, //!< 200/560 whose body is not a valid function result
        Cancelled,       //!< the HttpClient was destroyed before the answer came
    };

    //! Everything known about one call. result is always set; the other fields say why a
    //! ClientError happened, e.g. to tell a rejected token (401) from a network failure.
    struct Response {
        FunctionResult result;
        Failure failure = Failure::None;
        int httpStatus = 0;    //!< 0 when no HTTP answer was received
        QString errorCode;     //!< the `code` of a non-2xx JSON body, e.g. "Unauthenticated"
    };

    //! \a deploymentUrl such as `https://happy-animal-123.convex.cloud` (a trailing '/' is
    //! ignored). If it is not acceptable, every call fails with Failure::InvalidRequest and
    //! urlError() says why.
    explicit HttpClient(const QUrl &deploymentUrl, QObject *parent = nullptr);
    //! Use \a network (not owned; must outlive this client) instead of an own manager.
    HttpClient(const QUrl &deploymentUrl, QNetworkAccessManager *network, QObject *parent = nullptr);
    //! Pending calls resolve with Failure::Cancelled.
    ~HttpClient() override;

    //! Empty if \a url can be a deployment URL, else a sentence saying why not
    //! (not https and not loopback http, no host, has a query or fragment, …).
    static QString deploymentUrlError(const QUrl &url);
    //! True for `localhost`, 127.0.0.0/8 and ::1.
    static bool isLoopbackHost(const QString &host);

    QUrl deploymentUrl() const;
    QString urlError() const;

    //! JWT sent as `Authorization: Bearer <token>` by calls that get no token of their own.
    //! Empty: no Authorization header.
    void setAuthToken(const QString &token);
    void clearAuthToken();
    bool hasAuthToken() const;

    //! Deadline of each call from the moment it is sent (default 30 s).
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const;

    //! Call the function at \a path (e.g. "messages:list") with \a args. A non-empty
    //! \a bearerToken is used for this call instead of the one from setAuthToken().
    QFuture<FunctionResult> query(const QString &path, const ValueObject &args = {},
                                  const QString &bearerToken = {});
    QFuture<FunctionResult> mutation(const QString &path, const ValueObject &args = {},
                                     const QString &bearerToken = {});
    QFuture<FunctionResult> action(const QString &path, const ValueObject &args = {},
                                   const QString &bearerToken = {});
    //! Like query()/mutation()/action(), with the details of a failure.
    QFuture<Response> call(FunctionKind kind, const QString &path, const ValueObject &args = {},
                           const QString &bearerToken = {});

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace convex
