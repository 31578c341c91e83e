// SPDX-License-Identifier: MIT
#include "clerk/hostedsignin.h"

#include "clerk/fapiclient.h"
#include "clerk/logging_p.h"
#include "clerk/pkce.h"
#include "config/clerkconfig.h"

#include <QUrlQuery>

namespace qonvex::app {

Q_LOGGING_CATEGORY(lcHostedAuth, "qonvex.clerk.hostedauth", QtInfoMsg)

HostedSignIn::HostedSignIn(FapiClient *fapi, QUrl redirectUrl, QObject *parent)
    : QObject(parent), m_fapi(fapi), m_redirectUrl(std::move(redirectUrl))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(std::chrono::minutes(10));
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(HostedSignInFailure::TimedOut, QStringLiteral("Sign-in timed out; please try again"));
    });
}

bool HostedSignIn::start(Mode mode)
{
    if (isActive()) {
        Q_EMIT failed(HostedSignInFailure::AlreadyRunning, QStringLiteral("A sign-in is already in progress"));
        return false;
    }
    ++m_generation;
    // Fresh secrets for every flow, from the system CSPRNG.
    m_state = randomUrlSafeString(16);
    const PkcePair pkce = makePkcePair();
    m_verifier = pkce.verifier;
    m_step = Step::Creating;
    m_timeout.start();
    qCInfo(lcHostedAuth) << "starting hosted sign-in";
    createHostedAuth(mode, false);
    return true;
}

void HostedSignIn::createHostedAuth(Mode mode, bool retriedAfterSignedOut)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("redirect_url"), m_redirectUrl.toString(QUrl::FullyEncoded));
    form.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(pkceChallengeS256(m_verifier)));
    form.addQueryItem(QStringLiteral("state"), QString::fromLatin1(m_state));
    form.addQueryItem(QStringLiteral("mode"), mode == Mode::SignUp ? QStringLiteral("sign-up") : QStringLiteral("sign-in"));
    const quint64 generation = m_generation;
    m_fapi->send(FapiClient::Method::Post, QStringLiteral("/client/hosted_auth"), form,
                 [this, generation, mode, retriedAfterSignedOut](std::optional<FapiError> error, QJsonObject body) {
        if (generation != m_generation || m_step != Step::Creating)
            return;
        if (error) {
            // A stale client token: FAPI already sent a fresh one in this 401, which the
            // FapiClient saved. Retry once with it, as Clerk's native SDKs do.
            if (error->kind == FapiError::Kind::SignedOut && !retriedAfterSignedOut) {
                createHostedAuth(mode, true);
                return;
            }
            failWith(*error);
            return;
        }
        const QJsonObject response = body.value(QLatin1String("response")).toObject();
        const QUrl url(response.value(QLatin1String("url")).toString(), QUrl::StrictMode);
        // The page will collect a password: only https, or http on loopback (local stand-in).
        const bool schemeOk = url.scheme() == QLatin1String("https")
                              || (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host()));
        if (!url.isValid() || url.host().isEmpty() || !schemeOk) {
            fail(HostedSignInFailure::ClerkError, QStringLiteral("Clerk returned an unusable sign-in URL"));
            return;
        }
        m_step = Step::WaitingForCallback;
        Q_EMIT openUrlRequested(url);
    });
}

bool HostedSignIn::handleCallback(const QUrl &callback)
{
    if (m_step != Step::WaitingForCallback) {
        qCInfo(lcHostedAuth) << "ignoring a sign-in callback: no sign-in is waiting for one";
        return false;
    }
    auto parsed = parseHostedAuthCallback(callback.toString(QUrl::FullyEncoded).toUtf8(), m_redirectUrl, m_state);
    if (!parsed) {
        // Never redeem anything from a callback that failed a check.
        fail(HostedSignInFailure::CallbackRejected, parsed.error());
        return false;
    }
    m_step = Step::Redeeming;
    redeem(parsed->rotatingTokenNonce, parsed->createdSessionId);
    return true;
}

void HostedSignIn::redeem(const QString &nonce, const QString &sessionId)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("_method"), QStringLiteral("GET"));
    form.addQueryItem(QStringLiteral("rotating_token_nonce"), nonce);
    form.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier));
    const quint64 generation = m_generation;
    m_fapi->send(FapiClient::Method::Post, QStringLiteral("/client"), form,
                 [this, generation, sessionId](std::optional<FapiError> error, QJsonObject body) {
        if (generation != m_generation || m_step != Step::Redeeming)
            return;
        if (error) {
            failWith(*error);
            return;
        }
        const auto client = parseClerkClient(clientFromEnvelope(body));
        if (!client || !client->session(sessionId)) {
            fail(HostedSignInFailure::SessionMissing,
                 QStringLiteral("Clerk did not hand the new session to this app"));
            return;
        }
        if (!m_fapi->clientToken()) {
            fail(HostedSignInFailure::ClerkError, QStringLiteral("Clerk cleared the client during sign-in"));
            return;
        }
        m_step = Step::Touching;
        touch(*client, sessionId);
    });
}

void HostedSignIn::touch(const ClerkClient &client, const QString &sessionId)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("intent"), QStringLiteral("select_session"));
    const quint64 generation = m_generation;
    m_fapi->send(FapiClient::Method::Post,
                 QStringLiteral("/client/sessions/%1/touch").arg(QString::fromUtf8(QUrl::toPercentEncoding(sessionId))),
                 form, [this, generation, client, sessionId](std::optional<FapiError> error, QJsonObject body) {
        if (generation != m_generation || m_step != Step::Touching)
            return;
        if (error) {
            failWith(*error);
            return;
        }
        // Prefer the client in this answer (it has the updated last_active_session_id).
        ClerkClient finalClient = parseClerkClient(clientFromEnvelope(body)).value_or(client);
        if (!finalClient.session(sessionId))
            finalClient = client;
        m_step = Step::Idle;
        m_timeout.stop();
        m_state.clear();
        m_verifier.clear();
        qCInfo(lcHostedAuth) << "hosted sign-in complete";
        Q_EMIT succeeded(finalClient, sessionId);
    });
}

void HostedSignIn::cancel()
{
    if (isActive())
        fail(HostedSignInFailure::Cancelled, QStringLiteral("Sign-in cancelled"));
}

void HostedSignIn::failWith(const FapiError &error)
{
    fail(error.kind == FapiError::Kind::Network || error.kind == FapiError::Kind::Server
             ? HostedSignInFailure::NetworkError
             : HostedSignInFailure::ClerkError,
         error.describe());
}

void HostedSignIn::fail(HostedSignInFailure failure, const QString &reason)
{
    ++m_generation;
    m_step = Step::Idle;
    m_timeout.stop();
    m_state.clear();
    m_verifier.clear();
    qCInfo(lcHostedAuth) << "hosted sign-in ended:" << reason;
    Q_EMIT failed(failure, reason);
}

} // namespace qonvex::app
