// SPDX-License-Identifier: MIT
// What the status bar and banner say for each combination of session, connection and
// network (computeAppStatus), and the suspend detector with fake clocks.

#include "wiring/appstatus.h"
#include "wiring/wakedetector.h"

#include <QSignalSpy>
#include <QTest>

using namespace qonvex::app;
using State = SessionController::State;

namespace {
AppStatusInputs signedInConnected()
{
    AppStatusInputs in;
    in.session = State::SignedIn;
    in.userName = QStringLiteral("Ada Lovelace");
    in.hasClient = true;
    in.connection.connected = true;
    in.connection.isWebSocketConnected = true;
    in.connection.hasEverConnected = true;
    in.convexAuthenticated = true;
    in.network = NetworkReachability::Online;
    in.now = QDateTime::fromMSecsSinceEpoch(1'000'000, Qt::UTC);
    return in;
}
} // namespace

class TestShellStatus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void healthy();
    void reconnectingCountsDown();
    void offline();
    void stopped();
    void confirmingAndAuthProblem();
    void sessionStates();
    void pendingWrites();
    void droppedWritesAreToldAfterSignOut();
    void notConfigured();
    void wakeDetector();
};

void TestShellStatus::healthy()
{
    const AppStatus s = computeAppStatus(signedInConnected());
    QCOMPARE(s.connection, AppStatus::Connection::Connected);
    QCOMPARE(s.connectionText, QStringLiteral("Connected"));
    QCOMPARE(s.auth, AppStatus::Auth::SignedIn);
    QCOMPARE(s.authText, QStringLiteral("Signed in as Ada Lovelace"));
    QCOMPARE(s.banner, AppStatus::BannerKind::None);
    QCOMPARE(s.pendingText, QString());
    QCOMPARE(s.summary(), QStringLiteral("Connected · Signed in as Ada Lovelace"));
}

void TestShellStatus::reconnectingCountsDown()
{
    AppStatusInputs in = signedInConnected();
    in.connection.connected = false;
    in.connection.isWebSocketConnected = false;
    in.connection.connectionRetries = 3;
    in.connection.lastCloseReason = QStringLiteral("closed with code 1006");
    in.connection.nextRetryAt = in.now.addMSecs(3200);
    AppStatus s = computeAppStatus(in);
    QCOMPARE(s.connection, AppStatus::Connection::Reconnecting);
    QCOMPARE(s.connectionText, QStringLiteral("Reconnecting in 4 s (attempt 3)"));
    QCOMPARE(s.attempt, 3);
    QCOMPARE(s.retryInMs, 3200);
    QCOMPARE(s.banner, AppStatus::BannerKind::Connection);
    QVERIFY(s.bannerText.contains(u"Cannot reach the server (the connection was lost)"));
    QVERIFY(s.bannerRetry);
    in.now = in.now.addMSecs(3000);
    s = computeAppStatus(in);
    QCOMPARE(s.connectionText, QStringLiteral("Reconnecting in 1 s (attempt 3)"));
    in.now = in.now.addMSecs(1000); // due: attempt under way
    s = computeAppStatus(in);
    QCOMPARE(s.connectionText, QStringLiteral("Reconnecting… (attempt 3)"));
    // Auth state is kept while disconnected: the user is still signed in.
    QCOMPARE(s.auth, AppStatus::Auth::SignedIn);
}

void TestShellStatus::offline()
{
    AppStatusInputs in = signedInConnected();
    in.connection.connected = false;
    in.connection.isWebSocketConnected = false;
    in.connection.connectionRetries = 1;
    in.network = NetworkReachability::Offline;
    const AppStatus s = computeAppStatus(in);
    QCOMPARE(s.connection, AppStatus::Connection::Offline);
    QCOMPARE(s.connectionText, QStringLiteral("Offline"));
    QCOMPARE(s.banner, AppStatus::BannerKind::Offline);
    QVERIFY(s.bannerText.contains(u"offline"));
    QVERIFY(s.bannerRetry);
    // Offline but the socket is fine (e.g. a loopback deployment): trust the socket.
    in = signedInConnected();
    in.network = NetworkReachability::Offline;
    QCOMPARE(computeAppStatus(in).connection, AppStatus::Connection::Connected);
}

void TestShellStatus::stopped()
{
    AppStatusInputs in = signedInConnected();
    in.connection.connected = false;
    in.connection.terminated = true;
    in.connection.terminationError = QStringLiteral("InternalServerError: bad");
    const AppStatus s = computeAppStatus(in);
    QCOMPARE(s.connection, AppStatus::Connection::Stopped);
    QCOMPARE(s.banner, AppStatus::BannerKind::Stopped);
    QVERIFY(s.bannerText.contains(u"InternalServerError: bad"));
    QVERIFY(s.bannerRetry);
}

