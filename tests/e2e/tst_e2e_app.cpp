// SPDX-License-Identifier: MIT
// The Qonvex window end to end, against the real Clerk and Convex stand-ins and the real
// keyring (run under `./dev services`): welcome → embedded sign-in → live data (the user's
// own tasks, then a second client's write that must not disturb rows or selection) → two
// backend outages (recovered by the backoff alone, then by Retry) → app restart without
// WebEngine → sign-out. Every step saves a screenshot under the test-artifacts folder. The
// steps run in order and build on each other.

#include "appdriver.h"
#include "childoutput.h"
#include "convexstandin.h"
#include "devstackprocess.h"

#include "mainwindow/accountbutton.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/signinpage.h"
#include "signinviewinterface.h"
#include "mainwindow/workspace.h"
#include "secrets/keychaintokenstore.h"
#include "session/sessioncontroller.h"
#include "status/statusbanner.h"
#include "welcome/welcomepage.h"
#include "wiring/appcontroller.h"
#include "wiring/processstats.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#ifdef QONVEX_HAVE_TASKS
#include "tasks/taskscontroller.h"
#include "tasks/tasksmodel.h"
#include "tasks/taskswidget.h"
#endif

#include <QAbstractButton>
#include <QApplication>
#include <QAction>
#include <QLabel>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QJsonDocument>
#include <QTest>
#include <QTranslator>

using namespace qonvex;
using qonvex::test::AppDriver;

namespace {
constexpr int longWait = 30000;
const QString password = QStringLiteral("qonvex-demo");

// What the keychain holds for this Clerk instance: nullopt = nothing, "" = error.
std::optional<QString> keychainToken(const QString &authority, QString *error)
{
    app::KeychainTokenStore store(authority);
    std::optional<app::TokenLoadResult> result;
    store.load([&](app::TokenLoadResult r) { result = std::move(r); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 15000);
    if (!result) {
        *error = QStringLiteral("keychain did not answer");
        return QString();
    }
    if (result->error) {
        *error = result->error->message;
        return QString();
    }
    if (!result->token)
        return std::nullopt;
    return QStringLiteral("<present>");
}

// Translates only the session's sign-out reason, as a German translation does: the welcome
// screen must still say its own sentence, not the bare reason.
class SignedOutTranslator : public QTranslator {
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "qonvex::app::SessionController") == 0 && qstrcmp(source, "Signed out") == 0)
            return QStringLiteral("Abgemeldet");
        return {};
    }
    bool isEmpty() const override { return false; }
};
} // namespace

class TestE2eApp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void welcomeScreenWithoutWebEngine();
    void embeddedSignInHasOneWayOut();
    void signInThroughEmbeddedView();
    void identityAndLiveData();
    void writeFromSecondClientAppears();
    void mutationErrorShowsInline();
    void backendRestartShowsReconnectingAndRecovers();
    void restartRestoresWithoutWebEngine();
    void signOutClearsKeychain();

private:
    app::AppSettings settings() const;
    QString authority() const { return m_clerk.clerkFrontendApi().authority(); }
    std::unique_ptr<AppDriver> newDriver();
    //! A `convex` JWT for a new session of ada@example.com (the Clerk stand-in's test
    //! controls): a second client signed in as the same user. Empty on failure (logged).
    QString mintAdaToken();
    // Shared checks of backendRestartShowsReconnectingAndRecovers. They use QVERIFY, which
    // only leaves the helper: callers check QTest::currentTestFailed() afterwards.
    void expectReconnectingStatus();
    void expectRecovered(const convex::Value &rows, convex::QuerySubscription *tasks);
#ifdef QONVEX_HAVE_TASKS
    ui::TasksWidget *taskList() const
    {
        return m_app && m_app->window()->workspace()
            ? qobject_cast<ui::TasksWidget *>(m_app->window()->workspace()->taskView()) : nullptr;
    }
