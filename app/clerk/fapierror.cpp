// SPDX-License-Identifier: MIT
#include "clerk/fapierror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qonvex::app {

bool isSessionGoneCode(const QString &code)
{
    static const QStringList codes{
        QStringLiteral("session_revoked"),  QStringLiteral("session_expired"),
        QStringLiteral("session_ended"),    QStringLiteral("session_removed"),
        QStringLiteral("session_replaced"), QStringLiteral("session_not_found"),
        QStringLiteral("session_invalid"),  QStringLiteral("authentication_invalid"),
    };
    return codes.contains(code);
}

bool FapiError::isTransient() const
{
    return kind == Kind::Network || kind == Kind::Server || kind == Kind::RateLimited;
}

bool FapiError::isSessionGone() const
{
    return kind == Kind::SessionEnded || kind == Kind::SignedOut;
}

QString FapiError::describe() const
{
    QString text;
    switch (kind) {
    case Kind::Network: text = QStringLiteral("Cannot reach Clerk"); break;
    case Kind::Server: text = QStringLiteral("Clerk had a server error"); break;
    case Kind::RateLimited: text = QStringLiteral("Too many requests to Clerk"); break;
    case Kind::SignedOut: text = QStringLiteral("Signed out"); break;
    case Kind::SessionEnded: text = QStringLiteral("The session has ended"); break;
    case Kind::TemplateNotFound: text = QStringLiteral("The JWT template does not exist"); break;
    case Kind::PkceFailed: text = QStringLiteral("Sign-in verification (PKCE) failed"); break;
    case Kind::NativeApiDisabled: text = QStringLiteral("The Clerk Native API is disabled"); break;
    case Kind::Rejected: text = QStringLiteral("Clerk rejected the request"); break;
    case Kind::Cancelled: text = QStringLiteral("Cancelled"); break;
    }
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    if (!code.isEmpty())
        text += QStringLiteral(" (") + code + QLatin1Char(')');
    return text;
}

FapiError mapFapiError(QNetworkReply::NetworkError networkError, int httpStatus, QByteArrayView body,
                       QByteArrayView retryAfter)
{
    FapiError error;
    error.httpStatus = httpStatus;
    if (networkError == QNetworkReply::OperationCanceledError && httpStatus == 0) {
        error.kind = FapiError::Kind::Cancelled;
        return error;
    }
    if (httpStatus == 0) {
        // No HTTP answer at all: DNS, refused connection, timeout, TLS failure.
        error.kind = FapiError::Kind::Network;
        return error;
    }

    // Clerk's error envelope: first error's code and long_message (what clerk-js surfaces).
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray());
    const QJsonArray errors = doc.object().value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty()) {
        const QJsonObject first = errors.first().toObject();
        error.code = first.value(QLatin1String("code")).toString();
        error.message = first.value(QLatin1String("long_message")).toString();
        if (error.message.isEmpty())
            error.message = first.value(QLatin1String("message")).toString();
        error.sessionStatus = first.value(QLatin1String("meta")).toObject().value(QLatin1String("session_status")).toString().left(40);
        // Keep messages short and single-line for the UI and logs.
        error.message = error.message.simplified().left(300);
    }

    if (httpStatus >= 500) {
        error.kind = FapiError::Kind::Server;
    } else if (httpStatus == 429 || error.code == QLatin1String("too_many_requests")) {
        error.kind = FapiError::Kind::RateLimited;
        bool ok = false;
        const int seconds = retryAfter.toByteArray().trimmed().toInt(&ok);
        if (ok && seconds >= 0)
            error.retryAfterSeconds = std::min(seconds, 3600);
    } else if (error.code == QLatin1String("signed_out")) {
        error.kind = FapiError::Kind::SignedOut;
    } else if (isSessionGoneCode(error.code)) {
        error.kind = FapiError::Kind::SessionEnded;
    } else if (error.code == QLatin1String("pkce_verification_failed")) {
        error.kind = FapiError::Kind::PkceFailed;
    } else if (error.code == QLatin1String("native_api_disabled")) {
        error.kind = FapiError::Kind::NativeApiDisabled;
    } else if (error.code == QLatin1String("resource_not_found")) {
        // FAPI uses one code for "No session was found with id ..." and "No JWT template
        // exists with name ..."; only the message tells them apart.
        if (error.message.contains(QLatin1String("template"), Qt::CaseInsensitive))
            error.kind = FapiError::Kind::TemplateNotFound;
        else if (error.message.contains(QLatin1String("session"), Qt::CaseInsensitive))
            error.kind = FapiError::Kind::SessionEnded;
        else
            error.kind = FapiError::Kind::Rejected;
    } else if (httpStatus == 401) {
        // An unknown 401 still means "not authenticated"; clerk-js re-checks the client.
        error.kind = FapiError::Kind::SignedOut;
    } else if (httpStatus >= 400) {
        error.kind = FapiError::Kind::Rejected;
    } else {
        // A non-error status with a transport error (e.g. a truncated body).
        error.kind = FapiError::Kind::Server;
    }
    return error;
}

} // namespace qonvex::app
