// SPDX-License-Identifier: MIT
// Rough edges a keyboard user and a reader meet in the shell: where focus lands when the
// workspace appears, a visible focus on the flat browser sign-in button, the Settings title
// (the platform adds the app name), one space between the status bar's two texts.
#include "mainwindow/mainwindow.h"
#include "mainwindow/workspace.h"
#include "settings/settingsdialog.h"
#include "status/elidedlabel.h"
#include "status/statusindicators.h"
#include "welcome/welcomepage.h"
#ifdef QONVEX_HAVE_TASKS
#include "tasks/taskswidget.h"
#endif

#include <convexclient/client.h>

#include <QApplication>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QLabel>
#include <QTest>

using namespace qonvex;

namespace {
ui::MainWindow::Options windowOptions()
{
    ui::MainWindow::Options options;
    options.trayAllowed = false;
    return options;
}

// The workspace as MainWindow shows it for an active session: a new page in its stack.
ui::Workspace *showWorkspace(ui::MainWindow &window, convex::Client *client)
{
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    if (!pages)
        return nullptr;
    auto *workspace = new ui::Workspace(client, pages);
    pages->addWidget(workspace);
    pages->setCurrentWidget(workspace);
    return workspace;
}
} // namespace

class TestShellPolish : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void workspaceFocusesTheTaskInput_data();
    void workspaceFocusesTheTaskInput();
    void browserSignInButtonShowsKeyboardFocus();
    void settingsTitleLeavesTheAppNameToThePlatform();
    void settingsShowTheOverridingValue();
    void statusTextsAreOneSpaceApart();

private:
    QTemporaryDir m_config;
};

void TestShellPolish::initTestCase()
{
    QVERIFY(m_config.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("io.github.qonvex.Qonvex.shellpolish"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_shell_polish"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
}

void TestShellPolish::workspaceFocusesTheTaskInput_data()
{
    QTest::addColumn<bool>("fromWelcome");
    QTest::newRow("after sign-in (focus on the welcome page)") << true;
    QTest::newRow("restored session (from the restoring page)") << false;
}

void TestShellPolish::workspaceFocusesTheTaskInput()
{
#ifndef QONVEX_HAVE_TASKS
    QSKIP("built without the task list");
#else
    QFETCH(bool, fromWelcome);
    convex::Client client(QUrl(QStringLiteral("http://127.0.0.1:9")));
    ui::MainWindow window(app::AppSettings(), windowOptions());
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    if (fromWelcome) {
        auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QVERIFY(pages);
        pages->setCurrentWidget(window.welcomePage());
        auto *signIn = window.welcomePage()->findChild<QPushButton *>(QStringLiteral("welcomeSignIn"));
        QVERIFY(signIn);
        signIn->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), signIn);
    }
    ui::Workspace *workspace = showWorkspace(window, &client);
    QVERIFY(workspace);
    auto *tasks = qobject_cast<ui::TasksWidget *>(workspace->taskView());
    QVERIFY(tasks);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(tasks->input()));

    // Only the first time: a user who moved on to the tabs keeps their place.
    workspace->tabs()->tabBar()->setFocus(Qt::TabFocusReason);
    workspace->hide();
    workspace->show();
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(workspace->tabs()->tabBar()));
#endif
}

void TestShellPolish::browserSignInButtonShowsKeyboardFocus()
{
    ui::WelcomePage page;
    page.setDeployment(QStringLiteral("happy-animal-123.convex.cloud"));
    page.setMode(ui::WelcomePage::Mode::Ready);
    page.resize(640, 560);
    page.show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    auto *signIn = page.findChild<QPushButton *>(QStringLiteral("welcomeSignIn"));
    auto *browser = page.findChild<QPushButton *>(QStringLiteral("welcomeSignInBrowser"));
    QVERIFY(signIn && browser && browser->isVisible() && browser->isEnabled());
    signIn->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(signIn->hasFocus());
    const QImage unfocused = browser->grab().toImage();

    // Tab from "Sign in" lands on it: what is painted must say so.
    QTest::keyClick(&page, Qt::Key_Tab);
    QTRY_VERIFY(browser->hasFocus());
    const QImage focused = browser->grab().toImage();
    QVERIFY2(focused != unfocused, "the focused browser sign-in button looks the same as unfocused");

    // And back to how it was once focus moves on.
    signIn->setFocus(Qt::BacktabFocusReason);
    QTRY_VERIFY(!browser->hasFocus());
    QCOMPARE(browser->grab().toImage(), unfocused);
}

void TestShellPolish::settingsTitleLeavesTheAppNameToThePlatform()
{
    // Window managers show "<title> — <application display name>": the title must not say
    // "Qonvex" itself.
    ui::SettingsDialog dialog(app::AppSettings(), true);
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Settings"));
}

void TestShellPolish::settingsShowTheOverridingValue()
{
    // A value given on the command line or in the environment is shown with where it came
    // from, so the user sees what this run connects to (the field keeps the stored value).
    app::AppSettings settings;
    settings.setOverride(app::AppSettings::Field::ConvexUrl, QStringLiteral("http://127.0.0.1:47812"));
    ui::SettingsDialog dialog(settings, true);
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("settingsConvexUrlOverride"));
    QVERIFY(note);
    QCOMPARE(note->text(), QStringLiteral("This run uses http://127.0.0.1:47812 from the command line."));
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("settingsPublishableKeyOverride")));
}

void TestShellPolish::statusTextsAreOneSpaceApart()
{
    QMainWindow window;
    window.setCentralWidget(new QWidget);
    auto *indicators = new ui::StatusIndicators(window.statusBar()); // owned by the bar
    window.resize(980, 700);
    app::AppStatus status;
    status.connection = app::AppStatus::Connection::Connected;
    status.connectionText = QStringLiteral("Connected");
    status.auth = app::AppStatus::Auth::SignedOut;
    status.authText = QStringLiteral("Signed out");
    indicators->setStatus(status);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ui::ElidedLabel *connection = indicators->connectionLabel();
    ui::ElidedLabel *auth = indicators->authLabel();
    QTRY_COMPARE(connection->displayedText(), QStringLiteral("Connected"));
    QCOMPARE(auth->displayedText(), QStringLiteral("· Signed out"));

    // Where "Connected" ends and "·" starts, in the bar (both are drawn left-aligned).
    const int textEnd = connection->mapTo(window.statusBar(), connection->contentsRect().topLeft()).x()
        + connection->fontMetrics().horizontalAdvance(connection->displayedText());
    const int nextStart = auth->mapTo(window.statusBar(), auth->contentsRect().topLeft()).x();
    const int space = auth->fontMetrics().horizontalAdvance(u' ');
    // One space, give or take the pixel ElidedLabel keeps for rounding: "Connected · Signed out".
    QVERIFY2(nextStart - textEnd >= space - 1 && nextStart - textEnd <= space + 1,
             qPrintable(QStringLiteral("gap %1 px, a space is %2 px").arg(nextStart - textEnd).arg(space)));
}

QTEST_MAIN(TestShellPolish)
#include "tst_shell_polish.moc"
