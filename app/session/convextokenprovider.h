// SPDX-License-Identifier: MIT
#pragma once
// The Convex auth token source, backed by Clerk: what `ConvexProviderWithClerk` does in React.

#include "clerk/fapierror.h"
#include "secrets/secrettoken.h"
#include "session/scheduler.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace qonvex::app {

class FapiClient;

//! The signature `convex::Client::setAuth` takes: called with forceRefresh, answers with a JWT
//! or nullopt ("no token").
using ConvexAuthFetcher =
    std::function<void(bool forceRefresh, std::function<void(std::optional<QString>)> done)>;

//! Mints a Clerk token for \a sessionId: the session token when \a templateName is empty, else
//! the JWT template's. \a skipCache asks Clerk for a fresh one. Abstracted for unit tests.
using ClerkTokenMinter = std::function<void(const QString &sessionId, const QString &templateName, bool skipCache,
                                            std::function<void(std::optional<FapiError>, SecretToken)> done)>;

//! The real minter: `POST /v1/client/sessions/{sid}/tokens[/{template}]` (`?debug=skip_cache`).
ClerkTokenMinter makeFapiTokenMinter(FapiClient *fapi);

//! \brief Caches, coalesces and retries Convex token requests for the current Clerk session.
//!
//! - A cached token is reused until `leeway` before its `exp`; `forceRefresh` always asks Clerk.
//! - Concurrent requests share one Clerk request.
//! - Network/5xx/429 failures retry with capped exponential backoff (Retry-After honoured) and
//!   never end the session. After `maxAttempts` the waiting callers get nullopt.
//! - A "session gone" answer (401 `authentication_invalid`, `session_revoked`, ...) emits
//!   sessionGone(); the SessionController decides whether to sign out. Waiting callers get
//!   nullopt at once, or, with setWaitForSessionCheck(), only once the check says the session
//!   is gone; if it is still active they get a token from a retry instead.
//! - With an empty template, or when the session token's `aud` is already `convex` (Clerk's
//!   Convex integration), the plain session token is used, like ConvexProviderWithClerk.
class ConvexTokenProvider : public QObject {
    Q_OBJECT
public:
    struct RetryPolicy {
        qint64 initialDelayMs = 1000;
        double factor = 2.0;
        qint64 maxDelayMs = 30000;
        int maxAttempts = 8;  //!< total Clerk requests per fetch, first one included
    };

    //! \a scheduler must outlive the provider.
    ConvexTokenProvider(ClerkTokenMinter minter, Scheduler *scheduler, QObject *parent = nullptr);
    ~ConvexTokenProvider() override;

    //! Switches to \a sessionId (empty = none). Drops the cache; callers still waiting for the
    //! previous session get nullopt. \a sessionTokenHasConvexAudience: see class comment.
    void setSession(const QString &sessionId, const QString &templateName, bool sessionTokenHasConvexAudience);
    void clearSession() { setSession({}, {}, false); }
    QString sessionId() const { return m_sessionId; }

    void setLeewaySeconds(int seconds) { m_leewayMs = qint64(seconds) * 1000; }
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    //! Keep callers waiting after sessionGone() until sessionCheckDone() (see class comment).
    //! Without this, a 401 that Clerk answers while merely rotating the client token would
    //! leave the Convex client signed out although the session is still active.
    void setWaitForSessionCheck(bool wait) { m_waitForSessionCheck = wait; }
    //! The check after sessionGone() is over. \a retry (the session is still active, or its
    //! state is unknown because Clerk was unreachable): request again with backoff. Otherwise
    //! the waiting callers get nullopt.
    void sessionCheckDone(bool retry);

    //! Gets a token: from the cache unless \a forceRefresh, else from Clerk. \a done runs later
    //! from the event loop (never inside this call).
    void fetch(bool forceRefresh, std::function<void(std::optional<QString>)> done);
    //! A fetcher for `convex::Client::setAuth`; safe to call after this provider is gone.
    ConvexAuthFetcher fetcher();

    //! True while a Clerk request or a retry is pending.
    bool isFetching() const { return !m_waiters.empty(); }

Q_SIGNALS:
    //! Clerk says the session can no longer mint tokens.
    void sessionGone(const qonvex::app::FapiError &error);
    //! A fetch ended without a token for another reason (config error, retries exhausted).
    void tokenUnavailable(const qonvex::app::FapiError &error);

private:
    void startRequest();
    void onMinted(quint64 generation, std::optional<FapiError> error, SecretToken jwt);
    void answerAll(const std::optional<QString> &token);
    //! Schedules the next attempt with backoff; returns its delay, or -1 when out of attempts.
    qint64 scheduleRetry(int retryAfterSeconds);
    QString effectiveTemplate() const;

    ClerkTokenMinter m_minter;
    Scheduler *m_scheduler;
    RetryPolicy m_policy;
    qint64 m_leewayMs = 10000;

    QString m_sessionId;
    QString m_template;
    bool m_useSessionToken = false;
    quint64 m_generation = 0;

    std::optional<SecretToken> m_cached;
    qint64 m_cachedExpiresAtMs = 0;

    std::vector<std::function<void(std::optional<QString>)>> m_waiters;
    bool m_requestInFlight = false;
    bool m_forceNext = false;
    int m_attempt = 0;
    Scheduler::TimerId m_retryTimer = 0;
    bool m_waitForSessionCheck = false;
    bool m_awaitingSessionCheck = false; // callers wait for sessionCheckDone()
    FapiError m_sessionGoneError;
};

} // namespace qonvex::app
