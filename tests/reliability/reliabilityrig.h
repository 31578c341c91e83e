// SPDX-License-Identifier: MIT
#pragma once
// Shared set-up of the reliability tests: the real devstack (Clerk and Convex stand-ins over
// loopback sockets) and the app's real wiring (AppController: SessionController + the Convex
// client + the token provider) with a MemoryTokenStore and a fake clock for the session, so a
// test can jump time (a suspend) and step through retry backoff without sleeping.

#include "devstackprocess.h"
#include "fakescheduler.h"
#include "secrets/memorytokenstore.h"
#include "session/sessioncontroller.h"
#include "wiring/appcontroller.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QJsonObject>
#include <QString>

#include <memory>

namespace qonvex::test {

//! Generous bound for real I/O (a loaded CI machine); never a timing assertion.
constexpr int kReliabilityWait = 30000;

//! A session created on the Clerk stand-in with `/__devstack/sign-in`, as if the hosted
//! sign-in had run; the client token is what the keychain would hold.
struct StandInUser {
    QString clientToken;
    QString sessionId;
    QString userId;
};

//! The devstack started once per test binary, plus its controls.
class ReliabilityStack {
public:
    //! Starts `devstack/run` (both stand-ins) and builds the app configuration for it.
    bool start(QString *error);
    const app::AppConfig &config() const { return m_config; }
    DevStackProcess &process() { return m_devstack; }

    //! POST to a control on the Clerk stand-in; a failed control is a test failure (warned).
    QJsonObject clerk(const QString &path, const QJsonObject &body = {});
    //! POST to a control on the Convex stand-in.
    QJsonObject convex(const QString &path, const QJsonObject &body = {});
    //! Back to a clean Clerk stand-in: no faults, default lifetimes, no rotation, clock offset 0,
    //! empty request log.
    void resetClerk();
    //! A fresh client with one active session for \a email.
    StandInUser signIn(const QString &email = QStringLiteral("ada@example.com"));
    //! FAPI requests logged since the last requests/clear whose path matches \a pathPattern.
    int countRequests(const QString &pathPattern, int status = 0);
    //! Adds a fault on the Clerk stand-in (see devstack/README.md "faults").
    void fault(const QJsonObject &fault) { clerk(QStringLiteral("/__devstack/faults"), fault); }
    //! The `status` of session \a sid on the Clerk stand-in.
    QString sessionStatus(const QString &sid);

private:
    DevStackProcess m_devstack;
    app::AppConfig m_config;
};

//! One running app: AppController with a stored client token and a live `users:me`.
class AppRig {
public:
    //! The keychain stand-in starts with \a user's client token (a previous launch signed in).
    AppRig(const app::AppConfig &config, const StandInUser &user);
    ~AppRig();

    //! Restores the session like a launch, then subscribes to `users:me`; true once the live
    //! query shows the user's identity and auth has settled: the Convex client's start-up pair
    //! of tokens (cached, then a forced fresh one, as in the JS client) is confirmed by the
    //! server, so a test's faults only meet the requests the test causes.
    bool startAndSubscribe(ReliabilityStack &stack);

    app::AppController *app() const { return m_app.get(); }
    app::SessionController *session() const { return m_app->session(); }
    convex::Client *client() const { return m_app->client(); }
    convex::QuerySubscription *me() const { return m_me.get(); }

    //! `subject` of the live `users:me` result; empty while it is null, loading or failed.
    QString meSubject() const;
    //! True when the live `users:me` result is null (the query ran without identity).
    bool meIsAnonymous() const;
    //! Everything agrees the user is signed in: session SignedIn, the Convex client's token
    //! confirmed and not being replaced, and the live query answers with the user's identity.
    bool fullySignedIn() const;
    //! Nothing claims a signed-in state any more: session SignedOut, the Convex client not
    //! authenticated, no stored client token, and the live query re-ran without identity.
    bool fullySignedOut() const;
    //! Describes the state for failure messages (no secrets).
    QString describe() const;

    app::MemoryTokenStore store;
    FakeScheduler clock;
    const QString userId;

private:
    std::unique_ptr<app::AppController> m_app;
    std::unique_ptr<convex::QuerySubscription> m_me;
};

} // namespace qonvex::test
