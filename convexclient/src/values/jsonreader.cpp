// SPDX-License-Identifier: MIT
#include "jsonreader.h"

#include "jsonfastreader.h"
#include "specialvalues.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <optional>
#include <vector>

namespace convex::detail {

namespace {

using json = nlohmann::json;

enum class Special : quint8 { None, Integer, Float, Bytes, CommitTs };

DollarKey toDollarKey(Special s)
{
    switch (s) {
    case Special::Integer: return DollarKey::Integer;
    case Special::Float: return DollarKey::Float;
    case Special::Bytes: return DollarKey::Bytes;
    default: return DollarKey::CommitTs;
    }
}

//! An array or object being built.
struct Frame {
    bool isObject = false;
    bool convex = false;          // members are Convex values
    bool keyIsConvex = false;     // envelope object: the current member holds a Convex value
    bool inMember = false;        // key is set: a member's value is being read
    Special special = Special::None;  // a `$integer`/`$float`/`$bytes`/`$commitTs` member
    qsizetype members = 0;
    QString key;                  // current member's name
    Value specialPayload;
    // A `$integer`/`$float`/`$bytes` string, decoded straight from the token's bytes; reported
    // (even a failure) only at the object's end, so a second key's error still comes first.
    std::optional<Result<Value>> specialDecoded;
    // Where this container's elements start on Builder::m_elements (arrays; recorded for
    // objects too, so that error paths can count an enclosing array's elements).
    std::size_t elementsStart = 0;
    // Members are moved in (no reference-count traffic) and the finished tree handed to
    // ValueObject's std::map constructor in one step.
    std::map<QString, Value> object;
};

// Reuses the QString of a recently seen field name: documents in a query result repeat the
// same few keys, so this saves an allocation (and memory) per member.
class KeyCache {
public:
    QString get(const std::string &k, bool ascii)
    {
        if (k.size() > 32)
            return make(k, ascii);
        size_t h = 1469598103934665603ull;
        for (char c : k)
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        Slot &slot = m_slots[h % m_slots.size()];
        // The slot keeps the key's bytes too: a byte compare is cheaper than Latin-1 vs UTF-16.
        if (!slot.text.isNull() && slot.bytes == k)
            return slot.text;
        if (!ascii)
            return make(k, ascii);
        slot.bytes = k;
        slot.text = make(k, ascii);
        return slot.text;
    }

private:
    static QString make(const std::string &k, bool ascii)
    {
        return ascii ? QString::fromLatin1(k.data(), qsizetype(k.size()))
                     : QString::fromUtf8(k.data(), qsizetype(k.size()));
    }
    struct Slot {
        std::string bytes;  // at most 32 bytes: mostly in the small-string buffer
        QString text;
    };
    std::array<Slot, 128> m_slots;
};

bool isAscii(const std::string &s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

class Builder {
public:
    Builder(bool rootConvex, std::span<const std::string_view> convexKeys)
        : m_rootConvex(rootConvex), m_convexKeys(convexKeys)
    {
        m_stack.reserve(16);
    }

    Value root;
    QString error;

    // ---- nlohmann SAX interface ----
    bool null() { return put(Value()); }
    bool boolean(bool b) { return put(Value(b)); }
    bool number_integer(json::number_integer_t v)
    {
        return put(convexHere() ? Value(double(v)) : Value::int64(v));
    }
    bool number_unsigned(json::number_unsigned_t v)
    {
        // Every JSON number is a float64 in Convex; big literals round like JSON.parse would.
        if (convexHere() || v > quint64(std::numeric_limits<qint64>::max()))
            return put(Value(double(v)));
        return put(Value::int64(qint64(v)));
    }
    bool number_float(json::number_float_t v, const json::string_t &) { return put(Value(double(v))); }
    bool string(json::string_t &s)
    {
        if (!m_stack.empty()) {
            Frame &f = m_stack.back();
            if (f.isObject && f.special != Special::None && f.special != Special::CommitTs) {
                f.specialDecoded = decodeSpecialText(toDollarKey(f.special), QByteArrayView(s.data(), qsizetype(s.size())));
                return true;
            }
        }
        return put(Value(QString::fromUtf8(s.data(), qsizetype(s.size()))));
    }
    bool binary(json::binary_t &) { return fail(QStringLiteral("Unexpected binary value")); }
    bool start_object(std::size_t) { return open(true); }
    bool start_array(std::size_t) { return open(false); }
    bool key(json::string_t &k);
    bool end_object();
    bool end_array();
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &e);

private:
    bool convexHere() const
    {
        if (m_stack.empty())
            return m_rootConvex;
        const Frame &f = m_stack.back();
        return f.convex || (f.isObject && f.keyIsConvex);
    }

    bool open(bool isObject)
    {
        const bool convex = convexHere();
        int &depth = convex ? m_convexDepth : m_envelopeDepth;
        if (depth >= Value::MaxNestingDepth)
            return fail(QStringLiteral("JSON is nested deeper than %1 levels").arg(Value::MaxNestingDepth));
        ++depth;
        Frame &f = m_stack.emplace_back();
        f.isObject = isObject;
        f.convex = convex;
        f.elementsStart = m_elements.size();
        return true;
    }

    void pop()
    {
        --(m_stack.back().convex ? m_convexDepth : m_envelopeDepth);
        m_stack.pop_back();
    }

    bool put(Value v)
    {
        if (m_stack.empty()) {
            root = std::move(v);
            return true;
        }
        Frame &f = m_stack.back();
        if (!f.isObject)
            m_elements.push_back(std::move(v));
        else if (f.special != Special::None)
            f.specialPayload = std::move(v);
        else  // keys mostly arrive sorted: the end is a good hint. A repeated key: last wins.
            f.object.insert_or_assign(f.object.cend(), f.key, std::move(v));
        return true;
    }

    bool fail(const QString &message)
    {
        QString path;
        for (std::size_t i = 0; i < m_stack.size(); ++i) {
            const Frame &f = m_stack[i];
            const std::size_t end = i + 1 < m_stack.size() ? m_stack[i + 1].elementsStart : m_elements.size();
            if (!f.isObject)
                path += u'[' + QString::number(qulonglong(end - f.elementsStart)) + u']';
            else if (f.inMember)
                path += (path.isEmpty() ? QString() : QStringLiteral(".")) + f.key;
        }
        error = path.isEmpty() ? message : message + QStringLiteral(" (at ") + path + u')';
        return false;
    }

    bool m_rootConvex;
    std::span<const std::string_view> m_convexKeys;
    std::vector<Frame> m_stack;
    // Elements of all open arrays, innermost last. An array's QList is made once at its end
    // with the exact size; this buffer keeps its capacity for the rest of the frame.
    std::vector<Value> m_elements;
    int m_convexDepth = 0;
    int m_envelopeDepth = 0;
    KeyCache m_keys;
};

bool Builder::key(json::string_t &k)
{
    Frame &f = m_stack.back();
    ++f.members;
    f.inMember = false;  // errors about this key point at the object, not into it
    if (!f.convex) {
        f.key = m_keys.get(k, isAscii(k));
        f.keyIsConvex = std::find(m_convexKeys.begin(), m_convexKeys.end(), std::string_view(k)) != m_convexKeys.end();
        f.inMember = true;
        return true;
    }
    if (f.special != Special::None) {
        // `{"$integer": …, "x": …}` is an ordinary object, whose `$integer` key is reserved.
        return fail(dollarKeyError(f.key.toStdString(), DollarKey::Reserved));
    }
    if (!k.empty() && k.front() == '$') {
        const DollarKey kind = classifyDollarKey(k);
        const bool special = kind == DollarKey::Integer || kind == DollarKey::Float
            || kind == DollarKey::Bytes || kind == DollarKey::CommitTs;
        if (!special || f.members > 1)
            return fail(dollarKeyError(k, special ? DollarKey::Reserved : kind));
        f.special = kind == DollarKey::Integer ? Special::Integer
            : kind == DollarKey::Float         ? Special::Float
            : kind == DollarKey::Bytes         ? Special::Bytes
                                               : Special::CommitTs;
        // Static text: no allocation for each of the many `$integer`/`$bytes` objects.
        f.key = f.special == Special::Integer ? QStringLiteral("$integer")
            : f.special == Special::Float     ? QStringLiteral("$float")
            : f.special == Special::Bytes     ? QStringLiteral("$bytes")
                                              : QStringLiteral("$commitTs");
        f.inMember = true;
        return true;
    }
    const QString problem = fieldNameErrorUtf8(k);
    if (!problem.isEmpty())
        return fail(problem);
    f.key = m_keys.get(k, true);
    f.inMember = true;
    return true;
}

bool Builder::end_object()
{
    if (m_stack.back().special != Special::None) {
        Frame &f = m_stack.back();
        Result<Value> decoded = f.specialDecoded ? std::move(*f.specialDecoded)
                                                 : decodeSpecial(toDollarKey(f.special), f.specialPayload);
        if (!decoded)
            return fail(decoded.error());
        pop();
        return put(std::move(decoded).value());
    }
    ValueObject object(std::move(m_stack.back().object));
    pop();
    return put(Value(std::move(object)));
}

bool Builder::end_array()
{
    const std::size_t start = m_stack.back().elementsStart;
    ValueArray array;
    if (const std::size_t count = m_elements.size() - start)
        array.reserve(qsizetype(count));
    for (auto it = m_elements.begin() + std::ptrdiff_t(start); it != m_elements.end(); ++it)
        array.append(std::move(*it));
    m_elements.resize(start);
    pop();
    return put(Value(std::move(array)));
}

bool Builder::parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &e)
{
    // nlohmann's text quotes the last token read ("last read: '…'"); leave the frame's
    // content out of error messages, they may end up in logs.
    std::string_view what(e.what());
    if (const auto bracket = what.find("] "); bracket != std::string_view::npos)
        what.remove_prefix(bracket + 2);
    if (const auto lastRead = what.find("; last read"); lastRead != std::string_view::npos)
        what = what.substr(0, lastRead);
    error = QStringLiteral("Invalid JSON at byte %1: %2")
                .arg(qulonglong(position))
                .arg(QString::fromUtf8(what.data(), qsizetype(what.size())));
    return false;
}

} // namespace

