// SPDX-License-Identifier: MIT
// convex::Client connection handling: bad frames, protocol violations, fatal errors,
// inactivity, backoff reset only after a healthy resync, connection state.
#include "clienttestsupport.h"

#include <convexclient/client.h>

#include <QSignalSpy>
#include <QTest>

using namespace qonvex::test;
using namespace std::chrono_literals;
using convex::Client;
using convex::ConnectionState;
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

//! Waits until connection \a index exists and has sent at least \a frames frames.
bool waitForFrames(FakeSyncServer &server, int index, int frames)
{
    return QTest::qWaitFor(
        [&] { return server.connectionCount() > index && server.connection(index).frames.size() >= frames; },
        kTimeout);
}
} // namespace

class TestClientConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void malformedFramesReconnectWithFullResync_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("closeReason");
        QTest::newRow("not json") << QByteArray("this is not json") << u"InvalidServerMessage"_qs;
        QTest::newRow("unknown type") << QByteArray(R"({"type":"Bogus"})") << u"InvalidServerMessage"_qs;
        QTest::newRow("missing fields") << QByteArray(R"({"type":"Transition"})") << u"InvalidServerMessage"_qs;
        QTest::newRow("truncated") << QByteArray(R"({"type":"Transition","startVersion":{)")
                                   << u"InvalidServerMessage"_qs;
        QTest::newRow("wrong start version")
            << QByteArray(R"({"type":"Transition","startVersion":{"querySet":9,"identity":0,"ts":"AAAAAAAAAAA="},)"
                          R"("endVersion":{"querySet":9,"identity":0,"ts":"AQAAAAAAAAA="},"modifications":[]})")
            << u"InvalidStartVersion"_qs;
    }
    void malformedFramesReconnectWithFullResync()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, closeReason);
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        QVERIFY(waitForFrames(server, 0, 2));

        server.sendFrame(frame);
        // Client-side reason: 100 ms initial backoff, then a new socket on its own.
        QVERIFY(waitForFrames(server, 1, 2));
        QTRY_VERIFY_WITH_TIMEOUT(server.connection(0).closed, kTimeout);
        const auto messages = server.messages(1);
        const auto &connect = std::get<wire::Connect>(messages.at(0));
        QCOMPARE(connect.lastCloseReason, std::optional<QString>(closeReason));
        const auto &mqs = std::get<wire::ModifyQuerySet>(messages.at(1));
        QCOMPARE(mqs.baseVersion, 0u);
        QCOMPARE(mqs.newVersion, 1u);
        QCOMPARE(std::get<wire::QueryAdd>(mqs.modifications.at(0)).queryId, 0u);
        QVERIFY(!client.connectionState().terminated);
        QVERIFY(q->isActive());
    }

    void binaryFrameReconnects()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QVERIFY(waitForFrames(server, 0, 2));
        server.sendBinaryFrame(QByteArray("\0\1\2", 3));
        QVERIFY(waitForFrames(server, 1, 2));
        QCOMPARE(sentOfType<wire::Connect>(server, 1).at(0).lastCloseReason,
                 std::optional<QString>(u"UnexpectedBinaryFrame"_qs));
    }

    void fatalErrorTerminatesForGood()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QSignalSpy terminated(&client, &Client::terminated);
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        QFuture<FunctionResult> pending = client.mutation(u"tasks:add"_qs);
        QVERIFY(waitForFrames(server, 0, 3));
        QVERIFY(q->isActive());
        server.send(wire::FatalError{u"Base version 5 passed up doesn't match the current version 3"_qs});
        QTRY_COMPARE_WITH_TIMEOUT(terminated.size(), 1, kTimeout);
        QCOMPARE(terminated.at(0).at(0).toString(),
                 u"Base version 5 passed up doesn't match the current version 3"_qs);
        QVERIFY(pending.isFinished());
        QVERIFY(pending.result().isClientError());
        QVERIFY(pending.result().errorMessage().contains(u"Base version 5"));
        QVERIFY(!q->isActive());
        const ConnectionState state = client.connectionState();
        QVERIFY(state.terminated);
        QCOMPARE(state.terminationError, terminated.at(0).at(0).toString());
        QVERIFY(!state.isWebSocketConnected);
        QVERIFY(!state.nextRetryAt.isValid());  // no reconnect scheduled, ever
        QTRY_VERIFY_WITH_TIMEOUT(server.connection(0).closed, kTimeout);
        client.reconnectNow();  // ignored
        QCOMPARE(server.connectionCount(), 1);
        QFuture<FunctionResult> after = client.mutation(u"tasks:add"_qs);
        QVERIFY(after.isFinished());
        QVERIFY(after.result().isClientError());
    }

    void inactivityReconnects()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client::Options options = testOptions();
        options.serverInactivityThreshold = 300ms;
        Client client(server.deploymentUrl(), options);
        // The server answers nothing at all.
        QVERIFY(waitForFrames(server, 1, 2));
        QCOMPARE(sentOfType<wire::Connect>(server, 1).at(0).lastCloseReason,
                 std::optional<QString>(u"InactiveServer"_qs));
        QCOMPARE(sentOfType<wire::Connect>(server, 1).at(0).connectionCount, 1u);
    }

    void backoffResetsOnlyAfterSyncedPastReconnect()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        QVERIFY(waitForFrames(server, 0, 2));

        // Three failures in a row: retries count up, each nextRetryAt further out.
        for (int i = 1; i <= 3; ++i) {
            server.closeLast(1011, u"InternalServerError"_qs);
            QTRY_COMPARE_WITH_TIMEOUT(client.connectionState().connectionRetries, i, kTimeout);
            const ConnectionState state = client.connectionState();
            QVERIFY(state.nextRetryAt.isValid());
            QVERIFY(state.nextRetryInMs() > 0);
            QCOMPARE(state.lastCloseReason, u"InternalServerError"_qs);
            QVERIFY(!state.connected);
            client.reconnectNow();
            QVERIFY(waitForFrames(server, i, 2));
        }
        QTRY_VERIFY_WITH_TIMEOUT(client.connectionState().connected, kTimeout);
        // A Ping, or a Transition that does not answer the re-added query, is not enough.
        ServerVersion version;
        server.send(wire::Ping{});
        server.send(version.next(0, 0, 5));
        QSignalSpy changed(q.get(), &QuerySubscription::resultChanged);
        // Marker: a later result proves the frames above were processed.
        server.send(version.next(1, 0, 6, {queryUpdated(0, Value(u"fresh"_qs))}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.connectionState().connectionRetries, 0, kTimeout);
        QCOMPARE(client.connectionState().connectionCount, 4);
        QVERIFY(client.connectionState().hasEverConnected);
        QVERIFY(client.connectionState().lastCloseReason.isEmpty());
    }

    void retriesNotResetWithoutAnswer()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        std::unique_ptr<QuerySubscription> other(client.subscribe(u"users:me"_qs));
        QVERIFY(waitForFrames(server, 0, 2));  // Connect, then one ModifyQuerySet with both
        server.closeLast(1011, u"InternalServerError"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(client.connectionState().connectionRetries, 1, kTimeout);
        client.reconnectNow();
        QVERIFY(waitForFrames(server, 1, 2));
        // Only one of the two re-added queries answered: still not healthy.
        ServerVersion version;
        QSignalSpy changed(q.get(), &QuerySubscription::resultChanged);
        server.send(version.next(1, 0, 6, {queryUpdated(0, Value(u"a"_qs))}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeout);
        QCOMPARE(client.connectionState().connectionRetries, 1);
        QSignalSpy otherChanged(other.get(), &QuerySubscription::resultChanged);
        server.send(version.next(1, 0, 7, {queryUpdated(1, Value(u"b"_qs))}));
        QTRY_COMPARE_WITH_TIMEOUT(otherChanged.size(), 1, kTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.connectionState().connectionRetries, 0, kTimeout);
    }

    void chunkedTransitionAndResultsKeptAcrossReconnect()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        QSignalSpy changed(q.get(), &QuerySubscription::resultChanged);
        QVERIFY(waitForFrames(server, 0, 2));

        // One Transition split over three TransitionChunk frames (protocol reference §5.8).
        ServerVersion version;
        const QByteArray whole = wire::encode(wire::ServerMessage{
            version.next(1, 0, 300, {queryUpdated(0, Value(convex::ValueArray{u"chunked"_qs}))})});
        const qsizetype third = whole.size() / 3;
        const QList<QByteArray> pieces{whole.left(third), whole.mid(third, third), whole.mid(2 * third)};
        for (int i = 0; i < pieces.size(); ++i) {
            wire::TransitionChunk chunk;
            chunk.chunk = QString::fromUtf8(pieces.at(i));
            chunk.partNumber = quint32(i);
            chunk.totalParts = quint32(pieces.size());
            chunk.transitionId = u"t1"_qs;
            server.send(chunk);
        }
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeout);
        QCOMPARE(q->value(), Value(convex::ValueArray{u"chunked"_qs}));

        // After a reconnect the last result stays visible until a fresh one arrives.
        server.dropLast();
        QTRY_VERIFY_WITH_TIMEOUT(client.connectionState().nextRetryAt.isValid(), kTimeout);
        QCOMPARE(q->value(), Value(convex::ValueArray{u"chunked"_qs}));
        client.reconnectNow();
        QVERIFY(waitForFrames(server, 1, 2));
        QCOMPARE(sentOfType<wire::Connect>(server, 1).at(0).maxObservedTimestamp,
                 std::optional<quint64>(300));
        ServerVersion fresh;
        server.send(fresh.next(1, 0, 301, {queryUpdated(0, Value(convex::ValueArray{}))}));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kTimeout);
        QCOMPARE(q->value(), Value(convex::ValueArray{}));
    }

    void connectionStateSignalsAndCounts()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QSignalSpy stateChanged(&client, &Client::connectionStateChanged);
        QVERIFY(!client.connectionState().hasEverConnected);
        QCOMPARE(client.connectionState().lastCloseReason, u"InitialConnect"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(!stateChanged.isEmpty()
                                     && stateChanged.last().at(0).value<ConnectionState>().connected,
                                 kTimeout);
        QFuture<FunctionResult> m = client.mutation(u"tasks:add"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(stateChanged.last().at(0).value<ConnectionState>().inflightMutations == 1,
                                 kTimeout);
        const ConnectionState busy = client.connectionState();
        QVERIFY(busy.timeOfOldestInflightRequest.isValid());
        QVERIFY(qAbs(busy.timeOfOldestInflightRequest.msecsTo(QDateTime::currentDateTimeUtc())) < 600000);
        QVERIFY(waitForFrames(server, 0, 3));
        QVERIFY(client.connectionState().hasInflightRequests);
        server.send(mutationSuccess(0, Value(), 10));
        ServerVersion version;
        server.send(version.next(0, 0, 10));
        QTRY_VERIFY_WITH_TIMEOUT(m.isFinished(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(stateChanged.last().at(0).value<ConnectionState>().inflightMutations == 0,
                                 kTimeout);
        QVERIFY(!client.connectionState().hasInflightRequests);
        QVERIFY(!client.connectionState().timeOfOldestInflightRequest.isValid());
        // Consecutive signals always differ (coalesced and deduplicated).
        for (int i = 1; i < stateChanged.size(); ++i) {
            QVERIFY(stateChanged.at(i).at(0).value<ConnectionState>()
                    != stateChanged.at(i - 1).at(0).value<ConnectionState>());
        }
    }
};

QTEST_GUILESS_MAIN(TestClientConnection)
#include "tst_client_connection.moc"
