// SPDX-License-Identifier: MIT
#include "devstackprocess.h"

#include "childoutput.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>

namespace qonvex::test {

QString sourceDir()
{
    const QString env = qEnvironmentVariable("QONVEX_SOURCE_DIR");
    return env.isEmpty() ? QStringLiteral(QONVEX_SOURCE_DIR_DEFAULT) : env;
}

QString artifactsDir()
{
    QString dir = qEnvironmentVariable("QONVEX_ARTIFACTS_DIR");
    if (dir.isEmpty())
        dir = QDir::temp().filePath(QStringLiteral("qonvex-test-artifacts"));
    QDir().mkpath(dir);
    return dir;
}

DevStackProcess::DevStackProcess(const QString &script)
    : m_script(script)
{
    m_process.setProgram(sourceDir() + u'/' + script);
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    // Everything the stand-ins print is recorded for the secrets scan (childoutput.h).
    QObject::connect(&m_process, &QProcess::readyReadStandardError, [this] {
        m_stderr += readStderr(m_process, m_script);
    });
    // stdout after the ready line (start() reads the lines before it itself).
    QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] {
        if (!m_ready.isEmpty())
            readStdout(m_process, m_script);
    });
}

DevStackProcess::~DevStackProcess() { stop(); }

bool DevStackProcess::start(const QStringList &arguments, int timeoutMs)
{
    m_arguments = arguments;
    m_ready = {};
    m_error.clear();
    m_process.setArguments(arguments);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        m_error = m_script + QStringLiteral(" did not start: ") + m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(timeoutMs);
    QByteArray buffered;
    while (!deadline.hasExpired()) {
        if (!m_process.canReadLine() && !m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process.state() == QProcess::NotRunning)
                break;
            continue;
        }
        while (m_process.canReadLine()) {
            const QByteArray raw = m_process.readLine();
            recordChildOutput(m_process, raw, {}, m_script);
            const QByteArray line = raw.trimmed();
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
            if (err.error == QJsonParseError::NoError && doc.isObject()
                && doc.object().contains(QStringLiteral("convexUrl"))) {
                m_ready = doc.object();
                readStdout(m_process, m_script);
                return true;
            }
            buffered += line + '\n';
        }
    }
    m_error = QStringLiteral("%1 was not ready within %2 ms; stdout: %3; stderr: %4")
                  .arg(m_script)
                  .arg(timeoutMs)
                  .arg(QString::fromUtf8(buffered), QString::fromUtf8(m_stderr));
    stop();
    return false;
}

void DevStackProcess::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    m_stderr += readStderr(m_process, m_script);
    recordRemainingOutput(m_process, m_script);
}

bool DevStackProcess::restart(int timeoutMs)
{
    stop();
    return start(m_arguments, timeoutMs);
}

QUrl DevStackProcess::convexUrl() const { return QUrl(m_ready.value(QStringLiteral("convexUrl")).toString()); }
QUrl DevStackProcess::clerkFrontendApi() const { return QUrl(m_ready.value(QStringLiteral("clerkFrontendApi")).toString()); }
QString DevStackProcess::clerkPublishableKey() const { return m_ready.value(QStringLiteral("clerkPublishableKey")).toString(); }
QUrl DevStackProcess::accountsUrl() const { return QUrl(m_ready.value(QStringLiteral("accountsUrl")).toString()); }
QByteArray DevStackProcess::stderrOutput() const { return m_stderr; }

QJsonObject DevStackProcess::control(const QString &path, const QJsonObject &body, bool onConvex,
                                     QString *error) const
{
    QUrl url = onConvex ? convexUrl() : clerkFrontendApi();
    url.setPath(path);
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    QJsonObject result;
    if (!reply->isFinished()) {
        reply->abort();
        if (error)
            *error = QStringLiteral("devstack control %1 timed out").arg(path);
    } else {
        const QByteArray data = reply->readAll();
        result = QJsonDocument::fromJson(data).object();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (error && (status < 200 || status > 299))
            *error = QStringLiteral("devstack control %1 answered %2: %3").arg(path).arg(status).arg(QString::fromUtf8(data));
    }
    reply->deleteLater();
    return result;
}

} // namespace qonvex::test
