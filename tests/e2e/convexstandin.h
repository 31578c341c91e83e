// SPDX-License-Identifier: MIT
#pragma once
// The Convex stand-in alone (`devstack/convex/run`), on a fixed port with a data file, so an
// e2e test can stop and restart the backend while the Clerk stand-in keeps its sessions.

#include "devstackprocess.h"

#include <QUrl>

namespace qonvex::test {

class ConvexStandin {
public:
    //! Starts on a free loopback port (kept for restarts) trusting \a issuer, storing data in
    //! \a dataFile. False and error() on failure.
    bool start(const QUrl &issuer, const QString &dataFile, int timeoutMs = 20000);
    //! Same port and data file as the last start().
    bool restart(int timeoutMs = 20000) { return m_process.restart(timeoutMs); }
    void stop() { m_process.stop(); }

    //! Stays valid while stopped: a restart keeps the port.
    QUrl url() const { return m_url; }
    QString error() const { return m_error.isEmpty() ? m_process.error() : m_error; }

private:
    // It prints the same ready line as devstack/run, so the shared launcher reads it.
    DevStackProcess m_process{QStringLiteral("devstack/convex/run")};
    QUrl m_url;
    QString m_error;
};

} // namespace qonvex::test
