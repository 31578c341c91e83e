// SPDX-License-Identifier: MIT
// SingleInstance between real processes: this test binary re-invokes itself as the second
// launch (`--helper-forward`) or as a separate running instance (`--helper-primary`).
#include "childoutput.h"
#include "singleinstance.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMutex>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using qonvex::SingleInstance;

namespace {

// ---- helper modes (run in the child process) ------------------------------------------------

int helperForward(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    SingleInstance instance(args.value(2));
    const int timeoutMs = args.value(3).toInt();
    switch (instance.claim()) {
    case SingleInstance::Role::Primary:
        std::puts("PRIMARY");
        return 3;
    case SingleInstance::Role::Secondary:
        break;
    default:
        std::fprintf(stderr, "claim failed: %s\n", qPrintable(instance.errorString()));
        return 4;
    }
    if (!instance.forward(args.mid(4), timeoutMs)) {
        std::fprintf(stderr, "forward failed: %s\n", qPrintable(instance.errorString()));
        return 1;
    }
    return 0;
}

int helperPrimary(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    SingleInstance instance(app.arguments().value(2));
    if (instance.claim() != SingleInstance::Role::Primary)
        return 3;
    QObject::connect(&instance, &SingleInstance::argumentsReceived, &app, [](const QStringList &arguments) {
        std::printf("ARGS %d\n", int(arguments.size()));
        for (const QString &argument : arguments)
            std::printf("ARG %s\n", qPrintable(argument));
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    QTimer::singleShot(60000, &app, [] { QCoreApplication::exit(5); }); // never outlive the test
    std::puts("READY");
    std::fflush(stdout);
    return app.exec();
}

// ---- log capture ------------------------------------------------------------------------------

QMutex logMutex;
QStringList capturedLogs;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLogs << message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void forwardsToRunningInstance_data();
    void forwardsToRunningInstance();
    void twoSeparateProcesses();
    void secondClaimIsSecondary();
    void staleSocketIsReplaced();
    void socketIsPrivate();
    void malformedClientsAreRefused_data();
    void malformedClientsAreRefused();
    void forwardGivesUpWhenPrimaryIsSilent();
    void logsNeverContainTheCallbackQuery();
    void invalidKeyFails();

private:
    QString m_key;
    int m_counter = 0;
    static bool runForwarder(const QString &key, const QStringList &arguments, int *exitCode,
                             QByteArray *stderrOut = nullptr, int timeoutMs = 10000);
};

void TestSingleInstance::init()
{
    m_key = QStringLiteral("tst-si-%1-%2").arg(QCoreApplication::applicationPid()).arg(++m_counter);
}

bool TestSingleInstance::runForwarder(const QString &key, const QStringList &arguments, int *exitCode,
                                      QByteArray *stderrOut, int timeoutMs)
{
    QProcess process;
    process.start(QCoreApplication::applicationFilePath(),
                  QStringList{QStringLiteral("--helper-forward"), key, QString::number(timeoutMs)} + arguments);
    if (!process.waitForStarted(10000))
        return false;
    // Keep this process's event loop running while waiting: the primary under test lives here.
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        qonvex::test::recordRemainingOutput(process);
        return false;
    }
    *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    // Both channels recorded for the secrets scan (the forwarder logs the callback's handling).
    const QByteArray errors = qonvex::test::readStderr(process);
    qonvex::test::recordRemainingOutput(process);
    if (stderrOut)
        *stderrOut = errors;
    return true;
}

void TestSingleInstance::forwardsToRunningInstance_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("callback") << QStringList{
        QStringLiteral("qonvex://callback?state=abc&rotating_token_nonce=xyz&created_session_id=sess_1")};
    QTest::newRow("no arguments (activate)") << QStringList{};
    QTest::newRow("several, unicode, spaces") << QStringList{QStringLiteral("--flag"), QStringLiteral("ä ö ü 🙂"),
                                                             QString()};
}

