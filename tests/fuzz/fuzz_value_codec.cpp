// SPDX-License-Identifier: MIT
// Fuzzes convex::Value::fromJson (Convex encoded JSON) with arbitrary text. A value that
// decodes must encode (toJson fails only on invalid field names, which the decoder refuses),
// decode back to an equal value, encode to the same bytes again, and survive the QJsonValue
// route too; toPrettyJson must not crash.
#include "fuzzcheck.h"

#include <convexclient/value.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using convex::Value;
    const QByteArrayView json(reinterpret_cast<const char *>(data), qsizetype(size));
    const convex::Result<Value> decoded = Value::fromJson(json);
    if (!decoded) {
        FUZZ_CHECK(!decoded.error().isEmpty(), "a decode failure has a message");
        return 0;
    }
    const convex::Result<QByteArray> encoded = decoded->toJson();
    FUZZ_CHECK(encoded.ok(), "a decoded value encodes");
    const convex::Result<Value> again = Value::fromJson(*encoded);
    FUZZ_CHECK(again.ok(), "an encoded value decodes");
    FUZZ_CHECK(*again == *decoded, "decode(encode(v)) == v");
    const convex::Result<QByteArray> reencoded = again->toJson();
    FUZZ_CHECK(reencoded.ok() && *reencoded == *encoded, "encoding is canonical");
    const convex::Result<Value> viaQt = Value::fromJsonValue(decoded->toJsonValue());
    FUZZ_CHECK(viaQt.ok() && *viaQt == *decoded, "the QJsonValue route round-trips");
    (void)decoded->toPrettyJson();
    return 0;
}
