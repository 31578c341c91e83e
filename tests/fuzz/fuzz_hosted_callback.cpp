// SPDX-License-Identifier: MIT
// Fuzzes qonvex::app::parseHostedAuthCallback (the hosted sign-in redirect a browser hands
// back) against a fixed expected redirect and state. An accepted callback has a non-empty
// nonce and session id; no error message ever contains the expected state (a secret).
#include "fuzzcheck.h"

#include "clerk/pkce.h"

#include <cstddef>
#include <cstdint>

namespace {
// Shaped like a real state (43 url-safe characters); the seed corpus uses the same one.
constexpr QByteArrayView kState = "st4te-0123456789abcdefghijklmnopqrstuvwxyzA";
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace qonvex::app;
    static const QUrl redirect(QStringLiteral("qonvex://callback"));
    const QByteArrayView url(reinterpret_cast<const char *>(data), qsizetype(size));
    const convex::Result<HostedAuthCallback> callback = parseHostedAuthCallback(url, redirect, kState);
    if (!callback) {
        FUZZ_CHECK(!callback.error().isEmpty(), "a rejected callback has a message");
        FUZZ_CHECK(!callback.error().contains(QLatin1String(kState.data(), kState.size())), "errors never show the state");
        return 0;
    }
    FUZZ_CHECK(!callback->rotatingTokenNonce.isEmpty(), "an accepted callback has a nonce");
    FUZZ_CHECK(!callback->createdSessionId.isEmpty(), "an accepted callback has a session id");
    return 0;
}
