// SPDX-License-Identifier: MIT
// qonvex-cli: call a Convex function from the shell. The logic lives in clioptions,
// clioutput and clirunner; this file only wires them to the process.

#include "clioptions.h"
#include "clirunner.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

#include <csignal>
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
    QLoggingCategory::setFilterRules(QStringLiteral("qonvex.convex.server.info=false"));

    const ParseOutcome outcome = parseCommandLine(QCoreApplication::arguments(),
                                                  qEnvironmentVariable("QONVEX_CONVEX_URL"));
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

    Runner runner(outcome.options, token, {printResult, printError});
    SignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &SignalWatcher::signalReceived, &runner, &Runner::interrupt);
    QObject::connect(&runner, &Runner::finished, &app, [](int code) { QCoreApplication::exit(code); });
    runner.start();
    return QCoreApplication::exec();
}
