// SPDX-License-Identifier: MIT
// readme-example: the README's convexclient snippet as a whole program. The snippet's lines
// appear below in the README's order (tests/packaging/consumer-test.sh checks that, builds this
// file against the installed package and runs it against the devstack), so the README cannot
// drift from what compiles and works. The helpers the snippet calls are defined here:
// fetchClerkToken() reads CONVEX_AUTH_TOKEN, showTasks() prints the list and quits once the
// added task is in it, showError() reports and exits 1.
//
//   CONVEX_AUTH_TOKEN=<jwt> readme-example https://your-deployment.convex.cloud
#include <convexclient/convexclient.h>

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <optional>

namespace {

QString g_deployment;

std::optional<QString> fetchClerkToken(bool /*forceRefresh*/)
{
    const QString token = qEnvironmentVariable("CONVEX_AUTH_TOKEN");
    return token.isEmpty() ? std::nullopt : std::optional<QString>(token);
}

void showTasks(const QVariant &tasks)
{
    const QVariantList list = tasks.toList();
    std::printf("tasks:list: %d task(s)\n", int(list.size()));
    std::fflush(stdout);
    for (const QVariant &task : list) {
        if (task.toMap().value(QStringLiteral("text")).toString() == QLatin1String("buy milk"))
            QCoreApplication::exit(0);
    }
}

void showError(const QString &message)
{
    std::fprintf(stderr, "readme-example: %s\n", qPrintable(message));
    QCoreApplication::exit(1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        std::fprintf(stderr, "usage: CONVEX_AUTH_TOKEN=<jwt> readme-example DEPLOYMENT_URL\n");
        return 2;
    }
    QTimer::singleShot(60000, &app, [] { showError(QStringLiteral("no answer within 60 s")); });

    const QUrl deployment(app.arguments().at(1));
    // ---- the README's snippet ----
    convex::Client client(deployment);   // e.g. QUrl(QStringLiteral("https://your-deployment.convex.cloud"))
    client.setAuth([](bool forceRefresh, std::function<void(std::optional<QString>)> done) {
        done(fetchClerkToken(forceRefresh));   // your auth provider's JWT (template "convex")
    });
    std::unique_ptr<convex::QuerySubscription> tasks(client.subscribe(QStringLiteral("tasks:list")));
    QObject::connect(tasks.get(), &convex::QuerySubscription::resultChanged, [&] {
        showTasks(tasks->variantValue());       // follows the server, no polling
    });
    client.mutation(QStringLiteral("tasks:add"), convex::ValueObject{{QStringLiteral("text"), QStringLiteral("buy milk")}})
        .then([](const convex::FunctionResult &r) { if (!r.isSuccess()) showError(r.errorMessage()); });
    // ---- end of the snippet ----

    return app.exec();
}