#endif

    test::DevStackProcess m_clerk;
    test::ConvexStandin m_convex;
    QTemporaryDir m_data;
    std::unique_ptr<AppDriver> m_app;
    QString m_shots;
};

QString TestE2eApp::mintAdaToken()
{
    QString error;
    const QJsonObject signIn = m_clerk.control(QStringLiteral("/__devstack/sign-in"),
                                               {{QStringLiteral("email"), QStringLiteral("ada@example.com")}}, false, &error);
    const QJsonObject minted = error.isEmpty()
        ? m_clerk.control(QStringLiteral("/__devstack/tokens"),
                          {{QStringLiteral("sessionId"), signIn.value(QStringLiteral("sessionId"))}}, false, &error)
        : QJsonObject();
    if (!error.isEmpty())
        qWarning("minting a token failed: %s", qPrintable(error));
    return minted.value(QStringLiteral("jwt")).toString();
}

void TestE2eApp::initTestCase()
{
    // The window keeps its geometry in QSettings: a name of its own, under the throwaway
    // XDG_CONFIG_HOME of `./dev services`.
    QCoreApplication::setOrganizationName(QStringLiteral("io.github.qonvex.Qonvex.e2e"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_e2e_app"));
    QVERIFY(m_data.isValid());
    QVERIFY2(m_clerk.start({QStringLiteral("--clerk-only")}), qPrintable(m_clerk.error()));
    QVERIFY2(m_convex.start(m_clerk.clerkFrontendApi(), m_data.filePath(QStringLiteral("convex.json"))),
             qPrintable(m_convex.error()));
    m_shots = QDir(test::artifactsDir()).filePath(QStringLiteral("e2e"));
    QDir().mkpath(m_shots);
}

void TestE2eApp::cleanupTestCase()
{
    m_app.reset();
    m_convex.stop();
    m_clerk.stop();
}

app::AppSettings TestE2eApp::settings() const
{
    app::AppSettings s;
    s.setOverride(app::AppSettings::Field::ConvexUrl, m_convex.url().toString());
    s.setOverride(app::AppSettings::Field::PublishableKey, m_clerk.clerkPublishableKey());
    s.setOverride(app::AppSettings::Field::FrontendApi, m_clerk.clerkFrontendApi().toString());
    return s;
}

std::unique_ptr<AppDriver> TestE2eApp::newDriver()
{
    auto driver = std::make_unique<AppDriver>(settings(), m_shots);
    driver->start();
    return driver;
}

void TestE2eApp::welcomeScreenWithoutWebEngine()
{
    m_app = newDriver();
    QVERIFY2(m_app->waitForPage(QStringLiteral("welcomePage")), qPrintable(m_app->currentPage()));
    QCOMPARE(m_app->window()->welcomePage()->mode(), ui::WelcomePage::Mode::Ready);
    QVERIFY(!m_app->window()->signInView()); // the plugin is loaded only for sign-in
    QTRY_COMPARE_WITH_TIMEOUT(m_app->connectionText(), QStringLiteral("Connected"), longWait);
    QCOMPARE(m_app->authText(), QStringLiteral("Signed out"));
    m_app->screenshotWhenRendered(QStringLiteral("e2e-01-welcome.png"), 8);
}

void TestE2eApp::embeddedSignInHasOneWayOut()
{
    QVERIFY(m_app);
    QVERIFY(m_app->click(QStringLiteral("welcomeSignIn")));
    QVERIFY2(m_app->waitForPage(QStringLiteral("signInPage")), qPrintable(m_app->currentPage()));
    ui::SignInView *view = m_app->window()->signInView();
    QVERIFY(view);
    QTRY_COMPARE_WITH_TIMEOUT(view->loadState(), ui::SignInView::LoadState::Ready, longWait);
    QWidget *page = m_app->window()->signInPage();

    // The chrome around the hosted page: the browser alternative and one way out, no second
    // "Back"/"Cancel" doing the same thing.
    QStringList buttons;
    QAbstractButton *out = nullptr;
    for (QAbstractButton *button : page->findChildren<QAbstractButton *>()) {
        if (!button->isVisible())
            continue;
        buttons << button->text();
        if (button->objectName() == u"signInCancel")
            out = button;
    }
    buttons.sort();
    QCOMPARE(buttons, (QStringList{QStringLiteral("Cancel sign-in"), QStringLiteral("Sign in with your browser instead")}));
    QVERIFY(out && out->isEnabled());
    QCOMPARE(out->accessibleName(), QStringLiteral("Cancel sign-in"));
    QCOMPARE(out->shortcut(), QKeySequence(Qt::Key_Escape));

    // Where the user signs in is said once.
    const QString host = m_clerk.clerkFrontendApi().host();
    QStringList mentions;
    for (QLabel *label : page->findChildren<QLabel *>())
        if (label->isVisible() && label->text().contains(host))
            mentions << label->text();
    QCOMPARE(mentions.size(), 1);

    // Esc leaves the sign-in: back on the welcome screen, ready to sign in again.
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_app->window();
    QTest::keyClick(target, Qt::Key_Escape);
    QVERIFY2(m_app->waitForPage(QStringLiteral("welcomePage")), qPrintable(m_app->currentPage()));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->window()->welcomePage()->mode(), ui::WelcomePage::Mode::Ready, longWait);
}

void TestE2eApp::signInThroughEmbeddedView()
{
    QVERIFY(m_app);
    const QString error = m_app->signInEmbedded(QStringLiteral("ada@example.com"), password,
                                                QStringLiteral("e2e-02-signin-view.png"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QString keychainError;
    const auto stored = keychainToken(authority(), &keychainError);
    QVERIFY2(keychainError.isEmpty(), qPrintable(keychainError));
    QVERIFY2(stored.has_value(), "signed in, but the keychain holds no client token");
}

void TestE2eApp::identityAndLiveData()
{
    QVERIFY(m_app && m_app->window()->workspace());
    // users:me answered: the identity is the server's, not just Clerk's.
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authText(), QStringLiteral("Signed in as Ada Lovelace"), longWait);
    ui::AccountButton *account = m_app->window()->accountButton();
    QCOMPARE(account->initials(), QStringLiteral("AL"));
    QCOMPARE(account->email(), QStringLiteral("ada@example.com"));
    QVERIFY(account->isVisible());
    QVERIFY(!m_app->window()->banner()->isVisible());
    const QString title = m_app->window()->windowTitle();
    QCOMPARE(title, QStringLiteral("Qonvex"));
    m_app->screenshotWhenRendered(QStringLiteral("e2e-03-main-window.png"), 8);
}

void TestE2eApp::writeFromSecondClientAppears()
{
    QVERIFY(m_app && m_app->window()->workspace());
    // A second client signed in as the same user (test controls of the Clerk stand-in).
    const QString jwt = mintAdaToken();
    QVERIFY(!jwt.isEmpty());

    // What the window's client sees of the task list (the same query the task view shows).
    convex::Client *appClient = m_app->window()->controller()->client();
    std::unique_ptr<convex::QuerySubscription> seen(appClient->subscribe(QStringLiteral("tasks:list")));
    QTRY_VERIFY_WITH_TIMEOUT(!seen->isLoading() && !seen->hasError(), longWait);

    // The data file is fresh: the user first adds two tasks of their own, so there are rows
    // (and a selection) for the second client's write to disturb.
    const QStringList ownTexts{QStringLiteral("First task of the user"), QStringLiteral("Second task of the user")};
    const qsizetype initial = seen->value().size();
#ifdef QONVEX_HAVE_TASKS
    ui::TasksWidget *list = taskList();
    QVERIFY(list);
    tasks::TasksModel *model = list->model();
    const auto unconfirmedRows = [model] {
        int n = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            n += model->index(row, 0).data(tasks::TasksModel::LocalRole).toBool() ? 1 : 0;
        return n;
    };
    for (const QString &own : ownTexts) {
        list->input()->setFocus();
        QTest::keyClicks(list->input(), own);
        QTest::keyClick(list->input(), Qt::Key_Return);
        // Confirmed: the server's row, not the local one shown while the add is in flight.
        QTRY_VERIFY_WITH_TIMEOUT(unconfirmedRows() == 0 && !model->serverRows().isEmpty()
                                     && model->serverRows().constFirst().text == own,
                                 longWait);
        QVERIFY(list->inputErrorText().isEmpty());
    }
#else
    for (const QString &own : ownTexts) {
        auto added = appClient->mutation(QStringLiteral("tasks:add"), convex::ValueObject{{QStringLiteral("text"), own}});
        QTRY_VERIFY_WITH_TIMEOUT(added.isFinished(), longWait);
        QVERIFY2(added.result().isSuccess(), qPrintable(added.result().errorMessage()));
    }
#endif
    QTRY_COMPARE_WITH_TIMEOUT(seen->value().size(), initial + ownTexts.size(), longWait);
    const qsizetype before = seen->value().size();
    QVERIFY(before >= 2);

#ifdef QONVEX_HAVE_TASKS
    // Every add confirmed: only server rows, no local (unconfirmed) ones.
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), int(before), longWait);
    QCOMPARE(unconfirmedRows(), 0);

    // The user clicks a row that is not the top one (a new task lands above it, so its row
    // number changes while it must stay the same task).
    QListView *view = list->listView();
    const QModelIndex toSelect = model->index(1, 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(toSelect).center());
    QTRY_COMPARE_WITH_TIMEOUT(view->selectionModel()->currentIndex(), toSelect, longWait);
    QCOMPARE(view->selectionModel()->selectedRows(), QModelIndexList{toSelect});
    const QPersistentModelIndex selected(toSelect);
    const QString selectedId = selected.data(tasks::TasksModel::IdRole).toString();
    QVERIFY(!selectedId.isEmpty());

    // Every row as it is now: a persistent index and what it shows.
    struct Shown {
        QPersistentModelIndex index;
        QString id;
        QString text;
    };
    QList<Shown> shown;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        shown.append({QPersistentModelIndex(index), index.data(tasks::TasksModel::IdRole).toString(),
                      index.data(tasks::TasksModel::TextRole).toString()});
    }
    QSignalSpy resets(model, &QAbstractItemModel::modelAboutToBeReset);
    QVERIFY(resets.isValid());
    m_app->screenshotWhenRendered(QStringLiteral("e2e-04a-row-selected.png"), 8);
