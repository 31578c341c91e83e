// SPDX-License-Identifier: MIT
// Wire codec against the message vectors of convex-sync-protocol.md §4, §5, §14.2 and the
// scripted session of §14.6.
#include "protocol/messages.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace convex;
using namespace convex::protocol;

namespace {

// Same JSON modulo key order (and every number compared as Qt parses it).
bool sameJson(const QByteArray &actual, const QByteArray &expected, QByteArray *diagnostic)
{
    const QJsonDocument a = QJsonDocument::fromJson(actual);
    const QJsonDocument e = QJsonDocument::fromJson(expected);
    if (a.isNull() || e.isNull() || a != e) {
        *diagnostic = "actual:   " + actual + "\nexpected: " + expected;
        return false;
    }
    return true;
}

#define COMPARE_JSON(actual, expected)                                                            \
    do {                                                                                          \
        QByteArray diag_;                                                                         \
        QVERIFY2(sameJson((actual), (expected), &diag_), diag_.constData());                      \
    } while (false)

template <typename T>
T decodeServer(const QByteArray &line)
{
    const auto decoded = decodeServerMessage(line);
    if (!decoded.ok()) {
        qFatal("decode failed: %s", qPrintable(decoded.error()));
    }
    if (!std::holds_alternative<T>(*decoded))
        qFatal("decoded to the wrong type: %s", qPrintable(typeName(*decoded)));
    return std::get<T>(*decoded);
}

Value obj(std::initializer_list<std::pair<QString, Value>> members)
{
    ValueObject o;
    for (const auto &[k, v] : members)
        o.insert(k, v);
    return Value(o);
}

QString s(const char *latin1) { return QString::fromLatin1(latin1); }

const QString kSession = QStringLiteral("dc50c4fc-2a68-4e70-88cc-17ee1263e352");

} // namespace

class TestProtocolMessages : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void timestamps_data();
    void timestamps();
    void timestampErrors();
    void encodeConnect();
    void encodeModifyQuerySet();
    void encodeMutationAndAction();
    void encodeAuthenticate();
    void encodeEvent();
    void encodeIsCompactWithIntegerLiterals();
    void decodeSessionTransition();
    void decodeEmptyTransitions();
    void decodeMutationResponses();
    void decodeActionResponses();
    void decodeAuthErrors();
    void decodeFatalErrorAndPing();
    void decodeTransitionChunks();
    void decodeQueryRemovedAndJournal();
    void serverRoundTrip();
    void clientRoundTrip();
    void clientDecodeOfReferenceLines();
    void typeNames();
};

void TestProtocolMessages::timestamps_data()
{
    QTest::addColumn<quint64>("decimal");
    QTest::addColumn<QString>("encoded");
    QTest::newRow("0") << quint64(0) << s("AAAAAAAAAAA=");
    QTest::newRow("1") << quint64(1) << s("AQAAAAAAAAA=");
    QTest::newRow("100") << quint64(100) << s("ZAAAAAAAAAA=");
    QTest::newRow("150") << quint64(150) << s("lgAAAAAAAAA=");
    QTest::newRow("200") << quint64(200) << s("yAAAAAAAAAA=");
    QTest::newRow("300") << quint64(300) << s("LAEAAAAAAAA=");
    QTest::newRow("1.7e18") << quint64(1700000000000000000ULL) << s("AAAqNv6clxc=");
    QTest::newRow("i64 max") << quint64(9223372036854775807ULL) << s("/////////38=");
    QTest::newRow("u64 max") << quint64(0xFFFFFFFFFFFFFFFFULL) << s("//////////8=");
}

void TestProtocolMessages::timestamps()
{
    QFETCH(quint64, decimal);
    QFETCH(QString, encoded);
    QCOMPARE(encodeTs(decimal), encoded);
    QCOMPARE(decodeTs(encoded), std::optional<quint64>(decimal));
}

void TestProtocolMessages::timestampErrors()
{
    QCOMPARE(decodeTs(u"AQAAAA=="), std::nullopt);       // 4 bytes
    QCOMPARE(decodeTs(u""), std::nullopt);
    QCOMPARE(decodeTs(u"AQAAAAAAAAA"), std::nullopt);    // unpadded
    QCOMPARE(decodeTs(u"AQAAAAAA*AA="), std::nullopt);   // bad character
    QCOMPARE(decodeTs(u"AQAAAAAAAAé="), std::nullopt);   // non-ASCII
    QCOMPARE(decodeTs(u"AQAAAAAAAAAAAAAA"), std::nullopt);  // 12 bytes
}

