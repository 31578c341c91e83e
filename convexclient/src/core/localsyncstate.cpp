// SPDX-License-Identifier: MIT
#include "core/localsyncstate.h"

#include <algorithm>

namespace convex::core {

using protocol::Authenticate;
using protocol::ModifyQuerySet;

Result<LocalSyncState::Subscribed> LocalSyncState::subscribe(const QString &udfPath,
                                                             const Value &args,
                                                             std::optional<QString> journal,
                                                             std::optional<QString> componentPath)
{
    Result<QueryToken> token = makeQueryToken(udfPath, args);
    if (!token)
        return Result<Subscribed>::failure(token.error());

    if (auto it = m_queries.find(*token); it != m_queries.end()) {
        ++it->subscribers;
        return Subscribed{*token, it->id, std::nullopt};
    }

    LocalQuery query;
    query.id = m_nextQueryId++;  // never reused, not even across reconnects
    query.canonicalPath = canonicalizeUdfPath(udfPath);
    query.args = args;
    query.subscribers = 1;
    if (journal) {
        query.journal.present = true;
        query.journal.value = std::move(journal);
    }
    query.componentPath = std::move(componentPath);
    m_queries.insert(*token, query);
    m_tokenById.insert(query.id, *token);

    ModifyQuerySet modification{m_querySetVersion, m_querySetVersion + 1, {addFor(query)}};
    if (m_paused)
        m_pending.emplace_back(query.id, addFor(query));
    else
        m_querySetVersion = modification.newVersion;
    return Subscribed{*token, query.id, std::move(modification)};
}

std::optional<ModifyQuerySet> LocalSyncState::unsubscribe(const QueryToken &token)
{
    auto it = m_queries.find(token);
    if (it == m_queries.end())
        return std::nullopt;
    if (it->subscribers > 1) {
        --it->subscribers;
        return std::nullopt;
    }
    const quint32 id = it->id;
    m_queries.erase(it);
    m_tokenById.remove(id);
    m_outstandingQueriesOlderThanRestart.remove(id);

    ModifyQuerySet modification{m_querySetVersion, m_querySetVersion + 1,
                                {protocol::QueryRemove{id}}};
    if (m_paused) {
        // An Add collected in the same pause cancels out with this Remove.
        auto pending = std::find_if(m_pending.begin(), m_pending.end(),
                                    [id](const auto &entry) { return entry.first == id; });
        if (pending != m_pending.end())
            m_pending.erase(pending);
        else
            m_pending.emplace_back(id, protocol::QueryRemove{id});
    } else {
        m_querySetVersion = modification.newVersion;
    }
    return modification;
}

void LocalSyncState::applyTransition(const protocol::Transition &transition)
{
    for (const auto &modification : transition.modifications) {
        std::visit(
            [this](const auto &m) {
                using T = std::decay_t<decltype(m)>;
                m_outstandingQueriesOlderThanRestart.remove(m.queryId);
                if constexpr (!std::is_same_v<T, protocol::QueryRemoved>) {
                    // The query may have been unsubscribed meanwhile: then drop the journal.
                    if (!m.journal.present)
                        return;
                    const auto token = m_tokenById.constFind(m.queryId);
                    if (token != m_tokenById.cend())
                        m_queries[*token].journal = m.journal;
                }
            },
            modification);
    }
}

std::optional<quint32> LocalSyncState::queryId(const QueryToken &token) const
{
    const auto it = m_queries.constFind(token);
    if (it == m_queries.cend())
        return std::nullopt;
    return it->id;
}

std::optional<QueryToken> LocalSyncState::tokenForId(quint32 queryId) const
{
    const auto it = m_tokenById.constFind(queryId);
    if (it == m_tokenById.cend())
        return std::nullopt;
    return *it;
}

QString LocalSyncState::queryPath(quint32 queryId) const
{
    const auto token = m_tokenById.constFind(queryId);
    return token == m_tokenById.cend() ? QString() : m_queries.value(*token).canonicalPath;
}

int LocalSyncState::subscriberCount(const QueryToken &token) const
{
    return m_queries.value(token).subscribers;
}

std::optional<protocol::Journal> LocalSyncState::journal(const QueryToken &token) const
{
    const auto it = m_queries.constFind(token);
    if (it == m_queries.cend() || !it->journal.present)
        return std::nullopt;
    return it->journal;
}

Authenticate LocalSyncState::setAuth(const AuthToken &token)
{
    m_auth = AuthCredentials{Authenticate::TokenType::User, token, std::nullopt};
    m_clearedWhilePaused = false;
    const quint32 base = m_identityVersion;
    if (!m_paused)
        m_identityVersion = base + 1;
    return authenticateMessage(base);
}

Authenticate LocalSyncState::setAdminAuth(const AuthToken &key, std::optional<Value> actingAs)
{
    m_auth = AuthCredentials{Authenticate::TokenType::Admin, key, std::move(actingAs)};
    m_clearedWhilePaused = false;
    const quint32 base = m_identityVersion;
    if (!m_paused)
        m_identityVersion = base + 1;
    return authenticateMessage(base);
}

Authenticate LocalSyncState::clearAuth()
{
    m_auth.reset();
    markAuthCompletion();
    const quint32 base = m_identityVersion;
    if (m_paused) {
        // JS drops the None produced while paused and resume() only re-sends User/Admin,
        // so the server keeps the old identity (reference §7.2, sim_null.mjs). We remember
        // it and let resume() send it. Only needed if the server may hold an identity.
        m_clearedWhilePaused = m_identityVersion > 0;
    } else {
        m_identityVersion = base + 1;
    }
    Authenticate message;
    message.tokenType = Authenticate::TokenType::None;
    message.baseVersion = base;
    return message;
}

LocalSyncState::Restart LocalSyncState::restart()
{
    // The full query set supersedes anything collected while paused.
    unpause();
    m_clearedWhilePaused = false;  // a new socket starts without identity
    m_outstandingQueriesOlderThanRestart.clear();

    // Send the queries in queryId order (JS: Map insertion order, the same thing).
    QList<const LocalQuery *> queries;
    queries.reserve(m_queries.size());
    for (const LocalQuery &query : std::as_const(m_queries))
        queries.append(&query);
    std::sort(queries.begin(), queries.end(),
              [](const LocalQuery *a, const LocalQuery *b) { return a->id < b->id; });

    Restart restart;
    restart.querySet.baseVersion = 0;
    restart.querySet.newVersion = 1;
    for (const LocalQuery *query : std::as_const(queries)) {
        restart.querySet.modifications.append(addFor(*query));
        // Until every re-added query has an answer the transport must keep its backoff.
        m_outstandingQueriesOlderThanRestart.insert(query->id);
    }
    m_querySetVersion = 1;

    if (!m_auth) {
        m_identityVersion = 0;
        return restart;
    }
    m_outstandingAuthOlderThanRestart = true;
    restart.authenticate = authenticateMessage(0);
    m_identityVersion = 1;
    return restart;
}

LocalSyncState::Resume LocalSyncState::resume()
{
    Resume resume;
    if (!m_pending.empty()) {
        ModifyQuerySet querySet{m_querySetVersion, m_querySetVersion + 1, {}};
        for (const auto &entry : m_pending)
            querySet.modifications.append(entry.second);
        m_querySetVersion = querySet.newVersion;
        resume.querySet = std::move(querySet);
    }
    if (m_auth) {
        resume.authenticate = authenticateMessage(m_identityVersion++);
    } else if (m_clearedWhilePaused) {
        Authenticate none;
        none.tokenType = Authenticate::TokenType::None;
        none.baseVersion = m_identityVersion++;
        resume.authenticate = none;
    }
    m_clearedWhilePaused = false;
    unpause();
    return resume;
}

protocol::QueryAdd LocalSyncState::addFor(const LocalQuery &query) const
{
    protocol::QueryAdd add;
    add.queryId = query.id;
    add.udfPath = query.canonicalPath;
    add.args = query.args;
    add.journal = query.journal;
    add.componentPath = query.componentPath;
    return add;
}

Authenticate LocalSyncState::authenticateMessage(quint32 baseVersion) const
{
    Authenticate message;
    message.baseVersion = baseVersion;
    if (m_auth) {
        message.tokenType = m_auth->tokenType;
        message.value = m_auth->token.reveal();
        message.impersonating = m_auth->impersonating;
    }
    return message;
}

void LocalSyncState::unpause()
{
    m_paused = false;
    m_pending.clear();
}

} // namespace convex::core
