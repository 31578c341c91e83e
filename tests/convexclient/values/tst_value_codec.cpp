// SPDX-License-Identifier: MIT
// Encoded-JSON codec of convex::Value against the vectors of convex-sync-protocol.md §14.1.
#include <convexclient/value.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <bit>
#include <cmath>
#include <functional>
#include <limits>

using convex::Value;
using convex::ValueArray;
using convex::ValueObject;

namespace {

Value fromBits(quint64 bits) { return Value::float64(std::bit_cast<double>(bits)); }

QByteArray encoded(const Value &v)
{
    const auto r = v.toJson();
    if (!r)
        return QByteArrayLiteral("<error: ") + r.error().toUtf8() + '>';
    return *r;
}

} // namespace

class TestValueCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vectors_data();
    void vectors();
    void decodeOnly_data();
    void decodeOnly();
    void decodeErrors_data();
    void decodeErrors();
    void urlSafeBase64Accepted();
    void encodeRejectsInvalidFieldNames_data();
    void encodeRejectsInvalidFieldNames();
    void numbersFormattedLikeJavaScript_data();
    void numbersFormattedLikeJavaScript();
    void bigIntegerLiteralsBecomeFloats();
    void nestingLimit();
    void deepNestingNeverOverflows();
    void stringEscapes();
    void nanPayloadPreserved();
    void roundTripRandomish();
};

void TestValueCodec::vectors_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("V1") << Value::int64(0) << QByteArray(R"({"$integer":"AAAAAAAAAAA="})");
    QTest::newRow("V2") << Value::int64(1) << QByteArray(R"({"$integer":"AQAAAAAAAAA="})");
    QTest::newRow("V3") << Value::int64(-1) << QByteArray("{\"$integer\":\"//////////8=\"}");
    QTest::newRow("V4") << Value::int64(255) << QByteArray(R"({"$integer":"/wAAAAAAAAA="})");
    QTest::newRow("V5") << Value::int64(256) << QByteArray(R"({"$integer":"AAEAAAAAAAA="})");
    QTest::newRow("V6") << Value::int64(10) << QByteArray(R"({"$integer":"CgAAAAAAAAA="})");
    QTest::newRow("V7") << Value::int64(9007199254740992LL) << QByteArray(R"({"$integer":"AAAAAAAAIAA="})");
    QTest::newRow("V8") << Value::int64(std::numeric_limits<qint64>::max()) << QByteArray("{\"$integer\":\"/////////38=\"}");
    QTest::newRow("V9") << Value::int64(std::numeric_limits<qint64>::min()) << QByteArray(R"({"$integer":"AAAAAAAAAIA="})");
    QTest::newRow("V10") << Value::float64(1) << QByteArray("1");
    QTest::newRow("V11") << Value::float64(1.5) << QByteArray("1.5");
    QTest::newRow("V12") << Value::float64(0) << QByteArray("0");
    QTest::newRow("V13") << Value::float64(-0.0) << QByteArray(R"({"$float":"AAAAAAAAAIA="})");
    QTest::newRow("V14") << Value::float64(std::numeric_limits<double>::quiet_NaN()) << QByteArray(R"({"$float":"AAAAAAAA+H8="})");
    QTest::newRow("V15") << Value::float64(std::numeric_limits<double>::infinity()) << QByteArray(R"({"$float":"AAAAAAAA8H8="})");
    QTest::newRow("V16") << Value::float64(-std::numeric_limits<double>::infinity()) << QByteArray(R"({"$float":"AAAAAAAA8P8="})");
    QTest::newRow("V17") << Value::bytes(QByteArray()) << QByteArray(R"({"$bytes":""})");
    QTest::newRow("V18") << Value::bytes(QByteArray("\x00\x10\x83", 3)) << QByteArray(R"({"$bytes":"ABCD"})");
    QTest::newRow("V19") << Value::bytes(QByteArray("\x01\x02\x03\x04", 4)) << QByteArray(R"({"$bytes":"AQIDBA=="})");
    QTest::newRow("V20") << Value(ValueArray{Value::int64(1), Value(u"a"), Value()})
                         << QByteArray(R"([{"$integer":"AQAAAAAAAAA="},"a",null])");
    QTest::newRow("V21") << Value(ValueObject{{QStringLiteral("b"), 1.0}, {QStringLiteral("a"), 2.0}})
                         << QByteArray(R"({"a":2,"b":1})");
    // V22 ({a: undefined}) has no counterpart: a C++ Value cannot hold `undefined`.
    QTest::newRow("V23") << Value(ValueObject{{QStringLiteral("args"),
                                               ValueObject{{QStringLiteral("n"), Value::int64(10)},
                                                           {QStringLiteral("xs"), ValueArray{1.25, Value::float64(-0.0)}}}}})
                         << QByteArray(R"({"args":{"n":{"$integer":"CgAAAAAAAAA="},"xs":[1.25,{"$float":"AAAAAAAAAIA="}]}})");
    QTest::newRow("V24") << Value(ValueObject{{QStringLiteral("_id"), Value(u"abc")}}) << QByteArray(R"({"_id":"abc"})");
    QTest::newRow("V25") << Value(u"héllo") << QByteArray("\"h\xc3\xa9llo\"");
    QTest::newRow("bool") << Value(true) << QByteArray("true");
    QTest::newRow("null") << Value() << QByteArray("null");
    QTest::newRow("empty array") << Value(ValueArray{}) << QByteArray("[]");
    QTest::newRow("empty object") << Value(ValueObject{}) << QByteArray("{}");
    QTest::newRow("empty key") << Value(ValueObject{{QString(), Value(false)}}) << QByteArray(R"({"":false})");
}

