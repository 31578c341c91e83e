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
//  - objects built in a std::map (last duplicate wins) handed to ValueObject in one move.
#include "jsonfastreader.h"

#include "specialvalues.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace convex::detail {

namespace {

using Byte = unsigned char;

constexpr bool isSpace(Byte c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

constexpr bool isDigit(Byte c)
{
    return c >= '0' && c <= '9';
}

// Bytes a string's plain run may hold: printable ASCII except '"' and '\\'.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c)
        t[std::size_t(c)] = c != '"' && c != '\\';
    return t;
}();

//! The first byte at or after \a p that is not plain (or \a end).
const Byte *skipPlain(const Byte *p, const Byte *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        // Signed compare: control characters and every byte >= 0x80 are "less than" a space.
        const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                          _mm_cmplt_epi8(v, space));
        if (const int mask = _mm_movemask_epi8(stop))
            return p + std::countr_zero(unsigned(mask));
        p += 16;
    }
#endif
    while (p < end && kPlain[*p])
        ++p;
    return p;
}

//! Length of the well-formed UTF-8 sequence (RFC 3629, the table nlohmann's lexer checks)
//! that starts with the non-ASCII byte at \a p; 0 if it is not one.
int utf8Length(const Byte *p, const Byte *end)
{
    const auto cont = [p, end](int i, Byte lo = 0x80, Byte hi = 0xBF) {
        return end - p > i && p[i] >= lo && p[i] <= hi;
    };
    const Byte c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c == 0xE0)
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED)
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (c == 0xF0)
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3)
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

//! A decoded string token: UTF-8 bytes (a view of the input, or of the reader's scratch
//! buffer when the token had escapes) and whether they are all ASCII.
struct Text {
    std::string_view bytes;
    bool ascii = true;
};

QString toQString(Text t)
{
    // The calls the SAX reader makes on the same bytes (nlohmann hands it UTF-8).
    return t.ascii ? QString::fromLatin1(t.bytes.data(), qsizetype(t.bytes.size()))
                   : QString::fromUtf8(t.bytes.data(), qsizetype(t.bytes.size()));
}

// Reuses the QString of a recently seen field name: documents in a query result repeat the
// same few keys, so this saves an allocation (and memory) per member.
class KeyCache {
public:
    QString get(Text k)
    {
        if (k.bytes.size() > 32 || !k.ascii)
            return toQString(k);
        std::size_t h = 1469598103934665603ull;
        for (char c : k.bytes)
            h = (h ^ Byte(c)) * 1099511628211ull;
        Slot &slot = m_slots[h % m_slots.size()];
        if (slot.bytes != k.bytes || slot.text.isNull()) {
            slot.bytes.assign(k.bytes);
            slot.text = toQString(k);
        }
        return slot.text;
    }

private:
    struct Slot {
        std::string bytes;  // at most 32 bytes: mostly in the small-string buffer
        QString text;
    };
    std::array<Slot, 128> m_slots;
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
        if (!value(out, convex))
            return false;
        skipSpace();
        return m_p == m_end;
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

