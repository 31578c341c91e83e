// SPDX-License-Identifier: MIT
#pragma once
// Output of child processes (qonvex-cli, the app, the devstack, helpers) that a test reads into
// memory instead of printing never reaches the test's captured stdout/stderr. Under the
// secrets scan (tests/secrets/run-captured.sh sets QONVEX_SECRETS_CHILD_DIR) these helpers
// append every byte a test reads from a child to a file in that folder, where scan_secrets.py
// looks for issued tokens. Outside the scan they only read.

#include <QByteArray>
#include <QProcess>
#include <QString>

namespace qonvex::test {

//! The variable run-captured.sh sets to the test's child-output folder.
inline constexpr char kSecretsChildDirVariable[] = "QONVEX_SECRETS_CHILD_DIR";

//! Appends \a out to `<dir>/<name>.stdout` and \a err to `<dir>/<name>.stderr` when
//! QONVEX_SECRETS_CHILD_DIR is set; does nothing otherwise. Bytes are written as they are, so
//! a token split over two reads is still contiguous in the file.
void recordChildOutput(const QString &name, const QByteArray &out, const QByteArray &err = {});

//! As above for bytes read from \a process: each QProcess object gets files of its own
//! (`<name>-<n>`), so two children running at once never interleave. \a name defaults to the
//! program's file name.
void recordChildOutput(QProcess &process, const QByteArray &out, const QByteArray &err,
                       const QString &name = {});

//! `process.readAllStandardOutput()` (with MergedChannels: everything), recorded.
QByteArray readStdout(QProcess &process, const QString &name = {});
//! `process.readAllStandardError()`, recorded.
QByteArray readStderr(QProcess &process, const QString &name = {});
//! Records whatever \a process left unread on both channels (for a child whose output the test
//! does not need); call once it ended.
void recordRemainingOutput(QProcess &process, const QString &name = {});

} // namespace qonvex::test
