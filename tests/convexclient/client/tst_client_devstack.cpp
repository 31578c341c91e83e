// SPDX-License-Identifier: MIT
// convex::Client against the real local stand-ins (devstack/run: Convex + Clerk, real
// processes, real sockets): authenticated live query, read-your-writes mutation, function
// errors, and recovery after the whole stack restarts.
#include "devstackprocess.h"

#include <convexclient/client.h>

#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using convex::Client;
using convex::FunctionResult;
using convex::QuerySubscription;
using convex::Value;
using convex::ValueObject;
using qonvex::test::DevStackProcess;

namespace {
constexpr int kTimeout = 30000;

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool taskListContains(const QuerySubscription &tasks, const QString &text)
{
    const convex::ValueArray list = tasks.value().toArray();
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const Value &task) { return task[u"text"_qs].toString() == text; });
}
} // namespace

class TestClientDevstack : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    DevStackProcess m_stack;
    int m_fetches = 0;
    QString m_fetchError;  // checked by the test: the fetcher runs outside any test slot

    //! Signs Ada in on the Clerk stand-in and mints a `convex` template JWT. Runs from a
    //! zero timer: the blocking control call must not nest inside the client's callbacks.
    Client::TokenFetcher tokenFetcher(QObject *context)
    {
        return [this, context](bool, std::function<void(std::optional<QString>)> done) {
            ++m_fetches;
            QTimer::singleShot(0, context, [this, done] {
                QString error;
                const QJsonObject signIn = m_stack.control(u"/__devstack/sign-in"_qs,
                                                           {{u"email"_qs, u"ada@example.com"_qs}},
                                                           false, &error);
                const QJsonObject minted = m_stack.control(
                    u"/__devstack/tokens"_qs, {{u"sessionId"_qs, signIn.value(u"sessionId"_qs)}},
                    false, &error);
                const QString jwt = minted.value(u"jwt"_qs).toString();
                if (!error.isEmpty() || jwt.isEmpty()) {
                    m_fetchError = error.isEmpty() ? u"no jwt in the reply"_qs : error;
                    done(std::nullopt);
                    return;
                }
                done(jwt);
            });
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const quint16 convexPort = freePort();
        const quint16 clerkPort = freePort();
        QVERIFY(convexPort && clerkPort && convexPort != clerkPort);
        // Fixed ports and a data file, so that restart() brings back the same URLs and data.
        const bool started = m_stack.start({u"--data"_qs, m_dir.filePath(u"convex.json"_qs),
                                            u"--convex-port"_qs, QString::number(convexPort),
                                            u"--clerk-port"_qs, QString::number(clerkPort)},
                                           60000);
        QVERIFY2(started, qPrintable(m_stack.error()));
        QVERIFY(m_stack.convexUrl().isValid());
    }

    void anonymousCallerGetsConvexError()
    {
        Client client(m_stack.convexUrl());
        QVERIFY2(client.isValid(), qPrintable(client.configurationError()));
        std::unique_ptr<QuerySubscription> tasks(client.subscribe(u"tasks:list"_qs));
        std::unique_ptr<QuerySubscription> me(client.subscribe(u"users:me"_qs));
        QTRY_VERIFY_WITH_TIMEOUT(!tasks->isLoading() && !me->isLoading(), kTimeout);
        QVERIFY(tasks->hasError());
        QVERIFY(tasks->result()->isConvexError());
        QCOMPARE(tasks->result()->errorData()[u"code"_qs], Value(u"UNAUTHENTICATED"_qs));
        QVERIFY(me->result()->isSuccess());
        QVERIFY(me->value().isNull());
        QFuture<FunctionResult> add = client.mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, u"x"_qs}});
        QTRY_VERIFY_WITH_TIMEOUT(add.isFinished(), kTimeout);
        QVERIFY(add.result().isFunctionError());
        QVERIFY(!client.isAuthenticated());
    }

    void authenticatedSubscribeMutateAndRestart()
    {
        Client::Options options;
        options.reconnectJitter = [] { return 0.5; };
        Client client(m_stack.convexUrl(), options);
        QSignalSpy authChanged(&client, &Client::authenticationChanged);
        client.setAuth(tokenFetcher(&client));
        std::unique_ptr<QuerySubscription> me(client.subscribe(u"users:me"_qs));
        std::unique_ptr<QuerySubscription> tasks(client.subscribe(u"tasks:list"_qs));

        QTRY_VERIFY_WITH_TIMEOUT(client.isAuthenticated(), kTimeout);
        QCOMPARE(authChanged.first().at(0).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(me->result() && me->result()->isSuccess() && !me->value().isNull(),
                                 kTimeout);
        QCOMPARE(me->value()[u"subject"_qs], Value(u"user_2adaLovelace0000000000001"_qs));
        QCOMPARE(me->value()[u"email"_qs], Value(u"ada@example.com"_qs));
        QTRY_VERIFY_WITH_TIMEOUT(tasks->result() && tasks->result()->isSuccess(), kTimeout);

        // Read your own writes: when the future finishes, the live query already shows it.
        bool listedWhenResolved = false;
        QFuture<FunctionResult> add =
            client.mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, u"buy milk"_qs}});
        add.then(this, [&](const FunctionResult &) {
            listedWhenResolved = taskListContains(*tasks, u"buy milk"_qs);
        });
        QTRY_VERIFY_WITH_TIMEOUT(add.isFinished(), kTimeout);
        QVERIFY2(add.result().isSuccess(), qPrintable(add.result().errorMessage()));
        QVERIFY(add.result().value().isString());  // the new document id
        QTRY_VERIFY_WITH_TIMEOUT(listedWhenResolved, kTimeout);

        // A function error is a FunctionError with the ConvexError data, not a disconnect.
        QFuture<FunctionResult> invalid = client.mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, u""_qs}});
        QTRY_VERIFY_WITH_TIMEOUT(invalid.isFinished(), kTimeout);
        QVERIFY(invalid.result().isConvexError());
        QCOMPARE(invalid.result().errorData()[u"code"_qs], Value(u"INVALID"_qs));
        const int connectionsBefore = client.connectionState().connectionCount;
        QCOMPARE(connectionsBefore, 1);

        // The whole stack restarts (new Clerk signing keys, same data file and ports). The
        // client reconnects by itself, its old token is rejected, it fetches a new one.
        const int fetchesBefore = m_fetches;
        QVERIFY2(m_stack.restart(60000), qPrintable(m_stack.error()));
        QTRY_VERIFY_WITH_TIMEOUT(client.connectionState().connectionCount > connectionsBefore
                                     && client.connectionState().connected,
                                 kTimeout);
        QFuture<FunctionResult> second =
            client.mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, u"after restart"_qs}});
        QTRY_VERIFY_WITH_TIMEOUT(second.isFinished(), kTimeout);
        QVERIFY2(second.result().isSuccess(), qPrintable(second.result().errorMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(taskListContains(*tasks, u"after restart"_qs), kTimeout);
        QVERIFY(taskListContains(*tasks, u"buy milk"_qs));  // persisted across the restart
        QVERIFY(client.isAuthenticated());
        QVERIFY(m_fetches > fetchesBefore);
        QVERIFY2(m_fetchError.isEmpty(), qPrintable(m_fetchError));
        QVERIFY(!client.connectionState().terminated);
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestClientDevstack)
#include "tst_client_devstack.moc"
