// SPDX-License-Identifier: MIT
// convex::Value <-> encoded JSON text, QJsonValue and QVariant.
#include "base64.h"
#include "jsonwriter.h"
#include "specialvalues.h"

#include <QJsonArray>
#include <QJsonObject>

#include <bit>
#include <cmath>
#include <limits>

namespace convex {

Result<QByteArray> Value::toJson() const
{
    QByteArray out;
    const QString error = detail::writeJson(out, *this);
    if (!error.isEmpty())
        return Result<QByteArray>::failure(error);
    return out;
}

QString Value::toPrettyJson() const
{
    QByteArray out;
    detail::writeJson(out, *this, {.indent = 2, .lenient = true});
    return QString::fromUtf8(out);
}

// ---- QJsonValue ------------------------------------------------------------------------

namespace {

QJsonObject specialObject(QLatin1String key, const QByteArray &payload)
{
    return QJsonObject{{key, QString::fromLatin1(payload)}};
}

QJsonValue toJsonValueAt(const Value &v, int depth)
{
    switch (v.type()) {
    case Value::Type::Null:
        return QJsonValue(QJsonValue::Null);
    case Value::Type::Boolean:
        return v.toBool();
    case Value::Type::String:
        return v.toString();
    case Value::Type::Float64: {
        const double f = v.toFloat64();
        if (detail::isSpecialFloat(f))
            return specialObject(QLatin1String("$float"), detail::base64EncodeLE64(std::bit_cast<quint64>(f)));
        return f;
    }
    case Value::Type::Int64:
        return specialObject(QLatin1String("$integer"), detail::base64EncodeLE64(quint64(v.toInt64())));
    case Value::Type::Bytes:
        return specialObject(QLatin1String("$bytes"), detail::base64Encode(v.toBytes()));
    case Value::Type::Array: {
        QJsonArray out;
        if (depth < Value::MaxNestingDepth) {
            for (const Value &item : v.toArray())
                out.append(toJsonValueAt(item, depth + 1));
        }
        return out;
    }
    case Value::Type::Object: {
        QJsonObject out;
        if (depth < Value::MaxNestingDepth) {
            const ValueObject members = v.toObject();
            for (auto it = members.cbegin(); it != members.cend(); ++it)
                out.insert(it.key(), toJsonValueAt(it.value(), depth + 1));
        }
        return out;
    }
    }
    return {};
}

Result<Value> fromJsonValueAt(const QJsonValue &json, int depth, QString path);

QString at(const QString &path)
{
    return path.isEmpty() ? QString() : QStringLiteral(" (at ") + path + u')';
}

Result<Value> fromJsonObject(const QJsonObject &object, int depth, const QString &path)
{
    if (object.size() == 1 && object.begin().key().startsWith(u'$')) {
        const std::string key = object.begin().key().toStdString();
        const detail::DollarKey kind = detail::classifyDollarKey(key);
        if (kind == detail::DollarKey::Unsupported || kind == detail::DollarKey::Reserved)
            return Result<Value>::failure(detail::dollarKeyError(key, kind) + at(path));
        const QJsonValue payload = object.begin().value();
        const Value inner = payload.isString() ? Value(payload.toString())
                          : payload.isNull()   ? Value()
                                               : Value(true);  // any non-string: "Malformed"
        Result<Value> decoded = detail::decodeSpecial(kind, inner);
        if (!decoded)
            return Result<Value>::failure(decoded.error() + at(path));
        return decoded;
    }
    ValueObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QString problem = Value::fieldNameError(key);
        if (!problem.isEmpty())
            return Result<Value>::failure(problem + at(path));
        Result<Value> member = fromJsonValueAt(it.value(), depth, path.isEmpty() ? key : path + u'.' + key);
        if (!member)
            return member;
        out.insert(out.cend(), key, std::move(member).value());
    }
    return Value(std::move(out));
}

Result<Value> fromJsonValueAt(const QJsonValue &json, int depth, QString path)
{
    switch (json.type()) {
    case QJsonValue::Null:
        return Value();
    case QJsonValue::Bool:
        return Value(json.toBool());
    case QJsonValue::Double:
        return Value(json.toDouble());  // every JSON number is a float64
    case QJsonValue::String:
        return Value(json.toString());
    case QJsonValue::Undefined:
        return Result<Value>::failure(QStringLiteral("undefined is not a valid Convex value") + at(path));
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    if (depth >= Value::MaxNestingDepth) {
        return Result<Value>::failure(
            QStringLiteral("JSON is nested deeper than %1 levels").arg(Value::MaxNestingDepth) + at(path));
    }
    if (json.isObject())
        return fromJsonObject(json.toObject(), depth + 1, path);
    const QJsonArray array = json.toArray();
    ValueArray out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        Result<Value> item = fromJsonValueAt(array.at(i), depth + 1, path + u'[' + QString::number(i) + u']');
        if (!item)
            return item;
        out.append(std::move(item).value());
    }
    return Value(std::move(out));
}

} // namespace

