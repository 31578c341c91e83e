// SPDX-License-Identifier: MIT
#pragma once

#include <convexclient/value.h>

#include <QStringList>

#include <optional>

namespace convex {

//! \brief The outcome of a query, mutation or action.
//!
//! Three cases that callers must be able to tell apart:
//!  - Success: the function returned value().
//!  - FunctionError: the function ran and threw. errorMessage() is the server's message;
//!    if it threw a `ConvexError`, isConvexError() is true and errorData() is its data.
//!  - ClientError: it is unknown whether or how the function ran, because of the
//!    connection or the client (e.g. "Connection lost while action was in flight",
//!    the client was closed). Never produced by the server.
class FunctionResult {
public:
    enum class Kind : quint8 { Success, FunctionError, ClientError };

    FunctionResult() = default;  //!< success with a null value
    static FunctionResult success(Value value, QStringList logLines = {});
    static FunctionResult functionError(QString message, std::optional<Value> errorData = {},
                                        QStringList logLines = {});
    static FunctionResult clientError(QString message);

    Kind kind() const noexcept { return m_kind; }
    bool isSuccess() const noexcept { return m_kind == Kind::Success; }
    bool isFunctionError() const noexcept { return m_kind == Kind::FunctionError; }
    bool isClientError() const noexcept { return m_kind == Kind::ClientError; }
    bool isConvexError() const noexcept { return m_kind == Kind::FunctionError && m_hasErrorData; }

    const Value &value() const noexcept { return m_value; }       //!< null unless success
    const QString &errorMessage() const noexcept { return m_message; }
    const Value &errorData() const noexcept { return m_errorData; } //!< null unless ConvexError
    const QStringList &logLines() const noexcept { return m_logLines; }

    bool operator==(const FunctionResult &o) const;

private:
    Kind m_kind = Kind::Success;
    bool m_hasErrorData = false;
    Value m_value;
    Value m_errorData;
    QString m_message;
    QStringList m_logLines;
};

} // namespace convex

Q_DECLARE_METATYPE(convex::FunctionResult)