void TestSingleInstance::forwardsToRunningInstance()
{
    QFETCH(QStringList, arguments);
    SingleInstance primary(m_key);
    QCOMPARE(primary.claim(), SingleInstance::Role::Primary);
    QSignalSpy received(&primary, &SingleInstance::argumentsReceived);
    int exitCode = -1;
    QByteArray errors;
    QVERIFY(runForwarder(m_key, arguments, &exitCode, &errors));
    QVERIFY2(exitCode == 0, errors.constData());
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
    QCOMPARE(received.at(0).at(0).toStringList(), arguments);
}

void TestSingleInstance::twoSeparateProcesses()
{
    QProcess primary;
    primary.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--helper-primary"), m_key});
    QVERIFY(primary.waitForStarted(10000));
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += qonvex::test::readStdout(primary)).contains("READY\n"), 30000);

    const QString url = QStringLiteral("qonvex://callback?state=s1&rotating_token_nonce=n1");
    int exitCode = -1;
    QByteArray errors;
    QVERIFY(runForwarder(m_key, {url}, &exitCode, &errors));
    QVERIFY2(exitCode == 0, errors.constData());
    QTRY_VERIFY_WITH_TIMEOUT(primary.state() == QProcess::NotRunning, 30000); // may already have ended
    output += qonvex::test::readStdout(primary);
    qonvex::test::recordRemainingOutput(primary);  // its stderr, for the secrets scan
    QCOMPARE(primary.exitCode(), 0);
    QVERIFY2(output.contains(QByteArray("ARGS 1\nARG " + url.toUtf8() + "\n")), output.constData());
}

void TestSingleInstance::secondClaimIsSecondary()
{
    SingleInstance first(m_key);
    QCOMPARE(first.claim(), SingleInstance::Role::Primary);
    SingleInstance second(m_key);
    QCOMPARE(second.claim(), SingleInstance::Role::Secondary);
    QCOMPARE(first.claim(), SingleInstance::Role::Primary); // decided once
}

void TestSingleInstance::staleSocketIsReplaced()
{
    // What a crashed instance leaves: a bound socket file that nobody listens on.
    const QString path = SingleInstance::serverName(m_key);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray native = QFile::encodeName(path);
    QVERIFY(size_t(native.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    ::close(fd);
    QVERIFY(QFileInfo::exists(path));

    SingleInstance instance(m_key);
    QCOMPARE(instance.claim(), SingleInstance::Role::Primary);
    QSignalSpy received(&instance, &SingleInstance::argumentsReceived);
    int exitCode = -1;
    QByteArray errors;
    QVERIFY(runForwarder(m_key, {QStringLiteral("after-stale")}, &exitCode, &errors));
    QVERIFY2(exitCode == 0, errors.constData());
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
    QCOMPARE(received.at(0).at(0).toStringList(), QStringList{QStringLiteral("after-stale")});
}

void TestSingleInstance::socketIsPrivate()
{
    SingleInstance instance(m_key);
    QCOMPARE(instance.claim(), SingleInstance::Role::Primary);
    const QFileInfo socket(SingleInstance::serverName(m_key));
    QVERIFY(socket.exists());
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QVERIFY2(!(socket.permissions() & others), qPrintable(QString::number(int(socket.permissions()), 16)));
}

void TestSingleInstance::malformedClientsAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    auto frame = [](quint32 magic, quint16 version, const QStringList &arguments, const QByteArray &trailer) -> QByteArray {
        QByteArray payload;
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_0);
        out << magic << version << arguments;
        payload += trailer;
        QByteArray bytes;
        QDataStream header(&bytes, QIODevice::WriteOnly);
        header << quint32(payload.size());
        return bytes + payload;
    };
    QTest::newRow("huge length") << QByteArray("\xff\xff\xff\xff", 4);
    QTest::newRow("zero length") << QByteArray("\x00\x00\x00\x00", 4);
    QTest::newRow("bad magic") << frame(0x12345678, 1, {QStringLiteral("x")}, {});
    QTest::newRow("bad version") << frame(0x514f4e58, 99, {QStringLiteral("x")}, {});
    QTest::newRow("trailing garbage") << frame(0x514f4e58, 1, {QStringLiteral("x")}, "junk");
    QTest::newRow("truncated list") << QByteArray("\x00\x00\x00\x0a" "QONX\x00\x01\x00\x00\x00\x05", 14);
}