#endif
    convex::Client other(m_convex.url());
    other.setAuth([jwt](bool, std::function<void(std::optional<QString>)> done) { done(jwt); });
    const QString text = QStringLiteral("Written by a second client");
    auto future = other.mutation(QStringLiteral("tasks:add"), convex::ValueObject{{QStringLiteral("text"), text}});
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), longWait);
    QVERIFY2(future.result().isSuccess(), qPrintable(future.result().errorMessage()));
    QTRY_COMPARE_WITH_TIMEOUT(seen->value().size(), before + 1, longWait);
    QCOMPARE(seen->value()[0][QStringLiteral("text")].toString(), text);
#ifdef QONVEX_HAVE_TASKS
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), int(before + 1), longWait);
    const int newRow = model->rowOfId(seen->value()[0][QStringLiteral("_id")].toString());
    QVERIFY(newRow >= 0);
    QCOMPARE(model->index(newRow, 0).data(tasks::TasksModel::TextRole).toString(), text);

    // Applied as an insert, not a rebuild (a reset would drop the selection and scroll position).
    QCOMPARE(resets.count(), 0);
    // The rows that were there are the same rows: same task, same text (moved, not rebuilt).
    for (const Shown &row : std::as_const(shown)) {
        QVERIFY2(row.index.isValid(), qPrintable(QStringLiteral("the row of %1 was dropped").arg(row.text)));
        QCOMPARE(row.index.data(tasks::TasksModel::IdRole).toString(), row.id);
        QCOMPARE(row.index.data(tasks::TasksModel::TextRole).toString(), row.text);
        QVERIFY(row.index.row() != newRow);
    }
    // The selection stayed on the task the user picked.
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(tasks::TasksModel::IdRole).toString(), selectedId);
    QCOMPARE(view->selectionModel()->currentIndex(), QModelIndex(selected));
    QCOMPARE(view->selectionModel()->selectedRows(), QModelIndexList{QModelIndex(selected)});
    QCOMPARE(view->currentIndex().data(tasks::TasksModel::IdRole).toString(), selectedId);
