// SPDX-License-Identifier: MIT
// convex-tasks: the README example. Subscribes to `tasks:list`, adds a task with
// `tasks:add` as the signed-in user, and waits until the live query shows it.
//
//   CONVEX_AUTH_TOKEN=<jwt> convex-tasks https://your-deployment.convex.cloud "buy milk"
//
// The token comes from the environment, not the command line, so it never shows up in `ps`.
// Exit codes: 0 the task appeared in the subscription, 1 an error, 2 usage.
#include <convexclient/convexclient.h>

#include <QCoreApplication>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <memory>

namespace {

void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

void fail(const QString &line)
{
    std::fprintf(stderr, "convex-tasks: %s\n", qPrintable(line));
    QCoreApplication::exit(1);
}

// True if the query result (a list of task documents) holds a task with this text.
bool containsTask(const convex::Value &tasks, const QString &text)
{
    const QVariantList list = tasks.toVariant().toList();
    for (const QVariant &task : list) {
        if (task.toMap().value(QStringLiteral("text")).toString() == text)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QByteArray token = qgetenv("CONVEX_AUTH_TOKEN");
    if (args.size() != 3 || token.isEmpty()) {
        std::fprintf(stderr, "usage: CONVEX_AUTH_TOKEN=<jwt> convex-tasks DEPLOYMENT_URL TASK_TEXT\n");
        return 2;
    }
    const QString text = args.at(2);

    convex::Client client(QUrl(args.at(1)));
    if (!client.isValid()) {
        std::fprintf(stderr, "convex-tasks: %s\n", qPrintable(client.configurationError()));
        return 2;
    }
    // The client asks for a token whenever it needs one (forceRefresh after a rejection); a
    // real app would fetch a fresh one from its auth provider here.
    client.setAuth([token](bool /*forceRefresh*/, std::function<void(std::optional<QString>)> done) {
        done(QString::fromUtf8(token));
    });

    std::unique_ptr<convex::QuerySubscription> tasks(client.subscribe(QStringLiteral("tasks:list")));
    bool added = false;      // tasks:add was sent
    bool confirmed = false;  // tasks:add succeeded
    bool seen = false;       // the live query shows the new task
    const auto finishWhenDone = [&] {
        if (confirmed && seen)
            QCoreApplication::exit(0);
    };
    QObject::connect(tasks.get(), &convex::QuerySubscription::resultChanged, &app, [&] {
        if (tasks->hasError())
            return fail(QStringLiteral("tasks:list failed: ") + tasks->errorMessage());
        const int count = int(tasks->variantValue().toList().size());
        say(QStringLiteral("tasks:list: %1 task(s)").arg(count));
        if (added) {
            if (!seen && containsTask(tasks->value(), text)) {
                seen = true;
                say(QStringLiteral("the new task is in the live query"));
                finishWhenDone();
            }
            return;
        }
        // First result: now add the task; the subscription will update by itself.
        added = true;
        QFuture<convex::FunctionResult> mutation =
            client.mutation(QStringLiteral("tasks:add"), convex::ValueObject{{QStringLiteral("text"), text}});
        mutation.then(&app, [&](const convex::FunctionResult &result) {
            if (!result.isSuccess())
                return fail(QStringLiteral("tasks:add failed: ") + result.errorMessage());
            confirmed = true;
            say(QStringLiteral("tasks:add: created a task"));
            finishWhenDone();
        });
    });
    QObject::connect(&client, &convex::Client::terminated, &app,
                     [](const QString &error) { fail(QStringLiteral("connection ended: ") + error); });
    // A network problem makes the client retry forever; an example should give up instead.
    QTimer::singleShot(60000, &app, [] { fail(QStringLiteral("no answer within 60 s")); });
    return app.exec();
}
