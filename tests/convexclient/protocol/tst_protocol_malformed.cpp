// SPDX-License-Identifier: MIT
// Malformed frames: every one must yield an error that names the problem, never a crash,
// an exception or a half-filled message.
#include "protocol/messages.h"

#include <QTest>

using namespace convex;
using namespace convex::protocol;

namespace {

const QByteArray kVersion0 = "{\"querySet\":0,\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"}";

QByteArray transition(const QByteArray &modifications, const QByteArray &extra = {})
{
    return "{\"type\":\"Transition\",\"startVersion\":" + kVersion0 + ",\"endVersion\":" + kVersion0
        + ",\"modifications\":" + modifications + extra + "}";
}

} // namespace

class TestProtocolMalformed : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void serverFrames_data();
    void serverFrames();
    void clientFrames_data();
    void clientFrames();
    void everyTruncationFails();
    void errorsDoNotEchoFrameContent();
};

void TestProtocolMalformed::serverFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("errorContains");
    const auto row = [](const char *name, const QByteArray &frame, const char *error) {
        QTest::newRow(name) << frame << QString::fromUtf8(error);
    };
    row("empty frame", "", "Invalid JSON");
    row("truncated JSON", "{\"type\":\"Ping\"", "Invalid JSON");
    row("not JSON", "Ping", "Invalid JSON");
    row("invalid UTF-8", "{\"type\":\"FatalError\",\"error\":\"\xc3\x28\"}", "Invalid JSON");
    row("overlong UTF-8", "{\"type\":\"FatalError\",\"error\":\"\xc0\xaf\"}", "Invalid JSON");
    row("array frame", "[{\"type\":\"Ping\"}]", "not a JSON object");
    row("string frame", "\"Ping\"", "not a JSON object");
    row("no type", "{\"error\":\"x\"}", "type is missing");
    row("type not a string", "{\"type\":5}", "type must be a string");
    row("unknown type", "{\"type\":\"Pong\"}", "Unknown server message type \"Pong\"");
    row("client message type", "{\"type\":\"Connect\"}", "Unknown server message type");
    row("fatal without error", "{\"type\":\"FatalError\"}", "FatalError.error is missing");
    row("fatal error not string", "{\"type\":\"FatalError\",\"error\":{}}", "FatalError.error must be a string");
    row("transition no startVersion", "{\"type\":\"Transition\",\"endVersion\":" + kVersion0 + ",\"modifications\":[]}",
        "Transition.startVersion is missing");
    row("transition version not object", "{\"type\":\"Transition\",\"startVersion\":1,\"endVersion\":" + kVersion0
        + ",\"modifications\":[]}", "Transition.startVersion must be an object");
    row("querySet negative", "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":-1,\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"},"
        "\"endVersion\":" + kVersion0 + ",\"modifications\":[]}", "Transition.startVersion.querySet is out of range");
    row("querySet 2^32", "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":4294967296,\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"},"
        "\"endVersion\":" + kVersion0 + ",\"modifications\":[]}", "querySet is out of range");
    row("identity huge", "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":0,\"identity\":99999999999999999999999,\"ts\":\"AAAAAAAAAAA=\"},"
        "\"endVersion\":" + kVersion0 + ",\"modifications\":[]}", "identity must be an integer");
    row("querySet fractional", "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":1.5,\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"},"
        "\"endVersion\":" + kVersion0 + ",\"modifications\":[]}", "querySet must be an integer");
    row("querySet string", "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":\"0\",\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"},"
        "\"endVersion\":" + kVersion0 + ",\"modifications\":[]}", "querySet must be an integer");
    row("ts bad base64", "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":0,\"identity\":0,\"ts\":\"AAAA*AAAAAA=\"},"
        "\"endVersion\":" + kVersion0 + ",\"modifications\":[]}", "startVersion.ts is not a base64-encoded 8-byte timestamp");
    row("ts 4 bytes", "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":0,\"identity\":0,\"ts\":\"AQAAAA==\"},"
        "\"endVersion\":" + kVersion0 + ",\"modifications\":[]}", "startVersion.ts is not a base64");
    row("ts number", "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":0,\"identity\":0,\"ts\":0},"
        "\"endVersion\":" + kVersion0 + ",\"modifications\":[]}", "startVersion.ts must be a string");
    row("modifications missing", "{\"type\":\"Transition\",\"startVersion\":" + kVersion0 + ",\"endVersion\":" + kVersion0 + "}",
        "Transition.modifications is missing");
    row("modifications object", transition("{}"), "Transition.modifications must be an array");
    row("modification not object", transition("[1]"), "Transition.modifications[0] must be an object");
    row("modification unknown type", transition("[{\"type\":\"QueryExploded\",\"queryId\":0}]"),
        "Transition.modifications[0].type is not a known state modification");
    row("QueryUpdated no value", transition("[{\"type\":\"QueryUpdated\",\"queryId\":0,\"logLines\":[]}]"),
        "Transition.modifications[0].value is missing");
    row("QueryUpdated bad value", transition("[{\"type\":\"QueryUpdated\",\"queryId\":0,\"value\":{\"$integer\":\"AQ==\"},\"logLines\":[]}]"),
        "1 bytes, expected 8 for $integer");
    row("QueryUpdated reserved key", transition("[{\"type\":\"QueryUpdated\",\"queryId\":0,\"value\":{\"ok\":{\"$id\":1}},\"logLines\":[]}]"),
        "(at modifications[0].value.ok)");
    row("QueryUpdated logLines not array", transition("[{\"type\":\"QueryUpdated\",\"queryId\":0,\"value\":1,\"logLines\":\"x\"}]"),
        "logLines must be an array of strings");
    row("QueryUpdated logLines numbers", transition("[{\"type\":\"QueryUpdated\",\"queryId\":0,\"value\":1,\"logLines\":[1]}]"),
        "logLines must be an array of strings");
    row("QueryUpdated journal number", transition("[{\"type\":\"QueryUpdated\",\"queryId\":0,\"value\":1,\"journal\":5}]"),
        "journal must be a string or null");
    row("QueryFailed no message", transition("[{\"type\":\"QueryFailed\",\"queryId\":1,\"logLines\":[]}]"),
        "modifications[0].errorMessage is missing");
    row("second modification bad", transition("[{\"type\":\"QueryRemoved\",\"queryId\":0},{\"type\":\"QueryRemoved\",\"queryId\":-3}]"),
        "modifications[1].queryId is out of range");
    row("clientClockSkew string", transition("[]", ",\"clientClockSkew\":\"-3\""), "clientClockSkew must be an integer");
    row("serverTs float", transition("[]", ",\"serverTs\":1.7e18"), "serverTs must be an integer");
    row("serverTs beyond int64", transition("[]", ",\"serverTs\":18446744073709551615"), "serverTs must be an integer");
    row("mutation no success", "{\"type\":\"MutationResponse\",\"requestId\":0,\"result\":null,\"logLines\":[]}",
        "MutationResponse.success is missing");
    row("mutation success string", "{\"type\":\"MutationResponse\",\"requestId\":0,\"success\":\"true\",\"result\":null,\"logLines\":[]}",
        "MutationResponse.success must be a boolean");
    row("mutation success without ts", "{\"type\":\"MutationResponse\",\"requestId\":0,\"success\":true,\"result\":null,\"logLines\":[]}",
        "MutationResponse.ts is missing");
    row("mutation success ts null", "{\"type\":\"MutationResponse\",\"requestId\":0,\"success\":true,\"result\":null,\"ts\":null,\"logLines\":[]}",
        "MutationResponse.ts must be a string");
    row("mutation success without result", "{\"type\":\"MutationResponse\",\"requestId\":0,\"success\":true,\"ts\":\"AAAAAAAAAAA=\",\"logLines\":[]}",
        "MutationResponse.result is missing");
    row("mutation failure result not string", "{\"type\":\"MutationResponse\",\"requestId\":0,\"success\":false,\"result\":{},\"ts\":null,\"logLines\":[]}",
        "MutationResponse.result must be the error message string");
    row("mutation requestId negative", "{\"type\":\"MutationResponse\",\"requestId\":-1,\"success\":false,\"result\":\"x\",\"logLines\":[]}",
        "MutationResponse.requestId is out of range");
    row("mutation requestId 2^64", "{\"type\":\"MutationResponse\",\"requestId\":18446744073709551616,\"success\":false,\"result\":\"x\",\"logLines\":[]}",
        "MutationResponse.requestId must be an integer");
    row("mutation bad errorData", "{\"type\":\"MutationResponse\",\"requestId\":1,\"success\":false,\"result\":\"x\",\"logLines\":[],\"errorData\":{\"$map\":[]}}",
        "no longer supported");
    row("action result bad float", "{\"type\":\"ActionResponse\",\"requestId\":1,\"success\":true,\"result\":{\"$float\":\"AAAAAAAA8D8=\"},\"logLines\":[]}",
        "should be encoded as a number");
    row("action no requestId", "{\"type\":\"ActionResponse\",\"success\":true,\"result\":1,\"logLines\":[]}",
        "ActionResponse.requestId is missing");
    row("auth error baseVersion string", "{\"type\":\"AuthError\",\"error\":\"e\",\"baseVersion\":\"0\",\"authUpdateAttempted\":true}",
        "AuthError.baseVersion must be an integer");
    row("auth error attempted string", "{\"type\":\"AuthError\",\"error\":\"e\",\"baseVersion\":0,\"authUpdateAttempted\":\"yes\"}",
        "AuthError.authUpdateAttempted must be a boolean");
    row("chunk no part", "{\"type\":\"TransitionChunk\",\"chunk\":\"x\",\"totalParts\":2,\"transitionId\":\"1\"}",
        "TransitionChunk.partNumber is missing");
    row("chunk negative part", "{\"type\":\"TransitionChunk\",\"chunk\":\"x\",\"partNumber\":-1,\"totalParts\":2,\"transitionId\":\"1\"}",
        "TransitionChunk.partNumber is out of range");
    row("chunk id number", "{\"type\":\"TransitionChunk\",\"chunk\":\"x\",\"partNumber\":0,\"totalParts\":2,\"transitionId\":1}",
        "TransitionChunk.transitionId must be a string");
    row("deep value", transition("[{\"type\":\"QueryUpdated\",\"queryId\":0,\"value\":" + QByteArray(65, '[')
        + QByteArray(65, ']') + ",\"logLines\":[]}]"), "nested deeper than 64");
    row("deep unknown field", "{\"type\":\"Ping\",\"x\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}",
        "nested deeper than 64");
    row("deep unterminated", QByteArray(1000000, '{'), "Invalid JSON");
}