#endif
    m_app->screenshotWhenRendered(QStringLiteral("e2e-04-after-second-client.png"), 8);
#ifndef QONVEX_HAVE_TASKS
    QSKIP("ui/tasks is not in this build: rows/selection in the task view cannot be checked");
#endif
}

void TestE2eApp::mutationErrorShowsInline()
{
#ifdef QONVEX_HAVE_TASKS
    ui::TasksWidget *list = taskList();
    QVERIFY(list);
    const int rows = list->model()->rowCount();
    // tasks:add rejects more than 500 characters with ConvexError{code: "INVALID"}.
    const QString tooLong(501, u'x');
    list->input()->setFocus();
    list->input()->setText(tooLong);
    QTest::keyClick(list->input(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!list->inputErrorText().isEmpty(), longWait);
    QCOMPARE(list->input()->text(), tooLong); // the text is kept for fixing
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), rows, longWait);
    m_app->screenshotWhenRendered(QStringLiteral("e2e-04b-inline-error.png"), 8);
    list->input()->clear();
#else
    QSKIP("ui/tasks is not in this build");
#endif
}

void TestE2eApp::backendRestartShowsReconnectingAndRecovers()
{
    QVERIFY(m_app && m_app->window()->workspace());
    convex::Client *appClient = m_app->window()->controller()->client();
    std::unique_ptr<convex::QuerySubscription> tasks(appClient->subscribe(QStringLiteral("tasks:list")));
    QTRY_VERIFY_WITH_TIMEOUT(!tasks->isLoading(), longWait);
    const convex::Value before = tasks->value();
    QVERIFY(before.size() >= 1);
    auto *retry = m_app->window()->banner()->findChild<QAbstractButton *>(QStringLiteral("statusBannerRetry"));
    QVERIFY(retry);
    QSignalSpy retryClicks(retry, &QAbstractButton::clicked);

    // Outage 1: nobody touches anything; the client's own backoff brings the connection back.
    m_convex.stop();
    expectReconnectingStatus();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_app->currentPage(), QStringLiteral("workspace")); // the user's data, not an empty window
    m_app->screenshot(QStringLiteral("e2e-05-reconnecting.png"));
    // Let the backoff fail more than once: it keeps trying on its own, not just once.
    QTRY_VERIFY_WITH_TIMEOUT(appClient->connectionState().connectionRetries >= 2, longWait);

    QVERIFY2(m_convex.restart(), qPrintable(m_convex.error()));
    // Backoff delays grow to 16 s (± 50 %): the next attempt comes within 24 s.
    QTRY_COMPARE_WITH_TIMEOUT(m_app->connectionText(), QStringLiteral("Connected"), 60000);
    QCOMPARE(retryClicks.count(), 0);
    expectRecovered(before, tasks.get());
    if (QTest::currentTestFailed())
        return;
    m_app->screenshotWhenRendered(QStringLiteral("e2e-06-recovered.png"), 8);

    // Outage 2: Retry skips what is left of the backoff. Wait for a long delay so the timer
    // cannot be what reconnects it.
    m_convex.stop();
    QTRY_VERIFY_WITH_TIMEOUT(appClient->connectionState().nextRetryInMs() >= 6000, 60000);
    expectReconnectingStatus();
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(m_convex.restart(), qPrintable(m_convex.error()));
    const convex::ConnectionState waiting = appClient->connectionState();
    QVERIFY2(!waiting.connected && waiting.nextRetryInMs() >= 1000,
             "the backoff ran out while the backend restarted: Retry cannot be told from the timer");
    QVERIFY(m_app->click(QStringLiteral("statusBannerRetry")));
    QCOMPARE(retryClicks.count(), 1);
    // The click connects at once: the backoff timer is no longer pending.
    QCOMPARE(appClient->connectionState().nextRetryInMs(), qint64(-1));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->connectionText(), QStringLiteral("Connected"), longWait);
    expectRecovered(before, tasks.get());
    if (QTest::currentTestFailed())
        return;
    m_app->screenshotWhenRendered(QStringLiteral("e2e-06b-recovered-by-retry.png"), 8);
}

