// SPDX-License-Identifier: MIT
#pragma once
// Icons: the app icon (the installed theme icon, else the same mark painted in code), connection
// dots and initials avatars. Colours come from the palette where they carry no meaning, so dark
// and light themes both work.

#include "wiring/appstatus.h"

#include <QIcon>
#include <QString>

namespace qonvex::ui {

//! The Qonvex icon: theme icon `io.github.qonvex.Qonvex` if installed, else the same mark
//! painted in code at whatever size is asked, when it is asked.
QIcon appIcon();
//! A round dot for the connection state (green connected, amber reconnecting, grey offline, red stopped).
QIcon connectionIcon(qonvex::app::AppStatus::Connection connection);
//! Tray icon: the app mark with a status dot.
QIcon trayIcon(const qonvex::app::AppStatus &status);
//! A circle with up to two initials; \a seed picks a stable background hue.
QIcon initialsIcon(const QString &initials, const QString &seed, int size = 64);
//! "Ada Lovelace" → "AL", "grace@example.com" → "G", "" → "?".
QString initialsFor(const QString &name, const QString &email = {});

} // namespace qonvex::ui
