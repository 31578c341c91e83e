// SPDX-License-Identifier: MIT
// The auth scenario below §14.6 (sim_auth.mjs) as a wire transcript, the refresh delay of
// §14.5, and the cases where the engine deliberately does better than JS (§7.2).

#include "enginetestharness.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTest>

using namespace convex;
using namespace convex::test;

namespace {
constexpr qint64 kIat = 1795669769;

//! Five distinct one-hour test tokens; "<token#N>" in expected JSON is replaced by tokens[N].
struct Tokens {
    QStringList list{QString()};
    Tokens()
    {
        for (int i = 1; i <= 6; ++i)
            list.append(makeJwt(kIat, kIat + 3600, QString::number(i)));
    }
    QString operator[](int i) const { return list.at(i); }
    QByteArray fill(QByteArray json) const
    {
        for (int i = 1; i < list.size(); ++i)
            json.replace(QByteArray("<token#" + QByteArray::number(i) + ">"), list.at(i).toLatin1());
        return json;
    }
};

//! Socket open, messages:list subscribed after open (query-set version 2), like sim_auth.mjs.
void openWithOneQuery(EngineHarness &h)
{
    h.engine->onSocketOpened();
    QVERIFY(h.engine->subscribe(u"messages:list"_qs, Value(ValueObject{})).ok());
    h.takeSent();
}
} // namespace

class TestSyncEngineAuth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scriptedAuthScenario();
    void scheduledRefreshFiresAtExpMinusIatMinusLeeway();
    void refreshDelay_data();
    void refreshDelay();
    void sameTokenOnRefetchSchedulesNothing();
    void initialTokenReuseKeepsConfirmedCachedToken();
    void clearAuthWhilePausedReachesServer();
    void clearAuthDuringSetAuthFetchResumesAndDiscardsToken();
    void setAuthWithNullFetcherSendsNoneOnResume();
    void staleAuthErrorIsIgnored();
    void expiryWhileFreshTokenPendingIsIgnored();
    void fetchWithoutTokenReportsUnauthenticated();
    void newerSetAuthDiscardsOlderFetch();
    void expectAuthHoldsConnectUntilToken();
    void adminAuthIsResentOnReconnect();
    void tokenNeverLogged();
};

