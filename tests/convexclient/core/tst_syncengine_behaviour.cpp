// SPDX-License-Identifier: MIT
// SyncEngine behaviours beyond the scripted sessions: reference counting, pause/resume,
// start-version mismatch, chunk errors, mutation ordering, results across reconnects,
// "synced past last reconnect", fatal errors, bad input and re-entrant callbacks.

#include "enginetestharness.h"

#include <QTest>

using namespace convex;
using namespace convex::test;

namespace {
const QByteArray kFirstTransition =
    R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"v1","logLines":[],"journal":"j-1"}]})";

Value obj(std::initializer_list<std::pair<QString, Value>> members)
{
    ValueObject o;
    for (const auto &[k, v] : members)
        o.insert(k, v);
    return Value(o);
}

//! Open socket with messages:list subscribed and answered with "v1" at ts 100.
core::QueryToken openWithResult(EngineHarness &h)
{
    h.engine->onSocketOpened();
    const auto sub = h.engine->subscribe(u"messages:list"_qs, obj({}));
    h.server(kFirstTransition);
    h.takeSent();
    return sub->token;
}
} // namespace

class TestSyncEngineBehaviour : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void referenceCountingSharesOneQuery();
    void pauseCollectsEditsIntoOneModification();
    void socketOpenedWhilePausedSendsConnectFirstOnResume();
    void startVersionMismatchReconnects_data();
    void startVersionMismatchReconnects();
    void chunkErrorsReconnect_data();
    void chunkErrorsReconnect();
    void otherMessageWhileBufferingDiscardsChunks();
    void mutationsResolveInOrderAfterQueries();
    void resultsKeptAcrossReconnectUntilFresh();
    void unsubscribeForgetsResultAndIgnoresLateOnes();
    void syncedPastLastReconnect();
    void syncedPastLastReconnectWaitsForAuth();
    void fatalErrorTerminates();
    void closeFailsPendingRequests();
    void unknownResponseIdsIgnored();
    void invalidInputFailsTheCallOnly();
    void undecodableFrameReconnects();
    void requestsMadeOfflineAreSentOnOpen();
    void inflightBookkeeping();
    void lastCloseReasonRules();
    void reentrantCallbacksKeepOrder();
};

void TestSyncEngineBehaviour::referenceCountingSharesOneQuery()
{
    EngineHarness h;
    h.engine->onSocketOpened();
    h.takeSent();
    const auto a = h.engine->subscribe(u"messages:list"_qs,
                                       obj({{u"b"_qs, Value::int64(1)}, {u"a"_qs, Value(u"x")}}));
    const auto b = h.engine->subscribe(u"messages.js:list"_qs,
                                       obj({{u"a"_qs, Value(u"x")}, {u"b"_qs, Value::int64(1)}}));
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->token, b->token);
    QCOMPARE(a->queryId, b->queryId);
    QCOMPARE(h.engine->subscriberCount(a->token), 2);
    EXPECT_SENT(h, R"({"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{"a":"x","b":{"$integer":"AQAAAAAAAAA="}}]}]})");
    h.engine->unsubscribe(a->token);
    EXPECT_SENT(h);
    QCOMPARE(h.engine->subscriberCount(a->token), 1);
    h.engine->unsubscribe(a->token);
    EXPECT_SENT(h, R"({"type":"ModifyQuerySet","baseVersion":2,"newVersion":3,"modifications":[{"type":"Remove","queryId":0}]})");
    h.engine->unsubscribe(a->token);  // unknown now: ignored
    EXPECT_SENT(h);
    const auto again = h.engine->subscribe(u"messages:list"_qs,
                                           obj({{u"a"_qs, Value(u"x")}, {u"b"_qs, Value::int64(1)}}));
    QCOMPARE(again->queryId, 1u);  // query ids are never reused
    EXPECT_SENT(h, R"({"type":"ModifyQuerySet","baseVersion":3,"newVersion":4,"modifications":[{"type":"Add","queryId":1,"udfPath":"messages:list","args":[{"a":"x","b":{"$integer":"AQAAAAAAAAA="}}]}]})");
}

