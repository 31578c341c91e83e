// SPDX-License-Identifier: MIT
// The whole sign-in, end to end over real processes: the Clerk and Convex stand-ins
// (devstack/run), the WebEngine sign-in plugin, the real gnome-keyring over D-Bus (run under
// `./dev services`), a real convex::Client, and second processes (signinflow_helper) for the
// restart, the single-instance hand-over and the missing keyring. See README.md.

#include "childoutput.h"
#include "clerk/fapiclient.h"
#include "clerk/hostedsignin.h"
#include "clerk/pkce.h"
#include "devstackprocess.h"
#include "secretsinwidgets.h"
#include "secrets/keychaintokenstore.h"
#include "secrets/memorytokenstore.h"
#include "session/sessioncontroller.h"
#include "signinviewloader.h"
#include "singleinstance.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QApplication>
#include <QDesktopServices>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>

using namespace qonvex::app;
using qonvex::test::DevStackProcess;
using qonvex::test::SecretNeedles;
using qonvex::ui::SignInView;
using State = SessionController::State;

namespace {

constexpr int kWait = 30000;
constexpr int kTokenLifetimeSeconds = 20;
const QString kAda = QStringLiteral("ada@example.com");

QString originOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

//! QDesktopServices' URL handler: what "open in the system browser" reaches in the test.
class BrowserStandIn : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void openUrl(const QUrl &url) { opened.append(url); }
};

} // namespace

class TestSignInFlow : public QObject {
    Q_OBJECT

    DevStackProcess devstack;
    AppConfig config;
    qonvex::ui::SignInViewLoader loader;
    std::unique_ptr<SignInView> view;
    std::unique_ptr<KeychainTokenStore> store;
    std::unique_ptr<SessionController> controller;
    QUrl usedCallback;
    QUrl hostedOrigin;
    QString adaId;