void TestSyncEngineAuth::scriptedAuthScenario()
{
    EngineHarness h;
    const Tokens t;
    openWithOneQuery(h);
    if (QTest::currentTestFailed())
        return;

    // # setAuth(fetchToken): socket paused; fetchToken({forceRefreshToken:false}) -> token#1
    h.engine->setAuth(h.fetcher());
    QVERIFY(h.engine->isPaused());
    QCOMPARE(h.fetches.size(), 1);
    QCOMPARE(h.fetches.at(0).forceRefresh, false);
    // # subscribe("messages:mine") while paused
    QVERIFY(h.engine->subscribe(u"messages:mine"_qs, Value(ValueObject{})).ok());
    EXPECT_SENT(h);
    h.fetches.at(0).done(t[1]);
    QVERIFY(!h.engine->isPaused());
    EXPECT_SENT(h,
                t.fill(R"({"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"<token#1>"})"),
                R"({"type":"ModifyQuerySet","baseVersion":2,"newVersion":3,"modifications":[{"type":"Add","queryId":1,"udfPath":"messages:mine","args":[{}]}]})");
    QVERIFY(!h.engine->isAuthenticated());  // not before the server confirmed it

    h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":2,"identity":1,"ts":"CgAAAAAAAAA="},"modifications":[]})");
    // expect: onChange(true); fetchToken({forceRefreshToken:true}) -> token#2
    QCOMPARE(h.authChanges, QList<bool>{true});
    QVERIFY(h.engine->isAuthenticated());
    QCOMPARE(h.fetches.size(), 2);
    QCOMPARE(h.fetches.at(1).forceRefresh, true);
    h.fetches.at(1).done(t[2]);
    EXPECT_SENT(h, t.fill(R"({"type":"Authenticate","baseVersion":1,"tokenType":"User","value":"<token#2>"})"));

    h.server(R"({"type":"Transition","startVersion":{"querySet":2,"identity":1,"ts":"CgAAAAAAAAA="},"endVersion":{"querySet":2,"identity":2,"ts":"FAAAAAAAAAA="},"modifications":[]})");
    // expect: refetch timer 3,590,000 ms
    QCOMPARE(h.scheduler.pendingDelays(), std::vector<qint64>{3590000});
    QCOMPARE(h.authChanges, QList<bool>{true});  // JS repeats onChange(true); we report changes only

    h.takeEvents();
    h.server(R"({"type":"AuthError","error":"Convex token identity expired","baseVersion":2,"authUpdateAttempted":false})");
    // expect: onRefreshChange(true); socket closed by client; fetchToken(force) -> token#3
    QCOMPARE(h.takeEvents(), (QStringList{u"refreshing 1"_qs, u"stop"_qs, u"fetch force=1"_qs}));
    QCOMPARE(h.engine->phase(), core::ConnectionPhase::Stopped);
    h.engine->onSocketClosed(QString(), true);  // the facade's close: ignored while stopped
    h.fetches.at(2).done(t[3]);
    QCOMPARE(h.scheduler.pendingCount(), std::size_t(0));  // the old refresh timer is gone
    QCOMPARE(h.restarts, 1);
    EXPECT_SENT(h);

    // new socket: Connect (lastCloseReason null), Authenticate base 0, full ModifyQuerySet 0→1
    h.engine->onSocketOpened();
    EXPECT_SENT(h,
                R"({"connectionCount":1,"lastCloseReason":null,"clientTs":1795669769432,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352","maxObservedTimestamp":"FAAAAAAAAAA="})",
                t.fill(R"({"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"<token#3>"})"),
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{}]},{"type":"Add","queryId":1,"udfPath":"messages:mine","args":[{}]}]})");

    // Rejected: retry with token#4, then token#5 on new sockets.
    for (int attempt = 4; attempt <= 5; ++attempt) {
        h.server(R"({"type":"AuthError","error":"Could not verify token","baseVersion":0,"authUpdateAttempted":true})");
        QCOMPARE(h.stops, attempt - 2);
        QCOMPARE(h.fetches.size(), attempt);
        QCOMPARE(h.fetches.last().forceRefresh, true);
        h.fetches.last().done(t[attempt]);
        QCOMPARE(h.restarts, attempt - 2);
        h.engine->onSocketOpened();
        EXPECT_SENT(h,
                    QByteArray(R"({"connectionCount":)") + QByteArray::number(attempt - 2)
                        + R"(,"lastCloseReason":null,"clientTs":1795669769432,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352","maxObservedTimestamp":"FAAAAAAAAAA="})",
                    t.fill("{\"type\":\"Authenticate\",\"baseVersion\":0,\"tokenType\":\"User\",\"value\":\"<token#"
                           + QByteArray::number(attempt) + ">\"}"),
                    R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{}]},{"type":"Add","queryId":1,"udfPath":"messages:mine","args":[{}]}]})");
    }
    QCOMPARE(h.refreshChanges, QList<bool>{true});

    // rejected again -> give up: onChange(false), onRefreshChange(false), local auth cleared
    QTest::ignoreMessage(QtWarningMsg, "Failed to authenticate: \"Could not verify token\", check your server auth config");
    h.takeEvents();
    h.server(R"({"type":"AuthError","error":"Could not verify token","baseVersion":0,"authUpdateAttempted":true})");
    QCOMPARE(h.fetches.size(), 5);  // no sixth token
    QCOMPARE(h.authChanges, (QList<bool>{true, false}));
    QCOMPARE(h.refreshChanges, (QList<bool>{true, false}));
    QVERIFY(!h.engine->hasAuth());
    QCOMPARE(h.takeEvents(), (QStringList{u"auth 0"_qs, u"refreshing 0"_qs, u"reconnect AuthError"_qs}));
    // The next socket is anonymous.
    h.engine->onSocketClosed(u"closed with code 1005"_qs, false);
    h.engine->onSocketOpened();
    EXPECT_SENT(h,
                R"({"connectionCount":4,"lastCloseReason":"AuthError","clientTs":1795669769432,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352","maxObservedTimestamp":"FAAAAAAAAAA="})",
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{}]},{"type":"Add","queryId":1,"udfPath":"messages:mine","args":[{}]}]})");
}

