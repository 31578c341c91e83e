// SPDX-License-Identifier: MIT
#pragma once
// Runs one qonvex-cli command to its end: calls the function (HTTP API or WebSocket client),
// prints result lines and diagnostics through the given sinks, and reports the exit code.

#include "clioptions.h"

#include <convexclient/functionresult.h>

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace convex {
class Client;
class HttpClient;
class QuerySubscription;
}

namespace qonvex::cli {

class Runner : public QObject {
    Q_OBJECT
public:
    //! Where output goes. \a result gets whole lines (with '\n'); it must flush at once.
    struct Sinks {
        std::function<void(const QByteArray &line)> result;
        std::function<void(const QString &message)> diagnostic;
    };

    //! \a token may be empty (no authentication).
    Runner(Options options, QString token, Sinks sinks, QObject *parent = nullptr);
    ~Runner() override;

    //! Where fresh tokens come from (--clerk): called with forceRefresh, answers a JWT or
    //! nullopt. Without it the token given to the constructor is used until refused.
    using TokenFetcher = std::function<void(bool forceRefresh, std::function<void(std::optional<QString>)> done)>;
    //! Call before start(); the constructor's \a token must then be a first token from it.
    void setTokenFetcher(TokenFetcher fetcher) { m_tokenFetcher = std::move(fetcher); }

    //! Start the command; finished() follows exactly once, always from the event loop.
    void start();
    //! SIGINT/SIGTERM: end cleanly. A watch ends with the exit code of its last line (0 if
    //! none); an unfinished one-shot call ends with 128 + \a signalNumber.
    void interrupt(int signalNumber);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void runHttp();
    void runWebSocket();
    //! WebSocket mode: a query result or a request's outcome arrived.
    void deliver(const convex::FunctionResult &result);
    void onAuthenticationChanged(bool authenticated);
    //! WebSocket mode: run the --timeout deadline while not connected (and authenticated).
    void updateDeadline();
    //! The token fetcher given to convex::Client (one fixed token, nothing to refresh).
    void fetchToken(bool forceRefresh, const std::function<void(std::optional<QString>)> &done);
    QString deadlineMessage() const;
    //! Print a result (and, if \a withLogLines, its log lines); returns its exit code.
    int report(const convex::FunctionResult &result, bool withLogLines);
    void fail(int exitCode, const QString &message);
    void finish(int exitCode);

    Options m_options;
    QString m_token;
    TokenFetcher m_tokenFetcher;
    Sinks m_sinks;
    QTimer m_deadline;
    int m_linesPrinted = 0;
    int m_lastExitCode = ExitSuccess;
    bool m_finished = false;
    QPointer<convex::HttpClient> m_http;
    QPointer<convex::Client> m_client;
    QPointer<convex::QuerySubscription> m_subscription;
    bool m_authConfirmed = false;
    //! A result that came before the server confirmed the token (printed once it does).
    std::optional<convex::FunctionResult> m_held;
};

} // namespace qonvex::cli