void TestProtocolMessages::encodeConnect()
{
    Connect first;
    first.sessionId = kSession;
    first.connectionCount = 0;
    first.lastCloseReason = s("InitialConnect");
    first.clientTs = 1795669769432;
    COMPARE_JSON(encode(ClientMessage(first)),
                 QByteArray("{\"connectionCount\":0,\"lastCloseReason\":\"InitialConnect\",\"clientTs\":1795669769432,"
                            "\"type\":\"Connect\",\"sessionId\":\"dc50c4fc-2a68-4e70-88cc-17ee1263e352\"}"));
    // maxObservedTimestamp omitted while unknown.
    QVERIFY(!encode(ClientMessage(first)).contains("maxObservedTimestamp"));

    Connect second = first;
    second.connectionCount = 1;
    second.lastCloseReason = s("InternalServerError");
    second.maxObservedTimestamp = 200;
    second.clientTs = 1795669772450;
    COMPARE_JSON(encode(ClientMessage(second)),
                 QByteArray("{\"connectionCount\":1,\"lastCloseReason\":\"InternalServerError\",\"clientTs\":1795669772450,"
                            "\"type\":\"Connect\",\"sessionId\":\"dc50c4fc-2a68-4e70-88cc-17ee1263e352\","
                            "\"maxObservedTimestamp\":\"yAAAAAAAAAA=\"}"));

    Connect deliberateClose = second;
    deliberateClose.lastCloseReason.reset();
    QVERIFY(encode(ClientMessage(deliberateClose)).contains("\"lastCloseReason\":null"));

    Connect other;
    other.sessionId = s("00000000-0000-4000-8000-000000000000");
    other.lastCloseReason = s("InitialConnect");
    other.maxObservedTimestamp = 1700000000000000000ULL;
    other.clientTs = 1700000000123;
    COMPARE_JSON(encode(ClientMessage(other)),
                 QByteArray("{\"type\":\"Connect\",\"sessionId\":\"00000000-0000-4000-8000-000000000000\","
                            "\"connectionCount\":0,\"lastCloseReason\":\"InitialConnect\","
                            "\"maxObservedTimestamp\":\"AAAqNv6clxc=\",\"clientTs\":1700000000123}"));
}

void TestProtocolMessages::encodeModifyQuerySet()
{
    ModifyQuerySet first{0, 1, {QueryAdd{0, s("messages:list"), obj({{s("channel"), Value(u"general")}}), {}, {}}}};
    COMPARE_JSON(encode(ClientMessage(first)),
                 QByteArray("{\"type\":\"ModifyQuerySet\",\"baseVersion\":0,\"newVersion\":1,\"modifications\":"
                            "[{\"type\":\"Add\",\"queryId\":0,\"udfPath\":\"messages:list\",\"args\":[{\"channel\":\"general\"}]}]}"));
    QVERIFY(!encode(ClientMessage(first)).contains("journal"));

    ModifyQuerySet mixed{1, 2, {QueryAdd{1, s("messages:count"), Value(ValueObject{}), {}, {}}, QueryRemove{0}}};
    COMPARE_JSON(encode(ClientMessage(mixed)),
                 QByteArray("{\"type\":\"ModifyQuerySet\",\"baseVersion\":1,\"newVersion\":2,\"modifications\":["
                            "{\"type\":\"Add\",\"queryId\":1,\"udfPath\":\"messages:count\",\"args\":[{}]},"
                            "{\"type\":\"Remove\",\"queryId\":0}]}"));

    // Reconnect: the journal the server last returned (null) is sent back.
    QueryAdd withNullJournal{0, s("messages:list"), obj({{s("channel"), Value(u"general")}}), Journal{true, {}}, {}};
    COMPARE_JSON(encode(ClientMessage(ModifyQuerySet{0, 1, {withNullJournal}})),
                 QByteArray("{\"type\":\"ModifyQuerySet\",\"baseVersion\":0,\"newVersion\":1,\"modifications\":[{\"type\":\"Add\","
                            "\"queryId\":0,\"udfPath\":\"messages:list\",\"args\":[{\"channel\":\"general\"}],\"journal\":null}]}"));
    QueryAdd withJournal{7, s("m:p"), Value(ValueObject{}), Journal{true, s("j1")}, s("comp")};
    COMPARE_JSON(encode(ClientMessage(ModifyQuerySet{3, 4, {withJournal}})),
                 QByteArray("{\"type\":\"ModifyQuerySet\",\"baseVersion\":3,\"newVersion\":4,\"modifications\":[{\"type\":\"Add\","
                            "\"queryId\":7,\"udfPath\":\"m:p\",\"args\":[{}],\"journal\":\"j1\",\"componentPath\":\"comp\"}]}"));
    // Empty modification lists are legal.
    COMPARE_JSON(encode(ClientMessage(ModifyQuerySet{2, 3, {}})),
                 QByteArray("{\"type\":\"ModifyQuerySet\",\"baseVersion\":2,\"newVersion\":3,\"modifications\":[]}"));
}

