// SPDX-License-Identifier: MIT
#include "specialvalues.h"

#include "base64.h"

#include <bit>
#include <cmath>

namespace convex::detail {

namespace {

constexpr qsizetype kMaxFieldNameLength = 1024;

// Field names end up in error messages; keep those readable.
QString abbreviated(QStringView name)
{
    if (name.size() <= 64)
        return name.toString();
    return name.left(60).toString() + u"…";
}

QString bytesCountError(qsizetype count, const char *what)
{
    if (count < 0)
        return QStringLiteral("Malformed %1 field: not valid base64").arg(QLatin1String(what));
    return QStringLiteral("Received %1 bytes, expected 8 for %2").arg(count).arg(QLatin1String(what));
}

} // namespace

bool isSpecialFloat(double f) noexcept
{
    return std::isnan(f) || std::isinf(f) || (f == 0 && std::signbit(f));
}

DollarKey classifyDollarKey(std::string_view key) noexcept
{
    if (key == "$integer")
        return DollarKey::Integer;
    if (key == "$float")
        return DollarKey::Float;
    if (key == "$bytes")
        return DollarKey::Bytes;
    if (key == "$commitTs")
        return DollarKey::CommitTs;
    if (key == "$set" || key == "$map")
        return DollarKey::Unsupported;
    return DollarKey::Reserved;
}

QString dollarKeyError(std::string_view key, DollarKey kind)
{
    if (kind == DollarKey::Unsupported) {
        return key == "$set"
            ? QStringLiteral("Received a Set which is no longer supported as a Convex type.")
            : QStringLiteral("Received a Map which is no longer supported as a Convex type.");
    }
    const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
    return QStringLiteral("Field name %1 starts with a '$', which is reserved.").arg(abbreviated(name));
}

Result<Value> decodeSpecial(DollarKey kind, const Value &payload)
{
    if (kind == DollarKey::CommitTs) {
        // JS turns {"$commitTs": null} into an opaque placeholder that throws on use; there is
        // no such Convex type here, so say clearly what arrived.
        if (!payload.isNull())
            return Result<Value>::failure(QStringLiteral("Malformed $commitTs field"));
        return Result<Value>::failure(
            QStringLiteral("Received an unresolved commit timestamp ($commitTs), which this client does not support"));
    }
    if (!payload.isString()) {
        const char *name = kind == DollarKey::Integer ? "$integer" : kind == DollarKey::Float ? "$float" : "$bytes";
        return Result<Value>::failure(QStringLiteral("Malformed %1 field: expected a string").arg(QLatin1String(name)));
    }
    return decodeSpecialText(kind, payload.toString().toLatin1());
}

Result<Value> decodeSpecialText(DollarKey kind, QByteArrayView text)
{
    // Valid payloads are ASCII base64; anything else fails the same way whether it arrives as
    // UTF-8 (the JSON reader) or Latin-1 (from a QString): a character outside the alphabet.
    const char *name = kind == DollarKey::Integer ? "$integer" : kind == DollarKey::Float ? "$float" : "$bytes";
    if (kind == DollarKey::Bytes) {
        auto bytes = base64Decode(text);
        if (!bytes)
            return Result<Value>::failure(QStringLiteral("Malformed $bytes field: not valid base64"));
        return Value::bytes(*bytes);
    }
    qsizetype count = 0;
    const auto bits = base64DecodeLE64(text, &count);
    if (!bits)
        return Result<Value>::failure(bytesCountError(count, name));
    if (kind == DollarKey::Integer)
        return Value::int64(qint64(*bits));
    const double f = std::bit_cast<double>(*bits);
    if (!isSpecialFloat(f)) {
        return Result<Value>::failure(
            QStringLiteral("Float %1 should be encoded as a number").arg(f, 0, 'g', 17));
    }
    return Value::float64(f);
}

QString fieldNameErrorUtf8(std::string_view name)
{
    // ASCII-only names (the common case) need no conversion; anything else is invalid anyway,
    // and the UTF-16 form gives the same message JS would.
    bool ascii = true;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 32 || u >= 127) {
            ascii = false;
            break;
        }
    }
    if (ascii && qsizetype(name.size()) <= kMaxFieldNameLength && (name.empty() || name.front() != '$'))
        return {};
    return Value::fieldNameError(QString::fromUtf8(name.data(), qsizetype(name.size())));
}

} // namespace convex::detail

namespace convex {

QString Value::fieldNameError(QStringView name)
{
    if (name.size() > detail::kMaxFieldNameLength) {
        return QStringLiteral("Field name %1 exceeds maximum field name length %2.")
            .arg(detail::abbreviated(name))
            .arg(detail::kMaxFieldNameLength);
    }
    if (name.startsWith(u'$'))
        return QStringLiteral("Field name %1 starts with a '$', which is reserved.").arg(detail::abbreviated(name));
    for (QChar c : name) {
        if (c.unicode() < 32 || c.unicode() >= 127) {
            return QStringLiteral("Field name %1 has invalid character '%2': Field names can only contain "
                                  "non-control ASCII characters")
                .arg(detail::abbreviated(name), c.unicode() < 32 ? QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')) : QString(c));
        }
    }
    return {};
}

} // namespace convex
