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

namespace convex {
class HttpClient;
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
    //! Print a result (and its log lines); returns the exit code it stands for.
    int report(const convex::FunctionResult &result);
    void fail(int exitCode, const QString &message);
    void finish(int exitCode);

    Options m_options;
    QString m_token;
    Sinks m_sinks;
    QTimer m_deadline;
    int m_linesPrinted = 0;
    int m_lastExitCode = ExitSuccess;
    bool m_finished = false;
    QPointer<convex::HttpClient> m_http;
};

} // namespace qonvex::cli
