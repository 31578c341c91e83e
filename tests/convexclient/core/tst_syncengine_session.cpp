// SPDX-License-Identifier: MIT
// The scripted session of convex-sync-protocol.md §14.6, recorded from the real JS client,
// replayed against SyncEngine. Where the reference recommends doing better than JS
// (start-version mismatch), the transcript continues on a fresh socket.

#include "enginetestharness.h"

#include <QTest>

using namespace convex;
using namespace convex::test;

class TestSyncEngineSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scriptedSession();
};

void TestSyncEngineSession::scriptedSession()
{
    EngineHarness h;
    core::SyncEngine &engine = *h.engine;

    // A subscription made before the socket opens is not sent separately.
    auto list = engine.subscribe(u"messages:list"_qs,
                                 Value(ValueObject{{u"channel"_qs, Value(u"general")}}));
    QVERIFY(list.ok());
    EXPECT_SENT(h);

    // # socket 0 opens
    engine.onSocketOpened();
    EXPECT_SENT(h,
                R"({"connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1795669769432,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352"})",
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{"channel":"general"}]}]})");

    // # subscribe("messages.js:count", {})
    auto count = engine.subscribe(u"messages.js:count"_qs, Value(ValueObject{}));
    QVERIFY(count.ok());
    EXPECT_SENT(h, R"({"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,"modifications":[{"type":"Add","queryId":1,"udfPath":"messages:count","args":[{}]}]})");

    h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":2,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":[{"body":"hi","n":{"$integer":"BQAAAAAAAAA="}}],"logLines":["[LOG] 'hello'"],"journal":null},{"type":"QueryFailed","queryId":1,"errorMessage":"Uncaught Error: boom","logLines":[],"errorData":{"code":"E1"},"journal":null}],"clientClockSkew":-3,"serverTs":1700000000000000000})");
    // expect: both queries reported together, in one notification
    QCOMPARE(h.changes.size(), 1);
    QCOMPARE(h.changes.at(0), (QList<core::QueryToken>{list->token, count->token}));
    const Value expectedList(ValueArray{Value(ValueObject{{u"body"_qs, Value(u"hi")},
                                                          {u"n"_qs, Value::int64(5)}})});
    QCOMPARE(engine.queryResult(list->token),
             std::optional(FunctionResult::success(expectedList, {u"[LOG] 'hello'"_qs})));
    const std::optional<FunctionResult> countResult = engine.queryResult(count->token);
    QVERIFY(countResult && countResult->isConvexError());
    QCOMPARE(countResult->errorMessage(), u"Uncaught Error: boom"_qs);
    QCOMPARE(countResult->errorData(), Value(ValueObject{{u"code"_qs, Value(u"E1")}}));
    QCOMPARE(h.logs.size(), 1);
    QCOMPARE(h.logs.at(0).udfPath, u"messages:list"_qs);
    QCOMPARE(h.logs.at(0).line, u"[LOG] 'hello'"_qs);

    // # mutation("messages:send", {body:"yo", count: int64 3})
    const core::RequestId send0 = engine.mutation(
        u"messages:send"_qs,
        Value(ValueObject{{u"body"_qs, Value(u"yo")}, {u"count"_qs, Value::int64(3)}}));
    QCOMPARE(send0, 0u);
    EXPECT_SENT(h, R"({"type":"Mutation","requestId":0,"udfPath":"messages:send","args":[{"body":"yo","count":{"$integer":"AwAAAAAAAAA="}}]})");
    h.server(R"({"type":"MutationResponse","requestId":0,"success":true,"result":{"$integer":"KgAAAAAAAAA="},"ts":"yAAAAAAAAAA=","logLines":[]})");
    QVERIFY(h.completed.isEmpty());  // NOT resolved
    h.server(R"({"type":"Transition","startVersion":{"querySet":2,"identity":0,"ts":"ZAAAAAAAAAA="},"endVersion":{"querySet":2,"identity":0,"ts":"lgAAAAAAAAA="},"modifications":[]})");
    QVERIFY(h.completed.isEmpty());  // NOT resolved (150 < 200)
    h.server(R"({"type":"Transition","startVersion":{"querySet":2,"identity":0,"ts":"lgAAAAAAAAA="},"endVersion":{"querySet":2,"identity":0,"ts":"yAAAAAAAAAA="},"modifications":[]})");
    QCOMPARE(h.completed.size(), 1);  // resolved with int64 42
    QCOMPARE(h.completed.at(0).first, 0u);
    QCOMPARE(h.completed.at(0).second, FunctionResult::success(Value::int64(42)));
    QCOMPARE(h.changes.size(), 1);  // empty transitions change no query

    // # failing mutation
    const core::RequestId send1 =
        engine.mutation(u"messages:send"_qs, Value(ValueObject{{u"body"_qs, Value(u"")}}));
    QCOMPARE(send1, 1u);
    EXPECT_SENT(h, R"({"type":"Mutation","requestId":1,"udfPath":"messages:send","args":[{"body":""}]})");
    h.server(R"({"type":"MutationResponse","requestId":1,"success":false,"result":"Uncaught ConvexError: bad","logLines":[],"errorData":{"reason":"empty"}})");
    QCOMPARE(h.completed.size(), 2);  // rejected immediately
    QCOMPARE(h.completed.at(1).first, 1u);
    QVERIFY(h.completed.at(1).second.isConvexError());
    QCOMPARE(h.completed.at(1).second.errorMessage(), u"Uncaught ConvexError: bad"_qs);
    QCOMPARE(h.completed.at(1).second.errorData(), Value(ValueObject{{u"reason"_qs, Value(u"empty")}}));

    // # action + mutation in flight, unsubscribe count, then server closes 1011
    QCOMPARE(engine.action(u"ai:run"_qs, Value(ValueObject{})), 2u);
    QCOMPARE(engine.mutation(u"messages:send"_qs, Value(ValueObject{{u"body"_qs, Value(u"pending")}})), 3u);
    engine.unsubscribe(count->token);
    EXPECT_SENT(h,
                R"({"type":"Action","requestId":2,"udfPath":"ai:run","args":[{}]})",
                R"({"type":"Mutation","requestId":3,"udfPath":"messages:send","args":[{"body":"pending"}]})",
                R"({"type":"ModifyQuerySet","baseVersion":2,"newVersion":3,"modifications":[{"type":"Remove","queryId":1}]})");
    QCOMPARE(engine.inflightActions(), 1);
    QCOMPARE(engine.inflightMutations(), 1);
    engine.onSocketClosed(u"InternalServerError"_qs, false);
    QCOMPARE(engine.phase(), core::ConnectionPhase::Disconnected);

    // # socket 1 opens after backoff
    h.scheduler.advance(3018);
    engine.onSocketOpened();
    EXPECT_SENT(h,
                R"({"connectionCount":1,"lastCloseReason":"InternalServerError","clientTs":1795669772450,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352","maxObservedTimestamp":"yAAAAAAAAAA="})",
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{"channel":"general"}],"journal":null}]})",
                R"({"type":"Mutation","requestId":3,"udfPath":"messages:send","args":[{"body":"pending"}]})");
    // expect: action 2 rejected locally
    QCOMPARE(h.completed.size(), 3);
    QCOMPARE(h.completed.at(2).first, 2u);
    QCOMPARE(h.completed.at(2).second,
             FunctionResult::clientError(u"Connection lost while action was in flight"_qs));
    QCOMPARE(engine.inflightActions(), 0);
    // Better than JS (§6.11): the old result stays visible until a fresh one arrives.
    QCOMPARE(engine.queryResult(list->token)->value(), expectedList);

    QCOMPARE(h.server(R"({"type":"Ping"})").syncedPastLastReconnect, false);
    h.server(R"({"type":"MutationResponse","requestId":3,"success":true,"result":null,"ts":"LAEAAAAAAAA=","logLines":[]})");
    QCOMPARE(h.completed.size(), 3);
    const core::ReceiveOutcome synced = h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"LAEAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":[],"logLines":[],"journal":null}]})");
    // expect: mutation 3 resolved with null; messages:list = []
    QCOMPARE(h.completed.size(), 4);
    QCOMPARE(h.completed.at(3).first, 3u);
    QCOMPARE(h.completed.at(3).second, FunctionResult::success(Value()));
    QCOMPARE(engine.queryResult(list->token)->value(), Value(ValueArray{}));
    QCOMPARE(h.changes.size(), 2);
    QCOMPARE(h.changes.at(1), QList<core::QueryToken>{list->token});
    // Query answered and every request older than the reconnect done: reset the backoff.
    QVERIFY(synced.syncedPastLastReconnect);

    // expect: rejected "Invalid start version: 0:9:0, transitioning from 300:1:0".
    // JS throws and stays on the socket; we ask for a reconnect with a full resync.
    h.server(R"({"type":"Transition","startVersion":{"querySet":9,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":9,"identity":0,"ts":"AQAAAAAAAAA="},"modifications":[]})");
    QCOMPARE(h.reconnects, QStringList{u"InvalidStartVersion"_qs});
    QCOMPARE(engine.phase(), core::ConnectionPhase::Disconnected);
    QCOMPARE(engine.maxObservedTimestamp(), std::optional<quint64>(300));  // not raised to 1
    EXPECT_SENT(h);
    engine.onSocketClosed(u"closed with code 1005"_qs, false);  // harmless: already recorded

    engine.onSocketOpened();
    EXPECT_SENT(h,
                R"({"connectionCount":2,"lastCloseReason":"InvalidStartVersion","clientTs":1795669772450,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352","maxObservedTimestamp":"LAEAAAAAAAA="})",
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{"channel":"general"}],"journal":null}]})");
    h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"LAEAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":[],"logLines":[],"journal":null}]})");
    QCOMPARE(h.changes.size(), 2);  // the same value again is not a change

    // The chunked Transition of the transcript, now on the fresh socket at version 1:0:300.
    const QString part0 = QString::fromUtf8(R"({"type":"Transition","startVersion":{"querySet":1,"identity":0,"ts":"LAEAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,)");
    const QString part1 = QString::fromUtf8(R"("ts":"LQEAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":["chunked"],"logLines":[],"journal":null}]})");
    QCOMPARE(h.server(chunkFrame(part0, 0, 2, u"248"_qs)).syncedPastLastReconnect, false);
    QCOMPARE(h.changes.size(), 2);
    h.server(chunkFrame(part1, 1, 2, u"248"_qs));
    // expect: applied as one Transition (ts 300→301); messages:list = ["chunked"]
    QCOMPARE(h.changes.size(), 3);
    QCOMPARE(engine.queryResult(list->token)->value(), Value(ValueArray{Value(u"chunked")}));
    QCOMPARE(engine.maxObservedTimestamp(), std::optional<quint64>(301));
    QCOMPARE(h.reconnects.size(), 1);
    QVERIFY(h.fatalErrors.isEmpty());
}

QTEST_GUILESS_MAIN(TestSyncEngineSession)
#include "tst_syncengine_session.moc"