void TestSyncEngineBehaviour::pauseCollectsEditsIntoOneModification()
{
    EngineHarness h;
    h.engine->onSocketOpened();
    const auto a = h.engine->subscribe(u"q:a"_qs, obj({}));
    h.takeSent();
    h.engine->pause();
    QVERIFY(h.engine->isPaused());
    h.engine->subscribe(u"q:b"_qs, obj({}));
    const auto c = h.engine->subscribe(u"q:c"_qs, obj({}));
    h.engine->unsubscribe(c->token);  // Add + Remove in the same pause cancel out
    h.engine->unsubscribe(a->token);
    QCOMPARE(h.engine->mutation(u"m:f"_qs, obj({})), 0u);
    EXPECT_SENT(h);
    h.engine->resume();
    EXPECT_SENT(h,
                R"({"type":"ModifyQuerySet","baseVersion":2,"newVersion":3,"modifications":[{"type":"Add","queryId":1,"udfPath":"q:b","args":[{}]},{"type":"Remove","queryId":0}]})",
                R"({"type":"Mutation","requestId":0,"udfPath":"m:f","args":[{}]})");
    h.engine->resume();  // not paused: no-op
    EXPECT_SENT(h);
}

void TestSyncEngineBehaviour::socketOpenedWhilePausedSendsConnectFirstOnResume()
{
    EngineHarness h;
    h.engine->subscribe(u"q:a"_qs, obj({}));
    h.engine->pause();
    h.engine->subscribe(u"q:b"_qs, obj({}));
    h.engine->onSocketOpened();
    QCOMPARE(h.server(R"({"type":"Ping"})").syncedPastLastReconnect, false);
    EXPECT_SENT(h);
    h.scheduler.advance(500);
    h.engine->resume();
    EXPECT_SENT(h,
                R"({"connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1795669769932,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352"})",
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"q:a","args":[{}]},{"type":"Add","queryId":1,"udfPath":"q:b","args":[{}]}]})");
}

void TestSyncEngineBehaviour::startVersionMismatchReconnects_data()
{
    QTest::addColumn<QByteArray>("startVersion");
    QTest::newRow("querySet") << QByteArray(R"({"querySet":2,"identity":0,"ts":"ZAAAAAAAAAA="})");
    QTest::newRow("identity") << QByteArray(R"({"querySet":1,"identity":1,"ts":"ZAAAAAAAAAA="})");
    QTest::newRow("ts") << QByteArray(R"({"querySet":1,"identity":0,"ts":"ZQAAAAAAAAA="})");
}

void TestSyncEngineBehaviour::startVersionMismatchReconnects()
{
    QFETCH(QByteArray, startVersion);
    EngineHarness h;
    const core::QueryToken token = openWithResult(h);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Invalid start version"_qs));
    h.server(QByteArray(R"({"type":"Transition","startVersion":)" + startVersion
             + R"(,"endVersion":{"querySet":1,"identity":1,"ts":"yAAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"bogus","logLines":[],"journal":null}]})"));
    QCOMPARE(h.reconnects, QStringList{u"InvalidStartVersion"_qs});
    QCOMPARE(h.engine->queryResult(token)->value(), Value(u"v1"));
    QCOMPARE(h.engine->maxObservedTimestamp(), std::optional<quint64>(100));
    QCOMPARE(h.changes.size(), 1);
    // Later messages from the abandoned socket are ignored.
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"yAAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"late","logLines":[],"journal":null}]})");
    QCOMPARE(h.engine->queryResult(token)->value(), Value(u"v1"));
    // Full resync on the next socket, with the journal the server gave us.
    h.engine->onSocketOpened();
    EXPECT_SENT(h,
                R"({"connectionCount":1,"lastCloseReason":"InvalidStartVersion","clientTs":1795669769432,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352","maxObservedTimestamp":"ZAAAAAAAAAA="})",
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{}],"journal":"j-1"}]})");
}