//! Confirms a cached token#1 and a fresh token#2 (identity version 2 afterwards).
static void authenticateTwice(EngineHarness &h, const Tokens &t)
{
    h.engine->onSocketOpened();
    h.engine->setAuth(h.fetcher());
    h.fetches.at(0).done(t[1]);
    h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":1,"ts":"CgAAAAAAAAA="},"modifications":[]})");
    h.fetches.at(1).done(t[2]);
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":1,"ts":"CgAAAAAAAAA="},"endVersion":{"querySet":1,"identity":2,"ts":"FAAAAAAAAAA="},"modifications":[]})");
    h.takeSent();
}

void TestSyncEngineAuth::scheduledRefreshFiresAtExpMinusIatMinusLeeway()
{
    EngineHarness h;
    const Tokens t;
    authenticateTwice(h, t);
    QCOMPARE(h.fetches.size(), 2);
    h.scheduler.advance(3589999);
    QCOMPARE(h.fetches.size(), 2);
    h.scheduler.advance(1);
    QCOMPARE(h.fetches.size(), 3);
    QCOMPARE(h.fetches.at(2).forceRefresh, true);
    h.fetches.at(2).done(t[3]);
    // A routine refresh does not stop the socket and is not "refreshing" (§7.3).
    EXPECT_SENT(h, t.fill(R"({"type":"Authenticate","baseVersion":2,"tokenType":"User","value":"<token#3>"})"));
    QCOMPARE(h.stops, 0);
    QVERIFY(h.refreshChanges.isEmpty());
}

void TestSyncEngineAuth::refreshDelay_data()
{
    QTest::addColumn<qint64>("iat");
    QTest::addColumn<qint64>("exp");
    QTest::addColumn<qint64>("leeway");
    QTest::addColumn<qint64>("expectedDelay");  // -1: no refresh scheduled
    QTest::addColumn<QString>("warning");
    QTest::newRow("one hour (§14.5)") << kIat << kIat + 3600 << qint64(10) << qint64(3590000) << QString();
    QTest::newRow("custom leeway") << kIat << kIat + 3600 << qint64(60) << qint64(3540000) << QString();
    QTest::newRow("exp-iat = 2") << kIat << kIat + 2 << qint64(10) << qint64(-1)
                                 << u"Auth token does not live long enough, cannot refetch the token"_qs;
    QTest::newRow("missing iat") << qint64(-1) << kIat + 3600 << qint64(10) << qint64(-1)
                                 << u"Auth token does not have required fields, cannot refetch the token"_qs;
    QTest::newRow("missing exp") << kIat << qint64(-1) << qint64(10) << qint64(-1)
                                 << u"Auth token does not have required fields, cannot refetch the token"_qs;
    QTest::newRow("60 days: capped at 20") << kIat << kIat + 60 * 86400 << qint64(10)
                                           << qint64(20) * 86400 * 1000 << QString();
    QTest::newRow("leeway beyond lifetime: at once") << kIat << kIat + 5 << qint64(10) << qint64(0)
                                                     << QString();
}

void TestSyncEngineAuth::refreshDelay()
{
    QFETCH(qint64, iat);
    QFETCH(qint64, exp);
    QFETCH(qint64, leeway);
    QFETCH(qint64, expectedDelay);
    QFETCH(QString, warning);
    core::SyncEngineOptions options;
    options.authRefreshTokenLeewaySeconds = leeway;
    EngineHarness h(options);
    h.engine->onSocketOpened();
    h.engine->setAuth(h.fetcher());
    h.fetches.at(0).done(makeJwt(kIat, kIat + 3600, u"cached"_qs));
    h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":1,"ts":"CgAAAAAAAAA="},"modifications":[]})");
    if (!warning.isEmpty())
        QTest::ignoreMessage(QtWarningMsg, qPrintable(warning));
    if (expectedDelay == 0)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^Refetching auth token immediately"_qs));
    h.fetches.at(1).done(makeJwt(iat, exp, u"fresh"_qs));
    h.server(R"({"type":"Transition","startVersion":{"querySet":1,"identity":1,"ts":"CgAAAAAAAAA="},"endVersion":{"querySet":1,"identity":2,"ts":"FAAAAAAAAAA="},"modifications":[]})");
    QVERIFY(h.engine->isAuthenticated());
    if (expectedDelay < 0)
        QCOMPARE(h.scheduler.pendingCount(), std::size_t(0));
    else
        QCOMPARE(h.scheduler.pendingDelays(), std::vector<qint64>{expectedDelay});
}

void TestSyncEngineAuth::sameTokenOnRefetchSchedulesNothing()
{
    EngineHarness h;
    const Tokens t;
    h.engine->onSocketOpened();
    h.engine->setAuth(h.fetcher());
    h.fetches.at(0).done(t[1]);
    h.server(R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":1,"ts":"CgAAAAAAAAA="},"modifications":[]})");
    h.takeSent();
    h.fetches.at(1).done(t[1]);  // the same token: JS goes to notRefetching
    EXPECT_SENT(h);
    QCOMPARE(h.scheduler.pendingCount(), std::size_t(0));
    QVERIFY(h.engine->isAuthenticated());
}

void TestSyncEngineAuth::initialTokenReuseKeepsConfirmedCachedToken()
{
    // JS initialAuthTokenReuse: once the server confirms the cached token, no fresh fetch at
    // once (the default, compared first); its refresh is scheduled from its remaining life.
    const Tokens t;
    const QByteArray confirm
        = R"({"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":1,"ts":"CgAAAAAAAAA="},"modifications":[]})";
    {
        EngineHarness h;
        h.engine->onSocketOpened();
        h.engine->setAuth(h.fetcher());
        h.fetches.at(0).done(t[1]);
        h.server(confirm);
        QCOMPARE(h.fetches.size(), 2); // default: a fresh token is fetched right away
        QCOMPARE(h.fetches.at(1).forceRefresh, true);
    }
    core::SyncEngineOptions options;
    options.initialAuthTokenReuse = true;
    EngineHarness h(options);
    h.engine->onSocketOpened();
    h.takeSent(); // Connect, the empty query set
    h.engine->setAuth(h.fetcher());
    h.fetches.at(0).done(t[1]);
    EXPECT_SENT(h, t.fill(R"({"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"<token#1>"})"));
    h.server(confirm);
    QVERIFY(h.engine->isAuthenticated());
    QCOMPARE(h.fetches.size(), 1);
    EXPECT_SENT(h);
    // One refresh, at the token's lifetime minus the leeway (3600 s - 10 s), not before.
    QCOMPARE(h.scheduler.pendingDelays(), std::vector<qint64>{3590000});
    h.scheduler.advance(3589999);
    QCOMPARE(h.fetches.size(), 1);
    h.scheduler.advance(1);
    QCOMPARE(h.fetches.size(), 2);
    QCOMPARE(h.fetches.at(1).forceRefresh, true);
    h.fetches.at(1).done(t[2]);
    EXPECT_SENT(h, t.fill(R"({"type":"Authenticate","baseVersion":1,"tokenType":"User","value":"<token#2>"})"));
}

void TestSyncEngineAuth::clearAuthWhilePausedReachesServer()
{
    EngineHarness h;
    const Tokens t;
    authenticateTwice(h, t);
    h.engine->pause();
    h.engine->clearAuth();
    EXPECT_SENT(h);  // paused: nothing goes out yet
    QCOMPARE(h.authChanges, (QList<bool>{true, false}));
    QCOMPARE(h.scheduler.pendingCount(), std::size_t(0));  // refresh timer cancelled
    h.engine->resume();
    // JS drops this None; the server would keep the old identity.
    EXPECT_SENT(h, R"({"type":"Authenticate","tokenType":"None","baseVersion":2})");
    h.scheduler.advance(4000000);
    QCOMPARE(h.fetches.size(), 2);  // no refresh after clearAuth
}

void TestSyncEngineAuth::clearAuthDuringSetAuthFetchResumesAndDiscardsToken()
{
    EngineHarness h;
    const Tokens t;
    authenticateTwice(h, t);
    h.engine->setAuth(h.fetcher());  // pauses for the fetch
    QVERIFY(h.engine->isPaused());
    h.engine->clearAuth();
    // JS: the fetch is discarded and nothing ever resumes the socket.
    QVERIFY(!h.engine->isPaused());
    EXPECT_SENT(h, R"({"type":"Authenticate","tokenType":"None","baseVersion":2})");
    h.fetches.at(2).done(t[3]);  // late answer of the cancelled fetch
    EXPECT_SENT(h);
    QVERIFY(!h.engine->hasAuth());
    QVERIFY(h.engine->subscribe(u"a:b"_qs, Value(ValueObject{})).ok());
    EXPECT_SENT(h, R"({"type":"ModifyQuerySet","baseVersion":1,"newVersion":2,"modifications":[{"type":"Add","queryId":0,"udfPath":"a:b","args":[{}]}]})");
}

void TestSyncEngineAuth::setAuthWithNullFetcherSendsNoneOnResume()
{
    // sim_null.mjs: setAuth again with a fetcher that has no token.
    EngineHarness h;
    const Tokens t;
    authenticateTwice(h, t);
    h.engine->setAuth(h.fetcher());
    h.fetches.at(2).done(std::nullopt);
    QCOMPARE(h.fetches.size(), 4);
    QCOMPARE(h.fetches.at(3).forceRefresh, true);
    h.fetches.at(3).done(QString());  // "" means no token too
    QCOMPARE(h.authChanges, (QList<bool>{true, false}));
    QVERIFY(!h.engine->isPaused());
    EXPECT_SENT(h, R"({"type":"Authenticate","tokenType":"None","baseVersion":2})");
}

void TestSyncEngineAuth::staleAuthErrorIsIgnored()
{
    EngineHarness h;
    const Tokens t;
    authenticateTwice(h, t);
    h.scheduler.advance(3590000);
    h.fetches.at(2).done(t[3]);  // identity version now 3
    h.takeSent();
    // An error about version 0 (→ attempt 1) while we are at 3: stale, no re-auth.
    h.server(R"({"type":"AuthError","error":"old","baseVersion":0,"authUpdateAttempted":true})");
    QCOMPARE(h.stops, 0);
    QCOMPARE(h.fetches.size(), 3);
    QVERIFY(h.engine->isAuthenticated());
    QVERIFY(h.engine->hasAuth());
    // The server closes the socket after any AuthError: reconnect instead of waiting.
    QCOMPARE(h.reconnects, QStringList{u"AuthError"_qs});
}

void TestSyncEngineAuth::expiryWhileFreshTokenPendingIsIgnored()
{
    EngineHarness h;
    const Tokens t;
    authenticateTwice(h, t);
    h.scheduler.advance(3590000);
    h.fetches.at(2).done(t[3]);  // waiting for confirmation of a fresh token
    EXPECT_SENT(h, t.fill(R"({"type":"Authenticate","baseVersion":2,"tokenType":"User","value":"<token#3>"})"));
    h.server(R"({"type":"AuthError","error":"Convex token identity expired","baseVersion":2,"authUpdateAttempted":false})");
    QCOMPARE(h.stops, 0);
    QCOMPARE(h.fetches.size(), 3);
    QCOMPARE(h.reconnects, QStringList{u"AuthError"_qs});
    // The reconnect carries the pending token.
    h.engine->onSocketOpened();
    const QList<QJsonObject> sent = h.takeSent();
    QCOMPARE(sent.size(), 3);
    QCOMPARE(sent.at(1).value(u"value"_qs).toString(), t[3]);
}

void TestSyncEngineAuth::fetchWithoutTokenReportsUnauthenticated()
{
    EngineHarness h;
    h.engine->onSocketOpened();
    h.takeSent();
    h.engine->setAuth(h.fetcher());
    h.fetches.at(0).done(std::nullopt);
    QCOMPARE(h.fetches.size(), 2);  // initialRefetch with force
    QVERIFY(h.engine->isPaused());
    h.fetches.at(1).done(std::nullopt);
    QVERIFY(!h.engine->isPaused());
    QVERIFY(!h.engine->hasAuth());
    EXPECT_SENT(h);  // never authenticated on this socket: nothing to clear
    // onChange(false) is JS behaviour; we only report changes, and we never were true.
    QVERIFY(h.authChanges.isEmpty());
}

void TestSyncEngineAuth::newerSetAuthDiscardsOlderFetch()
{
    EngineHarness h;
    const Tokens t;
    h.engine->onSocketOpened();
    h.takeSent();
    h.engine->setAuth(h.fetcher());
    h.engine->setAuth(h.fetcher());
    h.fetches.at(0).done(t[1]);  // outdated config: ignored, still paused
    EXPECT_SENT(h);
    QVERIFY(h.engine->isPaused());
    h.fetches.at(1).done(t[2]);
    EXPECT_SENT(h, t.fill(R"({"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"<token#2>"})"));
}

void TestSyncEngineAuth::expectAuthHoldsConnectUntilToken()
{
    core::SyncEngineOptions options;
    options.expectAuth = true;
    EngineHarness h(options);
    const Tokens t;
    QVERIFY(h.engine->subscribe(u"messages:list"_qs, Value(ValueObject{})).ok());
    h.engine->onSocketOpened();
    EXPECT_SENT(h);
    h.engine->setAuth(h.fetcher());
    h.fetches.at(0).done(t[1]);
    // Connect first, always (JS can skip it here, sim_misc.mjs), then auth before queries.
    EXPECT_SENT(h,
                R"({"connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1795669769432,"type":"Connect","sessionId":"dc50c4fc-2a68-4e70-88cc-17ee1263e352"})",
                t.fill(R"({"type":"Authenticate","baseVersion":0,"tokenType":"User","value":"<token#1>"})"),
                R"({"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:list","args":[{}]}]})");
}

void TestSyncEngineAuth::adminAuthIsResentOnReconnect()
{
    EngineHarness h;
    h.engine->onSocketOpened();
    h.takeSent();
    h.engine->setAdminAuth(u"admin-key"_qs,
                           Value(ValueObject{{u"subject"_qs, Value(u"u1")},
                                             {u"issuer"_qs, Value(u"https://iss")},
                                             {u"name"_qs, Value(u"Fake")}}));
    EXPECT_SENT(h, R"({"type":"Authenticate","baseVersion":0,"tokenType":"Admin","value":"admin-key","impersonating":{"subject":"u1","issuer":"https://iss","name":"Fake"}})");
    h.engine->onSocketClosed(u"InternalServerError"_qs, false);
    h.engine->onSocketOpened();
    const QList<QJsonObject> sent = h.takeSent();
    QCOMPARE(sent.size(), 3);
    // (Not inside QCOMPARE: moc reads "//" in a raw string argument as a comment.)
    const QString expected = jsonText(parseJson(R"({"type":"Authenticate","baseVersion":0,"tokenType":"Admin","value":"admin-key","impersonating":{"subject":"u1","issuer":"https://iss","name":"Fake"}})"));
    QCOMPARE(jsonText(sent.at(1)), expected);
}

void TestSyncEngineAuth::tokenNeverLogged()
{
    // Every message the auth flow logs goes through the message handler: none may hold
    // the token. (Debug output is enabled for this test.)
    static QStringList captured;
    captured.clear();
    QLoggingCategory::setFilterRules(u"qonvex.*=true"_qs);
    const QtMessageHandler previous = qInstallMessageHandler(
        [](QtMsgType, const QMessageLogContext &, const QString &message) { captured.append(message); });
    {
        EngineHarness h;
        const Tokens t;
        authenticateTwice(h, t);
        h.server(R"({"type":"AuthError","error":"Convex token identity expired","baseVersion":2,"authUpdateAttempted":false})");
        h.fetches.last().done(t[3]);
        h.engine->onSocketOpened();
        QVERIFY(!captured.isEmpty());
        for (const QString &line : std::as_const(captured)) {
            for (int i = 1; i <= 3; ++i)
                QVERIFY2(!line.contains(t[i]), qPrintable(line));
        }
        QString printed;
        QDebug(&printed) << core::AuthToken(t[1]);
        QCOMPARE(printed.trimmed(), u"AuthToken(…"_qs + t[1].right(7) + u")"_qs);
    }
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
}

QTEST_GUILESS_MAIN(TestSyncEngineAuth)
#include "tst_syncengine_auth.moc"
