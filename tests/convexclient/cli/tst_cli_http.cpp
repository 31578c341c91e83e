// SPDX-License-Identifier: MIT
// The real qonvex-cli binary in --http mode against a loopback HTTP server in this test:
// exact stdout lines, exit codes, where diagnostics go, and that the token stays secret.

#include "cliprocess.h"
#include "fakehttpserver.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using qonvex::test::CliRun;
using qonvex::test::FakeHttpServer;
using qonvex::test::runCli;

namespace {
FakeHttpServer::Reply reply(int status, const QByteArray &body, bool hold = false)
{
    FakeHttpServer::Reply r;
    r.status = status;
    r.body = body;
    r.hold = hold;
    return r;
}
const QByteArray secretToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2VjcmV0LXNpZ25hdHVyZQ";
} // namespace

class TestCliHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        server = std::make_unique<FakeHttpServer>();
        QVERIFY(server->listen());
        url = server->url().toString();
    }
    void cleanup() { server.reset(); }

    void printsValuesExactly()
    {
        server->enqueue(reply(200, "{\"status\":\"success\",\"value\":{\"n\":{\"$integer\":\"/////////38=\"},"
                                   "\"b\":{\"$bytes\":\"AAH/\"},\"f\":{\"$float\":\"AAAAAAAA8H8=\"},\"x\":1.5},"
                                   "\"logLines\":[\"[LOG] 'from the server'\"]}"));
        const CliRun run = runCli({QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("query"),
                                   QStringLiteral("debug:echo"), QStringLiteral("{\"value\":{\"$integer\":\"BQAAAAAAAAA=\"}}")});
        QVERIFY2(!run.crashed, run.err.constData());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.lines(), QList<QByteArray>{
            "{\"value\":{\"b\":{\"$bytes\":\"AAH/\"},\"f\":{\"$float\":\"AAAAAAAA8H8=\"},\"n\":{\"$integer\":\"/////////38=\"},\"x\":1.5}}"});
        QVERIFY2(run.err.contains("[CONVEX Q(debug:echo)] [LOG] 'from the server'"), run.err.constData());
        QCOMPARE(server->requests().size(), 1);
        const auto &request = server->requests().first();
        QCOMPARE(request.path, QByteArray("/api/query"));
        QCOMPARE(request.body, QByteArray("{\"path\":\"debug:echo\",\"args\":[{\"value\":{\"$integer\":\"BQAAAAAAAAA=\"}}],\"format\":\"convex_encoded_json\"}"));
        QVERIFY(!request.headers.contains("authorization"));
    }

    void urlFromEnvironmentAndTokenFromStandardInput()
    {
        server->enqueue(reply(200, "{\"status\":\"success\",\"value\":\"ok\"}"));
        const CliRun run = runCli({QStringLiteral("--http"), QStringLiteral("--token-file"), QStringLiteral("-"),
                                   QStringLiteral("mutation"), QStringLiteral("tasks:add")},
                                  "\n  " + secretToken + "\n", url);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("{\"value\":\"ok\"}\n"));
        QCOMPARE(server->requests().value(0).path, QByteArray("/api/mutation"));
        QCOMPARE(server->requests().value(0).headers.value("authorization"), "Bearer " + secretToken);
    }

    void functionErrorExitsOne_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("Error") << 200 << QByteArray("{\"status\":\"error\",\"errorMessage\":\"Uncaught Error: nope\"}")
                               << QByteArray("{\"error\":\"Uncaught Error: nope\"}");
        QTest::newRow("ConvexError") << 560
            << QByteArray("{\"status\":\"error\",\"errorMessage\":\"ConvexError\",\"errorData\":{\"code\":{\"$integer\":\"BQAAAAAAAAA=\"}}}")
            << QByteArray("{\"error\":\"ConvexError\",\"data\":{\"code\":{\"$integer\":\"BQAAAAAAAAA=\"}}}");
    }
    void functionErrorExitsOne()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, line);
        server->enqueue(reply(status, body));
        const CliRun run = runCli({QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("action"), QStringLiteral("a:b")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.lines(), QList<QByteArray>{line});
        QCOMPARE(server->requests().value(0).path, QByteArray("/api/action"));
    }

    void rejectedTokenExitsThree()
    {
        QTemporaryDir dir;
        const QString tokenPath = dir.filePath(QStringLiteral("jwt"));
        QFile file(tokenPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(secretToken + "\n");
        file.close();
        server->enqueue(reply(401, "{\"code\":\"Unauthenticated\",\"message\":\"Token expired\"}"));
        const CliRun run = runCli({QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("--token-file"),
                                   tokenPath, QStringLiteral("query"), QStringLiteral("users:me")});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.contains("HTTP 401 Unauthenticated: Token expired"), run.err.constData());
        QVERIFY2(!run.err.contains("c2VjcmV0"), "the token must never be printed");
        QCOMPARE(server->requests().value(0).headers.value("authorization"), "Bearer " + secretToken);
    }

    void badFunctionPathExitsTwo()
    {
        server->enqueue(reply(400, "{\"code\":\"BadFunctionPath\",\"message\":\"Invalid function path\"}"));
        const CliRun run = runCli({QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("query"), QStringLiteral("a:b:c")});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.contains("BadFunctionPath"), run.err.constData());
    }

    void unreachableServerExitsThree()
    {
        server.reset();
        const CliRun run = runCli({QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("query"), QStringLiteral("a:b")});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.contains("Cannot reach the Convex server"), run.err.constData());
    }

    void silentServerTimesOut()
    {
        server->enqueue(reply(200, {}, /*hold=*/true));
        const CliRun run = runCli({QStringLiteral("--http"), QStringLiteral("--timeout"), QStringLiteral("0.5"),
                                   QStringLiteral("--url"), url, QStringLiteral("query"), QStringLiteral("a:b")});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.contains("within 0.5 s"), run.err.constData());
    }

    void interruptedCallExitsWithTheSignal()
    {
        server->enqueue(reply(200, {}, /*hold=*/true));
        QProcess process;
        qonvex::test::startCli(process, {QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("action"),
                                         QStringLiteral("a:b")});
        // Once the request arrived, the signal handlers are installed (they are set up first).
        QTRY_COMPARE_WITH_TIMEOUT(server->heldCount(), 1, 30000);
        ::kill(pid_t(process.processId()), SIGINT);
        const CliRun run = qonvex::test::finishCli(process);
        QVERIFY2(!run.crashed, "qonvex-cli must exit normally on SIGINT");
        QCOMPARE(run.exitCode, 128 + SIGINT);
        QCOMPARE(run.out, QByteArray());
    }

    void usageErrorsExitTwoWithoutContactingTheServer_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("invalid ARGS_JSON") << QStringList{QStringLiteral("query"), QStringLiteral("a:b"), QStringLiteral("{nope}")}
                                           << QByteArray("Invalid ARGS_JSON");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("subscribe"), QStringLiteral("a:b")}
                                         << QByteArray("Unknown command 'subscribe'");
        QTest::newRow("missing url") << QStringList{QStringLiteral("--url="), QStringLiteral("query"), QStringLiteral("a:b")}
                                     << QByteArray("No deployment URL");
        QTest::newRow("http to a remote host") << QStringList{QStringLiteral("--url"), QStringLiteral("http://convex.example.com"),
                                                              QStringLiteral("query"), QStringLiteral("a:b")}
                                               << QByteArray("must use https://");
        QTest::newRow("missing token file") << QStringList{QStringLiteral("--token-file"), QStringLiteral("/nonexistent/jwt"),
                                                           QStringLiteral("query"), QStringLiteral("a:b")}
                                            << QByteArray("Cannot read the token file /nonexistent/jwt");
    }
    void usageErrorsExitTwoWithoutContactingTheServer()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        arguments.prepend(QStringLiteral("--http"));
        const CliRun run = runCli(arguments, {}, url);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.contains(message), run.err.constData());
        QCOMPARE(server->requests().size(), 0);
    }

    void helpAndVersionGoToStandardOutput()
    {
        const CliRun help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("COMMAND FUNCTION [ARGS_JSON]"));
        const CliRun version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QByteArray("qonvex-cli " QONVEX_VERSION "\n"));
    }

private:
    std::unique_ptr<FakeHttpServer> server;
    QString url;
};

QTEST_GUILESS_MAIN(TestCliHttp)
#include "tst_cli_http.moc"
