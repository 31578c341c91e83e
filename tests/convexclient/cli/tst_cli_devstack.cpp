// SPDX-License-Identifier: MIT
// The real qonvex-cli binary against the local Convex + Clerk stand-ins (devstack/run):
// exact result lines for special values over both transports, function errors, tokens
// minted by the Clerk stand-in, rejected tokens, watch with --count and with SIGTERM.

#include "childoutput.h"
#include "cliprocess.h"
#include "devstackprocess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using qonvex::test::CliRun;
using qonvex::test::DevStackProcess;
using qonvex::test::finishCli;
using qonvex::test::runCli;
using qonvex::test::startCli;

namespace {

// A Convex token from the Clerk stand-in: sign in through the test control, then ask the
// Frontend API (native mode) for the session's "convex" template token.
QString mintConvexToken(const DevStackProcess &devstack, QString *error)
{
    const QJsonObject signIn = devstack.control(QStringLiteral("/__devstack/sign-in"), {}, false, error);
    const QString clientToken = signIn.value(QStringLiteral("clientToken")).toString();
    const QString sessionId = signIn.value(QStringLiteral("sessionId")).toString();
    if (clientToken.isEmpty() || sessionId.isEmpty())
        return {};
    QUrl url = devstack.clerkFrontendApi();
    url.setPath(QStringLiteral("/v1/client/sessions/%1/tokens/convex").arg(sessionId));
    url.setQuery(QStringLiteral("_is_native=1"));
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Authorization", clientToken.toUtf8());
    QNetworkReply *reply = network.post(request, QByteArray());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    const QString jwt = QJsonDocument::fromJson(body).object().value(QStringLiteral("jwt")).toString();
    if (jwt.isEmpty() && error)
        *error = QStringLiteral("no jwt from the Clerk stand-in: HTTP %1")
                     .arg(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
    return jwt;
}

// Waits (running the event loop) until \a process printed at least \a count lines on stdout.
bool waitForLines(QProcess &process, QByteArray &collected, int count, int timeoutMs = 30000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (collected.count('\n') < count && !deadline.hasExpired()) {
        if (process.state() == QProcess::NotRunning) {
            collected += qonvex::test::readStdout(process);
            break;
        }
        QTest::qWait(20);  // lets QProcess read; not a synchronisation sleep (loop condition decides)
        collected += qonvex::test::readStdout(process);
    }
    return collected.count('\n') >= count;
}

} // namespace

class TestCliDevstack : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Long-lived tokens: the test mints one token and uses it for minutes.
        QVERIFY2(devstack.start({QStringLiteral("--token-lifetime"), QStringLiteral("3600")}), qPrintable(devstack.error()));
        url = devstack.convexUrl().toString();
        QString error;
        token = mintConvexToken(devstack, &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        QVERIFY(tokenDir.isValid());
        tokenFile = tokenDir.filePath(QStringLiteral("jwt"));
        QFile file(tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(token.toUtf8() + '\n');
    }

    void echoesSpecialValuesExactly_data()
    {
        QTest::addColumn<bool>("http");
        QTest::addColumn<QString>("value");
        const QList<std::pair<const char *, QString>> values = {
            {"int64 5", QStringLiteral("{\"$integer\":\"BQAAAAAAAAA=\"}")},
            {"int64 max", QStringLiteral("{\"$integer\":\"/////////38=\"}")},
            {"int64 min", QStringLiteral("{\"$integer\":\"AAAAAAAAAIA=\"}")},
            {"bytes", QStringLiteral("{\"$bytes\":\"AAH/\"}")},
            {"empty bytes", QStringLiteral("{\"$bytes\":\"\"}")},
            {"NaN", QStringLiteral("{\"$float\":\"AAAAAAAA+H8=\"}")},
            {"Infinity", QStringLiteral("{\"$float\":\"AAAAAAAA8H8=\"}")},
            {"-Infinity", QStringLiteral("{\"$float\":\"AAAAAAAA8P8=\"}")},
            {"-0", QStringLiteral("{\"$float\":\"AAAAAAAAAIA=\"}")},
            {"nested", QStringLiteral("{\"a\":[{\"$integer\":\"AQAAAAAAAAA=\"},1.5,null,true,\"\\u00e9\"],\"b\":{\"$bytes\":\"AA==\"}}")},
        };
        for (const bool http : {false, true}) {
            for (const auto &[name, value] : values)
                QTest::addRow("%s %s", http ? "http" : "ws", name) << http << value;
        }
    }
    void echoesSpecialValuesExactly()
    {
        QFETCH(bool, http);
        QFETCH(QString, value);
        QStringList arguments{QStringLiteral("--url"), url, QStringLiteral("query"), QStringLiteral("debug:echo"),
                              QStringLiteral("{\"value\":") + value + u'}'};
        if (http)
            arguments.prepend(QStringLiteral("--http"));
        const CliRun run = runCli(arguments);
        QVERIFY2(!run.crashed, run.err.constData());
        QCOMPARE(run.exitCode, 0);
        // The encoder writes non-ASCII as UTF-8, so compare with the decoded form of \u00e9.
        const QByteArray expected = QByteArray("{\"value\":") + value.replace(QStringLiteral("\\u00e9"), QStringLiteral("\u00e9")).toUtf8() + '}';
        QCOMPARE(run.lines(), QList<QByteArray>{expected});
    }

    void functionErrorCarriesConvexErrorData_data()
    {
        QTest::addColumn<bool>("http");
        QTest::newRow("ws") << false;
        QTest::newRow("http") << true;
    }
    void functionErrorCarriesConvexErrorData()
    {
        QFETCH(bool, http);
        QStringList arguments{QStringLiteral("--url"), url, QStringLiteral("query"), QStringLiteral("tasks:list")};
        if (http)
            arguments.prepend(QStringLiteral("--http"));
        const CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, 1);
        const QList<QByteArray> lines = run.lines();
        QCOMPARE(lines.size(), 1);
        const QJsonObject line = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(line.keys(), (QStringList{QStringLiteral("data"), QStringLiteral("error")}));
        QVERIFY2(line.value(QStringLiteral("error")).toString().contains(QStringLiteral("Sign in to use tasks")), lines.first().constData());
        QVERIFY2(lines.first().endsWith(",\"data\":{\"code\":\"UNAUTHENTICATED\",\"message\":\"Sign in to use tasks\"}}"),
                 lines.first().constData());
    }

