// SPDX-License-Identifier: MIT
// convex::Value: construction, accessors and equality. The JSON codecs live in
// jsonreader.cpp / jsonwriter.cpp, the Qt conversions in valueconversions.cpp.
#include "value_p.h"

#include <bit>

namespace convex {

namespace {

// true/false are common in query results; share two instances instead of allocating.
const QExplicitlySharedDataPointer<Value::Data> &sharedBool(bool b)
{
    static const QExplicitlySharedDataPointer<Value::Data> values[2] = {
        QExplicitlySharedDataPointer<Value::Data>(new Value::Data(std::in_place_type<bool>, false)),
        QExplicitlySharedDataPointer<Value::Data>(new Value::Data(std::in_place_type<bool>, true)),
    };
    return values[b ? 1 : 0];
}

template <typename T>
QExplicitlySharedDataPointer<Value::Data> make(T &&v)
{
    return QExplicitlySharedDataPointer<Value::Data>(
        new Value::Data(std::in_place_type<std::decay_t<T>>, std::forward<T>(v)));
}

template <typename T>
const T *get(const QExplicitlySharedDataPointer<Value::Data> &d)
{
    return d ? std::get_if<T>(&d->storage) : nullptr;
}

} // namespace

Value::Value() noexcept = default;
Value::Value(std::nullptr_t) noexcept {}
Value::Value(bool b) : d(sharedBool(b)) {}
Value::Value(double f) : d(make(f)) {}
Value::Value(const QString &s) : d(make(s)) {}
Value::Value(QString &&s) : d(make(std::move(s))) {}
Value::Value(const char16_t *s) : d(make(QString::fromUtf16(s))) {}
Value::Value(const ValueArray &a) : d(make(a)) {}
Value::Value(ValueArray &&a) : d(make(std::move(a))) {}
Value::Value(const ValueObject &o) : d(make(o)) {}
Value::Value(ValueObject &&o) : d(make(std::move(o))) {}
Value::Value(QExplicitlySharedDataPointer<Data> data) noexcept : d(std::move(data)) {}

Value Value::int64(qint64 i) { return Value(make(i)); }
Value Value::float64(double f) { return Value(make(f)); }
Value Value::bytes(const QByteArray &b) { return Value(make(b)); }

Value::Value(const Value &) noexcept = default;
Value::Value(Value &&) noexcept = default;
Value &Value::operator=(const Value &) noexcept = default;
Value &Value::operator=(Value &&) noexcept = default;
Value::~Value() = default;

Value::Type Value::type() const noexcept
{
    return d ? d->type() : Type::Null;
}

qint64 Value::toInt64(qint64 defaultValue) const
{
    const auto *p = get<qint64>(d);
    return p ? *p : defaultValue;
}

double Value::toFloat64(double defaultValue) const
{
    const auto *p = get<double>(d);
    return p ? *p : defaultValue;
}

double Value::toNumber(double defaultValue) const
{
    if (const auto *f = get<double>(d))
        return *f;
    if (const auto *i = get<qint64>(d))
        return double(*i);
    return defaultValue;
}

bool Value::toBool(bool defaultValue) const
{
    const auto *p = get<bool>(d);
    return p ? *p : defaultValue;
}

QString Value::toString() const
{
    const auto *p = get<QString>(d);
    return p ? *p : QString();
}

QByteArray Value::toBytes() const
{
    const auto *p = get<QByteArray>(d);
    return p ? *p : QByteArray();
}

ValueArray Value::toArray() const
{
    const auto *p = get<ValueArray>(d);
    return p ? *p : ValueArray();
}

ValueObject Value::toObject() const
{
    const auto *p = get<ValueObject>(d);
    return p ? *p : ValueObject();
}

Value Value::operator[](const QString &key) const
{
    const auto *p = get<ValueObject>(d);
    return p ? p->value(key) : Value();
}

Value Value::operator[](qsizetype index) const
{
    const auto *p = get<ValueArray>(d);
    return (p && index >= 0 && index < p->size()) ? p->at(index) : Value();
}

qsizetype Value::size() const
{
    if (const auto *a = get<ValueArray>(d))
        return a->size();
    if (const auto *o = get<ValueObject>(d))
        return o->size();
    return 0;
}

bool Value::operator==(const Value &other) const
{
    if (d == other.d)
        return true;
    if (type() != other.type())
        return false;
    // Both non-null here (a null d means type Null, and equal pointers returned above).
    if (const auto *f = get<double>(d))
        return std::bit_cast<quint64>(*f) == std::bit_cast<quint64>(*get<double>(other.d));
    return d->storage == other.d->storage;
}

} // namespace convex
