// SPDX-License-Identifier: MIT
#include "wiring/appcontroller.h"

#include "secrets/keychaintokenstore.h"
#include "session/sessioncontroller.h"
#include "wiring/logging_p.h"
#include "wiring/wakedetector.h"

#include <convexclient/client.h>

#include <QNetworkInformation>

#include <algorithm>
#include <utility>

namespace qonvex::app {

Q_LOGGING_CATEGORY(lcWiring, "qonvex.app.wiring", QtInfoMsg)

namespace {
NetworkReachability fromQt(QNetworkInformation::Reachability r)
{
    switch (r) {
    case QNetworkInformation::Reachability::Disconnected: return NetworkReachability::Offline;
    case QNetworkInformation::Reachability::Unknown: return NetworkReachability::Unknown;
    default: return NetworkReachability::Online; // local, site or internet: let the socket decide
    }
}
} // namespace

AppController::AppController(const AppConfig &config, QObject *parent, TokenStore *tokenStore, Scheduler *scheduler)
    : QObject(parent), m_config(config)
{
    if (!tokenStore) {
        m_ownedStore = std::make_unique<KeychainTokenStore>(m_config.frontendApiAuthority());
        tokenStore = m_ownedStore.get();
    }
    m_session = new SessionController(m_config, tokenStore, this, scheduler);
    // The session announces SignedIn before convexAuthAvailable, and views subscribe as soon
    // as they see SignedIn: give the client its token source first (this connection is made
    // before any view's), so no query ever runs unauthenticated and flashes an error.
    connect(m_session, &SessionController::stateChanged, this, [this] {
        if (!m_session->sessionId().isEmpty())
            m_droppedWrites = 0; // signed in again: the banner about them has done its job
        if (!m_session->sessionId().isEmpty() && m_authSessionId != m_session->sessionId())
            applyConvexAuth();
        updateStatus();
    });
    connect(m_session, &SessionController::convexAuthAvailable, this, [this] {
        if (m_authSessionId != m_session->sessionId())
            applyConvexAuth();
    });
    connect(m_session, &SessionController::convexAuthCleared, this, [this] {
        cancelAutoAuthRetry();
        m_autoAuthRetryDelayMs = 0;
        m_authSessionId.clear();
        m_convexAuthProblem.clear();
        m_confirmedUserName.clear();
        discardOrUnauthenticate();
        updateStatus();
    });
    connect(m_session->tokenProvider(), &ConvexTokenProvider::tokenUnavailable, this, [this](const FapiError &e) {
        m_convexAuthProblem = QStringLiteral("no token from Clerk (%1)").arg(e.describe());
        scheduleAutoAuthRetry();
        updateStatus();
    });

    createClient();

    // "Reconnecting in N s" must count down even when nothing else changes.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &AppController::updateStatus);

    m_confirmTimer.setSingleShot(true);
    m_confirmTimer.setInterval(20000);
    connect(&m_confirmTimer, &QTimer::timeout, this, [this] {
        if (m_status.auth == AppStatus::Auth::Confirming && m_status.connection == AppStatus::Connection::Connected) {
            m_convexAuthProblem = QStringLiteral("it has not confirmed your sign-in. Check that the Convex "
                                                 "deployment trusts this Clerk instance and JWT template.");
            updateStatus();
        }
    });

    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        QNetworkInformation *info = QNetworkInformation::instance();
        m_network = fromQt(info->reachability());
        connect(info, &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability r) { handleNetworkChange(fromQt(r)); });
    }

    m_wake = new WakeDetector(this);
    connect(m_wake, &WakeDetector::woke, this, &AppController::handleWake);
    updateStatus();
}

AppController::~AppController()
{
    cancelAutoAuthRetry(); // its callback points at this object; the session owns the scheduler
    // The client's token fetcher points into the session: close the client first.
    delete m_client;
    m_client = nullptr;
    delete m_session;
    m_session = nullptr;
}

int AppController::unconfirmedWrites() const
{
    if (!m_client)
        return 0;
    const convex::ConnectionState state = m_client->connectionState();
    return state.inflightMutations + state.inflightActions;
}

void AppController::discardOrUnauthenticate()
{
    if (!m_client)
        return;
    const int unsent = unconfirmedWrites();
    if (unsent == 0) {
        m_client->clearAuth();
        return;
    }
    // Writes the user made as themselves that the server has not confirmed (offline, or still
    // on their way) must not run without their identity once the session is gone: the server
    // would refuse them, or run them anonymously. The client goes with its queue (its pending
    // calls fail with "Client closed"), a fresh one without auth takes over, and the window
    // tells the user what may not have been saved.
    qCWarning(lcWiring) << unsent << "unconfirmed write(s) dropped at sign-out instead of running without identity";
    m_client->close(); // now, not at deleteLater: a reconnect in between would send the queue
    createClient(false);
    m_droppedWrites += unsent;
    Q_EMIT unconfirmedWritesDropped(unsent);
}

void AppController::createClient(bool withAuth)
{
    convex::Client::Options options;
    options.reconnectOnNetworkChange = true;
    auto *client = new convex::Client(m_config.convexUrl, options, this);
    connect(client, &convex::Client::connectionStateChanged, this, &AppController::updateStatus);
    connect(client, &convex::Client::authenticationChanged, this, [this](bool authenticated) {
        if (authenticated) {
            m_convexAuthProblem.clear();
            m_autoAuthRetryDelayMs = 0; // healthy again: the next outage starts from the first delay
        }
        updateStatus();
    });
    connect(client, &convex::Client::authRefreshingChanged, this, &AppController::updateStatus);
    connect(client, &convex::Client::terminated, this, [](const QString &error) {
        qCWarning(lcWiring) << "the Convex client stopped:" << error;
    });
    convex::Client *old = m_client;
    m_client = client;
    if (withAuth
        && (m_session->state() == SessionController::State::SignedIn
            || (m_session->state() == SessionController::State::SessionOnly && !m_session->sessionId().isEmpty())))
        applyConvexAuth();
    if (old) {
        Q_EMIT clientReplaced(m_client);
        old->deleteLater();
    }
}