    void unknownFunctionIsAFunctionError()
    {
        const CliRun run = runCli({QStringLiteral("--url"), url, QStringLiteral("query"), QStringLiteral("debug:nope")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.lines().size(), 1);
        QVERIFY2(run.lines().first().startsWith("{\"error\":"), run.out.constData());
        QVERIFY2(!run.lines().first().contains("\"data\""), run.out.constData());
    }

    void malformedFunctionPathIsAUsageError_data()
    {
        QTest::addColumn<bool>("http");
        QTest::addColumn<QString>("command");
        for (const bool http : {false, true}) {
            for (const char *command : {"query", "mutation", "action"})
                QTest::addRow("%s %s", http ? "http" : "ws", command) << http << QString::fromLatin1(command);
        }
    }
    void malformedFunctionPathIsAUsageError()
    {
        QFETCH(bool, http);
        QFETCH(QString, command);
        QStringList arguments{QStringLiteral("--url"), url, command, QStringLiteral("debug/../x:y")};
        if (http)
            arguments.prepend(QStringLiteral("--http"));
        const CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.contains("debug/../x:y"), run.err.constData());

        // Said once, by the CLI: the library returns the error, it does not log it as well.
        // Checked with the logging a user gets (the secrets scan runs every test with all
        // debug categories on, which adds lines that are not the point here).
        const QByteArray rules = qgetenv("QT_LOGGING_RULES");
        qunsetenv("QT_LOGGING_RULES");
        const CliRun plain = runCli(arguments);
        if (!rules.isNull())
            qputenv("QT_LOGGING_RULES", rules);
        QCOMPARE(plain.exitCode, 2);
        const QList<QByteArray> errLines = plain.err.trimmed().split('\n');
        QVERIFY2(errLines.size() == 1, plain.err.constData());
        QVERIFY2(errLines.first().startsWith("qonvex-cli: "), plain.err.constData());
        QVERIFY2(errLines.first().contains("debug/../x:y"), plain.err.constData());
    }