void TestSyncEngineBehaviour::chunkErrorsReconnect_data()
{
    QTest::addColumn<QList<QByteArray>>("frames");
    const QString part0 = QString::fromUtf8(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},)");
    const QString part1 = QString::fromUtf8(R"("endVersion":{"querySet":1,"identity":0,"ts":"ZQAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"new","logLines":[],"journal":null}]})");
    QTest::newRow("out of order") << QList<QByteArray>{chunkFrame(part1, 1, 2, u"9"_qs)};
    QTest::newRow("zero parts") << QList<QByteArray>{chunkFrame(part0, 0, 0, u"9"_qs)};
    QTest::newRow("part beyond total") << QList<QByteArray>{chunkFrame(part0, 2, 2, u"9"_qs)};
    QTest::newRow("id changed") << QList<QByteArray>{chunkFrame(part0, 0, 2, u"9"_qs),
                                                     chunkFrame(part1, 1, 2, u"10"_qs)};
    QTest::newRow("total changed") << QList<QByteArray>{chunkFrame(part0, 0, 2, u"9"_qs),
                                                        chunkFrame(part1, 1, 3, u"9"_qs)};
    QTest::newRow("repeated part") << QList<QByteArray>{chunkFrame(part0, 0, 2, u"9"_qs),
                                                        chunkFrame(part0, 0, 2, u"9"_qs)};
    QTest::newRow("not a Transition") << QList<QByteArray>{chunkFrame(u"{\"type\":"_qs, 0, 2, u"9"_qs),
                                                           chunkFrame(u"\"Ping\"}"_qs, 1, 2, u"9"_qs)};
    QTest::newRow("not JSON") << QList<QByteArray>{chunkFrame(part0, 0, 2, u"9"_qs),
                                                   chunkFrame(u"garbage"_qs, 1, 2, u"9"_qs)};
}

void TestSyncEngineBehaviour::chunkErrorsReconnect()
{
    QFETCH(QList<QByteArray>, frames);
    EngineHarness h;
    const core::QueryToken token = openWithResult(h);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"InvalidTransitionChunk"_qs));
    for (const QByteArray &frame : std::as_const(frames))
        h.server(frame);
    QCOMPARE(h.reconnects, QStringList{u"InvalidTransitionChunk"_qs});
    QCOMPARE(h.engine->queryResult(token)->value(), Value(u"v1"));
    QCOMPARE(h.changes.size(), 1);
}

void TestSyncEngineBehaviour::otherMessageWhileBufferingDiscardsChunks()
{
    EngineHarness h;
    openWithResult(h);
    const QString part0 = QString::fromUtf8(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},)");
    const QString part1 = QString::fromUtf8(R"("endVersion":{"querySet":1,"identity":0,"ts":"ZQAAAAAAAAA="},"modifications":[]})");
    h.server(chunkFrame(part0, 0, 2, u"7"_qs));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"while buffering TransitionChunks"_qs));
    h.server(R"({"type":"ActionResponse","requestId":42,"success":true,"result":null,"logLines":[]})");
    QVERIFY(h.reconnects.isEmpty());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"out of order"_qs));
    h.server(chunkFrame(part1, 1, 2, u"7"_qs));  // its first half is gone
    QCOMPARE(h.reconnects, QStringList{u"InvalidTransitionChunk"_qs});
}

