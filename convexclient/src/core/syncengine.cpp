// SPDX-License-Identifier: MIT
// SyncEngine: inputs from the owner, the socket lifecycle and the reconnect procedure
// (convex-sync-protocol.md §6.2, §6.5–§6.7, §6.10, §7). Server messages are handled in
// syncengine_messages.cpp.
#include "core/syncengine_p.h"

#include "core/logging.h"

#include <QUuid>

namespace convex::core {

// ---- Private: output queue --------------------------------------------------------------

SyncEngine::Private::Private(Scheduler &scheduler, SyncEngineCallbacks callbacks,
                             SyncEngineOptions options)
    : scheduler(scheduler), callbacks(std::move(callbacks)), options(std::move(options)),
      auth(*this, scheduler, this->options.authRefreshTokenLeewaySeconds,
           this->options.initialAuthTokenReuse)
{
    sessionId = this->options.sessionId.isEmpty()
        ? QUuid::createUuid().toString(QUuid::WithoutBraces)
        : this->options.sessionId;
    if (this->options.expectAuth) {
        // JS `expectAuth`: hold everything back until setAuth() produced a token.
        authPaused = true;
        local.pause();
    }
}

SyncEngine::Private::~Private()
{
    for (TimerId id : std::as_const(failTimers))
        scheduler.cancel(id);
}

SyncEngine::Private::InputScope::~InputScope()
{
    if (d->depth == 1 && !d->flushing) {
        // Outermost input: deliver everything queued, including what callbacks add.
        d->flushing = true;
        while (!d->outbox.empty()) {
            auto output = std::move(d->outbox.front());
            d->outbox.pop_front();
            output();
        }
        d->flushing = false;
    }
    --d->depth;
}

void SyncEngine::Private::post(std::function<void()> output)
{
    outbox.push_back(std::move(output));
}

bool SyncEngine::Private::canSend() const
{
    return phase == ConnectionPhase::Open && !connectPending && !isPaused();
}

void SyncEngine::Private::send(const protocol::ClientMessage &message)
{
    qCDebug(lcSync).noquote() << "sending" << protocol::typeName(message);
    post([this, message] {
        if (callbacks.send)
            callbacks.send(message);
    });
}

void SyncEngine::Private::sendIfPossible(const protocol::ClientMessage &message)
{
    if (canSend())
        send(message);
}

void SyncEngine::Private::complete(const RequestManager::Completion &completion)
{
    post([this, completion] {
        if (callbacks.requestCompleted)
            callbacks.requestCompleted(completion.requestId, completion.result);
    });
}

void SyncEngine::Private::failLater(RequestId id, const QString &message)
{
    // Reported from a timer so that the caller has the id before the result arrives.
    std::weak_ptr<int> guard = alive;
    auto timer = std::make_shared<TimerId>(0);
    *timer = scheduler.start(0, [this, guard, timer, id, message] {
        if (guard.expired())
            return;
        InputScope scope(this);
        failTimers.remove(*timer);
        complete({id, FunctionResult::clientError(message)});
    });
    failTimers.insert(*timer);
}

void SyncEngine::Private::stateChanged()
{
    post([this] {
        if (callbacks.connectionStateChanged)
            callbacks.connectionStateChanged();
    });
}

void SyncEngine::Private::runAsInput(const std::function<void()> &work)
{
    InputScope scope(this);
    work();
}

// ---- Private: socket lifecycle ------------------------------------------------------------

void SyncEngine::Private::runOpenSequence()
{
    connectPending = false;
    protocol::Connect connect;
    connect.sessionId = sessionId;
    connect.connectionCount = openConnectionCount;
    connect.lastCloseReason = openLastCloseReason;
    connect.maxObservedTimestamp = maxObservedTimestamp;
    connect.clientTs = scheduler.nowMs();
    send(connect);

    // Every socket starts from version {0,0,0}. The visible results stay (see `visible`).
    remote = RemoteQuerySet();
    LocalSyncState::Restart restart = local.restart();
    // Authenticate before the queries, so that they do not first run anonymously.
    if (restart.authenticate)
        send(*restart.authenticate);
    send(restart.querySet);
    RequestManager::Restart requestRestart = requests.restart();
    for (const auto &message : std::as_const(requestRestart.toSend))
        send(message);
    for (const auto &failed : std::as_const(requestRestart.failed))
        complete(failed);
    stateChanged();
}

void SyncEngine::Private::resumeIfUnpaused()
{
    if (isPaused())
        return;
    if (phase != ConnectionPhase::Open) {
        // Nothing to send now: the next open sends the full state anyway.
        local.resume();
        return;
    }
    if (connectPending) {
        // JS (sim_misc.mjs) can skip Connect on a socket that opened while paused; the
        // server then has no session id. Always run the whole open sequence instead.
        runOpenSequence();
        return;
    }
    LocalSyncState::Resume resume = local.resume();
    if (resume.authenticate)
        send(*resume.authenticate);
    if (resume.querySet)
        send(*resume.querySet);
    for (const auto &message : requests.resume())
        send(message);
    stateChanged();
}

void SyncEngine::Private::requestReconnect(const QString &reason, const QString &why)
{
    if (phase != ConnectionPhase::Open)
        return;
    qCWarning(lcSync).noquote() << "reconnecting, reason" << reason << "-" << why;
    phase = ConnectionPhase::Disconnected;
    connectPending = false;
    chunks.reset();
    lastCloseReason = reason;
    post([this, reason] {
        if (callbacks.reconnectRequested)
            callbacks.reconnectRequested(reason);
    });
    stateChanged();
}

void SyncEngine::Private::terminate(const QString &failMessage)
{
    phase = ConnectionPhase::Terminated;
    connectPending = false;
    chunks.reset();
    auth.stop();
    for (TimerId id : std::as_const(failTimers))
        scheduler.cancel(id);
    failTimers.clear();
    for (const auto &failed : requests.failAll(failMessage))
        complete(failed);
    stateChanged();
}

// ---- Private: AuthHost ----------------------------------------------------------------------

void SyncEngine::Private::authenticate(const AuthToken &token)
{
    sendIfPossible(local.setAuth(token));
}

void SyncEngine::Private::clearAuthAndNotifyServer()
{
    sendIfPossible(local.clearAuth());
}

void SyncEngine::Private::stopSocket()
{
    if (phase == ConnectionPhase::Terminated || phase == ConnectionPhase::Stopped)
        return;
    // Like JS stop(): the closing socket's reason is not recorded (the next Connect says
    // lastCloseReason null if this socket had opened).
    phase = ConnectionPhase::Stopped;
    connectPending = false;
    chunks.reset();
    post([this] {
        if (callbacks.stopRequested)
            callbacks.stopRequested();
    });
    stateChanged();
}

void SyncEngine::Private::tryRestartSocket()
{
    if (phase != ConnectionPhase::Stopped)
        return;
    phase = ConnectionPhase::Disconnected;
    post([this] {
        if (callbacks.restartRequested)
            callbacks.restartRequested();
    });
    stateChanged();
}

void SyncEngine::Private::pauseSocket()
{
    authPaused = true;
    local.pause();
}

void SyncEngine::Private::resumeSocket()
{
    if (!authPaused)
        return;
    authPaused = false;
    resumeIfUnpaused();
}

void SyncEngine::Private::fetchToken(const AuthManager::Fetcher &fetcher, bool forceRefresh,
                                     std::function<void(std::optional<QString>)> done)
{
    // Through the queue, so that the fetcher runs after the outputs that logically precede
    // it (e.g. stopRequested) and never in the middle of the engine's bookkeeping.
    post([fetcher, forceRefresh, done = std::move(done)] {
        if (fetcher)
            fetcher(forceRefresh, done);
        else
            done(std::nullopt);
    });
}

void SyncEngine::Private::reportAuthenticated(bool value)
{
    if (authenticated == value)
        return;
    authenticated = value;
    post([this, value] {
        if (callbacks.authenticationChanged)
            callbacks.authenticationChanged(value);
    });
}

void SyncEngine::Private::reportRefreshing(bool value)
{
    if (refreshing == value)
        return;
    refreshing = value;
    post([this, value] {
        if (callbacks.authRefreshingChanged)
            callbacks.authRefreshingChanged(value);
    });
}

// ---- SyncEngine ------------------------------------------------------------------------------

SyncEngine::SyncEngine(Scheduler &scheduler, SyncEngineCallbacks callbacks, SyncEngineOptions options)
    : d(std::make_unique<Private>(scheduler, std::move(callbacks), std::move(options)))
{
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::onSocketOpened()
{
    Private::InputScope scope(d.get());
    if (d->phase == ConnectionPhase::Terminated)
        return;
    d->phase = ConnectionPhase::Open;
    d->chunks.reset();
    d->openConnectionCount = d->connectionCount;
    d->openLastCloseReason = d->lastCloseReason;
    if (d->connectionCount > 0) {
        qCInfo(lcSync).noquote() << "WebSocket reconnected"
                                 << (d->lastCloseReason ? QStringLiteral("after disconnect due to ")
                                                              + *d->lastCloseReason
                                                        : QString());
    }
    ++d->connectionCount;
    d->lastCloseReason.reset();
    if (d->isPaused())
        d->connectPending = true;
    else
        d->runOpenSequence();
    d->stateChanged();
}

void SyncEngine::onSocketClosed(const QString &reason, bool stoppedByClient)
{
    Private::InputScope scope(d.get());
    d->chunks.reset();
    if (d->phase == ConnectionPhase::Terminated || d->phase == ConnectionPhase::Stopped)
        return;  // a socket we asked to close on purpose
    if (d->phase == ConnectionPhase::Open) {
        d->phase = ConnectionPhase::Disconnected;
        d->connectPending = false;
        d->stateChanged();
    }
    // Like JS onclose: keep the first reason since the last successful open.
    if (!stoppedByClient && !d->lastCloseReason)
        d->lastCloseReason = reason;
}

ReceiveOutcome SyncEngine::receive(const protocol::ServerMessage &message)
{
    Private::InputScope scope(d.get());
    return d->receive(message);
}

ReceiveOutcome SyncEngine::receiveFrame(QByteArrayView frame)
{
    Private::InputScope scope(d.get());
    if (d->phase != ConnectionPhase::Open)
        return {};
    Result<protocol::ServerMessage> message = protocol::decodeServerMessage(frame);
    if (!message) {
        d->requestReconnect(QStringLiteral("InvalidServerMessage"), message.error());
        return {};
    }
    return d->receive(message.value());
}

Result<SyncEngine::Subscription> SyncEngine::subscribe(const QString &udfPath, const Value &args,
                                                       std::optional<QString> journal,
                                                       std::optional<QString> componentPath)
{
    Private::InputScope scope(d.get());
    // JS sends any path; a malformed one is a FatalError that ends the whole client.
    if (const QString error = udfPathError(udfPath); !error.isEmpty())
        return Result<Subscription>::failure(
            QStringLiteral("Invalid function path \"%1\": %2").arg(udfPath, error));
    auto subscribed = d->local.subscribe(udfPath, args, std::move(journal), std::move(componentPath));
    if (!subscribed)
        return Result<Subscription>::failure(subscribed.error());
    if (subscribed->modification)
        d->sendIfPossible(*subscribed->modification);
    return Subscription{subscribed->token, subscribed->queryId};
}

void SyncEngine::unsubscribe(const QueryToken &token)
{
    Private::InputScope scope(d.get());
    const std::optional<QueryId> id = d->local.queryId(token);
    const auto modification = d->local.unsubscribe(token);
    if (!modification)
        return;
    if (id)
        d->visible.remove(*id);
    d->sendIfPossible(*modification);
    d->stateChanged();
}

std::optional<FunctionResult> SyncEngine::queryResult(const QueryToken &token) const
{
    const std::optional<QueryId> id = d->local.queryId(token);
    if (!id)
        return std::nullopt;
    const auto it = d->visible.constFind(*id);
    if (it == d->visible.cend())
        return std::nullopt;
    return *it;
}

std::optional<QueryId> SyncEngine::queryId(const QueryToken &token) const
{
    return d->local.queryId(token);
}

int SyncEngine::subscriberCount(const QueryToken &token) const
{
    return d->local.subscriberCount(token);
}

std::optional<protocol::Journal> SyncEngine::queryJournal(const QueryToken &token) const
{
    return d->local.journal(token);
}

RequestId SyncEngine::Private::startRequest(bool isMutation, const QString &udfPath,
                                            const Value &args, std::optional<QString> componentPath)
{
    const RequestId id = nextRequestId++;
    if (phase == ConnectionPhase::Terminated) {
        failLater(id, fatalMessage.isEmpty() ? QStringLiteral("Client closed")
                                             : QStringLiteral("Client terminated: ") + fatalMessage);
        return id;
    }
    QString error = udfPathError(udfPath);
    if (!error.isEmpty())
        error = QStringLiteral("Invalid function path \"%1\": %2").arg(udfPath, error);
    else if (!args.isObject())
        error = QStringLiteral("Function arguments must be an object");
    else if (const auto json = args.toJson(); !json)
        error = json.error();
    if (!error.isEmpty()) {
        failLater(id, error);
        return id;
    }
    // JS sends mutation/action paths as given (not canonicalised).
    RequestManager::Request request;
    if (isMutation)
        request = protocol::Mutation{id, udfPath, args, std::move(componentPath)};
    else
        request = protocol::Action{id, udfPath, args, std::move(componentPath)};
    const bool sent = canSend();
    if (sent)
        send(std::visit([](const auto &m) { return protocol::ClientMessage(m); }, request));
    requests.request(std::move(request), sent, scheduler.nowMs());
    stateChanged();
    return id;
}

RequestId SyncEngine::mutation(const QString &udfPath, const Value &args,
                               std::optional<QString> componentPath)
{
    Private::InputScope scope(d.get());
    return d->startRequest(true, udfPath, args, std::move(componentPath));
}

RequestId SyncEngine::action(const QString &udfPath, const Value &args,
                             std::optional<QString> componentPath)
{
    Private::InputScope scope(d.get());
    return d->startRequest(false, udfPath, args, std::move(componentPath));
}

int SyncEngine::inflightMutations() const { return d->requests.inflightMutations(); }
int SyncEngine::inflightActions() const { return d->requests.inflightActions(); }
bool SyncEngine::hasIncompleteRequests() const { return d->requests.hasIncompleteRequests(); }
std::optional<qint64> SyncEngine::timeOfOldestInflightRequestMs() const
{
    return d->requests.timeOfOldestInflightRequestMs();
}

void SyncEngine::setAuth(TokenFetcher fetchToken)
{
    Private::InputScope scope(d.get());
    if (d->phase == ConnectionPhase::Terminated)
        return;
    d->auth.setConfig(std::move(fetchToken));
}

void SyncEngine::setAdminAuth(const QString &adminKey, std::optional<Value> actingAs)
{
    Private::InputScope scope(d.get());
    if (d->phase == ConnectionPhase::Terminated)
        return;
    d->auth.stop();  // a user-token config must not overwrite the admin key later
    d->sendIfPossible(d->local.setAdminAuth(AuthToken(adminKey), std::move(actingAs)));
    d->resumeSocket();
}

void SyncEngine::clearAuth()
{
    Private::InputScope scope(d.get());
    if (d->phase == ConnectionPhase::Terminated)
        return;
    d->auth.stop();  // cancels the refresh timer and discards fetches in flight
    // While paused this None is held back and sent on resume (JS drops it, §7.2).
    d->sendIfPossible(d->local.clearAuth());
    d->reportAuthenticated(false);
    // A pending setAuth() fetch paused the socket; nobody else would resume it (JS stays
    // paused forever in that case).
    d->resumeSocket();
    // A re-authentication after an AuthError stops the socket while it fetches a new token;
    // clearAuth() discards that fetch, so nothing would restart the socket any more (JS
    // leaves it stopped for good: the "connection closes without recovery" of convex-js#22).
    // Found by tests/reliability anchor10 (sign-out during a token retry).
    d->tryRestartSocket();
}

bool SyncEngine::hasAuth() const { return d->local.hasAuth(); }
bool SyncEngine::isAuthenticated() const { return d->authenticated; }

void SyncEngine::pause()
{
    Private::InputScope scope(d.get());
    d->userPaused = true;
    d->local.pause();
}

void SyncEngine::resume()
{
    Private::InputScope scope(d.get());
    if (!d->userPaused)
        return;
    d->userPaused = false;
    d->resumeIfUnpaused();
}

bool SyncEngine::isPaused() const { return d->isPaused(); }

void SyncEngine::close()
{
    Private::InputScope scope(d.get());
    if (d->phase == ConnectionPhase::Terminated)
        return;
    d->terminate(QStringLiteral("Client closed"));
}

ConnectionPhase SyncEngine::phase() const { return d->phase; }
const QString &SyncEngine::sessionId() const { return d->sessionId; }
std::optional<quint64> SyncEngine::maxObservedTimestamp() const { return d->maxObservedTimestamp; }
bool SyncEngine::hasSyncedPastLastReconnect() const
{
    return d->requests.hasSyncedPastLastReconnect() && d->local.hasSyncedPastLastReconnect();
}
quint32 SyncEngine::connectionCount() const { return d->connectionCount; }
QString SyncEngine::fatalErrorMessage() const { return d->fatalMessage; }

} // namespace convex::core