void TestShellStatus::confirmingAndAuthProblem()
{
    AppStatusInputs in = signedInConnected();
    in.convexAuthenticated = false;
    AppStatus s = computeAppStatus(in);
    QCOMPARE(s.auth, AppStatus::Auth::Confirming);
    QCOMPARE(s.authText, QStringLiteral("Confirming sign-in as Ada Lovelace…"));
    QCOMPARE(s.banner, AppStatus::BannerKind::None);

    in.convexAuthProblem = QStringLiteral("no token from Clerk (network)");
    s = computeAppStatus(in);
    QCOMPARE(s.auth, AppStatus::Auth::Problem);
    QCOMPARE(s.banner, AppStatus::BannerKind::Auth);
    QVERIFY(s.bannerText.contains(u"no token from Clerk"));
    QVERIFY(s.bannerRetry);

    in = signedInConnected();
    in.convexAuthRefreshing = true;
    QCOMPARE(computeAppStatus(in).auth, AppStatus::Auth::Confirming);
}

void TestShellStatus::sessionStates()
{
    AppStatusInputs in = signedInConnected();
    in.session = State::SignedOut;
    QCOMPARE(computeAppStatus(in).authText, QStringLiteral("Signed out"));
    QCOMPARE(computeAppStatus(in).banner, AppStatus::BannerKind::None);

    in.session = State::SigningIn;
    in.sessionReason = QStringLiteral("Restoring your session…");
    QCOMPARE(computeAppStatus(in).authText, QStringLiteral("Restoring your session…"));

    in.session = State::Error;
    in.sessionReason = QStringLiteral("Cannot reach Clerk to restore your session (timeout); retrying…");
    AppStatus s = computeAppStatus(in);
    QCOMPARE(s.auth, AppStatus::Auth::Problem);
    QCOMPARE(s.banner, AppStatus::BannerKind::Auth);
    QCOMPARE(s.bannerText, in.sessionReason);
    QVERIFY(s.bannerRetry);

    in.session = State::SessionOnly;
    in.sessionReason = QStringLiteral("The system keychain is not available (no D-Bus).");
    s = computeAppStatus(in);
    QCOMPARE(s.auth, AppStatus::Auth::SessionOnly);
    QCOMPARE(s.banner, AppStatus::BannerKind::Auth);
    QVERIFY(s.bannerText.contains(u"keychain"));
    QVERIFY(!s.bannerRetry);

    in = signedInConnected();
    in.persistent = false;
    s = computeAppStatus(in);
    QCOMPARE(s.auth, AppStatus::Auth::SessionOnly);
    QCOMPARE(s.authText, QStringLiteral("Signed in as Ada Lovelace (this session only)"));
}

void TestShellStatus::pendingWrites()
{
    AppStatusInputs in = signedInConnected();
    in.connection.inflightMutations = 2;
    in.connection.inflightActions = 1;
    AppStatus s = computeAppStatus(in);
    QCOMPARE(s.pendingWrites, 3);
    QCOMPARE(s.pendingText, QStringLiteral("3 changes pending"));
    QCOMPARE(s.summary(), QStringLiteral("Connected · Signed in as Ada Lovelace · 3 changes pending"));
    in.connection.inflightMutations = 1;
    in.connection.inflightActions = 0;
    QCOMPARE(computeAppStatus(in).pendingText, QStringLiteral("1 change pending"));
}

void TestShellStatus::droppedWritesAreToldAfterSignOut()
{
    AppStatusInputs in = signedInConnected();
    in.session = State::SignedOut;
    in.droppedWrites = 1;
    AppStatus s = computeAppStatus(in);
    QCOMPARE(s.banner, AppStatus::BannerKind::Auth);
    QVERIFY2(s.bannerText.startsWith(u"1 change you made before you were signed out may not have been saved"),
             qPrintable(s.bannerText));
    QVERIFY(!s.bannerRetry);
    in.droppedWrites = 3;
    QVERIFY2(computeAppStatus(in).bannerText.startsWith(u"3 changes you made"), qPrintable(computeAppStatus(in).bannerText));
    // A connection problem is said first; nothing is said while signed in.
    in.connection.connected = false;
    in.connection.isWebSocketConnected = false;
    in.connection.connectionRetries = 2;
    QCOMPARE(computeAppStatus(in).banner, AppStatus::BannerKind::Connection);
    in = signedInConnected();
    in.droppedWrites = 3;
    QCOMPARE(computeAppStatus(in).banner, AppStatus::BannerKind::None);
}

void TestShellStatus::notConfigured()
{
    AppStatusInputs in;
    const AppStatus s = computeAppStatus(in);
    QCOMPARE(s.connection, AppStatus::Connection::NotConfigured);
    QCOMPARE(s.auth, AppStatus::Auth::SignedOut);
}

void TestShellStatus::wakeDetector()
{
    qint64 awake = 1000;
    qint64 total = 5000;
    WakeDetector detector(nullptr, [&] { return awake; }, [&] { return total; }, 60000, 10000);
    QSignalSpy woke(&detector, &WakeDetector::woke);
    awake += 5000;
    total += 5000; // running normally
    detector.check();
    QCOMPARE(woke.count(), 0);
    awake += 5000;
    total += 5000 + 120000; // two minutes asleep
    detector.check();
    QCOMPARE(woke.count(), 1);
    QCOMPARE(woke.at(0).at(0).toLongLong(), 120000);
    awake += 5000;
    total += 5000 + 3000; // jitter below the threshold
    detector.check();
    QCOMPARE(woke.count(), 1);
}

QTEST_GUILESS_MAIN(TestShellStatus)
#include "tst_shell_status.moc"