void TestSyncEngineBehaviour::mutationsResolveInOrderAfterQueries()
{
    EngineHarness h;
    const core::QueryToken token = openWithResult(h);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(h.engine->mutation(u"m:f"_qs, obj({})), core::RequestId(i));
    h.takeEvents();
    h.server(R"({"type":"MutationResponse","requestId":0,"success":true,"result":"r0","ts":"LAEAAAAAAAA=","logLines":[]})");
    h.server(R"({"type":"MutationResponse","requestId":1,"success":false,"result":"boom","logLines":["[ERROR] bad"]})");
    h.server(R"({"type":"MutationResponse","requestId":3,"success":true,"result":"r3","ts":"yAAAAAAAAAA=","logLines":[]})");
    h.server(R"({"type":"MutationResponse","requestId":2,"success":true,"result":"r2","ts":"lgAAAAAAAAA=","logLines":[]})");
    // The failure resolves at once; successes wait for their ts.
    QCOMPARE(h.takeEvents(), QStringList{u"completed 1"_qs});
    QCOMPARE(h.completed.at(0).second,
             FunctionResult::functionError(u"boom"_qs, std::nullopt, {u"[ERROR] bad"_qs}));
    QCOMPARE(h.engine->maxObservedTimestamp(), std::optional<quint64>(300));
    // ts 250 covers mutations 2 (150) and 3 (200): after the query update, in id order.
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"+gAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"v2","logLines":[],"journal":null}]})");
    QCOMPARE(h.takeEvents(), (QStringList{u"changed"_qs, u"completed 2"_qs, u"completed 3"_qs}));
    QCOMPARE(h.engine->queryResult(token)->value(), Value(u"v2"));
    QCOMPARE(h.engine->inflightMutations(), 1);
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"+gAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"LAEAAAAAAAA="},"modifications":[]})");
    QCOMPARE(h.takeEvents(), QStringList{u"completed 0"_qs});
    QCOMPARE(h.completed.last().second, FunctionResult::success(Value(u"r0")));
    QCOMPARE(h.engine->inflightMutations(), 0);
}

void TestSyncEngineBehaviour::resultsKeptAcrossReconnectUntilFresh()
{
    EngineHarness h;
    const core::QueryToken token = openWithResult(h);
    h.engine->onSocketClosed(u"InternalServerError"_qs, false);
    QCOMPARE(h.engine->queryResult(token)->value(), Value(u"v1"));
    h.engine->onSocketOpened();
    // First transition of the new socket only confirms the (empty) identity step: JS reads
    // the query as loading here (§6.11); we keep the last value.
    h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":0,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[]})");
    QCOMPARE(h.engine->queryResult(token)->value(), Value(u"v1"));
    QCOMPARE(h.changes.size(), 1);
    // Same value re-delivered: no change to report.
    h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"v1","logLines":[],"journal":"j-1"}]})");
    QCOMPARE(h.changes.size(), 1);
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZQAAAAAAAAA="},"modifications":[{"type":"QueryFailed","queryId":0,"errorMessage":"gone","logLines":[],"journal":null}]})");
    QCOMPARE(h.changes.size(), 2);
    QCOMPARE(*h.engine->queryResult(token), FunctionResult::functionError(u"gone"_qs));
    QVERIFY(!h.engine->queryResult(token)->isConvexError());
}

void TestSyncEngineBehaviour::unsubscribeForgetsResultAndIgnoresLateOnes()
{
    EngineHarness h;
    const core::QueryToken token = openWithResult(h);
    h.engine->unsubscribe(token);
    QVERIFY(!h.engine->queryResult(token));
    QVERIFY(!h.engine->queryId(token));
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZQAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"late","logLines":["[LOG] late"],"journal":null}]})");
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZQAAAAAAAAA="},"endVersion":{"querySet":2,"identity":0,"ts":"ZQAAAAAAAAA="},"modifications":[{"type":"QueryRemoved","queryId":0}]})");
    QCOMPARE(h.changes.size(), 1);
    QVERIFY(h.logs.isEmpty());
    QVERIFY(h.reconnects.isEmpty());
}

