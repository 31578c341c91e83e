// SPDX-License-Identifier: MIT
#pragma once
// Port of request_manager.ts: mutations and actions in flight, their status, and what is
// re-sent or failed on reconnect (convex-sync-protocol.md §6.5–§6.7).

#include "protocol/messages.h"

#include <convexclient/functionresult.h>

#include <QList>
#include <QSet>

#include <map>
#include <optional>
#include <variant>

namespace convex::core {

enum class RequestStatus : quint8 {
    NotSent,    //!< made while no socket was usable; goes out on (re)connect or resume
    Requested,  //!< sent, no response yet
    Completed,  //!< mutation succeeded on the server; waits for a Transition past its ts
};

class RequestManager {
public:
    using Request = std::variant<protocol::Mutation, protocol::Action>;
    struct Completion {
        quint32 requestId = 0;
        FunctionResult result;
    };

    void request(Request message, bool sent, qint64 nowMs);

    struct Response {
        bool known = false;       //!< false: unknown or already completed id, ignore it
        bool isMutation = false;
        QString udfPath;
        std::optional<Completion> resolved;  //!< set when the promise resolves now
    };
    //! Failures and action results resolve at once; a mutation success becomes Completed.
    Response onResponse(const protocol::MutationResponse &response);
    Response onResponse(const protocol::ActionResponse &response);

    //! Resolves every Completed mutation with ts <= \a ts, in requestId order.
    QList<Completion> removeCompleted(quint64 ts);

    struct Restart {
        QList<protocol::ClientMessage> toSend;  //!< in requestId order
        QList<Completion> failed;               //!< actions lost in flight
    };
    //! A new socket: NotSent → sent; Requested/Completed mutations re-sent with the same
    //! id; Requested actions failed ("Connection lost while action was in flight").
    Restart restart();
    //! After a pause: the NotSent requests, now sent.
    QList<protocol::ClientMessage> resume();
    //! Fails every request (client shut down or terminated).
    QList<Completion> failAll(const QString &message);

    std::optional<RequestStatus> status(quint32 requestId) const;
    bool hasIncompleteRequests() const;
    bool hasInflightRequests() const { return !m_requests.empty(); }
    bool hasSyncedPastLastReconnect() const { return m_olderThanRestart.isEmpty(); }
    std::optional<qint64> timeOfOldestInflightRequestMs() const;
    int inflightMutations() const { return m_mutations; }
    int inflightActions() const { return m_actions; }

private:
    struct Entry {
        Request message;
        RequestStatus status = RequestStatus::NotSent;
        qint64 requestedAtMs = 0;
        FunctionResult result;  // Completed
        quint64 ts = 0;         // Completed
    };
    static bool isMutation(const Entry &entry)
    {
        return std::holds_alternative<protocol::Mutation>(entry.message);
    }
    static protocol::ClientMessage toClientMessage(const Request &request);
    Response handleResponse(quint32 requestId, bool success, const Value &value,
                            const QString &errorMessage, const std::optional<Value> &errorData,
                            const QStringList &logLines, std::optional<quint64> ts,
                            bool isMutationResponse);
    void forget(std::map<quint32, Entry>::iterator it);

    std::map<quint32, Entry> m_requests;  // ordered: re-sending must keep requestId order
    QSet<quint32> m_olderThanRestart;
    int m_mutations = 0;
    int m_actions = 0;
};

} // namespace convex::core
