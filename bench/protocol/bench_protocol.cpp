// SPDX-License-Identifier: MIT
// Protocol-core throughput: the recorded frame stream (bench/protocol/gen-frames.mjs) fed to
//   engine  convexclient's SyncEngine::receiveFrame (decode + apply + change notification),
//           after subscribing the same queries so that query ids and versions match;
//   parse   nlohmann::json::parse of every frame: the floor no decoder can beat.
// Prints one JSON line: wall and CPU ms per iteration for both, frames, bytes.
//
//   bench_protocol FRAMES.jsonl ITERATIONS [engine|parse]   (the last: only that one; CPU ms
//   per iteration also go to stderr, for perf runs)

#include "core/scheduler.h"
#include "core/syncengine.h"

#include <convexclient/value.h>

#include <QByteArray>
#include <QFile>
#include <QList>

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

// Time stands still and timers never fire: the benchmark only feeds frames.
class StillScheduler final : public convex::core::Scheduler {
public:
    qint64 nowMs() const override { return 1'700'000'000'000; }
    convex::core::TimerId start(qint64, std::function<void()>) override { return ++m_next; }
    void cancel(convex::core::TimerId) override {}

private:
    convex::core::TimerId m_next = 0;
};

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of the whole process (all threads), in ms: on a loaded machine wall time mostly
// measures the wait for a core; the JS harness reads process.cpuUsage(), the same quantity.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

QList<QByteArray> readFrames(const QString &path)
{
    QFile file(path);
    QList<QByteArray> frames;
    if (!file.open(QIODevice::ReadOnly))
        return frames;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            frames.append(line);
    }
    return frames;
}

int readAnswered(const QString &framesPath, int *queries)
{
    QString metaPath = framesPath;
    metaPath.chop(int(qstrlen(".jsonl")));
    QFile meta(metaPath + QStringLiteral(".meta.json"));
    if (!meta.open(QIODevice::ReadOnly))
        return -1;
    const auto json = nlohmann::json::parse(meta.readAll().toStdString());
    *queries = json.at("queries").get<int>();
    return json.at("answered").get<int>();
}

struct EngineRun {
    double ms = 0;
    double cpu = 0;
    int loaded = 0;
    int notified = 0;
    bool reconnected = false;
};

EngineRun runEngine(const QList<QByteArray> &frames, int queries)
{
    StillScheduler scheduler;
    EngineRun run;
    convex::core::SyncEngineCallbacks callbacks;
    callbacks.send = [](const convex::protocol::ClientMessage &) {};
    callbacks.queryResultsChanged = [&run](const QList<convex::core::QueryToken> &changed) {
        run.notified += int(changed.size());
    };
    callbacks.reconnectRequested = [&run](const QString &) { run.reconnected = true; };
    convex::core::SyncEngine engine(scheduler, std::move(callbacks));
    QList<convex::core::QueryToken> tokens;
    tokens.reserve(queries);
    for (int i = 0; i < queries; ++i) {
        const auto sub = engine.subscribe(QStringLiteral("bench:q"),
                                          convex::ValueObject{{QStringLiteral("i"), double(i)}});
        tokens.append(sub.value().token);
    }
    engine.onSocketOpened();

    const double c0 = cpuMs();
    const auto t0 = Clock::now();
    for (const QByteArray &frame : frames)
        engine.receiveFrame(frame);
    run.ms = msSince(t0);
    run.cpu = cpuMs() - c0;
    for (const auto &token : tokens)
        run.loaded += engine.queryResult(token).has_value() ? 1 : 0;
    return run;
}

double runParse(const QList<QByteArray> &frames, double *cpu)
{
    std::size_t sink = 0;
    const double c0 = cpuMs();
    const auto t0 = Clock::now();
    for (const QByteArray &frame : frames)
        sink += nlohmann::json::parse(frame.cbegin(), frame.cend()).size();
    const double ms = msSince(t0);
    *cpu = cpuMs() - c0;
    if (sink == 0)
        std::fputs("unexpected: empty parse\n", stderr);
    return ms;
}

QByteArray msList(const QList<double> &values)
{
    QByteArray out("[");
    for (qsizetype i = 0; i < values.size(); ++i)
        out += (i ? "," : "") + QByteArray::number(values[i], 'f', 3);
    return out + ']';
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fputs("usage: bench_protocol FRAMES.jsonl [ITERATIONS]\n", stderr);
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int iterations = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const QList<QByteArray> frames = readFrames(path);
    int queries = 0;
    const int answered = readAnswered(path, &queries);
    if (frames.isEmpty() || answered < 0) {
        std::fprintf(stderr, "bench_protocol: cannot read %s or its .meta.json\n", argv[1]);
        return 2;
    }
    qint64 bytes = 0;
    for (const QByteArray &frame : frames)
        bytes += frame.size();

    // "engine" or "parse" runs one side only. ./dev bench runs each side in its own process:
    // interleaved in one process, the engine's freed trees left glibc's heap in a state that
    // made the following DOM parse ~40% slower than in a fresh process (a flattering floor).
    const QByteArray only = argc > 3 ? QByteArray(argv[3]) : QByteArray();
    const bool doEngine = only.isEmpty() || only == "engine";
    const bool doParse = only.isEmpty() || only == "parse";
    double cpu = 0;
    if (doEngine)
        runEngine(frames, queries);  // warm-up: caches, allocator
    if (doParse)
        runParse(frames, &cpu);
    QList<double> engineMs, parseMs, engineCpuMs, parseCpuMs;
    int notified = 0;
    for (int i = 0; i < iterations; ++i) {  // interleaved when both, so both see the same load
        if (doEngine) {
            const EngineRun run = runEngine(frames, queries);
            if (run.reconnected || run.loaded != answered) {
                std::fprintf(stderr, "bench_protocol: engine applied %d queries (expected %d)%s\n",
                             run.loaded, answered, run.reconnected ? ", asked to reconnect" : "");
                return 1;
            }
            notified = run.notified;
            engineMs.append(run.ms);
            engineCpuMs.append(run.cpu);
            std::fprintf(stderr, "engine cpu ms %.1f\n", run.cpu);
        }
        if (doParse) {
            parseMs.append(runParse(frames, &cpu));
            parseCpuMs.append(cpu);
            std::fprintf(stderr, "parse cpu ms %.1f\n", cpu);
        }
    }
    std::printf("{\"client\":\"convexclient\",\"frames\":%lld,\"bytes\":%lld,\"notified\":%d,"
                "\"engineMs\":%s,\"parseMs\":%s,\"engineCpuMs\":%s,\"parseCpuMs\":%s}\n",
                static_cast<long long>(frames.size()), static_cast<long long>(bytes), notified,
                msList(engineMs).constData(), msList(parseMs).constData(),
                msList(engineCpuMs).constData(), msList(parseCpuMs).constData());
    return 0;
}
