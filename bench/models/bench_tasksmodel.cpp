// SPDX-License-Identifier: MIT
// Scale of appmodels' TasksModel: a 10,000-row task list receives a server result in which
// 100 rows changed (done flipped / text edited), as one Transition would deliver it.
// Timed: (a) taskRowsFromValue on the new 10,000-element Value, (b) TasksModel::applyServerRows
// (the row diff plus the model signals, with one connected receiver per signal like a view).
// Warm-up 3, then 30 alternating updates; prints medians as one JSON line.

#include "tasks/taskrow.h"
#include "tasks/tasksmodel.h"

#include <convexclient/value.h>

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

convex::Value taskList(int rows, int variant)
{
    convex::ValueArray list;
    list.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        // Every 100th row differs between variants: 100 changed rows out of 10,000.
        const bool changed = (i % 100) == 7 && variant % 2 == 1;
        list.append(convex::ValueObject{
            {QStringLiteral("_id"), QStringLiteral("k57%1tasks").arg(i, 8, 10, QLatin1Char('0'))},
            {QStringLiteral("_creationTime"), 1.7e12 - double(i) * 1000.0},
            {QStringLiteral("owner"), QStringLiteral("http://127.0.0.1|user_bench")},
            {QStringLiteral("text"), changed ? QStringLiteral("edited task %1").arg(i) : QStringLiteral("task number %1").arg(i)},
            {QStringLiteral("done"), changed ? (i % 3 == 0) : (i % 3 != 0)},
        });
    }
    return list;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int Rows = 10000;
    const convex::Value lists[2] = {taskList(Rows, 0), taskList(Rows, 1)};
    qonvex::tasks::TasksModel model;
    int signals = 0;
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &app, [&signals] { ++signals; });
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &app, [&signals] { ++signals; });
    QObject::connect(&model, &QAbstractItemModel::rowsRemoved, &app, [&signals] { ++signals; });
    QObject::connect(&model, &QAbstractItemModel::rowsMoved, &app, [&signals] { ++signals; });
    model.applyServerRows(qonvex::tasks::taskRowsFromValue(lists[0]));
    if (model.rowCount() != Rows) {
        std::fprintf(stderr, "bench_tasksmodel: model has %d rows, expected %d\n", model.rowCount(), Rows);
        return 1;
    }
    std::vector<double> convert, diff;
    for (int i = 1; i <= 33; ++i) {
        signals = 0;
        auto t0 = Clock::now();
        QList<qonvex::tasks::TaskRow> rows = qonvex::tasks::taskRowsFromValue(lists[i % 2]);
        const double c = msSince(t0);
        t0 = Clock::now();
        model.applyServerRows(std::move(rows));
        const double d = msSince(t0);
        if (signals == 0 || model.rowCount() != Rows) {
            std::fprintf(stderr, "bench_tasksmodel: update %d changed nothing (signals %d)\n", i, signals);
            return 1;
        }
        if (i > 3) {
            convert.push_back(c);
            diff.push_back(d);
        }
    }
    std::printf("{\"rows\":%d,\"changedRows\":100,\"updates\":%d,\"convertMs\":%.3f,\"diffMs\":%.3f,\"signalsLast\":%d}\n",
                Rows, int(diff.size()), median(convert), median(diff), signals);
    return 0;
}
