// SPDX-License-Identifier: MIT
#include "client/client_p.h"

#include "client/logging.h"
#include "protocol/messages.h"
#include "transport/deploymenturl.h"

#include <QDateTime>
#include <QNetworkInformation>

namespace convex {

using client::lcClient;
using transport::WebSocketTransport;

namespace {
const QString kClientClosed = QStringLiteral("Client closed");

QFuture<FunctionResult> finishedFuture(const FunctionResult &result)
{
    QPromise<FunctionResult> promise;
    promise.start();
    promise.addResult(result);
    promise.finish();
    return promise.future();
}
} // namespace

// ---- Client::Private ------------------------------------------------------------------

Client::Private::Private(Client *q, const QUrl &url, const Client::Options &opts)
    : q(q)
    , deploymentUrl(url)
    , options(opts)
{
    core::SyncEngineOptions engineOptions;
    engineOptions.authRefreshTokenLeewaySeconds = options.authRefreshTokenLeewaySeconds;
    engineOptions.initialAuthTokenReuse = options.initialAuthTokenReuse;
    engineOptions.expectAuth = options.expectAuth;
    engine = std::make_unique<core::SyncEngine>(scheduler, engineCallbacks(), engineOptions);

    const Result<QUrl> syncUrl = transport::syncUrlForDeployment(deploymentUrl);
    if (!syncUrl) {
        configurationError = syncUrl.error();
        qCWarning(lcClient).noquote() << "not connecting:" << configurationError;
        engine->close();
        return;
    }
    WebSocketTransport::Options transportOptions;
    transportOptions.inactivityThreshold = options.serverInactivityThreshold;
    transportOptions.random = options.reconnectJitter;
    transport = new WebSocketTransport(syncUrl.value(), transportOptions, q);
    wireTransport();
}

Client::Private::~Private() = default;

core::SyncEngineCallbacks Client::Private::engineCallbacks()
{
    core::SyncEngineCallbacks cb;
    cb.send = [this](const protocol::ClientMessage &message) {
        if (transport)
            transport->sendFrame(protocol::encode(message));
    };
    cb.queryResultsChanged = [this](const QList<core::QueryToken> &tokens) {
        onQueryResultsChanged(tokens);
    };
    cb.requestCompleted = [this](core::RequestId id, const FunctionResult &result) {
        onRequestCompleted(id, result);
    };
    cb.authenticationChanged = [this](bool authenticated) {
        markConnectionStateDirty();
        Q_EMIT q->authenticationChanged(authenticated);
    };
    cb.authRefreshingChanged = [this](bool refreshing) {
        if (authRefreshing == refreshing)
            return;
        authRefreshing = refreshing;
        Q_EMIT q->authRefreshingChanged(refreshing);
    };
    cb.fatalError = [this](const QString &error) { onFatalError(error); };
    cb.reconnectRequested = [this](const QString &reason) {
        if (transport)
            transport->closeAndReconnect(reason);
    };
    cb.stopRequested = [this] {
        if (transport)
            transport->stop();
    };
    cb.restartRequested = [this] {
        if (transport)
            transport->restart();
    };
    cb.serverLog = [this](const core::ServerLogLine &line) {
        Q_EMIT q->serverLogLine(line.udfPath, line.line);
    };
    cb.connectionStateChanged = [this] { markConnectionStateDirty(); };
    return cb;
}

void Client::Private::wireTransport()
{
    using T = WebSocketTransport;
    QObject::connect(transport, &T::opened, q, [this] {
        nextRetryAt = QDateTime();
        engine->onSocketOpened();
        markConnectionStateDirty();
    });
    QObject::connect(transport, &T::networkRecoveryReconnected, q, [this](qint64 savedMs) {
        // Diagnostics for the server, as JS sends it; only once Connect has gone out.
        if (engine->phase() != core::ConnectionPhase::Open || engine->isPaused())
            return;
        protocol::Event event;
        event.eventType = QStringLiteral("NetworkRecoveryReconnect");
        event.eventJson = QByteArray("{\"timeSavedMs\":") + QByteArray::number(savedMs) + '}';
        transport->sendFrame(protocol::encode(protocol::ClientMessage{event}));
    });
    QObject::connect(transport, &T::frameReceived, q, [this](const QByteArray &frame) {
        const core::ReceiveOutcome outcome = engine->receiveFrame(frame);
        if (outcome.syncedPastLastReconnect && transport)
            transport->resetBackoff();
        // A Transition that completes mutations has just updated query results and resolved
        // their futures synchronously; publish the lower inflight count in the same pass (JS
        // does it in a microtask, before anything renders), or a UI shows the confirmed row
        // beside a stale "1 change pending" for a frame.
        publishConnectionState();
    });
    QObject::connect(transport, &T::disconnected, q,
                     [this](const QString &reason, bool stoppedByClient) {
                         engine->onSocketClosed(reason, stoppedByClient);
                         markConnectionStateDirty();
                     });
    QObject::connect(transport, &T::reconnectScheduled, q, [this](int delayMs) {
        nextRetryAt = QDateTime::currentDateTimeUtc().addMSecs(delayMs);
        markConnectionStateDirty();
    });
    QObject::connect(transport, &T::stateChanged, q, [this] { markConnectionStateDirty(); });
    QObject::connect(transport, &T::serverDisconnectError, q, &Client::serverDisconnectError);
}

void Client::Private::onQueryResultsChanged(const QList<core::QueryToken> &tokens)
{
    // Update every affected object first, then notify: slots see one consistent snapshot.
    QList<QPointer<QuerySubscription>> changed;
    for (const core::QueryToken &token : tokens) {
        const std::optional<FunctionResult> result = engine->queryResult(token);
        for (auto it = subscriptions.constFind(token); it != subscriptions.cend() && it.key() == token;
             ++it) {
            QuerySubscription *subscription = it.value();
            if (!subscription || subscription->d->result == result)
                continue;
            subscription->d->result = result;
            changed.append(it.value());
        }
    }
    for (const QPointer<QuerySubscription> &subscription : std::as_const(changed)) {
        if (subscription)  // a slot may have deleted another subscription meanwhile
            Q_EMIT subscription->resultChanged();
    }
}

void Client::Private::onRequestCompleted(core::RequestId id, const FunctionResult &result)
{
    const auto it = pendingRequests.find(id);
    if (it == pendingRequests.end()) {
        qCDebug(lcClient) << "completion for unknown request" << id;
        return;
    }
    QPromise<FunctionResult> promise = std::move(it->second);
    pendingRequests.erase(it);
    promise.addResult(result);
    promise.finish();
    markConnectionStateDirty();
}

void Client::Private::onFatalError(const QString &error)
{
    qCWarning(lcClient).noquote() << "the server ended the session:" << error;
    if (transport)
        transport->terminate();
    failPendingRequests(error);  // the engine already failed them; this is a safety net
    detachSubscriptions();
    markConnectionStateDirty();
    Q_EMIT q->terminated(error);
}

void Client::Private::unsubscribe(QuerySubscription *subscription, const core::QueryToken &token)
{
    for (auto it = subscriptions.find(token); it != subscriptions.end() && it.key() == token;) {
        if (it.value() == subscription || it.value().isNull())
            it = subscriptions.erase(it);
        else
            ++it;
    }
    engine->unsubscribe(token);
}

void Client::Private::failPendingRequests(const QString &message)
{
    // Move out first: finishing a promise may run continuations that call back into us.
    auto pending = std::move(pendingRequests);
    pendingRequests.clear();
    for (auto &[id, promise] : pending) {
        promise.addResult(FunctionResult::clientError(message));
        promise.finish();
    }
}

QString Client::Private::unavailableReason() const
{
    if (!configurationError.isEmpty())
        return configurationError;
    if (closed)
        return kClientClosed;
    if (engine->phase() == core::ConnectionPhase::Terminated) {
        const QString fatal = engine->fatalErrorMessage();
        return fatal.isEmpty() ? kClientClosed : fatal;
    }
    return {};
}

QFuture<FunctionResult> Client::Private::startRequest(bool isMutation, const QString &name,
                                                      const Value &args)
{
    if (const QString reason = unavailableReason(); !reason.isEmpty())
        return finishedFuture(FunctionResult::clientError(reason));
    QPromise<FunctionResult> promise;
    promise.start();
    QFuture<FunctionResult> future = promise.future();
    // The engine reports invalid input from a zero-delay timer, never synchronously, so the
    // promise is always registered before its completion can arrive.
    const core::RequestId id = isMutation ? engine->mutation(name, args) : engine->action(name, args);
    pendingRequests.emplace(id, std::move(promise));
    markConnectionStateDirty();
    return future;
}

void Client::Private::shutdown()
{
    if (closed)
        return;
    closed = true;
    engine->close();  // fails pending requests with "Client closed" through requestCompleted
    if (transport)
        transport->terminate();
    failPendingRequests(kClientClosed);
    detachSubscriptions();
}

void Client::Private::detachSubscriptions()
{
    // They keep their last results; deleting them later must not reach the engine.
    for (const QPointer<QuerySubscription> &subscription : std::as_const(subscriptions)) {
        if (subscription)
            subscription->d->active = false;
    }
    subscriptions.clear();
}

ConnectionState Client::Private::computeConnectionState() const
{
    ConnectionState s;
    const bool socketReady = transport && transport->isReady();
    s.isWebSocketConnected = socketReady;
    s.connected = socketReady && engine->phase() == core::ConnectionPhase::Open && !engine->isPaused();
    if (transport) {
        s.hasEverConnected = transport->hasEverConnected();
        s.connectionCount = int(transport->connectionCount());
        s.connectionRetries = transport->retries();
        s.lastCloseReason = transport->lastCloseReason();
        if (transport->nextRetryInMs())
            s.nextRetryAt = nextRetryAt;
    }
    s.inflightMutations = engine->inflightMutations();
    s.inflightActions = engine->inflightActions();
    s.hasInflightRequests = engine->hasIncompleteRequests();
    if (const auto oldest = engine->timeOfOldestInflightRequestMs())
        s.timeOfOldestInflightRequest = QDateTime::fromMSecsSinceEpoch(*oldest, Qt::UTC);
    s.terminated = closed || !configurationError.isEmpty()
        || engine->phase() == core::ConnectionPhase::Terminated;
    if (!configurationError.isEmpty())
        s.terminationError = configurationError;
    else if (!closed)
        s.terminationError = engine->fatalErrorMessage();
    return s;
}

void Client::Private::markConnectionStateDirty()
{
    if (connectionStateCheckQueued)
        return;
    connectionStateCheckQueued = true;
    // Coalesced like JS markConnectionStateDirty: many changes in one event-loop pass
    // (a Transition completing ten mutations) give one signal.
    QMetaObject::invokeMethod(q, [this] { publishConnectionState(); }, Qt::QueuedConnection);
}

void Client::Private::publishConnectionState()
{
    if (!connectionStateCheckQueued)
        return;
    connectionStateCheckQueued = false;
    const ConnectionState current = computeConnectionState();
    if (current == lastPublishedState)
        return;
    lastPublishedState = current;
    Q_EMIT q->connectionStateChanged(current);
}

// ---- Client ----------------------------------------------------------------------------

Client::Client(const QUrl &deploymentUrl, QObject *parent)
    : Client(deploymentUrl, Options{}, parent)
{
}

Client::Client(const QUrl &deploymentUrl, const Options &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, deploymentUrl, options))
{
    qRegisterMetaType<convex::ConnectionState>();
    qRegisterMetaType<convex::FunctionResult>();
    d->lastPublishedState = d->computeConnectionState();
    if (!d->transport)
        return;
    if (options.reconnectOnNetworkChange
        && (QNetworkInformation::instance() || QNetworkInformation::loadDefaultBackend())) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online) {
                        qCInfo(lcClient) << "network is back online";
                        reconnectNow();
                    }
                });
    }
    d->transport->start();
}