void TestValueCodec::vectors()
{
    QFETCH(Value, value);
    QFETCH(QByteArray, json);
    QCOMPARE(encoded(value), json);
    const auto decoded = Value::fromJson(json);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
    QCOMPARE(decoded->type(), value.type());
    QVERIFY(*decoded == value);
    // The QJsonValue route agrees with the text route.
    const auto viaQt = Value::fromJsonValue(value.toJsonValue());
    QVERIFY2(viaQt.ok(), qPrintable(viaQt.error()));
    QVERIFY(*viaQt == value);
}

void TestValueCodec::decodeOnly_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Value>("expected");
    QTest::newRow("D1 3 is a float") << QByteArray("3") << Value::float64(3);
    QTest::newRow("D4 NaN") << QByteArray(R"({"$float":"AAAAAAAA+H8="})")
                            << Value::float64(std::numeric_limits<double>::quiet_NaN());
    QTest::newRow("D8 url-safe bytes") << QByteArray(R"({"$bytes":"AB-_"})") << Value::bytes(QByteArray("\x00\x1f\xbf", 3));
    QTest::newRow("negative integer literal") << QByteArray("-42") << Value::float64(-42);
    QTest::newRow("exponent") << QByteArray("1e3") << Value::float64(1000);
    QTest::newRow("whitespace") << QByteArray(" [ 1 , {\"a\" : null} ] ")
                                << Value(ValueArray{1.0, ValueObject{{QStringLiteral("a"), Value()}}});
    QTest::newRow("escaped string") << QByteArray(R"("a\"b\\c\n\u00e9\ud83d\ude00")")
                                    << Value(QStringLiteral("a\"b\\c\n\u00e9") + QString::fromUcs4(U"\U0001F600", 1));
    QTest::newRow("$integer inside array") << QByteArray(R"([{"$integer":"AQAAAAAAAAA="}])")
                                           << Value(ValueArray{Value::int64(1)});
    QTest::newRow("duplicate key: last wins") << QByteArray(R"({"a":1,"a":2})")
                                              << Value(ValueObject{{QStringLiteral("a"), 2.0}});
    QTest::newRow("unsorted keys") << QByteArray(R"({"b":1,"a":2})")
                                   << Value(ValueObject{{QStringLiteral("a"), 2.0}, {QStringLiteral("b"), 1.0}});
}

void TestValueCodec::decodeOnly()
{
    QFETCH(QByteArray, json);
    QFETCH(Value, expected);
    const auto decoded = Value::fromJson(json);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
    QCOMPARE(decoded->type(), expected.type());
    QVERIFY(*decoded == expected);
}