void TestProtocolMessages::encodeMutationAndAction()
{
    Mutation send{0, s("messages:send"), obj({{s("body"), Value(u"yo")}, {s("count"), Value::int64(3)}}), {}};
    COMPARE_JSON(encode(ClientMessage(send)),
                 QByteArray("{\"type\":\"Mutation\",\"requestId\":0,\"udfPath\":\"messages:send\","
                            "\"args\":[{\"body\":\"yo\",\"count\":{\"$integer\":\"AwAAAAAAAAA=\"}}]}"));
    // Keys inside args come out sorted, exactly as JS sends them.
    QCOMPARE(encode(ClientMessage(send)),
             QByteArray("{\"type\":\"Mutation\",\"requestId\":0,\"udfPath\":\"messages:send\","
                        "\"args\":[{\"body\":\"yo\",\"count\":{\"$integer\":\"AwAAAAAAAAA=\"}}]}"));
    COMPARE_JSON(encode(ClientMessage(Action{2, s("ai:run"), Value(ValueObject{}), {}})),
                 QByteArray("{\"type\":\"Action\",\"requestId\":2,\"udfPath\":\"ai:run\",\"args\":[{}]}"));
    // Null args are sent as the empty object, like JS's undefined args.
    COMPARE_JSON(encode(ClientMessage(Action{4, s("ai:run"), Value(), s("child")})),
                 QByteArray("{\"type\":\"Action\",\"requestId\":4,\"udfPath\":\"ai:run\",\"args\":[{}],\"componentPath\":\"child\"}"));
    COMPARE_JSON(encode(ClientMessage(Mutation{4294967295u, s("m:x"), Value(ValueObject{}), {}})),
                 QByteArray("{\"type\":\"Mutation\",\"requestId\":4294967295,\"udfPath\":\"m:x\",\"args\":[{}]}"));
}

void TestProtocolMessages::encodeAuthenticate()
{
    Authenticate user{Authenticate::TokenType::User, 0, s("eyJhbGciOi"), {}};
    COMPARE_JSON(encode(ClientMessage(user)),
                 QByteArray("{\"type\":\"Authenticate\",\"baseVersion\":0,\"tokenType\":\"User\",\"value\":\"eyJhbGciOi\"}"));
    Authenticate none{Authenticate::TokenType::None, 1, s("ignored"), {}};
    COMPARE_JSON(encode(ClientMessage(none)), QByteArray("{\"type\":\"Authenticate\",\"tokenType\":\"None\",\"baseVersion\":1}"));
    Authenticate admin{Authenticate::TokenType::Admin, 2, s("admin-key"),
                       obj({{s("subject"), Value(u"u1")}, {s("issuer"), Value(u"https://iss")}, {s("name"), Value(u"Fake")}})};
    COMPARE_JSON(encode(ClientMessage(admin)),
                 QByteArray("{\"type\":\"Authenticate\",\"baseVersion\":2,\"tokenType\":\"Admin\",\"value\":\"admin-key\","
                            "\"impersonating\":{\"subject\":\"u1\",\"issuer\":\"https:" "//iss\",\"name\":\"Fake\"}}"));
    // impersonating is Admin-only.
    Authenticate userWithImpersonation = user;
    userWithImpersonation.impersonating = obj({{s("subject"), Value(u"u1")}});
    QVERIFY(!encode(ClientMessage(userWithImpersonation)).contains("impersonating"));
}

