// SPDX-License-Identifier: MIT
#include "core/authmanager.h"

#include "core/logging.h"

#include <algorithm>

namespace convex::core {

namespace {
// QTimer (like setTimeout) cannot wait much longer than 24 days; JS caps at 20.
constexpr qint64 kMaximumRefreshDelayMs = qint64(20) * 24 * 60 * 60 * 1000;
constexpr int kMaxTokenConfirmationAttempts = 2;

std::optional<AuthToken> nonEmpty(const std::optional<QString> &token)
{
    // JS tests `if (token)`: null, undefined and "" all mean "no token".
    if (!token || token->isEmpty())
        return std::nullopt;
    return AuthToken(*token);
}

const char *stateName(AuthManager::State state)
{
    switch (state) {
    case AuthManager::State::NoAuth: return "noAuth";
    case AuthManager::State::WaitingForServerConfirmationOfCachedToken:
        return "waitingForServerConfirmationOfCachedToken";
    case AuthManager::State::InitialRefetch: return "initialRefetch";
    case AuthManager::State::WaitingForServerConfirmationOfFreshToken:
        return "waitingForServerConfirmationOfFreshToken";
    case AuthManager::State::WaitingForScheduledRefetch: return "waitingForScheduledRefetch";
    case AuthManager::State::NotRefetching: return "notRefetching";
    }
    return "?";
}
} // namespace

AuthManager::AuthManager(AuthHost &host, Scheduler &scheduler, qint64 leewaySeconds,
                         bool initialTokenReuse)
    : m_host(host), m_scheduler(scheduler), m_leewaySeconds(leewaySeconds),
      m_initialTokenReuse(initialTokenReuse)
{
}

AuthManager::~AuthManager()
{
    if (m_refetchTimer)
        m_scheduler.cancel(m_refetchTimer);
}

void AuthManager::setConfig(Fetcher fetcher)
{
    resetAuthState();
    const quint64 generation = ++m_generation;
    qCDebug(lcAuth) << "pausing the socket for the auth token fetch";
    m_host.pauseSocket();
    fetchGuarded(fetcher, false, [this, fetcher, generation](std::optional<QString> value) {
        m_fetcher = fetcher;
        const auto resume = [this, generation] {
            // Only the newest setConfig()/stop() may end the pause it started; JS resumes
            // unconditionally, which lets queries run before a newer config's token.
            if (generation == m_generation)
                m_host.resumeSocket();
        };
        if (const auto token = nonEmpty(value)) {
            setState(State::WaitingForServerConfirmationOfCachedToken);
            m_host.authenticate(*token);
            resume();
        } else {
            setState(State::InitialRefetch);
            refetchToken(resume);
        }
    });
}

void AuthManager::onTransition(const protocol::Transition &transition)
{
    LocalSyncState &sync = m_host.syncState();
    // Stale: the client has moved on to a newer identity version.
    if (!sync.isCurrentOrNewerAuthVersion(transition.endVersion.identity))
        return;
    // Not a response to an Authenticate.
    if (transition.endVersion.identity <= transition.startVersion.identity)
        return;
    sync.markAuthCompletion();

    if (m_state == State::WaitingForServerConfirmationOfCachedToken) {
        qCDebug(lcAuth) << "server confirmed the cached token";
        if (m_initialTokenReuse && sync.auth())
            scheduleTokenRefetch(sync.auth()->token, transition.clientClockSkew);
        else
            refetchToken({});
        m_host.reportAuthenticated(true);
        return;
    }
    if (m_state == State::WaitingForServerConfirmationOfFreshToken) {
        qCDebug(lcAuth) << "server confirmed the fresh token";
        notifyRefreshChange(false);
        scheduleTokenRefetch(m_freshToken, std::nullopt);
        m_confirmationAttempts = 0;
        // JS means to report only when !hadAuth but reads the flag after the state was
        // replaced, so it always reports; the engine deduplicates the notification.
        m_host.reportAuthenticated(true);
    }
}

bool AuthManager::onAuthError(const protocol::AuthError &error)
{
    // An old identity expired while a newer token is already on its way: the reconnect
    // will carry the new token.
    if (!error.authUpdateAttempted
        && (m_state == State::WaitingForServerConfirmationOfFreshToken
            || m_state == State::WaitingForServerConfirmationOfCachedToken)) {
        qCDebug(lcAuth) << "ignoring a non-update AuthError while a token is pending";
        return false;
    }
    // The error names the last confirmed identity version; +1 is the attempt it rejected.
    // (A null baseVersion behaves like JS's `null + 1`, i.e. 1.)
    const quint32 rejected = error.baseVersion.value_or(0) + 1;
    if (!m_host.syncState().isCurrentOrNewerAuthVersion(rejected)) {
        qCDebug(lcAuth) << "ignoring an AuthError for a previous auth attempt";
        return false;
    }
    if (m_state == State::NoAuth
        || (m_state == State::WaitingForServerConfirmationOfFreshToken
            && m_confirmationAttempts >= kMaxTokenConfirmationAttempts)) {
        qCWarning(lcAuth).noquote()
            << QStringLiteral("Failed to authenticate: \"%1\", check your server auth config")
                   .arg(error.error);
        // No message: the server is closing this socket and the next one starts anonymous.
        if (m_host.syncState().hasAuth())
            m_host.syncState().clearAuth();
        if (m_state != State::NoAuth)
            setAndReportAuthFailed();
        return false;
    }
    tryToReauthenticate(error);
    return true;
}

void AuthManager::tryToReauthenticate(const protocol::AuthError &error)
{
    qCInfo(lcAuth).noquote() << "re-authenticating after AuthError:" << error.error;
    if (m_state == State::WaitingForServerConfirmationOfFreshToken) {
        ++m_confirmationAttempts;
        qCDebug(lcAuth) << "attempts remaining:" << kMaxTokenConfirmationAttempts - m_confirmationAttempts;
    }
    notifyRefreshChange(true);
    // Stop (not just pause) so that requests are not retried with the rejected identity.
    m_host.stopSocket();
    fetchGuarded(m_fetcher, true, [this](std::optional<QString> value) {
        LocalSyncState &sync = m_host.syncState();
        const auto token = nonEmpty(value);
        if (token && sync.isNewAuth(*token)) {
            m_host.authenticate(*token);
            m_hadAuth = m_state == State::NotRefetching
                || m_state == State::WaitingForScheduledRefetch;
            m_freshToken = *token;
            setState(State::WaitingForServerConfirmationOfFreshToken);
        } else {
            qCInfo(lcAuth) << "re-authentication failed: no new token";
            if (sync.hasAuth())
                sync.clearAuth();
            setAndReportAuthFailed();
        }
        m_host.tryRestartSocket();
    });
}

void AuthManager::refetchToken(std::function<void()> then)
{
    if (m_state == State::NoAuth) {
        if (then)
            then();
        return;
    }
    qCDebug(lcAuth) << "refetching the auth token";
    fetchGuarded(
        m_fetcher, true,
        [this, then](std::optional<QString> value) {
            LocalSyncState &sync = m_host.syncState();
            if (const auto token = nonEmpty(value)) {
                if (sync.isNewAuth(*token)) {
                    m_hadAuth = sync.hasAuth();
                    m_freshToken = *token;
                    setState(State::WaitingForServerConfirmationOfFreshToken);
                    m_host.authenticate(*token);
                } else {
                    // Same token again: JS schedules no further refresh in this case.
                    setState(State::NotRefetching);
                }
            } else {
                qCInfo(lcAuth) << "refetching the token gave no token";
                if (sync.hasAuth())
                    m_host.clearAuthAndNotifyServer();
                setAndReportAuthFailed();
            }
            // This refetch may have been a scheduled one during a re-authentication.
            m_host.tryRestartSocket();
            if (then)
                then();
        },
        then);
}

void AuthManager::scheduleTokenRefetch(const AuthToken &token,
                                       std::optional<qint64> clientClockSkewMs)
{
    if (m_state == State::NoAuth)
        return;
    const std::optional<JwtTimes> times = decodeJwtTimes(token);
    if (!times) {
        qCWarning(lcAuth) << "Auth token is not a valid JWT, cannot refetch the token";
        return;
    }
    // JS `!iat || !exp`: a zero counts as missing too.
    if (!times->issuedAt || !times->expiresAt || *times->issuedAt == 0 || *times->expiresAt == 0) {
        qCWarning(lcAuth) << "Auth token does not have required fields, cannot refetch the token";
        return;
    }
    const double fullLifetime = *times->expiresAt - *times->issuedAt;
    if (fullLifetime <= 2) {
        qCWarning(lcAuth) << "Auth token does not live long enough, cannot refetch the token";
        return;
    }
    double validitySeconds = fullLifetime;  // a fresh token was issued just now
    if (clientClockSkewMs) {
        // A cached token: estimate the server's clock (clientClockSkew = client - server).
        const double serverNowSeconds = double(m_scheduler.nowMs() - *clientClockSkewMs) / 1000.0;
        validitySeconds = std::max(0.0, *times->expiresAt - serverNowSeconds);
    }
    double delay = std::min(double(kMaximumRefreshDelayMs),
                            (validitySeconds - double(m_leewaySeconds)) * 1000.0);
    if (delay <= 0) {
        qCWarning(lcAuth) << "Refetching auth token immediately, configured leeway"
                          << m_leewaySeconds << "s is larger than the token's lifetime"
                          << validitySeconds << "s";
        delay = 0;
    }
    const auto delayMs = qint64(delay);
    std::weak_ptr<int> alive = m_alive;
    const TimerId timer = m_scheduler.start(delayMs, [this, alive] {
        if (alive.expired())
            return;
        m_host.runAsInput([this] {
            m_refetchTimer = 0;
            m_refetchDelayMs.reset();
            qCDebug(lcAuth) << "running the scheduled token refetch";
            refetchToken({});
        });
    });
    setState(State::WaitingForScheduledRefetch);  // cancels a previous timer
    m_refetchTimer = timer;
    m_refetchDelayMs = delayMs;
    qCDebug(lcAuth) << "token refetch scheduled in" << delayMs << "ms";
}

void AuthManager::fetchGuarded(const Fetcher &fetcher, bool forceRefresh,
                               std::function<void(std::optional<QString>)> onCurrent,
                               std::function<void()> onOutdated)
{
    const quint64 version = ++m_configVersion;
    std::weak_ptr<int> alive = m_alive;
    auto called = std::make_shared<bool>(false);
    m_host.fetchToken(fetcher, forceRefresh,
                      [this, alive, called, version, onCurrent = std::move(onCurrent),
                       onOutdated = std::move(onOutdated)](std::optional<QString> token) {
                          if (alive.expired() || *called)
                              return;  // engine gone, or `done` called twice
                          *called = true;
                          m_host.runAsInput([&] {
                              if (version != m_configVersion) {
                                  qCDebug(lcAuth) << "discarding a token fetched for an outdated config";
                                  if (onOutdated)
                                      onOutdated();
                                  return;
                              }
                              onCurrent(token);
                          });
                      });
}

void AuthManager::stop()
{
    resetAuthState();
    ++m_configVersion;  // discard fetches in flight
    ++m_generation;
}

std::optional<qint64> AuthManager::scheduledRefetchDelayMs() const
{
    return m_state == State::WaitingForScheduledRefetch ? m_refetchDelayMs : std::nullopt;
}

void AuthManager::setState(State state)
{
    if (state == State::WaitingForServerConfirmationOfFreshToken)
        qCDebug(lcAuth) << "auth state" << stateName(state) << m_freshToken << "hadAuth" << m_hadAuth;
    else
        qCDebug(lcAuth) << "auth state" << stateName(state);
    if (state == State::WaitingForScheduledRefetch || state == State::NotRefetching
        || state == State::NoAuth)
        m_confirmationAttempts = 0;
    if (m_state == State::WaitingForScheduledRefetch && m_refetchTimer) {
        m_scheduler.cancel(m_refetchTimer);
        m_refetchTimer = 0;
        m_refetchDelayMs.reset();
    }
    m_state = state;
}

void AuthManager::resetAuthState()
{
    notifyRefreshChange(false);
    setState(State::NoAuth);
}

void AuthManager::notifyRefreshChange(bool isRefreshing)
{
    if (m_state == State::NoAuth || m_state == State::InitialRefetch
        || m_lastRefreshChange == isRefreshing)
        return;
    m_lastRefreshChange = isRefreshing;
    m_host.reportRefreshing(isRefreshing);
}

void AuthManager::setAndReportAuthFailed()
{
    m_host.reportAuthenticated(false);
    resetAuthState();
}

} // namespace convex::core