void TestSyncEngineBehaviour::syncedPastLastReconnect()
{
    EngineHarness h;
    openWithResult(h);
    h.engine->mutation(u"m:f"_qs, obj({}));
    h.engine->onSocketClosed(u"InternalServerError"_qs, false);
    h.engine->onSocketOpened();
    QVERIFY(!h.engine->hasSyncedPastLastReconnect());
    // The query is answered, the mutation is not done yet.
    auto outcome = h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"v1","logLines":[],"journal":null}]})");
    QVERIFY(!outcome.syncedPastLastReconnect);
    outcome = h.server(R"({"type":"MutationResponse","requestId":0,"success":true,"result":null,"ts":"yAAAAAAAAAA=","logLines":[]})");
    QVERIFY(!outcome.syncedPastLastReconnect);  // completed but not yet reflected
    outcome = h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"yAAAAAAAAAA="},"modifications":[]})");
    QVERIFY(outcome.syncedPastLastReconnect);
    QVERIFY(h.engine->hasSyncedPastLastReconnect());
}

void TestSyncEngineBehaviour::syncedPastLastReconnectWaitsForAuth()
{
    EngineHarness h;
    h.engine->setAdminAuth(u"admin-key"_qs);
    h.engine->onSocketOpened();
    auto outcome = h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[]})");
    QVERIFY(!outcome.syncedPastLastReconnect);  // Authenticate not confirmed yet
    outcome = h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":1,"ts":"ZAAAAAAAAAA="},"modifications":[]})");
    QVERIFY(outcome.syncedPastLastReconnect);
}

void TestSyncEngineBehaviour::fatalErrorTerminates()
{
    EngineHarness h;
    const core::QueryToken token = openWithResult(h);
    h.engine->mutation(u"m:f"_qs, obj({}));
    h.engine->action(u"a:f"_qs, obj({}));
    h.takeSent();
    QTest::ignoreMessage(QtCriticalMsg, "[CONVEX FATAL ERROR] Base version 5 passed up doesn't match the current version 3");
    h.server(R"({"type":"FatalError","error":"Base version 5 passed up doesn't match the current version 3"})");
    QCOMPARE(h.fatalErrors, QStringList{u"Base version 5 passed up doesn't match the current version 3"_qs});
    QCOMPARE(h.engine->phase(), core::ConnectionPhase::Terminated);
    QCOMPARE(h.completed.size(), 2);
    for (const auto &[id, result] : std::as_const(h.completed)) {
        QVERIFY(result.isClientError());
        QVERIFY(result.errorMessage().contains(u"Base version 5"_qs));
    }
    QVERIFY(h.reconnects.isEmpty());
    // Nothing ever goes out again; new requests fail (asynchronously).
    h.engine->onSocketOpened();
    h.server(R"({"type":"Ping"})");
    const core::RequestId late = h.engine->mutation(u"m:f"_qs, obj({}));
    QCOMPARE(h.completed.size(), 2);
    h.scheduler.advance(0);
    QCOMPARE(h.completed.size(), 3);
    QCOMPARE(h.completed.last().first, late);
    QVERIFY(h.completed.last().second.isClientError());
    EXPECT_SENT(h);
    QCOMPARE(h.engine->queryResult(token)->value(), Value(u"v1"));  // last values stay readable
}

void TestSyncEngineBehaviour::closeFailsPendingRequests()
{
    EngineHarness h;
    h.engine->onSocketOpened();
    h.engine->mutation(u"m:f"_qs, obj({}));
    h.engine->close();
    QCOMPARE(h.completed.size(), 1);
    QCOMPARE(h.completed.at(0).second, FunctionResult::clientError(u"Client closed"_qs));
    QVERIFY(h.fatalErrors.isEmpty());
    QCOMPARE(h.engine->phase(), core::ConnectionPhase::Terminated);
}

void TestSyncEngineBehaviour::unknownResponseIdsIgnored()
{
    EngineHarness h;
    openWithResult(h);
    h.engine->mutation(u"m:f"_qs, obj({}));
    h.server(R"({"type":"MutationResponse","requestId":99,"success":false,"result":"x","logLines":[]})");
    h.server(R"({"type":"ActionResponse","requestId":98,"success":true,"result":null,"logLines":[]})");
    // An ActionResponse for a mutation id does not resolve it.
    h.server(R"({"type":"ActionResponse","requestId":0,"success":true,"result":null,"logLines":[]})");
    h.server(R"({"type":"MutationResponse","requestId":0,"success":true,"result":1,"ts":"ZAAAAAAAAAA=","logLines":[]})");
    h.server(R"({"type":"MutationResponse","requestId":0,"success":false,"result":"dup","logLines":[]})");
    QVERIFY(h.completed.isEmpty());
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[]})");
    QCOMPARE(h.completed.size(), 1);
    QCOMPARE(h.completed.at(0).second, FunctionResult::success(Value::float64(1)));
    QVERIFY(h.reconnects.isEmpty());
}

