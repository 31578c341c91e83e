// SPDX-License-Identifier: MIT
#pragma once
// The Convex sync protocol's messages as plain structs, and their JSON codec.
// Wire format: ../shared/reference/convex-sync-protocol.md §3–§5. Internal header:
// nothing here is part of the public API.

#include <convexclient/result.h>
#include <convexclient/value.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace convex::protocol {

//! u64 timestamps travel as base64 of 8 little-endian bytes (§3, vectors §14.2).
QString encodeTs(quint64 ts);
std::optional<quint64> decodeTs(QStringView base64);

struct StateVersion {
    quint32 querySet = 0;
    quint32 identity = 0;
    quint64 ts = 0;
    bool operator==(const StateVersion &) const = default;
};

// ---- client → server ---------------------------------------------------------------

struct Connect {
    QString sessionId;                       // UUID, stable for the client's lifetime
    quint32 connectionCount = 0;
    std::optional<QString> lastCloseReason;  // nullopt is sent as JSON null
    std::optional<quint64> maxObservedTimestamp;  // omitted when nullopt
    qint64 clientTs = 0;                     // ms, written as an integer literal
};

//! Journal of a query: absent (not sent), null, or an opaque string (§4.2, §10.4).
struct Journal {
    bool present = false;                    // false: field omitted
    std::optional<QString> value;            // present && nullopt: JSON null
    bool operator==(const Journal &) const = default;
};

struct QueryAdd {
    quint32 queryId = 0;
    QString udfPath;
    Value args;                              // the args object; sent as [args]
    Journal journal;
    std::optional<QString> componentPath;
};
struct QueryRemove {
    quint32 queryId = 0;
};
using QuerySetModification = std::variant<QueryAdd, QueryRemove>;

struct ModifyQuerySet {
    quint32 baseVersion = 0;
    quint32 newVersion = 0;
    QList<QuerySetModification> modifications;
};

struct Mutation {
    quint32 requestId = 0;
    QString udfPath;
    Value args;                              // sent as [args]
    std::optional<QString> componentPath;
};
struct Action {
    quint32 requestId = 0;
    QString udfPath;
    Value args;
    std::optional<QString> componentPath;
};

struct Authenticate {
    enum class TokenType : quint8 { User, Admin, None };
    TokenType tokenType = TokenType::None;
    quint32 baseVersion = 0;
    QString value;                           // the token; not sent for None
    std::optional<Value> impersonating;      // Admin only
};

struct Event {
    QString eventType;
    QByteArray eventJson;                    // any JSON, inserted verbatim ("null" if empty)
};

using ClientMessage = std::variant<Connect, ModifyQuerySet, Mutation, Action, Authenticate, Event>;

// ---- server → client ---------------------------------------------------------------

struct QueryUpdated {
    quint32 queryId = 0;
    Value value;
    QStringList logLines;
    Journal journal;
};
struct QueryFailed {
    quint32 queryId = 0;
    QString errorMessage;
    QStringList logLines;
    std::optional<Value> errorData;          // present only for ConvexError (may hold null)
    Journal journal;
};
struct QueryRemoved {
    quint32 queryId = 0;
};
using StateModification = std::variant<QueryUpdated, QueryFailed, QueryRemoved>;

struct Transition {
    StateVersion startVersion;
    StateVersion endVersion;
    QList<StateModification> modifications;
    std::optional<qint64> clientClockSkew;   // ms
    std::optional<qint64> serverTs;          // ns, diagnostics only
};

struct TransitionChunk {
    QString chunk;
    quint32 partNumber = 0;
    quint32 totalParts = 0;
    QString transitionId;
};

struct MutationResponse {
    quint32 requestId = 0;
    bool success = false;
    Value result;                            // success: the return value
    QString errorMessage;                    // failure: the message (wire field `result`)
    std::optional<Value> errorData;          // failure from ConvexError
    std::optional<quint64> ts;               // success: commit timestamp
    QStringList logLines;
};
struct ActionResponse {
    quint32 requestId = 0;
    bool success = false;
    Value result;
    QString errorMessage;
    std::optional<Value> errorData;
    QStringList logLines;
};

struct AuthError {
    QString error;
    std::optional<quint32> baseVersion;
    bool authUpdateAttempted = false;
};
struct FatalError {
    QString error;
};
struct Ping {};

using ServerMessage = std::variant<Transition, TransitionChunk, MutationResponse, ActionResponse,
                                   AuthError, FatalError, Ping>;

// ---- codec ---------------------------------------------------------------------------

//! One compact JSON text frame. Counters are integer literals; args wrapped as [args]
//! (null args are sent as `{}`, like JS's undefined args). Convex values are written as
//! they are: validate args with Value::toJson() first (invalid field names, nesting > 64),
//! as the JS client does before sending. An Event's eventJson that is not valid JSON is
//! sent as null.
QByteArray encode(const ClientMessage &message);
//! Parse one server frame. Malformed JSON, an unknown `type`, a missing or mistyped field
//! or an invalid Convex value yields an error naming the problem, never a crash.
//! Lenient like the server's serde parsing: unknown fields are ignored; absent `logLines`
//! means none, absent `journal` is Journal{} and absent `clientClockSkew`/`serverTs`
//! nullopt. Error texts never quote the frame's content.
Result<ServerMessage> decodeServerMessage(QByteArrayView frame);

//! The reverse directions, for in-process test servers and fakes.
QByteArray encode(const ServerMessage &message);
Result<ClientMessage> decodeClientMessage(QByteArrayView frame);

//! Short name of the message kind ("Transition", "Connect", …) for logs. Never the body.
QString typeName(const ServerMessage &message);
QString typeName(const ClientMessage &message);

} // namespace convex::protocol
