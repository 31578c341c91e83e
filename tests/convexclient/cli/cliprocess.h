// SPDX-License-Identifier: MIT
#pragma once
// Runs the real qonvex-cli binary for the process tests and collects what it printed.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace qonvex::test {

struct CliRun {
    int exitCode = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
    QList<QByteArray> lines() const;  //!< stdout split into lines, without the '\n'
};

//! Path of the qonvex-cli binary (baked in at build time).
QString cliPath();

//! Start qonvex-cli with \a arguments; QONVEX_CONVEX_URL is removed from the environment unless
//! \a environmentUrl is given. Does not wait.
void startCli(QProcess &process, const QStringList &arguments, const QString &environmentUrl = {});

//! Collect the result of a started process; waits for it to end while running the event
//! loop (so in-process servers keep answering), up to \a timeoutMs.
CliRun finishCli(QProcess &process, const QByteArray &standardInput = {}, int timeoutMs = 60000);

//! startCli + finishCli.
CliRun runCli(const QStringList &arguments, const QByteArray &standardInput = {},
              const QString &environmentUrl = {});

} // namespace qonvex::test
