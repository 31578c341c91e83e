// SPDX-License-Identifier: MIT
#pragma once
// A wrapper for secrets (Clerk client tokens, session JWTs) that is hard to leak by accident:
// no implicit conversion to text, and a debug print that shows only the last characters.

#include <QDebug>
#include <QString>

namespace qonvex::app {

//! \brief A secret string. Read it only with reveal(), at the point where it goes on the wire.
//!
//! `qDebug() << token` prints `SecretToken(…a1b2)`, never the value, so a stray log line cannot
//! leak it. Do not store the revealed text in settings, URLs or properties.
class SecretToken {
public:
    SecretToken() = default;
    explicit SecretToken(QString value) : m_value(std::move(value)) {}

    bool isEmpty() const noexcept { return m_value.isEmpty(); }
    //! The secret itself, for an HTTP header or a keychain write.
    const QString &reveal() const noexcept { return m_value; }
    //! The last few characters, for diagnostics (same idea as convex-js `slice(-7)`).
    QString redacted() const;

    friend bool operator==(const SecretToken &a, const SecretToken &b) { return a.m_value == b.m_value; }
    friend bool operator!=(const SecretToken &a, const SecretToken &b) { return !(a == b); }

private:
    QString m_value;
};

QDebug operator<<(QDebug debug, const SecretToken &token);

} // namespace qonvex::app
