// SPDX-License-Identifier: MIT
#include "convexstandin.h"

#include "devstackprocess.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

#include <csignal>
#include <sys/prctl.h>

namespace qonvex::test {

ConvexStandin::ConvexStandin()
{
    m_process.setProgram(sourceDir() + QStringLiteral("/devstack/convex/run"));
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    QObject::connect(&m_process, &QProcess::readyReadStandardError, [this] { m_stderr += m_process.readAllStandardError(); });
}

ConvexStandin::~ConvexStandin() { stop(); }

bool ConvexStandin::start(const QUrl &issuer, const QString &dataFile, int timeoutMs)
{
    // A port the OS just handed out is free; it stays ours across restarts so the app's
    // deployment URL does not change.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        m_error = QStringLiteral("no free port");
        return false;
    }
    const quint16 port = probe.serverPort();
    probe.close();
    m_arguments = {QStringLiteral("--port"), QString::number(port), QStringLiteral("--data"), dataFile,
                   QStringLiteral("--issuer"), issuer.toString()};
    return launch(timeoutMs);
}

bool ConvexStandin::restart(int timeoutMs)
{
    stop();
    return launch(timeoutMs);
}

bool ConvexStandin::launch(int timeoutMs)
{
    m_error.clear();
    m_process.setArguments(m_arguments);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        m_error = m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (!m_process.canReadLine() && !m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            if (m_process.state() == QProcess::NotRunning)
                break;
            continue;
        }
        while (m_process.canReadLine()) {
            const QJsonObject ready = QJsonDocument::fromJson(m_process.readLine().trimmed()).object();
            if (ready.contains(QStringLiteral("convexUrl"))) {
                m_url = QUrl(ready.value(QStringLiteral("convexUrl")).toString());
                return true;
            }
        }
    }
    m_error = QStringLiteral("the Convex stand-in did not start: %1").arg(QString::fromUtf8(m_stderr.right(2000)));
    stop();
    return false;
}

void ConvexStandin::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

} // namespace qonvex::test
