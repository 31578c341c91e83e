// SPDX-License-Identifier: MIT
#pragma once
// Notices that the machine was suspended: CLOCK_MONOTONIC stops during suspend on Linux while
// CLOCK_BOOTTIME keeps counting, so their gap grows by the time spent asleep. No D-Bus, no
// platform plugin needed; the clocks are injectable for tests.

#include <QObject>
#include <QTimer>

#include <functional>

namespace qonvex::app {

//! \brief Emits woke() after the system resumed from suspend (checked every few seconds).
class WakeDetector : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; //!< milliseconds

    //! \a awake counts only while the machine runs (default CLOCK_MONOTONIC), \a total also
    //! while it sleeps (default CLOCK_BOOTTIME). Checks every \a intervalMs; a jump of more
    //! than \a thresholdMs counts as a wake.
    explicit WakeDetector(QObject *parent = nullptr, Clock awake = {}, Clock total = {},
                          int intervalMs = 5000, qint64 thresholdMs = 10000);

    //! Compares the clocks now (the timer calls this; tests call it directly).
    void check();

Q_SIGNALS:
    //! The machine slept for about \a sleptMs since the previous check.
    void woke(qint64 sleptMs);

private:
    Clock m_awake;
    Clock m_total;
    qint64 m_thresholdMs;
    qint64 m_lastGap = 0;
    QTimer m_timer;
};

} // namespace qonvex::app
