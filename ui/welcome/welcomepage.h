// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace qonvex::ui {

//! \brief The first screen when nobody is signed in: what Qonvex is, and how to sign in.
//!
//! "Sign in" opens Clerk's hosted sign-in inside the app; "Sign in with your browser" uses the
//! system browser (the callback comes back through the `qonvex://` link). When the keychain is
//! unavailable it also offers "Stay signed in for this session only"; when the app is not
//! configured, the sign-in buttons are replaced by "Open Settings".
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    enum class Mode {
        Ready,          //!< offer sign-in
        Busy,           //!< a sign-in or restore is running (buttons disabled, message shown)
        WaitingForBrowser, //!< the hosted page is open in the system browser
        NotConfigured,  //!< settings missing or invalid
    };

    explicit WelcomePage(QWidget *parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    //! A note under the buttons (e.g. "Signed out", "Your session expired"); empty hides it.
    void setMessage(const QString &message);
    QString message() const;
    //! Show the "Stay signed in for this session only" choice.
    void setSessionOnlyOffered(bool offered);
    //! The deployment the app talks to, shown small so users know where they sign in.
    void setDeployment(const QString &host);

Q_SIGNALS:
    void signInRequested();
    void browserSignInRequested();
    void sessionOnlyRequested();
    void settingsRequested();
    void cancelRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;
    //! The flat browser sign-in button draws no focus of its own: it gets its frame back
    //! while it has keyboard focus.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    //! Gives the wrapped texts the width the page can spare and the height that width needs.
    void fitWrappedLabels();

    Mode m_mode = Mode::Ready;
    QLabel *m_blurb = nullptr;
    QLabel *m_message;
    QLabel *m_deployment;
    QPushButton *m_signIn;
    QPushButton *m_browser;
    QPushButton *m_sessionOnly;
    QPushButton *m_settings;
    QPushButton *m_cancel;
};

} // namespace qonvex::ui