    QJsonObject control(const QString &path, const QJsonObject &body = {})
    {
        QString error;
        const QJsonObject result = devstack.control(path, body, false, &error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return result;
    }

    //! What QtKeychain holds for this Frontend API, read back through a separate store.
    std::optional<QString> storedToken(bool *ok)
    {
        KeychainTokenStore reader(config.frontendApiAuthority());
        bool done = false;
        TokenLoadResult result;
        reader.load([&](TokenLoadResult r) {
            result = std::move(r);
            done = true;
        });
        *ok = QTest::qWaitFor([&] { return done; }, kWait) && !result.error;
        if (!result.token)
            return std::nullopt;
        return result.token->reveal();
    }

    QWebEnginePage *page() const
    {
        auto *web = view ? view->findChild<QWebEngineView *>() : nullptr;
        return web ? web->page() : nullptr;
    }

    QVariant runJs(const QString &script)
    {
        QWebEnginePage *p = page();
        if (!p)
            return {};
        QVariant result;
        bool done = false;
        p->runJavaScript(script, [&](const QVariant &value) {
            result = value;
            done = true;
        });
        (void)QTest::qWaitFor([&] { return done; }, kWait);
        return result;
    }

    bool loadInView(const QUrl &url)
    {
        view->start(url, {originOf(url), originOf(devstack.accountsUrl()), originOf(devstack.clerkFrontendApi())});
        return QTest::qWaitFor([&] { return view->loadState() == SignInView::LoadState::Ready; }, kWait);
    }

    QString runtimeUserIdOf(const QString &email)
    {
        // The control signs in on a throwaway client; only the user id is used.
        return control(QStringLiteral("/__devstack/sign-in"), {{QStringLiteral("email"), email}})
            .value(QLatin1String("userId")).toString();
    }

    //! users:me over a real Convex client authenticated by \a session; the identity object.
    QJsonObject queryMe(SessionController &session)
    {
        convex::Client client(devstack.convexUrl());
        client.setAuth(session.convexTokenFetcher());
        std::unique_ptr<convex::QuerySubscription> me(client.subscribe(QStringLiteral("users:me")));
        const bool gotIdentity = QTest::qWaitFor([&] {
            return client.isAuthenticated() && me->result() && me->result()->isSuccess()
                && me->result()->value().toJsonValue().isObject();
        }, kWait);
        return gotIdentity ? me->result()->value().toJsonValue().toObject() : QJsonObject();
    }

    QJsonObject runHelper(const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess helper;
        helper.setProcessEnvironment(environment);
        // Its logs join this test's output, where the secrets scan reads them.
        helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        helper.start(QStringLiteral(SIGNINFLOW_HELPER), arguments);
        if (!helper.waitForFinished(90000)) {
            helper.kill();
            helper.waitForFinished();
        }
        const QByteArray out = qonvex::test::readStdout(helper);
        if (helper.exitStatus() != QProcess::NormalExit)
            qWarning("helper crashed (its stderr is above)");
        return QJsonDocument::fromJson(out.trimmed()).object();
    }

    //! The secrets this test can know: the live client token, a Convex token minted now, the
    //! callback's nonce, plus everything the stand-in issued when run under the secrets scan.
    SecretNeedles knownSecrets()
    {
        SecretNeedles needles;
        needles.addIssuedLog();
        if (controller && controller->fapi()->clientToken())
            needles.add(QStringLiteral("client_token"), controller->fapi()->clientToken()->reveal());
        needles.add(QStringLiteral("rotating_token_nonce"),
                    QUrlQuery(usedCallback).queryItemValue(QStringLiteral("rotating_token_nonce")));
        if (controller && controller->state() == State::SignedIn) {
            std::optional<QString> jwt;
            bool done = false;
            controller->convexTokenFetcher()(false, [&](std::optional<QString> token) {
                jwt = std::move(token);
                done = true;
            });
            (void)QTest::qWaitFor([&] { return done; }, kWait);
            if (jwt)
                needles.add(QStringLiteral("convex_jwt"), *jwt);
        }
        return needles;
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
        if (qEnvironmentVariable("QONVEX_TEST_KEYRING") != u"1")
            QSKIP("needs the real keyring: run under ./dev services ctest ...");
        QVERIFY2(devstack.start({QStringLiteral("--token-lifetime"), QString::number(kTokenLifetimeSeconds)}),
                 qPrintable(devstack.error()));
        ClerkSettingsInput input;
        input.frontendApiUrl = devstack.clerkFrontendApi().toString();
        input.convexUrl = devstack.convexUrl().toString();
        const auto built = buildAppConfig(input);
        QVERIFY2(built.ok(), qPrintable(built.error()));
        config = built.value();
        adaId = runtimeUserIdOf(kAda);
        QVERIFY(!adaId.isEmpty());
        // Start from an empty keychain entry for this (random-port) Frontend API.
        KeychainTokenStore cleaner(config.frontendApiAuthority());
        bool cleared = false;
        cleaner.clear([&](std::optional<TokenStoreError> e) { cleared = !e; });
        QTRY_VERIFY_WITH_TIMEOUT(cleared, kWait);
        store = std::make_unique<KeychainTokenStore>(config.frontendApiAuthority());
        controller = std::make_unique<SessionController>(config, store.get());
    }

    void cleanupTestCase()
    {
        if (view)
            view->wipeProfile();
        view.reset();
        controller.reset();
        store.reset();
    }

    // 1. controller → hosted URL → embedded view → form → callback → SignedIn → keychain → Convex.
    void embeddedHostedSignIn()
    {
        QSignalSpy open(controller.get(), &SessionController::openUrlRequested);
        controller->signIn();
        QVERIFY(open.wait(kWait));
        const QUrl hosted = open.at(0).at(0).toUrl();
        QVERIFY2(hosted.path() == u"/sign-in", qPrintable(hosted.toString(QUrl::RemoveQuery)));
        hostedOrigin = QUrl(originOf(hosted));

        view.reset(loader.createView(nullptr));
        QVERIFY2(view, qPrintable(loader.errorString()));
        connect(controller.get(), &SessionController::webProfileWipeRequested, view.get(), &SignInView::wipeProfile);
        view->resize(760, 640);
        view->show();
        QSignalSpy callback(view.get(), &SignInView::callbackReceived);
        QVERIFY(loadInView(hosted));
        // A cookie in the web profile, for the wipe check in signOutWipesKeychainAndCookies().
        QCOMPARE(runJs(QStringLiteral("document.cookie = 'qonvexprobe=1; path=/'; document.cookie")).toString(),
                 QStringLiteral("qonvexprobe=1"));
        runJs(QStringLiteral("document.getElementById('email').value = '%1';"
                             "document.getElementById('password').value = 'qonvex-demo';"
                             "document.getElementById('submit').click(); true").arg(kAda));
        QTRY_COMPARE_WITH_TIMEOUT(callback.count(), 1, kWait);
        usedCallback = callback.at(0).at(0).toUrl();
        QCOMPARE(usedCallback.scheme(), QStringLiteral("qonvex"));
        QVERIFY(controller->handleCallbackUrl(usedCallback));
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), State::SignedIn, kWait);
        QVERIFY(controller->isPersistent());