void TestProtocolMalformed::serverFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, errorContains);
    const auto decoded = decodeServerMessage(frame);
    QVERIFY2(!decoded.ok(), "decoded a malformed frame");
    QVERIFY2(decoded.error().contains(errorContains), qPrintable(decoded.error()));
}

void TestProtocolMalformed::clientFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("errorContains");
    const auto row = [](const char *name, const QByteArray &frame, const char *error) {
        QTest::newRow(name) << frame << QString::fromUtf8(error);
    };
    row("truncated", "{\"type\":\"Connect\",", "Invalid JSON");
    row("unknown type", "{\"type\":\"Transition\"}", "Unknown client message type");
    row("counter as float literal", "{\"type\":\"Connect\",\"sessionId\":\"s\",\"connectionCount\":0,\"lastCloseReason\":null,"
        "\"clientTs\":1.79e12}", "Connect.clientTs must be an integer");
    row("connectionCount negative", "{\"type\":\"Connect\",\"sessionId\":\"s\",\"connectionCount\":-1,\"clientTs\":0}",
        "Connect.connectionCount is out of range");
    row("bad maxObservedTimestamp", "{\"type\":\"Connect\",\"sessionId\":\"s\",\"connectionCount\":0,\"clientTs\":0,"
        "\"maxObservedTimestamp\":\"yA==\"}", "maxObservedTimestamp is not a base64");
    row("args not wrapped", "{\"type\":\"Mutation\",\"requestId\":0,\"udfPath\":\"a:b\",\"args\":{}}",
        "Mutation.args must be an array");
    row("args two elements", "{\"type\":\"Action\",\"requestId\":0,\"udfPath\":\"a:b\",\"args\":[{},{}]}",
        "Action.args must be an array holding exactly one value");
    row("args invalid value", "{\"type\":\"Mutation\",\"requestId\":0,\"udfPath\":\"a:b\",\"args\":[{\"$bad\":1}]}",
        "reserved");
    row("unknown token type", "{\"type\":\"Authenticate\",\"baseVersion\":0,\"tokenType\":\"Bearer\",\"value\":\"x\"}",
        "Authenticate.tokenType must be User, Admin or None");
    row("user token missing value", "{\"type\":\"Authenticate\",\"baseVersion\":0,\"tokenType\":\"User\"}",
        "Authenticate.value is missing");
    row("modification kind", "{\"type\":\"ModifyQuerySet\",\"baseVersion\":0,\"newVersion\":1,\"modifications\":[{\"type\":\"Replace\"}]}",
        "ModifyQuerySet.modifications[0].type is not Add or Remove");
    row("add without udfPath", "{\"type\":\"ModifyQuerySet\",\"baseVersion\":0,\"newVersion\":1,\"modifications\":"
        "[{\"type\":\"Add\",\"queryId\":0,\"args\":[{}]}]}", "modifications[0].udfPath is missing");
}