void AppController::applyConvexAuth()
{
    cancelAutoAuthRetry();
    m_authSessionId = m_session->sessionId();
    m_convexAuthProblem.clear();
    if (m_client)
        m_client->setAuth(m_session->convexTokenFetcher());
    updateStatus();
}

void AppController::scheduleAutoAuthRetry()
{
    // 30 s, then doubling up to 5 min: Clerk being down for a while must not leave the user
    // looking at anonymous data until they press Retry (the provider's own short backoff has
    // already been used up when this runs).
    constexpr qint64 first = 30'000, cap = 300'000;
    cancelAutoAuthRetry();
    if (m_session->sessionId().isEmpty())
        return;
    m_autoAuthRetryDelayMs = m_autoAuthRetryDelayMs == 0 ? first : std::min(cap, m_autoAuthRetryDelayMs * 2);
    qCInfo(lcWiring) << "Convex auth: asking Clerk again by itself in" << m_autoAuthRetryDelayMs / 1000 << "s";
    m_autoAuthRetry = m_session->scheduler()->schedule(m_autoAuthRetryDelayMs, [this] {
        m_autoAuthRetry = 0;
        if (m_convexAuthProblem.isEmpty() || m_session->sessionId().isEmpty())
            return;
        // Keep the banner while this attempt runs: it goes when Convex confirms the sign-in.
        const QString problem = m_convexAuthProblem;
        applyConvexAuth();
        m_convexAuthProblem = problem;
        updateStatus();
    });
}

void AppController::cancelAutoAuthRetry()
{
    if (m_autoAuthRetry != 0)
        m_session->scheduler()->cancel(std::exchange(m_autoAuthRetry, 0));
}

void AppController::start()
{
    m_session->restore();
}

void AppController::retry()
{
    switch (m_status.banner) {
    case AppStatus::BannerKind::Stopped:
        qCInfo(lcWiring) << "retry: new Convex client";
        createClient();
        break;
    case AppStatus::BannerKind::Auth:
        if (m_session->state() == SessionController::State::Error) {
            qCInfo(lcWiring) << "retry: restoring the session";
            m_session->restore();
        } else if (!m_convexAuthProblem.isEmpty()) {
            qCInfo(lcWiring) << "retry: fresh Convex auth";
            applyConvexAuth();
        }
        break;
    case AppStatus::BannerKind::Offline:
    case AppStatus::BannerKind::Connection:
    case AppStatus::BannerKind::None:
        if (m_client)
            m_client->reconnectNow();
        break;
    }
    updateStatus();
}

void AppController::handleWake(qint64 sleptMs)
{
    qCInfo(lcWiring) << "resumed after about" << sleptMs / 1000 << "s asleep";
    resumeAfterGap();
}

void AppController::handleNetworkChange(NetworkReachability reachability)
{
    const bool cameBack = m_network == NetworkReachability::Offline && reachability == NetworkReachability::Online;
    m_network = reachability;
    qCInfo(lcWiring) << "network reachability" << int(reachability);
    if (cameBack)
        resumeAfterGap();
    updateStatus();
}

void AppController::resumeAfterGap()
{
    if (m_client)
        m_client->reconnectNow();
    switch (m_session->state()) {
    case SessionController::State::SignedIn:
        // The client's refresh timer may not have run (asleep) or may have failed (offline), so
        // the token it holds may be expired or about to be. Re-applying auth asks the provider,
        // which reuses a token that is still good (wall clock) and fetches a fresh one otherwise.
        applyConvexAuth();
        break;
    case SessionController::State::Error:
        m_session->restore();
        break;
    default:
        break;
    }
}

void AppController::setConfirmedUserName(const QString &name)
{
    m_confirmedUserName = name;
    updateStatus();
}

void AppController::updateStatus()
{
    AppStatusInputs in;
    in.session = m_session->state();
    in.sessionReason = m_session->reason();
    in.userName = !m_confirmedUserName.isEmpty() ? m_confirmedUserName
        : !m_session->userDisplayName().isEmpty() ? m_session->userDisplayName()
                                                  : m_session->userIdentifier();
    in.persistent = m_session->isPersistent();
    in.hasClient = m_client && m_client->isValid();
    if (m_client) {
        in.connection = m_client->connectionState();
        in.convexAuthenticated = m_client->isAuthenticated();
        in.convexAuthRefreshing = m_client->isAuthRefreshing();
    }
    in.convexAuthProblem = m_convexAuthProblem;
    in.droppedWrites = m_droppedWrites;
    in.network = m_network;
    in.now = QDateTime::currentDateTimeUtc();
    const AppStatus next = computeAppStatus(in);

    const bool waiting = next.retryInMs >= 0;
    if (waiting && !m_tick.isActive())
        m_tick.start();
    else if (!waiting && m_tick.isActive())
        m_tick.stop();
    const bool confirming = next.auth == AppStatus::Auth::Confirming && next.connection == AppStatus::Connection::Connected;
    if (confirming && !m_confirmTimer.isActive())
        m_confirmTimer.start();
    else if (!confirming)
        m_confirmTimer.stop();

    if (next == m_status)
        return;
    m_status = next;
    Q_EMIT statusChanged();
}

} // namespace qonvex::app