    bool value(Value &out, bool convex)
    {
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '{':
            return object(out, convex);
        case '[':
            return array(out, convex);
        case '"': {
            ++m_p;
            Text t;
            if (!string(t))
                return false;
            out = Value(toQString(t));
            return true;
        }
        case 't':
            out = Value(true);
            return literal("true");
        case 'f':
            out = Value(false);
            return literal("false");
        case 'n':
            out = Value();
            return literal("null");
        default:
            return number(out, convex);
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

    bool number(Value &out, bool convex);
    bool string(Text &out);
    bool escapedString(const Byte *start, bool ascii, Text &out);
    int hex4();
    bool object(Value &out, bool convex);
    bool special(std::string_view key, Value &out);
    bool array(Value &out, bool convex);

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
    // Elements of all open arrays, innermost last; each array's QList is made once, exact size.
    std::vector<Value> m_elements;
    std::string m_scratch;  // the decoded bytes of a string with escapes
    KeyCache m_keys;
};

bool Reader::number(Value &out, bool convex)
{
    const Byte *start = m_p;
    const bool negative = *m_p == '-';
    if (negative)
        ++m_p;
    if (m_p == m_end)
        return false;
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
        return false;
    }
    bool isFloat = false;
    if (m_p < m_end && *m_p == '.') {
        ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return false;
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
        isFloat = true;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return false;
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
        isFloat = true;
    }
    constexpr quint64 int64Max = quint64(std::numeric_limits<qint64>::max());
    if (!isFloat && !overflow) {
        if (!negative) {  // nlohmann: number_unsigned
            out = convex || magnitude > int64Max ? Value(double(magnitude)) : Value::int64(qint64(magnitude));
            return true;
        }
        if (magnitude <= int64Max + 1) {  // nlohmann: number_integer (strtoll's range)
            const qint64 i = magnitude == int64Max + 1 ? std::numeric_limits<qint64>::min() : -qint64(magnitude);
            out = convex ? Value(double(i)) : Value::int64(i);
            return true;
        }
    }
    double d = 0;
    const auto *first = reinterpret_cast<const char *>(start);
    const auto *last = reinterpret_cast<const char *>(m_p);
    const auto [ptr, ec] = std::from_chars(first, last, d);
    if (ec != std::errc() || ptr != last || !std::isfinite(d))
        return false;
    out = Value(d);
    return true;
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

//! What fieldNameErrorUtf8 accepts without a message: 1..1024 printable ASCII characters.
bool plainFieldName(std::string_view name)
{
    return name.size() <= 1024
        && std::all_of(name.begin(), name.end(), [](char c) { return Byte(c) >= 32 && Byte(c) < 127; });
}

bool Reader::object(Value &out, bool convex)
{
    if (!enter(convex))
        return false;
    std::map<QString, Value> members;
    if (m_p < m_end && *m_p == '}') {
        ++m_p;
    } else {
        for (bool first = true;; first = false) {
            Text key;
            if (!consume('"') || !string(key))
                return false;
            skipSpace();
            if (!consume(':'))
                return false;
            skipSpace();
            Value member;
            QString name;
            if (convex) {
                if (!key.bytes.empty() && key.bytes.front() == '$') {
                    // `{"$integer": "…"}` and friends: the only member of their object.
                    if (!first || !special(key.bytes, out))
                        return false;
                    leave(convex);
                    return true;
                }
                if (!plainFieldName(key.bytes))
                    return false;
                name = m_keys.get(key);
                if (!value(member, true))
                    return false;
            } else {
                name = m_keys.get(key);
                const bool memberConvex
                    = std::find(m_convexKeys.begin(), m_convexKeys.end(), key.bytes) != m_convexKeys.end();
                if (!value(member, memberConvex))
                    return false;
            }
            // Keys mostly arrive sorted: the end is a good hint. A repeated key: last wins.
            members.insert_or_assign(members.cend(), std::move(name), std::move(member));
            skipSpace();
            if (consume(',')) {
                skipSpace();
                continue;
            }
            if (!consume('}'))
                return false;
            break;
        }
    }
    leave(convex);
    out = Value(ValueObject(std::move(members)));
    return true;
}

bool Reader::special(std::string_view key, Value &out)
{
    const DollarKey kind = classifyDollarKey(key);
    // `$commitTs`, `$set`, other `$` names and non-string payloads are errors: the slow path
    // words them.
    if (kind != DollarKey::Integer && kind != DollarKey::Float && kind != DollarKey::Bytes)
        return false;
    Text payload;
    if (!consume('"') || !string(payload))
        return false;
    Result<Value> decoded
        = decodeSpecialText(kind, QByteArrayView(payload.bytes.data(), qsizetype(payload.bytes.size())));
    skipSpace();
    if (!decoded || !consume('}'))
        return false;
    out = std::move(decoded).value();
    return true;
}

bool Reader::array(Value &out, bool convex)
{
    if (!enter(convex))
        return false;
    const std::size_t start = m_elements.size();
    if (m_p < m_end && *m_p == ']') {
        ++m_p;
    } else {
        for (;;) {
            Value element;
            if (!value(element, convex))
                return false;
            m_elements.push_back(std::move(element));
            skipSpace();
            if (consume(',')) {
                skipSpace();
                continue;
            }
            if (!consume(']'))
                return false;
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
    out = Value(std::move(elements));
    return true;
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