void TestProtocolMessages::encodeEvent()
{
    COMPARE_JSON(encode(ClientMessage(Event{s("NetworkRecoveryReconnect"), QByteArray("{\"timeSavedMs\":1234}")})),
                 QByteArray("{\"type\":\"Event\",\"eventType\":\"NetworkRecoveryReconnect\",\"event\":{\"timeSavedMs\":1234}}"));
    COMPARE_JSON(encode(ClientMessage(Event{s("X"), QByteArray()})),
                 QByteArray("{\"type\":\"Event\",\"eventType\":\"X\",\"event\":null}"));
    // Invalid JSON must not corrupt the frame.
    COMPARE_JSON(encode(ClientMessage(Event{s("X"), QByteArray("{\"broken\":")})),
                 QByteArray("{\"type\":\"Event\",\"eventType\":\"X\",\"event\":null}"));
    COMPARE_JSON(encode(ClientMessage(Event{s("X"), QByteArray("1 2")})),
                 QByteArray("{\"type\":\"Event\",\"eventType\":\"X\",\"event\":null}"));
}

void TestProtocolMessages::encodeIsCompactWithIntegerLiterals()
{
    Connect c;
    c.sessionId = kSession;
    c.connectionCount = 3;
    c.clientTs = 1795669772450;
    const QByteArray text = encode(ClientMessage(c));
    QVERIFY(!text.contains(' '));
    QVERIFY(!text.contains('\n'));
    QVERIFY(text.contains("\"clientTs\":1795669772450"));  // never 1.79e12
    QVERIFY(text.contains("\"connectionCount\":3,"));
    c.clientTs = -5;
    QVERIFY(encode(ClientMessage(c)).contains("\"clientTs\":-5"));
}

void TestProtocolMessages::decodeSessionTransition()
{
    const QByteArray line =
        "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":0,\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"},"
        "\"endVersion\":{\"querySet\":2,\"identity\":0,\"ts\":\"ZAAAAAAAAAA=\"},\"modifications\":["
        "{\"type\":\"QueryUpdated\",\"queryId\":0,\"value\":[{\"body\":\"hi\",\"n\":{\"$integer\":\"BQAAAAAAAAA=\"}}],"
        "\"logLines\":[\"[LOG] 'hello'\"],\"journal\":null},"
        "{\"type\":\"QueryFailed\",\"queryId\":1,\"errorMessage\":\"Uncaught Error: boom\",\"logLines\":[],"
        "\"errorData\":{\"code\":\"E1\"},\"journal\":null}],\"clientClockSkew\":-3,\"serverTs\":1700000000000000000}";
    const auto t = decodeServer<Transition>(line);
    QCOMPARE(t.startVersion, (StateVersion{0, 0, 0}));
    QCOMPARE(t.endVersion, (StateVersion{2, 0, 100}));
    QCOMPARE(t.clientClockSkew, std::optional<qint64>(-3));
    QCOMPARE(t.serverTs, std::optional<qint64>(1700000000000000000LL));  // exact, not via double
    QCOMPARE(t.modifications.size(), 2);
    const auto &updated = std::get<QueryUpdated>(t.modifications.at(0));
    QCOMPARE(updated.queryId, 0u);
    const Value expected(ValueArray{obj({{s("body"), Value(u"hi")}, {s("n"), Value::int64(5)}})});
    QVERIFY(updated.value == expected);
    QCOMPARE(updated.logLines, QStringList{s("[LOG] 'hello'")});
    QCOMPARE(updated.journal, (Journal{true, std::nullopt}));
    const auto &failed = std::get<QueryFailed>(t.modifications.at(1));
    QCOMPARE(failed.queryId, 1u);
    QCOMPARE(failed.errorMessage, s("Uncaught Error: boom"));
    QVERIFY(failed.logLines.isEmpty());
    QVERIFY(failed.errorData.has_value());
    QVERIFY(*failed.errorData == obj({{s("code"), Value(u"E1")}}));
    QCOMPARE(failed.journal, (Journal{true, std::nullopt}));
}

