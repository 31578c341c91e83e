// SPDX-License-Identifier: MIT
#include "mainwindow/accountbutton.h"

#include "status/statusicons.h"

#include <QMenu>

namespace qonvex::ui {

AccountButton::AccountButton(QWidget *parent) : QToolButton(parent)
{
    setObjectName(QStringLiteral("accountButton"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setPopupMode(QToolButton::InstantPopup);
    setIconSize(QSize(22, 22));
    setAutoRaise(true);
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("accountMenu"));
    m_header = menu->addAction(QString());
    m_header->setEnabled(false);
    menu->addSeparator();
    m_signOut = menu->addAction(tr("Sign out"));
    m_signOut->setObjectName(QStringLiteral("signOutAction"));
    setMenu(menu);
    refresh();
}

void AccountButton::setIdentity(const QString &name, const QString &email, bool confirmed)
{
    m_name = name;
    m_email = email;
    m_confirmed = confirmed;
    refresh();
}

void AccountButton::clearIdentity()
{
    setIdentity({}, {}, false);
}

QString AccountButton::initials() const { return initialsFor(m_name, m_email); }

void AccountButton::refresh()
{
    const QString shown = !m_name.isEmpty() ? m_name : m_email;
    setText(shown);
    setIcon(initialsIcon(initials(), m_email.isEmpty() ? m_name : m_email));
    QString header = m_name;
    if (!m_email.isEmpty())
        header += (header.isEmpty() ? QString() : QStringLiteral(" — ")) + m_email;
    if (!m_confirmed && !header.isEmpty())
        header += tr(" (confirming…)");
    m_header->setText(header.isEmpty() ? tr("Not signed in") : header);
    const QString who = shown.isEmpty() ? tr("nobody") : shown;
    setAccessibleName(tr("Account: %1").arg(who));
    setToolTip(header);
    setVisible(!shown.isEmpty());
}

} // namespace qonvex::ui
