// SPDX-License-Identifier: MIT
#include "core/requestmanager.h"

#include "core/logging.h"

namespace convex::core {

void RequestManager::request(Request message, bool sent, qint64 nowMs)
{
    const quint32 id = std::visit([](const auto &m) { return m.requestId; }, message);
    Entry entry;
    entry.message = std::move(message);
    entry.status = sent ? RequestStatus::Requested : RequestStatus::NotSent;
    entry.requestedAtMs = nowMs;
    if (isMutation(entry))
        ++m_mutations;
    else
        ++m_actions;
    m_requests.insert_or_assign(id, std::move(entry));
}

RequestManager::Response RequestManager::onResponse(const protocol::MutationResponse &r)
{
    return handleResponse(r.requestId, r.success, r.result, r.errorMessage, r.errorData,
                          r.logLines, r.ts, true);
}

RequestManager::Response RequestManager::onResponse(const protocol::ActionResponse &r)
{
    return handleResponse(r.requestId, r.success, r.result, r.errorMessage, r.errorData,
                          r.logLines, std::nullopt, false);
}

RequestManager::Response RequestManager::handleResponse(quint32 requestId, bool success,
                                                        const Value &value,
                                                        const QString &errorMessage,
                                                        const std::optional<Value> &errorData,
                                                        const QStringList &logLines,
                                                        std::optional<quint64> ts,
                                                        bool isMutationResponse)
{
    Response response;
    auto it = m_requests.find(requestId);
    // Unknown ids (e.g. an action we already failed locally, or a duplicate response after a
    // re-send) are ignored, like JS does.
    if (it == m_requests.end() || it->second.status == RequestStatus::Completed)
        return response;
    if (isMutation(it->second) != isMutationResponse) {
        qCWarning(lcSync) << "Ignoring a response whose kind does not match request"
                          << requestId;
        return response;
    }
    response.known = true;
    response.isMutation = isMutationResponse;
    response.udfPath = std::visit([](const auto &m) { return m.udfPath; }, it->second.message);

    FunctionResult result = success ? FunctionResult::success(value, logLines)
                                    : FunctionResult::functionError(errorMessage, errorData, logLines);
    if (!isMutationResponse || !success) {
        response.resolved = Completion{requestId, std::move(result)};
        forget(it);
        return response;
    }
    // A mutation's effects are only visible once a Transition reaches its commit ts, so
    // resolving now would let the caller read results that do not include it yet.
    it->second.status = RequestStatus::Completed;
    it->second.result = std::move(result);
    it->second.ts = ts.value_or(0);
    return response;
}

QList<RequestManager::Completion> RequestManager::removeCompleted(quint64 ts)
{
    QList<Completion> completed;
    for (auto it = m_requests.begin(); it != m_requests.end();) {
        auto next = std::next(it);
        if (it->second.status == RequestStatus::Completed && it->second.ts <= ts) {
            completed.append(Completion{it->first, it->second.result});
            forget(it);
        }
        it = next;
    }
    return completed;
}

RequestManager::Restart RequestManager::restart()
{
    Restart restart;
    m_olderThanRestart.clear();
    for (auto it = m_requests.begin(); it != m_requests.end();) {
        auto next = std::next(it);
        Entry &entry = it->second;
        m_olderThanRestart.insert(it->first);
        if (entry.status == RequestStatus::NotSent) {
            entry.status = RequestStatus::Requested;
            restart.toSend.append(toClientMessage(entry.message));
        } else if (isMutation(entry)) {
            // Requested or Completed: the server deduplicates by (sessionId, requestId), and
            // a Completed one still needs a Transition past its ts on the new socket.
            restart.toSend.append(toClientMessage(entry.message));
        } else {
            // Actions are not idempotent: never re-send one that may have run.
            restart.failed.append(Completion{
                it->first,
                FunctionResult::clientError(
                    QStringLiteral("Connection lost while action was in flight"))});
            forget(it);
        }
        it = next;
    }
    return restart;
}

QList<protocol::ClientMessage> RequestManager::resume()
{
    QList<protocol::ClientMessage> toSend;
    for (auto &[id, entry] : m_requests) {
        if (entry.status == RequestStatus::NotSent) {
            entry.status = RequestStatus::Requested;
            toSend.append(toClientMessage(entry.message));
        }
    }
    return toSend;
}

QList<RequestManager::Completion> RequestManager::failAll(const QString &message)
{
    QList<Completion> failed;
    for (const auto &[id, entry] : m_requests)
        failed.append(Completion{id, FunctionResult::clientError(message)});
    m_requests.clear();
    m_olderThanRestart.clear();
    m_mutations = 0;
    m_actions = 0;
    return failed;
}

std::optional<RequestStatus> RequestManager::status(quint32 requestId) const
{
    const auto it = m_requests.find(requestId);
    if (it == m_requests.end())
        return std::nullopt;
    return it->second.status;
}

bool RequestManager::hasIncompleteRequests() const
{
    for (const auto &[id, entry] : m_requests) {
        if (entry.status == RequestStatus::Requested)
            return true;
    }
    return false;
}

std::optional<qint64> RequestManager::timeOfOldestInflightRequestMs() const
{
    std::optional<qint64> oldest;
    for (const auto &[id, entry] : m_requests) {
        if (entry.status == RequestStatus::Completed)
            continue;
        if (!oldest || entry.requestedAtMs < *oldest)
            oldest = entry.requestedAtMs;
    }
    return oldest;
}

protocol::ClientMessage RequestManager::toClientMessage(const Request &request)
{
    return std::visit([](const auto &m) { return protocol::ClientMessage(m); }, request);
}

void RequestManager::forget(std::map<quint32, Entry>::iterator it)
{
    if (isMutation(it->second))
        --m_mutations;
    else
        --m_actions;
    m_olderThanRestart.remove(it->first);
    m_requests.erase(it);
}

} // namespace convex::core
