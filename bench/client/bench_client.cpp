// SPDX-License-Identifier: MIT
// End-to-end latency and subscription scale of convexclient's public convex::Client against
// a running devstack; bench/js/client.mjs does the same with the official ConvexClient.
//
//   bench_client --url URL --token JWT [--rounds N] [--warmup N] [--extra-subs N]
//
// One round: tasks:setDone flips one task of the caller; the round ends in the resultChanged
// slot of the tasks:list subscription once the task shows the new state. Reported per round:
//   e2e     mutation call → update slot
//   client  frame arrival → update slot: "arrival" is the last read-readiness event of a
//           socket (QEvent::SockAct on a read QSocketNotifier other than stdin) delivered
//           before the slot ran, seen by an application-wide event filter.
// With --extra-subs N, N small debug:echo queries are subscribed first; RSS is read from
// /proc/self/status before and after they all loaded.
// Prints one JSON line.

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QFutureWatcher>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <cstdio>

namespace {

using Clock = std::chrono::steady_clock;

double msBetween(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// Remembers when a socket last became readable: the moment a frame arrived from the kernel.
class ArrivalClock : public QObject {
public:
    Clock::time_point last;
    bool eventFilter(QObject *receiver, QEvent *event) override
    {
        if (event->type() == QEvent::SockAct) {
            auto *notifier = qobject_cast<QSocketNotifier *>(receiver);
            if (notifier && notifier->type() == QSocketNotifier::Read && notifier->socket() != 0)
                last = Clock::now();
        }
        return false;
    }
};

QByteArray list(const QList<double> &values)
{
    QByteArray out("[");
    for (qsizetype i = 0; i < values.size(); ++i)
        out += (i ? "," : "") + QByteArray::number(values[i], 'f', 4);
    return out + ']';
}

struct Args {
    QUrl url;
    QString token;
    int rounds = 100;
    int warmup = 20;
    int extraSubs = 0;
};

Args parseArgs(const QStringList &argv)
{
    Args a;
    for (qsizetype i = 1; i + 1 < argv.size(); i += 2) {
        const QString &k = argv[i];
        const QString &v = argv[i + 1];
        if (k == u"--url")
            a.url = QUrl(v);
        else if (k == u"--token")
            a.token = v;
        else if (k == u"--rounds")
            a.rounds = v.toInt();
        else if (k == u"--warmup")
            a.warmup = v.toInt();
        else if (k == u"--extra-subs")
            a.extraSubs = v.toInt();
    }
    return a;
}

void fail(const char *why)
{
    std::fprintf(stderr, "bench_client: %s\n", why);
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Args args = parseArgs(app.arguments());
    if (!args.url.isValid() || args.token.isEmpty())
        fail("usage: bench_client --url URL --token JWT [--rounds N] [--warmup N] [--extra-subs N]");

    ArrivalClock arrival;
    app.installEventFilter(&arrival);
    QTimer::singleShot(std::chrono::minutes(10), &app, [] { fail("timed out"); });

    convex::Client::Options options;
    options.reconnectOnNetworkChange = false;
    convex::Client client(args.url, options);
    const QString token = args.token;
    client.setAuth([token](bool, std::function<void(std::optional<QString>)> done) { done(token); });

    auto *tasks = client.subscribe(QStringLiteral("tasks:list"));
    QString taskId;
    bool wantDone = false;
    bool inRound = false;
    int done = 0;
    Clock::time_point t0;
    QList<double> e2e, clientShare;
    double rssBefore = 0, rssAfter = 0;
    QList<convex::QuerySubscription *> extra;

    auto startRound = [&] {
        wantDone = !wantDone;
        inRound = true;
        t0 = Clock::now();
        client.mutation(QStringLiteral("tasks:setDone"),
                        convex::ValueObject{{QStringLiteral("id"), taskId},
                                            {QStringLiteral("done"), wantDone}});
    };
    auto startRounds = [&] {
        QTimer::singleShot(0, &app, startRound);
    };
    auto subscribeExtra = [&] {
        rssBefore = rssMb();
        auto loaded = std::make_shared<int>(0);
        for (int i = 0; i < args.extraSubs; ++i) {
            auto *sub = client.subscribe(
                QStringLiteral("debug:echo"),
                convex::ValueObject{{QStringLiteral("value"),
                                     convex::ValueObject{{QStringLiteral("i"), double(i)},
                                                         {QStringLiteral("s"), QStringLiteral("small value")}}}});
            extra.append(sub);
            QObject::connect(sub, &convex::QuerySubscription::resultChanged, &app, [&, sub, loaded] {
                if (sub->isLoading() || sub->property("seen").toBool())
                    return;
                sub->setProperty("seen", true);
                if (++*loaded == args.extraSubs) {
                    rssAfter = rssMb();
                    startRounds();
                }
            });
        }
    };

    QObject::connect(tasks, &convex::QuerySubscription::resultChanged, &app, [&] {
        const auto now = Clock::now();
        if (tasks->hasError())
            fail("tasks:list failed (token rejected?)");
        if (tasks->isLoading())
            return;
        const convex::Value value = tasks->value();
        if (taskId.isEmpty()) {  // first result: pick (or create) the task to flip
            if (value.size() == 0) {
                static bool adding = false;
                if (!adding)
                    client.mutation(QStringLiteral("tasks:add"),
                                    convex::ValueObject{{QStringLiteral("text"), QStringLiteral("bench")}});
                adding = true;
                return;
            }
            taskId = value[0][QStringLiteral("_id")].toString();
            wantDone = value[0][QStringLiteral("done")].toBool();
            if (args.extraSubs > 0)
                subscribeExtra();
            else
                startRounds();
            return;
        }
        if (!inRound)
            return;
        for (qsizetype i = 0; i < value.size(); ++i) {
            if (value[i][QStringLiteral("_id")].toString() != taskId)
                continue;
            if (value[i][QStringLiteral("done")].toBool() != wantDone)
                return;
            inRound = false;
            if (done++ >= args.warmup) {
                e2e.append(msBetween(t0, now));
                clientShare.append(msBetween(arrival.last, now));
            }
            if (done < args.warmup + args.rounds)
                QTimer::singleShot(0, &app, startRound);
            else
                app.quit();
            return;
        }
        fail("the benchmark task vanished");
    });

    app.exec();
    std::printf("{\"client\":\"convexclient\",\"subs\":%d,\"rssBeforeMb\":%.2f,\"rssAfterMb\":%.2f,"
                "\"e2eMs\":%s,\"clientMs\":%s}\n",
                int(extra.size()) + 1, rssBefore, rssAfter, list(e2e).constData(),
                list(clientShare).constData());
    std::fflush(stdout);
    qDeleteAll(extra);
    delete tasks;
    return 0;
}