Result<Value> readJsonWithNlohmann(QByteArrayView json, bool rootConvex, std::span<const std::string_view> convexKeys)
{
    Builder builder(rootConvex, convexKeys);
    try {
        const char *begin = json.data() ? json.data() : "";
        if (!json::sax_parse(begin, begin + json.size(), &builder)) {
            return Result<Value>::failure(builder.error.isEmpty() ? QStringLiteral("Invalid JSON")
                                                                  : builder.error);
        }
    } catch (const std::exception &e) {
        return Result<Value>::failure(QStringLiteral("Could not parse JSON: %1").arg(QString::fromUtf8(e.what())));
    }
    return std::move(builder.root);
}

namespace {

Result<Value> read(QByteArrayView json, bool rootConvex, std::span<const std::string_view> convexKeys)
{
    // Valid input (nearly every frame) takes the fast path; anything it is unsure of is read
    // again here, so errors keep nlohmann's wording.
    if (std::optional<Value> fast = readJsonFast(json, rootConvex, convexKeys))
        return std::move(*fast);
    return readJsonWithNlohmann(json, rootConvex, convexKeys);
}

} // namespace

Result<Value> readConvexJson(QByteArrayView json)
{
    return read(json, true, {});
}

Result<Value> readEnvelopeJson(QByteArrayView json, std::span<const std::string_view> convexKeys)
{
    return read(json, false, convexKeys);
}

} // namespace convex::detail

namespace convex {

Result<Value> Value::fromJson(QByteArrayView json)
{
    return detail::readConvexJson(json);
}

} // namespace convex
