// SPDX-License-Identifier: MIT
#include "transport/reconnectbackoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <cmath>

namespace convex::transport {

namespace {
struct ReasonDelay {
    QStringView prefix;
    int initialDelayMs;
};
// web_socket_manager.ts `serverDisconnectErrors`: deploys/restarts retry after 1 s,
// overload errors after 3 s.
constexpr std::array serverReasonDelays{
    ReasonDelay{u"InternalServerError", ReconnectBackoff::defaultInitialDelayMs},
    ReasonDelay{u"SubscriptionsWorkerFullError", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"TooManyConcurrentRequests", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"CommitterFullError", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"AwsTooManyRequestsException", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"ExecuteFullError", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"SystemTimeoutError", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"ExpiredInQueue", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"VectorIndexesUnavailable", ReconnectBackoff::defaultInitialDelayMs},
    ReasonDelay{u"SearchIndexesUnavailable", ReconnectBackoff::defaultInitialDelayMs},
    ReasonDelay{u"TableSummariesUnavailable", ReconnectBackoff::defaultInitialDelayMs},
    ReasonDelay{u"VectorIndexTooLarge", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"SearchIndexTooLarge", ReconnectBackoff::overloadInitialDelayMs},
    ReasonDelay{u"TooManyWritesInTimePeriod", ReconnectBackoff::overloadInitialDelayMs},
};
} // namespace

ReconnectBackoff::ReconnectBackoff(RandomSource random)
    : m_random(random ? std::move(random)
                      : RandomSource([] { return QRandomGenerator::global()->generateDouble(); }))
{
}

int ReconnectBackoff::initialDelayForServerReason(QStringView closeReason)
{
    for (const auto &entry : serverReasonDelays) {
        if (closeReason.startsWith(entry.prefix))
            return entry.initialDelayMs;
    }
    return defaultInitialDelayMs;
}

int ReconnectBackoff::nextDelayMs(int initialDelayMs)
{
    // 2^retries overflows nothing here: past 2^20 the cap has long been reached.
    const double base = double(initialDelayMs) * std::exp2(double(std::min(m_retries, 30)));
    ++m_retries;
    const double capped = std::min(base, double(maxDelayMs));
    // Guard the injected source: values outside [0,1) would break the documented bounds.
    const double r = std::clamp(m_random(), 0.0, 1.0);
    const double jittered = capped + capped * (r - 0.5);
    return int(std::floor(jittered));
}

} // namespace convex::transport
