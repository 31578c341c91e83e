// SPDX-License-Identifier: MIT
#pragma once
// What the status bar, the banner and the tray icon show, computed from the session and the
// Convex connection by one pure function, so "what does the user see when …" is unit-tested.

#include "session/sessioncontroller.h"

#include <convexclient/connectionstate.h>

#include <QDateTime>
#include <QString>

namespace qonvex::app {

//! Whether the operating system thinks the network is usable.
enum class NetworkReachability { Unknown, Offline, Online };

//! Everything the status depends on.
struct AppStatusInputs {
    SessionController::State session = SessionController::State::SignedOut;
    QString sessionReason;
    QString userName;             //!< display name (or email) of the signed-in user
    bool persistent = true;       //!< the session survives a restart (keychain)
    bool hasClient = false;       //!< a Convex client exists (configuration valid)
    convex::ConnectionState connection;
    bool convexAuthenticated = false; //!< the server confirmed the token
    bool convexAuthRefreshing = false;
    QString convexAuthProblem;    //!< why no token could be had (empty: none)
    int droppedWrites = 0;        //!< unconfirmed writes dropped at the last sign-out
    NetworkReachability network = NetworkReachability::Unknown;
    QDateTime now;                //!< for "reconnecting in N s"
};

//! What to show.
struct AppStatus {
    enum class Connection { NotConfigured, Connecting, Connected, Reconnecting, Offline, Stopped };
    enum class Auth { SignedOut, SigningIn, Confirming, SignedIn, SessionOnly, Problem };
    enum class BannerKind { None, Offline, Connection, Auth, Stopped };

    Connection connection = Connection::NotConfigured;
    QString connectionText;   //!< e.g. "Reconnecting in 4 s (attempt 3)"
    int attempt = 0;          //!< reconnect attempt (connectionRetries)
    qint64 retryInMs = -1;    //!< until the next attempt, -1 when not waiting

    Auth auth = Auth::SignedOut;
    QString authText;         //!< e.g. "Signed in as Ada Lovelace"

    int pendingWrites = 0;    //!< mutations and actions without a response
    QString pendingText;      //!< e.g. "2 changes pending", empty when none

    BannerKind banner = BannerKind::None;
    QString bannerText;       //!< the reason, in words
    bool bannerRetry = false; //!< offer a Retry button

    //! One line for a tooltip: connection · auth · pending.
    QString summary() const;
    bool operator==(const AppStatus &) const = default;
};

//! The status for \a in.
AppStatus computeAppStatus(const AppStatusInputs &in);

} // namespace qonvex::app