    void watchExitCodeFollowsItsLastLine()
    {
        const CliRun run = runCli({QStringLiteral("--url"), url, QStringLiteral("--count"), QStringLiteral("1"),
                                   QStringLiteral("watch"), QStringLiteral("tasks:list")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.lines().size(), 1);
        QVERIFY2(run.lines().first().startsWith("{\"error\":"), run.out.constData());
    }

    void tokenIdentifiesTheUser_data()
    {
        QTest::addColumn<bool>("http");
        QTest::newRow("ws") << false;
        QTest::newRow("http") << true;
    }
    void tokenIdentifiesTheUser()
    {
        QFETCH(bool, http);
        QStringList arguments{QStringLiteral("--url"), url, QStringLiteral("--token-file"), tokenFile,
                              QStringLiteral("query"), QStringLiteral("users:me")};
        if (http)
            arguments.prepend(QStringLiteral("--http"));
        const CliRun run = runCli(arguments);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.lines().size(), 1);
        const QJsonObject me = QJsonDocument::fromJson(run.lines().first()).object().value(QStringLiteral("value")).toObject();
        QVERIFY2(me.value(QStringLiteral("subject")).toString().startsWith(QStringLiteral("user_")), run.out.constData());
        QVERIFY2(!run.err.contains(token.toUtf8()), "the token must never be printed");

        // Without the token the same query sees nobody.
        arguments.remove(arguments.indexOf(QStringLiteral("--token-file")), 2);
        const CliRun anonymous = runCli(arguments);
        QCOMPARE(anonymous.exitCode, 0);
        QCOMPARE(anonymous.lines(), QList<QByteArray>{"{\"value\":null}"});
    }

    void tokenFromStandardInputForAMutation()
    {
        const CliRun added = runCli({QStringLiteral("--url"), url, QStringLiteral("--token-file"), QStringLiteral("-"),
                                     QStringLiteral("mutation"), QStringLiteral("tasks:add"), QStringLiteral("{\"text\":\"from stdin\"}")},
                                    token.toUtf8());
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QCOMPARE(added.lines().size(), 1);
        QVERIFY2(added.lines().first().startsWith("{\"value\":\""), added.out.constData());
        // The mutation's line appears only once it is resolved: a new query sees the task.
        const CliRun listed = runCli({QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("--token-file"),
                                      tokenFile, QStringLiteral("query"), QStringLiteral("tasks:list")});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(listed.out.contains("\"text\":\"from stdin\""), listed.out.constData());
    }

    void rejectedTokenExitsThree_data()
    {
        QTest::addColumn<bool>("http");
        QTest::newRow("ws") << false;
        QTest::newRow("http") << true;
    }
    void rejectedTokenExitsThree()
    {
        QFETCH(bool, http);
        // A well-formed JWT whose signature does not match (last character changed).
        QString forged = token;
        forged[forged.size() - 2] = forged[forged.size() - 2] == u'A' ? u'B' : u'A';
        QStringList arguments{QStringLiteral("--timeout"), QStringLiteral("20"), QStringLiteral("--url"), url,
                              QStringLiteral("--token-file"), QStringLiteral("-"), QStringLiteral("query"), QStringLiteral("users:me")};
        if (http)
            arguments.prepend(QStringLiteral("--http"));
        const CliRun run = runCli(arguments, forged.toUtf8());
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(!run.err.contains(forged.toUtf8()), "the token must never be printed");
    }

    void unreachableServerExitsThreeAfterTimeout()
    {
        QUrl closed = devstack.convexUrl();
        closed.setPort(1);  // nothing listens on port 1
        const CliRun run = runCli({QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--url"), closed.toString(),
                                   QStringLiteral("query"), QStringLiteral("debug:echo"), QStringLiteral("{\"value\":1}")});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(run.err.contains("Cannot connect to"), run.err.constData());
    }