void TestValueCodec::decodeErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("D2 4-byte integer") << QByteArray(R"({"$integer":"AQAAAA=="})") << QStringLiteral("4 bytes, expected 8");
    QTest::newRow("D3 normal $float") << QByteArray(R"({"$float":"AAAAAAAA8D8="})") << QStringLiteral("should be encoded as a number");
    QTest::newRow("+0 as $float") << QByteArray(R"({"$float":"AAAAAAAAAAA="})") << QStringLiteral("should be encoded as a number");
    QTest::newRow("subnormal $float") << QByteArray(R"({"$float":"AQAAAAAAAAA="})") << QStringLiteral("should be encoded as a number");
    QTest::newRow("D5 $foo") << QByteArray(R"({"$foo":1})") << QStringLiteral("starts with a '$'");
    QTest::newRow("D6 $integer plus key") << QByteArray(R"({"$integer":"AQAAAAAAAAA=","x":1})") << QStringLiteral("starts with a '$'");
    QTest::newRow("key then $integer") << QByteArray(R"({"x":1,"$integer":"AQAAAAAAAAA="})") << QStringLiteral("starts with a '$'");
    QTest::newRow("D7 $set") << QByteArray(R"({"$set":[]})") << QStringLiteral("no longer supported");
    QTest::newRow("D7 $map") << QByteArray(R"({"$map":[]})") << QStringLiteral("no longer supported");
    QTest::newRow("D9 non-ASCII key") << QByteArray("{\"\xc3\xa9\":1}") << QStringLiteral("non-control ASCII");
    QTest::newRow("D10 1025-char key") << QByteArray("{\"" + QByteArray(1025, 'k') + "\":1}") << QStringLiteral("exceeds maximum field name length 1024");
    QTest::newRow("control char key") << QByteArray(R"({"a\u0001":1})") << QStringLiteral("non-control ASCII");
    QTest::newRow("DEL key") << QByteArray("{\"a\x7f\":1}") << QStringLiteral("non-control ASCII");
    QTest::newRow("nested bad key path") << QByteArray(R"({"a":[0,{"$x":1}]})") << QStringLiteral("(at a[1])");
    QTest::newRow("$integer not a string") << QByteArray(R"({"$integer":5})") << QStringLiteral("Malformed $integer");
    QTest::newRow("$bytes not a string") << QByteArray(R"({"$bytes":null})") << QStringLiteral("Malformed $bytes");
    QTest::newRow("$float not a string") << QByteArray(R"({"$float":[]})") << QStringLiteral("Malformed $float");
    QTest::newRow("bad base64 char") << QByteArray(R"({"$bytes":"AB*D"})") << QStringLiteral("base64");
    QTest::newRow("bad base64 length") << QByteArray(R"({"$bytes":"ABC"})") << QStringLiteral("base64");
    QTest::newRow("inner padding") << QByteArray(R"({"$bytes":"AB=DAAAA"})") << QStringLiteral("base64");
    QTest::newRow("9-byte integer") << QByteArray(R"({"$integer":"AAAAAAAAAAAA"})") << QStringLiteral("9 bytes");
    QTest::newRow("empty integer") << QByteArray(R"({"$integer":""})") << QStringLiteral("0 bytes");
    QTest::newRow("$commitTs") << QByteArray(R"({"$commitTs":null})") << QStringLiteral("commit timestamp");
    QTest::newRow("truncated") << QByteArray(R"({"a":[1,2)") << QStringLiteral("Invalid JSON");
    QTest::newRow("empty input") << QByteArray() << QStringLiteral("Invalid JSON");
    QTest::newRow("trailing garbage") << QByteArray("1 2") << QStringLiteral("Invalid JSON");
    QTest::newRow("invalid UTF-8") << QByteArray("\"\xff\xfe\"") << QStringLiteral("Invalid JSON");
    QTest::newRow("truncated UTF-8") << QByteArray("\"\xc3\"") << QStringLiteral("Invalid JSON");
    QTest::newRow("bare word") << QByteArray("undefined") << QStringLiteral("Invalid JSON");
    QTest::newRow("number overflow") << QByteArray("1e400") << QStringLiteral("Invalid JSON");
}

void TestValueCodec::decodeErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorContains);
    const auto decoded = Value::fromJson(json);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error().contains(errorContains), qPrintable(decoded.error()));
    // The QJsonValue route rejects the same things (when Qt can parse the text at all).
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "]", &parseError);
    if (parseError.error == QJsonParseError::NoError && !json.contains("\"a\":1,\"a\"")) {
        const auto viaQt = Value::fromJsonValue(doc.array().at(0));
        QVERIFY2(!viaQt.ok(), json.constData());
    }
}

