// SPDX-License-Identifier: MIT
// FapiClient against an in-process HTTP server: native-mode request shape, token rotation
// from every answer (401 included), persistence, typed errors.

#include "clerk/fapiclient.h"
#include "clerk/hostedsignin.h"
#include "miniserver.h"
#include "secrets/memorytokenstore.h"

#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace qonvex::app;
using qonvex::test::MiniServer;
using qonvex::test::ScriptedResponse;

namespace {

struct Outcome {
    bool done = false;
    std::optional<FapiError> error;
    QJsonObject body;
};

FapiClient::Callback capture(Outcome &o)
{
    return [&o](std::optional<FapiError> e, QJsonObject b) {
        o.done = true;
        o.error = std::move(e);
        o.body = std::move(b);
    };
}

//! A store whose writes fail, like a locked keyring.
class RefusingStore final : public TokenStore {
public:
    void load(LoadCallback done) override { done({}); }
    void save(const SecretToken &, DoneCallback done) override
    {
        QMetaObject::invokeMethod(this, [done] { done(TokenStoreError{TokenStoreError::Kind::AccessDenied, QStringLiteral("locked")}); },
                                  Qt::QueuedConnection);
    }
    void clear(DoneCallback done) override { QMetaObject::invokeMethod(this, [done] { done(std::nullopt); }, Qt::QueuedConnection); }
    bool isPersistent() const override { return true; }
};

} // namespace

class TestFapiClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sendsNativeRequestShape()
    {
        MiniServer server;
        MemoryTokenStore store;
        QNetworkAccessManager nam;
        // Even with cookies for the host in the manager's jar, none may be sent.
        auto *jar = new QNetworkCookieJar(&nam);
        nam.setCookieJar(jar);
        QNetworkCookie cookie("__client", "browser-cookie");
        cookie.setDomain(QStringLiteral("127.0.0.1"));
        cookie.setPath(QStringLiteral("/"));
        jar->insertCookie(cookie);

        FapiClient fapi(server.baseUrl(), &store, nullptr, &nam);
        server.enqueue({200, {{"Authorization", "client-token-1"}, {"Set-Cookie", "__client=x; Path=/"}},
                        R"({"response":null,"client":null})"});
        Outcome o;
        fapi.send(FapiClient::Method::Get, QStringLiteral("/client"), {}, capture(o));
        QTRY_VERIFY(o.done);
        QVERIFY(!o.error);
        QCOMPARE(server.requests.size(), 1);
        const auto &r = server.requests[0];
        QCOMPARE(r.method, QByteArray("GET"));
        QVERIFY2(r.target.startsWith("/v1/client?"), r.target.constData());
        QVERIFY(r.target.contains("_is_native=1"));
        QVERIFY(r.target.contains("__clerk_api_version=2026-05-12"));
        QVERIFY2(r.hasHeader("authorization"), "the first request must carry an empty Authorization header");
        QCOMPARE(r.headers.value("authorization"), QByteArray());
        QVERIFY(!r.hasHeader("origin"));
        QVERIFY(!r.hasHeader("cookie"));
        // The Set-Cookie answer was not stored either.
        QCOMPARE(jar->cookiesForUrl(server.baseUrl()).size(), 1);

        // The rotated token is used and persisted.
        QVERIFY(fapi.clientToken());
        QCOMPARE(fapi.clientToken()->reveal(), QStringLiteral("client-token-1"));
        QTRY_VERIFY(store.current().has_value());
        QCOMPARE(store.current()->reveal(), QStringLiteral("client-token-1"));

        QUrlQuery form;
        form.addQueryItem(QStringLiteral("a b"), QStringLiteral("c&d"));
        Outcome o2;
        fapi.send(FapiClient::Method::Post, QStringLiteral("/client/hosted_auth"), form, capture(o2));
        QTRY_VERIFY(o2.done);
        QCOMPARE(server.requests[1].headers.value("authorization"), QByteArray("client-token-1"));
        QCOMPARE(server.requests[1].headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(server.requests[1].body, QByteArray("a%20b=c%26d"));
    }

    void rotatesOn401AndMapsTheError()
    {
        MiniServer server;
        MemoryTokenStore store(SecretToken(QStringLiteral("old")));
        FapiClient fapi(server.baseUrl(), &store);
        fapi.adoptClientToken(SecretToken(QStringLiteral("old")));
        server.enqueue({401, {{"Authorization", "fresh"}},
                        R"({"errors":[{"code":"signed_out","message":"Signed out","long_message":"You are signed out"}]})"});
        QSignalSpy changed(&fapi, &FapiClient::clientTokenChanged);
        Outcome o;
        fapi.send(FapiClient::Method::Post, QStringLiteral("/client/hosted_auth"), {}, capture(o));
        QTRY_VERIFY(o.done);
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, FapiError::Kind::SignedOut);
        QCOMPARE(o.error->message, QStringLiteral("You are signed out"));
        QCOMPARE(fapi.clientToken()->reveal(), QStringLiteral("fresh"));
        QCOMPARE(changed.count(), 1);
        QTRY_COMPARE(store.current()->reveal(), QStringLiteral("fresh"));
    }

    void bareBearerClearsTheToken()
    {
        MiniServer server;
        MemoryTokenStore store(SecretToken(QStringLiteral("t")));
        FapiClient fapi(server.baseUrl(), &store);
        fapi.adoptClientToken(SecretToken(QStringLiteral("t")));
        server.enqueue({200, {{"Authorization", "Bearer"}}, "{}"});
        Outcome o;
        fapi.send(FapiClient::Method::Delete, QStringLiteral("/client"), {}, capture(o));
        QTRY_VERIFY(o.done);
        QCOMPARE(server.requests[0].method, QByteArray("DELETE"));
        QVERIFY(!fapi.clientToken());
        QTRY_VERIFY(!store.current().has_value());
    }

    void forgottenTokenIsNotResurrectedByLateAnswer()
    {
        MiniServer server;
        MemoryTokenStore store(SecretToken(QStringLiteral("t")));
        FapiClient fapi(server.baseUrl(), &store);
        fapi.adoptClientToken(SecretToken(QStringLiteral("t")));
        server.enqueue({200, {{"Authorization", "rotated-after-end"}}, "{}"});
        Outcome o;
        fapi.send(FapiClient::Method::Post, QStringLiteral("/client/sessions/s/end"), {}, capture(o));
        fapi.forgetClientToken(); // sign-out right after sending
        QTRY_VERIFY(o.done);
        QVERIFY(!fapi.clientToken());
        QTRY_VERIFY(!store.current().has_value());
        QCOMPARE(server.requests[0].headers.value("authorization"), QByteArray("t"));
    }

    void reportsPersistenceFailure()
    {
        MiniServer server;
        RefusingStore store;
        FapiClient fapi(server.baseUrl(), &store);
        QSignalSpy failed(&fapi, &FapiClient::persistenceFailed);
        server.enqueue({200, {{"Authorization", "tok"}}, "{}"});
        Outcome o;
        fapi.send(FapiClient::Method::Get, QStringLiteral("/client"), {}, capture(o));
        QTRY_VERIFY(o.done);
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<TokenStoreError>().kind, TokenStoreError::Kind::AccessDenied);
        QCOMPARE(fapi.clientToken()->reveal(), QStringLiteral("tok")); // still usable in memory
    }

    void networkFailureAndBadJson()
    {
        // A port nobody listens on.
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close();
        FapiClient offline(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), nullptr);
        Outcome o;
        offline.send(FapiClient::Method::Get, QStringLiteral("/client"), {}, capture(o));
        QTRY_VERIFY(o.done);
        QVERIFY(o.error);
        QCOMPARE(o.error->kind, FapiError::Kind::Network);
        QVERIFY(o.error->isTransient());

        MiniServer server;
        FapiClient fapi(server.baseUrl(), nullptr);
        server.enqueue({200, {}, "not json"});
        Outcome o2;
        fapi.send(FapiClient::Method::Get, QStringLiteral("/client"), {}, capture(o2));
        QTRY_VERIFY(o2.done);
        QVERIFY(o2.error);
        QCOMPARE(o2.error->kind, FapiError::Kind::Server);
    }

    void hostedSignInRefusesNonHttpsPageAndTimesOut()
    {
        MiniServer server;
        FapiClient fapi(server.baseUrl(), nullptr);
        HostedSignIn flow(&fapi, QUrl(QStringLiteral("qonvex://callback")));
        QSignalSpy open(&flow, &HostedSignIn::openUrlRequested);
        QSignalSpy failed(&flow, &HostedSignIn::failed);
        // A page URL on plain http to a remote host would leak the password form: refused.
        server.enqueue({200, {}, "{\"response\":{\"object\":\"hosted_auth\",\"url\":\"http:/" "/accounts.example.com/sign-in\"}}"});
        QVERIFY(flow.start());
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).value<HostedSignInFailure>(), HostedSignInFailure::ClerkError);
        QCOMPARE(open.count(), 0);
        QVERIFY(!flow.isActive());
        // The request carried a PKCE challenge and a state, never the verifier.
        const QUrlQuery form(QString::fromUtf8(server.requests[0].body));
        QCOMPARE(form.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
        QVERIFY(!form.queryItemValue(QStringLiteral("state")).isEmpty());
        QVERIFY(!form.hasQueryItem(QStringLiteral("code_verifier")));
        QCOMPARE(form.queryItemValue(QStringLiteral("redirect_url")), QStringLiteral("qonvex://callback"));

        // No callback arrives: the flow times out and a late callback is ignored.
        server.enqueue({200, {}, "{\"response\":{\"object\":\"hosted_auth\",\"url\":\"https:/" "/accounts.example.com/sign-in?x=1\"}}"});
        flow.setTimeout(std::chrono::milliseconds(1));
        QVERIFY(flow.start());
        QTRY_COMPARE(failed.count(), 2);
        QCOMPARE(failed.at(1).at(0).value<HostedSignInFailure>(), HostedSignInFailure::TimedOut);
        QVERIFY(!flow.handleCallback(QUrl(QStringLiteral("qonvex://callback?state=a&rotating_token_nonce=b&created_session_id=c"))));
        for (const auto &r : server.requests) // nothing was redeemed
            QVERIFY(r.target.startsWith("/v1/client/hosted_auth?"));
    }

    void clientFromEnvelopeVariants()
    {
        const QJsonObject client{{QStringLiteral("object"), QStringLiteral("client")}, {QStringLiteral("id"), QStringLiteral("c1")}};
        QCOMPARE(clientFromEnvelope({{QStringLiteral("response"), client}}), client);
        QCOMPARE(clientFromEnvelope({{QStringLiteral("response"), QJsonObject{{QStringLiteral("object"), QStringLiteral("session")}}},
                                     {QStringLiteral("client"), client}}),
                 client);
        QCOMPARE(clientFromEnvelope({{QStringLiteral("meta"), QJsonObject{{QStringLiteral("client"), client}}}}), client);
        QVERIFY(clientFromEnvelope({{QStringLiteral("response"), QJsonValue::Null}}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFapiClient)
#include "tst_app_fapiclient.moc"