void TestSyncEngineBehaviour::invalidInputFailsTheCallOnly()
{
    EngineHarness h;
    h.engine->onSocketOpened();
    h.takeSent();
    const auto badPath = h.engine->subscribe(u"api.messages.list"_qs, obj({}));
    QVERIFY(!badPath.ok());
    QVERIFY(badPath.error().contains(u"api.messages.list"_qs));
    QVERIFY(!h.engine->subscribe(u"m:f"_qs, Value(ValueArray{})).ok());
    const core::RequestId m = h.engine->mutation(u"messages.ts:send"_qs, obj({}));
    const core::RequestId a = h.engine->action(u"a:f"_qs, Value::int64(1));
    const core::RequestId f = h.engine->action(u"a:f"_qs, obj({{u"$x"_qs, Value(true)}}));
    EXPECT_SENT(h);
    QVERIFY(h.completed.isEmpty());  // not before the caller could record the ids
    h.scheduler.advance(0);
    QCOMPARE(h.completed.size(), 3);
    QCOMPARE(h.completed.at(0).first, m);
    QCOMPARE(h.completed.at(1).first, a);
    QCOMPARE(h.completed.at(2).first, f);
    for (const auto &[id, result] : std::as_const(h.completed))
        QVERIFY(result.isClientError() && !result.errorMessage().isEmpty());
    QCOMPARE(h.engine->phase(), core::ConnectionPhase::Open);
    QCOMPARE(h.engine->mutation(u"m:f"_qs, obj({})), 3u);  // ids stay unique
}

void TestSyncEngineBehaviour::undecodableFrameReconnects()
{
    EngineHarness h;
    openWithResult(h);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"InvalidServerMessage"_qs));
    h.server("{not json");
    QCOMPARE(h.reconnects, QStringList{u"InvalidServerMessage"_qs});
    QVERIFY(h.fatalErrors.isEmpty());
}

void TestSyncEngineBehaviour::requestsMadeOfflineAreSentOnOpen()
{
    EngineHarness h;
    QCOMPARE(h.engine->action(u"a:f"_qs, obj({})), 0u);
    QCOMPARE(h.engine->mutation(u"m:f"_qs, obj({})), 1u);
    EXPECT_SENT(h);
    h.engine->onSocketOpened();
    EXPECT_SENT(h,
                R"({"connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1795669769432,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352"})",
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[]})",
                R"({"type":"Action","requestId":0,"udfPath":"a:f","args":[{}]})",
                R"({"type":"Mutation","requestId":1,"udfPath":"m:f","args":[{}]})");
    QVERIFY(h.completed.isEmpty());  // a never-sent action is sent, not failed
    h.server(R"({"type":"ActionResponse","requestId":0,"success":true,"result":"done","logLines":["[INFO] hi"]})");
    QCOMPARE(h.completed.size(), 1);
    QCOMPARE(h.completed.at(0).second, FunctionResult::success(Value(u"done"), {u"[INFO] hi"_qs}));
    QCOMPARE(h.logs.size(), 1);
    QCOMPARE(h.logs.at(0).kind, core::FunctionKind::Action);
    QCOMPARE(h.logs.at(0).udfPath, u"a:f"_qs);
}

