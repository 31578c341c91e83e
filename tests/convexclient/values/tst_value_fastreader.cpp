// SPDX-License-Identifier: MIT
// The fast JSON reader (convexclient/src/values/jsonfastreader.h) against the nlohmann SAX
// reader it short-cuts: whenever the fast one answers, the slow one must accept the same text
// and give an identical Value (types, float bits, strings incl. null-ness); whenever the slow
// one fails, the fast one must not answer. Checked on hand-picked edge cases, on random mutations
// of valid documents and on random valid documents (which the fast reader must answer itself).
#include "values/jsonfastreader.h"
#include "values/jsonreader.h"

#include <convexclient/value.h>

#include <QTest>

#include <array>
#include <random>
#include <string_view>

using convex::Value;
using convex::ValueArray;
using convex::ValueObject;

namespace {

constexpr std::array<std::string_view, 3> kConvexKeys = {"value", "result", "errorData"};

//! Like operator== but also tells a null QString from an empty one.
bool identical(const Value &a, const Value &b)
{
    if (!(a == b) || a.type() != b.type())
        return false;
    switch (a.type()) {
    case Value::Type::String:
        return a.toString().isNull() == b.toString().isNull();
    case Value::Type::Array: {
        const ValueArray x = a.toArray(), y = b.toArray();
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!identical(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case Value::Type::Object: {
        const ValueObject x = a.toObject(), y = b.toObject();
        for (auto it = x.cbegin(), jt = y.cbegin(); it != x.cend(); ++it, ++jt) {
            if (it.key() != jt.key() || it.key().isNull() != jt.key().isNull() || !identical(it.value(), jt.value()))
                return false;
        }
        return true;
    }
    default:
        return true;
    }
}

//! Empty when both readers agree on \a json in both modes, else what differs.
QString disagreement(const QByteArray &json)
{
    for (const bool convexRoot : {true, false}) {
        const std::span<const std::string_view> keys = convexRoot ? std::span<const std::string_view>() : kConvexKeys;
        const auto fast = convex::detail::readJsonFast(json, convexRoot, keys);
        const auto slow = convex::detail::readJsonWithNlohmann(json, convexRoot, keys);
        const QString mode = convexRoot ? QStringLiteral("convex") : QStringLiteral("envelope");
        if (fast && !slow)
            return mode + QStringLiteral(": fast reader accepted what nlohmann rejects: ") + slow.error();
        if (fast && !identical(*fast, *slow))
            return mode + QStringLiteral(": values differ: ") + fast->toPrettyJson() + QStringLiteral(" vs ")
                + slow->toPrettyJson();
    }
    return {};
}

bool fastAnswers(const QByteArray &json, bool convexRoot)
{
    return convex::detail::readJsonFast(json, convexRoot, convexRoot ? std::span<const std::string_view>() : kConvexKeys)
        .has_value();
}

QByteArray nested(int depth, const QByteArray &open, const QByteArray &inner, const QByteArray &close)
{
    return open.repeated(depth) + inner + close.repeated(depth);
}

// Seeds for the edge cases and the mutations: every construct the frames use.
const QList<QByteArray> &seeds()
{
    static const QList<QByteArray> s = {
        R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"QEIPAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":7,"value":[{"_id":"x\u00e9\ud83d\ude00","n":-1.5e-3,"i":{"$integer":"AQAAAAAAAAA="},"f":{"$float":"AAAAAAAA+H8="},"b":{"$bytes":"AAE="},"t":true,"z":null,"a":[1,2.5,"s\"\\\/\b\f\n\r\t"]}],"logLines":["l"],"journal":null}]})",
        "{\"value\":{\"k\":\"\xc3\xa9\xe2\x86\x92\xe6\x97\xa5\xf0\x9f\x98\x80\"},\"other\":{\"$x\":1,\"n\":12}}",
        R"([0,-0,0.0,-0.0,1e5,1E-5,1.25e+2,9223372036854775807,9223372036854775808,-9223372036854775808,-9223372036854775809,18446744073709551615,18446744073709551616,123456789012345678901234567890])",
        R"({"result":[{"a":{"b":{"c":[[],{}]}}}],"errorData":{"$bytes":""},"x":[{"$integer":"__________8="}]})",
        " \t\r\n{ \"a\" : [ 1 , { \"b\" : \"c\" } ] , \"value\" : { } } \n",
    };
    return s;
}

} // namespace

class TestValueFastReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void agreesOnEdgeCases_data();
    void agreesOnEdgeCases();
    void answersValidDocuments();
    void agreesOnMutations();
    void agreesOnRandomDocuments();
};

