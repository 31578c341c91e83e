// SPDX-License-Identifier: MIT
// Fuzzes qonvex::app::parsePublishableKey. An accepted key yields a lower-case host with a
// dot, and rebuilding a key from that host (as Clerk does: prefix + unpadded base64 of
// "<host>$") parses to the same host and instance type.
#include "fuzzcheck.h"

#include "config/clerkconfig.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace qonvex::app;
    const QByteArrayView key(reinterpret_cast<const char *>(data), qsizetype(size));
    const convex::Result<PublishableKeyInfo> info = parsePublishableKey(key);
    if (!info) {
        FUZZ_CHECK(!info.error().isEmpty(), "a rejected key has a message");
        return 0;
    }
    FUZZ_CHECK(info->frontendApiHost.contains(QLatin1Char('.')), "the host has a dot");
    FUZZ_CHECK(info->frontendApiHost == info->frontendApiHost.toLower(), "the host is lower case");
    const QByteArray prefix = info->instanceType == ClerkInstanceType::Production ? "pk_live_" : "pk_test_";
    const QByteArray hostText = info->frontendApiHost.toLatin1() + '$';
    const QByteArray rebuilt =
        prefix + hostText.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
    const convex::Result<PublishableKeyInfo> again = parsePublishableKey(rebuilt);
    FUZZ_CHECK(again.ok(), "a key rebuilt from the parsed host parses");
    FUZZ_CHECK(again->frontendApiHost == info->frontendApiHost && again->instanceType == info->instanceType,
               "the rebuilt key gives the same host and instance type");
    return 0;
}
