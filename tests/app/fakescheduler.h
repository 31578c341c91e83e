// SPDX-License-Identifier: MIT
#pragma once
// A Scheduler whose time only moves when the test says so.

#include "session/scheduler.h"

#include <map>

namespace qonvex::test {

class FakeScheduler final : public app::Scheduler {
public:
    explicit FakeScheduler(qint64 startMs = 1'800'000'000'000) : m_now(startMs) {}

    qint64 nowMs() const override { return m_now; }
    TimerId schedule(qint64 delayMs, std::function<void()> fn) override
    {
        const TimerId id = m_next++;
        m_timers.emplace(id, Timer{m_now + std::max<qint64>(delayMs, 0), std::move(fn)});
        return id;
    }
    void cancel(TimerId id) override { m_timers.erase(id); }

    //! Moves time forward, firing due timers in order (timers they add fire too, if due).
    void advance(qint64 ms)
    {
        const qint64 target = m_now + ms;
        for (;;) {
            auto due = m_timers.end();
            for (auto it = m_timers.begin(); it != m_timers.end(); ++it)
                if (it->second.at <= target && (due == m_timers.end() || it->second.at < due->second.at))
                    due = it;
            if (due == m_timers.end())
                break;
            m_now = std::max(m_now, due->second.at);
            auto fn = std::move(due->second.fn);
            m_timers.erase(due);
            fn();
        }
        m_now = target;
    }
    size_t pendingTimers() const { return m_timers.size(); }
    //! Delay until the earliest pending timer, or -1.
    qint64 nextDelay() const
    {
        qint64 best = -1;
        for (const auto &[id, t] : m_timers)
            if (best < 0 || t.at - m_now < best)
                best = t.at - m_now;
        return best;
    }

private:
    struct Timer {
        qint64 at;
        std::function<void()> fn;
    };
    qint64 m_now;
    TimerId m_next = 1;
    std::map<TimerId, Timer> m_timers;
};

} // namespace qonvex::test
