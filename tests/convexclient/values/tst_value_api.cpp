// SPDX-License-Identifier: MIT
// convex::Value's C++ API: types, accessors, equality, sharing, Qt conversions, pretty JSON.
#include <convexclient/value.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <bit>
#include <cmath>
#include <limits>

using convex::Value;
using convex::ValueArray;
using convex::ValueObject;

class TestValueApi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typesAndAccessors();
    void accessorsOfWrongTypeGiveDefaults();
    void indexing();
    void equalityIsBitwiseForFloats();
    void int64AndFloat64NeverEqual();
    void implicitSharing();
    void copyAndMoveEveryType();
    void variantRoundTrip();
    void fromVariantConversions();
    void fromVariantFailures();
    void jsonValueKeepsInt64Exact();
    void fromJsonValueRules();
    void prettyJson();
    void metaType();
};

void TestValueApi::typesAndAccessors()
{
    QCOMPARE(Value().type(), Value::Type::Null);
    QVERIFY(Value(nullptr).isNull());
    QCOMPARE(Value::int64(-5).toInt64(), qint64(-5));
    QVERIFY(Value::int64(-5).isInt64());
    QCOMPARE(Value(2.5).toFloat64(), 2.5);
    QVERIFY(Value(2.5).isFloat64());
    QCOMPARE(Value::float64(3).type(), Value::Type::Float64);
    QVERIFY(Value(true).toBool());
    QVERIFY(!Value(false).toBool(true));
    QCOMPARE(Value(u"text").toString(), QStringLiteral("text"));
    QCOMPARE(Value(QStringLiteral("moved")).toString(), QStringLiteral("moved"));
    QCOMPARE(Value::bytes("ab").toBytes(), QByteArray("ab"));
    QVERIFY(Value::bytes(QByteArray()).isBytes());
    QCOMPARE(Value(ValueArray{1.0, 2.0}).toArray().size(), 2);
    QCOMPARE(Value(ValueObject{{QStringLiteral("a"), 1.0}}).toObject().keys(), QStringList{QStringLiteral("a")});
    QCOMPARE(Value::int64(7).toNumber(), 7.0);
    QCOMPARE(Value(7.5).toNumber(), 7.5);
    QCOMPARE(Value(u"7").toNumber(-1), -1.0);
}

void TestValueApi::accessorsOfWrongTypeGiveDefaults()
{
    const Value s(u"x");
    QCOMPARE(s.toInt64(9), qint64(9));
    QCOMPARE(s.toFloat64(1.5), 1.5);
    QCOMPARE(s.toBool(true), true);
    QVERIFY(s.toBytes().isNull());
    QVERIFY(s.toArray().isEmpty());
    QVERIFY(s.toObject().isEmpty());
    QCOMPARE(s.size(), 0);
    QVERIFY(Value::int64(1).toString().isNull());
    // int64 is not silently a float and vice versa.
    QCOMPARE(Value::int64(3).toFloat64(-1), -1.0);
    QCOMPARE(Value(3.0).toInt64(-1), qint64(-1));
}

void TestValueApi::indexing()
{
    const Value v(ValueObject{{QStringLiteral("list"), ValueArray{Value(u"a"), Value::int64(2)}}});
    QCOMPARE(v[QStringLiteral("list")][1].toInt64(), qint64(2));
    QCOMPARE(v[QStringLiteral("list")][0].toString(), QStringLiteral("a"));
    QVERIFY(v[QStringLiteral("list")][2].isNull());
    QVERIFY(v[QStringLiteral("list")][-1].isNull());
    QVERIFY(v[QStringLiteral("missing")].isNull());
    QVERIFY(v[0].isNull());
    QVERIFY(Value()[QStringLiteral("x")][3].isNull());
    QCOMPARE(v.size(), 1);
    QCOMPARE(v[QStringLiteral("list")].size(), 2);
}

