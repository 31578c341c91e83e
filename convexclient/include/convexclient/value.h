// SPDX-License-Identifier: MIT
#pragma once

#include <convexclient/result.h>

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QSharedDataPointer>
#include <QString>
#include <QVariant>

#include <cstddef>

namespace convex {

class Value;
//! A Convex array.
using ValueArray = QList<Value>;
//! A Convex object. QMap keeps keys sorted by UTF-16 code unit, which is the order the
//! official JS encoder emits (field names are ASCII, so this is also byte order).
using ValueObject = QMap<QString, Value>;

//! \brief One Convex value: null, int64, float64, boolean, string, bytes, array or object.
//!
//! Implicitly shared (cheap to copy). The JSON form is Convex's "encoded JSON"
//! (`convex_encoded_json`): int64 as `{"$integer": base64 LE}`, bytes as `{"$bytes": …}`,
//! NaN/±Inf/-0 as `{"$float": base64 LE}`, every plain JSON number is a float64.
//!
//! Integers are never guessed: `Value(5)` does not compile; say `Value::int64(5)` or
//! `Value::float64(5)`.
class Value {
public:
    enum class Type : quint8 { Null, Int64, Float64, Boolean, String, Bytes, Array, Object };

    Value() noexcept;                      //!< null
    Value(std::nullptr_t) noexcept;        //!< null
    Value(bool b);
    Value(double f);                       //!< float64
    Value(const QString &s);
    Value(const char16_t *s);              //!< string, e.g. Value(u"text")
    Value(QString &&s);
    Value(const ValueArray &a);
    Value(ValueArray &&a);
    Value(const ValueObject &o);
    Value(ValueObject &&o);
    Value(int) = delete;                   //!< ambiguous: use int64() or float64()
    Value(const char *) = delete;          //!< use a QString or u"literal"

    static Value int64(qint64 i);
    static Value float64(double f);
    static Value bytes(const QByteArray &b);

    //! Deepest array/object nesting accepted by the decoders and toJson() (the server's
    //! limit). A scalar has depth 0, `[]` depth 1, `[[]]` depth 2.
    static constexpr int MaxNestingDepth = 64;

    Value(const Value &) noexcept;
    Value(Value &&) noexcept;
    Value &operator=(const Value &) noexcept;
    Value &operator=(Value &&) noexcept;
    ~Value();

    Type type() const noexcept;
    bool isNull() const noexcept { return type() == Type::Null; }
    bool isInt64() const noexcept { return type() == Type::Int64; }
    bool isFloat64() const noexcept { return type() == Type::Float64; }
    bool isBool() const noexcept { return type() == Type::Boolean; }
    bool isString() const noexcept { return type() == Type::String; }
    bool isBytes() const noexcept { return type() == Type::Bytes; }
    bool isArray() const noexcept { return type() == Type::Array; }
    bool isObject() const noexcept { return type() == Type::Object; }

    //! Accessors return \a defaultValue (or an empty container) when the type differs.
    qint64 toInt64(qint64 defaultValue = 0) const;
    double toFloat64(double defaultValue = 0) const;
    //! int64 or float64 as a double (for display); \a defaultValue otherwise.
    double toNumber(double defaultValue = 0) const;
    bool toBool(bool defaultValue = false) const;
    QString toString() const;
    QByteArray toBytes() const;
    ValueArray toArray() const;
    ValueObject toObject() const;

    //! Object member or null; array element or null (never throws, never crashes).
    Value operator[](const QString &key) const;
    Value operator[](qsizetype index) const;
    qsizetype size() const;  //!< elements of an array / members of an object, else 0

    //! Structural equality. Floats compare by bit pattern (NaN == NaN, 0 != -0), as Convex does.
    bool operator==(const Value &other) const;
    bool operator!=(const Value &other) const { return !(*this == other); }

    // ---- Convex encoded JSON -------------------------------------------------------
    //! Compact encoded JSON, object keys sorted. Fails only on invalid field names.
    Result<QByteArray> toJson() const;
    //! Parse encoded JSON text. Every JSON number becomes a float64.
    static Result<Value> fromJson(QByteArrayView json);
    //! Indented encoded JSON for people (function console, CLI --pretty).
    QString toPrettyJson() const;

    //! Encoded JSON as a QJsonValue (int64 stays exact: it is the `$integer` object).
    QJsonValue toJsonValue() const;
    static Result<Value> fromJsonValue(const QJsonValue &json);

    //! Natural Qt types for UI code: null→QVariant::fromValue(nullptr), int64→qlonglong,
    //! float64→double, bool, QString, bytes→QByteArray, QVariantList, QVariantMap.
    QVariant toVariant() const;
    //! The inverse of toVariant(); int/qlonglong become int64, float/double float64.
    //! Fails for types with no Convex counterpart.
    static Result<Value> fromVariant(const QVariant &variant);

    //! Empty if \a name is a valid Convex field name, else why not (starts with '$',
    //! non-ASCII or control characters, longer than 1024).
    static QString fieldNameError(QStringView name);

    class Data;
private:
    void copyFrom(const Value &other) noexcept;
    void destroy() noexcept;

    // Scalars, strings and bytes live inline (one allocation fewer per decoded node, which
    // matters for large query results); arrays and objects share one heap Data.
    union Payload {
        qint64 i;
        double f;
        bool b;
        QString s;
        QByteArray bytes;
        Data *container;  // Array/Object; this Value holds one reference
        Payload() noexcept : i(0) {}
        ~Payload() {}
    } m_payload;
    Type m_type = Type::Null;
};

} // namespace convex

Q_DECLARE_METATYPE(convex::Value)
