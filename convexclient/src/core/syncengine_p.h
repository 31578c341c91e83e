// SPDX-License-Identifier: MIT
#pragma once
// SyncEngine's private state; implemented in syncengine.cpp (inputs, socket lifecycle)
// and syncengine_messages.cpp (server messages).

#include "core/authmanager.h"
#include "core/localsyncstate.h"
#include "core/remotequeryset.h"
#include "core/requestmanager.h"
#include "core/syncengine.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <deque>

namespace convex::core {

class SyncEngine::Private final : public AuthHost {
public:
    Private(Scheduler &scheduler, SyncEngineCallbacks callbacks, SyncEngineOptions options);
    ~Private() override;

    // ---- output queue ----
    //! Every call out of the engine goes through post(), and the queue is flushed when the
    //! outermost input returns. Callbacks may therefore re-enter the engine: the state is
    //! always consistent when they run, and their outputs keep their order.
    class InputScope {
    public:
        explicit InputScope(Private *d) : d(d) { ++d->depth; }
        ~InputScope();
        InputScope(const InputScope &) = delete;
        InputScope &operator=(const InputScope &) = delete;
    private:
        Private *d;
    };
    void post(std::function<void()> output);
    void send(const protocol::ClientMessage &message);
    void sendIfPossible(const protocol::ClientMessage &message);
    bool canSend() const;
    void failLater(RequestId id, const QString &message);
    void complete(const RequestManager::Completion &completion);
    void stateChanged();

    // ---- socket lifecycle ----
    bool isPaused() const { return userPaused || authPaused; }
    void runOpenSequence();
    void resumeIfUnpaused();
    void requestReconnect(const QString &reason, const QString &why);
    void terminate(const QString &failMessage);

    // ---- server messages (syncengine_messages.cpp) ----
    ReceiveOutcome receive(const protocol::ServerMessage &message);
    void handleTransition(const protocol::Transition &transition);
    void handleResponse(const protocol::MutationResponse &response);
    void handleResponse(const protocol::ActionResponse &response);
    void handleAuthError(const protocol::AuthError &error);
    void handleFatalError(const protocol::FatalError &error);
    void observeTimestamp(quint64 ts);
    void logFunctionLines(FunctionKind kind, const QString &udfPath, const QStringList &lines);
    RequestId startRequest(bool isMutation, const QString &udfPath, const Value &args,
                           std::optional<QString> componentPath);

    // ---- AuthHost ----
    LocalSyncState &syncState() override { return local; }
    void authenticate(const AuthToken &token) override;
    void clearAuthAndNotifyServer() override;
    void stopSocket() override;
    void tryRestartSocket() override;
    void pauseSocket() override;
    void resumeSocket() override;
    void fetchToken(const AuthManager::Fetcher &fetcher, bool forceRefresh,
                    std::function<void(std::optional<QString>)> done) override;
    void reportAuthenticated(bool value) override;
    void reportRefreshing(bool value) override;
    void runAsInput(const std::function<void()> &work) override;

    Scheduler &scheduler;
    SyncEngineCallbacks callbacks;
    SyncEngineOptions options;
    QString sessionId;

    LocalSyncState local;
    RemoteQuerySet remote;  // replaced on every socket open
    RequestManager requests;
    TransitionChunkAssembler chunks;
    AuthManager auth;
    //! What the app sees per subscribed queryId: the newest result from any socket. Kept
    //! across reconnects until the new socket delivers a fresh one.
    QHash<QueryId, FunctionResult> visible;

    ConnectionPhase phase = ConnectionPhase::Disconnected;
    bool connectPending = false;  // socket open while paused: Connect goes out on resume
    bool userPaused = false;
    bool authPaused = false;
    quint32 connectionCount = 0;  // sockets opened so far
    std::optional<QString> lastCloseReason = QStringLiteral("InitialConnect");
    // Connect metadata captured when the current socket opened (sent maybe later).
    quint32 openConnectionCount = 0;
    std::optional<QString> openLastCloseReason;
    std::optional<quint64> maxObservedTimestamp;
    RequestId nextRequestId = 0;
    bool authenticated = false;
    bool refreshing = false;
    QString fatalMessage;

    int depth = 0;
    bool flushing = false;
    std::deque<std::function<void()>> outbox;
    QSet<TimerId> failTimers;
    std::shared_ptr<int> alive = std::make_shared<int>(0);
};

} // namespace convex::core
