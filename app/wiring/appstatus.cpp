// SPDX-License-Identifier: MIT
#include "wiring/appstatus.h"

#include <QCoreApplication>
#include <QStringList>

namespace qonvex::app {

namespace {

// The status texts people read, translated in the "AppStatus" context (resources/translations).
struct StatusTexts {
    Q_DECLARE_TR_FUNCTIONS(AppStatus)
};

QString seconds(qint64 ms)
{
    const qint64 s = (ms + 999) / 1000; // "in 1 s" until it is due, never "in 0 s"
    return StatusTexts::tr("%1 s", "seconds").arg(std::max<qint64>(s, 1));
}

// A server close reason for people: the client's codes are precise but cryptic.
QString describeCloseReason(const QString &reason)
{
    if (reason.isEmpty() || reason == u"InitialConnect")
        return {};
    if (reason.contains(u"1006") || reason.contains(u"refused", Qt::CaseInsensitive))
        return StatusTexts::tr("the connection was lost");
    if (reason == u"InactiveServer")
        return StatusTexts::tr("the server stopped answering");
    // The client's own codes for a server that broke the protocol (see convex::ConnectionState).
    if (reason == u"InvalidServerMessage" || reason == u"InvalidStartVersion" || reason == u"InvalidTransitionChunk"
        || reason == u"UnexpectedBinaryFrame")
        return StatusTexts::tr("it sent a message Qonvex cannot read");
    // Qt's WebSocket refusing a frame or message over its size limit ("Maximum framesize
    // exceeded.", "Received message is too big.").
    if (reason.contains(u"size exceeded", Qt::CaseInsensitive) || reason.contains(u"too big", Qt::CaseInsensitive))
        return StatusTexts::tr("it sent a message too large to accept");
    return reason;
}

void computeConnection(const AppStatusInputs &in, AppStatus &s)
{
    const convex::ConnectionState &c = in.connection;
    if (!in.hasClient) {
        s.connection = AppStatus::Connection::NotConfigured;
        s.connectionText = StatusTexts::tr("Not configured");
        return;
    }
    if (c.terminated) {
        s.connection = AppStatus::Connection::Stopped;
        s.connectionText = StatusTexts::tr("Stopped");
        s.banner = AppStatus::BannerKind::Stopped;
        s.bannerText = c.terminationError.isEmpty()
            ? StatusTexts::tr("The connection to the server was closed.")
            : StatusTexts::tr("The server ended the connection: %1").arg(c.terminationError);
        s.bannerRetry = true;
        return;
    }
    if (c.connected || (c.isWebSocketConnected && c.connectionRetries == 0)) {
        // An open socket paused for an auth token still counts as connected: the auth part of
        // the status says "confirming".
        s.connection = AppStatus::Connection::Connected;
        s.connectionText = StatusTexts::tr("Connected");
        return;
    }
    s.attempt = c.connectionRetries;
    s.retryInMs = c.nextRetryAt.isValid() && in.now.isValid()
        ? std::max<qint64>(0, in.now.msecsTo(c.nextRetryAt)) : -1;
    if (in.network == NetworkReachability::Offline) {
        s.connection = AppStatus::Connection::Offline;
        s.connectionText = StatusTexts::tr("Offline");
        s.banner = AppStatus::BannerKind::Offline;
        s.bannerText = StatusTexts::tr("You are offline. Changes you make are kept and sent when the network is back.");
        s.bannerRetry = true;
        return;
    }
    if (c.connectionRetries == 0) {
        s.connection = AppStatus::Connection::Connecting;
        s.connectionText = c.hasEverConnected ? StatusTexts::tr("Reconnecting…") : StatusTexts::tr("Connecting…");
        return;
    }
    s.connection = AppStatus::Connection::Reconnecting;
    s.connectionText = s.retryInMs > 0
        ? StatusTexts::tr("Reconnecting in %1 (attempt %2)").arg(seconds(s.retryInMs)).arg(c.connectionRetries)
        : StatusTexts::tr("Reconnecting… (attempt %1)").arg(c.connectionRetries);
    const QString why = describeCloseReason(c.lastCloseReason);
    s.banner = AppStatus::BannerKind::Connection;
    // Whole sentences, so that a translation can order them as its language needs.
    if (why.isEmpty()) {
        s.bannerText = c.hasEverConnected
            ? StatusTexts::tr("Cannot reach the server. Your data stays on screen; changes are sent once it is back.")
            : StatusTexts::tr("Cannot connect to the server. Your data stays on screen; changes are sent once it is back.");
    } else {
        s.bannerText = (c.hasEverConnected
                            ? StatusTexts::tr("Cannot reach the server (%1). Your data stays on screen; changes are sent once it is back.")
                            : StatusTexts::tr("Cannot connect to the server (%1). Your data stays on screen; changes are sent once it is back."))
                           .arg(why);
    }
    s.bannerRetry = true;
}

void computeAuth(const AppStatusInputs &in, AppStatus &s)
{
    using State = SessionController::State;
    switch (in.session) {
    case State::SignedOut:
        s.auth = AppStatus::Auth::SignedOut;
        s.authText = StatusTexts::tr("Signed out");
        if (in.droppedWrites > 0 && s.banner == AppStatus::BannerKind::None) {
            // Said until the next sign-in: the welcome screen is where the user lands.
            s.banner = AppStatus::BannerKind::Auth;
            s.bannerText = in.droppedWrites == 1
                ? StatusTexts::tr("1 change you made before you were signed out may not have been saved: "
                                  "the server had not confirmed it. Sign in and check your data.")
                : StatusTexts::tr("%1 changes you made before you were signed out may not have been saved: "
                                  "the server had not confirmed them. Sign in and check your data.")
                      .arg(in.droppedWrites);
            s.bannerRetry = false;
        }
        return;
    case State::SigningIn:
        s.auth = AppStatus::Auth::SigningIn;
        s.authText = in.sessionReason.isEmpty() ? StatusTexts::tr("Signing in…") : in.sessionReason;
        return;
    case State::SessionOnly:
        s.auth = AppStatus::Auth::SessionOnly;
        s.authText = StatusTexts::tr("Keychain unavailable");
        if (s.banner == AppStatus::BannerKind::None) {
            s.banner = AppStatus::BannerKind::Auth;
            s.bannerText = in.sessionReason;
            s.bannerRetry = false; // the welcome screen / banner offers "this session only" instead
        }
        return;
    case State::Error:
        s.auth = AppStatus::Auth::Problem;
        s.authText = StatusTexts::tr("Sign-in problem");
        if (s.banner == AppStatus::BannerKind::None || s.banner == AppStatus::BannerKind::Connection) {
            s.banner = AppStatus::BannerKind::Auth;
            s.bannerText = in.sessionReason.isEmpty() ? StatusTexts::tr("Cannot reach the sign-in service.")
                                                      : in.sessionReason;
            s.bannerRetry = true;
        }
        return;
    case State::SignedIn:
        break;
    }
    const QString who = in.userName.isEmpty() ? StatusTexts::tr("you") : in.userName;
    const QString suffix = in.persistent ? QString() : StatusTexts::tr(" (this session only)");
    if (!in.convexAuthProblem.isEmpty() && !in.convexAuthenticated) {
        s.auth = AppStatus::Auth::Problem;
        s.authText = StatusTexts::tr("Not confirmed by the server");
        if (s.banner == AppStatus::BannerKind::None) {
            s.banner = AppStatus::BannerKind::Auth;
            s.bannerText = StatusTexts::tr("The server did not accept your sign-in: %1").arg(in.convexAuthProblem);
            s.bannerRetry = true;
        }
        return;
    }
    if (!in.convexAuthenticated || in.convexAuthRefreshing) {
        s.auth = AppStatus::Auth::Confirming;
        s.authText = StatusTexts::tr("Confirming sign-in as %1…").arg(who);
        return;
    }
    s.auth = in.persistent ? AppStatus::Auth::SignedIn : AppStatus::Auth::SessionOnly;
    s.authText = StatusTexts::tr("Signed in as %1%2").arg(who, suffix);
}

} // namespace

QString AppStatus::summary() const
{
    QStringList parts{connectionText, authText};
    if (!pendingText.isEmpty())
        parts << pendingText;
    parts.removeAll(QString());
    return parts.join(QStringLiteral(" · "));
}

AppStatus computeAppStatus(const AppStatusInputs &in)
{
    AppStatus s;
    computeConnection(in, s);
    computeAuth(in, s);
    s.pendingWrites = in.connection.inflightMutations + in.connection.inflightActions;
    if (s.pendingWrites > 0)
        s.pendingText = s.pendingWrites == 1 ? StatusTexts::tr("1 change pending")
                                             : StatusTexts::tr("%1 changes pending").arg(s.pendingWrites);
    return s;
}

} // namespace qonvex::app