void TestSyncEngineBehaviour::inflightBookkeeping()
{
    EngineHarness h;
    QVERIFY(!h.engine->timeOfOldestInflightRequestMs());
    h.engine->mutation(u"m:f"_qs, obj({}));  // not sent: no socket
    QVERIFY(!h.engine->hasIncompleteRequests());
    h.scheduler.advance(1000);
    h.engine->onSocketOpened();
    h.engine->action(u"a:f"_qs, obj({}));
    QVERIFY(h.engine->hasIncompleteRequests());
    QCOMPARE(h.engine->inflightMutations(), 1);
    QCOMPARE(h.engine->inflightActions(), 1);
    QCOMPARE(h.engine->timeOfOldestInflightRequestMs(), std::optional<qint64>(1795669769432));
    h.server(R"({"type":"MutationResponse","requestId":0,"success":true,"result":null,"ts":"ZAAAAAAAAAA=","logLines":[]})");
    // Completed-not-reflected no longer counts as waiting for the server.
    QCOMPARE(h.engine->timeOfOldestInflightRequestMs(), std::optional<qint64>(1795669770432));
    QCOMPARE(h.engine->inflightMutations(), 1);
}

void TestSyncEngineBehaviour::lastCloseReasonRules()
{
    EngineHarness h;
    // Failed attempts before the first open keep "InitialConnect".
    h.engine->onSocketClosed(u"closed with code 1006"_qs, false);
    h.engine->onSocketOpened();
    QCOMPARE(h.takeSent().at(0).value(u"lastCloseReason"_qs).toString(), u"InitialConnect"_qs);
    // The first reason after an open sticks through failed reconnect attempts.
    h.engine->onSocketClosed(u"TooManyConcurrentRequests"_qs, false);
    h.engine->onSocketClosed(u"closed with code 1006"_qs, false);
    h.engine->onSocketOpened();
    const QJsonObject connect = h.takeSent().at(0);
    QCOMPARE(connect.value(u"lastCloseReason"_qs).toString(), u"TooManyConcurrentRequests"_qs);
    QCOMPARE(connect.value(u"connectionCount"_qs).toInt(), 1);
    // A deliberate close by the owner: null.
    h.engine->onSocketClosed(QString(), true);
    h.engine->onSocketOpened();
    QVERIFY(h.takeSent().at(0).value(u"lastCloseReason"_qs).isNull());
    QCOMPARE(h.engine->connectionCount(), 3u);
}

void TestSyncEngineBehaviour::reentrantCallbacksKeepOrder()
{
    EngineHarness h;
    h.engine->onSocketOpened();
    const auto sub = h.engine->subscribe(u"messages:list"_qs, obj({}));
    h.takeSent();
    h.takeEvents();
    // The app reacts to the new result by unsubscribing and starting a mutation.
    h.onChanged = [&](const QList<core::QueryToken> &) {
        QCOMPARE(h.engine->queryResult(sub->token)->value(), Value(u"v1"));
        h.engine->unsubscribe(sub->token);
        h.engine->mutation(u"m:f"_qs, obj({}));
    };
    h.server(kFirstTransition);
    QCOMPARE(h.takeEvents(), (QStringList{u"changed"_qs, u"send ModifyQuerySet"_qs, u"send Mutation"_qs}));
    EXPECT_SENT(h,
                R"({"type":"ModifyQuerySet","baseVersion":2,"newVersion":3,"modifications":[{"type":"Remove","queryId":0}]})",
                R"({"type":"Mutation","requestId":0,"udfPath":"m:f","args":[{}]})");
}

QTEST_GUILESS_MAIN(TestSyncEngineBehaviour)
#include "tst_syncengine_behaviour.moc"
