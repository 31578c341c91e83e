// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! One running Qonvex per user. A second launch (typically the desktop's handler for
//! `qonvex://callback?…` after a sign-in in the system browser) forwards its arguments to the
//! running instance over a per-user local socket and exits.
//!
//! Use in main():
//! \code
//!   qonvex::SingleInstance instance;
//!   if (instance.claim() == qonvex::SingleInstance::Role::Secondary)
//!       return instance.forward(app.arguments().mid(1)) ? 0 : 1;
//!   QObject::connect(&instance, &qonvex::SingleInstance::argumentsReceived, …);
//! \endcode
//! Security: the socket lives in `$XDG_RUNTIME_DIR` (mode 0700) when there is one, otherwise in
//! the temp dir with the user id in its name, and is created user-only. Only arguments travel
//! over it; the callback URL carries state and a single-use nonce that is useless without the
//! PKCE verifier kept in the running instance. Arguments are never logged whole.

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QLocalServer;
class QLocalSocket;

namespace qonvex {

class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Role {
        Undecided, //!< claim() not called yet
        Primary,   //!< this process listens; argumentsReceived() fires for later launches
        Secondary, //!< another instance answered; call forward() and exit
        Failed,    //!< neither (see errorString()); the app may run without forwarding
    };
    Q_ENUM(Role)

    //! Largest forwarded message; anything bigger is refused (a callback URL is < 2 KiB).
    static constexpr int maxMessageBytes = 64 * 1024;

    //! \a appKey separates apps (and tests); it must be a plain name ([A-Za-z0-9._-]).
    explicit SingleInstance(const QString &appKey = QStringLiteral("qonvex"), QObject *parent = nullptr);
    ~SingleInstance() override;

    //! The per-user socket path for \a appKey.
    static QString serverName(const QString &appKey);

    //! Decide the role: connect to a running instance, or else listen. A socket file left by a
    //! crashed instance (nobody answers) is removed and replaced. The decision is made under a
    //! lock file so two simultaneous launches cannot both become primary. Waits at most about
    //! \a timeoutMs.
    Role claim(int timeoutMs = 3000);
    Role role() const { return m_role; }
    QString errorString() const { return m_error; }

    //! Secondary only: send \a arguments and wait (at most \a timeoutMs) until the primary
    //! confirms it received them. False (see errorString()) on timeout or a broken connection.
    bool forward(const QStringList &arguments, int timeoutMs = 5000);

    //! What may be logged of an argument: a URL as scheme://host/path (no query, fragment or
    //! user info), anything else only as its length.
    static QString describeForLog(const QString &argument);

Q_SIGNALS:
    //! Primary only: another launch sent these arguments (may be empty: "just show yourself").
    void argumentsReceived(const QStringList &arguments);

private:
    void acceptConnections();
    void readFrom(QLocalSocket *socket);

    QString m_name;
    Role m_role = Role::Undecided;
    QString m_error;
    std::unique_ptr<QLocalServer> m_server;
    std::unique_ptr<QLocalSocket> m_socket; // Secondary: connection to the primary
};

} // namespace qonvex
