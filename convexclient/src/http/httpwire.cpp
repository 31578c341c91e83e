// SPDX-License-Identifier: MIT
#include "http/httpwire.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace convex::http {

namespace {

// The custom status the Convex backend uses for "the function failed"; its body is an
// ordinary function result (JS: STATUS_CODE_UDF_FAILED).
constexpr int StatusUdfFailed = 560;

HttpClient::Response clientFailure(HttpClient::Failure failure, int status, QString message,
                                   QString code = {})
{
    HttpClient::Response r;
    r.result = FunctionResult::clientError(std::move(message));
    r.failure = failure;
    r.httpStatus = status;
    r.errorCode = std::move(code);
    return r;
}

HttpClient::Response invalidResponse(int status, const QString &what)
{
    return clientFailure(HttpClient::Failure::InvalidResponse, status,
                         QStringLiteral("Invalid response from the Convex server (HTTP %1): %2")
                             .arg(status)
                             .arg(what));
}

// logLines must be an array of strings; anything else is dropped rather than failing the call,
// because the logs are a diagnostic side channel.
QStringList logLinesOf(const ValueObject &object)
{
    QStringList lines;
    const auto it = object.constFind(QStringLiteral("logLines"));
    if (it == object.cend() || !it->isArray())
        return lines;
    for (const Value &line : it->toArray()) {
        if (line.isString())
            lines.append(line.toString());
    }
    return lines;
}

HttpClient::Response decodeFunctionResult(int status, const QByteArray &body)
{
    Result<Value> parsed = Value::fromJson(body);
    // The parser's message is not forwarded: it may quote parts of the body.
    if (!parsed.ok())
        return invalidResponse(status, QStringLiteral("the body is not valid Convex JSON"));
    if (!parsed->isObject())
        return invalidResponse(status, QStringLiteral("the body is not a JSON object"));
    const ValueObject object = parsed->toObject();
    const Value kind = object.value(QStringLiteral("status"));
    HttpClient::Response r;
    r.httpStatus = status;
    if (kind == Value(u"success")) {
        const auto value = object.constFind(QStringLiteral("value"));
        if (value == object.cend())
            return invalidResponse(status, QStringLiteral("a success without a value"));
        r.result = FunctionResult::success(*value, logLinesOf(object));
        return r;
    }
    if (kind == Value(u"error")) {
        const Value message = object.value(QStringLiteral("errorMessage"));
        if (!message.isString())
            return invalidResponse(status, QStringLiteral("an error without an errorMessage"));
        std::optional<Value> data;
        // errorData present (even null) means the function threw a ConvexError.
        if (const auto it = object.constFind(QStringLiteral("errorData")); it != object.cend())
            data = *it;
        r.result = FunctionResult::functionError(message.toString(), std::move(data),
                                                 logLinesOf(object));
        return r;
    }
    return invalidResponse(status, QStringLiteral("unknown status"));
}

} // namespace

Result<QByteArray> encodeRequestBody(const QString &path, const ValueObject &args)
{
    Result<QByteArray> encodedArgs = Value(args).toJson();
    if (!encodedArgs.ok())
        return Result<QByteArray>::failure(QStringLiteral("Invalid arguments: ") + encodedArgs.error());
    Result<QByteArray> encodedPath = Value(path).toJson();
    if (!encodedPath.ok())
        return Result<QByteArray>::failure(QStringLiteral("Invalid function path: ") + encodedPath.error());
    return QByteArray("{\"path\":" + encodedPath.value() + ",\"args\":[" + encodedArgs.value()
                      + "],\"format\":\"convex_encoded_json\"}");
}

QString endpointPath(HttpClient::FunctionKind kind)
{
    switch (kind) {
    case HttpClient::FunctionKind::Query:
        return QStringLiteral("/api/query");
    case HttpClient::FunctionKind::Mutation:
        return QStringLiteral("/api/mutation");
    case HttpClient::FunctionKind::Action:
        return QStringLiteral("/api/action");
    }
    Q_UNREACHABLE();
}

HttpClient::Response decodeResponse(int httpStatus, const QByteArray &body, const QString &reasonPhrase)
{
    if ((httpStatus >= 200 && httpStatus <= 299) || httpStatus == StatusUdfFailed)
        return decodeFunctionResult(httpStatus, body);

    // Request-level failure: {"code": "<ShortCode>", "message": "…"} (§11).
    const QJsonObject error = QJsonDocument::fromJson(body).object();
    const QString code = error.value(QStringLiteral("code")).toString();
    const QString message = error.value(QStringLiteral("message")).toString();
    QString text = QStringLiteral("HTTP %1").arg(httpStatus);
    if (!code.isEmpty())
        text += u' ' + code;
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    else if (code.isEmpty() && !reasonPhrase.isEmpty())
        text += u' ' + reasonPhrase;
    return clientFailure(HttpClient::Failure::HttpStatus, httpStatus, text, code);
}

} // namespace convex::http
