// SPDX-License-Identifier: MIT
#pragma once
// The app's sign-in state: restore at launch, hosted sign-in, sign-out, revoked sessions,
// keychain trouble. No widgets and no WebEngine: the UI observes this object.
//
//          restore() ──► SigningIn("Restoring…") ──► SignedIn ◄──────────┐
//             │              │   │                      │  ▲             │
//   keychain  │  no token /  │   │ network failure      │  │ sign-in ok  │ acceptSessionOnly()
//   failure   ▼  no session  ▼   ▼                      │  │             │ (session exists)
//        SessionOnly     SignedOut ◄── Error(retrying)  │  SigningIn ◄── signIn()
//             │              ▲    signOut(), session revoked/expired     │
//             └──────────────┴───────────────────────────┴───────────────┘
//
// SessionOnly means "the OS keychain is unavailable or refused a write; the UI should offer
// *Stay signed in for this session only*" (acceptSessionOnly()). While in it, a session that
// already exists keeps working in memory. Network failures never sign the user out.

#include "config/clerkconfig.h"
#include "clerk/clerkmodels.h"
#include "clerk/fapierror.h"
#include "session/convextokenprovider.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace qonvex::app {

class FapiClient;
class HostedSignIn;
class TokenStore;
class MemoryTokenStore;
struct TokenStoreError;
enum class HostedSignInFailure;

//! \brief Owns the Clerk client, the hosted sign-in flow and the Convex token provider.
class SessionController : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString reason READ reason NOTIFY stateChanged)
    Q_PROPERTY(QString userIdentifier READ userIdentifier NOTIFY stateChanged)
    Q_PROPERTY(QString userDisplayName READ userDisplayName NOTIFY stateChanged)
    Q_PROPERTY(bool persistent READ isPersistent NOTIFY stateChanged)
public:
    enum class State {
        SignedOut,   //!< no session; reason() may say why (e.g. "Your session was revoked")
        SigningIn,   //!< restoring at launch, or a hosted sign-in is running
        SignedIn,    //!< a session is active; Convex can get tokens
        SessionOnly, //!< keychain unavailable/refused: offer "this session only"
        Error,       //!< cannot reach Clerk or Clerk refused; reason() says what, retry is scheduled
    };
    Q_ENUM(State)

    //! \a persistentStore is normally a KeychainTokenStore (not owned). \a scheduler and
    //! \a nam may be null (real clock / private manager).
    SessionController(const AppConfig &config, TokenStore *persistentStore, QObject *parent = nullptr,
                      Scheduler *scheduler = nullptr, QNetworkAccessManager *nam = nullptr);
    ~SessionController() override;

    State state() const { return m_state; }
    //! Human-readable explanation of the current state (empty when nothing to say).
    QString reason() const { return m_reason; }
    //! True while signed out because the user asked for it (signOut()), not because the session
    //! ended elsewhere: the UI can word that itself instead of comparing reason()'s translated text.
    bool signedOutByUser() const { return m_signedOutByUser; }
    QString userIdentifier() const;
    QString userDisplayName() const;
    //! True while the client token goes to the OS keychain (false after acceptSessionOnly()).
    bool isPersistent() const;
    //! The active Clerk session id (not a secret), empty when signed out.
    QString sessionId() const { return m_session ? m_session->id : QString(); }

    //! Silent restore at launch: stored client token → `GET /v1/client` → last active session.
    void restore();
    //! Starts the hosted sign-in; watch openUrlRequested().
    void signIn();
    //! Feeds a `qonvex://callback?...` URL in; returns true if it was accepted for redemption.
    bool handleCallbackUrl(const QUrl &url);
    void cancelSignIn();
    //! Ends the session at Clerk, clears the stored token and Convex auth, asks the UI to wipe
    //! the web profile. Works offline (local state is cleared even if Clerk is unreachable).
    void signOut();
    //! The user accepted "stay signed in for this session only": keep the client token in memory.
    void acceptSessionOnly();

    //! For `convex::Client::setAuth`. Valid for the controller's lifetime; answers nullopt when
    //! signed out.
    ConvexAuthFetcher convexTokenFetcher();

    FapiClient *fapi() const { return m_fapi; }
    ConvexTokenProvider *tokenProvider() const { return m_tokens; }
    //! The clock and timers the session runs on (injected in tests).
    Scheduler *scheduler() const { return m_scheduler; }
    HostedSignIn *hostedSignIn() const { return m_hosted; }
    //! Delay before retrying a failed restore (default 5 s, doubling up to 5 min).
    void setRestoreRetryDelay(qint64 ms) { m_restoreRetryBaseMs = ms; }

Q_SIGNALS:
    void stateChanged();
    //! Open Clerk's hosted sign-in page (system browser or the embedded view).
    void openUrlRequested(const QUrl &url);
    //! A session became active: call `client.setAuth(convexTokenFetcher())`.
    void convexAuthAvailable();
    //! The session ended: call `client.clearAuth()`.
    void convexAuthCleared();
    //! Signed out: the embedded web view should wipe its profile (cookies, storage).
    void webProfileWipeRequested();

private:
    void setState(State state, const QString &reason = {});
    void loadAndRestore();
    void fetchClient();
    void enterSignedIn(const ClerkClient &client, const ClerkSession &session);
    void signOutLocally(const QString &reason, bool byUser = false);
    void onSessionGone(const FapiError &error);
    void onPersistenceFailed(const TokenStoreError &error);
    void onHostedFailed(HostedSignInFailure failure, const QString &reason);
    void scheduleRestoreRetry(const QString &reason);
    State settledState() const;

    AppConfig m_config;
    std::unique_ptr<Scheduler> m_ownScheduler;
    Scheduler *m_scheduler = nullptr;
    QPointer<TokenStore> m_persistentStore;
    MemoryTokenStore *m_memoryStore = nullptr; // created by acceptSessionOnly()
    FapiClient *m_fapi = nullptr;
    HostedSignIn *m_hosted = nullptr;
    ConvexTokenProvider *m_tokens = nullptr;

    State m_state = State::SignedOut;
    QString m_reason;
    bool m_signedOutByUser = false;
    std::optional<ClerkSession> m_session;
    std::optional<QString> m_keychainProblem; // set while the keychain cannot be used
    Scheduler::TimerId m_restoreRetry = 0;
    qint64 m_restoreRetryBaseMs = 5000;
    int m_restoreAttempts = 0;
    quint64 m_epoch = 0; // bumped on sign-out; stale answers are ignored
};

} // namespace qonvex::app