void TestE2eApp::expectReconnectingStatus()
{
    // The status bar counts down to the next attempt (app/wiring/appstatus.cpp); right when an
    // attempt is due it says "Reconnecting… (attempt K)" instead, so wait for the countdown.
    static const QRegularExpression countdown(QStringLiteral("^Reconnecting in (\\d+) s \\(attempt (\\d+)\\)$"));
    QRegularExpressionMatch match;
    QTRY_VERIFY2_WITH_TIMEOUT((match = countdown.match(m_app->connectionText())).hasMatch(),
                              qPrintable(m_app->connectionText()), longWait);
    const int seconds = match.captured(1).toInt();
    const int attempt = match.captured(2).toInt();
    QVERIFY2(seconds >= 1 && seconds <= 24, qPrintable(m_app->connectionText())); // 16 s cap + 50 % jitter
    QVERIFY2(attempt >= 1, qPrintable(m_app->connectionText()));

    // The banner says why, keeps the data on screen and offers Retry.
    static const QRegularExpression banner(
        QStringLiteral("^Cannot reach the server \\((.+)\\)\\. Your data stays on screen"));
    QTRY_VERIFY2_WITH_TIMEOUT(banner.match(m_app->bannerText()).hasMatch(), qPrintable(m_app->bannerText()), longWait);
    QVERIFY(m_app->window()->banner()->isVisible());
    auto *retry = m_app->window()->banner()->findChild<QAbstractButton *>(QStringLiteral("statusBannerRetry"));
    QVERIFY(retry && retry->isVisible() && retry->isEnabled());
}

