// SPDX-License-Identifier: MIT
// Named regression tests for the user complaints about other clients listed in
// /work/shared/reference/anchor-features.md part (b). Each function is named after its item
// (anchorNN_...); ANCHOR-REGRESSIONS.md maps every item, including those proven elsewhere.
// Real devstack, the app's real wiring (AppController), a fake session clock.

#include "reliabilityrig.h"
#include "sniffingproxy.h"

#include "clerk/fapiclient.h"

#include <convexclient/functionresult.h>

#include <QFutureWatcher>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace qonvex::app;
using namespace qonvex::test;
using State = SessionController::State;

namespace {
const QString kTokenPaths = QStringLiteral("/v1/client/sessions/*/tokens/*");

convex::FunctionResult await(QFuture<convex::FunctionResult> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, kReliabilityWait))
        return convex::FunctionResult::clientError(QStringLiteral("timed out"));
    return future.result();
}
} // namespace

class TestReliabilityAnchors : public QObject {
    Q_OBJECT

    ReliabilityStack stack;

    //! Steps the fake session clock through any pending backoff (inside QTRY conditions).
    static void stepClock(AppRig &rig) { rig.clock.advance(std::max<qint64>(rig.clock.nextDelay(), 0)); }

    //! Signed in and subscribed, then Clerk's token endpoints fail (503) and Convex expires the
    //! identity: the clock is stepped only until the token provider gives up (so the app's own
    //! slow retry is not set off here), and the live query runs without identity.
    void clerkDownUntilProviderGivesUp(AppRig &rig, const QSignalSpy &unavailable)
    {
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        stack.fault({{QStringLiteral("path"), kTokenPaths}, {QStringLiteral("status"), 503}, {QStringLiteral("times"), -1}});
        stack.convex(QStringLiteral("/__devstack/expire-auth"));
        QTRY_VERIFY_WITH_TIMEOUT(unavailable.count() == 1 || (stepClock(rig), false), kReliabilityWait);
        QTRY_VERIFY2_WITH_TIMEOUT(!rig.client()->isAuthenticated() && rig.meIsAnonymous(), qPrintable(rig.describe()),
                                  kReliabilityWait);
    }

    //! Queries named \a udfPath subscribed on the Convex stand-in, over all its sockets.
    int serverQueries(const QString &udfPath)
    {
        int n = 0;
        const QJsonArray sessions = stack.convex(QStringLiteral("/__devstack/state")).value(QLatin1String("sessions")).toArray();
        for (const auto &s : sessions)
            for (const auto &q : s.toObject().value(QLatin1String("queries")).toArray())
                if (q.toObject().value(QLatin1String("udfPath")).toString() == udfPath)
                    ++n;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(stack.start(&error), qPrintable(error));
    }

    void init() { stack.resetClerk(); }

    //! (2) convex-js#22: a token fetch still running when the server rejects the identity
    //! must not leave the socket dead. A re-bind (wake) starts a slow token fetch; while it
    //! runs, the server expires the identity. Afterwards a mutation must round-trip.
    void anchor02_refetchRacingReauthenticationKeepsSocketAlive()
    {
        AppRig rig(stack.config(), stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        stack.fault({{QStringLiteral("path"), kTokenPaths}, {QStringLiteral("delayMs"), 1500}, {QStringLiteral("times"), 2}});
        rig.clock.advance(2 * 60 * 60 * 1000); // the cached token is stale: the re-bind must mint
        rig.app()->handleWake(2 * 60 * 60 * 1000);
        QTRY_VERIFY_WITH_TIMEOUT(rig.session()->tokenProvider()->isFetching(), kReliabilityWait);
        stack.convex(QStringLiteral("/__devstack/expire-auth"));
        QTRY_VERIFY2_WITH_TIMEOUT(rig.fullySignedIn(), qPrintable(rig.describe()), kReliabilityWait);
        const auto added = await(rig.client()->mutation(QStringLiteral("tasks:add"),
                                                        convex::ValueObject{{QStringLiteral("text"), QStringLiteral("after the race")}}));
        QVERIFY2(added.isSuccess(), qPrintable(added.errorMessage()));
        QVERIFY2(rig.fullySignedIn(), qPrintable(rig.describe()));

        // The other order: the server rejects the identity first (the client stops its socket
        // and fetches a new token, slowly), then auth is re-bound (what AppController does on
        // wake or Retry, here without the wake's reconnectNow()). The re-authentication's fetch
        // is discarded; the socket must still come back (it used to stay stopped).
        stack.fault({{QStringLiteral("path"), kTokenPaths}, {QStringLiteral("delayMs"), 1500}, {QStringLiteral("times"), 2}});
        stack.convex(QStringLiteral("/__devstack/expire-auth"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.session()->tokenProvider()->isFetching(), kReliabilityWait);
        rig.client()->setAuth(rig.session()->convexTokenFetcher());
        QTRY_VERIFY2_WITH_TIMEOUT(rig.fullySignedIn(), qPrintable(rig.describe()), kReliabilityWait);
        const auto again = await(rig.client()->mutation(QStringLiteral("tasks:add"),
                                                        convex::ValueObject{{QStringLiteral("text"), QStringLiteral("after the other race")}}));
        QVERIFY2(again.isSuccess(), qPrintable(again.errorMessage()));
    }

    //! (3) convex-js#183: reconnect at once on resume and when the network comes back, not
    //! when the backoff timer fires. The proof is the client's own `NetworkRecoveryReconnect`
    //! event (sent only when a pending backoff wait was skipped), read off the wire.
    void anchor03_reconnectAtOnceOnWakeAndNetworkReturn()
    {
        SniffingProxy proxy(stack.process().convexUrl().port());
        QVERIFY(proxy.listen());
        AppConfig viaProxy = stack.config();
        viaProxy.convexUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        const StandInUser user = stack.signIn();
        AppRig rig(viaProxy, user);
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));

        auto waitingForBackoff = [&] { return rig.client()->connectionState().nextRetryAt.isValid(); };
        auto recoveryEvents = [&] { return proxy.clientTextFramesContaining("NetworkRecoveryReconnect"); };

        proxy.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(waitingForBackoff(), kReliabilityWait);
        rig.app()->handleWake(60000);
        QTRY_VERIFY2_WITH_TIMEOUT(recoveryEvents() == 1 && rig.fullySignedIn(), qPrintable(rig.describe()), kReliabilityWait);

        proxy.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(waitingForBackoff(), kReliabilityWait);
        rig.app()->handleNetworkChange(NetworkReachability::Offline);
        rig.app()->handleNetworkChange(NetworkReachability::Online);
        QTRY_VERIFY2_WITH_TIMEOUT(recoveryEvents() == 2 && rig.fullySignedIn(), qPrintable(rig.describe()), kReliabilityWait);
    }

