// SPDX-License-Identifier: MIT
#include "clioptions.h"

#include <convexclient/httpclient.h>
#include <convexclient/version.h>

#include <QCommandLineParser>
#include <QFile>

#include <cmath>

namespace qonvex::cli {

namespace {

ParseOutcome fail(QString message)
{
    ParseOutcome outcome;
    outcome.action = ParseOutcome::Action::Fail;
    outcome.text = std::move(message);
    return outcome;
}

std::optional<Command> commandFromName(const QString &name)
{
    if (name == QLatin1String("query"))
        return Command::Query;
    if (name == QLatin1String("mutation"))
        return Command::Mutation;
    if (name == QLatin1String("action"))
        return Command::Action;
    if (name == QLatin1String("watch"))
        return Command::Watch;
    return std::nullopt;
}

// Longest accepted --timeout: one day is plenty and keeps the milliseconds far from overflow.
constexpr double MaxTimeoutSeconds = 86400;

} // namespace

QString commandName(Command command)
{
    switch (command) {
    case Command::Query: return QStringLiteral("query");
    case Command::Mutation: return QStringLiteral("mutation");
    case Command::Action: return QStringLiteral("action");
    case Command::Watch: return QStringLiteral("watch");
    }
    return {};
}

ParseOutcome parseCommandLine(const QStringList &arguments, const QString &environmentUrl)
{
    EnvironmentDefaults environment;
    environment.convexUrl = environmentUrl;
    return parseCommandLine(arguments, environment);
}

ParseOutcome parseCommandLine(const QStringList &arguments, const EnvironmentDefaults &environment)
{
    const QString &environmentUrl = environment.convexUrl;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Call a function of a Convex deployment and print its result as one line of Convex "
        "encoded JSON per result on stdout: {\"value\": …} or {\"error\": \"…\", \"data\": …}.\n"
        "Exit codes: 0 success, 1 function error, 2 usage or configuration error, "
        "3 cannot connect or authentication rejected."));
    const QCommandLineOption urlOption(
        QStringLiteral("url"),
        QStringLiteral("Deployment URL (default: $QONVEX_CONVEX_URL). https://, or http:// for localhost."),
        QStringLiteral("URL"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token-file"),
        QStringLiteral("File holding a JWT to authenticate with ('-' reads standard input)."),
        QStringLiteral("FILE"));
    const QCommandLineOption httpOption(
        QStringLiteral("http"), QStringLiteral("Use the HTTP API instead of the WebSocket client."));
    const QCommandLineOption countOption(
        QStringLiteral("count"), QStringLiteral("watch: stop after N lines."), QStringLiteral("N"));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"),
        QStringLiteral("Give up connecting or authenticating after S seconds (default 30); "
                       "with --http, the whole call."),
        QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption clerkOption(
        QStringLiteral("clerk"),
        QStringLiteral("Authenticate as the user signed in to the Qonvex app (its session in the "
                       "OS keychain); the token is fetched from Clerk and refreshed."));
    const QCommandLineOption clerkKeyOption(
        QStringLiteral("clerk-publishable-key"),
        QStringLiteral("--clerk: Clerk publishable key (default: $QONVEX_CLERK_PUBLISHABLE_KEY)."),
        QStringLiteral("KEY"));
    const QCommandLineOption clerkApiOption(
        QStringLiteral("clerk-frontend-api"),
        QStringLiteral("--clerk: Clerk Frontend API URL, overrides the key's host "
                       "(default: $QONVEX_CLERK_FRONTEND_API)."),
        QStringLiteral("URL"));
    const QCommandLineOption templateOption(
        QStringLiteral("jwt-template"),
        QStringLiteral("--clerk: Clerk JWT template (default: convex; empty: the session token)."),
        QStringLiteral("NAME"));
    parser.addOptions({urlOption, tokenOption, httpOption, countOption, timeoutOption, clerkOption,
                       clerkKeyOption, clerkApiOption, templateOption});
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("COMMAND"),
                                 QStringLiteral("query, mutation, action or watch (a query, printed on every change)."));
    parser.addPositionalArgument(QStringLiteral("FUNCTION"), QStringLiteral("Function path, e.g. messages:list."));
    parser.addPositionalArgument(QStringLiteral("ARGS_JSON"),
                                 QStringLiteral("Arguments: one JSON object in Convex encoded JSON (default {})."),
                                 QStringLiteral("[ARGS_JSON]"));

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(helpOption)) {
        ParseOutcome outcome;
        outcome.action = ParseOutcome::Action::ShowHelp;
        outcome.text = parser.helpText();
        return outcome;
    }
    if (parser.isSet(versionOption)) {
        ParseOutcome outcome;
        outcome.action = ParseOutcome::Action::ShowVersion;
        outcome.text = QStringLiteral("qonvex-cli ") + convex::libraryVersion() + u'\n';
        return outcome;
    }

    Options options;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(QStringLiteral("Missing COMMAND (query, mutation, action or watch); see --help"));
    const std::optional<Command> command = commandFromName(positional.at(0));
    if (!command)
        return fail(QStringLiteral("Unknown command '%1': use query, mutation, action or watch").arg(positional.at(0)));
    options.command = *command;
    if (positional.size() < 2 || positional.at(1).trimmed().isEmpty())
        return fail(QStringLiteral("Missing FUNCTION, e.g. messages:list"));
    options.function = positional.at(1);
    if (positional.size() > 3)
        return fail(QStringLiteral("Too many arguments: ARGS_JSON must be a single argument (quote it)"));
    if (positional.size() == 3) {
        const convex::Result<convex::Value> args = convex::Value::fromJson(positional.at(2).toUtf8());
        if (!args.ok())
            return fail(QStringLiteral("Invalid ARGS_JSON: ") + args.error());
        if (!args->isObject())
            return fail(QStringLiteral("Invalid ARGS_JSON: it must be a JSON object, e.g. {\"id\": 1}"));
        options.args = args->toObject();
    }

    options.http = parser.isSet(httpOption);
    if (options.http && options.command == Command::Watch)
        return fail(QStringLiteral("watch needs the WebSocket client; it cannot be used with --http"));

    if (parser.isSet(countOption)) {
        if (options.command != Command::Watch)
            return fail(QStringLiteral("--count only applies to watch"));
        bool ok = false;
        options.count = parser.value(countOption).toInt(&ok);
        if (!ok || options.count < 1)
            return fail(QStringLiteral("--count must be a whole number of at least 1"));
    }

    bool ok = false;
    const double seconds = parser.value(timeoutOption).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > MaxTimeoutSeconds)
        return fail(QStringLiteral("--timeout must be a number of seconds greater than 0 (at most 86400)"));
    options.timeout = std::chrono::milliseconds(qMax<qint64>(1, qint64(std::llround(seconds * 1000))));

    const QString url = parser.isSet(urlOption) ? parser.value(urlOption) : environmentUrl;
    if (url.trimmed().isEmpty())
        return fail(QStringLiteral("No deployment URL: pass --url or set QONVEX_CONVEX_URL"));
    options.url = QUrl(url.trimmed(), QUrl::StrictMode);
    if (const QString error = convex::HttpClient::deploymentUrlError(options.url); !error.isEmpty())
        return fail(error + QStringLiteral(" (got '%1')").arg(options.url.toDisplayString(QUrl::RemoveUserInfo)));

    if (parser.isSet(tokenOption)) {
        options.tokenFile = parser.value(tokenOption);
        if (options.tokenFile.isEmpty())
            return fail(QStringLiteral("--token-file needs a file name or '-'"));
    }

    options.clerk = parser.isSet(clerkOption);
    if (!options.clerk) {
        for (const QCommandLineOption *clerkOnly : {&clerkKeyOption, &clerkApiOption, &templateOption}) {
            if (parser.isSet(*clerkOnly))
                return fail(QStringLiteral("--%1 only applies with --clerk").arg(clerkOnly->names().constFirst()));
        }
    } else {
        if (!options.tokenFile.isEmpty())
            return fail(QStringLiteral("--clerk and --token-file cannot be combined: choose one source of the token"));
        options.clerkPublishableKey = (parser.isSet(clerkKeyOption) ? parser.value(clerkKeyOption)
                                                                     : environment.clerkPublishableKey).trimmed();
        options.clerkFrontendApi = (parser.isSet(clerkApiOption) ? parser.value(clerkApiOption)
                                                                  : environment.clerkFrontendApi).trimmed();
        if (options.clerkPublishableKey.isEmpty() && options.clerkFrontendApi.isEmpty())
            return fail(QStringLiteral("--clerk needs the Clerk instance: pass --clerk-publishable-key or "
                                       "--clerk-frontend-api, or set QONVEX_CLERK_PUBLISHABLE_KEY or "
                                       "QONVEX_CLERK_FRONTEND_API"));
        options.jwtTemplateSet = parser.isSet(templateOption);
        if (options.jwtTemplateSet)
            options.jwtTemplate = parser.value(templateOption).trimmed();
    }

    ParseOutcome outcome;
    outcome.action = ParseOutcome::Action::Run;
    outcome.options = std::move(options);
    return outcome;
}

convex::Result<QString> readToken(const QString &path, QIODevice *standardInput)
{
    QByteArray content;
    if (path == QLatin1String("-")) {
        if (!standardInput || !standardInput->isReadable())
            return convex::Result<QString>::failure(QStringLiteral("Cannot read the token from standard input"));
        content = standardInput->readAll();
    } else {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return convex::Result<QString>::failure(
                QStringLiteral("Cannot read the token file %1: %2").arg(path, file.errorString()));
        content = file.readAll();
    }
    const QString token = QString::fromUtf8(content).trimmed();
    if (token.isEmpty())
        return convex::Result<QString>::failure(QStringLiteral("The token file %1 is empty").arg(
            path == QLatin1String("-") ? QStringLiteral("(standard input)") : path));
    // A JWT is one line of base64url and dots; anything with inner whitespace is not one.
    for (const QChar c : token) {
        if (c.isSpace() || c.unicode() < 0x21 || c.unicode() > 0x7e)
            return convex::Result<QString>::failure(
                QStringLiteral("The token file %1 does not hold a single token (it contains whitespace "
                               "or non-ASCII characters)").arg(path == QLatin1String("-") ? QStringLiteral("(standard input)") : path));
    }
    return token;
}

} // namespace qonvex::cli
