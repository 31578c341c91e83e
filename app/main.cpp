// SPDX-License-Identifier: MIT
// `qonvex`: parses the command line, makes sure only one instance runs (a second launch hands
// its `qonvex://` link to the first and exits), loads the settings and shows the main window.

#include "mainwindow/firstdataprobe.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/workspace.h"
#include "i18n/translations.h"
#include "settings/appsettings.h"
#include "settings/commandline.h"
#include "signinviewinterface.h"
#include "signinviewloader.h"
#include "singleinstance.h"
#include "style/shellstyle.h"
#include "session/sessioncontroller.h"
#include "wiring/appcontroller.h"
#include "wiring/processstats.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcMain, "qonvex.app.main", QtInfoMsg)

namespace {

void printTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    if (!text.endsWith(u'\n'))
        std::fputc('\n', stream);
    std::fflush(stream);
}

// --exit-after-first-data: one line for the start-up benchmark, then quit.
void watchFirstData(qonvex::ui::MainWindow *window)
{
    // Without a stored session there is no data to wait for: say so instead of hanging.
    QObject::connect(window, &qonvex::ui::MainWindow::controllerChanged, window, [](qonvex::app::AppController *c) {
        QObject::connect(c->session(), &qonvex::app::SessionController::stateChanged, c, [c] {
            const auto state = c->session()->state();
            if (state == qonvex::app::SessionController::State::SignedOut
                || state == qonvex::app::SessionController::State::SessionOnly) {
                printTo(stdout, QStringLiteral("first-data error=signed-out"));
                QCoreApplication::exit(4);
            }
        });
    });
    QObject::connect(window, &qonvex::ui::MainWindow::workspaceCreated, window, [window](qonvex::ui::Workspace *ws) {
        auto *probe = new qonvex::ui::FirstDataProbe(window->controller()->client(), ws->taskView(), ws);
        QObject::connect(probe, &qonvex::ui::FirstDataProbe::painted, qApp, [](const QString &error) {
            // imageformats: whether any image format plugin was loaded (none is needed to
            // show the task list; see ShellStyle).
            printTo(stdout, QStringLiteral("first-data ms=%1 rss_kib=%2 webengine=%3 imageformats=%4%5")
                                .arg(qonvex::app::msSinceProcessStart())
                                .arg(qonvex::app::residentKiB())
                                .arg(qonvex::app::isWebEngineMapped() ? 1 : 0)
                                .arg(qonvex::app::isMapped("/imageformats/") ? 1 : 0)
                                .arg(error.isEmpty() ? QString() : QStringLiteral(" error=query-failed")));
            QCoreApplication::exit(error.isEmpty() ? 0 : 3);
        });
    });
}

} // namespace

int main(int argc, char *argv[])
{
    // The command line first, without a GUI: --help and --version must work where there is
    // no display (packaging runs them to make the man page).
    qonvex::app::CommandLine cli;
    {
        QCoreApplication parsing(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("qonvex"));
        cli = qonvex::app::parseCommandLine(QCoreApplication::arguments());
    }
    switch (cli.action) {
    case qonvex::app::CommandLine::Action::ShowText:
        printTo(stdout, cli.text);
        return 0;
    case qonvex::app::CommandLine::Action::Error:
        printTo(stderr, cli.text);
        return 2;
    case qonvex::app::CommandLine::Action::Run:
        break;
    }

    // Before QApplication: what Qt WebEngine needs should the sign-in view be loaded later.
    qonvex::ui::prepareApplicationForSignInView();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Qonvex"));
    QApplication::setApplicationDisplayName(QStringLiteral("Qonvex"));
    QApplication::setOrganizationName(QStringLiteral("io.github.qonvex.Qonvex"));
    QApplication::setOrganizationDomain(QStringLiteral("qonvex.github.io"));
    QApplication::setApplicationVersion(QStringLiteral(QONVEX_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.qonvex.Qonvex"));
    qonvex::ui::ShellStyle::install();
    qonvex::app::installTranslations(QLocale());

    // One Qonvex per user. The benchmark run skips this so it can run beside a normal one.
    qonvex::SingleInstance instance(QStringLiteral("qonvex"));
    if (!cli.exitAfterFirstData) {
        const auto role = instance.claim();
        if (role == qonvex::SingleInstance::Role::Secondary) {
            QStringList forwarded;
            for (const QUrl &url : cli.urls)
                forwarded << url.toString(QUrl::FullyEncoded);
            if (instance.forward(forwarded))
                return 0;
            printTo(stderr, QStringLiteral("Qonvex is already running but did not answer: %1").arg(instance.errorString()));
            return 1;
        }
        if (role == qonvex::SingleInstance::Role::Failed)
            qCWarning(lcMain) << "running without single-instance forwarding:" << instance.errorString();
    }

    qonvex::app::AppSettings settings;
    settings.load(QSettings());
    settings.applyEnvironment(QProcessEnvironment::systemEnvironment());
    cli.applyTo(settings);

    qonvex::ui::MainWindow::Options options;
    options.trayAllowed = !cli.noTray && !cli.exitAfterFirstData;
    options.openSettings = cli.openSettings;
    qonvex::ui::MainWindow window(settings, options);
    if (cli.exitAfterFirstData) {
        if (!settings.validate()) {
            printTo(stderr, QStringLiteral("--exit-after-first-data: %1").arg(settings.validate().error()));
            return 2;
        }
        watchFirstData(&window);
    }
    // Benchmark baseline only (`./dev bench` compares against it): with
    // QONVEX_BENCH_PRELOAD_SIGNIN_VIEW=1 the start-up run loads the WebEngine sign-in plugin and
    // creates its (hidden) view at start, as an app without lazy loading would, so the cold-start
    // figure shows what loading it on demand saves.
    std::unique_ptr<QWidget> preloadedSignInView;
    qonvex::ui::SignInViewLoader preloadLoader;
    if (cli.exitAfterFirstData && qEnvironmentVariableIntValue("QONVEX_BENCH_PRELOAD_SIGNIN_VIEW") == 1) {
        preloadedSignInView.reset(preloadLoader.createView(nullptr));
        if (!preloadedSignInView) {
            printTo(stderr, QStringLiteral("QONVEX_BENCH_PRELOAD_SIGNIN_VIEW: %1").arg(preloadLoader.errorString()));
            return 2;
        }
    }

    // A second launch's `qonvex://` link (the browser's sign-in hand-back), or just "show yourself".
    QObject::connect(&instance, &qonvex::SingleInstance::argumentsReceived, &window,
                     &qonvex::ui::MainWindow::handleForwardedArguments);

    window.show();
    window.start();
    for (const QUrl &url : cli.urls)
        window.handleUrl(url);
    return app.exec();
}
