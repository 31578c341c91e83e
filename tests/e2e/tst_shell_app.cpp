// SPDX-License-Identifier: MIT
// The running app's wiring, against the devstack and the real keyring (run under
// `./dev services`): the browser's `qonvex://` hand-back reaching the running window through a
// second, real `qonvex` process (single instance → session controller); the "N changes pending"
// field dropping in the same event-loop pass as the confirmed row; and a Convex URL edited in
// Settings rebuilding the connection without a restart.

#include "childoutput.h"
#include "devstackprocess.h"

#include "mainwindow/mainwindow.h"
#include "mainwindow/workspace.h"
#include "settings/settingsdialog.h"
#include "singleinstance.h"
#include "status/statusindicators.h"
#include "welcome/welcomepage.h"
#include "wiring/appcontroller.h"

#include "tasks/tasksmodel.h"
#include "tasks/taskswidget.h"

#include <convexclient/client.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace qonvex;
using Field = app::AppSettings::Field;

namespace {
constexpr int longWait = 30000;
} // namespace

//! QDesktopServices' handler for http(s): what "open in the system browser" reaches here.
class BrowserStandIn : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void openUrl(const QUrl &url) { opened.append(url); }
};

//! A second Convex stand-in trusting the same Clerk stand-in (another deployment).
class SecondConvex {
public:
    ~SecondConvex()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            m_process.waitForFinished(10000);
        }
        test::recordRemainingOutput(m_process, kRecordName);  // for the secrets scan
    }
    bool start(const QUrl &issuer, QString *error)
    {
        m_process.setProgram(QDir(test::sourceDir()).filePath(QStringLiteral("devstack/convex/run")));
        m_process.setArguments({QStringLiteral("--issuer"), issuer.toString()});
        m_process.start();
        QByteArray out;
        const bool ready = QTest::qWaitFor([&] {
            out += test::readStdout(m_process, kRecordName);
            return out.contains('\n') || m_process.state() == QProcess::NotRunning;
        }, longWait);
        const QJsonObject line = QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
        m_url = QUrl(line.value(QStringLiteral("convexUrl")).toString());
        if (!ready || !m_url.isValid() || m_url.isEmpty()) {
            *error = QStringLiteral("second Convex stand-in not ready: %1")
                         .arg(QString::fromUtf8(out + test::readStderr(m_process, kRecordName)));
            return false;
        }
        return true;
    }
    QUrl url() const { return m_url; }

private:
    static inline const QString kRecordName = QStringLiteral("devstack_convex_run");
    QProcess m_process;
    QUrl m_url;
};

class TestShellApp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void browserSignInHandsBackToRunningApp();
    void pendingCountDropsWithConfirmedRow();
    void settingsChangeRebuildsConnection();

private:
    QString page() const { return m_window && m_window->currentPage() ? m_window->currentPage()->objectName() : QString(); }
    ui::TasksWidget *taskList() const
    {
        return m_window && m_window->workspace() ? qobject_cast<ui::TasksWidget *>(m_window->workspace()->taskView())
                                                 : nullptr;
    }

    // Short and outside TMPDIR: a Unix socket path must stay under 108 bytes, and the secrets
    // scan's TMPDIR is deep in the build tree.
    QTemporaryDir m_runtime{QStringLiteral("/tmp/qonvex-shellapp-XXXXXX")};
    test::DevStackProcess m_stack;
    SecondConvex m_otherConvex;
    BrowserStandIn m_browser;
    std::unique_ptr<SingleInstance> m_instance;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TestShellApp::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("io.github.qonvex.Qonvex.shellapp"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_shell_app"));
    QSettings().clear();
    // The single-instance socket lives in $XDG_RUNTIME_DIR: a private one, shared with the
    // `qonvex` processes this test launches, so no other test or real Qonvex answers.
    QVERIFY(m_runtime.isValid());
    QVERIFY(QFile::setPermissions(m_runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));

    QVERIFY2(m_stack.start(), qPrintable(m_stack.error()));
    QString error;
    QVERIFY2(m_otherConvex.start(m_stack.clerkFrontendApi(), &error), qPrintable(error));
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "openUrl");
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &m_browser, "openUrl");
}

void TestShellApp::cleanupTestCase()
{
    if (m_window && m_window->controller())
        m_window->signOut(); // leave no keychain entry behind
    if (m_window)
        (void)QTest::qWaitFor([&] { return page() == u"welcomePage"; }, longWait);
    m_window.reset();
    m_instance.reset();
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    m_stack.stop();
}

