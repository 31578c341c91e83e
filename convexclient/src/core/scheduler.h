// SPDX-License-Identifier: MIT
#pragma once
// Time and timers for the I/O-free core, injected so that tests can drive them by hand.

#include <QtGlobal>

#include <functional>
#include <memory>

namespace convex::core {

//! Identifies one pending timer of a Scheduler. 0 is never a valid id.
using TimerId = quint64;

//! \brief The clock and one-shot timers the sync core uses.
//!
//! The core never reads the system clock and never creates a QTimer itself: everything
//! time-related goes through this interface. Production code uses QtScheduler; unit tests
//! use a fake whose time only moves when the test says so.
//!
//! Callbacks run on the thread that owns the scheduler, never re-entrantly from start().
class Scheduler {
public:
    virtual ~Scheduler() = default;

    //! Wall-clock milliseconds since the Unix epoch (used for `Connect.clientTs` and for
    //! the time at which requests were made).
    virtual qint64 nowMs() const = 0;

    //! Runs \a callback once, \a delayMs (clamped to >= 0) from now. Returns its id (never 0).
    virtual TimerId start(qint64 delayMs, std::function<void()> callback) = 0;

    //! Cancels a pending timer. Unknown, fired or already cancelled ids are ignored.
    virtual void cancel(TimerId id) = 0;
};

//! \brief Scheduler backed by QTimer and QDateTime, for use inside a Qt event loop.
//!
//! Timers fire on the thread that created this object. Delays longer than QTimer can
//! express (~24.8 days) are clamped; the core never asks for more than 20 days.
//! Destroying the scheduler cancels all its pending timers.
class QtScheduler final : public Scheduler {
public:
    QtScheduler();
    ~QtScheduler() override;
    QtScheduler(const QtScheduler &) = delete;
    QtScheduler &operator=(const QtScheduler &) = delete;

    qint64 nowMs() const override;
    TimerId start(qint64 delayMs, std::function<void()> callback) override;
    void cancel(TimerId id) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace convex::core