void TestValueFastReader::agreesOnEdgeCases_data()
{
    QTest::addColumn<QByteArray>("json");
    for (const QByteArray &seed : seeds())
        QTest::newRow(QByteArray("seed " + seed.left(24).toPercentEncoding(" {}[]\":,$")).constData()) << seed;
    const QList<QByteArray> cases = {
        "", " ", "0", "-", "-0", "00", "01", "-01", "1.", ".5", "1e", "1e+", "1.e5", "+1", "0x10", "1e400",
        "-1e400", "1e-400", "4.9e-324", "2.2250738585072011e-308", "1.7976931348623157e308", "1.7976931348623159e308",
        "0.1000000000000000055511151231257827021181583404541015625", "NaN", "Infinity", "tru", "true ", "nul", "nullx",
        "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":1 \"b\":2}", "[1 2]", "{\"a\":1,\"a\":2}",
        "{\"b\":1,\"a\":2}", "{\"b\":1,\"a\":2,\"b\":3,\"a\":4,\"c\":5}",
        "{\"value\":{\"q\":1,\"p\":2,\"o\":3,\"n\":4,\"m\":5,\"l\":6,\"k\":7,\"j\":8,\"i\":9,\"h\":10,\"g\":11,"
        "\"f\":12,\"e\":13,\"d\":14,\"c\":15,\"b\":16,\"a\":17,\"q\":18,\"a\":19,\"ab\":20,\"\":21}}",
        "{\"\\u00e9\":1,\"\\ud83d\\ude00\":2,\"\\uffff\":3,\"z\":4}", "\xef\xbb\xbf{}", QByteArray("{}\0", 3), QByteArray("\"a\0\"", 4), "\"\\u0000\"", "\"\"", "\"\\uD83D\\uDE00\"", "\"\\uD83D\"",
        "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\uDE00\"", "\"\\u00e9\\u00E9\"", "\"\\u12\"", "\"\\x41\"", "\"\\'\"",
        "\"a\tb\"", "\"\x7f\"", "\"\xc0\xaf\"", "\"\xc2\x80\"", "\"\xe0\x9f\xbf\"", "\"\xe0\xa0\x80\"", "\"\xed\xa0\x80\"",
        "\"\xed\x9f\xbf\"", "\"\xef\xbb\xbf\"", "\"\xf0\x8f\xbf\xbf\"", "\"\xf4\x8f\xbf\xbf\"", "\"\xf4\x90\x80\x80\"",
        "\"\xf5\x80\x80\x80\"", "\"\xff\"", "\"\xc3\"", "\"unterminated", "\"a\\\"", "{\"$integer\":\"AQAAAAAAAAA=\"}",
        "{\"\\u0024integer\":\"AQAAAAAAAAA=\"}", "{\"$integer\":\"\\u0041QAAAAAAAAA=\"}", "{\"$integer\":\"AQAAAAAAAAA=\",\"x\":1}",
        "{\"x\":1,\"$integer\":\"AQAAAAAAAAA=\"}", "{\"$integer\":5}", "{\"$integer\":\"AAAA\"}", "{\"$float\":\"AAAAAAAA8D8=\"}",
        "{\"$float\":\"AAAAAAAA+H8=\"}", "{\"$float\":\"AAAAAAAAAIA=\"}", "{\"$bytes\":\"AB*D\"}", "{\"$commitTs\":null}",
        "{\"$set\":[]}", "{\"$map\":[]}", "{\"$foo\":1}", "{\"$\":1}", "{\"\":1}", "{\"a\\u0001\":1}", "{\"a\x7f\":1}",
        "{\"\xc3\xa9\":1}", "{\"\\u00e9\":1}", "{\"value\":{\"$foo\":1}}", "{\"value\":{\"\xc3\xa9\":1}}", "{\"\xc3\xa9\":{\"$foo\":1}}",
        "{\"value\":[{\"$integer\":\"AQAAAAAAAAA=\"},1]}", "{\"valu\\u0065\":{\"$x\":1}}", "{\"value\":9223372036854775807}",
        "{\"a\":9223372036854775807}", "{\"a\":-0}", "{\"a\":[-0,1e2,-1]}",
        "{\"" + QByteArray(1024, 'k') + "\":1}", "{\"" + QByteArray(1025, 'k') + "\":1}",
        "{\"" + QByteArray(33, 'k') + "\":1,\"" + QByteArray(33, 'k') + "\":2}",
        nested(64, "[", "1", "]"), nested(65, "[", "1", "]"), nested(64, "{\"a\":", "1", "}"),
        nested(65, "{\"a\":", "1", "}"), "{\"value\":" + nested(64, "[", "0", "]") + "}",
        "{\"value\":" + nested(65, "[", "0", "]") + "}", nested(63, "[", "{\"value\":" + nested(64, "[", "0", "]") + "}", "]"),
        QByteArray(100000, '['), QByteArray(100000, '{'),
    };
    for (const QByteArray &c : cases)
        QTest::newRow(c.left(40).toPercentEncoding(" {}[]\":,$").constData()) << c;
}

