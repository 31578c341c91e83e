// SPDX-License-Identifier: MIT
// convex::Client authentication against the in-process fake server: confirmation only by
// an identity-advancing Transition, refresh fetch, AuthError retries with force-refreshed
// tokens, giving up, clearAuth — and tokens never appearing in any log output.
#include "clienttestsupport.h"

#include <convexclient/client.h>

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace qonvex::test;
using convex::Client;
using convex::QuerySubscription;
using convex::Value;

namespace {
constexpr int kTimeout = 10000;
constexpr qint64 kIat = 1700000000;

Client::Options testOptions()
{
    Client::Options options;
    options.reconnectJitter = [] { return 0.5; };
    options.reconnectOnNetworkChange = false;  // no reconnects the test did not ask for
    return options;
}

//! A token fetcher that hands out token #1, #2, … and records each forceRefresh flag.
struct TokenSource {
    QList<bool> calls;
    QStringList issued;
    bool signedOut = false;

    Client::TokenFetcher fetcher()
    {
        return [this](bool forceRefresh, std::function<void(std::optional<QString>)> done) {
            calls.append(forceRefresh);
            if (signedOut) {
                done(std::nullopt);
                return;
            }
            issued.append(makeTestJwt(kIat + issued.size(), kIat + issued.size() + 3600,
                                      u"user-token-%1"_qs.arg(issued.size() + 1)));
            done(issued.last());
        };
    }
};

bool waitForType(FakeSyncServer &server, int index, const QString &type, int count = 1)
{
    return QTest::qWaitFor(
        [&] {
            return server.connectionCount() > index
                && server.messageTypes(index).count(type) >= count;
        },
        kTimeout);
}
} // namespace

