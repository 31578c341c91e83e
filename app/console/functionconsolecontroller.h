// SPDX-License-Identifier: MIT
#pragma once

#include <convexclient/functionresult.h>
#include <convexclient/value.h>

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace convex {
class Client;
class QuerySubscription;
}

namespace qonvex::console {

//! \brief The function console's logic: run any Convex function by path with arguments
//! typed as Convex encoded JSON, as a live query, a mutation or an action.
//!
//! Results are shown as encoded JSON (toPrettyJson), so int64 (`{"$integer": …}`) and bytes
//! (`{"$bytes": …}`) appear exactly as they are, never as a lossy double or text. Function
//! errors show the message and, for a ConvexError, its data. Each call keeps the log lines
//! the server returned with it; serverLog() collects every line the client's functions
//! printed (Client::serverLogLine), including the app's own queries.
class FunctionConsoleController : public QObject {
    Q_OBJECT
public:
    enum class Kind : quint8 { Query, Mutation, Action };
    Q_ENUM(Kind)
    enum class Status : quint8 { Idle, Running, Live, Succeeded, Failed };
    Q_ENUM(Status)

    //! The arguments \a text as a Convex object, or why not. Empty text means `{}`.
    struct ParsedArguments {
        std::optional<convex::Value> value;
        QString error;
    };
    static ParsedArguments parseArguments(const QString &text);
    //! Why \a path is not a function path (`module:function`, `dir/module:function` or a
    //! module's default export `module`); empty if it is one.
    static QString pathError(const QString &path);
    //! A result as the console shows it (pretty encoded JSON, error + ConvexError data).
    static QString formatResult(const convex::FunctionResult &result);

    //! \a client must outlive nothing: calls after it is gone fail visibly.
    explicit FunctionConsoleController(convex::Client *client, QObject *parent = nullptr);
    ~FunctionConsoleController() override;

    //! Starts a call; returns an error for an invalid path or arguments, and then sends nothing
    //! but clears the previous call (its result, log and status) so none of it reads as the outcome.
    //! A query stays live (its result updates) until the next run() or stopLiveQuery().
    QString run(Kind kind, const QString &path, const QString &argumentsText);
    void stopLiveQuery();

    Status status() const { return m_status; }
    //! The current call, e.g. "query debug:echo".
    QString callDescription() const { return m_description; }
    //! The current call's result, formatted; empty while running.
    QString resultText() const { return m_resultText; }
    //! The last result of the current call.
    std::optional<convex::FunctionResult> result() const { return m_result; }
    //! Log lines the server returned with the current call's (newest) result.
    QStringList callLogLines() const { return m_callLog; }
    //! How many results the live query delivered so far.
    int liveUpdateCount() const { return m_liveUpdates; }
    //! Every log line of this client's functions, as "functionPath: line", oldest first
    //! (the newest 1000).
    QStringList serverLog() const { return m_serverLog; }

Q_SIGNALS:
    //! status(), resultText() or callLogLines() changed.
    void changed();
    void serverLogLineAdded(const QString &line);

private:
    void setOutcome(const convex::FunctionResult &result, Status status);
    //! Forgets the current call: stops a live query, ignores a pending result.
    void clearCall(Status status);
    void onLiveResult();

    QPointer<convex::Client> m_client;
    QPointer<convex::QuerySubscription> m_live;
    quint64 m_callId = 0;
    Status m_status = Status::Idle;
    QString m_description;
    QString m_resultText;
    std::optional<convex::FunctionResult> m_result;
    QStringList m_callLog;
    QStringList m_serverLog;
    int m_liveUpdates = 0;
};

} // namespace qonvex::console
