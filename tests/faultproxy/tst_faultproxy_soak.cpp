// SPDX-License-Identifier: MIT
// Soak test: two convex::Clients and qonvex-cli write through tests/faultproxy/faultproxy.mjs
// (cuts mid-Transition, after a Mutation, during Authenticate; stalls beyond the clients'
// inactivity threshold, delays, fragments, malformed and unknown frames) to the real Convex
// stand-in, which the test also restarts a few times. Afterwards every mutation must be applied
// exactly once on the server (/__devstack/state), both clients' live task lists must equal the
// server's, nothing may be left in flight, no qonvex-cli run may fail or crash.
// Environment: QONVEX_SOAK_N mutations per writer (default 50; `./dev soak` uses 1000),
// QONVEX_SOAK_RATE fault rate per frame (default 0.05), QONVEX_SOAK_SEED (default 7),
// QONVEX_SOAK_RESTARTS devstack restarts (default N/250, at least 1).
#include "childoutput.h"
#include "devstackprocess.h"

#include <convexclient/client.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using convex::Client;
using convex::FunctionResult;
using convex::QuerySubscription;
using convex::ValueObject;
using qonvex::test::DevStackProcess;

Q_LOGGING_CATEGORY(lcSoak, "qonvex.test.soak")

namespace {

// The clients give up on a silent server after kInactivity; the proxy's "stall" fault holds
// traffic longer than that, and the stand-in pings idle sockets often enough that only a stall
// (or a truly stuck machine) trips it.
constexpr std::chrono::milliseconds kInactivity{3000};
constexpr int kStallMs = 4500;
constexpr int kStandinPingMs = 1000;
// a and b write in bursts alongside the cli, so that faults and restarts meet queued mutations.
constexpr int kBurst = 10;

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue(name, &ok);
    return ok && n > 0 ? n : fallback;
}

QStringList texts(const QuerySubscription &tasks)
{
    QStringList out;
    for (const convex::Value &task : tasks.value().toArray())
        out.append(task[u"text"_qs].toString());
    out.sort();
    return out;
}

//! Two free loopback ports (both held open while choosing, so they differ).
std::pair<quint16, quint16> freePorts()
{
    QTcpServer first;
    QTcpServer second;
    if (!first.listen(QHostAddress::LocalHost) || !second.listen(QHostAddress::LocalHost))
        return {0, 0};
    return {first.serverPort(), second.serverPort()};
}
} // namespace

class TestFaultProxySoak : public QObject {
    Q_OBJECT
private:
    DevStackProcess m_stack;
    QProcess m_proxy;
    QUrl m_proxyUrl;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_http;

    //! A token for Ada from the Clerk stand-in's test controls (test harness, not under test:
    //! the first request after a devstack restart may meet a dead keep-alive connection, so it
    //! is tried up to three times).
    QString mintToken()
    {
        for (int attempt = 1; attempt <= 3; ++attempt) {
            QString error;
            const QJsonObject signIn = m_stack.control(u"/__devstack/sign-in"_qs,
                                                       {{u"email"_qs, u"ada@example.com"_qs}}, false, &error);
            const QJsonObject minted = error.isEmpty() ? m_stack.control(u"/__devstack/tokens"_qs,
                {{u"sessionId"_qs, signIn.value(u"sessionId"_qs)}}, false, &error) : QJsonObject();
            const QString jwt = minted.value(u"jwt"_qs).toString();
            if (error.isEmpty() && !jwt.isEmpty())
                return jwt;
            qCWarning(lcSoak).noquote() << "minting a token failed (attempt" << attempt << "):" << error.left(200);
        }
        return {};
    }