class TestClientAuth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"qonvex.*=true"_qs);
    }

    void confirmedByIdentityTransitionThenRefreshed()
    {
        LogCapture logs;
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QSignalSpy authChanged(&client, &Client::authenticationChanged);
        TokenSource tokens;
        client.setAuth(tokens.fetcher());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"users:me"_qs));
        QCOMPARE(tokens.calls, QList<bool>{false});  // the cached token first

        QVERIFY(waitForType(server, 0, u"ModifyQuerySet"_qs));
        QCOMPARE(server.messageTypes(0).mid(0, 3),
                 (QStringList{u"Connect"_qs, u"Authenticate"_qs, u"ModifyQuerySet"_qs}));
        const auto auth = sentOfType<wire::Authenticate>(server, 0).at(0);
        QCOMPARE(auth.baseVersion, 0u);
        QCOMPARE(auth.value, tokens.issued.at(0));
        // Sending a token is not being authenticated.
        QVERIFY(!client.isAuthenticated());
        QCOMPARE(authChanged.size(), 0);

        ServerVersion version;
        server.send(version.next(1, 1, 10, {queryUpdated(0, Value(u"me"_qs))}));
        QTRY_COMPARE_WITH_TIMEOUT(authChanged.size(), 1, kTimeout);
        QCOMPARE(authChanged.at(0).at(0).toBool(), true);
        QVERIFY(client.isAuthenticated());
        QVERIFY(client.property("authenticated").toBool());
        // JS: after the cached token is confirmed, fetch a fresh one (forceRefresh) at once.
        QTRY_COMPARE_WITH_TIMEOUT(tokens.calls, (QList<bool>{false, true}), kTimeout);
        QVERIFY(waitForType(server, 0, u"Authenticate"_qs, 2));
        const auto second = sentOfType<wire::Authenticate>(server, 0).at(1);
        QCOMPARE(second.baseVersion, 1u);
        QCOMPARE(second.value, tokens.issued.at(1));
        server.send(version.next(1, 2, 11));
        QSignalSpy marker(q.get(), &QuerySubscription::resultChanged);
        server.send(version.next(1, 2, 12, {queryUpdated(0, Value(u"me again"_qs))}));
        QTRY_COMPARE_WITH_TIMEOUT(marker.size(), 1, kTimeout);
        QVERIFY(client.isAuthenticated());
        QCOMPARE(authChanged.size(), 1);  // no duplicate notifications

        QVERIFY(logs.contains(u"qonvex.convex"_qs));  // the capture really saw our logs
        for (const QString &token : std::as_const(tokens.issued)) {
            QVERIFY2(!logs.contains(token), "a token appeared in the log output");
            QVERIFY(!logs.contains(token.section(u'.', 1, 1)));  // not even its payload
        }
        QVERIFY(!client.connectionState().lastCloseReason.contains(tokens.issued.at(0)));
    }

    void rejectedTokensAreReplacedThenGivenUp()
    {
        LogCapture logs;
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QSignalSpy authChanged(&client, &Client::authenticationChanged);
        QSignalSpy refreshing(&client, &Client::authRefreshingChanged);
        TokenSource tokens;
        client.setAuth(tokens.fetcher());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"users:me"_qs));
        QVERIFY(waitForType(server, 0, u"ModifyQuerySet"_qs));
        ServerVersion version;
        server.send(version.next(1, 1, 10));
        QTRY_COMPARE_WITH_TIMEOUT(authChanged.size(), 1, kTimeout);
        QVERIFY(waitForType(server, 0, u"Authenticate"_qs, 2));
        server.send(version.next(1, 2, 20));
        QTRY_COMPARE_WITH_TIMEOUT(tokens.calls.size(), 2, kTimeout);

        // The server expires the identity mid-session, then closes like the backend.
        server.send(wire::AuthError{u"Convex token identity expired"_qs, 2, false});
        server.closeLast(1000);
        // Stop, force-refresh, restart immediately (no backoff): token #3 on a new socket.
        QVERIFY(waitForType(server, 1, u"ModifyQuerySet"_qs));
        QCOMPARE(tokens.calls.size(), 3);
        QCOMPARE(tokens.calls.at(2), true);
        QVERIFY(refreshing.size() >= 1);
        QCOMPARE(refreshing.at(0).at(0).toBool(), true);
        QCOMPARE(server.messageTypes(1).mid(0, 3),
                 (QStringList{u"Connect"_qs, u"Authenticate"_qs, u"ModifyQuerySet"_qs}));
        QCOMPARE(sentOfType<wire::Connect>(server, 1).at(0).lastCloseReason, std::nullopt);
        QCOMPARE(sentOfType<wire::Authenticate>(server, 1).at(0).baseVersion, 0u);
        QCOMPARE(sentOfType<wire::Authenticate>(server, 1).at(0).value, tokens.issued.at(2));
        QCOMPARE(sentOfType<wire::ModifyQuerySet>(server, 1).at(0).baseVersion, 0u);

        // Rejected three times in a row (token #3, #4, #5): give up and go on signed out.
        for (int attempt = 0; attempt < 3; ++attempt) {
            const int socket = 1 + attempt;
            QVERIFY(waitForType(server, socket, u"Authenticate"_qs));
            QCOMPARE(sentOfType<wire::Authenticate>(server, socket).at(0).value,
                     tokens.issued.at(2 + attempt));
            server.send(wire::AuthError{u"Could not verify token"_qs, 0, true});
            server.closeLast(1000);
            QVERIFY(waitForType(server, socket + 1, u"ModifyQuerySet"_qs));
        }
        QCOMPARE(tokens.calls, (QList<bool>{false, true, true, true, true}));
        QTRY_COMPARE_WITH_TIMEOUT(authChanged.size(), 2, kTimeout);
        QCOMPARE(authChanged.at(1).at(0).toBool(), false);
        QVERIFY(!client.isAuthenticated());
        QTRY_VERIFY_WITH_TIMEOUT(!client.isAuthRefreshing(), kTimeout);
        QCOMPARE(refreshing.last().at(0).toBool(), false);
        // The socket after giving up carries no identity, and queries keep working.
        QCOMPARE(server.messageTypes(4).mid(0, 2), (QStringList{u"Connect"_qs, u"ModifyQuerySet"_qs}));
        QVERIFY(q->isActive());
        QVERIFY(!client.connectionState().terminated);

        QVERIFY(logs.contains(u"qonvex.convex"_qs));
        for (const QString &token : std::as_const(tokens.issued))
            QVERIFY2(!logs.contains(token), "a token appeared in the log output");
    }

    void noTokenMeansSignedOut()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        TokenSource tokens;
        tokens.signedOut = true;
        client.setAuth(tokens.fetcher());
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        QVERIFY(waitForType(server, 0, u"ModifyQuerySet"_qs));
        QVERIFY(!server.messageTypes(0).contains(u"Authenticate"_qs));
        QVERIFY(!client.isAuthenticated());
        // JS: cached fetch, then one forced refetch before concluding "no token".
        QCOMPARE(tokens.calls, (QList<bool>{false, true}));
    }

    void asynchronousFetcherAndClearAuth()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        Client client(server.deploymentUrl(), testOptions());
        QSignalSpy authChanged(&client, &Client::authenticationChanged);
        const QString token = makeTestJwt(kIat, kIat + 3600, u"async-user"_qs);
        int fetches = 0;
        client.setAuth([&](bool, std::function<void(std::optional<QString>)> done) {
            ++fetches;
            QTimer::singleShot(20, &client, [done, token] { done(token); });
        });
        std::unique_ptr<QuerySubscription> q(client.subscribe(u"tasks:list"_qs));
        // Queries wait for the token: Authenticate still precedes the query set.
        QVERIFY(waitForType(server, 0, u"ModifyQuerySet"_qs));
        QCOMPARE(server.messageTypes(0).mid(0, 3),
                 (QStringList{u"Connect"_qs, u"Authenticate"_qs, u"ModifyQuerySet"_qs}));
        ServerVersion version;
        server.send(version.next(1, 1, 10));
        QTRY_COMPARE_WITH_TIMEOUT(authChanged.size(), 1, kTimeout);

        client.clearAuth();
        QTRY_VERIFY_WITH_TIMEOUT(!sentOfType<wire::Authenticate>(server, 0).isEmpty()
                                     && sentOfType<wire::Authenticate>(server, 0).last().tokenType
                                            == wire::Authenticate::TokenType::None,
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!client.isAuthenticated(), kTimeout);
        QCOMPARE(authChanged.last().at(0).toBool(), false);
    }

    void lateTokenAfterClientIsGoneIsHarmless()
    {
        FakeSyncServer server;
        QVERIFY(server.listen());
        std::function<void(std::optional<QString>)> keptDone;
        {
            Client client(server.deploymentUrl(), testOptions());
            client.setAuth([&](bool, std::function<void(std::optional<QString>)> done) {
                keptDone = std::move(done);
            });
            QVERIFY(keptDone);
        }
        keptDone(makeTestJwt(kIat, kIat + 3600, u"late"_qs));  // must not crash
        QCOMPARE(server.connectionCount() <= 1, true);
    }
};

QTEST_GUILESS_MAIN(TestClientAuth)
#include "tst_client_auth.moc"