void TestProtocolMessages::decodeEmptyTransitions()
{
    const auto a = decodeServer<Transition>(
        "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":2,\"identity\":0,\"ts\":\"ZAAAAAAAAAA=\"},"
        "\"endVersion\":{\"querySet\":2,\"identity\":0,\"ts\":\"lgAAAAAAAAA=\"},\"modifications\":[]}");
    QCOMPARE(a.startVersion.ts, quint64(100));
    QCOMPARE(a.endVersion.ts, quint64(150));
    QVERIFY(a.modifications.isEmpty());
    QCOMPARE(a.clientClockSkew, std::nullopt);
    QCOMPARE(a.serverTs, std::nullopt);
    const auto b = decodeServer<Transition>(
        "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":2,\"identity\":1,\"ts\":\"CgAAAAAAAAA=\"},"
        "\"endVersion\":{\"querySet\":2,\"identity\":2,\"ts\":\"FAAAAAAAAAA=\"},\"modifications\":[],"
        "\"clientClockSkew\":null}");
    QCOMPARE(b.endVersion, (StateVersion{2, 2, 20}));
    QCOMPARE(b.clientClockSkew, std::nullopt);
}

void TestProtocolMessages::decodeMutationResponses()
{
    const auto ok = decodeServer<MutationResponse>(
        "{\"type\":\"MutationResponse\",\"requestId\":0,\"success\":true,\"result\":{\"$integer\":\"KgAAAAAAAAA=\"},"
        "\"ts\":\"yAAAAAAAAAA=\",\"logLines\":[]}");
    QCOMPARE(ok.requestId, 0u);
    QVERIFY(ok.success);
    QVERIFY(ok.result == Value::int64(42));
    QCOMPARE(ok.ts, std::optional<quint64>(200));
    QVERIFY(!ok.errorData);

    const auto nullResult = decodeServer<MutationResponse>(
        "{\"type\":\"MutationResponse\",\"requestId\":3,\"success\":true,\"result\":null,\"ts\":\"LAEAAAAAAAA=\",\"logLines\":[]}");
    QVERIFY(nullResult.result.isNull());
    QCOMPARE(nullResult.ts, std::optional<quint64>(300));

    // §14.6's failure has no ts at all; §5.3's has ts:null. Both are fine.
    const auto failed = decodeServer<MutationResponse>(
        "{\"type\":\"MutationResponse\",\"requestId\":1,\"success\":false,\"result\":\"Uncaught ConvexError: bad\","
        "\"logLines\":[],\"errorData\":{\"reason\":\"empty\"}}");
    QVERIFY(!failed.success);
    QCOMPARE(failed.errorMessage, s("Uncaught ConvexError: bad"));
    QVERIFY(failed.errorData.has_value());
    QVERIFY(*failed.errorData == obj({{s("reason"), Value(u"empty")}}));
    QCOMPARE(failed.ts, std::nullopt);
    const auto failedTsNull = decodeServer<MutationResponse>(
        "{\"type\":\"MutationResponse\",\"requestId\":1,\"success\":false,\"result\":\"Uncaught Error: x\",\"ts\":null,"
        "\"logLines\":[\"a\",\"b\"]}");
    QCOMPARE(failedTsNull.errorMessage, s("Uncaught Error: x"));
    QCOMPARE(failedTsNull.logLines, (QStringList{s("a"), s("b")}));
    QVERIFY(!failedTsNull.errorData);  // plain Error: no errorData
    // ConvexError whose data is null: errorData present, holding null.
    const auto nullData = decodeServer<MutationResponse>(
        "{\"type\":\"MutationResponse\",\"requestId\":1,\"success\":false,\"result\":\"e\",\"ts\":null,\"logLines\":[],\"errorData\":null}");
    QVERIFY(nullData.errorData.has_value());
    QVERIFY(nullData.errorData->isNull());
}

void TestProtocolMessages::decodeActionResponses()
{
    const auto ok = decodeServer<ActionResponse>(
        "{\"type\":\"ActionResponse\",\"requestId\":2,\"success\":true,\"result\":{\"a\":[1.5,{\"$bytes\":\"AQID\"}]},\"logLines\":[\"l\"]}");
    QCOMPARE(ok.requestId, 2u);
    QVERIFY(ok.success);
    QVERIFY(ok.result == obj({{s("a"), ValueArray{1.5, Value::bytes("\x01\x02\x03")}}}));
    QCOMPARE(ok.logLines, QStringList{s("l")});
    const auto failed = decodeServer<ActionResponse>(
        "{\"type\":\"ActionResponse\",\"requestId\":5,\"success\":false,\"result\":\"boom\",\"logLines\":[],\"errorData\":[1]}");
    QVERIFY(!failed.success);
    QCOMPARE(failed.errorMessage, s("boom"));
    QVERIFY(*failed.errorData == Value(ValueArray{1.0}));
}

