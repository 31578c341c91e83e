// SPDX-License-Identifier: MIT
#include "clirunner.h"
#include "clioutput.h"

#include <convexclient/client.h>
#include <convexclient/httpclient.h>
#include <convexclient/querysubscription.h>

#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcCli, "qonvex.cli", QtWarningMsg)

namespace qonvex::cli {

Runner::Runner(Options options, QString token, Sinks sinks, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_token(std::move(token)), m_sinks(std::move(sinks))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { fail(ExitConnection, deadlineMessage()); });
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
    // Not then(this, ...) here or below: Qt 6.4 asserts that the context is alive when the
    // future resolves, and the client (our child) cancels a pending call as the runner goes.
    client->call(kind, m_options.function, m_options.args, m_token)
        .then([self = QPointer<Runner>(this)](const convex::HttpClient::Response &response) {
            if (!self || self->m_finished)
                return;
            if (response.failure == convex::HttpClient::Failure::None) {
                self->finish(self->report(response.result, true));
                return;
            }
            self->fail(exitCodeOfHttpFailure(response), response.result.errorMessage());
        });
}

void Runner::runWebSocket()
{
    convex::Client::Options clientOptions;
    // A token from a file cannot be refreshed: keep using it until it expires instead of
    // asking for a fresh one right after the server accepted it.
    clientOptions.initialAuthTokenReuse = true;
    auto *client = new convex::Client(m_options.url, clientOptions, this);
    m_client = client;
    if (!client->isValid()) {
        fail(ExitUsage, client->configurationError());
        return;
    }
    connect(client, &convex::Client::serverLogLine, this, [this](const QString &path, const QString &line) {
        m_sinks.diagnostic(logLine(m_options.command, path, line));
    });
    connect(client, &convex::Client::serverDisconnectError, this, [this](const QString &message) {
        m_sinks.diagnostic(QStringLiteral("qonvex-cli: the server closed the connection (%1); reconnecting").arg(message));
    });
    connect(client, &convex::Client::terminated, this, [this](const QString &error) {
        fail(ExitConnection, QStringLiteral("The server ended the connection: ") + error);
    });
    if (!m_token.isEmpty()) {
        connect(client, &convex::Client::authenticationChanged, this, &Runner::onAuthenticationChanged);
        QPointer<Runner> self(this);
        client->setAuth([self](bool forceRefresh, std::function<void(std::optional<QString>)> done) {
            if (self)
                self->fetchToken(forceRefresh, done);
            else
                done(std::nullopt);
        });
    }
    connect(client, &convex::Client::connectionStateChanged, this, &Runner::updateDeadline);
    updateDeadline();

    const convex::Value args(m_options.args);
    switch (m_options.command) {
    case Command::Query:
    case Command::Watch: {
        m_subscription = client->subscribe(m_options.function, args, this);
        const std::optional<convex::FunctionResult> first = m_subscription->result();
        if (first && first->isClientError()) {
            // Rejected before anything was sent: a malformed function name or arguments.
            fail(ExitUsage, first->errorMessage());
            return;
        }
        connect(m_subscription, &convex::QuerySubscription::resultChanged, this, [this] {
            if (m_subscription && m_subscription->result())
                deliver(*m_subscription->result());
        });
        break;
    }
    case Command::Mutation:
    case Command::Action: {
        QFuture<convex::FunctionResult> request = m_options.command == Command::Mutation
            ? client->mutation(m_options.function, args)
            : client->action(m_options.function, args);
        request.then([self = QPointer<Runner>(this)](const convex::FunctionResult &r) {
            if (self)
                self->deliver(r);
        });
        break;
    }
    }
}

void Runner::fetchToken(bool forceRefresh, const std::function<void(std::optional<QString>)> &done)
{
    // With initialAuthTokenReuse the client asks for a forced refresh only when the server
    // rejected the token, or shortly before a confirmed token expires.
    if (forceRefresh && !m_authConfirmed) {
        fail(ExitConnection, QStringLiteral("Authentication rejected: the server did not accept the token"));
        done(std::nullopt);
        return;
    }
    if (m_tokenFetcher) {
        // Clerk tokens live about a minute: a watch asks for a fresh one before expiry.
        m_tokenFetcher(forceRefresh, done);
        return;
    }
    done(m_token);  // the same token: the client keeps it until the server refuses it
}

void Runner::updateDeadline()
{
    if (m_finished || !m_client)
        return;
    // --timeout bounds connecting and authenticating, not how long a function may run: the
    // deadline runs only while the client is not ready and nothing has been printed yet.
    const bool ready = m_client->connectionState().connected && (m_token.isEmpty() || m_authConfirmed);
    if (ready || m_linesPrinted > 0)
        m_deadline.stop();
    else if (!m_deadline.isActive())
        m_deadline.start(m_options.timeout);
}

void Runner::onAuthenticationChanged(bool authenticated)
{
    if (authenticated) {
        m_authConfirmed = true;
        updateDeadline();
        if (std::optional<convex::FunctionResult> held = std::exchange(m_held, std::nullopt))
            deliver(*held);
        return;
    }
    if (m_authConfirmed)
        fail(ExitConnection, QStringLiteral("Authentication lost: the server no longer accepts the token "
                                            "(expired or revoked)"));
}

void Runner::deliver(const convex::FunctionResult &result)
{
    if (m_finished)
        return;
    if (result.isClientError()) {
        // The client refuses a malformed function name or arguments before it has sent
        // anything (right after the call); later client errors are about the connection
        // ("Connection lost while action was in flight", closed).
        const bool refusedInput = m_client && !m_client->connectionState().hasEverConnected;
        fail(refusedInput ? ExitUsage : ExitConnection, result.errorMessage());
        return;
    }
    // Never print a result computed without the identity the user asked for.
    if (!m_token.isEmpty() && !m_authConfirmed) {
        m_held = result;
        return;
    }
    m_deadline.stop();
    const int code = report(result, /*withLogLines=*/false);  // logs come via serverLogLine
    if (m_options.command != Command::Watch || (m_options.count > 0 && m_linesPrinted >= m_options.count))
        finish(code);
}

QString Runner::deadlineMessage() const
{
    const QString seconds = QString::number(double(m_options.timeout.count()) / 1000.0);
    const QString url = m_options.url.toDisplayString(QUrl::RemoveUserInfo);
    if (m_client && !m_client->connectionState().hasEverConnected)
        return QStringLiteral("Cannot connect to %1 within %2 s").arg(url, seconds);
    if (m_client && !m_token.isEmpty() && !m_authConfirmed)
        return QStringLiteral("The server did not accept the token within %1 s").arg(seconds);
    return QStringLiteral("No result from %1 within %2 s").arg(url, seconds);
}

int Runner::report(const convex::FunctionResult &result, bool withLogLines)
{
    if (withLogLines) {
        for (const QString &line : result.logLines())
            m_sinks.diagnostic(logLine(m_options.command, m_options.function, line));
    }
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
