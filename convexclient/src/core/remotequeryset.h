// SPDX-License-Identifier: MIT
#pragma once
// Port of remote_query_set.ts (the server's view of one socket: its StateVersion and the
// query results it sent) and of the TransitionChunk reassembly in web_socket_manager.ts
// (convex-sync-protocol.md §5.8, §6.3).

#include "protocol/messages.h"

#include <convexclient/functionresult.h>

#include <QHash>
#include <QStringList>

namespace convex::core {

//! "ts:querySet:identity", the JS rendering of a StateVersion in error messages.
QString describeVersion(const protocol::StateVersion &version);

class RemoteQuerySet {
public:
    const protocol::StateVersion &version() const { return m_version; }

    //! Empty if \a transition starts at the current version (all of querySet, identity
    //! and ts equal), else the JS error text ("Invalid start version: …").
    QString startVersionError(const protocol::Transition &transition) const;

    //! Applies a transition that passed startVersionError(): stores/removes results and
    //! moves to its endVersion.
    void apply(const protocol::Transition &transition);

    const QHash<quint32, FunctionResult> &results() const { return m_results; }

    //! The FunctionResult a QueryUpdated/QueryFailed stands for.
    static FunctionResult resultOf(const protocol::QueryUpdated &updated);
    static FunctionResult resultOf(const protocol::QueryFailed &failed);

private:
    protocol::StateVersion m_version;  // {0, 0, 0} on every new socket
    QHash<quint32, FunctionResult> m_results;
};

//! \brief Reassembles a Transition the server split into TransitionChunks.
//!
//! Parts must arrive in order with the same totalParts and transitionId; anything else
//! clears the buffer and is an error (the lost Transition leaves the client's versions
//! behind the server's, so the caller must reconnect).
class TransitionChunkAssembler {
public:
    struct Outcome {
        enum class Kind : quint8 { Incomplete, Complete, Error } kind = Kind::Incomplete;
        protocol::Transition transition;  // Complete
        QString error;                    // Error
    };
    Outcome add(const protocol::TransitionChunk &chunk);
    bool isBuffering() const { return m_totalParts != 0; }
    void reset();

private:
    QStringList m_parts;
    quint32 m_totalParts = 0;  // 0: nothing buffered
    QString m_transitionId;
};

} // namespace convex::core