    QJsonObject httpJson(const QUrl &url, const QByteArray &postBody = {})
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = postBody.isNull() ? m_http.get(request) : m_http.post(request, postBody);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            reply->abort();
        const QJsonObject object = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return object;
    }

    QJsonObject proxyControl(const QString &path, const QJsonObject &body = {})
    {
        const QUrl url = m_proxyUrl.resolved(QUrl(path));
        return body.isEmpty() ? httpJson(url) : httpJson(url, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    //! Pings idle sockets often (each start of the stand-in resets this).
    bool configureStandin()
    {
        QString error;
        m_stack.control(u"/__devstack/config"_qs, {{u"pingIntervalMs"_qs, kStandinPingMs}}, true, &error);
        if (!error.isEmpty())
            qCWarning(lcSoak).noquote() << "stand-in config:" << error;
        return error.isEmpty();
    }

    //! Stops and starts the devstack on the same ports with the same data file: the data and
    //! the (sessionId, requestId) dedup table survive; Clerk signing keys do not.
    bool restartDevstack()
    {
        proxyControl(u"/__faultproxy/config"_qs, {{u"restarting"_qs, true}});
        if (!m_stack.restart(60000)) {
            qCWarning(lcSoak).noquote() << "devstack restart failed:" << m_stack.error();
            return false;
        }
        proxyControl(u"/__faultproxy/config"_qs, {{u"target"_qs, m_stack.convexUrl().toString()}});
        return configureStandin();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Fixed ports: tokens name the Clerk issuer URL, so a restart must keep it.
        const auto [clerkPort, convexPort] = freePorts();
        QVERIFY(clerkPort != 0 && convexPort != 0);
        QVERIFY2(m_stack.start({u"--data"_qs, m_dir.filePath(u"soak-data.json"_qs), u"--clerk-port"_qs,
                                QString::number(clerkPort), u"--convex-port"_qs, QString::number(convexPort)},
                               60000),
                 qPrintable(m_stack.error()));
        QVERIFY(configureStandin());
        const QString script = qonvex::test::sourceDir() + u"/tests/faultproxy/faultproxy.mjs"_qs;
        const QString seed = QString::number(envInt("QONVEX_SOAK_SEED", 7));
        const QString rate = qEnvironmentVariable("QONVEX_SOAK_RATE", u"0.05"_qs);
        m_proxy.start(u"node"_qs, {script, u"--target"_qs, m_stack.convexUrl().toString(), u"--seed"_qs, seed,
                                   u"--rate"_qs, rate, u"--stall-ms"_qs, QString::number(kStallMs)});
        QVERIFY2(m_proxy.waitForStarted(10000), "node did not start");
        QVERIFY(QTest::qWaitFor([this] { return m_proxy.canReadLine(); }, 20000));
        m_proxyUrl = QUrl(QJsonDocument::fromJson(m_proxy.readLine()).object().value(u"url"_qs).toString());
        QVERIFY(m_proxyUrl.isValid());
    }

    void mutationsAppliedExactlyOnceThroughFaults()
    {
        const int n = envInt("QONVEX_SOAK_N", 50);
        const int restarts = envInt("QONVEX_SOAK_RESTARTS", std::max(1, n / 250));
        // Generous: every cut costs the clients a reconnect backoff; scales with the load.
        const int kFinishTimeout = std::max(240000, n * 3000);
        QElapsedTimer duration;
        duration.start();
        Client::Options options;
        options.reconnectOnNetworkChange = false;
        options.serverInactivityThreshold = kInactivity;
        Client::TokenFetcher fetcher = [this](bool, std::function<void(std::optional<QString>)> done) {
            QTimer::singleShot(0, this, [this, done] {
                const QString jwt = mintToken();
                done(jwt.isEmpty() ? std::nullopt : std::optional<QString>(jwt));
            });
        };
        Client a(m_proxyUrl, options);
        Client b(m_proxyUrl, options);
        a.setAuth(fetcher);
        b.setAuth(fetcher);
        std::unique_ptr<QuerySubscription> tasksA(a.subscribe(u"tasks:list"_qs));
        std::unique_ptr<QuerySubscription> tasksB(b.subscribe(u"tasks:list"_qs));

        QList<QFuture<FunctionResult>> futures;
        auto writeBurst = [&](int from) {
            for (int i = from; i < std::min(n, from + kBurst); ++i) {
                for (auto [client, prefix] : {std::pair{&a, u"a"_qs}, std::pair{&b, u"b"_qs}}) {
                    const QString text = u"%1-%2"_qs.arg(prefix).arg(i);
                    futures.append(client->mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, text}}));
                }
            }
        };

        // qonvex-cli: one process per mutation, one after the other; a and b write a burst every
        // kBurst cli runs. A planned devstack restart waits for the running cli process: the
        // token in its file was signed by the Clerk stand-in's old key (a real Clerk keeps its
        // keys across a backend restart; a and b fetch a fresh token when theirs is refused).
        const QString tokenFile = m_dir.filePath(u"token"_qs);
        int cliDone = 0;
        int cliFailed = 0;
        bool restartWanted = false;
        bool cliParked = false;
        bool cliPreparing = false;  // between minting the token and starting the process
        int restartsDone = 0;
        int restartsFailed = 0;
        QProcess cli;
        std::function<void()> nextCli = [&] {
            if (cliDone == n)
                return;
            if (restartWanted) {
                cliParked = true;
                return;
            }
            if (cliDone % kBurst == 0)
                writeBurst(cliDone);
            const QString text = u"cli-%1"_qs.arg(cliDone);
            // mintToken() waits in a nested event loop, where the restart timer fires too: with
            // no process running yet it would restart the devstack under a token minted by the
            // old one (the CLI then failed with ERR_JWKS_NO_MATCHING_KEY, exit 3).
            cliPreparing = true;
            QFile file(tokenFile);  // a fresh token per process: Clerk tokens are short-lived
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(mintToken().toUtf8()) <= 0)
                qCWarning(lcSoak) << "cannot write the token file";
            file.close();
            cli.start(QStringLiteral(QONVEX_CLI_PATH),
                      {u"--url"_qs, m_proxyUrl.toString(), u"--token-file"_qs, tokenFile, u"--timeout"_qs,
                       u"60"_qs, u"mutation"_qs, u"tasks:add"_qs, u"{\"text\":\"%1\"}"_qs.arg(text)});
            cliPreparing = false;
        };
        connect(&cli, &QProcess::finished, this, [&](int code, QProcess::ExitStatus status) {
            // Whole output to the secrets scan's record; on failure, the CLI's own last lines:
            // under ./dev test every category logs at debug, and Qt's plugin-loading lines
            // would fill any fixed-size tail.
            qonvex::test::readStdout(cli);
            const QByteArray err = qonvex::test::readStderr(cli);
            if (status != QProcess::NormalExit || code != 0) {
                ++cliFailed;
                QByteArrayList said;
                for (const QByteArray &line : err.split('\n')) {
                    if (!line.trimmed().isEmpty() && !line.startsWith(' ') && !line.startsWith('"')
                        && !line.contains("plugin") && !line.contains("library") && !line.contains("QFactoryLoader"))
                        said << line;
                }
                qCWarning(lcSoak).noquote() << "qonvex-cli mutation" << cliDone << "exit" << code << ":"
                                            << said.mid(std::max<qsizetype>(0, said.size() - 6)).join(" | ");
            }
            ++cliDone;
            QTimer::singleShot(0, this, nextCli);
        });

        // Restarts spread evenly over the run (by completed mutations).
        auto completed = [&] {
            return cliDone + int(std::count_if(futures.cbegin(), futures.cend(),
                                               [](const auto &f) { return f.isFinished(); }));
        };
        QTimer restartTimer;
        bool inRestart = false;  // the proxy controls below spin a nested event loop
        connect(&restartTimer, &QTimer::timeout, this, [&] {
            if (inRestart || restartsDone == restarts)
                return;
            if (!restartWanted && completed() >= 3 * n * (restartsDone + 1) / (restarts + 1))
                restartWanted = true;
            if (!restartWanted || cliPreparing || cli.state() != QProcess::NotRunning)
                return;
            qCInfo(lcSoak) << "restarting the devstack at" << completed() << "completed mutations";
            inRestart = true;
            restartsFailed += restartDevstack() ? 0 : 1;
            inRestart = false;
            ++restartsDone;
            restartWanted = false;
            if (cliParked) {
                cliParked = false;
                nextCli();
            }
        });
        restartTimer.start(100);
        nextCli();

        QStringList expected;
        for (int i = 0; i < n; ++i)
            expected << u"a-%1"_qs.arg(i) << u"b-%1"_qs.arg(i) << u"cli-%1"_qs.arg(i);
        expected.sort();

        QTRY_VERIFY_WITH_TIMEOUT(cliDone == n, kFinishTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(futures.cbegin(), futures.cend(),
                                             [](const auto &f) { return f.isFinished(); }),
                                 kFinishTimeout);
        restartTimer.stop();
        // Faults off: the clients settle; their live lists must then equal the server's truth.
        const QJsonObject stats = proxyControl(u"/__faultproxy/stats"_qs);
        proxyControl(u"/__faultproxy/config"_qs, {{u"enabled"_qs, false}});

        int failedMutations = 0;
        for (const auto &f : futures) {
            if (!f.result().isSuccess()) {
                ++failedMutations;
                qCWarning(lcSoak) << "mutation failed:" << f.result().errorMessage().left(200);
            }
        }
        const QJsonObject state = m_stack.control(u"/__devstack/state"_qs, {}, true);
        QHash<QString, int> applied;
        for (const QJsonValue &task : state.value(u"tables"_qs).toObject().value(u"tasks"_qs).toArray())
            ++applied[task.toObject().value(u"text"_qs).toString()];
        int lost = 0;
        int duplicated = 0;
        for (const QString &text : expected) {
            lost += applied.value(text) == 0 ? 1 : 0;
            duplicated += applied.value(text) > 1 ? applied.value(text) - 1 : 0;
        }
        QStringList truth = applied.keys();
        truth.sort();
        QTRY_COMPARE_WITH_TIMEOUT(texts(*tasksA), truth, kFinishTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(texts(*tasksB), truth, kFinishTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!a.connectionState().hasInflightRequests
                                     && !b.connectionState().hasInflightRequests, kFinishTimeout);

        qCInfo(lcSoak).noquote() << "soak:" << expected.size() << "mutations," << stats.value(u"mutationFrames"_qs).toInt()
                                 << "Mutation frames sent (with resends)," << stats.value(u"faults"_qs).toInt()
                                 << "faults injected" << QJsonDocument(stats.value(u"byFault"_qs).toObject()).toJson(QJsonDocument::Compact)
                                 << "over" << stats.value(u"connections"_qs).toInt() << "connections; lost" << lost
                                 << "duplicated" << duplicated << "failed" << failedMutations + cliFailed
                                 << "restarts" << restartsDone << "(failed" << restartsFailed << ")"
                                 << "longest recovery" << stats.value(u"longestRecoveryMs"_qs).toInt() << "ms"
                                 << QJsonDocument(stats.value(u"longestRecoveryByFault"_qs).toObject()).toJson(QJsonDocument::Compact)
                                 << "duration" << duration.elapsed() / 1000 << "s";
        QCOMPARE(lost, 0);
        QCOMPARE(duplicated, 0);
        QCOMPARE(failedMutations, 0);
        QCOMPARE(cliFailed, 0);
        QCOMPARE(restartsFailed, 0);
        QCOMPARE(restartsDone, restarts);
        QVERIFY2(stats.value(u"faults"_qs).toInt() > restartsDone,
                 "the proxy injected no fault: the soak proved nothing");
        QVERIFY(!a.connectionState().terminated && !b.connectionState().terminated);
    }

    void cleanupTestCase()
    {
        if (m_proxy.state() != QProcess::NotRunning) {
            m_proxy.terminate();
            if (!m_proxy.waitForFinished(5000))
                m_proxy.kill();
        }
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestFaultProxySoak)
#include "tst_faultproxy_soak.moc"