Client::~Client()
{
    d->shutdown();
    // Before Private goes: the transport's signals are connected to lambdas that use it.
    delete d->transport;
    d->transport = nullptr;
}

bool Client::isValid() const { return d->configurationError.isEmpty(); }
QString Client::configurationError() const { return d->configurationError; }
QUrl Client::deploymentUrl() const { return d->deploymentUrl; }

QuerySubscription *Client::subscribe(const QString &name, const Value &args, QObject *parent)
{
    auto *subscription = new QuerySubscription(this, name, args, parent);
    if (const QString reason = d->unavailableReason(); !reason.isEmpty()) {
        subscription->d->result = FunctionResult::clientError(reason);
        return subscription;
    }
    const Result<core::SyncEngine::Subscription> made = d->engine->subscribe(name, args);
    if (!made) {
        // The caller gets the error in the subscription's result; logging it louder than debug
        // would make every embedder (qonvex-cli among them) report it twice.
        qCDebug(lcClient).noquote() << "cannot subscribe to" << name << ":" << made.error();
        subscription->d->result = FunctionResult::clientError(made.error());
        return subscription;
    }
    subscription->d->token = made->token;
    subscription->d->active = true;
    subscription->d->result = d->engine->queryResult(made->token);  // shared query: known already
    d->subscriptions.insert(made->token, subscription);
    return subscription;
}

QFuture<FunctionResult> Client::mutation(const QString &name, const Value &args)
{
    return d->startRequest(true, name, args);
}

QFuture<FunctionResult> Client::action(const QString &name, const Value &args)
{
    return d->startRequest(false, name, args);
}

void Client::setAuth(TokenFetcher fetchToken)
{
    if (!d->unavailableReason().isEmpty())
        return;
    if (!fetchToken) {
        d->engine->clearAuth();
        return;
    }
    d->engine->setAuth(std::move(fetchToken));
}

void Client::clearAuth()
{
    if (!d->unavailableReason().isEmpty())
        return;
    d->engine->clearAuth();
}

bool Client::isAuthenticated() const { return d->engine->isAuthenticated(); }

bool Client::isAuthRefreshing() const { return d->authRefreshing; }

ConnectionState Client::connectionState() const { return d->computeConnectionState(); }

void Client::reconnectNow()
{
    if (d->transport && !d->closed)
        d->transport->reconnectNow();
}

void Client::close()
{
    if (d->closed)
        return;
    qCInfo(lcClient) << "closing";
    d->shutdown();
    d->markConnectionStateDirty();
}

} // namespace convex
