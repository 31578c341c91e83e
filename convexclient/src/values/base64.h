// SPDX-License-Identifier: MIT
#pragma once
// Base64 as Convex uses it: standard alphabet with '=' padding on output; the decoder also
// accepts the URL-safe characters '-' and '_' like the JS client (npm:src/values/base64.ts).

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace convex::detail {

//! Standard alphabet, padded.
QByteArray base64Encode(QByteArrayView bytes);
//! Length must be a multiple of 4, '=' only as one or two trailing characters; any character
//! outside the standard and URL-safe alphabets is rejected. nullopt when invalid.
std::optional<QByteArray> base64Decode(QByteArrayView text);

//! Exactly 8 little-endian bytes as base64 (the `$integer`/`$float`/timestamp layout).
QByteArray base64EncodeLE64(quint64 bits);
//! The 8 bytes back; nullopt if not valid base64 or not exactly 8 bytes (\a byteCount says how
//! many bytes there were, -1 if the text was not base64).
std::optional<quint64> base64DecodeLE64(QByteArrayView text, qsizetype *byteCount = nullptr);

} // namespace convex::detail
