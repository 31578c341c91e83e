// SPDX-License-Identifier: MIT
// convex::Client against the in-process fake server: what goes on the wire, in which order,
// and when futures and subscriptions see results.
#include "clienttestsupport.h"

#include <convexclient/client.h>

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

using namespace qonvex::test;
using convex::Client;
using convex::FunctionResult;
using convex::QuerySubscription;
using convex::Value;
using convex::ValueObject;

namespace {
constexpr int kTimeout = 10000;

Client::Options testOptions()
{
    Client::Options options;
    options.reconnectJitter = [] { return 0.5; };
    options.reconnectOnNetworkChange = false;  // no reconnects the test did not ask for
    return options;
}
} // namespace

class TestClientSync : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Exercise every debug log statement too (they must never crash or leak).
        QLoggingCategory::setFilterRules(u"qonvex.*=true"_qs);
    }

    void handshakeAndFirstResult()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QVERIFY(client.isValid());
        std::unique_ptr<QuerySubscription> tasks(
            client.subscribe(u"tasks:list"_qs, ValueObject{{u"done"_qs, false}}));
        QSignalSpy changed(tasks.get(), &QuerySubscription::resultChanged);
        QVERIFY(tasks->isLoading());
        QVERIFY(tasks->isActive());
        QCOMPARE(tasks->name(), u"tasks:list"_qs);

        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 2, kTimeout);
        QCOMPARE(server.messageTypes(), (QStringList{u"Connect"_qs, u"ModifyQuerySet"_qs}));
        const auto connect = sentOfType<wire::Connect>(server).at(0);
        QCOMPARE(connect.connectionCount, 0u);
        QCOMPARE(connect.lastCloseReason, std::optional<QString>(u"InitialConnect"_qs));
        QVERIFY(!connect.sessionId.isEmpty());
        const auto mqs = sentOfType<wire::ModifyQuerySet>(server).at(0);
        QCOMPARE(mqs.baseVersion, 0u);
        QCOMPARE(mqs.newVersion, 1u);
        QCOMPARE(mqs.modifications.size(), 1);
        const auto add = std::get<wire::QueryAdd>(mqs.modifications.at(0));
        QCOMPARE(add.queryId, 0u);
        QCOMPARE(add.udfPath, u"tasks:list"_qs);
        QCOMPARE(add.args, Value(ValueObject{{u"done"_qs, false}}));

        ServerVersion version;
        server.send(version.next(1, 0, 100, {queryUpdated(0, Value(convex::ValueArray{u"milk"_qs}))}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeout);
        QVERIFY(!tasks->isLoading());
        QVERIFY(!tasks->hasError());
        QCOMPARE(tasks->value(), Value(convex::ValueArray{u"milk"_qs}));
        QCOMPARE(tasks->variantValue().toList().value(0).toString(), u"milk"_qs);
        QVERIFY(client.connectionState().connected);
        QVERIFY(client.connectionState().isWebSocketConnected);
        QCOMPARE(client.connectionState().connectionCount, 1);
    }

    void queryErrorsAndServerLogs()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QSignalSpy logs(&client, &Client::serverLogLine);
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:count"_qs));
        QSignalSpy changed(q.get(), &QuerySubscription::resultChanged);
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 2, kTimeout);

        wire::QueryFailed failed;
        failed.queryId = 0;
        failed.errorMessage = u"Uncaught Error: boom"_qs;
        failed.errorData = Value(ValueObject{{u"code"_qs, u"E1"_qs}});
        failed.logLines = {u"[ERROR] 'bad'"_qs};
        failed.journal.present = true;
        ServerVersion version;
        server.send(version.next(1, 0, 100, {failed}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeout);
        QVERIFY(q->hasError());
        QCOMPARE(q->errorMessage(), u"Uncaught Error: boom"_qs);
        QVERIFY(q->result()->isConvexError());
        QCOMPARE(q->result()->errorData()[u"code"_qs], Value(u"E1"_qs));
        QCOMPARE(q->value(), Value());
        QTRY_COMPARE_WITH_TIMEOUT(logs.size(), 1, kTimeout);
        QCOMPARE(logs.at(0).at(0).toString(), u"tasks:count"_qs);
        QCOMPARE(logs.at(0).at(1).toString(), u"[ERROR] 'bad'"_qs);
    }

    void mutationResolvesOnlyAfterCoveringTransition()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        QSignalSpy changed(q.get(), &QuerySubscription::resultChanged);
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 2, kTimeout);
        ServerVersion version;
        server.send(version.next(1, 0, 100, {queryUpdated(0, Value(convex::ValueArray{}))}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeout);

        QFuture<FunctionResult> future =
            client.mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, u"yo"_qs}});
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 3, kTimeout);
        const auto sent = sentOfType<wire::Mutation>(server).at(0);
        QCOMPARE(sent.requestId, 0u);
        QCOMPARE(sent.udfPath, u"tasks:add"_qs);
        QCOMPARE(client.connectionState().inflightMutations, 1);

        // Response at ts 200, then a Transition to only 150 that changes the query: once
        // the query shows it, both frames were processed, and the future must still wait.
        server.send(mutationSuccess(0, Value::int64(42), 200));
        server.send(version.next(1, 0, 150, {queryUpdated(0, Value(convex::ValueArray{u"yo"_qs}))}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kTimeout);
        QVERIFY(!future.isFinished());

        server.send(version.next(1, 0, 200));
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), kTimeout);
        QVERIFY(future.result().isSuccess());
        QCOMPARE(future.result().value(), Value::int64(42));
        QTRY_COMPARE_WITH_TIMEOUT(client.connectionState().inflightMutations, 0, kTimeout);
    }

    void failedMutationResolvesAtOnce()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QFuture<FunctionResult> future = client.mutation(u"tasks:add"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(sentOfType<wire::Mutation>(server).size(), 1, kTimeout);
        wire::MutationResponse failure;
        failure.requestId = 0;
        failure.success = false;
        failure.errorMessage = u"Uncaught ConvexError: bad"_qs;
        failure.errorData = Value(ValueObject{{u"reason"_qs, u"empty"_qs}});
        server.send(failure);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), kTimeout);
        QVERIFY(future.result().isFunctionError());
        QVERIFY(future.result().isConvexError());
        QCOMPARE(future.result().errorData()[u"reason"_qs], Value(u"empty"_qs));
    }

    void actionResolvesOnResponse()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QFuture<FunctionResult> future = client.action(u"ai:run"_qs, ValueObject{{u"n"_qs, Value::int64(3)}});
        QTRY_COMPARE_WITH_TIMEOUT(sentOfType<wire::Action>(server).size(), 1, kTimeout);
        QCOMPARE(sentOfType<wire::Action>(server).at(0).args,
                 Value(ValueObject{{u"n"_qs, Value::int64(3)}}));
        wire::ActionResponse response;
        response.requestId = 0;
        response.success = true;
        response.result = Value(u"done"_qs);
        server.send(response);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), kTimeout);
        QCOMPARE(future.result().value(), Value(u"done"_qs));
    }

    void resyncOrderAfterServerDropsSocket()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        const QString token = makeTestJwt(1700000000, 1700003600, u"user-1"_qs);
        client.setAuth([token](bool, std::function<void(std::optional<QString>)> done) {
            done(token);
        });
        std::unique_ptr<QuerySubscription> a(client.subscribe(u"tasks:list"_qs));
        std::unique_ptr<QuerySubscription> b(
            client.subscribe(u"users:me"_qs, ValueObject{{u"x"_qs, 1.5}}));
        QFuture<FunctionResult> m0 = client.mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, u"a"_qs}});
        QFuture<FunctionResult> m1 = client.mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, u"b"_qs}});
        QTRY_COMPARE_WITH_TIMEOUT(sentOfType<wire::Mutation>(server).size(), 2, kTimeout);
        const QString sessionId = sentOfType<wire::Connect>(server).at(0).sessionId;
        QCOMPARE(server.connectionCount(), 1);

        server.dropLast();
        QTRY_VERIFY_WITH_TIMEOUT(client.connectionState().nextRetryAt.isValid(), kTimeout);
        QCOMPARE(client.connectionState().connectionRetries, 1);
        QVERIFY(!client.connectionState().connected);
        client.reconnectNow();  // skip the 1 s backoff instead of sleeping through it

        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(server.connection(1).frames.size(), 6, kTimeout);
        // reconnectNow() skipped a pending wait, so a NetworkRecoveryReconnect event follows
        // the resync sequence, as in JS.
        QCOMPARE(server.messageTypes(1), (QStringList{u"Connect"_qs, u"Authenticate"_qs, u"ModifyQuerySet"_qs,
                                                    u"Mutation"_qs, u"Mutation"_qs, u"Event"_qs}));
        const auto messages = server.messages(1);
        const auto &connect = std::get<wire::Connect>(messages.at(0));
        QCOMPARE(connect.sessionId, sessionId);
        QCOMPARE(connect.connectionCount, 1u);
        QCOMPARE(connect.lastCloseReason, std::optional<QString>(u"closed with code 1006"_qs));
        const auto &auth = std::get<wire::Authenticate>(messages.at(1));
        QCOMPARE(auth.baseVersion, 0u);
        QCOMPARE(auth.tokenType, wire::Authenticate::TokenType::User);
        QCOMPARE(auth.value, token);
        const auto &mqs = std::get<wire::ModifyQuerySet>(messages.at(2));
        QCOMPARE(mqs.baseVersion, 0u);
        QCOMPARE(mqs.newVersion, 1u);
        QCOMPARE(mqs.modifications.size(), 2);
        QCOMPARE(std::get<wire::QueryAdd>(mqs.modifications.at(0)).queryId, 0u);
        QCOMPARE(std::get<wire::QueryAdd>(mqs.modifications.at(0)).udfPath, u"tasks:list"_qs);
        QCOMPARE(std::get<wire::QueryAdd>(mqs.modifications.at(1)).queryId, 1u);
        QCOMPARE(std::get<wire::QueryAdd>(mqs.modifications.at(1)).udfPath, u"users:me"_qs);
        QCOMPARE(std::get<wire::Mutation>(messages.at(3)).requestId, 0u);
        QCOMPARE(std::get<wire::Mutation>(messages.at(3)).args, Value(ValueObject{{u"text"_qs, u"a"_qs}}));
        QCOMPARE(std::get<wire::Mutation>(messages.at(4)).requestId, 1u);
        QCOMPARE(std::get<wire::Event>(messages.at(5)).eventType, u"NetworkRecoveryReconnect"_qs);
        QVERIFY(std::get<wire::Event>(messages.at(5)).eventJson.startsWith("{\"timeSavedMs\":"));
        QVERIFY(!m0.isFinished());
        QVERIFY(!m1.isFinished());
    }

    void inFlightActionFailsOnReconnect()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QFuture<FunctionResult> action = client.action(u"ai:run"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(sentOfType<wire::Action>(server).size(), 1, kTimeout);
        server.closeLast(1011, u"InternalServerError"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(client.connectionState().nextRetryAt.isValid(), kTimeout);
        client.reconnectNow();
        QTRY_VERIFY_WITH_TIMEOUT(action.isFinished(), kTimeout);
        QVERIFY(action.result().isClientError());
        QCOMPARE(action.result().errorMessage(), u"Connection lost while action was in flight"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(server.messageTypes(1).size() >= 2, kTimeout);
        QVERIFY(!server.messageTypes(1).contains(u"Action"_qs));
        QCOMPARE(sentOfType<wire::Connect>(server, 1).at(0).lastCloseReason,
                 std::optional<QString>(u"InternalServerError"_qs));
    }

    void deletingSubscriptionSendsRemove()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        auto *first = client.subscribe(u"tasks:list"_qs);
        auto *second = client.subscribe(u"tasks.js:list"_qs);  // same query, canonical path
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 2, kTimeout);
        ServerVersion version;
        server.send(version.next(1, 0, 10, {queryUpdated(0, Value(u"v"_qs))}));
        QSignalSpy secondChanged(second, &QuerySubscription::resultChanged);
        QTRY_COMPARE_WITH_TIMEOUT(secondChanged.size(), 1, kTimeout);
        QCOMPARE(first->value(), Value(u"v"_qs));

        // One of two subscribers goes: nothing is sent. Proven by the next frame being the
        // Add of another query rather than a Remove.
        delete first;
        std::unique_ptr<QuerySubscription> other(client.subscribe(u"users:me"_qs));
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 3, kTimeout);
        auto mqs = sentOfType<wire::ModifyQuerySet>(server);
        QVERIFY(std::holds_alternative<wire::QueryAdd>(mqs.at(1).modifications.at(0)));
        QCOMPARE(mqs.at(1).baseVersion, 1u);

        delete second;  // the last one: Remove queryId 0
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 4, kTimeout);
        mqs = sentOfType<wire::ModifyQuerySet>(server);
        QCOMPARE(mqs.size(), 3);
        QCOMPARE(mqs.at(2).baseVersion, 2u);
        QCOMPARE(mqs.at(2).newVersion, 3u);
        QCOMPARE(mqs.at(2).modifications.size(), 1);
        QCOMPARE(std::get<wire::QueryRemove>(mqs.at(2).modifications.at(0)).queryId, 0u);
    }

    void subscriptionParentedAndSharedResultKnownAtOnce()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QObject owner;
        auto *first = client.subscribe(u"tasks:list"_qs, ValueObject{}, &owner);
        QCOMPARE(first->parent(), &owner);
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 2, kTimeout);
        ServerVersion version;
        server.send(version.next(1, 0, 10, {queryUpdated(0, Value::int64(7))}));
        QTRY_VERIFY_WITH_TIMEOUT(!first->isLoading(), kTimeout);
        std::unique_ptr<QuerySubscription> late(client.subscribe(u"tasks:list"_qs));
        QVERIFY(!late->isLoading());
        QCOMPARE(late->value(), Value::int64(7));
    }

    void invalidCallsFailWithClientError()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        std::unique_ptr<QuerySubscription> badName(client.subscribe(u"api.tasks.list"_qs));
        QVERIFY(!badName->isActive());
        QVERIFY(badName->result().has_value());
        QVERIFY(badName->result()->isClientError());
        QVERIFY(!badName->errorMessage().isEmpty());
        std::unique_ptr<QuerySubscription> badArgs(client.subscribe(u"tasks:list"_qs, Value(1.0)));
        QVERIFY(badArgs->result() && badArgs->result()->isClientError());

        QFuture<FunctionResult> bad = client.mutation(u"not a path!"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(bad.isFinished(), kTimeout);
        QVERIFY(bad.result().isClientError());
        // The socket is unaffected: a valid call still goes out.
        client.mutation(u"tasks:add"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(sentOfType<wire::Mutation>(server).size(), 1, kTimeout);
        QCOMPARE(sentOfType<wire::Mutation>(server).at(0).udfPath, u"tasks:add"_qs);
    }

    void closeFinishesPendingFutures()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QSignalSpy stateChanged(&client, &Client::connectionStateChanged);
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        QFuture<FunctionResult> mutation = client.mutation(u"tasks:add"_qs);
        QFuture<FunctionResult> action = client.action(u"ai:run"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 4, kTimeout);
        client.close();
        QVERIFY(mutation.isFinished());
        QVERIFY(action.isFinished());
        QVERIFY(mutation.result().isClientError());
        QCOMPARE(mutation.result().errorMessage(), u"Client closed"_qs);
        QVERIFY(action.result().isClientError());
        QVERIFY(!q->isActive());
        QVERIFY(client.connectionState().terminated);
        QVERIFY(client.connectionState().terminationError.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!stateChanged.isEmpty()
                                     && stateChanged.last().at(0).value<convex::ConnectionState>().terminated,
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(server.connection(0).closed, kTimeout);

        QFuture<FunctionResult> after = client.mutation(u"tasks:add"_qs);
        QVERIFY(after.isFinished());
        QVERIFY(after.result().isClientError());
        std::unique_ptr<QuerySubscription> afterSub(client.subscribe(u"tasks:list"_qs));
        QVERIFY(afterSub->result() && afterSub->result()->isClientError());
        client.close();  // idempotent
    }

    void destroyingClientFinishesFuturesAndOrphansSubscriptions()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        auto client = std::make_unique<Client>(server.deploymentUrl(), testOptions());
        std::unique_ptr<QuerySubscription> q(client->subscribe(u"tasks:list"_qs));
        QTRY_COMPARE_WITH_TIMEOUT(server.connection().frames.size(), 2, kTimeout);
        ServerVersion version;
        server.send(version.next(1, 0, 10, {queryUpdated(0, Value(u"kept"_qs))}));
        QTRY_VERIFY_WITH_TIMEOUT(!q->isLoading(), kTimeout);
        QFuture<FunctionResult> pending = client->mutation(u"tasks:add"_qs);
        client.reset();
        QVERIFY(pending.isFinished());
        QVERIFY(pending.result().isClientError());
        QVERIFY(!q->isActive());
        QCOMPARE(q->value(), Value(u"kept"_qs));
        q.reset();  // must not touch the dead client
    }

    void insecureRemoteUrlIsRejected()
    {
        Client client(QUrl(u"http://example.com"_qs));
        QVERIFY(!client.isValid());
        QVERIFY2(client.configurationError().contains(u"unencrypted"), qPrintable(client.configurationError()));
        QVERIFY(client.connectionState().terminated);
        QCOMPARE(client.connectionState().terminationError, client.configurationError());
        QFuture<FunctionResult> m = client.mutation(u"tasks:add"_qs);
        QVERIFY(m.isFinished());
        QCOMPARE(m.result().errorMessage(), client.configurationError());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        QVERIFY(q->result() && q->result()->isClientError());
        client.setAuth([](bool, auto done) { done(u"x"_qs); });  // ignored, no crash
        client.reconnectNow();
        QVERIFY(!client.isAuthenticated());

        Client site(QUrl(u"https://happy-animal-123.convex.site"_qs));
        QVERIFY(!site.isValid());
        QVERIFY(site.configurationError().contains(u".convex.site"));
    }
};

QTEST_GUILESS_MAIN(TestClientSync)
#include "tst_client_sync.moc"
