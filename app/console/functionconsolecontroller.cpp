// SPDX-License-Identifier: MIT
#include "console/functionconsolecontroller.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>

#include <algorithm>
#include <cctype>

Q_LOGGING_CATEGORY(lcConsole, "qonvex.console")

namespace qonvex::console {

using convex::FunctionResult;
using convex::Value;

namespace {
constexpr qsizetype kMaxServerLogLines = 1000;

// Qt's own texts describe the parser's state, not the user's mistake ("object is missing after
// a comma" for `{"a": }`, "invalid termination by number" for `{"a": 1`): say what to fix.
QString describeSyntaxError(const QJsonParseError &error, const QByteArray &utf8)
{
    switch (error.error) {
    case QJsonParseError::IllegalNumber: {
        // A bare word (`{"name": bob}`) reaches the number parser; name the word.
        qsizetype end = error.offset;
        while (end < utf8.size() && (std::isalnum(static_cast<unsigned char>(utf8.at(end))) || utf8.at(end) == '_'))
            ++end;
        const QString word = QString::fromUtf8(utf8.mid(error.offset, end - error.offset));
        if (!word.isEmpty() && !word.front().isDigit())
            return FunctionConsoleController::tr("unexpected '%1' — strings need double quotes").arg(word);
        return FunctionConsoleController::tr("a number is not written correctly");
    }
    case QJsonParseError::UnterminatedObject:
        return FunctionConsoleController::tr("an object is not closed with }, or a field name is not in double quotes");
    case QJsonParseError::MissingNameSeparator:
        return FunctionConsoleController::tr("a ':' is missing after a field name");
    case QJsonParseError::UnterminatedArray:
        return FunctionConsoleController::tr("an array is not closed with ]");
    case QJsonParseError::MissingValueSeparator:
        return FunctionConsoleController::tr("a ',' is missing between two values");
    case QJsonParseError::MissingObject:
        return FunctionConsoleController::tr("a value is missing");
    case QJsonParseError::TerminationByNumber:
        return FunctionConsoleController::tr("the text ends too early (a closing } or ] is missing)");
    case QJsonParseError::UnterminatedString:
        return FunctionConsoleController::tr("a string is not closed with \"");
    case QJsonParseError::GarbageAtEnd:
        return FunctionConsoleController::tr("there is more text after the object");
    default:
        return error.errorString();
    }
}

// The 1-based character position of the offending character. Qt's offset is a byte count:
// for most errors it ends just after that character, for a bad number or trailing text it
// is where that character starts.
qsizetype errorPosition(const QJsonParseError &error, const QByteArray &utf8)
{
    const bool startsThere = error.error == QJsonParseError::IllegalNumber || error.error == QJsonParseError::GarbageAtEnd;
    const qsizetype bytes = std::min<qsizetype>(error.offset + (startsThere ? 1 : 0), utf8.size());
    return QString::fromUtf8(utf8.left(bytes)).size();
}
}

FunctionConsoleController::ParsedArguments FunctionConsoleController::parseArguments(const QString &text)
{
    if (text.trimmed().isEmpty())
        return {Value(convex::ValueObject{}), {}};
    const QByteArray utf8 = text.toUtf8();
    convex::Result<Value> value = Value::fromJson(utf8);
    if (value) {
        if (!value->isObject())
            return {std::nullopt, tr("Arguments must be a JSON object, e.g. {\"value\": 1}")};
        return {std::move(value).value(), {}};
    }
    // QJsonDocument tells where a syntax error is; if it parses, the JSON is fine but not
    // valid Convex JSON (e.g. a malformed {"$integer": …}).
    QJsonParseError syntax;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &syntax);
    if (syntax.error != QJsonParseError::NoError && syntax.error != QJsonParseError::IllegalValue) {
        return {std::nullopt, tr("Arguments are not valid JSON: %1 (at character %2)")
                                  .arg(describeSyntaxError(syntax, utf8))
                                  .arg(errorPosition(syntax, utf8))};
    }
    if (document.isObject())
        return {std::nullopt, tr("Arguments are not valid Convex JSON: %1").arg(value.error())};
    return {std::nullopt, tr("Arguments are not valid JSON: %1").arg(value.error())};
}

QString FunctionConsoleController::pathError(const QString &path)
{
    if (path.trimmed().isEmpty())
        return tr("Enter a function path, e.g. tasks:list");
    // The rules convex::Client applies (udfpath.cpp): a path it would refuse must be refused
    // here, inline, rather than come back as a "may or may not have run" client error.
    // Module components: [A-Za-z0-9_.] with at least one letter or digit (no "..");
    // export: starts with a letter or '_', not only underscores.
    static const QRegularExpression valid(
        u"^(?:[A-Za-z0-9_.]*[A-Za-z0-9][A-Za-z0-9_.]*)(?:/[A-Za-z0-9_.]*[A-Za-z0-9][A-Za-z0-9_.]*)*"
        u"(?::(?:[A-Za-z]|_+[A-Za-z0-9])[A-Za-z0-9_]*)?$"_qs);
    if (!valid.match(path).hasMatch())
        return tr("“%1” is not a function path (expected module:function, e.g. tasks:list)").arg(path);
    return {};
}

