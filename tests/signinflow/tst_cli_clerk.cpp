// SPDX-License-Identifier: MIT
// qonvex-cli --clerk end to end: a session stored in the real gnome-keyring (run under
// `./dev services`) by the app's KeychainTokenStore, the Clerk and Convex stand-ins
// (devstack/run), and the real qonvex-cli binary as a child process.

#include "childoutput.h"
#include "devstackprocess.h"
#include "secrets/keychaintokenstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace qonvex::app;
using qonvex::test::DevStackProcess;

namespace {

constexpr int kWait = 30000;

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCliClerk : public QObject {
    Q_OBJECT

    DevStackProcess devstack;
    QString frontendApi;
    QString authority;
    QString clientToken;
    QString userId;

    CliRun runCli(const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess cli;
        QProcessEnvironment env = environment;
        env.insert(QStringLiteral("QONVEX_CONVEX_URL"), devstack.convexUrl().toString());
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(QONVEX_CLI_PATH), arguments);
        if (!cli.waitForFinished(90000)) {
            cli.kill();
            cli.waitForFinished();
        }
        CliRun run;
        run.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
        // Recorded for the secrets scan (the CLI runs with every logging category at debug).
        run.out = qonvex::test::readStdout(cli);
        run.err = qonvex::test::readStderr(cli);
        return run;
    }

    bool storeToken(const std::optional<QString> &token)
    {
        KeychainTokenStore store(authority);
        bool done = false;
        std::optional<TokenStoreError> error;
        auto finished = [&](std::optional<TokenStoreError> e) {
            error = std::move(e);
            done = true;
        };
        if (token)
            store.save(SecretToken(*token), finished);
        else
            store.clear(finished);
        return QTest::qWaitFor([&] { return done; }, kWait) && !error;
    }

    //! Neither the client token nor any JWT may reach the terminal.
    void verifyNoSecrets(const CliRun &run)
    {
        for (const QByteArray &stream : {run.out, run.err}) {
            QVERIFY(!stream.contains(clientToken.toUtf8()));
            QVERIFY2(!stream.contains("eyJ"), stream.constData());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("QONVEX_TEST_KEYRING") != u"1")
            QSKIP("needs the real keyring: run under ./dev services ctest ...");
        QVERIFY2(devstack.start(), qPrintable(devstack.error()));
        frontendApi = devstack.clerkFrontendApi().toString();
        authority = devstack.clerkFrontendApi().authority();
        // Sign in at the stand-in as the hosted flow would; store the client token exactly
        // where the app's KeychainTokenStore puts it.
        QString error;
        const QJsonObject signedIn = devstack.control(QStringLiteral("/__devstack/sign-in"),
                                                      {{QStringLiteral("email"), QStringLiteral("grace@example.com")}},
                                                      false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        clientToken = signedIn.value(QLatin1String("clientToken")).toString();
        userId = signedIn.value(QLatin1String("userId")).toString();
        QVERIFY(!clientToken.isEmpty() && !userId.isEmpty());
        QVERIFY(storeToken(clientToken));
    }

    void cleanupTestCase() { (void)storeToken(std::nullopt); }

    void queriesAsTheSignedInUser()
    {
        const CliRun run = runCli({QStringLiteral("--clerk"), QStringLiteral("--clerk-frontend-api"), frontendApi,
                                   QStringLiteral("query"), QStringLiteral("users:me")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject line = QJsonDocument::fromJson(run.out.trimmed()).object();
        const QJsonObject me = line.value(QLatin1String("value")).toObject();
        QCOMPARE(me.value(QLatin1String("subject")).toString(), userId);
        QCOMPARE(me.value(QLatin1String("tokenIdentifier")).toString(), frontendApi + u'|' + userId);
        QCOMPARE(me.value(QLatin1String("email")).toString(), QStringLiteral("grace@example.com"));
        verifyNoSecrets(run);
    }

    void environmentAndHttpMode()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QONVEX_CLERK_FRONTEND_API"), frontendApi);
        const CliRun run = runCli({QStringLiteral("--clerk"), QStringLiteral("--http"), QStringLiteral("query"),
                                   QStringLiteral("users:me")}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains(userId.toUtf8()));
        verifyNoSecrets(run);
    }

    void unknownTemplateFails()
    {
        const CliRun run = runCli({QStringLiteral("--clerk"), QStringLiteral("--clerk-frontend-api"), frontendApi,
                                   QStringLiteral("--jwt-template"), QStringLiteral("nope"), QStringLiteral("--timeout"),
                                   QStringLiteral("20"), QStringLiteral("query"), QStringLiteral("users:me")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        verifyNoSecrets(run);
    }

    void usageErrors()
    {
        CliRun run = runCli({QStringLiteral("--jwt-template"), QStringLiteral("convex"), QStringLiteral("query"),
                             QStringLiteral("users:me")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("only applies with --clerk"), run.err.constData());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QONVEX_CLERK_FRONTEND_API"));
        env.remove(QStringLiteral("QONVEX_CLERK_PUBLISHABLE_KEY"));
        run = runCli({QStringLiteral("--clerk"), QStringLiteral("query"), QStringLiteral("users:me")}, env);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("QONVEX_CLERK_PUBLISHABLE_KEY"), run.err.constData());
    }

    void noKeyringIsAClearError()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/qonvex-cli-bus"));
        const CliRun run = runCli({QStringLiteral("--clerk"), QStringLiteral("--clerk-frontend-api"), frontendApi,
                                   QStringLiteral("query"), QStringLiteral("users:me")}, env);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("keyring"), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    // Last: removes the stored session.
    void notSignedIn()
    {
        QVERIFY(storeToken(std::nullopt));
        const CliRun run = runCli({QStringLiteral("--clerk"), QStringLiteral("--clerk-frontend-api"), frontendApi,
                                   QStringLiteral("query"), QStringLiteral("users:me")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("not signed in: sign in with Qonvex first"), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliClerk)
#include "tst_cli_clerk.moc"