void TestProtocolMessages::decodeAuthErrors()
{
    const auto attempted = decodeServer<AuthError>(
        "{\"type\":\"AuthError\",\"error\":\"Could not verify token\",\"baseVersion\":0,\"authUpdateAttempted\":true}");
    QCOMPARE(attempted.error, s("Could not verify token"));
    QCOMPARE(attempted.baseVersion, std::optional<quint32>(0));
    QVERIFY(attempted.authUpdateAttempted);
    const auto expired = decodeServer<AuthError>(
        "{\"type\":\"AuthError\",\"error\":\"Convex token identity expired\",\"baseVersion\":2,\"authUpdateAttempted\":false}");
    QCOMPARE(expired.baseVersion, std::optional<quint32>(2));
    QVERIFY(!expired.authUpdateAttempted);
    const auto nullBase = decodeServer<AuthError>(
        "{\"type\":\"AuthError\",\"error\":\"e\",\"baseVersion\":null,\"authUpdateAttempted\":false}");
    QCOMPARE(nullBase.baseVersion, std::nullopt);
}

void TestProtocolMessages::decodeFatalErrorAndPing()
{
    const auto fatal = decodeServer<FatalError>(
        "{\"type\":\"FatalError\",\"error\":\"Base version 5 passed up doesn't match the current version 3\"}");
    QCOMPARE(fatal.error, s("Base version 5 passed up doesn't match the current version 3"));
    decodeServer<Ping>("{\"type\":\"Ping\"}");
    // Unknown extra fields are ignored, as the server's serde parsing does.
    decodeServer<Ping>("{\"type\":\"Ping\",\"extra\":{\"$weird\":[1,2.5,{\"x\":null}]}}");
}

void TestProtocolMessages::decodeTransitionChunks()
{
    const QByteArray part0 =
        "{\"type\":\"TransitionChunk\",\"chunk\":\"{\\\"type\\\":\\\"Transition\\\",\\\"startVersion\\\":{\\\"querySet\\\":1,"
        "\\\"identity\\\":0,\\\"ts\\\":\\\"LAEAAAAAAAA=\\\"},\\\"endVersion\\\":{\\\"querySet\\\":1,\\\"identity\\\":0,\","
        "\"partNumber\":0,\"totalParts\":2,\"transitionId\":\"248\"}";
    const QByteArray part1 =
        "{\"type\":\"TransitionChunk\",\"chunk\":\"\\\"ts\\\":\\\"LQEAAAAAAAA=\\\"},\\\"modifications\\\":[{\\\"type\\\":"
        "\\\"QueryUpdated\\\",\\\"queryId\\\":0,\\\"value\\\":[\\\"chunked\\\"],\\\"logLines\\\":[],\\\"journal\\\":null}]}\","
        "\"partNumber\":1,\"totalParts\":2,\"transitionId\":\"248\"}";
    const auto c0 = decodeServer<TransitionChunk>(part0);
    const auto c1 = decodeServer<TransitionChunk>(part1);
    QCOMPARE(c0.partNumber, 0u);
    QCOMPARE(c1.partNumber, 1u);
    QCOMPARE(c0.totalParts, 2u);
    QCOMPARE(c0.transitionId, s("248"));
    const QByteArray whole = (c0.chunk + c1.chunk).toUtf8();
    QCOMPARE(whole.size(), 248);  // transitionId is the byte length
    const auto t = decodeServer<Transition>(whole);
    QCOMPARE(t.startVersion.ts, quint64(300));
    QCOMPARE(t.endVersion.ts, quint64(301));
    QVERIFY(std::get<QueryUpdated>(t.modifications.at(0)).value == Value(ValueArray{Value(u"chunked")}));
}

