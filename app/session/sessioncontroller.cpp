// SPDX-License-Identifier: MIT
#include "session/sessioncontroller.h"

#include "clerk/fapiclient.h"
#include "clerk/hostedsignin.h"
#include "secrets/memorytokenstore.h"
#include "secrets/tokenstore.h"
#include "session/logging_p.h"

#include <QMetaEnum>
#include <QUrlQuery>

namespace qonvex::app {

Q_LOGGING_CATEGORY(lcSession, "qonvex.session", QtInfoMsg)

SessionController::SessionController(const AppConfig &config, TokenStore *persistentStore, QObject *parent,
                                     Scheduler *scheduler, QNetworkAccessManager *nam)
    : QObject(parent), m_config(config), m_scheduler(scheduler), m_persistentStore(persistentStore)
{
    qRegisterMetaType<qonvex::app::ClerkClient>();
    if (!m_scheduler) {
        auto owned = std::make_unique<SystemScheduler>();
        m_scheduler = owned.get();
        m_ownScheduler = std::move(owned);
    }
    m_fapi = new FapiClient(m_config.frontendApi, persistentStore, this, nam);
    m_hosted = new HostedSignIn(m_fapi, m_config.redirectUrl, this);
    m_tokens = new ConvexTokenProvider(makeFapiTokenMinter(m_fapi), m_scheduler, this);
    // A token 401 is only a sign-out once the client confirms it (onSessionGone); until then
    // the Convex client keeps waiting for its token instead of continuing signed out.
    m_tokens->setWaitForSessionCheck(true);

    connect(m_fapi, &FapiClient::persistenceFailed, this, &SessionController::onPersistenceFailed);
    connect(m_tokens, &ConvexTokenProvider::sessionGone, this, &SessionController::onSessionGone);
    connect(m_hosted, &HostedSignIn::openUrlRequested, this, &SessionController::openUrlRequested);
    connect(m_hosted, &HostedSignIn::succeeded, this, [this](const ClerkClient &client, const QString &sid) {
        const ClerkSession *session = client.session(sid);
        if (!session) { // HostedSignIn checked this; keep the invariant obvious here too
            setState(State::SignedOut, tr("Sign-in did not produce a session"));
            return;
        }
        enterSignedIn(client, *session);
    });
    connect(m_hosted, &HostedSignIn::failed, this, &SessionController::onHostedFailed);
}

SessionController::~SessionController()
{
    if (m_restoreRetry)
        m_scheduler->cancel(m_restoreRetry);
    // Children use the scheduler in their destructors; delete them while it still exists.
    delete m_tokens;
    m_tokens = nullptr;
}

QString SessionController::userIdentifier() const
{
    return m_session ? m_session->userIdentifier : QString();
}

QString SessionController::userDisplayName() const
{
    return m_session ? m_session->userDisplayName : QString();
}

bool SessionController::isPersistent() const
{
    return !m_memoryStore && m_persistentStore && m_persistentStore->isPersistent();
}

void SessionController::setState(State state, const QString &reason)
{
    if (state == m_state && reason == m_reason)
        return;
    // The state's bare name ("SignedIn", not the scoped enum's full C++ path): this line is
    // what a user running qonvex from a terminal sees.
    qCInfo(lcSession).noquote() << "state" << QMetaEnum::fromType<State>().valueToKey(int(state))
                                << (reason.isEmpty() ? QString() : QStringLiteral("(%1)").arg(reason));
    m_state = state;
    m_reason = reason;
    if (state != State::SignedOut)
        m_signedOutByUser = false;
    Q_EMIT stateChanged();
}

SessionController::State SessionController::settledState() const
{
    if (m_keychainProblem && !m_memoryStore)
        return State::SessionOnly;
    return m_session ? State::SignedIn : State::SignedOut;
}

void SessionController::restore()
{
    if (m_hosted->isActive())
        return;
    if (m_restoreRetry) {
        m_scheduler->cancel(m_restoreRetry);
        m_restoreRetry = 0;
    }
    m_restoreAttempts = 0;
    setState(State::SigningIn, tr("Restoring your session…"));
    loadAndRestore();
}

void SessionController::loadAndRestore()
{
    if (m_memoryStore || !m_persistentStore) {
        // Session-only mode: whatever is in memory is all there is.
        if (m_fapi->clientToken())
            fetchClient();
        else
            setState(State::SignedOut);
        return;
    }
    const quint64 epoch = m_epoch;
    m_persistentStore->load([this, epoch](TokenLoadResult result) {
        if (epoch != m_epoch)
            return;
        if (result.error) {
            m_keychainProblem = result.error->message;
            setState(State::SessionOnly,
                     tr("The system keychain is not available (%1). You can stay signed in "
                        "for this session only.").arg(result.error->message));
            return;
        }
        m_keychainProblem.reset();
        if (!result.token) {
            setState(State::SignedOut); // nothing stored: simply signed out
            return;
        }
        m_fapi->adoptClientToken(result.token);
        fetchClient();
    });
}

void SessionController::fetchClient()
{
    const quint64 epoch = m_epoch;
    m_fapi->send(FapiClient::Method::Get, QStringLiteral("/client"), {},
                 [this, epoch](std::optional<FapiError> error, QJsonObject body) {
        if (epoch != m_epoch || m_hosted->isActive())
            return;
        if (error) {
            if (error->isTransient()) {
                // Keep the stored token: being offline is not being signed out.
                scheduleRestoreRetry(tr("Cannot reach Clerk to restore your session (%1); retrying…")
                                         .arg(error->describe()));
            } else if (error->isSessionGone()) {
                m_session.reset();
                setState(State::SignedOut);
            } else {
                setState(State::Error, error->describe());
            }
            return;
        }
        m_restoreAttempts = 0;
        const auto client = parseClerkClient(clientFromEnvelope(body));
        const ClerkSession *session = client ? client->activeSession() : nullptr;
        if (!session) {
            m_session.reset();
            m_tokens->clearSession();
            const bool offerSessionOnly = m_keychainProblem && !m_memoryStore;
            setState(offerSessionOnly ? State::SessionOnly : State::SignedOut,
                     offerSessionOnly ? m_reason : QString());
            return;
        }
        enterSignedIn(*client, *session);
    });
}

void SessionController::scheduleRestoreRetry(const QString &reason)
{
    const qint64 delay = std::min<qint64>(m_restoreRetryBaseMs << std::min(m_restoreAttempts, 10), 5 * 60 * 1000);
    ++m_restoreAttempts;
    if (m_restoreRetry)
        m_scheduler->cancel(m_restoreRetry);
    m_restoreRetry = m_scheduler->schedule(delay, [this] {
        m_restoreRetry = 0;
        fetchClient();
    });
    setState(State::Error, reason);
}

void SessionController::enterSignedIn(const ClerkClient &client, const ClerkSession &session)
{
    Q_UNUSED(client);
    m_session = session;
    // Clerk's Convex integration puts aud=convex into the session token itself; then the
    // plain session token is what Convex accepts (ConvexProviderWithClerk does the same check).
    const QJsonObject claims = unverifiedJwtClaims(session.lastActiveToken.reveal().toUtf8());
    const bool sessionTokenIsForConvex = jwtHasAudience(claims, QStringLiteral("convex"));
    m_tokens->setSession(session.id, m_config.jwtTemplate, sessionTokenIsForConvex);
    // Say which token Convex gets: a template silently not used is a known failure elsewhere
    // (convex-backend#402), and this line is where a misconfiguration shows.
    if (sessionTokenIsForConvex)
        qCInfo(lcSession) << "Convex tokens: the session token (Clerk's Convex integration, aud=convex)";
    else if (m_config.jwtTemplate.isEmpty())
        qCInfo(lcSession) << "Convex tokens: the session token (no JWT template configured)";
    else
        qCInfo(lcSession).noquote() << QStringLiteral("Convex tokens: JWT template \"%1\"").arg(m_config.jwtTemplate);
    const State next = settledState();
    setState(next, next == State::SessionOnly ? m_reason : QString());
    Q_EMIT convexAuthAvailable();
}

void SessionController::signIn()
{
    if (m_hosted->isActive() || m_session)
        return;
    if (m_restoreRetry) {
        m_scheduler->cancel(m_restoreRetry);
        m_restoreRetry = 0;
    }
    setState(State::SigningIn, tr("Waiting for you to sign in…"));
    m_hosted->start();
}

bool SessionController::handleCallbackUrl(const QUrl &url)
{
    return m_hosted->handleCallback(url);
}

void SessionController::cancelSignIn()
{
    m_hosted->cancel();
}

void SessionController::onHostedFailed(HostedSignInFailure failure, const QString &reason)
{
    if (failure == HostedSignInFailure::AlreadyRunning)
        return;
    if (m_session)
        return; // cannot happen: signIn() refuses while signed in
    setState(m_keychainProblem && !m_memoryStore ? State::SessionOnly : State::SignedOut, reason);
}

void SessionController::signOut()
{
    const QString sid = sessionId();
    if (!sid.isEmpty()) {
        // Sent with the current client token; the answer cannot change local state any more
        // because the token is forgotten right after (FapiClient ignores its rotation).
        m_fapi->send(FapiClient::Method::Post,
                     QStringLiteral("/client/sessions/%1/end").arg(QString::fromUtf8(QUrl::toPercentEncoding(sid))),
                     {}, [](std::optional<FapiError> error, QJsonObject) {
                         if (error)
                             qCInfo(lcSession) << "ending the session at Clerk failed:" << error->describe();
                     });
    }
    signOutLocally(tr("Signed out"), true);
}

void SessionController::signOutLocally(const QString &reason, bool byUser)
{
    ++m_epoch;
    if (m_restoreRetry) {
        m_scheduler->cancel(m_restoreRetry);
        m_restoreRetry = 0;
    }
    if (m_hosted->isActive())
        m_hosted->cancel();
    const bool hadSession = m_session.has_value();
    m_session.reset();
    m_tokens->clearSession();
    // Forgetting also clears the stored entry, in order after any write still running.
    m_fapi->forgetClientToken();
    if (hadSession)
        Q_EMIT convexAuthCleared();
    Q_EMIT webProfileWipeRequested();
    // Set before setState(): its stateChanged() listeners read it.
    m_signedOutByUser = byUser;
    setState(State::SignedOut, reason);
}

void SessionController::onSessionGone(const FapiError &error)
{
    if (!m_session) {
        m_tokens->sessionCheckDone(false);
        return;
    }
    const QString sid = m_session->id;
    const quint64 epoch = m_epoch;
    qCInfo(lcSession) << "token request says the session is gone; checking the client:" << error.describe();
    // Like clerk-js handleUnauthenticated(): re-read the client before deciding.
    m_fapi->send(FapiClient::Method::Get, QStringLiteral("/client"), {},
                 [this, epoch, sid, error](std::optional<FapiError> err, QJsonObject body) {
        if (epoch != m_epoch || sessionId() != sid)
            return;
        if (err && !err->isSessionGone()) {
            qCInfo(lcSession) << "cannot confirm the session state; staying signed in:" << err->describe();
            m_tokens->sessionCheckDone(true);
            return;
        }
        const auto client = err ? std::nullopt : parseClerkClient(clientFromEnvelope(body));
        const ClerkSession *session = client ? client->session(sid) : nullptr;
        if (session && session->isActive()) {
            qCInfo(lcSession) << "the session is still active at Clerk";
            m_tokens->sessionCheckDone(true);
            return;
        }
        // Say why when anyone knows: the session in the client, else the token error itself.
        QString status = session ? session->status : error.sessionStatus;
        if (status.isEmpty() && error.code.startsWith(QLatin1String("session_")))
            status = error.code.mid(8);
        QString reason = tr("Your session has ended. Please sign in again.");
        if (status == QLatin1String("revoked"))
            reason = tr("Your session was revoked. Please sign in again.");
        else if (status == QLatin1String("expired"))
            reason = tr("Your session expired. Please sign in again.");
        signOutLocally(reason);
    });
}

void SessionController::onPersistenceFailed(const TokenStoreError &error)
{
    if (m_memoryStore || !m_fapi->clientToken()) {
        // A failed delete of an entry we no longer need changes nothing for the user.
        qCInfo(lcSession) << "could not clear the stored client token:" << error.message;
        return;
    }
    m_keychainProblem = error.message;
    const QString reason = tr("The system keychain refused to store your sign-in (%1). You can "
                              "stay signed in for this session only.").arg(error.message);
    if (m_state == State::SignedIn || m_state == State::SignedOut || m_state == State::Error)
        setState(State::SessionOnly, reason);
    else
        m_reason = reason; // picked up when the running sign-in or restore settles
}

void SessionController::acceptSessionOnly()
{
    if (!m_memoryStore) {
        m_memoryStore = new MemoryTokenStore(this);
        m_fapi->setTokenStore(m_memoryStore);
    }
    m_keychainProblem.reset();
    if (m_state == State::SessionOnly)
        setState(m_session ? State::SignedIn : State::SignedOut);
}

ConvexAuthFetcher SessionController::convexTokenFetcher()
{
    return m_tokens->fetcher();
}

} // namespace qonvex::app