void TestValueApi::equalityIsBitwiseForFloats()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QVERIFY(Value(nan) == Value(nan));
    QVERIFY(Value(0.0) != Value(-0.0));
    QVERIFY(Value(ValueArray{nan}) == Value(ValueArray{nan}));
    QVERIFY(Value(ValueArray{0.0}) != Value(ValueArray{-0.0}));
    QVERIFY(Value(ValueObject{{QStringLiteral("a"), -0.0}}) == Value(ValueObject{{QStringLiteral("a"), -0.0}}));
    QVERIFY(Value(1.0) == Value::float64(1));
    QVERIFY(Value(u"a") != Value(u"b"));
    QVERIFY(Value() == Value(nullptr));
    QVERIFY(Value(ValueArray{}) != Value(ValueObject{}));
    QVERIFY(Value::bytes("a") != Value(u"a"));
}

void TestValueApi::int64AndFloat64NeverEqual()
{
    QVERIFY(Value::int64(1) != Value::float64(1));
    QVERIFY(Value::int64(0) != Value());
    QVERIFY(Value(false) != Value());
}

void TestValueApi::implicitSharing()
{
    ValueArray items{Value(u"a")};
    const Value original(items);
    Value copy = original;
    QVERIFY(copy == original);
    copy = Value(ValueArray{Value(u"b")});
    QCOMPARE(original[0].toString(), QStringLiteral("a"));
    items.append(Value(u"c"));  // the Value holds its own (shared) copy
    QCOMPARE(original.size(), 1);
    Value moved = std::move(copy);
    QCOMPARE(moved[0].toString(), QStringLiteral("b"));
}

void TestValueApi::copyAndMoveEveryType()
{
    const QList<Value> samples = {
        Value(), Value::int64(-3), Value(2.5), Value(true), Value(u"str"), Value::bytes("b"),
        Value(ValueArray{Value(u"x")}), Value(ValueObject{{QStringLiteral("k"), Value::int64(1)}}),
    };
    for (const Value &a : samples) {
        for (const Value &b : samples) {
            Value target = a;
            QVERIFY(target == a);
            target = b;  // copy-assign across types
            QVERIFY(target == b);
            QCOMPARE(target.type(), b.type());
            Value moved = std::move(target);
            QVERIFY(moved == b);
            QVERIFY(target.isNull());  // moved-from Values are null, and usable
            target = moved;
            QVERIFY(target == b);
            Value &alias = target;
            target = alias;  // self-assignment keeps the value
            QVERIFY(target == b);
            target = std::move(alias);
            QVERIFY(target == b);
        }
    }
}

void TestValueApi::variantRoundTrip()
{
    const Value v(ValueObject{
        {QStringLiteral("i"), Value::int64(std::numeric_limits<qint64>::min())},
        {QStringLiteral("f"), Value(-0.0)},
        {QStringLiteral("b"), Value(true)},
        {QStringLiteral("s"), Value(u"s")},
        {QStringLiteral("y"), Value::bytes("\x00\x01")},
        {QStringLiteral("n"), Value()},
        {QStringLiteral("a"), ValueArray{Value::int64(1), 2.0}},
    });
    const QVariant variant = v.toVariant();
    QCOMPARE(variant.typeId(), QMetaType::QVariantMap);
    const QVariantMap map = variant.toMap();
    QCOMPARE(map.value(QStringLiteral("i")).typeId(), QMetaType::LongLong);
    QCOMPARE(map.value(QStringLiteral("f")).typeId(), QMetaType::Double);
    QCOMPARE(map.value(QStringLiteral("y")).typeId(), QMetaType::QByteArray);
    QCOMPARE(map.value(QStringLiteral("n")).typeId(), QMetaType::Nullptr);
    const auto back = Value::fromVariant(variant);
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QVERIFY(*back == v);
}

void TestValueApi::fromVariantConversions()
{
    QCOMPARE(Value::fromVariant(QVariant(5))->type(), Value::Type::Int64);
    QCOMPARE(Value::fromVariant(QVariant(5u))->toInt64(), qint64(5));
    QCOMPARE(Value::fromVariant(QVariant(2.5f))->toFloat64(), 2.5);
    QVERIFY(Value::fromVariant(QVariant())->isNull());
    QCOMPARE(Value::fromVariant(QStringList{QStringLiteral("a")})->toArray().size(), 1);
    QVariantHash hash{{QStringLiteral("k"), 1.0}};
    QCOMPARE(Value::fromVariant(hash).value()[QStringLiteral("k")].toFloat64(), 1.0);
    const Value inner = Value::int64(4);
    QVERIFY(*Value::fromVariant(QVariant::fromValue(inner)) == inner);
    QCOMPARE(Value::fromVariant(QVariant(qulonglong(7)))->toInt64(), qint64(7));
}

