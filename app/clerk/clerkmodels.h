// SPDX-License-Identifier: MIT
#pragma once
// The parts of Clerk's Client and Session JSON the app uses.

#include "secrets/secrettoken.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace qonvex::app {

//! A session on the client (FAPI `Session`).
struct ClerkSession {
    QString id;
    QString status;             //!< active, pending, revoked, ended, expired, removed, abandoned
    QString userId;
    QString userIdentifier;     //!< e.g. the e-mail address (public_user_data.identifier)
    QString userDisplayName;    //!< first + last name, may be empty
    SecretToken lastActiveToken; //!< the session JWT FAPI piggybacks, may be empty

    bool isActive() const { return status == QLatin1String("active"); }
};

//! The client (FAPI `Client`).
struct ClerkClient {
    QString id;
    QString lastActiveSessionId;
    QList<ClerkSession> sessions;

    const ClerkSession *session(const QString &sessionId) const;
    //! The last active session if it is active, else any active session, else null.
    const ClerkSession *activeSession() const;
};

//! Parses a client object (use clientFromEnvelope() first). nullopt when \a json is not a
//! client (e.g. `response: null`, meaning no client / signed out).
std::optional<ClerkClient> parseClerkClient(const QJsonObject &json);
ClerkSession parseClerkSession(const QJsonObject &json);

//! The decoded payload of a JWT, WITHOUT verifying the signature: only for scheduling and for
//! reading `aud`, never for trust decisions. Empty on malformed input.
QJsonObject unverifiedJwtClaims(QByteArrayView jwt);
//! True when the JWT's `aud` is \a audience (a string, or an array holding it).
bool jwtHasAudience(const QJsonObject &claims, const QString &audience);

} // namespace qonvex::app
