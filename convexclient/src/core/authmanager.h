// SPDX-License-Identifier: MIT
#pragma once
// Port of authentication_manager.ts (convex-sync-protocol.md §7.1–§7.3).

#include "core/authtoken.h"
#include "core/localsyncstate.h"
#include "core/scheduler.h"

#include <functional>
#include <memory>
#include <optional>

namespace convex::core {

//! What the auth state machine needs from the engine that owns it.
class AuthHost {
public:
    virtual ~AuthHost() = default;
    virtual LocalSyncState &syncState() = 0;
    //! setAuth on the local state and send the Authenticate (if the socket allows).
    virtual void authenticate(const AuthToken &token) = 0;
    //! The client-level clearAuth: local state + Authenticate{None}.
    virtual void clearAuthAndNotifyServer() = 0;
    virtual void stopSocket() = 0;
    virtual void tryRestartSocket() = 0;
    virtual void pauseSocket() = 0;
    virtual void resumeSocket() = 0;
    //! Call the application's token fetcher (through the engine's output queue).
    virtual void fetchToken(const std::function<void(bool, std::function<void(std::optional<QString>)>)> &fetcher,
                            bool forceRefresh, std::function<void(std::optional<QString>)> done) = 0;
    virtual void reportAuthenticated(bool isAuthenticated) = 0;
    virtual void reportRefreshing(bool isRefreshing) = 0;
    //! Run \a work as an engine input (outputs flushed afterwards).
    virtual void runAsInput(const std::function<void()> &work) = 0;
};

/*!
 * \brief Keeps a user's JWT valid on the server (JS AuthenticationManager).
 *
 *     noAuth ──setConfig──▶ (paused, fetch force=false)
 *        token ──▶ waitingForServerConfirmationOfCachedToken ──confirm──▶ refetch(force) ─┐
 *        none  ──▶ initialRefetch ──refetch(force)──┐                                     │
 *                                                   ▼                                     ▼
 *     waitingForServerConfirmationOfFreshToken ──confirm──▶ waitingForScheduledRefetch ──timer──▶ refetch
 *     (same token again ──▶ notRefetching;  no token ──▶ onChange(false), noAuth)
 *     AuthError ──▶ stop socket, fetch(force), restart socket; 2 failed fresh tokens in a row ──▶ give up
 */
class AuthManager {
public:
    using Fetcher = std::function<void(bool, std::function<void(std::optional<QString>)>)>;
    enum class State : quint8 {
        NoAuth,
        WaitingForServerConfirmationOfCachedToken,
        InitialRefetch,
        WaitingForServerConfirmationOfFreshToken,
        WaitingForScheduledRefetch,
        NotRefetching,
    };

    AuthManager(AuthHost &host, Scheduler &scheduler, qint64 leewaySeconds, bool initialTokenReuse);
    ~AuthManager();

    void setConfig(Fetcher fetcher);
    void onTransition(const protocol::Transition &transition);
    //! Returns true if it stopped the socket to re-authenticate (the caller must then not
    //! ask for a reconnect itself).
    bool onAuthError(const protocol::AuthError &error);
    //! Forget everything; in-flight fetches are discarded (JS stop()).
    void stop();

    State state() const { return m_state; }
    int confirmationAttempts() const { return m_confirmationAttempts; }
    //! Delay of the pending refetch timer, if one is scheduled (for tests and logs).
    std::optional<qint64> scheduledRefetchDelayMs() const;

private:
    void setState(State state);
    void resetAuthState();
    void notifyRefreshChange(bool isRefreshing);
    void setAndReportAuthFailed();
    void refetchToken(std::function<void()> then);
    void tryToReauthenticate(const protocol::AuthError &error);
    void scheduleTokenRefetch(const AuthToken &token, std::optional<qint64> clientClockSkewMs);
    //! Fetch guarded against setConfig()/stop() racing with it (configVersion).
    void fetchGuarded(const Fetcher &fetcher, bool forceRefresh,
                      std::function<void(std::optional<QString>)> onCurrent,
                      std::function<void()> onOutdated = {});

    AuthHost &m_host;
    Scheduler &m_scheduler;
    const qint64 m_leewaySeconds;
    const bool m_initialTokenReuse;

    State m_state = State::NoAuth;
    Fetcher m_fetcher;                 // the config (absent in NoAuth)
    AuthToken m_freshToken;            // WaitingForServerConfirmationOfFreshToken
    bool m_hadAuth = false;            // WaitingForServerConfirmationOfFreshToken
    TimerId m_refetchTimer = 0;        // WaitingForScheduledRefetch
    std::optional<qint64> m_refetchDelayMs;
    quint64 m_configVersion = 0;       // bumped by every fetch and by stop()
    quint64 m_generation = 0;          // bumped by setConfig() and stop() only
    bool m_lastRefreshChange = false;
    int m_confirmationAttempts = 0;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);  // guards fetch callbacks
};

} // namespace convex::core
