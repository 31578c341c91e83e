// SPDX-License-Identifier: MIT
// The app's Clerk layer against the real Clerk stand-in (devstack/run --clerk-only, a Node
// process on a loopback port). The hosted pages are driven over HTTP the way a browser would:
// GET the page, POST the form, follow redirects until `qonvex://callback?...`.

#include "clerk/fapiclient.h"
#include "clerk/hostedsignin.h"
#include "clerk/pkce.h"
#include "devstackprocess.h"
#include "fakescheduler.h"
#include "secrets/memorytokenstore.h"
#include "session/sessioncontroller.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace qonvex::app;
using qonvex::test::DevStackProcess;
using qonvex::test::FakeScheduler;
using State = SessionController::State;

namespace {

constexpr int kWait = 15000;

struct Outcome {
    bool done = false;
    std::optional<FapiError> error;
    QJsonObject body;
};

} // namespace

class TestClerkDevstack : public QObject {
    Q_OBJECT

    DevStackProcess devstack;
    AppConfig config;
    QNetworkAccessManager browserNam;

    QJsonObject control(const QString &path, const QJsonObject &body = {})
    {
        QString error;
        const QJsonObject result = devstack.control(path, body, false, &error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return result;
    }

    QNetworkReply *waitFor(QNetworkReply *reply)
    {
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, kWait))
            reply->abort();
        return reply;
    }

    //! Plays the user in a browser: open the hosted page, submit e-mail + password, follow
    //! redirects. Returns the custom-scheme URL the browser would hand to the app.
    QUrl signInInBrowser(const QUrl &pageUrl, const QString &email = QStringLiteral("ada@example.com"),
                         const QString &password = QStringLiteral("qonvex-demo"))
    {
        QNetworkRequest get(pageUrl);
        get.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *page = waitFor(browserNam.get(get));
        page->deleteLater();
        const QString html = QString::fromUtf8(page->readAll());
        const auto formMatch = QRegularExpression(QStringLiteral("<form method=\"post\" action=\"([^\"]+)\" id=\"sign-in-form\">")).match(html);
        if (!formMatch.hasMatch())
            return {};
        QUrlQuery form;
        // Hidden inputs carry the flow (hosted_auth id, redirect_url), exactly as a browser sends them.
        auto hidden = QRegularExpression(QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")).globalMatch(html);
        while (hidden.hasNext()) {
            const auto m = hidden.next();
            form.addQueryItem(m.captured(1), m.captured(2).replace(QLatin1String("&amp;"), QLatin1String("&")));
        }
        form.addQueryItem(QStringLiteral("email"), email);
        form.addQueryItem(QStringLiteral("password"), password);
        QNetworkRequest post(pageUrl.resolved(QUrl(formMatch.captured(1))));
        post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
        post.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = waitFor(browserNam.post(post, form.toString(QUrl::FullyEncoded).toUtf8()));
        for (int hops = 0; hops < 10; ++hops) {
            reply->deleteLater();
            const QUrl location = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
            if (location.isEmpty())
                return {};
            const QUrl next = reply->url().resolved(location);
            if (next.scheme() != QLatin1String("http") && next.scheme() != QLatin1String("https"))
                return next; // the custom scheme: the browser hands it to the OS, i.e. to us
            QNetworkRequest follow(next);
            follow.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
            reply = waitFor(browserNam.get(follow));
        }
        return {};
    }

    //! Runs the whole hosted sign-in through \a controller; returns the session id.
    QString signIn(SessionController &controller)
    {
        QSignalSpy open(&controller, &SessionController::openUrlRequested);
        controller.signIn();
        if (!open.wait(kWait) && open.isEmpty())
            return {};
        const QUrl callback = signInInBrowser(open.at(0).at(0).toUrl());
        if (!controller.handleCallbackUrl(callback))
            return {};
        if (!QTest::qWaitFor([&] { return controller.state() == State::SignedIn; }, kWait))
            return {};
        return controller.sessionId();
    }

    std::optional<QString> fetchToken(SessionController &controller, bool force)
    {
        bool done = false;
        std::optional<QString> token;
        controller.convexTokenFetcher()(force, [&](std::optional<QString> t) {
            token = std::move(t);
            done = true;
        });
        (void)QTest::qWaitFor([&] { return done; }, kWait);
        return token;
    }

    int countRequests(const QString &pathPattern)
    {
        const QRegularExpression re(pathPattern);
        int n = 0;
        for (const auto &v : control(QStringLiteral("/__devstack/requests")).value(QLatin1String("requests")).toArray())
            if (re.match(v.toObject().value(QLatin1String("path")).toString()).hasMatch())
                ++n;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(devstack.start({QStringLiteral("--clerk-only")}), qPrintable(devstack.error()));
        ClerkSettingsInput in;
        in.publishableKey = devstack.clerkPublishableKey();
        in.frontendApiUrl = devstack.clerkFrontendApi().toString();
        in.convexUrl = QStringLiteral("http://127.0.0.1:1");
        const auto built = buildAppConfig(in);
        QVERIFY2(built.ok(), qPrintable(built.error()));
        config = built.value();
        // The key from the stand-in decodes to the same host the stand-in listens on.
        QCOMPARE(parsePublishableKey(in.publishableKey.toUtf8())->frontendApiHost, config.frontendApiAuthority());
    }

    void init()
    {
        control(QStringLiteral("/__devstack/faults/clear"));
        control(QStringLiteral("/__devstack/config"), {{QStringLiteral("convexTokenLifetime"), 60}});
    }

    void hostedSignInTokenAndNativeWireShape()
    {
        control(QStringLiteral("/__devstack/requests/clear"));
        MemoryTokenStore store;
        SessionController controller(config, &store);
        QSignalSpy authAvailable(&controller, &SessionController::convexAuthAvailable);
        const QString sid = signIn(controller);
        QVERIFY2(!sid.isEmpty(), qPrintable(controller.reason()));
        QCOMPARE(controller.userIdentifier(), QStringLiteral("ada@example.com"));
        QCOMPARE(authAvailable.count(), 1);
        // The rotated client token reached the store.
        QTRY_VERIFY(store.current().has_value());
        QCOMPARE(*store.current(), *controller.fapi()->clientToken());

        const auto token = fetchToken(controller, false);
        QVERIFY(token);
        const QJsonObject claims = unverifiedJwtClaims(token->toUtf8());
        QVERIFY(jwtHasAudience(claims, QStringLiteral("convex")));
        QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("user_2adaLovelace0000000000001"));
        QCOMPARE(claims.value(QLatin1String("iss")).toString(), config.frontendApi.toString());

        // Every FAPI request was native: flag, version, Authorization present, no Origin, no cookies.
        const QJsonArray requests = control(QStringLiteral("/__devstack/requests")).value(QLatin1String("requests")).toArray();
        int fapiRequests = 0;
        bool sawEmptyAuthorization = false;
        for (const auto &v : requests) {
            const QJsonObject r = v.toObject();
            if (!r.value(QLatin1String("path")).toString().startsWith(QLatin1String("/v1/")))
                continue;
            ++fapiRequests;
            const QJsonObject headers = r.value(QLatin1String("headers")).toObject();
            const QJsonObject query = r.value(QLatin1String("query")).toObject();
            QCOMPARE(query.value(QLatin1String("_is_native")).toString(), QStringLiteral("1"));
            QVERIFY(query.contains(QLatin1String("__clerk_api_version")));
            QVERIFY(headers.contains(QLatin1String("authorization")));
            QVERIFY(!headers.contains(QLatin1String("origin")));
            QVERIFY(!headers.contains(QLatin1String("cookie")));
            if (headers.value(QLatin1String("authorization")).toString().isEmpty())
                sawEmptyAuthorization = true;
        }
        QVERIFY(fapiRequests >= 4); // hosted_auth (maybe twice), redeem, touch, token
        QVERIFY(sawEmptyAuthorization); // the very first request, before any client existed
    }

    void cachedTokenRefreshesBeforeExpiry()
    {
        control(QStringLiteral("/__devstack/config"), {{QStringLiteral("convexTokenLifetime"), 30}});
        FakeScheduler clock(QDateTime::currentMSecsSinceEpoch());
        MemoryTokenStore store;
        SessionController controller(config, &store, nullptr, &clock);
        QVERIFY(!signIn(controller).isEmpty());
        control(QStringLiteral("/__devstack/requests/clear"));
        const auto t1 = fetchToken(controller, false);
        QVERIFY(t1);
        const QJsonObject claims = unverifiedJwtClaims(t1->toUtf8());
        QCOMPARE(claims.value(QLatin1String("exp")).toInteger() - claims.value(QLatin1String("iat")).toInteger(), 30);
        QCOMPARE(fetchToken(controller, false), t1); // cached
        QCOMPARE(countRequests(QStringLiteral("/tokens/convex$")), 1);
        clock.advance(15'000); // 15 s left, more than the 10 s leeway
        QCOMPARE(fetchToken(controller, false), t1);
        clock.advance(6'000); // 9 s left: inside the leeway, refresh
        const auto t2 = fetchToken(controller, false);
        QVERIFY(t2);
        QVERIFY(t2 != t1);
        QCOMPARE(countRequests(QStringLiteral("/tokens/convex$")), 2);
        // forceRefresh always asks Clerk, with skip_cache.
        const auto t3 = fetchToken(controller, true);
        QVERIFY(t3 && t3 != t2);
        const QJsonArray requests = control(QStringLiteral("/__devstack/requests")).value(QLatin1String("requests")).toArray();
        QCOMPARE(requests.last().toObject().value(QLatin1String("query")).toObject().value(QLatin1String("debug")).toString(),
                 QStringLiteral("skip_cache"));
    }

    void networkFailureRetriesAndKeepsSession()
    {
        FakeScheduler clock(QDateTime::currentMSecsSinceEpoch());
        MemoryTokenStore store;
        SessionController controller(config, &store, nullptr, &clock);
        QVERIFY(!signIn(controller).isEmpty());
        // (A dropped connection is resent by Qt itself on a reused connection, so use answers
        // that really fail: a 503 and a 429 with Retry-After.)
        control(QStringLiteral("/__devstack/faults"), {{QStringLiteral("path"), QStringLiteral("/v1/client/sessions/*/tokens/*")},
                                                       {QStringLiteral("status"), 503}, {QStringLiteral("times"), 1}});
        control(QStringLiteral("/__devstack/faults"), {{QStringLiteral("path"), QStringLiteral("/v1/client/sessions/*/tokens/*")},
                                                       {QStringLiteral("status"), 429}, {QStringLiteral("retryAfter"), 4},
                                                       {QStringLiteral("times"), 1}});
        bool done = false;
        std::optional<QString> token;
        controller.convexTokenFetcher()(false, [&](std::optional<QString> t) {
            token = std::move(t);
            done = true;
        });
        // Each failure schedules a retry on the fake clock; move time, no sleeping.
        for (int i = 0; i < 2; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(clock.pendingTimers() > 0, kWait);
            QCOMPARE(controller.state(), State::SignedIn);
            if (i == 1)
                QCOMPARE(clock.nextDelay(), 4000); // Retry-After beats the 2 s backoff
            clock.advance(clock.nextDelay());
        }
        QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
        QVERIFY(token);
        QCOMPARE(controller.state(), State::SignedIn);
        QVERIFY(store.current().has_value());
    }

    void stale401RotatesTokenAndHostedAuthRetriesOnce()
    {
        MemoryTokenStore store;
        FapiClient fapi(config.frontendApi, &store);
        fapi.adoptClientToken(SecretToken(QStringLiteral("stale-client-token")));
        Outcome o;
        fapi.send(FapiClient::Method::Get, QStringLiteral("/client"), {}, [&](std::optional<FapiError> e, QJsonObject b) {
            o = {true, e, b};
        });
        QTRY_VERIFY_WITH_TIMEOUT(o.done, kWait);
        // Hosted auth with a stale client: 401 signed_out carrying a fresh token, then one retry.
        fapi.adoptClientToken(SecretToken(QStringLiteral("stale-client-token")));
        control(QStringLiteral("/__devstack/requests/clear"));
        HostedSignIn flow(&fapi, config.redirectUrl);
        QSignalSpy open(&flow, &HostedSignIn::openUrlRequested);
        QSignalSpy failed(&flow, &HostedSignIn::failed);
        QVERIFY(flow.start());
        QVERIFY(open.wait(kWait));
        QCOMPARE(failed.count(), 0);
        const QJsonArray requests = control(QStringLiteral("/__devstack/requests")).value(QLatin1String("requests")).toArray();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[0].toObject().value(QLatin1String("status")).toInt(401), 401);
        const QString rotated = requests[1].toObject().value(QLatin1String("headers")).toObject().value(QLatin1String("authorization")).toString();
        QVERIFY(!rotated.isEmpty());
        QVERIFY(rotated != QLatin1String("stale-client-token"));
        QCOMPARE(fapi.clientToken()->reveal(), rotated);
        QTRY_COMPARE(store.current()->reveal(), rotated); // persisted from the 401 itself
        // Only one flow at a time.
        QVERIFY(!flow.start());
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<HostedSignInFailure>(), HostedSignInFailure::AlreadyRunning);
        flow.cancel();
        QCOMPARE(failed.count(), 2);
        QCOMPARE(failed.at(1).at(0).value<HostedSignInFailure>(), HostedSignInFailure::Cancelled);
    }

    void wrongStateIsRejectedAndNonceNotUsed()
    {
        MemoryTokenStore store;
        SessionController controller(config, &store);
        QSignalSpy open(&controller, &SessionController::openUrlRequested);
        controller.signIn();
        QVERIFY(open.wait(kWait));
        const QUrl callback = signInInBrowser(open.at(0).at(0).toUrl());
        QVERIFY(callback.isValid());
        QUrlQuery q(callback);
        q.removeAllQueryItems(QStringLiteral("state"));
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
        QUrl forged = callback;
        forged.setQuery(q);
        control(QStringLiteral("/__devstack/requests/clear"));
        QVERIFY(!controller.handleCallbackUrl(forged));
        QCOMPARE(controller.state(), State::SignedOut);
        QVERIFY2(controller.reason().contains(QLatin1String("state")), qPrintable(controller.reason()));
        // The real callback is now refused too: the flow is over, nothing was redeemed.
        QVERIFY(!controller.handleCallbackUrl(callback));
        QCOMPARE(countRequests(QStringLiteral("^/v1/client$")), 0);
    }

    void wrongVerifierAndReusedNonceAreRejected()
    {
        MemoryTokenStore store;
        FapiClient fapi(config.frontendApi, &store);
        const PkcePair pkce = makePkcePair();
        const QByteArray state = randomUrlSafeString(16);
        auto send = [&](FapiClient::Method m, const QString &path, const QUrlQuery &form) {
            Outcome o;
            fapi.send(m, path, form, [&](std::optional<FapiError> e, QJsonObject b) { o = {true, e, b}; });
            (void)QTest::qWaitFor([&] { return o.done; }, kWait);
            return o;
        };
        QUrlQuery create;
        create.addQueryItem(QStringLiteral("redirect_url"), config.redirectUrl.toString());
        create.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(pkce.challenge));
        create.addQueryItem(QStringLiteral("state"), QString::fromLatin1(state));
        Outcome created = send(FapiClient::Method::Post, QStringLiteral("/client/hosted_auth"), create);
        if (created.error && created.error->kind == FapiError::Kind::SignedOut) // first contact: no client yet
            created = send(FapiClient::Method::Post, QStringLiteral("/client/hosted_auth"), create);
        QVERIFY2(!created.error, qPrintable(created.error ? created.error->describe() : QString()));
        const QUrl callback = signInInBrowser(QUrl(created.body.value(QLatin1String("response")).toObject().value(QLatin1String("url")).toString()));
        const auto parsed = parseHostedAuthCallback(callback.toEncoded(), config.redirectUrl, state);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));

        auto redeem = [&](const QByteArray &verifier) {
            QUrlQuery form;
            form.addQueryItem(QStringLiteral("_method"), QStringLiteral("GET"));
            form.addQueryItem(QStringLiteral("rotating_token_nonce"), parsed->rotatingTokenNonce);
            form.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
            return send(FapiClient::Method::Post, QStringLiteral("/client"), form);
        };
        const Outcome wrong = redeem(makePkcePair().verifier);
        QVERIFY(wrong.error);
        QCOMPARE(wrong.error->kind, FapiError::Kind::PkceFailed);
        const Outcome right = redeem(pkce.verifier);
        QVERIFY2(!right.error, qPrintable(right.error ? right.error->describe() : QString()));
        const auto client = parseClerkClient(clientFromEnvelope(right.body));
        QVERIFY(client && client->session(parsed->createdSessionId));
        const Outcome reused = redeem(pkce.verifier);
        QVERIFY(reused.error);
        QCOMPARE(reused.error->kind, FapiError::Kind::Rejected);
        QCOMPARE(reused.error->code, QStringLiteral("rotating_token_nonce_invalid"));
    }

    void restoreThenSignOut()
    {
        MemoryTokenStore store;
        QString sid;
        {
            SessionController first(config, &store);
            sid = signIn(first);
            QVERIFY(!sid.isEmpty());
        }
        QTRY_VERIFY(store.current().has_value());
        // A new launch: silent restore from the stored client token.
        SessionController controller(config, &store);
        QSignalSpy cleared(&controller, &SessionController::convexAuthCleared);
        QSignalSpy wipe(&controller, &SessionController::webProfileWipeRequested);
        controller.restore();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::SignedIn, kWait);
        QCOMPARE(controller.sessionId(), sid);
        QVERIFY(fetchToken(controller, false));
        QVERIFY(!controller.signedOutByUser());

        controller.signOut();
        QCOMPARE(controller.state(), State::SignedOut);
        // The UI words a user's own sign-out by this flag, whatever language reason() is in.
        QVERIFY(controller.signedOutByUser());
        QCOMPARE(cleared.count(), 1);
        QCOMPARE(wipe.count(), 1);
        QVERIFY(!fetchToken(controller, false));
        QTRY_VERIFY(!store.current().has_value());
        // The session was ended at Clerk.
        auto sessionStatus = [&] {
            for (const auto &v : control(QStringLiteral("/__devstack/state")).value(QLatin1String("sessions")).toArray())
                if (v.toObject().value(QLatin1String("id")).toString() == sid)
                    return v.toObject().value(QLatin1String("status")).toString();
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(sessionStatus(), QStringLiteral("ended"), kWait);
        // Restoring again finds nothing: signed out, not an error.
        controller.restore();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::SignedOut, kWait);
    }

    void revokedSessionSignsOutAndClearsStore()
    {
        MemoryTokenStore store;
        SessionController controller(config, &store);
        const QString sid = signIn(controller);
        QVERIFY(!sid.isEmpty());
        QTRY_VERIFY(store.current().has_value());
        QSignalSpy cleared(&controller, &SessionController::convexAuthCleared);
        QSignalSpy wipe(&controller, &SessionController::webProfileWipeRequested);
        control(QStringLiteral("/__devstack/sessions/revoke"), {{QStringLiteral("sessionId"), sid}});
        QVERIFY(!fetchToken(controller, true)); // 401 authentication_invalid
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::SignedOut, kWait);
        QVERIFY2(controller.reason().contains(QLatin1String("revoked")), qPrintable(controller.reason()));
        QCOMPARE(cleared.count(), 1);
        QCOMPARE(wipe.count(), 1);
        QTRY_VERIFY(!store.current().has_value());
    }

    void offlineRestoreKeepsTheToken()
    {
        // Clerk unreachable (nothing listens on the port): an error with a retry, the stored
        // token stays.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        AppConfig offline = config;
        offline.frontendApi = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        probe.close();
        MemoryTokenStore store(SecretToken(QStringLiteral("some-client-token")));
        FakeScheduler clock(QDateTime::currentMSecsSinceEpoch());
        SessionController controller(offline, &store, nullptr, &clock);
        controller.restore();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Error, kWait);
        QVERIFY(store.current().has_value());
        QCOMPARE(clock.pendingTimers(), size_t(1)); // a retry is scheduled
    }

    void serverErrorDuringRestoreRetries()
    {
        MemoryTokenStore store;
        QString sid;
        {
            SessionController first(config, &store);
            sid = signIn(first);
            QVERIFY(!sid.isEmpty());
        }
        QTRY_VERIFY(store.current().has_value());
        control(QStringLiteral("/__devstack/faults"), {{QStringLiteral("path"), QStringLiteral("/v1/client")},
                                                       {QStringLiteral("status"), 503}, {QStringLiteral("times"), 1}});
        FakeScheduler clock(QDateTime::currentMSecsSinceEpoch());
        SessionController controller(config, &store, nullptr, &clock);
        controller.restore();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Error, kWait);
        QVERIFY(store.current().has_value()); // not signed out
        QCOMPARE(clock.pendingTimers(), size_t(1));
        clock.advance(clock.nextDelay());
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::SignedIn, kWait);
        QCOMPARE(controller.sessionId(), sid);
    }
};

QTEST_GUILESS_MAIN(TestClerkDevstack)
#include "tst_app_clerk_devstack.moc"
