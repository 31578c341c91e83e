// SPDX-License-Identifier: MIT
// Auth under faults (issue #8), against the real devstack with the app's real wiring
// (AppController). Every case starts from a signed-in app with a live `users:me`, breaks the
// Clerk stand-in's token or client endpoints while the subscription is live, and then checks
// both sides: the SessionController's state and the Convex client's auth state, the stored
// client token, and that the live query comes back to the user's own data.
//
// A token refresh is triggered deterministically with the Convex stand-in's `expire-auth`
// control (the server behaves as when the accepted token's `exp` passes: AuthError, close).
// Retry backoff runs on the session's fake clock: the test reads each scheduled delay and
// advances the clock, so there is no sleeping and no timing assertion.

#include "reliabilityrig.h"
#include "sniffingproxy.h"

#include "clerk/fapiclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace qonvex::app;
using namespace qonvex::test;
using State = SessionController::State;

namespace {
const QString kTokenPaths = QStringLiteral("/v1/client/sessions/*/tokens/*");
const QString kConvexTokenPattern = QStringLiteral("/tokens/convex$");
} // namespace

class TestReliabilityAuth : public QObject {
    Q_OBJECT

    ReliabilityStack stack;

    //! The server drops the current token (as at `exp`): the client must get a fresh one now.
    void serverExpiresToken()
    {
        QCOMPARE(stack.convex(QStringLiteral("/__devstack/expire-auth")).value(QLatin1String("expired")).toInt(), 1);
    }

    //! While Clerk fails transiently: still signed in, the stored token kept, and the Convex
    //! client is not claiming a confirmed identity for a token it is replacing.
    static bool holdingOnWhileRetrying(const AppRig &rig)
    {
        return rig.session()->state() == State::SignedIn && rig.store.current().has_value()
            && (rig.client()->isAuthRefreshing() || !rig.client()->isAuthenticated());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(stack.start(&error), qPrintable(error));
    }

    void init() { stack.resetClerk(); }

