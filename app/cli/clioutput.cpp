// SPDX-License-Identifier: MIT
#include "clioutput.h"

namespace qonvex::cli {

convex::Result<QByteArray> resultLine(const convex::FunctionResult &result)
{
    using convex::Result;
    using convex::Value;
    if (result.isSuccess()) {
        Result<QByteArray> value = result.value().toJson();
        if (!value.ok())
            return Result<QByteArray>::failure(QStringLiteral("Cannot encode the result: ") + value.error());
        return QByteArray("{\"value\":" + value.value() + "}\n");
    }
    if (result.isFunctionError()) {
        Result<QByteArray> message = Value(result.errorMessage()).toJson();
        if (!message.ok())
            return Result<QByteArray>::failure(QStringLiteral("Cannot encode the error: ") + message.error());
        QByteArray line = "{\"error\":" + message.value();
        if (result.isConvexError()) {
            Result<QByteArray> data = result.errorData().toJson();
            if (!data.ok())
                return Result<QByteArray>::failure(QStringLiteral("Cannot encode the error data: ") + data.error());
            line += ",\"data\":" + data.value();
        }
        return QByteArray(line + "}\n");
    }
    return Result<QByteArray>::failure(result.errorMessage());
}

ExitCode exitCodeOf(const convex::FunctionResult &result)
{
    switch (result.kind()) {
    case convex::FunctionResult::Kind::Success: return ExitSuccess;
    case convex::FunctionResult::Kind::FunctionError: return ExitFunctionError;
    case convex::FunctionResult::Kind::ClientError: return ExitConnection;
    }
    return ExitConnection;
}

ExitCode exitCodeOfHttpFailure(const convex::HttpClient::Response &response)
{
    using Failure = convex::HttpClient::Failure;
    switch (response.failure) {
    case Failure::None:
        return exitCodeOf(response.result);
    case Failure::InvalidRequest:
        return ExitUsage;
    case Failure::HttpStatus:
        if (response.httpStatus == 401 || response.httpStatus == 403)
            return ExitConnection;
        // Other 4xx: the server refused the request itself (bad function path, bad
        // arguments shape); 3xx: the URL points somewhere else. Both are configuration.
        if (response.httpStatus >= 300 && response.httpStatus <= 499)
            return ExitUsage;
        return ExitConnection;
    case Failure::Network:
    case Failure::Timeout:
    case Failure::InvalidResponse:
    case Failure::Cancelled:
        return ExitConnection;
    }
    return ExitConnection;
}

QString logLine(Command command, const QString &function, const QString &line)
{
    QChar letter = u'Q';
    if (command == Command::Mutation)
        letter = u'M';
    else if (command == Command::Action)
        letter = u'A';
    return QStringLiteral("[CONVEX %1(%2)] %3").arg(letter).arg(function, line);
}

} // namespace qonvex::cli
