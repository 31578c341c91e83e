// SPDX-License-Identifier: MIT
#pragma once

#include "wiring/appstatus.h"

#include <QObject>

class QLabel;
class QStatusBar;
class QWidget;

namespace qonvex::ui {

class ElidedLabel;

//! \brief The status bar's permanent fields: connection (with a coloured dot), sign-in state,
//! pending writes. Each field has an accessible name that reads the same as its text.
//!
//! The connection and sign-in fields never show a clipped word: at narrow widths they drop
//! the parenthesised detail, then elide with "…"; their tooltip and accessible description
//! keep the full text (ElidedLabel).
class StatusIndicators : public QObject {
    Q_OBJECT
public:
    explicit StatusIndicators(QStatusBar *bar);
    void setStatus(const qonvex::app::AppStatus &status);

    //! The full texts (what the tooltips say).
    QString connectionText() const;
    QString authText() const;
    QString pendingText() const;

    ElidedLabel *connectionLabel() const { return m_connection; }
    ElidedLabel *authLabel() const { return m_auth; }

private:
    QStatusBar *m_bar;
    QLabel *m_dot;
    QWidget *m_texts; // holds m_connection and m_auth, one space apart
    ElidedLabel *m_connection;
    ElidedLabel *m_auth; // "· Signed in as …": the separator goes when the text does
    QString m_authText;
    QLabel *m_pending;
};

} // namespace qonvex::ui