    //! 5xx from the `convex` template endpoint while subscribed: retries at 1, 2, 4 s (the
    //! provider's backoff), never signs out, then the live query is the user's again.
    void tokenEndpoint5xxWhileSubscribedRetriesWithBackoff()
    {
        AppRig rig(stack.config(), stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        stack.fault({{QStringLiteral("path"), kTokenPaths}, {QStringLiteral("status"), 503}, {QStringLiteral("times"), 3}});
        stack.clerk(QStringLiteral("/__devstack/requests/clear"));
        serverExpiresToken();
        QList<qint64> delays;
        for (int i = 0; i < 3; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(rig.clock.pendingTimers() > 0, kReliabilityWait);
            QVERIFY2(holdingOnWhileRetrying(rig), qPrintable(rig.describe()));
            delays << rig.clock.nextDelay();
            rig.clock.advance(delays.last());
        }
        QCOMPARE(delays, (QList<qint64>{1000, 2000, 4000}));
        QTRY_VERIFY2_WITH_TIMEOUT(rig.fullySignedIn(), qPrintable(rig.describe()), kReliabilityWait);
        QCOMPARE(stack.countRequests(kConvexTokenPattern, 503), 3);
        QCOMPARE(stack.countRequests(kConvexTokenPattern, 200), 1);
    }

    //! The token endpoint hangs (answers after 2 minutes): the request times out, is retried
    //! with backoff, and the user stays signed in throughout.
    void anchor09_tokenEndpointHangsRetriesWithBackoffAndRestartsSocket()
    {
        AppRig rig(stack.config(), stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        rig.session()->fapi()->setTransferTimeout(1500); // the default 30 s, shortened for the test
        stack.fault({{QStringLiteral("path"), kTokenPaths}, {QStringLiteral("delayMs"), 120000}, {QStringLiteral("times"), 1}});
        stack.clerk(QStringLiteral("/__devstack/requests/clear"));
        serverExpiresToken();
        // The hung request gives up by itself (transfer timeout, real time), then a retry waits
        // on the fake clock.
        QTRY_VERIFY_WITH_TIMEOUT(rig.clock.pendingTimers() > 0, kReliabilityWait);
        QVERIFY2(holdingOnWhileRetrying(rig), qPrintable(rig.describe()));
        QCOMPARE(rig.clock.nextDelay(), 1000);
        rig.clock.advance(rig.clock.nextDelay());
        QTRY_VERIFY2_WITH_TIMEOUT(rig.fullySignedIn(), qPrintable(rig.describe()), kReliabilityWait);
        QCOMPARE(stack.countRequests(kConvexTokenPattern), 2);
    }

    //! The token endpoint answers 401 while rotating the client token (Clerk does this when
    //! the client token it got is outdated): the app re-reads the client, finds the session
    //! still active, keeps the rotated token, and Convex is authenticated again. Nothing may
    //! stay "unauthenticated" while the session is valid.
    void tokenEndpoint401WithRotatedClientTokenKeepsSessionAndConvexAuth()
    {
        const StandInUser user = stack.signIn();
        AppRig rig(stack.config(), user);
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        QSignalSpy cleared(rig.session(), &SessionController::convexAuthCleared);
        stack.clerk(QStringLiteral("/__devstack/config"), {{QStringLiteral("rotateOnEveryResponse"), true}});
        stack.fault({{QStringLiteral("path"), kTokenPaths}, {QStringLiteral("status"), 401}, {QStringLiteral("times"), 1}});
        stack.clerk(QStringLiteral("/__devstack/requests/clear"));
        serverExpiresToken();
        QTRY_VERIFY_WITH_TIMEOUT(stack.countRequests(kConvexTokenPattern, 401) == 1, kReliabilityWait);
        // Backoff retries (if any) run on the fake clock; step them until the app settles.
        QTRY_VERIFY2_WITH_TIMEOUT((rig.clock.advance(rig.clock.nextDelay() > 0 ? rig.clock.nextDelay() : 0),
                                   rig.fullySignedIn()),
                                  qPrintable(rig.describe()), kReliabilityWait);
        QCOMPARE(cleared.count(), 0);
        QCOMPARE(stack.sessionStatus(user.sessionId), QStringLiteral("active"));
        // The rotated client token replaced the old one in the store.
        QVERIFY(rig.store.current().has_value());
        QVERIFY(rig.store.current()->reveal() != user.clientToken);
        QTRY_COMPARE_WITH_TIMEOUT(rig.store.current()->reveal(), rig.session()->fapi()->clientToken()->reveal(),
                                  kReliabilityWait);
    }

    //! The token endpoint says 401 and the client endpoint (used to confirm the session) fails
    //! with 503: the app cannot tell whether the session ended, so it stays signed in, retries,
    //! and recovers Convex auth once Clerk answers.
    void clientEndpoint5xxDuringSessionCheckStaysSignedIn()
    {
        AppRig rig(stack.config(), stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        stack.fault({{QStringLiteral("path"), kTokenPaths}, {QStringLiteral("status"), 401}, {QStringLiteral("times"), 1}});
        stack.fault({{QStringLiteral("path"), QStringLiteral("/v1/client")}, {QStringLiteral("status"), 503},
                     {QStringLiteral("times"), 1}});
        stack.clerk(QStringLiteral("/__devstack/requests/clear"));
        serverExpiresToken();
        QTRY_VERIFY_WITH_TIMEOUT(stack.countRequests(QStringLiteral("^/v1/client$"), 503) == 1, kReliabilityWait);
        QCOMPARE(rig.session()->state(), State::SignedIn);
        QVERIFY(rig.store.current().has_value());
        QTRY_VERIFY2_WITH_TIMEOUT((rig.clock.advance(rig.clock.nextDelay() > 0 ? rig.clock.nextDelay() : 0),
                                   rig.fullySignedIn()),
                                  qPrintable(rig.describe()), kReliabilityWait);
        QCOMPARE(stack.countRequests(kConvexTokenPattern, 200), 1);
    }

    //! The session is revoked at Clerk while a query is live: at the next token request the app
    //! signs out with a reason, clears the stored client token, and the Convex client drops its
    //! identity (the live query re-runs anonymously) — nothing stays "authenticated".
    void anchor11_sessionRevokedMidSubscriptionSignsOutAndClearsKeychain()
    {
        const StandInUser user = stack.signIn();
        AppRig rig(stack.config(), user);
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        QSignalSpy cleared(rig.session(), &SessionController::convexAuthCleared);
        stack.clerk(QStringLiteral("/__devstack/sessions/revoke"), {{QStringLiteral("sessionId"), user.sessionId}});
        serverExpiresToken();
        QTRY_VERIFY2_WITH_TIMEOUT(rig.fullySignedOut(), qPrintable(rig.describe()), kReliabilityWait);
        QVERIFY2(rig.session()->reason().contains(QLatin1String("revoked")), qPrintable(rig.session()->reason()));
        QCOMPARE(cleared.count(), 1);
        QCOMPARE(rig.app()->status().auth, AppStatus::Auth::SignedOut);
        QCOMPARE(rig.clock.pendingTimers(), size_t(0)); // no retry keeps running for a dead session
    }

    //! The machine sleeps for two hours with a live subscription: the socket dies and the token
    //! the client holds expires (the session's clock jumps). On wake the app must get a fresh
    //! token before it re-authenticates, reconnect, and show the user's data again.
    void anchor01_reconnectAfterSleepWithExpiredToken()
    {
        AppRig rig(stack.config(), stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        stack.clerk(QStringLiteral("/__devstack/requests/clear"));
        constexpr qint64 kSleptMs = 2 * 60 * 60 * 1000;
        rig.clock.advance(kSleptMs);
        QVERIFY(stack.convex(QStringLiteral("/__devstack/drop-connections")).value(QLatin1String("dropped")).toInt() >= 1);
        rig.app()->handleWake(kSleptMs);
        QTRY_VERIFY2_WITH_TIMEOUT(stack.countRequests(kConvexTokenPattern, 200) >= 1 && rig.fullySignedIn(),
                                  qPrintable(rig.describe()), kReliabilityWait);
        QVERIFY(rig.store.current().has_value());
    }

    //! Writes made while the server is unreachable are queued by the client. If the session
    //! ends before they go out (here the user signs out; a revoked or expired session takes the
    //! same path), they must not be sent without the user's identity once the server is back:
    //! the app drops them with that client and says how many, instead of the server refusing
    //! them as UNAUTHENTICATED where nobody sees it (or running them anonymously).
    void unconfirmedWritesAreNotSentWithoutIdentityAfterSignOut()
    {
        SniffingProxy proxy(stack.process().convexUrl().port());
        QVERIFY(proxy.listen());
        AppConfig viaProxy = stack.config();
        viaProxy.convexUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        AppRig rig(viaProxy, stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        QSignalSpy dropped(rig.app(), &AppController::unconfirmedWritesDropped);

        proxy.setRefusing(true);
        proxy.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(rig.client()->connectionState().nextRetryAt.isValid(), kReliabilityWait);
        QFuture<convex::FunctionResult> queued = rig.client()->mutation(
            QStringLiteral("tasks:add"), convex::ValueObject{{QStringLiteral("text"), QStringLiteral("queued while offline")}});
        QCOMPARE(rig.client()->connectionState().inflightMutations, 1);

        rig.session()->signOut();
        QTRY_COMPARE_WITH_TIMEOUT(rig.session()->state(), SessionController::State::SignedOut, kReliabilityWait);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.at(0).at(0).toInt(), 1);
        QCOMPARE(rig.app()->status().banner, AppStatus::BannerKind::Auth); // the user is told
        QVERIFY2(rig.app()->status().bannerText.contains(u"may not have been saved"), qPrintable(rig.app()->status().bannerText));
        QTRY_VERIFY_WITH_TIMEOUT(queued.isFinished(), kReliabilityWait); // failed, not left hanging
        QVERIFY(!queued.result().isSuccess());

        // The server is back: the app's (new, anonymous) client connects and runs a query, and
        // the queued write never reaches the server.
        proxy.setRefusing(false);
        QTRY_VERIFY2_WITH_TIMEOUT(rig.client()->connectionState().connected, qPrintable(rig.describe()), kReliabilityWait);
        std::unique_ptr<convex::QuerySubscription> echo(rig.client()->subscribe(
            QStringLiteral("debug:echo"), convex::ValueObject{{QStringLiteral("value"), QStringLiteral("back")}}));
        QTRY_VERIFY_WITH_TIMEOUT(!echo->isLoading(), kReliabilityWait);
        QVERIFY2(!echo->hasError(), qPrintable(echo->errorMessage()));
        QCOMPARE(proxy.clientTextFramesContaining("queued while offline"), 0);
        QCOMPARE(rig.app()->status().auth, AppStatus::Auth::SignedOut);
    }

    //! The same after a long offline spell instead of a sleep (the OS reports the network gone,
    //! then back): the token the client holds is stale by the session's clock, so coming back
    //! online gets a fresh one as the app reconnects instead of re-sending the old one.
    void anchor01_networkReturnAfterLongOutageRefreshesToken()
    {
        AppRig rig(stack.config(), stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        rig.app()->handleNetworkChange(NetworkReachability::Offline);
        stack.clerk(QStringLiteral("/__devstack/requests/clear"));
        rig.clock.advance(2 * 60 * 60 * 1000);
        QVERIFY(stack.convex(QStringLiteral("/__devstack/drop-connections")).value(QLatin1String("dropped")).toInt() >= 1);
        rig.app()->handleNetworkChange(NetworkReachability::Online);
        QTRY_VERIFY2_WITH_TIMEOUT(stack.countRequests(kConvexTokenPattern, 200) >= 1 && rig.fullySignedIn(),
                                  qPrintable(rig.describe()), kReliabilityWait);
    }
};

QTEST_GUILESS_MAIN(TestReliabilityAuth)
#include "tst_reliability_auth.moc"