void TestValueApi::fromVariantFailures()
{
    const auto tooBig = Value::fromVariant(QVariant(std::numeric_limits<qulonglong>::max()));
    QVERIFY(!tooBig.ok());
    QVERIFY(tooBig.error().contains(QStringLiteral("64-bit")));
    const auto noCounterpart = Value::fromVariant(QVariant(QPoint(1, 2)));
    QVERIFY(!noCounterpart.ok());
    QVERIFY(noCounterpart.error().contains(QStringLiteral("QPoint")));
    const auto badKey = Value::fromVariant(QVariantMap{{QStringLiteral("$x"), 1}});
    QVERIFY(!badKey.ok());
    QVariantList deep;
    for (int i = 0; i < 100; ++i)
        deep = QVariantList{QVariant(deep)};
    QVERIFY(!Value::fromVariant(deep).ok());
}

void TestValueApi::jsonValueKeepsInt64Exact()
{
    const QJsonValue j = Value::int64(std::numeric_limits<qint64>::max()).toJsonValue();
    QCOMPARE(j.toObject().value(QStringLiteral("$integer")).toString(), QStringLiteral("/////////38="));
    const QJsonValue nan = Value(std::numeric_limits<double>::quiet_NaN()).toJsonValue();
    QCOMPARE(nan.toObject().value(QStringLiteral("$float")).toString(), QStringLiteral("AAAAAAAA+H8="));
    QCOMPARE(Value(1.5).toJsonValue().toDouble(), 1.5);
    QVERIFY(Value().toJsonValue().isNull());
}

void TestValueApi::fromJsonValueRules()
{
    // Qt stores small integers as qint64; they are still float64 in Convex.
    QCOMPARE(Value::fromJsonValue(QJsonValue(qint64(3)))->type(), Value::Type::Float64);
    QVERIFY(!Value::fromJsonValue(QJsonValue(QJsonValue::Undefined)).ok());
    QVERIFY(!Value::fromJsonValue(QJsonObject{{QStringLiteral("$set"), QJsonArray()}}).ok());
    QVERIFY(!Value::fromJsonValue(QJsonObject{{QStringLiteral("$integer"), 1}}).ok());
    const auto bytes = Value::fromJsonValue(QJsonObject{{QStringLiteral("$bytes"), QStringLiteral("AQID")}});
    QVERIFY(bytes.ok());
    QCOMPARE(bytes->toBytes(), QByteArray("\x01\x02\x03"));
}

void TestValueApi::prettyJson()
{
    const Value v(ValueObject{{QStringLiteral("b"), ValueArray{Value::int64(1), Value(u"x")}},
                              {QStringLiteral("a"), ValueObject{}},
                              {QStringLiteral("c"), ValueArray{}}});
    QCOMPARE(v.toPrettyJson(), QStringLiteral("{\n"
                                              "  \"a\": {},\n"
                                              "  \"b\": [\n"
                                              "    {\n"
                                              "      \"$integer\": \"AQAAAAAAAAA=\"\n"
                                              "    },\n"
                                              "    \"x\"\n"
                                              "  ],\n"
                                              "  \"c\": []\n"
                                              "}"));
    QCOMPARE(Value(1.5).toPrettyJson(), QStringLiteral("1.5"));
    // Pretty printing never fails, even for names that toJson() rejects.
    QVERIFY(Value(ValueObject{{QStringLiteral("$bad"), Value()}}).toPrettyJson().contains(QStringLiteral("$bad")));
}

void TestValueApi::metaType()
{
    const QVariant v = QVariant::fromValue(Value(u"x"));
    QVERIFY(v.canConvert<Value>());
    QCOMPARE(v.value<Value>().toString(), QStringLiteral("x"));
}

QTEST_GUILESS_MAIN(TestValueApi)
#include "tst_value_api.moc"
