// SPDX-License-Identifier: MIT
#include "settings/commandline.h"

#include <QCommandLineParser>

namespace qonvex::app {

void CommandLine::applyTo(AppSettings &settings) const
{
    using F = AppSettings::Field;
    if (convexUrl)
        settings.setOverride(F::ConvexUrl, *convexUrl);
    if (publishableKey)
        settings.setOverride(F::PublishableKey, *publishableKey);
    if (frontendApi)
        settings.setOverride(F::FrontendApi, *frontendApi);
    if (jwtTemplate)
        settings.setOverride(F::JwtTemplate, *jwtTemplate);
}

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Qonvex: a native desktop client for apps built on Convex and Clerk.\n\n"
        "Connection settings come from the Settings dialog; these options and the environment\n"
        "variables QONVEX_CONVEX_URL, QONVEX_CLERK_PUBLISHABLE_KEY, QONVEX_CLERK_FRONTEND_API and\n"
        "QONVEX_JWT_TEMPLATE override them for one run without saving them."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version and exit."));
    const QCommandLineOption convexUrl(QStringLiteral("convex-url"),
                                       QStringLiteral("Convex deployment URL (https://…convex.cloud)."),
                                       QStringLiteral("url"));
    const QCommandLineOption key(QStringLiteral("clerk-publishable-key"),
                                 QStringLiteral("Clerk publishable key (pk_test_… or pk_live_…)."),
                                 QStringLiteral("key"));
    const QCommandLineOption fapi(QStringLiteral("clerk-frontend-api"),
                                  QStringLiteral("Clerk Frontend API URL (instead of, or overriding, the key's)."),
                                  QStringLiteral("url"));
    const QCommandLineOption jwt(QStringLiteral("jwt-template"),
                                 QStringLiteral("Clerk JWT template for Convex (default: convex; empty: session token)."),
                                 QStringLiteral("name"));
    const QCommandLineOption settings(QStringLiteral("settings"), QStringLiteral("Open the Settings dialog."));
    const QCommandLineOption noTray(QStringLiteral("no-tray"), QStringLiteral("Do not show a tray icon."));
    const QCommandLineOption firstData(
        QStringLiteral("exit-after-first-data"),
        QStringLiteral("Print the time from process start until the task list first showed data, and the "
                       "memory in use, then exit (for benchmarks)."));
    parser.addOptions({help, version, convexUrl, key, fapi, jwt, settings, noTray, firstData});
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QStringLiteral("A qonvex:// link, e.g. the sign-in callback from the browser."),
                                 QStringLiteral("[url]"));

    CommandLine result;
    if (!parser.parse(arguments)) {
        result.action = CommandLine::Action::Error;
        result.text = parser.errorText() + QStringLiteral("\nTry 'qonvex --help'.");
        return result;
    }
    if (parser.isSet(help)) {
        result.action = CommandLine::Action::ShowText;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = CommandLine::Action::ShowText;
        result.text = QStringLiteral("qonvex %1\n").arg(QStringLiteral(QONVEX_VERSION));
        return result;
    }
    const auto optional = [&](const QCommandLineOption &o) -> std::optional<QString> {
        return parser.isSet(o) ? std::optional<QString>(parser.value(o)) : std::nullopt;
    };
    result.convexUrl = optional(convexUrl);
    result.publishableKey = optional(key);
    result.frontendApi = optional(fapi);
    result.jwtTemplate = optional(jwt);
    result.openSettings = parser.isSet(settings);
    result.noTray = parser.isSet(noTray);
    result.exitAfterFirstData = parser.isSet(firstData);
    for (const QString &arg : parser.positionalArguments()) {
        const QUrl url(arg, QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != urlScheme()) {
            result.action = CommandLine::Action::Error;
            // Do not echo the argument: it may be a callback URL carrying a nonce.
            result.text = QStringLiteral("Unexpected argument (only %1:// links are accepted). Try 'qonvex --help'.")
                              .arg(urlScheme());
            return result;
        }
        result.urls.append(url);
    }
    return result;
}

} // namespace qonvex::app
