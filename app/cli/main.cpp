// SPDX-License-Identifier: MIT
// qonvex-cli: call a Convex function from the shell. The logic lives in clioptions,
// clioutput and clirunner; this file only wires them to the process.

#include "clioptions.h"
#if QONVEX_CLI_HAS_CLERK
#include "clerklogin.h"
#endif
#include "clirunner.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

#include <csignal>
#include <memory>
#include <cstdio>

using namespace qonvex::cli;

namespace {

void printError(const QString &message)
{
    const QByteArray text = message.toLocal8Bit() + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
    std::fflush(stderr);
}

void printResult(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qonvex-cli"));
    // The runner prints function log lines itself (without a category prefix); the library's
    // own copy would duplicate them. QT_LOGGING_RULES still overrides this.
    // --clerk: the app's session classes narrate every state change at info level; a script
    // wants only the result and one clear error. Warnings still show.
    QLoggingCategory::setFilterRules(QStringLiteral("qonvex.convex.server.info=false\n"
                                                    "qonvex.session.info=false\n"
                                                    "qonvex.session.*.info=false\n"
                                                    "qonvex.secrets.info=false\n"
                                                    "qonvex.clerk.*.info=false"));

    EnvironmentDefaults environment;
    environment.convexUrl = qEnvironmentVariable("QONVEX_CONVEX_URL");
    environment.clerkPublishableKey = qEnvironmentVariable("QONVEX_CLERK_PUBLISHABLE_KEY");
    environment.clerkFrontendApi = qEnvironmentVariable("QONVEX_CLERK_FRONTEND_API");
    const ParseOutcome outcome = parseCommandLine(QCoreApplication::arguments(), environment);
    switch (outcome.action) {
    case ParseOutcome::Action::ShowHelp:
    case ParseOutcome::Action::ShowVersion:
        printResult(outcome.text.toLocal8Bit());
        return ExitSuccess;
    case ParseOutcome::Action::Fail:
        printError(QStringLiteral("qonvex-cli: ") + outcome.text);
        return ExitUsage;
    case ParseOutcome::Action::Run:
        break;
    }

    QString token;
    if (!outcome.options.tokenFile.isEmpty()) {
        QFile standardInput;
        standardInput.open(stdin, QIODevice::ReadOnly);
        const convex::Result<QString> read = readToken(outcome.options.tokenFile, &standardInput);
        if (!read.ok()) {
            printError(QStringLiteral("qonvex-cli: ") + read.error());
            return ExitUsage;
        }
        token = read.value();
    }

    std::unique_ptr<Runner> runner;
    SignalWatcher signalWatcher({SIGINT, SIGTERM});
    auto startRunner = [&](const QString &firstToken, Runner::TokenFetcher fetcher) {
        runner = std::make_unique<Runner>(outcome.options, firstToken, Runner::Sinks{printResult, printError});
        if (fetcher)
            runner->setTokenFetcher(std::move(fetcher));
        QObject::connect(&signalWatcher, &SignalWatcher::signalReceived, runner.get(), &Runner::interrupt);
        QObject::connect(runner.get(), &Runner::finished, &app, [](int code) { QCoreApplication::exit(code); });
        runner->start();
    };

#if QONVEX_CLI_HAS_CLERK
    std::unique_ptr<ClerkLogin> clerk;
    if (outcome.options.clerk) {
        clerk = std::make_unique<ClerkLogin>(outcome.options);
        QObject::connect(clerk.get(), &ClerkLogin::failed, &app, [](int code, const QString &message) {
            printError(QStringLiteral("qonvex-cli: ") + message);
            QCoreApplication::exit(code);
        });
        QObject::connect(clerk.get(), &ClerkLogin::ready, &app, [&](const QString &firstToken) {
            startRunner(firstToken, clerk->fetcher());
        });
        // Interrupted while restoring the session: nothing was called yet.
        QObject::connect(&signalWatcher, &SignalWatcher::signalReceived, &app, [&runner](int signalNumber) {
            if (!runner)
                QCoreApplication::exit(128 + signalNumber);
        });
        clerk->start();
        const int code = QCoreApplication::exec();
        runner.reset(); // before the session it fetches tokens from
        return code;
    }
#else
    if (outcome.options.clerk) {
        printError(QStringLiteral("qonvex-cli: this build has no Clerk support (--clerk)"));
        return ExitUsage;
    }
#endif

    startRunner(token, nullptr);
    return QCoreApplication::exec();
}
