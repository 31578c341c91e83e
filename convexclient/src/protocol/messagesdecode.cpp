// SPDX-License-Identifier: MIT
// Decoders of both directions. The frame is read once by the SAX-based envelope reader
// (values/jsonreader.h), which builds the Convex values in place; the code below only checks
// and moves fields out of that tree.
#include "messages.h"

#include "values/jsonreader.h"

#include <nlohmann/json.hpp>

#include <array>
#include <limits>
#include <span>
#include <string_view>

namespace convex::protocol {

namespace {

//! Typed access to the members of one JSON object of a frame. The first problem is kept in
//! \c error (with the field's path); later calls then do nothing and return false.
class Fields {
public:
    Fields(const Value &object, QString path, QString &error)
        : m_object(object.toObject()), m_path(std::move(path)), m_error(error)
    {
    }

    bool ok() const { return m_error.isEmpty(); }
    bool has(const char *name) const { return m_object.contains(QLatin1String(name)); }
    QString path(const char *name) const { return m_path + u'.' + QLatin1String(name); }

    bool fail(const char *name, const QString &problem)
    {
        if (m_error.isEmpty())
            m_error = path(name) + u' ' + problem;
        return false;
    }

    //! Any value; must be present.
    bool value(const char *name, Value &out)
    {
        if (!ok())
            return false;
        const auto it = m_object.constFind(QLatin1String(name));
        if (it == m_object.cend())
            return fail(name, QStringLiteral("is missing"));
        out = it.value();
        return true;
    }

    //! Absent → nullopt; present (even null) → the value.
    std::optional<Value> optionalValue(const char *name) const
    {
        const auto it = m_object.constFind(QLatin1String(name));
        if (it == m_object.cend())
            return std::nullopt;
        return it.value();
    }

    bool string(const char *name, QString &out)
    {
        Value v;
        if (!value(name, v))
            return false;
        if (!v.isString())
            return fail(name, QStringLiteral("must be a string"));
        out = v.toString();
        return true;
    }

    //! Absent or null → nullopt.
    bool optionalString(const char *name, std::optional<QString> &out)
    {
        const auto v = optionalValue(name);
        if (!ok())
            return false;
        if (!v || v->isNull()) {
            out.reset();
            return true;
        }
        if (!v->isString())
            return fail(name, QStringLiteral("must be a string or null"));
        out = v->toString();
        return true;
    }

    bool boolean(const char *name, bool &out)
    {
        Value v;
        if (!value(name, v))
            return false;
        if (!v.isBool())
            return fail(name, QStringLiteral("must be a boolean"));
        out = v.toBool();
        return true;
    }

    bool int64(const char *name, qint64 &out)
    {
        Value v;
        if (!value(name, v))
            return false;
        if (!v.isInt64())  // the envelope reader keeps integer literals exact
            return fail(name, QStringLiteral("must be an integer"));
        out = v.toInt64();
        return true;
    }

    bool u32(const char *name, quint32 &out)
    {
        qint64 i = 0;
        if (!int64(name, i))
            return false;
        if (i < 0 || i > qint64(std::numeric_limits<quint32>::max()))
            return fail(name, QStringLiteral("is out of range for an unsigned 32-bit counter"));
        out = quint32(i);
        return true;
    }

    //! Absent or null → nullopt; anything else must pass \a read (one of the readers here).
    template <typename T>
    bool optional(const char *name, std::optional<T> &out, bool (Fields::*read)(const char *, T &))
    {
        const auto v = optionalValue(name);
        if (!v || v->isNull()) {
            out.reset();
            return ok();
        }
        T decoded{};
        if (!(this->*read)(name, decoded))
            return false;
        out = decoded;
        return true;
    }

    bool optionalU32(const char *name, std::optional<quint32> &out) { return optional(name, out, &Fields::u32); }
    bool optionalInt64(const char *name, std::optional<qint64> &out) { return optional(name, out, &Fields::int64); }

    bool ts(const char *name, quint64 &out)
    {
        QString text;
        if (!string(name, text))
            return false;
        const auto decoded = decodeTs(text);
        if (!decoded)
            return fail(name, QStringLiteral("is not a base64-encoded 8-byte timestamp"));
        out = *decoded;
        return true;
    }