void TestE2eApp::expectRecovered(const convex::Value &rows, convex::QuerySubscription *tasks)
{
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authText(), QStringLiteral("Signed in as Ada Lovelace"), longWait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_app->window()->banner()->isVisible(), longWait);
    QTRY_COMPARE_WITH_TIMEOUT(tasks->value(), rows, longWait); // same data file, same rows
}

void TestE2eApp::restartRestoresWithoutWebEngine()
{
    // Quit the in-process app; the real executable must restore the session from the keychain
    // and show data without ever mapping Qt WebEngine.
    m_app.reset();
    QProcess qonvex;
    qonvex.setProgram(QStringLiteral(QONVEX_APP_PATH));
    qonvex.setArguments({QStringLiteral("--exit-after-first-data"), QStringLiteral("--convex-url"), m_convex.url().toString(),
                         QStringLiteral("--clerk-publishable-key"), m_clerk.clerkPublishableKey(),
                         QStringLiteral("--clerk-frontend-api"), m_clerk.clerkFrontendApi().toString()});
    qonvex.start();
    QVERIFY(qonvex.waitForStarted(10000));
    QVERIFY2(qonvex.waitForFinished(60000), "qonvex --exit-after-first-data did not finish");
    // Recorded for the secrets scan, which checks it for every issued token.
    const QString out = QString::fromUtf8(test::readStdout(qonvex));
    const QString err = QString::fromUtf8(test::readStderr(qonvex));
    QVERIFY2(qonvex.exitStatus() == QProcess::NormalExit && qonvex.exitCode() == 0, qPrintable(out + err));
    QVERIFY2(out.startsWith(u"first-data ms="), qPrintable(out));
    QVERIFY2(out.contains(u" webengine=0"), qPrintable(out));
    // Nor any image format plugin (ShellStyle draws the menu bar's overflow arrow).
    QVERIFY2(out.contains(u" imageformats=0"), qPrintable(out));
    // No token in what the app printed or logged.
    QVERIFY(!err.contains(u"eyJ"));

    // The in-process app restores the same way (no sign-in page on the way).
    m_app = newDriver();
    QVERIFY2(m_app->waitForPage(QStringLiteral("workspace"), longWait), qPrintable(m_app->currentPage()));
    QVERIFY(!m_app->window()->signInView());
    // A restored session never shows the welcome screen, so it is not even built (cold start).
    QVERIFY(!m_app->window()->findChild<ui::WelcomePage *>());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authText(), QStringLiteral("Signed in as Ada Lovelace"), longWait);
    m_app->screenshotWhenRendered(QStringLiteral("e2e-07-restored.png"), 8);
}

