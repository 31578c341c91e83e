// SPDX-License-Identifier: MIT
// qonvex-demo-driver: what `./dev demo` runs where there is no display. It builds the real
// Qonvex window (same libraries as the app), signs in the seeded user through the embedded
// view, adds a task and saves screenshots of the welcome screen, the sign-in view, the main
// window and the inline error of an empty task, printing their paths. Not installed; the
// shipped app has no hooks for this.

#include "appdriver.h"
#include "i18n/translations.h"

#include "mainwindow/mainwindow.h"
#include "mainwindow/workspace.h"
#include "signinviewinterface.h"
#include "status/statusindicators.h"
#include "wiring/appcontroller.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QSettings>
#include <QTest>

#ifdef QONVEX_HAVE_TASKS
#include "tasks/taskswidget.h"
#endif

#include <cstdio>

namespace {
void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", line.toLocal8Bit().constData());
    std::fflush(stdout);
}
int fail(const QString &why)
{
    std::fprintf(stderr, "demo: %s\n", why.toLocal8Bit().constData());
    return 1;
}
} // namespace

int main(int argc, char *argv[])
{
    qonvex::ui::prepareApplicationForSignInView();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Qonvex"));
    QApplication::setOrganizationName(QStringLiteral("io.github.qonvex.Qonvex"));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.qonvex.Qonvex"));
    // As the app does: the desktop's language (e.g. LANGUAGE=de ./dev demo), from this build's
    // compiled translations.
    qonvex::app::installTranslations(QLocale(), {QStringLiteral(QONVEX_QM_DIR)});

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Drives the Qonvex window for ./dev demo."));
    parser.addHelpOption();
    const QCommandLineOption url(QStringLiteral("convex-url"), QStringLiteral("Convex URL"), QStringLiteral("url"));
    const QCommandLineOption key(QStringLiteral("clerk-publishable-key"), QStringLiteral("Clerk key"), QStringLiteral("key"));
    const QCommandLineOption fapi(QStringLiteral("clerk-frontend-api"), QStringLiteral("Clerk FAPI"), QStringLiteral("url"));
    const QCommandLineOption shots(QStringLiteral("screenshots"), QStringLiteral("Folder for screenshots"), QStringLiteral("dir"));
    const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("User"), QStringLiteral("email"),
                                   QStringLiteral("ada@example.com"));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("Password"), QStringLiteral("password"),
                                      QStringLiteral("qonvex-demo"));
    const QCommandLineOption task(QStringLiteral("task"), QStringLiteral("Task to add"), QStringLiteral("text"),
                                  QStringLiteral("Try Qonvex"));
    parser.addOptions({url, key, fapi, shots, email, password, task});
    parser.process(app);
    if (!parser.isSet(url) || !parser.isSet(shots) || (!parser.isSet(key) && !parser.isSet(fapi)))
        return fail(QStringLiteral("--convex-url, --clerk-publishable-key or --clerk-frontend-api, and --screenshots are required"));

    qonvex::app::AppSettings settings;
    settings.load(QSettings());
    settings.setOverride(qonvex::app::AppSettings::Field::ConvexUrl, parser.value(url));
    if (parser.isSet(key))
        settings.setOverride(qonvex::app::AppSettings::Field::PublishableKey, parser.value(key));
    if (parser.isSet(fapi))
        settings.setOverride(qonvex::app::AppSettings::Field::FrontendApi, parser.value(fapi));
    if (const auto config = settings.validate(); !config)
        return fail(config.error());

    qonvex::test::AppDriver driver(settings, parser.value(shots));
    driver.start();
    // A session kept from an earlier demo run is restored; otherwise sign in.
    (void)QTest::qWaitFor([&] {
        const QString page = driver.currentPage();
        return page == u"welcomePage" || page == u"workspace";
    }, 30000);
    if (driver.currentPage() == u"welcomePage") {
        say(driver.screenshotWhenRendered(QStringLiteral("demo-1-welcome.png"), 8));
        const QString error = driver.signInEmbedded(parser.value(email), parser.value(password),
                                                    QStringLiteral("demo-2-sign-in.png"));
        if (!error.isEmpty())
            return fail(error);
        say(QDir(parser.value(shots)).filePath(QStringLiteral("demo-2-sign-in.png")));
    } else {
        say(QStringLiteral("(restored the session from an earlier run: no welcome or sign-in screen this time)"));
    }
    if (!driver.waitForPage(QStringLiteral("workspace")))
        return fail(QStringLiteral("the main window did not show the workspace"));

    // Add a task through the task list's input when it is there; otherwise through the app's
    // own Convex client (the task list is not in this build).
    qonvex::ui::Workspace *workspace = driver.window()->workspace();
    convex::Client *client = driver.window()->controller()->client();
    std::unique_ptr<convex::QuerySubscription> tasks(client->subscribe(QStringLiteral("tasks:list")));
    (void)QTest::qWaitFor([&] { return !tasks->isLoading(); }, 30000);
    const qsizetype before = tasks->value().size();
    QLineEdit *input = nullptr;
#ifdef QONVEX_HAVE_TASKS
    if (auto *list = qobject_cast<qonvex::ui::TasksWidget *>(workspace->taskView()))
        input = list->input();
#endif
    if (input) {
        input->setFocus();
        QTest::keyClicks(input, parser.value(task));
        QTest::keyClick(input, Qt::Key_Return);
    } else {
        client->mutation(QStringLiteral("tasks:add"), convex::ValueObject{{QStringLiteral("text"), parser.value(task)}});
    }
    if (!QTest::qWaitFor([&] { return tasks->value().size() > before; }, 30000))
        return fail(QStringLiteral("the task did not arrive: %1").arg(tasks->errorMessage()));
    (void)QTest::qWaitFor([&] { return driver.authText().startsWith(u"Signed in as"); }, 15000);
    // The status bar agrees with the list: nothing pending once the row is confirmed.
    (void)QTest::qWaitFor([&] { return driver.window()->indicators()->pendingText().isEmpty(); }, 15000);
    say(driver.screenshotWhenRendered(QStringLiteral("demo-3-main-window.png"), 8));
    say(QStringLiteral("signed in as: %1; tasks now: %2").arg(driver.authText()).arg(tasks->value().size()));

#ifdef QONVEX_HAVE_TASKS
    // An empty task: the server's INVALID error shows under the input.
    if (auto *list = qobject_cast<qonvex::ui::TasksWidget *>(workspace->taskView())) {
        list->input()->clear();
        QTest::keyClick(list->input(), Qt::Key_Return);
        if (QTest::qWaitFor([&] { return !list->inputErrorText().isEmpty(); }, 30000))
            say(driver.screenshot(QStringLiteral("demo-4-inline-error.png")));
        list->input()->clear(); // and it goes away again
    }
#endif
    return 0;
}
