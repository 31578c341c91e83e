// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace qonvex::ui {

class SignInView;

//! \brief Hosts the embedded sign-in view (loaded from its plugin on first use) with a way back.
class SignInPage : public QWidget {
    Q_OBJECT
public:
    explicit SignInPage(QWidget *parent = nullptr);

    //! Takes \a view (reparented into the page).
    void setView(SignInView *view);
    SignInView *view() const { return m_view; }
    //! Says where the user signs in (the hosted page's host).
    void setHost(const QString &host);

Q_SIGNALS:
    void backRequested();

private:
    SignInView *m_view = nullptr;
    QLabel *m_title;
    QVBoxLayout *m_layout;
};

} // namespace qonvex::ui