void TestProtocolMessages::decodeQueryRemovedAndJournal()
{
    const auto t = decodeServer<Transition>(
        "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":0,\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"},"
        "\"endVersion\":{\"querySet\":1,\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"},\"modifications\":["
        "{\"type\":\"QueryRemoved\",\"queryId\":4294967295},"
        "{\"type\":\"QueryUpdated\",\"queryId\":2,\"value\":null,\"logLines\":[],\"journal\":\"cursor-1\"},"
        "{\"type\":\"QueryUpdated\",\"queryId\":3,\"value\":1},"
        "{\"type\":\"QueryFailed\",\"queryId\":4,\"errorMessage\":\"plain\",\"logLines\":[],\"journal\":null}]}");
    QCOMPARE(std::get<QueryRemoved>(t.modifications.at(0)).queryId, 4294967295u);
    const auto &withJournal = std::get<QueryUpdated>(t.modifications.at(1));
    QVERIFY(withJournal.value.isNull());
    QCOMPARE(withJournal.journal, (Journal{true, s("cursor-1")}));
    const auto &bare = std::get<QueryUpdated>(t.modifications.at(2));
    QCOMPARE(bare.journal, Journal{});  // absent
    QVERIFY(bare.value == Value::float64(1));
    QVERIFY(bare.value.isFloat64());  // a number inside a value is a float64, never an int
    QVERIFY(!std::get<QueryFailed>(t.modifications.at(3)).errorData.has_value());
}

void TestProtocolMessages::serverRoundTrip()
{
    const QList<ServerMessage> messages = {
        Transition{{1, 2, 3}, {4, 5, 1700000000000000000ULL},
                   {QueryUpdated{0, obj({{s("x"), Value::float64(-0.0)}}), {s("a")}, Journal{true, s("j")}},
                    QueryFailed{1, s("err"), {}, Value(), Journal{true, {}}},
                    QueryFailed{2, s("err2"), {s("l")}, std::nullopt, Journal{}}, QueryRemoved{3}},
                   -12, 1700000000000000123LL},
        Transition{{}, {}, {}, std::nullopt, std::nullopt},
        TransitionChunk{s("{\"a\":\"é\"}"), 1, 3, s("77")},
        MutationResponse{7, true, Value::int64(42), {}, std::nullopt, 200, {s("log")}},
        MutationResponse{8, false, Value(), s("Uncaught ConvexError: bad"), obj({{s("reason"), Value(u"empty")}}), std::nullopt, {}},
        ActionResponse{9, true, Value::bytes("\xff"), {}, std::nullopt, {}},
        ActionResponse{10, false, Value(), s("nope"), Value(), {s("x")}},
        AuthError{s("Could not verify token"), 0, true},
        AuthError{s("expired"), std::nullopt, false},
        FatalError{s("bad")},
        Ping{},
    };
    for (const ServerMessage &m : messages) {
        const QByteArray text = encode(m);
        const auto back = decodeServerMessage(text);
        QVERIFY2(back.ok(), qPrintable(back.error() + u' ' + QString::fromUtf8(text)));
        QCOMPARE(typeName(*back), typeName(m));
        QCOMPARE(encode(*back), text);  // every field survived
    }
    // Spot-check that the comparison above is meaningful.
    const auto t = std::get<Transition>(decodeServerMessage(encode(messages.at(0))).value());
    QCOMPARE(t.serverTs, std::optional<qint64>(1700000000000000123LL));
    QCOMPARE(t.endVersion.ts, 1700000000000000000ULL);
    QVERIFY(std::get<QueryFailed>(t.modifications.at(1)).errorData.has_value());
    QVERIFY(!std::get<QueryFailed>(t.modifications.at(2)).errorData.has_value());
}

void TestProtocolMessages::clientRoundTrip()
{
    const QList<ClientMessage> messages = {
        Connect{kSession, 1, s("InternalServerError"), 200, 1795669772450},
        Connect{kSession, 0, std::nullopt, std::nullopt, 0},
        ModifyQuerySet{0, 1,
                       {QueryAdd{0, s("messages:list"), obj({{s("n"), Value::int64(-9)}}), Journal{true, {}}, {}},
                        QueryAdd{1, s("a:b"), Value(ValueObject{}), Journal{}, s("comp")}, QueryRemove{5}}},
        Mutation{3, s("messages:send"), obj({{s("body"), Value(u"pending")}}), {}},
        Action{4294967295u, s("ai:run"), Value(ValueObject{}), s("c")},
        Authenticate{Authenticate::TokenType::User, 0, s("tok"), {}},
        Authenticate{Authenticate::TokenType::None, 1, {}, {}},
        Authenticate{Authenticate::TokenType::Admin, 2, s("admin-key"), obj({{s("subject"), Value(u"u1")}})},
        Event{s("ClientConnect"), QByteArray("[1,2.5,{\"k\":null}]")},
    };
    for (const ClientMessage &m : messages) {
        const QByteArray text = encode(m);
        const auto back = decodeClientMessage(text);
        QVERIFY2(back.ok(), qPrintable(back.error() + u' ' + QString::fromUtf8(text)));
        QCOMPARE(typeName(*back), typeName(m));
        QCOMPARE(encode(*back), text);
    }
}

