// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QVBoxLayout;

namespace qonvex::ui {

class SignInView;

//! \brief Hosts the embedded sign-in view (loaded from its plugin on first use).
//!
//! The view brings its own chrome: where the user signs in and "Cancel sign-in" (Esc); the
//! window leaves this page on the view's cancelled() signal.
class SignInPage : public QWidget {
    Q_OBJECT
public:
    explicit SignInPage(QWidget *parent = nullptr);

    //! Takes \a view (reparented into the page).
    void setView(SignInView *view);
    SignInView *view() const { return m_view; }

private:
    SignInView *m_view = nullptr;
    QVBoxLayout *m_layout;
};

} // namespace qonvex::ui
