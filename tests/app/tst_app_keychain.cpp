// SPDX-License-Identifier: MIT
// KeychainTokenStore against the real gnome-keyring in a private D-Bus session (run under
// `./dev services`, which sets QONVEX_TEST_KEYRING=1), and without any D-Bus session, where
// the error must map to the "this session only" offer and nothing is written anywhere else.

#include "childoutput.h"
#include "config/clerkconfig.h"
#include "secrets/keychaintokenstore.h"
#include "session/sessioncontroller.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace qonvex::app;

namespace {

TokenLoadResult loadSync(TokenStore &store)
{
    std::optional<TokenLoadResult> result;
    store.load([&](TokenLoadResult r) { result = std::move(r); });
    // The keychain answers over D-Bus; a generous timeout, no sleeps.
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 20000);
    return result.value_or(TokenLoadResult{std::nullopt, TokenStoreError{TokenStoreError::Kind::Failed, QStringLiteral("timeout")}});
}

std::optional<TokenStoreError> doneSync(const std::function<void(TokenStore::DoneCallback)> &op)
{
    bool finished = false;
    std::optional<TokenStoreError> error;
    op([&](std::optional<TokenStoreError> e) {
        error = std::move(e);
        finished = true;
    });
    if (!QTest::qWaitFor([&] { return finished; }, 20000))
        return TokenStoreError{TokenStoreError::Kind::Failed, QStringLiteral("timeout")};
    return error;
}

bool keyringAvailable() { return qEnvironmentVariableIntValue("QONVEX_TEST_KEYRING") == 1; }

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saveLoadClear()
    {
        if (!keyringAvailable())
            QSKIP("needs gnome-keyring: run under ./dev services (QONVEX_TEST_KEYRING=1)");
        KeychainTokenStore store(QStringLiteral("127.0.0.1:4001"));
        QCOMPARE(store.key(), QStringLiteral("clerk-client-token:127.0.0.1:4001"));
        QVERIFY(store.isPersistent());

        // Missing entry = signed out, not an error.
        QVERIFY(!doneSync([&](auto cb) { store.clear(cb); }));
        auto empty = loadSync(store);
        QVERIFY2(!empty.error, qPrintable(empty.error ? empty.error->message : QString()));
        QVERIFY(!empty.token);

        const SecretToken token(QStringLiteral("eyJ.client-token.value-1"));
        const auto saveError = doneSync([&](auto cb) { store.save(token, cb); });
        QVERIFY2(!saveError, qPrintable(saveError ? saveError->message : QString()));
        auto loaded = loadSync(store);
        QVERIFY(!loaded.error);
        QVERIFY(loaded.token);
        QCOMPARE(*loaded.token, token);

        // Entries are scoped by Frontend API host: another instance sees nothing.
        KeychainTokenStore other(QStringLiteral("clerk.example.com"));
        QVERIFY(!loadSync(other).token);

        // Visible to the real secret service (not a file of ours), under our service name
        // (QtKeychain's libsecret schema keys entries by "server" = service, "user" = key).
        QProcess lookup;
        lookup.start(QStringLiteral("secret-tool"),
                     {QStringLiteral("lookup"), QStringLiteral("server"), QString::fromLatin1(KeychainTokenStore::kService),
                      QStringLiteral("user"), store.key()});
        QVERIFY(lookup.waitForFinished(10000));
        // Its stdout is the keychain entry itself (the one allowed store); stderr is recorded.
        (void)qonvex::test::readStderr(lookup);
        QCOMPARE(QString::fromUtf8(lookup.readAllStandardOutput()).trimmed(), token.reveal());

        // Overwrite, then clear.
        const SecretToken token2(QStringLiteral("eyJ.client-token.value-2"));
        QVERIFY(!doneSync([&](auto cb) { store.save(token2, cb); }));
        QCOMPARE(*loadSync(store).token, token2);
        QVERIFY(!doneSync([&](auto cb) { store.clear(cb); }));
        QVERIFY(!loadSync(store).token);
    }

    void noDbusSessionIsAnError()
    {
        // Run the no-keyring case in a child process so the environment change cannot leak
        // into QtDBus state of this one.
        if (qEnvironmentVariableIsSet("QONVEX_KEYCHAIN_CHILD")) {
            KeychainTokenStore store(QStringLiteral("127.0.0.1:1"));
            auto result = loadSync(store);
            if (!result.error)
                qFatal("expected an error without D-Bus");
            const auto saveError = doneSync([&](auto cb) { store.save(SecretToken(QStringLiteral("x")), cb); });
            if (!saveError)
                qFatal("expected a write error without D-Bus");
            // The session controller turns it into the "this session only" offer.
            AppConfig config;
            config.frontendApi = QUrl(QStringLiteral("http://127.0.0.1:1"));
            config.redirectUrl = defaultRedirectUrl();
            config.jwtTemplate = QStringLiteral("convex");
            SessionController controller(config, &store);
            controller.restore();
            if (!QTest::qWaitFor([&] { return controller.state() == SessionController::State::SessionOnly; }, 20000))
                qFatal("expected SessionOnly, got %d", int(controller.state()));
            controller.acceptSessionOnly();
            if (controller.state() != SessionController::State::SignedOut || controller.isPersistent())
                qFatal("acceptSessionOnly should leave a signed-out, non-persistent controller");
            return;
        }
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("QONVEX_KEYCHAIN_CHILD"), QStringLiteral("1"));
        // An empty runtime dir: no $XDG_RUNTIME_DIR/bus for libdbus to fall back to.
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), QDir::tempPath() + QStringLiteral("/qonvex-no-bus-") + QString::number(QCoreApplication::applicationPid()));
        QDir().mkpath(env.value(QStringLiteral("XDG_RUNTIME_DIR")));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("noDbusSessionIsAnError")});
        QVERIFY(child.waitForFinished(60000));
        // Merged stdout+stderr, recorded for the secrets scan (debug logging is inherited).
        const QByteArray output = qonvex::test::readStdout(child);
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
        QDir(env.value(QStringLiteral("XDG_RUNTIME_DIR"))).removeRecursively();
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_app_keychain.moc"