        bool ok = false;
        std::optional<QString> stored;
        QTRY_VERIFY_WITH_TIMEOUT((stored = storedToken(&ok), ok && stored && controller->fapi()->clientToken()
                                  && *stored == controller->fapi()->clientToken()->reveal()), kWait);

        const QJsonObject me = queryMe(*controller);
        QVERIFY2(!me.isEmpty(), "users:me gave no identity");
        const QString issuer = me.value(QLatin1String("issuer")).toString();
        QCOMPARE(issuer, config.frontendApi.toString());
        QCOMPARE(me.value(QLatin1String("subject")).toString(), adaId);
        QCOMPARE(me.value(QLatin1String("tokenIdentifier")).toString(), issuer + u'|' + adaId);
        QCOMPARE(me.value(QLatin1String("email")).toString(), kAda);

        // After the callback no window title, accessible text, tip, object name, property or
        // URL/history entry of the embedded view holds a piece of a secret.
        if (!qEnvironmentVariableIsEmpty("QONVEX_DEVSTACK_SECRETS_LOG")) {
            // Under the secrets scan: the stand-in's record has the token it issued.
            SecretNeedles issued;
            QVERIFY(issued.addIssuedLog() > 0);
            QVERIFY2(issued.contains(controller->fapi()->clientToken()->reveal()),
                     "the Clerk stand-in did not record the client token it issued");
        }
        const SecretNeedles needles = knownSecrets();
        QVERIFY(needles.secretCount() >= 3);
        const QStringList leaks = qonvex::test::secretsInUserInterface(needles);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1String(", "))));
        // Controls: the walk reaches the embedded view's URL, and a planted 16-character piece
        // of the client token is caught (a 15-character one is not).
        bool sawViewUrl = false;
        for (const auto &[where, text] : qonvex::test::userInterfaceTexts())
            sawViewUrl = sawViewUrl || (where.endsWith(QLatin1String(".url")) && text.startsWith(hostedOrigin.toString()));
        QVERIFY2(sawViewUrl, "the user-interface walk did not see the embedded view's URL");
        const QString signature = controller->fapi()->clientToken()->reveal().section(u'.', 2);
        QVERIFY(signature.size() > 40);
        // (Padded with characters no token has, so only the 15 characters can match.)
        view->setProperty("qonvexProbe", QString(u'!' + signature.mid(20, 15) + u'!'));
        QVERIFY(qonvex::test::secretsInUserInterface(needles).isEmpty());
        view->setToolTip(QStringLiteral("tip ") + signature.mid(20, 16));
        // (QAccessibleWidget also reports the tool tip as the accessible description.)
        const QStringList caught = qonvex::test::secretsInUserInterface(needles);
        QVERIFY2(caught.contains(QStringLiteral("qonvex::ui::WebEngineSignInView.toolTip (client_token)")),
                 qPrintable(caught.join(QLatin1String(", "))));
        view->setToolTip(QString());
        view->setProperty("qonvexProbe", QVariant());
    }

    // 2. A new process restores from the keychain without mapping Qt WebEngine.
    void restartRestoresWithoutWebEngine()
    {
        QVERIFY(controller->state() == State::SignedIn);
        const QJsonObject child = runHelper({QStringLiteral("restore"), config.frontendApi.toString()});
        QCOMPARE(child.value(QLatin1String("state")).toString(), QStringLiteral("SignedIn"));
        QCOMPARE(child.value(QLatin1String("minted")).toBool(), true);
        QCOMPARE(child.value(QLatin1String("webEngineMapped")).toBool(true), false);
        // Control: this process did load the plugin, and the same check sees it.
        QFile maps(QStringLiteral("/proc/self/maps"));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        QVERIFY(maps.readAll().contains("libQt6WebEngine"));
    }

    // 3. Short-lived tokens are refreshed before they expire; Convex stays authenticated.
    void tokenRefreshKeepsConvexAuthenticated()
    {
        control(QStringLiteral("/__devstack/requests/clear"));
        convex::Client client(devstack.convexUrl());
        QSignalSpy auth(&client, &convex::Client::authenticationChanged);
        client.setAuth(controller->convexTokenFetcher());
        std::unique_ptr<convex::QuerySubscription> me(client.subscribe(QStringLiteral("users:me")));
        QTRY_VERIFY_WITH_TIMEOUT(client.isAuthenticated(), kWait);
        // Four template tokens minted = at least three lifetimes passed with refreshes.
        const QString mintPath = QStringLiteral("^/v1/client/sessions/[^/]+/tokens/convex$");
        QTRY_VERIFY_WITH_TIMEOUT(countRequests(mintPath) >= 4, 8 * kTokenLifetimeSeconds * 1000);
        QVERIFY(client.isAuthenticated());
        for (const QList<QVariant> &change : auth)
            QVERIFY2(change.at(0).toBool(), "the Convex client lost its authentication between refreshes");
        QVERIFY(me->result() && me->result()->isSuccess());
        QCOMPARE(me->result()->value().toJsonValue().toObject().value(QLatin1String("subject")).toString(), adaId);
        QCOMPARE(controller->state(), State::SignedIn);
    }

    // 4. A 401 carrying a rotated client token: the rotation is adopted and persisted.
    void rotated401IsPersisted()
    {
        bool ok = false;
        const std::optional<QString> before = storedToken(&ok);
        QVERIFY(ok && before);
        control(QStringLiteral("/__devstack/config"), {{QStringLiteral("rotateOnEveryResponse"), true}});
        control(QStringLiteral("/__devstack/faults"), {{QStringLiteral("path"), QStringLiteral("/v1/client/sessions/*/tokens/*")},
                                                       {QStringLiteral("status"), 401}});
        control(QStringLiteral("/__devstack/requests/clear"));
        bool done = false;
        controller->convexTokenFetcher()(true, [&](std::optional<QString>) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
        // The controller re-reads the client after the 401 and keeps the still-active session.
        QTRY_VERIFY_WITH_TIMEOUT(countRequests(QStringLiteral("^/v1/client$")) >= 1, kWait);
        const QJsonArray requests = control(QStringLiteral("/__devstack/requests")).value(QLatin1String("requests")).toArray();
        QJsonObject rejected;
        QJsonObject next;
        for (const auto &v : requests) {
            const QJsonObject r = v.toObject();
            if (rejected.isEmpty() && r.value(QLatin1String("status")).toInt() == 401)
                rejected = r;
            else if (!rejected.isEmpty() && next.isEmpty())
                next = r;
        }
        QVERIFY2(!rejected.isEmpty() && !next.isEmpty(), "no 401 followed by another request");
        const auto authOf = [](const QJsonObject &r) {
            return r.value(QLatin1String("headers")).toObject().value(QLatin1String("authorization")).toString();
        };
        QVERIFY(!authOf(next).isEmpty());
        QVERIFY2(authOf(next) != authOf(rejected), "the token rotated by the 401 was not used next");
        control(QStringLiteral("/__devstack/config"), {{QStringLiteral("rotateOnEveryResponse"), false}});
        control(QStringLiteral("/__devstack/faults/clear"));
        QCOMPARE(controller->state(), State::SignedIn);
        std::optional<QString> after;
        QTRY_VERIFY_WITH_TIMEOUT((after = storedToken(&ok), ok && after && controller->fapi()->clientToken()
                                  && *after == controller->fapi()->clientToken()->reveal()), kWait);
        QVERIFY(*after != *before);
    }

    // 6. Wrong state, reused nonce, wrong PKCE verifier.
    void forgedCallbacksAreRejected()
    {
        // A reused nonce: the embedded sign-in's callback, redeemed a second time.
        QUrlQuery used(usedCallback);
        const QString usedNonce = used.queryItemValue(QStringLiteral("rotating_token_nonce"));
        QVERIFY(!usedNonce.isEmpty());
        auto redeem = [&](FapiClient &fapi, const QString &nonce, const QByteArray &verifier) {
            QUrlQuery form;
            form.addQueryItem(QStringLiteral("_method"), QStringLiteral("GET"));
            form.addQueryItem(QStringLiteral("rotating_token_nonce"), nonce);
            form.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
            std::optional<std::optional<FapiError>> outcome;
            fapi.send(FapiClient::Method::Post, QStringLiteral("/client"), form,
                      [&](std::optional<FapiError> e, QJsonObject) { outcome = e; });
            (void)QTest::qWaitFor([&] { return outcome.has_value(); }, kWait);
            return outcome.value_or(FapiError{});
        };
        FapiClient probe(config.frontendApi, nullptr);
        probe.adoptClientToken(controller->fapi()->clientToken());
        const std::optional<FapiError> reused = redeem(probe, usedNonce, makePkcePair().verifier);
        QVERIFY(reused);
        QCOMPARE(reused->code, QStringLiteral("rotating_token_nonce_invalid"));

        // A wrong state: a fresh controller (own memory store) refuses the callback, redeems nothing.
        MemoryTokenStore otherStore;
        SessionController other(config, &otherStore);
        QSignalSpy open(&other, &SessionController::openUrlRequested);
        other.signIn();
        QVERIFY(open.wait(kWait));
        const QUrl callback = QUrl(control(QStringLiteral("/__devstack/hosted-auth/complete"),
                                           {{QStringLiteral("url"), open.at(0).at(0).toUrl().toString()}})
                                       .value(QLatin1String("callbackUrl")).toString());
        QVERIFY(callback.isValid());
        QUrlQuery q(callback);
        q.removeAllQueryItems(QStringLiteral("state"));
        q.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
        QUrl forged = callback;
        forged.setQuery(q);
        QVERIFY(!other.handleCallbackUrl(forged));
        QCOMPARE(other.state(), State::SignedOut);
        QVERIFY2(other.reason().contains(QLatin1String("state")), qPrintable(other.reason()));

        // A wrong verifier: the nonce of that (unredeemed) callback with someone else's verifier.
        const QString nonce = QUrlQuery(callback).queryItemValue(QStringLiteral("rotating_token_nonce"));
        FapiClient owner(config.frontendApi, nullptr);
        owner.adoptClientToken(other.fapi()->clientToken());
        const std::optional<FapiError> wrong = redeem(owner, nonce, makePkcePair().verifier);
        QVERIFY(wrong);
        QCOMPARE(wrong->kind, FapiError::Kind::PkceFailed);
        // The app's own session is untouched by all of this.
        QCOMPARE(controller->state(), State::SignedIn);
    }

    // 9. Sign-out: no keychain entry, and the web profile (cookies) is wiped.
    void signOutWipesKeychainAndCookies()
    {
        // Control: the probe cookie is still in the profile before sign-out.
        QUrl plainPage = hostedOrigin;
        plainPage.setPath(QStringLiteral("/sign-in"));
        plainPage.setQuery(QStringLiteral("redirect_url=qonvex%3A%2F%2Fcallback"));
        QVERIFY(loadInView(plainPage));
        QVERIFY(runJs(QStringLiteral("document.cookie")).toString().contains(QLatin1String("qonvexprobe=1")));

        QSignalSpy wiped(controller.get(), &SessionController::webProfileWipeRequested);
        controller->signOut();
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), State::SignedOut, kWait);
        QCOMPARE(wiped.count(), 1);
        bool ok = false;
        std::optional<QString> stored = QString();
        QTRY_VERIFY_WITH_TIMEOUT((stored = storedToken(&ok), ok && !stored), kWait);
        QVERIFY(loadInView(plainPage));
        QCOMPARE(runJs(QStringLiteral("document.cookie")).toString(), QString());
        const QStringList leaks = qonvex::test::secretsInUserInterface(knownSecrets());
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1String(", "))));
    }

    // 7. Browser fallback: QDesktopServices gets the hosted URL; a second process forwards the callback.
    void browserFallbackThroughSecondProcess()
    {
        BrowserStandIn browser;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "openUrl");
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "openUrl");
        const QString appKey = QStringLiteral("qonvex-signinflow-%1").arg(QCoreApplication::applicationPid());
        qonvex::SingleInstance instance(appKey);
        QCOMPARE(instance.claim(), qonvex::SingleInstance::Role::Primary);
        connect(&instance, &qonvex::SingleInstance::argumentsReceived, this, [this](const QStringList &arguments) {
            for (const QString &argument : arguments)
                controller->handleCallbackUrl(QUrl(argument));
        });
        // The app's "use my browser" wiring.
        const auto opener = connect(controller.get(), &SessionController::openUrlRequested, this,
                                    [](const QUrl &url) { QDesktopServices::openUrl(url); });
        controller->signIn();
        QTRY_COMPARE_WITH_TIMEOUT(browser.opened.size(), 1, kWait);
        disconnect(opener);
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        const QUrl hosted = browser.opened.at(0);
        QCOMPARE(hosted.path(), QStringLiteral("/sign-in"));
        // The user signs in in the browser; the desktop launches a second Qonvex with the callback.
        const QString callback = control(QStringLiteral("/__devstack/hosted-auth/complete"),
                                         {{QStringLiteral("url"), hosted.toString()}})
                                     .value(QLatin1String("callbackUrl")).toString();
        QVERIFY(callback.startsWith(QLatin1String("qonvex://callback?")));
        QProcess second;
        second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        second.start(QStringLiteral(SIGNINFLOW_HELPER), {QStringLiteral("forward"), appKey, callback});
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, kWait);
        qonvex::test::recordRemainingOutput(second);  // its stdout, for the secrets scan
        QCOMPARE(second.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), State::SignedIn, kWait);
        const QJsonObject me = queryMe(*controller);
        QCOMPARE(me.value(QLatin1String("subject")).toString(), adaId);
        bool ok = false;
        std::optional<QString> stored;
        QTRY_VERIFY_WITH_TIMEOUT((stored = storedToken(&ok), ok && stored.has_value()), kWait);
    }

    // 5. A revoked session signs out with a reason and clears the keychain.
    void revokedSessionSignsOut()
    {
        QCOMPARE(controller->state(), State::SignedIn);
        const QString sid = controller->sessionId();
        QVERIFY(!sid.isEmpty());
        control(QStringLiteral("/__devstack/sessions/revoke"), {{QStringLiteral("sessionId"), sid}});
        bool done = false;
        std::optional<QString> token = QStringLiteral("unset");
        controller->convexTokenFetcher()(true, [&](std::optional<QString> t) {
            token = t;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
        QVERIFY(!token);
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), State::SignedOut, kWait);
        QVERIFY2(controller->reason().contains(QLatin1String("revoked")), qPrintable(controller->reason()));
        bool ok = false;
        std::optional<QString> stored = QString();
        QTRY_VERIFY_WITH_TIMEOUT((stored = storedToken(&ok), ok && !stored), kWait);
    }

    // 8. No keyring: session-only is offered; accepting keeps the session in memory only.
    void noKeyringOffersSessionOnly()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        // No X11/Wayland fallback to an autolaunched bus either.
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/signinflow-bus"));
        const QJsonObject child = runHelper({QStringLiteral("nokeyring"), config.frontendApi.toString()}, environment);
        QCOMPARE(child.value(QLatin1String("callbackAccepted")).toBool(), true);
        QCOMPARE(child.value(QLatin1String("offered")).toString(), QStringLiteral("SessionOnly"));
        QVERIFY(!child.value(QLatin1String("offeredReason")).toString().isEmpty());
        QCOMPARE(child.value(QLatin1String("state")).toString(), QStringLiteral("SignedIn"));
        QCOMPARE(child.value(QLatin1String("persistent")).toBool(true), false);
        QCOMPARE(child.value(QLatin1String("minted")).toBool(), true);
        // Nothing reached the real keychain (it was emptied by the revoke above).
        bool ok = false;
        const std::optional<QString> stored = storedToken(&ok);
        QVERIFY(ok);
        QVERIFY(!stored);
    }
};

int main(int argc, char *argv[])
{
    qonvex::ui::prepareApplicationForSignInView();
    QApplication app(argc, argv);
    TestSignInFlow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signinflow.moc"
