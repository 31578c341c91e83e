// SPDX-License-Identifier: MIT
// Catalogue of bad input, part 3: rows that need the real servers (devstack/run: the Convex and
// Clerk stand-ins as Node processes on loopback ports). Each row is one bad input and the exact
// error the user sees; after each row a valid call or sign-in succeeds.
//
//  - the function console (FunctionConsoleController on a real convex::Client): unknown
//    function, wrong kind, arguments the function's validator refuses, signed-out call;
//  - qonvex-cli (the real binary): stderr + exit code, or the {"error":…} line on stdout;
//  - the hosted sign-in callback through SessionController: forged or damaged callbacks;
//  - a session revoked / ended / expired at Clerk while the app holds it.

#include "cliprocess.h"
#include "config/clerkconfig.h"
#include "console/functionconsolecontroller.h"
#include "devstackprocess.h"
#include "secrets/memorytokenstore.h"
#include "session/sessioncontroller.h"

#include <convexclient/client.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace qonvex::app;
using qonvex::test::CliRun;
using qonvex::test::DevStackProcess;
using qonvex::test::runCli;
using Console = qonvex::console::FunctionConsoleController;
using State = SessionController::State;

using Damage = std::function<QUrl(const QUrl &)>;

Q_DECLARE_METATYPE(Console::Kind)
Q_DECLARE_METATYPE(Damage)

namespace {

constexpr int kWait = 30000;

const QString kNotFound = QStringLiteral(
    "Could not find public function for '%1'. Did you forget to run `npx convex dev` or `npx convex deploy`?");

//! The callback with its query rewritten by \a edit (keeps everything else).
QUrl withQuery(const QUrl &callback, const std::function<void(QList<std::pair<QString, QString>> &)> &edit)
{
    QList<std::pair<QString, QString>> items = QUrlQuery(callback).queryItems(QUrl::FullyDecoded);
    edit(items);
    QUrlQuery query;
    query.setQueryItems(items);
    QUrl url = callback;
    url.setQuery(query);
    return url;
}

//! \a text is \a expected where every "…" in \a expected stands for at least one character
//! worded elsewhere (a request id, Qt, the OS); the rest must be exact.
bool matchesTemplate(const QString &text, const QString &expected)
{
    QStringList parts = expected.split(QChar(0x2026));
    for (QString &part : parts)
        part = QRegularExpression::escape(part);
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(parts.join(QStringLiteral(".+"))),
                                     QRegularExpression::DotMatchesEverythingOption);
    return pattern.match(text).hasMatch();
}

//! The Convex backend's wording for an error that is not a ConvexError.
QString serverError(const QString &message)
{
    return QStringLiteral("[Request ID: …] Server Error\n") + message;
}

//! What qonvex-cli prints on stdout for a function error without ConvexError data.
QByteArray errorLine(const QString &message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact) + '\n';
}

void setItem(QList<std::pair<QString, QString>> &items, const QString &key, const QString &value)
{
    for (auto &item : items) {
        if (item.first == key)
            item.second = value;
    }
}

void removeItem(QList<std::pair<QString, QString>> &items, const QString &key)
{
    items.removeIf([&](const auto &item) { return item.first == key; });
}

} // namespace

class TestCatalogueDevstack : public QObject {
    Q_OBJECT

    DevStackProcess m_devstack;
    AppConfig m_config;
    QString m_url;