    bool optionalTs(const char *name, std::optional<quint64> &out) { return optional(name, out, &Fields::ts); }

    bool array(const char *name, ValueArray &out)
    {
        Value v;
        if (!value(name, v))
            return false;
        if (!v.isArray())
            return fail(name, QStringLiteral("must be an array"));
        out = v.toArray();
        return true;
    }

    //! Log lines: an array of strings; absent means none.
    bool logLines(const char *name, QStringList &out)
    {
        const auto v = optionalValue(name);
        if (!v)
            return ok();
        if (!v->isArray())
            return fail(name, QStringLiteral("must be an array of strings"));
        const ValueArray lines = v->toArray();
        out.reserve(lines.size());
        for (const Value &line : lines) {
            if (!line.isString())
                return fail(name, QStringLiteral("must be an array of strings"));
            out.append(line.toString());
        }
        return ok();
    }

    //! Journal: absent, null or a string (§4.2).
    bool journal(const char *name, Journal &out)
    {
        const auto v = optionalValue(name);
        out = Journal{};
        if (!v)
            return ok();
        out.present = true;
        if (v->isNull())
            return ok();
        if (!v->isString())
            return fail(name, QStringLiteral("must be a string or null"));
        out.value = v->toString();
        return ok();
    }

    bool stateVersion(const char *name, StateVersion &out)
    {
        Value v;
        if (!value(name, v))
            return false;
        if (!v.isObject())
            return fail(name, QStringLiteral("must be an object"));
        Fields inner(v, path(name), m_error);
        return inner.u32("querySet", out.querySet) && inner.u32("identity", out.identity)
            && inner.ts("ts", out.ts);
    }

private:
    ValueObject m_object;
    QString m_path;
    QString &m_error;
};

//! What every frame starts with: a JSON object whose string `type` names the message.
struct Envelope {
    Value root;
    QString type;
};

//! \a convexKeys: the members read as Convex values; \a notAnObject: the error if the frame
//! is valid JSON but no object.
Result<Envelope> readEnvelope(QByteArrayView frame, std::span<const std::string_view> convexKeys,
                              const QString &notAnObject)
{
    Result<Value> parsed = convex::detail::readEnvelopeJson(frame, convexKeys);
    if (!parsed)
        return Result<Envelope>::failure(parsed.error());
    Envelope envelope{std::move(parsed).value(), QString()};
    if (!envelope.root.isObject())
        return Result<Envelope>::failure(notAnObject);
    QString error;
    Fields probe(envelope.root, QStringLiteral("message"), error);
    if (!probe.string("type", envelope.type))
        return Result<Envelope>::failure(error);
    return envelope;
}

//! Decodes an array of `{type, ...}` objects (state or query-set modifications) into \a out.
//! Each element must be an object with a string `type`; \a decode(fields, type, item) reads the
//! rest. Errors name the element by index (`<path>[i]...`).
template <typename Item, typename Decode>
bool decodeTypedItems(const ValueArray &items, const QString &path, QString &error, QList<Item> &out,
                      Decode decode)
{
    out.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = path + u'[' + QString::number(i) + u']';
        const Value &item = items.at(i);
        if (!item.isObject()) {
            error = itemPath + QStringLiteral(" must be an object");
            return false;
        }
        Fields f(item, itemPath, error);
        QString type;
        Item decoded;
        if (!(f.string("type", type) && decode(f, type, decoded)))
            return false;
        out.append(std::move(decoded));
    }
    return true;
}

// ---- server → client ---------------------------------------------------------------

constexpr std::array<std::string_view, 3> kServerValueKeys = {"value", "result", "errorData"};

bool decodeModification(Fields &f, const QString &type, StateModification &out)
{
    if (type == u"QueryUpdated") {
        QueryUpdated m;
        f.u32("queryId", m.queryId) && f.value("value", m.value) && f.logLines("logLines", m.logLines)
            && f.journal("journal", m.journal);
        out = std::move(m);
    } else if (type == u"QueryFailed") {
        QueryFailed m;
        f.u32("queryId", m.queryId) && f.string("errorMessage", m.errorMessage)
            && f.logLines("logLines", m.logLines) && f.journal("journal", m.journal);
        m.errorData = f.optionalValue("errorData");
        out = std::move(m);
    } else if (type == u"QueryRemoved") {
        QueryRemoved m;
        f.u32("queryId", m.queryId);
        out = m;
    } else {
        return f.fail("type", QStringLiteral("is not a known state modification"));
    }
    return f.ok();
}

bool decodeTransition(Fields &f, Transition &m, QString &error)
{
    ValueArray modifications;
    if (!(f.stateVersion("startVersion", m.startVersion) && f.stateVersion("endVersion", m.endVersion)
          && f.array("modifications", modifications) && f.optionalInt64("clientClockSkew", m.clientClockSkew)
          && f.optionalInt64("serverTs", m.serverTs))) {
        return false;
    }
    return decodeTypedItems(modifications, f.path("modifications"), error, m.modifications, decodeModification);
}

//! The `success`/`result`/`errorData` part shared by MutationResponse and ActionResponse.
template <typename Response>
bool decodeFunctionResponse(Fields &f, Response &m)
{
    if (!(f.u32("requestId", m.requestId) && f.boolean("success", m.success)
          && f.logLines("logLines", m.logLines))) {
        return false;
    }
    if (m.success)
        return f.value("result", m.result);
    Value message;
    if (!f.value("result", message))
        return false;
    if (!message.isString())
        return f.fail("result", QStringLiteral("must be the error message string when success is false"));
    m.errorMessage = message.toString();
    m.errorData = f.optionalValue("errorData");
    return true;
}

template <typename T>
Result<T> failure(const QString &error)
{
    return Result<T>::failure(error);
}

} // namespace

