// SPDX-License-Identifier: MIT
#pragma once

#include <convexclient/connectionstate.h>
#include <convexclient/functionresult.h>
#include <convexclient/querysubscription.h>
#include <convexclient/value.h>

#include <QFuture>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace convex {

//! \brief A realtime connection to one Convex deployment: live queries, mutations,
//! actions and authentication over the Convex sync protocol (WebSocket).
//!
//! Behaves like the official JS `ConvexClient` (convex@1.48.0): one WebSocket, automatic
//! reconnects with jittered exponential backoff, queries and pending mutations re-sent
//! after a reconnect, mutations resolved only once every subscribed query reflects them,
//! auth tokens refreshed before they expire.
//!
//! \code
//! auto *client = new convex::Client(QUrl(u"https://happy-animal-123.convex.cloud"_qs), this);
//! auto *tasks = client->subscribe(u"tasks:list"_qs);      // owned by the caller
//! connect(tasks, &convex::QuerySubscription::resultChanged, this, [=] { show(tasks->value()); });
//! client->mutation(u"tasks:add"_qs, convex::ValueObject{{u"text"_qs, u"milk"_qs}})
//!     .then([self = QPointer(this)](const convex::FunctionResult &r) {
//!         if (self && !r.isSuccess()) self->warn(r.errorMessage());
//!     });
//! \endcode
//!
//! Prefer a QPointer guard to `.then(this, …)`: a destroyed client finishes its pending
//! futures, and Qt 6.4's `then(context, …)` asserts (Debug builds) when the context object is
//! already gone by then, as `this` is when the client is its child.
//!
//! Everything runs on the thread that created the client (its event loop); call it only
//! from there. Futures finish on that thread too. No call blocks.
//!
//! The deployment URL must be `https://…`; `http://` is accepted only for local hosts
//! (localhost, 127.0.0.0/8, ::1) because tokens travel over this connection. A rejected
//! URL does not throw: isValid() is false, configurationError() says why, the client is
//! terminated, and every call fails with a ClientError.
//!
//! Tokens given by the token fetcher are never logged and never exposed as properties.
class Client : public QObject {
    Q_OBJECT
    Q_PROPERTY(QUrl deploymentUrl READ deploymentUrl CONSTANT)
    Q_PROPERTY(convex::ConnectionState connectionState READ connectionState NOTIFY connectionStateChanged)
    Q_PROPERTY(bool authenticated READ isAuthenticated NOTIFY authenticationChanged)
    Q_PROPERTY(bool authRefreshing READ isAuthRefreshing NOTIFY authRefreshingChanged)

public:
    //! Tuning knobs. The defaults are the JS client's.
    struct Options {
        //! Reconnect when the server sent nothing at all (not even its 15 s Ping) for this
        //! long; also bounds how long a connection attempt may hang.
        std::chrono::milliseconds serverInactivityThreshold{60000};
        //! Refresh a confirmed auth token this many seconds before it expires.
        qint64 authRefreshTokenLeewaySeconds = 10;
        //! After a cached token is confirmed, refresh it from its remaining lifetime
        //! instead of fetching a fresh one at once (JS `initialAuthTokenReuse`).
        bool initialAuthTokenReuse = false;
        //! Hold back queries and requests until the first setAuth() token is in, so that
        //! nothing runs unauthenticated first (JS `expectAuth`).
        bool expectAuth = false;
        //! Call reconnectNow() when QNetworkInformation reports the network is back online
        //! (the JS client's browser `online` listener). Ignored where no backend exists.
        bool reconnectOnNetworkChange = true;
        //! Reconnect jitter source, uniform in [0, 1). Empty: QRandomGenerator. For tests.
        std::function<double()> reconnectJitter;
    };

    //! Asks the application for a Convex auth token (a JWT from the identity provider).
    //! \a forceRefresh: a cached token must not be used (it was rejected or is about to
    //! expire). Call \a done exactly once, now or later, on the client's thread, with the
    //! token or std::nullopt for "signed out". \a done stays safe to call after the client
    //! was destroyed or auth was changed (the answer is then ignored).
    using TokenFetcher =
        std::function<void(bool forceRefresh, std::function<void(std::optional<QString> token)> done)>;

