// SPDX-License-Identifier: MIT
#pragma once
// The `qonvex` command line. Parsing is separate from acting on it so that it is unit-tested
// without starting an application.

#include "settings/appsettings.h"

#include <QStringList>
#include <QUrl>

#include <optional>

namespace qonvex::app {

//! What `qonvex [options] [qonvex://callback?…]` asked for.
struct CommandLine {
    enum class Action {
        Run,       //!< start the app
        ShowText,  //!< print text() to stdout and exit 0 (--help, --version)
        Error,     //!< print text() to stderr and exit 2
    };
    Action action = Action::Run;
    QString text;

    std::optional<QString> convexUrl;
    std::optional<QString> publishableKey;
    std::optional<QString> frontendApi;
    std::optional<QString> jwtTemplate;
    //! Print "first-data …" once the task list has been painted with data, then quit.
    bool exitAfterFirstData = false;
    //! Do not show a tray icon this run.
    bool noTray = false;
    //! Open the Settings dialog at start.
    bool openSettings = false;
    //! `qonvex://…` URLs given as arguments (the desktop's URL handler passes the callback).
    QList<QUrl> urls;

    //! Copies the connection overrides into \a settings (as command-line overrides).
    void applyTo(AppSettings &settings) const;
};

//! Parses \a arguments (including argv[0]). Never exits the process.
CommandLine parseCommandLine(const QStringList &arguments);

//! The URL scheme Qonvex registers with the desktop.
inline QString urlScheme() { return QStringLiteral("qonvex"); }

} // namespace qonvex::app
