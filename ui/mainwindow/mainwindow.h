// SPDX-License-Identifier: MIT
#pragma once
// The Qonvex window. Pages: welcome (signed out), restoring, embedded sign-in, workspace
// (signed in). A banner above the pages and the status bar below say how the connection and
// the sign-in are doing. The window owns the AppController for the current settings and makes
// a new one when the connection settings change.

#include "settings/appsettings.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QStackedWidget;

namespace qonvex::app {
class AppController;
struct AppStatus;
}

namespace qonvex::ui {

class AccountButton;
class SignInPage;
class SignInView;
class SignInViewLoader;
class StatusBanner;
class StatusIndicators;
class StatusTrayIcon;
class WelcomePage;
class Workspace;

//! \brief The main window; see the file comment.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        bool trayAllowed = true;  //!< false: never show a tray icon (--no-tray)
        bool openSettings = false; //!< open Settings once shown (--settings)
    };

    explicit MainWindow(const qonvex::app::AppSettings &settings, const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    //! Creates the controller for the current settings and restores the session; with no
    //! usable configuration shows the welcome screen and opens Settings.
    void start();
    //! A `qonvex://` link (the sign-in callback from the browser, forwarded or on the command line).
    void handleUrl(const QUrl &url);
    //! What a second launch forwarded through SingleInstance: its `qonvex://` links are
    //! handled; without any, the window is brought forward.
    void handleForwardedArguments(const QStringList &arguments);

    qonvex::app::AppController *controller() const { return m_controller.get(); }
    //! The welcome screen, built on first use: a restored session never shows it, so a
    //! start with a stored session does not pay for it (cold-start time and memory).
    WelcomePage *welcomePage();
    SignInPage *signInPage() const { return m_signInPage; }
    //! The embedded sign-in view, if sign-in was ever shown (the plugin is loaded then).
    SignInView *signInView() const;
    Workspace *workspace() const;
    StatusBanner *banner() const { return m_banner; }
    StatusIndicators *indicators() const { return m_indicators; }
    AccountButton *accountButton() const { return m_account; }
    QWidget *currentPage() const;

public Q_SLOTS:
    void openSettings();
    void signInEmbedded();
    void signInWithBrowser();
    void signOut();

Q_SIGNALS:
    //! A workspace was created for a newly active session.
    void workspaceCreated(qonvex::ui::Workspace *workspace);
    //! The controller was (re)created.
    void controllerChanged(qonvex::app::AppController *controller);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    enum class Flow { None, Embedded, Browser };

    void buildMenus();
    void createController();
    void destroyController();
    void applyTrayPreference();
    void onSessionChanged();
    void updatePages();
    void onStatusChanged();
    void onOpenUrlRequested(const QUrl &url);
    void ensureWorkspace();
    void dropWorkspace();
    SignInView *ensureSignInView();
    void leaveSignIn();
    void showPage(QWidget *page);
    void setWelcomeDeployment(const QString &host);
    //! "Stay signed in for this session only" (no keyring), from the welcome screen or the banner.
    void acceptSessionOnly();

    qonvex::app::AppSettings m_settings;
    Options m_options;
    std::unique_ptr<qonvex::app::AppController> m_controller;
    QString m_configProblem;
    Flow m_flow = Flow::None;
    std::unique_ptr<SignInViewLoader> m_loader;

    QStackedWidget *m_pages;
    WelcomePage *m_welcome = nullptr;
    // What the welcome screen shows once it exists (kept while it does not).
    QString m_welcomeDeployment;
    bool m_welcomeSessionOnlyOffered = false;
    bool m_signOutPending = false; // waiting for the server to confirm writes before signing out
    QWidget *m_restoring;
    QLabel *m_restoringText;
    SignInPage *m_signInPage;
    QPointer<Workspace> m_workspace;
    StatusBanner *m_banner;
    StatusIndicators *m_indicators;
    AccountButton *m_account;
    StatusTrayIcon *m_tray = nullptr;
    QAction *m_signInAction;
    QAction *m_signInBrowserAction;
    QAction *m_signOutAction;
    QAction *m_retryAction;
};

} // namespace qonvex::ui