QJsonValue Value::toJsonValue() const
{
    return toJsonValueAt(*this, 0);
}

Result<Value> Value::fromJsonValue(const QJsonValue &json)
{
    return fromJsonValueAt(json, 0, QString());
}

// ---- QVariant --------------------------------------------------------------------------

QVariant Value::toVariant() const
{
    switch (type()) {
    case Type::Null:
        return QVariant::fromValue(nullptr);
    case Type::Int64:
        return QVariant(qlonglong(toInt64()));
    case Type::Float64:
        return QVariant(toFloat64());
    case Type::Boolean:
        return QVariant(toBool());
    case Type::String:
        return QVariant(toString());
    case Type::Bytes:
        return QVariant(toBytes());
    case Type::Array: {
        QVariantList out;
        const ValueArray items = toArray();
        out.reserve(items.size());
        for (const Value &item : items)
            out.append(item.toVariant());
        return out;
    }
    case Type::Object: {
        QVariantMap out;
        const ValueObject members = toObject();
        for (auto it = members.cbegin(); it != members.cend(); ++it)
            out.insert(it.key(), it.value().toVariant());
        return out;
    }
    }
    return {};
}

namespace {

Result<Value> fromVariantAt(const QVariant &variant, int depth)
{
    const auto tooDeep = [] {
        return Result<Value>::failure(
            QStringLiteral("Value is nested deeper than %1 levels").arg(Value::MaxNestingDepth));
    };
    switch (variant.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return Value();
    case QMetaType::Bool:
        return Value(variant.toBool());
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::SChar:
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::ULong:
    case QMetaType::UChar:
        return Value::int64(variant.toLongLong());
    case QMetaType::ULongLong: {
        const qulonglong u = variant.toULongLong();
        if (u > qulonglong(std::numeric_limits<qint64>::max()))
            return Result<Value>::failure(QStringLiteral("Integer %1 does not fit into a 64-bit signed integer").arg(u));
        return Value::int64(qint64(u));
    }
    case QMetaType::Double:
    case QMetaType::Float:
        return Value::float64(variant.toDouble());
    case QMetaType::QString:
        return Value(variant.toString());
    case QMetaType::QChar:
        return Value(QString(variant.toChar()));
    case QMetaType::QByteArray:
        return Value::bytes(variant.toByteArray());
    case QMetaType::QJsonValue:
        return Value::fromJsonValue(variant.toJsonValue());
    case QMetaType::QJsonObject:
        return Value::fromJsonValue(variant.toJsonObject());
    case QMetaType::QJsonArray:
        return Value::fromJsonValue(variant.toJsonArray());
    case QMetaType::QStringList:
    case QMetaType::QVariantList: {
        if (depth >= Value::MaxNestingDepth)
            return tooDeep();
        ValueArray out;
        for (const QVariant &item : variant.toList()) {
            Result<Value> v = fromVariantAt(item, depth + 1);
            if (!v)
                return v;
            out.append(std::move(v).value());
        }
        return Value(std::move(out));
    }
    case QMetaType::QVariantMap:
    case QMetaType::QVariantHash: {
        if (depth >= Value::MaxNestingDepth)
            return tooDeep();
        const QVariantMap map = variant.toMap();
        ValueObject out;
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            const QString problem = Value::fieldNameError(it.key());
            if (!problem.isEmpty())
                return Result<Value>::failure(problem);
            Result<Value> v = fromVariantAt(it.value(), depth + 1);
            if (!v)
                return v;
            out.insert(out.cend(), it.key(), std::move(v).value());
        }
        return Value(std::move(out));
    }
    default:
        break;
    }
    if (variant.metaType() == QMetaType::fromType<Value>())
        return variant.value<Value>();
    return Result<Value>::failure(
        QStringLiteral("%1 has no Convex counterpart").arg(QString::fromLatin1(variant.metaType().name())));
}

} // namespace

Result<Value> Value::fromVariant(const QVariant &variant)
{
    return fromVariantAt(variant, 0);
}

} // namespace convex