    void actionMayRunLongerThanTheConnectTimeout()
    {
        // --timeout bounds connecting, not the function: a 4 s action with --timeout 2 succeeds.
        const CliRun run = runCli({QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("--url"), url,
                                   QStringLiteral("action"), QStringLiteral("debug:slowEcho"),
                                   QStringLiteral("{\"value\":{\"$bytes\":\"AAH/\"},\"ms\":4000}")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.lines(), QList<QByteArray>{"{\"value\":{\"$bytes\":\"AAH/\"}}"});
        // The function's console.log goes to stderr, prefixed like the JS client does.
        QVERIFY2(run.err.count("[CONVEX A(debug:slowEcho)] [LOG] ") == 1, run.err.constData());
        QVERIFY2(run.err.contains("slowEcho waited 4000 ms"), run.err.constData());
    }

    void watchPrintsEveryChangeUntilCount()
    {
        QProcess watch;
        startCli(watch, {QStringLiteral("--url"), url, QStringLiteral("--token-file"), tokenFile, QStringLiteral("--count"),
                         QStringLiteral("2"), QStringLiteral("watch"), QStringLiteral("tasks:list")});
        QByteArray lines;
        QVERIFY2(waitForLines(watch, lines, 1), qonvex::test::readStderr(watch).constData());
        QVERIFY2(lines.startsWith("{\"value\":["), lines.constData());
        QVERIFY(!lines.contains("\"text\":\"watched\""));

        const CliRun added = runCli({QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("--token-file"),
                                     tokenFile, QStringLiteral("mutation"), QStringLiteral("tasks:add"), QStringLiteral("{\"text\":\"watched\"}")});
        QCOMPARE(added.exitCode, 0);

        const CliRun run = finishCli(watch);
        lines += run.out;
        QVERIFY2(!run.crashed, run.err.constData());
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> split = lines.trimmed().split('\n');
        QCOMPARE(split.size(), 2);
        QVERIFY2(split.at(1).contains("\"text\":\"watched\""), split.at(1).constData());
    }

    void watchEndsCleanlyOnSigterm()
    {
        QProcess watch;
        startCli(watch, {QStringLiteral("--url"), url, QStringLiteral("watch"), QStringLiteral("debug:echo"),
                         QStringLiteral("{\"value\":{\"$integer\":\"KgAAAAAAAAA=\"}}")});
        QByteArray lines;
        QVERIFY2(waitForLines(watch, lines, 1), qonvex::test::readStderr(watch).constData());
        QCOMPARE(lines, QByteArray("{\"value\":{\"$integer\":\"KgAAAAAAAAA=\"}}" "\n"));
        watch.terminate();  // SIGTERM
        const CliRun run = finishCli(watch);
        QVERIFY2(!run.crashed, "qonvex-cli must exit normally on SIGTERM");
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray());
    }

    void watchEndsWhenTheTokenExpires()
    {
        // A stack of its own whose Convex tokens live 2 s: the server ends the identity
        // mid-watch, a token file cannot be refreshed, so the watch ends with exit code 3.
        DevStackProcess shortLived;
        QVERIFY2(shortLived.start({QStringLiteral("--token-lifetime"), QStringLiteral("2")}), qPrintable(shortLived.error()));
        QString error;
        const QString shortToken = mintConvexToken(shortLived, &error);
        QVERIFY2(!shortToken.isEmpty(), qPrintable(error));
        QProcess watch;
        startCli(watch, {QStringLiteral("--url"), shortLived.convexUrl().toString(), QStringLiteral("--token-file"),
                         QStringLiteral("-"), QStringLiteral("watch"), QStringLiteral("users:me")});
        const CliRun run = finishCli(watch, shortToken.toUtf8());
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("Authentication lost") || run.err.contains("Authentication rejected"), run.err.constData());
        QVERIFY2(!run.err.contains(shortToken.toUtf8()), "the token must never be printed");
        // Any line printed before the expiry carries the identity, never an anonymous null.
        for (const QByteArray &line : run.lines())
            QVERIFY2(line.contains("\"subject\":\"user_"), line.constData());
    }

private:
    DevStackProcess devstack;
    QString url;
    QString token;
    QTemporaryDir tokenDir;
    QString tokenFile;
};

QTEST_GUILESS_MAIN(TestCliDevstack)
#include "tst_cli_devstack.moc"
