// SPDX-License-Identifier: MIT
#pragma once
// The Convex stand-in alone (`devstack/convex/run`), on a fixed port with a data file, so an
// e2e test can stop and restart the backend while the Clerk stand-in keeps its sessions.

#include <QProcess>
#include <QUrl>

namespace qonvex::test {

class ConvexStandin {
public:
    ConvexStandin();
    ~ConvexStandin();

    //! Starts on a free loopback port (kept for restarts) trusting \a issuer, storing data in
    //! \a dataFile. False and error() on failure.
    bool start(const QUrl &issuer, const QString &dataFile, int timeoutMs = 20000);
    bool restart(int timeoutMs = 20000);
    void stop();

    QUrl url() const { return m_url; }
    QString error() const { return m_error; }

private:
    bool launch(int timeoutMs);

    QProcess m_process;
    QStringList m_arguments;
    QUrl m_url;
    QString m_error;
    QByteArray m_stderr;
};

} // namespace qonvex::test
