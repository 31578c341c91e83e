// SPDX-License-Identifier: MIT
#pragma once
// The I/O-free Convex sync client: the behaviour of the JS BaseConvexClient (convex@1.48.0,
// local_state.ts, remote_query_set.ts, request_manager.ts, authentication_manager.ts,
// client.ts, the protocol half of web_socket_manager.ts) without sockets or real timers.
// Reference: shared/reference/convex-sync-protocol.md §6, §7, §9, §10, §13.

#include "core/authtoken.h"
#include "core/scheduler.h"
#include "core/udfpath.h"
#include "protocol/messages.h"

#include <convexclient/functionresult.h>
#include <convexclient/value.h>

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace convex::core {

using QueryId = quint32;
using RequestId = quint32;

//! Asks the application for a Convex auth token (a JWT), asynchronously. `forceRefresh`
//! is true when a cached token must not be used (the server rejected or will soon expire
//! the previous one). Call `done` exactly once, with the token or nullopt for "none";
//! `done` may be called synchronously or later, and may safely outlive the engine.
using TokenFetcher =
    std::function<void(bool forceRefresh, std::function<void(std::optional<QString> token)> done)>;

//! Which kind of function wrote a log line / produced a result.
enum class FunctionKind : quint8 { Query, Mutation, Action };

//! One `console.*` line a Convex function wrote, as the server forwarded it (§10.2).
struct ServerLogLine {
    FunctionKind kind = FunctionKind::Query;
    QString udfPath;   //!< as subscribed (canonical) or as given for mutations/actions
    QString line;      //!< e.g. "[LOG] 'hello'"
};

//! Engine-level view of the socket (the transport owns the real one).
enum class ConnectionPhase : quint8 {
    Disconnected,  //!< no open socket; the transport is (re)connecting with backoff
    Open,          //!< a socket is open (the Connect sequence may wait for resume())
    Stopped,       //!< closed on the engine's request (re-auth); wait for restartRequested
    Terminated,    //!< FatalError or close(): no socket ever again
};

//! Construction options.
struct SyncEngineOptions {
    //! Stable session id (UUID, lowercase, hyphenated). Empty: a random v4 from QUuid.
    QString sessionId;
    //! Refresh a confirmed token this many seconds before it expires (JS default 10).
    qint64 authRefreshTokenLeewaySeconds = 10;
    //! JS `initialAuthTokenReuse`: after the cached token is confirmed, schedule its
    //! refresh from its remaining life instead of fetching a fresh one at once.
    bool initialAuthTokenReuse = false;
    //! JS `expectAuth`: start paused until the first setAuth() token is in.
    bool expectAuth = false;
};

//! \brief Everything the engine tells its owner. Unset callbacks are skipped.
//!
//! Callbacks are invoked synchronously from the engine's inputs (or from Scheduler
//! timers). They may call back into the engine (e.g. unsubscribe from
//! queryResultsChanged); re-entrant calls are queued and processed in order.
struct SyncEngineCallbacks {
    //! Send this message on the current socket now. Only called while a socket is open and
    //! the engine is not paused; messages come in the exact order they must go out.
    //! Encode with protocol::encode().
    std::function<void(const protocol::ClientMessage &)> send;

    //! The visible results of these queries changed. All queries changed by one Transition
    //! are reported in one call, after the whole Transition was applied (a consistent
    //! snapshot). Read them with queryResult(). Unchanged re-deliveries are not reported.
    std::function<void(const QList<QueryToken> &)> queryResultsChanged;

    //! A mutation or action finished: resolve its promise. Called once per request. For
    //! mutations completed by a Transition this comes after that Transition's
    //! queryResultsChanged, in requestId order.
    std::function<void(RequestId, const FunctionResult &)> requestCompleted;

    //! isAuthenticated() changed (true only after the server confirmed a token).
    std::function<void(bool isAuthenticated)> authenticationChanged;
    //! JS onRefreshChange: true while the socket is stopped to replace a rejected token.
    std::function<void(bool isRefreshing)> authRefreshingChanged;

    //! The server sent FatalError (or close() was called): the engine is Terminated. Close
    //! the socket and never reconnect. Pending requests are failed first.
    std::function<void(const QString &error)> fatalError;

    //! The current socket can no longer be trusted (start-version mismatch, bad chunk,
    //! undecodable frame, AuthError): close it and reconnect WITH backoff, as a
    //! client-initiated close with this reason. The engine has already recorded
    //! \a closeReason as the next Connect's lastCloseReason and is Disconnected; a later
    //! onSocketClosed() for that socket is harmless.
    std::function<void(const QString &closeReason)> reconnectRequested;

    //! Close the socket and do NOT reconnect until restartRequested (JS `stop()`, used
    //! while fetching a replacement for a rejected token). The next Connect reports
    //! lastCloseReason null. The engine is Stopped as of this call.
    std::function<void()> stopRequested;
    //! Open a new socket now, without backoff (JS `tryRestart()`). Only after stopRequested.
    std::function<void()> restartRequested;

    //! A function log line (also written to the `qonvex.convex.server` category).
    std::function<void(const ServerLogLine &)> serverLog;

    //! Something the transport may show changed: in-flight request counts, phase,
    //! hasSyncedPastLastReconnect() (JS `markConnectionStateDirty`).
    std::function<void()> connectionStateChanged;
};

//! What receive() learned that the transport needs.
struct ReceiveOutcome {
    //! JS `hasSyncedPastLastReconnect` after this message: when true, reset the reconnect
    //! backoff. Always false for Ping and for incomplete TransitionChunks (JS returns early).
    bool syncedPastLastReconnect = false;
};

/*!
 * \brief The Convex sync client state machine, with no I/O of its own.
 *
 * Owner's contract (a QObject facade holding a WebSocket):
 *
 *     facade ──inputs──▶ SyncEngine ──callbacks──▶ facade
 *     onSocketOpened()            send(msg)                 (write the frame)
 *     onSocketClosed(r, stopped)  reconnectRequested(reason) (close, reconnect w/ backoff)
 *     receive(msg) / receiveFrame stopRequested / restartRequested (re-auth dance)
 *     subscribe/unsubscribe       queryResultsChanged / requestCompleted
 *     mutation/action             authenticationChanged / authRefreshingChanged
 *     setAuth/clearAuth           fatalError (Terminated)
 *     pause/resume/close          serverLog / connectionStateChanged
 *
 * Connection phases:
 *
 *     Disconnected ──onSocketOpened──▶ Open ──onSocketClosed / reconnectRequested──▶ Disconnected
 *     Open/Disconnected ──stopRequested (re-auth)──▶ Stopped ──restartRequested → onSocketOpened──▶ Open
 *     any ──FatalError / close()──▶ Terminated
 *
 * On every socket open (once not paused) the engine sends, in order (§6.7): Connect
 * (stable sessionId, connectionCount, lastCloseReason, maxObservedTimestamp, clientTs),
 * Authenticate{baseVersion 0} if auth is set, the full ModifyQuerySet 0→1 (always, even
 * empty), then requests in requestId order: NotSent and Requested/Completed mutations
 * (same requestId), NotSent actions; in-flight actions fail with "Connection lost while
 * action was in flight".
 *
 * Differences from JS (deliberate, see the .cpp files): a start-version mismatch asks for
 * a reconnect instead of getting stuck; results survive a reconnect until fresh ones
 * arrive; clearAuth() while paused still reaches the server; Connect always goes first
 * on a socket that opened while paused; malformed function paths fail the call instead
 * of killing the client; authenticationChanged fires only on real changes.
 *
 * Not thread-safe: use from one thread (the scheduler's).
 */
class SyncEngine {
public:
    //! \a scheduler must outlive the engine.
    SyncEngine(Scheduler &scheduler, SyncEngineCallbacks callbacks,
               SyncEngineOptions options = {});
    ~SyncEngine();
    SyncEngine(const SyncEngine &) = delete;
    SyncEngine &operator=(const SyncEngine &) = delete;

    // ---- socket events (from the transport) ---------------------------------------

    //! A new socket is open. Sends the Connect sequence now, or on resume() if paused.
    void onSocketOpened();
    //! The socket closed (or failed to open). \a reason: the server's close reason, or
    //! "closed with code N" if it gave none, or the transport's own reason
    //! ("InactiveServer", "FailedToSendMessage"). \a stoppedByClient: the owner closed it
    //! deliberately (after stopRequested, or its own stop); then the next Connect carries
    //! lastCloseReason null. Idempotent.
    void onSocketClosed(const QString &reason, bool stoppedByClient);
    //! One decoded server message. Ignored unless the phase is Open.
    ReceiveOutcome receive(const protocol::ServerMessage &message);
    //! One raw text frame; an undecodable frame triggers reconnectRequested("InvalidServerMessage").
    ReceiveOutcome receiveFrame(QByteArrayView frame);

    // ---- queries -----------------------------------------------------------------

    struct Subscription {
        QueryToken token;
        QueryId queryId = 0;
    };
    //! Adds a subscriber to (udfPath, args). The first subscriber of a token allocates a
    //! new queryId (never reused) and sends ModifyQuerySet{Add}; later ones only count.
    //! \a journal is sent with the Add if given. Fails (nothing changes) if \a args is not
    //! an encodable object or \a udfPath is malformed.
    Result<Subscription> subscribe(const QString &udfPath, const Value &args,
                                   std::optional<QString> journal = {},
                                   std::optional<QString> componentPath = {});
    //! Removes one subscriber; the last one sends ModifyQuerySet{Remove} and forgets the
    //! result at once. Unknown tokens are ignored.
    void unsubscribe(const QueryToken &token);

    //! The visible result of a subscribed query: nullopt while loading. Query errors are
    //! FunctionResult::functionError (with errorData for ConvexError).
    std::optional<FunctionResult> queryResult(const QueryToken &token) const;
    //! The queryId of a subscribed token.
    std::optional<QueryId> queryId(const QueryToken &token) const;
    //! Current subscriber count of a token (0 if not subscribed).
    int subscriberCount(const QueryToken &token) const;
    //! The last journal the server sent for a subscribed query (nullopt = none yet).
    std::optional<protocol::Journal> queryJournal(const QueryToken &token) const;

    // ---- requests ----------------------------------------------------------------

    //! Starts a mutation; its result arrives via requestCompleted. A success resolves only
    //! once a Transition with endVersion.ts >= its commit ts was applied; a failure at
    //! once. Invalid input or a Terminated engine fail it with a ClientError, reported
    //! from a zero-delay scheduler timer (so the caller can record the id first).
    RequestId mutation(const QString &udfPath, const Value &args,
                       std::optional<QString> componentPath = {});
    //! Starts an action; resolved by its ActionResponse (no timestamp gating).
    RequestId action(const QString &udfPath, const Value &args,
                     std::optional<QString> componentPath = {});

    int inflightMutations() const;   //!< not yet resolved (including Completed-not-reflected)
    int inflightActions() const;
    //! True if a request was sent and has no response yet (JS hasIncompleteRequests).
    bool hasIncompleteRequests() const;
    //! When (Scheduler::nowMs) the oldest unanswered request was made; nullopt if none.
    std::optional<qint64> timeOfOldestInflightRequestMs() const;

    // ---- auth --------------------------------------------------------------------

    //! JS setAuth: pause, fetch (forceRefresh false), send Authenticate, resume; then keep
    //! the token fresh (refresh exp-iat-leeway after each confirmation) and re-fetch up to
    //! 3 times on AuthError before giving up. Replaces any previous auth.
    void setAuth(TokenFetcher fetchToken);
    //! Admin key auth (dashboard/CLI use), optionally impersonating a user identity.
    void setAdminAuth(const QString &adminKey, std::optional<Value> actingAs = {});
    //! Forgets auth: cancels refresh timers and in-flight fetches and sends
    //! Authenticate{None} — also when paused (it goes out on resume).
    void clearAuth();
    bool hasAuth() const;
    //! The last confirmed state (JS onChange); false until the server confirmed a token.
    bool isAuthenticated() const;

    // ---- flow control ------------------------------------------------------------

    //! Stop sending (messages are collected; §6.10). Nests with the auth fetch pause.
    void pause();
    //! Send what was collected (or the whole Connect sequence if the socket opened meanwhile).
    void resume();
    bool isPaused() const;

    //! Shut down for good: fail pending requests with ClientError "Client closed", stop
    //! auth. Phase becomes Terminated (fatalError is not called).
    void close();

    // ---- state -------------------------------------------------------------------

    ConnectionPhase phase() const;
    const QString &sessionId() const;
    //! Max of applied Transition end timestamps and successful mutation timestamps.
    std::optional<quint64> maxObservedTimestamp() const;
    //! Every query re-added and the auth re-sent on the last (re)connect have been
    //! answered, and every request older than it completed (§6.7 backoff reset).
    bool hasSyncedPastLastReconnect() const;
    //! Number of sockets that have opened so far.
    quint32 connectionCount() const;
    //! The FatalError message once Terminated by the server.
    QString fatalErrorMessage() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace convex::core