void TestValueFastReader::agreesOnEdgeCases()
{
    QFETCH(QByteArray, json);
    const QString problem = disagreement(json);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestValueFastReader::answersValidDocuments()
{
    // The fast path must actually be taken for ordinary input (else it only costs time).
    for (const QByteArray &seed : seeds())
        QVERIFY2(fastAnswers(seed, false), seed.constData());
    QVERIFY(fastAnswers("[1,-0,2.5,\"\\ud83d\\ude00\",{\"$bytes\":\"AAE=\"},{\"a\":{\"b\":[]}}]", true));
    QVERIFY(fastAnswers(nested(64, "[", "1", "]"), true));
    // What the slow path must word: it gets no answer from the fast one.
    QVERIFY(!fastAnswers(nested(65, "[", "1", "]"), true));
    QVERIFY(!fastAnswers("{\"$integer\":5}", true));
    QVERIFY(!fastAnswers("{\"a\\u0001\":1}", true));
    QVERIFY(!fastAnswers("1e400", true));
    QVERIFY(!fastAnswers("\"\xed\xa0\x80\"", true));
}

void TestValueFastReader::agreesOnMutations()
{
    std::mt19937 rng(20261126);
    const QByteArray interesting = QByteArrayLiteral("\"\\{}[]:,-+.eE0159$u \x00\x1f\x7f\x80\xbf\xc2\xe0\xed\xf0\xf4\xff");
    int checked = 0;
    for (const QByteArray &seed : seeds()) {
        for (int round = 0; round < 3000; ++round) {
            QByteArray json = seed;
            const int edits = 1 + int(rng() % 3);
            for (int e = 0; e < edits && !json.isEmpty(); ++e) {
                const qsizetype at = qsizetype(rng() % quint32(json.size()));
                const char c = interesting.at(qsizetype(rng() % quint32(interesting.size())));
                switch (rng() % 4) {
                case 0: json[at] = c; break;
                case 1: json.insert(at, c); break;
                case 2: json.remove(at, 1 + qsizetype(rng() % 4)); break;
                default: json.truncate(at); break;
                }
            }
            const QString problem = disagreement(json);
            QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral(" in ") + QString::fromLatin1(json.toPercentEncoding())));
            ++checked;
        }
    }
    QCOMPARE(checked, 3000 * seeds().size());
}

namespace {

Value randomValue(std::mt19937 &rng, int depth)
{
    static const QList<QString> keys = {QStringLiteral("a"), QStringLiteral("_id"), QStringLiteral("b c"),
                                        QStringLiteral("zz"), QStringLiteral("Tab\\\"")};
    static const QList<QString> strings = {QString(), QStringLiteral("plain"), QStringLiteral("\u00e9\u2192\u65e5"),
                                           QString::fromUtf16(u"\U0001F600\"\\/\n\u0001\uFEFF")};
    switch (rng() % (depth > 3 ? 6 : 8)) {
    case 0: return Value();
    case 1: return Value(bool(rng() % 2));
    case 2: return Value::int64((qint64(rng()) << (rng() % 30)) * ((rng() % 2) ? 1 : -1));
    case 3: return Value::float64(std::bit_cast<double>(quint64(rng()) << 32 | rng()));
    case 4: return Value(strings.at(qsizetype(rng() % quint32(strings.size()))));
    case 5: return Value::bytes(QByteArray(qsizetype(rng() % 7), char(rng())));
    case 6: {
        ValueArray a;
        for (int i = int(rng() % 4); i > 0; --i)
            a.append(randomValue(rng, depth + 1));
        return Value(a);
    }
    default: {
        ValueObject o;
        for (int i = int(rng() % 4); i > 0; --i)
            o.insert(keys.at(qsizetype(rng() % quint32(keys.size()))), randomValue(rng, depth + 1));
        return Value(o);
    }
    }
}

} // namespace

void TestValueFastReader::agreesOnRandomDocuments()
{
    std::mt19937 rng(42);
    for (int i = 0; i < 3000; ++i) {
        const Value v = randomValue(rng, 0);
        const auto json = v.toJson();
        QVERIFY2(json.ok(), qPrintable(json.error()));
        const auto fast = convex::detail::readJsonFast(*json, true, {});
        QVERIFY2(fast.has_value(), json->constData());
        QVERIFY2(*fast == v, json->constData());
        const QString problem = disagreement(*json);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

QTEST_GUILESS_MAIN(TestValueFastReader)
#include "tst_value_fastreader.moc"
