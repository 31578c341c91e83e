// SPDX-License-Identifier: MIT
#pragma once
// Clerk hosted sign-in (Account Portal in a browser, handed back with PKCE). No widgets: the
// owner opens the URL (system browser or an embedded view) and feeds the callback back in.
//
//   Idle --start()--> Creating --200--> WaitingForCallback --handleCallback(ok)--> Redeeming
//     ^                  |                  |    |                                   |
//     |                  | error            |    | bad callback / cancel / timeout    | 200
//     +----- failed -----+------------------+----+                                   v
//     +------------------------------------- succeeded <------------------------- Touching

#include "clerk/clerkmodels.h"
#include "clerk/fapierror.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

namespace qonvex::app {

class FapiClient;

//! Why a hosted sign-in ended without a session.
enum class HostedSignInFailure {
    AlreadyRunning,   //!< start() while another flow runs (that flow continues)
    Cancelled,        //!< cancel()
    TimedOut,         //!< no callback within the timeout
    CallbackRejected, //!< the callback failed a check (wrong state, duplicate parameter, ...)
    ClerkError,       //!< Clerk refused (PKCE failure, used nonce, ...)
    NetworkError,     //!< Clerk could not be reached
    SessionMissing,   //!< the redeemed client does not hold the created session
};

//! \brief Runs one hosted sign-in at a time.
class HostedSignIn : public QObject {
    Q_OBJECT
public:
    enum class Mode { SignIn, SignUp };

    HostedSignIn(FapiClient *fapi, QUrl redirectUrl, QObject *parent = nullptr);

    //! How long to wait for the browser to come back (default 10 minutes).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout.setInterval(timeout); }

    bool isActive() const { return m_step != Step::Idle; }

    //! Starts a flow: emits openUrlRequested() once Clerk returned the hosted page URL.
    //! Returns false (and emits failed(AlreadyRunning)) when a flow is already running.
    bool start(Mode mode = Mode::SignIn);
    //! Feeds a callback URL in. Returns true if it was for this flow and passed the checks;
    //! a rejected callback ends the flow with failed(CallbackRejected) and its nonce is not used.
    bool handleCallback(const QUrl &callback);
    //! Abandons the running flow (emits failed(Cancelled)); no-op when idle.
    void cancel();

Q_SIGNALS:
    //! Open this https URL (Clerk's hosted sign-in page) for the user.
    void openUrlRequested(const QUrl &url);
    //! The session \a sessionId now exists on the client and is active.
    void succeeded(const qonvex::app::ClerkClient &client, const QString &sessionId);
    void failed(qonvex::app::HostedSignInFailure failure, const QString &reason);

private:
    enum class Step { Idle, Creating, WaitingForCallback, Redeeming, Touching };

    void createHostedAuth(Mode mode, bool retriedAfterSignedOut);
    void redeem(const QString &nonce, const QString &sessionId);
    void touch(const ClerkClient &client, const QString &sessionId);
    void fail(HostedSignInFailure failure, const QString &reason);
    void failWith(const FapiError &error);

    FapiClient *m_fapi;
    QUrl m_redirectUrl;
    QTimer m_timeout;
    Step m_step = Step::Idle;
    quint64 m_generation = 0; // answers for an abandoned flow are ignored
    QByteArray m_state;
    QByteArray m_verifier;
};

} // namespace qonvex::app

Q_DECLARE_METATYPE(qonvex::app::ClerkClient)