Result<ServerMessage> decodeServerMessage(QByteArrayView frame)
{
    Result<Envelope> envelope
        = readEnvelope(frame, kServerValueKeys, QStringLiteral("Server message is not a JSON object"));
    if (!envelope)
        return failure<ServerMessage>(envelope.error());
    const QString &type = envelope->type;
    QString error;
    Fields f(envelope->root, type, error);
    ServerMessage out;
    if (type == u"Transition") {
        Transition m;
        if (decodeTransition(f, m, error))
            out = std::move(m);
    } else if (type == u"TransitionChunk") {
        TransitionChunk m;
        if (f.string("chunk", m.chunk) && f.u32("partNumber", m.partNumber) && f.u32("totalParts", m.totalParts)
            && f.string("transitionId", m.transitionId)) {
            out = std::move(m);
        }
    } else if (type == u"MutationResponse") {
        MutationResponse m;
        if (decodeFunctionResponse(f, m)) {
            // Failures carry `ts: null` (or none); only a success has a commit timestamp.
            if (m.success) {
                quint64 ts = 0;
                if (f.ts("ts", ts))
                    m.ts = ts;
            }
            out = std::move(m);
        }
    } else if (type == u"ActionResponse") {
        ActionResponse m;
        if (decodeFunctionResponse(f, m))
            out = std::move(m);
    } else if (type == u"AuthError") {
        AuthError m;
        f.string("error", m.error) && f.optionalU32("baseVersion", m.baseVersion);
        if (f.has("authUpdateAttempted"))
            f.boolean("authUpdateAttempted", m.authUpdateAttempted);
        out = std::move(m);
    } else if (type == u"FatalError") {
        FatalError m;
        f.string("error", m.error);
        out = std::move(m);
    } else if (type == u"Ping") {
        out = Ping{};
    } else {
        return failure<ServerMessage>(QStringLiteral("Unknown server message type \"%1\"").arg(type.left(64)));
    }
    if (!error.isEmpty())
        return failure<ServerMessage>(error);
    return out;
}

// ---- client → server ---------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, 3> kClientValueKeys = {"args", "impersonating", "actingAs"};

//! `args` is `[object]`: one Convex value in an array.
bool decodeArgs(Fields &f, Value &out)
{
    ValueArray args;
    if (!f.array("args", args))
        return false;
    if (args.size() != 1)
        return f.fail("args", QStringLiteral("must be an array holding exactly one value"));
    out = args.first();
    return true;
}