void TestValueCodec::urlSafeBase64Accepted()
{
    const auto decoded = Value::fromJson(R"({"$integer":"__________8="})");
    QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
    QCOMPARE(decoded->toInt64(), qint64(-1));
    // …but the standard alphabet is what goes out.
    QCOMPARE(encoded(*decoded), QByteArray("{\"$integer\":\"//////////8=\"}"));
}

void TestValueCodec::encodeRejectsInvalidFieldNames_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("dollar") << QStringLiteral("$id") << QStringLiteral("starts with a '$'");
    QTest::newRow("D9 non-ASCII") << QStringLiteral("é") << QStringLiteral("non-control ASCII");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("non-control ASCII");
    QTest::newRow("D10 too long") << QString(1025, u'x') << QStringLiteral("1024");
}

void TestValueCodec::encodeRejectsInvalidFieldNames()
{
    QFETCH(QString, key);
    QFETCH(QString, errorContains);
    QVERIFY(!Value::fieldNameError(key).isEmpty());
    const Value nested(ValueArray{ValueObject{{key, Value()}}});
    const auto r = nested.toJson();
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(errorContains), qPrintable(r.error()));
    QVERIFY(Value::fieldNameError(QString(1024, u'x')).isEmpty());
    QVERIFY(Value::fieldNameError(QStringLiteral("_id")).isEmpty());
    QVERIFY(Value::fieldNameError(QStringLiteral("a$")).isEmpty());
}

void TestValueCodec::numbersFormattedLikeJavaScript_data()
{
    QTest::addColumn<double>("number");
    QTest::addColumn<QByteArray>("text");  // String(number) in JavaScript
    QTest::newRow("int") << 42.0 << QByteArray("42");
    QTest::newRow("negative") << -7.25 << QByteArray("-7.25");
    QTest::newRow("0.1") << 0.1 << QByteArray("0.1");
    QTest::newRow("1e20") << 1e20 << QByteArray("100000000000000000000");
    QTest::newRow("1e21") << 1e21 << QByteArray("1e+21");
    QTest::newRow("1.5e300") << 1.5e300 << QByteArray("1.5e+300");
    QTest::newRow("1e-6") << 1e-6 << QByteArray("0.000001");
    QTest::newRow("1e-7") << 1e-7 << QByteArray("1e-7");
    QTest::newRow("1.25e-7") << -1.25e-7 << QByteArray("-1.25e-7");
    QTest::newRow("2^53") << 9007199254740992.0 << QByteArray("9007199254740992");
    QTest::newRow("max") << std::numeric_limits<double>::max() << QByteArray("1.7976931348623157e+308");
    QTest::newRow("min subnormal") << std::numeric_limits<double>::denorm_min() << QByteArray("5e-324");
    QTest::newRow("123.456") << 123.456 << QByteArray("123.456");
}

void TestValueCodec::numbersFormattedLikeJavaScript()
{
    QFETCH(double, number);
    QFETCH(QByteArray, text);
    QCOMPARE(encoded(Value::float64(number)), text);
    const auto back = Value::fromJson(text);
    QVERIFY(back.ok());
    QCOMPARE(std::bit_cast<quint64>(back->toFloat64()), std::bit_cast<quint64>(number));
}

void TestValueCodec::bigIntegerLiteralsBecomeFloats()
{
    // Integer literals beyond int64/uint64 must still be float64, rounded like JSON.parse.
    const auto a = Value::fromJson("18446744073709551615");
    QVERIFY(a.ok());
    QVERIFY(a->isFloat64());
    QCOMPARE(a->toFloat64(), 18446744073709551616.0);
    const auto b = Value::fromJson("-9223372036854775808");
    QVERIFY(b.ok());
    QVERIFY(b->isFloat64());
    QCOMPARE(b->toFloat64(), -9223372036854775808.0);
    const auto c = Value::fromJson("123456789012345678901234567890");
    QVERIFY(c.ok());
    QVERIFY(c->isFloat64());
    QCOMPARE(c->toFloat64(), 1.2345678901234568e29);
    const auto d = Value::fromJson("9007199254740993");  // 2^53 + 1 rounds to even
    QVERIFY(d.ok());
    QCOMPARE(d->toFloat64(), 9007199254740992.0);
}