void TestE2eApp::signOutClearsKeychain()
{
    QVERIFY(m_app && m_app->window()->workspace());
    SignedOutTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const auto removeTranslator = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });
#ifdef QONVEX_HAVE_TASKS
    // A delete still in its undo window when the user signs out goes out first, with their
    // identity: the server no longer has the row afterwards (it used to be sent after sign-out
    // and refused, silently).
    QVERIFY(taskList() && taskList()->model()->rowCount() > 0);
    const QModelIndex doomed = taskList()->model()->index(0);
    const QString doomedId = doomed.data(tasks::TasksModel::IdRole).toString();
    const QString doomedText = doomed.data(tasks::TasksModel::TextRole).toString();
    taskList()->controller()->remove(doomedId);
    QVERIFY(doomed.data(tasks::TasksModel::DeleteScheduledRole).toBool());
#endif
    m_app->window()->accountButton()->signOutAction()->trigger();
    QVERIFY2(m_app->waitForPage(QStringLiteral("welcomePage")), qPrintable(m_app->currentPage()));
#ifdef QONVEX_HAVE_TASKS
    {
        const QString jwt = mintAdaToken();
        QVERIFY(!jwt.isEmpty());
        convex::Client server(m_convex.url());
        server.setAuth([jwt](bool, std::function<void(std::optional<QString>)> done) { done(jwt); });
        std::unique_ptr<convex::QuerySubscription> rows(server.subscribe(QStringLiteral("tasks:list")));
        QTRY_VERIFY_WITH_TIMEOUT(!rows->isLoading() && !rows->hasError(), longWait);
        QTRY_VERIFY2_WITH_TIMEOUT(!QJsonDocument::fromVariant(rows->variantValue()).toJson().contains(doomedId.toUtf8()),
                                  qPrintable(QStringLiteral("'%1' is still on the server").arg(doomedText)), longWait);
    }
#endif
    QVERIFY(!m_app->window()->workspace());
    QCOMPARE(m_app->window()->controller()->session()->reason(), QStringLiteral("Abgemeldet"));
    QCOMPARE(m_app->window()->welcomePage()->message(), ui::MainWindow::tr("You are signed out."));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->authText(), QStringLiteral("Signed out"), longWait);
    QString error;
    std::optional<QString> stored;
    QTRY_VERIFY_WITH_TIMEOUT((stored = keychainToken(authority(), &error), error.isEmpty() && !stored), longWait);
    m_app->screenshotWhenRendered(QStringLiteral("e2e-08-signed-out.png"), 8);
}

QTEST_MAIN(TestE2eApp)
#include "tst_e2e_app.moc"
