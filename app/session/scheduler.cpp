// SPDX-License-Identifier: MIT
#include "session/scheduler.h"

#include <QDateTime>
#include <QTimer>

namespace qonvex::app {

qint64 SystemScheduler::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

Scheduler::TimerId SystemScheduler::schedule(qint64 delayMs, std::function<void()> fn)
{
    const TimerId id = m_next++;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    // QTimer takes int milliseconds; clamp (a token living longer than ~24 days is refreshed early).
    timer->setInterval(int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max())));
    connect(timer, &QTimer::timeout, this, [this, id, fn = std::move(fn)] {
        if (QObject *t = m_timers.take(id))
            t->deleteLater();
        fn();
    });
    m_timers.insert(id, timer);
    timer->start();
    return id;
}

void SystemScheduler::cancel(TimerId id)
{
    if (QObject *t = m_timers.take(id))
        delete t;
}

} // namespace qonvex::app
