// SPDX-License-Identifier: MIT
#pragma once
// Internals of convex::Client: the glue between the I/O-free SyncEngine (protocol state)
// and the WebSocketTransport (sockets, timers). The facade owns no protocol state of its
// own beyond "which promise / which subscription object belongs to which id".

#include <convexclient/client.h>

#include "core/scheduler.h"
#include "core/syncengine.h"
#include "transport/websockettransport.h"

#include <QHash>
#include <QMultiHash>
#include <QPointer>
#include <QPromise>

#include <map>
#include <memory>

namespace convex {

class Client::Private {
public:
    Private(Client *q, const QUrl &deploymentUrl, const Client::Options &options);
    ~Private();

    void wireTransport();
    core::SyncEngineCallbacks engineCallbacks();

    // Engine callbacks.
    void onQueryResultsChanged(const QList<core::QueryToken> &tokens);
    void onRequestCompleted(core::RequestId id, const FunctionResult &result);
    void onFatalError(const QString &error);

    // Subscriptions.
    void unsubscribe(QuerySubscription *subscription, const core::QueryToken &token);

    //! Finishes every pending future with a ClientError (nothing may hang).
    void failPendingRequests(const QString &message);
    //! Marks every subscription inactive and forgets them (client closed or terminated).
    void detachSubscriptions();
    //! Why new calls fail at once, or empty if the client can take them.
    QString unavailableReason() const;
    QFuture<FunctionResult> startRequest(bool isMutation, const QString &name, const Value &args);
    //! Shuts everything down; \a emitSignals false from the destructor.
    void shutdown();

    ConnectionState computeConnectionState() const;
    //! Schedules one coalesced connectionStateChanged() check.
    void markConnectionStateDirty();
    //! Publishes a change marked dirty now instead of on the next event-loop pass.
    void publishConnectionState();

    Client *q;
    QUrl deploymentUrl;
    QString configurationError;
    Client::Options options;
    bool closed = false;
    bool authRefreshing = false;

    core::QtScheduler scheduler;
    std::unique_ptr<core::SyncEngine> engine;
    transport::WebSocketTransport *transport = nullptr;  // child of q; null if misconfigured

    std::map<core::RequestId, QPromise<FunctionResult>> pendingRequests;
    QMultiHash<core::QueryToken, QPointer<QuerySubscription>> subscriptions;

    QDateTime nextRetryAt;
    bool connectionStateCheckQueued = false;
    ConnectionState lastPublishedState;
};

struct QuerySubscription::Private {
    QPointer<Client> client;
    QString name;
    Value args;
    core::QueryToken token;
    bool active = false;
    std::optional<FunctionResult> result;
};

} // namespace convex
