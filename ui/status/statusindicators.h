// SPDX-License-Identifier: MIT
#pragma once

#include "wiring/appstatus.h"

#include <QObject>

class QLabel;
class QStatusBar;

namespace qonvex::ui {

//! \brief The status bar's permanent fields: connection (with a coloured dot), sign-in state,
//! pending writes. Each field has an accessible name that reads the same as its text.
class StatusIndicators : public QObject {
    Q_OBJECT
public:
    explicit StatusIndicators(QStatusBar *bar);
    void setStatus(const qonvex::app::AppStatus &status);

    QString connectionText() const;
    QString authText() const;
    QString pendingText() const;

private:
    QLabel *m_dot;
    QLabel *m_connection;
    QLabel *m_auth;
    QLabel *m_pending;
};

} // namespace qonvex::ui
