// SPDX-License-Identifier: MIT
// Soak test: two convex::Clients and qonvex-cli write through tests/faultproxy/faultproxy.mjs
// (cuts mid-Transition, after a Mutation, during Authenticate; stalls, fragments, malformed
// and unknown frames) to the real Convex stand-in. Afterwards every mutation must be applied
// exactly once on the server (/__devstack/state), both clients' live task lists must equal the
// server's, nothing may be left in flight. N mutations per writer: env QONVEX_SOAK_N (default
// 50; `./dev soak` uses more); fault rate per frame: QONVEX_SOAK_RATE (default 0.05).
#include "devstackprocess.h"

#include <convexclient/client.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
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
} // namespace

class TestFaultProxySoak : public QObject {
    Q_OBJECT
private:
    DevStackProcess m_stack;
    QProcess m_proxy;
    QUrl m_proxyUrl;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_http;

    QString mintToken()
    {
        QString error;
        const QJsonObject signIn = m_stack.control(u"/__devstack/sign-in"_qs,
                                                   {{u"email"_qs, u"ada@example.com"_qs}}, false, &error);
        const QJsonObject minted = m_stack.control(
            u"/__devstack/tokens"_qs, {{u"sessionId"_qs, signIn.value(u"sessionId"_qs)}}, false, &error);
        return minted.value(u"jwt"_qs).toString();
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

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_stack.start({}, 60000), qPrintable(m_stack.error()));
        const QString script = qonvex::test::sourceDir() + u"/tests/faultproxy/faultproxy.mjs"_qs;
        const QString seed = QString::number(envInt("QONVEX_SOAK_SEED", 7));
        const QString rate = qEnvironmentVariable("QONVEX_SOAK_RATE", u"0.05"_qs);
        m_proxy.start(u"node"_qs, {script, u"--target"_qs, m_stack.convexUrl().toString(),
                                   u"--seed"_qs, seed, u"--rate"_qs, rate});
        QVERIFY2(m_proxy.waitForStarted(10000), "node did not start");
        QVERIFY(QTest::qWaitFor([this] { return m_proxy.canReadLine(); }, 20000));
        m_proxyUrl = QUrl(QJsonDocument::fromJson(m_proxy.readLine()).object().value(u"url"_qs).toString());
        QVERIFY(m_proxyUrl.isValid());
    }

    void mutationsAppliedExactlyOnceThroughFaults()
    {
        const int n = envInt("QONVEX_SOAK_N", 50);
        // Generous: every cut costs the clients a reconnect backoff; scales with the load.
        const int kFinishTimeout = std::max(240000, n * 3000);
        Client::Options options;
        options.reconnectOnNetworkChange = false;
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

        // qonvex-cli: one process per mutation, one after the other, alongside the clients.
        const QString tokenFile = m_dir.filePath(u"token"_qs);
        QStringList expected;
        int cliDone = 0;
        int cliFailed = 0;
        QProcess cli;
        std::function<void()> nextCli = [&] {
            if (cliDone == n)
                return;
            const QString text = u"cli-%1"_qs.arg(cliDone);
            QFile file(tokenFile);  // a fresh token per process: Clerk tokens are short-lived
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(mintToken().toUtf8()) <= 0)
                qCWarning(lcSoak) << "cannot write the token file";
            file.close();
            cli.start(QStringLiteral(QONVEX_CLI_PATH),
                      {u"--url"_qs, m_proxyUrl.toString(), u"--token-file"_qs, tokenFile, u"--timeout"_qs,
                       u"60"_qs, u"mutation"_qs, u"tasks:add"_qs, u"{\"text\":\"%1\"}"_qs.arg(text)});
        };
        connect(&cli, &QProcess::finished, this, [&](int code, QProcess::ExitStatus status) {
            if (status != QProcess::NormalExit || code != 0) {
                ++cliFailed;
                qCWarning(lcSoak) << "qonvex-cli mutation" << cliDone << "exit" << code
                                  << cli.readAllStandardError().right(300);
            }
            ++cliDone;
            QTimer::singleShot(0, this, nextCli);
        });
        nextCli();

        QList<QFuture<FunctionResult>> futures;
        for (int i = 0; i < n; ++i) {
            for (auto [client, prefix] : {std::pair{&a, u"a"_qs}, std::pair{&b, u"b"_qs}}) {
                const QString text = u"%1-%2"_qs.arg(prefix).arg(i);
                futures.append(client->mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, text}}));
            }
            QTest::qWait(5);  // spread the writes over the run, so faults hit them at many points
        }
        for (int i = 0; i < n; ++i)
            expected << u"a-%1"_qs.arg(i) << u"b-%1"_qs.arg(i) << u"cli-%1"_qs.arg(i);
        expected.sort();

        QTRY_VERIFY_WITH_TIMEOUT(cliDone == n, kFinishTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(futures.cbegin(), futures.cend(),
                                             [](const auto &f) { return f.isFinished(); }),
                                 kFinishTimeout);
        // Faults off: the clients settle; their live lists must then equal the server's truth.
        const QJsonObject stats = httpJson(m_proxyUrl.resolved(QUrl(u"/__faultproxy/stats"_qs)));
        httpJson(m_proxyUrl.resolved(QUrl(u"/__faultproxy/config"_qs)), QByteArrayLiteral("{\"enabled\":false}"));

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
        qCInfo(lcSoak).noquote() << "soak:" << expected.size() << "mutations," << stats.value(u"faults"_qs).toInt()
                                 << "faults injected" << QJsonDocument(stats.value(u"byFault"_qs).toObject()).toJson(QJsonDocument::Compact)
                                 << "over" << stats.value(u"connections"_qs).toInt() << "connections; lost" << lost
                                 << "duplicated" << duplicated << "failed" << failedMutations + cliFailed
                                 << "longest recovery" << stats.value(u"longestRecoveryMs"_qs).toInt() << "ms";
        QCOMPARE(lost, 0);
        QCOMPARE(duplicated, 0);
        QCOMPARE(failedMutations, 0);
        QCOMPARE(cliFailed, 0);
        QVERIFY2(stats.value(u"faults"_qs).toInt() > 0, "the proxy injected no fault: the soak proved nothing");

        QStringList truth = applied.keys();
        truth.sort();
        QTRY_COMPARE_WITH_TIMEOUT(texts(*tasksA), truth, kFinishTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(texts(*tasksB), truth, kFinishTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!a.connectionState().hasInflightRequests
                                     && !b.connectionState().hasInflightRequests, kFinishTimeout);
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
