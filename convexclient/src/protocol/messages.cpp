// SPDX-License-Identifier: MIT
// Timestamps, type names and the encoders of both directions. Decoders: messagesdecode.cpp.
#include "messages.h"

#include "jsonobjectwriter.h"
#include "values/base64.h"

#include <nlohmann/json.hpp>

namespace convex::protocol {

using detail::JsonObjectWriter;

QString encodeTs(quint64 ts)
{
    return QString::fromLatin1(convex::detail::base64EncodeLE64(ts));
}

std::optional<quint64> decodeTs(QStringView base64)
{
    for (QChar c : base64) {
        if (c.unicode() >= 0x80)
            return std::nullopt;
    }
    return convex::detail::base64DecodeLE64(base64.toLatin1());
}

namespace {

template <class... Ts>
struct Overloaded : Ts... { using Ts::operator()...; };
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// JS passes `undefined` args as {}; a default-constructed (null) Value means the same here.
void writeArgs(JsonObjectWriter &w, const Value &args)
{
    QByteArray &out = w.key("args");
    out.append('[');
    if (args.isNull())
        out.append("{}");
    else
        convex::detail::writeJson(out, args, {.lenient = true});
    out.append(']');
}

void writeJournal(JsonObjectWriter &w, const Journal &journal)
{
    if (journal.present)
        w.optionalString("journal", journal.value);
}

void writeStateVersion(JsonObjectWriter &w, const char *name, const StateVersion &v)
{
    JsonObjectWriter inner(w.key(name));
    inner.unsignedInteger("querySet", v.querySet);
    inner.unsignedInteger("identity", v.identity);
    inner.string("ts", encodeTs(v.ts));
}

const char16_t *tokenTypeName(Authenticate::TokenType type)
{
    switch (type) {
    case Authenticate::TokenType::User: return u"User";
    case Authenticate::TokenType::Admin: return u"Admin";
    case Authenticate::TokenType::None: break;
    }
    return u"None";
}

void writeUdfCall(JsonObjectWriter &w, const char16_t *type, quint32 requestId, const QString &udfPath,
                  const Value &args, const std::optional<QString> &componentPath)
{
    w.string("type", type);
    w.unsignedInteger("requestId", requestId);
    w.string("udfPath", udfPath);
    writeArgs(w, args);
    if (componentPath)
        w.string("componentPath", *componentPath);
}

} // namespace

QByteArray encode(const ClientMessage &message)
{
    QByteArray out;
    out.reserve(256);
    JsonObjectWriter w(out);
    std::visit(Overloaded{
        [&](const Connect &m) {
            w.string("type", u"Connect");
            w.string("sessionId", m.sessionId);
            w.unsignedInteger("connectionCount", m.connectionCount);
            w.optionalString("lastCloseReason", m.lastCloseReason);
            if (m.maxObservedTimestamp)
                w.string("maxObservedTimestamp", encodeTs(*m.maxObservedTimestamp));
            w.integer("clientTs", m.clientTs);
        },
        [&](const ModifyQuerySet &m) {
            w.string("type", u"ModifyQuerySet");
            w.unsignedInteger("baseVersion", m.baseVersion);
            w.unsignedInteger("newVersion", m.newVersion);
            QByteArray &list = w.key("modifications");
            list.append('[');
            bool first = true;
            for (const QuerySetModification &mod : m.modifications) {
                if (!first)
                    list.append(',');
                first = false;
                JsonObjectWriter item(list);
                if (const auto *add = std::get_if<QueryAdd>(&mod)) {
                    item.string("type", u"Add");
                    item.unsignedInteger("queryId", add->queryId);
                    item.string("udfPath", add->udfPath);
                    writeArgs(item, add->args);
                    writeJournal(item, add->journal);
                    if (add->componentPath)
                        item.string("componentPath", *add->componentPath);
                } else {
                    item.string("type", u"Remove");
                    item.unsignedInteger("queryId", std::get<QueryRemove>(mod).queryId);
                }
            }
            list.append(']');
        },
        [&](const Mutation &m) { writeUdfCall(w, u"Mutation", m.requestId, m.udfPath, m.args, m.componentPath); },
        [&](const Action &m) { writeUdfCall(w, u"Action", m.requestId, m.udfPath, m.args, m.componentPath); },
        [&](const Authenticate &m) {
            w.string("type", u"Authenticate");
            w.unsignedInteger("baseVersion", m.baseVersion);
            w.string("tokenType", tokenTypeName(m.tokenType));
            if (m.tokenType != Authenticate::TokenType::None)
                w.string("value", m.value);
            if (m.tokenType == Authenticate::TokenType::Admin && m.impersonating)
                w.value("impersonating", *m.impersonating);
        },
        [&](const Event &m) {
            w.string("type", u"Event");
            w.string("eventType", m.eventType);
            // Inserted verbatim, so it must be JSON; anything else would corrupt the frame.
            const bool valid = !m.eventJson.isEmpty()
                && nlohmann::json::accept(m.eventJson.constBegin(), m.eventJson.constEnd());
            w.raw("event", valid ? QByteArrayView(m.eventJson) : QByteArrayView("null"));
        },
    }, message);
    return out;
}

namespace {

void writeFunctionResponse(JsonObjectWriter &w, bool success, const Value &result, const QString &errorMessage)
{
    w.boolean("success", success);
    if (success)
        w.value("result", result);
    else
        w.string("result", errorMessage);
}

} // namespace

QByteArray encode(const ServerMessage &message)
{
    QByteArray out;
    out.reserve(256);
    JsonObjectWriter w(out);
    std::visit(Overloaded{
        [&](const Transition &m) {
            w.string("type", u"Transition");
            writeStateVersion(w, "startVersion", m.startVersion);
            writeStateVersion(w, "endVersion", m.endVersion);
            QByteArray &list = w.key("modifications");
            list.append('[');
            bool first = true;
            for (const StateModification &mod : m.modifications) {
                if (!first)
                    list.append(',');
                first = false;
                JsonObjectWriter item(list);
                std::visit(Overloaded{
                    [&](const QueryUpdated &u) {
                        item.string("type", u"QueryUpdated");
                        item.unsignedInteger("queryId", u.queryId);
                        item.value("value", u.value);
                        item.stringList("logLines", u.logLines);
                        writeJournal(item, u.journal);
                    },
                    [&](const QueryFailed &f) {
                        item.string("type", u"QueryFailed");
                        item.unsignedInteger("queryId", f.queryId);
                        item.string("errorMessage", f.errorMessage);
                        item.stringList("logLines", f.logLines);
                        if (f.errorData)
                            item.value("errorData", *f.errorData);
                        writeJournal(item, f.journal);
                    },
                    [&](const QueryRemoved &r) {
                        item.string("type", u"QueryRemoved");
                        item.unsignedInteger("queryId", r.queryId);
                    },
                }, mod);
            }
            list.append(']');
            if (m.clientClockSkew)
                w.integer("clientClockSkew", *m.clientClockSkew);
            else
                w.null("clientClockSkew");
            if (m.serverTs)
                w.integer("serverTs", *m.serverTs);
        },
        [&](const TransitionChunk &m) {
            w.string("type", u"TransitionChunk");
            w.string("chunk", m.chunk);
            w.unsignedInteger("partNumber", m.partNumber);
            w.unsignedInteger("totalParts", m.totalParts);
            w.string("transitionId", m.transitionId);
        },
        [&](const MutationResponse &m) {
            w.string("type", u"MutationResponse");
            w.unsignedInteger("requestId", m.requestId);
            writeFunctionResponse(w, m.success, m.result, m.errorMessage);
            if (m.success && m.ts)
                w.string("ts", encodeTs(*m.ts));
            else
                w.null("ts");
            w.stringList("logLines", m.logLines);
            if (!m.success && m.errorData)
                w.value("errorData", *m.errorData);
        },
        [&](const ActionResponse &m) {
            w.string("type", u"ActionResponse");
            w.unsignedInteger("requestId", m.requestId);
            writeFunctionResponse(w, m.success, m.result, m.errorMessage);
            w.stringList("logLines", m.logLines);
            if (!m.success && m.errorData)
                w.value("errorData", *m.errorData);
        },
        [&](const AuthError &m) {
            w.string("type", u"AuthError");
            w.string("error", m.error);
            if (m.baseVersion)
                w.unsignedInteger("baseVersion", *m.baseVersion);
            else
                w.null("baseVersion");
            w.boolean("authUpdateAttempted", m.authUpdateAttempted);
        },
        [&](const FatalError &m) {
            w.string("type", u"FatalError");
            w.string("error", m.error);
        },
        [&](const Ping &) { w.string("type", u"Ping"); },
    }, message);
    return out;
}

QString typeName(const ServerMessage &message)
{
    static const char *const names[] = {"Transition", "TransitionChunk", "MutationResponse", "ActionResponse",
                                        "AuthError", "FatalError", "Ping"};
    static_assert(std::size(names) == std::variant_size_v<ServerMessage>);
    return QLatin1String(names[message.index()]);
}

QString typeName(const ClientMessage &message)
{
    static const char *const names[] = {"Connect", "ModifyQuerySet", "Mutation", "Action", "Authenticate", "Event"};
    static_assert(std::size(names) == std::variant_size_v<ClientMessage>);
    return QLatin1String(names[message.index()]);
}

} // namespace convex::protocol
