// SPDX-License-Identifier: MIT
#include "cliprocess.h"

#include "childoutput.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace qonvex::test {

QList<QByteArray> CliRun::lines() const
{
    QList<QByteArray> result = out.split('\n');
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

QString cliPath() { return QStringLiteral(QONVEX_CLI_PATH); }

void startCli(QProcess &process, const QStringList &arguments, const QString &environmentUrl)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QONVEX_CONVEX_URL"));
    if (!environmentUrl.isEmpty())
        env.insert(QStringLiteral("QONVEX_CONVEX_URL"), environmentUrl);
    process.setProcessEnvironment(env);
    process.setProgram(cliPath());
    process.setArguments(arguments);
    process.start();
}

CliRun finishCli(QProcess &process, const QByteArray &standardInput, int timeoutMs)
{
    CliRun run;
    // The process may have run to its end already (e.g. a watch with --count while the test
    // ran another command); only a process that never started is an error here.
    if (process.state() == QProcess::Starting)
        process.waitForStarted(10000);
    if (process.error() == QProcess::FailedToStart) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    if (!standardInput.isEmpty())
        process.write(standardInput);
    process.closeWriteChannel();
    if (process.state() != QProcess::NotRunning) {
        QEventLoop loop;
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        run.crashed = true;
    }
    // Recorded for the secrets scan: qonvex-cli runs with every logging category at debug there.
    run.out = readStdout(process);
    run.err = readStderr(process);
    run.crashed = run.crashed || process.exitStatus() != QProcess::NormalExit;
    run.exitCode = process.exitCode();
    return run;
}

CliRun runCli(const QStringList &arguments, const QByteArray &standardInput, const QString &environmentUrl)
{
    QProcess process;
    startCli(process, arguments, environmentUrl);
    return finishCli(process, standardInput);
}

} // namespace qonvex::test
