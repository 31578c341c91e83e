// SPDX-License-Identifier: MIT
#pragma once
// Typed errors from the Clerk Frontend API, mapped from HTTP status + Clerk error JSON.

#include <QByteArrayView>
#include <QNetworkReply>
#include <QString>

namespace qonvex::app {

//! \brief What went wrong with a Frontend API request, in terms the app acts on.
struct FapiError {
    enum class Kind {
        Network,          //!< no answer (DNS, refused, timeout, TLS): retry later, never sign out
        Server,           //!< 5xx, or a 2xx body that is not the expected JSON: retry later
        RateLimited,      //!< 429 `too_many_requests`; retryAfterSeconds says when
        SignedOut,        //!< 401 `signed_out`: no valid client for this request
        SessionEnded,     //!< the session is revoked/expired/ended/removed or unknown
        TemplateNotFound, //!< 404 "No JWT template exists ...": a configuration error
        PkceFailed,       //!< 422 `pkce_verification_failed`
        NativeApiDisabled,//!< 400 `native_api_disabled`: enable the Native API in the dashboard
        Rejected,         //!< any other 4xx (bad nonce, bad redirect URL, ...)
        Cancelled,        //!< the caller aborted the request
    };

    Kind kind = Kind::Server;
    int httpStatus = 0;         //!< 0 when there was no HTTP answer
    QString code;               //!< Clerk's error code, e.g. `authentication_invalid`
    QString message;            //!< human-readable, from Clerk's `long_message` when present
    int retryAfterSeconds = -1; //!< from `Retry-After` on 429, else -1
    QString sessionStatus;      //!< `meta.session_status` when Clerk says why (e.g. `revoked`)

    //! Worth retrying with backoff (network, 5xx, 429).
    bool isTransient() const;
    //! Means the session can no longer be used (the user must sign in again).
    bool isSessionGone() const;
    //! One line for logs and the UI (never contains tokens: Clerk messages don't echo them).
    QString describe() const;
};

//! Maps a finished request to an error: \a networkError is the reply's transport error
//! (NoError if an HTTP answer arrived), \a httpStatus its status, \a body the raw body
//! (Clerk's `{"errors":[{code,message,long_message}]}`), \a retryAfter the `Retry-After`
//! header. Pure; safe on any bytes.
FapiError mapFapiError(QNetworkReply::NetworkError networkError, int httpStatus, QByteArrayView body,
                       QByteArrayView retryAfter = {});

//! Session-gone codes seen from the token endpoint (clerk-android's defensive list).
bool isSessionGoneCode(const QString &code);

} // namespace qonvex::app

#include <QMetaType>
Q_DECLARE_METATYPE(qonvex::app::FapiError)
