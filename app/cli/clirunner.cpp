// SPDX-License-Identifier: MIT
#include "clirunner.h"
#include "clioutput.h"

#include <convexclient/httpclient.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCli, "qonvex.cli", QtWarningMsg)

namespace qonvex::cli {

Runner::Runner(Options options, QString token, Sinks sinks, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_token(std::move(token)), m_sinks(std::move(sinks))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(ExitConnection, QStringLiteral("No result from %1 within %2 s (cannot connect or not authenticated)")
                                 .arg(m_options.url.toDisplayString(QUrl::RemoveUserInfo))
                                 .arg(double(m_options.timeout.count()) / 1000.0));
    });
}

Runner::~Runner() = default;

void Runner::start()
{
    // Always start from the event loop so that finished() never fires inside start().
    QMetaObject::invokeMethod(this, [this] {
        if (m_options.http)
            runHttp();
        else
            runWebSocket();
    }, Qt::QueuedConnection);
}

void Runner::interrupt(int signalNumber)
{
    if (m_finished)
        return;
    qCInfo(lcCli) << "interrupted by signal" << signalNumber;
    if (m_options.command == Command::Watch)
        finish(m_lastExitCode);
    else
        finish(128 + signalNumber);
}

void Runner::runHttp()
{
    auto *client = new convex::HttpClient(m_options.url, this);
    m_http = client;
    client->setTimeout(m_options.timeout);
    convex::HttpClient::FunctionKind kind = convex::HttpClient::FunctionKind::Query;
    if (m_options.command == Command::Mutation)
        kind = convex::HttpClient::FunctionKind::Mutation;
    else if (m_options.command == Command::Action)
        kind = convex::HttpClient::FunctionKind::Action;
    client->call(kind, m_options.function, m_options.args, m_token)
        .then(this, [this](const convex::HttpClient::Response &response) {
            if (m_finished)
                return;
            if (response.failure == convex::HttpClient::Failure::None) {
                finish(report(response.result));
                return;
            }
            fail(exitCodeOfHttpFailure(response), response.result.errorMessage());
        });
}

void Runner::runWebSocket()
{
    fail(ExitUsage, QStringLiteral("The WebSocket client is not available in this build; use --http"));
}

int Runner::report(const convex::FunctionResult &result)
{
    for (const QString &line : result.logLines())
        m_sinks.diagnostic(logLine(m_options.command, m_options.function, line));
    const convex::Result<QByteArray> line = resultLine(result);
    if (!line.ok()) {
        m_sinks.diagnostic(QStringLiteral("qonvex-cli: ") + line.error());
        return exitCodeOf(result) == ExitSuccess ? int(ExitConnection) : int(exitCodeOf(result));
    }
    m_sinks.result(line.value());
    ++m_linesPrinted;
    m_lastExitCode = exitCodeOf(result);
    return m_lastExitCode;
}

void Runner::fail(int exitCode, const QString &message)
{
    if (m_finished)
        return;
    m_sinks.diagnostic(QStringLiteral("qonvex-cli: ") + message);
    finish(exitCode);
}

void Runner::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    QMetaObject::invokeMethod(this, [this, exitCode] { Q_EMIT finished(exitCode); }, Qt::QueuedConnection);
}

} // namespace qonvex::cli
