// SPDX-License-Identifier: MIT
#pragma once

#include <QToolButton>

class QAction;

namespace qonvex::ui {

//! \brief Who is signed in: an initials avatar and name; its menu shows the email and "Sign out".
class AccountButton : public QToolButton {
    Q_OBJECT
public:
    explicit AccountButton(QWidget *parent = nullptr);

    //! \a confirmed: the identity came from the server (`users:me`), not just from Clerk.
    void setIdentity(const QString &name, const QString &email, bool confirmed);
    void clearIdentity();
    QString displayName() const { return m_name; }
    QString email() const { return m_email; }
    QString initials() const;
    QAction *signOutAction() const { return m_signOut; }

private:
    void refresh();

    QString m_name;
    QString m_email;
    bool m_confirmed = false;
    QAction *m_header;
    QAction *m_signOut;
};

} // namespace qonvex::ui
