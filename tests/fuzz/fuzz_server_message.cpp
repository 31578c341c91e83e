// SPDX-License-Identifier: MIT
// Fuzzes convex::protocol::decodeServerMessage with arbitrary frames. Beyond "no crash, no
// sanitizer report": a frame that decodes must re-encode to a frame that decodes again, and
// encoding is a fixed point after one round (decode(encode(m)) encodes to the same bytes).
#include "fuzzcheck.h"
#include "protocol/messages.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace convex::protocol;
    const QByteArrayView frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const convex::Result<ServerMessage> decoded = decodeServerMessage(frame);
    if (!decoded) {
        FUZZ_CHECK(!decoded.error().isEmpty(), "a decode failure has a message");
        return 0;
    }
    FUZZ_CHECK(!typeName(*decoded).isEmpty(), "every message kind has a name");
    const QByteArray encoded = encode(*decoded);
    const convex::Result<ServerMessage> again = decodeServerMessage(encoded);
    FUZZ_CHECK(again.ok(), "a re-encoded server message decodes");
    FUZZ_CHECK(typeName(*again) == typeName(*decoded), "the message kind survives a round trip");
    FUZZ_CHECK(encode(*again) == encoded, "encoding is stable after one round trip");
    return 0;
}