    //! Starts a hosted sign-in on \a session and plays the user at the stand-in; returns the
    //! callback URL the browser would hand back (not yet given to the session).
    QUrl hostedCallback(SessionController &session)
    {
        QSignalSpy open(&session, &SessionController::openUrlRequested);
        session.signIn();
        if (!open.wait(kWait) && open.isEmpty())
            return {};
        QString error;
        const QJsonObject done = m_devstack.control(QStringLiteral("/__devstack/hosted-auth/complete"),
                                                    {{QStringLiteral("url"), open.constLast().at(0).toUrl().toString()}},
                                                    false, &error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return QUrl(done.value(QStringLiteral("callbackUrl")).toString(), QUrl::StrictMode);
    }

    //! The "keeps running" half of the sign-in rows: a complete hosted sign-in succeeds.
    void signInSucceeds(SessionController &session)
    {
        const QUrl callback = hostedCallback(session);
        QVERIFY(callback.isValid());
        QVERIFY(session.handleCallbackUrl(callback));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::SignedIn, kWait);
        QVERIFY(!session.sessionId().isEmpty());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_devstack.start(), qPrintable(m_devstack.error() + QString::fromUtf8(m_devstack.stderrOutput())));
        m_url = m_devstack.convexUrl().toString();
        ClerkSettingsInput input;
        input.convexUrl = m_url;
        input.frontendApiUrl = m_devstack.clerkFrontendApi().toString();
        input.publishableKey = m_devstack.clerkPublishableKey();
        const auto config = buildAppConfig(input);
        QVERIFY2(config.ok(), qPrintable(config.error()));
        m_config = config.value();
    }

    void cleanupTestCase() { m_devstack.stop(); }

    // ---- function console (result pane) -----------------------------------------------------
    void consoleCall_data()
    {
        QTest::addColumn<Console::Kind>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("result");
        const QString fe = QStringLiteral("Function error: ") + serverError(QString());
        QTest::newRow("unknown function (query)") << Console::Kind::Query << QStringLiteral("debug:nope") << QString()
                                                  << fe + kNotFound.arg(QStringLiteral("debug:nope"));
        QTest::newRow("unknown module (mutation)") << Console::Kind::Mutation << QStringLiteral("nope:add") << QString()
                                                   << fe + kNotFound.arg(QStringLiteral("nope:add"));
        QTest::newRow("unknown function (action)") << Console::Kind::Action << QStringLiteral("debug:slowEcho2")
                                                   << QString() << fe + kNotFound.arg(QStringLiteral("debug:slowEcho2"));
        QTest::newRow("query run as a mutation")
            << Console::Kind::Mutation << QStringLiteral("debug:echo") << QStringLiteral("{\"value\": 1}")
            << fe + QStringLiteral("Trying to execute debug:echo as Mutation, but it is defined as Query.");
        QTest::newRow("signed-out call")
            << Console::Kind::Query << QStringLiteral("tasks:list") << QString()
            << fe + QStringLiteral("Uncaught ConvexError: {\"code\":\"UNAUTHENTICATED\",\"message\":\"Sign in to use tasks\"}"
                                   "\n\nConvexError data:\n{\n  \"code\": \"UNAUTHENTICATED\",\n  \"message\": \"Sign in to use tasks\"\n}");
    }
    void consoleCall()
    {
        QFETCH(Console::Kind, kind);
        QFETCH(QString, path);
        QFETCH(QString, arguments);
        QFETCH(QString, result);
        convex::Client client(m_devstack.convexUrl());
        Console console(&client);
        QCOMPARE(console.run(kind, path, arguments), QString());
        QTRY_VERIFY_WITH_TIMEOUT(console.result().has_value(), kWait);
        QVERIFY(console.result()->isFunctionError());
        QVERIFY2(matchesTemplate(console.resultText(), result), qPrintable(console.resultText()));
        // The same console, the same connection: a valid call goes through.
        QCOMPARE(console.run(Console::Kind::Query, QStringLiteral("debug:echo"), QStringLiteral("{\"value\": \"ok\"}")),
                 QString());
        QTRY_COMPARE_WITH_TIMEOUT(console.status(), Console::Status::Live, kWait);
        QCOMPARE(console.result()->value(), convex::Value(QStringLiteral("ok")));
    }

    void consoleValidatorError()
    {
        convex::Client client(m_devstack.convexUrl());
        Console console(&client);
        QCOMPARE(console.run(Console::Kind::Query, QStringLiteral("debug:echo"), QStringLiteral("{\"values\": 1}")), QString());
        QTRY_VERIFY_WITH_TIMEOUT(console.result().has_value(), kWait);
        QVERIFY(console.result()->isFunctionError());
        // The validator's own words name the missing field.
        QVERIFY2(matchesTemplate(console.resultText(),
                                 QStringLiteral("Function error: ")
                                     + serverError(QStringLiteral("Uncaught Error: Validator error: Missing required field "
                                                                  "`value` in object"))),
                 qPrintable(console.resultText()));
        QCOMPARE(console.run(Console::Kind::Query, QStringLiteral("debug:echo"), QStringLiteral("{\"value\": 2}")), QString());
        QTRY_COMPARE_WITH_TIMEOUT(console.status(), Console::Status::Live, kWait);
        QCOMPARE(console.result()->value(), convex::Value(2.0));
    }

    // ---- qonvex-cli (stderr + exit code; function errors on stdout) --------------------------
    void cli_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrText"); // exact; "…" at the end: prefix
        QTest::addColumn<QByteArray>("stdoutText");
        const QString url = QStringLiteral("@URL@");
        const QString q = QStringLiteral("query");
        const QString echo = QStringLiteral("debug:echo");
        QTest::newRow("args: JSON syntax error")
            << QStringList{QStringLiteral("--url"), url, q, echo, QStringLiteral("{\"value\": }")} << 2
            << QStringLiteral("qonvex-cli: Invalid ARGS_JSON: Invalid JSON at byte 11: …unexpected '}'…") << QByteArray();
        QTest::newRow("args: not an object")
            << QStringList{QStringLiteral("--url"), url, q, echo, QStringLiteral("[1]")} << 2
            << QStringLiteral("qonvex-cli: Invalid ARGS_JSON: it must be a JSON object, e.g. {\"id\": 1}") << QByteArray();
        QTest::newRow("args: two arguments")
            << QStringList{QStringLiteral("--url"), url, q, echo, QStringLiteral("{\"value\":"), QStringLiteral("1}")} << 2
            << QStringLiteral("qonvex-cli: Too many arguments: ARGS_JSON must be a single argument (quote it)") << QByteArray();
        QTest::newRow("url: http to a remote host")
            << QStringList{QStringLiteral("--url"), QStringLiteral("http://happy-animal-123.convex.cloud"), q, echo} << 2
            << QStringLiteral("qonvex-cli: The deployment URL must use https:// (plain http:// is only allowed for localhost) "
                              "(got 'http://happy-animal-123.convex.cloud')")
            << QByteArray();
        QTest::newRow("url: missing") << QStringList{q, echo} << 2
                                      << QStringLiteral("qonvex-cli: No deployment URL: pass --url or set QONVEX_CONVEX_URL")
                                      << QByteArray();
        QTest::newRow("unknown command") << QStringList{QStringLiteral("--url"), url, QStringLiteral("run"), echo} << 2
                                         << QStringLiteral("qonvex-cli: Unknown command 'run': use query, mutation, action or watch")
                                         << QByteArray();
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--verbose"), QStringLiteral("--url"), url, q, echo}
                                        << 2 << QStringLiteral("qonvex-cli: Unknown option 'verbose'.") << QByteArray();
        QTest::newRow("--count without watch")
            << QStringList{QStringLiteral("--url"), url, QStringLiteral("--count"), QStringLiteral("2"), q, echo} << 2
            << QStringLiteral("qonvex-cli: --count only applies to watch") << QByteArray();
        QTest::newRow("--timeout not a number")
            << QStringList{QStringLiteral("--url"), url, QStringLiteral("--timeout"), QStringLiteral("soon"), q, echo} << 2
            << QStringLiteral("qonvex-cli: --timeout must be a number of seconds greater than 0 (at most 86400)") << QByteArray();
        QTest::newRow("--http with watch")
            << QStringList{QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("watch"), echo} << 2
            << QStringLiteral("qonvex-cli: watch needs the WebSocket client; it cannot be used with --http") << QByteArray();
        QTest::newRow("token file missing")
            << QStringList{QStringLiteral("--url"), url, QStringLiteral("--token-file"), QStringLiteral("/nonexistent/jwt"), q, echo}
            << 2 << QStringLiteral("qonvex-cli: Cannot read the token file /nonexistent/jwt: …") << QByteArray();
        QTest::newRow("--clerk with a malformed key")
            << QStringList{QStringLiteral("--url"), url, QStringLiteral("--clerk"), QStringLiteral("--clerk-publishable-key"),
                           QStringLiteral("pk_test_!!!!"), q, echo}
            << 2
            << QStringLiteral("qonvex-cli: Invalid Clerk configuration (--clerk-publishable-key, --clerk-frontend-api, "
                              "--jwt-template): clerk/publishableKey is invalid: the publishable key is not valid base64")
            << QByteArray();
        QTest::newRow("malformed function path")
            << QStringList{QStringLiteral("--url"), url, q, QStringLiteral("debug/../x:y")} << 2
            << QStringLiteral("qonvex-cli: Invalid function path \"debug/../x:y\": a module path component has no letter or digit")
            << QByteArray();
        QTest::newRow("unknown function") << QStringList{QStringLiteral("--url"), url, q, QStringLiteral("debug:nope")} << 1
                                          << QString()
                                          << errorLine(serverError(kNotFound.arg(QStringLiteral("debug:nope"))));
        QTest::newRow("unknown function over --http")
            << QStringList{QStringLiteral("--http"), QStringLiteral("--url"), url, QStringLiteral("mutation"), QStringLiteral("nope:x")}
            << 1 << QString()
            << errorLine(serverError(kNotFound.arg(QStringLiteral("nope:x"))));
    }
    void cli()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrText);
        QFETCH(QByteArray, stdoutText);
        arguments.replaceInStrings(QStringLiteral("@URL@"), m_url);
        const CliRun run = runCli(arguments);
        QVERIFY2(!run.crashed, run.err.constData());
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(matchesTemplate(QString::fromUtf8(run.out), QString::fromUtf8(stdoutText)), run.out.constData());
        const QString err = QString::fromLocal8Bit(run.err).trimmed();
        // Library log lines may surround it (more of them when a test runs with debug logging):
        // one line is the error, exactly. No expected text: no "qonvex-cli:" line at all.
        const QStringList lines = err.split(u'\n');
        if (stderrText.isEmpty()) {
            QVERIFY2(!err.contains(QStringLiteral("qonvex-cli:")), qPrintable(err));
        } else {
            QVERIFY2(std::any_of(lines.cbegin(), lines.cend(),
                                 [&](const QString &line) { return matchesTemplate(line, stderrText); }),
                     qPrintable(err.right(2000)));
        }
        // The next, valid call works: the bad one left nothing behind.
        const CliRun good = runCli({QStringLiteral("--url"), m_url, QStringLiteral("query"), QStringLiteral("debug:echo"),
                                    QStringLiteral("{\"value\":\"ok\"}")});
        QCOMPARE(good.exitCode, 0);
        QCOMPARE(good.out, QByteArray("{\"value\":\"ok\"}\n"));
    }

    // ---- hosted sign-in callback (sign-in view panel, welcome screen) -----------------------
    void signInCallback_data()
    {
        using Items = QList<std::pair<QString, QString>>;
        QTest::addColumn<Damage>("damage");
        QTest::addColumn<QString>("reason");
        QTest::newRow("forged state") << Damage([](const QUrl &u) {
            return withQuery(u, [](Items &i) { setItem(i, QStringLiteral("state"), QStringLiteral("forged")); });
        }) << QStringLiteral("the sign-in callback's state does not match this sign-in");
        QTest::newRow("state missing") << Damage([](const QUrl &u) {
            return withQuery(u, [](Items &i) { removeItem(i, QStringLiteral("state")); });
        }) << QStringLiteral("the sign-in callback has no state");
        QTest::newRow("nonce missing") << Damage([](const QUrl &u) {
            return withQuery(u, [](Items &i) { removeItem(i, QStringLiteral("rotating_token_nonce")); });
        }) << QStringLiteral("the sign-in callback has no rotating_token_nonce");
        QTest::newRow("nonce twice") << Damage([](const QUrl &u) {
            return withQuery(u, [](Items &i) { i.append({QStringLiteral("rotating_token_nonce"), QStringLiteral("x")}); });
        }) << QStringLiteral("the sign-in callback repeats the parameter 'rotating_token_nonce'");
        QTest::newRow("other host") << Damage([](const QUrl &u) {
            QUrl d = u;
            d.setHost(QStringLiteral("evil"));
            return d;
        }) << QStringLiteral("the sign-in callback has the wrong host");
        QTest::newRow("error from Clerk") << Damage([](const QUrl &u) {
            return withQuery(u, [](Items &i) {
                i.append({QStringLiteral("__clerk_status"), QStringLiteral("failed")});
                i.append({QStringLiteral("__clerk_error_code"), QStringLiteral("user_locked")});
            });
        }) << QStringLiteral("sign-in failed at Clerk (user_locked)");
    }
    void signInCallback()
    {
        QFETCH(Damage, damage);
        QFETCH(QString, reason);
        MemoryTokenStore store;
        SessionController session(m_config, &store);
        const QUrl genuine = hostedCallback(session);
        QVERIFY(genuine.isValid());
        QCOMPARE(session.state(), State::SigningIn);
        QVERIFY(!session.handleCallbackUrl(damage(genuine)));
        QCOMPARE(session.state(), State::SignedOut);
        QCOMPARE(session.reason(), reason);
        QVERIFY(session.sessionId().isEmpty());
        // The flow is over: even its genuine callback is not redeemed any more.
        QVERIFY(!session.handleCallbackUrl(genuine));
        QCOMPARE(session.state(), State::SignedOut);
        signInSucceeds(session);
    }

    void callbackWithoutSignIn()
    {
        // A qonvex:// link arriving when no sign-in runs (an old tab, another app) is ignored.
        MemoryTokenStore store;
        SessionController session(m_config, &store);
        QSignalSpy changed(&session, &SessionController::stateChanged);
        QVERIFY(!session.handleCallbackUrl(QUrl(QStringLiteral("qonvex://callback?state=s&rotating_token_nonce=n&created_session_id=x"))));
        QCOMPARE(session.state(), State::SignedOut);
        QCOMPARE(changed.count(), 0);
        signInSucceeds(session);
    }

    // ---- session revoked at Clerk (status bar "Signed out", reason on the welcome screen) ---
    void sessionGone_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("revoked") << QStringLiteral("revoked") << QStringLiteral("Your session was revoked. Please sign in again.");
        QTest::newRow("expired") << QStringLiteral("expired") << QStringLiteral("Your session expired. Please sign in again.");
        QTest::newRow("ended") << QStringLiteral("ended") << QStringLiteral("Your session has ended. Please sign in again.");
    }
    void sessionGone()
    {
        QFETCH(QString, status);
        QFETCH(QString, reason);
        MemoryTokenStore store;
        SessionController session(m_config, &store);
        signInSucceeds(session);
        if (QTest::currentTestFailed())
            return;
        QString error;
        m_devstack.control(QStringLiteral("/__devstack/sessions/status"),
                           {{QStringLiteral("sessionId"), session.sessionId()}, {QStringLiteral("status"), status}}, false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // The next token refresh (what the Convex client does before a token expires) finds out.
        std::optional<std::optional<QString>> answer;
        session.convexTokenFetcher()(true, [&](std::optional<QString> token) { answer = token; });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWait);
        QVERIFY(!answer->has_value());
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::SignedOut, kWait);
        QCOMPARE(session.reason(), reason);
        QTRY_VERIFY_WITH_TIMEOUT(!store.current().has_value(), kWait);
        signInSucceeds(session);
    }
};

QTEST_GUILESS_MAIN(TestCatalogueDevstack)
#include "tst_catalogue_devstack.moc"
