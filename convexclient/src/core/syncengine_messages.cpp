// SPDX-License-Identifier: MIT
// SyncEngine: what each server message does (convex-sync-protocol.md §5, §6.3, §6.5, §6.9,
// §7.2). Deviations from the JS client are marked "JS:".
#include "core/syncengine_p.h"

#include "core/logging.h"

namespace convex::core {

namespace {
QChar kindLetter(FunctionKind kind)
{
    switch (kind) {
    case FunctionKind::Query: return QLatin1Char('Q');
    case FunctionKind::Mutation: return QLatin1Char('M');
    case FunctionKind::Action: return QLatin1Char('A');
    }
    return QLatin1Char('?');
}
} // namespace

ReceiveOutcome SyncEngine::Private::receive(const protocol::ServerMessage &message)
{
    if (phase != ConnectionPhase::Open)
        return {};  // a late message from a socket we already gave up on
    if (std::holds_alternative<protocol::Ping>(message))
        return {};  // only resets the transport's inactivity timer
    if (connectPending)
        return {};  // nothing can be addressed to us before our Connect

    if (const auto *chunk = std::get_if<protocol::TransitionChunk>(&message)) {
        TransitionChunkAssembler::Outcome outcome = chunks.add(*chunk);
        switch (outcome.kind) {
        case TransitionChunkAssembler::Outcome::Kind::Incomplete:
            return {};
        case TransitionChunkAssembler::Outcome::Kind::Error:
            // JS throws and carries on, one Transition short of the server: every later
            // Transition then fails the start-version check. Start over instead.
            requestReconnect(QStringLiteral("InvalidTransitionChunk"), outcome.error);
            return {};
        case TransitionChunkAssembler::Outcome::Kind::Complete:
            handleTransition(outcome.transition);
            break;
        }
    } else {
        if (chunks.isBuffering()) {
            qCWarning(lcSync).noquote() << "Received unexpected" << protocol::typeName(message)
                                        << "while buffering TransitionChunks";
            chunks.reset();
        }
        std::visit(
            [this](const auto &m) {
                using T = std::decay_t<decltype(m)>;
                if constexpr (std::is_same_v<T, protocol::Transition>)
                    handleTransition(m);
                else if constexpr (std::is_same_v<T, protocol::MutationResponse>
                                   || std::is_same_v<T, protocol::ActionResponse>)
                    handleResponse(m);
                else if constexpr (std::is_same_v<T, protocol::AuthError>)
                    handleAuthError(m);
                else if constexpr (std::is_same_v<T, protocol::FatalError>)
                    handleFatalError(m);
            },
            message);
    }
    ReceiveOutcome outcome;
    outcome.syncedPastLastReconnect = phase == ConnectionPhase::Open
        && requests.hasSyncedPastLastReconnect() && local.hasSyncedPastLastReconnect();
    return outcome;
}

void SyncEngine::Private::handleTransition(const protocol::Transition &transition)
{
    // JS: throws "Invalid start version" and ignores the message; the client then rejects
    // every following Transition and is stuck until something else closes the socket.
    // We reconnect (with a full resync: every socket starts from version 0).
    // JS also records endVersion.ts and runs the auth bookkeeping BEFORE this check; we
    // validate first so that a bogus Transition cannot confirm a token or raise
    // maxObservedTimestamp (a too-high one makes the server refuse the next Connect).
    if (const QString error = remote.startVersionError(transition); !error.isEmpty()) {
        requestReconnect(QStringLiteral("InvalidStartVersion"), error);
        return;
    }
    observeTimestamp(transition.endVersion.ts);
    auth.onTransition(transition);

    QList<QueryToken> changed;
    for (const auto &modification : transition.modifications) {
        std::optional<FunctionResult> result;
        quint32 queryId = 0;
        QStringList logLines;
        if (const auto *updated = std::get_if<protocol::QueryUpdated>(&modification)) {
            queryId = updated->queryId;
            result = RemoteQuerySet::resultOf(*updated);
            logLines = updated->logLines;
        } else if (const auto *failed = std::get_if<protocol::QueryFailed>(&modification)) {
            queryId = failed->queryId;
            result = RemoteQuerySet::resultOf(*failed);
            logLines = failed->logLines;
        } else {
            continue;  // QueryRemoved: only acknowledges our Remove
        }
        // Results for queries unsubscribed meanwhile are dropped.
        const std::optional<QueryToken> token = local.tokenForId(queryId);
        if (!token)
            continue;
        logFunctionLines(FunctionKind::Query, local.queryPath(queryId), logLines);
        auto it = visible.find(queryId);
        if (it != visible.end() && *it == *result)
            continue;  // the same result re-delivered (typically after a reconnect)
        visible.insert(queryId, *result);
        if (!changed.contains(*token))
            changed.append(*token);
    }
    remote.apply(transition);
    local.applyTransition(transition);
    const QList<RequestManager::Completion> completed = requests.removeCompleted(remote.version().ts);

    // One notification per Transition, after all of it was applied: a consistent snapshot.
    // JS (§6.11): after a reconnect it replaces all results with the new socket's, which
    // reads as "loading" until re-delivered; `visible` keeps the previous values instead.
    if (!changed.isEmpty()) {
        post([this, changed] {
            if (callbacks.queryResultsChanged)
                callbacks.queryResultsChanged(changed);
        });
    }
    for (const auto &completion : completed)
        complete(completion);
    if (!completed.isEmpty())
        stateChanged();
}

void SyncEngine::Private::handleResponse(const protocol::MutationResponse &response)
{
    if (response.success && response.ts)
        observeTimestamp(*response.ts);
    const RequestManager::Response outcome = requests.onResponse(response);
    if (!outcome.known)
        return;
    logFunctionLines(FunctionKind::Mutation, outcome.udfPath, response.logLines);
    if (!response.success)
        qCInfo(lcServer).noquote() << QStringLiteral("[CONVEX M(%1)]").arg(outcome.udfPath)
                                   << response.errorMessage;
    if (outcome.resolved) {
        complete(*outcome.resolved);
        stateChanged();
    }
}

void SyncEngine::Private::handleResponse(const protocol::ActionResponse &response)
{
    const RequestManager::Response outcome = requests.onResponse(response);
    if (!outcome.known)
        return;
    logFunctionLines(FunctionKind::Action, outcome.udfPath, response.logLines);
    if (!response.success)
        qCInfo(lcServer).noquote() << QStringLiteral("[CONVEX A(%1)]").arg(outcome.udfPath)
                                   << response.errorMessage;
    if (outcome.resolved) {
        complete(*outcome.resolved);
        stateChanged();
    }
}

void SyncEngine::Private::handleAuthError(const protocol::AuthError &error)
{
    if (auth.onAuthError(error))
        return;  // the auth manager stopped the socket and will restart it
    // The server closes the socket after every AuthError. Do not wait for that: the
    // identity on this socket is unusable, so reconnect (the next socket carries whatever
    // auth is current, or none).
    requestReconnect(QStringLiteral("AuthError"), error.error);
}

void SyncEngine::Private::handleFatalError(const protocol::FatalError &error)
{
    qCCritical(lcSync).noquote() << "[CONVEX FATAL ERROR]" << error.error;
    fatalMessage = error.error;
    // JS terminates and leaves pending promises unsettled; we fail them.
    terminate(QStringLiteral("Client terminated: ") + error.error);
    post([this, message = error.error] {
        if (callbacks.fatalError)
            callbacks.fatalError(message);
    });
}

void SyncEngine::Private::observeTimestamp(quint64 ts)
{
    if (!maxObservedTimestamp || *maxObservedTimestamp < ts)
        maxObservedTimestamp = ts;
}

void SyncEngine::Private::logFunctionLines(FunctionKind kind, const QString &udfPath,
                                           const QStringList &lines)
{
    for (const QString &line : lines) {
        // The text was written by the app's own function; it is not a client secret.
        qCInfo(lcServer).noquote() << QStringLiteral("[CONVEX %1(%2)]").arg(kindLetter(kind)).arg(udfPath)
                                   << line;
        post([this, entry = ServerLogLine{kind, udfPath, line}] {
            if (callbacks.serverLog)
                callbacks.serverLog(entry);
        });
    }
}

} // namespace convex::core