void TestProtocolMessages::clientDecodeOfReferenceLines()
{
    const auto connect = decodeClientMessage(
        "{\"connectionCount\":1,\"lastCloseReason\":null,\"clientTs\":1795669772450,\"type\":\"Connect\","
        "\"sessionId\":\"dc50c4fc-2a68-4e70-88cc-17ee1263e352\",\"maxObservedTimestamp\":\"FAAAAAAAAAA=\"}");
    QVERIFY2(connect.ok(), qPrintable(connect.error()));
    const auto &c = std::get<Connect>(*connect);
    QCOMPARE(c.sessionId, kSession);
    QCOMPARE(c.connectionCount, 1u);
    QCOMPARE(c.lastCloseReason, std::nullopt);
    QCOMPARE(c.maxObservedTimestamp, std::optional<quint64>(20));
    QCOMPARE(c.clientTs, 1795669772450LL);

    const auto mutation = decodeClientMessage(
        "{\"type\":\"Mutation\",\"requestId\":0,\"udfPath\":\"messages:send\","
        "\"args\":[{\"body\":\"yo\",\"count\":{\"$integer\":\"AwAAAAAAAAA=\"}}]}");
    QVERIFY(mutation.ok());
    QVERIFY(std::get<Mutation>(*mutation).args == obj({{s("body"), Value(u"yo")}, {s("count"), Value::int64(3)}}));

    const auto event = decodeClientMessage(
        "{\"type\":\"Event\",\"eventType\":\"NetworkRecoveryReconnect\",\"event\":{\"timeSavedMs\":1234}}");
    QVERIFY(event.ok());
    QCOMPARE(std::get<Event>(*event).eventJson, QByteArray("{\"timeSavedMs\":1234}"));

    // The Rust client's spelling of impersonating.
    const auto acting = decodeClientMessage(
        "{\"type\":\"Authenticate\",\"baseVersion\":2,\"tokenType\":\"Admin\",\"value\":\"k\",\"actingAs\":{\"subject\":\"u1\"}}");
    QVERIFY(acting.ok());
    QVERIFY(*std::get<Authenticate>(*acting).impersonating == obj({{s("subject"), Value(u"u1")}}));

    const auto add = decodeClientMessage(
        "{\"type\":\"ModifyQuerySet\",\"baseVersion\":0,\"newVersion\":1,\"modifications\":[{\"type\":\"Add\","
        "\"queryId\":0,\"udfPath\":\"messages:list\",\"args\":[{\"channel\":\"general\"}],\"journal\":null}]}");
    QVERIFY(add.ok());
    const auto &q = std::get<QueryAdd>(std::get<ModifyQuerySet>(*add).modifications.at(0));
    QCOMPARE(q.journal, (Journal{true, std::nullopt}));
    QVERIFY(q.args == obj({{s("channel"), Value(u"general")}}));
}

void TestProtocolMessages::typeNames()
{
    QCOMPARE(typeName(ServerMessage(Ping{})), s("Ping"));
    QCOMPARE(typeName(ServerMessage(TransitionChunk{})), s("TransitionChunk"));
    QCOMPARE(typeName(ServerMessage(AuthError{})), s("AuthError"));
    QCOMPARE(typeName(ClientMessage(Authenticate{})), s("Authenticate"));
    QCOMPARE(typeName(ClientMessage(ModifyQuerySet{})), s("ModifyQuerySet"));
    QCOMPARE(typeName(ClientMessage(Event{})), s("Event"));
}

QTEST_GUILESS_MAIN(TestProtocolMessages)
#include "tst_protocol_messages.moc"
