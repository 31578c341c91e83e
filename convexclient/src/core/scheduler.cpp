// SPDX-License-Identifier: MIT
#include "core/scheduler.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace convex::core {

struct QtScheduler::Private {
    QObject context;  // parent of every pending QTimer: deleting it cancels them all
    QHash<TimerId, QTimer *> timers;
    TimerId nextId = 1;
};

QtScheduler::QtScheduler() : d(std::make_unique<Private>()) {}
QtScheduler::~QtScheduler() = default;

qint64 QtScheduler::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

TimerId QtScheduler::start(qint64 delayMs, std::function<void()> callback)
{
    const TimerId id = d->nextId++;
    auto *timer = new QTimer(&d->context);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    const qint64 maxInterval = std::numeric_limits<int>::max();
    timer->setInterval(int(std::clamp<qint64>(delayMs, 0, maxInterval)));
    d->timers.insert(id, timer);
    QObject::connect(timer, &QTimer::timeout, &d->context,
                     [this, id, cb = std::move(callback)] {
                         QTimer *t = d->timers.take(id);
                         if (!t)
                             return;
                         t->deleteLater();
                         // Copy first: the callback may destroy this scheduler's user.
                         auto run = cb;
                         run();
                     });
    timer->start();
    return id;
}

void QtScheduler::cancel(TimerId id)
{
    if (QTimer *t = d->timers.take(id)) {
        t->stop();
        t->deleteLater();
    }
}

} // namespace convex::core
