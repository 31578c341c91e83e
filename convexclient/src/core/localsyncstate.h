// SPDX-License-Identifier: MIT
#pragma once
// Port of local_state.ts: the subscribed queries, the query-set and identity versions,
// the current auth, and the "synced past last reconnect" bookkeeping
// (convex-sync-protocol.md §6.1, §6.2, §6.7, §6.10, §7.1).

#include "core/authtoken.h"
#include "core/udfpath.h"
#include "protocol/messages.h"

#include <QHash>
#include <QSet>

#include <vector>
#include <optional>

namespace convex::core {

//! The credentials the client re-sends on every new socket.
struct AuthCredentials {
    protocol::Authenticate::TokenType tokenType = protocol::Authenticate::TokenType::User;
    AuthToken token;
    std::optional<Value> impersonating;  // Admin only
};

class LocalSyncState {
public:
    struct Subscribed {
        QueryToken token;
        quint32 queryId = 0;
        //! The Add to send (nullopt: the token already had subscribers). Only to be sent
        //! when not paused; while paused it has been collected instead.
        std::optional<protocol::ModifyQuerySet> modification;
    };
    Result<Subscribed> subscribe(const QString &udfPath, const Value &args,
                                 std::optional<QString> journal,
                                 std::optional<QString> componentPath);
    //! Removes one subscriber; returns the Remove to send when the last one left.
    std::optional<protocol::ModifyQuerySet> unsubscribe(const QueryToken &token);

    //! Journals and restart bookkeeping of an applied Transition.
    void applyTransition(const protocol::Transition &transition);

    std::optional<quint32> queryId(const QueryToken &token) const;
    std::optional<QueryToken> tokenForId(quint32 queryId) const;
    //! Canonical path of a subscribed query id, empty if not subscribed.
    QString queryPath(quint32 queryId) const;
    int subscriberCount(const QueryToken &token) const;
    std::optional<protocol::Journal> journal(const QueryToken &token) const;

    // ---- auth ----
    bool isCurrentOrNewerAuthVersion(quint32 version) const { return version >= m_identityVersion; }
    quint32 identityVersion() const { return m_identityVersion; }
    const std::optional<AuthCredentials> &auth() const { return m_auth; }
    bool hasAuth() const { return m_auth.has_value(); }
    bool isNewAuth(const AuthToken &token) const { return !m_auth || !(m_auth->token == token); }
    protocol::Authenticate setAuth(const AuthToken &token);
    protocol::Authenticate setAdminAuth(const AuthToken &key, std::optional<Value> actingAs);
    //! Forgets the auth. The returned None is to be sent only when not paused; while
    //! paused it is remembered and resume() produces it (JS drops it: see the .cpp).
    protocol::Authenticate clearAuth();
    void markAuthCompletion() { m_outstandingAuthOlderThanRestart = false; }

    // ---- socket lifecycle ----
    struct Restart {
        protocol::ModifyQuerySet querySet;               // always 0 → 1 with every query
        std::optional<protocol::Authenticate> authenticate;
    };
    //! A new socket: the full query set and the auth, versions restarted. Unpauses.
    Restart restart();
    void pause() { m_paused = true; }
    bool isPaused() const { return m_paused; }
    struct Resume {
        std::optional<protocol::Authenticate> authenticate;
        std::optional<protocol::ModifyQuerySet> querySet;
    };
    //! What was collected while paused, versions bumped. Unpauses.
    Resume resume();

    bool hasSyncedPastLastReconnect() const
    {
        return m_outstandingQueriesOlderThanRestart.isEmpty() && !m_outstandingAuthOlderThanRestart;
    }

private:
    struct LocalQuery {
        quint32 id = 0;
        QString canonicalPath;
        Value args;
        int subscribers = 0;
        protocol::Journal journal;
        std::optional<QString> componentPath;
    };
    protocol::QueryAdd addFor(const LocalQuery &query) const;
    protocol::Authenticate authenticateMessage(quint32 baseVersion) const;
    void unpause();

    quint32 m_nextQueryId = 0;
    quint32 m_querySetVersion = 0;
    quint32 m_identityVersion = 0;
    QHash<QueryToken, LocalQuery> m_queries;
    QHash<quint32, QueryToken> m_tokenById;
    std::optional<AuthCredentials> m_auth;
    QSet<quint32> m_outstandingQueriesOlderThanRestart;
    bool m_outstandingAuthOlderThanRestart = false;
    bool m_paused = false;
    bool m_clearedWhilePaused = false;
    // Edits collected while paused, per queryId, in insertion order (like the JS Map).
    std::vector<std::pair<quint32, protocol::QuerySetModification>> m_pending;
};

} // namespace convex::core
