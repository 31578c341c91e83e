// SPDX-License-Identifier: MIT
// HttpClient against a real loopback socket (FakeHttpServer): what goes on the wire and how
// every kind of answer becomes a FunctionResult.

#include "fakehttpserver.h"

#include <convexclient/httpclient.h>
#include <convexclient/version.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

using convex::FunctionResult;
using convex::HttpClient;
using convex::Value;
using convex::ValueObject;
using qonvex::test::FakeHttpServer;
using namespace std::chrono_literals;

namespace {

template <typename T>
T waitFor(const QFuture<T> &future)
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 10000); }();
    if (!future.isFinished() || future.resultCount() != 1)
        return T{};
    return future.result();
}

FakeHttpServer::Reply json(int status, const char *body)
{
    FakeHttpServer::Reply r;
    r.status = status;
    r.body = body;
    return r;
}

} // namespace

class TestHttpClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        QVERIFY(server->listen());
    }
    void cleanup() { server.reset(); }

    void sendsTheRequestOfTheReference()
    {
        HttpClient client(server->url());
        client.setAuthToken(QStringLiteral("header.payload.sig"));
        server->enqueue(json(200, R"({"status":"success","value":null})"));
        ValueObject args;
        args.insert(QStringLiteral("limit"), Value::int64(10));
        args.insert(QStringLiteral("channel"), Value(u"general"));
        const FunctionResult r = waitFor(client.query(QStringLiteral("messages:list"), args));
        QVERIFY(r.isSuccess());
        QCOMPARE(server->requests().size(), 1);
        const auto &req = server->requests().first();
        QCOMPARE(req.method, QByteArray("POST"));
        QCOMPARE(req.path, QByteArray("/api/query"));
        QCOMPARE(req.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(req.headers.value("convex-client"), convex::clientHeaderValue().toUtf8());
        QCOMPARE(req.headers.value("authorization"), QByteArray("Bearer header.payload.sig"));
        QCOMPARE(req.body, QByteArray(R"({"path":"messages:list","args":[{"channel":"general","limit":{"$integer":"CgAAAAAAAAA="}}],"format":"convex_encoded_json"})"));
    }

    void endpointPerKind_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("query") << int(HttpClient::FunctionKind::Query) << QByteArray("/api/query");
        QTest::newRow("mutation") << int(HttpClient::FunctionKind::Mutation) << QByteArray("/api/mutation");
        QTest::newRow("action") << int(HttpClient::FunctionKind::Action) << QByteArray("/api/action");
    }
    void endpointPerKind()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, path);
        // A deployment URL with a trailing slash and a path prefix (reverse proxy) keeps the prefix.
        QUrl url = server->url();
        url.setPath(QStringLiteral("/prefix/"));
        HttpClient client(url);
        server->enqueue(json(200, R"({"status":"success","value":true})"));
        const auto r = waitFor(client.call(HttpClient::FunctionKind(kind), QStringLiteral("a:b")));
        QCOMPARE(r.result.value(), Value(true));
        QCOMPARE(server->requests().value(0).path, QByteArray("/prefix") + path);
    }

    void authorizationOnlyWithAToken()
    {
        HttpClient client(server->url());
        server->enqueue(json(200, R"({"status":"success","value":1})"));
        server->enqueue(json(200, R"({"status":"success","value":2})"));
        server->enqueue(json(200, R"({"status":"success","value":3})"));
        waitFor(client.query(QStringLiteral("a:b")));
        QVERIFY(!server->requests().value(0).headers.contains("authorization"));
        // A per-call token wins over the client's.
        client.setAuthToken(QStringLiteral("client-token"));
        waitFor(client.query(QStringLiteral("a:b"), {}, QStringLiteral("call-token")));
        QCOMPARE(server->requests().value(1).headers.value("authorization"), QByteArray("Bearer call-token"));
        client.clearAuthToken();
        QVERIFY(!client.hasAuthToken());
        waitFor(client.query(QStringLiteral("a:b")));
        QVERIFY(!server->requests().value(2).headers.contains("authorization"));
    }

    void decodesSpecialValues()
    {
        HttpClient client(server->url());
        server->enqueue(json(200, R"({"status":"success","value":{"big":{"$integer":"/////////38="},)"
                                  R"("raw":{"$bytes":"AAH/"},"nan":{"$float":"AAAAAAAA+H8="},"n":3},)"
                                  R"("logLines":["[LOG] 'hello'"]})"));
        const FunctionResult r = waitFor(client.query(QStringLiteral("debug:echo")));
        QVERIFY2(r.isSuccess(), qPrintable(r.errorMessage()));
        QCOMPARE(r.value()[QStringLiteral("big")], Value::int64(std::numeric_limits<qint64>::max()));
        QCOMPARE(r.value()[QStringLiteral("raw")], Value::bytes(QByteArray("\x00\x01\xff", 3)));
        QVERIFY(std::isnan(r.value()[QStringLiteral("nan")].toFloat64()));
        QCOMPARE(r.value()[QStringLiteral("n")], Value::float64(3));
        QCOMPARE(r.logLines(), QStringList{QStringLiteral("[LOG] 'hello'")});
    }

    void functionErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("convexError");
        QTest::addColumn<Value>("data");
        QTest::newRow("200 plain") << 200 << QByteArray(R"({"status":"error","errorMessage":"boom"})") << false << Value();
        QTest::newRow("560 plain") << 560 << QByteArray(R"({"status":"error","errorMessage":"boom"})") << false << Value();
        ValueObject data;
        data.insert(QStringLiteral("code"), Value::int64(7));
        QTest::newRow("560 ConvexError") << 560
            << QByteArray(R"({"status":"error","errorMessage":"boom","errorData":{"code":{"$integer":"BwAAAAAAAAA="}}})")
            << true << Value(data);
        QTest::newRow("ConvexError with null data") << 200
            << QByteArray(R"({"status":"error","errorMessage":"boom","errorData":null})") << true << Value();
    }
    void functionErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, convexError);
        QFETCH(Value, data);
        HttpClient client(server->url());
        FakeHttpServer::Reply reply;
        reply.status = status;
        reply.body = body;
        server->enqueue(reply);
        const auto response = waitFor(client.call(HttpClient::FunctionKind::Mutation, QStringLiteral("a:b")));
        QCOMPARE(response.failure, HttpClient::Failure::None);
        QCOMPARE(response.httpStatus, status);
        QVERIFY(response.result.isFunctionError());
        QCOMPARE(response.result.errorMessage(), QStringLiteral("boom"));
        QCOMPARE(response.result.isConvexError(), convexError);
        QCOMPARE(response.result.errorData(), data);
    }

    void requestErrorKeepsCodeAndMessage()
    {
        HttpClient client(server->url());
        server->enqueue(json(401, R"({"code":"Unauthenticated","message":"Could not verify OIDC token claim"})"));
        const auto response = waitFor(client.call(HttpClient::FunctionKind::Query, QStringLiteral("a:b")));
        QCOMPARE(response.failure, HttpClient::Failure::HttpStatus);
        QCOMPARE(response.httpStatus, 401);
        QCOMPARE(response.errorCode, QStringLiteral("Unauthenticated"));
        QVERIFY(response.result.isClientError());
        QCOMPARE(response.result.errorMessage(),
                 QStringLiteral("HTTP 401 Unauthenticated: Could not verify OIDC token claim"));
    }

    void unreadableAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("message");
        const int invalid = int(HttpClient::Failure::InvalidResponse);
        QTest::newRow("not json") << 200 << QByteArray("<html>secret</html>") << invalid
            << QStringLiteral("Invalid response from the Convex server (HTTP 200): the body is not valid Convex JSON");
        QTest::newRow("array") << 200 << QByteArray("[]") << invalid
            << QStringLiteral("Invalid response from the Convex server (HTTP 200): the body is not a JSON object");
        QTest::newRow("unknown status") << 200 << QByteArray(R"({"status":"maybe"})") << invalid
            << QStringLiteral("Invalid response from the Convex server (HTTP 200): unknown status");
        QTest::newRow("success without value") << 200 << QByteArray(R"({"status":"success"})") << invalid
            << QStringLiteral("Invalid response from the Convex server (HTTP 200): a success without a value");
        QTest::newRow("error without message") << 560 << QByteArray(R"({"status":"error"})") << invalid
            << QStringLiteral("Invalid response from the Convex server (HTTP 560): an error without an errorMessage");
        QTest::newRow("html 502") << 502 << QByteArray("<html>gateway</html>") << int(HttpClient::Failure::HttpStatus)
            << QStringLiteral("HTTP 502 Bad Gateway");
    }
    void unreadableAnswers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, failure);
        QFETCH(QString, message);
        HttpClient client(server->url());
        FakeHttpServer::Reply reply;
        reply.status = status;
        reply.body = body;
        server->enqueue(reply);
        const auto response = waitFor(client.call(HttpClient::FunctionKind::Query, QStringLiteral("a:b")));
        QCOMPARE(int(response.failure), failure);
        QVERIFY(response.result.isClientError());
        QCOMPARE(response.result.errorMessage(), message);
    }

    void redirectIsNotFollowed()
    {
        HttpClient client(server->url());
        FakeHttpServer::Reply redirect = json(307, "");
        redirect.extraHeaders.append({"Location", server->url().toEncoded() + "/elsewhere"});
        server->enqueue(redirect);
        server->enqueue(json(200, R"({"status":"success","value":1})"));
        const auto response = waitFor(client.call(HttpClient::FunctionKind::Query, QStringLiteral("a:b")));
        QCOMPARE(response.failure, HttpClient::Failure::HttpStatus);
        QCOMPARE(response.httpStatus, 307);
        QCOMPARE(server->requests().size(), 1);
    }

    void connectionRefusedIsANetworkFailure()
    {
        const QUrl url = server->url();
        server.reset();  // nobody listens on that port any more
        HttpClient client(url);
        const auto response = waitFor(client.call(HttpClient::FunctionKind::Action, QStringLiteral("a:b")));
        QCOMPARE(response.failure, HttpClient::Failure::Network);
        QCOMPARE(response.httpStatus, 0);
        QVERIFY(response.result.isClientError());
        QVERIFY2(response.result.errorMessage().startsWith(QStringLiteral("Cannot reach the Convex server")),
                 qPrintable(response.result.errorMessage()));
    }

    void silentServerTimesOut()
    {
        HttpClient client(server->url());
        client.setTimeout(300ms);
        FakeHttpServer::Reply held;
        held.hold = true;
        server->enqueue(held);
        const auto response = waitFor(client.call(HttpClient::FunctionKind::Query, QStringLiteral("a:b")));
        QCOMPARE(response.failure, HttpClient::Failure::Timeout);
        QVERIFY(response.result.isClientError());
    }

    void mutationsRunOneAtATime()
    {
        HttpClient client(server->url());
        FakeHttpServer::Reply held;
        held.hold = true;
        server->enqueue(held);
        ValueObject first, second;
        first.insert(QStringLiteral("n"), Value::float64(1));
        second.insert(QStringLiteral("n"), Value::float64(2));
        QFuture<FunctionResult> m1 = client.mutation(QStringLiteral("m:one"), first);
        QFuture<FunctionResult> m2 = client.mutation(QStringLiteral("m:two"), second);
        QTRY_COMPARE_WITH_TIMEOUT(server->heldCount(), 1, 10000);
        // A query is not queued behind the mutation: it is answered while m:one is held.
        server->enqueue(json(200, R"({"status":"success","value":"q"})"));
        QCOMPARE(waitFor(client.query(QStringLiteral("q:q"))).value(), Value(u"q"));
        QVERIFY(!m1.isFinished());
        QVERIFY(!m2.isFinished());
        QCOMPARE(server->requests().size(), 2);
        QVERIFY(server->requests().at(0).body.contains("m:one"));

        server->enqueue(json(200, R"({"status":"success","value":2})"));
        server->release(json(200, R"({"status":"success","value":1})"));
        QCOMPARE(waitFor(m1).value(), Value::float64(1));
        QCOMPARE(waitFor(m2).value(), Value::float64(2));
        QCOMPARE(server->requests().size(), 3);
        QVERIFY(server->requests().at(2).body.contains("m:two"));
    }

    void unencodableArgsAreNotSent()
    {
        HttpClient client(server->url());
        ValueObject args;
        args.insert(QStringLiteral("$bad"), Value(true));
        const auto response = waitFor(client.call(HttpClient::FunctionKind::Mutation, QStringLiteral("a:b"), args));
        QCOMPARE(response.failure, HttpClient::Failure::InvalidRequest);
        QVERIFY2(response.result.errorMessage().startsWith(QStringLiteral("Invalid arguments: ")),
                 qPrintable(response.result.errorMessage()));
        // The queue is not blocked by the rejected mutation.
        server->enqueue(json(200, R"({"status":"success","value":null})"));
        QVERIFY(waitFor(client.mutation(QStringLiteral("a:b"))).isSuccess());
        QCOMPARE(server->requests().size(), 1);
    }

    void deploymentUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::newRow("https") << QStringLiteral("https://happy-animal-123.convex.cloud") << true;
        QTest::newRow("https slash") << QStringLiteral("https://happy-animal-123.convex.cloud/") << true;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:3210") << true;
        QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:3210") << true;
        QTest::newRow("http 127.1.2.3") << QStringLiteral("http://127.1.2.3") << true;
        QTest::newRow("http ::1") << QStringLiteral("http://[::1]:3210") << true;
        QTest::newRow("http remote") << QStringLiteral("http://happy-animal-123.convex.cloud") << false;
        QTest::newRow("http lookalike") << QStringLiteral("http://127.0.0.1.evil.example") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://example.com") << false;
        QTest::newRow("wss") << QStringLiteral("wss://example.com") << false;
        QTest::newRow("no scheme") << QStringLiteral("example.com") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("query") << QStringLiteral("https://example.com/?a=b") << false;
        QTest::newRow("user info") << QStringLiteral("https://user:pw@example.com") << false;
    }
    void deploymentUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        const QString error = HttpClient::deploymentUrlError(QUrl(url));
        QCOMPARE(error.isEmpty(), ok);
        HttpClient client{QUrl(url)};
        QCOMPARE(client.urlError(), error);
        if (!ok) {
            const auto response = waitFor(client.call(HttpClient::FunctionKind::Query, QStringLiteral("a:b")));
            QCOMPARE(response.failure, HttpClient::Failure::InvalidRequest);
            QCOMPARE(response.result.errorMessage(), error);
        }
    }

    void pendingCallsAreCancelledOnDestruction()
    {
        auto client = std::make_unique<HttpClient>(server->url());
        FakeHttpServer::Reply held;
        held.hold = true;
        server->enqueue(held);
        QFuture<HttpClient::Response> inFlight = client->call(HttpClient::FunctionKind::Mutation, QStringLiteral("a:b"));
        QFuture<HttpClient::Response> queued = client->call(HttpClient::FunctionKind::Mutation, QStringLiteral("a:c"));
        QTRY_COMPARE_WITH_TIMEOUT(server->heldCount(), 1, 10000);
        client.reset();
        QVERIFY(inFlight.isFinished());
        QVERIFY(queued.isFinished());
        QCOMPARE(inFlight.result().failure, HttpClient::Failure::Cancelled);
        QCOMPARE(queued.result().failure, HttpClient::Failure::Cancelled);
    }

private:
    std::unique_ptr<FakeHttpServer> server;
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
