// SPDX-License-Identifier: MIT
#include "mainwindow/signinpage.h"

#include "signinviewinterface.h"

#include <QVBoxLayout>

namespace qonvex::ui {

SignInPage::SignInPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("signInPage"));
    setAccessibleName(tr("Sign in"));
    // No bar of its own: the view's bar already names the host and has the one way out
    // ("Cancel sign-in", Esc), whose cancelled() signal takes the window back.
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(8, 8, 8, 8);
}

void SignInPage::setView(SignInView *view)
{
    m_view = view;
    view->setParent(this);
    m_layout->addWidget(view, 1);
    view->show();
}

} // namespace qonvex::ui
