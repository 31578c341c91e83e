// SPDX-License-Identifier: MIT
#pragma once

#include "wiring/appstatus.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace qonvex::ui {

//! \brief A strip above the content that says what is wrong and offers Retry.
//!
//! Hidden while there is nothing to say. Shown for offline, connection trouble, a stopped
//! connection and sign-in problems (AppStatus::banner). Colours are derived from the palette.
class StatusBanner : public QFrame {
    Q_OBJECT
public:
    explicit StatusBanner(QWidget *parent = nullptr);

    void setStatus(const qonvex::app::AppStatus &status);
    //! Offer "Stay signed in for this session only" (keychain unavailable).
    void setSessionOnlyOffered(bool offered);
    QString text() const;

Q_SIGNALS:
    void retryClicked();
    void sessionOnlyClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColours();

    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_retry;
    QPushButton *m_sessionOnly;
    qonvex::app::AppStatus::BannerKind m_kind = qonvex::app::AppStatus::BannerKind::None;
};

} // namespace qonvex::ui