    //! Connects to \a deploymentUrl (e.g. `https://happy-animal-123.convex.cloud`) at once.
    explicit Client(const QUrl &deploymentUrl, QObject *parent = nullptr);
    Client(const QUrl &deploymentUrl, const Options &options, QObject *parent = nullptr);
    //! Closes the connection; pending futures finish with a ClientError.
    ~Client() override;

    //! The deployment URL was accepted.
    bool isValid() const;
    //! Why the deployment URL was rejected; empty if isValid().
    QString configurationError() const;
    QUrl deploymentUrl() const;

    //! \brief Subscribes to the query \a name (e.g. "tasks:list" or "dir/file:export")
    //! with the arguments object \a args.
    //!
    //! The returned object belongs to the caller (or to \a parent); delete it to
    //! unsubscribe. Subscriptions to the same name and arguments share one server query.
    QuerySubscription *subscribe(const QString &name, const Value &args = ValueObject{},
                                 QObject *parent = nullptr);

    //! \brief Runs the mutation \a name with the arguments object \a args.
    //!
    //! The future finishes once the server ran it *and* every subscription reflects its
    //! writes (success), when the mutation threw (FunctionError), or with a ClientError if
    //! the client is closed or the input was invalid. Pending mutations survive reconnects
    //! (the server deduplicates the re-sent request), so they never finish just because
    //! the connection dropped. Mutations run on the server in call order.
    QFuture<FunctionResult> mutation(const QString &name, const Value &args = ValueObject{});

    //! \brief Runs the action \a name with the arguments object \a args.
    //!
    //! Finishes when the server answers. Actions are not idempotent: if the connection
    //! drops while one is running, it finishes with the ClientError "Connection lost while
    //! action was in flight" (it may or may not have run).
    QFuture<FunctionResult> action(const QString &name, const Value &args = ValueObject{});

    //! \brief Authenticates with tokens from \a fetchToken, replacing any previous auth.
    //!
    //! Like the JS client: queries and requests wait while the first token is fetched;
    //! isAuthenticated() becomes true only once the server accepted a token; tokens are
    //! refreshed before they expire; a token the server rejects is replaced by a
    //! force-refreshed one (up to three times in a row) before the client gives up and
    //! continues signed out.
    void setAuth(TokenFetcher fetchToken);
    //! Signs out of the Convex connection (queries re-run without identity).
    void clearAuth();
    //! The server confirmed the current token.
    bool isAuthenticated() const;
    //! A rejected or expired token is being replaced (the connection is briefly stopped).
    bool isAuthRefreshing() const;

    //! The current connection state (cheap; computed on demand).
    ConnectionState connectionState() const;

public Q_SLOTS:
    //! Reconnect at once instead of waiting for the backoff timer, e.g. when the machine
    //! woke up or the application knows the network came back (see also
    //! Options::reconnectOnNetworkChange). Does nothing while connected or closed.
    void reconnectNow();
    //! Closes the connection for good. Pending mutations and actions finish with the
    //! ClientError "Client closed"; subscriptions keep their last results. Idempotent.
    void close();

Q_SIGNALS:
    //! connectionState() changed (coalesced: at most once per event-loop iteration).
    void connectionStateChanged(const convex::ConnectionState &state);
    //! isAuthenticated() changed.
    void authenticationChanged(bool isAuthenticated);
    //! isAuthRefreshing() changed.
    void authRefreshingChanged(bool isRefreshing);
    //! A Convex function running for this client wrote a log line (`console.log` etc.),
    //! e.g. functionPath "tasks:list", line "[LOG] 'hello'".
    void serverLogLine(const QString &functionPath, const QString &line);
    //! The server closed the socket with an unusual close code (e.g. 1011); informational,
    //! the client reconnects by itself.
    void serverDisconnectError(const QString &message);
    //! The client stopped for good because of \a error (a server FatalError). Not emitted
    //! for close().
    void terminated(const QString &error);

private:
    friend class QuerySubscription;
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace convex
