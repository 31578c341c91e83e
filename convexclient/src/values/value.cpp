// SPDX-License-Identifier: MIT
// convex::Value: construction, accessors and equality. The JSON codecs live in
// jsonreader.cpp / jsonwriter.cpp, the Qt conversions in valueconversions.cpp.
#include "value_p.h"

#include <bit>
#include <cstring>
#include <new>

namespace convex {

namespace {

template <typename T>
Value::Data *makeContainer(T &&v)
{
    auto *data = new Value::Data(std::in_place_type<std::decay_t<T>>, std::forward<T>(v));
    data->ref.ref();
    return data;
}

} // namespace

Value::Value() noexcept = default;
Value::Value(std::nullptr_t) noexcept {}
Value::Value(bool b) : m_type(Type::Boolean) { m_payload.b = b; }
Value::Value(double f) : m_type(Type::Float64) { m_payload.f = f; }
Value::Value(const QString &s) : m_type(Type::String) { new (&m_payload.s) QString(s); }
Value::Value(QString &&s) : m_type(Type::String) { new (&m_payload.s) QString(std::move(s)); }
Value::Value(const char16_t *s) : m_type(Type::String) { new (&m_payload.s) QString(QString::fromUtf16(s)); }
Value::Value(const ValueArray &a) : m_type(Type::Array) { m_payload.container = makeContainer(a); }
Value::Value(ValueArray &&a) : m_type(Type::Array) { m_payload.container = makeContainer(std::move(a)); }
Value::Value(const ValueObject &o) : m_type(Type::Object) { m_payload.container = makeContainer(o); }
Value::Value(ValueObject &&o) : m_type(Type::Object) { m_payload.container = makeContainer(std::move(o)); }

Value Value::int64(qint64 i)
{
    Value v;
    v.m_type = Type::Int64;
    v.m_payload.i = i;
    return v;
}

Value Value::float64(double f) { return Value(f); }

Value Value::bytes(const QByteArray &b)
{
    Value v;
    v.m_type = Type::Bytes;
    new (&v.m_payload.bytes) QByteArray(b);
    return v;
}

void Value::copyFrom(const Value &other) noexcept
{
    m_type = other.m_type;
    switch (m_type) {
    case Type::String:
        new (&m_payload.s) QString(other.m_payload.s);
        break;
    case Type::Bytes:
        new (&m_payload.bytes) QByteArray(other.m_payload.bytes);
        break;
    case Type::Array:
    case Type::Object:
        m_payload.container = other.m_payload.container;
        m_payload.container->ref.ref();
        break;
    default:
        m_payload.i = other.m_payload.i;  // the whole 8-byte scalar, whichever it is
        break;
    }
}

void Value::destroy() noexcept
{
    switch (m_type) {
    case Type::String:
        m_payload.s.~QString();
        break;
    case Type::Bytes:
        m_payload.bytes.~QByteArray();
        break;
    case Type::Array:
    case Type::Object:
        if (!m_payload.container->ref.deref())
            delete m_payload.container;
        break;
    default:
        break;
    }
    m_type = Type::Null;
    m_payload.i = 0;
}

Value::Value(const Value &other) noexcept { copyFrom(other); }

Value::Value(Value &&other) noexcept
{
    // QString/QByteArray/Data* are trivially relocatable: take the bytes, leave other null.
    m_type = other.m_type;
    std::memcpy(static_cast<void *>(&m_payload), static_cast<const void *>(&other.m_payload), sizeof m_payload);
    other.m_type = Type::Null;
    other.m_payload.i = 0;
}

Value &Value::operator=(const Value &other) noexcept
{
    if (this != &other) {
        Value copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Value &Value::operator=(Value &&other) noexcept
{
    if (this != &other) {
        destroy();
        m_type = other.m_type;
        std::memcpy(static_cast<void *>(&m_payload), static_cast<const void *>(&other.m_payload), sizeof m_payload);
        other.m_type = Type::Null;
        other.m_payload.i = 0;
    }
    return *this;
}

Value::~Value() { destroy(); }

Value::Type Value::type() const noexcept
{
    return m_type;
}

qint64 Value::toInt64(qint64 defaultValue) const
{
    return m_type == Type::Int64 ? m_payload.i : defaultValue;
}

double Value::toFloat64(double defaultValue) const
{
    return m_type == Type::Float64 ? m_payload.f : defaultValue;
}

double Value::toNumber(double defaultValue) const
{
    if (m_type == Type::Float64)
        return m_payload.f;
    if (m_type == Type::Int64)
        return double(m_payload.i);
    return defaultValue;
}

bool Value::toBool(bool defaultValue) const
{
    return m_type == Type::Boolean ? m_payload.b : defaultValue;
}

QString Value::toString() const
{
    return m_type == Type::String ? m_payload.s : QString();
}

QByteArray Value::toBytes() const
{
    return m_type == Type::Bytes ? m_payload.bytes : QByteArray();
}

ValueArray Value::toArray() const
{
    return m_type == Type::Array ? std::get<ValueArray>(m_payload.container->storage) : ValueArray();
}

ValueObject Value::toObject() const
{
    return m_type == Type::Object ? std::get<ValueObject>(m_payload.container->storage) : ValueObject();
}

Value Value::operator[](const QString &key) const
{
    if (m_type != Type::Object)
        return Value();
    return std::get<ValueObject>(m_payload.container->storage).value(key);
}

Value Value::operator[](qsizetype index) const
{
    if (m_type != Type::Array)
        return Value();
    const auto &array = std::get<ValueArray>(m_payload.container->storage);
    return (index >= 0 && index < array.size()) ? array.at(index) : Value();
}

qsizetype Value::size() const
{
    if (m_type == Type::Array)
        return std::get<ValueArray>(m_payload.container->storage).size();
    if (m_type == Type::Object)
        return std::get<ValueObject>(m_payload.container->storage).size();
    return 0;
}

bool Value::operator==(const Value &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::Int64:
        return m_payload.i == other.m_payload.i;
    case Type::Float64:
        // Bitwise, as Convex compares floats: NaN == NaN, 0 != -0.
        return std::bit_cast<quint64>(m_payload.f) == std::bit_cast<quint64>(other.m_payload.f);
    case Type::Boolean:
        return m_payload.b == other.m_payload.b;
    case Type::String:
        return m_payload.s == other.m_payload.s;
    case Type::Bytes:
        return m_payload.bytes == other.m_payload.bytes;
    case Type::Array:
    case Type::Object:
        return m_payload.container == other.m_payload.container
            || m_payload.container->storage == other.m_payload.container->storage;
    }
    return false;
}

} // namespace convex
