// SPDX-License-Identifier: MIT
#pragma once
// Reconnect delays exactly as the JS client computes them (protocol reference §6.8,
// web_socket_manager.ts `nextBackoff`). Pure arithmetic; the RNG is injectable for tests.

#include <QStringView>

#include <functional>

namespace convex::transport {

class ReconnectBackoff {
public:
    //! Returns a uniformly distributed number in [0, 1).
    using RandomSource = std::function<double()>;

    static constexpr int clientInitialDelayMs = 100;    //!< we closed: no sign of a server problem
    static constexpr int defaultInitialDelayMs = 1000;  //!< unknown or empty close reason
    static constexpr int overloadInitialDelayMs = 3000; //!< server says it is overloaded
    static constexpr int maxDelayMs = 16000;            //!< cap before jitter

    //! \a random defaults to QRandomGenerator::global().
    explicit ReconnectBackoff(RandomSource random = {});

    //! Initial delay selected by a server close reason, matched by prefix as JS does.
    static int initialDelayForServerReason(QStringView closeReason);

    //! delay = min(initial·2^retries, 16 s) · (1 + (rand − 0.5)); then counts one retry.
    int nextDelayMs(int initialDelayMs);

    //! Failed attempts since the last reset ("connectionRetries" in JS).
    int retries() const noexcept { return m_retries; }
    //! Only when the engine reports it synced past the last reconnect.
    void reset() noexcept { m_retries = 0; }

private:
    RandomSource m_random;
    int m_retries = 0;
};

} // namespace convex::transport