    //! (5) convex-backend#259: after Clerk was down long enough for the token provider to give
    //! up, the Convex connection runs without identity — but the session is kept, the app
    //! says so with a Retry, and auth recovers without a restart once Clerk is back.
    void anchor05_recoversToAuthenticatedAfterLongOutageWithoutRestart()
    {
        AppRig rig(stack.config(), stack.signIn());
        QSignalSpy unavailable(rig.session()->tokenProvider(), &ConvexTokenProvider::tokenUnavailable);
        clerkDownUntilProviderGivesUp(rig, unavailable);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rig.session()->state(), State::SignedIn); // an outage is not a sign-out
        QVERIFY(rig.store.current().has_value());
        QCOMPARE(rig.app()->status().banner, AppStatus::BannerKind::Auth);
        QVERIFY(rig.app()->status().bannerRetry);

        stack.clerk(QStringLiteral("/__devstack/faults/clear"));
        rig.app()->retry();
        QTRY_VERIFY2_WITH_TIMEOUT(rig.fullySignedIn(), qPrintable(rig.describe()), kReliabilityWait);
        QCOMPARE(rig.app()->status().banner, AppStatus::BannerKind::None);
    }

    //! (5, 9) The same outage heals by itself: once the provider has given up, the app asks
    //! Clerk again on a slow timer (session clock), keeping the banner until Convex confirms,
    //! so a user who never presses Retry is back to their own data when Clerk returns.
    void anchor05_recoversByItselfAfterLongOutage()
    {
        AppRig rig(stack.config(), stack.signIn());
        QSignalSpy unavailable(rig.session()->tokenProvider(), &ConvexTokenProvider::tokenUnavailable);
        clerkDownUntilProviderGivesUp(rig, unavailable);
        if (QTest::currentTestFailed())
            return;
        // Still down when the first automatic attempt runs: it gives up again, banner stays.
        QTRY_VERIFY_WITH_TIMEOUT(unavailable.count() == 2 || (stepClock(rig), false), kReliabilityWait);
        QCOMPARE(rig.session()->state(), State::SignedIn);
        QCOMPARE(rig.app()->status().banner, AppStatus::BannerKind::Auth);

        stack.clerk(QStringLiteral("/__devstack/faults/clear"));
        // No retry() here: only the clock moves.
        QTRY_VERIFY2_WITH_TIMEOUT((stepClock(rig), rig.fullySignedIn()), qPrintable(rig.describe()), kReliabilityWait);
        QCOMPARE(unavailable.count(), 2);
        QCOMPARE(rig.app()->status().banner, AppStatus::BannerKind::None);
    }

    //! (6) convex-js#156/#176: when the Clerk session changes (sign out, another user signs
    //! in), the Convex client must be re-bound to the new session's tokens.
    void anchor06_rebindsConvexAuthWhenSessionChanges()
    {
        AppRig rig(stack.config(), stack.signIn(QStringLiteral("ada@example.com")));
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        rig.session()->signOut();
        QTRY_VERIFY2_WITH_TIMEOUT(rig.fullySignedOut(), qPrintable(rig.describe()), kReliabilityWait);

        const StandInUser grace = stack.signIn(QStringLiteral("grace@example.com"));
        bool saved = false;
        rig.store.save(SecretToken(grace.clientToken), [&](std::optional<TokenStoreError>) { saved = true; });
        QTRY_VERIFY(saved);
        rig.app()->start();
        QTRY_VERIFY2_WITH_TIMEOUT(rig.session()->sessionId() == grace.sessionId && rig.client()->isAuthenticated()
                                      && rig.meSubject() == grace.userId,
                                  qPrintable(rig.describe()), kReliabilityWait);
    }

    //! (7) convex-backend#402: both the `convex` JWT template and Clerk's native Convex
    //! integration (session token with aud=convex) authenticate, and the log says which.
    void anchor07_jwtTemplateAndNativeIntegrationBothWork()
    {
        {
            QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("Convex tokens: JWT template \"convex\"")));
            AppRig rig(stack.config(), stack.signIn());
            QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
            QVERIFY(stack.countRequests(QStringLiteral("/tokens/convex$"), 200) >= 1);
            QCOMPARE(stack.countRequests(QStringLiteral("/tokens$")), 0);
        }
        stack.clerk(QStringLiteral("/__devstack/config"), {{QStringLiteral("convexIntegration"), true}});
        const StandInUser user = stack.signIn();
        {
            // Real Clerk hands out a session token at sign-in (the client's `last_active_token`,
            // which is how the app detects the integration); the stand-in mints it on request.
            MemoryTokenStore scratch(SecretToken(user.clientToken));
            FapiClient fapi(stack.config().frontendApi, &scratch);
            fapi.adoptClientToken(SecretToken(user.clientToken));
            bool minted = false;
            fapi.send(FapiClient::Method::Post, QStringLiteral("/client/sessions/%1/tokens").arg(user.sessionId), {},
                      [&](std::optional<FapiError> error, QJsonObject) { minted = !error; });
            QTRY_VERIFY_WITH_TIMEOUT(minted, kReliabilityWait);
        }
        stack.clerk(QStringLiteral("/__devstack/requests/clear"));
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("Convex tokens: the session token")));
        AppRig rig(stack.config(), user);
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        QVERIFY(stack.countRequests(QStringLiteral("/tokens$"), 200) >= 1);
        QCOMPARE(stack.countRequests(QStringLiteral("/tokens/convex$")), 0);
    }

    //! (10) convex-js#63: signing out while a token refresh is waiting to retry cancels it
    //! (no timer left, no token request afterwards) and reports the auth change.
    void anchor10_signOutCancelsPendingRefreshAndReportsAuthChange()
    {
        AppRig rig(stack.config(), stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        QSignalSpy authChanged(rig.client(), &convex::Client::authenticationChanged);
        stack.fault({{QStringLiteral("path"), kTokenPaths}, {QStringLiteral("status"), 503}, {QStringLiteral("times"), -1}});
        stack.convex(QStringLiteral("/__devstack/expire-auth"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.clock.pendingTimers() > 0, kReliabilityWait); // a retry is waiting
        rig.session()->signOut();
        QCOMPARE(rig.clock.pendingTimers(), size_t(0));
        stack.clerk(QStringLiteral("/__devstack/requests/clear"));
        rig.clock.advance(10 * 60 * 1000); // long past every retry the provider had planned
        QTRY_VERIFY2_WITH_TIMEOUT(rig.fullySignedOut(), qPrintable(rig.describe()), kReliabilityWait);
        QVERIFY(!authChanged.isEmpty());
        QCOMPARE(authChanged.last().at(0).toBool(), false);
        QCOMPARE(stack.countRequests(QStringLiteral("/tokens")), 0);
    }

    //! (13) convex-rs#15 and #8: dropping the last subscriber releases the server query, and
    //! the same query can be subscribed again at once (no "id already taken"), many times.
    void anchor13_lastUnsubscribeReleasesQueryAndResubscribeWorks()
    {
        AppRig rig(stack.config(), stack.signIn());
        QVERIFY2(rig.startAndSubscribe(stack), qPrintable(rig.describe()));
        const QString echo = QStringLiteral("debug:echo");
        for (int round = 0; round < 20; ++round) {
            const convex::ValueObject args{{QStringLiteral("value"), QStringLiteral("round %1").arg(round % 3)}};
            std::unique_ptr<convex::QuerySubscription> a(rig.client()->subscribe(echo, args));
            std::unique_ptr<convex::QuerySubscription> b(rig.client()->subscribe(echo, args));
            QTRY_VERIFY_WITH_TIMEOUT(!a->isLoading() && !b->isLoading(), kReliabilityWait);
            QVERIFY2(!a->hasError(), qPrintable(a->errorMessage()));
            QCOMPARE(a->variantValue().toString(), QStringLiteral("round %1").arg(round % 3));
            QCOMPARE(b->variantValue(), a->variantValue());
            QCOMPARE(serverQueries(echo), 1); // shared: one server query for both
            a.reset();
            QCOMPARE(b->variantValue().toString(), QStringLiteral("round %1").arg(round % 3)); // still live
            b.reset();
            QTRY_COMPARE_WITH_TIMEOUT(serverQueries(echo), 0, kReliabilityWait);
        }
        QVERIFY2(rig.fullySignedIn(), qPrintable(rig.describe()));
    }
};

QTEST_GUILESS_MAIN(TestReliabilityAnchors)
#include "tst_reliability_anchors.moc"
