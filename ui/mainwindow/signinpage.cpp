// SPDX-License-Identifier: MIT
#include "mainwindow/signinpage.h"

#include "signinviewinterface.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace qonvex::ui {

SignInPage::SignInPage(QWidget *parent) : QWidget(parent), m_title(new QLabel(this))
{
    setObjectName(QStringLiteral("signInPage"));
    setAccessibleName(tr("Sign in"));
    auto *back = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Back"), this);
    back->setObjectName(QStringLiteral("signInBack"));
    back->setAccessibleName(tr("Back to the welcome screen"));
    back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_title->setObjectName(QStringLiteral("signInPageTitle"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(back);
    bar->addWidget(m_title, 1);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(8, 8, 8, 8);
    m_layout->addLayout(bar);
    connect(back, &QPushButton::clicked, this, &SignInPage::backRequested);
}

void SignInPage::setView(SignInView *view)
{
    m_view = view;
    view->setParent(this);
    m_layout->addWidget(view, 1);
    view->show();
}

void SignInPage::setHost(const QString &host)
{
    m_title->setText(tr("Sign in to %1").arg(host));
}

} // namespace qonvex::ui