void TestShellApp::browserSignInHandsBackToRunningApp()
{
    // This process is the running Qonvex: the primary instance, wired as main() wires it.
    m_instance = std::make_unique<SingleInstance>(QStringLiteral("qonvex"));
    QCOMPARE(m_instance->claim(), SingleInstance::Role::Primary);
    app::AppSettings settings; // as if entered in Settings earlier (stored, not overridden)
    settings.setStored(Field::ConvexUrl, m_stack.convexUrl().toString());
    // The Frontend API URL rather than the publishable key: the key is the host in base64,
    // which can share a 16-character run with a JWT's base64 `iss` claim and trip the secrets
    // scan on the saved settings file.
    settings.setStored(Field::FrontendApi, m_stack.clerkFrontendApi().toString());
    ui::MainWindow::Options options;
    options.trayAllowed = false;
    m_window = std::make_unique<ui::MainWindow>(settings, options);
    connect(m_instance.get(), &SingleInstance::argumentsReceived, m_window.get(), &ui::MainWindow::handleForwardedArguments);
    m_window->resize(980, 700);
    m_window->show();
    m_window->start();
    QTRY_COMPARE_WITH_TIMEOUT(page(), QStringLiteral("welcomePage"), longWait);

    auto *browserButton = m_window->findChild<QAbstractButton *>(QStringLiteral("welcomeSignInBrowser"));
    QVERIFY(browserButton);
    QTRY_VERIFY_WITH_TIMEOUT(browserButton->isVisible() && browserButton->isEnabled(), longWait);
    QTest::mouseClick(browserButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_browser.opened.size(), 1, longWait);
    QCOMPARE(m_window->welcomePage()->mode(), ui::WelcomePage::Mode::WaitingForBrowser);
    QVERIFY(!m_window->signInView()); // the browser path never loads WebEngine

    // The user signs in in the browser, which redirects to qonvex://callback?…; the desktop
    // starts a new `qonvex` with that link.
    QString error;
    const QJsonObject done = m_stack.control(QStringLiteral("/__devstack/hosted-auth/complete"),
                                             {{QStringLiteral("url"), m_browser.opened.at(0).toString()},
                                              {QStringLiteral("email"), QStringLiteral("ada@example.com")}},
                                             false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString callback = done.value(QStringLiteral("callbackUrl")).toString();
    QVERIFY2(callback.startsWith(u"qonvex://callback?"), qPrintable(callback));
    const QString state = QUrlQuery(QUrl(callback)).queryItemValue(QStringLiteral("state"));
    QVERIFY(!state.isEmpty());

    const auto launchSecond = [&](QString *output) {
        QProcess second;
        second.setProgram(QStringLiteral(QONVEX_APP_PATH));
        second.setArguments({callback});
        second.start();
        if (!second.waitForStarted(10000))
            return -1;
        // Not waitForFinished(): this process must keep serving the forward meanwhile.
        if (!QTest::qWaitFor([&] { return second.state() == QProcess::NotRunning; }, longWait))
            return -2;
        *output = QString::fromUtf8(test::readStdout(second) + test::readStderr(second));
        return second.exitStatus() == QProcess::NormalExit ? second.exitCode() : -3;
    };
    QString output;
    QCOMPARE(launchSecond(&output), 0); // forwarded to us, then exited
    QVERIFY2(!output.contains(state), "the second instance printed the callback's state");

    QTRY_COMPARE_WITH_TIMEOUT(page(), QStringLiteral("workspace"), longWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->indicators()->authText(), QStringLiteral("Signed in as Ada Lovelace"), longWait);
    QVERIFY(!m_window->signInView());

    // The same link again (browser history, a double click): forwarded, refused, and the
    // session it already made is untouched.
    QCOMPARE(launchSecond(&output), 0);
    QCOMPARE(page(), QStringLiteral("workspace"));
    QCOMPARE(m_window->controller()->session()->state(), app::SessionController::State::SignedIn);
    QCOMPARE(m_window->indicators()->authText(), QStringLiteral("Signed in as Ada Lovelace"));
}

void TestShellApp::pendingCountDropsWithConfirmedRow()
{
    ui::TasksWidget *list = taskList();
    QVERIFY(list);
    QTRY_VERIFY_WITH_TIMEOUT(!list->model()->isLoading(), longWait);
    ui::StatusIndicators *indicators = m_window->indicators();
    QTRY_COMPARE_WITH_TIMEOUT(indicators->pendingText(), QString(), longWait);

    QStringList history; // every pending text the status took
    connect(m_window->controller(), &app::AppController::statusChanged, this, [&] {
        const QString pending = m_window->controller()->status().pendingText;
        if (history.isEmpty() || history.constLast() != pending)
            history << pending;
    });
    // When the server's row replaces the local one, what does the status bar say once this
    // pass of the event loop is over (before anything is painted)?
    QStringList whenConfirmed;
    const int rowsBefore = list->model()->rowCount();
    connect(list->model(), &QAbstractItemModel::rowsRemoved, this, [&] {
        QMetaObject::invokeMethod(this, [&] { whenConfirmed << indicators->pendingText(); }, Qt::QueuedConnection);
    });

    list->input()->setFocus();
    QTest::keyClicks(list->input(), QStringLiteral("Counted while pending"));
    QTest::keyClick(list->input(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(whenConfirmed.size(), 1, longWait);
    QCOMPARE(list->model()->rowCount(), rowsBefore + 1);
    QVERIFY(!list->model()->index(0, 0).data(tasks::TasksModel::LocalRole).toBool());
    QCOMPARE(whenConfirmed.at(0), QString());
    // It did count the write while it was in flight.
    QCOMPARE(history, (QStringList{QStringLiteral("1 change pending"), QString()}));
    disconnect(list->model(), nullptr, this, nullptr);
    disconnect(m_window->controller(), nullptr, this, nullptr);
}

void TestShellApp::settingsChangeRebuildsConnection()
{
    ui::TasksWidget *list = taskList();
    QVERIFY(list);
    QVERIFY(list->model()->rowCount() >= 1); // the first deployment has the task added above
    QPointer<convex::Client> oldClient = m_window->controller()->client();
    const QString newUrl = m_otherConvex.url().toString();
    QSignalSpy rebuilt(m_window.get(), &ui::MainWindow::controllerChanged);

    // File ▸ Settings…, as the user does: the dialog runs its own event loop, so edit it from
    // a timer that fires inside that loop.
    bool edited = false;
    QTimer poll;
    poll.setInterval(50);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = m_window->findChild<ui::SettingsDialog *>();
        if (!dialog || !dialog->isVisible())
            return;
        poll.stop();
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("settingsConvexUrl"));
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        if (!url || !ok) {
            dialog->reject();
            return;
        }
        url->selectAll();
        QTest::keyClicks(url, newUrl);
        edited = ok->isEnabled();
        if (edited)
            QTest::mouseClick(ok, Qt::LeftButton);
        else
            dialog->reject();
    });
    poll.start();
    QAction *settingsAction = m_window->findChild<QAction *>(QStringLiteral("settingsAction"));
    QVERIFY(settingsAction);
    QTimer::singleShot(0, settingsAction, &QAction::trigger);
    QTRY_COMPARE_WITH_TIMEOUT(rebuilt.count(), 1, longWait);
    QVERIFY(edited);

    // A new controller and client for the new deployment; the old client is gone.
    QCOMPARE(m_window->controller()->config().convexUrl.toString(), newUrl);
    QTRY_VERIFY_WITH_TIMEOUT(oldClient.isNull(), longWait);
    QCOMPARE(QSettings().value(app::AppSettings::settingsKey(Field::ConvexUrl)).toString(), newUrl);
    // Same Clerk instance: the session is restored from the keychain, no sign-in needed, and
    // the tasks are the new deployment's (none yet).
    QTRY_COMPARE_WITH_TIMEOUT(page(), QStringLiteral("workspace"), longWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->indicators()->connectionText(), QStringLiteral("Connected"), longWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->indicators()->authText(), QStringLiteral("Signed in as Ada Lovelace"), longWait);
    list = taskList();
    QVERIFY(list);
    QTRY_VERIFY_WITH_TIMEOUT(!list->model()->isLoading(), longWait);
    QCOMPARE(list->model()->rowCount(), 0);
    QVERIFY2(list->statusText().startsWith(u"No tasks yet"), qPrintable(list->statusText()));
    m_window->grab().save(QDir(test::artifactsDir()).filePath(QStringLiteral("shell-after-settings-change.png")));
}

QTEST_MAIN(TestShellApp)
#include "tst_shell_app.moc"
