// SPDX-License-Identifier: MIT
#pragma once

#include "wiring/appstatus.h"

#include <QSystemTrayIcon>

class QAction;

namespace qonvex::ui {

//! \brief Optional tray icon: shows connection and sign-in state; click to show the window.
class StatusTrayIcon : public QSystemTrayIcon {
    Q_OBJECT
public:
    explicit StatusTrayIcon(QObject *parent = nullptr);
    void setStatus(const qonvex::app::AppStatus &status);

Q_SIGNALS:
    void showWindowRequested();
    void quitRequested();

private:
    QAction *m_state;
};

} // namespace qonvex::ui
