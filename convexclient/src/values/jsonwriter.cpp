// SPDX-License-Identifier: MIT
#include "jsonwriter.h"

#include "base64.h"
#include "specialvalues.h"

#include <bit>
#include <charconv>
#include <cstdlib>

namespace convex::detail {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void writeUnicodeEscape(QByteArray &out, char16_t c)
{
    const char buf[6] = {'\\', 'u', kHex[(c >> 12) & 15], kHex[(c >> 8) & 15], kHex[(c >> 4) & 15], kHex[c & 15]};
    out.append(buf, 6);
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

class Writer {
public:
    Writer(QByteArray &out, JsonWriteOptions options) : m_out(out), m_options(options) {}

    QString error;

    void value(const Value &v, int depth)
    {
        switch (v.type()) {
        case Value::Type::Null:
            m_out.append("null");
            return;
        case Value::Type::Boolean:
            m_out.append(v.toBool() ? "true" : "false");
            return;
        case Value::Type::String:
            writeJsonString(m_out, v.toString());
            return;
        case Value::Type::Float64: {
            const double f = v.toFloat64();
            if (isSpecialFloat(f))
                special("$float", base64EncodeLE64(std::bit_cast<quint64>(f)), depth);
            else
                writeJsonNumber(m_out, f);
            return;
        }
        case Value::Type::Int64:
            special("$integer", base64EncodeLE64(quint64(v.toInt64())), depth);
            return;
        case Value::Type::Bytes:
            special("$bytes", base64Encode(v.toBytes()), depth);
            return;
        case Value::Type::Array:
            array(v, depth + 1);
            return;
        case Value::Type::Object:
            object(v, depth + 1);
            return;
        }
    }

private:
    bool tooDeep(int depth)
    {
        if (depth <= Value::MaxNestingDepth)
            return false;
        if (m_options.lenient) {
            m_out.append("\"…\"");
        } else if (error.isEmpty()) {
            error = QStringLiteral("Value is nested deeper than %1 levels").arg(Value::MaxNestingDepth);
        }
        return true;
    }

    void newline(int depth)
    {
        if (m_options.indent < 0)
            return;
        m_out.append('\n');
        m_out.append(QByteArray(qsizetype(depth) * m_options.indent, ' '));
    }

    void keySeparator() { m_out.append(m_options.indent < 0 ? ":" : ": "); }

    void special(const char *key, const QByteArray &payload, int depth)
    {
        m_out.append('{');
        newline(depth + 1);
        m_out.append('"').append(key).append('"');
        keySeparator();
        m_out.append('"').append(payload).append('"');
        newline(depth);
        m_out.append('}');
    }

    void array(const Value &v, int depth)
    {
        if (tooDeep(depth))
            return;
        const ValueArray items = v.toArray();
        m_out.append('[');
        bool first = true;
        for (const Value &item : items) {
            if (!first)
                m_out.append(',');
            first = false;
            newline(depth);
            value(item, depth);
            if (!error.isEmpty())
                return;
        }
        if (!items.isEmpty())
            newline(depth - 1);
        m_out.append(']');
    }

    void object(const Value &v, int depth)
    {
        if (tooDeep(depth))
            return;
        const ValueObject members = v.toObject();
        m_out.append('{');
        bool first = true;
        // QMap iterates in key order, which is the order JS's encoder emits.
        for (auto it = members.cbegin(); it != members.cend(); ++it) {
            if (!m_options.lenient) {
                const QString problem = Value::fieldNameError(it.key());
                if (!problem.isEmpty()) {
                    error = problem;
                    return;
                }
            }
            if (!first)
                m_out.append(',');
            first = false;
            newline(depth);
            writeJsonString(m_out, it.key());
            keySeparator();
            value(it.value(), depth);
            if (!error.isEmpty())
                return;
        }
        if (!members.isEmpty())
            newline(depth - 1);
        m_out.append('}');
    }

    QByteArray &m_out;
    JsonWriteOptions m_options;
};

} // namespace

QString writeJson(QByteArray &out, const Value &value, JsonWriteOptions options)
{
    Writer writer(out, options);
    writer.value(value, 0);
    return writer.error;
}

void writeJsonString(QByteArray &out, QStringView text)
{
    out.reserve(out.size() + text.size() + 2);
    out.append('"');
    const qsizetype n = text.size();
    const char16_t *s = text.utf16();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = s[i];
        if (c >= 0x20 && c < 0x80) {
            if (c == u'"' || c == u'\\')
                out.append('\\');
            out.append(char(c));
        } else if (c < 0x20) {
            switch (c) {
            case u'\b': out.append("\\b"); break;
            case u'\f': out.append("\\f"); break;
            case u'\n': out.append("\\n"); break;
            case u'\r': out.append("\\r"); break;
            case u'\t': out.append("\\t"); break;
            default: writeUnicodeEscape(out, c); break;
            }
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(s[i + 1])) {
            appendUtf8(out, QChar::surrogateToUcs4(c, s[i + 1]));
            ++i;
        } else if (QChar::isSurrogate(c)) {
            writeUnicodeEscape(out, c);  // lone surrogate: JSON.stringify's well-formed escape
        } else {
            appendUtf8(out, c);
        }
    }
    out.append('"');
}

void writeJsonNumber(QByteArray &out, double value)
{
    // Shortest round-trip digits, then laid out by ECMAScript's Number::toString rules.
    char buf[40];
    const auto res = std::to_chars(buf, buf + sizeof buf - 1, value, std::chars_format::scientific);
    *res.ptr = '\0';
    const std::string_view sci(buf, size_t(res.ptr - buf));
    const size_t ePos = sci.find('e');
    std::string_view mantissa = sci.substr(0, ePos);
    const int exponent = std::atoi(sci.data() + ePos + 1);
    bool negative = false;
    if (!mantissa.empty() && mantissa.front() == '-') {
        negative = true;
        mantissa.remove_prefix(1);
    }
    char digits[24];
    int k = 0;
    for (char c : mantissa) {
        if (c != '.')
            digits[k++] = c;
    }
    const int n = exponent + 1;  // value = 0.d1d2…dk × 10^n
    if (negative)
        out.append('-');
    if (k <= n && n <= 21) {
        out.append(digits, k);
        out.append(QByteArray(n - k, '0'));
    } else if (0 < n && n <= 21) {
        out.append(digits, n);
        out.append('.');
        out.append(digits + n, k - n);
    } else if (-6 < n && n <= 0) {
        out.append("0.");
        out.append(QByteArray(-n, '0'));
        out.append(digits, k);
    } else {
        out.append(digits[0]);
        if (k > 1) {
            out.append('.');
            out.append(digits + 1, k - 1);
        }
        out.append('e');
        out.append(n - 1 >= 0 ? '+' : '-');
        out.append(QByteArray::number(std::abs(n - 1)));
    }
}

} // namespace convex::detail
