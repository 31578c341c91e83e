// SPDX-License-Identifier: MIT
#include "mainwindow/mainwindow.h"

#include "mainwindow/accountbutton.h"
#include "mainwindow/signinpage.h"
#include "mainwindow/workspace.h"
#include "session/sessioncontroller.h"
#include "settings/commandline.h"
#include "settings/settingsdialog.h"
#include "signinviewinterface.h"
#include "signinviewloader.h"
#include "status/statusbanner.h"
#include "status/statusicons.h"
#include "status/statusindicators.h"
#include "status/statustrayicon.h"
#include "welcome/welcomepage.h"
#include "wiring/appcontroller.h"

#include <convexclient/client.h>

#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace qonvex::ui {

Q_LOGGING_CATEGORY(lcWindow, "qonvex.ui.mainwindow", QtInfoMsg)

using qonvex::app::AppController;
using qonvex::app::AppStatus;
using State = qonvex::app::SessionController::State;

namespace {
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString trayKey = QStringLiteral("ui/trayIcon");

// What the sign-in view may load: the hosted page's origin and the Frontend API's.
QString originOf(const QUrl &url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port());
    return origin.toString(QUrl::FullyEncoded);
}
} // namespace

MainWindow::MainWindow(const qonvex::app::AppSettings &settings, const Options &options, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_options(options), m_pages(new QStackedWidget(this)),
      m_restoring(new QWidget(m_pages)), m_restoringText(new QLabel(m_restoring)),
      m_signInPage(new SignInPage(m_pages)), m_banner(new StatusBanner(this)),
      m_indicators(new StatusIndicators(statusBar())), m_account(new AccountButton(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Qonvex"));
    setWindowIcon(appIcon());
    setAccessibleName(QStringLiteral("Qonvex"));

    // Restoring page: a quiet "one moment" instead of a flash of the welcome screen.
    m_restoring->setObjectName(QStringLiteral("restoringPage"));
    m_restoring->setAccessibleName(tr("Restoring your session"));
    m_restoringText->setObjectName(QStringLiteral("restoringText"));
    m_restoringText->setAlignment(Qt::AlignCenter);
    m_restoringText->setWordWrap(true);
    auto *busy = new QProgressBar(m_restoring);
    busy->setRange(0, 0);
    busy->setMaximumWidth(240);
    busy->setTextVisible(false);
    busy->setAccessibleName(tr("Working"));
    auto *restoringLayout = new QVBoxLayout(m_restoring);
    restoringLayout->addStretch();
    restoringLayout->addWidget(m_restoringText);
    restoringLayout->addWidget(busy, 0, Qt::AlignHCenter);
    restoringLayout->addStretch();

    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addWidget(m_restoring);
    m_pages->addWidget(m_signInPage);

    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_banner);
    column->addWidget(m_pages, 1);
    setCentralWidget(central);

    buildMenus();
    // Who is signed in sits at the right end of the menu bar, where desktop apps put accounts.
    menuBar()->setCornerWidget(m_account, Qt::TopRightCorner);
    statusBar()->setSizeGripEnabled(true);

    connect(m_banner, &StatusBanner::sessionOnlyClicked, this, &MainWindow::acceptSessionOnly);
    connect(m_banner, &StatusBanner::retryClicked, this, [this] {
        if (m_controller)
            m_controller->retry();
    });
    connect(m_account->signOutAction(), &QAction::triggered, this, &MainWindow::signOut);

    QSettings store;
    if (!restoreGeometry(store.value(geometryKey).toByteArray()))
        resize(980, 700);
    restoreState(store.value(stateKey).toByteArray());
}

MainWindow::~MainWindow()
{
    dropWorkspace();
    destroyController();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setShortcuts({QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *account = menuBar()->addMenu(tr("&Account"));
    m_signInAction = account->addAction(tr("Sign &in"), this, &MainWindow::signInEmbedded);
    m_signInBrowserAction = account->addAction(tr("Sign in with your &browser"), this, &MainWindow::signInWithBrowser);
    account->addSeparator();
    m_signOutAction = account->addAction(tr("Sign &out"), this, &MainWindow::signOut);
    m_signOutAction->setObjectName(QStringLiteral("menuSignOut"));

    // Alt+N: Alt+C is the workspace's Console tab (mnemonics are unique across the menu bar,
    // the tabs and the shown page: tst_shell_widgets mnemonicsAreUniqueOnEveryPage).
    QMenu *connection = menuBar()->addMenu(tr("Co&nnection"));
    m_retryAction = connection->addAction(tr("&Retry now"), this, [this] {
        if (m_controller)
            m_controller->retry();
    });
    m_retryAction->setShortcut(QKeySequence(Qt::Key_F5)); // not Ctrl+R: the task list uses it

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Qonvex"), this, [this] {
        QMessageBox::about(this, tr("About Qonvex"),
                           tr("<h3>Qonvex %1</h3><p>A native desktop client for apps built on Convex and "
                              "Clerk.</p>").arg(QStringLiteral(QONVEX_VERSION)));
    });
}

void MainWindow::start()
{
    applyTrayPreference();
    createController();
    if (!m_controller || m_options.openSettings)
        QTimer::singleShot(0, this, &MainWindow::openSettings);
}

void MainWindow::createController()
{
    const auto config = m_settings.validate();
    if (!config) {
        m_configProblem = m_settings.isConfigured()
            ? tr("The connection settings need attention: %1").arg(config.error())
            : tr("Qonvex is not set up yet. Open Settings and enter your Convex deployment URL and Clerk "
                 "publishable key.");
        qCInfo(lcWindow) << "not configured:" << config.error();
        setWelcomeDeployment({});
        onSessionChanged();
        onStatusChanged();
        return;
    }
    m_configProblem.clear();
    m_controller = std::make_unique<AppController>(*config);
    AppController *c = m_controller.get();
    qonvex::app::SessionController *session = c->session();
    connect(c, &AppController::statusChanged, this, &MainWindow::onStatusChanged);
    connect(c, &AppController::clientReplaced, this, [this] {
        // Views hold the old client: rebuild them on the new one.
        dropWorkspace();
        onSessionChanged();
    });
    connect(session, &qonvex::app::SessionController::stateChanged, this, &MainWindow::onSessionChanged);
    connect(session, &qonvex::app::SessionController::openUrlRequested, this, &MainWindow::onOpenUrlRequested);
    connect(session, &qonvex::app::SessionController::webProfileWipeRequested, this, [this] {
        if (SignInView *view = signInView())
            view->wipeProfile();
    });
    setWelcomeDeployment(config->convexUrl.host());
    Q_EMIT controllerChanged(c);
    c->start();
    onSessionChanged();
    onStatusChanged();
}

void MainWindow::destroyController()
{
    if (!m_controller)
        return;
    m_controller->session()->disconnect(this);
    m_controller->disconnect(this);
    m_controller.reset();
}

SignInView *MainWindow::signInView() const { return m_signInPage->view(); }

Workspace *MainWindow::workspace() const { return m_workspace; }

QWidget *MainWindow::currentPage() const { return m_pages->currentWidget(); }

void MainWindow::showPage(QWidget *page)
{
    if (m_pages->currentWidget() != page)
        m_pages->setCurrentWidget(page);
}

WelcomePage *MainWindow::welcomePage()
{
    if (m_welcome)
        return m_welcome;
    m_welcome = new WelcomePage(m_pages);
    m_pages->insertWidget(0, m_welcome);
    m_welcome->setDeployment(m_welcomeDeployment);
    m_welcome->setSessionOnlyOffered(m_welcomeSessionOnlyOffered);
    connect(m_welcome, &WelcomePage::signInRequested, this, &MainWindow::signInEmbedded);
    connect(m_welcome, &WelcomePage::browserSignInRequested, this, &MainWindow::signInWithBrowser);
    connect(m_welcome, &WelcomePage::settingsRequested, this, &MainWindow::openSettings);
    connect(m_welcome, &WelcomePage::cancelRequested, this, [this] {
        if (m_controller)
            m_controller->session()->cancelSignIn();
    });
    connect(m_welcome, &WelcomePage::sessionOnlyRequested, this, &MainWindow::acceptSessionOnly);
    return m_welcome;
}

void MainWindow::acceptSessionOnly()
{
    if (m_controller)
        m_controller->session()->acceptSessionOnly();
}

void MainWindow::setWelcomeDeployment(const QString &host)
{
    m_welcomeDeployment = host;
    if (m_welcome)
        m_welcome->setDeployment(host);
}

void MainWindow::onSessionChanged()
{
    updatePages();
    onStatusChanged(); // the banner depends on the page too
}

void MainWindow::updatePages()
{
    if (!m_controller) {
        welcomePage()->setMode(WelcomePage::Mode::NotConfigured);
        welcomePage()->setMessage(m_configProblem);
        m_welcomeSessionOnlyOffered = false;
        welcomePage()->setSessionOnlyOffered(false);
        m_account->clearIdentity();
        showPage(welcomePage());
        m_signInAction->setEnabled(false);
        m_signInBrowserAction->setEnabled(false);
        m_signOutAction->setEnabled(false);
        return;
    }
    qonvex::app::SessionController *session = m_controller->session();
    const State state = session->state();
    const bool hasSession = !session->sessionId().isEmpty();
    m_signInAction->setEnabled(!hasSession && state != State::SigningIn);
    m_signInBrowserAction->setEnabled(!hasSession && state != State::SigningIn);
    m_signOutAction->setEnabled(hasSession);
    m_welcomeSessionOnlyOffered = state == State::SessionOnly && !hasSession;
    if (m_welcome)
        m_welcome->setSessionOnlyOffered(m_welcomeSessionOnlyOffered);
    m_banner->setSessionOnlyOffered(state == State::SessionOnly && hasSession);

    if (hasSession && (state == State::SignedIn || state == State::SessionOnly || state == State::Error)) {
        m_flow = Flow::None;
        if (!m_workspace || m_account->displayName().isEmpty())
            m_account->setIdentity(session->userDisplayName(), session->userIdentifier(), false);
        ensureWorkspace();
        showPage(m_workspace);
        return;
    }
    dropWorkspace();
    m_account->clearIdentity();

    switch (state) {
    case State::SigningIn:
        if (m_flow == Flow::Embedded) {
            showPage(m_signInPage);
        } else if (m_flow == Flow::Browser) {
            welcomePage()->setMode(WelcomePage::Mode::WaitingForBrowser);
            welcomePage()->setMessage(tr("Continue in your browser. Qonvex signs you in as soon as you are done there."));
            showPage(welcomePage());
        } else {
            m_restoringText->setText(session->reason().isEmpty() ? tr("Restoring your session…") : session->reason());
            showPage(m_restoring);
        }
        return;
    case State::Error:
        // Restoring a stored session while the sign-in service is unreachable: the banner says
        // why and offers Retry; retries also run on their own.
        m_restoringText->setText(session->reason());
        showPage(m_restoring);
        return;
    case State::SignedOut:
    case State::SessionOnly:
    case State::SignedIn:
        break;
    }
    m_flow = Flow::None;
    welcomePage()->setMode(WelcomePage::Mode::Ready);
    // The user's own sign-out gets a sentence; any other reason (revoked, expired) is shown as is.
    welcomePage()->setMessage(session->signedOutByUser() ? tr("You are signed out.") : session->reason());
    showPage(welcomePage());
    if (m_pages->currentWidget() == static_cast<QWidget *>(m_welcome) && isActiveWindow())
        welcomePage()->setFocus();
}

void MainWindow::onStatusChanged()
{
    if (!m_controller) {
        AppStatus none;
        none.connectionText = tr("Not configured");
        none.authText = tr("Signed out");
        m_banner->setStatus(none);
        m_indicators->setStatus(none);
        if (m_tray)
            m_tray->setStatus(none);
        return;
    }
    AppStatus status = m_controller->status();
    AppStatus bannerStatus = status;
    // The welcome screen explains a missing keychain itself, with the button to go on.
    if (m_pages->currentWidget() == static_cast<QWidget *>(m_welcome) && status.auth == AppStatus::Auth::SessionOnly)
        bannerStatus.banner = AppStatus::BannerKind::None;
    m_banner->setStatus(bannerStatus);
    m_indicators->setStatus(status);
    if (m_tray)
        m_tray->setStatus(status);
}

void MainWindow::ensureWorkspace()
{
    if (m_workspace)
        return;
    auto *workspace = new Workspace(m_controller->client(), m_pages);
    m_workspace = workspace;
    m_pages->addWidget(workspace);
    connect(workspace, &Workspace::identityChanged, this, [this](const QString &name, const QString &email) {
        m_account->setIdentity(name, email, true);
        if (m_controller)
            m_controller->setConfirmedUserName(name.isEmpty() ? email : name);
    });
    Q_EMIT workspaceCreated(workspace);
}

void MainWindow::dropWorkspace()
{
    if (!m_workspace)
        return;
    Workspace *workspace = m_workspace;
    m_workspace = nullptr;
    m_pages->removeWidget(workspace);
    delete workspace; // unsubscribes at once; the next user never sees this user's rows
}

SignInView *MainWindow::ensureSignInView()
{
    if (SignInView *view = signInView())
        return view;
    if (!m_loader)
        m_loader = std::make_unique<SignInViewLoader>();
    SignInView *view = m_loader->createView(m_signInPage);
    if (!view) {
        qCWarning(lcWindow) << "embedded sign-in unavailable:" << m_loader->errorString();
        return nullptr;
    }
    m_signInPage->setView(view);
    connect(view, &SignInView::callbackReceived, this, [this, view](const QUrl &url) {
        if (!m_controller || !m_controller->session()->handleCallbackUrl(url))
            view->showCallbackRejected(tr("This sign-in link does not belong to the sign-in Qonvex started. "
                                          "Please try again."));
    });
    connect(view, &SignInView::openInBrowserRequested, this, [this](const QUrl &url) {
        m_flow = Flow::Browser;
        QDesktopServices::openUrl(url);
        onSessionChanged();
    });
    connect(view, &SignInView::retryRequested, this, [this] {
        if (!m_controller)
            return;
        m_controller->session()->cancelSignIn();
        m_flow = Flow::Embedded;
        m_controller->session()->signIn();
    });
    connect(view, &SignInView::cancelled, this, [this] {
        if (m_controller)
            m_controller->session()->cancelSignIn();
        leaveSignIn();
    });
    return view;
}

void MainWindow::leaveSignIn()
{
    m_flow = Flow::None;
    onSessionChanged();
}

void MainWindow::signInEmbedded()
{
    if (!m_controller)
        return openSettings();
    if (!ensureSignInView()) {
        welcomePage()->setMessage(tr("The built-in sign-in window is not available (%1). Use “Sign in with your "
                                 "browser” instead.").arg(m_loader ? m_loader->errorString() : QString()));
        return;
    }
    m_flow = Flow::Embedded;
    m_controller->session()->signIn();
    onSessionChanged();
}

void MainWindow::signInWithBrowser()
{
    if (!m_controller)
        return openSettings();
    m_flow = Flow::Browser;
    m_controller->session()->signIn();
    onSessionChanged();
}

void MainWindow::signOut()
{
    if (!m_controller || m_signOutPending)
        return;
    // Deletes still in their undo window go out now, while requests carry the user's identity.
    if (m_workspace)
        m_workspace->commitScheduledDeletes();
    convex::Client *client = m_controller->client();
    const auto unconfirmed = [this] {
        const convex::Client *c = m_controller ? m_controller->client() : nullptr;
        return c && c->connectionState().connected ? m_controller->unconfirmedWrites() : 0;
    };
    if (unconfirmed() == 0) {
        m_controller->session()->signOut();
        return;
    }
    // Connected: the server confirms them in moments, so sign out once it has (at most 5 s)
    // instead of dropping them. Offline, AppController drops them and the banner says so.
    m_signOutPending = true;
    auto *context = new QObject(this);
    const auto finish = [this, context] {
        if (!m_signOutPending)
            return; // already done (the timer and the last confirmation can both arrive)
        context->deleteLater();
        m_signOutPending = false;
        if (m_controller)
            m_controller->session()->signOut();
    };
    connect(client, &convex::Client::connectionStateChanged, context, [unconfirmed, finish] {
        if (unconfirmed() == 0)
            finish();
    });
    QTimer::singleShot(5000, context, finish);
}

void MainWindow::onOpenUrlRequested(const QUrl &url)
{
    if (m_flow == Flow::Embedded) {
        if (SignInView *view = ensureSignInView()) {
            QStringList allowlist{originOf(url)};
            const QString fapi = originOf(m_controller->config().frontendApi);
            if (!allowlist.contains(fapi))
                allowlist << fapi;
            view->start(url, allowlist);
            showPage(m_signInPage);
            return;
        }
        m_flow = Flow::Browser;
    }
    m_flow = Flow::Browser;
    if (!QDesktopServices::openUrl(url))
        welcomePage()->setMessage(tr("Could not open your browser. Try “Sign in” instead."));
    onSessionChanged();
}

void MainWindow::handleUrl(const QUrl &url)
{
    // Bring the window forward: the user just came back from the browser.
    show();
    raise();
    activateWindow();
    if (url.scheme() != u"qonvex")
        return;
    if (!m_controller) {
        qCInfo(lcWindow) << "link ignored: not configured";
        return;
    }
    if (url.host() == u"callback") {
        if (!m_controller->session()->handleCallbackUrl(url))
            welcomePage()->setMessage(tr("That sign-in link has expired or belongs to another sign-in. Please sign in again."));
    }
}

void MainWindow::handleForwardedArguments(const QStringList &arguments)
{
    bool any = false;
    for (const QString &argument : arguments) {
        const QUrl url(argument, QUrl::StrictMode);
        if (url.isValid() && url.scheme() == qonvex::app::urlScheme()) {
            handleUrl(url);
            any = true;
        }
    }
    if (!any) { // a plain second launch: show the running window
        showNormal();
        raise();
        activateWindow();
    }
}

void MainWindow::openSettings()
{
    QSettings store;
    SettingsDialog dialog(m_settings, store.value(trayKey, true).toBool(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const qonvex::app::AppSettings updated = dialog.settings();
    updated.save(store);
    store.setValue(trayKey, dialog.trayIcon());
    applyTrayPreference();
    const auto before = m_settings.validate();
    const auto after = updated.validate();
    m_settings = updated;
    const bool changed = !before || !after || before->convexUrl != after->convexUrl
        || before->frontendApi != after->frontendApi || before->jwtTemplate != after->jwtTemplate;
    if (changed || !m_controller) {
        qCInfo(lcWindow) << "connection settings changed; reconnecting";
        dropWorkspace();
        destroyController();
        createController();
    }
}

void MainWindow::applyTrayPreference()
{
    const bool wanted = m_options.trayAllowed && QSettings().value(trayKey, true).toBool()
        && QSystemTrayIcon::isSystemTrayAvailable();
    if (wanted && !m_tray) {
        m_tray = new StatusTrayIcon(this);
        connect(m_tray, &StatusTrayIcon::showWindowRequested, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        connect(m_tray, &StatusTrayIcon::quitRequested, qApp, &QApplication::quit);
        m_tray->show();
        onStatusChanged();
    } else if (!wanted && m_tray) {
        delete m_tray;
        m_tray = nullptr;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings store;
    store.setValue(geometryKey, saveGeometry());
    store.setValue(stateKey, saveState());
    QMainWindow::closeEvent(event);
}

} // namespace qonvex::ui
