// SPDX-License-Identifier: MIT
#pragma once
// PKCE (RFC 7636, S256) and the hosted-auth callback check. Pure functions, fuzzable.

#include <convexclient/result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUrl>

class QRandomGenerator;

namespace qonvex::app {

//! `BASE64URL(SHA256(ASCII(verifier)))` without padding (RFC 7636 §4.2, method S256).
QByteArray pkceChallengeS256(QByteArrayView verifier);

//! \a byteCount random bytes from \a rng as unpadded base64url. The default is
//! QRandomGenerator::system(), a cryptographically secure source.
QByteArray randomUrlSafeString(int byteCount, QRandomGenerator *rng = nullptr);

//! A fresh verifier (32 random bytes → 43 characters, the RFC's recommendation) and its challenge.
struct PkcePair {
    QByteArray verifier;
    QByteArray challenge;
};
PkcePair makePkcePair(QRandomGenerator *rng = nullptr);

//! What a valid hosted-auth callback carries.
struct HostedAuthCallback {
    QString rotatingTokenNonce;
    QString createdSessionId;
};

//! Checks a callback such as `qonvex://callback?state=..&rotating_token_nonce=..&created_session_id=..`
//! before anything in it is used: scheme, host, port and path must equal \a expectedRedirect's,
//! no user info or fragment, every parameter appears exactly once and is non-empty, `state`
//! equals \a expectedState, and the nonce and session id are present. A callback with
//! `__clerk_status=failed` gives an error carrying `__clerk_error_code`. Error messages never
//! contain the nonce or the state. Never crashes on any input.
convex::Result<HostedAuthCallback> parseHostedAuthCallback(QByteArrayView callbackUrl,
                                                           const QUrl &expectedRedirect,
                                                           QByteArrayView expectedState);

} // namespace qonvex::app
