// SPDX-License-Identifier: MIT
#pragma once
// qonvex-cli's command line: parsing and validation without side effects, so that every rule
// can be unit-tested. Reading the token file is separate (readToken), because it touches files.

#include <convexclient/value.h>

#include <QIODevice>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace qonvex::cli {

//! Process exit codes, part of the CLI's contract.
enum ExitCode : int {
    ExitSuccess = 0,        //!< every printed result was a success
    ExitFunctionError = 1,  //!< the (last) result was a function error
    ExitUsage = 2,          //!< bad command line or configuration
    ExitConnection = 3,     //!< cannot connect, or authentication rejected, within --timeout
};

enum class Command : quint8 { Query, Mutation, Action, Watch };

struct Options {
    Command command = Command::Query;
    QString function;             //!< e.g. "messages:list"
    convex::ValueObject args;     //!< decoded ARGS_JSON ({} by default)
    QUrl url;                     //!< validated deployment URL
    QString tokenFile;            //!< empty: no token; "-": standard input
    bool http = false;            //!< use the HTTP API instead of the WebSocket client
    int count = 0;                //!< watch: stop after this many lines; 0 = until a signal
    std::chrono::milliseconds timeout{30000};
    //! --clerk: authenticate as the user signed in to the Qonvex app (its keychain entry).
    bool clerk = false;
    QString clerkPublishableKey;  //!< --clerk-publishable-key or $QONVEX_CLERK_PUBLISHABLE_KEY
    QString clerkFrontendApi;     //!< --clerk-frontend-api or $QONVEX_CLERK_FRONTEND_API
    QString jwtTemplate;          //!< --jwt-template (valid when jwtTemplateSet)
    bool jwtTemplateSet = false;  //!< unset means the app's default, `convex`
};

//! Environment values used when the matching option is not given (empty = unset).
struct EnvironmentDefaults {
    QString convexUrl;            //!< QONVEX_CONVEX_URL
    QString clerkPublishableKey;  //!< QONVEX_CLERK_PUBLISHABLE_KEY
    QString clerkFrontendApi;     //!< QONVEX_CLERK_FRONTEND_API
};

//! What parseCommandLine() decided.
struct ParseOutcome {
    enum class Action : quint8 { Run, ShowHelp, ShowVersion, Fail };
    Action action = Action::Fail;
    Options options;  //!< valid when action == Run
    QString text;     //!< help text, version line, or the error message
};

//! Parse \a arguments (argv, program name first). \a environmentUrl is the value of
//! QONVEX_CONVEX_URL (empty if unset), used when --url is not given.
ParseOutcome parseCommandLine(const QStringList &arguments, const QString &environmentUrl);
//! Same, with the Clerk environment defaults for --clerk too.
ParseOutcome parseCommandLine(const QStringList &arguments, const EnvironmentDefaults &environment);

//! The token in \a path ("-": read \a standardInput), surrounding whitespace trimmed.
//! Fails with a message that never contains the file's content.
convex::Result<QString> readToken(const QString &path, QIODevice *standardInput);

QString commandName(Command command);

} // namespace qonvex::cli