void TestSingleInstance::malformedClientsAreRefused()
{
    QFETCH(QByteArray, bytes);
    SingleInstance primary(m_key);
    QCOMPARE(primary.claim(), SingleInstance::Role::Primary);
    QSignalSpy received(&primary, &SingleInstance::argumentsReceived);

    QLocalSocket client;
    client.connectToServer(SingleInstance::serverName(m_key));
    QVERIFY(client.waitForConnected(5000));
    client.write(bytes);
    client.flush();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QLocalSocket::UnconnectedState, 10000);
    QCOMPARE(client.readAll(), QByteArray()); // no acknowledgement
    QCOMPARE(received.count(), 0);

    // The primary still serves well-formed launches afterwards.
    int exitCode = -1;
    QByteArray errors;
    QVERIFY(runForwarder(m_key, {QStringLiteral("still-works")}, &exitCode, &errors));
    QVERIFY2(exitCode == 0, errors.constData());
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
}

void TestSingleInstance::forwardGivesUpWhenPrimaryIsSilent()
{
    // A hung instance: it accepts connections and never answers.
    QLocalServer silent;
    QVERIFY(silent.listen(SingleInstance::serverName(m_key)));
    QList<QLocalSocket *> held;
    connect(&silent, &QLocalServer::newConnection, this, [&] {
        while (QLocalSocket *socket = silent.nextPendingConnection())
            held << socket;
    });
    int exitCode = -1;
    QByteArray errors;
    QVERIFY(runForwarder(m_key, {QStringLiteral("qonvex://callback?state=s")}, &exitCode, &errors, 1500));
    QCOMPARE(exitCode, 1);
    QVERIFY2(errors.contains("did not confirm"), errors.constData());
    QVERIFY(!held.isEmpty());
}

void TestSingleInstance::logsNeverContainTheCallbackQuery()
{
    const QString nonce = QStringLiteral("N0NCE-SECRET-7f3a");
    const QString url = QStringLiteral("qonvex://callback?state=ST4TE-SECRET&rotating_token_nonce=") + nonce;
    {
        QMutexLocker lock(&logMutex);
        capturedLogs.clear();
    }
    previousHandler = qInstallMessageHandler(captureMessage);
    SingleInstance primary(m_key);
    QCOMPARE(primary.claim(), SingleInstance::Role::Primary);
    QSignalSpy received(&primary, &SingleInstance::argumentsReceived);
    int exitCode = -1;
    QByteArray helperLog;
    const bool ran = runForwarder(m_key, {url}, &exitCode, &helperLog);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
    qInstallMessageHandler(previousHandler);
    QVERIFY(ran);
    QCOMPARE(exitCode, 0);

    QString logs;
    {
        QMutexLocker lock(&logMutex);
        logs = capturedLogs.join(u'\n');
    }
    // Both sides log the hand-over, and only as scheme://host/path.
    QVERIFY2(logs.contains(u"qonvex://callback"), qPrintable(logs));
    QVERIFY2(helperLog.contains("qonvex://callback"), helperLog.constData());
    for (const QString &secret : {nonce, QStringLiteral("ST4TE-SECRET")}) {
        QVERIFY2(!logs.contains(secret), qPrintable(logs));
        QVERIFY2(!helperLog.contains(secret.toUtf8()), helperLog.constData());
    }
    QCOMPARE(received.at(0).at(0).toStringList(), QStringList{url}); // the URL itself arrives whole
}

void TestSingleInstance::invalidKeyFails()
{
    SingleInstance instance(QStringLiteral("../escape"));
    QCOMPARE(instance.claim(), SingleInstance::Role::Failed);
    QVERIFY(!instance.forward({QStringLiteral("x")}));
}

int main(int argc, char **argv)
{
    if (argc >= 3 && qstrcmp(argv[1], "--helper-forward") == 0)
        return helperForward(argc, argv);
    if (argc >= 3 && qstrcmp(argv[1], "--helper-primary") == 0)
        return helperPrimary(argc, argv);
    QCoreApplication app(argc, argv);
    TestSingleInstance test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_singleinstance.moc"
