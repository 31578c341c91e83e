// SPDX-License-Identifier: MIT
#pragma once
// Time and timers behind an interface, so token caching and backoff are tested by advancing a
// fake clock instead of sleeping.

#include <QObject>
#include <QHash>

#include <functional>

namespace qonvex::app {

//! \brief A wall clock plus one-shot timers.
class Scheduler {
public:
    using TimerId = quint64;
    virtual ~Scheduler() = default;
    //! Milliseconds since the Unix epoch (compared with JWT `exp`, which is wall-clock time).
    virtual qint64 nowMs() const = 0;
    //! Runs \a fn once after \a delayMs. Returns an id for cancel(); never 0.
    virtual TimerId schedule(qint64 delayMs, std::function<void()> fn) = 0;
    //! Cancels a pending timer; unknown or fired ids are ignored.
    virtual void cancel(TimerId id) = 0;
};

//! \brief The real clock and QTimer-based timers.
class SystemScheduler final : public QObject, public Scheduler {
    Q_OBJECT
public:
    using QObject::QObject;
    qint64 nowMs() const override;
    TimerId schedule(qint64 delayMs, std::function<void()> fn) override;
    void cancel(TimerId id) override;

private:
    QHash<TimerId, QObject *> m_timers;
    TimerId m_next = 1;
};

} // namespace qonvex::app
