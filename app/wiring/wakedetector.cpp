// SPDX-License-Identifier: MIT
#include "wiring/wakedetector.h"

#include <ctime>

namespace qonvex::app {

namespace {
qint64 clockMs(clockid_t id)
{
    timespec ts{};
    if (clock_gettime(id, &ts) != 0)
        return 0;
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}
} // namespace

WakeDetector::WakeDetector(QObject *parent, Clock awake, Clock total, int intervalMs, qint64 thresholdMs)
    : QObject(parent),
      m_awake(awake ? std::move(awake) : Clock([] { return clockMs(CLOCK_MONOTONIC); })),
#ifdef CLOCK_BOOTTIME
      m_total(total ? std::move(total) : Clock([] { return clockMs(CLOCK_BOOTTIME); })),
#else
      m_total(total ? std::move(total) : m_awake),
#endif
      m_thresholdMs(thresholdMs)
{
    m_lastGap = m_total() - m_awake();
    m_timer.setInterval(intervalMs);
    m_timer.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &WakeDetector::check);
    m_timer.start();
}

void WakeDetector::check()
{
    const qint64 gap = m_total() - m_awake();
    const qint64 slept = gap - m_lastGap;
    m_lastGap = gap;
    if (slept > m_thresholdMs)
        Q_EMIT woke(slept);
}

} // namespace qonvex::app
