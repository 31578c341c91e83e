// SPDX-License-Identifier: MIT
#pragma once
// Starts `devstack/run` as a real child process for integration tests and reads the one
// JSON line it prints when both stand-ins are ready. The child dies with the test
// (PR_SET_PDEATHSIG), so a crashed test never leaves a server behind.

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace qonvex::test {

class DevStackProcess {
public:
    //! \a script: the launcher, relative to the source dir. `devstack/convex/run` (the Convex
    //! stand-in alone) prints the same ready line.
    explicit DevStackProcess(const QString &script = QStringLiteral("devstack/run"));
    ~DevStackProcess();

    //! Start with extra arguments (e.g. {"--data", file}); waits up to \a timeoutMs for the
    //! ready line. Returns false and fills error() on failure.
    bool start(const QStringList &arguments = {}, int timeoutMs = 20000);
    //! SIGTERM, wait for exit.
    void stop();
    //! stop() then start() with the same arguments (data file keeps the data).
    bool restart(int timeoutMs = 20000);

    QUrl convexUrl() const;
    QUrl clerkFrontendApi() const;
    QString clerkPublishableKey() const;
    QUrl accountsUrl() const;
    //! The whole ready line, for fields added later.
    QJsonObject ready() const { return m_ready; }
    QString error() const { return m_error; }
    //! What the stand-ins wrote to stderr so far (for failure messages).
    QByteArray stderrOutput() const;

    //! POST JSON to a devstack test control (`/__devstack/...` on the Clerk stand-in, or
    //! on the Convex stand-in with \a onConvex). Blocking, with a 10 s timeout.
    //! Returns the parsed reply; fills \a error on non-2xx.
    QJsonObject control(const QString &path, const QJsonObject &body = {}, bool onConvex = false,
                        QString *error = nullptr) const;

private:
    QProcess m_process;
    QString m_script;
    QStringList m_arguments;
    QJsonObject m_ready;
    QString m_error;
    QByteArray m_stderr;
};

//! The repository root (env QONVEX_SOURCE_DIR, else the configure-time path).
QString sourceDir();
//! Where tests put screenshots and logs (env QONVEX_ARTIFACTS_DIR); created on demand.
QString artifactsDir();

} // namespace qonvex::test
