// SPDX-License-Identifier: MIT
#pragma once
// Helpers for the convex::Client unit tests: building server messages, reading what the
// client sent, unsigned test JWTs, and a log capture that proves tokens never get logged.

#include "fakesyncserver.h"
#include "protocol/messages.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <optional>

namespace qonvex::test {

namespace wire = convex::protocol;

//! The server side of one socket's state version, so tests can emit valid Transitions.
struct ServerVersion {
    wire::StateVersion current;

    //! A Transition from the current version to (querySet, identity, ts); becomes current.
    wire::Transition next(quint32 querySet, quint32 identity, quint64 ts,
                          QList<wire::StateModification> modifications = {})
    {
        wire::Transition t;
        t.startVersion = current;
        t.endVersion = wire::StateVersion{querySet, identity, ts};
        t.modifications = std::move(modifications);
        current = t.endVersion;
        return t;
    }
};

inline wire::QueryUpdated queryUpdated(quint32 queryId, const convex::Value &value,
                                       QStringList logLines = {})
{
    wire::QueryUpdated u;
    u.queryId = queryId;
    u.value = value;
    u.logLines = std::move(logLines);
    u.journal.present = true;  // null journal, as the backend sends
    return u;
}

inline wire::MutationResponse mutationSuccess(quint32 requestId, const convex::Value &result,
                                              quint64 ts)
{
    wire::MutationResponse r;
    r.requestId = requestId;
    r.success = true;
    r.result = result;
    r.ts = ts;
    return r;
}

//! Messages of type T that connection \a index sent, in order.
template <typename T>
QList<T> sentOfType(const FakeSyncServer &server, int index = -1)
{
    QList<T> out;
    for (const auto &m : server.messages(index)) {
        if (const auto *t = std::get_if<T>(&m))
            out.append(*t);
    }
    return out;
}

//! An unsigned JWT with numeric iat/exp (what the refresh logic needs) and a marker subject.
QString makeTestJwt(qint64 issuedAt, qint64 expiresAt, const QString &subject);

//! Captures every Qt log message (all categories, all levels) while alive, then restores the
//! previous handler. Thread-safe.
class LogCapture {
public:
    LogCapture();
    ~LogCapture();
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    QStringList lines() const;
    //! True if any captured message (category or text) contains \a needle.
    bool contains(const QString &needle) const;
};

} // namespace qonvex::test