void TestProtocolMalformed::clientFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, errorContains);
    const auto decoded = decodeClientMessage(frame);
    QVERIFY2(!decoded.ok(), "decoded a malformed frame");
    QVERIFY2(decoded.error().contains(errorContains), qPrintable(decoded.error()));
}

void TestProtocolMalformed::everyTruncationFails()
{
    const QByteArray frame =
        "{\"type\":\"Transition\",\"startVersion\":{\"querySet\":0,\"identity\":0,\"ts\":\"AAAAAAAAAAA=\"},"
        "\"endVersion\":{\"querySet\":2,\"identity\":0,\"ts\":\"ZAAAAAAAAAA=\"},\"modifications\":["
        "{\"type\":\"QueryUpdated\",\"queryId\":0,\"value\":[{\"body\":\"h\xc3\xa9\",\"n\":{\"$integer\":\"BQAAAAAAAAA=\"}}],"
        "\"logLines\":[],\"journal\":null}],\"clientClockSkew\":-3,\"serverTs\":1700000000000000000}";
    QVERIFY(decodeServerMessage(frame).ok());
    for (qsizetype n = 0; n < frame.size(); ++n) {
        const auto decoded = decodeServerMessage(QByteArrayView(frame).first(n));
        QVERIFY2(!decoded.ok(), qPrintable(QString::number(n)));
        QVERIFY(!decoded.error().isEmpty());
    }
}

void TestProtocolMalformed::errorsDoNotEchoFrameContent()
{
    // Frames may carry user data or tokens; parse errors must not quote them.
    const auto decoded = decodeServerMessage("{\"type\":\"FatalError\",\"error\":\"secret-token-value\" garbage}");
    QVERIFY(!decoded.ok());
    QVERIFY2(!decoded.error().contains(QStringLiteral("secret")), qPrintable(decoded.error()));
    QVERIFY2(!decoded.error().contains(QStringLiteral("garbage")), qPrintable(decoded.error()));
}

QTEST_GUILESS_MAIN(TestProtocolMalformed)
#include "tst_protocol_malformed.moc"