void TestValueCodec::nestingLimit()
{
    const auto nested = [](int depth) -> QByteArray {
        return QByteArray(depth, '[') + QByteArray(depth, ']');
    };
    const auto ok = Value::fromJson(nested(Value::MaxNestingDepth));
    QVERIFY2(ok.ok(), qPrintable(ok.error()));
    QVERIFY(ok->toJson().ok());
    const auto tooDeep = Value::fromJson(nested(Value::MaxNestingDepth + 1));
    QVERIFY(!tooDeep.ok());
    QVERIFY2(tooDeep.error().contains(QStringLiteral("nested deeper than 64")), qPrintable(tooDeep.error()));

    // Encoding a hand-built value that is too deep fails as well.
    Value v(ValueArray{});
    for (int i = 0; i < Value::MaxNestingDepth; ++i)
        v = Value(ValueObject{{QStringLiteral("x"), v}});
    const auto r = v.toJson();
    QVERIFY(!r.ok());
    QVERIFY(r.error().contains(QStringLiteral("nested deeper")));
    QVERIFY(!v.toPrettyJson().isEmpty());
}

void TestValueCodec::deepNestingNeverOverflows()
{
    const QByteArray deep = QByteArray(1'000'000, '[') + QByteArray(1'000'000, ']');
    QVERIFY(!Value::fromJson(deep).ok());
    const QByteArray deepObjects = QByteArray(200'000, '{').replace("{", "{\"a\":");
    QVERIFY(!Value::fromJson(deepObjects).ok());
}

void TestValueCodec::stringEscapes()
{
    const QString s = QStringLiteral("q\"b\\s/\b\f\n\r\t") + QChar(0x01) + QChar(0x1f) + QStringLiteral("ü€")
        + QString::fromUcs4(U"\U0001F600", 1);
    QCOMPARE(encoded(Value(s)),
             QByteArray("\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\xc3\xbc\xe2\x82\xac\xf0\x9f\x98\x80\""));
    QCOMPARE(Value::fromJson(encoded(Value(s)))->toString(), s);
    // A lone surrogate is escaped (JSON.stringify's well-formed output) and survives.
    const QString lone = QString(QChar(0xD800)) + u'x';
    QCOMPARE(encoded(Value(lone)), QByteArray("\"\\ud800x\""));
}

void TestValueCodec::nanPayloadPreserved()
{
    const Value signalling = fromBits(0x7FF0000000000001ULL);
    const auto back = Value::fromJson(encoded(signalling));
    QVERIFY(back.ok());
    QCOMPARE(std::bit_cast<quint64>(back->toFloat64()), 0x7FF0000000000001ULL);
    QVERIFY(*back == signalling);
    QVERIFY(*back != Value::float64(std::numeric_limits<double>::quiet_NaN()));
}

void TestValueCodec::roundTripRandomish()
{
    // A deterministic pseudo-random walk over every type; encode → decode must be identity.
    quint64 state = 0x9E3779B97F4A7C15ULL;
    const auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    std::function<Value(int)> make = [&](int depth) -> Value {
        switch (next() % (depth > 4 ? 6 : 8)) {
        case 0: return Value();
        case 1: return Value::int64(qint64(next()));
        case 2: return fromBits(next());  // any bit pattern, NaNs included
        case 3: return Value(next() % 2 == 0);
        case 4: {
            QString s;
            for (quint64 i = 0, n = next() % 8; i < n; ++i)
                s += QChar(char16_t(next() % 0xD000));
            return Value(s);
        }
        case 5: return Value::bytes(QByteArray::number(next()));
        case 6: {
            ValueArray a;
            for (quint64 i = 0, n = next() % 5; i < n; ++i)
                a.append(make(depth + 1));
            return Value(a);
        }
        default: {
            ValueObject o;
            for (quint64 i = 0, n = next() % 5; i < n; ++i)
                o.insert(QStringLiteral("k") + QString::number(next() % 100), make(depth + 1));
            return Value(o);
        }
        }
    };
    for (int i = 0; i < 300; ++i) {
        const Value v = make(0);
        const auto json = v.toJson();
        QVERIFY(json.ok());
        const auto back = Value::fromJson(*json);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QVERIFY2(*back == v, json->constData());
        QCOMPARE(back->toJson().value(), json.value());
        const auto viaQt = Value::fromJsonValue(v.toJsonValue());
        QVERIFY(viaQt.ok());
        QVERIFY(*viaQt == v);
    }
}

QTEST_GUILESS_MAIN(TestValueCodec)
#include "tst_value_codec.moc"