template <typename Call>
bool decodeUdfCall(Fields &f, Call &m)
{
    return f.u32("requestId", m.requestId) && f.string("udfPath", m.udfPath) && decodeArgs(f, m.args)
        && f.optionalString("componentPath", m.componentPath);
}

bool decodeQuerySetModification(Fields &f, const QString &type, QuerySetModification &out)
{
    if (type == u"Add") {
        QueryAdd add;
        f.u32("queryId", add.queryId) && f.string("udfPath", add.udfPath) && decodeArgs(f, add.args)
            && f.journal("journal", add.journal) && f.optionalString("componentPath", add.componentPath);
        out = std::move(add);
    } else if (type == u"Remove") {
        QueryRemove remove;
        f.u32("queryId", remove.queryId);
        out = remove;
    } else {
        return f.fail("type", QStringLiteral("is not Add or Remove"));
    }
    return f.ok();
}

bool decodeAuthenticate(Fields &f, Authenticate &m)
{
    QString tokenType;
    if (!(f.string("tokenType", tokenType) && f.u32("baseVersion", m.baseVersion)))
        return false;
    if (tokenType == u"User")
        m.tokenType = Authenticate::TokenType::User;
    else if (tokenType == u"Admin")
        m.tokenType = Authenticate::TokenType::Admin;
    else if (tokenType == u"None")
        m.tokenType = Authenticate::TokenType::None;
    else
        return f.fail("tokenType", QStringLiteral("must be User, Admin or None"));
    if (m.tokenType != Authenticate::TokenType::None && !f.string("value", m.value))
        return false;
    m.impersonating = f.optionalValue("impersonating");
    if (!m.impersonating)
        m.impersonating = f.optionalValue("actingAs");  // the Rust client's spelling
    return true;
}

bool decodeEvent(Fields &f, Event &m, QByteArrayView frame)
{
    if (!f.string("eventType", m.eventType))
        return false;
    // The event is opaque JSON; take its text from a plain parse (events are rare and small).
    const auto doc = nlohmann::json::parse(frame.begin(), frame.end(), nullptr, false);
    const auto it = doc.is_object() ? doc.find("event") : doc.end();
    const std::string text = (doc.is_object() && it != doc.end()) ? it->dump() : std::string("null");
    m.eventJson = QByteArray(text.data(), qsizetype(text.size()));
    return true;
}

} // namespace

Result<ClientMessage> decodeClientMessage(QByteArrayView frame)
{
    Result<Envelope> envelope
        = readEnvelope(frame, kClientValueKeys, QStringLiteral("Client message is not a JSON object"));
    if (!envelope)
        return failure<ClientMessage>(envelope.error());
    const QString &type = envelope->type;
    QString error;
    Fields f(envelope->root, type, error);
    ClientMessage out;
    if (type == u"Connect") {
        Connect m;
        if (f.string("sessionId", m.sessionId) && f.u32("connectionCount", m.connectionCount)
            && f.optionalString("lastCloseReason", m.lastCloseReason)
            && f.optionalTs("maxObservedTimestamp", m.maxObservedTimestamp) && f.int64("clientTs", m.clientTs)) {
            out = std::move(m);
        }
    } else if (type == u"ModifyQuerySet") {
        ModifyQuerySet m;
        ValueArray modifications;
        if (f.u32("baseVersion", m.baseVersion) && f.u32("newVersion", m.newVersion)
            && f.array("modifications", modifications)
            && decodeTypedItems(modifications, f.path("modifications"), error, m.modifications,
                                decodeQuerySetModification)) {
            out = std::move(m);
        }
    } else if (type == u"Mutation") {
        Mutation m;
        if (decodeUdfCall(f, m))
            out = std::move(m);
    } else if (type == u"Action") {
        Action m;
        if (decodeUdfCall(f, m))
            out = std::move(m);
    } else if (type == u"Authenticate") {
        Authenticate m;
        if (decodeAuthenticate(f, m))
            out = std::move(m);
    } else if (type == u"Event") {
        Event m;
        if (decodeEvent(f, m, frame))
            out = std::move(m);
    } else {
        return failure<ClientMessage>(QStringLiteral("Unknown client message type \"%1\"").arg(type.left(64)));
    }
    if (!error.isEmpty())
        return failure<ClientMessage>(error);
    return out;
}

} // namespace convex::protocol