QString FunctionConsoleController::formatResult(const FunctionResult &result)
{
    switch (result.kind()) {
    case FunctionResult::Kind::Success:
        return result.value().toPrettyJson();
    case FunctionResult::Kind::FunctionError: {
        QString text = tr("Function error: %1").arg(result.errorMessage());
        if (result.isConvexError())
            text += u"\n\n"_qs + tr("ConvexError data:") + u"\n"_qs + result.errorData().toPrettyJson();
        return text;
    }
    case FunctionResult::Kind::ClientError:
        return tr("Client error (the call may or may not have run): %1").arg(result.errorMessage());
    }
    return {};
}

FunctionConsoleController::FunctionConsoleController(convex::Client *client, QObject *parent)
    : QObject(parent), m_client(client)
{
    connect(client, &convex::Client::serverLogLine, this,
            [this](const QString &functionPath, const QString &line) {
                const QString entry = u"%1: %2"_qs.arg(functionPath, line);
                m_serverLog.append(entry);
                if (m_serverLog.size() > kMaxServerLogLines)
                    m_serverLog.removeFirst();
                Q_EMIT serverLogLineAdded(entry);
            });
}

FunctionConsoleController::~FunctionConsoleController()
{
    delete m_live;
}

QString FunctionConsoleController::run(Kind kind, const QString &path, const QString &argumentsText)
{
    const ParsedArguments args = parseArguments(argumentsText);
    QString error = pathError(path);
    if (error.isEmpty())
        error = args.value ? QString() : args.error;
    if (error.isEmpty() && !m_client)
        error = tr("Not connected");
    if (!error.isEmpty()) {
        // The previous call's result and "succeeded" next to this error would read as its outcome.
        clearCall(Status::Idle);
        Q_EMIT changed();
        return error;
    }

    clearCall(Status::Running);
    const quint64 callId = m_callId;
    switch (kind) {
    case Kind::Query:
        m_description = tr("live query %1").arg(path);
        m_live = m_client->subscribe(path, *args.value, this);
        connect(m_live, &convex::QuerySubscription::resultChanged, this,
                &FunctionConsoleController::onLiveResult);
        Q_EMIT changed();
        onLiveResult();  // a client-side error is there at once
        return {};
    case Kind::Mutation:
    case Kind::Action: {
        const bool mutation = kind == Kind::Mutation;
        m_description = (mutation ? tr("mutation %1") : tr("action %1")).arg(path);
        QFuture<FunctionResult> future =
            mutation ? m_client->mutation(path, *args.value) : m_client->action(path, *args.value);
        // Not then(this, ...): Qt 6.4 asserts that the context is alive when the future
        // resolves, and a call may still be pending when the console goes (sign-out). The
        // client resolves its futures in this thread, so the guard suffices.
        future.then([self = QPointer<FunctionConsoleController>(this), callId](const FunctionResult &result) {
            if (!self || callId != self->m_callId)
                return;  // gone, or a newer call replaced this one on screen
            self->setOutcome(result, result.isSuccess() ? Status::Succeeded : Status::Failed);
        });
        Q_EMIT changed();
        return {};
    }
    }
    return {};
}

void FunctionConsoleController::clearCall(Status status)
{
    stopLiveQuery();
    ++m_callId; // a call still pending no longer shows up
    m_result.reset();
    m_resultText.clear();
    m_callLog.clear();
    m_liveUpdates = 0;
    m_status = status;
}

void FunctionConsoleController::stopLiveQuery()
{
    if (!m_live)
        return;
    delete m_live;
    if (m_status == Status::Live || m_status == Status::Running) {
        m_status = m_result ? (m_result->isSuccess() ? Status::Succeeded : Status::Failed) : Status::Idle;
        Q_EMIT changed();
    }
}

void FunctionConsoleController::onLiveResult()
{
    if (!m_live)
        return;
    const std::optional<FunctionResult> result = m_live->result();
    if (!result)
        return;
    ++m_liveUpdates;
    // A live query stays live after an error: the next result may succeed again.
    setOutcome(*result, m_live->isActive() ? Status::Live : Status::Failed);
}

void FunctionConsoleController::setOutcome(const FunctionResult &result, Status status)
{
    m_result = result;
    m_resultText = formatResult(result);
    m_callLog = result.logLines();
    m_status = status;
    qCDebug(lcConsole) << "call finished:" << static_cast<int>(result.kind());
    Q_EMIT changed();
}

} // namespace qonvex::console
