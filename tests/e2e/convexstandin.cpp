// SPDX-License-Identifier: MIT
#include "convexstandin.h"

#include <QTcpServer>

namespace qonvex::test {

bool ConvexStandin::start(const QUrl &issuer, const QString &dataFile, int timeoutMs)
{
    m_error.clear();
    // A port the OS just handed out is free; it stays ours across restarts so the app's
    // deployment URL does not change.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        m_error = QStringLiteral("no free port for the Convex stand-in");
        return false;
    }
    const quint16 port = probe.serverPort();
    probe.close();
    if (!m_process.start({QStringLiteral("--port"), QString::number(port), QStringLiteral("--data"), dataFile,
                          QStringLiteral("--issuer"), issuer.toString()},
                         timeoutMs)) {
        return false;
    }
    m_url = m_process.convexUrl();
    return true;
}

} // namespace qonvex::test
