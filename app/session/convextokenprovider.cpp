// SPDX-License-Identifier: MIT
#include "session/convextokenprovider.h"

#include "clerk/clerkmodels.h"
#include "clerk/fapiclient.h"
#include "session/logging_p.h"

#include <QJsonObject>
#include <QUrlQuery>

#include <cmath>

namespace qonvex::app {

Q_LOGGING_CATEGORY(lcConvexAuth, "qonvex.session.convexauth", QtInfoMsg)

ClerkTokenMinter makeFapiTokenMinter(FapiClient *fapi)
{
    QPointer<FapiClient> guard = fapi;
    return [guard](const QString &sessionId, const QString &templateName, bool skipCache,
                   std::function<void(std::optional<FapiError>, SecretToken)> done) {
        if (!guard) {
            FapiError error;
            error.kind = FapiError::Kind::Cancelled;
            done(error, {});
            return;
        }
        QString path = QStringLiteral("/client/sessions/%1/tokens")
                           .arg(QString::fromUtf8(QUrl::toPercentEncoding(sessionId)));
        if (!templateName.isEmpty())
            path += QLatin1Char('/') + QString::fromUtf8(QUrl::toPercentEncoding(templateName));
        QUrlQuery query;
        if (skipCache)
            query.addQueryItem(QStringLiteral("debug"), QStringLiteral("skip_cache"));
        guard->send(FapiClient::Method::Post, path, QUrlQuery(),
                    [done](std::optional<FapiError> error, QJsonObject body) {
                        if (error) {
                            done(error, {});
                            return;
                        }
                        const QString jwt = body.value(QLatin1String("jwt")).toString();
                        if (jwt.isEmpty()) {
                            FapiError bad;
                            bad.kind = FapiError::Kind::Server;
                            bad.message = QStringLiteral("the token answer has no jwt");
                            done(bad, {});
                            return;
                        }
                        done(std::nullopt, SecretToken(jwt));
                    },
                    query);
    };
}

ConvexTokenProvider::ConvexTokenProvider(ClerkTokenMinter minter, Scheduler *scheduler, QObject *parent)
    : QObject(parent), m_minter(std::move(minter)), m_scheduler(scheduler)
{
}

ConvexTokenProvider::~ConvexTokenProvider()
{
    if (m_retryTimer)
        m_scheduler->cancel(m_retryTimer);
}

void ConvexTokenProvider::setSession(const QString &sessionId, const QString &templateName,
                                     bool sessionTokenHasConvexAudience)
{
    const bool useSessionToken = templateName.isEmpty() || sessionTokenHasConvexAudience;
    if (sessionId == m_sessionId && templateName == m_template && useSessionToken == m_useSessionToken)
        return;
    ++m_generation; // answers for the previous session are dropped
    if (m_retryTimer) {
        m_scheduler->cancel(m_retryTimer);
        m_retryTimer = 0;
    }
    m_requestInFlight = false;
    m_forceNext = false;
    m_awaitingSessionCheck = false;
    m_cached.reset();
    m_sessionId = sessionId;
    m_template = templateName;
    m_useSessionToken = useSessionToken;
    answerAll(std::nullopt);
}

QString ConvexTokenProvider::effectiveTemplate() const
{
    return m_useSessionToken ? QString() : m_template;
}

void ConvexTokenProvider::fetch(bool forceRefresh, std::function<void(std::optional<QString>)> done)
{
    if (m_sessionId.isEmpty()) {
        QMetaObject::invokeMethod(this, [done = std::move(done)] { done(std::nullopt); }, Qt::QueuedConnection);
        return;
    }
    if (!forceRefresh && m_cached && m_scheduler->nowMs() < m_cachedExpiresAtMs - m_leewayMs) {
        QMetaObject::invokeMethod(this, [done = std::move(done), token = m_cached->reveal()] { done(token); },
                                  Qt::QueuedConnection);
        return;
    }
    m_waiters.push_back(std::move(done));
    if (forceRefresh)
        m_forceNext = true;
    if (m_requestInFlight || m_retryTimer || m_awaitingSessionCheck)
        return; // coalesce with the request (or retry, or session check) already under way
    m_attempt = 0;
    startRequest();
}

ConvexAuthFetcher ConvexTokenProvider::fetcher()
{
    QPointer<ConvexTokenProvider> self = this;
    return [self](bool forceRefresh, std::function<void(std::optional<QString>)> done) {
        if (!self) {
            done(std::nullopt);
            return;
        }
        self->fetch(forceRefresh, std::move(done));
    };
}

void ConvexTokenProvider::startRequest()
{
    m_retryTimer = 0;
    m_requestInFlight = true;
    // Retries always skip Clerk's cache; so does any coalesced forced request.
    const bool skipCache = m_forceNext || m_attempt > 0;
    const quint64 generation = m_generation;
    QPointer<ConvexTokenProvider> self = this;
    qCDebug(lcConvexAuth) << "requesting a token, attempt" << m_attempt + 1 << "skipCache" << skipCache;
    m_minter(m_sessionId, effectiveTemplate(), skipCache,
             [self, generation](std::optional<FapiError> error, SecretToken jwt) {
                 if (self)
                     self->onMinted(generation, std::move(error), std::move(jwt));
             });
}

void ConvexTokenProvider::onMinted(quint64 generation, std::optional<FapiError> error, SecretToken jwt)
{
    if (generation != m_generation)
        return;
    m_requestInFlight = false;
    if (!error) {
        const QJsonObject claims = unverifiedJwtClaims(jwt.reveal().toUtf8());
        const double exp = claims.value(QLatin1String("exp")).toDouble(0);
        if (exp > 0) {
            m_cached = jwt;
            m_cachedExpiresAtMs = qint64(exp * 1000);
        } else {
            m_cached.reset(); // cannot tell when it expires: never serve it from the cache
        }
        m_forceNext = false;
        answerAll(jwt.reveal());
        return;
    }
    if (error->isSessionGone()) {
        qCInfo(lcConvexAuth) << "Clerk refused a token: session gone:" << error->describe();
        m_cached.reset();
        if (m_waitForSessionCheck && !m_waiters.empty()) {
            m_awaitingSessionCheck = true; // answered by sessionCheckDone() or setSession()
            m_sessionGoneError = *error;
        } else {
            answerAll(std::nullopt);
        }
        Q_EMIT sessionGone(*error);
        return;
    }
    if (error->isTransient()) {
        const qint64 delay = scheduleRetry(error->retryAfterSeconds);
        if (delay >= 0) {
            qCInfo(lcConvexAuth) << "token request failed, retrying in" << delay << "ms:" << error->describe();
            return;
        }
        qCWarning(lcConvexAuth) << "giving up on a token after" << m_attempt << "attempts:" << error->describe();
    } else {
        qCWarning(lcConvexAuth) << "token request failed:" << error->describe();
    }
    answerAll(std::nullopt);
    Q_EMIT tokenUnavailable(*error);
}

qint64 ConvexTokenProvider::scheduleRetry(int retryAfterSeconds)
{
    ++m_attempt;
    if (m_attempt >= m_policy.maxAttempts)
        return -1;
    qint64 delay = qint64(double(m_policy.initialDelayMs) * std::pow(m_policy.factor, m_attempt - 1));
    delay = std::min(delay, m_policy.maxDelayMs);
    if (retryAfterSeconds >= 0)
        delay = std::max(delay, qint64(retryAfterSeconds) * 1000);
    m_retryTimer = m_scheduler->schedule(delay, [this] { startRequest(); });
    return delay;
}

void ConvexTokenProvider::sessionCheckDone(bool retry)
{
    if (!std::exchange(m_awaitingSessionCheck, false))
        return;
    if (retry && !m_waiters.empty()) {
        const qint64 delay = scheduleRetry(-1);
        if (delay >= 0) {
            qCInfo(lcConvexAuth) << "the session is not gone; asking for a token again in" << delay << "ms";
            return;
        }
    }
    answerAll(std::nullopt);
    if (retry)
        Q_EMIT tokenUnavailable(m_sessionGoneError);
}

void ConvexTokenProvider::answerAll(const std::optional<QString> &token)
{
    m_attempt = 0;
    auto waiters = std::exchange(m_waiters, {});
    if (waiters.empty())
        return;
    // Deliver from the event loop so callers never re-enter us from inside their own call.
    QMetaObject::invokeMethod(this, [waiters = std::move(waiters), token] {
        for (const auto &w : waiters)
            if (w)
                w(token);
    }, Qt::QueuedConnection);
}

} // namespace qonvex::app
