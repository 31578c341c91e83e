// SPDX-License-Identifier: MIT
// Recursive descent over the frame's bytes (depth is bounded: every container counts against
// Value::MaxNestingDepth of its mode before the descent, as in the SAX reader). It mirrors the
// nlohmann-based Builder in jsonreader.cpp value for value:
//  - integer literals: in range of int64 (negative) / uint64 (positive) they are integers
//    (strtoll/strtoull in nlohmann), else floats; Convex values make every number a float64,
//    the envelope keeps integers up to INT64_MAX exact;
//  - floats through std::from_chars, correctly rounded like glibc's strtod; anything it does not
//    answer exactly (out of range, underflow) goes to the slow path;
//  - strings validated as nlohmann does (RFC 3629 UTF-8, no control characters, escapes incl.
//    surrogate pairs) and converted with the same QString::fromUtf8/fromLatin1 calls;
//  - objects collected on a reused buffer, sorted (last duplicate wins), then built as a std::map
//    handed to ValueObject in one move.
#include "jsonfastreader.h"

#include "jsonfastscan.h"
#include "specialvalues.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace convex::detail {

namespace {

using namespace fastjson;

// Reuses the QString of a recently seen field name: documents in a query result repeat the
// same few keys, so this saves an allocation (and memory) per member. A slot also remembers
// whether the name passed the Convex field-name check.
class KeyCache {
public:
    struct Entry {
        QString text;
        bool plainName = false;
    };

    // The hit path is what runs per member: kept small and inlined into the reader.
    Q_ALWAYS_INLINE const Entry &get(Text k)
    {
        const std::size_t n = k.bytes.size();
        if (n > kMaxLength || !k.ascii)
            return uncached(k);
        // Hash the first and last (up to) 8 bytes and the length: cheap, and field names
        // seldom share both ends. Whole loads only (a byte-wise copy into a word stalls the
        // load that follows it).
        const char *p = k.bytes.data();
        quint64 head = 0;
        quint64 tail = 0;
        if (n >= 8) {
            head = load<quint64>(p);
            tail = load<quint64>(p + n - 8);
        } else if (n >= 4) {
            head = load<quint32>(p);
            tail = load<quint32>(p + n - 4);
        } else if (n > 0) {
            head = Byte(p[0]) | quint64(Byte(p[n / 2])) << 8;
            tail = Byte(p[n - 1]);
        }
        const quint64 h = (head * 0x9E3779B97F4A7C15ull) ^ ((tail + n) * 0xC2B2AE3D27D4EB4Full);
        Slot &slot = m_slots[std::size_t(h >> 57)];
        if (slot.length != n || std::memcmp(slot.bytes.data(), k.bytes.data(), n) != 0 || slot.entry.text.isNull())
            return fill(slot, k);
        return slot.entry;
    }

private:
    struct Slot;

    Q_NEVER_INLINE const Entry &uncached(Text k)
    {
        m_uncached = Entry{toQString(k), k.ascii && plainFieldName(k.bytes)};
        return m_uncached;
    }

    Q_NEVER_INLINE static const Entry &fill(Slot &slot, Text k)
    {
        slot.length = k.bytes.size();
        std::memcpy(slot.bytes.data(), k.bytes.data(), k.bytes.size());
        slot.entry = Entry{toQString(k), plainFieldName(k.bytes)};
        return slot.entry;
    }

    template <typename T>
    static T load(const char *p)
    {
        T v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    static constexpr std::size_t kMaxLength = 32;
    struct Slot {
        std::size_t length = 0;
        std::array<char, kMaxLength> bytes{};
        Entry entry;
    };
    std::array<Slot, 128> m_slots;
    Entry m_uncached;
};

class Reader {
public:
    Reader(QByteArrayView json, std::span<const std::string_view> convexKeys)
        : m_p(reinterpret_cast<const Byte *>(json.data())), m_end(m_p + json.size()), m_convexKeys(convexKeys)
    {
    }

    bool document(Value &out, bool convex)
    {
        skipSpace();
        out = value(convex);
        skipSpace();
        return m_ok && m_p == m_end;
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }

    bool consume(Byte c)
    {
        if (m_p == m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }

    // What follows a member or an element: ',' and another one, or the container's \a close.
    enum class Next { More, Closed, Bad };
    Next afterItem(Byte close)
    {
        skipSpace();
        if (consume(',')) {
            skipSpace();
            return Next::More;
        }
        return consume(close) ? Next::Closed : Next::Bad;
    }

    // The parse functions return the Value (built in place, no temporaries to move and
    // destroy); a failure clears m_ok and returns null, and the callers stop.
    Value fail()
    {
        m_ok = false;
        return Value();
    }

    Value value(bool convex)
    {
        if (m_p == m_end)
            return fail();
        switch (*m_p) {
        case '{':
            return object(convex);
        case '[':
            return array(convex);
        case '"': {
            ++m_p;
            Text t;
            if (!string(t))
                return fail();
            return Value(toQString(t));
        }
        case 't':
            return literal("true") ? Value(true) : fail();
        case 'f':
            return literal("false") ? Value(false) : fail();
        case 'n':
            return literal("null") ? Value() : fail();
        default:
            return number(convex);
        }
    }

    bool literal(std::string_view word)
    {
        if (std::size_t(m_end - m_p) < word.size()
            || std::string_view(reinterpret_cast<const char *>(m_p), word.size()) != word) {
            return false;
        }
        m_p += word.size();
        return true;
    }

    Value number(bool convex);
    bool string(Text &out);
    bool escapedString(const Byte *start, bool ascii, Text &out);
    int hex4();
    Value object(bool convex);
    Value special(std::string_view key);
    Value array(bool convex);
    using Member = std::pair<QString, Value>;
    std::map<QString, Value> takeMembers(std::size_t start);

    bool enter(bool convex)
    {
        int &depth = convex ? m_convexDepth : m_envelopeDepth;
        if (depth >= Value::MaxNestingDepth)
            return false;
        ++depth;
        ++m_p;  // the bracket
        skipSpace();
        return true;
    }

    void leave(bool convex) { --(convex ? m_convexDepth : m_envelopeDepth); }

    const Byte *m_p;
    const Byte *m_end;
    std::span<const std::string_view> m_convexKeys;
    int m_convexDepth = 0;
    int m_envelopeDepth = 0;
    bool m_ok = true;
    // Elements of all open arrays, innermost last; each array's QList is made once, exact size.
    std::vector<Value> m_elements;
    std::vector<Member> m_members;  // likewise, the members of all open objects
    std::string m_scratch;  // the decoded bytes of a string with escapes
    KeyCache m_keys;
};

Value Reader::number(bool convex)
{
    const Byte *start = m_p;
    const bool negative = *m_p == '-';
    if (negative)
        ++m_p;
    if (m_p == m_end)
        return fail();
    quint64 magnitude = 0;
    bool overflow = false;
    if (*m_p == '0') {
        ++m_p;  // a digit after a leading zero ends the number; the caller then fails
    } else if (*m_p >= '1' && *m_p <= '9') {
        constexpr quint64 max = std::numeric_limits<quint64>::max();
        do {
            const unsigned digit = unsigned(*m_p - '0');
            if (magnitude > (max - digit) / 10)
                overflow = true;
            else if (!overflow)
                magnitude = magnitude * 10 + digit;
            ++m_p;
        } while (m_p < m_end && isDigit(*m_p));
    } else {
        return fail();
    }
    bool isFloat = false;
    if (m_p < m_end && *m_p == '.') {
        ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return fail();
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
        isFloat = true;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return fail();
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
        isFloat = true;
    }
    constexpr quint64 int64Max = quint64(std::numeric_limits<qint64>::max());
    if (!isFloat && !overflow) {
        if (!negative) {  // nlohmann: number_unsigned
            return convex || magnitude > int64Max ? Value(double(magnitude)) : Value::int64(qint64(magnitude));
        }
        if (magnitude <= int64Max + 1) {  // nlohmann: number_integer (strtoll's range)
            const qint64 i = magnitude == int64Max + 1 ? std::numeric_limits<qint64>::min() : -qint64(magnitude);
            return convex ? Value(double(i)) : Value::int64(i);
        }
    }
    double d = 0;
    const auto *first = reinterpret_cast<const char *>(start);
    const auto *last = reinterpret_cast<const char *>(m_p);
    const auto [ptr, ec] = std::from_chars(first, last, d);
    if (ec != std::errc() || ptr != last || !std::isfinite(d))
        return fail();
    return Value(d);
}

bool Reader::string(Text &out)
{
    const Byte *start = m_p;
    bool ascii = true;
    for (;;) {
        m_p = skipPlain(m_p, m_end);
        if (m_p == m_end)
            return false;
        const Byte c = *m_p;
        if (c == '"') {
            out = Text{std::string_view(reinterpret_cast<const char *>(start), std::size_t(m_p - start)), ascii};
            ++m_p;
            return true;
        }
        if (c == '\\')
            return escapedString(start, ascii, out);
        if (c < 0x20)
            return false;
        const int length = utf8Length(m_p, m_end);
        if (length == 0)
            return false;
        m_p += length;
        ascii = false;
    }
}

int Reader::hex4()
{
    if (m_end - m_p < 4)
        return -1;
    int code = 0;
    for (int i = 0; i < 4; ++i) {
        const Byte c = *m_p++;
        const int digit = isDigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (digit < 0)
            return -1;
        code = code * 16 + digit;
    }
    return code;
}

bool Reader::escapedString(const Byte *start, bool ascii, Text &out)
{
    m_scratch.assign(reinterpret_cast<const char *>(start), std::size_t(m_p - start));
    for (;;) {
        const Byte *run = m_p;
        m_p = skipPlain(m_p, m_end);
        m_scratch.append(reinterpret_cast<const char *>(run), std::size_t(m_p - run));
        if (m_p == m_end)
            return false;
        const Byte c = *m_p;
        if (c == '"') {
            ++m_p;
            out = Text{m_scratch, ascii};
            return true;
        }
        if (c < 0x20)
            return false;
        if (c >= 0x80) {
            const int length = utf8Length(m_p, m_end);
            if (length == 0)
                return false;
            m_scratch.append(reinterpret_cast<const char *>(m_p), std::size_t(length));
            m_p += length;
            ascii = false;
            continue;
        }
        // A backslash.
        if (++m_p == m_end)
            return false;
        char plain = 0;
        switch (*m_p++) {
        case '"': plain = '"'; break;
        case '\\': plain = '\\'; break;
        case '/': plain = '/'; break;
        case 'b': plain = '\b'; break;
        case 'f': plain = '\f'; break;
        case 'n': plain = '\n'; break;
        case 'r': plain = '\r'; break;
        case 't': plain = '\t'; break;
        case 'u': {
            int code = hex4();
            if (code < 0 || (code >= 0xDC00 && code <= 0xDFFF))
                return false;
            if (code >= 0xD800 && code <= 0xDBFF) {  // must be followed by a low surrogate
                if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                    return false;
                m_p += 2;
                const int low = hex4();
                if (low < 0xDC00 || low > 0xDFFF)
                    return false;
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
            if (code < 0x80) {
                m_scratch.push_back(char(code));
            } else {
                ascii = false;
                if (code < 0x800) {
                    m_scratch.push_back(char(0xC0 | (code >> 6)));
                } else {
                    if (code < 0x10000) {
                        m_scratch.push_back(char(0xE0 | (code >> 12)));
                    } else {
                        m_scratch.push_back(char(0xF0 | (code >> 18)));
                        m_scratch.push_back(char(0x80 | ((code >> 12) & 0x3F)));
                    }
                    m_scratch.push_back(char(0x80 | ((code >> 6) & 0x3F)));
                }
                m_scratch.push_back(char(0x80 | (code & 0x3F)));
            }
            continue;
        }
        default:
            return false;
        }
        m_scratch.push_back(plain);
    }
}

Value Reader::object(bool convex)
{
    if (!enter(convex))
        return fail();
    const std::size_t start = m_members.size();
    if (m_p < m_end && *m_p == '}') {
        ++m_p;
    } else {
        for (bool first = true;; first = false) {
            Text key;
            if (!consume('"') || !string(key))
                return fail();
            skipSpace();
            if (!consume(':'))
                return fail();
            skipSpace();
            if (convex) {
                if (!key.bytes.empty() && key.bytes.front() == '$') {
                    // `{"$integer": "…"}` and friends: the only member of their object.
                    if (!first)
                        return fail();
                    leave(convex);
                    return special(key.bytes);
                }
                const KeyCache::Entry &entry = m_keys.get(key);
                if (!entry.plainName)
                    return fail();
                QString name = entry.text;
                m_members.emplace_back(std::move(name), value(true));
            } else {
                QString name = m_keys.get(key).text;
                const bool memberConvex
                    = std::find(m_convexKeys.begin(), m_convexKeys.end(), key.bytes) != m_convexKeys.end();
                m_members.emplace_back(std::move(name), value(memberConvex));
            }
            if (!m_ok)
                return Value();
            const Next next = afterItem('}');
            if (next == Next::Bad)
                return fail();
            if (next == Next::Closed)
                break;
        }
    }
    leave(convex);
    return Value(ValueObject(takeMembers(start)));
}

std::map<QString, Value> Reader::takeMembers(std::size_t start)
{
    // Sorted first, so that each insertion at the map's end costs one QString comparison
    // (std::less, out of line) instead of a walk down the tree: documents rarely list their
    // fields in order. Stable, so that of repeated names the last one wins, as in the SAX reader.
    const auto first = m_members.begin() + std::ptrdiff_t(start);
    const auto last = m_members.end();
    const auto less = [](const Member &a, const Member &b) { return keyLess(a.first, b.first); };
    if (last - first <= 16) {
        for (auto it = first + (first != last ? 1 : 0); it < last; ++it) {
            for (auto j = it; j != first && less(*j, *(j - 1)); --j)
                std::iter_swap(j, j - 1);
        }
    } else {
        std::stable_sort(first, last, less);
    }
    std::map<QString, Value> members;
    for (auto it = first; it != last; ++it) {
        if (it + 1 != last && !less(*it, *(it + 1)))
            continue;  // the next one has the same name and replaces this one
        members.emplace_hint(members.cend(), std::move(it->first), std::move(it->second));
    }
    m_members.erase(first, last);
    return members;
}

Value Reader::special(std::string_view key)
{
    const DollarKey kind = classifyDollarKey(key);
    // `$commitTs`, `$set`, other `$` names and non-string payloads are errors: the slow path
    // words them.
    if (kind != DollarKey::Integer && kind != DollarKey::Float && kind != DollarKey::Bytes)
        return fail();
    Text payload;
    if (!consume('"') || !string(payload))
        return fail();
    Result<Value> decoded
        = decodeSpecialText(kind, QByteArrayView(payload.bytes.data(), qsizetype(payload.bytes.size())));
    skipSpace();
    if (!decoded || !consume('}'))
        return fail();
    return std::move(decoded).value();
}

Value Reader::array(bool convex)
{
    if (!enter(convex))
        return fail();
    const std::size_t start = m_elements.size();
    if (m_p < m_end && *m_p == ']') {
        ++m_p;
    } else {
        for (;;) {
            // The element is parsed before push_back touches the buffer (nested arrays grow it).
            m_elements.push_back(value(convex));
            if (!m_ok)
                return Value();
            const Next next = afterItem(']');
            if (next == Next::Bad)
                return fail();
            if (next == Next::Closed)
                break;
        }
    }
    ValueArray elements;
    if (const std::size_t count = m_elements.size() - start) {
        elements.reserve(qsizetype(count));
        for (auto it = m_elements.begin() + std::ptrdiff_t(start); it != m_elements.end(); ++it)
            elements.append(std::move(*it));
        m_elements.resize(start);
    }
    leave(convex);
    return Value(std::move(elements));
}

} // namespace

std::optional<Value> readJsonFast(QByteArrayView json, bool rootConvex, std::span<const std::string_view> convexKeys)
{
    if (json.isEmpty())
        return std::nullopt;
    try {
        Reader reader(json, convexKeys);
        Value root;
        if (reader.document(root, rootConvex))
            return root;
    } catch (const std::exception &) {
        // Out of memory and the like: the slow path reports it.
    }
    return std::nullopt;
}

} // namespace convex::detail
