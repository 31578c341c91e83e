// SPDX-License-Identifier: MIT
#pragma once
// The app without its widgets: one Convex connection, one Clerk session, and the status the
// user sees. Owns the Convex client and the SessionController, connects the session's tokens
// to the client, and keeps the connection honest after network changes and suspend.
//
//   SessionController ──convexAuthAvailable──► client.setAuth(fetcher)
//                     ──convexAuthCleared────► client.clearAuth()
//   QNetworkInformation online / WakeDetector::woke ──► client.reconnectNow() (+ token check)
//   session, client, network ──computeAppStatus()──► status() / statusChanged()

#include "config/clerkconfig.h"
#include "wiring/appstatus.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace convex {
class Client;
}

namespace qonvex::app {

class Scheduler;
class SessionController;
class TokenStore;
class WakeDetector;

//! \brief Owns the session and the Convex client for one validated configuration.
class AppController : public QObject {
    Q_OBJECT
public:
    //! Connects to \a config.convexUrl at once. \a tokenStore keeps the Clerk client token;
    //! null means the OS keychain (KeychainTokenStore, owned). \a scheduler is the session's clock
    //! and timers (null: the real ones; tests pass a fake to jump time, e.g. across a suspend).
    //! Call start() to restore the session.
    explicit AppController(const AppConfig &config, QObject *parent = nullptr, TokenStore *tokenStore = nullptr,
                           Scheduler *scheduler = nullptr);
    ~AppController() override;

    const AppConfig &config() const { return m_config; }
    SessionController *session() const { return m_session; }
    //! The Convex client; replaced by retry() after it terminated (see clientReplaced()).
    convex::Client *client() const { return m_client; }
    const AppStatus &status() const { return m_status; }
    //! Mutations and actions the current client has sent or queued that the server has not
    //! answered yet (read from the client now, not from the last status()).
    int unconfirmedWrites() const;

    //! Restores the stored session (or settles on signed out).
    void start();
    //! What the banner's Retry button does for the current problem.
    void retry();
    //! The machine resumed from a suspend of \a sleptMs (public for tests and for platform hooks).
    void handleWake(qint64 sleptMs);
    //! The OS reports the network as \a reachability (public for tests). Coming back online
    //! does what a wake does: reconnect at once and refresh the token if it is stale.
    void handleNetworkChange(qonvex::app::NetworkReachability reachability);
    //! The server-confirmed identity (from `users:me`); preferred over Clerk's display name.
    void setConfirmedUserName(const QString &name);

    //! How long "confirming sign-in" may last on a live connection before it is reported as
    //! a problem (default 20 s).
    void setAuthConfirmTimeout(int ms) { m_confirmTimer.setInterval(ms); }

Q_SIGNALS:
    void statusChanged();
    //! The client was replaced (after it had terminated): views must re-subscribe on it.
    void clientReplaced(convex::Client *client);
    //! The session ended while \a count writes (mutations, actions) were not confirmed by the
    //! server: they were dropped with the client that held them instead of being sent without
    //! the user's identity; they may not have been saved.
    void unconfirmedWritesDropped(int count);

private:
    void createClient(bool withAuth = true);
    //! At sign-out: clearAuth(), or a fresh client when writes are still unconfirmed.
    void discardOrUnauthenticate();
    void applyConvexAuth();
    //! After a suspend or an offline spell: reconnect now and make sure the token is fresh.
    void resumeAfterGap();
    void scheduleAutoAuthRetry();
    void cancelAutoAuthRetry();
    void updateStatus();

    AppConfig m_config;
    std::unique_ptr<TokenStore> m_ownedStore;
    SessionController *m_session = nullptr;
    convex::Client *m_client = nullptr;
    int m_droppedWrites = 0; // unconfirmed writes dropped at sign-out, shown until the next sign-in
    WakeDetector *m_wake = nullptr;
    NetworkReachability m_network = NetworkReachability::Unknown;
    QString m_confirmedUserName;
    QString m_convexAuthProblem;
    QString m_authSessionId; // the session whose tokens the client was last given
    QTimer m_tick;          // refreshes "reconnecting in N s"
    QTimer m_confirmTimer;  // bounds "confirming sign-in"
    // After the token provider gave up (Clerk unreachable for a while), Convex auth is asked
    // for again by itself on this timer (session clock), so an outage heals without Retry.
    quint64 m_autoAuthRetry = 0;
    qint64 m_autoAuthRetryDelayMs = 0;
    AppStatus m_status;
};

} // namespace qonvex::app
