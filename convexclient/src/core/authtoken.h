// SPDX-License-Identifier: MIT
#pragma once
// A token that cannot be printed by accident, and the unverified JWT claims the
// auth state machine needs for refresh scheduling (convex-sync-protocol.md §7.2).

#include <QDebug>
#include <QString>

#include <optional>

namespace convex::core {

//! \brief A secret (JWT or admin key) with no implicit conversion to text.
//!
//! `qDebug() << token` prints `AuthToken(…abc1234)` — only the last 7 characters, like
//! the JS client's logs. Use reveal() only to put the token into a wire message.
class AuthToken {
public:
    AuthToken() = default;
    explicit AuthToken(QString secret) : m_secret(std::move(secret)) {}

    bool isEmpty() const noexcept { return m_secret.isEmpty(); }
    //! The secret itself. Callers must not log it.
    const QString &reveal() const noexcept { return m_secret; }
    //! The last 7 characters, for logs.
    QString tail() const { return m_secret.right(7); }

    bool operator==(const AuthToken &) const = default;

private:
    QString m_secret;
};

QDebug operator<<(QDebug debug, const AuthToken &token);

//! `iat` and `exp` (seconds) of a JWT, each absent if missing or not a number.
struct JwtTimes {
    std::optional<double> issuedAt;
    std::optional<double> expiresAt;
};

//! Decodes a JWT's payload WITHOUT verifying it (split on '.', base64url, JSON). nullopt
//! if the token is not a JWT with a JSON object payload.
std::optional<JwtTimes> decodeJwtTimes(const AuthToken &token);

} // namespace convex::core
