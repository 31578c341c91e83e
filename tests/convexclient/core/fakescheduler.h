// SPDX-License-Identifier: MIT
#pragma once
// A Scheduler whose clock only moves when the test calls advance().

#include "core/scheduler.h"

#include <algorithm>
#include <vector>

namespace convex::test {

class FakeScheduler final : public core::Scheduler {
public:
    explicit FakeScheduler(qint64 startMs = 1795669769432) : m_now(startMs) {}

    qint64 nowMs() const override { return m_now; }

    core::TimerId start(qint64 delayMs, std::function<void()> callback) override
    {
        const core::TimerId id = m_nextId++;
        m_timers.push_back({id, m_now + std::max<qint64>(0, delayMs), std::max<qint64>(0, delayMs),
                            std::move(callback)});
        return id;
    }

    void cancel(core::TimerId id) override
    {
        std::erase_if(m_timers, [id](const Timer &t) { return t.id == id; });
    }

    //! Moves the clock forward, firing due timers in order (each at its due time).
    void advance(qint64 ms)
    {
        const qint64 target = m_now + ms;
        for (;;) {
            auto next = std::min_element(m_timers.begin(), m_timers.end(),
                                         [](const Timer &a, const Timer &b) {
                                             return a.due < b.due || (a.due == b.due && a.id < b.id);
                                         });
            if (next == m_timers.end() || next->due > target)
                break;
            Timer timer = std::move(*next);
            m_timers.erase(next);
            m_now = timer.due;
            timer.callback();
        }
        m_now = target;
    }

    //! Delays (as requested) of the timers still pending, in start order.
    std::vector<qint64> pendingDelays() const
    {
        std::vector<qint64> delays;
        for (const Timer &t : m_timers)
            delays.push_back(t.delay);
        return delays;
    }
    std::size_t pendingCount() const { return m_timers.size(); }

private:
    struct Timer {
        core::TimerId id;
        qint64 due;
        qint64 delay;
        std::function<void()> callback;
    };
    qint64 m_now;
    core::TimerId m_nextId = 1;
    std::vector<Timer> m_timers;
};

} // namespace convex::test
